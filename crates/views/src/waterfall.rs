//! The exit and liquidation waterfall, exact, with its breakpoints.
//!
//! Proceeds go first to what is ahead of equity (transaction costs, then
//! debt, in the order given), then to preferred claims by seniority (higher
//! first; within a rank ratably, in proportion to the full amounts payable),
//! then to the common stock and everything that becomes common: convertible
//! classes that do better converting than taking their preference (a
//! non-participating class takes the greater of its preference and its
//! as-converted share), participating classes beside the common (a capped
//! one until preference and participation reach its cap, then flat until
//! converting pays more), and options and warrants that are in the money.
//!
//! The payout of every holder is piecewise linear in the proceeds. The kinks
//! are found exactly, not by sampling: once the preferences are paid, the
//! value per common share `v` grows with the distributable amount `D`; a
//! convertible class converts when `v` reaches its preference per
//! as-converted share, an option exercises when `v` reaches its strike. At
//! each such threshold the choice is indifferent (the class gets the same
//! either way), so `v` is continuous and `D(v)` is increasing and linear
//! between thresholds: each breakpoint is `D_i = t_i × N(S_i) + P(S_i) −
//! C(S_i)`, with `N` the common-equivalent shares, `P` the preferences still
//! claimed and `C` the exercise cash of the regime `S_i` below `t_i`.
//!
//! Options are treated the standard way: an in-the-money option exercises
//! and pays its strike into the distributable amount; equivalently it
//! receives `(v − strike)` per share. The payout reported for an option is
//! that net amount, so payouts always sum to the proceeds.

use crate::codes;
use serde::Serialize;
use std::collections::BTreeMap;
use terms::Rejection;
use units::{Clause, Computed, Exact, Money, Price, Rounding, Shares};

/// A holder's position in one class.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Position {
    pub holder: String,
    pub shares: Shares,
}

impl Position {
    pub fn new(holder: impl Into<String>, shares: Shares) -> Self {
        Position {
            holder: holder.into(),
            shares,
        }
    }
}

/// A class with a claim ahead of the common stock.
#[derive(Clone, Debug, Serialize)]
pub struct ClaimClass {
    pub id: String,
    /// Seniority: a higher number is paid first; equal numbers are parity
    /// (OCF `seniority`).
    pub seniority: i64,
    /// The amount payable per share before any Junior Stock (the caller
    /// computes it for the date from the class's terms, e.g. the greater of (a)
    /// and (b), make-whole included where it applies).
    pub preference_per_share: Exact,
    /// Common shares per share if the class may convert (its
    /// Conversion Ratio); `None` if it may not.
    pub conversion_ratio: Option<Exact>,
    /// Whether the class, after its preference, also shares with the common
    /// as converted (a non-participating class "will not be entitled to any
    /// further participation").
    pub participating: bool,
    /// A participating class with a cap: the most a share receives in
    /// preference and participation together (OCF
    /// `participation_cap_multiple` × the issue price). Past it the class
    /// stays flat until converting pays more. `None`: uncapped.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cap_per_share: Option<Exact>,
    pub holders: Vec<Position>,
    /// The clause that grants the preference, for the schedule.
    pub clause: Option<Clause>,
}

/// Options or warrants of one holder at one strike.
#[derive(Clone, Debug, Serialize)]
pub struct OptionTranche {
    /// The instrument or plan they come from.
    pub class: String,
    pub holder: String,
    /// Common shares issuable.
    pub shares: Shares,
    /// Exercise price per share (Warrant Price, option price).
    pub strike: Price,
}

/// A fixed amount paid before equity: transaction costs, debt.
#[derive(Clone, Debug, Serialize)]
pub struct Deduction {
    pub id: String,
    pub amount: Money,
}

/// Everything the waterfall needs; built by the caller (see
/// [`crate::adapter`] for a book).
#[derive(Clone, Debug, Default, Serialize)]
pub struct WaterfallInput {
    /// The name of the residual class (the common stock).
    pub common_id: String,
    pub common: Vec<Position>,
    pub classes: Vec<ClaimClass>,
    pub options: Vec<OptionTranche>,
    /// Paid in this order before any equity.
    pub ahead: Vec<Deduction>,
    /// What the caller could not compute and how it read the terms instead
    /// (e.g. a market value without market prices), shown with the result.
    pub notes: Vec<String>,
    /// Why each class ranks where it does (for the schedule; the ranks
    /// themselves are the classes' `seniority`).
    pub ranking: Vec<RankBasis>,
    /// Classes held whose claim is not known: the waterfall refuses them
    /// (R0704) rather than count them as nothing.
    pub unknown: Vec<UnknownClaim>,
    /// The clauses that rank the classes and grant their liquidation
    /// amounts, from the series' term files, for the distribution's
    /// computation (empty: the waterfall's own).
    #[serde(skip)]
    pub citations: Vec<Clause>,
}

