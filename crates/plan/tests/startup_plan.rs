//! A plan of another company, with only what a startup's equity incentive
//! plan states: a pool, options at fair market value, a ten-year term and
//! four-year vesting; none of the example book's fields (performance
//! criteria, tender holding, ISO owner rules) and its own section numbers.
//! What it leaves out is refused by name only when an event needs it.

mod common;
use common::*;
use plan::{Plan, PlanTerms};
use terms::InstrumentId;

/// "Acme Robotics, Inc. 2019 Equity Incentive Plan".
const STARTUP: &str = r#"
name = "Acme Robotics, Inc. 2019 Equity Incentive Plan"
document = "2019 Plan"
stock = "common"
par_value = "0.0001"
# 3(a): "the maximum aggregate number of Shares that may be subject to Awards
# and sold under the Plan is 2,000,000 Shares".
pool = 2000000
# 6(d): "the term of each Option will be ten (10) years from the date of
# grant or such shorter term as may be provided in the Award Agreement".
option_max_term_years = 10
# 6(e): "the per Share exercise price will be no less than one hundred
# percent (100%) of the Fair Market Value per Share on the date of grant".
option_exercise_price = "at-least-fair-market-value"
# 6(h): after death or disability, twelve months; otherwise three months.
death_exercise_years = 1
other_exercise_months = 3
# 6(f): cash or check unless the Administrator permits otherwise.
default_payment_forms = ["cash", "check"]

[sections]
"administration" = "4"
"pool" = "3(a)"
"pool.unexercised" = "3(c)"
"pool.forfeited" = "3(c)"
"pool.no-fractional-shares" = "3(d)"
"eligibility" = "5"
"awards.terms" = "6(a)"
"awards.vesting" = "6(g)"
"awards.termination.death" = "6(h)(ii)"
"awards.termination.other" = "6(h)(i)"
"exercise" = "6(f)"
"exercise.manner" = "6(f)"
"exercise.price" = "6(e)"
"exercise.term" = "6(d)"
"exercise.payment" = "6(f)"
"covered-transaction" = "14(c)"
"adjustment.capital-change" = "14(a)"
"adjustment.other" = "14(b)"
"amendment" = "18"
"#;

fn startup() -> (Plan, FakeView) {
    let terms = PlanTerms::load(journal::FileId(0), STARTUP).unwrap_or_else(|e| panic!("{e:?}"));
    let mut p = Plan::new(InstrumentId::new("plan-2019"), terms);
    let mut v = FakeView::new();
    ok(
        &mut p,
        &mut v,
        "2019-03-01 participant plan-2019 alice\n  status: employee\n",
    );
    (p, v)
}

#[test]
fn the_minimal_plan_loads_without_the_example_books_fields() {
    let t = PlanTerms::load(journal::FileId(0), STARTUP).unwrap();
    assert_eq!(t.pool, units::Shares::from_int(2_000_000));
    assert_eq!(t.tender_holding_months, None);
    assert_eq!(t.performance_criteria_days, None);
    assert_eq!(t.iso_ten_percent_owner_threshold, None);
}

#[test]
fn an_option_at_fair_market_value_is_granted_and_vests_yearly() {
    let (mut p, mut v) = startup();
    // 48,000 shares at the $0.25 fair market value, ten years, vesting a
    // quarter on each of the first four anniversaries (the first at the
    // one-year cliff).
    ok(&mut p, &mut v, "2019-04-01 grant plan-2019 o1 alice nso 48000\n  exercise-price: 0.25\n  fmv: 0.25\n  expiry: 2029-04-01\n  vesting: periodic 4 x 12m\n");
    // Pool: 2,000,000 − 48,000 = 1,952,000 available.
    assert_eq!(pool(&p, "2019-04-01").available, sh(1_952_000));
    // Before the cliff nothing is exercisable.
    refused(
        &mut p,
        &mut v,
        "2020-03-31 exercise-award plan-2019 o1 1\n  cash: 0.25\n",
        "R0423",
        "6(g)",
    );
    // At the cliff a quarter: 48,000 / 4 = 12,000 shares, for
    // 12,000 × $0.25 = $3,000.
    ok(
        &mut p,
        &mut v,
        "2020-04-01 exercise-award plan-2019 o1 12000\n  cash: 3000\n",
    );
    // Delivered 12,000; still subject to the option 36,000; available
    // 2,000,000 − 12,000 − 36,000 = 1,952,000.
    let s = pool(&p, "2020-04-01");
    assert_eq!(s.delivered, sh(12_000));
    assert_eq!(s.available, sh(1_952_000));
}

#[test]
fn the_plans_own_option_rules_are_enforced_with_its_sections() {
    let (mut p, mut v) = startup();
    // $0.20 < $0.25 fair market value: refused under 6(e).
    let r = refused(
        &mut p,
        &mut v,
        "2019-04-01 grant plan-2019 o1 alice nso 1000\n  exercise-price: 0.20\n  fmv: 0.25\n  expiry: 2029-04-01\n",
        "R0452",
        "6(e)",
    );
    assert_eq!(r.clause.to_string(), "2019 Plan §6(e)");
    // Expiry one day past the tenth anniversary (2029-04-01): refused.
    refused(
        &mut p,
        &mut v,
        "2019-04-01 grant plan-2019 o1 alice nso 1000\n  exercise-price: 0.25\n  fmv: 0.25\n  expiry: 2029-04-02\n",
        "R0451",
        "6(d)",
    );
}

#[test]
fn a_field_the_plan_leaves_out_is_refused_by_name_when_an_event_needs_it() {
    let (mut p, mut v) = startup();
    // An ISO needs the more-than-ten-percent owner rule, which this term
    // file does not state.
    let r = refused(
        &mut p,
        &mut v,
        "2019-04-01 grant plan-2019 i1 alice iso 1000\n  exercise-price: 0.25\n  fmv: 0.25\n",
        "R0447",
        "6(e)",
    );
    assert!(
        r.message.contains("`iso_ten_percent_owner_threshold`"),
        "{}",
        r.message
    );
    // A payment in tendered shares needs the holding period.
    v.hold("alice", "2019-01-02", 500);
    ok(&mut p, &mut v, "2019-04-01 grant plan-2019 o2 alice nso 1000\n  exercise-price: 0.25\n  fmv: 0.25\n  payment: cash shares\n");
    let r = refused(
        &mut p,
        &mut v,
        "2019-07-01 exercise-award plan-2019 o2 100\n  tender: 50\n  fmv: 0.50\n",
        "R0447",
        "[exercise.payment.tendered-shares]",
    );
    assert!(
        r.message.contains("`tender_holding_months`"),
        "{}",
        r.message
    );
}

#[test]
fn an_unknown_section_key_is_refused_by_name() {
    let text = format!("{STARTUP}\"exercise.early\" = \"6(i)\"\n");
    let e = PlanTerms::load(journal::FileId(0), &text).unwrap_err();
    assert_eq!(e.code, "T0401");
    assert!(
        e.message.contains("sections.exercise.early"),
        "{}",
        e.message
    );
}

#[test]
fn a_missing_section_of_a_stated_term_is_refused_by_name() {
    let text = STARTUP.replace("\"exercise.term\" = \"6(d)\"\n", "");
    let e = PlanTerms::load(journal::FileId(0), &text).unwrap_err();
    assert_eq!(e.code, "T0401");
    assert!(e.message.contains("`exercise.term`"), "{}", e.message);
}
