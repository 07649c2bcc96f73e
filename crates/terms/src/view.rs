//! What an instrument may read of the book, and what it may ask of it.
//!
//! Instruments never own positions: the ledger does. When an instrument
//! needs a holder's position or the common stock outstanding, it reads it
//! through [`BookView`]; when an event of its own moves shares or cash (a
//! conversion issues common and cancels preferred), it returns [`Effect`]s
//! and the engine applies them to the ledger, after the instrument accepted
//! the event. This keeps one owner for every share.

use crate::ids::{HolderId, InstrumentId, SecurityId};
use calendar::Date;
use serde::Serialize;
use units::{Computed, Exact, Money, Price, Shares};

/// A market figure with its computation, or the trading days it lacks.
pub type MarketResult = Result<(Exact, Computed), MarketGap>;

/// Prices are missing for these dates and no board determination covers
/// them (a document's "Market Price" typically falls back to the board's
/// fair value).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MarketGap {
    pub security: SecurityId,
    pub missing: Vec<Date>,
}

impl std::fmt::Display for MarketGap {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let dates: Vec<String> = self.missing.iter().map(|d| d.to_string()).collect();
        write!(
            f,
            "no Market Price for {} on {} (add prices, or record a board determination of fair value)",
            self.security,
            dates.join(", ")
        )
    }
}

/// The parts of the fully diluted count of common (see
/// [`BookView::diluted_parts`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DilutedParts {
    /// Common outstanding.
    pub common_outstanding: Shares,
    /// Common issuable on exercise of outstanding options and awards.
    pub options_outstanding: Shares,
    /// Common reserved under equity plans and not yet granted.
    pub pool_unallocated: Shares,
    /// Common issuable on conversion of preferred stock.
    pub preferred_as_converted: Shares,
    /// Common issuable on exercise of warrants and of rights recorded with
    /// `issue-rights`.
    pub warrants: Shares,
    /// Anything else the fully diluted count holds that the view cannot
    /// attribute to a part.
    pub other: Shares,
}

/// A preferred series' full claim on a liquidation, as its own terms
/// compute it (see [`BookView::series_claims`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SeriesClaim {
    pub security: SecurityId,
    /// Higher is paid first; equal is pari passu (OCF `seniority`).
    pub seniority: i64,
    /// The whole series' claim (every share outstanding).
    pub amount: Exact,
}

/// Read-only access to the rest of the book, as of the event being applied.
pub trait BookView {
    /// The date of the event being applied.
    fn date(&self) -> Date;
    fn holder_exists(&self, holder: &HolderId) -> bool;
    /// The holder's position in a security (zero if none).
    fn position(&self, holder: &HolderId, security: &SecurityId) -> Shares;
    /// Every holder with a non-zero position, in id order.
    fn holders_of(&self, security: &SecurityId) -> Vec<(HolderId, Shares)>;
    /// Issued shares excluding those held by the company (the documents'
    /// "outstanding").
    fn outstanding(&self, security: &SecurityId) -> Shares;
    /// Shares held by the company as treasury shares.
    fn treasury(&self, security: &SecurityId) -> Shares;
    /// Authorized shares of a class, if the journal declares them.
    fn authorized(&self, security: &SecurityId) -> Option<Shares>;
    /// The company's common stock security id.
    fn common(&self) -> SecurityId;
    /// Common stock outstanding assuming the exercise or conversion of every
    /// security exercisable for or convertible into common stock ("assuming
    /// the exercise or conversion ..." of an anti-dilution base), as the
    /// book's settings define it; `excluding` leaves out one instrument (the
    /// one asking).
    fn fully_diluted_common(&self, excluding: Option<&InstrumentId>) -> Shares;
    /// The fully diluted count by part, for a weighted-average base whose
    /// composition a term file chooses; `excluding` leaves out one
    /// instrument (the one asking). The default knows only the common
    /// outstanding and puts the rest of the fully diluted count under
    /// `other`, which no base part reads: a view that cannot tell the
    /// parts apart never lets a base silently count them.
    fn diluted_parts(&self, excluding: Option<&InstrumentId>) -> DilutedParts {
        let common = self.outstanding(&self.common());
        DilutedParts {
            common_outstanding: common,
            other: self
                .fully_diluted_common(excluding)
                .checked_sub(common)
                .unwrap_or(Shares::ZERO),
            ..DilutedParts::default()
        }
    }
    /// The dates on which `holder` acquired the `security` shares it still
    /// holds, oldest first (first in, first out), for holding-period tests.
    fn lots(&self, holder: &HolderId, security: &SecurityId) -> Vec<(Date, Shares)>;

