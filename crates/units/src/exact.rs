//! [`Exact`]: an arbitrary-precision rational number.
//!
//! Compounding 2.0625% for forty quarters, or dividing by a 360-day year,
//! produces numbers no fixed-precision decimal holds. `Exact` holds them with
//! no loss, and the only way back to a value type is a named rounding.

use crate::error::UnitsError;
use crate::rounding::Rounding;
use num_bigint::{BigInt, Sign};
use num_integer::Integer;
use num_rational::BigRational;
use num_traits::{One, Signed, ToPrimitive, Zero};
use rust_decimal::Decimal;
use std::cmp::Ordering;
use std::fmt;

/// An exact rational number (numerator and denominator are big integers,
/// always in lowest terms with a positive denominator).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Exact(BigRational);

fn pow10(n: u32) -> BigInt {
    num_traits::pow(BigInt::from(10u8), n as usize)
}

/// `num / den` in lowest terms with a positive denominator: the same value
/// and representation as `BigRational::new`, reached faster for the numbers
/// this crate makes. Their denominators are mostly powers of 2, 3, 5 and 7
/// (prices in cents, 360-day years, compounding 1.020625 = 8165/8000 per
/// quarter), and a general greatest common divisor of two numbers of
/// thousands of bits (forty years of exact compounding) costs far more than
/// removing those primes directly: the common factors of 2, 3, 5 and 7 are
/// divided out first, and the gcd is taken only of what is left, after one
/// Euclid step (`num mod den`) has made both operands the size of the
/// denominator's remaining part.
fn reduced(num: BigInt, den: BigInt) -> BigRational {
    if den.is_zero() {
        // Callers check for division by zero; keep BigRational's behaviour.
        return BigRational::new(num, den);
    }
    let (mut n, mut d) = if den.is_negative() {
        (-num, -den)
    } else {
        (num, den)
    };
    if n.is_zero() {
        return BigRational::zero();
    }
    if d.is_one() {
        return BigRational::from_integer(n);
    }
    // Powers of two: by trailing zeros.
    let tz = n
        .trailing_zeros()
        .unwrap_or(0)
        .min(d.trailing_zeros().unwrap_or(0));
    if tz > 0 {
        n >>= tz;
        d >>= tz;
    }
    // 3, 5, 7: in chunks of the largest power that fits a u64, then singly.
    for (p, chunk) in [(3u64, 3u64.pow(40)), (5, 5u64.pow(27)), (7, 7u64.pow(22))] {
        for step in [chunk, p] {
            loop {
                if d.is_one() {
                    break;
                }
                let (dq, dr) = d.div_rem(&BigInt::from(step));
                if !dr.is_zero() {
                    break;
                }
                let (nq, nr) = n.div_rem(&BigInt::from(step));
                if !nr.is_zero() {
                    break;
                }
                n = nq;
                d = dq;
            }
        }
    }
    if d.is_one() {
        return BigRational::from_integer(n);
    }
    // Now no prime among 2, 3, 5, 7 divides both, so none is in the gcd:
    // the gcd is that of `n` and the part of `d` free of them (`rough`),
    // usually a small number even when `d` is huge (5^(3k) from k quarters).
    let mut rough = d.clone();
    if let Some(tz) = rough.trailing_zeros() {
        rough >>= tz;
    }
    for (p, chunk) in [(3u64, 3u64.pow(40)), (5, 5u64.pow(27)), (7, 7u64.pow(22))] {
        for step in [chunk, p] {
            loop {
                let (q, r) = rough.div_rem(&BigInt::from(step));
                if !r.is_zero() {
                    break;
                }
                rough = q;
            }
        }
    }
    if rough.is_one() {
        return BigRational::new_raw(n, d);
    }
    let g = (&n % &rough).gcd(&rough);
    if !g.is_one() {
        n /= &g;
        d /= &g;
    }
    BigRational::new_raw(n, d)
}

