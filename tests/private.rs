//! Private at rest: a record marked private is kept in its author's private folder
//! (`private/MEMBER/`, 0700, files 0600), so the files anyone but the owner can read (the
//! shared folders, what a sync would carry) hold no private text in the clear.

#![cfg(unix)]

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use mentorlog::journal::demo::{Size, write_demo};
use mentorlog::journal::{Audience, Journal, Save};
use mentorlog::model::{Meeting, Reflection, Role};
use mentorlog::store::private::{MOVED_MARK, PRIVATE_DIR};
use mentorlog::store::{Store, read_record};
use mentorlog::tui::Tui;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tempfile::TempDir;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn demo() -> (TempDir, PathBuf) {
    let t = tempfile::tempdir().unwrap();
    let root = t.path().join("j");
    write_demo(&Store::new(root.clone()), Size::Small, today()).unwrap();
    (t, root)
}

fn open(root: &Path) -> Journal {
    Journal::open(Store::new(root.to_path_buf()), today())
}

/// Every file under `dir`, with its bytes.
fn walk(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().map(Result::unwrap) {
            let m = e.path().symlink_metadata().unwrap();
            if m.is_dir() {
                stack.push(e.path());
            } else {
                out.push((e.path(), std::fs::read(e.path()).unwrap_or_default()));
            }
        }
    }
    out
}

/// The files outside `private/` that hold any of `texts`.
fn shared_files_holding(root: &Path, texts: &[&str]) -> Vec<String> {
    let private = root.join(PRIVATE_DIR);
    walk(root)
        .into_iter()
        .filter(|(p, _)| !p.starts_with(&private))
        .filter_map(|(p, bytes)| {
            let text = String::from_utf8_lossy(&bytes);
            texts
                .iter()
                .find(|t| text.contains(*t))
                .map(|t| format!("{} holds {t:?}", p.display()))
        })
        .collect()
}

fn mode(p: &Path) -> u32 {
    std::fs::symlink_metadata(p).unwrap().permissions().mode() & 0o777
}

/// Every folder under `private/` is 0700 and every file 0600.
fn assert_private_modes(root: &Path) {
    let private = root.join(PRIVATE_DIR);
    assert_eq!(mode(&private), 0o700);
    let mut stack = vec![private];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().map(Result::unwrap) {
            let p = e.path();
            if p.is_dir() {
                assert_eq!(mode(&p), 0o700, "{}", p.display());
                stack.push(p);
            } else {
                assert_eq!(mode(&p), 0o600, "{}", p.display());
            }
        }
    }
}

fn reflection(id: &str, text: &str, author: Role) -> Reflection {
    Reflection {
        by: Default::default(),
        version: mentorlog::model::SCHEMA_VERSION,
        id: id.into(),
        date: today(),
        author,
        prompt: None,
        text: text.into(),
        attachment: None,
        private: true,
    }
}

fn sams_meetings(j: &Journal) -> Vec<(PathBuf, Meeting)> {
    j.reader(Audience::Owner)
        .partner("sam-lee")
        .unwrap()
        .meetings()
        .into_iter()
        .map(|m| (m.path.clone(), m.value.clone()))
        .collect()
}

const DEMO_PRIVATE: &str = "feeling overwhelmed by marking";
// (No apostrophes: RON escapes them, and the search for the text in the files is literal.)
const OWNER_REFLECTION: &str = "Jo worries about Sam, not for anyone else";
const SAM_REFLECTION: &str = "Sam thinks privately about the department";
const CONFLICTING: &str = "Both edited this private note at once";
const DELETED: &str = "A private meeting deleted to the trash";

