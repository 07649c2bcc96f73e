//! Questions a user asks of a plan, as pure functions returning serializable
//! reports with `render_text()`: the pool on a date, the per-person limits
//! used in a calendar year, whether a grant would be allowed (and which
//! clause stops it), and a holder's Awards with vesting, exercisable shares
//! and last exercise dates.

use crate::award::{AwardKind, LimitCategory};
use crate::event::GrantSpec;
use crate::pool::{self, Snapshot};
use crate::Plan;
use calendar::Date;
use serde::Serialize;
use std::fmt::Write as _;
use terms::{BookView, HolderId};
use units::{Computed, Exact, Money};

/// The pool on `as_of`, counting Awards that lapsed by then (`pool.unexercised`).
pub fn pool_on(plan: &Plan, as_of: Date) -> Snapshot {
    let mut p = plan.clone();
    p.sweep(as_of);
    pool::snapshot(&p.entries, as_of)
}

/// `plan pool`: the pool on a date and its history.
#[derive(Clone, Debug, Serialize)]
pub struct PoolReport {
    pub plan: String,
    pub as_of: Date,
    pub authorized: String,
    pub outstanding: String,
    pub delivered: String,
    pub returned: String,
    pub assumed: String,
    pub available: String,
    /// `<key>_exact` for each figure above that does not terminate.
    #[serde(flatten)]
    pub exact: std::collections::BTreeMap<String, String>,
    /// Every movement up to the date: (date, award, movement, clause).
    pub movements: Vec<pool::Entry>,
    pub computation: Computed,
}

impl PoolReport {
    pub fn render_text(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "{} share pool as of {}", self.plan, self.as_of);
        for (k, v) in [
            ("authorized", &self.authorized),
            ("subject to outstanding Awards", &self.outstanding),
            ("delivered (net)", &self.delivered),
            ("returned / not counted", &self.returned),
            ("assumed by a successor", &self.assumed),
            ("available", &self.available),
        ] {
            let _ = writeln!(s, "  {k:<32} {v:>14}");
        }
        let _ = writeln!(s, "movements:");
        for e in &self.movements {
            let _ = writeln!(
                s,
                "  {:<10}  {:<12} {}  [{}]",
                // A maximum the term file sets with no effective date is
                // dated the calendar's first day; a person reads "terms".
                if e.date == Date::MIN {
                    String::from("terms")
                } else {
                    e.date.to_string()
                },
                e.award.as_deref().unwrap_or("-"),
                describe(&e.movement),
                e.clause
            );
        }
        s
    }
}

fn describe(m: &pool::Movement) -> String {
    use pool::Movement::*;
    match m {
        Authorize { pool } => format!("maximum set to {}", pool.display()),
        Grant { shares } => format!("granted {}", shares.display()),
        GrantDelivered { shares } => format!("granted and delivered {}", shares.display()),
        Deliver {
            gross,
            held_back,
            tendered,
        } => format!(
            "exercised/delivered {} (held back or not delivered {}, tendered {})",
            gross.display(),
            held_back.display(),
            tendered.display()
        ),
        Return { shares } => format!("returned {}", shares.display()),
        ForfeitDelivered { shares } => format!("restricted stock forfeited {}", shares.display()),
        Assumed { shares } => format!("assumed by successor {}", shares.display()),
        Scale { factor, pool } => format!(
            "adjusted × {} (maximum {})",
            factor.fraction_string(),
            pool.display()
        ),
    }
}

pub fn pool_report(plan: &Plan, as_of: Date) -> PoolReport {
    let mut p = plan.clone();
    p.sweep(as_of);
    let snap = pool::snapshot(&p.entries, as_of);
    PoolReport {
        plan: plan.id.to_string(),
        as_of,
        authorized: snap.authorized.display(),
        outstanding: snap.outstanding.display(),
        delivered: snap.delivered.display(),
        returned: snap.returned.display(),
        assumed: snap.assumed.display(),
        available: snap.available.display(),
        exact: Exact::exact_forms(&[
            ("authorized", &snap.authorized),
            ("outstanding", &snap.outstanding),
            ("delivered", &snap.delivered),
            ("returned", &snap.returned),
            ("assumed", &snap.assumed),
            ("available", &snap.available),
        ]),
        movements: p
            .entries
            .iter()
            .filter(|e| e.date <= as_of)
            .cloned()
            .collect(),
        computation: snap.computed(&plan.terms),
    }
}

