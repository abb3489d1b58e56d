//! Drawing each pane of the full-screen journal on the large demo journal (50 partnerships,
//! 5,000 meetings, 2,000 goals, 20,000 ticks). Target: under 5 ms a frame.
//! Run: `cargo bench --bench draw`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use mentorlog::app::{Pane, Tab};
use mentorlog::journal::demo::{Size, write_demo};
use mentorlog::store::Store;
use mentorlog::tui::Tui;
use mentorlog::ui::{Keymap, Theme, View};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path().join("journal"));
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    write_demo(&store, Size::Large, today).unwrap();
    let theme = Theme::default();
    let keymap = Keymap::default();
    let view = View {
        theme: &theme,
        keymap: &keymap,
    };
    // Open to first frame: read what the first screen needs, and draw it.
    let mut group = c.benchmark_group("open");
    group.sample_size(20);
    group.bench_function("open the large journal to its first frame (80x24)", |b| {
        b.iter(|| {
            let app = Tui::open_fast(store.clone(), today, false);
            let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
            terminal.draw(|f| black_box(&app).draw(f, &view)).unwrap();
        })
    });
    // A keystroke to the next frame: moving to a partnership whose records are not read yet
    // (the slowest move: it reads that partnership), then drawing.
    group.bench_function(
        "keystroke to next frame: j in the partnership list, first visit",
        |b| {
            b.iter_batched(
                || Tui::open_fast(store.clone(), today, false),
                |mut app| {
                    let key = ratatui::crossterm::event::KeyEvent::new(
                        ratatui::crossterm::event::KeyCode::Char('j'),
                        ratatui::crossterm::event::KeyModifiers::NONE,
                    );
                    app.key(key);
                    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
                    terminal.draw(|f| black_box(&app).draw(f, &view)).unwrap();
                },
                criterion::BatchSize::LargeInput,
            )
        },
    );
    group.finish();
    let mut app = Tui::open(store, today, false);
    app.pane = Pane::Main;
    let mut group = c.benchmark_group("draw");
    for (w, h) in [(80u16, 24u16), (140, 40)] {
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        for tab in Tab::ALL {
            app.tab = tab;
            // Put the cursor mid-list so the visible window is sliced, not just the top.
            app.meeting_cursor = 50;
            app.goal_cursor = 20;
            app.checklist.cursor = 30;
            app.app.refresh(&app.journal);
            group.bench_function(format!("{} {w}x{h}", tab.title()), |b| {
                b.iter(|| {
                    terminal.draw(|f| black_box(&app).draw(f, &view)).unwrap();
                })
            });
        }
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
