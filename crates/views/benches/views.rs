//! Issue 7 speed targets (benchmarks, not timed tests): waterfall
//! breakpoints for a synthetic book of 100,000 holders in 10 classes in
//! under 100 ms; a cap table as of any date on a loaded book of 1,000,000
//! events in under 50 ms. Figures go to docs/performance.md.

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use units::{Exact, Money, Price, Shares};
use views::captable::{CapTable, CapTableSettings};
use views::waterfall::{ClaimClass, Deduction, OptionTranche, Position, Waterfall, WaterfallInput};

/// 100,000 holders in 10 classes: 9 preferred series (three ranks,
/// convertible at different ratios) and the common; 2,000 option grants at
/// 40 strikes; costs and debt ahead.
fn synthetic_input() -> WaterfallInput {
    let mut classes = Vec::new();
    let mut holders_left = 100_000usize;
    let per_class = 10_000usize;
    for k in 0..9i64 {
        let holders: Vec<Position> = (0..per_class)
            .map(|h| {
                Position::new(
                    format!("p{k}-{h}"),
                    Shares::from_int(1 + (h as i64 * 37 + k) % 1_000),
                )
            })
            .collect();
        holders_left -= per_class;
        classes.push(ClaimClass {
            id: format!("series-{k}"),
            seniority: k / 3,
            preference_per_share: Exact::from_int(100 + 25 * k),
            conversion_ratio: Some(Exact::ratio(10 + k, 1).unwrap_or_else(|_| Exact::one())),
            participating: false,
            cap_per_share: None,
            holders,
            clause: None,
        });
    }
    let common: Vec<Position> = (0..holders_left)
        .map(|h| {
            Position::new(
                format!("c{h}"),
                Shares::from_int(100 + (h as i64 * 7919) % 10_000),
            )
        })
        .collect();
    let options: Vec<OptionTranche> = (0..2_000i64)
        .map(|i| OptionTranche {
            class: "plan".into(),
            holder: format!("c{i}"),
            shares: Shares::from_int(500 + i % 300),
            strike: Price::new(units::Decimal::new(100 + (i % 40) * 25, 2)),
        })
        .collect();
    WaterfallInput {
        common_id: "common".into(),
        common,
        classes,
        options,
        ahead: vec![
            Deduction {
                id: "costs".into(),
                amount: Money::from_int(5_000_000),
            },
            Deduction {
                id: "debt".into(),
                amount: Money::from_int(50_000_000),
            },
        ],
        notes: vec![],
        ..Default::default()
    }
}

fn waterfall(c: &mut Criterion) {
    let input = synthetic_input();
    let mut g = c.benchmark_group("issue7");
    g.sample_size(10);
    g.bench_function("waterfall_breakpoints_100k_holders_10_classes", |b| {
        b.iter_batched(
            || input.clone(),
            |i| {
                let w = Waterfall::new(black_box(i)).ok();
                black_box(w.map(|w| w.breakpoints().len()))
            },
            criterion::BatchSize::LargeInput,
        )
    });
    let w = Waterfall::new(input.clone()).ok();
    g.bench_function("waterfall_distribute_100k_holders_to_the_cent", |b| {
        b.iter(|| {
            let d = w
                .as_ref()
                .and_then(|w| w.distribute(black_box(Money::from_int(2_000_000_000))).ok());
            black_box(d.map(|d| d.payouts.len()))
        })
    });
    g.finish();
}

