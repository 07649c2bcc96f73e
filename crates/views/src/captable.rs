//! The capitalization table as of a date, by class and by holder.
//!
//! From a [`Snapshot`] (classes with their authorized, issued, treasury and
//! outstanding shares; holders' positions; convertibles with the common
//! shares they convert into; options and warrants with their strikes; plan
//! pools still available) this computes the as-converted and fully diluted
//! counts, voting power, ownership percentages and reserve sufficiency.
//!
//! "Outstanding" means "issued shares, excluding shares held by the
//! Corporation" (CoD §10(b)). "Fully diluted" is a documented setting
//! ([`CapTableSettings`]): which convertibles, options, warrants and pools
//! count, whether out-of-the-money ones do, and whether the treasury-stock
//! method nets the exercise proceeds. Voting power follows CoD §9.1: the
//! Series B votes with the common, each holder having "the whole number of
//! shares of the Corporation's Common Stock issuable upon conversion of all
//! shares of Series B Preferred Stock held by such holder".

use crate::codes;
use calendar::Date;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
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
    /// Votes as converted: each holder's whole as-converted shares (CoD §9.1).
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
/// convert into as of the date (CoD §8.1: shares × Conversion Ratio).
#[derive(Clone, Debug, Serialize)]
pub struct Convertible {
    pub class: String,
    pub holder: String,
    pub shares: Shares,
    pub as_converted: Exact,
    /// Votes when the class votes as converted (CoD §9.1: whole shares);
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
    /// convertibles: as converted; options and warrants: issuable).
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
    pub positions: BTreeMap<String, Shares>,
    pub common: Shares,
    pub pct_outstanding_common: Fraction,
    pub as_converted: Exact,
    pub pct_as_converted: Fraction,
    pub fully_diluted: Exact,
    pub pct_fully_diluted: Fraction,
    pub votes: Exact,
    pub pct_votes: Fraction,
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
    /// Authorized − issued (treasury shares are issued shares, CoD §10(b);
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

/// An ownership percentage kept as its exact parts, reduced when read:
/// a cap table of many holders has four per holder, and reducing a big
/// rational costs far more than holding the pair.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fraction {
    pub part: Exact,
    pub whole: Exact,
}

impl Fraction {
    pub fn new(part: &Exact, whole: &Exact) -> Fraction {
        Fraction {
            part: part.clone(),
            whole: whole.clone(),
        }
    }

    /// `part / whole` exactly (zero when the whole is zero).
    pub fn value(&self) -> Exact {
        fraction(&self.part, &self.whole)
    }
}

impl Serialize for Fraction {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.value().serialize(s)
    }
}

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
    rest: Option<Exact>,
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
        self.rest = Some(match &self.rest {
            Some(r) => r.add(x),
            None => x.clone(),
        });
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
        let fd_of = |e: &Exercisable| -> Exact {
            let included = match e.kind {
                ClassKind::Warrant => settings.include_warrants,
                _ => settings.include_options,
            };
            if !included {
                return Exact::zero();
            }
            let n = e.shares.exact();
            let (Some(k), Some(p)) = (e.strike.map(|k| k.exact()), price.as_ref()) else {
                return n;
            };
            let in_money = &k < p;
            if !in_money && !settings.include_out_of_the_money {
                return Exact::zero();
            }
            if settings.treasury_stock_method {
                if in_money {
                    // n − n × strike / price: the exercise cash buys back shares.
                    return n.sub(&fraction(&n.mul(&k), p));
                }
                return Exact::zero();
            }
            n
        };

        // Per-holder accumulation. Whole and decimal share counts add as
        // decimals (fast and exact while they fit); only fractional
        // as-converted figures go through exact rationals.
        #[derive(Default)]
        struct Acc {
            positions: BTreeMap<String, Shares>,
            common: Sum,
            as_converted: Sum,
            fd: Sum,
            votes: Sum,
        }
        // Holders indexed by a hash map into a vector (a B-tree of large
        // values spends its time moving them), sorted by id at the end.
        let mut index: HashMap<&'s str, usize> = HashMap::new();
        let mut accs: Vec<(&'s str, Acc)> = Vec::new();
        fn slot<'a>(
            index: &mut HashMap<&'a str, usize>,
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
        let convertible_classes: Vec<&str> =
            snap.convertibles.iter().map(|c| c.class.as_str()).collect();
        for h in &snap.holdings {
            let i = slot(&mut index, &mut accs, h.holder.as_str());
            let Some((_, a)) = accs.get_mut(i) else {
                continue;
            };
            let e = a.positions.entry(h.class.clone()).or_insert(Shares::ZERO);
            *e = e.checked_add(h.shares).unwrap_or(*e);
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
                if !convertible_classes.contains(&h.class.as_str()) {
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
            a.positions.entry(c.class.clone()).or_insert(c.shares);
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
            let p = a.positions.entry(e.class.clone()).or_insert(Shares::ZERO);
            *p = p.checked_add(e.shares).unwrap_or(*p);
            let fd = fd_of(e);
            a.fd.add_exact(&fd);
            if let Some(&i) = class_ix.get(e.class.as_str()) {
                class_ac[i].add_shares(e.shares);
                class_fd[i].add_exact(&fd);
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
        accs.sort_by(|a, b| a.0.cmp(b.0));
        let acc: Vec<(&str, Acc, Exact, Exact, Exact, Exact)> = accs
            .into_iter()
            .map(|(h, a)| {
                let (c, x, f, v) = (
                    a.common.total(),
                    a.as_converted.total(),
                    a.fd.total(),
                    a.votes.total(),
                );
                (h, a, c, x, f, v)
            })
            .collect();
        // Totals: decimals add as decimals, the exact rests once each.
        let mut t_ac = Sum::default();
        let mut t_fd = Sum::default();
        let mut t_votes = Sum::default();
        for (_, a, ..) in &acc {
            t_ac.merge(&a.as_converted);
            t_fd.merge(&a.fd);
            t_votes.merge(&a.votes);
        }
        let as_converted_total = t_ac.total();
        let fd_total = t_fd.total().add(&pools);
        let votes_total = t_votes.total();
        let co = common_outstanding.exact();

        let holders: Vec<HolderLine> = acc
            .into_iter()
            .map(|(holder, a, common, ac, fd, votes)| HolderLine {
                common: match a.common.rest {
                    None => Shares::new(a.common.dec),
                    Some(_) => Shares::new(common.to_decimal_exact().unwrap_or(a.common.dec)),
                },
                pct_outstanding_common: Fraction::new(&common, &co),
                pct_as_converted: Fraction::new(&ac, &as_converted_total),
                pct_fully_diluted: Fraction::new(&fd, &fd_total),
                pct_votes: Fraction::new(&votes, &votes_total),
                holder: holder.to_string(),
                positions: a.positions,
                as_converted: ac,
                fully_diluted: fd,
                votes,
            })
            .collect();
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
        let fd_computed = Computed::new(
            "Fully diluted common shares",
            fd_total.display(),
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
        let votes_computed = Computed::new(
            "Voting power",
            votes_total.display(),
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
        // CoD §8.7: conversions at the current Conversion Ratio.
        push(&c.class, c.as_converted.clone());
    }
    for e in &snap.exercisables {
        push(&e.class, e.shares.exact());
    }
    for p in &snap.pools {
        push(&p.id, p.available.exact());
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
    .input("required", required.display());
    for n in &needs {
        computed = computed.input(format!("needed for {}", n.for_class), n.shares.display());
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
