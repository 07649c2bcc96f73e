//! The warrant's term file: the numbers and choices of the form of warrant.
//!
//! One term file describes a *form* of stock subscription warrant (the
//! Cisco warrants of CTC are two warrants "on this form"). What differs from
//! one warrant to another — the holder, the number of shares, the initial
//! Warrant Price, the date of initial issuance — is recorded by the
//! `issue-warrant` journal event, not here, so both warrants share the file.
//! Every field's doc comment quotes the clause it encodes; where a clause is
//! ambiguous, the field selects the reading (docs/interpretations.md,
//! "Warrant (Stock Subscription Warrant)").

use serde::{Deserialize, Serialize};
use terms::SecurityId;
use units::Shares;

/// A form of stock subscription warrant.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct WarrantTerms {
    /// Short name of the document used in clause citations (`Warrant §6(i)`).
    #[serde(default = "default_document")]
    pub document: String,
    /// §1 "Term of this Warrant": "the period beginning on the date of
    /// initial issuance hereof and ending on the seventh (7th) anniversary of
    /// such date of initial issuance." The number of years (7).
    pub term_years: i16,
    /// §2.1, §11: exercise, payment and fractions.
    pub exercise: ExerciseTerms,
    /// §6(vii) "Current Market Price".
    pub current_market_price: CurrentMarketPriceTerms,
    /// §5, §6: adjustments.
    pub adjustment: AdjustmentTerms,
    /// §6(ii) "Excluded Stock".
    pub excluded_stock: ExcludedStockTerms,
    /// §8, §9, §10: notice periods.
    pub notices: NoticeTerms,
    /// §3 reserve covenant.
    #[serde(default)]
    pub reserve: ReserveTerms,
}

fn default_document() -> String {
    "Warrant".to_string()
}

/// §2.1 and §11.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ExerciseTerms {
    /// §2.1 (ii): "cash, certified or official bank check payable to the
    /// order of Company, wire transfer of funds to Company's account, or
    /// cancellation of any indebtedness of Company to Holder (or any
    /// combination of any of the foregoing)". The accepted payment methods,
    /// as journal metadata keys: `cash`, `check`, `wire`,
    /// `cancel-indebtedness`.
    pub payment_methods: Vec<String>,
    /// §2.1: "if the Current Market Price ... is greater than the Warrant
    /// Price ..., Holder may elect to receive shares of Common Stock equal to
    /// the value ... CS = WCS x (CMP-WP) / CMP". Whether the form has the net
    /// exercise election.
    pub net_exercise: bool,
    /// §2.1 "a reasonable time, not exceeding fifteen (15) days": days within
    /// which certificates (and any new Warrant) are to be delivered; shown as
    /// the delivery due date of an exercise.
    pub delivery_days: i32,
    /// §11 applied to a net exercise: "Fractional shares shall not be issued
    /// upon the exercise of this Warrant but in any case where Holder would
    /// ... be entitled to receive a fractional share upon the complete
    /// exercise ..." and §2.1 "that number of whole shares". See
    /// [`NetExerciseFraction`].
    #[serde(default)]
    pub net_exercise_fraction: NetExerciseFraction,
    /// §2.1: "a new Warrant representing the number of shares (except a
    /// remaining fractional share), if any, with respect to which this
    /// Warrant shall not then have been exercised". See
    /// [`ReplacementFraction`].
    #[serde(default)]
    pub replacement_fraction: ReplacementFraction,
}

/// How the fractional share produced by the §2.1 net-exercise formula is
/// settled (docs/interpretations.md, "§11 and net exercise").
#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum NetExerciseFraction {
    /// On a complete exercise the CS fraction is paid in cash at its value
    /// (the Warrant Price was already paid in withheld value, so nothing more
    /// is deducted); on a partial exercise it is not issued (§2.1 "whole
    /// shares"). The default.
    #[default]
    CashOnComplete,
    /// The CS fraction is always paid in cash at its value.
    CashAlways,
    /// The CS fraction is never paid ("whole shares" read alone).
    Truncate,
}

/// What becomes of a remaining fractional Warrant Share on a partial
/// exercise (docs/interpretations.md, "The replacement warrant's fraction").
#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum ReplacementFraction {
    /// The holder keeps the fraction as a right settled under §11 on the
    /// complete exercise; the replacement is denominated in whole shares
    /// plus that right. The default.
    #[default]
    Carry,
    /// The fraction is settled in cash under §11 at the partial exercise and
    /// the replacement warrant is for whole shares only.
    CashNow,
}

/// The calendar of the §6(vii) window's "business days".
#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum WindowCalendar {
    /// New York banking days (Federal Reserve holidays closed).
    Banking,
    /// The exchange's trading days.
    Exchange,
}

