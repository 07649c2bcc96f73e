//! §2.1 exercise and net exercise, §11 fractions, the replacement warrant,
//! the holder-of-record date, and the rejections of bad exercises (each
//! leaves the warrant unchanged). Figures are worked in the comments.

mod common;
use common::*;
use terms::{Effect, HolderId};
use units::{Money, Shares};
use warrant::{Method, ShareCount};

fn issued_common(o: &terms::Outcome) -> Vec<Shares> {
    o.effects
        .iter()
        .filter_map(|e| match e {
            Effect::Issue { shares, .. } => Some(*shares),
            _ => None,
        })
        .collect()
}

fn cash(o: &terms::Outcome) -> Vec<Money> {
    o.effects
        .iter()
        .filter_map(|e| match e {
            Effect::Cash { amount, .. } => Some(*amount),
            _ => None,
        })
        .collect()
}

#[test]
fn partial_cash_exercise_with_combined_payment_and_replacement_warrant() {
    let (mut w, f) = issued();
    let f = f.on(d(2003, 3, 3));
    // 100,000 × $2.408 = $240,800.00, paid $100,000 cash + $140,800 wire.
    let o = apply(
        &mut w,
        &f,
        "2003-03-03 exercise cisco-2002 100000\n  cash: 100000\n  wire: 140800.00\n",
    )
    .unwrap();
    assert_eq!(issued_common(&o), vec![Shares::from_int(100_000)]);
    // Payment received: negative cash effects of the two cash-like parts.
    assert_eq!(
        cash(&o),
        vec![Money::from_int(-100_000), Money::from_int(-140_800)]
    );
    // The new Warrant: 272,067 − 100,000 = 172,067 shares on a new certificate.
    let s = w.status_at(&f);
    assert_eq!(s.shares, Shares::from_int(172_067));
    assert_eq!(s.holders.len(), 1);
    assert_eq!(s.holders[0].certificate, "cisco-2002-2");
    assert!(s.holders[0]
        .origin
        .contains("unexercised balance of cisco-2002-1"));
    assert_eq!(w.certificates[0].cancelled, Some(d(2003, 3, 3)));
    assert!(s.render_text().contains("172067"));
}

#[test]
fn payment_by_cancellation_of_indebtedness_moves_no_cash() {
    let (mut w, f) = issued();
    // 1,000 × 2.408 = $2,408.00 by cancelling debt owed by the Company.
    let o = apply(
        &mut w,
        &f.on(d(2003, 3, 3)),
        "2003-03-03 exercise cisco-2002 1000\n  cancel-indebtedness: 2408\n",
    )
    .unwrap();
    assert!(cash(&o).is_empty());
    assert_eq!(issued_common(&o), vec![Shares::from_int(1_000)]);
}

#[test]
fn complete_exercise_pays_section_11_cash_for_the_fractional_share() {
    let (mut w, f) = issued();
    // After the below-price issuance the warrant is 279,973.2 shares at $2.34
    // (worked in tests/adjustments.rs).
    act(
        &mut w,
        &f.on(d(2003, 3, 3)),
        "2003-03-03 issue-common investor-1 2000000\n  price: 1.50\n  underwriting: 150000\n",
    )
    .unwrap();
    assert_eq!(w.total_shares(), sh("279973.2"));
    // A fractional exercise is refused (§2.1 "not as to any fractional share").
    assert_rejected(
        &mut w,
        &f.on(d(2004, 1, 5)),
        "2004-01-05 exercise cisco-2002 279973.2\n  cash: 655137.29\n",
        "R0303",
        "2.1",
    );
    // Exercise for the largest number of whole shares: 279,973 × $2.34
    // = $655,136.82. §11: 0.2 × ($3.00 Board value − $2.34) = 0.132 → $0.13.
    let o = apply(
        &mut w,
        &f.on(d(2004, 1, 5)),
        "2004-01-05 exercise cisco-2002 all\n  check: 655136.82\n  fraction-value: 3.00\n",
    )
    .unwrap();
    assert_eq!(issued_common(&o), vec![Shares::from_int(279_973)]);
    assert!(
        cash(&o).contains(&Money::new(p("0.13").value())),
        "{:?}",
        o.effects
    );
    assert!(cash(&o).contains(&Money::new(p("-655136.82").value())));
    // Nothing remains: no new Warrant.
    assert_eq!(w.total_shares(), Shares::ZERO);
    assert_eq!(w.status_at(&f.on(d(2004, 1, 5))).state, "exercised in full");
}

