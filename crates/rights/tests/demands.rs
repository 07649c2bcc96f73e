//! Demand registrations under RRA §2 and Exhibit D §4: every refusal with
//! its clause, the founder trigger, postponement, shelf suspension,
//! withdrawal expenses, and Exhibit D's count that ignores Form S-3.
//!
//! The book (tests/common): bain 5,000,000, thl 3,000,000, csfb 1,500,000
//! as converted; pep 150,000 common from a conversion; 9,650,000
//! Registrable Securities outstanding; Closing Date 2000-04-10.

mod common;
use common::*;
use rights::Agreement;

fn first_demand(a: &mut Agreement, b: &Fake) {
    ok(
        a,
        b,
        "2001-05-01 demand-registration rra D1\n  holder: bain 1,000,000\n",
    );
    ok(a, b, "2001-05-02 registration-notice rra D1\n");
    ok(a, b, "2001-06-01 registration-filed rra D1\n  form: S-3\n");
    ok(a, b, "2001-07-02 registration-effective rra D1\n");
}

#[test]
fn registrable_securities_per_holder() {
    let a = rra();
    let v = book().on("2001-05-01");
    let r = rights::queries::registrable_report(&a, &v);
    // 5,000,000 + 3,000,000 + 1,500,000 + 150,000 = 9,650,000
    assert_eq!(r.outstanding, sh(9_650_000));
    let pep = r
        .holders
        .iter()
        .find(|h| h.holder.as_str() == "pep")
        .unwrap();
    assert_eq!(pep.common, sh(150_000));
    assert_eq!(pep.issuable, sh(0));
    assert!(r.render_text().contains("9650000"));
}

#[test]
fn demand_too_early_names_the_anniversary() {
    let mut a = rra();
    let b = book();
    // "At any time after the first anniversary of the Closing": 2001-04-10
    // is the anniversary itself, so not yet.
    let r = refused(
        &mut a,
        &b,
        "2001-04-10 demand-registration rra D1\n  holder: bain 1,000,000\n",
        "R0504",
    );
    assert_eq!(r.clause.to_string(), "RRA §2(a)(i)");
    assert!(r.message.contains("2001-04-11"), "{r}");
    ok(
        &mut a,
        &b,
        "2001-04-11 demand-registration rra D1\n  holder: bain 1,000,000\n",
    );
}

#[test]
fn demand_not_by_a_majority() {
    let mut a = rra();
    let b = book();
    // thl + csfb hold 3,000,000 + 1,500,000 = 4,500,000; a majority needs
    // more than 0.5 × 9,650,000 = 4,825,000.
    let r = refused(
        &mut a,
        &b,
        "2001-05-01 demand-registration rra D1\n  holder: thl 1,000,000\n  holder: csfb 500,000\n",
        "R0505",
    );
    assert_eq!(r.clause.to_string(), "RRA §2(a)(i)");
    assert!(
        r.message.contains("4500000") && r.message.contains("4825000"),
        "{r}"
    );
    // With pep (150,000) they still fall short: 4,650,000 ≤ 4,825,000.
    refused(
        &mut a,
        &b,
        "2001-05-01 demand-registration rra D1\n  holder: thl 1,000,000\n  holder: csfb 500,000\n  holder: pep 150,000\n",
        "R0505",
    );
}

#[test]
fn demand_too_small_unless_worth_thirty_million() {
    let mut a = rra();
    let b = book();
    // bain alone: 20% × 5,000,000 = 1,000,000. 900,000 at the 2001-05-31
    // close of $20 (the trading day before 2001-06-01) = $18,000,000 < $30,000,000.
    let r = refused(
        &mut a,
        &b,
        "2001-06-01 demand-registration rra D1\n  holder: bain 900,000\n",
        "R0506",
    );
    assert_eq!(r.clause.to_string(), "RRA §2(a)(i)");
    assert!(r.message.contains("1000000"), "{r}");
    // No close the day before 2001-05-15: the dollar test cannot be run.
    refused(
        &mut a,
        &b,
        "2001-05-15 demand-registration rra D1\n  holder: bain 900,000\n",
        "R0507",
    );
    // 800,000 × $40 (close of 2001-06-29, the trading day before
    // 2001-07-02) = $32,000,000 ≥ $30,000,000: the lesser test is met.
    ok(
        &mut a,
        &b,
        "2001-07-02 demand-registration rra D1\n  holder: bain 800,000\n",
    );
}

