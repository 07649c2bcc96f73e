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
