//! Replay: the book's events, in order, against the ledger and every
//! instrument, plus the dates the terms schedule themselves.
//!
//! On each date: the journal's events in file order, then each
//! instrument's scheduled work for that date (a Dividend Payment Date's
//! accretion happens at the close of business, after the day's conversions
//! and declarations). A rejected event is recorded with its clause and
//! skipped; nothing it would have changed is changed.
//!
//! [`State`] is a plain value: replay can stop at any date and resume, and
//! a state can be cloned as a checkpoint (see [`Timeline`]).

use crate::book::{security_id, Book, Event, EventKind};
use crate::kinds::AnyInstrument;
use crate::ledger::{Ledger, LedgerError};
use crate::view::View;
use actions::CorporateAction;
use calendar::Date;
use journal::{Diagnostic, Span};
use std::collections::HashMap;
use terms::{Effect, HolderId, Outcome, Rejection, Warning};
use units::{Clause, Computed, Money, Shares};

/// A rejection with where and when it happened.
#[derive(Clone, Debug)]
pub struct RecordedRejection {
    pub date: Date,
    pub span: Span,
    pub instrument: Option<String>,
    pub rejection: Rejection,
}

/// A warning (a covenant at risk) with where and when.
#[derive(Clone, Debug)]
pub struct RecordedWarning {
    pub date: Date,
    pub span: Option<Span>,
    pub instrument: Option<String>,
    pub warning: Warning,
}

/// A computation recorded during replay (an accretion, an adjustment).
#[derive(Clone, Debug, serde::Serialize)]
pub struct RecordedComputation {
    pub date: Date,
    pub instrument: Option<String>,
    pub computed: Computed,
}

/// Cash the company paid (or received) under the terms.
#[derive(Clone, Debug, serde::Serialize)]
pub struct CashRecord {
    pub date: Date,
    pub holder: HolderId,
    pub amount: Money,
    pub reason: String,
}

/// The book's state after replaying every event up to a date.
#[derive(Clone)]
pub struct State {
    /// The date the state is as of (end of day).
    pub as_of: Date,
    pub ledger: Ledger,
    /// Always `Some` between events (taken out only while one applies).
    pub instruments: Vec<Option<AnyInstrument>>,
    pub authorized: Vec<Option<Shares>>,
    /// Index of the next event of `book.events` not yet applied.
    pub next_event: usize,
    next_scheduled: Vec<Option<Date>>,
    /// The date of the last event applied (for checkpoints).
    pub last_event_date: Option<Date>,
    pub rejections: Vec<RecordedRejection>,
    pub warnings: Vec<RecordedWarning>,
    pub computations: Vec<RecordedComputation>,
    pub cash: Vec<CashRecord>,
    /// Common issued on conversion or exercise, per (instrument, holder).
    pub issued_by: crate::view::IssuedBy,
    /// Rights, options, warrants and convertibles recorded with
    /// `issue-rights` under an id that is no instrument of the book: the
    /// fully diluted count takes their shares from here (an instrument's
    /// own securities it counts itself), so each counts exactly once.
    pub rights: Vec<crate::view::OutstandingRights>,
    /// Scheduled runs performed (bounded; see `MAX_SCHEDULED_RUNS`).
    scheduled_runs: u64,
}

/// The last date stockbook computes to in any book. Exact compounding (a
/// preferred's Accreted Value kept as an exact rational) makes each later
/// Dividend Period cost more than the one before.
pub const HORIZON: Date = Date::constant(2199, 12, 31);

/// How far past a book's last event stockbook projects: queries further
/// out are projections no document's terms were written for, and each
/// later period of exact compounding costs more (docs/performance.md,
/// "Horizon").
pub const PROJECTION_YEARS: i16 = 50;

/// The last as-of date a command answers for `book`: fifty years after its
/// last event, and never after [`HORIZON`]. Commands refuse a later date
/// with a message instead of computing for minutes or hours.
pub fn horizon(book: &Book) -> Date {
    match book.date_range() {
        Some((_, last)) => calendar::anniversary(last, PROJECTION_YEARS).min(HORIZON),
        None => HORIZON,
    }
}

