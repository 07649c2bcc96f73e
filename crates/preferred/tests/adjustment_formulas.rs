//! Hand-worked cases for every CoD §8.10 formula. Unless a test says
//! otherwise: Liquidation Preference $1,000.00, so the §8.1 ratio is
//! 1,000 / 50 = 20 and the Conversion Price 1,000 / 20 = $50.00; the fully
//! diluted base (Series B included) is 1,000,000 shares (800,000 without
//! the Series B); Current Market Value $40.00.

#[path = "adjustment_fake.rs"]
mod fake;

use actions::{
    Consideration, CorporateAction, Purpose, ReferenceProperty, ReorganizationKind, SubdivisionKind,
};
use fake::*;
use preferred::adjustment::{
    AdjustmentChain, AntiDilutionTerms, BasketOverflow, ConsiderationBasis, FullyDilutedBase,
    RoundingTarget,
};
use terms::HolderId;
use units::{Exact, Money, Price, Shares};

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

fn terms() -> AntiDilutionTerms {
    cod_anti_dilution()
}

#[test]
fn common_below_price_weighted_average_8_10_3() {
    // 100,000 shares for $4,000,000 gross ($40.00 < $50.00).
    // numerator   = 1,000,000 + 100,000                 = 1,100,000
    // purchasable = 4,000,000 / 50                      =    80,000
    // denominator = 1,000,000 + 80,000                  = 1,080,000
    // fraction    = 1,100,000 / 1,080,000 = 55/54       = 1.0185185…
    // ratio       = 20 × 55/54 = 20.370370…  → 20.3704 (nearest four places)
    let mut chain = AdjustmentChain::default();
    let v = Fake::on("2001-06-01");
    run(
        &mut chain,
        &terms(),
        &issue_common(100_000, cash(4_000_000), Purpose::Financing),
        &v,
    )
    .unwrap();
    let n = &chain.notices()[0];
    assert_eq!(n.fraction, Exact::ratio(55, 54).unwrap());
    assert_eq!(n.ratio_after, x("20.3704"));
    assert!(!n.below_threshold);
    assert_eq!(ratio(&chain, v.date), x("20.3704"));
    // Conversion Price after = 1,000 / 20.3704 = 49.0908…
    assert_eq!(n.price_after, x("1000").div(&x("20.3704")).unwrap());
    // Before the issuance date the ratio is unchanged.
    assert_eq!(ratio(&chain, d("2001-05-31")), Exact::from_int(20));
}

#[test]
fn gross_versus_net_consideration() {
    // Same issuance with $240,000 underwriting (6%).
    // Gross (default): $4,000,000 → ratio 20.3704 as above.
    // Net: $3,760,000; purchasable 75,200; denominator 1,075,200;
    //   fraction 1,100,000/1,075,200 = 1.0230654…; ratio 20.461309… → 20.4613
    let c = Consideration {
        cash_gross: Money::from_int(4_000_000),
        underwriting: Money::from_int(240_000),
        non_cash_fair_value: Money::ZERO,
    };
    let a = issue_common(100_000, c, Purpose::Financing);
    let v = Fake::on("2001-06-01");
    let mut gross = AdjustmentChain::default();
    run(&mut gross, &terms(), &a, &v).unwrap();
    assert_eq!(ratio(&gross, v.date), x("20.3704"));
    let mut net = AdjustmentChain::default();
    let t = AntiDilutionTerms {
        consideration_basis: ConsiderationBasis::Net,
        ..terms()
    };
    run(&mut net, &t, &a, &v).unwrap();
    assert_eq!(ratio(&net, v.date), x("20.4613"));
}

