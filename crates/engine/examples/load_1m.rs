//! Measures load + replay of a synthetic 1,000,000-event book once, for
//! peak memory (run under `/usr/bin/time -v`); criterion measures time.
//!
//! Each phase is reported as wall time and as the time this thread actually
//! ran on a CPU (from `/proc/thread-self/schedstat`, Linux only): on a
//! machine shared with other work, the wall time includes waiting for a
//! core, the CPU time does not.
//!
//! Usage: `cargo run --release -p engine --example load_1m [events] [runs] [every]`;
//! with `every`, it then builds a `Timeline` keeping a checkpoint every
//! `every` events and times queries as of dates across the book.
//! (the first run is the one a command-line user sees: every page of memory
//! is new; later runs reuse memory the allocator kept).

use engine::synthetic::{generate, Shape};
use std::time::{Duration, Instant};

/// Nanoseconds this thread has run on a CPU, if the kernel says.
fn cpu_time() -> Option<Duration> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = s.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

fn main() {
    let mut args = std::env::args().skip(1);
    let events = args
        .next()
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let runs: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    let every: Option<usize> = args.next().and_then(|a| a.parse().ok());
    let text = generate(Shape {
        events,
        holders: 10_000,
        seed: 42,
    });
    println!(
        "journal {} bytes; an event takes {} bytes (plus its boxed part, for corporate actions and instrument events)",
        text.len(),
        std::mem::size_of::<engine::book::Event>()
    );
    for _ in 0..runs {
        let (t0, c0) = (Instant::now(), cpu_time());
        let r = engine::load("synthetic.journal", &text, &mut |_| Err(String::new()));
        let (t1, c1) = (Instant::now(), cpu_time());
        let end = r
            .book
            .date_range()
            .map(|(_, e)| e)
            .unwrap_or(calendar::Date::MIN);
        let s = engine::replay(&r.book, end);
        let (t2, c2) = (Instant::now(), cpu_time());
        let cpu = |a: Option<Duration>, b: Option<Duration>| match (a, b) {
            (Some(a), Some(b)) => format!("{:?}", b.saturating_sub(a)),
            _ => "?".to_owned(),
        };
        println!(
            "events {} | wall: load {:?} replay {:?} total {:?} | cpu: load {} replay {} total {} | rejections {} diagnostics {}",
            r.book.events.len(),
            t1 - t0,
            t2 - t1,
            t2 - t0,
            cpu(c0, c1),
            cpu(c1, c2),
            cpu(c0, c2),
            s.rejections.len(),
            r.diagnostics.len(),
        );
        if let Some(every) = every {
            query(&r.book, every);
        }
    }
}

/// Builds a timeline and times queries as of 40 dates spread over the book
/// (each a fresh state, as a command-line query would get).
fn query(book: &engine::Book, every: usize) {
    let t0 = Instant::now();
    let timeline = engine::replay::Timeline::build(book, every);
    let built = t0.elapsed();
    let Some((first, last)) = book.date_range() else {
        return;
    };
    let span = first.until(last).map(|s| s.get_days()).unwrap_or(0);
    let mut times = Vec::new();
    let mut check = units::Shares::ZERO;
    for i in 1..=40i32 {
        let Ok(date) = first.checked_add(jiff::Span::new().days(i64::from(span / 40 * i))) else {
            continue;
        };
        let t = Instant::now();
        let s = timeline.state_at(book, date);
        let v = s.view(book);
        let q = terms::BookView::position(
            &v,
            &terms::HolderId::new("h77"),
            &terms::SecurityId::new("common"),
        );
        times.push(t.elapsed());
        check = check.checked_add(q).unwrap_or(check);
    }
    times.sort();
    println!(
        "timeline every {every}: {} checkpoints built in {built:?}; query as of a date: median {:?} max {:?} over {} dates (h77 total {check})",
        timeline.checkpoints(),
        times.get(times.len() / 2).copied().unwrap_or_default(),
        times.last().copied().unwrap_or_default(),
        times.len(),
    );
}
