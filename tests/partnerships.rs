//! Partnerships are edited, ended and removed from the screen and the command line alike,
//! through the core: frameworks added after the start, an end that keeps everything, a remove
//! that asks first and goes to the trash.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use chrono::NaiveDate;
use mentorlog::app::{Overlay, Pane};
use mentorlog::journal::demo::{Size, write_demo};
use mentorlog::journal::{Audience, Journal};
use mentorlog::model::PartnershipStatus;
use mentorlog::store::Store;
use mentorlog::tui::Tui;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tempfile::TempDir;

const BIN: &str = env!("CARGO_BIN_EXE_mentorlog");

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn demo() -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("j");
    write_demo(&Store::new(&root), Size::Small, today()).unwrap();
    (dir, root)
}

fn open(root: &Path) -> Journal {
    Journal::open(Store::new(root), today())
}

fn partnership(j: &Journal, id: &str) -> mentorlog::model::Partnership {
    j.reader(Audience::Owner)
        .partner(id)
        .unwrap()
        .partnership()
        .clone()
}

#[test]
fn a_partnership_is_edited_in_place_with_a_framework_added_later() {
    let (_d, root) = demo();
    let mut j = open(&root);
    let base = partnership(&j, "sam-lee");
    assert!(!base.frameworks.contains(&"tla".to_string()));
    let mut new = base.clone();
    new.name = "  Sam Lee-Jones ".into();
    new.cadence_days = 7;
    new.frameworks.push("tla".into());
    new.frameworks.push("tla".into());
    j.edit_partnership("sam-lee", &base, new).unwrap();
    let now = partnership(&j, "sam-lee");
    assert_eq!(now.id, "sam-lee", "the id, and so the folder, stay");
    assert_eq!(now.name, "Sam Lee-Jones");
    assert_eq!(now.cadence_days, 7);
    assert_eq!(now.frameworks.iter().filter(|f| *f == "tla").count(), 1);
    let r = j.reader(Audience::Owner);
    let fws: Vec<String> = r
        .partner("sam-lee")
        .unwrap()
        .frameworks()
        .iter()
        .map(|f| f.id.clone())
        .collect();
    assert!(fws.contains(&"tla".to_string()), "{fws:?}");
    j.undo().unwrap();
    assert_eq!(partnership(&j, "sam-lee"), base);
}

#[test]
fn an_edit_that_makes_no_sense_is_refused_with_what_to_do() {
    let (_d, root) = demo();
    let mut j = open(&root);
    let base = partnership(&j, "sam-lee");
    let refused = |j: &mut Journal, f: &dyn Fn(&mut mentorlog::model::Partnership)| {
        let mut new = base.clone();
        f(&mut new);
        j.edit_partnership("sam-lee", &base, new)
            .unwrap_err()
            .to_string()
    };
    assert!(refused(&mut j, &|p| p.name = " ".into()).contains("partner's name"));
    assert!(refused(&mut j, &|p| p.frameworks = vec!["nope".into()]).contains("known frameworks"));
    assert!(refused(&mut j, &|p| p.frameworks.clear()).contains("at least one framework"));
    assert!(refused(&mut j, &|p| p.cadence_days = 0).contains("at least 1 day"));
    assert!(
        refused(&mut j, &|p| p.end = NaiveDate::from_ymd_opt(2000, 1, 1)).contains("before it")
    );
    assert_eq!(partnership(&j, "sam-lee"), base, "nothing was written");
}

#[test]
fn dropping_a_framework_keeps_its_ticks_and_says_so() {
    let (_d, root) = demo();
    let mut j = open(&root);
    let base = partnership(&j, "sam-lee");
    let mut new = base.clone();
    new.frameworks.retain(|f| f != "curee");
    let o = j.edit_partnership("sam-lee", &base, new).unwrap();
    assert!(
        o.warnings
            .iter()
            .any(|w| w.contains("ticks of curee are kept")),
        "{:?}",
        o.warnings
    );
    assert!(root.join("partnerships/sam-lee/ticks/curee.ron").exists());
}

#[test]
fn an_ended_partnership_keeps_everything_and_has_no_meeting_due() {
    let (_d, root) = demo();
    let mut j = open(&root);
    let late = NaiveDate::from_ymd_opt(2027, 6, 1).unwrap();
    j.set_today(late);
    assert!(
        j.reader(Audience::Owner)
            .partner("sam-lee")
            .unwrap()
            .meeting_overdue(late)
    );
    let meetings = j
        .reader(Audience::Owner)
        .partner("sam-lee")
        .unwrap()
        .meetings()
        .len();
    j.end_partnership("sam-lee", today()).unwrap();
    let r = j.reader(Audience::Owner);
    let p = r.partner("sam-lee").unwrap();
    assert_eq!(p.partnership().status, PartnershipStatus::Closed);
    assert_eq!(p.partnership().end, Some(today()));
    assert_eq!(p.meetings().len(), meetings);
    assert!(!p.meeting_overdue(late));
    assert!(!p.report(late).gaps.overdue);
    let before_start = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap();
    assert!(j.end_partnership("sam-lee", before_start).is_err());
}