/// At most this many scheduled runs in one replay (a term file that
/// schedules every day for a millennium is a bug, not a book).
pub const MAX_SCHEDULED_RUNS: u64 = 10_000_000;

fn ledger_rejection(code: &'static str, e: LedgerError) -> Rejection {
    Rejection::new(code, Clause::new("ledger", "positions"), e.to_string())
}

/// A ledger rejection that names whose position it is: "bob holds 0
/// shares, cannot part with 1 (common)", not a bare "holds 0 shares".
fn position_rejection(
    book: &Book,
    code: &'static str,
    e: LedgerError,
    security: u32,
    holder: u32,
) -> Rejection {
    let who = book
        .registry
        .holder_info(holder)
        .map(|h| h.id.to_string())
        .unwrap_or_default();
    let of = book
        .registry
        .security_info(security)
        .map(|s| s.id.to_string())
        .unwrap_or_default();
    Rejection::new(
        code,
        Clause::new("ledger", "positions"),
        format!("{who} {e} ({of})"),
    )
}

impl State {
    /// The state before any event.
    pub fn initial(book: &Book) -> State {
        let instruments: Vec<Option<AnyInstrument>> = book
            .instruments
            .iter()
            .map(|d| Some(d.initial.clone()))
            .collect();
        let next_scheduled = book
            .instruments
            .iter()
            .map(|d| {
                d.initial
                    .next_scheduled(d.declared.yesterday().unwrap_or(d.declared))
            })
            .collect();
        State {
            as_of: Date::MIN,
            ledger: Ledger::default(),
            instruments,
            authorized: book
                .registry
                .securities
                .iter()
                .map(|s| s.authorized)
                .collect(),
            next_event: 0,
            next_scheduled,
            last_event_date: None,
            rejections: Vec::new(),
            warnings: Vec::new(),
            computations: Vec::new(),
            cash: Vec::new(),
            issued_by: Default::default(),
            rights: Vec::new(),
            scheduled_runs: 0,
        }
    }

