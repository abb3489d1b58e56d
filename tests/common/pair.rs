//! A pair on one journal, for real: a demo journal, SSH keys made by `ssh-keygen`, and real
//! OpenSSH clients in a private tmux server whose screens the tests read.

// Each test file uses part of these.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use tempfile::TempDir;

pub const BIN: &str = env!("CARGO_BIN_EXE_mentorlog");
pub const TODAY: &str = "2026-11-23";

/// Whether the programs these tests drive are here (`.ci/run` installs them); when one is
/// not, the test says so and is skipped, as the faketime tests are.
pub fn have(programs: &[(&str, &str)]) -> bool {
    for (program, package) in programs {
        let found = Command::new("sh")
            .arg("-c")
            .arg(format!(
                "command -v {program} || test -x /usr/sbin/{program}"
            ))
            .stdout(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !found {
            eprintln!(
                "note: {program} is not installed (apt-get install {package}; .ci/run does): \
                 this test is skipped"
            );
            return false;
        }
    }
    true
}

/// A demo journal with keys for its owner (Jo Taylor) and its mentee (Sam Lee), and a third
/// key nobody in the journal holds.
pub struct Pair {
    pub dir: TempDir,
    pub root: PathBuf,
}

impl Pair {
    /// The pair, or `None` (said) when ssh or tmux is not installed.
    pub fn new() -> Option<Pair> {
        if !have(&[
            ("ssh", "openssh-client"),
            ("ssh-keygen", "openssh-client"),
            ("tmux", "tmux"),
        ]) {
            return None;
        }
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("journal");
        let p = Pair { dir, root };
        p.ml(&["demo"]);
        for who in ["jo", "sam", "eve"] {
            let key = p.key(who);
            let ok = Command::new("ssh-keygen")
                .args(["-q", "-t", "ed25519", "-N", "", "-C", who, "-f"])
                .arg(&key)
                .status()
                .unwrap();
            assert!(ok.success(), "ssh-keygen failed");
        }
        p.ml(&[
            "member",
            "key",
            "jo-taylor",
            p.key_pub("jo").to_str().unwrap(),
        ]);
        p.ml(&[
            "member",
            "key",
            "sam-lee",
            p.key_pub("sam").to_str().unwrap(),
        ]);
        Some(p)
    }

    pub fn key(&self, who: &str) -> PathBuf {
        self.dir.path().join(format!("{who}_key"))
    }

    pub fn key_pub(&self, who: &str) -> PathBuf {
        self.dir.path().join(format!("{who}_key.pub"))
    }

    /// Run mentorlog on the journal (with HOME in the test's folder, so no key of the user
    /// running the tests is ever found or used): whether it succeeded, its stdout, its stderr.
    pub fn run(&self, args: &[&str]) -> (bool, String, String) {
        let out = Command::new(BIN)
            .arg("--data-dir")
            .arg(&self.root)
            .env("MENTORLOG_TODAY", TODAY)
            .env("HOME", self.dir.path())
            .args(args)
            .output()
            .unwrap();
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    /// Run mentorlog on the journal, which must succeed; what it printed.
    pub fn ml(&self, args: &[&str]) -> String {
        let (ok, out, err) = self.run(args);
        assert!(ok, "mentorlog {args:?} failed: {err}");
        out
    }

    /// The options every ssh of these tests runs with: this key only, no user config, the
    /// server's host key remembered in the test's own file.
    pub fn ssh_options(&self, who: &str) -> Vec<String> {
        let known = self.dir.path().join("known_hosts");
        vec![
            "-F".into(),
            "/dev/null".into(),
            "-o".into(),
            "StrictHostKeyChecking=accept-new".into(),
            "-o".into(),
            format!("UserKnownHostsFile={}", known.display()),
            "-o".into(),
            "IdentitiesOnly=yes".into(),
            "-o".into(),
            "BatchMode=yes".into(),
            "-o".into(),
            "LogLevel=ERROR".into(),
            "-i".into(),
            self.key(who).display().to_string(),
        ]
    }

    /// Every file under the journal, its path and text (for what is on disk).
    pub fn files(&self) -> Vec<(PathBuf, String)> {
        fn walk(dir: &Path, out: &mut Vec<(PathBuf, String)>) {
            for e in std::fs::read_dir(dir).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() {
                    walk(&p, out);
                } else if let Ok(t) = std::fs::read_to_string(&p) {
                    out.push((p, t));
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.root, &mut out);
        out
    }
}

/// A free port on loopback (the server binds it right after).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Terminals in a private tmux server, each running a command; gone with the value.
pub struct Screens {
    socket: String,
}

impl Screens {
    pub fn new() -> Screens {
        Screens {
            socket: format!("ml-test-{}-{}", std::process::id(), fastrand::u32(..)),
        }
    }

    fn tmux(&self) -> Command {
        let mut c = Command::new("tmux");
        c.arg("-L").arg(&self.socket).arg("-f").arg("/dev/null");
        c
    }

    /// A terminal `w` x `h` named `name` running `cmd` (a shell command line).
    pub fn open(&self, name: &str, w: u16, h: u16, cmd: &str) {
        let ok = self
            .tmux()
            .args(["new-session", "-d", "-s", name, "-x", &w.to_string()])
            .args(["-y", &h.to_string()])
            // The pane stays after the command ends, so its last words can be read.
            .arg(format!("{cmd}; echo '[ended]'; sleep 600"))
            .env_remove("TMUX")
            .status()
            .unwrap();
        assert!(ok.success(), "tmux could not start");
    }

    /// Type tmux key names (`j`, `Enter`, `Escape`, `C-s`) into `name`.
    pub fn keys(&self, name: &str, keys: &[&str]) {
        for k in keys {
            self.tmux()
                .args(["send-keys", "-t", name, k])
                .status()
                .unwrap();
            // One key at a time, as a person types: each its own packet.
            std::thread::sleep(Duration::from_millis(60));
        }
    }

    /// Type literal text into `name`.
    pub fn text(&self, name: &str, text: &str) {
        self.tmux()
            .args(["send-keys", "-t", name, "-l", text])
            .status()
            .unwrap();
        std::thread::sleep(Duration::from_millis(60));
    }

    /// Make `name`'s terminal `w` x `h` (the client sends the server a window change).
    pub fn resize(&self, name: &str, w: u16, h: u16) {
        let ok = self
            .tmux()
            .args(["resize-window", "-t", name, "-x", &w.to_string()])
            .args(["-y", &h.to_string()])
            .status()
            .unwrap();
        assert!(ok.success(), "tmux could not resize {name}");
    }

    pub fn screen(&self, name: &str) -> String {
        let out = self
            .tmux()
            .args(["capture-pane", "-p", "-t", name])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Wait (up to 20 s) until `name`'s screen holds `needle`; the screen then.
    pub fn wait_for(&self, name: &str, needle: &str) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen(name);
            if s.contains(needle) {
                return s;
            }
            if start.elapsed() > Duration::from_secs(20) {
                panic!("{name}'s screen never showed {needle:?}; it shows:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Screens {
    fn drop(&mut self) {
        let _ = self.tmux().arg("kill-server").status();
    }
}
