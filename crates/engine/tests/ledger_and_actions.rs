//! The engine end to end on journals with ledger events and corporate
//! actions only: ordering, rejections, diagnostics, and as-of queries.

use calendar::Date;
use engine::{load, replay};
use terms::{BookView, HolderId, SecurityId};
use units::Shares;

fn d(y: i16, m: i8, day: i8) -> Date {
    Date::new(y, m, day).unwrap()
}

fn book(text: &str) -> engine::LoadResult {
    load("book.journal", text, &mut |p| Err(format!("no file {p}")))
}

const BASE: &str = "\
option company \"Example Co\"
2000-01-01 security common \"Common Stock\"
  class: common
  authorized: 1000
2000-01-01 holder alice \"Alice\"
2000-01-01 holder bob \"Bob\"
2000-01-03 issue common alice 600
2000-01-04 transfer common alice bob 100
";

#[test]
fn positions_as_of_any_date() {
    let r = book(BASE);
    assert!(!r.has_errors(), "{:?}", r.diagnostics);
    let s = replay(&r.book, d(2000, 1, 3));
    let v = s.view(&r.book);
    assert_eq!(
        v.position(&HolderId::new("alice"), &SecurityId::new("common")),
        Shares::from_int(600)
    );
    assert_eq!(
        v.position(&HolderId::new("bob"), &SecurityId::new("common")),
        Shares::ZERO
    );
    let s = replay(&r.book, d(2000, 1, 4));
    let v = s.view(&r.book);
    assert_eq!(
        v.position(&HolderId::new("bob"), &SecurityId::new("common")),
        Shares::from_int(100)
    );
    assert_eq!(
        v.outstanding(&SecurityId::new("common")),
        Shares::from_int(600)
    );
}

#[test]
fn transferring_more_than_held_is_rejected_and_changes_nothing() {
    let text = format!(
        "{BASE}2000-01-05 transfer common bob alice 101\n2000-01-06 transfer common bob alice 50\n"
    );
    let r = book(&text);
    let s = replay(&r.book, d(2000, 12, 31));
    assert_eq!(s.rejections.len(), 1);
    assert_eq!(s.rejections[0].rejection.code, "R0102");
    assert_eq!(s.rejections[0].span.line, 9);
    let v = s.view(&r.book);
    // 100 − 50 (the second transfer went through; the first changed nothing).
    assert_eq!(
        v.position(&HolderId::new("bob"), &SecurityId::new("common")),
        Shares::from_int(50)
    );
}

