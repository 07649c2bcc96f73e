//! The joins between the series' halves: the §8.10 factor in effect on a
//! date (a stock dividend counts from the day after its record date), the
//! Change of Control wiring (§2 facts and `reorganize` open the §6.3
//! window; notice; put and convert with the make-whole; the thirty days;
//! §6.5 on short funds), and the per-holder issuable count the registration
//! rights read. Figures worked by hand from the CoD; the arithmetic is in
//! the comments.

mod common;

use actions::{
    CorporateAction, DistributionKind, Instrument, ReferenceProperty, ReorganizationKind,
    SubdivisionKind,
};
use common::*;
use preferred::change_of_control::ControlEvent;
use preferred::{ElectionChoice, Event};
use terms::{Effect, HolderId, InstrumentId, Outcome};
use units::{Exact, Money, Price, Rate, Shares};

fn id() -> InstrumentId {
    InstrumentId::new("series-b")
}

fn issued(out: &Outcome, security: &str) -> Shares {
    out.effects
        .iter()
        .filter_map(|e| match e {
            Effect::Issue {
                security: s,
                shares,
                ..
            } if s.as_str() == security => Some(*shares),
            _ => None,
        })
        .fold(Shares::ZERO, |a, b| a.checked_add(b).unwrap())
}

fn cash(out: &Outcome) -> Money {
    out.effects
        .iter()
        .filter_map(|e| match e {
            Effect::Cash { amount, .. } => Some(*amount),
            _ => None,
        })
        .fold(Money::ZERO, |a, b| a.checked_add(b).unwrap())
}

fn cancelled(out: &Outcome) -> Shares {
    out.effects
        .iter()
        .filter_map(|e| match e {
            Effect::Cancel { shares, .. } => Some(*shares),
            _ => None,
        })
        .fold(Shares::ZERO, |a, b| a.checked_add(b).unwrap())
}

fn m(s: &str) -> Money {
    s.parse().unwrap()
}

/// A 10% stock dividend (11 for 10) announced 2000-05-01 with record date
/// 2000-05-15. A holder converting on the record date is a holder of record
/// of the common that day and receives the dividend itself, so the old
/// ratio applies; from the day after, the adjusted one.
#[test]
fn stock_dividend_counts_from_the_day_after_its_record_date() {
    let mut p = series_b();
    let v = Fake::on("2000-05-01")
        .hold("series-b", "bain", 1000)
        .price_range("2000-05-01", "2000-05-31", "10.00");
    // Before: LP(2000-05-01) = 1000 × (1 + 0.0825 × 21/360) = 1004.8125
    // (21 days from 04-10); ratio = 1004.8125 / 50 = 20.09625.
    assert_eq!(
        p.conversion_terms(d("2000-05-01")).unwrap().ratio,
        ex("20.09625")
    );
    let action = CorporateAction::Subdivision {
        kind: SubdivisionKind::StockDividend,
        numerator: 11,
        denominator: 10,
        record_date: Some(d("2000-05-15")),
    };
    p.on_action(&action, &v).unwrap();
    // §8.10.1(a): 20.09625 × 11/10 = 22.105875 → 22.1059 (§8.10.5, nearest
    // four places). The step multiplies later §8.1 ratios by
    // 22.1059 / 20.09625.
    let notice = &p.chain.notices()[0];
    assert_eq!(notice.ratio_after, ex("22.1059"));
    assert_eq!(notice.effective, d("2000-05-16"));

    // On the record date (35 days): LP = 1000 + 1000 × 0.0825 × 35/360
    // = 1000 + 8.0208333… = 48385/48; ratio = 48385/48 / 50 = 2016.041666…/100,
    // unadjusted.
    let on_record = p.conversion_terms(d("2000-05-15")).unwrap().ratio;
    assert_eq!(
        on_record,
        Exact::ratio(48385, 48)
            .unwrap()
            .div(&Exact::from_int(50))
            .unwrap()
    );
    let out = p
        .convert(&HolderId::new("bain"), sh(100), &v.at("2000-05-15"))
        .unwrap();
    // 100 × 20.1604166… = 2016.04166…: 2016 whole shares; 0.041666… × $10.00
    // (Market Price on Friday 2000-05-12) = $0.4166… → $0.42.
    assert_eq!(issued(&out, "common"), sh(2016));
    assert_eq!(cash(&out), m("0.42"));

    // The day after (36 days): LP = 1000 + 82.5 × 36/360 = 1008.25; §8.1
    // ratio 20.165; adjusted 20.165 × 22.1059 / 20.09625 = 22.18152508…
    let day_after = p.conversion_terms(d("2000-05-16")).unwrap().ratio;
    let expected = ex("20.165")
        .mul(&ex("22.1059"))
        .div(&ex("20.09625"))
        .unwrap();
    assert_eq!(day_after, expected);
    let v16 = v.at("2000-05-16");
    let out = p.convert(&HolderId::new("bain"), sh(100), &v16).unwrap();
    // 100 × 22.18152508… = 2218.152508…: 2218 whole shares; 0.152508… ×
    // $10.00 (2000-05-15) = $1.525… → $1.53.
    assert_eq!(issued(&out, "common"), sh(2218));
    assert_eq!(cash(&out), m("1.53"));
}

