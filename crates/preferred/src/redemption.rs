//! CoD §6.1, §6.2, §6.4, §6.5, §7.1–§7.3: redemption.
//!
//! A `redeem` directive is the notice (§7.2), dated the day it is mailed; it
//! is checked at once (anniversary, 30–60 day window, shares) and the shares
//! of a §6.1 call are selected pro rata then (§7.1, the notice states each
//! holder's number, §7.2(ii)). On the redemption date the call is executed:
//! the price is the greater of the Liquidation Preference and the Current
//! Market Value of the conversion shares, paid in cash or, for §6.2, in
//! common valued at 95%/100% of the 20-day average. Shares converted after
//! the notice are no longer redeemed (§8.6); a §6.2 redemption short of
//! funds leaves a Mandatory Redemption Obligation (§6.5).

use crate::liquidation_terms::arith_at;
use crate::resolve::{RedemptionKind, SettlementForm};
use crate::state::{CallStatus, Preferred, RedemptionCall};
use calendar::{days_between, Date};
use serde::Serialize;
use std::collections::BTreeMap;
use terms::{BookView, Effect, HolderId, Outcome, Rejection};
use units::{Computed, Exact, Money, Shares};

/// CoD §7.1: "the shares to be redeemed shall be selected pro rata (with any
/// fractional shares being rounded to the nearest whole share)". Rounding
/// each holder's share to the nearest can miss the Board's number by a few
/// shares; the difference is settled by largest remainder (documented in
/// docs/interpretations.md "Pro rata selection").
pub fn select_pro_rata(
    holdings: &[(HolderId, Shares)],
    number: Shares,
) -> Result<BTreeMap<HolderId, Shares>, units::UnitsError> {
    let mut total = Exact::zero();
    for (_, s) in holdings {
        total = total.add(&s.exact());
    }
    let mut out = BTreeMap::new();
    if total.is_zero() {
        return Ok(out);
    }
    let mut rows = Vec::new();
    let mut sum = Exact::zero();
    for (h, s) in holdings {
        let exact = s.exact().mul(&number.exact()).div(&total)?;
        let rounded = units::rounding::nearest_whole_share(&exact)?;
        let rounded = if rounded > *s { *s } else { rounded };
        sum = sum.add(&rounded.exact());
        rows.push((h.clone(), *s, exact, rounded));
    }
    // Settle the difference one share at a time, largest remainder first.
    let target = number.exact();
    let mut guard = 0usize;
    while sum != target && guard < rows.len().saturating_mul(2) + 2 {
        guard += 1;
        let up = sum < target;
        let pick = rows
            .iter_mut()
            .filter(|r| if up { r.3 < r.1 } else { !r.3.is_zero() })
            .max_by(|a, b| {
                let da = a.2.sub(&a.3.exact());
                let db = b.2.sub(&b.3.exact());
                if up {
                    da.cmp(&db)
                } else {
                    db.cmp(&da)
                }
            });
        let Some(r) = pick else { break };
        let one = Shares::from_int(1);
        if up {
            r.3 = r.3.checked_add(one)?;
            sum = sum.add(&Exact::one());
        } else {
            r.3 = r.3.checked_sub(one)?;
            sum = sum.sub(&Exact::one());
        }
    }
    for (h, _, _, s) in rows {
        if !s.is_zero() {
            out.insert(h, s);
        }
    }
    Ok(out)
}

