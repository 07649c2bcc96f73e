//! Hand-worked Rule 144 weekly volume averages.

use calendar::{Calendar, Date};
use market::{weekly_volume_average, AverageError, DailyQuote, PriceSeries};
use rust_decimal::Decimal;
use units::Exact;

fn d(s: &str) -> Date {
    s.parse().unwrap()
}

/// Volumes for every trading day of March 2002: 1,000 a day, except the
/// week of Mon 03-25 (four trading days; Good Friday shut) at 1,500 a day.
fn march() -> PriceSeries {
    let mut s = PriceSeries::new();
    let mut day = d("2002-03-01");
    while day <= d("2002-03-31") {
        if Calendar::Trading.is_open(day) {
            let v = if day >= d("2002-03-25") { 1_500 } else { 1_000 };
            s.insert(
                day,
                DailyQuote {
                    volume: Some(v),
                    ..DailyQuote::default()
                },
            );
        }
        day = day.tomorrow().unwrap();
    }
    s
}

#[test]
fn four_complete_weeks_before_the_filing_week() {
    // Filing Wed 2002-04-03 is in the week of Mon 04-01. The four weeks
    // before: 03-04 (5 × 1,000 = 5,000), 03-11 (5,000), 03-18 (5,000),
    // 03-25 (4 × 1,500 = 6,000; Good Friday shut). Total 21,000 / 4 = 5,250.
    let a = weekly_volume_average(&march(), d("2002-04-03"), 4).unwrap();
    assert_eq!(
        a.weeks,
        vec![
            (d("2002-03-04"), 5_000),
            (d("2002-03-11"), 5_000),
            (d("2002-03-18"), 5_000),
            (d("2002-03-25"), 6_000)
        ]
    );
    assert_eq!(a.value, Exact::from_int(5_250));
    assert_eq!(a.display, Decimal::new(52_500_000, 4));
    // A Sunday filing (04-07) belongs to the same Mon–Sun week: same weeks.
    let b = weekly_volume_average(&march(), d("2002-04-07"), 4).unwrap();
    assert_eq!(b.weeks, a.weeks);
}

#[test]
fn non_terminating_weekly_average() {
    // Three weeks before Mon 2002-04-01: 5,000 + 5,000 + 6,000 = 16,000;
    // 16,000 / 3 = 5,333.333… → display 5333.3333.
    let a = weekly_volume_average(&march(), d("2002-04-01"), 3).unwrap();
    assert_eq!(a.value, Exact::ratio(16_000, 3).unwrap());
    assert_eq!(a.display, Decimal::new(53_333_333, 4));
}

#[test]
fn missing_volumes_are_listed() {
    // Filing Wed 2002-03-13: weeks of 02-11, 02-18, 02-25, 03-04. The
    // series starts 03-01: February's trading days are all missing
    // (02-18 is Presidents' Day, not a trading day, so not listed).
    let err = weekly_volume_average(&march(), d("2002-03-13"), 4).unwrap_err();
    let AverageError::MissingVolumes { dates } = err else {
        panic!("expected MissingVolumes, got {err:?}");
    };
    // 02-11..15 (5) + 02-19..22 (4) + 02-25..28 (4) = 13 days.
    assert_eq!(dates.len(), 13);
    assert_eq!(dates[0], d("2002-02-11"));
    assert!(!dates.contains(&d("2002-02-18")));
    assert_eq!(dates[12], d("2002-02-28"));
    assert_eq!(
        weekly_volume_average(&march(), d("2002-04-03"), 0).unwrap_err(),
        AverageError::EmptyWindow
    );
}
