//! A small in-memory `BookView` for the warrant's tests, with the §6(vii)
//! window implemented against a map of closing prices and the `calendar`
//! crate, plus helpers to build events and corporate actions from journal
//! text.
#![allow(dead_code)]

use actions::{CorporateAction, Instrument};
use calendar::{Calendar, Date};
use journal::FileId;
use std::collections::{BTreeMap, BTreeSet};
use std::str::FromStr;
use terms::{
    BookView, HolderId, InstrumentId, MarketGap, MarketResult, Outcome, Rejection, SecurityId,
};
use units::{Clause, Computed, Exact, Price, Shares};
use warrant::{Warrant, WarrantEvent};

pub const TERMS: &str = include_str!("../../../../examples/ctc/terms/cisco-warrant.toml");

pub fn d(y: i16, m: i8, day: i8) -> Date {
    Date::new(y, m, day).unwrap()
}

pub fn p(s: &str) -> Price {
    Price::from_str(s).unwrap()
}

pub fn sh(s: &str) -> Shares {
    Shares::from_str(s).unwrap()
}

#[derive(Clone, Debug)]
pub struct Fake {
    pub date: Date,
    pub holders: BTreeSet<String>,
    pub outstanding: Shares,
    pub treasury: Shares,
    pub authorized: Option<Shares>,
    pub fully_diluted: Shares,
    pub closes: BTreeMap<Date, Price>,
    pub board: BTreeMap<Date, Price>,
    /// What "business day" means (the book's `option business-days`).
    pub business: Calendar,
}

impl Fake {
    /// CTC's capitalization the day before the warrant (§4(i)): 27,206,681
    /// common outstanding of 100 million authorized.
    pub fn ctc(date: Date) -> Fake {
        Fake {
            date,
            holders: ["cisco-capital", "cisco-affiliate", "alice"]
                .iter()
                .map(|s| s.to_string())
                .collect(),
            outstanding: Shares::from_int(27_206_681),
            treasury: Shares::ZERO,
            authorized: Some(Shares::from_int(100_000_000)),
            fully_diluted: Shares::from_int(40_000_000),
            closes: BTreeMap::new(),
            board: BTreeMap::new(),
            business: Calendar::Business,
        }
    }

    pub fn on(&self, date: Date) -> Fake {
        let mut f = self.clone();
        f.date = date;
        f
    }

    /// The same close on every business day from `from` to `to`.
    pub fn flat_closes(&mut self, from: Date, to: Date, price: &str) {
        let mut cur = from;
        while cur <= to {
            if Calendar::Business.is_open(cur) {
                self.closes.insert(cur, p(price));
            }
            cur = cur.tomorrow().unwrap();
        }
    }
}

