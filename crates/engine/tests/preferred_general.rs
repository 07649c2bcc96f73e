//! The general preferred: a small NVCA-style book written here (common, a
//! Series A at $1.00 with weighted-average protection, a bank's rights, and
//! a down-round Series B at $0.40 in two closings), every figure worked by
//! hand beside its assertion.

use calendar::Date;
use engine::kinds::AnyInstrument;
use engine::{load, replay, LoadResult, State};
use units::Exact;

fn d(y: i16, m: i8, day: i8) -> Date {
    Date::new(y, m, day).unwrap()
}

fn x(s: &str) -> Exact {
    Exact::from_decimal(s.parse().unwrap())
}

/// The Series A term file; `anti` replaces its `[anti_dilution]` fields.
fn series_a(anti: &str, votes: &str) -> String {
    format!(
        r#"
document = "Certificate"
series_name = "Series A"
designation_name = "Series A Preferred Stock"
closings = "several"
designated_shares = 10000000
par_value = "0.0001"
original_issue_price = "1.00"

[dividends]
kind = "none"

[liquidation]
seniority = 1
formula = "multiple-of-issue-price"
liquidation_preference_multiple = "1"
preference_adds = "nothing"
participation = "non-participating"
deemed_liquidation = "waterfall"

[conversion]
mechanism = "conversion-price"
initial_conversion_price = "1.00"
fractions = "cash"
fraction_value = "fair-value"

[redemption]
kind = "none"

[anti_dilution]
{anti}

[votes]
rounding = "{votes}"

[sections]
"designation" = "4.1"
"issuance.date-of-issue" = "4.1"
"issuance.reacquired" = "4.9"
"conversion.right" = "4.1"
"conversion.ratio" = "4.1.1"
"conversion.procedure" = "4.3"
"conversion.effective-time" = "4.3.2"
"conversion.reserve" = "4.3.3"
"conversion.fractions" = "4.2"
"votes" = "3.1"
"waivers" = "8"
"anti-dilution" = "4.4"
"anti-dilution.proportional" = "4.5"
"anti-dilution.stock-dividend" = "4.6"
"anti-dilution.split" = "4.5"
"anti-dilution.combination" = "4.5"
"anti-dilution.reclassification" = "4.8"
"anti-dilution.merger" = "4.8"
"anti-dilution.weighted-average" = "4.4.4"
"anti-dilution.full-ratchet" = "4.4.4"
"anti-dilution.deemed-issue" = "4.4.3"
"anti-dilution.exempted" = "4.4.1"
"anti-dilution.multiple-closings" = "4.4.5"
"liquidation.amount" = "2.1"
"liquidation.rank" = "2.1"
"liquidation.deemed" = "2.3"
"#
    )
}

const BROAD_90: &str = r#"formula = "weighted-average"
base = ["common-outstanding", "preferred-as-converted", "warrants"]
exempted = ["employee-plan", "conversion-of-preferred"]
conversion_price_rounding = { places = 4, mode = "normal" }
multiple_closing_days = 90"#;

/// Series B: $0.40, no anti-dilution of its own.
const SERIES_B: &str = r#"
document = "Certificate"
closings = "several"
designated_shares = 10000000
par_value = "0.0001"
original_issue_price = "0.40"
[dividends]
kind = "none"
[liquidation]
seniority = 2
formula = "multiple-of-issue-price"
liquidation_preference_multiple = "1"
preference_adds = "nothing"
participation = "non-participating"
deemed_liquidation = "waterfall"
[conversion]
mechanism = "conversion-price"
initial_conversion_price = "0.40"
fractions = "floor"
[redemption]
kind = "none"
[anti_dilution]
formula = "none"
[votes]
rounding = "floor"
[sections]
"designation" = "4.1"
"issuance.date-of-issue" = "4.1"
"issuance.reacquired" = "4.9"
"conversion.right" = "4.1"
"conversion.ratio" = "4.1.1"
"conversion.procedure" = "4.3"
"conversion.effective-time" = "4.3.2"
"conversion.reserve" = "4.3.3"
"conversion.fractions" = "4.2"
"votes" = "3.1"
"waivers" = "8"
"anti-dilution" = "4.4"
"anti-dilution.proportional" = "4.5"
"anti-dilution.stock-dividend" = "4.6"
"anti-dilution.split" = "4.5"
"anti-dilution.combination" = "4.5"
"anti-dilution.reclassification" = "4.8"
"anti-dilution.merger" = "4.8"
"liquidation.amount" = "2.1"
"liquidation.rank" = "2.1"
"liquidation.deemed" = "2.3"
"#;

