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

#[path = "common/screen.rs"]
mod screen;

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

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// What an imported meeting says, without its id.
fn content(m: &Meeting) -> (NaiveDate, Option<NaiveTime>, String, String, Vec<String>) {
    (
        m.date,
        m.time,
        m.focus.clone(),
        m.notes.clone(),
        m.tags.clone(),
    )
}

fn sorted(mut v: Vec<Meeting>) -> Vec<Meeting> {
    v.sort_by(|a, b| (a.date, a.time, &a.id).cmp(&(b.date, b.time, &b.id)));
    v
}

/// The fixtures beside jrnl-export.json are that file converted: with a UTF-8 byte-order mark
/// (jrnl-export-bom.json), and as PowerShell's `>` writes it, UTF-16 little endian with a
/// byte-order mark and CRLF line ends (jrnl-export-utf16le.json), and UTF-16 big endian with
/// a byte-order mark (jrnl-export-utf16be.json).
#[test]
fn an_export_with_a_bom_or_in_utf16_imports_as_the_original_does() {
    let t = tempfile::tempdir().unwrap();
    let original = t.path().join("original");
    ml(&original)
        .args(["partner", "add", "Sam Lee"])
        .assert()
        .success();
    ml(&original)
        .args(["import", "jrnl", FIXTURE, "--with", "sam"])
        .assert()
        .success();
    let want: Vec<_> = sorted(meetings(&original)).iter().map(content).collect();
    assert_eq!(want.len(), 4);
    for name in [
        "jrnl-export-bom.json",
        "jrnl-export-utf16le.json",
        "jrnl-export-utf16be.json",
    ] {
        let dir = t.path().join(name);
        ml(&dir)
            .args(["partner", "add", "Sam Lee"])
            .assert()
            .success();
        ml(&dir)
            .args(["import", "jrnl", &fixture(name), "--with", "sam"])
            .assert()
            .success()
            .stdout(predicates::str::contains("Imported 4 jrnl entries"));
        let got: Vec<_> = sorted(meetings(&dir)).iter().map(content).collect();
        assert_eq!(got, want, "{name}");
        // The same entries in another encoding are the same entries.
        ml(&original)
            .args(["import", "jrnl", &fixture(name), "--with", "sam"])
            .assert()
            .success()
            .stdout(predicates::str::contains("Imported 0 jrnl entries"))
            .stdout(predicates::str::contains("4 already in the journal"));
    }
    assert_eq!(meetings(&original).len(), 4);
}

/// jrnl-duplicates.json was written by jrnl 4.6 itself (`jrnl --export json`) from a journal
/// holding the same entry twice, an entry and its starred twin, and three entries written in
/// one minute (Zebra, Apple, Mango: not in alphabetical order).
#[test]
fn every_jrnl_entry_is_imported_once_in_jrnls_order_with_nothing_made_up() {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("j");
    ml(&dir)
        .args(["partner", "add", "Sam Lee"])
        .assert()
        .success();
    let file = fixture("jrnl-duplicates.json");
    ml(&dir)
        .args(["import", "jrnl", &file, "--with", "sam"])
        .assert()
        .success()
        .stdout(predicates::str::contains("Imported 9 jrnl entries"));
    let ms = sorted(meetings(&dir));
    assert_eq!(ms.len(), 9, "every entry jrnl exported");
    let focus: Vec<&str> = ms.iter().map(|m| m.focus.as_str()).collect();
    assert_eq!(
        focus,
        [
            "Questioning in Year 9.",
            "Weekly check-in.",
            "Weekly check-in.",
            "Observation debrief.",
            "Observation debrief.",
            "Zebra first.",
            "Apple second.",
            "Mango third.",
            "Agreement signed.",
        ],
        "jrnl's order, within a minute too"
    );
    assert_eq!(content(&ms[1]), content(&ms[2]), "the exact duplicate");
    assert_eq!(ms[3].tags, vec!["@observation"]);
    assert_eq!(
        ms[4].tags,
        vec!["@observation", "starred"],
        "starred stays starred"
    );
    // jrnl records no mode or type: none is made up.
    for m in &ms {
        assert_eq!(m.mode, mentorlog::model::MeetingMode::NotRecorded);
        assert_eq!(m.kind, mentorlog::model::MeetingType::NotRecorded);
    }
    let status = ml(&dir)
        .args(["status", "--with", "sam"])
        .assert()
        .success();
    let status = String::from_utf8_lossy(&status.get_output().stdout).into_owned();
    assert!(!status.contains("in person"), "{status}");
    assert!(status.contains("] Agreement signed."), "{status}");
    // A second import adds nothing.
    ml(&dir)
        .args(["import", "jrnl", &file, "--with", "sam"])
        .assert()
        .success()
        .stdout(predicates::str::contains("Imported 0 jrnl entries"))
        .stdout(predicates::str::contains("9 already in the journal"));
    assert_eq!(meetings(&dir).len(), 9);
    // A journal that holds only one of the twins (an import by an older mentorlog) gets the
    // other, and nothing else.
    let one = ms
        .iter()
        .filter(|m| m.focus == "Weekly check-in.")
        .nth(1)
        .unwrap();
    let path = files(&dir)
        .into_iter()
        .find(|p| p.to_string_lossy().contains(&one.id))
        .unwrap();
    std::fs::remove_file(path).unwrap();
    ml(&dir)
        .args(["import", "jrnl", &file, "--with", "sam"])
        .assert()
        .success()
        .stdout(predicates::str::contains("Imported 1 jrnl entry"))
        .stdout(predicates::str::contains("8 already in the journal"));
    assert_eq!(meetings(&dir).len(), 9);
}

