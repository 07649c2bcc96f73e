//! Underwriter cutbacks under each priority order of RRA §5 and Exhibit D
//! §2(b), with uneven requests and remainders worked by hand.

mod common;
use common::*;
use rights::terms::Class;
use rights::{allocate, Participant};

fn p(id: &str, class: Class, n: i64, seq: u32) -> Participant {
    Participant {
        id: id.into(),
        class,
        requested: sh(n),
        seq,
    }
}

#[test]
fn holder_demand_cuts_company_first_then_others_then_holders_pro_rata() {
    // RRA §5(a)(i): holders 1,000,000 + 600,000 + 333,333 = 1,933,333;
    // another rights holder 200,000; the Company 500,000. Underwriter: 1,500,000.
    let a = rra();
    let ps = vec![
        p("bain", Class::Holders, 1_000_000, 0),
        p("thl", Class::Holders, 600_000, 1),
        p("csfb", Class::Holders, 333_333, 2),
        p("x", Class::OthersWithRights, 200_000, 3),
        p("company", Class::Company, 500_000, 4),
    ];
    let al = allocate(&ps, &a.terms.cutback.holder_demand, "RRA", sh(1_500_000)).unwrap();
    assert_eq!(al.clause.to_string(), "RRA §5(a)(i)");
    // Tier 1 (holders) is itself cut: quota = 1,500,000 × requested / 1,933,333.
    // bain 1,500,000,000,000/1,933,333 = 775,862.2027…  → 775,862
    // thl    900,000,000,000/1,933,333 = 465,517.3216…  → 465,517
    // csfb   499,999,500,000/1,933,333 = 258,620.4756…  → 258,620
    // whole parts sum to 1,499,999; the 1 left goes to the largest
    // remainder, csfb (.4756 > .3216 > .2027) → 258,621.
    assert_eq!(al.included("bain"), sh(775_862));
    assert_eq!(al.included("thl"), sh(465_517));
    assert_eq!(al.included("csfb"), sh(258_621));
    assert_eq!(al.included("x"), sh(0));
    assert_eq!(al.included("company"), sh(0));
    assert_eq!(al.included_total, sh(1_500_000));

    // Underwriter 2,100,000: holders in full (1,933,333), 166,667 left for
    // the other rights holder (asked 200,000), nothing for the Company.
    let al = allocate(&ps, &a.terms.cutback.holder_demand, "RRA", sh(2_100_000)).unwrap();
    assert_eq!(al.included("bain"), sh(1_000_000));
    assert_eq!(al.included("csfb"), sh(333_333));
    assert_eq!(al.included("x"), sh(166_667)); // 2,100,000 − 1,933,333
    assert_eq!(al.included("company"), sh(0));
    assert_eq!(al.included_total, sh(2_100_000));
}

#[test]
fn company_registration_keeps_the_company_and_cuts_everyone_else_pro_rata() {
    // RRA §5(b)(i): Company 2,000,000; bain 700,000, thl 300,001, a holder
    // without rights 99,999 (1,100,000 together). Underwriter: 2,500,000.
    let a = rra();
    let ps = vec![
        p("company", Class::Company, 2_000_000, 9),
        p("bain", Class::Holders, 700_000, 0),
        p("thl", Class::Holders, 300_001, 1),
        p("y", Class::OthersWithoutRights, 99_999, 2),
    ];
    let al = allocate(&ps, &a.terms.cutback.company, "RRA", sh(2_500_000)).unwrap();
    // Company first: 2,000,000; 500,000 left over 1,100,000 requested.
    // bain 500,000 × 700,000 / 1,100,000 = 3,500,000/11 = 318,181.818…
    // thl  500,000 × 300,001 / 1,100,000 = 1,500,005/11 = 136,364.0909…
    // y    500,000 ×  99,999 / 1,100,000 =   499,995/11 =  45,454.0909…
    // whole parts 499,999; 1 left → bain (.818) → 318,182.
    assert_eq!(al.included("company"), sh(2_000_000));
    assert_eq!(al.included("bain"), sh(318_182));
    assert_eq!(al.included("thl"), sh(136_364));
    assert_eq!(al.included("y"), sh(45_454));
    assert_eq!(al.included_total, sh(2_500_000));
    let line = al.lines.iter().find(|l| l.id == "bain").unwrap();
    assert_eq!(line.quota.as_deref(), Some("3500000/11"));
}

