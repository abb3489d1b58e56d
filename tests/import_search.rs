//! Import from jrnl (with an export written by jrnl itself, kept as a fixture) and search, from
//! the shell and in the full-screen journal.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use chrono::{NaiveDate, NaiveTime};
use mentorlog::app::{Overlay, Tab};
use mentorlog::journal::demo::{Size, write_demo};
use mentorlog::model::Meeting;
use mentorlog::store::Store;
use mentorlog::tui::Tui;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/jrnl-export.json"
);

fn ml(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("mentorlog").unwrap();
    c.arg("--data-dir")
        .arg(dir)
        .env("MENTORLOG_TODAY", "2026-11-23")
        .env_remove("MENTORLOG_DIR");
    c
}

fn meetings(dir: &Path) -> Vec<Meeting> {
    let snap = Store::new(dir).load();
    snap.partnerships[0]
        .meetings
        .iter()
        .map(|m| m.value.clone())
        .collect()
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir.join("partnerships/sam-lee/meetings"))
        .map(|r| r.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    v.sort();
    v
}

#[test]
fn a_real_jrnl_export_imports_completely() {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("j");
    ml(&dir)
        .args(["partner", "add", "Sam Lee"])
        .assert()
        .success();
    ml(&dir)
        .args(["import", "jrnl", FIXTURE, "--with", "sam"])
        .assert()
        .success()
        .stdout(predicates::str::contains("Imported 4 jrnl entries"));
    let mut ms = meetings(&dir);
    ms.sort_by_key(|m| m.date);
    assert_eq!(ms.len(), 4);
    let first = &ms[0];
    assert_eq!(first.date, NaiveDate::from_ymd_opt(2026, 9, 14).unwrap());
    assert_eq!(first.time, NaiveTime::from_hms_opt(15, 30, 0));
    assert_eq!(first.focus, "Questioning in Year 9.");
    assert!(
        first
            .notes
            .starts_with("We looked at how @Sam uses open questions")
    );
    assert_eq!(first.tags, vec!["@sam"]);
    assert_eq!(ms[1].tags, vec!["@sam", "@observation"]);
    assert!(
        ms[1].notes.contains("\"we think it's friction\""),
        "quotes and dashes survive"
    );
    assert!(ms[2].notes.contains("café, 李雷 ✓"), "unicode survives");
    assert_eq!(
        ms[3].tags,
        vec!["@agreement", "starred"],
        "starred is kept as a tag"
    );

    // Importing the same file again adds nothing.
    ml(&dir)
        .args(["import", "jrnl", FIXTURE, "--with", "sam"])
        .assert()
        .success()
        .stdout(predicates::str::contains("4 already in the journal"));
    assert_eq!(meetings(&dir).len(), 4);
}

#[test]
fn a_malformed_file_imports_nothing_and_says_why() {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("j");
    ml(&dir)
        .args(["partner", "add", "Sam Lee"])
        .assert()
        .success();
    let bad = t.path().join("bad.json");
    std::fs::write(
        &bad,
        "{\"entries\": [{\"title\": \"ok\", \"body\": \"\", \"date\": \"2026-01-01\"},",
    )
    .unwrap();
    ml(&dir)
        .args(["import", "jrnl"])
        .arg(&bad)
        .args(["--with", "sam"])
        .assert()
        .failure()
        .stderr(predicates::str::contains("bad.json:1:"))
        .stderr(predicates::str::contains("jrnl --export json"));
    // One good entry, then one with a date jrnl never writes: the good one is not imported either.
    std::fs::write(
        &bad,
        r#"{"entries": [{"title": "ok", "body": "", "date": "2026-01-01", "time": "09:00"},
                        {"title": "broken", "body": "", "date": "01/02/2026", "time": "09:00"}]}"#,
    )
    .unwrap();
    ml(&dir)
        .args(["import", "jrnl"])
        .arg(&bad)
        .args(["--with", "sam"])
        .assert()
        .failure()
        .stderr(predicates::str::contains("entry 2 (\"broken\")"))
        .stderr(predicates::str::contains("nothing was imported"));
    assert!(files(&dir).is_empty(), "{:?}", files(&dir));
    ml(&dir)
        .args(["import", "jrnl", "/nonexistent.json", "--with", "sam"])
        .assert()
        .failure()
        .stderr(predicates::str::contains("jrnl --export json"));
}

