//! The term-file tables of the economic clauses: `[dividends]`,
//! `[liquidation]`, `[redemption]` and `[[protective_provisions]]`.
//!
//! Each table opens with a selector (`kind`, `formula`, `participation`)
//! naming the mechanism the document chose; the fields a mechanism needs
//! are required only when it is selected, and a missing one is refused by
//! name (T0201), never defaulted. The clause keys these mechanisms cite are
//! [`SECTION_KEYS`]; [`required_keys`] lists those the selections use, so a
//! term file cannot leave one of them without its section.

use crate::terms::{de_date, MonthDay, PartialPeriodAccrual, Terms};
use calendar::Date;
use serde::{Deserialize, Deserializer};
use terms::toml_load::{not_negative, positive};
use terms::FieldError;
use units::{Clause, Price, Rate};

fn de_opt_date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
    de_date(d).map(Some)
}

/// `[dividends] kind`: how the series earns dividends.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DividendKind {
    /// No dividend right beyond what the common receives.
    None,
    /// A rate "when, as and if declared", not accruing; declared and unpaid
    /// dividends add to the liquidation preference.
    NonCumulative,
    /// A rate accruing day by day (simple) from each share's issue date,
    /// whether or not declared; accrued and unpaid dividends add to the
    /// liquidation preference only.
    Cumulative,
    /// Dividends added to an Accreted Value each period unless paid in cash
    /// (the accretion schedule of [`crate::accretion`]).
    PikAccretion,
}

/// The day count of a cumulative dividend.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
pub enum DayCount {
    #[serde(rename = "actual/365")]
    Actual365,
    #[serde(rename = "actual/360")]
    Actual360,
    #[serde(rename = "30/360")]
    Thirty360,
}

impl DayCount {
    /// The days counted from `from` to `to`, and the days of the year.
    pub fn fraction(self, from: Date, to: Date) -> (i64, i64) {
        match self {
            DayCount::Actual365 => (i64::from(calendar::days_between(from, to).max(0)), 365),
            DayCount::Actual360 => (i64::from(calendar::days_between(from, to).max(0)), 360),
            DayCount::Thirty360 => {
                if to <= from {
                    return (0, 360);
                }
                // 30/360 (the bond basis): a 31st counts as the 30th.
                let d1 = i64::from(from.day().min(30));
                let d2 = if to.day() == 31 && d1 == 30 {
                    30
                } else {
                    i64::from(to.day())
                };
                let days = 360 * (i64::from(to.year()) - i64::from(from.year()))
                    + 30 * (i64::from(to.month()) - i64::from(from.month()))
                    + (d2 - d1);
                (days.max(0), 360)
            }
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            DayCount::Actual365 => "actual/365",
            DayCount::Actual360 => "actual/360",
            DayCount::Thirty360 => "30/360",
        }
    }
}

/// What a non-cumulative series must receive when the common (or a junior
/// series) receives a dividend.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DividendParticipation {
    /// The greater of its rate amount and its as-converted share.
    GreaterOfRateAndAsConverted,
    /// Its as-converted share.
    AsConverted,
    /// Nothing (no preference over the common's dividends).
    None,
}

/// `[dividends]`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DividendTerms {
    /// The mechanism; required.
    pub kind: DividendKind,
    /// Per annum: of the original issue price (non-cumulative, cumulative),
    /// of the Liquidation Preference (pik-accretion).
    pub rate: Option<Rate>,
    /// Cumulative: the day count of the accrual.
    pub day_count: Option<DayCount>,
    /// Non-cumulative: the series' share of a dividend on the common.
    pub participation: Option<DividendParticipation>,
    /// pik-accretion: the payment dates of each year.
    pub payment_dates: Option<Vec<MonthDay>>,
    /// pik-accretion: the first payment date.
    #[serde(default, deserialize_with = "de_opt_date")]
    pub first_payment_date: Option<Date>,
    /// pik-accretion: a payment date on a non-business day rolls forward.
    pub roll_to_next_business_day: Option<bool>,
    /// pik-accretion: the default record date's day of the payment month.
    pub record_day_of_month: Option<i8>,
    /// pik-accretion: a board-fixed record date's window before payment.
    pub record_date_min_days: Option<i32>,
    pub record_date_max_days: Option<i32>,
    /// pik-accretion: the full-period Applicable Percentage.
    pub applicable_percentage: Option<Rate>,
    /// pik-accretion: the days of the year of a part period.
    pub day_count_basis: Option<i32>,
    /// pik-accretion: the anniversary of the Closing Date before which every
    /// dividend must accrete (the cash option's proviso).
    pub mandatory_accretion_years: Option<i16>,
    /// Interpretation (docs/interpretations.md "Part-period accrual").
    #[serde(default)]
    pub partial_period_accrual: PartialPeriodAccrual,
}

