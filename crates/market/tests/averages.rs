//! Hand-worked averages: Current Market Value across Good Friday, windows
//! across the September 2001 closure, missing days, Board overrides, the
//! bid/ask fallback, and the warrant's Current Market Price with a split.

use std::collections::BTreeMap;

use calendar::{Calendar, Date};
use journal::FileId;
use market::{
    average_market_price_ending_on, average_market_price_preceding, current_market_price_warrant,
    current_market_value, market_price, parse_prices, AverageError, DailyQuote, PriceSeries,
    PriceSource, SplitAdjustment,
};

/// The example warrant's window: 15 business days (its term file's number).
const WARRANT_CMP_DAYS: usize = 15;
/// The example preferred's Current Market Value window: 10 trading days.
const CMV_DAYS: usize = 10;
use rust_decimal::Decimal;
use units::{Exact, Price};

fn d(s: &str) -> Date {
    s.parse().unwrap()
}

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn price(s: &str) -> Price {
    Price::new(dec(s))
}

fn exact(num: i64, den: i64) -> Exact {
    Exact::ratio(num, den).unwrap()
}

/// March 2002 around Good Friday (2002-03-29, market closed; banks open).
const MARCH_2002: &str = "\
# ACME common stock, Nasdaq last trade / bid / ask
date,close,bid,ask,volume
2002-03-13,9.02,,,
2002-03-14,9.01,,,
2002-03-15,9.00,,,
2002-03-18,10.00,,,
2002-03-19,10.10,,,
2002-03-20,10.20,,,
2002-03-21,10.30,,,
2002-03-22,10.40,,,
2002-03-25,10.50,,,
2002-03-26,10.60,,,
2002-03-27,,10.60,10.80,
2002-03-28,10.80,,,
2002-03-29,99.00,,,
2002-04-01,10.90,,,
2002-04-02,11.00,,,
";

fn march() -> PriceSeries {
    let (s, diags) = parse_prices(FileId(0), MARCH_2002);
    // Only the Good Friday row draws a (warning) diagnostic.
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert!(!diags[0].is_error());
    s
}

#[test]
fn current_market_value_across_good_friday() {
    let a = current_market_value(&march(), &BTreeMap::new(), d("2002-04-02"), CMV_DAYS).unwrap();
    // The 10 trading days before Tue 2002-04-02, skipping Good Friday 03-29:
    // 03-18 10.00, 03-19 10.10, 03-20 10.20, 03-21 10.30, 03-22 10.40,
    // 03-25 10.50, 03-26 10.60, 03-27 (10.60+10.80)/2 = 10.70, 03-28 10.80,
    // 04-01 10.90.  Sum = 51.00 + 53.50 = 104.50; 104.50 / 10 = 10.45.
    let days: Vec<Date> = a.prices.iter().map(|p| p.date).collect();
    assert_eq!(days.first(), Some(&d("2002-03-18")));
    assert_eq!(days.last(), Some(&d("2002-04-01")));
    assert!(!days.contains(&d("2002-03-29")));
    assert_eq!(a.value, exact(1045, 100));
    assert_eq!(a.display, dec("10.4500"));
    assert_eq!(a.rounded, None);
    assert_eq!(a.prices[7].source, PriceSource::BidAskAverage);
    // The average cites no clause: the instrument using it cites its own.
    assert!(a.computed.clauses.is_empty());
    assert!(a.computed.formula.contains("the 10 trading days"));
}

#[test]
fn bid_ask_fallback_and_missing() {
    let s = march();
    let none = BTreeMap::new();
    // 03-27: no trade; (10.60 + 10.80) / 2 = 10.70.
    let p = market_price(&s, &none, d("2002-03-27")).unwrap();
    assert_eq!(p.price, exact(1070, 100));
    assert_eq!(p.source, PriceSource::BidAskAverage);
    // A bid alone is not enough: missing.
    let mut only_bid = PriceSeries::new();
    only_bid.insert(
        d("2002-03-27"),
        DailyQuote {
            bid: Some(price("10.60")),
            ..DailyQuote::default()
        },
    );
    assert_eq!(market_price(&only_bid, &none, d("2002-03-27")), None);
    // The Good Friday row is not a quotation (the exchange was shut).
    assert_eq!(market_price(&s, &none, d("2002-03-29")), None);
}