/// Where one class stands in the waterfall, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RankBasis {
    pub class: String,
    /// Higher is paid first; equal is parity (see [`ClaimClass::seniority`]).
    pub seniority: i64,
    /// Where the rank comes from: a term file's seniority or `[[rank]]`, the
    /// default for a class no term file ranks, or `--rank`.
    pub basis: String,
}

/// A class whose holders have shares but whose claim nobody stated.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct UnknownClaim {
    pub class: String,
    /// Shares held (outside the Corporation).
    pub shares: Exact,
    pub holders: usize,
    /// Its rank, if it has one.
    pub seniority: Option<i64>,
    /// What to pass to make it known.
    pub help: String,
}

/// What moves at a threshold of the value per common share.
#[derive(Clone, Debug)]
enum Switch {
    /// Index into `classes`.
    Convert(usize),
    /// A capped participating class reaches its cap (index into `classes`).
    Cap(usize),
    /// Options at one strike (indices into `options`).
    Exercise(Vec<usize>),
}

#[derive(Clone, Debug)]
struct Threshold {
    /// Value per common share at which the switch happens.
    t: Exact,
    /// Common-equivalent shares added.
    dn: Exact,
    /// Preference no longer claimed (converting classes) — equals `t × dn`.
    dpref: Exact,
    /// Exercise cash paid in (options) — equals `t × dn`.
    dcash: Exact,
    switch: Switch,
    /// Distributable amount at which it happens (filled in by `new`).
    at: Exact,
    /// Common-equivalent shares just below it (filled in by `new`).
    n_before: Exact,
}

/// A prepared waterfall: classes aggregated, thresholds sorted, ready to be
/// evaluated at any proceeds. Preparing costs O(classes + option strikes ·
/// log); evaluating costs O(log thresholds + holders).
#[derive(Clone, Debug)]
pub struct Waterfall {
    input: WaterfallInput,
    class_shares: Vec<Exact>,
    class_pref: Vec<Exact>,
    /// Ranks, most senior first: (seniority, class indices, total claim).
    ranks: Vec<(i64, Vec<usize>, Exact)>,
    ahead_total: Exact,
    /// All preferences (phase 1 ends here, in distributable terms).
    pref_total: Exact,
    common_shares: Exact,
    /// Common-equivalent shares before any switch.
    n0: Exact,
    thresholds: Vec<Threshold>,
}

/// Class-level amounts at one proceeds figure.
struct Agg {
    ahead: Vec<Exact>,
    class_pay: Vec<Exact>,
    class_basis: Vec<&'static str>,
    common_pay: Exact,
    exercised: Vec<bool>,
    /// Net payout of each exercised strike group, in threshold order.
    strike_pay: Vec<Exact>,
    unallocated: Exact,
    v: Option<Exact>,
    d: Exact,
}

/// A proceeds level where the slope of some payout changes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Breakpoint {
    /// Gross proceeds at the breakpoint.
    pub proceeds: Exact,
    /// The value per common share there, once preferences are paid.
    pub value_per_common: Option<Exact>,
    /// What happens, in words.
    pub events: Vec<String>,
}

/// One payee's payout.
#[derive(Clone, Debug, Serialize)]
pub struct Payout {
    /// The class (a deduction's id, a preferred class, the common, an option
    /// class, or `unallocated`).
    pub class: String,
    pub holder: String,
    pub shares: Shares,
    /// The exact amount.
    pub exact: Exact,
    /// To the cent, by largest remainder over all payees (see
    /// [`allocate_cents`]).
    pub amount: Money,
    /// Converted / exercised / preference / paid, in words.
    pub basis: String,
}

/// A class's total.
#[derive(Clone, Debug, Serialize)]
pub struct ClassPayout {
    pub class: String,
    pub exact: Exact,
    pub amount: Money,
    pub basis: String,
    pub per_share: Option<Exact>,
}

/// The waterfall at one proceeds figure.
#[derive(Clone, Debug, Serialize)]
pub struct Distribution {
    pub proceeds: Money,
    /// Proceeds less everything ahead of equity.
    pub distributable: Exact,
    /// Value per common share (after preferences), if any common-equivalent
    /// shares share in the residue.
    pub value_per_common: Option<Exact>,
    pub classes: Vec<ClassPayout>,
    pub payouts: Vec<Payout>,
    pub computed: Computed,
}

