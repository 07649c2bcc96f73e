//! No company in the code (issue 11, "Any company's securities"): the Rust
//! source knows mechanisms, and every company's names, figures and section
//! numbers come from its term files. This test reads every
//! `crates/*/src/**/*.rs` file, leaves out `#[cfg(test)]` items (test
//! modules may use the example book's words) and `tests/` directories, and
//! fails listing `file:line` for each line that names the CTC example book's
//! company, its documents, one of its dollar figures or its anniversaries, or
//! that cites a section number: a `§`, or a literal section handed to a
//! citation (`clause("6(viii)")`, `cite("8.1")`,
//! `Clause::new("Warrant", "6(vii)")`).
//!
//! Comments and doc comments count: a comment describes the mechanism ("the
//! weighted-average adjustment") and may point to docs/interpretations.md;
//! the clause quotations live in the term files.

use std::fs;
use std::path::{Path, PathBuf};

/// Crate source dirs (or single files) still being cleaned by other helpers
/// of issue 11, skipped until their branches land. The lead empties this
/// list when they are merged; an empty list is the finished state.
const PENDING: &[&str] = &[
    "crates/preferred/src",
    "crates/warrant/src",
    "crates/plan/src",
    "crates/views/src/adapter.rs",
    "crates/views/src/waterfall.rs",
    // Labels printed in the CTC golden output that need the preferred
    // series' citations (`Terms::cite`, helper conv) or the adapter passing
    // them to the cap table (helper liq): the `preferred` commands' clause
    // columns, the cap table's voting and fully diluted citations, the
    // scenario's preferred section title.
    "crates/cli/src/cmd/preferred.rs",
    "crates/views/src/captable.rs",
    "crates/views/src/scenario.rs",
];

/// Words and figures of one company. `true`: matched only as a whole word
/// (no ASCII letter on either side), so the acronym "RRA" does not match
/// inside "ARRAY".
const FORBIDDEN: &[(&str, bool)] = &[
    ("CTC", true),
    ("Series B", false),
    ("CoD", true),
    ("Cisco", false),
    ("Fabbricatore", false),
    ("RRA", true),
    ("Exhibit D", false),
    ("$50.00", false),
    ("$1,000", false),
    ("$200,000,000", false),
    ("30 million", false),
    ("third anniversary", false),
    ("fifth anniversary", false),
    ("tenth anniversary", false),
    ("15% test", false),
    ("§", false),
];

/// Calls that take a clause's section: a string literal starting with a
/// digit among their arguments is a section number written in the code.
const CITING_CALLS: &[&str] = &["clause(", "cite(", "Clause::new("];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n == "tests") {
                continue;
            }
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Every source file the rule covers, as paths relative to the root.
fn source_files() -> Vec<String> {
    let root = root();
    let mut crates: Vec<PathBuf> = fs::read_dir(root.join("crates"))
        .expect("crates/ is readable")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.join("src").is_dir())
        .collect();
    crates.sort();
    let mut files = Vec::new();
    for krate in crates {
        rust_files(&krate.join("src"), &mut files);
    }
    files
        .iter()
        .filter_map(|p| p.strip_prefix(&root).ok())
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .collect()
}

fn pending(file: &str) -> bool {
    PENDING
        .iter()
        .any(|p| file == *p || file.starts_with(&format!("{p}/")))
}

