//! Hand-worked cap tables (CoD §9.1 votes, §10(b) outstanding, §8.7 and
//! Warrant §3 reserves), exports read back, and a scenario
//! whose figures equal the same events written into the journal.

use units::{Clause, Exact, Price, Shares};
use views::captable::{
    CapTable, CapTableSettings, ClassKind, ClassRow, Convertible, Covenant, Exercisable, Holding,
    Pool, Snapshot, Voting,
};

fn sh(n: i64) -> Shares {
    Shares::from_int(n)
}
fn ex(s: &str) -> Exact {
    Exact::from_decimal(units::parse_decimal(s).unwrap())
}

fn snap(authorized: i64) -> Snapshot {
    Snapshot {
        date: None,
        common_id: "common".into(),
        classes: vec![
            ClassRow {
                id: "common".into(),
                name: "Common".into(),
                kind: ClassKind::Common,
                authorized: Some(sh(authorized)),
                issued: sh(1_000_000),
                treasury: sh(50_000),
                outstanding: sh(950_000),
                voting: Voting::PerShare(Exact::one()),
            },
            ClassRow {
                id: "series-b".into(),
                name: "Series B".into(),
                kind: ClassKind::Preferred,
                authorized: Some(sh(200_000)),
                issued: sh(200),
                treasury: Shares::ZERO,
                outstanding: sh(200),
                voting: Voting::AsConverted,
            },
        ],
        holdings: vec![
            Holding {
                holder: "a".into(),
                class: "common".into(),
                shares: sh(600_000),
            },
            Holding {
                holder: "b".into(),
                class: "common".into(),
                shares: sh(350_000),
            },
            Holding {
                holder: "bain".into(),
                class: "series-b".into(),
                shares: sh(150),
            },
            Holding {
                holder: "b2".into(),
                class: "series-b".into(),
                shares: sh(50),
            },
        ],
        convertibles: vec![
            // 150 × 20.3713 = 3,055.695 common
            Convertible {
                class: "series-b".into(),
                holder: "bain".into(),
                shares: sh(150),
                as_converted: ex("3055.695"),
                votes: None,
            },
            // 50 × 20.3713 = 1,018.565 common
            Convertible {
                class: "series-b".into(),
                holder: "b2".into(),
                shares: sh(50),
                as_converted: ex("1018.565"),
                votes: None,
            },
        ],
        exercisables: vec![
            Exercisable {
                class: "cisco-warrant".into(),
                kind: ClassKind::Warrant,
                holder: "cisco".into(),
                shares: sh(10_000),
                strike: Some(Price::parse("2.41").unwrap()),
            },
            Exercisable {
                class: "plan".into(),
                kind: ClassKind::Option,
                holder: "emp".into(),
                shares: sh(20_000),
                strike: Some(Price::parse("7.15").unwrap()),
            },
        ],
        pools: vec![Pool {
            id: "plan (available)".into(),
            available: sh(30_000),
        }],
        covenants: vec![
            Covenant {
                for_class: "series-b".into(),
                clause: Clause::new("CoD", "8.7"),
            },
            Covenant {
                for_class: "cisco-warrant".into(),
                clause: Clause::new("Warrant", "3"),
            },
        ],
    }
}

fn holder<'a>(t: &'a CapTable, h: &str) -> &'a views::captable::HolderLine {
    t.holders.iter().find(|x| x.holder == h).unwrap()
}

