//! The capitalization table as of a date, by class and by holder.
//!
//! From a [`Snapshot`] (classes with their authorized, issued, treasury and
//! outstanding shares; holders' positions; convertibles with the common
//! shares they convert into; options and warrants with their strikes; plan
//! pools still available) this computes the as-converted and fully diluted
//! counts, voting power, ownership percentages and reserve sufficiency.
//!
//! "Outstanding" means "issued shares, excluding shares held by the
//! Corporation" (the documents' definition). "Fully diluted" is a documented
//! setting ([`CapTableSettings`]): which convertibles, options, warrants and
//! pools count, whether out-of-the-money ones do, and whether the
//! treasury-stock method nets the exercise proceeds. A preferred series that
//! votes as converted gives each holder the votes its terms compute from
//! the common issuable on conversion of all the shares the holder holds
//! (e.g. "the whole number of shares of ... Common Stock issuable upon
//! conversion"), as the instrument reports them.

use crate::codes;
use calendar::Date;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::Arc;
use terms::Rejection;
use units::{Clause, Computed, Exact, Price, Rounding, Shares};

/// What kind of class a row is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum ClassKind {
    Common,
    Preferred,
    Warrant,
    Option,
    Other,
}

/// How a class votes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum Voting {
    /// Does not vote with the common.
    None,
    /// Votes per share held.
    PerShare(Exact),
    /// Votes as converted: each holder's as-converted shares, rounded as the
    /// series' terms say.
    AsConverted,
}

#[derive(Clone, Debug, Serialize)]
pub struct ClassRow {
    pub id: String,
    pub name: String,
    pub kind: ClassKind,
    pub authorized: Option<Shares>,
    pub issued: Shares,
    pub treasury: Shares,
    pub outstanding: Shares,
    pub voting: Voting,
}

/// A holder's position in a class.
#[derive(Clone, Debug, Serialize)]
pub struct Holding {
    pub holder: String,
    pub class: String,
    pub shares: Shares,
}

/// Shares of a convertible class one holder holds, with the common they
/// convert into as of the date (shares × Conversion Ratio).
#[derive(Clone, Debug, Serialize)]
pub struct Convertible {
    pub class: String,
    pub holder: String,
    pub shares: Shares,
    pub as_converted: Exact,
    /// Votes when the class votes as converted (as the instrument rounds them);
    /// `None`: the whole part of `as_converted`.
    pub votes: Option<Shares>,
}

/// Options or warrants one holder holds (common shares issuable).
#[derive(Clone, Debug, Serialize)]
pub struct Exercisable {
    /// The instrument or plan.
    pub class: String,
    pub kind: ClassKind,
    pub holder: String,
    pub shares: Shares,
    /// Exercise price per share; `None` if none is known (counted as in the
    /// money).
    pub strike: Option<Price>,
}

/// Shares reserved under a plan and not yet subject to an award.
#[derive(Clone, Debug, Serialize)]
pub struct Pool {
    pub id: String,
    pub available: Shares,
}

/// A covenant that requires common to be reserved, and for what.
#[derive(Clone, Debug, Serialize)]
pub struct Covenant {
    /// The class, instrument or plan the reservation is for.
    pub for_class: String,
    pub clause: Clause,
}

/// Everything the cap table needs, as of one date.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Snapshot {
    pub date: Option<Date>,
    pub common_id: String,
    pub classes: Vec<ClassRow>,
    pub holdings: Vec<Holding>,
    pub convertibles: Vec<Convertible>,
    pub exercisables: Vec<Exercisable>,
    pub pools: Vec<Pool>,
    pub covenants: Vec<Covenant>,
}

/// The definition of "fully diluted" (docs/interpretations.md,
/// "Capitalization views and waterfall").
#[derive(Clone, Debug, Serialize)]
pub struct CapTableSettings {
    pub include_convertibles: bool,
    pub include_warrants: bool,
    pub include_options: bool,
    /// Plan shares available for future awards.
    pub include_pools: bool,
    /// Out-of-the-money options and warrants count (needs no price); when
    /// false, `price` decides which are in the money.
    pub include_out_of_the_money: bool,
    /// Treasury-stock method: exercise proceeds buy back shares at `price`,
    /// so an in-the-money exercisable adds `n × (1 − strike / price)`.
    pub treasury_stock_method: bool,
    /// The common's price for the two settings above.
    pub price: Option<Price>,
}

