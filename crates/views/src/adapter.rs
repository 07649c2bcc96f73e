//! From a replayed book to the inputs of the cap table and the waterfall.
//!
//! The cores are generic; this module is the only one that knows the
//! engine. It reads the ledger (positions, authorized, issued, treasury),
//! the registry (classes, votes per share) and each instrument through the
//! kind-independent contract (`AnyInstrument::kind`, `status` JSON and
//! `common_issuable`), so it works for whatever kinds the engine registers:
//!
//! * `convertible-preferred`: `security`, `liquidation_preference`,
//!   `conversion_ratio` and `holders[] {holder, shares, as_converted,
//!   votes}`; optional `liquidation_amount_per_share` (the liquidation
//!   amount) and `change_of_control_amount_per_share` /
//!   `change_of_control_conversion_ratio` (the change-of-control put) are
//!   used when present;
//! * `warrant`: `state`, `warrant_price`, `holders[] {holder, shares}`;
//! * `equity-plan`: `pool.available`, `holders[].awards[] {holder,
//!   outstanding, exercise_price}`;
//! * any other kind: its `common_issuable`, as one unallocated entry.
//!
//! The convertible preferred is also read through its typed state
//! (`engine::AnyInstrument::Preferred`): the status JSON prints
//! non-terminating figures cut with `…`, and the waterfall needs them
//! exactly, with the claim each series' `[liquidation]` terms compute
//! (seniority, participation and its cap, the make-whole) that the status
//! does not show.
//!
//! Figures a status does not give can be supplied by the caller
//! ([`Overrides`]).

use crate::captable::{
    ClassKind, ClassRow, Convertible, Covenant, Exercisable, Holding, Pool, Snapshot, Voting,
};
use crate::waterfall::{
    ClaimClass, Deduction, OptionTranche, Position, RankBasis, UnknownClaim, WaterfallInput,
};
use calendar::Date;
use engine::{Book, SecurityClass, State};
use serde_json::Value;
use std::collections::BTreeMap;
use units::{Clause, Exact, Price, Shares};

/// Reads an exact number from status JSON: a decimal string, `n/d`, or a
/// JSON number written as an integer. A display string cut with `…` is
/// not exact and reads as `None`.
pub fn exact_of(v: &Value) -> Option<Exact> {
    match v {
        Value::String(s) => parse_exact(s),
        Value::Number(n) => n
            .as_i64()
            .map(Exact::from_int)
            .or_else(|| parse_exact(&n.to_string())),
        _ => None,
    }
}

/// Parses `123.45`, `-1`, `1,000` or `7/3` exactly.
pub fn parse_exact(s: &str) -> Option<Exact> {
    let s = s.trim();
    if s.ends_with('…') {
        return None;
    }
    if let Some((n, d)) = s.split_once('/') {
        let part = |x: &str| {
            units::parse_decimal(x)
                .ok()
                .map(Exact::from_decimal)
                .or_else(|| parse_integer(x))
        };
        return part(n)?.div(&part(d)?).ok();
    }
    units::parse_decimal(s)
        .ok()
        .map(Exact::from_decimal)
        .or_else(|| parse_integer(s))
}

/// An integer of any length (an exact fraction's numerator or denominator
/// can be longer than a decimal holds), read 18 digits at a time.
fn parse_integer(s: &str) -> Option<Exact> {
    let (neg, digits) = match s.strip_prefix('-') {
        Some(d) => (true, d),
        None => (false, s),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let base = Exact::from_int(1_000_000_000_000_000_000);
    let head = digits.len() % 18;
    let mut x = Exact::zero();
    let mut start = 0;
    for end in (if head == 0 { 18 } else { head }..=digits.len()).step_by(18) {
        let chunk: i64 = digits.get(start..end)?.parse().ok()?;
        x = x.mul(&base).add(&Exact::from_int(chunk));
        start = end;
    }
    Some(if neg { x.neg() } else { x })
}

fn shares_of(v: &Value) -> Option<Shares> {
    exact_of(v)
        .and_then(|e| e.to_decimal_exact().ok())
        .map(Shares::new)
}

fn str_of(v: &Value) -> Option<&str> {
    v.as_str()
}

/// Figures the caller supplies for a class (per share), overriding what the
/// status gives.
#[derive(Clone, Debug, Default)]
pub struct Overrides {
    pub preference_per_share: BTreeMap<String, Exact>,
    pub conversion_ratio: BTreeMap<String, Exact>,
    /// Seniority by class (`--rank`; default: [`ranking`], from the term
    /// files' `[[rank]]`).
    pub seniority: BTreeMap<String, i64>,
}

/// Which reading of an exit the waterfall takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum Reading {
    /// Liquidation, dissolution or winding-up.
    Liquidation,
    /// A sale of the company: for a series whose terms make it a deemed
    /// liquidation, the liquidation waterfall; for one whose terms give the
    /// holders a put on a change of control instead, each holder putting at
    /// the Liquidation Preference with the make-whole or converting.
    Sale,
}

