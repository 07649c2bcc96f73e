//! CoD §8.1 with §8.10.1(d)–(e): after a merger recorded with reference
//! property, a plain §8.1 conversion (and a §8.2 forced conversion)
//! delivers what the common shares of the Conversion Ratio became, not the
//! Corporation's common.

mod common;

use actions::{CorporateAction, Instrument, ReferenceProperty, ReorganizationKind};
use common::*;
use preferred::{Event, Preferred};
use terms::{Effect, HolderId, InstrumentId, Outcome};
use units::{Money, Rate, Shares};

fn m(s: &str) -> Money {
    Money::parse(s).unwrap()
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

fn merger(property: Vec<(&str, &str, &str)>) -> CorporateAction {
    CorporateAction::Reorganization {
        kind: ReorganizationKind::Merger,
        company_survives: false,
        reference_property: property
            .into_iter()
            .map(|(amount, security, description)| ReferenceProperty {
                description: description.into(),
                security: security.into(),
                per_share: units::parse_decimal(amount).unwrap(),
            })
            .collect(),
        // 40% continuity: a Change of Control (§2(b)); irrelevant here.
        prior_holders_voting_percent: Some(Rate::parse("0.40").unwrap()),
    }
}

fn convert(holder: &str, n: i64) -> Event {
    Event::Convert {
        instrument: InstrumentId::new("series-b"),
        holder: HolderId::new(holder),
        shares: sh(n),
    }
}

fn merged(property: Vec<(&str, &str, &str)>) -> (Preferred, Fake) {
    let mut p = series_b();
    let v = Fake::on("2002-06-03")
        .hold("series-b", "thl", 500)
        .price_range("2002-05-01", "2002-08-30", "5.00");
    p.on_action(&merger(property), &v).unwrap();
    (p, v)
}

/// A cash merger at $12.00 per common share. On 2002-06-20 (81 days after
/// 2002-03-31) LP = 1018.5625 × 1.020625^7 × (1 + 0.0825 × 81/360) =
/// 1175.0357971… × 1.0185625 = 1196.8473990…; ratio = 23.9369479…; 10
/// shares → 239.369479… common-share units × $12.00 = 2,872.4337… →
/// $2,872.43 in cash, no common.
#[test]
fn plain_conversion_after_a_cash_merger_pays_the_cash() {
    let (mut p, v) = merged(vec![("12.00", "cash", "cash merger consideration")]);
    let out = p.apply(&convert("thl", 10), &v.at("2002-06-20")).unwrap();
    assert_eq!(issued(&out, "common"), Shares::ZERO);
    assert_eq!(cash(&out), m("2872.43"));
    assert!(out
        .effects
        .iter()
        .any(|e| matches!(e, Effect::Cancel { shares, .. } if *shares == sh(10))));
    assert!(out.computations[0]
        .clauses
        .iter()
        .any(|c| c.to_string() == "CoD §8.10.1"));
}

/// A merger into 0.5 share of `acq` plus $3.00 cash per common share. 7
/// shares on 2002-06-20: 7 × 23.9369479… = 167.5586358… units; × 0.5 =
/// 83.7793179… `acq`: 83 whole, the fraction 0.7793179… × $5.00 (acq's
/// Market Price on 2002-06-19, §8.9) = 3.8965… → $3.90; the cash part
/// 167.5586358… × $3.00 = 502.6759… → $502.68; cash $506.58 in all.
#[test]
fn plain_conversion_after_a_stock_and_cash_merger_delivers_the_property() {
    let (mut p, v) = merged(vec![
        ("0.5", "acq", "Acquirer common"),
        ("3.00", "cash", "cash consideration"),
    ]);
    let out = p.apply(&convert("thl", 7), &v.at("2002-06-20")).unwrap();
    assert_eq!(issued(&out, "common"), Shares::ZERO);
    assert_eq!(issued(&out, "acq"), sh(83));
    assert_eq!(cash(&out), m("506.58"));
    // A second line of the same day aggregates (§8.9): 14 shares in all →
    // 335.1172716… units; 167.5586358… acq: 167 whole (84 more), fraction
    // 0.5586358… × $5 = 2.7931… → $2.79; cash part 335.1172716… × 3 =
    // 1005.3518… → $1,005.35; total $1,008.14, of which $506.58 was paid:
    // $501.56 more.
    let out = p.apply(&convert("thl", 7), &v.at("2002-06-20")).unwrap();
    assert_eq!(issued(&out, "acq"), sh(84));
    assert_eq!(cash(&out), m("501.56"));
}

/// Before any reorganization the unit is one common share: 10 shares on
/// 2002-06-20 → 239.369479… → 239 common, 0.369479… × $5.00 = 1.8473… →
/// $1.85 in lieu.
#[test]
fn without_a_reorganization_conversion_delivers_common() {
    let mut p = series_b();
    let v = Fake::on("2002-06-20")
        .hold("series-b", "thl", 500)
        .price_range("2002-05-01", "2002-08-30", "5.00");
    let out = p.apply(&convert("thl", 10), &v).unwrap();
    assert_eq!(issued(&out, "common"), sh(239));
    assert_eq!(cash(&out), m("1.85"));
}
