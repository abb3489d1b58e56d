//! Conflict copies are shown with what differs and can be resolved either way.

use chrono::NaiveDate;
use mentorlog::app::Overlay;
use mentorlog::journal::demo::{Size, write_demo};
use mentorlog::model::Goal;
use mentorlog::store::{Store, read_record};
use mentorlog::tui::Tui;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn press(app: &mut Tui, c: char) {
    app.key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
}

/// Two saves of one goal's objective from the same stale read: the second wins, the first is
/// kept as a conflict copy.
fn conflict(store: &Store, a: &str, b: &str) -> std::path::PathBuf {
    let snap = store.load();
    let loaded = snap.partnership("sam-lee").unwrap().goals[0].clone();
    let mut first = loaded.value.clone();
    first.objective = a.into();
    let mut second = loaded.value.clone();
    second.objective = b.into();
    store.save(&loaded, &first).unwrap();
    let saved = store.save(&loaded, &second).unwrap();
    assert_eq!(saved.conflicts, vec!["objective".to_string()]);
    loaded.path
}

#[test]
fn a_conflict_is_shown_and_either_version_can_be_kept() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path().join("j"));
    write_demo(&store, Size::Small, today()).unwrap();
    let path = conflict(
        &store,
        "Objective from the mentee's terminal",
        "Objective from the mentor's terminal",
    );

    let mut app = Tui::open(store.clone(), today(), false);
    assert_eq!(app.reader().conflicts().len(), 1);
    assert!(app.status.as_ref().unwrap().text.contains("press C"));
    press(&mut app, 'C');
    assert!(matches!(
        app.overlays.last(),
        Some(Overlay::Conflicts { .. })
    ));
    let r = app.reader();
    let c = r.conflicts()[0];
    assert_eq!(c.original, path);
    assert_eq!(c.fields.len(), 1);
    assert_eq!(c.fields[0].0, "objective");
    assert!(
        c.fields[0].1.contains("mentor's"),
        "this version: {:?}",
        c.fields[0]
    );
    assert!(
        c.fields[0].2.contains("mentee's"),
        "the other: {:?}",
        c.fields[0]
    );

    // Take the other version: the record now holds it, and the copy is gone.
    press(&mut app, 't');
    assert!(app.reader().conflicts().is_empty());
    assert!(app.overlays.is_empty());
    assert_eq!(
        read_record::<Goal>(&path).unwrap().objective,
        "Objective from the mentee's terminal"
    );
    assert!(store.load().conflicts.is_empty());

    // Another conflict: keep this version.
    conflict(&store, "A", "B");
    let mut app = Tui::open(store.clone(), today(), false);
    press(&mut app, 'C');
    press(&mut app, 'm');
    assert_eq!(read_record::<Goal>(&path).unwrap().objective, "B");
    assert!(store.load().conflicts.is_empty());
}

#[test]
fn with_no_conflicts_c_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path().join("j"));
    write_demo(&store, Size::Small, today()).unwrap();
    let mut app = Tui::open(store, today(), false);
    press(&mut app, 'C');
    assert!(app.overlays.is_empty());
    assert!(
        app.status
            .as_ref()
            .unwrap()
            .text
            .contains("No conflict copies")
    );
}

fn screen(t: &Tui, w: u16, h: u16) -> String {
    let theme = mentorlog::ui::Theme::default();
    let keymap = mentorlog::ui::Keymap::default();
    let view = mentorlog::ui::View {
        theme: &theme,
        keymap: &keymap,
    };
    let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    term.draw(|f| t.draw(f, &view)).unwrap();
    let buf = term.backend().buffer().clone();
    (0..h)
        .map(|y| (0..w).map(|x| buf[(x, y)].symbol()).collect::<String>() + "\n")
        .collect()
}

#[test]
fn the_conflicts_popup_shows_whole_values_labelled_yours_and_theirs() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path().join("j"));
    write_demo(&store, Size::Small, today()).unwrap();
    let mut app = Tui::open(store.clone(), today(), false);
    for c in ['j', 'j', '3', 'l', 'e'] {
        press(&mut app, c);
    }
    // Two long objectives that differ only at their ends.
    let common = "Use open questions to extend thinking in every lesson, planned in advance and";
    let mine = format!("{common} reviewed with the mentor weekly");
    let theirs = format!("{common} shared with the department");
    while matches!(app.overlays.last(), Some(Overlay::Form(f)) if !f.fields[0].value().is_empty()) {
        app.key(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
    }
    app.paste(&mine);
    // Meanwhile another terminal saves the same field.
    let snap = store.load();
    let loaded = snap.partnership("sam-lee").unwrap().goals[0].clone();
    let mut other = loaded.value.clone();
    other.objective = theirs.clone();
    store.save(&loaded, &other).unwrap();
    app.key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    assert_eq!(app.reader().conflicts().len(), 1, "{:?}", app.status);
    press(&mut app, 'C');
    for (w, h) in [(140, 40), (80, 24)] {
        let s = screen(&app, w, h);
        assert!(s.contains("yours: in the record"), "{w}x{h}:\n{s}");
        assert!(s.contains("theirs: the conflict copy"), "{w}x{h}:\n{s}");
        // Both endings are on screen: nothing is cut.
        assert!(s.contains("weekly"), "{w}x{h}:\n{s}");
        assert!(s.contains("department"), "{w}x{h}:\n{s}");
        assert!(!s.contains('…'), "{w}x{h}: a value is cut:\n{s}");
    }
    // m keeps yours (the record's).
    press(&mut app, 'm');
    assert_eq!(read_record::<Goal>(&loaded.path).unwrap().objective, mine);
}
