//! The core commands run as a user runs them: the built binary on the
//! example book and on small journals written for each test.

use std::path::PathBuf;
use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_stockbook"))
}

fn example() -> String {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/ctc/book.journal");
    root.to_string_lossy().into_owned()
}

/// A fresh directory for one test's files.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("stockbook-core-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn run(args: &[&str]) -> (i32, String, String) {
    let out = bin().args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_example_book_checks_clean() {
    let (code, out, err) = run(&["-f", &example(), "check"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("0 error(s)"), "{out}");
}

#[test]
fn report_shows_capitalization_as_of_a_date() {
    let (code, out, err) = run(&["-f", &example(), "report", "--as-of", "2001-05-11"]);
    assert_eq!(code, 0, "{err}");
    // Public record: 26,737,184 common shares outstanding on 2001-05-11.
    assert!(out.contains("26,737,184"), "{out}");
    assert!(out.contains("as of 2001-05-11"), "{out}");
}

#[test]
fn report_json_has_the_documented_fields() {
    let (code, out, err) = run(&[
        "-f",
        &example(),
        "report",
        "--as-of",
        "2002-05-10",
        "--json",
    ]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["as_of"], "2002-05-10");
    let common = v["securities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "common")
        .unwrap();
    // Warrant of 2002-05-01 §4(i): 27,206,681 outstanding; 100,000,000 authorized.
    assert_eq!(common["outstanding"], "27206681");
    assert_eq!(common["authorized"], "100000000");
    assert!(v["instruments"]
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i["id"] == "series-b"));
}

const SMALL: &str = "\
option company \"Small Co\"
2000-01-01 security common \"Common\"
  class: common
2000-01-01 holder alice
2000-01-02 issue common alice 100
";

#[test]
fn check_reports_every_error_with_file_line_column_and_exits_1() {
    let dir = scratch("errors");
    let path = dir.join("book.journal");
    let text = format!("{SMALL}2000-01-03 transfer common alice bobb 5\n2000-01-03 issue common alice 1.2.3\n2000-02-30 issue common alice 1\n");
    std::fs::write(&path, &text).unwrap();
    let (code, out, _) = run(&["-f", path.to_str().unwrap(), "check"]);
    assert_eq!(code, 1, "{out}");
    // Three problems, each at its line and column. Line 6 is
    // `2000-01-03 transfer common alice bobb 5`: the date is columns 1–10,
    // `transfer` 12–19, `common` 21–26, `alice` 28–32, so `bobb` starts at 34.
    assert!(
        out.contains("book.journal:6:34"),
        "unknown holder `bobb`:\n{out}"
    );
    // Line 7 `2000-01-03 issue common alice 1.2.3`: `issue` 12–16,
    // `common` 18–23, `alice` 25–29, so the number starts at 31.
    assert!(
        out.contains("book.journal:7:31"),
        "malformed number:\n{out}"
    );
    assert!(
        out.contains("book.journal:8:1"),
        "not a calendar date:\n{out}"
    );
    assert!(out.contains("3 error(s)"), "{out}");
    // The journal is never modified by a command.
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn check_json_lists_rejections_with_clause() {
    let dir = scratch("reject");
    let path = dir.join("book.journal");
    std::fs::write(
        &path,
        format!("{SMALL}2000-01-03 holder bob\n2000-01-04 transfer common bob alice 1\n"),
    )
    .unwrap();
    let (code, out, _) = run(&["-f", path.to_str().unwrap(), "check", "--json"]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["errors"], 1);
    let d = &v["diagnostics"][0];
    assert_eq!(d["code"], "R0102");
    assert_eq!(d["line"], 7);
}

#[test]
fn what_if_never_writes_the_journal() {
    let dir = scratch("whatif");
    let path = dir.join("book.journal");
    std::fs::write(&path, SMALL).unwrap();
    let before = std::fs::read(&path).unwrap();
    let (code, out, err) = run(&[
        "-f",
        path.to_str().unwrap(),
        "what-if",
        "2000-01-05 issue common alice 50",
        "--as-of",
        "2000-01-05",
        "--json",
    ]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    // A hypothetical that breaks the terms is reported, and still not written.
    let (code, out, _) = run(&[
        "-f",
        path.to_str().unwrap(),
        "what-if",
        "2000-01-05 cancel common alice 101",
        "--as-of",
        "2000-01-05",
    ]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("R0103"), "{out}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn holder_shows_positions_and_unknown_holders_get_a_suggestion() {
    let (code, out, err) = run(&[
        "-f",
        &example(),
        "holder",
        "bain-vi",
        "--as-of",
        "2002-05-10",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("series-b"), "{out}");
    let (code, _, err) = run(&["-f", &example(), "holder", "bain-v1"]);
    assert_eq!(code, 2);
    assert!(err.contains("did you mean `bain-vi`?"), "{err}");
}

#[test]
fn a_missing_book_is_a_clear_error() {
    let (code, _, err) = run(&["-f", "/nonexistent/book.journal", "report"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("cannot read `/nonexistent/book.journal`"),
        "{err}"
    );
}

#[test]
fn a_reader_closing_the_pipe_is_not_a_panic() {
    use std::io::Read;
    use std::process::Stdio;
    // A report far larger than a pipe's buffer (64 KiB), so the writer
    // really meets the closed pipe: 3,000 holders of record.
    let dir = scratch("pipe");
    let path = dir.join("book.journal");
    let mut text = String::from("2000-01-01 security common\n  class: common\n");
    for i in 0..3000 {
        text.push_str(&format!("2000-01-01 holder holder-with-a-long-id-{i}\n2000-01-02 issue common holder-with-a-long-id-{i} 1000\n"));
    }
    std::fs::write(&path, text).unwrap();
    let mut child = bin()
        .args(["-f", path.to_str().unwrap(), "report"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read a few bytes, then close our end, as `| head -c 10` would.
    let mut out = child.stdout.take().unwrap();
    let mut buf = [0u8; 10];
    let _ = out.read(&mut buf);
    drop(out);
    let status = child.wait().unwrap();
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert!(!err.contains("panicked"), "{err}");
    assert!(status.code() == Some(0), "{status:?} {err}");
}

#[test]
fn explain_shows_current_figures_and_matches_inside_schedules() {
    // "accreted" appears in the Dividend Period schedules' formulas.
    let (code, out, err) = run(&[
        "-f",
        &example(),
        "explain",
        "accreted",
        "--as-of",
        "2000-10-02",
    ]);
    assert_eq!(code, 0, "{err}");
    // First period: 1,000 × (1 + 0.0825 × 81/360) = 1,018.5625 (CoD §4.2),
    // grouped in thousands as every figure a person reads.
    assert!(out.contains("1,018.5625"), "{out}");
    let (_, out, _) = run(&[
        "-f",
        &example(),
        "explain",
        "warrant price",
        "--instrument",
        "cisco-2002",
        "--json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["current"][0]["computed"]["name"], "Warrant Price");
    assert_eq!(v["current"][0]["computed"]["value"], "2.408");
}

#[test]
fn what_if_shows_only_the_computations_the_lines_caused() {
    let (code, out, err) = run(&[
        "-f",
        &example(),
        "what-if",
        "2002-06-03 convert series-b bain-vi 100",
        "--as-of",
        "2002-06-03",
        "--json",
    ]);
    assert_eq!(code, 0, "{out}{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let names: Vec<String> = v["computations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["computed"]["name"].as_str().unwrap_or("").to_string())
        .collect();
    // The conversion's own schedule is there, and only it; none of the
    // book's eight earlier Dividend Period accretions (2000-06-30 …
    // 2002-04-01) is.
    assert_eq!(names, ["common shares on conversion (bain-vi)"], "{v}");
    // Accreted Value on 2002-06-03: 1,000 × (1 + 8.25% × 81/360) for the
    // stub to 2000-06-30 = 1,018.5625; × 1.020625^7 for the seven full
    // periods to 2002-03-31; × (1 + 8.25% × 64/360) for 2002-03-31 …
    // 2002-06-03 = 1,192.2696554612…; ÷ the $50 divisor = §8.1 ratio
    // 23.845393109224…; × the §8.10 factor of the February 2002 Cisco
    // warrant's adjustment (23.6223 ÷ 23.331860…, = 1.012448214064…)
    // = Conversion Ratio 24.142225667092…; × 100 shares = 2,414.2225…,
    // 2,414 whole shares.
    let computed = &v["computations"][0]["computed"];
    assert!(
        computed["value"]
            .as_str()
            .unwrap()
            .starts_with("2414.2225667091"),
        "{computed}"
    );
    let whole = computed["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i[0] == "whole shares issued by this line")
        .map(|i| i[1].clone());
    assert_eq!(whole, Some(serde_json::json!("2414")), "{computed}");
    assert!(
        names.iter().all(|n| !n.starts_with("Dividend Period")),
        "{names:?}"
    );
}