impl Preferred {
    /// Validates and records a notice of redemption (CoD §6.1/§6.2, §7.2).
    pub fn call_for_redemption(
        &mut self,
        kind: RedemptionKind,
        redemption_date: Date,
        shares: Option<Shares>,
        form: SettlementForm,
        funds: Option<Money>,
        view: &dyn BookView,
    ) -> Result<Outcome, Rejection> {
        let notice = view.date();
        let acc = self.accrual();
        let r = self.anniversary_terms()?;
        match kind {
            RedemptionKind::Optional => {
                let fifth = acc.anniversary(r.optional_from_anniversary);
                if redemption_date < fifth {
                    return Err(Rejection::new(
                        "R0220",
                        self.cite("redemption.optional"),
                        format!(
                            "optional redemption is allowed only on and after the {} anniversary of the Closing Date ({fifth}); {redemption_date} is before it", crate::liquidation_terms::ordinal(r.optional_from_anniversary)
                        ),
                    ));
                }
                if form == SettlementForm::Common {
                    return Err(Rejection::new(
                        "R0225",
                        self.cite("redemption.optional"),
                        "a §6.1 redemption is paid in cash; only §6.2 allows payment in common stock",
                    ));
                }
            }
            RedemptionKind::Mandatory => {
                let tenth = acc.anniversary(r.mandatory_anniversary);
                let discharge = self.mandatory_obligation_since.is_some();
                let ok = if discharge {
                    redemption_date >= tenth
                } else {
                    redemption_date == tenth
                };
                if !ok {
                    return Err(Rejection::new(
                        "R0222",
                        self.cite("redemption.mandatory"),
                        format!(
                            "the mandatory redemption is on the {} anniversary of the Closing Date ({tenth}), not {redemption_date}", crate::liquidation_terms::ordinal(r.mandatory_anniversary)
                        ),
                    ));
                }
                if shares.is_some() {
                    return Err(Rejection::new(
                        "R0223",
                        self.cite("redemption.mandatory"),
                        "§6.2 redeems all outstanding shares not waived; omit `shares:`",
                    ));
                }
            }
        }
        let before = days_between(notice, redemption_date);
        if before < r.notice_min_days || before > r.notice_max_days {
            return Err(Rejection::new(
                "R0221",
                self.cite("redemption.notice"),
                format!(
                    "notice of redemption must be mailed not less than {} nor more than {} days before the redemption date; {notice} is {before} days before {redemption_date}",
                    r.notice_min_days, r.notice_max_days
                ),
            ));
        }
        let holdings = view.holders_of(&self.security);
        let outstanding = view.outstanding(&self.security);
        let selected = match kind {
            RedemptionKind::Mandatory => BTreeMap::new(),
            RedemptionKind::Optional => {
                let n = shares.unwrap_or(outstanding);
                if n.is_zero() || n.is_negative() || !n.is_whole() || n > outstanding {
                    return Err(Rejection::new(
                        "R0223",
                        self.cite("redemption.optional"),
                        format!(
                            "cannot call {n} shares for redemption: {outstanding} are outstanding"
                        ),
                    ));
                }
                select_pro_rata(&holdings, n)
                    .map_err(|e| arith_at(self.cite("redemption.procedure"), e))?
            }
        };
        let mut c = Computed::new(
            format!(
                "notice of {} redemption",
                match kind {
                    RedemptionKind::Optional => "optional (§6.1)",
                    RedemptionKind::Mandatory => "mandatory (§6.2)",
                }
            ),
            redemption_date,
            "redemption date; shares selected pro rata to the nearest whole share (§7.1)",
        )
        .input("notice mailed", notice)
        .input("days before the redemption date", before)
        .cite(self.cite("redemption.notice"));
        for (h, s) in &selected {
            c = c.input(format!("selected from {h}"), s);
        }
        self.calls.push(RedemptionCall {
            notice_date: notice,
            redemption_date,
            kind,
            form,
            funds,
            selected,
            status: CallStatus::Pending,
        });
        Ok(Outcome::none().computed(c))
    }

    /// CoD §6.1/§6.2: the redemption price per share on `date`: the greater of
    /// (a) the Liquidation Preference and (b) the Current Market Value of the
    /// conversion shares. Returns (price, clause (a) governs, computation).
    pub fn redemption_price(
        &self,
        date: Date,
        view: &dyn BookView,
    ) -> Result<(Exact, bool, Computed), Rejection> {
        let ct = self.conversion_terms(date)?;
        let common = view.common();
        let (cmv, cmv_c) = view
            .average_preceding(&common, date, self.market_value_days()?)
            .map_err(|gap| {
                Rejection::new(
                    "R0226",
                    self.cite("redemption.optional"),
                    format!("the Current Market Value cannot be computed: {gap}"),
                )
                .with_help("add prices, or record the Board's good-faith fair value (CoD §2)")
            })?;
        let b = cmv.mul(&ct.ratio);
        let a = ct.lp.total.clone();
        let a_governs = a >= b;
        let price = if a_governs { a.clone() } else { b.clone() };
        let c = Computed::of_exact(
            "redemption price per share",
            &price,
            "greater of (a) Liquidation Preference and (b) Current Market Value × Conversion Ratio",
        )
        .input_exact("(a) Liquidation Preference", &a)
        .input_exact("(b) Current Market Value × Conversion Ratio", &b)
        .cite(self.cite("redemption.optional"))
        .cite(self.cite("redemption.mandatory"))
        .step(ct.ratio_computed)
        .step(self.current_market_value_step(cmv_c));
        Ok((price, a_governs, c))
    }

