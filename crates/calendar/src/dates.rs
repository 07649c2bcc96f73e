//! Plain calendar arithmetic the instruments need: anniversaries (with the
//! leap-day rule named), adding months, day counts, Actual/360 fractions and
//! calendar quarter ends.
//!
//! Every function is total over jiff's whole range (-9999-01-01 to
//! 9999-12-31): a result that would fall outside the range saturates to
//! [`Date::MIN`] or [`Date::MAX`] instead of panicking, and each function's
//! doc says so.

use jiff::civil::Date;

/// What an anniversary of February 29 is in a year without one.
///
/// The instruments count periods in years from a date ("the tenth
/// anniversary of the Closing Date"); a Feb 29 start has no same-day
/// anniversary in a common year, so the rule must be chosen explicitly.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum LeapDayRule {
    /// February 28: the last day of the same month. This is the
    /// corresponding-date rule: a period of years from Feb 29 ends on the
    /// last day of February, so the anniversary never falls after the month
    /// the start date belongs to has ended. The default.
    #[default]
    Feb28,
    /// March 1: the day after February 28, for documents that say a period
    /// from Feb 29 runs to the following day.
    Mar1,
}

/// The year-th anniversary of `start`, with a Feb 29 start landing on Feb 28
/// in a common year.
///
/// Why Feb 28: an anniversary must not fall after the end of the month the
/// start date names, and "one year from February 29" ends on February 28
/// under the common corresponding-date rule. Use [`anniversary_with`] and
/// [`LeapDayRule::Mar1`] for the alternative. Saturates to
/// [`Date::MIN`]/[`Date::MAX`] if the year leaves jiff's range.
pub fn anniversary(start: Date, years: i16) -> Date {
    anniversary_with(start, years, LeapDayRule::Feb28)
}

/// The year-th anniversary of `start` under an explicit leap-day rule, for
/// documents that pick March 1. Saturates to [`Date::MIN`]/[`Date::MAX`] if
/// the year leaves jiff's range.
pub fn anniversary_with(start: Date, years: i16, rule: LeapDayRule) -> Date {
    let year = i32::from(start.year()) + i32::from(years);
    let Some(year) = in_range_year(year) else {
        return if years < 0 { Date::MIN } else { Date::MAX };
    };
    match Date::new(year, start.month(), start.day()) {
        Ok(d) => d,
        // Only Feb 29 in a common year fails here.
        Err(_) => match rule {
            LeapDayRule::Feb28 => Date::new(year, 2, 28).unwrap_or(Date::MAX),
            LeapDayRule::Mar1 => Date::new(year, 3, 1).unwrap_or(Date::MAX),
        },
    }
}

/// `d` plus `months` calendar months, clamping the day to the end of the
/// target month (Jan 31 + 1 month = Feb 28 or 29), because a monthly period
/// from a month's last days ends on the shorter month's last day. Saturates
/// to [`Date::MIN`]/[`Date::MAX`] outside jiff's range.
pub fn add_months(d: Date, months: i32) -> Date {
    let total = i64::from(d.year()) * 12 + i64::from(d.month() - 1) + i64::from(months);
    let year = total.div_euclid(12);
    let month = (total.rem_euclid(12) + 1) as i8;
    let Some(year) = i32::try_from(year).ok().and_then(in_range_year) else {
        return if months < 0 { Date::MIN } else { Date::MAX };
    };
    let day = d.day().min(crate::holidays::days_in_month(year, month));
    Date::new(year, month, day).unwrap_or(if months < 0 { Date::MIN } else { Date::MAX })
}

/// Actual days from `from` to `to` (`to − from`; negative if `to` is
/// earlier), the day count every accrual clause starts from. Cannot overflow:
/// jiff's whole range is about 7.3 million days.
pub fn days_between(from: Date, to: Date) -> i32 {
    let diff = epoch_days(to) - epoch_days(from);
    // |diff| ≤ 7_304_483, far inside i32.
    i32::try_from(diff).unwrap_or(if diff < 0 { i32::MIN } else { i32::MAX })
}

/// The Actual/360 year fraction from `from` to `to` as an exact
/// (numerator, denominator) pair — actual days over 360 — so the caller can
/// divide exactly; never a float.
pub fn actual_360(from: Date, to: Date) -> (i32, i32) {
    (days_between(from, to), 360)
}

/// The calendar quarter end (3/31, 6/30, 9/30, 12/31) on or after `d`, for
/// dividend periods that end at quarter ends. Always representable (the
/// last day of jiff's range is itself a quarter end).
pub fn quarter_end(d: Date) -> Date {
    let month = ((d.month() - 1) / 3 + 1) * 3;
    let day = if month == 3 || month == 12 { 31 } else { 30 };
    Date::new(d.year(), month, day).unwrap_or(Date::MAX)
}

/// The calendar quarter ends in `(from, to]`, ascending — the dividend
/// period ends a holding period spans. Empty if `to <= from`.
pub fn quarter_ends_between(from: Date, to: Date) -> Vec<Date> {
    let mut out = Vec::new();
    if to <= from {
        return out;
    }
    let mut q = quarter_end(from);
    if q == from {
        q = next_quarter_end(q);
    }
    while q > from && q <= to {
        out.push(q);
        if q == Date::MAX {
            break;
        }
        q = next_quarter_end(q);
    }
    out
}

/// The last calendar quarter end strictly before `d` (the end of the
/// previous dividend period). Saturates to [`Date::MIN`] in jiff's first
/// quarter, which has no earlier quarter end.
pub fn previous_quarter_end(d: Date) -> Date {
    let start_month = ((d.month() - 1) / 3) * 3 + 1;
    Date::new(d.year(), start_month, 1)
        .ok()
        .and_then(|s| s.yesterday().ok())
        .unwrap_or(Date::MIN)
}

/// The quarter end after a quarter end `q`, saturating at [`Date::MAX`].
fn next_quarter_end(q: Date) -> Date {
    q.tomorrow().map(quarter_end).unwrap_or(Date::MAX)
}

/// A year as `i16` if jiff can hold it.
fn in_range_year(year: i32) -> Option<i16> {
    if (-9999..=9999).contains(&year) {
        i16::try_from(year).ok()
    } else {
        None
    }
}

/// Days since 1970-01-01 (proleptic Gregorian), by Howard Hinnant's
/// `days_from_civil`; plain integer arithmetic that cannot fail.
pub(crate) fn epoch_days(d: Date) -> i64 {
    let (y, m, day) = (
        i64::from(d.year()),
        i64::from(d.month()),
        i64::from(d.day()),
    );
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}
