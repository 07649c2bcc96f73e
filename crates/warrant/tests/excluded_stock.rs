//! §6(ii)(2) Excluded Stock: plan issuances are excluded only within the
//! share limits of the plans "as in effect on the date of this Warrant",
//! "appropriately adjusted for stock splits and combinations". Figures are
//! worked by hand in the comments.

mod common;
use actions::Instrument;
use common::*;
use journal::FileId;
use terms::InstrumentId;
use warrant::Warrant;

/// The CTC form with the Nonqualified Stock Option Plan limited to the
/// 815,365 shares it could still option on 2002-05-01 (Warrant §4(ii)(A):
/// 4,926,839 reserved − 4,111,474 under outstanding options).
fn limited(limits: &str) -> (Warrant, Fake) {
    // Replace the example's `plan_limits = [ ... ]` with `limits`.
    let start = TERMS.find("plan_limits = [").expect("the example's limits");
    let len = TERMS[start..].find("\n]\n").expect("end of the array") + 3;
    let text = format!(
        "{}plan_limits = [{limits}]\n{}",
        &TERMS[..start],
        &TERMS[start + len..]
    );
    let mut w =
        Warrant::from_terms_text(InstrumentId::new("cisco-2002"), FileId(0), &text).unwrap();
    let f = Fake::ctc(d(2002, 5, 1));
    apply(
        &mut w,
        &f,
        "2002-05-01 issue-warrant cisco-2002 cisco-capital 272067\n  price: 2.408\n",
    )
    .unwrap();
    (w, f)
}

const NQSO: &str = "{ security = \"nqso-plan\", shares = 815365 }";

#[test]
fn plan_options_beyond_the_plans_limit_are_not_excluded_stock() {
    let (mut w, f) = limited(NQSO);
    // 800,000 options at $1.00 fit in 815,365: Excluded Stock, no adjustment.
    act(&mut w, &f.on(d(2003, 1, 15)), "2003-01-15 issue-rights nqso-plan 800000\n  exercise-price: 1.00\n  purpose: employee-plan\n").unwrap();
    assert_eq!(w.price, p("2.408"));
    // 100,000 more: room 815,365 − 800,000 = 15,365 excluded; the other
    // 84,635 are deemed issued under §6(i)(3)(A) for 84,635 × $1.00.
    // Base: 27,206,681 outstanding + 800,000 deemed = 28,006,681.
    // (28,006,681 × 2.408 + 84,635) / (28,006,681 + 84,635)
    // = (67,440,087.848 + 84,635) / 28,091,316 = 2.40375… → $2.40 (§6(vi))
    let o = act(&mut w, &f.on(d(2003, 2, 3)), "2003-02-03 issue-rights nqso-plan 100000\n  exercise-price: 1.00\n  purpose: employee-plan\n").unwrap();
    assert_eq!(w.price, p("2.40"));
    // §5: 272,067 × 2.408 / 2.40 = 272,973.89 → 272,973.9
    assert_eq!(w.total_shares(), sh("272973.9"));
    let r = w.rights.last().unwrap();
    assert_eq!(r.excluded_shares, sh("15365"));
    assert!(!r.excluded);
    let room = o
        .computations
        .iter()
        .find(|c| c.name == "Excluded Stock within the plan limit")
        .expect("the limit's computation");
    assert_eq!(room.value, "15365");
    assert_eq!(room.clauses[0].section, "6(ii)");
    // The grant expires with 15,365 shares actually issued: they count
    // against the part within the limit, so none of the 84,635 deemed
    // shares was issued; §6(i)(3)(D) replays the chain without that step:
    // the price returns to $2.408 and §5 gives 272,973.9 × 2.40 / 2.408
    // = 655,137.36 / 2.408 = 272,066.99… → 272,067.0.
    act(
        &mut w,
        &f.on(d(2004, 2, 3)),
        "2004-02-03 expire-rights nqso-plan\n  exercised: 15365\n",
    )
    .unwrap();
    assert_eq!(w.price, p("2.408"));
    assert_eq!(w.total_shares(), sh("272067.0"));
    assert_eq!(w.history.last().unwrap().clause.section, "6(i)(3)(D)");
    // The expired grant's unexercised shares go back to the plan: used is
    // 800,000 (open) + 15,365 (issued) = 815,365, so the room is zero and
    // another 1,000 options are all beyond the limit:
    // base 27,206,681 + 800,000 = 28,006,681;
    // (28,006,681 × 2.408 + 1,000) / 28,007,681 = 2.40794… → $2.41 to the
    // cent, above $2.408: §6(i) never raises the price on a dilutive
    // issuance, so no adjustment (docs/interpretations.md).
    let n = w.history.len();
    act(&mut w, &f.on(d(2004, 3, 1)), "2004-03-01 issue-rights nqso-plan 1000\n  exercise-price: 1.00\n  purpose: employee-plan\n").unwrap();
    assert_eq!(w.rights.last().unwrap().excluded_shares, sh("0"));
    assert_eq!(w.price, p("2.408"));
    assert_eq!(w.total_shares(), sh("272067.0"));
    assert_eq!(w.history.len(), n);
}

