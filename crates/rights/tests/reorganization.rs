//! Registrable Securities through reorganizations (RRA §1 (ii): "other
//! securities issued or issuable with respect to any Registrable
//! Securities ... in connection with a ... recapitalization, merger,
//! consolidation or other reorganization"). Figures worked by hand from the
//! test book of `common::book()`.

mod common;
use actions::{CorporateAction, Instrument, ReferenceProperty, ReorganizationKind};
use common::*;

fn prop(per: &str, security: &str) -> ReferenceProperty {
    ReferenceProperty {
        description: String::new(),
        security: security.into(),
        per_share: units::parse_decimal(per).expect("decimal"),
    }
}

fn reorg(kind: ReorganizationKind, property: Vec<ReferenceProperty>) -> CorporateAction {
    CorporateAction::Reorganization {
        kind,
        company_survives: false,
        reference_property: property,
        prior_holders_voting_percent: None,
    }
}

#[test]
fn a_merger_turns_registrable_common_into_the_acquirers_shares() {
    let mut a = rra();
    let b = book();
    // One share of CTC common becomes 0.5 acquirer common + $3.00 cash.
    let out = a
        .on_action(
            &reorg(
                ReorganizationKind::Merger,
                vec![prop("0.5", "acq-common"), prop("3.00", "cash")],
            ),
            &b.on("2001-05-01"),
        )
        .expect("merger accepted");
    assert_eq!(out.computations.len(), 1);
    let v = b.on("2001-05-02");
    // pep: 150,000 registrable common × 0.5 = 75,000 acq-common; the
    // $450,000 cash (150,000 × $3.00) is not a security and leaves the count.
    let pep = a.registrable_of(&v, &"pep".into());
    assert_eq!(pep.common, sh(0));
    assert_eq!(pep.other.get("acq-common"), Some(&sh(75_000)));
    // 75,000 ≤ the 1% limb (1% × 10,000,000 = 100,000) after the holding
    // year, but the volume of acq-common is not in the book: not ceased.
    assert!(pep.ceased.is_none());
    assert_eq!(pep.registrable, sh(75_000));
    // bain: 5,000,000 shares issuable on conversion (the preferred still
    // counts in shares of common), each now 0.5 acq-common = 2,500,000.
    let bain = a.registrable_of(&v, &"bain".into());
    assert_eq!(bain.issuable, sh(2_500_000));
    assert_eq!(bain.issuable_as.get("acq-common"), Some(&sh(2_500_000)));
    // Outstanding: 2,500,000 (bain) + 1,500,000 (thl 3,000,000 × 0.5)
    // + 750,000 (csfb 1,500,000 × 0.5) + 75,000 (pep) = 4,825,000.
    assert_eq!(a.registrable_outstanding(&v), sh(4_825_000));

    // An exempt public distribution of 25,000 comes out of the acq-common
    // (pep has no registrable common left): 75,000 − 25,000 = 50,000.
    ok(&mut a, &b, "2001-05-03 exempt-distribution rra pep 25000\n");
    let pep = a.registrable_of(&b.on("2001-05-04"), &"pep".into());
    assert_eq!(pep.other.get("acq-common"), Some(&sh(50_000)));
    // More than it holds outright (50,000) is refused; nothing changes.
    refused(
        &mut a,
        &b,
        "2001-05-04 exempt-distribution rra pep 50001\n",
        "R0528",
    );
    // All 50,000 (fewer than 200,000 but all pep holds) pass with the
    // rights to a buyer who signs on (RRA §10(c)); no ledger effect, the
    // acq-common is not a position of this book.
    let out = ok(
        &mut a,
        &b,
        "2001-05-05 transfer-registrable rra pep buyer 50000\n  security: acq-common\n  kind: sale\n  joinder: yes\n",
    );
    assert!(out.effects.is_empty());
    let v = b.on("2001-05-06");
    assert_eq!(
        a.registrable_of(&v, &"buyer".into())
            .other
            .get("acq-common"),
        Some(&sh(50_000))
    );
    assert!(a.registrable_of(&v, &"pep".into()).other.is_empty());
}

