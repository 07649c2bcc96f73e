//! Issue 2 speed targets: parse and replay a 1,000,000-event journal in
//! under 1 second on one core; a query as of any date on an already loaded
//! book in under 10 ms. Figures go to docs/performance.md.

use criterion::{criterion_group, criterion_main, Criterion};
use engine::synthetic::{generate, Shape};
use std::hint::black_box;

fn shape() -> Shape {
    Shape {
        events: 1_000_000,
        holders: 10_000,
        seed: 42,
    }
}

fn load_and_replay(c: &mut Criterion) {
    let text = generate(shape());
    let mut g = c.benchmark_group("issue2");
    g.sample_size(10);
    g.bench_function("load_1m_events", |b| {
        b.iter(|| {
            let r = engine::load("synthetic.journal", black_box(&text), &mut |_| {
                Err(String::new())
            });
            black_box(r.book.events.len())
        })
    });
    let r = engine::load("synthetic.journal", &text, &mut |_| Err(String::new()));
    let end = r
        .book
        .date_range()
        .map(|(_, e)| e)
        .unwrap_or(calendar::Date::MIN);
    g.bench_function("replay_1m_events", |b| {
        b.iter(|| {
            let s = engine::replay(black_box(&r.book), end);
            black_box(s.next_event)
        })
    });
    g.bench_function("load_and_replay_1m_events", |b| {
        b.iter(|| {
            let r = engine::load("synthetic.journal", black_box(&text), &mut |_| {
                Err(String::new())
            });
            let s = engine::replay(&r.book, end);
            black_box(s.next_event)
        })
    });
    let timeline = engine::replay::Timeline::build(&r.book, 4_096);
    let dates = [
        calendar::Date::new(2003, 7, 14).unwrap(),
        calendar::Date::new(2017, 2, 28).unwrap(),
        calendar::Date::new(2039, 11, 30).unwrap(),
    ];
    g.bench_function("query_as_of_loaded_1m_book", |b| {
        let mut i = 0;
        b.iter(|| {
            i = (i + 1) % dates.len();
            let s = timeline.state_at(&r.book, dates[i]);
            let v = s.view(&r.book);
            black_box(terms::BookView::position(
                &v,
                &terms::HolderId::new("h77"),
                &terms::SecurityId::new("common"),
            ))
        })
    });
    g.finish();
}

/// Issue "Fidelity and trust" A13: any as-of on the example book, loaded
/// and replayed from its files (each iteration loads the book and replays
/// it to the date, as a command does).
fn example_book_as_of(c: &mut Criterion) {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/ctc");
    let root = std::fs::read_to_string(dir.join("book.journal")).unwrap();
    let files: std::collections::HashMap<String, String> = std::fs::read_dir(&dir)
        .unwrap()
        .chain(std::fs::read_dir(dir.join("terms")).unwrap())
        .chain(std::fs::read_dir(dir.join("prices")).unwrap())
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(&dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (rel, std::fs::read_to_string(e.path()).unwrap_or_default())
        })
        .collect();
    let mut g = c.benchmark_group("example_book_as_of");
    g.sample_size(10);
    for date in [
        "2002-05-10",
        "2010-04-10",
        "2025-01-01",
        "2040-01-01",
        "2052-05-10",
        "2100-01-01",
        "2199-12-31",
    ] {
        let as_of = terms::fields::parse_date(date).unwrap();
        g.bench_function(date, |b| {
            b.iter(|| {
                let r = engine::load("book.journal", black_box(&root), &mut |p| {
                    files.get(p).cloned().ok_or_else(|| format!("no {p}"))
                });
                let s = engine::replay(&r.book, as_of);
                black_box(s.computations.len())
            })
        });
    }
    g.finish();
}

criterion_group!(benches, load_and_replay, example_book_as_of);
criterion_main!(benches);
