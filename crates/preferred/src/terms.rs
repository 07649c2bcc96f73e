//! The term file of a preferred stock series: its document's clauses as data.
//!
//! Every number the document fixes (an issue price, a dividend rate, a
//! conversion price or divisor, anniversaries, forced-conversion tests,
//! anti-dilution formula and base) lives in the term file, each field's
//! comment there quoting the clause it encodes, so the Rust code holds no
//! instrument's numbers. Selectors choose a mechanism (`[conversion]
//! mechanism`, `[anti_dilution] formula`, fractions, rounding); a field the
//! selection needs and lacks is refused by name (T0201). `document` and
//! `[sections]` say where each clause the mechanisms cite sits in the
//! document ([`SECTION_KEYS`]). The Closing Date is not a term: it is a fact
//! of the journal (the `closing-date:` metadata of the `instrument`
//! declaration, see docs/interpretations.md "Closing Date").

use crate::{adjustment, change_of_control};
use calendar::Date;
use serde::{Deserialize, Deserializer};
use terms::FieldError;
use terms::SecurityId;
use terms::{Citations, Sections};
use units::{Clause, Money, Price, Rate, Shares};

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

/// How each accretion of the PIK schedule is carried.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AccretedValueRounding {
    /// Exactly (the document names no rounding of the Accreted Value). Default.
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
    /// A period shorter than a full period accrues at the per annum rate
    /// over the actual days elapsed in a 360-day year. Default.
    #[default]
    Actual360,
    /// The full-period Applicable Percentage times elapsed days over the
    /// period's days (no jump when the period completes).
    ProRataFullPeriod,
}

/// How the dividends "which would have accrued" to the make-whole
/// anniversary are projected.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MakeWholeMethod {
    /// Run the accretion schedule forward to the anniversary: each future
    /// Dividend Period accretes on the Accreted Value it would have had, and
    /// the last part-period accrues Actual/360. Default.
    #[default]
    ProjectedSchedule,
    /// Simple interest: Accreted Value × rate × days to the anniversary / 360.
    Simple,
}

/// A class's standing relative to this series (the ranking clause).
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
    /// Rank "with respect to dividend rights".
    pub dividends: Standing,
    /// Rank with respect to "rights on liquidation, winding-up and
    /// dissolution".
    pub liquidation: Standing,
}

pub use crate::liquidation_terms::{DividendTerms, RedemptionTerms};

/// How the Conversion Ratio is formed (`[conversion] mechanism`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ConversionMechanism {
    /// Ratio = original issue price ÷ Conversion Price; the Conversion
    /// Price starts at `initial_conversion_price` and the anti-dilution
    /// formula adjusts it (OCF's conversion-price mechanism).
    ConversionPrice,
    /// Ratio = Liquidation Preference ÷ `divisor`, times the anti-dilution
    /// factor: the ratio grows with the accreted preference.
    PreferenceOverDivisor,
}

/// What a holder receives for the fraction of a common share a conversion
/// yields (`[conversion] fractions`), counted on all the shares one holder
/// converts at once. OCF rounding types: floor, normal, ceiling.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Fractions {
    /// Whole shares and cash for the fraction (`fraction_value` says at
    /// what value).
    Cash,
    /// Whole shares, the fraction dropped.
    Floor,
    /// To the nearest whole share, a half rounded up.
    Normal,
    /// The next whole share.
    Ceiling,
}

/// The value of a share of common for cash in lieu of a fraction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FractionValue {
    /// The Market Price on the business day before the conversion.
    MarketPrice,
    /// The fair market value the Board determined (a `fair-value`
    /// directive on or before the date); on a conversion on a public
    /// offering, the price per share to the public.
    FairValue,
}

/// Whose consent makes a conversion on the vote of the requisite holders.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RequisiteOf {
    /// The holders of the series.
    Series,
}

