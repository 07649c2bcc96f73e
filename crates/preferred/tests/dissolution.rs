//! CoD §3.1, §5: a `dissolve` pays the series after the Senior Stock and
//! ratably with the Parity Stock whose claims the journal states, cancels
//! every share, and leaves the series with no further rights. The `dissolve`
//! payments agree with `liquidation_amounts` on the same claims.

mod common;

use actions::{CorporateAction, Instrument};
use common::*;
use preferred::terms::{AccretedValueRounding, RankEntry, Standing};
use preferred::{Event, Preferred};
use terms::{Effect, HolderId, InstrumentId, SecurityId};
use units::{Money, Shares};

fn m(s: &str) -> Money {
    Money::parse(s).unwrap()
}

/// Accreted Value rounded to the cent each quarter (so the figures are
/// round), a Parity class `series-c` and a Senior class `senior-a`.
fn series() -> Preferred {
    let mut p = series_b();
    p.terms.accreted_value_rounding = AccretedValueRounding::Cent;
    p.terms.rank.push(RankEntry {
        security: SecurityId::new("series-c"),
        dividends: Standing::Parity,
        liquidation: Standing::Parity,
    });
    p.terms.rank.push(RankEntry {
        security: SecurityId::new("senior-a"),
        dividends: Standing::Senior,
        liquidation: Standing::Senior,
    });
    p
}

fn claim(sec: &str, amount: &str) -> Event {
    Event::ClassClaims {
        instrument: InstrumentId::new("series-b"),
        security: SecurityId::new(sec),
        accrued_unpaid: None,
        due_unpaid: None,
        liquidation_claim: Some(m(amount)),
    }
}

fn book(date: &str) -> Fake {
    Fake::on(date)
        .hold("series-b", "a", 120_000)
        .hold("series-b", "b", 80_000)
        .price_range("2004-03-01", "2004-03-30", "10.00")
}

fn cash_to(out: &terms::Outcome, holder: &str) -> Vec<Money> {
    out.effects
        .iter()
        .filter_map(|e| match e {
            Effect::Cash {
                holder: h, amount, ..
            } if h.as_str() == holder => Some(*amount),
            _ => None,
        })
        .collect()
}

fn cancelled_from(out: &terms::Outcome, holder: &str) -> Shares {
    out.effects
        .iter()
        .filter_map(|e| match e {
            Effect::Cancel {
                holder: h, shares, ..
            } if h.as_str() == holder => Some(*shares),
            _ => None,
        })
        .fold(Shares::ZERO, |a, b| a.checked_add(b).unwrap())
}

/// On 2004-03-31 each share's §5 claim is its Liquidation Preference,
/// $1,383.53 (Accreted Value to the cent after 15 quarters, no part-period
/// accrual on a period end, no make-whole after the third anniversary;
/// (b) = $10 × 1383.53 / 50 = $276.706 is less). The series claims
/// 200,000 × 1,383.53 = $276,706,000, the Parity Stock $50,000,000: together
/// $326,706,000. $173,353,000 available less the Senior Stock's $10,000,000
/// leaves $163,353,000 = one half of it: A (120,000 shares) receives
/// 120,000 × 691.765 = $83,011,800.00 and B $55,341,200.00; every share is
/// cancelled.
#[test]
fn dissolution_after_senior_and_ratably_with_parity_then_cancelled() {
    let mut p = series();
    let v = book("2004-03-31");
    p.apply(&claim("series-c", "50000000"), &v).unwrap();
    p.apply(&claim("senior-a", "10000000"), &v).unwrap();
    let dissolve = CorporateAction::Dissolution {
        amount_available: Some(m("173353000")),
    };
    let out = p.on_action(&dissolve, &v).unwrap();
    assert_eq!(cash_to(&out, "a"), vec![m("83011800.00")]);
    assert_eq!(cash_to(&out, "b"), vec![m("55341200.00")]);
    assert_eq!(cancelled_from(&out, "a"), sh(120_000));
    assert_eq!(cancelled_from(&out, "b"), sh(80_000));
    assert!(out.warnings.iter().any(|w| w.code == "W0209"));
    assert_eq!(p.dissolved_on, Some(d("2004-03-31")));

    // `liquidation_amounts` on the recorded claims gives the same payments.
    let q = series();
    let mut q2 = q.clone();
    q2.apply(&claim("series-c", "50000000"), &v).unwrap();
    q2.apply(&claim("senior-a", "10000000"), &v).unwrap();
    let r = preferred::liquidation_amounts(
        &q2,
        d("2004-03-31"),
        Some(m("173353000")),
        &q2.recorded_claims(),
        &v,
    )
    .unwrap();
    assert_eq!(r.paid_fraction, "0.5");
    assert_eq!(r.senior_paid, m("10000000"));
    assert_eq!(r.parity_paid[0].1, m("25000000.00"));
    let paid: Vec<Money> = r.per_holder.iter().map(|(_, _, a)| *a).collect();
    assert_eq!(paid, vec![m("83011800.00"), m("55341200.00")]);
}

/// After the dissolution nothing of the series runs or is accepted: no
/// Dividend Payment Date, no conversion, no corporate-action reaction.
#[test]
fn a_dissolved_series_has_no_further_rights() {
    let mut p = series();
    let v = book("2004-03-31");
    p.on_action(
        &CorporateAction::Dissolution {
            amount_available: None,
        },
        &v,
    )
    .unwrap();
    assert_eq!(p.next_scheduled(d("2004-03-31")), None);
    let before = format!("{p:?}");
    let convert = Event::Convert {
        instrument: InstrumentId::new("series-b"),
        holder: HolderId::new("a"),
        shares: sh(10),
    };
    let r = p.apply(&convert, &book("2004-04-05")).unwrap_err();
    assert_eq!((r.code, r.clause.to_string()), ("R0227", "CoD §5".into()));
    let again = p
        .on_action(
            &CorporateAction::Dissolution {
                amount_available: None,
            },
            &book("2004-04-05"),
        )
        .unwrap();
    assert!(again.effects.is_empty());
    assert_eq!(format!("{p:?}"), before);
}

/// A ranked class whose claim was never stated counts as zero, with W0206;
/// with enough assets every share receives its full claim (fraction 1):
/// 120,000 × 1,383.53 = $166,023,600.00.
#[test]
fn unstated_claims_are_zero_with_a_warning() {
    let mut p = series();
    let out = p
        .on_action(
            &CorporateAction::Dissolution {
                amount_available: None,
            },
            &book("2004-03-31"),
        )
        .unwrap();
    assert_eq!(cash_to(&out, "a"), vec![m("166023600.00")]);
    assert_eq!(out.warnings.iter().filter(|w| w.code == "W0206").count(), 2);
}
