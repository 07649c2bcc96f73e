//! The Rule 144 limb of RRA §1 (iii): per-holder holding periods from the
//! book's lots (Rule 144(d)), Rule 144(k) for non-affiliates after two
//! years, and the 144(e) volume limit shared by a group acting in concert
//! (144(e)(3)(vi)). The Closing Date is 2000-04-10 (RRA term file).

mod common;
use common::*;

/// Common outstanding 10,000,000 (1% = 100,000), no volume data unless a
/// test adds it.
fn base() -> Fake {
    Fake {
        outstanding_common: sh(10_000_000),
        ..Fake::default()
    }
}

#[test]
fn holding_period_runs_from_the_holders_own_series_b_lot() {
    let a = rra();
    // early: 1,000 Series B bought at the Closing, convertible into
    // 100,000 common; late: the same, bought 2001-01-15 (a new lot: its
    // year runs from then).
    let b = base()
        .pos("early", "series-b", 1_000)
        .convertible("early", "series-b", 100_000)
        .lot("early", "series-b", "2000-04-10", 1_000)
        .pos("late", "series-b", 1_000)
        .convertible("late", "series-b", 100_000)
        .lot("late", "series-b", "2001-01-15", 1_000);
    // 2001-06-01: limit max(1% × 10,000,000 = 100,000, no volume) =
    // 100,000 ≥ 100,000 each. early: year ended 2001-04-10: ceased.
    let v = b.on("2001-06-01");
    assert!(a.registrable_of(&v, &"early".into()).ceased.is_some());
    // late: year ends 2001-01-15 + 1 year = 2002-01-15: still registrable.
    let late = a.registrable_of(&v, &"late".into());
    assert!(late.ceased.is_none());
    assert_eq!(late.registrable, sh(100_000));
    let text = serde_json::to_string(&late.computation).unwrap();
    assert!(text.contains("2002-01-15"), "{text}");
    // The day before the anniversary: registrable; on it: ceased.
    assert!(a
        .registrable_of(&b.on("2002-01-14"), &"late".into())
        .ceased
        .is_none());
    assert!(a
        .registrable_of(&b.on("2002-01-15"), &"late".into())
        .ceased
        .is_some());

    // The alternative reading (`holding_from = "closing"`): late's year
    // runs from the Closing too, so on 2001-06-01 it has ceased.
    let c = rra_with("holding_from = \"lots\"", "holding_from = \"closing\"");
    assert!(c.registrable_of(&v, &"late".into()).ceased.is_some());
}

#[test]
fn common_received_by_transfer_starts_a_new_year() {
    let mut a = rra();
    // pep holds 150,000 common issued on conversion at the Closing.
    let b = base()
        .pos("pep", "common", 150_000)
        .converted("pep", "series-b", 150_000)
        .lot("pep", "common", "2000-04-10", 150_000);
    ok(
        &mut a,
        &b,
        "2001-05-01 transfer-registrable rra pep buyer 150000\n  kind: sale\n  joinder: yes\n",
    );
    // The ledger: buyer holds 150,000 in a lot of 2001-05-01.
    let mut after = b
        .clone()
        .pos("pep", "common", 0)
        .pos("buyer", "common", 150_000)
        .lot("buyer", "common", "2001-05-01", 150_000);
    after
        .lots
        .remove(&("pep".to_string(), "common".to_string()));
    // 2002-03-01: weekly volume 160,000 → limit max(100,000, 160,000) =
    // 160,000 ≥ 150,000, but buyer's year runs to 2002-05-01.
    after.weekly.insert(d("2002-03-01"), sh(160_000));
    after.weekly.insert(d("2002-05-01"), sh(160_000));
    let r = a.registrable_of(&after.on("2002-03-01"), &"buyer".into());
    assert_eq!(r.common, sh(150_000));
    assert!(r.ceased.is_none());
    // 2002-05-01: a year after the transfer: ceased.
    assert!(a
        .registrable_of(&after.on("2002-05-01"), &"buyer".into())
        .ceased
        .is_some());
}

