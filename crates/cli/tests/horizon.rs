//! Replay time and the horizon (issue "Fidelity and trust" A13): scheduled
//! work is found by date arithmetic and a date past the horizon is refused
//! at once with a message, never computed for hours.

use std::process::Command;
use std::time::{Duration, Instant};

fn example() -> String {
    format!(
        "{}/../../examples/ctc/book.journal",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn run(args: &[&str]) -> (i32, String, String, Duration) {
    let start = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_stockbook"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        start.elapsed(),
    )
}

#[test]
fn an_as_of_past_the_horizon_is_refused_with_a_message() {
    // 9999-12-31 ran for ever before; now it is a usage error (exit 2).
    // The example book's last event is 2002-05-10: fifty years after it is
    // 2052-05-10, the last date answered.
    let (code, out, err, _) = run(&["-f", &example(), "report", "--as-of", "9999-12-31"]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("after 2052-05-10"), "{err}");
    assert!(out.is_empty(), "{out}");
    let (code, _, err, _) = run(&["-f", &example(), "check", "--as-of", "2052-05-11"]);
    assert_eq!(code, 2, "{err}");
    let (code, out, err, _) = run(&["-f", &example(), "check", "--as-of", "2052-05-10"]);
    assert_eq!(code, 0, "{out}{err}");
}

#[test]
fn a_journal_event_past_the_horizon_is_named_when_no_as_of_is_given() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.journal");
    std::fs::write(
        &path,
        format!(
            "include \"{}\"\n2300-01-01 issue-common public 1\n  price: 1.00\n",
            example()
        ),
    )
    .unwrap();
    let (code, _, err, _) = run(&["-f", path.to_str().unwrap(), "captable"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("2300-01-01"), "{err}");
    // With an as-of inside the horizon the same book answers.
    let (code, out, err, _) = run(&[
        "-f",
        path.to_str().unwrap(),
        "captable",
        "--as-of",
        "2002-05-10",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("cap table as of 2002-05-10"), "{out}");
}

#[test]
fn a_far_as_of_inside_the_horizon_answers_with_the_same_conversion_ratio_formula() {
    // 2040 on the example book: 160 Dividend Periods of exact accretion.
    // Before the schedule was kept with the series this took ~2 s in a
    // release build (each Liquidation Preference rebuilt every period);
    // the figure itself is checked, the speed is measured by
    // `cargo bench -p engine --bench replay` (docs/performance.md).
    let (code, out, err, _) = run(&[
        "-f",
        &example(),
        "instrument",
        "series-b",
        "--as-of",
        "2040-01-01",
        "--json",
    ]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    // The Accreted Value after the 2039-12-31 Dividend Payment Date (rolled
    // to 2040-01-03, so not yet added on 2040-01-01): the stub 1,018.5625
    // compounded by 1.020625 for each full period 2000-09-30 … 2039-09-30
    // (157 periods): 1,018.5625 × 1.020625^157.
    let av = v["accreted_value"].as_str().unwrap().replace(',', "");
    let expected = {
        // 1,018.5625 × 1.020625^157 to 6 places, by integer arithmetic:
        // (10185625 / 10^4) × (1020625 / 10^6)^157.
        let mut num = num_bigint::BigInt::from(10_185_625u64);
        let mut den = num_bigint::BigInt::from(10_000u64);
        for _ in 0..157 {
            num *= 1_020_625u64;
            den *= 1_000_000u64;
        }
        let scaled = num * num_bigint::BigInt::from(1_000_000u64) / den;
        let s = scaled.to_string();
        let (int, frac) = s.split_at(s.len() - 6);
        format!("{int}.{frac}")
    };
    assert!(
        av.starts_with(&expected[..expected.len() - 1]),
        "accreted value {av}, expected {expected}…"
    );
}
