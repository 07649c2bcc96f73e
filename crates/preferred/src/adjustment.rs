//! The anti-dilution chain: every adjustment of the Conversion Ratio.
//!
//! Each corporate action the engine broadcasts is examined here, clause by
//! clause. Every formula shares the proportional adjustments (stock
//! dividends, splits, combinations, reclassifications, mergers). The
//! market-price-ratio formula adds the rights clause (rights, options,
//! warrants and convertibles issued below the Conversion Price), the common
//! clause (common issued below it; each clause with its exclusions and its
//! acquisition basket) and the repurchase clause (repurchases above Current
//! Market Value), all subject to a threshold, a carve-out for participation
//! distributions and a rounding. The weighted-average and full-ratchet
//! formulas adjust the Conversion Price on a dilutive issue instead
//! ([`crate::issuance`] lists which purposes are exempted). Every computed
//! adjustment becomes an [`AdjustmentNotice`] with its schedule of
//! computations, kept in the [`AdjustmentChain`]; every citation is a clause
//! key the term file maps to its section.
//!
//! The chain holds the cumulative multiplier applied to the unadjusted
//! ratio, so the Conversion Ratio on any date is that ratio times
//! `chain.factor_as_of(date)` (see [`AdjustmentChain::factor_as_of`]). The
//! readings chosen where a clause is ambiguous are in
//! docs/interpretations.md, and each one whose numbers differ is a field of
//! [`AntiDilutionTerms`].

mod notice;
pub mod price;

pub use notice::{AdjustmentNotice, NoticeLabels};
pub use price::Financing;

use actions::{CorporateAction, Purpose, ReferenceProperty, ReorganizationKind, SubdivisionKind};
use calendar::Date;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use terms::{BookView, InstrumentId, Outcome, Rejection, SecurityId};
use units::{Clause, Computed, Exact, Money, Price, Rate, Rounding, Shares, UnitsError};

/// What the market-price-ratio formula's "calculations ... to the nearest
/// four decimal points" rounds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RoundingTarget {
    /// The Conversion Ratio resulting from each adjustment (the figure the
    /// calculation produces); intermediate figures stay exact. Default.
    #[default]
    Ratio,
    /// Only the adjustment fraction of the rights, common and repurchase
    /// clauses (and the proportion of the proportional clause); the ratio is
    /// then the unadjusted ratio times the product.
    Fraction,
    /// The fraction first, then the resulting ratio.
    Both,
}

/// Which consideration "paid by the holders thereof" (the rights and
/// common clauses) means.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ConsiderationBasis {
    /// What the purchasers paid: gross cash plus board fair value of
    /// non-cash consideration, before the company's underwriting costs.
    #[default]
    Gross,
    /// Cash net of underwriting discounts and expenses (the warrant's
    /// explicit rule in the warrant's terms), plus non-cash fair value.
    Net,
}

/// What happens to an acquisition issuance that crosses the acquisition
/// basket of the rights and common clauses.
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

/// Whose conversion shares are in the fully diluted base of the rights,
/// common and repurchase clauses ("assuming the exercise or conversion of
/// securities exercisable for or convertible into Common Stock").
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FullyDilutedBase {
    /// Every convertible and exercisable security, the adjusting series
    /// included (it is itself "convertible into Common Stock"). Default.
    #[default]
    IncludingThisSeries,
    /// Every convertible and exercisable security except the adjusting
    /// series.
    ExcludingThisSeries,
}

/// `[anti_dilution]` with `formula = "market-price-ratio"`. The document's
/// numbers (threshold, decimal places, acquisition basket, Current Market
/// Value days) must be stated: nothing about one company's certificate is a
/// default. The readings of silent or ambiguous words default to the ones
/// chosen in docs/interpretations.md.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct AntiDilutionTerms {
    /// No adjustment is required unless it would change the Conversion
    /// Ratio by at least this fraction (e.g. `"0.01"`).
    pub threshold: Rate,
    /// The threshold clause is silent on adjustments below it. `false`
    /// (default): they are not made and not remembered (strict reading of a
    /// preferred stock's terms). `true`: they are carried forward and
    /// combined with the next adjustment, as most indentures provide.
    #[serde(default)]
    pub carry_forward_below_threshold: bool,
    /// Calculations "to the nearest" this many decimal places.
    pub decimal_places: u32,
    /// Which figure the rounding applies to.
    #[serde(default)]
    pub rounding_applies_to: RoundingTarget,
    /// The aggregate consideration for below-price acquisitions after the
    /// Closing Date that is excluded (the acquisition basket).
    pub acquisition_basket: Money,
    /// The part of an acquisition beyond the basket.
    #[serde(default)]
    pub basket_overflow: BasketOverflow,
    /// "The consideration paid by the holders thereof": gross (default) or
    /// net of underwriting.
    #[serde(default)]
    pub consideration_basis: ConsiderationBasis,
    /// "(assuming the exercise or conversion of securities exercisable for
    /// or convertible into Common Stock)": is the adjusting series itself in
    /// the base.
    #[serde(default)]
    pub fully_diluted_base: FullyDilutedBase,
    /// Same words: are rights whose exercise price is at or above the
    /// Conversion Price ("out of the money") in the base. `true` (default):
    /// the clause assumes the exercise of every such security. `false`: the
    /// rights this chain saw issued (`issue-rights`) that are out of the
    /// money on the date of the issuance are taken out of the base.
    #[serde(default = "reading_included")]
    pub base_includes_out_of_the_money: bool,
    /// "Current Market Value": the average of the daily Market Prices for
    /// this many consecutive trading days immediately preceding the date,
    /// used by the repurchase clause.
    pub current_market_value_days: usize,
}

