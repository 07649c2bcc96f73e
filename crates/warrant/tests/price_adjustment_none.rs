//! A warrant form of another company: a bank's warrant with no price-based
//! anti-dilution (`adjustment.price_adjustment = "none"`), its own section
//! numbers in `[sections]`, and the refusals of term files that select a
//! clause without what it needs.

mod common;
use actions::Instrument;
use common::*;
use journal::FileId;
use terms::InstrumentId;
use warrant::terms::WarrantTerms;
use warrant::Warrant;

/// A venture bank's warrant: 10 years, cash or net exercise, price
/// adjusted on splits and combinations only. Its sections are numbered
/// its own way ("Warrant §3.2"), none of them the example book's.
const BANK: &str = r#"
document = "Bank Warrant"
term_years = 10

[exercise]
payment_methods = ["cash", "wire"]
net_exercise = true
delivery_days = 10

[current_market_price]
business_days = 5
calendar = "exchange"
dispute_days = 15

[adjustment]
price_adjustment = "none"
cash_dividends_from_earnings_by_default = true

[notices]
reorganization_days = 10
dissolution_days = 10
extraordinary_dividend_days = 10

[sections]
"term" = "1.1"
"definitions.warrant-price" = "1.2"
"exercise" = "2.1"
"exercise.delivery" = "2.3"
"net-exercise" = "2.2"
"reserve" = "5.1"
"share-adjustment" = "3.1"
"price-adjustment" = "3"
"price-adjustment.subdivision" = "3.2"
"price-adjustment.combination" = "3.3"
"price-adjustment.distribution" = "3.4"
"price-adjustment.rounding" = "3.6"
"price-adjustment.effective-date" = "3.7"
"price-adjustment.due-bill" = "3.8"
"current-market-price" = "1.3"
"notices.adjustment-statement" = "3.9"
"notices.proposed-action" = "3.10"
"notices.extraordinary-dividend" = "4.3"
"transfer.ownership" = "6.1"
"transfer.exchange" = "6.2"
"reorganization" = "4.1"
"dissolution" = "4.2"
"fractional-shares" = "2.4"
"#;

/// The same form selecting the weighted-average adjustment, with the
/// Excluded Stock and section keys it needs.
fn weighted() -> String {
    BANK.replace(
        "price_adjustment = \"none\"",
        "price_adjustment = \"weighted-average\"",
    )
    .replace(
        "[notices]",
        "[excluded_stock]\nplan_securities = []\nplan_common_excluded = false\n\n[notices]",
    ) + r#""price-adjustment.issuance" = "3.5(a)"
"price-adjustment.consideration.cash" = "3.5(b)"
"price-adjustment.consideration.non-cash" = "3.5(c)"
"price-adjustment.deemed-issuance" = "3.5(d)"
"price-adjustment.deemed-issuance.change" = "3.5(e)"
"price-adjustment.deemed-issuance.expiry" = "3.5(f)"
"price-adjustment.excluded-stock" = "3.5(g)"
"#
}

/// A warrant on `text` issued 2003-05-01 for 100,000 shares at $1.00; the
/// company has 27,206,681 common outstanding (the test view's book).
fn issued_on(text: &str) -> (Warrant, Fake) {
    let mut w = Warrant::from_terms_text(InstrumentId::new("bank"), FileId(0), text)
        .unwrap_or_else(|e| panic!("{e:?}"));
    let f = Fake::ctc(d(2003, 5, 1));
    apply(
        &mut w,
        &f,
        "2003-05-01 issue-warrant bank cisco-capital 100000\n  price: 1.00\n",
    )
    .unwrap();
    (w, f)
}

const DOWN_ROUND: &str = "2003-06-02 issue-common investor-1 3000000\n  price: 0.50\n";

#[test]
fn a_below_price_issuance_changes_nothing_without_the_price_based_adjustment() {
    let (mut w, f) = issued_on(BANK);
    let o = act(&mut w, &f.on(d(2003, 6, 2)), DOWN_ROUND).unwrap();
    // 3,000,000 shares for $1,500,000 = $0.50 per share, half the $1.00
    // Warrant Price. With no price-based adjustment the warrant keeps
    // $1.00 and 100,000 shares, and no statement of adjustment is made.
    assert_eq!(w.price, p("1.00"));
    assert_eq!(w.total_shares(), sh("100000"));
    assert!(w.history.is_empty());
    assert!(o.computations.is_empty(), "{:?}", o.computations);
    // Options issued below the price are no deemed issuance either.
    act(
        &mut w,
        &f.on(d(2003, 6, 3)),
        "2003-06-03 issue-rights plan 500000\n  exercise-price: 0.40\n",
    )
    .unwrap();
    assert_eq!(w.price, p("1.00"));
    assert!(w.rights.is_empty());
}

