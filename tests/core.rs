//! The journal core under the front ends: links between records are whole from whichever
//! side they are made (the full-screen journal and the command line alike), a deleted meeting
//! takes its links with it, and nothing is deleted or written through a link out of the
//! data directory.

#[path = "common/issuer.rs"]
mod issuer;

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
    assert!(path.exists(), "a meeting that is evidence asks first");
    keys(&mut t, "y");
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
    let (dir, mut t) = demo();
    keys(&mut t, "j j 2");
    assert_eq!(t.partner().unwrap().id(), "sam-lee");
    // Once the journal is open, Sam's folder is moved out and linked back in.
    let outside = dir.path().join("elsewhere");
    std::fs::rename(pdir(&dir, "sam-lee"), &outside).unwrap();
    std::os::unix::fs::symlink(&outside, pdir(&dir, "sam-lee")).unwrap();
    let count = |p: &Path| std::fs::read_dir(p.join("meetings")).unwrap().count();
    let before = count(&outside);
    keys(&mut t, "d y");
    assert_eq!(
        count(&outside),
        before,
        "a file outside the journal was deleted"
    );
    let status = t.status.clone().unwrap();
    assert!(status.error, "{status:?}");
    assert!(
        status.text.contains("out of the data directory"),
        "{status:?}"
    );
    // Read afresh, the linked-out folder is reported, not read.
    let j = Journal::open(Store::new(dir.path().join("j")), today());
    assert!(
        j.problems()
            .iter()
            .any(|p| p.contains("out of the data directory")),
        "{:?}",
        j.problems()
    );
    assert!(j.reader(Audience::Owner).partner("sam-lee").is_none());
}

// ----- two people at once -----

use mentorlog::journal::{Audience, Journal, Resolution, Save};

/// Two people (two journal cores on one data directory) edit the objective of Sam's first
/// goal at once: the second save keeps the first's version in a conflict copy.
fn conflicted(dir: &TempDir) -> (Journal, Journal, PathBuf) {
    let store = Store::new(dir.path().join("j"));
    let mut mentee = Journal::open(store.clone(), today());
    let mut mentor = Journal::open(store, today());
    let goal = |j: &Journal| {
        j.reader(Audience::Owner)
            .partner("sam-lee")
            .unwrap()
            .goals()[0]
            .clone()
    };
    let (a, b) = (goal(&mentee), goal(&mentor));
    let mut first = a.value.clone();
    first.objective = "The mentee's objective".into();
    let mut second = b.value.clone();
    second.objective = "The mentor's objective".into();
    mentee
        .save_goal("sam-lee", Save::edit(a.path.clone(), a.value, first))
        .unwrap();
    let o = mentor
        .save_goal("sam-lee", Save::edit(b.path.clone(), b.value, second))
        .unwrap();
    assert_eq!(o.merges[0].conflicts, ["objective"]);
    (mentee, mentor, a.path)
}

#[test]
fn the_person_whose_edit_went_into_a_conflict_copy_is_told_and_it_stays_in_view() {
    let (dir, _) = demo();
    let (mut mentee, _mentor, _) = conflicted(&dir);
    // The mentee's screen learns of it when the journal changes on disk.
    let said = mentee.reload();
    assert!(
        said.iter()
            .any(|s| s.starts_with("your edit of goal") && s.contains("objective")),
        "{said:?}"
    );
    // A screen on the journal keeps it in the status bar until it is resolved.
    let mut t = Tui::open(Store::new(dir.path().join("j")), today(), false);
    keys(&mut t, "j");
    t.status = None;
    let theme = mentorlog::ui::Theme::default();
    let keymap = mentorlog::ui::Keymap::default();
    let view = mentorlog::ui::View {
        theme: &theme,
        keymap: &keymap,
    };
    let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    term.draw(|f| t.draw(f, &view)).unwrap();
    let last: String = (0..80)
        .map(|x| term.backend().buffer()[(x, 23)].symbol().to_string())
        .collect();
    assert!(last.contains("1 conflict: C resolves"), "{last:?}");
}

