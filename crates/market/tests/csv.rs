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
