//! Queries for the command line: pure functions of the state and the book
//! as of `view.date()`, each returning a serializable report with
//! `render_text()`.
//!
//! * [`registrable_report`]: Registrable Securities per holder (the
//!   definition of Registrable Securities);
//! * [`demands_report`]: demands used and left, the next date a demand is
//!   allowed (the demand clause's waiting period, count limit and
//!   interval);
//! * [`deadlines_report`]: open deadlines (see [`crate::deadlines`]);
//! * [`cutback_report`]: the allocation of an underwriter's number over a
//!   registration's participants (the cutback priority orders).

use crate::cutback::{allocate, Allocation, Participant};
use crate::deadlines::{deadlines, Deadline};
use crate::registrable::HolderRegistrable;
use crate::state::{Agreement, RegKind};
use crate::terms::Class;
use calendar::Date;
use serde::Serialize;
use std::fmt::Write as _;
use terms::{BookView, InstrumentId, Rejection};
use units::Shares;

/// Registrable Securities per holder.
#[derive(Clone, Debug, Serialize)]
pub struct RegistrableReport {
    pub agreement: InstrumentId,
    pub date: Date,
    pub holders: Vec<HolderRegistrable>,
    pub outstanding: Shares,
    pub rule144_limit: Option<String>,
    /// The date the agreement terminated (the term clause), if on or before
    /// the date.
    pub terminated: Option<Date>,
}

impl RegistrableReport {
    pub fn render_text(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "Registrable Securities under {} on {}",
            self.agreement, self.date
        );
        let _ = writeln!(
            out,
            "  {:<28} {:>16} {:>16} {:>16}  note",
            "holder", "issuable", "common", "registrable"
        );
        for h in &self.holders {
            let _ = writeln!(
                out,
                "  {:<28} {:>16} {:>16} {:>16}  {}",
                h.holder.as_str(),
                h.issuable,
                h.common,
                h.registrable,
                h.ceased.as_deref().unwrap_or("")
            );
            // The definition's reorganization limb: securities from
            // reorganizations, by class.
            let parts = |m: &std::collections::BTreeMap<String, Shares>| {
                m.iter()
                    .map(|(s, n)| format!("{n} {s}"))
                    .collect::<Vec<_>>()
                    .join(" + ")
            };
            if !h.issuable_as.is_empty() {
                let _ = writeln!(out, "  {:<28} issuable as {}", "", parts(&h.issuable_as));
            }
            if !h.other.is_empty() {
                let _ = writeln!(out, "  {:<28} also holds {}", "", parts(&h.other));
            }
        }
        let _ = writeln!(out, "  {:<28} {:>50}", "outstanding", self.outstanding);
        if let Some(l) = &self.rule144_limit {
            let _ = writeln!(out, "  Rule 144 three-month volume limit: {l}");
        }
        if let Some(t) = self.terminated {
            let _ = writeln!(out, "  the agreement terminated on {t} (no rights remain)");
        }
        out
    }
}

pub fn registrable_report(agr: &Agreement, view: &dyn BookView) -> RegistrableReport {
    let holders = agr.registrable_all(view);
    let outstanding = holders.iter().fold(Shares::ZERO, |a, h| {
        a.checked_add(h.registrable).unwrap_or(a)
    });
    RegistrableReport {
        agreement: agr.id.clone(),
        date: view.date(),
        holders,
        outstanding,
        rule144_limit: agr.rule144_limit(view).map(|(l, _)| l.display()),
        terminated: agr.terminated.filter(|t| *t <= view.date()),
    }
}

/// One registration in summary.
#[derive(Clone, Debug, Serialize)]
pub struct RegistrationSummary {
    pub id: String,
    pub kind: RegKind,
    pub opened: Date,
    pub form: Option<String>,
    pub requested: Shares,
    pub status: String,
    pub counts_toward_limit: bool,
}

/// Demands used and left.
#[derive(Clone, Debug, Serialize)]
pub struct DemandsReport {
    pub agreement: InstrumentId,
    pub date: Date,
    pub used: u32,
    pub forfeited: u32,
    pub max: u32,
    pub left: u32,
    /// The next date a demand under the majority right is allowed (None:
    /// all used).
    pub next_allowed: Option<Date>,
    /// The date the agreement terminated (the term clause), if on or before
    /// the date.
    pub terminated: Option<Date>,
    pub registrations: Vec<RegistrationSummary>,
}

impl DemandsReport {
    pub fn render_text(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "Demand registrations under {} on {}",
            self.agreement, self.date
        );
        let _ = writeln!(
            out,
            "  used {} of {} ({} forfeited), left {}",
            self.used, self.max, self.forfeited, self.left
        );
        let _ = writeln!(
            out,
            "  next demand allowed: {}",
            match (self.terminated, self.next_allowed) {
                (Some(t), _) => format!("none (the agreement terminated on {t})"),
                (None, Some(d)) => d.to_string(),
                (None, None) => "none (all used)".into(),
            }
        );
        for r in &self.registrations {
            let _ = writeln!(
                out,
                "  {:<12} {:<24} opened {} form {:<5} requested {:>14}  {}{}",
                r.id,
                r.kind.name(),
                r.opened,
                r.form.as_deref().unwrap_or("-"),
                r.requested,
                r.status,
                if r.counts_toward_limit {
                    "  [counts]"
                } else {
                    ""
                }
            );
        }
        out
    }
}

