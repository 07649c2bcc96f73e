//! CoD §7.3: shares surrendered for redemption under §6.3(a) and left
//! unpaid (funds short, §6.5) "cease to accrue" dividends and keep no right
//! "except the right to receive ... the redemption price": they neither
//! convert (§8.1), vote (§9.1), nor take a dividend (§4).

mod common;

use actions::Instrument;
use common::*;
use preferred::change_of_control::ControlEvent;
use preferred::{ElectionChoice, Event, Preferred};
use terms::{Effect, HolderId, InstrumentId};
use units::Money;

fn id() -> InstrumentId {
    InstrumentId::new("series-b")
}

fn m(s: &str) -> Money {
    Money::parse(s).unwrap()
}

fn declared() -> Event {
    Event::Control(ControlEvent::Declared {
        instrument: id(),
        letter: 'a',
        description: "a group became the owner of 60% of the voting stock".into(),
    })
}

fn put(holder: &str, n: i64, funds: &str) -> Event {
    Event::ChangeOfControlElection {
        instrument: id(),
        holder: HolderId::new(holder),
        shares: sh(n),
        choice: ElectionChoice::Redeem,
        funds: Some(m(funds)),
    }
}

fn convert(holder: &str, n: i64) -> Event {
    Event::Convert {
        instrument: id(),
        holder: HolderId::new(holder),
        shares: sh(n),
    }
}

/// A Change of Control on 2002-06-03; bain puts 100 of its 1,000 shares
/// with $50,000 of funds: the price is the make-whole Liquidation
/// Preference 1277.9387093…, so floor(50,000 / 1277.9387…) = 39 shares are
/// redeemed (39 × 1277.94 ≈ 49,839.61; 40 would cost ≈ 51,117.55) and 61
/// stay surrendered and unpaid. The register then shows 1,000 − 39 = 961.
fn surrendered() -> (Preferred, Fake) {
    let mut p = series_b();
    let v = Fake::on("2002-06-03")
        .hold("series-b", "bain", 1000)
        .price_range("2002-05-01", "2002-08-30", "5.00");
    p.apply(&declared(), &v).unwrap();
    p.apply(&put("bain", 100, "50000"), &v.at("2002-06-10"))
        .unwrap();
    assert_eq!(p.control_owed(&HolderId::new("bain")), sh(61));
    let after = Fake::on("2002-06-20")
        .hold("series-b", "bain", 961)
        .price_range("2002-05-01", "2002-08-30", "5.00");
    (p, after)
}

/// 961 held − 61 surrendered = 900 convertible: 901 is refused under §7.3
/// and changes nothing; 900 converts.
#[test]
fn surrendered_shares_do_not_convert() {
    let (mut p, v) = surrendered();
    let before = format!("{p:?}");
    let r = p.apply(&convert("bain", 901), &v).unwrap_err();
    assert_eq!((r.code, r.clause.to_string()), ("R0209", "CoD §7.3".into()));
    assert!(r.message.contains("at most 900"), "{}", r.message);
    assert_eq!(format!("{p:?}"), before);
    p.apply(&convert("bain", 900), &v).unwrap();
}

/// Votes on 2002-06-20: the Conversion Ratio is LP / 50 = 1018.5625 ×
/// 1.020625^7 × (1 + 0.0825 × 81/360) / 50 = 23.9369479…; 900 voting
/// shares × 23.9369479… = 21,543.25… → 21,543 votes (not 961 × … =
/// 23,003). The same 21,543 common are issuable to bain.
#[test]
fn surrendered_shares_do_not_vote() {
    let (p, v) = surrendered();
    let lines = p.votes(&v, d("2002-06-20")).unwrap();
    assert_eq!(lines[0].shares, sh(900));
    assert_eq!(lines[0].votes, sh(21_543));
    assert_eq!(p.common_issuable_to(&HolderId::new("bain"), &v), sh(21_543));
}

/// After the third anniversary: a Change of Control on 2003-05-01 and a put
/// of 100 shares with no funds leaves all 100 unpaid. The 2003-06-30 cash
/// dividend (2.0625% × 1275.0167958… = 26.2972214… per share) is paid on
/// the 900 shares with rights at the 2003-06-15 Record Date: 900 ×
/// 26.2972214… = 23,667.4992… → $23,667.50 (not on 1,000: $26,297.22).
#[test]
fn surrendered_shares_take_no_dividend() {
    let mut p = series_b();
    let v = Fake::on("2003-05-01").hold("series-b", "bain", 1000);
    p.apply(&declared(), &v).unwrap();
    p.apply(&put("bain", 100, "0"), &v.at("2003-05-05"))
        .unwrap();
    assert_eq!(p.control_owed(&HolderId::new("bain")), sh(100));
    p.declare_dividend(d("2003-06-30"), None, &v.at("2003-06-01"))
        .unwrap();
    p.run_scheduled(d("2003-06-15"), &v.at("2003-06-15"));
    let out = p.run_scheduled(d("2003-06-30"), &v.at("2003-06-30"));
    let paid: Vec<Money> = out
        .effects
        .iter()
        .filter_map(|e| match e {
            Effect::Cash { amount, .. } => Some(*amount),
            _ => None,
        })
        .collect();
    assert_eq!(paid, vec![m("23667.50")]);
}
