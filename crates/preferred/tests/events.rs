//! Conversion, dividends, votes, waivers, liquidation, redemption and forced
//! conversion of CTC's Series B, each figure worked by hand from the CoD.

mod common;
use actions::{CorporateAction, DistributionKind, Instrument};
use common::*;
use preferred::{ClassClaim, ForcedTest, RedemptionKind, SettlementForm};
use terms::{Effect, HolderId, SecurityId};
use units::{Money, Shares};

fn h(s: &str) -> HolderId {
    HolderId::new(s)
}

fn money(s: &str) -> Money {
    Money::parse(s).unwrap()
}

fn cash_to(effects: &[Effect], holder: &str) -> Vec<Money> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Cash {
                holder: x, amount, ..
            } if x.as_str() == holder => Some(*amount),
            _ => None,
        })
        .collect()
}

fn issued_to(effects: &[Effect], holder: &str) -> Shares {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Issue {
                holder: x, shares, ..
            } if x.as_str() == holder => Some(*shares),
            _ => None,
        })
        .fold(Shares::ZERO, |a, b| a.checked_add(b).unwrap())
}

/// A and B hold all 200,000 shares.
fn book(date: &str) -> Fake {
    Fake::on(date)
        .hold("series-b", "a", 120_000)
        .hold("series-b", "b", 80_000)
}

#[test]
fn conversion_with_cash_in_lieu_and_same_day_aggregation() {
    let mut p = series_b();
    // Market Price on 2000-08-14 (Monday, the business day before) $20.00.
    let view = book("2000-08-15").price_range("2000-08-14", "2000-08-14", "20.00");
    // LP 2000-08-15 = 1029.2998463541666…; 100 shares → 100 × LP / 50
    // = 2058.5996927083333… common: 2058 whole, 0.5996927083… × $20 = 11.99.
    let out = p.convert(&h("a"), sh(100), &view).unwrap();
    assert_eq!(issued_to(&out.effects, "a"), sh(2058));
    assert_eq!(cash_to(&out.effects, "a"), vec![money("11.99")]);
    assert!(out
        .effects
        .iter()
        .any(|e| matches!(e, Effect::Cancel { shares, .. } if *shares == sh(100))));
    // A second line the same day for 50 more: aggregated (§8.9) 150 shares →
    // 3 × 1029.2998463541666… = 3087.8995390625 common: 3087 whole, so this
    // line issues 3087 − 2058 = 1029; cash 0.8995390625 × 20 = 17.99078125 →
    // 17.99 in all, so this line pays 17.99 − 11.99 = 6.00.
    let mut view2 = view.clone();
    view2.set("series-b", "a", sh(119_900));
    let out = p.convert(&h("a"), sh(50), &view2).unwrap();
    assert_eq!(issued_to(&out.effects, "a"), sh(1029));
    assert_eq!(cash_to(&out.effects, "a"), vec![money("6.00")]);
    // A conversion by the same holder the next day starts afresh.
    let view3 = view2
        .at("2000-08-16")
        .price_range("2000-08-15", "2000-08-15", "20.00");
    let out = p.convert(&h("a"), sh(50), &view3).unwrap();
    // 50 × LP(2000-08-16)/50 = LP = 1018.5625 × (1 + .0825 × 47/360)
    // = 1029.5332…: 1029 whole.
    assert_eq!(issued_to(&out.effects, "a"), sh(1029));
}

#[test]
fn fractional_preferred_shares_convert() {
    let mut p = series_b();
    let view = book("2000-08-15").price_range("2000-08-14", "2000-08-14", "20.00");
    // 0.5 share → 0.5 × 20.58599692708333… = 10.2929984635…: 10 whole and
    // 0.2929984635… × 20 = 5.8599692708 → $5.86.
    let out = p
        .convert(&h("b"), Shares::parse("0.5").unwrap(), &view)
        .unwrap();
    assert_eq!(issued_to(&out.effects, "b"), sh(10));
    assert_eq!(cash_to(&out.effects, "b"), vec![money("5.86")]);
}