#[test]
fn two_people_resolving_one_conflict_at_once_lose_no_version() {
    for round in 0..12 {
        let (dir, _) = demo();
        let (mut mentee, mut mentor, goal) = conflicted(&dir);
        mentee.reload();
        mentor.reload();
        let copy = mentee.reader(Audience::Owner).conflicts()[0].copy.clone();
        // One keeps this version (the mentor's, in the record), the other at the same moment
        // takes the other (the mentee's, in the copy).
        let gate = std::sync::Arc::new(std::sync::Barrier::new(2));
        let (g1, g2) = (gate.clone(), gate);
        let (c1, c2) = (copy.clone(), copy.clone());
        let keep = std::thread::spawn(move || {
            g1.wait();
            mentee.resolve(&c1, Resolution::KeepMine).is_ok()
        });
        let take = std::thread::spawn(move || {
            g2.wait();
            mentor.resolve(&c2, Resolution::TakeTheirs).is_ok()
        });
        let (kept, took) = (keep.join().unwrap(), take.join().unwrap());
        assert!(
            kept != took,
            "round {round}: exactly one resolution happens ({kept}, {took})"
        );
        let g: mentorlog::model::Goal = read_record(&goal).unwrap();
        let want = if took {
            "The mentee's objective"
        } else {
            "The mentor's objective"
        };
        assert_eq!(
            g.objective, want,
            "round {round}: the chosen version is the record"
        );
        assert!(!copy.exists());
    }
}

