//! Exercise and settlement of Awards: `exercise` (exercise, payment of the
//! exercise price, reload Awards), `awards.alternative-settlement` alternative settlement, `awards.transferability`
//! transferability, deliveries of Deferred and Performance Stock, payment of
//! Cash Performance Awards (`limits.performance`, `awards.performance-qualified`) and forfeiture.
//!
//! The pool consequences follow `pool` as amended: shares held back for the
//! exercise price or withholding are not delivered (iv), and the shares
//! delivered are counted net of previously acquired shares tendered.

use crate::award::{
    AwardKind, AwardStatus, LimitCategory, PaymentForm, Settlement, Source, Vesting,
};
use crate::codes;
use crate::event::{ExerciseSpec, GrantSpec};
use crate::pool::Movement;
use crate::terms::OtherAwardsCount;
use crate::{to_shares, LimitUse, Plan};
use terms::{BookView, Effect, HolderId, Outcome, Rejection};
use units::{Computed, Exact, Money, Price, Shares};

fn m(x: Option<Money>) -> Money {
    x.unwrap_or(Money::ZERO)
}
fn s(x: Option<Shares>) -> Shares {
    x.unwrap_or(Shares::ZERO)
}

impl Plan {
    /// Shares of `holder` held at least the required months on `date`
    /// (`exercise.payment.tendered-shares`: "shares of Stock which have been outstanding for at
    /// least six months"), oldest lots first.
    pub(crate) fn seasoned_shares(
        &self,
        holder: &HolderId,
        months: i32,
        view: &dyn BookView,
    ) -> Shares {
        let date = view.date();
        view.lots(holder, &self.stock)
            .into_iter()
            .filter(|(acquired, _)| calendar::add_months(*acquired, months) <= date)
            .fold(Shares::ZERO, |acc, (_, n)| {
                acc.checked_add(n).unwrap_or(acc)
            })
    }

