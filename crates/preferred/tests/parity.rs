//! CoD §3.1, §4.4, §6.5(i): Parity Stock facts and ratable declarations.
//! A rejected event changes nothing in the series' state.

mod common;

use actions::Instrument;
use common::*;
use preferred::terms::{RankEntry, Standing};
use preferred::{Event, Preferred};
use terms::{InstrumentId, SecurityId};
use units::Money;

fn m(s: &str) -> Money {
    Money::parse(s).unwrap()
}

/// CTC's Series B with a Parity Stock class `series-c` (dividends and
/// liquidation) and a Senior Stock class `senior-pref`.
fn with_parity() -> Preferred {
    let mut p = series_b();
    p.terms.rank.push(RankEntry {
        security: SecurityId::new("series-c"),
        dividends: Standing::Parity,
        liquidation: Standing::Parity,
    });
    p.terms.rank.push(RankEntry {
        security: SecurityId::new("senior-pref"),
        dividends: Standing::Senior,
        liquidation: Standing::Senior,
    });
    p
}

fn claims(sec: &str, accrued: Option<&str>, due: Option<&str>, liq: Option<&str>) -> Event {
    Event::ClassClaims {
        instrument: InstrumentId::new("series-b"),
        security: SecurityId::new(sec),
        accrued_unpaid: accrued.map(m),
        due_unpaid: due.map(m),
        liquidation_claim: liq.map(m),
    }
}

fn parity_dividend(sec: &str, amount: &str, in_kind: bool) -> Event {
    Event::ParityDividend {
        instrument: InstrumentId::new("series-b"),
        security: SecurityId::new(sec),
        amount: m(amount),
        in_kind,
    }
}

fn declare(period_end: &str) -> Event {
    Event::DeclareDividend {
        instrument: InstrumentId::new("series-b"),
        period_end: d(period_end),
        record_date: None,
    }
}

fn book(date: &str) -> Fake {
    Fake::on(date)
        .hold("series-b", "a", 120_000)
        .hold("series-b", "b", 80_000)
}

fn state(p: &Preferred) -> String {
    format!("{p:?}")
}

/// §4.4 second limb: with $300,000 of Parity Stock dividends due and
/// unpaid, a full Series B cash dividend (fraction 1 of its period's
/// dividend) needs the parity class paid the same fraction the same day.
#[test]
fn series_declaration_needs_parity_arrears_paid_ratably() {
    let mut p = with_parity();
    p.apply(
        &claims("series-c", Some("300000.00"), Some("300000.00"), None),
        &book("2003-05-01"),
    )
    .unwrap();
    let v = book("2003-06-01");
    // Nothing declared on series-c today: fraction 0 / 300,000 = 0 < 1.
    let before = state(&p);
    let r = p.apply(&declare("2003-06-30"), &v).unwrap_err();
    assert_eq!(r.code, "R0216");
    assert_eq!(r.clause.to_string(), "CoD §4.4");
    assert_eq!(state(&p), before, "rejected: nothing recorded");
    // Half of it declared: 150,000 / (150,000 left + 150,000 today) = 1/2
    // < 1: still not ratable.
    p.apply(&parity_dividend("series-c", "150000.00", false), &v)
        .unwrap();
    let before = state(&p);
    let r = p.apply(&declare("2003-06-30"), &v).unwrap_err();
    assert_eq!(r.code, "R0216");
    assert!(r.message.contains("0.5"), "{}", r.message);
    assert_eq!(state(&p), before);
    // The other half the same day: 300,000 / 300,000 = 1: ratable, and the
    // class has nothing due any more (300,000 − 150,000 − 150,000 = 0).
    p.apply(&parity_dividend("series-c", "150000.00", false), &v)
        .unwrap();
    let facts = &p.classes[&SecurityId::new("series-c")];
    assert_eq!(facts.accrued_unpaid, Money::ZERO);
    assert_eq!(facts.declared_that_day, m("300000.00"));
    p.apply(&declare("2003-06-30"), &v).unwrap();
    assert!(p.declarations.contains_key(&d("2003-06-30")));
}

