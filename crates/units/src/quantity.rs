//! Value types: shares, money, per-share prices, ratios and rates.
//!
//! Each is a `Decimal` with a meaning. Keeping them apart stops a price being
//! added to a share count; arithmetic between them is spelled out (e.g.
//! [`Price::times`] gives [`Money`]). Every operation is checked: overflow, and
//! a product `Decimal` cannot hold exactly, are errors.

use crate::error::UnitsError;
use crate::exact::Exact;
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// Parses a decimal written in a journal or term file: digits with an
/// optional sign and point; `_` or `,` may group digits (`26,186,796`).
/// Never rounds: more digits than a `Decimal` holds is an error.
pub fn parse_decimal(text: &str) -> Result<Decimal, UnitsError> {
    let err = |reason: &str| UnitsError::Parse {
        text: text.to_string(),
        reason: reason.to_string(),
    };
    let t = text.trim();
    if t.is_empty() {
        return Err(err("empty"));
    }
    // Fast path (most numbers in a large book): plain digits with at most
    // one point and no grouping; parsed without an intermediate string.
    let b = t.as_bytes();
    let plain = b.iter().all(|c| c.is_ascii_digit() || *c == b'.')
        && b.iter().filter(|c| **c == b'.').count() <= 1
        && b.first().map(|c| c.is_ascii_digit()).unwrap_or(false);
    if plain {
        return Decimal::from_str_exact(t).map_err(|e| err(&e.to_string()));
    }
    let mut cleaned = String::with_capacity(t.len());
    let mut seen_digit = false;
    let mut seen_point = false;
    for (i, c) in t.chars().enumerate() {
        match c {
            '0'..='9' => {
                seen_digit = true;
                cleaned.push(c);
            }
            '-' | '+' if i == 0 => cleaned.push(c),
            '.' if !seen_point => {
                seen_point = true;
                cleaned.push(c);
            }
            ',' | '_' if seen_digit && !seen_point => {}
            _ => return Err(err(&format!("unexpected character `{c}`"))),
        }
    }
    if !seen_digit {
        return Err(err("no digits"));
    }
    Decimal::from_str_exact(&cleaned).map_err(|e| err(&e.to_string()))
}

fn checked(op: &'static str, r: Option<Decimal>) -> Result<Decimal, UnitsError> {
    r.ok_or(UnitsError::Overflow { op })
}

/// Multiplies exactly or refuses: `Decimal` multiplication silently rounds
/// past 28 digits, so the product is recomputed exactly and compared.
pub(crate) fn mul_exact(a: Decimal, b: Decimal, op: &'static str) -> Result<Decimal, UnitsError> {
    let exact = Exact::from_decimal(a).mul(&Exact::from_decimal(b));
    exact
        .to_decimal_exact()
        .map_err(|_| UnitsError::Inexact { op })
}

/// What a quantity accepts when read from a term file or JSON.
const EXPECTING: &str =
    "expected a whole number (e.g. 200000) or a string holding a decimal (e.g. \"0.0825\")";

macro_rules! quantity {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(Decimal);

        impl $name {
            pub const ZERO: $name = $name(Decimal::ZERO);

            pub fn new(v: Decimal) -> Self {
                $name(v)
            }

            pub fn from_int(v: i64) -> Self {
                $name(Decimal::from(v))
            }

            pub fn value(self) -> Decimal {
                self.0
            }

            pub fn exact(self) -> Exact {
                Exact::from_decimal(self.0)
            }

            pub fn is_zero(self) -> bool {
                self.0.is_zero()
            }

            pub fn is_negative(self) -> bool {
                self.0.is_sign_negative() && !self.0.is_zero()
            }

            pub fn checked_add(self, o: $name) -> Result<$name, UnitsError> {
                checked(concat!(stringify!($name), " addition"), self.0.checked_add(o.0)).map($name)
            }

            pub fn checked_sub(self, o: $name) -> Result<$name, UnitsError> {
                checked(concat!(stringify!($name), " subtraction"), self.0.checked_sub(o.0)).map($name)
            }

            /// Multiplies by a plain number (a count or a factor), exactly.
            pub fn scale(self, by: Decimal) -> Result<$name, UnitsError> {
                mul_exact(self.0, by, concat!(stringify!($name), " scaling")).map($name)
            }

            pub fn parse(text: &str) -> Result<$name, UnitsError> {
                parse_decimal(text).map($name)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.0, f)
            }
        }

        impl FromStr for $name {
            type Err = UnitsError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                $name::parse(s)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.0.to_string())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                // A visitor rather than an untagged enum: serde's untagged
                // error ("did not match any variant of untagged enum Repr")
                // tells the reader of a term file nothing about what to write.
                struct V;
                impl<'de> serde::de::Visitor<'de> for V {
                    type Value = $name;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str(EXPECTING)
                    }
                    fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<$name, E> {
                        $name::parse(s).map_err(E::custom)
                    }
                    fn visit_i64<E: serde::de::Error>(self, i: i64) -> Result<$name, E> {
                        Ok($name::from_int(i))
                    }
                    fn visit_u64<E: serde::de::Error>(self, u: u64) -> Result<$name, E> {
                        i64::try_from(u)
                            .map($name::from_int)
                            .map_err(|_| E::custom(format!("{u} is too large; {EXPECTING}")))
                    }
                    // A float in a term file would already have been rounded
                    // to binary by the TOML reader: refuse it, say why.
                    fn visit_f64<E: serde::de::Error>(self, x: f64) -> Result<$name, E> {
                        Err(E::custom(format!(
                            "{x} is a floating-point number, which cannot hold a decimal exactly; write it as a string: \"{x}\""
                        )))
                    }
                }
                d.deserialize_any(V)
            }
        }
    };
}

