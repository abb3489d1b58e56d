//! Deleted records stay recoverable after mentorlog quits: the trash in the data directory,
//! restored with `u` (once undo has nothing left) or `mentorlog trash restore`, emptied after
//! the days the journal keeps them; and a meeting that evidences ticks asks before it goes.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use chrono::NaiveDate;
use mentorlog::app::Overlay;
use mentorlog::journal::demo::{Size, write_demo};
use mentorlog::journal::{Audience, Journal};
use mentorlog::store::Store;
use mentorlog::store::trash::TRASH_DIR;
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

/// Priya's meeting that the demo's CUREE ticks cite, and those ticks' count of it.
fn cited_meeting(j: &Journal) -> (PathBuf, String, usize) {
    let r = j.reader(Audience::Owner);
    let p = r.partner("priya-shah").unwrap();
    let m = p
        .meetings()
        .into_iter()
        .find(|m| !p.ticks_evidenced_by(&m.value.id).is_empty())
        .expect("the demo has a meeting that evidences ticks");
    let n = p.ticks_evidenced_by(&m.value.id).len();
    (m.path.clone(), m.value.id.clone(), n)
}

fn trash_files(root: &Path) -> usize {
    fs::read_dir(root.join(TRASH_DIR)).map_or(0, |d| d.count())
}

#[test]
fn a_deleted_meeting_comes_back_after_a_restart_with_its_evidence_linked() {
    let (_d, root) = demo();
    let mut j = open(&root);
    let (path, id, cited) = cited_meeting(&j);
    let before = fs::read_to_string(&path).unwrap();
    j.delete("priya-shah", &path).unwrap();
    assert!(!path.exists());
    drop(j);

    // A new run: undo has nothing, the trash has the meeting.
    let mut j = open(&root);
    assert!(j.undo_label().is_none());
    let (entries, bad) = j.trash();
    assert!(bad.is_empty(), "{bad:?}");
    assert_eq!(entries.len(), 1);
    assert!(
        entries[0].label.contains("Deleted meeting"),
        "{}",
        entries[0].label
    );
    let o = j.restore_trash(None).unwrap();
    assert!(o.label.starts_with("Restored meeting"), "{}", o.label);
    assert_eq!(fs::read_to_string(&path).unwrap(), before);
    let r = j.reader(Audience::Owner);
    assert_eq!(
        r.partner("priya-shah")
            .unwrap()
            .ticks_evidenced_by(&id)
            .len(),
        cited,
        "the ticks count the meeting again"
    );
    // Nothing more to restore; the restore itself can be undone, and the trash keeps it.
    assert!(j.trash().0.is_empty());
    j.undo().unwrap();
    assert!(!path.exists());
    assert_eq!(j.trash().0.len(), 1);
}

#[test]
fn a_removed_partnership_comes_back_whole() {
    let (_d, root) = demo();
    let mut j = open(&root);
    let dir = root.join("partnerships/priya-shah");
    let files_before: Vec<_> = walk(&dir);
    j.remove_partnership("priya-shah").unwrap();
    assert!(!dir.exists());
    drop(j);

    let mut j = open(&root);
    let (entries, _) = j.trash();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].records.len(), files_before.len());
    j.restore_trash(Some(&entries[0].id[..8])).unwrap();
    assert_eq!(walk(&dir), files_before, "every file, as it was");
    assert!(j.reader(Audience::Owner).partner("priya-shah").is_some());
}

fn walk(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            let text = fs::read_to_string(&p).unwrap();
            out.push((p, text));
        }
    }
    out.sort();
    out
}

#[test]
fn a_meeting_cannot_come_back_into_a_partnership_that_is_gone() {
    let (_d, root) = demo();
    let mut j = open(&root);
    let (path, _, _) = cited_meeting(&j);
    j.delete("priya-shah", &path).unwrap();
    j.remove_partnership("priya-shah").unwrap();
    let (entries, _) = j.trash();
    assert_eq!(entries.len(), 2);
    let meeting = entries.iter().find(|e| e.records.len() == 1).unwrap();
    let e = j.restore_trash(Some(&meeting.id)).unwrap_err().to_string();
    assert!(e.contains("restore it first"), "{e}");
    assert!(!path.exists());
}