/// The accretion fields of a `pik-accretion` series, present once validated.
#[derive(Clone, Copy, Debug)]
pub struct Pik<'a> {
    pub rate: Rate,
    pub payment_dates: &'a [MonthDay],
    pub first_payment_date: Date,
    pub roll_to_next_business_day: bool,
    pub record_day_of_month: i8,
    pub record_date_min_days: i32,
    pub record_date_max_days: i32,
    pub applicable_percentage: Rate,
    pub day_count_basis: i32,
    pub mandatory_accretion_years: i16,
    pub partial_period_accrual: PartialPeriodAccrual,
}

impl DividendTerms {
    /// The accretion fields, when the kind is `pik-accretion` and every one
    /// is present (validation refuses a pik-accretion file missing one).
    pub fn pik(&self) -> Option<Pik<'_>> {
        if self.kind != DividendKind::PikAccretion {
            return None;
        }
        Some(Pik {
            rate: self.rate?,
            payment_dates: self.payment_dates.as_deref()?,
            first_payment_date: self.first_payment_date?,
            roll_to_next_business_day: self.roll_to_next_business_day?,
            record_day_of_month: self.record_day_of_month?,
            record_date_min_days: self.record_date_min_days?,
            record_date_max_days: self.record_date_max_days?,
            applicable_percentage: self.applicable_percentage?,
            day_count_basis: self.day_count_basis?,
            mandatory_accretion_years: self.mandatory_accretion_years?,
            partial_period_accrual: self.partial_period_accrual,
        })
    }

    fn validate(&self, t: &Terms) -> Result<(), FieldError> {
        let need = |field: &str, present: bool| -> Result<(), FieldError> {
            if present {
                Ok(())
            } else {
                Err(FieldError::new(
                    format!("dividends.{field}"),
                    format!(
                        "is required when dividends.kind = \"{}\"",
                        kind_name(self.kind)
                    ),
                ))
            }
        };
        let refuse = |field: &str, present: bool| -> Result<(), FieldError> {
            if present {
                Err(FieldError::new(
                    format!("dividends.{field}"),
                    format!(
                        "does not apply when dividends.kind = \"{}\" (remove it)",
                        kind_name(self.kind)
                    ),
                ))
            } else {
                Ok(())
            }
        };
        let pik_fields = [
            ("payment_dates", self.payment_dates.is_some()),
            ("first_payment_date", self.first_payment_date.is_some()),
            (
                "roll_to_next_business_day",
                self.roll_to_next_business_day.is_some(),
            ),
            ("record_day_of_month", self.record_day_of_month.is_some()),
            ("record_date_min_days", self.record_date_min_days.is_some()),
            ("record_date_max_days", self.record_date_max_days.is_some()),
            (
                "applicable_percentage",
                self.applicable_percentage.is_some(),
            ),
            ("day_count_basis", self.day_count_basis.is_some()),
            (
                "mandatory_accretion_years",
                self.mandatory_accretion_years.is_some(),
            ),
        ];
        match self.kind {
            DividendKind::None => {
                refuse("rate", self.rate.is_some())?;
                refuse("day_count", self.day_count.is_some())?;
                refuse("participation", self.participation.is_some())?;
                for (f, p) in pik_fields {
                    refuse(f, p)?;
                }
            }
            DividendKind::NonCumulative => {
                need("rate", self.rate.is_some())?;
                need("participation", self.participation.is_some())?;
                refuse("day_count", self.day_count.is_some())?;
                for (f, p) in pik_fields {
                    refuse(f, p)?;
                }
            }
            DividendKind::Cumulative => {
                need("rate", self.rate.is_some())?;
                need("day_count", self.day_count.is_some())?;
                refuse("participation", self.participation.is_some())?;
                for (f, p) in pik_fields {
                    refuse(f, p)?;
                }
            }
            DividendKind::PikAccretion => {
                need("rate", self.rate.is_some())?;
                for (f, p) in pik_fields {
                    need(f, p)?;
                }
                refuse("day_count", self.day_count.is_some())?;
                refuse("participation", self.participation.is_some())?;
                if t.initial_accreted_value.is_none() {
                    return Err(FieldError::new(
                        "initial_accreted_value",
                        "is required when dividends.kind = \"pik-accretion\" (the Accreted Value the dividends accrete to)",
                    ));
                }
            }
        }
        if let Some(r) = self.rate {
            not_negative("dividends.rate", r, "a dividend rate")?;
        }
        if let Some(p) = self.pik() {
            if p.payment_dates.is_empty() {
                return Err(FieldError::new(
                    "dividends.payment_dates",
                    "must name at least one date",
                ));
            }
            not_negative(
                "dividends.applicable_percentage",
                p.applicable_percentage,
                "the full-period Applicable Percentage",
            )?;
            positive(
                "dividends.day_count_basis",
                p.day_count_basis,
                "a day-count basis",
            )?;
            not_negative(
                "dividends.record_date_min_days",
                p.record_date_min_days,
                "a number of days",
            )?;
            not_negative(
                "dividends.record_date_max_days",
                p.record_date_max_days,
                "a number of days",
            )?;
            not_negative(
                "dividends.mandatory_accretion_years",
                p.mandatory_accretion_years,
                "a number of years",
            )?;
            if p.record_date_min_days > p.record_date_max_days {
                return Err(FieldError::new(
                    "dividends.record_date_min_days",
                    "exceeds record_date_max_days",
                ));
            }
            if !(1..=28).contains(&p.record_day_of_month) {
                return Err(FieldError::new(
                    "dividends.record_day_of_month",
                    "must be 1..=28",
                ));
            }
        }
        Ok(())
    }
}