    pub(crate) fn exercise(
        &mut self,
        e: &ExerciseSpec,
        view: &dyn BookView,
    ) -> Result<Outcome, Rejection> {
        let date = view.date();
        let a = self.award(&e.award)?.clone();
        if !a.kind.requires_exercise() {
            return Err(self.reject(
                codes::WRONG_KIND,
                "exercise",
                format!(
                    "`{}` is a {} Award, which does not require exercise",
                    e.award,
                    a.kind.name()
                ),
            ));
        }
        if let AwardStatus::Terminated { on, why } = &a.status {
            return Err(self.reject(
                codes::EXPIRED,
                "awards.vesting",
                format!("Award `{}` terminated on {on}: {why}", e.award),
            ));
        }
        if !a.is_active() {
            return Err(self.reject(
                codes::NOT_ACTIVE,
                "awards.vesting",
                format!(
                    "Award `{}` is no longer outstanding ({:?})",
                    e.award, a.status
                ),
            ));
        }
        if let Some(last) = a.last_exercise_date() {
            if date > last {
                return Err(self.reject(
                    codes::EXPIRED,
                    "awards.vesting",
                    format!(
                        "Award `{}` could be exercised until {last}; the exercise is dated {date}",
                        e.award
                    ),
                ));
            }
        }
        // `awards.transferability`: during the Participant's lifetime only the Participant
        // (or a legal representative) exercises; after a transfer by will
        // or descent, the transferee.
        let by = e.by.clone().unwrap_or_else(|| a.holder.clone());
        // After death the executor or administrator exercises (`awards.termination.death`).
        let died = self
            .participants
            .get(&a.participant)
            .is_some_and(|p| matches!(p.ceased, Some((_, crate::event::CessationReason::Death))));
        if by != a.holder && !e.representative && !died {
            return Err(self
                .reject(codes::NOT_THE_PARTICIPANT, "awards.transferability", format!("Award `{}` may be exercised only by `{}`, not `{by}`", e.award, a.holder))
                .with_help("a person legally appointed to act for an incapacitated Participant: add `legal-representative: yes`"));
        }
        if e.shares.is_zero() {
            return Err(self.reject(
                codes::WRONG_KIND,
                "exercise.manner",
                "an exercise covers at least one share",
            ));
        }
        let wanted = e.shares.exact();
        let exercisable = a.exercisable(date);
        if wanted > exercisable {
            let vested_left = a.vested(date).sub(&a.exercised);
            let msg = format!(
                "Award `{}` has {} shares exercisable on {date} ({} vested, {} exercised); {} asked",
                e.award,
                exercisable.display(),
                a.vested(date).display(),
                a.exercised.display(),
                e.shares
            );
            let code = if wanted > vested_left {
                codes::NOT_VESTED
            } else {
                codes::EXPIRED
            };
            return Err(self.reject(code, "awards.vesting", msg));
        }
        let held_back = s(e.hold_back)
            .checked_add(s(e.withhold))
            .map_err(|x| self.reject(codes::ARITHMETIC, "pool", x.to_string()))?;
        if held_back > e.shares {
            return Err(self.reject(
                codes::HOLD_BACK_EXCEEDS,
                "pool",
                format!(
                    "{held_back} shares held back from an exercise of {}",
                    e.shares
                ),
            ));
        }
        // Forms of payment (`exercise.payment`).
        let mut used = Vec::new();
        if e.cash.is_some() {
            used.push(PaymentForm::Cash);
        }
        if e.check.is_some() {
            used.push(PaymentForm::Check);
        }
        if e.tender.is_some() || e.tender_for_taxes.is_some() {
            used.push(PaymentForm::Shares);
        }
        if e.promissory_note.is_some() {
            used.push(PaymentForm::Note);
        }
        if e.broker.is_some() {
            used.push(PaymentForm::Broker);
        }
        if e.hold_back.is_some() || e.withhold.is_some() {
            used.push(PaymentForm::HoldBack);
        }
        for f in &used {
            if !a.payment_forms.contains(f) {
                let allowed: Vec<&str> = a.payment_forms.iter().map(|f| f.name()).collect();
                return Err(self
                    .reject(codes::PAYMENT_FORM, "exercise.payment", format!("Award `{}` does not permit payment by {}", e.award, f.name()))
                    .with_help(format!("permitted: {} (the Administrator permits others on the grant with `payment:`)", allowed.join(", "))));
            }
        }
        let tendered = s(e.tender)
            .checked_add(s(e.tender_for_taxes))
            .map_err(|x| self.reject(codes::ARITHMETIC, "exercise.payment", x.to_string()))?;
        if !tendered.is_zero() {
            let held = view.position(&a.holder, &self.stock);
            if held < tendered {
                return Err(self.reject(
                    codes::TENDER_NOT_HELD,
                    "exercise.payment.tendered-shares",
                    format!(
                        "`{}` holds {held} shares and cannot tender {tendered}",
                        a.holder
                    ),
                ));
            }
            let months = self.needed(
                self.terms.tender_holding_months,
                "tender_holding_months",
                "exercise.payment.tendered-shares",
                "a payment in previously owned shares",
            )?;
            let seasoned = self.seasoned_shares(&a.holder, months, view);
            if seasoned < tendered {
                return Err(self
                    .reject(
                        codes::TENDER_TOO_RECENT,
                        "exercise.payment.tendered-shares",
                        format!("only {seasoned} of `{}`'s shares have been held at least {months} months on {date}; {tendered} tendered", a.holder),
                    )
                    .with_help("shares tendered in payment must have been outstanding for at least six months"));
            }
        }
        let needs_fmv =
            !tendered.is_zero() || !held_back.is_zero() || a.kind == AwardKind::Sar || a.reload;
        let fmv = if needs_fmv {
            Some(self.fmv(e.fmv, view, "exercise.payment")?)
        } else {
            None
        };
        let fmv_x = fmv
            .as_ref()
            .map(|(f, _)| f.clone())
            .unwrap_or_else(Exact::zero);
        let mut out = Outcome::none();
        if let Some((_, c)) = &fmv {
            out = out.computed(c.clone());
        }
        // Shares going out and coming back.
        let mut gross = e.shares;
        let mut sar_cash = Money::ZERO;
        if a.kind == AwardKind::Sar {
            let base = a.exercise_price.unwrap_or(Price::ZERO).exact();
            let spread = fmv_x.sub(&base);
            let spread = if spread.is_negative() {
                Exact::zero()
            } else {
                spread
            };
            let value = spread.mul(&wanted);
            let c = Computed::of_exact(
                "SAR appreciation",
                &value,
                "(fair market value − base price) × shares exercised",
            )
            .input_exact("fair market value", &fmv_x)
            .input_exact("base price", &base)
            .input("shares", e.shares)
            .cite(self.clause("definitions.sar"));
            out = out.computed(c);
            match a.settlement {
                Settlement::Cash => {
                    sar_cash = units::rounding::nearest_cent(&value)
                        .map_err(|x| self.reject(codes::ARITHMETIC, "exercise", x.to_string()))?;
                    gross = Shares::ZERO;
                }
                Settlement::Stock => {
                    let entitlement = value.div(&fmv_x).unwrap_or_else(|_| Exact::zero());
                    let split = units::rounding::whole_shares_cash_in_lieu(
                        &entitlement,
                        Price::new(
                            fmv_x
                                .round_dp(4, units::Rounding::HalfUp)
                                .unwrap_or_default(),
                        ),
                        None,
                    )
                    .map_err(|x| {
                        self.reject(
                            codes::ARITHMETIC,
                            "pool.no-fractional-shares",
                            x.to_string(),
                        )
                    })?;
                    gross = split.whole;
                    sar_cash = split.cash;
                    out = out.computed(
                        Computed::new(
                            "SAR shares delivered",
                            split.whole,
                            "appreciation / fair market value, whole shares; the fraction in cash",
                        )
                        .input_exact("exact", &entitlement)
                        .input("cash for the fraction", split.cash)
                        .rounded("whole shares, cash in lieu of the fraction")
                        .cite(self.clause("pool.no-fractional-shares")),
                    );
                }
            }
        } else {
            // Payment of the exercise price (`exercise.manner`, `exercise.payment`).
            let price = a.exercise_price.unwrap_or(Price::ZERO);
            let due = price
                .times(e.shares)
                .map_err(|x| self.reject(codes::ARITHMETIC, "exercise.payment", x.to_string()))?;
            let share_value = s(e.tender).exact().add(&s(e.hold_back).exact()).mul(&fmv_x);
            let paid = m(e.cash)
                .exact()
                .add(&m(e.check).exact())
                .add(&m(e.promissory_note).exact())
                .add(&m(e.broker).exact())
                .add(&share_value);
            let c = Computed::of_exact(
                "payment of the exercise price",
                &paid,
                "cash + check + note + broker + (shares tendered + held back) × fair market value",
            )
            .input(
                "exercise price × shares",
                format!("{price} × {} = {due}", e.shares),
            )
            .input("cash", m(e.cash))
            .input("check", m(e.check))
            .input("promissory note", m(e.promissory_note))
            .input("broker's undertaking", m(e.broker))
            .input("shares tendered for the price", s(e.tender))
            .input("shares held back for the price", s(e.hold_back))
            .input_exact("fair market value", &fmv_x)
            .cite(self.clause("exercise.payment"));
            if paid < due.exact() {
                return Err(self
                    .reject(codes::PAYMENT_SHORT, "exercise.manner", format!("the exercise of {} shares of `{}` needs payment of {due}; {} was delivered", e.shares, e.award, paid.display()))
                    .with_help(c.render()));
            }
            out = out.computed(c);
        }
        if held_back > gross {
            return Err(self.reject(
                codes::HOLD_BACK_EXCEEDS,
                "pool",
                format!("{held_back} shares held back from a delivery of {gross}"),
            ));
        }
        // Delivery source (`pool.no-fractional-shares`).
        let delivered_physically = gross.checked_sub(held_back).unwrap_or(Shares::ZERO);
        let treasury = a.source == Source::Treasury;
        if treasury && view.treasury(&self.stock) < delivered_physically {
            return Err(self.reject(
                codes::TREASURY_SHORT,
                "pool.no-fractional-shares",
                format!(
                    "{} treasury shares cannot cover {delivered_physically}",
                    view.treasury(&self.stock)
                ),
            ));
        }
        // `limits.per-person` "other Awards ... delivered" counted at delivery, if chosen.
        if a.kind == AwardKind::Convertible
            && self.terms.other_awards_limit_counts == OtherAwardsCount::Delivery
        {
            if let Some(c) = self.check_limit(
                &a.participant,
                LimitCategory::Other,
                &gross.exact(),
                date,
                "delivered",
            )? {
                out = out.computed(c);
            }
            self.uses.push(LimitUse {
                holder: a.participant.clone(),
                year: date.year(),
                category: LimitCategory::Other,
                shares: gross.exact(),
                award: a.id.clone(),
                date,
                why: "delivery".into(),
            });
        }
        // The pool: the exercised shares leave the Award; what is not
        // delivered net returns (`pool.cash-settled`, (iv), and the net rule).
        let tender_credit = tendered.min(delivered_physically);
        let not_delivered = wanted.sub(&gross.exact());
        self.push(
            date,
            Some(&e.award),
            Movement::Deliver {
                gross: wanted.clone(),
                held_back: wanted.sub(&delivered_physically.exact()),
                tendered: tender_credit.exact(),
            },
            "pool",
        );
        let counted = delivered_physically
            .checked_sub(tender_credit)
            .unwrap_or(Shares::ZERO);
        out = out.computed(
            Computed::new(format!("shares delivered under the Plan ({})", self.mark("pool")), counted, "shares exercised − held back − not delivered (cash) − previously acquired shares tendered")
                .input("shares exercised", e.shares)
                .input("held back for the price (iv)", s(e.hold_back))
                .input("held back for withholding (iv)", s(e.withhold))
                .input_exact("settled in cash (ii)", &not_delivered)
                .input("tendered (net rule)", tender_credit)
                .cite(self.clause("pool")),
        );
        {
            let aw = self.award_mut(&e.award)?;
            aw.exercised = aw.exercised.add(&wanted);
            if aw.outstanding().is_zero() {
                aw.status = AwardStatus::Completed { on: date };
            }
        }
        // Effects on the ledger.
        if !delivered_physically.is_zero() {
            out = out.effect(self.issue(
                &a.holder,
                delivered_physically,
                treasury,
                format!(
                    "exercise of {} shares of Award {} under {} ({})",
                    e.shares,
                    e.award,
                    self.id,
                    self.mark("exercise")
                ),
            ));
        }
        if !tendered.is_zero() {
            out = out.effect(Effect::Cancel {
                security: self.stock.clone(),
                holder: a.holder.clone(),
                shares: tendered,
                to_treasury: true,
                reason: format!(
                    "previously owned shares tendered on exercise of {} ({}, {})",
                    e.award,
                    self.mark("exercise.payment.tendered-shares"),
                    self.mark("awards.taxes")
                ),
            });
        }
        let received = m(e.cash)
            .checked_add(m(e.check))
            .and_then(|x| x.checked_add(m(e.broker)))
            .unwrap_or(Money::ZERO);
        if !received.is_zero() {
            out = out.effect(Effect::Cash {
                holder: a.holder.clone(),
                amount: Money::new(-received.value()),
                reason: format!(
                    "exercise price of {} paid by cash, check or broker ({})",
                    e.award,
                    self.mark("exercise.payment")
                ),
            });
        }
        if !sar_cash.is_zero() {
            out = out.effect(Effect::Cash {
                holder: a.holder.clone(),
                amount: sar_cash,
                reason: format!("SAR {} settled in cash (Exhibit A \"SARs\")", e.award),
            });
        }
        if let Some(n) = e.promissory_note {
            out = out.warn(
                "W0401",
                self.clause("exercise.payment.other-forms"),
                format!(
                    "promissory note of {n} from `{}` received for {}",
                    a.holder, e.award
                ),
            );
        }
        if !s(e.withhold).is_zero() || !s(e.tender_for_taxes).is_zero() {
            let v = s(e.withhold)
                .exact()
                .add(&s(e.tender_for_taxes).exact())
                .mul(&fmv_x);
            out = out.computed(
                Computed::of_exact(
                    "withholding taxes satisfied in shares",
                    &v,
                    "(shares withheld + tendered for taxes) × fair market value",
                )
                .cite(self.clause("awards.taxes")),
            );
        }
        // `exercise.reload` reload: a new Award of like kind for the shares exercised,
        // when paid by cash or by tender of previously owned shares.
        let paid_by_cash_or_tender = e.cash.is_some() || e.check.is_some() || e.tender.is_some();
        if a.reload && a.kind.is_option() && paid_by_cash_or_tender {
            let n = self
                .order
                .iter()
                .filter(|i| i.starts_with(&format!("{}-reload-", e.award)))
                .count()
                + 1;
            let reload_id = format!("{}-reload-{n}", e.award);
            let price = Price::new(
                fmv_x
                    .round_dp(2, units::Rounding::Ceiling)
                    .unwrap_or_default(),
            );
            let spec = GrantSpec {
                award: reload_id.clone(),
                holder: a.participant.clone(),
                kind: a.kind,
                shares: e.shares,
                amount: None,
                exercise_price: Some(price),
                fmv: Some(price),
                vesting_text: None,
                vesting: Vesting::Immediate,
                expiry: a.expiry,
                qualify_162m: a.qualify_162m,
                performance_period: None,
                criteria_established: None,
                payment_forms: Some(a.payment_forms.clone()),
                reload: false,
                dividend_equivalents: a.dividend_equivalents,
                transferable: a.transferable,
                source: a.source,
                settlement: a.settlement,
                consideration: None,
                services_value: None,
                related_to: None,
                substitutes_for: None,
                // The reload is "a new Award of like kind": it keeps the
                // first Award's post-cessation terms and reservation.
                alteration_reserved: a.alteration_reserved,
                after_death_months: a.after_death_months,
                after_cessation_months: a.after_cessation_months,
            };
            match self.check_grant(&spec, view) {
                Ok(chk) => {
                    let o = self.commit_grant(&spec, chk, view);
                    out.merge(o);
                    out = out.computed(
                        Computed::new(
                            "reload Award",
                            format!("{reload_id}: {} shares at {price}", e.shares),
                            "shares exercised, at the fair market value on exercise",
                        )
                        .cite(self.clause("exercise.reload")),
                    );
                }
                Err(r) => {
                    out = out.warn(
                        "W0402",
                        self.clause("exercise.reload"),
                        format!("no reload Award for {}: {}", e.award, r),
                    );
                }
            }
        }
        Ok(out)
    }