/// One instrument's status and issuable common, as of the state's date.
pub struct InstrumentStatus {
    pub id: String,
    pub kind: &'static str,
    pub status: Value,
    pub issuable: Shares,
    /// Exact figures of a convertible preferred, from its typed state.
    pub preferred: Option<PreferredFigures>,
}

/// The Series B's exact figures on a date, read from the preferred crate.
#[derive(Clone, Debug)]
pub struct PreferredFigures {
    pub security: String,
    /// The Accreted Value per share (the issue price of a series that does
    /// not accrete).
    pub accreted_value: Exact,
    /// The Accreted Value plus dividends accrued, per share.
    pub liquidation_preference: Exact,
    /// Common shares per share on conversion.
    pub conversion_ratio: Exact,
    /// The liquidation amount per share under the series' `[liquidation]`
    /// terms (for the accreted-value formula, the greater of the
    /// Liquidation Preference with the make-whole and the Current Market
    /// Value of the conversion shares).
    pub liquidation_claim: Exact,
    /// Why part of the claim could not be computed (missing prices), if so.
    pub liquidation_note: Option<String>,
    /// The clause of the liquidation amount.
    pub liquidation_clause: Clause,
    /// On a sale of the company: the put's amount per share (the
    /// Liquidation Preference with the make-whole), or the liquidation
    /// claim when the terms distribute a sale by the waterfall.
    pub sale_claim: Exact,
    /// The conversion ratio on a sale.
    pub sale_ratio: Exact,
    /// The clause of the sale amount.
    pub sale_clause: Clause,
    /// Participating after the preference, and its cap per share in total.
    pub participating: bool,
    pub cap_per_share: Option<Exact>,
    /// OCF `seniority` from the series' `[liquidation]` terms.
    pub seniority: i64,
    /// The clause of the conversion reserve.
    pub reserve_clause: Clause,
    /// (holder, shares, common issuable exactly, votes).
    pub holders: Vec<(String, Shares, Exact, Shares)>,
}

fn preferred_figures(
    p: &preferred::Preferred,
    view: &dyn terms::BookView,
) -> Option<PreferredFigures> {
    use preferred::liquidation_terms::DeemedLiquidation;
    let date = view.date();
    let ct = p.conversion_terms(date).ok()?;
    let claim = preferred::liquidation::claim(p, date, view).ok()?;
    let (sale_claim, sale_ratio, sale_clause) = match p.terms.liquidation.deemed_liquidation {
        DeemedLiquidation::Put => {
            let lp_mw = p
                .accrual()
                .liquidation_preference_with_make_whole(date)
                .ok()?;
            let ct_mw = p.conversion_terms_from(lp_mw).ok()?;
            (
                ct_mw.lp.total.clone(),
                ct_mw.ratio,
                p.cite("redemption.put"),
            )
        }
        DeemedLiquidation::Waterfall => (
            claim.per_share.clone(),
            ct.ratio.clone(),
            p.cite("liquidation.deemed"),
        ),
    };
    let holders = p
        .votes(view, date)
        .ok()?
        .into_iter()
        .map(|v| {
            (
                v.holder.to_string(),
                v.shares,
                v.shares.exact().mul(&ct.ratio),
                v.votes,
            )
        })
        .collect();
    Some(PreferredFigures {
        security: p.security.to_string(),
        accreted_value: ct.lp.accreted_value.clone(),
        liquidation_preference: ct.lp.total.clone(),
        conversion_ratio: ct.ratio.clone(),
        liquidation_claim: claim.per_share,
        liquidation_note: claim.note,
        liquidation_clause: claim.clause,
        sale_claim,
        sale_ratio,
        sale_clause,
        participating: claim.participating,
        cap_per_share: claim.cap_per_share,
        seniority: claim.seniority,
        reserve_clause: p.cite("conversion.reserve"),
        holders,
    })
}