const BOOK: &str = r#"
option common common
2021-01-01 security common "Common Stock"
  class: common
  par: 0.0001
  authorized: 100,000,000
2021-01-01 holder founders "Founders"
2021-01-01 holder fund-a "Fund A"
2021-01-01 holder fund-b "Fund B"
2021-01-01 holder fund-c "Fund C"
2021-01-01 security series-a "Series A Preferred Stock"
  class: preferred
  par: 0.0001
  authorized: 10,000,000
2021-01-01 security series-b "Series B Preferred Stock"
  class: preferred
  par: 0.0001
  authorized: 10,000,000
2021-01-01 instrument series-a convertible-preferred "Series A Preferred Stock"
  terms: a.toml
  security: series-a
  closing-date: 2021-01-15
2021-01-01 instrument series-b convertible-preferred "Series B Preferred Stock"
  terms: b.toml
  security: series-b
  closing-date: 2022-06-01
2021-01-10 issue common founders 10,000,000
2021-01-15 issue series-a fund-a 5,000,000
  price: 1.00
2021-02-01 issue-rights bank-warrant 2,100,000
  exercise-price: 1.00
  expiry: 2031-02-01
2022-06-01 issue series-b fund-b 5,000,000
  price: 0.40
"#;

const SECOND_CLOSING: &str = r#"
2022-07-15 issue series-b fund-b 2,500,000
  price: 0.40
"#;

fn book(a_terms: &str, extra: &str) -> LoadResult {
    let root = format!("{BOOK}{extra}");
    let a = a_terms.to_string();
    load("book.journal", &root, &mut |p| match p {
        "a.toml" => Ok(a.clone()),
        "b.toml" => Ok(SERIES_B.to_string()),
        other => Err(format!("no file {other}")),
    })
}

fn run(a_terms: &str, extra: &str, to: Date) -> (LoadResult, State) {
    let r = book(a_terms, extra);
    assert!(!r.has_errors(), "{:?}", r.diagnostics);
    let s = replay(&r.book, to);
    assert!(s.rejections.is_empty(), "{:?}", s.rejections);
    (r, s)
}

/// Series A's Conversion Price on the state's date.
fn price_a(r: &LoadResult, s: &State, on: Date) -> Exact {
    let i = r
        .book
        .instruments
        .iter()
        .position(|d| d.id.as_str() == "series-a")
        .unwrap();
    match s.instrument(i) {
        Some(AnyInstrument::Preferred(p)) => p.conversion_terms(on).unwrap().price,
        _ => panic!("series-a is a preferred"),
    }
}

#[test]
fn a_down_round_first_closing_adjusts_the_series_a_by_broad_weighted_average() {
    // A = common 10,000,000 + Series A as converted 5,000,000 + rights
    //     2,100,000 = 17,100,000 (Series B has no shares before its issue);
    // B = $2,000,000 ÷ CP1 $1.00 = 2,000,000; C = 5,000,000 × (0.40/0.40) = 5,000,000.
    // CP2 = 1.00 × (17,100,000 + 2,000,000) ÷ (17,100,000 + 5,000,000)
    //     = 19,100,000 ÷ 22,100,000 = 0.864253393… → 0.8643 (4 places, normal).
    let a = series_a(BROAD_90, "normal");
    let (r, s) = run(&a, "", d(2022, 6, 1));
    assert_eq!(price_a(&r, &s, d(2022, 6, 1)), x("0.8643"));
    // Before the issue the price was the initial $1.00.
    assert_eq!(price_a(&r, &s, d(2022, 5, 31)), x("1"));
}

