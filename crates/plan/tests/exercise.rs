//! Vesting and exercise (§6.a(5), §6.b): schedules, payment forms, the
//! six-month holding of tendered shares, exercise by the Participant only,
//! reload Awards, transfers, and bad input leaving the plan unchanged.

mod common;
use common::*;
use terms::Effect;
use units::{Price, Shares};

fn setup() -> (plan::Plan, FakeView) {
    let mut p = plan_1998();
    let mut v = FakeView::new();
    people(&mut p, &mut v);
    (p, v)
}

#[test]
fn periodic_vesting_gates_exercise() {
    let (mut p, mut v) = setup();
    // 1,000 shares in 3 annual instalments from 1999-02-01: cumulative
    // floor(1,000 × k / 3) = 333, 666, 1,000.
    ok(&mut p, &mut v, "1999-02-01 grant plan-1998 o1 alice nso 1000\n  exercise-price: 10\n  vesting: periodic 3 x 12m\n  expiry: 2009-02-01\n");
    let a = &p.awards["o1"];
    assert_eq!(a.vested(d("2000-01-31")), sh(0));
    assert_eq!(a.vested(d("2000-02-01")), sh(333));
    assert_eq!(a.vested(d("2001-02-01")), sh(666));
    assert_eq!(a.vested(d("2002-02-01")), sh(1000));
    // Unvested: 334 > 333 exercisable on 2000-02-01.
    refused(
        &mut p,
        &mut v,
        "2000-02-01 exercise-award plan-1998 o1 334\n  cash: 3340\n",
        "R0423",
        "6.a(5)",
    );
    // Before any vesting.
    refused(
        &mut p,
        &mut v,
        "1999-06-01 exercise-award plan-1998 o1 1\n  cash: 10\n",
        "R0423",
        "6.a(5)",
    );
    ok(
        &mut p,
        &mut v,
        "2000-02-01 exercise-award plan-1998 o1 333\n  cash: 3330\n",
    );
    // Then 666 − 333 = 333 more on 2001-02-01.
    let h = plan::query::holder_awards(&p, &terms::HolderId::new("alice"), d("2001-02-01"));
    assert_eq!(h.awards[0].exercisable, "333");
    assert_eq!(h.awards[0].next_vesting, Some(d("2002-02-01")));
    assert!(h.render_text().contains("o1"));
}

#[test]
fn dates_schedule_must_add_up() {
    let (mut p, mut v) = setup();
    ok(&mut p, &mut v, "1999-02-01 grant plan-1998 o1 alice nso 1000\n  exercise-price: 10\n  vesting: dates 1999-06-01:250 2000-06-01:750\n");
    assert_eq!(p.awards["o1"].vested(d("1999-06-01")), sh(250));
    assert_eq!(p.awards["o1"].vested(d("2000-06-01")), sh(1000));
    // 250 + 700 = 950 ≠ 1,000: a diagnostic at resolve time.
    let (mut ds, _, _, _) = journal::parse_str(journal::FileId(0), "1999-02-01 grant plan-1998 o2 alice nso 1000\n  exercise-price: 10\n  vesting: dates 1999-06-01:250 2000-06-01:700\n");
    let e = <plan::Plan as actions::Instrument>::resolve(&ds.remove(0)).unwrap_err();
    assert_eq!(e[0].code, "E0403");
    assert!(e[0].message.contains("950"), "{}", e[0].message);
}

