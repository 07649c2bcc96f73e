//! The warrant's state, the `term` issuance, and the dispatch of its own events
//! and of corporate actions to the modules of the sections that govern them
//! (`exercise`, `transfer`, `market_price`, `adjustment`, `issuance`,
//! `notices`).
//!
//! A warrant is held as certificates: `transfer.exchange` makes every transfer or
//! replacement "a new Warrant or Warrants, of the same tenor", and `exercise`
//! makes every partial exercise "a new Warrant representing the number of
//! shares ... with respect to which this Warrant shall not then have been
//! exercised". Each holder holds at most one live certificate (a transferee
//! who already holds one receives a single consolidated certificate), so a
//! holder's position is its certificate. Every method that can refuse works
//! on a copy and commits only on success, so a rejection changes nothing.

use crate::codes::*;
use crate::event::{DividendSource, NoticeSection, WarrantEvent};
use crate::exercise::Method;
use crate::price::{PriceStep, StepInput};
use crate::statement::{AdjustmentStatement, NoticeOwed};
use crate::terms::{InitialPrice, PriceAdjustment, WarrantTerms};
use actions::{CorporateAction, ReferenceProperty};
use calendar::Date;
use serde::Serialize;
use std::collections::BTreeMap;
use terms::{BookView, HolderId, InstrumentId, Outcome, Rejection, SecurityId};
use units::rounding::price_nearest_cent;
use units::{Clause, Computed, Exact, Money, Price, Shares, UnitsError};

/// The cover page of one warrant, recorded by `issue-warrant`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct IssueInfo {
    /// "Date of Initial Issuance".
    pub date: Date,
    /// "Expiration Date": the last day of the Term (`term`).
    pub expiry: Date,
    /// "Initial Warrant Price" as stated.
    pub initial_price_stated: Price,
    /// The price the `price-adjustment` chain starts from (as stated, or to the cent).
    pub initial_price: Price,
    /// "Number of Shares".
    pub initial_shares: Shares,
    pub holder: HolderId,
}

/// One warrant certificate (the original, a replacement, or a new Warrant
/// on transfer or partial exercise).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Certificate {
    pub number: String,
    pub holder: HolderId,
    /// Warrant Shares purchasable under it (to the tenth, `share-adjustment`).
    pub shares: Shares,
    pub issued: Date,
    /// Why it was made ("initial issuance", "transfer from …").
    pub origin: String,
    pub cancelled: Option<Date>,
    pub cancel_reason: Option<String>,
}

/// Options, rights or convertibles issued during the Term (`price-adjustment.deemed-issuance`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RightsRecord {
    pub security: SecurityId,
    pub issued: Date,
    /// Excluded Stock under `price-adjustment.excluded-stock`: counted in the base, never adjusts.
    pub excluded: bool,
    /// The part of `max_shares` within the plan's `price-adjustment.excluded-stock` limit (all of
    /// it when `excluded`; none for rights outside employee plans).
    pub excluded_shares: Shares,
    /// The product of the `price-adjustment.subdivision`/`price-adjustment.combination` factors in effect when issued, to
    /// state `excluded_shares` in shares of the warrant's date.
    pub split_factor: Exact,
    /// The index of its deemed-issuance step in the price chain.
    pub step: Option<usize>,
    /// "the aggregate maximum number of shares ... deliverable".
    pub max_shares: Shares,
    /// Consideration for the rights themselves (rules 1–2, capped).
    pub rights_consideration: Money,
    /// "the minimum purchase price provided in such options or rights".
    pub exercise_price: Price,
    /// Still outstanding (not expired or terminated).
    pub open: bool,
    /// Shares actually issued on exercise, once expired (`price-adjustment.deemed-issuance.expiry`).
    pub exercised: Option<Shares>,
}

/// An exercise, kept for `price-adjustment.due-bill` due bills and the history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ExerciseRecord {
    pub date: Date,
    pub holder: HolderId,
    pub recipient: HolderId,
    pub method: Method,
    pub warrant_shares: Shares,
    pub common_issued: Shares,
    pub warrant_price: Price,
    pub holder_of_record_from: Date,
}

