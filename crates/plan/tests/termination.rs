//! Cessation of service (§6.a(5)): unvested Awards forfeit; exercisable
//! Options and SARs stay exercisable for the lesser of one year after death
//! or three months after another cessation and their own term; nothing
//! after a cessation for cause.

mod common;
use actions::Instrument;
use common::*;
use terms::Effect;
use units::Shares;

fn setup() -> (plan::Plan, FakeView) {
    let mut p = plan_1998();
    let mut v = FakeView::new();
    people(&mut p, &mut v);
    (p, v)
}

#[test]
fn other_cessation_three_months() {
    let (mut p, mut v) = setup();
    // 10,000 shares vesting in 4 annual instalments from 2000-01-01.
    ok(&mut p, &mut v, "2000-01-01 grant plan-1998 o1 alice nso 10000\n  exercise-price: 10\n  vesting: periodic 4 x 12m\n  expiry: 2010-01-01\n");
    let out = ok(
        &mut p,
        &mut v,
        "2002-06-15 terminate-service plan-1998 alice\n  reason: other\n",
    );
    // Vested on 2002-06-15: instalments 2001-01-01 and 2002-01-01 →
    // floor(10,000 × 2/4) = 5,000; unvested 5,000 forfeited (back to pool).
    assert_eq!(p.awards["o1"].returned, sh(5000));
    // Last exercise date: lesser of 2002-06-15 + 3 months = 2002-09-15 and
    // the term 2010-01-01.
    assert_eq!(p.awards["o1"].last_exercise_date(), Some(d("2002-09-15")));
    assert!(out.computations.iter().any(|c| c.value == "2002-09-15"));
    // Vesting stops: on 2003-01-01 still 5,000.
    assert_eq!(p.awards["o1"].vested(d("2003-01-01")), sh(5000));
    let h = plan::query::holder_awards(&p, &terms::HolderId::new("alice"), d("2002-07-01"));
    assert_eq!(h.awards[0].exercisable, "5000");
    assert_eq!(h.awards[0].last_exercise_date, Some(d("2002-09-15")));
    ok(
        &mut p,
        &mut v,
        "2002-09-15 exercise-award plan-1998 o1 1000\n  cash: 10000\n",
    );
    refused(
        &mut p,
        &mut v,
        "2002-09-16 exercise-award plan-1998 o1 1000\n  cash: 10000\n",
        "R0424",
        "6.a(5)",
    );
    // The engine's schedule lapses the other 4,000 on 2002-09-16 (i):
    assert_eq!(p.next_scheduled(d("2002-09-15")), Some(d("2002-09-16")));
    v.date = d("2002-09-16");
    p.run_scheduled(d("2002-09-16"), &v);
    // 1,500,000 − 1,000 delivered = 1,499,000 available.
    assert_eq!(pool(&p, "2002-09-16").available, sh(1_499_000));
    // No new Award to someone whose service ended.
    refused(
        &mut p,
        &mut v,
        "2002-10-01 grant plan-1998 o2 alice nso 1\n  exercise-price: 10\n",
        "R0438",
        "6.a(5)",
    );
}

#[test]
fn death_one_year_against_the_original_term() {
    let (mut p, mut v) = setup();
    ok(&mut p, &mut v, "2000-01-01 grant plan-1998 short bob nso 8000\n  exercise-price: 10\n  expiry: 2003-03-31\n");
    ok(&mut p, &mut v, "2000-01-01 grant plan-1998 long bob nso 2000\n  exercise-price: 10\n  expiry: 2005-01-01\n");
    ok(
        &mut p,
        &mut v,
        "2002-06-15 terminate-service plan-1998 bob\n  reason: death\n",
    );
    // First anniversary of death: 2003-06-15. The short option's own term
    // ends sooner (2003-03-31); the long one's later (2005-01-01).
    assert_eq!(
        p.awards["short"].last_exercise_date(),
        Some(d("2003-03-31"))
    );
    assert_eq!(p.awards["long"].last_exercise_date(), Some(d("2003-06-15")));
    ok(
        &mut p,
        &mut v,
        "2002-07-01 transfer-award plan-1998 long bob-estate\n  by: descent\n",
    );
    ok(
        &mut p,
        &mut v,
        "2003-06-15 exercise-award plan-1998 long 2000\n  cash: 20000\n",
    );
    refused(
        &mut p,
        &mut v,
        "2003-04-01 exercise-award plan-1998 short 1\n  cash: 10\n",
        "R0424",
        "6.a(5)",
    );
}

