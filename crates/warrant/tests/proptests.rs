//! A split and the matching combination restore the Warrant Price up to the
//! documented rounding (each price to the nearest cent, §6(vi)) and the
//! Warrant Shares exactly (they move in proportion, §6(iii)/(iv)); §5's
//! price-ratio formula alone is checked up to its tenth-of-a-share rounding.

mod common;
use actions::Instrument;
use common::*;
use proptest::prelude::*;
use units::{Exact, Price, Shares};
use warrant::price::{adjusted_shares, apply_step, StepInput};

fn step(price: Price, shares: Shares, n: u64, m: u64) -> (Price, Shares) {
    let t = warrant::WarrantTerms::load(journal::FileId(0), TERMS).unwrap();
    let (after, _) = apply_step(
        &t,
        &StepInput::Subdivision {
            numerator: n,
            denominator: m,
        },
        price,
    )
    .unwrap()
    .unwrap();
    let (s, _) = adjusted_shares(&t, shares, price, after).unwrap();
    (after, s)
}

proptest! {
    #[test]
    fn split_then_combination_restores_up_to_rounding(
        mills in 100i64..100_000,      // price in tenths of a cent: $0.100 – $99.999
        tenths in 10i64..100_000_000,  // shares in tenths: 1.0 – 9,999,999.9
        k in 2u64..10,
    ) {
        let p0 = Price::new(units::Decimal::new(mills, 3));
        let s0 = Shares::new(units::Decimal::new(tenths, 1));
        let (p1, s1) = step(p0, s0, k, 1);
        let (p2, s2) = step(p1, s1, 1, k);
        let kx = Exact::from_int(i64::try_from(k).unwrap());
        // |P1 − P0/k| ≤ ½¢ and P2 = P1 × k exactly, so |P2 − P0| ≤ k × ½¢.
        let half_cent = Exact::ratio(1, 200).unwrap();
        prop_assert!(p2.exact().sub(&p0.exact()).abs() <= half_cent.mul(&kx));
        // The aggregate exercise price S × P moves only by the two share
        // roundings: |S2·P2 − S0·P0| ≤ 0.05 × P1 + 0.05 × P2.
        let tol = Exact::ratio(1, 20).unwrap().mul(&p1.exact().add(&p2.exact()));
        let drift = s2.exact().mul(&p2.exact()).sub(&s0.exact().mul(&p0.exact())).abs();
        prop_assert!(drift <= tol, "drift {} > {}", drift.display(), tol.display());
        // A price in whole cents divisible by k comes back exactly, and the
        // shares within a tenth.
        if mills % 10 == 0 && (mills / 10) % i64::try_from(k).unwrap() == 0 {
            prop_assert_eq!(p2, p0);
            prop_assert!(s2.exact().sub(&s0.exact()).abs() <= Exact::ratio(1, 10).unwrap());
        }
    }

    #[test]
    fn the_warrant_shares_come_back_exactly_after_a_split_and_its_combination(
        k in 2u64..20,
    ) {
        // §6(iii)/(iv): the shares move "in proportion": 272,067 × k, then
        // × 1/k, is 272,067 exactly, whatever the cent rounding of the price
        // (docs/interpretations.md, "§5 with §6(iii)/(iv)").
        let (mut w, f) = issued();
        act(&mut w, &f.on(d(2003, 6, 2)), &format!("2003-06-02 split {k} 1\n")).unwrap();
        w.run_scheduled(d(2003, 6, 3), &f.on(d(2003, 6, 3)));
        prop_assert_eq!(
            w.total_shares(),
            Shares::from_int(272_067 * i64::try_from(k).unwrap())
        );
        act(&mut w, &f.on(d(2003, 9, 2)), &format!("2003-09-02 combine 1 {k}\n")).unwrap();
        w.run_scheduled(d(2003, 9, 3), &f.on(d(2003, 9, 3)));
        prop_assert_eq!(w.total_shares(), Shares::from_int(272_067));
    }

    #[test]
    fn rejected_exercises_never_change_the_warrant(n in 272_068i64..10_000_000) {
        let (mut w, f) = issued();
        let before = snapshot(&w);
        let text = format!("2003-03-03 exercise cisco-2002 {n}\n  cash: 1\n");
        let r = apply(&mut w, &f.on(d(2003, 3, 3)), &text).unwrap_err();
        prop_assert_eq!(r.code, "R0304");
        prop_assert_eq!(snapshot(&w), before);
    }
}
