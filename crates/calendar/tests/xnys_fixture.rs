//! Day-by-day check of `Calendar::Trading` against an independent source:
//! the XNYS sessions 1990–2040 published by the PyPI package
//! `exchange-calendars`, committed as a fixture (see
//! `fixtures/generate_xnys.py`) so that CI needs no Python.

use std::collections::BTreeSet;

use calendar::{Calendar, Date};

const FIXTURE: &str = include_str!("fixtures/xnys_sessions_1990_2040.csv");

/// Dates on which the crate's rules knowingly disagree with the package,
/// with the reason the crate is right. Empty: the package agrees with the
/// rules on every day of 1990–2040 (exchange-calendars 4.13.2).
const KNOWN_DISAGREEMENTS: &[(Date, &str)] = &[];

fn sessions() -> BTreeSet<Date> {
    let mut lines = FIXTURE
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty());
    assert_eq!(lines.next(), Some("date"), "fixture header");
    lines
        .map(|l| l.trim().parse::<Date>().expect("fixture date"))
        .collect()
}

#[test]
fn every_day_1990_to_2040_matches_exchange_calendars() {
    let sessions = sessions();
    let start: Date = "1990-01-01".parse().unwrap();
    let end: Date = "2040-12-31".parse().unwrap();
    let mut mismatches = Vec::new();
    let mut d = start;
    let mut days = 0;
    while d <= end {
        let ours = Calendar::Trading.is_open(d);
        let theirs = sessions.contains(&d);
        if ours != theirs && !KNOWN_DISAGREEMENTS.iter().any(|(k, _)| *k == d) {
            mismatches.push(format!(
                "{d}: ours open={ours} ({:?}), exchange-calendars open={theirs}",
                Calendar::Trading.closure_reason(d)
            ));
        }
        days += 1;
        d = d.tomorrow().unwrap();
    }
    // 1990-01-01..=2040-12-31 is 51 years: 51 × 365 + 13 leap days
    // (1992, 1996, 2000, …, 2040) = 18_615 + 13 = 18_628 days.
    assert_eq!(days, 18_628);
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

#[test]
fn fixture_session_count() {
    // 12_838 lines − 4 comment lines − 1 header = 12_833 sessions.
    assert_eq!(sessions().len(), 12_833);
}
