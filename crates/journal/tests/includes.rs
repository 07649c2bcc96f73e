//! Tests of include expansion: nesting, relative paths, ordinals across
//! files, cycles, depth, missing files and double inclusion.

use std::collections::HashMap;

use journal::{codes, parse_book, resolve_relative, Parsed};

fn book(root: &str, files: &[(&str, &str)]) -> (Parsed, Vec<String>) {
    let map: HashMap<String, String> = files
        .iter()
        .map(|(n, t)| (n.to_string(), t.to_string()))
        .collect();
    let mut asked = Vec::new();
    let parsed = parse_book("book/main.journal", root, &mut |p: &str| {
        asked.push(p.to_owned());
        map.get(p).cloned().ok_or_else(|| "no such file".to_owned())
    });
    (parsed, asked)
}

fn keywords(p: &Parsed) -> Vec<&str> {
    p.directives
        .iter()
        .map(|d| d.keyword.text.as_str())
        .collect()
}

#[test]
fn nested_includes_expand_in_place_with_relative_paths() {
    let (p, asked) = book(
        "2001-01-01 a\ninclude \"2001/q1.journal\"\n2001-01-05 e\noption x main\n",
        &[
            (
                "book/2001/q1.journal",
                "option x q1\n2001-01-02 b\ninclude \"../common/c.journal\" ; nested\n2001-01-04 d\n",
            ),
            ("book/common/c.journal", "2001-01-03 c\n  k: v\n"),
        ],
    );
    assert!(p.diagnostics.is_empty(), "{:#?}", p.diagnostics);
    assert_eq!(asked, ["book/2001/q1.journal", "book/common/c.journal"]);
    assert_eq!(keywords(&p), ["a", "b", "c", "d", "e"]);
    let ords: Vec<u32> = p.directives.iter().map(|d| d.ordinal).collect();
    assert_eq!(ords, [0, 1, 2, 3, 4]);
    let vals: Vec<&str> = p.options.iter().map(|o| o.value.text.as_str()).collect();
    assert_eq!(vals, ["q1", "main"]);
    // each directive's span names its own file
    assert_eq!(p.sources.len(), 3);
    let c = &p.directives[2];
    assert_eq!(p.sources.name(c.span.file), "book/common/c.journal");
    assert_eq!((c.span.line, c.meta[0].value.span.line), (1, 2));
    assert_eq!(
        p.sources.name(p.directives[0].span.file),
        "book/main.journal"
    );
}

#[test]
fn missing_file_is_reported_at_the_include() {
    let (p, _) = book(
        "2001-01-01 a\ninclude \"nope.journal\"\n2001-01-02 b\n",
        &[],
    );
    assert_eq!(keywords(&p), ["a", "b"]);
    assert_eq!(p.diagnostics.len(), 1);
    let d = &p.diagnostics[0];
    assert_eq!(d.code, codes::INCLUDE_NOT_FOUND);
    let s = d.span.unwrap();
    assert_eq!((s.file.0, s.line, s.col, s.len), (0, 2, 9, 14));
    assert!(d.message.contains("book/nope.journal") && d.message.contains("no such file"));
    assert!(d.help.as_deref().unwrap().contains("`book`"));
    let r = d.render(&p.sources);
    assert!(r.contains("--> book/main.journal:2:9"), "{r}");
}

#[test]
fn cycles_are_reported_and_not_followed() {
    let (p, _) = book(
        "include \"a.journal\"\n",
        &[
            (
                "book/a.journal",
                "2001-01-01 a\ninclude \"sub/b.journal\"\n",
            ),
            (
                "book/sub/b.journal",
                "2001-01-02 b\ninclude \"../a.journal\"\n",
            ),
        ],
    );
    assert_eq!(keywords(&p), ["a", "b"]);
    assert_eq!(p.diagnostics.len(), 1, "{:#?}", p.diagnostics);
    let d = &p.diagnostics[0];
    assert_eq!(d.code, codes::INCLUDE_CYCLE);
    assert_eq!(
        d.message,
        "include cycle: book/a.journal → book/sub/b.journal → book/a.journal"
    );
    assert_eq!(p.sources.name(d.span.unwrap().file), "book/sub/b.journal");
    // a file including itself, and the root included back
    let (p, _) = book("include \"./main.journal\"\n", &[]);
    assert_eq!(p.diagnostics[0].code, codes::INCLUDE_CYCLE);
}

#[test]
fn depth_over_sixteen_is_reported() {
    let names: Vec<String> = (1..=20).map(|i| format!("book/f{i}.journal")).collect();
    let texts: Vec<String> = (1..=20)
        .map(|i| format!("2001-01-01 e{i}\ninclude \"f{}.journal\"\n", i + 1))
        .collect();
    let files: Vec<(&str, &str)> = names
        .iter()
        .zip(&texts)
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let (p, asked) = book("include \"f1.journal\"\n", &files);
    assert_eq!(asked.len(), 16, "files at depth 1..=16 are read");
    assert_eq!(p.directives.len(), 16);
    assert_eq!(p.diagnostics.len(), 1, "{:#?}", p.diagnostics);
    assert_eq!(p.diagnostics[0].code, codes::INCLUDE_TOO_DEEP);
    assert_eq!(
        p.sources.name(p.diagnostics[0].span.unwrap().file),
        "book/f16.journal"
    );
}

#[test]
fn a_file_included_twice_is_reported() {
    let (p, asked) = book(
        "include \"a.journal\"\ninclude \"b.journal\"\n",
        &[
            ("book/a.journal", "include \"c.journal\"\n"),
            ("book/b.journal", "include \"./c.journal\"\n"),
            ("book/c.journal", "2001-01-01 c\n"),
        ],
    );
    assert_eq!(keywords(&p), ["c"]);
    assert_eq!(
        asked,
        ["book/a.journal", "book/c.journal", "book/b.journal"]
    );
    assert_eq!(p.diagnostics.len(), 1);
    assert_eq!(p.diagnostics[0].code, codes::INCLUDED_TWICE);
}

#[test]
fn syntax_errors_in_included_files_name_that_file() {
    let (p, _) = book(
        "include \"a.journal\"\n",
        &[("book/a.journal", "\n2001-02-30 x\n")],
    );
    assert_eq!(p.diagnostics.len(), 1);
    let d = &p.diagnostics[0];
    assert_eq!(d.code, codes::NOT_A_CALENDAR_DATE);
    let r = d.render(&p.sources);
    assert!(r.contains("--> book/a.journal:2:1"), "{r}");
    assert!(p.has_errors());
}

#[test]
fn resolves_paths_lexically() {
    assert_eq!(resolve_relative("main.journal", "a.journal"), "a.journal");
    assert_eq!(
        resolve_relative("b/main.journal", "a.journal"),
        "b/a.journal"
    );
    assert_eq!(
        resolve_relative("b/c/main.journal", "../a.journal"),
        "b/a.journal"
    );
    assert_eq!(
        resolve_relative("main.journal", "../a.journal"),
        "../a.journal"
    );
    assert_eq!(
        resolve_relative("b/main.journal", "./x/./y/../a.journal"),
        "b/x/a.journal"
    );
    assert_eq!(
        resolve_relative("b/main.journal", "/abs/a.journal"),
        "/abs/a.journal"
    );
    assert_eq!(
        resolve_relative("/root/main.journal", "../../../a.journal"),
        "/a.journal"
    );
    assert_eq!(resolve_relative("", "a.journal"), "a.journal");
}