    /// A view of the book on `date` for an instrument applying an event;
    /// `taken` is the instrument out of the list while it runs, with its
    /// own issuable common.
    fn view_on<'a>(
        &'a self,
        book: &'a Book,
        date: Date,
        taken: Option<(usize, Shares)>,
    ) -> View<'a> {
        View {
            date,
            book,
            ledger: &self.ledger,
            authorized: &self.authorized,
            instruments: &self.instruments,
            taken,
            shallow: false,
            issued_by: &self.issued_by,
            rights: &self.rights,
        }
    }

    /// A view that does not look into other instruments (used to ask an
    /// instrument for its own issuable shares without recursion).
    fn shallow_view_on<'a>(&'a self, book: &'a Book, date: Date) -> View<'a> {
        View {
            date,
            book,
            ledger: &self.ledger,
            authorized: &self.authorized,
            instruments: &[],
            taken: None,
            shallow: true,
            issued_by: &self.issued_by,
            rights: &self.rights,
        }
    }

    /// A view of the book as of `self.as_of`, for queries.
    pub fn view<'a>(&'a self, book: &'a Book) -> View<'a> {
        self.view_on(book, self.as_of, None)
    }

    pub fn instrument(&self, index: usize) -> Option<&AnyInstrument> {
        self.instruments.get(index).and_then(|i| i.as_ref())
    }

    /// Every rejection as a diagnostic, in replay order.
    pub fn rejection_diagnostics(&self) -> Vec<Diagnostic> {
        self.rejections
            .iter()
            .map(|r| r.rejection.to_diagnostic(Some(r.span)))
            .collect()
    }

    fn reject(&mut self, e: &Event, instrument: Option<String>, rejection: Rejection) {
        self.rejections.push(RecordedRejection {
            date: e.date,
            span: e.span,
            instrument,
            rejection,
        });
    }

    fn record(
        &mut self,
        date: Date,
        span: Option<Span>,
        instrument: Option<String>,
        outcome: Outcome,
    ) {
        for w in outcome.warnings {
            self.warnings.push(RecordedWarning {
                date,
                span,
                instrument: instrument.clone(),
                warning: w,
            });
        }
        for c in outcome.computations {
            self.computations.push(RecordedComputation {
                date,
                instrument: instrument.clone(),
                computed: c,
            });
        }
    }

    /// Replays everything up to and including `to` (journal events dated on
    /// or before `to`, and scheduled dates on or before `to`).
    pub fn advance(&mut self, book: &Book, to: Date) {
        loop {
            let ev_date = book
                .events
                .get(self.next_event)
                .map(|e| e.date)
                .filter(|d| *d <= to);
            let sched = self
                .next_scheduled
                .iter()
                .flatten()
                .copied()
                .filter(|d| *d <= to)
                .min();
            match (ev_date, sched) {
                (Some(e), Some(s)) if s < e => self.run_scheduled(book, s),
                (Some(d), _) => {
                    self.note_lapsed_rights(d);
                    let i = self.next_event;
                    self.next_event += 1;
                    if let Some(e) = book.events.get(i) {
                        self.apply_event(book, e);
                        self.last_event_date = Some(e.date);
                    }
                }
                (None, Some(s)) => self.run_scheduled(book, s),
                (None, None) => break,
            }
        }
        self.note_lapsed_rights(to);
        if to > self.as_of {
            self.as_of = to;
        }
    }

    fn refresh_schedule(&mut self, i: usize, after: Date) {
        let next = self.instruments[i]
            .as_ref()
            .and_then(|inst| inst.next_scheduled(after));
        // A schedule must move forward; anything else would loop forever.
        self.next_scheduled[i] = next.filter(|d| *d > after);
    }

    fn run_scheduled(&mut self, book: &Book, date: Date) {
        for i in 0..self.instruments.len() {
            if self.next_scheduled[i] != Some(date) {
                continue;
            }
            self.scheduled_runs += 1;
            if self.scheduled_runs > MAX_SCHEDULED_RUNS {
                self.next_scheduled[i] = None;
                continue;
            }
            let Some(mut inst) = self.instruments[i].take() else {
                continue;
            };
            let outcome = {
                let own = self.shallow_view_on(book, date).count_issuable(&inst);
                let view = self.view_on(book, date, Some((i, own)));
                inst.run_scheduled(date, &view)
            };
            self.instruments[i] = Some(inst);
            let id = book.instruments[i].id.to_string();
            let applied = apply_effects(
                &mut self.ledger,
                book,
                &outcome.effects,
                date,
                &mut self.cash,
            );
            if applied.is_ok() {
                self.check_delivery(book, date, None, i, &outcome.effects);
            }
            if let Err(r) = applied {
                self.warnings.push(RecordedWarning {
                    date,
                    span: Some(book.instruments[i].span),
                    instrument: Some(id.clone()),
                    warning: Warning {
                        code: "W0102",
                        clause: r.clause.clone(),
                        message: format!("scheduled effects not applied: {}", r.message),
                    },
                });
            }
            self.record(date, None, Some(id), outcome);
            self.refresh_schedule(i, date);
        }
    }

    fn apply_event(&mut self, book: &Book, e: &Event) {
        match &e.kind {
            EventKind::Issue {
                security,
                holder,
                shares,
                ..
            } => {
                if let Err(err) = self
                    .ledger
                    .issue(*security, *holder, *shares, e.date, false)
                {
                    self.reject(
                        e,
                        None,
                        position_rejection(book, "R0101", err, *security, *holder),
                    );
                } else {
                    self.check_authorized(book, e, *security);
                }
            }
            EventKind::Transfer {
                security,
                from,
                to,
                shares,
            } => {
                if let Err(err) = self.ledger.transfer(*security, *from, *to, *shares, e.date) {
                    self.reject(
                        e,
                        None,
                        position_rejection(book, "R0102", err, *security, *from),
                    );
                }
            }
            EventKind::Cancel {
                security,
                holder,
                shares,
                to_treasury,
            } => {
                if let Err(err) = self
                    .ledger
                    .cancel(*security, *holder, *shares, *to_treasury)
                {
                    self.reject(
                        e,
                        None,
                        position_rejection(book, "R0103", err, *security, *holder),
                    );
                }
            }
            EventKind::Outstanding {
                security,
                shares,
                holder,
            } => {
                let now = self.ledger.outstanding(*security);
                let result = if *shares >= now {
                    let delta = shares.checked_sub(now).unwrap_or(Shares::ZERO);
                    self.ledger.issue(*security, *holder, delta, e.date, false)
                } else {
                    let delta = now.checked_sub(*shares).unwrap_or(Shares::ZERO);
                    self.ledger.cancel(*security, *holder, delta, false)
                };
                if let Err(err) = result {
                    self.reject(
                        e,
                        None,
                        position_rejection(book, "R0104", err, *security, *holder),
                    );
                } else {
                    self.check_authorized(book, e, *security);
                }
            }
            EventKind::Authorize { security, shares } => {
                if let Some(slot) = self.authorized.get_mut(*security as usize) {
                    *slot = Some(*shares);
                }
            }
            EventKind::Action(action) => self.apply_action(book, e, action),
            EventKind::Instrument { index, event } => {
                self.apply_instrument_event(book, e, *index, event.as_ref())
            }
        }
    }

    fn apply_instrument_event(
        &mut self,
        book: &Book,
        e: &Event,
        index: usize,
        event: &crate::kinds::AnyEvent,
    ) {
        let i = index;
        let Some(mut inst) = self.instruments.get_mut(i).and_then(|s| s.take()) else {
            return;
        };
        let backup = inst.clone();
        let (issued, result) = {
            let shallow = self.shallow_view_on(book, e.date);
            let own = shallow.count_issuable(&inst);
            let view = self.view_on(book, e.date, Some((i, own)));
            (inst.issued_rights(event, &view), inst.apply(event, &view))
        };
        let id = book.instruments[i].id.to_string();
        let outcome = match result {
            Ok(outcome) => outcome,
            Err(r) => {
                self.instruments[i] = Some(backup);
                self.reject(e, Some(id), r);
                self.refresh_schedule(i, e.date.yesterday().unwrap_or(e.date));
                return;
            }
        };
        // Every other instrument hears the rights this event issues, with the
        // book as it stood immediately before it (the issuing instrument in
        // its prior state); any refusal rejects the event.
        self.instruments[i] = Some(backup);
        let others = match &issued {
            Some(action) => match self.hear(book, e.date, action, Some(i)) {
                Ok(o) => o,
                Err((j, r)) => {
                    let other = book.instruments[j].id.to_string();
                    self.reject(e, Some(other), r);
                    self.refresh_schedule(i, e.date.yesterday().unwrap_or(e.date));
                    return;
                }
            },
            None => Vec::new(),
        };
        match apply_effects(
            &mut self.ledger,
            book,
            &outcome.effects,
            e.date,
            &mut self.cash,
        ) {
            Ok(()) => {
                self.instruments[i] = Some(inst);
                self.note_issued(book, i, &outcome.effects);
                self.check_delivery(book, e.date, Some(e.span), i, &outcome.effects);
                self.record(e.date, Some(e.span), Some(id), outcome);
                self.install(book, e, others);
            }
            Err(r) => {
                self.reject(e, Some(id), r);
            }
        }
        self.refresh_schedule(i, e.date.yesterday().unwrap_or(e.date));
    }

    /// Every instrument but `skip` reacts to `action`, each with the book
    /// as it stood immediately before it: no instrument's new state is
    /// installed until all have reacted, so the order in which the journal
    /// declared them changes no figure. Returns each new state with its
    /// outcome, or the first refusal (nothing is changed).
    #[allow(clippy::type_complexity)]
    fn hear(
        &mut self,
        book: &Book,
        date: Date,
        action: &CorporateAction,
        skip: Option<usize>,
    ) -> Result<Vec<(usize, AnyInstrument, Outcome)>, (usize, Rejection)> {
        let mut out = Vec::new();
        for i in 0..self.instruments.len() {
            if Some(i) == skip {
                continue;
            }
            let Some(before) = self.instruments[i].take() else {
                continue;
            };
            let mut next = before.clone();
            let result = {
                // The reacting instrument is out of the list while it runs;
                // its own issuable shares still belong in a fully diluted
                // count that does not exclude it.
                let shallow = self.shallow_view_on(book, date);
                let own = shallow.count_issuable(&before);
                let view = self.view_on(book, date, Some((i, own)));
                next.on_action(action, &view)
            };
            self.instruments[i] = Some(before);
            match result {
                Ok(o) => out.push((i, next, o)),
                Err(r) => return Err((i, r)),
            }
        }
        Ok(out)
    }

    /// Installs the states [`State::hear`] computed and applies their
    /// effects (an effect that cannot be applied is a warning: the action
    /// itself has happened).
    fn install(&mut self, book: &Book, e: &Event, outs: Vec<(usize, AnyInstrument, Outcome)>) {
        for (i, next, o) in outs {
            self.instruments[i] = Some(next);
            let id = book.instruments[i].id.to_string();
            let applied = apply_effects(&mut self.ledger, book, &o.effects, e.date, &mut self.cash);
            if applied.is_ok() {
                self.check_delivery(book, e.date, Some(e.span), i, &o.effects);
            }
            if let Err(r) = applied {
                self.warnings.push(RecordedWarning {
                    date: e.date,
                    span: Some(e.span),
                    instrument: Some(id.clone()),
                    warning: Warning {
                        code: "W0102",
                        clause: r.clause.clone(),
                        message: format!("effects not applied: {}", r.message),
                    },
                });
            }
            self.record(e.date, Some(e.span), Some(id), o);
            self.refresh_schedule(i, e.date.yesterday().unwrap_or(e.date));
        }
    }

    /// Remembers the common an instrument issued to each holder (for the
    /// registration rights' Registrable Securities).
    fn note_issued(&mut self, book: &Book, i: usize, effects: &[Effect]) {
        for ef in effects {
            if let Effect::Issue {
                security,
                holder,
                shares,
                ..
            } = ef
            {
                if *security == book.settings.common {
                    if let Some(h) = book.registry.holder(holder.as_str()) {
                        let slot = self.issued_by.entry((i, h)).or_insert(Shares::ZERO);
                        *slot = slot.checked_add(*shares).unwrap_or(*slot);
                    }
                }
            }
        }
    }

    /// After instrument `i` delivered common (a conversion, an exercise, a
    /// redemption or dividend settled in common): when the issued common now
    /// exceeds the authorized shares, the delivery was beyond what the
    /// company could issue; the warning names the shortfall and the
    /// instrument's reservation clause.
    fn check_delivery(
        &mut self,
        book: &Book,
        date: Date,
        span: Option<Span>,
        i: usize,
        effects: &[Effect],
    ) {
        let Some(common) = book.common else { return };
        let delivered = effects
            .iter()
            .filter_map(|ef| match ef {
                Effect::Issue {
                    security, shares, ..
                } if *security == book.settings.common => Some(*shares),
                _ => None,
            })
            .fold(Shares::ZERO, |a, s| a.checked_add(s).unwrap_or(a));
        if delivered.is_zero() {
            return;
        }
        let Some(Some(auth)) = self.authorized.get(common as usize).copied() else {
            return;
        };
        let issued = self.ledger.issued(common);
        if issued <= auth {
            return;
        }
        let short = issued.checked_sub(auth).unwrap_or(Shares::ZERO);
        let clause = self.instruments[i]
            .as_ref()
            .and_then(|inst| inst.reservation_clause())
            .unwrap_or_else(|| Clause::new("charter", "authorized shares"));
        self.warnings.push(RecordedWarning {
            date,
            span,
            instrument: Some(book.instruments[i].id.to_string()),
            warning: Warning {
                code: "W0105",
                clause,
                message: format!(
                    "{} delivered {delivered} shares of common; {issued} are now issued against {auth} authorized, {short} beyond what the company could issue",
                    book.instruments[i].id
                ),
            },
        });
    }

    fn check_authorized(&mut self, book: &Book, e: &Event, security: u32) {
        if let Some(Some(auth)) = self.authorized.get(security as usize) {
            let issued = self.ledger.issued(security);
            if issued > *auth {
                self.warnings.push(RecordedWarning {
                    date: e.date,
                    span: Some(e.span),
                    instrument: None,
                    warning: Warning {
                        code: "W0101",
                        clause: Clause::new("charter", "authorized shares"),
                        message: format!(
                            "{} issued shares of {} exceed the {} authorized",
                            issued,
                            security_id(book, security),
                            auth
                        ),
                    },
                });
            }
        }
    }

    fn apply_action(&mut self, book: &Book, e: &Event, action: &CorporateAction) {
        let Some(common) = book.common else { return };
        // The action's own ledger change must be possible before any
        // instrument hears of it.
        if let CorporateAction::Repurchase { holder, shares, .. } = action {
            let held = book
                .registry
                .holder(holder.as_str())
                .map(|h| self.ledger.position(common, h))
                .unwrap_or(Shares::ZERO);
            if held < *shares {
                self.reject(
                    e,
                    None,
                    ledger_rejection(
                        "R0601",
                        LedgerError::Insufficient {
                            held,
                            wanted: *shares,
                        },
                    ),
                );
                return;
            }
        }
        // Every instrument reacts with the book as it stood immediately
        // before the action; any refusal rejects the whole action.
        let outcomes = match self.hear(book, e.date, action, None) {
            Ok(o) => o,
            Err((i, r)) => {
                let id = book.instruments[i].id.to_string();
                self.reject(e, Some(id), r);
                return;
            }
        };
        let own = match action {
            CorporateAction::IssueCommon { shares, holder, .. } => book
                .registry
                .holder(holder.as_str())
                .map(|h| {
                    self.ledger
                        .issue(common, h, *shares, e.date, false)
                        .map(|_| false)
                })
                .unwrap_or(Ok(false)),
            CorporateAction::Repurchase { shares, holder, .. } => book
                .registry
                .holder(holder.as_str())
                .map(|h| self.ledger.cancel(common, h, *shares, true).map(|_| false))
                .unwrap_or(Ok(false)),
            CorporateAction::Subdivision { .. } => match action.subdivision_factor() {
                Some(f) => self.ledger.subdivide(common, &f),
                None => Ok(false),
            },
            // A reclassification of the common into common alone (e.g. 2
            // new shares for each old share) changes every position as a
            // split does. Any other reference property (another company's
            // securities, cash) leaves the ledger as it is: the book keeps
            // the company's securities, and each instrument records what its
            // holders became entitled to (docs/interpretations.md).
            CorporateAction::Reorganization {
                kind: actions::ReorganizationKind::Reclassification,
                reference_property,
                ..
            } if reference_property.len() == 1
                && reference_property[0].security == book.settings.common.as_str() =>
            {
                let f = units::Exact::from_decimal(reference_property[0].per_share);
                if f.is_zero() || f.is_negative() {
                    Ok(false)
                } else {
                    self.ledger.subdivide(common, &f)
                }
            }
            _ => Ok(false),
        };
        let rounded = match own {
            Ok(r) => r,
            Err(err) => {
                self.reject(e, None, ledger_rejection("R0602", err));
                return;
            }
        };
        if rounded {
            self.warnings.push(RecordedWarning {
                date: e.date,
                span: Some(e.span),
                instrument: None,
                warning: Warning {
                    code: "W0103",
                    clause: Clause::new("ledger", "subdivision"),
                    message: "some positions did not divide evenly and were rounded down to 4 decimal places; the fractions are the company's to settle (e.g. cash in lieu) and must be recorded".into(),
                },
            });
        }
        if matches!(action, CorporateAction::IssueCommon { .. }) {
            self.check_authorized(book, e, common);
        }
        self.note_rights(book, e, action);
        self.install(book, e, outcomes);
    }

    /// Keeps the register of rights recorded with `issue-rights` under an
    /// id that no instrument counts itself (see [`State::rights`]).
    fn note_rights(&mut self, book: &Book, e: &Event, action: &CorporateAction) {
        use crate::view::OutstandingRights;
        match action {
            CorporateAction::IssueRights { rights, .. }
                if book.instrument_index(rights.security.as_str()).is_none() =>
            {
                self.rights.push(OutstandingRights {
                    security: rights.security.clone(),
                    issued: e.date,
                    max_shares: rights.max_shares,
                    exercise_price: rights.exercise_price,
                    expiry: rights.expiry,
                    open: true,
                    lapse_noted: false,
                });
            }
            CorporateAction::AmendRights {
                security,
                exercise_price,
                max_shares,
            } => {
                for r in self
                    .rights
                    .iter_mut()
                    .filter(|r| r.open && r.security == *security)
                {
                    if let Some(p) = exercise_price {
                        r.exercise_price = *p;
                    }
                    if let Some(m) = max_shares {
                        r.max_shares = *m;
                    }
                }
            }
            CorporateAction::ExpireRights { security, .. } => {
                for r in self.rights.iter_mut().filter(|r| r.security == *security) {
                    r.open = false;
                }
            }
            _ => {}
        }
    }

    /// Rights whose stated expiry date has come with no `expire-rights`
    /// recorded: they leave the fully diluted count on that date by
    /// themselves, but what was actually issued on them (which a warrant's
    /// readjustment on expiry needs) only the journal can say, so the book
    /// says it is missing.
    fn note_lapsed_rights(&mut self, through: Date) {
        for r in self.rights.iter_mut() {
            let Some(expiry) = r.expiry else { continue };
            if r.open && !r.lapse_noted && expiry <= through {
                r.lapse_noted = true;
                self.warnings.push(RecordedWarning {
                    date: expiry,
                    span: None,
                    instrument: None,
                    warning: Warning {
                        code: "W0104",
                        clause: Clause::new("journal", "expire-rights"),
                        message: format!(
                            "rights {} reached their expiry date {expiry} with no `expire-rights` recorded; they leave the fully diluted count from that date, and the shares actually issued on them are unknown until it is recorded",
                            r.security
                        ),
                    },
                });
            }
        }
    }
}