#[test]
fn partial_exercise_carries_the_fraction_into_the_new_warrant() {
    let (mut w, f) = issued();
    act(
        &mut w,
        &f.on(d(2003, 3, 3)),
        "2003-03-03 issue-common investor-1 2000000\n  price: 1.50\n  underwriting: 150000\n",
    )
    .unwrap();
    // 100,000 × $2.34 = $234,000.00; the new Warrant: 279,973.2 − 100,000
    // = 179,973.2 (the fraction is carried and settled under §11 later).
    let o = apply(
        &mut w,
        &f.on(d(2004, 1, 5)),
        "2004-01-05 exercise cisco-2002 100000\n  cash: 234000\n",
    )
    .unwrap();
    assert_eq!(w.total_shares(), sh("179973.2"));
    assert_eq!(cash(&o), vec![Money::from_int(-234_000)]);
}

#[test]
fn net_exercise_with_a_window_spanning_memorial_day() {
    let (mut w, mut f) = issued();
    // Net exercise on Tuesday 2003-06-10. §6(vii): the 15 business days
    // ending on Monday 2003-06-09 are May 19–23, May 27–30, June 2–6 and
    // June 9 (Memorial Day, May 26, is not a business day).
    f.flat_closes(d(2003, 5, 19), d(2003, 6, 9), "4.00");
    f.closes.insert(d(2003, 6, 9), p("4.15"));
    // Decoys that must not count: the holiday and the day before the window.
    f.closes.insert(d(2003, 5, 26), p("10.00"));
    f.closes.insert(d(2003, 5, 16), p("10.00"));
    // CMP = (14 × 4.00 + 4.15) / 15 = 60.15 / 15 = $4.01.
    let f = f.on(d(2003, 6, 10));
    let q = w
        .what_if(
            &f,
            Method::Net,
            None,
            ShareCount::Count(Shares::from_int(100_000)),
        )
        .unwrap();
    assert_eq!(q.current_market_price, Some(p("4.01")));
    // CS = 100,000 × (4.01 − 2.408) / 4.01 = 160,200 / 4.01 = 39,950.12… →
    // 39,950 whole shares; a partial exercise pays no cash for the fraction.
    assert_eq!(q.common_issued, Shares::from_int(39_950));
    assert!(q.net_fraction_cash.is_none());
    assert_eq!(q.remaining, Shares::from_int(172_067));
    assert!(q.render_text().contains("39950"));
    // The event does what the what-if said.
    let o = apply(&mut w, &f, "2003-06-10 net-exercise cisco-2002 100000\n").unwrap();
    assert_eq!(issued_common(&o), vec![Shares::from_int(39_950)]);
    assert!(cash(&o).is_empty());
    assert_eq!(w.total_shares(), Shares::from_int(172_067));
}

#[test]
fn complete_net_exercise_pays_the_cs_fraction_at_its_value() {
    let (mut w, mut f) = issued();
    f.flat_closes(d(2003, 5, 1), d(2003, 6, 30), "4.00");
    // CMP $4.00. CS = 272,067 × (4.00 − 2.408) / 4.00 = 433,130.664 / 4.00
    // = 108,282.666 → 108,282 shares; complete exercise: the 0.666 fraction
    // × $4.00 = $2.664 → $2.66 (term `cash-on-complete`).
    let o = apply(
        &mut w,
        &f.on(d(2003, 6, 10)),
        "2003-06-10 net-exercise cisco-2002 all\n",
    )
    .unwrap();
    assert_eq!(issued_common(&o), vec![Shares::from_int(108_282)]);
    assert_eq!(cash(&o), vec![Money::new(p("2.66").value())]);
}

#[test]
fn net_exercise_is_refused_when_the_current_market_price_does_not_exceed_the_warrant_price() {
    let (mut w, mut f) = issued();
    f.flat_closes(d(2003, 5, 1), d(2003, 6, 30), "2.40");
    // CMP $2.40 ≤ WP $2.408.
    assert_rejected(
        &mut w,
        &f.on(d(2003, 6, 10)),
        "2003-06-10 net-exercise cisco-2002 1000\n",
        "R0307",
        "2.1",
    );
}

