//! Piggybacks, the lockup, assignment, amendment, Rule 144 cessation,
//! sales, splits, most-favoured-nation notices and the iCalendar export.

mod common;
use actions::Instrument;
use common::*;

#[test]
fn piggyback_on_s1_but_not_on_s8() {
    let mut a = rra();
    let b = book();
    ok(
        &mut a,
        &b,
        "2001-09-04 company-registration rra C1\n  form: S-8\n",
    );
    let r = refused(
        &mut a,
        &b,
        "2001-09-05 join-registration rra C1 thl 100000\n",
        "R0515",
    );
    assert_eq!(r.clause.to_string(), "RRA §3");
    // No notice obligation on the calendar for an S-8.
    assert!(rights::deadlines(&a, &b.on("2001-09-05"))
        .iter()
        .all(|x| x.subject.as_deref() != Some("C1")));

    ok(
        &mut a,
        &b,
        "2001-09-04 company-registration rra C2\n  form: S-1\n  underwritten: yes\n",
    );
    let dl = rights::deadlines(&a, &b.on("2001-09-04"));
    assert!(dl
        .iter()
        .any(|x| x.subject.as_deref() == Some("C2") && x.party == "company"));
    ok(&mut a, &b, "2001-09-10 registration-notice rra C2\n");
    // Window: 2001-09-10 + 15 = 2001-09-25; each Holder has a deadline.
    let dl = rights::deadlines(&a, &b.on("2001-09-11"));
    let thl = dl
        .iter()
        .find(|x| x.party == "thl" && x.subject.as_deref() == Some("C2"))
        .unwrap();
    assert_eq!(thl.due, d("2001-09-25"));
    refused(
        &mut a,
        &b,
        "2001-09-26 join-registration rra C2 thl 100000\n",
        "R0513",
    );
    ok(
        &mut a,
        &b,
        "2001-09-25 join-registration rra C2 thl 100000\n",
    );
}

#[test]
fn lockup_after_an_underwritten_company_offering() {
    let mut a = rra();
    let b = book();
    ok(
        &mut a,
        &b,
        "2002-02-01 company-registration rra C1\n  form: S-1\n  underwritten: yes\n",
    );
    ok(
        &mut a,
        &b,
        "2002-02-15 registration-filed rra C1\n  form: S-1\n",
    );
    let out = ok(&mut a, &b, "2002-03-01 registration-effective rra C1\n");
    // 2002-03-01 + 90 days = 2002-05-30.
    assert_eq!(out.computations[0].value, "2002-05-30");
    let r = refused(
        &mut a,
        &b,
        "2002-04-01 transfer-registrable rra pep buyer 150000\n  kind: sale\n  joinder: yes\n",
        "R0525",
    );
    assert_eq!(r.clause.to_string(), "RRA §6");
    assert!(r.message.contains("2002-05-30"));
    // The pure check, for the engine: a sale is blocked on the last day,
    // free the day after; a registered sale is never blocked.
    assert!(a
        .lockup_blocks(&"pep".into(), d("2002-05-30"), rights::TransferKind::Sale)
        .is_some());
    assert!(a
        .lockup_blocks(&"pep".into(), d("2002-05-31"), rights::TransferKind::Sale)
        .is_none());
    assert!(a
        .lockup_blocks(
            &"pep".into(),
            d("2002-04-01"),
            rights::TransferKind::RegisteredSale
        )
        .is_none());
    // To a Controlled Affiliate: only once it consents to be bound.
    refused(
        &mut a,
        &b,
        "2002-04-01 transfer-registrable rra pep pep-affiliate 50000\n  kind: affiliate\n  joinder: yes\n",
        "R0525",
    );
    ok(
        &mut a,
        &b,
        "2002-04-01 transfer-registrable rra pep pep-affiliate 40000\n  kind: affiliate\n  joinder: yes\n  lockup-consent: yes\n",
    );
    // The managing underwriter may consent to any disposition: pep's
    // remaining 110,000 (150,000 − 40,000) are all it holds, so the rights
    // pass too. (At 100,000 they would have ceased under Rule 144: 1% of
    // 10,000,000 outstanding.)
    ok(
        &mut a,
        &b,
        "2002-04-02 transfer-registrable rra pep buyer 110000\n  kind: sale\n  joinder: yes\n  underwriter-consent: yes\n",
    );
}

