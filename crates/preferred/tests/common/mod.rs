//! A small in-memory `BookView` for the series' tests, and helpers.
#![allow(dead_code)]

use calendar::{Calendar, Date};
use preferred::{Preferred, Terms};
use std::collections::BTreeMap;
use terms::{BookView, HolderId, InstrumentId, MarketGap, MarketResult, SecurityId};
use units::{Computed, Exact, Price, Shares};

pub const CTC_TERMS: &str = include_str!("../../../../examples/ctc/terms/series-b.toml");

pub fn d(s: &str) -> Date {
    terms::fields::parse_date(s).unwrap()
}

pub fn ex(s: &str) -> Exact {
    Exact::from_decimal(units::parse_decimal(s).unwrap())
}

pub fn sh(n: i64) -> Shares {
    Shares::from_int(n)
}

pub fn ctc_terms() -> Terms {
    terms::load_terms::<Terms>(journal::FileId(0), CTC_TERMS).unwrap()
}

/// CTC's Series B with the assumed Closing Date 2000-04-10.
pub fn series_b() -> Preferred {
    series_b_closing("2000-04-10")
}

pub fn series_b_closing(closing: &str) -> Preferred {
    let mut p = Preferred::new(
        InstrumentId::new("series-b"),
        SecurityId::new("series-b"),
        ctc_terms(),
        d(closing),
    );
    p.closing_shares = Some(sh(200_000));
    p
}

#[derive(Clone, Default)]
pub struct Fake {
    pub date: Option<Date>,
    pub positions: BTreeMap<(String, String), Shares>,
    pub prices: BTreeMap<Date, Exact>,
    pub authorized: Option<Shares>,
    pub treasury: Shares,
}

impl Fake {
    pub fn on(date: &str) -> Self {
        Fake {
            date: Some(d(date)),
            ..Fake::default()
        }
    }
    pub fn hold(mut self, sec: &str, holder: &str, n: i64) -> Self {
        self.positions
            .insert((sec.to_string(), holder.to_string()), sh(n));
        self
    }
    pub fn set(&mut self, sec: &str, holder: &str, n: Shares) {
        self.positions
            .insert((sec.to_string(), holder.to_string()), n);
    }
    /// The same price on every trading day from `from` to `to`.
    pub fn price_range(mut self, from: &str, to: &str, price: &str) -> Self {
        let mut cur = d(from);
        while cur <= d(to) {
            if Calendar::Trading.is_open(cur) {
                self.prices.insert(cur, ex(price));
            }
            cur = cur.tomorrow().unwrap();
        }
        self
    }
    pub fn at(&self, date: &str) -> Self {
        let mut f = self.clone();
        f.date = Some(d(date));
        f
    }
    fn avg(&self, days: Vec<Date>, sec: &SecurityId) -> MarketResult {
        let missing: Vec<Date> = days
            .iter()
            .filter(|x| !self.prices.contains_key(x))
            .copied()
            .collect();
        if !missing.is_empty() || days.is_empty() {
            return Err(MarketGap {
                security: sec.clone(),
                missing,
            });
        }
        let mut sum = Exact::zero();
        for x in &days {
            sum = sum.add(&self.prices[x]);
        }
        let n = i64::try_from(days.len()).unwrap();
        let avg = sum.div(&Exact::from_int(n)).unwrap();
        Ok((
            avg.clone(),
            Computed::new("average Market Price", avg.display(), "mean"),
        ))
    }
}

impl BookView for Fake {
    fn date(&self) -> Date {
        self.date.unwrap()
    }
    fn holder_exists(&self, holder: &HolderId) -> bool {
        self.positions.keys().any(|(_, h)| h == holder.as_str())
            || holder.as_str().starts_with("known")
    }
    fn position(&self, holder: &HolderId, security: &SecurityId) -> Shares {
        self.positions
            .get(&(security.0.clone(), holder.0.clone()))
            .copied()
            .unwrap_or(Shares::ZERO)
    }
    fn holders_of(&self, security: &SecurityId) -> Vec<(HolderId, Shares)> {
        self.positions
            .iter()
            .filter(|((s, _), n)| s == security.as_str() && !n.is_zero())
            .map(|((_, h), n)| (HolderId::new(h.clone()), *n))
            .collect()
    }
    fn outstanding(&self, security: &SecurityId) -> Shares {
        self.holders_of(security)
            .into_iter()
            .fold(Shares::ZERO, |a, (_, n)| a.checked_add(n).unwrap())
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
        Shares::ZERO
    }
    fn lots(&self, _holder: &HolderId, _security: &SecurityId) -> Vec<(Date, Shares)> {
        Vec::new()
    }
    fn market_price(&self, security: &SecurityId, day: Date) -> MarketResult {
        match self.prices.get(&day) {
            Some(p) => Ok((
                p.clone(),
                Computed::new("Market Price", p.display(), "last trade"),
            )),
            None => Err(MarketGap {
                security: security.clone(),
                missing: vec![day],
            }),
        }
    }
    fn average_preceding(&self, security: &SecurityId, day: Date, n: usize) -> MarketResult {
        self.avg(Calendar::Trading.open_days_before(day, n), security)
    }
    fn average_ending_on(&self, security: &SecurityId, day: Date, n: usize) -> MarketResult {
        self.avg(Calendar::Trading.open_days_ending_on(day, n), security)
    }
    fn warrant_market_price(&self, security: &SecurityId, day: Date, n: usize) -> MarketResult {
        self.average_preceding(security, day, n)
    }
    fn weekly_volume_average(&self, _security: &SecurityId, _day: Date) -> Option<Shares> {
        None
    }
    fn is_business_day(&self, day: Date) -> bool {
        Calendar::Business.is_open(day)
    }
    fn is_trading_day(&self, day: Date) -> bool {
        Calendar::Trading.is_open(day)
    }
    fn board_fair_value(&self, _security: &SecurityId, _day: Date) -> Option<Price> {
        None
    }
}

impl Fake {
    pub fn hold_common_authorized(&mut self, n: i64) {
        self.authorized = Some(sh(n));
    }
}
