//! People in a journal: members with roles and keys (`member add/list/remove`), and who made
//! and last changed every record, said in "changed elsewhere".

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use chrono::NaiveDate;
use mentorlog::journal::demo::{Size, write_demo};
use mentorlog::journal::{Audience, Journal, Save};
use mentorlog::model::Goal;
use mentorlog::store::{Store, read_record};
use mentorlog::tui::Tui;
use tempfile::TempDir;

const BIN: &str = env!("CARGO_BIN_EXE_mentorlog");
const KEY: &str =
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJMHVLOvRi7aFJb4rByPTH4WwtEwlUXDAar+eq5L5B5r sam@school";

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn demo() -> (TempDir, PathBuf) {
    let t = tempfile::tempdir().unwrap();
    let root = t.path().join("j");
    write_demo(&Store::new(root.clone()), Size::Small, today()).unwrap();
    (t, root)
}

fn ml(root: &Path) -> Command {
    let mut c = Command::new(BIN);
    c.arg("--data-dir")
        .arg(root)
        .env("MENTORLOG_TODAY", "2026-11-23");
    c
}

fn out(c: &mut Command) -> String {
    String::from_utf8(c.assert().success().get_output().stdout.clone()).unwrap()
}

fn err(c: &mut Command) -> String {
    String::from_utf8(c.assert().failure().get_output().stderr.clone()).unwrap()
}

#[test]
fn members_are_added_with_role_partnership_and_key_listed_and_removed() {
    let (t, root) = demo();
    let key = t.path().join("sam.pub");
    std::fs::write(&key, format!("{KEY}\n")).unwrap();
    // The demo knows Sam Lee (the mentee of its main partnership); add Priya Shah.
    let said = out(ml(&root)
        .args(["member", "add", "Priya Shah", "--role", "mentee"])
        .args(["--partnership", "priya", "--key"])
        .arg(&key));
    assert!(said.contains("Priya Shah (mentee)"), "{said}");
    let list = out(ml(&root).args(["member", "list"]));
    let lines: Vec<&str> = list.lines().collect();
    assert!(
        lines[0].starts_with("jo-taylor  Jo Taylor (mentor, keeps this journal)"),
        "{list}"
    );
    assert!(
        lines[1].contains("Sam Lee (mentee) · in sam-lee · no key yet"),
        "{list}"
    );
    assert!(
        lines[2].contains("Priya Shah (mentee) · in priya-shah · 1 key"),
        "{list}"
    );
    let v: serde_json::Value =
        serde_json::from_str(&out(ml(&root).args(["member", "list", "--json"]))).unwrap();
    assert_eq!(v["members"][2]["partnerships"][0], "priya-shah");
    assert_eq!(v["members"][2]["keys"], 1);
    // Bad input says what to do, and changes nothing.
    assert!(
        err(ml(&root).args(["member", "add", "Sam Lee", "--role", "mentee"]))
            .contains("already in the journal")
    );
    assert!(
        err(ml(&root).args(["member", "add", "Pat", "--role", "boss"])).contains("coordinator")
    );
    assert!(
        err(ml(&root).args([
            "member",
            "add",
            "Pat",
            "--role",
            "coordinator",
            "--partnership",
            "nobody"
        ]))
        .contains("nobody")
    );
    let private = t.path().join("id_ed25519");
    std::fs::write(
        &private,
        "-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n-----END OPENSSH PRIVATE KEY-----\n",
    )
    .unwrap();
    assert!(
        err(ml(&root)
            .args(["member", "add", "Pat", "--role", "coordinator", "--key"])
            .arg(&private))
        .contains("private key")
    );
    assert!(err(ml(&root).args(["member", "remove", "jo"])).contains("keeps this journal"));
    assert!(err(ml(&root).args(["member", "remove", "sam"])).contains("--yes"));
    out(ml(&root).args(["member", "remove", "sam", "--yes"]));
    let list = out(ml(&root).args(["member", "list"]));
    assert!(!list.lines().any(|l| l.starts_with("sam-lee")), "{list}");
}