#[test]
fn rule_144k_after_two_years_for_a_non_affiliate_only() {
    let mut a = rra();
    // thl: 3,000,000 issuable from 30,000 Series B bought at the Closing;
    // far above the 100,000 volume limit.
    let b = base()
        .pos("thl", "series-b", 30_000)
        .convertible("thl", "series-b", 3_000_000)
        .lot("thl", "series-b", "2000-04-10", 30_000);
    // Presumed an affiliate: no 144(k) even after two years (2002-04-10).
    assert!(a
        .registrable_of(&b.on("2002-06-01"), &"thl".into())
        .ceased
        .is_none());
    // Non-affiliate from 2002-03-01. 144(k) needs two years (2000-04-10 +
    // 2 = 2002-04-10) and no affiliation in the three months before.
    ok(
        &mut a,
        &b,
        "2002-03-01 affiliate-status rra thl non-affiliate\n",
    );
    // 2002-05-31: look-back from 2002-02-28, when thl was (presumed) an
    // affiliate: 3,000,000 > 100,000: still registrable.
    let r = a.registrable_of(&b.on("2002-05-31"), &"thl".into());
    assert!(r.ceased.is_none());
    assert_eq!(r.registrable, sh(3_000_000));
    // 2002-06-01: look-back from 2002-03-01: a non-affiliate throughout:
    // all 3,000,000 could be sold at once.
    let r = a.registrable_of(&b.on("2002-06-01"), &"thl".into());
    assert!(
        r.ceased.as_deref().unwrap_or("").contains("144(k)"),
        "{r:?}"
    );

    // Recorded a non-affiliate from before the look-back: ceased on the
    // second anniversary itself, not the day before.
    let mut a = rra();
    ok(
        &mut a,
        &b,
        "2001-12-01 affiliate-status rra thl non-affiliate\n",
    );
    assert!(a
        .registrable_of(&b.on("2002-04-09"), &"thl".into())
        .ceased
        .is_none());
    assert!(a
        .registrable_of(&b.on("2002-04-10"), &"thl".into())
        .ceased
        .is_some());
    // An affiliate again from 2002-05-01: 144(k) is unavailable while it
    // is one (and for three months after), and 3,000,000 > 100,000: the
    // test is made on each date, so the shares are registrable again.
    ok(
        &mut a,
        &b,
        "2002-05-01 affiliate-status rra thl affiliate\n",
    );
    assert!(a
        .registrable_of(&b.on("2002-06-01"), &"thl".into())
        .ceased
        .is_none());
}

#[test]
fn a_group_shares_one_volume_limit() {
    // bain-a and bain-b (group bain) each hold 600 Series B convertible
    // into 60,000 common; both bought at the Closing.
    let b = base()
        .pos("bain-a", "series-b", 600)
        .convertible("bain-a", "series-b", 60_000)
        .pos("bain-b", "series-b", 600)
        .convertible("bain-b", "series-b", 60_000)
        .group("bain-a", "bain")
        .group("bain-b", "bain");
    let a = rra();
    // 2001-06-01: limit 100,000 (1% × 10,000,000). The group holds
    // 60,000 + 60,000 = 120,000 > 100,000: neither has ceased.
    let v = b.on("2001-06-01");
    let r = a.registrable_of(&v, &"bain-a".into());
    assert!(r.ceased.is_none());
    assert_eq!(a.registrable_outstanding(&v), sh(120_000));
    // Alone, each 60,000 ≤ 100,000 would have ceased (`aggregate =
    // "holder"`), leaving nothing outstanding.
    let h = rra_with("aggregate = \"group\"", "aggregate = \"holder\"");
    assert!(h.registrable_of(&v, &"bain-a".into()).ceased.is_some());
    assert_eq!(h.registrable_outstanding(&v), sh(0));
    // Without a group the holders are measured alone.
    let mut alone = b.clone();
    alone.groups.clear();
    assert_eq!(a.registrable_outstanding(&alone.on("2001-06-01")), sh(0));
    // With weekly volume 125,000 the limit is 125,000 ≥ 120,000: the
    // group's all could be sold in three months: both cease.
    let mut w = b.clone();
    w.weekly.insert(d("2001-06-01"), sh(125_000));
    let r = a.registrable_of(&w.on("2001-06-01"), &"bain-b".into());
    assert!(
        r.ceased.as_deref().unwrap_or("").contains("group bain"),
        "{r:?}"
    );
}

#[test]
fn affiliate_status_is_refused_where_there_is_no_rule_144_test() {
    let mut x = exhibit_d();
    let b = base();
    let r = refused(
        &mut x,
        &b,
        "2002-06-01 affiliate-status cisco-rr cisco non-affiliate\n",
        "R0533",
    );
    assert_eq!(r.clause.to_string(), "Exhibit D §1");
}
