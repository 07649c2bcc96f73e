//! CoD §2 "Change of Control": each limb, the proviso and the Purchase
//! Agreement carve-out, from journal directives through the tracker.

#[path = "adjustment_fake.rs"]
mod fake;

use actions::{CorporateAction, ReorganizationKind};
use fake::*;
use preferred::change_of_control::{
    evaluate, resolve, ChangeOfControl, ChangeOfControlTerms, ChangeOfControlTracker, ControlEvent,
};
use units::Rate;

/// The CoD's §2 and §6.3 numbers as CTC's term file states them: "more than
/// 50%", "less than 50%" / "50% or more", "any consecutive two-year period",
/// "within thirty days".
fn cod_change_of_control() -> ChangeOfControlTerms {
    terms::load_terms(
        journal::FileId(0),
        "ownership-threshold = \"0.50\"\ncontinuity-threshold = \"0.50\"\nboard-period-years = 2\nelection-days = 30\n",
    )
    .expect("the CoD's change-of-control numbers")
}

fn event(text: &str) -> (calendar::Date, ControlEvent) {
    let (mut ds, _, _, diags) = journal::parse_str(journal::FileId(0), text);
    assert!(diags.is_empty(), "{diags:?}");
    let dir = ds.remove(0);
    let e = resolve(&dir)
        .expect("a change-of-control keyword")
        .expect("well formed");
    (dir.date, e)
}

/// Applies a small journal of control events; returns every Change of Control.
fn replay(lines: &[&str]) -> (ChangeOfControlTracker, Vec<ChangeOfControl>) {
    let terms = cod_change_of_control();
    let mut t = ChangeOfControlTracker::default();
    let mut found = Vec::new();
    for l in lines {
        let (date, e) = event(l);
        let v = Fake::on(&date.to_string());
        let (_, c) = t.apply(&e, &terms, &v).unwrap();
        found.extend(c);
    }
    (t, found)
}

#[test]
fn limb_a_more_than_half_of_voting_stock() {
    // 50% is not "more than 50%"; 50.1% is; a Series B holder never counts;
    // the same person rising further is not a new Change of Control.
    let (_, found) = replay(&[
        "2001-01-10 beneficial-owner series-b acme 50%",
        "2001-02-10 beneficial-owner series-b bain 0.9\n  series-b-holder: yes",
        "2001-03-10 beneficial-owner series-b acme 0.501",
        "2001-04-10 beneficial-owner series-b acme 0.60",
    ]);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].date, d("2001-03-10"));
    assert_eq!(found[0].clause_letter, 'a');
    assert!(
        found[0].description.contains("50.1%"),
        "{}",
        found[0].description
    );
}

fn reorg(kind: ReorganizationKind, prior: Option<&str>) -> CorporateAction {
    CorporateAction::Reorganization {
        kind,
        company_survives: false,
        reference_property: Vec::new(),
        prior_holders_voting_percent: prior.map(|p| Rate::parse(p).unwrap()),
    }
}

#[test]
fn limb_b_merger_and_proviso() {
    let terms = cod_change_of_control();
    let v = Fake::on("2002-01-15");
    // Prior holders keep 45% < 50%: Change of Control (b).
    let mut t = ChangeOfControlTracker::default();
    let (_, c) = t.on_action(&reorg(ReorganizationKind::Merger, Some("0.45")), &terms, &v);
    assert_eq!(c.unwrap().clause_letter, 'b');
    // Exactly 50%: the proviso's "50% or more" — not a Change of Control, even
    // if a person holds more than 50% of the survivor the same day.
    let mut t = ChangeOfControlTracker::default();
    let (_, c) = t.on_action(&reorg(ReorganizationKind::Merger, Some("0.5")), &terms, &v);
    assert!(c.is_none());
    let (_, e) = event("2002-01-15 beneficial-owner series-b acq 0.55\n  of: surviving");
    let (_, c) = t.apply(&e, &terms, &v).unwrap();
    assert!(c.is_none());
    // An asset sale is outside the merger proviso: a person with 55% of the
    // transferee is (b).
    let mut t = ChangeOfControlTracker::default();
    let (_, c) = t.on_action(
        &reorg(ReorganizationKind::AssetSale, Some("0.6")),
        &terms,
        &v,
    );
    assert!(c.is_none());
    let (_, c) = t.apply(&e, &terms, &v).unwrap();
    assert_eq!(c.unwrap().clause_letter, 'b');
    // Unknown continuity: a warning, no determination.
    let mut t = ChangeOfControlTracker::default();
    let (out, c) = t.on_action(&reorg(ReorganizationKind::Consolidation, None), &terms, &v);
    assert!(c.is_none());
    assert_eq!(out.warnings[0].code, "W0280");
    // A reclassification is not a limb (b) transaction.
    let (_, c) = t.on_action(
        &reorg(ReorganizationKind::Reclassification, Some("0")),
        &terms,
        &v,
    );
    assert!(c.is_none());
}

