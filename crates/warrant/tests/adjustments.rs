//! §5 and §6 adjustments worked by hand from the Warrant's text. Every
//! figure in an assertion is derived in the comment beside it.

mod common;
use actions::Instrument;
use common::*;
use units::Shares;
use warrant::state::add_days;

#[test]
fn issuance_sets_the_cover_page() {
    let (w, f) = issued();
    let s = w.status_at(&f);
    // §1: the seventh anniversary of May 1, 2002 is May 1, 2009.
    assert_eq!(s.expiration_date, Some(d(2009, 5, 1)));
    // The initial price is kept as stated ($2.408) until the first
    // adjustment (term `initial_price = "as-stated"`).
    assert_eq!(s.warrant_price, p("2.408"));
    assert_eq!(s.shares, Shares::from_int(272_067));
    assert_eq!(s.state, "outstanding");
}

#[test]
fn below_price_issuance_of_common_adjusts_price_to_the_cent_and_shares_to_the_tenth() {
    let (mut w, f) = issued();
    let f = f.on(d(2003, 3, 3));
    let o = act(
        &mut w,
        &f,
        "2003-03-03 issue-common investor-1 2000000\n  price: 1.50\n  underwriting: 150000\n",
    )
    .unwrap();
    // Rule 1: consideration = 2,000,000 × $1.50 − $150,000 = $2,850,000,
    // i.e. $1.425 per share < $2.408, so §6(i) applies.
    // New price = (27,206,681 × 2.408 + 2,850,000) / (27,206,681 + 2,000,000)
    //           = (65,513,687.848 + 2,850,000) / 29,206,681
    //           = 68,363,687.848 / 29,206,681 = 2.34068… → $2.34 (§6(vi)).
    assert_eq!(w.price, p("2.34"));
    // §5: 272,067 × 2.408 / 2.34 = 655,137.336 / 2.34 = 279,973.2205… → 279,973.2
    assert_eq!(w.total_shares(), sh("279973.2"));
    let st = w.history.last().unwrap();
    assert_eq!(st.clause.to_string(), "Warrant §6(i)");
    assert_eq!((st.price_before, st.price_after), (p("2.408"), p("2.34")));
    assert_eq!(
        (st.shares_before, st.shares_after),
        (Shares::from_int(272_067), sh("279973.2"))
    );
    let text = st.render_text();
    assert!(text.contains("$2.408 -> $2.34"), "{text}");
    assert!(text.contains("Warrant §6(viii)"), "{text}");
    assert!(!o.computations.is_empty());
    // §3: 100,000,000 authorized − 27,206,681 outstanding − 2,000,000 new
    // leaves ample reserve: no warning.
    assert!(o.warnings.is_empty(), "{:?}", o.warnings);
}

#[test]
fn issuance_at_or_above_the_warrant_price_does_not_adjust() {
    let (mut w, f) = issued();
    // 1,000,000 × $2.50 = $2,500,000 gross, $92,000 underwriting → $2.408 net
    // per share: not "less than" the Warrant Price, so no adjustment.
    act(
        &mut w,
        &f.on(d(2003, 3, 3)),
        "2003-03-03 issue-common investor-1 1000000\n  price: 2.50\n  underwriting: 92000\n",
    )
    .unwrap();
    assert_eq!(w.price, p("2.408"));
    assert!(w.history.is_empty());
}

#[test]
fn a_dilutive_issuance_never_raises_the_warrant_price_by_rounding() {
    let (mut w, f) = issued();
    // 1,000 shares at $1.00 = $1,000, $1.00 per share < $2.408: dilutive.
    // Exact new price = (27,206,681 × 2.408 + 1,000) / (27,206,681 + 1,000)
    //                 = 65,514,687.848 / 27,207,681 = 2.407948… .
    // To the cent that is $2.41, above the $2.408 in effect: applying it
    // would raise the price and cut the shares to 272,067 × 2.408 / 2.41 =
    // 271,841.2. §6(i) only lowers the price, so no adjustment is made.
    act(
        &mut w,
        &f.on(d(2003, 3, 3)),
        "2003-03-03 issue-common investor-1 1000\n  price: 1.00\n",
    )
    .unwrap();
    assert_eq!(w.price, p("2.408"));
    assert_eq!(w.total_shares(), Shares::from_int(272_067));
    assert!(w.history.is_empty());
    // The step stays in the chain: a later §6(i)(3)(C)/(D) replay starts
    // from the same $2.408 and skips it the same way.
    assert_eq!(w.steps.len(), 1);
}