#[test]
fn the_same_issuance_adjusts_when_the_form_selects_the_weighted_average() {
    let (mut w, f) = issued_on(&weighted());
    act(&mut w, &f.on(d(2003, 6, 2)), DOWN_ROUND).unwrap();
    // (27,206,681 × 1.00 + 1,500,000) / (27,206,681 + 3,000,000)
    //   = 28,706,681 / 30,206,681 = 0.950341… → $0.95 (to the cent).
    assert_eq!(w.price, p("0.95"));
    // Shares: 100,000 × 1.00 / 0.95 = 105,263.157… → 105,263.2.
    assert_eq!(w.total_shares(), sh("105263.2"));
    // Cited from this form's own table.
    let st = w.history.last().unwrap();
    assert_eq!(st.clause.to_string(), "Bank Warrant §3.5(a)");
    assert!(st.render_text().contains("(§3.9)"), "{}", st.render_text());
}

#[test]
fn a_split_still_adjusts_without_the_price_based_adjustment() {
    let (mut w, f) = issued_on(BANK);
    act(&mut w, &f.on(d(2003, 6, 2)), "2003-06-02 split 2 1\n").unwrap();
    // Record date = action date (Monday 2003-06-02): effective Tuesday.
    w.run_scheduled(d(2003, 6, 3), &f.on(d(2003, 6, 3)));
    // 1.00 / 2 = $0.50; shares in proportion 100,000 × 2 = 200,000.0.
    assert_eq!(w.price, p("0.50"));
    assert_eq!(w.total_shares(), sh("200000.0"));
    assert_eq!(
        w.history.last().unwrap().clause.to_string(),
        "Bank Warrant §3.2"
    );
}

#[test]
fn selecting_the_weighted_average_without_excluded_stock_is_refused_by_name() {
    let text = weighted().replace(
        "[excluded_stock]\nplan_securities = []\nplan_common_excluded = false\n\n",
        "",
    );
    let e = WarrantTerms::load(FileId(2), &text).unwrap_err();
    assert_eq!(e.code, "T0201");
    assert!(e.message.contains("`excluded_stock`"), "{}", e.message);
    assert!(e.message.contains("weighted-average"), "{}", e.message);
}

#[test]
fn selecting_the_weighted_average_without_its_sections_is_refused_by_name() {
    let text = weighted().replace("\"price-adjustment.excluded-stock\" = \"3.5(g)\"\n", "");
    let e = WarrantTerms::load(FileId(2), &text).unwrap_err();
    assert_eq!(e.code, "T0201");
    assert!(
        e.message.contains("`price-adjustment.excluded-stock`"),
        "{}",
        e.message
    );
    // Under "none" the key is not needed (BANK maps none of them).
    assert!(WarrantTerms::load(FileId(2), BANK).is_ok());
}

#[test]
fn excluded_stock_without_the_adjustment_is_refused_not_ignored() {
    let text = BANK.replace(
        "[notices]",
        "[excluded_stock]\nplan_securities = []\nplan_common_excluded = false\n\n[notices]",
    );
    let e = WarrantTerms::load(FileId(2), &text).unwrap_err();
    assert!(e.message.contains("`excluded_stock`"), "{}", e.message);
}

#[test]
fn an_unknown_section_key_is_refused_by_name() {
    let text = format!("{BANK}\"price-adjustment.full-ratchet\" = \"3.5\"\n");
    let e = WarrantTerms::load(FileId(2), &text).unwrap_err();
    assert_eq!(e.code, "T0201");
    assert!(
        e.message.contains("sections.price-adjustment.full-ratchet"),
        "{}",
        e.message
    );
}

#[test]
fn the_price_adjustment_selector_is_required() {
    let text = BANK.replace("price_adjustment = \"none\"\n", "");
    let e = WarrantTerms::load(FileId(2), &text).unwrap_err();
    assert_eq!(e.code, "T0001");
    assert!(e.message.contains("price_adjustment"), "{}", e.message);
}

#[test]
fn a_notice_is_named_by_the_forms_own_section_or_by_its_key() {
    let (mut w, f) = issued_on(BANK);
    let f = f.on(d(2003, 6, 2));
    apply(&mut w, &f, "2003-06-02 warrant-notice bank 4.1\n").unwrap();
    apply(&mut w, &f, "2003-06-02 warrant-notice bank dissolution\n").unwrap();
    assert_eq!(w.notices.len(), 2);
    // "8" is the example book's section, not this form's.
    let e = apply(&mut w, &f, "2003-06-02 warrant-notice bank 8\n").unwrap_err();
    assert_eq!(e.code, "R0328");
    assert!(e.message.contains("4.1 (reorganization)"), "{}", e.message);
    assert_eq!(w.notices.len(), 2);
}
