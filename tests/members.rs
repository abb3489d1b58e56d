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
    e.success_measures = "Pupils explain".into();
    owner
        .save_goal("sam-lee", Save::edit(old_path.clone(), old, e))
        .unwrap();
    let now: Goal = read_record(&old_path).unwrap();
    assert_eq!(now.by.created.as_deref(), Some("jo-taylor"));
    assert_eq!(now.by.changed.as_deref(), Some("jo-taylor"));
}

/// Sam's own goal, written in a session acting as Sam.
fn sams_goal(sam: &mut Journal) -> (PathBuf, Goal) {
    let mut g = first_goal(sam).1;
    g.id = "samnew".into();
    g.objective = "Sam's own goal".into();
    g.by = Default::default();
    let path = sam
        .save_goal("sam-lee", Save::new(g))
        .unwrap()
        .record
        .unwrap();
    (path.clone(), read_record(&path).unwrap())
}

#[test]
fn two_people_editing_different_fields_merge_without_a_conflict_over_who() {
    let (_t, root) = demo();
    let mut owner = Journal::open(Store::new(root.clone()), today());
    let mut sam = Journal::open(Store::new(root.clone()), today());
    sam.act_as("Sam Lee").unwrap();
    let (path, base) = sams_goal(&mut sam);
    owner.reload();
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
    let (path, _) = sams_goal(&mut sam);
    screen.external_change(&[path]);
    let said = screen
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    assert!(said.contains("1 goal added by Sam Lee"), "{said}");
}

