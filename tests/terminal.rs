//! Nothing from the journal drives the terminal: a partnership named with an OSC sequence
//! (`ESC ] 0 ; pwned BEL`, which retitles a terminal window), a note and a focus that clear
//! the screen (`ESC [ 2 J`), a goal with a C1 CSI and a DEL, and a file whose name holds an
//! escape sequence, printed by every command that shows them: status, status --with,
//! partner list, goal list, search, log, the warning about the file, an error, and a CSV
//! export printed to a terminal. JSON output keeps the characters, escaped; an export
//! redirected to a file keeps its bytes (it is data).

use std::path::Path;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_mentorlog");
const NAME: &str = "Sam \u{1b}]0;pwned\u{7}Lee";
const NOTE: &str = "Notes \u{1b}[2Jhere";
const FOCUS: &str = "Focus \u{1b}[2Jtoday";
const GOAL: &str = "Goal \u{9b}2J\u{7f}plan";

fn ml(dir: &Path, args: &[&str]) -> Output {
    let out = Command::new(BIN)
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env("MENTORLOG_TODAY", "2026-11-23")
        .env_remove("MENTORLOG_DIR")
        .env("EDITOR", "false")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// The characters a terminal would act on: C0 controls but newline and tab, DEL, C1.
fn controls(bytes: &[u8]) -> Vec<char> {
    String::from_utf8_lossy(bytes)
        .chars()
        .filter(|c| c.is_control() && *c != '\n' && *c != '\t')
        .collect()
}

fn assert_clean(what: &str, bytes: &[u8]) {
    let found = controls(bytes);
    assert!(
        found.is_empty(),
        "{what} printed control characters {found:?}:\n{}",
        String::from_utf8_lossy(bytes)
    );
}

fn journal() -> (tempfile::TempDir, std::path::PathBuf) {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("j");
    ml(&dir, &["partner", "add", NAME]);
    ml(&dir, &["log", "--with", "sam", "--focus", FOCUS, NOTE]);
    ml(&dir, &["goal", "add", "--with", "sam", GOAL]);
    (t, dir)
}

#[test]
fn no_command_prints_the_journals_escape_sequences_raw() {
    let (_t, dir) = journal();
    let cases: &[&[&str]] = &[
        &["status"],
        &["status", "--with", "sam"],
        &["partner", "list"],
        &["goal", "list", "--with", "sam"],
        &["search", "here"],
        &["search", "plan"],
        &["search", "Lee"],
        &["log", "--with", "sam", "--focus", FOCUS, NOTE],
        &[
            "tick",
            "--with",
            "sam",
            "curee/mentor-open-questions",
            "--evidence",
            NOTE,
        ],
        &["export", "portfolio", "--with", "sam", "-o", "/dev/null"],
        &[],
    ];
    for args in cases {
        let out = ml(&dir, args);
        assert_clean(&format!("{args:?} (stdout)"), &out.stdout);
        assert_clean(&format!("{args:?} (stderr)"), &out.stderr);
        let text = String::from_utf8_lossy(&out.stdout);
        // What is left is the text itself.
        let shown = ["Sam Lee", "Notes here", "Focus today", "Goal plan"];
        assert!(
            shown.iter().any(|s| text.contains(s)),
            "{args:?} shows none of {shown:?}:\n{text}"
        );
    }
    let status =
        String::from_utf8_lossy(&ml(&dir, &["status", "--with", "sam"]).stdout).into_owned();
    assert!(status.contains("Sam Lee (sam-0-pwned-lee)"), "{status}");
    assert!(status.contains("Focus today"), "{status}");
    let goals =
        String::from_utf8_lossy(&ml(&dir, &["goal", "list", "--with", "sam"]).stdout).into_owned();
    assert!(goals.contains("Goal plan"), "{goals}");
}

#[test]
fn json_keeps_the_characters_escaped() {
    let (_t, dir) = journal();
    let json = |args: &[&str]| -> serde_json::Value {
        let out = ml(&dir, args);
        assert_clean(&format!("{args:?}"), &out.stdout);
        serde_json::from_slice(&out.stdout).unwrap()
    };
    // Read back, the JSON holds exactly what the journal holds.
    let v = json(&["partner", "list", "--json"]);
    assert_eq!(v["partnerships"][0]["name"], NAME);
    let v = json(&["status", "--json"]);
    assert_eq!(v["partnerships"][0]["name"], NAME);
    let v = json(&["goal", "list", "--with", "sam", "--json"]);
    assert!(
        v.to_string()
            .contains(&serde_json::to_string(GOAL).unwrap()),
        "{v}"
    );
    let v = json(&["search", "here", "--json"]);
    assert_eq!(v["results"][0]["snippet"].as_str().unwrap().trim(), NOTE);
}

#[test]
fn a_file_name_and_an_error_are_printed_clean() {
    let (_t, dir) = journal();
    let meetings = dir.join("partnerships/sam-0-pwned-lee/meetings");
    std::fs::write(
        meetings.join("2026-01-01-\u{1b}]0;pwned\u{7}.ron"),
        "not RON",
    )
    .unwrap();
    let out = ml(&dir, &["status"]);
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(err.contains("warning:"), "the file is reported: {err}");
    assert!(err.contains("2026-01-01-"), "{err}");
    assert_clean("the warning", &out.stderr);
    let out = Command::new(BIN)
        .arg("--data-dir")
        .arg(&dir)
        .args(["status", "--with", "\u{1b}[2Jnobody"])
        .env_remove("MENTORLOG_DIR")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(err.contains("no partnership matches"), "{err}");
    assert!(err.contains("Sam Lee"), "{err}");
    assert_clean("the error", &out.stderr);
}

#[test]
fn an_export_is_data_in_a_file_and_cleaned_on_a_terminal() {
    let (t, dir) = journal();
    // Redirected, the CSV is the data, every byte of it.
    let csv = ml(
        &dir,
        &["export", "csv", "--with", "sam", "--table", "meetings"],
    );
    assert!(String::from_utf8_lossy(&csv.stdout).contains(NOTE));
    // On a terminal (a pseudo-terminal made by script(1)), it is shown cleaned.
    let typescript = t.path().join("typescript");
    let cmd = format!(
        "{BIN} --data-dir '{}' export csv --with sam --table meetings",
        dir.display()
    );
    let Ok(out) = Command::new("script")
        .args(["-q", "-e", "-c", &cmd])
        .arg(&typescript)
        .env("SHELL", "/bin/sh")
        .env("MENTORLOG_TODAY", "2026-11-23")
        .env_remove("MENTORLOG_DIR")
        .output()
    else {
        eprintln!("script(1) is not installed: the terminal half of this test is skipped");
        return;
    };
    assert!(out.status.success(), "{out:?}");
    let shown = String::from_utf8_lossy(&out.stdout).replace("\r\n", "\n");
    assert!(shown.contains("Notes here"), "{shown}");
    assert_clean("a CSV on a terminal", shown.as_bytes());
}
