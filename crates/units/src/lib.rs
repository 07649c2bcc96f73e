//! Exact quantities for stockbook.
//!
//! Legal documents fix how each figure is rounded ("nearest four decimal
//! points", "nearest cent", "nearest tenth of a share", "whole shares, cash in
//! lieu"); everywhere else the arithmetic must be exact. So this crate has two
//! layers:
//!
//! * value types ([`Shares`], [`Money`], [`Price`], [`Ratio`], [`Rate`]) backed
//!   by `rust_decimal::Decimal`: `Copy`, fast, and used for storage and for the
//!   ordinary additions of a ledger. Every operation is checked: an overflow or
//!   a result that `Decimal` cannot hold exactly is an [`UnitsError`], never a
//!   wrap and never a silent rounding;
//! * [`Exact`], an arbitrary-precision rational, for everything that divides or
//!   compounds (accretion, weighted-average fractions, averages of prices).
//!   An `Exact` only becomes a value type again through a named rounding
//!   ([`rounding`]), which is where a clause says the rounding happens.
//!
//! [`Computed`] carries a derived figure together with its formula, inputs,
//! rounding and the clause it comes from, so every number can explain itself.

pub mod computed;
pub mod error;
pub mod exact;
pub mod quantity;
pub mod rounding;

pub use computed::{Clause, Computed, SECTION_SIGN};
pub use error::UnitsError;
pub use exact::Exact;
pub use quantity::{parse_decimal, Money, Price, Rate, Ratio, Shares};
pub use rounding::Rounding;
pub use rust_decimal::Decimal;
