//! §7 transfers and replacement, §8 reorganizations, §9 dissolution, and
//! the status query.

mod common;
use common::*;
use terms::Effect;
use units::{Money, Shares};

#[test]
fn partial_transfer_makes_a_new_warrant_for_each_party() {
    let (mut w, f) = issued();
    let f = f.on(d(2002, 9, 3));
    apply(
        &mut w,
        &f,
        "2002-09-03 transfer-warrant cisco-2002 cisco-affiliate 72067\n",
    )
    .unwrap();
    let s = w.status_at(&f);
    // 272,067 − 72,067 = 200,000 stay with Cisco Capital on a new Warrant.
    let by: Vec<(String, Shares)> = s
        .holders
        .iter()
        .map(|h| (h.holder.to_string(), h.shares))
        .collect();
    assert_eq!(
        by,
        vec![
            ("cisco-affiliate".to_string(), Shares::from_int(72_067)),
            ("cisco-capital".to_string(), Shares::from_int(200_000)),
        ]
    );
    assert_eq!(s.shares, Shares::from_int(272_067));
    // The status JSON has the per-holder array the CLI filters on.
    let json = serde_json::to_value(&s).unwrap();
    assert_eq!(json["holders"][0]["holder"], "cisco-affiliate");
    // With two holders an exercise must say whose.
    assert_rejected(
        &mut w,
        &f,
        "2002-09-03 exercise cisco-2002 10\n  cash: 24.08\n",
        "R0324",
        "7.1",
    );
    apply(
        &mut w,
        &f,
        "2002-09-03 exercise cisco-2002 10\n  cash: 24.08\n  holder: cisco-affiliate\n",
    )
    .unwrap();
    assert_eq!(
        w.certificate_of(&terms::HolderId::new("cisco-affiliate"))
            .unwrap()
            .shares,
        Shares::from_int(72_057)
    );
    // A transferee who already holds receives one consolidated Warrant:
    // 72,057 + 100,000 = 172,057.
    apply(
        &mut w,
        &f,
        "2002-09-03 transfer-warrant cisco-2002 cisco-affiliate 100000\n  from: cisco-capital\n",
    )
    .unwrap();
    assert_eq!(
        w.certificate_of(&terms::HolderId::new("cisco-affiliate"))
            .unwrap()
            .shares,
        Shares::from_int(172_057)
    );
    assert_eq!(w.live().count(), 2);
}

#[test]
fn bad_transfers_are_rejected_and_change_nothing() {
    let (mut w, f) = issued();
    let f = f.on(d(2002, 9, 3));
    assert_rejected(
        &mut w,
        &f,
        "2002-09-03 transfer-warrant cisco-2002 cisco-affiliate 272068\n",
        "R0309",
        "7.2",
    );
    assert_rejected(
        &mut w,
        &f,
        "2002-09-03 transfer-warrant cisco-2002 cisco-capital 10\n",
        "R0310",
        "7.2",
    );
    assert_rejected(
        &mut w,
        &f,
        "2002-09-03 transfer-warrant cisco-2002 nobody 10\n",
        "R0314",
        "7.2",
    );
    assert_rejected(
        &mut w,
        &f,
        "2002-09-03 transfer-warrant cisco-2002 alice 10.25\n",
        "R0310",
        "5",
    );
    assert_rejected(
        &mut w,
        &f.on(d(2009, 5, 2)),
        "2009-05-02 transfer-warrant cisco-2002 alice 10\n",
        "R0302",
        "1",
    );
}

#[test]
fn replacement_on_loss_cancels_the_old_certificate() {
    let (mut w, f) = issued();
    apply(
        &mut w,
        &f.on(d(2003, 1, 6)),
        "2003-01-06 replace-warrant cisco-2002 cisco-capital\n  reason: lost\n",
    )
    .unwrap();
    let c = w
        .certificate_of(&terms::HolderId::new("cisco-capital"))
        .unwrap();
    assert_eq!(c.number, "cisco-2002-2");
    assert_eq!(c.shares, Shares::from_int(272_067));
    assert!(c.origin.contains("replacement of cisco-2002-1 (lost)"));
    assert_rejected(
        &mut w,
        &f.on(d(2003, 1, 6)),
        "2003-01-06 replace-warrant cisco-2002 alice\n",
        "R0301",
        "7.1",
    );
}

