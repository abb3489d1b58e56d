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

/// A meeting whose notes are 100 MB (1.2 million lines), opened to read: a frame, a key and
/// its frame, and the jump to the end. Target: the same 5 ms as any other keystroke.
fn huge_notes(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path().join("journal"));
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    write_demo(&store, Size::Small, today).unwrap();
    let p = store.load().partnership("sam-lee").unwrap().clone();
    let mut m = mentorlog::model::Meeting::new("huge01".into(), today);
    m.focus = "A meeting with 100 MB of notes".into();
    let line = "We talked about open questions and how the pupils explained their reasoning. ";
    let mut notes = String::with_capacity(100_000_000);
    let mut n = 0;
    while notes.len() < 100_000_000 {
        n += 1;
        notes.push_str(&format!("{n}: {line}\n"));
    }
    m.notes = notes;
    store.create_meeting(&p, &m).unwrap();
    // And one as long as a form edits (128 KiB), to type into.
    m.id = "big001".into();
    m.focus = "A meeting with 128 KiB of notes".into();
    m.notes.truncate(mentorlog::app::form::TEXT_LIMIT - 1);
    store.create_meeting(&p, &m).unwrap();
    drop(m);
    let theme = Theme::default();
    let keymap = Keymap::default();
    let view = View {
        theme: &theme,
        keymap: &keymap,
    };
    let mut app = Tui::open(store, today, false);
    let key = |c: char| {
        ratatui::crossterm::event::KeyEvent::new(
            ratatui::crossterm::event::KeyCode::Char(c),
            ratatui::crossterm::event::KeyModifiers::NONE,
        )
    };
    let page_down = ratatui::crossterm::event::KeyEvent::new(
        ratatui::crossterm::event::KeyCode::PageDown,
        ratatui::crossterm::event::KeyModifiers::NONE,
    );
    for c in ['j', 'j', '2'] {
        app.key(key(c));
    }
    while app.meetings()[app.meeting_cursor].value.id != "huge01" {
        app.key(key('j'));
    }
    app.key(ratatui::crossterm::event::KeyEvent::new(
        ratatui::crossterm::event::KeyCode::Enter,
        ratatui::crossterm::event::KeyModifiers::NONE,
    ));
    let mut group = c.benchmark_group("huge notes");
    group.sample_size(10);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    group.bench_function("frame of a meeting with 100 MB of notes (80x24)", |b| {
        b.iter(|| {
            terminal.draw(|f| black_box(&app).draw(f, &view)).unwrap();
        })
    });
    group.bench_function(
        "keystroke to next frame: PageDown in 100 MB of notes",
        |b| {
            b.iter(|| {
                app.key(page_down);
                terminal.draw(|f| black_box(&app).draw(f, &view)).unwrap();
            })
        },
    );
    group.bench_function(
        "keystroke to next frame: g then G (the end of 100 MB)",
        |b| {
            b.iter(|| {
                app.key(key('g'));
                app.key(ratatui::crossterm::event::KeyEvent::new(
                    ratatui::crossterm::event::KeyCode::Char('G'),
                    ratatui::crossterm::event::KeyModifiers::SHIFT,
                ));
                terminal.draw(|f| black_box(&app).draw(f, &view)).unwrap();
            })
        },
    );
    // A key typed in the notes of a form (128 KiB), with the draft the event loop keeps of it.
    app.key(key('q'));
    app.key(key('g'));
    while app.meetings()[app.meeting_cursor].value.id != "big001" {
        app.key(key('j'));
    }
    app.key(key('e'));
    let tab = ratatui::crossterm::event::KeyEvent::new(
        ratatui::crossterm::event::KeyCode::Tab,
        ratatui::crossterm::event::KeyModifiers::NONE,
    );
    for _ in 0..20 {
        let f = match app.overlays.last() {
            Some(mentorlog::app::Overlay::Form(f)) => f,
            _ => panic!("no form"),
        };
        if f.fields[f.focus].label == "Notes" {
            break;
        }
        app.key(tab);
    }
    group.bench_function(
        "keystroke to next frame: typing in 128 KiB of notes in a form",
        |b| {
            b.iter(|| {
                app.key(key('x'));
                terminal.draw(|f| black_box(&app).draw(f, &view)).unwrap();
                black_box(app.form_draft(&app.journal));
            })
        },
    );
    group.finish();
}

criterion_group!(benches, bench, huge_notes);
criterion_main!(benches);
