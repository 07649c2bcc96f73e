//! Property tests: the parser never panics on any input, every span it
//! reports lies within the text, and printing a directive then parsing it
//! gives the same directive back (apart from spans).

use journal::{parse_str, print_directive, Directive, FileId, Meta, Span, Token};
use proptest::prelude::*;

/// Checks that a span points into `text` (line and columns within the line).
fn check_span(text: &str, span: Span, what: &str) -> Result<(), TestCaseError> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines: Vec<&str> = body.split('\n').collect();
    prop_assert!(
        span.line >= 1 && span.line as usize <= lines.len(),
        "{what}: {span:?}"
    );
    prop_assert!(span.col >= 1, "{what}: {span:?}");
    let line = lines[span.line as usize - 1];
    let line = line.strip_suffix('\r').unwrap_or(line);
    let width = line.chars().count() as u32;
    // col may be one past the end (a missing keyword is reported there)
    prop_assert!(span.col <= width + 1, "{what}: {span:?} in {line:?}");
    prop_assert!(
        span.col - 1 + span.len <= width.max(span.col),
        "{what}: {span:?} in {line:?}"
    );
    Ok(())
}

/// Checks every span in one file's parse.
fn check_all(text: &str) -> Result<(), TestCaseError> {
    let (ds, opts, incs, diags) = parse_str(FileId(0), text);
    for d in &diags {
        let span = d.span.expect("journal diagnostics always have a span");
        check_span(text, span, d.code)?;
        prop_assert!(d.is_error());
    }
    for d in &ds {
        check_span(text, d.span, "directive")?;
        check_span(text, d.date_span, "date")?;
        check_span(text, d.keyword.span, "keyword")?;
        for t in &d.args {
            check_span(text, t.span, "arg")?;
        }
        for m in &d.meta {
            check_span(text, m.key.span, "key")?;
            check_span(text, m.value.span, "value")?;
        }
    }
    for o in &opts {
        check_span(text, o.key.span, "option key")?;
        check_span(text, o.value.span, "option value")?;
    }
    for (t, s) in &incs {
        check_span(text, t.span, "include path")?;
        check_span(text, *s, "include line")?;
    }
    Ok(())
}

/// Lines that look like a journal, with mistakes, to reach deep into the parser.
fn journalish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("2001-05-01".to_owned()),
        Just("2001-02-30".to_owned()),
        Just("2001-5-1".to_owned()),
        Just("include".to_owned()),
        Just("option".to_owned()),
        Just("transfer".to_owned()),
        Just("key:".to_owned()),
        Just(":".to_owned()),
        Just(";".to_owned()),
        Just("#".to_owned()),
        Just("\"".to_owned()),
        Just("\\".to_owned()),
        Just("\\\"".to_owned()),
        Just(" ".to_owned()),
        Just("\t".to_owned()),
        Just("\r".to_owned()),
        Just("\n".to_owned()),
        Just("\r\n".to_owned()),
        Just("  ".to_owned()),
        Just("\u{feff}".to_owned()),
        Just("é".to_owned()),
        "[a-zA-Z0-9_-]{1,6}",
        "\"[^\"\n]{0,5}\"",
        any::<String>(),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

/// A token text that may need quoting when printed.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z0-9-]{1,8}",
        "[ -~]{0,8}",
        any::<String>(),
        Just(String::new()),
        Just(";x".to_owned()),
        Just("\"".to_owned()),
        Just(" lead".to_owned()),
        Just("a\\b".to_owned()),
        Just("\r".to_owned()),
    ]
}

fn token(text: String, quoted: bool) -> Token {
    Token::new(text, Span::default(), quoted)
}

fn directive() -> impl Strategy<Value = Directive> {
    (
        (0i16..=9999, 1i8..=12, 1i8..=28),
        "[a-z][a-z0-9-]{0,10}",
        prop::collection::vec((any_text(), any::<bool>()), 0..5),
        prop::collection::vec(("[a-z][a-z0-9_-]{0,6}", any_text(), any::<bool>()), 0..4),
    )
        .prop_map(|((y, m, d), kw, args, meta)| Directive {
            date: jiff::civil::Date::new(y, m, d).expect("valid"),
            date_span: Span::default(),
            keyword: token(kw, false),
            args: args.into_iter().map(|(t, q)| token(t, q)).collect(),
            meta: meta
                .into_iter()
                .map(|(k, v, q)| Meta {
                    key: token(k, false),
                    value: token(v, q),
                })
                .collect(),
            span: Span::default(),
            ordinal: 0,
        })
}

/// The directive with every span and the ordinal zeroed.
fn strip(d: &Directive) -> Directive {
    let z = Span::default();
    let t = |t: &Token| token(t.text.clone(), t.quoted);
    Directive {
        date: d.date,
        date_span: z,
        keyword: t(&d.keyword),
        args: d.args.iter().map(t).collect(),
        meta: d
            .meta
            .iter()
            .map(|m| Meta {
                key: t(&m.key),
                value: t(&m.value),
            })
            .collect(),
        span: z,
        ordinal: 0,
    }
}

/// The text of every token, without the `quoted` flags.
fn texts(d: &Directive) -> (Vec<&str>, Vec<(&str, &str)>) {
    (
        d.args.iter().map(|t| t.text.as_str()).collect(),
        d.meta
            .iter()
            .map(|m| (m.key.text.as_str(), m.value.text.as_str()))
            .collect(),
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn never_panics_on_bytes(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let text = String::from_utf8_lossy(&bytes);
        check_all(&text)?;
    }

    #[test]
    fn never_panics_on_strings(text in any::<String>()) {
        check_all(&text)?;
    }

    #[test]
    fn spans_are_within_journal_like_text(text in journalish()) {
        check_all(&text)?;
    }

    /// Any directive the parser produced prints and parses back identically.
    #[test]
    fn parsed_directives_round_trip(text in journalish()) {
        let (ds, _, _, _) = parse_str(FileId(0), &text);
        for d in &ds {
            let printed = print_directive(d);
            let (again, _, _, diags) = parse_str(FileId(0), &printed);
            prop_assert!(diags.is_empty(), "{printed:?}: {diags:?}");
            prop_assert_eq!(again.len(), 1);
            prop_assert_eq!(strip(&again[0]), strip(d), "{:?}", printed);
        }
    }

    /// Any directive built in memory with a valid keyword and keys prints to
    /// text that parses back to the same date, keyword, texts and keys; the
    /// `quoted` flag may become true where the text needed quotes, and a
    /// second round trip is exact.
    #[test]
    fn built_directives_round_trip(d in directive()) {
        let printed = print_directive(&d);
        let (again, _, _, diags) = parse_str(FileId(0), &printed);
        prop_assert!(diags.is_empty(), "{printed:?}: {diags:?}");
        prop_assert_eq!(again.len(), 1);
        let a = &again[0];
        prop_assert_eq!(a.date, d.date);
        prop_assert_eq!(&a.keyword.text, &d.keyword.text);
        prop_assert_eq!(texts(a), texts(&d), "{:?}", printed);
        for (x, y) in a.args.iter().zip(&d.args) {
            prop_assert!(x.quoted || !y.quoted);
        }
        for (x, y) in a.meta.iter().zip(&d.meta) {
            prop_assert!(x.value.quoted || !y.value.quoted);
        }
        let (third, _, _, _) = parse_str(FileId(0), &print_directive(a));
        prop_assert_eq!(strip(&third[0]), strip(a));
    }
}
