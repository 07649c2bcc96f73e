//! The Warrant Price as a chain of `price-adjustment` steps, and the `share-adjustment` share adjustment.
//!
//! Every adjustment of the Warrant Price is a function of the price in
//! effect immediately before it. `price-adjustment.deemed-issuance.change` and (D) require the price to be
//! "readjusted to such Warrant Price as would have obtained had the
//! adjustment made upon the issuance of such options [or] rights ... being
//! made upon the basis of" the changed terms or the shares actually issued.
//! So the crate keeps every step's facts (never only its result) and
//! replays the chain from the initial price when a step's facts change.
//! Each step's result is rounded "to the nearest cent" (`price-adjustment.rounding`); the number
//! of shares follows `share-adjustment` "to the nearest tenth of a share".

use crate::terms::WarrantTerms;
use calendar::Date;
use serde::Serialize;
use terms::SecurityId;
use units::rounding::{nearest_tenth_of_share, price_nearest_cent};
use units::{Computed, Exact, Money, Price, Shares, UnitsError};

/// The facts of one step, enough to recompute it from any price before.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum StepInput {
    /// `price-adjustment.issuance`: an issuance (actual, or deemed under `price-adjustment.deemed-issuance`) of common.
    Issuance {
        /// Shares outstanding (with deemed shares) immediately before.
        base_before: Shares,
        /// Shares issued (or deemed issued).
        shares_issued: Shares,
        /// Consideration under rules 1–2 (and (3)(A)/(B)), after the cap.
        consideration: Money,
        /// The rights whose deemed issuance this is, if any (`price-adjustment.deemed-issuance`).
        rights: Option<SecurityId>,
    },
    /// `price-adjustment.subdivision`/`price-adjustment.combination`: each share becomes `numerator/denominator` shares.
    Subdivision { numerator: u64, denominator: u64 },
    /// `price-adjustment.distribution`: price × (CMP − fair value per share) / CMP.
    Distribution { cmp: Price, fair_value: Price },
}

/// One step of the chain.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PriceStep {
    /// The date of the corporate action.
    pub date: Date,
    /// When the adjustment took effect (`price-adjustment.effective-date`).
    pub effective: Date,
    pub input: StepInput,
}

/// The clause key of the adjustment a step applies.
pub fn step_section(input: &StepInput) -> &'static str {
    match input {
        StepInput::Issuance { rights: None, .. } => "price-adjustment.issuance",
        StepInput::Issuance {
            rights: Some(_), ..
        } => "price-adjustment.deemed-issuance",
        StepInput::Subdivision {
            numerator,
            denominator,
        } => {
            if numerator >= denominator {
                "price-adjustment.subdivision"
            } else {
                "price-adjustment.combination"
            }
        }
        StepInput::Distribution { .. } => "price-adjustment.distribution",
    }
}

