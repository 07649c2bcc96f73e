//! Equity incentive plans: a general instrument for a stock plan's pool,
//! limits, awards, vesting, exercise, termination of service and the effect
//! of corporate transactions, driven by a term file and dated journal
//! events. The example book's 1998 incentive plan is one term file; every
//! citation is a clause key (`pool`) the term file's `[sections]` maps to
//! the plan's own section.
//!
//! The state is [`Plan`]; it implements [`actions::Instrument`]. Every
//! state-changing event is applied to a copy that replaces the state only
//! when the event is accepted, so a rejected event changes nothing.
//! Read-only questions (the pool on a date, the limits used, a grant
//! what-if, a holder's awards) are the pure functions of [`query`].

pub mod award;
pub mod codes;
pub mod event;
mod exercise;
mod grant;
pub mod pool;
pub mod query;
mod service;
pub mod terms;
mod transaction;

use crate::award::{Award, AwardKind, AwardStatus, LimitCategory};
use crate::event::{Approver, CessationReason, Event, PlanEvent, ServiceStatus};
use crate::pool::{Entry, Movement};
use ::terms::{BookView, Effect, HolderId, InstrumentId, Outcome, Rejection, SecurityId};
use actions::CorporateAction;
use calendar::Date;
use journal::{Diagnostic, Directive};
use serde::Serialize;
use std::collections::BTreeMap;
use units::{Clause, Computed, Exact, Money, Rate, Shares};

pub use crate::terms::PlanTerms;

/// A Participant (Exhibit A): who they are to the Company.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Participant {
    pub holder: HolderId,
    pub status: ServiceStatus,
    /// Voting power owned, overriding the book's figure (Code section 424(d)
    /// attribution is not in the book).
    pub voting_power: Option<Rate>,
    pub officer: bool,
    pub since: Date,
    pub ceased: Option<(Date, CessationReason)>,
}

/// One use of a `limits.per-person` per-person limit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LimitUse {
    pub holder: HolderId,
    pub year: i16,
    pub category: LimitCategory,
    pub shares: Exact,
    pub award: String,
    pub date: Date,
    /// `grant`, `repricing` (`limits.per-person` second sentence) or `delivery`.
    pub why: String,
}

/// The limits in force (the term file's, as amended and `covered-transaction` adjusted).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Limits {
    pub options: Option<Exact>,
    pub sars: Option<Exact>,
    pub other: Option<Exact>,
    pub performance_shares: Option<Exact>,
    pub cash_performance: Option<Money>,
}

/// An amendment as recorded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AmendmentRecord {
    pub date: Date,
    pub approved_by: String,
    pub changes: Vec<(String, String)>,
}

/// Assumptions or substitutions the Administrator provided for ahead of a
/// Covered Transaction (`covered-transaction` second sentence).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PendingAssumption {
    pub date: Date,
    /// Empty: every outstanding Award.
    pub awards: Vec<String>,
    pub successor: String,
    pub substitution: bool,
}

/// The state of one plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Plan {
    pub id: InstrumentId,
    pub terms: PlanTerms,
    /// The security delivered (changes on a reclassification, `covered-transaction`).
    pub stock: SecurityId,
    pub limits: Limits,
    pub terminated: Option<Date>,
    pub participants: BTreeMap<HolderId, Participant>,
    pub awards: BTreeMap<String, Award>,
    /// Award ids in grant order.
    pub order: Vec<String>,
    pub entries: Vec<Entry>,
    pub uses: Vec<LimitUse>,
    pub amendments: Vec<AmendmentRecord>,
    pub pending_assumption: Option<PendingAssumption>,
    /// `covered-transaction` acceleration recorded "immediately prior" to a Covered
    /// Transaction.
    pub accelerated_on: Option<Date>,
    /// Covered Transactions consummated: (date, description).
    pub transactions: Vec<(Date, String)>,
}

fn ex_shares(s: Shares) -> Exact {
    s.exact()
}

/// An `Exact` share count as `Shares` (whole or terminating), else a
/// rejection rather than a silent rounding.
pub(crate) fn to_shares(x: &Exact, terms: &PlanTerms) -> Result<Shares, Rejection> {
    x.to_decimal_exact().map(Shares::new).map_err(|e| {
        Rejection::new(
            codes::ARITHMETIC,
            terms.clause("pool.no-fractional-shares"),
            format!("{x} shares: {e}"),
        )
    })
}

