//! The price-based formulas: weighted average and full ratchet.
//!
//! On a dilutive issue (common, or options, warrants and convertibles as a
//! deemed issue of the most common they can become, for the consideration
//! received plus the least payable on exercise or conversion) at an
//! effective price per common share below the Conversion Price CP1, and for
//! a purpose the term file does not exempt:
//!
//! - weighted average: CP2 = CP1 × (A + B) ÷ (A + C), where A is the base
//!   the term file composes (common outstanding, options, the unallocated
//!   pool, preferred as converted, warrants) immediately before the issue,
//!   B the aggregate consideration ÷ CP1 and C the common issued or deemed
//!   issued;
//! - full ratchet: CP2 = the effective price per common share.
//!
//! CP2 is carried as the term file's `conversion_price_rounding` says. With
//! `multiple_closing_days`, a later closing of the same security within
//! that many days of its first closing re-adjusts from the Conversion Price
//! and base before the first closing, as if every closing's shares had been
//! issued at the first. The chain records the ratio multiplier CP1 ÷ CP2,
//! so the Conversion Ratio stays the unadjusted ratio times the chain's
//! factor. Splits and combinations scale the Conversion Price inversely;
//! reorganizations record the reference property as in every formula.

use super::{
    percent_label, AdjustmentChain, AdjustmentContext, AdjustmentNotice, AppliedStep, BasePart,
    KnownRights, NoticeLabels, PriceFormulaTerms, PriceRounding,
};
use actions::{CorporateAction, Purpose};
use calendar::Date;
use std::collections::BTreeMap;
use terms::{BookView, Outcome, Rejection, SecurityId};
use units::{Computed, Exact, Shares};

/// A financing of several closings being re-adjusted as one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Financing {
    /// The security the closings issue.
    pub security: SecurityId,
    pub first_closing: Date,
    /// The Conversion Price immediately before the first closing.
    pub price_before: Exact,
    /// The base A immediately before the first closing.
    pub base_before: Exact,
    /// Aggregate consideration of the closings so far.
    pub consideration: Exact,
    /// Common issued or deemed issued by the closings so far.
    pub shares: Exact,
}

/// Which price formula runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Formula {
    WeightedAverage,
    FullRatchet,
}

impl Formula {
    fn key(self) -> &'static str {
        match self {
            Formula::WeightedAverage => "anti-dilution.weighted-average",
            Formula::FullRatchet => "anti-dilution.full-ratchet",
        }
    }
}

fn arith(ctx: &AdjustmentContext, key: &str, e: units::UnitsError) -> Rejection {
    Rejection::new(
        super::codes::ARITHMETIC,
        ctx.cite(key),
        format!("the {} computation failed: {e}", ctx.sect(key)),
    )
}

/// CP2 as the term file carries it, with the words of its rounding.
fn round_price(
    cp: &Exact,
    t: &PriceFormulaTerms,
    ctx: &AdjustmentContext,
    key: &str,
) -> Result<(Exact, String), Rejection> {
    match t.conversion_price_rounding {
        Some(PriceRounding::Places { places, mode }) => {
            let d = cp
                .round_dp(places, mode.rounding())
                .map_err(|e| arith(ctx, key, e))?;
            Ok((
                Exact::from_decimal(d),
                format!("Conversion Price to {places} decimal places ({mode:?})").to_lowercase(),
            ))
        }
        _ => Ok((cp.clone(), "none (exact)".into())),
    }
}

/// A: the base the term file composes, immediately before the issue.
fn base(
    t: &PriceFormulaTerms,
    ctx: &AdjustmentContext,
    view: &dyn BookView,
) -> Result<(Exact, Computed), Rejection> {
    let key = "anti-dilution.weighted-average";
    let others = view.diluted_parts(Some(&ctx.instrument));
    let own = ctx.own_issuable.unwrap_or(Shares::ZERO);
    let mut total = Shares::ZERO;
    let mut c = Computed::new(
        "A: common outstanding immediately before the issue",
        "",
        "the sum of the parts the term file's base names",
    )
    .cite(ctx.cite(key));
    for part in t.base.as_deref().unwrap_or_default() {
        let (name, n) = match part {
            BasePart::CommonOutstanding => ("common outstanding", others.common_outstanding),
            BasePart::OptionsOutstanding => ("outstanding options", others.options_outstanding),
            BasePart::PoolUnallocated => ("unallocated pool", others.pool_unallocated),
            BasePart::PreferredAsConverted => (
                "preferred as converted (this series included)",
                others
                    .preferred_as_converted
                    .checked_add(own)
                    .map_err(|e| arith(ctx, key, e))?,
            ),
            BasePart::OtherPreferredAsConverted => (
                "other preferred as converted",
                others.preferred_as_converted,
            ),
            BasePart::Warrants => ("warrants and rights", others.warrants),
        };
        c = c.input(name, n);
        total = total.checked_add(n).map_err(|e| arith(ctx, key, e))?;
    }
    if total.is_zero() || total.is_negative() {
        return Err(Rejection::new(
            super::codes::EMPTY_BASE,
            ctx.cite(key),
            format!("the base A is {total}; the weighted average cannot be computed"),
        )
        .with_help("declare the common outstanding before the issue"));
    }
    c.value = total.to_string();
    Ok((total.exact(), c))
}