#[test]
fn conversion_refusals() {
    let mut p = series_b();
    let view = book("2000-08-15").price_range("2000-08-14", "2000-08-14", "20.00");
    let e = p.convert(&h("a"), sh(120_001), &view).unwrap_err();
    assert_eq!(e.code, "R0202");
    let e = p.convert(&h("nobody"), sh(1), &view).unwrap_err();
    assert_eq!(e.code, "R0201");
    let e = p.convert(&h("a"), sh(0), &view).unwrap_err();
    assert_eq!(e.code, "R0203");
    // No price for 2000-08-14: cash in lieu cannot be computed.
    let e = p.convert(&h("a"), sh(1), &book("2000-08-15")).unwrap_err();
    assert_eq!(e.code, "R0205");
    assert!(e.message.contains("2000-08-14"), "{}", e.message);
    assert!(e.help.unwrap().contains("fair value"));
    // Nothing was recorded by the refusals: a later conversion is unaggregated.
    assert!(p.same_day.is_empty());
}

#[test]
fn reserve_warning_when_authorized_common_is_short() {
    let mut p = series_b();
    let mut view = book("2000-08-15").price_range("2000-08-14", "2000-08-14", "20.00");
    view.hold_common_authorized(4_000_000);
    // All 200,000 shares convert into 2,470,319 (A: 120,000 shares) +
    // 1,646,879 (B: 80,000) = 4,117,198 whole shares > 4,000,000 unissued.
    let out = p.convert(&h("a"), sh(1), &view).unwrap();
    assert!(out.warnings.iter().any(|w| w.code == "W0201"));
    view.hold_common_authorized(100_000_000);
    let out = p.convert(&h("a"), sh(1), &view).unwrap();
    assert!(out.warnings.is_empty());
}

#[test]
fn votes_at_a_record_date() {
    let mut p = series_b();
    let view = book("2000-08-15");
    // A: 120,000 × 1029.2998463541666…/50 = 2,470,319.63125 → 2,470,319.
    // B: 80,000 × … = 1,646,879.7541666… → 1,646,879.
    let v = p.votes(&view, d("2000-08-15")).unwrap();
    assert_eq!(v[0].votes, sh(2_470_319));
    assert_eq!(v[1].votes, sh(1_646_879));
    p.vote_record_date(&view).unwrap();
    assert_eq!(p.vote_records[&d("2000-08-15")][1].votes, sh(1_646_879));
    let status = p.status(&view);
    assert_eq!(status["holders"][0]["votes"], "2470319");
    assert_eq!(status["conversion_price"], "50");
    assert!(p.status_text(&view).contains("Conversion Ratio"));
}

#[test]
fn cash_dividend_after_the_third_anniversary() {
    let mut p = series_b();
    // Third anniversary 2003-04-10: the 2003-03-31 dividend must accrete.
    let e = p
        .declare_dividend(d("2003-03-31"), None, &book("2003-03-01"))
        .unwrap_err();
    assert_eq!(e.code, "R0210");
    // A board-fixed record date 5 days before payment is outside 10–60 days.
    let e = p
        .declare_dividend(d("2003-06-30"), Some(d("2003-06-25")), &book("2003-06-01"))
        .unwrap_err();
    assert_eq!(e.code, "R0212");
    let e = p
        .declare_dividend(d("2003-06-15"), None, &book("2003-06-01"))
        .unwrap_err();
    assert_eq!(e.code, "R0211");
    p.declare_dividend(d("2003-06-30"), None, &book("2003-06-01"))
        .unwrap();
    let e = p
        .declare_dividend(d("2003-06-30"), None, &book("2003-06-02"))
        .unwrap_err();
    assert_eq!(e.code, "R0214");
    // The register is captured at the close of the default Record Date.
    assert_eq!(p.next_scheduled(d("2003-06-01")), Some(d("2003-06-15")));
    let record = Fake::on("2003-06-15")
        .hold("series-b", "a", 1_234)
        .hold("series-b", "b", 150_000);
    p.run_scheduled(d("2003-06-15"), &record);
    assert_eq!(p.next_scheduled(d("2003-06-15")), Some(d("2003-06-30")));
    // On the payment date B has sold to C: the holders of record are paid.
    let pay = Fake::on("2003-06-30")
        .hold("series-b", "a", 1_234)
        .hold("series-b", "c", 150_000);
    let out = p.run_scheduled(d("2003-06-30"), &pay);
    // Dividend per share = 2.0625% × AV after 2003-03-31 (11 quarters):
    // 1275.0167958286796… × 0.020625 = 26.2972214139665…
    // A: 1,234 × 26.2972214… = 32,450.7712… → $32,450.77.
    // B: 150,000 × 26.2972214… = 3,944,583.2120… → $3,944,583.21.
    assert_eq!(cash_to(&out.effects, "a"), vec![money("32450.77")]);
    assert_eq!(cash_to(&out.effects, "b"), vec![money("3944583.21")]);
    assert!(cash_to(&out.effects, "c").is_empty());
    // The Accreted Value did not grow on 2003-06-30.
    let av11 = ex("1018.5625").mul(&ex("1.020625").pow(11));
    assert_eq!(p.accrual().accreted_value(d("2003-07-01")).unwrap(), av11);
    // A late declaration for a period already accreted is refused.
    let e = p
        .declare_dividend(d("2003-09-30"), None, &book("2003-10-01"))
        .unwrap_err();
    assert_eq!(e.code, "R0213");
}