impl Plan {
    /// A plan from its terms, with the pool authorized from the effective
    /// date (or the opening balance's date).
    pub fn new(id: InstrumentId, terms: PlanTerms) -> Plan {
        let start = terms.effective.unwrap_or(Date::MIN);
        let mut plan = Plan {
            id,
            stock: SecurityId::new(terms.stock.clone()),
            limits: Limits {
                options: terms.per_person_option_limit.map(ex_shares),
                sars: terms.per_person_sar_limit.map(ex_shares),
                other: terms.per_person_other_limit.map(ex_shares),
                performance_shares: terms.performance_award_share_limit.map(ex_shares),
                cash_performance: terms.cash_performance_limit,
            },
            terms,
            terminated: None,
            participants: BTreeMap::new(),
            awards: BTreeMap::new(),
            order: Vec::new(),
            entries: Vec::new(),
            uses: Vec::new(),
            amendments: Vec::new(),
            pending_assumption: None,
            accelerated_on: None,
            transactions: Vec::new(),
        };
        match plan.terms.opening.clone() {
            None => plan.entries.push(Entry {
                date: start,
                award: None,
                movement: Movement::Authorize {
                    pool: plan.terms.pool.exact(),
                },
                clause: plan.terms.clause("pool").to_string(),
            }),
            Some(o) => {
                // The reserve is what remains deliverable: outstanding
                // options plus shares available (see the term file's
                // assumption); nothing is counted as delivered before.
                plan.entries.push(Entry {
                    date: o.as_of,
                    award: None,
                    movement: Movement::Authorize {
                        pool: o.reserved.exact(),
                    },
                    clause: o.source.clone(),
                });
                let kind = AwardKind::parse(&o.award_type).unwrap_or(AwardKind::Nso);
                let holder = HolderId::new(o.holder.clone());
                let id = "opening".to_string();
                plan.awards.insert(
                    id.clone(),
                    Award {
                        id: id.clone(),
                        kind,
                        participant: holder.clone(),
                        holder,
                        granted: o.as_of,
                        granted_shares: o.outstanding_options,
                        total: o.outstanding_options.exact(),
                        exercised: Exact::zero(),
                        returned: Exact::zero(),
                        amount: None,
                        paid: Money::ZERO,
                        exercise_price: Some(o.average_exercise_price),
                        fmv_at_grant: None,
                        vesting: award::Vesting::Immediate,
                        expiry: None,
                        qualify_162m: false,
                        performance_period: None,
                        fiscal_year: None,
                        certification: None,
                        payment_forms: vec![award::PaymentForm::Cash, award::PaymentForm::Check],
                        reload: false,
                        dividend_equivalents: false,
                        transferable: false,
                        source: award::Source::New,
                        settlement: award::Settlement::Stock,
                        consideration: None,
                        related_to: None,
                        accelerated: None,
                        service_ended: None,
                        post_service_last: None,
                        status: AwardStatus::Active,
                        adjustment_factor: Exact::one(),
                        alteration_reserved: false,
                        after_death_months: None,
                        after_cessation_months: None,
                    },
                );
                plan.order.push(id.clone());
                plan.entries.push(Entry {
                    date: o.as_of,
                    award: Some(id),
                    movement: Movement::Grant {
                        shares: o.outstanding_options.exact(),
                    },
                    clause: format!("{} (opening balance: {})", o.source, o.assumption),
                });
            }
        }
        plan
    }

    /// Loads the term file and makes the plan.
    pub fn from_toml(
        id: InstrumentId,
        file: journal::FileId,
        text: &str,
    ) -> Result<Plan, Diagnostic> {
        Ok(Plan::new(id, PlanTerms::load(file, text)?))
    }

    pub(crate) fn clause(&self, key: &str) -> Clause {
        self.terms.clause(key)
    }

    /// A term the plan's term file may leave out, needed now: its value,
    /// or a rejection (R0447) naming the field and the clause that needs it.
    pub(crate) fn needed<T: Copy>(
        &self,
        value: Option<T>,
        field: &str,
        key: &str,
        what: &str,
    ) -> Result<T, Rejection> {
        value.ok_or_else(|| {
            self.reject(
                codes::MISSING_TERM,
                key,
                format!("{what} needs the plan's `{field}`, which its term file does not state"),
            )
            .with_help(format!("add `{field} = ...` to the plan's term file"))
        })
    }

