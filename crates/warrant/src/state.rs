//! The warrant's state and its transitions: issuance, exercise, transfer,
//! replacement, and the §5–§10 reactions to corporate actions.
//!
//! A warrant is held as certificates: §7.2 makes every transfer or
//! replacement "a new Warrant or Warrants, of the same tenor", and §2.1
//! makes every partial exercise "a new Warrant representing the number of
//! shares ... with respect to which this Warrant shall not then have been
//! exercised". Each holder holds at most one live certificate (a transferee
//! who already holds one receives a single consolidated certificate), so a
//! holder's position is its certificate. Every method that can refuse works
//! on a copy and commits only on success, so a rejection changes nothing.

use crate::codes::*;
use crate::event::{DividendSource, NoticeSection, ShareCount, WarrantEvent};
use crate::exercise::{ExerciseQuote, Method};
use crate::price::{adjusted_shares, apply_step, replay, step_section, PriceStep, StepInput};
use crate::statement::{AdjustmentStatement, HolderAdjustment, NoticeOwed};
use crate::terms::{Base, DistributionCmpAt, InitialPrice, WarrantTerms};
use actions::{CorporateAction, DistributionKind, Purpose, ReferenceProperty, SubdivisionKind};
use calendar::{Calendar, Date};
use serde::Serialize;
use std::collections::BTreeMap;
use terms::{BookView, Effect, HolderId, InstrumentId, Outcome, Rejection, SecurityId};
use units::rounding::price_nearest_cent;
use units::{Clause, Computed, Exact, Money, Price, Rounding, Shares, UnitsError};

/// The cover page of one warrant, recorded by `issue-warrant`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct IssueInfo {
    /// "Date of Initial Issuance".
    pub date: Date,
    /// "Expiration Date": the last day of the Term (§1).
    pub expiry: Date,
    /// "Initial Warrant Price" as stated.
    pub initial_price_stated: Price,
    /// The price the §6 chain starts from (as stated, or to the cent).
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
    /// Warrant Shares purchasable under it (to the tenth, §5).
    pub shares: Shares,
    pub issued: Date,
    /// Why it was made ("initial issuance", "transfer from …").
    pub origin: String,
    pub cancelled: Option<Date>,
    pub cancel_reason: Option<String>,
}

/// Options, rights or convertibles issued during the Term (§6(i)(3)).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RightsRecord {
    pub security: SecurityId,
    pub issued: Date,
    /// Excluded Stock under §6(ii)(2): counted in the base, never adjusts.
    pub excluded: bool,
    /// The part of `max_shares` within the plan's §6(ii)(2) limit (all of
    /// it when `excluded`; none for rights outside employee plans).
    pub excluded_shares: Shares,
    /// The product of the §6(iii)/(iv) factors in effect when issued, to
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
    /// Shares actually issued on exercise, once expired (§6(i)(3)(D)).
    pub exercised: Option<Shares>,
}

/// An exercise, kept for §6(xi) due bills and the history.
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

/// A §6(iii)–(v) adjustment waiting for its effective date (§6(ix)).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PendingAdjustment {
    pub date: Date,
    pub record_date: Date,
    pub effective: Date,
    pub input: StepInput,
    pub facts: String,
    pub notices: Vec<NoticeOwed>,
}

/// A §6(vii) Board determination of the Current Market Price.
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

/// §8: what the warrant became exercisable for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Reorganized {
    pub date: Date,
    pub description: String,
    pub property: Vec<ReferenceProperty>,
}

/// §9: the dissolution and its exercise window.
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
    /// Every §6 step so far, in order (the replayable chain).
    pub steps: Vec<PriceStep>,
    pub rights: Vec<RightsRecord>,
    /// Deemed shares that have since been actually issued on exercise.
    pub deemed_exercised: Shares,
    pub pending: Vec<PendingAdjustment>,
    /// §6(viii) statements, in order.
    pub history: Vec<AdjustmentStatement>,
    pub exercises: Vec<ExerciseRecord>,
    /// Periods (first, last day) the stock transfer books are closed.
    pub closed_books: Vec<(Date, Date)>,
    pub determinations: Vec<CmpDetermination>,
    pub notices: Vec<NoticeGiven>,
    pub dividend_sources: BTreeMap<Date, DividendSource>,
    pub reorganization: Option<Reorganized>,
    pub dissolution: Option<Dissolved>,
    /// Common issued directly under employee plans as Excluded Stock
    /// (§6(ii)(2)), in shares of the warrant's date.
    pub plan_common_excluded_issued: Exact,
}

