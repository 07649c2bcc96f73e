//! A small fake of `terms::BookView` for the §8.10 and §2 tests: fixed
//! fully diluted counts and a fixed Current Market Value, so every figure in
//! the tests can be worked by hand. Included by the `adjustment_*` and
//! `change_of_control_*` tests with `#[path]`.
#![allow(dead_code)]

use actions::{Consideration, CorporateAction, Purpose, RightsIssue, SubdivisionKind};
use calendar::Date;
use preferred::adjustment::{AdjustmentChain, AdjustmentContext, AntiDilutionTerms};
use std::str::FromStr;
use terms::{
    BookView, HolderId, InstrumentId, MarketGap, MarketResult, Outcome, Rejection, SecurityId,
};
use units::{Computed, Exact, Money, Price, Shares};

pub struct Fake {
    pub date: Date,
    /// Fully diluted count including every instrument (the Series B too).
    pub fd_all: Shares,
    /// Fully diluted count excluding the asking instrument.
    pub fd_excluding: Shares,
    /// Current Market Value; `None` = no prices (a MarketGap).
    pub cmv: Option<Exact>,
}

pub fn d(s: &str) -> Date {
    Date::from_str(s).unwrap()
}

pub fn x(s: &str) -> Exact {
    Exact::from_decimal(units::parse_decimal(s).unwrap())
}

impl Fake {
    pub fn on(date: &str) -> Fake {
        Fake {
            date: d(date),
            fd_all: Shares::from_int(1_000_000),
            fd_excluding: Shares::from_int(800_000),
            cmv: Some(Exact::from_int(40)),
        }
    }
}

impl BookView for Fake {
    fn date(&self) -> Date {
        self.date
    }
    fn holder_exists(&self, _: &HolderId) -> bool {
        true
    }
    fn position(&self, _: &HolderId, _: &SecurityId) -> Shares {
        Shares::ZERO
    }
    fn holders_of(&self, _: &SecurityId) -> Vec<(HolderId, Shares)> {
        Vec::new()
    }
    fn outstanding(&self, _: &SecurityId) -> Shares {
        self.fd_all
    }
    fn treasury(&self, _: &SecurityId) -> Shares {
        Shares::ZERO
    }
    fn authorized(&self, _: &SecurityId) -> Option<Shares> {
        None
    }
    fn common(&self) -> SecurityId {
        SecurityId::new("common")
    }
    fn fully_diluted_common(&self, excluding: Option<&InstrumentId>) -> Shares {
        match excluding {
            None => self.fd_all,
            Some(_) => self.fd_excluding,
        }
    }
    fn lots(&self, _: &HolderId, _: &SecurityId) -> Vec<(Date, Shares)> {
        Vec::new()
    }
    fn market_price(&self, s: &SecurityId, day: Date) -> MarketResult {
        self.average_preceding(s, day, 1)
    }
    fn average_preceding(&self, s: &SecurityId, day: Date, n: usize) -> MarketResult {
        match &self.cmv {
            Some(v) => Ok((
                v.clone(),
                Computed::new(
                    "Current Market Value",
                    v.display(),
                    format!("average of {n} daily Market Prices"),
                )
                .cite(units::Clause::new("CoD", "2")),
            )),
            None => Err(MarketGap {
                security: s.clone(),
                missing: vec![day],
            }),
        }
    }
    fn average_ending_on(&self, s: &SecurityId, day: Date, n: usize) -> MarketResult {
        self.average_preceding(s, day, n)
    }
    fn warrant_market_price(&self, s: &SecurityId, day: Date, n: usize) -> MarketResult {
        self.average_preceding(s, day, n)
    }
    fn weekly_volume_average(&self, _: &SecurityId, _: Date) -> Option<Shares> {
        None
    }
    fn is_business_day(&self, _: Date) -> bool {
        true
    }
    fn is_trading_day(&self, _: Date) -> bool {
        true
    }
    fn board_fair_value(&self, _: &SecurityId, _: Date) -> Option<Price> {
        None
    }
}

/// Context with Liquidation Preference `lp` and the chain's current factor
/// (the other engineer's formula: ratio = LP / $50.00 × factor).
pub fn ctx(chain: &AdjustmentChain, lp: &str, date: Date) -> AdjustmentContext {
    let lp = x(lp);
    let ratio = lp
        .div(&Exact::from_int(50))
        .unwrap()
        .mul(&chain.factor_as_of(date));
    let price = lp.div(&ratio).unwrap();
    AdjustmentContext {
        instrument: InstrumentId::new("series-b"),
        closing_date: d("2000-04-10"),
        liquidation_preference: lp,
        conversion_ratio: ratio,
        conversion_price: price,
        own_issuable: None,
        citations: ctc_citations(),
        series_name: "Series B".into(),
        designation: "Series B Convertible Preferred Stock".into(),
    }
}

/// The CTC term file's document and sections (the CoD's numbering).
pub fn ctc_citations() -> terms::Citations {
    let text = include_str!("../../../examples/ctc/terms/series-b.toml");
    preferred::Terms::load(journal::FileId(0), text)
        .expect("the CTC term file loads")
        .citations()
}

/// Runs one action at LP $1,000 (ratio 20, price $50 when unadjusted).
pub fn run(
    chain: &mut AdjustmentChain,
    terms: &AntiDilutionTerms,
    action: &CorporateAction,
    view: &Fake,
) -> Result<Outcome, Rejection> {
    let c = ctx(chain, "1000", view.date);
    preferred::adjustment::on_action(chain, terms, action, &c, view)
}

/// The Conversion Ratio on `date` at LP $1,000.
pub fn ratio(chain: &AdjustmentChain, date: Date) -> Exact {
    Exact::from_int(20).mul(&chain.factor_as_of(date))
}

pub fn cash(total: i64) -> Consideration {
    Consideration {
        cash_gross: Money::from_int(total),
        underwriting: Money::ZERO,
        non_cash_fair_value: Money::ZERO,
    }
}

pub fn issue_common(shares: i64, c: Consideration, purpose: Purpose) -> CorporateAction {
    CorporateAction::IssueCommon {
        shares: Shares::from_int(shares),
        consideration: c,
        purpose,
        holder: HolderId::new("buyer"),
    }
}

pub fn issue_rights(
    sec: &str,
    shares: i64,
    exercise: &str,
    c: Consideration,
    purpose: Purpose,
) -> CorporateAction {
    CorporateAction::IssueRights {
        rights: RightsIssue {
            security: SecurityId::new(sec),
            max_shares: Shares::from_int(shares),
            consideration: c,
            exercise_price: Price::parse(exercise).unwrap(),
            expiry: None,
        },
        purpose,
    }
}

pub fn subdivision(kind: SubdivisionKind, n: u64, m: u64, record: Option<&str>) -> CorporateAction {
    CorporateAction::Subdivision {
        kind,
        numerator: n,
        denominator: m,
        record_date: record.map(d),
    }
}
