//! Cessation of a Participant's service (§6.a(5)).
//!
//! "Unless the Administrator expressly provides otherwise, immediately upon
//! the cessation of the Participant's employment or other service
//! relationship ... an Award requiring exercise will cease to be exercisable,
//! and all Awards to the extent not already fully vested will be forfeited,
//! except that" Stock Options and SARs exercisable at death stay exercisable
//! for the lesser of one year (to the first anniversary of death) and their
//! term (A); after any other cessation, the lesser of three months and their
//! term (B); and not at all after a cessation for discrediting reasons (C).

use crate::award::{AwardKind, AwardStatus};
use crate::codes;
use crate::event::CessationReason;
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
                "6.a(5)",
                format!("`{holder}` is not a Participant of {}", self.id),
            ));
        };
        if let Some((on, _)) = p.ceased {
            return Err(self.reject(
                codes::SERVICE_ENDED,
                "6.a(5)",
                format!("`{holder}`'s service already ended on {on}"),
            ));
        }
        let doc = self.terms.document.clone();
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
                // and redelivered (§4.a(iii)).
                let at_risk = a.exercised.sub(&vested);
                if !at_risk.is_negative() && !at_risk.is_zero() {
                    let sh = to_shares(&at_risk, &doc)?;
                    self.push(
                        date,
                        Some(&id),
                        Movement::ForfeitDelivered {
                            shares: at_risk.clone(),
                        },
                        "4.a(iii)",
                    );
                    out = out.effect(Effect::Cancel {
                        security: self.stock.clone(),
                        holder: a.holder.clone(),
                        shares: sh,
                        to_treasury: true,
                        reason: format!("unvested Restricted Stock of {id} forfeited on cessation of service (§6.a(5))"),
                    });
                    if let Some(aw) = self.awards.get_mut(&id) {
                        aw.exercised = aw.exercised.sub(&at_risk);
                        aw.returned = aw.returned.add(&at_risk);
                    }
                }
            } else if a.kind.is_cash() {
                if a.vested_fraction(date) < Exact::one() && a.kind == AwardKind::CashPerformance {
                    why = Some("not fully vested on cessation of service (§6.a(5))".into());
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
                if a.kind.is_option_or_sar() && keeps {
                    let window_end = match reason {
                        CessationReason::Death => {
                            calendar::anniversary(date, self.terms.death_exercise_years)
                        }
                        _ => calendar::add_months(date, self.terms.other_exercise_months),
                    };
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
                        .input("shares exercisable", vested_left.display())
                        .cite(self.clause(match reason {
                            CessationReason::Death => "6.a(5)(A)",
                            _ => "6.a(5)(B)",
                        })),
                    );
                }
                if !keeps {
                    why = Some(match reason {
                        CessationReason::Cause if a.kind.is_option_or_sar() => {
                            "terminated immediately on cessation for cause (§6.a(5)(C))".to_string()
                        }
                        _ => "ceased to be exercisable or vest on cessation of service (§6.a(5))"
                            .to_string(),
                    });
                }
                if !returned.is_zero() {
                    let section = if reason == CessationReason::Cause {
                        "6.a(5)(C)"
                    } else {
                        "6.a(5)"
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
                        Computed::new(
                            format!("shares of {id} forfeited"),
                            returned.display(),
                            "shares outstanding − shares vested and kept exercisable",
                        )
                        .input("outstanding", outstanding.display())
                        .input("kept", outstanding.sub(&returned).display())
                        .cite(self.clause(section))
                        .cite(self.clause("4.a(i)")),
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
}
