//! The core's own tests: operations that touch several files are whole (a failed write takes
//! back what it wrote; a write stopped dead is finished at the next open), links hold from
//! both sides, and the reader leaves out what its audience may not see.

use std::path::Path;

use chrono::NaiveDate;

use super::*;
use crate::model::{Meeting, PartnershipKind, PartnershipStatus, Pathway, TickSheet};
use crate::store::batch::fault;
use crate::store::read_record;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn partnership(name: &str) -> crate::model::Partnership {
    crate::model::Partnership {
        signatures: Vec::new(),
        by: Default::default(),
        version: crate::model::SCHEMA_VERSION,
        id: String::new(),
        name: name.into(),
        institution: None,
        kind: PartnershipKind::Induction,
        pathway: Pathway::RoleFocused,
        focus: None,
        start: today(),
        end: None,
        cadence_days: 14,
        rhythm: Default::default(),
        frameworks: vec!["curee".into()],
        status: PartnershipStatus::Active,
        agreement: None,
        thoughts: Vec::new(),
        evaluation: None,
    }
}

/// A journal with Sam Lee and one meeting.
fn sam() -> (tempfile::TempDir, Journal, String) {
    let dir = tempfile::tempdir().unwrap();
    let mut j = Journal::open(Store::new(dir.path().join("j")), today());
    j.add_partnership(partnership("Sam Lee")).unwrap();
    let mut m = Meeting::new("m00001".into(), today());
    m.focus = "Questioning".into();
    let o = j.save_meeting("sam-lee", Save::new(m)).unwrap();
    let path = o.record.unwrap().display().to_string();
    (dir, j, path)
}

const ITEM: &str = "mentor-open-questions";

fn ticks_on_disk(dir: &Path) -> Option<TickSheet> {
    read_record(&dir.join("j/partnerships/sam-lee/ticks/curee.ron")).ok()
}

fn evidences_on_disk(path: &str) -> Vec<String> {
    read_record::<Meeting>(Path::new(path)).unwrap().evidences
}

fn with_meeting() -> TickRequest {
    TickRequest {
        meetings: vec!["m00001".into()],
        ..TickRequest::default()
    }
}

#[test]
fn a_tick_with_a_meeting_writes_both_sides_or_neither() {
    let (dir, mut j, mpath) = sam();
    // The second file (the meeting) fails: the tick sheet written first is taken back.
    fault::fail_at(2, false);
    let e = j
        .tick("sam-lee", "curee", ITEM, with_meeting())
        .unwrap_err();
    fault::clear();
    assert!(e.to_string().contains("injected"), "{e}");
    assert!(
        ticks_on_disk(dir.path()).is_none(),
        "the tick sheet was left"
    );
    assert!(evidences_on_disk(&mpath).is_empty());
    assert!(
        !j.reader(Audience::Owner)
            .partner("sam-lee")
            .unwrap()
            .is_ticked("curee", ITEM)
    );
    // And when it works, both.
    j.tick("sam-lee", "curee", ITEM, with_meeting()).unwrap();
    let sheet = ticks_on_disk(dir.path()).unwrap();
    assert_eq!(sheet.ticks[ITEM].evidence.meetings, ["m00001"]);
    assert_eq!(evidences_on_disk(&mpath), [format!("curee/{ITEM}")]);
}

#[test]
fn a_tick_stopped_dead_half_way_is_finished_at_the_next_open() {
    let (dir, mut j, mpath) = sam();
    // As a kill after the first file: nothing is taken back, the intent stays.
    fault::fail_at(2, true);
    assert!(j.tick("sam-lee", "curee", ITEM, with_meeting()).is_err());
    let sheet_written = ticks_on_disk(dir.path()).is_some();
    let meeting_written = !evidences_on_disk(&mpath).is_empty();
    assert!(
        sheet_written && !meeting_written,
        "the kill should have left one side written"
    );
    let pending = dir.path().join("j/.mentorlog/pending");
    assert_eq!(std::fs::read_dir(&pending).unwrap().count(), 1);
    // The next open finishes it and says so.
    let j2 = Journal::open(Store::new(dir.path().join("j")), today());
    assert!(
        j2.notices().iter().any(|n| n.contains("finished 1 change")),
        "{:?}",
        j2.notices()
    );
    assert_eq!(std::fs::read_dir(&pending).unwrap().count(), 0);
    assert_eq!(
        ticks_on_disk(dir.path()).unwrap().ticks[ITEM]
            .evidence
            .meetings,
        ["m00001"]
    );
    assert_eq!(evidences_on_disk(&mpath), [format!("curee/{ITEM}")]);
}

