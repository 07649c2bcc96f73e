//! What the series receives on liquidation, dissolution or winding-up, from
//! its own `[liquidation]` terms.
//!
//! The claim per share is either `liquidation_preference_multiple` × the
//! original issue price plus the dividends `preference_adds` names
//! (`formula = "multiple-of-issue-price"`), or the greater of the accreted
//! Liquidation Preference (with its make-whole) and the Current Market Value
//! of the conversion shares (`formula = "accreted-value"`). Whether a
//! non-participating series does better converting, and how a participating
//! series shares the residue up to its cap, is the waterfall's to decide
//! (crates/views/src/waterfall.rs): here the preference is paid.
//!
//! Every series with terms states its own claim and seniority
//! ([`series_claim`], read by every other series through
//! `BookView::series_claims`); a class without terms states its claim with
//! `class-claims` and ranks by this series' `[[rank]]`. Higher seniority is
//! paid first; a rank short of money shares it ratably in proportion to the
//! full claims; nothing is paid beyond the amount available.

use crate::liquidation_terms::{arith_at, LiquidationFormula, Participation, PreferenceAdds};
use crate::state::Preferred;
use crate::terms::Standing;
use calendar::Date;
use serde::Serialize;
use terms::{BookView, Effect, HolderId, Outcome, Rejection, SecurityId, SeriesClaim};
use units::{Clause, Computed, Exact, Money, Shares};

/// The full claim of another class on liquidation.
#[derive(Clone, Debug)]
pub struct ClassClaim {
    pub security: SecurityId,
    pub amount: Money,
}

/// The series' claim on a date, with what the waterfall needs besides.
#[derive(Clone, Debug)]
pub struct Claim {
    /// The amount per share before any junior class (the full claim).
    pub per_share: Exact,
    pub computed: Computed,
    /// Common shares per share, for the as-converted comparison.
    pub conversion_ratio: Option<Exact>,
    pub participating: bool,
    /// Participating with a cap: the most a share receives in total
    /// (preference + participation), `participation_cap_multiple` × the
    /// original issue price.
    pub cap_per_share: Option<Exact>,
    pub seniority: i64,
    /// What could not be computed and how the terms were read instead.
    pub note: Option<String>,
    pub clause: Clause,
}

/// The series' dividends the preference adds, per share, on `date`.
fn preference_adds(p: &Preferred, date: Date, view: &dyn BookView) -> Result<Exact, Rejection> {
    match p.terms.liquidation.preference_adds {
        None | Some(PreferenceAdds::Nothing) => Ok(Exact::zero()),
        Some(PreferenceAdds::DeclaredUnpaidDividends) => Ok(p.declared_unpaid_per_share(date)),
        Some(PreferenceAdds::AccruedUnpaidDividends) => {
            let outstanding = view.outstanding(&p.security).exact();
            if outstanding.is_zero() || outstanding.is_negative() {
                return Ok(Exact::zero());
            }
            let total = p.accrued_unpaid_total(date, view)?;
            total
                .div(&outstanding)
                .map_err(|e| arith_at(p.cite("dividends.cumulative"), e))
        }
    }
}