#[test]
fn exempt_distribution_inside_the_lockup_is_refused() {
    let mut a = rra();
    let b = book();
    ok(
        &mut a,
        &b,
        "2002-02-01 company-registration rra C1\n  form: S-1\n  underwritten: yes\n",
    );
    ok(
        &mut a,
        &b,
        "2002-02-15 registration-filed rra C1\n  form: S-1\n",
    );
    ok(&mut a, &b, "2002-03-01 registration-effective rra C1\n");
    refused(
        &mut a,
        &b,
        "2002-04-02 exempt-distribution rra pep 1000\n",
        "R0525",
    );
    ok(&mut a, &b, "2002-05-31 exempt-distribution rra pep 1000\n");
    // 150,000 − 1,000 = 149,000 registrable common left.
    assert_eq!(
        a.registrable_of(&b.on("2002-06-01"), &"pep".into()).common,
        sh(149_000)
    );
}

#[test]
fn assignment_of_150000_refused_but_all_of_150000_allowed() {
    let mut a = rra();
    let b = book();
    // bain transfers 1,500 Series B: 5,000,000 × 1,500 / 50,000 = 150,000
    // Registrable Securities, fewer than 200,000 and not all bain holds.
    let r = refused(
        &mut a,
        &b,
        "2001-05-01 transfer-registrable rra bain buyer 1500\n  security: series-b\n  kind: sale\n  joinder: yes\n",
        "R0526",
    );
    assert_eq!(r.clause.to_string(), "RRA §10");
    assert!(r.message.contains("150000"), "{r}");
    // pep's 150,000 are all it holds: allowed, with the joinder.
    let r = refused(
        &mut a,
        &b,
        "2001-05-01 transfer-registrable rra pep buyer 150000\n  kind: sale\n",
        "R0527",
    );
    assert_eq!(r.clause.to_string(), "RRA §10");
    let out = ok(
        &mut a,
        &b,
        "2001-05-01 transfer-registrable rra pep buyer 150000\n  kind: sale\n  joinder: yes\n",
    );
    assert_eq!(out.effects.len(), 1);
    // The ledger moves the shares; the buyer is a Holder with 150,000
    // registrable common once its position shows them.
    let after = b
        .clone()
        .pos("pep", "common", 0)
        .pos("buyer", "common", 150_000);
    let v = after.on("2001-05-02");
    assert!(a.holders(&v).contains(&"buyer".into()));
    assert_eq!(
        a.registrable_of(&v, &"buyer".into()).registrable,
        sh(150_000)
    );
    assert_eq!(a.registrable_of(&v, &"pep".into()).registrable, sh(0));
    // 2,000 Series B = 200,000: enough for a sale.
    ok(
        &mut a,
        &b,
        "2001-05-01 transfer-registrable rra bain buyer2 2000\n  security: series-b\n  kind: sale\n  joinder: yes\n",
    );
    // A pro rata distribution to partners passes rights at any size.
    ok(
        &mut a,
        &b,
        "2001-05-01 transfer-registrable rra thl thl-partner 10\n  security: series-b\n  kind: partner-distribution\n  joinder: yes\n",
    );
    refused(
        &mut a,
        &b,
        "2001-05-01 transfer-registrable rra thl x 10\n  security: warrant\n  kind: sale\n  joinder: yes\n",
        "R0537",
    );
}

#[test]
fn amendment_needs_holders_of_a_majority() {
    let mut a = rra();
    let b = book();
    // thl + csfb: 4,500,000 of 9,650,000, not more than 4,825,000.
    let r = refused(
        &mut a,
        &b,
        "2001-05-01 amend-agreement rra\n  consent: thl csfb\n",
        "R0529",
    );
    assert_eq!(r.clause.to_string(), "RRA §13");
    ok(&mut a, &b, "2001-05-01 amend-agreement rra\n  consent: bain\n  description: \"waive §6 for the 2001 offering\"\n");
    assert_eq!(a.amendments[0].consenting_shares, sh(5_000_000));
    // Exhibit D (Warrant §17): every Holder.
    let mut e = exhibit_d();
    let w = Fake::default()
        .pos("cisco", "cisco-2002", 1)
        .convertible("cisco", "cisco-2002", 222_067)
        .pos("buyer", "cisco-2002", 1)
        .convertible("buyer", "cisco-2002", 50_000);
    refused(
        &mut e,
        &w,
        "2002-06-01 amend-agreement cisco-rr\n  consent: cisco\n",
        "R0529",
    );
    ok(
        &mut e,
        &w,
        "2002-06-01 amend-agreement cisco-rr\n  consent: cisco buyer\n",
    );
}

