//! The CTC example book's outputs pinned: every command of README.md's tour
//! (the fenced blocks' `$B ...` and `cargo run -p stockbook ...` lines) is
//! run verbatim with the built binary in a private copy of examples/ctc, as
//! text and again with `--json`, and what the reader sees is compared with
//! the golden files in tests/golden/ctc/:
//!
//! - `NN-slug.txt`: standard output, exactly;
//! - `NN-slug.json`: standard output of the `--json` run, as a JSON value
//!   (key order does not matter);
//! - `NN-slug.<ext>`: a text file the command writes (`--out FILE`, or
//!   `> FILE`, whose file is then what the reader sees instead of stdout);
//!   a binary file (the .xlsx) is only checked to exist and be non-empty;
//! - `NN-slug.stderr.txt`, `NN-slug.json-stderr.txt`: standard error of
//!   the text or JSON run, only where there is any (none today);
//! - `commands.txt`: the list itself, with every run's exit code, so a
//!   command added to or dropped from the README, or a changed exit code,
//!   shows as a difference too.
//!
//! The test only compares: a missing golden file fails, never created. When
//! a change of output is intended (another fix changed a figure, a JSON
//! field was added), regenerate every file on purpose with
//!
//! ```sh
//! cargo test -p stockbook --test ctc_golden -- --ignored regenerate
//! ```
//!
//! and review `git diff tests/golden/ctc` before committing it.

#[path = "common/readme.rs"]
mod readme;
use readme::{copy_dir, readme_commands, run_readme_command};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const REGENERATE: &str = "cargo test -p stockbook --test ctc_golden -- --ignored regenerate";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn golden_dir() -> PathBuf {
    root().join("tests/golden/ctc")
}

/// The command's arguments after the book (`$B check` → `check`).
const BOOK: &str = "-f examples/ctc/book.journal ";

fn arguments(cmd: &str) -> &str {
    if let Some(rest) = cmd.strip_prefix("$B ") {
        rest
    } else {
        let i = cmd
            .find(BOOK)
            .unwrap_or_else(|| panic!("`{cmd}` names no book"));
        &cmd[i + BOOK.len()..]
    }
}

/// The same command asking for JSON: `--json` is a global flag, placed
/// where docs/cli.md's synopsis puts it (after the book, before the
/// command), so a redirection or a quoted line after it is untouched.
fn with_json(cmd: &str) -> String {
    let args = arguments(cmd);
    let head = &cmd[..cmd.len() - args.len()];
    format!("{head}--json {args}")
}

/// `NN-slug`: the README position (from 1) and the arguments in lower case,
/// every run of other characters a `-`, cut at a word to 48 characters.
fn stem(n: usize, cmd: &str) -> String {
    let mut slug = String::new();
    for c in arguments(cmd).chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let mut slug = slug.trim_end_matches('-').to_string();
    if slug.len() > 48 {
        let cut = slug[..48].rfind('-').unwrap_or(48);
        slug.truncate(cut);
    }
    format!("{n:02}-{slug}")
}

/// The file a command writes: `--out FILE` (stdout is still shown) or
/// `> FILE` (the file is all the reader sees).
fn written_file(cmd: &str) -> Option<(String, bool)> {
    if let Some((_, file)) = cmd.split_once(" > ") {
        return Some((file.trim().to_string(), true));
    }
    let mut words = cmd.split_whitespace();
    while let Some(w) = words.next() {
        if w == "--out" {
            return words.next().map(|f| (f.to_string(), false));
        }
        if let Some(f) = w.strip_prefix("--out=") {
            return Some((f.to_string(), false));
        }
    }
    None
}

/// The exit code the README promises: 1 where its comment says the command
/// is refused with exit 1, otherwise 0. A golden is never written for a run
/// that broke this promise (so an error is never pinned as the answer).
fn promised_exit(comment: &str) -> i32 {
    if comment.starts_with("refused") && comment.contains("exit 1") {
        1
    } else {
        0
    }
}

/// One run's outcome in a fresh copy of the book.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
    /// The written file's content, if the command writes one.
    written: Option<Vec<u8>>,
}

