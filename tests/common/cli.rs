//! The command line on a data directory, for tests that run the real binary.

// Each test file uses part of these.
#![allow(dead_code)]

use std::path::Path;
use std::time::{Duration, SystemTime};

pub const BIN: &str = env!("CARGO_BIN_EXE_mentorlog");
pub const TODAY: &str = "2026-11-23";

/// mentorlog on `dir`, today pinned, no editor, no stray environment.
pub fn ml(dir: &Path) -> assert_cmd::Command {
    let mut c = assert_cmd::Command::new(BIN);
    c.arg("--data-dir")
        .arg(dir)
        .env("MENTORLOG_TODAY", TODAY)
        .env_remove("MENTORLOG_DIR")
        .env("EDITOR", "false")
        .env("VISUAL", "false")
        .env("USER", "tester");
    c
}

/// Make every folder under `root` look an hour old, as a journal is between two commands
/// on a working day (the cache keeps no entry for a folder changed in the last seconds).
pub fn age(root: &Path) {
    let then = SystemTime::now() - Duration::from_secs(3600);
    let mut stack = vec![root.to_path_buf()];
    while let Some(d) = stack.pop() {
        std::fs::File::open(&d).unwrap().set_modified(then).unwrap();
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            if e.file_type().unwrap().is_dir() {
                stack.push(e.path());
            }
        }
    }
}
