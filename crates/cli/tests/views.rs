//! The capitalization views over the CTC example book: `captable`,
//! `waterfall`, `scenario`, `chart`, `export`, each with `--as-of` and
//! `--json`. Figures are from the public record the book cites.

#[path = "common/readme.rs"]
mod readme;
use readme::copy_dir;
use std::process::Command;

fn book() -> String {
    format!(
        "{}/../../examples/ctc/book.journal",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_stockbook"))
        .arg("-f")
        .arg(book())
        .args(args)
        .output()
        .expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn json(args: &[&str]) -> serde_json::Value {
    let (code, out, err) = run(args);
    assert_eq!(code, 0, "{out}{err}");
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"))
}

fn cents(v: &serde_json::Value) -> i64 {
    let s = v.as_str().unwrap_or("0");
    let d = units::parse_decimal(s).unwrap();
    let c = d * units::Decimal::from(100);
    i64::try_from(c.mantissa() / 10i128.pow(c.scale())).unwrap()
}

#[test]
fn captable_as_of_the_warrant_date() {
    let v = json(&["--as-of", "2002-05-10", "--json", "captable"]);
    // Warrant §4(i): 27,206,681 common issued and outstanding.
    assert_eq!(v["common_outstanding"], "27206681");
    // Authorized 100,000,000 − issued 27,206,681 = 72,793,319 unissued.
    assert_eq!(v["reserve"]["unissued"], "72793319");
    assert_eq!(v["reserve"]["sufficient"], true);
    let need = v["reserve"]["needs"].as_array().unwrap();
    let cisco = need
        .iter()
        .find(|n| n["for_class"] == "cisco-2002")
        .unwrap();
    assert_eq!(cisco["shares"], "272067"); // the warrant's cover page
    assert_eq!(cisco["clause"]["section"], "3"); // Warrant §3 covenant
                                                 // A plan's available pool is reserved under its plan's own clause, as
                                                 // the plan's pool computation cites it.
    let pool = need
        .iter()
        .find(|n| n["for_class"] == "iso-plan (available)")
        .unwrap();
    assert_eq!(pool["clause"]["document"], "Incentive Stock Option Plan");
    assert_eq!(pool["clause"]["section"], "4.a");
    // CoD §9.1: the Series B's votes are the sum of each holder's whole
    // as-converted shares; every holder's votes are at most its exact figure.
    let holders = v["holders"].as_array().unwrap();
    let public = holders.iter().find(|h| h["holder"] == "public").unwrap();
    assert_eq!(public["votes"], "27206681");
}

#[test]
fn captable_follows_as_of() {
    let v = json(&["--as-of", "2000-06-19", "--json", "captable"]);
    // 10-Q cover page: 26,186,796 outstanding on 2000-06-19.
    assert_eq!(v["common_outstanding"], "26186796");
    let (code, out, _) = run(&["--as-of", "2000-06-19", "captable"]);
    assert_eq!(code, 0);
    assert!(out.contains("26,186,796"), "{out}");
}

#[test]
fn waterfall_pays_exactly_the_proceeds() {
    let v = json(&[
        "--as-of",
        "2002-05-10",
        "--json",
        "waterfall",
        "--proceeds",
        "500000000",
        "--costs",
        "5000000",
        "--debt",
        "100000000",
    ]);
    let payouts = v["distribution"]["payouts"].as_array().unwrap();
    let total: i64 = payouts.iter().map(|p| cents(&p["amount"])).sum();
    assert_eq!(total, 50_000_000_000); // $500,000,000.00 in cents
    let debt = payouts.iter().find(|p| p["class"] == "debt").unwrap();
    assert_eq!(debt["amount"], "100000000.00");
    let b = v["breakpoints"].as_array().unwrap();
    // costs 5,000,000, then + debt 100,000,000 = 105,000,000
    assert_eq!(b[0]["proceeds"], "5000000");
    assert_eq!(b[1]["proceeds"], "105000000");
}

#[test]
fn short_of_the_preference_the_series_b_shares_pro_rata() {
    // $200,000,000 with $100,000,000 of debt: the $100,000,000 left is far
    // short of 200,000 shares × a Liquidation Preference above $1,000, so
    // it all goes to the Series B, pro rata: bain-vi holds 50,000 of
    // 200,000 shares → 100,000,000 × 1/4 = 25,000,000.
    let v = json(&[
        "--as-of",
        "2002-05-10",
        "--json",
        "waterfall",
        "--proceeds",
        "200000000",
        "--debt",
        "100000000",
    ]);
    let payouts = v["distribution"]["payouts"].as_array().unwrap();
    let bain = payouts.iter().find(|p| p["holder"] == "bain-vi").unwrap();
    assert_eq!(bain["amount"], "25000000.00");
    let public = payouts.iter().find(|p| p["holder"] == "public").unwrap();
    assert_eq!(public["amount"], "0.00");
}

#[test]
fn sale_reading_is_available() {
    let v = json(&[
        "--as-of",
        "2002-05-10",
        "--json",
        "waterfall",
        "--proceeds",
        "900000000",
        "--reading",
        "sale",
    ]);
    assert_eq!(v["reading"], "sale");
    let (code, _, err) = run(&["waterfall", "--proceeds", "1.001"]);
    assert_eq!(code, 2);
    assert!(err.contains("R0702"), "{err}");
}

#[test]
fn scenario_diffs_every_figure_and_writes_nothing() {
    let before = std::fs::read_to_string(book()).unwrap();
    let v = json(&[
        "--as-of",
        "2002-06-30",
        "--json",
        "scenario",
        "2002-06-01 issue-common public 5000000\\n  price: 1.50",
    ]);
    assert_eq!(v["accepted"], true);
    let changes = v["changes"].as_array().unwrap();
    let c = changes
        .iter()
        .find(|c| c["path"] == "captable.common_outstanding")
        .unwrap();
    // 27,206,681 + 5,000,000 = 32,206,681
    assert_eq!(c["before"], "27206681");
    assert_eq!(c["after"], "32206681");
    assert_eq!(
        std::fs::read_to_string(book()).unwrap(),
        before,
        "the journal is never written"
    );
}

#[test]
fn charts_and_exports_are_written() {
    let dir = tempfile::tempdir().unwrap();
    let p = |n: &str| dir.path().join(n).to_string_lossy().into_owned();
    for (kind, file) in [
        ("payout", "payout.svg"),
        ("ownership", "own.svg"),
        ("series", "series.svg"),
    ] {
        let (code, out, err) = run(&["--as-of", "2002-05-10", "chart", kind, "--out", &p(file)]);
        assert_eq!(code, 0, "{kind}: {out}{err}");
        let svg = std::fs::read_to_string(p(file)).unwrap();
        // Ownership is a stacked area; the others are lines from the axis.
        let shape = if kind == "ownership" {
            "<polygon class=\"layer\" points=\"90,"
        } else {
            "<polyline class=\"line\" points=\"90,"
        };
        assert!(
            svg.starts_with("<svg") && svg.contains(shape),
            "{kind}: {svg}"
        );
    }
    let (code, _, err) = run(&[
        "export",
        "captable",
        "--format",
        "csv",
        "--out",
        &p("cap.csv"),
    ]);
    assert_eq!(code, 0, "{err}");
    let csv = std::fs::read_to_string(p("cap.csv")).unwrap();
    assert!(
        csv.starts_with("class,kind,authorized,issued,treasury,outstanding"),
        "{csv}"
    );
    let (code, _, err) = run(&[
        "export",
        "waterfall",
        "--proceeds",
        "300000000",
        "--format",
        "xlsx",
        "--out",
        &p("w.xlsx"),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(std::fs::read(p("w.xlsx")).unwrap().starts_with(b"PK"));
    let (code, _, err) = run(&[
        "export",
        "schedule",
        "--format",
        "csv",
        "--out",
        &p("s.csv"),
    ]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn scenario_figures_equal_the_same_events_written_into_a_copy_of_the_journal() {
    let lines = "2002-06-01 issue-common public 5000000\n  price: 1.50\n";
    let dir = tempfile::tempdir().unwrap();
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/ctc");
    copy_dir(&src, dir.path());
    let copy = dir.path().join("book.journal");
    let mut text = std::fs::read_to_string(&copy).unwrap();
    text.push_str(lines);
    std::fs::write(&copy, text).unwrap();
    let written = {
        let out = Command::new(env!("CARGO_BIN_EXE_stockbook"))
            .arg("-f")
            .arg(&copy)
            .args(["--as-of", "2002-06-30", "--json", "captable"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let mut v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        // The same comparison the scenario makes: figures, not schedules.
        if let Some(m) = v.as_object_mut() {
            m.remove("computations");
            if let Some(r) = m.get_mut("reserve").and_then(|r| r.as_object_mut()) {
                r.remove("computed");
            }
        }
        v
    };
    let s = json(&[
        "--as-of",
        "2002-06-30",
        "--json",
        "scenario",
        lines.trim_end(),
    ]);
    assert_eq!(s["after"]["captable"], written);
    assert_ne!(s["before"]["captable"], written);
}

/// The scenario of issue 7 plus a plan grant: 5,000,000 common at $1.50 on
/// 2002-06-01 and a 100,000-share option under the 1998 Plan.
const SCENARIO: &str = "2002-06-01 issue-common public 5000000\n  price: 1.50\n\
2002-06-02 holder emp-1 \"An employee\"\n\
2002-06-02 participant plan-1998 emp-1\n  status: employee\n\
2002-06-03 grant plan-1998 s1 emp-1 nso 100000\n  exercise-price: 1.75\n";

#[test]
fn scenario_report_shows_every_figure_issue_7_names_in_its_section() {
    let (code, out, err) = run(&[
        "--as-of",
        "2002-06-30",
        "scenario",
        SCENARIO.trim_end(),
        "--proceeds",
        "300000000",
    ]);
    assert_eq!(code, 0, "{out}{err}");
    // The sections, in the order issue 7 names the figures.
    let at = |s: &str| out.find(s).unwrap_or_else(|| panic!("no `{s}` in\n{out}"));
    let order = [
        "Conversion Ratio and Series B",
        "Warrants: Warrant Price and Warrant Shares",
        "Plan pools and awards",
        "Fully diluted ownership",
        "\nVotes\n",
        "Waterfall at $300,000,000.00",
        "Reserve sufficiency",
    ];
    for w in order.windows(2) {
        assert!(at(w[0]) < at(w[1]), "{} before {}", w[0], w[1]);
    }
    let line = |start: &str| -> String {
        out.lines()
            // A row of a table, not a section's title.
            .find(|l| {
                l.contains(start) && l.contains("  ") && l.chars().any(|c| c.is_ascii_digit())
            })
            .unwrap_or_else(|| panic!("no line with `{start}` in\n{out}"))
            .to_string()
    };
    // The Series B's Conversion Ratio itself, not only its shares; each
    // warrant's Warrant Price (the Cisco warrant's initial $2.408).
    assert!(line("Conversion Ratio").contains("series-b"), "{out}");
    assert!(line("Warrant Price").contains("2.408"), "{out}");
    for w in [
        "cisco-2002-02",
        "warrant-spectrum",
        "warrant-fleet-goldman",
        "warrant-relational",
        "warrant-td",
        "warrant-td-syndicate",
    ] {
        assert!(
            out.lines().any(|l| l.starts_with(&format!("{w} "))),
            "{w} has no rows:\n{out}"
        );
    }
    // Plan pool: 2,250,000 available − 100,000 granted = 2,150,000.
    let pool = line("pool available");
    assert!(
        pool.contains("2,250,000") && pool.contains("2,150,000") && pool.contains("-100,000"),
        "{pool}"
    );
    // Common outstanding: 27,206,681 + 5,000,000 = 32,206,681.
    let co = line("common outstanding");
    assert!(
        co.contains("27,206,681") && co.contains("32,206,681") && co.contains("+5,000,000"),
        "{co}"
    );
    // The new option's exercise breakpoint appears in the waterfall.
    assert!(
        line("exercise at 1.75 (plan-1998)").contains("proceeds"),
        "{out}"
    );
    // Readable: no line wider than 150 characters (the old listing of raw
    // paths ran past 200), long records counted, not listed.
    let widest = out.lines().map(|l| l.chars().count()).max().unwrap_or(0);
    assert!(widest <= 150, "{widest} wide:\n{out}");
    assert!(line("adjustments (records)").contains("see --json"));
}

#[test]
fn scenario_json_is_complete_and_equals_the_same_events_written_into_the_journal() {
    let v = json(&[
        "--as-of",
        "2002-06-30",
        "--json",
        "scenario",
        SCENARIO.trim_end(),
        "--proceeds",
        "300000000",
    ]);
    let changes = v["changes"].as_array().unwrap();
    let changed = |p: &str| changes.iter().any(|c| c["path"] == p);
    for p in [
        "instruments.series-b.exact.conversion_ratio",
        "instruments.series-b.status.conversion_ratio",
        "instruments.cisco-2002.status.warrant_price",
        "instruments.cisco-2002.status.shares",
        "instruments.plan-1998.status.pool.available",
        "captable.fully_diluted_total",
        "captable.votes_total",
        "captable.holders[public].pct_votes",
        "waterfall.value_per_common",
        "waterfall.breakpoints[series-b converts].proceeds",
    ] {
        assert!(changed(p), "{p} not among the changes");
    }
    // The same lines written into a copy of the journal: its figures (the
    // `before` of an empty scenario on it) equal the scenario's `after`,
    // instruments and waterfall included.
    let dir = tempfile::tempdir().unwrap();
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/ctc");
    copy_dir(&src, dir.path());
    let copy = dir.path().join("book.journal");
    let mut text = std::fs::read_to_string(&copy).unwrap();
    text.push_str(SCENARIO);
    std::fs::write(&copy, text).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_stockbook"))
        .arg("-f")
        .arg(&copy)
        .args([
            "--as-of",
            "2002-06-30",
            "--json",
            "scenario",
            "--proceeds",
            "300000000",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let written: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(written["changes"].as_array().map(|a| a.len()), Some(0));
    assert_eq!(v["after"], written["before"]);
}

#[test]
fn nothing_exists_before_it_is_declared() {
    // The two option plans are declared on 2002-04-30 (plan.journal), the
    // 1998 plan on 1999-09-16: on 2000-01-01 only the 1998 plan's pool
    // exists (2,250,000 after Amendment No. 1).
    let v = json(&["--as-of", "2000-01-01", "--json", "captable"]);
    let ids: Vec<&str> = v["classes"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["id"].as_str())
        .collect();
    assert_eq!(ids, ["plan-1998 (available)"], "{v}");
    assert_eq!(v["fully_diluted_total"], "2250000");
    // 1800-01-01: before every declaration (the earliest is 1999-09-16), the
    // report lists no security and no instrument.
    let v = json(&["--as-of", "1800-01-01", "--json", "report"]);
    assert_eq!(v["securities"], serde_json::json!([]), "{v}");
    assert_eq!(v["instruments"], serde_json::json!([]), "{v}");
    let (code, out, err) = run(&["--as-of", "1800-01-01", "report"]);
    assert_eq!(code, 0, "{err}");
    assert!(!out.contains("series-b"), "{out}");
    assert!(!out.contains("plan-1998"), "{out}");
}

#[test]
fn captable_csv_names_holders_with_commas_in_one_field() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("cap.csv").to_string_lossy().into_owned();
    let (code, _, err) = run(&[
        "--as-of",
        "2002-05-10",
        "export",
        "captable",
        "--format",
        "csv",
        "--out",
        &out,
    ]);
    assert_eq!(code, 0, "{err}");
    let csv = std::fs::read_to_string(&out).unwrap();
    // holders.journal declares thl-iv "Thomas H. Lee Equity Fund IV, L.P.":
    // the name's comma stays inside one quoted field, after the id.
    assert!(
        csv.contains("\r\nthl-iv,\"Thomas H. Lee Equity Fund IV, L.P.\",series-b: "),
        "{csv}"
    );
}