impl Distribution {
    /// The distribution as JSON, `<key>_exact` beside each figure whose
    /// decimal does not terminate (docs/cli.md, "Exact figures").
    pub fn to_json(&self) -> serde_json::Value {
        let mut v = serde_json::to_value(self).unwrap_or(serde_json::Value::Null);
        self.distributable.put_json(&mut v, "distributable");
        if let Some(x) = &self.value_per_common {
            x.put_json(&mut v, "value_per_common");
        }
        if let Some(rows) = v.get_mut("classes").and_then(|c| c.as_array_mut()) {
            for (j, c) in rows.iter_mut().zip(&self.classes) {
                c.exact.put_json(j, "exact");
                if let Some(x) = &c.per_share {
                    x.put_json(j, "per_share");
                }
            }
        }
        if let Some(rows) = v.get_mut("payouts").and_then(|c| c.as_array_mut()) {
            for (j, p) in rows.iter_mut().zip(&self.payouts) {
                p.exact.put_json(j, "exact");
            }
        }
        v
    }
}

impl WaterfallInput {
    /// The input as JSON, `<key>_exact` beside each figure whose decimal
    /// does not terminate (docs/cli.md, "Exact figures").
    pub fn to_json(&self) -> serde_json::Value {
        let mut v = serde_json::to_value(self).unwrap_or(serde_json::Value::Null);
        if let Some(rows) = v.get_mut("classes").and_then(|c| c.as_array_mut()) {
            for (j, c) in rows.iter_mut().zip(&self.classes) {
                c.preference_per_share.put_json(j, "preference_per_share");
                if let Some(x) = &c.conversion_ratio {
                    x.put_json(j, "conversion_ratio");
                }
            }
        }
        if let Some(rows) = v.get_mut("unknown").and_then(|c| c.as_array_mut()) {
            for (j, u) in rows.iter_mut().zip(&self.unknown) {
                u.shares.put_json(j, "shares");
            }
        }
        v
    }
}

impl Breakpoint {
    /// The breakpoint as JSON: `proceeds_exact` always (a breakpoint is
    /// where a slope changes, read to the last digit), `value_per_common`
    /// with `value_per_common_exact` when it does not terminate.
    pub fn to_json(&self) -> serde_json::Value {
        let mut v = serde_json::json!({
            "proceeds": self.proceeds.display(),
            "proceeds_exact": self.proceeds.fraction_string(),
            "value_per_common": self.value_per_common.as_ref().map(|x| x.display()),
            "events": self.events,
        });
        if let Some(x) = &self.value_per_common {
            x.put_json(&mut v, "value_per_common");
        }
        v
    }
}

/// The total of a class's positions: summed as decimals (fast, exact while
/// it fits), falling back to exact rationals on overflow.
fn sum_shares(p: &[Position]) -> Exact {
    let mut d = Shares::ZERO;
    for x in p {
        match d.checked_add(x.shares) {
            Ok(v) => d = v,
            Err(_) => {
                return p
                    .iter()
                    .fold(Exact::zero(), |acc, x| acc.add(&x.shares.exact()))
            }
        }
    }
    d.exact()
}

fn reject(msg: impl Into<String>) -> Rejection {
    Rejection::new(codes::BAD_INPUT, Clause::new("views", "waterfall"), msg)
}

