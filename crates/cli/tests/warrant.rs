//! The `warrant` command over the CTC example book: status, the exercise
//! what-if, and a rejection after the Term.

use std::process::Command;

fn book() -> String {
    format!(
        "{}/../../examples/ctc/book.journal",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn run(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_stockbook"))
        .arg("-f")
        .arg(book())
        .args(args)
        .output()
        .expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn status_shows_the_cover_page() {
    let (code, out) = run(&["--as-of", "2003-01-02", "--json", "warrant", "cisco-2002"]);
    assert_eq!(code, 0, "{out}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    // §1: seven years from 2002-05-01.
    assert_eq!(v["expiration_date"], "2009-05-01");
    assert_eq!(v["warrant_price"], "2.408");
    assert_eq!(v["holders"][0]["holder"], "cisco-capital");
    assert_eq!(v["holders"][0]["shares"], "272067");
}

#[test]
fn exercise_what_if_quotes_the_payment() {
    let (code, out) = run(&[
        "--as-of",
        "2003-01-02",
        "--json",
        "warrant",
        "cisco-2002",
        "--exercise",
        "100000",
    ]);
    assert_eq!(code, 0, "{out}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    // 100,000 × $2.408 = $240,800.00; new Warrant for 172,067.
    assert_eq!(v["aggregate_price"], "240800.00");
    assert_eq!(v["remaining"], "172067");
}

#[test]
fn exercise_after_the_term_is_rejected() {
    let (code, out) = run(&[
        "--as-of",
        "2009-05-02",
        "warrant",
        "cisco-2002",
        "--exercise",
        "10",
    ]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("R0302"), "{out}");
}
