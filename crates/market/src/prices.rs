//! Price files: one CSV per security, `date,close[,bid,ask,volume]`, read
//! into a [`PriceSeries`].
//!
//! The documents price the Common Stock from daily quotes (last trade, or the
//! average of bid and ask), so a price file is the evidence behind every
//! average this crate computes. Reading one never stops at the first
//! problem and never panics: each bad cell becomes a [`Diagnostic`] with its
//! line and column, and the good rows are kept.
//!
//! Format: a header row naming the columns (order free, names
//! case-insensitive; `date` and `close` required, `bid`, `ask`, `volume`
//! optional); `#` comment lines and blank lines anywhere; one row per day.
//! Cells other than `date` may be blank. Prices are exact decimals (never
//! floats) and must not be negative; volume is a whole number of shares.

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

/// A cell of a CSV line: its trimmed text and where it starts (1-based
/// character column) and how many characters it spans.
struct Cell<'a> {
    text: &'a str,
    col: u32,
    len: u32,
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Splits a line on commas, trimming each cell, keeping character columns.
fn cells(line: &str) -> Vec<Cell<'_>> {
    let mut out = Vec::new();
    let mut start_byte = 0usize;
    let mut start_col = 1usize;
    for (col, (i, ch)) in (1usize..).zip(line.char_indices()) {
        if ch == ',' {
            out.push(make_cell(&line[start_byte..i], start_col));
            start_byte = i + 1;
            start_col = col + 1;
        }
    }
    out.push(make_cell(&line[start_byte..], start_col));
    out
}

fn make_cell(raw: &str, start_col: usize) -> Cell<'_> {
    let lead = raw.chars().take_while(|c| c.is_whitespace()).count();
    let text = raw.trim();
    Cell {
        text,
        col: to_u32(start_col + lead),
        len: to_u32(text.chars().count().max(1)),
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
    let cleaned: String = text.chars().filter(|c| *c != '_').collect();
    if cleaned.is_empty() || !cleaned.chars().all(|c| c.is_ascii_digit()) {
        return Err(format!(
            "bad volume `{text}`: expected a whole number of shares"
        ));
    }
    cleaned
        .parse::<u64>()
        .map_err(|_| format!("volume `{text}` is too large"))
}

/// Reads a price file. Returns the good rows and every problem found (all
/// of them, with line and column); never panics, whatever the text.
///
/// A row with any error is left out whole (a half-read day would silently
/// change which price source the Market Price definition picks). A row for
/// a day the exchanges were closed is kept with a warning.
pub fn parse_prices(file: FileId, text: &str) -> (PriceSeries, Vec<Diagnostic>) {
    let mut series = PriceSeries::new();
    let mut diags = Vec::new();
    let mut header: Option<Vec<Option<Column>>> = None;
    let mut first_line_of: BTreeMap<Date, u32> = BTreeMap::new();

    for (idx, raw_line) in text.split('\n').enumerate() {
        let line_no = to_u32(idx + 1);
        let line = raw_line.strip_suffix('\r').unwrap_or(raw_line);
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let row = cells(line);
        let span = |c: &Cell<'_>| Some(Span::new(file, line_no, c.col, c.len));

        let Some(cols) = &header else {
            header = Some(read_header(file, line_no, &row, &mut diags));
            continue;
        };
        if row.len() != cols.len() {
            let whole = Span::new(file, line_no, 1, to_u32(line.chars().count().max(1)));
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
        let mut date: Option<(Date, &Cell<'_>)> = None;
        let mut quote = DailyQuote {
            line: line_no,
            ..DailyQuote::default()
        };
        for (cell, col) in row.iter().zip(cols.iter()) {
            let Some(col) = col else { continue };
            if *col == Column::Date {
                match parse_date(cell.text) {
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
                Column::Volume => match parse_volume(cell.text) {
                    Ok(v) => quote.volume = Some(v),
                    Err(msg) => {
                        diags.push(Diagnostic::error(codes::BAD_NUMBER, span(cell), msg));
                        ok = false;
                    }
                },
                Column::Close | Column::Bid | Column::Ask => match parse_price(cell.text) {
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
    (series, diags)
}

/// Reads the header row; reports unknown, repeated and missing columns.
fn read_header(
    file: FileId,
    line_no: u32,
    row: &[Cell<'_>],
    diags: &mut Vec<Diagnostic>,
) -> Vec<Option<Column>> {
    let mut cols = Vec::with_capacity(row.len());
    for cell in row {
        let span = Some(Span::new(file, line_no, cell.col, cell.len));
        match Column::from_name(cell.text) {
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