    /// Delivery of Deferred Stock, Performance Award shares or shares of an
    /// Award not requiring exercise, once vested (and, for a Section 162(m) Award,
    /// certified, `awards.performance-qualified`).
    pub(crate) fn deliver(
        &mut self,
        id: &str,
        shares: Option<Shares>,
        view: &dyn BookView,
    ) -> Result<Outcome, Rejection> {
        let date = view.date();
        let a = self.award(id)?.clone();
        if !matches!(a.kind, AwardKind::Deferred | AwardKind::Performance) {
            return Err(self.reject(codes::WRONG_KIND, "awards.not-requiring-exercise", format!("`{id}` is a {} Award; only Deferred Stock and Performance Awards are delivered later", a.kind.name())));
        }
        if !a.is_active() {
            return Err(self.reject(
                codes::NOT_ACTIVE,
                "awards.vesting",
                format!("Award `{id}` is no longer outstanding"),
            ));
        }
        if a.qualify_162m && a.certification.is_none() && a.accelerated.is_none() {
            return Err(self.reject(codes::NOT_CERTIFIED, "awards.performance-qualified", format!("`{id}` is intended to qualify under Section 162(m): the Committee must certify the Performance Criteria before payment")));
        }
        let deliverable = a.vested(date).sub(&a.exercised).min(a.outstanding());
        let n = shares
            .map(|s| s.exact())
            .unwrap_or_else(|| deliverable.clone());
        if n.is_zero() || n > deliverable {
            return Err(self.reject(
                codes::NOT_VESTED,
                "awards.vesting",
                format!(
                    "`{id}` has {} vested shares not yet delivered on {date}; {} asked",
                    deliverable.display(),
                    n.display()
                ),
            ));
        }
        let sh = to_shares(&n, &self.terms)?;
        let treasury = a.source == Source::Treasury;
        let mut out = Outcome::none();
        if self.terms.other_awards_limit_counts == OtherAwardsCount::Delivery {
            if let Some(c) =
                self.check_limit(&a.participant, LimitCategory::Other, &n, date, "delivered")?
            {
                out = out.computed(c);
            }
            self.uses.push(LimitUse {
                holder: a.participant.clone(),
                year: date.year(),
                category: LimitCategory::Other,
                shares: n.clone(),
                award: id.to_string(),
                date,
                why: "delivery".into(),
            });
        }
        self.push(
            date,
            Some(id),
            Movement::Deliver {
                gross: n.clone(),
                held_back: Exact::zero(),
                tendered: Exact::zero(),
            },
            "pool",
        );
        {
            let aw = self.award_mut(id)?;
            aw.exercised = aw.exercised.add(&n);
            if aw.outstanding().is_zero() {
                aw.status = AwardStatus::Completed { on: date };
            }
        }
        Ok(out.effect(self.issue(
            &a.holder,
            sh,
            treasury,
            format!(
                "delivery of {sh} shares under Award {id} ({})",
                a.kind.name()
            ),
        )))
    }

