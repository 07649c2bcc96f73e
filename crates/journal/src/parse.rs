//! The line parser for one journal file: it classifies each line (blank,
//! comment, directive at column 1, indented metadata), tokenizes it by
//! scanning bytes, and turns problems into diagnostics instead of stopping, so
//! that one run reports every error in the file. It follows no includes; see
//! [`crate::parse_book`] for that.
//!
//! Speed matters (a book may hold millions of events), so the scanner works on
//! bytes, borrows each token's text from the line until it is stored, and
//! computes character columns cheaply for ASCII lines. The parser hands each
//! finished directive to a [`Sink`]: [`parse_str`] collects them, while
//! [`crate::parse_book_streaming`] lends one reused directive to the caller
//! at a time, so a book of millions of events is never held as a whole
//! (every token's `String` is recycled from the directive before).

use std::borrow::Cow;

use jiff::civil::Date;

use crate::codes;
use crate::diag::{suggest, Diagnostic, FileId, Span};
use crate::syntax::{Directive, Meta, OptionDirective, Token};

/// What [`parse_str`] returns: directives, options, includes (the path token
/// and the whole `include` line's span, in file order) and diagnostics.
pub type FileParse = (
    Vec<Directive>,
    Vec<OptionDirective>,
    Vec<(Token, Span)>,
    Vec<Diagnostic>,
);

/// Parses one file's text (no includes followed).
///
/// Directives get ordinals 0, 1, … in file order; [`crate::parse_book`]
/// renumbers them across files. The includes are returned with the path token
/// (as written, not resolved) and the span of the whole `include` line.
pub fn parse_str(file: FileId, text: &str) -> FileParse {
    let mut sink = Collect::default();
    parse_into(file, text, &mut sink);
    (sink.directives, sink.options, sink.includes, sink.diags)
}

/// Where the parser puts what it finds, in file order.
pub(crate) trait Sink {
    /// A finished dated directive (its metadata block has ended). The sink
    /// may take the directive's contents (see [`take_directive`]); whatever
    /// it leaves is reused for the next directive. Its `ordinal` is the
    /// sink's to set.
    fn directive(&mut self, d: &mut Directive);
    /// An `option` line.
    fn option(&mut self, o: OptionDirective);
    /// An `include` line: the path token (as written) and the whole line.
    fn include(&mut self, path: Token, line: Span);
    /// A syntax problem.
    fn diag(&mut self, d: Diagnostic);
}

/// The sink of [`parse_str`]: keeps everything.
#[derive(Default)]
struct Collect {
    directives: Vec<Directive>,
    options: Vec<OptionDirective>,
    includes: Vec<(Token, Span)>,
    diags: Vec<Diagnostic>,
}

impl Sink for Collect {
    fn directive(&mut self, d: &mut Directive) {
        let mut d = take_directive(d);
        d.ordinal = u32::try_from(self.directives.len()).unwrap_or(u32::MAX);
        self.directives.push(d);
    }
    fn option(&mut self, o: OptionDirective) {
        self.options.push(o);
    }
    fn include(&mut self, path: Token, line: Span) {
        self.includes.push((path, line));
    }
    fn diag(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }
}

fn empty_token() -> Token {
    Token {
        text: String::new(),
        span: Span::default(),
        quoted: false,
    }
}

/// An empty directive, the parser's buffer before the first one.
fn empty_directive() -> Directive {
    Directive {
        date: Date::MIN,
        date_span: Span::default(),
        keyword: empty_token(),
        args: Vec::new(),
        meta: Vec::new(),
        span: Span::default(),
        ordinal: 0,
    }
}

/// Moves a directive out of the parser's buffer, leaving an empty one.
pub(crate) fn take_directive(d: &mut Directive) -> Directive {
    std::mem::replace(d, empty_directive())
}

