//! `exercise` exercise, `fractional-shares` fractional shares, and the exercise what-if.
//!
//! [`Warrant::quote`] computes everything an exercise would do — the shares
//! issued, the payment required, the cash for fractions, the new Warrant
//! for the unexercised balance, the holder-of-record date — without
//! changing the warrant. The `exercise` and `net-exercise` events commit a
//! quote; the CLI's what-if prints one. So the what-if and the event can
//! never disagree.
//!
//! `fractional-shares` is read as follows (docs/interpretations.md, "`fractional-shares` and net exercise"):
//! a fractional *Warrant Share* (the tenths `share-adjustment` creates) is never exercised;
//! on the complete exercise — the exercise "for the largest number of whole
//! shares then called for" — it is paid "the excess of the value of such
//! fractional share ... over the Warrant Price for such fractional share",
//! whether the exercise is for cash or net. The fraction the net-exercise
//! formula produces (CS) is governed by the term setting
//! `exercise.net_exercise_fraction`.

use crate::codes::*;
use crate::event::Payment;
use crate::event::ShareCount;
use crate::state::ExerciseRecord;
use crate::state::{add_days, Warrant};
use crate::terms::{NetExerciseFraction, ReplacementFraction};
use calendar::Date;
use serde::Serialize;
use terms::{BookView, Effect, HolderId, InstrumentId, Outcome, Rejection, SecurityId};
use units::rounding::{nearest_cent, price_nearest_cent, whole_shares_cash_in_lieu};
use units::{Clause, Computed, Decimal, Exact, Money, Price, Rounding, Shares};

/// How the Warrant Price is paid.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Method {
    /// Cash, check, wire or cancellation of indebtedness (`exercise` (ii)).
    Cash,
    /// The net-exercise election (`exercise`, CS = WCS × (CMP − WP) / CMP).
    Net,
}

impl Method {
    pub fn describe(self) -> &'static str {
        match self {
            Method::Cash => "exercise",
            Method::Net => "net exercise",
        }
    }
}

/// Cash paid for a fractional share.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FractionCash {
    /// The fraction, exactly.
    pub fraction: String,
    /// The value of one share used.
    pub value_per_share: Price,
    /// Where the value came from.
    pub value_source: String,
    /// The Warrant Price deducted per share (`fractional-shares`), if any.
    pub less_warrant_price: Option<Price>,
    /// The cash, to the cent.
    pub cash: Money,
    pub clause: Clause,
}

/// Everything one exercise does; a pure result.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ExerciseQuote {
    pub warrant: InstrumentId,
    pub date: Date,
    pub method: Method,
    pub holder: HolderId,
    /// Whose name the shares are issued in (`exercise` "such other name").
    pub recipient: HolderId,
    /// The security delivered (the book's common stock).
    pub security: SecurityId,
    /// Warrant Shares under the holder's certificate before the exercise.
    pub held_before: Shares,
    /// WCS: Warrant Shares exercised (always whole).
    pub warrant_shares_exercised: Shares,
    /// True when the exercise is for the largest number of whole shares.
    pub complete: bool,
    pub warrant_price: Price,
    /// Cash exercise: Warrant Price × shares, to the cent.
    pub aggregate_price: Option<Money>,
    /// Net exercise: the Current Market Price used.
    pub current_market_price: Option<Price>,
    /// Whole shares of common issued.
    pub common_issued: Shares,
    /// After a `reorganization` transaction: the reference property (security or `cash`,
    /// amount) delivered instead of common.
    pub property: Vec<(String, Decimal)>,
    /// `fractional-shares` cash for the fractional Warrant Share.
    pub fraction_cash: Option<FractionCash>,
    /// Cash for the fraction of CS (net exercise), per the term setting.
    pub net_fraction_cash: Option<FractionCash>,
    /// Warrant Shares under the new Warrant for the unexercised balance.
    pub remaining: Shares,
    /// `exercise`: the day the recipient becomes holder of record.
    pub holder_of_record_from: Date,
    /// `exercise`: certificates and the new Warrant are due by this day.
    pub delivery_due: Date,
    pub computations: Vec<Computed>,
}