/// A subdivision, combination or distribution adjustment waiting for its effective date (`price-adjustment.effective-date`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PendingAdjustment {
    pub date: Date,
    pub record_date: Date,
    pub effective: Date,
    pub input: StepInput,
    pub facts: String,
    pub notices: Vec<NoticeOwed>,
}

/// A `current-market-price` Board determination of the Current Market Price.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CmpDetermination {
    pub for_date: Date,
    pub price: Price,
    pub made: Date,
    pub informed: Date,
    pub disputed: Option<Date>,
    /// True for the independent firm's determination after a dispute.
    pub independent: bool,
    pub firm: Option<String>,
}

/// A notice the journal records as given.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NoticeGiven {
    pub section: NoticeSection,
    pub date: Date,
    pub concerning: Option<Date>,
}

/// `reorganization`: what the warrant became exercisable for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Reorganized {
    pub date: Date,
    pub description: String,
    pub property: Vec<ReferenceProperty>,
}

/// `dissolution`: the dissolution and its exercise window.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Dissolved {
    pub date: Date,
    pub notice: Date,
    /// The last day on which the warrant may be exercised.
    pub window_end: Date,
}

/// One stock subscription warrant: its terms, cover page and state.
#[derive(Clone, Debug, Serialize)]
pub struct Warrant {
    pub id: InstrumentId,
    /// The security id under which the book lists the warrant, if declared.
    pub security: Option<SecurityId>,
    pub terms: WarrantTerms,
    pub issue: Option<IssueInfo>,
    pub certificates: Vec<Certificate>,
    /// The Warrant Price in effect.
    pub price: Price,
    /// Every `price-adjustment` step so far, in order (the replayable chain).
    pub steps: Vec<PriceStep>,
    pub rights: Vec<RightsRecord>,
    /// Deemed shares that have since been actually issued on exercise.
    pub deemed_exercised: Shares,
    pub pending: Vec<PendingAdjustment>,
    /// `notices.adjustment-statement` statements, in order.
    pub history: Vec<AdjustmentStatement>,
    pub exercises: Vec<ExerciseRecord>,
    /// Periods (first, last day) the stock transfer books are closed.
    pub closed_books: Vec<(Date, Date)>,
    pub determinations: Vec<CmpDetermination>,
    pub notices: Vec<NoticeGiven>,
    pub dividend_sources: BTreeMap<Date, DividendSource>,
    /// The source each cash distribution was treated on when it was
    /// applied, by record date: a later `dividend-source` for that record
    /// date cannot change the `price-adjustment.distribution` step already in the chain (see
    /// docs/interpretations.md, "A dividend-source after its distribution").
    pub dividend_sources_applied: BTreeMap<Date, DividendSource>,
    pub reorganization: Option<Reorganized>,
    pub dissolution: Option<Dissolved>,
    /// Common issued directly under employee plans as Excluded Stock
    /// (`price-adjustment.excluded-stock`), in shares of the warrant's date.
    pub plan_common_excluded_issued: Exact,
}

pub(crate) fn arith(t: &WarrantTerms, e: UnitsError) -> Rejection {
    Rejection::new(
        ARITHMETIC,
        t.clause("price-adjustment.rounding"),
        format!("arithmetic failed: {e}"),
    )
}

impl Warrant {
    /// A warrant on the form `terms`, not yet issued (see `issue-warrant`).
    pub fn new(id: InstrumentId, terms: WarrantTerms) -> Self {
        Warrant {
            id,
            security: None,
            terms,
            issue: None,
            certificates: Vec::new(),
            price: Price::ZERO,
            steps: Vec::new(),
            rights: Vec::new(),
            deemed_exercised: Shares::ZERO,
            pending: Vec::new(),
            history: Vec::new(),
            exercises: Vec::new(),
            closed_books: Vec::new(),
            determinations: Vec::new(),
            notices: Vec::new(),
            dividend_sources: BTreeMap::new(),
            dividend_sources_applied: BTreeMap::new(),
            reorganization: None,
            dissolution: None,
            plan_common_excluded_issued: Exact::zero(),
        }
    }