#[test]
fn conflict_copies_of_the_partnership_and_the_journal_are_reported() {
    let (dir, _) = demo();
    let store = Store::new(dir.path().join("j"));
    let mut a = Journal::open(store.clone(), today());
    let mut b = Journal::open(store.clone(), today());
    let p = |j: &Journal| {
        j.reader(Audience::Owner)
            .partner("sam-lee")
            .unwrap()
            .partnership()
            .clone()
    };
    let (pa, pb) = (p(&a), p(&b));
    let mut na = pa.clone();
    na.focus = Some("Questioning".into());
    let mut nb = pb.clone();
    nb.focus = Some("Behaviour".into());
    a.update_partnership("sam-lee", &pa, na, "focus").unwrap();
    b.update_partnership("sam-lee", &pb, nb, "focus").unwrap();
    a.init(Some("Jo from the laptop"), None, None).unwrap();
    b.init(Some("Jo from school"), None, None).unwrap();
    let c = Journal::open(store, today());
    let copies: Vec<String> = c
        .reader(Audience::Owner)
        .conflicts()
        .iter()
        .map(|x| x.copy.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert!(
        copies
            .iter()
            .any(|n| n.starts_with("partnership.conflict-")),
        "{copies:?}"
    );
    assert!(
        copies.iter().any(|n| n.starts_with("journal.conflict-")),
        "{copies:?}"
    );
    // The command line says so too.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_mentorlog"))
        .args(["--data-dir"])
        .arg(dir.path().join("j"))
        .args(["status"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("2 conflict copies"), "{err}");
    assert!(
        err.contains("partnership.conflict-") && err.contains("journal.conflict-"),
        "{err}"
    );
}

#[test]
fn conflict_copies_never_overwrite_each_other() {
    let (dir, _) = demo();
    // Three people at once on one goal: two conflict copies, both kept, in the same second.
    let store = Store::new(dir.path().join("j"));
    let js: Vec<Journal> = (0..3)
        .map(|_| Journal::open(store.clone(), today()))
        .collect();
    let mut copies = Vec::new();
    for (n, mut j) in js.into_iter().enumerate() {
        let g = j
            .reader(Audience::Owner)
            .partner("sam-lee")
            .unwrap()
            .goals()[0]
            .clone();
        let mut new = g.value.clone();
        new.objective = format!("Version {n}");
        let o = j
            .save_goal("sam-lee", Save::edit(g.path.clone(), g.value, new))
            .unwrap();
        copies.extend(o.merges.iter().filter_map(|m| m.copy.clone()));
    }
    assert_eq!(copies.len(), 2);
    assert_ne!(copies[0], copies[1]);
    let kept: Vec<String> = copies
        .iter()
        .map(|c| read_record::<mentorlog::model::Goal>(c).unwrap().objective)
        .collect();
    assert_eq!(kept, ["Version 0", "Version 1"]);
}

#[test]
fn saving_a_form_whose_meeting_was_deleted_elsewhere_asks_to_restore_or_discard() {
    for restore in [true, false] {
        let (dir, mut t) = demo();
        keys(&mut t, "2 e");
        let path = match &t.overlays.last() {
            Some(mentorlog::app::Overlay::Form(f)) => match &f.target {
                mentorlog::app::form::FormTarget::EditMeeting(p) => p.clone(),
                other => panic!("{other:?}"),
            },
            other => panic!("{other:?}"),
        };
        let before: Meeting = read_record(&path).unwrap();
        // Another mentorlog deletes it; this one notices.
        std::fs::remove_file(&path).unwrap();
        t.external_change(&[]);
        let count = std::fs::read_dir(pdir(&dir, "alex-morgan").join("meetings"))
            .unwrap()
            .count();
        keys(&mut t, "C-s");
        assert!(
            matches!(
                t.overlays.last(),
                Some(mentorlog::app::Overlay::Confirm { message, .. }) if message.contains("deleted elsewhere")
            ),
            "{:?}",
            t.overlays.last()
        );
        keys(&mut t, if restore { "y" } else { "n" });
        assert!(t.overlays.is_empty(), "{:?}", t.overlays);
        let now = std::fs::read_dir(pdir(&dir, "alex-morgan").join("meetings"))
            .unwrap()
            .count();
        if restore {
            let back: Meeting = read_record(&path).unwrap();
            assert_eq!(
                back.id, before.id,
                "restored under its own id, not a new one"
            );
            assert_eq!(now, count + 1);
        } else {
            assert!(!path.exists());
            assert_eq!(now, count, "discarding writes nothing");
        }
    }
}

// ----- files and input that are not what they seem -----

#[test]
fn two_partnership_folders_with_one_id_are_reported() {
    let (dir, _) = demo();
    let copy = dir.path().join("j/partnerships/sam-lee-copy");
    std::fs::create_dir(&copy).unwrap();
    std::fs::copy(
        pdir(&dir, "sam-lee").join("partnership.ron"),
        copy.join("partnership.ron"),
    )
    .unwrap();
    let j = Journal::open(Store::new(dir.path().join("j")), today());
    let problems = j.problems();
    assert!(
        problems
            .iter()
            .any(|p| p.contains("both hold the partnership id 'sam-lee'")),
        "{problems:?}"
    );
    let r = j.reader(Audience::Owner);
    let sams: Vec<_> = r
        .partnerships()
        .into_iter()
        .filter(|p| p.id() == "sam-lee")
        .collect();
    assert_eq!(sams.len(), 1);
    assert!(
        !sams[0].meetings().is_empty(),
        "the real one is shown whole"
    );
}

#[cfg(unix)]
#[test]
fn the_demo_writes_nothing_through_a_link_or_over_a_framework_of_ones_own() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("j");
    let outside = dir.path().join("elsewhere");
    std::fs::create_dir_all(&root).unwrap();
    std::fs::create_dir_all(&outside).unwrap();
    std::os::unix::fs::symlink(&outside, root.join("partnerships")).unwrap();
    let e = write_demo(&Store::new(&root), Size::Small, today()).unwrap_err();
    assert!(e.to_string().contains("out of the data directory"), "{e}");
    assert_eq!(std::fs::read_dir(&outside).unwrap().count(), 0);

    // A framework of the user's own named like the large demo's is never overwritten.
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("j");
    std::fs::create_dir_all(root.join("frameworks")).unwrap();
    let mine = root.join("frameworks/demo-scale.ron");
    std::fs::write(&mine, "my own framework").unwrap();
    assert!(write_demo(&Store::new(&root), Size::Large, today()).is_err());
    assert_eq!(std::fs::read_to_string(&mine).unwrap(), "my own framework");
    assert!(
        !root.join("partnerships").exists(),
        "nothing of the demo was written"
    );
}

#[test]
fn a_badge_never_counts_a_link_to_a_meeting_no_longer_in_the_log() {
    let (dir, _) = demo();
    let root = dir.path().join("j");
    let bin = env!("CARGO_BIN_EXE_mentorlog");
    let issue = issuer::add_issuer(bin, &root, dir.path());
    let badge = || {
        let out = std::process::Command::new(bin)
            .arg("--data-dir")
            .arg(&root)
            .args([
                "--today",
                "2026-11-23",
                "export",
                "badge",
                "--with",
                "sam",
                "--stage",
                "ljmu/developing",
            ])
            .args(&issue)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let before = badge();
    assert!(!before.contains("not in the log"));
    // A meeting that evidences ticks is deleted by hand, outside mentorlog: the ticks still
    // name it, but a badge does not offer it as evidence.
    let sheet: TickSheet = read_record(&pdir(&dir, "sam-lee").join("ticks/curee.ron")).unwrap();
    let mid = sheet
        .ticks
        .values()
        .flat_map(|t| t.evidence.meetings.clone())
        .next()
        .unwrap();
    let m: Meeting = std::fs::read_dir(pdir(&dir, "sam-lee").join("meetings"))
        .unwrap()
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().contains(&mid))
        .map(|e| read_record(&e.path()).unwrap())
        .unwrap();
    assert!(
        before.contains(&format!("meeting of {}", m.date)),
        "the badge should name the meeting before it goes"
    );
    let file = std::fs::read_dir(pdir(&dir, "sam-lee").join("meetings"))
        .unwrap()
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().contains(&mid))
        .unwrap()
        .path();
    std::fs::remove_file(file).unwrap();
    // The stage is no longer ready if that meeting was all the evidence an item had; when
    // the badge is still issued, it names only what stands.
    let out = std::process::Command::new(bin)
        .arg("--data-dir")
        .arg(&root)
        .args([
            "--today",
            "2026-11-23",
            "export",
            "badge",
            "--with",
            "sam",
            "--stage",
            "ljmu/developing",
        ])
        .args(&issue)
        .output()
        .unwrap();
    let after = String::from_utf8_lossy(&out.stdout);
    assert!(!after.contains("not in the log"), "{after}");
    assert!(
        !after.contains(&format!("meeting of {}:", m.date)),
        "{after}"
    );
}

