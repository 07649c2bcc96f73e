//! Price files: one CSV per security, `date,close[,bid,ask,volume]`, read
//! into a [`PriceSeries`].
//!
//! The documents price the Common Stock from daily quotes (last trade, or the
//! average of bid and ask), so a price file is the evidence behind every
//! average this crate computes. Reading one never stops at the first
//! problem and never panics: each bad cell becomes a [`Diagnostic`] with its
//! line and column, and the good rows are kept.
//!
//! Format: CSV (RFC 4180 quoting: a cell may be quoted, with embedded
//! commas and doubled quotes; a UTF-8 byte-order mark is allowed), read
//! with the `csv` crate. A header row names the columns (order free, names
//! case-insensitive; `date` and `close` required, `bid`, `ask`, `volume`
//! optional); `#` comment lines and blank lines anywhere; one row per day.
//! Cells other than `date` may be blank. Prices are exact decimals (never
//! floats; grouping commas allowed in a quoted cell, `"1,234.50"`) and must
//! not be negative; volume is a whole number of shares.

use std::collections::BTreeMap;

use calendar::{Calendar, Date};
use journal::{Diagnostic, FileId, Span};
use rust_decimal::Decimal;
use units::Price;

/// Diagnostic codes of price files; stable, never reused.
pub mod codes {
    /// The header row is missing, or names a column twice or an unknown column.
    pub const BAD_HEADER: &str = "E0701";
    /// The header lacks a required column (`date` or `close`).
    pub const MISSING_COLUMN: &str = "E0702";
    /// A row has a different number of cells from the header.
    pub const CELL_COUNT: &str = "E0703";
    /// A date cell is not a real `YYYY-MM-DD` date.
    pub const BAD_DATE: &str = "E0704";
    /// A price or volume cell is not an exact decimal / whole number.
    pub const BAD_NUMBER: &str = "E0705";
    /// A price is negative.
    pub const NEGATIVE_PRICE: &str = "E0706";
    /// A second row for a date already given.
    pub const DUPLICATE_DATE: &str = "E0707";
    /// A row for a day the exchanges were closed (warning: the row is kept
    /// but no trading-day window will use it).
    pub const NON_TRADING_DAY: &str = "W0708";
    /// An unknown column in the header (warning: the column is ignored).
    pub const UNKNOWN_COLUMN: &str = "W0709";
}

/// One day's quotes for a security, as reported. Every field may be absent:
/// the Market Price definition falls back from the last trade to the bid/ask
/// average, so a day can be priced without a trade.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DailyQuote {
    /// The last trade (closing price) of the day.
    pub close: Option<Price>,
    /// The last bid of the day.
    pub bid: Option<Price>,
    /// The last ask of the day.
    pub ask: Option<Price>,
    /// Shares traded that day (for the Rule 144 volume test).
    pub volume: Option<u64>,
    /// The 1-based line of the price file the quote came from, so a
    /// computation can point back at its evidence.
    pub line: u32,
}

/// The daily quotes of one security, keyed by date, as read from its price
/// file. The averages look days up here; a day without a row is missing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PriceSeries {
    quotes: BTreeMap<Date, DailyQuote>,
}

impl PriceSeries {
    /// An empty series, to build one in code (tests, generated data).
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds or replaces the quote for `date`; returns the replaced quote, so
    /// a caller building a series can detect duplicates itself.
    pub fn insert(&mut self, date: Date, quote: DailyQuote) -> Option<DailyQuote> {
        self.quotes.insert(date, quote)
    }

    /// The quote for `date`, if the file had a row for it.
    pub fn get(&self, date: Date) -> Option<&DailyQuote> {
        self.quotes.get(&date)
    }

    /// All quotes in date order.
    pub fn iter(&self) -> impl Iterator<Item = (Date, &DailyQuote)> {
        self.quotes.iter().map(|(d, q)| (*d, q))
    }

    /// Number of days with a row.
    pub fn len(&self) -> usize {
        self.quotes.len()
    }

