//! Tests of the journal syntax through the public API: every diagnostic code,
//! comments, quoting, metadata, line endings and the byte-order mark.

use journal::{codes, parse_str, print_directive, Diagnostic, FileId, SourceMap};

fn parse(text: &str) -> journal::FileParse {
    parse_str(FileId(0), text)
}

fn diags(text: &str) -> Vec<Diagnostic> {
    parse(text).3
}

/// Asserts exactly one diagnostic with this code at this line and column,
/// and returns it.
fn one(text: &str, code: &str, line: u32, col: u32) -> Diagnostic {
    let ds = diags(text);
    assert_eq!(ds.len(), 1, "{ds:#?}");
    let d = ds.into_iter().next().unwrap();
    assert_eq!(d.code, code, "{d:#?}");
    let s = d.span.expect("span");
    assert_eq!((s.line, s.col), (line, col), "{d:#?}");
    assert!(s.len >= 1, "{d:#?}");
    d
}

fn help(d: &Diagnostic) -> &str {
    d.help.as_deref().unwrap_or("")
}

#[test]
fn parses_a_typical_directive() {
    let (ds, opts, incs, diags) =
        parse("2001-05-01 transfer common holder-123 holder-456 100\n  price: 1.25\n");
    assert!(diags.is_empty() && opts.is_empty() && incs.is_empty());
    let d = &ds[0];
    assert_eq!(d.date, jiff::civil::date(2001, 5, 1));
    assert_eq!((d.date_span.col, d.date_span.len), (1, 10));
    assert_eq!(d.keyword.text, "transfer");
    assert_eq!((d.keyword.span.col, d.keyword.span.len), (12, 8));
    let args: Vec<&str> = d.args.iter().map(|a| a.text.as_str()).collect();
    assert_eq!(args, ["common", "holder-123", "holder-456", "100"]);
    assert_eq!(d.args[3].span.col, 50);
    assert_eq!((d.span.line, d.span.col, d.span.len), (1, 1, 52));
    assert_eq!(d.meta_get("price").unwrap().text, "1.25");
    let v = &d.meta[0].value;
    assert_eq!((v.span.line, v.span.col, v.span.len), (2, 10, 4));
    assert_eq!(d.ordinal, 0);
}

#[test]
fn comments_are_ignored_everywhere() {
    let text = "; header\n# also a comment\n   ; indented comment\n\
                2001-05-01 issue common alice 100 ; trailing\n\
                  ; comment inside metadata\n  note: x;y ; trailing comment\n\
                # between\n  board: BR-1\n";
    let (ds, _, _, diags) = parse(text);
    assert!(diags.is_empty(), "{diags:#?}");
    assert_eq!(ds.len(), 1);
    assert_eq!(ds[0].args.len(), 3);
    assert_eq!(ds[0].meta_get("note").unwrap().text, "x;y");
    assert_eq!(ds[0].meta_get("board").unwrap().text, "BR-1");
}

#[test]
fn semicolon_inside_a_word_or_string_is_not_a_comment() {
    let (ds, _, _, diags) = parse("2001-05-01 note a;b \"c ; d\"\n  k:;v\n  j: \"x ;y\" z\n");
    assert!(diags.is_empty(), "{diags:#?}");
    assert_eq!(ds[0].args[0].text, "a;b");
    assert_eq!(ds[0].args[1].text, "c ; d");
    assert_eq!(ds[0].meta_get("k").unwrap().text, ";v");
    let j = ds[0].meta_get("j").unwrap();
    assert_eq!((j.text.as_str(), j.quoted), ("\"x ;y\" z", false));
}