#[test]
fn non_cash_consideration_at_board_fair_value() {
    // 100,000 shares for property the Board values at $4,500,000 ($45 < $50):
    // 1,100,000 / (1,000,000 + 90,000) = 110/109 = 1.0091743…: a 0.917% change,
    // below the 1% threshold: computed 20 × 110/109 = 20.183486… → 20.1835, not made.
    let c = |v: i64| Consideration {
        cash_gross: Money::ZERO,
        underwriting: Money::ZERO,
        non_cash_fair_value: Money::from_int(v),
    };
    let mut chain = AdjustmentChain::default();
    let v = Fake::on("2001-06-01");
    run(
        &mut chain,
        &terms(),
        &issue_common(100_000, c(4_500_000), Purpose::Financing),
        &v,
    )
    .unwrap();
    assert_eq!(chain.notices()[0].fraction, Exact::ratio(110, 109).unwrap());
    assert!(chain.notices()[0].below_threshold);
    assert_eq!(chain.notices()[0].computed_ratio, x("20.1835"));
    assert_eq!(ratio(&chain, v.date), x("20"));
    // 200,000 shares for $9,000,000 of property ($45): 1,200,000 / 1,180,000
    // = 60/59 = 1.0169491…; 20 × 60/59 = 20.338983… → 20.3390, made.
    run(
        &mut chain,
        &terms(),
        &issue_common(200_000, c(9_000_000), Purpose::Financing),
        &v,
    )
    .unwrap();
    assert_eq!(chain.notices()[1].fraction, Exact::ratio(60, 59).unwrap());
    assert_eq!(ratio(&chain, v.date), x("20.339"));
}

#[test]
fn shares_without_consideration() {
    // 50,000 shares for nothing: 1,050,000 / 1,000,000 = 1.05; ratio 21.0000
    let mut chain = AdjustmentChain::default();
    let v = Fake::on("2001-06-01");
    run(
        &mut chain,
        &terms(),
        &issue_common(50_000, cash(0), Purpose::Financing),
        &v,
    )
    .unwrap();
    assert_eq!(ratio(&chain, v.date), x("21"));
}

#[test]
fn rights_below_price_8_10_2() {
    // 200,000 warrants at $1.00 each (x = $200,000), exercisable at $30.00
    // (y = 200,000 × 30 = $6,000,000); per share (x + y)/200,000 = $31 < $50.
    // numerator   = 1,000,000 + 200,000 = 1,200,000
    // denominator = 1,000,000 + 6,200,000 / 50 = 1,124,000
    // fraction    = 1,200,000 / 1,124,000 = 300/281 = 1.0676156…
    // ratio       = 6,000/281 = 21.352313… → 21.3523
    let mut chain = AdjustmentChain::default();
    let v = Fake::on("2001-06-01");
    run(
        &mut chain,
        &terms(),
        &issue_rights("w-2001", 200_000, "30", cash(200_000), Purpose::Financing),
        &v,
    )
    .unwrap();
    assert_eq!(chain.notices()[0].fraction, Exact::ratio(300, 281).unwrap());
    assert_eq!(ratio(&chain, v.date), x("21.3523"));
    assert_eq!(chain.known_rights().len(), 1);
}

#[test]
fn rights_whose_total_per_share_is_not_below_price_do_not_adjust() {
    // Exercise $49 + $2 paid per warrant = $51 ≥ $50: no adjustment, although
    // the exercise price alone is below the Conversion Price (the (y) reading:
    // "which is less than the Conversion Price" states the trigger for the
    // total per share, not a filter on (y)).
    let mut chain = AdjustmentChain::default();
    let v = Fake::on("2001-06-01");
    run(
        &mut chain,
        &terms(),
        &issue_rights("w", 100_000, "49", cash(200_000), Purpose::Financing),
        &v,
    )
    .unwrap();
    // Exactly at the price: $50 exercise, nothing paid: 50 is not < 50.
    run(
        &mut chain,
        &terms(),
        &issue_rights("w2", 100_000, "50", cash(0), Purpose::Financing),
        &v,
    )
    .unwrap();
    assert!(chain.notices().is_empty());
    assert_eq!(chain.factor(), Exact::one());
    assert_eq!(chain.known_rights().len(), 2);
}

#[test]
fn one_percent_threshold_without_carry_forward() {
    // 10,000 shares at $40: 1,010,000 / 1,008,000 = 1.0019841…, ratio
    // 20.039683 → 20.0397, a 0.1984% change < 1%: not made.
    // Then 50,000 at $40: 1,050,000/1,040,000 = 105/104 = 1.0096153…, ratio
    // 20.192307… → 20.1923, 0.9615% < 1%: not made either (default: sub-1%
    // adjustments are not carried forward).
    let mut chain = AdjustmentChain::labelled("§8.10".into(), "1%".into());
    let v = Fake::on("2001-06-01");
    let out = run(
        &mut chain,
        &terms(),
        &issue_common(10_000, cash(400_000), Purpose::Financing),
        &v,
    )
    .unwrap();
    assert_eq!(out.warnings.len(), 1);
    run(
        &mut chain,
        &terms(),
        &issue_common(50_000, cash(2_000_000), Purpose::Financing),
        &v,
    )
    .unwrap();
    assert_eq!(chain.notices().len(), 2);
    assert!(chain
        .notices()
        .iter()
        .all(|n| n.below_threshold && !n.carried_forward));
    assert_eq!(chain.notices()[0].computed_ratio, x("20.0397"));
    assert_eq!(chain.notices()[1].computed_ratio, x("20.1923"));
    assert_eq!(ratio(&chain, v.date), Exact::from_int(20));
    assert!(chain
        .render_text()
        .starts_with("§8.10 adjustments: 2 computed, 0 made"));
}

