//! One script of operations, run once through the command line and once through the
//! full-screen journal (by key names, as a person types them), on two fresh journals: the two
//! data directories come out the same, file for file, links between records included. Both
//! front ends make their changes through the one journal core, so they cannot drift.
//!
//! Record ids are random, so each id is replaced by its place in the journal before the trees
//! are compared.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::NaiveDate;
use mentorlog::app::Overlay;
use mentorlog::app::checklist::Row;
use mentorlog::journal::Journal;
use mentorlog::model::{Goal, Meeting};
use mentorlog::store::{LOCK_FILE, Store, read_record};
use mentorlog::tui::Tui;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const TODAY: &str = "2026-11-23";

fn today() -> NaiveDate {
    NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").unwrap()
}

// ----- the script, through the command line -----

fn cli(dir: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_mentorlog"))
        .arg("--data-dir")
        .arg(dir)
        .args(["--today", TODAY])
        .args(args)
        .env("USER", "jo")
        .env_remove("MENTORLOG_DIR")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "mentorlog {args:?} failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

/// The meeting id a `log` printed: "Logged meeting ... (id abc123)".
fn logged_id(out: &str) -> String {
    let at = out.find("(id ").unwrap() + 4;
    out[at..at + 6].to_string()
}

fn by_cli(dir: &Path) {
    cli(dir, &["partner", "add", "Sam Lee"]);
    let first = logged_id(&cli(
        dir,
        &[
            "log",
            "--with",
            "sam",
            "--date",
            "2026-11-20",
            "--focus",
            "Questioning in Year 9",
            "--action",
            "Plan three open questions",
            "--due",
            "+1w",
            "Sam tried wait time.",
        ],
    ));
    let second = logged_id(&cli(
        dir,
        &[
            "log",
            "--with",
            "sam",
            "--date",
            "2026-11-22",
            "--focus",
            "Behaviour routines",
            "--private",
            "Seating plan reviewed.",
        ],
    ));
    cli(
        dir,
        &[
            "goal",
            "add",
            "--with",
            "sam",
            "Use open questions in every lesson",
            "--target",
            "2026-12-20",
            "--mentee-actions",
            "Plan three per lesson",
        ],
    );
    cli(
        dir,
        &[
            "tick",
            "--with",
            "sam",
            "curee/mentor-open-questions",
            "--meeting",
            &first,
        ],
    );
    cli(
        dir,
        &[
            "tick",
            "--with",
            "sam",
            "curee/mentor-listen-actively",
            "--evidence",
            "Listened in the debrief",
        ],
    );
    // In the full-screen journal this one is chosen in the meeting's own form.
    cli(
        dir,
        &[
            "tick",
            "--with",
            "sam",
            "curee/mentor-broker-access",
            "--meeting",
            &first,
        ],
    );
    cli(
        dir,
        &["tick", "--with", "sam", "curee/mentor-model-expertise"],
    );
    cli(
        dir,
        &[
            "tick",
            "--with",
            "sam",
            "curee/mentor-model-expertise",
            "--undo",
        ],
    );
    cli(
        dir,
        &[
            "tick",
            "--with",
            "sam",
            "curee/mentor-relate-sensitively",
            "--meeting",
            &second,
        ],
    );
    // Unticking an item with a meeting as evidence takes it out of the meeting as well.
    cli(
        dir,
        &[
            "tick",
            "--with",
            "sam",
            "curee/mentor-relate-sensitively",
            "--undo",
        ],
    );
}

// ----- the same script, through the full-screen journal -----

fn key(t: &str) -> KeyEvent {
    let (code, mods) = match t {
        "Enter" => (KeyCode::Enter, KeyModifiers::NONE),
        "Esc" => (KeyCode::Esc, KeyModifiers::NONE),
        "Tab" => (KeyCode::Tab, KeyModifiers::NONE),
        "Down" => (KeyCode::Down, KeyModifiers::NONE),
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
        t.key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
}

/// Tab to the field labelled `label` of the open form and empty it.
fn field(t: &mut Tui, label: &str) {
    for _ in 0..20 {
        let Some(Overlay::Form(f)) = t.overlays.last() else {
            panic!("no form open: {:?}", t.overlays.last());
        };
        if f.fields[f.focus].label == label {
            let n = f.fields[f.focus].value().chars().count() + 2;
            for _ in 0..n {
                keys(t, "Backspace");
            }
            // A text area keeps lines: go on until it is empty.
            while matches!(t.overlays.last(), Some(Overlay::Form(f)) if !f.fields[f.focus].value().is_empty())
            {
                keys(t, "Backspace");
            }
            return;
        }
        keys(t, "Tab");
    }
    panic!("no field {label:?}");
}

/// Put the checklist cursor on `item` of the framework shown, as j presses would.
fn to_item(t: &mut Tui, item: &str) {
    keys(t, "g");
    let at = t
        .checklist_rows()
        .iter()
        .position(|r| matches!(r, Row::Item { item: i, .. } if i.id == item))
        .unwrap_or_else(|| panic!("no item {item}"));
    for _ in 0..at {
        keys(t, "j");
    }
}

fn saved(t: &Tui) {
    assert!(t.overlays.is_empty(), "{:?} / {:?}", t.overlays, t.status);
    assert!(
        !t.status.as_ref().is_some_and(|s| s.error),
        "{:?}",
        t.status
    );
}

fn by_tui(dir: &Path) {
    let mut j = Journal::open(Store::new(dir), today());
    j.set_owner_name("jo");
    let mut t = Tui::new(j, false);
    // The welcome: n for a new partnership.
    keys(&mut t, "n");
    type_text(&mut t, "Sam Lee");
    keys(&mut t, "C-s");
    saved(&t);
    // The first meeting, with an action item.
    keys(&mut t, "2 n");
    field(&mut t, "Date");
    type_text(&mut t, "2026-11-20");
    field(&mut t, "Focus");
    type_text(&mut t, "Questioning in Year 9");
    field(&mut t, "Notes");
    type_text(&mut t, "Sam tried wait time.");
    keys(&mut t, "Tab a");
    type_text(&mut t, "Plan three open questions");
    keys(&mut t, "Tab Tab");
    type_text(&mut t, "+1w");
    keys(&mut t, "C-s C-s");
    saved(&t);
    // The second, private.
    keys(&mut t, "n");
    field(&mut t, "Date");
    type_text(&mut t, "2026-11-22");
    field(&mut t, "Focus");
    type_text(&mut t, "Behaviour routines");
    field(&mut t, "Notes");
    type_text(&mut t, "Seating plan reviewed.");
    field(&mut t, "Private");
    keys(&mut t, "l C-s");
    saved(&t);
    // A goal.
    keys(&mut t, "3 n");
    type_text(&mut t, "Use open questions in every lesson");
    field(&mut t, "Mentee's actions");
    type_text(&mut t, "Plan three per lesson");
    field(&mut t, "Target date");
    type_text(&mut t, "2026-12-20");
    keys(&mut t, "C-s");
    saved(&t);
    // Ticks: a meeting as evidence (the older one, second in the list), typed text, a tick
    // taken back, and the newer meeting.
    keys(&mut t, "4");
    to_item(&mut t, "mentor-open-questions");
    keys(&mut t, "a Enter Down Enter");
    saved(&t);
    // Evidence chosen from the meeting's side: its form's Evidences field.
    keys(&mut t, "2 j e");
    field(&mut t, "Evidences");
    keys(&mut t, "Enter");
    type_text(&mut t, "mentor-broker-access");
    keys(&mut t, "Space Enter C-s");
    saved(&t);
    keys(&mut t, "4");
    to_item(&mut t, "mentor-listen-actively");
    keys(&mut t, "a Down Enter");
    type_text(&mut t, "Listened in the debrief");
    keys(&mut t, "C-s");
    saved(&t);
    to_item(&mut t, "mentor-model-expertise");
    keys(&mut t, "Space Space");
    saved(&t);
    to_item(&mut t, "mentor-relate-sensitively");
    keys(&mut t, "a Enter Enter");
    saved(&t);
    keys(&mut t, "Space");
    saved(&t);
}

// ----- comparing the trees -----

/// Every file of the data directory (its state folder and lock aside), by path inside it.
fn tree(root: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().filter_map(Result::ok) {
            let p = e.path();
            let rel = p.strip_prefix(root).unwrap().display().to_string();
            if rel == LOCK_FILE || rel.starts_with(".mentorlog") {
                continue;
            }
            if p.is_dir() {
                stack.push(p);
            } else {
                out.insert(rel, std::fs::read_to_string(&p).unwrap());
            }
        }
    }
    out
}

/// Each record id replaced by its place: meetings by date, then their action items, then
/// goals by objective.
fn normalised(root: &Path) -> BTreeMap<String, String> {
    let files = tree(root);
    let mut meetings: Vec<Meeting> = Vec::new();
    let mut goals: Vec<Goal> = Vec::new();
    for rel in files.keys() {
        let path: PathBuf = root.join(rel);
        if rel.contains("/meetings/") {
            meetings.push(read_record(&path).unwrap());
        } else if rel.contains("/goals/") {
            goals.push(read_record(&path).unwrap());
        }
    }
    meetings.sort_by_key(|m| m.date);
    goals.sort_by(|a, b| a.objective.cmp(&b.objective));
    let mut ids: Vec<String> = Vec::new();
    for m in &meetings {
        ids.push(m.id.clone());
        ids.extend(m.action_items.iter().map(|a| a.id.clone()));
    }
    ids.extend(goals.iter().map(|g| g.id.clone()));
    let swap = |s: &str| {
        ids.iter().enumerate().fold(s.to_string(), |acc, (n, id)| {
            acc.replace(id.as_str(), &format!("ID{n:02}"))
        })
    };
    files.iter().map(|(k, v)| (swap(k), swap(v))).collect()
}

#[test]
fn the_command_line_and_the_full_screen_journal_write_the_same_journal() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("by-cli"), dir.path().join("by-tui"));
    by_cli(&a);
    by_tui(&b);
    let (ta, tb) = (normalised(&a), normalised(&b));
    assert_eq!(
        ta.keys().collect::<Vec<_>>(),
        tb.keys().collect::<Vec<_>>(),
        "the two journals hold different files"
    );
    for (path, text) in &ta {
        assert_eq!(text, &tb[path], "{path} differs");
    }
    // What the script should have made, so the two are not equal by being empty.
    assert_eq!(ta.keys().filter(|k| k.contains("/meetings/")).count(), 2);
    assert_eq!(ta.keys().filter(|k| k.contains("/goals/")).count(), 1);
    let ticks = &ta["partnerships/sam-lee/ticks/curee.ron"];
    for item in [
        "mentor-open-questions",
        "mentor-broker-access",
        "mentor-listen-actively",
    ] {
        assert!(ticks.contains(item), "{item} not ticked:\n{ticks}");
    }
    for item in ["mentor-model-expertise", "mentor-relate-sensitively"] {
        assert!(!ticks.contains(item), "{item} still ticked:\n{ticks}");
    }
    // Links hold both ways: each meeting lists the item its tick names it for.
    let first = ta.iter().find(|(k, _)| k.contains("2026-11-20")).unwrap().1;
    assert!(first.contains("\"curee/mentor-open-questions\""), "{first}");
    assert!(first.contains("\"curee/mentor-broker-access\""), "{first}");
    let second = ta.iter().find(|(k, _)| k.contains("2026-11-22")).unwrap().1;
    assert!(!second.contains("mentor-relate-sensitively"), "{second}");
    assert!(second.contains("private: true"), "{second}");
}