#[test]
fn a_popups_keys_come_from_the_keymap_and_can_be_rebound() {
    let (dir, mut t) = demo();
    t.keymap = mentorlog::ui::Keymap::default()
        .overlay(r#"{"form.save": ["ctrl-w"], "confirm.yes": ["o"]}"#)
        .unwrap();
    let folder = pdir(&dir, "alex-morgan").join("goals");
    let count = || std::fs::read_dir(&folder).map(|rd| rd.count()).unwrap_or(0);
    let before = count();
    keys(&mut t, "3 n");
    type_text(&mut t, "Plan the next observation");
    // Ctrl-s no longer saves; Ctrl-w does.
    t.key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    assert!(matches!(
        t.overlays.last(),
        Some(mentorlog::app::Overlay::Form(_))
    ));
    t.key(KeyEvent::new(KeyCode::Char('w'), KeyModifiers::CONTROL));
    assert!(t.overlays.is_empty(), "{:?}", t.overlays);
    assert_eq!(count(), before + 1);
    // A question answers to its own rebound key.
    keys(&mut t, "e");
    type_text(&mut t, " soon");
    keys(&mut t, "Esc");
    assert!(matches!(
        t.overlays.last(),
        Some(mentorlog::app::Overlay::Confirm { .. })
    ));
    keys(&mut t, "o");
    assert!(
        t.overlays.is_empty(),
        "the changes were discarded: {:?}",
        t.overlays
    );
}
