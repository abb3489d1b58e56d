//! The store: every record type round-trips through its file, broken and newer files are
//! reported and left alone, and stale saves merge instead of losing work.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{NaiveDate, NaiveTime};
use mentorlog::model::*;
use mentorlog::store::{Loaded, Store, StoreError, parse_record, read_record, to_ron};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn verification() -> Verification {
    Verification {
        name: "Dr Ana Ruiz".into(),
        role: Some("University link tutor".into()),
        date: d("2026-07-01"),
        comment: "Evidence seen and discussed".into(),
    }
}

fn partnership() -> Partnership {
    Partnership {
        signatures: Vec::new(),
        by: Default::default(),
        version: SCHEMA_VERSION,
        id: "sam-lee".into(),
        name: "Sam Lee".into(),
        institution: Some("Northfield High".into()),
        kind: PartnershipKind::SpecialistCoaching,
        pathway: Pathway::ExpertiseFocused,
        focus: Some("Questioning — \"open\" and closed, 質問 ✓".into()),
        start: d("2025-12-31"),
        end: Some(d("2026-07-20")),
        cadence_days: 14,
        rhythm: Default::default(),
        frameworks: vec!["curee".into()],
        status: PartnershipStatus::Closing,
        agreement: Some(Agreement {
            outcomes: vec!["One".into(), "Two".into(), "Three".into()],
            mentee_responsibilities: vec!["Prepare".into()],
            mentor_responsibilities: vec!["Observe".into()],
            tone_ground_rules: vec!["Confidential".into()],
            logistics_ground_rules: vec!["Tuesdays 15:30".into()],
            agreed_by_mentee: Some(d("2026-01-02")),
            agreed: Vec::new(),
            agreed_by_mentor: Some(d("2026-01-03")),
        }),
        thoughts: Vec::new(),
        evaluation: Some(Evaluation {
            date: d("2026-07-10"),
            answers: vec![LikertAnswer {
                statement: "We met as agreed".into(),
                score: 4,
            }],
            comments: "Worth it".into(),
        }),
    }
}

fn meeting() -> Meeting {
    let mut m = Meeting::new("ab12cd".into(), d("2026-11-20"));
    m.time = NaiveTime::from_hms_opt(15, 30, 0);
    m.duration_minutes = Some(45);
    m.mode = MeetingMode::Video;
    m.kind = MeetingType::JointObservation;
    m.focus = "Plenaries".into();
    m.notes = "Line one\nLine two with \"quotes\", a tab\tand 👩‍🏫".into();
    m.outcomes = "Agreed a plan".into();
    m.action_items = vec![ActionItem {
        id: "a1".into(),
        text: "Read the paper".into(),
        owner: Owner::SupportNetwork,
        due: Some(d("2026-12-01")),
        done: true,
    }];
    m.goals = vec!["g1".into()];
    m.evidences = vec!["curee/mentor-open-questions".into()];
    m.tags = vec!["science".into()];
    m.private = true;
    m
}

fn goal() -> Goal {
    Goal {
        by: Default::default(),
        version: SCHEMA_VERSION,
        id: "g1".into(),
        created: d("2026-01-05"),
        learning_goal: "Questioning".into(),
        objective: "Use open questions".into(),
        mentee_actions: "Plan them".into(),
        mentor_actions: "Model them".into(),
        support_actions: "Share stems".into(),
        barriers: "Time".into(),
        success_measures: "Pupils explain".into(),
        target: Some(d("2026-03-01")),
        status: GoalStatus::InProgress,
        agreed: Vec::new(),
        comments: Vec::new(),
        reviews: vec![Review {
            date: d("2026-02-01"),
            note: "Going well".into(),
        }],
    }
}

fn ticks() -> TickSheet {
    let mut ticks = BTreeMap::new();
    ticks.insert(
        "mentor-open-questions".to_string(),
        Tick {
            date: d("2026-02-02"),
            level: Some("Stage 2".into()),
            evidence: Evidence {
                meetings: vec!["ab12cd".into()],
                notes: vec!["Seen in the debrief".into()],
                files: vec!["/home/jo/obs.pdf".into()],
            },
            verification: Some(Box::new(verification())),
        },
    );
    TickSheet {
        by: Default::default(),
        version: SCHEMA_VERSION,
        framework: "curee".into(),
        ticks,
    }
}