/// `[conversion.automatic]`: conversion of every share on a qualified
/// public offering, or on the vote of the requisite holders.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AutomaticConversion {
    /// A public offering qualifies at or above this price per share.
    #[serde(default)]
    pub qualified_ipo_min_price: Option<Price>,
    /// ... and at or above these gross proceeds.
    #[serde(default)]
    pub qualified_ipo_min_proceeds: Option<Money>,
    /// The fraction of the series whose holders' vote converts every share.
    #[serde(default)]
    pub requisite_fraction: Option<Rate>,
    /// `true`: more than the fraction; `false`: at least the fraction.
    #[serde(default)]
    pub requisite_strict: Option<bool>,
    /// Whose shares the fraction counts.
    #[serde(default)]
    pub requisite_of: Option<RequisiteOf>,
}

/// `[conversion]`: the right to convert and its mechanism.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConversionTerms {
    /// The ratio's mechanism; required (it changes every figure).
    pub mechanism: ConversionMechanism,
    /// `preference-over-divisor`: the divisor of the Liquidation Preference.
    #[serde(default)]
    pub divisor: Option<Price>,
    /// `conversion-price`: the Conversion Price at issue.
    #[serde(default)]
    pub initial_conversion_price: Option<Price>,
    /// The treatment of fractions of a common share; required.
    pub fractions: Fractions,
    /// `fractions = "cash"`: the value of a share for cash in lieu.
    #[serde(default)]
    pub fraction_value: Option<FractionValue>,
    /// Interpretation of "authorized but unissued shares" for the reserve
    /// of common: `false` (default) counts authorized − outstanding −
    /// treasury (treasury shares are issued); `true` also counts treasury
    /// shares as available.
    #[serde(default)]
    pub reserve_counts_treasury: bool,
    /// `[conversion.automatic]`, optional.
    #[serde(default)]
    pub automatic: Option<AutomaticConversion>,
}

/// `[forced_conversion]`: the company's right to force conversion.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ForcedConversionTerms {
    /// Test (a): the average Market Price at or above this multiple of the
    /// Conversion Price.
    pub price_multiple: Rate,
    /// Test (a): over this many consecutive trading days.
    pub trading_days: usize,
    /// Test (b): fewer than this fraction of the shares issued on the
    /// Closing Date outstanding.
    pub min_outstanding_fraction: Rate,
}

/// Whether the series is issued at one closing or several (`closings`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Closings {
    /// Every share on the Closing Date (a series whose figures run from it).
    One,
    /// Any number of closings, each lot with its own issue date.
    Several,
}

/// How votes count a holder's as-converted shares (`[votes] rounding`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum VoteRounding {
    /// Nearest whole vote, a half rounded up, after aggregating the
    /// holder's shares.
    Normal,
    /// The whole number of shares (the fraction dropped).
    Floor,
}

/// `[votes]`: the series votes with the common as converted.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VoteTerms {
    /// The rounding of each holder's as-converted shares; required.
    pub rounding: VoteRounding,
    /// The provisions (sections of the document) a majority of the holders
    /// may waive; a `waive` naming another is refused.
    #[serde(default)]
    pub waivable: Vec<String>,
}

/// Every clause key the preferred kind may cite. A term file's
/// `[sections]` maps each key its selections use to its document's section.
pub const SECTION_KEYS: &[&str] = &[
    // Definitions and issuance.
    "designation",
    "issuance.date-of-issue",
    "issuance.reacquired",
    "market-price",
    "market-price.last-trade",
    "market-price.fair-value",
    "current-market-value",
    // Conversion.
    "conversion.right",
    "conversion.ratio",
    "conversion.procedure",
    "conversion.effective-time",
    "conversion.redemption-notice",
    "conversion.reserve",
    "conversion.fractions",
    "conversion.automatic.offering",
    "conversion.automatic.vote",
    "conversion.forced",
    "conversion.forced.price",
    "conversion.forced.outstanding",
    // Anti-dilution.
    "anti-dilution",
    "anti-dilution.proportional",
    "anti-dilution.stock-dividend",
    "anti-dilution.split",
    "anti-dilution.combination",
    "anti-dilution.reclassification",
    "anti-dilution.merger",
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
    "anti-dilution.weighted-average",
    "anti-dilution.full-ratchet",
    "anti-dilution.deemed-issue",
    "anti-dilution.exempted",
    "anti-dilution.multiple-closings",
    // Votes, waivers and the status report.
    "votes",
    "waivers",
    "definitions",
    "dividends.accretion",
    "change-of-control.put",
    // Used by the series' state for the clauses other modules carry out.
    "dividends.record-date",
    "dividends.cash",
    "dividends.cash-election",
    "dividends.payment",
    "liquidation.amount",
    "redemption.mandatory",
    "redemption.obligation",
    "redemption.rights-cease",
    "redemption.change-of-control",
];

