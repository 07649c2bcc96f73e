//! The documents' price averages: a day's Market Price, the average of the
//! Market Prices over `n` trading days before or ending on a date (a
//! preferred's "Current Market Value", a redemption's share valuation, a
//! forced conversion's price test), and a warrant's "Current Market Price"
//! over business days, adjusted for splits.
//!
//! Each average names its window (which days, by which calendar), prices
//! every day of it by the governing definition, and divides exactly: the
//! sum of the prices over the count is kept as an exact rational
//! ([`units::Exact`]). The window's length is the caller's (a term file's
//! number), never this crate's. No rounding is applied to the trading-day
//! averages (the definitions name none); a 4-decimal figure is given for
//! display only. The warrant's average reports the cent figure its
//! calculations are made to as well. A window with an unpriced day is an
//! error naming every such day, never a silent shorter average.
//!
//! The computations cite no clause: the clause is the instrument's, which
//! cites its own definition when it uses the figure (the document and
//! section come from its term file).

use std::collections::BTreeMap;
use std::fmt;

use calendar::{Calendar, Date};
use rust_decimal::Decimal;
use units::{Computed, Exact, Price, Rounding, UnitsError};

use crate::prices::PriceSeries;

/// Where a day's price came from, in the order the definitions try them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PriceSource {
    /// The last trade of the day ("the price of the last trade", "last
    /// reported sales price").
    LastTrade,
    /// The average of the last bid and ask, for a day with no trade ("average
    /// of the last reported bid and asked prices").
    BidAskAverage,
    /// The Board of Directors' good-faith determination of fair value,
    /// supplied by the caller, for a day the quotations are not available.
    BoardDetermination,
    /// A business day on which the exchange was closed (Good Friday, a
    /// special closure), priced by the last price reported before it: the
    /// close (else bid/ask average) of the trading day given ("the last
    /// reported sales price", "the price of the last trade").
    LastReported(Date),
}

impl fmt::Display for PriceSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PriceSource::LastTrade => "last trade",
            PriceSource::BidAskAverage => "average of bid and ask",
            PriceSource::BoardDetermination => "Board determination of fair value",
            PriceSource::LastReported(on) => {
                return write!(f, "exchange closed; last reported price, of {on}");
            }
        })
    }
}

/// One day's price as used in an average, with its source, so the schedule
/// shows which clause of the definition priced each day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DailyPrice {
    /// The day priced.
    pub date: Date,
    /// The price, exact (a bid/ask average can need one more decimal place
    /// than its inputs; a split-adjusted price may not terminate).
    pub price: Exact,
    /// Which branch of the definition gave the price.
    pub source: PriceSource,
}

/// A stock split, dividend, combination or reclassification inside an
/// averaging window, for a warrant's "as adjusted for any stock dividend,
/// split, combination or reclassification that took effect during such ...
/// business day period".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SplitAdjustment {
    /// The first day prices are quoted on the new basis (the ex-date).
    pub effective: Date,
    /// New shares per old share, exactly: 2 for a 2-for-1 split, 1/3 for a
    /// 1-for-3 combination (which no decimal holds). Prices before
    /// `effective` are divided by it.
    pub factor: Exact,
}

/// Why an average could not be computed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AverageError {
    /// Days in the window with no price by any branch of the definition
    /// (no trade, no bid/ask pair, no Board determination): every one is
    /// listed, so the user can supply them all at once.
    MissingPrices {
        /// The unpriced days, ascending.
        dates: Vec<Date>,
    },
    /// Days in the volume window with no reported volume.
    MissingVolumes {
        /// The days without a volume, ascending.
        dates: Vec<Date>,
    },
    /// A window of zero days has no average.
    EmptyWindow,
    /// A split factor that is zero or negative cannot adjust a price.
    BadSplitFactor {
        /// The split's effective date.
        effective: Date,
        /// The factor given.
        factor: Exact,
    },
    /// The exact value could not be brought to a decimal for display (only
    /// with absurd split factors).
    Arithmetic(UnitsError),
}