#[test]
fn non_cash_consideration_is_capped_at_current_market_price() {
    let (mut w, mut f) = issued();
    f.flat_closes(d(2003, 2, 1), d(2003, 3, 31), "2.00");
    let f = f.on(d(2003, 3, 3));
    // Rule 2: non-cash valued by the Board at $3,000,000 for 1,000,000
    // shares, capped at CMP $2.00 × 1,000,000 = $2,000,000 → $2.00 per share
    // < $2.408: adjust with $2,000,000.
    // (27,206,681 × 2.408 + 2,000,000) / 28,206,681 = 67,513,687.848 / 28,206,681
    // = 2.39354… → $2.39
    act(
        &mut w,
        &f,
        "2003-03-03 issue-common seller-1 1000000\n  non-cash: 3000000\n  purpose: acquisition\n",
    )
    .unwrap();
    assert_eq!(w.price, p("2.39"));
}

#[test]
fn option_issuance_is_deemed_issued_and_readjusted_when_it_expires() {
    let (mut w, f) = issued();
    // §6(i)(3)(A): 1,000,000 options at a minimum price of $1.00, nothing
    // paid for the options: deemed issued for $1,000,000 ($1.00 < $2.408).
    // (27,206,681 × 2.408 + 1,000,000) / 28,206,681 = 66,513,687.848 / 28,206,681
    // = 2.35808… → $2.36
    act(
        &mut w,
        &f.on(d(2003, 1, 15)),
        "2003-01-15 issue-rights options-2003 1000000\n  exercise-price: 1.00\n",
    )
    .unwrap();
    assert_eq!(w.price, p("2.36"));
    // §5: 272,067 × 2.408 / 2.36 = 277,600.566… → 277,600.6
    assert_eq!(w.total_shares(), sh("277600.6"));
    assert_eq!(w.deemed_outstanding().unwrap(), Shares::from_int(1_000_000));
    // §6(i)(3)(D): they expire unexercised → as if none had been issued: the
    // step drops out of the chain and the price returns to $2.408.
    let o = act(
        &mut w,
        &f.on(d(2004, 1, 15)),
        "2004-01-15 expire-rights options-2003\n  exercised: 0\n",
    )
    .unwrap();
    assert_eq!(w.price, p("2.408"));
    // §5: 277,600.6 × 2.36 / 2.408 = 655,137.416 / 2.408 = 272,067.03… → 272,067.0
    assert_eq!(w.total_shares(), sh("272067.0"));
    assert_eq!(w.history.last().unwrap().clause.section, "6(i)(3)(D)");
    assert_eq!(w.deemed_outstanding().unwrap(), Shares::ZERO);
    assert!(!o.computations.is_empty());
}

#[test]
fn option_expiry_after_partial_exercise_recomputes_on_shares_actually_issued() {
    let (mut w, f) = issued();
    act(
        &mut w,
        &f.on(d(2003, 1, 15)),
        "2003-01-15 issue-rights options-2003 1000000\n  exercise-price: 1.00\n",
    )
    .unwrap();
    // 400,000 of the 1,000,000 were exercised: recompute the 2003-01-15 step
    // on 400,000 shares for $400,000:
    // (27,206,681 × 2.408 + 400,000) / 27,606,681 = 65,913,687.848 / 27,606,681
    // = 2.38760… → $2.39
    act(
        &mut w,
        &f.on(d(2004, 1, 15)),
        "2004-01-15 expire-rights options-2003\n  exercised: 400000\n",
    )
    .unwrap();
    assert_eq!(w.price, p("2.39"));
    // §5 from the current 277,600.6 at $2.36: 277,600.6 × 2.36 / 2.39
    // = 274,116.07… → 274,116.1
    assert_eq!(w.total_shares(), sh("274116.1"));
}