/// Runs `cmd` as the README shows it (through `sh`, `$B` set to the built
/// binary and the book), in a fresh copy of examples/ctc so that a file one
/// command writes cannot change another's output. Paths of the copy are
/// normalized to `examples/ctc` so no temporary path reaches a golden.
fn run(cmd: &str) -> Run {
    let stockbook = env!("CARGO_BIN_EXE_stockbook");
    let tmp = tempfile::tempdir().unwrap();
    let work = tmp.path().join("work");
    copy_dir(&root().join("examples/ctc"), &work.join("examples/ctc"));
    let out = run_readme_command(&work, cmd);
    let mut normal: Vec<(String, &str)> = Vec::new();
    for dir in [Some(work.clone()), work.canonicalize().ok()]
        .into_iter()
        .flatten()
    {
        let d = dir.to_string_lossy().into_owned();
        normal.push((format!("{d}/examples/ctc"), "examples/ctc"));
        normal.push((d, "."));
    }
    normal.push((stockbook.to_string(), "stockbook"));
    let normalize = |s: &[u8]| {
        let mut s = String::from_utf8_lossy(s).into_owned();
        for (from, to) in &normal {
            s = s.replace(from.as_str(), to);
        }
        let t = tmp.path().to_string_lossy();
        assert!(!s.contains(t.as_ref()), "`{cmd}` leaks {t}:\n{s}");
        s
    };
    let written = written_file(cmd).map(|(f, _)| {
        let bytes = std::fs::read(work.join(&f))
            .unwrap_or_else(|e| panic!("`{cmd}` did not write {f}: {e}"));
        match std::str::from_utf8(&bytes) {
            Ok(_) => normalize(&bytes).into_bytes(),
            Err(_) => bytes,
        }
    });
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: normalize(&out.stdout),
        stderr: normalize(&out.stderr),
        written,
    }
}

/// What a golden file holds.
enum Golden {
    /// Compared byte for byte.
    Text(String),
    /// Compared as a JSON value; written pretty.
    Json(Value),
}

impl Golden {
    fn file_text(&self) -> String {
        match self {
            Golden::Text(t) => t.clone(),
            Golden::Json(v) => serde_json::to_string_pretty(v).unwrap() + "\n",
        }
    }
}

/// A binary file's size is not pinned: the workbook records when it was
/// written, so its compressed size moves by a byte from one run to the
/// next. Where the output reports the size of the binary file just written,
/// the figure is replaced by a marker; every other figure stays.
const UNPINNED: &str = "<size of a binary file, not pinned>";

fn unpin_size_text(text: &str, size: usize) -> String {
    text.replace(&format!("({size} bytes"), &format!("({UNPINNED} bytes"))
}

fn unpin_size_json(v: &mut Value, size: usize) {
    if let Some(b) = v.get_mut("bytes") {
        if b.as_u64() == Some(size as u64) {
            *b = Value::String(UNPINNED.to_string());
        }
    }
}

/// Standard error is what the reader sees too (a warning footer, a note):
/// pinned in a golden file of its own when there is any. None of the
/// tour's commands prints any today, so one that starts to fails for want
/// of its golden file.
fn pin_stderr(
    files: &mut BTreeMap<String, Golden>,
    index: &mut String,
    name: String,
    stderr: &str,
) {
    if !stderr.is_empty() {
        index.push_str(&format!("  stderr: {name}\n"));
        files.insert(name, Golden::Text(stderr.to_string()));
    }
}