#[test]
fn demand_for_more_than_held_or_by_a_stranger() {
    let mut a = rra();
    let b = book();
    refused(
        &mut a,
        &b,
        "2001-05-01 demand-registration rra D1\n  holder: bain 5,000,001\n",
        "R0510",
    );
    refused(
        &mut a,
        &b,
        "2001-05-01 demand-registration rra D1\n  holder: stranger 10\n",
        "R0503",
    );
    refused(
        &mut a,
        &b,
        "2001-05-01 demand-registration rra D1\n  holder: bain 10.5\n",
        "R0532",
    );
}

#[test]
fn one_demand_in_six_months_from_effectiveness() {
    let mut a = rra();
    let b = book();
    first_demand(&mut a, &b);
    // D1 became effective 2001-07-02; not before 2002-01-02.
    let r = refused(
        &mut a,
        &b,
        "2002-01-01 demand-registration rra D2\n  holder: bain 1,000,000\n",
        "R0509",
    );
    assert_eq!(r.clause.to_string(), "RRA §2(d)");
    assert!(r.message.contains("2002-01-02"), "{r}");
    let q = rights::queries::demands_report(&a, &b.on("2001-12-01"));
    assert_eq!(q.next_allowed, Some(d("2002-01-02")));
    assert_eq!(q.used, 1);
    assert_eq!(q.left, 2);
    ok(
        &mut a,
        &b,
        "2002-01-02 demand-registration rra D2\n  holder: bain 1,000,000\n",
    );
}

#[test]
fn demand_form_must_be_s1_or_s3() {
    let mut a = rra();
    let b = book();
    ok(
        &mut a,
        &b,
        "2001-05-01 demand-registration rra D1\n  holder: bain 1,000,000\n",
    );
    let r = refused(
        &mut a,
        &b,
        "2001-06-01 registration-filed rra D1\n  form: S-2\n",
        "R0516",
    );
    assert_eq!(r.clause.to_string(), "RRA §2(d)");
    refused(
        &mut a,
        &b,
        "2001-06-01 registration-effective rra D1\n",
        "R0517",
    );
}

#[test]
fn the_fourth_demand_is_refused_unless_one_was_not_effected() {
    let mut a = rra();
    let b = book();
    first_demand(&mut a, &b);
    for (id, req, filed, eff) in [
        ("D2", "2002-01-02", "2002-02-01", "2002-03-01"),
        ("D3", "2002-09-03", "2002-10-01", "2002-11-01"),
    ] {
        ok(
            &mut a,
            &b,
            &format!("{req} demand-registration rra {id}\n  holder: bain 1,000,000\n"),
        );
        ok(
            &mut a,
            &b,
            &format!("{filed} registration-filed rra {id}\n  form: S-1\n"),
        );
        ok(
            &mut a,
            &b,
            &format!("{eff} registration-effective rra {id}\n"),
        );
    }
    // Three effected (D1, D2, D3): a fourth on 2003-06-02 (after D3 + 6
    // months = 2003-05-01) is beyond §2(d)'s three.
    let r = refused(
        &mut a,
        &b,
        "2003-06-02 demand-registration rra D4\n  holder: bain 1,000,000\n",
        "R0508",
    );
    assert_eq!(r.clause.to_string(), "RRA §2(d)");
    assert_eq!(
        rights::queries::demands_report(&a, &b.on("2003-06-02")).next_allowed,
        None
    );
    // A stop order interferes with D3: under §2(b) it is not "effected",
    // so only two count and the demand is allowed.
    ok(&mut a, &b, "2003-06-01 stop-order rra D3\n");
    assert_eq!(a.demands_used(d("2003-06-02")), 2);
    ok(
        &mut a,
        &b,
        "2003-06-02 demand-registration rra D4\n  holder: bain 1,000,000\n",
    );
    // Lifting the stop order makes D3 count again.
    ok(&mut a, &b, "2003-06-03 stop-order-lifted rra D3\n");
    assert_eq!(a.demands_used(d("2003-06-03")), 3);
}