#[test]
fn payment_rules() {
    let (mut p, mut v) = setup();
    ok(&mut p, &mut v, "1999-02-01 grant plan-1998 o1 alice nso 1000\n  exercise-price: 10\n  payment: cash shares\n");
    ok(
        &mut p,
        &mut v,
        "1999-02-01 grant plan-1998 o2 bob nso 1000\n  exercise-price: 10\n",
    );
    // 100 × $10 = $1,000; $999.99 is short.
    refused(
        &mut p,
        &mut v,
        "1999-03-01 exercise-award plan-1998 o1 100\n  cash: 999.99\n",
        "R0426",
        "6.b(1)",
    );
    // Bob's award allows only cash or check (the default).
    refused(
        &mut p,
        &mut v,
        "1999-03-01 exercise-award plan-1998 o2 100\n  promissory-note: 1000\n",
        "R0427",
        "6.b(3)",
    );
    ok(
        &mut p,
        &mut v,
        "1999-03-01 exercise-award plan-1998 o2 100\n  check: 1000\n",
    );
    // Shares tendered must have been held six months: alice's 500 shares
    // were bought 1999-01-15; on 1999-07-14 they are not yet 6 months old
    // (1999-01-15 + 6 months = 1999-07-15).
    v.hold("alice", "1999-01-15", 500);
    refused(
        &mut p,
        &mut v,
        "1999-07-14 exercise-award plan-1998 o1 100\n  tender: 50\n  fmv: 20\n",
        "R0428",
        "6.b(3)(a)(i)",
    );
    // She cannot tender shares she does not have.
    refused(
        &mut p,
        &mut v,
        "1999-07-15 exercise-award plan-1998 o1 100\n  tender: 501\n  fmv: 20\n",
        "R0429",
        "6.b(3)(a)(i)",
    );
    // On 1999-07-15: 50 × $20 = $1,000 pays for 100 shares.
    let out = ok(
        &mut p,
        &mut v,
        "1999-07-15 exercise-award plan-1998 o1 100\n  tender: 50\n  fmv: 20\n",
    );
    assert!(out
        .effects
        .iter()
        .any(|e| matches!(e, Effect::Cancel { shares, .. } if *shares == Shares::from_int(50))));
    // Only alice exercises her Award during her lifetime (§6.a(4)).
    refused(
        &mut p,
        &mut v,
        "1999-08-01 exercise-award plan-1998 o1 10\n  cash: 100\n  by: bob\n",
        "R0430",
        "6.a(4)",
    );
    ok(&mut p, &mut v, "1999-08-01 exercise-award plan-1998 o1 10\n  cash: 100\n  by: alice-guardian\n  legal-representative: yes\n");
}

#[test]
fn reload_award_for_the_shares_exercised() {
    let (mut p, mut v) = setup();
    ok(&mut p, &mut v, "1999-02-01 grant plan-1998 o1 alice nso 1000\n  exercise-price: 10\n  reload: yes\n  expiry: 2004-02-01\n  fmv: 10\n");
    // Exercising 400 for $4,000 cash when the Stock is at $17.25 gives a
    // new Award of 400 shares at $17.25 (§6.b(4)), same expiry.
    ok(
        &mut p,
        &mut v,
        "2000-02-01 exercise-award plan-1998 o1 400\n  cash: 4000\n  fmv: 17.25\n",
    );
    let r = &p.awards["o1-reload-1"];
    assert_eq!(r.total, sh(400));
    assert_eq!(r.exercise_price, Some(Price::parse("17.25").unwrap()));
    assert_eq!(r.expiry, Some(d("2004-02-01")));
    // The reload is a grant from the pool: outstanding 600 left of o1 +
    // 400 reload = 1,000; delivered 400; available
    // 1,500,000 − 1,000 − 400 = 1,498,600.
    assert_eq!(pool(&p, "2000-02-01").available, sh(1_498_600));
    // It counts against 2000's option limit: 400.
    assert_eq!(
        p.limit_used(
            &terms::HolderId::new("alice"),
            2000,
            plan::award::LimitCategory::Options
        ),
        sh(400)
    );
}

#[test]
fn transfers_only_by_will_or_descent() {
    let (mut p, mut v) = setup();
    ok(
        &mut p,
        &mut v,
        "1999-02-01 grant plan-1998 o1 alice nso 1000\n  exercise-price: 10\n",
    );
    refused(
        &mut p,
        &mut v,
        "1999-03-01 transfer-award plan-1998 o1 bob\n  by: permitted\n",
        "R0431",
        "6.a(4)",
    );
    ok(
        &mut p,
        &mut v,
        "1999-03-01 grant plan-1998 o2 alice nso 10\n  exercise-price: 10\n  transferable: yes\n",
    );
    ok(
        &mut p,
        &mut v,
        "1999-03-02 transfer-award plan-1998 o2 bob\n",
    );
    assert_eq!(p.awards["o2"].holder.0, "bob");
    // After alice's death her estate holds o1 and exercises it.
    ok(
        &mut p,
        &mut v,
        "1999-06-01 terminate-service plan-1998 alice\n  reason: death\n",
    );
    ok(
        &mut p,
        &mut v,
        "1999-06-15 transfer-award plan-1998 o1 alice-estate\n  by: will\n",
    );
    ok(
        &mut p,
        &mut v,
        "1999-07-01 exercise-award plan-1998 o1 1000\n  cash: 10000\n",
    );
}