    /// Market Price on one day (last trade, else the bid–ask average, else
    /// the board's fair value).
    fn market_price(&self, security: &SecurityId, day: Date) -> MarketResult;
    /// The average Market Price over the `n` consecutive trading days
    /// immediately preceding `day` (e.g. a preferred series' "Current Market
    /// Value"; `n` is the term file's).
    fn average_preceding(&self, security: &SecurityId, day: Date, n: usize) -> MarketResult;
    /// The average over the `n` consecutive trading days ending on `day`
    /// (e.g. a forced conversion's price test; `n` is the term file's).
    fn average_ending_on(&self, security: &SecurityId, day: Date, n: usize) -> MarketResult;
    /// The warrant's Current Market Price: average close over the `n`
    /// consecutive business days ending on the last business day before
    /// `day`, adjusted for splits in the window.
    fn warrant_market_price(&self, security: &SecurityId, day: Date, n: usize) -> MarketResult;
    /// [`BookView::warrant_market_price`] with the window counted in
    /// `calendar` (the warrant's term-file setting; `None`: the book's
    /// `option business-days`, banking days by default). The engine's view
    /// overrides this; the provided body serves views that keep no calendar
    /// (test doubles), which count the window their own way.
    fn warrant_market_price_in(
        &self,
        security: &SecurityId,
        day: Date,
        n: usize,
        calendar: Option<calendar::Calendar>,
    ) -> MarketResult {
        let _ = calendar;
        self.warrant_market_price(security, day, n)
    }
    /// Trading volume: the average weekly volume over the four calendar
    /// weeks before `day` (Rule 144(e)(1)), if the prices file has volume.
    fn weekly_volume_average(&self, security: &SecurityId, day: Date) -> Option<Shares>;
    /// Whether `day` is a business day (banking day) or trading day.
    fn is_business_day(&self, day: Date) -> bool;
    fn is_trading_day(&self, day: Date) -> bool;
    /// A board determination of fair value recorded in the journal.
    fn board_fair_value(&self, security: &SecurityId, day: Date) -> Option<Price>;