    /// The citation of `key` without the document's name.
    pub(crate) fn mark(&self, key: &str) -> String {
        self.terms.mark(key)
    }

    pub(crate) fn reject(
        &self,
        code: &'static str,
        section: &str,
        message: impl Into<String>,
    ) -> Rejection {
        Rejection::new(code, self.clause(section), message)
    }

    pub(crate) fn award(&self, id: &str) -> Result<&Award, Rejection> {
        self.awards.get(id).ok_or_else(|| {
            self.reject(
                codes::UNKNOWN_AWARD,
                "awards.terms",
                format!("there is no Award `{id}` under {}", self.id),
            )
            .with_help("grant it first with `grant <plan> <award-id> <holder> <type> <shares>`")
        })
    }

    pub(crate) fn award_mut(&mut self, id: &str) -> Result<&mut Award, Rejection> {
        let rej = self.reject(
            codes::UNKNOWN_AWARD,
            "awards.terms",
            format!("there is no Award `{id}`"),
        );
        self.awards.get_mut(id).ok_or(rej)
    }

    pub(crate) fn push(
        &mut self,
        date: Date,
        award: Option<&str>,
        movement: Movement,
        section: &str,
    ) {
        let clause = self.clause(section).to_string();
        self.entries.push(Entry {
            date,
            award: award.map(str::to_string),
            movement,
            clause,
        });
    }

    /// The pool on `as_of` from the log (see [`query::pool_on`] for a pool
    /// that also counts Awards lapsed by the date).
    pub fn pool_snapshot(&self, as_of: Date) -> pool::Snapshot {
        pool::snapshot(&self.entries, as_of)
    }

    /// Awards requiring exercise whose last exercise date has passed before
    /// `date` terminate "without having been exercised in full" (`pool.unexercised`):
    /// their unexercised shares return to the pool on the day after.
    pub(crate) fn sweep(&mut self, date: Date) {
        let ids: Vec<String> = self.order.clone();
        for id in ids {
            let Some(a) = self.awards.get(&id) else {
                continue;
            };
            if !a.is_active() || !a.kind.requires_exercise() {
                continue;
            }
            let Some(last) = a.last_exercise_date() else {
                continue;
            };
            if last >= date {
                continue;
            }
            let day_after = last.tomorrow().unwrap_or(last);
            let remaining = a.outstanding();
            if let Some(a) = self.awards.get_mut(&id) {
                a.returned = a.returned.add(&remaining);
                a.status = AwardStatus::Terminated {
                    on: day_after,
                    why: format!("not exercised by its last exercise date {last}"),
                };
            }
            if !remaining.is_zero() {
                self.push(
                    day_after,
                    Some(&id),
                    Movement::Return { shares: remaining },
                    "pool.unexercised",
                );
            }
        }
    }

    /// The `limits.per-person` limit and the shares used of it by `holder` in `year`.
    pub fn limit_used(&self, holder: &HolderId, year: i16, category: LimitCategory) -> Exact {
        self.uses
            .iter()
            .filter(|u| &u.holder == holder && u.year == year && u.category == category)
            .fold(Exact::zero(), |acc, u| acc.add(&u.shares))
    }

    pub fn limit_of(&self, category: LimitCategory) -> Option<&Exact> {
        match category {
            LimitCategory::Options => self.limits.options.as_ref(),
            LimitCategory::Sars => self.limits.sars.as_ref(),
            LimitCategory::Other => self.limits.other.as_ref(),
        }
    }