    pub(crate) fn clause(&self, key: &str) -> Clause {
        self.terms.clause(key)
    }

    /// The citation of `key` without the document's name.
    pub(crate) fn mark(&self, key: &str) -> String {
        self.terms.mark(key)
    }

    pub(crate) fn arith(&self, e: UnitsError) -> Rejection {
        arith(&self.terms, e)
    }

    /// The live certificates, in issue order.
    pub fn live(&self) -> impl Iterator<Item = &Certificate> {
        self.certificates.iter().filter(|c| c.cancelled.is_none())
    }

    /// The holder's live certificate.
    pub fn certificate_of(&self, holder: &HolderId) -> Option<&Certificate> {
        self.live().find(|c| &c.holder == holder)
    }

    /// Warrant Shares purchasable under every live certificate.
    pub fn total_shares(&self) -> Shares {
        self.live().fold(Shares::ZERO, |acc, c| {
            acc.checked_add(c.shares).unwrap_or(acc)
        })
    }

    /// Whether the warrant can be exercised on `day` (within the Term and,
    /// after a dissolution, within the `dissolution` window).
    pub fn exercisable_on(&self, day: Date) -> bool {
        match &self.issue {
            None => false,
            Some(i) => {
                day >= i.date
                    && day <= i.expiry
                    && !matches!(&self.dissolution, Some(d) if day > d.window_end)
            }
        }
    }

    /// The holder-of-record date for an exercise on `day` (`exercise`): the day
    /// itself, or the next day the stock transfer books are open.
    pub fn holder_of_record_from(&self, day: Date) -> Date {
        let mut d = day;
        // Each pass moves past one closed period; periods are finite, so
        // this ends after at most as many passes as there are periods.
        for _ in 0..=self.closed_books.len() {
            match self.closed_books.iter().find(|(f, t)| *f <= d && d <= *t) {
                Some((_, t)) => match t.tomorrow() {
                    Ok(n) => d = n,
                    Err(_) => return *t,
                },
                None => return d,
            }
        }
        d
    }

    // ----------------------------------------------------------------
    // `reserve` reserve covenant

    pub(crate) fn reserve_check(
        &self,
        view: &dyn BookView,
        issued_now: Shares,
        outcome: &mut Outcome,
    ) {
        if !self.terms.reserve.check {
            return;
        }
        let common = view.common();
        let Some(authorized) = view.authorized(&common) else {
            return;
        };
        let needed = self.total_shares();
        let unissued = authorized
            .checked_sub(view.outstanding(&common))
            .and_then(|x| x.checked_sub(view.treasury(&common)))
            .and_then(|x| x.checked_sub(issued_now));
        if let Ok(unissued) = unissued {
            if unissued < needed {
                outcome.warnings.push(terms::Warning {
                    code: W_RESERVE,
                    clause: self.clause("reserve"),
                    message: format!(
                        "authorized but unissued common ({unissued}) is less than the {needed} Warrant Shares of {} the Company must keep reserved",
                        self.id
                    ),
                });
            }
        }
    }

    // ----------------------------------------------------------------
    // Own events