/// Parses one file's text into `sink`, in file order (no includes followed:
/// the sink is told where they are).
pub(crate) fn parse_into<S: Sink>(file: FileId, text: &str, sink: &mut S) {
    let mut p = Parser {
        sink,
        block: Block::None,
        cur: empty_directive(),
        spare: Vec::new(),
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    for (i, raw) in text.split('\n').enumerate() {
        let no = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        p.line(&Line::new(file, no, line));
    }
    p.flush();
}

/// Whether a byte separates tokens. A stray `\r` (not part of a `\r\n` line
/// ending) counts as blank so that no token can end in one.
#[inline]
pub(crate) fn is_ws(b: u8) -> bool {
    b == b' ' || b == b'\t' || b == b'\r'
}

/// Whether `s` is a valid keyword, `[a-z][a-z0-9-]*`.
pub(crate) fn is_keyword(s: &str) -> bool {
    let b = s.as_bytes();
    matches!(b.first(), Some(b'a'..=b'z'))
        && b.iter()
            .all(|c| matches!(c, b'a'..=b'z' | b'0'..=b'9' | b'-'))
}

/// Whether `s` is a valid metadata key, `[a-z][a-z0-9_-]*`.
pub(crate) fn is_meta_key(s: &str) -> bool {
    let b = s.as_bytes();
    matches!(b.first(), Some(b'a'..=b'z'))
        && b.iter()
            .all(|c| matches!(c, b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_'))
}

/// One line with what is needed to turn byte offsets into spans.
pub(crate) struct Line<'a> {
    file: FileId,
    no: u32,
    text: &'a str,
    ascii: bool,
}

impl<'a> Line<'a> {
    pub(crate) fn new(file: FileId, no: u32, text: &'a str) -> Self {
        Line {
            file,
            no,
            text,
            ascii: text.is_ascii(),
        }
    }

    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    fn sub(&self, start: usize, end: usize) -> &'a str {
        self.text.get(start..end).unwrap_or("")
    }

    fn chars_between(&self, start: usize, end: usize) -> u32 {
        let n = if self.ascii {
            end.saturating_sub(start)
        } else {
            self.sub(start, end).chars().count()
        };
        u32::try_from(n).unwrap_or(u32::MAX)
    }

    /// The span of the bytes `start..end` (both on char boundaries).
    fn span(&self, start: usize, end: usize) -> Span {
        let col = self.chars_between(0, start).saturating_add(1);
        Span::new(self.file, self.no, col, self.chars_between(start, end))
    }

    /// The span of the whole line.
    fn whole(&self) -> Span {
        self.span(0, self.text.len())
    }

    /// The byte offset just past the char starting at `pos`.
    fn char_end(&self, pos: usize) -> usize {
        let len = self
            .text
            .get(pos..)
            .and_then(|s| s.chars().next())
            .map_or(1, char::len_utf8);
        (pos + len).min(self.text.len())
    }
}

/// A scanned token with its byte range in the line.
pub(crate) struct Tok<'a> {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) quoted: bool,
    /// The token's text: borrowed from the line unless a quoted string had
    /// escapes to resolve.
    pub(crate) text: Cow<'a, str>,
}

impl Tok<'_> {
    fn into_token(self, line: &Line) -> Token {
        Token {
            span: line.span(self.start, self.end),
            text: self.text.into_owned(),
            quoted: self.quoted,
        }
    }
}

/// Scans the next token at or after `*pos`; `Ok(None)` at the end of the line
/// or at a trailing comment (` ;`).
pub(crate) fn next_token<'a>(
    line: &Line<'a>,
    pos: &mut usize,
) -> Result<Option<Tok<'a>>, Diagnostic> {
    let b = line.bytes();
    let mut i = *pos;
    while i < b.len() && is_ws(b[i]) {
        i += 1;
    }
    let s = i;
    *pos = i;
    match b.get(s) {
        None => Ok(None),
        Some(b';') if s > 0 && is_ws(b[s - 1]) => {
            *pos = b.len();
            Ok(None)
        }
        Some(b'"') => {
            let tok = scan_quoted(line, s)?;
            *pos = tok.end;
            if let Some(&c) = b.get(tok.end) {
                if !is_ws(c) {
                    let at = tok.end;
                    return Err(Diagnostic::error(
                        codes::TEXT_AFTER_STRING,
                        Some(line.span(at, line.char_end(at))),
                        "expected a space after the closing quote",
                    )
                    .with_help(
                        "separate the next word with a space, or write `\\\"` for a quote inside the string",
                    ));
                }
            }
            Ok(Some(tok))
        }
        Some(_) => {
            while i < b.len() && !is_ws(b[i]) {
                i += 1;
            }
            *pos = i;
            Ok(Some(Tok {
                start: s,
                end: i,
                quoted: false,
                text: Cow::Borrowed(line.sub(s, i)),
            }))
        }
    }
}