impl Waterfall {
    /// Validates and prepares. Negative shares, preferences, ratios, strikes
    /// or deductions, and duplicate class ids, are refused (R0701).
    pub fn new(input: WaterfallInput) -> Result<Waterfall, Rejection> {
        if let Some(u) = input.unknown.first() {
            let all: Vec<String> = input
                .unknown
                .iter()
                .map(|u| {
                    format!(
                        "`{}` ({} shares held by {} holder(s){})",
                        u.class,
                        u.shares.display(),
                        u.holders,
                        u.seniority
                            .map(|s| format!(", rank {s}"))
                            .unwrap_or_default()
                    )
                })
                .collect();
            return Err(Rejection::new(
                codes::UNKNOWN,
                input
                    .citations
                    .first()
                    .cloned()
                    .unwrap_or_else(|| Clause::new("views", "waterfall")),
                format!(
                    "the claim of {} is not known: the payouts cannot be computed exactly without it",
                    all.join(", ")
                ),
            )
            .with_help(u.help.clone()));
        }
        let mut ids: Vec<&str> = vec![input.common_id.as_str()];
        for c in &input.classes {
            if ids.contains(&c.id.as_str()) {
                return Err(reject(format!("class `{}` appears twice", c.id)));
            }
            ids.push(&c.id);
            if c.preference_per_share.is_negative() {
                return Err(reject(format!(
                    "class `{}` has a negative preference",
                    c.id
                )));
            }
            if c.conversion_ratio.as_ref().is_some_and(|r| r.is_negative()) {
                return Err(reject(format!(
                    "class `{}` has a negative conversion ratio",
                    c.id
                )));
            }
        }
        let all_pos = input
            .classes
            .iter()
            .flat_map(|c| c.holders.iter())
            .chain(input.common.iter());
        for p in all_pos {
            if p.shares.is_negative() {
                return Err(reject(format!("holder `{}` has negative shares", p.holder)));
            }
        }
        for o in &input.options {
            if o.shares.is_negative() || o.strike.is_negative() {
                return Err(reject(format!(
                    "option of `{}` in `{}` has negative shares or strike",
                    o.holder, o.class
                )));
            }
        }
        let mut ahead_total = Exact::zero();
        for d in &input.ahead {
            if d.amount.is_negative() {
                return Err(reject(format!("`{}` is negative", d.id)));
            }
            ahead_total = ahead_total.add(&d.amount.exact());
        }

        let class_shares: Vec<Exact> = input
            .classes
            .iter()
            .map(|c| sum_shares(&c.holders))
            .collect();
        let class_pref: Vec<Exact> = input
            .classes
            .iter()
            .zip(&class_shares)
            .map(|(c, s)| c.preference_per_share.mul(s))
            .collect();
        let mut by_rank: BTreeMap<std::cmp::Reverse<i64>, (Vec<usize>, Exact)> = BTreeMap::new();
        for (i, c) in input.classes.iter().enumerate() {
            let e = by_rank
                .entry(std::cmp::Reverse(c.seniority))
                .or_insert_with(|| (Vec::new(), Exact::zero()));
            e.0.push(i);
            e.1 = e.1.add(&class_pref[i]);
        }
        let ranks: Vec<(i64, Vec<usize>, Exact)> =
            by_rank.into_iter().map(|(k, (v, t))| (k.0, v, t)).collect();
        let pref_total = class_pref.iter().fold(Exact::zero(), |a, x| a.add(x));
        let common_shares = sum_shares(&input.common);
        let mut n0 = common_shares.clone();
        let mut thresholds = Vec::new();
        for (i, c) in input.classes.iter().enumerate() {
            let Some(ratio) = &c.conversion_ratio else {
                continue;
            };
            let dn = ratio.mul(&class_shares[i]);
            if dn.is_zero() {
                continue;
            }
            if c.participating {
                n0 = n0.add(&dn);
                let Some(cap) = &c.cap_per_share else {
                    continue;
                };
                // Capped: participating while preference + v × ratio is
                // below the cap (t1), flat at the cap, converting once
                // v × ratio reaches it (t2). The cap never takes away the
                // preference itself.
                let cap = cap.clone().max(c.preference_per_share.clone());
                let t1 = cap
                    .sub(&c.preference_per_share)
                    .div(ratio)
                    .map_err(|_| reject("zero ratio"))?;
                let t2 = cap.div(ratio).map_err(|_| reject("zero ratio"))?;
                thresholds.push(Threshold {
                    dpref: t1.mul(&dn).neg(),
                    t: t1,
                    dn: dn.neg(),
                    dcash: Exact::zero(),
                    switch: Switch::Cap(i),
                    at: Exact::zero(),
                    n_before: Exact::zero(),
                });
                thresholds.push(Threshold {
                    dpref: cap.mul(&class_shares[i]),
                    t: t2,
                    dn,
                    dcash: Exact::zero(),
                    switch: Switch::Convert(i),
                    at: Exact::zero(),
                    n_before: Exact::zero(),
                });
                continue;
            }
            let t = c
                .preference_per_share
                .div(ratio)
                .map_err(|_| reject("zero ratio"))?;
            thresholds.push(Threshold {
                t,
                dn,
                dpref: class_pref[i].clone(),
                dcash: Exact::zero(),
                switch: Switch::Convert(i),
                at: Exact::zero(),
                n_before: Exact::zero(),
            });
        }
        // Options grouped by strike: one threshold per strike.
        let mut by_strike: BTreeMap<Price, Vec<usize>> = BTreeMap::new();
        for (i, o) in input.options.iter().enumerate() {
            if !o.shares.is_zero() {
                by_strike.entry(o.strike).or_default().push(i);
            }
        }
        for (k, idx) in by_strike {
            let dn = idx.iter().fold(Exact::zero(), |a, &i| {
                a.add(&input.options[i].shares.exact())
            });
            let t = k.exact();
            thresholds.push(Threshold {
                dcash: t.mul(&dn),
                t,
                dn,
                dpref: Exact::zero(),
                switch: Switch::Exercise(idx),
                at: Exact::zero(),
                n_before: Exact::zero(),
            });
        }
        thresholds.sort_by(|a, b| a.t.cmp(&b.t));
        let mut n = n0.clone();
        let mut pref = pref_total.clone();
        let mut cash = Exact::zero();
        for th in &mut thresholds {
            th.at = th.t.mul(&n).add(&pref).sub(&cash);
            th.n_before = n.clone();
            n = n.add(&th.dn);
            pref = pref.sub(&th.dpref);
            cash = cash.add(&th.dcash);
        }
        Ok(Waterfall {
            input,
            class_shares,
            class_pref,
            ranks,
            ahead_total,
            pref_total,
            common_shares,
            n0,
            thresholds,
        })
    }

