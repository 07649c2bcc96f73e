//! Reading a book from disk, choosing the as-of date, and writing the one
//! kind of file stockbook writes (`--out` of `chart` and `export`).
//!
//! The only file access of stockbook is here: the engine receives text.
//! Relative paths in a journal are resolved against the file that names them.

use calendar::Date;
use engine::{Book, LoadResult, State};
use journal::{Diagnostic, SourceMap};
use std::cell::RefCell;
use std::io::Read as _;
use std::path::{Path, PathBuf};

/// The largest file the loader reads (1 GiB). The 1,000,000-event benchmark
/// book is 43.8 MB (docs/performance.md); a file far beyond this is a
/// mistake (a device, a log), and reading it whole would exhaust memory
/// before any diagnostic could be shown. `STOCKBOOK_MAX_FILE_BYTES`
/// overrides it.
pub const MAX_FILE_BYTES: u64 = 1 << 30;

fn max_file_bytes() -> u64 {
    std::env::var("STOCKBOOK_MAX_FILE_BYTES")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(MAX_FILE_BYTES)
}

pub struct Context {
    pub book: Book,
    pub sources: SourceMap,
    pub diagnostics: Vec<Diagnostic>,
    pub as_of: Date,
    /// Whether `--as-of` was given (what-if commands move a default as-of
    /// to cover the hypothetical lines, but never one the user chose).
    pub as_of_given: bool,
    pub json: bool,
    /// The root journal's path and text (what-if commands append to a copy).
    pub root: (String, String),
    /// Every file the book read (journals, term files, price files): `--out`
    /// never writes over one of them.
    pub read_files: Vec<PathBuf>,
    /// The book replayed to a date, kept: a command and the rejection
    /// footer every command ends with share one replay.
    replayed: RefCell<Vec<(Date, std::rc::Rc<State>)>>,
}

/// Reads one file of the book as text. Refuses what is not a regular file
/// (`include "/dev/zero"` would read forever) and a file larger than
/// [`MAX_FILE_BYTES`]; text that is not UTF-8 is named with the line and
/// column of its first bad byte.
pub fn read(path: &str) -> Result<String, String> {
    let meta = std::fs::metadata(path).map_err(|e| e.to_string())?;
    if !meta.is_file() {
        return Err(String::from(
            "not a regular file (a journal, term or price file must be a file, not a directory or device)",
        ));
    }
    let cap = max_file_bytes();
    if meta.len() > cap {
        return Err(format!(
            "the file is {} bytes, more than the {cap} a book file may have (split it with `include`)",
            meta.len()
        ));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(cap.saturating_add(1)).read_to_end(&mut bytes))
        .map_err(|e| e.to_string())?;
    if bytes.len() as u64 > cap {
        return Err(format!(
            "the file grew past the {cap} bytes a book file may have while it was read"
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        let good = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let (line, col) = position(&bytes[..good]);
        format!(
            "{path}:{line}:{col}: not UTF-8 text (byte 0x{:02X}); save the file as UTF-8",
            bytes.get(good).copied().unwrap_or(0)
        )
    })
}

/// The 1-based line and column (in characters, as diagnostics count them)
/// just after `valid`, a prefix of the file that is valid UTF-8.
fn position(valid: &[u8]) -> (usize, usize) {
    let text = std::str::from_utf8(valid).unwrap_or("");
    let line = text.matches('\n').count() + 1;
    let col = text.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, col)
}

/// Loads a book, also returning every file path it read.
fn load_recording(root: &str, text: &str) -> (LoadResult, Vec<PathBuf>) {
    let seen = RefCell::new(vec![PathBuf::from(root)]);
    let r = engine::load(root, text, &mut |p| {
        seen.borrow_mut().push(PathBuf::from(p));
        read(p)
    });
    (r, seen.into_inner())
}

/// Writes `bytes` to `out` for `--out`: never over a file the book reads
/// (its journals, term files and price files, whatever `--force` says),
/// never over an existing file without `force`, and through a temporary
/// file in the same directory renamed into place, so a failed write leaves
/// no half-written file behind.
pub fn write_out(ctx: &Context, out: &str, bytes: &[u8], force: bool) -> Result<(), String> {
    let target = Path::new(out);
    if let Some(book_file) = ctx.read_files.iter().find(|f| same_file(f, target)) {
        return Err(format!(
            "refusing to write `{out}`: it is `{}`, a file the book reads; choose another --out",
            book_file.display()
        ));
    }
    match std::fs::symlink_metadata(target) {
        Ok(m) if m.is_dir() => {
            return Err(format!("cannot write `{out}`: it is a directory"));
        }
        Ok(_) if !force => {
            return Err(format!(
                "refusing to write `{out}`: the file exists (pass --force to replace it)"
            ));
        }
        _ => {}
    }
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| format!("cannot write `{out}`: not a file name"))?;
    let tmp = dir.join(format!(".{name}.stockbook-{}.tmp", std::process::id()));
    let written = std::fs::write(&tmp, bytes).and_then(|()| std::fs::rename(&tmp, target));
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(format!("cannot write `{out}`: {e}"));
    }
    Ok(())
}