fn key(c: &str) -> KeyEvent {
    match c {
        "Enter" => KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE),
        "Tab" => KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE),
        "Down" => KeyEvent::new(KeyCode::Down, KeyModifiers::NONE),
        "Space" => KeyEvent::new(KeyCode::Char(' '), KeyModifiers::NONE),
        "C-s" => KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL),
        c => KeyEvent::new(KeyCode::Char(c.chars().next().unwrap()), KeyModifiers::NONE),
    }
}

fn keys(t: &mut Tui, seq: &str) {
    for k in seq.split_whitespace() {
        t.key(key(k));
    }
}

#[test]
fn the_list_edits_a_partnership_adds_a_framework_and_removes_one_after_a_yes() {
    let (_d, root) = demo();
    let mut t = Tui::open(Store::new(&root), today(), false);
    keys(&mut t, "j j");
    assert_eq!(t.pane, Pane::Sidebar);
    assert_eq!(t.partner().unwrap().id(), "sam-lee");
    keys(&mut t, "e");
    let Some(Overlay::Form(f)) = t.overlays.last() else {
        panic!(
            "e in the list edits the partnership: {:?}",
            t.overlays.last()
        );
    };
    let at = f
        .fields
        .iter()
        .position(|f| f.label == "Frameworks")
        .expect("the form chooses frameworks");
    for _ in 0..at {
        keys(&mut t, "Tab");
    }
    // The picker lists every framework in the journal's order: find tla's row.
    keys(&mut t, "Enter");
    let Some(Overlay::Picker(p)) = t.overlays.last() else {
        panic!("Enter opens the framework picker: {:?}", t.overlays.last());
    };
    let row = p
        .options
        .iter()
        .position(|(id, _)| id == "tla")
        .expect("tla is offered");
    for _ in 0..row {
        keys(&mut t, "Down");
    }
    keys(&mut t, "Space Enter C-s");
    assert!(t.overlays.is_empty(), "saved: {:?}", t.overlays.last());
    let on_disk = fs::read_to_string(root.join("partnerships/sam-lee/partnership.ron")).unwrap();
    assert!(on_disk.contains("\"tla\""), "{on_disk}");

    keys(&mut t, "d");
    match t.overlays.last() {
        Some(Overlay::Confirm { message, .. }) => {
            assert!(
                message.contains("Sam Lee") && message.contains("trash"),
                "{message}"
            )
        }
        o => panic!("d in the list asks first: {o:?}"),
    }
    keys(&mut t, "n");
    assert!(root.join("partnerships/sam-lee").exists());
    keys(&mut t, "d y");
    assert!(!root.join("partnerships/sam-lee").exists());
    keys(&mut t, "u");
    assert!(root.join("partnerships/sam-lee/partnership.ron").exists());
}

fn ml(root: &Path) -> Command {
    let mut c = Command::new(BIN);
    c.arg("--data-dir")
        .arg(root)
        .env("MENTORLOG_TODAY", "2026-11-23")
        .env_remove("MENTORLOG_DIR");
    c
}

fn out(c: &mut Command) -> String {
    String::from_utf8(c.assert().success().get_output().stdout.clone()).unwrap()
}

fn err(c: &mut Command) -> String {
    String::from_utf8(c.assert().failure().get_output().stderr.clone()).unwrap()
}

#[test]
fn the_command_line_edits_ends_and_removes_with_a_yes() {
    let (_d, root) = demo();
    let said = out(ml(&root).args([
        "partner",
        "edit",
        "sam",
        "--cadence",
        "7",
        "--framework",
        "tla",
        "--focus",
        "Behaviour",
    ]));
    assert!(
        said.contains("every 7 days") && said.contains("tla"),
        "{said}"
    );
    let file = root.join("partnerships/sam-lee/partnership.ron");
    let text = fs::read_to_string(&file).unwrap();
    assert!(
        text.contains("cadence_days: 7") && text.contains("Behaviour"),
        "{text}"
    );
    assert!(
        err(ml(&root).args(["partner", "edit", "sam", "--framework", "nope"]))
            .contains("known frameworks")
    );
    assert!(
        err(ml(&root).args(["partner", "edit", "sam", "--drop-framework", "mcf"]))
            .contains("does not use")
    );

    out(ml(&root).args(["partner", "end", "sam", "--date", "2026-11-20"]));
    let text = fs::read_to_string(&file).unwrap();
    assert!(
        text.contains("Closed") && text.contains("2026-11-20"),
        "{text}"
    );
    let status = out(ml(&root).args(["status", "--with", "sam"]));
    assert!(status.contains("ended 2026-11-20"), "{status}");

    // No terminal to ask at: a yes is needed, and nothing is removed without it.
    let e = err(ml(&root).args(["partner", "remove", "sam"]));
    assert!(e.contains("--yes"), "{e}");
    assert!(file.exists());
    out(ml(&root).args(["partner", "remove", "sam", "--yes"]));
    assert!(!file.exists());
    out(ml(&root).args(["trash", "restore"]));
    assert!(file.exists());
}
