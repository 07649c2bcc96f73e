//! Registration rights: a general instrument for agreements that let
//! holders make the company register their shares for resale.
//!
//! A registration rights agreement of a preferred series and the
//! registration rights exhibit of a warrant are two term files of the same
//! instrument ([`terms::Terms`]). The crate computes each holder's Registrable
//! Securities on any date ([`registrable`]), follows every registration
//! through its lifecycle as journal events ([`event`]: demands, notices,
//! joinders, underwriter advice, filing, effectiveness, stop orders,
//! withdrawal, postponement, suspension, sales), enforces the demand
//! conditions, the piggyback windows, the lockup, the assignment and
//! amendment rules with a named clause for every refusal ([`apply`]),
//! allocates underwriter cutbacks by the documents' priority orders
//! ([`cutback`]), and lists every open deadline for the Company and each
//! holder, with an iCalendar rendering ([`deadlines`]). Queries for the
//! command line are in [`queries`]. The crate does no I/O and reads no
//! clock.

pub mod apply;
pub mod codes;
pub mod cutback;
pub mod deadlines;
pub mod event;
pub mod queries;
pub mod registrable;
pub mod reorganization;
pub mod rule144;
pub mod state;
pub mod term;
pub mod terms;
pub mod words;

pub use cutback::{allocate, Allocation, Participant};
pub use deadlines::{deadlines, to_ics, Deadline};
pub use event::{resolve, Event, TransferKind, KEYWORDS};
pub use state::{Agreement, RegKind, Registration};
pub use terms::Terms;

use ::terms::{BookView, Outcome, Rejection};
use calendar::Date;
use journal::{Diagnostic, Directive};
use state::add_days;

impl Agreement {
    /// Dates on which the instrument acts by itself: the Closing Date
    /// (capturing the parties), the day after each filing deadline, and the
    /// day a shelf suspension outruns its allowance.
    fn scheduled_dates(&self) -> Vec<Date> {
        let mut v = vec![self.terms.closing()];
        for r in self.registrations.values() {
            if r.withdrawn.is_some() {
                continue;
            }
            if r.filed.is_none() {
                if let Some(fd) = self.filing_deadline(r) {
                    v.push(add_days(fd, 1));
                }
            }
            if let (Some(s), Some((start, None))) = (&self.terms.suspension, r.suspensions.last()) {
                let before = r.suspended_days(*start);
                v.push(add_days(
                    *start,
                    s.max_total_days.saturating_sub(before).saturating_add(1),
                ));
            }
        }
        v
    }
}

impl actions::Instrument for Agreement {
    type Event = Event;