#[test]
fn net_exercise_without_prices_uses_the_board_determination_until_disputed() {
    let (mut w, f) = issued();
    let day = d(2003, 6, 10);
    // No quotations: the Board determines $3.50 for 2003-06-10, the Holder
    // informed on 2003-06-02.
    apply(
        &mut w,
        &f.on(d(2003, 6, 2)),
        "2003-06-02 cmp-determination cisco-2002 3.50\n  for: 2003-06-10\n  informed: 2003-06-02\n",
    )
    .unwrap();
    let q = w
        .what_if(
            &f.on(day),
            Method::Net,
            None,
            ShareCount::Count(Shares::from_int(10_000)),
        )
        .unwrap();
    // CS = 10,000 × (3.50 − 2.408) / 3.50 = 10,920 / 3.50 = 3,120 exactly.
    assert_eq!(q.common_issued, Shares::from_int(3_120));
    // A dispute more than 30 days after being informed is too late.
    assert_rejected(
        &mut w,
        &f.on(d(2003, 7, 3)),
        "2003-07-03 cmp-dispute cisco-2002\n  for: 2003-06-10\n",
        "R0315",
        "6(vii)",
    );
    // Within 30 days (by 2003-07-02) it stands; the price is then unknown…
    apply(
        &mut w,
        &f.on(d(2003, 7, 2)),
        "2003-07-02 cmp-dispute cisco-2002\n  for: 2003-06-10\n",
    )
    .unwrap();
    let r = w
        .what_if(
            &f.on(day),
            Method::Net,
            None,
            ShareCount::Count(Shares::from_int(10_000)),
        )
        .unwrap_err();
    assert_eq!(r.code, "R0308");
    // …until the independent firm determines it: $3.20.
    apply(&mut w, &f.on(d(2003, 8, 1)), "2003-08-01 cmp-appraisal cisco-2002 3.20\n  for: 2003-06-10\n  firm: \"Independent Bank\"\n").unwrap();
    let q = w
        .what_if(
            &f.on(day),
            Method::Net,
            None,
            ShareCount::Count(Shares::from_int(10_000)),
        )
        .unwrap();
    // CS = 10,000 × (3.20 − 2.408) / 3.20 = 7,920 / 3.20 = 2,475 exactly.
    assert_eq!(q.common_issued, Shares::from_int(2_475));
}

#[test]
fn exercise_on_the_expiration_date_is_allowed_and_the_day_after_is_rejected() {
    let (mut w, f) = issued();
    let r = assert_rejected(
        &mut w,
        &f.on(d(2009, 5, 2)),
        "2009-05-02 exercise cisco-2002 1000\n  cash: 2408\n",
        "R0302",
        "2.1",
    );
    assert!(r.message.contains("2009-05-01"), "{r}");
    apply(
        &mut w,
        &f.on(d(2009, 5, 1)),
        "2009-05-01 exercise cisco-2002 1000\n  cash: 2408\n",
    )
    .unwrap();
    assert_eq!(w.status_at(&f.on(d(2009, 5, 2))).state, "expired");
}

#[test]
fn bad_exercises_are_rejected_with_their_clause_and_change_nothing() {
    let (mut w, f) = issued();
    let f = f.on(d(2003, 3, 3));
    // More shares than the warrant represents.
    assert_rejected(
        &mut w,
        &f,
        "2003-03-03 exercise cisco-2002 272068\n  cash: 655139.74\n",
        "R0304",
        "2.1",
    );
    // A fractional share.
    assert_rejected(
        &mut w,
        &f,
        "2003-03-03 exercise cisco-2002 10.5\n  cash: 25.28\n",
        "R0303",
        "2.1",
    );
    // Payment short by a cent: 1,000 × 2.408 = $2,408.00.
    assert_rejected(
        &mut w,
        &f,
        "2003-03-03 exercise cisco-2002 1000\n  cash: 2407.99\n",
        "R0305",
        "2.1",
    );
    // No payment at all.
    assert_rejected(
        &mut w,
        &f,
        "2003-03-03 exercise cisco-2002 1000\n",
        "R0306",
        "2.1",
    );
    // Zero shares.
    assert_rejected(
        &mut w,
        &f,
        "2003-03-03 exercise cisco-2002 0\n  cash: 0\n",
        "R0320",
        "2.1",
    );
    // A holder with no warrant.
    assert_rejected(
        &mut w,
        &f,
        "2003-03-03 exercise cisco-2002 10\n  cash: 24.08\n  holder: alice\n",
        "R0301",
        "7.1",
    );
    // Before issuance.
    let mut fresh = warrant();
    assert_rejected(
        &mut fresh,
        &f,
        "2003-03-03 exercise cisco-2002 10\n  cash: 24.08\n",
        "R0301",
        "1",
    );
}

