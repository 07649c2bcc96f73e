//! The term file of a convertible preferred stock (CoD §1–§10 as data).
//!
//! Every number the Certificate of Designation fixes (the $1,000.00 initial
//! Accreted Value, the 8.25% rate, the $50.00 conversion divisor, the fifth
//! and tenth anniversaries, the 200% / 30-day / 15% forced-conversion tests)
//! lives here, each field citing the clause it encodes, so the Rust code holds
//! no instrument's numbers. The Closing Date is not a term: it is a fact of
//! the journal (the `closing-date:` metadata of the `instrument` declaration,
//! see docs/interpretations.md "Closing Date").

use crate::{adjustment, change_of_control};
use calendar::Date;
use serde::{Deserialize, Deserializer};
use terms::FieldError;
use terms::SecurityId;
use units::{Price, Rate, Shares};

/// A month and day, written `"MM-DD"` (a Dividend Payment Date of each year).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct MonthDay {
    pub month: i8,
    pub day: i8,
}

impl MonthDay {
    /// This month-day in `year`, if it is a calendar date.
    pub fn in_year(self, year: i16) -> Option<Date> {
        Date::new(year, self.month, self.day).ok()
    }
}

impl<'de> Deserialize<'de> for MonthDay {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        let bad = || serde::de::Error::custom(format!("`{s}` is not a month-day \"MM-DD\""));
        let (m, dd) = s.split_once('-').ok_or_else(bad)?;
        let month: i8 = m.parse().map_err(|_| bad())?;
        let day: i8 = dd.parse().map_err(|_| bad())?;
        // 2000 is a leap year, so "02-29" is accepted as a month-day.
        Date::new(2000, month, day).map_err(|_| bad())?;
        Ok(MonthDay { month, day })
    }
}

/// Deserializes a date written as a quoted `"YYYY-MM-DD"` string.
pub(crate) fn de_date<'de, D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
    let s = String::deserialize(d)?;
    terms::fields::parse_date(&s).map_err(serde::de::Error::custom)
}

/// How each accretion under §4.2(b) is carried.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AccretedValueRounding {
    /// Exactly (the CoD names no rounding of the Accreted Value). Default.
    #[default]
    Exact,
    /// Each accretion rounded to the nearest cent (half up).
    Cent,
}

/// How dividends accrue for part of a Dividend Period (the Liquidation
/// Preference's "accrued since the end of the previous Dividend Period").
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PartialPeriodAccrual {
    /// CoD §4.2 last sentence: "any other period shorter than a full period
    /// ... on the basis of a per annum rate of 8.25% and the actual number of
    /// days elapsed over a 360-day year". Default.
    #[default]
    Actual360,
    /// The full-period Applicable Percentage times elapsed days over the
    /// period's days (no jump when the period completes).
    ProRataFullPeriod,
}

/// How "dividends which would have accrued from such date to the third
/// anniversary" (CoD §5, §6.3, §8.2) are projected.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MakeWholeMethod {
    /// Run the §4.2 schedule forward to the third anniversary: each future
    /// Dividend Period accretes on the Accreted Value it would have had, and
    /// the last part-period accrues Actual/360. Default.
    #[default]
    ProjectedSchedule,
    /// Simple interest: Accreted Value × rate × days to the anniversary / 360.
    Simple,
}

/// A class's standing relative to this series (CoD §3.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Standing {
    Senior,
    Parity,
    Junior,
}

/// One other class or series and how it ranks against this series.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RankEntry {
    /// The security id of the other class (e.g. `common`).
    pub security: SecurityId,
    /// CoD §3.1: rank "with respect to dividend rights".
    pub dividends: Standing,
    /// CoD §3.1: rank with respect to "rights on liquidation, winding-up and
    /// dissolution".
    pub liquidation: Standing,
}

pub use crate::liquidation_terms::{DividendTerms, RedemptionTerms};

/// CoD §8.1, §8.7, §8.9: conversion.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConversionTerms {
    /// CoD §8.1: "The Conversion Ratio as of any date shall be an amount
    /// equal to (a) the Liquidation Preference at such date divided by (b)
    /// $50.00".
    pub divisor: Price,
    /// Interpretation of CoD §8.7 "authorized but unissued shares": `false`
    /// (default) counts authorized − outstanding − treasury (treasury shares
    /// are issued); `true` also counts treasury shares as available.
    #[serde(default)]
    pub reserve_counts_treasury: bool,
}

/// CoD §8.2: the Corporation's right to force conversion.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ForcedConversionTerms {
    /// CoD §8.2(a): "equals or exceeds 200% of the Conversion Price" (2.00).
    pub price_multiple: Rate,
    /// CoD §8.2(a): "for a period of 30 consecutive trading days".
    pub trading_days: usize,
    /// CoD §8.2(b): "fewer than 15% of the number of shares ... issued on the
    /// Closing Date" (0.15).
    pub min_outstanding_fraction: Rate,
}