    fn amend(&mut self, a: &event::Amendment, view: &dyn BookView) -> Result<Outcome, Rejection> {
        let date = view.date();
        let snap = query::pool_on(self, date);
        let needs_holders = self.terms.limit_increase_requires_stockholders
            && a.approved_by != Approver::Stockholders;
        let increases = |new: Option<Shares>, old: Option<&Exact>| match (new, old) {
            (Some(n), Some(o)) => &n.exact() > o,
            (Some(_), None) => false,
            _ => false,
        };
        let pool_up = a.pool.is_some_and(|p| p.exact() > snap.authorized);
        let cash_up = matches!((a.cash_performance_limit, self.limits.cash_performance), (Some(n), Some(o)) if n > o);
        if needs_holders
            && (pool_up
                || increases(a.per_person_option_limit, self.limits.options.as_ref())
                || increases(a.per_person_sar_limit, self.limits.sars.as_ref())
                || increases(a.per_person_other_limit, self.limits.other.as_ref())
                || cash_up)
        {
            return Err(self
                .reject(codes::NEEDS_STOCKHOLDERS, "amendment", "an amendment increasing the shares or the per-person limits of the Plan needs the approval of the stockholders")
                .with_help("Code section 422(b)(1) and Section 162(m) require stockholder approval; record `approved-by: stockholders`"));
        }
        if let Some(p) = a.pool {
            let committed = snap.outstanding.add(&snap.delivered);
            if p.exact() < committed {
                return Err(self.reject(
                    codes::POOL_BELOW_COMMITTED,
                    "pool",
                    format!(
                        "the pool cannot be set to {p}: {} shares are already delivered or subject to outstanding Awards",
                        committed
                    ),
                ));
            }
        }
        let mut changes = Vec::new();
        let mut out = Outcome::none();
        if let Some(p) = a.pool {
            changes.push(("pool".to_string(), p.to_string()));
            self.push(date, None, Movement::Authorize { pool: p.exact() }, "pool");
            out = out.computed(
                Computed::new(
                    "maximum shares deliverable",
                    p,
                    format!("set by amendment of {}", self.mark("pool")),
                )
                .input_exact("previous maximum", &snap.authorized)
                .input("approved by", approver_name(a.approved_by))
                .cite(self.clause("pool"))
                .cite(self.clause("amendment")),
            );
        }
        if let Some(v) = a.per_person_option_limit {
            changes.push(("per-person-option-limit".into(), v.to_string()));
            self.limits.options = Some(v.exact());
        }
        if let Some(v) = a.per_person_sar_limit {
            changes.push(("per-person-sar-limit".into(), v.to_string()));
            self.limits.sars = Some(v.exact());
        }
        if let Some(v) = a.per_person_other_limit {
            changes.push(("per-person-other-limit".into(), v.to_string()));
            self.limits.other = Some(v.exact());
        }
        if let Some(v) = a.cash_performance_limit {
            changes.push(("cash-performance-limit".into(), v.to_string()));
            self.limits.cash_performance = Some(v);
        }
        if a.terminate {
            changes.push(("terminated".into(), "as to further grants".into()));
            self.terminated = Some(date);
        }
        self.amendments.push(AmendmentRecord {
            date,
            approved_by: approver_name(a.approved_by).to_string(),
            changes,
        });
        Ok(out)
    }

    /// Declares a Participant or changes their status. `awards.vesting`: "in the
    /// case of an employee Participant", service ceases "upon termination of
    /// the Participant's employment ... (whether or not the Participant
    /// continues in the service of the Company ... in some capacity other
    /// than that of an employee)": an employee who becomes a director or
    /// consultant ceases service for the Awards held, unless the
    /// Administrator provides otherwise (`continue-awards: yes`).
    fn participant(
        &mut self,
        holder: &HolderId,
        status: ServiceStatus,
        voting_power: Option<Rate>,
        officer: bool,
        continue_awards: bool,
        view: &dyn BookView,
    ) -> Result<Outcome, Rejection> {
        let date = view.date();
        let mut out = Outcome::none();
        let previous = self.participants.get(holder).cloned();
        let mut since = date;
        if let Some(p) = &previous {
            if p.ceased.is_none() {
                since = p.since;
                if p.status == ServiceStatus::Employee
                    && status != ServiceStatus::Employee
                    && !continue_awards
                {
                    out = self.terminate_service(holder, CessationReason::Other, view)?;
                    out = out.warn(
                        "W0404",
                        self.clause("awards.vesting"),
                        format!("`{holder}` is no longer an employee: employment ended on {date} for the Awards held (record `continue-awards: yes` if the Administrator provides otherwise)"),
                    );
                    since = date;
                }
            }
        }
        // A new declaration after cessation starts a new service relationship.
        self.participants.insert(
            holder.clone(),
            Participant {
                holder: holder.clone(),
                status,
                voting_power,
                officer,
                since,
                ceased: None,
            },
        );
        Ok(out)
    }

