//! A stock subscription warrant: the right to buy common stock at the
//! Warrant Price during the Term, adjusted for the company's corporate
//! actions, exercisable for cash or net, transferable in whole or in part.
//!
//! The crate executes a *form* of warrant (the example book's stock
//! subscription warrant is one): the form's mechanisms are code, its
//! numbers, readings and section numbers are a term file ([`WarrantTerms`],
//! cited through clause keys such as `net-exercise`), and each warrant's
//! cover page (holder, shares, initial price, date) is the journal's
//! `issue-warrant` event. Modules follow the document:
//!
//! * [`terms`]: the term file (`term`, `exercise`, `reserve`, `share-adjustment`, `price-adjustment`, `reorganization` to `fractional-shares`);
//! * [`event`]: the journal directives and their resolution;
//! * [`exercise`]: `exercise` exercise and net exercise, `fractional-shares` fractions, what-if;
//! * [`price`]: the `price-adjustment` Warrant Price chain and the `share-adjustment` share adjustment;
//! * [`state`]: the warrant's state, the `term` issuance, the dispatch of its
//!   events and of corporate actions, and the `reserve` reserve covenant;
//! * [`adjustment`]: `share-adjustment` and `price-adjustment` adjustments as they happen, `price-adjustment.effective-date`
//!   effective dates, `price-adjustment.due-bill` due bills;
//! * [`issuance`]: `price-adjustment.issuance` and `price-adjustment.excluded-stock` issuances, deemed issuances, Excluded Stock;
//! * [`market_price`]: the `current-market-price` Current Market Price and its
//!   determinations;
//! * [`transfer`]: `transfer` certificates, transfer and replacement;
//! * [`notices`]: `notices.proposed-action`, `reorganization`, `dissolution` and `notices.extraordinary-dividend` notices and events;
//! * [`statement`]: `notices.adjustment-statement` statements and the notices owed;
//! * [`query`]: status and what-if for the CLI.

pub mod adjustment;
pub mod codes;
pub mod event;
pub mod exercise;
pub mod issuance;
pub mod market_price;
pub mod notices;
pub mod price;
pub mod query;
pub mod state;
pub mod statement;
pub mod terms;
pub mod transfer;

pub use event::{resolve, ShareCount, WarrantEvent, KEYWORDS};
pub use exercise::{ExerciseQuote, Method};
pub use query::WarrantStatus;
pub use state::Warrant;
pub use statement::AdjustmentStatement;
pub use terms::WarrantTerms;

use ::terms::{BookView, InstrumentId, Outcome, Rejection};
use actions::CorporateAction;
use calendar::Date;
use journal::{Diagnostic, Directive, FileId};
use units::Shares;

impl Warrant {
    /// A warrant on the form in term-file text `text` (file `file`).
    pub fn from_terms_text(
        id: InstrumentId,
        file: FileId,
        text: &str,
    ) -> Result<Warrant, Diagnostic> {
        WarrantTerms::load(file, text).map(|t| Warrant::new(id, t))
    }
}

impl actions::Instrument for Warrant {
    type Event = WarrantEvent;