#[test]
fn the_trash_lets_go_after_the_days_set_and_of_what_is_back() {
    let (_d, root) = demo();
    let mut j = open(&root);
    let (path, _, _) = cited_meeting(&j);
    let goal = j
        .reader(Audience::Owner)
        .partner("priya-shah")
        .unwrap()
        .goals()[0]
        .path
        .clone();
    j.delete("priya-shah", &path).unwrap();
    j.delete("priya-shah", &goal).unwrap();
    // The goal's delete is undone in this run: its entry has nothing left to restore.
    j.undo().unwrap();
    assert_eq!(trash_files(&root), 2);
    j.set_trash_days(7).unwrap();
    drop(j);

    let j = open(&root);
    assert_eq!(j.trash_days(), 7);
    assert_eq!(
        trash_files(&root),
        1,
        "the undone delete's entry is cleared"
    );
    assert!(j.notices().is_empty(), "{:?}", j.notices());
    drop(j);

    // Eight days later (the entry says when it was deleted).
    let entry = fs::read_dir(root.join(TRASH_DIR))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let text = fs::read_to_string(&entry).unwrap();
    let eight_days_ago = (mentorlog::model::clock::now_utc() - chrono::Duration::days(8))
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let start = text.find("deleted: \"").unwrap() + "deleted: \"".len();
    let end = start + text[start..].find('"').unwrap();
    fs::write(
        &entry,
        format!("{}{eight_days_ago}{}", &text[..start], &text[end..]),
    )
    .unwrap();
    let j = open(&root);
    assert_eq!(trash_files(&root), 0);
    assert!(
        j.notices().iter().any(|n| n.contains("older than 7 days")),
        "{:?}",
        j.notices()
    );
}

#[test]
fn an_unreadable_trash_entry_is_named_and_kept() {
    let (_d, root) = demo();
    fs::create_dir_all(root.join(TRASH_DIR)).unwrap();
    let bad = root.join(TRASH_DIR).join("20261101T000000-00000000.ron");
    fs::write(&bad, "Entry(records: [(\"../../outside.ron\", \"x\")])").unwrap();
    let mut j = open(&root);
    let (entries, problems) = j.trash();
    assert!(entries.is_empty());
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(j.restore_trash(None).is_err());
    assert!(bad.exists(), "never removed for being unreadable");
}

fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

#[test]
fn the_screen_asks_before_deleting_evidence_and_u_restores_after_a_restart() {
    let (_d, root) = demo();
    let j = open(&root);
    let (path, _, cited) = cited_meeting(&j);
    drop(j);
    let mut t = Tui::open(Store::new(&root), today(), false);
    // Priya is the second partnership; to her meetings, then down to the cited one.
    for c in ['j', 'l', '2'] {
        t.key(key(c));
    }
    let rows: Vec<PathBuf> = t.meetings().iter().map(|m| m.path.clone()).collect();
    let at = rows.iter().position(|p| *p == path).unwrap();
    for _ in 0..at {
        t.key(key('j'));
    }
    t.key(key('d'));
    match t.overlays.last() {
        Some(Overlay::Confirm { message, .. }) => {
            assert!(
                message.contains(&format!("evidence of {cited} ticks")),
                "{message}"
            )
        }
        o => panic!("expected a confirmation, got {o:?}"),
    }
    t.key(key('n'));
    assert!(path.exists(), "no keeps it");
    t.key(key('d'));
    t.key(key('y'));
    assert!(!path.exists());
    drop(t);

    let mut t = Tui::open(Store::new(&root), today(), false);
    t.key(key('u'));
    assert!(path.exists(), "u after a restart brings the delete back");
    let said = &t.status.as_ref().unwrap().text;
    assert!(said.contains("from the trash"), "{said}");
}

fn ml(root: &Path) -> Command {
    let mut c = Command::new(BIN);
    c.arg("--data-dir")
        .arg(root)
        .env("MENTORLOG_TODAY", "2026-11-23")
        .env_remove("MENTORLOG_DIR");
    c
}

#[test]
fn the_trash_command_lists_restores_and_empties_with_a_yes() {
    let (_d, root) = demo();
    let mut j = open(&root);
    let (path, _, _) = cited_meeting(&j);
    j.delete("priya-shah", &path).unwrap();
    let goal = j
        .reader(Audience::Owner)
        .partner("sam-lee")
        .unwrap()
        .goals()[0]
        .path
        .clone();
    j.delete("sam-lee", &goal).unwrap();
    drop(j);

    let out = ml(&root)
        .arg("trash")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert_eq!(
        out.lines().filter(|l| l.contains("Deleted ")).count(),
        2,
        "{out}"
    );
    assert!(
        out.lines().next().unwrap().contains("Deleted goal"),
        "newest first: {out}"
    );

    ml(&root).args(["trash", "restore"]).assert().success();
    assert!(goal.exists());
    assert!(!path.exists());

    let e = ml(&root).args(["trash", "empty"]).assert().failure();
    let e = String::from_utf8(e.get_output().stderr.clone()).unwrap();
    assert!(e.contains("--yes"), "{e}");
    ml(&root)
        .args(["trash", "empty", "--yes"])
        .assert()
        .success();
    let out = ml(&root)
        .arg("trash")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(
        String::from_utf8(out)
            .unwrap()
            .contains("The trash is empty")
    );

    ml(&root).args(["trash", "keep", "3"]).assert().success();
    let journal = fs::read_to_string(root.join("journal.ron")).unwrap();
    assert!(journal.contains("trash_days: 3"), "{journal}");
}