/// An issue under a price formula, normalised.
struct Issue {
    /// The security issued (a financing's closings share it).
    security: Option<SecurityId>,
    shares: Exact,
    consideration: Exact,
    purpose: Purpose,
    kind: String,
}

/// Reacts to a corporate action under a price formula. Computes first; the
/// chain changes only on `Ok`.
pub fn on_action(
    chain: &mut AdjustmentChain,
    formula: Formula,
    t: &PriceFormulaTerms,
    action: &CorporateAction,
    ctx: &AdjustmentContext,
    view: &dyn BookView,
) -> Result<Outcome, Rejection> {
    let date = view.date();
    if date < ctx.closing_date {
        return Ok(Outcome::none());
    }
    let issue = match action {
        CorporateAction::IssueCommon {
            shares,
            consideration,
            purpose,
            holder,
        } => Issue {
            security: None,
            shares: shares.exact(),
            consideration: consideration.gross_total(),
            purpose: *purpose,
            kind: format!("issuance of {shares} shares of Common Stock to {holder}"),
        },
        CorporateAction::IssueRights { rights, purpose } => {
            let known = KnownRights {
                security: rights.security.clone(),
                issued: date,
                max_shares: rights.max_shares,
                exercise_price: rights.exercise_price,
                expiry: rights.expiry,
                expired: false,
                settled: true,
            };
            let paid = rights.consideration.gross_total();
            let on_exercise = rights
                .exercise_price
                .exact()
                .mul(&rights.max_shares.exact());
            let issue = Issue {
                security: Some(rights.security.clone()),
                shares: rights.max_shares.exact(),
                consideration: paid.add(&on_exercise),
                purpose: *purpose,
                kind: format!(
                    "issuance of {} ({} shares of Common Stock issuable at {} per share)",
                    rights.security, rights.max_shares, rights.exercise_price
                ),
            };
            let out = price_issue(chain, formula, t, issue, ctx, view)?;
            chain.rights.push(known);
            return Ok(out);
        }
        CorporateAction::Subdivision { .. } | CorporateAction::Reorganization { .. } => {
            return proportional(chain, t, action, ctx, view);
        }
        _ => return Ok(Outcome::none()),
    };
    price_issue(chain, formula, t, issue, ctx, view)
}

/// The proportional clause under a price formula: the Conversion Price
/// scales inversely to the shares (rounded as the term file says), and a
/// reorganization records its reference property.
pub fn proportional(
    chain: &mut AdjustmentChain,
    t: &PriceFormulaTerms,
    action: &CorporateAction,
    ctx: &AdjustmentContext,
    view: &dyn BookView,
) -> Result<Outcome, Rejection> {
    let mut d = super::Draft::default();
    match action {
        CorporateAction::Subdivision { .. } => {
            let key = "anti-dilution.proportional";
            let f = action
                .subdivision_factor()
                .filter(|f| !f.is_zero() && !f.is_negative())
                .ok_or_else(|| {
                    Rejection::new(
                        super::codes::BAD_PROPORTION,
                        ctx.cite(key),
                        "a subdivision must be a positive proportion",
                    )
                })?;
            let cp1 = &ctx.conversion_price;
            let exact = cp1.div(&f).map_err(|e| arith(ctx, key, e))?;
            let (cp2, how) = round_price(&exact, t, ctx, key)?;
            let c = Computed::of_exact(
                "Conversion Price after the subdivision or combination",
                &cp2,
                "CP1 × shares before ÷ shares after",
            )
            .input_exact("CP1", cp1)
            .input_exact("shares after per share before", &f)
            .rounded(how)
            .cite(ctx.cite(key));
            let multiplier = cp1.div(&cp2).map_err(|e| arith(ctx, key, e))?;
            return record(
                chain,
                ctx,
                view,
                key,
                "subdivision or combination of the Common Stock".into(),
                cp2,
                multiplier,
                c,
                Vec::new(),
            );
        }
        CorporateAction::Reorganization {
            kind,
            company_survives,
            reference_property,
            ..
        } => super::reorganization(
            &mut d,
            ctx,
            chain,
            *kind,
            *company_survives,
            reference_property,
            view,
        )?,
        _ => {}
    }
    let mut out = Outcome::none();
    if let Some((unit, c)) = d.reference {
        chain.reference_property = Some(unit);
        out = out.computed(c);
    }
    if let Some(cand) = d.candidate {
        // Common reclassified into common: a proportion like a split.
        let cp2 = ctx
            .conversion_price
            .div(&cand.fraction)
            .map_err(|e| arith(ctx, cand.clause, e))?;
        let (cp2, _) = round_price(&cp2, t, ctx, cand.clause)?;
        let multiplier = ctx
            .conversion_price
            .div(&cp2)
            .map_err(|e| arith(ctx, cand.clause, e))?;
        let o = record(
            chain,
            ctx,
            view,
            cand.clause,
            cand.kind,
            cp2,
            multiplier,
            cand.computation,
            Vec::new(),
        )?;
        out.merge(o);
    }
    for n in d.notes {
        out = out.computed(n);
    }
    Ok(out)
}