impl ExerciseQuote {
    pub fn render_text(&self) -> String {
        use std::fmt::Write as _;
        let mut o = String::new();
        let _ = writeln!(
            o,
            "{} of warrant {} by {} on {}",
            match self.method {
                Method::Cash => "Exercise",
                Method::Net => "Net exercise",
            },
            self.warrant,
            self.holder,
            self.date
        );
        let _ = writeln!(o, "  Warrant Shares held:      {}", self.held_before);
        let _ = writeln!(
            o,
            "  Warrant Shares exercised: {}{}",
            self.warrant_shares_exercised,
            if self.complete {
                " (complete exercise)"
            } else {
                ""
            }
        );
        let _ = writeln!(o, "  Warrant Price:            ${}", self.warrant_price);
        if let Some(a) = self.aggregate_price {
            let _ = writeln!(o, "  payment due:              ${a}");
        }
        if let Some(c) = self.current_market_price {
            let _ = writeln!(o, "  Current Market Price:     ${c}");
        }
        if self.property.is_empty() {
            let _ = writeln!(
                o,
                "  common issued:            {} to {}",
                self.common_issued, self.recipient
            );
        } else {
            for (s, a) in &self.property {
                let _ = writeln!(
                    o,
                    "  reference property:       {a} {s} to {}",
                    self.recipient
                );
            }
        }
        for f in [&self.fraction_cash, &self.net_fraction_cash]
            .into_iter()
            .flatten()
        {
            let _ = writeln!(
                o,
                "  cash for fraction {}:   ${} [{}]",
                f.fraction, f.cash, f.clause
            );
        }
        let _ = writeln!(o, "  new Warrant for:          {}", self.remaining);
        let _ = writeln!(
            o,
            "  holder of record from:    {}",
            self.holder_of_record_from
        );
        let _ = writeln!(o, "  delivery due by:          {}", self.delivery_due);
        for c in &self.computations {
            for line in c.render().lines() {
                let _ = writeln!(o, "  {line}");
            }
        }
        o
    }
}

fn whole(x: &Exact, w: &Warrant) -> Result<Shares, Rejection> {
    x.round_dp(0, Rounding::TowardZero)
        .map(Shares::new)
        .map_err(|e| w.arith(e))
}

impl Warrant {
    /// The value of a fractional share (`fractional-shares`: "determined in such reasonable
    /// manner as may be prescribed in good faith by the Board"): the value
    /// given on the exercise, else a Board fair value in the book, else the
    /// Current Market Price.
    fn fraction_value(
        &self,
        view: &dyn BookView,
        given: Option<Price>,
    ) -> Result<(Price, String), Rejection> {
        if let Some(v) = given {
            return Ok((
                v,
                "value prescribed by the Board (fraction-value)".to_string(),
            ));
        }
        let today = view.date();
        if self.reorganization.is_some() {
            // After `reorganization` a Warrant Share is a unit of reference property.
            return match self.reference_value(view, today) {
                Ok((p, _)) => Ok((
                    p,
                    format!(
                        "value of the reference property of one Warrant Share ({})",
                        self.mark("reorganization")
                    ),
                )),
                Err(r) => Err(Rejection::new(
                    NO_FRACTION_VALUE,
                    self.clause("fractional-shares"),
                    format!("no value for the fractional share: {}", r.message),
                )
                .with_help("add `fraction-value: <price>` (the Board's good-faith value)")),
            };
        }
        if let Some(v) = view.board_fair_value(&view.common(), today) {
            return Ok((v, "Board fair value recorded in the book".to_string()));
        }
        match self.current_market_price(view, today) {
            Ok((p, _)) => Ok((
                p,
                format!(
                    "Current Market Price ({})",
                    self.mark("current-market-price")
                ),
            )),
            Err(r) => Err(Rejection::new(
                NO_FRACTION_VALUE,
                self.clause("fractional-shares"),
                format!("no value for the fractional share: {}", r.message),
            )
            .with_help("add `fraction-value: <price>` (the Board's good-faith value)")),
        }
    }

