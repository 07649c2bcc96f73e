//! The selectors of `[dividends]`, `[liquidation]`, `[redemption]` and
//! `[[protective_provisions]]`: validation by name, cumulative accrual per
//! lot, a multiple-of-issue-price claim sharing a shortfall ratably with a
//! parity class, and a senior series created without consent.

mod common;

use common::*;
use preferred::liquidation_terms::{
    DayCount, DividendKind, LiquidationFormula, PreferenceAdds, ProtectiveProvision,
};
use preferred::terms::{RankEntry, Standing};
use preferred::{ClassClaim, Preferred};
use terms::{HolderId, SecurityId};
use units::{Money, Price, Rate};

fn rate(s: &str) -> Rate {
    Rate::new(units::parse_decimal(s).unwrap())
}

/// A 1x non-participating series at $1.00 with 8% cumulative dividends
/// (actual/365) that add to the preference, on CTC's other tables.
fn cumulative_series() -> Preferred {
    let mut p = series_b();
    let t = &mut p.terms;
    t.original_issue_price = Some(Price::new(units::parse_decimal("1.00").unwrap()));
    t.dividends.kind = DividendKind::Cumulative;
    t.dividends.rate = Some(rate("0.08"));
    t.dividends.day_count = Some(DayCount::Actual365);
    t.dividends.payment_dates = None;
    t.dividends.first_payment_date = None;
    t.dividends.roll_to_next_business_day = None;
    t.dividends.record_day_of_month = None;
    t.dividends.record_date_min_days = None;
    t.dividends.record_date_max_days = None;
    t.dividends.applicable_percentage = None;
    t.dividends.day_count_basis = None;
    t.dividends.mandatory_accretion_years = None;
    t.liquidation.formula = LiquidationFormula::MultipleOfIssuePrice;
    t.liquidation.liquidation_preference_multiple = Some(rate("1"));
    t.liquidation.preference_adds = Some(PreferenceAdds::AccruedUnpaidDividends);
    t.sections
        .0
        .insert("dividends.cumulative".into(), "2.2".into());
    p
}

#[test]
fn a_cumulative_series_validates_and_pik_fields_are_refused_by_name() {
    let p = cumulative_series();
    p.terms.validate().unwrap();
    let mut t = p.terms.clone();
    t.dividends.applicable_percentage = Some(rate("0.02"));
    let e = t.validate().unwrap_err();
    assert_eq!(e.field, "dividends.applicable_percentage");
    let mut t = p.terms.clone();
    t.dividends.day_count = None;
    assert_eq!(t.validate().unwrap_err().field, "dividends.day_count");
    let mut t = p.terms.clone();
    t.liquidation.liquidation_preference_multiple = None;
    assert_eq!(
        t.validate().unwrap_err().field,
        "liquidation.liquidation_preference_multiple"
    );
}

#[test]
fn cumulative_dividends_accrue_per_lot_from_each_issue_date() {
    let p = cumulative_series();
    // Lot 1: 1,000 shares issued 2021-01-01; to 2022-01-01 is 365 days:
    // 1,000 × $1.00 × 0.08 × 365 / 365 = $80.
    let (a, _) = p
        .accrual_on_lot(d("2021-01-01"), &ex("1000"), d("2022-01-01"))
        .unwrap();
    assert_eq!(a, ex("80"));
    // Lot 2: 500 shares issued 2021-07-02; to 2022-01-01 is 183 days:
    // 500 × 1.00 × 0.08 × 183 / 365 = 7,320 / 365 = 20.0547945…
    let (b, _) = p
        .accrual_on_lot(d("2021-07-02"), &ex("500"), d("2022-01-01"))
        .unwrap();
    assert_eq!(b, ex("7320").div(&ex("365")).unwrap());
}

#[test]
fn a_parity_class_shares_a_shortfall_ratably_with_the_multiple_of_issue_price_claim() {
    let mut p = cumulative_series();
    p.terms.liquidation.preference_adds = Some(PreferenceAdds::Nothing);
    p.terms.rank.push(RankEntry {
        security: SecurityId::new("series-a"),
        dividends: Standing::Parity,
        liquidation: Standing::Parity,
    });
    // 200,000 shares × $1.00 × 1 = $200,000; parity claim $300,000;
    // $250,000 available: fraction 250,000 / 500,000 = 1/2; each share
    // $0.50; the holder of 200,000 shares $100,000; the parity $150,000.
    let view = Fake::on("2022-01-01").hold("series-b", "bain", 200_000);
    let claims = [ClassClaim {
        security: SecurityId::new("series-a"),
        amount: Money::parse("300000").unwrap(),
    }];
    let r = preferred::liquidation_amounts(
        &p,
        d("2022-01-01"),
        Some(Money::parse("250000").unwrap()),
        &claims,
        &view,
    )
    .unwrap();
    assert_eq!(r.per_share_claim, "1");
    assert_eq!(r.paid_fraction, "0.5");
    assert_eq!(r.per_holder[0].2, Money::parse("100000").unwrap());
    assert_eq!(r.parity_paid[0].1, Money::parse("150000").unwrap());
}

#[test]
fn a_senior_series_created_without_consent_is_refused_citing_the_provision() {
    let mut p = cumulative_series();
    p.terms.protective_provisions.push(ProtectiveProvision {
        action: "create-senior-or-parity-series".into(),
        requisite_fraction: rate("0.5"),
    });
    p.terms.sections.0.insert(
        "protective-provisions.create-senior-or-parity-series".into(),
        "3.1(a)".into(),
    );
    // The series' seniority is 1: a series at 2 is senior.
    let e = p
        .on_new_series(&SecurityId::new("series-c"), 2, d("2022-01-01"))
        .unwrap_err();
    assert_eq!(e.code, "R0246");
    assert_eq!(e.clause.to_string(), "CoD §3.1(a)");
    // A junior series needs nothing.
    p.on_new_series(&SecurityId::new("series-j"), 0, d("2022-01-01"))
        .unwrap();
    // Holders of 60% of 100 shares consent (60/100 > 0.5): allowed once.
    let view = Fake::on("2022-01-02")
        .hold("series-b", "x", 60)
        .hold("series-b", "y", 40);
    p.consent(
        "create-senior-or-parity-series",
        &[HolderId::new("x")],
        &view,
    )
    .unwrap();
    p.on_new_series(&SecurityId::new("series-c"), 2, d("2022-01-03"))
        .unwrap();
    // y alone (40/100) is not enough.
    p.consent(
        "create-senior-or-parity-series",
        &[HolderId::new("y")],
        &view,
    )
    .unwrap();
    assert!(p
        .on_new_series(&SecurityId::new("series-d"), 1, d("2022-01-03"))
        .is_err());
}
