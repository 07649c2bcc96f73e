//! CoD §6.3: the Change of Control Notice and the holders' election.
//!
//! "Promptly following the occurrence of a Change of Control, the
//! Corporation shall notify (a 'Change of Control Notice') the holders ...
//! Within thirty days after the Corporation sends a Change of Control Notice,
//! each holder ... shall have the option to either (a) to the extent the
//! Corporation shall have funds legally available therefor, to require the
//! Corporation to redeem such holder's shares ... at a redemption price per
//! share in cash equal to the Liquidation Preference as of the date of the
//! Change of Control ... or (b) convert such holder's shares ... as set forth
//! in Section 8.1 into shares of Common Stock (or into a corresponding number
//! of the type of security into which shares of Common Stock are converted in
//! such Change of Control); provided, however, that the Accreted Value ...
//! shall include ... dividends which would have accrued from such date to the
//! third anniversary of the Closing."
//!
//! A Change of Control found by [`crate::change_of_control`] opens a
//! [`ControlWindow`]; `change-of-control-notice` records the notice (the
//! thirty days run from it); `change-of-control-put` and
//! `change-of-control-convert` are the holders' elections. Both figures are
//! those of the date of the Change of Control: it is the redemption date
//! (§6.3) and the date a §6.3 conversion is deemed effected (§8.5); the
//! ledger records the delivery on the election's date. Funds short of a put
//! leave the unpaid shares as a Mandatory Redemption Obligation (§6.5).

use crate::accretion::LiquidationPreference;
use crate::change_of_control::{ChangeOfControl, ControlEvent};
use crate::conversion::split_entitlement;
use crate::liquidation_terms::arith_at;
use crate::resolve::ElectionChoice;
use crate::state::Preferred;
use calendar::Date;
use serde::Serialize;
use terms::{BookView, Effect, HolderId, Outcome, Rejection, SecurityId};
use units::{Computed, Exact, Money, Shares};

/// Rejection codes of the §6.3 window (R0260–R0269).
pub mod codes {
    /// An election or a notice with no Change of Control on or before its date.
    pub const NO_CHANGE_OF_CONTROL: &str = "R0260";
    /// An election after the thirty days following the Change of Control Notice.
    pub const WINDOW_CLOSED: &str = "R0261";
    /// More shares than the holder holds (and has not already surrendered).
    pub const MORE_THAN_HELD: &str = "R0262";
    /// A non-positive number of shares, or an undeclared holder.
    pub const BAD_ELECTION: &str = "R0263";
    /// A second Change of Control Notice for the same Change of Control.
    pub const NOTICE_ALREADY_SENT: &str = "R0264";
    /// A discharge with no §6.3(a) shares unpaid.
    pub const NOTHING_OWED: &str = "R0265";
}

/// One holder's §6.3 election.
#[derive(Clone, Debug, Serialize)]
pub struct Election {
    /// The day the written election was delivered.
    pub date: Date,
    pub holder: HolderId,
    pub shares: Shares,
    pub choice: ElectionChoice,
    /// §6.3(a): shares redeemed and paid for.
    pub redeemed: Shares,
    /// §6.3(a): shares surrendered but not paid for, funds legally available
    /// being short: the Mandatory Redemption Obligation (§6.5).
    pub owed: Shares,
    /// §6.3(a): the redemption price per share (exact, as displayed).
    pub price_per_share: Option<String>,
    /// Cash paid: the redemption price, or cash in lieu of fractions (§8.9).
    pub cash: Money,
    /// §6.3(b): whole units delivered, per security.
    pub delivered: Vec<(String, Shares)>,
}

/// A Change of Control and the holders' election that it opens.
#[derive(Clone, Debug, Serialize)]
pub struct ControlWindow {
    pub change_of_control: ChangeOfControl,
    /// The day the Change of Control Notice was sent (`None`: not yet
    /// recorded; the thirty days have not begun to run).
    pub notice_date: Option<Date>,
    pub elections: Vec<Election>,
}

impl ControlWindow {
    /// The last day of the election: the notice date plus `days` (CoD §6.3
    /// "within thirty days after"); `None` while no notice is recorded.
    pub fn last_day(&self, days: i32) -> Option<Date> {
        self.notice_date
            .map(|n| n.checked_add(jiff::Span::new().days(days)).unwrap_or(n))
    }