impl WindowCalendar {
    /// The calendar the market crate counts in.
    pub fn calendar(self) -> calendar::Calendar {
        match self {
            WindowCalendar::Banking => calendar::Calendar::Business,
            WindowCalendar::Exchange => calendar::Calendar::Trading,
        }
    }
}

/// §6(vii).
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct CurrentMarketPriceTerms {
    /// §6(vii): "the average of the daily closing prices for the 15
    /// consecutive business days ending on the last business day before the
    /// day in question".
    pub business_days: usize,
    /// Which days the window counts as "business days" (the form does not
    /// define the term): `banking` (New York banking days; a banking day on
    /// which the exchange was closed takes the last reported price) or
    /// `exchange` (the exchange's trading days). Absent: the book's `option
    /// business-days`, banking by default (docs/interpretations.md).
    #[serde(default)]
    pub calendar: Option<WindowCalendar>,
    /// §6(vii): "if Holder disputes in writing any determination so made by
    /// the Company's Board of Directors within 30 days of being informed of
    /// such determination".
    pub dispute_days: i32,
}

/// §5 and §6.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct AdjustmentTerms {
    /// §6(vi) "All calculations under this Section 6 shall be made to the
    /// nearest cent": whether the initial Warrant Price stated on the face
    /// ($2.408) is kept as stated until the first adjustment (`as-stated`)
    /// or rounded to the cent at issuance (`nearest-cent`).
    #[serde(default)]
    pub initial_price: InitialPrice,
    /// §6(i)(A)(x), (B): "the total number of shares of Common Stock
    /// outstanding (including any shares of Common Stock deemed to have been
    /// issued pursuant to subdivision (3) of this clause (i) and to clause
    /// (ii) below)". See [`Base`].
    #[serde(default)]
    pub base: Base,
    /// §6(v): "a cash dividend upon its Common Stock payable otherwise than
    /// out of earnings or earned surplus". Whether a cash dividend whose
    /// source the journal does not record (`dividend-source`) is taken to be
    /// paid out of earnings or earned surplus (no adjustment).
    pub cash_dividends_from_earnings_by_default: bool,
    /// §6(i)(3)(C): "on any change in the number of shares of Common Stock
    /// deliverable upon exercise of any such options or rights ... the
    /// Warrant Price shall forthwith be readjusted". The clause names only a
    /// change in the number of shares; `true` also readjusts on a change in
    /// the exercise price (the reading of forms that say "purchase price or
    /// number of shares").
    #[serde(default)]
    pub readjust_on_exercise_price_change: bool,
    /// §6(v): the Current Market Price in the distribution formula is taken
    /// "at" the record date (`record-date`) or at the business day after it
    /// (`effective-date`).
    #[serde(default)]
    pub distribution_cmp_at: DistributionCmpAt,
}

/// Which initial Warrant Price applies before any adjustment.
#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum InitialPrice {
    /// The price as stated on the face ($2.408) until the first adjustment;
    /// §6(vi) rounds the results of §6 calculations only. The default.
    #[default]
    AsStated,
    /// Rounded to the nearest cent at issuance.
    NearestCent,
}

/// The share base of the §6(i) formula.
#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Base {
    /// Common outstanding plus the shares deemed issued under §6(i)(3) for
    /// options, rights and convertibles issued during the Term and not yet
    /// exercised or expired. The default (the clause's words).
    #[default]
    OutstandingPlusDeemed,
    /// The book's fully diluted common (every exercisable or convertible
    /// security, including those outstanding before the warrant's date).
    FullyDiluted,
}

/// When the §6(v) Current Market Price is taken.
#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum DistributionCmpAt {
    /// At the record date (the window ends the business day before it).
    #[default]
    RecordDate,
    /// At the business day following the record date.
    EffectiveDate,
}

/// §6(ii) "Excluded Stock".
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq, Default)]
#[serde(deny_unknown_fields)]
pub struct ExcludedStockTerms {
    /// §6(ii)(2): "to directors, officers, or employees of, or consultants
    /// to, Company under any stock option or other similar incentive plan
    /// approved by the Board of Directors of Company as in effect on the
    /// date of this Warrant". The security ids under which the journal
    /// records options granted under the plans in effect on the warrant's
    /// date; options of any other plan are not Excluded Stock.
    pub plan_securities: Vec<SecurityId>,
    /// §6(ii)(2) for common issued directly under an employee plan
    /// (`issue-common ... purpose: employee-plan`): the corporate action
    /// does not name the plan, so this says whether such issuances are
    /// taken to be under a plan in effect on the warrant's date.
    pub plan_common_excluded: bool,
    /// §6(ii)(2): "(appropriately adjusted for stock splits and
    /// combinations) ... under any stock option or other similar incentive
    /// plan ... as in effect on the date of this Warrant". The number of
    /// shares each plan, as in effect on the warrant's date, allows to be
    /// issued (or deemed issued under §6(i)(3)) from then on. Issuances of a
    /// listed plan beyond its limit are not Excluded Stock and adjust under
    /// §6(i). A plan of `plan_securities` without a limit here is not
    /// limited. See [`PlanLimit`].
    #[serde(default)]
    pub plan_limits: Vec<PlanLimit>,
}

