//! Every instrument hears every issuance, whoever recorded it, and the
//! order in which the journal declared the instruments changes no figure.
//! Run on the example book (examples/ctc), with lines added or files
//! changed in memory; nothing on disk is written.

use calendar::Date;
use engine::{load, replay, LoadResult, State};
use std::path::PathBuf;
use units::Computed;

fn d(y: i16, m: i8, day: i8) -> Date {
    Date::new(y, m, day).unwrap()
}

fn example_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/ctc")
}

/// Loads the example book with `extra` appended to book.journal and each
/// `(file, from, to)` text replacement made in the file as read.
fn ctc(book_journal: Option<&str>, extra: &str, edits: &[(&str, &str, &str)]) -> LoadResult {
    let dir = example_dir();
    let root = match book_journal {
        Some(t) => t.to_string(),
        None => std::fs::read_to_string(dir.join("book.journal")).unwrap(),
    };
    let root = format!("{root}\n{extra}");
    load("book.journal", &root, &mut |p| {
        let mut text = std::fs::read_to_string(dir.join(p)).map_err(|e| e.to_string())?;
        for (file, from, to) in edits {
            if p == *file {
                assert!(text.contains(from), "{file} has no {from:?}");
                text = text.replace(from, to);
            }
        }
        Ok(text)
    })
}

/// Every computation recorded on `date`, with their steps, flattened.
fn computations_on(s: &State, date: Date) -> Vec<Computed> {
    fn walk(c: &Computed, out: &mut Vec<Computed>) {
        out.push(c.clone());
        for s in &c.steps {
            walk(s, out);
        }
    }
    let mut out = Vec::new();
    for c in s.computations.iter().filter(|c| c.date == date) {
        walk(&c.computed, &mut out);
    }
    out
}

fn dec(s: &str) -> units::Decimal {
    s.parse().unwrap_or_else(|_| panic!("not a decimal: {s}"))
}

const BASE_NAME: &str = "shares of Common Stock outstanding immediately prior (fully diluted)";

fn base_on(s: &State, date: Date) -> String {
    let bases: Vec<String> = computations_on(s, date)
        .into_iter()
        .filter(|c| c.name == BASE_NAME)
        .map(|c| c.value)
        .collect();
    assert_eq!(bases.len(), 1, "one §8.10 base on {date}: {bases:?}");
    bases[0].clone()
}

#[test]
fn a_warrant_recorded_with_issue_warrant_is_heard_by_the_series_b() {
    let r = ctc(None, "", &[]);
    assert!(!r.has_errors(), "{:?}", r.diagnostics);
    let s = replay(&r.book, d(2002, 3, 1));
    assert!(s.rejections.is_empty(), "{:?}", s.rejections);
    // The February 2002 Cisco warrant: 542,075 shares at $4.10 against a
    // $50 Conversion Price, no exclusion recorded (CoD §8.10.2):
    //   consideration ÷ CP = 542,075 × 4.10 ÷ 50 = 2,222,507.50 ÷ 50 = 44,450.15
    //   fraction = (B + 542,075) ÷ (B + 44,450.15), B the fully diluted base.
    let cs = computations_on(&s, d(2002, 2, 27));
    let fraction = cs
        .iter()
        .find(|c| c.name.starts_with("§8.10.2 fraction"))
        .expect("a §8.10.2 fraction on 2002-02-27");
    let input = |n: &str| {
        fraction
            .inputs
            .iter()
            .find(|(k, _)| k.starts_with(n))
            .map(|(_, v)| v.clone())
            .unwrap_or_else(|| panic!("no input {n}: {:?}", fraction.inputs))
    };
    assert_eq!(input("additional shares"), "542075");
    assert_eq!(input("aggregate consideration"), "2222507.5");
    assert_eq!(input("shares the consideration would purchase"), "44450.15");
    // B = 39,925,147: numerator 39,925,147 + 542,075 = 40,467,222;
    // denominator 39,925,147 + 44,450.15 = 39,969,597.15.
    assert_eq!(input("numerator"), "40467222");
    assert_eq!(input("denominator"), "39969597.15");
    // Ratio before 23.331860012055… × 40,467,222 ÷ 39,969,597.15
    // (= 1.012450084…) = 23.62234… → 23.6223 to four places (§8.10.5).
    let ratio = cs
        .iter()
        .find(|c| c.name == "Conversion Ratio after adjustment")
        .expect("the adjusted ratio");
    assert_eq!(ratio.value, "23.6223");
    assert!(ratio
        .inputs
        .iter()
        .any(|(k, v)| k == "result" && v == "adjustment made"));
}