/// The whole term file of a convertible preferred series.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Terms {
    /// CoD §1: "Two hundred thousand (200,000) shares of the Preferred Stock
    /// ... shall constitute a series".
    pub designated_shares: Shares,
    /// Resolution: "preferred stock of the Corporation, par value $1.00 per
    /// share".
    pub par_value: Price,
    /// CoD §2 "Accreted Value": "the amount equal to $1,000.00 plus the amount
    /// of any dividends added to the Accreted Value in accordance with
    /// Section 4.2".
    pub initial_accreted_value: Option<Price>,
    /// Interpretation (docs/interpretations.md "Exact Accreted Value"): the
    /// CoD does not round the Accreted Value; `"cent"` rounds each accretion.
    #[serde(default)]
    pub accreted_value_rounding: AccretedValueRounding,
    /// CoD §2 "Current Market Value": "the average of the daily Market Prices
    /// ... for ten consecutive trading days immediately preceding the date".
    pub current_market_value_days: Option<usize>,
    /// CoD §5, §6.3, §8.2: dividends "which would have accrued from such date
    /// to the third anniversary of the Closing Date" are added before it.
    pub make_whole_anniversary: Option<i16>,
    /// Interpretation (docs/interpretations.md "Make-whole projection").
    #[serde(default)]
    pub make_whole_method: MakeWholeMethod,
    /// CoD §4.1–§4.2.
    pub dividends: DividendTerms,
    /// CoD §8.1, §8.7, §8.9.
    pub conversion: ConversionTerms,
    /// CoD §6.1–§6.2, §7.
    pub redemption: RedemptionTerms,
    /// CoD §8.2.
    pub forced_conversion: ForcedConversionTerms,
    /// CoD §3.1: other classes ranked senior, on a parity with or junior to
    /// this series. A class not listed is Junior Stock (§3.1(i): classes
    /// whose terms do not expressly provide otherwise).
    #[serde(default)]
    pub rank: Vec<RankEntry>,
    /// CoD §8.10 (owned by the anti-dilution module); required.
    pub anti_dilution: adjustment::AntiDilutionTerms,
    /// CoD §2 "Change of Control", §6.3 (owned by the change-of-control
    /// module); required.
    pub change_of_control: Option<change_of_control::ChangeOfControlTerms>,
    // The economic clauses' tables (crate::liquidation_terms): the document
    // the citations name, its sections by clause key, the original issue
    // price, the liquidation terms and the protective provisions.
    pub document: String,
    pub sections: terms::Sections,
    pub original_issue_price: Option<Price>,
    pub liquidation: crate::liquidation_terms::LiquidationTerms,
    #[serde(default)]
    pub protective_provisions: Vec<crate::liquidation_terms::ProtectiveProvision>,
}

impl Terms {
    /// The standing of `security` as to liquidation (§3.1; unlisted is junior).
    pub fn liquidation_standing(&self, security: &SecurityId) -> Standing {
        self.rank
            .iter()
            .find(|r| &r.security == security)
            .map(|r| r.liquidation)
            .unwrap_or(Standing::Junior)
    }

    /// The standing of `security` as to dividends (§3.1; unlisted is junior).
    pub fn dividend_standing(&self, security: &SecurityId) -> Standing {
        self.rank
            .iter()
            .find(|r| &r.security == security)
            .map(|r| r.dividends)
            .unwrap_or(Standing::Junior)
    }

    /// Loads a term file and checks it: every error at its field's line and
    /// column in the file (T0001 for what serde refuses, T0201 for what
    /// [`Terms::validate`] refuses).
    pub fn load(file: journal::FileId, text: &str) -> Result<Terms, journal::Diagnostic> {
        let t: Terms = terms::load_terms(file, text)?;
        t.validate()
            .map_err(|e| e.diagnostic("T0201", file, text))?;
        Ok(t)
    }

    /// Checks what serde cannot: non-empty payment dates, sane windows, and
    /// every count, rate and number of days the CoD fixes on the right side
    /// of zero (a negative `designated_shares` is no series of shares).
    pub fn validate(&self) -> Result<(), FieldError> {
        use terms::toml_load::{not_negative, positive};
        positive(
            "designated_shares",
            self.designated_shares,
            "a number of shares designated (CoD §1)",
        )?;
        not_negative("par_value", self.par_value, "a par value")?;
        positive(
            "conversion.divisor",
            self.conversion.divisor,
            "the Conversion Ratio's divisor (CoD §8.1)",
        )?;
        let f = &self.forced_conversion;
        positive(
            "forced_conversion.price_multiple",
            f.price_multiple,
            "a multiple of the Conversion Price (CoD §8.2(a))",
        )?;
        not_negative(
            "forced_conversion.min_outstanding_fraction",
            f.min_outstanding_fraction,
            "a fraction (CoD §8.2(b))",
        )?;
        // The two sub-tables their modules own spell their keys in kebab case.
        not_negative(
            "anti_dilution.threshold",
            self.anti_dilution.threshold,
            "the §8.10.5 threshold",
        )?;
        if let Some(c) = &self.change_of_control {
            crate::change_of_control::validate(c)?;
        }
        positive(
            "forced_conversion.trading_days",
            f.trading_days,
            "an averaging window in trading days",
        )?;
        crate::liquidation_terms::validate(self)
    }
}