    /// The value of the reference property of one Warrant Share on `day`,
    /// for a net exercise after a `reorganization` transaction. `reorganization`: "the provisions hereof
    /// shall thereafter be applicable as nearly as may be practicable, in
    /// relation to any shares of stock, securities or assets thereafter
    /// deliverable upon the exercise"; so the `exercise` formula takes, in place of
    /// the Current Market Price of one share of Common Stock, the value of
    /// what one Warrant Share now buys, found as `current-market-price` finds the CMP: the
    /// independent firm's figure (`cmp-appraisal`), else the Board's
    /// undisputed determination (`cmp-determination`), else the cash in the
    /// property plus each security at its `current-market-price` average in the book; to
    /// the cent (`price-adjustment.rounding`).
    pub fn reference_value(
        &self,
        view: &dyn BookView,
        day: Date,
    ) -> Result<(Price, Computed), Rejection> {
        let Some(r) = &self.reorganization else {
            return self.current_market_price(view, day);
        };
        let found = |independent: bool| {
            self.determinations
                .iter()
                .rev()
                .find(|d| d.for_date == day && d.independent == independent)
        };
        if let Some(a) = found(true) {
            return Ok((
                a.price,
                Computed::new(
                    "value of the reference property of one Warrant Share",
                    a.price,
                    "determination of an independent firm after the Holder's dispute",
                )
                .input(
                    "firm",
                    a.firm.clone().unwrap_or_else(|| "independent firm".into()),
                )
                .cite(self.clause("reorganization"))
                .cite(self.clause("current-market-price")),
            ));
        }
        if let Some(b) = found(false) {
            if let Some(disputed) = b.disputed {
                return Err(Rejection::new(
                    NO_CMP,
                    self.clause("current-market-price"),
                    format!("the Board's value of the reference property for {day} was disputed on {disputed}; the independent firm has not determined it"),
                )
                .with_help("record `cmp-appraisal <warrant> <value>` with `for:` the date"));
            }
            return Ok((
                b.price,
                Computed::new(
                    "value of the reference property of one Warrant Share",
                    b.price,
                    "determined in good faith by the Board of Directors",
                )
                .input("determined on", b.made)
                .cite(self.clause("reorganization"))
                .cite(self.clause("current-market-price")),
            ));
        }
        let n = self.terms.current_market_price.business_days;
        let mut total = Exact::zero();
        let mut c = Computed::new(
            "value of the reference property of one Warrant Share",
            "",
            format!(
                "cash per share + Σ securities per share × their average closing price ({} window)",
                self.mark("current-market-price")
            ),
        )
        .cite(self.clause("reorganization"))
        .cite(self.clause("current-market-price"));
        for p in &r.property {
            let per = Exact::from_decimal(p.per_share);
            if p.security == "cash" {
                c = c.input("cash", p.per_share);
                total = total.add(&per);
                continue;
            }
            let security = SecurityId::new(p.security.clone());
            match view.warrant_market_price_in(&security, day, n, self.window_calendar()) {
                Ok((avg, comp)) => {
                    c = c
                        .input(format!("{} per share", p.security), p.per_share)
                        .input_exact(format!("{} average close", p.security), &avg)
                        .step(comp);
                    total = total.add(&per.mul(&avg));
                }
                Err(gap) => {
                    return Err(Rejection::new(
                        NET_AFTER_REORG,
                        self.clause("reorganization"),
                        format!("after the {} transaction a net exercise needs the value of the reference property of one Warrant Share on {day}; {} has no prices in the book: {gap}", self.mark("reorganization"), p.security),
                    )
                    .with_help("record the Board's value: `cmp-determination <warrant> <value>` with `for:` the date (or add the security's closing prices), or exercise for cash"));
                }
            }
        }
        let v = price_nearest_cent(&total).map_err(|e| self.arith(e))?;
        c.value = v.to_string();
        c = c.input_exact("exact", &total).rounded(format!(
            "to the nearest cent ({}), half up",
            self.mark("price-adjustment.rounding")
        ));
        Ok((v, c))
    }