fn first_goal(j: &Journal) -> (PathBuf, Goal) {
    let r = j.reader(Audience::Owner);
    let g = r.partner("sam-lee").unwrap().goals()[0];
    (g.path.clone(), g.value.clone())
}

#[test]
fn every_record_says_who_made_it_and_who_changed_it_last() {
    let (_t, root) = demo();
    let mut owner = Journal::open(Store::new(root.clone()), today());
    // Sam writes a goal; the owner then edits it.
    let mut sam = Journal::open(Store::new(root.clone()), today());
    sam.act_as("sam").unwrap();
    let mut g = first_goal(&sam).1;
    g.id = "samnew".into();
    g.objective = "Sam's own goal".into();
    let path = sam
        .save_goal("sam-lee", Save::new(g))
        .unwrap()
        .record
        .unwrap();
    let saved: Goal = read_record(&path).unwrap();
    assert_eq!(saved.by.created.as_deref(), Some("sam-lee"));
    assert_eq!(saved.by.changed.as_deref(), Some("sam-lee"));
    owner.reload();
    let mut edit = saved.clone();
    edit.barriers = "Timetable".into();
    owner
        .save_goal("sam-lee", Save::edit(path.clone(), saved, edit))
        .unwrap();
    let now: Goal = read_record(&path).unwrap();
    assert_eq!(
        now.by.created.as_deref(),
        Some("sam-lee"),
        "the maker stays"
    );
    assert_eq!(now.by.changed.as_deref(), Some("jo-taylor"));
    // A record from before members existed: the owner made it.
    let (old_path, old) = first_goal(&owner);
    assert!(old.by.is_empty());
    let mut e = old.clone();
    sam.reload();
    e.success_measures = "Pupils explain".into();
    sam.save_goal("sam-lee", Save::edit(old_path.clone(), old, e))
        .unwrap();
    let now: Goal = read_record(&old_path).unwrap();
    assert_eq!(now.by.created.as_deref(), Some("jo-taylor"));
    assert_eq!(now.by.changed.as_deref(), Some("sam-lee"));
}

#[test]
fn two_people_editing_different_fields_merge_without_a_conflict_over_who() {
    let (_t, root) = demo();
    let mut owner = Journal::open(Store::new(root.clone()), today());
    let mut sam = Journal::open(Store::new(root.clone()), today());
    sam.act_as("Sam Lee").unwrap();
    let (path, base) = first_goal(&owner);
    let mut a = base.clone();
    a.barriers = "From the mentor".into();
    let mut b = base.clone();
    b.success_measures = "From the mentee".into();
    owner
        .save_goal("sam-lee", Save::edit(path.clone(), base.clone(), a))
        .unwrap();
    let o = sam
        .save_goal("sam-lee", Save::edit(path.clone(), base, b))
        .unwrap();
    assert!(o.conflict_notes().is_empty(), "{:?}", o.conflict_notes());
    let now: Goal = read_record(&path).unwrap();
    assert_eq!(now.barriers, "From the mentor");
    assert_eq!(now.success_measures, "From the mentee");
    assert_eq!(now.by.changed.as_deref(), Some("sam-lee"));
}

#[test]
fn changed_elsewhere_says_who_changed_it() {
    let (_t, root) = demo();
    let mut screen = Tui::open(Store::new(root.clone()), today(), false);
    let mut sam = Journal::open(Store::new(root.clone()), today());
    sam.act_as("sam").unwrap();
    let (path, base) = first_goal(&sam);
    let mut e = base.clone();
    e.barriers = "Written by Sam".into();
    sam.save_goal("sam-lee", Save::edit(path.clone(), base, e))
        .unwrap();
    screen.external_change(&[path]);
    let said = screen
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    assert!(said.contains("1 goal edited by Sam Lee"), "{said}");
}
