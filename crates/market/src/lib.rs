//! Market data for executing the documents: reading a security's daily price
//! file, pricing a day by the Certificate's "Market Price" definition, and
//! the exact averages the clauses turn on — Current Market Value (CoD §2),
//! the 20-day redemption average (CoD §6.2), the 30-day forced-conversion
//! test (CoD §8.2(a)), the warrant's Current Market Price (Warrant §6(vii))
//! and the Rule 144 weekly volume.
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
    SplitAdjustment, CURRENT_MARKET_VALUE_DAYS, FORCED_CONVERSION_DAYS, REDEMPTION_AVERAGE_DAYS,
    WARRANT_CMP_DAYS,
};
pub use prices::{codes, parse_prices, DailyQuote, PriceSeries};
pub use volume::{weekly_volume_average, VolumeAverage};
