//! Synthetic books for benchmarks and load tests.
//!
//! `generate` writes a journal with the shape of a real ledger: holders
//! declared up front, an opening issuance, then a long run of dated
//! transfers, issuances and occasional cancellations, with a split now and
//! then. It is deterministic (a fixed linear congruential generator), so a
//! benchmark measures the same book every time. Transfers never exceed what
//! the sender holds, so the book replays with no rejections.

use std::fmt::Write as _;

/// Parameters of a synthetic book.
#[derive(Clone, Copy, Debug)]
pub struct Shape {
    /// Number of dated events after the declarations.
    pub events: usize,
    pub holders: usize,
    pub seed: u64,
}

struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        // Knuth's MMIX constants.
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next() % n
        }
    }
}

/// Days from 2000-01-03 spread over about 40 years of events.
fn date_of(i: usize, events: usize) -> String {
    let day_index = (i as u64 * 14_600) / (events.max(1) as u64);
    let start = jiff::civil::date(2000, 1, 3);
    let d = start
        .checked_add(jiff::Span::new().days(day_index as i64))
        .unwrap_or(start);
    d.to_string()
}

/// Writes the journal text of a synthetic book.
pub fn generate(shape: Shape) -> String {
    let holders = shape.holders.max(2);
    let mut rng = Lcg(shape.seed);
    let mut out = String::with_capacity(shape.events * 60 + holders * 40);
    out.push_str("option company \"Synthetic Co\"\n");
    out.push_str("1999-12-31 security common \"Common Stock\"\n  class: common\n");
    for h in 0..holders {
        let _ = writeln!(out, "1999-12-31 holder h{h}");
    }
    // Opening positions: 10,000 shares each.
    let mut pos: Vec<u64> = vec![10_000; holders];
    for h in 0..holders {
        let _ = writeln!(out, "2000-01-03 issue common h{h} 10000");
    }
    for i in 0..shape.events {
        let date = date_of(i, shape.events);
        let roll = rng.below(100);
        if roll < 80 {
            let from = rng.below(holders as u64) as usize;
            let to = rng.below(holders as u64) as usize;
            let held = pos[from];
            let n = if held == 0 {
                0
            } else {
                1 + rng.below(held.min(500))
            };
            if n == 0 || from == to {
                let _ = writeln!(out, "{date} issue common h{to} 100");
                pos[to] += 100;
            } else {
                let _ = writeln!(out, "{date} transfer common h{from} h{to} {n}");
                pos[from] -= n;
                pos[to] += n;
            }
        } else if roll < 97 {
            let to = rng.below(holders as u64) as usize;
            let n = 1 + rng.below(1_000);
            let _ = writeln!(out, "{date} issue common h{to} {n}\n  price: 2.50");
            pos[to] += n;
        } else {
            let h = rng.below(holders as u64) as usize;
            let n = pos[h].min(1 + rng.below(50));
            let _ = writeln!(out, "{date} cancel common h{h} {n}");
            pos[h] -= n;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_synthetic_book_loads_and_replays_without_errors() {
        let text = generate(Shape {
            events: 5_000,
            holders: 50,
            seed: 7,
        });
        let r = crate::load("synthetic.journal", &text, &mut |_| {
            Err("no includes".into())
        });
        assert!(!r.has_errors(), "{:?}", r.diagnostics.first());
        assert_eq!(r.book.events.len(), 5_000 + 50);
        let end = r
            .book
            .date_range()
            .map(|(_, e)| e)
            .unwrap_or(calendar::Date::MIN);
        let s = crate::replay(&r.book, end);
        assert!(s.rejections.is_empty(), "{:?}", s.rejections.first());
    }
}
