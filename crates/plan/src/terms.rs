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
    /// §4.d: the Company's fiscal year ends on this month and day. The Plan
    /// does not say; the term file must. Like every number of the plan
    /// document below, it has no default: another company's plan must state
    /// its own.
    pub fiscal_year_end_month: i8,
    pub fiscal_year_end_day: i8,
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
    /// Loads a term file (TOML), with a diagnostic at the bad field.
    pub fn load(file: journal::FileId, text: &str) -> Result<PlanTerms, journal::Diagnostic> {
        let t: PlanTerms = terms::load_terms(file, text)?;
        t.check()
            .map_err(|m| journal::Diagnostic::error("T0401", None, m))?;
        Ok(t)
    }

    /// Checks what serde cannot: whole share counts, a real fiscal year end.
    pub fn check(&self) -> Result<(), String> {
        if !self.pool.is_whole() || self.pool.is_negative() {
            return Err(format!(
                "pool {} must be a whole, non-negative number of shares",
                self.pool
            ));
        }
        if Date::new(2000, self.fiscal_year_end_month, self.fiscal_year_end_day).is_err() {
            return Err(format!(
                "fiscal year end {}-{} is not a month and day",
                self.fiscal_year_end_month, self.fiscal_year_end_day
            ));
        }
        for f in &self.default_payment_forms {
            if crate::award::PaymentForm::parse(f).is_none() {
                return Err(format!(
                    "`{f}` is not a form of payment (cash, check, shares, note, broker, hold-back)"
                ));
            }
        }
        if let Some(o) = &self.opening {
            if o.outstanding_options > o.reserved {
                return Err("opening outstanding options exceed the shares reserved".into());
            }
            if crate::award::AwardKind::parse(&o.award_type).is_none() {
                return Err(format!(
                    "opening award_type `{}` is not an award type",
                    o.award_type
                ));
            }
        }
        Ok(())
    }

    /// The fiscal year (named by the calendar year it ends in) containing `d`.
    pub fn fiscal_year_of(&self, d: Date) -> i16 {
        let end_this_year = Date::new(
            d.year(),
            self.fiscal_year_end_month,
            self.fiscal_year_end_day,
        );
        match end_this_year {
            Ok(end) if d <= end => d.year(),
            Ok(_) => d.year().saturating_add(1),
            // Feb 29 as a fiscal year end in a common year: the last day of Feb.
            Err(_) => {
                let end = Date::new(d.year(), self.fiscal_year_end_month, 28).unwrap_or(d);
                if d <= end {
                    d.year()
                } else {
                    d.year().saturating_add(1)
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fiscal_year_ending_march_31() {
        let mut t: PlanTerms = toml::from_str(
            "name = \"x\"\ndocument = \"Plan\"\nstock = \"common\"\npar_value = \"0.01\"\npool = 10\nfiscal_year_end_month = 3\nfiscal_year_end_day = 31\niso_ten_percent_owner_threshold = \"0.10\"\niso_ten_percent_owner_price_factor = \"1.10\"\ntender_holding_months = 6\ndeath_exercise_years = 1\nother_exercise_months = 3\nperformance_criteria_days = 90\ndefault_payment_forms = [\"cash\"]\n",
        )
        .unwrap();
        // 2001-03-31 ends fiscal 2001; 2001-04-01 begins fiscal 2002.
        assert_eq!(t.fiscal_year_of(Date::new(2001, 3, 31).unwrap()), 2001);
        assert_eq!(t.fiscal_year_of(Date::new(2001, 4, 1).unwrap()), 2002);
        t.fiscal_year_end_month = 2;
        t.fiscal_year_end_day = 29;
        // A Feb 29 year end in a common year ends on Feb 28.
        assert_eq!(t.fiscal_year_of(Date::new(2001, 2, 28).unwrap()), 2001);
        assert_eq!(t.fiscal_year_of(Date::new(2001, 3, 1).unwrap()), 2002);
        assert!(t.check().is_ok());
        t.fiscal_year_end_month = 13;
        assert!(t.check().is_err());
    }
}