fn arith(doc: &str, e: UnitsError) -> Rejection {
    Rejection::new(
        ARITHMETIC,
        Clause::new(doc, "6(vi)"),
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
            reorganization: None,
            dissolution: None,
            plan_common_excluded_issued: Exact::zero(),
        }
    }

    pub(crate) fn doc(&self) -> &str {
        &self.terms.document
    }

    pub(crate) fn clause(&self, section: &str) -> Clause {
        self.terms.clause(section)
    }

    pub(crate) fn arith(&self, e: UnitsError) -> Rejection {
        arith(self.doc(), e)
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
    /// after a dissolution, within the §9 window).
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

    /// The holder-of-record date for an exercise on `day` (§2.1): the day
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

    fn next_certificate_number(&self) -> String {
        format!("{}-{}", self.id, self.certificates.len() + 1)
    }

    fn issue_certificate(
        &mut self,
        holder: HolderId,
        shares: Shares,
        issued: Date,
        origin: String,
    ) -> String {
        let number = self.next_certificate_number();
        self.certificates.push(Certificate {
            number: number.clone(),
            holder,
            shares,
            issued,
            origin,
            cancelled: None,
            cancel_reason: None,
        });
        number
    }

    fn cancel_certificate(
        &mut self,
        holder: &HolderId,
        day: Date,
        reason: &str,
    ) -> Option<Certificate> {
        let c = self
            .certificates
            .iter_mut()
            .find(|c| c.cancelled.is_none() && &c.holder == holder)?;
        c.cancelled = Some(day);
        c.cancel_reason = Some(reason.to_string());
        Some(c.clone())
    }

    /// The holder an event concerns: the one named, or the only holder.
    pub(crate) fn resolve_holder(&self, named: Option<&HolderId>) -> Result<HolderId, Rejection> {
        match named {
            Some(h) => {
                if self.certificate_of(h).is_some() {
                    Ok(h.clone())
                } else {
                    Err(Rejection::new(
                        NOT_HELD,
                        self.clause("7.1"),
                        format!("{h} holds no certificate of warrant {}", self.id),
                    ))
                }
            }
            None => {
                let holders: Vec<&Certificate> = self.live().collect();
                match holders.as_slice() {
                    [one] => Ok(one.holder.clone()),
                    [] => Err(Rejection::new(
                        NOT_HELD,
                        self.clause("7.1"),
                        format!("warrant {} has no outstanding certificate", self.id),
                    )
                    .with_help("record the issuance with `issue-warrant` first")),
                    _ => Err(Rejection::new(
                        AMBIGUOUS_HOLDER,
                        self.clause("7.1"),
                        format!("warrant {} has several holders; say which", self.id),
                    )
                    .with_help("add `holder: <id>` (or `from: <id>` for a transfer)")),
                }
            }
        }
    }

    // ----------------------------------------------------------------
    // The Current Market Price, §6(vii)

    /// The Current Market Price at `day` (§6(vii)), to the cent (§6(vi)):
    /// the market average when quotations are available; otherwise the
    /// independent firm's determination, else the Board's (unless disputed),
    /// else a Board fair value recorded in the book.
    pub fn current_market_price(
        &self,
        view: &dyn BookView,
        day: Date,
    ) -> Result<(Price, Computed), Rejection> {
        let common = view.common();
        let n = self.terms.current_market_price.business_days;
        match view.warrant_market_price(&common, day, n) {
            Ok((exact, comp)) => {
                let p = price_nearest_cent(&exact).map_err(|e| self.arith(e))?;
                let c = Computed::new(
                    "Current Market Price",
                    p,
                    "average of daily closing prices, to the cent",
                )
                .input("exact average", exact.display())
                .rounded("to the nearest cent (§6(vi)), half up")
                .cite(self.clause("6(vii)"))
                .step(comp);
                Ok((p, c))
            }
            Err(gap) => {
                let found = |independent: bool| {
                    self.determinations
                        .iter()
                        .rev()
                        .find(|d| d.for_date == day && d.independent == independent)
                };
                if let Some(a) = found(true) {
                    let firm = a
                        .firm
                        .clone()
                        .unwrap_or_else(|| "independent firm".to_string());
                    return Ok((
                        a.price,
                        Computed::new("Current Market Price", a.price, "determination of a nationally recognized independent firm after the Holder's dispute")
                            .input("firm", firm)
                            .input("quotations missing", gap.to_string())
                            .cite(self.clause("6(vii)")),
                    ));
                }
                if let Some(b) = found(false) {
                    if let Some(disputed) = b.disputed {
                        return Err(Rejection::new(
                            NO_CMP,
                            self.clause("6(vii)"),
                            format!(
                                "the Board's determination of the Current Market Price for {day} was disputed on {disputed}; the independent firm has not determined it"
                            ),
                        )
                        .with_help("record `cmp-appraisal <warrant> <price>` with `for:` the date"));
                    }
                    return Ok((
                        b.price,
                        Computed::new("Current Market Price", b.price, "determined in good faith by the Board of Directors (quotations not available)")
                            .input("determined on", b.made)
                            .input("quotations missing", gap.to_string())
                            .cite(self.clause("6(vii)")),
                    ));
                }
                if let Some(p) = view.board_fair_value(&common, day) {
                    return Ok((
                        p,
                        Computed::new(
                            "Current Market Price",
                            p,
                            "Board fair value recorded in the book (quotations not available)",
                        )
                        .input("quotations missing", gap.to_string())
                        .cite(self.clause("6(vii)")),
                    ));
                }
                Err(Rejection::new(
                    NO_CMP,
                    self.clause("6(vii)"),
                    format!("no Current Market Price at {day}: {gap}"),
                )
                .with_help("add closing prices, or record `cmp-determination <warrant> <price>` with `for:` the date"))
            }
        }
    }

    // ----------------------------------------------------------------
    // §3 reserve covenant

    fn reserve_check(&self, view: &dyn BookView, issued_now: Shares, outcome: &mut Outcome) {
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
                    clause: self.clause("3"),
                    message: format!(
                        "authorized but unissued common ({unissued}) is less than the {needed} Warrant Shares of {} the Company must keep reserved",
                        self.id
                    ),
                });
            }
        }
    }

    // ----------------------------------------------------------------
    // Adjustments

    /// Shares outstanding for §6(i)(A)(x): common outstanding plus deemed
    /// shares, or the book's fully diluted count (term setting).
    fn base_before(&self, view: &dyn BookView) -> Result<Shares, Rejection> {
        match self.terms.adjustment.base {
            Base::FullyDiluted => Ok(view.fully_diluted_common(Some(&self.id))),
            Base::OutstandingPlusDeemed => {
                let deemed = self.deemed_outstanding().map_err(|e| self.arith(e))?;
                view.outstanding(&view.common())
                    .checked_add(deemed)
                    .map_err(|e| self.arith(e))
            }
        }
    }

    /// Shares deemed issued under §6(i)(3) (and clause (ii)) and not yet
    /// actually issued.
    pub fn deemed_outstanding(&self) -> Result<Shares, UnitsError> {
        let open = self
            .rights
            .iter()
            .filter(|r| r.open)
            .try_fold(Shares::ZERO, |acc, r| acc.checked_add(r.max_shares))?;
        let net = open.checked_sub(self.deemed_exercised)?;
        Ok(if net.is_negative() { Shares::ZERO } else { net })
    }

    /// Moves the warrant to `new_price`, adjusting every certificate by §5,
    /// and records the §6(viii) statement. Mutates `self`; callers work on a
    /// copy.
    #[allow(clippy::too_many_arguments)]
    fn record_adjustment(
        &mut self,
        section: &str,
        facts: String,
        date: Date,
        effective: Date,
        new_price: Price,
        price_comp: Computed,
        mut notices: Vec<NoticeOwed>,
        outcome: &mut Outcome,
    ) -> Result<(), Rejection> {
        let before = self.price;
        let shares_before = self.total_shares();
        let mut holders = Vec::new();
        let mut comps = vec![price_comp.clone()];
        let doc = self.doc().to_string();
        for c in self
            .certificates
            .iter_mut()
            .filter(|c| c.cancelled.is_none())
        {
            let (after, sc) =
                adjusted_shares(&doc, c.shares, before, new_price).map_err(|e| arith(&doc, e))?;
            holders.push(HolderAdjustment {
                holder: c.holder.to_string(),
                certificate: c.number.clone(),
                shares_before: c.shares,
                shares_after: after,
            });
            comps.push(sc.clone());
            outcome.computations.push(sc);
            c.shares = after;
        }
        self.price = new_price;
        notices.push(NoticeOwed {
            clause: self.clause("6(viii)"),
            what: "statement of the adjustment mailed to each Holder".to_string(),
            due: effective,
            given: self.notice_given(NoticeSection::Adjustment, Some(effective), date),
        });
        let statement = AdjustmentStatement {
            number: u32::try_from(self.history.len() + 1).unwrap_or(u32::MAX),
            clause: self.clause(section),
            facts,
            date,
            effective,
            price_before: before,
            price_after: new_price,
            shares_before,
            shares_after: self.total_shares(),
            holders,
            computations: comps,
            notices,
        };
        outcome.computations.insert(0, price_comp);
        self.history.push(statement);
        Ok(())
    }

    /// The date a notice of `section` concerning `concerning` was recorded
    /// (the latest on or before `by`, if several).
    fn notice_given(
        &self,
        section: NoticeSection,
        concerning: Option<Date>,
        by: Date,
    ) -> Option<Date> {
        self.notices
            .iter()
            .filter(|n| n.section == section && n.date <= by)
            .filter(|n| {
                concerning.is_none() || n.concerning.is_none() || n.concerning == concerning
            })
            .map(|n| n.date)
            .max()
    }

    /// Appends a §6(i) step (an issuance, or a deemed issuance) and adjusts
    /// if it requires.
    fn issuance_step(
        &mut self,
        step: PriceStep,
        facts: String,
        outcome: &mut Outcome,
    ) -> Result<(), Rejection> {
        let doc = self.doc().to_string();
        let result = apply_step(&doc, &step.input, self.price).map_err(|e| arith(&doc, e))?;
        let section = step_section(&step.input);
        let (date, effective) = (step.date, step.effective);
        self.steps.push(step);
        if let Some((after, comp)) = result {
            if after != self.price {
                self.record_adjustment(
                    section,
                    facts,
                    date,
                    effective,
                    after,
                    comp,
                    Vec::new(),
                    outcome,
                )?;
            }
        }
        Ok(())
    }

    /// §6(i)(3)(C)/(D): recompute the chain and readjust to the price that
    /// "would have obtained".
    fn readjust(
        &mut self,
        section: &str,
        facts: String,
        date: Date,
        outcome: &mut Outcome,
    ) -> Result<(), Rejection> {
        let Some(issue) = &self.issue else {
            return Ok(());
        };
        let doc = self.doc().to_string();
        let replayed =
            replay(&doc, issue.initial_price, &self.steps).map_err(|e| arith(&doc, e))?;
        if replayed == self.price {
            return Ok(());
        }
        let comp = Computed::new(
            "Warrant Price",
            replayed,
            "the Warrant Price that would have obtained had the adjustment on the issuance of the rights been made on the changed basis (every later step recomputed)",
        )
        .input("Warrant Price before readjustment", self.price)
        .input("initial Warrant Price", issue.initial_price)
        .input("steps replayed", self.steps.len())
        .rounded("each step to the nearest cent (§6(vi))")
        .cite(self.clause(section));
        self.record_adjustment(
            section,
            facts,
            date,
            date,
            replayed,
            comp,
            Vec::new(),
            outcome,
        )
    }

    /// Applies a §6(iii)–(v) adjustment now: the step, the statement, and
    /// §6(xi) due bills for exercises made after the record date.
    fn apply_record_date_adjustment(
        &mut self,
        p: PendingAdjustment,
        today: Date,
        common: &SecurityId,
        outcome: &mut Outcome,
    ) -> Result<(), Rejection> {
        let doc = self.doc().to_string();
        let before = self.price;
        let result = apply_step(&doc, &p.input, before).map_err(|e| arith(&doc, e))?;
        let section = step_section(&p.input);
        self.steps.push(PriceStep {
            date: p.date,
            effective: p.effective,
            input: p.input.clone(),
        });
        let Some((after, comp)) = result else {
            return Ok(());
        };
        if after == before {
            return Ok(());
        }
        self.record_adjustment(
            section,
            p.facts.clone(),
            p.date,
            p.effective,
            after,
            comp,
            p.notices.clone(),
            outcome,
        )?;
        // §6(xi): exercises after the record date and before the event get
        // the additional shares the adjustment requires, by due bill.
        // The ledger subdivides every position on the date of a split or
        // combination, so shares issued on exercise after the record date
        // but up to that date already receive the new shares there; only
        // later exercises need the due bill. A distribution moves no shares:
        // every exercise after the record date does.
        let due_after = match p.input {
            StepInput::Subdivision { .. } => p.record_date.max(p.date),
            _ => p.record_date,
        };
        let due: Vec<ExerciseRecord> = self
            .exercises
            .iter()
            .filter(|e| e.date > due_after && e.date <= today && !e.common_issued.is_zero())
            .cloned()
            .collect();
        for e in due {
            let exact = e
                .common_issued
                .exact()
                .mul(&before.exact())
                .div(&after.exact())
                .map_err(|x| arith(&doc, x))?
                .sub(&e.common_issued.exact());
            if !exact.is_negative() && !exact.is_zero() {
                let (whole, _) = exact.trunc_fract();
                let whole = Shares::new(
                    whole
                        .round_dp(0, units::Rounding::TowardZero)
                        .map_err(|x| arith(&doc, x))?,
                );
                let c = Computed::new(
                    "additional shares under due bill",
                    whole,
                    "shares issued on exercise × Warrant Price before / Warrant Price after − shares issued",
                )
                .input("exercise date", e.date)
                .input("record date", p.record_date)
                .input("shares issued on exercise", e.common_issued)
                .input("exact additional", exact.display())
                .rounded("whole shares (§11: no fractional shares)")
                .cite(self.clause("6(xi)"));
                outcome.computations.push(c);
                if !whole.is_zero() {
                    outcome.effects.push(Effect::Issue {
                        security: common.clone(),
                        holder: e.recipient.clone(),
                        shares: whole,
                        from_treasury: false,
                        reason: format!("{} §6(xi) due bill for the exercise of {}", doc, e.date),
                    });
                    outcome.warnings.push(terms::Warning {
                        code: W_DUE_BILL,
                        clause: self.clause("6(xi)"),
                        message: format!(
                            "{whole} additional shares delivered to {} under the due bill for its exercise on {}",
                            e.recipient, e.date
                        ),
                    });
                }
            }
        }
        Ok(())
    }

    /// Schedules or applies a §6(iii)–(v) adjustment (§6(ix): effective at
    /// the opening of business on the business day after the record date).
    fn record_date_adjustment(
        &mut self,
        p: PendingAdjustment,
        view: &dyn BookView,
        outcome: &mut Outcome,
    ) -> Result<(), Rejection> {
        let today = view.date();
        if p.effective <= today {
            self.apply_record_date_adjustment(p, today, &view.common(), outcome)
        } else {
            self.pending.push(p);
            Ok(())
        }
    }

    // ----------------------------------------------------------------
    // Corporate actions

    /// Rule 1 and rule 2 of §6(i): cash net of underwriting, non-cash at
    /// the Board's value, the total capped at CMP × shares when non-cash.
    fn consideration(
        &self,
        c: &actions::Consideration,
        shares: Shares,
        view: &dyn BookView,
    ) -> Result<(Money, Computed), Rejection> {
        let cash_net = c
            .cash_gross
            .checked_sub(c.underwriting)
            .map_err(|e| self.arith(e))?;
        let mut comp = Computed::new("consideration", "", "cash net of underwriting discounts, commissions and expenses + non-cash at the Board's fair value (capped)")
            .input("cash paid", c.cash_gross)
            .input("underwriting and expenses", c.underwriting)
            .input("non-cash (Board fair value)", c.non_cash_fair_value)
            .cite(self.clause("6(i)(1)"))
            .cite(self.clause("6(i)(2)"));
        let mut total = cash_net
            .checked_add(c.non_cash_fair_value)
            .map_err(|e| self.arith(e))?;
        if !c.non_cash_fair_value.is_zero() {
            let (cmp, cmp_comp) = self.current_market_price(view, view.date())?;
            let cap = cmp.times(shares).map_err(|e| self.arith(e))?;
            comp = comp
                .input("cap: Current Market Price × shares", cap)
                .step(cmp_comp);
            if total > cap {
                total = if cash_net > cap { cash_net } else { cap };
            }
        }
        comp.value = total.to_string();
        Ok((total, comp))
    }

    /// The product of the §6(iii)/(iv) factors applied so far: shares of
    /// the warrant's date × this factor = shares of today.
    pub fn split_factor(&self) -> Result<Exact, UnitsError> {
        self.steps
            .iter()
            .try_fold(Exact::one(), |acc, s| match s.input {
                StepInput::Subdivision {
                    numerator,
                    denominator,
                } => {
                    let n = i64::try_from(numerator)
                        .map_err(|_| UnitsError::Overflow { op: "subdivision" })?;
                    let d = i64::try_from(denominator)
                        .map_err(|_| UnitsError::Overflow { op: "subdivision" })?;
                    Ok(acc.mul(&Exact::ratio(n, d)?))
                }
                _ => Ok(acc),
            })
    }

    /// The §6(ii)(2) limit of the plan whose options are `security`, in
    /// shares of the warrant's date (`None`: not limited).
    fn plan_limit(&self, security: &SecurityId) -> Option<Shares> {
        self.terms
            .excluded_stock
            .plan_limits
            .iter()
            .find(|l| &l.security == security)
            .map(|l| l.shares)
    }

    /// Shares of `security`'s plan used as Excluded Stock during the Term,
    /// in shares of the warrant's date: the part within the limit of every
    /// option issuance still open, and of expired ones the shares actually
    /// issued (the unexercised shares go back to the plan, as plans provide).
    fn plan_used(&self, security: Option<&SecurityId>) -> Result<Exact, UnitsError> {
        self.rights
            .iter()
            .filter(|r| security.is_none_or(|s| &r.security == s))
            .try_fold(Exact::zero(), |acc, r| {
                let used = if r.open {
                    r.excluded_shares
                } else {
                    r.exercised.unwrap_or(Shares::ZERO).min(r.excluded_shares)
                };
                Ok(acc.add(&used.exact().div(&r.split_factor)?))
            })
    }

    /// How many of `shares` (issued today under an employee plan) fit in the
    /// §6(ii)(2) limit: (`within`, its computation). `limit` and `used` are in
    /// shares of the warrant's date; the room is scaled to today's shares
    /// by the splits and combinations since, in whole shares.
    fn plan_room(
        &self,
        what: &str,
        limit: Exact,
        used: Exact,
        shares: Shares,
    ) -> Result<(Shares, Computed), Rejection> {
        let factor = self.split_factor().map_err(|e| self.arith(e))?;
        let room_then = limit.sub(&used).max(Exact::zero());
        let room_now = room_then.mul(&factor);
        let room_whole = Shares::new(
            room_now
                .round_dp(0, Rounding::Floor)
                .map_err(|e| self.arith(e))?,
        );
        let within = shares.min(room_whole);
        let c = Computed::new(
            "Excluded Stock within the plan limit",
            within,
            "the lesser of the shares issued and (limit − shares already issued or optioned under it) × split factor, whole shares",
        )
        .input("plan", what)
        .input("limit as in effect on the date of this Warrant", limit.display())
        .input("already used (shares of that date)", used.display())
        .input("split factor since that date", factor.display())
        .input("room today", room_now.display())
        .input("shares issued now", shares)
        .cite(self.clause("6(ii)"));
        Ok((within, c))
    }

    fn on_issue_common(
        &mut self,
        shares: Shares,
        consideration: &actions::Consideration,
        purpose: Purpose,
        view: &dyn BookView,
        outcome: &mut Outcome,
    ) -> Result<(), Rejection> {
        let mut shares = shares;
        let mut consideration = consideration.clone();
        match purpose {
            Purpose::EmployeePlan if self.terms.excluded_stock.plan_common_excluded => {
                // The action does not name the plan: common issued under
                // "any" plan in effect counts against the limits of all of
                // them together, and only when every plan has one.
                let es = &self.terms.excluded_stock;
                let limits: Option<Vec<Shares>> = es
                    .plan_securities
                    .iter()
                    .map(|s| self.plan_limit(s))
                    .collect();
                let within = match limits {
                    Some(l) if !l.is_empty() => {
                        let limit = l.iter().fold(Exact::zero(), |a, s| a.add(&s.exact()));
                        let used = self
                            .plan_used(None)
                            .map_err(|e| self.arith(e))?
                            .add(&self.plan_common_excluded_issued);
                        let (within, c) =
                            self.plan_room("every plan in effect", limit, used, shares)?;
                        outcome.computations.push(c);
                        within
                    }
                    _ => shares,
                };
                let factor = self.split_factor().map_err(|e| self.arith(e))?;
                self.plan_common_excluded_issued = self
                    .plan_common_excluded_issued
                    .add(&within.exact().div(&factor).map_err(|e| self.arith(e))?);
                outcome.computations.push(
                    Computed::new("adjustment", "none", "Excluded Stock: common issued under a plan in effect on the date of this Warrant")
                        .input("shares", within)
                        .cite(self.clause("6(ii)")),
                );
                if within == shares {
                    return Ok(());
                }
                // The excess is an issuance like any other, for its share of
                // the consideration (§6(vi): to the cent).
                let excess = shares.checked_sub(within).map_err(|e| self.arith(e))?;
                consideration =
                    pro_rata(&consideration, excess, shares).map_err(|e| self.arith(e))?;
                shares = excess;
            }
            Purpose::ExerciseOfAdjustedSecurity => {
                // Already deemed issued under §6(i)(3): moving from deemed
                // to actual, not a fresh issuance.
                self.deemed_exercised = self
                    .deemed_exercised
                    .checked_add(shares)
                    .map_err(|e| self.arith(e))?;
                return Ok(());
            }
            Purpose::ConversionOfPreferred
            | Purpose::ExerciseOfClosingSecurity
            | Purpose::PublicRecord => {
                return Ok(());
            }
            Purpose::ParticipationDistribution => {
                outcome.computations.push(
                    Computed::new("adjustment", "none", "Excluded Stock: issued in a circumstance for which clauses (iii)–(v) provide the adjustment")
                        .input("shares", shares)
                        .cite(self.clause("6(ii)")),
                );
                return Ok(());
            }
            _ => {}
        }
        let (c, ccomp) = self.consideration(&consideration, shares, view)?;
        let base = self.base_before(view)?;
        let date = view.date();
        let step = PriceStep {
            date,
            effective: date,
            input: StepInput::Issuance {
                base_before: base,
                shares_issued: shares,
                consideration: c,
                rights: None,
            },
        };
        outcome.computations.push(ccomp);
        let facts = format!(
            "issuance of {shares} shares of Common Stock for a consideration of ${c} ({})",
            purpose.name()
        );
        self.issuance_step(step, facts, outcome)
    }

    fn on_issue_rights(
        &mut self,
        rights: &actions::RightsIssue,
        purpose: Purpose,
        view: &dyn BookView,
        outcome: &mut Outcome,
    ) -> Result<(), Rejection> {
        let date = view.date();
        let in_plan = purpose == Purpose::EmployeePlan
            && self
                .terms
                .excluded_stock
                .plan_securities
                .contains(&rights.security);
        let within = if !in_plan {
            Shares::ZERO
        } else if let Some(limit) = self.plan_limit(&rights.security) {
            let used = self
                .plan_used(Some(&rights.security))
                .map_err(|e| self.arith(e))?;
            let (within, c) = self.plan_room(
                rights.security.as_str(),
                limit.exact(),
                used,
                rights.max_shares,
            )?;
            outcome.computations.push(c);
            within
        } else {
            rights.max_shares
        };
        let excess = rights
            .max_shares
            .checked_sub(within)
            .map_err(|e| self.arith(e))?;
        let excluded = in_plan && excess.is_zero();
        let (rc, rcomp) = self.consideration(&rights.consideration, rights.max_shares, view)?;
        let split_factor = self.split_factor().map_err(|e| self.arith(e))?;
        let mut record = RightsRecord {
            security: rights.security.clone(),
            issued: date,
            excluded,
            excluded_shares: within,
            split_factor,
            step: None,
            max_shares: rights.max_shares,
            rights_consideration: rc,
            exercise_price: rights.exercise_price,
            open: true,
            exercised: None,
        };
        if in_plan {
            outcome.computations.push(
                Computed::new("adjustment", "none", "Excluded Stock: options under a plan in effect on the date of this Warrant (deemed issued, counted in the base)")
                    .input("security", &rights.security)
                    .input("maximum shares", rights.max_shares)
                    .input("within the plan's limit", within)
                    .cite(self.clause("6(ii)")),
            );
        }
        if excluded {
            self.rights.push(record);
            return Ok(());
        }
        // Rights outside the exclusion (all of them, or the part of a plan
        // issuance beyond the plan's limit) are deemed issued under
        // §6(i)(3)(A) for their share of the consideration.
        let rc_part = if within.is_zero() {
            rc
        } else {
            pro_rata_money(rc, excess, rights.max_shares).map_err(|e| self.arith(e))?
        };
        record.rights_consideration = rc_part;
        let base = self.base_before(view)?;
        let total = deemed_consideration(rc_part, rights.exercise_price, excess)
            .map_err(|e| self.arith(e))?;
        outcome.computations.push(rcomp);
        record.step = Some(self.steps.len());
        let step = PriceStep {
            date,
            effective: date,
            input: StepInput::Issuance {
                base_before: base,
                shares_issued: excess,
                consideration: total,
                rights: Some(rights.security.clone()),
            },
        };
        self.rights.push(record);
        let facts = if within.is_zero() {
            format!(
                "issuance of {} ({}) exercisable for up to {} shares at a minimum price of ${}; deemed issued for ${total}",
                rights.security,
                purpose.name(),
                rights.max_shares,
                rights.exercise_price
            )
        } else {
            format!(
                "issuance of {} (employee plan) exercisable for up to {} shares at a minimum price of ${}, of which {excess} exceed the plan's limit as in effect on the date of this Warrant and are deemed issued for ${total}",
                rights.security, rights.max_shares, rights.exercise_price
            )
        };
        self.issuance_step(step, facts, outcome)
    }

    fn open_rights_index(&self, security: &SecurityId) -> Option<usize> {
        self.rights
            .iter()
            .rposition(|r| r.open && &r.security == security)
    }

    fn on_amend_rights(
        &mut self,
        security: &SecurityId,
        exercise_price: Option<Price>,
        max_shares: Option<Shares>,
        date: Date,
        outcome: &mut Outcome,
    ) -> Result<(), Rejection> {
        let Some(i) = self.open_rights_index(security) else {
            return Ok(());
        };
        let readjust_price = self.terms.adjustment.readjust_on_exercise_price_change;
        let Some(r) = self.rights.get_mut(i) else {
            return Ok(());
        };
        let mut changed = false;
        if let Some(m) = max_shares {
            changed |= m != r.max_shares;
            r.max_shares = m;
        }
        if let Some(p) = exercise_price {
            if readjust_price {
                changed |= p != r.exercise_price;
                r.exercise_price = p;
            }
        }
        // The part within a plan's limit stays Excluded Stock; the rest is
        // what the §6(i)(3) step deems issued.
        let deemed = r
            .max_shares
            .checked_sub(r.excluded_shares)
            .map(|x| x.max(Shares::ZERO))
            .map_err(|e| arith("Warrant", e))?;
        let (step, rc, ep, max) = (r.step, r.rights_consideration, r.exercise_price, deemed);
        let shown_max = r.max_shares;
        if !changed {
            return Ok(());
        }
        if let Some(s) = step.and_then(|s| self.steps.get_mut(s)) {
            if let StepInput::Issuance {
                shares_issued,
                consideration,
                ..
            } = &mut s.input
            {
                *shares_issued = max;
                *consideration =
                    deemed_consideration(rc, ep, max).map_err(|e| arith("Warrant", e))?;
            }
            let facts = format!(
                "change in the terms of {security}: now up to {shown_max} shares at a minimum price of ${ep}"
            );
            return self.readjust("6(i)(3)(C)", facts, date, outcome);
        }
        Ok(())
    }

    fn on_expire_rights(
        &mut self,
        security: &SecurityId,
        exercised: Shares,
        date: Date,
        outcome: &mut Outcome,
    ) -> Result<(), Rejection> {
        let Some(i) = self.open_rights_index(security) else {
            return Ok(());
        };
        let Some(r) = self.rights.get_mut(i) else {
            return Ok(());
        };
        r.open = false;
        r.exercised = Some(exercised);
        // Shares actually issued count first against the part within the
        // plan's limit (Excluded Stock); only the rest was deemed issued by
        // the §6(i)(3) step.
        let actual = exercised
            .checked_sub(r.excluded_shares)
            .map(|x| x.max(Shares::ZERO))
            .map_err(|e| arith("Warrant", e))?;
        let (step, rc, ep) = (r.step, r.rights_consideration, r.exercise_price);
        // The exercised shares were counted as deemed-then-issued.
        let settle = if self.deemed_exercised < exercised {
            self.deemed_exercised
        } else {
            exercised
        };
        self.deemed_exercised = self
            .deemed_exercised
            .checked_sub(settle)
            .map_err(|e| self.arith(e))?;
        if let Some(s) = step.and_then(|s| self.steps.get_mut(s)) {
            if let StepInput::Issuance {
                shares_issued,
                consideration,
                ..
            } = &mut s.input
            {
                *shares_issued = actual;
                *consideration =
                    deemed_consideration(rc, ep, actual).map_err(|e| arith("Warrant", e))?;
            }
            let facts = format!(
                "expiration of {security} with {exercised} shares actually issued on exercise"
            );
            return self.readjust("6(i)(3)(D)", facts, date, outcome);
        }
        Ok(())
    }
    fn proposed_action_notice(&self, record: Date, today: Date) -> NoticeOwed {
        NoticeOwed {
            clause: self.clause("6(x)"),
            what: "copy of the notice given to holders of capital stock of the proposed action"
                .to_string(),
            due: record,
            given: self.notice_given(NoticeSection::ProposedAction, Some(record), today),
        }
    }

    fn on_subdivision(
        &mut self,
        kind: SubdivisionKind,
        numerator: u64,
        denominator: u64,
        record_date: Option<Date>,
        view: &dyn BookView,
        outcome: &mut Outcome,
    ) -> Result<(), Rejection> {
        let today = view.date();
        let record = record_date.unwrap_or(today);
        let effective = Calendar::Business.add_open_days(record, 1);
        let what = match kind {
            SubdivisionKind::Split => "subdivision (split-up)",
            SubdivisionKind::Combination => "combination",
            SubdivisionKind::StockDividend => "stock dividend payable in Common Stock",
        };
        let p = PendingAdjustment {
            date: today,
            record_date: record,
            effective,
            input: StepInput::Subdivision {
                numerator,
                denominator,
            },
            facts: format!(
                "{what} of the Common Stock, {numerator} shares for each {denominator}, record date {record}"
            ),
            notices: vec![self.proposed_action_notice(record, today)],
        };
        self.record_date_adjustment(p, view, outcome)
    }

    fn on_distribution(
        &mut self,
        kind: DistributionKind,
        per_share: Price,
        record_date: Date,
        solely_in_common: bool,
        view: &dyn BookView,
        outcome: &mut Outcome,
    ) -> Result<(), Rejection> {
        if solely_in_common {
            // A dividend in Common Stock is a §6(iii) stock dividend,
            // recorded as `stock-dividend`.
            return Ok(());
        }
        let today = view.date();
        if kind == DistributionKind::Cash {
            let source = self.dividend_sources.get(&record_date).copied().unwrap_or(
                if self
                    .terms
                    .adjustment
                    .cash_dividends_from_earnings_by_default
                {
                    DividendSource::Earnings
                } else {
                    DividendSource::Capital
                },
            );
            if source == DividendSource::Earnings {
                outcome.computations.push(
                    Computed::new(
                        "adjustment",
                        "none",
                        "cash dividend out of earnings or earned surplus",
                    )
                    .input("record date", record_date)
                    .cite(self.clause("6(v)"))
                    .cite(self.clause("10")),
                );
                return Ok(());
            }
        }
        // §10: notice not less than 30 days before the record date.
        let due = add_days(record_date, -self.terms.notices.extraordinary_dividend_days);
        let s10 = NoticeOwed {
            clause: self.clause("10"),
            what: "notice of a dividend or distribution not out of earned surplus (Holder does not participate unless exercised before the record date)".to_string(),
            due,
            given: self.notice_given(NoticeSection::ExtraordinaryDividend, Some(record_date), today),
        };
        if !s10.timely() {
            outcome.warnings.push(terms::Warning {
                code: W_NOTICE,
                clause: self.clause("10"),
                message: format!(
                    "the §10 notice of the distribution with record date {record_date} was due by {due}; {}",
                    match s10.given {
                        Some(g) => format!("it was given on {g}"),
                        None => "none is recorded".to_string(),
                    }
                ),
            });
        }
        let effective = Calendar::Business.add_open_days(record_date, 1);
        let cmp_day = match self.terms.adjustment.distribution_cmp_at {
            DistributionCmpAt::RecordDate => record_date,
            DistributionCmpAt::EffectiveDate => effective,
        };
        let (cmp, cmp_comp) = self.current_market_price(view, cmp_day)?;
        if per_share >= cmp {
            outcome.warnings.push(terms::Warning {
                code: W_DISTRIBUTION,
                clause: self.clause("6(v)"),
                message: format!(
                    "the fair value distributed per share (${per_share}) is not less than the Current Market Price (${cmp}); the §6(v) fraction would not be positive, so no adjustment is computed"
                ),
            });
            return Ok(());
        }
        outcome.computations.push(cmp_comp);
        let kind_words = match kind {
            DistributionKind::Cash => "cash dividend not out of earnings or earned surplus",
            DistributionKind::Assets => "distribution of assets",
            DistributionKind::Indebtedness => "distribution of evidences of indebtedness",
            DistributionKind::Securities => "distribution of stock or other securities",
        };
        let p = PendingAdjustment {
            date: today,
            record_date,
            effective,
            input: StepInput::Distribution {
                cmp,
                fair_value: per_share,
            },
            facts: format!(
                "{kind_words} of ${per_share} per share of Common Stock (Board fair value), record date {record_date}; Current Market Price ${cmp}"
            ),
            notices: vec![self.proposed_action_notice(record_date, today), s10],
        };
        self.record_date_adjustment(p, view, outcome)
    }

    fn on_reorganization(
        &mut self,
        kind: actions::ReorganizationKind,
        property: &[ReferenceProperty],
        view: &dyn BookView,
        outcome: &mut Outcome,
    ) {
        let today = view.date();
        let due = add_days(today, -self.terms.notices.reorganization_days);
        let given = self.notice_given(NoticeSection::Reorganization, None, today);
        if !matches!(given, Some(g) if g <= due) {
            outcome.warnings.push(terms::Warning {
                code: W_NOTICE,
                clause: self.clause("8"),
                message: format!(
                    "§8 requires {} days' prior written notice of the {:?} (by {due}); {}",
                    self.terms.notices.reorganization_days,
                    kind,
                    match given {
                        Some(g) => format!("notice was given on {g}"),
                        None => "none is recorded".to_string(),
                    }
                ),
            });
        }
        let lines: Vec<String> = property
            .iter()
            .map(|p| format!("{} {}", p.per_share, p.security))
            .collect();
        outcome.computations.push(
            Computed::new(
                "reference property per Warrant Share",
                lines.join(" + "),
                "what one share of Common Stock receives in the transaction",
            )
            .cite(self.clause("8")),
        );
        self.reorganization = Some(Reorganized {
            date: today,
            description: format!("{kind:?}"),
            property: property.to_vec(),
        });
    }

    fn on_dissolution(
        &mut self,
        view: &dyn BookView,
        outcome: &mut Outcome,
    ) -> Result<(), Rejection> {
        let today = view.date();
        let days = self.terms.notices.dissolution_days;
        let notice = self.notice_given(NoticeSection::Dissolution, None, today);
        let notice_date = match notice {
            Some(n) => {
                let earliest = add_days(n, days);
                if today < earliest {
                    return Err(Rejection::new(
                        DISTRIBUTION_BEFORE_NOTICE,
                        self.clause("9"),
                        format!(
                            "no distribution in dissolution may be made until {days} days from the §9 notice of {n} (not before {earliest})"
                        ),
                    ));
                }
                n
            }
            None => {
                outcome.warnings.push(terms::Warning {
                    code: W_NOTICE,
                    clause: self.clause("9"),
                    message: format!(
                        "no §9 notice of dissolution is recorded; the dissolution of {today} is taken as the notice, and the Holder may exercise until {}",
                        add_days(today, days)
                    ),
                });
                today
            }
        };
        self.dissolution = Some(Dissolved {
            date: today,
            notice: notice_date,
            window_end: add_days(notice_date, days),
        });
        Ok(())
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
                self.clause("1"),
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
                        self.clause("1"),
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
                        self.clause("1"),
                        "a warrant is issued for a positive number of shares at a positive Warrant Price",
                    ));
                }
                if !view.holder_exists(holder) {
                    return Err(Rejection::new(
                        UNKNOWN_HOLDER,
                        self.clause("7.1"),
                        format!("holder {holder} is not declared"),
                    ));
                }
                let end = calendar::anniversary(today, self.terms.term_years);
                if let Some(e) = expiry {
                    if *e != end {
                        return Err(Rejection::new(
                            EXPIRY_MISMATCH,
                            self.clause("1"),
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
                    .cite(self.clause("1")),
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
            } => {
                let quote = self.quote(
                    view,
                    Method::Cash,
                    holder.as_ref(),
                    *shares,
                    issue_to.as_ref(),
                    *fraction_value,
                )?;
                // §2.1 (ii): payment by the accepted methods, equal to the
                // Warrant Price for each share.
                if payment.parts.is_empty() {
                    return Err(Rejection::new(
                        PAYMENT_METHOD,
                        self.clause("2.1"),
                        "an exercise needs payment of the Warrant Price",
                    )
                    .with_help(format!(
                        "add one or more of {} (amounts), or use `net-exercise`",
                        self.terms.exercise.payment_methods.join(", ")
                    )));
                }
                for (k, m) in &payment.parts {
                    if !self.terms.exercise.payment_methods.iter().any(|x| x == k) {
                        return Err(Rejection::new(
                            PAYMENT_METHOD,
                            self.clause("2.1"),
                            format!("payment by `{k}` is not accepted by this form"),
                        ));
                    }
                    if m.is_negative() {
                        return Err(Rejection::new(
                            PAYMENT_METHOD,
                            self.clause("2.1"),
                            format!("a negative `{k}` amount"),
                        ));
                    }
                }
                let total = payment.total().map_err(|e| self.arith(e))?;
                let required = quote.aggregate_price.unwrap_or(Money::ZERO);
                if total != required {
                    return Err(Rejection::new(
                        PAYMENT_MISMATCH,
                        self.clause("2.1"),
                        format!(
                            "payment of ${total} does not equal the Warrant Price ${} × {} shares = ${required}",
                            quote.warrant_price, quote.warrant_shares_exercised
                        ),
                    )
                    .with_help(format!("pay exactly ${required} (to the cent) in any combination of the accepted methods")));
                }
                let mut next = self.clone();
                next.commit_exercise(&quote, today, &mut outcome)?;
                next.reserve_check(view, quote.common_issued, &mut outcome);
                for (k, m) in &payment.parts {
                    if k != "cancel-indebtedness" && !m.is_zero() {
                        let neg = Money::ZERO.checked_sub(*m).map_err(|e| self.arith(e))?;
                        outcome.effects.push(Effect::Cash {
                            holder: quote.holder.clone(),
                            amount: neg,
                            reason: format!("{} §2.1 exercise price paid by {k}", self.doc()),
                        });
                    }
                }
                *self = next;
                Ok(outcome)
            }
            WarrantEvent::NetExercise {
                shares,
                holder,
                issue_to,
                fraction_value,
                ..
            } => {
                let quote = self.quote(
                    view,
                    Method::Net,
                    holder.as_ref(),
                    *shares,
                    issue_to.as_ref(),
                    *fraction_value,
                )?;
                let mut next = self.clone();
                next.commit_exercise(&quote, today, &mut outcome)?;
                next.reserve_check(view, quote.common_issued, &mut outcome);
                *self = next;
                Ok(outcome)
            }
            WarrantEvent::Transfer {
                to, shares, from, ..
            } => {
                let from = self.resolve_holder(from.as_ref())?;
                if !self.exercisable_on(today) {
                    return Err(Rejection::new(
                        OUTSIDE_TERM,
                        self.clause("1"),
                        format!(
                            "warrant {} cannot be transferred on {today}: it is not outstanding",
                            self.id
                        ),
                    ));
                }
                if !view.holder_exists(to) {
                    return Err(Rejection::new(
                        UNKNOWN_HOLDER,
                        self.clause("7.2"),
                        format!("holder {to} is not declared"),
                    ));
                }
                if to == &from {
                    return Err(Rejection::new(
                        TRANSFER_BAD,
                        self.clause("7.2"),
                        format!("{from} cannot transfer to itself"),
                    ));
                }
                let held = self
                    .certificate_of(&from)
                    .map(|c| c.shares)
                    .unwrap_or(Shares::ZERO);
                let n = match shares {
                    ShareCount::All => held,
                    ShareCount::Count(n) => *n,
                };
                if n.is_zero() || n.is_negative() {
                    return Err(Rejection::new(
                        ZERO_SHARES,
                        self.clause("7.2"),
                        "a transfer must be of a positive number of shares",
                    ));
                }
                if n.value().normalize().scale() > 1 {
                    return Err(Rejection::new(
                        TRANSFER_BAD,
                        self.clause("5"),
                        format!("{n} is finer than the tenth of a share the warrant is kept in"),
                    ));
                }
                if n > held {
                    return Err(Rejection::new(
                        TRANSFER_TOO_MANY,
                        self.clause("7.2"),
                        format!(
                            "{from} holds rights to {held} shares under {}, not {n}",
                            self.id
                        ),
                    ));
                }
                let mut next = self.clone();
                let old = next.cancel_certificate(&from, today, "surrendered for transfer");
                let old_no = old.map(|c| c.number).unwrap_or_default();
                let mut to_total = n;
                if let Some(prev) = next.cancel_certificate(to, today, "consolidated on transfer") {
                    to_total = to_total
                        .checked_add(prev.shares)
                        .map_err(|e| self.arith(e))?;
                }
                let rest = held.checked_sub(n).map_err(|e| self.arith(e))?;
                let to_no = next.issue_certificate(
                    to.clone(),
                    to_total,
                    today,
                    format!("transfer of {n} from {from} ({old_no})"),
                );
                let mut c = Computed::new(
                    "Warrant transferred",
                    n,
                    "new Warrants of the same tenor to each party",
                )
                .input("from", &from)
                .input("to", to)
                .input("new certificate (transferee)", &to_no)
                .cite(self.clause("7.2"));
                if !rest.is_zero() {
                    let rest_no = next.issue_certificate(
                        from.clone(),
                        rest,
                        today,
                        format!("balance after partial transfer ({old_no})"),
                    );
                    c = c.input(
                        "new certificate (transferor)",
                        format!("{rest_no} for {rest}"),
                    );
                }
                outcome.computations.push(c);
                *self = next;
                Ok(outcome)
            }
            WarrantEvent::Replace { holder, reason, .. } => {
                let holder = self.resolve_holder(Some(holder))?;
                let mut next = self.clone();
                let old = next
                    .cancel_certificate(&holder, today, &format!("replaced ({reason})"))
                    .ok_or_else(|| {
                        Rejection::new(
                            NOT_HELD,
                            self.clause("7.2"),
                            format!("{holder} holds no certificate"),
                        )
                    })?;
                let no = next.issue_certificate(
                    holder.clone(),
                    old.shares,
                    today,
                    format!("replacement of {} ({reason})", old.number),
                );
                outcome.computations.push(
                    Computed::new("replacement Warrant", &no, "new Warrant of like tenor in lieu of the lost, stolen, destroyed or mutilated one")
                        .input("cancelled", &old.number)
                        .input("shares", old.shares)
                        .cite(self.clause("7.2")),
                );
                *self = next;
                Ok(outcome)
            }
            WarrantEvent::CloseTransferBooks { from, to, .. } => {
                self.closed_books.push((*from, *to));
                Ok(outcome)
            }
            WarrantEvent::CmpDetermination {
                price,
                for_date,
                informed,
                ..
            } => {
                self.determinations.push(CmpDetermination {
                    for_date: *for_date,
                    price: *price,
                    made: today,
                    informed: informed.unwrap_or(today),
                    disputed: None,
                    independent: false,
                    firm: None,
                });
                Ok(outcome)
            }
            WarrantEvent::CmpDispute { for_date, .. } => {
                let days = self.terms.current_market_price.dispute_days;
                let Some(i) = self
                    .determinations
                    .iter()
                    .rposition(|d| d.for_date == *for_date && !d.independent)
                else {
                    return Err(Rejection::new(
                        DISPUTE_NOTHING,
                        self.clause("6(vii)"),
                        format!("no Board determination of the Current Market Price for {for_date} to dispute"),
                    ));
                };
                let informed = self
                    .determinations
                    .get(i)
                    .map(|d| d.informed)
                    .unwrap_or(today);
                let last = add_days(informed, days);
                if today > last {
                    return Err(Rejection::new(
                        DISPUTE_LATE,
                        self.clause("6(vii)"),
                        format!("the Holder was informed on {informed}; a dispute had to be made within {days} days (by {last})"),
                    ));
                }
                if let Some(d) = self.determinations.get_mut(i) {
                    d.disputed = Some(today);
                }
                Ok(outcome)
            }
            WarrantEvent::CmpAppraisal {
                price,
                for_date,
                firm,
                ..
            } => {
                self.determinations.push(CmpDetermination {
                    for_date: *for_date,
                    price: *price,
                    made: today,
                    informed: today,
                    disputed: None,
                    independent: true,
                    firm: firm.clone(),
                });
                Ok(outcome)
            }
            WarrantEvent::Notice {
                section,
                concerning,
                ..
            } => {
                self.notices.push(NoticeGiven {
                    section: *section,
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
                self.dividend_sources.insert(*record_date, *source);
                Ok(outcome)
            }
        }
    }

    /// Records an exercise the quote describes: certificates, effects, log.
    fn commit_exercise(
        &mut self,
        q: &ExerciseQuote,
        today: Date,
        outcome: &mut Outcome,
    ) -> Result<(), Rejection> {
        let old = self
            .cancel_certificate(&q.holder, today, "surrendered on exercise")
            .ok_or_else(|| {
                Rejection::new(
                    NOT_HELD,
                    self.clause("2.1"),
                    format!("{} holds no certificate", q.holder),
                )
            })?;
        if !q.remaining.is_zero() {
            let no = self.issue_certificate(
                q.holder.clone(),
                q.remaining,
                today,
                format!("new Warrant for the unexercised balance of {}", old.number),
            );
            outcome.computations.push(
                Computed::new(
                    "new Warrant",
                    &no,
                    "shares with respect to which the Warrant was not exercised",
                )
                .input("shares", q.remaining)
                .cite(self.clause("2.1")),
            );
        }
        let common = q.security.clone();
        if q.property.is_empty() {
            if !q.common_issued.is_zero() {
                outcome.effects.push(Effect::Issue {
                    security: common,
                    holder: q.recipient.clone(),
                    shares: q.common_issued,
                    from_treasury: false,
                    reason: format!(
                        "{} §2.1 {} of {} (holder of record from {})",
                        self.doc(),
                        q.method.describe(),
                        self.id,
                        q.holder_of_record_from
                    ),
                });
            }
        } else {
            for (security, amount) in &q.property {
                if security == "cash" {
                    outcome.effects.push(Effect::Cash {
                        holder: q.recipient.clone(),
                        amount: Money::new(*amount),
                        reason: format!(
                            "{} §8 reference property on exercise of {}",
                            self.doc(),
                            self.id
                        ),
                    });
                } else {
                    outcome.effects.push(Effect::Issue {
                        security: SecurityId::new(security.clone()),
                        holder: q.recipient.clone(),
                        shares: Shares::new(*amount),
                        from_treasury: false,
                        reason: format!(
                            "{} §8 reference property on exercise of {}",
                            self.doc(),
                            self.id
                        ),
                    });
                }
            }
        }
        for f in [&q.fraction_cash, &q.net_fraction_cash]
            .into_iter()
            .flatten()
        {
            if !f.cash.is_zero() {
                outcome.effects.push(Effect::Cash {
                    holder: q.holder.clone(),
                    amount: f.cash,
                    reason: format!("{} §11 cash for a fractional share", self.doc()),
                });
            }
        }
        outcome.computations.extend(q.computations.iter().cloned());
        self.exercises.push(ExerciseRecord {
            date: today,
            holder: q.holder.clone(),
            recipient: q.recipient.clone(),
            method: q.method,
            warrant_shares: q.warrant_shares_exercised,
            common_issued: if q.property.is_empty() {
                q.common_issued
            } else {
                Shares::ZERO
            },
            warrant_price: q.warrant_price,
            holder_of_record_from: q.holder_of_record_from,
        });
        Ok(())
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
        // §6: adjustments are made "during the Term of this Warrant".
        if today < issue.date
            || today > issue.expiry
            || matches!(&self.dissolution, Some(d) if today > d.window_end)
        {
            return Ok(Outcome::none());
        }
        let mut next = self.clone();
        let mut outcome = Outcome::none();
        match action {
            CorporateAction::IssueCommon {
                shares,
                consideration,
                purpose,
                ..
            } => {
                next.on_issue_common(*shares, consideration, *purpose, view, &mut outcome)?;
                next.reserve_check(view, *shares, &mut outcome);
            }
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
            CorporateAction::Dissolution { .. } => next.on_dissolution(view, &mut outcome)?,
            CorporateAction::Repurchase { .. } => {}
        }
        *self = next;
        Ok(outcome)
    }

    pub(crate) fn next_pending(&self, after: Date) -> Option<Date> {
        self.pending
            .iter()
            .map(|p| p.effective)
            .filter(|d| *d > after)
            .min()
    }

    pub(crate) fn run_pending(&mut self, date: Date, common: &SecurityId) -> Outcome {
        let mut outcome = Outcome::none();
        let mut due: Vec<PendingAdjustment> = Vec::new();
        let mut keep = Vec::new();
        for p in std::mem::take(&mut self.pending) {
            if p.effective <= date {
                due.push(p);
            } else {
                keep.push(p);
            }
        }
        self.pending = keep;
        due.sort_by_key(|p| p.effective);
        for p in due {
            let mut next = self.clone();
            let mut o = Outcome::none();
            match next.apply_record_date_adjustment(p, date, common, &mut o) {
                Ok(()) => {
                    *self = next;
                    outcome.merge(o);
                }
                Err(r) => outcome.warnings.push(terms::Warning {
                    code: W_SCHEDULED,
                    clause: r.clause.clone(),
                    message: format!("scheduled adjustment not made: {}", r.message),
                }),
            }
        }
        outcome
    }
}

/// §6(i)(3)(A): the consideration for the rights plus "the minimum purchase
/// price provided in such options or rights for the Common Stock covered
/// thereby".
pub fn deemed_consideration(
    rights: Money,
    exercise_price: Price,
    shares: Shares,
) -> Result<Money, UnitsError> {
    rights.checked_add(exercise_price.times(shares)?)
}

/// `d` plus `n` calendar days (negative: before), saturating.
pub fn add_days(d: Date, n: i32) -> Date {
    let span = jiff::Span::new().days(i64::from(n));
    d.checked_add(span)
        .unwrap_or(if n < 0 { Date::MIN } else { Date::MAX })
}

/// `consideration` for `part` of `of` shares (§6(vi): to the cent).
fn pro_rata(
    c: &actions::Consideration,
    part: Shares,
    of: Shares,
) -> Result<actions::Consideration, UnitsError> {
    Ok(actions::Consideration {
        cash_gross: pro_rata_money(c.cash_gross, part, of)?,
        underwriting: pro_rata_money(c.underwriting, part, of)?,
        non_cash_fair_value: pro_rata_money(c.non_cash_fair_value, part, of)?,
    })
}

/// `m × part / of`, to the nearest cent (§6(vi)).
fn pro_rata_money(m: Money, part: Shares, of: Shares) -> Result<Money, UnitsError> {
    let x = m.exact().mul(&part.exact()).div(&of.exact())?;
    units::rounding::nearest_cent(&x)
}
