//! Hand-worked pool accounting under Plan §4.a as amended: grants, a
//! forfeiture of Restricted Stock, a cash-settled SAR, an exercise paid
//! partly with tendered shares with shares held back for taxes, the 1999
//! amendment, and an alternative settlement in cash.

mod common;
use common::*;
use terms::Effect;
use units::{Money, Shares};

#[test]
fn pool_through_grants_forfeiture_cash_settlement_exercise_and_amendment() {
    let mut p = plan_1998();
    let mut v = FakeView::new();
    people(&mut p, &mut v);

    // §4.a as adopted: 1,500,000 shares.
    assert_eq!(pool(&p, "1999-01-04").authorized, sh(1_500_000));

    ok(&mut p, &mut v, "1999-02-01 grant plan-1998 o1 alice nso 400000\n  exercise-price: 10\n  expiry: 2009-02-01\n  payment: cash shares hold-back\n");
    // 1,500,000 − 400,000 = 1,100,000 available.
    assert_eq!(pool(&p, "1999-02-01").available, sh(1_100_000));
    assert_eq!(pool(&p, "1999-02-01").outstanding, sh(400_000));

    let out = ok(&mut p, &mut v, "1999-03-01 grant plan-1998 r1 bob restricted 100000\n  consideration: 0.01\n  vesting: cliff 2000-03-01\n");
    // Restricted Stock is delivered when awarded: delivered 100,000;
    // available 1,100,000 − 100,000 = 1,000,000.
    let s = pool(&p, "1999-03-01");
    assert_eq!(s.delivered, sh(100_000));
    assert_eq!(s.available, sh(1_000_000));
    // The shares are issued to bob; he pays par: 100,000 × $0.01 = $1,000.
    assert!(out.effects.iter().any(|e| matches!(e, Effect::Issue { holder, shares, .. } if holder.0 == "bob" && *shares == Shares::from_int(100_000))));
    assert!(out
        .effects
        .iter()
        .any(|e| matches!(e, Effect::Cash { amount, .. } if *amount == Money::from_int(-1000))));

    // Amendment No. 1, stockholders' vote of 1999-09-16: 2,250,000.
    ok(
        &mut p,
        &mut v,
        "1999-09-16 amend-plan plan-1998\n  pool: 2250000\n  approved-by: stockholders\n",
    );
    // 2,250,000 − 400,000 − 100,000 = 1,750,000.
    assert_eq!(pool(&p, "1999-09-16").available, sh(1_750_000));
    // The pool as of a date before the vote is still the original.
    assert_eq!(pool(&p, "1999-09-15").authorized, sh(1_500_000));
    assert_eq!(pool(&p, "1999-09-15").available, sh(1_000_000));

    // Bob's Restricted Stock is forfeited before its cliff (iii): delivered
    // 100,000 − 100,000 = 0; available 1,750,000 + 100,000 = 1,850,000.
    let out = ok(&mut p, &mut v, "1999-10-01 forfeit-award plan-1998 r1\n");
    assert!(out.effects.iter().any(|e| matches!(e, Effect::Cancel { holder, shares, to_treasury: true, .. } if holder.0 == "bob" && *shares == Shares::from_int(100_000))));
    let s = pool(&p, "1999-10-01");
    assert_eq!(s.delivered, sh(0));
    assert_eq!(s.available, sh(1_850_000));

    // A cash-settled SAR: 50,000 shares count while outstanding ...
    ok(
        &mut p,
        &mut v,
        "1999-11-01 grant plan-1998 s1 alice sar 50000\n  exercise-price: 12\n  settle-in: cash\n",
    );
    assert_eq!(pool(&p, "1999-11-01").available, sh(1_800_000));
    // ... and come back when settled in cash (ii): appreciation
    // (20 − 12) × 50,000 = $400,000 paid; available 1,850,000 again.
    let out = ok(
        &mut p,
        &mut v,
        "2000-01-10 exercise-award plan-1998 s1 50000\n  fmv: 20\n",
    );
    assert!(out
        .effects
        .iter()
        .any(|e| matches!(e, Effect::Cash { amount, .. } if *amount == Money::from_int(400_000))));
    assert!(!out
        .effects
        .iter()
        .any(|e| matches!(e, Effect::Issue { .. })));
    assert_eq!(pool(&p, "2000-01-10").available, sh(1_850_000));

    // Alice exercises 10,000 of o1 at $10 = $100,000: 3,000 previously
    // owned shares (held since 1999-01-01) tendered at fmv $25 = $75,000,
    // plus $25,000 cash; 1,200 shares held back for withholding taxes.
    v.hold("alice", "1999-01-01", 5_000);
    let out = ok(
        &mut p,
        &mut v,
        "2000-02-01 exercise-award plan-1998 o1 10000\n  tender: 3000\n  cash: 25000\n  withhold: 1200\n  fmv: 25\n",
    );
    // Issued: 10,000 − 1,200 held back = 8,800.
    assert!(out.effects.iter().any(|e| matches!(e, Effect::Issue { holder, shares, from_treasury: false, .. } if holder.0 == "alice" && *shares == Shares::from_int(8_800))));
    // The 3,000 tendered shares go to treasury.
    assert!(out.effects.iter().any(|e| matches!(e, Effect::Cancel { holder, shares, to_treasury: true, .. } if holder.0 == "alice" && *shares == Shares::from_int(3_000))));
    // $25,000 received.
    assert!(out
        .effects
        .iter()
        .any(|e| matches!(e, Effect::Cash { amount, .. } if *amount == Money::from_int(-25_000))));
    let s = pool(&p, "2000-02-01");
    // Outstanding 400,000 − 10,000 = 390,000.
    assert_eq!(s.outstanding, sh(390_000));
    // Delivered net: 8,800 − 3,000 tendered = 5,800 (§4.a last sentence).
    assert_eq!(s.delivered, sh(5_800));
    // Available: 2,250,000 − 390,000 − 5,800 = 1,854,200
    // (= 1,850,000 + 1,200 held back + 3,000 tendered).
    assert_eq!(s.available, sh(1_854_200));

    // The rest of o1 is extinguished for cash with alice's consent
    // (§6.a(3)); its 390,000 shares return (ii):
    // available 2,250,000 − 0 − 5,800 = 2,244,200.
    let out = ok(
        &mut p,
        &mut v,
        "2000-03-01 settle-award plan-1998 o1\n  cash: 500000\n  consent: yes\n",
    );
    assert!(out
        .effects
        .iter()
        .any(|e| matches!(e, Effect::Cash { amount, .. } if *amount == Money::from_int(500_000))));
    let s = pool(&p, "2000-03-01");
    assert_eq!(s.outstanding, sh(0));
    assert_eq!(s.available, sh(2_244_200));
    // The report shows every movement with its clause.
    let r = plan::query::pool_report(&p, d("2000-03-01"));
    assert_eq!(r.available, "2244200");
    assert!(
        r.render_text().contains("Plan §4.a(ii)"),
        "{}",
        r.render_text()
    );
}