impl Default for CapTableSettings {
    fn default() -> Self {
        CapTableSettings {
            include_convertibles: true,
            include_warrants: true,
            include_options: true,
            include_pools: true,
            include_out_of_the_money: true,
            treasury_stock_method: false,
            price: None,
        }
    }
}

/// A class row of the table.
#[derive(Clone, Debug, Serialize)]
pub struct ClassLine {
    pub id: String,
    pub kind: ClassKind,
    pub authorized: Option<Shares>,
    pub issued: Shares,
    pub treasury: Shares,
    pub outstanding: Shares,
    /// Common-equivalent shares of what is outstanding (common: itself;
    /// convertibles: as converted). Options and warrants are not converted
    /// securities (they need an exercise and its price): zero here, counted
    /// in `fully_diluted`, so the column adds up to `as_converted_total`
    /// (docs/interpretations.md "As converted excludes options and
    /// warrants").
    pub as_converted: Exact,
    /// What counts toward the fully diluted total under the settings.
    pub fully_diluted: Exact,
    pub pct_fully_diluted: Exact,
    pub votes: Exact,
    pub pct_votes: Exact,
}

/// A holder row of the table.
#[derive(Clone, Debug, Serialize)]
pub struct HolderLine {
    pub holder: String,
    /// Shares held per class (and options/warrants per instrument).
    pub positions: Positions,
    pub common: Shares,
    pub pct_outstanding_common: Fraction,
    pub as_converted: Figure,
    pub pct_as_converted: Fraction,
    pub fully_diluted: Figure,
    pub pct_fully_diluted: Fraction,
    pub votes: Figure,
    pub pct_votes: Fraction,
}

/// A holder's shares per class, in class-id order; serialized as a map
/// (`{"common": "1000"}`). Class names are shared, and the usual single
/// position is held inline: a map per holder costs a node and a copy of
/// each name, which for a large table is most of its time.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Positions(Repr);

#[derive(Clone, Debug, Default, PartialEq, Eq)]
enum Repr {
    #[default]
    Empty,
    One((Arc<str>, Shares)),
    Many(Vec<(Arc<str>, Shares)>),
}

impl Positions {
    fn as_slice(&self) -> &[(Arc<str>, Shares)] {
        match &self.0 {
            Repr::Empty => &[],
            Repr::One(p) => std::slice::from_ref(p),
            Repr::Many(v) => v,
        }
    }

    /// The shares held in `class`, if any position.
    pub fn get(&self, class: &str) -> Option<Shares> {
        self.as_slice()
            .iter()
            .find(|(k, _)| &**k == class)
            .map(|(_, v)| *v)
    }

    /// (class, shares) in class-id order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, Shares)> {
        self.as_slice().iter().map(|(k, v)| (&**k, *v))
    }

    pub fn len(&self) -> usize {
        self.as_slice().len()
    }

    pub fn is_empty(&self) -> bool {
        self.as_slice().is_empty()
    }

    /// Adds `n` to the position in `class` (`or_keep`: only if there is none
    /// yet, for a convertible whose shares the ledger also lists).
    fn add(&mut self, class: &Arc<str>, n: Shares, or_keep: bool) {
        let bump = |v: &mut Shares| {
            if !or_keep {
                *v = v.checked_add(n).unwrap_or(*v);
            }
        };
        match &mut self.0 {
            Repr::Empty => self.0 = Repr::One((Arc::clone(class), n)),
            Repr::One((k, v)) if **k == **class => bump(v),
            Repr::One(p) => {
                let first = p.clone();
                let mut v = vec![first, (Arc::clone(class), n)];
                v.sort_by(|x, y| x.0.cmp(&y.0));
                self.0 = Repr::Many(v);
            }
            Repr::Many(v) => match v.binary_search_by(|(k, _)| (**k).cmp(&**class)) {
                Ok(i) => {
                    if let Some((_, x)) = v.get_mut(i) {
                        bump(x);
                    }
                }
                Err(i) => v.insert(i, (Arc::clone(class), n)),
            },
        }
    }
}