#[test]
fn rights_recorded_with_issue_rights_enter_a_later_base_exactly_once() {
    // 10,000,000 rights at $100 (above the Conversion Price), then common
    // sold below it. The base of the second event must count the rights'
    // 10,000,000 shares once; with the out-of-the-money reading they are
    // added and then taken out again, never taken out alone.
    let rights = "2002-05-06 issue-rights rights-x 10,000,000\n  exercise-price: 100\n";
    let sale = "2002-05-07 issue-common public 1,000,000\n  price: 1.00\n";
    let without = replay(&ctc(None, sale, &[]).book, d(2002, 5, 7));
    let with = replay(
        &ctc(None, &format!("{rights}{sale}"), &[]).book,
        d(2002, 5, 7),
    );
    assert!(with.rejections.is_empty(), "{:?}", with.rejections);
    let b0 = dec(&base_on(&without, d(2002, 5, 7)));
    let b1 = dec(&base_on(&with, d(2002, 5, 7)));
    assert_eq!(b1 - b0, units::Decimal::from(10_000_000));

    let otm = [(
        "terms/series-b.toml",
        "base-includes-out-of-the-money = true",
        "base-includes-out-of-the-money = false",
    )];
    let without = replay(&ctc(None, sale, &otm).book, d(2002, 5, 7));
    let with = replay(
        &ctc(None, &format!("{rights}{sale}"), &otm).book,
        d(2002, 5, 7),
    );
    assert_eq!(
        base_on(&with, d(2002, 5, 7)),
        base_on(&without, d(2002, 5, 7)),
        "$100 rights against a ~$49 Conversion Price are out of the money: in, then out"
    );
}

#[test]
fn rights_leave_the_base_on_their_expiry_date_and_the_book_says_so() {
    let rights = "2002-05-06 issue-rights rights-x 10,000,000\n  exercise-price: 100\n  expiry: 2002-05-08\n";
    let sale_on = |day: &str| format!("{day} issue-common public 1,000,000\n  price: 1.00\n");
    let before = replay(
        &ctc(None, &format!("{rights}{}", sale_on("2002-05-07")), &[]).book,
        d(2002, 5, 7),
    );
    let after = replay(
        &ctc(None, &format!("{rights}{}", sale_on("2002-05-08")), &[]).book,
        d(2002, 5, 8),
    );
    let plain = replay(&ctc(None, &sale_on("2002-05-08"), &[]).book, d(2002, 5, 8));
    let plain7 = replay(&ctc(None, &sale_on("2002-05-07"), &[]).book, d(2002, 5, 7));
    let b_before = dec(&base_on(&before, d(2002, 5, 7)));
    let b_after = dec(&base_on(&after, d(2002, 5, 8)));
    let b_plain = dec(&base_on(&plain, d(2002, 5, 8)));
    let b_plain7 = dec(&base_on(&plain7, d(2002, 5, 7)));
    // On the expiry date the rights no longer count.
    assert_eq!(b_after, b_plain);
    // The day before they count in full (the Series B's conversion shares
    // move daily with its Liquidation Preference, so compare on one day).
    assert_eq!(b_before - b_plain7, units::Decimal::from(10_000_000));
    assert!(after
        .warnings
        .iter()
        .any(|w| w.warning.code == "W0104" && w.date == d(2002, 5, 8)));
}

/// Every instrument's status JSON and every computation, keyed by
/// instrument id (not by declaration index).
fn figures(r: &LoadResult, s: &State) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let view = s.view(&r.book);
    for (i, decl) in r.book.instruments.iter().enumerate() {
        if let Some(inst) = s.instrument(i) {
            out.push((decl.id.to_string(), inst.status(&view).to_string()));
        }
    }
    for c in &s.computations {
        out.push((
            format!("{} {:?}", c.date, c.instrument),
            serde_json::to_string(&c.computed).unwrap(),
        ));
    }
    out.sort();
    out
}

