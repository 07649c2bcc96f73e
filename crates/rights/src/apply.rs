//! Applying events: each right's conditions, checked before anything
//! changes.
//!
//! [`Agreement::apply_event`] works on a copy of the state and replaces the
//! state only when the event is accepted, so a rejected event changes
//! nothing; inside, each handler still validates first and mutates after.

use crate::codes;
use crate::cutback::{allocate, Participant};
use crate::event::{Account, DemandBasis, DistributionKind, Event, TransferKind, WithdrawnBy};
use crate::state::{
    add_days, Agreement, AmendmentRecord, Grant, Lockup, RegKind, Registration, Request,
};
use crate::terms::{Class, Denominator, ValueBasis};
use calendar::{add_months, anniversary, Calendar, Date};
use std::collections::BTreeSet;
use terms::{BookView, Effect, HolderId, Outcome, Rejection, SecurityId};
use units::{Clause, Computed, Exact, Shares};

fn reject(code: &'static str, clause: Clause, msg: impl Into<String>) -> Rejection {
    Rejection::new(code, clause, msg)
}

/// `a > f × d` (strict) or `a ≥ f × d`.
fn meets(a: &Exact, f: &Exact, d: &Exact, strict: bool) -> bool {
    let t = f.mul(d);
    if strict {
        a > &t
    } else {
        a >= &t
    }
}

impl Agreement {
    fn c(&self, section: &str) -> Clause {
        self.terms.cite(section)
    }

    fn reg(&self, id: &str) -> Result<&Registration, Rejection> {
        self.registrations.get(id).ok_or_else(|| {
            reject(
                codes::UNKNOWN_REGISTRATION,
                self.c(&self.terms.demand.clause),
                format!("no registration `{id}` under {}", self.id),
            )
            .with_help("open it with `demand-registration` or `company-registration`")
        })
    }

    fn open_reg(&self, id: &str) -> Result<&Registration, Rejection> {
        let r = self.reg(id)?;
        if let Some(w) = r.withdrawn {
            return Err(reject(
                codes::OUT_OF_ORDER,
                self.c(&self.terms.demand.clause),
                format!("registration `{id}` was withdrawn on {w}"),
            ));
        }
        Ok(r)
    }

    fn reg_mut(&mut self, id: &str) -> Result<&mut Registration, Rejection> {
        let clause = self.c(&self.terms.demand.clause);
        self.registrations.get_mut(id).ok_or_else(|| {
            reject(
                codes::UNKNOWN_REGISTRATION,
                clause,
                format!("no registration `{id}`"),
            )
        })
    }

    /// Captures the parties on or after the Closing Date (holder basis
    /// `parties` with no list in the term file).
    pub fn seed(&mut self, view: &dyn BookView) {
        if self.seeded.is_none()
            && self.terms.holders.is_empty()
            && view.date() >= self.terms.closing()
        {
            self.seeded = Some(self.current_holders(view));
        }
    }

    fn require_holder(
        &self,
        view: &dyn BookView,
        holder: &HolderId,
        clause: Clause,
    ) -> Result<Shares, Rejection> {
        if !self.holders(view).contains(holder) {
            return Err(reject(
                codes::NOT_A_HOLDER,
                clause,
                format!("{holder} is not a Holder under {}", self.id),
            )
            .with_help(
                "rights pass to a transferee only by `transfer-registrable` with a joinder",
            ));
        }
        Ok(self.registrable_of(view, holder).registrable)
    }

    fn whole(&self, n: Shares, clause: Clause, what: &str) -> Result<(), Rejection> {
        if n.is_negative() || n.is_zero() || !n.is_whole() {
            return Err(reject(
                codes::NOT_WHOLE,
                clause,
                format!("{what} must be a positive whole number of shares, not {n}"),
            ));
        }
        Ok(())
    }

    /// Applies one event atomically: on a copy, swapped in only if accepted.
    pub fn apply_event(&mut self, ev: &Event, view: &dyn BookView) -> Result<Outcome, Rejection> {
        if ev.agreement() != &self.id {
            return Err(reject(
                codes::WRONG_AGREEMENT,
                self.c(&self.terms.registrable.clause),
                format!("event for {} sent to {}", ev.agreement(), self.id),
            ));
        }
        self.check_not_terminated(ev, view.date())?;
        let mut next = self.clone();
        next.seed(view);
        let mut out = next.apply_inner(ev, view)?;
        out.merge(next.check_termination(ev, view));
        *self = next;
        Ok(out)
    }