    /// Shares `holder` surrendered for redemption and not yet paid for.
    pub fn owed(&self, holder: &HolderId) -> Shares {
        self.elections
            .iter()
            .filter(|e| &e.holder == holder)
            .fold(Shares::ZERO, |a, e| a.checked_add(e.owed).unwrap_or(a))
    }
}

impl Preferred {
    /// The window of the latest Change of Control on or before `date`.
    pub fn control_window_on(&self, date: Date) -> Option<&ControlWindow> {
        self.control_windows
            .iter()
            .rev()
            .find(|w| w.change_of_control.date <= date)
    }

    fn control_window_index(&self, date: Date) -> Option<usize> {
        self.control_windows
            .iter()
            .rposition(|w| w.change_of_control.date <= date)
    }

    /// Shares surrendered under §6.3(a) and not paid for, over every window.
    pub fn control_owed(&self, holder: &HolderId) -> Shares {
        self.control_windows.iter().fold(Shares::ZERO, |a, w| {
            a.checked_add(w.owed(holder)).unwrap_or(a)
        })
    }

    /// The first day a §6.3 redemption was left unpaid, if any is.
    pub(crate) fn control_owed_since(&self) -> Option<Date> {
        self.control_windows
            .iter()
            .flat_map(|w| w.elections.iter())
            .filter(|e| !e.owed.is_zero())
            .map(|e| e.date)
            .min()
    }

    /// CoD §6.3 proviso: the Liquidation Preference as of the date of the
    /// Change of Control with the dividends that would have accrued from it
    /// to the third anniversary of the Closing: the §6.3(a) redemption price
    /// per share and the Liquidation Preference of a §6.3(b) conversion.
    pub fn control_liquidation_preference(
        &self,
        coc_date: Date,
    ) -> Result<LiquidationPreference, Rejection> {
        self.accrual()
            .liquidation_preference_with_make_whole(coc_date)
    }

    /// A fact of the §2 definition: the tracker evaluates it; a Change of
    /// Control it establishes opens a window. Validates before changing.
    pub fn control_event(
        &mut self,
        event: &ControlEvent,
        view: &dyn BookView,
    ) -> Result<Outcome, Rejection> {
        let mut tracker = self.control.clone();
        let coc_terms = self.control_terms()?;
        let (mut out, coc) = tracker.apply(event, coc_terms, view)?;
        self.control = tracker;
        if let Some(c) = coc {
            self.open_control_window(c, &mut out);
        }
        Ok(out)
    }

    /// Opens the §6.3 window of a Change of Control, with a Warning that
    /// the notice is due.
    pub(crate) fn open_control_window(&mut self, c: ChangeOfControl, out: &mut Outcome) {
        let days = self.election_days();
        out.warnings.push(terms::Warning {
            code: "W0260",
            clause: self.cite("redemption.put"),
            message: format!(
                "Change of Control on {} (CoD §2, limb ({})): {}. The Corporation must promptly send a Change of Control Notice (`change-of-control-notice {}`); within {days} days after it each holder may require redemption at the Liquidation Preference with the make-whole (§6.3(a)) or convert (§6.3(b))",
                c.date, c.clause_letter, c.description, self.id
            ),
        });
        self.control_windows.push(ControlWindow {
            change_of_control: c,
            notice_date: None,
            elections: Vec::new(),
        });
    }

    /// `change-of-control-notice`: the Corporation sends the Change of
    /// Control Notice on `view.date()`; the election runs to the notice date
    /// plus thirty days.
    pub fn change_of_control_notice(&mut self, view: &dyn BookView) -> Result<Outcome, Rejection> {
        let date = view.date();
        let Some(i) = self.control_window_index(date) else {
            return Err(Rejection::new(
                codes::NO_CHANGE_OF_CONTROL,
                self.cite("redemption.put"),
                format!("no Change of Control has occurred on or before {date}: there is nothing to notify"),
            )
            .with_help("record the facts of the Change of Control first (`beneficial-owner`, `reorganize`, `director-left`, or `change-of-control <instrument> a|b|c`)"));
        };
        let days = self.control_terms()?.election_days;
        let put = self.cite("redemption.put");
        let Some(w) = self.control_windows.get_mut(i) else {
            return Err(arith_at(
                put,
                units::UnitsError::Overflow {
                    op: "election window",
                },
            ));
        };
        if let Some(n) = w.notice_date {
            return Err(Rejection::new(
                codes::NOTICE_ALREADY_SENT,
                put,
                format!(
                    "the Change of Control Notice for the Change of Control of {} was already sent on {n}",
                    w.change_of_control.date
                ),
            ));
        }
        w.notice_date = Some(date);
        let last = w.last_day(days).unwrap_or(date);
        let c = Computed::new(
            "§6.3 election: last day",
            last,
            "notice date + election days",
        )
        .input("date of the Change of Control", w.change_of_control.date)
        .input("Change of Control Notice sent", date)
        .input("days", days)
        .cite(self.cite("redemption.put"));
        Ok(Outcome::none().computed(c))
    }