#[test]
fn the_files_anyone_but_the_owner_can_read_hold_no_private_text() {
    let (_t, root) = demo();
    let mut jo = open(&root);
    // The demo's private meeting is in Jo's private folder.
    let (path, m) = sams_meetings(&jo)
        .into_iter()
        .find(|(_, m)| m.private)
        .unwrap();
    assert!(m.notes.contains(DEMO_PRIVATE));
    assert!(
        path.starts_with(root.join("private/jo-taylor/partnerships/sam-lee/meetings")),
        "{}",
        path.display()
    );
    // A private reflection by the owner, and one by the mentee in a session acting as Sam.
    let o = jo
        .save_reflection(
            "sam-lee",
            Save::new(reflection("jorefl", OWNER_REFLECTION, Role::Mentor)),
        )
        .unwrap();
    assert!(
        o.record
            .unwrap()
            .starts_with(root.join("private/jo-taylor/partnerships/sam-lee/reflections"))
    );
    let mut sam = open(&root);
    sam.act_as("sam").unwrap();
    let o = sam
        .save_reflection(
            "sam-lee",
            Save::new(reflection("samrefl", SAM_REFLECTION, Role::Mentee)),
        )
        .unwrap();
    let sams = o.record.unwrap();
    assert!(
        sams.starts_with(root.join("private/sam-lee/partnerships/sam-lee/reflections")),
        "{}",
        sams.display()
    );
    // Who may see what is as before: each sees their own private reflection only.
    jo.reload();
    let texts = |j: &Journal, a: Audience| -> Vec<String> {
        j.reader(a)
            .partner("sam-lee")
            .unwrap()
            .reflections()
            .iter()
            .map(|r| r.value.text.clone())
            .collect()
    };
    assert!(texts(&jo, Audience::Owner).contains(&OWNER_REFLECTION.to_string()));
    assert!(!texts(&jo, Audience::Owner).contains(&SAM_REFLECTION.to_string()));
    let (as_sam, _) = sam.audience_of("sam").unwrap();
    sam.reload();
    assert!(texts(&sam, as_sam).contains(&SAM_REFLECTION.to_string()));
    assert!(!texts(&sam, as_sam).contains(&OWNER_REFLECTION.to_string()));

    // Two sessions edit the same private meeting's notes at once: a conflict copy.
    let mut other = open(&root);
    let mut a = m.clone();
    a.notes = format!("{CONFLICTING} (one)");
    let mut b = m.clone();
    b.notes = format!("{CONFLICTING} (two)");
    jo.save_meeting("sam-lee", Save::edit(path.clone(), m.clone(), a))
        .unwrap();
    let o = other
        .save_meeting("sam-lee", Save::edit(path.clone(), m.clone(), b))
        .unwrap();
    let copy = o.merges[0].copy.clone().expect("a conflict copy");
    assert!(copy.starts_with(root.join("private/jo-taylor")), "{copy:?}");

    // A private meeting deleted to the trash.
    let mut gone = Meeting::new("delme1".into(), today());
    gone.private = true;
    gone.notes = DELETED.into();
    let at = jo
        .save_meeting("sam-lee", Save::new(gone))
        .unwrap()
        .record
        .unwrap();
    jo.delete("sam-lee", &at).unwrap();
    assert!(!at.exists());
    // A draft of a form being filled in (as the screen keeps one) is private too.
    let draft = mentorlog::store::scratch::Scratch::new(
        &root,
        &format!("draft: {DEMO_PRIVATE}"),
        ".form.ron",
    )
    .unwrap();

    let leaks = shared_files_holding(
        &root,
        &[
            DEMO_PRIVATE,
            OWNER_REFLECTION,
            SAM_REFLECTION,
            CONFLICTING,
            DELETED,
        ],
    );
    assert!(leaks.is_empty(), "{leaks:#?}");
    // And the private texts are there, in the private folders.
    let private: Vec<_> = walk(&root.join(PRIVATE_DIR));
    for t in [
        DEMO_PRIVATE,
        OWNER_REFLECTION,
        SAM_REFLECTION,
        CONFLICTING,
        DELETED,
    ] {
        assert!(
            private
                .iter()
                .any(|(_, b)| String::from_utf8_lossy(b).contains(t)),
            "{t}"
        );
    }
    assert_private_modes(&root);
    drop(draft);
    // With the rest of the journal opened to a group, the private folder is still closed.
    std::fs::set_permissions(&root, std::fs::Permissions::from_mode(0o750)).unwrap();
    let (said, _) = mentorlog::store::safety::exposed(&root, 50);
    assert!(
        !said.iter().any(|s| s.contains("/private")),
        "the private folders are private on their own: {said:?}"
    );
    // The trash brings the deleted meeting back into the private folder.
    let o = jo.restore_trash(None).unwrap();
    assert_eq!(o.record.as_ref(), Some(&at));
    assert_eq!(read_record::<Meeting>(&at).unwrap().notes, DELETED);
}

