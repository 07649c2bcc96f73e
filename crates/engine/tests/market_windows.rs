//! The warrant's §6(vii) Current Market Price as the engine computes it from
//! a book: splits recorded in the journal adjust the window, a business day
//! on which the exchange was closed takes the last reported price, and
//! `option business-days exchange` counts the window in trading days.

use calendar::{Calendar, Date};
use engine::{load, replay};
use terms::{BookView, SecurityId};
use units::Exact;

fn d(y: i16, m: i8, day: i8) -> Date {
    Date::new(y, m, day).unwrap()
}

const BASE: &str = "\
option company \"Example Co\"
2000-01-01 security common \"Common Stock\"
  class: common
  authorized: 100000
2000-01-01 holder alice \"Alice\"
2000-01-01 prices common \"p.csv\"
2000-01-03 issue common alice 600
";

/// Loads `BASE` + `extra` with the price file `prices`.
fn book(option: &str, extra: &str, prices: String) -> engine::LoadResult {
    let text = format!("{option}{BASE}{extra}");
    load("book.journal", &text, &mut |p| {
        if p.ends_with("p.csv") {
            Ok(prices.clone())
        } else {
            Err(format!("no file {p}"))
        }
    })
}

/// `date,close` rows for every trading day from `from` to `to`, the close
/// chosen by `close`.
fn closes(from: Date, to: Date, close: impl Fn(Date) -> &'static str) -> String {
    let mut out = String::from("date,close\n");
    let mut day = from;
    while day <= to {
        if Calendar::Trading.is_open(day) {
            out.push_str(&format!("{day},{}\n", close(day)));
        }
        day = day.tomorrow().unwrap();
    }
    out
}

fn common() -> SecurityId {
    SecurityId::new("common")
}

#[test]
fn a_split_inside_the_window_is_applied() {
    // Day in question Mon 2003-06-23; the 15 business days 06-02 … 06-20
    // (no holidays). 7 closes at $6.00 (06-02 … 06-10), a 2-for-1 split on
    // Wed 06-11, then 8 closes at $3.00 (06-11 … 06-20).
    // Adjusted: 7 × 6.00 / 2 + 8 × 3.00 = 21.00 + 24.00 = 45.00;
    // 45.00 / 15 = $3.00 (unadjusted it was 66.00 / 15 = $4.40).
    let prices = closes(d(2003, 6, 2), d(2003, 6, 20), |day| {
        if day < d(2003, 6, 11) {
            "6.00"
        } else {
            "3.00"
        }
    });
    let r = book("", "2003-06-11 split 2 1\n", prices);
    assert!(!r.has_errors(), "{:?}", r.diagnostics);
    let s = replay(&r.book, d(2003, 6, 23));
    let (avg, comp) = s
        .view(&r.book)
        .warrant_market_price(&common(), d(2003, 6, 23), 15)
        .unwrap();
    assert_eq!(avg, Exact::from_int(3));
    assert!(
        comp.inputs
            .iter()
            .any(|(k, _)| k == "split effective 2003-06-11"),
        "{:?}",
        comp.inputs
    );
}

/// Closes around Good Friday 2003 (04-18, exchange closed, banks open):
/// 4.00 through 04-16, 5.00 on Thursday 04-17, 6.00 after.
fn april_2003() -> String {
    closes(d(2003, 3, 31), d(2003, 4, 22), |day| {
        if day <= d(2003, 4, 16) {
            "4.00"
        } else if day == d(2003, 4, 17) {
            "5.00"
        } else {
            "6.00"
        }
    })
}

#[test]
fn good_friday_is_priced_and_the_business_days_option_chooses_the_window() {
    // Default (banking days): the 15 ending Tue 04-22 are 04-02 … 04-22 with
    // Good Friday priced at Thursday's last reported close, 5.00:
    // 11 × 4.00 + 5.00 + 5.00 + 2 × 6.00 = 66.00; / 15 = $4.40.
    let r = book("", "", april_2003());
    assert!(!r.has_errors(), "{:?}", r.diagnostics);
    let s = replay(&r.book, d(2003, 4, 23));
    let v = s.view(&r.book);
    let (avg, _) = v
        .warrant_market_price(&common(), d(2003, 4, 23), 15)
        .unwrap();
    assert_eq!(avg, Exact::ratio(22, 5).unwrap());
    // `option business-days exchange`: the 15 trading days ending 04-22,
    // 04-01 … 04-22 without Good Friday:
    // 12 × 4.00 + 5.00 + 2 × 6.00 = 65.00; / 15 = 13/3 = $4.333….
    let r = book("option business-days exchange\n", "", april_2003());
    assert!(!r.has_errors(), "{:?}", r.diagnostics);
    let s = replay(&r.book, d(2003, 4, 23));
    let v = s.view(&r.book);
    assert!(!v.is_business_day(d(2003, 4, 18)));
    let (avg, _) = v
        .warrant_market_price(&common(), d(2003, 4, 23), 15)
        .unwrap();
    assert_eq!(avg, Exact::ratio(13, 3).unwrap());
    // A warrant's term file naming banking days overrides the option.
    let (avg, _) = v
        .warrant_market_price_in(&common(), d(2003, 4, 23), 15, Some(Calendar::Business))
        .unwrap();
    assert_eq!(avg, Exact::ratio(22, 5).unwrap());
}

#[test]
fn the_market_price_cites_the_definition_the_prices_declaration_names() {
    let prices = "date,close\n2003-06-02,6.00\n".to_string();
    // Undeclared: the figure cites no clause (the instrument cites its own).
    let r = book("", "", prices.clone());
    assert!(!r.has_errors(), "{:?}", r.diagnostics);
    let s = replay(&r.book, d(2003, 6, 2));
    let (p, c) = s
        .view(&r.book)
        .market_price(&common(), d(2003, 6, 2))
        .unwrap();
    assert_eq!(p, Exact::from_int(6));
    assert!(c.clauses.is_empty(), "{:?}", c.clauses);
    // Declared on the `prices` line: every Market Price cites it.
    let declared = BASE.replace(
        "prices common \"p.csv\"\n",
        "prices common \"p.csv\"\n  market-price-document: Certificate\n  market-price-section: \"1.4\"\n",
    );
    let r = load("book.journal", &declared, &mut |_| Ok(prices.clone()));
    assert!(!r.has_errors(), "{:?}", r.diagnostics);
    let s = replay(&r.book, d(2003, 6, 2));
    let (_, c) = s
        .view(&r.book)
        .market_price(&common(), d(2003, 6, 2))
        .unwrap();
    assert_eq!(c.clauses, vec![units::Clause::new("Certificate", "1.4")]);
    // One half alone is refused, naming the missing half.
    let half = BASE.replace(
        "prices common \"p.csv\"\n",
        "prices common \"p.csv\"\n  market-price-document: Certificate\n",
    );
    let r = load("book.journal", &half, &mut |_| Ok(prices.clone()));
    assert!(
        r.diagnostics
            .iter()
            .any(|e| e.code == "E0105" && e.message.contains("market-price-section")),
        "{:?}",
        r.diagnostics
    );
}
