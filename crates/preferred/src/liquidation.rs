//! CoD §3 and §5: what the series receives on liquidation, dissolution or
//! winding-up.
//!
//! Each share is entitled to "the greater of (a) the Liquidation Preference
//! as of the date fixed for liquidation ... or (b) ... the Current Market
//! Value of the number of shares of Common Stock into which a share ... could
//! be converted", with the dividends to the third anniversary added before
//! it; Senior Stock is paid first; if the rest is short, the series and
//! Parity Stock "share ratably". A sale of all assets or a merger is not a
//! liquidation (§5 last sentence): only a `dissolve` action reaches here.

use crate::state::{arith, cod, Preferred};
use crate::terms::Standing;
use calendar::Date;
use serde::Serialize;
use terms::{BookView, Effect, HolderId, Outcome, Rejection, SecurityId};
use units::{Computed, Exact, Money, Shares};

/// The full claim of another class on liquidation.
#[derive(Clone, Debug)]
pub struct ClassClaim {
    pub security: SecurityId,
    pub amount: Money,
}

/// The result of [`liquidation_amounts`].
#[derive(Clone, Debug, Serialize)]
pub struct LiquidationAmounts {
    /// The full §5 amount per share (before any ratable reduction).
    pub per_share_claim: String,
    /// `per_share_claim` as a fraction when it does not terminate.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub per_share_claim_exact: Option<String>,
    /// The fraction of the full amounts paid to the series and parity stock.
    pub paid_fraction: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paid_fraction_exact: Option<String>,
    /// What each share actually receives.
    pub per_share_paid: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub per_share_paid_exact: Option<String>,
    pub per_holder: Vec<(HolderId, Shares, Money)>,
    pub parity_paid: Vec<(SecurityId, Money)>,
    pub senior_paid: Money,
    pub computations: Vec<Computed>,
    pub warnings: Vec<String>,
}

/// CoD §5 per share and per holder on `date`, out of `amount_available`
/// (`None`: enough for every claim), with the other classes' full claims
/// (ranked by the term file's `[[rank]]`; unlisted classes are junior).
pub fn liquidation_amounts(
    p: &Preferred,
    date: Date,
    amount_available: Option<Money>,
    claims: &[ClassClaim],
    view: &dyn BookView,
) -> Result<LiquidationAmounts, Rejection> {
    let acc = p.accrual();
    let lp = acc.liquidation_preference_with_make_whole(date)?;
    let ct = p.conversion_terms_from(lp)?;
    let mut warnings = Vec::new();
    // (b): Current Market Value of the conversion shares (§2: ten trading
    // days immediately preceding the date).
    let common = view.common();
    let cmv = view.average_preceding(&common, date, p.terms.current_market_value_days);
    let (b, cmv_c) = match cmv {
        Ok((v, c)) => (
            Some(v.mul(&ct.ratio)),
            Some(crate::state::current_market_value_step(c)),
        ),
        Err(gap) => {
            warnings.push(format!("§5(b) not computed: {gap}; clause (a) used alone"));
            (None, None)
        }
    };
    let a = ct.lp.total.clone();
    let per_share = match &b {
        Some(bv) if *bv > a => bv.clone(),
        _ => a.clone(),
    };
    let mut claim_c = Computed::of_exact(
        "§5 amount per share",
        &per_share,
        "greater of (a) Liquidation Preference and (b) Current Market Value × Conversion Ratio (make-whole to the third anniversary included in both)",
    )
    .input_exact("(a) Liquidation Preference", &a);
    let b_name = "(b) Current Market Value of the conversion shares";
    claim_c = match &b {
        Some(x) => claim_c.input_exact(b_name, x),
        None => claim_c.input(b_name, "not available"),
    }
    .cite(cod("5"))
    .step(ct.ratio_computed.clone());
    if let Some(c) = cmv_c {
        claim_c = claim_c.step(c);
    }
    let holders = view.holders_of(&p.security);
    let mut outstanding = Exact::zero();
    for (_, s) in &holders {
        outstanding = outstanding.add(&s.exact());
    }
    let series_total = per_share.mul(&outstanding);
    let mut senior = Exact::zero();
    let mut parity = Exact::zero();
    for c in claims {
        match p.terms.liquidation_standing(&c.security) {
            Standing::Senior => senior = senior.add(&c.amount.exact()),
            Standing::Parity => parity = parity.add(&c.amount.exact()),
            Standing::Junior => {}
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
                rest.div(&needed).map_err(|e| arith("5", e))?
            };
            (f, senior_paid)
        }
    };
    let per_share_paid = per_share.mul(&fraction);
    let mut per_holder = Vec::new();
    let mut computations = vec![claim_c];
    for (h, s) in holders {
        let amt = units::rounding::nearest_cent(&per_share_paid.mul(&s.exact()))
            .map_err(|e| arith("5", e))?;
        per_holder.push((h, s, amt));
    }
    let mut parity_paid = Vec::new();
    for c in claims {
        if p.terms.liquidation_standing(&c.security) == Standing::Parity {
            let amt = units::rounding::nearest_cent(&c.amount.exact().mul(&fraction))
                .map_err(|e| arith("5", e))?;
            parity_paid.push((c.security.clone(), amt));
        }
    }
    computations.push(
        Computed::of_exact(
            "§5 ratable fraction",
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
        .cite(cod("3.1"))
        .cite(cod("5")),
    );
    Ok(LiquidationAmounts {
        per_share_claim: per_share.display(),
        per_share_claim_exact: per_share.exact_form(),
        paid_fraction: fraction.display(),
        paid_fraction_exact: fraction.exact_form(),
        per_share_paid: per_share_paid.display(),
        per_share_paid_exact: per_share_paid.exact_form(),
        per_holder,
        parity_paid,
        senior_paid: units::rounding::nearest_cent(&senior_paid_exact)
            .map_err(|e| arith("5", e))?,
        computations,
        warnings,
    })
}

