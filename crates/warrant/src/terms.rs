//! The warrant's term file: the numbers and choices of the form of warrant.
//!
//! One term file describes a *form* of stock subscription warrant (several
//! warrants may be issued "on this form"). What differs from
//! one warrant to another — the holder, the number of shares, the initial
//! Warrant Price, the date of initial issuance — is recorded by the
//! `issue-warrant` journal event, not here, so both warrants share the file.
//! Every field's doc comment quotes the clause it encodes; where a clause is
//! ambiguous, the field selects the reading (docs/interpretations.md,
//! "Warrant (Stock Subscription Warrant)").

use serde::{Deserialize, Serialize};
use terms::{Citations, FieldError, Sections, SecurityId};
use units::{Clause, Shares};

/// Every clause key the warrant cites. A term file's `[sections]` table maps
/// each key its selected clauses use to the form's own section number
/// ([`WarrantTerms::required_keys`]); a key not listed here is refused
/// (T0201), so a misspelt key is never silently ignored.
pub const SECTION_KEYS: &[&str] = &[
    "term",
    "definitions.warrant-price",
    "exercise",
    "exercise.delivery",
    "net-exercise",
    "reserve",
    "share-adjustment",
    "price-adjustment",
    "price-adjustment.issuance",
    "price-adjustment.consideration.cash",
    "price-adjustment.consideration.non-cash",
    "price-adjustment.deemed-issuance",
    "price-adjustment.deemed-issuance.change",
    "price-adjustment.deemed-issuance.expiry",
    "price-adjustment.excluded-stock",
    "price-adjustment.subdivision",
    "price-adjustment.combination",
    "price-adjustment.distribution",
    "price-adjustment.rounding",
    "price-adjustment.effective-date",
    "price-adjustment.due-bill",
    "current-market-price",
    "notices.adjustment-statement",
    "notices.proposed-action",
    "notices.extraordinary-dividend",
    "transfer",
    "transfer.ownership",
    "transfer.exchange",
    "reorganization",
    "dissolution",
    "fractional-shares",
];

/// The keys every warrant cites whatever its selections.
const ALWAYS: &[&str] = &[
    "term",
    "definitions.warrant-price",
    "exercise",
    "exercise.delivery",
    "reserve",
    "share-adjustment",
    "price-adjustment",
    "price-adjustment.subdivision",
    "price-adjustment.combination",
    "price-adjustment.distribution",
    "price-adjustment.rounding",
    "price-adjustment.effective-date",
    "price-adjustment.due-bill",
    "current-market-price",
    "notices.adjustment-statement",
    "notices.proposed-action",
    "notices.extraordinary-dividend",
    "transfer.ownership",
    "transfer.exchange",
    "reorganization",
    "dissolution",
    "fractional-shares",
];

/// The keys the price-based adjustment on issuances cites.
const PRICE_BASED: &[&str] = &[
    "price-adjustment.issuance",
    "price-adjustment.consideration.cash",
    "price-adjustment.consideration.non-cash",
    "price-adjustment.deemed-issuance",
    "price-adjustment.deemed-issuance.change",
    "price-adjustment.deemed-issuance.expiry",
    "price-adjustment.excluded-stock",
];

/// A form of stock subscription warrant.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct WarrantTerms {
    /// Short name of the document used in clause citations (``price-adjustment.issuance``).
    #[serde(default = "default_document")]
    pub document: String,
    /// Clause key → the form's section number (`"net-exercise" = "2.1"`):
    /// every citation the warrant prints comes from here.
    #[serde(default, skip_serializing)]
    pub sections: Sections,
    /// `term` "Term of this Warrant": "the period beginning on the date of
    /// initial issuance hereof and ending on the seventh (7th) anniversary of
    /// such date of initial issuance." The number of years (7).
    pub term_years: i16,
    /// `exercise`, `fractional-shares`: exercise, payment and fractions.
    pub exercise: ExerciseTerms,
    /// `current-market-price` "Current Market Price".
    pub current_market_price: CurrentMarketPriceTerms,
    /// `share-adjustment`, `price-adjustment`: adjustments.
    pub adjustment: AdjustmentTerms,
    /// The Excluded Stock of the price-based adjustment on issuances:
    /// required when `adjustment.price_adjustment` selects one, refused as
    /// meaningless otherwise.
    #[serde(default)]
    pub excluded_stock: Option<ExcludedStockTerms>,
    /// `reorganization`, `dissolution`, `notices.extraordinary-dividend`: notice periods.
    pub notices: NoticeTerms,
    /// `reserve` reserve covenant.
    #[serde(default)]
    pub reserve: ReserveTerms,
}