impl Serialize for Positions {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(self.len()))?;
        for (k, v) in self.as_slice() {
            m.serialize_entry(&**k, v)?;
        }
        m.end()
    }
}

/// One need for reserved common.
#[derive(Clone, Debug, Serialize)]
pub struct ReserveNeed {
    pub for_class: String,
    pub shares: Exact,
    pub clause: Option<Clause>,
}

/// Authorized but unissued common against everything that could need it.
#[derive(Clone, Debug, Serialize)]
pub struct Reserve {
    pub authorized: Option<Shares>,
    pub issued: Shares,
    /// Authorized − issued (treasury shares are issued shares, not outstanding;
    /// they may also be delivered, and are shown separately).
    pub unissued: Option<Exact>,
    pub treasury: Shares,
    pub needs: Vec<ReserveNeed>,
    pub required: Exact,
    /// `None` when the authorized number is not known.
    pub sufficient: Option<bool>,
    pub shortfall: Exact,
    pub computed: Computed,
}

/// The cap table.
#[derive(Clone, Debug, Serialize)]
pub struct CapTable {
    pub date: Option<Date>,
    pub settings: CapTableSettings,
    pub classes: Vec<ClassLine>,
    pub holders: Vec<HolderLine>,
    pub common_outstanding: Shares,
    pub as_converted_total: Exact,
    pub fully_diluted_total: Exact,
    pub votes_total: Exact,
    /// Plan pools counted (no holder).
    pub pools: Exact,
    pub reserve: Reserve,
    pub computations: Vec<Computed>,
}

impl CapTable {
    /// The table as JSON: every figure as displayed and, beside each one
    /// whose decimal does not terminate, `<key>_exact` with its fraction
    /// (docs/cli.md, "Exact figures"), so a reader can re-add the columns
    /// exactly.
    pub fn to_json(&self) -> serde_json::Value {
        let mut v = serde_json::to_value(self).unwrap_or(serde_json::Value::Null);
        if let Some(rows) = v.get_mut("classes").and_then(|c| c.as_array_mut()) {
            for (j, c) in rows.iter_mut().zip(&self.classes) {
                c.as_converted.put_json(j, "as_converted");
                c.fully_diluted.put_json(j, "fully_diluted");
                c.pct_fully_diluted.put_json(j, "pct_fully_diluted");
                c.votes.put_json(j, "votes");
                c.pct_votes.put_json(j, "pct_votes");
            }
        }
        if let Some(rows) = v.get_mut("holders").and_then(|c| c.as_array_mut()) {
            for (j, h) in rows.iter_mut().zip(&self.holders) {
                h.pct_outstanding_common
                    .put_json(j, "pct_outstanding_common");
                h.as_converted.put_json(j, "as_converted");
                h.pct_as_converted.put_json(j, "pct_as_converted");
                h.fully_diluted.put_json(j, "fully_diluted");
                h.pct_fully_diluted.put_json(j, "pct_fully_diluted");
                h.votes.put_json(j, "votes");
                h.pct_votes.put_json(j, "pct_votes");
            }
        }
        self.as_converted_total
            .put_json(&mut v, "as_converted_total");
        self.fully_diluted_total
            .put_json(&mut v, "fully_diluted_total");
        self.votes_total.put_json(&mut v, "votes_total");
        self.pools.put_json(&mut v, "pools");
        if let Some(r) = v.get_mut("reserve") {
            if let Some(u) = &self.reserve.unissued {
                u.put_json(r, "unissued");
            }
            self.reserve.required.put_json(r, "required");
            self.reserve.shortfall.put_json(r, "shortfall");
            if let Some(needs) = r.get_mut("needs").and_then(|n| n.as_array_mut()) {
                for (j, n) in needs.iter_mut().zip(&self.reserve.needs) {
                    n.shares.put_json(j, "shares");
                }
            }
        }
        v
    }
}