#[test]
fn an_old_journal_has_its_private_records_moved_out_of_the_shared_folders_once() {
    let (_t, root) = demo();
    // The layout of an earlier version: the private meeting beside the shared ones, and no
    // mark that it was moved.
    let private = walk(&root.join("private/jo-taylor"))
        .into_iter()
        .find(|(_, b)| String::from_utf8_lossy(b).contains(DEMO_PRIVATE))
        .unwrap();
    let shared = root
        .join("partnerships/sam-lee/meetings")
        .join(private.0.file_name().unwrap());
    std::fs::rename(&private.0, &shared).unwrap();
    std::fs::remove_dir_all(root.join(PRIVATE_DIR)).unwrap();
    let _ = std::fs::remove_file(root.join(MOVED_MARK));
    // ... a delete of a private meeting in the shared trash ...
    let mut gone = Meeting::new("oldgone".into(), today());
    gone.private = true;
    gone.notes = DELETED.into();
    let gone_path = root.join("partnerships/sam-lee/meetings/2026-11-23-oldgone.ron");
    let entry = format!(
        "(version: 1, deleted: \"2026-11-20T10:00:00Z\", label: \"Deleted meeting\", \
         partnership: \"sam-lee\", records: [({:?}, {:?})])",
        "partnerships/sam-lee/meetings/2026-11-23-oldgone.ron",
        mentorlog::store::to_ron(&gone).unwrap()
    );
    std::fs::create_dir_all(root.join(".mentorlog/trash")).unwrap();
    std::fs::write(
        root.join(".mentorlog/trash/20261120T100000-abcd1234.ron"),
        entry,
    )
    .unwrap();
    // ... and a form's draft kept beside the shared files.
    std::fs::create_dir_all(root.join(".mentorlog/drafts")).unwrap();
    std::fs::write(
        root.join(".mentorlog/drafts/edit-old.form.ron"),
        format!("(title: \"{DEMO_PRIVATE}\")"),
    )
    .unwrap();
    assert_eq!(
        shared_files_holding(&root, &[DEMO_PRIVATE, DELETED]).len(),
        3
    );
    let before: Meeting = read_record(&shared).unwrap();

    // A fast open (as the screen's) reads the whole journal this once, and moves it.
    let j = Journal::open_fast(Store::new(root.clone()), today());
    let said = j.notices().join("\n");
    assert!(said.contains("moved 1 private record"), "{said}");
    assert!(said.contains("draft"), "{said}");
    assert!(said.contains("from the trash"), "{said}");
    assert!(!shared.exists());
    let moved = root
        .join("private/jo-taylor/partnerships/sam-lee/meetings")
        .join(shared.file_name().unwrap());
    assert_eq!(read_record::<Meeting>(&moved).unwrap(), before, "intact");
    assert!(root.join(MOVED_MARK).exists());
    assert_eq!(
        shared_files_holding(&root, &[DEMO_PRIVATE, DELETED]),
        Vec::<String>::new()
    );
    assert_private_modes(&root);
    let (risks, n) = mentorlog::store::safety::exposed(&root, 5);
    assert_eq!(n, 0, "{risks:?}");
    // The journal is as it was: same id, its ticks' evidence still names it.
    let mut j = j;
    j.ensure_all_loaded();
    let (path, m) = sams_meetings(&j)
        .into_iter()
        .find(|(_, m)| m.id == before.id)
        .unwrap();
    assert_eq!(path, moved);
    assert_eq!(m, before);
    // Said once: the next open has nothing to move.
    let again = Journal::open_fast(Store::new(root.clone()), today());
    assert!(
        !again.notices().iter().any(|n| n.contains("moved")),
        "{:?}",
        again.notices()
    );
    assert_eq!(mentorlog::store::scratch::form_drafts(&root).len(), 1);
    // The old trash's delete is restorable still, into the private folder.
    let mut again = again;
    let o = again.restore_trash(None).unwrap();
    let back = o.record.unwrap();
    assert!(back.starts_with(root.join("private/jo-taylor")), "{back:?}");
    assert!(!gone_path.exists());
    assert_eq!(read_record::<Meeting>(&back).unwrap().notes, DELETED);
}

/// The demo's first shared meeting of Sam's that evidences a tick.
fn shared_evidence(j: &Journal) -> (PathBuf, Meeting) {
    sams_meetings(j)
        .into_iter()
        .find(|(_, m)| !m.private && !m.evidences.is_empty())
        .unwrap()
}

