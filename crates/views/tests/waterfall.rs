//! Hand-worked waterfalls (CoD §3.1 rank, §5 greater-of and ratable
//! sharing with Parity Stock), and property tests of the exact breakpoints.

use proptest::prelude::*;
use units::{Clause, Exact, Money, Price, Shares};
use views::waterfall::{ClaimClass, Deduction, OptionTranche, Position, Waterfall, WaterfallInput};

fn sh(n: i64) -> Shares {
    Shares::from_int(n)
}
fn money(s: &str) -> Money {
    Money::parse(s).unwrap()
}
fn ex(s: &str) -> Exact {
    Exact::from_decimal(units::parse_decimal(s).unwrap())
}

/// A CTC-shaped book: 200,000 Series B shares at a Liquidation Preference
/// of $1,000 (Accreted Value $1,000, nothing accrued; CoD §2), Conversion
/// Ratio 1,000 / 50 = 20 (CoD §8.1); a Parity Stock of 100,000 shares with
/// a $500 preference, not convertible; 30,000,000 common; $1,000,000 of
/// costs and $9,000,000 of debt ahead of equity.
fn ctc_shaped() -> Waterfall {
    Waterfall::new(WaterfallInput {
        common_id: "common".into(),
        common: vec![
            Position::new("founders", sh(20_000_000)),
            Position::new("public", sh(10_000_000)),
        ],
        classes: vec![
            ClaimClass {
                id: "series-b".into(),
                seniority: 1,
                preference_per_share: ex("1000"),
                conversion_ratio: Some(ex("20")),
                participating: false,
                cap_per_share: None,
                holders: vec![
                    Position::new("bain-1", sh(150_000)),
                    Position::new("bain-2", sh(50_000)),
                ],
                clause: Some(Clause::new("CoD", "5")),
            },
            ClaimClass {
                id: "parity".into(),
                seniority: 1,
                preference_per_share: ex("500"),
                conversion_ratio: None,
                participating: false,
                cap_per_share: None,
                holders: vec![Position::new("other", sh(100_000))],
                clause: None,
            },
        ],
        options: vec![],
        ahead: vec![
            Deduction {
                id: "costs".into(),
                amount: money("1000000"),
            },
            Deduction {
                id: "debt".into(),
                amount: money("9000000"),
            },
        ],
        notes: vec![],
        ..Default::default()
    })
    .unwrap()
}

fn paid(w: &Waterfall, proceeds: &str, holder: &str) -> Money {
    let d = w.distribute(money(proceeds)).unwrap();
    d.payouts
        .iter()
        .filter(|p| p.holder == holder)
        .fold(Money::ZERO, |a, p| a.checked_add(p.amount).unwrap())
}

#[test]
fn breakpoints_of_the_ctc_shaped_book() {
    let w = ctc_shaped();
    let b: Vec<String> = w
        .breakpoints()
        .iter()
        .map(|b| b.proceeds.display())
        .collect();
    // costs 1,000,000; + debt 9,000,000 = 10,000,000;
    // + preferences 200,000 × 1,000 + 100,000 × 500 = 250,000,000 → 260,000,000;
    // Series B converts at v = 1,000 / 20 = 50 per common share:
    // D = 50 × 30,000,000 + 250,000,000 = 1,750,000,000 → P = 1,760,000,000.
    assert_eq!(b, vec!["1000000", "10000000", "260000000", "1760000000"]);
}

#[test]
fn assets_short_of_the_preference_are_shared_ratably_with_parity_stock() {
    let w = ctc_shaped();
    // P = 110,000,000: D = 110,000,000 − 10,000,000 = 100,000,000, short of
    // the 250,000,000 of Series B and Parity claims: ratably (CoD §5),
    // Series B 100,000,000 × 200/250 = 80,000,000; parity 20,000,000.
    // bain-1: 80,000,000 × 150,000/200,000 = 60,000,000; bain-2 20,000,000.
    assert_eq!(paid(&w, "110000000", "bain-1"), money("60000000"));
    assert_eq!(paid(&w, "110000000", "bain-2"), money("20000000"));
    assert_eq!(paid(&w, "110000000", "other"), money("20000000"));
    assert_eq!(paid(&w, "110000000", "founders"), Money::ZERO);
    assert_eq!(paid(&w, "110000000", "debt"), money("9000000"));
    // P = 5,000,000: costs in full, debt gets 4,000,000, equity nothing.
    assert_eq!(paid(&w, "5000000", "costs"), money("1000000"));
    assert_eq!(paid(&w, "5000000", "debt"), money("4000000"));
    assert_eq!(paid(&w, "5000000", "bain-1"), Money::ZERO);
}

