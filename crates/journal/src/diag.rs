//! Source positions and diagnostics shared by every text format stockbook reads
//! (journals, term files, price files).
//!
//! A diagnostic always names a file, a 1-based line and a 1-based column, so a
//! user can find the bad input; where the input breaks a legal term, it also
//! names the clause. Diagnostics are collected, never thrown: a run reports all
//! of them, not only the first.

use std::fmt::Write as _;

/// Index of a file in a [`SourceMap`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct FileId(
    /// Position in the [`SourceMap`], 0-based.
    pub u32,
);

/// A place in a source file. `line` and `col` are 1-based; `col` counts
/// characters (not bytes); `len` is the number of characters to underline
/// (at least 1 when rendered).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    /// The file the span is in.
    pub file: FileId,
    /// 1-based line number.
    pub line: u32,
    /// 1-based column, in characters.
    pub col: u32,
    /// Number of characters covered.
    pub len: u32,
}

impl Span {
    /// Makes a span; a shorthand for the struct literal.
    pub fn new(file: FileId, line: u32, col: u32, len: u32) -> Self {
        Span {
            file,
            line,
            col,
            len,
        }
    }
}

/// The files read in one run, in the order they were read.
#[derive(Clone, Debug, Default)]
pub struct SourceMap {
    files: Vec<(String, String)>,
}

impl SourceMap {
    /// An empty map.
    pub fn new() -> Self {
        Self::default()
    }

    /// Registers a file's name and full text; returns its id.
    pub fn add(&mut self, name: impl Into<String>, text: impl Into<String>) -> FileId {
        self.files.push((name.into(), text.into()));
        FileId((self.files.len() - 1) as u32)
    }

    /// Sets the text of a file registered earlier (with a placeholder while
    /// it was being read, so that its id comes before the files it includes).
    pub(crate) fn set_text(&mut self, id: FileId, text: String) {
        if let Some(f) = self.files.get_mut(id.0 as usize) {
            f.1 = text;
        }
    }

    /// Renames a registered file. A caller that feeds text which is not a
    /// file of the book (the command line's hypothetical lines) names it
    /// so (`<what-if>`), so that no diagnostic points at a line of a file
    /// on disk that does not hold it.
    pub fn rename(&mut self, id: FileId, name: impl Into<String>) {
        if let Some(f) = self.files.get_mut(id.0 as usize) {
            f.0 = name.into();
        }
    }

    /// The file's name as registered, or `<unknown>` for an id not in this map.
    pub fn name(&self, id: FileId) -> &str {
        self.files
            .get(id.0 as usize)
            .map(|f| f.0.as_str())
            .unwrap_or("<unknown>")
    }

    /// The file's full text, or `""` for an id not in this map.
    pub fn text(&self, id: FileId) -> &str {
        self.files
            .get(id.0 as usize)
            .map(|f| f.1.as_str())
            .unwrap_or("")
    }

    /// The number of files registered.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether no file is registered.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// The text of a 1-based line, without its line ending (and, on line 1,
    /// without a byte-order mark, since columns do not count it).
    pub fn line(&self, id: FileId, line: u32) -> Option<&str> {
        if line == 0 {
            return None;
        }
        let text = self.text(id);
        text.strip_prefix('\u{feff}')
            .unwrap_or(text)
            .split('\n')
            .nth(line as usize - 1)
            .map(|l| l.strip_suffix('\r').unwrap_or(l))
    }
}

/// How serious a diagnostic is; only errors stop a book from being replayed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The input is wrong; no result can be trusted.
    Error,
    /// The input is suspicious but usable.
    Warning,
    /// Extra information attached to a run.
    Note,
}

impl Severity {
    /// The lower-case name used in rendered diagnostics.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

/// One problem found in the input or one breach of the terms.
///
/// `code` is stable and never reused for another meaning (see docs/errors.md);
/// `clause` cites the document clause the input breaks, as the instrument's
/// term file names it (its document and section, `units::Clause`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// How serious it is.
    pub severity: Severity,
    /// The stable code, e.g. `J0001`.
    pub code: &'static str,
    /// Where it is, if it is at one place in a file.
    pub span: Option<Span>,
    /// What is wrong, in one line.
    pub message: String,
    /// The document clause the input breaks, if any.
    pub clause: Option<String>,
    /// How to fix it, if we can tell.
    pub help: Option<String>,
}

