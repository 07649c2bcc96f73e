//! The agreement's term: it terminates when its Registrable Securities
//! are gone (the term clause, selected by `[term]`).
//!
//! The agreement terminates on the day a sale under a registration leaves no Registrable
//! Securities outstanding (`basis = "registered-and-sold"`), or, under the
//! alternative reading, on the first day an event finds none outstanding
//! however they ceased (`basis = "none-outstanding"`). From then on no
//! right under it can be exercised (R0539): no demand, joinder,
//! assignment, amendment, postponement, suspension or election; the holder
//! lockup and the deadline calendar end with it. Facts about registrations
//! already under way may still be recorded.

use crate::codes;
use crate::event::Event;
use crate::state::Agreement;
use crate::terms::TermBasis;
use calendar::Date;
use terms::{BookView, Outcome, Rejection};
use units::Computed;

impl Agreement {
    /// Whether the agreement has terminated on or before `d`.
    pub fn terminated_by(&self, d: Date) -> bool {
        matches!(self.terminated, Some(t) if t <= d)
    }

    /// Events that exercise a right under the agreement (refused once it
    /// has terminated).
    fn exercises_right(ev: &Event) -> Option<&'static str> {
        Some(match ev {
            Event::Demand { .. } => "a demand",
            Event::Join { .. } => "a request to be included",
            Event::Transfer { .. } => "an assignment of registration rights",
            Event::Amend { .. } => "an amendment or waiver",
            Event::Postponed { .. } => "a postponement",
            Event::Suspended { .. } => "a suspension",
            Event::MfnElection { .. } => "an election of better rights",
            Event::FounderNotice { .. } => "the founder-trigger notice",
            _ => return None,
        })
    }

    /// Refuses an event that exercises a right after the termination.
    pub(crate) fn check_not_terminated(&self, ev: &Event, date: Date) -> Result<(), Rejection> {
        let (Some(t), Some(term)) = (self.terminated, &self.terms.term) else {
            return Ok(());
        };
        match Self::exercises_right(ev) {
            Some(what) if t <= date => Err(Rejection::new(
                codes::TERMINATED,
                self.terms.cite(&term.clause),
                format!(
                    "{} terminated on {t}: {what} is no longer possible",
                    self.id
                ),
            )),
            _ => Ok(()),
        }
    }

    /// After an accepted event: terminates the agreement if the event
    /// leaves no Registrable Securities outstanding (as the term file's
    /// basis reads the term clause).
    pub(crate) fn check_termination(&mut self, ev: &Event, view: &dyn BookView) -> Outcome {
        let Some(term) = self.terms.term.clone() else {
            return Outcome::none();
        };
        let date = view.date();
        if self.terminated.is_some() || date < self.terms.closing() {
            return Outcome::none();
        }
        let relevant = match term.basis {
            TermBasis::RegisteredAndSold => matches!(ev, Event::RegisteredSale { .. }),
            TermBasis::NoneOutstanding => true,
        };
        if !relevant {
            return Outcome::none();
        }
        let outstanding = self.registrable_outstanding(view);
        if !outstanding.is_zero() {
            return Outcome::none();
        }
        self.terminated = Some(date);
        let clause = self.terms.cite(&term.clause);
        Outcome::none()
            .computed(
                Computed::new(
                    "Agreement terminated",
                    date,
                    match term.basis {
                        TermBasis::RegisteredAndSold => "the sale under the registration leaves no Registrable Securities outstanding",
                        TermBasis::NoneOutstanding => "no Registrable Securities remain outstanding",
                    },
                )
                .input("Registrable Securities outstanding", outstanding)
                .cite(clause.clone()),
            )
            .warn(
                codes::W_TERMINATED,
                clause,
                format!("{} terminated on {date}: all Registrable Securities have been registered and sold", self.id),
            )
    }
}