    pub(crate) fn apply_event(
        &mut self,
        event: &WarrantEvent,
        view: &dyn BookView,
    ) -> Result<Outcome, Rejection> {
        if event.warrant() != &self.id {
            return Err(Rejection::new(
                WRONG_WARRANT,
                self.clause("term"),
                format!(
                    "event for {} applied to warrant {}",
                    event.warrant(),
                    self.id
                ),
            ));
        }
        let today = view.date();
        let mut outcome = Outcome::none();
        match event {
            WarrantEvent::Issue {
                holder,
                shares,
                price,
                expiry,
                certificate,
                ..
            } => {
                if self.issue.is_some() {
                    return Err(Rejection::new(
                        ALREADY_ISSUED,
                        self.clause("term"),
                        format!("warrant {} was already issued", self.id),
                    ));
                }
                if shares.is_zero()
                    || shares.is_negative()
                    || price.is_zero()
                    || price.is_negative()
                {
                    return Err(Rejection::new(
                        BAD_ISSUE,
                        self.clause("term"),
                        "a warrant is issued for a positive number of shares at a positive Warrant Price",
                    ));
                }
                if !view.holder_exists(holder) {
                    return Err(Rejection::new(
                        UNKNOWN_HOLDER,
                        self.clause("transfer.ownership"),
                        format!("holder {holder} is not declared"),
                    ));
                }
                let end = calendar::anniversary(today, self.terms.term_years);
                if let Some(e) = expiry {
                    if *e != end {
                        return Err(Rejection::new(
                            EXPIRY_MISMATCH,
                            self.clause("term"),
                            format!(
                                "the Term ends on the {} anniversary of {today}, {end}, not {e}",
                                self.terms.term_years
                            ),
                        ));
                    }
                }
                let initial = match self.terms.adjustment.initial_price {
                    InitialPrice::AsStated => *price,
                    InitialPrice::NearestCent => {
                        price_nearest_cent(&price.exact()).map_err(|e| self.arith(e))?
                    }
                };
                let mut next = self.clone();
                next.issue = Some(IssueInfo {
                    date: today,
                    expiry: end,
                    initial_price_stated: *price,
                    initial_price: initial,
                    initial_shares: *shares,
                    holder: holder.clone(),
                });
                next.price = initial;
                let number = certificate
                    .clone()
                    .unwrap_or_else(|| next.next_certificate_number());
                next.certificates.push(Certificate {
                    number,
                    holder: holder.clone(),
                    shares: *shares,
                    issued: today,
                    origin: "initial issuance".to_string(),
                    cancelled: None,
                    cancel_reason: None,
                });
                outcome.computations.push(
                    Computed::new(
                        "Expiration Date",
                        end,
                        "date of initial issuance + term years (anniversary)",
                    )
                    .input("date of initial issuance", today)
                    .input("years", self.terms.term_years)
                    .cite(self.clause("term")),
                );
                next.reserve_check(view, Shares::ZERO, &mut outcome);
                *self = next;
                Ok(outcome)
            }
            WarrantEvent::Exercise {
                shares,
                holder,
                payment,
                issue_to,
                fraction_value,
                ..
            } => self.exercise_for_payment(view, shares, holder, payment, issue_to, fraction_value),
            WarrantEvent::NetExercise {
                shares,
                holder,
                issue_to,
                fraction_value,
                ..
            } => self.net_exercise(view, shares, holder, issue_to, fraction_value),
            WarrantEvent::Transfer {
                to, shares, from, ..
            } => self.transfer(view, to, shares, from),
            WarrantEvent::Replace { holder, reason, .. } => self.replace(view, holder, reason),
            WarrantEvent::CloseTransferBooks { from, to, .. } => {
                self.closed_books.push((*from, *to));
                Ok(outcome)
            }
            WarrantEvent::CmpDetermination {
                price,
                for_date,
                informed,
                ..
            } => self.cmp_determination(view, price, for_date, informed),
            WarrantEvent::CmpDispute { for_date, .. } => self.cmp_dispute(view, for_date),
            WarrantEvent::CmpAppraisal {
                price,
                for_date,
                firm,
                ..
            } => self.cmp_appraisal(view, price, for_date, firm),
            WarrantEvent::Notice {
                section,
                concerning,
                ..
            } => {
                let Some(notice) = NoticeSection::named(section, &self.terms) else {
                    let known: Vec<String> = NoticeSection::ALL
                        .iter()
                        .map(|(key, _)| format!("{} ({key})", self.clause(key).section))
                        .collect();
                    return Err(Rejection::new(
                        UNKNOWN_NOTICE,
                        self.clause("notices.adjustment-statement"),
                        format!(
                            "`{section}` is not a notice clause of this form; its notices are {}",
                            known.join(", ")
                        ),
                    ));
                };
                self.notices.push(NoticeGiven {
                    section: notice,
                    date: today,
                    concerning: *concerning,
                });
                Ok(outcome)
            }
            WarrantEvent::DividendSource {
                record_date,
                source,
                ..
            } => {
                // A distribution already applied on the other source stays
                // as it was (its `price-adjustment.distribution` step, the exercises and statements
                // since rest on it): refused, never silently ignored.
                if let Some(used) = self.dividend_sources_applied.get(record_date) {
                    if used != source {
                        return Err(Rejection::new(
                            LATE_DIVIDEND_SOURCE,
                            self.clause("price-adjustment.distribution"),
                            format!(
                                "the cash distribution with record date {record_date} was already applied as paid out of {} ({}); a `dividend-source` must be recorded before the `distribute` line it concerns",
                                used.words(),
                                match used {
                                    DividendSource::Earnings => format!(
                                        "no {} adjustment",
                                        self.mark("price-adjustment.distribution")
                                    ),
                                    DividendSource::Capital => format!(
                                        "{} adjustment computed",
                                        self.mark("price-adjustment.distribution")
                                    ),
                                },
                            ),
                        ));
                    }
                }
                self.dividend_sources.insert(*record_date, *source);
                Ok(outcome)
            }
        }
    }