/// Every golden file the README's commands produce now, by file name, with
/// `commands.txt` listing them. Panics on a run that broke the README's
/// promise (exit code, JSON that is not JSON, a missing written file), so
/// neither the test nor the regeneration ever takes an error for a golden.
fn produce() -> BTreeMap<String, Golden> {
    let cmds = readme_commands();
    // Not vacuous: the README's tour has some 30 commands; a parser that
    // found none, or a README that lost its tour, fails here.
    assert!(
        cmds.len() >= 20,
        "only {} README commands found: {cmds:?}",
        cmds.len()
    );
    let mut files = BTreeMap::new();
    let mut index = String::from(
        "# README.md's commands, run by crates/cli/tests/ctc_golden.rs; regenerate with\n",
    );
    index.push_str(&format!("# {REGENERATE}\n"));
    for (i, (cmd, comment)) in cmds.iter().enumerate() {
        let stem = stem(i + 1, cmd);
        let expected = promised_exit(comment);
        index.push_str(&format!("\n{stem}\n  $ {}\n", cmd.replace('\n', "\n    ")));
        // Text.
        let text = run(cmd);
        assert_eq!(
            text.code, expected,
            "`{cmd}` ({comment}): exit {}\n{}{}",
            text.code, text.stdout, text.stderr
        );
        pin_stderr(
            &mut files,
            &mut index,
            format!("{stem}.stderr.txt"),
            &text.stderr,
        );
        let target = written_file(cmd);
        let mut binary_size = None;
        let mut shown = text.stdout.clone();
        if let (Some((file, redirected)), Some(bytes)) = (&target, &text.written) {
            assert!(!bytes.is_empty(), "`{cmd}` wrote an empty {file}");
            let ext = Path::new(file)
                .extension()
                .map(|e| e.to_string_lossy().into_owned())
                .unwrap_or_else(|| "out".into());
            match String::from_utf8(bytes.clone()) {
                Ok(content) if *redirected => {
                    // `> FILE`: the file is the output.
                    shown = content.clone();
                    files.insert(format!("{stem}.{ext}"), Golden::Text(content));
                    index.push_str(&format!("  text: exit {}, {stem}.{ext}\n", text.code));
                }
                Ok(content) => {
                    files.insert(format!("{stem}.{ext}"), Golden::Text(content));
                    index.push_str(&format!("  writes {file}: {stem}.{ext}\n"));
                }
                Err(_) => {
                    binary_size = Some(bytes.len());
                    index.push_str(&format!(
                        "  writes {file}: binary, checked to exist and be non-empty\n"
                    ));
                }
            }
        }
        assert!(!shown.trim().is_empty(), "`{cmd}` shows nothing");
        if !matches!(&target, Some((_, true))) {
            let out = match binary_size {
                Some(size) => unpin_size_text(&text.stdout, size),
                None => text.stdout,
            };
            files.insert(format!("{stem}.txt"), Golden::Text(out));
            index.push_str(&format!("  text: exit {}, {stem}.txt\n", text.code));
        }
        // JSON: every command takes `--json`, except an iCalendar export
        // (`--ics`), whose output is the calendar whatever is asked.
        if cmd.contains("--ics") {
            index.push_str("  json: not run (the output is an iCalendar file)\n");
            continue;
        }
        let jcmd = with_json(cmd);
        let json = run(&jcmd);
        assert_eq!(
            json.code, expected,
            "`{jcmd}` ({comment}): exit {}\n{}{}",
            json.code, json.stdout, json.stderr
        );
        pin_stderr(
            &mut files,
            &mut index,
            format!("{stem}.json-stderr.txt"),
            &json.stderr,
        );
        let mut value: Value = serde_json::from_str(&json.stdout)
            .unwrap_or_else(|e| panic!("`{jcmd}` prints no JSON ({e}):\n{}", json.stdout));
        if let Some(bytes) = &json.written {
            assert!(!bytes.is_empty(), "`{jcmd}` wrote an empty file");
            if std::str::from_utf8(bytes).is_err() {
                unpin_size_json(&mut value, bytes.len());
            }
        }
        files.insert(format!("{stem}.json"), Golden::Json(value));
        index.push_str(&format!("  json: exit {}, {stem}.json\n", json.code));
    }
    files.insert("commands.txt".into(), Golden::Text(index));
    files
}

/// The first difference of two texts, briefly: its line number, a line of
/// context and a few lines of each side (not two whole outputs).
fn text_diff(golden: &str, actual: &str) -> String {
    let g: Vec<&str> = golden.lines().collect();
    let a: Vec<&str> = actual.lines().collect();
    let first = g
        .iter()
        .zip(&a)
        .position(|(x, y)| x != y)
        .unwrap_or(g.len().min(a.len()));
    let from = first.saturating_sub(1);
    let mut out = format!(
        "first difference at line {} (golden {} lines, actual {} lines)\n",
        first + 1,
        g.len(),
        a.len()
    );
    if g == a {
        out = "the texts differ only in their line endings or final newline\n".into();
    }
    for (side, lines) in [("golden", &g), ("actual", &a)] {
        out.push_str(&format!("--- {side}\n"));
        for (k, l) in lines.iter().enumerate().skip(from).take(6) {
            let mark = if k == first { '>' } else { ' ' };
            out.push_str(&format!("{mark}{:5} | {l}\n", k + 1));
        }
    }
    out
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 160 {
        format!("{}…", s.chars().take(160).collect::<String>())
    } else {
        s
    }
}