fn demo_dir() -> (tempfile::TempDir, PathBuf) {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("j");
    write_demo(
        &Store::new(&dir),
        Size::Small,
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
    )
    .unwrap();
    (t, dir)
}

fn search_json(dir: &Path, args: &[&str]) -> serde_json::Value {
    let out = ml(dir).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn search_from_the_shell_finds_a_word_from_every_kind_of_record() {
    let (_t, dir) = demo_dir();
    for (query, kind) in [
        ("Priya", "partnership"),
        ("went quiet", "meeting"),
        ("three open questions in the plenary", "meeting"),
        ("seating plan", "goal"),
        ("behaviour routines as carefully", "reflection"),
        ("broker access", "item"),
    ] {
        let v = search_json(&dir, &["search", query, "--json"]);
        let kinds: Vec<&str> = v["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["kind"].as_str().unwrap())
            .collect();
        assert!(kinds.contains(&kind), "{query}: {kinds:?}");
    }
    ml(&dir)
        .args(["search", "seating", "plan"])
        .assert()
        .success()
        .stdout(predicates::str::contains("goal"))
        .stdout(predicates::str::contains("Sam Lee"));
    ml(&dir)
        .args(["search", "zzqxj"])
        .assert()
        .success()
        .stdout(predicates::str::contains("Nothing matches"));
}

#[test]
fn search_in_review_mode_leaves_private_notes_out() {
    let (_t, dir) = demo_dir();
    let private = |v: &serde_json::Value| {
        v["results"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| {
                r["kind"] == "meeting" && r["snippet"].as_str().unwrap().contains("overwhelmed")
            })
            .count()
    };
    let v = search_json(&dir, &["search", "overwhelmed", "--json"]);
    assert_eq!(private(&v), 1);
    let v = search_json(&dir, &["--review", "search", "overwhelmed", "--json"]);
    assert_eq!(private(&v), 0);
}

fn press(app: &mut Tui, code: KeyCode) {
    app.key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn type_text(app: &mut Tui, s: &str) {
    for c in s.chars() {
        press(app, KeyCode::Char(c));
    }
}

#[test]
fn slash_searches_and_enter_jumps_to_the_record() {
    let (_t, dir) = demo_dir();
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let mut app = Tui::open(Store::new(&dir), today, false);
    for (query, tab) in [
        ("seating plan", Tab::Goals),
        ("went quiet", Tab::Meetings),
        ("behaviour routines as carefully", Tab::Reflections),
        ("broker access", Tab::Checklists),
    ] {
        press(&mut app, KeyCode::Char('/'));
        type_text(&mut app, query);
        let Some(Overlay::Search(s)) = app.overlays.last() else {
            panic!("no search popup")
        };
        assert!(!s.hits.is_empty(), "{query}");
        assert!(!s.hits[0].matched.is_empty(), "the match is marked");
        press(&mut app, KeyCode::Enter);
        assert!(app.overlays.is_empty());
        assert_eq!(app.tab, tab, "{query}");
        assert_eq!(app.partner().unwrap().id(), "sam-lee");
    }
    // The goal under the cursor is the one found.
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "seating plan");
    press(&mut app, KeyCode::Enter);
    let g = &app.goals()[app.goal_cursor].value;
    assert!(g.mentee_actions.contains("seating plan"));
    // The checklist cursor is on the item found.
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "broker access");
    press(&mut app, KeyCode::Enter);
    match &app.checklist_rows()[app.checklist.cursor] {
        mentorlog::app::checklist::Row::Item { item, .. } => {
            assert_eq!(item.id, "mentor-broker-access")
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_palette_runs_any_action_by_name() {
    let (_t, dir) = demo_dir();
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let mut app = Tui::open(Store::new(&dir), today, false);
    app.key(KeyEvent::new(KeyCode::Char('p'), KeyModifiers::CONTROL));
    let Some(Overlay::Picker(p)) = app.overlays.last() else {
        panic!("no palette")
    };
    assert!(
        p.options
            .iter()
            .any(|(_, l)| l.contains("[3]") && l.contains("Goals tab")),
        "keys are shown"
    );
    type_text(&mut app, "goals tab");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.tab, Tab::Goals);
    press(&mut app, KeyCode::Char(':'));
    type_text(&mut app, "review mode");
    press(&mut app, KeyCode::Enter);
    assert!(app.review);
}
