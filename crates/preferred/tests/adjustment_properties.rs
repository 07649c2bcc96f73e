//! Properties of the §8.10 chain that hold for every input (proptest).

#[path = "adjustment_fake.rs"]
mod fake;

use actions::{Consideration, Purpose, SubdivisionKind};
use fake::*;
use preferred::adjustment::{
    on_action, AdjustmentChain, AdjustmentContext, AntiDilutionTerms, RoundingTarget,
};
use proptest::prelude::*;
use terms::InstrumentId;
use units::{Exact, Money, Shares};

/// The CoD's §8.10 numbers as CTC's term file states them (§8.10.5: 1% and
/// "four decimal points"; §8.10.2(B)/§8.10.3(B): the $200,000,000 basket;
/// §2: ten trading days), with the readings' defaults.
fn cod_anti_dilution() -> AntiDilutionTerms {
    terms::load_terms(
        journal::FileId(0),
        "threshold = \"0.01\"\ndecimal-places = 4\nacquisition-basket = \"200000000\"\ncurrent-market-value-days = 10\n",
    )
    .expect("the CoD's anti-dilution numbers")
}

/// A context whose ratio is `r` (four places) at LP $1,000.
fn ctx_with_ratio(r: &Exact) -> AdjustmentContext {
    let lp = Exact::from_int(1000);
    AdjustmentContext {
        instrument: InstrumentId::new("series-b"),
        closing_date: d("2000-04-10"),
        conversion_price: lp.div(r).unwrap(),
        liquidation_preference: lp,
        conversion_ratio: r.clone(),
        own_issuable: None,
        citations: ctc_citations(),
        series_name: "Series B".into(),
        designation: "Series B Convertible Preferred Stock".into(),
    }
}

fn excluded() -> impl Strategy<Value = Purpose> {
    prop_oneof![
        Just(Purpose::EmployeePlan),
        Just(Purpose::JointVenture),
        Just(Purpose::DebtFinancing),
        Just(Purpose::ConversionOfPreferred),
        Just(Purpose::ExerciseOfClosingSecurity),
        Just(Purpose::ExerciseOfAdjustedSecurity),
        Just(Purpose::ParticipationDistribution),
        Just(Purpose::PublicRecord),
    ]
}

