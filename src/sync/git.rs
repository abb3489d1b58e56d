//! Running the `git` program on the data directory: one place that builds every command, so
//! each is run the same way (no prompt on the terminal, renames never guessed, paths as
//! they are), and one place that turns a missing `git` or a failed command into words.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use super::SyncError;

/// The `git` program, run in one data directory.
#[derive(Debug, Clone)]
pub struct Git {
    pub root: PathBuf,
    /// Never ask for a password or a passphrase (the full-screen journal owns the terminal).
    pub batch: bool,
}

impl Git {
    pub fn new(root: &Path) -> Git {
        Git {
            root: root.to_path_buf(),
            batch: false,
        }
    }

    /// A `git` command in the data directory. Renames are never detected: two records are
    /// two files, and a delete beside a new record must not be taken for a rename.
    pub fn command(&self) -> Command {
        let mut c = Command::new("git");
        c.arg("-C")
            .arg(&self.root)
            .args(["-c", "core.quotepath=off"])
            .args(["-c", "merge.renames=false"])
            .args(["-c", "diff.renames=false"])
            .args(["-c", "status.renames=false"])
            .args(["-c", "core.fileMode=false"])
            .env("GIT_TERMINAL_PROMPT", "0")
            .env("LC_ALL", "C")
            .stdin(Stdio::null());
        if self.batch && std::env::var_os("GIT_SSH_COMMAND").is_none() {
            c.env("GIT_SSH_COMMAND", "ssh -o BatchMode=yes");
        }
        c
    }

    /// Run `git ARGS`, whatever its exit status.
    pub fn output(&self, args: &[&str]) -> Result<Output, SyncError> {
        run(self.command().args(args))
    }

    /// Run `git ARGS`; its standard output, or an error saying what git said.
    pub fn run(&self, args: &[&str]) -> Result<String, SyncError> {
        let out = self.output(args)?;
        if out.status.success() {
            Ok(String::from_utf8_lossy(&out.stdout).into_owned())
        } else {
            Err(SyncError::Git {
                what: args.first().copied().unwrap_or("git").to_string(),
                said: said(&out),
            })
        }
    }

    /// Whether `git ARGS` succeeds (a question such as `rev-parse --verify`).
    pub fn ok(&self, args: &[&str]) -> Result<bool, SyncError> {
        Ok(self.output(args)?.status.success())
    }

    /// A value of the repository's configuration (`None`: not set).
    pub fn config(&self, key: &str) -> Result<Option<String>, SyncError> {
        let out = self.output(&["config", "--get", key])?;
        let v = String::from_utf8_lossy(&out.stdout).trim().to_string();
        Ok((out.status.success() && !v.is_empty()).then_some(v))
    }

    /// A value of this repository's own configuration only.
    pub fn local_config(&self, key: &str) -> Result<Option<String>, SyncError> {
        let out = self.output(&["config", "--local", "--get", key])?;
        let v = String::from_utf8_lossy(&out.stdout).trim().to_string();
        Ok((out.status.success() && !v.is_empty()).then_some(v))
    }

    pub fn set_config(&self, key: &str, value: &str) -> Result<(), SyncError> {
        self.run(&["config", "--local", key, value]).map(|_| ())
    }
}

/// Run a command; a missing `git` is said plainly.
pub fn run(c: &mut Command) -> Result<Output, SyncError> {
    c.output().map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            SyncError::NoGit
        } else {
            SyncError::Message(format!("could not run git: {e}"))
        }
    })
}

/// What git said on failure, in one short paragraph (its hints left out).
pub fn said(out: &Output) -> String {
    let text = format!(
        "{}\n{}",
        String::from_utf8_lossy(&out.stderr),
        String::from_utf8_lossy(&out.stdout)
    );
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("hint:"))
        .take(6)
        .collect();
    if lines.is_empty() {
        format!("git exited with {}", out.status)
    } else {
        lines.join("; ")
    }
}

/// Whether the `git` program can be run at all.
pub fn available() -> Result<(), SyncError> {
    let out = run(Command::new("git").arg("--version").stdin(Stdio::null()))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(SyncError::NoGit)
    }
}