fn captable(c: &mut Criterion) {
    use engine::synthetic::{generate, Shape};
    let text = generate(Shape {
        events: 1_000_000,
        holders: 10_000,
        seed: 42,
    });
    let r = engine::load("synthetic.journal", &text, &mut |_| Err(String::new()));
    let timeline = engine::replay::Timeline::build(&r.book, 8_192);
    let dates = [
        calendar::Date::constant(2003, 7, 14),
        calendar::Date::constant(2017, 2, 28),
        calendar::Date::constant(2039, 11, 30),
    ];
    let settings = CapTableSettings::default();
    let mut g = c.benchmark_group("issue7");
    g.sample_size(10);
    g.bench_function("state_as_of_loaded_1m_event_book_engine_only", |b| {
        let mut i = 0;
        b.iter(|| {
            i = (i + 1) % dates.len();
            black_box(timeline.state_at(&r.book, dates[i]).next_event)
        })
    });
    let s = timeline.state_at(&r.book, dates[1]);
    g.bench_function("snapshot_from_replayed_state_10k_holders", |b| {
        b.iter(|| {
            black_box(
                views::adapter::snapshot(&r.book, black_box(&s))
                    .holdings
                    .len(),
            )
        })
    });
    g.bench_function("captable_from_replayed_state_10k_holders", |b| {
        b.iter(|| {
            let snap = views::adapter::snapshot(&r.book, black_box(&s));
            let t = CapTable::compute(&snap, &settings).ok();
            black_box(t.map(|t| t.holders.len()))
        })
    });
    g.bench_function("captable_as_of_loaded_1m_event_book", |b| {
        let mut i = 0;
        b.iter(|| {
            i = (i + 1) % dates.len();
            let s = timeline.state_at(&r.book, dates[i]);
            let snap = views::adapter::snapshot(&r.book, &s);
            let t = CapTable::compute(&snap, &settings).ok();
            black_box(t.map(|t| t.holders.len()))
        })
    });
    g.finish();
}

/// The table alone, from a snapshot shaped like the synthetic book's as of
/// a date (10,000 holders of the common), plus a Series B-like convertible
/// held by 500 of them and 2,000 option grants: no engine involved.
fn table_only(c: &mut Criterion) {
    use views::captable::{
        ClassKind, ClassRow, Convertible, Exercisable, Holding, Pool, Snapshot, Voting,
    };
    let holders = 10_000i64;
    let mut snap = Snapshot {
        common_id: "common".into(),
        classes: vec![
            ClassRow {
                id: "common".into(),
                name: "Common".into(),
                kind: ClassKind::Common,
                authorized: Some(Shares::from_int(1_000_000_000)),
                issued: Shares::from_int(holders * 10_000),
                treasury: Shares::ZERO,
                outstanding: Shares::from_int(holders * 10_000),
                voting: Voting::PerShare(Exact::one()),
            },
            ClassRow {
                id: "series-b".into(),
                name: "Series B".into(),
                kind: ClassKind::Preferred,
                authorized: Some(Shares::from_int(200_000)),
                issued: Shares::from_int(200_000),
                treasury: Shares::ZERO,
                outstanding: Shares::from_int(200_000),
                voting: Voting::AsConverted,
            },
        ],
        ..Default::default()
    };
    for h in 0..holders {
        snap.holdings.push(Holding {
            holder: format!("h{h}"),
            class: "common".into(),
            shares: Shares::from_int(10_000 + (h * 7919) % 5_000),
        });
    }
    // A non-terminating Conversion Ratio (1,277.9387…/50 style): exact
    // rationals for 500 holders.
    let ratio = Exact::ratio(1_277_938_713, 50_000_000).unwrap_or_else(|_| Exact::one());
    for h in 0..500i64 {
        let n = Shares::from_int(400);
        snap.holdings.push(Holding {
            holder: format!("h{h}"),
            class: "series-b".into(),
            shares: n,
        });
        snap.convertibles.push(Convertible {
            class: "series-b".into(),
            holder: format!("h{h}"),
            shares: n,
            as_converted: n.exact().mul(&ratio),
            votes: None,
        });
    }
    for i in 0..2_000i64 {
        snap.exercisables.push(Exercisable {
            class: "plan".into(),
            kind: ClassKind::Option,
            holder: format!("h{}", i * 5),
            shares: Shares::from_int(500 + i % 300),
            strike: Some(Price::new(units::Decimal::new(100 + (i % 40) * 25, 2))),
        });
    }
    snap.pools.push(Pool {
        id: "plan (available)".into(),
        available: Shares::from_int(1_000_000),
    });
    let settings = CapTableSettings::default();
    let mut g = c.benchmark_group("issue7");
    g.sample_size(10);
    g.bench_function("captable_table_only_10k_holders_convertible_options", |b| {
        b.iter(|| {
            let t = CapTable::compute(black_box(&snap), &settings).ok();
            black_box(t.map(|t| t.holders.len()))
        })
    });
    g.finish();
}

criterion_group!(benches, waterfall, captable, table_only);
criterion_main!(benches);
