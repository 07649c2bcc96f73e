//! Hand-worked waterfalls of the general preferred terms: seniority across
//! several series, parity series sharing a shortfall ratably, a 1x
//! non-participating series around its conversion point, and a capped
//! participating series below, at and past its cap and past conversion.

use units::{Exact, Money, Shares};
use views::waterfall::{ClaimClass, Position, Waterfall, WaterfallInput};

fn sh(n: i64) -> Shares {
    Shares::from_int(n)
}
fn money(s: &str) -> Money {
    Money::parse(s).unwrap()
}
fn ex(s: &str) -> Exact {
    Exact::from_decimal(units::parse_decimal(s).unwrap())
}

fn class(id: &str, seniority: i64, pref: &str, shares: i64) -> ClaimClass {
    ClaimClass {
        id: id.into(),
        seniority,
        preference_per_share: ex(pref),
        conversion_ratio: Some(ex("1")),
        participating: false,
        cap_per_share: None,
        holders: vec![Position::new(format!("{id}-holder"), sh(shares))],
        clause: None,
    }
}

fn paid(w: &Waterfall, proceeds: &str, holder: &str) -> Money {
    let d = w.distribute(money(proceeds)).unwrap();
    d.payouts
        .iter()
        .filter(|p| p.holder == holder)
        .fold(Money::ZERO, |a, p| a.checked_add(p.amount).unwrap())
}

/// The second example book's shape: Series B ($0.40, 7,500,000 shares,
/// 1x participating capped at 3x = $1.20, seniority 2) senior to Series
/// Seed ($0.50, 2,000,000) and Series A ($1.00, 5,000,000), pari passu at
/// seniority 1, both 1x non-participating; 10,000,000 common; every ratio 1.
fn three_series() -> Waterfall {
    let mut b = class("series-b", 2, "0.40", 7_500_000);
    b.participating = true;
    b.cap_per_share = Some(ex("1.20"));
    Waterfall::new(WaterfallInput {
        common_id: "common".into(),
        common: vec![Position::new("founders", sh(10_000_000))],
        classes: vec![
            b,
            class("series-seed", 1, "0.50", 2_000_000),
            class("series-a", 1, "1.00", 5_000_000),
        ],
        ..Default::default()
    })
    .unwrap()
}

#[test]
fn a_senior_series_is_paid_first_and_parity_series_share_the_shortfall_ratably() {
    let w = three_series();
    // $4,000,000: B's preference 7,500,000 × 0.40 = 3,000,000 first; the
    // 1,000,000 left against Seed's 2,000,000 × 0.50 = 1,000,000 and A's
    // 5,000,000 × 1.00 = 5,000,000: Seed 1,000,000 × 1/6 = 166,666.67,
    // A 1,000,000 × 5/6 = 833,333.33; the common nothing.
    assert_eq!(paid(&w, "4000000", "series-b-holder"), money("3000000"));
    assert_eq!(
        paid(&w, "4000000", "series-seed-holder"),
        money("166666.67")
    );
    assert_eq!(paid(&w, "4000000", "series-a-holder"), money("833333.33"));
    assert_eq!(paid(&w, "4000000", "founders"), Money::ZERO);
    // $2,000,000: short of the senior preference: B takes it all.
    assert_eq!(paid(&w, "2000000", "series-b-holder"), money("2000000"));
    assert_eq!(paid(&w, "2000000", "series-a-holder"), Money::ZERO);
}

/// 100 shares of a $1 capped participating class (cap $3 in total, ratio
/// 1) and 100 common.
fn capped() -> Waterfall {
    let mut p = class("p", 1, "1", 100);
    p.participating = true;
    p.cap_per_share = Some(ex("3"));
    Waterfall::new(WaterfallInput {
        common_id: "common".into(),
        common: vec![Position::new("c", sh(100))],
        classes: vec![p],
        ..Default::default()
    })
    .unwrap()
}

#[test]
fn a_capped_participating_class_below_at_and_past_its_cap() {
    let w = capped();
    // Participating: D = 100 + 200 v while 1 + v < 3 (v < t1 = 2).
    // 300: v = (300 − 100) / 200 = 1; class 100 + 100 × 1 = 200; common 100.
    assert_eq!(paid(&w, "300", "p-holder"), money("200"));
    assert_eq!(paid(&w, "300", "c"), money("100"));
    // At the cap: D = 100 + 200 × 2 = 500; class 3 × 100 = 300; common 200.
    assert_eq!(paid(&w, "500", "p-holder"), money("300"));
    assert_eq!(paid(&w, "500", "c"), money("200"));
    // Flat zone (2 ≤ v < 3): D = 300 + 100 v. 550: v = 2.5; class 300
    // (flat); common 250.
    assert_eq!(paid(&w, "550", "p-holder"), money("300"));
    assert_eq!(paid(&w, "550", "c"), money("250"));
    // Conversion point: v × 1 = 3, D = 300 + 300 = 600; past it, as
    // converted over 200 shares: 800 → v = 4; class 400, common 400.
    assert_eq!(paid(&w, "600", "p-holder"), money("300"));
    assert_eq!(paid(&w, "800", "p-holder"), money("400"));
    assert_eq!(paid(&w, "800", "c"), money("400"));
}

#[test]
fn both_kinks_of_the_cap_are_breakpoints_found_exactly() {
    let w = capped();
    let at: Vec<Exact> = w.breakpoints().into_iter().map(|b| b.proceeds).collect();
    // Preference paid at 100; the cap reached at 500 (v = 2); conversion
    // at 600 (v = 3).
    assert_eq!(at, vec![ex("100"), ex("500"), ex("600")]);
}

#[test]
fn a_non_participating_class_below_at_and_above_its_conversion_point() {
    // 100 shares, $1 preference, ratio 1; 100 common. Conversion point:
    // v = 1 / 1 = 1, D = 100 + 100 × 1 = 200.
    let w = Waterfall::new(WaterfallInput {
        common_id: "common".into(),
        common: vec![Position::new("c", sh(100))],
        classes: vec![class("a", 1, "1", 100)],
        ..Default::default()
    })
    .unwrap();
    // 150: preference 100; the 50 left over 100 common: v = 0.5.
    assert_eq!(paid(&w, "150", "a-holder"), money("100"));
    assert_eq!(paid(&w, "150", "c"), money("50"));
    // 200: indifferent; 100 each.
    assert_eq!(paid(&w, "200", "a-holder"), money("100"));
    assert_eq!(paid(&w, "200", "c"), money("100"));
    // 300: converts; 300 / 200 = 1.5 per share: 150 each.
    assert_eq!(paid(&w, "300", "a-holder"), money("150"));
    assert_eq!(paid(&w, "300", "c"), money("150"));
}