#[test]
fn a_failed_partner_add_leaves_no_folder() {
    let dir = tempfile::tempdir().unwrap();
    let mut j = Journal::open(Store::new(dir.path().join("j")), today());
    j.init(Some("Jo"), None, None).unwrap();
    fault::fail_at(1, false);
    assert!(j.add_partnership(partnership("Sam Lee")).is_err());
    fault::clear();
    assert!(
        !dir.path().join("j/partnerships/sam-lee").exists(),
        "a failed add left a folder"
    );
    assert!(j.reader(Audience::Owner).is_empty());
    j.add_partnership(partnership("Sam Lee")).unwrap();
    assert!(
        dir.path()
            .join("j/partnerships/sam-lee/partnership.ron")
            .exists()
    );
}

#[test]
fn leftover_temporary_files_are_removed_at_the_next_open() {
    let (dir, mut j, _) = sam();
    let meetings = dir.path().join("j/partnerships/sam-lee/meetings");
    // A save stopped dead leaves its marker; a killed save its temporary file.
    fault::fail_at(1, true);
    let _ = j.tick("sam-lee", "curee", ITEM, TickRequest::default());
    std::fs::write(meetings.join(".tmp-abc123.ron"), "private notes").unwrap();
    let j2 = Journal::open(Store::new(dir.path().join("j")), today());
    assert!(!meetings.join(".tmp-abc123.ron").exists());
    assert!(
        j2.notices().iter().any(|n| n.contains("temporary file")),
        "{:?}",
        j2.notices()
    );
}

#[test]
fn undo_takes_back_every_file_of_an_operation_and_a_new_partnership_folder() {
    let (dir, mut j, mpath) = sam();
    j.tick("sam-lee", "curee", ITEM, with_meeting()).unwrap();
    j.undo().unwrap();
    assert!(ticks_on_disk(dir.path()).is_none_or(|s| s.ticks.is_empty()));
    assert!(evidences_on_disk(&mpath).is_empty());
    j.undo().unwrap(); // the meeting
    j.undo().unwrap(); // the partnership, and its folder
    assert!(!dir.path().join("j/partnerships/sam-lee").exists());
    assert!(j.undo().is_err());
}

#[test]
fn a_link_to_a_meeting_no_longer_in_the_log_never_counts_as_evidence() {
    let (dir, mut j, mpath) = sam();
    j.tick("sam-lee", "curee", ITEM, with_meeting()).unwrap();
    // Deleted by hand, outside mentorlog: the tick still names it.
    std::fs::remove_file(&mpath).unwrap();
    j.reload();
    let r = j.reader(Audience::Owner);
    let p = r.partner("sam-lee").unwrap();
    let t = p.tick("curee", ITEM).unwrap();
    assert_eq!(t.evidence.meetings, ["m00001"]);
    assert!(!p.has_evidence(t));
    let lines = p.evidence(&t.evidence);
    assert!(!lines[0].counts());
    assert!(lines[0].plain().contains("not in the log"));
    let _ = dir;
}

#[test]
fn saving_over_a_record_deleted_elsewhere_asks_and_can_restore_it() {
    let (_dir, mut j, mpath) = sam();
    let r = j.reader(Audience::Owner);
    let base = r.partner("sam-lee").unwrap().meetings()[0].value.clone();
    std::fs::remove_file(&mpath).unwrap();
    let mut new = base.clone();
    new.notes = "Written meanwhile".into();
    let s = Save::edit(mpath.clone().into(), base, new);
    match j.save_meeting("sam-lee", s.clone()) {
        Err(OpError::Gone { noun, .. }) => assert_eq!(noun, "meeting"),
        other => panic!("expected Gone, got {other:?}"),
    }
    assert!(
        !Path::new(&mpath).exists(),
        "nothing is written without asking"
    );
    j.save_meeting("sam-lee", s.restoring()).unwrap();
    let back: Meeting = read_record(Path::new(&mpath)).unwrap();
    assert_eq!(back.id, "m00001", "restored under its own id");
    assert_eq!(back.notes, "Written meanwhile");
}

