//! Grants refused by each limit of the Plan, with the clause; each refusal
//! leaves the plan unchanged (checked in `refused`).

mod common;
use common::*;
use units::Price;

fn setup() -> (plan::Plan, FakeView) {
    let mut p = plan_1998();
    let mut v = FakeView::new();
    people(&mut p, &mut v);
    ok(
        &mut p,
        &mut v,
        "1999-09-16 amend-plan plan-1998\n  pool: 2250000\n  approved-by: stockholders\n",
    );
    (p, v)
}

#[test]
fn per_person_option_limit_per_calendar_year() {
    let (mut p, mut v) = setup();
    ok(
        &mut p,
        &mut v,
        "2000-02-01 grant plan-1998 o1 alice nso 400000\n  exercise-price: 10\n",
    );
    // 400,000 + 600,001 = 1,000,001 > 1,000,000 (§4.c).
    let r = refused(
        &mut p,
        &mut v,
        "2000-06-01 grant plan-1998 o2 alice nso 600001\n  exercise-price: 10\n",
        "R0403",
        "4.c",
    );
    assert!(r.message.contains("1000001"), "{}", r.message);
    // Exactly 1,000,000 is allowed.
    ok(
        &mut p,
        &mut v,
        "2000-06-01 grant plan-1998 o2 alice nso 600000\n  exercise-price: 10\n",
    );
    // A new calendar year starts afresh: 2001 use 0 + 100,000.
    ok(
        &mut p,
        &mut v,
        "2001-01-02 grant plan-1998 o3 alice nso 100000\n  exercise-price: 10\n",
    );
    let l = plan::query::limits_report(&p, &terms::HolderId::new("alice"), 2000);
    assert_eq!(l.lines[0].used, "1000000");
    assert_eq!(l.lines[0].remaining.as_deref(), Some("0"));
    assert!(l.render_text().contains("options"));
}

#[test]
fn repricing_counts_as_a_new_grant() {
    let (mut p, mut v) = setup();
    ok(
        &mut p,
        &mut v,
        "2000-02-01 grant plan-1998 o1 alice nso 600000\n  exercise-price: 10\n",
    );
    // Repricing 600,000 in the same year: 600,000 + 600,000 = 1,200,000 > 1,000,000.
    refused(
        &mut p,
        &mut v,
        "2000-08-01 reprice plan-1998 o1\n  exercise-price: 5\n",
        "R0403",
        "4.c",
    );
    // In 2001 the repricing uses 600,000 of 2001's limit.
    ok(
        &mut p,
        &mut v,
        "2001-02-01 reprice plan-1998 o1\n  exercise-price: 5\n",
    );
    assert_eq!(p.awards["o1"].exercise_price, Some(Price::from_int(5)));
    assert_eq!(
        p.limit_used(
            &terms::HolderId::new("alice"),
            2001,
            plan::award::LimitCategory::Options
        ),
        sh(600_000)
    );
}

#[test]
fn per_person_sar_and_other_award_limits() {
    let (mut p, mut v) = setup();
    refused(
        &mut p,
        &mut v,
        "2000-02-01 grant plan-1998 s1 bob sar 1000001\n  exercise-price: 10\n",
        "R0404",
        "4.c",
    );
    ok(
        &mut p,
        &mut v,
        "2000-02-01 grant plan-1998 s1 bob sar 1000000\n  exercise-price: 10\n",
    );
    // SARs and options have separate limits: bob may still get options.
    ok(
        &mut p,
        &mut v,
        "2000-02-01 grant plan-1998 o1 bob nso 100000\n  exercise-price: 10\n",
    );
    // Other Awards: 700,000 restricted + 300,001 deferred = 1,000,001.
    ok(
        &mut p,
        &mut v,
        "2000-03-01 grant plan-1998 r1 carol restricted 700000\n  consideration: 0.01\n",
    );
    refused(
        &mut p,
        &mut v,
        "2000-04-01 grant plan-1998 d1 carol deferred 300001\n  vesting: cliff 2001-04-01\n",
        "R0405",
        "4.c",
    );
    ok(
        &mut p,
        &mut v,
        "2000-04-01 grant plan-1998 d1 carol deferred 300000\n  vesting: cliff 2001-04-01\n",
    );
}