/// `[anti_dilution]`: the formula the term file selects (`formula`,
/// required) with the fields that formula reads.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(tag = "formula", rename_all = "kebab-case")]
pub enum AntiDilution {
    /// The ratio multiplied by the fraction of each proportional, rights,
    /// common and repurchase clause, with its threshold, exclusions and
    /// basket ([`AntiDilutionTerms`]).
    MarketPriceRatio(AntiDilutionTerms),
    /// CP2 = CP1 × (A + B) ÷ (A + C).
    WeightedAverage(PriceFormulaTerms),
    /// CP2 = the effective price per common share of the dilutive issue.
    FullRatchet(PriceFormulaTerms),
    /// No price-based adjustment (proportional adjustments still apply).
    None,
}

/// A part of the weighted-average base A (`[anti_dilution] base`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum BasePart {
    /// Common stock outstanding.
    CommonOutstanding,
    /// Common issuable on exercise of outstanding options (equity plans).
    OptionsOutstanding,
    /// Common reserved under equity plans and not yet granted.
    PoolUnallocated,
    /// Common issuable on conversion of every preferred series, this one
    /// included.
    PreferredAsConverted,
    /// Common issuable on conversion of every other preferred series (the
    /// adjusting series excluded).
    OtherPreferredAsConverted,
    /// Common issuable on exercise of warrants and recorded rights.
    Warrants,
}

/// How an adjusted Conversion Price is carried.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(untagged)]
pub enum PriceRounding {
    /// `"exact"`: no rounding.
    Exact(ExactWord),
    /// `{ places = 4, mode = "normal" }`.
    Places { places: u32, mode: RoundingMode },
}

/// The word `"exact"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ExactWord {
    Exact,
}

/// A rounding direction, in OCF's words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RoundingMode {
    /// Toward zero.
    Floor,
    /// To the nearest, a half away from zero.
    Normal,
    /// Away from zero.
    Ceiling,
}

impl RoundingMode {
    pub fn rounding(self) -> Rounding {
        match self {
            RoundingMode::Floor => Rounding::TowardZero,
            RoundingMode::Normal => Rounding::HalfUp,
            RoundingMode::Ceiling => Rounding::AwayFromZero,
        }
    }
}

/// The fields of the price-based formulas (weighted average, full ratchet).
/// Each is optional to serde and required by the formula that reads it
/// ([`AntiDilution::validate`] names the missing one).
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PriceFormulaTerms {
    /// Weighted average: the parts of A, the shares outstanding immediately
    /// before the issue.
    #[serde(default)]
    pub base: Option<Vec<BasePart>>,
    /// Issuance purposes (`actions::Purpose` names) that never adjust.
    #[serde(default)]
    pub exempted: Option<Vec<String>>,
    /// How the adjusted Conversion Price is carried.
    #[serde(default)]
    pub conversion_price_rounding: Option<PriceRounding>,
    /// Issues of one security within this many days of its first closing
    /// are re-adjusted as if all were issued at the first closing.
    #[serde(default)]
    pub multiple_closing_days: Option<i64>,
}

impl PriceFormulaTerms {
    /// Whether an issue for `purpose` is exempted.
    pub fn exempts(&self, purpose: Purpose) -> bool {
        self.exempted
            .as_deref()
            .unwrap_or_default()
            .iter()
            .any(|e| e == purpose.name())
    }
}

impl AntiDilution {
    /// The fields the selected formula needs, each refused by name.
    pub fn validate(&self) -> Result<(), terms::FieldError> {
        use terms::FieldError;
        match self {
            AntiDilution::MarketPriceRatio(t) => terms::toml_load::not_negative(
                "anti_dilution.threshold",
                t.threshold,
                "the adjustment threshold",
            ),
            AntiDilution::WeightedAverage(t) | AntiDilution::FullRatchet(t) => {
                let weighted = matches!(self, AntiDilution::WeightedAverage(_));
                let formula = if weighted {
                    "weighted-average"
                } else {
                    "full-ratchet"
                };
                if weighted && t.base.as_ref().is_none_or(|b| b.is_empty()) {
                    return Err(FieldError::new(
                        "anti_dilution.base",
                        "is required by `formula = \"weighted-average\"`: the parts of A, e.g. [\"common-outstanding\", \"options-outstanding\"]",
                    ));
                }
                let Some(exempted) = &t.exempted else {
                    return Err(FieldError::new(
                        "anti_dilution.exempted",
                        format!("is required by `formula = \"{formula}\"`: the issuance purposes that never adjust (may be [])"),
                    ));
                };
                for e in exempted {
                    if !Purpose::ALL.iter().any(|(n, _)| n == e) {
                        let names: Vec<&str> = Purpose::ALL.iter().map(|(n, _)| *n).collect();
                        return Err(FieldError::new(
                            "anti_dilution.exempted",
                            format!(
                                "names `{e}`, not an issuance purpose (one of {})",
                                names.join(", ")
                            ),
                        ));
                    }
                }
                if t.conversion_price_rounding.is_none() {
                    return Err(FieldError::new(
                        "anti_dilution.conversion_price_rounding",
                        format!("is required by `formula = \"{formula}\"`: \"exact\" or {{ places = 4, mode = \"normal\" }}"),
                    ));
                }
                if let Some(days) = t.multiple_closing_days {
                    terms::toml_load::not_negative(
                        "anti_dilution.multiple_closing_days",
                        days,
                        "a number of days",
                    )?;
                }
                Ok(())
            }
            AntiDilution::None => Ok(()),
        }
    }

