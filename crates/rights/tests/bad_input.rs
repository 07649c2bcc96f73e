//! Issue 6 "Bad input": every refused event names its clause and changes
//! nothing (the `refused` helper compares the whole state before and
//! after). The cases here are the codes no other test reaches, and the
//! §5(b)(ii) order with a remainder.

mod common;
use common::*;
use rights::cutback::{allocate, Participant};
use rights::terms::Class;

#[test]
fn unknown_registrations_are_refused_for_every_lifecycle_event() {
    let mut a = rra();
    let b = book();
    for text in [
        "2001-05-01 registration-notice rra X\n",
        "2001-05-01 join-registration rra X bain 10\n",
        "2001-05-01 withdraw-request rra X bain\n",
        "2001-05-01 underwriter-advice rra X 100\n",
        "2001-05-01 registration-filed rra X\n  form: S-1\n",
        "2001-05-01 registration-effective rra X\n",
        "2001-05-01 stop-order rra X\n",
        "2001-05-01 stop-order-lifted rra X\n",
        "2001-05-01 registration-withdrawn rra X\n",
        "2001-05-01 registration-postponed rra X 10\n",
        "2001-05-01 registration-suspended rra X\n",
        "2001-05-01 registration-resumed rra X\n",
        "2001-05-01 registered-sale rra X bain 10\n",
    ] {
        let r = refused(&mut a, &b, text, "R0501");
        // The clause of the right the registration would be under.
        assert!(r.clause.to_string().starts_with("RRA §"), "{text}: {r}");
    }
}

#[test]
fn registration_and_grant_ids_are_used_once() {
    let mut a = rra();
    let b = book();
    ok(
        &mut a,
        &b,
        "2001-05-01 demand-registration rra D1\n  holder: bain 1,000,000\n",
    );
    // The same id for a second demand (after six months would be allowed)
    // or for a Company registration: refused, nothing changes.
    refused(
        &mut a,
        &b,
        "2001-05-02 company-registration rra D1\n  form: S-1\n",
        "R0502",
    );
    let mut x = exhibit_d();
    let w = Fake {
        outstanding_common: sh(10_000_000),
        ..Fake::default()
    }
    .convertible("cisco", "cisco-2002", 272_067);
    ok(&mut x, &w, "2002-08-01 rights-granted cisco-rr G1\n");
    let r = refused(
        &mut x,
        &w,
        "2002-08-02 rights-granted cisco-rr G1\n",
        "R0502",
    );
    assert_eq!(r.clause.to_string(), "Exhibit D §3");
}

#[test]
fn other_holders_demand_with_a_remainder() {
    // RRA §5(b)(ii): the Initiating Holder 1,000,000 first; then bain
    // 400,001, thl 199,999 and another holder with rights 100,000 pro rata
    // (700,000 requested); the Company last. Underwriter 1,350,000:
    // 350,000 for the second tier.
    // bain 350,000 × 400,001 / 700,000 = 200,000.5 → 200,000
    // thl  350,000 × 199,999 / 700,000 =  99,999.5 →  99,999
    // x    350,000 × 100,000 / 700,000 =  50,000 exactly
    // whole parts 349,999; 1 left; bain and thl tie at .5: the earlier
    // request (bain, seq 0) gets it → 200,001.
    let a = rra();
    let p = |id: &str, class, n: i64, seq| Participant {
        id: id.into(),
        class,
        requested: sh(n),
        seq,
    };
    let ps = vec![
        p("initiator", Class::Initiating, 1_000_000, 5),
        p("bain", Class::Holders, 400_001, 0),
        p("thl", Class::Holders, 199_999, 1),
        p("x", Class::OthersWithRights, 100_000, 2),
        p("company", Class::Company, 300_000, 6),
    ];
    let al = allocate(&ps, &a.terms.cutback.other_demand, "RRA", sh(1_350_000)).unwrap();
    assert_eq!(al.clause.to_string(), "RRA §5(b)(ii)");
    assert_eq!(al.included("initiator"), sh(1_000_000));
    assert_eq!(al.included("bain"), sh(200_001));
    assert_eq!(al.included("thl"), sh(99_999));
    assert_eq!(al.included("x"), sh(50_000));
    assert_eq!(al.included("company"), sh(0));
    assert_eq!(al.included_total, sh(1_350_000));
}