fn reflection() -> Reflection {
    Reflection {
        by: Default::default(),
        version: SCHEMA_VERSION,
        id: "r1".into(),
        date: d("2026-03-03"),
        author: Role::CoCoach,
        prompt: Some("What surprised you?".into()),
        text: "That silence helps".into(),
        attachment: Some("/home/jo/voice.m4a".into()),
        private: true,
    }
}

fn stage() -> StageRecord {
    StageRecord {
        by: Default::default(),
        version: SCHEMA_VERSION,
        framework: "ljmu".into(),
        stage: "developing".into(),
        reflection: "I grew".into(),
        targets: "Coach more".into(),
        verifications: vec![verification()],
    }
}

fn journal() -> Journal {
    Journal {
        members: Vec::new(),
        version: SCHEMA_VERSION,
        profile: Profile {
            id: None,
            keys: Vec::new(),
            name: "Jo Taylor".into(),
            role: Role::Mentor,
            institution: Some("Northfield".into()),
            stage: Some("ljmu/developing".into()),
        },
        settings: Default::default(),
    }
}

fn round_trip<T: mentorlog::store::Record + std::fmt::Debug>(value: T) {
    let text = to_ron(&value).unwrap();
    let back: T = parse_record(Path::new("x.ron"), &text).unwrap();
    assert_eq!(back, value, "{text}");
    // Writing is stable: the same record gives the same bytes.
    assert_eq!(to_ron(&back).unwrap(), text);
}

#[test]
fn every_record_type_round_trips() {
    round_trip(journal());
    round_trip(partnership());
    round_trip(meeting());
    round_trip(goal());
    round_trip(ticks());
    round_trip(reflection());
    round_trip(stage());
}

#[test]
fn files_say_what_they_hold() {
    let text = to_ron(&meeting()).unwrap();
    assert!(
        text.starts_with(
            "Meeting(\n    version: 1,\n    id: \"ab12cd\",\n    date: \"2026-11-20\","
        ),
        "{text}"
    );
}

#[test]
fn hand_written_files_may_leave_out_some_and_defaults() {
    let text = r#"Meeting(version: 1, id: "x1", date: "2026-11-20", mode: Phone, type: Meeting, duration_minutes: 30)"#;
    let m: Meeting = parse_record(Path::new("m.ron"), text).unwrap();
    assert_eq!(m.duration_minutes, Some(30));
    assert_eq!(m.mode, MeetingMode::Phone);
    assert!(m.notes.is_empty());
}

#[test]
fn a_parse_error_names_line_and_column() {
    let text = to_ron(&meeting())
        .unwrap()
        .replace("focus: \"Plenaries\",", "focus: \"Plenaries\";");
    let err = parse_record::<Meeting>(Path::new("/j/m.ron"), &text).unwrap_err();
    match &err {
        StoreError::Parse { line, col, .. } => {
            assert_eq!(*line, 9, "{err}");
            assert!(*col > 1);
        }
        other => panic!("expected a parse error, got {other}"),
    }
    assert!(
        err.to_string().starts_with("/j/m.ron:9:23: Expected comma"),
        "{err}"
    );
}

#[test]
fn unknown_fields_are_errors_not_silently_dropped() {
    let text = to_ron(&goal())
        .unwrap()
        .replace("barriers:", "barriers_typo:");
    let err = parse_record::<Goal>(Path::new("g.ron"), &text).unwrap_err();
    assert!(err.to_string().contains("barriers_typo"), "{err}");
}

#[test]
fn a_newer_file_is_refused_even_with_a_new_shape() {
    let same_shape = to_ron(&goal()).unwrap().replace("version: 1", "version: 7");
    let err = parse_record::<Goal>(Path::new("g.ron"), &same_shape).unwrap_err();
    assert!(
        matches!(err, StoreError::NewerVersion { found: 7, .. }),
        "{err}"
    );
    let new_shape = same_shape.replace("barriers:", "obstacles:");
    let err = parse_record::<Goal>(Path::new("g.ron"), &new_shape).unwrap_err();
    assert!(err.to_string().contains("newer mentorlog"), "{err}");
}

fn setup() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path().join("journal"));
    store.save_journal(None, &journal()).unwrap();
    let mut p = partnership();
    p.agreement = None;
    store.create_partnership(p).unwrap();
    (dir, store)
}

