//! The term file of an equity incentive plan: every number the plan document
//! fixes (the pool, the per-person limits, the ISO cut-off, the
//! post-termination exercise windows) as data, each field citing its clause.
//!
//! Nothing here is specific to one company: the example book's incentive
//! plan is one term file; plans known only from another document's figures
//! are others, with the limits their (unseen) documents would fix left
//! empty and their opening balances marked as assumptions. What only some
//! plans state (performance criteria, the holding period of tendered
//! shares, the ISO owner rule) is optional here and required, by name,
//! when an event uses it.

use calendar::Date;
use serde::{Deserialize, Serialize};
use terms::{Citations, FieldError, Sections};
use units::{Clause, Money, Price, Rate, Rounding, Shares};

/// Every clause key the plan cites; a `[sections]` key not listed here is
/// refused (T0401), so a misspelt key is never ignored.
pub const SECTION_KEYS: &[&str] = &[
    "administration",
    "pool",
    "pool.unexercised",
    "pool.cash-settled",
    "pool.forfeited",
    "pool.held-back",
    "pool.no-fractional-shares",
    "limits.per-person",
    "limits.performance",
    "limits.performance.short-periods",
    "limits.performance.multi-year",
    "eligibility",
    "awards.terms",
    "awards.alternative-settlement",
    "awards.transferability",
    "awards.vesting",
    "awards.termination.death",
    "awards.termination.other",
    "awards.termination.cause",
    "awards.taxes",
    "awards.dividend-equivalents",
    "awards.performance-qualified",
    "awards.not-requiring-exercise",
    "exercise",
    "exercise.manner",
    "exercise.price",
    "exercise.term",
    "exercise.payment",
    "exercise.payment.tendered-shares",
    "exercise.payment.other-forms",
    "exercise.payment.par-value",
    "exercise.reload",
    "iso.last-grant",
    "covered-transaction",
    "adjustment.capital-change",
    "adjustment.other",
    "amendment",
    "definitions.award",
    "definitions.sar",
    "definitions.iso",
];

/// The keys every plan cites: the pool, eligibility, the terms, vesting,
/// exercise and payment of Awards, transactions, adjustments, amendment.
const ALWAYS: &[&str] = &[
    "administration",
    "pool",
    "pool.unexercised",
    "pool.forfeited",
    "pool.no-fractional-shares",
    "eligibility",
    "awards.terms",
    "awards.vesting",
    "awards.termination.death",
    "awards.termination.other",
    "exercise",
    "exercise.manner",
    "exercise.price",
    "exercise.payment",
    "covered-transaction",
    "adjustment.capital-change",
    "adjustment.other",
    "amendment",
];

/// How an adjusted figure is rounded (`adjustment.capital-change` says only "appropriate
/// adjustments"; the term file chooses, see docs/interpretations.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RoundingMode {
    Floor,
    Ceiling,
    HalfUp,
    HalfEven,
    TowardZero,
}

impl RoundingMode {
    pub fn to_rounding(self) -> Rounding {
        match self {
            RoundingMode::Floor => Rounding::Floor,
            RoundingMode::Ceiling => Rounding::Ceiling,
            RoundingMode::HalfUp => Rounding::HalfUp,
            RoundingMode::HalfEven => Rounding::HalfEven,
            RoundingMode::TowardZero => Rounding::TowardZero,
        }
    }
}

/// Which calendar year a share of an "other Award" counts in under `limits.per-person`
/// ("the aggregate maximum number of shares of Stock subject to other Awards
/// that may be delivered to any person in any calendar year").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum OtherAwardsCount {
    /// The shares subject to the Award count in the year it is granted (the
    /// reading chosen: the limit is known when the Award is made).
    Grant,
    /// The shares count in the year they are delivered.
    Delivery,
}

/// `adjustment.capital-change` "appropriate adjustments" to outstanding Awards: how the adjusted
/// number of shares and exercise price are rounded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AdjustmentTerms {
    /// Rounding of the adjusted number of shares under each outstanding
    /// Award; `floor` because "No fractional shares of Stock will be
    /// delivered under the Plan" (`pool.no-fractional-shares`).
    pub shares_rounding: RoundingMode,
    /// Decimal places of an adjusted exercise price (2 = cents).
    pub price_places: u32,
    /// Rounding of an adjusted exercise price; `ceiling` so that the
    /// aggregate exercise price never falls (keeps ISOs qualified, `adjustment.other`
    /// last clause).
    pub price_rounding: RoundingMode,
}

