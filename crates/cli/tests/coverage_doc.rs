//! docs/coverage.md stays true to the code: every clause the sources cite
//! has a row there, and every test a row names exists.
//!
//! Citations are found in these literal forms (the ones the sources use):
//!
//! - `Clause::new("<document>", "<section>")` in any crate;
//! - the crates' helpers whose document is fixed: in `preferred`,
//!   `cod("<section>")` and `arith("<section>", …)` (document `CoD`); in
//!   `warrant`, `clause("<section>")` and `Clause::new(doc, "<section>")`
//!   (`Warrant`); in `plan`, `clause("<section>")`,
//!   `reject(codes::X, "<section>", …)` and `Clause::new(doc, "<section>")`
//!   (`Plan`);
//! - the registration rights term files (examples/ctc/terms/*.toml): the
//!   `rights` crate cites only through them, so every `…clause = "<section>"`
//!   under the file's `document = "…"` counts (a section written
//!   `"Warrant 17"` is Warrant §17).
//!
//! Not found: sections computed at run time (`cod(&format!("8.10.1({letter})"))`,
//! `warrant::price::step_section`, `preferred::change_of_control`'s limb,
//! a `section` variable passed to a helper). Their clauses are listed in
//! coverage.md by hand.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn coverage() -> String {
    std::fs::read_to_string(root().join("docs/coverage.md")).expect("docs/coverage.md exists")
}

/// One piece of a citation form.
#[derive(Clone, Copy)]
enum Tok {
    /// This exact text.
    Text(&'static str),
    /// A string literal, captured (unescaped).
    Str,
    /// A path such as `codes::NOT_VESTED`.
    Path,
}

/// A citation form: the crate whose sources use it (`None`: every crate),
/// its fixed document (`None`: the first captured string is the document),
/// and its tokens (whitespace allowed between them).
struct Form {
    krate: Option<&'static str>,
    document: Option<&'static str>,
    toks: &'static [Tok],
}

use Tok::{Path as P, Str as S, Text as T};

const FORMS: &[Form] = &[
    Form {
        krate: None,
        document: None,
        toks: &[T("Clause::new("), S, T(","), S],
    },
    Form {
        krate: Some("preferred"),
        document: Some("CoD"),
        toks: &[T("cod("), S],
    },
    Form {
        krate: Some("preferred"),
        document: Some("CoD"),
        toks: &[T("arith("), S],
    },
    Form {
        krate: Some("warrant"),
        document: Some("Warrant"),
        toks: &[T("clause("), S],
    },
    Form {
        krate: Some("warrant"),
        document: Some("Warrant"),
        toks: &[T("Clause::new("), T("doc"), T(","), S],
    },
    Form {
        krate: Some("plan"),
        document: Some("Plan"),
        toks: &[T("clause("), S],
    },
    Form {
        krate: Some("plan"),
        document: Some("Plan"),
        toks: &[T("reject("), P, T(","), S],
    },
    Form {
        krate: Some("plan"),
        document: Some("Plan"),
        toks: &[T("Clause::new("), T("doc"), T(","), S],
    },
];

const DOCUMENTS: &[&str] = &["CoD", "RRA", "Warrant", "Exhibit D", "Plan"];

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// A string literal at the start of `s`: its unescaped text and length.
fn string_literal(s: &str) -> Option<(String, usize)> {
    let mut chars = s.char_indices();
    if chars.next()?.1 != '"' {
        return None;
    }
    let mut out = String::new();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some((out, i + 1)),
            '\\' => out.push(chars.next()?.1),
            c => out.push(c),
        }
    }
    None
}

/// Matches `toks` at the start of `s`; the captured strings.
fn match_form(s: &str, toks: &[Tok]) -> Option<Vec<String>> {
    let mut rest = s;
    let mut caps = Vec::new();
    for (n, tok) in toks.iter().enumerate() {
        if n > 0 {
            rest = rest.trim_start();
        }
        match tok {
            Tok::Text(t) => rest = rest.strip_prefix(t)?,
            Tok::Str => {
                let (text, len) = string_literal(rest)?;
                caps.push(text);
                rest = &rest[len..];
            }
            Tok::Path => {
                let len = rest
                    .find(|c: char| !(is_ident(c) || c == ':'))
                    .unwrap_or(rest.len());
                if len == 0 {
                    return None;
                }
                rest = &rest[len..];
            }
        }
    }
    Some(caps)
}