#[test]
fn other_holders_demand_puts_initiators_first() {
    // RRA §5(b)(ii): Initiating Holder 1,000,000; bain 400,000, thl 200,000;
    // Company 300,000. Underwriter: 1,300,000.
    let a = rra();
    let ps = vec![
        p("initiator", Class::Initiating, 1_000_000, 5),
        p("bain", Class::Holders, 400_000, 0),
        p("thl", Class::Holders, 200_000, 1),
        p("company", Class::Company, 300_000, 6),
    ];
    let al = allocate(&ps, &a.terms.cutback.other_demand, "RRA", sh(1_300_000)).unwrap();
    // Initiator in full; 300,000 over 600,000: bain 200,000, thl 100,000
    // (exact, no remainder); the Company is excluded first.
    assert_eq!(al.included("initiator"), sh(1_000_000));
    assert_eq!(al.included("bain"), sh(200_000));
    assert_eq!(al.included("thl"), sh(100_000));
    assert_eq!(al.included("company"), sh(0));
}

#[test]
fn equal_remainders_go_to_the_earlier_request() {
    // Three equal requests of 100, 200 to share: quotas 66⅔ each; whole
    // parts 198; the 2 left go to the two earliest requests (seq 0, 1).
    let a = rra();
    let ps = vec![
        p("thl", Class::Holders, 100, 2),
        p("csfb", Class::Holders, 100, 0),
        p("bain", Class::Holders, 100, 1),
    ];
    let al = allocate(&ps, &a.terms.cutback.holder_demand, "RRA", sh(200)).unwrap();
    assert_eq!(al.included("csfb"), sh(67));
    assert_eq!(al.included("bain"), sh(67));
    assert_eq!(al.included("thl"), sh(66));
    // Same request order: the lower id wins.
    let ps = vec![p("b", Class::Holders, 1, 0), p("a", Class::Holders, 1, 0)];
    let al = allocate(&ps, &a.terms.cutback.holder_demand, "RRA", sh(1)).unwrap();
    assert_eq!(al.included("a"), sh(1));
    assert_eq!(al.included("b"), sh(0));
}

#[test]
fn exhibit_d_allocates_pro_rata_among_holders_officers_and_other_shareholders() {
    // Exhibit D §2(b): Company 1,000,000 (not cut); Cisco 272,067;
    // directors and officers 50,000; Other Shareholders 500,000
    // (822,067 together). Underwriter: 1,400,000 → 400,000 to share.
    let a = exhibit_d();
    let ps = vec![
        p("company", Class::Company, 1_000_000, 9),
        p("cisco", Class::Holders, 272_067, 0),
        p("d-and-o", Class::OfficersDirectors, 50_000, 1),
        p("series-b-holders", Class::OthersWithRights, 500_000, 2),
    ];
    let al = allocate(&ps, &a.terms.cutback.company, "Exhibit D", sh(1_400_000)).unwrap();
    // cisco 400,000 × 272,067 / 822,067 = 132,381.9105…
    // d&o   400,000 ×  50,000 / 822,067 =  24,328.9172…
    // other 400,000 × 500,000 / 822,067 = 243,289.1723…
    // whole parts 399,998; 2 left → d&o (.9172), cisco (.9105).
    assert_eq!(al.clause.to_string(), "Exhibit D §2(b)");
    assert_eq!(al.included("company"), sh(1_000_000));
    assert_eq!(al.included("cisco"), sh(132_382));
    assert_eq!(al.included("d-and-o"), sh(24_329));
    assert_eq!(al.included("series-b-holders"), sh(243_289));
    assert_eq!(al.included_total, sh(1_400_000));
}

