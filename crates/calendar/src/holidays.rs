//! The holiday rules of the two calendars the documents use: US exchange
//! trading days (NYSE; Nasdaq closes on the same days) and US business days
//! (banking days, i.e. the Federal Reserve's holidays).
//!
//! The rules are computed, not tabulated, so that any year works; only the
//! one-off market closures (funerals, national days of mourning, storms,
//! September 11) are a table, [`SPECIAL_CLOSURES`], because no rule predicts
//! them. Every function here is total: it never panics for any
//! [`Date`] jiff can represent.

use jiff::civil::{date, Date, Weekday};

/// A one-off closure of the US equity markets that no holiday rule predicts.
///
/// These matter because the Certificate's averages are taken over
/// "consecutive trading days": a window that crosses one of these days is
/// one day longer in calendar time than the rules alone would say.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct SpecialClosure {
    /// The day the markets were closed for the whole session.
    pub date: Date,
    /// Why they were closed, as reported by [`crate::Calendar::closure_reason`].
    pub reason: &'static str,
}

/// Every unscheduled full-day closure of the NYSE (and Nasdaq) from 1985 on.
///
/// Kept in date order. These are market closures only: none of them was a
/// Federal Reserve holiday, so they do not affect [`crate::Calendar::Business`].
pub const SPECIAL_CLOSURES: &[SpecialClosure] = &[
    SpecialClosure {
        date: date(1985, 9, 27),
        reason: "Hurricane Gloria",
    },
    SpecialClosure {
        date: date(1994, 4, 27),
        reason: "Richard Nixon funeral",
    },
    SpecialClosure {
        date: date(2001, 9, 11),
        reason: "September 11 attacks",
    },
    SpecialClosure {
        date: date(2001, 9, 12),
        reason: "September 11 attacks",
    },
    SpecialClosure {
        date: date(2001, 9, 13),
        reason: "September 11 attacks",
    },
    SpecialClosure {
        date: date(2001, 9, 14),
        reason: "September 11 attacks",
    },
    SpecialClosure {
        date: date(2004, 6, 11),
        reason: "Ronald Reagan funeral",
    },
    SpecialClosure {
        date: date(2007, 1, 2),
        reason: "Gerald Ford national day of mourning",
    },
    SpecialClosure {
        date: date(2012, 10, 29),
        reason: "Hurricane Sandy",
    },
    SpecialClosure {
        date: date(2012, 10, 30),
        reason: "Hurricane Sandy",
    },
    SpecialClosure {
        date: date(2018, 12, 5),
        reason: "George H. W. Bush national day of mourning",
    },
    SpecialClosure {
        date: date(2025, 1, 9),
        reason: "Jimmy Carter national day of mourning",
    },
];

pub(crate) const WEEKEND: &str = "weekend";
pub(crate) const NEW_YEAR: &str = "New Year's Day";
pub(crate) const MLK: &str = "Martin Luther King Jr. Day";
pub(crate) const WASHINGTON: &str = "Washington's Birthday";
pub(crate) const GOOD_FRIDAY: &str = "Good Friday";
pub(crate) const MEMORIAL: &str = "Memorial Day";
pub(crate) const JUNETEENTH: &str = "Juneteenth National Independence Day";
pub(crate) const INDEPENDENCE: &str = "Independence Day";
pub(crate) const LABOR: &str = "Labor Day";
pub(crate) const COLUMBUS: &str = "Columbus Day";
pub(crate) const VETERANS: &str = "Veterans Day";
pub(crate) const THANKSGIVING: &str = "Thanksgiving Day";
pub(crate) const CHRISTMAS: &str = "Christmas Day";

/// Whether `d` falls on a Saturday or Sunday.
pub(crate) fn is_weekend(d: Date) -> bool {
    matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday)
}

/// Monday = 0 … Sunday = 6.
fn weekday_index(d: Date) -> i8 {
    d.weekday().to_monday_zero_offset()
}

/// Days in a month of a year, without touching jiff's fallible constructors.
pub(crate) fn days_in_month(year: i16, month: i8) -> i8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 31,
    }
}

/// Gregorian leap year rule.
pub(crate) fn is_leap(year: i16) -> bool {
    let y = i32::from(year);
    y.rem_euclid(4) == 0 && (y.rem_euclid(100) != 0 || y.rem_euclid(400) == 0)
}

