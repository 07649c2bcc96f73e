//! Corporate transactions (`covered-transaction`).
//!
//! `covered-transaction`: in a Covered Transaction (a merger or consolidation the Company
//! does not survive, a sale of substantially all assets, a dissolution or
//! liquidation, or an acquisition of substantially all the Stock) every
//! outstanding Award vests and every deferral in shares is accelerated
//! "immediately prior"; on consummation, Awards requiring exercise are
//! forfeited unless assumed or substituted by the acquirer. The
//! acceleration may be recorded on its own (`covered-transaction`), so that
//! exercises in the window are possible, and the consummation comes with
//! the corporate action (`reorganize`, `dissolve`).
//!
//! `adjustment.capital-change`: a stock dividend, split, combination or recapitalization adjusts
//! the pool, the per-person share limits, and the shares and exercise prices
//! of outstanding Awards, rounded as the term file says.

use crate::award::{AwardKind, AwardStatus};
use crate::codes;
use crate::pool::Movement;
use crate::{to_shares, PendingAssumption, Plan};
use actions::{CorporateAction, ReorganizationKind};
use terms::{BookView, Outcome, Rejection, SecurityId};
use units::{Computed, Exact, Price};

impl Plan {
    pub(crate) fn assume(
        &mut self,
        awards: &[String],
        successor: &str,
        substitution: bool,
        view: &dyn BookView,
    ) -> Result<Outcome, Rejection> {
        for id in awards {
            let a = self.award(id)?;
            if !a.is_active() {
                return Err(self.reject(
                    codes::TRANSACTION,
                    "covered-transaction",
                    format!("Award `{id}` is not outstanding and cannot be assumed"),
                ));
            }
        }
        if successor.is_empty() {
            return Err(self.reject(
                codes::TRANSACTION,
                "covered-transaction",
                "name the acquiring or surviving entity (successor:)",
            ));
        }
        self.pending_assumption = Some(PendingAssumption {
            date: view.date(),
            awards: awards.to_vec(),
            successor: successor.to_string(),
            substitution,
        });
        Ok(Outcome::none())
    }

    /// The plan event `covered-transaction`: acceleration now, and the
    /// consummation too if asked.
    pub(crate) fn covered(
        &mut self,
        kind: &str,
        consummate: bool,
        view: &dyn BookView,
    ) -> Result<Outcome, Rejection> {
        let mut out = self.accelerate(view)?;
        if consummate {
            out.merge(self.consummate(kind, view)?);
        }
        Ok(out)
    }

    /// `covered-transaction` first limb: "all outstanding Awards shall vest and if relevant
    /// become exercisable and all deferrals ... shall be accelerated,
    /// immediately prior to the Covered Transaction".
    pub(crate) fn accelerate(&mut self, view: &dyn BookView) -> Result<Outcome, Rejection> {
        let date = view.date();
        if self.accelerated_on == Some(date) {
            return Ok(Outcome::none());
        }
        let mut out = Outcome::none();
        let ids: Vec<String> = self
            .order
            .iter()
            .filter(|id| self.awards.get(*id).is_some_and(|a| a.is_active()))
            .cloned()
            .collect();
        for id in ids {
            let Some(a) = self.awards.get(&id).cloned() else {
                continue;
            };
            // Deferred Stock and Performance Award shares: the deferral is
            // accelerated, so the shares are delivered now.
            if matches!(a.kind, AwardKind::Deferred | AwardKind::Performance) {
                let n = a.outstanding();
                if !n.is_zero() {
                    let sh = to_shares(&n, &self.terms)?;
                    self.push(
                        date,
                        Some(&id),
                        Movement::Deliver {
                            gross: n.clone(),
                            held_back: Exact::zero(),
                            tendered: Exact::zero(),
                        },
                        "covered-transaction",
                    );
                    out = out.effect(self.issue(
                        &a.holder,
                        sh,
                        a.source == crate::award::Source::Treasury,
                        format!(
                            "deferral of {id} accelerated on a Covered Transaction ({})",
                            self.mark("covered-transaction")
                        ),
                    ));
                }
                if let Some(aw) = self.awards.get_mut(&id) {
                    aw.exercised = aw.exercised.add(&n);
                    aw.accelerated = Some(date);
                    aw.status = AwardStatus::Completed { on: date };
                }
                continue;
            }
            if let Some(aw) = self.awards.get_mut(&id) {
                aw.accelerated = Some(date);
            }
        }
        self.accelerated_on = Some(date);
        Ok(out.computed(
            Computed::new(
                "Awards vested",
                "all outstanding",
                "acceleration immediately prior to a Covered Transaction",
            )
            .cite(self.clause("covered-transaction")),
        ))
    }