#[test]
fn amendment_of_the_number_of_shares_readjusts_but_a_price_change_alone_does_not() {
    let (mut w, f) = issued();
    act(
        &mut w,
        &f.on(d(2003, 1, 15)),
        "2003-01-15 issue-rights options-2003 1000000\n  exercise-price: 1.00\n",
    )
    .unwrap();
    // §6(i)(3)(C) names only "any change in the number of shares": an
    // exercise-price change alone leaves the price at $2.36.
    act(
        &mut w,
        &f.on(d(2003, 6, 2)),
        "2003-06-02 amend-rights options-2003\n  exercise-price: 0.50\n",
    )
    .unwrap();
    assert_eq!(w.price, p("2.36"));
    // Cut to 400,000 shares: as if 400,000 had been issued for $400,000 →
    // $2.39 (as worked in the expiry test).
    act(
        &mut w,
        &f.on(d(2003, 7, 1)),
        "2003-07-01 amend-rights options-2003\n  max-shares: 400000\n",
    )
    .unwrap();
    assert_eq!(w.price, p("2.39"));
    assert_eq!(w.history.last().unwrap().clause.section, "6(i)(3)(C)");
}

#[test]
fn plan_options_in_effect_on_the_warrant_date_are_excluded_but_counted_in_the_base() {
    let (mut w, f) = issued();
    // §6(ii)(2): options under the 1998 plan (listed in the term file): no
    // adjustment although $1.00 < $2.408.
    act(&mut w, &f.on(d(2003, 1, 15)), "2003-01-15 issue-rights plan-1998 500000\n  exercise-price: 1.00\n  purpose: employee-plan\n").unwrap();
    assert_eq!(w.price, p("2.408"));
    // …but they are "deemed to have been issued pursuant to ... clause (ii)"
    // and join the base of a later issuance: 2,000,000 shares at $1.50 net
    // $2,850,000 as before, base 27,206,681 + 500,000 = 27,706,681:
    // (27,706,681 × 2.408 + 2,850,000) / 29,706,681
    // = (66,717,687.848 + 2,850,000) / 29,706,681 = 2.34185… → $2.34
    act(
        &mut w,
        &f.on(d(2003, 3, 3)),
        "2003-03-03 issue-common investor-1 2000000\n  price: 1.50\n  underwriting: 150000\n",
    )
    .unwrap();
    assert_eq!(w.price, p("2.34"));
    // Options of a plan adopted after the warrant's date are not Excluded
    // Stock: 1,000,000 at $1.00 against the base 27,206,681 + 500,000 deemed.
    // (27,706,681 × 2.34 + 1,000,000) / 28,706,681 = 65,833,633.54 / 28,706,681
    // = 2.29332… → $2.29
    act(&mut w, &f.on(d(2003, 4, 1)), "2003-04-01 issue-rights plan-2003 1000000\n  exercise-price: 1.00\n  purpose: employee-plan\n").unwrap();
    assert_eq!(w.price, p("2.29"));
}

#[test]
fn split_then_combination_take_effect_the_business_day_after_the_record_date() {
    let (mut w, f) = issued();
    // A 2-for-1 split declared 2003-06-02 with record date Friday 2003-06-13:
    // §6(ix) effective at the opening of business Monday 2003-06-16.
    act(
        &mut w,
        &f.on(d(2003, 6, 2)),
        "2003-06-02 split 2 1\n  record-date: 2003-06-13\n",
    )
    .unwrap();
    assert_eq!(w.price, p("2.408"), "not yet effective");
    assert_eq!(w.next_scheduled(d(2003, 6, 2)), Some(d(2003, 6, 16)));
    let o = w.run_scheduled(d(2003, 6, 16), &f.on(d(2003, 6, 16)));
    assert!(o.warnings.is_empty(), "{:?}", o.warnings);
    // §6(iii): 2.408 / 2 = 1.204 → $1.20 (§6(vi)); the shares move "in
    // proportion": 272,067 × 2 = 544,134.0 (not 272,067 × 2.408 / 1.20 =
    // 545,947.8, which let the cent rounding add 1,813.8 shares).
    assert_eq!(w.price, p("1.20"));
    assert_eq!(w.total_shares(), sh("544134.0"));
    assert_eq!(w.history.last().unwrap().effective, d(2003, 6, 16));
    assert_eq!(w.history.last().unwrap().clause.section, "6(iii)");
    // 1-for-2 combination, record date = action date 2003-09-02 (Tuesday):
    // effective 2003-09-03; applied when scheduled.
    act(&mut w, &f.on(d(2003, 9, 2)), "2003-09-02 combine 1 2\n").unwrap();
    w.run_scheduled(d(2003, 9, 3), &f.on(d(2003, 9, 3)));
    // §6(iv): 1.20 × 2 = $2.40; shares in proportion: 544,134 × 1 / 2 =
    // 272,067.0 — the split and the combination cancel, as they must (the
    // old reading left 272,973.9).
    assert_eq!(w.price, p("2.40"));
    assert_eq!(w.total_shares(), sh("272067.0"));
    assert_eq!(w.history.last().unwrap().clause.section, "6(iv)");
}

