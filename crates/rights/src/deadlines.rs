//! The deadline calendar: every open obligation under the instrument, for
//! the Company and for each holder, as of a date, and its iCalendar form.
//!
//! [`deadlines`] lists {due date, party, obligation, clause}; it is a pure
//! function of the state and the book as of `view.date()`. Obligations the
//! documents require "promptly" are due on the day that triggers them.
//! [`to_ics`] renders the list as RFC 5545 text: CRLF line ends, lines
//! folded at 75 octets, `DTSTART;VALUE=DATE`, a `UID` derived only from the
//! obligation (so a re-export updates rather than duplicates events), and
//! TEXT values escaped.

use crate::state::{add_days, Agreement};
use crate::terms::Period;
use calendar::{add_months, Date};
use serde::Serialize;
use terms::BookView;
use units::Clause;

/// One open obligation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Deadline {
    pub due: Date,
    /// `company` or a holder id.
    pub party: String,
    pub obligation: String,
    pub clause: Clause,
    /// The registration or grant it belongs to, if any.
    pub subject: Option<String>,
    /// A stable key naming the obligation (the UID's source).
    pub key: String,
    /// Due before the as-of date and still open.
    pub overdue: bool,
}

struct Builder<'a> {
    agr: &'a Agreement,
    as_of: Date,
    out: Vec<Deadline>,
}

impl Builder<'_> {
    fn push(
        &mut self,
        due: Date,
        party: &str,
        obligation: String,
        section: &str,
        subject: Option<&str>,
        tag: &str,
    ) {
        let key = format!(
            "{}/{}/{}/{}",
            self.agr.id,
            subject.unwrap_or("-"),
            tag,
            party
        );
        self.out.push(Deadline {
            due,
            party: party.to_string(),
            obligation,
            clause: self.agr.terms.cite(section),
            subject: subject.map(str::to_string),
            key,
            overdue: due < self.as_of,
        });
    }
}

/// The next due date of a recurring report on or after `as_of`.
fn next_report_due(as_of: Date, period: Period, due_days: i32, fy_end_month: i8) -> Option<Date> {
    // Period ends are month ends; walk month ends from a year back.
    let start = add_months(as_of, -15);
    let mut m = Date::new(start.year(), start.month(), 1).ok()?;
    for _ in 0..40 {
        let end = add_months(m, 1).yesterday().ok()?;
        let month = end.month();
        let is_fy_end = month == fy_end_month;
        let is_quarter_end = (i16::from(month) - i16::from(fy_end_month)).rem_euclid(3) == 0;
        let matches = match period {
            Period::Year => is_fy_end,
            Period::Quarter => is_quarter_end && !is_fy_end,
        };
        if matches {
            let due = add_days(end, due_days);
            if due >= as_of {
                return Some(due);
            }
        }
        m = add_months(m, 1);
    }
    None
}

