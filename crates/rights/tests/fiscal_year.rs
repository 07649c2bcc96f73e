//! The reporting covenant (RRA §9(b)) runs from the Company's fiscal year,
//! which the book declares once (`option fiscal-year-end`), not the term
//! file; and the term file's refusals name their field, line and column.

mod common;
use common::*;
use rights::Terms;

fn report_due(v: &Fake, form: &str) -> Option<calendar::Date> {
    rights::deadlines(&rra(), v)
        .iter()
        .find(|x| x.obligation.contains(form))
        .map(|x| x.due)
}

#[test]
fn the_report_calendar_follows_the_book_fiscal_year() {
    let v = book().on("2001-06-01");
    // Year ending December 31: the 10-Q for the quarter ended 2001-06-30 is
    // due 30 June + 45 days = 14 August 2001; the 10-K for 2000 was due
    // 2000-12-31 + 90 = 2001-03-31 (past), so the next is 2001-12-31 + 90 =
    // 2002-03-31.
    assert_eq!(report_due(&v, "10-Q"), Some(d("2001-08-14")));
    assert_eq!(report_due(&v, "10-K"), Some(d("2002-03-31")));
    // Year ending March 31: 2001-03-31 ends the fiscal year, its 10-K is
    // due 31 March + 90 days = 29 June 2001 (30 days of April, 31 of May,
    // 29 of June); 2001-06-30 ends a first quarter, its 10-Q due 2001-08-14.
    let mut march = v.clone();
    march.fiscal_year_end = terms::FiscalYearEnd::parse("03-31").ok();
    assert_eq!(report_due(&march, "10-K"), Some(d("2001-06-29")));
    assert_eq!(report_due(&march, "10-Q"), Some(d("2001-08-14")));
    // No fiscal year declared: no period end to count from, no report row.
    let mut none = v.clone();
    none.fiscal_year_undeclared = true;
    assert_eq!(report_due(&none, "10-K"), None);
}

#[test]
fn a_fiscal_year_in_the_term_file_is_refused_by_name() {
    // The RRA term file used to carry `fiscal_year_end_month = 12` in each
    // [[reports]] table: the field goes on the line after the first header.
    let at = RRA.find("[[reports]]\n").unwrap();
    let header = RRA[..at].lines().count() + 1;
    let text = RRA.replacen(
        "[[reports]]\n",
        "[[reports]]\nfiscal_year_end_month = 12\n",
        1,
    );
    let e = Terms::load(journal::FileId(0), &text).unwrap_err();
    assert_eq!(e.code, "T0002");
    assert_eq!(e.span.map(|s| s.line as usize), Some(header + 1));
    assert!(e.message.contains("company fact"), "{}", e.message);
}

#[test]
fn negative_days_are_refused_at_their_line() {
    // The second [[reports]] table's `due_days = 90` (the 10-K): -90 days
    // is no deadline. Refused at its own line, naming reports[1].
    let at = RRA.match_indices("due_days = 90").next().unwrap().0;
    let line = RRA[..at].lines().count() + 1;
    let text = RRA.replace("due_days = 90", "due_days = -90");
    let e = Terms::load(journal::FileId(0), &text).unwrap_err();
    assert_eq!(e.code, "T0501");
    assert_eq!(e.span.map(|s| (s.line as usize, s.col)), Some((line, 1)));
    assert!(e.message.contains("`reports[1].due_days`"), "{}", e.message);
    // A fraction above one (RRA §13 "a majority": 0.5) at its line.
    let text = RRA.replace("fraction = \"0.5\"", "fraction = \"1.5\"");
    let e = Terms::load(journal::FileId(0), &text).unwrap_err();
    assert!(e.message.contains("between 0 and 1"), "{}", e.message);
    assert!(e.span.is_some());
}