/// The put price of §6.3(a) before the third anniversary is the Liquidation
/// Preference projected to it: 1000 × (1 + 0.0825 × 81/360) [initial period
/// 2000-04-10 → 06-30, 81 days] × 1.020625^11 [eleven full periods to
/// 2003-03-31] × (1 + 0.0825 × 10/360) [2003-03-31 → 04-10] = 1277.93870…
fn make_whole_price() -> Exact {
    let initial = ex("0.0825")
        .mul(&Exact::from_int(81))
        .div(&Exact::from_int(360))
        .unwrap()
        .add(&Exact::one());
    let tail = ex("0.0825")
        .mul(&Exact::from_int(10))
        .div(&Exact::from_int(360))
        .unwrap()
        .add(&Exact::one());
    Exact::from_int(1000)
        .mul(&initial)
        .mul(&ex("1.020625").pow(11))
        .mul(&tail)
}

fn declared(letter: char) -> Event {
    Event::Control(ControlEvent::Declared {
        instrument: id(),
        letter,
        description: "a group became the owner of 60% of the voting stock".into(),
    })
}

fn elect(holder: &str, shares: i64, choice: ElectionChoice, funds: Option<&str>) -> Event {
    Event::ChangeOfControlElection {
        instrument: id(),
        holder: HolderId::new(holder),
        shares: sh(shares),
        choice,
        funds: funds.map(m),
    }
}

