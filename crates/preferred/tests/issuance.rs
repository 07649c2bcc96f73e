//! CoD §1, §4.1, §6.4: the series is issued at the Closing only, within the
//! 200,000 designated shares counted cumulatively. A rejected issuance
//! changes nothing in the series' state.

mod common;

use actions::Instrument;
use common::*;
use preferred::Event;
use terms::{Effect, HolderId, InstrumentId};

fn issue(holder: &str, n: i64) -> Event {
    Event::Issue {
        instrument: InstrumentId::new("series-b"),
        holder: HolderId::new(holder),
        shares: sh(n),
        price: Some(units::Price::new(units::parse_decimal("1000.00").unwrap())),
    }
}

fn state(p: &preferred::Preferred) -> String {
    format!("{p:?}")
}

#[test]
fn issuance_at_the_closing_up_to_the_designation() {
    let mut p = series_b();
    let v = Fake::on("2000-04-10");
    // 150,000 + 50,000 = 200,000 = the §1 designation: both accepted.
    let out = p.apply(&issue("known-a", 150_000), &v).unwrap();
    assert!(matches!(
        &out.effects[..],
        [Effect::Issue { shares, from_treasury: false, .. }] if *shares == sh(150_000)
    ));
    p.apply(&issue("known-b", 50_000), &v).unwrap();
    assert_eq!(p.issued_total, sh(200_000));

    // One more share: 200,000 + 1 = 200,001 > 200,000 designated (§1).
    let before = state(&p);
    let r = p.apply(&issue("known-b", 1), &v).unwrap_err();
    assert_eq!(r.code, "R0207");
    assert_eq!(r.clause.to_string(), "CoD §1");
    assert_eq!(state(&p), before, "a rejected issuance changes nothing");
}

#[test]
fn issuance_after_the_closing_is_refused_under_4_1() {
    let mut p = series_b();
    p.apply(&issue("known-a", 150_000), &Fake::on("2000-04-10"))
        .unwrap();
    // 50,000 shares are still designated but unissued (150,000 of 200,000):
    // the date alone refuses the issuance of 2000-04-11, whose shares would
    // accrue from their own date of issuance (§4.1).
    let before = state(&p);
    let r = p
        .apply(&issue("known-b", 50_000), &Fake::on("2000-04-11"))
        .unwrap_err();
    assert_eq!(r.code, "R0206");
    assert_eq!(r.clause.to_string(), "CoD §4.1");
    assert!(r.message.contains("2000-04-10"), "{}", r.message);
    assert_eq!(state(&p), before);
    // Before the Closing too.
    let r = p
        .apply(&issue("known-b", 1), &Fake::on("2000-04-09"))
        .unwrap_err();
    assert_eq!(r.code, "R0206");
    assert_eq!(state(&p), before);
}

#[test]
fn reacquired_shares_do_not_return_to_the_designation() {
    // 200,000 issued at the Closing; 1,000 converted the same day (the
    // Fake's register shows 199,000 left). Cumulative issuance is still
    // 200,000: re-issuing 1,000 would make 201,000 > 200,000 (§6.4: the
    // converted shares are undesignated preferred).
    let mut p = series_b();
    let v = Fake::on("2000-04-10");
    p.apply(&issue("known-a", 200_000), &v).unwrap();
    let after_conversion = Fake::on("2000-04-10").hold("series-b", "known-a", 199_000);
    let r = p
        .apply(&issue("known-a", 1_000), &after_conversion)
        .unwrap_err();
    assert_eq!(r.code, "R0207");
    assert!(r.help.unwrap_or_default().contains("§6.4"));
}

#[test]
fn bad_issuances() {
    let mut p = series_b();
    let v = Fake::on("2000-04-10");
    let before = state(&p);
    let r = p.apply(&issue("nobody", 10), &v).unwrap_err();
    assert_eq!((r.code, r.clause.to_string()), ("R0208", "CoD §1".into()));
    let r = p.apply(&issue("known-a", 0), &v).unwrap_err();
    assert_eq!(r.code, "R0208");
    assert_eq!(state(&p), before);
}

#[test]
fn issue_resolves_for_the_instrument() {
    let text = "2000-04-10 issue series-b bain-vi 50,000\n  price: 1000.00\n";
    let (ds, _, _, diags) = journal::parse_str(journal::FileId(0), text);
    assert!(diags.is_empty(), "{diags:?}");
    let e = preferred::Preferred::resolve(&ds[0]).unwrap();
    assert_eq!(e, issue("bain-vi", 50_000));
}