    /// True when no day has a row.
    pub fn is_empty(&self) -> bool {
        self.quotes.is_empty()
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Column {
    Date,
    Close,
    Bid,
    Ask,
    Volume,
}

impl Column {
    fn from_name(name: &str) -> Option<Column> {
        match name.to_ascii_lowercase().as_str() {
            "date" => Some(Column::Date),
            "close" => Some(Column::Close),
            "bid" => Some(Column::Bid),
            "ask" => Some(Column::Ask),
            "volume" => Some(Column::Volume),
            _ => None,
        }
    }
}

/// A cell of a record: its trimmed text (unquoted by the `csv` reader) and
/// where its raw text starts in the file (1-based line and character
/// column) and how many characters it spans there.
struct Cell {
    text: String,
    line: u32,
    col: u32,
    len: u32,
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Where each field of the record starting at byte `start` of `body` lies:
/// (line, column, length in characters) of its raw text without the
/// surrounding blanks (a quoted field's span includes its quotes). The
/// `csv` reader gives each record's position but not its fields', so this
/// walks the record's raw text only to locate them for diagnostics; the
/// values are the reader's. `line` is the record's first line; a record
/// always starts at the beginning of a line.
fn locate_fields(body: &str, start: usize, line: u32) -> Vec<(u32, u32, u32)> {
    let mut out = Vec::new();
    let (mut line, mut col) = (line, 1u32);
    let mut in_quotes = false;
    // The current field: where its first non-blank character is, and the
    // column of its last one (on the same line).
    let mut first: Option<(u32, u32)> = None;
    let mut last_col = 0u32;
    let mut empty_at = (line, col);
    let finish = |first: Option<(u32, u32)>, last_col: u32, empty_at: (u32, u32)| match first {
        Some((l, c)) => (l, c, last_col.saturating_sub(c).saturating_add(1).max(1)),
        None => (empty_at.0, empty_at.1, 1),
    };
    let mut chars = body.get(start..).unwrap_or("").chars().peekable();
    while let Some(ch) = chars.next() {
        if in_quotes {
            match ch {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    col = col.saturating_add(1);
                }
                '"' => in_quotes = false,
                '\n' => {
                    line = line.saturating_add(1);
                    col = 0;
                }
                _ => {}
            }
            if first.is_some_and(|(l, _)| l == line) {
                last_col = col;
            }
            col = col.saturating_add(1);
            continue;
        }
        match ch {
            '\n' | '\r' => break,
            ',' => {
                out.push(finish(first, last_col, empty_at));
                first = None;
                empty_at = (line, col.saturating_add(1));
            }
            c if c.is_whitespace() => {}
            c => {
                if first.is_none() {
                    first = Some((line, col));
                }
                if c == '"' {
                    in_quotes = true;
                }
                last_col = col;
            }
        }
        col = col.saturating_add(1);
    }
    out.push(finish(first, last_col, empty_at));
    out
}

/// The first byte of a record whose position the `csv` reader gives as
/// `byte`. The reader reports where it began reading, which can be the end
/// of the previous record's line and any blank and `#` comment lines it
/// skipped before the record: those are skipped here the same way.
fn record_start(body: &str, byte: usize) -> usize {
    let bytes = body.as_bytes();
    let mut i = byte;
    loop {
        match bytes.get(i) {
            Some(b'\r' | b'\n') => i += 1,
            Some(b'#') => {
                i = match bytes
                    .get(i..)
                    .and_then(|r| r.iter().position(|c| *c == b'\n'))
                {
                    Some(n) => i + n + 1,
                    None => bytes.len(),
                };
            }
            _ => return i.min(bytes.len()),
        }
    }
}

/// At most this many diagnostics of one code are listed; the rest are
/// counted in one "and N more like it" (a header that does not match the
/// rows would otherwise report every one of thousands of rows).
const MAX_PER_CODE: usize = 20;

/// Collects diagnostics, keeping the first [`MAX_PER_CODE`] of each code
/// and counting the rest.
#[derive(Default)]
struct Capped {
    diags: Vec<Diagnostic>,
    /// Per code: how many were left out, and the first left out.
    dropped: BTreeMap<&'static str, (usize, Diagnostic)>,
}

impl Capped {
    fn push(&mut self, d: Diagnostic) {
        let shown = self.diags.iter().filter(|x| x.code == d.code).count();
        if shown < MAX_PER_CODE {
            self.diags.push(d);
        } else {
            self.dropped
                .entry(d.code)
                .and_modify(|(n, _)| *n += 1)
                .or_insert((1, d));
        }
    }

    fn finish(mut self) -> Vec<Diagnostic> {
        for (_, (n, first)) in std::mem::take(&mut self.dropped) {
            let mut d = first;
            d.message = format!(
                "and {n} more like it (the first {MAX_PER_CODE} are listed; this is the first not listed: {})",
                d.message
            );
            self.diags.push(d);
        }
        self.diags
    }
}

/// Parses a strict `YYYY-MM-DD` date.
fn parse_date(text: &str) -> Result<Date, String> {
    let b = text.as_bytes();
    let shape_ok = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape_ok {
        return Err(format!("`{text}` is not a date in the form YYYY-MM-DD"));
    }
    let num = |r: std::ops::Range<usize>| -> i32 {
        text.get(r)
            .and_then(|s| s.parse::<i32>().ok())
            .unwrap_or(-1)
    };
    let (y, m, d) = (num(0..4), num(5..7), num(8..10));
    let y = i16::try_from(y).map_err(|_| format!("`{text}`: bad year"))?;
    let m = i8::try_from(m).map_err(|_| format!("`{text}`: bad month"))?;
    let d = i8::try_from(d).map_err(|_| format!("`{text}`: bad day"))?;
    Date::new(y, m, d).map_err(|_| format!("`{text}` is not a real calendar date"))
}

/// Parses a price cell: an exact decimal, not negative.
fn parse_price(text: &str) -> Result<Price, (&'static str, String)> {
    let d: Decimal =
        units::parse_decimal(text).map_err(|e| (codes::BAD_NUMBER, format!("bad price: {e}")))?;
    if d.is_sign_negative() && !d.is_zero() {
        return Err((
            codes::NEGATIVE_PRICE,
            format!("negative price `{text}`: a price cannot be below zero"),
        ));
    }
    Ok(Price::new(d))
}

/// Parses a volume cell: a whole, non-negative number of shares (`_` may
/// group digits).
fn parse_volume(text: &str) -> Result<u64, String> {
    let cleaned: String = text.chars().filter(|c| *c != '_' && *c != ',').collect();
    if cleaned.is_empty() || !cleaned.chars().all(|c| c.is_ascii_digit()) {
        return Err(format!(
            "bad volume `{text}`: expected a whole number of shares"
        ));
    }
    cleaned
        .parse::<u64>()
        .map_err(|_| format!("volume `{text}` is too large"))
}

/// Reads a price file. Returns the good rows and every problem found (with
/// line and column; past [`MAX_PER_CODE`] of one code, a count); never
/// panics, whatever the text.
///
/// Records are split by the `csv` crate (quoted fields, embedded commas and
/// quotes, CRLF); a UTF-8 byte-order mark at the start is skipped. A row
/// with any error is left out whole (a half-read day would silently change
/// which price source the Market Price definition picks). A row for a day
/// the exchanges were closed is kept with a warning.
pub fn parse_prices(file: FileId, text: &str) -> (PriceSeries, Vec<Diagnostic>) {
    let mut series = PriceSeries::new();
    let mut diags = Capped::default();
    let mut header: Option<Vec<Option<Column>>> = None;
    let mut first_line_of: BTreeMap<Date, u32> = BTreeMap::new();
    // The mark is not a character of the first line: columns count after it.
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .comment(Some(b'#'))
        .trim(csv::Trim::None)
        .from_reader(body.as_bytes());
    let mut record = csv::StringRecord::new();
    // The reader's own line count leaves out comment and blank lines, so
    // lines are counted here from its byte offsets (which are exact), by
    // counting newlines since the previous record.
    let (mut counted_to, mut line_at) = (0usize, 1u32);
    let mut line_of = |byte: usize| -> u32 {
        if byte >= counted_to {
            let newlines = body
                .as_bytes()
                .get(counted_to..byte)
                .map(|b| b.iter().filter(|c| **c == b'\n').count())
                .unwrap_or(0);
            line_at = line_at.saturating_add(to_u32(newlines));
            counted_to = byte;
        }
        line_at
    };

    loop {
        let (start, line_no) = match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => match record.position() {
                Some(p) => {
                    let start = record_start(body, usize::try_from(p.byte()).unwrap_or(usize::MAX));
                    (start, line_of(start))
                }
                None => continue,
            },
            Err(e) => {
                let line = e
                    .position()
                    .map(|p| line_of(usize::try_from(p.byte()).unwrap_or(usize::MAX)))
                    .unwrap_or(1);
                diags.push(Diagnostic::error(
                    codes::CELL_COUNT,
                    Some(Span::new(file, line, 1, 1)),
                    format!("unreadable row: {e}"),
                ));
                continue;
            }
        };
        let places = locate_fields(body, start, line_no);
        let row: Vec<Cell> = record
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let (line, col, len) = places.get(i).copied().unwrap_or((line_no, 1, 1));
                Cell {
                    text: f.trim().to_string(),
                    line,
                    col,
                    len,
                }
            })
            .collect();
        // A line of blanks, or a comment indented past column 1.
        let blank = row.len() == 1 && row.first().is_some_and(|c| c.text.is_empty());
        if blank || row.first().is_some_and(|c| c.text.starts_with('#')) {
            continue;
        }
        let span = |c: &Cell| Some(Span::new(file, c.line, c.col, c.len));