    /// Executes call `i` on its redemption date (from `run_scheduled`).
    pub(crate) fn execute_call(&mut self, i: usize, view: &dyn BookView) -> Outcome {
        let mut out = Outcome::none();
        let Some(call) = self.calls.get(i).cloned() else {
            return out;
        };
        let date = view.date();
        let clause = match call.kind {
            RedemptionKind::Optional => "redemption.optional",
            RedemptionKind::Mandatory => "redemption.mandatory",
        };
        let default = |out: &mut Outcome, msg: String| {
            out.warnings.push(terms::Warning {
                code: "W0207",
                clause: self.cite(clause),
                message: format!("redemption of {date} not made: {msg}; the shares stay outstanding and convertible (§8.1)"),
            });
        };
        // Who is redeemed, and how many: a §6.1 call's selection, capped by
        // what each holder still holds; §6.2: every non-waived share.
        let mut wanted: Vec<(HolderId, Shares)> = Vec::new();
        for (h, held) in view.holders_of(&self.security) {
            let n = match call.kind {
                RedemptionKind::Optional => call.selected.get(&h).copied().unwrap_or(Shares::ZERO),
                RedemptionKind::Mandatory => {
                    if self.waived_6_2(&h, date) {
                        Shares::ZERO
                    } else {
                        held
                    }
                }
            };
            let n = if n > held { held } else { n };
            if !n.is_zero() {
                wanted.push((h, n));
            }
        }
        let (price, a_governs, price_c) = match self.redemption_price(date, view) {
            Ok(x) => x,
            Err(e) => {
                default(&mut out, e.message);
                if let Some(c) = self.calls.get_mut(i) {
                    c.status = CallStatus::Defaulted;
                }
                return out;
            }
        };
        out.computations.push(price_c);
        let mut total_wanted = Exact::zero();
        for (_, n) in &wanted {
            total_wanted = total_wanted.add(&n.exact());
        }
        // Funds legally available limit a cash redemption (§6.1, §6.2).
        let mut short = false;
        if call.form == SettlementForm::Cash {
            if let Some(funds) = call.funds {
                let cost = price.mul(&total_wanted);
                if cost > funds.exact() {
                    short = true;
                    let max = funds
                        .exact()
                        .div(&price)
                        .ok()
                        .and_then(|x| x.round_dp(0, units::Rounding::Floor).ok())
                        .map(Shares::new)
                        .unwrap_or(Shares::ZERO);
                    match select_pro_rata(&wanted, max) {
                        Ok(sel) => wanted = sel.into_iter().collect(),
                        Err(e) => {
                            default(&mut out, e.to_string());
                            return out;
                        }
                    }
                }
            }
        }
        // Common stock valuation (§6.2(x)/(y)).
        let stock_value = if call.form == SettlementForm::Common {
            let r = match self.anniversary_terms() {
                Ok(r) => r,
                Err(e) => {
                    default(&mut out, e.message);
                    return out;
                }
            };
            let common = view.common();
            match view.average_preceding(&common, date, r.stock_value_trading_days) {
                Ok((avg, c)) => {
                    let pct = if a_governs {
                        r.stock_value_percent_lp.exact()
                    } else {
                        r.stock_value_percent_cmv.exact()
                    };
                    let v = avg.mul(&pct);
                    out.computations.push(
                        Computed::of_exact(
                            "value per common share delivered",
                            &v,
                            "percentage × average Market Price for the trading days immediately preceding the redemption date",
                        )
                        .input_exact("percentage", &pct)
                        .input("clause", if a_governs { "(x): price under (a)" } else { "(y): price under (b)" })
                        .cite(self.cite("redemption.mandatory"))
                        .step(c),
                    );
                    Some(v)
                }
                Err(gap) => {
                    default(&mut out, gap.to_string());
                    if let Some(c) = self.calls.get_mut(i) {
                        c.status = CallStatus::Defaulted;
                    }
                    return out;
                }
            }
        } else {
            None
        };
        for (h, n) in &wanted {
            let amount = price.mul(&n.exact());
            out.effects.push(Effect::Cancel {
                security: self.security.clone(),
                holder: h.clone(),
                shares: *n,
                to_treasury: false,
                reason: format!("CoD §{clause} redemption; §6.4: authorized and unissued"),
            });
            match &stock_value {
                None => match units::rounding::nearest_cent(&amount) {
                    Ok(m) => out.effects.push(Effect::Cash {
                        holder: h.clone(),
                        amount: m,
                        reason: format!("CoD §{clause} redemption price for {n} shares"),
                    }),
                    Err(e) => default(&mut out, e.to_string()),
                },
                Some(v) => {
                    let Ok(shares) = amount.div(v) else {
                        default(&mut out, "common valued at zero".into());
                        continue;
                    };
                    let (whole, fraction) = shares.trunc_fract();
                    let whole = Shares::new(
                        whole
                            .round_dp(0, units::Rounding::TowardZero)
                            .unwrap_or_default(),
                    );
                    out.effects.push(Effect::Issue {
                        security: view.common(),
                        holder: h.clone(),
                        shares: whole,
                        from_treasury: false,
                        reason: format!("CoD §6.2(2) redemption of {n} shares in common stock"),
                    });
                    if let Ok(cash) = units::rounding::nearest_cent(&fraction.mul(v)) {
                        if !cash.is_zero() {
                            out.effects.push(Effect::Cash {
                                holder: h.clone(),
                                amount: cash,
                                reason: "cash for the fractional common share of a §6.2 redemption"
                                    .into(),
                            });
                        }
                    }
                }
            }
        }
        if call.kind == RedemptionKind::Mandatory {
            if short {
                if self.mandatory_obligation_since.is_none() {
                    self.mandatory_obligation_since = Some(date);
                }
                out.warnings.push(terms::Warning {
                    code: "W0208",
                    clause: self.cite("redemption.obligation"),
                    message: "funds legally available were short: the Mandatory Redemption Obligation stays undischarged and junior and parity dividends, distributions and repurchases are barred".into(),
                });
            } else {
                self.mandatory_obligation_since = None;
            }
        }
        if let Some(c) = self.calls.get_mut(i) {
            c.status = CallStatus::Executed;
        }
        out
    }
}