#[test]
fn cause_terminates_immediately() {
    let (mut p, mut v) = setup();
    ok(&mut p, &mut v, "2000-01-01 grant plan-1998 o1 carol nso 3000\n  exercise-price: 10\n  expiry: 2010-01-01\n");
    ok(&mut p, &mut v, "2000-01-01 grant plan-1998 r1 carol restricted 1000\n  consideration: 0.01\n  vesting: periodic 2 x 12m\n");
    let out = ok(
        &mut p,
        &mut v,
        "2001-06-01 terminate-service plan-1998 carol\n  reason: cause\n",
    );
    // All 3,000 option shares terminate (§6.a(5)(C)) ...
    assert_eq!(p.awards["o1"].returned, sh(3000));
    // ... so the last day the option existed is the cessation date, not the
    // 2010-01-01 end of its original term.
    assert_eq!(
        p.awards["o1"].last_exercise_date(),
        Some(calendar::Date::new(2001, 6, 1).unwrap())
    );
    refused(
        &mut p,
        &mut v,
        "2001-06-01 exercise-award plan-1998 o1 1\n  cash: 10\n",
        "R0424",
        "6.a(5)",
    );
    // ... and Restricted Stock not yet vested, floor(1,000 × 1/2) = 500
    // vested, 500 forfeited and redelivered to the Company (iii).
    assert!(out.effects.iter().any(|e| matches!(e, Effect::Cancel { holder, shares, to_treasury: true, .. } if holder.0 == "carol" && *shares == Shares::from_int(500))));
    // Pool: 1,500,000 − 500 delivered (vested restricted) = 1,499,500.
    assert_eq!(pool(&p, "2001-06-01").available, sh(1_499_500));
    refused(
        &mut p,
        &mut v,
        "2001-06-02 terminate-service plan-1998 carol\n  reason: other\n",
        "R0438",
        "6.a(5)",
    );
}

#[test]
fn an_employee_who_becomes_a_director_ceases_employment() {
    let (mut p, mut v) = setup();
    ok(&mut p, &mut v, "2000-01-01 grant plan-1998 o1 alice nso 1000\n  exercise-price: 10\n  vesting: periodic 2 x 12m\n");
    ok(&mut p, &mut v, "2000-01-01 grant plan-1998 o2 bob nso 1000\n  exercise-price: 10\n  vesting: periodic 2 x 12m\n");
    // §6.a(5) last paragraph: employment ends even though alice stays on
    // as a director. Vested floor(1,000 × 1/2) = 500; window to 2001-09-01.
    let out = ok(
        &mut p,
        &mut v,
        "2001-06-01 participant plan-1998 alice\n  status: director\n",
    );
    assert_eq!(out.warnings.len(), 1);
    assert_eq!(p.awards["o1"].returned, sh(500));
    assert_eq!(p.awards["o1"].last_exercise_date(), Some(d("2001-09-01")));
    // She is a Participant again, as a director: a new NSO is fine.
    ok(
        &mut p,
        &mut v,
        "2001-06-02 grant plan-1998 o3 alice nso 10\n  exercise-price: 10\n",
    );
    // The Administrator may provide otherwise for bob.
    ok(
        &mut p,
        &mut v,
        "2001-06-01 participant plan-1998 bob\n  status: consultant\n  continue-awards: yes\n",
    );
    assert_eq!(p.awards["o2"].vested(d("2002-01-01")), sh(1000));
    assert_eq!(p.awards["o2"].last_exercise_date(), None);
}