impl Exact {
    pub fn zero() -> Self {
        Exact(BigRational::zero())
    }

    pub fn one() -> Self {
        Exact(BigRational::one())
    }

    pub fn from_int(n: i64) -> Self {
        Exact(BigRational::from_integer(BigInt::from(n)))
    }

    /// `num / den` exactly; a zero denominator is an error, not a panic.
    pub fn ratio(num: i64, den: i64) -> Result<Self, UnitsError> {
        if den == 0 {
            return Err(UnitsError::DivisionByZero);
        }
        Ok(Exact(BigRational::new(
            BigInt::from(num),
            BigInt::from(den),
        )))
    }

    pub fn from_decimal(d: Decimal) -> Self {
        let mantissa = BigInt::from(d.mantissa());
        Exact(BigRational::new(mantissa, pow10(d.scale())))
    }

    pub fn is_zero(&self) -> bool {
        self.0.is_zero()
    }

    pub fn is_negative(&self) -> bool {
        self.0.is_negative()
    }

    pub fn is_integer(&self) -> bool {
        self.0.is_integer()
    }

    pub fn add(&self, other: &Exact) -> Exact {
        let (a, b) = (&self.0, &other.0);
        if a.denom() == b.denom() {
            return Exact(reduced(a.numer() + b.numer(), a.denom().clone()));
        }
        Exact(reduced(
            a.numer() * b.denom() + b.numer() * a.denom(),
            a.denom() * b.denom(),
        ))
    }

    pub fn sub(&self, other: &Exact) -> Exact {
        self.add(&other.neg())
    }

    pub fn mul(&self, other: &Exact) -> Exact {
        let (a, b) = (&self.0, &other.0);
        Exact(reduced(a.numer() * b.numer(), a.denom() * b.denom()))
    }

    pub fn neg(&self) -> Exact {
        Exact(-&self.0)
    }

    pub fn abs(&self) -> Exact {
        Exact(self.0.abs())
    }

    pub fn div(&self, other: &Exact) -> Result<Exact, UnitsError> {
        if other.0.is_zero() {
            return Err(UnitsError::DivisionByZero);
        }
        let (a, b) = (&self.0, &other.0);
        Ok(Exact(reduced(a.numer() * b.denom(), a.denom() * b.numer())))
    }

    /// `self ^ n` for a non-negative whole exponent.
    pub fn pow(&self, n: u32) -> Exact {
        let mut acc = Exact::one();
        for _ in 0..n {
            acc = acc.mul(self);
        }
        acc
    }

    pub fn min(self, other: Exact) -> Exact {
        if self <= other {
            self
        } else {
            other
        }
    }

    pub fn max(self, other: Exact) -> Exact {
        if self >= other {
            self
        } else {
            other
        }
    }

    /// The whole part of `self × other`, truncated toward zero, computed as
    /// one integer division of the unreduced product: the same value as
    /// `self.mul(other).trunc_fract().0` without the greatest common divisor
    /// a reduced product costs (large when the factors carry many periods
    /// of exact compounding).
    pub fn mul_trunc(&self, other: &Exact) -> Exact {
        let num = self.0.numer() * other.0.numer();
        let den = self.0.denom() * other.0.denom();
        Exact(BigRational::from_integer(num / den))
    }

    /// The whole part, truncated toward zero, and the remaining fraction
    /// (same sign as `self`).
    pub fn trunc_fract(&self) -> (Exact, Exact) {
        let t = self.0.trunc();
        let f = &self.0 - &t;
        (Exact(t), Exact(f))
    }

