pub mod diag;
pub use diag::{Diagnostic, FileId, Severity, SourceMap, Span};
