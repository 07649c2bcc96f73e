//! Reading a book from disk and choosing the as-of date.
//!
//! The only file access of stockbook is here: the engine receives text.
//! Relative paths in a journal are resolved against the file that names them.

use calendar::Date;
use engine::{Book, LoadResult};
use journal::{Diagnostic, SourceMap};

pub struct Context {
    pub book: Book,
    pub sources: SourceMap,
    pub diagnostics: Vec<Diagnostic>,
    pub as_of: Date,
    pub json: bool,
    /// The root journal's path and text (what-if commands append to a copy).
    pub root: (String, String),
}

pub fn read(path: &str) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| e.to_string())
}

pub fn load_text(root: &str, text: &str) -> LoadResult {
    engine::load(root, text, &mut |p| read(p))
}

impl Context {
    pub fn open(path: &str, as_of: Option<&str>, json: bool) -> Result<Context, String> {
        let text = read(path).map_err(|e| format!("cannot read `{path}`: {e}"))?;
        let LoadResult {
            book,
            sources,
            diagnostics,
        } = load_text(path, &text);
        let as_of = match as_of {
            Some(s) => terms::fields::parse_date(s).map_err(|e| format!("--as-of {s}: {e}"))?,
            None => book.date_range().map(|(_, last)| last).unwrap_or(Date::MIN),
        };
        Ok(Context {
            book,
            sources,
            diagnostics,
            as_of,
            json,
            root: (path.to_string(), text),
        })
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
            print!("{text}");
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