    /// Rounds to `dp` decimal places with `mode`, returning a `Decimal`.
    /// The rounding is done once, on the exact value (no double rounding).
    pub fn round_dp(&self, dp: u32, mode: Rounding) -> Result<Decimal, UnitsError> {
        if dp > 28 {
            return Err(UnitsError::Inexact { op: "round_dp" });
        }
        let scaled = self.0.numer() * pow10(dp);
        let den = self.0.denom();
        let (q, r) = scaled.div_mod_floor(den); // floor division: r in [0, den)
        let twice_r = &r * 2u8;
        let is_exact = r.is_zero();
        let q_up = &q + 1u8; // ceiling when inexact
        let result = if is_exact {
            q
        } else {
            match mode {
                Rounding::Floor => q,
                Rounding::Ceiling => q_up,
                Rounding::TowardZero => {
                    if scaled.sign() == Sign::Minus {
                        q_up
                    } else {
                        q
                    }
                }
                Rounding::AwayFromZero => {
                    if scaled.sign() == Sign::Minus {
                        q
                    } else {
                        q_up
                    }
                }
                Rounding::HalfUp | Rounding::HalfEven => match twice_r.cmp(den) {
                    Ordering::Less => q,
                    Ordering::Greater => q_up,
                    Ordering::Equal => {
                        if mode == Rounding::HalfEven {
                            if q.is_even() {
                                q
                            } else {
                                q_up
                            }
                        } else if scaled.sign() == Sign::Minus {
                            // Half away from zero for negatives: floor is away.
                            q
                        } else {
                            q_up
                        }
                    }
                },
            }
        };
        let mantissa = result
            .to_i128()
            .ok_or(UnitsError::Overflow { op: "round_dp" })?;
        Decimal::try_from_i128_with_scale(mantissa, dp)
            .map_err(|_| UnitsError::Overflow { op: "round_dp" })
    }

    /// The exact value as a `Decimal` when it has a terminating decimal
    /// expansion that fits; `Inexact` otherwise.
    pub fn to_decimal_exact(&self) -> Result<Decimal, UnitsError> {
        // A value terminates within 28 places only if its (reduced)
        // denominator divides 10^28 < 2^94: larger denominators (long exact
        // compounding) are refused without 29 trial divisions.
        if self.0.denom().bits() > 94 {
            return Err(UnitsError::Inexact {
                op: "to_decimal_exact",
            });
        }
        for dp in 0..=28 {
            let scaled = self.0.numer() * pow10(dp);
            if (&scaled % self.0.denom()).is_zero() {
                return self.round_dp(dp, Rounding::HalfEven);
            }
        }
        Err(UnitsError::Inexact {
            op: "to_decimal_exact",
        })
    }

    /// A decimal rendering for people: exact if it terminates within 28
    /// places, else 12 places followed by `…` (display only, never used in a
    /// computation).
    pub fn display(&self) -> String {
        match self.to_decimal_exact() {
            Ok(d) => d.normalize().to_string(),
            Err(_) => match self.round_dp(12, Rounding::HalfEven) {
                Ok(d) => format!("{d}…"),
                Err(_) => format!("{}/{}", self.0.numer(), self.0.denom()),
            },
        }
    }

    /// `numerator/denominator` in lowest terms, for schedules that show the
    /// exact value.
    pub fn fraction_string(&self) -> String {
        if self.0.is_integer() {
            self.0.numer().to_string()
        } else {
            format!("{}/{}", self.0.numer(), self.0.denom())
        }
    }
}

impl Exact {
    /// The exact form a JSON figure carries beside its display: `Some`
    /// fraction when the decimal expansion does not terminate (the display
    /// ends with `…`), `None` when the display is already exact.
    pub fn exact_form(&self) -> Option<String> {
        self.display()
            .ends_with('…')
            .then(|| self.fraction_string())
    }

    /// The `<key>_exact` entries for the listed figures that do not
    /// terminate, for a serialized struct that keeps its figures as
    /// displayed strings: a `#[serde(flatten)]` field holding this map puts
    /// each exact form beside its figure (docs/cli.md, "Exact figures").
    pub fn exact_forms(figures: &[(&str, &Exact)]) -> std::collections::BTreeMap<String, String> {
        figures
            .iter()
            .filter_map(|(k, x)| x.exact_form().map(|f| (format!("{k}_exact"), f)))
            .collect()
    }

