//! The one error type of exact arithmetic.

use std::fmt;

/// Why an exact operation could not produce a value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UnitsError {
    /// The result does not fit the value type (about 28 significant digits).
    Overflow {
        op: &'static str,
    },
    /// The result would need more digits than the value type holds; rather
    /// than round silently we refuse (round through a named rounding instead).
    Inexact {
        op: &'static str,
    },
    DivisionByZero,
    /// Text that is not a decimal number.
    Parse {
        text: String,
        reason: String,
    },
}

impl fmt::Display for UnitsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UnitsError::Overflow { op } => write!(f, "arithmetic overflow in {op}"),
            UnitsError::Inexact { op } => write!(
                f,
                "{op} would need more than 28 significant digits; refusing to round silently"
            ),
            UnitsError::DivisionByZero => write!(f, "division by zero"),
            UnitsError::Parse { text, reason } => write!(f, "`{text}` is not a number: {reason}"),
        }
    }
}

impl std::error::Error for UnitsError {}