    /// Quotes an exercise at `view.date()` without changing the warrant.
    pub fn quote(
        &self,
        view: &dyn BookView,
        method: Method,
        holder: Option<&HolderId>,
        count: ShareCount,
        issue_to: Option<&HolderId>,
        fraction_value: Option<Price>,
    ) -> Result<ExerciseQuote, Rejection> {
        let today = view.date();
        let issue = self.issue.as_ref().ok_or_else(|| {
            Rejection::new(
                NOT_HELD,
                self.clause("term"),
                format!("warrant {} has not been issued", self.id),
            )
            .with_help("record the issuance with `issue-warrant`")
        })?;
        if today < issue.date || today > issue.expiry {
            return Err(Rejection::new(
                OUTSIDE_TERM,
                self.clause("exercise"),
                format!(
                    "{today} is outside the Term of this Warrant ({} to {}, {})",
                    issue.date,
                    issue.expiry,
                    self.mark("term")
                ),
            ));
        }
        if let Some(d) = &self.dissolution {
            if today > d.window_end {
                return Err(Rejection::new(
                    DISSOLUTION_VOID,
                    self.clause("dissolution"),
                    format!(
                        "the rights not exercised within {} days of the {} notice of {} became void after {}",
                        self.terms.notices.dissolution_days,
                        self.mark("dissolution"),
                        d.notice,
                        d.window_end
                    ),
                ));
            }
        }
        if method == Method::Net && !self.terms.exercise.net_exercise {
            return Err(Rejection::new(
                NO_NET_ELECTION,
                self.clause("exercise"),
                "this form has no net-exercise election",
            ));
        }
        let holder = self.resolve_holder(holder)?;
        let held = self
            .certificate_of(&holder)
            .map(|c| c.shares)
            .unwrap_or(Shares::ZERO);
        let (whole_held_x, frac_held) = held.exact().trunc_fract();
        let whole_held = whole(&whole_held_x, self)?;
        let wcs = match count {
            ShareCount::All => whole_held,
            ShareCount::Count(n) => {
                if n.is_zero() || n.is_negative() {
                    return Err(Rejection::new(
                        ZERO_SHARES,
                        self.clause("exercise"),
                        "an exercise must be for a positive number of shares",
                    ));
                }
                if !n.is_whole() {
                    return Err(Rejection::new(
                        FRACTIONAL_EXERCISE,
                        self.clause("exercise"),
                        format!("the Warrant may be exercised in whole or in part \"but not as to any fractional share\"; {n} is fractional"),
                    )
                    .with_help(format!("exercise {whole_held} (all whole shares) to receive {} cash for the fraction", self.mark("fractional-shares"))));
                }
                if n > held {
                    return Err(Rejection::new(
                        MORE_THAN_REMAIN,
                        self.clause("exercise"),
                        format!("{holder}'s Warrant represents {held} shares; it cannot be exercised for {n}"),
                    ));
                }
                n
            }
        };
        if wcs.is_zero() {
            return Err(Rejection::new(
                ZERO_SHARES,
                self.clause("exercise"),
                format!("{holder}'s Warrant has no whole share left to exercise"),
            ));
        }
        let recipient = match issue_to {
            Some(r) => {
                if !view.holder_exists(r) {
                    return Err(Rejection::new(
                        UNKNOWN_HOLDER,
                        self.clause("exercise"),
                        format!("holder {r} is not declared"),
                    ));
                }
                r.clone()
            }
            None => holder.clone(),
        };
        let complete = wcs == whole_held;
        let settle_fraction = !frac_held.is_zero()
            && (complete
                || self.terms.exercise.replacement_fraction == ReplacementFraction::CashNow);
        let wp = self.price;
        let mut computations = Vec::new();
        let mut aggregate_price = None;
        let mut current_market_price = None;
        let mut common_issued = wcs;
        let mut net_fraction_cash = None;
        let property;

        // After a `reorganization` transaction each Warrant Share is a unit of reference
        // property: a cash exercise delivers WCS units, a net exercise CS.
        let units_of_property = |units: Shares| -> Result<Vec<(String, Decimal)>, Rejection> {
            let Some(r) = &self.reorganization else {
                return Ok(Vec::new());
            };
            r.property
                .iter()
                .map(|p| {
                    Exact::from_decimal(p.per_share)
                        .mul(&units.exact())
                        .to_decimal_exact()
                        .map(|a| (p.security.clone(), a))
                        .map_err(|e| self.arith(e))
                })
                .collect()
        };

        match method {
            Method::Cash => {
                let x = wp.exact().mul(&wcs.exact());
                let agg = nearest_cent(&x).map_err(|e| self.arith(e))?;
                computations.push(
                    Computed::new("payment due", agg, "Warrant Price × shares purchased")
                        .input("Warrant Price", wp)
                        .input("shares purchased", wcs)
                        .input_exact("exact", &x)
                        .rounded("to the nearest cent (a payment is made in cents)")
                        .cite(self.clause("exercise")),
                );
                aggregate_price = Some(agg);
                property = units_of_property(wcs)?;
            }
            Method::Net => {
                let (cmp, cmp_comp) = if self.reorganization.is_some() {
                    self.reference_value(view, today)?
                } else {
                    self.current_market_price(view, today)?
                };
                if cmp <= wp {
                    return Err(Rejection::new(
                        NET_NOT_IN_MONEY,
                        self.clause("net-exercise"),
                        format!("net exercise needs the Current Market Price (${cmp}) to be greater than the Warrant Price (${wp})"),
                    )
                    .with_help("exercise for cash instead"));
                }
                let cs = wcs
                    .exact()
                    .mul(&cmp.exact().sub(&wp.exact()))
                    .div(&cmp.exact())
                    .map_err(|e| self.arith(e))?;
                let (cs_whole, g) = cs.trunc_fract();
                common_issued = whole(&cs_whole, self)?;
                computations.push(
                    Computed::new("CS", common_issued, "WCS × (CMP − WP) / CMP, whole shares")
                        .input("WCS", wcs)
                        .input("CMP", cmp)
                        .input("WP", wp)
                        .input_exact("exact CS", &cs)
                        .rounded(format!(
                            "whole shares ({}), fraction per {} reading",
                            self.mark("net-exercise"),
                            self.mark("fractional-shares")
                        ))
                        .cite(self.clause("net-exercise"))
                        .step(cmp_comp),
                );
                current_market_price = Some(cmp);
                property = units_of_property(common_issued)?;
                let pay_g = match self.terms.exercise.net_exercise_fraction {
                    NetExerciseFraction::CashOnComplete => complete,
                    NetExerciseFraction::CashAlways => true,
                    NetExerciseFraction::Truncate => false,
                };
                if pay_g && !g.is_zero() {
                    let (value, source) = self.fraction_value(view, fraction_value)?;
                    let cash = nearest_cent(&g.mul(&value.exact())).map_err(|e| self.arith(e))?;
                    computations.push(
                        Computed::new("cash for the fraction of CS", cash, "fraction of CS × value of one share (the Warrant Price is already paid in withheld value)")
                            .input_exact("fraction", &g)
                            .input("value per share", format!("{value} ({source})"))
                            .rounded("to the nearest cent")
                            .cite(self.clause("fractional-shares")),
                    );
                    net_fraction_cash = Some(FractionCash {
                        fraction: g.display(),
                        value_per_share: value,
                        value_source: source,
                        less_warrant_price: None,
                        cash,
                        clause: self.clause("fractional-shares"),
                    });
                }
            }
        }

        if !property.is_empty() {
            common_issued = Shares::ZERO;
        }
        let mut fraction_cash = None;
        if settle_fraction {
            let (value, source) = self.fraction_value(view, fraction_value)?;
            let r = whole_shares_cash_in_lieu(&frac_held, value, Some(wp))
                .map_err(|e| self.arith(e))?;
            computations.push(
                Computed::new(
                    format!(
                        "{} cash for the fractional Warrant Share",
                        self.mark("fractional-shares")
                    ),
                    r.cash,
                    "fraction × (value of one share − Warrant Price), not below zero",
                )
                .input_exact("fractional share", &frac_held)
                .input("value per share", format!("{value} ({source})"))
                .input("Warrant Price", wp)
                .rounded("to the nearest cent")
                .cite(self.clause("fractional-shares")),
            );
            fraction_cash = Some(FractionCash {
                fraction: frac_held.display(),
                value_per_share: value,
                value_source: source,
                less_warrant_price: Some(wp),
                cash: r.cash,
                clause: self.clause("fractional-shares"),
            });
        }
        let mut remaining = held.checked_sub(wcs).map_err(|e| self.arith(e))?;
        if settle_fraction {
            let f = Shares::new(frac_held.to_decimal_exact().map_err(|e| self.arith(e))?);
            remaining = remaining.checked_sub(f).map_err(|e| self.arith(e))?;
        }
        Ok(ExerciseQuote {
            warrant: self.id.clone(),
            date: today,
            method,
            holder,
            recipient,
            security: view.common(),
            held_before: held,
            warrant_shares_exercised: wcs,
            complete,
            warrant_price: wp,
            aggregate_price,
            current_market_price,
            common_issued,
            property,
            fraction_cash,
            net_fraction_cash,
            remaining,
            holder_of_record_from: self.holder_of_record_from(today),
            delivery_due: add_days(today, self.terms.exercise.delivery_days),
            computations,
        })
    }
}

