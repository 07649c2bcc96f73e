//! RRA §7 Term: "This Agreement shall terminate on the earlier of: (i) the
//! date all Registrable Securities hereunder have been registered and
//! sold."

mod common;
use common::*;

/// bain holds 1,000,000 and thl 500,000 common issued on conversion (no
/// Series B left); 1,000,000 common outstanding, so the Rule 144 limit is
/// 1% × 1,000,000 = 10,000 and neither has ceased. Registrable Securities
/// outstanding: 1,500,000.
fn sold_out_book() -> Fake {
    Fake {
        outstanding_common: sh(1_000_000),
        ..Fake::default()
    }
    .pos("bain", "common", 1_000_000)
    .converted("bain", "series-b", 1_000_000)
    .pos("thl", "common", 500_000)
    .converted("thl", "series-b", 500_000)
}

fn registered(a: &mut rights::Agreement, b: &Fake) {
    // bain's 1,000,000 > 1/2 × 1,500,000 = 750,000; 1,000,000 ≥ 20% of
    // its own 1,000,000.
    ok(
        a,
        b,
        "2001-05-01 demand-registration rra D1\n  holder: bain 1,000,000\n",
    );
    ok(a, b, "2001-05-02 join-registration rra D1 thl 500000\n");
    ok(a, b, "2001-06-01 registration-filed rra D1\n  form: S-1\n");
    ok(a, b, "2001-07-02 registration-effective rra D1\n");
}

#[test]
fn the_agreement_terminates_when_the_last_registrable_security_is_registered_and_sold() {
    let mut a = rra();
    let b = sold_out_book();
    registered(&mut a, &b);
    // 1,500,000 − 1,000,000 = 500,000 left: not yet.
    let out = ok(
        &mut a,
        &b,
        "2001-07-03 registered-sale rra D1 bain 1000000\n",
    );
    assert!(out.warnings.iter().all(|w| w.code != "W0505"));
    assert_eq!(a.terminated, None);
    // 500,000 − 400,000 = 100,000 left (> the 10,000 Rule 144 limit).
    ok(&mut a, &b, "2001-07-05 registered-sale rra D1 thl 400000\n");
    assert_eq!(a.terminated, None);
    assert_eq!(a.registrable_outstanding(&b.on("2001-07-05")), sh(100_000));
    // The last 100,000: none left: terminated on 2001-07-06.
    let out = ok(&mut a, &b, "2001-07-06 registered-sale rra D1 thl 100000\n");
    assert!(out.warnings.iter().any(|w| w.code == "W0505"));
    assert_eq!(a.terminated, Some(d("2001-07-06")));

    // Afterwards no right can be exercised: each refusal names §7 and
    // changes nothing (the helper compares the state).
    let r = refused(
        &mut a,
        &b,
        "2002-02-01 demand-registration rra D2\n  holder: bain 10\n",
        "R0539",
    );
    assert_eq!(r.clause.to_string(), "RRA §7");
    refused(
        &mut a,
        &b,
        "2002-02-01 join-registration rra D1 bain 10\n",
        "R0539",
    );
    refused(
        &mut a,
        &b,
        "2002-02-01 transfer-registrable rra bain x 10\n  kind: affiliate\n  joinder: yes\n",
        "R0539",
    );
    refused(
        &mut a,
        &b,
        "2002-02-01 amend-agreement rra\n  consent: bain thl\n",
        "R0539",
    );
    // The Company may still register its own shares, but no holder may
    // piggyback, and no §6 lockup follows an underwritten offering.
    let out = ok(
        &mut a,
        &b,
        "2002-03-01 company-registration rra C1\n  form: S-1\n  underwritten: yes\n",
    );
    assert_eq!(out.computations[0].value, "no");
    ok(
        &mut a,
        &b,
        "2002-03-05 registration-filed rra C1\n  form: S-1\n",
    );
    ok(&mut a, &b, "2002-04-01 registration-effective rra C1\n");
    assert!(a.lockups.is_empty());
    assert!(a
        .lockup_blocks(&"bain".into(), d("2002-04-02"), rights::TransferKind::Sale)
        .is_none());
    // Nothing on the calendar, no next demand.
    let v = b.on("2002-04-02");
    assert!(rights::deadlines(&a, &v).is_empty());
    let rep = rights::queries::demands_report(&a, &v);
    assert_eq!(rep.next_allowed, None);
    assert_eq!(rep.terminated, Some(d("2001-07-06")));
    assert!(rep.render_text().contains("terminated on 2001-07-06"));
}

#[test]
fn an_exempt_distribution_of_the_last_shares_terminates_only_under_the_alternative() {
    let b = sold_out_book();
    for (mut a, terminates) in [
        (rra(), false),
        (
            rra_with(
                "basis = \"registered-and-sold\"",
                "basis = \"none-outstanding\"",
            ),
            true,
        ),
    ] {
        registered(&mut a, &b);
        ok(
            &mut a,
            &b,
            "2001-07-03 registered-sale rra D1 bain 1000000\n",
        );
        // thl's 500,000 publicly distributed under an exemption (RRA §1
        // (ii)): none left, but none of them "registered and sold".
        ok(
            &mut a,
            &b,
            "2001-07-10 exempt-distribution rra thl 500000\n",
        );
        assert_eq!(a.registrable_outstanding(&b.on("2001-07-10")), sh(0));
        assert_eq!(a.terminated.is_some(), terminates);
        if terminates {
            assert_eq!(a.terminated, Some(d("2001-07-10")));
        }
    }
}

#[test]
fn exhibit_d_has_no_term_clause() {
    assert!(exhibit_d().terms.term.is_none());
}
