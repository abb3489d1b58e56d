//! The full-screen journal, driven by keys exactly as the event loop routes them
//! (`tui::handle_key`), checked on the app state, on the files written under the data
//! directory and on the screen drawn into a `TestBackend`: every pane and popup, as insta
//! snapshots at 80x24 and 140x40, at every size from 1x1 to 300x100, and with wide characters.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use mentorlog::app::checklist::Row;
use mentorlog::app::form::{FieldKind, Form, FormTarget};
use mentorlog::app::picker::{PickPurpose, Picker};
use mentorlog::app::{Action, Anchor, Effect, Overlay, Pane, Tab};
use mentorlog::journal::demo::{Size, write_demo};
use mentorlog::model::{
    Goal, GoalStatus, Meeting, MeetingMode, MeetingType, Owner, Partnership, TickSheet,
    goal_is_overdue,
};
use mentorlog::store::{LOCK_FILE, Store, read_record};
use mentorlog::tui::Tui;
use mentorlog::ui::{self, Keymap, Theme, View};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tempfile::TempDir;

// ----- set-up -----

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn data_dir(dir: &TempDir) -> PathBuf {
    dir.path().join("j")
}

/// An app on a journal with nothing in it.
fn empty() -> (TempDir, Tui) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(data_dir(&dir));
    let app = Tui::open(store, today(), false);
    (dir, app)
}

/// An app on the small demo journal (alex-morgan, priya-shah, sam-lee).
fn demo() -> (TempDir, Tui) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(data_dir(&dir));
    write_demo(&store, Size::Small, today()).unwrap();
    let app = Tui::open(store, today(), false);
    (dir, app)
}

/// The demo with Sam Lee (the third partnership, sorted by id) selected.
fn demo_sam() -> (TempDir, Tui) {
    let (dir, mut app) = demo();
    keys(&mut app, "j j");
    assert_eq!(app.partner().unwrap().id(), "sam-lee");
    (dir, app)
}

fn partnership_dir(dir: &TempDir, id: &str) -> PathBuf {
    data_dir(dir).join("partnerships").join(id)
}

/// The `.ron` files of one folder, sorted.
fn ron_files(folder: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(folder)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "ron"))
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// Every file under the data directory, with its bytes (to show nothing was written).
fn all_files(root: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in rd.filter_map(Result::ok) {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.file_name().is_some_and(|n| n != LOCK_FILE) {
                let bytes = std::fs::read(&p).unwrap();
                out.push((p, bytes));
            }
        }
    }
    out.sort();
    out
}

/// The one file in `after` that is not in `before`.
fn new_file(before: &[PathBuf], after: &[PathBuf]) -> PathBuf {
    let before: BTreeSet<&PathBuf> = before.iter().collect();
    let added: Vec<&PathBuf> = after.iter().filter(|p| !before.contains(p)).collect();
    assert_eq!(added.len(), 1, "expected one new file, got {added:?}");
    added[0].clone()
}

// ----- keys -----

/// A key as the terminal reports it: "Enter", "Esc", "Tab", "BackTab", "Space", "Up", "Down",
/// "Left", "Right", "Backspace", "PgUp", "PgDn", "Home", "End", "F1", "C-s", or one character
/// (upper case comes with Shift, as crossterm reports it).
fn key(token: &str) -> KeyEvent {
    let none = KeyModifiers::NONE;
    let (code, mods) = match token {
        "Enter" => (KeyCode::Enter, none),
        "Esc" => (KeyCode::Esc, none),
        "Tab" => (KeyCode::Tab, none),
        "BackTab" => (KeyCode::BackTab, KeyModifiers::SHIFT),
        "Space" => (KeyCode::Char(' '), none),
        "Up" => (KeyCode::Up, none),
        "Down" => (KeyCode::Down, none),
        "Left" => (KeyCode::Left, none),
        "Right" => (KeyCode::Right, none),
        "Backspace" => (KeyCode::Backspace, none),
        "PgUp" => (KeyCode::PageUp, none),
        "PgDn" => (KeyCode::PageDown, none),
        "Home" => (KeyCode::Home, none),
        "End" => (KeyCode::End, none),
        "F1" => (KeyCode::F(1), none),
        t if t.starts_with("C-") && t.chars().count() == 3 => (
            KeyCode::Char(t.chars().nth(2).unwrap()),
            KeyModifiers::CONTROL,
        ),
        t if t.chars().count() == 1 => return char_key(t.chars().next().unwrap()),
        t => panic!("unknown key token {t:?}"),
    };
    KeyEvent::new(code, mods)
}

fn char_key(c: char) -> KeyEvent {
    let mods = if c.is_uppercase() {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    KeyEvent::new(KeyCode::Char(c), mods)
}

/// Press the keys of a space-separated sequence such as "2 j j Enter C-s".
fn keys(app: &mut Tui, seq: &str) {
    for t in seq.split_whitespace() {
        app.key(key(t));
    }
}

fn press(app: &mut Tui, code: KeyCode) -> Effect {
    app.key(KeyEvent::new(code, KeyModifiers::NONE))
}

/// Type text character by character (as a person types, not as a paste).
fn type_text(app: &mut Tui, text: &str) {
    for c in text.chars() {
        app.key(char_key(c));
    }
}

fn times(token: &str, n: usize) -> String {
    vec![token; n].join(" ")
}

// ----- looking at the app -----

fn top_form(app: &Tui) -> &Form {
    match app.overlays.last() {
        Some(Overlay::Form(f)) => f,
        other => panic!("expected a form on top, got {other:?}"),
    }
}

fn top_picker(app: &Tui) -> &Picker {
    match app.overlays.last() {
        Some(Overlay::Picker(p)) => p,
        other => panic!("expected a picker on top, got {other:?}"),
    }
}

fn focused_label(app: &Tui) -> &str {
    let f = top_form(app);
    &f.fields[f.focus].label
}

/// Move the top form's focus to the field with this label (with Tab, as a user would).
fn tab_to(app: &mut Tui, label: &str) {
    for _ in 0..top_form(app).fields.len() {
        if focused_label(app) == label {
            return;
        }
        keys(app, "Tab");
    }
    panic!("no field {label:?} in the form");
}

/// Empty the focused text field (the cursor starts at its end).
fn clear_field(app: &mut Tui) {
    let f = top_form(app);
    let n = f.fields[f.focus].value().chars().count() + 2;
    keys(app, &times("Backspace", n));
}

fn field_error(app: &Tui, label: &str) -> Option<String> {
    top_form(app)
        .fields
        .iter()
        .find(|f| f.label == label)
        .and_then(|f| f.error.clone())
}

fn meeting_ids(app: &Tui) -> Vec<String> {
    app.meetings().iter().map(|m| m.value.id.clone()).collect()
}

// ----- drawing -----

fn terminal(app: &Tui, w: u16, h: u16) -> Terminal<TestBackend> {
    let theme = Theme::default();
    let keymap = Keymap::default();
    let view = View {
        theme: &theme,
        keymap: &keymap,
    };
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| app.draw(f, &view)).unwrap();
    t
}

/// The screen's rows as text (a wide character's hidden cells left out).
fn rows(t: &Terminal<TestBackend>) -> Vec<String> {
    buffer_rows(t.backend().buffer())
}

fn buffer_rows(buf: &Buffer) -> Vec<String> {
    (0..buf.area.height)
        .map(|y| buffer_text(buf, y, 0, buf.area.width))
        .collect()
}

/// The text of the cells `x0..x1` of row `y` (a wide character's hidden cells left out).
fn cells_text(t: &Terminal<TestBackend>, y: u16, x0: u16, x1: u16) -> String {
    buffer_text(t.backend().buffer(), y, x0, x1)
}

fn buffer_text(buf: &Buffer, y: u16, x0: u16, x1: u16) -> String {
    let mut line = String::new();
    let mut skip = 0;
    for x in x0..x1 {
        let sym = buf[(x, y)].symbol();
        if skip > 0 {
            skip -= 1;
            continue;
        }
        line.push_str(sym);
        skip = unicode_width(sym).saturating_sub(1);
    }
    line
}

fn unicode_width(s: &str) -> usize {
    // The width ratatui gives a cell's symbol, without naming the unicode-width crate.
    ratatui::text::Span::raw(s).width()
}

fn screen(app: &Tui, w: u16, h: u16) -> String {
    rows(&terminal(app, w, h)).join("\n")
}

