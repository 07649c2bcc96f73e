//! Market data for executing the documents: reading a security's daily price
//! file, pricing a day by the documents' "Market Price" definition (last
//! trade, else bid and ask, else the board's fair value), and the exact
//! averages the clauses turn on — trading-day averages before or ending on a
//! date (a "Current Market Value", a redemption's share valuation, a forced
//! conversion's price test), a warrant's business-day Current Market Price
//! adjusted for splits, and the Rule 144 weekly volume. Window lengths are
//! the callers' (term files' numbers).
//!
//! Pure: no I/O, no clock. The caller reads the file and passes its text;
//! Board determinations of fair value, which no file can hold, are passed in
//! as a map of overrides.

#![warn(missing_docs)]

mod averages;
mod prices;
mod volume;

pub use averages::{
    average_market_price_ending_on, average_market_price_preceding, current_market_price_warrant,
    current_market_value, market_price, Average, AverageError, DailyPrice, PriceSource,
    SplitAdjustment,
};
pub use prices::{codes, parse_prices, DailyQuote, PriceSeries};
pub use volume::{weekly_volume_average, VolumeAverage};