    /// The clause keys the selected formula cites.
    pub fn required_keys(&self) -> Vec<&'static str> {
        let mut keys = vec![
            "anti-dilution",
            "anti-dilution.proportional",
            "anti-dilution.stock-dividend",
            "anti-dilution.split",
            "anti-dilution.combination",
            "anti-dilution.reclassification",
            "anti-dilution.merger",
        ];
        match self {
            AntiDilution::MarketPriceRatio(_) => keys.extend([
                "anti-dilution.rights",
                "anti-dilution.common",
                "anti-dilution.repurchase",
                "anti-dilution.threshold",
                "anti-dilution.notice",
                "anti-dilution.participation-distribution",
                "anti-dilution.rights.employee-plan",
                "anti-dilution.rights.acquisition",
                "anti-dilution.rights.joint-venture",
                "anti-dilution.rights.debt-financing",
                "anti-dilution.rights.conversion",
                "anti-dilution.common.employee-plan",
                "anti-dilution.common.acquisition",
                "anti-dilution.common.joint-venture",
                "anti-dilution.common.debt-financing",
                "anti-dilution.common.conversion-of-preferred",
                "anti-dilution.common.exercise-of-closing-security",
                "anti-dilution.common.exercise-of-adjusted-security",
                "current-market-value",
            ]),
            AntiDilution::WeightedAverage(t) | AntiDilution::FullRatchet(t) => {
                keys.push(if matches!(self, AntiDilution::WeightedAverage(_)) {
                    "anti-dilution.weighted-average"
                } else {
                    "anti-dilution.full-ratchet"
                });
                keys.extend(["anti-dilution.deemed-issue", "anti-dilution.exempted"]);
                if t.multiple_closing_days.is_some() {
                    keys.push("anti-dilution.multiple-closings");
                }
            }
            AntiDilution::None => {}
        }
        keys
    }
}

/// The default reading of "assuming the exercise or conversion of
/// securities exercisable for or convertible into Common Stock": every such
/// security, in the money or not.
fn reading_included() -> bool {
    true
}

/// One multiplier applied to the unadjusted ratio, from a date on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AppliedStep {
    /// Conversions on and after this date use the multiplier.
    pub applies_from: Date,
    /// Ratio after ÷ ratio before (exact).
    pub multiplier: Exact,
}

/// Rights, options, warrants or convertibles the chain saw issued, kept for
/// the out-of-the-money base setting and for the `adjustments` report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct KnownRights {
    pub security: SecurityId,
    pub issued: Date,
    pub max_shares: Shares,
    pub exercise_price: Price,
    pub expiry: Option<Date>,
    pub expired: bool,
    /// Whether the issuance caused an adjustment or required none
    /// (the exclusions of securities whose issuance was adjusted for or
    /// needed no adjustment): always true once recorded, since every
    /// issuance the chain sees is either adjusted for or not required to be.
    pub settled: bool,
}

/// The recorded chain of anti-dilution adjustments.
#[derive(Clone, Debug, Serialize)]
pub struct AdjustmentChain {
    factor: Exact,
    steps: Vec<AppliedStep>,
    /// Sub-threshold adjustments carried forward (1 when none), only with
    /// `carry_forward_below_threshold`.
    pending: Exact,
    /// Aggregate consideration of below-price acquisitions after the Closing
    /// Date, whether or not within the basket.
    acquisition_consideration: Exact,
    rights: Vec<KnownRights>,
    /// What one "share of Common Stock" in the Conversion Ratio now is, after
    /// a reorganization into other property (the reclassification and
    /// merger clauses); `None`
    /// while it is still a share of the Corporation's Common Stock.
    reference_property: Option<Vec<ReferenceProperty>>,
    notices: Vec<AdjustmentNotice>,
    /// The formula's label in reports ("\u{a7}" and its section), from the
    /// term file.
    #[serde(skip)]
    label: String,
    /// The threshold as a percentage ("1%"), for reports; empty when the
    /// formula has none.
    #[serde(skip)]
    threshold_label: String,
    /// Multiple closings of a financing being re-adjusted as one.
    #[serde(skip)]
    financings: Vec<Financing>,
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
            label: String::new(),
            threshold_label: String::new(),
            financings: Vec::new(),
        }
    }
}

impl AdjustmentChain {
    /// An empty chain whose reports name the formula by `label` (the
    /// section sign and number) and its threshold by `threshold_label`.
    pub fn labelled(label: String, threshold_label: String) -> Self {
        AdjustmentChain {
            label,
            threshold_label,
            ..Default::default()
        }
    }

