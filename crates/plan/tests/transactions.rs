//! §7: Covered Transactions with and without assumption, and §7.b(1)
//! adjustments for a split and a stock dividend.

mod common;
use common::*;
use plan::award::AwardStatus;
use terms::Effect;
use units::{Price, Shares};

fn setup() -> (plan::Plan, FakeView) {
    let mut p = plan_1998();
    let mut v = FakeView::new();
    people(&mut p, &mut v);
    ok(
        &mut p,
        &mut v,
        "1999-09-16 amend-plan plan-1998\n  pool: 2250000\n  approved-by: stockholders\n",
    );
    ok(&mut p, &mut v, "2000-01-03 grant plan-1998 o1 alice nso 1000\n  exercise-price: 10\n  vesting: cliff 2003-01-03\n");
    ok(&mut p, &mut v, "2000-01-03 grant plan-1998 o2 bob nso 2000\n  exercise-price: 10\n  vesting: cliff 2003-01-03\n");
    ok(
        &mut p,
        &mut v,
        "2000-01-03 grant plan-1998 d1 carol deferred 500\n  vesting: cliff 2003-01-03\n",
    );
    ok(&mut p, &mut v, "2000-01-03 grant plan-1998 r1 alice restricted 200\n  consideration: 0.01\n  vesting: cliff 2003-01-03\n");
    (p, v)
}

#[test]
fn covered_transaction_without_assumption_forfeits_options() {
    let (mut p, mut v) = setup();
    // A merger in which the Company does not survive.
    let out = ok(
        &mut p,
        &mut v,
        "2001-06-01 reorganize merger\n  survives: no\n  property: 5 cash\n",
    );
    // Deferred Stock is accelerated: 500 shares to carol.
    assert!(out.effects.iter().any(|e| matches!(e, Effect::Issue { holder, shares, .. } if holder.0 == "carol" && *shares == Shares::from_int(500))));
    // Restricted Stock vests.
    assert_eq!(p.awards["r1"].vested(d("2001-06-01")), sh(200));
    // Options vest then are forfeited on consummation: 1,000 + 2,000.
    assert!(matches!(
        p.awards["o1"].status,
        AwardStatus::Terminated { .. }
    ));
    assert!(matches!(
        p.awards["o2"].status,
        AwardStatus::Terminated { .. }
    ));
    let s = pool(&p, "2001-06-01");
    assert_eq!(s.outstanding, sh(0));
    // Delivered: 200 restricted + 500 deferred = 700.
    assert_eq!(s.delivered, sh(700));
}

#[test]
fn covered_transaction_with_assumption_and_exercise_in_the_window() {
    let (mut p, mut v) = setup();
    ok(
        &mut p,
        &mut v,
        "2001-06-01 assume-awards plan-1998 o1\n  successor: acquirer-inc\n",
    );
    // Acceleration immediately prior: alice may exercise in the window.
    ok(
        &mut p,
        &mut v,
        "2001-06-01 covered-transaction plan-1998\n  kind: merger\n",
    );
    ok(
        &mut p,
        &mut v,
        "2001-06-01 exercise-award plan-1998 o1 400\n  cash: 4000\n",
    );
    ok(
        &mut p,
        &mut v,
        "2001-06-01 reorganize merger\n  survives: no\n  property: 5 cash\n",
    );
    // o1's other 600 shares are assumed; o2 (not assumed) is forfeited.
    match &p.awards["o1"].status {
        AwardStatus::Assumed { by, .. } => assert_eq!(by, "acquirer-inc"),
        s => panic!("{s:?}"),
    }
    assert!(matches!(
        p.awards["o2"].status,
        AwardStatus::Terminated { .. }
    ));
    let s = pool(&p, "2001-06-01");
    assert_eq!(s.assumed, sh(600));
    assert_eq!(s.outstanding, sh(0));
    // Delivered: 200 + 500 + 400 = 1,100.
    assert_eq!(s.delivered, sh(1100));
    // An assumption must name outstanding awards.
    refused(
        &mut p,
        &mut v,
        "2001-06-02 assume-awards plan-1998 o2\n  successor: x\n",
        "R0448",
        "7.a",
    );
}