fn kind_name(k: DividendKind) -> &'static str {
    match k {
        DividendKind::None => "none",
        DividendKind::NonCumulative => "non-cumulative",
        DividendKind::Cumulative => "cumulative",
        DividendKind::PikAccretion => "pik-accretion",
    }
}

/// `[liquidation] formula`: how the amount per share is computed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LiquidationFormula {
    /// `liquidation_preference_multiple` × original issue price, plus the
    /// dividends `preference_adds` names.
    MultipleOfIssuePrice,
    /// The greater of the Liquidation Preference (with the make-whole) and
    /// the Current Market Value of the conversion shares (requires
    /// `dividends.kind = "pik-accretion"` and `current_market_value_days`).
    AccretedValue,
}

/// `[liquidation] preference_adds`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PreferenceAdds {
    DeclaredUnpaidDividends,
    AccruedUnpaidDividends,
    Nothing,
}

/// `[liquidation] participation`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Participation {
    /// The greater of the preference and the as-converted share.
    NonParticipating,
    /// The preference, then a share with the common as converted (up to
    /// `participation_cap_multiple` × original issue price in total, when
    /// set; the holder may instead convert).
    Participating,
}

/// `[liquidation] deemed_liquidation`: how a merger or sale of the company
/// is treated.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DeemedLiquidation {
    /// Distributed by the liquidation waterfall.
    Waterfall,
    /// Not a liquidation: the holders' put on a change of control
    /// (needs `[change_of_control]`).
    Put,
}

/// `[liquidation]`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LiquidationTerms {
    /// OCF `seniority`: higher is paid first; equal is pari passu.
    pub seniority: i64,
    pub formula: LiquidationFormula,
    /// OCF `liquidation_preference_multiple`: × the original issue price.
    pub liquidation_preference_multiple: Option<Rate>,
    pub preference_adds: Option<PreferenceAdds>,
    pub participation: Participation,
    /// OCF `participation_cap_multiple`: the total per share (preference +
    /// participation) is capped at this multiple of the original issue
    /// price. Participating only; absent = uncapped.
    pub participation_cap_multiple: Option<Rate>,
    pub deemed_liquidation: DeemedLiquidation,
}

