//! Quick timing of `parse_str` on a generated book of N typical lines (default
//! 1,000,000), without criterion's statistics, for checking the parse budget
//! by hand: `cargo run --release -p journal --example time_parse [N [RUNS]]`.
//!
//! It prints the first parse (in a fresh process: every page of the result is
//! new, as when the engine parses a book once) and the best of RUNS, default 5 (memory
//! reused from earlier runs, as in the criterion bench), and the time to free
//! the result.

use std::fmt::Write as _;
use std::time::{Duration, Instant};

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let runs: usize = std::env::args()
        .nth(2)
        .and_then(|a| a.parse().ok())
        .unwrap_or(5);
    let mut s = String::with_capacity(n * 80);
    for i in 0..n {
        let (y, m, d) = (2001 + (i / 336) % 20, 1 + (i / 28) % 12, 1 + i % 28);
        let _ = writeln!(
            s,
            "{y:04}-{m:02}-{d:02} transfer common holder-{} holder-{} {}",
            i % 1000,
            (i * 7) % 1000,
            1 + i % 500
        );
        match i % 3 {
            0 => {}
            1 => s.push_str("  price: 1.25\n"),
            _ => s.push_str("  price: 1.25\n  note: \"board resolution 12\" ; minutes\n"),
        }
    }
    let (mut first, mut best_parse, mut best_drop) = (None, Duration::MAX, Duration::MAX);
    for _ in 0..runs {
        let t = Instant::now();
        let r = journal::parse_str(journal::FileId(0), &s);
        let p = t.elapsed();
        assert_eq!(r.0.len(), n);
        let t = Instant::now();
        drop(r);
        let d = t.elapsed();
        first.get_or_insert(p);
        best_parse = best_parse.min(p);
        best_drop = best_drop.min(d);
    }
    println!(
        "{n} directives, {} MB: first parse {} ms; best of {runs}: parse {} ms, drop {} ms",
        s.len() / 1_000_000,
        first.unwrap_or_default().as_millis(),
        best_parse.as_millis(),
        best_drop.as_millis()
    );
}