#[test]
fn change_of_control_window_put_convert_and_deadline() {
    let mut p = series_b();
    let v = Fake::on("2002-06-03")
        .hold("series-b", "bain", 1000)
        .hold("series-b", "thl", 500)
        .price_range("2002-05-01", "2002-08-30", "5.00");
    // No Change of Control yet: an election is refused under §6.3.
    let e = p
        .apply(&elect("bain", 100, ElectionChoice::Redeem, None), &v)
        .unwrap_err();
    assert_eq!(e.code, "R0260");
    assert_eq!(e.clause.to_string(), "CoD §6.3");

    // The Change of Control (2002-06-03, limb (a)) opens the window and
    // warns that the notice is due.
    let out = p.apply(&declared('a'), &v).unwrap();
    assert!(out.warnings.iter().any(|w| w.code == "W0260"));
    assert_eq!(p.control_windows.len(), 1);

    // Notice sent 2002-06-05: last day 2002-06-05 + 30 days = 2002-07-05.
    let out = p
        .apply(
            &Event::ChangeOfControlNotice { instrument: id() },
            &v.at("2002-06-05"),
        )
        .unwrap();
    assert_eq!(out.computations[0].value, "2002-07-05");
    let again = p
        .apply(
            &Event::ChangeOfControlNotice { instrument: id() },
            &v.at("2002-06-06"),
        )
        .unwrap_err();
    assert_eq!(again.code, "R0264");

    let price = make_whole_price();
    assert_eq!(
        p.control_liquidation_preference(d("2002-06-03"))
            .unwrap()
            .total,
        price
    );

    // §6.3(a) on the last day, 100 shares, funds legally available
    // $50,000.00: 50,000 / 1277.9387… = 39.1… → 39 shares redeemed for
    // 39 × 1277.9387093… = 49,839.6096… → $49,839.61; 61 shares owed (§6.5).
    let last = v.at("2002-07-05");
    let out = p
        .apply(
            &elect("bain", 100, ElectionChoice::Redeem, Some("50000")),
            &last,
        )
        .unwrap();
    assert_eq!(cancelled(&out), sh(39));
    assert_eq!(cash(&out), m("49839.61"));
    assert!(out.warnings.iter().any(|w| w.code == "W0261"));
    assert_eq!(p.control_owed(&HolderId::new("bain")), sh(61));
    // Owed shares cannot be elected again: 1000 held − 61 owed = 939 free
    // (the ledger still shows 1000, the fake does not apply effects).
    let e = p
        .apply(&elect("bain", 940, ElectionChoice::Convert, None), &last)
        .unwrap_err();
    assert_eq!(e.code, "R0262");

    // §6.3(b) on the last day, 10 shares: ratio = 1277.9387… / 50 =
    // 25.5587741…; 10 × 25.5587741… = 255.587741…: 255 whole shares; the
    // fraction 0.587741… × $5.00 (Market Price on Friday 2002-05-31, the
    // business day before the 2002-06-03 Change of Control, §8.5, §8.9) =
    // 2.9387… → $2.94.
    let out = p
        .apply(&elect("thl", 10, ElectionChoice::Convert, None), &last)
        .unwrap();
    assert_eq!(issued(&out, "common"), sh(255));
    assert_eq!(cash(&out), m("2.94"));
    assert_eq!(cancelled(&out), sh(10));

    // 2002-07-06 is the thirty-first day: refused, citing §6.3.
    let e = p
        .apply(
            &elect("thl", 10, ElectionChoice::Convert, None),
            &v.at("2002-07-06"),
        )
        .unwrap_err();
    assert_eq!(e.code, "R0261");
    assert_eq!(e.clause.to_string(), "CoD §6.3");
    assert_eq!(p.control_windows[0].elections.len(), 2);

    // §6.5: while the 61 shares are unpaid, a cash dividend on the common is
    // barred.
    let dividend = CorporateAction::Distribution {
        kind: DistributionKind::Cash,
        per_share: Price::new(units::parse_decimal("0.10").unwrap()),
        record_date: d("2002-08-15"),
        solely_in_common: false,
    };
    let e = p.on_action(&dividend, &v.at("2002-08-01")).unwrap_err();
    assert_eq!(e.code, "R0240");
}

/// A merger in which the prior holders keep 40% (< 50%) is a Change of
/// Control (§2(b)); each common share becomes $12.00 cash (§8.10.1(e)), so a
/// §6.3(b) conversion delivers cash: 10 shares × 25.5587741… common × $12.00
/// = 3067.0529… → $3,067.05.
#[test]
fn merger_opens_the_window_and_converts_into_reference_property() {
    let mut p = series_b();
    let v = Fake::on("2002-06-03")
        .hold("series-b", "thl", 500)
        .price_range("2002-05-01", "2002-08-30", "5.00");
    let merger = CorporateAction::Reorganization {
        kind: ReorganizationKind::Merger,
        company_survives: false,
        reference_property: vec![ReferenceProperty {
            description: "cash merger consideration".into(),
            security: "cash".into(),
            per_share: units::parse_decimal("12.00").unwrap(),
        }],
        prior_holders_voting_percent: Some(Rate::parse("0.40").unwrap()),
    };
    let out = p.on_action(&merger, &v).unwrap();
    assert!(out.warnings.iter().any(|w| w.code == "W0260"));
    assert_eq!(p.control_windows[0].change_of_control.clause_letter, 'b');
    // No notice yet: the thirty days have not begun; an election is taken.
    let out = p
        .apply(
            &elect("thl", 10, ElectionChoice::Convert, None),
            &v.at("2002-06-20"),
        )
        .unwrap();
    assert_eq!(issued(&out, "common"), Shares::ZERO);
    assert_eq!(cash(&out), m("3067.05"));
}