#[test]
fn one_percent_threshold_with_carry_forward() {
    // Carried forward: 1010/1008 × 105/104 = 106,050/104,832 = 1.0116185…
    // ≥ 1%: made on the second issuance; ratio 20 × 1.0116185… = 20.232371… → 20.2324
    let t = AntiDilutionTerms {
        carry_forward_below_threshold: true,
        ..terms()
    };
    let mut chain = AdjustmentChain::default();
    let v = Fake::on("2001-06-01");
    run(
        &mut chain,
        &t,
        &issue_common(10_000, cash(400_000), Purpose::Financing),
        &v,
    )
    .unwrap();
    assert_eq!(chain.pending(), &Exact::ratio(1010, 1008).unwrap());
    assert!(chain.notices()[0].carried_forward);
    run(
        &mut chain,
        &t,
        &issue_common(50_000, cash(2_000_000), Purpose::Financing),
        &v,
    )
    .unwrap();
    assert!(!chain.notices()[1].below_threshold);
    assert_eq!(
        chain.notices()[1].fraction_used,
        Exact::ratio(106_050, 104_832).unwrap()
    );
    assert_eq!(ratio(&chain, v.date), x("20.2324"));
    assert_eq!(chain.pending(), &Exact::one());
}

#[test]
fn acquisition_basket_excess_only_and_whole() {
    // Base 10,000,000 for this test.
    // 1st acquisition: 5,000,000 shares for a business worth $150,000,000
    //   ($30 < $50): within the $200,000,000 basket → excluded (B).
    // 2nd: 2,000,000 shares for $80,000,000 ($40 < $50): $50,000,000 of basket
    //   left, $30,000,000 beyond it.
    //   Excess only: 3/8 of the issuance: 750,000 shares for $30,000,000:
    //     10,750,000 / (10,000,000 + 600,000) = 215/212; 20 × 215/212 = 20.283018… → 20.2830
    //   Whole issuance: 12,000,000 / (10,000,000 + 1,600,000) = 30/29;
    //     20 × 30/29 = 20.689655… → 20.6897
    let business = |v: i64| Consideration {
        cash_gross: Money::ZERO,
        underwriting: Money::ZERO,
        non_cash_fair_value: Money::from_int(v),
    };
    let mut v = Fake::on("2001-06-01");
    v.fd_all = Shares::from_int(10_000_000);
    for (overflow, expected) in [
        (BasketOverflow::ExcessOnly, "20.2830"),
        (BasketOverflow::WholeIssuance, "20.6897"),
    ] {
        let t = AntiDilutionTerms {
            basket_overflow: overflow,
            ..terms()
        };
        let mut chain = AdjustmentChain::default();
        run(
            &mut chain,
            &t,
            &issue_common(5_000_000, business(150_000_000), Purpose::Acquisition),
            &v,
        )
        .unwrap();
        assert!(chain.notices().is_empty());
        assert_eq!(
            chain.acquisition_consideration(),
            &Exact::from_int(150_000_000)
        );
        // An acquisition at $60 ≥ $50 does not use the basket.
        run(
            &mut chain,
            &t,
            &issue_common(1_000_000, business(60_000_000), Purpose::Acquisition),
            &v,
        )
        .unwrap();
        assert_eq!(
            chain.acquisition_consideration(),
            &Exact::from_int(150_000_000)
        );
        run(
            &mut chain,
            &t,
            &issue_common(2_000_000, business(80_000_000), Purpose::Acquisition),
            &v,
        )
        .unwrap();
        assert_eq!(ratio(&chain, v.date), x(expected), "{overflow:?}");
        assert_eq!(
            chain.acquisition_consideration(),
            &Exact::from_int(230_000_000)
        );
    }
}

