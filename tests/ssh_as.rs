//! `mentorlog --as MEMBER` behind OpenSSH, for real: an sshd on a free loopback port whose
//! `authorized_keys` gives the mentee's key the forced command
//! `mentorlog --as sam-lee` (`restrict,pty`), a real ssh client in tmux as the mentee, and
//! the mentor at a local mentorlog on the same journal.

#[path = "common/pair.rs"]
mod pair;

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use pair::{BIN, Pair, Screens, TODAY, free_port};

const PRIVATE: [&str; 2] = ["Differentiation for EAL", "overwhelmed by marking"];

/// An sshd of the test's own (its config, host key and authorized_keys in the temp dir).
struct Sshd {
    child: Child,
    port: u16,
}

impl Drop for Sshd {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn sshd(pair: &Pair) -> Sshd {
    let sshd = ["/usr/sbin/sshd", "/usr/bin/sshd"]
        .into_iter()
        .find(|p| std::path::Path::new(p).exists());
    let Some(sshd) = sshd else {
        panic!("sshd is needed by this test: apt-get install openssh-server (.ci/run does)");
    };
    // Run as root, sshd wants its privilege separation folder.
    if rustix::process::geteuid().is_root() {
        let _ = std::fs::create_dir_all("/run/sshd");
    }
    let d = pair.dir.path();
    let host = d.join("ssh_host_ed25519");
    let ok = Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-f"])
        .arg(&host)
        .status()
        .unwrap();
    assert!(ok.success());
    let key = std::fs::read_to_string(pair.key_pub("sam")).unwrap();
    let forced = format!(
        "command=\"env MENTORLOG_DIR={} MENTORLOG_TODAY={TODAY} {BIN} --as sam-lee\",restrict,pty {}",
        pair.root.display(),
        key.trim()
    );
    std::fs::write(d.join("authorized_keys"), format!("{forced}\n")).unwrap();
    let port = free_port();
    let config = format!(
        "Port {port}\nListenAddress 127.0.0.1\nHostKey {}\nPidFile {}\nAuthorizedKeysFile {}\n\
         StrictModes no\nUsePAM no\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n\
         PubkeyAuthentication yes\nPermitRootLogin prohibit-password\nLogLevel ERROR\n",
        host.display(),
        d.join("sshd.pid").display(),
        d.join("authorized_keys").display()
    );
    let cfg = d.join("sshd_config");
    std::fs::write(&cfg, config).unwrap();
    let child = Command::new(sshd)
        .args(["-D", "-e", "-f"])
        .arg(&cfg)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "sshd did not start"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    Sshd { child, port }
}

fn user() -> String {
    let out = Command::new("id").arg("-un").output().unwrap();
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

#[test]
fn a_mentee_behind_openssh_gets_their_locked_journal_and_nothing_else() {
    let Some(pair) = Pair::new() else { return };
    if !pair::have(&[("sshd", "openssh-server")]) {
        return;
    }
    let d = sshd(&pair);
    let target = format!("{}@127.0.0.1", user());
    let mut ssh = pair.ssh_options("sam");
    ssh.extend(["-p".into(), d.port.to_string()]);
    let s = Screens::new();
    s.open(
        "sam",
        80,
        24,
        &format!("TERM=xterm-256color ssh -t {} {target}", ssh.join(" ")),
    );
    s.wait_for("sam", "Signed in as Sam Lee");
    // Nothing private, on any tab or in search.
    for tab in ["1", "2", "3", "4", "5", "6", "7"] {
        s.keys("sam", &[tab]);
        std::thread::sleep(Duration::from_millis(300));
        let screen = s.screen("sam");
        assert!(PRIVATE.iter().all(|p| !screen.contains(p)), "{screen}");
    }
    s.keys("sam", &["1"]);
    s.wait_for("sam", "13 held");
    s.keys("sam", &["/"]);
    s.text("sam", "EAL");
    std::thread::sleep(Duration::from_millis(400));
    let screen = s.screen("sam");
    assert!(PRIVATE.iter().all(|p| !screen.contains(p)), "{screen}");
    s.keys("sam", &["Escape"]);
    // Review mode, the shell (Ctrl-z) and $EDITOR are out of reach.
    s.keys("sam", &["R"]);
    s.wait_for("sam", "This is Sam Lee's session");
    s.keys("sam", &["C-z"]);
    s.wait_for("sam", "Not available in a member's session");
    s.keys("sam", &["5", "n", "Tab", "Tab", "Tab", "C-e"]);
    s.wait_for("sam", "$EDITOR is not available");
    s.keys("sam", &["Escape"]);
    std::thread::sleep(Duration::from_millis(300));
    s.keys("sam", &["y"]);

    // The mentor ticks at a local mentorlog; the mentee's screen shows it.
    s.keys("sam", &["4"]);
    s.wait_for("sam", "10/80");
    pair.ml(&["tick", "--with", "Sam Lee", "curee/co-coaching-activity-8"]);
    s.wait_for("sam", "11/80");
    s.keys("sam", &["q"]);
    s.wait_for("sam", "[ended]");

    // A command in place of the journal runs the journal's refusal, not the command.
    let out = Command::new("ssh")
        .args(&ssh)
        .arg("-T")
        .arg(&target)
        .arg("cat /etc/passwd")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(!String::from_utf8_lossy(&out.stdout).contains("root:"));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--as opens the full-screen journal"), "{err}");
}
