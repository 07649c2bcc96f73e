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