#[test]
fn repurchase_above_current_market_value_8_10_4() {
    // 100,000 shares at $50 with Current Market Value $40:
    // Excess Consideration $10/share, $1,000,000 in all, buys 25,000 shares at $40.
    // fraction = 1,000,000 / (1,000,000 − 25,000) = 40/39; ratio 800/39 = 20.512820… → 20.5128
    let mut chain = AdjustmentChain::default();
    let v = Fake::on("2001-06-01");
    let rep = |price: &str, plan: bool| CorporateAction::Repurchase {
        shares: Shares::from_int(100_000),
        price_per_share: Price::parse(price).unwrap(),
        holder: HolderId::new("seller"),
        employee_plan: plan,
    };
    run(&mut chain, &terms(), &rep("40", false), &v).unwrap(); // at CMV: none
    run(&mut chain, &terms(), &rep("50", true), &v).unwrap(); // plan shares: excluded
    assert!(chain.notices().is_empty());
    run(&mut chain, &terms(), &rep("50", false), &v).unwrap();
    assert_eq!(chain.notices()[0].fraction, Exact::ratio(40, 39).unwrap());
    assert_eq!(ratio(&chain, v.date), x("20.5128"));
    // Without prices the repurchase is rejected and nothing changes.
    let mut gap = Fake::on("2001-07-01");
    gap.cmv = None;
    let before = chain.factor();
    let err = run(&mut chain, &terms(), &rep("50", false), &gap).unwrap_err();
    assert_eq!(err.code, "R0253");
    assert_eq!(chain.factor(), before);
    assert_eq!(chain.notices().len(), 1);
}

#[test]
fn splits_dividends_and_combinations_8_10_1() {
    let mut chain = AdjustmentChain::default();
    // 2-for-1 split effective 2001-03-01: ratio 20 → 40 (price 25).
    run(
        &mut chain,
        &terms(),
        &subdivision(SubdivisionKind::Split, 2, 1, None),
        &Fake::on("2001-03-01"),
    )
    .unwrap();
    assert_eq!(ratio(&chain, d("2001-03-01")), x("40"));
    assert_eq!(chain.notices()[0].price_after, x("25"));
    // 10% stock dividend declared 2001-06-01, record date 2001-06-15:
    // 40 × 11/10 = 44 for conversions after the record date.
    run(
        &mut chain,
        &terms(),
        &subdivision(SubdivisionKind::StockDividend, 11, 10, Some("2001-06-15")),
        &Fake::on("2001-06-01"),
    )
    .unwrap();
    assert_eq!(ratio(&chain, d("2001-06-15")), x("40"));
    assert_eq!(ratio(&chain, d("2001-06-16")), x("44"));
    // 1-for-4 combination: 44 / 4 = 11.
    run(
        &mut chain,
        &terms(),
        &subdivision(SubdivisionKind::Combination, 1, 4, None),
        &Fake::on("2001-09-01"),
    )
    .unwrap();
    assert_eq!(ratio(&chain, d("2001-09-01")), x("11"));
    // A 0.5% stock dividend (201 for 200) is below the 1% threshold.
    run(
        &mut chain,
        &terms(),
        &subdivision(SubdivisionKind::StockDividend, 201, 200, None),
        &Fake::on("2001-10-01"),
    )
    .unwrap();
    assert!(chain.notices()[3].below_threshold);
    assert_eq!(ratio(&chain, d("2001-12-31")), x("11"));
}

#[test]
fn rounding_readings_on_a_one_for_three_combination() {
    // 20 × 1/3 = 6.6666…
    //   ratio (default): 6.6667
    //   fraction: 1/3 → 0.3333; 20 × 0.3333 = 6.666
    //   both: 0.3333 then 6.6660 → 6.666
    let v = Fake::on("2001-03-01");
    for (target, expected) in [
        (RoundingTarget::Ratio, "6.6667"),
        (RoundingTarget::Fraction, "6.666"),
        (RoundingTarget::Both, "6.666"),
    ] {
        let t = AntiDilutionTerms {
            rounding_applies_to: target,
            ..terms()
        };
        let mut chain = AdjustmentChain::default();
        run(
            &mut chain,
            &t,
            &subdivision(SubdivisionKind::Combination, 1, 3, None),
            &v,
        )
        .unwrap();
        assert_eq!(ratio(&chain, v.date), x(expected), "{target:?}");
    }
}

