//! The state of one registration rights instrument: its parties, its
//! registrations and their lifecycles, the demands used, the founder
//! trigger, lockups, amendments and most-favoured-nation grants.
//!
//! The state changes only through [`crate::Agreement::apply`] and
//! [`crate::Agreement::on_action`], which validate first and mutate after,
//! so a rejected event leaves it untouched.

use crate::cutback::Allocation;
use crate::terms::{DayCount, Terms};
use calendar::{Calendar, Date};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use terms::{HolderId, InstrumentId};
use units::{Exact, Shares};

/// Adds `n` calendar days, saturating at the ends of the calendar.
pub fn add_days(d: Date, n: i32) -> Date {
    match jiff::Span::new().try_days(i64::from(n)) {
        Ok(span) => d.saturating_add(span),
        Err(_) => {
            if n < 0 {
                Date::MIN
            } else {
                Date::MAX
            }
        }
    }
}

/// The last day of a window of `n` days after `from`, counted as the
/// clause counts them ("within fifteen (15) days after" = on or before
/// `from` + 15).
pub fn window_end(from: Date, n: i32, count: DayCount) -> Date {
    match count {
        DayCount::Calendar => add_days(from, n),
        DayCount::Business => Calendar::Business.add_open_days(from, n),
    }
}

/// What started a registration.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RegKind {
    /// A demand by initiators holding the demand clause's fraction.
    HolderDemand,
    /// A demand after the founder trigger (the founder clause).
    FounderDemand,
    /// The Company registering its equity (holders may piggyback).
    Company,
    /// A demand by holders under another agreement, on which this
    /// instrument's holders piggyback (cut back by the other-demand order).
    OtherDemand,
}

impl RegKind {
    pub fn is_demand(self) -> bool {
        matches!(self, RegKind::HolderDemand | RegKind::FounderDemand)
    }
    pub fn name(self) -> &'static str {
        match self {
            RegKind::HolderDemand => "holder demand",
            RegKind::FounderDemand => "founder-trigger demand",
            RegKind::Company => "company registration",
            RegKind::OtherDemand => "other holders' demand",
        }
    }
}

/// One holder's request to include shares.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Request {
    pub holder: HolderId,
    pub shares: Shares,
    pub date: Date,
    /// Order of all requests under the agreement (for remainder ties).
    pub seq: u32,
}

/// A registration and its lifecycle.
#[derive(Clone, Debug, Serialize)]
pub struct Registration {
    pub id: String,
    pub kind: RegKind,
    pub opened: Date,
    pub form: Option<String>,
    pub underwritten: bool,
    /// The holders' demand was for a shelf.
    pub shelf: bool,
    /// The holders' requests to include shares, in the order made.
    pub requests: Vec<Request>,
    /// The Company's written notice to the other holders.
    pub notice: Option<Date>,
    pub filed: Option<Date>,
    pub effective: Option<Date>,
    /// Stop orders or other interference: (entered, lifted).
    pub stop_orders: Vec<(Date, Option<Date>)>,
    pub withdrawn: Option<Date>,
    /// The expenses clause: the participating holders bear the expenses
    /// (a withdrawal at their request).
    pub expenses_by_holders: bool,
    /// The expenses clause: a demand forfeited at withdrawal so the Company
    /// pays.
    pub forfeited: bool,
    /// Postponements: (date, days) (the postponement clause).
    pub postponements: Vec<(Date, i32)>,
    /// Shelf suspensions: (start, end) (the suspension clause).
    pub suspensions: Vec<(Date, Option<Date>)>,
    /// The latest underwriter's advice and its allocation.
    pub allocation: Option<Allocation>,
    /// Registrable Securities sold under the registration, per holder.
    pub sold: BTreeMap<HolderId, Shares>,
}

impl Registration {
    pub fn new(id: String, kind: RegKind, opened: Date) -> Self {
        Registration {
            id,
            kind,
            opened,
            form: None,
            underwritten: false,
            shelf: false,
            requests: Vec::new(),
            notice: None,
            filed: None,
            effective: None,
            stop_orders: Vec::new(),
            withdrawn: None,
            expenses_by_holders: false,
            forfeited: false,
            postponements: Vec::new(),
            suspensions: Vec::new(),
            allocation: None,
            sold: BTreeMap::new(),
        }
    }