    pub fn input(&self) -> &WaterfallInput {
        &self.input
    }

    /// Everything ahead of equity.
    pub fn ahead_total(&self) -> &Exact {
        &self.ahead_total
    }

    /// Every breakpoint, in increasing proceeds, coincident ones merged.
    pub fn breakpoints(&self) -> Vec<Breakpoint> {
        // (proceeds, value per common, what happens, known to be a kink).
        let mut raw: Vec<(Exact, Option<Exact>, String, bool)> = Vec::new();
        let mut acc = Exact::zero();
        for d in &self.input.ahead {
            if d.amount.is_zero() {
                continue;
            }
            acc = acc.add(&d.amount.exact());
            raw.push((acc.clone(), None, format!("{} paid in full", d.id), false));
        }
        let a = self.ahead_total.clone();
        let mut cum = Exact::zero();
        for (s, idx, total) in &self.ranks {
            if total.is_zero() {
                continue;
            }
            cum = cum.add(total);
            let names: Vec<&str> = idx
                .iter()
                .filter_map(|&i| self.input.classes.get(i).map(|c| c.id.as_str()))
                .collect();
            raw.push((
                a.add(&cum),
                None,
                format!("preference of rank {s} ({}) paid in full", names.join(", ")),
                false,
            ));
        }
        for th in &self.thresholds {
            let what = match &th.switch {
                Switch::Convert(i) => {
                    format!(
                    "{} converts (preference per as-converted share = value per common share = {})",
                    self.input.classes.get(*i).map(|c| c.id.as_str()).unwrap_or("?"),
                    th.t.display()
                )
                }
                Switch::Cap(i) => {
                    let c = self.input.classes.get(*i);
                    format!(
                            "{} reaches its participation cap of {} per share (value per common share = {})",
                            c.map(|c| c.id.as_str()).unwrap_or("?"),
                            c.and_then(|c| c.cap_per_share.as_ref())
                                .map(|x| x.display())
                                .unwrap_or_default(),
                            th.t.display()
                        )
                }
                Switch::Exercise(idx) => {
                    let mut classes: Vec<&str> = idx
                        .iter()
                        .filter_map(|&i| self.input.options.get(i).map(|o| o.class.as_str()))
                        .collect();
                    classes.dedup();
                    format!(
                        "options/warrants at strike {} exercise ({})",
                        th.t.display(),
                        classes.join(", ")
                    )
                }
            };
            // With common-equivalent shares below it, a switch that adds
            // more changes every common holder's slope (1/N to 1/(N+dn)):
            // a kink for certain, unless something else happens there too.
            let sure = !th.n_before.is_zero() && !th.dn.is_zero();
            raw.push((a.add(&th.at), Some(th.t.clone()), what, sure));
        }
        if self.final_n().is_zero() {
            raw.push((
                a.add(&self.final_pref()).sub(&self.final_cash()),
                None,
                "every claim paid in full; the rest is unallocated (no common-equivalent shares)"
                    .into(),
                false,
            ));
        }
        raw.sort_by(|x, y| x.0.cmp(&y.0));
        let mut merged: Vec<Breakpoint> = Vec::new();
        let mut sure: Vec<bool> = Vec::new();
        for (p, v, e, certain) in raw {
            match merged.last_mut() {
                Some(last) if last.proceeds == p => {
                    // Coincident events may cancel: verify numerically.
                    if let Some(x) = sure.last_mut() {
                        *x = false;
                    }
                    last.events.push(e);
                    if last.value_per_common.is_none() {
                        last.value_per_common = v;
                    }
                }
                _ => {
                    sure.push(certain);
                    merged.push(Breakpoint {
                        proceeds: p,
                        value_per_common: v,
                        events: vec![e],
                    })
                }
            }
        }
        // Verify: keep a candidate only where some payout's slope really
        // changes (a class converting when nothing else shares the residue,
        // say, changes nobody's slope).
        let four = Exact::from_int(4);
        let mut out = Vec::with_capacity(merged.len());
        for (i, b) in merged.iter().enumerate() {
            if sure.get(i).copied().unwrap_or(false) {
                out.push(b.clone());
                continue;
            }
            // Both sides at equal distance, the left one not below zero.
            let mut eps = Exact::one();
            if !b.proceeds.is_zero() && !b.proceeds.is_negative() {
                eps = eps.min(b.proceeds.clone());
            }
            if let Some(prev) = i.checked_sub(1).and_then(|j| merged.get(j)) {
                eps = eps.min(
                    b.proceeds
                        .sub(&prev.proceeds)
                        .div(&four)
                        .unwrap_or_else(|_| Exact::one()),
                );
            }
            if let Some(next) = merged.get(i + 1) {
                eps = eps.min(
                    next.proceeds
                        .sub(&b.proceeds)
                        .div(&four)
                        .unwrap_or_else(|_| Exact::one()),
                );
            }
            if self.kinks(&b.proceeds, &eps) {
                out.push(b.clone());
            }
        }
        out
    }