/// One plan's share limit "as in effect on the date of this Warrant"
/// (§6(ii)(2)).
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct PlanLimit {
    /// The security id under which the journal records the plan's options
    /// (one of `plan_securities`).
    pub security: SecurityId,
    /// §6(ii)(2): the shares that may still be issued or optioned under the
    /// plan "as in effect on the date of this Warrant", in shares of that
    /// date; the warrant scales it by every §6(iii)/(iv) split or
    /// combination since ("appropriately adjusted for stock splits and
    /// combinations").
    pub shares: Shares,
}

/// §8, §9, §10 notice periods.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct NoticeTerms {
    /// §8: "Company shall give 30 days' prior written notice thereof to
    /// Holder".
    pub reorganization_days: i32,
    /// §9: "shall make no distribution to shareholders until the expiration
    /// of thirty (30) days from the date of mailing of the aforesaid notice
    /// and ... Holder hereof may exercise this Warrant within thirty (30)
    /// days from the date of the giving of such notice".
    pub dissolution_days: i32,
    /// §10: "shall mail notice thereof to Holder hereof not less than thirty
    /// (30) days prior to the record date".
    pub extraordinary_dividend_days: i32,
}

/// §3 covenants as to Common Stock.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ReserveTerms {
    /// §3: "Company shall at all times have authorized and reserved, free
    /// from preemptive rights, a sufficient number of shares of Common Stock
    /// to provide for the exercise of the rights represented by this
    /// Warrant." Whether to warn when authorized but unissued common falls
    /// short of the shares purchasable under the warrant.
    pub check: bool,
}

impl Default for ReserveTerms {
    fn default() -> Self {
        ReserveTerms { check: true }
    }
}

impl WarrantTerms {
    /// Loads a term file and checks it: every error at its field's line and
    /// column in the file (T0001 for what serde refuses, T0201 for what
    /// [`WarrantTerms::validate`] refuses).
    pub fn load(file: journal::FileId, text: &str) -> Result<WarrantTerms, journal::Diagnostic> {
        let t: WarrantTerms = ::terms::load_terms(file, text)?;
        t.validate()
            .map_err(|e| e.diagnostic("T0201", file, text))?;
        Ok(t)
    }

    /// Checks what serde cannot: every term, window and notice period the
    /// form fixes on the right side of zero (a warrant with a negative Term
    /// or a Current Market Price averaged over no days is no warrant).
    pub fn validate(&self) -> Result<(), ::terms::FieldError> {
        use ::terms::toml_load::{not_negative, positive};
        positive("term_years", self.term_years, "the Term in years (§1)")?;
        not_negative(
            "exercise.delivery_days",
            self.exercise.delivery_days,
            "the days to deliver certificates (§2)",
        )?;
        positive(
            "current_market_price.business_days",
            self.current_market_price.business_days,
            "the Current Market Price window (§6(vii))",
        )?;
        not_negative(
            "current_market_price.dispute_days",
            self.current_market_price.dispute_days,
            "the days to dispute a determination (§6(vii))",
        )?;
        not_negative(
            "notices.reorganization_days",
            self.notices.reorganization_days,
            "a notice period (§8)",
        )?;
        not_negative(
            "notices.dissolution_days",
            self.notices.dissolution_days,
            "a notice period (§9)",
        )?;
        not_negative(
            "notices.extraordinary_dividend_days",
            self.notices.extraordinary_dividend_days,
            "a notice period (§10)",
        )?;
        // `plan_limits` is an inline array: the error points at its key.
        for limit in &self.excluded_stock.plan_limits {
            not_negative(
                "excluded_stock.plan_limits",
                limit.shares,
                &format!(
                    "the share limit of {} as in effect on the date of the Warrant (§6(ii)(2))",
                    limit.security
                ),
            )?;
        }
        Ok(())
    }

    /// The citation of a section of this form.
    pub fn clause(&self, section: &str) -> units::Clause {
        units::Clause::new(self.document.clone(), section)
    }
}
