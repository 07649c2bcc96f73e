//! The convertible preferred commands, run as the built binary on the CTC
//! example book and on small books written here (with their own price
//! files), asserting figures worked by hand from the Certificate of
//! Designation ("CoD"); the arithmetic is beside each assertion.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn example() -> String {
    root()
        .join("examples/ctc/book.journal")
        .to_string_lossy()
        .into_owned()
}

fn run(file: &str, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_stockbook"))
        .arg("-f")
        .arg(file)
        .args(args)
        .output()
        .expect("run stockbook");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn json(file: &str, args: &[&str]) -> (i32, Value) {
    let (code, out, err) = run(file, args);
    let v = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}\n{err}"));
    (code, v)
}

/// A small book: 1,000,000 common held by `pub`, 1,000 Series B held by
/// `bain` (Closing Date 2000-04-10, CTC's term file), a price of $10.00 on
/// every trading day of March–August 2000, then `extra` journal lines.
fn small_book(name: &str, extra: &str) -> String {
    small_book_with(name, extra, "")
}

/// [`small_book`] with `terms_extra` appended to CTC's term file (e.g. a
/// `[[rank]]` entry for a Parity Stock class).
fn small_book_with(name: &str, extra: &str, terms_extra: &str) -> String {
    let dir =
        std::env::temp_dir().join(format!("stockbook-preferred-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut csv = String::from("date,close\n");
    let mut d: jiff::civil::Date = "2000-03-01".parse().unwrap();
    let end: jiff::civil::Date = "2000-08-31".parse().unwrap();
    while d <= end {
        if calendar::Calendar::Trading.is_open(d) {
            csv.push_str(&format!("{d},10.00\n"));
        }
        d = d.tomorrow().unwrap();
    }
    std::fs::write(dir.join("prices.csv"), csv).unwrap();
    let mut terms_text =
        std::fs::read_to_string(root().join("examples/ctc/terms/series-b.toml")).unwrap();
    terms_text.push_str(terms_extra);
    let terms = dir.join("series-b.toml");
    std::fs::write(&terms, terms_text).unwrap();
    let book = format!(
        r#"option company "Test Co"
option common common
2000-03-01 holder bain "Bain"
2000-03-01 holder pub "Public"
2000-03-01 security common "Common Stock"
  class: common
  authorized: 10,000,000
2000-03-01 security series-b "Series B"
  class: preferred
2000-03-01 prices common "prices.csv"
2000-03-22 instrument series-b convertible-preferred "Series B"
  terms: {}
  security: series-b
  closing-date: 2000-04-10
  closing-shares: 1,000
2000-03-22 issue common pub 1,000,000
2000-04-10 issue series-b bain 1,000
  price: 1000.00
{extra}
"#,
        terms.display()
    );
    let path = dir.join("book.journal");
    std::fs::write(&path, book).unwrap();
    path.to_string_lossy().into_owned()
}

/// Issued below the Conversion Price: 100,000 common at $10.00.
const BELOW_PRICE: &str = "2000-05-01 issue-common pub 100,000
  price: 10.00
  purpose: financing";

#[test]
fn example_book_checks_and_reports_the_series_b() {
    let (code, _, err) = run(&example(), &["check"]);
    assert_eq!(code, 0, "{err}");
    let (code, out, _) = run(&example(), &["report"]);
    assert_eq!(code, 0);
    assert!(out.contains("series-b"));
    assert!(out.contains("Conversion Ratio"));
}

#[test]
fn example_book_conversion_ratio_and_accretion() {
    // 2000-05-16 is 36 days after the 2000-04-10 Closing: LP = 1000 +
    // 1000 × 0.0825 × 36/360 = 1008.25; Conversion Ratio = 1008.25 / 50 =
    // 20.165 (CoD §8.1); 100 shares → 2016.5: 2016 whole shares (§8.4(a)).
    let (code, v) = json(
        &example(),
        &[
            "--as-of",
            "2000-05-16",
            "--json",
            "convert",
            "series-b",
            "bain-vi",
            "100",
        ],
    );
    assert_eq!(code, 0);
    assert_eq!(v["conversion_ratio"], "20.165");
    assert_eq!(v["conversion_price"], "50");
    assert_eq!(v["common_shares"], "2016");

    // Initial Dividend Period 2000-04-10 → 06-30: 81 days, Applicable
    // Percentage 0.0825 × 81/360 = 0.0185625, Accreted Value 1018.5625; the
    // next: 1018.5625 × 0.020625 = 21.0078515625 → 1039.5703515625 (§4.2).
    let (code, v) = json(
        &example(),
        &["--as-of", "2000-12-31", "--json", "accretion", "series-b"],
    );
    assert_eq!(code, 0);
    let p = &v["periods"];
    assert_eq!(p[0]["days"], 81);
    assert_eq!(p[0]["applicable_percentage"], "0.0185625");
    assert_eq!(p[0]["accreted_value_after"], "1018.5625");
    assert_eq!(p[0]["record_date"], "2000-06-15");
    assert_eq!(p[1]["dividend_per_share"], "21.0078515625");
    assert_eq!(p[1]["accreted_value_after"], "1039.5703515625");
    // 2000-09-30 is a Saturday: paid on Monday 2000-10-02 (§4.1).
    assert_eq!(p[1]["payment_date"], "2000-10-02");
    assert_eq!(p[1]["clause"], "CoD §4.2(b), proviso");
}

#[test]
fn conversion_refused_for_more_shares_than_held() {
    let (code, v) = json(
        &example(),
        &["--json", "convert", "series-b", "bain-vi", "50001"],
    );
    assert_eq!(code, 1);
    assert_eq!(v["code"], "R0202");
    assert_eq!(v["clause"], "CoD §8.1");
}

#[test]
fn adjustment_notice_after_an_issue_below_the_conversion_price() {
    let book = small_book("adjust", BELOW_PRICE);
    let (code, v) = json(&book, &["--json", "adjustments", "series-b"]);
    assert_eq!(code, 0);
    let n = &v["instruments"][0]["notices"][0];
    // Before: LP(2000-05-01) = 1000 + 82.5 × 21/360 = 1004.8125, ratio
    // 20.09625, Conversion Price $50. Base (fully diluted, immediately
    // prior) = 1,000,000 common + the Series B's 1000 × 20.09625 =
    // 20,096.25 → 20,096 whole = 1,020,096. §8.10.3 fraction =
    // (1,020,096 + 100,000) / (1,020,096 + $1,000,000 / $50) =
    // 1,120,096 / 1,040,096 = 35003/32503; 20.09625 × 35003/32503 =
    // 21.64199… → 21.6420 (§8.10.5).
    assert_eq!(n["clause"], "CoD §8.10.3");
    assert_eq!(n["ratio_before"], "20.09625");
    assert_eq!(n["ratio_after"], "21.642");
    assert_eq!(n["fraction_exact"], "35003/32503");
    assert_eq!(n["below_threshold"], false);
    let (_, text, _) = run(&book, &["adjustments"]);
    assert!(text.contains("NOTICE OF ADJUSTMENT OF CONVERSION RATIO"));

    // Converting 10 shares on 2000-05-02: LP = 1000 + 82.5 × 22/360 =
    // 1005.041666…; §8.1 ratio 20.100833…; × 21.642 / 20.09625 =
    // 21.6469358…; 10 shares → 216.469358…: 216 whole, cash in lieu
    // 0.469358… × $10.00 (2000-05-01) = 4.69358… → $4.69 (§8.9).
    let (code, v) = json(
        &book,
        &[
            "--as-of",
            "2000-05-02",
            "--json",
            "convert",
            "series-b",
            "bain",
            "10",
        ],
    );
    assert_eq!(code, 0);
    assert_eq!(v["common_shares"], "216");
    assert_eq!(v["cash_in_lieu"], "4.69");

    // Votes at 2000-05-16 (§9.1): 1000 × 20.165 × 21.642/20.09625 =
    // 21,716.038… → 21,716 votes.
    let (_, v) = json(
        &book,
        &["--json", "votes", "series-b", "--record-date", "2000-05-16"],
    );
    assert_eq!(v["total_votes"], "21716");
}

#[test]
fn change_of_control_window_in_the_journal() {
    let book = small_book(
        "coc",
        "2000-06-01 change-of-control series-b a
  description: a group acquired 60% of the voting stock
2000-06-02 change-of-control-notice series-b
2000-07-02 change-of-control-put series-b bain 100
2000-07-03 change-of-control-convert series-b bain 100",
    );
    // The notice of 2000-06-02 + 30 days: elections through 2000-07-02;
    // the conversion of 2000-07-03 is refused under §6.3.
    let (code, v) = json(&book, &["--json", "check"]);
    assert_eq!(code, 1);
    let codes: Vec<&str> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["code"].as_str())
        .collect();
    assert!(codes.contains(&"R0261"), "{codes:?}");
    assert!(codes.contains(&"W0260"), "{codes:?}");

    let (code, v) = json(
        &book,
        &[
            "--as-of",
            "2000-07-02",
            "--json",
            "change-of-control",
            "series-b",
        ],
    );
    assert_eq!(code, 0);
    assert_eq!(v["occurred"], true);
    let w = &v["change_of_control"];
    assert_eq!(w["date"], "2000-06-01");
    assert_eq!(w["limb"], "a");
    assert_eq!(w["notice_date"], "2000-06-02");
    assert_eq!(w["last_election_day"], "2000-07-02");
    // The put price: the Liquidation Preference projected to the third
    // anniversary, 1000 × (1 + 0.0825 × 81/360) × 1.020625^11 ×
    // (1 + 0.0825 × 10/360) = 1277.93870931912…; 100 shares →
    // $127,793.870931… → $127,793.87 paid in cash (§6.3(a)).
    assert!(v["put_price_per_share"]
        .as_str()
        .unwrap()
        .starts_with("1277.9387093191"));
    let e = &w["elections"][0];
    assert_eq!(e["choice"], "redeem");
    assert_eq!(e["cash"], "127793.87");
    // The ledger: 1000 − 100 = 900 shares left.
    let (_, v) = json(
        &book,
        &["--as-of", "2000-07-02", "--json", "holder", "bain"],
    );
    let pos = v["positions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["security"] == "series-b")
        .unwrap()
        .clone();
    assert_eq!(pos["shares"], "900");
}

#[test]
fn forced_conversion_and_redemption_what_ifs() {
    let book = small_book("forced", "");
    // §8.2(a) on 2000-06-30: average $10.00 < 200% × $50.00 = $100; (b) 1000
    // outstanding is not fewer than 15% of 1000 = 150.
    let (code, v) = json(
        &book,
        &[
            "--as-of",
            "2000-06-30",
            "--json",
            "forced-conversion",
            "series-b",
        ],
    );
    assert_eq!(code, 0);
    assert_eq!(v["test_a"]["met"], false);
    assert_eq!(v["test_b"]["met"], false);
    assert_eq!(v["may_force_conversion"], false);

    // §6.1 before the fifth anniversary (2005-04-10) is refused.
    let (code, v) = json(
        &book,
        &[
            "--json",
            "redeem",
            "series-b",
            "--kind",
            "optional",
            "--date",
            "2004-01-05",
        ],
    );
    assert_eq!(code, 1);
    assert_eq!(v["code"], "R0220");
    // §6.2 on the tenth anniversary, cash: no prices before 2010-04-10 in
    // this book, so clause (a) alone; the §7.2 notice window is 60 to 30
    // days before: 2010-02-09 to 2010-03-11.
    let (code, v) = json(
        &book,
        &["--json", "redeem", "series-b", "--kind", "mandatory"],
    );
    assert_eq!(code, 0);
    assert_eq!(v["quote"]["redemption_date"], "2010-04-10");
    assert_eq!(v["quote"]["notice_window"][0], "2010-02-09");
    assert_eq!(v["quote"]["notice_window"][1], "2010-03-11");
    assert_eq!(v["quote"]["liquidation_preference_governs"], true);
}

#[test]
fn liquidation_shares_an_amount_short_of_the_preference() {
    let book = small_book("liquidate", "");
    // On 2000-05-16 the §5 claim is the make-whole Liquidation Preference,
    // 1277.9387093… per share (above (b): 20 × ratio × $10 ≈ $255);
    // 1000 shares claim $1,277,938.71; $500,000 available pays the fraction
    // 500,000 / 1,277,938.709… and $500,000.00 to bain, nothing to common.
    let (code, v) = json(
        &book,
        &[
            "--as-of",
            "2000-05-16",
            "--json",
            "liquidate",
            "series-b",
            "--amount",
            "500000",
        ],
    );
    assert_eq!(code, 0);
    assert!(v["per_share_claim"]
        .as_str()
        .unwrap()
        .starts_with("1277.9387093191"));
    assert_eq!(v["holders"][0]["amount"], "500000.00");
    assert_eq!(v["per_share_paid"], "500");
}

/// The whole state of a book on `as_of` (`report --json`: securities,
/// positions, every instrument's status, warnings) without its rejections.
fn state_without_rejections(book: &str, as_of: &str) -> Value {
    let (_, mut v) = json(book, &["--as-of", as_of, "--json", "report"]);
    v.as_object_mut().unwrap().remove("rejections");
    v
}

/// Replays `base` + `bad` (the bad event last) and `base` alone: the bad
/// event is rejected with `code` and `clause`, and the rest of the book's
/// state on `as_of` is identical.
fn rejected_and_nothing_changed(
    name: &str,
    base: &str,
    bad: &str,
    code: &str,
    clause: &str,
    as_of: &str,
) {
    rejected_and_nothing_changed_with(name, base, bad, code, clause, as_of, "")
}

fn rejected_and_nothing_changed_with(
    name: &str,
    base: &str,
    bad: &str,
    code: &str,
    clause: &str,
    as_of: &str,
    terms_extra: &str,
) {
    let good = small_book_with(&format!("{name}-good"), base, terms_extra);
    let with_bad = small_book_with(
        &format!("{name}-bad"),
        &format!("{base}\n{bad}"),
        terms_extra,
    );
    let (ok, v) = json(&good, &["--json", "check"]);
    assert_eq!(ok, 0, "the book without the bad event checks: {v}");
    let (_, v) = json(&with_bad, &["--as-of", as_of, "--json", "report"]);
    let rejections = v["rejections"].as_array().unwrap();
    assert_eq!(rejections.len(), 1, "{rejections:?}");
    assert_eq!(rejections[0]["code"], code, "{rejections:?}");
    assert_eq!(rejections[0]["clause"], clause, "{rejections:?}");
    assert_eq!(
        state_without_rejections(&with_bad, as_of),
        state_without_rejections(&good, as_of),
        "the rejected event changed the book"
    );
}

/// CoD §4.1, §1: the series is issued at the Closing only.
#[test]
fn issuance_after_the_closing_is_rejected_and_changes_nothing() {
    rejected_and_nothing_changed(
        "issue-late",
        "",
        "2000-05-01 issue series-b bain 10\n  price: 1000.00",
        "R0206",
        "CoD §4.1",
        "2000-06-30",
    );
    // 1,000 issued of 200,000 designated; 199,001 more would make 200,001.
    rejected_and_nothing_changed(
        "issue-beyond",
        "",
        "2000-04-10 issue series-b pub 199,001",
        "R0207",
        "CoD §1",
        "2000-06-30",
    );
}

const PARITY_C: &str = "
[[rank]]
security = \"series-c\"
dividends = \"parity\"
liquidation = \"parity\"
";

/// CoD §4.4: with $300,000 of Parity Stock dividends due and unpaid, the
/// Series B's cash dividend of the period ending 2003-06-30 is not ratable
/// (the class is declared 0 of its 300,000: fraction 0 < 1); declaring the
/// class's arrears first the same day makes it ratable (300,000 / 300,000).
#[test]
fn series_dividend_not_ratable_with_parity_arrears_is_rejected() {
    let base = "2003-05-01 class-claims series-b series-c
  accrued-unpaid-dividends: 300,000.00";
    rejected_and_nothing_changed_with(
        "parity",
        base,
        "2003-06-01 declare-dividend series-b\n  period-end: 2003-06-30\n  form: cash",
        "R0216",
        "CoD §4.4",
        "2003-07-15",
        PARITY_C,
    );
    let ok = small_book_with(
        "parity-ok",
        &format!("{base}\n2003-06-01 parity-dividend series-b series-c\n  amount: 300,000.00\n2003-06-01 declare-dividend series-b\n  period-end: 2003-06-30\n  form: cash"),
        PARITY_C,
    );
    let (code, v) = json(&ok, &["--json", "check"]);
    assert_eq!(code, 0, "{v}");
    // Paid on 2003-06-30 to bain's 1,000 shares: 1,000 × 2.0625% × AV
    // after 11 quarters (1275.0167958286796…) = 26,297.22214… → $26,297.22.
    let (_, v) = json(&ok, &["--as-of", "2003-07-15", "--json", "holder", "bain"]);
    assert_eq!(v["cash"][0]["amount"], "26297.22");
    assert_eq!(v["cash"][0]["date"], "2003-06-30");
}

/// CoD §5 with a Senior and a Parity class, stated by `class-claims`. On
/// 2000-05-16 the series claims the make-whole Liquidation Preference,
/// S = 1000 × 1277.93870931912… = $1,277,938.70931912…; `series-c` claims
/// P = $1,277,938.71 and `senior-a` $100,000. $1,377,938.71 available:
/// Senior first, leaving $1,277,938.71 for S + P = $2,555,877.41931912…,
/// the fraction f = 1,277,938.71 / 2,555,877.41931912… = 0.500000000133…;
/// bain receives S × f = 638,969.35483… → $638,969.35 and series-c P × f
/// = 638,969.35517… → $638,969.36 (nearest cent, half up). `dissolve` pays
/// bain the same and cancels its shares.
#[test]
fn dissolve_pays_like_liquidate_after_senior_and_with_parity_then_cancels() {
    let terms = "
[[rank]]
security = \"series-c\"
dividends = \"parity\"
liquidation = \"parity\"

[[rank]]
security = \"senior-a\"
dividends = \"senior\"
liquidation = \"senior\"
";
    let base = "2000-05-01 class-claims series-b series-c
  liquidation-claim: 1,277,938.71
2000-05-01 class-claims series-b senior-a
  liquidation-claim: 100,000.00";
    let book = small_book_with("dissolve", base, terms);
    let (code, v) = json(
        &book,
        &[
            "--as-of",
            "2000-05-16",
            "--json",
            "liquidate",
            "series-b",
            "--amount",
            "1377938.71",
        ],
    );
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["holders"][0]["amount"], "638969.35");
    assert_eq!(v["classes"][0]["paid"], "100000.00");
    assert_eq!(v["classes"][2]["class"], "series-c");
    assert_eq!(v["classes"][2]["paid"], "638969.36");
    assert!(v["paid_fraction"]
        .as_str()
        .unwrap()
        .starts_with("0.500000000133"));
    let dissolved = small_book_with(
        "dissolve-2",
        &format!("{base}\n2000-05-16 dissolve\n  amount-available: 1,377,938.71"),
        terms,
    );
    let (_, v) = json(
        &dissolved,
        &["--as-of", "2000-05-20", "--json", "holder", "bain"],
    );
    assert_eq!(v["cash"][0]["amount"], "638969.35");
    assert!(v["positions"]
        .as_array()
        .unwrap()
        .iter()
        .all(|p| p["security"] != "series-b"));
    // After the dissolution a conversion is refused under §5.
    rejected_and_nothing_changed_with(
        "after-dissolve",
        &format!("{base}\n2000-05-16 dissolve\n  amount-available: 1,377,938.71"),
        "2000-05-20 convert series-b bain 10",
        "R0227",
        "CoD §5",
        "2000-06-30",
        terms,
    );
}

/// Issue 3's "Bad input": each rejected with its clause, and the rest of
/// the book exactly as without it.
#[test]
fn bad_input_is_rejected_with_its_clause_and_changes_nothing() {
    // §6.1: optional redemption on and after the fifth anniversary
    // (2005-04-10); 2004-01-05 is before it (notice 35 days earlier).
    rejected_and_nothing_changed(
        "bad-6-1",
        "",
        "2003-12-01 redeem series-b\n  kind: optional\n  redemption-date: 2004-01-05",
        "R0220",
        "CoD §6.1",
        "2004-02-01",
    );
    // §7.2: notice 2005-05-20 for 2005-06-01 is 12 days, not 30–60.
    rejected_and_nothing_changed(
        "bad-7-2",
        "",
        "2005-05-20 redeem series-b\n  kind: optional\n  redemption-date: 2005-06-01",
        "R0221",
        "CoD §7.2",
        "2005-07-01",
    );
    // §8.1: all 1,000 shares called (notice 2005-05-01) for 2005-06-01; the
    // right to convert them ended at the close of 2005-05-31.
    rejected_and_nothing_changed(
        "bad-8-1",
        "2005-05-01 redeem series-b\n  kind: optional\n  redemption-date: 2005-06-01\n  shares: 1000",
        "2005-06-01 convert series-b bain 10",
        "R0204",
        "CoD §8.1",
        "2005-07-01",
    );
    // §6.3: notice 2000-06-02, elections through 2000-07-02.
    let coc = "2000-06-01 change-of-control series-b a\n  description: a group acquired 60% of the voting stock\n2000-06-02 change-of-control-notice series-b";
    rejected_and_nothing_changed(
        "bad-6-3",
        coc,
        "2000-07-03 change-of-control-put series-b bain 100",
        "R0261",
        "CoD §6.3",
        "2000-08-01",
    );
    // §6.5: bain puts 100 shares with $50,000 of funds: 39 are paid
    // (floor(50,000 / 1277.9387…)), 61 stay owed — a Mandatory Redemption
    // Obligation; a cash dividend on the common (Junior Stock) is barred.
    rejected_and_nothing_changed(
        "bad-6-5",
        &format!("{coc}\n2000-06-10 change-of-control-put series-b bain 100\n  funds: 50000"),
        "2000-07-10 distribute cash\n  per-share: 0.10\n  record-date: 2000-07-20",
        "R0240",
        "CoD §6.5",
        "2000-08-01",
    );
}