/// A regex matching `s` literally.
fn regex_escape(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if "\\.+*?()|[]{}^$#&-~".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

// ======================================================================================
// 1. Keys and state, pane by pane
// ======================================================================================

#[test]
fn an_empty_journal_welcomes_and_n_creates_the_first_partnership() {
    let (dir, mut app) = empty();
    assert!(matches!(app.overlays.as_slice(), [Overlay::Welcome]));
    assert!(screen(&app, 80, 24).contains("Welcome to mentorlog"));

    keys(&mut app, "n");
    assert_eq!(top_form(&app).target, FormTarget::NewPartnership);
    assert_eq!(focused_label(&app), "Name");
    type_text(&mut app, "Sam Lee");
    keys(&mut app, "C-s");

    assert!(app.overlays.is_empty(), "{:?}", app.overlays);
    let path = partnership_dir(&dir, "sam-lee").join("partnership.ron");
    let p: Partnership = read_record(&path).unwrap();
    assert_eq!(p.id, "sam-lee");
    assert_eq!(p.name, "Sam Lee");
    assert_eq!(p.start, today());
    assert_eq!(p.cadence_days, 14);
    assert_eq!(p.frameworks, vec!["curee".to_string()]);
    assert!(data_dir(&dir).join("journal.ron").exists());
    assert_eq!(app.reader().len(), 1);
    assert_eq!(app.partner().unwrap().id(), "sam-lee");
    assert_eq!((app.tab, app.pane), (Tab::Dashboard, Pane::Main));
    assert_eq!(app.journal.store().load().partnerships.len(), 1);
    assert!(screen(&app, 80, 24).contains("Sam Lee"));
}

#[test]
fn the_partnership_form_saves_every_field() {
    let (dir, mut app) = empty();
    keys(&mut app, "Enter");
    type_text(&mut app, "Dr. Ana María O'Neil");
    keys(&mut app, "Tab Right Right Tab Right Tab");
    type_text(&mut app, "Questioning");
    // Past the cadence (every N days, or the LSIS rhythm) to the number of days.
    keys(&mut app, "Tab Tab");
    clear_field(&mut app);
    type_text(&mut app, "7");
    keys(&mut app, "Tab");
    clear_field(&mut app);
    type_text(&mut app, "-2w");
    keys(&mut app, "C-s");
    assert!(app.overlays.is_empty(), "{:?}", app.overlays);
    let p: Partnership =
        read_record(&partnership_dir(&dir, "dr-ana-mar-a-o-neil").join("partnership.ron")).unwrap();
    assert_eq!(p.name, "Dr. Ana María O'Neil");
    assert_eq!(p.kind.label(), "challenge");
    assert_eq!(p.pathway.label(), "expertise");
    assert_eq!(p.focus.as_deref(), Some("Questioning"));
    assert_eq!(p.cadence_days, 7);
    assert_eq!(p.start, d("2026-11-09"));
}

#[test]
fn the_partnership_form_wants_a_name_and_a_number() {
    let (dir, mut app) = empty();
    keys(&mut app, "n C-s");
    assert_eq!(
        field_error(&app, "Name").as_deref(),
        Some("needed: the partner's name")
    );
    type_text(&mut app, "Sam");
    tab_to(&mut app, "Meet every (days)");
    type_text(&mut app, "x");
    keys(&mut app, "C-s");
    assert!(field_error(&app, "Meet every (days)").is_some());
    assert!(!partnership_dir(&dir, "sam").exists());
    // Esc on the changed form asks first; y throws it away and the welcome is back.
    keys(&mut app, "Esc");
    assert!(matches!(app.overlays.last(), Some(Overlay::Confirm { .. })));
    keys(&mut app, "y");
    assert!(matches!(app.overlays.as_slice(), [Overlay::Welcome]));
}

#[test]
fn d_on_the_welcome_opens_the_demo_journal() {
    let (dir, mut app) = empty();
    keys(&mut app, "d");
    assert!(app.overlays.is_empty(), "{:?}", app.overlays);
    let r = app.reader();
    let ids: Vec<&str> = r.partnerships().iter().map(|p| p.id()).collect();
    assert_eq!(ids, ["alex-morgan", "priya-shah", "sam-lee"]);
    // The demo is apart from the user's journal, which stays empty.
    assert_eq!(Store::new(data_dir(&dir)).load().partnerships.len(), 0);
    let demo = data_dir(&dir).join(".mentorlog/demo");
    assert_eq!(Store::new(demo).load().partnerships.len(), 3);
    let s = screen(&app, 80, 24);
    for name in ["Alex Morgan", "Priya Shah", "Sam Lee"] {
        assert!(s.contains(name), "{name} not on screen:\n{s}");
    }
}

#[test]
fn the_welcome_quits_on_q_and_esc_and_shows_help_on_question_mark() {
    let (_dir, mut app) = empty();
    keys(&mut app, "?");
    assert!(matches!(app.overlays.last(), Some(Overlay::Help { .. })));
    keys(&mut app, "Esc");
    assert!(matches!(app.overlays.as_slice(), [Overlay::Welcome]));
    assert!(!app.quit);
    keys(&mut app, "q");
    assert!(app.quit);

    let (_dir, mut app) = empty();
    keys(&mut app, "Esc");
    assert!(app.quit);
}

#[test]
fn undoing_the_only_partnership_lets_the_welcome_open_the_demo() {
    let (dir, mut app) = empty();
    keys(&mut app, "n");
    type_text(&mut app, "Sam Lee");
    keys(&mut app, "C-s u");
    assert!(app.reader().is_empty());
    assert!(matches!(app.overlays.as_slice(), [Overlay::Welcome]));
    keys(&mut app, "d");
    assert_eq!(
        app.reader().len(),
        3,
        "status: {:?}; left behind: {:?}",
        app.status,
        std::fs::read_dir(data_dir(&dir).join("partnerships"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect::<Vec<_>>()
    );
}

#[test]
fn the_sidebar_moves_with_j_k_and_arrows_and_tab_switches_panes() {
    let (_dir, mut app) = demo();
    assert_eq!(
        (app.pane, app.selected, app.tab),
        (Pane::Sidebar, 0, Tab::Dashboard)
    );
    keys(&mut app, "j");
    assert_eq!(app.selected, 1);
    keys(&mut app, "j j j");
    assert_eq!(app.selected, 2, "the cursor stops at the last partnership");
    keys(&mut app, "k");
    assert_eq!(app.selected, 1);
    keys(&mut app, "Down");
    assert_eq!(app.selected, 2);
    keys(&mut app, "Up Up Up");
    assert_eq!(app.selected, 0);
    keys(&mut app, "G");
    assert_eq!(app.selected, 2);
    keys(&mut app, "g");
    assert_eq!(app.selected, 0);
    keys(&mut app, "End");
    assert_eq!(app.partner().unwrap().id(), "sam-lee");
    keys(&mut app, "Home");
    assert_eq!(app.partner().unwrap().id(), "alex-morgan");

    keys(&mut app, "Tab");
    assert_eq!(app.pane, Pane::Main);
    keys(&mut app, "j");
    assert_eq!(
        app.selected, 0,
        "j in the main pane leaves the sidebar alone"
    );
    keys(&mut app, "Tab");
    assert_eq!(app.pane, Pane::Sidebar);
    keys(&mut app, "BackTab");
    assert_eq!(app.pane, Pane::Main);
    keys(&mut app, "BackTab");
    assert_eq!(app.pane, Pane::Sidebar);
    // Enter in the sidebar goes into the partnership.
    keys(&mut app, "Enter");
    assert_eq!(app.pane, Pane::Main);
}

#[test]
fn number_keys_and_brackets_change_the_tab() {
    let (_dir, mut app) = demo();
    // The digits 1.. choose the tabs in order (1-4 at least: Dashboard, Meetings, Goals,
    // Checklists).
    assert_eq!(
        Tab::ALL[..4],
        [Tab::Dashboard, Tab::Meetings, Tab::Goals, Tab::Checklists]
    );
    for (n, tab) in Tab::ALL.iter().enumerate().rev() {
        if app.pane == Pane::Main {
            keys(&mut app, "Tab");
        }
        assert_eq!(app.pane, Pane::Sidebar);
        keys(&mut app, &(n + 1).to_string());
        assert_eq!(app.tab, *tab, "key {}", n + 1);
        assert_eq!(app.pane, Pane::Main, "a tab key focuses the main pane");
    }
    assert_eq!(app.tab, Tab::Dashboard);
    keys(&mut app, "]");
    assert_eq!(app.tab, Tab::Meetings);
    keys(&mut app, "] ]");
    assert_eq!(app.tab, Tab::Checklists);
    let last = *Tab::ALL.last().unwrap();
    keys(&mut app, &times("]", Tab::ALL.len() - 4));
    assert_eq!(app.tab, last);
    keys(&mut app, "]");
    assert_eq!(app.tab, Tab::Dashboard, "] wraps round");
    keys(&mut app, "[");
    assert_eq!(app.tab, last, "[ wraps round");
    keys(&mut app, &times("[", Tab::ALL.len() - 2));
    assert_eq!(app.tab, Tab::Meetings);
    // The tab bar shows the current tab.
    assert!(
        screen(&app, 80, 24)
            .lines()
            .next()
            .unwrap()
            .contains("Meetings")
    );
}

#[test]
fn q_quits_and_ctrl_c_too() {
    let (_dir, mut app) = demo();
    keys(&mut app, "2 j");
    assert!(!app.quit);
    keys(&mut app, "q");
    assert!(app.quit);
    let (_dir, mut app) = demo();
    keys(&mut app, "C-c");
    assert!(app.quit);
}

// ----- meetings -----

#[test]
fn a_new_meeting_with_an_action_item_is_saved_viewed_edited_deleted_and_undone() {
    let (dir, mut app) = demo_sam();
    let folder = partnership_dir(&dir, "sam-lee").join("meetings");
    let before = ron_files(&folder);
    // (Of the demo's 14 meetings with Sam, one is private: it is in Jo's private folder.)
    assert_eq!(before.len(), 13);

    keys(&mut app, "2 n");
    assert_eq!(top_form(&app).target, FormTarget::NewMeeting);
    assert_eq!(top_form(&app).title, "New meeting with Sam Lee");
    tab_to(&mut app, "Focus");
    type_text(&mut app, "Questioning with 9B");
    keys(&mut app, "Tab");
    assert_eq!(focused_label(&app), "Notes");
    type_text(&mut app, "Tried wait time.");
    keys(&mut app, "Enter");
    type_text(&mut app, "Pupils answered at length.");
    keys(&mut app, "Tab");
    assert_eq!(focused_label(&app), "Action items");

    // The action item sub-form: text, owner (left as mentee), due date.
    keys(&mut app, "a");
    assert_eq!(top_form(&app).target, FormTarget::ActionItem(None));
    type_text(&mut app, "Plan three hinge questions");
    keys(&mut app, "Tab Tab");
    assert_eq!(focused_label(&app), "Due");
    type_text(&mut app, "+1w");
    keys(&mut app, "C-s");
    assert_eq!(top_form(&app).target, FormTarget::NewMeeting);
    assert_eq!(top_form(&app).action_items("Action items").len(), 1);
    assert_eq!(
        ron_files(&folder),
        before,
        "nothing is written before the save"
    );

    keys(&mut app, "C-s");
    assert!(app.overlays.is_empty(), "{:?}", app.overlays);
    let after = ron_files(&folder);
    let path = new_file(&before, &after);
    assert!(
        path.file_name()
            .unwrap()
            .to_str()
            .unwrap()
            .starts_with("2026-11-23-")
    );
    let m: Meeting = read_record(&path).unwrap();
    assert_eq!(m.date, today());
    assert_eq!(m.time, None);
    assert_eq!(m.duration_minutes, None);
    assert_eq!(m.mode, MeetingMode::InPerson);
    assert_eq!(m.kind, MeetingType::Meeting);
    assert_eq!(m.focus, "Questioning with 9B");
    assert_eq!(m.notes, "Tried wait time.\nPupils answered at length.");
    assert_eq!(m.action_items.len(), 1);
    let a = &m.action_items[0];
    assert_eq!(a.text, "Plan three hinge questions");
    assert_eq!(a.owner, Owner::Mentee);
    assert_eq!(a.due, Some(d("2026-11-30")));
    assert!(!a.done);
    assert!(!m.private);
    assert!(m.goals.is_empty() && m.evidences.is_empty());
    // The new meeting is the newest, under the cursor, and the status says it was saved.
    assert_eq!(app.meetings()[app.meeting_cursor].path, path);
    assert_eq!(app.meeting_cursor, 0);
    let status = app.status.clone().unwrap();
    assert!(!status.error);
    assert!(status.text.contains("saved"), "{status:?}");

    // Enter opens the meeting view; Esc closes it.
    keys(&mut app, "Enter");
    match app.overlays.last() {
        Some(Overlay::Meeting { path: p, .. }) => assert_eq!(p, &path),
        other => panic!("expected the meeting view, got {other:?}"),
    }
    let s = screen(&app, 100, 30);
    assert!(s.contains("Questioning with 9B"), "{s}");
    assert!(s.contains("Plan three hinge questions"), "{s}");
    assert!(s.contains("due 2026-11-30"), "{s}");
    keys(&mut app, "Esc");
    assert!(app.overlays.is_empty());

    // e edits in place: same file, new focus, everything else kept.
    keys(&mut app, "e");
    assert_eq!(top_form(&app).target, FormTarget::EditMeeting(path.clone()));
    tab_to(&mut app, "Focus");
    clear_field(&mut app);
    type_text(&mut app, "Wait time");
    keys(&mut app, "C-s");
    assert!(app.overlays.is_empty(), "{:?}", app.overlays);
    assert_eq!(ron_files(&folder), after, "an edit writes no new file");
    let edited: Meeting = read_record(&path).unwrap();
    assert_eq!(edited.focus, "Wait time");
    assert_eq!(
        Meeting {
            focus: m.focus.clone(),
            ..edited.clone()
        },
        m
    );

    // d deletes the file; u brings the same record back.
    let bytes = std::fs::read(&path).unwrap();
    keys(&mut app, "d");
    assert!(!path.exists());
    assert_eq!(ron_files(&folder), before);
    assert!(!meeting_ids(&app).contains(&m.id));
    keys(&mut app, "u");
    assert!(path.exists());
    assert_eq!(read_record::<Meeting>(&path).unwrap(), edited);
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
    assert!(meeting_ids(&app).contains(&m.id));
    // And u again undoes the edit.
    keys(&mut app, "u");
    assert_eq!(
        read_record::<Meeting>(&path).unwrap().focus,
        "Questioning with 9B"
    );
}

#[test]
fn the_first_meeting_of_a_partnership_offers_the_first_conversation_agenda() {
    let (dir, mut app) = empty();
    keys(&mut app, "n");
    type_text(&mut app, "Sam Lee");
    keys(&mut app, "C-s 2 n");
    let form = top_form(&app);
    assert_eq!(form.text("Focus"), "First conversation");
    // The agenda is beside the notes, not in them (tests/monday.rs looks at it).
    assert!(form.aside.as_ref().is_some_and(|a| a.lines.len() >= 2));
    assert_eq!(form.text("Notes"), "");
    keys(&mut app, "C-s");
    assert!(app.overlays.is_empty(), "{:?}", app.overlays);
    let files = ron_files(&partnership_dir(&dir, "sam-lee").join("meetings"));
    assert_eq!(files.len(), 1);
    let m: Meeting = read_record(&files[0]).unwrap();
    assert_eq!(m.focus, "First conversation");
    assert_eq!(m.notes, "");
    // The second meeting starts empty.
    keys(&mut app, "n");
    assert_eq!(top_form(&app).text("Focus"), "");
    assert_eq!(top_form(&app).text("Notes"), "");
}

#[test]
fn the_meeting_view_e_opens_the_edit_form() {
    let (_dir, mut app) = demo_sam();
    keys(&mut app, "2 j Enter");
    let path = app.meetings()[1].path.clone();
    assert!(matches!(app.overlays.last(), Some(Overlay::Meeting { .. })));
    keys(&mut app, "j j k");
    // A meeting that fits on the screen does not scroll.
    match app.overlays.last() {
        Some(Overlay::Meeting { scroll, .. }) => assert_eq!(*scroll, Anchor::default()),
        other => panic!("{other:?}"),
    }
    keys(&mut app, "e");
    assert_eq!(app.overlays.len(), 1);
    assert_eq!(top_form(&app).target, FormTarget::EditMeeting(path));
    assert_eq!(top_form(&app).title, "Meeting with Sam Lee");
    keys(&mut app, "Esc");
    assert!(app.overlays.is_empty(), "an unchanged form closes at once");
}

#[test]
fn a_bad_date_or_time_keeps_the_meeting_form_open_and_writes_nothing() {
    let (dir, mut app) = demo_sam();
    let root = data_dir(&dir);
    let files = all_files(&root);

    keys(&mut app, "2 n");
    assert_eq!(focused_label(&app), "Date");
    clear_field(&mut app);
    type_text(&mut app, "next tuesday");
    tab_to(&mut app, "Focus");
    type_text(&mut app, "Planning");
    keys(&mut app, "C-s");
    assert_eq!(top_form(&app).target, FormTarget::NewMeeting);
    assert_eq!(
        focused_label(&app),
        "Date",
        "the focus goes to the bad field"
    );
    assert!(
        field_error(&app, "Date").unwrap().contains("not a date"),
        "{:?}",
        field_error(&app, "Date")
    );
    assert_eq!(
        top_form(&app).text("Focus"),
        "Planning",
        "nothing typed is lost"
    );
    assert_eq!(all_files(&root), files);
    // The error is on screen.
    assert!(screen(&app, 100, 40).contains("not a date"));

    clear_field(&mut app);
    type_text(&mut app, "yesterday");
    assert_eq!(field_error(&app, "Date"), None, "typing clears the error");
    keys(&mut app, "Tab");
    assert_eq!(focused_label(&app), "Time (HH:MM)");
    type_text(&mut app, "25:99");
    keys(&mut app, "C-s");
    assert_eq!(focused_label(&app), "Time (HH:MM)");
    assert_eq!(
        field_error(&app, "Time (HH:MM)").as_deref(),
        Some("a time like 15:30")
    );
    assert_eq!(field_error(&app, "Date"), None);
    assert_eq!(all_files(&root), files);

    tab_to(&mut app, "Duration (min)");
    type_text(&mut app, "forty");
    tab_to(&mut app, "Time (HH:MM)");
    clear_field(&mut app);
    type_text(&mut app, "15:30");
    keys(&mut app, "C-s");
    assert!(field_error(&app, "Duration (min)").is_some());
    assert_eq!(all_files(&root), files);

    // Esc on a changed form asks; n keeps the form, y throws it away.
    keys(&mut app, "Esc");
    match app.overlays.last() {
        Some(Overlay::Confirm { message, .. }) => assert!(message.contains("Discard")),
        other => panic!("expected a confirmation, got {other:?}"),
    }
    keys(&mut app, "n");
    assert_eq!(top_form(&app).target, FormTarget::NewMeeting);
    assert_eq!(top_form(&app).text("Focus"), "Planning");
    keys(&mut app, "Esc Esc");
    assert_eq!(
        top_form(&app).target,
        FormTarget::NewMeeting,
        "Esc means no"
    );
    keys(&mut app, "Esc y");
    assert!(app.overlays.is_empty(), "{:?}", app.overlays);
    assert_eq!(all_files(&root), files);
}

#[test]
fn a_good_date_time_and_duration_are_saved() {
    let (dir, mut app) = demo_sam();
    // A private meeting is kept in its author's private folder.
    let folder = data_dir(&dir).join("private/jo-taylor/partnerships/sam-lee/meetings");
    let before = ron_files(&folder);
    keys(&mut app, "2 n");
    clear_field(&mut app);
    type_text(&mut app, "-3d");
    keys(&mut app, "Tab");
    type_text(&mut app, "08:15");
    keys(&mut app, "Tab");
    type_text(&mut app, "40");
    keys(&mut app, "Tab Right Tab Left");
    tab_to(&mut app, "Private");
    keys(&mut app, "Space");
    // Enter on the last field saves too.
    keys(&mut app, "Enter");
    assert!(app.overlays.is_empty(), "{:?}", app.overlays);
    let m: Meeting = read_record(&new_file(&before, &ron_files(&folder))).unwrap();
    assert_eq!(m.date, d("2026-11-20"));
    assert_eq!(m.time.unwrap().to_string(), "08:15:00");
    assert_eq!(m.duration_minutes, Some(40));
    assert_eq!(m.mode, MeetingMode::Video);
    assert_eq!(m.kind, MeetingType::LearningConversation);
    assert!(m.private);
}

#[test]
fn the_goals_and_evidences_pickers_store_the_chosen_ids() {
    let (dir, mut app) = demo_sam();
    let folder = partnership_dir(&dir, "sam-lee").join("meetings");
    let before = ron_files(&folder);
    keys(&mut app, "2 n");
    tab_to(&mut app, "Goals discussed");
    keys(&mut app, "Enter");
    let p = top_picker(&app);
    assert!(p.multi);
    assert!(matches!(p.purpose, PickPurpose::FormField(_)));
    assert_eq!(p.options.len(), 3);
    type_text(&mut app, "behav");
    let p = top_picker(&app);
    assert_eq!(p.filter, "behav");
    assert_eq!(p.options[p.visible()[0]].0, "samg02");
    keys(&mut app, "Space Enter");
    assert_eq!(top_form(&app).picks("Goals discussed"), ["samg02"]);
    assert!(top_form(&app).dirty);

    keys(&mut app, "Tab");
    assert_eq!(focused_label(&app), "Evidences");
    keys(&mut app, "Enter");
    type_text(&mut app, "mentor-open-q");
    let p = top_picker(&app);
    assert_eq!(p.options[p.visible()[0]].0, "curee/mentor-open-questions");
    keys(&mut app, "Space");
    // Backspace widens the filter again; a second choice joins the first.
    keys(&mut app, &times("Backspace", 13));
    type_text(&mut app, "mentor-listen");
    let p = top_picker(&app);
    assert_eq!(p.options[p.visible()[0]].0, "curee/mentor-listen-actively");
    keys(&mut app, "Space Enter");
    // The choices keep the framework's order (and choices made before keep their place).
    assert_eq!(
        top_form(&app).picks("Evidences"),
        [
            "curee/mentor-open-questions",
            "curee/mentor-listen-actively"
        ]
    );
    // Esc in a picker keeps the choices made before it opened.
    keys(&mut app, "Enter Space Esc");
    assert_eq!(top_form(&app).picks("Evidences").len(), 2);

    keys(&mut app, "C-s");
    assert!(app.overlays.is_empty(), "{:?}", app.overlays);
    let m: Meeting = read_record(&new_file(&before, &ron_files(&folder))).unwrap();
    assert_eq!(m.goals, ["samg02"]);
    assert_eq!(
        m.evidences,
        [
            "curee/mentor-open-questions",
            "curee/mentor-listen-actively"
        ]
    );
    // The meeting view names the goal and the items.
    keys(&mut app, "Enter");
    let s = screen(&app, 120, 40);
    assert!(
        s.contains("Goals discussed: Consistent behaviour routines with 8C"),
        "{s}"
    );
    assert!(s.contains("curee/mentor-open-questions"), "{s}");
}

#[test]
fn action_items_in_the_form_toggle_change_owner_edit_and_remove() {
    let (dir, mut app) = demo_sam();
    let folder = partnership_dir(&dir, "sam-lee").join("meetings");
    let before = ron_files(&folder);
    keys(&mut app, "2 n");
    tab_to(&mut app, "Action items");
    keys(&mut app, "a");
    type_text(&mut app, "First");
    keys(&mut app, "C-s a");
    type_text(&mut app, "Second");
    keys(&mut app, "Tab Right");
    keys(&mut app, "C-s");
    let items = top_form(&app).action_items("Action items");
    assert_eq!(items.len(), 2);
    assert_eq!(items[1].owner, Owner::Mentor);
    // Space marks the item under the cursor (the last added) done; o moves its owner on.
    keys(&mut app, "Space o k");
    // Enter edits the first item in the sub-form.
    keys(&mut app, "Enter");
    assert_eq!(top_form(&app).target, FormTarget::ActionItem(Some(0)));
    type_text(&mut app, " draft");
    keys(&mut app, "C-s");
    let items = top_form(&app).action_items("Action items");
    assert_eq!(items[0].text, "First draft");
    assert!(items[1].done);
    assert_eq!(items[1].owner, Owner::SupportNetwork);
    // A bad due date keeps the sub-form open.
    keys(&mut app, "a");
    type_text(&mut app, "Third");
    keys(&mut app, "Tab Tab");
    type_text(&mut app, "soon");
    keys(&mut app, "C-s");
    assert_eq!(top_form(&app).target, FormTarget::ActionItem(None));
    assert!(field_error(&app, "Due").is_some());
    keys(&mut app, "Esc y");
    assert_eq!(top_form(&app).target, FormTarget::NewMeeting);
    assert_eq!(top_form(&app).action_items("Action items").len(), 2);
    // x removes the item under the cursor (the first).
    keys(&mut app, "x C-s");
    let m: Meeting = read_record(&new_file(&before, &ron_files(&folder))).unwrap();
    assert_eq!(m.action_items.len(), 1);
    assert_eq!(m.action_items[0].text, "Second");
    assert!(m.action_items[0].done);
}

// ----- goals -----

#[test]
fn a_new_goal_fills_all_seven_columns_and_moves_on_through_its_statuses() {
    let (dir, mut app) = demo_sam();
    let folder = partnership_dir(&dir, "sam-lee").join("goals");
    let before = ron_files(&folder);
    assert_eq!(before.len(), 3);
    keys(&mut app, "3 n");
    assert_eq!(top_form(&app).target, FormTarget::NewGoal);
    let texts = [
        ("Objective", "Use wait time after every question"),
        ("Learning goal", "Understand how wait time changes answers"),
        ("Mentee's actions", "Count to five after asking"),
        ("Mentor's actions", "Time the waits in an observation"),
        ("Support network's actions", "Head of year shares a video"),
        ("Potential barriers", "Pace of the scheme of work"),
        ("Success measures", "Longer pupil answers"),
    ];
    for (n, (label, text)) in texts.iter().enumerate() {
        if n > 0 {
            keys(&mut app, "Tab");
        }
        assert_eq!(focused_label(&app), *label);
        type_text(&mut app, text);
    }
    keys(&mut app, "Tab");
    assert_eq!(focused_label(&app), "Target date");
    type_text(&mut app, "+6w");
    keys(&mut app, "C-s");
    assert!(app.overlays.is_empty(), "{:?}", app.overlays);
    let path = new_file(&before, &ron_files(&folder));
    let g: Goal = read_record(&path).unwrap();
    assert_eq!(g.objective, texts[0].1);
    assert_eq!(g.learning_goal, texts[1].1);
    assert_eq!(g.mentee_actions, texts[2].1);
    assert_eq!(g.mentor_actions, texts[3].1);
    assert_eq!(g.support_actions, texts[4].1);
    assert_eq!(g.barriers, texts[5].1);
    assert_eq!(g.success_measures, texts[6].1);
    assert_eq!(g.target, Some(d("2027-01-04")));
    assert_eq!(g.created, today());
    assert_eq!(g.status, GoalStatus::NotStarted);
    assert!(g.reviews.is_empty());
    assert_eq!(app.goals()[app.goal_cursor].path, path);

    // s moves the status on and saves it.
    keys(&mut app, "s");
    assert_eq!(
        read_record::<Goal>(&path).unwrap().status,
        GoalStatus::InProgress
    );
    keys(&mut app, "s");
    assert_eq!(
        read_record::<Goal>(&path).unwrap().status,
        GoalStatus::Achieved
    );
    assert_eq!(
        app.goals()[app.goal_cursor].value.status,
        GoalStatus::Achieved
    );

    // r adds a dated review note.
    keys(&mut app, "r");
    assert!(matches!(top_form(&app).target, FormTarget::ReviewNote(_)));
    assert_eq!(top_form(&app).text("Date"), "2026-11-23");
    keys(&mut app, "C-s");
    assert!(field_error(&app, "Note").is_some(), "a note is needed");
    assert_eq!(
        focused_label(&app),
        "Note",
        "the focus goes to the missing note"
    );
    type_text(&mut app, "Answers are longer; keep going.");
    keys(&mut app, "C-s");
    assert!(app.overlays.is_empty(), "{:?}", app.overlays);
    let g: Goal = read_record(&path).unwrap();
    assert_eq!(g.reviews.len(), 1);
    assert_eq!(g.reviews[0].date, today());
    assert_eq!(g.reviews[0].note, "Answers are longer; keep going.");

    // d then u.
    let bytes = std::fs::read(&path).unwrap();
    keys(&mut app, "d");
    assert!(!path.exists());
    assert_eq!(app.goals().len(), 3);
    keys(&mut app, "u");
    assert_eq!(read_record::<Goal>(&path).unwrap(), g);
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
    assert_eq!(app.goals().len(), 4);
}

#[test]
fn editing_a_goal_keeps_its_file_and_enter_opens_it_too() {
    let (dir, mut app) = demo_sam();
    let folder = partnership_dir(&dir, "sam-lee").join("goals");
    let before = ron_files(&folder);
    keys(&mut app, "3 j Enter");
    let path = app.goals()[1].path.clone();
    assert_eq!(top_form(&app).target, FormTarget::EditGoal(path.clone()));
    assert_eq!(
        top_form(&app).text("Objective"),
        "Consistent behaviour routines with 8C"
    );
    tab_to(&mut app, "Target date");
    clear_field(&mut app);
    type_text(&mut app, "not a date");
    keys(&mut app, "C-s");
    assert!(field_error(&app, "Target date").is_some());
    clear_field(&mut app);
    type_text(&mut app, "2027-02-01");
    keys(&mut app, "Tab Right C-s");
    assert!(app.overlays.is_empty(), "{:?}", app.overlays);
    assert_eq!(ron_files(&folder), before);
    let g: Goal = read_record(&path).unwrap();
    assert_eq!(g.target, Some(d("2027-02-01")));
    assert_eq!(g.status, GoalStatus::Achieved);
    assert_eq!(g.id, "samg02");
}

#[test]
fn an_overdue_goal_from_the_demo_is_flagged() {
    let (_dir, mut app) = demo_sam();
    keys(&mut app, "3");
    let overdue: Vec<&str> = app
        .goals()
        .into_iter()
        .filter(|g| goal_is_overdue(&g.value, today()))
        .map(|g| g.value.id.as_str())
        .collect();
    assert_eq!(overdue, ["samg02"]);
    for (w, h) in [(80, 24), (140, 40)] {
        let side = (w / 4).clamp(18, 30) as usize;
        let s = screen(&app, w, h);
        // The main pane only (the sidebar flags partnerships overdue for a meeting).
        let main: Vec<String> = s.lines().map(|l| l.chars().skip(side).collect()).collect();
        // The objective may wrap ("! Consistent" / "behaviour ..."): its first line has the "!".
        let row = main
            .iter()
            .find(|l| l.contains("Consistent"))
            .unwrap_or_else(|| panic!("no overdue row at {w}x{h}:\n{s}"));
        assert!(row.contains("! Consistent"), "{row}");
        let achieved = main
            .iter()
            .find(|l| l.contains("Use open"))
            .unwrap_or_else(|| panic!("no achieved row at {w}x{h}:\n{s}"));
        assert!(!achieved.contains('!'), "{achieved}");
    }
    // The detail panel (narrow screens) says why.
    keys(&mut app, "j");
    assert!(screen(&app, 80, 24).contains("Overdue: the target date has passed"));
}

// ----- checklists -----

fn item_row(app: &Tui, n: usize) -> (String, String, bool) {
    match &app.checklist_rows()[n] {
        Row::Item { address, tick, .. } => (address.0.clone(), address.1.clone(), tick.is_some()),
        Row::Section { section, .. } => panic!("row {n} is the section {}", section.id),
    }
}

fn ticks(dir: &TempDir, pid: &str) -> TickSheet {
    read_record(&partnership_dir(dir, pid).join("ticks").join("curee.ron")).unwrap()
}

#[test]
fn space_ticks_and_unticks_an_item_and_u_undoes() {
    let (dir, mut app) = demo();
    assert_eq!(app.partner().unwrap().id(), "alex-morgan");
    let file = partnership_dir(&dir, "alex-morgan")
        .join("ticks")
        .join("curee.ron");
    assert!(!file.exists());
    keys(&mut app, "4");
    assert_eq!((app.tab, app.pane), (Tab::Checklists, Pane::Main));
    assert!(matches!(app.checklist_rows()[0], Row::Section { .. }));
    keys(&mut app, "j j");
    assert_eq!(app.checklist.cursor, 2);
    let (f, item, ticked) = item_row(&app, 2);
    assert_eq!(
        (f.as_str(), item.as_str(), ticked),
        ("curee", "mentor-relate-sensitively", false)
    );

    keys(&mut app, "Space");
    let sheet = ticks(&dir, "alex-morgan");
    assert_eq!(sheet.ticks[&item].date, today());
    assert!(sheet.ticks[&item].evidence.is_empty());
    assert!(item_row(&app, 2).2);
    let s = screen(&app, 100, 40);
    assert!(s.contains("[x] relate sensitively"), "{s}");

    keys(&mut app, "Space");
    assert!(!ticks(&dir, "alex-morgan").ticks.contains_key(&item));
    assert!(!item_row(&app, 2).2);

    keys(&mut app, "u");
    assert!(ticks(&dir, "alex-morgan").ticks.contains_key(&item));
    assert!(item_row(&app, 2).2);
    keys(&mut app, "u");
    assert!(
        !file.exists(),
        "undoing the first tick removes the sheet it created"
    );
    assert!(!item_row(&app, 2).2);
    keys(&mut app, "u");
    assert_eq!(app.status.as_ref().unwrap().text, "Nothing to undo");

    // x ticks too.
    keys(&mut app, "x");
    assert!(ticks(&dir, "alex-morgan").ticks.contains_key(&item));
}

#[test]
fn f_hides_achieved_items_and_h_l_fold_sections() {
    let (_dir, mut app) = demo_sam();
    keys(&mut app, "4");
    let all = app.checklist_rows().len();
    let ticked = app
        .checklist_rows()
        .iter()
        .filter(|r| matches!(r, Row::Item { tick: Some(_), .. }))
        .count();
    assert!(ticked > 0);
    let before = screen(&app, 100, 40);
    keys(&mut app, "f");
    assert!(app.checklist.only_open);
    assert_eq!(app.checklist_rows().len(), all - ticked);
    assert!(
        app.checklist_rows()
            .iter()
            .all(|r| !matches!(r, Row::Item { tick: Some(_), .. }))
    );
    let after = screen(&app, 100, 40);
    assert_ne!(before, after);
    assert!(after.contains("10/80 (not yet achieved"), "{after}");
    assert!(!after.contains("[x]"), "{after}");
    keys(&mut app, "f");
    assert_eq!(app.checklist_rows().len(), all);

    // h on an item folds its section and moves there; l unfolds it.
    keys(&mut app, "j j j");
    assert!(matches!(app.checklist_rows()[3], Row::Item { .. }));
    keys(&mut app, "h");
    assert_eq!(app.checklist.cursor, 1);
    assert!(app.checklist.collapsed.contains("mentors"));
    assert_eq!(app.checklist_rows().len(), all - 10);
    assert!(screen(&app, 100, 40).contains("▸ "));
    keys(&mut app, "l");
    assert!(app.checklist.collapsed.is_empty());
    assert_eq!(app.checklist_rows().len(), all);
    keys(&mut app, "Left");
    assert!(app.checklist.collapsed.contains("mentors"));
    keys(&mut app, "Right");
    assert!(app.checklist.collapsed.is_empty());
    // On the top section h folds everything below it; Enter and Space toggle a section.
    keys(&mut app, "k h");
    assert_eq!(app.checklist.cursor, 0);
    assert!(app.checklist.collapsed.contains("skills"));
    let folded = app.checklist_rows().len();
    assert!(folded < all - 30, "{folded}");
    keys(&mut app, "Enter");
    assert!(app.checklist.collapsed.is_empty());
    keys(&mut app, "Space");
    assert!(app.checklist.collapsed.contains("skills"));
    keys(&mut app, "Space");
    assert!(app.checklist.collapsed.is_empty());
}

#[test]
fn c_opens_the_framework_picker() {
    let (_dir, mut app) = demo_sam();
    keys(&mut app, "4 j j c");
    let p = top_picker(&app);
    assert_eq!(p.purpose, PickPurpose::Framework);
    assert!(!p.multi);
    let ids: Vec<String> = app
        .partner()
        .unwrap()
        .frameworks()
        .iter()
        .map(|f| f.id.clone())
        .collect();
    assert!(ids.len() >= 2, "{ids:?}");
    assert_eq!(ids[0], "curee");
    assert_eq!(p.options.len(), ids.len());
    assert!(
        p.options.iter().all(|o| o.1.contains("items")),
        "{:?}",
        p.options
    );
    keys(&mut app, "Down Enter");
    assert!(app.overlays.is_empty());
    assert_eq!(app.checklist.framework, 1);
    assert_eq!(app.checklist_framework().unwrap().id, ids[1]);
    assert_eq!(
        app.checklist.cursor, 0,
        "a framework chosen starts at its top"
    );
    let title: String = app
        .checklist_framework()
        .unwrap()
        .title
        .chars()
        .take(10)
        .collect();
    assert!(screen(&app, 100, 30).contains(&title));
    keys(&mut app, "c Enter");
    assert_eq!(app.checklist_framework().unwrap().id, "curee");
    keys(&mut app, "c Esc");
    assert!(app.overlays.is_empty());
}

#[test]
fn a_meeting_as_evidence_links_the_tick_and_the_meeting_both_ways() {
    let (dir, mut app) = demo();
    keys(&mut app, "4 j j j");
    let (_, item, ticked) = item_row(&app, 3);
    assert_eq!(item, "mentor-model-expertise");
    assert!(!ticked);
    keys(&mut app, "a");
    assert!(matches!(
        top_picker(&app).purpose,
        PickPurpose::EvidenceKind { .. }
    ));
    keys(&mut app, "Enter");
    let p = top_picker(&app);
    assert!(matches!(p.purpose, PickPurpose::EvidenceMeeting { .. }));
    assert_eq!(p.options[0].0, "alx000");
    keys(&mut app, "Enter");
    assert!(app.overlays.is_empty(), "{:?}", app.overlays);

    let tick = &ticks(&dir, "alex-morgan").ticks[&item];
    assert_eq!(tick.evidence.meetings, ["alx000"]);
    let mpath = app
        .partner()
        .unwrap()
        .meeting("alx000")
        .unwrap()
        .path
        .clone();
    let m: Meeting = read_record(&mpath).unwrap();
    assert_eq!(m.evidences, [format!("curee/{item}")]);
    assert!(item_row(&app, 3).2);
    let s = screen(&app, 120, 40);
    assert!(s.contains("First conversation"), "{s}");

    // One u undoes both files.
    keys(&mut app, "u");
    assert!(read_record::<Meeting>(&mpath).unwrap().evidences.is_empty());
    assert!(!item_row(&app, 3).2);
}

#[test]
fn typed_text_as_evidence_is_added_to_the_tick() {
    let (dir, mut app) = demo_sam();
    keys(&mut app, "4 j j");
    let (_, item, ticked) = item_row(&app, 2);
    assert_eq!(item, "mentor-relate-sensitively");
    assert!(ticked);
    let notes_before = ticks(&dir, "sam-lee").ticks[&item].evidence.notes.clone();
    keys(&mut app, "a Down Enter");
    assert!(matches!(
        top_form(&app).target,
        FormTarget::EvidenceText { .. }
    ));
    keys(&mut app, "C-s");
    assert!(field_error(&app, "Evidence").is_some());
    type_text(
        &mut app,
        "Sam said the agreement made it safe to try things.",
    );
    keys(&mut app, "C-s");
    assert!(app.overlays.is_empty(), "{:?}", app.overlays);
    let notes = ticks(&dir, "sam-lee").ticks[&item].evidence.notes.clone();
    assert_eq!(notes.len(), notes_before.len() + 1);
    assert_eq!(
        notes.last().unwrap(),
        "Sam said the agreement made it safe to try things."
    );
    // e is the other key for evidence.
    keys(&mut app, "e");
    assert!(matches!(
        top_picker(&app).purpose,
        PickPurpose::EvidenceKind { .. }
    ));
}

#[test]
fn a_meeting_changed_on_disk_is_not_deleted_until_reloaded() {
    let (_dir, mut app) = demo_sam();
    keys(&mut app, "2");
    let loaded = app.meetings()[0].clone();
    // Another mentorlog (or an editor) changes the file.
    let mut changed = loaded.value.clone();
    changed.notes.push_str(" Added elsewhere.");
    app.journal.store().save(&loaded, &changed).unwrap();
    keys(&mut app, "d y");
    let status = app.status.clone().unwrap();
    assert!(status.error, "{status:?}");
    assert!(
        status.text.contains("changed since it was read"),
        "{status:?}"
    );
    assert!(loaded.path.exists());
    assert_eq!(read_record::<Meeting>(&loaded.path).unwrap(), changed);
    // Ctrl-r reads the journal again; then d deletes it.
    keys(&mut app, "C-r");
    assert_eq!(app.meetings()[0].value, changed);
    keys(&mut app, "d y");
    assert!(!loaded.path.exists());
    keys(&mut app, "u");
    assert_eq!(read_record::<Meeting>(&loaded.path).unwrap(), changed);
}

#[test]
fn an_edit_merges_with_a_change_made_on_disk_meanwhile() {
    let (_dir, mut app) = demo_sam();
    keys(&mut app, "2 e");
    let loaded = app.meetings()[0].clone();
    let mut elsewhere = loaded.value.clone();
    elsewhere.notes = "Rewritten in another window.".into();
    app.journal.store().save(&loaded, &elsewhere).unwrap();
    tab_to(&mut app, "Focus");
    clear_field(&mut app);
    type_text(&mut app, "Feedback on marking");
    keys(&mut app, "C-s");
    assert!(app.overlays.is_empty(), "{:?}", app.overlays);
    let now: Meeting = read_record(&loaded.path).unwrap();
    assert_eq!(now.focus, "Feedback on marking");
    assert_eq!(
        now.notes, "Rewritten in another window.",
        "the other edit is kept"
    );
    assert_eq!(
        app.meetings()[0].value,
        now,
        "the app shows what is on disk"
    );
}

// ----- review mode, help -----

#[test]
fn review_mode_hides_the_private_meeting() {
    let (_dir, mut app) = demo_sam();
    keys(&mut app, "2");
    assert!(meeting_ids(&app).contains(&"sam005".to_string()));
    let private = app
        .meetings()
        .into_iter()
        .find(|m| m.value.id == "sam005")
        .unwrap()
        .value
        .clone();
    assert!(private.private);
    let s = screen(&app, 120, 40);
    assert!(s.contains(&private.focus), "{s}");
    assert!(s.contains("🔒"), "{s}");

    keys(&mut app, "R");
    assert!(app.review);
    assert!(!meeting_ids(&app).contains(&"sam005".to_string()));
    assert_eq!(app.meetings().len(), 13);
    let s = screen(&app, 120, 40);
    assert!(!s.contains(&private.focus), "{s}");
    assert!(!s.contains("🔒"), "{s}");
    assert!(s.contains("REVIEW MODE"), "{s}");

    keys(&mut app, "R");
    assert!(!app.review);
    assert_eq!(app.meetings().len(), 14);
    assert!(screen(&app, 120, 40).contains(&private.focus));
}

#[test]
fn review_mode_asked_for_at_start_cannot_be_turned_off_with_a_key() {
    let (_dir, mut app) = demo_sam();
    // As `mentorlog --review` starts it.
    app.app.review = true;
    app.app.review_fixed = true;
    keys(&mut app, "2");
    keys(&mut app, "R");
    assert!(
        app.review,
        "R turned off review mode asked for with --review"
    );
    assert!(!meeting_ids(&app).contains(&"sam005".to_string()));
    let s = screen(&app, 120, 40);
    assert!(s.contains("started with --review"), "{s}");
}

#[test]
fn help_lists_every_bound_action_and_esc_closes_it() {
    let (_dir, mut app) = demo();
    keys(&mut app, "?");
    assert!(matches!(app.overlays.last(), Some(Overlay::Help { .. })));
    let keymap = Keymap::default();
    // The help is longer than a screen (every popup's keys are in it too): read it page by
    // page, as a user scrolls.
    app.size = (120, 100);
    let mut s = String::new();
    loop {
        let page = screen(&app, 120, 100);
        if s.ends_with(&page) {
            break;
        }
        s.push_str(&page);
        keys(&mut app, "PgDn");
    }
    let mut checked = 0;
    for a in Action::ALL {
        if keymap.key_for(*a).is_some() {
            assert!(
                s.contains(a.description()),
                "help lacks {a}: {:?}\n{s}",
                a.description()
            );
            checked += 1;
        }
    }
    assert!(checked >= 50, "{checked}");
    for spot in [
        "quit mentorlog",
        "tick or untick the item (saved at once)",
        "review mode: hide private notes",
        "attach evidence: a meeting or text",
        "move the goal's status on",
    ] {
        assert!(s.contains(spot), "{spot}");
    }
    // The keys are shown beside them, popups' keys too.
    assert!(s.contains("q, C-c"), "{s}");
    assert!(s.contains("Space, x"), "{s}");
    assert!(s.contains("A question"), "{s}");
    assert!(s.contains("y, Y"), "{s}");
    assert!(s.contains("Forms: action items"), "{s}");
    keys(&mut app, "Esc");
    assert!(app.overlays.is_empty());
    keys(&mut app, "F1");
    assert!(matches!(app.overlays.last(), Some(Overlay::Help { .. })));
    keys(&mut app, "?");
    assert!(app.overlays.is_empty(), "? closes help too");
}

#[test]
fn help_scrolls_on_a_short_screen() {
    let (_dir, mut app) = demo();
    keys(&mut app, "?");
    let top = screen(&app, 80, 24);
    assert!(top.contains("mentorlog: a journal for mentoring"));
    keys(&mut app, &times("j", 5));
    let scrolled = screen(&app, 80, 24);
    assert!(!scrolled.contains("mentorlog: a journal for mentoring"));
    keys(&mut app, &times("k", 5));
    assert_eq!(screen(&app, 80, 24), top);
}

#[test]
fn help_scrolls_back_at_once_after_scrolling_past_the_end() {
    let (_dir, mut app) = demo();
    keys(&mut app, "?");
    keys(&mut app, &times("PgDn", 20));
    let bottom = screen(&app, 80, 24);
    keys(&mut app, "k");
    assert!(
        screen(&app, 80, 24) != bottom,
        "one k after reaching the end should scroll up one line"
    );
}

#[test]
fn the_meeting_view_does_not_scroll_its_text_away() {
    let (_dir, mut app) = demo_sam();
    keys(&mut app, "2 Enter");
    keys(&mut app, &times("Space", 5));
    let s = screen(&app, 80, 24);
    assert!(
        s.contains("Action items") || s.contains("Focus:"),
        "the meeting view scrolled its whole text away:\n{s}"
    );
}

#[test]
fn review_mode_keeps_the_selected_meeting() {
    let (_dir, mut app) = demo_sam();
    keys(&mut app, &format!("2 {}", times("j", 10)));
    let selected = app.meetings()[app.meeting_cursor].value.id.clone();
    assert_eq!(selected, "sam003");
    keys(&mut app, "R");
    assert_eq!(app.meetings()[app.meeting_cursor].value.id, selected);
}

#[test]
fn the_review_banner_does_not_hide_the_tabs() {
    let (_dir, mut app) = demo_sam();
    keys(&mut app, "2");
    for w in [80, 100] {
        let plain = rows(&terminal(&app, w, 24)).remove(0);
        keys(&mut app, "R");
        let top = rows(&terminal(&app, w, 24)).remove(0);
        keys(&mut app, "R");
        // Every tab stays (by its short name when the banner needs the room).
        for tab in Tab::ALL {
            if plain.contains(tab.title()) {
                assert!(
                    top.contains(tab.title()) || top.contains(tab.short()),
                    "{w}: {} hidden: {top:?}",
                    tab.title()
                );
            }
        }
        assert!(top.contains("REVIEW"), "{w}: {top:?}");
    }
}

#[test]
fn a_ticked_item_with_evidence_uses_the_whole_row() {
    let (_dir, mut app) = demo_sam();
    keys(&mut app, "4");
    let t = terminal(&app, 80, 24);
    let side = 20;
    let row = (0..24)
        .map(|y| cells_text(&t, y, side, 80))
        .find(|l| l.contains("[x] relate sensitively"))
        .unwrap();
    // An item without evidence, cut, ends at the border: "…┃" (the focused pane's); one with
    // evidence should end the same way, "… ·2┃", not "… ·2 ┃".
    assert!(row.ends_with("·2┃"), "{row:?}");
}

#[test]
fn the_checklist_filter_marker_is_shown_whole() {
    let (_dir, mut app) = demo_sam();
    keys(&mut app, "4 f");
    for w in [80, 100] {
        let header = rows(&terminal(&app, w, 24)).remove(2);
        assert!(header.contains("(not yet achieved)"), "{w}: {header:?}");
    }
}

// ======================================================================================
// 2. Snapshots: every pane and popup at 80x24 and 140x40, for Sam Lee in the demo
// ======================================================================================

const SIZES: [(u16, u16); 2] = [(80, 24), (140, 40)];

type Reach = Box<dyn Fn(&mut Tui)>;

fn screen_of(name: &'static str, reach: impl Fn(&mut Tui) + 'static) -> (&'static str, Reach) {
    (name, Box::new(reach))
}

/// The screens to snapshot: a name and how to reach it from the demo with Sam selected.
fn sam_screens() -> Vec<(&'static str, Reach)> {
    vec![
        screen_of("dashboard", |a| keys(a, "1")),
        screen_of("sidebar", |_| {}),
        screen_of("meetings", |a| keys(a, "2")),
        screen_of("meeting_view", |a| keys(a, "2 Enter")),
        screen_of("goals", |a| keys(a, "3")),
        screen_of("goals_overdue_selected", |a| keys(a, "3 j")),
        screen_of("checklists", |a| keys(a, "4 j j")),
        screen_of("help", |a| keys(a, "?")),
        screen_of("meeting_form", |a| keys(a, "2 n")),
        screen_of("meeting_form_errors", |a| {
            keys(a, "2 n");
            clear_field(a);
            type_text(a, "next tuesday");
            keys(a, "Tab");
            type_text(a, "25:99");
            keys(a, "C-s");
        }),
        screen_of("action_item_form", |a| {
            keys(a, "2 n");
            tab_to(a, "Action items");
            keys(a, "a");
        }),
        screen_of("goal_form", |a| keys(a, "3 n")),
        screen_of("partnership_form", |a| keys(a, "N")),
        screen_of("picker", |a| {
            keys(a, "2 n");
            tab_to(a, "Goals discussed");
            keys(a, "Enter Down Space");
        }),
        screen_of("picker_filtered", |a| {
            keys(a, "2 n");
            tab_to(a, "Evidences");
            keys(a, "Enter");
            type_text(a, "listen");
        }),
        screen_of("evidence_kind_picker", |a| keys(a, "4 j j a")),
        screen_of("confirm", |a| {
            keys(a, "2 n");
            tab_to(a, "Focus");
            type_text(a, "Questioning");
            keys(a, "Esc");
        }),
        screen_of("review_mode", |a| keys(a, "2 R")),
        screen_of("reflections", |a| keys(a, "5")),
        screen_of("agreement", |a| keys(a, "6")),
        screen_of("reflection_form", |a| keys(a, "5 n")),
        screen_of("agreement_form", |a| keys(a, "6 e")),
        screen_of("evaluation_form", |a| keys(a, "6 v")),
    ]
}

#[test]
fn snapshot_the_welcome_screen() {
    let (dir, app) = empty();
    let path = regex_escape(&data_dir(&dir).display().to_string());
    let filter = format!("{path} *");
    for (w, h) in SIZES {
        let t = terminal(&app, w, h);
        insta::with_settings!({filters => vec![(filter.as_str(), "[DATA]")]}, {
            insta::assert_snapshot!(format!("welcome_{w}x{h}"), t.backend());
        });
    }
}

#[test]
fn snapshot_every_pane_and_popup_for_sam_lee() {
    for (name, reach) in sam_screens() {
        for (w, h) in SIZES {
            let (_dir, mut app) = demo_sam();
            reach(&mut app);
            let t = terminal(&app, w, h);
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), t.backend());
        }
    }
}

// ======================================================================================
// 3. Every pane and popup at every size: no panic, and a message when too small
// ======================================================================================

const WIDTHS: [u16; 19] = [
    1, 2, 5, 10, 20, 39, 40, 59, 60, 61, 79, 80, 100, 109, 110, 111, 140, 200, 300,
];
const HEIGHTS: [u16; 15] = [1, 2, 3, 5, 8, 10, 15, 16, 17, 23, 24, 30, 40, 60, 100];

fn strip(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The screens of the sweep: the welcome, every screen of the snapshots, and the other
/// partnerships with the cursor on the last row of each list (scrolled).
fn sweep_apps(popups: bool) -> (Vec<TempDir>, Vec<(String, Tui)>) {
    let (welcome_dir, welcome) = empty();
    let (demo_dir, base) = demo();
    let store = base.journal.store().clone();
    let mut apps: Vec<(String, Tui)> = vec![("welcome".into(), welcome)];
    for (name, reach) in sam_screens() {
        let mut app = Tui::open(store.clone(), today(), false);
        keys(&mut app, "j j");
        reach(&mut app);
        apps.push((name.to_string(), app));
    }
    for seq in [
        "2 G",
        "3 G",
        "4 G",
        "2 G Enter",
        "1 G",
        "6 G",
        "2 G Enter G",
        "? G",
    ] {
        for who in ["", "j"] {
            let mut app = Tui::open(store.clone(), today(), false);
            keys(&mut app, who);
            keys(&mut app, seq);
            apps.push((format!("{who}/{seq}"), app));
        }
    }
    apps.retain(|(_, app)| app.overlays.is_empty() != popups);
    (vec![welcome_dir, demo_dir], apps)
}

/// Draw each app at every size. One terminal a size; its frame is drawn and read without
/// the flush to the backend (the same drawing code, a third of the time in a debug build).
fn sweep(apps: &[(String, Tui)]) {
    let message = "mentorlog needs a terminal of at least";
    let theme = Theme::default();
    let keymap = Keymap::default();
    let view = View {
        theme: &theme,
        keymap: &keymap,
    };
    for w in WIDTHS {
        for h in HEIGHTS {
            let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
            for (name, app) in apps {
                t.current_buffer_mut().reset();
                app.draw(&mut t.get_frame(), &view);
                let buf = t.current_buffer_mut();
                if w < ui::MIN_WIDTH || h < ui::MIN_HEIGHT {
                    let text = buffer_rows(buf).join("\n");
                    let shown = strip(&text);
                    let full = strip(&format!(
                        "{message} {}x{}; this one is {w}x{h}. Make the window larger, or press \
                         q to quit.",
                        ui::MIN_WIDTH,
                        ui::MIN_HEIGHT
                    ));
                    assert!(
                        full.starts_with(&shown),
                        "{name} at {w}x{h}: not the size message:\n{text}"
                    );
                    if w >= 20 && h >= 3 || w >= 10 && h >= 8 {
                        let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
                        assert!(words.contains(message), "{name} at {w}x{h}:\n{text}");
                    }
                } else {
                    let top = buffer_text(buf, 0, 0, w);
                    // The tab bar: full names, or short ones on a narrow screen.
                    assert!(
                        top.contains("Dashboard") || top.contains(" Dash "),
                        "{name} at {w}x{h}: {top:?}"
                    );
                    assert!(!top.contains("needs a terminal"), "{name} at {w}x{h}");
                }
            }
        }
    }
}

#[test]
fn every_pane_draws_at_every_size() {
    let (_dirs, apps) = sweep_apps(false);
    assert!(apps.len() >= 10, "{}", apps.len());
    sweep(&apps);
}

#[test]
fn every_popup_draws_at_every_size() {
    let (_dirs, apps) = sweep_apps(true);
    assert!(apps.len() >= 10, "{}", apps.len());
    sweep(&apps);
}

// ======================================================================================
// 4. Wide characters
// ======================================================================================

#[test]
fn wide_characters_in_a_name_and_a_focus_render_within_their_panes() {
    let (dir, mut app) = empty();
    let name = "李雷 🧑‍🏫";
    keys(&mut app, "n");
    type_text(&mut app, name);
    keys(&mut app, "C-s");
    assert!(app.overlays.is_empty(), "{:?}", app.overlays);
    let p = app.partner().unwrap();
    assert_eq!(p.name(), name);
    assert!(p.id().starts_with("p-"), "{}", p.id());
    assert!(data_dir(&dir).join("partnerships").join(p.id()).is_dir());

    let focus = "提问技巧：开放式问题与等待时间的练习和反思";
    keys(&mut app, "2 n");
    tab_to(&mut app, "Focus");
    clear_field(&mut app);
    type_text(&mut app, focus);
    keys(&mut app, "Tab");
    type_text(&mut app, "学生的回答更长了。質問 ✓ — «ok»");
    keys(&mut app, "C-s");
    assert!(app.overlays.is_empty(), "{:?}", app.overlays);
    assert_eq!(app.meetings()[0].value.focus, focus);

    for seq in ["1", "2", "2 Enter", "Esc 3", "4", "5", "6", "2 e", "Esc ?"] {
        keys(&mut app, seq);
        for (w, h) in [(80, 24), (60, 16), (61, 17), (140, 40)] {
            let t = terminal(&app, w, h);
            let lines = rows(&t);
            let side = (w / 4).clamp(18, 30) as usize;
            for (y, line) in lines.iter().enumerate() {
                assert_eq!(
                    unicode_width(line),
                    w as usize,
                    "row {y} at {w}x{h} after {seq:?} is not {w} wide: {line:?}"
                );
            }
            // The sidebar row holding the name: its borders intact, the name inside them.
            if !app.overlays.is_empty() {
                continue;
            }
            let buf = t.backend().buffer();
            let side = side as u16;
            let inside = |y: u16| cells_text(&t, y, 1, side - 1);
            let y = (0..h)
                .find(|&y| inside(y).contains("李雷"))
                .unwrap_or_else(|| panic!("the name is not in the sidebar:\n{}", lines.join("\n")));
            assert_eq!(y, 2, "the first row of the sidebar");
            assert_eq!(buf[(0, y)].symbol(), "│", "{:?}", lines[y as usize]);
            assert_eq!(buf[(side - 1, y)].symbol(), "│", "{:?}", lines[y as usize]);
            assert!(
                unicode_width(&inside(y)) <= side as usize - 2,
                "{:?}",
                inside(y)
            );
            assert!(
                inside(y).contains(name) || inside(y).contains('…'),
                "{:?}",
                inside(y)
            );
        }
    }
    // The focus is shown (cut with "…" where it does not fit) in the meetings table.
    keys(&mut app, "Esc 2");
    let s = screen(&app, 80, 24);
    assert!(s.contains("提问技巧"), "{s}");
}

#[test]
fn a_long_wide_name_is_cut_on_a_character_boundary_in_the_sidebar() {
    let (_dir, mut app) = empty();
    keys(&mut app, "n");
    type_text(&mut app, "李雷李雷李雷李雷李雷李雷 🧑‍🏫 老师");
    keys(&mut app, "C-s");
    for w in [60, 79, 80, 81, 100, 140] {
        let t = terminal(&app, w, 24);
        let side = (w / 4).clamp(18, 30);
        let buf = t.backend().buffer();
        let row = cells_text(&t, 2, 1, side - 1);
        assert!(row.contains('…'), "{w}: {row:?}");
        assert!(unicode_width(&row) <= side as usize - 2, "{w}: {row:?}");
        assert_eq!(buf[(side - 1, 2)].symbol(), "│", "{w}: {row:?}");
    }
}

#[test]
fn a_paste_goes_into_the_focused_field_and_the_picker_filter() {
    let (_dir, mut app) = demo_sam();
    keys(&mut app, "2 n");
    tab_to(&mut app, "Focus");
    app.paste("Pasted\nfocus");
    assert_eq!(top_form(&app).text("Focus"), "Pasted focus");
    keys(&mut app, "Tab");
    app.paste("line one\r\nline two");
    assert_eq!(top_form(&app).text("Notes"), "line one\nline two");
    tab_to(&mut app, "Goals discussed");
    keys(&mut app, "Enter");
    app.paste("data\nignored");
    assert_eq!(top_picker(&app).filter, "data");
    // Ctrl-e on a text field asks the loop for $EDITOR; the text comes back into the field.
    keys(&mut app, "Esc");
    tab_to(&mut app, "Notes");
    let effect = app.key(key("C-e"));
    assert_eq!(effect, Effect::EditText("line one\nline two".into()));
    app.editor_done(Ok("edited\n".into()));
    assert_eq!(top_form(&app).text("Notes"), "edited");
    assert_eq!(press(&mut app, KeyCode::Esc), Effect::None);
    assert!(matches!(app.overlays.last(), Some(Overlay::Confirm { .. })));
}

#[test]
fn fieldkind_picks_are_shown_by_label_in_the_form() {
    let (_dir, mut app) = demo_sam();
    keys(&mut app, "2 n");
    tab_to(&mut app, "Goals discussed");
    keys(&mut app, "Enter Space Enter");
    match &top_form(&app).fields[top_form(&app).focus].kind {
        FieldKind::Picks { chosen, .. } => assert_eq!(chosen, &["samg01"]),
        other => panic!("{other:?}"),
    }
    let s = screen(&app, 140, 40);
    assert!(
        s.contains("1: Use open questions to extend thinking"),
        "{s}"
    );
}