const BOARD: &[&str] = &[
    "2001-01-01 board series-b A B C D E",
    "2001-02-01 director-elected series-b F", // not approved: 5 of 6 continuing
    "2001-03-01 director-left series-b A",    // 4 of 5
    "2001-04-01 director-left series-b B",    // C D E of C D E F: 3 of 4
    "2001-05-01 director-left series-b C",    // D E of D E F: 2 of 3, still a majority
];

#[test]
fn limb_c_continuing_directors_lose_majority() {
    // G elected unapproved on 2002-06-01, within two years of 2001-01-01:
    // continuing D E of D E F G = 2 of 4, not a majority → (c).
    let mut lines = BOARD.to_vec();
    lines.push("2002-06-01 director-elected series-b G");
    let (_, found) = replay(&lines);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].clause_letter, 'c');
    assert_eq!(found[0].date, d("2002-06-01"));
    assert!(
        found[0].description.contains("2 of 4"),
        "{}",
        found[0].description
    );
}

#[test]
fn limb_c_needs_the_loss_within_two_years() {
    // The same election on 2003-06-01: every two-year period containing it
    // starts on or after 2001-06-02, when D E F were all in office, so all
    // three are continuing: D E F of D E F G = 3 of 4.
    let mut lines = BOARD.to_vec();
    lines.push("2003-06-01 director-elected series-b G");
    let (_, found) = replay(&lines);
    assert!(found.is_empty());
}

#[test]
fn limb_c_approved_nominated_and_purchase_agreement_directors_continue() {
    for extra in [
        // Approved by D and E, both continuing directors in office (2 of 2 > half).
        "2002-06-01 director-elected series-b G\n  approved-by: D E",
        "2002-06-01 director-elected series-b G\n  approved-by-continuing: yes",
        "2002-06-01 director-elected series-b G\n  nominated-by-series-b: yes",
        "2002-06-01 director-elected series-b G\n  under-purchase-agreement: yes",
    ] {
        let mut lines = BOARD.to_vec();
        lines.push(extra);
        let (_, found) = replay(&lines);
        assert!(found.is_empty(), "{extra}");
    }
    // Approved by D and F: F is not continuing, so 1 of the 2 continuing
    // directors in office (D, E) is not a majority: (c).
    let mut lines = BOARD.to_vec();
    lines.push("2002-06-01 director-elected series-b G\n  approved-by: D F");
    assert_eq!(replay(&lines).1.len(), 1);
    // A removal under the Purchase Agreement that costs the majority is
    // carved out: D leaves under it → E of E F = 1 of 2.
    let mut lines = BOARD.to_vec();
    lines.push("2002-06-01 director-left series-b D\n  under-purchase-agreement: yes");
    assert!(replay(&lines).1.is_empty());
    // The same removal otherwise is (c).
    let mut lines = BOARD.to_vec();
    lines.push("2002-06-01 director-left series-b D");
    assert_eq!(replay(&lines).1.len(), 1);
}

#[test]
fn board_events_are_validated() {
    let terms = cod_change_of_control();
    let v = Fake::on("2001-01-01");
    let mut t = ChangeOfControlTracker::default();
    let (_, e) = event("2001-01-01 director-elected series-b X");
    assert_eq!(t.apply(&e, &terms, &v).unwrap_err().code, "R0282");
    let (_, b) = event("2001-01-01 board series-b A B");
    t.apply(&b, &terms, &v).unwrap();
    assert_eq!(t.apply(&b, &terms, &v).unwrap_err().code, "R0282");
    let (_, e) = event("2001-01-01 director-elected series-b A");
    assert_eq!(t.apply(&e, &terms, &v).unwrap_err().code, "R0280");
    let (_, e) = event("2001-01-01 director-left series-b Z");
    assert_eq!(t.apply(&e, &terms, &v).unwrap_err().code, "R0281");
    assert_eq!(t.directors(), vec!["A".to_string(), "B".to_string()]);
    assert_eq!(t.facts().len(), 1, "rejected events change nothing");
}

#[test]
fn declared_change_of_control_and_pure_evaluator() {
    let (t, found) = replay(&[
        "2002-03-01 change-of-control series-b a\n  description: \"tender offer completed\"",
    ]);
    assert_eq!(found[0].clause_letter, 'a');
    assert_eq!(found[0].description, "tender offer completed");
    // The pure evaluator over the recorded facts gives the same answer.
    assert_eq!(evaluate(t.facts(), &cod_change_of_control()), found);
}

#[test]
fn resolver_reports_bad_input() {
    let (mut ds, _, _, _) = journal::parse_str(
        journal::FileId(0),
        "2001-01-01 beneficial-owner series-b acme 150\n",
    );
    let errs = resolve(&ds.remove(0)).unwrap().unwrap_err();
    assert_eq!(errs[0].code, "E0104");
    let (mut ds, _, _, _) = journal::parse_str(
        journal::FileId(0),
        "2001-01-01 change-of-control series-b d\n",
    );
    assert!(resolve(&ds.remove(0)).unwrap().is_err());
    let (mut ds, _, _, _) = journal::parse_str(journal::FileId(0), "2001-01-01 issue common a 1\n");
    assert!(resolve(&ds.remove(0)).is_none());
}
