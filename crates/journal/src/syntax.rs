//! The syntax tree the parser hands to the engine: tokens with their source
//! spans, dated directives with their metadata, and options. It is plain data
//! with no meaning attached, so the engine (which knows the law) can decide
//! what each keyword does while every diagnostic can still point at the exact
//! text that caused it.

use crate::diag::{Diagnostic, SourceMap, Span};

/// One word of the journal: a bare token or a double-quoted string (unescaped).
///
/// The span is kept so that any later stage can point a diagnostic at the
/// word; `quoted` is kept so that a printed directive reads as it was written.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Token {
    /// The token's text, with quotes removed and escapes resolved.
    pub text: String,
    /// Where the token is in its file; for a quoted string the quotes are included.
    pub span: Span,
    /// Whether the token was written as a double-quoted string.
    pub quoted: bool,
}

impl Token {
    /// Makes a token; handy for tools that build directives to print them.
    pub fn new(text: impl Into<String>, span: Span, quoted: bool) -> Self {
        Token {
            text: text.into(),
            span,
            quoted,
        }
    }
}

/// One `key: value` metadata line below a dated directive.
///
/// Metadata carries the details an event needs beyond its positional
/// arguments (price, board resolution, notes) without the parser knowing them.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Meta {
    /// The key, `[a-z][a-z0-9_-]*`.
    pub key: Token,
    /// The value: the rest of the line, trimmed, trailing comment removed;
    /// unquoted when the whole value is one quoted string. Its span covers the
    /// value text.
    pub value: Token,
}

/// A dated corporate event as written: `YYYY-MM-DD keyword arg*` plus metadata.
///
/// The parser does not interpret the keyword; the engine does.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Directive {
    /// The event's date, a real calendar date.
    pub date: jiff::civil::Date,
    /// Where the date is written.
    pub date_span: Span,
    /// The keyword, `[a-z][a-z0-9-]*`.
    pub keyword: Token,
    /// The positional arguments after the keyword.
    pub args: Vec<Token>,
    /// The metadata lines below the directive, in file order (keys may repeat).
    pub meta: Vec<Meta>,
    /// The whole first line of the directive.
    pub span: Span,
    /// Position in the include-expanded stream, 0-based; orders directives
    /// across files (same-date events apply in file order).
    pub ordinal: u32,
}

impl Directive {
    /// The value of the first metadata line with this key, if any; most keys
    /// are meant to appear once.
    pub fn meta_get(&self, key: &str) -> Option<&Token> {
        self.meta
            .iter()
            .find(|m| m.key.text == key)
            .map(|m| &m.value)
    }

    /// The values of every metadata line with this key, in file order; for keys
    /// that may repeat.
    pub fn meta_all<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a Token> {
        self.meta
            .iter()
            .filter(move |m| m.key.text == key)
            .map(|m| &m.value)
    }
}

/// An `option <key> <value>` line: book-wide settings, interpreted by the engine.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct OptionDirective {
    /// The option's name (a bare token).
    pub key: Token,
    /// The option's value (a bare token or quoted string).
    pub value: Token,
}

/// Everything read from a root journal and the files it includes.
///
/// Diagnostics are collected rather than returned as an error so that a run
/// reports every problem at once.
#[derive(Clone, Debug, Default)]
pub struct Parsed {
    /// Dated directives in include-expanded order (`ordinal` = index).
    pub directives: Vec<Directive>,
    /// Options in include-expanded order.
    pub options: Vec<OptionDirective>,
    /// Every file read, for rendering diagnostics; the root is `FileId(0)`.
    pub sources: SourceMap,
    /// Every syntax and include problem found, in the order found.
    pub diagnostics: Vec<Diagnostic>,
}

impl Parsed {
    /// Whether any diagnostic is an error (the book must not be replayed then).
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}
