//! How every command shows a figure to a person (text mode; JSON keeps the
//! exact decimal strings). One place, so that the same kind of figure reads
//! the same in every report: shares grouped in thousands (`27,206,681`),
//! money as dollars and cents (`$1,234.56`, `$0.00`), an exact figure that
//! does not terminate at its places rounded for display and marked `…`,
//! and no placeholder date.

use calendar::Date;
use units::{Exact, Money, Rounding, Shares};

/// Groups digits of a decimal string in thousands: 26186796 → 26,186,796.
pub fn group(s: &str) -> String {
    let (sign, rest) = s.strip_prefix('-').map(|r| ("-", r)).unwrap_or(("", s));
    let (int, frac) = match rest.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (rest, None),
    };
    let mut g = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            g.push(',');
        }
        g.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{g}.{f}"),
        None => format!("{sign}{g}"),
    }
}

/// A number of shares: grouped, as exact as it is (tenths of a Warrant
/// Share stay: `288,606.8`), without trailing zeros.
pub fn shares(s: Shares) -> String {
    group(&s.value().normalize().to_string())
}

/// An amount of money: `$1,234.56`; `-$1.00`; never fewer than two places,
/// and more only when the amount has them (nothing is rounded here).
pub fn money(m: Money) -> String {
    let mut d = m.value();
    if d.scale() < 2 {
        d.rescale(2);
    }
    let s = d.abs().to_string();
    let sign = if d.is_sign_negative() && !d.is_zero() {
        "-"
    } else {
        ""
    };
    format!("{sign}${}", group(&s))
}

/// An exact figure to at most `dp` places: exact when it terminates within
/// them, else rounded half-even for display and marked `…`.
pub fn exact(e: &Exact, dp: u32) -> String {
    match e.to_decimal_exact() {
        Ok(d) if d.normalize().scale() <= dp => group(&d.normalize().to_string()),
        _ => match e.round_dp(dp, Rounding::HalfEven) {
            Ok(d) => format!("{}…", group(&d.to_string())),
            Err(_) => e.display(),
        },
    }
}

/// A figure that arrives as text (a JSON string of an exact decimal, maybe
/// cut with `…` at 12 places): grouped, and shown to at most `dp` places.
/// Text that is not a number is returned as it is.
pub fn decimal_text(s: &str, dp: u32) -> String {
    let cut = s.ends_with('…');
    let body = s.trim_end_matches('…');
    let numeric = !body.is_empty()
        && body
            .trim_start_matches('-')
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.')
        && body.chars().any(|c| c.is_ascii_digit());
    if !numeric {
        return s.to_string();
    }
    match units::parse_decimal(body) {
        Ok(d) if !cut => exact(&Exact::from_decimal(d), dp),
        Ok(d) => {
            let shown = exact(&Exact::from_decimal(d), dp);
            if shown.ends_with('…') {
                shown
            } else {
                format!("{shown}…")
            }
        }
        Err(_) => s.to_string(),
    }
}

/// A date for a person: a book with no event has no date, and says so
/// instead of showing the calendar's first representable day.
pub fn date(d: Date) -> String {
    if d == Date::MIN {
        String::from("(no events)")
    } else {
        d.to_string()
    }
}

/// Applies the grouping of [`group`] to the numbers in a text another crate
/// rendered (an instrument's status, a warrant's exercise quote, a plan's
/// pool), so that every command shows `272,067` and `$240,800.00`, not
/// `272067` and `$240800.00`. Only a standalone number with four or more
/// integer digits is touched: dates (`2002-05-10`), years (a whole
/// `1800`–`2199`), ids (`S8-2001`, `w-00001`), fractions (`3/7`) and clause
/// numbers stay as written. Display only: the digits never change.
///
/// Those texts hold aligned columns (cells apart by two or more spaces), and
/// the commas make cells wider: each block of such lines (same indentation,
/// one after another) is laid out again, a column whose every cell is a
/// number right-aligned, any other left-aligned, as [`crate::table`] does.
pub fn humanize(text: &str) -> String {
    let lines: Vec<&str> = text.split('\n').collect();
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        let first = cells(lines[i]);
        if first.len() < 2 {
            out.push(group_numbers(lines[i]));
            i += 1;
            continue;
        }
        // A block: the lines after it with as many cells (a table, or a
        // list of `label  value  [clause]` lines).
        let mut j = i + 1;
        while j < lines.len() && cells(lines[j]).len() == first.len() {
            j += 1;
        }
        out.extend(layout(&lines[i..j]));
        i = j;
    }
    out.join("\n")
}