    /// `change-of-control-put` / `change-of-control-convert`: a holder's
    /// §6.3 election on `view.date()`. Validates everything, then records.
    pub fn control_election(
        &mut self,
        holder: &HolderId,
        shares: Shares,
        choice: ElectionChoice,
        funds: Option<Money>,
        view: &dyn BookView,
    ) -> Result<Outcome, Rejection> {
        let date = view.date();
        let Some(i) = self.control_window_index(date) else {
            return Err(Rejection::new(
                codes::NO_CHANGE_OF_CONTROL,
                self.cite("redemption.put"),
                format!("no Change of Control has occurred on or before {date}: the §6.3 option is not open"),
            )
            .with_help("an ordinary conversion is `convert <instrument> <holder> <shares>` (CoD §8.1)"));
        };
        let days = self.control_terms()?.election_days;
        let (coc_date, last_day) = match self.control_windows.get(i) {
            Some(w) => (w.change_of_control.date, w.last_day(days)),
            None => {
                return Err(arith_at(
                    self.cite("redemption.put"),
                    units::UnitsError::Overflow { op: "§6.3 window" },
                ))
            }
        };
        if let Some(last) = last_day {
            if date > last {
                return Err(Rejection::new(
                    codes::WINDOW_CLOSED,
                    self.cite("redemption.put"),
                    format!(
                        "the election must be made \"within thirty days following the mailing of the Change of Control Notice\": the last day was {last}, {date} is after it"
                    ),
                )
                .with_help("after the window, only an ordinary conversion remains (CoD §8.1)"));
            }
        }
        if !view.holder_exists(holder) {
            return Err(Rejection::new(
                codes::BAD_ELECTION,
                self.cite("redemption.put"),
                format!("`{holder}` is not a declared holder"),
            ));
        }
        if shares.is_zero() || shares.is_negative() {
            return Err(Rejection::new(
                codes::BAD_ELECTION,
                self.cite("redemption.put"),
                format!("the notice \"must specify the number of shares\": a positive number, not {shares}"),
            ));
        }
        let held = view.position(holder, &self.security);
        let owed = self.control_owed(holder);
        let free = held.checked_sub(owed).unwrap_or(Shares::ZERO);
        if shares > free {
            return Err(Rejection::new(
                codes::MORE_THAN_HELD,
                self.cite("redemption.put"),
                format!(
                    "{holder} holds {held} shares of {}{}; cannot elect for {shares}",
                    self.security,
                    if owed.is_zero() {
                        String::new()
                    } else {
                        format!(", {owed} of them already surrendered for redemption")
                    }
                ),
            )
            .with_help(format!("at most {free} shares")));
        }
        let lp = self.control_liquidation_preference(coc_date)?;
        let (out, election) = match choice {
            ElectionChoice::Redeem => self.put_6_3(holder, shares, funds, &lp, view)?,
            ElectionChoice::Convert => self.convert_6_3(holder, shares, lp, view)?,
        };
        if let Some(w) = self.control_windows.get_mut(i) {
            w.elections.push(election);
        }
        Ok(out)
    }

