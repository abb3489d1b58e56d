//! What the sources give, shipped and used: CUREE's core concepts to read, LJMU's checklists
//! printed with their words, the LSIS criteria for being mentored beside a new partnership,
//! the LSIS reporting rhythm as a meeting cadence, and the ScotELAs agreement prompts beside
//! the agreement form. The texts themselves are checked against the seed documents in the
//! `framework_*` tests; here they are checked to reach the screen and the command line.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use mentorlog::framework::FrameworkSet;
use serde_json::Value;
use tempfile::TempDir;

const BIN: &str = env!("CARGO_BIN_EXE_mentorlog");
const TODAY: &str = "2026-11-23";

// ---------------------------------------------------------------- the command line

fn tmp() -> (TempDir, PathBuf) {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("journal");
    (t, dir)
}

fn ml(dir: &Path) -> Command {
    let mut c = Command::new(BIN);
    c.arg("--data-dir")
        .arg(dir)
        .env("MENTORLOG_TODAY", TODAY)
        .env_remove("MENTORLOG_DIR")
        .env("EDITOR", "false")
        .env("VISUAL", "false");
    c
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let a = ml(dir).args(args).assert().success();
    String::from_utf8(a.get_output().stdout.clone()).unwrap()
}

#[test]
fn framework_show_curee_prints_the_core_concepts_paragraph_by_paragraph() {
    let (_t, dir) = tmp();
    let out = ok(&dir, &["framework", "show", "curee"]);
    let set = FrameworkSet::bundled();
    let p = set.get("curee").unwrap().passage("core-concepts").unwrap();
    let at = out
        .find("\nCore concepts [core-concepts]\n")
        .expect("the passage's heading");
    let printed: Vec<&str> = out[at..].lines().collect();
    // Every paragraph and list entry, whole, on a line of its own, in order.
    let mut from = 0;
    for line in p.text.lines().filter(|l| !l.is_empty()) {
        let found = printed[from..]
            .iter()
            .position(|l| *l == format!("  {line}"))
            .unwrap_or_else(|| panic!("{line:?} is printed after the one before it"));
        from += found + 1;
    }
    assert!(out.contains(
        "\n  Mentoring for Challenge is used to enable professional learners to address \
         significant issues that may inhibit progress.\n"
    ));
    assert!(out.contains("\n  1. identifying learning goals and supporting progression\n"));
    // And in the JSON, beside the sections.
    let v: Value =
        serde_json::from_str(&ok(&dir, &["framework", "show", "curee", "--json"])).unwrap();
    assert_eq!(v["passages"][0]["id"], "core-concepts");
    assert_eq!(v["passages"][0]["text"], p.text.as_str());
    // A framework without passages has none in its JSON.
    let v: Value =
        serde_json::from_str(&ok(&dir, &["framework", "show", "mcf", "--json"])).unwrap();
    assert!(v.get("passages").is_none());
}

#[test]
fn framework_show_ljmu_prints_each_checklist_row_with_its_words() {
    let (_t, dir) = tmp();
    let out = ok(&dir, &["framework", "show", "ljmu"]);
    let set = FrameworkSet::bundled();
    let ljmu = set.get("ljmu").unwrap();
    let lines: Vec<&str> = out.lines().collect();
    let mut refs = 0;
    for (_, item) in ljmu.items() {
        let Some(r) = &item.reference else { continue };
        refs += 1;
        let (f, i) = r.split_once('/').unwrap();
        let words = set.get(f).unwrap().item(i).unwrap().text.as_str();
        let head = format!("- ljmu/{} (= {r})", item.id);
        let at = lines
            .iter()
            .position(|l| l.trim() == head)
            .unwrap_or_else(|| panic!("{head:?} is printed"));
        for (n, w) in words.lines().enumerate() {
            assert_eq!(lines[at + 1 + n].trim(), w, "the words of {r} under {head}");
        }
    }
    assert_eq!(refs, 50, "every CUREE checklist row of the three stages");
    // No row is a bare address any more.
    assert!(
        !lines.iter().any(|l| l.trim().starts_with("curee/")),
        "{out}"
    );
}

// ---------------------------------------------------------------- the full-screen journal

