//! Benchmarks on the large demo journal (50 partnerships, 5,000 meetings, 2,000 goals,
//! 20,000 ticks): reading it whole, and a durable tick save. Run: `cargo bench --bench journal`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use mentorlog::framework::framework_progress;
use mentorlog::journal::demo::{Size, write_demo};
use mentorlog::model::{Evidence, Tick, meeting_gaps, workload};
use mentorlog::store::Store;

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn large_journal() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path().join("journal"));
    write_demo(&store, Size::Large, today()).unwrap();
    (dir, store)
}

fn bench(c: &mut Criterion) {
    let (_dir, store) = large_journal();
    let mut group = c.benchmark_group("large journal");
    group.sample_size(10);
    group.bench_function("read every file, no parsing (the I/O floor)", |b| {
        b.iter(|| {
            let mut n = 0usize;
            let mut stack = vec![store.root().to_path_buf()];
            while let Some(d) = stack.pop() {
                for e in std::fs::read_dir(&d).unwrap().filter_map(Result::ok) {
                    let p = e.path();
                    if p.is_dir() {
                        stack.push(p);
                    } else {
                        n += std::fs::read(&p).unwrap().len();
                    }
                }
            }
            black_box(n)
        })
    });
    group.bench_function("load everything", |b| b.iter(|| black_box(store.load())));
    let snap = store.load();
    let frameworks = store.frameworks();
    group.bench_function("status of every partnership", |b| {
        b.iter(|| {
            for p in &snap.partnerships {
                let v = &p.partnership.value;
                black_box(meeting_gaps(
                    p.meetings.iter().map(|m| m.value.date),
                    v.start,
                    v.cadence(),
                    today(),
                ));
                black_box(workload(
                    p.goals.iter().map(|g| &g.value),
                    p.meetings.iter().map(|m| &m.value),
                    today(),
                ));
                for id in &v.frameworks {
                    if let Some(fw) = frameworks.get(id) {
                        black_box(framework_progress(&frameworks, fw, &|f, i| {
                            p.is_ticked(f, i)
                        }));
                    }
                }
            }
        })
    });
    group.finish();

    let p = &snap.partnerships[0];
    let sheet = p.tick_sheet("curee").unwrap().clone();
    let mut flip = false;
    let mut base = sheet.value.clone();
    c.bench_function("tick saved durably (400-tick partnership)", |b| {
        b.iter(|| {
            let mut new = base.clone();
            flip = !flip;
            if flip {
                new.ticks.insert(
                    "mentor-buffer".into(),
                    Tick {
                        date: today(),
                        level: None,
                        evidence: Evidence::default(),
                        verification: None,
                    },
                );
            } else {
                new.ticks.remove("mentor-buffer");
            }
            let saved = store.save_at(&sheet.path, Some(&base), &new).unwrap();
            base = saved.value;
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