#[test]
fn held_back_for_the_exercise_price_is_not_delivered() {
    let mut p = plan_1998();
    let mut v = FakeView::new();
    people(&mut p, &mut v);
    ok(&mut p, &mut v, "1999-02-01 grant plan-1998 o1 alice nso 1000\n  exercise-price: 5\n  payment: cash hold-back\n");
    // A net exercise: 1,000 × $5 = $5,000 paid by holding back 250 shares
    // at fmv $20 (250 × 20 = 5,000): 750 shares issued, 750 delivered.
    let out = ok(
        &mut p,
        &mut v,
        "1999-06-01 exercise-award plan-1998 o1 1000\n  hold-back: 250\n  fmv: 20\n",
    );
    assert!(out
        .effects
        .iter()
        .any(|e| matches!(e, Effect::Issue { shares, .. } if *shares == Shares::from_int(750))));
    let s = pool(&p, "1999-06-01");
    assert_eq!(s.delivered, sh(750));
    // 1,500,000 − 750 = 1,499,250 available.
    assert_eq!(s.available, sh(1_499_250));
}

#[test]
fn expiry_returns_unexercised_shares_the_day_after() {
    use actions::Instrument;
    let mut p = plan_1998();
    let mut v = FakeView::new();
    people(&mut p, &mut v);
    ok(
        &mut p,
        &mut v,
        "1999-02-01 grant plan-1998 o1 alice nso 1000\n  exercise-price: 5\n  expiry: 2001-01-31\n",
    );
    // The engine asks for the next scheduled date: the day after expiry.
    assert_eq!(p.next_scheduled(d("1999-02-01")), Some(d("2001-02-01")));
    assert_eq!(pool(&p, "2001-01-31").outstanding, sh(1000));
    // On 2001-02-01 the 1,000 shares return (i): 1,500,000 available.
    assert_eq!(pool(&p, "2001-02-01").outstanding, sh(0));
    assert_eq!(pool(&p, "2001-02-01").available, sh(1_500_000));
    v.date = d("2001-02-01");
    p.run_scheduled(d("2001-02-01"), &v);
    assert_eq!(p.next_scheduled(d("2001-02-01")), None);
    refused(
        &mut p,
        &mut v,
        "2001-02-01 exercise-award plan-1998 o1 10\n  cash: 50\n",
        "R0424",
        "6.a(5)",
    );
}

#[test]
fn the_pool_refuses_a_grant_it_cannot_cover() {
    let mut p = plan_1998();
    let mut v = FakeView::new();
    people(&mut p, &mut v);
    ok(
        &mut p,
        &mut v,
        "1999-02-01 grant plan-1998 o1 alice nso 1000000\n  exercise-price: 10\n",
    );
    // 1,500,000 − 1,000,000 = 500,000 left; 500,001 is one too many.
    let r = refused(
        &mut p,
        &mut v,
        "1999-02-02 grant plan-1998 o2 bob nso 500001\n  exercise-price: 10\n",
        "R0402",
        "4.a",
    );
    assert!(
        r.message.contains("500000 shares are available"),
        "{}",
        r.message
    );
    ok(
        &mut p,
        &mut v,
        "1999-02-02 grant plan-1998 o2 bob nso 500000\n  exercise-price: 10\n",
    );
    assert_eq!(pool(&p, "1999-02-02").available, sh(0));
}

#[test]
fn amendments_need_the_stockholders_and_cannot_undercut_awards() {
    let mut p = plan_1998();
    let mut v = FakeView::new();
    people(&mut p, &mut v);
    ok(
        &mut p,
        &mut v,
        "1999-02-01 grant plan-1998 o1 alice nso 600000\n  exercise-price: 10\n",
    );
    refused(
        &mut p,
        &mut v,
        "1999-09-16 amend-plan plan-1998\n  pool: 2250000\n  approved-by: board\n",
        "R0421",
        "9",
    );
    // 600,000 shares are under an outstanding Award: the pool cannot be 599,999.
    refused(
        &mut p,
        &mut v,
        "1999-09-16 amend-plan plan-1998\n  pool: 599999\n  approved-by: board\n",
        "R0422",
        "4.a",
    );
    ok(
        &mut p,
        &mut v,
        "2000-01-01 amend-plan plan-1998\n  terminate: yes\n",
    );
    refused(
        &mut p,
        &mut v,
        "2000-01-02 grant plan-1998 o2 alice nso 1\n  exercise-price: 10\n",
        "R0420",
        "9",
    );
}
