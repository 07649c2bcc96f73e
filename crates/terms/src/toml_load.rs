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
        // An error without a position (a missing field of the top table)
        // still names the file: line 1, column 1.
        let span = e
            .span()
            .map(|r| span_of(file, text, r.start, r.end))
            .unwrap_or_else(|| span_of(file, text, 0, 0));
        let message = e.message().trim();
        if let Some(field) = company_fact(message) {
            return Diagnostic::error(
                "T0002",
                Some(span),
                format!("invalid term file: `{field}`: the fiscal year is a company fact, not a term of one instrument"),
            )
            .with_help("declare it once in the journal: option fiscal-year-end MM-DD (e.g. `option fiscal-year-end 12-31`), and remove this field");
        }
        Diagnostic::error("T0001", Some(span), format!("invalid term file: {message}"))
    })
}

/// Term-file fields that once carried a fact about the company (each
/// instrument assumed its own fiscal year): now refused by name, pointing
/// at the journal option that declares the fact once for the whole book.
const COMPANY_FACTS: &[&str] = &["fiscal_year_end_month", "fiscal_year_end_day"];

/// The company-fact field an "unknown field" error names, if any.
fn company_fact(message: &str) -> Option<&'static str> {
    let name = message.strip_prefix("unknown field `")?.split('`').next()?;
    COMPANY_FACTS.iter().copied().find(|f| *f == name)
}

/// A value serde accepted but the terms refuse (a zero divisor, a negative
/// count): the field's path in the term file and why.
///
/// The path is the TOML path: `designated_shares`, `conversion.divisor`, or
/// `reports[1].due_days` for the second `[[reports]]` table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        FieldError {
            field: field.into(),
            message: message.into(),
        }
    }

    /// The diagnostic, at the field's key in `text` (the term file `file`),
    /// or at line 1 of the file when the field is not written there (a
    /// default), so every term-file error names its file, line and column.
    pub fn diagnostic(&self, code: &'static str, file: FileId, text: &str) -> Diagnostic {
        let span = field_span(file, text, &self.field).unwrap_or_else(|| span_of(file, text, 0, 0));
        Diagnostic::error(
            code,
            Some(span),
            format!("invalid term file: `{}` {}", self.field, self.message),
        )
    }
}

/// A count the terms need to be more than zero (designated shares, a
/// divisor, a window of days): refused at its field when it is not.
pub fn positive<T: PartialOrd + Default + std::fmt::Display>(
    field: &str,
    value: T,
    what: &str,
) -> Result<(), FieldError> {
    if value > T::default() {
        Ok(())
    } else {
        Err(FieldError::new(
            field,
            format!("is {value}: {what} must be more than zero"),
        ))
    }
}

/// A figure the terms need to be zero or more (a rate, a number of days
/// that may be zero): refused at its field when negative.
pub fn not_negative<T: PartialOrd + Default + std::fmt::Display>(
    field: &str,
    value: T,
    what: &str,
) -> Result<(), FieldError> {
    if value >= T::default() {
        Ok(())
    } else {
        Err(FieldError::new(
            field,
            format!("is {value}: {what} must not be negative"),
        ))
    }
}