/// Every open obligation as of `view.date()`, sorted by due date, then
/// party, then obligation.
pub fn deadlines(agr: &Agreement, view: &dyn BookView) -> Vec<Deadline> {
    let as_of = view.date();
    // The term clause: nothing is owed under a terminated agreement.
    if agr.terminated_by(as_of) {
        return Vec::new();
    }
    let holders = agr.holders(view);
    let mut b = Builder {
        agr,
        as_of,
        out: Vec::new(),
    };
    let t = &agr.terms;
    for r in agr.registrations.values() {
        if r.withdrawn.is_some() || r.opened > as_of {
            continue;
        }
        let id = r.id.as_str();
        let (notice_clause, window_clause) = if r.kind.is_demand() {
            (t.demand.clause.as_str(), t.demand.clause.as_str())
        } else {
            (t.piggyback.clause.as_str(), t.piggyback.clause.as_str())
        };
        let piggyback_ok =
            r.kind.is_demand() || agr.piggyback_allowed(r.form.as_deref().unwrap_or(""), true);
        if !piggyback_ok {
            continue;
        }
        if r.notice.is_none() {
            b.push(
                r.opened,
                "company",
                format!("give written notice of registration `{id}` to all holders of Registrable Securities (promptly)"),
                notice_clause,
                Some(id),
                "notice",
            );
        }
        let window = agr.join_window_end(r);
        if as_of <= window && r.filed.is_none() {
            for h in &holders {
                if r.requests.iter().any(|q| &q.holder == h) {
                    continue;
                }
                if agr.registrable_of(view, h).registrable.is_zero() {
                    continue;
                }
                b.push(
                    window,
                    h.as_str(),
                    format!("last day to request inclusion in registration `{id}`"),
                    window_clause,
                    Some(id),
                    "join",
                );
            }
        }
        if r.filed.is_none() {
            if let (Some(due), Some(f)) = (agr.filing_deadline(r), &t.filing) {
                b.push(
                    due,
                    "company",
                    format!("file the registration statement for `{id}`"),
                    &f.clause,
                    Some(id),
                    "file",
                );
            }
        }
        if r.effective.is_some() && !r.all_sold() && !r.requests.is_empty() {
            if let Some(until) = agr.keep_effective_until(r, as_of) {
                if as_of <= until {
                    b.push(
                        until,
                        "company",
                        format!("keep registration `{id}` effective through this date or until all its Registrable Securities are sold"),
                        &t.effectiveness.clause,
                        Some(id),
                        "keep-effective",
                    );
                }
            }
        }
        if let (Some(s), true) = (&t.suspension, r.suspended_on(as_of)) {
            if let Some((start, _)) = r.suspensions.iter().rev().find(|(_, to)| to.is_none()) {
                let before = r.suspended_days(*start);
                let end = add_days(*start, s.max_total_days.saturating_sub(before));
                b.push(
                    end,
                    "company",
                    format!(
                        "end the suspension of shelf `{id}` (total allowance {} days)",
                        s.max_total_days
                    ),
                    &s.clause,
                    Some(id),
                    "suspension",
                );
            }
        }
    }
    if let Some(f) = &t.founder {
        if let Some(trig) = agr.founder.triggered_on {
            if agr.founder.notice_on.is_none() {
                b.push(
                    trig,
                    "company",
                    format!(
                        "notify the Holders that {} sold more than {} of his holdings",
                        f.founder, f.fraction
                    ),
                    &f.clause,
                    None,
                    "founder-notice",
                );
            } else if let Some(deadline) = agr.founder_deadline() {
                let last = deadline.yesterday().unwrap_or(deadline);
                if as_of <= last {
                    for h in &holders {
                        b.push(
                            last,
                            h.as_str(),
                            "last day to request a founder-trigger registration".to_string(),
                            &f.clause,
                            None,
                            "founder-request",
                        );
                    }
                }
            }
        }
    }
    if let Some(l) = &t.lockup {
        for k in &agr.lockups {
            if k.from <= as_of && as_of <= k.until {
                for h in &holders {
                    b.push(
                        k.until,
                        h.as_str(),
                        format!(
                            "lockup after `{}`: no disposition of common equity through this date",
                            k.registration
                        ),
                        &l.clause,
                        Some(&k.registration),
                        "lockup",
                    );
                }
            }
        }
    }
    if let Some(m) = &t.mfn {
        for (g, grant) in &agr.grants {
            match grant.notice {
                None => b.push(
                    grant.granted,
                    "company",
                    format!(
                        "give the Holders notice of registration rights granted (`{g}`) (promptly)"
                    ),
                    &m.clause,
                    Some(g),
                    "mfn-notice",
                ),
                Some(n) => {
                    let last = add_days(n, m.election_days);
                    if as_of <= last {
                        for h in &holders {
                            if grant.elections.contains_key(h) {
                                continue;
                            }
                            b.push(
                                last,
                                h.as_str(),
                                format!("last day to elect the more favourable rights of `{g}`"),
                                &m.clause,
                                Some(g),
                                "mfn-election",
                            );
                        }
                    }
                }
            }
        }
    }
    // The periods run from the Company's fiscal year, a fact the journal
    // declares once (`option fiscal-year-end`); without it there is no
    // period end to count from, and the reports are left off the calendar
    // (docs/interpretations.md "The fiscal year is one company fact").
    let reports = view
        .fiscal_year_end()
        .map(|fye| t.reports.iter().map(move |rep| (rep, fye.month)))
        .into_iter()
        .flatten();
    for (rep, fy_end_month) in reports {
        if let Some(due) = next_report_due(as_of, rep.period, rep.due_days, fy_end_month) {
            b.push(
                due,
                "company",
                rep.obligation.clone(),
                &rep.clause,
                None,
                &format!("report-{}", due),
            );
        }
    }
    let mut out = b.out;
    out.sort_by(|a, b| {
        a.due
            .cmp(&b.due)
            .then_with(|| a.party.cmp(&b.party))
            .then_with(|| a.obligation.cmp(&b.obligation))
    });
    out
}