#[test]
fn marking_a_meeting_private_moves_it_and_undo_and_redo_move_it_back_and_forth() {
    let (_t, root) = demo();
    let mut j = open(&root);
    let (path, m) = shared_evidence(&j);
    let mut new = m.clone();
    new.private = true;
    let o = j
        .save_meeting("sam-lee", Save::edit(path.clone(), m.clone(), new))
        .unwrap();
    let moved = o.record.clone().unwrap();
    assert_eq!(
        moved,
        root.join("private/jo-taylor")
            .join(path.strip_prefix(&root).unwrap())
    );
    assert!(!path.exists());
    let on_disk: Meeting = read_record(&moved).unwrap();
    assert!(on_disk.private);
    assert_eq!(on_disk.notes, m.notes);
    // The journal holds it once, at its new place, with the same id and links.
    let now = sams_meetings(&j);
    assert_eq!(now.iter().filter(|(_, x)| x.id == m.id).count(), 1);
    assert_eq!(now.iter().find(|(_, x)| x.id == m.id).unwrap().0, moved);
    let address = &m.evidences[0];
    let (f, item) = address.split_once('/').unwrap();
    let (f, item) = j.frameworks().tick_address(f, item);
    let sheet: mentorlog::model::TickSheet =
        read_record(&root.join(format!("partnerships/sam-lee/ticks/{f}.ron"))).unwrap();
    assert!(sheet.ticks[&item].evidence.meetings.contains(&m.id));
    // Hidden in review, found by search for its author.
    assert!(
        !j.reader(Audience::Review)
            .partner("sam-lee")
            .unwrap()
            .meetings()
            .iter()
            .any(|x| x.value.id == m.id)
    );
    let hits = mentorlog::journal::search::Index::build(&j.reader(Audience::Owner), None)
        .query(&m.focus, 50);
    assert!(!hits.is_empty());
    // A second process sees it move (what the file watcher's reload does).
    let mut other = open(&root);
    other.reload();
    assert_eq!(
        sams_meetings(&other)
            .iter()
            .filter(|(_, x)| x.id == m.id)
            .map(|(p, _)| p.clone())
            .collect::<Vec<_>>(),
        vec![moved.clone()]
    );

    // Undo puts it back in the shared folder, as it was; redo moves it again.
    j.undo().unwrap();
    assert!(path.exists() && !moved.exists());
    assert_eq!(read_record::<Meeting>(&path).unwrap(), m);
    j.redo().unwrap();
    assert!(!path.exists() && moved.exists());

    // Unmarked, it goes back to the shared folder, and the private one keeps nothing of it.
    let base: Meeting = read_record(&moved).unwrap();
    let mut shared = base.clone();
    shared.private = false;
    let o = j
        .save_meeting("sam-lee", Save::edit(moved.clone(), base, shared))
        .unwrap();
    assert_eq!(o.record.as_ref(), Some(&path));
    assert!(path.exists() && !moved.exists());
    assert!(
        !walk(&root.join(PRIVATE_DIR))
            .iter()
            .any(|(_, b)| String::from_utf8_lossy(b).contains(&m.id)),
        "nothing of it is left in the private folder"
    );
}

#[test]
fn a_private_move_merges_with_an_edit_made_elsewhere_meanwhile() {
    let (_t, root) = demo();
    let mut j = open(&root);
    let mut other = open(&root);
    let (path, m) = shared_evidence(&j);
    let mut outcomes = m.clone();
    outcomes.outcomes = "Agreed elsewhere".into();
    other
        .save_meeting("sam-lee", Save::edit(path.clone(), m.clone(), outcomes))
        .unwrap();
    let mut new = m.clone();
    new.private = true;
    let o = j
        .save_meeting("sam-lee", Save::edit(path.clone(), m, new))
        .unwrap();
    let now: Meeting = read_record(o.record.as_ref().unwrap()).unwrap();
    assert!(now.private);
    assert_eq!(now.outcomes, "Agreed elsewhere", "the other edit is kept");
    assert!(!path.exists());
}