#[test]
fn bad_numbers_are_refused_not_rounded() {
    let a = rra();
    let ps = vec![p("bain", Class::Holders, 10, 0)];
    let r = allocate(
        &ps,
        &a.terms.cutback.holder_demand,
        "RRA",
        units::Shares::parse("5.5").unwrap(),
    )
    .unwrap_err();
    assert_eq!(r.code, "R0532");
    let r = allocate(&ps, &a.terms.cutback.holder_demand, "RRA", sh(-1)).unwrap_err();
    assert_eq!(r.code, "R0532");
    // More than requested: everyone in full.
    let al = allocate(&ps, &a.terms.cutback.holder_demand, "RRA", sh(50)).unwrap();
    assert_eq!(al.included_total, sh(10));
}

#[test]
fn advice_event_stores_the_allocation_on_the_registration() {
    let mut a = rra();
    let b = book();
    ok(
        &mut a,
        &b,
        "2001-05-01 demand-registration rra D1\n  holder: bain 1,000,000\n  underwritten: yes\n",
    );
    ok(&mut a, &b, "2001-05-02 registration-notice rra D1\n");
    ok(
        &mut a,
        &b,
        "2001-05-10 join-registration rra D1 thl 600000\n",
    );
    ok(
        &mut a,
        &b,
        "2001-05-11 join-registration rra D1 csfb 333333\n",
    );
    let out = ok(
        &mut a,
        &b,
        "2001-06-01 underwriter-advice rra D1 1500000\n  company: 500000\n  other: x others-with-rights 200000\n",
    );
    assert!(out.computations[0].render().contains("RRA §5(a)(i)"));
    let reg = &a.registrations["D1"];
    // Same figures as the first test above.
    assert_eq!(reg.included_for(&"csfb".into()), sh(258_621));
    assert_eq!(reg.included_for(&"bain".into()), sh(775_862));
    let text = rights::queries::cutback_report(&a, "D1", sh(1_500_000), sh(500_000), &[])
        .unwrap()
        .render_text();
    assert!(text.contains("bain"), "{text}");
}

#[test]
fn exhibit_d_holder_withdraws_from_the_underwriting_and_the_rest_is_reallocated() {
    let mut a = exhibit_d();
    let b =
        Fake::default()
            .pos("cisco", "cisco-2002", 1)
            .convertible("cisco", "cisco-2002", 272_067);
    ok(
        &mut a,
        &b,
        "2002-06-03 company-registration cisco-rr C1\n  form: S-1\n  underwritten: yes\n",
    );
    ok(&mut a, &b, "2002-06-04 registration-notice cisco-rr C1\n");
    ok(
        &mut a,
        &b,
        "2002-06-10 join-registration cisco-rr C1 cisco 272067\n",
    );
    ok(
        &mut a,
        &b,
        "2002-07-01 underwriter-advice cisco-rr C1 1400000\n  company: 1000000\n  other: d-and-o officers-directors 50000\n  other: series-b-holders others-with-rights 500000\n",
    );
    // As in the allocation test above: cisco 132,382.
    assert_eq!(
        a.registrations["C1"].included_for(&"cisco".into()),
        sh(132_382)
    );
    // Exhibit D §2(b): cisco disapproves and withdraws; 400,000 over the
    // remaining 550,000: d&o 400,000 × 50,000 / 550,000 = 36,363.63…,
    // others 363,636.36…; whole parts 399,999, the 1 left to d&o (.63).
    ok(
        &mut a,
        &b,
        "2002-07-02 withdraw-request cisco-rr C1 cisco\n",
    );
    let al = a.registrations["C1"].allocation.clone().unwrap();
    assert_eq!(al.included("d-and-o"), sh(36_364));
    assert_eq!(al.included("series-b-holders"), sh(363_636));
    assert_eq!(al.included("cisco"), sh(0));
    refused(
        &mut a,
        &b,
        "2002-07-03 withdraw-request cisco-rr C1 cisco\n",
        "R0514",
    );
}