#[test]
fn the_executor_exercises_after_death() {
    let (mut p, mut v) = setup();
    ok(
        &mut p,
        &mut v,
        "2000-01-01 grant plan-1998 o1 alice nso 1000\n  exercise-price: 10\n",
    );
    refused(
        &mut p,
        &mut v,
        "2000-05-01 exercise-award plan-1998 o1 100\n  cash: 1000\n  by: alice-executor\n",
        "R0430",
        "6.a(4)",
    );
    ok(
        &mut p,
        &mut v,
        "2000-06-01 terminate-service plan-1998 alice\n  reason: death\n",
    );
    ok(
        &mut p,
        &mut v,
        "2000-07-01 exercise-award plan-1998 o1 100\n  cash: 1000\n  by: alice-executor\n",
    );
}

#[test]
fn the_administrator_provides_other_post_cessation_periods_for_an_award() {
    let (mut p, mut v) = setup();
    // §6.a(5) "Unless the Administrator expressly provides otherwise": o1
    // stays exercisable 12 months after a cessation other than death, o2 the
    // Plan's three months. Both fully vested, term to 2010-01-01.
    ok(&mut p, &mut v, "2000-01-01 grant plan-1998 o1 alice nso 1000\n  exercise-price: 10\n  expiry: 2010-01-01\n  after-cessation: 12m\n");
    ok(&mut p, &mut v, "2000-01-01 grant plan-1998 o2 alice nso 1000\n  exercise-price: 10\n  expiry: 2010-01-01\n");
    ok(
        &mut p,
        &mut v,
        "2002-06-15 terminate-service plan-1998 alice\n  reason: other\n",
    );
    // o1: 2002-06-15 + 12 months = 2003-06-15 (before the term 2010-01-01);
    // o2: 2002-06-15 + 3 months = 2002-09-15.
    assert_eq!(p.awards["o1"].last_exercise_date(), Some(d("2003-06-15")));
    assert_eq!(p.awards["o2"].last_exercise_date(), Some(d("2002-09-15")));
    ok(
        &mut p,
        &mut v,
        "2003-06-15 exercise-award plan-1998 o1 1000\n  cash: 10000\n",
    );
    // An override of the death period: 24 months, but cut to the Award's
    // own term (the lesser of the two, "without regard to this Section").
    ok(&mut p, &mut v, "2000-01-01 grant plan-1998 o3 bob nso 1000\n  exercise-price: 10\n  expiry: 2003-01-01\n  after-death: 2y\n");
    ok(
        &mut p,
        &mut v,
        "2002-06-15 terminate-service plan-1998 bob\n  reason: death\n",
    );
    // 2002-06-15 + 24 months = 2004-06-15, cut to 2003-01-01.
    assert_eq!(p.awards["o3"].last_exercise_date(), Some(d("2003-01-01")));
}