    /// A stop order entered on or before `d` and not lifted by `d`.
    pub fn stopped_on(&self, d: Date) -> bool {
        self.stop_orders
            .iter()
            .any(|(from, to)| *from <= d && !matches!(to, Some(t) if *t <= d))
    }

    /// "Effected" (the demand clause's `effected_clause`): effective and not
    /// interfered with by a stop order (as of `d`).
    pub fn effected_on(&self, d: Date) -> bool {
        matches!(self.effective, Some(e) if e <= d) && !self.stopped_on(d)
    }

    pub fn suspended_on(&self, d: Date) -> bool {
        self.suspensions
            .iter()
            .any(|(from, to)| *from <= d && !matches!(to, Some(t) if *t <= d))
    }

    /// Days the shelf has been suspended up to `d` (an open suspension
    /// counts to `d`).
    pub fn suspended_days(&self, d: Date) -> i32 {
        self.suspensions
            .iter()
            .map(|(from, to)| {
                let end = to.unwrap_or(d).min(d);
                calendar::days_between(*from, end).max(0)
            })
            .sum()
    }

    pub fn postponed_days(&self) -> i32 {
        self.postponements.iter().map(|(_, n)| *n).sum()
    }

    pub fn is_open(&self) -> bool {
        self.withdrawn.is_none()
    }

    /// The last day for other holders to join: the window after the
    /// Company's notice, or after the opening if no notice was given yet
    /// (the Company cannot lengthen its filing deadline by delaying the
    /// notice it must give "promptly").
    pub fn join_window_end(&self, days: i32, count: DayCount) -> Date {
        window_end(self.notice.unwrap_or(self.opened), days, count)
    }

    /// Shares requested by `holder` (all its requests).
    pub fn requested_by(&self, holder: &HolderId) -> Shares {
        self.requests
            .iter()
            .filter(|r| &r.holder == holder)
            .fold(Shares::ZERO, |a, r| a.checked_add(r.shares).unwrap_or(a))
    }

    /// Shares of `holder` included in the registration: the allocation
    /// after an underwriter's cutback, else all requested.
    pub fn included_for(&self, holder: &HolderId) -> Shares {
        match &self.allocation {
            Some(a) => a.included(holder.as_str()),
            None => self.requested_by(holder),
        }
    }

    pub fn sold_by(&self, holder: &HolderId) -> Shares {
        self.sold.get(holder).copied().unwrap_or(Shares::ZERO)
    }

    pub fn requested_total(&self) -> Shares {
        self.requests
            .iter()
            .fold(Shares::ZERO, |a, r| a.checked_add(r.shares).unwrap_or(a))
    }

    /// Whether every included share has been sold.
    pub fn all_sold(&self) -> bool {
        let holders: BTreeSet<&HolderId> = self.requests.iter().map(|r| &r.holder).collect();
        !holders.is_empty()
            && holders
                .iter()
                .all(|h| self.sold_by(h) >= self.included_for(h))
    }
}

/// The founder trigger's progress (the founder clause).
#[derive(Clone, Debug, Default, Serialize)]
pub struct FounderState {
    /// Shares sold within the window.
    pub sold: Shares,
    /// Beneficial holdings at the Closing Date, once known.
    pub held_at_closing: Option<Shares>,
    pub triggered_on: Option<Date>,
    pub notice_on: Option<Date>,
}

/// A lockup running after an underwritten Company offering (the lockup
/// clause).
#[derive(Clone, Debug, Serialize)]
pub struct Lockup {
    pub registration: String,
    pub from: Date,
    /// The last day of the lockup.
    pub until: Date,
}

/// An amendment or waiver with its consents (the amendment clause).
#[derive(Clone, Debug, Serialize)]
pub struct AmendmentRecord {
    pub date: Date,
    pub description: String,
    pub consents: Vec<HolderId>,
    pub consenting_shares: Shares,
    pub outstanding: Shares,
}

/// Registration rights granted by the Company to others (the
/// most-favoured-nation clause).
#[derive(Clone, Debug, Serialize)]
pub struct Grant {
    pub granted: Date,
    pub notice: Option<Date>,
    pub elections: BTreeMap<HolderId, Date>,
}

