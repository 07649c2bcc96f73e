//! Rejection codes of the views (R0700–R0799).
//!
//! A view refuses input it cannot compute exactly rather than guess: the
//! codes are stable, for scripts that read `--json`.

/// Waterfall or cap table input that is not meaningful (negative shares,
/// duplicate classes, a negative preference).
pub const BAD_INPUT: &str = "R0701";
/// Proceeds that are negative or not whole cents.
pub const BAD_PROCEEDS: &str = "R0702";
/// A treasury-stock-method price that is missing or not positive.
pub const BAD_PRICE: &str = "R0703";
/// An unknown class, holder or instrument named to a view, or a class held
/// whose claim in the waterfall nobody stated (no term file ranks it and no
/// `class-claims` line gives it).
pub const UNKNOWN: &str = "R0704";
/// Arithmetic that does not fit (overflow of a value type).
pub const ARITHMETIC: &str = "R0705";