/// Each holder id's name as declared (for exports beside the id).
pub fn holder_names(book: &Book) -> BTreeMap<String, String> {
    book.registry
        .holders
        .iter()
        .map(|h| (h.id.to_string(), h.name.clone()))
        .collect()
}

/// The instruments declared on or before `date`, with their indexes: the
/// only ones that exist on that date.
pub fn declared_instruments(
    book: &Book,
    date: Date,
) -> impl Iterator<Item = (usize, &engine::book::InstrumentDecl)> {
    book.instruments
        .iter()
        .enumerate()
        .filter(move |(_, d)| d.declared <= date)
}

/// The securities declared on or before `date`, with their registry indexes.
pub fn declared_securities(
    book: &Book,
    date: Date,
) -> impl Iterator<Item = (usize, &engine::SecurityInfo)> {
    book.registry
        .securities
        .iter()
        .enumerate()
        .filter(move |(_, s)| s.declared <= date)
}

/// Every instrument declared on or before the state's date, with its status.
/// An instrument declared later does not exist yet (nothing exists before
/// it is declared), even where its term file carries opening balances: the
/// engine holds its initial state from the start of the replay, so the
/// declaration date is what tells.
pub fn statuses(book: &Book, state: &State) -> Vec<InstrumentStatus> {
    let view = state.view(book);
    declared_instruments(book, state.as_of)
        .filter_map(|(i, d)| {
            let inst = state.instrument(i)?;
            let preferred = match inst {
                engine::AnyInstrument::Preferred(p) => preferred_figures(p, &view),
                _ => None,
            };
            Some(InstrumentStatus {
                id: d.id.to_string(),
                kind: inst.kind(),
                status: inst.status(&view),
                issuable: inst.common_issuable(&view),
                preferred,
            })
        })
        .collect()
}

fn kind_of(c: SecurityClass) -> ClassKind {
    match c {
        SecurityClass::Common => ClassKind::Common,
        SecurityClass::Preferred => ClassKind::Preferred,
        SecurityClass::Warrant => ClassKind::Warrant,
        SecurityClass::Option => ClassKind::Option,
        SecurityClass::Other => ClassKind::Other,
    }
}

/// The cap table's snapshot of `book` as replayed in `state`.
pub fn snapshot(book: &Book, state: &State) -> Snapshot {
    let date = state.as_of;
    let st = statuses(book, state);
    let common_id = book.settings.common.to_string();
    let as_converted_classes: Vec<String> = st
        .iter()
        .filter(|s| s.kind == "convertible-preferred")
        .filter_map(|s| s.status.get("security").and_then(str_of).map(String::from))
        .collect();
    let classes: Vec<ClassRow> = declared_securities(book, date)
        .map(|(i, s)| {
            let idx = u32::try_from(i).unwrap_or(u32::MAX);
            let id = s.id.to_string();
            let voting = if as_converted_classes.contains(&id) {
                Voting::AsConverted
            } else {
                match (s.votes_per_share, s.class) {
                    (Some(v), _) => Voting::PerShare(Exact::from_decimal(v)),
                    (None, SecurityClass::Common) => Voting::PerShare(Exact::one()),
                    _ => Voting::None,
                }
            };
            ClassRow {
                id,
                name: s.name.clone(),
                kind: kind_of(s.class),
                authorized: state.authorized.get(i).copied().flatten(),
                issued: state.ledger.issued(idx),
                treasury: state.ledger.treasury(idx),
                outstanding: state.ledger.outstanding(idx),
                voting,
            }
        })
        .collect();
    let holdings: Vec<Holding> = state
        .ledger
        .all_positions()
        .into_iter()
        .filter(|(_, h, q)| *h != book.company && !q.is_zero())
        .filter_map(|(s, h, q)| {
            Some(Holding {
                holder: book.registry.holder_info(h)?.id.to_string(),
                class: book.registry.security_info(s)?.id.to_string(),
                shares: q,
            })
        })
        .collect();
    let mut snap = Snapshot {
        date: Some(date),
        common_id,
        classes,
        holdings,
        ..Default::default()
    };
    for s in &st {
        add_instrument(&mut snap, s);
    }
    // Options, warrants and pools get a row of their own (outstanding =
    // common issuable; they are not issued shares).
    let mut extra: Vec<ClassRow> = Vec::new();
    let rows = snap
        .exercisables
        .iter()
        .map(|e| (e.class.clone(), e.kind, e.shares))
        .chain(
            snap.pools
                .iter()
                .map(|p| (p.id.clone(), ClassKind::Option, Shares::ZERO)),
        );
    for (id, kind, n) in rows {
        if snap.classes.iter().any(|c| c.id == id) {
            continue;
        }
        match extra.iter_mut().find(|c| c.id == id) {
            Some(c) => c.outstanding = c.outstanding.checked_add(n).unwrap_or(c.outstanding),
            None => extra.push(ClassRow {
                name: id.clone(),
                id,
                kind,
                authorized: None,
                issued: Shares::ZERO,
                treasury: Shares::ZERO,
                outstanding: n,
                voting: Voting::None,
            }),
        }
    }
    snap.classes.extend(extra);
    snap
}