#[test]
fn non_terminating_average_is_kept_exact() {
    // 3 trading days ending Mon 2002-03-18: 03-14 9.01, 03-15 9.00,
    // 03-18 10.00. Sum = 28.01; 28.01 / 3 = 2801/300 = 9.33666…
    let a = average_market_price_ending_on(&march(), &BTreeMap::new(), d("2002-03-18"), 3).unwrap();
    assert_eq!(a.value, exact(2801, 300));
    assert_eq!(a.display, dec("9.3367"));
    assert!(a.computed.clauses.is_empty());
}

#[test]
fn missing_days_are_all_named() {
    // The 10 trading days before Wed 2002-03-20: 03-06, 07, 08, 11, 12,
    // 13, 14, 15, 18, 19. The file starts at 03-13: five days missing.
    let err =
        current_market_value(&march(), &BTreeMap::new(), d("2002-03-20"), CMV_DAYS).unwrap_err();
    assert_eq!(
        err,
        AverageError::MissingPrices {
            dates: vec![
                d("2002-03-06"),
                d("2002-03-07"),
                d("2002-03-08"),
                d("2002-03-11"),
                d("2002-03-12"),
            ]
        }
    );
}

#[test]
fn board_override_fills_the_gap() {
    let mut board = BTreeMap::new();
    for day in [
        "2002-03-06",
        "2002-03-07",
        "2002-03-08",
        "2002-03-11",
        "2002-03-12",
    ] {
        board.insert(d(day), price("9.00"));
    }
    // An override for a day with a trade is not used (the Board's value is
    // the definition's fallback only).
    board.insert(d("2002-03-18"), price("1.00"));
    let a = current_market_value(&march(), &board, d("2002-03-20"), CMV_DAYS).unwrap();
    // 5 × 9.00 (Board) + 03-13 9.02 + 03-14 9.01 + 03-15 9.00
    // + 03-18 10.00 + 03-19 10.10 = 45.00 + 47.13 = 92.13; / 10 = 9.213.
    assert_eq!(a.value, exact(9213, 1000));
    assert_eq!(a.display, dec("9.2130"));
    assert_eq!(a.unused_overrides, vec![d("2002-03-18")]);
    assert_eq!(a.prices[0].source, PriceSource::BoardDetermination);
}

const SEPT_2001: &str = "\
date,close
2001-09-07,20.00
2001-09-10,21.00
2001-09-17,18.00
2001-09-18,17.50
";

#[test]
fn windows_across_september_11() {
    let (s, diags) = parse_prices(FileId(0), SEPT_2001);
    assert!(diags.is_empty());
    let none = BTreeMap::new();
    // 3 trading days before Tue 09-18: 09-07, 09-10, 09-17 (11–14 closed).
    // (20.00 + 21.00 + 18.00) / 3 = 59/3 = 19.6666…
    let a = average_market_price_preceding(&s, &none, d("2001-09-18"), 3).unwrap();
    assert_eq!(a.value, exact(59, 3));
    assert_eq!(a.display, dec("19.6667"));
    assert!(a.computed.clauses.is_empty());
    // 3 trading days ending on 09-18: (21.00 + 18.00 + 17.50) / 3
    // = 56.50 / 3 = 113/6 = 18.8333…
    let b = average_market_price_ending_on(&s, &none, d("2001-09-18"), 3).unwrap();
    assert_eq!(b.value, exact(113, 6));
    assert_eq!(b.display, dec("18.8333"));
    // Zero days: no average.
    assert_eq!(
        average_market_price_ending_on(&s, &none, d("2001-09-18"), 0).unwrap_err(),
        AverageError::EmptyWindow
    );
}