#[test]
fn the_limit_is_adjusted_for_a_split() {
    let (mut w, f) = limited(NQSO);
    // 2-for-1 split, record date 2003-06-13, effective Monday 2003-06-16.
    act(
        &mut w,
        &f.on(d(2003, 6, 2)),
        "2003-06-02 split 2 1\n  record-date: 2003-06-13\n",
    )
    .unwrap();
    w.run_scheduled(d(2003, 6, 16), &f.on(d(2003, 6, 16)));
    assert_eq!(w.price, p("1.20"));
    let mut g = f.on(d(2003, 7, 1));
    g.outstanding = units::Shares::from_int(54_413_362);
    // The limit in post-split shares: 815,365 × 2 = 1,630,730. A grant of
    // 1,630,731 leaves exactly one share beyond it, deemed issued at $0.50:
    // (54,413,362 × 1.20 + 0.50) / 54,413,363 = 1.1999999… → $1.20, no
    // change; what the test shows is the split of the grant.
    act(&mut w, &g, "2003-07-01 issue-rights nqso-plan 1630731\n  exercise-price: 0.50\n  purpose: employee-plan\n").unwrap();
    let r = w.rights.last().unwrap();
    assert_eq!(r.excluded_shares, sh("1630730"));
    assert_eq!(r.step, Some(w.steps.len() - 1));
    assert_eq!(w.price, p("1.20"));
    // Used, in shares of the warrant's date: 1,630,730 / 2 = 815,365.
    // A combination 1-for-2 (effective 2003-09-03) brings the room back to
    // (815,365 − 815,365) × 1 = 0.
    act(&mut w, &g.on(d(2003, 9, 2)), "2003-09-02 combine 1 2\n").unwrap();
    w.run_scheduled(d(2003, 9, 3), &g.on(d(2003, 9, 3)));
    let mut h = g.on(d(2003, 10, 1));
    h.outstanding = units::Shares::from_int(27_206_681);
    act(
        &mut w,
        &h,
        "2003-10-01 issue-rights nqso-plan 10\n  exercise-price: 10.00\n  purpose: employee-plan\n",
    )
    .unwrap();
    assert_eq!(w.rights.last().unwrap().excluded_shares, sh("0"));
}

#[test]
fn common_under_employee_plans_counts_against_all_plans_together() {
    // Every plan of `plan_securities` needs a limit for common (whose
    // action does not name the plan) to be limited: the three CTC plans.
    let (mut w, f) = limited(
        "{ security = \"nqso-plan\", shares = 815365 }, { security = \"iso-plan\", shares = 3845491 }, { security = \"plan-1998\", shares = 100 }",
    );
    // Limit 815,365 + 3,845,491 + 100 = 4,660,956. Options for 4,660,000
    // under the ISO plan exceed its own 3,845,491: 814,509 beyond it.
    // Base 27,206,681; deemed 814,509 for 814,509 × $5.00 — at or above the
    // Warrant Price, so no adjustment.
    act(&mut w, &f.on(d(2003, 1, 15)), "2003-01-15 issue-rights iso-plan 4660000\n  exercise-price: 5.00\n  purpose: employee-plan\n").unwrap();
    assert_eq!(w.rights.last().unwrap().excluded_shares, sh("3845491"));
    assert_eq!(w.price, p("2.408"));
    // Used 3,845,491; room for common 4,660,956 − 3,845,491 = 815,465.
    // 815,565 shares of common at $1.00 under a plan: 100 beyond the room,
    // issued for 100 × $1.00 (its share of $815,565). Base: 27,206,681 +
    // 4,660,000 deemed = 31,866,681.
    // (31,866,681 × 2.408 + 100) / 31,866,781 = 2.40799558… → $2.41 to
    // the cent, above $2.408: a dilutive issuance never raises the price,
    // so no adjustment; the 100 shares are still an issuance step.
    act(
        &mut w,
        &f.on(d(2003, 2, 3)),
        "2003-02-03 issue-common alice 815565\n  price: 1.00\n  purpose: employee-plan\n",
    )
    .unwrap();
    assert_eq!(w.price, p("2.408"));
    assert_eq!(
        w.plan_common_excluded_issued,
        units::Exact::from_int(815_465)
    );
    assert!(w.history.is_empty());
    assert!(matches!(
        w.steps.last().map(|s| &s.input),
        Some(warrant::price::StepInput::Issuance { shares_issued, .. }) if *shares_issued == sh("100")
    ));
}