#[test]
fn amending_an_awards_periods_payment_and_transferability() {
    let (mut p, mut v) = setup();
    ok(&mut p, &mut v, "2000-01-01 grant plan-1998 o1 alice nso 1000\n  exercise-price: 10\n  expiry: 2010-01-01\n");
    ok(&mut p, &mut v, "2000-01-01 grant plan-1998 i1 alice iso 1000\n  exercise-price: 10\n  fmv: 10\n  expiry: 2010-01-01\n");
    ok(&mut p, &mut v, "2000-01-01 grant plan-1998 r1 bob nso 1000\n  exercise-price: 10\n  expiry: 2010-01-01\n  reserved-alteration: yes\n");
    // Lengthening the period after cessation favours the Participant: no
    // consent needed.
    ok(
        &mut p,
        &mut v,
        "2001-01-02 amend-award plan-1998 o1\n  after-cessation: 6m\n",
    );
    // Shortening it back is adverse (§3): refused without consent ...
    refused(
        &mut p,
        &mut v,
        "2001-01-03 amend-award plan-1998 o1\n  after-cessation: 1m\n",
        "R0449",
        "3",
    );
    // ... but allowed on r1, whose grant reserved the right in writing.
    ok(
        &mut p,
        &mut v,
        "2001-01-03 amend-award plan-1998 r1\n  after-cessation: 1m\n",
    );
    // §6.b(3)(a): adding payment in shares to an ISO after grant needs the
    // optionee's consent (R0450); to a non-qualified option it does not.
    refused(
        &mut p,
        &mut v,
        "2001-02-01 amend-award plan-1998 i1\n  payment: cash check shares\n",
        "R0450",
        "6.b(3)",
    );
    ok(
        &mut p,
        &mut v,
        "2001-02-01 amend-award plan-1998 i1\n  payment: cash check shares\n  consent: yes\n",
    );
    ok(
        &mut p,
        &mut v,
        "2001-02-01 amend-award plan-1998 o1\n  payment: cash check shares\n",
    );
    assert!(p.awards["o1"]
        .payment_forms
        .contains(&plan::award::PaymentForm::Shares));
    // Taking a form away again is adverse.
    refused(
        &mut p,
        &mut v,
        "2001-03-01 amend-award plan-1998 o1\n  payment: cash\n",
        "R0449",
        "3",
    );
    // The period recomputes when service has already ended: alice leaves on
    // 2002-06-15, o1 runs 6 months to 2002-12-15; the Administrator then
    // extends it to 12 months: 2003-06-15.
    ok(
        &mut p,
        &mut v,
        "2002-06-15 terminate-service plan-1998 alice\n  reason: other\n",
    );
    assert_eq!(p.awards["o1"].last_exercise_date(), Some(d("2002-12-15")));
    ok(
        &mut p,
        &mut v,
        "2002-07-01 amend-award plan-1998 o1\n  after-cessation: 12m\n",
    );
    assert_eq!(p.awards["o1"].last_exercise_date(), Some(d("2003-06-15")));
    // bob leaves: r1 was cut to one month, 2002-06-15 → 2002-07-15.
    ok(
        &mut p,
        &mut v,
        "2002-06-15 terminate-service plan-1998 bob\n  reason: other\n",
    );
    assert_eq!(p.awards["r1"].last_exercise_date(), Some(d("2002-07-15")));
}

#[test]
fn a_written_reservation_allows_adverse_alterations_without_consent() {
    let (mut p, mut v) = setup();
    // §3: "unless the Administrator expressly reserved the right to do so in
    // writing at the time of such communication".
    ok(&mut p, &mut v, "1999-02-01 grant plan-1998 o1 alice nso 1000\n  exercise-price: 10\n  reserved-alteration: yes\n");
    ok(
        &mut p,
        &mut v,
        "1999-02-01 grant plan-1998 o2 alice nso 1000\n  exercise-price: 10\n",
    );
    // Raising the price of o2 is refused; of o1 allowed.
    refused(
        &mut p,
        &mut v,
        "1999-03-01 reprice plan-1998 o2\n  exercise-price: 11\n",
        "R0449",
        "3",
    );
    ok(
        &mut p,
        &mut v,
        "1999-03-01 reprice plan-1998 o1\n  exercise-price: 11\n",
    );
    // Forfeiting o1's 1,000 vested shares needs no consent either:
    // outstanding 1,000 − 1,000 = 0; the pool gets them back:
    // 1,500,000 − 1,000 (o2) = 1,499,000 available.
    ok(
        &mut p,
        &mut v,
        "1999-04-01 forfeit-award plan-1998 o1\n  shares: 1000\n",
    );
    assert_eq!(p.awards["o1"].outstanding(), sh(0));
    assert_eq!(pool(&p, "1999-04-01").available, sh(1_499_000));
}