#[test]
fn after_a_merger_the_warrant_is_exercisable_for_the_reference_property() {
    let (mut w, f) = issued();
    // §8 notice mailed 2004-01-02, 30+ days before the merger of 2004-02-02.
    apply(
        &mut w,
        &f.on(d(2004, 1, 2)),
        "2004-01-02 warrant-notice cisco-2002 8\n",
    )
    .unwrap();
    let o = act(
        &mut w,
        &f.on(d(2004, 2, 2)),
        "2004-02-02 reorganize merger\n  property: 0.5 acquirer-common\n  property: 1.25 cash\n",
    )
    .unwrap();
    assert!(o.warnings.is_empty(), "{:?}", o.warnings);
    // 1,000 Warrant Shares for 1,000 × $2.408 = $2,408.00 → 0.5 × 1,000 = 500
    // acquirer shares and 1.25 × 1,000 = $1,250.00.
    let o = apply(
        &mut w,
        &f.on(d(2004, 3, 1)),
        "2004-03-01 exercise cisco-2002 1000\n  wire: 2408\n",
    )
    .unwrap();
    assert!(o.effects.iter().any(|e| matches!(e, Effect::Issue { security, shares, .. } if security.as_str() == "acquirer-common" && *shares == Shares::from_int(500))));
    assert!(o
        .effects
        .iter()
        .any(|e| matches!(e, Effect::Cash { amount, .. } if *amount == Money::from_int(1_250))));
    assert_rejected(
        &mut w,
        &f.on(d(2004, 3, 1)),
        "2004-03-01 net-exercise cisco-2002 1000\n",
        "R0318",
        "8",
    );
}

#[test]
fn a_merger_without_thirty_days_notice_warns() {
    let (mut w, f) = issued();
    apply(
        &mut w,
        &f.on(d(2004, 1, 20)),
        "2004-01-20 warrant-notice cisco-2002 8\n",
    )
    .unwrap();
    let o = act(
        &mut w,
        &f.on(d(2004, 2, 2)),
        "2004-02-02 reorganize merger\n  property: 2 acquirer-common\n",
    )
    .unwrap();
    // Due by 2004-02-02 − 30 days = 2004-01-03; given 2004-01-20.
    assert!(
        o.warnings
            .iter()
            .any(|x| x.code == "W0302" && x.message.contains("2004-01-03")),
        "{:?}",
        o.warnings
    );
}

#[test]
fn dissolution_gives_a_thirty_day_window_then_the_warrant_is_void() {
    let (mut w, f) = issued();
    apply(
        &mut w,
        &f.on(d(2004, 1, 5)),
        "2004-01-05 warrant-notice cisco-2002 9\n",
    )
    .unwrap();
    // §9: no distribution until 30 days from the notice (2004-02-04).
    let before = snapshot(&w);
    let r = act(&mut w, &f.on(d(2004, 1, 20)), "2004-01-20 dissolve\n").unwrap_err();
    assert_eq!((r.code, r.clause.section.as_str()), ("R0319", "9"));
    assert_eq!(snapshot(&w), before);
    act(&mut w, &f.on(d(2004, 2, 4)), "2004-02-04 dissolve\n").unwrap();
    // Exercisable within 30 days of the notice: through 2004-02-04.
    apply(
        &mut w,
        &f.on(d(2004, 2, 4)),
        "2004-02-04 exercise cisco-2002 1000\n  cash: 2408\n",
    )
    .unwrap();
    assert_rejected(
        &mut w,
        &f.on(d(2004, 2, 5)),
        "2004-02-05 exercise cisco-2002 1000\n  cash: 2408\n",
        "R0311",
        "9",
    );
    let s = w.status_at(&f.on(d(2004, 2, 5)));
    assert_eq!(s.state, "void (dissolution)");
    assert_eq!(s.dissolution.unwrap().window_end, d(2004, 2, 4));
}

