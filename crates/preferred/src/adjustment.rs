//! CoD §8.10 "Adjustment of Conversion Ratio": the anti-dilution chain.
//!
//! Each corporate action the engine broadcasts is examined here, clause by
//! clause: §8.10.1 proportional adjustments (stock dividends, splits,
//! combinations, reclassifications, mergers), §8.10.2 rights, options,
//! warrants and convertibles issued below the Conversion Price, §8.10.3
//! Common Stock issued below the Conversion Price (each after its
//! exclusions (A)–(G), including the $200,000,000 acquisition basket),
//! §8.10.4 repurchases above Current Market Value, all subject to §8.10.5
//! (the 1% threshold, the §4.5 carve-out, "nearest four decimal points").
//! Every computed adjustment becomes an [`AdjustmentNotice`] with its
//! schedule of computations (§8.10.6), kept in the [`AdjustmentChain`].
//!
//! The chain holds the cumulative multiplier applied to the §8.1 ratio, so
//! the Conversion Ratio on any date is `LP / $50.00 × chain.factor_as_of(date)`
//! (see [`AdjustmentChain::factor_as_of`]). The readings chosen where the
//! clause is ambiguous are in docs/interpretations.md, "Series B
//! anti-dilution and Change of Control (CoD §8.10, §2)", and each one whose
//! numbers differ is a field of [`AntiDilutionTerms`].

mod notice;

pub use notice::AdjustmentNotice;

use actions::{CorporateAction, Purpose, ReferenceProperty, ReorganizationKind, SubdivisionKind};
use calendar::Date;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use terms::{BookView, InstrumentId, Outcome, Rejection, SecurityId};
use units::{Clause, Computed, Exact, Money, Price, Rate, Rounding, Shares, UnitsError};

fn cod(section: &str) -> Clause {
    Clause::new("CoD", section)
}

/// What CoD §8.10.5 "All calculations under this Section 8.10 shall be made
/// to the nearest four decimal points" rounds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RoundingTarget {
    /// The Conversion Ratio resulting from each adjustment (the figure the
    /// calculation produces); intermediate figures stay exact. Default.
    #[default]
    Ratio,
    /// Only the adjustment fraction of §8.10.2–§8.10.4 (and the proportion
    /// of §8.10.1); the ratio is then the §8.1 ratio times the product.
    Fraction,
    /// The fraction first, then the resulting ratio.
    Both,
}

/// Which consideration "paid by the holders thereof" (CoD §8.10.2, §8.10.3)
/// means.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ConsiderationBasis {
    /// What the purchasers paid: gross cash plus board fair value of
    /// non-cash consideration, before the company's underwriting costs.
    #[default]
    Gross,
    /// Cash net of underwriting discounts and expenses (the warrant's
    /// explicit rule, Warrant §6(i)1), plus non-cash fair value.
    Net,
}

/// What happens to an acquisition issuance that crosses the $200,000,000
/// basket of CoD §8.10.2(B) / §8.10.3(B).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum BasketOverflow {
    /// "only to the extent ... does not exceed": the part of the issuance
    /// whose consideration fits the remaining basket is excluded, the part
    /// beyond it (shares pro rata to consideration) is adjusted for. Default.
    #[default]
    ExcessOnly,
    /// The whole issuance that crosses the basket is adjusted for.
    WholeIssuance,
}

/// Whose conversion shares are in the fully diluted base of CoD
/// §8.10.2–§8.10.4 ("assuming the exercise or conversion of securities
/// exercisable for or convertible into Common Stock").
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FullyDilutedBase {
    /// Every convertible and exercisable security, the Series B included
    /// (it is itself "convertible into Common Stock"). Default.
    #[default]
    IncludingSeriesB,
    /// Every convertible and exercisable security except the Series B.
    ExcludingSeriesB,
}

/// Term-file section `[anti_dilution]` (CoD §8.10). The document's numbers
/// (threshold, decimal places, acquisition basket, Current Market Value
/// days) must be stated: nothing about one company's certificate is a
/// default. The readings of silent or ambiguous words default to the ones
/// chosen in docs/interpretations.md.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct AntiDilutionTerms {
    /// CoD §8.10.5: "No adjustment ... shall be required unless such
    /// adjustment would require an increase or decrease of at least 1% in
    /// the Conversion Ratio." As a fraction: `"0.01"`.
    pub threshold: Rate,
    /// CoD §8.10.5 is silent on adjustments below the threshold. `false`
    /// (default): they are not made and not remembered (strict reading of a
    /// preferred stock's terms). `true`: they are carried forward and
    /// combined with the next adjustment, as most indentures provide.
    #[serde(default)]
    pub carry_forward_below_threshold: bool,
    /// CoD §8.10.5: "to the nearest four decimal points" (4).
    pub decimal_places: u32,
    /// CoD §8.10.5: which figure the four-decimal rounding applies to.
    #[serde(default)]
    pub rounding_applies_to: RoundingTarget,
    /// CoD §8.10.2(B), §8.10.3(B): the aggregate consideration for
    /// below-price acquisitions after the Closing Date that is excluded
    /// ("does not exceed $200,000,000").
    pub acquisition_basket: Money,
    /// CoD §8.10.2(B), §8.10.3(B): the part of an acquisition beyond the
    /// basket.
    #[serde(default)]
    pub basket_overflow: BasketOverflow,
    /// CoD §8.10.2(x), §8.10.3: "the consideration paid by the holders
    /// thereof": gross (default) or net of underwriting.
    #[serde(default)]
    pub consideration_basis: ConsiderationBasis,
    /// CoD §8.10.2–§8.10.4 "(assuming the exercise or conversion of
    /// securities exercisable for or convertible into Common Stock)": is the
    /// Series B itself in the base.
    #[serde(default)]
    pub fully_diluted_base: FullyDilutedBase,
    /// Same words: are rights whose exercise price is at or above the
    /// Conversion Price ("out of the money") in the base. `true` (default):
    /// the clause assumes the exercise of every such security. `false`: the
    /// rights this chain saw issued (`issue-rights`) that are out of the
    /// money on the date of the issuance are taken out of the base.
    #[serde(default = "reading_included")]
    pub base_includes_out_of_the_money: bool,
    /// CoD §2 "Current Market Value": "the average of the daily Market
    /// Prices ... for ten consecutive trading days immediately preceding"
    /// (10), used by §8.10.4.
    pub current_market_value_days: usize,
}

