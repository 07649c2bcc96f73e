//! Ranks from the term files (CoD §3.1): the waterfall reads the Series B's
//! `[[rank]]` list through its typed state, so a Senior class is paid before
//! it and a Parity class shares ratably with it (CoD §5) without `--rank`;
//! a preferred class no term file names is Junior Stock, paid after the
//! series and before the common; a class held with no known claim is
//! refused (R0704), never counted as nothing.

use units::{Exact, Money};
use views::adapter::{self, Overrides, Reading};
use views::waterfall::Waterfall;

/// The example's Series B terms with a simple make-whole (so the §5 claim is
/// worked by hand) and two more ranked classes: `series-s` Senior Stock and
/// `series-p` Parity Stock as to liquidation (CoD §3.1(ii)–(iii)).
fn terms() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/ctc/terms/series-b.toml"
    );
    let t = std::fs::read_to_string(path).unwrap();
    assert!(t.contains("make_whole_method = \"projected-schedule\""));
    let t = t.replace(
        "make_whole_method = \"projected-schedule\"",
        "make_whole_method = \"simple\"",
    );
    // [[rank]] entries go before the next table header after the existing
    // one, so they stay in the array of tables.
    t.replace(
        "[change_of_control]",
        "[[rank]]\nsecurity = \"series-s\"\ndividends = \"senior\"\nliquidation = \"senior\"\n\n\
         [[rank]]\nsecurity = \"series-p\"\ndividends = \"parity\"\nliquidation = \"parity\"\n\n\
         [change_of_control]",
    )
}

const BOOK: &str = "option company \"T Co\"
option common common
2000-03-22 security common \"Common\"
  class: common
  authorized: 1000000
2000-03-22 security series-b \"Series B\"
  class: preferred
  authorized: 200000
2000-03-22 security series-s \"Senior series\"
  class: preferred
2000-03-22 security series-p \"Parity series\"
  class: preferred
2000-03-22 security series-j \"A series no term file names\"
  class: preferred
2000-03-22 holder c
2000-03-22 holder b1
2000-03-22 holder b2
2000-03-22 holder s
2000-03-22 holder p
2000-03-22 holder j
2000-03-22 instrument series-b convertible-preferred \"Series B\"
  terms: series-b.toml
  security: series-b
  closing-date: 2000-04-10
2000-04-01 issue common c 1000
2000-04-01 issue series-s s 50
2000-04-01 issue series-p p 200
2000-04-01 issue series-j j 10
2000-04-10 issue series-b b1 60
  price: 1000.00
2000-04-10 issue series-b b2 40
  price: 1000.00
2000-04-10 class-claims series-b series-p
  liquidation-claim: 24906.25
";

fn book() -> engine::Book {
    load(BOOK)
}

fn load(text: &str) -> engine::Book {
    let t = terms();
    let r = engine::load("t.journal", text, &mut |p| {
        if p.ends_with("series-b.toml") {
            Ok(t.clone())
        } else if p.ends_with("prices.csv") {
            Ok(prices_at_70())
        } else {
            Err(format!("no file {p}"))
        }
    });
    assert!(!r.has_errors(), "{:?}", r.diagnostics);
    r.book
}

/// The common at $70.00 (close, bid and ask) every weekday of March 2000
/// and up to the Closing: every reading of the Market Price is $70.00.
fn prices_at_70() -> String {
    let mut csv = String::from("date,close,bid,ask,volume\n");
    let mut d = calendar::Date::constant(2000, 3, 1);
    while d <= calendar::Date::constant(2000, 4, 10) {
        if !matches!(
            d.weekday(),
            jiff::civil::Weekday::Saturday | jiff::civil::Weekday::Sunday
        ) {
            csv.push_str(&format!("{d},70,70,70,10000\n"));
        }
        d = d.tomorrow().unwrap();
    }
    csv
}

fn state(b: &engine::Book) -> engine::State {
    let s = engine::replay(b, calendar::Date::constant(2000, 4, 10));
    assert!(s.rejections.is_empty(), "{:?}", s.rejections);
    s
}

fn paid(w: &Waterfall, proceeds: i64, holder: &str) -> Money {
    let d = w.distribute(Money::from_int(proceeds)).unwrap();
    d.payouts
        .iter()
        .filter(|p| p.holder == holder)
        .fold(Money::ZERO, |a, p| a.checked_add(p.amount).unwrap())
}

fn money(s: &str) -> Money {
    Money::parse(s).unwrap()
}

fn with_junior_claim() -> Overrides {
    let mut o = Overrides::default();
    o.preference_per_share
        .insert("series-s".into(), Exact::from_int(100));
    o.preference_per_share
        .insert("series-j".into(), Exact::from_int(500));
    o
}