#[test]
fn warrant_current_market_price_prices_good_friday_at_the_last_reported_trade() {
    let s = march();
    // Day in question Wed 2002-04-03 → last business day Tue 04-02. The 15
    // banking days ending 04-02 are 03-13 … 04-02 and include Good Friday
    // 03-29 (banks open, market shut). It has no sale of its own (the
    // 99.00 row for it is no quotation), so it takes the last reported
    // price, Thursday 03-28's close of 10.80:
    // 9.02 + 9.01 + 9.00 = 27.03; 10.00 … 10.80 (nine days, 03-27 by
    // bid/ask) = 93.60; 10.80 + 10.90 + 11.00 = 32.70.
    // Sum = 153.33; 153.33 / 15 = 5111/500 = 10.222 → cent 10.22.
    let a = current_market_price_warrant(
        &s,
        &BTreeMap::new(),
        d("2002-04-03"),
        WARRANT_CMP_DAYS,
        &[],
        Calendar::Business,
    )
    .unwrap();
    assert_eq!(a.prices.len(), 15);
    assert_eq!(a.prices[12].date, d("2002-03-29"));
    assert_eq!(
        a.prices[12].source,
        PriceSource::LastReported(d("2002-03-28"))
    );
    assert_eq!(a.value, exact(5111, 500));
    assert_eq!(a.rounded.map(|r| r.0), Some(dec("10.22")));
    // A Board determination recorded for the closed day itself (10.85) is
    // the clause's own fallback and is used instead:
    // 153.33 − 10.80 + 10.85 = 153.38; 153.38 / 15 = 7669/750 = 10.225333…
    let board = BTreeMap::from([(d("2002-03-29"), price("10.85"))]);
    let a = current_market_price_warrant(
        &s,
        &board,
        d("2002-04-03"),
        WARRANT_CMP_DAYS,
        &[],
        Calendar::Business,
    )
    .unwrap();
    assert_eq!(a.prices[0].date, d("2002-03-13"));
    assert_eq!(a.value, exact(7669, 750));
    assert_eq!(a.display, dec("10.2253"));
    // §6(vi): nearest cent → 10.23.
    assert_eq!(a.rounded.map(|r| r.0), Some(dec("10.23")));
    assert!(a.computed.clauses.is_empty());
    assert_eq!(
        a.computed.rounding.as_deref(),
        Some("to the nearest cent, half up")
    );
}

/// Every trading day 2003-03-31 … 2003-04-22 (Good Friday 2003-04-18
/// closed): 4.00 through 04-16, 5.00 on Thursday 04-17, 6.00 after.
fn april_2003() -> PriceSeries {
    let mut s = PriceSeries::new();
    let mut day = d("2003-03-31");
    while day <= d("2003-04-22") {
        if Calendar::Trading.is_open(day) {
            let close = if day <= d("2003-04-16") {
                "4.00"
            } else if day == d("2003-04-17") {
                "5.00"
            } else {
                "6.00"
            };
            s.insert(
                day,
                DailyQuote {
                    close: Some(price(close)),
                    ..DailyQuote::default()
                },
            );
        }
        day = day.tomorrow().unwrap();
    }
    s
}