        let Some(cols) = &header else {
            header = Some(read_header(file, &row, &mut diags));
            continue;
        };
        if row.len() != cols.len() {
            let width = body
                .get(start..)
                .and_then(|r| r.lines().next())
                .map(|l| l.chars().count())
                .unwrap_or(1);
            let whole = Span::new(file, line_no, 1, to_u32(width.max(1)));
            diags.push(Diagnostic::error(
                codes::CELL_COUNT,
                Some(whole),
                format!(
                    "row has {} cells but the header has {} columns",
                    row.len(),
                    cols.len()
                ),
            ));
            continue;
        }

        let mut ok = true;
        let mut date: Option<(Date, &Cell)> = None;
        let mut quote = DailyQuote {
            line: line_no,
            ..DailyQuote::default()
        };
        for (cell, col) in row.iter().zip(cols.iter()) {
            let Some(col) = col else { continue };
            if *col == Column::Date {
                match parse_date(&cell.text) {
                    Ok(d) => date = Some((d, cell)),
                    Err(msg) => {
                        diags.push(Diagnostic::error(codes::BAD_DATE, span(cell), msg));
                        ok = false;
                    }
                }
                continue;
            }
            if cell.text.is_empty() {
                continue;
            }
            match col {
                Column::Volume => match parse_volume(&cell.text) {
                    Ok(v) => quote.volume = Some(v),
                    Err(msg) => {
                        diags.push(Diagnostic::error(codes::BAD_NUMBER, span(cell), msg));
                        ok = false;
                    }
                },
                Column::Close | Column::Bid | Column::Ask => match parse_price(&cell.text) {
                    Ok(p) => match col {
                        Column::Close => quote.close = Some(p),
                        Column::Bid => quote.bid = Some(p),
                        _ => quote.ask = Some(p),
                    },
                    Err((code, msg)) => {
                        diags.push(Diagnostic::error(code, span(cell), msg));
                        ok = false;
                    }
                },
                Column::Date => {}
            }
        }
        let Some((date, date_cell)) = date else {
            continue;
        };
        if let Some(first) = first_line_of.get(&date) {
            diags.push(
                Diagnostic::error(
                    codes::DUPLICATE_DATE,
                    span(date_cell),
                    format!("duplicate date {date}: already given on line {first}"),
                )
                .with_help("keep one row per trading day"),
            );
            continue;
        }
        first_line_of.insert(date, line_no);
        if let Some(reason) = Calendar::Trading.closure_reason(date) {
            diags.push(Diagnostic::warning(
                codes::NON_TRADING_DAY,
                span(date_cell),
                format!("{date} is not a trading day ({reason}); no trading-day average will use this row"),
            ));
        }
        if ok {
            series.insert(date, quote);
        }
    }

    if header.is_none() {
        diags.push(Diagnostic::error(
            codes::BAD_HEADER,
            Some(Span::new(file, 1, 1, 1)),
            "price file has no header row (expected `date,close[,bid,ask,volume]`)",
        ));
    }
    (series, diags.finish())
}

