//! Events the ledger can carry out but that are almost certainly slips:
//! warned at file, line and column, never silently accepted.

use engine::load;
use journal::Diagnostic;

fn warnings(text: &str) -> Vec<(&'static str, u32, u32)> {
    let r = load("book.journal", text, &mut |p| Err(format!("no file {p}")));
    assert!(!r.has_errors(), "{:?}", r.diagnostics);
    r.diagnostics
        .iter()
        .filter(|d: &&Diagnostic| !d.is_error())
        .map(|d| {
            let s = d.span.expect("a warning names its place");
            (d.code, s.line, s.col)
        })
        .collect()
}

const BASE: &str = "\
option company \"Example Co\"
2000-01-01 security common \"Common Stock\"
  class: common
2000-01-01 security pref \"Preferred\"
  class: preferred
2000-01-01 holder alice \"Alice\"
2000-01-01 holder bob \"Bob\"
2000-01-03 issue common alice 600
";

#[test]
fn a_clean_book_has_no_warnings() {
    assert_eq!(warnings(BASE), []);
}

#[test]
fn zero_share_transfers_and_issues_are_warned() {
    // Line 9; "2000-01-04 transfer common alice bob " is 37 characters, so
    // the share count is at column 38.
    let text = format!("{BASE}2000-01-04 transfer common alice bob 0\n");
    assert_eq!(warnings(&text), [("W0110", 9, 38)]);
    // "2000-01-04 issue common bob " is 28 characters: column 29.
    let text = format!("{BASE}2000-01-04 issue common bob 0\n");
    assert_eq!(warnings(&text), [("W0110", 9, 29)]);
}

#[test]
fn a_transfer_to_oneself_is_warned_at_the_second_holder() {
    // "2000-01-04 transfer common alice " is 33 characters: column 34.
    let text = format!("{BASE}2000-01-04 transfer common alice alice 10\n");
    assert_eq!(warnings(&text), [("W0111", 9, 34)]);
}

#[test]
fn fractional_common_is_warned_but_fractional_preferred_is_not() {
    // CoD §8.1 converts "shares (and fractional shares)" of preferred; a
    // fraction of common is settled in cash by every document.
    let text = format!(
        "{BASE}2000-01-04 issue common bob 10.5\n2000-01-04 transfer common alice bob 0.25\n2000-01-04 issue pref bob 0.5\n"
    );
    // Line 9 column 29 ("2000-01-04 issue common bob "), line 10 column 38.
    assert_eq!(warnings(&text), [("W0112", 9, 29), ("W0112", 10, 38)]);
}

#[test]
fn a_date_earlier_than_the_line_before_it_is_warned() {
    // 2001-01-05 then 2000-01-06: the second is earlier (a typo for 2001?).
    let text = format!(
        "{BASE}2001-01-05 transfer common alice bob 1\n2000-01-06 transfer common alice bob 1\n2001-01-07 transfer common alice bob 1\n"
    );
    // Warned at the date of line 10; line 11 is compared with line 9's
    // 2001-01-05 (the last in-order date), and is in order.
    assert_eq!(warnings(&text), [("W0113", 10, 1)]);
    // Same-day lines are in order.
    let text = format!("{BASE}2000-01-03 transfer common alice bob 1\n");
    assert_eq!(warnings(&text), []);
}

#[test]
fn the_two_pass_load_warns_the_same() {
    // A declaration after an event sends the load down the two-pass path.
    // Declarations are not compared (declaring first, then recording
    // events, is the layout the one-pass load is built for); the event of
    // line 11 (2000-01-03) is earlier than line 9's 2000-01-04.
    let text = format!(
        "{BASE}2000-01-04 transfer common alice alice 10\n2000-01-02 holder carol \"Carol\"\n2000-01-03 transfer common alice carol 1\n"
    );
    assert_eq!(warnings(&text), [("W0111", 9, 34), ("W0113", 11, 1)]);
}
