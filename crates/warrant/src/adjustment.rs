//! `share-adjustment` and `price-adjustment`: the Warrant Price chain as the warrant lives it — the
//! adjustment and its `share-adjustment` share count, the `notices.adjustment-statement` statement, `price-adjustment.deemed-issuance.change`/`.expiry`
//! readjustments, and the subdivision, combination or distribution adjustments that take effect after a
//! record date (`price-adjustment.effective-date`), with `price-adjustment.due-bill` due bills.

use crate::codes::*;
use crate::event::{DividendSource, NoticeSection};
use crate::price::{
    adjusted_shares, apply_step, replay, step_section, subdivided_shares, PriceStep, StepInput,
};
use crate::state::{add_days, arith, ExerciseRecord, PendingAdjustment, Warrant};
use crate::statement::{AdjustmentStatement, HolderAdjustment, NoticeOwed};
use crate::terms::{Base, DistributionCmpAt};
use actions::{DistributionKind, SubdivisionKind};
use calendar::Date;
use terms::{BookView, Effect, Outcome, Rejection, SecurityId};
use units::{Computed, Exact, Price, Shares, UnitsError};

impl Warrant {
    // ----------------------------------------------------------------
    // Adjustments

    /// Shares outstanding for `price-adjustment.issuance`: common outstanding plus deemed
    /// shares, or the book's fully diluted count (term setting).
    pub(crate) fn base_before(&self, view: &dyn BookView) -> Result<Shares, Rejection> {
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

    /// Shares deemed issued under `price-adjustment.deemed-issuance` (and clause (ii)) and not yet
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

    /// Moves the warrant to `new_price`, adjusting every certificate by `share-adjustment`,
    /// and records the `notices.adjustment-statement` statement. `proportion` is the (new, old)
    /// shares of a `price-adjustment.subdivision`/`price-adjustment.combination` subdivision, whose share count moves in
    /// exactly that proportion (see [`subdivided_shares`]); otherwise `share-adjustment`'s
    /// price ratio applies. Mutates `self`; callers work on a copy.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn record_adjustment(
        &mut self,
        section: &str,
        facts: String,
        date: Date,
        effective: Date,
        new_price: Price,
        proportion: Option<(u64, u64)>,
        price_comp: Computed,
        mut notices: Vec<NoticeOwed>,
        outcome: &mut Outcome,
    ) -> Result<(), Rejection> {
        let before = self.price;
        let shares_before = self.total_shares();
        let mut holders = Vec::new();
        let mut comps = vec![price_comp.clone()];
        let t = self.terms.clone();
        for c in self
            .certificates
            .iter_mut()
            .filter(|c| c.cancelled.is_none())
        {
            let (after, sc) = match proportion {
                Some((n, d)) => subdivided_shares(&t, c.shares, n, d),
                None => adjusted_shares(&t, c.shares, before, new_price),
            }
            .map_err(|e| arith(&t, e))?;
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
            clause: self.clause("notices.adjustment-statement"),
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
            statement_mark: self.mark("notices.adjustment-statement"),
        };
        outcome.computations.insert(0, price_comp);
        self.history.push(statement);
        Ok(())
    }

    /// The product of the `price-adjustment.subdivision`/`price-adjustment.combination` factors applied so far: shares of
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