#[test]
fn warrant_window_in_banking_or_exchange_days_across_good_friday_2003() {
    let s = april_2003();
    // Day in question Wed 2003-04-23. Banking days: the 15 ending Tue
    // 04-22 are 04-02 … 04-22 with Good Friday 04-18. 04-02 … 04-16 (eleven
    // days) × 4.00 = 44.00; 04-17 5.00; 04-18 the last reported, 5.00;
    // 04-21, 04-22 × 6.00 = 12.00. Sum 66.00 / 15 = 22/5 = 4.40.
    let a = current_market_price_warrant(
        &s,
        &BTreeMap::new(),
        d("2003-04-23"),
        15,
        &[],
        Calendar::Business,
    )
    .unwrap();
    assert_eq!(a.prices[0].date, d("2003-04-02"));
    assert_eq!(a.value, exact(22, 5));
    assert_eq!(a.rounded.map(|r| r.0), Some(dec("4.40")));
    // Exchange days: the 15 trading days ending 04-22 skip Good Friday and
    // reach back to 04-01: 04-01 … 04-16 (twelve days) × 4.00 = 48.00;
    // 04-17 5.00; 12.00. Sum 65.00 / 15 = 13/3 = 4.3333… → 4.33.
    let b = current_market_price_warrant(
        &s,
        &BTreeMap::new(),
        d("2003-04-23"),
        15,
        &[],
        Calendar::Trading,
    )
    .unwrap();
    assert_eq!(b.prices[0].date, d("2003-04-01"));
    assert!(b.prices.iter().all(|p| p.date != d("2003-04-18")));
    assert_eq!(b.value, exact(13, 3));
    assert_eq!(b.rounded.map(|r| r.0), Some(dec("4.33")));
    // Without Thursday's close, the day named missing is the trading day
    // 04-17 whose price is needed — never the closed 04-18, which cannot
    // have one.
    let mut gap = PriceSeries::new();
    for (day, q) in s.iter() {
        if day != d("2003-04-17") {
            gap.insert(day, *q);
        }
    }
    let err = current_market_price_warrant(
        &gap,
        &BTreeMap::new(),
        d("2003-04-23"),
        15,
        &[],
        Calendar::Business,
    )
    .unwrap_err();
    assert_eq!(
        err,
        AverageError::MissingPrices {
            dates: vec![d("2003-04-17")]
        }
    );
}

#[test]
fn warrant_split_inside_the_window() {
    // Day in question Mon 2003-06-23 → last business day Fri 06-20; the 15
    // business days are 06-02 … 06-20 (no holidays). 2-for-1 split effective
    // 06-16: the ten days 06-02 … 06-13 closed at 40.00, the five days
    // 06-16 … 06-20 at 20.50.
    let mut s = PriceSeries::new();
    let mut day = d("2003-06-02");
    while day <= d("2003-06-20") {
        if Calendar::Business.is_open(day) {
            let close = if day < d("2003-06-16") {
                "40.00"
            } else {
                "20.50"
            };
            s.insert(
                day,
                DailyQuote {
                    close: Some(price(close)),
                    ..DailyQuote::default()
                },
            );
        }
        day = day.tomorrow().unwrap();
    }
    let splits = [
        SplitAdjustment {
            effective: d("2003-06-16"),
            factor: Exact::from_int(2),
        },
        // Before the window: ignored.
        SplitAdjustment {
            effective: d("2003-05-01"),
            factor: Exact::from_int(3),
        },
    ];
    let a = current_market_price_warrant(
        &s,
        &BTreeMap::new(),
        d("2003-06-23"),
        15,
        &splits,
        Calendar::Business,
    )
    .unwrap();
    // 10 × (40.00 / 2) + 5 × 20.50 = 200.00 + 102.50 = 302.50;
    // 302.50 / 15 = 121/6 = 20.1666… → cent 20.17.
    assert_eq!(a.value, exact(121, 6));
    assert_eq!(a.display, dec("20.1667"));
    assert_eq!(a.rounded.map(|r| r.0), Some(dec("20.17")));
    assert_eq!(a.prices[0].price, exact(20, 1));
    // A zero factor is refused, not divided by.
    let bad = [SplitAdjustment {
        effective: d("2003-06-16"),
        factor: Exact::zero(),
    }];
    assert!(matches!(
        current_market_price_warrant(
            &s,
            &BTreeMap::new(),
            d("2003-06-23"),
            15,
            &bad,
            Calendar::Business
        ),
        Err(AverageError::BadSplitFactor { .. })
    ));
}