#[test]
fn dissolution_is_covered_and_a_surviving_merger_is_not() {
    let (mut p, mut v) = setup();
    ok(
        &mut p,
        &mut v,
        "2001-06-01 reorganize merger\n  survives: yes\n",
    );
    assert!(p.awards["o1"].is_active());
    assert_eq!(p.awards["o1"].vested(d("2001-06-01")), sh(0));
    ok(&mut p, &mut v, "2001-07-01 dissolve\n");
    assert!(matches!(
        p.awards["o1"].status,
        AwardStatus::Terminated { .. }
    ));
}

#[test]
fn two_for_one_split_adjusts_pool_limits_and_awards() {
    let (mut p, mut v) = setup();
    ok(
        &mut p,
        &mut v,
        "2000-02-01 grant plan-1998 o3 alice nso 1001\n  exercise-price: 7.15\n",
    );
    // Before: outstanding 1,000 + 2,000 + 500 + 1,001 = 4,501; delivered 200;
    // available 2,250,000 − 4,501 − 200 = 2,245,299.
    assert_eq!(pool(&p, "2000-02-01").available, sh(2_245_299));
    ok(&mut p, &mut v, "2000-06-01 split 2 1\n");
    let s = pool(&p, "2000-06-01");
    // Pool 2,250,000 × 2 = 4,500,000; outstanding 4,501 × 2 = 9,002;
    // delivered 200 × 2 = 400; available 4,500,000 − 9,002 − 400 = 4,490,598
    // (= 2,245,299 × 2).
    assert_eq!(s.authorized, sh(4_500_000));
    assert_eq!(s.outstanding, sh(9_002));
    assert_eq!(s.available, sh(4_490_598));
    // §4.c limits 1,000,000 × 2 = 2,000,000; §4.d share limit too.
    assert_eq!(p.limits.options, Some(sh(2_000_000)));
    assert_eq!(p.limits.performance_shares, Some(sh(2_000_000)));
    // The cash limit is money, not shares: unchanged.
    assert_eq!(
        p.limits.cash_performance,
        Some(units::Money::from_int(1_000_000))
    );
    // o3: 1,001 × 2 = 2,002 shares; $7.15 / 2 = $3.575 → $3.58 (cent,
    // rounded up so the aggregate price does not fall).
    assert_eq!(p.awards["o3"].outstanding(), sh(2002));
    assert_eq!(
        p.awards["o3"].exercise_price,
        Some(Price::parse("3.58").unwrap())
    );
    // Alice's 2000 option use 1,000 + 1,001 = 2,001 becomes 4,002 of
    // 2,000,000: she may get 1,995,998 more this year.
    let h = terms::HolderId::new("alice");
    assert_eq!(
        p.limit_used(&h, 2000, plan::award::LimitCategory::Options),
        sh(4002)
    );
    refused(
        &mut p,
        &mut v,
        "2000-07-01 grant plan-1998 o4 alice nso 1995999\n  exercise-price: 5\n",
        "R0403",
        "4.c",
    );
    ok(
        &mut p,
        &mut v,
        "2000-07-01 grant plan-1998 o4 alice nso 1995998\n  exercise-price: 5\n",
    );
}