/// The end (byte offset, exclusive) of the item starting at `start`: the
/// first `;` before any brace, or the brace that closes the first one.
/// Strings, raw strings, character literals and comments are skipped so
/// their braces do not count.
fn item_end(src: &[u8], start: usize) -> usize {
    let ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut i = start;
    let mut depth = 0usize;
    let mut opened = false;
    while i < src.len() {
        let b = src[i];
        let next = src.get(i + 1).copied();
        match b {
            b'/' if next == Some(b'/') => {
                while i < src.len() && src[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'/' if next == Some(b'*') => {
                let mut nest = 0usize;
                while i < src.len() {
                    if src[i] == b'/' && src.get(i + 1) == Some(&b'*') {
                        nest += 1;
                        i += 2;
                    } else if src[i] == b'*' && src.get(i + 1) == Some(&b'/') {
                        nest -= 1;
                        i += 2;
                        if nest == 0 {
                            break;
                        }
                    } else {
                        i += 1;
                    }
                }
                continue;
            }
            b'r' if (i == 0
                || !ident(src[i - 1])
                || (src[i - 1] == b'b' && (i < 2 || !ident(src[i - 2]))))
                && matches!(next, Some(b'#') | Some(b'"')) =>
            {
                // A raw string r#"..."#: find the quote, then the same
                // number of hashes after the closing quote.
                let mut j = i + 1;
                let mut hashes = 0;
                while src.get(j) == Some(&b'#') {
                    hashes += 1;
                    j += 1;
                }
                if src.get(j) != Some(&b'"') {
                    i += 1;
                    continue;
                }
                j += 1;
                'raw: while j < src.len() {
                    if src[j] == b'"' && (1..=hashes).all(|k| src.get(j + k) == Some(&b'#')) {
                        j += 1 + hashes;
                        break 'raw;
                    }
                    j += 1;
                }
                i = j;
                continue;
            }
            b'"' => {
                i += 1;
                while i < src.len() && src[i] != b'"' {
                    i += if src[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
                continue;
            }
            b'\'' => {
                // A character literal ('{', '\'', 'é') or a lifetime ('a).
                if next == Some(b'\\') {
                    let mut j = i + 2;
                    while j < src.len() && src[j] != b'\'' {
                        j += 1;
                    }
                    i = j + 1;
                    continue;
                }
                let rest = std::str::from_utf8(&src[i + 1..]).unwrap_or("");
                if let Some(c) = rest.chars().next() {
                    if src.get(i + 1 + c.len_utf8()) == Some(&b'\'') {
                        i += 2 + c.len_utf8();
                        continue;
                    }
                }
                i += 1;
                continue;
            }
            b'{' => {
                depth += 1;
                opened = true;
            }
            b'}' => {
                depth = depth.saturating_sub(1);
                if opened && depth == 0 {
                    return i + 1;
                }
            }
            b';' if !opened => return i + 1,
            _ => {}
        }
        i += 1;
    }
    src.len()
}

/// For each line of `src`, whether it belongs to a `#[cfg(test)]` item
/// (the attribute, the item's other attributes and its whole body).
fn test_only_lines(src: &str) -> Vec<bool> {
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(src.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let line_of = |offset: usize| match line_starts.binary_search(&offset) {
        Ok(l) => l,
        Err(l) => l - 1,
    };
    let lines: Vec<&str> = src.split('\n').collect();
    let mut skip = vec![false; lines.len()];
    let mut l = 0;
    while l < lines.len() {
        if lines[l].trim_start().starts_with("#[cfg(test)]") {
            let after_attribute = line_starts[l] + lines[l].len();
            let end = item_end(src.as_bytes(), after_attribute);
            let last = line_of(end.saturating_sub(1).max(after_attribute));
            for s in skip.iter_mut().take(last + 1).skip(l) {
                *s = true;
            }
            l = last + 1;
        } else {
            l += 1;
        }
    }
    skip
}

/// The forbidden words on one line.
fn words_on(line: &str) -> Vec<&'static str> {
    let mut hits = Vec::new();
    for (word, whole) in FORBIDDEN {
        let found = line.match_indices(word).any(|(i, _)| {
            if !whole {
                return true;
            }
            let before = line[..i].chars().next_back();
            let after = line[i + word.len()..].chars().next();
            !before.is_some_and(|c| c.is_ascii_alphabetic())
                && !after.is_some_and(|c| c.is_ascii_alphabetic())
        });
        if found {
            hits.push(*word);
        }
    }
    hits
}

/// The string literals among the arguments of a call whose argument list
/// starts at `args` (just after the opening parenthesis), up to its
/// closing parenthesis or the end of the line.
fn literal_arguments(args: &str) -> Vec<&str> {
    let bytes = args.as_bytes();
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                let start = i + 1;
                let mut j = start;
                while j < bytes.len() && bytes[j] != b'"' {
                    j += if bytes[j] == b'\\' { 2 } else { 1 };
                }
                out.push(&args[start..j.min(bytes.len())]);
                i = j + 1;
                continue;
            }
            b'(' => depth += 1,
            b')' if depth == 0 => break,
            b')' => depth -= 1,
            _ => {}
        }
        i += 1;
    }
    out
}

/// A literal section number handed to a citation on this line.
fn literal_section_on(line: &str) -> Option<String> {
    for call in CITING_CALLS {
        for (i, _) in line.match_indices(call) {
            // `reservation_clause(` is another function: only the call
            // itself, not a longer name ending in it.
            let before = line[..i].chars().next_back();
            if call.starts_with(char::is_lowercase)
                && before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
            {
                continue;
            }
            let args = &line[i + call.len()..];
            if let Some(lit) = literal_arguments(args)
                .into_iter()
                .find(|s| s.starts_with(|c: char| c.is_ascii_digit()))
            {
                return Some(format!("{call}…\"{lit}\""));
            }
        }
    }
    None
}