/// An exact figure of a holder's line: a decimal while the sum is one
/// (share counts, the usual case), an exact rational otherwise. A cap table
/// of many holders has several figures per holder, and a big rational costs
/// heap allocations that a decimal does not; both print the same
/// (`Exact::display`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Figure {
    Decimal(units::Decimal),
    Exact(Box<Exact>),
}

impl Figure {
    /// The figure as an exact rational.
    pub fn exact(&self) -> Exact {
        match self {
            Figure::Decimal(d) => exact_of_decimal(*d),
            Figure::Exact(x) => (**x).clone(),
        }
    }

    /// As `Exact::display`: the decimal, or 12 places and `…`.
    pub fn display(&self) -> String {
        match self {
            Figure::Decimal(d) => d.normalize().to_string(),
            Figure::Exact(x) => x.display(),
        }
    }

    pub fn is_zero(&self) -> bool {
        match self {
            Figure::Decimal(d) => d.is_zero(),
            Figure::Exact(x) => x.is_zero(),
        }
    }
}

impl PartialEq<Exact> for Figure {
    fn eq(&self, other: &Exact) -> bool {
        self.exact() == *other
    }
}

impl Figure {
    /// As [`Exact::put_json`]; a decimal always terminates, so only an
    /// exact rational can add `<key>_exact`.
    pub fn put_json(&self, obj: &mut serde_json::Value, key: &str) {
        if let Figure::Exact(x) = self {
            x.put_json(obj, key);
        }
    }
}

impl Serialize for Figure {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.display())
    }
}

/// An ownership percentage kept as its exact parts, reduced when read: a
/// cap table of many holders has four per holder, and reducing a big
/// rational costs far more than holding the pair. The whole is shared by
/// every holder's line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fraction {
    pub part: Figure,
    pub whole: Arc<Exact>,
}

impl Fraction {
    pub fn new(part: Figure, whole: &Arc<Exact>) -> Fraction {
        Fraction {
            part,
            whole: Arc::clone(whole),
        }
    }

    /// `part / whole` exactly (zero when the whole is zero).
    pub fn value(&self) -> Exact {
        fraction(&self.part.exact(), &self.whole)
    }
}

impl Fraction {
    /// As [`Exact::put_json`], for the reduced fraction.
    pub fn put_json(&self, obj: &mut serde_json::Value, key: &str) {
        self.value().put_json(obj, key);
    }
}

impl Serialize for Fraction {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.value().serialize(s)
    }
}

/// FNV-1a: holder ids are short strings the book chose, hashed once per
/// position; SipHash's protection against chosen keys costs more than the
/// rest of the accumulation.
#[derive(Default)]
struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type FnvMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<Fnv>>;

/// `part / whole` as a fraction (zero when the whole is zero).
pub fn fraction(part: &Exact, whole: &Exact) -> Exact {
    part.div(whole).unwrap_or_else(|_| Exact::zero())
}

/// A fraction as a percentage with `dp` places, half up (display only).
pub fn percent(f: &Exact, dp: u32) -> String {
    f.mul(&Exact::from_int(100))
        .round_dp(dp, Rounding::HalfUp)
        .map(|d| format!("{d}%"))
        .unwrap_or_else(|_| "-".into())
}

/// A running total: decimals add as decimals; anything else (or an
/// overflow) is kept exactly on the side.
#[derive(Clone, Debug, Default)]
struct Sum {
    dec: units::Decimal,
    /// Boxed: most sums never need it, and a holder's line has four.
    rest: Option<Box<Exact>>,
}

impl Sum {
    fn add_shares(&mut self, s: Shares) {
        match self.dec.checked_add(s.value()) {
            Some(v) => self.dec = v,
            None => self.add_exact(&s.exact()),
        }
    }

    fn add_exact(&mut self, x: &Exact) {
        if x.is_zero() {
            return;
        }
        self.rest = Some(Box::new(match &self.rest {
            Some(r) => r.add(x),
            None => x.clone(),
        }));
    }

    fn merge(&mut self, o: &Sum) {
        match self.dec.checked_add(o.dec) {
            Some(v) => self.dec = v,
            None => self.add_exact(&Exact::from_decimal(o.dec)),
        }
        if let Some(r) = &o.rest {
            self.add_exact(r);
        }
    }