#[test]
fn an_imported_meeting_edited_full_screen_keeps_its_mode_and_type_not_recorded() {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("j");
    ml(&dir)
        .args(["partner", "add", "Sam Lee"])
        .assert()
        .success();
    ml(&dir)
        .args(["import", "jrnl", FIXTURE, "--with", "sam"])
        .assert()
        .success();
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let mut app = Tui::open(Store::new(&dir), today, false);
    // The newest meeting: Date, Time, Duration, Mode, Type, then Focus.
    type_text(&mut app, "2e");
    for _ in 0..5 {
        press(&mut app, KeyCode::Tab);
    }
    type_text(&mut app, " Edited");
    app.key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    assert!(app.overlays.is_empty(), "{:?}", app.overlays);
    let m = meetings(&dir)
        .into_iter()
        .find(|m| m.focus.ends_with(" Edited"))
        .expect("the edit was saved");
    assert_eq!(m.mode, mentorlog::model::MeetingMode::NotRecorded);
    assert_eq!(m.kind, mentorlog::model::MeetingType::NotRecorded);
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

/// A search cut to its limit says how many it found in all, and how to see them.
#[test]
fn search_cut_to_its_limit_says_how_many_it_found() {
    use predicates::prelude::PredicateBooleanExt;
    let (_t, dir) = demo_dir();
    let all = search_json(&dir, &["search", "question", "--json", "--limit", "1000"]);
    let every = all["results"].as_array().unwrap().len();
    assert!(every > 2, "the demo has several hits for 'question'");
    assert_eq!(all["found"], every);
    let cut = search_json(&dir, &["search", "question", "--json", "--limit", "2"]);
    assert_eq!(cut["results"].as_array().unwrap().len(), 2);
    assert_eq!(cut["found"], every);
    ml(&dir)
        .args(["search", "question", "--limit", "2"])
        .assert()
        .success()
        .stdout(predicates::str::contains(format!(
            "The best 2 of {every} found; --limit {every} shows them all."
        )));
    ml(&dir)
        .args(["search", "question", "--limit", "1000"])
        .assert()
        .success()
        .stdout(predicates::str::contains("The best").not());
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

/// The popup shows the best 50, and says how many it found when that is more.
#[test]
fn the_search_popup_counts_every_hit_not_only_those_shown() {
    let (_t, dir) = demo_dir();
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let every = search_json(&dir, &["search", "e", "--json", "--limit", "100000"])["found"]
        .as_u64()
        .unwrap();
    assert!(
        every > 50,
        "the demo has more than 50 hits for 'e': {every}"
    );
    let mut app = Tui::open(Store::new(&dir), today, false);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "e");
    let Some(Overlay::Search(s)) = app.overlays.last() else {
        panic!("no search popup")
    };
    assert_eq!((s.hits.len(), s.total as u64), (50, every));
    let screen = screen::text(&mut app, 120, 40);
    assert!(
        screen.contains(&format!("{every} found, the best 50 shown")),
        "{screen}"
    );
    press(&mut app, KeyCode::Backspace);
    type_text(&mut app, "seating plan");
    let screen = screen::text(&mut app, 120, 40);
    let Some(Overlay::Search(s)) = app.overlays.last() else {
        panic!("no search popup")
    };
    assert!(
        (1..=50).contains(&s.total) && s.total == s.hits.len(),
        "{} of {}, {:?}",
        s.hits.len(),
        s.total,
        s.query
    );
    assert!(screen.contains(&format!("{} found ", s.total)), "{screen}");
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
