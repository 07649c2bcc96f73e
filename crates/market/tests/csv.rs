//! Price-file reading: every bad cell reported with line and column, good
//! rows kept, columns found by header name, and no panic on any input.

use calendar::Date;
use journal::{FileId, Severity, SourceMap};
use market::{codes, parse_prices};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn d(s: &str) -> Date {
    s.parse().unwrap()
}

#[test]
fn every_error_has_line_and_column() {
    let text = "\
date,close,bid,ask,volume
2002-03-18,10.00,,,1000
2002-02-30,10.00,,,
2002-03-19,abc,,,
2002-03-20,-1.5,,,
2002-03-18,10.00,,,
2002-03-29,10.00,,,
2002-03-21,10.00,,,12.5
2002-03-22,10.00
# a comment

 2002-03-25 , 10.50 ,,,
";
    let (series, diags) = parse_prices(FileId(3), text);
    let got: Vec<(&str, Severity, u32, u32)> = diags
        .iter()
        .map(|g| {
            let s = g.span.unwrap();
            assert_eq!(s.file, FileId(3));
            (g.code, g.severity, s.line, s.col)
        })
        .collect();
    assert_eq!(
        got,
        vec![
            // Feb 30 does not exist: the date cell, column 1.
            (codes::BAD_DATE, Severity::Error, 3, 1),
            // `abc` starts after "2002-03-19," = 11 characters → column 12.
            (codes::BAD_NUMBER, Severity::Error, 4, 12),
            (codes::NEGATIVE_PRICE, Severity::Error, 5, 12),
            // Second row for 03-18 (first on line 2).
            (codes::DUPLICATE_DATE, Severity::Error, 6, 1),
            // Good Friday: kept, with a warning.
            (codes::NON_TRADING_DAY, Severity::Warning, 7, 1),
            // "2002-03-21,10.00,,," is 19 characters → volume at column 20.
            (codes::BAD_NUMBER, Severity::Error, 8, 20),
            // Two cells where the header has five.
            (codes::CELL_COUNT, Severity::Error, 9, 1),
        ]
    );
    assert!(diags[3].message.contains("line 2"), "{}", diags[3].message);
    // Kept: 03-18 (line 2), 03-29 (warning only), 03-25 (spaces trimmed).
    let kept: Vec<Date> = series.iter().map(|(day, _)| day).collect();
    assert_eq!(
        kept,
        vec![d("2002-03-18"), d("2002-03-25"), d("2002-03-29")]
    );
    let q = series.get(d("2002-03-25")).unwrap();
    assert_eq!(q.close.unwrap().value(), Decimal::new(1050, 2));
    assert_eq!(q.line, 12);
    assert_eq!(series.get(d("2002-03-18")).unwrap().volume, Some(1000));
    // The diagnostic renders with a caret under the bad cell.
    let mut sm = SourceMap::new();
    let f = sm.add("acme.csv", text);
    let (_, diags) = parse_prices(f, text);
    let r = diags[1].render(&sm);
    assert!(r.contains("--> acme.csv:4:12"), "{r}");
}

#[test]
fn columns_by_name_in_any_order() {
    let text =
        "# volume first\nVolume, Close ,date,extra\n1_000,12.345,2002-03-18,x\n,,2002-03-19,\n";
    let (series, diags) = parse_prices(FileId(0), text);
    // Only the unknown column draws a warning. "Volume, Close ,date," is
    // 6 + 1 + 7 + 1 + 4 + 1 = 20 characters → `extra` at line 2 column 21.
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(diags[0].code, codes::UNKNOWN_COLUMN);
    assert_eq!(diags[0].span.map(|s| (s.line, s.col)), Some((2, 21)));
    let q = series.get(d("2002-03-18")).unwrap();
    assert_eq!(q.close.unwrap().value(), Decimal::new(12345, 3));
    assert_eq!(q.volume, Some(1000));
    // A row with blank cells is a day with no quotes at all.
    let q = series.get(d("2002-03-19")).unwrap();
    assert_eq!((q.close, q.bid, q.ask, q.volume), (None, None, None, None));
}

