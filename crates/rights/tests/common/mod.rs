//! A small fake of the book for the registration rights tests: positions,
//! conversion figures, outstanding common, closing prices and weekly
//! volumes in BTreeMaps; everything else empty.

#![allow(dead_code)]

use calendar::Date;
use rights::{Agreement, Event, Terms};
use std::collections::BTreeMap;
use terms::{BookView, HolderId, InstrumentId, MarketGap, MarketResult, SecurityId};
use units::{Computed, Exact, Price, Shares};

pub const RRA: &str = include_str!("../../../../examples/ctc/terms/series-b-rra.toml");
pub const EXHIBIT_D: &str = include_str!("../../../../examples/ctc/terms/cisco-exhibit-d.toml");

pub fn d(s: &str) -> Date {
    terms::fields::parse_date(s).expect("test date")
}

pub fn sh(n: i64) -> Shares {
    Shares::from_int(n)
}

#[derive(Clone, Default)]
pub struct Fake {
    pub date: Option<Date>,
    /// (holder, security) → shares.
    pub positions: BTreeMap<(String, String), Shares>,
    /// (holder, instrument) → common issuable on conversion.
    pub issuable: BTreeMap<(String, String), Shares>,
    /// (holder, instrument) → common issued on conversion so far.
    pub issued: BTreeMap<(String, String), Shares>,
    pub outstanding_common: Shares,
    pub closes: BTreeMap<Date, Price>,
    /// Average weekly volume by date (the four weeks before that date).
    pub weekly: BTreeMap<Date, Shares>,
    /// (holder, security) → acquisition lots, oldest first.
    pub lots: BTreeMap<(String, String), Vec<(Date, Shares)>>,
    /// holder → its `affiliate-of:` group.
    pub groups: BTreeMap<String, String>,
    /// The book's `option fiscal-year-end`; `None` reads as December 31,
    /// the year end these tests were worked with.
    pub fiscal_year_end: Option<terms::FiscalYearEnd>,
    /// A book that declares no fiscal year end at all.
    pub fiscal_year_undeclared: bool,
}

impl Fake {
    pub fn on(&self, date: &str) -> Fake {
        let mut f = self.clone();
        f.date = Some(d(date));
        f
    }
    pub fn pos(mut self, holder: &str, security: &str, n: i64) -> Self {
        self.positions
            .insert((holder.into(), security.into()), sh(n));
        self
    }
    pub fn convertible(mut self, holder: &str, instrument: &str, n: i64) -> Self {
        self.issuable
            .insert((holder.into(), instrument.into()), sh(n));
        self
    }
    pub fn lot(mut self, holder: &str, security: &str, date: &str, n: i64) -> Self {
        self.lots
            .entry((holder.into(), security.into()))
            .or_default()
            .push((d(date), sh(n)));
        self
    }
    pub fn group(mut self, holder: &str, group: &str) -> Self {
        self.groups.insert(holder.into(), group.into());
        self
    }
    pub fn converted(mut self, holder: &str, instrument: &str, n: i64) -> Self {
        self.issued
            .insert((holder.into(), instrument.into()), sh(n));
        self
    }
}

impl BookView for Fake {
    fn fiscal_year_end(&self) -> Option<terms::FiscalYearEnd> {
        if self.fiscal_year_undeclared {
            return None;
        }
        self.fiscal_year_end
            .or(terms::FiscalYearEnd::parse("12-31").ok())
    }
    fn date(&self) -> Date {
        self.date.unwrap_or(Date::MIN)
    }
    fn holder_exists(&self, _holder: &HolderId) -> bool {
        true
    }
    fn position(&self, holder: &HolderId, security: &SecurityId) -> Shares {
        self.positions
            .get(&(holder.0.clone(), security.0.clone()))
            .copied()
            .unwrap_or(Shares::ZERO)
    }
    fn holders_of(&self, security: &SecurityId) -> Vec<(HolderId, Shares)> {
        self.positions
            .iter()
            .filter(|((_, s), n)| s == &security.0 && !n.is_zero())
            .map(|((h, _), n)| (HolderId::new(h.as_str()), *n))
            .collect()
    }
    fn outstanding(&self, _security: &SecurityId) -> Shares {
        self.outstanding_common
    }
    fn treasury(&self, _security: &SecurityId) -> Shares {
        Shares::ZERO
    }
    fn authorized(&self, _security: &SecurityId) -> Option<Shares> {
        None
    }
    fn common(&self) -> SecurityId {
        SecurityId::new("common")
    }
    fn fully_diluted_common(&self, _excluding: Option<&InstrumentId>) -> Shares {
        self.outstanding_common
    }
    fn lots(&self, holder: &HolderId, security: &SecurityId) -> Vec<(Date, Shares)> {
        self.lots
            .get(&(holder.0.clone(), security.0.clone()))
            .cloned()
            .unwrap_or_default()
    }
    fn affiliate_group(&self, holder: &HolderId) -> Option<HolderId> {
        self.groups
            .get(&holder.0)
            .map(|g| HolderId::new(g.as_str()))
    }
    fn market_price(&self, security: &SecurityId, day: Date) -> MarketResult {
        match self.closes.get(&day) {
            Some(p) => Ok((
                p.exact(),
                Computed::new("Market Price", p, "closing price").input("day", day),
            )),
            None => Err(MarketGap {
                security: security.clone(),
                missing: vec![day],
            }),
        }
    }
    fn average_preceding(&self, security: &SecurityId, day: Date, _n: usize) -> MarketResult {
        Err(MarketGap {
            security: security.clone(),
            missing: vec![day],
        })
    }
    fn average_ending_on(&self, security: &SecurityId, day: Date, _n: usize) -> MarketResult {
        Err(MarketGap {
            security: security.clone(),
            missing: vec![day],
        })
    }
    fn warrant_market_price(&self, security: &SecurityId, day: Date, _n: usize) -> MarketResult {
        Err(MarketGap {
            security: security.clone(),
            missing: vec![day],
        })
    }
    fn weekly_volume_average(&self, _security: &SecurityId, day: Date) -> Option<Shares> {
        self.weekly.get(&day).copied()
    }
    fn is_business_day(&self, day: Date) -> bool {
        calendar::Calendar::Business.is_open(day)
    }
    fn is_trading_day(&self, day: Date) -> bool {
        calendar::Calendar::Trading.is_open(day)
    }
    fn board_fair_value(&self, _security: &SecurityId, _day: Date) -> Option<Price> {
        None
    }
    fn issuable_on_conversion(&self, holder: &HolderId, instrument: &InstrumentId) -> Shares {
        self.issuable
            .get(&(holder.0.clone(), instrument.0.clone()))
            .copied()
            .unwrap_or(Shares::ZERO)
    }
    fn issued_on_conversion(&self, holder: &HolderId, instrument: &InstrumentId) -> Shares {
        self.issued
            .get(&(holder.0.clone(), instrument.0.clone()))
            .copied()
            .unwrap_or(Shares::ZERO)
    }
}