impl Diagnostic {
    /// An error diagnostic.
    pub fn error(code: &'static str, span: Option<Span>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            span,
            message: clip_quoted(&message.into()),
            clause: None,
            help: None,
        }
    }

    /// A warning diagnostic.
    pub fn warning(code: &'static str, span: Option<Span>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, span, message)
        }
    }

    /// Adds the clause the input breaks.
    pub fn with_clause(mut self, clause: impl Into<String>) -> Self {
        self.clause = Some(clause.into());
        self
    }

    /// Adds a line saying how to fix the problem.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(clip_quoted(&help.into()));
        self
    }

    /// Whether this is an error (not a warning or note).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Renders the diagnostic as plain text (with a `= clause:` line, the
    /// citation as the term file gives it, when the diagnostic cites one):
    ///
    /// ```text
    /// error[E0103]: unknown holder `fund-9`
    ///   --> book.journal:42:23
    ///    |
    /// 42 | 2024-05-01 convert series-a fund-9 10
    ///    |                             ^^^^^^
    ///    = help: did you mean `fund-1`?
    /// ```
    pub fn render(&self, sources: &SourceMap) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{}[{}]: {}",
            self.severity.as_str(),
            self.code,
            self.message
        );
        if let Some(span) = self.span {
            let width = span.line.to_string().len();
            let pad = " ".repeat(width);
            let _ = writeln!(
                out,
                "{pad}--> {}:{}:{}",
                sources.name(span.file),
                span.line,
                span.col
            );
            if let Some(text) = sources.line(span.file, span.line) {
                let (shown, lead, carets) = window(text, span);
                let _ = writeln!(out, "{pad} |");
                let _ = writeln!(out, "{} | {}", span.line, shown.replace('\t', " "));
                let _ = writeln!(
                    out,
                    "{pad} | {}{}",
                    " ".repeat(lead),
                    "^".repeat(carets.max(1))
                );
            }
        }
        if let Some(clause) = &self.clause {
            let _ = writeln!(out, "   = clause: {clause}");
        }
        if let Some(help) = &self.help {
            let _ = writeln!(out, "   = help: {help}");
        }
        out
    }
}

/// The longest quoted word (between backticks) a message echoes whole; a
/// longer one (a 4 MB bad token) is cut, saying how long it was.
const MAX_ECHOED: usize = 60;

/// The widest source line a rendered diagnostic shows; a longer one is
/// shown as a window around the span.
const MAX_SHOWN_LINE: usize = 160;

/// Cuts every backticked word of `message` longer than [`MAX_ECHOED`]
/// characters to its first characters, `…`, and its length, so that a
/// diagnostic about a huge token stays one readable line.
fn clip_quoted(message: &str) -> String {
    if message.len() <= MAX_ECHOED {
        return message.to_string();
    }
    let parts: Vec<&str> = message.split('`').collect();
    let paired = parts.len() % 2 == 1;
    let mut out = String::new();
    // The length of the word just cut, written after its closing backtick.
    let mut cut: Option<usize> = None;
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            out.push('`');
            if let Some(n) = cut.take() {
                let _ = write!(out, " ({n} characters)");
            }
        }
        let n = part.chars().count();
        // Odd parts are between backticks (when the backticks pair up).
        if paired && i % 2 == 1 && n > MAX_ECHOED {
            out.extend(part.chars().take(MAX_ECHOED - 20));
            out.push('…');
            cut = Some(n);
        } else {
            out.push_str(part);
        }
    }
    out
}

