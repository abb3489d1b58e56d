//! A Monday morning without stumbles: what a mentor meets in the full-screen journal, each
//! seen before it was fixed (pasted lines, a tab bar that loses tabs at 60 columns, ...).

use chrono::NaiveDate;
use mentorlog::app::{Overlay, Tab};
use mentorlog::journal::demo::{Size, write_demo};
use mentorlog::store::Store;
use mentorlog::tui::Tui;
use mentorlog::ui::{Keymap, Theme, View};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Modifier;
use tempfile::TempDir;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn key(t: &str) -> KeyEvent {
    let (code, mods) = match t {
        "Enter" => (KeyCode::Enter, KeyModifiers::NONE),
        "Esc" => (KeyCode::Esc, KeyModifiers::NONE),
        "Tab" => (KeyCode::Tab, KeyModifiers::NONE),
        "Down" => (KeyCode::Down, KeyModifiers::NONE),
        "PgDn" => (KeyCode::PageDown, KeyModifiers::NONE),
        "Space" => (KeyCode::Char(' '), KeyModifiers::NONE),
        "Backspace" => (KeyCode::Backspace, KeyModifiers::NONE),
        "C-s" => (KeyCode::Char('s'), KeyModifiers::CONTROL),
        t if t.chars().count() == 1 => {
            let c = t.chars().next().unwrap();
            let m = if c.is_uppercase() {
                KeyModifiers::SHIFT
            } else {
                KeyModifiers::NONE
            };
            (KeyCode::Char(c), m)
        }
        t => panic!("unknown key {t:?}"),
    };
    KeyEvent::new(code, mods)
}

fn keys(t: &mut Tui, seq: &str) {
    for k in seq.split_whitespace() {
        t.key(key(k));
    }
}

/// The small demo with Sam Lee (the third partnership) selected.
fn demo_sam() -> (TempDir, Tui) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path().join("j"));
    write_demo(&store, Size::Small, today()).unwrap();
    let mut t = Tui::open(store, today(), false);
    keys(&mut t, "j j");
    (dir, t)
}

fn draw(t: &Tui, w: u16, h: u16) -> Buffer {
    let theme = Theme::default();
    let keymap = Keymap::default();
    let view = View {
        theme: &theme,
        keymap: &keymap,
    };
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| t.draw(f, &view)).unwrap();
    term.backend().buffer().clone()
}

fn row(buf: &Buffer, y: u16) -> String {
    (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect()
}

#[test]
fn pasted_lines_stay_lines_in_a_saved_note() {
    let (dir, mut t) = demo_sam();
    keys(&mut t, "2 n");
    for _ in 0..6 {
        keys(&mut t, "Tab");
    }
    // The notes field: empty it (the first meeting's agenda may be there), then paste as a
    // terminal sends it, with CR line ends.
    while matches!(t.overlays.last(), Some(Overlay::Form(f)) if !f.fields[f.focus].value().is_empty())
    {
        keys(&mut t, "Backspace");
    }
    t.paste("line one\rline two\r\nline three");
    keys(&mut t, "C-s");
    assert!(t.overlays.is_empty(), "{:?}", t.overlays);
    let path = t
        .meetings()
        .into_iter()
        .find(|m| m.value.notes.starts_with("line one"))
        .map(|m| m.path.clone())
        .expect("the meeting with the pasted notes");
    let saved: mentorlog::model::Meeting = mentorlog::store::read_record(&path).unwrap();
    assert_eq!(saved.notes, "line one\nline two\nline three");
    assert!(!std::fs::read_to_string(&path).unwrap().contains("\\r"));
    drop(dir);
}

#[test]
fn every_tab_is_in_the_tab_bar_and_the_current_one_is_marked_at_every_width() {
    let (_dir, mut t) = demo_sam();
    for (n, tab) in Tab::ALL.iter().enumerate() {
        keys(&mut t, &(n + 1).to_string());
        for w in (60..=140).step_by(5) {
            let buf = draw(&t, w, 24);
            let bar = row(&buf, 0);
            for (i, other) in Tab::ALL.iter().enumerate() {
                assert!(
                    bar.contains(other.title())
                        || bar.contains(&format!("{} {}", i + 1, other.short())),
                    "{w} columns: {} is missing from {bar:?}",
                    other.title()
                );
            }
            // The current tab's label is drawn in reverse video, and nothing else is.
            let marked: String = (0..w)
                .filter(|x| buf[(*x, 0)].modifier.contains(Modifier::REVERSED))
                .map(|x| buf[(x, 0)].symbol().to_string())
                .collect();
            assert!(
                marked.contains(tab.title()) || marked.contains(tab.short()),
                "{w} columns: {} is not marked ({marked:?} in {bar:?})",
                tab.title()
            );
        }
    }
}