    /// The cumulative factor applied to the unadjusted ratio (1 when unadjusted),
    /// including adjustments whose effective time is still ahead (a stock
    /// dividend whose record date has not passed). Prefer
    /// [`AdjustmentChain::factor_as_of`].
    pub fn factor(&self) -> Exact {
        self.factor.clone()
    }

    /// The factor for a conversion on `date`: the product of every step
    /// with `applies_from <= date`. The Conversion Ratio on `date` is the
    /// unadjusted ratio times this.
    pub fn factor_as_of(&self, date: Date) -> Exact {
        self.steps
            .iter()
            .filter(|s| s.applies_from <= date)
            .fold(Exact::one(), |acc, s| acc.mul(&s.multiplier))
    }

    /// The Conversion Ratio on `date` from the unadjusted ratio, with its
    /// computation (`unadjusted × factor_as_of(date)`). `labels` names the
    /// figures as the document does: (unadjusted ratio's name, its formula,
    /// the factor's name); `clauses` are cited.
    pub fn apply_to(
        &self,
        unadjusted: &Exact,
        date: Date,
        labels: (&str, &str, &str),
        clauses: &[Clause],
    ) -> (Exact, Computed) {
        let (ratio_name, ratio_formula, factor_name) = labels;
        let f = self.factor_as_of(date);
        let r = unadjusted.mul(&f);
        let mut c = Computed::of_exact(
            "Conversion Ratio",
            &r,
            format!("{ratio_name} ({ratio_formula}) × cumulative {factor_name}"),
        )
        .input_exact(ratio_name, unadjusted)
        .input_exact(factor_name, &f)
        .input(
            "adjustments applied",
            self.steps.iter().filter(|s| s.applies_from <= date).count(),
        );
        for cl in clauses {
            c = c.cite(cl.clone());
        }
        (r, c)
    }

    /// Every notice, in order, including computations that fell below the
    /// threshold (marked `below_threshold`).
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
    /// the acquisition basket.
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
            "{} adjustments: {} computed, {} made",
            self.label,
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
                    format!(" (below {}, not made)", self.threshold_label)
                } else {
                    String::new()
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
    /// The term file's document and sections: every citation of the chain.
    pub citations: terms::Citations,
    /// The series' name in the document's words ("Series A"), for labels.
    pub series_name: String,
    /// The series' designation ("Series A Preferred Stock"), for notices.
    pub designation: String,
}

impl AdjustmentContext {
    /// The citation of clause `key`.
    pub fn cite(&self, key: &str) -> Clause {
        self.citations.cite(key)
    }

    /// The section of clause `key` in running text (the sign and number).
    pub fn sect(&self, key: &str) -> String {
        format!(
            "{}{}",
            crate::terms::SECTION_SIGN,
            self.citations.section(key)
        )
    }
}

/// Rejection codes of this module (R0250–R0299).
pub mod codes {
    /// An anti-dilution computation overflowed or divided by zero.
    pub const ARITHMETIC: &str = "R0250";
    /// The Conversion Ratio or Conversion Price handed in is not positive.
    pub const BAD_CONTEXT: &str = "R0251";
    /// The fully diluted base is zero or negative.
    pub const EMPTY_BASE: &str = "R0252";
    /// No Current Market Value for a repurchase.
    pub const NO_MARKET_VALUE: &str = "R0253";
    /// A repurchase whose Excess Consideration would buy the whole base.
    pub const REPURCHASE_TOO_LARGE: &str = "R0254";
    /// A subdivision or reference property that is not a positive proportion.
    pub const BAD_PROPORTION: &str = "R0255";
    /// Negative consideration or share count on an issuance.
    pub const NEGATIVE_QUANTITY: &str = "R0256";
}

fn arith<'a>(ctx: &'a AdjustmentContext, key: &'a str) -> impl Fn(UnitsError) -> Rejection + 'a {
    move |e| {
        Rejection::new(
            codes::ARITHMETIC,
            ctx.cite(key),
            format!("the {} computation failed: {e}", ctx.sect(key)),
        )
    }
}

fn div(a: &Exact, b: &Exact, ctx: &AdjustmentContext, key: &str) -> Result<Exact, Rejection> {
    a.div(b).map_err(arith(ctx, key))
}