#[test]
fn performance_award_share_opportunity() {
    let (mut p, mut v) = setup();
    // §4.d last sentence: at most 1,000,000 shares per Performance Award;
    // checked before §4.c so the clause named is §4.d.
    refused(
        &mut p,
        &mut v,
        "2000-02-01 grant plan-1998 pa1 alice performance 1000001\n  vesting: performance\n",
        "R0406",
        "4.d",
    );
}

#[test]
fn cash_performance_limits_in_two_buckets() {
    let (mut p, mut v) = setup();
    // Fiscal years end March 31 (the view's fiscal year end, as the book's
    // `option fiscal-year-end 03-31` would declare it). Both periods below
    // are one year or less and end in fiscal 2001 (2001-03-31):
    // $600,000 + $400,001 = $1,000,001 > $1,000,000 (§4.d(A)).
    ok(&mut p, &mut v, "2000-04-01 grant plan-1998 c1 alice cash-performance 600000\n  performance-period: 2000-04-01..2001-03-31\n");
    refused(
        &mut p,
        &mut v,
        "2000-10-01 grant plan-1998 c2 alice cash-performance 400001\n  performance-period: 2000-10-01..2001-03-31\n",
        "R0407",
        "4.d(A)",
    );
    ok(&mut p, &mut v, "2000-10-01 grant plan-1998 c2 alice cash-performance 400000\n  performance-period: 2000-10-01..2001-03-31\n");
    // A multi-year period ending in the same fiscal year has its own
    // $1,000,000 (§4.d(B)): 1999-04-01..2001-03-31 is two years.
    ok(&mut p, &mut v, "2000-10-02 grant plan-1998 c3 alice cash-performance 1000000\n  performance-period: 1999-04-01..2001-03-31\n");
    refused(
        &mut p,
        &mut v,
        "2000-10-03 grant plan-1998 c4 alice cash-performance 1\n  performance-period: 1998-04-01..2001-03-31\n",
        "R0408",
        "4.d(B)",
    );
    // A period ending 2001-04-01 falls in fiscal 2002: a fresh limit.
    ok(&mut p, &mut v, "2000-10-03 grant plan-1998 c4 alice cash-performance 1000000\n  performance-period: 2000-04-02..2001-04-01\n");
    let l = plan::query::limits_report(&p, &terms::HolderId::new("alice"), 2001);
    // Fiscal 2001: $1,000,000 in each bucket.
    assert_eq!(l.cash.len(), 2, "{}", l.render_text());
    assert!(l
        .cash
        .iter()
        .all(|c| c.committed == units::Money::from_int(1_000_000)));
    // A Cash Performance Award needs its period.
    refused(
        &mut p,
        &mut v,
        "2000-10-04 grant plan-1998 c5 bob cash-performance 10\n",
        "R0447",
        "4.d",
    );
}

#[test]
fn cash_performance_buckets_follow_the_book_fiscal_year() {
    // The same two grants under the two fiscal years the example's term
    // files used to assume separately (Plan March 31, RRA December 31).
    let grants = |v: &mut FakeView, p: &mut plan::Plan| {
        ok(p, v, "2000-04-01 grant plan-1998 c1 alice cash-performance 600000\n  performance-period: 2000-04-01..2001-03-31\n");
        run(p, v, "2000-10-01 grant plan-1998 c2 alice cash-performance 400001\n  performance-period: 2000-10-01..2001-04-30\n")
    };
    // Year ending March 31: 2001-03-31 ends fiscal 2001, 2001-04-30 is in
    // fiscal 2002: separate limits, $400,001 fits.
    let (mut p, mut v) = setup();
    assert!(grants(&mut v, &mut p).is_ok());
    // Year ending December 31: both periods end in fiscal 2001:
    // $600,000 + $400,001 = $1,000,001 > $1,000,000 (§4.d(A)).
    let (mut p, mut v) = setup();
    v.fiscal_year_end = terms::FiscalYearEnd::parse("12-31").ok();
    let r = grants(&mut v, &mut p).unwrap_err();
    assert_eq!(r.code, "R0407");
    let l = plan::query::limits_report(&p, &terms::HolderId::new("alice"), 2001);
    assert_eq!(l.cash.len(), 1, "{}", l.render_text());
    assert_eq!(l.cash[0].committed, units::Money::from_int(600_000));
    // A book that declares no fiscal year cannot bucket a Cash Performance
    // Award: the grant is refused with what to add, not counted in a
    // fiscal year some term file assumed.
    let (mut p, mut v) = setup();
    v.fiscal_year_end = None;
    let r = run(&mut p, &mut v, "2000-04-01 grant plan-1998 c1 alice cash-performance 600000\n  performance-period: 2000-04-01..2001-03-31\n").unwrap_err();
    assert_eq!(r.code, "R0447");
    assert!(
        r.message.contains("option fiscal-year-end"),
        "{}",
        r.message
    );
}