impl LiquidationTerms {
    fn validate(&self, t: &Terms) -> Result<(), FieldError> {
        match self.formula {
            LiquidationFormula::MultipleOfIssuePrice => {
                let m = self.liquidation_preference_multiple.ok_or_else(|| {
                    FieldError::new(
                        "liquidation.liquidation_preference_multiple",
                        "is required when liquidation.formula = \"multiple-of-issue-price\"",
                    )
                })?;
                not_negative(
                    "liquidation.liquidation_preference_multiple",
                    m,
                    "a multiple of the original issue price",
                )?;
                if self.preference_adds.is_none() {
                    return Err(FieldError::new(
                        "liquidation.preference_adds",
                        "is required when liquidation.formula = \"multiple-of-issue-price\" (\"declared-unpaid-dividends\" | \"accrued-unpaid-dividends\" | \"nothing\")",
                    ));
                }
                if t.original_issue_price.is_none() {
                    return Err(FieldError::new(
                        "original_issue_price",
                        "is required when liquidation.formula = \"multiple-of-issue-price\"",
                    ));
                }
            }
            LiquidationFormula::AccretedValue => {
                if t.dividends.kind != DividendKind::PikAccretion {
                    return Err(FieldError::new(
                        "liquidation.formula",
                        "\"accreted-value\" needs dividends.kind = \"pik-accretion\"",
                    ));
                }
                if t.current_market_value_days.is_none() {
                    return Err(FieldError::new(
                        "current_market_value_days",
                        "is required when liquidation.formula = \"accreted-value\"",
                    ));
                }
                for (f, p) in [
                    (
                        "liquidation_preference_multiple",
                        self.liquidation_preference_multiple.is_some(),
                    ),
                    ("preference_adds", self.preference_adds.is_some()),
                ] {
                    if p {
                        return Err(FieldError::new(
                            format!("liquidation.{f}"),
                            "does not apply when liquidation.formula = \"accreted-value\" (remove it)",
                        ));
                    }
                }
            }
        }
        if self.preference_adds == Some(PreferenceAdds::AccruedUnpaidDividends)
            && t.dividends.kind != DividendKind::Cumulative
        {
            return Err(FieldError::new(
                "liquidation.preference_adds",
                "\"accrued-unpaid-dividends\" needs dividends.kind = \"cumulative\"",
            ));
        }
        match (self.participation, self.participation_cap_multiple) {
            (Participation::NonParticipating, Some(_)) => {
                return Err(FieldError::new(
                    "liquidation.participation_cap_multiple",
                    "applies only to participation = \"participating\"",
                ))
            }
            (Participation::Participating, Some(c)) => {
                positive(
                    "liquidation.participation_cap_multiple",
                    c,
                    "a multiple of the original issue price",
                )?;
                if let Some(m) = self.liquidation_preference_multiple {
                    if c < m {
                        return Err(FieldError::new(
                            "liquidation.participation_cap_multiple",
                            "is below the liquidation_preference_multiple",
                        ));
                    }
                }
            }
            _ => {}
        }
        if self.deemed_liquidation == DeemedLiquidation::Put && t.change_of_control.is_none() {
            return Err(FieldError::new(
                "change_of_control",
                "is required when liquidation.deemed_liquidation = \"put\"",
            ));
        }
        Ok(())
    }
}

/// `[redemption] kind`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RedemptionSelector {
    None,
    /// At the holders' election after `from`, in installments.
    HolderElection,
    /// At the company's option after `from`.
    CompanyOption,
    /// Mandatory, in installments from `from`.
    Mandatory,
    /// Optional from one anniversary of the Closing Date, mandatory at
    /// another (the anniversary fields).
    Anniversaries,
}

/// `[redemption] price`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RedemptionPrice {
    /// The original issue price plus declared and unpaid dividends.
    OriginalIssuePricePlusDeclaredUnpaid,
    /// The original issue price plus accrued and unpaid dividends.
    OriginalIssuePricePlusAccruedUnpaid,
    /// The liquidation amount per share of the `[liquidation]` terms.
    LiquidationPreference,
}

/// `[redemption]`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RedemptionTerms {
    pub kind: RedemptionSelector,
    /// anniversaries: optional redemption on and after this anniversary.
    pub optional_from_anniversary: Option<i16>,
    /// anniversaries: every share redeemed on this anniversary.
    pub mandatory_anniversary: Option<i16>,
    /// anniversaries: common valued at this fraction of the average when
    /// the price is the Liquidation Preference.
    pub stock_value_percent_lp: Option<Rate>,
    /// anniversaries: the fraction when the price is the Current Market
    /// Value of the conversion shares.
    pub stock_value_percent_cmv: Option<Rate>,
    /// anniversaries: the trading days of the average.
    pub stock_value_trading_days: Option<usize>,
    /// anniversaries: the notice window.
    pub notice_min_days: Option<i32>,
    pub notice_max_days: Option<i32>,
    /// holder-election, company-option, mandatory: the first date.
    #[serde(default, deserialize_with = "de_opt_date")]
    pub from: Option<Date>,
    /// holder-election, mandatory: the number of installments.
    pub installments: Option<u32>,
    /// holder-election, mandatory: months between installments.
    pub installment_interval_months: Option<i32>,
    /// holder-election, company-option, mandatory: the price per share.
    pub price: Option<RedemptionPrice>,
    /// holder-election: the requesting holders must hold more than this
    /// fraction of the series' outstanding shares.
    pub requisite_fraction: Option<Rate>,
}