/// The default reading of "assuming the exercise or conversion of
/// securities exercisable for or convertible into Common Stock": every such
/// security, in the money or not.
fn reading_included() -> bool {
    true
}

/// One multiplier applied to the §8.1 ratio, from a date on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AppliedStep {
    /// Conversions on and after this date use the multiplier.
    pub applies_from: Date,
    /// Ratio after ÷ ratio before (exact).
    pub multiplier: Exact,
}

/// Rights, options, warrants or convertibles the chain saw issued (CoD
/// §8.10.2), kept for the out-of-the-money base setting and for the
/// `adjustments` report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct KnownRights {
    pub security: SecurityId,
    pub issued: Date,
    pub max_shares: Shares,
    pub exercise_price: Price,
    pub expiry: Option<Date>,
    pub expired: bool,
    /// Whether the issuance caused an adjustment or required none
    /// (CoD §8.10.2(E), §8.10.3(G)): always true once recorded, since every
    /// issuance the chain sees is either adjusted for or not required to be.
    pub settled: bool,
}

/// The recorded chain of §8.10 adjustments.
#[derive(Clone, Debug, Serialize)]
pub struct AdjustmentChain {
    factor: Exact,
    steps: Vec<AppliedStep>,
    /// Sub-threshold adjustments carried forward (1 when none), only with
    /// `carry_forward_below_threshold`.
    pending: Exact,
    /// Aggregate consideration of below-price acquisitions after the Closing
    /// Date (CoD §8.10.2(B), §8.10.3(B)), whether or not within the basket.
    acquisition_consideration: Exact,
    rights: Vec<KnownRights>,
    /// What one "share of Common Stock" in the Conversion Ratio now is, after
    /// a reorganization into other property (CoD §8.10.1(d)–(e)); `None`
    /// while it is still a share of the Corporation's Common Stock.
    reference_property: Option<Vec<ReferenceProperty>>,
    notices: Vec<AdjustmentNotice>,
}

impl Default for AdjustmentChain {
    fn default() -> Self {
        AdjustmentChain {
            factor: Exact::one(),
            steps: Vec::new(),
            pending: Exact::one(),
            acquisition_consideration: Exact::zero(),
            rights: Vec::new(),
            reference_property: None,
            notices: Vec::new(),
        }
    }
}

impl AdjustmentChain {
    /// The cumulative factor applied to the §8.1 ratio (1 when unadjusted),
    /// including adjustments whose effective time is still ahead (a stock
    /// dividend whose record date has not passed). Prefer
    /// [`AdjustmentChain::factor_as_of`].
    pub fn factor(&self) -> Exact {
        self.factor.clone()
    }

    /// The factor for a conversion on `date`: the product of every step
    /// with `applies_from <= date`. The Conversion Ratio on `date` is the
    /// §8.1 ratio (LP / $50.00) times this.
    pub fn factor_as_of(&self, date: Date) -> Exact {
        self.steps
            .iter()
            .filter(|s| s.applies_from <= date)
            .fold(Exact::one(), |acc, s| acc.mul(&s.multiplier))
    }

    /// The Conversion Ratio on `date` from the §8.1 ratio, with its
    /// computation (`ratio_8_1 × factor_as_of(date)`).
    pub fn apply_to(&self, ratio_8_1: &Exact, date: Date) -> (Exact, Computed) {
        let f = self.factor_as_of(date);
        let r = ratio_8_1.mul(&f);
        let c = Computed::of_exact(
            "Conversion Ratio",
            &r,
            "§8.1 ratio (Liquidation Preference / $50.00) × cumulative §8.10 factor",
        )
        .input_exact("§8.1 ratio", ratio_8_1)
        .input_exact("§8.10 factor", &f)
        .input(
            "adjustments applied",
            self.steps.iter().filter(|s| s.applies_from <= date).count(),
        )
        .cite(cod("8.1"))
        .cite(cod("8.10"));
        (r, c)
    }

    /// Every notice, in order (CoD §8.10.6), including computations that
    /// fell below the 1% threshold (marked `below_threshold`).
    pub fn notices(&self) -> &[AdjustmentNotice] {
        &self.notices
    }

    /// The steps applied to the ratio.
    pub fn steps(&self) -> &[AppliedStep] {
        &self.steps
    }

    /// Sub-threshold adjustment carried forward (1 when none).
    pub fn pending(&self) -> &Exact {
        &self.pending
    }

    /// Aggregate consideration of below-price acquisitions counted against
    /// the $200,000,000 basket.
    pub fn acquisition_consideration(&self) -> &Exact {
        &self.acquisition_consideration
    }

    pub fn known_rights(&self) -> &[KnownRights] {
        &self.rights
    }

    /// What one unit of the Conversion Ratio is after a reorganization into
    /// other property; `None` while it is a share of Common Stock.
    pub fn reference_property(&self) -> Option<&[ReferenceProperty]> {
        self.reference_property.as_deref()
    }

    /// One line per notice, then the notices in full, for the
    /// `adjustments` command.
    pub fn render_text(&self) -> String {
        use std::fmt::Write as _;
        let mut out = String::new();
        let _ = writeln!(
            out,
            "§8.10 adjustments: {} computed, {} made",
            self.notices.len(),
            self.steps.len()
        );
        for n in &self.notices {
            let _ = writeln!(
                out,
                "  {}  {:<12} {} -> {}{}  {}",
                n.date,
                n.clause,
                n.ratio_before,
                n.ratio_after,
                if n.below_threshold {
                    " (below 1%, not made)"
                } else {
                    ""
                },
                n.kind
            );
        }
        for n in &self.notices {
            let _ = writeln!(out);
            out.push_str(&n.render_text());
        }
        out
    }

