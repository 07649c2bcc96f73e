//! The term file of an equity incentive plan: every number the plan document
//! fixes (the pool, the per-person limits, the ISO cut-off, the
//! post-termination exercise windows) as data, each field citing its clause.
//!
//! Nothing here is specific to one company: CTC's 1998 Incentive Plan is one
//! term file (`examples/ctc/terms/incentive-plan-1998.toml`); the option
//! plans named in the Cisco warrant's §4 are others, with the limits their
//! (unseen) documents would fix left empty and their opening balances marked
//! as assumptions.

use calendar::Date;
use serde::{Deserialize, Serialize};
use terms::FieldError;
use units::{Money, Price, Rate, Rounding, Shares};

/// How an adjusted figure is rounded (§7.b(1) says only "appropriate
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

/// Which calendar year a share of an "other Award" counts in under §4.c
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

/// §7.b(1) "appropriate adjustments" to outstanding Awards: how the adjusted
/// number of shares and exercise price are rounded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AdjustmentTerms {
    /// Rounding of the adjusted number of shares under each outstanding
    /// Award; `floor` because "No fractional shares of Stock will be
    /// delivered under the Plan" (§4.b).
    pub shares_rounding: RoundingMode,
    /// Decimal places of an adjusted exercise price (2 = cents).
    pub price_places: u32,
    /// Rounding of an adjusted exercise price; `ceiling` so that the
    /// aggregate exercise price never falls (keeps ISOs qualified, §7.b(2)
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
/// journal events (e.g. the Cisco warrant's §4(ii) reserve and outstanding
/// options). Always an assumption about what lies behind the figures.
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
    /// The security delivered: "Stock": Common Stock of the Company
    /// (Exhibit A).
    pub stock: String,
    /// "par value $ .01 per share" (Exhibit A "Stock"); the floor of an
    /// exercise price (§6.b(3)(b)) and of consideration for Restricted and
    /// Unrestricted Stock (§6.c).
    pub par_value: Price,
    /// "A maximum of 1,500,000 shares of Stock may be delivered in
    /// satisfaction of Awards under the Plan" (§4.a as adopted; raised by
    /// `amend-plan` events in the journal).
    pub pool: Shares,
    /// The plan's effective date, if the document gives one; the pool counts
    /// from it.
    #[serde(default)]
    pub effective: Option<Date>,
    /// §4.c: maximum shares for which Stock Options may be granted to any
    /// person in any calendar year (none: no limit).
    #[serde(default)]
    pub per_person_option_limit: Option<Shares>,
    /// §4.c: maximum shares subject to SARs granted to any person in any
    /// calendar year.
    #[serde(default)]
    pub per_person_sar_limit: Option<Shares>,
    /// §4.c: aggregate maximum shares subject to other Awards that may be
    /// delivered to any person in any calendar year.
    #[serde(default)]
    pub per_person_other_limit: Option<Shares>,
    /// §4.c: in which year an other Award's shares count.
    #[serde(default = "default_other_count")]
    pub other_awards_limit_counts: OtherAwardsCount,
    /// §4.d: "No more than $1,000,000 may be paid to any individual with
    /// respect to any Cash Performance Award", one limit for periods of one
    /// year or less and a separate one for multi-year periods ending in the
    /// same fiscal year.
    #[serde(default)]
    pub cash_performance_limit: Option<Money>,
    /// §4.d last sentence: the maximum Award opportunity of any other
    /// Performance Award, in shares ("or their equivalent value in cash").
    #[serde(default)]
    pub performance_award_share_limit: Option<Shares>,
    // §4.d "fiscal year of the Company": not a term of the Plan but a fact
    // about the Company, declared once in the journal (`option
    // fiscal-year-end`) and read through `BookView::fiscal_year_end`; a
    // `fiscal_year_end_month`/`_day` field here is refused by name (T0002).
    /// §6.b(5): "No ISO may be granted under the Plan after November 16,
    /// 2008".
    #[serde(default)]
    pub iso_last_grant_date: Option<Date>,
    /// §6.b(2): an ISO to an Employee described in Code §422(b)(6) (owning
    /// more than 10% of the total combined voting power) ...
    pub iso_ten_percent_owner_threshold: Rate,
    /// ... "must have an exercise price that is not less than 110% of such
    /// fair market value" (§6.b(2)).
    pub iso_ten_percent_owner_price_factor: Rate,
    /// Exhibit A "ISO": an option intended to be an incentive stock option
    /// within Code §422, whose §422(b)(3) caps the term at 10 years (none:
    /// not checked).
    #[serde(default)]
    pub iso_max_term_years: Option<i16>,
    /// Code §422(c)(5): 5 years for a more-than-10% owner.
    #[serde(default)]
    pub iso_ten_percent_owner_max_term_years: Option<i16>,
    /// Code §422(d) (Exhibit A "ISO"): ISOs first exercisable by one person
    /// in a calendar year above this fair market value (at grant) are not
    /// ISOs for the excess; a warning, not a bar (none: not checked).
    #[serde(default)]
    pub iso_annual_exercisable_limit: Option<Money>,
    /// §6.b(3)(a)(i): tendered shares "outstanding for at least six months
    /// (unless the Administrator approves a shorter period)".
    pub tender_holding_months: i32,
    /// §6.a(5)(A): exercisable after death for "a one year period ending with
    /// the first anniversary of the Participant's death".
    pub death_exercise_years: i16,
    /// §6.a(5)(B): "a period of three months" after any other cessation.
    pub other_exercise_months: i32,
    /// §6.a(9): Performance Criteria preestablished "no later than 90 days
    /// after the commencement of the period of service".
    pub performance_criteria_days: i32,
    /// §6.b(3)(a): the forms of payment every Award allows without the
    /// Administrator's further permission ("all payments will be by cash or
    /// check").
    pub default_payment_forms: Vec<String>,
    /// §9: an amendment that increases the pool or a per-person limit needs
    /// the stockholders' approval (Code §422(b)(1), §162(m)).
    #[serde(default = "default_true")]
    pub limit_increase_requires_stockholders: bool,
    /// §7.b(1): rounding of adjusted awards.
    #[serde(default)]
    pub adjustment: AdjustmentTerms,
    /// Opening balances carried in from another document.
    #[serde(default)]
    pub opening: Option<Opening>,
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

    /// Checks what serde cannot: whole share counts, and every count, price
    /// and period the Plan fixes on the right side of zero.
    pub fn check(&self) -> Result<(), FieldError> {
        use terms::toml_load::not_negative;
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
                not_negative(field, l, "a limit in shares (§4.c–§4.d)")?;
            }
        }
        if let Some(l) = self.cash_performance_limit {
            not_negative("cash_performance_limit", l, "a limit in dollars (§4.d)")?;
        }
        not_negative(
            "iso_ten_percent_owner_threshold",
            self.iso_ten_percent_owner_threshold,
            "a fraction of the voting power (§6.b(2))",
        )?;
        not_negative(
            "iso_ten_percent_owner_price_factor",
            self.iso_ten_percent_owner_price_factor,
            "a factor of fair market value (§6.b(2))",
        )?;
        if let Some(y) = self.iso_max_term_years {
            not_negative("iso_max_term_years", y, "a number of years")?;
        }
        if let Some(y) = self.iso_ten_percent_owner_max_term_years {
            not_negative(
                "iso_ten_percent_owner_max_term_years",
                y,
                "a number of years",
            )?;
        }
        if let Some(l) = self.iso_annual_exercisable_limit {
            not_negative(
                "iso_annual_exercisable_limit",
                l,
                "a limit in dollars (Code §422(d))",
            )?;
        }
        not_negative(
            "tender_holding_months",
            self.tender_holding_months,
            "a number of months (§6.b(3)(a)(i))",
        )?;
        not_negative(
            "death_exercise_years",
            self.death_exercise_years,
            "a number of years (§6.a(5)(A))",
        )?;
        not_negative(
            "other_exercise_months",
            self.other_exercise_months,
            "a number of months (§6.a(5)(B))",
        )?;
        not_negative(
            "performance_criteria_days",
            self.performance_criteria_days,
            "a number of days (§6.a(9))",
        )?;
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

    #[test]
    fn a_fiscal_year_field_is_refused_by_name() {
        // The Plan assumed March 31 here while the RRA assumed December 31:
        // the fiscal year is now one fact of the book's journal.
        let text = format!("{MINIMAL}fiscal_year_end_month = 3\n");
        let e = PlanTerms::load(journal::FileId(0), &text).unwrap_err();
        assert_eq!(e.code, "T0002");
        // MINIMAL has 12 lines: the field is on line 13.
        assert_eq!(e.span.map(|s| (s.line, s.col)), Some((13, 1)));
        assert!(PlanTerms::load(journal::FileId(0), MINIMAL).is_ok());
    }

    #[test]
    fn negative_periods_and_pools_are_refused_at_their_field() {
        // §6.a(5)(B) "a period of three months": -3 is no period. Line 10.
        let text = MINIMAL.replace("other_exercise_months = 3", "other_exercise_months = -3");
        let e = PlanTerms::load(journal::FileId(0), &text).unwrap_err();
        assert_eq!(e.code, "T0401");
        assert_eq!(e.span.map(|s| s.line), Some(10));
        assert!(
            e.message.contains("`other_exercise_months`"),
            "{}",
            e.message
        );
        // A negative pool (§4.a) at line 5.
        let text = MINIMAL.replace("pool = 10", "pool = -10");
        let e = PlanTerms::load(journal::FileId(0), &text).unwrap_err();
        assert_eq!(e.span.map(|s| s.line), Some(5));
    }
}