/// The day of the month of the `nth` (1-based) `weekday` (Monday = 0) in a
/// month, or `None` if the month cannot be built (outside jiff's range).
fn nth_weekday(year: i16, month: i8, weekday: i8, nth: i8) -> Option<i8> {
    let first = Date::new(year, month, 1).ok()?;
    let offset = (weekday - weekday_index(first)).rem_euclid(7);
    Some(1 + offset + 7 * (nth - 1))
}

/// The day of the month of the last `weekday` (Monday = 0) in a month.
fn last_weekday(year: i16, month: i8, weekday: i8) -> Option<i8> {
    let dim = days_in_month(year, month);
    let last = Date::new(year, month, dim).ok()?;
    let back = (weekday_index(last) - weekday).rem_euclid(7);
    Some(dim - back)
}

/// Easter Sunday (month, day) by the anonymous Gregorian computus
/// (Meeus/Jones/Butcher). Pure integer arithmetic on `i32`, so it is defined
/// for every year jiff can hold, including zero and negative years.
pub(crate) fn easter(year: i16) -> (i8, i8) {
    let y = i32::from(year);
    let a = y.rem_euclid(19);
    let b = y.div_euclid(100);
    let c = y.rem_euclid(100);
    let d = b.div_euclid(4);
    let e = b.rem_euclid(4);
    let f = (b + 8).div_euclid(25);
    let g = (b - f + 1).div_euclid(3);
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c.div_euclid(4);
    let k = c.rem_euclid(4);
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l).div_euclid(451);
    let month = (h + l - 7 * m + 114).div_euclid(31);
    let day = (h + l - 7 * m + 114).rem_euclid(31) + 1;
    // month is 3 or 4 and day 1..=31 by construction; the casts cannot truncate.
    (month as i8, day as i8)
}

/// Good Friday (month, day): two days before Easter Sunday. Easter is never
/// earlier than March 22, so Good Friday is never earlier than March 20.
fn good_friday(year: i16) -> (i8, i8) {
    let (m, d) = easter(year);
    if d > 2 {
        (m, d - 2)
    } else {
        // April 1 → March 30, April 2 → March 31.
        (3, 29 + d)
    }
}

/// How a fixed-date holiday that falls on a weekend is observed.
#[derive(Clone, Copy)]
struct Observance {
    /// A Saturday holiday is observed on the Friday before.
    saturday_to_friday: bool,
}

/// Whether a fixed-date holiday on (`hm`, `hd`) closes `d` under `obs`.
/// Sunday holidays always move to Monday.
fn fixed_holiday_hits(d: Date, hm: i8, hd: i8, obs: Observance) -> bool {
    let Ok(actual) = Date::new(d.year(), hm, hd) else {
        return false;
    };
    if actual == d {
        return true;
    }
    match actual.weekday() {
        Weekday::Sunday => actual.tomorrow().ok() == Some(d),
        Weekday::Saturday if obs.saturday_to_friday => actual.yesterday().ok() == Some(d),
        _ => false,
    }
}

/// The NYSE holiday (not weekend, not special closure) falling on `d`.
///
/// Rules: New Year's Day (Sunday → Monday; a Saturday New Year is not moved
/// to the Friday before, because that Friday closes the year's books —
/// NYSE Rule 7.2); Martin Luther King Jr. Day from 1998; Washington's
/// Birthday; Good Friday; Memorial Day; Juneteenth from 2022; Independence
/// Day; Labor Day; Thanksgiving; Christmas. Other fixed-date holidays move
/// Saturday → Friday and Sunday → Monday.
pub(crate) fn exchange_holiday(d: Date) -> Option<&'static str> {
    let (y, m, day) = (d.year(), d.month(), d.day());
    let move_both = Observance {
        saturday_to_friday: true,
    };
    let sunday_only = Observance {
        saturday_to_friday: false,
    };
    if m == 1 && fixed_holiday_hits(d, 1, 1, sunday_only) {
        return Some(NEW_YEAR);
    }
    if m == 1 && y >= 1998 && nth_weekday(y, 1, 0, 3) == Some(day) {
        return Some(MLK);
    }
    if m == 2 && nth_weekday(y, 2, 0, 3) == Some(day) {
        return Some(WASHINGTON);
    }
    if (m, day) == good_friday(y) {
        return Some(GOOD_FRIDAY);
    }
    if m == 5 && last_weekday(y, 5, 0) == Some(day) {
        return Some(MEMORIAL);
    }
    if m == 6 && y >= 2022 && fixed_holiday_hits(d, 6, 19, move_both) {
        return Some(JUNETEENTH);
    }
    if m == 7 && fixed_holiday_hits(d, 7, 4, move_both) {
        return Some(INDEPENDENCE);
    }
    if m == 9 && nth_weekday(y, 9, 0, 1) == Some(day) {
        return Some(LABOR);
    }
    if m == 11 && nth_weekday(y, 11, 3, 4) == Some(day) {
        return Some(THANKSGIVING);
    }
    if m == 12 && fixed_holiday_hits(d, 12, 25, move_both) {
        return Some(CHRISTMAS);
    }
    None
}