/// The series' claim per share on `date` under its `[liquidation]` terms.
pub fn claim(p: &Preferred, date: Date, view: &dyn BookView) -> Result<Claim, Rejection> {
    let l = &p.terms.liquidation;
    let clause = p.cite("liquidation.amount");
    let ratio = p.conversion_terms(date).ok().map(|ct| ct.ratio);
    match l.formula {
        LiquidationFormula::AccretedValue => {
            let (per_share, computed, note) = accreted_value_claim(p, date, view)?;
            Ok(Claim {
                per_share,
                computed,
                conversion_ratio: ratio,
                participating: false,
                cap_per_share: None,
                seniority: l.seniority,
                note,
                clause,
            })
        }
        LiquidationFormula::MultipleOfIssuePrice => {
            let oip = p.terms.issue_price().exact();
            let multiple = l
                .liquidation_preference_multiple
                .map(|m| m.exact())
                .unwrap_or_else(Exact::one);
            let base = multiple.mul(&oip);
            let adds = preference_adds(p, date, view)?;
            let per_share = base.add(&adds);
            let adds_name = match l.preference_adds {
                Some(PreferenceAdds::DeclaredUnpaidDividends) => {
                    "declared and unpaid dividends per share"
                }
                Some(PreferenceAdds::AccruedUnpaidDividends) => {
                    "accrued and unpaid dividends per share"
                }
                _ => "dividends added (none)",
            };
            let computed = Computed::of_exact(
                "liquidation preference per share",
                &per_share,
                "liquidation preference multiple × original issue price + dividends the preference adds",
            )
            .input_exact("liquidation preference multiple", &multiple)
            .input("original issue price", p.terms.issue_price())
            .input_exact(adds_name, &adds)
            .cite(clause.clone());
            let cap_per_share = match (l.participation, l.participation_cap_multiple) {
                (Participation::Participating, Some(c)) => Some(c.exact().mul(&oip)),
                _ => None,
            };
            Ok(Claim {
                per_share,
                computed,
                conversion_ratio: ratio,
                participating: l.participation == Participation::Participating,
                cap_per_share,
                seniority: l.seniority,
                note: None,
                clause,
            })
        }
    }
}

/// The accreted-value formula: the greater of (a) the Liquidation
/// Preference with the make-whole and (b) the Current Market Value of the
/// conversion shares.
fn accreted_value_claim(
    p: &Preferred,
    date: Date,
    view: &dyn BookView,
) -> Result<(Exact, Computed, Option<String>), Rejection> {
    let acc = p.accrual();
    let lp = acc.liquidation_preference_with_make_whole(date)?;
    let ct = p.conversion_terms_from(lp)?;
    let amount = p.sect("liquidation.amount");
    let common = view.common();
    let days = p.market_value_days()?;
    let cmv = view.average_preceding(&common, date, days);
    let (b, cmv_c, note) = match cmv {
        Ok((v, c)) => (
            Some(v.mul(&ct.ratio)),
            Some(p.current_market_value_step(c)),
            None,
        ),
        Err(gap) => (
            None,
            None,
            Some(format!(
                "{amount}(b) not computed: {gap}; clause (a) used alone"
            )),
        ),
    };
    let a = ct.lp.total.clone();
    let per_share = match &b {
        Some(bv) if *bv > a => bv.clone(),
        _ => a.clone(),
    };
    let anniversary =
        crate::liquidation_terms::ordinal(p.terms.make_whole_anniversary.unwrap_or(0));
    let mut claim_c = Computed::of_exact(
        format!("{amount} amount per share"),
        &per_share,
        format!("greater of (a) Liquidation Preference and (b) Current Market Value × Conversion Ratio (make-whole to the {anniversary} anniversary included in both)"),
    )
    .input_exact("(a) Liquidation Preference", &a);
    let b_name = "(b) Current Market Value of the conversion shares";
    claim_c = match &b {
        Some(x) => claim_c.input_exact(b_name, x),
        None => claim_c.input(b_name, "not available"),
    }
    .cite(p.cite("liquidation.amount"))
    .step(ct.ratio_computed.clone());
    if let Some(c) = cmv_c {
        claim_c = claim_c.step(c);
    }
    Ok((per_share, claim_c, note))
}

/// The whole series' claim (every share outstanding) with its seniority,
/// as the other series read it.
pub fn series_claim(p: &Preferred, view: &dyn BookView) -> Result<SeriesClaim, Rejection> {
    if p.dissolved_on.is_some() {
        return Ok(SeriesClaim {
            security: p.security.clone(),
            seniority: p.terms.seniority(),
            amount: Exact::zero(),
        });
    }
    let c = claim(p, view.date(), view)?;
    let outstanding = view.outstanding(&p.security).exact();
    Ok(SeriesClaim {
        security: p.security.clone(),
        seniority: c.seniority,
        amount: c.per_share.mul(&outstanding),
    })
}

