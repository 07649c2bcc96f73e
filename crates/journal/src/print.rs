//! Writes directives back as journal text in one canonical form, so that tools
//! can append events a person can read and tests can check that printing and
//! parsing agree (`parse(print(d)) == d` apart from spans).

use crate::diag::FileId;
use crate::parse::{is_ws, scan_value, Line};
use crate::syntax::{Directive, Token};

/// Writes a directive back in canonical form: the date, the keyword and the
/// arguments separated by single spaces, then each metadata line indented two
/// spaces as `key: value`; every line ends with `\n`.
///
/// A token is written bare when it was bare and reads back the same, and as a
/// quoted string (with `\"`, `\\`, `\n`, `\t` escapes) otherwise. Any
/// directive the parser produced reads back equal except for its spans and
/// ordinal. Keywords and keys are written as they are, so a directive built by
/// hand with an invalid keyword or key, or a year outside 0000–9999, prints
/// text that does not parse.
///
/// ```
/// let (ds, _, _, diags) = journal::parse_str(journal::FileId(0),
///     "2001-05-01   transfer common \"a b\"  10 ; note\n  price:  \"1.00\"\n");
/// assert!(diags.is_empty());
/// assert_eq!(journal::print_directive(&ds[0]),
///     "2001-05-01 transfer common \"a b\" 10\n  price: \"1.00\"\n");
/// ```
pub fn print_directive(d: &Directive) -> String {
    let mut out = String::with_capacity(64);
    out.push_str(&format!(
        "{:04}-{:02}-{:02} ",
        d.date.year(),
        d.date.month(),
        d.date.day()
    ));
    out.push_str(&d.keyword.text);
    for a in &d.args {
        out.push(' ');
        push_token(&mut out, a);
    }
    out.push('\n');
    for m in &d.meta {
        out.push_str("  ");
        out.push_str(&m.key.text);
        out.push(':');
        push_value(&mut out, &m.value);
        out.push('\n');
    }
    out
}

/// Whether a token reads back as itself when written bare.
fn bare_ok(t: &str) -> bool {
    let b = t.as_bytes();
    !b.is_empty() && b[0] != b'"' && b[0] != b';' && !b.iter().any(|&c| is_ws(c) || c == b'\n')
}

fn push_token(out: &mut String, t: &Token) {
    if !t.quoted && bare_ok(&t.text) {
        out.push_str(&t.text);
    } else {
        push_quoted(out, &t.text);
    }
}

fn push_quoted(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Writes `value` after a metadata key's colon: raw when it reads back as the
/// same raw value, quoted otherwise.
fn push_value(out: &mut String, v: &Token) {
    if !v.quoted {
        if v.text.is_empty() {
            return;
        }
        for sep in [" ", ""] {
            if reads_back_raw(sep, &v.text) {
                out.push_str(sep);
                out.push_str(&v.text);
                return;
            }
        }
    }
    out.push(' ');
    push_quoted(out, &v.text);
}

fn reads_back_raw(sep: &str, text: &str) -> bool {
    if text.contains('\n') {
        return false;
    }
    let line = format!("  k:{sep}{text}");
    let l = Line::new(FileId(0), 1, &line);
    matches!(scan_value(&l, 4), Ok(v) if !v.token.quoted && v.token.text == text)
}