#[test]
fn fully_diluted_votes_and_percentages() {
    let t = CapTable::compute(&snap(100_000_000), &CapTableSettings::default()).unwrap();
    // 950,000 outstanding (1,000,000 issued − 50,000 in treasury, CoD §10(b))
    // + 3,055.695 + 1,018.565 as converted + 10,000 warrant + 20,000 options
    // + 30,000 pool = 1,014,074.26
    assert_eq!(t.fully_diluted_total, ex("1014074.26"));
    // As converted: 950,000 + 4,074.26 = 954,074.26
    assert_eq!(t.as_converted_total, ex("954074.26"));
    // CoD §9.1: whole shares per holder: 3,055 and 1,018; total votes
    // 600,000 + 350,000 + 3,055 + 1,018 = 954,073
    assert_eq!(holder(&t, "bain").votes, ex("3055"));
    assert_eq!(holder(&t, "b2").votes, ex("1018"));
    assert_eq!(t.votes_total, ex("954073"));
    // a: 600,000 / 950,000 of the outstanding common = 12/19
    assert_eq!(
        holder(&t, "a").pct_outstanding_common.value(),
        Exact::ratio(12, 19).unwrap()
    );
    // a's votes: 600,000 / 954,073
    assert_eq!(
        holder(&t, "a").pct_votes.value(),
        Exact::ratio(600_000, 954_073).unwrap()
    );
    let sb = t.classes.iter().find(|c| c.id == "series-b").unwrap();
    assert_eq!(sb.votes, ex("4073"));
}

#[test]
fn the_as_converted_column_adds_up_to_its_total() {
    let mut s = snap(100_000_000);
    // Rows for the warrant and the plan, as the adapter gives them
    // (outstanding = common issuable; no shares issued).
    for (id, kind, n) in [
        ("cisco-warrant", ClassKind::Warrant, 10_000),
        ("plan", ClassKind::Option, 20_000),
    ] {
        s.classes.push(ClassRow {
            id: id.into(),
            name: id.into(),
            kind,
            authorized: None,
            issued: Shares::ZERO,
            treasury: Shares::ZERO,
            outstanding: sh(n),
            voting: Voting::None,
        });
    }
    let t = CapTable::compute(&s, &CapTableSettings::default()).unwrap();
    let row = |id: &str| t.classes.iter().find(|c| c.id == id).unwrap().clone();
    // common 600,000 + 350,000 = 950,000; series-b 3,055.695 + 1,018.565
    // = 4,074.26 as converted (CoD §8.1).
    assert_eq!(row("common").as_converted, ex("950000"));
    assert_eq!(row("series-b").as_converted, ex("4074.26"));
    // The warrant's 10,000 and the plan's 20,000 are issuable on exercise,
    // not converted: zero in the column, counted in fully diluted.
    assert_eq!(row("cisco-warrant").as_converted, Exact::zero());
    assert_eq!(row("plan").as_converted, Exact::zero());
    assert_eq!(row("cisco-warrant").fully_diluted, ex("10000"));
    assert_eq!(row("plan").fully_diluted, ex("20000"));
    // The column adds up: 950,000 + 4,074.26 + 0 + 0 = 954,074.26.
    let sum = t
        .classes
        .iter()
        .fold(Exact::zero(), |a, c| a.add(&c.as_converted));
    assert_eq!(sum, ex("954074.26"));
    assert_eq!(sum, t.as_converted_total);
}

#[test]
fn out_of_the_money_and_treasury_stock_method() {
    let price = Some(Price::parse("5.00").unwrap());
    let s = CapTableSettings {
        include_out_of_the_money: false,
        price,
        ..Default::default()
    };
    let t = CapTable::compute(&snap(100_000_000), &s).unwrap();
    // the $7.15 options are out of the money at $5.00: 1,014,074.26 − 20,000
    assert_eq!(t.fully_diluted_total, ex("994074.26"));
    let s = CapTableSettings {
        treasury_stock_method: true,
        include_out_of_the_money: false,
        price,
        ..Default::default()
    };
    let t = CapTable::compute(&snap(100_000_000), &s).unwrap();
    // warrant: 10,000 − 10,000 × 2.41 / 5.00 = 10,000 − 4,820 = 5,180;
    // 950,000 + 4,074.26 + 5,180 + 30,000 = 989,254.26
    assert_eq!(t.fully_diluted_total, ex("989254.26"));
    // a price is required for either setting
    let s = CapTableSettings {
        treasury_stock_method: true,
        ..Default::default()
    };
    assert_eq!(
        CapTable::compute(&snap(1), &s).err().map(|r| r.code),
        Some("R0703")
    );
}