/// Applies an instrument's effects to the ledger: all or nothing. Every
/// effect is checked against the positions as the earlier effects leave
/// them before any is written.
pub fn apply_effects(
    ledger: &mut Ledger,
    book: &Book,
    effects: &[Effect],
    date: Date,
    cash: &mut Vec<CashRecord>,
) -> Result<(), Rejection> {
    let reject = |m: String| Rejection::new("R0105", Clause::new("ledger", "positions"), m);
    let sec = |s: &terms::SecurityId| {
        book.registry
            .security(s.as_str())
            .ok_or_else(|| reject(format!("unknown security `{s}`")))
    };
    let hol = |h: &HolderId| {
        book.registry
            .holder(h.as_str())
            .ok_or_else(|| reject(format!("unknown holder `{h}`")))
    };
    // Dry run on the net change per position.
    let mut net: HashMap<(u32, u32), Shares> = HashMap::new();
    let take = |net: &mut HashMap<(u32, u32), Shares>,
                s: u32,
                h: u32,
                q: Shares|
     -> Result<(), Rejection> {
        let cur = match net.get(&(s, h)) {
            Some(v) => *v,
            None => ledger.position(s, h),
        };
        if cur < q {
            return Err(reject(format!(
                "holder `{}` holds {cur} of `{}`, needs {q}",
                book.registry
                    .holder_info(h)
                    .map(|i| i.id.to_string())
                    .unwrap_or_default(),
                security_id(book, s)
            )));
        }
        net.insert(
            (s, h),
            cur.checked_sub(q).map_err(|e| reject(e.to_string()))?,
        );
        Ok(())
    };
    for ef in effects {
        match ef {
            Effect::Issue {
                security,
                holder,
                shares,
                ..
            } => {
                let (s, h) = (sec(security)?, hol(holder)?);
                let cur = net
                    .get(&(s, h))
                    .copied()
                    .unwrap_or_else(|| ledger.position(s, h));
                net.insert(
                    (s, h),
                    cur.checked_add(*shares)
                        .map_err(|e| reject(e.to_string()))?,
                );
            }
            Effect::Cancel {
                security,
                holder,
                shares,
                ..
            } => {
                let (s, h) = (sec(security)?, hol(holder)?);
                take(&mut net, s, h, *shares)?;
            }
            Effect::Transfer {
                security,
                from,
                to,
                shares,
                ..
            } => {
                let (s, f, t) = (sec(security)?, hol(from)?, hol(to)?);
                take(&mut net, s, f, *shares)?;
                let cur = net
                    .get(&(s, t))
                    .copied()
                    .unwrap_or_else(|| ledger.position(s, t));
                net.insert(
                    (s, t),
                    cur.checked_add(*shares)
                        .map_err(|e| reject(e.to_string()))?,
                );
            }
            Effect::Cash { holder, .. } => {
                hol(holder)?;
            }
        }
    }
    for ef in effects {
        let r = match ef {
            Effect::Issue {
                security,
                holder,
                shares,
                from_treasury,
                ..
            } => ledger.issue(sec(security)?, hol(holder)?, *shares, date, *from_treasury),
            Effect::Cancel {
                security,
                holder,
                shares,
                to_treasury,
                ..
            } => ledger.cancel(sec(security)?, hol(holder)?, *shares, *to_treasury),
            Effect::Transfer {
                security,
                from,
                to,
                shares,
                ..
            } => ledger.transfer(sec(security)?, hol(from)?, hol(to)?, *shares, date),
            Effect::Cash {
                holder,
                amount,
                reason,
            } => {
                cash.push(CashRecord {
                    date,
                    holder: holder.clone(),
                    amount: *amount,
                    reason: reason.clone(),
                });
                Ok(())
            }
        };
        // Checked above; a failure here is an overflow, reported not hidden.
        r.map_err(|e| reject(e.to_string()))?;
    }
    Ok(())
}