    /// The chain as JSON for the `adjustments` command.
    pub fn to_json(&self) -> serde_json::Value {
        let mut v = serde_json::to_value(self).unwrap_or(serde_json::Value::Null);
        // Each figure with `<key>_exact` when it does not terminate
        // (docs/cli.md, "Exact figures").
        self.factor.put_json(&mut v, "factor");
        self.pending.put_json(&mut v, "pending");
        self.acquisition_consideration
            .put_json(&mut v, "acquisition_consideration");
        if let Some(m) = v.as_object_mut() {
            m.insert("steps".into(), steps_json(&self.steps));
            m.insert(
                "notices".into(),
                self.notices.iter().map(|n| n.to_json()).collect(),
            );
        }
        v
    }
}

/// The applied steps as JSON, `multiplier_exact` beside a multiplier that
/// does not terminate.
pub fn steps_json(steps: &[AppliedStep]) -> serde_json::Value {
    steps
        .iter()
        .map(|s| {
            let mut v = serde_json::to_value(s).unwrap_or(serde_json::Value::Null);
            s.multiplier.put_json(&mut v, "multiplier");
            v
        })
        .collect()
}

/// What the instrument knows at the moment of a corporate action.
#[derive(Clone, Debug)]
pub struct AdjustmentContext {
    pub instrument: InstrumentId,
    pub closing_date: calendar::Date,
    /// The Liquidation Preference per share at the action's date.
    pub liquidation_preference: Exact,
    /// The Conversion Ratio in effect immediately before the action.
    pub conversion_ratio: Exact,
    /// The Conversion Price in effect immediately before the action.
    pub conversion_price: Exact,
    /// The common issuable on conversion of this series (whole shares per
    /// holder), when the instrument supplies it: the fully diluted base is
    /// then the book's count excluding this series plus this figure, so the
    /// base is right whether or not the book's view counts the instrument
    /// that is reacting. `None`: the view's count including every
    /// instrument is used as is.
    pub own_issuable: Option<Shares>,
}

/// Rejection codes of this module (R0250–R0299).
pub mod codes {
    /// A §8.10 computation overflowed or divided by zero.
    pub const ARITHMETIC: &str = "R0250";
    /// The Conversion Ratio or Conversion Price handed in is not positive.
    pub const BAD_CONTEXT: &str = "R0251";
    /// The fully diluted base is zero or negative.
    pub const EMPTY_BASE: &str = "R0252";
    /// No Current Market Value for a §8.10.4 repurchase.
    pub const NO_MARKET_VALUE: &str = "R0253";
    /// A §8.10.4 repurchase whose Excess Consideration would buy the whole base.
    pub const REPURCHASE_TOO_LARGE: &str = "R0254";
    /// A subdivision or reference property that is not a positive proportion.
    pub const BAD_PROPORTION: &str = "R0255";
    /// Negative consideration or share count on an issuance.
    pub const NEGATIVE_QUANTITY: &str = "R0256";
}

fn arith(clause: &str) -> impl Fn(UnitsError) -> Rejection + '_ {
    move |e| {
        Rejection::new(
            codes::ARITHMETIC,
            cod(clause),
            format!("the §{clause} computation failed: {e}"),
        )
    }
}

fn div(a: &Exact, b: &Exact, clause: &str) -> Result<Exact, Rejection> {
    a.div(b).map_err(arith(clause))
}

/// A proposed change to the ratio, before the threshold and rounding.
struct Candidate {
    clause: &'static str,
    kind: String,
    applies_from: Date,
    fraction: Exact,
    computation: Computed,
    inputs: Vec<(String, String)>,
    /// The inputs that do not terminate, as fractions (docs/cli.md).
    inputs_exact: BTreeMap<String, String>,
}

/// The exact forms of the listed inputs whose decimals do not terminate.
fn exact_inputs(figures: &[(&str, &Exact)]) -> BTreeMap<String, String> {
    figures
        .iter()
        .filter_map(|(k, x)| x.exact_form().map(|f| ((*k).to_string(), f)))
        .collect()
}

/// Everything an action would do to the chain, computed before any change.
#[derive(Default)]
struct Draft {
    candidate: Option<Candidate>,
    acquisition_add: Option<Exact>,
    rights_add: Option<KnownRights>,
    rights_expire: Option<SecurityId>,
    rights_amend: Option<(SecurityId, Option<Price>, Option<Shares>)>,
    reference: Option<(Vec<ReferenceProperty>, Computed)>,
    notes: Vec<Computed>,
}

/// Reacts to a corporate action under CoD §8.10. Validates and computes
/// everything first; the chain changes only when `Ok` is returned.
pub fn on_action(
    chain: &mut AdjustmentChain,
    terms: &AntiDilutionTerms,
    action: &CorporateAction,
    ctx: &AdjustmentContext,
    view: &dyn BookView,
) -> Result<Outcome, Rejection> {
    let date = view.date();
    if date < ctx.closing_date {
        // §8.10.1 "at any time after the date of issue of the Series B".
        return Ok(Outcome::none());
    }
    if ctx.conversion_ratio.is_negative()
        || ctx.conversion_ratio.is_zero()
        || ctx.conversion_price.is_negative()
        || ctx.conversion_price.is_zero()
    {
        return Err(Rejection::new(
            codes::BAD_CONTEXT,
            cod("8.1"),
            format!(
                "the Conversion Ratio ({}) and Conversion Price ({}) must be positive to apply §8.10",
                ctx.conversion_ratio, ctx.conversion_price
            ),
        ));
    }
    let draft = draft(chain, terms, action, ctx, view)?;
    commit(chain, terms, ctx, view, draft)
}