#[test]
fn ranks_come_from_the_term_file() {
    let b = book();
    let s = state(&b);
    let (ranks, notes) = adapter::ranking(&b, &s, &Overrides::default());
    assert!(notes.is_empty(), "{notes:?}");
    let rank = |c: &str| ranks.iter().find(|r| r.class == c).unwrap().seniority;
    // The series at 1; Senior Stock one above it, Parity Stock level with it
    // (CoD §3.1(ii)–(iii), the term file's [[rank]]); series-j is named by
    // no term file: Junior Stock (§3.1(i)), one below.
    assert_eq!(rank("series-b"), 1);
    assert_eq!(rank("series-s"), 2);
    assert_eq!(rank("series-p"), 1);
    assert_eq!(rank("series-j"), 0);
    assert!(ranks.iter().all(|r| r.class != "common"), "the residue");
}

#[test]
fn a_held_class_with_no_known_claim_is_refused_not_zero() {
    let b = book();
    let s = state(&b);
    // series-s (no --preference, no class-claims) and series-j are held
    // with no claim anyone stated.
    let input =
        adapter::waterfall_input(&b, &s, Reading::Liquidation, vec![], &Overrides::default());
    let unknown: Vec<&str> = input.unknown.iter().map(|u| u.class.as_str()).collect();
    assert_eq!(unknown, vec!["series-s", "series-j"]);
    let err = Waterfall::new(input).err().unwrap();
    assert_eq!(err.code, "R0704");
    assert!(err
        .message
        .contains("`series-j` (10 shares held by 1 holder(s), rank 0)"));
}

#[test]
fn senior_first_then_the_series_ratably_with_parity_stock_then_junior() {
    let b = book();
    let s = state(&b);
    let input =
        adapter::waterfall_input(&b, &s, Reading::Liquidation, vec![], &with_junior_claim());
    let class = |id: &str| input.classes.iter().find(|c| c.id == id).unwrap();
    // Series B §5 claim on the Closing Date: Liquidation Preference $1,000
    // (Accreted Value, nothing accrued) + the make-whole to the third
    // anniversary, simple: 1,000 × 8.25% × 1,095 days (2000-04-10 to
    // 2003-04-10) / 360 = 250.9375 → 1,250.9375 per share; (b) left out
    // (no prices in this book).
    assert_eq!(
        class("series-b").preference_per_share,
        Exact::ratio(12_509_375, 10_000).unwrap()
    );
    // Conversion Ratio 1,000 / 50 = 20 (CoD §8.1).
    assert_eq!(
        class("series-b").conversion_ratio,
        Some(Exact::from_int(20))
    );
    // Parity: the stated claim 24,906.25 over its 200 shares = 124.53125.
    assert_eq!(
        class("series-p").preference_per_share,
        Exact::ratio(12_453_125, 100_000).unwrap()
    );
    let w = Waterfall::new(input).unwrap();

    // P = 65,000. Senior first: 50 × 100 = 5,000. Left 60,000 against the
    // rank-1 claims: Series B 100 × 1,250.9375 = 125,093.75 and parity
    // 24,906.25, together 150,000: ratably 60,000 / 150,000 = 2/5 (CoD §5).
    assert_eq!(paid(&w, 65_000, "s"), money("5000"));
    // Series B 125,093.75 × 2/5 = 50,037.50: b1 60/100 = 30,022.50,
    // b2 40/100 = 20,015.00.
    assert_eq!(paid(&w, 65_000, "b1"), money("30022.50"));
    assert_eq!(paid(&w, 65_000, "b2"), money("20015.00"));
    // Parity 24,906.25 × 2/5 = 9,962.50.
    assert_eq!(paid(&w, 65_000, "p"), money("9962.50"));
    // Junior Stock and the common: nothing.
    assert_eq!(paid(&w, 65_000, "j"), Money::ZERO);
    assert_eq!(paid(&w, 65_000, "c"), Money::ZERO);

    // P = 170,000: 5,000 + 150,000 in full = 155,000; the junior series
    // 10 × 500 = 5,000 → 160,000; the common 10,000 = 10 per share, below
    // the Series B's 1,250.9375 / 20 = 62.546875, so it keeps its claim.
    assert_eq!(paid(&w, 170_000, "b1"), money("75056.25")); // 60 × 1,250.9375
    assert_eq!(paid(&w, 170_000, "p"), money("24906.25"));
    assert_eq!(paid(&w, 170_000, "j"), money("5000"));
    assert_eq!(paid(&w, 170_000, "c"), money("10000"));

    // Breakpoints: senior paid 5,000; rank 1 paid 155,000; junior paid
    // 160,000; the Series B converts at D = 62.546875 × 1,000 + 160,000 =
    // 222,546.875.
    let bps: Vec<Exact> = w.breakpoints().into_iter().map(|b| b.proceeds).collect();
    assert_eq!(
        bps,
        vec![
            Exact::from_int(5_000),
            Exact::from_int(155_000),
            Exact::from_int(160_000),
            Exact::ratio(222_546_875, 1_000).unwrap(),
        ]
    );
}