/// The part of a source line a diagnostic shows: all of it when it is short,
/// else a window of [`MAX_SHOWN_LINE`] characters from a little before the
/// span, with `…` where it is cut. Returns the text, the spaces before the
/// first caret and the number of carets.
fn window(text: &str, span: Span) -> (String, usize, usize) {
    let col = span.col.saturating_sub(1) as usize;
    let len = span.len.max(1) as usize;
    let n = text.chars().count();
    if n <= MAX_SHOWN_LINE {
        return (text.to_string(), col, len);
    }
    let start = col.saturating_sub(20).min(n);
    let end = (start + MAX_SHOWN_LINE).min(n);
    let mut shown = String::new();
    if start > 0 {
        shown.push('…');
    }
    shown.extend(text.chars().skip(start).take(end - start));
    if end < n {
        shown.push('…');
    }
    let lead = col - start + usize::from(start > 0);
    let carets = len.min(end.saturating_sub(col)).max(1);
    (shown, lead, carets)
}

/// Suggests the closest known name for a misspelt one (edit distance ≤ 2,
/// ignoring case, so `BAIN-VI` finds `bain-vi`), for "did you mean" help
/// lines.
pub fn suggest<'a>(unknown: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let unknown = unknown.to_lowercase();
    let mut best: Option<(usize, &str)> = None;
    for k in known {
        let d = edit_distance(&unknown, &k.to_lowercase());
        if d <= 2 && best.map(|(bd, _)| d < bd).unwrap_or(true) {
            best = Some((d, k));
        }
    }
    best.map(|(_, k)| k)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_caret_under_the_span() {
        let mut sm = SourceMap::new();
        let f = sm.add(
            "book.journal",
            "line one\n2001-05-01 convert series-b bain-9 10\n",
        );
        let d = Diagnostic::error(
            "E0103",
            Some(Span::new(f, 2, 29, 6)),
            "unknown holder `bain-9`",
        )
        .with_clause("CoD §8.1")
        .with_help("did you mean `bain-1`?");
        let r = d.render(&sm);
        assert!(r.contains("--> book.journal:2:29"), "{r}");
        assert!(
            r.contains("2 | 2001-05-01 convert series-b bain-9 10"),
            "{r}"
        );
        assert!(r.contains("  |                             ^^^^^^"), "{r}");
        assert!(r.contains("= clause: CoD §8.1"), "{r}");
    }

    #[test]
    fn a_huge_token_is_echoed_cut_and_its_line_shown_as_a_window() {
        let token = format!("1{}", "x".repeat(4_000_000));
        let mut sm = SourceMap::new();
        let line = format!("2000-01-02 issue common alice {token}");
        let f = sm.add("big.journal", format!("{line}\n"));
        // The token starts at column 31 (30 characters before it) and is
        // 4,000,001 characters long.
        let d = Diagnostic::error(
            "E0104",
            Some(Span::new(f, 1, 31, 4_000_001)),
            format!("`{token}` is not a number"),
        );
        // 40 characters of the token, `…`, then its length.
        assert_eq!(
            d.message,
            format!(
                "`1{}…` (4000001 characters) is not a number",
                "x".repeat(39)
            )
        );
        let r = d.render(&sm);
        // Header, arrow, bar, the line (a window of 160 characters from 20
        // before the span: from column 11, the space after the date, with
        // `…` on both sides), the carets.
        assert!(r.len() < 1_000, "{} bytes", r.len());
        assert!(r.contains("1 | … issue common alice 1xxx"), "{r}");
        // The caret under the token's first character: 20 characters after
        // the window's start, plus the leading `…`.
        let carets = r.lines().nth(4).unwrap();
        assert_eq!(carets.find('^'), Some("  | ".len() + 21), "{r}");
    }

    #[test]
    fn suggests_near_names_only() {
        assert_eq!(suggest("bain-9", ["bain-1", "thl-1"]), Some("bain-1"));
        assert_eq!(suggest("zzzzzz", ["bain-1"]), None);
        // Case is no distance: every letter of `BAIN-VI` differs from
        // `bain-vi` by case alone (5 letters, more than 2 edits otherwise).
        assert_eq!(suggest("BAIN-VI", ["bain-vi", "bcip-ii"]), Some("bain-vi"));
    }
}