fn draft(
    chain: &AdjustmentChain,
    terms: &AntiDilutionTerms,
    action: &CorporateAction,
    ctx: &AdjustmentContext,
    view: &dyn BookView,
) -> Result<Draft, Rejection> {
    let date = view.date();
    let mut d = Draft::default();
    match action {
        CorporateAction::Subdivision {
            kind,
            numerator,
            denominator,
            record_date,
        } => {
            let (letter, what) = match kind {
                SubdivisionKind::StockDividend => {
                    ("a", "dividend on Common Stock payable in Common Stock")
                }
                SubdivisionKind::Split => {
                    ("b", "subdivision or split of the outstanding Common Stock")
                }
                SubdivisionKind::Combination => {
                    ("c", "combination of the outstanding Common Stock")
                }
            };
            let f = action
                .subdivision_factor()
                .filter(|f| !f.is_zero() && !f.is_negative())
                .ok_or_else(|| {
                    Rejection::new(
                        codes::BAD_PROPORTION,
                        cod("8.10.1"),
                        format!("`{numerator} for {denominator}` is not a positive proportion"),
                    )
                })?;
            // §8.10.1: the ratio "in effect at the time of the record date for
            // such dividend or distribution or of the effective date of such
            // subdivision, split, combination". A holder converting on the
            // record date is a holder of record that day (§8.5) and takes the
            // dividend itself, so the adjusted ratio serves conversions after
            // it; a split or combination serves conversions from its
            // effective date (the action's date).
            let applies_from = match kind {
                SubdivisionKind::StockDividend => {
                    let rd = record_date.unwrap_or(date);
                    rd.tomorrow().unwrap_or(rd)
                }
                _ => date,
            };
            let computation = Computed::of_exact(
                "§8.10.1 proportion",
                &f,
                "shares of Common Stock after ÷ shares before (one share becomes n/m shares)",
            )
            .input("new shares (n)", numerator)
            .input("old shares (m)", denominator)
            .input("effective for conversions from", applies_from)
            .cite(cod(&format!("8.10.1({letter})")));
            d.candidate = Some(Candidate {
                clause: "8.10.1",
                kind: what.to_string(),
                applies_from,
                inputs: vec![
                    (
                        "new shares per old".into(),
                        format!("{numerator} for {denominator}"),
                    ),
                    (
                        "record date".into(),
                        record_date
                            .map(|r| r.to_string())
                            .unwrap_or_else(|| "-".into()),
                    ),
                ],
                // Whole share counts and a date: nothing to keep exact.
                inputs_exact: BTreeMap::new(),
                fraction: f,
                computation,
            });
        }
        CorporateAction::Reorganization {
            kind,
            company_survives,
            reference_property,
            ..
        } => reorganization(
            &mut d,
            chain,
            *kind,
            *company_survives,
            reference_property,
            view,
        )?,
        CorporateAction::IssueCommon {
            shares,
            consideration,
            purpose,
            holder,
        } => {
            if shares.is_negative() || consideration.gross_total().is_negative() {
                return Err(Rejection::new(
                    codes::NEGATIVE_QUANTITY,
                    cod("8.10.3"),
                    "an issuance of Common Stock needs a non-negative number of shares and consideration",
                ));
            }
            if shares.is_zero() {
                return Ok(d);
            }
            let total = consideration_of(terms, consideration);
            let issue = Issuance {
                clause: "8.10.3",
                shares: shares.exact(),
                per_share_total: total.clone(),
                paid_for_security: total,
                exercise_total: Exact::zero(),
                purpose: *purpose,
                kind: format!("issuance of {shares} shares of Common Stock to {holder}"),
            };
            issuance(&mut d, chain, terms, ctx, view, issue)?;
        }
        CorporateAction::IssueRights { rights, purpose } => {
            if rights.max_shares.is_negative()
                || rights.exercise_price.is_negative()
                || rights.consideration.gross_total().is_negative()
            {
                return Err(Rejection::new(
                    codes::NEGATIVE_QUANTITY,
                    cod("8.10.2"),
                    "an issuance of rights needs non-negative shares, exercise price and consideration",
                ));
            }
            d.rights_add = Some(KnownRights {
                security: rights.security.clone(),
                issued: date,
                max_shares: rights.max_shares,
                exercise_price: rights.exercise_price,
                expiry: rights.expiry,
                expired: false,
                settled: true,
            });
            if rights.max_shares.is_zero() {
                return Ok(d);
            }
            let x = consideration_of(terms, &rights.consideration);
            let y = rights
                .exercise_price
                .exact()
                .mul(&rights.max_shares.exact());
            let issue = Issuance {
                clause: "8.10.2",
                shares: rights.max_shares.exact(),
                per_share_total: x.add(&y),
                paid_for_security: x,
                exercise_total: y,
                purpose: *purpose,
                kind: format!(
                    "issuance of {} ({} shares of Common Stock issuable at {} per share)",
                    rights.security, rights.max_shares, rights.exercise_price
                ),
            };
            issuance(&mut d, chain, terms, ctx, view, issue)?;
        }
        CorporateAction::AmendRights {
            security,
            exercise_price,
            max_shares,
        } => {
            // The CoD, unlike Warrant §6(i)3(C), has no readjustment on a
            // change in outstanding rights: only the record is updated.
            d.rights_amend = Some((security.clone(), *exercise_price, *max_shares));
            d.notes.push(
                Computed::new(
                    "§8.10 adjustment",
                    "none",
                    "CoD §8.10.2 adjusts on the issuance of rights; it has no readjustment on amendment",
                )
                .input("security", security)
                .cite(cod("8.10.2")),
            );
        }
        CorporateAction::ExpireRights { security, .. } => {
            // Likewise no readjustment on expiry (contrast Warrant §6(i)3(D)).
            d.rights_expire = Some(security.clone());
            d.notes.push(
                Computed::new(
                    "§8.10 adjustment",
                    "none",
                    "CoD §8.10.2 has no readjustment on the expiry of rights",
                )
                .input("security", security)
                .cite(cod("8.10.2")),
            );
        }
        CorporateAction::Repurchase {
            shares,
            price_per_share,
            holder,
            employee_plan,
        } => repurchase(
            &mut d,
            chain,
            terms,
            ctx,
            view,
            *shares,
            *price_per_share,
            holder,
            *employee_plan,
        )?,
        CorporateAction::Distribution { .. } | CorporateAction::Dissolution { .. } => {}
    }
    Ok(d)
}

fn consideration_of(terms: &AntiDilutionTerms, c: &actions::Consideration) -> Exact {
    match terms.consideration_basis {
        ConsiderationBasis::Gross => c.gross_total(),
        ConsiderationBasis::Net => c.net_total(),
    }
}