#[test]
fn accreted_liquidation_preference_keeps_the_conversion_price() {
    // LP $1,041.25: §8.1 ratio 20.825, Conversion Price 1,041.25/20.825 = $50
    // (accretion moves the ratio, not the price). The 8.10.3 issuance above:
    // 20.825 × 55/54 = 9163/432 = 21.210648… → 21.2106; factor = 21.2106/20.825.
    // Later, at LP $1,062.72 the ratio is 21.2544 × 21.2106/20.825
    //   = 1062.72/50 × 1.01851… = 21.647…, and the price stays 1,000-basis:
    //   1062.72 / ratio = 50 × 20.825/21.2106 = 49.0908… (as at LP $1,000 up to the rounding).
    let mut chain = AdjustmentChain::default();
    let v = Fake::on("2001-06-01");
    let c = ctx(&chain, "1041.25", v.date);
    assert_eq!(c.conversion_price, Exact::from_int(50));
    preferred::adjustment::on_action(
        &mut chain,
        &terms(),
        &issue_common(100_000, cash(4_000_000), Purpose::Financing),
        &c,
        &v,
    )
    .unwrap();
    assert_eq!(chain.notices()[0].ratio_after, x("21.2106"));
    assert_eq!(chain.factor(), x("21.2106").div(&x("20.825")).unwrap());
    let (r, _) = chain.apply_to(
        &x("1062.72").div(&Exact::from_int(50)).unwrap(),
        d("2001-07-01"),
        ("ratio", "LP / divisor", "factor"),
        &[],
    );
    assert_eq!(
        r,
        x("21.2544").mul(&x("21.2106")).div(&x("20.825")).unwrap()
    );
}

#[test]
fn fully_diluted_base_settings() {
    // Excluding the Series B: base 800,000:
    //   900,000 / (800,000 + 80,000) = 45/44; 20 × 45/44 = 20.454545… → 20.4545
    let v = Fake::on("2001-06-01");
    let t = AntiDilutionTerms {
        fully_diluted_base: FullyDilutedBase::ExcludingThisSeries,
        ..terms()
    };
    let mut chain = AdjustmentChain::default();
    run(
        &mut chain,
        &t,
        &issue_common(100_000, cash(4_000_000), Purpose::Financing),
        &v,
    )
    .unwrap();
    assert_eq!(ratio(&chain, v.date), x("20.4545"));
    // Out-of-the-money rights out of the base: 500,000 warrants at $60 (not
    // below the price, no adjustment) leave the base: 1,000,000 − 500,000 = 500,000;
    //   600,000 / (500,000 + 80,000) = 30/29; 20 × 30/29 = 20.689655… → 20.6897
    let t = AntiDilutionTerms {
        base_includes_out_of_the_money: false,
        ..terms()
    };
    let mut chain = AdjustmentChain::default();
    run(
        &mut chain,
        &t,
        &issue_rights("w60", 500_000, "60", cash(0), Purpose::Financing),
        &v,
    )
    .unwrap();
    assert!(chain.notices().is_empty());
    run(
        &mut chain,
        &t,
        &issue_common(100_000, cash(4_000_000), Purpose::Financing),
        &v,
    )
    .unwrap();
    assert_eq!(ratio(&chain, v.date), x("20.6897"));
}

#[test]
fn every_exclusion_is_checked_and_cited() {
    let v = Fake::on("2001-06-01");
    let cases = [
        (Purpose::EmployeePlan, "CoD §8.10.3(A)", "CoD §8.10.2(A)"),
        (Purpose::JointVenture, "CoD §8.10.3(C)", "CoD §8.10.2(C)"),
        (Purpose::DebtFinancing, "CoD §8.10.3(D)", "CoD §8.10.2(D)"),
        (
            Purpose::ConversionOfPreferred,
            "CoD §8.10.3(E)",
            "CoD §8.10.2(E)",
        ),
        (
            Purpose::ExerciseOfClosingSecurity,
            "CoD §8.10.3(F)",
            "CoD §8.10.2(E)",
        ),
        (
            Purpose::ExerciseOfAdjustedSecurity,
            "CoD §8.10.3(G)",
            "CoD §8.10.2(E)",
        ),
        (
            Purpose::ParticipationDistribution,
            "CoD §8.10.5",
            "CoD §8.10.5",
        ),
    ];
    for (p, common_clause, rights_clause) in cases {
        let mut chain = AdjustmentChain::default();
        // Shares for nothing: would be a 5% adjustment if not excluded.
        let out = run(&mut chain, &terms(), &issue_common(50_000, cash(0), p), &v).unwrap();
        assert_eq!(out.computations[0].clauses[0].to_string(), common_clause);
        let out = run(
            &mut chain,
            &terms(),
            &issue_rights("r", 50_000, "0", cash(0), p),
            &v,
        )
        .unwrap();
        assert_eq!(out.computations[0].clauses[0].to_string(), rights_clause);
        assert!(chain.notices().is_empty(), "{p:?}");
        assert_eq!(chain.factor(), Exact::one());
    }
}