quantity!(
    /// A number of shares of one class or series; may be fractional (a
    /// preferred series may convert "shares (and fractional shares)").
    Shares
);
quantity!(
    /// An amount of money in dollars.
    Money
);
quantity!(
    /// A per-share amount in dollars: a price, a Conversion Price, a Warrant
    /// Price, a Liquidation Preference per share.
    Price
);
quantity!(
    /// A dimensionless ratio, e.g. the Conversion Ratio (common shares per
    /// preferred share).
    Ratio
);
quantity!(
    /// A rate as a fraction: 8.25% is `0.0825`.
    Rate
);

impl Shares {
    /// True when the share count has no fractional part.
    pub fn is_whole(self) -> bool {
        self.0.fract().is_zero()
    }
}

impl Price {
    /// The price of `shares` shares: exact, or an error.
    pub fn times(self, shares: Shares) -> Result<Money, UnitsError> {
        mul_exact(self.0, shares.0, "price × shares").map(Money)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_grouped_numbers_and_refuses_junk() {
        assert_eq!(
            Shares::parse("26,186,796").unwrap(),
            Shares::from_int(26_186_796)
        );
        assert_eq!(Shares::parse("1_000").unwrap(), Shares::from_int(1000));
        assert!(Shares::parse("1.2.3").is_err());
        assert!(Shares::parse("12a").is_err());
        assert!(Shares::parse("").is_err());
        assert!(Shares::parse(",1").is_err());
        // 30 significant digits exceed the 96-bit mantissa (≈7.9e28), and 29
        // decimal places exceed the maximum scale of 28: refuse rather than round.
        assert!(Money::parse("123456789012345678901234567890").is_err());
        assert!(Money::parse("0.00000000000000000000000000001").is_err());
    }

    #[test]
    fn a_wrong_type_says_what_is_accepted() {
        // `divisor = true` in a term file used to say only "data did not
        // match any variant of untagged enum Repr".
        let e = serde_json::from_str::<Price>("true")
            .unwrap_err()
            .to_string();
        assert!(e.contains("a string holding a decimal"), "{e}");
        assert!(!e.contains("untagged"), "{e}");
        let e = serde_json::from_str::<Rate>("0.1").unwrap_err().to_string();
        assert!(e.contains("write it as a string"), "{e}");
        // Both accepted forms still read exactly: 200000 and "0.0825".
        assert_eq!(
            serde_json::from_str::<Shares>("200000").unwrap(),
            Shares::from_int(200_000)
        );
        assert_eq!(
            serde_json::from_str::<Rate>("\"0.0825\"").unwrap(),
            Rate::parse("0.0825").unwrap()
        );
    }

    #[test]
    fn overflow_is_an_error() {
        let big = Money::new(Decimal::MAX);
        assert!(big.checked_add(Money::from_int(1)).is_err());
    }

    #[test]
    fn products_are_exact_or_refused() {
        // 542,075 × $4.10 = $2,222,507.50
        let m = Price::parse("4.10")
            .unwrap()
            .times(Shares::from_int(542_075))
            .unwrap();
        assert_eq!(m.to_string(), "2222507.5");
        let a = Price::parse("123456789012.1234567890").unwrap();
        let b = Shares::parse("12345.1234567890").unwrap();
        assert!(a.times(b).is_err(), "would need more than 28 digits");
    }
}
