//! Calendars for executing securities documents: which days are US exchange
//! trading days and US business (banking) days, how to roll and count them,
//! and the plain date arithmetic (anniversaries, months, Actual/360, quarter
//! ends) that the instruments' clauses are written in.
//!
//! The Certificate of Designation averages prices over "consecutive trading
//! days"; the warrant averages over "consecutive business days"; dividend
//! periods end at quarter ends and accrue Actual/360. This crate answers
//! those questions exactly, for any date jiff can hold, without I/O, clocks
//! or panics. The rules were checked day by day against an independent
//! exchange calendar for 1990–2040 (see `tests/`).

#![warn(missing_docs)]

mod dates;
mod holidays;

pub use dates::{
    actual_360, add_months, anniversary, anniversary_with, days_between, previous_quarter_end,
    quarter_end, quarter_ends_between, LeapDayRule,
};
pub use holidays::{SpecialClosure, SPECIAL_CLOSURES};
/// The civil date type used across stockbook; re-exported so that other
/// crates name one date type and do not depend on jiff directly.
pub use jiff::civil::Date;

/// Which kind of day a clause counts.
///
/// The documents use two: "trading days" (days the US equity exchanges are
/// open) and "business days" (days US banks are open). They differ: Good
/// Friday and special closures are business days but not trading days;
/// Columbus Day and Veterans Day are trading days but not business days.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Calendar {
    /// US banking days: weekdays that are not Federal Reserve holidays.
    Business,
    /// US exchange trading days: weekdays that are not NYSE holidays or
    /// special closures. Nasdaq closes on the same days.
    Trading,
}

impl Calendar {
    /// Whether `d` is an open day of this calendar.
    pub fn is_open(self, d: Date) -> bool {
        self.closure_reason(d).is_none()
    }

    /// Why this calendar is closed on `d` (`"weekend"`, `"Good Friday"`,
    /// `"Hurricane Sandy"`, …), or `None` if it is open, so diagnostics can
    /// say why a date has no price.
    pub fn closure_reason(self, d: Date) -> Option<&'static str> {
        if holidays::is_weekend(d) {
            return Some(holidays::WEEKEND);
        }
        match self {
            Calendar::Business => holidays::bank_holiday(d),
            Calendar::Trading => {
                holidays::exchange_holiday(d).or_else(|| holidays::special_closure(d))
            }
        }
    }

    /// `d` if open, else the next open day after it: the "next succeeding
    /// business day" roll. Saturates at [`Date::MAX`] if no open day
    /// remains in jiff's range.
    pub fn next_open_on_or_after(self, d: Date) -> Date {
        let mut cur = d;
        loop {
            if self.is_open(cur) {
                return cur;
            }
            match cur.tomorrow() {
                Ok(n) => cur = n,
                Err(_) => return Date::MAX,
            }
        }
    }

    /// The last open day strictly before `d`, for "the last business day
    /// before the day in question". Saturates at [`Date::MIN`] if there is
    /// none in jiff's range.
    pub fn previous_open_before(self, d: Date) -> Date {
        let mut cur = d;
        loop {
            match cur.yesterday() {
                Ok(p) => cur = p,
                Err(_) => return Date::MIN,
            }
            if self.is_open(cur) {
                return cur;
            }
        }
    }

    /// The `n` open days immediately preceding `d` (`d` excluded), ascending:
    /// the window of "n consecutive trading days immediately preceding" a
    /// date. Shorter than `n` only if jiff's range starts first.
    pub fn open_days_before(self, d: Date, n: usize) -> Vec<Date> {
        let mut out = Vec::new();
        let mut cur = d;
        while out.len() < n {
            match cur.yesterday() {
                Ok(p) => cur = p,
                Err(_) => break,
            }
            if self.is_open(cur) {
                out.push(cur);
            }
        }
        out.reverse();
        out
    }

    /// The `n` open days ending on `d` (including `d` if it is open),
    /// ascending: the window of "n consecutive trading days" ending on a
    /// date. Shorter than `n` only if jiff's range starts first.
    pub fn open_days_ending_on(self, d: Date, n: usize) -> Vec<Date> {
        if n == 0 {
            return Vec::new();
        }
        if !self.is_open(d) {
            return self.open_days_before(d, n);
        }
        let mut out = self.open_days_before(d, n - 1);
        out.push(d);
        out
    }

    /// `d` moved by `n` open days: forward for `n > 0`, backward for
    /// `n < 0`, not counting `d` itself; `n == 0` returns `d` unchanged
    /// (even if closed — roll it with [`Calendar::next_open_on_or_after`]).
    /// Used for "within five business days after". Saturates at
    /// [`Date::MIN`]/[`Date::MAX`].
    pub fn add_open_days(self, d: Date, n: i32) -> Date {
        let mut cur = d;
        let mut left = n.unsigned_abs();
        while left > 0 {
            let step = if n > 0 {
                cur.tomorrow()
            } else {
                cur.yesterday()
            };
            match step {
                Ok(s) => cur = s,
                Err(_) => return if n > 0 { Date::MAX } else { Date::MIN },
            }
            if self.is_open(cur) {
                left -= 1;
            }
        }
        cur
    }

    /// How many open days lie in `(from, to]` — the count of days "after"
    /// `from` up to and including `to`; 0 if `to <= from`.
    pub fn open_days_between(self, from: Date, to: Date) -> u32 {
        let mut count = 0u32;
        let mut cur = from;
        while cur < to {
            match cur.tomorrow() {
                Ok(n) => cur = n,
                Err(_) => break,
            }
            if self.is_open(cur) {
                count = count.saturating_add(1);
            }
        }
        count
    }
}