#[test]
fn reserve_sufficiency_with_its_covenants() {
    let t = CapTable::compute(&snap(100_000_000), &CapTableSettings::default()).unwrap();
    // required: 4,074.26 (CoD §8.7) + 10,000 (Warrant §3) + 20,000 + 30,000
    assert_eq!(t.reserve.required, ex("64074.26"));
    assert_eq!(t.reserve.sufficient, Some(true));
    let sb = t
        .reserve
        .needs
        .iter()
        .find(|n| n.for_class == "series-b")
        .unwrap();
    assert_eq!(sb.clause, Some(Clause::new("CoD", "8.7")));
    // authorized 1,050,000 − issued 1,000,000 = 50,000 < 64,074.26
    let t = CapTable::compute(&snap(1_050_000), &CapTableSettings::default()).unwrap();
    assert_eq!(t.reserve.sufficient, Some(false));
    assert_eq!(t.reserve.shortfall, ex("14074.26"));
}

#[test]
fn csv_quotes_per_rfc_4180_and_xlsx_reads_back() {
    use views::export::{num, text, to_csv, to_xlsx, Table};
    let mut t = Table::new("Test", &["name", "value"]);
    t.push(vec![text("a, \"b\""), num("1.50")]);
    t.push(vec![text("line\nbreak"), num("2")]);
    assert_eq!(
        to_csv(&t).unwrap(),
        "name,value\r\n\"a, \"\"b\"\"\",1.50\r\n\"line\nbreak\",2\r\n"
    );
    let bytes = to_xlsx(&[t]).unwrap();
    use calamine::{Reader, Xlsx};
    let mut wb: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let range = wb.worksheet_range("Test").unwrap();
    assert_eq!(
        range.get_value((0, 0)).map(|c| c.to_string()),
        Some("name".into())
    );
    assert_eq!(
        range.get_value((1, 0)).map(|c| c.to_string()),
        Some("a, \"b\"".into())
    );
    assert_eq!(
        range.get_value((2, 1)).map(|c| c.to_string()),
        Some("2".into())
    );
}

#[test]
fn captable_exports_every_table() {
    let t = CapTable::compute(&snap(100_000_000), &CapTableSettings::default()).unwrap();
    let tables = views::export::captable_tables(&t, &Default::default());
    assert_eq!(tables.len(), 3);
    let csv = views::export::to_csv(&tables[0]).unwrap();
    assert!(
        csv.contains("series-b,preferred,200000,200,0,200,4074.26,4074.26,0.4018%,4073,0.4269%"),
        "{csv}"
    );
    assert!(views::export::to_xlsx(&tables).unwrap().starts_with(b"PK"));
}