/// The fields of an `anniversaries` redemption, present once validated.
#[derive(Clone, Copy, Debug)]
pub struct Anniversaries {
    pub optional_from_anniversary: i16,
    pub mandatory_anniversary: i16,
    pub stock_value_percent_lp: Rate,
    pub stock_value_percent_cmv: Rate,
    pub stock_value_trading_days: usize,
    pub notice_min_days: i32,
    pub notice_max_days: i32,
}

/// The fields of an installment schedule, present once validated.
#[derive(Clone, Copy, Debug)]
pub struct Installments {
    pub from: Date,
    pub installments: u32,
    pub interval_months: i32,
    pub price: RedemptionPrice,
    pub requisite_fraction: Rate,
}

impl RedemptionTerms {
    pub fn anniversaries(&self) -> Option<Anniversaries> {
        if self.kind != RedemptionSelector::Anniversaries {
            return None;
        }
        Some(Anniversaries {
            optional_from_anniversary: self.optional_from_anniversary?,
            mandatory_anniversary: self.mandatory_anniversary?,
            stock_value_percent_lp: self.stock_value_percent_lp?,
            stock_value_percent_cmv: self.stock_value_percent_cmv?,
            stock_value_trading_days: self.stock_value_trading_days?,
            notice_min_days: self.notice_min_days?,
            notice_max_days: self.notice_max_days?,
        })
    }

    /// The installment schedule of a `holder-election` redemption.
    pub fn holder_election(&self) -> Option<Installments> {
        if self.kind != RedemptionSelector::HolderElection {
            return None;
        }
        Some(Installments {
            from: self.from?,
            installments: self.installments?,
            interval_months: self.installment_interval_months?,
            price: self.price?,
            requisite_fraction: self.requisite_fraction?,
        })
    }

    fn validate(&self) -> Result<(), FieldError> {
        let kind = match self.kind {
            RedemptionSelector::None => "none",
            RedemptionSelector::HolderElection => "holder-election",
            RedemptionSelector::CompanyOption => "company-option",
            RedemptionSelector::Mandatory => "mandatory",
            RedemptionSelector::Anniversaries => "anniversaries",
        };
        let check = |field: &str, present: bool, wanted: bool| -> Result<(), FieldError> {
            match (present, wanted) {
                (false, true) => Err(FieldError::new(
                    format!("redemption.{field}"),
                    format!("is required when redemption.kind = \"{kind}\""),
                )),
                (true, false) => Err(FieldError::new(
                    format!("redemption.{field}"),
                    format!("does not apply when redemption.kind = \"{kind}\" (remove it)"),
                )),
                _ => Ok(()),
            }
        };
        let anniv = self.kind == RedemptionSelector::Anniversaries;
        let dated = matches!(
            self.kind,
            RedemptionSelector::HolderElection
                | RedemptionSelector::CompanyOption
                | RedemptionSelector::Mandatory
        );
        let installments = matches!(
            self.kind,
            RedemptionSelector::HolderElection | RedemptionSelector::Mandatory
        );
        for (f, p) in [
            (
                "optional_from_anniversary",
                self.optional_from_anniversary.is_some(),
            ),
            (
                "mandatory_anniversary",
                self.mandatory_anniversary.is_some(),
            ),
            (
                "stock_value_percent_lp",
                self.stock_value_percent_lp.is_some(),
            ),
            (
                "stock_value_percent_cmv",
                self.stock_value_percent_cmv.is_some(),
            ),
            (
                "stock_value_trading_days",
                self.stock_value_trading_days.is_some(),
            ),
            ("notice_min_days", self.notice_min_days.is_some()),
            ("notice_max_days", self.notice_max_days.is_some()),
        ] {
            check(f, p, anniv)?;
        }
        check("from", self.from.is_some(), dated)?;
        check("price", self.price.is_some(), dated)?;
        check("installments", self.installments.is_some(), installments)?;
        check(
            "installment_interval_months",
            self.installment_interval_months.is_some(),
            installments,
        )?;
        check(
            "requisite_fraction",
            self.requisite_fraction.is_some(),
            self.kind == RedemptionSelector::HolderElection,
        )?;
        if let Some(a) = self.anniversaries() {
            not_negative(
                "redemption.optional_from_anniversary",
                a.optional_from_anniversary,
                "an anniversary",
            )?;
            not_negative(
                "redemption.mandatory_anniversary",
                a.mandatory_anniversary,
                "an anniversary",
            )?;
            positive(
                "redemption.stock_value_percent_lp",
                a.stock_value_percent_lp,
                "a percentage of the average",
            )?;
            positive(
                "redemption.stock_value_percent_cmv",
                a.stock_value_percent_cmv,
                "a percentage of the average",
            )?;
            positive(
                "redemption.stock_value_trading_days",
                a.stock_value_trading_days,
                "an averaging window in trading days",
            )?;
            not_negative(
                "redemption.notice_min_days",
                a.notice_min_days,
                "a number of days",
            )?;
            not_negative(
                "redemption.notice_max_days",
                a.notice_max_days,
                "a number of days",
            )?;
            if a.notice_min_days > a.notice_max_days {
                return Err(FieldError::new(
                    "redemption.notice_min_days",
                    "exceeds notice_max_days",
                ));
            }
        }
        if let Some(n) = self.installments {
            positive("redemption.installments", n, "a number of installments")?;
        }
        if let Some(m) = self.installment_interval_months {
            positive(
                "redemption.installment_interval_months",
                m,
                "a number of months",
            )?;
        }
        if let Some(f) = self.requisite_fraction {
            not_negative("redemption.requisite_fraction", f, "a fraction")?;
        }
        Ok(())
    }
}