/// Replays a book up to and including `as_of`.
pub fn replay(book: &Book, as_of: Date) -> State {
    let mut s = State::initial(book);
    s.advance(book, as_of);
    s
}

/// A fully replayed book with checkpoints, for fast queries on any date.
pub struct Timeline {
    checkpoints: Vec<State>,
}

impl Timeline {
    /// Replays the whole book once, keeping a checkpoint every `every`
    /// events.
    pub fn build(book: &Book, every: usize) -> Timeline {
        let every = every.max(1);
        let mut checkpoints = vec![State::initial(book)];
        let mut s = State::initial(book);
        let mut i = 0;
        while i < book.events.len() {
            let end = (i + every).min(book.events.len());
            // Advance to just before the date of event `end` (or the last).
            let target = book.events[end - 1].date;
            s.advance_events(book, end, target);
            checkpoints.push(s.clone());
            i = end;
        }
        Timeline { checkpoints }
    }

    /// The state as of `date`, from the nearest checkpoint at or before it.
    pub fn state_at(&self, book: &Book, date: Date) -> State {
        // Checkpoints are in replay order, so "usable for `date`" (nothing
        // applied after it) holds for a prefix: binary search its end.
        let usable =
            |c: &State| c.last_event_date.map(|d| d <= date).unwrap_or(true) && c.as_of <= date;
        let n = self.checkpoints.partition_point(usable);
        let cp = n
            .checked_sub(1)
            .and_then(|i| self.checkpoints.get(i))
            .or_else(|| self.checkpoints.first());
        let mut s = match cp {
            Some(c) => c.clone(),
            None => State::initial(book),
        };
        s.advance(book, date);
        s
    }

    pub fn checkpoints(&self) -> usize {
        self.checkpoints.len()
    }
}

impl State {
    /// Applies events up to index `end` (exclusive), running scheduled dates
    /// before each, but no further than `to`.
    fn advance_events(&mut self, book: &Book, end: usize, to: Date) {
        while self.next_event < end {
            let Some(e) = book.events.get(self.next_event) else {
                break;
            };
            if e.date > to {
                break;
            }
            // Scheduled dates strictly before this event's date run first.
            loop {
                let sched = self
                    .next_scheduled
                    .iter()
                    .flatten()
                    .copied()
                    .filter(|d| *d < e.date)
                    .min();
                match sched {
                    Some(s) => self.run_scheduled(book, s),
                    None => break,
                }
            }
            self.next_event += 1;
            self.apply_event(book, e);
            self.last_event_date = Some(e.date);
            if e.date.yesterday().map(|y| y > self.as_of).unwrap_or(false) {
                // As of the day before: the rest of this date may follow.
                self.as_of = e.date.yesterday().unwrap_or(e.date);
            }
        }
    }
}