#[test]
fn a_holder_name_with_a_comma_is_one_csv_field() {
    let t = CapTable::compute(&snap(100_000_000), &CapTableSettings::default()).unwrap();
    let names: std::collections::BTreeMap<String, String> = [
        ("bain", "Bain Capital Fund VI, L.P."),
        ("b2", "Brookside \"Capital\" Partners, L.P.; Fund II"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let tables = views::export::captable_tables(&t, &names);
    let csv = views::export::to_csv(&tables[1]).unwrap();
    assert!(csv.starts_with("holder,name,positions,common,"), "{csv}");
    // bain: 150 Series B, 3,055.695 as converted (150 × 20.3713); the name's
    // comma is inside one quoted field, not a column break.
    assert!(
        csv.contains("\r\nbain,\"Bain Capital Fund VI, L.P.\",series-b: 150,0,"),
        "{csv}"
    );
    // Quotes doubled; the semicolon needs no quoting.
    assert!(
        csv.contains("\r\nb2,\"Brookside \"\"Capital\"\" Partners, L.P.; Fund II\",series-b: 50,"),
        "{csv}"
    );
    // A holder with no name: an empty field.
    assert!(csv.contains("\r\na,,common: 600000,600000,"), "{csv}");
    // Every line has the header's 11 fields once quoted fields are read.
    for line in csv.trim_end().split("\r\n") {
        let mut fields = 1;
        let mut quoted = false;
        for c in line.chars() {
            match c {
                '"' => quoted = !quoted,
                ',' if !quoted => fields += 1,
                _ => {}
            }
        }
        assert_eq!(fields, 11, "{line}");
    }
}

const BOOK: &str = "option company \"T Co\"
1999-12-31 security common \"Common\"
  class: common
  authorized: 10000
1999-12-31 holder a
1999-12-31 holder b
2000-01-03 issue common a 1000
2000-02-01 issue common b 500
";

fn load(text: &str) -> engine::Book {
    let r = engine::load("t.journal", text, &mut |_| Err("no includes".into()));
    assert!(!r.has_errors(), "{:?}", r.diagnostics);
    r.book
}

#[test]
fn a_scenario_matches_the_same_events_written_into_the_journal() {
    use views::scenario::{diff, figures, WaterfallAt};
    let as_of = calendar::Date::constant(2002, 6, 30);
    let lines = "2002-06-01 issue-common b 5000\n  price: 1.50\n";
    let scenario = load(&format!("{BOOK}{lines}"));
    // The same event written into the journal, before the later lines.
    let written = load(&BOOK.replace(
        "2000-02-01 issue common b 500\n",
        &format!("2000-02-01 issue common b 500\n{lines}"),
    ));
    let base = load(BOOK);
    let at = WaterfallAt {
        proceeds: units::Money::from_int(13_000),
        reading: views::adapter::Reading::Liquidation,
        ahead: vec![],
        overrides: Default::default(),
    };
    let fig = |b: &engine::Book| {
        figures(
            b,
            &engine::replay(b, as_of),
            &CapTableSettings::default(),
            Some(&at),
        )
        .unwrap()
    };
    assert_eq!(fig(&scenario), fig(&written));
    let changes = diff(&fig(&base), &fig(&scenario));
    let find = |p: &str| changes.iter().find(|c| c.path == p).cloned();
    // 1,500 outstanding before; 1,500 + 5,000 = 6,500 after.
    let c = find("captable.common_outstanding").unwrap();
    assert_eq!(
        (c.before.as_deref(), c.after.as_deref()),
        (Some("1500"), Some("6500"))
    );
    // b's waterfall: before 13,000 × 500 / 1,500 = 4,333.33…→ 4333.33;
    // after 13,000 × 5,500 / 6,500 = 11,000.
    let c = find("waterfall.payouts[common/b].amount").unwrap();
    assert_eq!(
        (c.before.as_deref(), c.after.as_deref()),
        (Some("4333.33"), Some("11000.00"))
    );
    // Reserve: authorized 10,000 − issued 6,500 = 3,500
    let c = find("captable.reserve.unissued").unwrap();
    assert_eq!(c.after.as_deref(), Some("3500"));
}

#[test]
fn adapter_reads_the_ledger() {
    let b = load(BOOK);
    let s = engine::replay(&b, calendar::Date::constant(2000, 12, 31));
    let snap = views::adapter::snapshot(&b, &s);
    let t = CapTable::compute(&snap, &CapTableSettings::default()).unwrap();
    assert_eq!(t.common_outstanding, sh(1500));
    // a holds 1,000 of 1,500 = 2/3 of the votes
    assert_eq!(
        holder(&t, "a").pct_votes.value(),
        Exact::ratio(2, 3).unwrap()
    );
    assert_eq!(t.reserve.unissued, Some(Exact::from_int(8500)));
}

#[test]
fn positions_by_class_count_a_convertible_once() {
    let mut s = snap(100_000_000);
    // `a` also holds 1,000 options of the plan and 100 more common.
    s.exercisables.push(Exercisable {
        class: "plan".into(),
        kind: ClassKind::Option,
        holder: "a".into(),
        shares: sh(1_000),
        strike: None,
    });
    s.holdings.push(Holding {
        holder: "a".into(),
        class: "common".into(),
        shares: sh(100),
    });
    let t = CapTable::compute(&s, &CapTableSettings::default()).unwrap();
    // bain's 150 Series B shares are in the ledger's holdings and in the
    // convertibles' lines: one position of 150, not 300.
    assert_eq!(holder(&t, "bain").positions.get("series-b"), Some(sh(150)));
    // a: 600,000 + 100 common; 1,000 plan options; in class-id order.
    let a = holder(&t, "a");
    assert_eq!(
        serde_json::to_string(&a.positions).unwrap(),
        r#"{"common":"600100","plan":"1000"}"#
    );
    // a's fully diluted: 600,100 + 1,000 = 601,100 (a decimal figure).
    assert_eq!(a.fully_diluted, ex("601100"));
    assert_eq!(serde_json::to_value(&a.fully_diluted).unwrap(), "601100");
    // bain's as converted stays exact: 3,055.695.
    assert_eq!(holder(&t, "bain").as_converted, ex("3055.695"));
}

#[test]
fn scenario_diff_keys_records_by_a_unique_name() {
    use serde_json::json;
    use views::scenario::{diff, report, Section};
    // One holder with two awards: keyed by the awards' ids, not the holder
    // (which would merge them); a moved breakpoint is one changed row.
    let before = json!({"instruments": {"p": {"kind": "equity-plan", "status": {
        "pool": {"available": "1000"},
        "holders": [{"holder": "e", "awards": [
            {"holder": "e", "id": "a1", "outstanding": "10"},
            {"holder": "e", "id": "a2", "outstanding": "20"}]}]}}},
        "waterfall": {"breakpoints": [{"id": "series-b converts", "proceeds": "100"}]}});
    let after = json!({"instruments": {"p": {"kind": "equity-plan", "status": {
        "pool": {"available": "990"},
        "holders": [{"holder": "e", "awards": [
            {"holder": "e", "id": "a1", "outstanding": "10"},
            {"holder": "e", "id": "a2", "outstanding": "30"}]}]}}},
        "waterfall": {"breakpoints": [
            {"id": "options/warrants at strike 1.75 exercise (p)", "proceeds": "50"},
            {"id": "series-b converts", "proceeds": "120"}]}});
    let changes = diff(&before, &after);
    let paths: Vec<&str> = changes.iter().map(|c| c.path.as_str()).collect();
    assert!(paths.contains(&"instruments.p.status.holders[e].awards[a2].outstanding"));
    assert!(!paths.iter().any(|p| p.contains("[a1]")), "{paths:?}");
    assert!(paths.contains(&"waterfall.breakpoints[series-b converts].proceeds"));
    let rows = report(&before, &after, &changes);
    let pool = rows.iter().find(|r| r.figure == "pool available").unwrap();
    assert_eq!(pool.section, Section::PlanPools);
    assert_eq!(
        (pool.before.as_deref(), pool.after.as_deref()),
        (Some("1000"), Some("990"))
    );
    let award = rows.iter().find(|r| r.subject == "p / award a2").unwrap();
    assert_eq!(award.after.as_deref(), Some("30"));
    let moved = rows
        .iter()
        .find(|r| r.subject == "breakpoint: series-b converts")
        .unwrap();
    assert_eq!(
        (moved.before.as_deref(), moved.after.as_deref()),
        (Some("100"), Some("120"))
    );
    assert!(rows
        .iter()
        .any(|r| r.subject == "breakpoint: exercise at 1.75 (p)" && r.before.is_none()));
    // Sections come in issue 7's order.
    let sections: Vec<Section> = rows.iter().map(|r| r.section).collect();
    let mut sorted = sections.clone();
    sorted.sort();
    assert_eq!(sections, sorted);
}