#[test]
fn three_for_two_stock_dividend_rounds_shares_down_and_prices_up() {
    let (mut p, mut v) = setup();
    ok(
        &mut p,
        &mut v,
        "2000-02-01 grant plan-1998 o3 alice nso 1001\n  exercise-price: 7.15\n",
    );
    let out = ok(&mut p, &mut v, "2000-06-01 stock-dividend 3 2\n");
    // 1,001 × 3/2 = 1,501.5 → 1,501 whole shares (§4.b); the half share
    // goes back to the pool.
    assert_eq!(p.awards["o3"].outstanding(), sh(1501));
    // $7.15 × 2/3 = $4.7666… → $4.77.
    assert_eq!(
        p.awards["o3"].exercise_price,
        Some(Price::parse("4.77").unwrap())
    );
    // Pool 2,250,000 × 3/2 = 3,375,000; outstanding (1,000 + 2,000 + 500)
    // × 3/2 = 5,250 + 1,501 = 6,751; delivered 200 × 3/2 = 300;
    // available 3,375,000 − 6,751 − 300 = 3,367,949.
    let s = pool(&p, "2000-06-01");
    assert_eq!(s.authorized, sh(3_375_000));
    assert_eq!(s.outstanding, sh(6_751));
    assert_eq!(s.available, sh(3_367_949));
    assert!(out
        .computations
        .iter()
        .any(|c| c.value == "4.77" || c.steps.iter().any(|s| s.value == "4.77")));
}

#[test]
fn dividend_equivalents_on_a_cash_distribution() {
    let (mut p, mut v) = setup();
    ok(&mut p, &mut v, "2000-02-01 grant plan-1998 d2 bob deferred 1001\n  vesting: cliff 2002-02-01\n  dividend-equivalents: yes\n");
    // §6.a(7): $0.125 per share on the 1,001 shares under d2 = $125.125 →
    // $125.13 (nearest cent). Awards without the provision get nothing.
    let out = ok(
        &mut p,
        &mut v,
        "2000-07-15 distribute cash\n  per-share: 0.125\n  record-date: 2000-06-30\n",
    );
    assert_eq!(out.effects.len(), 1);
    assert!(
        matches!(&out.effects[0], Effect::Cash { holder, amount, .. } if holder.0 == "bob" && *amount == units::Money::parse("125.13").unwrap())
    );
}

#[test]
fn one_for_five_combination_and_a_reclassification() {
    let (mut p, mut v) = setup();
    ok(
        &mut p,
        &mut v,
        "2000-02-01 grant plan-1998 o3 alice nso 1001\n  exercise-price: 7.15\n",
    );
    ok(&mut p, &mut v, "2000-06-01 combine 1 5\n");
    // 1,001 / 5 = 200.2 → 200 shares; $7.15 × 5 = $35.75 exactly.
    assert_eq!(p.awards["o3"].outstanding(), sh(200));
    assert_eq!(
        p.awards["o3"].exercise_price,
        Some(Price::parse("35.75").unwrap())
    );
    // Pool 2,250,000 / 5 = 450,000; §4.c limits 1,000,000 / 5 = 200,000.
    assert_eq!(pool(&p, "2000-06-01").authorized, sh(450_000));
    assert_eq!(p.limits.options, Some(sh(200_000)));
    // A reclassification of each share into 2 shares of `class-a`: the
    // Stock becomes class-a (§7.b(3)) and awards double.
    ok(
        &mut p,
        &mut v,
        "2000-09-01 reorganize reclassification\n  survives: yes\n  property: 2 class-a\n",
    );
    assert_eq!(p.stock.as_str(), "class-a");
    assert_eq!(p.awards["o3"].outstanding(), sh(400));
    // $35.75 / 2 = $17.875 → $17.88.
    assert_eq!(
        p.awards["o3"].exercise_price,
        Some(Price::parse("17.88").unwrap())
    );
    let out = ok(
        &mut p,
        &mut v,
        "2000-10-01 exercise-award plan-1998 o3 100\n  cash: 1788\n",
    );
    assert!(out
        .effects
        .iter()
        .any(|e| matches!(e, Effect::Issue { security, .. } if security.as_str() == "class-a")));
}

#[test]
fn an_acquisition_of_the_stock_recorded_on_the_plan() {
    let (mut p, mut v) = setup();
    // Limb (i) second half: no corporate action records it; the plan event
    // accelerates and consummates at once.
    ok(
        &mut p,
        &mut v,
        "2001-06-01 covered-transaction plan-1998\n  kind: acquisition\n  consummate: yes\n",
    );
    assert!(matches!(
        p.awards["o1"].status,
        AwardStatus::Terminated { .. }
    ));
    assert_eq!(p.transactions.len(), 1);
}