/// FNV-1a, 64-bit: a stable hash (unlike `std`'s, fixed by definition).
fn fnv1a(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// RFC 5545 section 3.3.11 TEXT escaping: backslash, semicolon, comma, newline.
/// TEXT admits no other control character (section 3.3.11 `TSAFE-CHAR`: HTAB is
/// the only one): each is written as a space, so a journal string cannot
/// make a line a calendar rejects.
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            '\t' => out.push(c),
            c if c.is_ascii_control() => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// RFC 5545 section 3.1: lines longer than 75 octets are folded with CRLF and a
/// space, never inside a UTF-8 character.
fn fold(line: &str, out: &mut String) {
    let mut count = 0usize;
    for c in line.chars() {
        let n = c.len_utf8();
        if count + n > 75 {
            out.push_str("\r\n ");
            count = 1;
        }
        out.push(c);
        count += n;
    }
    out.push_str("\r\n");
}

fn ymd(d: Date) -> String {
    format!("{:04}{:02}{:02}", d.year(), d.month(), d.day())
}

/// The deadlines as an iCalendar (RFC 5545) calendar. `stamp` is the
/// DTSTAMP written on every event (the as-of date; the crate reads no
/// clock).
pub fn to_ics(calendar_name: &str, deadlines: &[Deadline], stamp: Date) -> String {
    let mut out = String::new();
    for l in [
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".to_string(),
        "PRODID:-//stockbook//registration rights//EN".to_string(),
        "CALSCALE:GREGORIAN".to_string(),
        format!("X-WR-CALNAME:{}", escape_text(calendar_name)),
    ] {
        fold(&l, &mut out);
    }
    for d in deadlines {
        let uid = format!("{:016x}-{}@stockbook", fnv1a(&d.key), ymd(d.due));
        let end = d.due.tomorrow().unwrap_or(d.due);
        let summary = format!("{}: {}", d.party, d.obligation);
        let desc = format!(
            "{}{}\nparty: {}",
            d.clause,
            d.subject
                .as_ref()
                .map(|s| format!(" — {s}"))
                .unwrap_or_default(),
            d.party
        );
        for l in [
            "BEGIN:VEVENT".to_string(),
            format!("UID:{uid}"),
            format!("DTSTAMP:{}T000000Z", ymd(stamp)),
            format!("DTSTART;VALUE=DATE:{}", ymd(d.due)),
            format!("DTEND;VALUE=DATE:{}", ymd(end)),
            format!("SUMMARY:{}", escape_text(&summary)),
            format!("DESCRIPTION:{}", escape_text(&desc)),
            "TRANSP:TRANSPARENT".to_string(),
            "END:VEVENT".to_string(),
        ] {
            fold(&l, &mut out);
        }
    }
    fold("END:VCALENDAR", &mut out);
    out
}