fn holders(v: &Value) -> &[Value] {
    v.get("holders")
        .and_then(|h| h.as_array())
        .map(|a| a.as_slice())
        .unwrap_or(&[])
}

fn add_instrument(snap: &mut Snapshot, s: &InstrumentStatus) {
    match s.kind {
        "convertible-preferred" => {
            let class = s
                .status
                .get("security")
                .and_then(str_of)
                .unwrap_or(&s.id)
                .to_string();
            if let Some(f) = &s.preferred {
                for (holder, shares, as_converted, votes) in &f.holders {
                    snap.convertibles.push(Convertible {
                        class: f.security.clone(),
                        holder: holder.clone(),
                        shares: *shares,
                        as_converted: as_converted.clone(),
                        votes: Some(*votes),
                    });
                }
                snap.covenants.push(Covenant {
                    for_class: f.security.clone(),
                    clause: f.reserve_clause.clone(),
                });
                return;
            }
            for h in holders(&s.status) {
                let (Some(holder), Some(shares)) = (
                    h.get("holder").and_then(str_of),
                    h.get("shares").and_then(shares_of),
                ) else {
                    continue;
                };
                let as_converted = h
                    .get("as_converted")
                    .and_then(exact_of)
                    .unwrap_or_else(Exact::zero);
                snap.convertibles.push(Convertible {
                    class: class.clone(),
                    holder: holder.to_string(),
                    shares,
                    as_converted,
                    votes: h.get("votes").and_then(shares_of),
                });
            }
            // Without the series' typed figures its reserve clause is not
            // known: no covenant row rather than an invented citation.
            let _ = class;
        }
        "warrant" => {
            let live = s
                .status
                .get("state")
                .and_then(str_of)
                .map(|x| x == "outstanding")
                .unwrap_or(true);
            if !live {
                return;
            }
            let strike = s
                .status
                .get("warrant_price")
                .and_then(exact_of)
                .and_then(|e| e.to_decimal_exact().ok())
                .map(Price::new);
            for h in holders(&s.status) {
                let (Some(holder), Some(shares)) = (
                    h.get("holder").and_then(str_of),
                    h.get("shares").and_then(shares_of),
                ) else {
                    continue;
                };
                snap.exercisables.push(Exercisable {
                    class: s.id.clone(),
                    kind: ClassKind::Warrant,
                    holder: holder.to_string(),
                    shares,
                    strike,
                });
            }
            snap.covenants.push(Covenant {
                for_class: s.id.clone(),
                clause: Clause::new("Warrant", "3"),
            });
        }
        "equity-plan" => {
            for h in holders(&s.status) {
                let awards = h
                    .get("awards")
                    .and_then(|a| a.as_array())
                    .map(|a| a.as_slice())
                    .unwrap_or(&[]);
                for a in awards {
                    let (Some(holder), Some(shares)) = (
                        a.get("holder").and_then(str_of),
                        a.get("outstanding").and_then(shares_of),
                    ) else {
                        continue;
                    };
                    if shares.is_zero() {
                        continue;
                    }
                    let strike = a
                        .get("exercise_price")
                        .and_then(exact_of)
                        .and_then(|e| e.to_decimal_exact().ok())
                        .map(Price::new);
                    snap.exercisables.push(Exercisable {
                        class: s.id.clone(),
                        kind: ClassKind::Option,
                        holder: holder.to_string(),
                        shares,
                        strike,
                    });
                }
            }
            if let Some(av) = s
                .status
                .get("pool")
                .and_then(|p| p.get("available"))
                .and_then(shares_of)
            {
                snap.pools.push(Pool {
                    id: format!("{} (available)", s.id),
                    available: av,
                });
            }
            // The plan's own share-reserve clause, as its pool computation
            // cites it; else the plan's share-reserve section.
            let clause = s
                .status
                .get("pool")
                .and_then(|p| p.get("computation"))
                .and_then(|c| c.get("clauses"))
                .and_then(|c| c.as_array())
                .and_then(|c| c.first())
                .and_then(|c| {
                    Some(Clause::new(
                        c.get("document")?.as_str()?,
                        c.get("section")?.as_str()?,
                    ))
                })
                .unwrap_or_else(|| Clause::new("Plan", "4"));
            snap.covenants.push(Covenant {
                for_class: s.id.clone(),
                clause,
            });
        }
        _ => {
            if !s.issuable.is_zero() {
                snap.exercisables.push(Exercisable {
                    class: s.id.clone(),
                    kind: ClassKind::Other,
                    holder: "(unallocated)".into(),
                    shares: s.issuable,
                    strike: None,
                });
            }
        }
    }
}