/// The path of the first difference of two JSON values and both values
/// there, e.g. `.instruments[0].status.conversion_ratio: golden "20.37…",
/// actual "20.38…"`.
fn json_diff(path: &str, golden: &Value, actual: &Value) -> Option<String> {
    match (golden, actual) {
        (Value::Object(g), Value::Object(a)) => {
            for (k, gv) in g {
                let p = format!("{path}.{k}");
                match a.get(k) {
                    None => return Some(format!("{p}: in the golden, gone now")),
                    Some(av) => {
                        if let Some(d) = json_diff(&p, gv, av) {
                            return Some(d);
                        }
                    }
                }
            }
            a.keys()
                .find(|k| !g.contains_key(*k))
                .map(|k| format!("{path}.{k}: new (not in the golden): {}", short(&a[k])))
        }
        (Value::Array(g), Value::Array(a)) => {
            for (i, (gv, av)) in g.iter().zip(a).enumerate() {
                if let Some(d) = json_diff(&format!("{path}[{i}]"), gv, av) {
                    return Some(d);
                }
            }
            (g.len() != a.len()).then(|| {
                format!(
                    "{path}: {} elements in the golden, {} now",
                    g.len(),
                    a.len()
                )
            })
        }
        (g, a) if g == a => None,
        (g, a) => Some(format!(
            "{}: golden {}, actual {}",
            if path.is_empty() { "." } else { path },
            short(g),
            short(a)
        )),
    }
}

/// Compares every produced output with its golden file; returns one short
/// message per difference, per missing golden and per golden file no
/// command produces any more.
fn compare(produced: &BTreeMap<String, Golden>) -> Vec<String> {
    let dir = golden_dir();
    let mut problems = Vec::new();
    for (name, actual) in produced {
        let path = dir.join(name);
        let Ok(golden) = std::fs::read_to_string(&path) else {
            problems.push(format!("{name}: no golden file tests/golden/ctc/{name}"));
            continue;
        };
        match actual {
            Golden::Text(a) => {
                if *a != golden {
                    problems.push(format!("{name} differs: {}", text_diff(&golden, a)));
                }
            }
            Golden::Json(a) => match serde_json::from_str::<Value>(&golden) {
                Err(e) => problems.push(format!("{name}: the golden file is not JSON: {e}")),
                Ok(g) => {
                    if let Some(d) = json_diff("", &g, a) {
                        problems.push(format!("{name} differs at {d}"));
                    }
                }
            },
        }
    }
    if let Ok(entries) = std::fs::read_dir(&dir) {
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if !produced.contains_key(&name) {
                problems.push(format!(
                    "{name}: a golden file no README command produces any more"
                ));
            }
        }
    }
    problems
}

#[test]
fn every_readme_command_prints_what_its_golden_file_holds() {
    let produced = produce();
    // Not vacuous: a text golden for nearly every command and a JSON one
    // for all but the calendar.
    let count = |ext: &str| produced.keys().filter(|k| k.ends_with(ext)).count();
    assert!(
        count(".txt") >= 20 && count(".json") >= 20,
        "{:?}",
        produced.keys()
    );
    let problems = compare(&produced);
    assert!(
        problems.is_empty(),
        "{} golden file(s) of the CTC book differ. If the change is intended, run\n  {REGENERATE}\nand review `git diff tests/golden/ctc`.\n\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// A changed figure is reported with its place, not passed: the comparison
/// of a golden with an output one cent off fails and names the field.
#[test]
fn a_changed_figure_is_a_difference_named_by_its_place() {
    let golden: Value = serde_json::from_str(r#"{"a":[{"x":"1.00"},{"x":"2.00"}],"b":1}"#).unwrap();
    let actual: Value = serde_json::from_str(r#"{"b":1,"a":[{"x":"1.00"},{"x":"2.01"}]}"#).unwrap();
    assert_eq!(
        json_diff("", &golden, &actual).as_deref(),
        Some(r#".a[1].x: golden "2.00", actual "2.01""#)
    );
    // Key order alone is no difference.
    let reordered: Value =
        serde_json::from_str(r#"{"b":1,"a":[{"x":"1.00"},{"x":"2.00"}]}"#).unwrap();
    assert_eq!(json_diff("", &golden, &reordered), None);
    let d = text_diff("a\nb\nc\n", "a\nB\nc\n");
    assert!(d.starts_with("first difference at line 2"), "{d}");
    assert!(d.contains(">    2 | b") && d.contains(">    2 | B"), "{d}");
}

/// Writes every golden file from the current binary and removes those no
/// command produces any more. Ignored: run it only on purpose (command in
/// the module comment), then review the diff.
#[test]
#[ignore = "writes the golden files; run on purpose and review the diff"]
fn regenerate() {
    let produced = produce();
    let dir = golden_dir();
    std::fs::create_dir_all(&dir).unwrap();
    for e in std::fs::read_dir(&dir).unwrap().flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if !produced.contains_key(&name) {
            std::fs::remove_file(e.path()).unwrap();
        }
    }
    for (name, golden) in &produced {
        std::fs::write(dir.join(name), golden.file_text()).unwrap();
    }
}