#[test]
fn rule_144_cessation_follows_the_volume_series() {
    let a = rra();
    let mut b = book();
    // pep holds 150,000. 1% of 10,000,000 outstanding = 100,000.
    // Weekly volume averages (four calendar weeks before each date):
    b.weekly.insert(d("2000-12-01"), sh(400_000));
    b.weekly.insert(d("2001-05-01"), sh(120_000));
    b.weekly.insert(d("2001-06-01"), sh(150_000));
    b.weekly.insert(d("2001-07-02"), sh(149_999));
    // Before the one-year holding period ends (2001-04-10): still
    // registrable although 400,000 > 150,000.
    let r = a.registrable_of(&b.on("2000-12-01"), &"pep".into());
    assert_eq!(r.registrable, sh(150_000));
    // 2001-05-01: limit max(100,000, 120,000) = 120,000 < 150,000.
    let r = a.registrable_of(&b.on("2001-05-01"), &"pep".into());
    assert_eq!(r.registrable, sh(150_000));
    assert!(r.ceased.is_none());
    // 2001-06-01: limit 150,000 ≥ 150,000: all could be sold in three
    // months: ceased.
    let r = a.registrable_of(&b.on("2001-06-01"), &"pep".into());
    assert_eq!(r.registrable, sh(0));
    assert!(r.ceased.as_deref().unwrap().contains("150000"));
    // Outstanding drops by pep's 150,000: 9,500,000.
    assert_eq!(
        a.registrable_outstanding(&b.on("2001-06-01")),
        sh(9_500_000)
    );
    // 2001-07-02: 149,999 < 150,000: registrable again (tested on each date).
    assert_eq!(
        a.registrable_of(&b.on("2001-07-02"), &"pep".into())
            .registrable,
        sh(150_000)
    );
    // No volume data: only the 1% limb (100,000).
    assert_eq!(
        a.registrable_of(&b.on("2001-08-01"), &"pep".into())
            .registrable,
        sh(150_000)
    );
}

#[test]
fn registered_sales_end_registrability_and_need_an_effective_statement() {
    let mut a = rra();
    let mut b = book();
    ok(
        &mut a,
        &b,
        "2001-05-01 demand-registration rra D1\n  holder: bain 1,000,000\n",
    );
    refused(
        &mut a,
        &b,
        "2001-05-02 registered-sale rra D1 bain 10\n",
        "R0524",
    );
    ok(
        &mut a,
        &b,
        "2001-06-01 registration-filed rra D1\n  form: S-1\n",
    );
    ok(&mut a, &b, "2001-07-02 registration-effective rra D1\n");
    refused(
        &mut a,
        &b,
        "2001-07-03 registered-sale rra D1 bain 1000001\n",
        "R0523",
    );
    // bain converts 10,000 Series B into 1,000,000 common at the closing
    // (the ledger's figures), then sells them.
    b = b
        .pos("bain", "series-b", 40_000)
        .convertible("bain", "series-b", 4_000_000)
        .pos("bain", "common", 1_000_000)
        .converted("bain", "series-b", 1_000_000);
    ok(
        &mut a,
        &b,
        "2001-07-03 registered-sale rra D1 bain 1000000\n",
    );
    let after = b.clone().pos("bain", "common", 0);
    // 4,000,000 issuable + (1,000,000 issued − 1,000,000 sold) = 4,000,000.
    assert_eq!(
        a.registrable_of(&after.on("2001-07-04"), &"bain".into())
            .registrable,
        sh(4_000_000)
    );
    assert!(a.registrations["D1"].all_sold());
    // Nothing left to keep effective.
    assert!(rights::deadlines(&a, &after.on("2001-07-04"))
        .iter()
        .all(|x| !x.obligation.contains("keep registration")));
}