/// Reads the header row; reports unknown, repeated and missing columns.
fn read_header(file: FileId, row: &[Cell], diags: &mut Capped) -> Vec<Option<Column>> {
    let mut cols = Vec::with_capacity(row.len());
    let line_no = row.first().map(|c| c.line).unwrap_or(1);
    for cell in row {
        let span = Some(Span::new(file, cell.line, cell.col, cell.len));
        match Column::from_name(&cell.text) {
            Some(c) if cols.contains(&Some(c)) => {
                diags.push(Diagnostic::error(
                    codes::BAD_HEADER,
                    span,
                    format!("column `{}` named twice", cell.text),
                ));
                cols.push(None);
            }
            Some(c) => cols.push(Some(c)),
            None => {
                diags.push(
                    Diagnostic::warning(
                        codes::UNKNOWN_COLUMN,
                        span,
                        format!("unknown column `{}` is ignored", cell.text),
                    )
                    .with_help("columns are date, close, bid, ask, volume"),
                );
                cols.push(None);
            }
        }
    }
    for (need, name) in [(Column::Date, "date"), (Column::Close, "close")] {
        if !cols.contains(&Some(need)) {
            diags.push(Diagnostic::error(
                codes::MISSING_COLUMN,
                Some(Span::new(file, line_no, 1, 1)),
                format!("header has no `{name}` column"),
            ));
        }
    }
    cols
}