#[test]
fn iso_rules() {
    let (mut p, mut v) = setup();
    // §5: ISOs only to Employees; carol is a director, dave a consultant.
    refused(
        &mut p,
        &mut v,
        "2000-02-01 grant plan-1998 i1 carol iso 1000\n  exercise-price: 10\n  fmv: 10\n",
        "R0409",
        "5",
    );
    refused(
        &mut p,
        &mut v,
        "2000-02-01 grant plan-1998 i1 dave iso 1000\n  exercise-price: 10\n  fmv: 10\n",
        "R0409",
        "5",
    );
    // §6.b(2): not less than fair market value: $9.99 < $10.00.
    refused(
        &mut p,
        &mut v,
        "2000-02-01 grant plan-1998 i1 alice iso 1000\n  exercise-price: 9.99\n  fmv: 10\n",
        "R0411",
        "6.b(2)",
    );
    ok(
        &mut p,
        &mut v,
        "2000-02-01 grant plan-1998 i1 alice iso 1000\n  exercise-price: 10\n  fmv: 10\n",
    );
    // The fair market value can come from the book's Market Price.
    v.prices
        .insert(d("2000-03-01"), Price::parse("12.50").unwrap());
    refused(
        &mut p,
        &mut v,
        "2000-03-01 grant plan-1998 i2 alice iso 1000\n  exercise-price: 12.49\n",
        "R0411",
        "6.b(2)",
    );
    // ... and without one the grant cannot be checked.
    refused(
        &mut p,
        &mut v,
        "2000-03-02 grant plan-1998 i2 alice iso 1000\n  exercise-price: 12.49\n",
        "R0416",
        "6.b(2)",
    );
    // A more-than-10% owner: bob holds 3,000,000 of 27,206,681 shares
    // outstanding = 11.03% > 10%, so the minimum is 110% × $10 = $11.00.
    v.hold("bob", "1998-01-01", 3_000_000);
    let r = refused(
        &mut p,
        &mut v,
        "2000-02-01 grant plan-1998 i3 bob iso 1000\n  exercise-price: 10.99\n  fmv: 10\n",
        "R0412",
        "6.b(2)",
    );
    assert!(r.message.contains("11"), "{}", r.message);
    ok(
        &mut p,
        &mut v,
        "2000-02-01 grant plan-1998 i3 bob iso 1000\n  exercise-price: 11\n  fmv: 10\n",
    );
    // Code §422(c)(5): a more-than-10% owner's ISO runs at most 5 years,
    // to the fifth anniversary 2005-02-01 (a period ending with the
    // anniversary, as §6.a(5)(A) counts one year).
    refused(&mut p, &mut v, "2000-02-01 grant plan-1998 i4 bob iso 1000\n  exercise-price: 11\n  fmv: 10\n  expiry: 2005-02-02\n", "R0439", "Exhibit A \"ISO\"");
    ok(&mut p, &mut v, "2000-02-01 grant plan-1998 i4 bob iso 1000\n  exercise-price: 11\n  fmv: 10\n  expiry: 2005-02-01\n");
    // The declared voting power overrides the book (attribution, §424(d)):
    // 5% is not more than 10%, so $10.00 suffices.
    ok(
        &mut p,
        &mut v,
        "2000-02-02 participant plan-1998 bob\n  status: employee\n  voting-power-owned: 0.05\n",
    );
    ok(
        &mut p,
        &mut v,
        "2000-02-02 grant plan-1998 i5 bob iso 1000\n  exercise-price: 10\n  fmv: 10\n",
    );
    // §6.b(5): none after November 16, 2008; on that day is fine.
    ok(
        &mut p,
        &mut v,
        "2008-11-16 grant plan-1998 i6 alice iso 1000\n  exercise-price: 10\n  fmv: 10\n",
    );
    refused(
        &mut p,
        &mut v,
        "2008-11-17 grant plan-1998 i7 alice iso 1000\n  exercise-price: 10\n  fmv: 10\n",
        "R0410",
        "6.b(5)",
    );
    // A non-qualified option after the cut-off is still allowed.
    ok(
        &mut p,
        &mut v,
        "2008-11-17 grant plan-1998 n7 alice nso 1000\n  exercise-price: 10\n",
    );
}