fn reorganization(
    d: &mut Draft,
    chain: &AdjustmentChain,
    kind: ReorganizationKind,
    company_survives: bool,
    property: &[ReferenceProperty],
    view: &dyn BookView,
) -> Result<(), Rejection> {
    let date = view.date();
    let (letter, what) = match kind {
        ReorganizationKind::Reclassification => ("d", "reclassification of Common Stock"),
        ReorganizationKind::Merger => ("e", "merger"),
        ReorganizationKind::Consolidation => ("e", "consolidation"),
        ReorganizationKind::AssetSale => {
            // A sale of assets is not among §8.10.1(a)–(e); it matters only
            // to the Change of Control (CoD §2(b)).
            d.notes.push(
                Computed::new(
                    "§8.10 adjustment",
                    "none",
                    "a sale of assets is not an event listed in §8.10.1",
                )
                .cite(cod("8.10.1")),
            );
            return Ok(());
        }
    };
    let clause = format!("8.10.1({letter})");
    if property.is_empty() {
        d.notes.push(
            Computed::new(
                "§8.10 adjustment",
                "none",
                "no reference property recorded: each share of Common Stock remains one share",
            )
            .input("company survives", company_survives)
            .cite(cod(&clause)),
        );
        return Ok(());
    }
    if property.iter().any(|p| p.per_share.is_sign_negative()) {
        return Err(Rejection::new(
            codes::BAD_PROPORTION,
            cod(&clause),
            "reference property per share of Common Stock cannot be negative",
        ));
    }
    let common = view.common();
    let all_common = chain.reference_property.is_none()
        && property.iter().all(|p| p.security == common.as_str());
    if all_common {
        // Common Stock reclassified into Common Stock: a proportion, like a
        // split (§8.10.1(c)–(d)).
        let f = property.iter().fold(Exact::zero(), |a, p| {
            a.add(&Exact::from_decimal(p.per_share))
        });
        if f.is_zero() {
            return Err(Rejection::new(
                codes::BAD_PROPORTION,
                cod(&clause),
                "a reclassification into zero shares of Common Stock is not a proportion",
            ));
        }
        let computation = Computed::of_exact(
            "§8.10.1 proportion",
            &f,
            "shares of Common Stock one share becomes in the reclassification",
        )
        .input("company survives", company_survives)
        .cite(cod(&clause));
        d.candidate = Some(Candidate {
            clause: "8.10.1",
            kind: what.to_string(),
            applies_from: date,
            inputs: vec![("Common Stock per share".into(), f.display())],
            inputs_exact: exact_inputs(&[("Common Stock per share", &f)]),
            fraction: f,
            computation,
        });
        return Ok(());
    }
    // Other securities or cash: each share of Common Stock counted in the
    // Conversion Ratio becomes the reference property (§8.10.1: "Common
    // Stock or other securities ... such holder would have owned").
    let previous = chain.reference_property.clone().unwrap_or_else(|| {
        vec![ReferenceProperty {
            description: "Common Stock".into(),
            security: common.as_str().to_string(),
            per_share: units::Decimal::ONE,
        }]
    });
    let mut unit = Vec::new();
    for item in &previous {
        if item.security == common.as_str() {
            for p in property {
                let per = Exact::from_decimal(item.per_share)
                    .mul(&Exact::from_decimal(p.per_share))
                    .to_decimal_exact()
                    .map_err(arith(&clause))?;
                unit.push(ReferenceProperty {
                    description: p.description.clone(),
                    security: p.security.clone(),
                    per_share: per,
                });
            }
        } else {
            unit.push(item.clone());
        }
    }
    let mut c = Computed::new(
        "unit of the Conversion Ratio",
        unit.iter()
            .map(|p| format!("{} {}", p.per_share.normalize(), p.security))
            .collect::<Vec<_>>()
            .join(" + "),
        "each share of Common Stock counted in the Conversion Ratio becomes the property a holder of one share received",
    )
    .input("event", what)
    .input("company survives", company_survives)
    .cite(cod(&clause));
    for p in property {
        c = c.input(
            format!("per share: {}", p.description),
            format!("{} {}", p.per_share.normalize(), p.security),
        );
    }
    d.reference = Some((unit, c));
    Ok(())
}

/// A §8.10.2 or §8.10.3 issuance, normalised.
struct Issuance {
    clause: &'static str,
    /// Additional shares of Common Stock issued or issuable.
    shares: Exact,
    /// x + y: everything the holders pay for those shares.
    per_share_total: Exact,
    /// x: paid for the security itself.
    paid_for_security: Exact,
    /// y: payable on exercise or conversion (§8.10.2 only).
    exercise_total: Exact,
    purpose: Purpose,
    kind: String,
}

/// The exclusion an issuance falls under, if any: (letter, words).
fn exclusion(clause: &str, purpose: Purpose) -> Option<(String, &'static str)> {
    let rights = clause == "8.10.2";
    let (sec, words) = match purpose {
        Purpose::Financing | Purpose::Acquisition => return None,
        Purpose::EmployeePlan => (
            format!("{clause}(A)"),
            "pursuant to the Corporation's stock option plans or a director or employee compensation plan approved by the Board",
        ),
        Purpose::JointVenture => (
            format!("{clause}(C)"),
            "to joint venture partners in exchange for interests in the joint venture",
        ),
        Purpose::DebtFinancing => (
            format!("{clause}(D)"),
            "in connection with registered or Rule 144A debt",
        ),
        Purpose::ConversionOfPreferred if rights => (
            "8.10.2(E)".into(),
            "upon conversion of a security (the Series B) whose issuance did not require adjustment",
        ),
        Purpose::ConversionOfPreferred => ("8.10.3(E)".into(), "upon conversion of the Series B Preferred Stock"),
        Purpose::ExerciseOfClosingSecurity if rights => (
            "8.10.2(E)".into(),
            "upon exercise or conversion of a security outstanding at the Closing Date, whose issuance did not require adjustment",
        ),
        Purpose::ExerciseOfClosingSecurity => (
            "8.10.3(F)".into(),
            "upon exercise or conversion of a security outstanding as of the Closing Date",
        ),
        Purpose::ExerciseOfAdjustedSecurity if rights => (
            "8.10.2(E)".into(),
            "upon exercise or conversion of a security whose issuance caused or did not require an adjustment",
        ),
        Purpose::ExerciseOfAdjustedSecurity => (
            "8.10.3(G)".into(),
            "upon exercise or conversion of a security whose issuance caused or did not require an adjustment",
        ),
        Purpose::ParticipationDistribution => (
            "8.10.5".into(),
            "issued as a distribution in accordance with Section 4.5",
        ),
        Purpose::PublicRecord => (
            clause.to_string(),
            "a reconciliation to a public-record share count, not an issuance or sale",
        ),
    };
    Some((sec, words))
}