/// One `limits.per-person` limit for one holder and year.
#[derive(Clone, Debug, Serialize)]
pub struct LimitLine {
    pub category: LimitCategory,
    pub limit: Option<String>,
    pub used: String,
    pub remaining: Option<String>,
    /// `<key>_exact` for each of the three that does not terminate.
    #[serde(flatten)]
    pub exact: std::collections::BTreeMap<String, String>,
    /// (date, award, shares, why)
    pub uses: Vec<(Date, String, String, String)>,
}

/// One `limits.performance` cash bucket.
#[derive(Clone, Debug, Serialize)]
pub struct CashBucket {
    pub fiscal_year: i16,
    pub multi_year: bool,
    pub limit: Option<Money>,
    /// Maximum payable under live Awards plus amounts paid.
    pub committed: Money,
}

/// `plan limits`: the per-person limits used.
#[derive(Clone, Debug, Serialize)]
pub struct LimitsReport {
    pub plan: String,
    pub holder: HolderId,
    pub year: i16,
    pub lines: Vec<LimitLine>,
    pub cash: Vec<CashBucket>,
    /// The citations of the per-person and performance limits, without
    /// the document's name, for the text's heading.
    #[serde(skip)]
    pub limits_marks: String,
}

impl LimitsReport {
    pub fn render_text(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "{}: per-person limits of {} in {} ({})",
            self.plan, self.holder, self.year, self.limits_marks
        );
        for l in &self.lines {
            let _ = writeln!(
                s,
                "  {:<8} used {:>12} of {:>12}  remaining {:>12}",
                format!("{:?}", l.category).to_lowercase(),
                l.used,
                l.limit.as_deref().unwrap_or("no limit"),
                l.remaining.as_deref().unwrap_or("-")
            );
            for (d, a, n, why) in &l.uses {
                let _ = writeln!(s, "      {d} {a} {n} ({why})");
            }
        }
        for c in &self.cash {
            let _ = writeln!(
                s,
                "  cash performance FY{} {}: {} of {}",
                c.fiscal_year,
                if c.multi_year {
                    "multi-year"
                } else {
                    "one year or less"
                },
                c.committed,
                c.limit
                    .map(|l| l.to_string())
                    .unwrap_or_else(|| "no limit".into())
            );
        }
        s
    }
}

pub fn limits_report(plan: &Plan, holder: &HolderId, year: i16) -> LimitsReport {
    let mut lines = Vec::new();
    for cat in [
        LimitCategory::Options,
        LimitCategory::Sars,
        LimitCategory::Other,
    ] {
        let used = plan.limit_used(holder, year, cat);
        let limit = plan.limit_of(cat);
        lines.push(LimitLine {
            category: cat,
            limit: limit.as_ref().map(|l| l.display()),
            used: used.display(),
            remaining: limit.as_ref().map(|l| l.sub(&used).display()),
            exact: {
                let remaining = limit.as_ref().map(|l| l.sub(&used));
                let mut figs = vec![("used", &used)];
                if let (Some(l), Some(r)) = (&limit, &remaining) {
                    figs.push(("limit", l));
                    figs.push(("remaining", r));
                }
                Exact::exact_forms(&figs)
            },
            uses: plan
                .uses
                .iter()
                .filter(|u| &u.holder == holder && u.year == year && u.category == cat)
                .map(|u| (u.date, u.award.clone(), u.shares.display(), u.why.clone()))
                .collect(),
        });
    }
    let mut cash: Vec<CashBucket> = Vec::new();
    for a in plan
        .awards
        .values()
        .filter(|a| a.kind == AwardKind::CashPerformance && &a.participant == holder)
    {
        // The fiscal year was fixed at grant from the book's fiscal year end.
        if a.fiscal_year != Some(year) {
            continue;
        }
        let counted = if a.is_active() {
            a.amount.unwrap_or(Money::ZERO)
        } else {
            a.paid
        };
        let multi = a.multi_year();
        match cash
            .iter_mut()
            .find(|c| c.fiscal_year == year && c.multi_year == multi)
        {
            Some(c) => c.committed = c.committed.checked_add(counted).unwrap_or(c.committed),
            None => cash.push(CashBucket {
                fiscal_year: year,
                multi_year: multi,
                limit: plan.limits.cash_performance,
                committed: counted,
            }),
        }
    }
    LimitsReport {
        plan: plan.id.to_string(),
        holder: holder.clone(),
        year,
        lines,
        cash,
        limits_marks: format!(
            "{}, {}",
            plan.terms.mark("limits.per-person"),
            plan.terms.mark("limits.performance")
        ),
    }
}

