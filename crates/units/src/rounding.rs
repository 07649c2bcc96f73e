//! Rounding, named after what the documents say.
//!
//! Every rounding in stockbook goes through one of the functions here, and each
//! cites the words it implements. "Nearest" with no tie rule is read as
//! half-up (ties away from zero), the common commercial convention; see
//! docs/interpretations.md ("Nearest" ties).

use crate::error::UnitsError;
use crate::exact::Exact;
use crate::quantity::{Money, Price, Ratio, Shares};
use rust_decimal::Decimal;
use serde::Serialize;

/// How an exact value is brought to a fixed number of places.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Rounding {
    /// Ties away from zero: 0.00005 → 0.0001. The reading of "nearest".
    HalfUp,
    /// Ties to even (banker's rounding); selectable where a book says so.
    HalfEven,
    /// Toward zero: "whole shares" before cash in lieu of the fraction.
    TowardZero,
    AwayFromZero,
    Floor,
    Ceiling,
}

impl Rounding {
    pub fn describe(self) -> &'static str {
        match self {
            Rounding::HalfUp => "half up (ties away from zero)",
            Rounding::HalfEven => "half even",
            Rounding::TowardZero => "toward zero",
            Rounding::AwayFromZero => "away from zero",
            Rounding::Floor => "floor",
            Rounding::Ceiling => "ceiling",
        }
    }
}

/// "to the nearest four decimal points": e.g. every step of a preferred
/// series' anti-dilution adjustment, where its terms say so.
pub fn nearest_four_decimal_places(x: &Exact, mode: Rounding) -> Result<Decimal, UnitsError> {
    x.round_dp(4, mode)
}

/// "to the nearest cent": a price in dollars at 2 places (e.g. a warrant's
/// price adjustments).
pub fn nearest_cent(x: &Exact) -> Result<Money, UnitsError> {
    Ok(Money::new(x.round_dp(2, Rounding::HalfUp)?))
}

/// A per-share price to the nearest cent.
pub fn price_nearest_cent(x: &Exact) -> Result<Price, UnitsError> {
    Ok(Price::new(x.round_dp(2, Rounding::HalfUp)?))
}

/// "to the nearest tenth of a share" (e.g. a warrant's share adjustment).
pub fn nearest_tenth_of_share(x: &Exact) -> Result<Shares, UnitsError> {
    Ok(Shares::new(x.round_dp(1, Rounding::HalfUp)?))
}

/// "rounded to the nearest whole share" (e.g. a pro rata selection of
/// shares to redeem).
pub fn nearest_whole_share(x: &Exact) -> Result<Shares, UnitsError> {
    Ok(Shares::new(x.round_dp(0, Rounding::HalfUp)?))
}

/// A ratio held at a clause's number of places.
pub fn ratio_dp(x: &Exact, dp: u32, mode: Rounding) -> Result<Ratio, UnitsError> {
    Ok(Ratio::new(x.round_dp(dp, mode)?))
}

/// The outcome of "whole shares ... cash in lieu of any fractional portion"
/// (a conversion's or an exercise's fractional share).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct WholeSharesCashInLieu {
    /// The whole shares delivered (the exact entitlement truncated).
    pub whole: Shares,
    /// The fractional share not delivered, exactly.
    pub fraction: Exact,
    /// Cash paid for the fraction, to the cent.
    pub cash: Money,
}

impl Serialize for Exact {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.display())
    }
}

/// Splits an exact share entitlement into whole shares and cash for the
/// fraction at `value_per_share` (from which `deduct_per_share` is taken
/// first, for a warrant's "less the Warrant Price"). Cash is rounded to
/// the nearest cent, half up: the documents say "cash", and a payment is made
/// in cents.
pub fn whole_shares_cash_in_lieu(
    entitlement: &Exact,
    value_per_share: Price,
    deduct_per_share: Option<Price>,
) -> Result<WholeSharesCashInLieu, UnitsError> {
    let (whole, fraction) = entitlement.trunc_fract();
    let mut per_share = Exact::from_decimal(value_per_share.value());
    if let Some(d) = deduct_per_share {
        per_share = per_share.sub(&Exact::from_decimal(d.value()));
    }
    let cash = fraction.mul(&per_share);
    let cash = if cash.is_negative() {
        Exact::zero()
    } else {
        cash
    };
    Ok(WholeSharesCashInLieu {
        whole: Shares::new(whole.round_dp(0, Rounding::TowardZero)?),
        fraction,
        cash: nearest_cent(&cash)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn named_roundings() {
        // 1.23455 → four places half up = 1.2346
        let x = Exact::from_decimal(d("1.23455"));
        assert_eq!(
            nearest_four_decimal_places(&x, Rounding::HalfUp).unwrap(),
            d("1.2346")
        );
        // 2.405 → nearest cent = 2.41
        assert_eq!(
            price_nearest_cent(&Exact::from_decimal(d("2.405")))
                .unwrap()
                .value(),
            d("2.41")
        );
        // 272067 × 2.408 / 2.40 = 272,973.6... → 272973.7 (tenth of a share)
        let shares = Exact::from_int(272_067)
            .mul(&Exact::from_decimal(d("2.408")))
            .div(&Exact::from_decimal(d("2.40")))
            .unwrap();
        // 272067 × 2.408 = 655,137.336; / 2.40 = 272,973.89
        assert_eq!(
            nearest_tenth_of_share(&shares).unwrap().value(),
            d("272973.9")
        );
    }

    #[test]
    fn cash_in_lieu_of_fraction() {
        // 20.375 shares at $3.50: 20 whole, 0.375 × 3.50 = 1.3125 → $1.31
        let e = Exact::from_decimal(d("20.375"));
        let r = whole_shares_cash_in_lieu(&e, Price::new(d("3.50")), None).unwrap();
        assert_eq!(r.whole.value(), d("20"));
        assert_eq!(r.cash.value(), d("1.31"));
        // Warrant §11: fraction's value less the Warrant Price for it:
        // 0.375 × (3.50 − 2.41) = 0.40875 → $0.41
        let r = whole_shares_cash_in_lieu(&e, Price::new(d("3.50")), Some(Price::new(d("2.41"))))
            .unwrap();
        assert_eq!(r.cash.value(), d("0.41"));
    }
}