/// The default seniority of a class ranked by no term file and of `--rank`
/// (a series' own rank is its `[liquidation] seniority`).
pub const SERIES_RANK: i64 = 1;

/// How every preferred class ranks as to liquidation, read from each
/// series' `[liquidation] seniority` and the term files' `[[rank]]` lists
/// through each preferred series' typed state, with the caller's `--rank`
/// last.
///
/// A series stands at its own seniority unless an earlier series' list
/// ranks it; the classes its list names stand one above it (Senior Stock),
/// level with it (Parity Stock) or one below it (Junior Stock). The common
/// stock is the residue, below every rank. A preferred class that no term
/// file names is Junior Stock (a class whose terms do not expressly rank it
/// senior or on a parity) one below the series, and is paid ahead of the
/// common stock
/// (docs/interpretations.md "Ranks from the term files"). The first
/// statement of a class's rank wins; a later, different one is noted.
pub fn ranking(book: &Book, state: &State, over: &Overrides) -> (Vec<RankBasis>, Vec<String>) {
    use preferred::terms::Standing;
    let date = state.as_of;
    let common = book.settings.common.to_string();
    let mut out: Vec<RankBasis> = Vec::new();
    let mut notes: Vec<String> = Vec::new();
    fn set(out: &mut Vec<RankBasis>, notes: &mut Vec<String>, class: &str, n: i64, basis: String) {
        match out.iter().find(|r| r.class == class) {
            Some(r) if r.seniority != n => notes.push(format!(
                "{class}: {basis} would rank it {n}, but it already ranks {} ({}); the first is kept",
                r.seniority, r.basis
            )),
            Some(_) => {}
            None => out.push(RankBasis {
                class: class.to_string(),
                seniority: n,
                basis,
            }),
        }
    }
    let mut series_lowest = SERIES_RANK;
    for (i, d) in declared_instruments(book, date) {
        let Some(engine::AnyInstrument::Preferred(p)) = state.instrument(i) else {
            continue;
        };
        let sec = p.security.to_string();
        let base = out
            .iter()
            .find(|r| r.class == sec)
            .map(|r| r.seniority)
            .unwrap_or(p.terms.seniority());
        series_lowest = series_lowest.min(base);
        set(
            &mut out,
            &mut notes,
            &sec,
            base,
            format!("the series of instrument {}", d.id),
        );
        for r in &p.terms.rank {
            let s = r.security.to_string();
            if s == common || s == sec {
                continue;
            }
            let (n, what) = match r.liquidation {
                Standing::Senior => (base.saturating_add(1), "Senior Stock"),
                Standing::Parity => (base, "Parity Stock"),
                Standing::Junior => (base.saturating_sub(1), "Junior Stock"),
            };
            set(
                &mut out,
                &mut notes,
                &s,
                n,
                format!(
                    "{what} to {sec} by the term file's [[rank]] of {} ({})",
                    d.id,
                    p.cite("liquidation.rank")
                ),
            );
        }
    }
    for s in book
        .registry
        .securities
        .iter()
        .filter(|s| s.class == SecurityClass::Preferred && s.declared <= date)
    {
        let id = s.id.to_string();
        if out.iter().any(|r| r.class == id) {
            continue;
        }
        set(
            &mut out,
            &mut notes,
            &id,
            series_lowest.saturating_sub(1),
            "no term file ranks it: Junior Stock (a class whose terms do not expressly rank it senior or on a parity), ahead of the common stock (default)"
                .to_string(),
        );
    }
    for (class, n) in &over.seniority {
        match out.iter_mut().find(|r| &r.class == class) {
            Some(r) => {
                r.seniority = *n;
                r.basis = "--rank".into();
            }
            None => out.push(RankBasis {
                class: class.clone(),
                seniority: *n,
                basis: "--rank".into(),
            }),
        }
    }
    (out, notes)
}

