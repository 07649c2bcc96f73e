//! A small in-memory `BookView` and helpers that drive a plan through the
//! journal text of its directives, as the engine would.
#![allow(dead_code)]

use actions::Instrument;
use calendar::Date;
use plan::{Plan, PlanTerms};
use std::collections::BTreeMap;
use terms::{
    BookView, HolderId, InstrumentId, MarketGap, MarketResult, Outcome, Rejection, SecurityId,
};
use units::{Computed, Exact, Price, Shares};

pub struct FakeView {
    pub date: Date,
    pub positions: BTreeMap<(String, String), Shares>,
    pub outstanding: Shares,
    pub treasury: Shares,
    pub lots: BTreeMap<String, Vec<(Date, Shares)>>,
    pub prices: BTreeMap<Date, Price>,
    /// Code §422(d): ISO value first exercisable per year under the book's
    /// other plans, as the engine would report them (any holder).
    pub other_plan_isos: Vec<(i16, Exact)>,
    /// The book's `option fiscal-year-end`, as the engine would report it.
    pub fiscal_year_end: Option<terms::FiscalYearEnd>,
}

impl FakeView {
    pub fn new() -> Self {
        FakeView {
            date: d("1999-01-01"),
            positions: BTreeMap::new(),
            // Warrant §4(i): 27,206,681 common shares outstanding on 2002-04-30.
            outstanding: Shares::from_int(27_206_681),
            treasury: Shares::ZERO,
            lots: BTreeMap::new(),
            prices: BTreeMap::new(),
            other_plan_isos: Vec::new(),
            // A fiscal year ending March 31, as these tests were worked.
            fiscal_year_end: terms::FiscalYearEnd::parse("03-31").ok(),
        }
    }
    pub fn hold(&mut self, holder: &str, acquired: &str, shares: i64) {
        let e = self
            .positions
            .entry((holder.to_string(), "common".to_string()))
            .or_insert(Shares::ZERO);
        *e = e.checked_add(Shares::from_int(shares)).unwrap();
        self.lots
            .entry(holder.to_string())
            .or_default()
            .push((d(acquired), Shares::from_int(shares)));
    }
}

pub fn d(s: &str) -> Date {
    terms::fields::parse_date(s).unwrap()
}

pub fn sh(n: i64) -> Exact {
    Exact::from_int(n)
}

impl BookView for FakeView {
    fn date(&self) -> Date {
        self.date
    }
    fn fiscal_year_end(&self) -> Option<terms::FiscalYearEnd> {
        self.fiscal_year_end
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
        None
    }
    fn common(&self) -> SecurityId {
        SecurityId::new("common")
    }
    fn fully_diluted_common(&self, _excluding: Option<&InstrumentId>) -> Shares {
        self.outstanding
    }
    fn lots(&self, holder: &HolderId, _security: &SecurityId) -> Vec<(Date, Shares)> {
        self.lots.get(&holder.0).cloned().unwrap_or_default()
    }
    fn market_price(&self, security: &SecurityId, day: Date) -> MarketResult {
        match self.prices.get(&day) {
            Some(p) => Ok((p.exact(), Computed::new("Market Price", p, "closing price"))),
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
    fn warrant_market_price(&self, security: &SecurityId, day: Date, _n: usize) -> MarketResult {
        self.market_price(security, day)
    }
    fn weekly_volume_average(&self, _security: &SecurityId, _day: Date) -> Option<Shares> {
        None
    }
    fn is_business_day(&self, _day: Date) -> bool {
        true
    }
    fn is_trading_day(&self, _day: Date) -> bool {
        true
    }
    fn board_fair_value(&self, _security: &SecurityId, _day: Date) -> Option<Price> {
        None
    }
    fn iso_first_exercisable(
        &self,
        _holder: &HolderId,
        _excluding: &InstrumentId,
    ) -> Vec<(i16, Exact)> {
        self.other_plan_isos.clone()
    }
}

pub const PLAN_1998: &str = include_str!("../../../../examples/ctc/terms/incentive-plan-1998.toml");

pub fn plan_1998() -> Plan {
    let terms = PlanTerms::load(journal::FileId(0), PLAN_1998).expect("term file loads");
    Plan::new(InstrumentId::new("plan-1998"), terms)
}

/// Applies one journal directive (a plan event or a corporate action) on its
/// date.
pub fn run(plan: &mut Plan, view: &mut FakeView, text: &str) -> Result<Outcome, Rejection> {
    let (mut ds, _, _, diags) = journal::parse_str(journal::FileId(0), text);
    assert!(diags.is_empty(), "{diags:?}");
    let dir = ds.remove(0);
    view.date = dir.date;
    if let Some(action) = actions::resolve(&dir) {
        let action = action.expect("corporate action resolves");
        return plan.on_action(&action, view);
    }
    let ev = Plan::resolve(&dir).unwrap_or_else(|e| panic!("{text}: {e:?}"));
    plan.apply(&ev, view)
}

/// Applies a directive that must be accepted.
pub fn ok(plan: &mut Plan, view: &mut FakeView, text: &str) -> Outcome {
    run(plan, view, text).unwrap_or_else(|r| {
        panic!(
            "{text}\nrejected: {r}\n{}",
            r.help.clone().unwrap_or_default()
        )
    })
}

/// Applies a directive that must be rejected with `code`, and checks the
/// plan is unchanged.
pub fn refused(
    plan: &mut Plan,
    view: &mut FakeView,
    text: &str,
    code: &str,
    section: &str,
) -> Rejection {
    let before = plan.clone();
    let r = match run(plan, view, text) {
        Ok(_) => panic!("{text}\nwas accepted; expected {code}"),
        Err(r) => r,
    };
    assert_eq!(r.code, code, "{text}: {r}");
    assert_eq!(r.clause.section, section, "{text}: {r}");
    assert!(
        *plan == before,
        "a rejected event must change nothing: {text}"
    );
    r
}

pub fn pool(plan: &Plan, date: &str) -> plan::pool::Snapshot {
    plan::query::pool_on(plan, d(date))
}

/// Declares the usual participants.
pub fn people(plan: &mut Plan, view: &mut FakeView) {
    ok(
        plan,
        view,
        "1999-01-04 participant plan-1998 alice\n  status: employee\n",
    );
    ok(
        plan,
        view,
        "1999-01-04 participant plan-1998 bob\n  status: employee\n",
    );
    ok(
        plan,
        view,
        "1999-01-04 participant plan-1998 carol\n  status: director\n",
    );
    ok(
        plan,
        view,
        "1999-01-04 participant plan-1998 dave\n  status: consultant\n",
    );
}
