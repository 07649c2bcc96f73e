//! CoD §8.1, §8.3–§8.9: conversion at the holder's option.
//!
//! A conversion is deemed effected "immediately prior to the close of
//! business on the date on which the certificates ... shall have been
//! surrendered" (§8.5), so it uses the Liquidation Preference of the
//! directive's date. Whole common shares are issued and the fraction is paid
//! in cash at the Market Price of the business day before (§8.9), with every
//! share a holder converts that day aggregated: a later line of the same day
//! trues up the whole shares and the cash of the earlier ones.

use crate::state::{arith, cod, previous_business_day, Preferred, SameDay};
use calendar::Date;
use std::collections::BTreeMap;
use terms::{BookView, Effect, HolderId, Outcome, Rejection, SecurityId};
use units::{Computed, Exact, Money, Price, Shares};

/// CoD §8.9: the Market Price "on the business day immediately preceding the
/// date on which such shares ... are deemed to have been converted"; a
/// missing price is a Rejection naming the date and the Board's fair-value
/// fallback (CoD §2 "Market Price", last sentence).
///
/// "Business day" is the book's (`option business-days`; banking days by
/// default). A banking day on which the exchange was closed (Good Friday)
/// has no trade of its own: unless the Board valued that day, its Market
/// Price is "the price of the last trade" reported by then, the close of
/// the last trading day before it (docs/interpretations.md).
pub fn cash_in_lieu_price(
    common: &SecurityId,
    deemed: Date,
    view: &dyn BookView,
) -> Result<(Price, Computed), Rejection> {
    let day = previous_business_day(view, deemed);
    let found = view.market_price(common, day).or_else(|gap| {
        if view.is_trading_day(day) {
            return Err(gap);
        }
        let last = previous_trading_day(view, day);
        view.market_price(common, last).map(|(p, c)| {
            let c = Computed::of_exact(
                "Market Price",
                &p,
                "the price of the last trade reported by that day (the exchange was closed)",
            )
            .input("business day", day)
            .input("last trading day before it", last)
            .cite(cod("2 \"Market Price\" (i)"))
            .step(c);
            (p, c)
        })
    });
    match found {
        Ok((p, c)) => {
            let price = p
                .to_decimal_exact()
                .map(Price::new)
                .or_else(|_| units::rounding::price_nearest_cent(&p))
                .map_err(|e| arith("8.9", e))?;
            Ok((price, c))
        }
        Err(gap) => Err(Rejection::new(
            "R0205",
            cod("8.9"),
            format!(
                "cash in lieu of a fractional share needs the Market Price of {common} on {day}, the business day before the conversion: {gap}"
            ),
        )
        .with_help(format!(
            "add the price for {}, or record the Board's good-faith fair value (CoD §2 \"Market Price\")",
            gap.missing
                .iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

/// The last trading day strictly before `d`, by the book's calendar.
fn previous_trading_day(view: &dyn BookView, d: Date) -> Date {
    let mut cur = d;
    // Exchange closures never run past a few days; the bound keeps a view
    // that reports no trading day at all from looping.
    for _ in 0..31 {
        match cur.yesterday() {
            Ok(p) => cur = p,
            Err(_) => return cur,
        }
        if view.is_trading_day(cur) {
            return cur;
        }
    }
    cur
}

/// Whole shares and cash in lieu for an exact entitlement.
pub(crate) fn split_entitlement(
    entitlement: &Exact,
    common: &SecurityId,
    deemed: Date,
    view: &dyn BookView,
) -> Result<(Shares, Money, Vec<Computed>), Rejection> {
    let (whole, fraction) = entitlement.trunc_fract();
    let whole = Shares::new(
        whole
            .round_dp(0, units::Rounding::TowardZero)
            .map_err(|e| arith("8.9", e))?,
    );
    if fraction.is_zero() {
        return Ok((whole, Money::ZERO, Vec::new()));
    }
    let (price, pc) = cash_in_lieu_price(common, deemed, view)?;
    let r = units::rounding::whole_shares_cash_in_lieu(entitlement, price, None)
        .map_err(|e| arith("8.9", e))?;
    let c = Computed::new(
        "cash in lieu of a fractional share",
        r.cash,
        "fraction × Market Price on the business day before the deemed conversion date",
    )
    .input_exact("fraction", &fraction)
    .input("Market Price", price)
    .rounded("nearest cent, half up")
    .cite(cod("8.9"))
    .step(pc);
    Ok((whole, r.cash, vec![c]))
}

/// What a conversion delivers for an entitlement counted in "shares of
/// Common Stock" (the Conversion Ratio's unit).
#[derive(Clone, Debug, Default)]
pub struct Delivery {
    /// Whole units per security: the common, or after a reorganization each
    /// security of the reference property (CoD §8.10.1(d)–(e)).
    pub units: BTreeMap<String, Shares>,
    /// Cash: a `cash` part of the reference property plus cash in lieu of
    /// fractions (§8.9), each to the cent.
    pub cash: Money,
    /// The reference property's `cash` part alone (not cash in lieu).
    pub property_cash: Money,
    pub steps: Vec<Computed>,
    /// (what, value) lines for the conversion's computation.
    pub lines: Vec<(String, String)>,
}

impl Preferred {
    /// CoD §8.1 with §8.10.1(d)–(e): the Conversion Ratio counts "shares of
    /// Common Stock", and after a reclassification, consolidation or merger
    /// into other property the conversion "shall entitle the holder to
    /// receive the aggregate number of shares of Common Stock or other
    /// securities ... (or shares of any security into which such shares of
    /// Common Stock have been ... merged ...)" a holder of that many common
    /// shares would have received: each unit becomes the reference property
    /// the chain recorded. Whole units of each security are delivered with
    /// cash in lieu of the fraction at that security's Market Price of the
    /// business day before `deemed` (§8.9); a `cash` part is paid to the
    /// cent. Before any reorganization the unit is one share of common.
    pub fn deliver(
        &self,
        entitlement: &Exact,
        deemed: Date,
        view: &dyn BookView,
    ) -> Result<Delivery, Rejection> {
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
        let mut d = Delivery::default();
        for (security, per_share, description) in property {
            let amount = entitlement.mul(&per_share);
            if security == "cash" {
                let cash =
                    units::rounding::nearest_cent(&amount).map_err(|e| arith("8.10.1", e))?;
                d.cash = d.cash.checked_add(cash).map_err(|e| arith("8.10.1", e))?;
                d.property_cash = d
                    .property_cash
                    .checked_add(cash)
                    .map_err(|e| arith("8.10.1", e))?;
                d.lines.push((
                    format!(
                        "{description}: cash ({} per common share)",
                        per_share.display()
                    ),
                    cash.to_string(),
                ));
                continue;
            }
            let sec = SecurityId::new(security.clone());
            let (whole, cash, steps) = split_entitlement(&amount, &sec, deemed, view)?;
            d.cash = d.cash.checked_add(cash).map_err(|e| arith("8.9", e))?;
            d.lines.push((
                format!(
                    "{description}: whole units of {security} ({} per common share)",
                    per_share.display()
                ),
                whole.to_string(),
            ));
            d.steps.extend(steps);
            let slot = d.units.entry(security).or_insert(Shares::ZERO);
            *slot = slot.checked_add(whole).map_err(|e| arith("8.9", e))?;
        }
        Ok(d)
    }

    /// CoD §8.1: "the holders ... shall have the right, at any time and from
    /// time to time, at such holder's option, to convert any or all
    /// outstanding shares (and fractional shares)".
    pub fn convert(
        &mut self,
        holder: &HolderId,
        shares: Shares,
        view: &dyn BookView,
    ) -> Result<Outcome, Rejection> {
        let date = view.date();
        if !view.holder_exists(holder) {
            return Err(Rejection::new(
                "R0201",
                cod("8.3"),
                format!("`{holder}` is not a declared holder"),
            )
            .with_help("declare the holder, or check the spelling of its id"));
        }
        if shares.is_zero() || shares.is_negative() {
            return Err(Rejection::new(
                "R0203",
                cod("8.3"),
                format!("a conversion must surrender a positive number of shares, not {shares}"),
            ));
        }
        let held = view.position(holder, &self.security);
        if shares > held {
            return Err(Rejection::new(
                "R0202",
                cod("8.1"),
                format!(
                    "{holder} holds {held} shares of {}, cannot convert {shares}",
                    self.security
                ),
            ));
        }
        // §7.3: shares surrendered for redemption under §6.3(a) and not paid
        // for keep only the right to the redemption price.
        let ceased = self.rights_ceased(holder, held);
        let live = held.checked_sub(ceased).unwrap_or(Shares::ZERO);
        if shares > live {
            return Err(Rejection::new(
                "R0209",
                cod("7.3"),
                format!(
                    "{ceased} of {holder}'s {held} shares were surrendered for redemption under §6.3(a) and are unpaid: every right in them but the right to the redemption price has ceased, so at most {live} can be converted"
                ),
            )
            .with_help("the unpaid shares are paid by `change-of-control-discharge` (§6.5)"));
        }
        // §8.1 last sentence: called shares stop being convertible at the
        // close of business before the redemption date.
        let called = self.called_shares(holder, date);
        let free = live.checked_sub(called).unwrap_or(Shares::ZERO);
        if shares > free {
            return Err(Rejection::new(
                "R0204",
                cod("8.1"),
                format!(
                    "{called} of {holder}'s shares are called for redemption on or before {date}; the right to convert them ended at the close of business the day before the redemption date"
                ),
            )
            .with_help(format!("at most {free} shares can be converted")));
        }
        let ct = self.conversion_terms(date)?;
        let prior = match self.same_day.get(holder) {
            Some(s) if s.date == Some(date) => s.clone(),
            _ => SameDay::default(),
        };
        let total_pref = prior
            .preferred
            .checked_add(shares)
            .map_err(|e| arith("8.9", e))?;
        let entitlement = total_pref.exact().mul(&ct.ratio);
        // What the day's total delivers (common, or the reference property
        // after a reorganization), less what earlier lines of the day
        // delivered (§8.9 aggregation).
        let delivery = self.deliver(&entitlement, date, view)?;
        let mut new_units: Vec<(String, Shares)> = Vec::new();
        for (security, whole) in &delivery.units {
            let before = prior
                .whole_issued
                .get(security)
                .copied()
                .unwrap_or(Shares::ZERO);
            new_units.push((
                security.clone(),
                whole.checked_sub(before).map_err(|e| arith("8.9", e))?,
            ));
        }
        let cash_delta = delivery
            .cash
            .checked_sub(prior.cash_paid)
            .map_err(|e| arith("8.9", e))?;
        let reorganized = self.chain.reference_property().is_some();

        let mut out = Outcome::none();
        if !reorganized {
            // §8.7 concerns the Corporation's own common.
            self.reserve_check(view, &mut out);
        }
        out.effects.push(Effect::Cancel {
            security: self.security.clone(),
            holder: holder.clone(),
            shares,
            to_treasury: false,
            reason: "CoD §8.1 conversion; §6.4: reacquired shares become authorized and unissued"
                .into(),
        });
        for (security, n) in &new_units {
            if n.is_zero() {
                continue;
            }
            out.effects.push(Effect::Issue {
                security: SecurityId::new(security.clone()),
                holder: holder.clone(),
                shares: *n,
                from_treasury: false,
                reason: if reorganized {
                    format!(
                        "CoD §8.1, §8.10.1(e): conversion of {shares} {} shares into the reference property",
                        self.security
                    )
                } else {
                    format!("CoD §8.1 conversion of {shares} {} shares", self.security)
                },
            });
        }
        if !cash_delta.is_zero() {
            out.effects.push(Effect::Cash {
                holder: holder.clone(),
                amount: cash_delta,
                reason: if prior.date.is_some() {
                    "CoD §8.9 cash in lieu, trued up for the holder's conversions of the day (aggregated)".into()
                } else if !delivery.property_cash.is_zero() {
                    "CoD §8.1, §8.10.1(e): the cash part of the reference property, with any cash in lieu of fractions (§8.9)".into()
                } else {
                    "CoD §8.9 cash in lieu of a fractional share".into()
                },
            });
        }
        let whole = delivery
            .units
            .get(view.common().as_str())
            .copied()
            .unwrap_or(Shares::ZERO);
        let new_whole = new_units
            .iter()
            .find(|(s, _)| s == view.common().as_str())
            .map(|(_, n)| *n)
            .unwrap_or(Shares::ZERO);
        let mut cash_c = delivery.steps.clone();
        let mut c = Computed::of_exact(
            format!("common shares on conversion ({holder})"),
            &entitlement,
            "preferred shares converted today (aggregated, §8.9) × Conversion Ratio",
        )
        .input("preferred shares (this line)", shares)
        .input("preferred shares (holder's total today)", total_pref)
        .input_exact("Conversion Ratio", &ct.ratio)
        .input("whole shares (total today)", whole)
        .input("whole shares issued by this line", new_whole)
        .input(
            "deemed effected",
            format!("{date}, immediately prior to the close of business (§8.5)"),
        )
        .cite(cod("8.1"))
        .cite(cod("8.5"))
        .cite(cod("8.9"))
        .step(ct.ratio_computed);
        if reorganized {
            c = c.cite(cod("8.10.1"));
            for (what, value) in &delivery.lines {
                c = c.input(what.clone(), value.clone());
            }
        }
        for s in cash_c.drain(..) {
            c = c.step(s);
        }
        out.computations.push(c);

        // Mutate only now that everything is validated.
        self.same_day.retain(|_, s| s.date == Some(date));
        self.same_day.insert(
            holder.clone(),
            SameDay {
                date: Some(date),
                preferred: total_pref,
                whole_issued: delivery.units.clone(),
                cash_paid: delivery.cash,
            },
        );
        // §8.6: a notice of election to convert ends the right to redeem the
        // shares converted; converted shares are taken from the called ones
        // first (a holder converts called shares to keep their value).
        let mut left = shares;
        for call in self
            .calls
            .iter_mut()
            .filter(|c| c.status == crate::state::CallStatus::Pending)
        {
            if let Some(sel) = call.selected.get_mut(holder) {
                let take = if *sel < left { *sel } else { left };
                *sel = sel.checked_sub(take).unwrap_or(Shares::ZERO);
                left = left.checked_sub(take).unwrap_or(Shares::ZERO);
            }
        }
        Ok(out)
    }
}