#[test]
fn declaration_order_changes_no_figure() {
    let root = std::fs::read_to_string(example_dir().join("book.journal")).unwrap();
    // The warrants and plans declared before the Series B.
    let a = "include \"series-b.journal\"\ninclude \"warrant.journal\"\ninclude \"plan.journal\"\n";
    assert!(root.contains(a));
    let b = "include \"plan.journal\"\ninclude \"warrant.journal\"\ninclude \"series-b.journal\"\n";
    let permuted = root.replace(a, b);
    // A sale of common below every price, after all are declared: the
    // Series B (§8.10.3) and the warrants (§6(i)) all react to it.
    let sale = "2002-06-03 issue-common public 5,000,000\n  price: 1.00\n";
    let r1 = ctc(None, sale, &[]);
    let r2 = ctc(Some(&permuted), sale, &[]);
    assert!(!r2.has_errors(), "{:?}", r2.diagnostics);
    assert_ne!(
        r1.book.instruments[0].id, r2.book.instruments[0].id,
        "the permutation changes the declaration order"
    );
    let s1 = replay(&r1.book, d(2002, 6, 30));
    let s2 = replay(&r2.book, d(2002, 6, 30));
    assert!(
        computations_on(&s1, d(2002, 6, 3)).len() > 2,
        "several instruments react"
    );
    assert_eq!(figures(&r1, &s1), figures(&r2, &s2));
}

#[test]
fn an_option_grant_is_heard_as_an_issuance_of_options_under_the_plan() {
    let grant = "2002-06-02 holder emp-1 \"An employee\"\n\
2002-06-02 participant plan-1998 emp-1\n  status: employee\n\
2002-06-03 grant plan-1998 s1 emp-1 nso 100000\n  exercise-price: 1.75\n";
    let r = ctc(None, grant, &[]);
    assert!(!r.has_errors(), "{:?}", r.diagnostics);
    let s = replay(&r.book, d(2002, 6, 30));
    assert!(s.rejections.is_empty(), "{:?}", s.rejections);
    let on = computations_on(&s, d(2002, 6, 3));
    let text: Vec<String> = on
        .iter()
        .map(|c| serde_json::to_string(c).unwrap())
        .collect();
    // The Series B hears the grant and shows why it does not adjust: the
    // options are issued under the Corporation's stock option plans
    // (CoD §8.10.2(A)), $1.75 below the Conversion Price notwithstanding.
    assert!(
        text.iter().any(|t| t.contains("8.10.2(A)")),
        "the schedule names the exclusion: {text:?}"
    );
}

#[test]
fn a_delivery_of_common_beyond_the_authorized_shares_is_reported_with_the_reservation_clause() {
    // 28,000,000 common authorized instead of 100,000,000; 27,206,681 are
    // outstanding. Bain Capital Fund VI converts its 50,000 Series B on
    // 2002-05-10 at 24.011362… (see the registrable test):
    // 1,200,568 whole shares; 27,206,681 + 1,200,568 = 28,407,249 issued,
    // 407,249 beyond the 28,000,000 authorized.
    let edits = [(
        "common.journal",
        "authorized: 100,000,000",
        "authorized: 28,000,000",
    )];
    let conversion = "2002-05-10 convert series-b bain-vi 50000\n";
    let r = ctc(None, conversion, &edits);
    assert!(!r.has_errors(), "{:?}", r.diagnostics);
    let s = replay(&r.book, d(2002, 5, 10));
    let w: Vec<_> = s
        .warnings
        .iter()
        .filter(|w| w.warning.code == "W0105")
        .collect();
    assert_eq!(w.len(), 1, "{:?}", s.warnings);
    assert_eq!(w[0].warning.clause.to_string(), "CoD §8.7");
    assert!(
        w[0].warning.message.contains("delivered 1200568 shares")
            && w[0].warning.message.contains("28407249 are now issued")
            && w[0].warning.message.contains("407249 beyond"),
        "{}",
        w[0].warning.message
    );
    // With the example's 100,000,000 authorized the same conversion fits.
    let s = replay(&ctc(None, conversion, &[]).book, d(2002, 5, 10));
    assert!(s.warnings.iter().all(|w| w.warning.code != "W0105"));
}