fn default_document() -> String {
    "Warrant".to_string()
}

/// `exercise` and `fractional-shares`.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ExerciseTerms {
    /// `exercise` (ii): "cash, certified or official bank check payable to the
    /// order of Company, wire transfer of funds to Company's account, or
    /// cancellation of any indebtedness of Company to Holder (or any
    /// combination of any of the foregoing)". The accepted payment methods,
    /// as journal metadata keys: `cash`, `check`, `wire`,
    /// `cancel-indebtedness`.
    pub payment_methods: Vec<String>,
    /// `exercise`: "if the Current Market Price ... is greater than the Warrant
    /// Price ..., Holder may elect to receive shares of Common Stock equal to
    /// the value ... CS = WCS x (CMP-WP) / CMP". Whether the form has the net
    /// exercise election.
    pub net_exercise: bool,
    /// `exercise` "a reasonable time, not exceeding fifteen (15) days": days within
    /// which certificates (and any new Warrant) are to be delivered; shown as
    /// the delivery due date of an exercise.
    pub delivery_days: i32,
    /// `fractional-shares` applied to a net exercise: "Fractional shares shall not be issued
    /// upon the exercise of this Warrant but in any case where Holder would
    /// ... be entitled to receive a fractional share upon the complete
    /// exercise ..." and `exercise` "that number of whole shares". See
    /// [`NetExerciseFraction`].
    #[serde(default)]
    pub net_exercise_fraction: NetExerciseFraction,
    /// `exercise`: "a new Warrant representing the number of shares (except a
    /// remaining fractional share), if any, with respect to which this
    /// Warrant shall not then have been exercised". See
    /// [`ReplacementFraction`].
    #[serde(default)]
    pub replacement_fraction: ReplacementFraction,
}

/// How the fractional share produced by the `exercise` net-exercise formula is
/// settled (docs/interpretations.md, "`fractional-shares` and net exercise").
#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum NetExerciseFraction {
    /// On a complete exercise the CS fraction is paid in cash at its value
    /// (the Warrant Price was already paid in withheld value, so nothing more
    /// is deducted); on a partial exercise it is not issued (`exercise` "whole
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
    /// The holder keeps the fraction as a right settled under `fractional-shares` on the
    /// complete exercise; the replacement is denominated in whole shares
    /// plus that right. The default.
    #[default]
    Carry,
    /// The fraction is settled in cash under `fractional-shares` at the partial exercise and
    /// the replacement warrant is for whole shares only.
    CashNow,
}

/// The calendar of the `current-market-price` window's "business days".
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

/// `current-market-price`.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct CurrentMarketPriceTerms {
    /// `current-market-price`: "the average of the daily closing prices for the 15
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
    /// `current-market-price`: "if Holder disputes in writing any determination so made by
    /// the Company's Board of Directors within 30 days of being informed of
    /// such determination".
    pub dispute_days: i32,
}