#[test]
fn participation_in_a_cash_distribution_on_common() {
    let mut p = series_b();
    let view = book("2000-08-15");
    let action = CorporateAction::Distribution {
        kind: DistributionKind::Cash,
        per_share: units::Price::parse("0.50").unwrap(),
        record_date: d("2000-08-15"),
        solely_in_common: false,
    };
    let out = p.on_action(&action, &view).unwrap();
    // A: 2,470,319.63125 as-converted × $0.50 = 1,235,159.815625 → $1,235,159.82.
    // B: 1,646,879.7541666… × $0.50 = 823,439.877083… → $823,439.88.
    assert_eq!(cash_to(&out.effects, "a"), vec![money("1235159.82")]);
    assert_eq!(cash_to(&out.effects, "b"), vec![money("823439.88")]);
    // Solely in common: no §4.5 payment.
    let stock = CorporateAction::Distribution {
        kind: DistributionKind::Securities,
        per_share: units::Price::parse("0.50").unwrap(),
        record_date: d("2000-08-15"),
        solely_in_common: true,
    };
    let out = p.on_action(&stock, &view).unwrap();
    assert!(out
        .effects
        .iter()
        .all(|e| !matches!(e, Effect::Cash { .. })));
}

#[test]
fn waivers_need_a_majority_except_a_holders_own_6_2() {
    let mut p = series_b();
    let view = book("2004-01-10");
    // B holds 80,000 of 200,000: not a majority for §6.5.
    let e = p.waive("6.5", &[h("b")], &view).unwrap_err();
    assert_eq!(e.code, "R0235");
    let e = p.waive("99", &[h("a")], &view).unwrap_err();
    assert_eq!(e.code, "R0237");
    // ...but B may waive §6.2 for its own shares.
    p.waive("6.2", &[h("b")], &view).unwrap();
    assert!(p.waived_6_2(&h("b"), d("2010-04-10")));
    assert!(!p.waived_6_2(&h("a"), d("2010-04-10")));
    // A (120,000) is a majority: a §10(d) waiver binds the series.
    p.waive("6.5", &[h("a")], &view).unwrap();
    assert!(p.waivers.last().unwrap().class_wide);
}

fn cent_series_b() -> preferred::Preferred {
    let mut p = series_b();
    p.terms.accreted_value_rounding = preferred::terms::AccretedValueRounding::Cent;
    p.terms.rank.push(preferred::terms::RankEntry {
        security: SecurityId::new("series-c"),
        dividends: preferred::terms::Standing::Parity,
        liquidation: preferred::terms::Standing::Parity,
    });
    p.terms.rank.push(preferred::terms::RankEntry {
        security: SecurityId::new("senior-a"),
        dividends: preferred::terms::Standing::Senior,
        liquidation: preferred::terms::Standing::Senior,
    });
    p
}