/// A proposed change to the ratio, before the threshold and rounding.
struct Candidate {
    /// The clause key.
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

/// Reacts to a corporate action under the formula the term file selects.
pub fn on_action_for(
    chain: &mut AdjustmentChain,
    formula: &AntiDilution,
    action: &CorporateAction,
    ctx: &AdjustmentContext,
    view: &dyn BookView,
) -> Result<Outcome, Rejection> {
    match formula {
        AntiDilution::MarketPriceRatio(t) => on_action(chain, t, action, ctx, view),
        AntiDilution::WeightedAverage(t) => {
            price::on_action(chain, price::Formula::WeightedAverage, t, action, ctx, view)
        }
        AntiDilution::FullRatchet(t) => {
            price::on_action(chain, price::Formula::FullRatchet, t, action, ctx, view)
        }
        AntiDilution::None => {
            if view.date() < ctx.closing_date {
                return Ok(Outcome::none());
            }
            let exact = PriceFormulaTerms {
                base: None,
                exempted: None,
                conversion_price_rounding: None,
                multiple_closing_days: None,
            };
            price::proportional(chain, &exact, action, ctx, view)
        }
    }
}

/// Reacts to a corporate action under the market-price-ratio formula.
/// Validates and computes everything first; the chain changes only when
/// `Ok` is returned.
pub fn on_action(
    chain: &mut AdjustmentChain,
    terms: &AntiDilutionTerms,
    action: &CorporateAction,
    ctx: &AdjustmentContext,
    view: &dyn BookView,
) -> Result<Outcome, Rejection> {
    let date = view.date();
    if date < ctx.closing_date {
        // The adjustments apply "at any time after the date of issue" of
        // the series.
        return Ok(Outcome::none());
    }
    if ctx.conversion_ratio.is_negative()
        || ctx.conversion_ratio.is_zero()
        || ctx.conversion_price.is_negative()
        || ctx.conversion_price.is_zero()
    {
        return Err(Rejection::new(
            codes::BAD_CONTEXT,
            ctx.cite("conversion.ratio"),
            format!(
                "the Conversion Ratio ({}) and Conversion Price ({}) must be positive to apply {}",
                ctx.conversion_ratio,
                ctx.conversion_price,
                ctx.sect("anti-dilution")
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
            let (key, what) = match kind {
                SubdivisionKind::StockDividend => (
                    "anti-dilution.stock-dividend",
                    "dividend on Common Stock payable in Common Stock",
                ),
                SubdivisionKind::Split => (
                    "anti-dilution.split",
                    "subdivision or split of the outstanding Common Stock",
                ),
                SubdivisionKind::Combination => (
                    "anti-dilution.combination",
                    "combination of the outstanding Common Stock",
                ),
            };
            let f = action
                .subdivision_factor()
                .filter(|f| !f.is_zero() && !f.is_negative())
                .ok_or_else(|| {
                    Rejection::new(
                        codes::BAD_PROPORTION,
                        ctx.cite("anti-dilution.proportional"),
                        format!("`{numerator} for {denominator}` is not a positive proportion"),
                    )
                })?;
            // The proportional clause: the ratio "in effect at the time of the
            // record date for such dividend or distribution or of the
            // effective date of such subdivision, split, combination". A
            // holder converting on the record date is a holder of record that
            // day (the conversion's effective time) and takes the
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
                format!("{} proportion", ctx.sect("anti-dilution.proportional")),
                &f,
                "shares of Common Stock after ÷ shares before (one share becomes n/m shares)",
            )
            .input("new shares (n)", numerator)
            .input("old shares (m)", denominator)
            .input("effective for conversions from", applies_from)
            .cite(ctx.cite(key));
            d.candidate = Some(Candidate {
                clause: "anti-dilution.proportional",
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
            ctx,
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
                    ctx.cite("anti-dilution.common"),
                    "an issuance of Common Stock needs a non-negative number of shares and consideration",
                ));
            }
            if shares.is_zero() {
                return Ok(d);
            }
            let total = consideration_of(terms, consideration);
            let issue = Issuance {
                clause: "anti-dilution.common",
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
                    ctx.cite("anti-dilution.rights"),
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
                clause: "anti-dilution.rights",
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
            // The rights clause, unlike some warrants' terms, has no
            // readjustment on a change in outstanding rights: only the record
            // is updated.
            d.rights_amend = Some((security.clone(), *exercise_price, *max_shares));
            d.notes.push(
                Computed::new(
                    format!("{} adjustment", ctx.sect("anti-dilution")),
                    "none",
                    format!(
                        "{} adjusts on the issuance of rights; it has no readjustment on amendment",
                        ctx.cite("anti-dilution.rights")
                    ),
                )
                .input("security", security)
                .cite(ctx.cite("anti-dilution.rights")),
            );
        }
        CorporateAction::ExpireRights { security, .. } => {
            // Likewise no readjustment on expiry.
            d.rights_expire = Some(security.clone());
            d.notes.push(
                Computed::new(
                    format!("{} adjustment", ctx.sect("anti-dilution")),
                    "none",
                    format!(
                        "{} has no readjustment on the expiry of rights",
                        ctx.cite("anti-dilution.rights")
                    ),
                )
                .input("security", security)
                .cite(ctx.cite("anti-dilution.rights")),
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
    ctx: &AdjustmentContext,
    chain: &AdjustmentChain,
    kind: ReorganizationKind,
    company_survives: bool,
    property: &[ReferenceProperty],
    view: &dyn BookView,
) -> Result<(), Rejection> {
    let date = view.date();
    let (clause, what) = match kind {
        ReorganizationKind::Reclassification => (
            "anti-dilution.reclassification",
            "reclassification of Common Stock",
        ),
        ReorganizationKind::Merger => ("anti-dilution.merger", "merger"),
        ReorganizationKind::Consolidation => ("anti-dilution.merger", "consolidation"),
        ReorganizationKind::AssetSale => {
            // A sale of assets is not among the proportional events; it
            // matters only to the Change of Control.
            d.notes.push(
                Computed::new(
                    format!("{} adjustment", ctx.sect("anti-dilution")),
                    "none",
                    format!(
                        "a sale of assets is not an event listed in {}",
                        ctx.sect("anti-dilution.proportional")
                    ),
                )
                .cite(ctx.cite("anti-dilution.proportional")),
            );
            return Ok(());
        }
    };
    if property.is_empty() {
        d.notes.push(
            Computed::new(
                format!("{} adjustment", ctx.sect("anti-dilution")),
                "none",
                "no reference property recorded: each share of Common Stock remains one share",
            )
            .input("company survives", company_survives)
            .cite(ctx.cite(clause)),
        );
        return Ok(());
    }
    if property.iter().any(|p| p.per_share.is_sign_negative()) {
        return Err(Rejection::new(
            codes::BAD_PROPORTION,
            ctx.cite(clause),
            "reference property per share of Common Stock cannot be negative",
        ));
    }
    let common = view.common();
    let all_common = chain.reference_property.is_none()
        && property.iter().all(|p| p.security == common.as_str());
    if all_common {
        // Common Stock reclassified into Common Stock: a proportion, like a
        // split or combination.
        let f = property.iter().fold(Exact::zero(), |a, p| {
            a.add(&Exact::from_decimal(p.per_share))
        });
        if f.is_zero() {
            return Err(Rejection::new(
                codes::BAD_PROPORTION,
                ctx.cite(clause),
                "a reclassification into zero shares of Common Stock is not a proportion",
            ));
        }
        let computation = Computed::of_exact(
            format!("{} proportion", ctx.sect("anti-dilution.proportional")),
            &f,
            "shares of Common Stock one share becomes in the reclassification",
        )
        .input("company survives", company_survives)
        .cite(ctx.cite(clause));
        d.candidate = Some(Candidate {
            clause: "anti-dilution.proportional",
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
    // Conversion Ratio becomes the reference property (the proportional
    // clause: "Common Stock or other securities ... such holder would have
    // owned").
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
                    .map_err(arith(ctx, clause))?;
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
    .cite(ctx.cite(clause));
    for p in property {
        c = c.input(
            format!("per share: {}", p.description),
            format!("{} {}", p.per_share.normalize(), p.security),
        );
    }
    d.reference = Some((unit, c));
    Ok(())
}

/// An issuance under the rights or the common clause, normalised.
struct Issuance {
    /// The clause key.
    clause: &'static str,
    /// Additional shares of Common Stock issued or issuable.
    shares: Exact,
    /// x + y: everything the holders pay for those shares.
    per_share_total: Exact,
    /// x: paid for the security itself.
    paid_for_security: Exact,
    /// y: payable on exercise or conversion (rights only).
    exercise_total: Exact,
    purpose: Purpose,
    kind: String,
}

/// The exclusion an issuance falls under, if any: (clause key, words).
fn exclusion(
    clause: &'static str,
    purpose: Purpose,
    ctx: &AdjustmentContext,
) -> Option<(&'static str, String)> {
    let rights = clause == "anti-dilution.rights";
    let series = &ctx.series_name;
    let (key, words): (&'static str, String) = match purpose {
        Purpose::Financing | Purpose::Acquisition => return None,
        Purpose::EmployeePlan => (
            if rights { "anti-dilution.rights.employee-plan" } else { "anti-dilution.common.employee-plan" },
            "pursuant to the Corporation's stock option plans or a director or employee compensation plan approved by the Board".into(),
        ),
        Purpose::JointVenture => (
            if rights { "anti-dilution.rights.joint-venture" } else { "anti-dilution.common.joint-venture" },
            "to joint venture partners in exchange for interests in the joint venture".into(),
        ),
        Purpose::DebtFinancing => (
            if rights { "anti-dilution.rights.debt-financing" } else { "anti-dilution.common.debt-financing" },
            "in connection with registered or Rule 144A debt".into(),
        ),
        Purpose::ConversionOfPreferred if rights => (
            "anti-dilution.rights.conversion",
            format!("upon conversion of a security (the {series}) whose issuance did not require adjustment"),
        ),
        Purpose::ConversionOfPreferred => (
            "anti-dilution.common.conversion-of-preferred",
            format!("upon conversion of the {series} Preferred Stock"),
        ),
        Purpose::ExerciseOfClosingSecurity if rights => (
            "anti-dilution.rights.conversion",
            "upon exercise or conversion of a security outstanding at the Closing Date, whose issuance did not require adjustment".into(),
        ),
        Purpose::ExerciseOfClosingSecurity => (
            "anti-dilution.common.exercise-of-closing-security",
            "upon exercise or conversion of a security outstanding as of the Closing Date".into(),
        ),
        Purpose::ExerciseOfAdjustedSecurity if rights => (
            "anti-dilution.rights.conversion",
            "upon exercise or conversion of a security whose issuance caused or did not require an adjustment".into(),
        ),
        Purpose::ExerciseOfAdjustedSecurity => (
            "anti-dilution.common.exercise-of-adjusted-security",
            "upon exercise or conversion of a security whose issuance caused or did not require an adjustment".into(),
        ),
        Purpose::ParticipationDistribution => (
            "anti-dilution.threshold",
            format!(
                "issued as a distribution in accordance with Section {}",
                ctx.citations.section("anti-dilution.participation-distribution")
            ),
        ),
        Purpose::PublicRecord => (
            clause,
            "a reconciliation to a public-record share count, not an issuance or sale".into(),
        ),
    };
    Some((key, words))
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
    // The exclusions and the participation carve-out first: an excluded
    // issuance never adjusts,
    // whatever its price.
    if let Some((sec, words)) = exclusion(clause, issue.purpose, ctx) {
        d.notes.push(
            Computed::new(
                format!("{} adjustment", ctx.sect("anti-dilution")),
                "none (excluded)",
                words,
            )
            .input("issuance", &issue.kind)
            .input("purpose", issue.purpose.name())
            .cite(ctx.cite(sec)),
        );
        return Ok(());
    }
    let cp = &ctx.conversion_price;
    let per_share = div(&issue.per_share_total, &issue.shares, ctx, clause)?;
    let per_share_c = Computed::of_exact(
        "consideration per share of Common Stock",
        &per_share,
        if clause == "anti-dilution.rights" {
            "((x) consideration paid for the securities + (y) consideration payable on exercise or conversion) ÷ shares issuable"
        } else {
            "consideration paid by the holders ÷ shares issued"
        },
    )
    .input_exact("(x) paid for the securities", &issue.paid_for_security)
    .input_exact("(y) payable on exercise or conversion", &issue.exercise_total)
    .input_exact("shares of Common Stock", &issue.shares)
    .input("consideration basis", format!("{:?}", terms.consideration_basis).to_lowercase())
    .cite(ctx.cite(clause));
    if per_share >= *cp {
        d.notes.push(
            Computed::new(
                format!("{} adjustment", ctx.sect("anti-dilution")),
                "none (not below the Conversion Price)",
                "consideration per share ≥ Conversion Price on the date of issuance",
            )
            .input_exact("Conversion Price", cp)
            .step(per_share_c)
            .cite(ctx.cite(clause)),
        );
        return Ok(());
    }
    // Below-price acquisitions share one basket.
    let mut shares = issue.shares.clone();
    let mut consideration = issue.per_share_total.clone();
    let mut basket_step = None;
    if issue.purpose == Purpose::Acquisition {
        let sec = if clause == "anti-dilution.rights" {
            "anti-dilution.rights.acquisition"
        } else {
            "anti-dilution.common.acquisition"
        };
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
        .cite(ctx.cite(sec));
        if !within {
            d.notes.push(
                Computed::new(
                    format!("{} adjustment", ctx.sect("anti-dilution")),
                    "none (excluded)",
                    "acquisition consideration within the basket",
                )
                .step(step)
                .step(per_share_c)
                .cite(ctx.cite(sec)),
            );
            return Ok(());
        }
        if terms.basket_overflow == BasketOverflow::ExcessOnly {
            // Only the part beyond the basket is adjusted for: its shares are
            // the issuance's shares pro rata to consideration.
            let part = div(&excess, &issue.per_share_total, ctx, clause)?;
            shares = issue.shares.mul(&part);
            consideration = excess;
        }
        basket_step = Some(step);
    }
    let (base, base_c) = fully_diluted_base(chain, terms, ctx, view, clause)?;
    let numerator = base.add(&shares);
    let purchasable = div(&consideration, cp, ctx, clause)?;
    let denominator = base.add(&purchasable);
    let fraction = div(&numerator, &denominator, ctx, clause)?;
    let mut computation = Computed::of_exact(
        format!("{} fraction", ctx.sect(clause)),
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
    .cite(ctx.cite(clause))
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
        (FullyDilutedBase::IncludingThisSeries, None) => view.fully_diluted_common(None),
        (FullyDilutedBase::IncludingThisSeries, Some(own)) => view
            .fully_diluted_common(Some(&ctx.instrument))
            .checked_add(own)
            .map_err(arith(ctx, clause))?,
        (FullyDilutedBase::ExcludingThisSeries, _) => {
            view.fully_diluted_common(Some(&ctx.instrument))
        }
    };
    let mut base = fd.exact();
    let mut c = Computed::new(
        "shares of Common Stock outstanding immediately prior (fully diluted)",
        "",
        "outstanding + shares issuable on exercise or conversion of securities exercisable for or convertible into Common Stock",
    )
    .input("fully diluted count from the book", fd)
    .input(
        format!("{} conversion shares", ctx.series_name),
        match terms.fully_diluted_base {
            FullyDilutedBase::IncludingThisSeries => "included",
            FullyDilutedBase::ExcludingThisSeries => "excluded",
        },
    )
    .cite(ctx.cite(clause));
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
            ctx.cite(clause),
            format!(
                "the fully diluted base is {base}; the {} fraction cannot be computed",
                ctx.sect(clause)
            ),
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
                format!("{} adjustment", ctx.sect("anti-dilution")),
                "none (excluded)",
                "repurchase of Common Stock issued under an option or compensation plan",
            )
            .cite(ctx.cite("anti-dilution.repurchase")),
        );
        return Ok(());
    }
    if shares.is_negative() || price.is_negative() {
        return Err(Rejection::new(
            codes::NEGATIVE_QUANTITY,
            ctx.cite("anti-dilution.repurchase"),
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
            ctx.cite("anti-dilution.repurchase"),
            format!("the Current Market Value on {date} is needed for this repurchase: {gap}"),
        )
        .with_help(format!("add Market Prices for the {n} trading days before the repurchase, or a board fair-value determination"))
    })?;
    let cmv_c = crate::state::market_value_step(cmv_c, ctx.cite("current-market-value"));
    let p = price.exact();
    if p <= cmv {
        d.notes.push(
            Computed::new(
                format!("{} adjustment", ctx.sect("anti-dilution")),
                "none (not above Current Market Value)",
                "price per share ≤ Current Market Value",
            )
            .input("price per share", price)
            .step(cmv_c)
            .cite(ctx.cite("anti-dilution.repurchase")),
        );
        return Ok(());
    }
    if cmv.is_zero() {
        return Err(arith(ctx, "anti-dilution.repurchase")(
            UnitsError::DivisionByZero,
        ));
    }
    let excess = p.sub(&cmv);
    let total_excess = excess.mul(&shares.exact());
    let purchasable = div(&total_excess, &cmv, ctx, "anti-dilution.repurchase")?;
    let (base, base_c) = fully_diluted_base(chain, terms, ctx, view, "anti-dilution.repurchase")?;
    let denominator = base.sub(&purchasable);
    if denominator.is_negative() || denominator.is_zero() {
        return Err(Rejection::new(
            codes::REPURCHASE_TOO_LARGE,
            ctx.cite("anti-dilution.repurchase"),
            format!(
                "the Excess Consideration would purchase {} shares at Current Market Value, not less than the base of {}",
                purchasable.display(),
                base.display()
            ),
        ));
    }
    let fraction = div(&base, &denominator, ctx, "anti-dilution.repurchase")?;
    let computation = Computed::of_exact(
        format!("{} fraction", ctx.sect("anti-dilution.repurchase")),
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
    .cite(ctx.cite("anti-dilution.repurchase"))
    .step(cmv_c)
    .step(base_c);
    d.candidate = Some(Candidate {
        clause: "anti-dilution.repurchase",
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

/// A fraction as a percentage for labels: 0.01 → "1%".
pub fn percent_label(x: &Exact) -> String {
    let pct = x.mul(&Exact::from_int(100));
    match pct.to_decimal_exact() {
        Ok(d) => format!("{}%", d.normalize()),
        Err(_) => format!("{}%", pct.display()),
    }
}

fn round4(
    x: &Exact,
    terms: &AntiDilutionTerms,
    ctx: &AdjustmentContext,
) -> Result<Exact, Rejection> {
    // "to the nearest four decimal points": half up, the reading of
    // "nearest" in units::rounding.
    let r = if terms.decimal_places == 4 {
        units::rounding::nearest_four_decimal_places(x, Rounding::HalfUp)
    } else {
        x.round_dp(terms.decimal_places, Rounding::HalfUp)
    };
    r.map(Exact::from_decimal)
        .map_err(arith(ctx, "anti-dilution.threshold"))
}

/// The ratio after, the exact multiplier (ratio after ÷ before) and the
/// fraction as used, under the rounding reading.
fn rounded(
    ratio_before: &Exact,
    fraction: &Exact,
    terms: &AntiDilutionTerms,
    ctx: &AdjustmentContext,
) -> Result<(Exact, Exact, Exact, String), Rejection> {
    let dp = terms.decimal_places;
    let (f_used, ratio_after, how) = match terms.rounding_applies_to {
        RoundingTarget::Ratio => (
            fraction.clone(),
            round4(&ratio_before.mul(fraction), terms, ctx)?,
            format!("Conversion Ratio to the nearest {dp} decimal places, half up"),
        ),
        RoundingTarget::Fraction => {
            let f = round4(fraction, terms, ctx)?;
            let r = ratio_before.mul(&f);
            (
                f,
                r,
                format!("fraction to the nearest {dp} decimal places, half up"),
            )
        }
        RoundingTarget::Both => {
            let f = round4(fraction, terms, ctx)?;
            let r = round4(&ratio_before.mul(&f), terms, ctx)?;
            (
                f,
                r,
                format!(
                    "fraction, then Conversion Ratio, to the nearest {dp} decimal places, half up"
                ),
            )
        }
    };
    let multiplier = div(&ratio_after, ratio_before, ctx, "anti-dilution.threshold")?;
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
        let (ratio_after, multiplier, f_used, how) = rounded(&ratio_before, &combined, terms, ctx)?;
        let change = multiplier.sub(&Exact::one());
        let threshold = terms.threshold.exact();
        let below = change.abs() < threshold;
        let price_after = div(
            &ctx.liquidation_preference,
            &ratio_after,
            ctx,
            "conversion.ratio",
        )?;
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
            .cite(ctx.cite(c.clause))
            .cite(ctx.cite("anti-dilution.threshold"))
            .step(c.computation.clone());
        let notice = AdjustmentNotice {
            instrument: ctx.instrument.clone(),
            date,
            effective: c.applies_from,
            clause: ctx.cite(c.clause).to_string(),
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
            labels: NoticeLabels {
                notice_clause: ctx.cite("anti-dilution.notice").to_string(),
                threshold_clause: ctx.cite("anti-dilution.threshold").to_string(),
                threshold: percent_label(&threshold),
                designation: ctx.designation.clone(),
            },
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
                ctx.cite("anti-dilution.threshold"),
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
