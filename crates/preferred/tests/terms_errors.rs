//! A term file's refusals name the field, its line and its column: the CTC
//! Series B term file with one value changed at a time.

mod common;
use common::*;
use journal::FileId;

/// The term file with the first line starting `key =` replaced by `line`.
fn with(key: &str, line: &str) -> String {
    let mut done = false;
    CTC_TERMS
        .lines()
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

fn refusal(key: &str, line: &str) -> journal::Diagnostic {
    preferred::Terms::load(FileId(7), &with(key, line)).unwrap_err()
}

#[test]
fn negative_designated_shares_are_refused_at_their_line() {
    // CoD §1: "Two hundred thousand (200,000) shares": -200,000 designates
    // no series. The key is on line 23 of series-b.toml, column 1.
    let e = refusal("designated_shares", "designated_shares = -200000");
    assert_eq!(e.code, "T0201");
    let s = e.span.expect("a span");
    assert_eq!((s.file, s.line, s.col), (FileId(7), 23, 1));
    assert!(e.message.contains("`designated_shares`"), "{}", e.message);
    assert!(e.message.contains("more than zero"), "{}", e.message);
    // Zero is no series either.
    assert_eq!(
        refusal("designated_shares", "designated_shares = 0").code,
        "T0201"
    );
}

#[test]
fn a_zero_divisor_names_its_line() {
    // CoD §8.1 divides the Liquidation Preference by $50.00; "0" would
    // divide by zero. `divisor` is on line 89, under [conversion].
    let e = refusal("divisor", "divisor = \"0\"");
    assert_eq!(e.code, "T0201");
    let s = e.span.expect("a span");
    assert_eq!((s.line, s.col), (89, 1));
    assert!(e.message.contains("`conversion.divisor`"), "{}", e.message);
}

#[test]
fn negative_rates_and_days_are_refused() {
    // §4.1 8.25%: a negative rate is refused at line 54.
    let e = refusal("rate", "rate = \"-0.0825\"");
    assert_eq!(e.span.map(|s| s.line), Some(54));
    assert!(e.message.contains("`dividends.rate`"), "{}", e.message);
    // §7.2 "not less than 30 days": -30 and 60 would pass min <= max, but a
    // negative window is no notice period (line 121).
    let e = refusal("notice_min_days", "notice_min_days = -30");
    assert_eq!(e.span.map(|s| s.line), Some(121));
    assert!(e.message.contains("must not be negative"), "{}", e.message);
}

#[test]
fn the_sub_tables_refuse_negative_figures_too() {
    // §6.3 "Within thirty days": -30 days at line 165 of [change_of_control],
    // whose keys are kebab case.
    let e = refusal("election-days", "election-days = -30");
    assert_eq!(e.span.map(|s| (s.line, s.col)), Some((165, 1)));
    assert!(e.message.contains("election-days"), "{}", e.message);
    // §8.10.5 "at least 1%": -0.01 at line 172 of [anti_dilution].
    let e = refusal("threshold", "threshold = \"-0.01\"");
    assert_eq!(e.span.map(|s| s.line), Some(172));
}