/// The result of [`liquidation_amounts`].
#[derive(Clone, Debug, Serialize)]
pub struct LiquidationAmounts {
    /// The full amount per share (before any ratable reduction).
    pub per_share_claim: String,
    /// `per_share_claim` as a fraction when it does not terminate.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub per_share_claim_exact: Option<String>,
    /// The fraction of the full amounts paid to the series and its rank.
    pub paid_fraction: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paid_fraction_exact: Option<String>,
    /// What each share actually receives.
    pub per_share_paid: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub per_share_paid_exact: Option<String>,
    pub per_holder: Vec<(HolderId, Shares, Money)>,
    /// What each other class of the same rank receives.
    pub parity_paid: Vec<(SecurityId, Money)>,
    /// What the classes ranked above the series receive.
    pub senior_paid: Money,
    pub computations: Vec<Computed>,
    pub warnings: Vec<String>,
}

/// Every other claim with its seniority: the classes without terms whose
/// claims `class-claims` stated (ranked by this series' `[[rank]]`: a
/// senior class one above the series, a parity class level with it, a
/// junior class not at all), then every other series' own claim.
fn ranked_claims(p: &Preferred, claims: &[ClassClaim], view: &dyn BookView) -> Vec<SeriesClaim> {
    let mine = p.terms.seniority();
    let mut out: Vec<SeriesClaim> = Vec::new();
    for c in claims {
        let seniority = match p.terms.liquidation_standing(&c.security) {
            Standing::Senior => mine.saturating_add(1),
            Standing::Parity => mine,
            Standing::Junior => continue,
        };
        out.push(SeriesClaim {
            security: c.security.clone(),
            seniority,
            amount: c.amount.exact(),
        });
    }
    for s in view.series_claims() {
        if s.security == p.security || out.iter().any(|o| o.security == s.security) {
            continue;
        }
        out.push(s);
    }
    out
}

/// The amounts per share and per holder on `date`, out of
/// `amount_available` (`None`: enough for every claim), with the other
/// classes' full claims `claims` (ranked by the term file's `[[rank]]`;
/// unlisted classes are junior) and every other series' own claim.
pub fn liquidation_amounts(
    p: &Preferred,
    date: Date,
    amount_available: Option<Money>,
    claims: &[ClassClaim],
    view: &dyn BookView,
) -> Result<LiquidationAmounts, Rejection> {
    let arith = |e| arith_at(p.cite("liquidation.amount"), e);
    let own = claim(p, date, view)?;
    let mut warnings: Vec<String> = own.note.iter().cloned().collect();
    let per_share = own.per_share.clone();
    let holders = view.holders_of(&p.security);
    let mut outstanding = Exact::zero();
    for (_, s) in &holders {
        outstanding = outstanding.add(&s.exact());
    }
    let series_total = per_share.mul(&outstanding);
    let others = ranked_claims(p, claims, view);
    let mine = own.seniority;
    let mut senior = Exact::zero();
    let mut parity = Exact::zero();
    for c in &others {
        if c.seniority > mine {
            senior = senior.add(&c.amount);
        } else if c.seniority == mine {
            parity = parity.add(&c.amount);
        }
    }
    let (fraction, senior_paid_exact) = match amount_available {
        None => (Exact::one(), senior.clone()),
        Some(avail) => {
            let avail = avail.exact();
            let senior_paid = avail.clone().min(senior.clone());
            let rest = avail.sub(&senior_paid);
            let needed = series_total.add(&parity);
            let f = if needed.is_zero() || rest >= needed {
                Exact::one()
            } else if rest.is_negative() {
                Exact::zero()
            } else {
                rest.div(&needed).map_err(arith)?
            };
            (f, senior_paid)
        }
    };
    let per_share_paid = per_share.mul(&fraction);
    let mut per_holder = Vec::new();
    let mut computations = vec![own.computed.clone()];
    for (h, s) in holders {
        let amt = units::rounding::nearest_cent(&per_share_paid.mul(&s.exact())).map_err(arith)?;
        per_holder.push((h, s, amt));
    }
    let mut parity_paid = Vec::new();
    for c in others.iter().filter(|c| c.seniority == mine) {
        let amt = units::rounding::nearest_cent(&c.amount.mul(&fraction)).map_err(arith)?;
        parity_paid.push((c.security.clone(), amt));
    }
    let amount = p.sect("liquidation.amount");
    computations.push(
        Computed::of_exact(
            format!("{amount} ratable fraction"),
            &fraction,
            "(amount available − Senior Stock claims) / (series claims + Parity Stock claims), at most 1",
        )
        .input(
            "amount available",
            amount_available
                .map(|m| m.to_string())
                .unwrap_or_else(|| "sufficient".into()),
        )
        .input_exact("Senior Stock claims", &senior)
        .input_exact("series claims", &series_total)
        .input_exact("Parity Stock claims", &parity)
        .rounded("per holder to the nearest cent, half up")
        .cite(p.cite("liquidation.rank"))
        .cite(p.cite("liquidation.amount")),
    );
    if senior_paid_exact < senior {
        warnings.push(format!(
            "the amount available does not cover the classes ranked above {}: nothing is left for it",
            p.security
        ));
    }
    Ok(LiquidationAmounts {
        per_share_claim: per_share.display(),
        per_share_claim_exact: per_share.exact_form(),
        paid_fraction: fraction.display(),
        paid_fraction_exact: fraction.exact_form(),
        per_share_paid: per_share_paid.display(),
        per_share_paid_exact: per_share_paid.exact_form(),
        per_holder,
        parity_paid,
        senior_paid: units::rounding::nearest_cent(&senior_paid_exact).map_err(arith)?,
        computations,
        warnings,
    })
}