    /// `covered-transaction` second limb: on consummation, Awards requiring exercise are
    /// forfeited unless assumed or substituted.
    pub(crate) fn consummate(
        &mut self,
        what: &str,
        view: &dyn BookView,
    ) -> Result<Outcome, Rejection> {
        let date = view.date();
        let mut out = if self.accelerated_on == Some(date) {
            Outcome::none()
        } else {
            self.accelerate(view)?
        };
        let pending = self.pending_assumption.take();
        let ids: Vec<String> = self
            .order
            .iter()
            .filter(|id| {
                self.awards
                    .get(*id)
                    .is_some_and(|a| a.is_active() && a.kind.requires_exercise())
            })
            .cloned()
            .collect();
        let mut forfeited = Exact::zero();
        let mut assumed = Exact::zero();
        for id in ids {
            let Some(a) = self.awards.get(&id).cloned() else {
                continue;
            };
            let n = a.outstanding();
            let by = pending
                .as_ref()
                .filter(|p| p.awards.is_empty() || p.awards.contains(&id));
            if let Some(p) = by {
                if !n.is_zero() {
                    self.push(
                        date,
                        Some(&id),
                        Movement::Assumed { shares: n.clone() },
                        "covered-transaction",
                    );
                }
                assumed = assumed.add(&n);
                if let Some(aw) = self.awards.get_mut(&id) {
                    aw.returned = aw.returned.add(&n);
                    aw.status = AwardStatus::Assumed {
                        on: date,
                        by: format!(
                            "{}{}",
                            p.successor,
                            if p.substitution {
                                " (substitute Award)"
                            } else {
                                ""
                            }
                        ),
                    };
                }
            } else {
                if !n.is_zero() {
                    self.push(
                        date,
                        Some(&id),
                        Movement::Return { shares: n.clone() },
                        "covered-transaction",
                    );
                }
                forfeited = forfeited.add(&n);
                let why = format!(
                    "forfeited on consummation of a Covered Transaction ({what}) not assumed ({})",
                    self.mark("covered-transaction")
                );
                if let Some(aw) = self.awards.get_mut(&id) {
                    aw.returned = aw.returned.add(&n);
                    aw.status = AwardStatus::Terminated { on: date, why };
                }
            }
        }
        self.transactions.push((date, what.to_string()));
        out = out.computed(
            Computed::of_exact(
                "shares under Awards requiring exercise forfeited",
                &forfeited,
                "outstanding, not assumed or substituted",
            )
            .input_exact("assumed or substituted", &assumed)
            .input(
                "successor",
                pending
                    .map(|p| p.successor)
                    .unwrap_or_else(|| "none".into()),
            )
            .cite(self.clause("covered-transaction")),
        );
        Ok(out)
    }

    pub(crate) fn corporate_action(
        &mut self,
        action: &CorporateAction,
        view: &dyn BookView,
    ) -> Result<Outcome, Rejection> {
        match action {
            CorporateAction::Subdivision { kind, .. } => {
                let Some(f) = action.subdivision_factor() else {
                    return Ok(Outcome::none());
                };
                self.adjust(&f, &format!("{kind:?}").to_lowercase(), None, true, view)
            }
            CorporateAction::Reorganization {
                kind,
                company_survives,
                reference_property,
                ..
            } => {
                let covered = match kind {
                    ReorganizationKind::Merger | ReorganizationKind::Consolidation => {
                        !company_survives
                    }
                    ReorganizationKind::AssetSale => true,
                    ReorganizationKind::Reclassification => false,
                };
                if covered {
                    return self.consummate(&format!("{kind:?}").to_lowercase(), view);
                }
                // A recapitalization (`adjustment.capital-change`): one share becomes a number of
                // shares of one security.
                let securities: Vec<_> = reference_property
                    .iter()
                    .filter(|p| p.security != "cash")
                    .collect();
                let has_cash = reference_property.iter().any(|p| p.security == "cash");
                match (securities.as_slice(), has_cash) {
                    ([], false) => Ok(Outcome::none()),
                    ([p], false) => {
                        let f = Exact::from_decimal(p.per_share);
                        let new = if p.security != self.stock.as_str() { Some(SecurityId::new(p.security.clone())) } else { None };
                        self.adjust(&f, "recapitalization", new, true, view)
                    }
                    _ => Ok(Outcome::none().warn(
                        "W0403",
                        self.clause("adjustment.capital-change"),
                        "a recapitalization into cash or several securities: the Administrator must determine the appropriate adjustment of Awards (record it with amend-plan and reprice)",
                    )),
                }
            }
            CorporateAction::Dissolution { .. } => self.consummate("dissolution", view),
            CorporateAction::Distribution {
                kind: actions::DistributionKind::Cash,
                per_share,
                record_date,
                ..
            } => self.dividend_equivalents(*per_share, *record_date, view),
            _ => Ok(Outcome::none()),
        }
    }

