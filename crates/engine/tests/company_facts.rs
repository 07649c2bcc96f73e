//! The Company's fiscal year: one fact declared once in the journal
//! (`option fiscal-year-end`) and heard by every instrument that counts by
//! fiscal year, here the 1998 Incentive Plan's §4.d Cash Performance limit.

use calendar::Date;
use engine::{load, replay};
use terms::{BookView, FiscalYearEnd};

const PLAN_TERMS: &str = include_str!("../../../examples/ctc/terms/incentive-plan-1998.toml");

fn book(text: &str) -> engine::LoadResult {
    load("book.journal", text, &mut |p| {
        if p.ends_with("plan.toml") {
            Ok(PLAN_TERMS.to_string())
        } else {
            Err(format!("no file {p}"))
        }
    })
}

/// A book whose only difference is its fiscal year end option line.
fn plan_book(option: &str) -> String {
    format!(
        "{option}
2000-01-01 security common \"Common Stock\"
  class: common
  authorized: 100000000
2000-01-01 holder alice \"Alice\"
2000-01-01 instrument plan-1998 equity-plan \"1998 Incentive Plan\"
  terms: plan.toml
2000-01-02 participant plan-1998 alice
  status: employee
2000-04-01 grant plan-1998 c1 alice cash-performance 600000
  performance-period: 2000-04-01..2001-03-31
2000-10-01 grant plan-1998 c2 alice cash-performance 400001
  performance-period: 2000-10-01..2001-04-30
"
    )
}

fn rejected_codes(text: &str) -> Vec<&'static str> {
    let r = book(text);
    assert!(!r.has_errors(), "{:?}", r.diagnostics);
    let s = replay(&r.book, Date::new(2001, 12, 31).unwrap());
    s.rejections.iter().map(|x| x.rejection.code).collect()
}

#[test]
fn the_plan_hears_the_book_fiscal_year() {
    // December 31: both periods (ending 2001-03-31 and 2001-04-30) end in
    // fiscal 2001, $600,000 + $400,001 = $1,000,001 > $1,000,000: §4.d(A)
    // refuses the second grant.
    assert_eq!(
        rejected_codes(&plan_book("option fiscal-year-end 12-31")),
        ["R0407"]
    );
    // March 31: 2001-04-30 is in fiscal 2002, a separate limit: both fit.
    assert!(rejected_codes(&plan_book("option fiscal-year-end 03-31")).is_empty());
    // Undeclared: the Plan cannot bucket either award, and says what to add.
    assert_eq!(rejected_codes(&plan_book("")), ["R0447", "R0447"]);
}

#[test]
fn the_view_reports_the_declared_fiscal_year_end() {
    let r = book(&plan_book("option fiscal-year-end 03-31"));
    let s = replay(&r.book, Date::new(2000, 6, 30).unwrap());
    assert_eq!(
        s.view(&r.book).fiscal_year_end(),
        Some(FiscalYearEnd { month: 3, day: 31 })
    );
}

#[test]
fn a_bad_or_second_fiscal_year_end_is_an_error_at_its_value() {
    let r = book("option fiscal-year-end 13-31\n");
    let e = r.diagnostics.iter().find(|d| d.code == "E0110").unwrap();
    // The value starts at column 24 of line 1 ("option fiscal-year-end " is 23 characters).
    assert_eq!(e.span.map(|s| (s.line, s.col)), Some((1, 24)));
    let r = book("option fiscal-year-end 12-31\noption fiscal-year-end 03-31\n");
    let e = r.diagnostics.iter().find(|d| d.code == "E0112").unwrap();
    assert_eq!(e.span.map(|s| s.line), Some(2));
    // Repeating the same value is no contradiction.
    let r = book("option fiscal-year-end 12-31\noption fiscal-year-end 12-31\n");
    assert!(!r.has_errors(), "{:?}", r.diagnostics);
}