#[test]
fn a_split_doubles_registrable_common() {
    let mut a = rra();
    let b = book();
    let action = actions::CorporateAction::Subdivision {
        kind: actions::SubdivisionKind::Split,
        numerator: 2,
        denominator: 1,
        record_date: None,
    };
    a.on_action(&action, &b.on("2001-05-01")).unwrap();
    // pep: 150,000 issued + 150,000 from the split; the ledger shows 300,000.
    let after = b.clone().pos("pep", "common", 300_000);
    assert_eq!(
        a.registrable_of(&after.on("2001-05-02"), &"pep".into())
            .common,
        sh(300_000)
    );
}

#[test]
fn most_favoured_nation_notice_and_election() {
    let mut a = exhibit_d();
    let b =
        Fake::default()
            .pos("cisco", "cisco-2002", 1)
            .convertible("cisco", "cisco-2002", 272_067);
    refused(&mut a, &b, "2002-08-01 mfn-notice cisco-rr G1\n", "R0531");
    let out = ok(&mut a, &b, "2002-08-01 rights-granted cisco-rr G1\n");
    assert_eq!(out.warnings[0].clause.to_string(), "Exhibit D §3");
    ok(&mut a, &b, "2002-08-05 mfn-notice cisco-rr G1\n");
    // 30 days from 2002-08-05: by 2002-09-04.
    let dl = rights::deadlines(&a, &b.on("2002-08-06"));
    let e = dl
        .iter()
        .find(|x| x.party == "cisco" && x.subject.as_deref() == Some("G1"))
        .unwrap();
    assert_eq!(e.due, d("2002-09-04"));
    let mut late = a.clone();
    refused(
        &mut late,
        &b,
        "2002-09-05 mfn-election cisco-rr G1 cisco\n",
        "R0531",
    );
    ok(&mut a, &b, "2002-09-04 mfn-election cisco-rr G1 cisco\n");
    // The RRA has no such clause.
    let mut r = rra();
    refused(
        &mut r,
        &book(),
        "2002-08-01 rights-granted rra G1\n",
        "R0533",
    );
}

