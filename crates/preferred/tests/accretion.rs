//! CoD §4.1–§4.2 and §2: the Dividend Periods, the Accreted Value and the
//! Liquidation Preference, worked by hand from the text.

mod common;
use common::*;
use preferred::Form;

#[test]
fn terms_file_loads_and_refuses_unknown_fields() {
    let t = ctc_terms();
    assert_eq!(t.designated_shares, sh(200_000));
    assert!(t.validate().is_ok());
    let bad = format!("{CTC_TERMS}\nunknown_term = 1\n");
    let err = terms::load_terms::<preferred::Terms>(journal::FileId(0), &bad).unwrap_err();
    assert_eq!(err.code, "T0001");
}

#[test]
fn initial_period_is_81_days_actual_360() {
    let p = series_b();
    let rows = p.accrual().schedule(d("2000-06-30")).unwrap();
    assert_eq!(rows.len(), 1);
    let r = &rows[0];
    // 2000-04-10 → 2000-06-30: April 11–30 (20) + May (31) + June (30) = 81.
    assert_eq!(r.days, 81);
    // 8.25% × 81 / 360 = 0.0185625 (initial period, §4.2 last sentence).
    assert_eq!(r.applicable_percentage, ex("0.0185625"));
    // 1,000 × (1 + 0.0185625) = 1,018.5625.
    assert_eq!(r.av_after, ex("1018.5625"));
    // 2000-06-30 is a Friday, a business day: paid on the day.
    assert_eq!(r.payment_date, d("2000-06-30"));
    assert_eq!(r.form, Form::Accreted);
}

#[test]
fn twelve_quarters_compound_at_2_0625_percent() {
    let p = series_b();
    let rows = p.accrual().schedule(d("2003-06-30")).unwrap();
    assert_eq!(rows.len(), 13, "stub + 12 quarters");
    // Each full quarter: AV × (1 + 0.020625) = AV × 1633/1600.
    let q = ex("1.020625");
    let mut expected = ex("1018.5625");
    for (k, r) in rows.iter().enumerate().skip(1) {
        expected = expected.mul(&q);
        assert!(r.full);
        assert_eq!(r.applicable_percentage, ex("0.020625"));
        assert_eq!(r.av_after, expected, "quarter {k} ending {}", r.end);
        assert_eq!(r.form, Form::Accreted);
    }
    // Cross-checks by hand:
    // Q1 (to 2000-09-30): 1018.5625 × 0.020625 = 21.0078515625;
    //   1018.5625 + 21.0078515625 = 1039.5703515625.
    assert_eq!(rows[1].av_after, ex("1039.5703515625"));
    // Q2 (to 2000-12-31): 1039.5703515625 × 0.020625 = 21.4411385009765625;
    //   sum = 1061.0114900634765625.
    assert_eq!(rows[2].av_after, ex("1061.0114900634765625"));
    // Q4 (to 2001-06-30) as an exact fraction: 1018.5625 = 16297/16 and
    // 1.020625 = 1633/1600, so AV = 16297 × 1633^4 / (16 × 1600^4)
    //   = 1105.2295583694852542877197265625 (terminates: 2^k·5^m denominator).
    let frac = units::Exact::from_int(16297)
        .mul(&units::Exact::from_int(1633).pow(4))
        .div(&units::Exact::from_int(16).mul(&units::Exact::from_int(1600).pow(4)))
        .unwrap();
    assert_eq!(rows[4].av_after, frac);
    assert_eq!(
        rows[4]
            .av_after
            .round_dp(12, units::Rounding::HalfUp)
            .unwrap()
            .to_string(),
        "1105.229558369485"
    );
    // Q8 (to 2002-06-30) = 16297 × 1633^8 / (16 × 1600^8)
    //   = 1199.2709104189555503019083360806689597666263580322265625.
    let frac8 = units::Exact::from_int(16297)
        .mul(&units::Exact::from_int(1633).pow(8))
        .div(&units::Exact::from_int(16).mul(&units::Exact::from_int(1600).pow(8)))
        .unwrap();
    assert_eq!(rows[8].av_after, frac8);
    assert_eq!(
        rows[8]
            .av_after
            .round_dp(10, units::Rounding::HalfUp)
            .unwrap()
            .to_string(),
        "1199.2709104190"
    );
}

