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

criterion_group!(benches, load_and_replay);
criterion_main!(benches);