#[test]
fn wrong_events_for_the_award() {
    let (mut p, mut v) = setup();
    ok(
        &mut p,
        &mut v,
        "1999-02-01 grant plan-1998 r1 alice restricted 100\n  consideration: 0.01\n",
    );
    refused(
        &mut p,
        &mut v,
        "1999-03-01 exercise-award plan-1998 r1 10\n  cash: 1\n",
        "R0435",
        "6.b",
    );
    refused(
        &mut p,
        &mut v,
        "1999-03-01 exercise-award plan-1998 nope 10\n  cash: 1\n",
        "R0418",
        "6.a(1)",
    );
    refused(
        &mut p,
        &mut v,
        "1999-03-01 settle-award plan-1998 r1\n  cash: 1\n",
        "R0432",
        "6.a(3)",
    );
}

#[test]
fn deferred_stock_delivered_when_vested() {
    let (mut p, mut v) = setup();
    ok(
        &mut p,
        &mut v,
        "1999-02-01 grant plan-1998 d1 alice deferred 1000\n  vesting: cliff 12m\n",
    );
    refused(
        &mut p,
        &mut v,
        "2000-01-31 deliver-award plan-1998 d1\n",
        "R0423",
        "6.a(5)",
    );
    let out = ok(&mut p, &mut v, "2000-02-01 deliver-award plan-1998 d1\n");
    assert!(out
        .effects
        .iter()
        .any(|e| matches!(e, Effect::Issue { shares, .. } if *shares == Shares::from_int(1000))));
    let s = pool(&p, "2000-02-01");
    assert_eq!(s.outstanding, sh(0));
    assert_eq!(s.delivered, sh(1000));
}

#[test]
fn cash_performance_award_paid_after_certification() {
    let (mut p, mut v) = setup();
    ok(&mut p, &mut v, "2000-04-01 grant plan-1998 c1 alice cash-performance 500000\n  performance-period: 2000-04-01..2001-03-31\n  vesting: performance\n  qualify-162m: yes\n");
    refused(
        &mut p,
        &mut v,
        "2001-04-15 pay-award plan-1998 c1 100000\n",
        "R0433",
        "6.a(9)",
    );
    ok(
        &mut p,
        &mut v,
        "2001-04-10 certify plan-1998 c1\n  amount: 300000\n",
    );
    // Earned $300,000 of $500,000: $300,001 is too much.
    refused(
        &mut p,
        &mut v,
        "2001-04-15 pay-award plan-1998 c1 300001\n",
        "R0434",
        "4.d",
    );
    let out = ok(&mut p, &mut v, "2001-04-15 pay-award plan-1998 c1 300000\n");
    assert!(out.effects.iter().any(
        |e| matches!(e, Effect::Cash { amount, .. } if *amount == units::Money::from_int(300_000))
    ));
    // The §4.d bucket now counts what was paid, $300,000, not the $500,000
    // maximum: $700,000 more fits in fiscal 2001.
    ok(&mut p, &mut v, "2001-04-16 grant plan-1998 c2 alice cash-performance 700000\n  performance-period: 2000-10-01..2001-03-31\n");
}

#[test]
fn stock_settled_sar_delivers_whole_shares_and_cash_for_the_fraction() {
    let (mut p, mut v) = setup();
    ok(
        &mut p,
        &mut v,
        "1999-02-01 grant plan-1998 s1 alice sar 1000\n  exercise-price: 10\n",
    );
    let out = ok(
        &mut p,
        &mut v,
        "2000-02-01 exercise-award plan-1998 s1 1000\n  fmv: 13\n",
    );
    // Appreciation (13 − 10) × 1,000 = $3,000; 3,000 / 13 = 230.769… →
    // 230 whole shares (§4.b) and 0.769… × $13 = $10.00 in cash.
    assert!(out
        .effects
        .iter()
        .any(|e| matches!(e, Effect::Issue { shares, .. } if *shares == Shares::from_int(230))));
    assert!(out.effects.iter().any(
        |e| matches!(e, Effect::Cash { amount, .. } if *amount == units::Money::from_int(10))
    ));
    // Only the 230 delivered count; 770 return: 1,500,000 − 230 = 1,499,770.
    let s = pool(&p, "2000-02-01");
    assert_eq!(s.delivered, sh(230));
    assert_eq!(s.available, sh(1_499_770));
}

#[test]
fn treasury_must_cover_a_delivery_from_treasury() {
    let (mut p, mut v) = setup();
    v.treasury = Shares::from_int(99);
    refused(&mut p, &mut v, "1999-02-01 grant plan-1998 r1 alice restricted 100\n  consideration: 0.01\n  source: treasury\n", "R0445", "4.b");
    v.treasury = Shares::from_int(100);
    let out = ok(&mut p, &mut v, "1999-02-01 grant plan-1998 r1 alice restricted 100\n  consideration: 0.01\n  source: treasury\n");
    assert!(out.effects.iter().any(|e| matches!(
        e,
        Effect::Issue {
            from_treasury: true,
            ..
        }
    )));
}