fn issuance(
    d: &mut Draft,
    chain: &AdjustmentChain,
    terms: &AntiDilutionTerms,
    ctx: &AdjustmentContext,
    view: &dyn BookView,
    issue: Issuance,
) -> Result<(), Rejection> {
    let clause = issue.clause;
    let date = view.date();
    // (A), (C)–(G) and §8.10.5 first: an excluded issuance never adjusts,
    // whatever its price.
    if let Some((sec, words)) = exclusion(clause, issue.purpose) {
        d.notes.push(
            Computed::new("§8.10 adjustment", "none (excluded)", words)
                .input("issuance", &issue.kind)
                .input("purpose", issue.purpose.name())
                .cite(cod(&sec)),
        );
        return Ok(());
    }
    let cp = &ctx.conversion_price;
    let per_share = div(&issue.per_share_total, &issue.shares, clause)?;
    let per_share_c = Computed::of_exact(
        "consideration per share of Common Stock",
        &per_share,
        if clause == "8.10.2" {
            "((x) consideration paid for the securities + (y) consideration payable on exercise or conversion) ÷ shares issuable"
        } else {
            "consideration paid by the holders ÷ shares issued"
        },
    )
    .input_exact("(x) paid for the securities", &issue.paid_for_security)
    .input_exact("(y) payable on exercise or conversion", &issue.exercise_total)
    .input_exact("shares of Common Stock", &issue.shares)
    .input("consideration basis", format!("{:?}", terms.consideration_basis).to_lowercase())
    .cite(cod(clause));
    if per_share >= *cp {
        d.notes.push(
            Computed::new(
                "§8.10 adjustment",
                "none (not below the Conversion Price)",
                "consideration per share ≥ Conversion Price on the date of issuance",
            )
            .input_exact("Conversion Price", cp)
            .step(per_share_c)
            .cite(cod(clause)),
        );
        return Ok(());
    }
    // (B): below-price acquisitions share one $200,000,000 basket.
    let mut shares = issue.shares.clone();
    let mut consideration = issue.per_share_total.clone();
    let mut basket_step = None;
    if issue.purpose == Purpose::Acquisition {
        let sec = format!("{clause}(B)");
        let cap = terms.acquisition_basket.exact();
        let used = chain.acquisition_consideration.clone();
        let remaining = cap.sub(&used).max(Exact::zero());
        d.acquisition_add = Some(issue.per_share_total.clone());
        let excess = issue.per_share_total.sub(&remaining);
        let within = !excess.is_negative() && !excess.is_zero();
        let step = Computed::new(
            "acquisition basket",
            if within { "exceeded" } else { "within" },
            "aggregate below-price acquisition consideration after the Closing Date ≤ basket",
        )
        .input_exact("basket", &cap)
        .input_exact("used before", &used)
        .input_exact("remaining", &remaining)
        .input_exact("this acquisition", &issue.per_share_total)
        .input("overflow rule", format!("{:?}", terms.basket_overflow))
        .cite(cod(&sec));
        if !within {
            d.notes.push(
                Computed::new(
                    "§8.10 adjustment",
                    "none (excluded)",
                    "acquisition consideration within the basket",
                )
                .step(step)
                .step(per_share_c)
                .cite(cod(&sec)),
            );
            return Ok(());
        }
        if terms.basket_overflow == BasketOverflow::ExcessOnly {
            // Only the part beyond the basket is adjusted for: its shares are
            // the issuance's shares pro rata to consideration.
            let part = div(&excess, &issue.per_share_total, clause)?;
            shares = issue.shares.mul(&part);
            consideration = excess;
        }
        basket_step = Some(step);
    }
    let (base, base_c) = fully_diluted_base(chain, terms, ctx, view, clause)?;
    let numerator = base.add(&shares);
    let purchasable = div(&consideration, cp, clause)?;
    let denominator = base.add(&purchasable);
    let fraction = div(&numerator, &denominator, clause)?;
    let mut computation = Computed::of_exact(
        format!("§{clause} fraction"),
        &fraction,
        "(base + additional shares) ÷ (base + aggregate consideration ÷ Conversion Price)",
    )
    .input_exact("base (fully diluted, immediately prior)", &base)
    .input_exact("additional shares of Common Stock", &shares)
    .input_exact("aggregate consideration", &consideration)
    .input_exact("Conversion Price on the date of issuance", cp)
    .input_exact("shares the consideration would purchase", &purchasable)
    .input_exact("numerator", &numerator)
    .input_exact("denominator", &denominator)
    .cite(cod(clause))
    .step(per_share_c)
    .step(base_c);
    if let Some(b) = basket_step {
        computation = computation.step(b);
    }
    d.candidate = Some(Candidate {
        clause,
        kind: issue.kind,
        applies_from: date,
        inputs: vec![
            ("base (fully diluted)".into(), base.display()),
            ("additional shares".into(), shares.display()),
            ("aggregate consideration".into(), consideration.display()),
            ("consideration per share".into(), per_share.display()),
            ("Conversion Price".into(), cp.display()),
        ],
        inputs_exact: exact_inputs(&[
            ("base (fully diluted)", &base),
            ("additional shares", &shares),
            ("aggregate consideration", &consideration),
            ("consideration per share", &per_share),
            ("Conversion Price", cp),
        ]),
        fraction,
        computation,
    });
    Ok(())
}