#[test]
fn section_162m_par_value_and_participants() {
    let (mut p, mut v) = setup();
    refused(&mut p, &mut v, "2000-02-01 grant plan-1998 q1 alice nso 1000\n  exercise-price: 9\n  fmv: 10\n  qualify-162m: yes\n", "R0413", "6.b(2)");
    // §6.b(3)(b): an original issue needs at least par, $0.01.
    refused(
        &mut p,
        &mut v,
        "2000-02-01 grant plan-1998 n1 alice nso 1000\n  exercise-price: 0.009\n",
        "R0414",
        "6.b(3)(b)",
    );
    // Treasury shares are not an original issue.
    ok(&mut p, &mut v, "2000-02-01 grant plan-1998 n1 alice nso 1000\n  exercise-price: 0.001\n  source: treasury\n");
    // §6.c: Restricted Stock for at least par: 1,000 × $0.005 = $5 < $10.
    refused(
        &mut p,
        &mut v,
        "2000-02-01 grant plan-1998 r1 alice restricted 1000\n  consideration: 0.005\n",
        "R0415",
        "6.c",
    );
    refused(
        &mut p,
        &mut v,
        "2000-02-01 grant plan-1998 r1 alice unrestricted 1000\n",
        "R0415",
        "6.c",
    );
    ok(
        &mut p,
        &mut v,
        "2000-02-01 grant plan-1998 r1 alice unrestricted 1000\n  services-value: 10\n",
    );
    // §5: only declared Participants.
    refused(
        &mut p,
        &mut v,
        "2000-02-01 grant plan-1998 x1 zed nso 10\n  exercise-price: 10\n",
        "R0401",
        "5",
    );
    refused(
        &mut p,
        &mut v,
        "2000-02-01 grant plan-1998 n1 alice nso 10\n  exercise-price: 10\n",
        "R0417",
        "6.a(1)",
    );
    // §6.a(9): criteria more than 90 days after the period starts:
    // 2000-01-01 + 90 days = 2000-03-31; established 2000-04-01.
    refused(
        &mut p,
        &mut v,
        "2000-04-01 grant plan-1998 pa1 alice performance 1000\n  vesting: performance\n  qualify-162m: yes\n  performance-period: 2000-01-01..2000-12-31\n",
        "R0437",
        "6.a(9)",
    );
    ok(
        &mut p,
        &mut v,
        "2000-03-31 grant plan-1998 pa1 alice performance 1000\n  vesting: performance\n  qualify-162m: yes\n  performance-period: 2000-01-01..2000-12-31\n",
    );
    // Not yet certified: no delivery (§6.a(9)).
    refused(
        &mut p,
        &mut v,
        "2001-01-15 deliver-award plan-1998 pa1\n",
        "R0433",
        "6.a(9)",
    );
    // Not attained: forfeited, shares back, and no substitute Award.
    ok(
        &mut p,
        &mut v,
        "2001-01-20 certify plan-1998 pa1\n  attained: no\n",
    );
    refused(
        &mut p,
        &mut v,
        "2001-01-21 grant plan-1998 pa2 alice performance 1000\n  vesting: performance\n  substitutes-for: pa1\n",
        "R0446",
        "6.a(9)",
    );
    assert_eq!(p.awards["pa1"].outstanding(), sh(0));
}