/// The waterfall's input for `book` as replayed in `state`, under
/// `reading`, with `ahead` (costs, debt) paid first.
///
/// Every preferred series takes the claim its own terms compute (the
/// liquidation amount, or the put's on a sale where the terms give one),
/// with its participation and cap; every other preferred class held in the
/// ledger enters at its rank ([`ranking`]) with the claim `--preference`
/// gives, else the liquidation claim the journal states (`class-claims`)
/// shared
/// over its shares; a class of common stock other than the book's common
/// shares in the residue at the ratio `--ratio` gives. A class held with
/// no known claim is listed in [`WaterfallInput::unknown`], which the
/// waterfall refuses (R0704) rather than count it as zero.
pub fn waterfall_input(
    book: &Book,
    state: &State,
    reading: Reading,
    ahead: Vec<Deduction>,
    over: &Overrides,
) -> WaterfallInput {
    let st = statuses(book, state);
    let snap = snapshot(book, state);
    let common_id = snap.common_id.clone();
    let (ranking, mut notes) = ranking(book, state, over);
    let rank_of = |class: &str| {
        ranking
            .iter()
            .find(|r| r.class == class)
            .map(|r| r.seniority)
            .unwrap_or(SERIES_RANK)
    };
    let common: Vec<Position> = snap
        .holdings
        .iter()
        .filter(|h| h.class == common_id)
        .map(|h| Position::new(h.holder.clone(), h.shares))
        .collect();
    let mut classes = Vec::new();
    for s in st.iter().filter(|s| s.kind == "convertible-preferred") {
        let class = s
            .status
            .get("security")
            .and_then(str_of)
            .unwrap_or(&s.id)
            .to_string();
        let lp = s.status.get("liquidation_preference").and_then(exact_of);
        let field = match reading {
            Reading::Liquidation => "liquidation_amount_per_share",
            Reading::Sale => "change_of_control_amount_per_share",
        };
        let typed = s.preferred.as_ref().map(|f| match reading {
            Reading::Liquidation => (
                f.liquidation_claim.clone(),
                f.conversion_ratio.clone(),
                f.liquidation_clause.clone(),
            ),
            Reading::Sale => (
                f.sale_claim.clone(),
                f.sale_ratio.clone(),
                f.sale_clause.clone(),
            ),
        });
        let pref = over
            .preference_per_share
            .get(&class)
            .cloned()
            .or_else(|| typed.as_ref().map(|t| t.0.clone()))
            .or_else(|| s.status.get(field).and_then(exact_of))
            .or(lp)
            .unwrap_or_else(Exact::zero);
        let ratio_field = match reading {
            Reading::Liquidation => "conversion_ratio",
            Reading::Sale => "change_of_control_conversion_ratio",
        };
        let ratio = over
            .conversion_ratio
            .get(&class)
            .cloned()
            .or_else(|| typed.as_ref().map(|t| t.1.clone()))
            .or_else(|| s.status.get(ratio_field).and_then(exact_of))
            .or_else(|| s.status.get("conversion_ratio").and_then(exact_of));
        let holders: Vec<Position> = snap
            .convertibles
            .iter()
            .filter(|c| c.class == class)
            .map(|c| Position::new(c.holder.clone(), c.shares))
            .collect();
        let (participating, cap) = s
            .preferred
            .as_ref()
            .map(|f| (f.participating, f.cap_per_share.clone()))
            .unwrap_or((false, None));
        classes.push(ClaimClass {
            seniority: rank_of(&class),
            id: class,
            preference_per_share: pref,
            conversion_ratio: ratio,
            participating,
            cap_per_share: cap,
            holders,
            clause: typed.map(|t| t.2),
        });
    }
    // The liquidation claims the journal states for other classes
    // (`class-claims`), the first series' statement first, each with the
    // stating series' liquidation clause.
    let mut recorded: Vec<(String, units::Money, String, Clause)> = Vec::new();
    for (i, d) in declared_instruments(book, state.as_of) {
        if let Some(engine::AnyInstrument::Preferred(p)) = state.instrument(i) {
            for c in p.recorded_claims() {
                let s = c.security.to_string();
                if !recorded.iter().any(|r| r.0 == s) {
                    recorded.push((s, c.amount, d.id.to_string(), p.cite("liquidation.amount")));
                }
            }
        }
    }
    let mut unknown = Vec::new();
    // Other preferred classes, and other classes of common stock.
    for c in snap
        .classes
        .iter()
        .filter(|c| matches!(c.kind, ClassKind::Preferred | ClassKind::Common) && c.id != common_id)
    {
        if classes.iter().any(|k: &ClaimClass| k.id == c.id) {
            continue;
        }
        let holders: Vec<Position> = snap
            .holdings
            .iter()
            .filter(|h| h.class == c.id)
            .map(|h| Position::new(h.holder.clone(), h.shares))
            .collect();
        let total = holders
            .iter()
            .fold(Exact::zero(), |a, h| a.add(&h.shares.exact()));
        let ratio = over.conversion_ratio.get(&c.id).cloned();
        if c.kind == ClassKind::Common {
            // Junior Stock like the common: its share of the
            // residue is its own terms' to say.
            if total.is_zero() {
                continue;
            }
            match ratio {
                Some(r) => classes.push(ClaimClass {
                    id: c.id.clone(),
                    seniority: i64::MIN,
                    preference_per_share: over
                        .preference_per_share
                        .get(&c.id)
                        .cloned()
                        .unwrap_or_else(Exact::zero),
                    conversion_ratio: Some(r),
                    participating: true,
                    cap_per_share: None,
                    holders,
                    clause: None,
                }),
                None => unknown.push(UnknownClaim {
                    class: c.id.clone(),
                    shares: total,
                    holders: holders.len(),
                    seniority: None,
                    help: format!(
                        "a class of common stock other than {common_id}: pass --ratio {}=<{common_id} shares per share> for its share of the residue",
                        c.id
                    ),
                }),
            }
            continue;
        }
        let seniority = rank_of(&c.id);
        let given = over.preference_per_share.get(&c.id).cloned();
        let stated = recorded.iter().find(|r| r.0 == c.id);
        let (pref, holders, clause) = match (given, stated) {
            (Some(p), _) => (p, holders, None),
            (None, Some((_, amount, by, cl))) if !total.is_zero() => {
                notes.push(format!(
                    "{}: the liquidation claim stated by `class-claims {by} {}` ({amount}) shared over its {} shares held",
                    c.id,
                    c.id,
                    total.display()
                ));
                (
                    amount.exact().div(&total).unwrap_or_else(|_| Exact::zero()),
                    holders,
                    Some(cl.clone()),
                )
            }
            (None, Some((_, amount, by, cl))) => {
                // A claim the journal states for shares the ledger does not
                // hold: paid as one sum to the class's holders.
                notes.push(format!(
                    "{}: the liquidation claim stated by `class-claims {by} {}` ({amount}) for shares the ledger does not hold, paid as one sum",
                    c.id, c.id
                ));
                (
                    amount.exact(),
                    vec![Position::new(
                        format!("(holders of {}, not in the ledger)", c.id),
                        Shares::from_int(1),
                    )],
                    Some(cl.clone()),
                )
            }
            (None, None) => {
                if !total.is_zero() {
                    unknown.push(UnknownClaim {
                        class: c.id.clone(),
                        shares: total,
                        holders: holders.len(),
                        seniority: Some(seniority),
                        help: format!(
                            "pass --preference {}=<amount per share> (or state it: `class-claims <series> {} liquidation-claim: <amount>`)",
                            c.id, c.id
                        ),
                    });
                }
                continue;
            }
        };
        classes.push(ClaimClass {
            id: c.id.clone(),
            seniority,
            preference_per_share: pref,
            conversion_ratio: ratio,
            participating: false,
            cap_per_share: None,
            holders,
            clause,
        });
    }
    let options = snap
        .exercisables
        .iter()
        .map(|e| OptionTranche {
            class: e.class.clone(),
            holder: e.holder.clone(),
            shares: e.shares,
            strike: e.strike.unwrap_or(Price::ZERO),
        })
        .collect();
    notes.extend(st.iter().filter_map(|s| {
        let f = s.preferred.as_ref()?;
        match reading {
            Reading::Liquidation => f
                .liquidation_note
                .as_ref()
                .map(|n| format!("{}: {n}", s.id)),
            Reading::Sale => None,
        }
    }));
    let ranking = ranking
        .into_iter()
        .filter(|r| {
            classes.iter().any(|c| c.id == r.class)
                || unknown.iter().any(|u: &UnknownClaim| u.class == r.class)
        })
        .collect();
    // The rank and liquidation clauses of the series, first series first.
    let mut citations: Vec<Clause> = Vec::new();
    for (i, _) in declared_instruments(book, state.as_of) {
        if let Some(engine::AnyInstrument::Preferred(p)) = state.instrument(i) {
            for c in [p.cite("liquidation.rank"), p.cite("liquidation.amount")] {
                if !citations.contains(&c) {
                    citations.push(c);
                }
            }
        }
    }
    WaterfallInput {
        common_id,
        common,
        classes,
        options,
        ahead,
        notes,
        ranking,
        unknown,
        citations,
    }
}