#[test]
fn a_three_for_one_split_triples_the_warrant_shares_exactly() {
    let (mut w, f) = issued();
    act(&mut w, &f.on(d(2003, 6, 2)), "2003-06-02 split 3 1\n").unwrap();
    // Record date = action date (Monday 2003-06-02): effective Tuesday
    // 2003-06-03 (§6(ix)).
    w.run_scheduled(d(2003, 6, 3), &f.on(d(2003, 6, 3)));
    // §6(iii): 2.408 / 3 = 0.802666… → $0.80 (§6(vi)). Shares "increased in
    // proportion": 272,067 × 3 = 816,201.0 (§5 with the rounded price gave
    // 272,067 × 2.408 / 0.80 = 818,921.7).
    assert_eq!(w.price, p("0.80"));
    assert_eq!(w.total_shares(), sh("816201.0"));
    let st = w.history.last().unwrap();
    assert_eq!(st.shares_after, sh("816201.0"));
    assert!(st
        .computations
        .iter()
        .any(|c| c.name == "Warrant Shares" && c.clauses.iter().any(|k| k.section == "6(iii)")));
}

#[test]
fn a_tiny_distribution_never_raises_the_warrant_price_by_rounding() {
    let (mut w, mut f) = issued();
    f.flat_closes(d(2003, 8, 1), d(2003, 9, 30), "3.00");
    // Assets worth $0.003 a share, record date 2003-09-15; CMP $3.00.
    // §6(v): 2.408 × (3.00 − 0.003) / 3.00 = 2.408 × 0.999 = 2.405592 → $2.41
    // to the cent, above $2.408: no adjustment (shares stay 272,067).
    act(
        &mut w,
        &f.on(d(2003, 9, 22)),
        "2003-09-22 distribute assets\n  per-share: 0.003\n  record-date: 2003-09-15\n",
    )
    .unwrap();
    assert_eq!(w.price, p("2.408"));
    assert_eq!(w.total_shares(), Shares::from_int(272_067));
    assert!(w.history.is_empty());
}

#[test]
fn extraordinary_distribution_adjusts_by_the_current_market_price_fraction_with_a_due_bill() {
    let (mut w, mut f) = issued();
    f.flat_closes(d(2003, 8, 1), d(2003, 9, 30), "3.00");
    // §10 notice mailed 45 days before the record date 2003-09-15.
    apply(
        &mut w,
        &f.on(d(2003, 8, 1)),
        "2003-08-01 warrant-notice cisco-2002 10\n  concerning: 2003-09-15\n",
    )
    .unwrap();
    // An exercise of 1,000 shares on 2003-09-17, after the record date and
    // before the distribution is made: $2,408.00 at the old price.
    apply(
        &mut w,
        &f.on(d(2003, 9, 17)),
        "2003-09-17 exercise cisco-2002 1000\n  wire: 2408.00\n",
    )
    .unwrap();
    // The distribution of assets worth $0.50 a share is made 2003-09-22.
    let o = act(
        &mut w,
        &f.on(d(2003, 9, 22)),
        "2003-09-22 distribute assets\n  per-share: 0.50\n  record-date: 2003-09-15\n",
    )
    .unwrap();
    // CMP at the record date: 15 business days to 2003-09-12 at $3.00 → $3.00.
    // §6(v): 2.408 × (3.00 − 0.50) / 3.00 = 2.00666… → $2.01
    assert_eq!(w.price, p("2.01"));
    // §5 on the remaining 271,067: 271,067 × 2.408 / 2.01 = 324,740.95… → 324,741.0
    assert_eq!(w.total_shares(), sh("324741.0"));
    // §6(ix): effective the business day after the record date.
    assert_eq!(w.history.last().unwrap().effective, d(2003, 9, 16));
    // §6(xi) due bill: 1,000 × 2.408 / 2.01 − 1,000 = 198.0099… → 198 whole
    // additional shares to the exerciser.
    let due: Vec<&terms::Effect> = o
        .effects
        .iter()
        .filter(|e| matches!(e, terms::Effect::Issue { shares, .. } if *shares == Shares::from_int(198)))
        .collect();
    assert_eq!(due.len(), 1, "{:?}", o.effects);
    // The §10 notice was timely: no notice warning.
    assert!(
        o.warnings.iter().all(|x| x.code != "W0302"),
        "{:?}",
        o.warnings
    );
}