    /// Payment of a Cash Performance Award (`limits.performance`; `awards.performance-qualified` certification).
    pub(crate) fn pay(
        &mut self,
        id: &str,
        amount: Money,
        view: &dyn BookView,
    ) -> Result<Outcome, Rejection> {
        let date = view.date();
        let a = self.award(id)?.clone();
        if a.kind != AwardKind::CashPerformance {
            return Err(self.reject(
                codes::WRONG_KIND,
                "limits.performance",
                format!("`{id}` is not a Cash Performance Award"),
            ));
        }
        if !a.is_active() {
            return Err(self.reject(
                codes::NOT_ACTIVE,
                "limits.performance",
                format!("Award `{id}` is no longer outstanding"),
            ));
        }
        let cert = a.certification.clone();
        if a.qualify_162m && !cert.as_ref().is_some_and(|c| c.attained) {
            return Err(self.reject(codes::NOT_CERTIFIED, "awards.performance-qualified", format!("the Committee has not certified that `{id}`'s Performance Criteria were attained")));
        }
        let max = a.amount.unwrap_or(Money::ZERO);
        let earned = match &cert {
            Some(c) => max.exact().mul(&c.fraction),
            None => a.vested_fraction(date).mul(&max.exact()),
        };
        let after = a
            .paid
            .checked_add(amount)
            .map_err(|x| self.reject(codes::ARITHMETIC, "limits.performance", x.to_string()))?;
        if amount.is_negative() || amount.is_zero() || after.exact() > earned {
            return Err(self.reject(
                codes::PAYMENT_OVER_AWARD,
                "limits.performance",
                format!(
                    "`{id}` has earned {} of its maximum {max}; {} already paid, {amount} asked",
                    earned.display(),
                    a.paid
                ),
            ));
        }
        {
            let aw = self.award_mut(id)?;
            aw.paid = after;
            if after.exact() == max.exact() || cert.is_some() && after.exact() == earned {
                aw.status = AwardStatus::Completed { on: date };
            }
        }
        Ok(Outcome::none().effect(Effect::Cash {
            holder: a.holder.clone(),
            amount,
            reason: format!(
                "payment of Cash Performance Award {id} ({})",
                self.mark("limits.performance")
            ),
        }))
    }