    /// `awards.dividend-equivalents`: "The Administrator may provide for the payment of amounts in
    /// lieu of cash dividends or other cash distributions with respect to
    /// Stock subject to an Award": on a cash distribution, each Award granted
    /// with `dividend-equivalents: yes` is paid the distribution per share on
    /// the shares still subject to it on the record date, to the cent.
    pub(crate) fn dividend_equivalents(
        &mut self,
        per_share: Price,
        record_date: calendar::Date,
        _view: &dyn BookView,
    ) -> Result<Outcome, Rejection> {
        let mut out = Outcome::none();
        for id in self.order.clone() {
            let Some(a) = self.awards.get(&id) else {
                continue;
            };
            if !a.dividend_equivalents || !a.is_active() || a.granted > record_date {
                continue;
            }
            let shares = a.outstanding();
            if shares.is_zero() {
                continue;
            }
            let amount =
                units::rounding::nearest_cent(&per_share.exact().mul(&shares)).map_err(|e| {
                    self.reject(
                        codes::ARITHMETIC,
                        "awards.dividend-equivalents",
                        e.to_string(),
                    )
                })?;
            out = out
                .effect(terms::Effect::Cash {
                    holder: a.holder.clone(),
                    amount,
                    reason: format!(
                        "dividend equivalent on Award {id} ({})",
                        self.mark("awards.dividend-equivalents")
                    ),
                })
                .computed(
                    Computed::new(
                        format!("dividend equivalent on Award {id}"),
                        amount,
                        "distribution per share × shares subject to the Award",
                    )
                    .input("per share", per_share)
                    .input_exact("shares", &shares)
                    .input("record date", record_date)
                    .rounded("nearest cent")
                    .cite(self.clause("awards.dividend-equivalents")),
                );
        }
        Ok(out)
    }