#[test]
fn other_awards_counted_on_delivery_when_the_term_file_says_so() {
    let text = PLAN_1998.replace(
        "other_awards_limit_counts = \"grant\"",
        "other_awards_limit_counts = \"delivery\"",
    );
    let t = plan::PlanTerms::load(journal::FileId(0), &text).unwrap();
    let mut p = plan::Plan::new(terms::InstrumentId::new("plan-1998"), t);
    let mut v = FakeView::new();
    people(&mut p, &mut v);
    ok(
        &mut p,
        &mut v,
        "1999-09-16 amend-plan plan-1998\n  pool: 2250000\n  approved-by: stockholders\n",
    );
    // Two deferred awards of 600,000 granted in 1999 are fine under the
    // delivery reading (nothing delivered yet) ...
    ok(
        &mut p,
        &mut v,
        "1999-10-01 grant plan-1998 d1 carol deferred 600000\n  vesting: cliff 2000-06-01\n",
    );
    ok(
        &mut p,
        &mut v,
        "1999-10-02 grant plan-1998 d2 carol deferred 600000\n  vesting: cliff 2000-06-01\n",
    );
    // ... but both cannot be delivered in 2000: 600,000 + 600,000 > 1,000,000.
    ok(&mut p, &mut v, "2000-06-01 deliver-award plan-1998 d1\n");
    refused(
        &mut p,
        &mut v,
        "2000-06-02 deliver-award plan-1998 d2\n",
        "R0405",
        "4.c",
    );
    ok(&mut p, &mut v, "2001-01-02 deliver-award plan-1998 d2\n");
}

#[test]
fn adverse_alterations_need_consent() {
    let (mut p, mut v) = setup();
    ok(&mut p, &mut v, "1999-02-01 grant plan-1998 o1 alice nso 1000\n  exercise-price: 10\n  vesting: dates 1999-06-01:400 2000-06-01:600\n");
    // §3: raising the price is adverse.
    refused(
        &mut p,
        &mut v,
        "1999-03-01 reprice plan-1998 o1\n  exercise-price: 11\n",
        "R0449",
        "3",
    );
    // After 1999-06-01, 400 are vested: forfeiting all 1,000 takes vested
    // shares; the 600 unvested may be forfeited.
    refused(
        &mut p,
        &mut v,
        "1999-07-01 forfeit-award plan-1998 o1\n  shares: 1000\n",
        "R0449",
        "3",
    );
    ok(&mut p, &mut v, "1999-07-01 forfeit-award plan-1998 o1\n");
    assert_eq!(p.awards["o1"].outstanding(), sh(400));
    // A surrender with consent.
    ok(
        &mut p,
        &mut v,
        "1999-08-01 forfeit-award plan-1998 o1\n  consent: yes\n",
    );
    assert_eq!(p.awards["o1"].outstanding(), sh(0));
    assert_eq!(pool(&p, "1999-08-01").available, sh(1_500_000));
}

#[test]
fn exercises_of_settled_awards_or_holding_back_too_much_are_refused() {
    let (mut p, mut v) = setup();
    ok(&mut p, &mut v, "2000-01-03 grant plan-1998 o1 alice nso 1000\n  exercise-price: 10\n  payment: cash hold-back\n");
    // §4.a(iv): shares held back come from "shares that would otherwise
    // have been delivered": 600 for the price + 500 for taxes = 1,100 > the
    // 1,000 exercised.
    refused(
        &mut p,
        &mut v,
        "2000-02-01 exercise-award plan-1998 o1 1000\n  hold-back: 600\n  withhold: 500\n  fmv: 20\n",
        "R0443",
        "4.a",
    );
    // §6.a(3): extinguished for $5,000 with consent; then nothing is left
    // to exercise (R0436), and the pool has the 1,000 shares back (ii):
    // 1,500,000 available.
    ok(
        &mut p,
        &mut v,
        "2000-03-01 settle-award plan-1998 o1\n  cash: 5000\n  consent: yes\n",
    );
    assert_eq!(pool(&p, "2000-03-01").available, sh(1_500_000));
    refused(
        &mut p,
        &mut v,
        "2000-04-03 exercise-award plan-1998 o1 10\n  cash: 100\n",
        "R0436",
        "6.a(5)",
    );
}