/// §4.4 first limb: on Sunday 2002-06-30 the Dividend Period ending that day
/// is over, but its dividend is added to the Accreted Value only on the
/// rolled Dividend Payment Date, Monday 2002-07-01 (§4.1): the Series B's
/// prior-period dividend is neither paid nor added, and none is declared in
/// cash (before the third anniversary none can be), so the series' fraction
/// is 0 / 26.05… = 0 and a parity dividend (fraction 100,000 / 100,000 = 1)
/// is not ratable. On 2002-07-01 it is added, and the same dividend passes.
#[test]
fn parity_declaration_while_series_dividends_are_neither_paid_nor_added() {
    let mut p = with_parity();
    p.apply(
        &claims("series-c", Some("100000.00"), None, None),
        &book("2002-06-01"),
    )
    .unwrap();
    let before = state(&p);
    let r = p
        .apply(
            &parity_dividend("series-c", "100000.00", false),
            &book("2002-06-30"),
        )
        .unwrap_err();
    assert_eq!(r.code, "R0217");
    assert_eq!(r.clause.to_string(), "CoD §4.4");
    // The dividend owed per share: the Accreted Value after the 2002-03-31
    // period, 1018.5625 × 1.020625^7, times 2.0625%.
    let owed = ex("1018.5625")
        .mul(&ex("1.020625").pow(7))
        .mul(&ex("0.020625"));
    assert!(r.message.contains(&owed.display()), "{}", r.message);
    assert_eq!(state(&p), before);
    p.apply(
        &parity_dividend("series-c", "100000.00", false),
        &book("2002-07-01"),
    )
    .unwrap();
}

/// §6.5(i): while a Mandatory Redemption Obligation is unpaid, no dividend
/// on Parity Stock, except one payable solely in additional shares.
#[test]
fn parity_dividend_barred_by_an_unpaid_mandatory_redemption_obligation() {
    let mut p = with_parity();
    p.mandatory_obligation_since = Some(d("2010-04-10"));
    let v = book("2010-05-03");
    let before = state(&p);
    let r = p
        .apply(&parity_dividend("series-c", "1000.00", false), &v)
        .unwrap_err();
    assert_eq!((r.code, r.clause.to_string()), ("R0242", "CoD §6.5".into()));
    assert_eq!(state(&p), before);
    p.apply(&parity_dividend("series-c", "1000.00", true), &v)
        .unwrap();
}

#[test]
fn class_claims_follow_the_rank_list() {
    let mut p = with_parity();
    let v = book("2003-05-01");
    let before = state(&p);
    // Common is Junior Stock: no §4.4 arrears, no §5 claim ahead.
    let r = p
        .apply(&claims("common", Some("1.00"), None, None), &v)
        .unwrap_err();
    assert_eq!((r.code, r.clause.to_string()), ("R0218", "CoD §3.1".into()));
    let r = p
        .apply(&claims("common", None, None, Some("1.00")), &v)
        .unwrap_err();
    assert_eq!(r.code, "R0218");
    // Senior Stock has a liquidation claim but no §4.4 arrears.
    let r = p
        .apply(&claims("senior-pref", Some("1.00"), None, None), &v)
        .unwrap_err();
    assert_eq!(r.code, "R0218");
    // A dividend on a class that is not Parity Stock.
    let r = p
        .apply(&parity_dividend("senior-pref", "1.00", false), &v)
        .unwrap_err();
    assert_eq!(r.code, "R0218");
    // Negative, and due above accrued.
    let r = p
        .apply(&claims("series-c", Some("-1.00"), None, None), &v)
        .unwrap_err();
    assert_eq!((r.code, r.clause.to_string()), ("R0219", "CoD §4.4".into()));
    let r = p
        .apply(&claims("series-c", Some("10.00"), Some("20.00"), None), &v)
        .unwrap_err();
    assert_eq!(r.code, "R0219");
    assert_eq!(state(&p), before, "every rejection left the state alone");
    p.apply(&claims("senior-pref", None, None, Some("5000000.00")), &v)
        .unwrap();
    p.apply(&claims("series-c", None, None, Some("2000000.00")), &v)
        .unwrap();
    let recorded = p.recorded_claims();
    assert_eq!(recorded.len(), 2);
}

#[test]
fn class_facts_resolve() {
    let text = "2004-05-01 class-claims series-b series-c\n  accrued-unpaid-dividends: 300,000\n  liquidation-claim: 25,000,000\n2004-06-01 parity-dividend series-b series-c\n  amount: 300000\n  in-kind: no\n";
    let (ds, _, _, diags) = journal::parse_str(journal::FileId(0), text);
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(
        Preferred::resolve(&ds[0]).unwrap(),
        claims("series-c", Some("300000"), None, Some("25000000"))
    );
    assert_eq!(
        Preferred::resolve(&ds[1]).unwrap(),
        parity_dividend("series-c", "300000", false)
    );
    // Neither figure: E0205.
    let (ds, _, _, _) = journal::parse_str(
        journal::FileId(0),
        "2004-05-01 class-claims series-b series-c\n",
    );
    let e = Preferred::resolve(&ds[0]).unwrap_err();
    assert_eq!(e[0].code, "E0205");
}