    /// Writes `key` (the display) into a JSON object and, when the figure
    /// does not terminate, `<key>_exact` (its fraction), the one rule for
    /// every JSON figure (docs/cli.md, "Exact figures"). Does nothing when
    /// `obj` is not an object.
    pub fn put_json(&self, obj: &mut serde_json::Value, key: &str) {
        if let Some(map) = obj.as_object_mut() {
            map.insert(key.to_string(), serde_json::Value::String(self.display()));
            if let Some(f) = self.exact_form() {
                map.insert(format!("{key}_exact"), serde_json::Value::String(f));
            }
        }
    }
}

impl fmt::Display for Exact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display())
    }
}

impl From<Decimal> for Exact {
    fn from(d: Decimal) -> Self {
        Exact::from_decimal(d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn rounding_is_single_and_correct() {
        // 1000000000000000000000000001 / 40000000000000000000000000000
        // = 0.025000000000000000000000000025 → half-even at 2 dp is 0.03
        // because the remainder is more than half (rust_decimal gets 0.02).
        let n = Exact::from_decimal(d("1000000000000000000000000001"));
        let m = Exact::from_decimal(d("40000000000000000000000000000"));
        let q = n.div(&m).unwrap();
        assert_eq!(q.round_dp(2, Rounding::HalfEven).unwrap(), d("0.03"));
    }

    #[test]
    fn half_up_goes_away_from_zero_on_ties() {
        let x = Exact::ratio(5, 100).unwrap(); // 0.05
        assert_eq!(x.round_dp(1, Rounding::HalfUp).unwrap(), d("0.1"));
        assert_eq!(x.neg().round_dp(1, Rounding::HalfUp).unwrap(), d("-0.1"));
        assert_eq!(x.round_dp(1, Rounding::HalfEven).unwrap(), d("0.0"));
        let y = Exact::ratio(15, 100).unwrap(); // 0.15 → half-even 0.2
        assert_eq!(y.round_dp(1, Rounding::HalfEven).unwrap(), d("0.2"));
    }

    #[test]
    fn compounding_is_exact() {
        // 1.020625^2 = 1.041675390625 exactly (1.020625 × 1.020625).
        let r = Exact::from_decimal(d("1.020625"));
        assert_eq!(r.pow(2).to_decimal_exact().unwrap(), d("1.041675390625"));
        // 1.02^40 has 80 decimal places; it cannot be a Decimal exactly.
        let big = Exact::from_decimal(d("1.02")).pow(40);
        assert!(big.to_decimal_exact().is_err());
        // ...but rounds once to 2.20803966 (1.02^40 = 2.2080396636…).
        assert_eq!(big.round_dp(8, Rounding::HalfUp).unwrap(), d("2.20803966"));
    }

    #[test]
    fn division_by_zero_is_an_error() {
        assert_eq!(
            Exact::one().div(&Exact::zero()),
            Err(UnitsError::DivisionByZero)
        );
        assert_eq!(Exact::ratio(1, 0), Err(UnitsError::DivisionByZero));
    }

    #[test]
    fn display_marks_non_terminating() {
        assert_eq!(Exact::ratio(1, 3).unwrap().display(), "0.333333333333…");
        // 1/3 does not terminate: its JSON carries the fraction beside it.
        let mut o = serde_json::json!({});
        Exact::ratio(1, 3).unwrap().put_json(&mut o, "x");
        assert_eq!(
            o,
            serde_json::json!({"x": "0.333333333333…", "x_exact": "1/3"})
        );
        // exact_forms: only the non-terminating one, keyed `<key>_exact`.
        let m = Exact::exact_forms(&[
            ("third", &Exact::ratio(1, 3).unwrap()),
            ("quarter", &Exact::ratio(1, 4).unwrap()),
        ]);
        assert_eq!(m.len(), 1);
        assert_eq!(m["third_exact"], "1/3");
        // 1/4 = 0.25 terminates: no `_exact`.
        let mut o = serde_json::json!({});
        Exact::ratio(1, 4).unwrap().put_json(&mut o, "x");
        assert_eq!(o, serde_json::json!({"x": "0.25"}));
        assert_eq!(Exact::ratio(1, 8).unwrap().display(), "0.125");
    }
}

#[cfg(test)]
mod mul_trunc_tests {
    use super::Exact;

    #[test]
    fn mul_trunc_is_the_whole_part_of_the_product() {
        // 50,000 × 24.0113627487 = 1,200,568.137… → 1,200,568.
        let a = Exact::from_int(50_000);
        let b = Exact::ratio(240_113_627_487, 10_000_000_000).unwrap();
        assert_eq!(a.mul_trunc(&b), Exact::from_int(1_200_568));
        // Toward zero for negatives: −7/2 × 1 = −3.5 → −3.
        let c = Exact::ratio(-7, 2).unwrap();
        assert_eq!(c.mul_trunc(&Exact::one()), Exact::from_int(-3));
        for (n, d) in [(1, 3), (22, 7), (-5, 9), (100, 1)] {
            let x = Exact::ratio(n, d).unwrap();
            let y = Exact::ratio(d * 3 + 1, 4).unwrap();
            assert_eq!(x.mul_trunc(&y), x.mul(&y).trunc_fract().0);
        }
    }
}

#[cfg(test)]
mod reduced_tests {
    use super::{reduced, Exact};
    use num_bigint::BigInt;
    use num_rational::BigRational;
    use proptest::prelude::*;

    fn big(v: &[i64]) -> BigInt {
        v.iter().fold(BigInt::from(1), |a, x| a * BigInt::from(*x))
    }

    proptest! {
        // The fast reduction gives BigRational's own canonical form for
        // products of small primes, large primes and signs alike.
        #[test]
        fn reduced_is_lowest_terms(
            n in proptest::collection::vec(-50_000i64..50_000, 1..8),
            d in proptest::collection::vec(1i64..50_000, 1..8),
            neg in any::<bool>(),
        ) {
            let num = big(&n);
            let den = if neg { -big(&d) } else { big(&d) };
            prop_assert_eq!(reduced(num.clone(), den.clone()), BigRational::new(num, den));
        }

        #[test]
        fn arithmetic_matches_bigrational(
            a in (-1_000_000i64..1_000_000, 1i64..100_000),
            b in (-1_000_000i64..1_000_000, 1i64..100_000),
        ) {
            let (x, y) = (Exact::ratio(a.0, a.1).unwrap(), Exact::ratio(b.0, b.1).unwrap());
            let (p, q) = (BigRational::new(a.0.into(), a.1.into()), BigRational::new(b.0.into(), b.1.into()));
            prop_assert_eq!(x.add(&y).0, &p + &q);
            prop_assert_eq!(x.sub(&y).0, &p - &q);
            prop_assert_eq!(x.mul(&y).0, &p * &q);
            if b.0 != 0 {
                prop_assert_eq!(x.div(&y).unwrap().0, &p / &q);
            }
        }
    }

    #[test]
    fn forty_years_of_quarterly_compounding_stays_exact() {
        // 1,000 × (8165/8000)^160 computed step by step equals the closed
        // form 1000 × 8165^160 / 8000^160 in lowest terms.
        let q = Exact::ratio(8165, 8000).unwrap();
        let mut v = Exact::from_int(1000);
        for _ in 0..160 {
            v = v.mul(&q);
        }
        let closed = BigRational::new(
            BigInt::from(1000) * num_traits::pow(BigInt::from(8165), 160),
            num_traits::pow(BigInt::from(8000), 160),
        );
        assert_eq!(v.0, closed);
    }
}