    fn apply_inner(&mut self, ev: &PlanEvent, view: &dyn BookView) -> Result<Outcome, Rejection> {
        match ev {
            PlanEvent::Amend(a) => self.amend(a, view),
            PlanEvent::Participant {
                holder,
                status,
                voting_power,
                officer,
                continue_awards,
            } => self.participant(
                holder,
                *status,
                *voting_power,
                *officer,
                *continue_awards,
                view,
            ),
            PlanEvent::Grant(spec) => {
                let checked = self.check_grant(spec, view)?;
                Ok(self.commit_grant(spec, checked, view))
            }
            PlanEvent::Reprice {
                award,
                exercise_price,
                fmv,
                consent,
            } => self.reprice(award, *exercise_price, *fmv, *consent, view),
            PlanEvent::Certify {
                award,
                attained,
                shares,
                amount,
            } => self.certify(award, *attained, *shares, *amount, view),
            PlanEvent::Exercise(spec) => self.exercise(spec, view),
            PlanEvent::Deliver { award, shares } => self.deliver(award, *shares, view),
            PlanEvent::Pay { award, amount } => self.pay(award, *amount, view),
            PlanEvent::Settle {
                award,
                cash,
                stock,
                consent,
            } => self.settle(award, *cash, *stock, *consent, view),
            PlanEvent::Forfeit {
                award,
                shares,
                consent,
            } => self.forfeit(award, *shares, *consent, view),
            PlanEvent::TerminateService { holder, reason } => {
                self.terminate_service(holder, *reason, view)
            }
            PlanEvent::TransferAward { award, to, by } => self.transfer(award, to, by, view),
            PlanEvent::AssumeAwards {
                awards,
                successor,
                substitution,
            } => self.assume(awards, successor, *substitution, view),
            PlanEvent::AdjustAwards {
                numerator,
                denominator,
                reason,
            } => {
                let n = i64::try_from(*numerator).map_err(|_| {
                    self.reject(codes::ARITHMETIC, "adjustment.other", "factor too large")
                })?;
                let d = i64::try_from(*denominator).map_err(|_| {
                    self.reject(codes::ARITHMETIC, "adjustment.other", "factor too large")
                })?;
                let f = Exact::ratio(n, d).map_err(|e| {
                    self.reject(codes::ARITHMETIC, "adjustment.other", e.to_string())
                })?;
                self.adjust(&f, reason, None, false, view)
            }
            PlanEvent::CoveredTransaction { kind, consummate } => {
                self.covered(kind, *consummate, view)
            }
            PlanEvent::AmendAward(a) => self.amend_award(a, view),
        }
    }

    /// Issues `shares` of Stock to `holder` (new or from treasury, `pool.no-fractional-shares`).
    pub(crate) fn issue(
        &self,
        holder: &HolderId,
        shares: Shares,
        treasury: bool,
        reason: String,
    ) -> Effect {
        Effect::Issue {
            security: self.stock.clone(),
            holder: holder.clone(),
            shares,
            from_treasury: treasury,
            reason,
        }
    }
}

fn approver_name(a: Approver) -> &'static str {
    match a {
        Approver::Board => "board",
        Approver::Committee => "committee",
        Approver::Stockholders => "stockholders",
    }
}

impl actions::Instrument for Plan {
    type Event = Event;