    fn final_n(&self) -> Exact {
        self.thresholds
            .iter()
            .fold(self.n0.clone(), |a, t| a.add(&t.dn))
    }
    fn final_pref(&self) -> Exact {
        self.thresholds
            .iter()
            .fold(self.pref_total.clone(), |a, t| a.sub(&t.dpref))
    }
    fn final_cash(&self) -> Exact {
        self.thresholds
            .iter()
            .fold(Exact::zero(), |a, t| a.add(&t.dcash))
    }

    /// The waterfall at `proceeds` (whole cents; R0702 otherwise).
    pub fn distribute(&self, proceeds: Money) -> Result<Distribution, Rejection> {
        if proceeds.is_negative() {
            return Err(Rejection::new(
                codes::BAD_PROCEEDS,
                Clause::new("views", "waterfall"),
                "proceeds must not be negative",
            ));
        }
        if proceeds.value().round_dp(2) != proceeds.value() {
            return Err(Rejection::new(
                codes::BAD_PROCEEDS,
                Clause::new("views", "waterfall"),
                format!("proceeds {proceeds} are not whole cents"),
            )
            .with_help("a distribution is paid in cents; give at most two decimal places"));
        }
        let (mut payouts, d, v) = self.exact_payouts(&proceeds.exact());
        allocate_cents(&mut payouts, proceeds)?;
        let mut classes: Vec<ClassPayout> = Vec::new();
        for p in &payouts {
            match classes.iter_mut().find(|c| c.class == p.class) {
                Some(c) => {
                    c.exact = c.exact.add(&p.exact);
                    c.amount = c
                        .amount
                        .checked_add(p.amount)
                        .map_err(|e| reject(e.to_string()))?;
                }
                None => classes.push(ClassPayout {
                    class: p.class.clone(),
                    exact: p.exact.clone(),
                    amount: p.amount,
                    basis: p.basis.clone(),
                    per_share: None,
                }),
            }
        }
        for c in &mut classes {
            let shares = if c.class == self.input.common_id {
                Some(self.common_shares.clone())
            } else {
                self.input
                    .classes
                    .iter()
                    .position(|k| k.id == c.class)
                    .and_then(|i| self.class_shares.get(i).cloned())
            };
            c.per_share = shares.and_then(|s| c.exact.div(&s).ok());
        }
        let mut computed = Computed::new(
            "Distribution of proceeds",
            proceeds,
            "proceeds − costs and debt (in order) → preferences by rank, ratably within a rank → value per common share v = (D − preferences still claimed + exercise cash) / common-equivalent shares",
        )
        .input("proceeds", proceeds)
        .input_exact("ahead of equity", &self.ahead_total)
        .input_exact("distributable D", &d)
        .rounded("each payee's exact amount to the cent by largest remainder; ties to the earlier payee");
        for c in &self.input.citations {
            computed = computed.cite(c.clone());
        }
        if let Some(v) = &v {
            computed = computed.input_exact("value per common share v", v);
        }
        for c in &classes {
            computed = computed.step(
                Computed::new(format!("paid to {}", c.class), c.amount, c.basis.clone())
                    .input_exact("exact", &c.exact),
            );
        }
        Ok(Distribution {
            proceeds,
            distributable: d,
            value_per_common: v,
            classes,
            payouts,
            computed,
        })
    }

