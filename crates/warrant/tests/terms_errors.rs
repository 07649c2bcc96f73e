//! A warrant term file's refusals name the field, its line and its column:
//! the example's Cisco form with one value changed at a time.

use journal::FileId;

const FORM: &str = include_str!("../../../examples/ctc/terms/cisco-warrant.toml");

/// The form with the first line starting `key =` replaced by `line`.
fn with(key: &str, line: &str) -> String {
    let mut done = false;
    FORM.lines()
        .map(|l| {
            if !done && l.trim_start().starts_with(key) && l.contains('=') {
                done = true;
                line.to_string()
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_example_form_loads() {
    let t = warrant::terms::WarrantTerms::load(FileId(3), FORM).unwrap();
    assert_eq!(t.term_years, 7);
}

#[test]
fn a_negative_term_is_refused_at_its_line() {
    // Cover page: "Expiration Date: May 1, 2009", seven years; a Term of -7
    // years is no warrant. `term_years` is on line 15 of the form.
    let e = warrant::terms::WarrantTerms::load(FileId(3), &with("term_years", "term_years = -7"))
        .unwrap_err();
    assert_eq!(e.code, "T0201");
    let s = e.span.expect("a span");
    assert_eq!((s.file, s.line, s.col), (FileId(3), 15, 1));
    assert!(e.message.contains("`term_years`"), "{}", e.message);
    assert!(e.message.contains("more than zero"), "{}", e.message);
}

#[test]
fn an_empty_price_window_is_refused_at_its_line() {
    // §6(vii): "the average ... for the fifteen (15) business days": a
    // window of no days has no average. `business_days` is on line 41.
    let e =
        warrant::terms::WarrantTerms::load(FileId(3), &with("business_days", "business_days = 0"))
            .unwrap_err();
    assert_eq!(e.code, "T0201");
    assert_eq!(e.span.map(|s| s.line), Some(41));
    assert!(e.message.contains("business_days` is 0"), "{}", e.message);
}