/// The (document, section) citations of one source file of `krate`.
fn citations_in(krate: &str, text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for form in FORMS.iter().filter(|f| f.krate.is_none_or(|k| k == krate)) {
        let Tok::Text(first) = form.toks[0] else {
            unreachable!("every form starts with text")
        };
        for (i, _) in text.match_indices(first) {
            // `cod(` must not be the end of `decod(`.
            if text[..i].chars().next_back().is_some_and(is_ident) {
                continue;
            }
            if let Some(caps) = match_form(&text[i..], form.toks) {
                let (doc, section) = match form.document {
                    Some(d) => (d.to_string(), caps[caps.len() - 1].clone()),
                    None => (caps[0].clone(), caps[1].clone()),
                };
                out.push((doc, section));
            }
        }
    }
    out
}

/// The citations a registration rights term file makes through its
/// `…clause` fields.
fn citations_in_term_file(text: &str) -> Vec<(String, String)> {
    let value = |line: &str| -> Option<(String, String)> {
        let (k, v) = line.split_once('=')?;
        let v = v.trim();
        let v = v.strip_prefix('"')?;
        Some((k.trim().to_string(), v[..v.find('"')?].to_string()))
    };
    let Some(document) = text
        .lines()
        .filter_map(value)
        .find(|(k, _)| k == "document")
        .map(|(_, v)| v)
    else {
        return Vec::new();
    };
    // A `[sections]` table maps clause keys to sections of `document`:
    // every section it names is cited (the preferred kind cites only
    // through it).
    let mut in_sections = false;
    let mut mapped = Vec::new();
    for line in text.lines() {
        let t = line.trim();
        if t.starts_with('[') {
            in_sections = t == "[sections]";
            continue;
        }
        if !in_sections || t.starts_with('#') {
            continue;
        }
        if let Some((_, v)) = t.split_once('=') {
            let v = v.trim();
            let q = v.chars().next();
            if let Some(q @ ('"' | '\'')) = q {
                if let Some(end) = v[1..].find(q) {
                    mapped.push((document.clone(), v[1..1 + end].to_string()));
                }
            }
        }
    }
    text.lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .filter_map(value)
        .filter(|(k, _)| k.ends_with("clause"))
        .map(|(_, section)| {
            // "Warrant 17": a section of another document.
            for d in DOCUMENTS {
                if let Some(s) = section.strip_prefix(&format!("{d} ")) {
                    return (d.to_string(), s.to_string());
                }
            }
            (document.clone(), section)
        })
        .chain(mapped)
        .collect()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries {
        let p = e.expect("directory entry").path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// Every citation in the sources and term files, with where it was found.
fn cited() -> BTreeMap<(String, String), String> {
    let root = root();
    let mut found = BTreeMap::new();
    for krate in std::fs::read_dir(root.join("crates")).expect("crates/ is readable") {
        let dir = krate.expect("crates/ entry").path();
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let mut files = Vec::new();
        rust_files(&dir.join("src"), &mut files);
        for f in files {
            let text = std::fs::read_to_string(&f).expect("source is readable");
            for c in citations_in(&name, &text) {
                let shown = f.strip_prefix(&root).unwrap_or(&f).display().to_string();
                found.entry(c).or_insert(shown);
            }
        }
    }
    let terms = root.join("examples/ctc/terms");
    for e in std::fs::read_dir(&terms).expect("examples/ctc/terms is readable") {
        let f = e.expect("terms entry").path();
        if f.extension().is_some_and(|x| x == "toml") {
            let text = std::fs::read_to_string(&f).expect("term file is readable");
            for c in citations_in_term_file(&text) {
                let shown = f.strip_prefix(&root).unwrap_or(&f).display().to_string();
                found.entry(c).or_insert(shown);
            }
        }
    }
    found
}

/// The rows of coverage.md's tables: (document, section) → status. A
/// section cell may list several sections separated by ", ".
fn rows(doc: &str) -> BTreeMap<(String, String), String> {
    let mut out = BTreeMap::new();
    for line in doc.lines() {
        let Some(inner) = line.trim().strip_prefix('|') else {
            continue;
        };
        let cells: Vec<&str> = inner
            .trim_end_matches('|')
            .split('|')
            .map(str::trim)
            .collect();
        if cells.len() != 6 || cells[0] == "Document" || cells[0].starts_with("---") {
            continue;
        }
        for section in cells[1].split(", ") {
            out.insert(
                (cells[0].to_string(), section.trim_matches('`').to_string()),
                cells[3].to_string(),
            );
        }
    }
    out
}

/// `path/to/file.rs::name` references in the text.
fn test_refs(doc: &str) -> BTreeSet<(String, String)> {
    let mut out = BTreeSet::new();
    for (i, _) in doc.match_indices(".rs::") {
        let start = doc[..i]
            .rfind(|c: char| !(c.is_ascii_alphanumeric() || "_./-".contains(c)))
            .map_or(0, |j| j + 1);
        let name: String = doc[i + 5..].chars().take_while(|c| is_ident(*c)).collect();
        // Prose such as "`<file>.rs::<name>`" names no file.
        if start < i && !name.is_empty() {
            out.insert((format!("{}.rs", &doc[start..i]), name));
        }
    }
    out
}

#[test]
fn every_clause_cited_in_the_code_has_a_row() {
    let cited = cited();
    // The code cites dozens of clauses of every document; finding few means
    // the scan is broken, and the test would pass vacuously.
    for d in DOCUMENTS {
        let n = cited.keys().filter(|(doc, _)| doc == d).count();
        assert!(n >= 5, "only {n} citations of {d} found");
    }
    let rows = rows(&coverage());
    let missing: Vec<String> = cited
        .iter()
        .filter(|(k, _)| !rows.contains_key(*k))
        .map(|((d, s), f)| format!("{d} §{s} (cited in {f})"))
        .collect();
    assert!(
        missing.is_empty(),
        "clauses cited in the code but missing from docs/coverage.md: {missing:#?}"
    );
}

#[test]
fn every_test_named_in_coverage_exists() {
    let refs = test_refs(&coverage());
    assert!(
        refs.len() >= 100,
        "only {} test references found",
        refs.len()
    );
    let mut missing = Vec::new();
    for (path, name) in &refs {
        let text = std::fs::read_to_string(root().join(path)).unwrap_or_default();
        if !text.contains(&format!("fn {name}(")) {
            missing.push(format!("{path}::{name}"));
        }
    }
    assert!(
        missing.is_empty(),
        "tests named in docs/coverage.md that do not exist: {missing:#?}"
    );
}

#[test]
fn every_row_has_a_known_status() {
    let rows = rows(&coverage());
    assert!(rows.len() >= 100, "only {} rows found", rows.len());
    let bad: Vec<String> = rows
        .iter()
        .filter(|(_, status)| {
            !["executed", "tracked", "partial", "absent", "out of scope"]
                .iter()
                .any(|s| status.starts_with(s))
        })
        .map(|((d, s), status)| format!("{d} §{s}: {status}"))
        .collect();
    assert!(bad.is_empty(), "rows with an unknown status: {bad:#?}");
}

#[test]
fn the_scanners_find_each_form() {
    let src = r#"
        .cite(Clause::new("CoD", "2 \"Market Price\""))
        units::Clause::new(
            "Warrant",
            "6(vi)",
        )
        cod("8.10.2") decod("9.9") arith("8.9", e) cod(&format!("x"))
    "#;
    assert_eq!(
        citations_in("preferred", src),
        [
            ("CoD".into(), "2 \"Market Price\"".into()),
            ("Warrant".into(), "6(vi)".into()),
            ("CoD".into(), "8.10.2".into()),
            ("CoD".into(), "8.9".into()),
        ]
    );
    let plan = "self.reject(\n codes::NOT_VESTED,\n \"6.a(5)\", m) self.clause(\"4.c\")";
    assert_eq!(
        citations_in("plan", plan),
        [
            ("Plan".to_string(), "4.c".to_string()),
            ("Plan".to_string(), "6.a(5)".to_string()),
        ]
    );
    // The preferred's helpers mean nothing in another crate.
    assert!(citations_in("views", "cod(\"8.1\")").is_empty());
    let toml = "document = \"Exhibit D\"\n[a]\nclause = \"4\"\n# clause = \"9\"\ncount_clause = \"2(b)\"\n[b]\nclause = \"Warrant 17\"\n";
    assert_eq!(
        citations_in_term_file(toml),
        [
            ("Exhibit D".to_string(), "4".to_string()),
            ("Exhibit D".to_string(), "2(b)".to_string()),
            ("Warrant".to_string(), "17".to_string()),
        ]
    );
    let doc = "| CoD | 8.1 | x | executed | y | crates/a/tests/b.rs::c_d; crates/e/tests/f.rs::g |\n| Plan | 10, 11 | z | out of scope | — | — |\n";
    let r = rows(doc);
    assert!(r.contains_key(&("CoD".to_string(), "8.1".to_string())));
    assert!(r.contains_key(&("Plan".to_string(), "11".to_string())));
    let t: Vec<_> = test_refs(doc).into_iter().collect();
    assert_eq!(
        t,
        [
            ("crates/a/tests/b.rs".to_string(), "c_d".to_string()),
            ("crates/e/tests/f.rs".to_string(), "g".to_string()),
        ]
    );
}
