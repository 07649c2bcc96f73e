//! §8.10.6 notices compared with the golden files in
//! tests/golden/adjustment-notices/ (text and JSON). Regenerate with
//! `UPDATE_GOLDEN=1 cargo test -p preferred --test adjustment_golden`, then
//! review the diff: the figures in them are the hand-worked ones of
//! adjustment_formulas.rs.

#[path = "adjustment_fake.rs"]
mod fake;

use actions::{CorporateAction, Purpose, SubdivisionKind};
use fake::*;
use preferred::adjustment::{AdjustmentChain, AntiDilutionTerms};
use std::path::PathBuf;
use terms::HolderId;
use units::{Price, Shares};

/// The CoD's §8.10 numbers as CTC's term file states them (§8.10.5: 1% and
/// "four decimal points"; §8.10.2(B)/§8.10.3(B): the $200,000,000 basket;
/// §2: ten trading days), with the readings' defaults.
fn cod_anti_dilution() -> AntiDilutionTerms {
    terms::load_terms(
        journal::FileId(0),
        "threshold = \"0.01\"\ndecimal-places = 4\nacquisition-basket = \"200000000\"\ncurrent-market-value-days = 10\n",
    )
    .expect("the CoD's anti-dilution numbers")
}

fn golden_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/golden/adjustment-notices")
}

fn check(name: &str, actual: &str) {
    let path = golden_dir().join(name);
    if std::env::var("UPDATE_GOLDEN").as_deref() == Ok("1") {
        std::fs::create_dir_all(golden_dir()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (run with UPDATE_GOLDEN=1 to create it)",
            path.display()
        )
    });
    assert_eq!(
        actual, expected,
        "{name} differs from its golden file; rerun with UPDATE_GOLDEN=1 if intended"
    );
}

fn notice_for(name: &str, action: CorporateAction, date: &str) {
    let mut chain = AdjustmentChain::default();
    run(&mut chain, &cod_anti_dilution(), &action, &Fake::on(date)).unwrap();
    let n = chain.notices().last().expect("a notice");
    check(&format!("{name}.txt"), &n.render_text());
    let json = serde_json::to_string_pretty(&n.to_json()).unwrap() + "\n";
    check(&format!("{name}.json"), &json);
}

#[test]
fn common_stock_below_price() {
    // Ratio 20 → 20.3704 (fraction 55/54), see adjustment_formulas.rs.
    notice_for(
        "8.10.3-common-below-price",
        issue_common(100_000, cash(4_000_000), Purpose::Financing),
        "2001-06-01",
    );
}

#[test]
fn rights_below_price() {
    // Ratio 20 → 21.3523 (fraction 300/281).
    notice_for(
        "8.10.2-warrants-below-price",
        issue_rights("w-2001", 200_000, "30", cash(200_000), Purpose::Financing),
        "2001-06-01",
    );
}

#[test]
fn repurchase_above_market() {
    // Ratio 20 → 20.5128 (fraction 40/39).
    let a = CorporateAction::Repurchase {
        shares: Shares::from_int(100_000),
        price_per_share: Price::from_int(50),
        holder: HolderId::new("seller"),
        employee_plan: false,
    };
    notice_for("8.10.4-repurchase-above-cmv", a, "2001-06-01");
}

#[test]
fn stock_dividend() {
    // Ratio 20 → 22 from the day after the record date 2001-06-15.
    notice_for(
        "8.10.1-stock-dividend",
        subdivision(SubdivisionKind::StockDividend, 11, 10, Some("2001-06-15")),
        "2001-06-01",
    );
}

#[test]
fn below_threshold() {
    // Computed 20.0397 (0.1984%): not made.
    notice_for(
        "8.10.5-below-threshold",
        issue_common(10_000, cash(400_000), Purpose::Financing),
        "2001-06-01",
    );
}