    /// §6.3(a): cash at the Liquidation Preference with the make-whole, to
    /// the extent of funds legally available; the rest is owed (§6.5).
    fn put_6_3(
        &self,
        holder: &HolderId,
        shares: Shares,
        funds: Option<Money>,
        lp: &LiquidationPreference,
        view: &dyn BookView,
    ) -> Result<(Outcome, Election), Rejection> {
        let date = view.date();
        let price = lp.total.clone();
        let full = price.mul(&shares.exact());
        let redeemed = match funds {
            Some(f) if f.exact() < full => {
                // Whole shares only as far as the funds go: a share is
                // redeemed for its full price or not at all.
                let max = f
                    .exact()
                    .div(&price)
                    .and_then(|x| x.round_dp(0, units::Rounding::Floor))
                    .map(Shares::new)
                    .map_err(|e| arith_at(self.cite("redemption.put"), e))?;
                if max < shares {
                    max.max(Shares::ZERO)
                } else {
                    shares
                }
            }
            _ => shares,
        };
        let owed = shares
            .checked_sub(redeemed)
            .map_err(|e| arith_at(self.cite("redemption.put"), e))?;
        let cash = units::rounding::nearest_cent(&price.mul(&redeemed.exact()))
            .map_err(|e| arith_at(self.cite("redemption.put"), e))?;
        let price_c = Computed::of_exact(
            "§6.3(a) redemption price per share",
            &price,
            format!("Liquidation Preference as of the date of the Change of Control + dividends that would have accrued from it to the {} anniversary of the Closing", crate::liquidation_terms::ordinal(self.terms.make_whole_anniversary.unwrap_or(0))),
        )
        .input("date of the Change of Control (the redemption date)", lp.date)
        .input_exact("Accreted Value", &lp.accreted_value)
        .input_exact(
            "accrued and unpaid dividends",
            &lp.completed_unpaid.add(&lp.accrued),
        )
        .input_exact(
            format!(
                "make-whole to the {} anniversary",
                crate::liquidation_terms::ordinal(self.terms.make_whole_anniversary.unwrap_or(0))
            ),
            &lp.make_whole,
        )
        .cite(self.cite("redemption.put"))
        .step(lp.computed());
        let mut c = Computed::new(
            format!("§6.3(a) redemption ({holder})"),
            cash,
            "shares redeemed × redemption price per share, to the cent",
        )
        .input("shares surrendered", shares)
        .input(
            "funds legally available",
            funds
                .map(|f| f.to_string())
                .unwrap_or_else(|| "sufficient (none recorded)".into()),
        )
        .input("shares redeemed", redeemed)
        .input("shares unpaid (Mandatory Redemption Obligation)", owed)
        .input("election delivered", date)
        .rounded("nearest cent, half up")
        .cite(self.cite("redemption.put"))
        .step(price_c);
        if !owed.is_zero() {
            c = c.cite(self.cite("redemption.obligation"));
        }
        let mut out = Outcome::none().computed(c);
        if !redeemed.is_zero() {
            out.effects.push(Effect::Cancel {
                security: self.security.clone(),
                holder: holder.clone(),
                shares: redeemed,
                to_treasury: false,
                reason:
                    "CoD §6.3(a) redemption on a Change of Control; §6.4: authorized and unissued"
                        .into(),
            });
        }
        if !cash.is_zero() {
            out.effects.push(Effect::Cash {
                holder: holder.clone(),
                amount: cash,
                reason: format!("CoD §6.3(a) redemption price for {redeemed} shares"),
            });
        }
        if !owed.is_zero() {
            out.warnings.push(terms::Warning {
                code: "W0261",
                clause: self.cite("redemption.obligation"),
                message: format!(
                    "funds legally available ({}) are short of the §6.3 redemption price of {shares} shares ({}): {owed} shares surrendered by {holder} stay unpaid as a Mandatory Redemption Obligation, barring junior and parity dividends, distributions and repurchases until discharged",
                    funds.map(|f| f.to_string()).unwrap_or_default(),
                    full.display()
                ),
            });
        }
        let election = Election {
            date,
            holder: holder.clone(),
            shares,
            choice: ElectionChoice::Redeem,
            redeemed,
            owed,
            price_per_share: Some(price.display()),
            cash,
            delivered: Vec::new(),
        };
        Ok((out, election))
    }