#[test]
fn liquidation_below_at_and_above_the_preference_with_parity_stock() {
    let p = cent_series_b();
    // 2004-03-31 (a Wednesday): AV rounded to the cent each quarter reaches
    // 1,383.53 (1018.56, 1039.57, 1061.01, … 1355.57 × 1.020625 = 1383.5288 →
    // +27.96 = 1383.53); no part-period accrual. After the third anniversary:
    // no make-whole. Common at $10 → (b) = 10 × 1383.53/50 = 276.706 < (a).
    let view = book("2004-03-31").price_range("2004-03-01", "2004-03-30", "10.00");
    let parity = [ClassClaim {
        security: SecurityId::new("series-c"),
        amount: money("50000000"),
    }];
    // Series claims 200,000 × 1,383.53 = 276,706,000; with parity 326,706,000.
    let above = preferred::liquidation_amounts(
        &p,
        d("2004-03-31"),
        Some(money("400000000")),
        &parity,
        &view,
    )
    .unwrap();
    assert_eq!(above.per_share_claim, "1383.53");
    assert_eq!(above.paid_fraction, "1");
    assert_eq!(above.per_holder[0].2, money("166023600.00")); // 120,000 × 1,383.53
    let at = preferred::liquidation_amounts(
        &p,
        d("2004-03-31"),
        Some(money("326706000")),
        &parity,
        &view,
    )
    .unwrap();
    assert_eq!(at.paid_fraction, "1");
    assert_eq!(at.per_holder[1].2, money("110682400.00")); // 80,000 × 1,383.53
    assert_eq!(at.parity_paid[0].1, money("50000000"));
    // Half the needed amount: everyone shares ratably, fraction 1/2.
    let below = preferred::liquidation_amounts(
        &p,
        d("2004-03-31"),
        Some(money("163353000")),
        &parity,
        &view,
    )
    .unwrap();
    assert_eq!(below.paid_fraction, "0.5");
    assert_eq!(below.per_holder[0].2, money("83011800.00"));
    assert_eq!(below.per_holder[1].2, money("55341200.00"));
    assert_eq!(below.parity_paid[0].1, money("25000000.00"));
    // A senior claim of 10,000,000 comes first: 173,353,000 available leaves
    // 163,353,000, again one half.
    let claims = [
        parity[0].clone(),
        ClassClaim {
            security: SecurityId::new("senior-a"),
            amount: money("10000000"),
        },
    ];
    let senior = preferred::liquidation_amounts(
        &p,
        d("2004-03-31"),
        Some(money("173353000")),
        &claims,
        &view,
    )
    .unwrap();
    assert_eq!(senior.paid_fraction, "0.5");
    assert_eq!(senior.senior_paid, money("10000000"));
    // Common at $100: (b) = 100 × 1383.53 / 50 = 2,767.06 per share governs.
    let rich = book("2004-03-31").price_range("2004-03-01", "2004-03-30", "100.00");
    let r = preferred::liquidation_amounts(&p, d("2004-03-31"), None, &[], &rich).unwrap();
    assert_eq!(r.per_share_claim, "2767.06");
}

#[test]
fn liquidation_before_the_third_anniversary_includes_the_make_whole() {
    let p = series_b();
    let view = book("2001-05-01").price_range("2001-04-01", "2001-04-30", "5.00");
    let r = preferred::liquidation_amounts(&p, d("2001-05-01"), None, &[], &view).unwrap();
    // = LP on 2003-04-10 = AV11 × (1 + .0825 × 10/360) = 1,277.93870931912…
    assert!(
        r.per_share_claim.starts_with("1277.938709319120"),
        "{}",
        r.per_share_claim
    );
}

#[test]
fn redemption_refusals_and_optional_redemption() {
    let mut p = series_b();
    // Fifth anniversary 2005-04-10.
    let e = p
        .call_for_redemption(
            RedemptionKind::Optional,
            d("2005-04-08"),
            Some(sh(1000)),
            SettlementForm::Cash,
            None,
            &book("2005-03-01"),
        )
        .unwrap_err();
    assert_eq!(e.code, "R0220");
    // 2005-05-12 → 2005-06-10 is 29 days: too short.
    let e = p
        .call_for_redemption(
            RedemptionKind::Optional,
            d("2005-06-10"),
            Some(sh(1000)),
            SettlementForm::Cash,
            None,
            &book("2005-05-12"),
        )
        .unwrap_err();
    assert_eq!(e.code, "R0221");
    // 2005-04-10 → 2005-06-10 is 61 days: too long.
    let e = p
        .call_for_redemption(
            RedemptionKind::Optional,
            d("2005-06-10"),
            Some(sh(1000)),
            SettlementForm::Cash,
            None,
            &book("2005-04-10"),
        )
        .unwrap_err();
    assert_eq!(e.code, "R0221");
    let e = p
        .call_for_redemption(
            RedemptionKind::Optional,
            d("2005-06-10"),
            Some(sh(200_001)),
            SettlementForm::Cash,
            None,
            &book("2005-05-01"),
        )
        .unwrap_err();
    assert_eq!(e.code, "R0223");
    assert!(p.calls.is_empty());
    // 100,001 shares pro rata: A 120,000 × 100,001/200,000 = 60,000.6 → 60,001;
    // B 40,000.4 → 40,000; total 100,001.
    p.call_for_redemption(
        RedemptionKind::Optional,
        d("2005-06-10"),
        Some(sh(100_001)),
        SettlementForm::Cash,
        None,
        &book("2005-05-01"),
    )
    .unwrap();
    assert_eq!(p.calls[0].selected[&h("a")], sh(60_001));
    assert_eq!(p.calls[0].selected[&h("b")], sh(40_000));
    assert_eq!(p.next_scheduled(d("2005-06-01")), Some(d("2005-06-10")));
    // B converts 1,000 called shares on 2005-06-09 (allowed: before the
    // close of business the day before); §8.6 removes them from the call.
    let prices = book("2005-06-09").price_range("2005-05-01", "2005-06-09", "10.00");
    p.convert(&h("b"), sh(1_000), &prices).unwrap();
    assert_eq!(p.calls[0].selected[&h("b")], sh(39_000));
    // On the redemption date the called shares can no longer convert.
    let mut on_day = prices.at("2005-06-10");
    on_day.set("series-b", "b", sh(79_000));
    let e = p.convert(&h("b"), sh(41_000), &on_day).unwrap_err();
    assert_eq!(e.code, "R0204");
    let out = p.run_scheduled(d("2005-06-10"), &on_day);
    // Price: LP (common at $10 makes (b) = LP/5 smaller). A: 60,001 shares.
    let lp = p.liquidation_preference(d("2005-06-10")).unwrap().total;
    let expected_a = units::rounding::nearest_cent(&lp.mul(&sh(60_001).exact())).unwrap();
    assert_eq!(cash_to(&out.effects, "a"), vec![expected_a]);
    assert!(out.effects.iter().any(|e| matches!(e, Effect::Cancel { holder, shares, .. } if holder.as_str() == "b" && *shares == sh(39_000))));
}