/// The Federal Reserve holiday falling on `d`.
///
/// Rules: New Year's Day, Martin Luther King Jr. Day (from 1986),
/// Washington's Birthday, Memorial Day, Juneteenth (from 2021), Independence
/// Day, Labor Day, Columbus Day (second Monday of October), Veterans Day
/// (November 11), Thanksgiving, Christmas. A Sunday holiday is observed the
/// Monday after; a Saturday holiday is not moved (the Fed stays open on the
/// Friday before), so it simply falls on a weekend.
pub(crate) fn bank_holiday(d: Date) -> Option<&'static str> {
    let (y, m, day) = (d.year(), d.month(), d.day());
    let sunday_only = Observance {
        saturday_to_friday: false,
    };
    if m == 1 && fixed_holiday_hits(d, 1, 1, sunday_only) {
        return Some(NEW_YEAR);
    }
    if m == 1 && y >= 1986 && nth_weekday(y, 1, 0, 3) == Some(day) {
        return Some(MLK);
    }
    if m == 2 && nth_weekday(y, 2, 0, 3) == Some(day) {
        return Some(WASHINGTON);
    }
    if m == 5 && last_weekday(y, 5, 0) == Some(day) {
        return Some(MEMORIAL);
    }
    if m == 6 && y >= 2021 && fixed_holiday_hits(d, 6, 19, sunday_only) {
        return Some(JUNETEENTH);
    }
    if m == 7 && fixed_holiday_hits(d, 7, 4, sunday_only) {
        return Some(INDEPENDENCE);
    }
    if m == 9 && nth_weekday(y, 9, 0, 1) == Some(day) {
        return Some(LABOR);
    }
    if m == 10 && nth_weekday(y, 10, 0, 2) == Some(day) {
        return Some(COLUMBUS);
    }
    if m == 11 && fixed_holiday_hits(d, 11, 11, sunday_only) {
        return Some(VETERANS);
    }
    if m == 11 && nth_weekday(y, 11, 3, 4) == Some(day) {
        return Some(THANKSGIVING);
    }
    if m == 12 && fixed_holiday_hits(d, 12, 25, sunday_only) {
        return Some(CHRISTMAS);
    }
    None
}

/// The special closure on `d`, if any.
pub(crate) fn special_closure(d: Date) -> Option<&'static str> {
    SPECIAL_CLOSURES
        .iter()
        .find(|s| s.date == d)
        .map(|s| s.reason)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn easter_known_years() {
        // Published Easter Sundays.
        assert_eq!(easter(2000), (4, 23));
        assert_eq!(easter(2002), (3, 31));
        assert_eq!(easter(2008), (3, 23));
        assert_eq!(easter(2011), (4, 24));
        assert_eq!(easter(2024), (3, 31));
        assert_eq!(easter(2038), (4, 25));
        assert_eq!(easter(2285), (3, 22));
    }

    #[test]
    fn good_friday_crossing_into_march() {
        // Easter 2018-04-01 → Good Friday 2018-03-30.
        assert_eq!(easter(2018), (4, 1));
        assert_eq!(good_friday(2018), (3, 30));
        // Easter 2029-04-01 → Good Friday 2029-03-30.
        assert_eq!(good_friday(2029), (3, 30));
    }

    #[test]
    fn special_closures_sorted() {
        assert!(SPECIAL_CLOSURES.windows(2).all(|w| w[0].date < w[1].date));
    }
}
