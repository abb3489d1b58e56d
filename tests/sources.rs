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
