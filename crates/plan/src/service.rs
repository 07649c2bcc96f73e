//! Cessation of a Participant's service (`awards.vesting`).
//!
//! "Unless the Administrator expressly provides otherwise, immediately upon
//! the cessation of the Participant's employment or other service
//! relationship ... an Award requiring exercise will cease to be exercisable,
//! and all Awards to the extent not already fully vested will be forfeited,
//! except that" Stock Options and SARs exercisable at death stay exercisable
//! for the lesser of one year (to the first anniversary of death) and their
//! term (A); after any other cessation, the lesser of three months and their
//! term (B); and not at all after a cessation for discrediting reasons (C).

use crate::award::{Award, AwardKind, AwardStatus, PaymentForm};
use crate::codes;
use crate::event::{AwardAmendment, CessationReason};
use crate::pool::Movement;
use crate::{to_shares, Plan};
use terms::{BookView, Effect, HolderId, Outcome, Rejection};
use units::{Computed, Exact};

impl Plan {
    pub(crate) fn terminate_service(
        &mut self,
        holder: &HolderId,
        reason: CessationReason,
        view: &dyn BookView,
    ) -> Result<Outcome, Rejection> {
        let date = view.date();
        let Some(p) = self.participants.get(holder) else {
            return Err(self.reject(
                codes::NOT_A_PARTICIPANT,
                "awards.vesting",
                format!("`{holder}` is not a Participant of {}", self.id),
            ));
        };
        if let Some((on, _)) = p.ceased {
            return Err(self.reject(
                codes::SERVICE_ENDED,
                "awards.vesting",
                format!("`{holder}`'s service already ended on {on}"),
            ));
        }
        let mut out = Outcome::none();
        let ids: Vec<String> = self
            .order
            .iter()
            .filter(|id| {
                self.awards
                    .get(*id)
                    .is_some_and(|a| &a.participant == holder && a.is_active())
            })
            .cloned()
            .collect();
        for id in ids {
            let Some(a) = self.awards.get(&id).cloned() else {
                continue;
            };
            let vested = a.vested(date);
            let mut returned = Exact::zero();
            let mut last = None;
            let mut why: Option<String> = None;
            if a.kind.delivered_at_grant() {
                // Restricted Stock not yet free of restrictions is forfeited
                // and redelivered (`pool.forfeited`).
                let at_risk = a.exercised.sub(&vested);
                if !at_risk.is_negative() && !at_risk.is_zero() {
                    let sh = to_shares(&at_risk, &self.terms)?;
                    self.push(
                        date,
                        Some(&id),
                        Movement::ForfeitDelivered {
                            shares: at_risk.clone(),
                        },
                        "pool.forfeited",
                    );
                    out = out.effect(Effect::Cancel {
                        security: self.stock.clone(),
                        holder: a.holder.clone(),
                        shares: sh,
                        to_treasury: true,
                        reason: format!("unvested Restricted Stock of {id} forfeited on cessation of service ({})", self.mark("awards.vesting")),
                    });
                    if let Some(aw) = self.awards.get_mut(&id) {
                        aw.exercised = aw.exercised.sub(&at_risk);
                        aw.returned = aw.returned.add(&at_risk);
                    }
                }
            } else if a.kind.is_cash() {
                if a.vested_fraction(date) < Exact::one() && a.kind == AwardKind::CashPerformance {
                    why = Some(format!(
                        "not fully vested on cessation of service ({})",
                        self.mark("awards.vesting")
                    ));
                }
            } else {
                let outstanding = a.outstanding();
                let vested_left = vested
                    .sub(&a.exercised)
                    .max(Exact::zero())
                    .min(outstanding.clone());
                let keeps = a.kind.is_option_or_sar()
                    && reason != CessationReason::Cause
                    && !vested_left.is_zero()
                    || matches!(a.kind, AwardKind::Deferred | AwardKind::Performance)
                        && !vested_left.is_zero();
                returned = if keeps {
                    outstanding.sub(&vested_left)
                } else {
                    outstanding.clone()
                };
                if a.kind.is_option_or_sar() && !keeps {
                    // Terminated on cessation (`awards.termination.cause` for cause, or
                    // nothing vested): the last day it existed is the
                    // cessation date, which reports must show instead of the
                    // original term's end.
                    last = Some(a.expiry.map_or(date, |e| e.min(date)));
                }
                if a.kind.is_option_or_sar() && keeps {
                    let window_end = self.window_end(&a, date, reason);
                    let l = match a.expiry {
                        Some(e) => e.min(window_end),
                        None => window_end,
                    };
                    last = Some(l);
                    out = out.computed(
                        Computed::new(
                            format!("last exercise date of {id}"),
                            l,
                            "the lesser of the post-cessation period and the Award's own term",
                        )
                        .input("cessation", date)
                        .input("reason", format!("{reason:?}").to_lowercase())
                        .input("period ends", window_end)
                        .input(
                            "original term ends",
                            a.expiry
                                .map(|e| e.to_string())
                                .unwrap_or_else(|| "none".into()),
                        )
                        .input_exact("shares exercisable", &vested_left)
                        .input(
                            "period",
                            match (reason, a.after_death_months, a.after_cessation_months) {
                                (CessationReason::Death, Some(m), _) => {
                                    format!(
                                        "{m} months, as the Administrator provided for this Award"
                                    )
                                }
                                (CessationReason::Death, None, _) => format!(
                                    "{} year(s), the Plan's",
                                    self.terms.death_exercise_years
                                ),
                                (_, _, Some(m)) => {
                                    format!(
                                        "{m} months, as the Administrator provided for this Award"
                                    )
                                }
                                _ => format!(
                                    "{} months, the Plan's",
                                    self.terms.other_exercise_months
                                ),
                            },
                        )
                        .cite(self.clause(match reason {
                            CessationReason::Death => "awards.termination.death",
                            _ => "awards.termination.other",
                        })),
                    );
                }
                if !keeps {
                    why = Some(match reason {
                        CessationReason::Cause if a.kind.is_option_or_sar() => {
                            format!(
                                "terminated immediately on cessation for cause ({})",
                                self.mark("awards.termination.cause")
                            )
                        }
                        _ => format!(
                            "ceased to be exercisable or vest on cessation of service ({})",
                            self.mark("awards.vesting")
                        ),
                    });
                }
                if !returned.is_zero() {
                    let section = if reason == CessationReason::Cause {
                        "awards.termination.cause"
                    } else {
                        "awards.vesting"
                    };
                    self.push(
                        date,
                        Some(&id),
                        Movement::Return {
                            shares: returned.clone(),
                        },
                        section,
                    );
                    out = out.computed(
                        Computed::of_exact(
                            format!("shares of {id} forfeited"),
                            &returned,
                            "shares outstanding − shares vested and kept exercisable",
                        )
                        .input_exact("outstanding", &outstanding)
                        .input_exact("kept", &outstanding.sub(&returned))
                        .cite(self.clause(section))
                        .cite(self.clause("pool.unexercised")),
                    );
                }
            }
            if let Some(aw) = self.awards.get_mut(&id) {
                aw.returned = aw.returned.add(&returned);
                aw.service_ended = Some(date);
                if last.is_some() {
                    aw.post_service_last = last;
                }
                if let Some(w) = why {
                    aw.status = AwardStatus::Terminated { on: date, why: w };
                }
            }
        }
        if let Some(p) = self.participants.get_mut(holder) {
            p.ceased = Some((date, reason));
        }
        Ok(out)
    }