/// One `[[protective_provisions]]` entry: an action that needs the consent
/// of the series' holders.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProtectiveProvision {
    /// The action, e.g. `"create-senior-or-parity-series"`.
    pub action: String,
    /// The consenting holders must hold more than this fraction of the
    /// series' outstanding shares.
    pub requisite_fraction: Rate,
}

/// The actions a protective provision may name.
pub const PROVISION_ACTIONS: &[&str] = &[
    "create-senior-or-parity-series",
    "increase-authorized",
    "redeem-junior",
    "amend-charter",
    "pay-junior-dividend",
];

/// Every clause key the dividend, liquidation, redemption, change-of-control
/// and protective-provision mechanisms may cite.
pub const SECTION_KEYS: &[&str] = &[
    "dividends.payment",
    "dividends.accretion",
    "dividends.accretion.added",
    "dividends.accretion.cash",
    "dividends.record-payment",
    "dividends.participation",
    "dividends.non-cumulative",
    "dividends.cumulative",
    "dividends.preference",
    "liquidation.amount",
    "liquidation.definition",
    "liquidation.rank",
    "dividends.parity",
    "current-market-value",
    "liquidation.deemed",
    "redemption.optional",
    "redemption.mandatory",
    "redemption.put",
    "redemption.procedure",
    "redemption.notice",
    "redemption.rights-cease",
    "issuance.reacquired",
    "redemption.obligation",
    "redemption.holder-election",
    "redemption.company-option",
    "change-of-control.acquisition",
    "change-of-control.merger",
    "change-of-control.board",
    "change-of-control.definition",
    "protective-provisions.create-senior-or-parity-series",
    "protective-provisions.increase-authorized",
    "protective-provisions.redeem-junior",
    "protective-provisions.amend-charter",
    "protective-provisions.pay-junior-dividend",
];