#[test]
fn join_window_and_filing_deadline() {
    let mut a = rra();
    let b = book();
    ok(
        &mut a,
        &b,
        "2001-05-01 demand-registration rra D1\n  holder: bain 1,000,000\n",
    );
    ok(&mut a, &b, "2001-05-02 registration-notice rra D1\n");
    // Window: notice 2001-05-02 + 15 days = 2001-05-17.
    let r = refused(
        &mut a,
        &b,
        "2001-05-18 join-registration rra D1 thl 100000\n",
        "R0513",
    );
    assert!(r.message.contains("2001-05-17"));
    ok(
        &mut a,
        &b,
        "2001-05-17 join-registration rra D1 thl 100000\n",
    );
    refused(
        &mut a,
        &b,
        "2001-05-17 join-registration rra D1 thl 100000\n",
        "R0514",
    );
    // §4(a): file within 90 days after the window: 2001-05-17 + 90 = 2001-08-15.
    assert_eq!(
        a.filing_deadline(&a.registrations["D1"]),
        Some(d("2001-08-15"))
    );
    let dl = rights::deadlines(&a, &b.on("2001-06-01"));
    let file = dl
        .iter()
        .find(|x| x.subject.as_deref() == Some("D1") && x.obligation.starts_with("file"))
        .unwrap();
    // §9(b): the 10-Q for the quarter ended 2001-06-30 is due 45 days
    // later, 2001-08-14.
    let q = dl.iter().find(|x| x.obligation.contains("10-Q")).unwrap();
    assert_eq!(
        (q.due, q.clause.to_string()),
        (d("2001-08-14"), "RRA §9(b)".to_string())
    );
    assert_eq!(file.due, d("2001-08-15"));
    assert_eq!(file.party, "company");
    assert_eq!(file.clause.to_string(), "RRA §4(a)");
    // A late filing is a fact, with a warning.
    let out = ok(
        &mut a,
        &b,
        "2001-08-16 registration-filed rra D1\n  form: S-1\n",
    );
    assert_eq!(out.warnings[0].code, "W0501");
}

#[test]
fn founder_trigger_and_its_deadline() {
    let mut a = rra();
    let b = book();
    // Not triggered: no founder-trigger demand.
    refused(
        &mut a,
        &b,
        "2000-06-01 demand-registration rra F1\n  holder: thl 100\n  basis: founder-trigger\n",
        "R0511",
    );
    // 10,000,000 held at the Closing; 30% = 3,000,000; "in excess of".
    refused(&mut a, &b, "2000-06-01 founder-sale rra 1500000\n", "R0536");
    ok(
        &mut a,
        &b,
        "2000-06-01 founder-sale rra 1500000\n  held-at-closing: 10000000\n",
    );
    let out = ok(&mut a, &b, "2000-08-01 founder-sale rra 1500000\n");
    // 1,500,000 + 1,500,000 = 3,000,000: exactly 30%, not in excess.
    assert!(out.warnings.is_empty());
    assert_eq!(a.founder.triggered_on, None);
    // A sale after twelve months (window ends 2001-04-10) does not count.
    let out = ok(&mut a, &b, "2000-09-01 founder-sale rra 1\n");
    // 3,000,001 > 3,000,000: triggered.
    assert_eq!(out.warnings[0].code, "W0504");
    assert_eq!(a.founder.triggered_on, Some(d("2000-09-01")));
    // The Company's notice is due (on the calendar until given).
    let dl = rights::deadlines(&a, &b.on("2000-09-02"));
    assert!(dl
        .iter()
        .any(|x| x.party == "company" && x.clause.to_string() == "RRA §2(a)(ii)"));
    ok(&mut a, &b, "2000-09-05 founder-sale-notice rra\n");
    // Deadline: before the later of 2001-04-10 and 2000-09-05 + 15 = 2000-09-20.
    assert_eq!(a.founder_deadline(), Some(d("2001-04-10")));
    // Allowed before the first anniversary (§2(a)(i)'s bar does not apply),
    // by any Holder (no majority) and of any size.
    ok(
        &mut a,
        &b,
        "2000-10-02 demand-registration rra F1\n  holder: thl 100\n  basis: founder-trigger\n",
    );
    // A founder demand does not count toward the three.
    ok(
        &mut a,
        &b,
        "2000-10-03 registration-filed rra F1\n  form: S-1\n",
    );
    ok(&mut a, &b, "2000-11-01 registration-effective rra F1\n");
    assert_eq!(a.demands_used(d("2000-12-01")), 0);
    // A second founder demand on 2001-04-10 is refused by §2(d): F1 became
    // effective 2000-11-01, so no other §2 registration before 2001-05-01.
    refused(
        &mut a,
        &b,
        "2001-04-10 demand-registration rra F2\n  holder: thl 100\n  basis: founder-trigger\n",
        "R0509",
    );
}