#[test]
fn a_journal_round_trips_through_the_directory() {
    let (_dir, store) = setup();
    let snap = store.load();
    let p = snap.partnership("sam-lee").unwrap();
    store.create_meeting(p, &meeting()).unwrap();
    store.create_goal(p, &goal()).unwrap();
    store.create_reflection(p, &reflection()).unwrap();
    store
        .save_at(&p.tick_path("curee"), None, &ticks())
        .unwrap();
    store
        .save_at(
            &p.dir.join("stages").join("ljmu-developing.ron"),
            None,
            &stage(),
        )
        .unwrap();
    let snap = store.load();
    assert!(snap.problems.is_empty(), "{:?}", snap.problems);
    assert_eq!(snap.journal.as_ref().unwrap().value, journal());
    let p = snap.partnership("sam-lee").unwrap();
    assert_eq!(p.meetings[0].value, meeting());
    assert_eq!(p.goals[0].value, goal());
    assert_eq!(p.reflections[0].value, reflection());
    assert_eq!(p.ticks[0].value, ticks());
    assert_eq!(p.stages[0].value, stage());
    assert!(
        p.meetings[0]
            .path
            .ends_with("meetings/2026-11-20-ab12cd.ron")
    );
}

#[test]
fn a_broken_file_is_reported_skipped_and_never_overwritten() {
    let (_dir, store) = setup();
    let snap = store.load();
    let p = snap.partnership("sam-lee").unwrap();
    let saved = store.create_meeting(p, &meeting()).unwrap();
    let mut other = meeting();
    other.id = "zz99zz".into();
    store.create_meeting(p, &other).unwrap();
    let broken = std::fs::read_to_string(&saved.path)
        .unwrap()
        .replacen(',', ";", 3);
    std::fs::write(&saved.path, &broken).unwrap();

    let snap = store.load();
    assert_eq!(snap.problems.len(), 1, "{:?}", snap.problems);
    assert!(snap.problems[0].contains(&format!("{}:", saved.path.display())));
    let p = snap.partnership("sam-lee").unwrap();
    assert_eq!(p.meetings.len(), 1);
    assert_eq!(p.meetings[0].value.id, "zz99zz");

    // A save aimed at the broken file is refused and the bytes stay as they were.
    let stale = Loaded {
        path: saved.path.clone(),
        value: meeting(),
    };
    let err = store.save(&stale, &other).unwrap_err();
    assert!(err.to_string().contains("will not overwrite"), "{err}");
    assert_eq!(std::fs::read_to_string(&saved.path).unwrap(), broken);
    // Nor is it deleted: a file that does not parse is left for the person to look at.
    let err = store.delete(&stale).unwrap_err();
    assert!(matches!(err, StoreError::WontOverwrite { .. }), "{err}");
    assert_eq!(std::fs::read_to_string(&saved.path).unwrap(), broken);
}

#[test]
fn a_broken_partnership_file_skips_only_that_partnership() {
    let (_dir, store) = setup();
    let mut p2 = partnership();
    p2.name = "Priya Shah".into();
    store.create_partnership(p2).unwrap();
    let path = store
        .partnerships_dir()
        .join("sam-lee")
        .join("partnership.ron");
    std::fs::write(&path, "Partnership(").unwrap();
    let snap = store.load();
    assert_eq!(snap.partnerships.len(), 1);
    assert_eq!(snap.partnerships[0].id(), "priya-shah");
    assert!(
        snap.problems[0].contains("partnership.ron:"),
        "{:?}",
        snap.problems
    );
}

#[test]
fn stale_saves_of_different_fields_merge() {
    let (_dir, store) = setup();
    let snap = store.load();
    let p = snap.partnership("sam-lee").unwrap();
    store.create_meeting(p, &meeting()).unwrap();
    let snap = store.load();
    let loaded = snap.partnership("sam-lee").unwrap().meetings[0].clone();

    // Two editors read the same meeting; each changes a different field.
    let mut a = loaded.value.clone();
    a.focus = "Changed by A".into();
    let mut b = loaded.value.clone();
    b.notes = "Changed by B".into();
    b.action_items[0].done = false;
    let first = store.save(&loaded, &a).unwrap();
    assert!(!first.merged);
    let second = store.save(&loaded, &b).unwrap();
    assert!(second.merged);
    assert!(second.conflicts.is_empty());
    let now: Meeting = read_record(&loaded.path).unwrap();
    assert_eq!(now.focus, "Changed by A");
    assert_eq!(now.notes, "Changed by B");
    assert!(!now.action_items[0].done);
}