#[test]
fn mandatory_redemption_short_of_funds_bars_junior_distributions() {
    let mut p = series_b();
    // B waives §6.2 for its own shares.
    p.waive("6.2", &[h("b")], &book("2009-01-05")).unwrap();
    // Tenth anniversary 2010-04-10; it must be exactly that date.
    let e = p
        .call_for_redemption(
            RedemptionKind::Mandatory,
            d("2010-04-12"),
            None,
            SettlementForm::Cash,
            None,
            &book("2010-03-01"),
        )
        .unwrap_err();
    assert_eq!(e.code, "R0222");
    p.call_for_redemption(
        RedemptionKind::Mandatory,
        d("2010-04-10"),
        None,
        SettlementForm::Cash,
        Some(money("10000000")),
        &book("2010-03-01"),
    )
    .unwrap();
    let view = book("2010-04-10").price_range("2010-03-01", "2010-04-09", "10.00");
    let out = p.run_scheduled(d("2010-04-10"), &view);
    // Only A is redeemed (B waived); $10,000,000 buys floor(10,000,000 / LP)
    // shares, LP ≈ 2,2xx, so fewer than 120,000: an obligation remains.
    let lp = p.liquidation_preference(d("2010-04-10")).unwrap().total;
    let n = units::Exact::from_int(10_000_000)
        .div(&lp)
        .unwrap()
        .round_dp(0, units::Rounding::Floor)
        .unwrap();
    assert!(out.effects.iter().any(|e| matches!(e, Effect::Cancel { holder, shares, .. } if holder.as_str() == "a" && shares.value() == n)));
    assert!(cash_to(&out.effects, "b").is_empty());
    assert!(p.mandatory_obligation_since.is_some());
    let mut later = book("2010-05-01");
    later.set(
        "series-b",
        "a",
        sh(120_000).checked_sub(Shares::new(n)).unwrap(),
    );
    let dividend = CorporateAction::Distribution {
        kind: DistributionKind::Cash,
        per_share: units::Price::parse("0.10").unwrap(),
        record_date: d("2010-05-01"),
        solely_in_common: false,
    };
    assert_eq!(p.on_action(&dividend, &later).unwrap_err().code, "R0240");
    let buyback = CorporateAction::Repurchase {
        shares: sh(100),
        price_per_share: units::Price::parse("10").unwrap(),
        holder: h("x"),
        employee_plan: false,
    };
    assert_eq!(p.on_action(&buyback, &later).unwrap_err().code, "R0241");
    // Carve-outs: employee-plan repurchases and dividends solely in common.
    let plan = CorporateAction::Repurchase {
        shares: sh(100),
        price_per_share: units::Price::parse("10").unwrap(),
        holder: h("x"),
        employee_plan: true,
    };
    assert!(p.on_action(&plan, &later).is_ok());
    // Once only waived shares remain, the obligation is discharged.
    let mut done = book("2010-06-01");
    done.set("series-b", "a", Shares::ZERO);
    assert!(!p.mandatory_obligation_unpaid(&done));
}

