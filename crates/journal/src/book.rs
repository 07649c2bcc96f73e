//! Include expansion: reads a root journal and, depth-first at each
//! `include` line, the files it names, through a loader the caller supplies
//! (this crate does no I/O). Paths are resolved purely lexically so that the
//! same book gives the same result on any machine, and include cycles, deep
//! nesting and double inclusion (which would count events twice) are reported
//! rather than followed.

use std::path::{Component, Path, PathBuf};

use crate::codes;
use crate::diag::{Diagnostic, FileId, SourceMap, Span};
use crate::parse::{parse_into, parse_str, FileParse, Sink};
use crate::syntax::{Directive, OptionDirective, Parsed, Token};

/// How deep includes may nest (the root is depth 0).
pub const MAX_INCLUDE_DEPTH: usize = 16;

/// Resolves `path` relative to the directory of `including_file`, the file
/// that names it, and normalizes `.` and `..` lexically (pure: no filesystem
/// access, symlinks are not followed). An absolute `path` is kept as is
/// (normalized). Everyone that follows a path written in a book uses this, so
/// that all tools agree on which file a path names.
///
/// ```
/// use journal::resolve_relative;
/// assert_eq!(resolve_relative("books/main.journal", "2001/q1.journal"), "books/2001/q1.journal");
/// assert_eq!(resolve_relative("books/2001/q1.journal", "../terms.journal"), "books/terms.journal");
/// assert_eq!(resolve_relative("main.journal", "./a.journal"), "a.journal");
/// ```
pub fn resolve_relative(including_file: &str, path: &str) -> String {
    let p = Path::new(path);
    if p.is_absolute() || p.has_root() {
        return normalize(p);
    }
    let dir = Path::new(including_file)
        .parent()
        .unwrap_or_else(|| Path::new(""));
    normalize(&dir.join(p))
}

/// Lexically normalizes a path: drops `.`, folds `name/..`, keeps leading `..`.
fn normalize(p: &Path) -> String {
    let mut out: Vec<Component> = Vec::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => match out.last() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                Some(Component::RootDir) | Some(Component::Prefix(_)) => {}
                _ => out.push(c),
            },
            _ => out.push(c),
        }
    }
    let pb: PathBuf = out.iter().collect();
    pb.to_string_lossy().into_owned()
}

/// Parses a root file and everything it includes, depth-first at the
/// include's position, with the caller's loader.
///
/// The loader gets the resolved path (see [`resolve_relative`]) and returns
/// the file's text or an error message; an error becomes a diagnostic at the
/// include line. Include cycles, nesting deeper than [`MAX_INCLUDE_DEPTH`] and
/// a file included twice are diagnostics too, and the offending include is
/// not followed. Ordinals are assigned in expanded order.
///
/// ```
/// let files = [("book/ledger.journal", "2001-05-01 issue common alice 100\n")];
/// let parsed = journal::parse_book(
///     "book/main.journal",
///     "include \"ledger.journal\"\n2001-06-01 transfer common alice bob 10\n",
///     &mut |path: &str| {
///         files.iter().find(|f| f.0 == path).map(|f| f.1.to_owned()).ok_or_else(|| "not found".to_owned())
///     },
/// );
/// assert!(parsed.diagnostics.is_empty());
/// assert_eq!(parsed.directives[0].keyword.text, "issue");
/// assert_eq!(parsed.directives[1].ordinal, 1);
/// ```
pub fn parse_book(
    root_name: &str,
    root_text: &str,
    load: &mut dyn FnMut(&str) -> Result<String, String>,
) -> Parsed {
    let mut book = Book {
        sources: SourceMap::new(),
        directives: Vec::new(),
        options: Vec::new(),
        diagnostics: Vec::new(),
        seen: Vec::new(),
        load,
    };
    let root = normalize(Path::new(root_name));
    let id = book.sources.add(root_name, root_text);
    let parse = parse_str(id, root_text);
    book.seen.push(root.clone());
    let mut stack = vec![root];
    book.expand(parse, &mut stack);
    for (i, d) in book.directives.iter_mut().enumerate() {
        d.ordinal = u32::try_from(i).unwrap_or(u32::MAX);
    }
    Parsed {
        directives: book.directives,
        options: book.options,
        sources: book.sources,
        diagnostics: book.diagnostics,
    }
}

struct Book<'l> {
    sources: SourceMap,
    directives: Vec<Directive>,
    options: Vec<OptionDirective>,
    diagnostics: Vec<Diagnostic>,
    /// Every file read so far (normalized paths).
    seen: Vec<String>,
    load: &'l mut dyn FnMut(&str) -> Result<String, String>,
}

