//! Directives → events, and the declaration of the instrument.

mod common;
use actions::Instrument;
use common::*;
use preferred::{Event, Preferred, RedemptionKind, SettlementForm};

fn one(text: &str) -> journal::Directive {
    let (mut ds, _, _, diags) = journal::parse_str(journal::FileId(0), text);
    assert!(diags.is_empty(), "{diags:?}");
    ds.remove(0)
}

#[test]
fn resolves_each_keyword() {
    let e = Preferred::resolve(&one("2001-05-01 convert series-b bain-1 1250.5\n")).unwrap();
    assert!(
        matches!(e, Event::Convert { ref holder, shares, .. } if holder.as_str() == "bain-1" && shares.to_string() == "1250.5")
    );
    let e = Preferred::resolve(&one(
        "2003-06-01 declare-dividend series-b\n  period-end: 2003-06-30\n  form: cash\n  record-date: 2003-06-10\n",
    ))
    .unwrap();
    assert_eq!(
        e,
        Event::DeclareDividend {
            instrument: terms::InstrumentId::new("series-b"),
            period_end: d("2003-06-30"),
            record_date: Some(d("2003-06-10")),
        }
    );
    let e = Preferred::resolve(&one(
        "2010-03-01 redeem series-b\n  kind: mandatory\n  redemption-date: 2010-04-10\n  form: common\n  funds: 1,000,000\n",
    ))
    .unwrap();
    assert!(matches!(
        e,
        Event::Redeem {
            kind: RedemptionKind::Mandatory,
            form: SettlementForm::Common,
            funds: Some(_),
            ..
        }
    ));
    let e = Preferred::resolve(&one(
        "2004-01-10 waive series-b §6.2\n  holder: a\n  holder: b\n",
    ))
    .unwrap();
    assert!(
        matches!(e, Event::Waive { ref provision, ref holders, .. } if provision == "6.2" && holders.len() == 2)
    );
    assert!(Preferred::resolve(&one("2002-01-15 force-convert series-b\n  test: b\n")).is_ok());
    assert!(Preferred::resolve(&one("2001-05-10 vote-record-date series-b\n")).is_ok());
}

#[test]
fn reports_every_problem() {
    // Missing form, bad date, unknown key.
    let errs = Preferred::resolve(&one(
        "2003-06-01 declare-dividend series-b\n  period-end: 2003-06-31\n  colour: red\n",
    ))
    .unwrap_err();
    let codes: Vec<&str> = errs.iter().map(|e| e.code).collect();
    assert!(codes.contains(&"E0202"), "{codes:?}");
    assert!(codes.contains(&"E0104"), "{codes:?}");
    assert!(codes.contains(&"E0108"), "{codes:?}");
    let errs = Preferred::resolve(&one("2004-01-10 waive series-b 6.2\n")).unwrap_err();
    assert_eq!(errs[0].code, "E0204");
    let errs = Preferred::resolve(&one(
        "2004-01-10 redeem series-b\n  redemption-date: 2004-02-20\n",
    ))
    .unwrap_err();
    assert_eq!(errs[0].code, "E0203");
}

#[test]
fn declaration_needs_a_closing_date() {
    let decl = one("2000-04-10 instrument series-b convertible-preferred\n  terms: series-b.toml\n  closing-date: 2000-04-10\n  closing-shares: 200,000\n");
    let p = Preferred::declare(
        terms::InstrumentId::new("series-b"),
        &decl,
        journal::FileId(1),
        CTC_TERMS,
    )
    .unwrap();
    assert_eq!(p.closing_date, d("2000-04-10"));
    assert_eq!(p.closing_shares, Some(sh(200_000)));
    assert_eq!(p.security.as_str(), "series-b");
    let decl =
        one("2000-04-10 instrument series-b convertible-preferred\n  terms: series-b.toml\n");
    let errs = Preferred::declare(
        terms::InstrumentId::new("series-b"),
        &decl,
        journal::FileId(1),
        CTC_TERMS,
    )
    .unwrap_err();
    assert_eq!(errs[0].code, "E0105");
    let bad = CTC_TERMS.replace("rate = \"0.0825\"", "rat = \"0.0825\"");
    let errs = Preferred::declare(
        terms::InstrumentId::new("series-b"),
        &one("2000-04-10 instrument series-b convertible-preferred\n  closing-date: 2000-04-10\n"),
        journal::FileId(1),
        &bad,
    )
    .unwrap_err();
    assert_eq!(errs[0].code, "T0001");
}

#[test]
fn scheduled_dates_are_payment_dates_and_calls() {
    let p = series_b();
    // After the Closing Date, the next is the first Dividend Payment Date.
    assert_eq!(p.next_scheduled(d("2000-04-09")), Some(d("2000-04-10")));
    assert_eq!(p.next_scheduled(d("2000-04-10")), Some(d("2000-06-30")));
    // 2000-12-31 (Sunday) and 2001-01-01 (holiday) roll to 2001-01-02.
    assert_eq!(p.next_scheduled(d("2000-12-30")), Some(d("2001-01-02")));
    assert_eq!(
        p.next_dividend_payment_date(d("2000-12-31")),
        Some(d("2001-01-02"))
    );
}