#[test]
fn founder_request_deadline_runs_from_a_late_notice() {
    let mut a = rra();
    let b = book();
    ok(
        &mut a,
        &b,
        "2000-06-01 founder-sale rra 3000001\n  held-at-closing: 10000000\n",
    );
    ok(&mut a, &b, "2001-04-01 founder-sale-notice rra\n");
    // later of 2001-04-10 and 2001-04-01 + 15 = 2001-04-16: requests before 2001-04-16.
    assert_eq!(a.founder_deadline(), Some(d("2001-04-16")));
    let r = refused(
        &mut a,
        &b,
        "2001-04-16 demand-registration rra F1\n  holder: thl 100\n  basis: founder-trigger\n",
        "R0512",
    );
    assert_eq!(r.clause.to_string(), "RRA §2(a)(ii)");
    ok(
        &mut a,
        &b,
        "2001-04-15 demand-registration rra F1\n  holder: thl 100\n  basis: founder-trigger\n",
    );
}

#[test]
fn founder_request_deadline_anniversary_is_the_term_files() {
    // The same late notice as above, under a document whose (x) limb is the
    // second anniversary: later of 2002-04-10 (Closing 2000-04-10 + 2
    // years) and 2001-04-01 + 15 = 2001-04-16 is 2002-04-10.
    let mut a = rra_with(
        "request_before_anniversary_years = 1",
        "request_before_anniversary_years = 2",
    );
    let b = book();
    ok(
        &mut a,
        &b,
        "2000-06-01 founder-sale rra 3000001\n  held-at-closing: 10000000\n",
    );
    let out = ok(&mut a, &b, "2001-04-01 founder-sale-notice rra\n");
    assert_eq!(a.founder_deadline(), Some(d("2002-04-10")));
    let c = &out.computations[0];
    assert_eq!(c.value, "2002-04-10");
    assert!(
        c.formula.contains("the second anniversary"),
        "{}",
        c.formula
    );
    assert!(
        c.inputs
            .iter()
            .any(|(k, v)| k == "second anniversary" && v == "2002-04-10"),
        "{:?}",
        c.inputs
    );
    // 2001-04-16 is inside the longer window; 2002-04-10 is not.
    ok(
        &mut a,
        &b,
        "2001-04-16 demand-registration rra F1\n  holder: thl 100\n  basis: founder-trigger\n",
    );
    let r = refused(
        &mut a,
        &b,
        "2002-04-10 demand-registration rra F2\n  holder: thl 100\n  basis: founder-trigger\n",
        "R0512",
    );
    assert!(
        r.message.contains("the second anniversary"),
        "{}",
        r.message
    );
}

#[test]
fn founder_request_deadline_anniversary_is_required() {
    // A founder clause without its anniversary cannot be read: refused
    // naming the field (no silent first anniversary).
    let text = RRA.replace("request_before_anniversary_years = 1\n", "");
    let e = rights::Terms::load(journal::FileId(0), &text).unwrap_err();
    assert_eq!(e.code, "T0001");
    assert!(
        e.message.contains("request_before_anniversary_years"),
        "{}",
        e.message
    );
}

#[test]
fn postponement_limits() {
    let mut a = rra();
    let b = book();
    ok(
        &mut a,
        &b,
        "2001-05-01 demand-registration rra D1\n  holder: bain 1,000,000\n",
    );
    ok(&mut a, &b, "2001-05-02 registration-notice rra D1\n");
    let r = refused(
        &mut a,
        &b,
        "2001-05-10 registration-postponed rra D1 91\n",
        "R0518",
    );
    assert_eq!(r.clause.to_string(), "RRA §2(c)");
    ok(&mut a, &b, "2001-05-10 registration-postponed rra D1 90\n");
    // Filing deadline: 2001-05-17 + 90 + 90 = 2001-11-13.
    assert_eq!(
        a.filing_deadline(&a.registrations["D1"]),
        Some(d("2001-11-13"))
    );
    ok(
        &mut a,
        &b,
        "2001-11-01 registration-filed rra D1\n  form: S-1\n",
    );
    ok(&mut a, &b, "2001-12-01 registration-effective rra D1\n");
    // Once effective, D1 cannot be postponed.
    refused(
        &mut a,
        &b,
        "2001-12-02 registration-postponed rra D1 10\n",
        "R0520",
    );
    // A second postponement within twelve months of the first
    // (2001-05-10) is refused until 2002-05-10, on any registration.
    let mut a = rra();
    ok(
        &mut a,
        &b,
        "2001-05-01 demand-registration rra D1\n  holder: bain 1,000,000\n",
    );
    ok(&mut a, &b, "2001-05-10 registration-postponed rra D1 30\n");
    ok(&mut a, &b, "2001-05-20 registration-withdrawn rra D1\n");
    ok(
        &mut a,
        &b,
        "2001-06-01 demand-registration rra D2\n  holder: bain 1,000,000\n",
    );
    let r = refused(
        &mut a,
        &b,
        "2002-05-09 registration-postponed rra D2 30\n",
        "R0519",
    );
    assert!(r.message.contains("2002-05-10"), "{r}");
    ok(&mut a, &b, "2002-05-10 registration-postponed rra D2 30\n");
}

