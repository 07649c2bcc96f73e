//! docs/cli.md "Exact figures": wherever a JSON figure does not terminate
//! (its display ends with `…`), the object also carries `<key>_exact`, the
//! fraction (for a computation: `exact` beside `value`, `inputs_exact[name]`
//! beside an input). Checked on the example book's JSON as a user gets it.

use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;
use units::Exact;
use views::adapter::parse_exact;

fn example() -> String {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/ctc/book.journal");
    root.to_string_lossy().into_owned()
}

fn json(args: &[&str]) -> Value {
    let book = example();
    let mut all = vec!["-f", book.as_str(), "--json"];
    all.extend_from_slice(args);
    let out = Command::new(env!("CARGO_BIN_EXE_stockbook"))
        .args(&all)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The display of `fraction` as `Exact::display` writes it (12 places, half
/// even, `…`), so the exact form is checked to be the figure shown.
fn shown(fraction: &str) -> String {
    parse_exact(fraction)
        .unwrap_or_else(|| panic!("`{fraction}` is not a fraction"))
        .display()
}

/// Every `…` figure under `v` without its exact form, as `path: figure`;
/// every exact form that is not the figure it stands beside.
fn walk(v: &Value, path: &str, missing: &mut Vec<String>, checked: &mut usize) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                let here = format!("{path}.{k}");
                if k == "inputs" && x.is_array() {
                    // A computation's (or a §8.10.6 notice's) inputs:
                    // [name, value] pairs, exact forms by name.
                    for pair in x.as_array().into_iter().flatten() {
                        let (Some(name), Some(val)) = (pair[0].as_str(), pair[1].as_str()) else {
                            continue;
                        };
                        if !val.ends_with('…') {
                            continue;
                        }
                        match m.get("inputs_exact").and_then(|e| e.get(name)) {
                            Some(Value::String(f)) => {
                                assert_eq!(shown(f), val, "{here}[{name}]");
                                *checked += 1;
                            }
                            _ => missing.push(format!("{here}[{name}]: {val}")),
                        }
                    }
                    continue;
                }
                if let Value::String(s) = x {
                    if s.ends_with('…') {
                        let sibling = if k == "value" && m.contains_key("formula") {
                            "exact".to_string()
                        } else {
                            format!("{k}_exact")
                        };
                        match m.get(&sibling) {
                            Some(Value::String(f)) => {
                                assert_eq!(shown(f), *s, "{here}");
                                *checked += 1;
                            }
                            _ => missing.push(format!("{here}: {s}")),
                        }
                    }
                }
                walk(x, &here, missing, checked);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                if let Value::String(s) = x {
                    if s.ends_with('…') && !path.ends_with(".inputs") {
                        missing.push(format!("{path}[{i}]: {s} (no key for an exact form)"));
                    }
                }
                walk(x, &format!("{path}[{i}]"), missing, checked);
            }
        }
        _ => {}
    }
}

#[test]
fn every_non_terminating_figure_carries_its_exact_form() {
    for args in [
        &["report"][..],
        &["captable"][..],
        &["waterfall", "--proceeds", "250000000"][..],
        &["instrument", "series-b"][..],
        // The Series B's own commands show the same figures.
        &["accretion", "series-b"][..],
        &["adjustments"][..],
        &["votes", "series-b"][..],
        &["convert", "series-b", "thl-iv", "1000"][..],
        &["liquidate", "series-b", "--amount", "100000000"][..],
        &["change-of-control", "series-b"][..],
        &["redeem", "series-b", "--kind", "optional"][..],
        // A scenario's figures and its diff (`before_exact`, `after_exact`).
        &[
            "scenario",
            "2002-06-01 issue-common public 5000000\n  price: 1.50",
            "--proceeds",
            "250000000",
        ][..],
    ] {
        let v = json(args);
        let (mut missing, mut checked) = (Vec::new(), 0);
        walk(&v, "", &mut missing, &mut checked);
        assert!(
            missing.is_empty(),
            "{args:?}: {} figure(s) end with `…` and carry no exact form:\n{}",
            missing.len(),
            missing.join("\n")
        );
        // The example book's Series B figures do not terminate (its
        // Liquidation Preference compounds 2.0625% a quarter), so every
        // command has some: the walk is not vacuous.
        assert!(checked > 0, "{args:?}: no non-terminating figure found");
    }
}

#[test]
fn the_series_b_exact_forms_satisfy_section_8_1() {
    // CoD §8.1: Conversion Price = Liquidation Preference / Conversion
    // Ratio, so exactly Conversion Price × Conversion Ratio = Liquidation
    // Preference. With the 12-place displays the product misses (the
    // 49.385241936762… × 24.011362748725… of the example differ from the
    // exact quotients in the 13th place); with the fractions it holds.
    let s = json(&["instrument", "series-b"]);
    let f = |k: &str| -> Exact {
        let key = format!("{k}_exact");
        parse_exact(
            s[key.as_str()]
                .as_str()
                .unwrap_or_else(|| panic!("no {key}: {s}")),
        )
        .unwrap()
    };
    let lp = f("liquidation_preference");
    let ratio = f("conversion_ratio");
    let price = f("conversion_price");
    assert_eq!(price.mul(&ratio), lp);
    // The status's accrued dividends are the Liquidation Preference less the
    // Accreted Value (CoD §2: Accreted Value plus accrued and unpaid
    // dividends).
    assert_eq!(f("accreted_value").add(&f("accrued_dividends")), lp);
}