/// Applies one step to `before`. `Ok(None)` when the step requires no
/// adjustment (an issuance at or above the Warrant Price, or of no shares).
pub fn apply_step(
    t: &WarrantTerms,
    input: &StepInput,
    before: Price,
) -> Result<Option<(Price, Computed)>, UnitsError> {
    let p = before.exact();
    match input {
        StepInput::Issuance {
            base_before,
            shares_issued,
            consideration,
            rights,
        } => {
            if shares_issued.is_zero() || shares_issued.is_negative() {
                return Ok(None);
            }
            // "for a consideration per share less than the Warrant Price in
            // effect immediately prior to the issuance"
            let per_share = consideration.exact().div(&shares_issued.exact())?;
            if per_share >= p {
                return Ok(None);
            }
            let n0 = base_before.exact();
            let n1 = n0.add(&shares_issued.exact());
            let exact = n0.mul(&p).add(&consideration.exact()).div(&n1)?;
            let after = price_nearest_cent(&exact)?;
            // `price-adjustment.issuance` lowers the price on a dilutive issuance; it never raises
            // it. Rounding an exact price that is below a price stated to a
            // tenth of a cent (1.006 → 1.0055 → 1.01) would raise it and,
            // by `share-adjustment`, cut the Warrant Shares. An anti-dilution clause cannot
            // be read to do that, so no adjustment is made unless the rounded
            // price is below the current one (docs/interpretations.md).
            if after >= before {
                return Ok(None);
            }
            let what: String = if rights.is_some() {
                format!(
                    "shares deemed issued ({})",
                    t.mark("price-adjustment.deemed-issuance")
                )
            } else {
                "shares issued".to_string()
            };
            let c = Computed::new(
                "Warrant Price",
                after,
                "(shares outstanding before × Warrant Price before + consideration) / shares outstanding after",
            )
            .input("shares outstanding before (incl. deemed)", base_before)
            .input("Warrant Price before", before)
            .input("consideration received", consideration)
            .input(what, shares_issued)
            .input_exact("consideration per share", &per_share)
            .input_exact("shares outstanding after", &n1)
            .input_exact("exact quotient", &exact)
            .rounded(format!(
                "to the nearest cent ({}), half up",
                t.mark("price-adjustment.rounding")
            ))
            .cite(t.clause(step_section(input)))
            .cite(t.clause("price-adjustment.rounding"));
            Ok(Some((after, c)))
        }
        StepInput::Subdivision {
            numerator,
            denominator,
        } => {
            let n = i64::try_from(*numerator)
                .map_err(|_| UnitsError::Overflow { op: "subdivision" })?;
            let d = i64::try_from(*denominator)
                .map_err(|_| UnitsError::Overflow { op: "subdivision" })?;
            let factor = Exact::ratio(d, n)?;
            let exact = p.mul(&factor);
            let after = price_nearest_cent(&exact)?;
            let c = Computed::new(
                "Warrant Price",
                after,
                "Warrant Price before × old shares / new shares (shares issuable increase or decrease in proportion)",
            )
            .input("Warrant Price before", before)
            .input("new shares per old", format!("{numerator}/{denominator}"))
            .input_exact("exact", &exact)
            .rounded(format!(
                "to the nearest cent ({}), half up",
                t.mark("price-adjustment.rounding")
            ))
            .cite(t.clause(step_section(input)))
            .cite(t.clause("price-adjustment.rounding"));
            Ok(Some((after, c)))
        }
        StepInput::Distribution { cmp, fair_value } => {
            let exact = p
                .mul(&cmp.exact().sub(&fair_value.exact()))
                .div(&cmp.exact())?;
            let after = price_nearest_cent(&exact)?;
            // As for `price-adjustment.issuance`: the fraction is below one, so the clause lowers
            // the price; a cent rounding that would raise it (a tiny
            // distribution on a price stated to a tenth of a cent) makes no adjustment.
            if after >= before {
                return Ok(None);
            }
            let c = Computed::new(
                "Warrant Price",
                after,
                "Warrant Price before × (Current Market Price − fair value distributed per share) / Current Market Price",
            )
            .input("Warrant Price before", before)
            .input("Current Market Price", cmp)
            .input("fair value per share (Board)", fair_value)
            .input_exact("exact", &exact)
            .rounded(format!(
                "to the nearest cent ({}), half up",
                t.mark("price-adjustment.rounding")
            ))
            .cite(t.clause("price-adjustment.distribution"))
            .cite(t.clause("price-adjustment.rounding"));
            Ok(Some((after, c)))
        }
    }
}

/// The Warrant Price after every step, starting from `initial`.
pub fn replay(t: &WarrantTerms, initial: Price, steps: &[PriceStep]) -> Result<Price, UnitsError> {
    let mut p = initial;
    for s in steps {
        if let Some((after, _)) = apply_step(t, &s.input, p)? {
            p = after;
        }
    }
    Ok(p)
}