#[test]
fn performance_restricted_stock_partly_earned() {
    let (mut p, mut v) = setup();
    ok(&mut p, &mut v, "2000-02-01 grant plan-1998 pr1 bob restricted 1000\n  consideration: 0.01\n  vesting: performance\n  qualify-162m: yes\n  performance-period: 2000-01-01..2000-12-31\n");
    // Certified: 600 of 1,000 earned; the other 400 are forfeited and
    // redelivered (§4.a(iii)): delivered 200 (r1) + 1,000 − 400 = 800.
    let out = ok(
        &mut p,
        &mut v,
        "2001-02-01 certify plan-1998 pr1\n  shares: 600\n",
    );
    assert!(out.effects.iter().any(|e| matches!(e, Effect::Cancel { holder, shares, .. } if holder.0 == "bob" && *shares == Shares::from_int(400))));
    assert_eq!(pool(&p, "2001-02-01").delivered, sh(800));
    assert_eq!(p.awards["pr1"].vested(d("2001-02-01")), sh(600));
    refused(
        &mut p,
        &mut v,
        "2001-02-02 certify plan-1998 pr1\n  shares: 1000\n",
        "R0435",
        "6.a(9)",
    );
}

#[test]
fn administrator_adjustment_under_7b2_leaves_the_limits() {
    let (mut p, mut v) = setup();
    ok(
        &mut p,
        &mut v,
        "2000-02-01 grant plan-1998 o3 alice nso 1000\n  exercise-price: 11\n",
    );
    // An extraordinary cash distribution; the Administrator adjusts by
    // 11/10: 1,000 × 11/10 = 1,100 shares at $11 × 10/11 = $10.00.
    ok(
        &mut p,
        &mut v,
        "2000-06-01 adjust-awards plan-1998\n  factor: 11/10\n  reason: extraordinary dividend\n",
    );
    assert_eq!(p.awards["o3"].outstanding(), sh(1100));
    assert_eq!(
        p.awards["o3"].exercise_price,
        Some(Price::parse("10").unwrap())
    );
    // Pool 2,250,000 × 11/10 = 2,475,000; the §4.c limit stays 1,000,000
    // ("no such adjustment shall be made to the maximum share limits
    // described in Section 4.c. or 4.d.").
    assert_eq!(pool(&p, "2000-06-01").authorized, sh(2_475_000));
    assert_eq!(p.limits.options, Some(sh(1_000_000)));
    // Alice's 2000 use stays as granted: 1,000 + 1,000 (o1, o3) = 2,000.
    assert_eq!(
        p.limit_used(
            &terms::HolderId::new("alice"),
            2000,
            plan::award::LimitCategory::Options
        ),
        sh(2000)
    );
}

#[test]
fn a_one_for_seven_combination_keeps_the_pool_and_limits_exact_in_json() {
    let (mut p, mut v) = setup();
    ok(&mut p, &mut v, "2000-06-01 combine 1 7\n");
    // Pool 2,250,000 / 7 = 321,428.571428571428|571… does not terminate:
    // shown to 12 places (…429 rounded), its exact form beside it
    // (docs/cli.md "Exact figures").
    let r = serde_json::to_value(plan::query::pool_report(&p, d("2000-06-01"))).unwrap();
    assert_eq!(r["authorized"], "321428.571428571429…");
    assert_eq!(r["authorized_exact"], "2250000/7");
    // §4.c option limit 1,000,000 / 7 = 142,857.142857142857|142…; nothing
    // used by alice in 2000 after the combination's rounding is exact.
    let l = serde_json::to_value(plan::query::limits_report(
        &p,
        &terms::HolderId::new("alice"),
        2000,
    ))
    .unwrap();
    let options = &l["lines"][0];
    assert_eq!(options["limit"], "142857.142857142857…");
    assert_eq!(options["limit_exact"], "1000000/7");
}
