//! Registrable Securities of the Series B Registration Rights Agreement on
//! the example book: the engine supplies each holder's common issuable on
//! conversion (CoD §8.1) and the agreement applies the Rule 144 test
//! (RRA §1 "Registrable Securities").

use std::process::Command;

#[test]
fn registrable_securities_follow_the_conversion_ratio_and_rule_144() {
    let book = format!(
        "{}/../../examples/ctc/book.journal",
        env!("CARGO_MANIFEST_DIR")
    );
    let out = Command::new(env!("CARGO_BIN_EXE_stockbook"))
        .args(["-f", &book, "registration", "rra", "--as-of", "2002-05-10"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    // Ratio on 2002-05-10: AV 1,175.035797… (after the 2002-04-01 payment
    // date); 40 days accrued since 2002-03-31 (30 in April + 10 in May):
    // LP = 1,175.035797… × (1 + 0.0825 × 40/360) = 1,185.806958…;
    // §8.1 ratio = LP / 50 = 23.716139…, times the one §8.10 adjustment
    // made (the February 2002 Cisco warrant, CoD §8.10.2: 23.331860… →
    // 23.6223): 23.716139… × 23.6223 / 23.331860… = 24.011362….
    // Bain Capital Fund VI, 50,000 shares: 50,000 × 24.011362… = 1,200,568.13
    // → 1,200,568 whole shares issuable.
    // Rule 144 three-month limit: the greater of 1% of 27,206,681 outstanding
    // (272,066.81) and the average weekly volume of the four calendar weeks
    // before the week of 2002-05-10 in the illustrative prices file:
    // (416,799 + 230,606 + 355,334 + 476,459) / 4 = 369,799.5.
    assert!(
        text.contains("Rule 144 three-month volume limit: 369,799.5"),
        "{text}"
    );
    // 1,200,568 > 369,799.5: not all saleable in three months → registrable.
    let bain = text
        .lines()
        .find(|l| l.trim_start().starts_with("bain-vi "))
        .unwrap();
    assert_eq!(
        bain.split_whitespace().collect::<Vec<_>>()[..4],
        ["bain-vi", "1,200,568", "0", "1,200,568"]
    );
    // BCIP Associates II, 2,000 shares: 2,000 × 24.011362… = 48,022 whole
    // shares, alone under the limit — but Rule 144(e)(3)(vi) aggregates
    // persons acting in concert, and the book declares it `affiliate-of:
    // bain`. The Bain group's 75,000 Series B shares give, holder by holder,
    // 1,200,568 + 240,113 + 48,022 + 24,011 × 4 + 72,034 + 48,022 × 3
    // = 1,800,847 whole shares > 369,799.5: not all saleable in three
    // months, so BCIP II's 48,022 stay registrable (RRA §1; the per-holder
    // reading is the term file's `aggregate = "holder"`).
    let bcip = text
        .lines()
        .find(|l| l.trim_start().starts_with("bcip-ii "))
        .unwrap();
    assert_eq!(
        bcip.split_whitespace().collect::<Vec<_>>()[..4],
        ["bcip-ii", "48,022", "0", "48,022"]
    );
}

#[test]
fn exhibit_d_registrable_securities_are_the_warrant_shares() {
    let book = format!(
        "{}/../../examples/ctc/book.journal",
        env!("CARGO_MANIFEST_DIR")
    );
    let out = Command::new(env!("CARGO_BIN_EXE_stockbook"))
        .args([
            "-f",
            &book,
            "registration",
            "cisco-rr",
            "--as-of",
            "2002-05-10",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    // Exhibit D §1: Warrant Shares issuable on exercise. The 2002-05-01
    // warrant: 272,067 shares, unadjusted on 2002-05-10, held by Cisco
    // Systems Capital (its certificate, not a ledger position).
    let cisco = text
        .lines()
        .find(|l| l.trim_start().starts_with("cisco-capital "))
        .unwrap_or("");
    assert_eq!(
        cisco.split_whitespace().collect::<Vec<_>>()[..2],
        ["cisco-capital", "272,067"],
        "{text}"
    );
}