fn fully_diluted_base(
    chain: &AdjustmentChain,
    terms: &AntiDilutionTerms,
    ctx: &AdjustmentContext,
    view: &dyn BookView,
    clause: &str,
) -> Result<(Exact, Computed), Rejection> {
    let fd = match (terms.fully_diluted_base, ctx.own_issuable) {
        (FullyDilutedBase::IncludingSeriesB, None) => view.fully_diluted_common(None),
        (FullyDilutedBase::IncludingSeriesB, Some(own)) => view
            .fully_diluted_common(Some(&ctx.instrument))
            .checked_add(own)
            .map_err(arith(clause))?,
        (FullyDilutedBase::ExcludingSeriesB, _) => view.fully_diluted_common(Some(&ctx.instrument)),
    };
    let mut base = fd.exact();
    let mut c = Computed::new(
        "shares of Common Stock outstanding immediately prior (fully diluted)",
        "",
        "outstanding + shares issuable on exercise or conversion of securities exercisable for or convertible into Common Stock",
    )
    .input("fully diluted count from the book", fd)
    .input(
        "Series B conversion shares",
        match terms.fully_diluted_base {
            FullyDilutedBase::IncludingSeriesB => "included",
            FullyDilutedBase::ExcludingSeriesB => "excluded",
        },
    )
    .cite(cod(clause));
    if !terms.base_includes_out_of_the_money {
        let date = view.date();
        let otm: Exact = chain
            .rights
            .iter()
            .filter(|r| !r.expired && !matches!(r.expiry, Some(e) if e <= date))
            .filter(|r| r.exercise_price.exact() >= ctx.conversion_price)
            .fold(Exact::zero(), |a, r| a.add(&r.max_shares.exact()));
        base = base.sub(&otm);
        c = c.input_exact("less out-of-the-money rights", &otm);
    }
    if base.is_negative() || base.is_zero() {
        return Err(Rejection::new(
            codes::EMPTY_BASE,
            cod(clause),
            format!("the fully diluted base is {base}; the §{clause} fraction cannot be computed"),
        )
        .with_help("declare the Common Stock outstanding before the event"));
    }
    c.value = base.display();
    Ok((base, c))
}

#[allow(clippy::too_many_arguments)]
fn repurchase(
    d: &mut Draft,
    chain: &AdjustmentChain,
    terms: &AntiDilutionTerms,
    ctx: &AdjustmentContext,
    view: &dyn BookView,
    shares: Shares,
    price: Price,
    holder: &terms::HolderId,
    employee_plan: bool,
) -> Result<(), Rejection> {
    let date = view.date();
    if employee_plan {
        d.notes.push(
            Computed::new(
                "§8.10 adjustment",
                "none (excluded)",
                "repurchase of Common Stock issued under an option or compensation plan",
            )
            .cite(cod("8.10.4")),
        );
        return Ok(());
    }
    if shares.is_negative() || price.is_negative() {
        return Err(Rejection::new(
            codes::NEGATIVE_QUANTITY,
            cod("8.10.4"),
            "a repurchase needs a non-negative number of shares and price",
        ));
    }
    if shares.is_zero() {
        return Ok(());
    }
    let common = view.common();
    let n = terms.current_market_value_days;
    let (cmv, cmv_c) = view.average_preceding(&common, date, n).map_err(|gap| {
        Rejection::new(
            codes::NO_MARKET_VALUE,
            cod("8.10.4"),
            format!("the Current Market Value on {date} is needed for this repurchase: {gap}"),
        )
        .with_help("add Market Prices for the ten trading days before the repurchase, or a board fair-value determination")
    })?;
    let cmv_c = crate::state::current_market_value_step(cmv_c);
    let p = price.exact();
    if p <= cmv {
        d.notes.push(
            Computed::new(
                "§8.10 adjustment",
                "none (not above Current Market Value)",
                "price per share ≤ Current Market Value",
            )
            .input("price per share", price)
            .step(cmv_c)
            .cite(cod("8.10.4")),
        );
        return Ok(());
    }
    if cmv.is_zero() {
        return Err(arith("8.10.4")(UnitsError::DivisionByZero));
    }
    let excess = p.sub(&cmv);
    let total_excess = excess.mul(&shares.exact());
    let purchasable = div(&total_excess, &cmv, "8.10.4")?;
    let (base, base_c) = fully_diluted_base(chain, terms, ctx, view, "8.10.4")?;
    let denominator = base.sub(&purchasable);
    if denominator.is_negative() || denominator.is_zero() {
        return Err(Rejection::new(
            codes::REPURCHASE_TOO_LARGE,
            cod("8.10.4"),
            format!(
                "the Excess Consideration would purchase {} shares at Current Market Value, not less than the base of {}",
                purchasable.display(),
                base.display()
            ),
        ));
    }
    let fraction = div(&base, &denominator, "8.10.4")?;
    let computation = Computed::of_exact(
        "§8.10.4 fraction",
        &fraction,
        "base ÷ (base − aggregate Excess Consideration ÷ Current Market Value)",
    )
    .input("shares repurchased", shares)
    .input("price per share", price)
    .input_exact("Current Market Value", &cmv)
    .input_exact("Excess Consideration per share", &excess)
    .input_exact("aggregate Excess Consideration", &total_excess)
    .input_exact(
        "shares it would purchase at Current Market Value",
        &purchasable,
    )
    .input_exact("base (fully diluted, immediately prior)", &base)
    .input_exact("denominator", &denominator)
    .cite(cod("8.10.4"))
    .step(cmv_c)
    .step(base_c);
    d.candidate = Some(Candidate {
        clause: "8.10.4",
        kind: format!("repurchase of {shares} shares of Common Stock from {holder} at {price}"),
        applies_from: date,
        inputs: vec![
            ("base (fully diluted)".into(), base.display()),
            ("shares repurchased".into(), shares.to_string()),
            ("price per share".into(), price.to_string()),
            ("Current Market Value".into(), cmv.display()),
            ("Excess Consideration per share".into(), excess.display()),
        ],
        inputs_exact: exact_inputs(&[
            ("base (fully diluted)", &base),
            ("Current Market Value", &cmv),
            ("Excess Consideration per share", &excess),
        ]),
        fraction,
        computation,
    });
    Ok(())
}

fn round4(x: &Exact, terms: &AntiDilutionTerms) -> Result<Exact, Rejection> {
    // "to the nearest four decimal points": half up, the reading of
    // "nearest" in units::rounding.
    let r = if terms.decimal_places == 4 {
        units::rounding::nearest_four_decimal_places(x, Rounding::HalfUp)
    } else {
        x.round_dp(terms.decimal_places, Rounding::HalfUp)
    };
    r.map(Exact::from_decimal).map_err(arith("8.10.5"))
}