/// A numeric status field of one instrument at each date (e.g. the Series
/// B's `accreted_value` or `conversion_ratio`), replaying forward once.
pub fn status_series(
    book: &Book,
    instrument: &str,
    field: &str,
    dates: &[Date],
) -> Vec<(Date, Exact)> {
    let Some(i) = book.instrument_index(instrument) else {
        return Vec::new();
    };
    // No figure before the instrument is declared.
    let declared = book.instruments.get(i).map(|d| d.declared);
    let mut sorted: Vec<Date> = dates
        .iter()
        .copied()
        .filter(|d| declared.is_some_and(|x| x <= *d))
        .collect();
    sorted.sort();
    let mut state = State::initial(book);
    let mut out = Vec::new();
    for d in sorted {
        state.advance(book, d);
        let view = state.view(book);
        let Some(inst) = state.instrument(i) else {
            continue;
        };
        // The Series B's figures exactly, from its typed state (its status
        // prints non-terminating figures cut with `…`).
        let typed = match inst {
            engine::AnyInstrument::Preferred(p) => {
                preferred_figures(p, &view).and_then(|f| match field {
                    "accreted_value" => Some(f.accreted_value),
                    "liquidation_preference" => Some(f.liquidation_preference),
                    "conversion_ratio" => Some(f.conversion_ratio),
                    _ => None,
                })
            }
            _ => None,
        };
        let x = typed.or_else(|| {
            let v = inst.status(&view);
            v.get(format!("{field}_exact").as_str())
                .and_then(exact_of)
                .or_else(|| v.get(field).and_then(exact_of))
        });
        if let Some(x) = x {
            out.push((d, x));
        }
    }
    out
}