/// Where the key of `path` is written in the TOML `text`: the key's line
/// and column under its table header (`[a]`, `[[a]]`; `a[1]` is the second
/// `[[a]]`). `None` when the key is not written (a defaulted field).
pub fn field_span(file: FileId, text: &str, path: &str) -> Option<Span> {
    let (table, key) = match path.rsplit_once('.') {
        Some((t, k)) => (t, k),
        None => ("", path),
    };
    let (table, index) = match table.split_once('[') {
        Some((t, rest)) => (t, rest.trim_end_matches(']').parse::<usize>().ok()),
        None => (table, None),
    };
    let mut current = String::new();
    let mut occurrence: usize = 0;
    let mut offset = 0usize;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if let Some(h) = trimmed.strip_prefix('[') {
            let array = h.starts_with('[');
            let name = h.trim_start_matches('[');
            let name = name.split(']').next().unwrap_or("").trim();
            if name == table && array {
                occurrence += 1;
            }
            current = name.to_string();
            continue;
        }
        let in_table = current == table && index.is_none_or(|i| occurrence == i + 1);
        if !in_table {
            continue;
        }
        if let Some(after) = trimmed.strip_prefix(key) {
            if after.trim_start().starts_with('=') {
                let at = start + indent;
                return Some(span_of(file, text, at, at + key.len()));
            }
        }
    }
    None
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
    fn field_errors_point_at_their_key() {
        let text = "designated_shares = -200000\n[conversion]\n  divisor = \"0\"\n[[reports]]\ndue_days = 45\n[[reports]]\ndue_days = -1\n";
        let e = FieldError::new("conversion.divisor", "must be positive").diagnostic(
            "T0201",
            FileId(3),
            text,
        );
        let span = e.span.unwrap();
        // Line 3 ("  divisor = ..."), column 3 after two spaces of indent.
        assert_eq!((span.file, span.line, span.col), (FileId(3), 3, 3));
        assert!(e.message.contains("`conversion.divisor`"), "{}", e.message);
        let span = field_span(FileId(3), text, "designated_shares").unwrap();
        assert_eq!((span.line, span.col), (1, 1));
        // The second [[reports]] table: its due_days is on line 7.
        assert_eq!(
            field_span(FileId(3), text, "reports[1].due_days")
                .unwrap()
                .line,
            7
        );
        assert_eq!(
            field_span(FileId(3), text, "reports[0].due_days")
                .unwrap()
                .line,
            5
        );
        // A defaulted field is not written: the diagnostic still names the
        // file, at line 1 column 1.
        let e =
            FieldError::new("redemption.notice_min_days", "x").diagnostic("T0201", FileId(3), text);
        assert_eq!(e.span.map(|s| (s.line, s.col)), Some((1, 1)));
    }

    #[test]
    fn counts_must_be_positive() {
        assert!(positive("designated_shares", -200_000i64, "a share count").is_err());
        assert!(positive("designated_shares", 0i64, "a share count").is_err());
        assert!(positive("designated_shares", 1i64, "a share count").is_ok());
        assert!(not_negative("days", 0i32, "days").is_ok());
        assert!(not_negative("days", -1i32, "days").is_err());
    }

    #[test]
    fn a_wrong_type_says_what_is_accepted() {
        #[derive(Deserialize, Debug)]
        #[allow(dead_code)]
        struct P {
            divisor: units::Price,
        }
        let e = load_terms::<P>(FileId(0), "divisor = true\n").unwrap_err();
        assert!(
            e.message.contains("a string holding a decimal"),
            "{}",
            e.message
        );
        assert_eq!(e.span.map(|s| (s.line, s.col)), Some((1, 11)));
    }

    #[test]
    fn a_fiscal_year_in_a_term_file_points_at_the_journal_option() {
        let text = "rate = \"1\"\ndays = 1\nfiscal_year_end_month = 3\n";
        let err = load_terms::<T>(FileId(0), text).unwrap_err();
        assert_eq!(err.code, "T0002");
        assert_eq!(err.span.map(|s| (s.line, s.col)), Some((3, 1)));
        assert!(
            err.message.contains("`fiscal_year_end_month`"),
            "{}",
            err.message
        );
        assert!(err.message.contains("company fact"), "{}", err.message);
        assert!(err
            .help
            .as_deref()
            .unwrap_or("")
            .contains("option fiscal-year-end"));
    }

    #[test]
    fn unknown_field_is_an_error() {
        let err = load_terms::<T>(FileId(0), "rate = \"1\"\ndays = 1\nrat = 2\n").unwrap_err();
        assert_eq!(err.span.unwrap().line, 3);
    }
}