fn key(k: &str) -> KeyEvent {
    match k {
        "Tab" => KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE),
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

fn form_focus(t: &Tui) -> String {
    match t.overlays.last() {
        Some(mentorlog::app::Overlay::Form(f)) => f.fields[f.focus].label.clone(),
        other => panic!("expected a form, got {other:?}"),
    }
}

#[test]
fn the_screen_marks_a_meeting_private_and_u_takes_it_back() {
    let (_t, root) = demo();
    let mut t = Tui::open(Store::new(root.clone()), today(), false);
    // Sam Lee is the third partnership; the Meetings tab; the first meeting.
    keys(&mut t, "j j 2");
    let first = t
        .app
        .meetings(&t.journal.reader(Audience::Owner))
        .first()
        .map(|m| (m.path.clone(), m.value.clone()))
        .unwrap();
    assert!(!first.1.private, "the newest demo meeting is shared");
    keys(&mut t, "e");
    for _ in 0..40 {
        if form_focus(&t) == "Private" {
            break;
        }
        keys(&mut t, "Tab");
    }
    assert_eq!(form_focus(&t), "Private");
    keys(&mut t, "Space C-s");
    assert!(t.overlays.is_empty(), "{:?}", t.overlays);
    let moved = root
        .join("private/jo-taylor")
        .join(first.0.strip_prefix(&root).unwrap());
    assert!(!first.0.exists());
    assert!(read_record::<Meeting>(&moved).unwrap().private);
    keys(&mut t, "u");
    assert!(first.0.exists() && !moved.exists());
    assert_eq!(read_record::<Meeting>(&first.0).unwrap(), first.1);
}

#[test]
fn bad_private_folders_are_said_plainly_and_lose_nothing() {
    let (_t, root) = demo();
    let folder = root.join("private/jo-taylor/partnerships/sam-lee/meetings");
    // A file that does not parse, in a private folder: named, left as it is.
    let broken = folder.join("2026-11-01-broken.ron");
    std::fs::write(&broken, "(version: 1, id: ").unwrap();
    let j = open(&root);
    let problems = j.problems().join("\n");
    assert!(problems.contains("2026-11-01-broken.ron:"), "{problems}");
    assert!(sams_meetings(&j).iter().any(|(_, m)| m.private));
    assert_eq!(
        std::fs::read_to_string(&broken).unwrap(),
        "(version: 1, id: "
    );
    std::fs::remove_file(&broken).unwrap();

    // A private folder others can open is made private again when next written to.
    std::fs::set_permissions(
        root.join("private/jo-taylor"),
        std::fs::Permissions::from_mode(0o755),
    )
    .unwrap();
    let (said, _) = mentorlog::store::safety::exposed(&root, 5);
    assert!(
        said.iter().any(|s| s.contains("holds private records")),
        "{said:?}"
    );
    let mut j = open(&root);
    let (path, m) = shared_evidence(&j);
    let mut new = m.clone();
    new.private = true;
    let o = j.save_meeting("sam-lee", Save::edit(path, m, new)).unwrap();
    assert!(
        o.warnings.iter().any(|w| w.contains("mode 700 again")),
        "{:?}",
        o.warnings
    );
    assert_eq!(mode(&root.join("private/jo-taylor")), 0o700);

    // A private folder that is a link (even one inside the journal) is refused, not followed.
    let real = root.join("private/jo-taylor");
    let aside = root.join("aside");
    std::fs::rename(&real, &aside).unwrap();
    std::os::unix::fs::symlink(&aside, &real).unwrap();
    let mut j = open(&root);
    let problems = j.problems().join("\n");
    assert!(
        problems.contains("is a symbolic link, not a folder"),
        "{problems}"
    );
    let mut m = Meeting::new("linked1".into(), today());
    m.private = true;
    let e = j.save_meeting("sam-lee", Save::new(m)).unwrap_err();
    assert!(e.to_string().contains("symbolic link"), "{e}");
    // Nothing was written through it, and what it holds is as it was.
    assert!(
        !walk(&aside)
            .iter()
            .any(|(p, _)| p.to_string_lossy().contains("linked1"))
    );
}

#[test]
fn a_draft_is_offered_back_only_to_the_session_that_wrote_it() {
    let (_t, root) = demo();
    let mut sam = Tui::open(Store::new(root.clone()), today(), false);
    sam.lock_to_member("sam").unwrap();
    // Sam starts a reflection (the Reflections tab) and types; the session is then lost.
    keys(&mut sam, "6 n");
    for c in "Sam thinks privately".chars() {
        sam.key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
    let draft = sam
        .app
        .form_draft(&sam.journal)
        .expect("a dirty form keeps a draft");
    drop(sam);
    let drafts = root.join(mentorlog::store::scratch::DRAFTS_DIR);
    std::fs::create_dir_all(&drafts).unwrap();
    std::fs::write(drafts.join("edit-sam001.form.ron"), draft).unwrap();
    let offered = |t: &Tui| {
        matches!(
            t.overlays.last(),
            Some(mentorlog::app::Overlay::Confirm { .. })
        )
    };
    // Jo's screen is not offered Sam's draft; Sam's is.
    let jo = Tui::open(Store::new(root.clone()), today(), false);
    assert!(!offered(&jo), "{:?}", jo.overlays);
    drop(jo);
    let mut sam = Tui::open(Store::new(root.clone()), today(), false);
    sam.lock_to_member("sam").unwrap();
    assert!(offered(&sam), "{:?}", sam.overlays);
}