/// The keys the term file's selections make these mechanisms cite.
pub fn required_keys(t: &Terms) -> Vec<String> {
    let mut keys: Vec<&str> = vec!["liquidation.amount", "liquidation.rank"];
    match t.dividends.kind {
        DividendKind::None => {}
        DividendKind::NonCumulative => {
            keys.extend(["dividends.non-cumulative", "dividends.preference"])
        }
        DividendKind::Cumulative => keys.push("dividends.cumulative"),
        DividendKind::PikAccretion => keys.extend([
            "dividends.payment",
            "dividends.accretion",
            "dividends.record-payment",
            "dividends.participation",
            "liquidation.definition",
            "dividends.parity",
        ]),
    }
    if t.liquidation.formula == LiquidationFormula::AccretedValue {
        keys.push("current-market-value");
    }
    if t.liquidation.deemed_liquidation == DeemedLiquidation::Waterfall {
        keys.push("liquidation.deemed");
    }
    if t.change_of_control.is_some() {
        keys.extend([
            "change-of-control.acquisition",
            "change-of-control.merger",
            "change-of-control.board",
            "change-of-control.definition",
            "redemption.put",
        ]);
    }
    match t.redemption.kind {
        RedemptionSelector::None => {}
        RedemptionSelector::HolderElection => keys.push("redemption.holder-election"),
        RedemptionSelector::CompanyOption => keys.push("redemption.company-option"),
        RedemptionSelector::Mandatory => keys.push("redemption.mandatory"),
        RedemptionSelector::Anniversaries => keys.extend([
            "redemption.optional",
            "redemption.mandatory",
            "redemption.procedure",
            "redemption.notice",
            "redemption.rights-cease",
            "issuance.reacquired",
            "redemption.obligation",
        ]),
    }
    let mut out: Vec<String> = keys.into_iter().map(String::from).collect();
    for p in &t.protective_provisions {
        out.push(format!("protective-provisions.{}", p.action));
    }
    out
}

/// Checks the tables of this module (called by [`Terms::validate`]).
pub fn validate(t: &Terms) -> Result<(), FieldError> {
    if t.original_issue_price.is_none() && t.initial_accreted_value.is_none() {
        return Err(FieldError::new(
            "original_issue_price",
            "is required (the price per share the series was issued at)",
        ));
    }
    if let Some(p) = t.original_issue_price {
        positive("original_issue_price", p, "a price per share")?;
    }
    if let Some(p) = t.initial_accreted_value {
        positive("initial_accreted_value", p, "the initial Accreted Value")?;
    }
    if let Some(y) = t.make_whole_anniversary {
        not_negative("make_whole_anniversary", y, "an anniversary")?;
    }
    if let Some(n) = t.current_market_value_days {
        positive(
            "current_market_value_days",
            n,
            "an averaging window in trading days",
        )?;
    }
    if t.dividends.kind == DividendKind::PikAccretion && t.make_whole_anniversary.is_none() {
        return Err(FieldError::new(
            "make_whole_anniversary",
            "is required when dividends.kind = \"pik-accretion\"",
        ));
    }
    t.dividends.validate(t)?;
    t.liquidation.validate(t)?;
    t.redemption.validate()?;
    for (i, p) in t.protective_provisions.iter().enumerate() {
        if !PROVISION_ACTIONS.contains(&p.action.as_str()) {
            return Err(FieldError::new(
                format!("protective_provisions[{i}].action"),
                format!(
                    "`{}` is not an action a provision can name ({})",
                    p.action,
                    PROVISION_ACTIONS.join(", ")
                ),
            ));
        }
        not_negative(
            &format!("protective_provisions[{i}].requisite_fraction"),
            p.requisite_fraction,
            "a fraction",
        )?;
    }
    // Unknown keys are refused by the kind's whole list of keys (these and
    // the conversion's), checked where the kind assembles it.
    let c = t.citations();
    let req = required_keys(t);
    let req: Vec<&str> = req.iter().map(String::as_str).collect();
    c.require(&req)
}

impl Terms {
    /// The citation of `key`, or `fallback` when the term file does not map
    /// it (a limb the document does not number separately).
    pub fn cite_or(&self, key: &str, fallback: &Clause) -> Clause {
        match self.sections.0.get(key) {
            Some(section) => Clause::new(self.document.clone(), section.clone()),
            None => fallback.clone(),
        }
    }

    /// The original issue price (OCF `price_per_share`); a series that
    /// accretes states its initial Accreted Value instead.
    pub fn issue_price(&self) -> Price {
        self.original_issue_price
            .or(self.initial_accreted_value)
            .unwrap_or(Price::ZERO)
    }

    /// The series' seniority as to liquidation (OCF `seniority`).
    pub fn seniority(&self) -> i64 {
        self.liquidation.seniority
    }
}