pub fn rra() -> Agreement {
    let t = Terms::load(journal::FileId(0), RRA).expect("RRA term file loads");
    Agreement::new(InstrumentId::new("rra"), t)
}

/// The RRA with one term-file line replaced (to select an alternative
/// reading).
pub fn rra_with(from: &str, to: &str) -> Agreement {
    assert!(RRA.contains(from), "{from} not in the RRA term file");
    let text = RRA.replace(from, to);
    let t = Terms::load(journal::FileId(0), &text).expect("RRA term file loads");
    Agreement::new(InstrumentId::new("rra"), t)
}

pub fn exhibit_d() -> Agreement {
    let t = Terms::load(journal::FileId(0), EXHIBIT_D).expect("Exhibit D term file loads");
    Agreement::new(InstrumentId::new("cisco-rr"), t)
}

/// The Series B book of the tests:
/// bain 50,000 Series B convertible into 5,000,000 common; thl 3,000,000;
/// csfb 1,500,000; pep holds 150,000 common issued on conversion and no
/// preferred. Registrable Securities outstanding: 5,000,000 + 3,000,000 +
/// 1,500,000 + 150,000 = 9,650,000. Common outstanding 10,000,000; a close
/// of $20.00 on 2001-05-31 and of $40.00 on 2001-06-29.
pub fn book() -> Fake {
    let mut f = Fake::default()
        .pos("bain", "series-b", 50_000)
        .convertible("bain", "series-b", 5_000_000)
        .pos("thl", "series-b", 30_000)
        .convertible("thl", "series-b", 3_000_000)
        .pos("csfb", "series-b", 15_000)
        .convertible("csfb", "series-b", 1_500_000)
        .pos("pep", "series-b", 0)
        .pos("pep", "common", 150_000)
        .converted("pep", "series-b", 150_000);
    f.outstanding_common = sh(10_000_000);
    f.closes.insert(d("2001-05-31"), Price::from_int(20));
    f.closes.insert(d("2001-06-29"), Price::from_int(40));
    f
}

/// Parses one directive of journal text and resolves it.
pub fn ev(text: &str) -> Event {
    let (ds, _, _, diags) = journal::parse_str(journal::FileId(0), text);
    assert!(diags.is_empty(), "{diags:?}");
    let dir = ds.into_iter().next().expect("one directive");
    rights::resolve(&dir).unwrap_or_else(|e| panic!("{text}: {e:?}"))
}

/// Applies journal text (one directive) on its own date.
pub fn apply(
    a: &mut Agreement,
    book: &Fake,
    text: &str,
) -> Result<terms::Outcome, terms::Rejection> {
    let (ds, _, _, diags) = journal::parse_str(journal::FileId(0), text);
    assert!(diags.is_empty(), "{diags:?}");
    let dir = ds.into_iter().next().expect("one directive");
    let e = rights::resolve(&dir).unwrap_or_else(|e| panic!("{text}: {e:?}"));
    let view = book.on(&dir.date.to_string());
    a.apply_event(&e, &view)
}

/// Applies and expects acceptance.
pub fn ok(a: &mut Agreement, book: &Fake, text: &str) -> terms::Outcome {
    apply(a, book, text).unwrap_or_else(|r| panic!("{text}\nrejected: {r}"))
}

/// Applies, expects a rejection with `code`, and asserts the state did not
/// change (compared through its JSON serialization).
pub fn refused(a: &mut Agreement, book: &Fake, text: &str, code: &str) -> terms::Rejection {
    let before = serde_json::to_string(&*a).expect("state serializes");
    let r = match apply(a, book, text) {
        Ok(_) => panic!("{text}\nwas accepted, expected {code}"),
        Err(r) => r,
    };
    assert_eq!(r.code, code, "{text}: {r}");
    let after = serde_json::to_string(&*a).expect("state serializes");
    assert_eq!(before, after, "a refused event changed the state: {text}");
    r
}

pub fn exact(s: &str) -> Exact {
    Exact::from_decimal(units::parse_decimal(s).expect("decimal"))
}