    /// §6.3(b): conversion at the make-whole Conversion Ratio of the date of
    /// the Change of Control (§8.5), into common or the reference property
    /// one common share became (§8.10.1(d)–(e)).
    fn convert_6_3(
        &self,
        holder: &HolderId,
        shares: Shares,
        lp: LiquidationPreference,
        view: &dyn BookView,
    ) -> Result<(Outcome, Election), Rejection> {
        let coc_date = lp.date;
        let ct = self.conversion_terms_from(lp)?;
        let entitlement = shares.exact().mul(&ct.ratio);
        let common = view.common();
        let property: Vec<(String, Exact, String)> = match self.chain.reference_property() {
            Some(props) => props
                .iter()
                .map(|p| {
                    (
                        p.security.clone(),
                        Exact::from_decimal(p.per_share),
                        p.description.clone(),
                    )
                })
                .collect(),
            None => vec![(common.to_string(), Exact::one(), "Common Stock".into())],
        };
        let mut out = Outcome::none();
        out.effects.push(Effect::Cancel {
            security: self.security.clone(),
            holder: holder.clone(),
            shares,
            to_treasury: false,
            reason: "CoD §6.3(b) conversion on a Change of Control; §6.4: authorized and unissued"
                .into(),
        });
        let mut c = Computed::of_exact(
            format!("§6.3(b) conversion ({holder})"),
            &entitlement,
            "shares × Conversion Ratio (Liquidation Preference with the make-whole, as of the date of the Change of Control)",
        )
        .input("shares", shares)
        .input_exact("Conversion Ratio", &ct.ratio)
        .input(
            "deemed effected",
            format!("{coc_date}, the date of the Change of Control (§8.5)"),
        )
        .input("election delivered", view.date())
        .cite(self.cite("redemption.put"))
        .cite(self.cite("conversion.effective-time"))
        .step(ct.ratio_computed.clone());
        let mut total_cash = Money::ZERO;
        let mut delivered = Vec::new();
        for (security, per_share, description) in property {
            let amount = entitlement.mul(&per_share);
            if security == "cash" {
                let cash = units::rounding::nearest_cent(&amount)
                    .map_err(|e| arith_at(self.cite("redemption.put"), e))?;
                total_cash = total_cash
                    .checked_add(cash)
                    .map_err(|e| arith_at(self.cite("redemption.put"), e))?;
                c = c.input(format!("{description}: cash"), cash);
                if !cash.is_zero() {
                    out.effects.push(Effect::Cash {
                        holder: holder.clone(),
                        amount: cash,
                        reason: format!("CoD §6.3(b) conversion into {description}"),
                    });
                }
                continue;
            }
            let sec = SecurityId::new(security.clone());
            let (whole, cash, steps) =
                split_entitlement(&self.terms.citations(), &amount, &sec, coc_date, view)?;
            c = c.input(format!("{description}: whole units of {security}"), whole);
            for s in steps {
                c = c.step(s);
            }
            if !whole.is_zero() {
                out.effects.push(Effect::Issue {
                    security: sec,
                    holder: holder.clone(),
                    shares: whole,
                    from_treasury: false,
                    reason: format!(
                        "CoD §6.3(b) conversion of {shares} {} shares",
                        self.security
                    ),
                });
            }
            if !cash.is_zero() {
                total_cash = total_cash
                    .checked_add(cash)
                    .map_err(|e| arith_at(self.cite("conversion.fractions"), e))?;
                out.effects.push(Effect::Cash {
                    holder: holder.clone(),
                    amount: cash,
                    reason: "CoD §8.9 cash in lieu of a fractional share".into(),
                });
            }
            delivered.push((security, whole));
        }
        out.computations.push(c);
        self.reserve_check(view, &mut out);
        let election = Election {
            date: view.date(),
            holder: holder.clone(),
            shares,
            choice: ElectionChoice::Convert,
            redeemed: Shares::ZERO,
            owed: Shares::ZERO,
            price_per_share: None,
            cash: total_cash,
            delivered,
        };
        Ok((out, election))
    }
}

