//! Loading a TOML term file into a typed terms struct.
//!
//! Term files carry an instrument's legal terms as data (rates, dates,
//! thresholds), each field documented with the clause it encodes. A bad field
//! is a diagnostic at its line and column, like any other input error.

use journal::{Diagnostic, FileId, Span};
use serde::de::DeserializeOwned;

/// Parses `text` (the contents of term file `file`) into `T`.
///
/// Unknown fields are errors when `T` says `#[serde(deny_unknown_fields)]`,
/// which every terms struct should, so a misspelt term is never ignored.
pub fn load_terms<T: DeserializeOwned>(file: FileId, text: &str) -> Result<T, Diagnostic> {
    toml::from_str::<T>(text).map_err(|e| {
        let span = e.span().map(|r| span_of(file, text, r.start, r.end));
        Diagnostic::error(
            "T0001",
            span,
            format!("invalid term file: {}", e.message().trim()),
        )
    })
}

/// Converts a byte range into a line/column span (1-based, columns in chars).
pub fn span_of(file: FileId, text: &str, start: usize, end: usize) -> Span {
    let start = start.min(text.len());
    let mut line = 1u32;
    let mut line_start = 0usize;
    for (i, b) in text.bytes().enumerate() {
        if i >= start {
            break;
        }
        if b == b'\n' {
            line += 1;
            line_start = i + 1;
        }
    }
    let col = text
        .get(line_start..start)
        .map(|s| s.chars().count() as u32 + 1)
        .unwrap_or(1);
    let len = text
        .get(start..end.min(text.len()))
        .map(|s| s.chars().take_while(|c| *c != '\n').count() as u32)
        .unwrap_or(1)
        .max(1);
    Span::new(file, line, col, len)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct T {
        rate: String,
        days: u32,
    }

    #[test]
    fn bad_field_has_line_and_column() {
        let text = "rate = \"0.0825\"\ndays = \"x\"\n";
        let err = load_terms::<T>(FileId(0), text).unwrap_err();
        let span = err.span.unwrap();
        assert_eq!(span.line, 2);
        assert_eq!(span.col, 8);
    }

    #[test]
    fn unknown_field_is_an_error() {
        let err = load_terms::<T>(FileId(0), "rate = \"1\"\ndays = 1\nrat = 2\n").unwrap_err();
        assert_eq!(err.span.unwrap().line, 3);
    }
}