/// A `dissolve` corporate action: pays each holder its amount out of the
/// amount available to the stockholders, after the classes ranked above the
/// series and ratably with those of its rank (the same claims the
/// `liquidate` query uses), then cancels every share of the series: after
/// the liquidation payment the shares have no further participation, and a
/// dissolved corporation's shares have no other right left.
pub fn on_dissolution(
    p: &Preferred,
    amount_available: Option<Money>,
    view: &dyn BookView,
) -> Result<Outcome, Rejection> {
    let claims = p.recorded_claims();
    let r = liquidation_amounts(p, view.date(), amount_available, &claims, view)?;
    let amount = p.sect("liquidation.amount");
    let clause = p.cite("liquidation.amount");
    let mut out = Outcome::none();
    for (h, s, amt) in &r.per_holder {
        if !amt.is_zero() {
            out.effects.push(Effect::Cash {
                holder: h.clone(),
                amount: *amt,
                reason: format!(
                    "{} {amount} liquidation payment on {s} shares",
                    clause.document
                ),
            });
        }
        if !s.is_zero() {
            out.effects.push(Effect::Cancel {
                security: p.security.clone(),
                holder: h.clone(),
                shares: *s,
                to_treasury: false,
                reason: format!("{} {amount}: after the liquidation payment the shares have no further participation; cancelled on dissolution", clause.document),
            });
        }
    }
    out.computations.extend(r.computations);
    for w in r.warnings {
        out.warnings.push(terms::Warning {
            code: "W0205",
            clause: clause.clone(),
            message: w,
        });
    }
    // Ranked classes whose claim neither the journal nor their own terms
    // state count as zero.
    let series = view.series_claims();
    for rank in &p.terms.rank {
        if rank.liquidation != Standing::Junior
            && rank.security != p.security
            && !claims.iter().any(|c| c.security == rank.security)
            && !series.iter().any(|c| c.security == rank.security)
        {
            out.warnings.push(terms::Warning {
                code: "W0206",
                clause: clause.clone(),
                message: format!(
                    "{} ranks {} as to liquidation but no `liquidation-claim:` was stated (`class-claims {} {}`): its claim is taken as zero",
                    rank.security,
                    if rank.liquidation == Standing::Senior { "senior" } else { "on a parity" },
                    p.id,
                    rank.security
                ),
            });
        }
    }
    if r.paid_fraction != "1" {
        out.warnings.push(terms::Warning {
            code: "W0209",
            clause,
            message: format!(
                "the assets available fall short: the series and the Parity Stock share ratably, each share receiving {} of its claim of {}",
                r.per_share_paid, r.per_share_claim
            ),
        });
    }
    Ok(out)
}
