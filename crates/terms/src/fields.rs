//! Typed reading of a directive's arguments and metadata.
//!
//! Every instrument crate turns `journal::Directive`s into its own typed
//! events. [`Reader`] does the common part: it reads positional arguments and
//! `key: value` metadata as ids, numbers, dates or words, and records a
//! diagnostic at the exact token for each one that is missing or malformed,
//! so a resolver reports every problem of a directive at once.

use crate::ids::{HolderId, InstrumentId, SecurityId};
use calendar::Date;
use journal::{Diagnostic, Directive, Span, Token};
use std::str::FromStr;

/// Reads one directive, collecting diagnostics.
pub struct Reader<'a> {
    pub d: &'a Directive,
    usage: &'static str,
    errors: Vec<Diagnostic>,
    used_meta: Vec<&'static str>,
    max_args: usize,
}

fn is_id(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphanumeric())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':' | '/'))
}

impl<'a> Reader<'a> {
    /// `usage` is the directive's form, shown when arguments are missing,
    /// e.g. `"convert <instrument> <holder> <shares>"`.
    pub fn new(d: &'a Directive, usage: &'static str) -> Self {
        Reader {
            d,
            usage,
            errors: Vec::new(),
            used_meta: Vec::new(),
            max_args: 0,
        }
    }

    pub fn span(&self) -> Span {
        self.d.span
    }

    pub fn date(&self) -> Date {
        self.d.date
    }

    /// Records a diagnostic found by the caller.
    pub fn error(&mut self, d: Diagnostic) {
        self.errors.push(d);
    }

    fn missing(&mut self, i: usize, what: &str) {
        let s = self.d.span;
        self.errors.push(
            Diagnostic::error(
                "E0101",
                Some(s),
                format!(
                    "`{}` needs a {what} as argument {}",
                    self.d.keyword.text,
                    i + 1
                ),
            )
            .with_help(format!("write: {}", self.usage)),
        );
    }