/// The whole term file of a preferred series.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Terms {
    /// The document the citations name ("Certificate").
    pub document: String,
    /// The document's full name for running text ("Certificate of
    /// Designation"); `document` when absent.
    #[serde(default)]
    pub document_title: Option<String>,
    /// Clause key → section of `document` ([`SECTION_KEYS`]).
    pub sections: Sections,
    /// The series' name in the document's words ("Series A"), for labels;
    /// the security id when absent.
    #[serde(default)]
    pub series_name: Option<String>,
    /// The series' designation ("Series A Preferred Stock"), for notices;
    /// `series_name` when absent.
    #[serde(default)]
    pub designation_name: Option<String>,
    /// The number of shares designated for the series.
    pub designated_shares: Shares,
    /// One closing or several; required.
    pub closings: Closings,
    /// The par value per share.
    pub par_value: Price,
    /// The original issue price per share (OCF `price_per_share`): the
    /// numerator of the conversion-price mechanism's ratio.
    #[serde(default)]
    pub original_issue_price: Option<Price>,
    /// The Accreted Value at issue, before any dividend is added to it
    /// (`dividends.kind = "pik-accretion"`).
    pub initial_accreted_value: Option<Price>,
    /// Interpretation (docs/interpretations.md "Exact Accreted Value"):
    /// `"cent"` rounds each accretion.
    #[serde(default)]
    pub accreted_value_rounding: AccretedValueRounding,
    /// "Current Market Value": the average of the daily Market Prices for
    /// this many consecutive trading days immediately preceding the date.
    pub current_market_value_days: Option<usize>,
    /// Dividends "which would have accrued" to this anniversary of the
    /// Closing Date are added before it (the make-whole).
    pub make_whole_anniversary: Option<i16>,
    /// Interpretation (docs/interpretations.md "Make-whole projection").
    #[serde(default)]
    pub make_whole_method: MakeWholeMethod,
    /// Dividends and accretion.
    pub dividends: DividendTerms,
    /// The right to convert.
    pub conversion: ConversionTerms,
    /// Optional and mandatory redemption.
    pub redemption: RedemptionTerms,
    /// The company's right to force conversion; optional.
    #[serde(default)]
    pub forced_conversion: Option<ForcedConversionTerms>,
    /// Other classes ranked senior, on a parity with or junior to this
    /// series. A class not listed is junior (classes whose terms do not
    /// expressly provide otherwise).
    #[serde(default)]
    pub rank: Vec<RankEntry>,
    /// The anti-dilution formula (owned by the anti-dilution module).
    pub anti_dilution: adjustment::AntiDilution,
    /// Votes; required.
    pub votes: VoteTerms,
    /// The definition of Change of Control and its put (owned by the
    /// change-of-control module); required.
    pub change_of_control: Option<change_of_control::ChangeOfControlTerms>,
    /// The liquidation preference, participation and rank
    /// (crate::liquidation_terms).
    pub liquidation: crate::liquidation_terms::LiquidationTerms,
    /// Actions that need the consent of the series' holders.
    #[serde(default)]
    pub protective_provisions: Vec<crate::liquidation_terms::ProtectiveProvision>,
}

