//! Hand-worked checks of the date arithmetic: anniversaries (including
//! February 29), months, Actual/360, quarter ends; and a property test that
//! no function panics anywhere in jiff's range.

use calendar::{
    actual_360, add_months, anniversary, anniversary_with, days_between, previous_quarter_end,
    quarter_end, quarter_ends_between, Calendar, Date, LeapDayRule,
};
use proptest::prelude::*;

fn d(s: &str) -> Date {
    s.parse().unwrap()
}

#[test]
fn anniversaries() {
    // Tenth anniversary of a 2000-03-22 closing: 2010-03-22.
    assert_eq!(anniversary(d("2000-03-22"), 10), d("2010-03-22"));
    // Feb 29, 2000 + 1 year: 2001 has no Feb 29 → Feb 28 by default …
    assert_eq!(anniversary(d("2000-02-29"), 1), d("2001-02-28"));
    // … or March 1 when the document says so.
    assert_eq!(
        anniversary_with(d("2000-02-29"), 1, LeapDayRule::Mar1),
        d("2001-03-01")
    );
    // + 4 years lands on a leap year: Feb 29 itself under both rules.
    assert_eq!(anniversary(d("2000-02-29"), 4), d("2004-02-29"));
    assert_eq!(
        anniversary_with(d("2000-02-29"), 4, LeapDayRule::Mar1),
        d("2004-02-29")
    );
    // 2000 + 100 = 2100 is not a leap year (divisible by 100, not by 400).
    assert_eq!(anniversary(d("2000-02-29"), 100), d("2100-02-28"));
    // Negative years go back.
    assert_eq!(anniversary(d("2004-02-29"), -1), d("2003-02-28"));
    // Saturation at the range edges.
    assert_eq!(anniversary(d("2000-01-01"), i16::MAX), Date::MAX);
    assert_eq!(anniversary(d("2000-01-01"), i16::MIN), Date::MIN);
}

#[test]
fn months() {
    // Jan 31 + 1 month: Feb has 29 days in 2000 → 2000-02-29.
    assert_eq!(add_months(d("2000-01-31"), 1), d("2000-02-29"));
    // 2001 is common → 2001-02-28.
    assert_eq!(add_months(d("2001-01-31"), 1), d("2001-02-28"));
    // Mar 31 − 1 month → Feb 28, 2001.
    assert_eq!(add_months(d("2001-03-31"), -1), d("2001-02-28"));
    // 2000-11-15 + 14 months = 2002-01-15.
    assert_eq!(add_months(d("2000-11-15"), 14), d("2002-01-15"));
    // 2000-01-15 − 13 months = 1998-12-15.
    assert_eq!(add_months(d("2000-01-15"), -13), d("1998-12-15"));
    assert_eq!(add_months(Date::MAX, 1), Date::MAX);
    assert_eq!(add_months(Date::MIN, -1), Date::MIN);
    assert_eq!(add_months(d("2000-01-01"), i32::MAX), Date::MAX);
    assert_eq!(add_months(d("2000-01-01"), i32::MIN), Date::MIN);
}

#[test]
fn day_counts_and_actual_360() {
    // 2000-03-22 → 2000-06-30: 9 (rest of March) + 30 + 31 + 30 = 100 days.
    assert_eq!(days_between(d("2000-03-22"), d("2000-06-30")), 100);
    assert_eq!(actual_360(d("2000-03-22"), d("2000-06-30")), (100, 360));
    // 2000-06-30 → 2000-09-30: 31 + 31 + 30 = 92 days.
    assert_eq!(actual_360(d("2000-06-30"), d("2000-09-30")), (92, 360));
    // A leap year: 2000-01-01 → 2001-01-01 = 366 days.
    assert_eq!(days_between(d("2000-01-01"), d("2001-01-01")), 366);
    assert_eq!(days_between(d("2001-01-01"), d("2000-01-01")), -366);
    // The whole range, no overflow: years −9999..=9999 are 19_999 years.
    // Leap years among them: multiples of 4 (−9996..=9996) 4_999, less
    // multiples of 100 (−9900..=9900) 199, plus multiples of 400
    // (−9600..=9600) 49 = 4_849. Days = 19_999 × 365 + 4_849 = 7_304_484;
    // MIN→MAX spans one fewer = 7_304_483.
    assert_eq!(days_between(Date::MIN, Date::MAX), 7_304_483);
}

