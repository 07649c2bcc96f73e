//! §8.10.6 notices compared with the golden files in
//! tests/golden/adjustment-notices/ (text and JSON). The tests only
//! compare: no environment variable turns a difference into a pass.
//! Regenerate the files on purpose with
//! `cargo test -p preferred --test adjustment_golden -- --ignored regenerate_golden_files`,
//! then review the diff: the figures in them are the hand-worked ones of
//! adjustment_formulas.rs, and the comparing tests must pass afterwards.

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

/// Compares `actual` with the golden file `name`; never writes it.
fn compare(name: &str, actual: &str) -> Result<(), String> {
    let path = golden_dir().join(name);
    let expected = std::fs::read_to_string(&path).map_err(|e| {
        format!(
            "{}: {e} (create it with the ignored test regenerate_golden_files)",
            path.display()
        )
    })?;
    if actual == expected {
        Ok(())
    } else {
        Err(format!(
            "{name} differs from its golden file (if the change is intended, run the ignored test regenerate_golden_files and review the diff)\n--- golden\n{expected}\n--- actual\n{actual}"
        ))
    }
}

/// The notice of `action` on `date`, as text and as pretty JSON.
fn render(action: &CorporateAction, date: &str) -> (String, String) {
    let mut chain = AdjustmentChain::default();
    run(&mut chain, &cod_anti_dilution(), action, &Fake::on(date)).unwrap();
    let n = chain.notices().last().expect("a notice");
    let json = serde_json::to_string_pretty(&n.to_json()).unwrap() + "\n";
    (n.render_text(), json)
}

fn notice_for(name: &str, action: CorporateAction, date: &str) {
    let (text, json) = render(&action, date);
    for (file, actual) in [
        (format!("{name}.txt"), text),
        (format!("{name}.json"), json),
    ] {
        if let Err(m) = compare(&file, &actual) {
            panic!("{m}");
        }
    }
}

/// Every golden case: file stem, action, date. The comparing tests below
/// and the regenerating one read the same list.
fn cases() -> Vec<(&'static str, CorporateAction, &'static str)> {
    vec![
        // Ratio 20 → 20.3704 (fraction 55/54), see adjustment_formulas.rs.
        (
            "8.10.3-common-below-price",
            issue_common(100_000, cash(4_000_000), Purpose::Financing),
            "2001-06-01",
        ),
        // Ratio 20 → 21.3523 (fraction 300/281).
        (
            "8.10.2-warrants-below-price",
            issue_rights("w-2001", 200_000, "30", cash(200_000), Purpose::Financing),
            "2001-06-01",
        ),
        // Ratio 20 → 20.5128 (fraction 40/39).
        (
            "8.10.4-repurchase-above-cmv",
            CorporateAction::Repurchase {
                shares: Shares::from_int(100_000),
                price_per_share: Price::from_int(50),
                holder: HolderId::new("seller"),
                employee_plan: false,
            },
            "2001-06-01",
        ),
        // Ratio 20 → 22 from the day after the record date 2001-06-15.
        (
            "8.10.1-stock-dividend",
            subdivision(SubdivisionKind::StockDividend, 11, 10, Some("2001-06-15")),
            "2001-06-01",
        ),
        // Computed 20.0397 (0.1984%): not made.
        (
            "8.10.5-below-threshold",
            issue_common(10_000, cash(400_000), Purpose::Financing),
            "2001-06-01",
        ),
    ]
}

fn case(name: &str) {
    let (stem, action, date) = cases()
        .into_iter()
        .find(|(stem, _, _)| *stem == name)
        .expect("a golden case of that name");
    notice_for(stem, action, date);
}

/// Writes every golden file from the current code. Ignored: run it only on
/// purpose (command in the module comment), then review the diff.
#[test]
#[ignore = "writes the golden files; run on purpose and review the diff"]
fn regenerate_golden_files() {
    std::fs::create_dir_all(golden_dir()).unwrap();
    for (stem, action, date) in cases() {
        let (text, json) = render(&action, date);
        std::fs::write(golden_dir().join(format!("{stem}.txt")), text).unwrap();
        std::fs::write(golden_dir().join(format!("{stem}.json")), json).unwrap();
    }
}

/// A difference is reported even with `UPDATE_GOLDEN=1` set, the variable
/// that once made every comparison pass by overwriting the golden file.
#[test]
fn a_difference_fails_whatever_the_environment() {
    std::env::set_var("UPDATE_GOLDEN", "1");
    let path = golden_dir().join("8.10.1-stock-dividend.txt");
    let before = std::fs::read_to_string(&path).unwrap();
    let result = compare("8.10.1-stock-dividend.txt", "not the notice\n");
    assert!(result.is_err(), "a wrong notice compared equal");
    // And the golden file is left as it was.
    assert_eq!(std::fs::read_to_string(&path).unwrap(), before);
}

#[test]
fn common_stock_below_price() {
    case("8.10.3-common-below-price");
}

#[test]
fn rights_below_price() {
    case("8.10.2-warrants-below-price");
}

#[test]
fn repurchase_above_market() {
    case("8.10.4-repurchase-above-cmv");
}

#[test]
fn stock_dividend() {
    case("8.10.1-stock-dividend");
}

#[test]
fn below_threshold() {
    case("8.10.5-below-threshold");
}