/// A `dissolve` corporate action: pays each holder its §5 amount out of the
/// amount available to the stockholders, after the Senior Stock and ratably
/// with the Parity Stock whose claims `class-claims` stated (the same
/// claims the `liquidate` query uses), then cancels every share of the
/// series: "After payment of the full amount ... the holders ... will not be
/// entitled to any further participation in any distribution of assets"
/// (§5), and a dissolved corporation's shares have no other right left.
pub fn on_dissolution(
    p: &Preferred,
    amount_available: Option<Money>,
    view: &dyn BookView,
) -> Result<Outcome, Rejection> {
    let claims = p.recorded_claims();
    let r = liquidation_amounts(p, view.date(), amount_available, &claims, view)?;
    let mut out = Outcome::none();
    for (h, s, amt) in &r.per_holder {
        if !amt.is_zero() {
            out.effects.push(Effect::Cash {
                holder: h.clone(),
                amount: *amt,
                reason: format!("CoD §5 liquidation payment on {s} shares"),
            });
        }
        if !s.is_zero() {
            out.effects.push(Effect::Cancel {
                security: p.security.clone(),
                holder: h.clone(),
                shares: *s,
                to_treasury: false,
                reason: "CoD §5: after the liquidation payment the shares have no further participation; cancelled on dissolution".into(),
            });
        }
    }
    out.computations.extend(r.computations);
    for w in r.warnings {
        out.warnings.push(terms::Warning {
            code: "W0205",
            clause: cod("5"),
            message: w,
        });
    }
    // Ranked classes whose claim the journal never stated count as zero.
    for rank in &p.terms.rank {
        if rank.liquidation != Standing::Junior
            && rank.security != p.security
            && !claims.iter().any(|c| c.security == rank.security)
        {
            out.warnings.push(terms::Warning {
                code: "W0206",
                clause: cod("5"),
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
            clause: cod("5"),
            message: format!(
                "the assets available fall short: the series and the Parity Stock share ratably, each share receiving {} of its claim of {}",
                r.per_share_paid, r.per_share_claim
            ),
        });
    }
    Ok(out)
}
