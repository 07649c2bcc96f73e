//! The `rights` command over the CTC example book.

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
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr),
    )
}

#[test]
fn demands_before_and_after_the_first_anniversary() {
    // RRA §2(a)(i): demands only after 2001-04-10 (Closing 2000-04-10).
    let (code, out) = run(&["--as-of", "2001-01-02", "rights", "rra", "demands"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("used 0 of 3"), "{out}");
    assert!(out.contains("next demand allowed: 2001-04-11"), "{out}");
    // The S-8 of the example book is listed and carries no piggyback.
    let (_, out) = run(&["--as-of", "2001-06-01", "rights", "rra", "demands"]);
    assert!(out.contains("S8-2001"), "{out}");
}

#[test]
fn deadlines_as_icalendar() {
    let (code, out) = run(&[
        "--as-of",
        "2001-06-01",
        "rights",
        "rra",
        "deadlines",
        "--ics",
    ]);
    assert_eq!(code, 0, "{out}");
    assert!(out.starts_with("BEGIN:VCALENDAR\r\n"), "{out}");
    // RRA §9(b): the 10-Q for the quarter ended 2001-06-30, due 45 days later.
    assert!(out.contains("DTSTART;VALUE=DATE:20010814"), "{out}");
}

#[test]
fn json_and_errors() {
    let (code, out) = run(&[
        "--json",
        "--as-of",
        "2001-06-01",
        "rights",
        "rra",
        "demands",
    ]);
    assert_eq!(code, 0, "{out}");
    let v: serde_json::Value = serde_json::from_str(out.trim()).expect("json");
    assert_eq!(v["left"], 3);
    let (code, out) = run(&["rights", "series-b", "demands"]);
    assert_ne!(code, 0);
    assert!(out.contains("not a registration rights agreement"), "{out}");
}

/// A small book: 20,000 Series B held by bain and 10,000 by thl from the
/// Closing (2000-04-10, CTC's term files), 1,000,000 common held by `pub`
/// (Rule 144 limit 1% = 10,000, below both holders' Registrable
/// Securities), then `extra` journal lines.
fn small_book(name: &str, extra: &str) -> String {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let dir = std::env::temp_dir().join(format!("stockbook-rights-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let book = format!(
        r#"option company "Test Co"
option common common
2000-03-01 holder bain "Bain"
2000-03-01 holder thl "THL"
2000-03-01 holder pub "Public"
2000-03-01 security common "Common Stock"
  class: common
  authorized: 100,000,000
2000-03-01 security series-b "Series B"
  class: preferred
2000-03-22 instrument series-b convertible-preferred "Series B"
  terms: {}
  security: series-b
  closing-date: 2000-04-10
  closing-shares: 30,000
2000-03-22 instrument rra registration-rights "RRA"
  terms: {}
  closing-date: 2000-04-10
2000-03-22 issue common pub 1,000,000
2000-04-10 issue series-b bain 20,000
  price: 1000.00
2000-04-10 issue series-b thl 10,000
  price: 1000.00
{extra}
"#,
        root.join("examples/ctc/terms/series-b.toml").display(),
        root.join("examples/ctc/terms/series-b-rra.toml").display(),
    );
    let path = dir.join("book.journal");
    std::fs::write(&path, book).unwrap();
    path.to_string_lossy().into_owned()
}

fn run_on(path: &str, args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_stockbook"))
        .arg("-f")
        .arg(path)
        .args(args)
        .output()
        .expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr),
    )
}

#[test]
fn cutback_of_a_demand_with_a_remainder() {
    let path = small_book(
        "cutback",
        "2001-05-01 demand-registration rra D1
  holder: bain 100,001
2001-05-02 registration-notice rra D1
2001-05-10 join-registration rra D1 thl 49999",
    );
    let (code, out) = run_on(&path, &["check"]);
    assert_eq!(code, 0, "{out}");
    // RRA §5(a)(i), underwriter 120,000 over 150,000 requested:
    // bain 120,000 × 100,001 / 150,000 = 80,000.8 → 80,000
    // thl  120,000 ×  49,999 / 150,000 = 39,999.2 → 39,999
    // whole parts 119,999; the 1 left to the larger remainder (bain).
    let (code, out) = run_on(
        &path,
        &[
            "--json",
            "--as-of",
            "2001-05-20",
            "cutback",
            "rra",
            "D1",
            "120000",
        ],
    );
    assert_eq!(code, 0, "{out}");
    let v: serde_json::Value = serde_json::from_str(out.trim()).expect("json");
    assert_eq!(v["clause"]["document"], "RRA");
    assert_eq!(v["clause"]["section"], "5(a)(i)");
    assert_eq!(v["included_total"], "120000");
    let included = |id: &str| {
        v["lines"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["id"] == id)
            .map(|l| l["included"].as_str().unwrap_or("").to_string())
    };
    assert_eq!(included("bain").as_deref(), Some("80001"));
    assert_eq!(included("thl").as_deref(), Some("39999"));
    // Both demanding holders are the first tier included: `tier` counts
    // from 1 in JSON as in the text ("Tier 1 cut pro rata").
    for l in v["lines"].as_array().unwrap() {
        assert_eq!(l["tier"], 1, "{l}");
    }
    // Text, and a fractional number refused with its code.
    let (code, text) = run_on(
        &path,
        &["--as-of", "2001-05-20", "cutback", "rra", "D1", "120000"],
    );
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("80001") || text.contains("80,001"), "{text}");
    let (code, text) = run_on(
        &path,
        &["--as-of", "2001-05-20", "cutback", "rra", "D1", "1.5"],
    );
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("rejected [R0532]"), "{text}");
}

#[test]
fn a_refused_demand_is_reported_with_its_clause_and_changes_nothing() {
    // On the first anniversary itself (2001-04-10) a demand is too early
    // (RRA §2(a)(i): "after the first anniversary").
    let path = small_book(
        "early",
        "2001-04-10 demand-registration rra D1
  holder: bain 100,001",
    );
    let (code, out) = run_on(&path, &["check"]);
    assert_ne!(code, 0, "{out}");
    assert!(out.contains("R0504"), "{out}");
    assert!(out.contains("2(a)(i)"), "{out}");
    // Nothing was recorded: no registration, the next demand allowed the
    // day after the anniversary.
    let (code, out) = run_on(
        &path,
        &[
            "--json",
            "--as-of",
            "2001-04-10",
            "rights",
            "rra",
            "demands",
        ],
    );
    // The book has a rejection: exit 1, the JSON on stdout (its one line),
    // the footer naming the rejection on stderr (after it here).
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("R0504"), "{out}");
    let v: serde_json::Value =
        serde_json::from_str(out.lines().next().unwrap_or("")).expect("json");
    assert_eq!(
        v["registrations"].as_array().map(|a| a.len()),
        Some(0),
        "{out}"
    );
    assert_eq!(v["next_allowed"], "2001-04-11");
}