#[test]
fn at_and_between_the_series_b_breakpoints() {
    let w = ctc_shaped();
    // At P = 260,000,000 every preference is paid, common gets 0.
    assert_eq!(paid(&w, "260000000", "bain-1"), money("150000000"));
    assert_eq!(paid(&w, "260000000", "founders"), Money::ZERO);
    // P = 1,010,000,000: D = 1,000,000,000; v = (1,000,000,000 − 250,000,000)
    // / 30,000,000 = 25; Series B as converted would be 20 × 25 = 500 < 1,000
    // per share, so it takes its preference: bain-1 150,000 × 1,000.
    assert_eq!(paid(&w, "1010000000", "bain-1"), money("150000000"));
    assert_eq!(paid(&w, "1010000000", "founders"), money("500000000")); // 20,000,000 × 25
    assert_eq!(paid(&w, "1010000000", "public"), money("250000000")); // 10,000,000 × 25
                                                                      // At P = 1,760,000,000: v = 50 and 20 × 50 = 1,000: indifferent.
    assert_eq!(paid(&w, "1760000000", "bain-1"), money("150000000"));
    assert_eq!(paid(&w, "1760000000", "founders"), money("1000000000")); // 20,000,000 × 50
}

#[test]
fn above_the_conversion_breakpoint_the_series_b_takes_its_as_converted_share() {
    let w = ctc_shaped();
    // P = 2,100,000,000: D = 2,090,000,000; the Series B converts into
    // 200,000 × 20 = 4,000,000 common, so N = 34,000,000 and only the
    // parity's 50,000,000 is still claimed: v = (2,090,000,000 − 50,000,000)
    // / 34,000,000 = 60. bain-1: 150,000 × 20 × 60 = 180,000,000 (more than
    // its 150,000,000 preference); founders 20,000,000 × 60 = 1,200,000,000.
    let d = w.distribute(money("2100000000")).unwrap();
    assert_eq!(d.value_per_common, Some(ex("60")));
    assert_eq!(paid(&w, "2100000000", "bain-1"), money("180000000"));
    assert_eq!(paid(&w, "2100000000", "bain-2"), money("60000000"));
    assert_eq!(paid(&w, "2100000000", "other"), money("50000000"));
    assert_eq!(paid(&w, "2100000000", "founders"), money("1200000000"));
    let sb = d.classes.iter().find(|c| c.class == "series-b").unwrap();
    assert_eq!(sb.basis, "as converted");
    assert_eq!(sb.per_share, Some(ex("1200"))); // 20 × 60
}

#[test]
fn options_exercise_when_in_the_money_and_their_strike_is_counted_in() {
    let w = Waterfall::new(WaterfallInput {
        common_id: "common".into(),
        common: vec![Position::new("c", sh(900))],
        classes: vec![],
        options: vec![OptionTranche {
            class: "warrant".into(),
            holder: "o".into(),
            shares: sh(100),
            strike: Price::parse("10").unwrap(),
        }],
        ahead: vec![],
        notes: vec![],
        ..Default::default()
    })
    .unwrap();
    // The option exercises once v = D / 900 reaches 10: D = 9,000.
    let b = w.breakpoints();
    assert_eq!(b.len(), 1);
    assert_eq!(b[0].proceeds, ex("9000"));
    // Below: D = 4,500 → v = 5, the option is out of the money.
    assert_eq!(paid(&w, "4500", "o"), Money::ZERO);
    assert_eq!(paid(&w, "4500", "c"), money("4500"));
    // Above: D = 19,000 → v = (19,000 + 100 × 10) / 1,000 = 20; the option
    // nets 100 × (20 − 10) = 1,000 and the common 900 × 20 = 18,000.
    assert_eq!(paid(&w, "19000", "o"), money("1000"));
    assert_eq!(paid(&w, "19000", "c"), money("18000"));
}