    /// `awards.vesting`: the last day of the post-cessation period of an exercisable
    /// Option or SAR — the Award's own period if "the Administrator
    /// expressly provides otherwise", else one year to the anniversary of
    /// death (A) or three months (B) — before the cut to the Award's term.
    pub(crate) fn window_end(
        &self,
        a: &Award,
        ceased: calendar::Date,
        reason: CessationReason,
    ) -> calendar::Date {
        match (reason, a.after_death_months, a.after_cessation_months) {
            (CessationReason::Death, Some(m), _) => calendar::add_months(ceased, m),
            (CessationReason::Death, None, _) => {
                calendar::anniversary(ceased, self.terms.death_exercise_years)
            }
            (_, _, Some(m)) => calendar::add_months(ceased, m),
            _ => calendar::add_months(ceased, self.terms.other_exercise_months),
        }
    }

    /// `amend-award`: the Administrator changes an outstanding Award (`amendment`
    /// "amend ... any outstanding Award", `administration` "determine, modify or waive the
    /// terms"). `administration`: once communicated, no alteration that affects the
    /// Participant adversely without their consent unless the right was
    /// reserved in writing at grant (R0449). `exercise.payment`: other forms of
    /// payment are permitted "with the consent of the optionee of an ISO if
    /// permitted after the grant" (R0450).
    pub(crate) fn amend_award(
        &mut self,
        m: &AwardAmendment,
        view: &dyn BookView,
    ) -> Result<Outcome, Rejection> {
        let date = view.date();
        let a = self.award(&m.award)?.clone();
        if !a.is_active() {
            return Err(self.reject(
                codes::NOT_ACTIVE,
                "amendment",
                format!("Award `{}` is no longer outstanding", m.award),
            ));
        }
        let mut adverse: Vec<String> = Vec::new();
        let mut changes = Computed::new(
            format!("terms of {}", m.award),
            "amended",
            "the Administrator's amendment of an outstanding Award",
        )
        .cite(self.clause("amendment"));
        if let Some(forms) = &m.payment_forms {
            let removed: Vec<&PaymentForm> = a
                .payment_forms
                .iter()
                .filter(|f| !forms.contains(f))
                .collect();
            let added = forms.iter().any(|f| !a.payment_forms.contains(f));
            if !removed.is_empty() {
                adverse.push(format!(
                    "removes payment by {}",
                    removed
                        .iter()
                        .map(|f| f.name())
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
            if a.kind == AwardKind::Iso && (added || !removed.is_empty()) && !m.consent {
                return Err(self
                    .reject(
                        codes::ISO_PAYMENT_CONSENT,
                        "exercise.payment",
                        format!("`{}` is an ISO: its forms of payment may be changed after the grant only with the optionee's consent", m.award),
                    )
                    .with_help("record `consent: yes`"));
            }
            changes = changes.input(
                "forms of payment",
                forms
                    .iter()
                    .map(|f| f.name())
                    .collect::<Vec<_>>()
                    .join(", "),
            );
        }
        let current = |months: Option<i32>, plan_months: i32| months.unwrap_or(plan_months);
        let death_plan = i32::from(self.terms.death_exercise_years).saturating_mul(12);
        if let Some(n) = m.after_death_months {
            if n < current(a.after_death_months, death_plan) {
                adverse.push(format!("shortens the period after death to {n} months"));
            }
            changes = changes.input("exercisable after death (months)", n);
        }
        if let Some(n) = m.after_cessation_months {
            if n < current(a.after_cessation_months, self.terms.other_exercise_months) {
                adverse.push(format!("shortens the period after cessation to {n} months"));
            }
            changes = changes.input("exercisable after other cessation (months)", n);
        }
        if let Some(t) = m.transferable {
            if a.transferable && !t {
                adverse.push("withdraws the permission to transfer".into());
            }
            changes = changes.input("transferable", if t { "yes" } else { "no" });
        }
        if !(adverse.is_empty() || m.consent || a.alteration_reserved) {
            return Err(self
                .reject(
                    codes::ADVERSE_WITHOUT_CONSENT,
                    "administration",
                    format!(
                        "the amendment of `{}` {}: that affects the Participant adversely",
                        m.award,
                        adverse.join("; ")
                    ),
                )
                .with_help("record `consent: yes`, or grant with `reserved-alteration: yes` (a written reservation at the time of the communication)"));
        }
        if !adverse.is_empty() {
            changes = changes.input(
                "adverse, allowed by",
                if m.consent {
                    "the Participant's consent"
                } else {
                    "the right reserved in writing at grant"
                },
            );
            changes = changes.cite(self.clause("administration"));
        }
        // A post-cessation period already running is recomputed from the
        // cessation date with the new terms.
        let ceased = self.participants.get(&a.participant).and_then(|p| p.ceased);
        let aw = self.award_mut(&m.award)?;
        if let Some(forms) = &m.payment_forms {
            aw.payment_forms = forms.clone();
        }
        if m.after_death_months.is_some() {
            aw.after_death_months = m.after_death_months;
        }
        if m.after_cessation_months.is_some() {
            aw.after_cessation_months = m.after_cessation_months;
        }
        if let Some(t) = m.transferable {
            aw.transferable = t;
        }
        let updated = aw.clone();
        if let (Some((on, reason)), Some(_)) = (ceased, updated.post_service_last) {
            if reason != CessationReason::Cause && updated.kind.is_option_or_sar() {
                let end = self.window_end(&updated, on, reason);
                // An amendment does not act before its date: a shortened
                // period that would already have ended ends today.
                let last = match updated.expiry {
                    Some(e) => e.min(end),
                    None => end,
                }
                .max(date);
                changes = changes.input("last exercise date", last);
                if let Ok(aw) = self.award_mut(&m.award) {
                    aw.post_service_last = Some(last);
                }
            }
        }
        Ok(Outcome::none().computed(changes.input("on", date)))
    }
}