/// `plan what-if`: would a grant be allowed?
#[derive(Clone, Debug, Serialize)]
pub struct WhatIf {
    pub award: String,
    pub allowed: bool,
    pub code: Option<String>,
    pub clause: Option<String>,
    pub message: Option<String>,
    pub help: Option<String>,
    pub computations: Vec<Computed>,
}

impl WhatIf {
    pub fn render_text(&self) -> String {
        let mut s = String::new();
        if self.allowed {
            let _ = writeln!(s, "grant {}: allowed", self.award);
        } else {
            let _ = writeln!(
                s,
                "grant {}: refused [{}] {} ({})",
                self.award,
                self.code.as_deref().unwrap_or("?"),
                self.message.as_deref().unwrap_or(""),
                self.clause.as_deref().unwrap_or("")
            );
            if let Some(h) = &self.help {
                let _ = writeln!(s, "{h}");
            }
        }
        for c in &self.computations {
            s.push_str(&c.render());
        }
        s
    }
}

/// Runs every check of a grant on `view.date()` without changing the plan.
pub fn grant_what_if(plan: &Plan, spec: &GrantSpec, view: &dyn BookView) -> WhatIf {
    let mut p = plan.clone();
    p.sweep(view.date());
    match p.check_grant(spec, view) {
        Ok(c) => WhatIf {
            award: spec.award.clone(),
            allowed: true,
            code: None,
            clause: None,
            message: None,
            help: None,
            computations: c.computations,
        },
        Err(r) => WhatIf {
            award: spec.award.clone(),
            allowed: false,
            code: Some(r.code.to_string()),
            clause: Some(r.clause.to_string()),
            message: Some(r.message.clone()),
            help: r.help.clone(),
            computations: Vec::new(),
        },
    }
}

/// One Award as a holder sees it on a date.
#[derive(Clone, Debug, Serialize)]
pub struct AwardLine {
    pub id: String,
    pub kind: AwardKind,
    pub iso: bool,
    pub granted: Date,
    pub holder: HolderId,
    pub shares: String,
    pub vested: String,
    pub exercised_or_delivered: String,
    pub exercisable: String,
    pub outstanding: String,
    pub exercise_price: Option<String>,
    pub amount: Option<Money>,
    pub expiry: Option<Date>,
    pub last_exercise_date: Option<Date>,
    pub next_vesting: Option<Date>,
    pub status: String,
    /// `<key>_exact` for each figure above that does not terminate.
    #[serde(flatten)]
    pub exact: std::collections::BTreeMap<String, String>,
}

/// `plan awards <holder>`.
#[derive(Clone, Debug, Serialize)]
pub struct HolderAwards {
    pub plan: String,
    pub holder: HolderId,
    pub as_of: Date,
    pub awards: Vec<AwardLine>,
}

impl HolderAwards {
    pub fn render_text(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "{}: Awards of {} as of {}",
            self.plan, self.holder, self.as_of
        );
        let _ = writeln!(
            s,
            "  {:<14} {:<16} {:>10} {:>10} {:>10} {:>11} {:>9} {:<11} status",
            "award", "type", "shares", "vested", "exercised", "exercisable", "price", "last date"
        );
        for a in &self.awards {
            let _ = writeln!(
                s,
                "  {:<14} {:<16} {:>10} {:>10} {:>10} {:>11} {:>9} {:<11} {}",
                a.id,
                a.kind.name(),
                a.shares,
                a.vested,
                a.exercised_or_delivered,
                a.exercisable,
                a.exercise_price.as_deref().unwrap_or("-"),
                a.last_exercise_date
                    .map(|d| d.to_string())
                    .unwrap_or_else(|| "-".into()),
                a.status
            );
        }
        s
    }
}