#[test]
fn forced_conversion_test_a_with_make_whole() {
    let mut p = series_b();
    // 30 trading days ending 2001-06-01 at $100 = 200% × $50.00.
    let view = book("2001-06-01").price_range("2001-04-01", "2001-06-01", "100.00");
    let out = p.force_convert(Some(ForcedTest::A), &view).unwrap();
    // Make-whole LP = LP on 2003-04-10 = 1,277.9387093191203…; A's 120,000
    // shares → 2,400 × 1,277.93870931912… = 3,067,052.9023658…: 3,067,052
    // whole and 0.9023658… × $100 (2001-05-31) = $90.24.
    assert_eq!(issued_to(&out.effects, "a"), sh(3_067_052));
    assert_eq!(cash_to(&out.effects, "a"), vec![money("90.24")]);
    // At $99.99 the test fails.
    let low = book("2001-06-01").price_range("2001-04-01", "2001-06-01", "99.99");
    let e = series_b()
        .force_convert(Some(ForcedTest::A), &low)
        .unwrap_err();
    assert_eq!(e.code, "R0230");
    // With no prices the test cannot be made.
    let e = series_b()
        .force_convert(Some(ForcedTest::A), &book("2001-06-01"))
        .unwrap_err();
    assert_eq!(e.code, "R0231");
}

#[test]
fn forced_conversion_test_b_below_15_percent() {
    // 15% of 200,000 = 30,000: 29,999 outstanding qualifies, 30,000 does not.
    let few = Fake::on("2001-06-01")
        .hold("series-b", "a", 29_999)
        .price_range("2001-05-31", "2001-05-31", "10.00");
    let mut p = series_b();
    let out = p.force_convert(Some(ForcedTest::B), &few).unwrap();
    // No make-whole under (b): 29,999 × LP(2001-06-01)/50, whole shares.
    let lp = p.liquidation_preference(d("2001-06-01")).unwrap().total;
    let ent = lp.mul(&sh(29_999).exact()).div(&ex("50")).unwrap();
    assert_eq!(issued_to(&out.effects, "a").exact(), ent.trunc_fract().0);
    let enough = Fake::on("2001-06-01").hold("series-b", "a", 30_000);
    let e = series_b()
        .force_convert(Some(ForcedTest::B), &enough)
        .unwrap_err();
    assert_eq!(e.code, "R0230");
    // Neither test: the rejection names both.
    let e = series_b().force_convert(None, &enough).unwrap_err();
    assert!(
        e.message.contains("§8.2(a)") && e.message.contains("§8.2(b)"),
        "{}",
        e.message
    );
}

#[test]
fn cash_in_lieu_on_easter_monday_takes_the_last_trade_before_good_friday() {
    // A conversion deemed made on Easter Monday 2002-04-01: §8.9 prices the
    // fraction at the Market Price of the business day before, Good Friday
    // 2002-03-29 — a banking day on which the exchange was closed. Its
    // Market Price is the last trade reported by then: Thursday 03-28's
    // $20.00 (the Fake has prices on trading days only).
    let view = book("2002-04-01").price_range("2002-03-25", "2002-03-28", "20.00");
    let (price, c) = preferred::conversion::cash_in_lieu_price(
        &ctc_terms().citations(),
        &SecurityId::new("common"),
        d("2002-04-01"),
        &view,
    )
    .unwrap();
    assert_eq!(price, units::Price::parse("20.00").unwrap());
    assert!(
        c.inputs
            .iter()
            .any(|(k, v)| k == "last trading day before it" && v == "2002-03-28"),
        "{:?}",
        c.inputs
    );
    // Without Thursday's price the refusal names 03-28, the day whose price
    // is needed, not the closed Good Friday.
    let view = book("2002-04-01").price_range("2002-03-25", "2002-03-27", "20.00");
    let e = preferred::conversion::cash_in_lieu_price(
        &ctc_terms().citations(),
        &SecurityId::new("common"),
        d("2002-04-01"),
        &view,
    )
    .unwrap_err();
    assert_eq!(e.code, "R0205");
    assert!(
        e.help.as_deref().unwrap_or("").contains("2002-03-28"),
        "{:?}",
        e.help
    );
}