    /// `awards.alternative-settlement`: the Company extinguishes an Award for cash, Stock or other
    /// property, with the holder's consent. Shares not delivered return to
    /// the pool (`pool.cash-settled`); Stock delivered counts.
    pub(crate) fn settle(
        &mut self,
        id: &str,
        cash: Option<Money>,
        stock: Option<Shares>,
        consent: bool,
        view: &dyn BookView,
    ) -> Result<Outcome, Rejection> {
        let date = view.date();
        let a = self.award(id)?.clone();
        if !consent {
            return Err(self
                .reject(codes::NO_CONSENT, "awards.alternative-settlement", format!("Award `{id}` may be extinguished in exchange for payment only with the holder's consent"))
                .with_help("record `consent: yes` when the holder consents"));
        }
        if !a.is_active() {
            return Err(self.reject(
                codes::NOT_ACTIVE,
                "awards.alternative-settlement",
                format!("Award `{id}` is no longer outstanding"),
            ));
        }
        let outstanding = a.outstanding();
        let stock_n = s(stock).exact();
        if stock_n > outstanding {
            return Err(self.reject(
                codes::POOL_EXHAUSTED,
                "awards.alternative-settlement",
                format!(
                    "Stock in settlement is subject to the plan's limits ({}): at most the {} shares under the Award",
                    self.mark("pool"),
                    outstanding.display()
                ),
            ));
        }
        let mut out = Outcome::none();
        if !outstanding.is_zero() {
            self.push(
                date,
                Some(id),
                Movement::Deliver {
                    gross: outstanding.clone(),
                    held_back: outstanding.sub(&stock_n),
                    tendered: Exact::zero(),
                },
                "pool.cash-settled",
            );
        }
        {
            let aw = self.award_mut(id)?;
            aw.exercised = aw.exercised.add(&stock_n);
            aw.returned = aw.returned.add(&outstanding.sub(&stock_n));
            aw.status = AwardStatus::Settled { on: date };
        }
        if let Some(c) = cash {
            out = out.effect(Effect::Cash {
                holder: a.holder.clone(),
                amount: c,
                reason: format!(
                    "Award {id} extinguished for cash ({})",
                    self.mark("awards.alternative-settlement")
                ),
            });
        }
        if let Some(n) = stock.filter(|n| !n.is_zero()) {
            out = out.effect(self.issue(
                &a.holder,
                n,
                a.source == Source::Treasury,
                format!(
                    "Award {id} extinguished for Stock ({})",
                    self.mark("awards.alternative-settlement")
                ),
            ));
        }
        Ok(out.computed(
            Computed::of_exact(
                "shares returned to the pool",
                &outstanding.sub(&stock_n),
                "shares under the Award − Stock delivered in settlement",
            )
            .input_exact("shares under the Award", &outstanding)
            .input("cash paid", m(cash))
            .cite(self.clause("pool.cash-settled"))
            .cite(self.clause("awards.alternative-settlement")),
        ))
    }