fn status_text(s: &crate::award::AwardStatus) -> String {
    use crate::award::AwardStatus::*;
    match s {
        Active => "active".into(),
        Completed { on } => format!("completed {on}"),
        Terminated { on, why } => format!("terminated {on}: {why}"),
        Settled { on } => format!("settled {on}"),
        Assumed { on, by } => format!("assumed {on} by {by}"),
    }
}

pub fn holder_awards(plan: &Plan, holder: &HolderId, as_of: Date) -> HolderAwards {
    let mut p = plan.clone();
    p.sweep(as_of);
    let awards = p
        .order
        .iter()
        .filter_map(|id| p.awards.get(id))
        .filter(|a| &a.holder == holder || &a.participant == holder)
        .map(|a| AwardLine {
            id: a.id.clone(),
            kind: a.kind,
            iso: a.kind == AwardKind::Iso,
            granted: a.granted,
            holder: a.holder.clone(),
            shares: a.total.display(),
            vested: a.vested(as_of).display(),
            exercised_or_delivered: a.exercised.display(),
            exercisable: a.exercisable(as_of).display(),
            outstanding: a.outstanding().display(),
            exact: Exact::exact_forms(&[
                ("shares", &a.total),
                ("vested", &a.vested(as_of)),
                ("exercised_or_delivered", &a.exercised),
                ("exercisable", &a.exercisable(as_of)),
                ("outstanding", &a.outstanding()),
            ]),
            exercise_price: a.exercise_price.map(|p| p.to_string()),
            amount: a.amount,
            expiry: a.expiry,
            last_exercise_date: if a.kind.requires_exercise() {
                a.last_exercise_date()
            } else {
                None
            },
            next_vesting: a
                .vesting
                .dates()
                .into_iter()
                .find(|d| *d > as_of && a.service_ended.is_none()),
            status: status_text(&a.status),
        })
        .collect();
    HolderAwards {
        plan: plan.id.to_string(),
        holder: holder.clone(),
        as_of,
        awards,
    }
}

/// The instrument status (for `report` and `status`).
#[derive(Clone, Debug, Serialize)]
pub struct Status {
    pub plan: String,
    pub name: String,
    pub as_of: Date,
    pub pool: PoolReport,
    pub participants: usize,
    pub awards_active: usize,
    pub options_outstanding: String,
    /// `options_outstanding_exact` when it does not terminate.
    #[serde(flatten)]
    pub exact: std::collections::BTreeMap<String, String>,
    pub terminated: Option<Date>,
    /// Per-holder Awards (each with a `holder` field, the engine's
    /// convention for the `holder` command).
    pub holders: Vec<HolderAwards>,
}

impl Status {
    pub fn render_text(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "{} ({})", self.name, self.plan);
        let _ = writeln!(
            s,
            "  available {} of {} authorized; {} under outstanding Awards; {} delivered",
            self.pool.available, self.pool.authorized, self.pool.outstanding, self.pool.delivered
        );
        let _ = writeln!(
            s,
            "  options outstanding {}; {} active Awards; {} Participants",
            self.options_outstanding, self.awards_active, self.participants
        );
        if let Some(t) = self.terminated {
            let _ = writeln!(s, "  terminated as to further grants on {t}");
        }
        s
    }
}

pub fn status(plan: &Plan, as_of: Date) -> Status {
    let mut p = plan.clone();
    p.sweep(as_of);
    let options = p
        .awards
        .values()
        .filter(|a| a.is_active() && a.kind.is_option())
        .fold(Exact::zero(), |acc, a| acc.add(&a.outstanding()));
    Status {
        plan: plan.id.to_string(),
        name: plan.terms.name.clone(),
        as_of,
        pool: pool_report(&p, as_of),
        participants: p.participants.len(),
        awards_active: p.awards.values().filter(|a| a.is_active()).count(),
        options_outstanding: options.display(),
        exact: Exact::exact_forms(&[("options_outstanding", &options)]),
        terminated: p.terminated,
        holders: {
            let mut ids: Vec<HolderId> = p.awards.values().map(|a| a.holder.clone()).collect();
            ids.sort();
            ids.dedup();
            ids.iter().map(|h| holder_awards(&p, h, as_of)).collect()
        },
    }
}