#[test]
fn quarter_ends() {
    assert_eq!(quarter_end(d("2000-03-22")), d("2000-03-31"));
    assert_eq!(quarter_end(d("2000-03-31")), d("2000-03-31"));
    assert_eq!(quarter_end(d("2000-04-01")), d("2000-06-30"));
    assert_eq!(quarter_end(d("2000-08-15")), d("2000-09-30"));
    assert_eq!(quarter_end(d("2000-12-01")), d("2000-12-31"));
    assert_eq!(quarter_end(Date::MAX), Date::MAX);
    // (2000-03-22, 2001-01-01]: 3/31, 6/30, 9/30, 12/31 of 2000.
    assert_eq!(
        quarter_ends_between(d("2000-03-22"), d("2001-01-01")),
        vec![
            d("2000-03-31"),
            d("2000-06-30"),
            d("2000-09-30"),
            d("2000-12-31")
        ]
    );
    // From is excluded, to is included.
    assert_eq!(
        quarter_ends_between(d("2000-03-31"), d("2000-06-30")),
        vec![d("2000-06-30")]
    );
    assert!(quarter_ends_between(d("2000-06-30"), d("2000-03-31")).is_empty());
    assert_eq!(
        quarter_ends_between(d("9999-10-01"), Date::MAX),
        vec![Date::MAX]
    );
    assert_eq!(previous_quarter_end(d("2000-03-22")), d("1999-12-31"));
    assert_eq!(previous_quarter_end(d("2000-03-31")), d("1999-12-31"));
    assert_eq!(previous_quarter_end(d("2000-04-01")), d("2000-03-31"));
    assert_eq!(previous_quarter_end(d("2000-12-31")), d("2000-09-30"));
    assert_eq!(previous_quarter_end(Date::MIN), Date::MIN);
}

fn any_date() -> impl Strategy<Value = Date> {
    (-9999i16..=9999, 1i8..=12, 1i8..=31)
        .prop_map(|(y, m, dd)| Date::new(y, m, dd).unwrap_or(Date::new(y, m, 28).unwrap()))
}

proptest! {
    #[test]
    fn nothing_panics(a in any_date(), b in any_date(), n in -50i32..50, y in any::<i16>(), m in any::<i32>()) {
        for cal in [Calendar::Trading, Calendar::Business] {
            let _ = cal.closure_reason(a);
            let r = cal.next_open_on_or_after(a);
            prop_assert!(r >= a);
            let p = cal.previous_open_before(a);
            prop_assert!(p < a || a == Date::MIN);
            let w = cal.open_days_before(a, n.unsigned_abs() as usize);
            prop_assert!(w.windows(2).all(|x| x[0] < x[1]));
            let _ = cal.open_days_ending_on(a, n.unsigned_abs() as usize);
            let _ = cal.add_open_days(a, n);
        }
        let _ = anniversary(a, y);
        let _ = anniversary_with(a, y, LeapDayRule::Mar1);
        let _ = add_months(a, m);
        let _ = days_between(a, b);
        let q = quarter_end(a);
        prop_assert!(q >= a);
        prop_assert!(previous_quarter_end(a) < a || a <= Date::new(-9999, 3, 31).unwrap());
    }

    #[test]
    fn add_then_count_round_trips(a in any_date(), n in 1i32..40) {
        // Moving n trading days forward crosses exactly n open days,
        // unless the range end saturates.
        let t = Calendar::Trading;
        let b = t.add_open_days(a, n);
        if b != Date::MAX {
            prop_assert_eq!(t.open_days_between(a, b), n as u32);
        }
    }
}