// The exercise events: each commits a quote.

impl Warrant {
    /// `exercise` (ii): exercise for payment of the Warrant Price by the methods
    /// the form accepts, the payment equal to the aggregate Warrant Price.
    pub(crate) fn exercise_for_payment(
        &mut self,
        view: &dyn BookView,
        shares: &ShareCount,
        holder: &Option<HolderId>,
        payment: &Payment,
        issue_to: &Option<HolderId>,
        fraction_value: &Option<Price>,
    ) -> Result<Outcome, Rejection> {
        let today = view.date();
        let mut outcome = Outcome::none();
        let quote = self.quote(
            view,
            Method::Cash,
            holder.as_ref(),
            *shares,
            issue_to.as_ref(),
            *fraction_value,
        )?;
        // `exercise` (ii): payment by the accepted methods, equal to the
        // Warrant Price for each share.
        if payment.parts.is_empty() {
            return Err(Rejection::new(
                PAYMENT_METHOD,
                self.clause("exercise"),
                "an exercise needs payment of the Warrant Price",
            )
            .with_help(format!(
                "add one or more of {} (amounts), or use `net-exercise`",
                self.terms.exercise.payment_methods.join(", ")
            )));
        }
        for (k, m) in &payment.parts {
            if !self.terms.exercise.payment_methods.iter().any(|x| x == k) {
                return Err(Rejection::new(
                    PAYMENT_METHOD,
                    self.clause("exercise"),
                    format!("payment by `{k}` is not accepted by this form"),
                ));
            }
            if m.is_negative() {
                return Err(Rejection::new(
                    PAYMENT_METHOD,
                    self.clause("exercise"),
                    format!("a negative `{k}` amount"),
                ));
            }
        }
        let total = payment.total().map_err(|e| self.arith(e))?;
        let required = quote.aggregate_price.unwrap_or(Money::ZERO);
        if total != required {
            return Err(Rejection::new(
                PAYMENT_MISMATCH,
                self.clause("exercise"),
                format!(
                    "payment of ${total} does not equal the Warrant Price ${} × {} shares = ${required}",
                    quote.warrant_price, quote.warrant_shares_exercised
                ),
            )
            .with_help(format!("pay exactly ${required} (to the cent) in any combination of the accepted methods")));
        }
        let mut next = self.clone();
        next.commit_exercise(&quote, today, &mut outcome)?;
        next.reserve_check(view, quote.common_issued, &mut outcome);
        for (k, m) in &payment.parts {
            if k != "cancel-indebtedness" && !m.is_zero() {
                let neg = Money::ZERO.checked_sub(*m).map_err(|e| self.arith(e))?;
                outcome.effects.push(Effect::Cash {
                    holder: quote.holder.clone(),
                    amount: neg,
                    reason: format!("{} exercise price paid by {k}", self.clause("exercise")),
                });
            }
        }
        *self = next;
        Ok(outcome)
    }

