//! The journal core under the front ends: links between records are whole from whichever
//! side they are made (the full-screen journal and the command line alike), a deleted meeting
//! takes its links with it, and nothing is deleted or written through a link out of the
//! data directory.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use mentorlog::journal::demo::{Size, write_demo};
use mentorlog::model::{Meeting, TickSheet};
use mentorlog::store::{Store, read_record};
use mentorlog::tui::Tui;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tempfile::TempDir;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn key(t: &str) -> KeyEvent {
    let (code, mods) = match t {
        "Enter" => (KeyCode::Enter, KeyModifiers::NONE),
        "Esc" => (KeyCode::Esc, KeyModifiers::NONE),
        "Tab" => (KeyCode::Tab, KeyModifiers::NONE),
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

fn type_text(t: &mut Tui, text: &str) {
    for c in text.chars() {
        t.key(key(&c.to_string()));
    }
}

/// The small demo, with Alex Morgan (the first partnership) selected.
fn demo() -> (TempDir, Tui) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path().join("j"));
    write_demo(&store, Size::Small, today()).unwrap();
    (dir, Tui::open(store, today(), false))
}

fn pdir(dir: &TempDir, id: &str) -> PathBuf {
    dir.path().join("j/partnerships").join(id)
}

fn sheet(dir: &TempDir, id: &str) -> TickSheet {
    let path = pdir(dir, id).join("ticks/curee.ron");
    if path.exists() {
        read_record(&path).unwrap()
    } else {
        TickSheet::new("curee")
    }
}

fn meeting(dir: &TempDir, id: &str, mid: &str) -> Meeting {
    let folder = pdir(dir, id).join("meetings");
    let path = std::fs::read_dir(&folder)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| {
            p.file_name()
                .unwrap()
                .to_str()
                .unwrap()
                .ends_with(&format!("{mid}.ron"))
        })
        .unwrap_or_else(|| panic!("no meeting {mid} in {}", folder.display()));
    read_record(&path).unwrap()
}

const ITEM: &str = "mentor-model-expertise";

/// Tick the fourth row of Alex's CUREE checklist with the first meeting as its evidence.
fn tick_with_meeting(t: &mut Tui) {
    keys(t, "4 j j j a Enter Enter");
    assert!(t.overlays.is_empty(), "{:?}", t.overlays);
}

#[test]
fn unticking_in_the_full_screen_journal_takes_the_item_out_of_the_meeting_too() {
    let (dir, mut t) = demo();
    tick_with_meeting(&mut t);
    let address = format!("curee/{ITEM}");
    assert!(sheet(&dir, "alex-morgan").ticks.contains_key(ITEM));
    assert_eq!(
        meeting(&dir, "alex-morgan", "alx000").evidences,
        vec![address.clone()]
    );
    keys(&mut t, "Space");
    assert!(!sheet(&dir, "alex-morgan").ticks.contains_key(ITEM));
    assert!(
        !meeting(&dir, "alex-morgan", "alx000")
            .evidences
            .contains(&address),
        "the meeting still says it evidences an unticked item"
    );
    // One u brings both back.
    keys(&mut t, "u");
    assert!(sheet(&dir, "alex-morgan").ticks.contains_key(ITEM));
    assert_eq!(meeting(&dir, "alex-morgan", "alx000").evidences, [address]);
}

#[test]
fn evidence_chosen_in_the_meeting_form_ticks_the_item_with_the_meeting() {
    let (dir, mut t) = demo();
    assert!(!sheet(&dir, "alex-morgan").ticks.contains_key(ITEM));
    // Open Alex's first meeting, choose the item in its Evidences field, save.
    keys(&mut t, "2 e");
    for _ in 0..9 {
        keys(&mut t, "Tab");
    }
    keys(&mut t, "Enter");
    type_text(&mut t, ITEM);
    keys(&mut t, "Space Enter C-s");
    assert!(t.overlays.is_empty(), "{:?}", t.overlays);
    let tick = &sheet(&dir, "alex-morgan").ticks[ITEM];
    assert_eq!(
        tick.evidence.meetings,
        ["alx000"],
        "the checklist knows the meeting"
    );
    assert_eq!(tick.date, today());
    // The checklist on screen shows it ticked.
    keys(&mut t, "4");
    assert!(t.checklist_rows().iter().any(|r| matches!(
        r,
        mentorlog::app::checklist::Row::Item { item, tick: Some(_), .. } if item.id == ITEM
    )));
    // Taking it out of the meeting's evidence takes the meeting out of the tick's.
    keys(&mut t, "2 e");
    for _ in 0..9 {
        keys(&mut t, "Tab");
    }
    keys(&mut t, "Enter");
    type_text(&mut t, ITEM);
    keys(&mut t, "Space Enter C-s");
    let tick = &sheet(&dir, "alex-morgan").ticks[ITEM];
    assert!(tick.evidence.meetings.is_empty(), "{tick:?}");
}

#[test]
fn deleting_a_meeting_that_evidences_ticks_says_so_and_unlinks_them() {
    let (dir, mut t) = demo();
    tick_with_meeting(&mut t);
    keys(&mut t, "2");
    let path = t.meetings()[0].path.clone();
    assert!(path.ends_with("2026-11-09-alx000.ron") || path.exists());
    keys(&mut t, "d");
    let status = t.status.clone().unwrap();
    assert!(
        status.text.contains("evidenced 1 tick") && status.text.contains(ITEM),
        "{status:?}"
    );
    assert!(!path.exists());
    let tick = &sheet(&dir, "alex-morgan").ticks[ITEM];
    assert!(
        tick.evidence.meetings.is_empty(),
        "a deleted meeting still counts: {tick:?}"
    );
    keys(&mut t, "u");
    assert!(path.exists());
    assert_eq!(
        sheet(&dir, "alex-morgan").ticks[ITEM].evidence.meetings,
        ["alx000"]
    );
}

#[cfg(unix)]
#[test]
fn delete_never_reaches_through_a_link_out_of_the_data_directory() {
    let (dir, _) = demo();
    // Sam's folder is moved out and linked back in.
    let outside = dir.path().join("elsewhere");
    std::fs::rename(pdir(&dir, "sam-lee"), &outside).unwrap();
    std::os::unix::fs::symlink(&outside, pdir(&dir, "sam-lee")).unwrap();
    let count = |p: &Path| std::fs::read_dir(p.join("meetings")).unwrap().count();
    let before = count(&outside);
    let mut t = Tui::open(Store::new(dir.path().join("j")), today(), false);
    keys(&mut t, "j j 2 d");
    assert_eq!(
        count(&outside),
        before,
        "a file outside the journal was deleted"
    );
    let status = t.status.clone().unwrap();
    assert!(status.error, "{status:?}");
    assert!(
        status.text.contains("outside the data directory"),
        "{status:?}"
    );
}