    /// Appends a `price-adjustment.issuance` step (an issuance, or a deemed issuance) and adjusts
    /// if it requires.
    pub(crate) fn issuance_step(
        &mut self,
        step: PriceStep,
        facts: String,
        outcome: &mut Outcome,
    ) -> Result<(), Rejection> {
        let t = self.terms.clone();
        let result = apply_step(&t, &step.input, self.price).map_err(|e| arith(&t, e))?;
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
                    None,
                    comp,
                    Vec::new(),
                    outcome,
                )?;
            }
        }
        Ok(())
    }

    /// `price-adjustment.deemed-issuance.change`/`.expiry`: recompute the chain and readjust to the price that
    /// "would have obtained".
    pub(crate) fn readjust(
        &mut self,
        key: &str,
        facts: String,
        date: Date,
        outcome: &mut Outcome,
    ) -> Result<(), Rejection> {
        let Some(issue) = &self.issue else {
            return Ok(());
        };
        let t = self.terms.clone();
        let replayed = replay(&t, issue.initial_price, &self.steps).map_err(|e| arith(&t, e))?;
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
        .rounded(format!(
                "each step to the nearest cent ({})",
                self.mark("price-adjustment.rounding")
            ))
        .cite(self.clause(key));
        self.record_adjustment(
            key,
            facts,
            date,
            date,
            replayed,
            None,
            comp,
            Vec::new(),
            outcome,
        )
    }

    /// Applies a subdivision, combination or distribution adjustment now: the step, the statement, and
    /// `price-adjustment.due-bill` due bills for exercises made after the record date.
    pub(crate) fn apply_record_date_adjustment(
        &mut self,
        p: PendingAdjustment,
        today: Date,
        common: &SecurityId,
        outcome: &mut Outcome,
    ) -> Result<(), Rejection> {
        let t = self.terms.clone();
        let before = self.price;
        let result = apply_step(&t, &p.input, before).map_err(|e| arith(&t, e))?;
        let section = step_section(&p.input);
        self.steps.push(PriceStep {
            date: p.date,
            effective: p.effective,
            input: p.input.clone(),
        });
        let Some((after, comp)) = result else {
            return Ok(());
        };
        let proportion = match p.input {
            StepInput::Subdivision {
                numerator,
                denominator,
            } => Some((numerator, denominator)),
            _ => None,
        };
        // A subdivision changes the share count in proportion even when the
        // cent rounding leaves the price where it was.
        let moves_shares = matches!(proportion, Some((n, d)) if n != d);
        if after == before && !moves_shares {
            return Ok(());
        }
        // Additional shares per share issued on an exercise covered by a
        // `price-adjustment.due-bill` due bill: the same ratio the certificates move by.
        let ratio = match proportion {
            Some((n, d)) => {
                let n = i64::try_from(n)
                    .map_err(|_| self.arith(UnitsError::Overflow { op: "subdivision" }))?;
                let d = i64::try_from(d)
                    .map_err(|_| self.arith(UnitsError::Overflow { op: "subdivision" }))?;
                Exact::ratio(n, d).map_err(|e| arith(&t, e))?
            }
            None => before
                .exact()
                .div(&after.exact())
                .map_err(|e| arith(&t, e))?,
        };
        self.record_adjustment(
            section,
            p.facts.clone(),
            p.date,
            p.effective,
            after,
            proportion,
            comp,
            p.notices.clone(),
            outcome,
        )?;
        // `price-adjustment.due-bill`: exercises after the record date and before the event get
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
                .mul(&ratio)
                .sub(&e.common_issued.exact());
            if !exact.is_negative() && !exact.is_zero() {
                let (whole, _) = exact.trunc_fract();
                let whole = Shares::new(
                    whole
                        .round_dp(0, units::Rounding::TowardZero)
                        .map_err(|x| arith(&t, x))?,
                );
                let c = Computed::new(
                    "additional shares under due bill",
                    whole,
                    "shares issued on exercise × (new shares / old shares, or Warrant Price before / Warrant Price after) − shares issued",
                )
                .input("exercise date", e.date)
                .input("record date", p.record_date)
                .input("shares issued on exercise", e.common_issued)
                .input_exact("exact additional", &exact)
                .rounded(format!(
                    "whole shares ({}: no fractional shares)",
                    self.mark("fractional-shares")
                ))
                .cite(self.clause("price-adjustment.due-bill"));
                outcome.computations.push(c);
                if !whole.is_zero() {
                    outcome.effects.push(Effect::Issue {
                        security: common.clone(),
                        holder: e.recipient.clone(),
                        shares: whole,
                        from_treasury: false,
                        reason: format!(
                            "{} due bill for the exercise of {}",
                            self.clause("price-adjustment.due-bill"),
                            e.date
                        ),
                    });
                    outcome.warnings.push(terms::Warning {
                        code: W_DUE_BILL,
                        clause: self.clause("price-adjustment.due-bill"),
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

    /// Schedules or applies a subdivision, combination or distribution adjustment (`price-adjustment.effective-date`: effective at
    /// the opening of business on the business day after the record date).
    pub(crate) fn record_date_adjustment(
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

    pub(crate) fn on_subdivision(
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
        let effective = next_business_day(view, record);
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

    pub(crate) fn on_distribution(
        &mut self,
        kind: DistributionKind,
        per_share: Price,
        record_date: Date,
        solely_in_common: bool,
        view: &dyn BookView,
        outcome: &mut Outcome,
    ) -> Result<(), Rejection> {
        if solely_in_common {
            // A dividend in Common Stock is a `price-adjustment.subdivision` stock dividend,
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
            self.dividend_sources_applied.insert(record_date, source);
            if source == DividendSource::Earnings {
                outcome.computations.push(
                    Computed::new(
                        "adjustment",
                        "none",
                        "cash dividend out of earnings or earned surplus",
                    )
                    .input("record date", record_date)
                    .cite(self.clause("price-adjustment.distribution"))
                    .cite(self.clause("notices.extraordinary-dividend")),
                );
                return Ok(());
            }
        }
        // `notices.extraordinary-dividend`: notice not less than 30 days before the record date.
        let due = add_days(record_date, -self.terms.notices.extraordinary_dividend_days);
        let s10 = NoticeOwed {
            clause: self.clause("notices.extraordinary-dividend"),
            what: "notice of a dividend or distribution not out of earned surplus (Holder does not participate unless exercised before the record date)".to_string(),
            due,
            given: self.notice_given(NoticeSection::ExtraordinaryDividend, Some(record_date), today),
        };
        if !s10.timely() {
            outcome.warnings.push(terms::Warning {
                code: W_NOTICE,
                clause: self.clause("notices.extraordinary-dividend"),
                message: format!(
                    "the {} notice of the distribution with record date {record_date} was due by {due}; {}",
                    self.mark("notices.extraordinary-dividend"),
                    match s10.given {
                        Some(g) => format!("it was given on {g}"),
                        None => "none is recorded".to_string(),
                    }
                ),
            });
        }
        let effective = next_business_day(view, record_date);
        let cmp_day = match self.terms.adjustment.distribution_cmp_at {
            DistributionCmpAt::RecordDate => record_date,
            DistributionCmpAt::EffectiveDate => effective,
        };
        let (cmp, cmp_comp) = self.current_market_price(view, cmp_day)?;
        if per_share >= cmp {
            outcome.warnings.push(terms::Warning {
                code: W_DISTRIBUTION,
                clause: self.clause("price-adjustment.distribution"),
                message: format!(
                    "the fair value distributed per share (${per_share}) is not less than the Current Market Price (${cmp}); the {} fraction would not be positive, so no adjustment is computed",
                    self.mark("price-adjustment.distribution")
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

/// `price-adjustment.effective-date`: "the business day next following" `d`, in the book's sense of
/// business day (`option business-days`; banking days by default).
fn next_business_day(view: &dyn BookView, d: Date) -> Date {
    let mut cur = d;
    // Holidays never run past a few days; the bound keeps a view that
    // reports no business day at all from looping.
    for _ in 0..31 {
        match cur.tomorrow() {
            Ok(n) => cur = n,
            Err(_) => return cur,
        }
        if view.is_business_day(cur) {
            return cur;
        }
    }
    cur
}