/// Fully diluted shares by class at each date (ownership over time),
/// replaying forward once.
pub fn ownership_series(
    book: &Book,
    dates: &[Date],
    settings: &crate::captable::CapTableSettings,
) -> Vec<(Date, Vec<(String, Exact)>)> {
    let mut sorted = dates.to_vec();
    sorted.sort();
    let mut state = State::initial(book);
    let mut out = Vec::new();
    for d in sorted {
        state.advance(book, d);
        let snap = snapshot(book, &state);
        if let Ok(t) = crate::captable::CapTable::compute(&snap, settings) {
            let mut row: Vec<(String, Exact)> = t
                .classes
                .iter()
                .filter(|c| !c.fully_diluted.is_zero())
                .map(|c| (c.id.clone(), c.fully_diluted.clone()))
                .collect();
            // A plan's pool has a row of its own (`<plan> (available)`); only
            // what no row shows is added, so the row sums to the total.
            let listed = row.iter().fold(Exact::zero(), |a, (_, v)| a.add(v));
            let rest = t.fully_diluted_total.sub(&listed);
            if !rest.is_zero() {
                row.push(("pools".into(), rest));
            }
            out.push((d, row));
        }
    }
    out
}

/// The dates of the book's events up to `to` (deduplicated), plus `to`.
pub fn event_dates(book: &Book, to: Date) -> Vec<Date> {
    let mut v: Vec<Date> = book
        .events
        .iter()
        .map(|e| e.date)
        .filter(|d| *d <= to)
        .collect();
    v.push(to);
    v.sort();
    v.dedup();
    v
}