    fn kind() -> &'static str {
        "registration-rights"
    }

    /// `instrument <id> registration-rights ["name"]` with `terms: <path>`;
    /// every number comes from the term file.
    fn declare(
        id: ::terms::InstrumentId,
        declaration: &Directive,
        terms_file: journal::FileId,
        terms_text: &str,
    ) -> Result<Self, Vec<Diagnostic>> {
        let mut r = ::terms::fields::Reader::new(
            declaration,
            "instrument <id> registration-rights [\"name\"]  (terms:, closing-date:)",
        );
        let _ = r.arg_opt(0);
        let _ = r.arg_opt(1);
        let _ = r.arg_opt(2);
        let _ = r.meta_str("terms");
        let closing: Option<::terms::fields::DateArg> = r.meta_opt("closing-date", "date");
        let span = declaration.span;
        let mut errors = match r.finish() {
            Ok(()) => Vec::new(),
            Err(e) => e,
        };
        match Terms::load(terms_file, terms_text) {
            Ok(mut t) if errors.is_empty() => {
                if let Some(c) = closing {
                    t.closing_date = Some(c.0);
                }
                if t.closing_date.is_none() {
                    return Err(vec![Diagnostic::error(
                        "E0105",
                        Some(span),
                        format!("registration rights `{id}` need a Closing Date"),
                    )
                    .with_help("add `closing-date: YYYY-MM-DD` below the declaration, or `closing_date` in the term file")]);
                }
                Ok(Agreement::new(id, t))
            }
            Ok(_) => Err(errors),
            Err(d) => {
                errors.push(d);
                Err(errors)
            }
        }
    }

    fn keywords() -> &'static [&'static str] {
        KEYWORDS
    }

    fn resolve(d: &Directive) -> Result<Event, Vec<Diagnostic>> {
        event::resolve(d)
    }

    fn apply(&mut self, event: &Event, view: &dyn BookView) -> Result<Outcome, Rejection> {
        self.apply_event(event, view)
    }

    /// Splits, combinations and stock dividends: "common stock ... issued
    /// or issuable with respect to any Registrable Securities by way of
    /// stock dividend or stock split or in connection with a combination"
    /// stays registrable (the definition's reorganization limb). The shares issued on registrable
    /// common are added to each holder's registrable common; common still
    /// issuable on conversion is adjusted by the underlying instrument.
    ///
    /// Reorganizations: "or other securities issued or issuable with
    /// respect to any Registrable Securities ... in connection with a ...
    /// recapitalization, merger, consolidation or other reorganization"
    /// (the same limb): see [`Agreement::reorganize`].
    fn on_action(
        &mut self,
        action: &actions::CorporateAction,
        view: &dyn BookView,
    ) -> Result<Outcome, Rejection> {
        if let actions::CorporateAction::Reorganization {
            kind,
            reference_property,
            ..
        } = action
        {
            return self.reorganize(*kind, reference_property, view);
        }
        let Some(factor) = action.subdivision_factor() else {
            return Ok(Outcome::none());
        };
        let extra = factor.sub(&units::Exact::one());
        let mut next = self.clone();
        for h in self.holders(view) {
            let common = self.registrable_of(view, &h).common;
            if !common.is_zero() {
                next.adjust(&h, &common.exact().mul(&extra));
            }
        }
        // The ledger's lots keep their dates and scale (Rule 144(d)(3)(i)).
        for v in next.transferred_in.values_mut() {
            *v = v.mul(&factor);
        }
        *self = next;
        Ok(Outcome::none())
    }

    fn next_scheduled(&self, after: Date) -> Option<Date> {
        self.scheduled_dates()
            .into_iter()
            .filter(|d| *d > after)
            .min()
    }

    fn run_scheduled(&mut self, date: Date, view: &dyn BookView) -> Outcome {
        self.seed(view);
        let mut out = Outcome::none();
        for r in self.registrations.values() {
            if r.withdrawn.is_some() {
                continue;
            }
            if r.filed.is_none() {
                if let (Some(fd), Some(f)) = (self.filing_deadline(r), &self.terms.filing) {
                    if add_days(fd, 1) == date {
                        out = out.warn(
                            codes::W_FILING_LATE,
                            self.terms.cite(&f.clause),
                            format!("the registration statement for `{}` was due by {fd} and is not filed", r.id),
                        );
                    }
                }
            }
            if let Some(s) = &self.terms.suspension {
                if r.suspended_on(date)
                    && r.suspended_days(date) == s.max_total_days.saturating_add(1)
                {
                    out = out.warn(
                        codes::W_SUSPENSION_OVER,
                        self.terms.cite(&s.clause),
                        format!(
                            "shelf `{}` has been suspended more than {} days in total",
                            r.id, s.max_total_days
                        ),
                    );
                }
            }
        }
        out
    }

    fn status(&self, view: &dyn BookView) -> serde_json::Value {
        let registrable = queries::registrable_report(self, view);
        serde_json::json!({
            "holders": registrable.holders,
            "registrable_outstanding": registrable.outstanding,
            "demands": queries::demands_report(self, view),
            "deadlines": queries::deadlines_report(self, view),
        })
    }

    fn status_text(&self, view: &dyn BookView) -> String {
        let mut s = queries::registrable_report(self, view).render_text();
        s.push_str(&queries::demands_report(self, view).render_text());
        s.push_str(&queries::deadlines_report(self, view).render_text());
        s
    }
}