/// `share-adjustment` and `price-adjustment`.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct AdjustmentTerms {
    /// Whether an issuance of common (or of options, rights or convertible
    /// securities, deemed an issuance of the common they deliver) below the
    /// Warrant Price lowers it. Required: the choice changes every figure.
    /// Subdivisions, combinations, distributions and reorganizations adjust
    /// either way (they are not price-based).
    pub price_adjustment: PriceAdjustment,
    /// `price-adjustment.rounding` "All calculations under this Section 6 shall be made to the
    /// nearest cent": whether the initial Warrant Price stated on the face
    /// (possibly to a tenth of a cent) is kept as stated until the first adjustment (`as-stated`)
    /// or rounded to the cent at issuance (`nearest-cent`).
    #[serde(default)]
    pub initial_price: InitialPrice,
    /// `price-adjustment.issuance`: "the total number of shares of Common Stock
    /// outstanding (including any shares of Common Stock deemed to have been
    /// issued pursuant to subdivision (3) of this clause (i) and to clause
    /// (ii) below)". See [`Base`].
    #[serde(default)]
    pub base: Base,
    /// `price-adjustment.distribution`: "a cash dividend upon its Common Stock payable otherwise than
    /// out of earnings or earned surplus". Whether a cash dividend whose
    /// source the journal does not record (`dividend-source`) is taken to be
    /// paid out of earnings or earned surplus (no adjustment).
    pub cash_dividends_from_earnings_by_default: bool,
    /// `price-adjustment.deemed-issuance.change`: "on any change in the number of shares of Common Stock
    /// deliverable upon exercise of any such options or rights ... the
    /// Warrant Price shall forthwith be readjusted". The clause names only a
    /// change in the number of shares; `true` also readjusts on a change in
    /// the exercise price (the reading of forms that say "purchase price or
    /// number of shares").
    #[serde(default)]
    pub readjust_on_exercise_price_change: bool,
    /// `price-adjustment.distribution`: the Current Market Price in the distribution formula is taken
    /// "at" the record date (`record-date`) or at the business day after it
    /// (`effective-date`).
    #[serde(default)]
    pub distribution_cmp_at: DistributionCmpAt,
}

/// The price-based adjustment of the Warrant Price on issuances.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum PriceAdjustment {
    /// Issuances change neither the price nor the shares.
    None,
    /// An issuance for a consideration per share below the Warrant Price
    /// lowers it to (shares outstanding before × price before +
    /// consideration) ÷ shares outstanding after, the base counting the
    /// shares deemed issued for options, rights and convertibles
    /// (`adjustment.base`), Excluded Stock (`[excluded_stock]`) never
    /// adjusting.
    WeightedAverage,
}

/// Which initial Warrant Price applies before any adjustment.
#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum InitialPrice {
    /// The price as stated on the face until the first adjustment;
    /// `price-adjustment.rounding` rounds the results of `price-adjustment` calculations only. The default.
    #[default]
    AsStated,
    /// Rounded to the nearest cent at issuance.
    NearestCent,
}

/// The share base of the `price-adjustment.issuance` formula.
#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Base {
    /// Common outstanding plus the shares deemed issued under `price-adjustment.deemed-issuance` for
    /// options, rights and convertibles issued during the Term and not yet
    /// exercised or expired. The default (the clause's words).
    #[default]
    OutstandingPlusDeemed,
    /// The book's fully diluted common (every exercisable or convertible
    /// security, including those outstanding before the warrant's date).
    FullyDiluted,
}

/// When the `price-adjustment.distribution` Current Market Price is taken.
#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum DistributionCmpAt {
    /// At the record date (the window ends the business day before it).
    #[default]
    RecordDate,
    /// At the business day following the record date.
    EffectiveDate,
}