    /// The class-level amounts at `proceeds`: what every holder's payout is
    /// a fixed fraction of.
    fn aggregate(&self, proceeds: &Exact) -> Agg {
        let nclass = self.input.classes.len();
        let mut rest = if proceeds.is_negative() {
            Exact::zero()
        } else {
            proceeds.clone()
        };
        let mut ahead = Vec::with_capacity(self.input.ahead.len());
        for dd in &self.input.ahead {
            let x = rest.clone().min(dd.amount.exact());
            rest = rest.sub(&x);
            ahead.push(x);
        }
        let d = rest;
        let mut agg = Agg {
            ahead,
            class_pay: vec![Exact::zero(); nclass],
            class_basis: vec!["preference"; nclass],
            common_pay: Exact::zero(),
            exercised: vec![false; self.input.options.len()],
            strike_pay: Vec::new(),
            unallocated: Exact::zero(),
            v: None,
            d: d.clone(),
        };
        if d <= self.pref_total {
            // Phase 1: preferences by rank, ratably within a rank.
            let mut left = d;
            for (_, idx, total) in &self.ranks {
                if total.is_zero() {
                    continue;
                }
                let paid = left.clone().min(total.clone());
                left = left.sub(&paid);
                for &i in idx {
                    if let (Some(cp), Some(share)) =
                        (agg.class_pay.get_mut(i), self.class_pref.get(i))
                    {
                        *cp = paid.mul(share).div(total).unwrap_or_else(|_| Exact::zero());
                    }
                }
            }
            return agg;
        }
        let k = self.thresholds.partition_point(|t| t.at <= d);
        let mut n = self.n0.clone();
        let mut pref = self.pref_total.clone();
        let mut cash = Exact::zero();
        let mut converted = vec![false; nclass];
        let mut capped = vec![false; nclass];
        let mut exercised_groups: Vec<&Vec<usize>> = Vec::new();
        for th in self.thresholds.iter().take(k) {
            n = n.add(&th.dn);
            pref = pref.sub(&th.dpref);
            cash = cash.add(&th.dcash);
            match &th.switch {
                Switch::Convert(i) => {
                    if let Some(c) = converted.get_mut(*i) {
                        *c = true;
                    }
                }
                Switch::Cap(i) => {
                    if let Some(c) = capped.get_mut(*i) {
                        *c = true;
                    }
                }
                Switch::Exercise(idx) => exercised_groups.push(idx),
            }
        }
        let residue = d.sub(&pref).add(&cash);
        let v = if n.is_zero() {
            agg.unallocated = residue;
            Exact::zero()
        } else {
            residue.div(&n).unwrap_or_else(|_| Exact::zero())
        };
        for (i, c) in self.input.classes.iter().enumerate() {
            let as_conv = c
                .conversion_ratio
                .as_ref()
                .map(|r| r.mul(&self.class_shares[i]).mul(&v))
                .unwrap_or_else(Exact::zero);
            if converted[i] {
                agg.class_pay[i] = as_conv;
                agg.class_basis[i] = "as converted";
            } else if capped[i] {
                let cap = c
                    .cap_per_share
                    .clone()
                    .unwrap_or_else(Exact::zero)
                    .max(c.preference_per_share.clone());
                agg.class_pay[i] = cap.mul(&self.class_shares[i]);
                agg.class_basis[i] = "preference and participation, capped";
            } else if c.participating && c.conversion_ratio.is_some() {
                agg.class_pay[i] = self.class_pref[i].add(&as_conv);
                agg.class_basis[i] = "preference and participation";
            } else {
                agg.class_pay[i] = self.class_pref[i].clone();
            }
        }
        agg.common_pay = self.common_shares.mul(&v);
        for th in self.thresholds.iter().take(k) {
            if let Switch::Exercise(idx) = &th.switch {
                agg.strike_pay.push(th.dn.mul(&v.sub(&th.t)));
                for &i in idx {
                    if let Some(e) = agg.exercised.get_mut(i) {
                        *e = true;
                    }
                }
            }
        }
        if !n.is_zero() {
            agg.v = Some(v);
        }
        agg
    }

    /// Exact payouts at any (possibly fractional) proceeds, without cents.
    /// Returns the payouts, the distributable amount and the value per
    /// common share.
    pub fn exact_payouts(&self, proceeds: &Exact) -> (Vec<Payout>, Exact, Option<Exact>) {
        let agg = self.aggregate(proceeds);
        let mut out: Vec<Payout> = Vec::new();
        let pay = |class: &str, holder: &str, shares: Shares, exact: Exact, basis: &str| Payout {
            class: class.to_string(),
            holder: holder.to_string(),
            shares,
            exact,
            amount: Money::ZERO,
            basis: basis.to_string(),
        };
        for (dd, x) in self.input.ahead.iter().zip(&agg.ahead) {
            out.push(pay(
                &dd.id,
                &dd.id,
                Shares::ZERO,
                x.clone(),
                "ahead of equity",
            ));
        }
        // Per holder, pro rata to shares within the class.
        for (i, c) in self.input.classes.iter().enumerate() {
            let total_shares = &self.class_shares[i];
            for h in &c.holders {
                let x = agg.class_pay[i]
                    .mul(&h.shares.exact())
                    .div(total_shares)
                    .unwrap_or_else(|_| Exact::zero());
                out.push(pay(&c.id, &h.holder, h.shares, x, agg.class_basis[i]));
            }
        }
        for h in &self.input.common {
            let x = agg
                .common_pay
                .mul(&h.shares.exact())
                .div(&self.common_shares)
                .unwrap_or_else(|_| Exact::zero());
            out.push(pay(&self.input.common_id, &h.holder, h.shares, x, "common"));
        }
        let v = agg.v.clone().unwrap_or_else(Exact::zero);
        for (i, o) in self.input.options.iter().enumerate() {
            let (x, basis) = if agg.exercised[i] {
                (
                    o.shares.exact().mul(&v.sub(&o.strike.exact())),
                    "exercised (net of strike)",
                )
            } else {
                (Exact::zero(), "not exercised")
            };
            out.push(pay(&o.class, &o.holder, o.shares, x, basis));
        }
        if self.final_n().is_zero() {
            out.push(pay(
                "unallocated",
                "unallocated",
                Shares::ZERO,
                agg.unallocated,
                "no common-equivalent shares",
            ));
        }
        (out, agg.d, agg.v)
    }

