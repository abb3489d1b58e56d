//! Opening fast: the first screen reads one partnership's records; the rest arrive in the
//! background or when a partnership is chosen, and nothing is missing once they have.

use chrono::NaiveDate;
use mentorlog::journal::demo::{Size, write_demo};
use mentorlog::store::Store;
use mentorlog::tui::Tui;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn demo() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path().join("j"));
    write_demo(&store, Size::Small, today()).unwrap();
    (dir, store)
}

#[test]
fn the_first_screen_reads_one_partnership_and_lists_the_rest() {
    let (_d, store) = demo();
    let app = Tui::open_fast(store.clone(), today(), false);
    let r = app.reader();
    let ps = r.partnerships();
    assert_eq!(ps.len(), 3);
    assert!(ps[0].loaded());
    assert!(!ps[1].loaded() && !ps[2].loaded());
    assert!(app.journal.loading());
    // The sidebar's overdue marks need meeting dates: they come from the file names.
    let full = store.load();
    assert_eq!(
        ps[2].meeting_dates().len(),
        full.partnerships[2].meetings.len()
    );
    let mut listed = ps[2].meeting_dates();
    let mut read = full.partnerships[2].meeting_dates();
    assert!(!read.is_empty());
    listed.sort();
    read.sort();
    assert_eq!(listed, read);
}

#[test]
fn choosing_a_partnership_reads_it_and_the_background_read_fills_the_rest() {
    let (_d, store) = demo();
    let mut app = Tui::open_fast(store.clone(), today(), false);
    app.key(KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE));
    assert!(
        app.reader().get(1).unwrap().loaded(),
        "the chosen partnership is read at once"
    );
    assert_eq!(
        app.meetings().len(),
        store.load().partnerships[1].meetings.len()
    );
    app.journal.background_loaded(store.load());
    assert!(!app.journal.loading());
    let full = store.load();
    for (a, b) in app.reader().partnerships().iter().zip(&full.partnerships) {
        assert_eq!(a.meetings().len(), b.meetings.len());
        assert_eq!(a.tick_sheets(), b.ticks.as_slice());
    }
}

#[test]
fn the_background_read_never_replaces_newer_work() {
    let (_d, store) = demo();
    let mut app = Tui::open_fast(store.clone(), today(), false);
    let stale = store.load();
    // A meeting logged in the first partnership after the background read began.
    for k in ["Tab", "2", "n"] {
        let code = match k {
            "Tab" => KeyCode::Tab,
            c => KeyCode::Char(c.chars().next().unwrap()),
        };
        app.key(KeyEvent::new(code, KeyModifiers::NONE));
    }
    app.key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    let before = app.reader().get(0).unwrap().meetings().len();
    assert_eq!(before, stale.partnerships[0].meetings.len() + 1);
    app.journal.background_loaded(stale);
    assert_eq!(app.reader().get(0).unwrap().meetings().len(), before);
}

#[test]
fn search_reads_everything_first() {
    let (_d, store) = demo();
    let mut app = Tui::open_fast(store, today(), false);
    app.key(KeyEvent::new(KeyCode::Char('/'), KeyModifiers::NONE));
    assert!(!app.journal.loading());
    for c in "seating plan".chars() {
        app.key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
    let Some(mentorlog::app::Overlay::Search(s)) = app.overlays.last() else {
        panic!()
    };
    assert!(s.hits.iter().any(|h| h.label == "goal"));
}