#[test]
fn cents_by_largest_remainder_sum_exactly() {
    let w = Waterfall::new(WaterfallInput {
        common_id: "common".into(),
        common: vec![
            Position::new("a", sh(1)),
            Position::new("b", sh(1)),
            Position::new("c", sh(1)),
        ],
        ..Default::default()
    })
    .unwrap();
    // $100.00 / 3 = 33.333…: floors 33.33 × 3 = 99.99; the one cent left
    // goes to the first of the equal remainders.
    let d = w.distribute(money("100.00")).unwrap();
    let a: Vec<String> = d.payouts.iter().map(|p| p.amount.to_string()).collect();
    assert_eq!(a, vec!["33.34", "33.33", "33.33"]);
    assert!(w.distribute(money("100.001")).is_err(), "not whole cents");
    assert!(w.distribute(money("-1")).is_err());
}

#[test]
fn participating_preferred_takes_preference_and_shares() {
    // 100 participating shares, $10 preference, ratio 1; 100 common.
    // P = 3,000: preference 1,000, the 2,000 rest over 200 shares: v = 10;
    // participating 1,000 + 100 × 10 = 2,000; common 1,000.
    let w = Waterfall::new(WaterfallInput {
        common_id: "common".into(),
        common: vec![Position::new("c", sh(100))],
        classes: vec![ClaimClass {
            id: "p".into(),
            seniority: 0,
            preference_per_share: ex("10"),
            conversion_ratio: Some(ex("1")),
            participating: true,
            cap_per_share: None,
            holders: vec![Position::new("ph", sh(100))],
            clause: None,
        }],
        ..Default::default()
    })
    .unwrap();
    assert_eq!(paid(&w, "3000", "ph"), money("2000"));
    assert_eq!(paid(&w, "3000", "c"), money("1000"));
}

#[test]
fn senior_before_junior() {
    // Senior 10 × $100; junior 10 × $100; P = 1,500: senior 1,000, junior 500.
    let class = |id: &str, s: i64| ClaimClass {
        id: id.into(),
        seniority: s,
        preference_per_share: ex("100"),
        conversion_ratio: None,
        participating: false,
        cap_per_share: None,
        holders: vec![Position::new(format!("{id}-h"), sh(10))],
        clause: None,
    };
    let w = Waterfall::new(WaterfallInput {
        common_id: "common".into(),
        classes: vec![class("junior", 0), class("senior", 5)],
        common: vec![Position::new("c", sh(1))],
        ..Default::default()
    })
    .unwrap();
    assert_eq!(paid(&w, "1500", "senior-h"), money("1000"));
    assert_eq!(paid(&w, "1500", "junior-h"), money("500"));
}

#[test]
fn bad_input_is_refused() {
    let w = Waterfall::new(WaterfallInput {
        common_id: "common".into(),
        common: vec![Position::new("c", Shares::from_int(-1))],
        ..Default::default()
    });
    assert_eq!(w.err().map(|r| r.code), Some("R0701"));
}

// ---- properties -------------------------------------------------------

fn arb_input() -> impl Strategy<Value = WaterfallInput> {
    let class = (
        0i64..3,
        0i64..200,
        prop::option::of(0i64..40),
        any::<bool>(),
        prop::collection::vec(1i64..500, 1..3),
    );
    (
        prop::collection::vec(class, 0..4),
        prop::collection::vec(1i64..1000, 0..3),
        prop::collection::vec((1i64..300, 0i64..60), 0..3),
        prop::collection::vec(0i64..500, 0..3),
    )
        .prop_map(|(classes, common, options, ahead)| WaterfallInput {
            common_id: "common".into(),
            common: common
                .iter()
                .enumerate()
                .map(|(i, &n)| Position::new(format!("c{i}"), sh(n)))
                .collect(),
            classes: classes
                .iter()
                .enumerate()
                .map(|(i, (s, p, r, part, hs))| ClaimClass {
                    id: format!("k{i}"),
                    seniority: *s,
                    preference_per_share: Exact::from_int(*p),
                    conversion_ratio: r.map(|r| Exact::ratio(r, 4).unwrap()),
                    participating: *part,
                    cap_per_share: None,
                    holders: hs
                        .iter()
                        .enumerate()
                        .map(|(j, &n)| Position::new(format!("k{i}h{j}"), sh(n)))
                        .collect(),
                    clause: None,
                })
                .collect(),
            options: options
                .iter()
                .enumerate()
                .map(|(i, &(n, k))| OptionTranche {
                    class: "opt".into(),
                    holder: format!("o{i}"),
                    shares: sh(n),
                    strike: Price::from_int(k),
                })
                .collect(),
            ahead: ahead
                .iter()
                .enumerate()
                .map(|(i, &a)| Deduction {
                    id: format!("d{i}"),
                    amount: Money::from_int(a),
                })
                .collect(),
            notes: vec![],
            ..Default::default()
        })
}