/// Rejection codes of the selected clauses (R0243–R0248).
pub mod codes {
    /// An event that needs a clause the series' terms do not select.
    pub const NOT_SELECTED: &str = "R0243";
    /// A dividend on the common or a junior series without the series'
    /// preferential dividend first or at the same time.
    pub const DIVIDEND_PREFERENCE: &str = "R0244";
    /// A redemption request the terms do not allow (too few shares
    /// requesting, before the first date, none outstanding).
    pub const REDEMPTION_REQUEST: &str = "R0245";
    /// An action a protective provision requires consent for, without a
    /// sufficient prior consent.
    pub const NO_CONSENT: &str = "R0246";
    /// A consent naming an action no provision of the series lists, or
    /// holders who hold none of it.
    pub const BAD_CONSENT: &str = "R0247";
    /// A cash dividend declaration the terms do not allow.
    pub const BAD_DECLARATION: &str = "R0248";
}

impl crate::Preferred {
    /// The citation of clause `key` in the series' document.
    pub fn cite(&self, key: &str) -> Clause {
        self.terms.cite(key)
    }

    /// A Current Market Value average from the book, named and cited as
    /// the series' own definition of it (the average itself cites nothing:
    /// the window is the instrument's term).
    pub(crate) fn current_market_value_step(&self, mut c: units::Computed) -> units::Computed {
        c.name = "Current Market Value".into();
        c.clauses = vec![self.cite("current-market-value")];
        c
    }

    fn not_selected(&self, key: &str, what: &str) -> terms::Rejection {
        terms::Rejection::new(
            codes::NOT_SELECTED,
            self.cite(key),
            format!("the terms of {} do not provide {what}", self.security),
        )
    }

    /// The accretion fields, or a rejection for a series that does not accrete.
    pub fn pik_terms(&self) -> Result<Pik<'_>, terms::Rejection> {
        self.terms
            .dividends
            .pik()
            .ok_or_else(|| self.not_selected("dividends.accretion", "accreting dividends"))
    }

    /// The anniversary redemption fields, or a rejection.
    pub fn anniversary_terms(&self) -> Result<Anniversaries, terms::Rejection> {
        self.terms.redemption.anniversaries().ok_or_else(|| {
            self.not_selected(
                "redemption.optional",
                "redemption on anniversaries of the Closing Date",
            )
        })
    }

    /// The change-of-control terms, or a rejection.
    pub fn control_terms(
        &self,
    ) -> Result<&crate::change_of_control::ChangeOfControlTerms, terms::Rejection> {
        self.terms.change_of_control.as_ref().ok_or_else(|| {
            self.not_selected(
                "change-of-control.definition",
                "a change-of-control put ([change_of_control] is absent)",
            )
        })
    }

    /// The Current Market Value's window in trading days, or a rejection.
    pub fn market_value_days(&self) -> Result<usize, terms::Rejection> {
        self.terms.current_market_value_days.ok_or_else(|| {
            self.not_selected(
                "current-market-value",
                "a Current Market Value (current_market_value_days is absent)",
            )
        })
    }
}

impl crate::Preferred {
    /// The days of the change-of-control election (none without the table).
    pub fn election_days(&self) -> i32 {
        self.terms
            .change_of_control
            .as_ref()
            .map(|c| c.election_days)
            .unwrap_or(0)
    }
}

/// An arithmetic failure (overflow, division by zero) in the clause `clause`
/// computes.
pub(crate) fn arith_at(clause: Clause, e: units::UnitsError) -> terms::Rejection {
    terms::Rejection::new("R0249", clause, format!("arithmetic: {e}"))
}

/// The section sign, for references in running text ("\u{a7}4.1").
pub const SECTION_SIGN: char = '\u{a7}';

impl crate::Preferred {
    /// The section of clause `key` as a reference in running text.
    pub fn sect(&self, key: &str) -> String {
        format!("{SECTION_SIGN}{}", self.cite(key).section)
    }
}

/// "first", "second", … for an anniversary or installment number (the
/// documents spell them out); past twentieth, "21st" and so on.
pub fn ordinal(n: i16) -> String {
    const WORDS: [&str; 20] = [
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
        "twentieth",
    ];
    match usize::try_from(n).ok().and_then(|i| i.checked_sub(1)) {
        Some(i) if i < WORDS.len() => WORDS[i].to_string(),
        _ => {
            let suffix = match (n % 10, n % 100) {
                (_, 11..=13) => "th",
                (1, _) => "st",
                (2, _) => "nd",
                (3, _) => "rd",
                _ => "th",
            };
            format!("{n}{suffix}")
        }
    }
}
