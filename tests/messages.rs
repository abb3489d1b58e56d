//! What the command line says when the file system is in the way: a data directory that is a
//! symbolic link is judged by the folder it leads to (a link's own mode is always 777), and a
//! save that fails names the record being saved (never the temporary file written first) and
//! says what failed once.
//!
//! A failing disk is made with a file-size limit of 0 (`ulimit -f 0`, with SIGXFSZ ignored
//! so that a write fails with EFBIG, "File too large", instead of killing the process): every
//! write of a byte fails, whatever the account (root included).

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_mentorlog");

fn ml(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env_remove("MENTORLOG_DIR")
        .output()
        .unwrap()
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let out = ml(dir, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Run mentorlog with every file write failing (a file-size limit of 0).
fn on_a_full_disk(dir: &Path, args: &[&str]) -> Output {
    Command::new("sh")
        .arg("-c")
        .arg("trap '' XFSZ; ulimit -f 0; exec \"$0\" \"$@\"")
        .arg(BIN)
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env_remove("MENTORLOG_DIR")
        .output()
        .unwrap()
}

fn files_under(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(files_under(&p));
        } else {
            out.push(p.display().to_string());
        }
    }
    out.sort();
    out
}

#[test]
fn a_data_directory_that_is_a_symbolic_link_is_judged_by_its_folder() {
    let t = tempfile::tempdir().unwrap();
    let real = t.path().join("real");
    ok(&real, &["demo"]);
    let link = t.path().join("journal");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let out = ml(&link, &["status"]);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!err.contains("777"), "{err}");
    assert!(!err.contains("other users"), "{err}");
    // The folder's own mode is what is told.
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o750)).unwrap();
    let err = String::from_utf8_lossy(&ml(&link, &["status"]).stderr).into_owned();
    assert!(err.contains("mode 750"), "{err}");
    assert!(!err.contains("777"), "{err}");
}

#[test]
fn a_failed_save_names_the_record_and_says_what_failed_once() {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("j");
    ok(&dir, &["partner", "add", "Sam Lee"]);
    let logged = ok(&dir, &["log", "--with", "sam", "first"]);
    let id = logged
        .split("(id ")
        .nth(1)
        .unwrap()
        .split(')')
        .next()
        .unwrap();
    let before = files_under(&dir);
    let export = t.path().join("sam.json");
    let export = export.to_str().unwrap();
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["log", "--with", "sam", "a note"],
            "partnerships/sam-lee/meetings/",
        ),
        (
            vec!["goal", "add", "--with", "sam", "x"],
            "partnerships/sam-lee/goals/",
        ),
        (
            vec!["partner", "add", "Alex"],
            "partnerships/alex/partnership.ron",
        ),
        // Two files (the tick and the meeting it lists): one plan, not saved.
        (
            vec![
                "tick",
                "--with",
                "sam",
                "curee/mentor-open-questions",
                "--meeting",
                id,
            ],
            "partnerships/sam-lee/ticks/curee.ron",
        ),
        (
            vec!["export", "json", "--with", "sam", "-o", export],
            export,
        ),
    ];
    for (args, names) in cases {
        let out = on_a_full_disk(&dir, &args);
        assert!(!out.status.success(), "{args:?} should fail");
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(err.contains(names), "{args:?} should name {names}: {err}");
        assert_eq!(
            err.matches("File too large").count(),
            1,
            "{args:?} should say what failed once: {err}"
        );
        assert!(
            !err.contains(".tmp-"),
            "{args:?} names a temporary file: {err}"
        );
        assert!(!err.contains("pending"), "{args:?} names the plan: {err}");
        assert!(!err.contains("taken back"), "{args:?}: {err}");
        // Nothing is left behind.
        assert_eq!(files_under(&dir), before, "{args:?}");
    }
    assert!(!Path::new(export).exists());
}