fn amounts(w: &Waterfall, p: &Exact) -> Vec<Exact> {
    w.exact_payouts(p).0.into_iter().map(|x| x.exact).collect()
}

fn slopes(a: &[Exact], b: &[Exact], dx: &Exact) -> Vec<Exact> {
    a.iter()
        .zip(b)
        .map(|(x, y)| y.sub(x).div(dx).unwrap())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn payouts_sum_to_the_proceeds(input in arb_input(), cents in 0i64..100_000_000) {
        let w = Waterfall::new(input).unwrap();
        let p = Money::new(units::Decimal::new(cents, 2));
        let d = w.distribute(p).unwrap();
        let exact = d.payouts.iter().fold(Exact::zero(), |a, x| a.add(&x.exact));
        prop_assert_eq!(exact, p.exact());
        let total = d.payouts.iter().fold(Money::ZERO, |a, x| a.checked_add(x.amount).unwrap());
        prop_assert_eq!(total, p);
        for x in &d.payouts {
            prop_assert!(!x.amount.is_negative());
            // never more than a cent from the exact amount
            prop_assert!(x.amount.exact().sub(&x.exact).abs() < Exact::ratio(1, 100).unwrap());
        }
    }

    #[test]
    fn no_payout_decreases_as_proceeds_rise(input in arb_input(), a in 0i64..200_000, b in 0i64..200_000) {
        let w = Waterfall::new(input).unwrap();
        let (lo, hi) = (a.min(b), a.max(b));
        let x = amounts(&w, &Exact::from_int(lo));
        let y = amounts(&w, &Exact::from_int(hi));
        prop_assert_eq!(x.len(), y.len());
        for (p, q) in x.iter().zip(&y) {
            prop_assert!(p <= q, "{} > {}", p, q);
        }
    }

    #[test]
    fn exact_breakpoints_agree_with_brute_force(input in arb_input()) {
        let w = Waterfall::new(input).unwrap();
        let bps: Vec<Exact> = w.breakpoints().into_iter().map(|b| b.proceeds).collect();
        // Soundness: at every breakpoint some payout's slope changes.
        for (i, b) in bps.iter().enumerate() {
            let mut eps = Exact::one();
            if i > 0 { eps = eps.min(b.sub(&bps[i - 1]).div(&Exact::from_int(4)).unwrap()); }
            if let Some(n) = bps.get(i + 1) { eps = eps.min(n.sub(b).div(&Exact::from_int(4)).unwrap()); }
            prop_assert!(!eps.is_zero() && !eps.is_negative(), "breakpoints sorted and distinct");
            let left = b.sub(&eps);
            let right = b.add(&eps);
            if left.is_negative() { continue; }
            let (l, m, r) = (amounts(&w, &left), amounts(&w, b), amounts(&w, &right));
            prop_assert!(slopes(&l, &m, &eps) != slopes(&m, &r, &eps), "no kink at {}", b);
        }
        // Completeness: on a grid, wherever the slope changes between two
        // adjacent cells, a breakpoint lies strictly inside them.
        let top = bps.last().cloned().unwrap_or_else(Exact::zero).add(&Exact::from_int(50));
        let steps = 60i64;
        let step = top.div(&Exact::from_int(steps)).unwrap();
        let grid: Vec<Exact> = (0..=steps).map(|k| step.mul(&Exact::from_int(k))).collect();
        let vals: Vec<Vec<Exact>> = grid.iter().map(|g| amounts(&w, g)).collect();
        for k in 1..steps as usize {
            let s1 = slopes(&vals[k - 1], &vals[k], &step);
            let s2 = slopes(&vals[k], &vals[k + 1], &step);
            if s1 != s2 {
                let lo = &grid[k - 1];
                let hi = &grid[k + 1];
                prop_assert!(bps.iter().any(|b| b > lo && b < hi), "kink near {} not found", grid[k]);
            }
        }
    }
}