/// A merger in which the prior holders keep 50% is no Change of Control
/// (§2 proviso): no window.
#[test]
fn merger_with_continuity_opens_no_window() {
    let mut p = series_b();
    let v = Fake::on("2002-06-03").hold("series-b", "thl", 500);
    let merger = CorporateAction::Reorganization {
        kind: ReorganizationKind::Merger,
        company_survives: true,
        reference_property: Vec::new(),
        prior_holders_voting_percent: Some(Rate::parse("0.50").unwrap()),
    };
    p.on_action(&merger, &v).unwrap();
    assert!(p.control_windows.is_empty());
}

/// The registration rights read the common issuable to one holder: whole
/// shares of shares × Conversion Ratio. On 2000-05-16 (no adjustment),
/// ratio 1008.25 / 50 = 20.165: 1,000 shares → 20,165; 33 shares → 665.445
/// → 665.
#[test]
fn common_issuable_to_a_holder() {
    let p = series_b();
    let v = Fake::on("2000-05-16")
        .hold("series-b", "bain", 1000)
        .hold("series-b", "thl", 33);
    assert_eq!(p.common_issuable_to(&HolderId::new("bain"), &v), sh(20_165));
    assert_eq!(p.common_issuable_to(&HolderId::new("thl"), &v), sh(665));
    assert_eq!(p.common_issuable_to(&HolderId::new("nobody"), &v), sh(0));
    // Conversion Price = LP / ratio = $50.00: out of the money at $49.99,
    // in the money at $50.00 (20,165 + 665 = 20,830).
    assert_eq!(p.common_issuable_in_the_money(&v, &ex("49.99")), sh(0));
    assert_eq!(p.common_issuable_in_the_money(&v, &ex("50.00")), sh(20_830));
}

#[test]
fn keywords_include_the_change_of_control_facts() {
    for k in preferred::change_of_control::KEYWORDS {
        assert!(
            preferred::Preferred::keywords().contains(k),
            "missing keyword {k}"
        );
    }
}

/// §6.5: the 61 shares left unpaid by a short §6.3(a) redemption are paid
/// when funds come: $40,000 buys 40,000 / 1277.9387… = 31.3… → 31 shares
/// for 31 × 1277.9387093… = 39,616.0999… → $39,616.10; then the rest, 30
/// shares, for 30 × 1277.9387093… = 38,338.1612… → $38,338.16.
#[test]
fn discharge_of_the_mandatory_redemption_obligation() {
    let mut p = series_b();
    let v = Fake::on("2002-06-03")
        .hold("series-b", "bain", 1000)
        .price_range("2002-05-01", "2002-08-30", "5.00");
    p.apply(&declared('a'), &v).unwrap();
    p.apply(
        &elect("bain", 100, ElectionChoice::Redeem, Some("50000")),
        &v.at("2002-06-10"),
    )
    .unwrap();
    assert_eq!(p.control_owed(&HolderId::new("bain")), sh(61));
    let discharge = |funds: Option<&str>| Event::ChangeOfControlDischarge {
        instrument: id(),
        funds: funds.map(m),
    };
    let out = p
        .apply(&discharge(Some("40000")), &v.at("2002-07-01"))
        .unwrap();
    assert_eq!(cancelled(&out), sh(31));
    assert_eq!(cash(&out), m("39616.10"));
    assert_eq!(p.control_owed(&HolderId::new("bain")), sh(30));
    assert!(p.mandatory_obligation_unpaid(&v.at("2002-07-01")));
    let out = p.apply(&discharge(None), &v.at("2002-07-15")).unwrap();
    assert_eq!(cancelled(&out), sh(30));
    assert_eq!(cash(&out), m("38338.16"));
    assert!(!p.mandatory_obligation_unpaid(&v.at("2002-07-15")));
    // Nothing left: refused under §6.5.
    let e = p.apply(&discharge(None), &v.at("2002-07-16")).unwrap_err();
    assert_eq!(e.code, "R0265");
}
