//! `price-adjustment.issuance` and `price-adjustment.excluded-stock`: issuances of Common Stock and of options, rights or
//! convertible securities (deemed issued under `price-adjustment.deemed-issuance`), their
//! consideration (rules 1–2), and the Excluded Stock of employee plans.

use crate::price::{PriceStep, StepInput};
use crate::state::{arith, RightsRecord, Warrant};
use crate::terms::ExcludedStockTerms;
use actions::Purpose;
use calendar::Date;
use terms::{BookView, Outcome, Rejection, SecurityId};
use units::{Computed, Exact, Money, Price, Rounding, Shares, UnitsError};

/// No Excluded Stock: what a form without the price-based adjustment has
/// (its issuance handlers never run).
static NO_EXCLUDED_STOCK: ExcludedStockTerms = ExcludedStockTerms {
    plan_securities: Vec::new(),
    plan_common_excluded: false,
    plan_limits: Vec::new(),
};

impl Warrant {
    /// The form's Excluded Stock (none when the form has no price-based
    /// adjustment on issuances).
    pub(crate) fn excluded_stock(&self) -> &ExcludedStockTerms {
        self.terms
            .excluded_stock
            .as_ref()
            .unwrap_or(&NO_EXCLUDED_STOCK)
    }

    // ----------------------------------------------------------------
    // Corporate actions

    /// Rule 1 and rule 2 of `price-adjustment.issuance`: cash net of underwriting, non-cash at
    /// the Board's value, the total capped at CMP × shares when non-cash.
    pub(crate) fn consideration(
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
            .cite(self.clause("price-adjustment.consideration.cash"))
            .cite(self.clause("price-adjustment.consideration.non-cash"));
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

    /// The `price-adjustment.excluded-stock` limit of the plan whose options are `security`, in
    /// shares of the warrant's date (`None`: not limited).
    pub(crate) fn plan_limit(&self, security: &SecurityId) -> Option<Shares> {
        self.excluded_stock()
            .plan_limits
            .iter()
            .find(|l| &l.security == security)
            .map(|l| l.shares)
    }

    /// Shares of `security`'s plan used as Excluded Stock during the Term,
    /// in shares of the warrant's date: the part within the limit of every
    /// option issuance still open, and of expired ones the shares actually
    /// issued (the unexercised shares go back to the plan, as plans provide).
    pub(crate) fn plan_used(&self, security: Option<&SecurityId>) -> Result<Exact, UnitsError> {
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
    /// `price-adjustment.excluded-stock` limit: (`within`, its computation). `limit` and `used` are in
    /// shares of the warrant's date; the room is scaled to today's shares
    /// by the splits and combinations since, in whole shares.
    pub(crate) fn plan_room(
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
        .input_exact("limit as in effect on the date of this Warrant", &limit)
        .input_exact("already used (shares of that date)", &used)
        .input_exact("split factor since that date", &factor)
        .input_exact("room today", &room_now)
        .input("shares issued now", shares)
        .cite(self.clause("price-adjustment.excluded-stock"));
        Ok((within, c))
    }

    pub(crate) fn on_issue_common(
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
            Purpose::EmployeePlan if self.excluded_stock().plan_common_excluded => {
                // The action does not name the plan: common issued under
                // "any" plan in effect counts against the limits of all of
                // them together, and only when every plan has one.
                let es = self.excluded_stock();
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
                        .cite(self.clause("price-adjustment.excluded-stock")),
                );
                if within == shares {
                    return Ok(());
                }
                // The excess is an issuance like any other, for its share of
                // the consideration (`price-adjustment.rounding`: to the cent).
                let excess = shares.checked_sub(within).map_err(|e| self.arith(e))?;
                consideration =
                    pro_rata(&consideration, excess, shares).map_err(|e| self.arith(e))?;
                shares = excess;
            }
            Purpose::ExerciseOfAdjustedSecurity => {
                // Already deemed issued under `price-adjustment.deemed-issuance`: moving from deemed
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
                        .cite(self.clause("price-adjustment.excluded-stock")),
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

    pub(crate) fn on_issue_rights(
        &mut self,
        rights: &actions::RightsIssue,
        purpose: Purpose,
        view: &dyn BookView,
        outcome: &mut Outcome,
    ) -> Result<(), Rejection> {
        let date = view.date();
        let in_plan = purpose == Purpose::EmployeePlan
            && self
                .excluded_stock()
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
                    .cite(self.clause("price-adjustment.excluded-stock")),
            );
        }
        if excluded {
            self.rights.push(record);
            return Ok(());
        }
        // Rights outside the exclusion (all of them, or the part of a plan
        // issuance beyond the plan's limit) are deemed issued under
        // `price-adjustment.deemed-issuance` for their share of the consideration.
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

    pub(crate) fn open_rights_index(&self, security: &SecurityId) -> Option<usize> {
        self.rights
            .iter()
            .rposition(|r| r.open && &r.security == security)
    }

    pub(crate) fn on_amend_rights(
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
        // what the `price-adjustment.deemed-issuance` step deems issued.
        let deemed = r
            .max_shares
            .checked_sub(r.excluded_shares)
            .map(|x| x.max(Shares::ZERO))
            .map_err(|e| arith(&self.terms, e))?;
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
                    deemed_consideration(rc, ep, max).map_err(|e| arith(&self.terms, e))?;
            }
            let facts = format!(
                "change in the terms of {security}: now up to {shown_max} shares at a minimum price of ${ep}"
            );
            return self.readjust(
                "price-adjustment.deemed-issuance.change",
                facts,
                date,
                outcome,
            );
        }
        Ok(())
    }

    pub(crate) fn on_expire_rights(
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
        // the `price-adjustment.deemed-issuance` step.
        let actual = exercised
            .checked_sub(r.excluded_shares)
            .map(|x| x.max(Shares::ZERO))
            .map_err(|e| arith(&self.terms, e))?;
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
                    deemed_consideration(rc, ep, actual).map_err(|e| arith(&self.terms, e))?;
            }
            let facts = format!(
                "expiration of {security} with {exercised} shares actually issued on exercise"
            );
            return self.readjust(
                "price-adjustment.deemed-issuance.expiry",
                facts,
                date,
                outcome,
            );
        }
        Ok(())
    }
}

/// `price-adjustment.deemed-issuance`: the consideration for the rights plus "the minimum purchase
/// price provided in such options or rights for the Common Stock covered
/// thereby".
pub fn deemed_consideration(
    rights: Money,
    exercise_price: Price,
    shares: Shares,
) -> Result<Money, UnitsError> {
    rights.checked_add(exercise_price.times(shares)?)
}

/// `consideration` for `part` of `of` shares (`price-adjustment.rounding`: to the cent).
pub(crate) fn pro_rata(
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

/// `m × part / of`, to the nearest cent (`price-adjustment.rounding`).
pub(crate) fn pro_rata_money(m: Money, part: Shares, of: Shares) -> Result<Money, UnitsError> {
    let x = m.exact().mul(&part.exact()).div(&of.exact())?;
    units::rounding::nearest_cent(&x)
}