#[test]
fn actions_before_the_closing_date_do_nothing() {
    let mut chain = AdjustmentChain::default();
    run(
        &mut chain,
        &terms(),
        &issue_common(50_000, cash(0), Purpose::Financing),
        &Fake::on("2000-01-01"),
    )
    .unwrap();
    assert!(chain.notices().is_empty());
}

#[test]
fn reorganizations_8_10_1_d_e() {
    let v = Fake::on("2002-01-01");
    let reorg = |kind, prop: Vec<(&str, &str)>| CorporateAction::Reorganization {
        kind,
        company_survives: false,
        reference_property: prop
            .into_iter()
            .map(|(a, s)| ReferenceProperty {
                description: s.to_string(),
                security: s.to_string(),
                per_share: units::parse_decimal(a).unwrap(),
            })
            .collect(),
        prior_holders_voting_percent: None,
    };
    // Reclassification of each share into 0.5 share of Common Stock: 20 → 10.
    let mut chain = AdjustmentChain::default();
    run(
        &mut chain,
        &terms(),
        &reorg(
            ReorganizationKind::Reclassification,
            vec![("0.5", "common")],
        ),
        &v,
    )
    .unwrap();
    assert_eq!(ratio(&chain, v.date), x("10"));
    // Merger into 0.25 acquirer share + $3 cash per common share: the ratio
    // keeps counting units; each unit is now that property.
    let mut chain = AdjustmentChain::default();
    run(
        &mut chain,
        &terms(),
        &reorg(
            ReorganizationKind::Merger,
            vec![("0.25", "acq-common"), ("3", "cash")],
        ),
        &v,
    )
    .unwrap();
    assert_eq!(chain.factor(), Exact::one());
    let unit = chain.reference_property().unwrap();
    assert_eq!(unit.len(), 2);
    assert_eq!(unit[0].security, "acq-common");
    // A sale of assets is not a §8.10.1 event.
    let mut chain = AdjustmentChain::default();
    run(
        &mut chain,
        &terms(),
        &reorg(ReorganizationKind::AssetSale, vec![("10", "cash")]),
        &v,
    )
    .unwrap();
    assert!(chain.reference_property().is_none());
}

#[test]
fn term_file_section_requires_the_documents_numbers_and_defaults_the_readings() {
    // The certificate's numbers are never defaults: a section without them is
    // an error naming the missing field.
    let e = terms::load_terms::<AntiDilutionTerms>(journal::FileId(0), "").unwrap_err();
    assert!(e.message.contains("missing field"), "{}", e.message);
    // With the numbers stated, every reading takes the default chosen in
    // docs/interpretations.md.
    let t = cod_anti_dilution();
    assert!(!t.carry_forward_below_threshold);
    assert_eq!(t.rounding_applies_to, RoundingTarget::Ratio);
    assert!(t.base_includes_out_of_the_money);
    // Each alternative reading is selectable.
    let t: AntiDilutionTerms = terms::load_terms(
        journal::FileId(0),
        "threshold = \"0.01\"\ndecimal-places = 4\ncurrent-market-value-days = 10\ncarry-forward-below-threshold = true\nrounding-applies-to = \"both\"\nbasket-overflow = \"whole-issuance\"\nconsideration-basis = \"net\"\nfully-diluted-base = \"excluding-this-series\"\nacquisition-basket = \"150000000\"\n",
    )
    .unwrap();
    assert!(t.carry_forward_below_threshold);
    assert_eq!(t.rounding_applies_to, RoundingTarget::Both);
    assert_eq!(t.acquisition_basket, Money::from_int(150_000_000));
    assert!(
        terms::load_terms::<AntiDilutionTerms>(journal::FileId(0), "treshold = \"0.01\"\n")
            .is_err()
    );
}
