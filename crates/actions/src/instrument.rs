//! The contract between the engine and each kind of instrument.
//!
//! The engine owns the ledger, the order of events and the calendar of
//! scheduled dates; an instrument owns its terms and its own state (an
//! Accreted Value, a Warrant Price, a plan's pool). The engine drives every
//! instrument through this trait, so a new kind of document is a new crate
//! implementing it, with no change to the replay loop.
//!
//! Every method that can refuse is atomic: when it returns `Err`, the
//! instrument's state is exactly as before (validate first, then mutate).

use crate::CorporateAction;
use calendar::Date;
use journal::{Diagnostic, Directive};
use terms::{BookView, Outcome, Rejection};
use units::Shares;

/// One kind of instrument (convertible preferred, warrant, equity plan,
/// registration rights agreement).
pub trait Instrument: Clone {
    /// The instrument's own events (conversions, exercises, grants, demands).
    type Event: Clone + std::fmt::Debug;

    /// The kind's name as written in an `instrument <id> <kind>` declaration
    /// (`convertible-preferred`, `warrant`, `equity-plan`,
    /// `registration-rights`).
    fn kind() -> &'static str;

    /// Creates the instrument from its declaration and its term file.
    ///
    /// `declaration` is the `instrument <id> <kind> ["name"]` directive (its
    /// metadata may carry per-instrument facts such as `security:`, a
    /// warrant's number of shares or its expiry); `terms_file` and
    /// `terms_text` are the term file named by its `terms:` metadata (use
    /// `terms::load_terms::<YourTerms>(terms_file, terms_text)`). Every
    /// problem is a diagnostic (the term file's line and column, or the
    /// declaration's metadata token).
    fn declare(
        id: terms::InstrumentId,
        declaration: &Directive,
        terms_file: journal::FileId,
        terms_text: &str,
    ) -> Result<Self, Vec<Diagnostic>>;

    /// The keywords this kind resolves; the first argument of each such
    /// directive is the instrument's id.
    fn keywords() -> &'static [&'static str];

    /// Turns a directive whose keyword is in [`Instrument::keywords`] into a
    /// typed event, or every diagnostic found in it.
    fn resolve(d: &Directive) -> Result<Self::Event, Vec<Diagnostic>>;

    /// The date on which the event takes effect, if not the directive's date
    /// (e.g. a conversion on a Change of Control may be deemed effected on
    /// the date of the Change of Control). Used only for ordering.
    fn effective_date(_event: &Self::Event, directive_date: Date) -> Date {
        directive_date
    }

    /// Applies one of the instrument's own events at `view.date()`.
    fn apply(&mut self, event: &Self::Event, view: &dyn BookView) -> Result<Outcome, Rejection>;

    /// The rights, options or warrants the company issues by this event (a
    /// warrant's issuance, an option grant), as a
    /// [`CorporateAction::IssueRights`]. Every other instrument hears it
    /// as it hears one recorded with `issue-rights` (a deemed issue to every
    /// anti-dilution clause), with the book as it stood immediately before the
    /// event: an issuance is never invisible to another instrument's
    /// anti-dilution because of the line that recorded it. Called on the
    /// state before the event; kinds that issue nothing keep the default.
    fn issued_rights(&self, _event: &Self::Event, _view: &dyn BookView) -> Option<CorporateAction> {
        None
    }

    /// Reacts to a corporate action (anti-dilution adjustments, bars on
    /// junior distributions, plan adjustments). An `Err` rejects the corporate
    /// action itself (e.g. a dividend on junior stock while a redemption
    /// obligation is unpaid).
    fn on_action(
        &mut self,
        _action: &CorporateAction,
        _view: &dyn BookView,
    ) -> Result<Outcome, Rejection> {
        Ok(Outcome::none())
    }

    /// The next date strictly after `after` on which the instrument acts by
    /// itself (a Dividend Payment Date, an expiry, a filing deadline).
    fn next_scheduled(&self, _after: Date) -> Option<Date> {
        None
    }

    /// Runs what the terms schedule for `date` (called once per scheduled
    /// date, after the day's journal events; see docs/journal.md "Same-day
    /// order").
    fn run_scheduled(&mut self, _date: Date, _view: &dyn BookView) -> Outcome {
        Outcome::none()
    }

    /// The clause by which the company keeps common authorized and
    /// unissued for what this instrument delivers (a reservation covenant,
    /// e.g. a preferred's reserve of common for conversion, a warrant's
    /// reservation of Warrant Shares): the book cites it when a delivery of
    /// common by the instrument goes beyond the authorized shares.
    fn reservation_clause(&self) -> Option<units::Clause> {
        None
    }

    /// Common shares issuable on exercise or conversion of everything this
    /// instrument has outstanding, for the fully diluted count.
    fn common_issuable(&self, _view: &dyn BookView) -> Shares {
        Shares::ZERO
    }

    /// Common shares issuable on exercise or conversion of what `holder`
    /// holds of this instrument (its conversion ratio or exercise terms), for the
    /// registration rights' "Registrable Securities" and per-holder
    /// as-converted views. Kinds with nothing convertible keep the default.
    fn common_issuable_to(&self, _holder: &terms::HolderId, _view: &dyn BookView) -> Shares {
        Shares::ZERO
    }

    /// Holders whose holdings the instrument keeps itself (not as ledger
    /// positions), e.g. a warrant's certificate holders. Kinds whose
    /// holdings are ledger positions keep the default.
    fn holders(&self) -> Vec<terms::HolderId> {
        Vec::new()
    }

    /// Like [`Instrument::common_issuable`], but counting only what is in the
    /// money at `market_price` per common share (an option or warrant whose
    /// exercise price exceeds it, or a convertible whose conversion price
    /// does, is left out). Used when the book excludes out-of-the-money
    /// securities from the fully diluted count
    /// (`option fully-diluted-out-of-the-money exclude`). Kinds that cannot
    /// be out of the money keep the default.
    fn common_issuable_in_the_money(
        &self,
        view: &dyn BookView,
        _market_price: &units::Exact,
    ) -> Shares {
        self.common_issuable(view)
    }

    /// The instrument's derived figures as of `view.date()`, each with its
    /// computation (formula, inputs, rounding, clause), for `explain`: e.g.
    /// the Accreted Value, Liquidation Preference and Conversion Ratio of a
    /// preferred, the Warrant Price and Warrant Shares of a warrant.
    fn figures(&self, _view: &dyn BookView) -> Vec<units::Computed> {
        Vec::new()
    }

    /// The instrument's status as of `view.date()`, as JSON (documented in
    /// docs/cli.md under the instrument's command).
    fn status(&self, view: &dyn BookView) -> serde_json::Value;

    /// A human-readable status (aligned lines), for `report`.
    fn status_text(&self, view: &dyn BookView) -> String;
}