#[test]
fn shelf_suspension_running_past_ninety_days() {
    let mut a = rra();
    let b = book();
    ok(
        &mut a,
        &b,
        "2001-05-01 demand-registration rra D1\n  holder: bain 1,000,000\n  shelf: yes\n",
    );
    ok(&mut a, &b, "2001-05-02 registration-notice rra D1\n");
    ok(
        &mut a,
        &b,
        "2001-06-01 registration-filed rra D1\n  form: S-3\n",
    );
    ok(&mut a, &b, "2001-07-02 registration-effective rra D1\n");
    ok(&mut a, &b, "2001-08-01 registration-suspended rra D1\n");
    // 2001-08-01 → 2001-09-30: 60 days.
    ok(&mut a, &b, "2001-09-30 registration-resumed rra D1\n");
    let out = ok(&mut a, &b, "2001-10-15 registration-suspended rra D1\n");
    // 90 − 60 = 30 days left: must end by 2001-11-14.
    assert_eq!(out.computations[0].value, "2001-11-14");
    let dl = rights::deadlines(&a, &b.on("2001-11-01"));
    let s = dl
        .iter()
        .find(|x| x.obligation.contains("suspension"))
        .unwrap();
    assert_eq!(s.due, d("2001-11-14"));
    // Scheduled: the day after the allowance runs out, a warning.
    use actions::Instrument;
    assert_eq!(a.next_scheduled(d("2001-11-01")), Some(d("2001-11-15")));
    let w = a.run_scheduled(d("2001-11-15"), &b.on("2001-11-15"));
    assert_eq!(w.warnings[0].code, "W0502");
    // Resumed 2001-11-24: 60 + 40 = 100 days > 90, accepted with a warning.
    let out = ok(&mut a, &b, "2001-11-24 registration-resumed rra D1\n");
    assert_eq!(out.warnings[0].code, "W0502");
    assert_eq!(a.registrations["D1"].suspended_days(d("2001-12-01")), 100);
    // The allowance is spent: no further suspension.
    let r = refused(
        &mut a,
        &b,
        "2001-12-01 registration-suspended rra D1\n",
        "R0522",
    );
    assert_eq!(r.clause.to_string(), "RRA §2(c)");
    // §4(b): effective 90 days + 100 suspended: 2001-07-02 + 190 = 2002-01-08.
    assert_eq!(
        a.keep_effective_until(&a.registrations["D1"], d("2001-12-01")),
        Some(d("2002-01-08"))
    );
    // A registration that is not a shelf cannot be suspended.
    ok(
        &mut a,
        &b,
        "2002-01-09 demand-registration rra D2\n  holder: bain 1,000,000\n",
    );
    ok(
        &mut a,
        &b,
        "2002-02-01 registration-filed rra D2\n  form: S-1\n",
    );
    ok(&mut a, &b, "2002-03-01 registration-effective rra D2\n");
    refused(
        &mut a,
        &b,
        "2002-03-02 registration-suspended rra D2\n",
        "R0521",
    );
}