#[test]
fn accretion_takes_effect_on_the_rolled_payment_date() {
    let p = series_b();
    let acc = p.accrual();
    let rows = acc.schedule(d("2001-03-31")).unwrap();
    // 2000-12-31 is a Sunday and 2001-01-01 a holiday: paid 2001-01-02.
    assert_eq!(rows[2].payment_date, d("2001-01-02"));
    // 2001-03-31 is a Saturday: Monday 2001-04-02.
    assert_eq!(rows[3].payment_date, d("2001-04-02"));
    // On 2000-12-31 and 2001-01-01 the AV is still the 2000-09-30 value.
    assert_eq!(
        acc.accreted_value(d("2000-12-31")).unwrap(),
        ex("1039.5703515625")
    );
    assert_eq!(
        acc.accreted_value(d("2001-01-01")).unwrap(),
        ex("1039.5703515625")
    );
    assert_eq!(
        acc.accreted_value(d("2001-01-02")).unwrap(),
        ex("1061.0114900634765625")
    );
    // ...but the completed period does not vanish from the Liquidation
    // Preference: on 2000-12-31 LP = 1039.5703515625 + 21.4411385009765625.
    let lp = acc.liquidation_preference(d("2000-12-31")).unwrap();
    assert_eq!(lp.completed_unpaid, ex("21.4411385009765625"));
    assert_eq!(lp.total, ex("1061.0114900634765625"));
    // On 2001-01-01: the same plus one day of the new period on 1061.01…:
    // 1061.0114900634765625 × 0.0825 × 1/360 = 0.243148466373697916…
    let lp = acc.liquidation_preference(d("2001-01-01")).unwrap();
    let one_day = ex("1061.0114900634765625")
        .mul(&ex("0.0825"))
        .div(&units::Exact::from_int(360))
        .unwrap();
    assert_eq!(lp.accrued, one_day);
    assert_eq!(lp.total, ex("1061.0114900634765625").add(&one_day));
}

#[test]
fn mid_period_liquidation_preference_and_conversion_ratio() {
    let p = series_b();
    // 2000-08-15: 46 days after 2000-06-30 (July 31 + Aug 15).
    // accrued = 1018.5625 × 0.0825 × 46 / 360 = 10.73734635416666…
    // LP = 1029.29984635416666…
    let ct = p.conversion_terms(d("2000-08-15")).unwrap();
    assert_eq!(ct.lp.accrued_days, 46);
    let accrued = ex("1018.5625")
        .mul(&ex("0.0825"))
        .mul(&units::Exact::from_int(46))
        .div(&units::Exact::from_int(360))
        .unwrap();
    assert_eq!(
        accrued
            .round_dp(10, units::Rounding::HalfUp)
            .unwrap()
            .to_string(),
        "10.7373463542"
    );
    assert_eq!(ct.lp.total, ex("1018.5625").add(&accrued));
    // Conversion Ratio = LP / 50 = 20.58599692708333…
    assert_eq!(
        ct.ratio
            .round_dp(8, units::Rounding::HalfUp)
            .unwrap()
            .to_string(),
        "20.58599693"
    );
    // Conversion Price = LP / (LP / 50) = 50 exactly (no §8.10 adjustment).
    assert_eq!(ct.price, ex("50"));
    assert!(ct.ratio_computed.render().contains("CoD §8.1"));
}

#[test]
fn cent_rounding_setting_rounds_each_accretion() {
    let mut p = series_b();
    p.terms.accreted_value_rounding = preferred::terms::AccretedValueRounding::Cent;
    let rows = p.accrual().schedule(d("2000-12-31")).unwrap();
    // Stub: 18.5625 → 18.56 (half up); AV 1018.56.
    assert_eq!(rows[0].av_after, ex("1018.56"));
    // Q1: 1018.56 × 0.020625 = 21.0078 → 21.01; AV 1039.57.
    assert_eq!(rows[1].av_after, ex("1039.57"));
}