/// Whether two paths name the same existing file (through links and `..`).
fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(x), Ok(y)) = (std::fs::metadata(a), std::fs::metadata(b)) {
            return x.dev() == y.dev() && x.ino() == y.ino();
        }
    }
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

impl Context {
    pub fn open(path: &str, as_of: Option<&str>, json: bool) -> Result<Context, String> {
        let text = read(path).map_err(|e| format!("cannot read `{path}`: {e}"))?;
        let (
            LoadResult {
                book,
                sources,
                diagnostics,
            },
            read_files,
        ) = load_recording(path, &text);
        let as_of_date = match as_of {
            Some(s) => terms::fields::parse_date(s).map_err(|e| format!("--as-of {s}: {e}"))?,
            None => book.date_range().map(|(_, last)| last).unwrap_or(Date::MIN),
        };
        let horizon = engine::horizon(&book);
        if as_of_date > horizon {
            let why = format!(
                "{horizon}, the last date stockbook computes to for this book ({} years after its last event, and never after {}; docs/performance.md, \"Horizon\")",
                engine::PROJECTION_YEARS,
                engine::HORIZON
            );
            return Err(match as_of {
                Some(s) => format!("--as-of {s}: after {why}; choose an earlier date"),
                None => format!(
                    "the book's last event is dated {as_of_date}, after {why}; correct the date or pass an earlier --as-of"
                ),
            });
        }
        Ok(Context {
            book,
            sources,
            diagnostics,
            as_of: as_of_date,
            as_of_given: as_of.is_some(),
            json,
            root: (path.to_string(), text),
            read_files,
            replayed: RefCell::new(Vec::new()),
        })
    }

    /// The book replayed to the as-of date (once per run).
    pub fn state(&self) -> std::rc::Rc<State> {
        self.state_at(self.as_of)
    }

    /// The book replayed to `date` (once per run and date).
    pub fn state_at(&self, date: Date) -> std::rc::Rc<State> {
        if let Some((_, s)) = self.replayed.borrow().iter().find(|(d, _)| *d == date) {
            return s.clone();
        }
        let s = std::rc::Rc::new(engine::replay(&self.book, date));
        self.replayed.borrow_mut().push((date, s.clone()));
        s
    }

    /// The footer every command (but `check`, which lists them all) ends
    /// with on a book whose replay to the as-of date rejected events: each
    /// rejection named (code, place, message), so no report on such a book
    /// reads as if all were well. `None` when there is none. The command
    /// then exits 1 (docs/cli.md, "Exit codes").
    pub fn rejection_footer(&self) -> Option<String> {
        if self.diagnostics.iter().any(|d| d.is_error()) {
            return None;
        }
        let state = self.state();
        if state.rejections.is_empty() {
            return None;
        }
        const SHOWN: usize = 10;
        let mut out = format!(
            "{} event(s) of the book were rejected through {}; the figures above leave them out:\n",
            state.rejections.len(),
            crate::fmt::date(self.as_of)
        );
        for r in state.rejections.iter().take(SHOWN) {
            out.push_str(&format!(
                "  {} {}:{}:{} [{}] {} ({})\n",
                r.date,
                self.sources.name(r.span.file),
                r.span.line,
                r.span.col,
                r.rejection.code,
                r.rejection.message,
                r.rejection.clause
            ));
        }
        if state.rejections.len() > SHOWN {
            out.push_str(&format!(
                "  … and {} more\n",
                state.rejections.len() - SHOWN
            ));
        }
        out.push_str("run `stockbook check` for each with its clause and help\n");
        Some(out)
    }

    /// Refuses to answer from a book with errors (every figure could be
    /// wrong), listing them all.
    pub fn ensure_no_errors(&self) -> Result<(), String> {
        if self.diagnostics.iter().any(|d| d.is_error()) {
            return Err(format!(
                "the book has errors; run `stockbook check` for all of them\n{}",
                self.render_diagnostics()
            ));
        }
        Ok(())
    }