#[test]
fn a_second_closing_within_the_window_is_readjusted_as_if_issued_at_the_first() {
    // Both closings from the first closing's CP and A (NVCA 4.4.5):
    // CP = 1.00 × (17,100,000 + 3,000,000) ÷ (17,100,000 + 7,500,000)
    //    = 20,100,000 ÷ 24,600,000 = 0.817073170… → 0.8171.
    let a = series_a(BROAD_90, "normal");
    let (r, s) = run(&a, SECOND_CLOSING, d(2022, 7, 15));
    assert_eq!(price_a(&r, &s, d(2022, 7, 15)), x("0.8171"));
}

#[test]
fn without_the_window_the_second_closing_is_a_new_issue_on_the_adjusted_price() {
    // Exact prices (no rounding), no window:
    // first closing: CP2 = 19,100,000 / 22,100,000 = 191/221;
    // second: A counts every preferred as converted at its price then:
    //   common 10,000,000
    //   + Series A 5,000,000 × 221/191 = 5,785,340.31… → 5,785,340 (whole
    //     shares per holder)
    //   + Series B 5,000,000 × 1 = 5,000,000 + rights 2,100,000
    //   = 22,885,340;
    // B = 1,000,000 ÷ CP2; C = 2,500,000;
    // CP3 = CP2 × (A + B) ÷ (A + C) = (191/221 × 22,885,340 + 1,000,000) ÷ 25,385,340
    //     = (4,371,099,940 + 221,000,000) ÷ (221 × 25,385,340)
    //     = 4,592,099,940 ÷ 5,610,160,140 = 76,534,999 ÷ 93,502,669
    //     = 0.818528… (with the window it would be 201/246 = 0.817073…).
    let anti = r#"formula = "weighted-average"
base = ["common-outstanding", "preferred-as-converted", "warrants"]
exempted = []
conversion_price_rounding = "exact""#;
    let a = series_a(anti, "normal");
    let (r, s) = run(&a, SECOND_CLOSING, d(2022, 7, 15));
    assert_eq!(
        price_a(&r, &s, d(2022, 6, 1)),
        Exact::ratio(191, 221).unwrap()
    );
    assert_eq!(
        price_a(&r, &s, d(2022, 7, 15)),
        Exact::ratio(76_534_999, 93_502_669).unwrap()
    );
}

#[test]
fn a_narrow_base_adjusts_more() {
    // Narrow: A = common outstanding only = 10,000,000.
    // CP2 = 1.00 × (10,000,000 + 2,000,000) ÷ (10,000,000 + 5,000,000)
    //     = 0.8 exactly.
    let anti = r#"formula = "weighted-average"
base = ["common-outstanding"]
exempted = []
conversion_price_rounding = { places = 4, mode = "normal" }"#;
    let a = series_a(anti, "normal");
    let (r, s) = run(&a, "", d(2022, 6, 1));
    assert_eq!(price_a(&r, &s, d(2022, 6, 1)), x("0.8"));
}

#[test]
fn a_full_ratchet_takes_the_new_price() {
    // CP2 = the effective price per common share = $2,000,000 ÷ 5,000,000 = 0.40.
    let anti = r#"formula = "full-ratchet"
exempted = []
conversion_price_rounding = { places = 4, mode = "normal" }"#;
    let a = series_a(anti, "normal");
    let (r, s) = run(&a, "", d(2022, 6, 1));
    assert_eq!(price_a(&r, &s, d(2022, 6, 1)), x("0.4"));
}