/// The ratio after, the exact multiplier (ratio after ÷ before) and the
/// fraction as used, under the rounding reading.
fn rounded(
    ratio_before: &Exact,
    fraction: &Exact,
    terms: &AntiDilutionTerms,
) -> Result<(Exact, Exact, Exact, String), Rejection> {
    let dp = terms.decimal_places;
    let (f_used, ratio_after, how) = match terms.rounding_applies_to {
        RoundingTarget::Ratio => (
            fraction.clone(),
            round4(&ratio_before.mul(fraction), terms)?,
            format!("Conversion Ratio to the nearest {dp} decimal places, half up"),
        ),
        RoundingTarget::Fraction => {
            let f = round4(fraction, terms)?;
            let r = ratio_before.mul(&f);
            (
                f,
                r,
                format!("fraction to the nearest {dp} decimal places, half up"),
            )
        }
        RoundingTarget::Both => {
            let f = round4(fraction, terms)?;
            let r = round4(&ratio_before.mul(&f), terms)?;
            (
                f,
                r,
                format!(
                    "fraction, then Conversion Ratio, to the nearest {dp} decimal places, half up"
                ),
            )
        }
    };
    let multiplier = div(&ratio_after, ratio_before, "8.10.5")?;
    Ok((ratio_after, multiplier, f_used, how))
}

fn commit(
    chain: &mut AdjustmentChain,
    terms: &AntiDilutionTerms,
    ctx: &AdjustmentContext,
    view: &dyn BookView,
    d: Draft,
) -> Result<Outcome, Rejection> {
    let date = view.date();
    let mut outcome = Outcome::none();
    // Compute the notice fully before touching the chain.
    let mut staged: Option<(AdjustmentNotice, Option<AppliedStep>, Exact)> = None;
    if let Some(c) = &d.candidate {
        let combined = if terms.carry_forward_below_threshold {
            chain.pending.mul(&c.fraction)
        } else {
            c.fraction.clone()
        };
        let ratio_before = ctx.conversion_ratio.clone();
        let (ratio_after, multiplier, f_used, how) = rounded(&ratio_before, &combined, terms)?;
        let change = multiplier.sub(&Exact::one());
        let threshold = terms.threshold.exact();
        let below = change.abs() < threshold;
        let price_after = div(&ctx.liquidation_preference, &ratio_after, "8.1")?;
        let mut computation = Computed::of_exact(
            "Conversion Ratio after adjustment",
            if below { &ratio_before } else { &ratio_after },
            "Conversion Ratio in effect immediately prior × fraction",
        )
        .input_exact("Conversion Ratio immediately prior", &ratio_before)
        .input_exact("fraction", &c.fraction);
        if terms.carry_forward_below_threshold && chain.pending != Exact::one() {
            computation = computation
                .input_exact(
                    "carried forward from earlier sub-threshold adjustments",
                    &chain.pending,
                )
                .input_exact("combined fraction", &combined);
        }
        computation = computation
            .input_exact("fraction as used", &f_used)
            .input_exact("computed ratio", &ratio_after)
            .input_exact("change", &change)
            .input_exact("threshold (at least)", &threshold)
            .input(
                "result",
                if below {
                    if terms.carry_forward_below_threshold {
                        "below the threshold: not made; carried forward"
                    } else {
                        "below the threshold: not required and not made"
                    }
                } else {
                    "adjustment made"
                },
            )
            .rounded(how)
            .cite(cod(c.clause))
            .cite(cod("8.10.5"))
            .step(c.computation.clone());
        let notice = AdjustmentNotice {
            instrument: ctx.instrument.clone(),
            date,
            effective: c.applies_from,
            clause: format!("CoD §{}", c.clause),
            kind: c.kind.clone(),
            ratio_before: ratio_before.clone(),
            ratio_after: if below {
                ratio_before.clone()
            } else {
                ratio_after.clone()
            },
            computed_ratio: ratio_after.clone(),
            price_before: ctx.conversion_price.clone(),
            price_after: if below {
                ctx.conversion_price.clone()
            } else {
                price_after
            },
            liquidation_preference: ctx.liquidation_preference.clone(),
            fraction: c.fraction.clone(),
            fraction_exact: c.fraction.fraction_string(),
            fraction_used: f_used,
            change,
            inputs: c.inputs.clone(),
            inputs_exact: c.inputs_exact.clone(),
            below_threshold: below,
            carried_forward: below && terms.carry_forward_below_threshold,
            computation,
        };
        let step = (!below).then(|| AppliedStep {
            applies_from: c.applies_from,
            multiplier: multiplier.clone(),
        });
        let pending = if below && terms.carry_forward_below_threshold {
            combined
        } else {
            Exact::one()
        };
        staged = Some((notice, step, pending));
    }
    // Nothing below can fail: mutate.
    if let Some(add) = d.acquisition_add {
        chain.acquisition_consideration = chain.acquisition_consideration.add(&add);
    }
    if let Some(r) = d.rights_add {
        chain.rights.push(r);
    }
    if let Some(s) = d.rights_expire {
        for r in chain.rights.iter_mut().filter(|r| r.security == s) {
            r.expired = true;
        }
    }
    if let Some((s, price, max)) = d.rights_amend {
        for r in chain.rights.iter_mut().filter(|r| r.security == s) {
            if let Some(p) = price {
                r.exercise_price = p;
            }
            if let Some(m) = max {
                r.max_shares = m;
            }
        }
    }
    if let Some((unit, c)) = d.reference {
        chain.reference_property = Some(unit);
        outcome = outcome.computed(c);
    }
    for n in d.notes {
        outcome = outcome.computed(n);
    }
    if let Some((notice, step, pending)) = staged {
        if let Some(s) = step {
            chain.factor = chain.factor.mul(&s.multiplier);
            chain.steps.push(s);
        }
        chain.pending = pending;
        outcome = outcome.computed(notice.computation.clone());
        if notice.below_threshold {
            outcome = outcome.warn(
                "W0250",
                cod("8.10.5"),
                format!(
                    "{}: change of {} in the Conversion Ratio is below the threshold; no adjustment made",
                    notice.kind,
                    notice.change.display()
                ),
            );
        }
        chain.notices.push(notice);
    }
    Ok(outcome)
}