#[test]
fn header_problems() {
    let (_, diags) = parse_prices(FileId(0), "# only comments\n\n");
    assert_eq!(diags[0].code, codes::BAD_HEADER);
    let (s, diags) = parse_prices(FileId(0), "date,bid,bid\n2002-03-18,1,2\n");
    let codes_seen: Vec<&str> = diags.iter().map(|g| g.code).collect();
    assert_eq!(codes_seen, vec![codes::BAD_HEADER, codes::MISSING_COLUMN]);
    assert_eq!(s.len(), 1);
    // CRLF line endings are fine.
    let (s, diags) = parse_prices(FileId(0), "date,close\r\n2002-03-18,1.5\r\n");
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(s.len(), 1);
}

#[test]
fn quoted_fields_embedded_commas_and_a_byte_order_mark() {
    // Written by a spreadsheet: a UTF-8 BOM, quoted header names, a quoted
    // price with a grouping comma, a quoted volume with grouping commas, an
    // embedded doubled quote in an ignored column, and CRLF endings.
    let text = "\u{feff}\"date\",\"close\",\"volume\",\"note\"\r\n\
2002-03-18,\"1,234.50\",\"1,000\",\"said \"\"hi\"\", then left\"\r\n\
2002-03-19,\"abc\",,\r\n";
    let (series, diags) = parse_prices(FileId(0), text);
    let got: Vec<(&str, u32, u32, u32)> = diags
        .iter()
        .map(|g| {
            let s = g.span.unwrap();
            (g.code, s.line, s.col, s.len)
        })
        .collect();
    assert_eq!(
        got,
        vec![
            // The BOM is not a column: `"note"` starts after
            // `"date","close","volume",` = 6 + 1 + 7 + 1 + 8 + 1 = 24
            // characters → column 25, 6 characters with its quotes.
            (codes::UNKNOWN_COLUMN, 1, 25, 6),
            // `"abc"` starts after `2002-03-19,` (11 characters) → column
            // 12, 5 characters with its quotes.
            (codes::BAD_NUMBER, 3, 12, 5),
        ]
    );
    // "1,234.50" is one cell: $1,234.50; "1,000" is 1,000 shares.
    let q = series.get(d("2002-03-18")).unwrap();
    assert_eq!(q.close.unwrap().value(), Decimal::new(123450, 2));
    assert_eq!(q.volume, Some(1000));
    assert_eq!(q.line, 2);
    assert_eq!(series.len(), 1);
}

#[test]
fn a_header_that_does_not_fit_the_rows_reports_twenty_and_a_count() {
    // Semicolons in the header: one column, while every one of 500 rows
    // has two cells. 500 CELL_COUNT errors would bury the header's own.
    let mut text = String::from("date;close\n");
    let mut day = d("2002-01-02");
    for _ in 0..500 {
        text.push_str(&format!("{day},1.00\n"));
        day = day.tomorrow().unwrap();
    }
    let (_, diags) = parse_prices(FileId(0), &text);
    let count = |code: &str| diags.iter().filter(|g| g.code == code).count();
    // The header: `date;close` unknown (warning), no `date`, no `close`.
    assert_eq!(count(codes::UNKNOWN_COLUMN), 1);
    assert_eq!(count(codes::MISSING_COLUMN), 2);
    // Rows: the first 20 listed (lines 2 … 21), then one summary for the
    // other 480 = 500 − 20, at the first row not listed (line 22).
    assert_eq!(count(codes::CELL_COUNT), 21);
    let last = diags.iter().rfind(|g| g.code == codes::CELL_COUNT).unwrap();
    assert!(
        last.message.starts_with("and 480 more like it"),
        "{}",
        last.message
    );
    assert_eq!(last.span.map(|s| s.line), Some(22));
    assert_eq!(diags.len(), 24);
}

proptest! {
    #[test]
    fn never_panics_on_any_text(text in "\\PC{0,200}") {
        let _ = parse_prices(FileId(0), &text);
    }

    #[test]
    fn never_panics_on_csv_like_text(
        rows in proptest::collection::vec("[0-9,.\\- #a-z]{0,30}", 0..10)
    ) {
        let text = format!("date,close,bid,ask,volume\n{}", rows.join("\n"));
        let (_, diags) = parse_prices(FileId(0), &text);
        for g in diags {
            prop_assert!(g.span.map(|s| s.line >= 1 && s.col >= 1).unwrap_or(true));
        }
    }
}