impl Book<'_> {
    /// Adds one parsed file's items in file order, expanding its includes in
    /// place. `stack` holds the chain of files being read, this one last.
    fn expand(&mut self, parse: FileParse, stack: &mut Vec<String>) {
        let (directives, options, includes, diagnostics) = parse;
        self.diagnostics.extend(diagnostics);
        let mut dirs = directives.into_iter().peekable();
        let mut opts = options.into_iter().peekable();
        let name = stack.last().cloned().unwrap_or_default();
        for (path, line) in includes {
            while let Some(d) = dirs.next_if(|d| d.span.line < line.line) {
                self.directives.push(d);
            }
            while let Some(o) = opts.next_if(|o| o.key.span.line < line.line) {
                self.options.push(o);
            }
            self.include(&name, &path, line, stack);
        }
        self.directives.extend(dirs);
        self.options.extend(opts);
    }

    fn include(&mut self, from: &str, path: &Token, _line: Span, stack: &mut Vec<String>) {
        let Some(text) = check_include(
            from,
            path,
            stack,
            &mut self.seen,
            &mut *self.load,
            &mut self.diagnostics,
        ) else {
            return;
        };
        let target = resolve_relative(from, &path.text);
        let id = FileId(u32::try_from(self.sources.len()).unwrap_or(u32::MAX));
        let parse = parse_str(id, &text);
        self.sources.add(target.clone(), text);
        stack.push(target);
        self.expand(parse, stack);
        stack.pop();
    }
}

/// One item of a book, in include-expanded order, lent by
/// [`parse_book_streaming`] to its caller.
#[derive(Clone, Copy, Debug)]
pub enum Streamed<'a> {
    /// A dated directive, with its ordinal set.
    Directive(&'a Directive),
    /// An `option` line.
    Option(&'a OptionDirective),
}

/// Like [`parse_book`], but hands each directive and option to `on_item` as
/// soon as it is read instead of keeping them: a book of millions of events
/// is never held in memory as a whole, and the caller can turn each
/// directive into its own compact form at once. Directives are lent, not
/// given: the parser reuses the same buffer (and its token `String`s) for
/// the next one, so clone what must be kept.
///
/// Everything else is as with [`parse_book`]: the same ordinals, the same
/// diagnostics in the same order (returned at the end, in the result, whose
/// `directives` is empty and whose `options` holds every option), the same
/// file ids. `on_item` also gets the files read so far, to resolve a path
/// written in a directive against the file it is in (see
/// [`resolve_relative`]); the text of a file still being read is empty
/// there until it has been read.
///
/// ```
/// use journal::Streamed;
/// let files = [("book/ledger.journal", "2001-05-01 issue common alice 100\n")];
/// let mut seen = Vec::new();
/// let parsed = journal::parse_book_streaming(
///     "book/main.journal",
///     "option company \"Example\"\ninclude \"ledger.journal\"\n2001-06-01 transfer common alice bob 10\n",
///     &mut |path: &str| {
///         files.iter().find(|f| f.0 == path).map(|f| f.1.to_owned()).ok_or_else(|| "not found".to_owned())
///     },
///     &mut |item, sources| match item {
///         Streamed::Directive(d) => seen.push((d.ordinal, d.keyword.text.clone(), sources.name(d.span.file).to_owned())),
///         Streamed::Option(o) => seen.push((u32::MAX, o.key.text.clone(), String::new())),
///     },
/// );
/// assert!(parsed.diagnostics.is_empty() && parsed.directives.is_empty());
/// assert_eq!(seen[1], (0, "issue".to_owned(), "book/ledger.journal".to_owned()));
/// assert_eq!(seen[2].0, 1);
/// assert_eq!(parsed.options.len(), 1);
/// ```
pub fn parse_book_streaming(
    root_name: &str,
    root_text: &str,
    load: &mut dyn FnMut(&str) -> Result<String, String>,
    on_item: &mut dyn FnMut(Streamed<'_>, &SourceMap),
) -> Parsed {
    let root = normalize(Path::new(root_name));
    let mut st = Stream {
        sources: SourceMap::new(),
        options: Vec::new(),
        seen: vec![root.clone()],
        stack: vec![root],
        load,
        on_item,
        next_ordinal: 0,
    };
    // The root's text is registered as it is read, as `parse_book` does.
    let id = st.sources.add(root_name, root_text);
    let mut sink = FileSink {
        st: &mut st,
        own: Vec::new(),
        nested: Vec::new(),
    };
    parse_into(id, root_text, &mut sink);
    let mut diagnostics = sink.own;
    diagnostics.append(&mut sink.nested);
    Parsed {
        directives: Vec::new(),
        options: st.options,
        sources: st.sources,
        diagnostics,
    }
}

/// The state of a streaming parse shared by every file being read.
struct Stream<'l, 'c> {
    sources: SourceMap,
    options: Vec<OptionDirective>,
    /// Every file read so far (normalized paths).
    seen: Vec<String>,
    /// The chain of files being read, the innermost last.
    stack: Vec<String>,
    load: &'l mut dyn FnMut(&str) -> Result<String, String>,
    on_item: &'c mut dyn FnMut(Streamed<'_>, &SourceMap),
    next_ordinal: u32,
}

/// The sink for one file of a streaming parse. A file's own diagnostics
/// come before those of its includes (as in [`parse_book`], which reports a
/// whole file before following its includes), so they are kept apart until
/// the file ends.
struct FileSink<'a, 'l, 'c> {
    st: &'a mut Stream<'l, 'c>,
    own: Vec<Diagnostic>,
    /// Diagnostics of the includes (and of the files they read), in order.
    nested: Vec<Diagnostic>,
}

