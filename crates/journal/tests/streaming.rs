//! `parse_book_streaming` must read a book exactly as `parse_book` does (the
//! same directives with the same ordinals and spans, options, files with the
//! same ids and the same diagnostics in the same order), only lending each
//! directive instead of keeping it. Checked on hand-made books with every
//! include problem and on generated journal-like text split over files.

use std::collections::HashMap;

use journal::{parse_book, parse_book_streaming, Directive, OptionDirective, Parsed, Streamed};
use proptest::prelude::*;

/// Both parses of one book: (parse_book's result, streamed directives,
/// streamed options, the streaming result).
fn both(
    root: &str,
    files: &[(String, String)],
) -> (Parsed, Vec<Directive>, Vec<OptionDirective>, Parsed) {
    let map: HashMap<String, String> = files.iter().cloned().collect();
    let mut load = |p: &str| map.get(p).cloned().ok_or_else(|| "no such file".to_owned());
    let old = parse_book("book/main.journal", root, &mut load);
    let mut ds = Vec::new();
    let mut os = Vec::new();
    let new = parse_book_streaming(
        "book/main.journal",
        root,
        &mut load,
        &mut |item, sources| {
            match item {
                Streamed::Directive(d) => {
                    // The file a directive is in is known when it is lent.
                    assert!(sources.len() > d.span.file.0 as usize);
                    ds.push(d.clone());
                }
                Streamed::Option(o) => os.push(o.clone()),
            }
        },
    );
    (old, ds, os, new)
}

fn same(root: &str, files: &[(String, String)]) -> Result<(), TestCaseError> {
    let (old, ds, os, new) = both(root, files);
    prop_assert_eq!(&old.directives, &ds);
    prop_assert!(new.directives.is_empty());
    prop_assert_eq!(&old.options, &os);
    prop_assert_eq!(&old.options, &new.options);
    prop_assert_eq!(&old.diagnostics, &new.diagnostics);
    prop_assert_eq!(old.sources.len(), new.sources.len());
    for i in 0..old.sources.len() {
        let id = journal::FileId(i as u32);
        prop_assert_eq!(old.sources.name(id), new.sources.name(id));
        prop_assert_eq!(old.sources.text(id), new.sources.text(id));
    }
    Ok(())
}

fn files(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn every_include_problem_is_reported_as_parse_book_does() {
    // main includes a (which includes b, and b includes a: a cycle), a
    // missing file, a twice, and a deep chain d0 → d1 → … → d19; errors in
    // every file, before and after their includes.
    let mut fs = files(&[
        (
            "book/a.journal",
            "2001-01-02 a1\n  k: v\nbad line\ninclude \"b.journal\"\n2001-01-03 a2 \"x\\ty\"\n2001-13-01 x\n",
        ),
        (
            "book/b.journal",
            "option ob 1\n2001-01-04 b1\ninclude \"a.journal\"\n  orphan: 1\n2001-01-05 b2\n",
        ),
    ]);
    for i in 0..20 {
        fs.push((
            format!("book/d{i}.journal"),
            format!(
                "2002-01-01 d{i}\ninclude \"d{}.journal\"\n2002-01-02 e{i}\n  Key: 1\n",
                i + 1
            ),
        ));
    }
    let root = "option company \"X\"\n2001-01-01 m1 1 2\n  price: 1.5 ; c\n\n  late: 1\ninclude \"a.journal\"\ninclude \"missing.journal\"\ninclude \"a.journal\"\n2001-01-06 m2\ninclude \"d0.journal\"\n2001-01-07 m3 \"unterminated\n2001-01-08 m4\n";
    same(root, &fs).unwrap();
    let (old, ds, _, _) = both(root, &fs);
    // The book is non-trivial: includes expanded, problems found.
    assert!(
        ds.len() > 30 && old.diagnostics.len() > 10,
        "{}",
        old.diagnostics.len()
    );
    let ords: Vec<u32> = ds.iter().map(|d| d.ordinal).collect();
    assert_eq!(ords, (0..ds.len() as u32).collect::<Vec<_>>());
}

#[test]
fn a_reused_buffer_keeps_nothing_from_the_directive_before() {
    // A directive with metadata and many arguments, then one with none: the
    // second must not inherit the first's metadata or arguments.
    let root =
        "2001-01-01 a 1 2 3 4 5 6\n  x: 1\n  y: \"two\"\n2001-01-02 b\n2001-01-03 c \"q\\\"\"\n";
    let (_, ds, _, _) = both(root, &[]);
    assert_eq!(ds.len(), 3);
    assert_eq!((ds[1].args.len(), ds[1].meta.len()), (0, 0));
    assert_eq!(ds[2].args[0].text, "q\"");
    same(root, &[]).unwrap();
}

/// Lines that look like a journal, with mistakes and includes.
fn journalish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("2001-05-01".to_owned()),
        Just("2001-02-30".to_owned()),
        Just("include".to_owned()),
        Just("include \"f1.journal\"".to_owned()),
        Just("include \"f2.journal\"".to_owned()),
        Just("include \"main.journal\"".to_owned()),
        Just("option".to_owned()),
        Just("transfer".to_owned()),
        Just("key:".to_owned()),
        Just(";".to_owned()),
        Just("\"".to_owned()),
        Just("\\\"".to_owned()),
        Just(" ".to_owned()),
        Just("\n".to_owned()),
        Just("\r\n".to_owned()),
        Just("  ".to_owned()),
        Just("é".to_owned()),
        "[a-zA-Z0-9_-]{1,6}",
        "\"[^\"\n]{0,5}\"",
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn streaming_reads_any_book_as_parse_book_does(
        root in journalish(),
        f1 in journalish(),
        f2 in journalish(),
    ) {
        let fs = vec![
            ("book/f1.journal".to_owned(), f1),
            ("book/f2.journal".to_owned(), f2),
        ];
        same(&root, &fs)?;
    }
}
