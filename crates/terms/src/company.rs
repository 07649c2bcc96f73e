//! Facts about the company itself, declared once in the journal and read by
//! every instrument that needs them (through [`crate::BookView`]), so two
//! term files can never assume two different answers to one question.

use calendar::Date;
use serde::Serialize;

/// The last day of the Company's fiscal year (month and day), from the
/// journal's `option fiscal-year-end MM-DD`.
///
/// A plan may bucket its per-person award limits by "fiscal year of the
/// Company"; registration rights' reporting covenants run from the fiscal
/// year's quarters and end. No instrument's document states the fiscal year:
/// it is a fact about the company, not a term of any one instrument.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct FiscalYearEnd {
    pub month: i8,
    pub day: i8,
}

impl FiscalYearEnd {
    /// `MM-DD` (e.g. `12-31`, `03-31`); February 29 is allowed and ends the
    /// year on February 28 in common years.
    pub fn parse(s: &str) -> Result<FiscalYearEnd, String> {
        let bad = || format!("`{s}` is not a month and day written MM-DD (e.g. 12-31)");
        let (m, d) = s.split_once('-').ok_or_else(bad)?;
        if m.len() != 2 || d.len() != 2 {
            return Err(bad());
        }
        let month: i8 = m.parse().map_err(|_| bad())?;
        let day: i8 = d.parse().map_err(|_| bad())?;
        // 2000 is a leap year: February 29 is a real month and day.
        Date::new(2000, month, day).map_err(|_| bad())?;
        Ok(FiscalYearEnd { month, day })
    }

    /// The last day of the fiscal year ending in calendar year `year`
    /// (February 29 falls back to February 28 in a common year).
    pub fn end_in(self, year: i16) -> Date {
        Date::new(year, self.month, self.day)
            .or_else(|_| Date::new(year, self.month, 28))
            .unwrap_or(Date::MIN)
    }

    /// The fiscal year (named by the calendar year it ends in) containing `d`.
    pub fn fiscal_year_of(self, d: Date) -> i16 {
        if d <= self.end_in(d.year()) {
            d.year()
        } else {
            d.year().saturating_add(1)
        }
    }
}

impl std::fmt::Display for FiscalYearEnd {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:02}-{:02}", self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i16, m: i8, day: i8) -> Date {
        Date::new(y, m, day).unwrap()
    }

    #[test]
    fn fiscal_years_are_named_by_the_year_they_end_in() {
        let march = FiscalYearEnd::parse("03-31").unwrap();
        // 2001-03-31 ends fiscal 2001; 2001-04-01 begins fiscal 2002.
        assert_eq!(march.fiscal_year_of(d(2001, 3, 31)), 2001);
        assert_eq!(march.fiscal_year_of(d(2001, 4, 1)), 2002);
        let december = FiscalYearEnd::parse("12-31").unwrap();
        // A calendar fiscal year: 2001-04-01 is in fiscal 2001.
        assert_eq!(december.fiscal_year_of(d(2001, 4, 1)), 2001);
        // A February 29 year end ends on February 28 in 2001 (common year).
        let leap = FiscalYearEnd::parse("02-29").unwrap();
        assert_eq!(leap.fiscal_year_of(d(2001, 2, 28)), 2001);
        assert_eq!(leap.fiscal_year_of(d(2001, 3, 1)), 2002);
        assert_eq!(leap.fiscal_year_of(d(2004, 2, 29)), 2004);
    }

    #[test]
    fn only_real_month_days_are_accepted() {
        for bad in ["13-01", "12-32", "02-30", "1231", "12/31", "", "12-3"] {
            assert!(FiscalYearEnd::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(FiscalYearEnd::parse("12-31").unwrap().to_string(), "12-31");
    }
}