/// One holder's line of a [`RedemptionQuote`].
#[derive(Clone, Debug, Serialize)]
pub struct QuoteLine {
    pub holder: HolderId,
    pub shares: Shares,
    /// Redemption price × shares, to the cent (cash settlement).
    pub amount: Money,
    /// §6.2(2): whole common shares delivered (stock settlement).
    pub common_shares: Option<Shares>,
    /// §6.2(2): cash for the fractional common share.
    pub fraction_cash: Option<Money>,
}

/// What a redemption on a date would pay (the `redeem` what-if).
#[derive(Clone, Debug, Serialize)]
pub struct RedemptionQuote {
    pub kind: RedemptionKind,
    pub form: SettlementForm,
    pub redemption_date: Date,
    /// The price per share (exact, displayed).
    pub price_per_share: String,
    /// `price_per_share` as a fraction when it does not terminate.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub price_per_share_exact: Option<String>,
    /// Whether clause (a), the Liquidation Preference, governs.
    pub liquidation_preference_governs: bool,
    /// §6.2(2): the value per common share delivered.
    pub common_value: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub common_value_exact: Option<String>,
    /// §7.2: the first and last days a notice may be mailed.
    pub notice_window: (Date, Date),
    pub lines: Vec<QuoteLine>,
    pub total: Money,
    pub notes: Vec<String>,
    pub computations: Vec<Computed>,
}