impl Terms {
    /// The citation of clause `key` in the term file's document.
    pub fn cite(&self, key: &str) -> Clause {
        match self.sections.0.get(key) {
            Some(section) => Clause::new(self.document.clone(), section.clone()),
            None => Clause::new(self.document.clone(), format!("[{key}]")),
        }
    }

    /// The section of clause `key` as a reference in running text
    /// ("\u{a7}4.1"), for labels that name the clause they compute.
    pub fn sect(&self, key: &str) -> String {
        format!("{SECTION_SIGN}{}", self.cite(key).section)
    }

    /// The section of clause `key` as the document numbers it ("4.1").
    pub fn section(&self, key: &str) -> String {
        self.cite(key).section
    }

    /// The document and its sections, for a module that cites without the
    /// whole term file.
    pub fn citations(&self) -> Citations {
        Citations::new(self.document.clone(), self.sections.clone())
    }

    /// The document's name in running text ("Certificate of Designation"):
    /// `document_title`, else `document`.
    pub fn document_title(&self) -> String {
        self.document_title
            .clone()
            .unwrap_or_else(|| self.document.clone())
    }

    /// The forced-conversion terms, or the refusal a forced conversion
    /// gets when the term file has none.
    pub fn forced(&self) -> Option<&ForcedConversionTerms> {
        self.forced_conversion.as_ref()
    }

    /// The standing of `security` as to liquidation (unlisted is junior).
    pub fn liquidation_standing(&self, security: &SecurityId) -> Standing {
        self.rank
            .iter()
            .find(|r| &r.security == security)
            .map(|r| r.liquidation)
            .unwrap_or(Standing::Junior)
    }

    /// The standing of `security` as to dividends (unlisted is junior).
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