#[test]
fn ics_export_is_rfc5545() {
    let mut a = rra();
    let b = book();
    ok(
        &mut a,
        &b,
        "2001-05-01 demand-registration rra D1\n  holder: bain 1,000,000\n",
    );
    let rep = rights::queries::deadlines_report(&a, &b.on("2001-05-01"));
    let ics = rep.to_ics();
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    // Every line ends CRLF and no line exceeds 75 octets.
    for line in ics.split("\r\n") {
        assert!(!line.contains('\n'));
        assert!(line.len() <= 75, "{line}");
    }
    // The filing deadline: window 2001-05-01 + 15 (no notice yet) = 2001-05-16, + 90 = 2001-08-14.
    assert!(ics.contains("DTSTART;VALUE=DATE:20010814"));
    assert!(ics.contains("DTSTAMP:20010501T000000Z"));
    // Commas and semicolons in TEXT are escaped.
    assert_eq!(
        rights::deadlines::escape_text("a,b;c\\d\ne"),
        "a\\,b\\;c\\\\d\\ne"
    );
    // UIDs are stable: the same obligation a day later has the same UID.
    let later = rights::queries::deadlines_report(&a, &b.on("2001-05-02")).to_ics();
    let uid = |s: &str| {
        s.split("\r\n")
            .filter(|l| l.starts_with("UID:"))
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    let (u1, u2) = (uid(&ics), uid(&later));
    assert!(u1.iter().any(|u| u2.contains(u)));
    // Long lines fold with CRLF + space.
    let long = rights::Deadline {
        due: d("2001-05-01"),
        party: "company".into(),
        obligation: "x".repeat(200),
        clause: units::Clause::new("RRA", "4(a)"),
        subject: None,
        key: "k".into(),
        overdue: false,
    };
    let ics = rights::to_ics("t", &[long], d("2001-05-01"));
    assert!(ics.contains("\r\n x"));
}

#[test]
fn resolve_reports_bad_directives() {
    let (ds, _, _, _) = journal::parse_str(
        journal::FileId(0),
        "2001-05-01 demand-registration rra D1\n  holder: bain lots\n  colour: red\n",
    );
    let errs = rights::resolve(&ds[0]).unwrap_err();
    let codes: Vec<&str> = errs.iter().map(|e| e.code).collect();
    assert!(
        codes.contains(&"E0104") && codes.contains(&"E0108"),
        "{codes:?}"
    );
    let (ds, _, _, _) = journal::parse_str(
        journal::FileId(0),
        "2001-05-01 transfer-registrable rra a b 10\n",
    );
    assert!(rights::resolve(&ds[0]).is_err());
    // An event for another agreement is refused.
    let mut a = rra();
    let e = ev("2001-05-01 registration-notice other D1\n");
    assert_eq!(
        a.apply_event(&e, &book().on("2001-05-01"))
            .unwrap_err()
            .code,
        "R0535"
    );
}

#[test]
fn status_and_queries_render() {
    let mut a = rra();
    let b = book();
    ok(
        &mut a,
        &b,
        "2001-05-01 demand-registration rra D1\n  holder: bain 1,000,000\n",
    );
    let v = b.on("2001-05-02");
    let s = a.status(&v);
    assert!(s["demands"]["left"].as_u64() == Some(3));
    let t = a.status_text(&v);
    assert!(
        t.contains("Registrable Securities") && t.contains("D1"),
        "{t}"
    );
    // Scheduled: the Closing Date, and the day after D1's filing deadline
    // (2001-05-16 + 90 = 2001-08-14 → 2001-08-15).
    assert_eq!(a.next_scheduled(d("2001-05-02")), Some(d("2001-08-15")));
    let w = a.run_scheduled(d("2001-08-15"), &b.on("2001-08-15"));
    assert_eq!(w.warnings[0].code, "W0501");
}

#[test]
fn ics_folds_and_escapes_a_long_summary() {
    // An obligation of 136 octets with 4 commas, 3 semicolons, a
    // backslash, a three-octet dash, a two-octet § and a BEL (a control
    // character RFC 5545 TEXT does not admit).
    let obligation = "file the shelf, as amended; notify Bain, THL and CSFB; \
                      keep it effective — 90 days, or until sold; a\\b\u{7}c \
                      and pay the expenses, per §6"
        .to_string();
    let long = rights::Deadline {
        due: d("2001-05-01"),
        party: "company".into(),
        obligation: obligation.clone(),
        clause: units::Clause::new("RRA", "4(a)"),
        subject: None,
        key: "k".into(),
        overdue: false,
    };
    let ics = rights::to_ics("t", &[long], d("2001-05-01"));
    // RFC 5545 §3.1: no physical line over 75 octets, CRLF ends.
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
        assert!(!line.contains('\n') && !line.contains('\r'));
    }
    // Unfolding (a CRLF followed by one space is removed) gives one content
    // line, escaped per §3.3.11: `,` → `\,`, `;` → `\;`, `\` → `\\`, and
    // the BEL written as a space.
    let unfolded = ics.replace("\r\n ", "");
    let summary = unfolded
        .split("\r\n")
        .find(|l| l.starts_with("SUMMARY:"))
        .unwrap();
    assert_eq!(
        summary,
        "SUMMARY:company: file the shelf\\, as amended\\; notify Bain\\, THL and CSFB\\; \
         keep it effective — 90 days\\, or until sold\\; a\\\\b c and pay the expenses\\, per §6"
    );
    // "SUMMARY:" 8 + "company: " 9 + 136 + 8 escapes = 161 octets: 75 on the
    // first line, then 74 after each fold's space: two folds.
    let start = ics.find("SUMMARY:").unwrap();
    let folds = ics[start..]
        .split("\r\n")
        .skip(1)
        .take_while(|l| l.starts_with(' '))
        .count();
    assert_eq!(folds, 2, "{ics}");
    // No fold splits a UTF-8 character: each physical line is a string
    // slice of its own, and the dash survives unfolding intact.
    assert!(summary.contains("effective — 90"));
}