/// `price-adjustment.excluded-stock` "Excluded Stock".
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq, Default)]
#[serde(deny_unknown_fields)]
pub struct ExcludedStockTerms {
    /// `price-adjustment.excluded-stock`: "to directors, officers, or employees of, or consultants
    /// to, Company under any stock option or other similar incentive plan
    /// approved by the Board of Directors of Company as in effect on the
    /// date of this Warrant". The security ids under which the journal
    /// records options granted under the plans in effect on the warrant's
    /// date; options of any other plan are not Excluded Stock.
    pub plan_securities: Vec<SecurityId>,
    /// `price-adjustment.excluded-stock` for common issued directly under an employee plan
    /// (`issue-common ... purpose: employee-plan`): the corporate action
    /// does not name the plan, so this says whether such issuances are
    /// taken to be under a plan in effect on the warrant's date.
    pub plan_common_excluded: bool,
    /// `price-adjustment.excluded-stock`: "(appropriately adjusted for stock splits and
    /// combinations) ... under any stock option or other similar incentive
    /// plan ... as in effect on the date of this Warrant". The number of
    /// shares each plan, as in effect on the warrant's date, allows to be
    /// issued (or deemed issued under `price-adjustment.deemed-issuance`) from then on. Issuances of a
    /// listed plan beyond its limit are not Excluded Stock and adjust under
    /// `price-adjustment.issuance`. A plan of `plan_securities` without a limit here is not
    /// limited. See [`PlanLimit`].
    #[serde(default)]
    pub plan_limits: Vec<PlanLimit>,
}

/// One plan's share limit "as in effect on the date of this Warrant"
/// (`price-adjustment.excluded-stock`).
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct PlanLimit {
    /// The security id under which the journal records the plan's options
    /// (one of `plan_securities`).
    pub security: SecurityId,
    /// `price-adjustment.excluded-stock`: the shares that may still be issued or optioned under the
    /// plan "as in effect on the date of this Warrant", in shares of that
    /// date; the warrant scales it by every `price-adjustment.subdivision`/`price-adjustment.combination` split or
    /// combination since ("appropriately adjusted for stock splits and
    /// combinations").
    pub shares: Shares,
}

/// `reorganization`, `dissolution`, `notices.extraordinary-dividend` notice periods.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct NoticeTerms {
    /// `reorganization`: "Company shall give 30 days' prior written notice thereof to
    /// Holder".
    pub reorganization_days: i32,
    /// `dissolution`: "shall make no distribution to shareholders until the expiration
    /// of thirty (30) days from the date of mailing of the aforesaid notice
    /// and ... Holder hereof may exercise this Warrant within thirty (30)
    /// days from the date of the giving of such notice".
    pub dissolution_days: i32,
    /// `notices.extraordinary-dividend`: "shall mail notice thereof to Holder hereof not less than thirty
    /// (30) days prior to the record date".
    pub extraordinary_dividend_days: i32,
}

