//! The commands named in the issues (`exercise`, `grant`, `registration`,
//! `cutback`, `deadlines`) print exactly what their long forms print.

use std::path::PathBuf;
use std::process::Command;

fn out(args: &[&str]) -> (i32, String) {
    let book = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/ctc/book.journal");
    let o = Command::new(env!("CARGO_BIN_EXE_stockbook"))
        .arg("-f")
        .arg(&book)
        .args(args)
        .output()
        .unwrap();
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
    )
}

#[test]
fn exercise_is_warrant_with_exercise() {
    let a = out(&[
        "exercise",
        "cisco-2002",
        "100000",
        "--as-of",
        "2003-06-10",
        "--json",
    ]);
    let b = out(&[
        "warrant",
        "cisco-2002",
        "--exercise",
        "100000",
        "--as-of",
        "2003-06-10",
        "--json",
    ]);
    assert_eq!(a, b);
    assert_eq!(a.0, 0);
    let v: serde_json::Value = serde_json::from_str(&a.1).unwrap();
    assert_eq!(v["warrant_shares_exercised"], "100000", "{v}");
    assert_eq!(v["warrant_price"], "2.408", "{v}");
    // 100,000 × $2.408 = $240,800.00 (Warrant §2.1).
    assert_eq!(v["aggregate_price"], "240800.00", "{v}");
    // 272,067 held before − 100,000 exercised = 172,067 left.
    assert_eq!(v["held_before"], "272067", "{v}");
    assert_eq!(v["remaining"], "172067", "{v}");
}

#[test]
fn grant_is_plan_grant() {
    let args = [
        "public",
        "iso",
        "2000000",
        "--status",
        "employee",
        "--meta",
        "exercise-price: 10",
        "--as-of",
        "2002-05-10",
    ];
    let mut a_args = vec!["grant", "plan-1998", "g1"];
    a_args.extend_from_slice(&args);
    let mut b_args = vec!["plan", "plan-1998", "grant", "g1"];
    b_args.extend_from_slice(&args);
    let (a, b) = (out(&a_args), out(&b_args));
    assert_eq!(a, b);
    // 2,000,000 options to one person in a calendar year exceed the
    // 1,000,000 limit of Plan §4.c.
    assert!(a.1.contains("R0403"), "{}", a.1);
}

#[test]
fn registration_cutback_and_deadlines_are_rights_queries() {
    assert_eq!(out(&["registration", "rra"]), out(&["rights", "rra"]));
    assert_eq!(
        out(&["deadlines", "rra", "--ics"]),
        out(&["rights", "rra", "deadlines", "--ics"])
    );
    let (code, ics) = out(&["deadlines", "rra", "--ics"]);
    assert_eq!(code, 0);
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"), "{ics}");
}