/// Warrant §4(i) (2002): "the Company has declared a preferred stock dividend
/// of 715,683 shares ... convertible into common stock at $50.00 per share".
/// For every Closing Date the CoD allows (2000-03-27 to 2000-06-24), the
/// accreted dividends of all 200,000 shares in common-share terms,
/// (AV − 1,000) × 200,000 / 50, bracket 715,683 between 2002-03-31 and
/// 2002-06-30. Both dates are Sundays: the AV in effect on them lags to the
/// rolled payment dates 2002-04-01 and 2002-07-01, so the figure "on" the
/// period end is the Liquidation Preference less $1,000 (which includes the
/// completed period) and equals the AV on the rolled date.
#[test]
fn warrant_section_4_bracket_for_every_closing_date() {
    let target = units::Exact::from_int(715_683);
    let per_share_to_common = units::Exact::from_int(200_000)
        .div(&units::Exact::from_int(50))
        .unwrap(); // × 4,000
    let mut closing = d("2000-03-27");
    let mut count = 0;
    while closing <= d("2000-06-24") {
        let mut p = series_b();
        p.closing_date = closing;
        let acc = p.accrual();
        let in_common = |x: units::Exact| {
            x.sub(&units::Exact::from_int(1000))
                .mul(&per_share_to_common)
        };
        // 2002-03-31: stub + 7 quarters. Extremes: closing 2000-03-27 (95-day
        // stub) gives 1000 × (1 + .0825 × 95/360) × 1.020625^7 → 714,948.0 ≤ 715,683.
        let lp_mar = acc.liquidation_preference(d("2002-03-31")).unwrap().total;
        let av_mar = acc.accreted_value(d("2002-04-01")).unwrap();
        assert_eq!(lp_mar, av_mar, "{closing}");
        assert!(
            in_common(lp_mar) <= target,
            "{closing}: too much by 2002-03-31"
        );
        // 2002-06-30: stub + 8 quarters. Closing 2000-06-24 (6-day stub):
        // 1000 × (1 + .0825 × 6/360) × 1.020625^8 → 716,136.35 ≥ 715,683.
        let lp_jun = acc.liquidation_preference(d("2002-06-30")).unwrap().total;
        let av_jul = acc.accreted_value(d("2002-07-01")).unwrap();
        assert_eq!(lp_jun, av_jul, "{closing}");
        assert!(
            in_common(lp_jun) >= target,
            "{closing}: too little by 2002-06-30"
        );
        closing = closing.tomorrow().unwrap();
        count += 1;
    }
    assert_eq!(count, 90);
}

#[test]
fn make_whole_projects_to_the_third_anniversary() {
    let p = series_b();
    let acc = p.accrual();
    // Before the anniversary (2003-04-10) the make-whole LP on any date is
    // the LP on the anniversary itself: the schedule run forward.
    let mw = acc
        .liquidation_preference_with_make_whole(d("2001-05-01"))
        .unwrap();
    let at = acc.liquidation_preference(d("2003-04-10")).unwrap();
    assert_eq!(mw.total, at.total);
    // LP on 2003-04-10 = AV after 2003-03-31 (11 quarters) + 10 days' accrual:
    // 1275.0167958286796… × (1 + 0.0825 × 10/360).
    let av11 = ex("1018.5625").mul(&ex("1.020625").pow(11));
    let expected = av11.mul(
        &ex("1").add(
            &ex("0.0825")
                .mul(&units::Exact::from_int(10))
                .div(&units::Exact::from_int(360))
                .unwrap(),
        ),
    );
    assert_eq!(at.total, expected);
    // On or after the anniversary nothing is added.
    let after = acc
        .liquidation_preference_with_make_whole(d("2003-05-01"))
        .unwrap();
    assert!(after.make_whole.is_zero());
}