proptest! {
    /// An n-for-m split followed by the matching m-for-n combination restores
    /// the ratio: exactly when the split's product is a four-place number
    /// (m = 1), and within two roundings (2 × 0.00005) otherwise.
    #[test]
    fn split_then_combination_restores(r4 in 10_000i64..1_000_000, n in 2u64..20, m in 1u64..20) {
        prop_assume!(n > m);
        let r = Exact::ratio(r4, 10_000).unwrap();
        let t = cod_anti_dilution();
        let v = Fake::on("2001-06-01");
        let mut chain = AdjustmentChain::default();
        on_action(&mut chain, &t, &subdivision(SubdivisionKind::Split, n, m, None), &ctx_with_ratio(&r), &v).unwrap();
        let after_split = r.mul(&chain.factor());
        on_action(&mut chain, &t, &subdivision(SubdivisionKind::Combination, m, n, None), &ctx_with_ratio(&after_split), &v).unwrap();
        let back = r.mul(&chain.factor());
        let diff = back.sub(&r).abs();
        if m == 1 {
            prop_assert_eq!(back, r);
        } else {
            prop_assert!(diff <= Exact::ratio(1, 10_000).unwrap(), "{} vs {}", back, r);
        }
    }

    /// Fraction rounding: the round trip is within n × r × 0.00005 (the
    /// rounding of 1/n to four places, scaled by the split ratio).
    #[test]
    fn split_then_combination_fraction_rounding(r4 in 10_000i64..1_000_000, n in 2u64..20) {
        let r = Exact::ratio(r4, 10_000).unwrap();
        let t = AntiDilutionTerms { rounding_applies_to: RoundingTarget::Fraction, ..cod_anti_dilution() };
        let v = Fake::on("2001-06-01");
        let mut chain = AdjustmentChain::default();
        on_action(&mut chain, &t, &subdivision(SubdivisionKind::Split, n, 1, None), &ctx_with_ratio(&r), &v).unwrap();
        let mid = r.mul(&chain.factor());
        on_action(&mut chain, &t, &subdivision(SubdivisionKind::Combination, 1, n, None), &ctx_with_ratio(&mid), &v).unwrap();
        let back = r.mul(&chain.factor());
        let bound = r.mul(&Exact::from_int(i64::try_from(n).unwrap())).mul(&Exact::ratio(5, 100_000).unwrap());
        prop_assert!(back.sub(&r).abs() <= bound);
    }

    /// An issuance at or above the Conversion Price never adjusts.
    #[test]
    fn at_or_above_price_never_adjusts(shares in 1i64..10_000_000, cents_over in 0i64..10_000, rights in any::<bool>(), ex_cents in 0i64..5_000) {
        let v = Fake::on("2001-06-01");
        let mut chain = AdjustmentChain::default();
        // Conversion Price $50: pay $50 + cents_over/100 per share in all.
        let per_share_cents = 5_000 + cents_over;
        let a = if rights {
            // exercise price ex + paid (per_share − ex) per share
            let ex = Exact::ratio(ex_cents.min(per_share_cents), 100).unwrap();
            let paid = i128::from(shares) * i128::from(per_share_cents - ex_cents.min(per_share_cents));
            let c = Consideration { cash_gross: Money::new(units::Decimal::from_i128_with_scale(paid, 2)), ..Consideration::default() };
            issue_rights("r", shares, &ex.display(), c, Purpose::Financing)
        } else {
            let c = Consideration { cash_gross: Money::new(units::Decimal::from_i128_with_scale(i128::from(shares) * i128::from(per_share_cents), 2)), ..Consideration::default() };
            issue_common(shares, c, Purpose::Financing)
        };
        run(&mut chain, &cod_anti_dilution(), &a, &v).unwrap();
        prop_assert!(chain.notices().is_empty());
        prop_assert_eq!(chain.factor(), Exact::one());
    }

    /// Excluded issuances never adjust, at any price (even for nothing).
    #[test]
    fn excluded_never_adjust(p in excluded(), shares in 1i64..10_000_000, dollars in 0i64..100_000_000, rights in any::<bool>()) {
        let v = Fake::on("2001-06-01");
        let mut chain = AdjustmentChain::default();
        let a = if rights { issue_rights("r", shares, "0", cash(dollars), p) } else { issue_common(shares, cash(dollars), p) };
        run(&mut chain, &cod_anti_dilution(), &a, &v).unwrap();
        prop_assert!(chain.notices().is_empty());
        prop_assert_eq!(chain.factor(), Exact::one());
    }

    /// A holder's as-converted value (shares × ratio × Market Price) is
    /// unchanged by an n-for-m split when the price divides by n/m: exactly
    /// when m = 1, and within the four-place rounding of the ratio otherwise.
    #[test]
    fn split_preserves_as_converted_value(held in 1i64..100_000, r4 in 10_000i64..1_000_000, n in 2u64..10, m in 1u64..10, price_cents in 1i64..100_000) {
        prop_assume!(n > m);
        let r = Exact::ratio(r4, 10_000).unwrap();
        let p = Exact::ratio(price_cents, 100).unwrap();
        let h = Shares::from_int(held).exact();
        let v = Fake::on("2001-06-01");
        let mut chain = AdjustmentChain::default();
        on_action(&mut chain, &cod_anti_dilution(), &subdivision(SubdivisionKind::Split, n, m, None), &ctx_with_ratio(&r), &v).unwrap();
        let split = Exact::ratio(i64::try_from(n).unwrap(), i64::try_from(m).unwrap()).unwrap();
        let before = h.mul(&r).mul(&p);
        let after = h.mul(&r.mul(&chain.factor())).mul(&p.div(&split).unwrap());
        if m == 1 {
            prop_assert_eq!(after, before);
        } else {
            // |Δratio| ≤ 0.00005, times shares × post-split price.
            let bound = h.mul(&p.div(&split).unwrap()).mul(&Exact::ratio(5, 100_000).unwrap());
            prop_assert!(after.sub(&before).abs() <= bound);
        }
    }
}