impl Default for AdjustmentTerms {
    fn default() -> Self {
        AdjustmentTerms {
            shares_rounding: RoundingMode::Floor,
            price_places: 2,
            price_rounding: RoundingMode::Ceiling,
        }
    }
}

/// A plan's position carried in from a document rather than built from
/// journal events (e.g. a reserve and outstanding options stated in another
/// document). Always an assumption about what lies behind the figures.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Opening {
    /// The date the figures speak as of.
    pub as_of: Date,
    /// Shares reserved for issuance under the plan on `as_of`: read as the
    /// shares still deliverable (outstanding options plus shares available
    /// for future grants).
    pub reserved: Shares,
    /// Options outstanding on `as_of`.
    pub outstanding_options: Shares,
    /// Their weighted average exercise price.
    pub average_exercise_price: Price,
    /// The kind of the aggregate opening award: `iso` or `nso`.
    pub award_type: String,
    /// The holder id under which the aggregate is booked (the individual
    /// optionees are not in the documents).
    pub holder: String,
    /// Where the figures come from.
    pub source: String,
    /// What is assumed to turn the figures into an opening balance.
    pub assumption: String,
}

/// The terms of one equity incentive plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanTerms {
    /// The plan's name as the document gives it.
    pub name: String,
    /// Short name for citations (`Plan`).
    pub document: String,
    /// Clause key → the plan's section number (`"pool" = "4.a"`): every
    /// citation the plan prints comes from here.
    #[serde(default, skip_serializing)]
    pub sections: Sections,
    /// The security delivered: "Stock": Common Stock of the Company
    /// (Exhibit A).
    pub stock: String,
    /// "par value $ .01 per share" (Exhibit A "Stock"); the floor of an
    /// exercise price (`exercise.payment.par-value`) and of consideration for Restricted and
    /// Unrestricted Stock (`awards.not-requiring-exercise`).
    pub par_value: Price,
    /// "A maximum of 1,500,000 shares of Stock may be delivered in
    /// satisfaction of Awards under the Plan" (`pool` as adopted; raised by
    /// `amend-plan` events in the journal).
    pub pool: Shares,
    /// The plan's effective date, if the document gives one; the pool counts
    /// from it.
    #[serde(default)]
    pub effective: Option<Date>,
    /// `limits.per-person`: maximum shares for which Stock Options may be granted to any
    /// person in any calendar year (none: no limit).
    #[serde(default)]
    pub per_person_option_limit: Option<Shares>,
    /// `limits.per-person`: maximum shares subject to SARs granted to any person in any
    /// calendar year.
    #[serde(default)]
    pub per_person_sar_limit: Option<Shares>,
    /// `limits.per-person`: aggregate maximum shares subject to other Awards that may be
    /// delivered to any person in any calendar year.
    #[serde(default)]
    pub per_person_other_limit: Option<Shares>,
    /// `limits.per-person`: in which year an other Award's shares count.
    #[serde(default = "default_other_count")]
    pub other_awards_limit_counts: OtherAwardsCount,
    /// `limits.performance`: the most that may be paid to any individual with
    /// respect to any Cash Performance Award, one limit for periods of one
    /// year or less and a separate one for multi-year periods ending in the
    /// same fiscal year.
    #[serde(default)]
    pub cash_performance_limit: Option<Money>,
    /// `limits.performance` last sentence: the maximum Award opportunity of any other
    /// Performance Award, in shares ("or their equivalent value in cash").
    #[serde(default)]
    pub performance_award_share_limit: Option<Shares>,
    // `limits.performance` "fiscal year of the Company": not a term of the Plan but a fact
    // about the Company, declared once in the journal (`option
    // fiscal-year-end`) and read through `BookView::fiscal_year_end`; a
    // `fiscal_year_end_month`/`_day` field here is refused by name (T0002).
    /// `iso.last-grant`: "No ISO may be granted under the Plan after November 16,
    /// 2008".
    #[serde(default)]
    pub iso_last_grant_date: Option<Date>,
    /// `exercise.price`: an ISO to an Employee described in Code section 422(b)(6) (owning
    /// more than 10% of the total combined voting power) ...
    /// Required when an ISO is granted.
    #[serde(default)]
    pub iso_ten_percent_owner_threshold: Option<Rate>,
    /// ... "must have an exercise price that is not less than 110% of such
    /// fair market value" (`exercise.price`).
    /// Required when an ISO is granted.
    #[serde(default)]
    pub iso_ten_percent_owner_price_factor: Option<Rate>,
    /// Exhibit A "ISO": an option intended to be an incentive stock option
    /// within Code section 422, whose section 422(b)(3) caps the term at 10 years (none:
    /// not checked).
    #[serde(default)]
    pub iso_max_term_years: Option<i16>,
    /// Code section 422(c)(5): 5 years for a more-than-10% owner.
    #[serde(default)]
    pub iso_ten_percent_owner_max_term_years: Option<i16>,
    /// Code section 422(d) (Exhibit A "ISO"): ISOs first exercisable by one person
    /// in a calendar year above this fair market value (at grant) are not
    /// ISOs for the excess; a warning, not a bar (none: not checked).
    #[serde(default)]
    pub iso_annual_exercisable_limit: Option<Money>,
    /// `exercise.payment.tendered-shares`: tendered shares "outstanding for at least six months
    /// (unless the Administrator approves a shorter period)".
    /// Required when a payment tenders previously owned shares.
    #[serde(default)]
    pub tender_holding_months: Option<i32>,
    /// `awards.termination.death`: exercisable after death for "a one year period ending with
    /// the first anniversary of the Participant's death".
    pub death_exercise_years: i16,
    /// `awards.termination.other`: "a period of three months" after any other cessation.
    pub other_exercise_months: i32,
    /// `awards.performance-qualified`: Performance Criteria preestablished "no later than 90 days
    /// after the commencement of the period of service".
    /// Required when an Award is to qualify as performance-based
    /// compensation (its criteria must be set within the period).
    #[serde(default)]
    pub performance_criteria_days: Option<i32>,
    /// `exercise.payment`: the forms of payment every Award allows without the
    /// Administrator's further permission ("all payments will be by cash or
    /// check").
    pub default_payment_forms: Vec<String>,
    /// `amendment`: an amendment that increases the pool or a per-person limit needs
    /// the stockholders' approval (Code section 422(b)(1), section 162(m)).
    #[serde(default = "default_true")]
    pub limit_increase_requires_stockholders: bool,
    /// `adjustment.capital-change`: rounding of adjusted awards.
    #[serde(default)]
    pub adjustment: AdjustmentTerms,
    /// The longest term of a Stock Option, in years from its grant (none:
    /// the plan sets no maximum). A grant whose `expiry:` is later is
    /// refused.
    #[serde(default)]
    pub option_max_term_years: Option<i16>,
    /// The plan's rule for an option's exercise price (none: the plan
    /// leaves it to the Administrator, only par value and the ISO rules
    /// bind). See [`ExercisePriceRule`].
    #[serde(default)]
    pub option_exercise_price: Option<ExercisePriceRule>,
    /// Opening balances carried in from another document.
    #[serde(default)]
    pub opening: Option<Opening>,
}