#[test]
fn rank_overrides_the_term_file() {
    let b = book();
    let s = state(&b);
    let mut o = with_junior_claim();
    o.seniority.insert("series-j".into(), 3);
    let input = adapter::waterfall_input(&b, &s, Reading::Liquidation, vec![], &o);
    let j = input
        .ranking
        .iter()
        .find(|r| r.class == "series-j")
        .unwrap();
    assert_eq!((j.seniority, j.basis.as_str()), (3, "--rank"));
    let w = Waterfall::new(input).unwrap();
    // P = 6,000: series-j now first, 10 × 500 = 5,000; then the senior
    // series gets the 1,000 left (of its 5,000).
    assert_eq!(paid(&w, 6_000, "j"), money("5000"));
    assert_eq!(paid(&w, 6_000, "s"), money("1000"));
    assert_eq!(paid(&w, 6_000, "b1"), Money::ZERO);
}

#[test]
fn above_and_at_the_series_b_conversion_breakpoint() {
    let b = book();
    let s = state(&b);
    let w = Waterfall::new(adapter::waterfall_input(
        &b,
        &s,
        Reading::Liquidation,
        vec![],
        &with_junior_claim(),
    ))
    .unwrap();
    // At the breakpoint, D = 222,546.875 (not whole cents: exact payouts):
    // v = (222,546.875 − 160,000) / 1,000 = 62.546875 and the Series B is
    // indifferent: 100 × 20 × 62.546875 = 125,093.75 = its claim.
    let at = Exact::ratio(222_546_875, 1_000).unwrap();
    let (payouts, _, v) = w.exact_payouts(&at);
    assert_eq!(v, Some(Exact::ratio(62_546_875, 1_000_000).unwrap()));
    let sum = |h: &str| {
        payouts
            .iter()
            .filter(|p| p.holder == h)
            .fold(Exact::zero(), |a, p| a.add(&p.exact))
    };
    // b1: 60 × 1,250.9375 = 75,056.25 either way; c: 1,000 × 62.546875.
    assert_eq!(sum("b1"), Exact::ratio(7_505_625, 100).unwrap());
    assert_eq!(sum("c"), Exact::ratio(62_546_875, 1_000).unwrap());

    // Above: P = 484,906.25. The Series B converts into 100 × 20 = 2,000
    // common (N = 3,000); still claimed: 5,000 + 24,906.25 + 5,000 =
    // 34,906.25; v = (484,906.25 − 34,906.25) / 3,000 = 150.
    let d = w.distribute(money("484906.25")).unwrap();
    assert_eq!(d.value_per_common, Some(Exact::from_int(150)));
    // b1: 60 × 20 × 150 = 180,000 (more than its 75,056.25 claim); b2:
    // 40 × 20 × 150 = 120,000; c: 1,000 × 150 = 150,000; the others their
    // claims in full.
    let paid_c = |h: &str| {
        d.payouts
            .iter()
            .filter(|p| p.holder == h)
            .fold(Money::ZERO, |a, p| a.checked_add(p.amount).unwrap())
    };
    assert_eq!(paid_c("b1"), money("180000"));
    assert_eq!(paid_c("b2"), money("120000"));
    assert_eq!(paid_c("c"), money("150000"));
    assert_eq!(paid_c("s"), money("5000"));
    assert_eq!(paid_c("p"), money("24906.25"));
    assert_eq!(paid_c("j"), money("5000"));
}

#[test]
fn the_current_market_value_limb_when_it_is_greater() {
    // The same book with the common at $70.00 for the ten trading days
    // before the Closing Date.
    let b = load(&BOOK.replace(
        "2000-03-22 holder c\n",
        "2000-03-01 prices common \"prices.csv\"\n2000-03-22 holder c\n",
    ));
    let s = state(&b);
    let input =
        adapter::waterfall_input(&b, &s, Reading::Liquidation, vec![], &with_junior_claim());
    assert!(
        input
            .notes
            .iter()
            .all(|n| !n.contains("§5(b) not computed")),
        "{:?}",
        input.notes
    );
    let sb = input.classes.iter().find(|c| c.id == "series-b").unwrap();
    // CoD §5 (b) with the make-whole: the Conversion Ratio from 1,250.9375
    // is 1,250.9375 / 50 = 25.01875; × $70.00 = 1,751.3125 per share, more
    // than (a) 1,250.9375.
    assert_eq!(
        sb.preference_per_share,
        Exact::ratio(17_513_125, 10_000).unwrap()
    );
    let w = Waterfall::new(input).unwrap();
    // P = 85,015: senior 5,000; 80,015 against 175,131.25 + 24,906.25 =
    // 200,037.50, ratably 2/5: Series B 70,052.50 (b1 60% = 42,031.50, b2
    // 28,021.00), parity 9,962.50.
    assert_eq!(paid(&w, 85_015, "s"), money("5000"));
    assert_eq!(paid(&w, 85_015, "b1"), money("42031.50"));
    assert_eq!(paid(&w, 85_015, "b2"), money("28021.00"));
    assert_eq!(paid(&w, 85_015, "p"), money("9962.50"));
}