impl Sink for FileSink<'_, '_, '_> {
    fn directive(&mut self, d: &mut Directive) {
        d.ordinal = self.st.next_ordinal;
        self.st.next_ordinal = self.st.next_ordinal.saturating_add(1);
        (self.st.on_item)(Streamed::Directive(d), &self.st.sources);
    }

    fn option(&mut self, o: OptionDirective) {
        (self.st.on_item)(Streamed::Option(&o), &self.st.sources);
        self.st.options.push(o);
    }

    fn include(&mut self, path: Token, _line: Span) {
        let from = self.st.stack.last().cloned().unwrap_or_default();
        let st = &mut *self.st;
        let text = match check_include(
            &from,
            &path,
            &st.stack,
            &mut st.seen,
            &mut *st.load,
            &mut self.nested,
        ) {
            Some(t) => t,
            None => return,
        };
        let target = resolve_relative(&from, &path.text);
        // The id is taken now, before the files this one includes.
        let id = st.sources.add(target.clone(), String::new());
        st.stack.push(target);
        let mut child = FileSink {
            st: &mut *st,
            own: Vec::new(),
            nested: Vec::new(),
        };
        parse_into(id, &text, &mut child);
        let (mut own, mut nested) = (child.own, child.nested);
        st.stack.pop();
        st.sources.set_text(id, text);
        self.nested.append(&mut own);
        self.nested.append(&mut nested);
    }

    fn diag(&mut self, d: Diagnostic) {
        self.own.push(d);
    }
}

/// The checks before following an include (cycle, depth, double inclusion,
/// a file that cannot be read), each a diagnostic in `diags`; the included
/// file's text if it is to be read. Marks the file as seen.
fn check_include(
    from: &str,
    path: &Token,
    stack: &[String],
    seen: &mut Vec<String>,
    load: &mut dyn FnMut(&str) -> Result<String, String>,
    diags: &mut Vec<Diagnostic>,
) -> Option<String> {
    let target = resolve_relative(from, &path.text);
    if let Some(pos) = stack.iter().position(|s| *s == target) {
        let mut chain: Vec<&str> = stack[pos..].iter().map(String::as_str).collect();
        chain.push(&target);
        diags.push(
            Diagnostic::error(
                codes::INCLUDE_CYCLE,
                Some(path.span),
                format!("include cycle: {}", chain.join(" → ")),
            )
            .with_help(
                "remove this include; a file cannot include itself, directly or through others",
            ),
        );
        return None;
    }
    if stack.len() > MAX_INCLUDE_DEPTH {
        diags.push(
            Diagnostic::error(
                codes::INCLUDE_TOO_DEEP,
                Some(path.span),
                format!("includes nest more than {MAX_INCLUDE_DEPTH} deep"),
            )
            .with_help("include these files from a file nearer the root"),
        );
        return None;
    }
    if seen.contains(&target) {
        diags.push(
            Diagnostic::error(
                codes::INCLUDED_TWICE,
                Some(path.span),
                format!("`{target}` is already included; its events would count twice"),
            )
            .with_help("include each file once; remove this include"),
        );
        return None;
    }
    seen.push(target.clone());
    match load(&target) {
        Ok(t) => Some(t),
        Err(e) => {
            diags.push(
                Diagnostic::error(
                    codes::INCLUDE_NOT_FOUND,
                    Some(path.span),
                    format!("cannot read included file `{target}`: {e}"),
                )
                .with_help(format!(
                    "include paths are relative to the including file's directory (here `{}`)",
                    parent_display(from)
                )),
            );
            None
        }
    }
}

fn parent_display(file: &str) -> String {
    let p = Path::new(file).parent().map(normalize).unwrap_or_default();
    if p.is_empty() {
        ".".to_owned()
    } else {
        p
    }
}