    /// The raw token of positional argument `i`.
    pub fn arg_token(&mut self, i: usize, what: &str) -> Option<&'a Token> {
        self.max_args = self.max_args.max(i + 1);
        match self.d.args.get(i) {
            Some(t) => Some(t),
            None => {
                self.missing(i, what);
                None
            }
        }
    }

    /// An optional positional argument.
    pub fn arg_opt(&mut self, i: usize) -> Option<&'a Token> {
        self.max_args = self.max_args.max(i + 1);
        self.d.args.get(i)
    }

    pub fn arg_str(&mut self, i: usize, what: &str) -> Option<String> {
        self.arg_token(i, what).map(|t| t.text.clone())
    }

    fn id_of(&mut self, t: &Token, what: &str) -> Option<String> {
        if is_id(&t.text) {
            Some(t.text.clone())
        } else {
            self.errors.push(
                Diagnostic::error(
                    "E0102",
                    Some(t.span),
                    format!("`{}` is not a valid {what} id", t.text),
                )
                .with_help(
                    "ids are letters, digits and - _ . : /, starting with a letter or digit",
                ),
            );
            None
        }
    }

    pub fn arg_holder(&mut self, i: usize) -> Option<HolderId> {
        let t = self.arg_token(i, "holder")?;
        self.id_of(t, "holder").map(HolderId)
    }

    pub fn arg_security(&mut self, i: usize) -> Option<SecurityId> {
        let t = self.arg_token(i, "security")?;
        self.id_of(t, "security").map(SecurityId)
    }

    pub fn arg_instrument(&mut self, i: usize) -> Option<InstrumentId> {
        let t = self.arg_token(i, "instrument")?;
        self.id_of(t, "instrument").map(InstrumentId)
    }

    /// A positional argument parsed as `T` (a quantity, a number, a date).
    pub fn arg_parse<T: FromStr>(&mut self, i: usize, what: &str) -> Option<T>
    where
        T::Err: std::fmt::Display,
    {
        let t = self.arg_token(i, what)?;
        self.parse_token(t, what)
    }

    pub fn parse_token<T: FromStr>(&mut self, t: &Token, what: &str) -> Option<T>
    where
        T::Err: std::fmt::Display,
    {
        match t.text.parse::<T>() {
            Ok(v) => Some(v),
            Err(e) => {
                self.errors.push(Diagnostic::error(
                    "E0104",
                    Some(t.span),
                    format!("`{}` is not a valid {what}: {e}", t.text),
                ));
                None
            }
        }
    }

    fn note_meta(&mut self, key: &'static str) {
        if !self.used_meta.contains(&key) {
            self.used_meta.push(key);
        }
    }

    /// The token of metadata `key`, if present.
    pub fn meta_token(&mut self, key: &'static str) -> Option<&'a Token> {
        self.note_meta(key);
        self.d.meta_get(key)
    }

    /// Every value of a repeatable metadata key.
    pub fn meta_tokens(&mut self, key: &'static str) -> Vec<&'a Token> {
        self.note_meta(key);
        self.d.meta_all(key).collect()
    }

    pub fn meta_str(&mut self, key: &'static str) -> Option<String> {
        self.meta_token(key).map(|t| t.text.clone())
    }

    /// Metadata that must be present.
    pub fn meta_required<T: FromStr>(&mut self, key: &'static str, what: &str) -> Option<T>
    where
        T::Err: std::fmt::Display,
    {
        match self.meta_token(key) {
            Some(t) => self.parse_token(t, what),
            None => {
                self.errors.push(
                    Diagnostic::error(
                        "E0105",
                        Some(self.d.span),
                        format!("`{}` needs metadata `{key}: <{what}>`", self.d.keyword.text),
                    )
                    .with_help(format!(
                        "add an indented line `  {key}: ...` below the directive"
                    )),
                );
                None
            }
        }
    }

    /// Optional metadata parsed as `T`; `Some(None)`-free: absent is `None`,
    /// malformed is `None` plus a diagnostic.
    pub fn meta_opt<T: FromStr>(&mut self, key: &'static str, what: &str) -> Option<T>
    where
        T::Err: std::fmt::Display,
    {
        let t = self.meta_token(key)?;
        self.parse_token(t, what)
    }

    /// Optional metadata that must be one of `choices`.
    pub fn meta_choice(
        &mut self,
        key: &'static str,
        choices: &[&'static str],
    ) -> Option<&'static str> {
        let t = self.meta_token(key)?;
        self.choice_of(t, choices)
    }

    /// A token that must be one of `choices`.
    pub fn choice_of(&mut self, t: &Token, choices: &[&'static str]) -> Option<&'static str> {
        if let Some(c) = choices.iter().find(|c| **c == t.text) {
            return Some(c);
        }
        let mut d = Diagnostic::error(
            "E0106",
            Some(t.span),
            format!("`{}` is not one of: {}", t.text, choices.join(", ")),
        );
        if let Some(s) = journal::diag::suggest(&t.text, choices.iter().copied()) {
            d = d.with_help(format!("did you mean `{s}`?"));
        }
        self.errors.push(d);
        None
    }

    /// Optional boolean metadata (`yes`/`no`/`true`/`false`).
    pub fn meta_bool(&mut self, key: &'static str) -> Option<bool> {
        let t = self.meta_token(key)?;
        match t.text.as_str() {
            "yes" | "true" => Some(true),
            "no" | "false" => Some(false),
            _ => {
                self.errors.push(Diagnostic::error(
                    "E0106",
                    Some(t.span),
                    format!("`{}` is not yes or no", t.text),
                ));
                None
            }
        }
    }

    /// Ends reading: reports extra arguments and unknown metadata keys, then
    /// returns every diagnostic recorded, or `Ok(())` if there were none.
    pub fn finish(mut self) -> Result<(), Vec<Diagnostic>> {
        for extra in self.d.args.iter().skip(self.max_args) {
            self.errors.push(
                Diagnostic::error(
                    "E0107",
                    Some(extra.span),
                    format!("unexpected argument `{}`", extra.text),
                )
                .with_help(format!("write: {}", self.usage)),
            );
        }
        if self.d.meta.is_empty() {
            // The common case on the hot path of a large book: no metadata.
            return if self.errors.is_empty() {
                Ok(())
            } else {
                Err(self.errors)
            };
        }
        const ALWAYS: [&str; 3] = ["note", "memo", "ref"];
        let is_known = |k: &str| self.used_meta.contains(&k) || ALWAYS.contains(&k);
        if self.d.meta.iter().all(|m| is_known(&m.key.text)) {
            // Every key was read (the common case): nothing to report.
            return if self.errors.is_empty() {
                Ok(())
            } else {
                Err(self.errors)
            };
        }
        let known: Vec<&str> = self.used_meta.iter().copied().chain(ALWAYS).collect();
        for m in &self.d.meta {
            if !known.contains(&m.key.text.as_str()) {
                let mut d = Diagnostic::error(
                    "E0108",
                    Some(m.key.span),
                    format!(
                        "`{}` does not take metadata `{}`",
                        self.d.keyword.text, m.key.text
                    ),
                );
                if let Some(s) = journal::diag::suggest(&m.key.text, known.iter().copied()) {
                    d = d.with_help(format!("did you mean `{s}`?"));
                } else {
                    d = d.with_help(format!("known keys: {}", known.join(", ")));
                }
                self.errors.push(d);
            }
        }
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(self.errors)
        }
    }
}

/// Parses a date token `YYYY-MM-DD` (for metadata like `record-date:`).
pub fn parse_date(text: &str) -> Result<Date, String> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return Err("write dates as YYYY-MM-DD".into());
    }
    let num = |s: &str| {
        s.parse::<i16>()
            .map_err(|_| "write dates as YYYY-MM-DD".to_string())
    };
    let y = num(&text[0..4])?;
    let m = num(&text[5..7])? as i8;
    let d = num(&text[8..10])? as i8;
    Date::new(y, m, d).map_err(|e| e.to_string())
}

/// A date read from metadata, as a `FromStr` wrapper so it works with
/// [`Reader::meta_opt`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct DateArg(pub Date);

impl FromStr for DateArg {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_date(s).map(DateArg)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use journal::FileId;

    fn directive(text: &str) -> Directive {
        let (mut ds, _, _, diags) = journal::parse_str(FileId(0), text);
        assert!(diags.is_empty(), "{diags:?}");
        ds.remove(0)
    }

    #[test]
    fn reads_and_reports_everything_at_once() {
        let d = directive("2001-05-01 convert series-b bain-1 12x extra\n  pricee: 3\n");
        let mut r = Reader::new(&d, "convert <instrument> <holder> <shares>");
        let _ = r.arg_instrument(0);
        let _ = r.arg_holder(1);
        let shares: Option<units::Shares> = r.arg_parse(2, "number of shares");
        let _price: Option<units::Price> = r.meta_opt("price", "price");
        assert!(shares.is_none());
        let errs = r.finish().unwrap_err();
        let codes: Vec<&str> = errs.iter().map(|e| e.code).collect();
        assert_eq!(codes, vec!["E0104", "E0107", "E0108"]);
        // The bad number is pointed at exactly: column 36, 3 characters.
        assert_eq!(errs[0].span.unwrap().col, 36);
        assert_eq!(errs[2].help.as_deref(), Some("did you mean `price`?"));
    }

    #[test]
    fn dates() {
        assert!(parse_date("2000-02-30").is_err());
        assert_eq!(
            parse_date("2000-04-10").unwrap(),
            Date::new(2000, 4, 10).unwrap()
        );
    }
}