#[test]
fn review_readers_never_get_private_records() {
    let (_dir, mut j, _) = sam();
    let mut m = Meeting::new("secret".into(), today());
    m.private = true;
    m.notes = "zebracorn notes".into();
    j.save_meeting("sam-lee", Save::new(m)).unwrap();
    let owner = j.reader(Audience::Owner);
    let review = j.reader(Audience::Review);
    assert_eq!(owner.partner("sam-lee").unwrap().meetings().len(), 2);
    let p = review.partner("sam-lee").unwrap();
    assert_eq!(p.meetings().len(), 1);
    assert!(p.meeting("secret").is_none());
    assert!(review.search_index(None).query("zebracorn", 10).is_empty());
    assert!(!owner.search_index(None).query("zebracorn", 10).is_empty());
}

#[test]
fn a_partnership_is_removed_whole_and_undo_brings_it_all_back() {
    let (dir, mut j, _) = sam();
    j.tick("sam-lee", "curee", ITEM, with_meeting()).unwrap();
    let folder = dir.path().join("j/partnerships/sam-lee");
    let files = |d: &Path| {
        let mut n = 0;
        let mut stack = vec![d.to_path_buf()];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
                if e.path().is_dir() {
                    stack.push(e.path());
                } else {
                    n += 1;
                }
            }
        }
        n
    };
    let before = files(&folder);
    assert_eq!(before, 3, "partnership, meeting, tick sheet");
    j.remove_partnership("sam-lee").unwrap();
    assert!(!folder.exists(), "the folder goes with its records");
    assert!(j.reader(Audience::Owner).is_empty());
    j.undo().unwrap();
    assert_eq!(files(&folder), before);
    let r = j.reader(Audience::Owner);
    let p = r.partner("sam-lee").unwrap();
    assert_eq!(p.meetings().len(), 1);
    assert!(p.is_ticked("curee", ITEM));
}

#[test]
fn moving_an_old_journals_private_records_stopped_dead_is_finished_at_the_next_open() {
    let (dir, mut j, first) = sam();
    let mut m = Meeting::new("m00002".into(), today());
    m.focus = "Marking".into();
    let second = j
        .save_meeting("sam-lee", Save::new(m))
        .unwrap()
        .record
        .unwrap();
    drop(j);
    // An earlier version's layout: both meetings private, in the shared folder, no mark.
    let root = dir.path().join("j");
    for p in [Path::new(&first), second.as_path()] {
        let mut m: Meeting = read_record(p).unwrap();
        m.private = true;
        m.notes = format!("kept between us ({})", m.id);
        std::fs::write(p, crate::store::to_ron(&m).unwrap()).unwrap();
    }
    std::fs::remove_file(root.join(crate::store::private::MOVED_MARK)).unwrap();
    // Killed after the first file of the move: the private copy is made, the shared one not
    // yet removed; the plan waits (under private/, since it holds private text).
    fault::fail_at(2, true);
    let j = Journal::open(Store::new(root.clone()), today());
    fault::clear();
    assert!(
        j.notices().iter().any(|n| n.contains("could not be moved")),
        "{:?}",
        j.notices()
    );
    let pending = root.join(crate::store::batch::PRIVATE_PENDING_DIR);
    assert_eq!(std::fs::read_dir(&pending).unwrap().count(), 1);
    assert!(!root.join(crate::store::private::MOVED_MARK).exists());
    drop(j);
    // The next open finishes it: each meeting once, in the private folder, intact.
    let j = Journal::open(Store::new(root.clone()), today());
    assert_eq!(std::fs::read_dir(&pending).unwrap().count(), 0);
    let meetings = &j.snap.partnership("sam-lee").unwrap().meetings;
    assert_eq!(meetings.len(), 2, "{meetings:?}");
    for m in meetings {
        assert!(crate::store::private::is_private_path(&root, &m.path));
        assert_eq!(m.value.notes, format!("kept between us ({})", m.value.id));
    }
    assert!(!Path::new(&first).exists() && !second.exists());
    assert!(root.join(crate::store::private::MOVED_MARK).exists());
}
