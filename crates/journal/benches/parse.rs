//! Parse speed of a large book: 1,000,000 typical transfer lines (with 0–2
//! metadata lines each), generated in memory, parsed with `parse_str`. The
//! engine's budget is well under 0.5 s for this in release mode.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use journal::{parse_str, FileId};
use std::fmt::Write as _;
use std::hint::black_box;

/// A book of `n` transfer lines; every third has no metadata, one, or two lines.
fn book(n: usize) -> String {
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
    s
}

fn bench(c: &mut Criterion) {
    let text = book(1_000_000);
    let (ds, _, _, diags) = parse_str(FileId(0), &text);
    assert_eq!(ds.len(), 1_000_000);
    assert!(diags.is_empty());
    let mut g = c.benchmark_group("parse");
    g.throughput(Throughput::Bytes(text.len() as u64));
    // Parsing only: the result is dropped outside the timed region.
    g.bench_function("1M directives", |b| {
        b.iter_with_large_drop(|| parse_str(FileId(0), black_box(&text)))
    });
    // Parsing and freeing the result, for comparison.
    g.bench_function("1M directives incl. drop", |b| {
        b.iter(|| parse_str(FileId(0), black_box(&text)))
    });
    // Streaming: each directive lent to a callback and not kept (how the
    // engine loads a large book).
    g.bench_function("1M directives streamed", |b| {
        b.iter(|| {
            let mut n = 0usize;
            let parsed = journal::parse_book_streaming(
                "book.journal",
                black_box(&text),
                &mut |_| Err(String::new()),
                &mut |item, _| {
                    if let journal::Streamed::Directive(d) = item {
                        n += d.args.len() + d.meta.len();
                    }
                },
            );
            black_box((n, parsed.diagnostics.len()))
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