impl fmt::Display for AverageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let list = |dates: &[Date]| {
            dates
                .iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        };
        match self {
            AverageError::MissingPrices { dates } => write!(
                f,
                "no Market Price for {} day(s) of the window: {}",
                dates.len(),
                list(dates)
            ),
            AverageError::MissingVolumes { dates } => write!(
                f,
                "no volume for {} trading day(s) of the window: {}",
                dates.len(),
                list(dates)
            ),
            AverageError::EmptyWindow => f.write_str("an average over zero days is undefined"),
            AverageError::BadSplitFactor { effective, factor } => write!(
                f,
                "split effective {effective} has factor {}; it must be above zero",
                factor.display()
            ),
            AverageError::Arithmetic(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for AverageError {}

impl From<UnitsError> for AverageError {
    fn from(e: UnitsError) -> Self {
        AverageError::Arithmetic(e)
    }
}

/// An average of daily prices over a window, exact, with its evidence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Average {
    /// The exact average: sum of the daily prices / number of days.
    pub value: Exact,
    /// `value` rounded half-up to 4 decimal places — for display only, never
    /// used in a computation (no clause rounds these averages).
    pub display: Decimal,
    /// A rounding the governing clause names, with its words — `None` for
    /// the trading-day averages; the nearest cent for a warrant's Current
    /// Market Price.
    pub rounded: Option<(Decimal, &'static str)>,
    /// Every day of the window with its price and source, ascending.
    pub prices: Vec<DailyPrice>,
    /// Board determinations the caller supplied for days in the window that
    /// had market quotations, and which were therefore not used (the
    /// definitions fall back to the Board only when quotations are missing).
    pub unused_overrides: Vec<Date>,
    /// The computation, for `explain`.
    pub computed: Computed,
}

/// The Market Price on `date` per the documents' definition: the last
/// trade; else the average of bid and ask; else the Board's determination
/// from `overrides`; else `None` (missing).
///
/// The Board's fair value is the definition's last resort ("if ... the
/// quotations referred to above are available" fails), so an override is
/// used only on a day without quotations. A row for a day the exchanges were
/// closed cannot be a reported quotation (the parser warns about it), so it
/// is ignored: such a day is priced only by an override.
pub fn market_price(
    series: &PriceSeries,
    overrides: &BTreeMap<Date, Price>,
    date: Date,
) -> Option<DailyPrice> {
    let quote = series.get(date).filter(|_| Calendar::Trading.is_open(date));
    let from_market = quote.and_then(|q| {
        if let Some(close) = q.close {
            return Some((close.exact(), PriceSource::LastTrade));
        }
        match (q.bid, q.ask) {
            (Some(b), Some(a)) => b
                .exact()
                .add(&a.exact())
                .div(&Exact::from_int(2))
                .ok()
                .map(|avg| (avg, PriceSource::BidAskAverage)),
            _ => None,
        }
    });
    let (price, source) = from_market.or_else(|| {
        overrides
            .get(&date)
            .map(|p| (p.exact(), PriceSource::BoardDetermination))
    })?;
    Some(DailyPrice {
        date,
        price,
        source,
    })
}

/// Prices every day of `window`; lists all unpriced days as an error.
fn price_window(
    series: &PriceSeries,
    overrides: &BTreeMap<Date, Price>,
    window: &[Date],
) -> Result<(Vec<DailyPrice>, Vec<Date>), AverageError> {
    if window.is_empty() {
        return Err(AverageError::EmptyWindow);
    }
    let mut prices = Vec::with_capacity(window.len());
    let mut missing = Vec::new();
    let mut unused = Vec::new();
    for &d in window {
        match market_price(series, overrides, d) {
            Some(p) => {
                if p.source != PriceSource::BoardDetermination && overrides.contains_key(&d) {
                    unused.push(d);
                }
                prices.push(p);
            }
            None => missing.push(d),
        }
    }
    if !missing.is_empty() {
        return Err(AverageError::MissingPrices { dates: missing });
    }
    Ok((prices, unused))
}

/// What the average is called and how it is computed (the clause is the
/// caller's: see the module documentation).
struct Label {
    name: &'static str,
    formula: String,
}

/// Sums exactly, divides exactly, and records the computation.
fn average_of(
    prices: Vec<DailyPrice>,
    unused_overrides: Vec<Date>,
    label: Label,
    rounding: Option<&'static str>,
) -> Result<Average, AverageError> {
    let n = i64::try_from(prices.len()).map_err(|_| UnitsError::Overflow { op: "count" })?;
    if n == 0 {
        return Err(AverageError::EmptyWindow);
    }
    let sum = prices
        .iter()
        .fold(Exact::zero(), |acc, p| acc.add(&p.price));
    let value = sum.div(&Exact::from_int(n))?;
    let display = value.round_dp(4, Rounding::HalfUp)?;
    let rounded = match rounding {
        Some(words) => Some((value.round_dp(2, Rounding::HalfUp)?, words)),
        None => None,
    };
    let mut computed = Computed::new(label.name, value.display(), label.formula)
        .input("days", n)
        .input("sum of daily prices", sum.display())
        .input("exact average", value.fraction_string())
        .input("display (4 dp, half up; display only)", display);
    for p in &prices {
        computed = computed.input(format!("{} ({})", p.date, p.source), p.price.display());
    }
    computed = match rounding {
        Some(words) => computed.rounded(words),
        None => computed.rounded("none (no clause names one; exact value kept)"),
    };
    Ok(Average {
        value,
        display,
        rounded,
        prices,
        unused_overrides,
        computed,
    })
}

fn trading_average(
    series: &PriceSeries,
    overrides: &BTreeMap<Date, Price>,
    window: Vec<Date>,
    name: &'static str,
    what: String,
) -> Result<Average, AverageError> {
    let n = window.len();
    let (prices, unused) = price_window(series, overrides, &window)?;
    average_of(
        prices,
        unused,
        Label {
            name,
            formula: format!("(sum of the daily Market Prices for {what}) / {n}"),
        },
        None,
    )
}

/// A "Current Market Value" as of `date`: "the average of the daily Market
/// Prices of the Common Stock for [n] consecutive trading days immediately
/// preceding the date for which such value is to be determined". The window
/// is the `n` trading days before `date`, `date` itself excluded; `n` is the
/// term file's.
pub fn current_market_value(
    series: &PriceSeries,
    overrides: &BTreeMap<Date, Price>,
    date: Date,
    n: usize,
) -> Result<Average, AverageError> {
    let window = Calendar::Trading.open_days_before(date, n);
    trading_average(
        series,
        overrides,
        window,
        "Current Market Value",
        format!("the {n} trading days immediately preceding {date}"),
    )
}

/// The average of the daily Market Prices for `n` consecutive trading days
/// immediately preceding `date` (`date` excluded): e.g. the average that
/// values shares delivered in a redemption.
pub fn average_market_price_preceding(
    series: &PriceSeries,
    overrides: &BTreeMap<Date, Price>,
    date: Date,
    n: usize,
) -> Result<Average, AverageError> {
    let window = Calendar::Trading.open_days_before(date, n);
    trading_average(
        series,
        overrides,
        window,
        "average Market Price",
        format!("the {n} trading days immediately preceding {date}"),
    )
}

/// The average Market Price for `n` consecutive trading days ending on
/// `date` (including `date` if it is a trading day): e.g. a forced
/// conversion's price test, "the average Market Price of the Common Stock
/// for a period of [n] consecutive trading days".
pub fn average_market_price_ending_on(
    series: &PriceSeries,
    overrides: &BTreeMap<Date, Price>,
    date: Date,
    n: usize,
) -> Result<Average, AverageError> {
    let window = Calendar::Trading.open_days_ending_on(date, n);
    trading_average(
        series,
        overrides,
        window,
        "average Market Price",
        format!("the {n} trading days ending on {date}"),
    )
}

/// The price of a business day in a business-day window: the day's own
/// Market Price when the exchange was open; on a business day the exchange
/// was closed (Good Friday, a special closure), the Board's determination
/// for that day if the caller supplied one, else the last price reported
/// before it — the close (else bid/ask average) of the last trading day.
/// A day with neither is missing; the day named is then the trading day
/// whose price is needed, never the closed day, which can have none.
fn business_day_price(
    series: &PriceSeries,
    overrides: &BTreeMap<Date, Price>,
    date: Date,
) -> Result<DailyPrice, Date> {
    if Calendar::Trading.is_open(date) {
        return market_price(series, overrides, date).ok_or(date);
    }
    if let Some(p) = overrides.get(&date) {
        return Ok(DailyPrice {
            date,
            price: p.exact(),
            source: PriceSource::BoardDetermination,
        });
    }
    let last = Calendar::Trading.previous_open_before(date);
    match market_price(series, &BTreeMap::new(), last) {
        Some(p) if p.source != PriceSource::BoardDetermination => Ok(DailyPrice {
            date,
            price: p.price,
            source: PriceSource::LastReported(last),
        }),
        _ => Err(last),
    }
}

/// A warrant's "Current Market Price" at `date`: "the average of the daily
/// closing prices for the [n] consecutive business days ending on the last
/// business day before the day in question (as adjusted for any stock
/// dividend, split, combination or reclassification that took effect during
/// such [n] business day period)".
///
/// * Window: `n` (the term file's) open days of `calendar` ending on its last open day
///   strictly before `date`. `Calendar::Business` (US banking days, the
///   default reading of "business day") or `Calendar::Trading` (the
///   exchange's days), chosen by the warrant's term file or the book's
///   `option business-days`. Columbus and Veterans Days are trading days
///   but not banking days, so a banking window leaves them out.
/// * Closing price: last sale, else the average of bid and ask — the same
///   order as the Market Price of [`market_price`], which is reused.
///   A banking day on which the exchange was closed (Good Friday, September
///   11–14, 2001) has no sale of its own: it takes the Board's determination
///   for that day if one is supplied, else the last reported price before
///   it (the previous trading day's), as a transfer agent would.
/// * Splits: for each adjustment effective after the window's first day and
///   on or before its last, prices on days before the effective date are
///   divided by its factor, so every price is on the basis in force at the
///   end of the window. Splits outside the window leave it on one basis.
/// * Rounding: a warrant's price calculations are typically made "to the
///   nearest cent"; the exact value is kept and the cent figure (half up)
///   is reported in [`Average::rounded`] for the caller to use or not.
pub fn current_market_price_warrant(
    series: &PriceSeries,
    overrides: &BTreeMap<Date, Price>,
    date: Date,
    n: usize,
    splits: &[SplitAdjustment],
    calendar: Calendar,
) -> Result<Average, AverageError> {
    for s in splits {
        if s.factor.is_zero() || s.factor.is_negative() {
            return Err(AverageError::BadSplitFactor {
                effective: s.effective,
                factor: s.factor.clone(),
            });
        }
    }
    let last = calendar.previous_open_before(date);
    let window = calendar.open_days_ending_on(last, n);
    let (first, end) = match (window.first(), window.last()) {
        (Some(f), Some(l)) => (*f, *l),
        _ => return Err(AverageError::EmptyWindow),
    };
    let mut prices = Vec::with_capacity(window.len());
    let mut missing = Vec::new();
    let mut unused = Vec::new();
    for &d in &window {
        match business_day_price(series, overrides, d) {
            Ok(p) => {
                if p.source != PriceSource::BoardDetermination && overrides.contains_key(&d) {
                    unused.push(d);
                }
                prices.push(p);
            }
            Err(day) => {
                if !missing.contains(&day) {
                    missing.push(day);
                }
            }
        }
    }
    if !missing.is_empty() {
        missing.sort();
        return Err(AverageError::MissingPrices { dates: missing });
    }
    let in_window: Vec<&SplitAdjustment> = splits
        .iter()
        .filter(|s| s.effective > first && s.effective <= end)
        .collect();
    for p in &mut prices {
        for s in &in_window {
            if p.date < s.effective {
                p.price = p.price.div(&s.factor)?;
            }
        }
    }
    let days = match calendar {
        Calendar::Business => "business (banking) days",
        Calendar::Trading => "business days (exchange trading days)",
    };
    let mut avg = average_of(
        prices,
        unused,
        Label {
            name: "Current Market Price",
            formula: format!(
                "(sum of the daily closing prices for the {n} {days} ending on {end}, \
                 the last such day before {date}, adjusted for splits) / {n}"
            ),
        },
        Some("to the nearest cent, half up"),
    )?;
    for s in in_window {
        avg.computed = avg.computed.input(
            format!("split effective {}", s.effective),
            format!("earlier prices divided by {}", s.factor.display()),
        );
    }
    Ok(avg)
}