/// The cells of a line, each with the column it starts at: its text apart
/// by runs of two or more spaces.
fn cells(line: &str) -> Vec<(usize, String)> {
    let mut out: Vec<(usize, String)> = Vec::new();
    let mut cur = String::new();
    let mut at = 0;
    let mut spaces = 0;
    for (col, c) in line.chars().enumerate() {
        if c == ' ' {
            spaces += 1;
            continue;
        }
        if cur.is_empty() {
            at = col;
        } else if spaces >= 2 {
            out.push((at, std::mem::take(&mut cur)));
            at = col;
        } else if spaces == 1 {
            cur.push(' ');
        }
        spaces = 0;
        cur.push(c);
    }
    if !cur.is_empty() {
        out.push((at, cur));
    }
    out
}

/// Whether a cell is a number (to be right-aligned in an all-number column).
fn is_number(cell: &str) -> bool {
    let t = cell
        .trim_start_matches(['-', '+', '$'])
        .trim_end_matches(['%', '…']);
    !t.is_empty()
        && t.chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        && t.chars().any(|c| c.is_ascii_digit())
}

/// Lays a block out again after grouping its numbers: every cell starts no
/// further left than it did (so the block still lines up with the lines
/// around it), a column of numbers (a header row aside) keeps a common right
/// edge, any other column a common left edge, two spaces at least between.
fn layout(block: &[&str]) -> Vec<String> {
    let rows: Vec<Vec<(usize, usize, String)>> = block
        .iter()
        .map(|l| {
            cells(l)
                .into_iter()
                .map(|(at, c)| (at, at + c.chars().count(), group_numbers(&c)))
                .collect()
        })
        .collect();
    let n = rows.first().map(Vec::len).unwrap_or(0);
    let header = rows.len() > 1 && rows[0].iter().all(|(_, _, c)| !is_number(c));
    // In a column of numbers a four-digit one is a figure, not a year.
    let mut rows = rows;
    for k in 0..n {
        let from = usize::from(header);
        if rows.len() > from + 1 && rows[from..].iter().all(|r| is_number(&r[k].2)) {
            for r in rows[from..].iter_mut() {
                r[k].2 = group_figure(&r[k].2);
            }
        }
    }
    let body = if header { &rows[1..] } else { &rows[..] };
    let mut left = Vec::with_capacity(n);
    let mut right = Vec::with_capacity(n);
    let mut numeric = Vec::with_capacity(n);
    let mut edge = 0;
    for k in 0..n {
        // Numbers line up by their right edge only in a column of two or
        // more (one alone keeps its left edge, like the text around it).
        let num = body.len() > 1 && body.iter().all(|r| is_number(&r[k].2));
        let width = rows
            .iter()
            .map(|r| r[k].2.chars().count())
            .max()
            .unwrap_or(0);
        let (start, end) = if num {
            let end = rows
                .iter()
                .map(|r| r[k].1)
                .max()
                .unwrap_or(0)
                .max(edge + width);
            (end - width, end)
        } else {
            let start = rows.iter().map(|r| r[k].0).min().unwrap_or(0).max(edge);
            (start, start + width)
        };
        left.push(start);
        right.push(end);
        numeric.push(num);
        edge = end + 2;
    }
    rows.iter()
        .enumerate()
        .map(|(i, r)| {
            let mut line = String::new();
            for (k, (at, _, c)) in r.iter().enumerate() {
                let len = c.chars().count();
                // A header over a column of numbers starts where it does,
                // as `table` prints it.
                let col = if numeric[k] && !(header && i == 0) {
                    right[k] - len
                } else if k == 0 {
                    *at
                } else {
                    left[k]
                };
                let here = line.chars().count();
                line.push_str(&" ".repeat(col.saturating_sub(here).max(usize::from(k > 0) * 2)));
                line.push_str(c);
            }
            line
        })
        .collect()
}