    /// Forfeiture declared by the Administrator (conditions of Restricted
    /// Stock not satisfied, Exhibit A "Restricted Stock"): unvested shares,
    /// or those named.
    pub(crate) fn forfeit(
        &mut self,
        id: &str,
        shares: Option<Shares>,
        consent: bool,
        view: &dyn BookView,
    ) -> Result<Outcome, Rejection> {
        let date = view.date();
        let a = self.award(id)?.clone();
        if !a.is_active() {
            return Err(self.reject(
                codes::NOT_ACTIVE,
                "awards.vesting",
                format!("Award `{id}` is no longer outstanding"),
            ));
        }
        let mut out = Outcome::none();
        if a.kind.is_cash() {
            // A cash Award not yet vested lapses; a vested one only with
            // the holder's consent (`administration`).
            if a.vested_fraction(date) > Exact::zero() && !(consent || a.alteration_reserved) {
                return Err(self.reject(
                    codes::ADVERSE_WITHOUT_CONSENT,
                    "administration",
                    format!("`{id}` has vested: forfeiting it needs the holder's consent"),
                ));
            }
            self.award_mut(id)?.status = AwardStatus::Terminated {
                on: date,
                why: "forfeited".into(),
            };
            return Ok(out);
        }
        if a.kind.delivered_at_grant() {
            let unvested = a.total.sub(&a.vested(date)).sub(&a.returned);
            let n = shares
                .map(|s| s.exact())
                .unwrap_or_else(|| unvested.clone());
            if n > unvested || n.is_zero() {
                return Err(self.reject(
                    codes::NOT_VESTED,
                    "pool.forfeited",
                    format!(
                        "`{id}` has {} unvested shares that can be forfeited; {} asked",
                        unvested.display(),
                        n.display()
                    ),
                ));
            }
            let sh = to_shares(&n, &self.terms)?;
            self.push(
                date,
                Some(id),
                Movement::ForfeitDelivered { shares: n.clone() },
                "pool.forfeited",
            );
            {
                let aw = self.award_mut(id)?;
                aw.exercised = aw.exercised.sub(&n);
                aw.returned = aw.returned.add(&n);
                if aw.exercised.is_zero() {
                    aw.status = AwardStatus::Terminated {
                        on: date,
                        why: "Restricted Stock forfeited".into(),
                    };
                }
            }
            out = out.effect(Effect::Cancel {
                security: self.stock.clone(),
                holder: a.holder.clone(),
                shares: sh,
                to_treasury: true,
                reason: format!(
                    "Restricted Stock of {id} forfeited and redelivered to the Company"
                ),
            });
        } else {
            let outstanding = a.outstanding();
            // Vested shares are the holder's right: forfeiting them is an
            // adverse alteration needing consent (`administration`); unvested shares
            // forfeit when their conditions fail.
            let vested_left = a
                .vested(date)
                .sub(&a.exercised)
                .max(Exact::zero())
                .min(outstanding.clone());
            let unvested = outstanding.sub(&vested_left);
            let cap = if consent || a.alteration_reserved {
                outstanding.clone()
            } else {
                unvested.clone()
            };
            let n = shares.map(|s| s.exact()).unwrap_or_else(|| cap.clone());
            if n > cap && n <= outstanding {
                return Err(self
                    .reject(
                        codes::ADVERSE_WITHOUT_CONSENT,
                        "administration",
                        format!(
                            "`{id}` has {} unvested shares; forfeiting {} would take vested shares without the holder's consent",
                            unvested.display(),
                            n.display()
                        ),
                    )
                    .with_help("record `consent: yes` for a surrender by the holder"));
            }
            if n > outstanding || n.is_zero() {
                return Err(self.reject(
                    codes::NOT_VESTED,
                    "pool.unexercised",
                    format!(
                        "`{id}` has {} shares outstanding; {} asked",
                        outstanding.display(),
                        n.display()
                    ),
                ));
            }
            if !a.kind.is_cash() {
                self.push(
                    date,
                    Some(id),
                    Movement::Return { shares: n.clone() },
                    "pool.unexercised",
                );
            }
            let aw = self.award_mut(id)?;
            aw.returned = aw.returned.add(&n);
            if aw.outstanding().is_zero() {
                aw.status = AwardStatus::Terminated {
                    on: date,
                    why: "forfeited".into(),
                };
            }
        }
        Ok(out)
    }