/// `reserve` covenants as to Common Stock.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ReserveTerms {
    /// `reserve`: "Company shall at all times have authorized and reserved, free
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

    /// The clause keys this form's selections make the warrant cite: each
    /// must be mapped in `[sections]`.
    pub fn required_keys(&self) -> Vec<&'static str> {
        let mut keys: Vec<&'static str> = ALWAYS.to_vec();
        if self.exercise.net_exercise {
            keys.push("net-exercise");
        }
        if self.adjustment.price_adjustment == PriceAdjustment::WeightedAverage {
            keys.extend_from_slice(PRICE_BASED);
        }
        keys
    }

    /// The form's citations: its document name and `[sections]`.
    pub fn citations(&self) -> Citations {
        Citations::new(self.document.clone(), self.sections.clone())
    }

    /// Checks what serde cannot: every section key known and every key the
    /// selected clauses cite mapped; the tables the selected adjustment
    /// needs present (and absent when it is not selected); every term,
    /// window and notice period the form fixes on the right side of zero
    /// (a warrant with a negative Term or a Current Market Price averaged
    /// over no days is no warrant).
    pub fn validate(&self) -> Result<(), FieldError> {
        use ::terms::toml_load::{not_negative, positive};
        let citations = self.citations();
        citations.check(SECTION_KEYS)?;
        citations.require(&self.required_keys())?;
        match (self.adjustment.price_adjustment, &self.excluded_stock) {
            (PriceAdjustment::WeightedAverage, None) => {
                return Err(FieldError::new(
                    "excluded_stock",
                    format!(
                        "is required when `adjustment.price_adjustment = \"weighted-average\"`: the issuances that never adjust the price ({})",
                        self.clause("price-adjustment.excluded-stock")
                    ),
                ))
            }
            (PriceAdjustment::None, Some(_)) => {
                return Err(FieldError::new(
                    "excluded_stock",
                    "has no effect when `adjustment.price_adjustment = \"none\"` (no issuance adjusts the price): remove the table or select the adjustment",
                ))
            }
            _ => {}
        }
        positive(
            "term_years",
            self.term_years,
            &format!("the Term in years ({})", self.mark("term")),
        )?;
        not_negative(
            "exercise.delivery_days",
            self.exercise.delivery_days,
            &format!(
                "the days to deliver certificates ({})",
                self.mark("exercise.delivery")
            ),
        )?;
        positive(
            "current_market_price.business_days",
            self.current_market_price.business_days,
            &format!(
                "the Current Market Price window ({})",
                self.mark("current-market-price")
            ),
        )?;
        not_negative(
            "current_market_price.dispute_days",
            self.current_market_price.dispute_days,
            &format!(
                "the days to dispute a determination ({})",
                self.mark("current-market-price")
            ),
        )?;
        for (field, days, key) in [
            (
                "notices.reorganization_days",
                self.notices.reorganization_days,
                "reorganization",
            ),
            (
                "notices.dissolution_days",
                self.notices.dissolution_days,
                "dissolution",
            ),
            (
                "notices.extraordinary_dividend_days",
                self.notices.extraordinary_dividend_days,
                "notices.extraordinary-dividend",
            ),
        ] {
            not_negative(
                field,
                days,
                &format!("a notice period ({})", self.mark(key)),
            )?;
        }
        // `plan_limits` is an inline array: the error points at its key.
        for limit in self.excluded_stock.iter().flat_map(|e| &e.plan_limits) {
            not_negative(
                "excluded_stock.plan_limits",
                limit.shares,
                &format!(
                    "the share limit of {} as in effect on the date of the Warrant ({})",
                    limit.security,
                    self.mark("price-adjustment.excluded-stock")
                ),
            )?;
        }
        Ok(())
    }

    /// The citation of clause `key` of this form (the section its
    /// `[sections]` table gives; the key in brackets when unmapped, which
    /// [`WarrantTerms::validate`] prevents for every key the form cites).
    pub fn clause(&self, key: &str) -> Clause {
        match self.sections.0.get(key) {
            Some(section) => Clause::new(self.document.clone(), section.clone()),
            None => Clause::new(self.document.clone(), format!("[{key}]")),
        }
    }

    /// Two citations of one document written as one: the second shortened
    /// to its last parenthesized part when both are sub-clauses of one
    /// section (sections `6(iii)` and `6(iv)` print as the first's mark,
    /// a slash, and `(iv)`), else both marks joined by a slash.
    pub fn mark_pair(&self, a: &str, b: &str) -> String {
        let (sa, sb) = (self.clause(a).section, self.clause(b).section);
        match (sa.rsplit_once('('), sb.rsplit_once('(')) {
            (Some((pa, _)), Some((pb, tail))) if pa == pb && !pa.is_empty() => {
                format!("{}/({tail}", self.mark(a))
            }
            _ => format!("{}/{}", self.mark(a), self.mark(b)),
        }
    }

    /// The citation of clause `key` without the document's name, as a
    /// message inside the document's own schedule prints it.
    pub fn mark(&self, key: &str) -> String {
        section_mark(&self.clause(key))
    }
}

/// A citation without its document's name: the citation as `Clause`
/// prints it, less the leading document name.
pub fn section_mark(c: &Clause) -> String {
    let full = c.to_string();
    match full.strip_prefix(c.document.as_str()) {
        Some(rest) => rest.trim_start().to_string(),
        None => full,
    }
}