impl BookView for Fake {
    fn date(&self) -> Date {
        self.date
    }
    fn holder_exists(&self, holder: &HolderId) -> bool {
        self.holders.contains(holder.as_str())
    }
    fn position(&self, _holder: &HolderId, _security: &SecurityId) -> Shares {
        Shares::ZERO
    }
    fn holders_of(&self, _security: &SecurityId) -> Vec<(HolderId, Shares)> {
        Vec::new()
    }
    fn outstanding(&self, _security: &SecurityId) -> Shares {
        self.outstanding
    }
    fn treasury(&self, _security: &SecurityId) -> Shares {
        self.treasury
    }
    fn authorized(&self, _security: &SecurityId) -> Option<Shares> {
        self.authorized
    }
    fn common(&self) -> SecurityId {
        SecurityId::new("common")
    }
    fn fully_diluted_common(&self, _excluding: Option<&InstrumentId>) -> Shares {
        self.fully_diluted
    }
    fn lots(&self, _holder: &HolderId, _security: &SecurityId) -> Vec<(Date, Shares)> {
        Vec::new()
    }
    fn market_price(&self, security: &SecurityId, day: Date) -> MarketResult {
        match self.closes.get(&day) {
            Some(c) => Ok((c.exact(), Computed::new("Market Price", c, "close"))),
            None => Err(MarketGap {
                security: security.clone(),
                missing: vec![day],
            }),
        }
    }
    fn average_preceding(&self, security: &SecurityId, day: Date, _n: usize) -> MarketResult {
        self.market_price(security, day)
    }
    fn average_ending_on(&self, security: &SecurityId, day: Date, _n: usize) -> MarketResult {
        self.market_price(security, day)
    }
    fn warrant_market_price(&self, security: &SecurityId, day: Date, n: usize) -> MarketResult {
        self.warrant_market_price_in(security, day, n, None)
    }
    /// §6(vii): the average close over the `n` days of `calendar` (banking
    /// days unless the term file names one) ending on the last such day
    /// before `day` (no splits in the tests' windows; a day without a close
    /// is missing).
    fn warrant_market_price_in(
        &self,
        security: &SecurityId,
        day: Date,
        n: usize,
        calendar: Option<Calendar>,
    ) -> MarketResult {
        let calendar = calendar.unwrap_or(Calendar::Business);
        let last = calendar.previous_open_before(day);
        let window = calendar.open_days_ending_on(last, n);
        let missing: Vec<Date> = window
            .iter()
            .filter(|w| !self.closes.contains_key(w))
            .copied()
            .collect();
        if !missing.is_empty() {
            return Err(MarketGap {
                security: security.clone(),
                missing,
            });
        }
        let sum = window
            .iter()
            .filter_map(|w| self.closes.get(w))
            .fold(Exact::zero(), |acc, c| acc.add(&c.exact()));
        let n_exact = Exact::from_int(i64::try_from(window.len()).unwrap());
        let avg = sum.div(&n_exact).unwrap();
        let first = window.first().copied().unwrap();
        let c = Computed::new("average close", avg.display(), "sum / n")
            .input("first day", first)
            .input("last day", last)
            .cite(Clause::new("Warrant", "6(vii)"));
        Ok((avg, c))
    }
    fn weekly_volume_average(&self, _security: &SecurityId, _day: Date) -> Option<Shares> {
        None
    }
    fn is_business_day(&self, day: Date) -> bool {
        self.business.is_open(day)
    }
    fn is_trading_day(&self, day: Date) -> bool {
        Calendar::Trading.is_open(day)
    }
    fn board_fair_value(&self, _security: &SecurityId, day: Date) -> Option<Price> {
        self.board.get(&day).copied()
    }
}

/// A fresh warrant on the CTC form (the example term file).
pub fn warrant() -> Warrant {
    Warrant::from_terms_text(InstrumentId::new("cisco-2002"), FileId(0), TERMS)
        .expect("term file loads")
}

fn directive(text: &str) -> journal::Directive {
    let (mut ds, _, _, diags) = journal::parse_str(FileId(1), text);
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(ds.len(), 1, "{text}");
    ds.remove(0)
}

/// A warrant event from journal text.
pub fn ev(text: &str) -> WarrantEvent {
    <Warrant as Instrument>::resolve(&directive(text)).unwrap_or_else(|e| panic!("{text}: {e:?}"))
}

/// A corporate action from journal text.
pub fn action(text: &str) -> CorporateAction {
    actions::resolve(&directive(text))
        .expect("corporate action keyword")
        .unwrap_or_else(|e| panic!("{text}: {e:?}"))
}

/// Applies a warrant event at `view.date()`.
pub fn apply(w: &mut Warrant, view: &Fake, text: &str) -> Result<Outcome, Rejection> {
    let e = ev(text);
    w.apply(&e, view)
}

/// Broadcasts a corporate action at `view.date()`.
pub fn act(w: &mut Warrant, view: &Fake, text: &str) -> Result<Outcome, Rejection> {
    let a = action(text);
    w.on_action(&a, view)
}

/// The 2002 Cisco warrant as issued: 272,067 shares at $2.408 on 2002-05-01.
pub fn issued() -> (Warrant, Fake) {
    let mut w = warrant();
    let f = Fake::ctc(d(2002, 5, 1));
    apply(&mut w, &f, "2002-05-01 issue-warrant cisco-2002 cisco-capital 272067\n  price: 2.408\n  expiry: 2009-05-01\n").unwrap();
    (w, f)
}

/// The whole warrant as JSON, to assert that a rejection changed nothing.
pub fn snapshot(w: &Warrant) -> serde_json::Value {
    serde_json::to_value(w).unwrap()
}

/// Asserts a rejection's code and section, and that nothing changed.
pub fn assert_rejected(
    w: &mut Warrant,
    view: &Fake,
    text: &str,
    code: &str,
    section: &str,
) -> Rejection {
    let before = snapshot(w);
    let r = apply(w, view, text).expect_err("must be rejected");
    assert_eq!(r.code, code, "{r}");
    assert_eq!(r.clause.section, section, "{r}");
    assert_eq!(snapshot(w), before, "a rejected event changed the warrant");
    r
}