fn price_issue(
    chain: &mut AdjustmentChain,
    formula: Formula,
    t: &PriceFormulaTerms,
    issue: Issue,
    ctx: &AdjustmentContext,
    view: &dyn BookView,
) -> Result<Outcome, Rejection> {
    let key = formula.key();
    let date = view.date();
    if issue.shares.is_negative() || issue.consideration.is_negative() {
        return Err(Rejection::new(
            super::codes::NEGATIVE_QUANTITY,
            ctx.cite("anti-dilution.deemed-issue"),
            "an issue needs non-negative shares and consideration",
        ));
    }
    if issue.shares.is_zero() {
        return Ok(Outcome::none());
    }
    let none = |why: String, clause: &str| {
        Outcome::none().computed(
            Computed::new(
                format!("{} adjustment", ctx.sect("anti-dilution")),
                "none",
                why,
            )
            .input("issue", &issue.kind)
            .input("purpose", issue.purpose.name())
            .cite(ctx.cite(clause)),
        )
    };
    // A reconciliation to a public record issues nothing.
    if issue.purpose == Purpose::PublicRecord {
        return Ok(none(
            "a reconciliation to a public-record share count, not an issue".into(),
            key,
        ));
    }
    if t.exempts(issue.purpose) {
        return Ok(none(
            format!(
                "the purpose `{}` is exempted by the term file",
                issue.purpose.name()
            ),
            "anti-dilution.exempted",
        ));
    }
    let cp1 = ctx.conversion_price.clone();
    let per_share = issue
        .consideration
        .div(&issue.shares)
        .map_err(|e| arith(ctx, key, e))?;
    let per_share_c = Computed::of_exact(
        "effective price per common share",
        &per_share,
        "(consideration received + least payable on exercise or conversion) ÷ common issued or deemed issued",
    )
    .input_exact("consideration", &issue.consideration)
    .input_exact("common issued or deemed issued", &issue.shares)
    .cite(ctx.cite("anti-dilution.deemed-issue"));
    // Later closings of a financing within the window re-adjust from the
    // first closing's price and base.
    let window = t.multiple_closing_days;
    let open = match (&issue.security, window) {
        (Some(sec), Some(days)) => chain.financings.iter().position(|f| {
            &f.security == sec
                && f.first_closing
                    .checked_add(jiff::Span::new().days(days))
                    .is_ok_and(|end| date <= end)
        }),
        _ => None,
    };
    if open.is_none() && per_share >= cp1 {
        return Ok(Outcome::none().computed(
            Computed::new(
                format!("{} adjustment", ctx.sect("anti-dilution")),
                "none (not below the Conversion Price)",
                "effective price per common share ≥ Conversion Price",
            )
            .input_exact("Conversion Price", &cp1)
            .step(per_share_c)
            .cite(ctx.cite(key)),
        ));
    }
    let (cp_from, a, consideration, shares, mut inputs) = match open {
        Some(i) => {
            let f = &chain.financings[i];
            let consideration = f.consideration.add(&issue.consideration);
            let shares = f.shares.add(&issue.shares);
            let inputs = vec![
                ("first closing".to_string(), f.first_closing.to_string()),
                (
                    "closings re-adjusted as one within (days)".to_string(),
                    window.unwrap_or_default().to_string(),
                ),
            ];
            (
                f.price_before.clone(),
                Some(f.base_before.clone()),
                consideration,
                shares,
                inputs,
            )
        }
        None => (
            cp1.clone(),
            None,
            issue.consideration.clone(),
            issue.shares.clone(),
            Vec::new(),
        ),
    };
    let mut steps = vec![per_share_c];
    let (exact, formula_words, base_used) = match formula {
        Formula::WeightedAverage => {
            let (a, a_c) = match a {
                Some(a) => {
                    let c = Computed::of_exact(
                        "A: common outstanding immediately before the first closing",
                        &a,
                        "the base as it stood before the financing's first closing",
                    )
                    .cite(ctx.cite("anti-dilution.multiple-closings"));
                    (a, c)
                }
                None => base(t, ctx, view)?,
            };
            steps.push(a_c);
            let b = consideration
                .div(&cp_from)
                .map_err(|e| arith(ctx, key, e))?;
            let num = a.add(&b);
            let den = a.add(&shares);
            let cp2 = cp_from
                .mul(&num)
                .div(&den)
                .map_err(|e| arith(ctx, key, e))?;
            inputs.push(("A (base)".into(), a.display()));
            inputs.push(("B (consideration ÷ CP1)".into(), b.display()));
            inputs.push(("C (common issued)".into(), shares.display()));
            (cp2, "CP1 × (A + B) ÷ (A + C)", Some((a, b)))
        }
        Formula::FullRatchet => {
            let price = consideration.div(&shares).map_err(|e| arith(ctx, key, e))?;
            (
                price.min(cp_from.clone()),
                "the effective price per common share",
                None,
            )
        }
    };
    let (cp2, how) = round_price(&exact, t, ctx, key)?;
    let mut c = Computed::of_exact("Conversion Price after adjustment", &cp2, formula_words)
        .input_exact("CP1", &cp_from)
        .input_exact("aggregate consideration", &consideration)
        .input_exact("common issued or deemed issued (C)", &shares);
    if let Some((a, b)) = &base_used {
        c = c.input_exact("A", a).input_exact("B", b);
    }
    c = c
        .input_exact("unrounded", &exact)
        .rounded(how)
        .cite(ctx.cite(key));
    if open.is_some() {
        c = c.cite(ctx.cite("anti-dilution.multiple-closings"));
    }
    for s in steps {
        c = c.step(s);
    }
    inputs.push(("Conversion Price before".into(), cp1.display()));
    // The ratio multiplier from the price in effect now.
    let multiplier = cp1.div(&cp2).map_err(|e| arith(ctx, key, e))?;
    let out = record(
        chain, ctx, view, key, issue.kind, cp2, multiplier, c, inputs,
    )?;
    // The financing's record: opened by its first closing, grown by later
    // ones within the window.
    match (open, &issue.security, window) {
        (Some(i), _, _) => {
            chain.financings[i].consideration = consideration;
            chain.financings[i].shares = shares;
        }
        (None, Some(sec), Some(_)) => {
            let a = match base_used {
                Some((a, _)) => a,
                None => Exact::zero(),
            };
            chain.financings.push(Financing {
                security: sec.clone(),
                first_closing: date,
                price_before: cp1,
                base_before: a,
                consideration,
                shares,
            });
        }
        _ => {}
    }
    Ok(out)
}

