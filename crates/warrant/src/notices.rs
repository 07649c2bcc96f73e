//! The notices the warrant requires before an event: `notices.proposed-action` proposed
//! actions, `reorganization` reorganizations, `dissolution` dissolution, and the record of notices
//! given.

use crate::codes::*;
use crate::event::NoticeSection;
use crate::state::{add_days, Dissolved, Reorganized, Warrant};
use crate::statement::NoticeOwed;
use actions::ReferenceProperty;
use calendar::Date;
use terms::{BookView, Outcome, Rejection};
use units::Computed;

impl Warrant {
    /// The date a notice of `section` concerning `concerning` was recorded
    /// (the latest on or before `by`, if several).
    pub(crate) fn notice_given(
        &self,
        section: NoticeSection,
        concerning: Option<Date>,
        by: Date,
    ) -> Option<Date> {
        self.notices
            .iter()
            .filter(|n| n.section == section && n.date <= by)
            .filter(|n| {
                concerning.is_none() || n.concerning.is_none() || n.concerning == concerning
            })
            .map(|n| n.date)
            .max()
    }

    pub(crate) fn proposed_action_notice(&self, record: Date, today: Date) -> NoticeOwed {
        NoticeOwed {
            clause: self.clause("notices.proposed-action"),
            what: "copy of the notice given to holders of capital stock of the proposed action"
                .to_string(),
            due: record,
            given: self.notice_given(NoticeSection::ProposedAction, Some(record), today),
        }
    }

    pub(crate) fn on_reorganization(
        &mut self,
        kind: actions::ReorganizationKind,
        property: &[ReferenceProperty],
        view: &dyn BookView,
        outcome: &mut Outcome,
    ) {
        let today = view.date();
        let due = add_days(today, -self.terms.notices.reorganization_days);
        let given = self.notice_given(NoticeSection::Reorganization, None, today);
        if !matches!(given, Some(g) if g <= due) {
            outcome.warnings.push(terms::Warning {
                code: W_NOTICE,
                clause: self.clause("reorganization"),
                message: format!(
                    "{} requires {} days' prior written notice of the {:?} (by {due}); {}",
                    self.mark("reorganization"),
                    self.terms.notices.reorganization_days,
                    kind,
                    match given {
                        Some(g) => format!("notice was given on {g}"),
                        None => "none is recorded".to_string(),
                    }
                ),
            });
        }
        let lines: Vec<String> = property
            .iter()
            .map(|p| format!("{} {}", p.per_share, p.security))
            .collect();
        outcome.computations.push(
            Computed::new(
                "reference property per Warrant Share",
                lines.join(" + "),
                "what one share of Common Stock receives in the transaction",
            )
            .cite(self.clause("reorganization")),
        );
        self.reorganization = Some(Reorganized {
            date: today,
            description: format!("{kind:?}"),
            property: property.to_vec(),
        });
    }

    pub(crate) fn on_dissolution(&mut self, view: &dyn BookView) -> Result<(), Rejection> {
        let today = view.date();
        let days = self.terms.notices.dissolution_days;
        let notice = self.notice_given(NoticeSection::Dissolution, None, today);
        let notice_date = match notice {
            Some(n) => {
                let earliest = add_days(n, days);
                if today < earliest {
                    return Err(Rejection::new(
                        DISTRIBUTION_BEFORE_NOTICE,
                        self.clause("dissolution"),
                        format!(
                            "no distribution in dissolution may be made until {days} days from the {} notice of {n} (not before {earliest})",
                            self.mark("dissolution")
                        ),
                    ));
                }
                n
            }
            None => {
                // A dissolution with no notice at all breaches `dissolution` more
                // plainly than one made too soon after a notice (R0319), so
                // it cannot pass more easily: the Holder never had the
                // thirty days to exercise that the notice starts.
                return Err(Rejection::new(
                    DISSOLUTION_WITHOUT_NOTICE,
                    self.clause("dissolution"),
                    format!(
                        "no {} notice of dissolution is recorded; no distribution in dissolution may be made until {days} days from the mailing of that notice (the earliest, if mailed today, is {})",
                        self.mark("dissolution"),
                        add_days(today, days)
                    ),
                )
                .with_help(format!(
                    "record `warrant-notice {} {}` on the date the notice was mailed, at least {days} days before the dissolution",
                    self.id,
                    self.clause("dissolution").section
                )));
            }
        };
        self.dissolution = Some(Dissolved {
            date: today,
            notice: notice_date,
            window_end: add_days(notice_date, days),
        });
        Ok(())
    }
}
