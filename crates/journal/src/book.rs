//! Include expansion: reads a root journal and, depth-first at each
//! `include` line, the files it names, through a loader the caller supplies
//! (this crate does no I/O). Paths are resolved purely lexically so that the
//! same book gives the same result on any machine, and include cycles, deep
//! nesting and double inclusion (which would count events twice) are reported
//! rather than followed.

use std::path::{Component, Path, PathBuf};

use crate::codes;
use crate::diag::{Diagnostic, FileId, SourceMap, Span};
use crate::parse::{parse_str, FileParse};
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
        let target = resolve_relative(from, &path.text);
        if let Some(pos) = stack.iter().position(|s| *s == target) {
            let mut chain: Vec<&str> = stack[pos..].iter().map(String::as_str).collect();
            chain.push(&target);
            self.diagnostics.push(
                Diagnostic::error(
                    codes::INCLUDE_CYCLE,
                    Some(path.span),
                    format!("include cycle: {}", chain.join(" → ")),
                )
                .with_help(
                    "remove this include; a file cannot include itself, directly or through others",
                ),
            );
            return;
        }
        if stack.len() > MAX_INCLUDE_DEPTH {
            self.diagnostics.push(
                Diagnostic::error(
                    codes::INCLUDE_TOO_DEEP,
                    Some(path.span),
                    format!("includes nest more than {MAX_INCLUDE_DEPTH} deep"),
                )
                .with_help("include these files from a file nearer the root"),
            );
            return;
        }
        if self.seen.contains(&target) {
            self.diagnostics.push(
                Diagnostic::error(
                    codes::INCLUDED_TWICE,
                    Some(path.span),
                    format!("`{target}` is already included; its events would count twice"),
                )
                .with_help("include each file once; remove this include"),
            );
            return;
        }
        self.seen.push(target.clone());
        let text = match (self.load)(&target) {
            Ok(t) => t,
            Err(e) => {
                self.diagnostics.push(
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
                return;
            }
        };
        let id = FileId(u32::try_from(self.sources.len()).unwrap_or(u32::MAX));
        let parse = parse_str(id, &text);
        self.sources.add(target.clone(), text);
        stack.push(target);
        self.expand(parse, stack);
        stack.pop();
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