#[test]
fn a_recapitalization_into_common_and_new_preferred() {
    let mut a = rra();
    let b = book();
    // Each share of common becomes 1 common + 0.1 new preferred (company
    // survives).
    a.on_action(
        &reorg(
            ReorganizationKind::Reclassification,
            vec![prop("1", "common"), prop("0.1", "new-pref")],
        ),
        &b.on("2001-05-01"),
    )
    .expect("accepted");
    let v = b.on("2001-05-02");
    // pep: 150,000 common stays (150,000 × 1) + 150,000 × 0.1 = 15,000
    // new-pref: 165,000 Registrable Securities.
    let pep = a.registrable_of(&v, &"pep".into());
    assert_eq!(pep.common, sh(150_000));
    assert_eq!(pep.other.get("new-pref"), Some(&sh(15_000)));
    assert_eq!(pep.registrable, sh(165_000));
    // thl: 3,000,000 issuable × (1 common + 0.1 new-pref) = 3,000,000
    // + 300,000 = 3,300,000.
    let thl = a.registrable_of(&v, &"thl".into());
    assert_eq!(thl.issuable, sh(3_300_000));
    assert_eq!(thl.issuable_as.get("common"), Some(&sh(3_000_000)));
    assert_eq!(thl.issuable_as.get("new-pref"), Some(&sh(300_000)));

    // A later merger composes: the common part of the unit becomes 0.5
    // acq-common, the new-pref stays: thl 3,000,000 × 0.5 = 1,500,000
    // acq-common + 300,000 new-pref = 1,800,000.
    a.on_action(
        &reorg(ReorganizationKind::Merger, vec![prop("0.5", "acq-common")]),
        &v,
    )
    .expect("accepted");
    let thl = a.registrable_of(&b.on("2001-05-03"), &"thl".into());
    assert_eq!(thl.issuable_as.get("acq-common"), Some(&sh(1_500_000)));
    assert_eq!(thl.issuable_as.get("new-pref"), Some(&sh(300_000)));
    assert_eq!(thl.issuable, sh(1_800_000));
    // pep: 150,000 common × 0.5 = 75,000 acq-common, plus its 15,000
    // new-pref.
    let pep = a.registrable_of(&b.on("2001-05-03"), &"pep".into());
    assert_eq!(pep.other.get("acq-common"), Some(&sh(75_000)));
    assert_eq!(pep.other.get("new-pref"), Some(&sh(15_000)));
    assert_eq!(pep.registrable, sh(90_000));
}

#[test]
fn a_reclassification_of_common_into_common_is_a_proportion() {
    let mut a = rra();
    let b = book();
    // 1 share becomes 3 shares of common: pep's 150,000 → 450,000 (the
    // ledger scales the position as for a split).
    a.on_action(
        &reorg(
            ReorganizationKind::Reclassification,
            vec![prop("3", "common")],
        ),
        &b.on("2001-03-01"),
    )
    .expect("accepted");
    assert!(a.unit.is_none());
    let after = b.clone().pos("pep", "common", 450_000);
    assert_eq!(
        a.registrable_of(&after.on("2001-03-02"), &"pep".into())
            .common,
        sh(450_000)
    );
}

#[test]
fn bad_reference_property_is_refused_and_changes_nothing() {
    let mut a = rra();
    let b = book();
    let before = serde_json::to_string(&a).unwrap();
    let r = a
        .on_action(
            &reorg(ReorganizationKind::Merger, vec![prop("-1", "acq-common")]),
            &b.on("2001-05-01"),
        )
        .unwrap_err();
    assert_eq!(r.code, "R0538");
    assert_eq!(r.clause.to_string(), "RRA §1");
    let r = a
        .on_action(
            &reorg(
                ReorganizationKind::Reclassification,
                vec![prop("0", "common")],
            ),
            &b.on("2001-05-01"),
        )
        .unwrap_err();
    assert_eq!(r.code, "R0538");
    assert_eq!(before, serde_json::to_string(&a).unwrap());
    // A sale of assets and a reorganization with no property leave the
    // Registrable Securities unchanged.
    a.on_action(
        &reorg(ReorganizationKind::AssetSale, vec![prop("1", "x")]),
        &b.on("2001-05-01"),
    )
    .unwrap();
    a.on_action(
        &reorg(ReorganizationKind::Merger, vec![]),
        &b.on("2001-05-01"),
    )
    .unwrap();
    assert_eq!(before, serde_json::to_string(&a).unwrap());
}