#[test]
fn quoted_strings_and_escapes() {
    let (ds, _, _, diags) =
        parse(r#"2001-05-01 note "a \"b\" c" "back\\slash" "nl\nend" "t\tab" "" plain"#);
    assert!(diags.is_empty(), "{diags:#?}");
    let a: Vec<(&str, bool)> = ds[0]
        .args
        .iter()
        .map(|t| (t.text.as_str(), t.quoted))
        .collect();
    assert_eq!(
        a,
        [
            ("a \"b\" c", true),
            ("back\\slash", true),
            ("nl\nend", true),
            ("t\tab", true),
            ("", true),
            ("plain", false)
        ]
    );
    // the span covers the quotes as written
    assert_eq!((ds[0].args[0].span.col, ds[0].args[0].span.len), (17, 11));
}

#[test]
fn quoted_metadata_value_is_unquoted_only_when_whole() {
    let (ds, _, _, diags) = parse(
        "2001-05-01 x\n  a: \"hello world\" ; c\n  b: \"hello\" world\n  c:\n  d: \"\"\n  e:   spaced   out  \n",
    );
    assert!(diags.is_empty(), "{diags:#?}");
    let d = &ds[0];
    let a = d.meta_get("a").unwrap();
    assert_eq!(
        (a.text.as_str(), a.quoted, a.span.col, a.span.len),
        ("hello world", true, 6, 13)
    );
    let b = d.meta_get("b").unwrap();
    assert_eq!((b.text.as_str(), b.quoted), ("\"hello\" world", false));
    let c = d.meta_get("c").unwrap();
    assert_eq!((c.text.as_str(), c.quoted), ("", false));
    assert_eq!((c.span.line, c.span.col, c.span.len), (4, 5, 0));
    let dd = d.meta_get("d").unwrap();
    assert_eq!((dd.text.as_str(), dd.quoted), ("", true));
    assert_eq!(d.meta_get("e").unwrap().text, "spaced   out");
}

#[test]
fn repeated_metadata_keys_keep_order() {
    let (ds, _, _, diags) =
        parse("2001-05-01 x\n  signer: alice\n  note: n\n  signer: bob\n\tsigner: carol\n");
    assert!(diags.is_empty(), "{diags:#?}");
    let s: Vec<&str> = ds[0].meta_all("signer").map(|t| t.text.as_str()).collect();
    assert_eq!(s, ["alice", "bob", "carol"]);
    assert_eq!(ds[0].meta_get("signer").unwrap().text, "alice");
    assert_eq!(ds[0].meta.len(), 4);
    assert!(ds[0].meta_get("absent").is_none());
}

#[test]
fn crlf_line_endings() {
    let (ds, opts, _, diags) =
        parse("option title \"Example\"\r\n2001-05-01 issue common alice 100\r\n  k: v\r\n\r\n");
    assert!(diags.is_empty(), "{diags:#?}");
    assert_eq!(ds[0].args[2].text, "100");
    assert_eq!(ds[0].meta_get("k").unwrap().text, "v");
    assert_eq!(ds[0].span.len, 33);
    assert_eq!(opts[0].value.text, "Example");
    let d = one(
        "2001-05-01 x\r\n2001-13-01 y\r\n",
        codes::NOT_A_CALENDAR_DATE,
        2,
        1,
    );
    assert_eq!(d.span.unwrap().len, 10);
}

#[test]
fn bom_is_skipped_and_not_counted_in_columns() {
    let (ds, _, _, diags) = parse("\u{feff}2001-05-01 issue common alice 100\n");
    assert!(diags.is_empty(), "{diags:#?}");
    assert_eq!(ds[0].date_span.col, 1);
    assert_eq!(ds[0].keyword.span.col, 12);
    let text = "\u{feff}2001-05-01 is$ue\n";
    let d = one(text, codes::BAD_KEYWORD, 1, 12);
    let mut sm = SourceMap::new();
    sm.add("b.journal", text);
    let r = d.render(&sm);
    assert!(r.contains("1 | 2001-05-01 is$ue\n"), "{r}");
    assert!(r.contains("  |            ^^^^^\n"), "{r}");
}

#[test]
fn columns_count_characters_not_bytes() {
    let (ds, _, _, diags) = parse("2001-05-01 note \"é\" ünï x\n  k: «v»\n");
    assert!(diags.is_empty(), "{diags:#?}");
    assert_eq!((ds[0].args[1].span.col, ds[0].args[1].span.len), (21, 3));
    assert_eq!(ds[0].args[2].span.col, 25);
    assert_eq!(
        (ds[0].meta[0].value.span.col, ds[0].meta[0].value.span.len),
        (6, 3)
    );
}

#[test]
fn options_and_includes() {
    let (ds, opts, incs, diags) = parse(
        "option currency EUR\noption title \"Example Ltd\" ; name\ninclude \"sub/a b.journal\"\n",
    );
    assert!(diags.is_empty() && ds.is_empty(), "{diags:#?}");
    assert_eq!(opts.len(), 2);
    assert_eq!(
        (opts[0].key.text.as_str(), opts[0].value.text.as_str()),
        ("currency", "EUR")
    );
    assert_eq!(opts[1].value.text, "Example Ltd");
    assert!(opts[1].value.quoted);
    assert_eq!(incs.len(), 1);
    assert_eq!(incs[0].0.text, "sub/a b.journal");
    assert_eq!(
        (incs[0].0.span.col, incs[0].1.line, incs[0].1.len),
        (9, 3, 25)
    );
}

#[test]
fn leap_days() {
    assert!(diags("2000-02-29 x\n2004-02-29 x\n").is_empty());
    let d = one("1900-02-29 x\n", codes::NOT_A_CALENDAR_DATE, 1, 1);
    assert_eq!(help(&d), "February 1900 has 28 days");
}

// ---- one test per diagnostic code ----

#[test]
fn j0001_bad_date_format() {
    let d = one("2001-5-1 issue x\n", codes::BAD_DATE_FORMAT, 1, 1);
    assert_eq!(help(&d), "write dates as YYYY-MM-DD, e.g. 2001-05-01");
    assert_eq!(d.span.unwrap().len, 8);
    let d = one("2001/05/01 issue x\n", codes::BAD_DATE_FORMAT, 1, 1);
    assert_eq!(help(&d), "write dates as YYYY-MM-DD, e.g. 2001-05-01");
    let d = one("01/05/2001 issue x\n", codes::BAD_DATE_FORMAT, 1, 1);
    assert!(help(&d).contains("year first"), "{d:#?}");
    let d = one("20010501 x\n", codes::BAD_DATE_FORMAT, 1, 1);
    assert!(help(&d).contains("YYYY-MM-DD"));
    one("2001-05-01x issue\n", codes::BAD_DATE_FORMAT, 1, 1);
}

#[test]
fn j0002_not_a_calendar_date() {
    let d = one("2001-02-30 issue x\n", codes::NOT_A_CALENDAR_DATE, 1, 1);
    assert_eq!(help(&d), "February 2001 has 28 days");
    let d = one("2001-13-01 issue x\n", codes::NOT_A_CALENDAR_DATE, 1, 1);
    assert!(help(&d).contains("01 to 12"));
    let d = one("2001-04-31 x\n", codes::NOT_A_CALENDAR_DATE, 1, 1);
    assert_eq!(help(&d), "April 2001 has 30 days");
    one("2001-01-00 x\n", codes::NOT_A_CALENDAR_DATE, 1, 1);
    one("2001-00-10 x\n", codes::NOT_A_CALENDAR_DATE, 1, 1);
}

#[test]
fn j0003_missing_keyword() {
    let d = one("2001-05-01\n", codes::MISSING_KEYWORD, 1, 11);
    assert!(help(&d).contains("2001-05-01 issue"));
    one(
        "2001-05-01   ; only a comment\n",
        codes::MISSING_KEYWORD,
        1,
        11,
    );
}

#[test]
fn j0004_bad_keyword() {
    let d = one("2001-05-01 Transfer a b\n", codes::BAD_KEYWORD, 1, 12);
    assert_eq!(help(&d), "keywords are lower-case: write `transfer`");
    one("2001-05-01 \"issue\" a\n", codes::BAD_KEYWORD, 1, 12);
    one("2001-05-01 9lives\n", codes::BAD_KEYWORD, 1, 12);
    one("2001-05-01 snake_case\n", codes::BAD_KEYWORD, 1, 12);
}

#[test]
fn j0005_unterminated_string() {
    let d = one("2001-05-01 note \"abc\n", codes::UNTERMINATED_STRING, 1, 17);
    assert_eq!(d.span.unwrap().len, 4);
    assert!(help(&d).contains("close the string"));
    one(
        "2001-05-01 note \"abc\\\"\n",
        codes::UNTERMINATED_STRING,
        1,
        17,
    );
    one(
        "2001-05-01 note \"abc\\\n",
        codes::UNTERMINATED_STRING,
        1,
        17,
    );
    one(
        "2001-05-01 x\n  k: \"abc\n",
        codes::UNTERMINATED_STRING,
        2,
        6,
    );
}

#[test]
fn j0006_bad_escape() {
    let d = one("2001-05-01 note \"a\\qb\"\n", codes::BAD_ESCAPE, 1, 19);
    assert_eq!(d.span.unwrap().len, 2);
    assert!(d.message.contains("`\\q`"));
    one("2001-05-01 note \"a\\é\"\n", codes::BAD_ESCAPE, 1, 19);
}

#[test]
fn j0007_text_after_string() {
    let d = one("2001-05-01 note \"a\"b\n", codes::TEXT_AFTER_STRING, 1, 20);
    assert!(help(&d).contains("space"));
    one("include \"a\"\"b\"\n", codes::TEXT_AFTER_STRING, 1, 12);
}

#[test]
fn j0008_unknown_directive() {
    let d = one("includ \"a.journal\"\n", codes::UNKNOWN_DIRECTIVE, 1, 1);
    assert_eq!(help(&d), "did you mean `include`?");
    assert_eq!(d.span.unwrap().len, 6);
    let d = one("Option a b\n", codes::UNKNOWN_DIRECTIVE, 1, 1);
    assert_eq!(help(&d), "did you mean `option`?");
    let d = one("transfer common a b 1\n", codes::UNKNOWN_DIRECTIVE, 1, 1);
    assert!(help(&d).contains("2001-05-01 transfer"), "{d:#?}");
}

#[test]
fn j0009_not_a_directive() {
    let d = one("* heading\n", codes::NOT_A_DIRECTIVE, 1, 1);
    assert!(help(&d).contains("column 1"));
    one("\"quoted\"\n", codes::NOT_A_DIRECTIVE, 1, 1);
    one("éclair\n", codes::NOT_A_DIRECTIVE, 1, 1);
}

#[test]
fn j0010_orphan_indented_line() {
    let d = one("  key: value\n", codes::ORPHAN_INDENTED_LINE, 1, 3);
    assert!(help(&d).contains("below a dated directive"));
    let d = one(
        "2001-05-01 x\n\n  key: value\n",
        codes::ORPHAN_INDENTED_LINE,
        3,
        3,
    );
    assert!(help(&d).contains("blank line"), "{d:#?}");
    let d = one("  2001-05-01 x\n", codes::ORPHAN_INDENTED_LINE, 1, 3);
    assert!(help(&d).contains("column 1"), "{d:#?}");
    let d = one("option a b\n  k: v\n", codes::ORPHAN_INDENTED_LINE, 2, 3);
    assert!(help(&d).contains("`option` takes no metadata"), "{d:#?}");
    // one report per block, not per line
    let ds = diags("  a: 1\n  b: 2\n");
    assert_eq!(ds.len(), 1);
}

#[test]
fn j0011_missing_colon() {
    let d = one("2001-05-01 x\n  price 1.25\n", codes::MISSING_COLON, 2, 3);
    assert_eq!(help(&d), "add a colon after the key: `price: ...`");
    assert_eq!(d.span.unwrap().len, 5);
    let d = one("2001-05-01 x\n  price : 1.25\n", codes::MISSING_COLON, 2, 3);
    assert!(help(&d).contains("remove the space"), "{d:#?}");
    one("2001-05-01 x\n  @@@\n", codes::MISSING_COLON, 2, 3);
    let d = one("2001-05-01 x\n\t2001-05-02 y\n", codes::MISSING_COLON, 2, 2);
    assert!(help(&d).contains("column 1"), "{d:#?}");
    // the directive and its other metadata survive
    let (ds, _, _, diags) = parse("2001-05-01 x\n  bad\n  good: 1\n");
    assert_eq!(diags.len(), 1);
    assert_eq!(ds[0].meta_get("good").unwrap().text, "1");
}

#[test]
fn j0012_bad_meta_key() {
    let d = one("2001-05-01 x\n  Price: 1\n", codes::BAD_META_KEY, 2, 3);
    assert_eq!(help(&d), "metadata keys are lower-case: write `price:`");
    one("2001-05-01 x\n  1st: 1\n", codes::BAD_META_KEY, 2, 3);
    let d = one("2001-05-01 x\n  : 1\n", codes::BAD_META_KEY, 2, 3);
    assert!(d.message.contains("missing"));
}

#[test]
fn j0013_bad_include() {
    let d = one("include a.journal\n", codes::BAD_INCLUDE, 1, 9);
    assert_eq!(help(&d), "quote the path: `include \"a.journal\"`");
    one("include\n", codes::BAD_INCLUDE, 1, 1);
    one("include \"\"\n", codes::BAD_INCLUDE, 1, 9);
    one("include \"a\" \"b\"\n", codes::BAD_INCLUDE, 1, 13);
}

#[test]
fn j0014_bad_option() {
    one("option\n", codes::BAD_OPTION, 1, 1);
    one("option title\n", codes::BAD_OPTION, 1, 8);
    one("option \"title\" x\n", codes::BAD_OPTION, 1, 8);
    let d = one("option title Example Ltd\n", codes::BAD_OPTION, 1, 22);
    assert!(help(&d).contains("quote"));
}

#[test]
fn errors_do_not_stop_parsing() {
    let text = "2001-5-1 issue x\n  k: v\n2001-05-01 issue common a 1\n\
                bogus\n2001-05-02 \"x\n2001-05-03 transfer common a b 1\n  k: \"unterminated\n";
    let (ds, _, _, diags) = parse(text);
    let codes: Vec<&str> = diags.iter().map(|d| d.code).collect();
    assert_eq!(
        codes,
        [
            codes::BAD_DATE_FORMAT,
            codes::UNKNOWN_DIRECTIVE,
            codes::UNTERMINATED_STRING,
            codes::UNTERMINATED_STRING
        ]
    );
    assert_eq!(ds.len(), 2);
    assert_eq!((ds[0].ordinal, ds[1].ordinal), (0, 1));
    assert_eq!(ds[1].span.line, 6);
}

#[test]
fn every_code_is_documented() {
    let doc = include_str!("../../../docs/errors.md");
    for (code, _) in codes::ALL {
        assert!(
            doc.contains(&format!("`{code}`")),
            "{code} missing from docs/errors.md"
        );
    }
}

/// Every `"E0000"`-style code literal (E, W, R or T and four digits) in the
/// sources of every crate is in docs/errors.md. The list is derived from the
/// sources, not written by hand, so a new code cannot ship undocumented.
#[test]
fn every_code_in_the_sources_is_documented() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../crates");
    let mut files = Vec::new();
    for krate in std::fs::read_dir(&root).expect("crates/ is readable") {
        rust_files(
            &krate.expect("crates/ entry").path().join("src"),
            &mut files,
        );
    }
    assert!(files.len() > 50, "found only {} source files", files.len());
    let doc = include_str!("../../../docs/errors.md");
    let mut found = std::collections::BTreeMap::new();
    for f in &files {
        let text = std::fs::read_to_string(f).expect("source is readable");
        for code in code_literals(&text) {
            let shown = f.strip_prefix(&root).unwrap_or(f).display().to_string();
            found.entry(code).or_insert(shown);
        }
    }
    // The sources use codes of every kind; an empty scan would pass vacuously.
    for kind in ["E0", "W0", "R0", "T0"] {
        assert!(
            found.keys().any(|c| c.starts_with(kind)),
            "no {kind}xxx code found"
        );
    }
    let missing: Vec<String> = found
        .iter()
        .filter(|(code, _)| !mentions(doc, code))
        .map(|(code, file)| format!("{code} (in {file})"))
        .collect();
    assert!(
        missing.is_empty(),
        "missing from docs/errors.md: {missing:#?}"
    );
}