/// `share-adjustment`: "the number of shares (calculated to the nearest tenth of a share)
/// obtained by multiplying the Warrant Price in effect immediately prior to
/// such adjustment by the number of shares purchasable pursuant hereto
/// immediately prior to such adjustment and dividing the product thereof by
/// the Warrant Price resulting from such adjustment."
pub fn adjusted_shares(
    t: &WarrantTerms,
    shares_before: Shares,
    price_before: Price,
    price_after: Price,
) -> Result<(Shares, Computed), UnitsError> {
    let exact = shares_before
        .exact()
        .mul(&price_before.exact())
        .div(&price_after.exact())?;
    let after = nearest_tenth_of_share(&exact)?;
    let c = Computed::new(
        "Warrant Shares",
        after,
        "shares before × Warrant Price before / Warrant Price after",
    )
    .input("shares before", shares_before)
    .input("Warrant Price before", price_before)
    .input("Warrant Price after", price_after)
    .input_exact("exact", &exact)
    .rounded(format!(
        "to the nearest tenth of a share ({}), half up",
        t.mark("share-adjustment")
    ))
    .cite(t.clause("share-adjustment"));
    Ok((after, c))
}

/// `share-adjustment` read with `price-adjustment.subdivision`/`price-adjustment.combination`: on a split, stock dividend or combination
/// "the number of shares of Common Stock issuable upon the exercise hereof
/// shall be increased [decreased] in proportion" to the change in
/// outstanding shares. `share-adjustment`'s own formula, applied with the exact price
/// before `price-adjustment.rounding` rounds it to the cent, is that proportion: shares before ×
/// `numerator` / `denominator`, to the nearest tenth of a share. Applying
/// `share-adjustment` with the rounded price instead would let the cent rounding move the
/// share count (docs/interpretations.md has the worked example).
pub fn subdivided_shares(
    t: &WarrantTerms,
    shares_before: Shares,
    numerator: u64,
    denominator: u64,
) -> Result<(Shares, Computed), UnitsError> {
    let n = i64::try_from(numerator).map_err(|_| UnitsError::Overflow { op: "subdivision" })?;
    let d = i64::try_from(denominator).map_err(|_| UnitsError::Overflow { op: "subdivision" })?;
    let exact = shares_before.exact().mul(&Exact::ratio(n, d)?);
    let after = nearest_tenth_of_share(&exact)?;
    let c = Computed::new(
        "Warrant Shares",
        after,
        "shares before × new shares / old shares (in proportion to the change in outstanding shares)",
    )
    .input("shares before", shares_before)
    .input("new shares per old", format!("{numerator}/{denominator}"))
    .input_exact("exact", &exact)
    .rounded(format!(
        "to the nearest tenth of a share ({}), half up",
        t.mark("share-adjustment")
    ))
    .cite(t.clause("share-adjustment"))
    .cite(t.clause(if numerator >= denominator {
        "price-adjustment.subdivision"
    } else {
        "price-adjustment.combination"
    }));
    Ok((after, c))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn t() -> WarrantTerms {
        WarrantTerms::load(
            journal::FileId(0),
            include_str!("../../../examples/ctc/terms/cisco-warrant.toml"),
        )
        .unwrap()
    }

    fn p(s: &str) -> Price {
        Price::from_str(s).unwrap()
    }

    #[test]
    fn issuance_above_price_does_not_adjust() {
        // 1,000 shares for $3,000 = $3.00/share ≥ $2.408: no adjustment.
        let s = StepInput::Issuance {
            base_before: Shares::from_int(1_000_000),
            shares_issued: Shares::from_int(1_000),
            consideration: Money::from_int(3_000),
            rights: None,
        };
        assert_eq!(apply_step(&t(), &s, p("2.408")).unwrap(), None);
    }

    #[test]
    fn zero_share_issuance_does_not_adjust() {
        let s = StepInput::Issuance {
            base_before: Shares::from_int(1_000_000),
            shares_issued: Shares::ZERO,
            consideration: Money::from_int(5),
            rights: None,
        };
        assert_eq!(apply_step(&t(), &s, p("2.408")).unwrap(), None);
    }

    #[test]
    fn combination_raises_price() {
        // 1-for-5: 2.408 × 5 = 12.04
        let s = StepInput::Subdivision {
            numerator: 1,
            denominator: 5,
        };
        let (after, _) = apply_step(&t(), &s, p("2.408")).unwrap().unwrap();
        assert_eq!(after, p("12.04"));
    }
}
