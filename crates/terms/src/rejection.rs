//! [`Rejection`]: an event that breaks an instrument's terms.
//!
//! A rejection is not a parse error: the event was well formed, but the
//! documents forbid it (converting more shares than held, redeeming before the
//! date the terms allow). It names the clause it breaks. Codes are stable and are
//! never reused for a different meaning; docs/errors.md lists them. A rejected
//! event changes nothing in the book.

use journal::{Diagnostic, Span};
use units::Clause;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejection {
    /// Stable code: `R` + a number; each instrument crate owns a range
    /// (R01xx ledger, R02xx preferred, R03xx warrant, R04xx plan, R05xx
    /// registration rights, R06xx corporate actions).
    pub code: &'static str,
    pub clause: Clause,
    pub message: String,
    pub help: Option<String>,
}

impl Rejection {
    pub fn new(code: &'static str, clause: Clause, message: impl Into<String>) -> Self {
        Rejection {
            code,
            clause,
            message: message.into(),
            help: None,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// The rejection as a diagnostic at the event's span.
    pub fn to_diagnostic(&self, span: Option<Span>) -> Diagnostic {
        let mut d = Diagnostic::error(self.code, span, format!("rejected: {}", self.message))
            .with_clause(self.clause.to_string());
        if let Some(h) = &self.help {
            d = d.with_help(h.clone());
        }
        d
    }
}

impl std::fmt::Display for Rejection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "[{}] {} ({})", self.code, self.message, self.clause)
    }
}