    /// `adjustment.capital-change` adjustments by `factor` (new shares per old share).
    pub(crate) fn adjust(
        &mut self,
        factor: &Exact,
        what: &str,
        new_stock: Option<SecurityId>,
        limits_too: bool,
        view: &dyn BookView,
    ) -> Result<Outcome, Rejection> {
        // `adjustment.capital-change` adjusts the `limits.per-person`/`limits.performance` limits too; `adjustment.other` may not.
        let section = if limits_too {
            "adjustment.capital-change"
        } else {
            "adjustment.other"
        };
        let date = view.date();
        if factor.is_zero() || factor.is_negative() {
            return Err(self.reject(
                codes::ARITHMETIC,
                section,
                format!("adjustment factor {factor} is not positive"),
            ));
        }
        let adj = self.terms.adjustment.clone();
        let shares_mode = adj.shares_rounding.to_rounding();
        let round_shares = |x: &Exact| -> Result<Exact, Rejection> {
            x.round_dp(0, shares_mode)
                .map(Exact::from_decimal)
                .map_err(|e| {
                    Rejection::new(codes::ARITHMETIC, self.terms.clause(section), e.to_string())
                })
        };
        let snap = crate::query::pool_on(self, date);
        // The maximum and the limits are scaled exactly, like the shares
        // already delivered and under Awards they are compared with: rounding
        // them alone could leave the pool short of what it already counts.
        // Only what is delivered must be whole (`pool.no-fractional-shares`), and a grant is whole.
        let new_pool = snap.authorized.mul(factor);
        let mut out = Outcome::none();
        out = out.computed(
            Computed::of_exact(
                "maximum shares deliverable",
                &new_pool,
                "maximum × adjustment factor (exact)",
            )
            .input_exact("maximum before", &snap.authorized)
            .input("factor", factor.fraction_string())
            .input("event", what)
            .cite(self.clause(section))
            .cite(self.clause("pool")),
        );
        // The per-person share limits: `adjustment.capital-change` says "the maximum share
        // limits described in Section 4.b", read as `limits.per-person` and `limits.performance` (4.b has
        // none; see docs/interpretations.md).
        let mut new_limits = self.limits.clone();
        let per_person = self.mark("limits.per-person");
        let performance = self.mark("limits.performance");
        let mut limit_refs = [
            (
                format!("{per_person} Stock Option limit"),
                &mut new_limits.options,
            ),
            (format!("{per_person} SAR limit"), &mut new_limits.sars),
            (
                format!("{per_person} other Awards limit"),
                &mut new_limits.other,
            ),
            (
                format!("{performance} Performance Award limit"),
                &mut new_limits.performance_shares,
            ),
        ];
        let limit_refs: &mut [(String, &mut Option<Exact>)] =
            if limits_too { &mut limit_refs } else { &mut [] };
        for (name, l) in limit_refs.iter_mut() {
            if let Some(v) = l.as_mut() {
                let n = v.mul(factor);
                out = out.computed(
                    Computed::of_exact(name.clone(), &n, "limit × adjustment factor (exact)")
                        .input_exact("before", v)
                        .input("factor", factor.fraction_string())
                        .cite(self.clause(section)),
                );
                *v = n;
            }
        }
        let mut awards = self.awards.clone();
        let mut dropped = Exact::zero();
        for (id, a) in awards.iter_mut() {
            if a.kind.is_cash() {
                continue;
            }
            let before_out = a.outstanding();
            let before_price = a.exercise_price;
            a.total = a.total.mul(factor);
            a.exercised = a.exercised.mul(factor);
            a.returned = a.returned.mul(factor);
            a.fmv_at_grant = a.fmv_at_grant.as_ref().and_then(|f| f.div(factor).ok());
            a.adjustment_factor = a.adjustment_factor.mul(factor);
            if !a.is_active() {
                continue;
            }
            let scaled = before_out.mul(factor);
            let kept = round_shares(&scaled)?;
            let drop = scaled.sub(&kept);
            if !drop.is_zero() {
                a.returned = a.returned.add(&drop);
                dropped = dropped.add(&drop);
            }
            let mut c = Computed::of_exact(
                format!("shares under Award {id}"),
                &kept,
                format!(
                    "shares × adjustment factor, whole shares ({})",
                    self.mark("pool.no-fractional-shares")
                ),
            )
            .input_exact("before", &before_out)
            .input("factor", factor.fraction_string())
            .rounded(adj.shares_rounding.to_rounding().describe())
            .cite(self.clause(section));
            if let Some(p) = before_price {
                let exact = p
                    .exact()
                    .div(factor)
                    .map_err(|e| self.reject(codes::ARITHMETIC, section, e.to_string()))?;
                let rounded = exact
                    .round_dp(adj.price_places, adj.price_rounding.to_rounding())
                    .map_err(|e| self.reject(codes::ARITHMETIC, section, e.to_string()))?;
                a.exercise_price = Some(Price::new(rounded));
                c = c.step(
                    Computed::new(
                        format!("exercise price of Award {id}"),
                        rounded,
                        "exercise price / adjustment factor",
                    )
                    .input("before", p)
                    .input_exact("exact", &exact)
                    .rounded(format!(
                        "{} decimal places, {}",
                        adj.price_places,
                        adj.price_rounding.to_rounding().describe()
                    ))
                    .cite(self.clause(section)),
                );
            }
            out = out.computed(c);
        }
        if limits_too {
            for u in self.uses.iter_mut() {
                u.shares = u.shares.mul(factor);
            }
        }
        self.awards = awards;
        self.limits = new_limits;
        self.push(
            date,
            None,
            Movement::Scale {
                factor: factor.clone(),
                pool: new_pool,
            },
            section,
        );
        if !dropped.is_zero() {
            self.push(
                date,
                None,
                Movement::Return { shares: dropped },
                "pool.no-fractional-shares",
            );
        }
        if let Some(s) = new_stock {
            self.stock = s;
        }
        Ok(out)
    }
}
