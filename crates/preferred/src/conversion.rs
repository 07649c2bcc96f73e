//! Conversion at the holder's option, and its fractions.
//!
//! A conversion is deemed effected "immediately prior to the close of
//! business on the date on which the certificates ... shall have been
//! surrendered", so it uses the Conversion Ratio of the directive's date.
//! Whole common shares are issued and the fraction is treated as the term
//! file's `fractions` says (cash at the Market Price of the business day
//! before or at the board's fair value, or rounded), with every share a
//! holder converts that day aggregated: a later line of the same day trues
//! up the whole shares and the cash of the earlier ones.

use crate::state::{previous_business_day, Preferred, SameDay};
use crate::terms::{ConversionTerms as TermsOfConversion, FractionValue, Fractions};
use calendar::Date;
use std::collections::BTreeMap;
use terms::Citations;
use terms::{BookView, Effect, HolderId, Outcome, Rejection, SecurityId};
use units::{Computed, Exact, Money, Price, Shares};

/// The Market Price "on the business day immediately preceding the date on
/// which such shares ... are deemed to have been converted"; a missing
/// price is a Rejection naming the date and the Board's fair-value fallback
/// (the definition of Market Price).
///
/// "Business day" is the book's (`option business-days`; banking days by
/// default). A banking day on which the exchange was closed (Good Friday)
/// has no trade of its own: unless the Board valued that day, its Market
/// Price is "the price of the last trade" reported by then, the close of
/// the last trading day before it (docs/interpretations.md).
pub fn cash_in_lieu_price(
    terms: &Citations,
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
            .cite(terms.cite("market-price.last-trade"))
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
                .map_err(|e| arith_in(terms, e))?;
            Ok((price, c))
        }
        Err(gap) => Err(Rejection::new(
            "R0205",
            terms.cite("conversion.fractions"),
            format!(
                "cash in lieu of a fractional share needs the Market Price of {common} on {day}, the business day before the conversion: {gap}"
            ),
        )
        .with_help(format!(
            "add the price for {}, or record the Board's good-faith fair value ({})",
            gap.missing
                .iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join(", "),
            terms.cite("market-price")
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

fn arith_in(c: &Citations, e: units::UnitsError) -> Rejection {
    Rejection::new(
        "R0249",
        c.cite("conversion.fractions"),
        format!("arithmetic: {e}"),
    )
}

/// Whole shares and cash in lieu for an exact entitlement, at the Market
/// Price of the business day before `deemed` (the treatment of a term file
/// with `fractions = "cash"` and `fraction_value = "market-price"`), citing
/// the series' own fractions clause and Market Price definition.
pub(crate) fn split_entitlement(
    citations: &terms::Citations,
    entitlement: &Exact,
    common: &SecurityId,
    deemed: Date,
    view: &dyn BookView,
) -> Result<(Shares, Money, Vec<Computed>), Rejection> {
    split_fraction(
        citations,
        Fractions::Cash,
        Some(FractionValue::MarketPrice),
        None,
        entitlement,
        common,
        deemed,
        view,
    )
}

/// Whole shares and the fraction of an exact entitlement, as `fractions`
/// says: cash in lieu at `value` (the Market Price of the business day
/// before `deemed`, or the board's fair value, else `offering` on a
/// conversion on a public offering), or the entitlement rounded to whole
/// shares.
#[allow(clippy::too_many_arguments)]
pub(crate) fn split_fraction(
    cit: &Citations,
    fractions: Fractions,
    value: Option<FractionValue>,
    offering: Option<Price>,
    entitlement: &Exact,
    common: &SecurityId,
    deemed: Date,
    view: &dyn BookView,
) -> Result<(Shares, Money, Vec<Computed>), Rejection> {
    let (whole, fraction) = entitlement.trunc_fract();
    let whole_of = |x: &Exact, mode: units::Rounding| {
        x.round_dp(0, mode)
            .map(Shares::new)
            .map_err(|e| arith_in(cit, e))
    };
    let whole = whole_of(&whole, units::Rounding::TowardZero)?;
    if fraction.is_zero() {
        return Ok((whole, Money::ZERO, Vec::new()));
    }
    let rounded = |mode: units::Rounding, words: &str| -> Result<_, Rejection> {
        let n = whole_of(entitlement, mode)?;
        let c = Computed::new("whole shares for a fraction", n, words)
            .input_exact("entitlement", entitlement)
            .input_exact("fraction", &fraction)
            .cite(cit.cite("conversion.fractions"));
        Ok((n, Money::ZERO, vec![c]))
    };
    let (price, pc) = match (fractions, value) {
        (Fractions::Floor, _) => {
            return rounded(units::Rounding::TowardZero, "the fraction dropped")
        }
        (Fractions::Normal, _) => {
            return rounded(
                units::Rounding::HalfUp,
                "to the nearest whole share, a half up",
            )
        }
        (Fractions::Ceiling, _) => {
            return rounded(units::Rounding::AwayFromZero, "the next whole share")
        }
        (Fractions::Cash, Some(FractionValue::FairValue)) => {
            match (offering, view.board_fair_value(common, deemed)) {
                (Some(p), _) => (
                    p,
                    Computed::new("fair market value of a share", p, "the price per share to the public in the offering")
                        .cite(cit.cite("conversion.fractions")),
                ),
                (None, Some(p)) => (
                    p,
                    Computed::new("fair market value of a share", p, "as determined by the Board")
                        .input("date", deemed)
                        .cite(cit.cite("conversion.fractions")),
                ),
                (None, None) => {
                    return Err(Rejection::new(
                        "R0205",
                        cit.cite("conversion.fractions"),
                        format!("cash in lieu of a fractional share needs the fair market value of {common} on {deemed}, as determined by the Board"),
                    )
                    .with_help("record the Board's determination with a `fair-value` directive on or before the conversion"))
                }
            }
        }
        (Fractions::Cash, _) => cash_in_lieu_price(cit, common, deemed, view)?,
    };
    let r = units::rounding::whole_shares_cash_in_lieu(entitlement, price, None)
        .map_err(|e| arith_in(cit, e))?;
    let c = Computed::new(
        "cash in lieu of a fractional share",
        r.cash,
        match value {
            Some(FractionValue::FairValue) => "fraction × fair market value of a share",
            _ => "fraction × Market Price on the business day before the deemed conversion date",
        },
    )
    .input_exact("fraction", &fraction)
    .input(
        match value {
            Some(FractionValue::FairValue) => "fair market value",
            _ => "Market Price",
        },
        price,
    )
    .rounded("nearest cent, half up")
    .cite(cit.cite("conversion.fractions"))
    .step(pc);
    Ok((whole, r.cash, vec![c]))
}

/// What a conversion delivers for an entitlement counted in "shares of
/// Common Stock" (the Conversion Ratio's unit).
#[derive(Clone, Debug, Default)]
pub struct Delivery {
    /// Whole units per security: the common, or after a reorganization each
    /// security of the reference property.
    pub units: BTreeMap<String, Shares>,
    /// Cash: a `cash` part of the reference property plus cash in lieu of
    /// fractions, each to the cent.
    pub cash: Money,
    /// The reference property's `cash` part alone (not cash in lieu).
    pub property_cash: Money,
    pub steps: Vec<Computed>,
    /// (what, value) lines for the conversion's computation.
    pub lines: Vec<(String, String)>,
}

impl Preferred {
    /// The Conversion Ratio counts "shares of Common Stock", and after a
    /// reclassification, consolidation or merger into other property the
    /// conversion "shall entitle the holder to receive the aggregate number
    /// of shares of Common Stock or other securities ... (or shares of any
    /// security into which such shares of Common Stock have been ... merged
    /// ...)" a holder of that many common shares would have received: each
    /// unit becomes the reference property the chain recorded. Whole units
    /// of each security are delivered with the fraction treated as the term
    /// file's `fractions` says; a `cash` part is paid to the cent. Before
    /// any reorganization the unit is one share of common.
    pub fn deliver(
        &self,
        entitlement: &Exact,
        deemed: Date,
        view: &dyn BookView,
    ) -> Result<Delivery, Rejection> {
        self.deliver_at(entitlement, deemed, view, None)
    }

    /// [`Preferred::deliver`] on a conversion on a public offering at
    /// `offering` per share (the fair value of a fraction, when the term
    /// file values fractions at fair value).
    pub fn deliver_at(
        &self,
        entitlement: &Exact,
        deemed: Date,
        view: &dyn BookView,
        offering: Option<Price>,
    ) -> Result<Delivery, Rejection> {
        let cit = self.terms.citations();
        let conv: &TermsOfConversion = &self.terms.conversion;
        let fail = |key: &str, e: units::UnitsError| crate::state::arith_at(&self.terms, key, e);
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
                let cash = units::rounding::nearest_cent(&amount)
                    .map_err(|e| fail("anti-dilution.merger", e))?;
                d.cash = d
                    .cash
                    .checked_add(cash)
                    .map_err(|e| fail("anti-dilution.merger", e))?;
                d.property_cash = d
                    .property_cash
                    .checked_add(cash)
                    .map_err(|e| fail("anti-dilution.merger", e))?;
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
            let (whole, cash, steps) = split_fraction(
                &cit,
                conv.fractions,
                conv.fraction_value,
                offering,
                &amount,
                &sec,
                deemed,
                view,
            )?;
            d.cash = d
                .cash
                .checked_add(cash)
                .map_err(|e| fail("conversion.fractions", e))?;
            d.lines.push((
                format!(
                    "{description}: whole units of {security} ({} per common share)",
                    per_share.display()
                ),
                whole.to_string(),
            ));
            d.steps.extend(steps);
            let slot = d.units.entry(security).or_insert(Shares::ZERO);
            *slot = slot
                .checked_add(whole)
                .map_err(|e| fail("conversion.fractions", e))?;
        }
        Ok(d)
    }

    /// The right to convert: "the holders ... shall have the right, at any time and from
    /// time to time, at such holder's option, to convert any or all
    /// outstanding shares (and fractional shares)".
    pub fn convert(
        &mut self,
        holder: &HolderId,
        shares: Shares,
        view: &dyn BookView,
    ) -> Result<Outcome, Rejection> {
        let date = view.date();
        let t = &self.terms;
        let arith = |e: units::UnitsError| crate::state::arith_at(t, "conversion.fractions", e);
        if !view.holder_exists(holder) {
            return Err(Rejection::new(
                "R0201",
                t.cite("conversion.procedure"),
                format!("`{holder}` is not a declared holder"),
            )
            .with_help("declare the holder, or check the spelling of its id"));
        }
        if shares.is_zero() || shares.is_negative() {
            return Err(Rejection::new(
                "R0203",
                t.cite("conversion.procedure"),
                format!("a conversion must surrender a positive number of shares, not {shares}"),
            ));
        }
        let held = view.position(holder, &self.security);
        if shares > held {
            return Err(Rejection::new(
                "R0202",
                t.cite("conversion.right"),
                format!(
                    "{holder} holds {held} shares of {}, cannot convert {shares}",
                    self.security
                ),
            ));
        }
        // Shares surrendered for redemption on a change of control and not
        // paid for keep only the right to the redemption price.
        let ceased = self.rights_ceased(holder, held);
        let live = held.checked_sub(ceased).unwrap_or(Shares::ZERO);
        if shares > live {
            return Err(Rejection::new(
                "R0209",
                t.cite("redemption.rights-cease"),
                format!(
                    "{ceased} of {holder}'s {held} shares were surrendered for redemption under {} and are unpaid: every right in them but the right to the redemption price has ceased, so at most {live} can be converted",
                    t.sect("redemption.change-of-control")
                ),
            )
            .with_help(format!(
                "the unpaid shares are paid by `change-of-control-discharge` ({})",
                t.sect("redemption.obligation")
            )));
        }
        // Called shares stop being convertible at the close of business
        // before the redemption date.
        let called = self.called_shares(holder, date);
        let free = live.checked_sub(called).unwrap_or(Shares::ZERO);
        if shares > free {
            return Err(Rejection::new(
                "R0204",
                t.cite("conversion.right"),
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
        let total_pref = prior.preferred.checked_add(shares).map_err(arith)?;
        let entitlement = total_pref.exact().mul(&ct.ratio);
        // What the day's total delivers (common, or the reference property
        // after a reorganization), less what earlier lines of the day
        // delivered (the fractions are counted on the day's total).
        let delivery = self.deliver(&entitlement, date, view)?;
        let mut new_units: Vec<(String, Shares)> = Vec::new();
        for (security, whole) in &delivery.units {
            let before = prior
                .whole_issued
                .get(security)
                .copied()
                .unwrap_or(Shares::ZERO);
            new_units.push((security.clone(), whole.checked_sub(before).map_err(arith)?));
        }
        let cash_delta = delivery.cash.checked_sub(prior.cash_paid).map_err(arith)?;
        let reorganized = self.chain.reference_property().is_some();

        let mut out = Outcome::none();
        if !reorganized {
            // The reserve concerns the Corporation's own common.
            self.reserve_check(view, &mut out);
        }
        out.effects.push(Effect::Cancel {
            security: self.security.clone(),
            holder: holder.clone(),
            shares,
            to_treasury: false,
            reason: format!(
                "{} conversion; {}: reacquired shares become authorized and unissued",
                t.cite("conversion.right"),
                t.sect("issuance.reacquired")
            ),
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
                        "{}, {}: conversion of {shares} {} shares into the reference property",
                        t.cite("conversion.right"),
                        t.sect("anti-dilution.merger"),
                        self.security
                    )
                } else {
                    format!(
                        "{} conversion of {shares} {} shares",
                        t.cite("conversion.right"),
                        self.security
                    )
                },
            });
        }
        if !cash_delta.is_zero() {
            out.effects.push(Effect::Cash {
                holder: holder.clone(),
                amount: cash_delta,
                reason: if prior.date.is_some() {
                    format!(
                        "{} cash in lieu, trued up for the holder's conversions of the day (aggregated)",
                        t.cite("conversion.fractions")
                    )
                } else if !delivery.property_cash.is_zero() {
                    format!(
                        "{}, {}: the cash part of the reference property, with any cash in lieu of fractions ({})",
                        t.cite("conversion.right"),
                        t.sect("anti-dilution.merger"),
                        t.sect("conversion.fractions")
                    )
                } else {
                    format!(
                        "{} cash in lieu of a fractional share",
                        t.cite("conversion.fractions")
                    )
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
            format!(
                "preferred shares converted today (aggregated, {}) × Conversion Ratio",
                t.sect("conversion.fractions")
            ),
        )
        .input("preferred shares (this line)", shares)
        .input("preferred shares (holder's total today)", total_pref)
        .input_exact("Conversion Ratio", &ct.ratio)
        .input("whole shares (total today)", whole)
        .input("whole shares issued by this line", new_whole)
        .input(
            "deemed effected",
            format!(
                "{date}, immediately prior to the close of business ({})",
                t.sect("conversion.effective-time")
            ),
        )
        .cite(t.cite("conversion.right"))
        .cite(t.cite("conversion.effective-time"))
        .cite(t.cite("conversion.fractions"))
        .step(ct.ratio_computed);
        if reorganized {
            c = c.cite(t.cite("anti-dilution.proportional"));
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
        // A notice of election to convert ends the right to redeem the
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