/// Scans a quoted string whose opening quote is at byte `s`.
fn scan_quoted<'a>(line: &Line<'a>, s: usize) -> Result<Tok<'a>, Diagnostic> {
    let b = line.bytes();
    let mut i = s + 1;
    let mut seg = i;
    let mut out: Option<String> = None;
    loop {
        match b.get(i) {
            None => {
                return Err(Diagnostic::error(
                    codes::UNTERMINATED_STRING,
                    Some(line.span(s, b.len())),
                    "unterminated string",
                )
                .with_help("close the string with `\"`; a string cannot span lines"));
            }
            Some(b'"') => break,
            Some(b'\\') => {
                let ch = match b.get(i + 1) {
                    Some(b'"') => '"',
                    Some(b'\\') => '\\',
                    Some(b'n') => '\n',
                    Some(b't') => '\t',
                    None => {
                        return Err(Diagnostic::error(
                            codes::UNTERMINATED_STRING,
                            Some(line.span(s, b.len())),
                            "unterminated string (the last quote is escaped)",
                        )
                        .with_help("write `\\\\\"` to end a string with a backslash"));
                    }
                    Some(_) => {
                        let end = line.char_end(i + 1);
                        return Err(Diagnostic::error(
                            codes::BAD_ESCAPE,
                            Some(line.span(i, end)),
                            format!("unknown escape `{}` in string", line.sub(i, end)),
                        )
                        .with_help(
                            "the escapes are `\\\"`, `\\\\`, `\\n` and `\\t`; write `\\\\` for a backslash",
                        ));
                    }
                };
                let o = out.get_or_insert_with(String::new);
                o.push_str(line.sub(seg, i));
                o.push(ch);
                i += 2;
                seg = i;
            }
            Some(_) => i += 1,
        }
    }
    let text = match out {
        Some(mut o) => {
            o.push_str(line.sub(seg, i));
            Cow::Owned(o)
        }
        None => Cow::Borrowed(line.sub(s + 1, i)),
    };
    Ok(Tok {
        start: s,
        end: i + 1,
        quoted: true,
        text,
    })
}

/// A metadata value as scanned from `pos` to the end of the line.
pub(crate) struct Value {
    pub(crate) token: Token,
}

/// Scans a metadata value: the rest of the line, trimmed, trailing comment
/// removed; a value that is exactly one quoted string is unquoted.
pub(crate) fn scan_value(line: &Line, pos: usize) -> Result<Value, Diagnostic> {
    let v = scan_value_ref(line, pos)?;
    Ok(Value {
        token: Token {
            text: v.text.into_owned(),
            span: line.span(v.start, v.end),
            quoted: v.quoted,
        },
    })
}

/// [`scan_value`] without copying the text: the value's text (borrowed
/// unless escapes were resolved), its byte range and whether it was quoted.
fn scan_value_ref<'a>(line: &Line<'a>, pos: usize) -> Result<Tok<'a>, Diagnostic> {
    let mut p = pos;
    let mut first: Option<Tok> = None;
    let mut count = 0usize;
    let mut end = pos;
    while let Some(t) = next_token(line, &mut p)? {
        count += 1;
        end = t.end;
        if first.is_none() {
            first = Some(t);
        }
    }
    match first {
        None => {
            // An empty value is placed right after the colon.
            let at = pos.min(line.bytes().len());
            Ok(Tok {
                start: at,
                end: at,
                quoted: false,
                text: Cow::Borrowed(""),
            })
        }
        Some(t) if count == 1 && t.quoted => Ok(t),
        Some(t) => Ok(Tok {
            start: t.start,
            end,
            quoted: false,
            text: Cow::Borrowed(line.sub(t.start, end)),
        }),
    }
}

