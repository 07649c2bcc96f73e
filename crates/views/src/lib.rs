//! Capitalization views over a replayed book.
//!
//! The figures finance teams and holders look at first: the cap table as
//! of any date (authorized, issued, outstanding, as-converted, fully
//! diluted under a documented definition, voting power, reserve
//! sufficiency), the exit and liquidation waterfall with its exact
//! breakpoints, scenarios (hypothetical events on a copy of the book, every
//! figure diffed), SVG charts, and CSV/XLSX exports.
//!
//! The cores ([`waterfall`], [`captable`]) are pure and generic: they take
//! plain inputs, so they are tested without a book. [`adapter`] builds those
//! inputs from `engine::Book` and `engine::State`. Like every stockbook
//! crate this one does no I/O and reads no clock: the as-of date is always
//! an argument, and exports return bytes for the caller to write.

pub mod adapter;
pub mod captable;
pub mod chart;
pub mod codes;
pub mod export;
pub mod scenario;
pub mod waterfall;

pub use waterfall::{Breakpoint, Distribution, Waterfall, WaterfallInput};
