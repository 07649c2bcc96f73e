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
use terms::{BookView, Effect, HolderId, Outcome, Rejection, SecurityId};
use units::{Computed, Exact, Money, Price, Shares};

/// CoD §8.9: the Market Price "on the business day immediately preceding the
/// date on which such shares ... are deemed to have been converted"; a
/// missing price is a Rejection naming the date and the Board's fair-value
/// fallback (CoD §2 "Market Price", last sentence).
pub fn cash_in_lieu_price(
    common: &SecurityId,
    deemed: Date,
    view: &dyn BookView,
) -> Result<(Price, Computed), Rejection> {
    let day = previous_business_day(deemed);
    match view.market_price(common, day) {
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
            "add the price for {day}, or record the Board's good-faith fair value (CoD §2 \"Market Price\")"
        ))),
    }
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
    .input("fraction", fraction.display())
    .input("Market Price", price)
    .rounded("nearest cent, half up")
    .cite(cod("8.9"))
    .step(pc);
    Ok((whole, r.cash, vec![c]))
}

impl Preferred {
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
        // §8.1 last sentence: called shares stop being convertible at the
        // close of business before the redemption date.
        let called = self.called_shares(holder, date);
        let free = held.checked_sub(called).unwrap_or(Shares::ZERO);
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
        let common = view.common();
        let (whole, cash, mut cash_c) = split_entitlement(&entitlement, &common, date, view)?;
        let new_whole = whole
            .checked_sub(prior.whole_issued)
            .map_err(|e| arith("8.9", e))?;
        let cash_delta = cash
            .checked_sub(prior.cash_paid)
            .map_err(|e| arith("8.9", e))?;

        let mut out = Outcome::none();
        self.reserve_check(view, &mut out);
        out.effects.push(Effect::Cancel {
            security: self.security.clone(),
            holder: holder.clone(),
            shares,
            to_treasury: false,
            reason: "CoD §8.1 conversion; §6.4: reacquired shares become authorized and unissued"
                .into(),
        });
        if !new_whole.is_zero() {
            out.effects.push(Effect::Issue {
                security: common.clone(),
                holder: holder.clone(),
                shares: new_whole,
                from_treasury: false,
                reason: format!("CoD §8.1 conversion of {shares} {} shares", self.security),
            });
        }
        if !cash_delta.is_zero() {
            out.effects.push(Effect::Cash {
                holder: holder.clone(),
                amount: cash_delta,
                reason: if prior.date.is_some() {
                    "CoD §8.9 cash in lieu, trued up for the holder's conversions of the day (aggregated)".into()
                } else {
                    "CoD §8.9 cash in lieu of a fractional share".into()
                },
            });
        }
        let mut c = Computed::new(
            format!("common shares on conversion ({holder})"),
            entitlement.display(),
            "preferred shares converted today (aggregated, §8.9) × Conversion Ratio",
        )
        .input("preferred shares (this line)", shares)
        .input("preferred shares (holder's total today)", total_pref)
        .input("Conversion Ratio", ct.ratio.display())
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
                whole_issued: whole,
                cash_paid: cash,
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
