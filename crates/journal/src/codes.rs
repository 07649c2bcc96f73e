//! The stable diagnostic codes of the journal syntax, `J0001`…, so that tests,
//! tools and docs/errors.md can name a problem without matching on message
//! text. A code is never reused for another meaning.

/// A date is not written as `YYYY-MM-DD`.
pub const BAD_DATE_FORMAT: &str = "J0001";
/// A `YYYY-MM-DD` date that is not on the calendar (month 13, 30 February).
pub const NOT_A_CALENDAR_DATE: &str = "J0002";
/// A date with no keyword after it.
pub const MISSING_KEYWORD: &str = "J0003";
/// A keyword that is not `[a-z][a-z0-9-]*`.
pub const BAD_KEYWORD: &str = "J0004";
/// A quoted string with no closing quote on its line.
pub const UNTERMINATED_STRING: &str = "J0005";
/// A backslash escape other than `\"`, `\\`, `\n`, `\t` in a quoted string.
pub const BAD_ESCAPE: &str = "J0006";
/// A closing quote followed directly by another character.
pub const TEXT_AFTER_STRING: &str = "J0007";
/// A word at column 1 that is not `include`, `option` or a date.
pub const UNKNOWN_DIRECTIVE: &str = "J0008";
/// A line at column 1 that starts with neither a letter nor a digit.
pub const NOT_A_DIRECTIVE: &str = "J0009";
/// An indented line that is not directly below a dated directive.
pub const ORPHAN_INDENTED_LINE: &str = "J0010";
/// An indented line below a directive that is not `key: value`.
pub const MISSING_COLON: &str = "J0011";
/// A metadata key that is not `[a-z][a-z0-9_-]*`.
pub const BAD_META_KEY: &str = "J0012";
/// An `include` line without exactly one non-empty quoted path.
pub const BAD_INCLUDE: &str = "J0013";
/// An `option` line without exactly a bare key and a value.
pub const BAD_OPTION: &str = "J0014";
/// The loader could not read an included file.
pub const INCLUDE_NOT_FOUND: &str = "J0015";
/// A file includes itself, directly or through other files.
pub const INCLUDE_CYCLE: &str = "J0016";
/// Includes nested more than 16 deep.
pub const INCLUDE_TOO_DEEP: &str = "J0017";
/// A file included a second time (its events would count twice).
pub const INCLUDED_TWICE: &str = "J0018";

/// Every code with a one-line meaning, for docs and `--explain`-style tools.
pub const ALL: &[(&str, &str)] = &[
    (BAD_DATE_FORMAT, "date not written as YYYY-MM-DD"),
    (NOT_A_CALENDAR_DATE, "date not on the calendar"),
    (MISSING_KEYWORD, "date with no keyword after it"),
    (BAD_KEYWORD, "keyword is not [a-z][a-z0-9-]*"),
    (UNTERMINATED_STRING, "quoted string not closed on its line"),
    (BAD_ESCAPE, "unknown escape in quoted string"),
    (TEXT_AFTER_STRING, "text directly after a closing quote"),
    (UNKNOWN_DIRECTIVE, "unknown undated directive"),
    (NOT_A_DIRECTIVE, "line at column 1 is not a directive"),
    (
        ORPHAN_INDENTED_LINE,
        "indented line not below a dated directive",
    ),
    (MISSING_COLON, "metadata line is not `key: value`"),
    (BAD_META_KEY, "metadata key is not [a-z][a-z0-9_-]*"),
    (BAD_INCLUDE, "malformed include"),
    (BAD_OPTION, "malformed option"),
    (INCLUDE_NOT_FOUND, "included file could not be read"),
    (INCLUDE_CYCLE, "include cycle"),
    (INCLUDE_TOO_DEEP, "includes nested more than 16 deep"),
    (INCLUDED_TWICE, "file included more than once"),
];