    /// The clause keys the term file's selections make the engine cite.
    pub fn required_keys(&self) -> Vec<&'static str> {
        let mut keys: Vec<&'static str> = vec![
            "designation",
            "issuance.date-of-issue",
            "issuance.reacquired",
            "conversion.right",
            "conversion.ratio",
            "conversion.procedure",
            "conversion.effective-time",
            "conversion.reserve",
            "conversion.fractions",
            "votes",
            "waivers",
        ];
        if self.conversion.fraction_value == Some(FractionValue::MarketPrice) {
            keys.extend(["market-price", "market-price.last-trade"]);
        }
        if let Some(a) = &self.conversion.automatic {
            if a.qualified_ipo_min_price.is_some() || a.qualified_ipo_min_proceeds.is_some() {
                keys.push("conversion.automatic.offering");
            }
            if a.requisite_fraction.is_some() {
                keys.push("conversion.automatic.vote");
            }
        }
        if self.forced_conversion.is_some() {
            keys.extend([
                "conversion.forced",
                "conversion.forced.price",
                "conversion.forced.outstanding",
                "market-price.fair-value",
            ]);
        }
        keys.extend(self.anti_dilution.required_keys());
        keys
    }

    /// Checks what serde cannot: non-empty payment dates, sane windows,
    /// every count, rate and number of days on the right side of zero (a
    /// negative `designated_shares` is no series of shares), the fields each
    /// selection needs, and a section for every clause the selections cite.
    pub fn validate(&self) -> Result<(), FieldError> {
        use terms::toml_load::{not_negative, positive};
        positive(
            "designated_shares",
            self.designated_shares,
            "a number of shares designated",
        )?;
        not_negative("par_value", self.par_value, "a par value")?;
        if let Some(p) = self.original_issue_price {
            positive("original_issue_price", p, "the original issue price")?;
        }
        self.validate_conversion()?;
        if self.closings == Closings::Several
            && self.conversion.mechanism == ConversionMechanism::PreferenceOverDivisor
        {
            return Err(FieldError::new(
                "closings",
                "cannot be \"several\" with `[conversion] mechanism = \"preference-over-divisor\"`: the ratio follows one Accreted Value, anchored on the Closing Date",
            ));
        }
        if let Some(f) = &self.forced_conversion {
            positive(
                "forced_conversion.price_multiple",
                f.price_multiple,
                "a multiple of the Conversion Price",
            )?;
            not_negative(
                "forced_conversion.min_outstanding_fraction",
                f.min_outstanding_fraction,
                "a fraction",
            )?;
            positive(
                "forced_conversion.trading_days",
                f.trading_days,
                "an averaging window in trading days",
            )?;
        }
        self.anti_dilution.validate()?;
        if let Some(c) = &self.change_of_control {
            crate::change_of_control::validate(c)?;
        }
        // The economic clauses' tables check their own fields and require
        // the keys their selections cite.
        crate::liquidation_terms::validate(self)?;
        let citations = self.citations();
        let known: Vec<&str> = SECTION_KEYS
            .iter()
            .chain(crate::liquidation_terms::SECTION_KEYS)
            .copied()
            .collect();
        citations.check(&known)?;
        citations.require(&self.required_keys())?;
        Ok(())
    }

    /// The fields each conversion selection needs.
    fn validate_conversion(&self) -> Result<(), FieldError> {
        use terms::toml_load::positive;
        let c = &self.conversion;
        match c.mechanism {
            ConversionMechanism::PreferenceOverDivisor => {
                let divisor = c.divisor.ok_or_else(|| {
                    FieldError::new(
                        "conversion.divisor",
                        "is required by `mechanism = \"preference-over-divisor\"` (the ratio is the Liquidation Preference divided by it)",
                    )
                })?;
                positive(
                    "conversion.divisor",
                    divisor,
                    "the Conversion Ratio's divisor",
                )?;
            }
            ConversionMechanism::ConversionPrice => {
                let cp = c.initial_conversion_price.ok_or_else(|| {
                    FieldError::new(
                        "conversion.initial_conversion_price",
                        "is required by `mechanism = \"conversion-price\"` (the ratio is the original issue price divided by the Conversion Price)",
                    )
                })?;
                positive(
                    "conversion.initial_conversion_price",
                    cp,
                    "a Conversion Price",
                )?;
                if self.original_issue_price.is_none() {
                    return Err(FieldError::new(
                        "original_issue_price",
                        "is required by `[conversion] mechanism = \"conversion-price\"` (the ratio's numerator)",
                    ));
                }
            }
        }
        if c.fractions == Fractions::Cash && c.fraction_value.is_none() {
            return Err(FieldError::new(
                "conversion.fraction_value",
                "is required by `fractions = \"cash\"`: \"market-price\" or \"fair-value\"",
            ));
        }
        if let Some(a) = &c.automatic {
            if a.qualified_ipo_min_price.is_some() != a.qualified_ipo_min_proceeds.is_some() {
                return Err(FieldError::new(
                    if a.qualified_ipo_min_price.is_none() {
                        "conversion.automatic.qualified_ipo_min_price"
                    } else {
                        "conversion.automatic.qualified_ipo_min_proceeds"
                    },
                    "is required with the other qualified-offering threshold",
                ));
            }
            if let Some(f) = a.requisite_fraction {
                positive(
                    "conversion.automatic.requisite_fraction",
                    f,
                    "a fraction of the series",
                )?;
                if a.requisite_strict.is_none() {
                    return Err(FieldError::new(
                        "conversion.automatic.requisite_strict",
                        "is required with `requisite_fraction`: true (more than the fraction) or false (at least)",
                    ));
                }
                if a.requisite_of.is_none() {
                    return Err(FieldError::new(
                        "conversion.automatic.requisite_of",
                        "is required with `requisite_fraction`: \"series\"",
                    ));
                }
            }
        }
        Ok(())
    }
}

/// The section sign, written once: citations in running text are the
/// sign and the section the term file gives.
pub const SECTION_SIGN: char = '\u{a7}';