/// What indented lines below the current position belong to.
#[derive(Clone, Copy)]
enum Block {
    /// Nothing: start of file, or after an undated directive's block ended.
    None,
    /// The metadata block of the pending directive (the parser's buffer).
    Dated,
    /// A dated directive's block that a blank line ended.
    EndedByBlank,
    /// Below an `include` or `option` line, which take no metadata.
    Undated(&'static str),
    /// Below a line that had an error: indented lines are skipped silently.
    Skip,
}

struct Parser<'s, S: Sink> {
    sink: &'s mut S,
    block: Block,
    /// The directive being read (pending while `block` is `Dated`); reused
    /// for the next one, keeping the `String`s and `Vec`s the sink left.
    cur: Directive,
    /// Token `String`s of earlier directives, for reuse.
    spare: Vec<String>,
}

impl<S: Sink> Parser<'_, S> {
    /// Hands the pending directive, if any, to the sink: its metadata block
    /// has ended.
    fn flush(&mut self) {
        if let Block::Dated = self.block {
            self.sink.directive(&mut self.cur);
            self.block = Block::EndedByBlank;
        }
    }

    /// Empties the buffer for the next directive, keeping its strings.
    fn recycle(&mut self) {
        for t in self.cur.args.drain(..) {
            self.spare.push(t.text);
        }
        for m in self.cur.meta.drain(..) {
            self.spare.push(m.key.text);
            self.spare.push(m.value.text);
        }
    }

    /// A token's text as a `String`, reusing an earlier token's when one is
    /// spare (no allocation on the hot path).
    fn string(&mut self, text: &str) -> String {
        match self.spare.pop() {
            Some(mut s) => {
                s.clear();
                s.push_str(text);
                s
            }
            None => text.to_owned(),
        }
    }

    fn token(&mut self, t: Tok, line: &Line) -> Token {
        let text = match t.text {
            Cow::Borrowed(b) => self.string(b),
            Cow::Owned(o) => o,
        };
        Token {
            text,
            span: line.span(t.start, t.end),
            quoted: t.quoted,
        }
    }

    fn line(&mut self, line: &Line) {
        let b = line.bytes();
        let Some(k) = b.iter().position(|&c| !is_ws(c)) else {
            // A blank line ends a directive's metadata block.
            self.flush();
            self.block = match self.block {
                Block::EndedByBlank => Block::EndedByBlank,
                _ => Block::None,
            };
            return;
        };
        if !matches!(b[k], b';' | b'#') && k == 0 {
            // Any line at column 1 but a comment ends the metadata block.
            self.flush();
        }
        match b[k] {
            b';' | b'#' => {} // comment lines neither end nor continue anything
            _ if k > 0 => self.metadata(line, k),
            b'0'..=b'9' => self.dated(line),
            b'a'..=b'z' | b'A'..=b'Z' => self.undated(line),
            _ => {
                let end = line.char_end(0);
                self.error(
                    Diagnostic::error(
                        codes::NOT_A_DIRECTIVE,
                        Some(line.span(0, end)),
                        format!("unexpected `{}` at the start of a line", line.sub(0, end)),
                    )
                    .with_help(
                        "a line at column 1 is a dated directive (`YYYY-MM-DD keyword ...`), `include`, `option`, or a comment starting with `;` or `#`",
                    ),
                );
            }
        }
    }

    /// Records an error on a column-1 line and skips its indented lines.
    fn error(&mut self, d: Diagnostic) {
        self.sink.diag(d);
        self.block = Block::Skip;
    }

    fn dated(&mut self, line: &Line) {
        let b = line.bytes();
        let date_end = b.iter().position(|&c| is_ws(c)).unwrap_or(b.len());
        let date_span = line.span(0, date_end);
        let date = match parse_date(line.sub(0, date_end)) {
            Ok(d) => d,
            Err((code, msg, help)) => {
                return self.error(Diagnostic::error(code, Some(date_span), msg).with_help(help));
            }
        };
        let mut pos = date_end;
        let keyword = match next_token(line, &mut pos) {
            Err(e) => return self.error(e),
            Ok(None) => {
                let at = date_end.min(b.len());
                let span = Span::new(
                    line.file,
                    line.no,
                    line.chars_between(0, at).saturating_add(1),
                    1,
                );
                return self.error(
                    Diagnostic::error(
                        codes::MISSING_KEYWORD,
                        Some(span),
                        "expected a keyword after the date",
                    )
                    .with_help(format!(
                        "write what happened after the date, e.g. `{} issue ...`",
                        line.sub(0, date_end)
                    )),
                );
            }
            Ok(Some(t)) => t,
        };
        if keyword.quoted || !is_keyword(&keyword.text) {
            let lower = keyword.text.to_ascii_lowercase();
            let help = if !keyword.quoted && is_keyword(&lower) {
                format!("keywords are lower-case: write `{lower}`")
            } else {
                "a keyword is a bare word of lower-case letters, digits and `-`, starting with a letter"
                    .to_owned()
            };
            let span = line.span(keyword.start, keyword.end);
            let text = line.sub(keyword.start, keyword.end);
            return self.error(
                Diagnostic::error(
                    codes::BAD_KEYWORD,
                    Some(span),
                    format!("`{text}` is not a keyword"),
                )
                .with_help(help),
            );
        }
        self.recycle();
        let kw_span = line.span(keyword.start, keyword.end);
        self.cur.keyword.text.clear();
        self.cur.keyword.text.push_str(&keyword.text);
        self.cur.keyword.span = kw_span;
        self.cur.keyword.quoted = false;
        loop {
            match next_token(line, &mut pos) {
                Err(e) => return self.error(e),
                Ok(None) => break,
                Ok(Some(t)) => {
                    let t = self.token(t, line);
                    self.cur.args.push(t);
                }
            }
        }
        self.cur.date = date;
        self.cur.date_span = date_span;
        self.cur.span = line.whole();
        self.cur.ordinal = 0;
        self.block = Block::Dated;
    }

    fn undated(&mut self, line: &Line) {
        let b = line.bytes();
        let word_end = b.iter().position(|&c| is_ws(c)).unwrap_or(b.len());
        let word = line.sub(0, word_end);
        let word_span = line.span(0, word_end);
        let which: &'static str = match word {
            "include" => "include",
            "option" => "option",
            _ => {
                let help = match suggest(word, ["include", "option"]) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!(
                        "a dated directive starts with its date, e.g. `2001-05-01 {word} ...`; the undated directives are `include` and `option`"
                    ),
                };
                return self.error(
                    Diagnostic::error(
                        codes::UNKNOWN_DIRECTIVE,
                        Some(word_span),
                        format!("unknown directive `{word}`"),
                    )
                    .with_help(help),
                );
            }
        };
        let mut pos = word_end;
        let mut args: Vec<Token> = Vec::new();
        loop {
            match next_token(line, &mut pos) {
                Err(e) => return self.error(e),
                Ok(None) => break,
                Ok(Some(t)) => args.push(t.into_token(line)),
            }
        }
        let result = if which == "include" {
            self.include(line, word_span, args)
        } else {
            self.option(word_span, args)
        };
        match result {
            Ok(()) => self.block = Block::Undated(which),
            Err(d) => self.error(d),
        }
    }

    fn include(&mut self, line: &Line, word: Span, args: Vec<Token>) -> Result<(), Diagnostic> {
        let mut it = args.into_iter();
        let (Some(path), extra) = (it.next(), it.next()) else {
            return Err(Diagnostic::error(
                codes::BAD_INCLUDE,
                Some(word),
                "`include` needs a file path",
            )
            .with_help("write e.g. `include \"2001/events.journal\"`"));
        };
        if let Some(extra) = extra {
            return Err(Diagnostic::error(
                codes::BAD_INCLUDE,
                Some(extra.span),
                "`include` takes one path",
            )
            .with_help("include each file on its own line; quote a path that contains spaces"));
        }
        if !path.quoted {
            let help = format!(
                "quote the path: `include \"{}\"`",
                path.text.replace('\\', "\\\\")
            );
            return Err(Diagnostic::error(
                codes::BAD_INCLUDE,
                Some(path.span),
                "the include path must be a quoted string",
            )
            .with_help(help));
        }
        if path.text.is_empty() {
            return Err(Diagnostic::error(
                codes::BAD_INCLUDE,
                Some(path.span),
                "empty include path",
            )
            .with_help("name the file to include, relative to this file's directory"));
        }
        self.sink.include(path, line.whole());
        Ok(())
    }

    fn option(&mut self, word: Span, args: Vec<Token>) -> Result<(), Diagnostic> {
        let mut it = args.into_iter();
        let (key, value, extra) = (it.next(), it.next(), it.next());
        let Some(key) = key else {
            return Err(Diagnostic::error(
                codes::BAD_OPTION,
                Some(word),
                "`option` needs a key and a value",
            )
            .with_help("write e.g. `option title \"Example Ltd\"`"));
        };
        if key.quoted {
            return Err(Diagnostic::error(
                codes::BAD_OPTION,
                Some(key.span),
                "an option key must be a bare word",
            )
            .with_help(format!("remove the quotes: `option {} ...`", key.text)));
        }
        let Some(value) = value else {
            return Err(Diagnostic::error(
                codes::BAD_OPTION,
                Some(key.span),
                format!("option `{}` needs a value", key.text),
            )
            .with_help(format!("write e.g. `option {} \"value\"`", key.text)));
        };
        if let Some(extra) = extra {
            return Err(Diagnostic::error(
                codes::BAD_OPTION,
                Some(extra.span),
                format!("option `{}` takes one value", key.text),
            )
            .with_help("quote a value that contains spaces"));
        }
        self.sink.option(OptionDirective { key, value });
        Ok(())
    }

    fn metadata(&mut self, line: &Line, k: usize) {
        match self.block {
            Block::Dated => {}
            Block::Skip => return,
            other => {
                let b = line.bytes();
                let end = b[k..]
                    .iter()
                    .position(|&c| is_ws(c))
                    .map_or(b.len(), |e| k + e);
                let first = line.sub(k, end);
                let looks_dated = parse_date(first).is_ok()
                    || first.as_bytes().first().is_some_and(u8::is_ascii_digit);
                let help = if looks_dated || first == "include" || first == "option" {
                    "directives start at column 1: remove the indentation".to_owned()
                } else {
                    match other {
                        Block::EndedByBlank => {
                            "a blank line ends a directive's metadata block: remove the blank line above"
                                .to_owned()
                        }
                        Block::Undated(w) => format!(
                            "`{w}` takes no metadata; metadata goes directly below a dated directive"
                        ),
                        _ => "metadata (`key: value`) goes directly below a dated directive".to_owned(),
                    }
                };
                let msg = match other {
                    Block::Undated(w) => format!("indented line below `{w}`"),
                    _ => "indented line outside a directive".to_owned(),
                };
                return self.error(
                    Diagnostic::error(codes::ORPHAN_INDENTED_LINE, Some(line.span(k, end)), msg)
                        .with_help(help),
                );
            }
        };
        let b = line.bytes();
        let mut ke = k;
        while ke < b.len() && matches!(b[ke], b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'_' | b'-')
        {
            ke += 1;
        }
        if b.get(ke) != Some(&b':') {
            let word_end = b[k..]
                .iter()
                .position(|&c| is_ws(c))
                .map_or(b.len(), |e| k + e);
            let run = line.sub(k, ke);
            let next = b[ke..].iter().position(|&c| !is_ws(c)).map(|o| b[ke + o]);
            let word = line.sub(k, word_end);
            let help = if parse_date(word).is_ok() || word == "include" || word == "option" {
                "directives start at column 1: remove the indentation".to_owned()
            } else if is_meta_key(run) && ke < word_end {
                "metadata lines have the form `key: value`".to_owned()
            } else if is_meta_key(run) && next == Some(b':') {
                format!("remove the space before the colon: `{run}: ...`")
            } else if is_meta_key(run) {
                format!("add a colon after the key: `{run}: ...`")
            } else {
                "metadata lines have the form `key: value`".to_owned()
            };
            self.sink.diag(
                Diagnostic::error(
                    codes::MISSING_COLON,
                    Some(line.span(k, word_end)),
                    "expected `key: value`",
                )
                .with_help(help),
            );
            return;
        }
        let key_text = line.sub(k, ke);
        let key_span = line.span(k, ke.max(k + 1).min(b.len()));
        if !is_meta_key(key_text) {
            let lower = key_text.to_ascii_lowercase();
            let help = if is_meta_key(&lower) {
                format!("metadata keys are lower-case: write `{lower}:`")
            } else {
                "a metadata key is lower-case letters, digits, `_` and `-`, starting with a letter"
                    .to_owned()
            };
            let msg = if key_text.is_empty() {
                "missing metadata key before `:`".to_owned()
            } else {
                format!("`{key_text}` is not a metadata key")
            };
            self.sink
                .diag(Diagnostic::error(codes::BAD_META_KEY, Some(key_span), msg).with_help(help));
            return;
        }
        let value = match scan_value_ref(line, ke + 1) {
            Ok(v) => self.token(v, line),
            Err(e) => {
                self.sink.diag(e);
                return;
            }
        };
        let key = Token {
            text: self.string(key_text),
            span: key_span,
            quoted: false,
        };
        // Exact growth: most directives have no, one or two metadata lines,
        // and the default growth to four would waste memory on each kept
        // directive (a reused buffer has the capacity already).
        self.cur.meta.reserve_exact(1);
        self.cur.meta.push(Meta { key, value });
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn days_in_month(year: i16, month: i8) -> i8 {
    match month {
        2 => {
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
            if leap {
                29
            } else {
                28
            }
        }
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn digits(b: &[u8]) -> Option<i32> {
    if b.is_empty() || b.len() > 4 || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(b.iter().fold(0i32, |n, &c| n * 10 + i32::from(c - b'0')))
}

/// Parses a strict `YYYY-MM-DD` calendar date; on failure, the code, message
/// and a help line suggesting the fix.
pub(crate) fn parse_date(s: &str) -> Result<Date, (&'static str, String, String)> {
    let b = s.as_bytes();
    let strict = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if strict {
        let (y, m, d) = (
            digits(&b[0..4]).unwrap_or(0),
            digits(&b[5..7]).unwrap_or(0),
            digits(&b[8..10]).unwrap_or(0),
        );
        // Four digits always fit an i16; two always fit an i8.
        let (y, m, d) = (y as i16, m as i8, d as i8);
        if !(1..=12).contains(&m) {
            return Err((
                codes::NOT_A_CALENDAR_DATE,
                format!("`{s}` is not a calendar date: there is no month {m:02}"),
                "months run from 01 to 12 (dates are YYYY-MM-DD, year first)".to_owned(),
            ));
        }
        let dim = days_in_month(y, m);
        if !(1..=dim).contains(&d) {
            let name = MONTHS[(m - 1) as usize];
            return Err((
                codes::NOT_A_CALENDAR_DATE,
                format!("`{s}` is not a calendar date"),
                format!("{name} {y:04} has {dim} days"),
            ));
        }
        return Date::new(y, m, d).map_err(|e| {
            (
                codes::NOT_A_CALENDAR_DATE,
                format!("`{s}` is not a calendar date"),
                e.to_string(),
            )
        });
    }
    let parts: Vec<&[u8]> = b.split(|c| matches!(c, b'-' | b'/' | b'.')).collect();
    let mut help = "write dates as YYYY-MM-DD, e.g. 2001-05-01".to_owned();
    if let [y, m, d] = parts[..] {
        if let (Some(yn), Some(mn), Some(dn)) = (digits(y), digits(m), digits(d)) {
            if y.len() == 4 && m.len() <= 2 && d.len() <= 2 {
                let fixed = format!("{yn:04}-{mn:02}-{dn:02}");
                if parse_date(&fixed).is_ok() {
                    help = format!("write dates as YYYY-MM-DD, e.g. {fixed}");
                }
            } else if d.len() == 4 && y.len() <= 2 && m.len() <= 2 {
                help = "write dates as YYYY-MM-DD, year first, e.g. 2001-05-01 for 1 May 2001"
                    .to_owned();
            }
        }
    }
    Err((
        codes::BAD_DATE_FORMAT,
        format!("`{s}` is not a date in the form YYYY-MM-DD"),
        help,
    ))
}
