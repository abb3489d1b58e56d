//! Search on the large demo journal: building the index once, and one keystroke (a query
//! re-run with one more character). Target: under 10 ms a keystroke.
//! Run: `cargo bench --bench search` (SCALE=10 for the large demo at `--scale 10`).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use mentorlog::journal::demo::{Size, write_demo_scaled};
use mentorlog::journal::search::Index;
use mentorlog::journal::{Audience, Journal};
use mentorlog::store::Store;

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path().join("journal"));
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let scale = std::env::var("SCALE")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    write_demo_scaled(&store, Size::Large, scale, today).unwrap();
    let journal = Journal::open(store, today);
    let r = journal.reader(Audience::Owner);
    let mut group = c.benchmark_group("search");
    group.sample_size(20);
    group.bench_function("build the index (once, when / opens)", |b| {
        b.iter(|| black_box(Index::build(&r, None)))
    });
    let mut index = Index::build(&r, None);
    eprintln!("{} records indexed", index.len());
    // What `/` does when the index was made while the screen was idle: the items put under
    // the partnership on screen.
    let on_screen = r.partnerships().last().map(|p| p.id().to_string());
    group.bench_function("open / on an index made while idle", |b| {
        b.iter(|| index.attribute(black_box(on_screen.as_deref())))
    });
    let typed = "closed question";
    for n in [1, 3, 6, typed.len()] {
        let q = &typed[..n];
        group.bench_function(format!("keystroke: '{q}'"), |b| {
            b.iter(|| black_box(index.query(q, 50)))
        });
    }
    group.bench_function("keystroke: fuzzy 'opn qstn'", |b| {
        b.iter(|| black_box(index.query("opn qstn", 50)))
    });
    // As the search popup runs a keystroke: among the documents the query before it matched.
    for n in [3, 6, typed.len()] {
        let before = &typed[..n - 1];
        let q = &typed[..n];
        let (_, candidates) = index.query_within(before, 50, None);
        group.bench_function(format!("keystroke after '{before}': '{q}'"), |b| {
            b.iter(|| black_box(index.query_within(q, 50, Some(&candidates))))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