fn ctrl(c: char) -> ratatui::crossterm::event::KeyEvent {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

fn press(t: &mut Tui, keys: &str) {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    for k in keys.split_whitespace() {
        let c = k.chars().next().unwrap();
        let m = if c.is_uppercase() {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        t.key(KeyEvent::new(KeyCode::Char(c), m));
    }
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
fn a_session_as_a_member_sees_only_their_partnership_and_never_anothers_private_notes() {
    let (_t, root) = demo();
    let owner = Journal::open(Store::new(root.clone()), today());
    let all = owner.reader(Audience::Owner);
    let private = "feeling overwhelmed by marking";
    let owner_meetings = all.partner("sam-lee").unwrap().meetings().len();
    assert!(
        all.partner("sam-lee")
            .unwrap()
            .meetings()
            .iter()
            .any(|m| m.value.notes.contains(private))
    );
    drop(owner);

    let mut t = Tui::open(Store::new(root.clone()), today(), false);
    t.lock_to_member("sam").unwrap();
    let r = t.reader();
    let ids: Vec<&str> = r.partnerships().iter().map(|p| p.id()).collect();
    assert_eq!(ids, ["sam-lee"], "only Sam's own partnership");
    assert_eq!(r.len(), 1);
    let meetings = r.partner("sam-lee").unwrap().meetings();
    assert_eq!(
        meetings.len(),
        owner_meetings - 1,
        "the mentor's private meeting is not there"
    );
    assert!(!meetings.iter().any(|m| m.value.notes.contains(private)));
    let hits = r.search_index(None).query("overwhelmed by marking", 50);
    assert!(
        hits.iter().all(|h| !h.snippet.contains("overwhelmed")),
        "found in a member's search"
    );
    // The owner's search finds it (so the check above can fail).
    let owner = Journal::open(Store::new(root.clone()), today());
    let owner_hits = owner
        .reader(Audience::Owner)
        .search_index(None)
        .query("overwhelmed by marking", 50);
    assert!(owner_hits.iter().any(|h| h.snippet.contains("overwhelmed")));
    assert!(
        hits.iter().all(|h| !h.title.contains("overwhelmed")),
        "{:?}",
        hits.len()
    );
    // R changes nothing; the banner names Sam; no editor, no shell.
    press(&mut t, "R");
    assert_eq!(t.meetings().len(), owner_meetings - 1);
    press(&mut t, "2");
    let s = screen(&t, 80, 24);
    assert!(s.lines().next().unwrap().contains("Sam"), "{s}");
    assert!(!s.contains(private));
    assert_eq!(t.key(ctrl('z')), mentorlog::app::Effect::None);
    press(&mut t, "n");
    assert_eq!(t.key(ctrl('e')), mentorlog::app::Effect::None);
    assert!(
        t.status.as_ref().unwrap().text.contains("not available"),
        "{:?}",
        t.status
    );
}

#[test]
fn a_members_private_reflection_is_theirs_alone() {
    let (_t, root) = demo();
    let mut sam = Journal::open(Store::new(root.clone()), today());
    sam.act_as("sam").unwrap();
    let (audience, _) = sam.audience_of("sam").unwrap();
    let mut rf = mentorlog::model::Reflection {
        version: 1,
        id: "samref".into(),
        date: today(),
        author: mentorlog::model::Role::Mentee,
        prompt: None,
        text: "Only for me: I nearly gave up in October.".into(),
        attachment: None,
        private: true,
        by: Default::default(),
    };
    rf.private = true;
    sam.save_reflection("sam-lee", Save::new(rf)).unwrap();
    let mine = |j: &Journal, a: Audience| {
        j.reader(a)
            .partner("sam-lee")
            .unwrap()
            .reflections()
            .iter()
            .any(|r| r.value.id == "samref")
    };
    assert!(mine(&sam, audience), "Sam sees it");
    let owner = Journal::open(Store::new(root.clone()), today());
    assert!(!mine(&owner, Audience::Owner), "the mentor does not");
    assert!(!mine(&owner, Audience::Review));
}

#[test]
fn a_member_changes_only_what_they_wrote_but_marks_their_action_items_done() {
    let (_t, root) = demo();
    let mut sam = Journal::open(Store::new(root.clone()), today());
    sam.act_as("sam").unwrap();
    let (audience, _) = sam.audience_of("sam").unwrap();
    let meeting = sam.reader(audience).partner("sam-lee").unwrap().meetings()[0]
        .path
        .clone();
    let err = sam.delete("sam-lee", &meeting).unwrap_err().to_string();
    assert!(err.contains("Jo Taylor's"), "{err}");
    assert!(meeting.exists());
    let (goal_path, goal) = first_goal(&sam);
    let mut e = goal.clone();
    e.objective = "Changed by the mentee".into();
    assert!(
        sam.save_goal("sam-lee", Save::edit(goal_path.clone(), goal, e))
            .is_err()
    );
    assert_ne!(
        read_record::<Goal>(&goal_path).unwrap().objective,
        "Changed by the mentee"
    );
    // Their own action item, agreed in the mentor's meeting, they mark done.
    let r = sam.reader(audience);
    let (m, a) = r.partner("sam-lee").unwrap().action_items()[0];
    let (path, id) = (m.path.clone(), a.id.clone());
    sam.set_action_done("sam-lee", &path, &id, true).unwrap();
    let saved: mentorlog::model::Meeting = read_record(&path).unwrap();
    assert!(saved.action_items.iter().any(|x| x.id == id && x.done));
    assert_eq!(saved.by.changed.as_deref(), Some("sam-lee"));
    // The trash is the owner's.
    assert!(sam.restore_trash(None).is_err());
}

#[test]
fn after_a_restart_the_conflicts_popup_still_knows_which_version_is_yours() {
    use mentorlog::journal::Side;
    let (_t, root) = demo();
    let mut sam = Journal::open(Store::new(root.clone()), today());
    sam.act_as("sam").unwrap();
    let (path, base) = sams_goal(&mut sam);
    let mut owner = Journal::open(Store::new(root.clone()), today());
    let mut mine = base.clone();
    mine.objective = "The mentor's wording".into();
    owner
        .save_goal("sam-lee", Save::edit(path.clone(), base.clone(), mine))
        .unwrap();
    let mut theirs = base.clone();
    theirs.objective = "Sam's wording".into();
    sam.save_goal("sam-lee", Save::edit(path.clone(), base, theirs))
        .unwrap();
    drop((owner, sam));
    // New runs, which remember nothing of what they wrote.
    let owner = Journal::open(Store::new(root.clone()), today());
    let c = owner.reader(Audience::Owner).conflicts();
    assert_eq!(c.len(), 1);
    assert_eq!(
        c[0].yours,
        Some(Side::Copy),
        "the mentor's edit is the copy"
    );
    let mut sam = Journal::open(Store::new(root.clone()), today());
    sam.act_as("sam").unwrap();
    let (audience, _) = sam.audience_of("sam").unwrap();
    let c = sam.reader(audience).conflicts();
    assert_eq!(c.len(), 1);
    assert_eq!(
        c[0].yours,
        Some(Side::Record),
        "Sam's edit is in the record"
    );
}

#[test]
fn a_members_name_keeps_no_escape_sequence() {
    let (_t, root) = demo();
    let mut owner = Journal::open(Store::new(root.clone()), today());
    owner
        .add_member(
            "Pat\u{1b}]0;owned\u{7} Kaur\u{1b}[2J",
            mentorlog::model::Role::Coach,
            &[],
            &[],
        )
        .unwrap();
    let people = owner.people();
    let pat = people.iter().find(|p| p.name.starts_with("Pat")).unwrap();
    assert_eq!(pat.name, "Pat Kaur");
    assert_eq!(pat.id, "pat-kaur");
}

#[test]
fn a_member_writes_only_in_their_own_partnership() {
    let (_t, root) = demo();
    let mut sam = Journal::open(Store::new(root.clone()), today());
    sam.act_as("sam").unwrap();
    let other = sam.reader(Audience::Owner).partnerships()[0]
        .partnership()
        .clone();
    assert_ne!(other.id, "sam-lee");
    // No new partnership...
    let mut p = other.clone();
    p.id = String::new();
    p.name = "Someone New".into();
    let err = sam.add_partnership(p).unwrap_err().to_string();
    assert!(err.contains("only in their own partnership"), "{err}");
    // ...and nothing written in another mentee's.
    let rf = mentorlog::model::Reflection {
        version: 1,
        id: "x1".into(),
        date: today(),
        author: mentorlog::model::Role::Mentee,
        prompt: None,
        text: "Written where Sam does not belong".into(),
        attachment: None,
        private: false,
        by: Default::default(),
    };
    let err = sam
        .save_reflection(&other.id, Save::new(rf.clone()))
        .unwrap_err()
        .to_string();
    assert!(err.contains("only in their own partnership"), "{err}");
    // In their own, they write.
    sam.save_reflection("sam-lee", Save::new(rf)).unwrap();
    let owner = Journal::open(Store::new(root), today());
    assert!(
        owner
            .reader(Audience::Owner)
            .partner(&other.id)
            .unwrap()
            .reflections()
            .iter()
            .all(|r| r.value.text != "Written where Sam does not belong")
    );
}