    fn kind() -> &'static str {
        "equity-plan"
    }

    /// `instrument <id> equity-plan "name"` with `terms:` (the term file)
    /// and optionally `stock:` (the security delivered, if not the term
    /// file's).
    fn declare(
        id: InstrumentId,
        declaration: &Directive,
        terms_file: journal::FileId,
        terms_text: &str,
    ) -> Result<Self, Vec<Diagnostic>> {
        let mut r = ::terms::fields::Reader::new(
            declaration,
            "instrument <id> equity-plan [\"name\"]  (terms:, stock:)",
        );
        // The id, the kind and the optional name are the engine's.
        for i in 0..3 {
            let _ = r.arg_opt(i);
        }
        let _ = r.meta_str("terms");
        // What the book assumes about the plan (free text, as on holders).
        let _ = r.meta_str("assumption");
        let stock = r.meta_str("stock");
        r.finish()?;
        let mut plan = Plan::from_toml(id, terms_file, terms_text).map_err(|d| vec![d])?;
        if let Some(s) = stock {
            plan.stock = SecurityId::new(s);
        }
        Ok(plan)
    }

    fn keywords() -> &'static [&'static str] {
        event::KEYWORDS
    }

    fn resolve(d: &Directive) -> Result<Event, Vec<Diagnostic>> {
        event::resolve(d)
    }

    /// A grant of Stock Options (or of securities convertible into Stock)
    /// is an issuance of options by the company: every other instrument
    /// hears it, as made "pursuant to the Corporation's stock option plans"
    /// (a preferred's or a warrant's exclusion of employee plans), under the plan's id. Awards of
    /// Stock itself reach the ledger as issuances by their effects.
    fn issued_rights(&self, event: &Event, _view: &dyn BookView) -> Option<CorporateAction> {
        let PlanEvent::Grant(g) = &event.event else {
            return None;
        };
        if !matches!(
            g.kind,
            AwardKind::Iso | AwardKind::Nso | AwardKind::Convertible
        ) || g.shares.is_zero()
        {
            return None;
        }
        Some(CorporateAction::IssueRights {
            rights: actions::RightsIssue {
                security: SecurityId::new(event.plan.as_str()),
                max_shares: g.shares,
                consideration: actions::Consideration::default(),
                exercise_price: g.exercise_price.unwrap_or(units::Price::ZERO),
                expiry: g.expiry,
            },
            purpose: actions::Purpose::EmployeePlan,
        })
    }

    fn apply(&mut self, event: &Event, view: &dyn BookView) -> Result<Outcome, Rejection> {
        let mut next = self.clone();
        next.sweep(view.date());
        let out = next.apply_inner(&event.event, view)?;
        *self = next;
        Ok(out)
    }

    fn on_action(
        &mut self,
        action: &CorporateAction,
        view: &dyn BookView,
    ) -> Result<Outcome, Rejection> {
        let mut next = self.clone();
        next.sweep(view.date());
        let out = next.corporate_action(action, view)?;
        *self = next;
        Ok(out)
    }

    fn next_scheduled(&self, after: Date) -> Option<Date> {
        self.awards
            .values()
            .filter(|a| a.is_active() && a.kind.requires_exercise() && !a.outstanding().is_zero())
            .filter_map(|a| a.last_exercise_date())
            .filter_map(|l| l.tomorrow().ok())
            .filter(|d| *d > after)
            .min()
    }

    fn run_scheduled(&mut self, date: Date, _view: &dyn BookView) -> Outcome {
        self.sweep(date);
        Outcome::none()
    }

    /// Shares issuable on exercise of outstanding Stock Options and
    /// convertible securities (the securities "exercisable for or
    /// convertible into" common); SARs, deferred and performance stock are
    /// promises, not securities, and are shown in the pool instead.
    fn common_issuable(&self, view: &dyn BookView) -> Shares {
        let date = view.date();
        let total = self
            .awards
            .values()
            .filter(|a| a.is_active() && (a.kind.is_option() || a.kind == AwardKind::Convertible))
            .filter(|a| a.last_exercise_date().is_none_or(|l| l >= date))
            .fold(Exact::zero(), |acc, a| acc.add(&a.outstanding()));
        to_shares(&total, &self.terms).unwrap_or(Shares::ZERO)
    }

    /// Options whose exercise price is below `market_price` (the
    /// in-the-money ones) and convertibles.
    fn common_issuable_in_the_money(&self, view: &dyn BookView, market_price: &Exact) -> Shares {
        let date = view.date();
        let total = self
            .awards
            .values()
            .filter(|a| a.is_active() && (a.kind.is_option() || a.kind == AwardKind::Convertible))
            .filter(|a| a.last_exercise_date().is_none_or(|l| l >= date))
            .filter(|a| a.exercise_price.is_none_or(|p| &p.exact() < market_price))
            .fold(Exact::zero(), |acc, a| acc.add(&a.outstanding()));
        to_shares(&total, &self.terms).unwrap_or(Shares::ZERO)
    }

    /// The pool as of the date: shares available for Awards, with its
    /// `pool` computation (authorized, under outstanding Awards, delivered,
    /// returned).
    fn figures(&self, view: &dyn BookView) -> Vec<units::Computed> {
        vec![query::pool_report(self, view.date()).computation]
    }

    fn status(&self, view: &dyn BookView) -> serde_json::Value {
        let report = query::status(self, view.date());
        serde_json::to_value(report).unwrap_or(serde_json::Value::Null)
    }

    fn status_text(&self, view: &dyn BookView) -> String {
        query::status(self, view.date()).render_text()
    }
}