    /// The sum as a holder's figure: a decimal unless something was kept
    /// exactly on the side.
    fn figure(&self) -> Figure {
        match &self.rest {
            None => Figure::Decimal(self.dec),
            Some(_) => Figure::Exact(Box::new(self.total())),
        }
    }

    fn total(&self) -> Exact {
        let d = exact_of_decimal(self.dec);
        match &self.rest {
            Some(r) => d.add(r),
            None => d,
        }
    }
}

/// A whole decimal as an `Exact` without a reduction (the common case of a
/// share count); any other decimal through `Exact::from_decimal`.
fn exact_of_decimal(d: units::Decimal) -> Exact {
    if d.scale() == 0 {
        if let Ok(i) = i64::try_from(d.mantissa()) {
            return Exact::from_int(i);
        }
    }
    Exact::from_decimal(d)
}

/// `shares × votes per share` as a decimal when the product is exact (its
/// scale is the sum of the scales, so nothing was rounded); `None` sends
/// the caller to exact rationals.
fn mul_decimal(s: Shares, v: units::Decimal) -> Option<Shares> {
    if v == units::Decimal::ONE {
        return Some(s);
    }
    let p = s.value().checked_mul(v)?;
    (p.scale() == s.value().scale() + v.scale()).then(|| Shares::new(p))
}

fn whole(x: &Exact) -> Exact {
    x.trunc_fract().0
}

