//! Search on the large demo journal: building the index once, and one keystroke (a query
//! re-run with one more character). Target: under 10 ms a keystroke.
//! Run: `cargo bench --bench search` (SCALE=10 for the large demo at `--scale 10`).

#[path = "common/demo.rs"]
mod demo;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use mentorlog::journal::search::Index;
use mentorlog::journal::{Audience, Journal};
use mentorlog::store::Store;

fn bench(c: &mut Criterion) {
    let (_dir, store, today, _) = demo::large_demo();
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
    for n in [1, 2, 3, 6, typed.len()] {
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
        let candidates = index.query_within(before, 50, None).candidates;
        group.bench_function(format!("keystroke after '{before}': '{q}'"), |b| {
            b.iter(|| black_box(index.query_within(q, 50, Some(&candidates))))
        });
    }
    group.finish();
    popup(c, &journal.store().clone(), today);
}

/// The search popup of the full screen as typed into, with its search thread: from a key
/// to the frame that shows the letter typed (drawn once the hits come, or after 4 ms with
/// the hits before), and to the frame that shows its hits.
fn popup(c: &mut Criterion, store: &Store, today: chrono::NaiveDate) {
    use mentorlog::tui::Tui;
    use mentorlog::ui::{Keymap, Theme, View};
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use std::time::{Duration, Instant};
    let (theme, keymap) = (Theme::default(), Keymap::default());
    let view = View {
        theme: &theme,
        keymap: &keymap,
    };
    let mut t = Tui::open(store.clone(), today, false);
    t.app.searcher = Some(mentorlog::app::searcher::Searcher::start());
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
    let key = |t: &mut Tui, code: KeyCode| t.key(KeyEvent::new(code, KeyModifiers::NONE));
    let settle = |t: &mut Tui| {
        while t.app.search_pending() {
            t.app.poll_search(Duration::from_millis(50));
        }
    };
    let mut group = c.benchmark_group("search popup");
    group.sample_size(20);
    let typed = "closed question";
    for n in [1, 2, 3, 6] {
        let (before, last) = (&typed[..n - 1], typed[n - 1..n].chars().next().unwrap());
        for until_hits in [false, true] {
            let what = if until_hits { "its hits" } else { "the letter" };
            group.bench_function(
                format!("'{}' typed to {what} on screen", &typed[..n]),
                |b| {
                    b.iter_custom(|iters| {
                        let mut total = Duration::ZERO;
                        for _ in 0..iters {
                            key(&mut t, KeyCode::Esc);
                            key(&mut t, KeyCode::Char('/'));
                            for ch in before.chars() {
                                key(&mut t, KeyCode::Char(ch));
                                settle(&mut t);
                            }
                            let start = Instant::now();
                            key(&mut t, KeyCode::Char(last));
                            t.app.poll_search(Duration::from_millis(4));
                            if until_hits {
                                settle(&mut t);
                            }
                            terminal.draw(|f| t.draw(f, &view)).unwrap();
                            total += start.elapsed();
                            settle(&mut t);
                        }
                        total
                    })
                },
            );
        }
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