#[test]
fn every_error_is_reported_with_line_and_column() {
    let text = format!("{BASE}2000-01-05 transfer common bobb alice 1\n2000-01-05 isue common alice 1\n2000-01-05 issue common alice 1x\n");
    let r = book(&text);
    let codes: Vec<(&str, u32, u32)> = r
        .diagnostics
        .iter()
        .map(|d| {
            (
                d.code,
                d.span.map(|s| s.line).unwrap_or(0),
                d.span.map(|s| s.col).unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(
        codes,
        vec![("E0103", 9, 28), ("E0100", 10, 12), ("E0104", 11, 31)]
    );
    assert_eq!(
        r.diagnostics[0].help.as_deref(),
        Some("did you mean `bob`?")
    );
    assert_eq!(
        r.diagnostics[1].help.as_deref(),
        Some("did you mean `issue`?")
    );
}

#[test]
fn an_event_before_its_holder_exists_is_an_error() {
    let text = format!("{BASE}2000-01-05 holder carol\n2000-01-02 issue common carol 5\n");
    let r = book(&text);
    let codes: Vec<&str> = r.diagnostics.iter().map(|d| d.code).collect();
    // 2000-01-02 also comes after BASE's 2000-01-04 transfer: W0113 warns
    // of the out-of-order date as well.
    assert_eq!(codes, ["W0113", "E0120"]);
}

#[test]
fn split_and_stock_dividend_scale_positions() {
    // 600 outstanding; 3-for-2 split → 900; then a 10% stock dividend (11/10)
    // → 990. Alice: 500 → 750 → 825; Bob: 100 → 150 → 165.
    let text = format!("{BASE}2000-02-01 split 3 2\n2000-03-01 stock-dividend 11 10\n");
    let r = book(&text);
    assert!(!r.has_errors(), "{:?}", r.diagnostics);
    let s = replay(&r.book, d(2000, 3, 1));
    let v = s.view(&r.book);
    assert_eq!(
        v.outstanding(&SecurityId::new("common")),
        Shares::from_int(990)
    );
    assert_eq!(
        v.position(&HolderId::new("alice"), &SecurityId::new("common")),
        Shares::from_int(825)
    );
    assert_eq!(
        v.position(&HolderId::new("bob"), &SecurityId::new("common")),
        Shares::from_int(165)
    );
}

#[test]
fn issuance_beyond_authorized_warns() {
    let text = format!("{BASE}2000-02-01 issue-common bob 401\n  price: 1.00\n");
    let r = book(&text);
    assert!(!r.has_errors(), "{:?}", r.diagnostics);
    let s = replay(&r.book, d(2000, 12, 31));
    // 600 + 401 = 1,001 issued > 1,000 authorized.
    assert_eq!(s.warnings.len(), 1);
    assert_eq!(s.warnings[0].warning.code, "W0101");
}

#[test]
fn outstanding_reconciles_to_the_public_record() {
    let text = format!("{BASE}2000-06-19 holder public \"Public holders (unidentified)\"\n2000-06-19 outstanding common 900\n  holder: public\n");
    let r = book(&text);
    assert!(!r.has_errors(), "{:?}", r.diagnostics);
    let s = replay(&r.book, d(2000, 6, 19));
    let v = s.view(&r.book);
    // 900 − 600 = 300 to `public`.
    assert_eq!(
        v.position(&HolderId::new("public"), &SecurityId::new("common")),
        Shares::from_int(300)
    );
}

#[test]
fn repurchase_into_treasury_reduces_outstanding_not_issued() {
    let text = format!("{BASE}2000-02-01 repurchase-common bob 40\n  price: 2.00\n");
    let r = book(&text);
    let s = replay(&r.book, d(2000, 2, 1));
    let v = s.view(&r.book);
    assert_eq!(
        v.outstanding(&SecurityId::new("common")),
        Shares::from_int(560)
    );
    assert_eq!(v.treasury(&SecurityId::new("common")), Shares::from_int(40));
}

#[test]
fn timeline_queries_match_full_replay() {
    let mut text = String::from(BASE);
    for i in 0..50 {
        let day = 10 + (i % 15) as i8;
        text.push_str(&format!("2000-02-{day:02} transfer common alice bob 1\n"));
    }
    let r = book(&text);
    assert!(!r.has_errors(), "{:?}", r.diagnostics);
    let tl = engine::replay::Timeline::build(&r.book, 7);
    for day in 1..=28 {
        let date = d(2000, 2, day);
        let a = replay(&r.book, date);
        let b = tl.state_at(&r.book, date);
        let pa = a
            .view(&r.book)
            .position(&HolderId::new("bob"), &SecurityId::new("common"));
        let pb = b
            .view(&r.book)
            .position(&HolderId::new("bob"), &SecurityId::new("common"));
        assert_eq!(pa, pb, "on {date}");
    }
}

#[test]
fn the_fully_diluted_count_adds_instruments_and_can_exclude_one() {
    // A warrant for 1,000 shares; 600 common outstanding (BASE).
    // Fully diluted: 600 + 1,000 = 1,600; excluding the warrant: 600.
    let dir = std::env::temp_dir().join(format!("stockbook-fd-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let terms = std::fs::read_to_string(
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../examples/ctc/terms/cisco-warrant.toml"),
    )
    .unwrap();
    let text = format!(
        "{BASE}2000-01-01 holder w\n2000-01-05 instrument w1 warrant\n  terms: warrant.toml\n2000-01-05 issue-warrant w1 w 1000\n  price: 2.00\n  expiry: 2007-01-05\n"
    );
    let r = load("book.journal", &text, &mut |p| {
        if p.ends_with("warrant.toml") {
            Ok(terms.clone())
        } else {
            Err(format!("no file {p}"))
        }
    });
    assert!(!r.has_errors(), "{:?}", r.diagnostics);
    let s = replay(&r.book, d(2000, 1, 6));
    let v = s.view(&r.book);
    assert_eq!(v.fully_diluted_common(None), Shares::from_int(1600));
    let id = terms::InstrumentId::new("w1");
    assert_eq!(v.fully_diluted_common(Some(&id)), Shares::from_int(600));
}

/// A book with 600 common, a warrant for 1,000 shares at $2.00, and a price
/// file whose closes are `first` on 2000-01-10 and `second` on 2000-01-11.
fn warrant_book(option: &str, first: &str, second: &str) -> (engine::LoadResult, String) {
    let terms = std::fs::read_to_string(
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../examples/ctc/terms/cisco-warrant.toml"),
    )
    .unwrap();
    let prices = format!("date,close\n2000-01-10,{first}\n2000-01-11,{second}\n");
    let text = format!(
        "{option}{BASE}2000-01-01 prices common \"p.csv\"\n2000-01-01 holder w\n2000-01-05 instrument w1 warrant\n  terms: warrant.toml\n2000-01-05 issue-warrant w1 w 1000\n  price: 2.00\n  expiry: 2007-01-05\n"
    );
    let r = load("book.journal", &text, &mut |p| {
        if p.ends_with("warrant.toml") {
            Ok(terms.clone())
        } else if p.ends_with("p.csv") {
            Ok(prices.clone())
        } else {
            Err(format!("no file {p}"))
        }
    });
    (r, text)
}

#[test]
fn out_of_the_money_securities_leave_the_fully_diluted_count_only_when_the_book_says_so() {
    // Market Price of the last trading day before 2000-01-12 is the
    // 2000-01-11 close. Warrant Price $2.00.
    // Default (include): 600 + 1,000 = 1,600 whatever the price.
    let (r, _) = warrant_book("", "3.00", "1.50");
    assert!(!r.has_errors(), "{:?}", r.diagnostics);
    let s = replay(&r.book, d(2000, 1, 12));
    assert_eq!(
        s.view(&r.book).fully_diluted_common(None),
        Shares::from_int(1600)
    );
    // Exclude, close $1.50 ≤ $2.00: out of the money → 600.
    let (r, _) = warrant_book(
        "option fully-diluted-out-of-the-money exclude\n",
        "3.00",
        "1.50",
    );
    let s = replay(&r.book, d(2000, 1, 12));
    assert_eq!(
        s.view(&r.book).fully_diluted_common(None),
        Shares::from_int(600)
    );
    // Exclude, close $2.50 > $2.00: in the money → 1,600.
    let (r, _) = warrant_book(
        "option fully-diluted-out-of-the-money exclude\n",
        "1.50",
        "2.50",
    );
    let s = replay(&r.book, d(2000, 1, 12));
    assert_eq!(
        s.view(&r.book).fully_diluted_common(None),
        Shares::from_int(1600)
    );
}

#[test]
fn a_reclassification_into_common_scales_positions_like_a_split() {
    // 600 outstanding (alice 500, bob 100); each share reclassified into
    // 1.5 shares of common: 900 (alice 750, bob 150).
    let text = format!(
        "{BASE}2000-02-01 reorganize reclassification\n  survives: yes\n  property: 1.5 common\n"
    );
    let r = book(&text);
    assert!(!r.has_errors(), "{:?}", r.diagnostics);
    let s = replay(&r.book, d(2000, 2, 1));
    let v = s.view(&r.book);
    assert_eq!(
        v.outstanding(&SecurityId::new("common")),
        Shares::from_int(900)
    );
    assert_eq!(
        v.position(&HolderId::new("alice"), &SecurityId::new("common")),
        Shares::from_int(750)
    );
    // A merger into another company's stock leaves the ledger unchanged.
    let text = format!("{BASE}2000-02-01 reorganize merger\n  property: 0.5 acquirer-common\n");
    let r = book(&text);
    let s = replay(&r.book, d(2000, 2, 1));
    assert_eq!(
        s.view(&r.book).outstanding(&SecurityId::new("common")),
        Shares::from_int(600)
    );
}

#[test]
fn the_iso_limit_counts_the_books_other_plans() {
    // Code §422(d) (Plan, Exhibit A "ISO"): ISOs first exercisable in a year
    // above $100,000 of fair market value (at grant) are not ISOs. Alice is
    // granted, exercisable at once in 2002: 6,000 ISOs at $10 under the
    // Incentive Stock Option Plan ($60,000), then 4,001 at $10 under the 1998
    // Plan ($40,010): $100,010 > $100,000 across the two plans, so the
    // second grant is accepted with warning W0405.
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/ctc/book.journal");
    let mut text = std::fs::read_to_string(&root).unwrap();
    text.push_str(
        "\n2002-05-20 holder alice\n\
2002-05-20 participant iso-plan alice\n  status: employee\n\
2002-05-20 participant plan-1998 alice\n  status: employee\n\
2002-05-21 grant iso-plan i-1 alice iso 6000\n  exercise-price: 10\n  fmv: 10\n\
2002-05-22 grant plan-1998 i-2 alice iso 4001\n  exercise-price: 10\n  fmv: 10\n",
    );
    let r = load(root.to_str().unwrap(), &text, &mut |p| {
        std::fs::read_to_string(p).map_err(|e| e.to_string())
    });
    assert!(!r.has_errors(), "{:?}", r.diagnostics);
    let s = replay(&r.book, d(2002, 5, 22));
    assert!(s.rejections.is_empty(), "{:?}", s.rejections);
    let w: Vec<&str> = s.warnings.iter().map(|w| w.warning.code).collect();
    assert!(w.contains(&"W0405"), "{w:?}");
    // 4,000 under the 1998 Plan instead ($100,000 exactly) is at the limit:
    // no warning.
    let text2 = text.replace("iso 4001", "iso 4000");
    let r = load(root.to_str().unwrap(), &text2, &mut |p| {
        std::fs::read_to_string(p).map_err(|e| e.to_string())
    });
    let s = replay(&r.book, d(2002, 5, 22));
    assert!(!s.warnings.iter().any(|w| w.warning.code == "W0405"));
}

#[test]
fn a_subdivision_that_does_not_divide_evenly_is_rounded_down_and_reported() {
    // A 1-for-3 combination of alice's 500 and bob's 100 (BASE):
    // 500/3 = 166.666… → 166.6666; 100/3 = 33.333… → 33.3333 (down to 4
    // places); issued 199.9999. A warning says the fractions must be settled.
    let text = format!("{BASE}2000-02-01 combine 1 3\n");
    let r = book(&text);
    assert!(!r.has_errors(), "{:?}", r.diagnostics);
    let s = replay(&r.book, d(2000, 2, 1));
    let v = s.view(&r.book);
    assert_eq!(
        v.position(&HolderId::new("alice"), &SecurityId::new("common"))
            .to_string(),
        "166.6666"
    );
    assert_eq!(
        v.position(&HolderId::new("bob"), &SecurityId::new("common"))
            .to_string(),
        "33.3333"
    );
    assert_eq!(
        s.warnings
            .iter()
            .map(|w| w.warning.code)
            .collect::<Vec<_>>(),
        vec!["W0103"]
    );
    // A 1-for-5 combination divides evenly (100 and 20): no warning.
    let s = replay(
        &book(&format!("{BASE}2000-02-01 combine 1 5\n")).book,
        d(2000, 2, 1),
    );
    assert!(s.warnings.is_empty());
}