impl Preferred {
    /// What a §6.1 or §6.2 redemption on `redemption_date` would pay each
    /// holder of record now (`view.date()`), without recording anything:
    /// the anniversary and settlement rules are checked (a Rejection names
    /// the clause); the §7.2 notice window is reported. When the Current
    /// Market Value of the redemption date cannot be computed (prices not
    /// yet known), clause (a) is used alone and a note says so.
    pub fn redemption_quote(
        &self,
        kind: RedemptionKind,
        redemption_date: Date,
        form: SettlementForm,
        view: &dyn BookView,
    ) -> Result<RedemptionQuote, Rejection> {
        let acc = self.accrual();
        let r = self.anniversary_terms()?;
        let clause = match kind {
            RedemptionKind::Optional => "redemption.optional",
            RedemptionKind::Mandatory => "redemption.mandatory",
        };
        match kind {
            RedemptionKind::Optional => {
                let fifth = acc.anniversary(r.optional_from_anniversary);
                if redemption_date < fifth {
                    return Err(Rejection::new(
                        "R0220",
                        self.cite("redemption.optional"),
                        format!("optional redemption is allowed only on and after the {} anniversary of the Closing Date ({fifth}); {redemption_date} is before it", crate::liquidation_terms::ordinal(r.optional_from_anniversary)),
                    ));
                }
                if form == SettlementForm::Common {
                    return Err(Rejection::new(
                        "R0225",
                        self.cite("redemption.optional"),
                        "a §6.1 redemption is paid in cash; only §6.2 allows payment in common stock",
                    ));
                }
            }
            RedemptionKind::Mandatory => {
                let tenth = acc.anniversary(r.mandatory_anniversary);
                if redemption_date != tenth && self.mandatory_obligation_since.is_none() {
                    return Err(Rejection::new(
                        "R0222",
                        self.cite("redemption.mandatory"),
                        format!("the mandatory redemption is on the {} anniversary of the Closing Date ({tenth}), not {redemption_date}", crate::liquidation_terms::ordinal(r.mandatory_anniversary)),
                    ));
                }
            }
        }
        let mut notes = Vec::new();
        let mut computations = Vec::new();
        let (price, a_governs) = match self.redemption_price(redemption_date, view) {
            Ok((p, a, c)) => {
                computations.push(c);
                (p, a)
            }
            Err(e) if e.code == "R0226" => {
                let ct = self.conversion_terms(redemption_date)?;
                notes.push(format!(
                    "clause (b) not computed ({}); the price shown is clause (a), the Liquidation Preference, and is a floor",
                    e.message
                ));
                computations.push(ct.lp.computed());
                (ct.lp.total, true)
            }
            Err(e) => return Err(e),
        };
        let common_value = if form == SettlementForm::Common {
            let pct = if a_governs {
                r.stock_value_percent_lp.exact()
            } else {
                r.stock_value_percent_cmv.exact()
            };
            match view.average_preceding(
                &view.common(),
                redemption_date,
                r.stock_value_trading_days,
            ) {
                Ok((avg, c)) => {
                    computations.push(c);
                    Some(avg.mul(&pct))
                }
                Err(gap) => {
                    notes.push(format!("the common delivered cannot be counted yet: {gap}"));
                    None
                }
            }
        } else {
            None
        };
        let mut lines = Vec::new();
        let mut total = Money::ZERO;
        for (holder, shares) in view.holders_of(&self.security) {
            if kind == RedemptionKind::Mandatory && self.waived_6_2(&holder, redemption_date) {
                notes.push(format!("{holder} waived §6.2 for its shares"));
                continue;
            }
            let exact = price.mul(&shares.exact());
            let amount = units::rounding::nearest_cent(&exact)
                .map_err(|e| crate::liquidation_terms::arith_at(self.cite(clause), e))?;
            total = total
                .checked_add(amount)
                .map_err(|e| crate::liquidation_terms::arith_at(self.cite(clause), e))?;
            let (common_shares, fraction_cash) = match &common_value {
                Some(v) if !v.is_zero() => {
                    let n = exact
                        .div(v)
                        .map_err(|e| arith_at(self.cite("redemption.mandatory"), e))?;
                    let (whole, fraction) = n.trunc_fract();
                    let whole = whole
                        .round_dp(0, units::Rounding::TowardZero)
                        .map(Shares::new)
                        .map_err(|e| arith_at(self.cite("redemption.mandatory"), e))?;
                    let cash = units::rounding::nearest_cent(&fraction.mul(v))
                        .map_err(|e| arith_at(self.cite("redemption.mandatory"), e))?;
                    (Some(whole), Some(cash))
                }
                _ => (None, None),
            };
            lines.push(QuoteLine {
                holder,
                shares,
                amount,
                common_shares,
                fraction_cash,
            });
        }
        let earliest = redemption_date
            .checked_sub(jiff::Span::new().days(r.notice_max_days))
            .unwrap_or(redemption_date);
        let latest = redemption_date
            .checked_sub(jiff::Span::new().days(r.notice_min_days))
            .unwrap_or(redemption_date);
        if view.date() > latest {
            notes.push(format!(
                "a notice mailed on {} is too late for {redemption_date}: §7.2 needs it between {earliest} and {latest}",
                view.date()
            ));
        }
        Ok(RedemptionQuote {
            kind,
            form,
            redemption_date,
            price_per_share: price.display(),
            price_per_share_exact: price.exact_form(),
            liquidation_preference_governs: a_governs,
            common_value_exact: common_value.as_ref().and_then(|v| v.exact_form()),
            common_value: common_value.map(|v| v.display()),
            notice_window: (earliest, latest),
            lines,
            total,
            notes,
            computations,
        })
    }
}
