//! The CTC term files: the 1998 Incentive Plan's numbers with their
//! clauses, and the two option plans of Warrant §4(ii) with their reserves
//! and outstanding options as opening balances.

mod common;
use actions::Instrument;
use common::*;
use plan::{Plan, PlanTerms};
use terms::InstrumentId;
use units::{Money, Price, Shares};

const NQSO: &str = include_str!("../../../examples/ctc/terms/nonqualified-stock-option-plan.toml");
const ISO: &str = include_str!("../../../examples/ctc/terms/incentive-stock-option-plan.toml");

#[test]
fn the_1998_plan_numbers() {
    let t = PlanTerms::load(journal::FileId(0), PLAN_1998).unwrap();
    assert_eq!(t.pool, Shares::from_int(1_500_000)); // §4.a
    assert_eq!(t.per_person_option_limit, Some(Shares::from_int(1_000_000))); // §4.c
    assert_eq!(t.per_person_sar_limit, Some(Shares::from_int(1_000_000))); // §4.c
    assert_eq!(t.per_person_other_limit, Some(Shares::from_int(1_000_000))); // §4.c
    assert_eq!(t.cash_performance_limit, Some(Money::from_int(1_000_000))); // §4.d
    assert_eq!(
        t.performance_award_share_limit,
        Some(Shares::from_int(1_000_000))
    ); // §4.d
    assert_eq!(t.iso_last_grant_date, Some(d("2008-11-16"))); // §6.b(5)
    assert_eq!(t.par_value, Price::parse("0.01").unwrap()); // Exhibit A "Stock"
                                                            // Every number line in the file is preceded by a comment citing a clause.
                                                            // The `[sections]` table (last in the file) is itself the clauses.
    let lines: Vec<&str> = PLAN_1998
        .lines()
        .take_while(|l| *l != "[sections]")
        .collect();
    for (i, l) in lines.iter().enumerate() {
        if l.contains(" = ") && !l.starts_with('#') {
            let above = lines[..i]
                .iter()
                .rev()
                .take_while(|x| x.starts_with('#'))
                .cloned()
                .collect::<Vec<_>>()
                .join(" ");
            assert!(
                above.contains('§')
                    || above.contains("Exhibit A")
                    || above.contains("ASSUMPTION")
                    || above.contains("Short name"),
                "{l} has no clause"
            );
        }
    }
}

#[test]
fn warrant_section_4_option_plans_open_with_their_reserves() {
    let n = Plan::from_toml(InstrumentId::new("nqso"), journal::FileId(0), NQSO).unwrap();
    let i = Plan::from_toml(InstrumentId::new("iso-plan"), journal::FileId(0), ISO).unwrap();
    // Warrant §4(ii)(A): 4,926,839 reserved, 4,111,474 outstanding:
    // 4,926,839 − 4,111,474 = 815,365 available on 2002-04-30.
    let s = pool(&n, "2002-04-30");
    assert_eq!(s.authorized, sh(4_926_839));
    assert_eq!(s.outstanding, sh(4_111_474));
    assert_eq!(s.available, sh(815_365));
    assert_eq!(
        n.awards["opening"].exercise_price,
        Some(Price::parse("7.15").unwrap())
    );
    // (B): 8,255,621 − 4,410,130 = 3,845,491.
    let s = pool(&i, "2002-04-30");
    assert_eq!(s.available, sh(3_845_491));
    assert_eq!(
        i.awards["opening"].exercise_price,
        Some(Price::parse("9.12").unwrap())
    );
    // Before the opening date there is nothing.
    assert_eq!(pool(&i, "2002-04-29").authorized, sh(0));
    // The options count in the fully diluted common.
    let mut v = FakeView::new();
    v.date = d("2002-05-01");
    assert_eq!(i.common_issuable(&v), Shares::from_int(4_410_130));
    assert_eq!(n.common_issuable(&v), Shares::from_int(4_111_474));
    let status = i.status_text(&v);
    assert!(status.contains("3845491"), "{status}");
}

#[test]
fn a_bad_term_file_is_a_diagnostic_at_the_line() {
    let bad = PLAN_1998.replace("pool = 1500000", "pool = \"many\"");
    let e = PlanTerms::load(journal::FileId(0), &bad).unwrap_err();
    assert_eq!(e.code, "T0001");
    assert!(e.span.is_some());
    let bad = PLAN_1998.replace("par_value", "par_valeu");
    assert!(PlanTerms::load(journal::FileId(0), &bad).is_err());
}

#[test]
fn directives_report_every_problem() {
    let text = "2000-01-01 grant plan-1998 o1 alice nso 10.5\n  exercise-price: x\n  vesting: weekly\n  colour: red\n";
    let (mut ds, _, _, _) = journal::parse_str(journal::FileId(0), text);
    let e = Plan::resolve(&ds.remove(0)).unwrap_err();
    let codes: Vec<&str> = e.iter().map(|d| d.code).collect();
    // 10.5 shares (§4.b), a bad price, an unknown key.
    assert!(codes.contains(&"E0402"), "{codes:?}");
    assert!(codes.contains(&"E0104"), "{codes:?}");
    assert!(codes.contains(&"E0108"), "{codes:?}");
    let (mut ds, _, _, _) = journal::parse_str(
        journal::FileId(0),
        "2000-01-01 grant plan-1998 o1 alice option 10\n",
    );
    let e = Plan::resolve(&ds.remove(0)).unwrap_err();
    assert_eq!(e[0].code, "E0106");
    let (mut ds, _, _, _) = journal::parse_str(
        journal::FileId(0),
        "2000-01-01 terminate-service plan-1998 alice\n  reason: retired\n",
    );
    assert!(Plan::resolve(&ds.remove(0)).is_err());
}