    fn apply_inner(&mut self, ev: &Event, view: &dyn BookView) -> Result<Outcome, Rejection> {
        let date = view.date();
        match ev {
            Event::Demand {
                registration,
                requests,
                basis,
                underwritten,
                shelf,
                ..
            } => self.demand(view, registration, requests, *basis, *underwritten, *shelf),
            Event::CompanyRegistration {
                registration,
                form,
                underwritten,
                resales_permitted,
                account,
                ..
            } => {
                let clause = self.c(&self.terms.piggyback.clause);
                if self.registrations.contains_key(registration) {
                    return Err(reject(
                        codes::DUPLICATE_REGISTRATION,
                        clause,
                        format!("registration `{registration}` already exists"),
                    ));
                }
                let kind = match account {
                    Account::Company => RegKind::Company,
                    Account::OtherHolders => RegKind::OtherDemand,
                };
                let mut r = Registration::new(registration.clone(), kind, date);
                r.form = Some(form.clone());
                r.underwritten = *underwritten;
                let piggyback =
                    self.piggyback_allowed(form, *resales_permitted) && !self.terminated_by(date);
                self.registrations.insert(registration.clone(), r);
                let why = if piggyback {
                    "holders may request inclusion within the window after the Company's notice"
                } else {
                    "no piggyback right: the form is excluded or cannot register resales"
                };
                Ok(Outcome::none().computed(
                    Computed::new("Piggyback right", if piggyback { "yes" } else { "no" }, why)
                        .input("form", form)
                        .input("resales permitted", resales_permitted)
                        .cite(clause),
                ))
            }
            Event::Notice { registration, .. } => {
                let clause = self.c(&self.terms.demand.clause);
                let r = self.open_reg(registration)?;
                if let Some(n) = r.notice {
                    return Err(reject(
                        codes::OUT_OF_ORDER,
                        clause,
                        format!("notice for `{registration}` was already given on {n}"),
                    ));
                }
                self.reg_mut(registration)?.notice = Some(date);
                Ok(Outcome::none())
            }
            Event::Join {
                registration,
                holder,
                shares,
                ..
            } => self.join(view, registration, holder, *shares),
            Event::WithdrawRequest {
                registration,
                holder,
                ..
            } => {
                let r = self.open_reg(registration)?;
                let clause = if r.kind.is_demand() {
                    self.c(&self.terms.demand.clause)
                } else {
                    self.c(&self.terms.piggyback.clause)
                };
                if !r.requests.iter().any(|q| &q.holder == holder) {
                    return Err(reject(
                        codes::JOIN_NOT_OPEN,
                        clause,
                        format!("{holder} has no request in `{registration}`"),
                    ));
                }
                if r.sold_by(holder) > Shares::ZERO {
                    return Err(reject(
                        codes::OUT_OF_ORDER,
                        clause,
                        format!("{holder} has already sold under `{registration}`"),
                    ));
                }
                // A cutback already advised is re-run without the holder,
                // on the same underwriter's number.
                let realloc = match &r.allocation {
                    Some(al) => {
                        let order = match r.kind {
                            RegKind::HolderDemand | RegKind::FounderDemand => {
                                &self.terms.cutback.holder_demand
                            }
                            RegKind::Company => &self.terms.cutback.company,
                            RegKind::OtherDemand => &self.terms.cutback.other_demand,
                        };
                        let ps: Vec<Participant> = al
                            .lines
                            .iter()
                            .filter(|l| l.id != holder.as_str() || l.class != Class::Holders)
                            .enumerate()
                            .map(|(k, l)| Participant {
                                id: l.id.clone(),
                                class: l.class,
                                requested: l.requested,
                                seq: r
                                    .requests
                                    .iter()
                                    .find(|q| q.holder.as_str() == l.id)
                                    .map(|q| q.seq)
                                    .unwrap_or_else(|| {
                                        self.next_seq
                                            .saturating_add(u32::try_from(k).unwrap_or(u32::MAX))
                                    }),
                            })
                            .collect();
                        Some(allocate(&ps, order, &self.terms.document, al.number)?)
                    }
                    None => None,
                };
                let mut out = Outcome::none();
                let reg = self.reg_mut(registration)?;
                reg.requests.retain(|q| &q.holder != holder);
                if let Some(al) = realloc {
                    out = out.computed(al.computation.clone());
                    reg.allocation = Some(al);
                }
                Ok(out)
            }
            Event::Advice {
                registration,
                shares,
                company,
                others,
                ..
            } => {
                let r = self.open_reg(registration)?;
                let order = match r.kind {
                    RegKind::HolderDemand | RegKind::FounderDemand => {
                        &self.terms.cutback.holder_demand
                    }
                    RegKind::Company => &self.terms.cutback.company,
                    RegKind::OtherDemand => &self.terms.cutback.other_demand,
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
                let base = self.next_seq;
                if !company.is_zero() {
                    ps.push(Participant {
                        id: "company".into(),
                        class: Class::Company,
                        requested: *company,
                        seq: base,
                    });
                }
                for (k, o) in others.iter().enumerate() {
                    let k = u32::try_from(k).unwrap_or(u32::MAX);
                    ps.push(Participant {
                        id: o.id.clone(),
                        class: o.class,
                        requested: o.shares,
                        seq: base.saturating_add(1).saturating_add(k),
                    });
                }
                let alloc = allocate(&ps, order, &self.terms.document, *shares)?;
                let comp = alloc.computation.clone();
                let reg = self.reg_mut(registration)?;
                reg.allocation = Some(alloc);
                reg.underwritten = true;
                Ok(Outcome::none().computed(comp))
            }
            Event::Filed {
                registration,
                form,
                shelf,
                ..
            } => {
                let r = self.open_reg(registration)?;
                let clause = self.c(&self.terms.demand.count_clause);
                if let Some(f) = r.filed {
                    return Err(reject(
                        codes::OUT_OF_ORDER,
                        clause,
                        format!("`{registration}` was already filed on {f}"),
                    ));
                }
                if r.kind.is_demand()
                    && !self.terms.demand.forms.is_empty()
                    && !self.terms.demand.forms.iter().any(|f| f == form)
                {
                    return Err(reject(
                        codes::FORM_NOT_ALLOWED,
                        clause,
                        format!(
                            "a demand registration is filed on Form {}, not Form {form}",
                            self.terms.demand.forms.join(" or ")
                        ),
                    ));
                }
                let deadline = self.filing_deadline(r);
                let mut out = Outcome::none();
                if let (Some(d), Some(f)) = (deadline, &self.terms.filing) {
                    if date > d {
                        out = out.warn(
                            codes::W_FILING_LATE,
                            self.c(&f.clause),
                            format!("`{registration}` filed on {date}, after the deadline {d}"),
                        );
                    }
                }
                let reg = self.reg_mut(registration)?;
                reg.filed = Some(date);
                reg.form = Some(form.clone());
                if let Some(s) = shelf {
                    reg.shelf = *s;
                }
                Ok(out)
            }
            Event::Effective { registration, .. } => {
                let r = self.open_reg(registration)?;
                let clause = self.c(&self.terms.demand.effected_clause);
                if r.filed.is_none() {
                    return Err(reject(
                        codes::OUT_OF_ORDER,
                        clause,
                        format!("`{registration}` cannot become effective before it is filed"),
                    ));
                }
                if let Some(e) = r.effective {
                    return Err(reject(
                        codes::OUT_OF_ORDER,
                        clause,
                        format!("`{registration}` became effective on {e}"),
                    ));
                }
                let lockup =
                    r.kind == RegKind::Company && r.underwritten && !self.terminated_by(date);
                let mut out = Outcome::none();
                if let (true, Some(l)) = (lockup, &self.terms.lockup) {
                    let until = add_days(date, l.days);
                    out = out.computed(
                        Computed::new("Holder lockup ends", until, "effective date + lockup days")
                            .input("effective date", date)
                            .input("days", l.days)
                            .cite(self.c(&l.clause)),
                    );
                    self.lockups.push(Lockup {
                        registration: registration.clone(),
                        from: date,
                        until,
                    });
                }
                self.reg_mut(registration)?.effective = Some(date);
                Ok(out)
            }
            Event::StopOrder { registration, .. } => {
                let r = self.open_reg(registration)?;
                let clause = self.c(&self.terms.demand.effected_clause);
                if r.filed.is_none() || r.stopped_on(date) {
                    return Err(reject(
                        codes::OUT_OF_ORDER,
                        clause,
                        format!(
                            "`{registration}` is not filed, or a stop order is already outstanding"
                        ),
                    ));
                }
                self.reg_mut(registration)?.stop_orders.push((date, None));
                Ok(Outcome::none())
            }
            Event::StopOrderLifted { registration, .. } => {
                let r = self.open_reg(registration)?;
                let clause = self.c(&self.terms.demand.effected_clause);
                if !r.stopped_on(date) {
                    return Err(reject(
                        codes::OUT_OF_ORDER,
                        clause,
                        format!("no stop order outstanding on `{registration}`"),
                    ));
                }
                let reg = self.reg_mut(registration)?;
                if let Some(last) = reg
                    .stop_orders
                    .iter_mut()
                    .rev()
                    .find(|(_, to)| to.is_none())
                {
                    last.1 = Some(date);
                }
                Ok(Outcome::none())
            }
            Event::Withdrawn {
                registration,
                by,
                forfeit,
                consents,
                ..
            } => self.withdraw(view, registration, *by, *forfeit, consents),
            Event::Postponed {
                registration, days, ..
            } => self.postpone(registration, *days, date),
            Event::Suspended { registration, .. } => {
                let Some(s) = self.terms.suspension.clone() else {
                    return Err(reject(
                        codes::NO_SUCH_RIGHT,
                        self.c(&self.terms.demand.clause),
                        format!(
                            "{} gives the Company no right to suspend a registration",
                            self.terms.document
                        ),
                    ));
                };
                let clause = self.c(&s.clause);
                let r = self.open_reg(registration)?;
                if !r.shelf {
                    return Err(reject(
                        codes::NOT_A_SHELF,
                        clause,
                        format!("`{registration}` is not a shelf registration; only a shelf's effectiveness may be suspended"),
                    ));
                }
                if r.effective.is_none() || r.suspended_on(date) {
                    return Err(reject(
                        codes::OUT_OF_ORDER,
                        clause,
                        format!("`{registration}` is not effective, or is already suspended"),
                    ));
                }
                let used = r.suspended_days(date);
                if used >= s.max_total_days {
                    return Err(reject(
                        codes::SUSPENSION_EXHAUSTED,
                        clause,
                        format!(
                            "`{registration}` has been suspended {used} days; the total may not exceed {} days",
                            s.max_total_days
                        ),
                    ));
                }
                self.reg_mut(registration)?.suspensions.push((date, None));
                let left = s.max_total_days.saturating_sub(used);
                Ok(Outcome::none().computed(
                    Computed::new(
                        "Suspension must end by",
                        add_days(date, left),
                        "start + (allowance − days already suspended)",
                    )
                    .input("allowance (days)", s.max_total_days)
                    .input("already suspended (days)", used)
                    .cite(clause),
                ))
            }
            Event::Resumed { registration, .. } => {
                let clause = self.c(&self
                    .terms
                    .suspension
                    .as_ref()
                    .map(|s| s.clause.clone())
                    .unwrap_or_else(|| self.terms.demand.clause.clone()));
                let r = self.open_reg(registration)?;
                if !r.suspended_on(date) {
                    return Err(reject(
                        codes::OUT_OF_ORDER,
                        clause,
                        format!("`{registration}` is not suspended"),
                    ));
                }
                let reg = self.reg_mut(registration)?;
                if let Some(last) = reg
                    .suspensions
                    .iter_mut()
                    .rev()
                    .find(|(_, to)| to.is_none())
                {
                    last.1 = Some(date);
                }
                let total = reg.suspended_days(date);
                let mut out = Outcome::none().computed(
                    Computed::new(
                        "Days suspended in total",
                        total,
                        "sum of (resumed − suspended)",
                    )
                    .cite(clause.clone()),
                );
                if let Some(s) = &self.terms.suspension {
                    if total > s.max_total_days {
                        out = out.warn(
                            codes::W_SUSPENSION_OVER,
                            clause,
                            format!(
                                "`{registration}` was suspended {total} days in total, more than the {} allowed",
                                s.max_total_days
                            ),
                        );
                    }
                }
                Ok(out)
            }
            Event::RegisteredSale {
                registration,
                holder,
                shares,
                ..
            } => {
                let r = self.open_reg(registration)?;
                let clause = self.c(&self.terms.registrable.clause);
                if !r.effected_on(date) || r.suspended_on(date) {
                    return Err(reject(
                        codes::SALE_NOT_EFFECTIVE,
                        self.c(&self.terms.demand.effected_clause),
                        format!("`{registration}` is not effective on {date} (not yet effective, stopped or suspended)"),
                    ));
                }
                self.whole(*shares, clause.clone(), "a registered sale")?;
                let left = r
                    .included_for(holder)
                    .checked_sub(r.sold_by(holder))
                    .unwrap_or(Shares::ZERO);
                if *shares > left {
                    return Err(reject(
                        codes::SALE_EXCEEDS,
                        clause,
                        format!("{holder} has {left} shares registered and unsold under `{registration}`, not {shares}"),
                    ));
                }
                let reg = self.reg_mut(registration)?;
                let sold = reg.sold_by(holder).checked_add(*shares).unwrap_or(left);
                reg.sold.insert(holder.clone(), sold);
                self.dispose(view, holder, &shares.exact());
                Ok(Outcome::none())
            }
            Event::ExemptDistribution {
                holder,
                shares,
                kind,
                ..
            } => {
                let clause = self.c(&self.terms.registrable.clause);
                if *kind == DistributionKind::PrivatePlacement
                    && !self.terms.registrable.private_placement_ends
                {
                    return Err(reject(
                        codes::NO_SUCH_RIGHT,
                        clause,
                        format!("under {} a private placement does not end registrability; record it with `transfer-registrable`", self.terms.document),
                    ));
                }
                self.require_holder(view, holder, clause.clone())?;
                let held = self.held_outright(view, holder);
                if shares.exact() > held || shares.is_negative() || shares.is_zero() {
                    return Err(reject(
                        codes::TRANSFER_EXCEEDS,
                        clause,
                        format!(
                            "{holder} holds {} registrable securities outright (common and securities received in reorganizations), cannot distribute {shares}",
                            held.display()
                        ),
                    ));
                }
                if let Some(rej) = self.lockup_blocks(holder, date, TransferKind::Sale) {
                    return Err(rej);
                }
                self.dispose(view, holder, &shares.exact());
                Ok(Outcome::none())
            }
            Event::FounderSale {
                shares,
                held_at_closing,
                ..
            } => self.founder_sale(date, *shares, *held_at_closing),
            Event::FounderNotice { .. } => {
                let Some(f) = &self.terms.founder else {
                    return Err(self.no_founder());
                };
                let clause = self.c(&f.clause);
                if self.founder.triggered_on.is_none() {
                    return Err(reject(
                        codes::FOUNDER_NOT_TRIGGERED,
                        clause,
                        "the founder's sales have not crossed the trigger",
                    ));
                }
                if let Some(n) = self.founder.notice_on {
                    return Err(reject(
                        codes::OUT_OF_ORDER,
                        clause,
                        format!("notice already given on {n}"),
                    ));
                }
                self.founder.notice_on = Some(date);
                let deadline = self.founder_deadline().unwrap_or(date);
                let anniv = crate::words::ordinal(f.request_before_anniversary_years.into());
                Ok(Outcome::none().computed(
                    Computed::new(
                        "Founder-trigger requests due before",
                        deadline,
                        format!("the later of (x) the {anniv} anniversary of the Closing Date and (y) notice + days"),
                    )
                    .input(
                        format!("{anniv} anniversary"),
                        anniversary(self.terms.closing(), f.request_before_anniversary_years),
                    )
                    .input("notice", date)
                    .input("days", f.request_days_after_notice)
                    .cite(clause),
                ))
            }
            Event::Transfer {
                from,
                to,
                shares,
                security,
                kind,
                joinder,
                lockup_consent,
                underwriter_consent,
                ..
            } => self.transfer(
                view,
                from,
                to,
                *shares,
                security.as_ref(),
                *kind,
                *joinder,
                *lockup_consent,
                *underwriter_consent,
            ),
            Event::Amend {
                consents,
                description,
                ..
            } => {
                let a = &self.terms.amendment;
                let clause = self.c(&a.clause);
                let all = self.registrable_all(view);
                let outstanding = all.iter().fold(Shares::ZERO, |s, r| {
                    s.checked_add(r.registrable).unwrap_or(s)
                });
                let set: BTreeSet<&HolderId> = consents.iter().collect();
                let consenting = all
                    .iter()
                    .filter(|r| set.contains(&r.holder))
                    .fold(Shares::ZERO, |s, r| {
                        s.checked_add(r.registrable).unwrap_or(s)
                    });
                let ok = if a.unanimous {
                    all.iter()
                        .filter(|r| !r.registrable.is_zero())
                        .all(|r| set.contains(&r.holder))
                } else {
                    meets(
                        &consenting.exact(),
                        &a.fraction.exact(),
                        &outstanding.exact(),
                        a.strict,
                    )
                };
                let comp = Computed::new(
                    "Consenting Registrable Securities",
                    consenting,
                    if a.unanimous {
                        "every Holder must consent"
                    } else {
                        "consenting holders' Registrable Securities vs fraction × outstanding"
                    },
                )
                .input("outstanding", outstanding)
                .input("fraction", a.fraction)
                .cite(clause.clone());
                if !ok {
                    return Err(reject(
                        codes::AMENDMENT_CONSENT,
                        clause,
                        format!(
                            "consents cover {consenting} of {outstanding} Registrable Securities; {} needed",
                            if a.unanimous {
                                "every Holder's consent is".to_string()
                            } else {
                                format!("{} {} of them", if a.strict { "more than" } else { "at least" }, a.fraction)
                            }
                        ),
                    ));
                }
                self.amendments.push(AmendmentRecord {
                    date,
                    description: description.clone(),
                    consents: consents.clone(),
                    consenting_shares: consenting,
                    outstanding,
                });
                Ok(Outcome::none().computed(comp))
            }
            Event::RightsGranted { grant, .. } => {
                let Some(m) = &self.terms.mfn else {
                    return Err(self.no_mfn());
                };
                let clause = self.c(&m.clause);
                if self.grants.contains_key(grant) {
                    return Err(reject(
                        codes::DUPLICATE_REGISTRATION,
                        clause,
                        format!("grant `{grant}` already recorded"),
                    ));
                }
                self.grants.insert(
                    grant.clone(),
                    Grant {
                        granted: date,
                        notice: None,
                        elections: Default::default(),
                    },
                );
                Ok(Outcome::none().warn(
                    codes::W_NOTICE_DUE,
                    clause,
                    format!("the Company must promptly give the Holders notice of grant `{grant}`"),
                ))
            }
            Event::MfnNotice { grant, .. } => {
                let Some(m) = &self.terms.mfn else {
                    return Err(self.no_mfn());
                };
                let clause = self.c(&m.clause);
                let Some(g) = self.grants.get_mut(grant) else {
                    return Err(reject(
                        codes::MFN,
                        clause,
                        format!("no grant `{grant}` recorded"),
                    ));
                };
                if let Some(n) = g.notice {
                    return Err(reject(
                        codes::OUT_OF_ORDER,
                        clause,
                        format!("notice of `{grant}` given on {n}"),
                    ));
                }
                g.notice = Some(date);
                Ok(Outcome::none())
            }
            Event::AffiliateStatus {
                holder, affiliate, ..
            } => {
                let clause = self.c(&self.terms.registrable.clause);
                let Some(r) = self.terms.registrable.rule144.clone() else {
                    return Err(reject(
                        codes::NO_SUCH_RIGHT,
                        clause,
                        format!(
                            "{} has no Rule 144 cessation test; affiliate status does not matter to it",
                            self.terms.document
                        ),
                    ));
                };
                if !view.holder_exists(holder) {
                    return Err(reject(
                        codes::NOT_A_HOLDER,
                        clause,
                        format!("{holder} is not declared"),
                    ));
                }
                let before = self.is_affiliate_on(&r, holder, date);
                let v = self.affiliate_status.entry(holder.clone()).or_default();
                v.retain(|(d, _)| *d != date);
                v.push((date, *affiliate));
                v.sort_by_key(|(d, _)| *d);
                Ok(Outcome::none().computed(
                    Computed::new(
                        "Affiliate of the issuer (Rule 144(a)(1))",
                        if *affiliate { "yes" } else { "no" },
                        "recorded from this date; Rule 144(k) needs no affiliation during the look-back months before a sale",
                    )
                    .input("holder", holder)
                    .input("before", before)
                    .input("look-back (months)", r.affiliate_lookback_months)
                    .cite(clause),
                ))
            }
            Event::MfnElection { grant, holder, .. } => {
                let Some(m) = self.terms.mfn.clone() else {
                    return Err(self.no_mfn());
                };
                let clause = self.c(&m.clause);
                self.require_holder(view, holder, clause.clone())?;
                let Some(g) = self.grants.get(grant) else {
                    return Err(reject(
                        codes::MFN,
                        clause,
                        format!("no grant `{grant}` recorded"),
                    ));
                };
                if let Some(n) = g.notice {
                    let last = add_days(n, m.election_days);
                    if date > last {
                        return Err(reject(
                            codes::MFN,
                            clause,
                            format!("the election was due within {} days of the notice of {n}, by {last}", m.election_days),
                        ));
                    }
                }
                if let Some(g) = self.grants.get_mut(grant) {
                    g.elections.insert(holder.clone(), date);
                }
                Ok(Outcome::none())
            }
        }
    }

    fn no_founder(&self) -> Rejection {
        reject(
            codes::NO_SUCH_RIGHT,
            self.c(&self.terms.demand.clause),
            format!("{} has no founder-sale trigger", self.terms.document),
        )
    }

    fn no_mfn(&self) -> Rejection {
        reject(
            codes::NO_SUCH_RIGHT,
            self.c(&self.terms.demand.clause),
            format!("{} has no most-favoured-nation clause", self.terms.document),
        )
    }

    pub(crate) fn adjust(&mut self, holder: &HolderId, by: &Exact) {
        let e = self
            .common_adjust
            .entry(holder.clone())
            .or_insert_with(Exact::zero);
        *e = e.add(by);
    }

    /// Registrable Securities `holder` holds outright (not issuable): its
    /// registrable common and the securities received on it in
    /// reorganizations.
    pub(crate) fn held_outright(&self, view: &dyn BookView, holder: &HolderId) -> Exact {
        self.received_of(holder)
            .values()
            .fold(self.common_held(view, holder), |a, n| a.add(n))
    }

    /// Takes `n` Registrable Securities sold or distributed by `holder` out
    /// of its registrable common first, then out of the securities received
    /// in reorganizations in id order (the sale names no class; the common
    /// is the one the book sees).
    pub(crate) fn dispose(&mut self, view: &dyn BookView, holder: &HolderId, n: &Exact) {
        let from_common = self.common_held(view, holder).min(n.clone());
        self.adjust(holder, &from_common.neg());
        let mut left = n.sub(&from_common);
        if let Some(m) = self.received.get_mut(holder) {
            for v in m.values_mut() {
                if left.is_zero() || left.is_negative() {
                    break;
                }
                let take = v.clone().min(left.clone()).max(Exact::zero());
                *v = v.sub(&take);
                left = left.sub(&take);
            }
        }
    }

    /// Whether holders may piggyback on a Company registration on `form`.
    pub fn piggyback_allowed(&self, form: &str, resales_permitted: bool) -> bool {
        resales_permitted
            && !self
                .terms
                .piggyback
                .excluded_forms
                .iter()
                .any(|f| f == form)
    }

    /// The join window's last day for a registration.
    pub fn join_window_end(&self, r: &Registration) -> Date {
        if r.kind.is_demand() {
            r.join_window_end(
                self.terms.demand.join_window_days,
                self.terms.demand.join_window_count,
            )
        } else {
            r.join_window_end(
                self.terms.piggyback.window_days,
                self.terms.piggyback.window_count,
            )
        }
    }

    /// The filing clause: the filing deadline of a demand registration: the
    /// end of the request window + `filing.days_after_window` + the days
    /// postponed under the postponement clause.
    pub fn filing_deadline(&self, r: &Registration) -> Option<Date> {
        let f = self.terms.filing.as_ref()?;
        if !r.kind.is_demand() {
            return None;
        }
        let end = self.join_window_end(r);
        Some(add_days(
            end,
            f.days_after_window.saturating_add(r.postponed_days()),
        ))
    }

    /// The effectiveness clause: the last day the Company must keep the
    /// registration effective (if shares remain unsold).
    pub fn keep_effective_until(&self, r: &Registration, as_of: Date) -> Option<Date> {
        let e = r.effective?;
        let t = &self.terms.effectiveness;
        let extra = if t.add_suspended_days && r.shelf {
            r.suspended_days(as_of)
        } else {
            0
        };
        Some(add_days(e, t.days.saturating_add(extra)))
    }

    /// The founder clause: the day before which founder-trigger requests are
    /// due: the later of the closing's anniversary
    /// (`request_before_anniversary_years`) and the notice +
    /// `request_days_after_notice`.
    pub fn founder_deadline(&self) -> Option<Date> {
        let f = self.terms.founder.as_ref()?;
        let n = self.founder.notice_on?;
        let anniv = anniversary(self.terms.closing(), f.request_before_anniversary_years);
        Some(anniv.max(add_days(n, f.request_days_after_notice)))
    }

    /// The first date on which a demand under the demand clause may be made,
    /// as of
    /// `as_of` (None when the demands are used up).
    pub fn next_demand_allowed(&self, as_of: Date) -> Option<Date> {
        let d = &self.terms.demand;
        if self.demands_used(as_of) >= d.max_effected {
            return None;
        }
        let mut first = as_of;
        if let Some(y) = d.first_allowed_after_years {
            first = first.max(add_days(anniversary(self.terms.closing(), y), 1));
        }
        if let Some(m) = d.min_months_between {
            let last = if d.interval_from_request {
                self.last_demand_request(as_of)
            } else {
                self.last_demand_effective(as_of)
            };
            if let Some(l) = last {
                first = first.max(add_months(l, m));
            }
        }
        Some(first)
    }

    fn demand(
        &mut self,
        view: &dyn BookView,
        registration: &str,
        requests: &[(HolderId, Shares)],
        basis: DemandBasis,
        underwritten: bool,
        shelf: bool,
    ) -> Result<Outcome, Rejection> {
        let date = view.date();
        let d = self.terms.demand.clone();
        let clause = self.c(&d.clause);
        let count_clause = self.c(&d.count_clause);
        if self.registrations.contains_key(registration) {
            return Err(reject(
                codes::DUPLICATE_REGISTRATION,
                clause,
                format!("registration `{registration}` already exists"),
            ));
        }
        // Each requester is a Holder and asks for no more than it holds.
        let mut group: Vec<(HolderId, Shares, Shares)> = Vec::new(); // holder, requested, registrable
        for (h, n) in requests {
            self.whole(*n, clause.clone(), "a requested number")?;
            if let Some(g) = group.iter_mut().find(|g| &g.0 == h) {
                g.1 =
                    g.1.checked_add(*n)
                        .map_err(|e| reject(codes::ARITHMETIC, clause.clone(), e.to_string()))?;
            } else {
                let held = self.require_holder(view, h, clause.clone())?;
                group.push((h.clone(), *n, held));
            }
        }
        for (h, n, held) in &group {
            if n > held {
                return Err(reject(
                    codes::REQUEST_EXCEEDS_HOLDINGS,
                    clause,
                    format!(
                        "{h} asks to register {n} shares but holds {held} Registrable Securities"
                    ),
                ));
            }
        }
        let requested: Exact = group.iter().fold(Exact::zero(), |a, g| a.add(&g.1.exact()));
        let group_held: Exact = group.iter().fold(Exact::zero(), |a, g| a.add(&g.2.exact()));
        let mut comp = Computed::new(
            "Demand accepted",
            registration,
            "the demand's conditions, each checked",
        )
        .input_exact("requested", &requested)
        .input_exact("initiators' Registrable Securities", &group_held)
        .cite(clause.clone());

        // The interval applies to every demand registration, the founder
        // trigger's included (a typical count clause limits "registration[s]
        // under this section", which holds both demand rights).
        if let Some(m) = d.min_months_between {
            let last = if d.interval_from_request {
                self.last_demand_request(date)
            } else {
                self.last_demand_effective(date)
            };
            if let Some(l) = last {
                let allowed = add_months(l, m);
                if date < allowed {
                    return Err(reject(
                        codes::DEMAND_TOO_SOON,
                        count_clause,
                        format!(
                            "the last registration under this section became {} on {l}; no more than one in any {m}-month period, so not before {allowed}",
                            if d.interval_from_request { "requested" } else { "effective" }
                        ),
                    ));
                }
                comp = comp.input("next allowed after the last registration", allowed);
            }
        }

        let kind = match basis {
            DemandBasis::FounderTrigger => {
                let Some(f) = self.terms.founder.clone() else {
                    return Err(self.no_founder());
                };
                let fclause = self.c(&f.clause);
                let Some(t) = self.founder.triggered_on else {
                    return Err(reject(
                        codes::FOUNDER_NOT_TRIGGERED,
                        fclause,
                        format!("{} has not sold more than {} of his holdings within {} months of the Closing Date", f.founder, f.fraction, f.within_months),
                    ));
                };
                if let Some(deadline) = self.founder_deadline() {
                    if date >= deadline {
                        return Err(reject(
                            codes::FOUNDER_REQUEST_LATE,
                            fclause,
                            format!("founder-trigger requests had to be delivered before {deadline} (the later of the {} anniversary and {} days after the notice)", crate::words::ordinal(f.request_before_anniversary_years.into()), f.request_days_after_notice),
                        ));
                    }
                    comp = comp.input("founder-trigger deadline (before)", deadline);
                }
                comp = comp.input("founder trigger", t).cite(fclause);
                RegKind::FounderDemand
            }
            DemandBasis::Majority => {
                if let Some(y) = d.first_allowed_after_years {
                    let anniv = anniversary(self.terms.closing(), y);
                    if date <= anniv {
                        return Err(reject(
                            codes::DEMAND_TOO_EARLY,
                            clause,
                            format!("demands may be made only after the anniversary of the Closing ({anniv}); the first day is {}", add_days(anniv, 1)),
                        ));
                    }
                }
                let used = self.demands_used(date);
                if used >= d.max_effected {
                    return Err(reject(
                        codes::DEMANDS_EXHAUSTED,
                        count_clause,
                        format!("the Company has effected {used} demand registrations (forfeitures included); it need not effect more than {}", d.max_effected),
                    ));
                }
                comp = comp.input("demands used", used);
                // Initiators' threshold.
                let denom = match d.initiator_denominator {
                    Denominator::Registrable => self.registrable_outstanding(view),
                    Denominator::Unexercised => self.unexercised_outstanding(view),
                };
                let f = d.initiator_fraction.exact();
                let need = f.mul(&denom.exact());
                comp = comp.input("denominator", denom).input(
                    "threshold",
                    format!(
                        "{} {} × {} = {}",
                        if d.initiator_strict { ">" } else { "≥" },
                        d.initiator_fraction,
                        denom,
                        need.display()
                    ),
                );
                if !meets(&group_held, &f, &denom.exact(), d.initiator_strict) {
                    return Err(reject(
                        codes::DEMAND_NOT_ENOUGH_HOLDERS,
                        clause,
                        format!(
                            "the requesting holders hold {} of {denom} Registrable Securities; {} {} are needed",
                            group_held.display(),
                            if d.initiator_strict { "more than" } else { "at least" },
                            need.display()
                        ),
                    ));
                }
                // Minimum size: the lesser of a fraction and an amount.
                if d.min_request_fraction.is_some() || d.min_request_amount.is_some() {
                    let by_fraction = d.min_request_fraction.map(|fr| fr.exact().mul(&group_held));
                    let passes_fraction = by_fraction.as_ref().is_some_and(|t| &requested >= t);
                    let mut passes_amount = false;
                    let mut amount_note = String::from("not tested");
                    if !passes_fraction {
                        if let Some(amount) = d.min_request_amount {
                            let price = self.demand_price(view)?;
                            let value = requested.mul(&price.0);
                            passes_amount = value >= amount.exact();
                            amount_note = format!(
                                "{} × {} = {} vs {amount}",
                                requested.display(),
                                price.0.display(),
                                value.display()
                            );
                            comp = comp.step(price.1);
                        }
                    }
                    comp = comp
                        .input(
                            "fraction test",
                            by_fraction
                                .as_ref()
                                .map(|t| {
                                    format!(
                                        "{} ≥ {}? {passes_fraction}",
                                        requested.display(),
                                        t.display()
                                    )
                                })
                                .unwrap_or_else(|| "none".into()),
                        )
                        .input("amount test", amount_note.clone());
                    if !passes_fraction && !passes_amount {
                        return Err(reject(
                            codes::DEMAND_TOO_SMALL,
                            clause,
                            format!(
                                "the request for {} shares is less than the lesser of {} of the initiators' {} ({}) and {} of them (value {amount_note})",
                                requested.display(),
                                d.min_request_fraction.map(|f| f.to_string()).unwrap_or_else(|| "-".into()),
                                group_held.display(),
                                by_fraction.map(|t| t.display()).unwrap_or_else(|| "-".into()),
                                d.min_request_amount.map(|a| format!("${a}")).unwrap_or_else(|| "-".into()),
                            ),
                        ));
                    }
                }
                RegKind::HolderDemand
            }
        };
        let mut r = Registration::new(registration.to_string(), kind, date);
        r.underwritten = underwritten;
        r.shelf = shelf;
        for (h, n, _) in &group {
            r.requests.push(Request {
                holder: h.clone(),
                shares: *n,
                date,
                seq: self.next_seq,
            });
            self.next_seq = self.next_seq.saturating_add(1);
        }
        let window = self.join_window_end(&r);
        comp = comp.input("other holders may join through", window);
        if let Some(fd) = self.filing_deadline(&r) {
            comp = comp.input("file by (if notice given today)", fd);
        }
        self.registrations.insert(registration.to_string(), r);
        Ok(Outcome::none().computed(comp).warn(
            codes::W_NOTICE_DUE,
            clause,
            format!("the Company must promptly give written notice of `{registration}` to all other holders"),
        ))
    }

    /// The price per share for the dollar test (see
    /// docs/interpretations.md, registration rights: the valuation of the
    /// demand's dollar minimum).
    fn demand_price(&self, view: &dyn BookView) -> Result<(Exact, Computed), Rejection> {
        let d = &self.terms.demand;
        let common = view.common();
        let clause = self.c(&d.clause);
        let res = match d.value_basis {
            ValueBasis::PreviousClose => {
                let day = Calendar::Trading.previous_open_before(view.date());
                view.market_price(&common, day)
            }
            ValueBasis::AveragePreceding => {
                view.average_preceding(&common, view.date(), d.value_days)
            }
        };
        res.map_err(|gap| {
            reject(
                codes::DEMAND_NO_PRICE,
                clause,
                format!("the dollar test needs a price: {gap}"),
            )
        })
    }

    fn join(
        &mut self,
        view: &dyn BookView,
        registration: &str,
        holder: &HolderId,
        shares: Shares,
    ) -> Result<Outcome, Rejection> {
        let date = view.date();
        let r = self.open_reg(registration)?.clone();
        let clause = if r.kind.is_demand() {
            self.c(&self.terms.demand.clause)
        } else {
            self.c(&self.terms.piggyback.clause)
        };
        if !r.kind.is_demand() {
            let form = r.form.clone().unwrap_or_default();
            if !self.piggyback_allowed(&form, true) {
                return Err(reject(
                    codes::NO_PIGGYBACK,
                    clause,
                    format!("a registration on Form {form} carries no piggyback right"),
                ));
            }
        }
        self.whole(shares, clause.clone(), "a requested number")?;
        let held = self.require_holder(view, holder, clause.clone())?;
        if r.requests.iter().any(|q| &q.holder == holder) {
            return Err(reject(
                codes::JOIN_NOT_OPEN,
                clause,
                format!("{holder} has already requested inclusion in `{registration}`"),
            ));
        }
        if let Some(n) = r.notice {
            let end = self.join_window_end(&r);
            if date > end {
                return Err(reject(
                    codes::JOIN_WINDOW_CLOSED,
                    clause,
                    format!("requests to join `{registration}` were due within the window after the notice of {n}, by {end}"),
                ));
            }
        }
        if r.filed.is_some() && r.notice.is_none() {
            return Err(reject(
                codes::JOIN_NOT_OPEN,
                clause,
                format!("`{registration}` is already filed"),
            ));
        }
        if shares > held {
            return Err(reject(
                codes::REQUEST_EXCEEDS_HOLDINGS,
                clause,
                format!("{holder} asks to register {shares} shares but holds {held} Registrable Securities"),
            ));
        }
        let seq = self.next_seq;
        self.next_seq = self.next_seq.saturating_add(1);
        self.reg_mut(registration)?.requests.push(Request {
            holder: holder.clone(),
            shares,
            date,
            seq,
        });
        Ok(Outcome::none())
    }

    fn withdraw(
        &mut self,
        view: &dyn BookView,
        registration: &str,
        by: WithdrawnBy,
        forfeit: bool,
        consents: &[HolderId],
    ) -> Result<Outcome, Rejection> {
        let date = view.date();
        let r = self.open_reg(registration)?.clone();
        let e = self.terms.expenses.clone();
        let clause = self.c(&e.clause);
        let mut out = Outcome::none();
        let mut by_holders = false;
        let mut forfeited = false;
        if by == WithdrawnBy::Holders && r.kind.is_demand() && e.withdrawal_shifts_to_holders {
            if forfeit {
                let fraction = e
                    .forfeit_consent_fraction
                    .unwrap_or(units::Ratio::new(units::Decimal::new(5, 1)));
                let all = self.registrable_all(view);
                let outstanding = all
                    .iter()
                    .fold(Exact::zero(), |a, x| a.add(&x.registrable.exact()));
                let set: BTreeSet<&HolderId> = consents.iter().collect();
                let consenting = all
                    .iter()
                    .filter(|x| set.contains(&x.holder))
                    .fold(Exact::zero(), |a, x| a.add(&x.registrable.exact()));
                if !meets(&consenting, &fraction.exact(), &outstanding, true) {
                    return Err(reject(
                        codes::FORFEIT_CONSENT,
                        clause,
                        format!(
                            "forfeiting a demand needs the Holders of more than {fraction} of the {} Registrable Securities; consents cover {}",
                            outstanding.display(),
                            consenting.display()
                        ),
                    ));
                }
                forfeited = true;
                out = out.computed(
                    Computed::new(
                        "Demand forfeited; the Company pays the expenses",
                        "1",
                        "consenting > fraction × outstanding",
                    )
                    .input_exact("consenting", &consenting)
                    .input_exact("outstanding", &outstanding)
                    .cite(clause.clone()),
                );
            } else {
                by_holders = true;
                out = out.computed(
                    Computed::new(
                        "Registration Expenses borne by",
                        "the participating Holders",
                        "withdrawn at the Majority Participating Holders' request, no demand forfeited",
                    )
                    .cite(clause.clone()),
                );
            }
        } else if forfeit {
            return Err(reject(
                codes::OUT_OF_ORDER,
                clause,
                "a demand is forfeited only when holders withdraw a demand registration",
            ));
        }
        if forfeited {
            self.forfeited_demands = self.forfeited_demands.saturating_add(1);
        }
        let reg = self.reg_mut(registration)?;
        reg.withdrawn = Some(date);
        reg.expenses_by_holders = by_holders;
        reg.forfeited = forfeited;
        Ok(out)
    }

    fn postpone(
        &mut self,
        registration: &str,
        days: i32,
        date: Date,
    ) -> Result<Outcome, Rejection> {
        let Some(p) = self.terms.postponement.clone() else {
            return Err(reject(
                codes::NO_SUCH_RIGHT,
                self.c(&self.terms.demand.clause),
                format!(
                    "{} gives the Company no right to postpone",
                    self.terms.document
                ),
            ));
        };
        let clause = self.c(&p.clause);
        let r = self.open_reg(registration)?;
        if !r.kind.is_demand() || r.effective.is_some() {
            return Err(reject(
                codes::NOT_POSTPONABLE,
                clause,
                format!("only the filing or effectiveness of a demand registration not yet effective may be postponed; `{registration}` is a {}{}", r.kind.name(), if r.effective.is_some() { " already effective" } else { "" }),
            ));
        }
        if days <= 0 || days > p.max_days {
            return Err(reject(
                codes::POSTPONEMENT_TOO_LONG,
                clause,
                format!(
                    "a postponement is for up to {} days, not {days}",
                    p.max_days
                ),
            ));
        }
        let last = self
            .registrations
            .values()
            .flat_map(|r| r.postponements.iter().map(|(d, _)| *d))
            .filter(|d| *d <= date)
            .max();
        if let Some(l) = last {
            let next = add_months(l, p.once_in_months);
            if date < next {
                return Err(reject(
                    codes::POSTPONEMENT_TOO_FREQUENT,
                    clause,
                    format!("the Company postponed on {l}; not more than once in any {}-month period, so not before {next}", p.once_in_months),
                ));
            }
        }
        let reg = self.reg_mut(registration)?;
        reg.postponements.push((date, days));
        let snapshot = reg.clone();
        let mut out = Outcome::none();
        if let Some(fd) = self.filing_deadline(&snapshot) {
            out = out.computed(
                Computed::new(
                    "Filing deadline",
                    fd,
                    "end of request window + filing days + days postponed",
                )
                .input("days postponed", snapshot.postponed_days())
                .cite(clause),
            );
        }
        Ok(out)
    }

    fn founder_sale(
        &mut self,
        date: Date,
        shares: Shares,
        held: Option<Shares>,
    ) -> Result<Outcome, Rejection> {
        let Some(f) = self.terms.founder.clone() else {
            return Err(self.no_founder());
        };
        let clause = self.c(&f.clause);
        let held = held.or(self.founder.held_at_closing);
        let Some(held) = held else {
            return Err(reject(
                codes::FOUNDER_HOLDINGS_UNKNOWN,
                clause,
                "the founder's beneficial holdings at the Closing Date are not known",
            )
            .with_help("give `held-at-closing:` on the first founder-sale, or `beneficial_at_closing` in the term file"));
        };
        if shares.is_negative() || shares.is_zero() {
            return Err(reject(
                codes::NOT_WHOLE,
                clause,
                "a sale is a positive number of shares",
            ));
        }
        let end = add_months(self.terms.closing(), f.within_months);
        let counts = date >= self.terms.closing() && date <= end;
        let sold = if counts {
            self.founder
                .sold
                .checked_add(shares)
                .map_err(|e| reject(codes::ARITHMETIC, clause.clone(), e.to_string()))?
        } else {
            self.founder.sold
        };
        let threshold = f.fraction.exact().mul(&held.exact());
        let mut comp = Computed::new(
            "Founder's sales within the window",
            sold,
            "sum of sales from the Closing Date through the window's end; trigger when > fraction × holdings at closing",
        )
        .input("window ends", end)
        .input("this sale counts", counts)
        .input("holdings at closing", held)
        .input("trigger above", format!("{} × {held} = {}", f.fraction, threshold.display()))
        .cite(clause.clone());
        let mut out = Outcome::none();
        self.founder.held_at_closing = Some(held);
        self.founder.sold = sold;
        if self.founder.triggered_on.is_none() && sold.exact() > threshold {
            self.founder.triggered_on = Some(date);
            comp = comp.input("triggered on", date);
            out = out.warn(
                codes::W_FOUNDER_TRIGGER,
                clause,
                format!("{} has sold {sold}, more than {}: the Company must notify the Holders, who may then request registration", f.founder, threshold.display()),
            );
        }
        Ok(out.computed(comp))
    }

    /// The lockup clause: whether a disposition by `holder` on `date` of `kind` is
    /// barred by a running lockup, assuming the transferee has consented to
    /// be bound and the managing underwriter has not consented.
    pub fn lockup_blocks(
        &self,
        holder: &HolderId,
        date: Date,
        kind: TransferKind,
    ) -> Option<Rejection> {
        self.lockup_blocks_with(holder, date, kind, true, false)
    }

    /// [`Agreement::lockup_blocks`] with the consents spelled out:
    /// `transferee_bound` — each affiliate, partner or member furnished its
    /// written consent to be bound (the lockup's exception for affiliates
    /// and distributions); `underwriter_consent` —
    /// the managing underwriter consented.
    pub fn lockup_blocks_with(
        &self,
        holder: &HolderId,
        date: Date,
        kind: TransferKind,
        transferee_bound: bool,
        underwriter_consent: bool,
    ) -> Option<Rejection> {
        let l = self.terms.lockup.as_ref()?;
        // The lockup binds Holders under a subsisting agreement only (the
        // term clause).
        if self.terminated_by(date) {
            return None;
        }
        let running = self
            .lockups
            .iter()
            .find(|k| k.from <= date && date <= k.until)?;
        if underwriter_consent {
            return None;
        }
        let allowed = match kind {
            TransferKind::RegisteredSale => true,
            TransferKind::Affiliate | TransferKind::PartnerDistribution => transferee_bound,
            TransferKind::Sale => false,
        };
        if allowed {
            return None;
        }
        Some(
            reject(
                codes::LOCKUP,
                self.c(&l.clause),
                format!(
                    "{holder} may not dispose of common equity until {} ({}-day lockup after `{}` became effective on {})",
                    running.until, l.days, running.registration, running.from
                ),
            )
            .with_help(if matches!(kind, TransferKind::Affiliate | TransferKind::PartnerDistribution) {
                "transfers to Controlled Affiliates or pro rata to partners are allowed when each transferee consents to be bound: add `lockup-consent: yes`"
            } else {
                "only sales under the registration statement, transfers to Controlled Affiliates and pro rata distributions to partners are allowed, or with `underwriter-consent: yes`"
            }),
        )
    }

    #[allow(clippy::too_many_arguments)]
    fn transfer(
        &mut self,
        view: &dyn BookView,
        from: &HolderId,
        to: &HolderId,
        shares: Shares,
        security: Option<&SecurityId>,
        kind: TransferKind,
        joinder: bool,
        lockup_consent: bool,
        underwriter_consent: bool,
    ) -> Result<Outcome, Rejection> {
        let date = view.date();
        let rclause = self.c(&self.terms.registrable.clause);
        let common = view.common();
        let security = security.cloned().unwrap_or_else(|| common.clone());
        let total = self.require_holder(view, from, rclause.clone())?;
        if shares.is_negative() || shares.is_zero() {
            return Err(reject(
                codes::TRANSFER_EXCEEDS,
                rclause,
                "a transfer is a positive number of shares",
            ));
        }
        // The transfer measured in Registrable Securities.
        let (equivalent, comp) = if security == common {
            let held = self.registrable_of(view, from).common;
            if shares > held {
                return Err(reject(
                    codes::TRANSFER_EXCEEDS,
                    rclause,
                    format!("{from} holds {held} registrable common, cannot transfer {shares}"),
                ));
            }
            (
                shares.exact(),
                Computed::new(
                    "Registrable Securities transferred",
                    shares,
                    "common shares transferred",
                ),
            )
        } else if let Some(instr) = self
            .terms
            .underlying
            .iter()
            .find(|i| i.as_str() == security.as_str())
        {
            let pos = view.position(from, &security);
            if shares > pos {
                return Err(reject(
                    codes::TRANSFER_EXCEEDS,
                    rclause,
                    format!("{from} holds {pos} of {security}, cannot transfer {shares}"),
                ));
            }
            let issuable = view.issuable_on_conversion(from, instr);
            let eq = issuable
                .exact()
                .mul(&shares.exact())
                .div(&pos.exact())
                .map_err(|e| reject(codes::ARITHMETIC, rclause.clone(), e.to_string()))?;
            (
                eq.clone(),
                Computed::of_exact(
                    "Registrable Securities transferred",
                    &eq,
                    "common issuable on the holder's position × shares transferred ÷ position",
                )
                .input("issuable on conversion", issuable)
                .input("position", pos)
                .input("transferred", shares),
            )
        } else if let Some(held) = self.received_of(from).get(security.as_str()).cloned() {
            // A security received on registrable common in a
            // reorganization (the definition's reorganization limb).
            if shares.exact() > held {
                return Err(reject(
                    codes::TRANSFER_EXCEEDS,
                    rclause,
                    format!(
                        "{from} holds {} registrable {security}, cannot transfer {shares}",
                        held.display()
                    ),
                ));
            }
            (
                shares.exact(),
                Computed::new(
                    "Registrable Securities transferred",
                    shares,
                    "shares received in a reorganization, transferred",
                ),
            )
        } else {
            return Err(reject(
                codes::NOT_REGISTRABLE,
                rclause,
                format!(
                    "{security} is neither common stock nor an instrument underlying {}",
                    self.id
                ),
            ));
        };
        let comp = comp.cite(rclause.clone());
        if kind == TransferKind::RegisteredSale {
            return Err(reject(
                codes::ASSIGNMENT_NOT_ALLOWED,
                rclause,
                "record a sale under a registration with `registered-sale`",
            ));
        }
        if let Some(rej) =
            self.lockup_blocks_with(from, date, kind, lockup_consent, underwriter_consent)
        {
            return Err(rej);
        }
        let mut out = Outcome::none();
        if let Some(a) = self.terms.assignment.clone() {
            let aclause = self.c(&a.clause);
            let all_of_it = equivalent == total.exact();
            let ok = match kind {
                TransferKind::Affiliate | TransferKind::PartnerDistribution => true,
                TransferKind::Sale => equivalent >= a.min_shares.exact() || all_of_it,
                TransferKind::RegisteredSale => false,
            };
            if !ok {
                return Err(reject(
                    codes::ASSIGNMENT_NOT_ALLOWED,
                    aclause,
                    format!(
                        "rights pass on a sale only with at least {} Registrable Securities or all the holder has ({total}{}); this transfer is {}",
                        a.min_shares,
                        self.registrable_of(view, from)
                            .ceased
                            .map(|c| format!(": ceased, {c}"))
                            .unwrap_or_default(),
                        equivalent.display()
                    ),
                )
                .with_help("transfers to Controlled Affiliates and pro rata distributions to partners or members pass rights at any size"));
            }
            if !joinder {
                return Err(reject(
                    codes::JOINDER_MISSING,
                    aclause,
                    format!("{to} must deliver a written instrument agreeing to be bound as a Holder, as a condition to the transfer"),
                )
                .with_help("add `joinder: yes` once the instrument is delivered"));
            }
            out = out.computed(
                Computed::new(
                    "Rights assigned",
                    if all_of_it { "all the holder's" } else { "yes" },
                    format!("{} transfer", kind.name()),
                )
                .input("minimum for a sale", a.min_shares)
                .input("holder's Registrable Securities", total)
                .cite(aclause),
            );
        }
        // Securities received in a reorganization are not ledger positions
        // of this book (they are another issuer's, or a class the ledger
        // does not track): the agreement moves them itself.
        let received = security != common && self.received_of(from).contains_key(security.as_str());
        // Mutate: registrable common moves with the shares; the transferee
        // becomes a Holder.
        if security == common {
            self.adjust(from, &shares.exact().neg());
            self.adjust(to, &shares.exact());
            // Rule 144(d): the transferee's lots start at the transfer.
            let e = self
                .transferred_in
                .entry(to.clone())
                .or_insert_with(Exact::zero);
            *e = e.add(&shares.exact());
        } else if received {
            for (h, n) in [(from, shares.exact().neg()), (to, shares.exact())] {
                let e = self
                    .received
                    .entry(h.clone())
                    .or_default()
                    .entry(security.as_str().to_string())
                    .or_insert_with(Exact::zero);
                *e = e.add(&n);
            }
        }
        self.joined.insert(to.clone());
        let out = out.computed(comp);
        if received {
            return Ok(out);
        }
        Ok(out.effect(Effect::Transfer {
            security,
            from: from.clone(),
            to: to.clone(),
            shares,
            reason: format!("transfer-registrable {} ({})", self.id, kind.name()),
        }))
    }
}