#[test]
fn the_same_field_changed_twice_keeps_a_conflict_copy() {
    let (_dir, store) = setup();
    let snap = store.load();
    let p = snap.partnership("sam-lee").unwrap();
    store.create_goal(p, &goal()).unwrap();
    let snap = store.load();
    let loaded = snap.partnership("sam-lee").unwrap().goals[0].clone();
    let mut a = loaded.value.clone();
    a.objective = "A's wording".into();
    let mut b = loaded.value.clone();
    b.objective = "B's wording".into();
    store.save(&loaded, &a).unwrap();
    let saved = store.save(&loaded, &b).unwrap();
    assert_eq!(saved.conflicts, vec!["objective".to_string()]);
    let copy = saved.conflict_copy.clone().unwrap();
    let kept: Goal = read_record(&copy).unwrap();
    assert_eq!(kept.objective, "A's wording");
    let now: Goal = read_record(&loaded.path).unwrap();
    assert_eq!(now.objective, "B's wording");
    // The copy is listed for the user, not loaded as a second goal.
    let snap = store.load();
    assert_eq!(snap.partnership("sam-lee").unwrap().goals.len(), 1);
    assert_eq!(snap.conflicts, vec![copy]);
}

#[test]
fn ticks_made_from_stale_sheets_merge_per_item() {
    let (_dir, store) = setup();
    let snap = store.load();
    let p = snap.partnership("sam-lee").unwrap().clone();
    let path = p.tick_path("curee");
    let tick = ticks().ticks.into_values().next().unwrap();
    // Both start from "no sheet yet".
    let mut a = TickSheet::new("curee");
    a.ticks
        .insert("mentor-model-expertise".into(), tick.clone());
    let mut b = TickSheet::new("curee");
    b.ticks
        .insert("mentor-listen-actively".into(), tick.clone());
    store.save_at(&path, None, &a).unwrap();
    let saved = store.save_at(&path, None, &b).unwrap();
    assert!(saved.merged && saved.conflicts.is_empty());
    let now: TickSheet = read_record(&path).unwrap();
    assert_eq!(
        now.ticks.keys().collect::<Vec<_>>(),
        ["mentor-listen-actively", "mentor-model-expertise"]
    );
    // An untick from a stale sheet removes only that item.
    let mut c = a.clone();
    c.ticks.remove("mentor-model-expertise");
    store.save_at(&path, Some(&a), &c).unwrap();
    let now: TickSheet = read_record(&path).unwrap();
    assert_eq!(
        now.ticks.keys().collect::<Vec<_>>(),
        ["mentor-listen-actively"]
    );
}

#[test]
fn delete_refuses_a_record_changed_since_it_was_read() {
    let (_dir, store) = setup();
    let snap = store.load();
    let p = snap.partnership("sam-lee").unwrap();
    let saved = store.create_goal(p, &goal()).unwrap();
    let loaded = Loaded {
        path: saved.path.clone(),
        value: goal(),
    };
    let mut changed = goal();
    changed.barriers = "New barrier".into();
    store.save(&loaded, &changed).unwrap();
    assert!(store.delete(&loaded).is_err());
    assert!(saved.path.exists());
    let fresh = Loaded {
        path: saved.path.clone(),
        value: changed,
    };
    store.delete(&fresh).unwrap();
    assert!(!saved.path.exists());
}

#[test]
fn new_partnerships_get_unique_readable_ids() {
    let (_dir, store) = setup();
    let again = store.create_partnership(partnership()).unwrap();
    assert_eq!(again.value.id, "sam-lee-2");
    let mut unnamed = partnership();
    unnamed.name = "李雷".into();
    let saved = store.create_partnership(unnamed).unwrap();
    assert!(saved.value.id.starts_with("p-"), "{}", saved.value.id);
}

#[test]
fn temporary_and_hidden_files_are_ignored() {
    let (_dir, store) = setup();
    let meetings = store.partnerships_dir().join("sam-lee").join("meetings");
    std::fs::create_dir_all(&meetings).unwrap();
    std::fs::write(meetings.join(".tmp-abc.ron"), "half a fi").unwrap();
    std::fs::write(meetings.join("notes.txt"), "not a record").unwrap();
    let snap = store.load();
    assert!(snap.problems.is_empty(), "{:?}", snap.problems);
}