    fn kind() -> &'static str {
        "warrant"
    }

    /// `instrument <id> warrant ["name"]` with `terms:` (the form's term
    /// file) and optionally `security:` (the id under which the book lists
    /// the warrant). The cover page of each warrant (holder, shares, initial
    /// price, date) is its `issue-warrant` event, so one term file serves
    /// every warrant on the form.
    fn declare(
        id: InstrumentId,
        declaration: &Directive,
        terms_file: FileId,
        terms_text: &str,
    ) -> Result<Self, Vec<Diagnostic>> {
        let mut r = ::terms::fields::Reader::new(
            declaration,
            "instrument <id> warrant [\"name\"]  (terms:, security:)",
        );
        let _ = r.arg_opt(0);
        let _ = r.arg_opt(1);
        let _ = r.arg_opt(2);
        let _ = r.meta_str("terms");
        let security = r.meta_str("security");
        let loaded = Warrant::from_terms_text(id, terms_file, terms_text);
        let mut errors = match r.finish() {
            Ok(()) => Vec::new(),
            Err(e) => e,
        };
        match loaded {
            Ok(mut w) => {
                w.security = security.map(::terms::SecurityId);
                if errors.is_empty() {
                    Ok(w)
                } else {
                    Err(errors)
                }
            }
            Err(d) => {
                errors.push(d);
                Err(errors)
            }
        }
    }

    fn keywords() -> &'static [&'static str] {
        KEYWORDS
    }

    fn resolve(d: &Directive) -> Result<WarrantEvent, Vec<Diagnostic>> {
        event::resolve(d)
    }

    fn apply(&mut self, event: &WarrantEvent, view: &dyn BookView) -> Result<Outcome, Rejection> {
        self.apply_event(event, view)
    }

    /// `reserve`: the Company reserves Warrant Shares out of its authorized and
    /// unissued common.
    fn reservation_clause(&self) -> Option<units::Clause> {
        Some(self.terms.clause("reserve"))
    }

    fn issued_rights(
        &self,
        event: &WarrantEvent,
        view: &dyn BookView,
    ) -> Option<actions::CorporateAction> {
        event.issued_rights(calendar::anniversary(view.date(), self.terms.term_years))
    }

    fn on_action(
        &mut self,
        action: &CorporateAction,
        view: &dyn BookView,
    ) -> Result<Outcome, Rejection> {
        self.react(action, view)
    }

    fn next_scheduled(&self, after: Date) -> Option<Date> {
        self.next_pending(after)
    }

    fn run_scheduled(&mut self, date: Date, view: &dyn BookView) -> Outcome {
        self.run_pending(date, &view.common())
    }

    /// Warrant Shares purchasable on `view.date()` (zero outside the Term,
    /// after the `dissolution` window, or once the warrant is exercisable for `reorganization`
    /// reference property instead of common).
    fn common_issuable(&self, view: &dyn BookView) -> Shares {
        if self.exercisable_on(view.date()) && self.reorganization.is_none() {
            self.total_shares()
        } else {
            Shares::ZERO
        }
    }

    /// In the money when the market price exceeds the Warrant Price (the
    /// same test `exercise` puts on a net exercise, CMP > WP); at or below it the
    /// warrant adds nothing to a fully diluted count that leaves
    /// out-of-the-money securities out.
    fn common_issuable_in_the_money(
        &self,
        view: &dyn BookView,
        market_price: &units::Exact,
    ) -> Shares {
        if *market_price > self.price.exact() {
            self.common_issuable(view)
        } else {
            Shares::ZERO
        }
    }

    /// Holders of live certificates, in id order (`transfer.ownership`: the
    /// Company may treat the registered holder as the owner).
    fn holders(&self) -> Vec<::terms::HolderId> {
        let mut v: Vec<::terms::HolderId> = self.live().map(|c| c.holder.clone()).collect();
        v.sort();
        v.dedup();
        v
    }

    /// Warrant Shares `holder` may purchase (`exercise`), for the
    /// registration rights' Registrable Securities (the registration rights term file's definition).
    fn common_issuable_to(&self, holder: &::terms::HolderId, view: &dyn BookView) -> Shares {
        if !self.exercisable_on(view.date()) || self.reorganization.is_some() {
            return Shares::ZERO;
        }
        self.live()
            .filter(|c| &c.holder == holder)
            .fold(Shares::ZERO, |acc, c| {
                acc.checked_add(c.shares).unwrap_or(acc)
            })
    }

    fn status(&self, view: &dyn BookView) -> serde_json::Value {
        serde_json::to_value(self.status_at(view)).unwrap_or(serde_json::Value::Null)
    }

    /// The Warrant Price and the Warrant Shares in effect, each with the
    /// computation of the last `price-adjustment` adjustment that set it (or the cover page
    /// when there has been none).
    fn figures(&self, view: &dyn BookView) -> Vec<units::Computed> {
        let st = self.status_at(view);
        let last = st.adjustments.last();
        let mut price = units::Computed::new(
            "Warrant Price",
            st.warrant_price,
            match last {
                Some(_) => format!(
                    "as adjusted by the last {} adjustment (its schedule below)",
                    self.terms.mark("price-adjustment")
                ),
                None => "the Initial Warrant Price on the cover page".to_string(),
            },
        )
        .input("as of", st.as_of)
        .cite(self.terms.clause("definitions.warrant-price"));
        let mut shares = units::Computed::new(
            "Warrant Shares",
            st.shares,
            format!(
                "Warrant Shares purchasable under every live certificate ({}: shares before × price before / price after, or in proportion on a {} split or combination, to the nearest tenth of a share)",
                self.terms.mark("share-adjustment"),
                self.terms
                    .mark_pair("price-adjustment.subdivision", "price-adjustment.combination"),
            ),
        )
        .input("as of", st.as_of)
        .cite(self.terms.clause("share-adjustment"));
        if let Some(a) = last {
            price = price
                .input(
                    "adjustment",
                    format!("#{} effective {} ({})", a.number, a.effective, a.clause),
                )
                .input("price before", a.price_before);
            shares = shares.input("shares before", a.shares_before);
            for c in &a.computations {
                price = price.step(c.clone());
            }
        } else if let Some(p) = st.initial_warrant_price {
            price = price.input("Initial Warrant Price", p);
        }
        vec![price, shares]
    }

    fn status_text(&self, view: &dyn BookView) -> String {
        self.status_at(view).render_text()
    }
}