#[test]
fn what_if_names_the_clause() {
    let (mut p, mut v) = setup();
    ok(
        &mut p,
        &mut v,
        "2000-02-01 grant plan-1998 o1 alice nso 900000\n  exercise-price: 10\n",
    );
    let (mut ds, _, _, _) = journal::parse_str(
        journal::FileId(0),
        "2000-05-01 grant plan-1998 o2 alice nso 200000\n  exercise-price: 10\n",
    );
    let dir = ds.remove(0);
    let ev = <plan::Plan as actions::Instrument>::resolve(&dir).unwrap();
    let plan::event::PlanEvent::Grant(spec) = ev.event else {
        panic!()
    };
    v.date = d("2000-05-01");
    let w = plan::query::grant_what_if(&p, &spec, &v);
    // 900,000 + 200,000 = 1,100,000 > 1,000,000.
    assert!(!w.allowed);
    assert_eq!(w.code.as_deref(), Some("R0403"));
    assert_eq!(w.clause.as_deref(), Some("Plan §4.c"));
    assert!(w.render_text().contains("refused [R0403]"));
    v.date = d("2001-05-01");
    let w = plan::query::grant_what_if(&p, &spec, &v);
    assert!(w.allowed, "{}", w.render_text());
}

#[test]
fn iso_100000_dollar_rule_warns() {
    let (mut p, mut v) = setup();
    // 10,000 shares × $10 fair market value, all exercisable in 2000:
    // $100,000 — at the limit, no warning.
    let out = ok(
        &mut p,
        &mut v,
        "2000-02-01 grant plan-1998 i1 alice iso 10000\n  exercise-price: 10\n  fmv: 10\n",
    );
    assert!(out.warnings.is_empty());
    // One more share in 2000: $100,010 > $100,000.
    let out = ok(
        &mut p,
        &mut v,
        "2000-03-01 grant plan-1998 i2 alice iso 1\n  exercise-price: 10\n  fmv: 10\n",
    );
    assert_eq!(out.warnings[0].code, "W0405");
    assert!(
        out.warnings[0].message.contains("2000: 100010"),
        "{}",
        out.warnings[0].message
    );
    // 20,000 shares vesting over 4 years from 2000-06-01: $50,000 a year
    // in 2001–2004; no year over.
    let out = ok(&mut p, &mut v, "2000-06-01 grant plan-1998 i3 alice iso 20000\n  exercise-price: 10\n  fmv: 10\n  vesting: periodic 4 x 12m\n");
    assert!(out.warnings.is_empty());
}

#[test]
fn restricted_stock_on_performance_is_a_performance_award() {
    let (mut p, mut v) = setup();
    // Exhibit A "Performance Award": any Award subject to Performance
    // Criteria; §4.d caps its opportunity at 1,000,000 shares.
    refused(&mut p, &mut v, "2000-02-01 grant plan-1998 pr1 alice restricted 1000001\n  consideration: 0.01\n  vesting: performance\n", "R0406", "4.d");
}

#[test]
fn iso_100000_dollar_rule_counts_the_companys_other_plans() {
    // Code §422(d) counts "all plans of the individual's employer". Another
    // plan of the book (a second instance of the term file, standing in for
    // the Incentive Stock Option Plan) grants alice 6,000 ISOs at $10 fair
    // market value, exercisable at once in 2000: $60,000 first exercisable
    // in 2000. That plan reports it by year, as the engine passes it on.
    let (mut other, mut ov) = setup();
    ok(
        &mut other,
        &mut ov,
        "2000-01-10 grant plan-1998 x1 alice iso 6000\n  exercise-price: 10\n  fmv: 10\n",
    );
    let reported = other.iso_first_exercisable_by_year(&terms::HolderId::new("alice"));
    // 6,000 × 1 × $10 = $60,000 in 2000.
    assert_eq!(reported.get(&2000), Some(&sh(60_000)));
    let (mut p, mut v) = setup();
    v.other_plan_isos = reported.into_iter().collect();
    // Here 4,000 × $10 = $40,000: $60,000 + $40,000 = $100,000, at the
    // limit, no warning.
    let out = ok(
        &mut p,
        &mut v,
        "2000-02-01 grant plan-1998 i1 alice iso 4000\n  exercise-price: 10\n  fmv: 10\n",
    );
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    // One more share: $100,010 in 2000, of which $60,000 under the other plan.
    let out = ok(
        &mut p,
        &mut v,
        "2000-03-01 grant plan-1998 i2 alice iso 1\n  exercise-price: 10\n  fmv: 10\n",
    );
    assert_eq!(out.warnings[0].code, "W0405");
    assert!(
        out.warnings[0].message.contains("2000: 100010")
            && out.warnings[0]
                .message
                .contains("60000 under the Company's other plans"),
        "{}",
        out.warnings[0].message
    );
}