/// A plan's floor on the exercise price of its Stock Options.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ExercisePriceRule {
    /// Not less than the fair market value of the Stock on the date of
    /// grant (the grant's `fmv:` or the day's price).
    AtLeastFairMarketValue,
}

fn default_other_count() -> OtherAwardsCount {
    OtherAwardsCount::Grant
}
fn default_true() -> bool {
    true
}

impl PlanTerms {
    /// Loads a term file (TOML), with a diagnostic at the bad field (T0001
    /// for what serde refuses, T0401 for what [`PlanTerms::check`] refuses).
    pub fn load(file: journal::FileId, text: &str) -> Result<PlanTerms, journal::Diagnostic> {
        let t: PlanTerms = terms::load_terms(file, text)?;
        t.check().map_err(|e| e.diagnostic("T0401", file, text))?;
        Ok(t)
    }

    /// The clause keys this plan's terms make it cite: each must be mapped
    /// in `[sections]`.
    pub fn required_keys(&self) -> Vec<&'static str> {
        let mut keys: Vec<&'static str> = ALWAYS.to_vec();
        if self.per_person_option_limit.is_some()
            || self.per_person_sar_limit.is_some()
            || self.per_person_other_limit.is_some()
        {
            keys.push("limits.per-person");
        }
        if self.cash_performance_limit.is_some() || self.performance_award_share_limit.is_some() {
            keys.push("limits.performance");
        }
        if self.iso_last_grant_date.is_some() {
            keys.push("iso.last-grant");
        }
        if self.iso_max_term_years.is_some()
            || self.iso_ten_percent_owner_max_term_years.is_some()
            || self.iso_annual_exercisable_limit.is_some()
        {
            keys.push("definitions.iso");
        }
        if self.tender_holding_months.is_some() {
            keys.push("exercise.payment.tendered-shares");
        }
        if self.performance_criteria_days.is_some() {
            keys.push("awards.performance-qualified");
        }
        if self.option_max_term_years.is_some() {
            keys.push("exercise.term");
        }
        keys
    }

    /// The plan's citations: its document name and `[sections]`.
    pub fn citations(&self) -> Citations {
        Citations::new(self.document.clone(), self.sections.clone())
    }

    /// The citation of clause `key` of this plan (the key in brackets when
    /// the term file does not map it).
    pub fn clause(&self, key: &str) -> Clause {
        match self.sections.0.get(key) {
            Some(section) => Clause::new(self.document.clone(), section.clone()),
            None => Clause::new(self.document.clone(), format!("[{key}]")),
        }
    }

    /// The citation of clause `key` without the document's name.
    pub fn mark(&self, key: &str) -> String {
        let c = self.clause(key);
        let full = c.to_string();
        match full.strip_prefix(c.document.as_str()) {
            Some(rest) => rest.trim_start().to_string(),
            None => full,
        }
    }

    /// Checks what serde cannot: every section key known and every key the
    /// terms cite mapped; whole share counts, and every count, price and
    /// period the Plan fixes on the right side of zero.
    pub fn check(&self) -> Result<(), FieldError> {
        use terms::toml_load::not_negative;
        let citations = self.citations();
        citations.check(SECTION_KEYS)?;
        citations.require(&self.required_keys())?;
        if !self.pool.is_whole() || self.pool.is_negative() {
            return Err(FieldError::new(
                "pool",
                format!(
                    "is {}: it must be a whole, non-negative number of shares",
                    self.pool
                ),
            ));
        }
        not_negative("par_value", self.par_value, "a par value")?;
        let share_limits = format!(
            "a limit in shares ({}, {})",
            self.mark("limits.per-person"),
            self.mark("limits.performance")
        );
        for (field, limit) in [
            ("per_person_option_limit", self.per_person_option_limit),
            ("per_person_sar_limit", self.per_person_sar_limit),
            ("per_person_other_limit", self.per_person_other_limit),
            (
                "performance_award_share_limit",
                self.performance_award_share_limit,
            ),
        ] {
            if let Some(l) = limit {
                not_negative(field, l, &share_limits)?;
            }
        }
        if let Some(l) = self.cash_performance_limit {
            not_negative(
                "cash_performance_limit",
                l,
                &format!("a limit in dollars ({})", self.mark("limits.performance")),
            )?;
        }
        if let Some(t) = self.iso_ten_percent_owner_threshold {
            not_negative(
                "iso_ten_percent_owner_threshold",
                t,
                &format!(
                    "a fraction of the voting power ({})",
                    self.mark("exercise.price")
                ),
            )?;
        }
        if let Some(f) = self.iso_ten_percent_owner_price_factor {
            not_negative(
                "iso_ten_percent_owner_price_factor",
                f,
                &format!(
                    "a factor of fair market value ({})",
                    self.mark("exercise.price")
                ),
            )?;
        }
        for (field, years) in [
            ("iso_max_term_years", self.iso_max_term_years),
            (
                "iso_ten_percent_owner_max_term_years",
                self.iso_ten_percent_owner_max_term_years,
            ),
            ("option_max_term_years", self.option_max_term_years),
        ] {
            if let Some(y) = years {
                not_negative(field, y, "a number of years")?;
            }
        }
        if let Some(l) = self.iso_annual_exercisable_limit {
            not_negative(
                "iso_annual_exercisable_limit",
                l,
                "a limit in dollars (Code section 422(d))",
            )?;
        }
        if let Some(m) = self.tender_holding_months {
            not_negative(
                "tender_holding_months",
                m,
                &format!(
                    "a number of months ({})",
                    self.mark("exercise.payment.tendered-shares")
                ),
            )?;
        }
        not_negative(
            "death_exercise_years",
            self.death_exercise_years,
            &format!(
                "a number of years ({})",
                self.mark("awards.termination.death")
            ),
        )?;
        not_negative(
            "other_exercise_months",
            self.other_exercise_months,
            &format!(
                "a number of months ({})",
                self.mark("awards.termination.other")
            ),
        )?;
        if let Some(d) = self.performance_criteria_days {
            not_negative(
                "performance_criteria_days",
                d,
                &format!(
                    "a number of days ({})",
                    self.mark("awards.performance-qualified")
                ),
            )?;
        }
        for f in &self.default_payment_forms {
            if crate::award::PaymentForm::parse(f).is_none() {
                return Err(FieldError::new(
                    "default_payment_forms",
                    format!("names `{f}`, which is not a form of payment (cash, check, shares, note, broker, hold-back)"),
                ));
            }
        }
        if let Some(o) = &self.opening {
            not_negative("opening.reserved", o.reserved, "a number of shares")?;
            not_negative(
                "opening.outstanding_options",
                o.outstanding_options,
                "a number of shares",
            )?;
            not_negative(
                "opening.average_exercise_price",
                o.average_exercise_price,
                "a price",
            )?;
            if o.outstanding_options > o.reserved {
                return Err(FieldError::new(
                    "opening.outstanding_options",
                    "exceeds the shares reserved (`opening.reserved`)",
                ));
            }
            if crate::award::AwardKind::parse(&o.award_type).is_none() {
                return Err(FieldError::new(
                    "opening.award_type",
                    format!("`{}` is not an award type", o.award_type),
                ));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = "name = \"x\"\ndocument = \"Plan\"\nstock = \"common\"\npar_value = \"0.01\"\npool = 10\niso_ten_percent_owner_threshold = \"0.10\"\niso_ten_percent_owner_price_factor = \"1.10\"\ntender_holding_months = 6\ndeath_exercise_years = 1\nother_exercise_months = 3\nperformance_criteria_days = 90\ndefault_payment_forms = [\"cash\"]\n";

    /// MINIMAL's `[sections]`: every key its terms make it cite, at
    /// made-up sections.
    fn sections() -> String {
        let t: PlanTerms = terms::load_terms(journal::FileId(0), MINIMAL).unwrap();
        let mut s = String::from("[sections]\n");
        for (n, key) in t.required_keys().iter().enumerate() {
            s.push_str(&format!("\"{key}\" = \"{n}\"\n"));
        }
        s
    }

    fn minimal() -> String {
        format!("{MINIMAL}{}", sections())
    }

    #[test]
    fn a_fiscal_year_field_is_refused_by_name() {
        // The Plan assumed March 31 here while the RRA assumed December 31:
        // the fiscal year is now one fact of the book's journal.
        let text = format!("{MINIMAL}fiscal_year_end_month = 3\n{}", sections());
        let e = PlanTerms::load(journal::FileId(0), &text).unwrap_err();
        assert_eq!(e.code, "T0002");
        // MINIMAL has 12 lines: the field is on line 13.
        assert_eq!(e.span.map(|s| (s.line, s.col)), Some((13, 1)));
        assert!(PlanTerms::load(journal::FileId(0), &minimal()).is_ok());
    }

    #[test]
    fn negative_periods_and_pools_are_refused_at_their_field() {
        // The post-termination window "a period of three months": -3 is no period. Line 10.
        let text = minimal().replace("other_exercise_months = 3", "other_exercise_months = -3");
        let e = PlanTerms::load(journal::FileId(0), &text).unwrap_err();
        assert_eq!(e.code, "T0401");
        assert_eq!(e.span.map(|s| s.line), Some(10));
        assert!(
            e.message.contains("`other_exercise_months`"),
            "{}",
            e.message
        );
        // A negative pool at line 5.
        let text = minimal().replace("pool = 10", "pool = -10");
        let e = PlanTerms::load(journal::FileId(0), &text).unwrap_err();
        assert_eq!(e.span.map(|s| s.line), Some(5));
    }
}