fn hits_in(file: &str, src: &str) -> Vec<String> {
    let skip = test_only_lines(src);
    let mut hits = Vec::new();
    for (n, line) in src.split('\n').enumerate() {
        if skip.get(n).copied().unwrap_or(false) {
            continue;
        }
        let mut found: Vec<String> = words_on(line)
            .into_iter()
            .map(|w| format!("`{w}`"))
            .collect();
        if let Some(s) = literal_section_on(line) {
            found.push(format!("literal section {s}"));
        }
        if !found.is_empty() {
            hits.push(format!(
                "{file}:{}: {}: {}",
                n + 1,
                found.join(", "),
                line.trim()
            ));
        }
    }
    hits
}

#[test]
fn no_rust_source_names_a_company_or_a_section() {
    let root = root();
    let files = source_files();
    assert!(
        files.iter().any(|f| f == "crates/units/src/lib.rs"),
        "the walk found the crates' sources: {files:?}"
    );
    let mut hits = Vec::new();
    for file in files.iter().filter(|f| !pending(f)) {
        let src = fs::read_to_string(root.join(file)).expect("source is UTF-8");
        hits.extend(hits_in(file, &src));
    }
    assert!(
        hits.is_empty(),
        "{} line(s) of Rust source name a company, its figures or a section \
         (describe the mechanism instead; the term files hold names and \
         sections; see docs/interpretations.md):\n{}",
        hits.len(),
        hits.join("\n")
    );
}

#[test]
fn pending_entries_exist() {
    // A misspelt entry would silently skip nothing and hide nothing, but an
    // entry whose path is gone is one the lead should remove.
    for p in PENDING {
        assert!(root().join(p).exists(), "PENDING names {p}, which is gone");
    }
}

// The scanner itself: each rule fires on the form it names and stays quiet
// on the look-alikes, so a pass above means something.

#[test]
fn words_match_whole_acronyms_and_phrases() {
    assert_eq!(words_on("// the CTC book"), vec!["CTC"]);
    assert_eq!(words_on("let n = \"CoD\";"), vec!["CoD"]);
    assert_eq!(words_on("CTC_BOOK"), vec!["CTC"]);
    assert!(words_on("let a: ARRAY = ERRATA;").is_empty());
    assert!(words_on("fn code() -> Code").is_empty());
    assert_eq!(words_on("Series B holder"), vec!["Series B"]);
    assert_eq!(words_on("at $50.00 a share"), vec!["$50.00"]);
    assert_eq!(words_on("\"{} §{}\""), vec!["§"]);
    assert_eq!(
        words_on("on the fifth anniversary"),
        vec!["fifth anniversary"]
    );
}

#[test]
fn literal_sections_in_citations_are_found() {
    assert!(literal_section_on(r#"x.clause("6(viii)")"#).is_some());
    assert!(literal_section_on(r#"terms.cite("8.1")"#).is_some());
    assert!(literal_section_on(r#"Clause::new("Warrant", "6(vii)")"#).is_some());
    assert!(literal_section_on(r#".cite(Clause::new("Doc", "4.2"))"#).is_some());
    // Keys, mechanism labels and other functions are not sections.
    assert!(literal_section_on(r#"terms.cite("conversion.ratio")"#).is_none());
    assert!(literal_section_on(r#"Clause::new("ledger", "positions")"#).is_none());
    assert!(literal_section_on(r#"Clause::new(doc, format!("[{key}]"))"#).is_none());
    assert!(literal_section_on(r#"i.reservation_clause("4")"#).is_none());
    assert!(literal_section_on(r#"price("50.00")"#).is_none());
}

#[test]
fn test_items_are_skipped_to_their_closing_brace() {
    let src = "fn a() {}\n\
               #[cfg(test)]\n\
               mod tests {\n\
               \x20   const S: &str = \"}\"; // }\n\
               \x20   const C: char = '{';\n\
               \x20   fn f<'a>(x: &'a str) -> &'a str { x }\n\
               \x20   const R: &str = r#\"}\"#;\n\
               }\n\
               fn b() {}\n\
               #[cfg(test)]\n\
               use std::fmt;\n\
               fn c() {}\n";
    let skip = test_only_lines(src);
    let skipped: Vec<usize> = (0..skip.len())
        .filter(|&i| skip[i])
        .map(|i| i + 1)
        .collect();
    // Lines 2–8 are the test module, 10–11 the test-only `use`; line 9
    // (`fn b`) after the module and line 12 (`fn c`) are scanned.
    assert_eq!(skipped, vec![2, 3, 4, 5, 6, 7, 8, 10, 11]);
}

#[test]
fn a_hit_is_reported_with_its_file_and_line() {
    let src = "/// CoD §4.2\nfn f() {}\n#[cfg(test)]\nmod tests {\n    // CTC\n}\n";
    let hits = hits_in("crates/x/src/lib.rs", src);
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert!(
        hits[0].starts_with("crates/x/src/lib.rs:1: `CoD`, `§`"),
        "{}",
        hits[0]
    );
}