#[test]
fn code_literals_are_found_and_matched_as_whole_words() {
    let src = r#"const A: &str = "R0401"; f("E0701", "W07089", "X0001", "T040", "T0401")"#;
    assert_eq!(code_literals(src), ["R0401", "E0701", "T0401"]);
    assert!(mentions("| R0401 | x |", "R0401"));
    assert!(!mentions("| R04011 | x |", "R0401"));
    assert!(!mentions("| XR0401 | x |", "R0401"));
}

fn rust_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
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

/// The string literals of exactly one letter of `EWRT` and four digits.
fn code_literals(text: &str) -> Vec<String> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    for i in 0..b.len().saturating_sub(6) {
        if b[i] == b'"'
            && b"EWRT".contains(&b[i + 1])
            && b[i + 2..i + 6].iter().all(u8::is_ascii_digit)
            && b[i + 6] == b'"'
        {
            out.push(text[i + 1..i + 6].to_string());
        }
    }
    out
}

/// Whether `doc` names `code` as a whole word (so `R0401` is not found in
/// `R04011`).
fn mentions(doc: &str, code: &str) -> bool {
    doc.match_indices(code).any(|(i, _)| {
        let before = doc[..i].chars().next_back();
        let after = doc[i + code.len()..].chars().next();
        !before.is_some_and(|c| c.is_ascii_alphanumeric())
            && !after.is_some_and(|c| c.is_ascii_alphanumeric())
    })
}