#[test]
fn a_dissolution_with_no_notice_is_rejected_like_one_too_soon_after_it() {
    let (mut w, f) = issued();
    // No `warrant-notice … 9` at all: the Holder never had the thirty days
    // to exercise, a worse breach of §9 than a dissolution 15 days after a
    // notice (R0319), so it is refused too and changes nothing.
    let before = snapshot(&w);
    let r = act(&mut w, &f.on(d(2004, 1, 20)), "2004-01-20 dissolve\n").unwrap_err();
    assert_eq!((r.code, r.clause.section.as_str()), ("R0326", "9"));
    // 2004-01-20 + 30 days = 2004-02-19: the earliest a distribution could
    // follow a notice mailed that day.
    assert!(r.message.contains("2004-02-19"), "{}", r.message);
    assert_eq!(snapshot(&w), before);
    // The warrant is still exercisable later: no §9 window was started.
    apply(
        &mut w,
        &f.on(d(2004, 3, 1)),
        "2004-03-01 exercise cisco-2002 1000\n  cash: 2408\n",
    )
    .unwrap();
}

#[test]
fn status_lists_the_adjustment_history_with_statements() {
    let (mut w, f) = issued();
    act(
        &mut w,
        &f.on(d(2003, 3, 3)),
        "2003-03-03 issue-common investor-1 2000000\n  price: 1.50\n  underwriting: 150000\n",
    )
    .unwrap();
    let s = w.status_at(&f.on(d(2003, 4, 1)));
    assert_eq!(s.adjustments.len(), 1);
    let text = s.render_text();
    assert!(text.contains("Warrant Price:        $2.34"), "{text}");
    assert!(
        text.contains("Statement of adjustment no. 1 under Warrant §6(i)"),
        "{text}"
    );
    // The §6(viii) statement was not recorded as mailed: it is outstanding.
    assert_eq!(s.notices_outstanding.len(), 1);
    apply(
        &mut w,
        &f.on(d(2003, 3, 3)),
        "2003-03-03 warrant-notice cisco-2002 6(viii)\n",
    )
    .unwrap();
    let json = serde_json::to_value(w.status_at(&f.on(d(2003, 4, 1)))).unwrap();
    assert_eq!(json["warrant_price"], "2.34");
    assert_eq!(json["adjustments"][0]["price_after"], "2.34");
}

#[test]
fn issuing_twice_or_with_a_wrong_expiry_is_rejected() {
    let (mut w, f) = issued();
    assert_rejected(
        &mut w,
        &f,
        "2002-05-01 issue-warrant cisco-2002 cisco-capital 1\n  price: 1\n",
        "R0312",
        "1",
    );
    let mut fresh = warrant();
    assert_rejected(&mut fresh, &f, "2002-05-01 issue-warrant cisco-2002 cisco-capital 272067\n  price: 2.408\n  expiry: 2009-04-30\n", "R0313", "1");
}

/// The merger of 2004-02-02: one common share becomes 0.5 acquirer shares
/// and $1.25 (notice given 2004-01-02).
fn merged() -> (warrant::Warrant, Fake) {
    let (mut w, f) = issued();
    apply(
        &mut w,
        &f.on(d(2004, 1, 2)),
        "2004-01-02 warrant-notice cisco-2002 8\n",
    )
    .unwrap();
    act(
        &mut w,
        &f.on(d(2004, 2, 2)),
        "2004-02-02 reorganize merger\n  property: 0.5 acquirer-common\n  property: 1.25 cash\n",
    )
    .unwrap();
    (w, f)
}

