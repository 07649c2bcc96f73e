//! The command line keeps faith with its reader: it never writes over the
//! book, it refuses what it cannot answer instead of ignoring it, and what
//! it prints is meant for a person. Each test runs the built binary.

#[path = "common/readme.rs"]
mod readme;
use readme::{copy_dir, readme_commands, run_readme_command};
use std::path::{Path, PathBuf};
use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_stockbook"))
}

fn example_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/ctc")
}

fn example() -> String {
    example_dir()
        .join("book.journal")
        .to_string_lossy()
        .into_owned()
}

fn run_in(dir: Option<&Path>, args: &[&str]) -> (i32, String, String) {
    let mut c = bin();
    if let Some(d) = dir {
        c.current_dir(d);
    }
    let out = c.args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn run(args: &[&str]) -> (i32, String, String) {
    run_in(None, args)
}

/// A private copy of the example book, for commands that write files.
fn book_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("ctc");
    copy_dir(&example_dir(), &book);
    (dir, book)
}

// ---- Item 12: `--out` never destroys the book or an existing file ----

#[test]
fn out_refuses_every_file_the_book_reads_even_with_force() {
    let (_keep, book) = book_copy();
    let journal = book.join("book.journal");
    let f = journal.to_str().unwrap();
    // The root journal, an included journal, a term file and the price
    // file: each is read by the book, so none may be written over.
    for target in [
        "book.journal",
        "series-b.journal",
        "terms/series-b.toml",
        "prices/common.csv",
    ] {
        let path = book.join(target);
        let before = std::fs::read(&path).unwrap();
        for force in [false, true] {
            let mut args = vec![
                "-f",
                f,
                "export",
                "captable",
                "--format",
                "csv",
                "--out",
                path.to_str().unwrap(),
            ];
            if force {
                args.push("--force");
            }
            let (code, out, err) = run(&args);
            assert_eq!(code, 2, "{target} force={force}: {out}{err}");
            assert!(
                err.contains("a file the book reads"),
                "{target} force={force}: {err}"
            );
            assert_eq!(
                std::fs::read(&path).unwrap(),
                before,
                "{target} was written over"
            );
        }
    }
    // The same file named another way (`./x/../book.journal`) is the same file.
    let sneaky = book.join("terms/../book.journal");
    let (code, _, err) = run(&[
        "-f",
        f,
        "chart",
        "ownership",
        "--out",
        sneaky.to_str().unwrap(),
        "--force",
    ]);
    assert_eq!(code, 2, "{err}");
    // The book still checks clean: nothing was destroyed.
    let (code, out, err) = run(&["-f", f, "check"]);
    assert_eq!(code, 0, "{out}{err}");
}

#[test]
fn out_replaces_an_existing_file_only_with_force_and_leaves_no_temporary() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("cap.csv");
    std::fs::write(&target, "keep me").unwrap();
    let t = target.to_str().unwrap();
    let args = [
        "-f",
        &example(),
        "export",
        "captable",
        "--format",
        "csv",
        "--out",
        t,
    ];
    let (code, _, err) = run(&args);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("exists") && err.contains("--force"), "{err}");
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep me");
    let mut forced = args.to_vec();
    forced.push("--force");
    let (code, _, err) = run(&forced);
    assert_eq!(code, 0, "{err}");
    assert!(std::fs::read_to_string(&target)
        .unwrap()
        .starts_with("class,kind,authorized"));
    // Written through a temporary file renamed into place: only cap.csv is left.
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["cap.csv".to_string()]);
}

// ---- Item 16: the file loader ----

#[test]
fn an_include_of_a_device_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.journal");
    std::fs::write(&path, "include \"/dev/zero\"\n").unwrap();
    let (code, out, err) = run(&["-f", path.to_str().unwrap(), "check"]);
    assert_eq!(code, 1, "{out}{err}");
    // The include line is named (line 1, the path at column 9) and why.
    assert!(out.contains("book.journal:1:9"), "{out}");
    assert!(out.contains("not a regular file"), "{out}");
}