    /// `awards.transferability`: "Awards may not be transferred other than by will or by the
    /// laws of descent and distribution" unless the Administrator provides
    /// otherwise.
    pub(crate) fn transfer(
        &mut self,
        id: &str,
        to: &HolderId,
        by: &str,
        view: &dyn BookView,
    ) -> Result<Outcome, Rejection> {
        let a = self.award(id)?.clone();
        if !a.is_active() {
            return Err(self.reject(
                codes::NOT_ACTIVE,
                "awards.transferability",
                format!("Award `{id}` is no longer outstanding"),
            ));
        }
        let by_death = by == "will" || by == "descent";
        if !by_death && !a.transferable {
            return Err(self
                .reject(codes::NOT_TRANSFERABLE, "awards.transferability", format!("Award `{id}` may be transferred only by will or the laws of descent and distribution"))
                .with_help("the Administrator may allow transfers on the grant with `transferable: yes`"));
        }
        if by_death
            && a.kind == AwardKind::Iso
            && !self.participants.get(&a.participant).is_some_and(|p| {
                matches!(p.ceased, Some((_, crate::event::CessationReason::Death)))
            })
        {
            return Err(self.reject(codes::NOT_TRANSFERABLE, "awards.transferability", format!("a transfer of `{id}` by will or descent needs the Participant's death to be recorded (`terminate-service ... reason: death`)")));
        }
        if !view.holder_exists(to) {
            return Err(self.reject(
                codes::NOT_TRANSFERABLE,
                "awards.transferability",
                format!("`{to}` is not a holder in the book"),
            ));
        }
        self.award_mut(id)?.holder = to.clone();
        Ok(Outcome::none())
    }
}
