//! The parser for stockbook's plain-text journal: a file of dated corporate
//! events (`YYYY-MM-DD keyword arg*`, with indented `key: value` metadata),
//! `include` and `option` lines, and comments. It turns text into
//! [`Directive`]s with exact source spans and reports every syntax problem as
//! a [`Diagnostic`]; it knows no securities law (the engine gives keywords
//! their meaning), does no I/O (includes are read through a caller-supplied
//! loader) and reads no clock. The format is described in `docs/journal.md`
//! and the diagnostic codes in `docs/errors.md`.
//!
//! ```
//! use journal::{parse_str, FileId};
//! let text = "; the founding\n2001-05-01 issue common alice 100\n  board: \"BR-1\"\n";
//! let (directives, _options, _includes, diagnostics) = parse_str(FileId(0), text);
//! assert!(diagnostics.is_empty());
//! assert_eq!(directives[0].keyword.text, "issue");
//! assert_eq!(directives[0].meta_get("board").map(|t| t.text.as_str()), Some("BR-1"));
//! ```

#![warn(missing_docs)]

mod book;
pub mod codes;
pub mod diag;
mod parse;
mod print;
mod syntax;

pub use book::{parse_book, parse_book_streaming, resolve_relative, Streamed, MAX_INCLUDE_DEPTH};
pub use diag::{suggest, Diagnostic, FileId, Severity, SourceMap, Span};
pub use parse::{parse_str, FileParse};
pub use print::print_directive;
pub use syntax::{Directive, Meta, OptionDirective, Parsed, Token};