/// One registration rights instrument and everything that happened under
/// it.
#[derive(Clone, Debug, Serialize)]
pub struct Agreement {
    pub id: InstrumentId,
    pub terms: Terms,
    /// The parties captured on the Closing Date (holder basis `parties`).
    pub seeded: Option<BTreeSet<HolderId>>,
    /// Transferees who signed on (the assignment clause's joinder).
    pub joined: BTreeSet<HolderId>,
    /// Net change to each holder's registrable common beyond the common the
    /// ledger issued on conversion: transfers in and out, sales, exempt
    /// distributions, shares from splits and stock dividends.
    pub common_adjust: BTreeMap<HolderId, Exact>,
    /// Securities other than the common that holders received on their
    /// registrable common "by way of ... recapitalization, merger,
    /// consolidation or other reorganization" (the definition's
    /// reorganization limb), per holder and
    /// security id, net of sales and transfers.
    pub received: BTreeMap<HolderId, BTreeMap<String, Exact>>,
    /// What one share of common counted as issuable on conversion or
    /// exercise now stands for, after a reorganization into other
    /// securities: (security id, number per share), cash left out (not a
    /// security). `None` = one share of common.
    pub unit: Option<Vec<(String, Exact)>>,
    /// Registrable common each holder received by `transfer-registrable`
    /// (not on conversion), for the Rule 144(d) holding period: its lots
    /// start at the transfer.
    pub transferred_in: BTreeMap<HolderId, Exact>,
    /// Affiliate of the issuer or not (Rule 144(a)(1)), from each date.
    pub affiliate_status: BTreeMap<HolderId, Vec<(Date, bool)>>,
    /// The date the agreement terminated (the term clause).
    pub terminated: Option<Date>,
    pub registrations: BTreeMap<String, Registration>,
    pub next_seq: u32,
    /// Demands forfeited at a withdrawal (the expenses clause).
    pub forfeited_demands: u32,
    pub founder: FounderState,
    pub lockups: Vec<Lockup>,
    pub amendments: Vec<AmendmentRecord>,
    pub grants: BTreeMap<String, Grant>,
}

impl Agreement {
    pub fn new(id: InstrumentId, terms: Terms) -> Self {
        let founder = FounderState {
            held_at_closing: terms.founder.as_ref().and_then(|f| f.beneficial_at_closing),
            ..FounderState::default()
        };
        Agreement {
            id,
            terms,
            seeded: None,
            joined: BTreeSet::new(),
            common_adjust: BTreeMap::new(),
            received: BTreeMap::new(),
            unit: None,
            transferred_in: BTreeMap::new(),
            affiliate_status: BTreeMap::new(),
            terminated: None,
            registrations: BTreeMap::new(),
            next_seq: 0,
            forfeited_demands: 0,
            founder,
            lockups: Vec::new(),
            amendments: Vec::new(),
            grants: BTreeMap::new(),
        }
    }

    /// Demand registrations counted toward the maximum as of `d`: holder
    /// demands effected on a counted form, plus forfeitures.
    pub fn demands_used(&self, d: Date) -> u32 {
        let effected = self
            .registrations
            .values()
            .filter(|r| r.kind == RegKind::HolderDemand && r.effected_on(d))
            .filter(|r| {
                !matches!(r.form.as_deref(), Some(f) if self.terms.demand.uncounted_forms.iter().any(|u| u == f))
            })
            .count();
        u32::try_from(effected)
            .unwrap_or(u32::MAX)
            .saturating_add(self.forfeited_demands)
    }

    /// The last effective date of a demand registration (holder or founder)
    /// on or before `d`.
    pub fn last_demand_effective(&self, d: Date) -> Option<Date> {
        self.registrations
            .values()
            .filter(|r| r.kind.is_demand())
            .filter_map(|r| r.effective)
            .filter(|e| *e <= d)
            .max()
    }

    /// The last date a demand was made on or before `d` (withdrawn ones
    /// excluded).
    pub fn last_demand_request(&self, d: Date) -> Option<Date> {
        self.registrations
            .values()
            .filter(|r| r.kind.is_demand() && r.withdrawn.is_none())
            .map(|r| r.opened)
            .filter(|o| *o <= d)
            .max()
    }
}