#[test]
fn withdrawal_expenses_and_forfeiture() {
    let mut a = rra();
    let b = book();
    ok(
        &mut a,
        &b,
        "2001-05-01 demand-registration rra D1\n  holder: bain 1,000,000\n",
    );
    // Holders withdraw without forfeiting: they bear the expenses.
    ok(
        &mut a,
        &b,
        "2001-06-01 registration-withdrawn rra D1\n  by: holders\n",
    );
    assert!(a.registrations["D1"].expenses_by_holders);
    assert_eq!(a.demands_used(d("2001-06-02")), 0);
    // Forfeiture needs the Holders of a majority: thl alone (3,000,000 of
    // 9,650,000) is not; bain (5,000,000 > 4,825,000) is.
    ok(
        &mut a,
        &b,
        "2001-06-02 demand-registration rra D2\n  holder: bain 1,000,000\n",
    );
    let r = refused(
        &mut a,
        &b,
        "2001-07-01 registration-withdrawn rra D2\n  by: holders\n  forfeit-demand: yes\n  consent: thl\n",
        "R0530",
    );
    assert_eq!(r.clause.to_string(), "RRA §2(e)");
    ok(&mut a, &b, "2001-07-01 registration-withdrawn rra D2\n  by: holders\n  forfeit-demand: yes\n  consent: bain\n");
    assert!(!a.registrations["D2"].expenses_by_holders);
    // The forfeited demand counts as one of the three.
    assert_eq!(a.demands_used(d("2001-07-02")), 1);
    refused(
        &mut a,
        &b,
        "2001-07-03 registration-notice rra D2\n",
        "R0517",
    );
}

fn warrant_book() -> Fake {
    Fake::default()
        .pos("cisco", "cisco-2002", 1)
        .convertible("cisco", "cisco-2002", 222_067)
        .pos("buyer", "cisco-2002", 1)
        .convertible("buyer", "cisco-2002", 50_000)
}

#[test]
fn exhibit_d_demands_ignore_form_s3() {
    let mut a = exhibit_d();
    let b = warrant_book();
    // buyer: 50,000 of 272,067 = 18.4% < 20%.
    let r = refused(
        &mut a,
        &b,
        "2002-06-03 demand-registration cisco-rr D1\n  holder: buyer 50000\n",
        "R0505",
    );
    assert_eq!(r.clause.to_string(), "Exhibit D §4");
    // Five effective demand registrations, two on Form S-3.
    let forms = ["S-3", "S-1", "S-3", "S-1", "S-1"];
    for (i, form) in forms.iter().enumerate() {
        let id = format!("D{}", i + 1);
        let m = 6 + i; // one a month from June 2002
        let (y, mo) = (2002 + (m - 1) / 12, (m - 1) % 12 + 1);
        ok(
            &mut a,
            &b,
            &format!("{y}-{mo:02}-03 demand-registration cisco-rr {id}\n  holder: cisco 100000\n"),
        );
        ok(
            &mut a,
            &b,
            &format!("{y}-{mo:02}-04 registration-filed cisco-rr {id}\n  form: {form}\n"),
        );
        ok(
            &mut a,
            &b,
            &format!("{y}-{mo:02}-05 registration-effective cisco-rr {id}\n"),
        );
    }
    // Counted: D2, D4, D5 (S-1) = 3; the S-3s do not count.
    assert_eq!(a.demands_used(d("2002-11-05")), 3);
    let r = refused(
        &mut a,
        &b,
        "2002-12-03 demand-registration cisco-rr D6\n  holder: cisco 100000\n",
        "R0508",
    );
    assert_eq!(r.clause.to_string(), "Exhibit D §4");
    let q = rights::queries::demands_report(&a, &b.on("2002-12-03"));
    assert_eq!(
        q.registrations
            .iter()
            .filter(|r| r.counts_toward_limit)
            .count(),
        3
    );
}

#[test]
fn exhibit_d_business_day_window_and_120_days() {
    let mut a = exhibit_d();
    let b = warrant_book();
    ok(
        &mut a,
        &b,
        "2002-05-31 demand-registration cisco-rr D1\n  holder: cisco 100000\n",
    );
    ok(&mut a, &b, "2002-06-03 registration-notice cisco-rr D1\n");
    // 15 business days from Monday 2002-06-03: 2002-06-24.
    refused(
        &mut a,
        &b,
        "2002-06-25 join-registration cisco-rr D1 buyer 50000\n",
        "R0513",
    );
    ok(
        &mut a,
        &b,
        "2002-06-24 join-registration cisco-rr D1 buyer 50000\n",
    );
    ok(
        &mut a,
        &b,
        "2002-06-28 registration-filed cisco-rr D1\n  form: S-3\n",
    );
    ok(
        &mut a,
        &b,
        "2002-07-01 registration-effective cisco-rr D1\n",
    );
    // §6(i): 120 days: 2002-07-01 + 120 = 2002-10-29.
    assert_eq!(
        a.keep_effective_until(&a.registrations["D1"], d("2002-07-02")),
        Some(d("2002-10-29"))
    );
    // No postponement right in Exhibit D.
    refused(
        &mut a,
        &b,
        "2002-07-02 registration-postponed cisco-rr D1 10\n",
        "R0533",
    );
}