    /// The index of a declared holder, or an error (exit 2) with a
    /// suggestion: a what-if for a holder the book does not have is a
    /// mistyped argument, not a breach of the terms.
    pub fn holder_index(&self, id: &str) -> Result<u32, String> {
        self.book.registry.holder(id).ok_or_else(|| {
            let hint = journal::suggest(id, self.book.registry.holder_ids())
                .map(|s| format!(" (did you mean `{s}`?)"))
                .unwrap_or_default();
            format!("unknown holder `{id}`{hint}")
        })
    }

    /// The index of a declared instrument, or an error with a suggestion.
    pub fn instrument_index(&self, id: &str) -> Result<usize, String> {
        self.book.instrument_index(id).ok_or_else(|| {
            let ids: Vec<&str> = self
                .book
                .instruments
                .iter()
                .map(|d| d.id.as_str())
                .collect();
            let hint = journal::suggest(id, ids)
                .map(|s| format!(" (did you mean `{s}`?)"))
                .unwrap_or_default();
            format!("unknown instrument `{id}`{hint}")
        })
    }

    /// Prints `value` as JSON under `--json`, else the human `text`.
    pub fn print<T: serde::Serialize>(&self, value: &T, text: String) -> Result<(), String> {
        if self.json {
            println!(
                "{}",
                serde_json::to_string(value).map_err(|e| e.to_string())?
            );
        } else {
            print!("{}", crate::fmt::humanize(&text));
        }
        Ok(())
    }

    pub fn render_diagnostics(&self) -> String {
        self.diagnostics
            .iter()
            .map(|d| d.render(&self.sources))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// The name under which hypothetical lines (`what-if`, `scenario`) are
/// read and located: they are no file of the book, so a diagnostic reads
/// `<what-if>:1:12`, never a line of the root journal that does not hold them.
pub const WHAT_IF_FILE: &str = "<what-if>";

/// A copy of the book with hypothetical lines added after its last line.
pub struct Hypothetical {
    pub loaded: LoadResult,
    /// The hypothetical lines' file in `loaded.sources`.
    pub file: journal::FileId,
    /// The date the copy (and the book, for comparison) is replayed to:
    /// late enough to replay every hypothetical line.
    pub as_of: Date,
}

impl Context {
    /// Loads the book with `lines` included after the root journal's last
    /// line, under the name [`WHAT_IF_FILE`]. Every line is replayed: with
    /// no `--as-of`, the as-of date moves to the latest date the lines
    /// carry; a line dated after an `--as-of` the user gave is refused (it
    /// would change nothing, and "accepted" would be a false answer).
    pub fn hypothetical(&self, lines: &str) -> Result<Hypothetical, String> {
        let (root, text) = &self.root;
        let mut copy = text.clone();
        if !copy.is_empty() && !copy.ends_with('\n') {
            copy.push('\n');
        }
        copy.push_str(&format!("include \"{WHAT_IF_FILE}\"\n"));
        let resolved = journal::resolve_relative(root, WHAT_IF_FILE);
        let mut body = lines.to_string();
        if !body.ends_with('\n') {
            body.push('\n');
        }
        let mut loaded = engine::load(root, &copy, &mut |p| {
            if p == resolved {
                Ok(body.clone())
            } else {
                read(p)
            }
        });
        let file = (0..loaded.sources.len())
            .map(|i| journal::FileId(u32::try_from(i).unwrap_or(u32::MAX)))
            .find(|id| loaded.sources.name(*id) == resolved)
            .ok_or("the hypothetical lines could not be read")?;
        loaded.sources.rename(file, WHAT_IF_FILE);
        let errors: Vec<String> = loaded
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| d.render(&loaded.sources))
            .collect();
        if !errors.is_empty() {
            return Err(format!(
                "the hypothetical lines have errors:\n{}",
                errors.join("\n")
            ));
        }
        let (directives, _, _, _) = journal::parse_str(file, &body);
        // No dated line (an empty scenario shows the book's own figures):
        // the as-of date stays.
        let as_of = match directives.iter().max_by_key(|d| d.date) {
            None => self.as_of,
            Some(latest) if self.as_of_given && latest.date > self.as_of => {
                return Err(format!(
                    "the hypothetical line at {WHAT_IF_FILE}:{}:{} is dated {}, after --as-of {}: it would not be replayed. Give --as-of {} or later, or leave --as-of out (it then moves to the latest hypothetical date)",
                    latest.span.line, latest.span.col, latest.date, self.as_of, latest.date
                ));
            }
            Some(latest) => self.as_of.max(latest.date),
        };
        Ok(Hypothetical {
            loaded,
            file,
            as_of,
        })
    }
}