impl Preferred {
    /// `change-of-control-discharge`: CoD §6.5 "the Mandatory Redemption
    /// Obligation shall be discharged as soon as the Corporation is able":
    /// pays the §6.3(a) shares surrendered and left unpaid, at their
    /// redemption price, out of `funds` (absent: sufficient). Window by
    /// window (oldest first); within a window, short funds pay whole shares
    /// selected pro rata to the shares owed (as §7.1 selects).
    pub fn discharge_control_obligation(
        &mut self,
        funds: Option<Money>,
        view: &dyn BookView,
    ) -> Result<Outcome, Rejection> {
        if self.control_owed_since().is_none() {
            return Err(Rejection::new(
                codes::NOTHING_OWED,
                self.cite("redemption.obligation"),
                "no share surrendered under §6.3(a) is unpaid",
            ));
        }
        let mut left = funds.map(|f| f.exact());
        let mut out = Outcome::none();
        // (window, holder) → shares paid now; computed before any change.
        let mut paid: Vec<(usize, HolderId, Shares)> = Vec::new();
        for (i, w) in self.control_windows.iter().enumerate() {
            let mut owed: Vec<(HolderId, Shares)> = Vec::new();
            for e in w.elections.iter().filter(|e| !e.owed.is_zero()) {
                match owed.iter_mut().find(|(h, _)| *h == e.holder) {
                    Some((_, s)) => {
                        *s = s
                            .checked_add(e.owed)
                            .map_err(|x| arith_at(self.cite("redemption.obligation"), x))?
                    }
                    None => owed.push((e.holder.clone(), e.owed)),
                }
            }
            // Only shares still on the register can be paid for.
            for (h, s) in owed.iter_mut() {
                let held = view.position(h, &self.security);
                if held < *s {
                    *s = held;
                }
            }
            owed.retain(|(_, s)| !s.is_zero());
            if owed.is_empty() {
                continue;
            }
            let price = self
                .control_liquidation_preference(w.change_of_control.date)?
                .total;
            let total = owed
                .iter()
                .fold(Shares::ZERO, |a, (_, s)| a.checked_add(*s).unwrap_or(a));
            let payable = match &left {
                Some(f) => {
                    let n = f
                        .div(&price)
                        .and_then(|x| x.round_dp(0, units::Rounding::Floor))
                        .map(Shares::new)
                        .map_err(|x| arith_at(self.cite("redemption.obligation"), x))?;
                    if n < total {
                        n.max(Shares::ZERO)
                    } else {
                        total
                    }
                }
                None => total,
            };
            let selected = if payable == total {
                owed.clone()
            } else {
                crate::redemption::select_pro_rata(&owed, payable)
                    .map_err(|x| arith_at(self.cite("redemption.procedure"), x))?
                    .into_iter()
                    .collect()
            };
            for (h, n) in selected {
                if n.is_zero() {
                    continue;
                }
                let amount = price.mul(&n.exact());
                let cash = units::rounding::nearest_cent(&amount)
                    .map_err(|x| arith_at(self.cite("redemption.obligation"), x))?;
                if let Some(f) = left.as_mut() {
                    *f = f.sub(&amount);
                }
                out.effects.push(Effect::Cancel {
                    security: self.security.clone(),
                    holder: h.clone(),
                    shares: n,
                    to_treasury: false,
                    reason: "CoD §6.5 discharge of the §6.3(a) redemption; §6.4: authorized and unissued".into(),
                });
                out.effects.push(Effect::Cash {
                    holder: h.clone(),
                    amount: cash,
                    reason: format!("CoD §6.5 discharge: §6.3(a) redemption price for {n} shares"),
                });
                out.computations.push(
                    Computed::new(
                        format!("§6.5 discharge ({h})"),
                        cash,
                        "shares paid × §6.3(a) redemption price, to the cent",
                    )
                    .input("shares paid", n)
                    .input_exact("redemption price per share", &price)
                    .input("date of the Change of Control", w.change_of_control.date)
                    .rounded("nearest cent, half up")
                    .cite(self.cite("redemption.put"))
                    .cite(self.cite("redemption.obligation")),
                );
                paid.push((i, h, n));
            }
        }
        // Record: reduce the owed shares, earliest elections first.
        for (i, h, mut n) in paid {
            if let Some(w) = self.control_windows.get_mut(i) {
                for e in w.elections.iter_mut().filter(|e| e.holder == h) {
                    let take = if e.owed < n { e.owed } else { n };
                    e.owed = e.owed.checked_sub(take).unwrap_or(Shares::ZERO);
                    e.redeemed = e.redeemed.checked_add(take).unwrap_or(e.redeemed);
                    n = n.checked_sub(take).unwrap_or(Shares::ZERO);
                }
            }
        }
        if self.control_owed_since().is_some() {
            out.warnings.push(terms::Warning {
                code: "W0261",
                clause: self.cite("redemption.obligation"),
                message: "the Mandatory Redemption Obligation is still not fully discharged".into(),
            });
        }
        Ok(out)
    }
}