impl CapTable {
    /// Computes the table. Settings that need a price without one are
    /// refused (R0703).
    pub fn compute<'s>(
        snap: &'s Snapshot,
        settings: &CapTableSettings,
    ) -> Result<CapTable, Rejection> {
        let needs_price = settings.treasury_stock_method || !settings.include_out_of_the_money;
        let price = match (needs_price, settings.price) {
            (true, None) => {
                return Err(Rejection::new(
                    codes::BAD_PRICE,
                    Clause::new("views", "fully diluted"),
                    "excluding out-of-the-money options or using the treasury-stock method needs the common's price",
                )
                .with_help("pass --price <per share>"))
            }
            (true, Some(p)) if !p.is_negative() && !p.is_zero() => Some(p.exact()),
            (true, Some(_)) => {
                return Err(Rejection::new(
                    codes::BAD_PRICE,
                    Clause::new("views", "fully diluted"),
                    "the price must be positive",
                ))
            }
            (false, p) => p.map(|p| p.exact()),
        };
        let common_row = snap.classes.iter().find(|c| c.id == snap.common_id);
        let common_outstanding = common_row.map(|c| c.outstanding).unwrap_or(Shares::ZERO);

        // Fully diluted contribution of one exercisable.
        // (Whole counts stay decimals; only the treasury-stock method's
        // buy-back makes a rational.)
        let fd_of = |e: &Exercisable| -> Result<Shares, Exact> {
            let included = match e.kind {
                ClassKind::Warrant => settings.include_warrants,
                _ => settings.include_options,
            };
            if !included {
                return Ok(Shares::ZERO);
            }
            let (Some(k), Some(p)) = (e.strike.map(|k| k.exact()), price.as_ref()) else {
                return Ok(e.shares);
            };
            let in_money = &k < p;
            if !in_money && !settings.include_out_of_the_money {
                return Ok(Shares::ZERO);
            }
            if settings.treasury_stock_method {
                if in_money {
                    // n − n × strike / price: the exercise cash buys back shares.
                    let n = e.shares.exact();
                    return Err(n.sub(&fraction(&n.mul(&k), p)));
                }
                return Ok(Shares::ZERO);
            }
            Ok(e.shares)
        };

        // Per-holder accumulation. Whole and decimal share counts add as
        // decimals (fast and exact while they fit); only fractional
        // as-converted figures go through exact rationals.
        #[derive(Default)]
        struct Acc {
            positions: Positions,
            common: Sum,
            as_converted: Sum,
            fd: Sum,
            votes: Sum,
        }
        // Holders indexed by a hash map into a vector (a B-tree of large
        // values spends its time moving them), sorted by id at the end.
        let capacity = snap.holdings.len() + snap.convertibles.len() + snap.exercisables.len();
        let mut index: FnvMap<&'s str, usize> =
            FnvMap::with_capacity_and_hasher(capacity, Default::default());
        let mut accs: Vec<(&'s str, Acc)> = Vec::with_capacity(capacity);
        fn slot<'a>(
            index: &mut FnvMap<&'a str, usize>,
            accs: &mut Vec<(&'a str, Acc)>,
            h: &'a str,
        ) -> usize {
            *index.entry(h).or_insert_with(|| {
                accs.push((h, Acc::default()));
                accs.len() - 1
            })
        }
        let class_ix: HashMap<&str, usize> = snap
            .classes
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.as_str(), i))
            .collect();
        // Each class name once, shared by every holder's positions.
        let mut names: FnvMap<&'s str, Arc<str>> = FnvMap::default();
        let mut name =
            |k: &'s str| -> Arc<str> { Arc::clone(names.entry(k).or_insert_with(|| Arc::from(k))) };
        let n = snap.classes.len();
        let mut class_ac: Vec<Sum> = vec![Sum::default(); n];
        let mut class_fd: Vec<Sum> = vec![Sum::default(); n];
        let mut class_votes: Vec<Sum> = vec![Sum::default(); n];
        // Votes per share as a decimal where it is one (the usual case).
        let per_share: Vec<Option<(Exact, Option<units::Decimal>)>> = snap
            .classes
            .iter()
            .map(|c| match &c.voting {
                Voting::PerShare(v) => Some((v.clone(), v.to_decimal_exact().ok())),
                _ => None,
            })
            .collect();
        // Classes whose votes come from the convertibles' lines.
        let mut convertible_class = vec![false; n];
        for c in &snap.convertibles {
            if let Some(x) = class_ix
                .get(c.class.as_str())
                .and_then(|&i| convertible_class.get_mut(i))
            {
                *x = true;
            }
        }
        for h in &snap.holdings {
            let i = slot(&mut index, &mut accs, h.holder.as_str());
            let Some((_, a)) = accs.get_mut(i) else {
                continue;
            };
            a.positions.add(&name(&h.class), h.shares, false);
            let ci = class_ix.get(h.class.as_str()).copied();
            if h.class == snap.common_id {
                a.common.add_shares(h.shares);
                a.as_converted.add_shares(h.shares);
                a.fd.add_shares(h.shares);
                if let Some(i) = ci {
                    class_ac[i].add_shares(h.shares);
                    class_fd[i].add_shares(h.shares);
                }
            }
            let Some(i) = ci else { continue };
            if let Some((v, vd)) = &per_share[i] {
                if !convertible_class.get(i).copied().unwrap_or(false) {
                    match vd.and_then(|d| mul_decimal(h.shares, d)) {
                        Some(x) => {
                            a.votes.add_shares(x);
                            class_votes[i].add_shares(x);
                        }
                        None => {
                            let x = h.shares.exact().mul(v);
                            a.votes.add_exact(&x);
                            class_votes[i].add_exact(&x);
                        }
                    }
                }
            }
        }
        for c in &snap.convertibles {
            let i = slot(&mut index, &mut accs, c.holder.as_str());
            let Some((_, a)) = accs.get_mut(i) else {
                continue;
            };
            a.positions.add(&name(&c.class), c.shares, true);
            a.as_converted.add_exact(&c.as_converted);
            let ci = class_ix.get(c.class.as_str()).copied();
            if let Some(i) = ci {
                class_ac[i].add_exact(&c.as_converted);
            }
            if settings.include_convertibles {
                a.fd.add_exact(&c.as_converted);
                if let Some(i) = ci {
                    class_fd[i].add_exact(&c.as_converted);
                }
            }
            let voting = ci.and_then(|i| snap.classes.get(i)).map(|k| &k.voting);
            let v = match voting {
                Some(Voting::AsConverted) => c
                    .votes
                    .map(|v| v.exact())
                    .unwrap_or_else(|| whole(&c.as_converted)),
                Some(Voting::PerShare(v)) => c.shares.exact().mul(v),
                _ => Exact::zero(),
            };
            a.votes.add_exact(&v);
            if let Some(i) = ci {
                class_votes[i].add_exact(&v);
            }
        }
        for e in &snap.exercisables {
            let i = slot(&mut index, &mut accs, e.holder.as_str());
            let Some((_, a)) = accs.get_mut(i) else {
                continue;
            };
            a.positions.add(&name(&e.class), e.shares, false);
            // Not as converted (the holder's line leaves them out too):
            // only the fully diluted count includes what an exercise issues.
            let ci = class_ix.get(e.class.as_str()).copied();
            match fd_of(e) {
                Ok(x) => {
                    a.fd.add_shares(x);
                    if let Some(i) = ci {
                        class_fd[i].add_shares(x);
                    }
                }
                Err(x) => {
                    a.fd.add_exact(&x);
                    if let Some(i) = ci {
                        class_fd[i].add_exact(&x);
                    }
                }
            }
        }
        let pools = if settings.include_pools {
            snap.pools
                .iter()
                .fold(Exact::zero(), |x, p| x.add(&p.available.exact()))
        } else {
            Exact::zero()
        };
        for p in &snap.pools {
            if settings.include_pools {
                if let Some(&i) = class_ix.get(p.id.as_str()) {
                    class_fd[i].add_shares(p.available);
                }
            }
        }
        // Totals: decimals add as decimals, the exact rests once each.
        let mut t_ac = Sum::default();
        let mut t_fd = Sum::default();
        let mut t_votes = Sum::default();
        for (_, a) in &accs {
            t_ac.merge(&a.as_converted);
            t_fd.merge(&a.fd);
            t_votes.merge(&a.votes);
        }
        let as_converted_total = t_ac.total();
        let fd_total = t_fd.total().add(&pools);
        let votes_total = t_votes.total();
        let co = Arc::new(common_outstanding.exact());
        let (w_ac, w_fd, w_votes) = (
            Arc::new(as_converted_total.clone()),
            Arc::new(fd_total.clone()),
            Arc::new(votes_total.clone()),
        );
        // Sorted by holder id: a permutation is sorted, not the lines.
        let mut order: Vec<usize> = (0..accs.len()).collect();
        order.sort_unstable_by(|&a, &b| {
            let (x, y) = (accs.get(a).map(|x| x.0), accs.get(b).map(|x| x.0));
            x.cmp(&y)
        });
        let mut holders: Vec<HolderLine> = Vec::with_capacity(accs.len());
        for i in order {
            let Some((holder, a)) = accs.get_mut(i) else {
                continue;
            };
            let a = std::mem::take(a);
            let common = match &a.common.rest {
                None => Shares::new(a.common.dec),
                Some(_) => Shares::new(a.common.total().to_decimal_exact().unwrap_or(a.common.dec)),
            };
            let (ac, fd, votes) = (a.as_converted.figure(), a.fd.figure(), a.votes.figure());
            holders.push(HolderLine {
                holder: holder.to_string(),
                positions: a.positions,
                pct_outstanding_common: Fraction::new(a.common.figure(), &co),
                common,
                pct_as_converted: Fraction::new(ac.clone(), &w_ac),
                as_converted: ac,
                pct_fully_diluted: Fraction::new(fd.clone(), &w_fd),
                fully_diluted: fd,
                pct_votes: Fraction::new(votes.clone(), &w_votes),
                votes,
            });
        }
        let get = |m: &[Sum], k: &str| {
            class_ix
                .get(k)
                .and_then(|&i| m.get(i))
                .map(Sum::total)
                .unwrap_or_else(Exact::zero)
        };
        let classes: Vec<ClassLine> = snap
            .classes
            .iter()
            .map(|c| {
                let fd = get(&class_fd, &c.id);
                let v = get(&class_votes, &c.id);
                ClassLine {
                    id: c.id.clone(),
                    kind: c.kind,
                    authorized: c.authorized,
                    issued: c.issued,
                    treasury: c.treasury,
                    outstanding: c.outstanding,
                    as_converted: get(&class_ac, &c.id),
                    pct_fully_diluted: fraction(&fd, &fd_total),
                    fully_diluted: fd,
                    pct_votes: fraction(&v, &votes_total),
                    votes: v,
                }
            })
            .collect();

        let reserve = reserve(snap, common_row);
        let fd_computed = Computed::of_exact(
            "Fully diluted common shares",
            &fd_total,
            "common outstanding + convertibles as converted + options and warrants (per settings) + plan pools available",
        )
        .input("common outstanding", common_outstanding)
        .input("include convertibles", settings.include_convertibles)
        .input("include warrants", settings.include_warrants)
        .input("include options", settings.include_options)
        .input("include pools", settings.include_pools)
        .input("include out of the money", settings.include_out_of_the_money)
        .input("treasury-stock method", settings.treasury_stock_method)
        .input("price", settings.price.map(|p| p.to_string()).unwrap_or_else(|| "-".into()))
        .cite(Clause::new("CoD", "10(b)"));
        let votes_computed = Computed::of_exact(
            "Voting power",
            &votes_total,
            "Σ shares × votes per share; Series B: whole common issuable on conversion of all shares held, per holder",
        )
        .cite(Clause::new("CoD", "9.1"));
        Ok(CapTable {
            date: snap.date,
            settings: settings.clone(),
            classes,
            holders,
            common_outstanding,
            as_converted_total,
            fully_diluted_total: fd_total,
            votes_total,
            pools,
            reserve,
            computations: vec![fd_computed, votes_computed],
        })
    }
}