    // ----------------------------------------------------------------
    // Corporate actions (dispatch)

    pub(crate) fn react(
        &mut self,
        action: &CorporateAction,
        view: &dyn BookView,
    ) -> Result<Outcome, Rejection> {
        let today = view.date();
        let Some(issue) = &self.issue else {
            return Ok(Outcome::none());
        };
        // `price-adjustment`: adjustments are made "during the Term of this Warrant".
        if today < issue.date
            || today > issue.expiry
            || matches!(&self.dissolution, Some(d) if today > d.window_end)
        {
            return Ok(Outcome::none());
        }
        let mut next = self.clone();
        let mut outcome = Outcome::none();
        // Without the price-based adjustment an issuance of common, or of
        // options, rights or convertibles, changes neither the price nor
        // the shares; the reserve covenant still watches the common.
        let price_based =
            self.terms.adjustment.price_adjustment == PriceAdjustment::WeightedAverage;
        match action {
            CorporateAction::IssueCommon {
                shares,
                consideration,
                purpose,
                ..
            } => {
                if price_based {
                    next.on_issue_common(*shares, consideration, *purpose, view, &mut outcome)?;
                }
                next.reserve_check(view, *shares, &mut outcome);
            }
            CorporateAction::IssueRights { .. }
            | CorporateAction::AmendRights { .. }
            | CorporateAction::ExpireRights { .. }
                if !price_based => {}
            CorporateAction::IssueRights { rights, purpose } => {
                next.on_issue_rights(rights, *purpose, view, &mut outcome)?;
            }
            CorporateAction::AmendRights {
                security,
                exercise_price,
                max_shares,
            } => {
                next.on_amend_rights(security, *exercise_price, *max_shares, today, &mut outcome)?
            }
            CorporateAction::ExpireRights {
                security,
                exercised,
            } => next.on_expire_rights(security, *exercised, today, &mut outcome)?,
            CorporateAction::Subdivision {
                kind,
                numerator,
                denominator,
                record_date,
            } => next.on_subdivision(
                *kind,
                *numerator,
                *denominator,
                *record_date,
                view,
                &mut outcome,
            )?,
            CorporateAction::Distribution {
                kind,
                per_share,
                record_date,
                solely_in_common,
            } => next.on_distribution(
                *kind,
                *per_share,
                *record_date,
                *solely_in_common,
                view,
                &mut outcome,
            )?,
            CorporateAction::Reorganization {
                kind,
                reference_property,
                ..
            } => next.on_reorganization(*kind, reference_property, view, &mut outcome),
            CorporateAction::Dissolution { .. } => next.on_dissolution(view)?,
            CorporateAction::Repurchase { .. } => {}
        }
        *self = next;
        Ok(outcome)
    }
}

/// `d` plus `n` calendar days (negative: before), saturating.
pub fn add_days(d: Date, n: i32) -> Date {
    let span = jiff::Span::new().days(i64::from(n));
    d.checked_add(span)
        .unwrap_or(if n < 0 { Date::MIN } else { Date::MAX })
}
