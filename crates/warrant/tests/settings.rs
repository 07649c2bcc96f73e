//! The term-file settings that select the alternative readings
//! (docs/interpretations.md, "Warrant"), and directive diagnostics.

mod common;
use actions::Instrument;
use common::*;
use journal::FileId;
use terms::{Effect, InstrumentId};
use units::{Money, Shares};
use warrant::Warrant;

fn with(replace: &str, by: &str) -> (Warrant, Fake) {
    assert!(TERMS.contains(replace), "{replace}");
    let text = TERMS.replace(replace, by);
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
fn initial_price_to_the_cent() {
    let (w, _) = with(
        "initial_price = \"as-stated\"",
        "initial_price = \"nearest-cent\"",
    );
    // $2.408 → $2.41 (half up).
    assert_eq!(w.price, p("2.41"));
}

#[test]
fn fully_diluted_base() {
    let (mut w, f) = with(
        "base = \"outstanding-plus-deemed\"",
        "base = \"fully-diluted\"",
    );
    // Base 40,000,000 (the fake's fully diluted count) instead of 27,206,681:
    // (40,000,000 × 2.408 + 2,850,000) / 42,000,000 = 99,170,000 / 42,000,000
    // = 2.36119… → $2.36
    act(
        &mut w,
        &f.on(d(2003, 3, 3)),
        "2003-03-03 issue-common investor-1 2000000\n  price: 1.50\n  underwriting: 150000\n",
    )
    .unwrap();
    assert_eq!(w.price, p("2.36"));
}

#[test]
fn readjust_on_an_exercise_price_change_when_selected() {
    let (mut w, f) = with(
        "readjust_on_exercise_price_change = false",
        "readjust_on_exercise_price_change = true",
    );
    act(
        &mut w,
        &f.on(d(2003, 1, 15)),
        "2003-01-15 issue-rights options-2003 1000000\n  exercise-price: 1.00\n",
    )
    .unwrap();
    assert_eq!(w.price, p("2.36"));
    // Repriced to $0.50: as if issued for $500,000:
    // (27,206,681 × 2.408 + 500,000) / 28,206,681 = 66,013,687.848 / 28,206,681
    // = 2.34035… → $2.34
    act(
        &mut w,
        &f.on(d(2003, 6, 2)),
        "2003-06-02 amend-rights options-2003\n  exercise-price: 0.50\n",
    )
    .unwrap();
    assert_eq!(w.price, p("2.34"));
}

#[test]
fn cash_now_settles_the_fraction_at_a_partial_exercise() {
    let (mut w, f) = with(
        "replacement_fraction = \"carry\"",
        "replacement_fraction = \"cash-now\"",
    );
    act(
        &mut w,
        &f.on(d(2003, 3, 3)),
        "2003-03-03 issue-common investor-1 2000000\n  price: 1.50\n  underwriting: 150000\n",
    )
    .unwrap();
    // 279,973.2 at $2.34; exercise 100,000 ($234,000.00): the 0.2 is paid now,
    // 0.2 × (3.00 − 2.34) = $0.132 → $0.13, and the new Warrant is 179,973.
    let o = apply(
        &mut w,
        &f.on(d(2004, 1, 5)),
        "2004-01-05 exercise cisco-2002 100000\n  cash: 234000\n  fraction-value: 3.00\n",
    )
    .unwrap();
    assert!(
        cash(&o).contains(&Money::new(p("0.13").value())),
        "{:?}",
        o.effects
    );
    assert_eq!(w.total_shares(), Shares::from_int(179_973));
}

#[test]
fn truncate_never_pays_the_cs_fraction() {
    let (mut w, mut f) = with(
        "net_exercise_fraction = \"cash-on-complete\"",
        "net_exercise_fraction = \"truncate\"",
    );
    f.flat_closes(d(2003, 5, 1), d(2003, 6, 30), "4.00");
    // CS = 108,282.666 → 108,282 and no cash (compare $2.66 by default).
    let o = apply(
        &mut w,
        &f.on(d(2003, 6, 10)),
        "2003-06-10 net-exercise cisco-2002 all\n",
    )
    .unwrap();
    assert!(cash(&o).is_empty());
}

#[test]
fn cash_always_pays_the_cs_fraction_on_a_partial_net_exercise() {
    let (mut w, mut f) = with(
        "net_exercise_fraction = \"cash-on-complete\"",
        "net_exercise_fraction = \"cash-always\"",
    );
    f.flat_closes(d(2003, 5, 1), d(2003, 6, 30), "4.00");
    // CS = 1,000 × (4.00 − 2.408) / 4.00 = 398 exactly: no fraction, no cash.
    let o = apply(
        &mut w,
        &f.on(d(2003, 6, 10)),
        "2003-06-10 net-exercise cisco-2002 1000\n",
    )
    .unwrap();
    assert!(cash(&o).is_empty());
    // CS = 1,001 × 1.592 / 4.00 = 398.398 → 398 shares and 0.398 × $4.00
    // = $1.592 → $1.59.
    let o = apply(
        &mut w,
        &f.on(d(2003, 6, 10)),
        "2003-06-10 net-exercise cisco-2002 1001\n",
    )
    .unwrap();
    assert_eq!(cash(&o), vec![Money::new(p("1.59").value())]);
}

#[test]
fn a_bad_term_file_points_at_the_field() {
    let text = TERMS.replace("term_years = 7", "term_years = \"seven\"");
    let e = Warrant::from_terms_text(InstrumentId::new("w"), FileId(0), &text).unwrap_err();
    assert_eq!(e.code, "T0001");
    let line = TERMS
        .lines()
        .position(|l| l.starts_with("term_years"))
        .unwrap()
        + 1;
    assert_eq!(e.span.unwrap().line as usize, line);
}

#[test]
fn malformed_directives_are_diagnosed_at_their_tokens() {
    let (mut ds, _, _, _) =
        journal::parse_str(FileId(1), "2003-01-01 exercise cisco-2002 12x\n  cahs: 5\n");
    let errs = <Warrant as Instrument>::resolve(&ds.remove(0)).unwrap_err();
    let codes: Vec<&str> = errs.iter().map(|e| e.code).collect();
    assert_eq!(codes, vec!["E0104", "E0108"]);
    assert_eq!(errs[1].help.as_deref(), Some("did you mean `cash`?"));
    let (mut ds, _, _, _) = journal::parse_str(
        FileId(1),
        "2003-01-01 issue-warrant cisco-2002 cisco-capital 100\n",
    );
    let errs = <Warrant as Instrument>::resolve(&ds.remove(0)).unwrap_err();
    assert_eq!(errs[0].code, "E0105", "price: is required");
    let (mut ds, _, _, _) = journal::parse_str(
        FileId(1),
        "2003-01-01 close-transfer-books cisco-2002 2003-01-05 2003-01-02\n",
    );
    let errs = <Warrant as Instrument>::resolve(&ds.remove(0)).unwrap_err();
    assert_eq!(errs[0].code, "E0301");
}

#[test]
fn the_window_calendar_comes_from_the_term_file_when_it_names_one() {
    // Closes only on the exchange's days around Good Friday 2003 (04-18):
    // $3.00 every trading day 2003-03-03 … 2003-04-22.
    let mut closes = std::collections::BTreeMap::new();
    let mut day = d(2003, 3, 3);
    while day <= d(2003, 4, 22) {
        if calendar::Calendar::Trading.is_open(day) {
            closes.insert(day, p("3.00"));
        }
        day = day.tomorrow().unwrap();
    }
    // No `calendar` in the term file: the view is asked for the book's
    // calendar (`option business-days`), i.e. none is named.
    let (w, _) = with("dispute_days = 30", "dispute_days = 30");
    assert_eq!(w.window_calendar(), None);
    // `calendar = "exchange"`: the 15 trading days ending 04-22, all at
    // $3.00: 45.00 / 15 = $3.00.
    let (w, mut f) = with(
        "dispute_days = 30",
        "dispute_days = 30\ncalendar = \"exchange\"",
    );
    assert_eq!(w.window_calendar(), Some(calendar::Calendar::Trading));
    f.closes = closes;
    let (cmp, _) = w.current_market_price(&f, d(2003, 4, 23)).unwrap();
    assert_eq!(cmp, p("3.00"));
    // An unknown calendar is a term-file error, not a silent default.
    let bad = TERMS.replace(
        "dispute_days = 30",
        "dispute_days = 30\ncalendar = \"lunar\"",
    );
    assert!(Warrant::from_terms_text(InstrumentId::new("cisco-2002"), FileId(0), &bad).is_err());
}

#[test]
fn the_effective_date_follows_the_books_business_days() {
    // A 2-for-1 split with record date Thursday 2003-04-17. §6(ix): effective
    // "the business day next following the record date". Banking days (the
    // default): Good Friday 2003-04-18 is one. `option business-days
    // exchange`: the exchange is closed that Friday, so Monday 2003-04-21.
    let (mut w, f) = issued();
    act(
        &mut w,
        &f.on(d(2003, 4, 1)),
        "2003-04-01 split 2 1\n  record-date: 2003-04-17\n",
    )
    .unwrap();
    assert_eq!(w.next_scheduled(d(2003, 4, 1)), Some(d(2003, 4, 18)));
    let (mut w, mut f) = issued();
    f.business = calendar::Calendar::Trading;
    act(
        &mut w,
        &f.on(d(2003, 4, 1)),
        "2003-04-01 split 2 1\n  record-date: 2003-04-17\n",
    )
    .unwrap();
    assert_eq!(w.next_scheduled(d(2003, 4, 1)), Some(d(2003, 4, 21)));
}