    /// The class-level amounts as one vector (for slope comparisons).
    fn levels(&self, proceeds: &Exact) -> Vec<Exact> {
        let a = self.aggregate(proceeds);
        let mut v = a.ahead;
        v.extend(a.class_pay);
        v.push(a.common_pay);
        // One entry per strike group, exercised or not, so vectors align.
        let groups = self
            .thresholds
            .iter()
            .filter(|t| matches!(t.switch, Switch::Exercise(_)))
            .count();
        let mut sp = a.strike_pay;
        sp.resize(groups, Exact::zero());
        v.extend(sp);
        v.push(a.unallocated);
        v
    }

    /// True when some payout's slope differs on the two sides of `at`
    /// (checked exactly at `at ± eps`).
    fn kinks(&self, at: &Exact, eps: &Exact) -> bool {
        let left = at.sub(eps);
        let right = at.add(eps);
        let (l, m, r) = (self.levels(&left), self.levels(at), self.levels(&right));
        l.iter()
            .zip(&m)
            .zip(&r)
            .any(|((l, m), r)| m.sub(l) != r.sub(m))
    }

    /// The exact value per common share at `proceeds` (None during the
    /// preference phase).
    pub fn value_per_common(&self, proceeds: &Exact) -> Option<Exact> {
        self.exact_payouts(proceeds).2
    }
}

/// Brings exact payouts to cents so that they sum to `total` exactly: each
/// is floored to the cent, and the cents left over go one each to the
/// payees with the largest remainders (ties: the earlier payee). This is the
/// largest-remainder (Hamilton) method; no payee is ever moved by more than
/// one cent from its exact amount.
pub fn allocate_cents(payouts: &mut [Payout], total: Money) -> Result<(), Rejection> {
    let hundred = Exact::from_int(100);
    let mut floors: Vec<(Exact, Exact)> = Vec::with_capacity(payouts.len());
    let mut sum = Exact::zero();
    for p in payouts.iter() {
        let cents = p.exact.mul(&hundred);
        let (whole, frac) = cents.trunc_fract();
        sum = sum.add(&whole);
        floors.push((whole, frac));
    }
    let target = total.exact().mul(&hundred);
    let left = target.sub(&sum);
    let left = left
        .round_dp(0, Rounding::HalfUp)
        .map_err(|e| reject(e.to_string()))?;
    let left: usize = usize::try_from(left.mantissa()).unwrap_or(0);
    let mut order: Vec<usize> = (0..payouts.len()).collect();
    order.sort_by(|&a, &b| floors[b].1.cmp(&floors[a].1).then(a.cmp(&b)));
    for &i in order.iter().take(left) {
        floors[i].0 = floors[i].0.add(&Exact::one());
    }
    for (p, (whole, _)) in payouts.iter_mut().zip(floors) {
        let cents = whole.div(&hundred).map_err(|e| reject(e.to_string()))?;
        p.amount = Money::new(
            cents
                .round_dp(2, Rounding::HalfUp)
                .map_err(|e| reject(e.to_string()))?,
        );
    }
    Ok(())
}

/// Sums payouts per holder across classes (a holder of common and preferred
/// sees one figure).
pub fn by_holder(payouts: &[Payout]) -> Vec<(String, Exact, Money)> {
    let mut m: BTreeMap<&str, (Exact, Money)> = BTreeMap::new();
    for p in payouts {
        let e = m
            .entry(p.holder.as_str())
            .or_insert((Exact::zero(), Money::ZERO));
        e.0 = e.0.add(&p.exact);
        e.1 = e.1.checked_add(p.amount).unwrap_or(e.1);
    }
    m.into_iter()
        .map(|(k, (e, a))| (k.to_string(), e, a))
        .collect()
}