#[test]
fn an_exempted_issue_adjusts_nothing() {
    // 1,000,000 common to employees at $0.10, far below CP $1.00, under the
    // plan: `employee-plan` is exempted, so CP stays 1.00; the same issue for
    // financing adjusts: A = 17,100,000, B = 100,000, C = 1,000,000:
    // CP2 = 17,200,000 ÷ 18,100,000 = 0.950276… → 0.9503.
    let a = series_a(BROAD_90, "normal");
    let plan =
        "2021-06-01 issue-common founders 1,000,000\n  price: 0.10\n  purpose: employee-plan\n";
    let (r, s) = run(&a, plan, d(2021, 6, 1));
    assert_eq!(price_a(&r, &s, d(2021, 6, 1)), x("1"));
    let fin = "2021-06-01 issue-common founders 1,000,000\n  price: 0.10\n  purpose: financing\n";
    let (r, s) = run(&a, fin, d(2021, 6, 1));
    assert_eq!(price_a(&r, &s, d(2021, 6, 1)), x("0.9503"));
}

#[test]
fn votes_round_per_holder_as_the_term_file_says() {
    // After both closings CP = 0.8171; fund-a holds 4,999,997 and fund-c 3:
    //   fund-a: 4,999,997 ÷ 0.8171 = 6,119,198.38… → 6,119,198 (both readings)
    //   fund-c: 3 ÷ 0.8171 = 3.671521… → 4 (normal), 3 (floor).
    let transfer = format!("{SECOND_CLOSING}2022-08-01 transfer series-a fund-a fund-c 3\n");
    for (mode, fund_c) in [("normal", 4), ("floor", 3)] {
        let a = series_a(BROAD_90, mode);
        let (r, s) = run(&a, &transfer, d(2022, 8, 1));
        let i = 0;
        let Some(AnyInstrument::Preferred(p)) = s.instrument(i) else {
            panic!("series-a first")
        };
        let view = s.view(&r.book);
        let votes = p.votes(&view, d(2022, 8, 1)).unwrap();
        let of = |h: &str| {
            votes
                .iter()
                .find(|v| v.holder.as_str() == h)
                .map(|v| v.votes)
                .unwrap()
        };
        assert_eq!(of("fund-a"), units::Shares::from_int(6_119_198), "{mode}");
        assert_eq!(of("fund-c"), units::Shares::from_int(fund_c), "{mode}");
    }
}

#[test]
fn a_fraction_is_paid_in_cash_at_the_boards_fair_value() {
    // fund-c converts 3 shares at CP 0.8171: 3 ÷ 0.8171 = 3.671521233…
    // common: 3 whole shares and 0.671521233… × $2.00 (the Board's fair
    // value) = $1.343042… → $1.34 in cash.
    let extra = format!(
        "{SECOND_CLOSING}2022-08-01 transfer series-a fund-a fund-c 3\n2022-08-02 fair-value common 2.00\n2022-08-02 convert series-a fund-c 3\n"
    );
    let a = series_a(BROAD_90, "normal");
    let (r, s) = run(&a, &extra, d(2022, 8, 2));
    let view = s.view(&r.book);
    use terms::BookView;
    assert_eq!(
        view.position(
            &terms::HolderId::new("fund-c"),
            &terms::SecurityId::new("common")
        ),
        units::Shares::from_int(3)
    );
    let cash: Vec<_> = s
        .cash
        .iter()
        .filter(|c| c.holder.as_str() == "fund-c")
        .map(|c| c.amount)
        .collect();
    assert_eq!(
        cash,
        vec![units::Money::parse("1.34").unwrap()],
        "{:?}",
        s.cash
    );
}

#[test]
fn a_term_file_missing_a_field_its_selection_needs_is_refused_by_name() {
    // weighted-average without `base`.
    let anti = r#"formula = "weighted-average"
exempted = []
conversion_price_rounding = "exact""#;
    let r = book(&series_a(anti, "normal"), "");
    let e = r
        .diagnostics
        .iter()
        .find(|d| d.code == "T0201")
        .expect("a T0201");
    assert!(e.message.contains("`anti_dilution.base`"), "{}", e.message);
    // conversion-price without the initial Conversion Price.
    let a = series_a(BROAD_90, "normal").replace("initial_conversion_price = \"1.00\"\n", "");
    let r = book(&a, "");
    let e = r
        .diagnostics
        .iter()
        .find(|d| d.code == "T0201")
        .expect("a T0201");
    assert!(
        e.message.contains("`conversion.initial_conversion_price`"),
        "{}",
        e.message
    );
}