use chrono::NaiveDate;
use mentorlog::app::Overlay;
use mentorlog::journal::demo::{Size, write_demo};
use mentorlog::store::Store;
use mentorlog::tui::Tui;
use mentorlog::ui::{Keymap, Theme, View};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn key(t: &str) -> KeyEvent {
    let (code, mods) = match t {
        "Enter" => (KeyCode::Enter, KeyModifiers::NONE),
        "Esc" => (KeyCode::Esc, KeyModifiers::NONE),
        "Tab" => (KeyCode::Tab, KeyModifiers::NONE),
        "BTab" => (KeyCode::BackTab, KeyModifiers::SHIFT),
        "Right" => (KeyCode::Right, KeyModifiers::NONE),
        "Down" => (KeyCode::Down, KeyModifiers::NONE),
        "Space" => (KeyCode::Char(' '), KeyModifiers::NONE),
        "C-s" => (KeyCode::Char('s'), KeyModifiers::CONTROL),
        "C-g" => (KeyCode::Char('g'), KeyModifiers::CONTROL),
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

/// The small demo, with the `n`th partnership (0: Alex Morgan, 1: Priya Shah, 2: Sam Lee)
/// selected.
fn demo(n: usize) -> (TempDir, Tui) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path().join("j"));
    write_demo(&store, Size::Small, today()).unwrap();
    let mut t = Tui::open(store, today(), false);
    for _ in 0..n {
        keys(&mut t, "j");
    }
    (dir, t)
}

/// The screen as text, one row a line.
fn screen(t: &Tui, w: u16, h: u16) -> String {
    let theme = Theme::default();
    let keymap = Keymap::default();
    let view = View {
        theme: &theme,
        keymap: &keymap,
    };
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| t.draw(f, &view)).unwrap();
    let buf = term.backend().buffer();
    (0..h)
        .map(|y| (0..w).map(|x| buf[(x, y)].symbol()).collect::<String>() + "\n")
        .collect()
}

/// The screen's text with the borders and line breaks taken out, words single-spaced, so
/// wrapped text can be looked for whole.
fn words(t: &Tui, w: u16, h: u16) -> String {
    let s = screen(t, w, h);
    let text: String = s
        .lines()
        .map(|l| {
            // The popup's text sits between its borders.
            let inner: Vec<&str> = l.split('│').collect();
            inner.get(2).copied().unwrap_or("").trim().to_string()
        })
        .collect::<Vec<_>>()
        .join(" ");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn status(t: &Tui) -> String {
    t.status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

#[test]
fn r_in_the_checklists_reads_the_core_concepts_and_scrolls_to_their_end() {
    let (_dir, mut t) = demo(0);
    keys(&mut t, "4 r");
    assert!(
        matches!(t.overlays.last(), Some(Overlay::Passages { framework, .. }) if framework == "curee"),
        "{:?}",
        t.overlays
    );
    let set = FrameworkSet::bundled();
    let text = &set
        .get("curee")
        .unwrap()
        .passage("core-concepts")
        .unwrap()
        .text;
    let paragraphs: Vec<&str> = text.split("\n\n").collect();
    let top = words(&t, 80, 24);
    assert!(top.contains("Core concepts"), "{top}");
    assert!(top.contains(paragraphs[0]), "{top}");
    assert!(top.contains(paragraphs[1]), "{top}");
    assert!(!top.contains(paragraphs[27]));
    // The end of the last paragraph can be scrolled to, and no further.
    for size in [(80, 24), (140, 40)] {
        t.size = size;
        keys(&mut t, "G");
        let bottom = words(&t, size.0, size.1);
        assert!(bottom.contains(paragraphs[27]), "{size:?}: {bottom}");
        keys(&mut t, "g");
    }
    keys(&mut t, "Esc");
    assert!(t.overlays.is_empty());
}

#[test]
fn ljmu_reads_the_core_concepts_of_the_curee_skills_it_reuses_and_tla_has_none() {
    // Sam Lee uses curee and ljmu: c picks LJMU, whose checklists reuse CUREE's skills.
    let (_dir, mut t) = demo(2);
    keys(&mut t, "4 c Down Enter r");
    assert!(
        matches!(t.overlays.last(), Some(Overlay::Passages { framework, .. }) if framework == "ljmu"),
        "{:?}",
        t.overlays
    );
    let shown = words(&t, 140, 40);
    assert!(
        shown.contains("CUREE National Framework for Mentoring and Coaching Core concepts"),
        "{shown}"
    );
    assert!(
        shown.contains("Mentoring is a structured, sustained process"),
        "{shown}"
    );
    keys(&mut t, "Esc");
    // Priya Shah uses curee and tla: the TLA rubric has nothing beyond its items.
    let (_dir, mut t) = demo(1);
    keys(&mut t, "4 c Down Enter r");
    assert!(t.overlays.is_empty(), "{:?}", t.overlays);
    assert!(
        status(&t).contains("has nothing to read beyond its items"),
        "{}",
        status(&t)
    );
}

#[test]
fn the_checklists_key_to_read_is_in_the_help_and_the_status_bar() {
    let (_dir, mut t) = demo(0);
    keys(&mut t, "4");
    assert!(screen(&t, 140, 40).contains(" r read "));
    keys(&mut t, "?");
    let help = screen(&t, 140, 120);
    assert!(
        help.contains("read the text beyond the items (CUREE's core concepts)"),
        "{help}"
    );
}