fn reserve(snap: &Snapshot, common: Option<&ClassRow>) -> Reserve {
    let clause_for = |class: &str| {
        snap.covenants
            .iter()
            .find(|c| c.for_class == class)
            .map(|c| c.clause.clone())
    };
    let mut needs: Vec<ReserveNeed> = Vec::new();
    let mut push = |class: &str, x: Exact| match needs.iter_mut().find(|n| n.for_class == class) {
        Some(n) => n.shares = n.shares.add(&x),
        None => needs.push(ReserveNeed {
            for_class: class.to_string(),
            shares: x,
            clause: clause_for(class),
        }),
    };
    for c in &snap.convertibles {
        // The reserve for conversions at the current Conversion Ratio.
        push(&c.class, c.as_converted.clone());
    }
    for e in &snap.exercisables {
        push(&e.class, e.shares.exact());
    }
    for p in &snap.pools {
        push(&p.id, p.available.exact());
    }
    // A pool's shares are reserved under its plan's covenant.
    for n in needs.iter_mut().filter(|n| n.clause.is_none()) {
        n.clause = n
            .for_class
            .strip_suffix(" (available)")
            .and_then(&clause_for);
    }
    let required = needs.iter().fold(Exact::zero(), |a, n| a.add(&n.shares));
    let authorized = common.and_then(|c| c.authorized);
    let issued = common.map(|c| c.issued).unwrap_or(Shares::ZERO);
    let treasury = common.map(|c| c.treasury).unwrap_or(Shares::ZERO);
    let unissued = authorized.map(|a| a.exact().sub(&issued.exact()));
    let sufficient = unissued.as_ref().map(|u| u >= &required);
    let shortfall = unissued
        .as_ref()
        .map(|u| required.sub(u).max(Exact::zero()))
        .unwrap_or_else(Exact::zero);
    let mut computed = Computed::new(
        "Reserve sufficiency",
        match sufficient {
            Some(true) => "sufficient".to_string(),
            Some(false) => format!("short by {}", shortfall.display()),
            None => "authorized common not recorded".to_string(),
        },
        "authorized common − issued common ≥ Σ common that conversions, exercises and plan pools could need",
    )
    .input("authorized", authorized.map(|a| a.to_string()).unwrap_or_else(|| "-".into()))
    .input("issued", issued)
    .input_exact("required", &required);
    if sufficient == Some(false) {
        // "short by …": the shortfall's fraction, as for any figure.
        computed.exact = shortfall.exact_form();
    }
    for n in &needs {
        computed = computed.input_exact(format!("needed for {}", n.for_class), &n.shares);
        if let Some(c) = &n.clause {
            computed = computed.cite(c.clone());
        }
    }
    Reserve {
        authorized,
        issued,
        unissued,
        treasury,
        needs,
        required,
        sufficient,
        shortfall,
        computed,
    }
}