fn status_of(agr: &Agreement, r: &crate::state::Registration, d: Date) -> String {
    if let Some(w) = r.withdrawn {
        return format!(
            "withdrawn {w}{}{}",
            if r.forfeited {
                ", demand forfeited"
            } else {
                ""
            },
            if r.expenses_by_holders {
                ", expenses borne by holders"
            } else {
                ""
            }
        );
    }
    if r.stopped_on(d) {
        return "stop order outstanding (not effected)".into();
    }
    if r.suspended_on(d) {
        return format!("suspended ({} days so far)", r.suspended_days(d));
    }
    if let Some(e) = r.effective {
        let until = agr
            .keep_effective_until(r, d)
            .map(|u| format!(", keep effective through {u}"))
            .unwrap_or_default();
        return format!("effective {e}{until}");
    }
    if let Some(f) = r.filed {
        return format!("filed {f}");
    }
    match agr.filing_deadline(r) {
        Some(fd) => format!("requested; file by {fd}"),
        None => "proposed".into(),
    }
}

pub fn demands_report(agr: &Agreement, view: &dyn BookView) -> DemandsReport {
    let d = view.date();
    let used = agr.demands_used(d);
    let max = agr.terms.demand.max_effected;
    let registrations = agr
        .registrations
        .values()
        .map(|r| RegistrationSummary {
            id: r.id.clone(),
            kind: r.kind,
            opened: r.opened,
            form: r.form.clone(),
            requested: r.requested_total(),
            status: status_of(agr, r, d),
            counts_toward_limit: r.kind == RegKind::HolderDemand
                && r.effected_on(d)
                && !matches!(r.form.as_deref(), Some(f) if agr.terms.demand.uncounted_forms.iter().any(|u| u == f)),
        })
        .collect();
    DemandsReport {
        agreement: agr.id.clone(),
        date: d,
        used,
        forfeited: agr.forfeited_demands,
        max,
        left: max.saturating_sub(used),
        next_allowed: if agr.terminated_by(d) {
            None
        } else {
            agr.next_demand_allowed(d)
        },
        terminated: agr.terminated.filter(|t| *t <= d),
        registrations,
    }
}

/// Open deadlines.
#[derive(Clone, Debug, Serialize)]
pub struct DeadlinesReport {
    pub agreement: InstrumentId,
    pub date: Date,
    pub deadlines: Vec<Deadline>,
}

impl DeadlinesReport {
    pub fn render_text(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "Open deadlines under {} as of {}",
            self.agreement, self.date
        );
        for d in &self.deadlines {
            let _ = writeln!(
                out,
                "  {} {:<24} {}  [{}]{}",
                d.due,
                d.party,
                d.obligation,
                d.clause,
                if d.overdue { "  OVERDUE" } else { "" }
            );
        }
        if self.deadlines.is_empty() {
            let _ = writeln!(out, "  (none)");
        }
        out
    }

    /// The deadlines as an iCalendar file.
    pub fn to_ics(&self) -> String {
        crate::deadlines::to_ics(
            &format!("{} deadlines", self.agreement),
            &self.deadlines,
            self.date,
        )
    }
}

pub fn deadlines_report(agr: &Agreement, view: &dyn BookView) -> DeadlinesReport {
    DeadlinesReport {
        agreement: agr.id.clone(),
        date: view.date(),
        deadlines: deadlines(agr, view),
    }
}

/// The allocation of `number` shares over registration `registration`'s
/// requests (plus `company` shares and `others`), under the registration's
/// priority order.
pub fn cutback_report(
    agr: &Agreement,
    registration: &str,
    number: Shares,
    company: Shares,
    others: &[crate::event::OtherSeller],
) -> Result<Allocation, Rejection> {
    let r = agr.registrations.get(registration).ok_or_else(|| {
        Rejection::new(
            crate::codes::UNKNOWN_REGISTRATION,
            agr.terms.cite(&agr.terms.demand.clause),
            format!("no registration `{registration}`"),
        )
    })?;
    let order = match r.kind {
        RegKind::HolderDemand | RegKind::FounderDemand => &agr.terms.cutback.holder_demand,
        RegKind::Company => &agr.terms.cutback.company,
        RegKind::OtherDemand => &agr.terms.cutback.other_demand,
    };
    let mut ps: Vec<Participant> = r
        .requests
        .iter()
        .map(|q| Participant {
            id: q.holder.to_string(),
            class: Class::Holders,
            requested: q.shares,
            seq: q.seq,
        })
        .collect();
    let base = agr.next_seq;
    if !company.is_zero() {
        ps.push(Participant {
            id: "company".into(),
            class: Class::Company,
            requested: company,
            seq: base,
        });
    }
    for (k, o) in others.iter().enumerate() {
        ps.push(Participant {
            id: o.id.clone(),
            class: o.class,
            requested: o.shares,
            seq: base
                .saturating_add(1)
                .saturating_add(u32::try_from(k).unwrap_or(u32::MAX)),
        });
    }
    allocate(&ps, order, &agr.terms.document, number)
}