#[test]
fn net_exercise_after_a_merger_at_the_boards_value_of_the_reference_property() {
    let (mut w, f) = merged();
    let g = f.on(d(2004, 3, 2));
    // No value on 2004-03-02 yet: rejected, nothing changes.
    assert_rejected(
        &mut w,
        &g,
        "2004-03-02 net-exercise cisco-2002 1000\n",
        "R0318",
        "8",
    );
    // The Board values the property of one Warrant Share at $4.50.
    apply(
        &mut w,
        &f.on(d(2004, 3, 1)),
        "2004-03-01 cmp-determination cisco-2002 4.50\n  for: 2004-03-02\n",
    )
    .unwrap();
    // §2.1 on the property: CS = 1,000 × (4.50 − 2.408) / 4.50
    // = 2,092 / 4.50 = 464.88… → 464 whole units (a partial exercise: the
    // fraction is not paid). 464 units = 0.5 × 464 = 232 acquirer shares
    // and 1.25 × 464 = $580.00.
    let o = apply(&mut w, &g, "2004-03-02 net-exercise cisco-2002 1000\n").unwrap();
    assert!(o.effects.iter().any(|e| matches!(e, Effect::Issue { security, shares, .. } if security.as_str() == "acquirer-common" && *shares == Shares::from_int(232))));
    assert!(o
        .effects
        .iter()
        .any(|e| matches!(e, Effect::Cash { amount, .. } if *amount == Money::from_int(580))));
    assert!(!o
        .effects
        .iter()
        .any(|e| matches!(e, Effect::Issue { security, .. } if security.as_str() == "common")));
    // New Warrant: 272,067 − 1,000 = 271,067.
    assert_eq!(w.total_shares(), Shares::from_int(271_067));
    // A value not above the Warrant Price: §2.1's condition fails.
    let h = f.on(d(2004, 4, 1));
    apply(
        &mut w,
        &h,
        "2004-04-01 cmp-determination cisco-2002 2.40\n  for: 2004-04-01\n",
    )
    .unwrap();
    assert_rejected(
        &mut w,
        &h,
        "2004-04-01 net-exercise cisco-2002 1000\n",
        "R0307",
        "2.1",
    );
    // Disputed and not yet appraised: no value (R0308).
    apply(
        &mut w,
        &h,
        "2004-04-01 cmp-dispute cisco-2002\n  for: 2004-04-01\n",
    )
    .unwrap();
    assert_rejected(
        &mut w,
        &h,
        "2004-04-01 net-exercise cisco-2002 1000\n",
        "R0308",
        "6(vii)",
    );
}

#[test]
fn net_exercise_after_a_merger_valued_from_the_acquirers_prices() {
    let (mut w, mut f) = merged();
    // The acquirer's shares close at $6.00 on every business day of the
    // §6(vii) window (15 business days ending 2004-03-01).
    f.flat_closes(d(2004, 1, 2), d(2004, 3, 1), "6.00");
    // Value of one unit: $1.25 + 0.5 × $6.00 = $4.25.
    // CS = 2,000 × (4.25 − 2.408) / 4.25 = 3,684 / 4.25 = 866.82… → 866;
    // 0.5 × 866 = 433 acquirer shares, 1.25 × 866 = $1,082.50.
    let o = apply(
        &mut w,
        &f.on(d(2004, 3, 2)),
        "2004-03-02 net-exercise cisco-2002 2000\n",
    )
    .unwrap();
    assert!(o.effects.iter().any(|e| matches!(e, Effect::Issue { security, shares, .. } if security.as_str() == "acquirer-common" && *shares == Shares::from_int(433))));
    assert!(o.effects.iter().any(
        |e| matches!(e, Effect::Cash { amount, .. } if *amount == "1082.50".parse::<Money>().unwrap())
    ));
    let v = o
        .computations
        .iter()
        .find(|c| c.name == "CS")
        .expect("CS schedule");
    assert_eq!(v.value, "866");
    assert_eq!(v.steps[0].value, "4.25");
}