/// Records an adjustment to `cp2` (ratio multiplier `multiplier`) with its
/// notice. Nothing can fail after the first mutation.
#[allow(clippy::too_many_arguments)]
fn record(
    chain: &mut AdjustmentChain,
    ctx: &AdjustmentContext,
    view: &dyn BookView,
    key: &str,
    kind: String,
    cp2: Exact,
    multiplier: Exact,
    computation: Computed,
    inputs: Vec<(String, String)>,
) -> Result<Outcome, Rejection> {
    let date = view.date();
    let ratio_before = ctx.conversion_ratio.clone();
    let ratio_after = ratio_before.mul(&multiplier);
    let change = multiplier.sub(&Exact::one());
    let notice = AdjustmentNotice {
        instrument: ctx.instrument.clone(),
        date,
        effective: date,
        clause: ctx.cite(key).to_string(),
        kind,
        ratio_before: ratio_before.clone(),
        ratio_after: ratio_after.clone(),
        computed_ratio: ratio_after,
        price_before: ctx.conversion_price.clone(),
        price_after: cp2,
        liquidation_preference: ctx.liquidation_preference.clone(),
        fraction: multiplier.clone(),
        fraction_exact: multiplier.fraction_string(),
        fraction_used: multiplier.clone(),
        change,
        inputs,
        inputs_exact: BTreeMap::new(),
        below_threshold: false,
        carried_forward: false,
        computation: computation.clone(),
        labels: NoticeLabels {
            notice_clause: ctx.cite(key).to_string(),
            threshold_clause: ctx.cite(key).to_string(),
            threshold: percent_label(&Exact::zero()),
            designation: ctx.designation.clone(),
        },
    };
    chain.factor = chain.factor.mul(&multiplier);
    chain.steps.push(AppliedStep {
        applies_from: date,
        multiplier,
    });
    chain.notices.push(notice);
    Ok(Outcome::none().computed(computation))
}