    /// `exercise`: the net-exercise election (CS = WCS × (CMP − WP) / CMP).
    pub(crate) fn net_exercise(
        &mut self,
        view: &dyn BookView,
        shares: &ShareCount,
        holder: &Option<HolderId>,
        issue_to: &Option<HolderId>,
        fraction_value: &Option<Price>,
    ) -> Result<Outcome, Rejection> {
        let today = view.date();
        let mut outcome = Outcome::none();
        let quote = self.quote(
            view,
            Method::Net,
            holder.as_ref(),
            *shares,
            issue_to.as_ref(),
            *fraction_value,
        )?;
        let mut next = self.clone();
        next.commit_exercise(&quote, today, &mut outcome)?;
        next.reserve_check(view, quote.common_issued, &mut outcome);
        *self = next;
        Ok(outcome)
    }

    /// Records an exercise the quote describes: certificates, effects, log.
    pub(crate) fn commit_exercise(
        &mut self,
        q: &ExerciseQuote,
        today: Date,
        outcome: &mut Outcome,
    ) -> Result<(), Rejection> {
        let old = self
            .cancel_certificate(&q.holder, today, "surrendered on exercise")
            .ok_or_else(|| {
                Rejection::new(
                    NOT_HELD,
                    self.clause("exercise"),
                    format!("{} holds no certificate", q.holder),
                )
            })?;
        if !q.remaining.is_zero() {
            let no = self.issue_certificate(
                q.holder.clone(),
                q.remaining,
                today,
                format!("new Warrant for the unexercised balance of {}", old.number),
            );
            outcome.computations.push(
                Computed::new(
                    "new Warrant",
                    &no,
                    "shares with respect to which the Warrant was not exercised",
                )
                .input("shares", q.remaining)
                .cite(self.clause("exercise")),
            );
        }
        let common = q.security.clone();
        if q.property.is_empty() {
            if !q.common_issued.is_zero() {
                outcome.effects.push(Effect::Issue {
                    security: common,
                    holder: q.recipient.clone(),
                    shares: q.common_issued,
                    from_treasury: false,
                    reason: format!(
                        "{} {} of {} (holder of record from {})",
                        self.clause("exercise"),
                        q.method.describe(),
                        self.id,
                        q.holder_of_record_from
                    ),
                });
            }
        } else {
            for (security, amount) in &q.property {
                if security == "cash" {
                    outcome.effects.push(Effect::Cash {
                        holder: q.recipient.clone(),
                        amount: Money::new(*amount),
                        reason: format!(
                            "{} reference property on exercise of {}",
                            self.clause("reorganization"),
                            self.id
                        ),
                    });
                } else {
                    outcome.effects.push(Effect::Issue {
                        security: SecurityId::new(security.clone()),
                        holder: q.recipient.clone(),
                        shares: Shares::new(*amount),
                        from_treasury: false,
                        reason: format!(
                            "{} reference property on exercise of {}",
                            self.clause("reorganization"),
                            self.id
                        ),
                    });
                }
            }
        }
        for f in [&q.fraction_cash, &q.net_fraction_cash]
            .into_iter()
            .flatten()
        {
            if !f.cash.is_zero() {
                outcome.effects.push(Effect::Cash {
                    holder: q.holder.clone(),
                    amount: f.cash,
                    reason: format!(
                        "{} cash for a fractional share",
                        self.clause("fractional-shares")
                    ),
                });
            }
        }
        outcome.computations.extend(q.computations.iter().cloned());
        self.exercises.push(ExerciseRecord {
            date: today,
            holder: q.holder.clone(),
            recipient: q.recipient.clone(),
            method: q.method,
            warrant_shares: q.warrant_shares_exercised,
            common_issued: if q.property.is_empty() {
                q.common_issued
            } else {
                Shares::ZERO
            },
            warrant_price: q.warrant_price,
            holder_of_record_from: q.holder_of_record_from,
        });
        Ok(())
    }
}