    /// Common shares issuable on conversion or exercise of everything
    /// `holder` holds of `instrument` on the view's date, as that
    /// instrument's terms compute it (its conversion ratio or exercise
    /// terms): the "Common Stock into which shares of Preferred Stock are
    /// convertible" of registration rights' "Registrable Securities".
    /// Provided with a default of zero so existing views compile; the
    /// engine implements it.
    fn issuable_on_conversion(&self, _holder: &HolderId, _instrument: &InstrumentId) -> Shares {
        Shares::ZERO
    }
    /// Common shares the ledger has issued to `holder` on conversion or
    /// exercise of `instrument` up to the view's date, cumulative and as
    /// issued (not adjusted for later splits). Registration rights count
    /// them as Registrable Securities (including a warrant's "Warrant
    /// Shares"). Default zero; the engine implements it.
    fn issued_on_conversion(&self, _holder: &HolderId, _instrument: &InstrumentId) -> Shares {
        Shares::ZERO
    }
    /// The full liquidation claims of the preferred series other than the
    /// one asking, each computed from that series' own terms on the view's
    /// date (a dissolution shares what is available among every series by
    /// seniority, ratably within one rank). Default empty; the engine
    /// implements it.
    fn series_claims(&self) -> Vec<SeriesClaim> {
        Vec::new()
    }
    /// The holders of an instrument whose holdings the instrument keeps
    /// itself rather than as ledger positions (a warrant's certificates), in
    /// id order. Default empty; the engine implements it.
    fn holders_of_instrument(&self, _instrument: &InstrumentId) -> Vec<HolderId> {
        Vec::new()
    }
    /// The last day of the Company's fiscal year, declared once in the
    /// journal (`option fiscal-year-end MM-DD`); `None` when the book does
    /// not declare it (no document states it: see
    /// docs/interpretations.md "The fiscal year is one company fact").
    fn fiscal_year_end(&self) -> Option<crate::FiscalYearEnd> {
        None
    }
    /// The group a holder belongs to (its `affiliate-of: <group>`
    /// declaration), for Rule 144(e)(3)(vi)'s aggregation of sales by
    /// persons acting in concert (registration rights' Rule 144 test).
    /// Default: no group; the engine implements it from the registry.
    fn affiliate_group(&self, _holder: &HolderId) -> Option<HolderId> {
        None
    }
    /// The Internal Revenue Code's incentive stock option limit, counted
    /// across "all plans of the individual's employer": for
    /// each calendar year, the fair market value (at grant) of the stock
    /// for which ISOs granted to `holder` under every equity plan of the
    /// book other than `excluding` first become exercisable that year
    /// (equity incentive plans, Exhibit A "ISO"). Default: none known; the
    /// engine implements it from each plan's
    /// `plan::Plan::iso_first_exercisable_by_year`.
    fn iso_first_exercisable(
        &self,
        _holder: &HolderId,
        _excluding: &InstrumentId,
    ) -> Vec<(i16, Exact)> {
        Vec::new()
    }
}

/// A change to positions or cash that an accepted instrument event causes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum Effect {
    /// New shares are issued to a holder (or delivered from treasury if
    /// `from_treasury`).
    Issue {
        security: SecurityId,
        holder: HolderId,
        shares: Shares,
        from_treasury: bool,
        reason: String,
    },
    /// Shares leave a holder and stop being outstanding (conversion,
    /// redemption, forfeiture). `to_treasury` keeps them issued but held by
    /// the company.
    Cancel {
        security: SecurityId,
        holder: HolderId,
        shares: Shares,
        to_treasury: bool,
        reason: String,
    },
    Transfer {
        security: SecurityId,
        from: HolderId,
        to: HolderId,
        shares: Shares,
        reason: String,
    },
    /// Cash paid by the company to a holder (cash in lieu, dividends,
    /// redemption price) or, if negative, received from the holder.
    Cash {
        holder: HolderId,
        amount: Money,
        reason: String,
    },
}

/// What an accepted event produced: ledger effects, the computations behind
/// them (for `explain` and notices), and warnings that do not stop the event.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Outcome {
    pub effects: Vec<Effect>,
    pub computations: Vec<Computed>,
    pub warnings: Vec<Warning>,
}

/// A breach or risk that does not reject the event (e.g. the reserve of
/// authorized but unissued common for conversions falls short).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Warning {
    pub code: &'static str,
    pub clause: units::Clause,
    pub message: String,
}

impl Outcome {
    pub fn none() -> Self {
        Outcome::default()
    }
    pub fn effect(mut self, e: Effect) -> Self {
        self.effects.push(e);
        self
    }
    pub fn computed(mut self, c: Computed) -> Self {
        self.computations.push(c);
        self
    }
    pub fn warn(
        mut self,
        code: &'static str,
        clause: units::Clause,
        message: impl Into<String>,
    ) -> Self {
        self.warnings.push(Warning {
            code,
            clause,
            message: message.into(),
        });
        self
    }
    pub fn merge(&mut self, other: Outcome) {
        self.effects.extend(other.effects);
        self.computations.extend(other.computations);
        self.warnings.extend(other.warnings);
    }
}