#[test]
fn a_file_over_the_size_cap_is_refused_with_its_size() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.journal");
    // 45 bytes: "2000-01-01 security common\n" (27) + "  class: common\n" (16) + "\n\n".
    std::fs::write(&path, "2000-01-01 security common\n  class: common\n\n\n").unwrap();
    let out = bin()
        .env("STOCKBOOK_MAX_FILE_BYTES", "44")
        .args(["-f", path.to_str().unwrap(), "check"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("45 bytes") && err.contains("44"), "{err}");
}

#[test]
fn a_journal_that_is_not_utf8_is_named_at_its_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.journal");
    // Line 2 is `2000-01-01 holder al` then the Latin-1 byte 0xE9 (é): 20
    // characters before it, so the bad byte is at column 21.
    let mut bytes = b"2000-01-01 security common\n2000-01-01 holder al".to_vec();
    bytes.push(0xE9);
    bytes.extend_from_slice(b"ce\n");
    std::fs::write(&path, bytes).unwrap();
    let (code, _, err) = run(&["-f", path.to_str().unwrap(), "check"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("book.journal:2:21"), "{err}");
    assert!(err.contains("0xE9"), "{err}");
}

// ---- Item 11: hypothetical lines are always replayed; the README runs ----

#[test]
fn a_hypothetical_line_after_the_last_event_is_replayed_not_ignored() {
    // The book's last event is 2002-05-10; the line is dated 2002-06-01.
    let (code, out, err) = run(&[
        "-f",
        &example(),
        "scenario",
        "2002-06-01 issue-common public 5000000\n  price: 1.50",
        "--json",
    ]);
    assert_eq!(code, 0, "{out}{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    // The as-of moved to the line's date, so the issuance counts:
    // 27,206,681 outstanding + 5,000,000 issued = 32,206,681.
    assert_eq!(v["as_of"], "2002-06-01");
    let c = v["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["path"] == "captable.common_outstanding")
        .unwrap_or_else(|| panic!("no change of the common outstanding: {v}"));
    assert_eq!(c["before"], "27206681");
    assert_eq!(c["after"], "32206681");
    // what-if: the same line is replayed, and its computations shown.
    let (code, out, err) = run(&[
        "-f",
        &example(),
        "what-if",
        "2002-06-01 issue-common public 5000000\n  price: 1.50",
        "--json",
    ]);
    assert_eq!(code, 0, "{out}{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["as_of"], "2002-06-01");
    assert!(!v["computations"].as_array().unwrap().is_empty(), "{v}");
}

#[test]
fn a_hypothetical_line_after_an_explicit_as_of_is_refused() {
    for cmd in ["what-if", "scenario"] {
        let (code, out, err) = run(&[
            "-f",
            &example(),
            "--as-of",
            "2002-05-01",
            cmd,
            "2002-06-01 issue-common public 5000000",
        ]);
        assert_eq!(code, 2, "{cmd}: {out}{err}");
        assert!(
            err.contains("dated 2002-06-01, after --as-of 2002-05-01"),
            "{cmd}: {err}"
        );
    }
}

#[test]
fn hypothetical_lines_are_located_in_what_if_not_in_the_journal() {
    // The journal's root file has 26 lines; a rejection of the second
    // hypothetical line is at <what-if>:2, not at book.journal:28.
    let (code, out, err) = run(&[
        "-f",
        &example(),
        "what-if",
        "2002-06-03 convert series-b bain-vi 10",
        "2002-06-03 convert series-b bain-vi 100000",
    ]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("--> <what-if>:2:1"), "{out}");
    assert!(!out.contains("book.journal:"), "{out}");
}

#[test]
fn every_readme_command_runs_verbatim_and_says_something_meaningful() {
    let (_keep, book) = book_copy();
    let cmds = readme_commands();
    assert!(cmds.len() >= 25, "{cmds:?}");
    // The book is the copy (the working directory holds it as
    // `examples/ctc`, so relative output paths land in the copy).
    let work = book.parent().unwrap().join("work");
    std::fs::create_dir_all(work.join("examples")).unwrap();
    copy_dir(&book, &work.join("examples/ctc"));
    for (cmd, comment) in &cmds {
        let out = run_readme_command(&work, cmd);
        let code = out.status.code().unwrap_or(-1);
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        let expected = if comment.contains("exit 1") && comment.starts_with("refused") {
            1
        } else {
            0
        };
        assert_eq!(code, expected, "`{cmd}` ({comment}):\n{stdout}{stderr}");
        // What the reader sees: the output, or the file it was sent to.
        let shown = match cmd.split_once(" > ") {
            Some((_, file)) => std::fs::read_to_string(work.join(file.trim())).unwrap(),
            None => stdout.into_owned(),
        };
        assert!(!shown.trim().is_empty(), "`{cmd}` printed nothing");
        for bad in ["Some(", "None)", "-009999", ": 0 figure(s) change", "\": "] {
            assert!(!shown.contains(bad), "`{cmd}` prints `{bad}`:\n{shown}");
        }
        assert!(
            // A JSON object or array line: `{`, or `[` opening a value
            // (not a `[Warrant §6(viii)]` citation, which reads as prose).
            !shown.lines().any(|l| {
                let t = l.trim_start();
                t.starts_with('{')
                    || (t.starts_with('[')
                        && t[1..].chars().next().is_none_or(|c| {
                            matches!(c, '"' | '{' | '[' | ']') || c.is_ascii_digit()
                        }))
            }),
            "`{cmd}` prints raw JSON in text mode:\n{shown}"
        );
    }
    // The files the README writes were written (in the copy).
    for f in ["ownership.svg", "captable.xlsx", "deadlines.ics"] {
        assert!(work.join(f).exists(), "{f}");
    }
}

// ---- Item 14: nothing is silently accepted ----

const SMALL: &str = "\
option company \"Small Co\"
2000-01-01 security common \"Common\"
  class: common
2000-01-01 holder alice
2000-01-02 issue common alice 100
2000-01-03 holder bob
2000-01-04 transfer common bob alice 1
";

#[test]
fn every_report_on_a_book_with_a_rejection_names_it_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.journal");
    std::fs::write(&path, SMALL).unwrap();
    let f = path.to_str().unwrap();
    // Line 7 transfers a share bob does not have (R0102).
    for args in [
        vec!["report"],
        vec!["captable"],
        vec!["holder", "alice"],
        vec!["waterfall", "--proceeds", "1000"],
        vec!["explain"],
    ] {
        let mut all = vec!["-f", f];
        all.extend(&args);
        let (code, out, err) = run(&all);
        assert_eq!(code, 1, "{args:?}: {out}{err}");
        assert!(
            out.contains("R0102") && out.contains("book.journal:7:"),
            "{args:?}: the footer names the rejection:\n{out}"
        );
        // JSON stays JSON on stdout; the footer goes to stderr; still exit 1.
        all.push("--json");
        let (code, out, err) = run(&all);
        assert_eq!(code, 1, "{args:?} --json: {out}{err}");
        serde_json::from_str::<serde_json::Value>(&out)
            .unwrap_or_else(|e| panic!("{args:?} --json: {e}: {out}"));
        assert!(err.contains("R0102"), "{args:?} --json: {err}");
    }
    // Before the rejected event (as of 2000-01-03) all is well: exit 0.
    let (code, out, err) = run(&["-f", f, "--as-of", "2000-01-03", "captable"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(!out.contains("rejected"), "{out}");
}

#[test]
fn liquidate_refuses_a_negative_amount() {
    let (code, out, err) = run(&["-f", &example(), "liquidate", "series-b", "--amount=-1"]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("cannot be negative"), "{err}");
    assert!(!out.contains("$-1"), "{out}");
}

#[test]
fn unknown_names_in_waterfall_and_chart_flags_are_refused_with_a_suggestion() {
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("c.svg");
    for (args, suggestion) in [
        (
            vec![
                "waterfall",
                "--proceeds",
                "1000",
                "--preference",
                "seriesb=0",
            ],
            "did you mean `series-b`?",
        ),
        (
            vec!["waterfall", "--proceeds", "1000", "--rank", "nosuch=5"],
            "its classes are common, series-b",
        ),
        (
            vec!["waterfall", "--proceeds", "1000", "--ratio", "Common=2"],
            "did you mean `common`?",
        ),
        (
            vec![
                "chart",
                "series",
                "--field",
                "accreted_valu",
                "--out",
                svg.to_str().unwrap(),
            ],
            "did you mean `accreted_value`?",
        ),
    ] {
        let mut all = vec!["-f".to_string(), example()];
        all.extend(args.iter().map(|s| s.to_string()));
        let all: Vec<&str> = all.iter().map(String::as_str).collect();
        let (code, out, err) = run(&all);
        assert_eq!(code, 2, "{args:?}: {out}{err}");
        assert!(err.contains(suggestion), "{args:?}: {err}");
    }
    assert!(!svg.exists(), "no chart is drawn for an unknown field");
    // A rank too large for a whole number is called too large, not "not a
    // whole number": 2^63 = 9223372036854775808 is one more than the largest.
    let (code, _, err) = run(&[
        "-f",
        &example(),
        "waterfall",
        "--proceeds",
        "1000",
        "--rank",
        "series-b=9223372036854775808",
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("too large"), "{err}");
}

// ---- Item 16: messages ----

#[test]
fn an_unknown_holder_in_a_what_if_argument_is_a_usage_error_with_a_suggestion() {
    // Not R0201 with exit 1 (a breach of the terms): a mistyped argument.
    for args in [
        vec!["convert", "series-b", "bain-v1", "100"],
        vec!["convert", "series-b", "BAIN-VI", "100"],
        vec!["holder", "BAIN-VI"],
    ] {
        let mut all = vec!["-f".to_string(), example()];
        all.extend(args.iter().map(|s| s.to_string()));
        let all: Vec<&str> = all.iter().map(String::as_str).collect();
        let (code, out, err) = run(&all);
        assert_eq!(code, 2, "{args:?}: {out}{err}");
        assert!(err.contains("did you mean `bain-vi`?"), "{args:?}: {err}");
    }
}

#[test]
fn a_huge_bad_token_gives_a_short_message() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.journal");
    // A 4,000,000-character number on line 4.
    let text = format!(
        "2000-01-01 security common\n  class: common\n2000-01-01 holder alice\n2000-01-02 issue common alice 1{}\n",
        "x".repeat(4_000_000)
    );
    std::fs::write(&path, text).unwrap();
    let (code, out, err) = run(&["-f", path.to_str().unwrap(), "check"]);
    assert_eq!(code, 1, "{err}");
    // The diagnostic names the place and how long the token is, in far
    // less than the 16 MB it printed (message, line and carets each 4 MB).
    assert!(out.len() < 2_000, "{} bytes", out.len());
    assert!(out.contains("book.journal:4:31"), "{out}");
    assert!(out.contains("(4,000,001 characters)"), "{out}");
}

#[test]
fn an_empty_book_shows_no_placeholder_date() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.journal");
    std::fs::write(&path, "").unwrap();
    for cmd in ["check", "report"] {
        let (code, out, err) = run(&["-f", path.to_str().unwrap(), cmd]);
        assert_eq!(code, 0, "{cmd}: {out}{err}");
        assert!(!out.contains("-009999"), "{cmd}: {out}");
        assert!(out.contains("(no events)"), "{cmd}: {out}");
    }
}

// ---- Item 15: output a person reads ----

/// The text reports of every command on the example book.
const TEXT_COMMANDS: &[&str] = &[
    "check",
    "report",
    "report --as-of 2001-12-31",
    "holder bain-vi",
    "holder cisco-capital",
    "explain conversion",
    "instrument series-b",
    "instrument cisco-2002",
    "instrument plan-1998",
    "instrument rra",
    "instrument cisco-rr",
    "accretion series-b",
    "convert series-b bain-vi 100 --as-of 2002-06-03",
    "adjustments",
    "liquidate series-b --amount 150000000 --as-of 2002-06-30",
    "redeem series-b --kind optional --as-of 2005-06-01",
    "change-of-control series-b",
    "forced-conversion series-b",
    "votes series-b",
    "warrant cisco-2002",
    "exercise cisco-2002 100000 --as-of 2003-06-10",
    "plan plan-1998",
    "plan plan-1998 pool",
    "plan nqso-plan",
    "registration rra",
    "registration cisco-rr",
    "rights rra demands",
    "deadlines rra",
    "cutback rra S8-2001 1000000",
    "captable",
    "waterfall --proceeds 250000000",
    "what-if 2002-06-03_convert_series-b_bain-vi_100",
];

#[test]
fn every_text_report_is_free_of_debug_output_and_groups_its_figures() {
    for cmd in TEXT_COMMANDS {
        // `_` stands for a space inside one argument.
        let args: Vec<String> = cmd.split(' ').map(|a| a.replace('_', " ")).collect();
        let mut all = vec!["-f".to_string(), example()];
        all.extend(args);
        let all: Vec<&str> = all.iter().map(String::as_str).collect();
        let (code, out, err) = run(&all);
        assert_eq!(code, 0, "`{cmd}`: {out}{err}");
        assert!(!out.trim().is_empty(), "`{cmd}` printed nothing");
        for bad in ["{", "Some(", "None", "-009999", "\": "] {
            assert!(!out.contains(bad), "`{cmd}` prints `{bad}`:\n{out}");
        }
        for line in out.lines() {
            // No whole number of five or more digits left ungrouped
            // (`272067`), and no dollar amount without its cents or
            // grouping (`$0`, `$240800.00`): every command shows figures
            // the same way. Dates, ids and clause numbers have a `-`, a
            // letter or a `§` next to their digits and are not numbers.
            for word in line.split(|c: char| c.is_whitespace() || c == '(' || c == ')' || c == ';')
            {
                let w = word.trim_end_matches([',', '.', ':', '%', '…']);
                let digits = w.trim_start_matches(['$', '-', '+']);
                let int = digits.split('.').next().unwrap_or("");
                if !int.is_empty()
                    && int.chars().all(|c| c.is_ascii_digit())
                    && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
                {
                    assert!(int.len() < 5, "`{cmd}`: `{w}` is not grouped:\n{line}");
                }
                if let Some(m) = w.strip_prefix('$').or_else(|| w.strip_prefix("-$")) {
                    if m.chars()
                        .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
                        && !m.is_empty()
                        && line.contains("payment")
                    {
                        assert!(m.contains('.'), "`{cmd}`: `{w}` has no cents:\n{line}");
                    }
                }
            }
        }
    }
}

#[test]
fn money_reads_the_same_in_every_command() {
    // The liquidation pays the common nothing: `$0.00`, not `$0`.
    let (_, out, _) = run(&[
        "-f",
        &example(),
        "liquidate",
        "series-b",
        "--amount",
        "150000000",
        "--as-of",
        "2002-06-30",
    ]);
    assert!(out.contains("$0.00") && !out.contains("$0 "), "{out}");
    // bain-vi's 50,000 of 200,000 shares: 150,000,000 × 50,000 / 200,000
    // = $37,500,000.00.
    assert!(out.contains("$37,500,000.00"), "{out}");
    // A cash exercise of 100,000 Warrant Shares at $2.408: 100,000 × 2.408
    // = $240,800.00, grouped as the liquidation's amounts are.
    let (_, out, _) = run(&[
        "-f",
        &example(),
        "exercise",
        "cisco-2002",
        "100000",
        "--as-of",
        "2003-06-10",
    ]);
    assert!(out.contains("$240,800.00"), "{out}");
    assert!(!out.contains("240800"), "{out}");
}

#[test]
fn help_groups_the_commands_and_describes_every_argument() {
    let (code, out, err) = run(&["--help"]);
    assert_eq!(code, 0, "{err}");
    let at = |s: &str| out.find(s).unwrap_or_else(|| panic!("no `{s}` in\n{out}"));
    // The groups in order, each command under its own.
    assert!(at("The book:") < at("Hypothetical events"));
    assert!(at("Convertible preferred:") < at("  convert "));
    assert!(at("  convert ") < at("Warrants:"));
    assert!(at("Registration rights:") < at("  cutback "));
    assert!(
        !out.contains("Other:"),
        "every command is in a group:\n{out}"
    );
    // Each of the 27 commands is listed once (28 with `help`, which
    // `--help` itself stands for).
    let listed = out
        .lines()
        .filter(|l| l.starts_with("  ") && !l.trim_start().starts_with('-'))
        .count();
    assert_eq!(listed, 27, "{out}");
    // `convert`'s three arguments each say what they are.
    let (_, out, _) = run(&["convert", "--help"]);
    for arg in ["<INSTRUMENT>  ", "<HOLDER>  ", "<SHARES>  "] {
        let line = out
            .lines()
            .find(|l| l.trim_start().starts_with(arg))
            .unwrap_or_else(|| panic!("{arg} undescribed:\n{out}"));
        assert!(line.trim().len() > arg.len() + 10, "{line}");
    }
}

#[test]
fn a_rejected_transfer_names_the_holder() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.journal");
    std::fs::write(&path, SMALL).unwrap();
    // Line 7: bob, who holds no common, transfers 1 share to alice.
    let (code, out, _) = run(&["-f", path.to_str().unwrap(), "check"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("R0102") && out.contains("bob holds 0 shares, cannot part with 1 (common)"),
        "{out}"
    );
}

#[test]
fn the_next_dividend_payment_date_is_after_the_one_already_applied() {
    // As of the end of 2002-07-01, a Dividend Payment Date (CoD §4.1:
    // March 31, June 30, September 30, December 31, or the next business
    // day; 2002-06-30 was a Sunday), that period's accretion is in the
    // figures; the next payment is 2002-09-30 (a Monday).
    let (code, out, err) = run(&[
        "-f",
        &example(),
        "--as-of",
        "2002-07-01",
        "instrument",
        "series-b",
        "--json",
    ]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["next_dividend_payment_date"], "2002-09-30", "{v}");
    // The day before, 2002-07-01 is still to come.
    let (_, out, _) = run(&[
        "-f",
        &example(),
        "--as-of",
        "2002-06-30",
        "instrument",
        "series-b",
        "--json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["next_dividend_payment_date"], "2002-07-01", "{v}");
}

#[test]
fn a_figure_that_does_not_terminate_has_the_same_places_everywhere() {
    // The Series B as converted on 2002-05-10: 200,000 × 24.011362748725…
    // (the §8.1 ratio 23.716139… after the February 2002 warrant's §8.10.2
    // adjustment) = 4,802,272.549745055307…; shown to 6 places half-even
    // (…549745|055… → …549745) and marked `…`, as `instrument` and
    // `convert` show the Conversion Ratio, not cut at 4 places as before.
    let (code, out, err) = run(&["-f", &example(), "captable"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("4,802,272.549745…"), "{out}");
    assert!(!out.contains("4,802,272.5497…"), "{out}");
}