/// Groups a cell that is one number (`$2000.50`, `-1000`, `2000…`), whatever
/// it looks like; any other cell is returned as it is.
fn group_figure(cell: &str) -> String {
    let lead: String = cell
        .chars()
        .take_while(|c| matches!(c, '-' | '+' | '$'))
        .collect();
    let rest = &cell[lead.len()..];
    let body = rest.trim_end_matches(['%', '…']);
    let tail = &rest[body.len()..];
    if body.is_empty()
        || body.contains(',')
        || !body.chars().all(|c| c.is_ascii_digit() || c == '.')
    {
        return cell.to_string();
    }
    format!("{lead}{}{tail}", group(body))
}

/// Groups the standalone numbers of a piece of text (see [`humanize`]).
/// Groups the standalone numbers of one line of prose (a diagnostic's
/// message), as [`humanize`] does for a rendered text.
pub fn group_numbers(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if !c.is_ascii_digit() {
            out.push(c);
            i += 1;
            continue;
        }
        let start = i;
        let mut points = 0;
        while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
            if chars[i] == '.' {
                points += 1;
            }
            i += 1;
        }
        // A trailing point ends a sentence, not the number.
        let mut end = i;
        if chars[end - 1] == '.' {
            end -= 1;
            points -= 1;
        }
        let run: String = chars[start..end].iter().collect();
        let before = start.checked_sub(1).map(|p| chars[p]);
        let after = chars.get(end).copied();
        let joined = |c: Option<char>| {
            c.is_some_and(|c| c.is_alphanumeric() || matches!(c, '-' | '/' | '_' | ':'))
        };
        // A leading minus sign is part of the number, not of an id; a
        // number after a comma or point is the tail of a grouped or
        // decimal figure.
        let before_ok = match before {
            Some('-') => start < 2 || !chars[start - 2].is_alphanumeric(),
            Some(',' | '.') => false,
            other => !joined(other),
        };
        let int_digits = run.split('.').next().map(str::len).unwrap_or(0);
        // A four-digit whole number from 1800 to 2199 reads as a year.
        let year = points == 0 && int_digits == 4 && ("1800".."2200").contains(&run.as_str());
        if points <= 1 && before_ok && !joined(after) && int_digits >= 4 && !year {
            out.push_str(&group(&run));
        } else {
            out.push_str(&run);
        }
        out.extend(&chars[end..i]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn humanize_groups_standalone_numbers_only() {
        assert_eq!(
            humanize("payment due:  $240800.00 on 2002-05-10 for 272067, or 272067."),
            "payment due:  $240,800.00 on 2002-05-10 for 272,067, or 272,067."
        );
        // A year, an id, a fraction and a clause stay; 1250 is a figure.
        assert_eq!(
            humanize("in 2002 S8-2001 w-00001 3/100000 §4.2 1250"),
            "in 2002 S8-2001 w-00001 3/100000 §4.2 1,250"
        );
        assert_eq!(
            humanize("-5717.2 and 1185806.958577…"),
            "-5,717.2 and 1,185,806.958577…"
        );
    }

    #[test]
    fn humanize_lays_columns_out_again() {
        // An all-number column keeps its right edge, taking the commas out
        // of the padding before it.
        let t = "  authorized      2250000\n  outstanding           0\n";
        assert_eq!(
            humanize(t),
            "  authorized    2,250,000\n  outstanding           0\n"
        );
        // A column with text in it keeps its left edge.
        let t = "  held:      272067\n  issued:    100000 to cisco\n";
        assert_eq!(
            humanize(t),
            "  held:      272,067\n  issued:    100,000 to cisco\n"
        );
        // No room before: the column moves right as little as it must
        // (`1,185,806` is 9 wide, 2 more than `1185806`), the header row
        // is text, and the next column follows.
        let t = "h  count  x\na  1185806  x\nb     1000  y\n";
        assert_eq!(
            humanize(t),
            "h  count      x\na  1,185,806  x\nb      1,000  y\n"
        );
    }

    #[test]
    fn money_has_cents_and_a_sign_before_the_dollar() {
        // 0 → $0.00; 37500000.00 → $37,500,000.00; -1 → -$1.00.
        assert_eq!(money(Money::from_int(0)), "$0.00");
        assert_eq!(money(Money::from_int(37_500_000)), "$37,500,000.00");
        assert_eq!(money(Money::from_int(-1)), "-$1.00");
    }
}