#[test]
fn a_distribution_without_its_section_10_notice_warns() {
    let (mut w, mut f) = issued();
    f.flat_closes(d(2003, 8, 1), d(2003, 9, 30), "3.00");
    let o = act(
        &mut w,
        &f.on(d(2003, 9, 22)),
        "2003-09-22 distribute cash\n  per-share: 0.10\n  record-date: 2003-09-15\n",
    )
    .unwrap();
    let warn = o
        .warnings
        .iter()
        .find(|x| x.code == "W0302")
        .expect("§10 warning");
    // Due 30 days before 2003-09-15: 2003-08-16.
    assert!(warn.message.contains("2003-08-16"), "{}", warn.message);
    // 2.408 × (3.00 − 0.10) / 3.00 = 2.32773… → $2.33
    assert_eq!(w.price, p("2.33"));
    assert_eq!(add_days(d(2003, 9, 15), -30), d(2003, 8, 16));
}

#[test]
fn a_cash_dividend_out_of_earned_surplus_does_not_adjust() {
    let (mut w, mut f) = issued();
    f.flat_closes(d(2003, 8, 1), d(2003, 9, 30), "3.00");
    apply(
        &mut w,
        &f.on(d(2003, 9, 1)),
        "2003-09-01 dividend-source cisco-2002 2003-09-15 earnings\n",
    )
    .unwrap();
    let o = act(
        &mut w,
        &f.on(d(2003, 9, 22)),
        "2003-09-22 distribute cash\n  per-share: 0.10\n  record-date: 2003-09-15\n",
    )
    .unwrap();
    assert_eq!(w.price, p("2.408"));
    assert!(o.warnings.is_empty());
}

#[test]
fn a_dividend_source_after_its_distribution_is_refused_not_ignored() {
    // Unstated, CTC's term file presumes capital: the 2003-09-22 cash
    // dividend of $0.10 adjusts the price under §6(v):
    // 2.408 × (3.00 − 0.10) / 3.00 = 2.32773… → $2.33.
    let (mut w, mut f) = issued();
    f.flat_closes(d(2003, 8, 1), d(2003, 9, 30), "3.00");
    act(
        &mut w,
        &f.on(d(2003, 9, 22)),
        "2003-09-22 distribute cash\n  per-share: 0.10\n  record-date: 2003-09-15\n",
    )
    .unwrap();
    assert_eq!(w.price, p("2.33"));
    // Saying afterwards that it came out of earned surplus would have meant
    // no adjustment ($2.408): refused with the clause, nothing changes.
    let r = assert_rejected(
        &mut w,
        &f.on(d(2003, 9, 23)),
        "2003-09-23 dividend-source cisco-2002 2003-09-15 earnings\n",
        "R0327",
        "6(v)",
    );
    assert!(r.message.contains("2003-09-15"), "{}", r.message);
    assert_eq!(w.price, p("2.33"));
    // Confirming the source it was applied on changes no figure: accepted.
    apply(
        &mut w,
        &f.on(d(2003, 9, 23)),
        "2003-09-23 dividend-source cisco-2002 2003-09-15 capital\n",
    )
    .unwrap();
    assert_eq!(w.price, p("2.33"));
    // A record date with no distribution applied yet is still free.
    apply(
        &mut w,
        &f.on(d(2003, 9, 23)),
        "2003-09-23 dividend-source cisco-2002 2003-12-15 earnings\n",
    )
    .unwrap();
}