#[test]
fn printing_is_canonical_and_round_trips() {
    let text = "2001-05-01\ttransfer   common \"holder 1\" h;2 \"\" \"q\\\"\" 100 ; c\n\
                \tnote:   a  \"b\"  ; trailing\n  k:;x\n  e:\n  q: \"  padded \"\n  n: \"line\\nbreak\"\n";
    let (ds, _, _, diags) = parse(text);
    assert!(diags.is_empty(), "{diags:#?}");
    let printed = print_directive(&ds[0]);
    assert_eq!(
        printed,
        "2001-05-01 transfer common \"holder 1\" h;2 \"\" \"q\\\"\" 100\n  note: a  \"b\"\n  k:;x\n  e:\n  q: \"  padded \"\n  n: \"line\\nbreak\"\n"
    );
    let (again, _, _, diags) = parse(&printed);
    assert!(diags.is_empty(), "{diags:#?}");
    assert_eq!(strip(&again[0]), strip(&ds[0]));
}

/// Removes spans so directives compare by content.
fn strip(d: &journal::Directive) -> journal::Directive {
    let z = journal::Span::default();
    let t = |t: &journal::Token| journal::Token::new(t.text.clone(), z, t.quoted);
    journal::Directive {
        date: d.date,
        date_span: z,
        keyword: t(&d.keyword),
        args: d.args.iter().map(t).collect(),
        meta: d
            .meta
            .iter()
            .map(|m| journal::Meta {
                key: t(&m.key),
                value: t(&m.value),
            })
            .collect(),
        span: z,
        ordinal: 0,
    }
}