#[test]
fn shares_issued_while_the_transfer_books_are_closed_are_of_record_when_they_reopen() {
    let (mut w, f) = issued();
    apply(
        &mut w,
        &f.on(d(2003, 6, 20)),
        "2003-06-20 close-transfer-books cisco-2002 2003-06-27 2003-06-30\n",
    )
    .unwrap();
    let q = w
        .what_if(
            &f.on(d(2003, 6, 28)),
            Method::Cash,
            None,
            ShareCount::Count(Shares::from_int(10)),
        )
        .unwrap();
    // §2.1: "at the close of business on the next succeeding date on which
    // the stock transfer books are open": 2003-07-01.
    assert_eq!(q.holder_of_record_from, d(2003, 7, 1));
    // §2.1: delivery within 15 days: 2003-06-28 + 15 = 2003-07-13.
    assert_eq!(q.delivery_due, d(2003, 7, 13));
    let q = w
        .what_if(
            &f.on(d(2003, 7, 1)),
            Method::Cash,
            None,
            ShareCount::Count(Shares::from_int(10)),
        )
        .unwrap();
    assert_eq!(q.holder_of_record_from, d(2003, 7, 1));
}

#[test]
fn shares_may_be_issued_in_another_name() {
    let (mut w, f) = issued();
    let o = apply(
        &mut w,
        &f.on(d(2003, 3, 3)),
        "2003-03-03 exercise cisco-2002 10\n  cash: 24.08\n  issue-to: cisco-affiliate\n",
    )
    .unwrap();
    assert!(o.effects.iter().any(
        |e| matches!(e, Effect::Issue { holder, .. } if *holder == HolderId::new("cisco-affiliate"))
    ));
}

#[test]
fn other_refusals_name_their_clause_and_change_nothing() {
    let (mut w, f) = issued();
    // An event addressed to another warrant (R0321).
    assert_rejected(
        &mut w,
        &f.on(d(2003, 3, 3)),
        "2003-03-03 exercise other-warrant 10\n  cash: 24.08\n",
        "R0321",
        "1",
    );
    // A dispute with no Board determination for the date (R0316).
    assert_rejected(
        &mut w,
        &f.on(d(2003, 3, 3)),
        "2003-03-03 cmp-dispute cisco-2002\n  for: 2003-03-03\n",
        "R0316",
        "6(vii)",
    );
    // A warrant of no shares (R0325), on a fresh warrant.
    let mut fresh = warrant();
    assert_rejected(
        &mut fresh,
        &f,
        "2002-05-01 issue-warrant cisco-2002 cisco-capital 0\n  price: 2.408\n",
        "R0325",
        "1",
    );
    // §11 needs a value for the fractional Warrant Share on the complete
    // exercise: 1,000.5 Warrant Shares, `all` = 1,000 whole shares and the
    // 0.5 paid in cash; with no prices, no Board value and no
    // `fraction-value:`, there is none (R0317).
    let mut half = warrant();
    apply(
        &mut half,
        &f,
        "2002-05-01 issue-warrant cisco-2002 cisco-capital 1000.5\n  price: 2.408\n",
    )
    .unwrap();
    assert_rejected(
        &mut half,
        &f.on(d(2003, 3, 3)),
        "2003-03-03 exercise cisco-2002 all\n  cash: 2408\n",
        "R0317",
        "11",
    );
    // With the Board's value $3.00: 0.5 × (3.00 − 2.408) = 0.296 → $0.30.
    let o = apply(
        &mut half,
        &f.on(d(2003, 3, 3)),
        "2003-03-03 exercise cisco-2002 all\n  cash: 2408\n  fraction-value: 3.00\n",
    )
    .unwrap();
    assert!(o.effects.iter().any(
        |e| matches!(e, terms::Effect::Cash { amount, .. } if *amount == "0.30".parse::<Money>().unwrap())
    ));
}

#[test]
fn a_form_without_the_net_exercise_election_refuses_it() {
    let text = TERMS.replace("net_exercise = true", "net_exercise = false");
    let mut w = warrant::Warrant::from_terms_text(
        terms::InstrumentId::new("cisco-2002"),
        journal::FileId(0),
        &text,
    )
    .unwrap();
    let f = Fake::ctc(d(2002, 5, 1));
    apply(
        &mut w,
        &f,
        "2002-05-01 issue-warrant cisco-2002 cisco-capital 272067\n  price: 2.408\n",
    )
    .unwrap();
    assert_rejected(
        &mut w,
        &f.on(d(2003, 3, 3)),
        "2003-03-03 net-exercise cisco-2002 1000\n",
        "R0323",
        "2.1",
    );
}