#[test]
fn a_distribution_without_a_current_market_price_is_rejected_and_changes_nothing() {
    let (mut w, f) = issued();
    let before = snapshot(&w);
    let r = act(
        &mut w,
        &f.on(d(2003, 9, 22)),
        "2003-09-22 distribute assets\n  per-share: 0.10\n  record-date: 2003-09-15\n",
    )
    .unwrap_err();
    assert_eq!(r.code, "R0308");
    assert_eq!(snapshot(&w), before);
}

#[test]
fn no_adjustment_after_the_term() {
    let (mut w, f) = issued();
    act(
        &mut w,
        &f.on(d(2009, 5, 2)),
        "2009-05-02 issue-common investor-1 2000000\n  price: 0.10\n",
    )
    .unwrap();
    assert_eq!(w.price, p("2.408"));
    assert_eq!(w.common_issuable(&f.on(d(2009, 5, 2))), Shares::ZERO);
    assert_eq!(
        w.common_issuable(&f.on(d(2009, 5, 1))),
        Shares::from_int(272_067)
    );
}

#[test]
fn reserve_covenant_warns_when_authorized_common_is_short() {
    let (mut w, mut f) = issued();
    // 27,400,000 authorized − 27,206,681 outstanding − 100,000 new = 93,319
    // unissued < 272,067 Warrant Shares: §3 warning (not a rejection).
    f.authorized = Some(Shares::from_int(27_400_000));
    let o = act(
        &mut w,
        &f.on(d(2003, 3, 3)),
        "2003-03-03 issue-common investor-1 100000\n  price: 5.00\n",
    )
    .unwrap();
    let warn = o
        .warnings
        .iter()
        .find(|x| x.code == "W0301")
        .expect("reserve warning");
    assert!(warn.message.contains("93319"), "{}", warn.message);
}

#[test]
fn due_bill_for_a_split_covers_only_exercises_the_ledger_did_not_subdivide() {
    let (mut w, f) = issued();
    // Split declared 2003-06-02, record date Friday 2003-06-13, effective
    // Monday 2003-06-16; the ledger subdivides positions on 2003-06-02.
    act(
        &mut w,
        &f.on(d(2003, 6, 2)),
        "2003-06-02 split 2 1\n  record-date: 2003-06-13\n",
    )
    .unwrap();
    // Exercise on Saturday 2003-06-14 (after the record date, before the
    // adjustment is effective): 1,000 shares at the old $2.408 = $2,408.00.
    apply(
        &mut w,
        &f.on(d(2003, 6, 14)),
        "2003-06-14 exercise cisco-2002 1000\n  cash: 2408\n",
    )
    .unwrap();
    let o = w.run_scheduled(d(2003, 6, 16), &f.on(d(2003, 6, 16)));
    // §6(xi): the shares issued move in the split's proportion, like the
    // certificates: 1,000 × 2 / 1 − 1,000 = 1,000 additional shares (the
    // price ratio 2.408 / 1.20 would have given 1,006).
    let extra: Vec<Shares> = o
        .effects
        .iter()
        .filter_map(|e| match e {
            terms::Effect::Issue { shares, .. } => Some(*shares),
            _ => None,
        })
        .collect();
    assert_eq!(extra, vec![Shares::from_int(1_000)]);

    // A split dated when made (2003-09-10), record date 2003-09-03: an
    // exercise on 2003-09-05 is subdivided by the ledger on 2003-09-10, so
    // no due bill.
    let (mut w, f) = issued();
    apply(
        &mut w,
        &f.on(d(2003, 9, 5)),
        "2003-09-05 exercise cisco-2002 1000\n  cash: 2408\n",
    )
    .unwrap();
    let o = act(
        &mut w,
        &f.on(d(2003, 9, 10)),
        "2003-09-10 split 2 1\n  record-date: 2003-09-03\n",
    )
    .unwrap();
    assert_eq!(w.price, p("1.20"));
    assert!(o.effects.is_empty(), "{:?}", o.effects);
}
