//! `mentorlog serve`, for real: the server started on a free loopback port, and two real
//! OpenSSH clients in tmux, one with the mentor's key and one with the mentee's, read from
//! their screens. What the mentee may see, what each sees of the other, a tick crossing from
//! one screen to the other, a key nobody holds, a command, a forwarding, and afterwards the
//! files, with who did what.

#[path = "common/pair.rs"]
mod pair;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use pair::{BIN, Pair, Screens, TODAY, free_port};

/// The demo's private meeting (Jo's note about Sam): the mentee must never see it.
const PRIVATE: [&str; 2] = ["Differentiation for EAL", "overwhelmed by marking"];

/// `mentorlog serve`, stopped with Ctrl-C (SIGINT) when dropped.
struct Server {
    child: Child,
    port: u16,
    /// What it said at start.
    said: String,
}

impl Server {
    fn start(pair: &Pair, extra: &[&str]) -> Server {
        let port = free_port();
        let mut child = Command::new(BIN)
            .arg("--data-dir")
            .arg(&pair.root)
            .env("MENTORLOG_TODAY", TODAY)
            .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut said = String::new();
        let mut out = BufReader::new(child.stdout.take().unwrap());
        while !said.contains("Ctrl-C stops") {
            let mut line = String::new();
            if out.read_line(&mut line).unwrap() == 0 {
                break;
            }
            said.push_str(&line);
        }
        // The rest is read as it comes, so the server never writes to a closed pipe.
        std::thread::spawn(move || std::io::copy(&mut out, &mut std::io::sink()));
        assert!(
            said.starts_with("Serving the journal"),
            "the server did not start: {said}"
        );
        Server { child, port, said }
    }

    /// An ssh command line for `who`, with `extra` before the host.
    fn ssh(&self, pair: &Pair, who: &str, extra: &[&str]) -> Vec<String> {
        let mut v = pair.ssh_options(who);
        v.extend(["-p".into(), self.port.to_string()]);
        v.extend(extra.iter().map(|s| s.to_string()));
        v.push(format!("{who}@127.0.0.1"));
        v
    }

    fn stop(&mut self) {
        let pid = rustix::process::Pid::from_raw(self.child.id() as i32).unwrap();
        let _ = rustix::process::kill_process(pid, rustix::process::Signal::INT);
        for _ in 0..100 {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        panic!("the server did not stop on Ctrl-C");
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn no_private(screen: &str, where_: &str) {
    for p in PRIVATE {
        assert!(
            !screen.contains(p),
            "the mentee sees the mentor's private meeting ({where_}):\n{screen}"
        );
    }
}

#[test]
fn a_mentor_and_a_mentee_review_together_over_ssh() {
    let Some(pair) = Pair::new() else { return };
    let mut server = Server::start(&pair, &[]);
    let s = Screens::new();
    let line = |who: &str| server.ssh(&pair, who, &["-t"]).join(" ");
    s.open("jo", 100, 30, &format!("ssh {}", line("jo")));
    s.open("sam", 80, 24, &format!("ssh {}", line("sam")));

    // Each is signed in as themself, and sees the other.
    s.wait_for("sam", "Signed in as Sam Lee");
    s.wait_for("jo", "With you: Sam Lee");
    let sam = s.wait_for("sam", "With you: Jo Taylor");
    // Jo is on another mentee's partnership: Sam is not told whose.
    assert!(
        sam.contains("Jo Taylor · elsewhere"),
        "the mentee's screen names where the mentor is beyond what it may see:\n{sam}"
    );
    assert!(
        !sam.contains("Alex Morgan") && !sam.contains("Priya Shah"),
        "{sam}"
    );

    // The mentee never sees the private meeting: on any tab, in search, or in a count.
    for tab in ["1", "2", "3", "4", "5", "6", "7"] {
        s.keys("sam", &[tab]);
        std::thread::sleep(Duration::from_millis(300));
        no_private(&s.screen("sam"), &format!("tab {tab}"));
    }
    s.keys("sam", &["1"]);
    s.wait_for("sam", "13 held");
    s.keys("jo", &["h", "j", "j", "1"]);
    s.wait_for("jo", "14 held");
    for word in ["EAL", "overwhelmed"] {
        s.keys("sam", &["/"]);
        s.text("sam", word);
        std::thread::sleep(Duration::from_millis(400));
        no_private(&s.screen("sam"), &format!("searching {word}"));
        s.keys("sam", &["Escape"]);
    }
    // Once on the same partnership, each sees where the other is.
    s.wait_for("sam", "Jo Taylor · Dashboard");

    // R changes nothing for the mentee.
    s.keys("sam", &["2"]);
    s.keys("sam", &["R"]);
    let sam = s.wait_for("sam", "This is Sam Lee's session");
    no_private(&sam, "after R");
    assert!(!sam.contains("REVIEW MODE"), "{sam}");

    // A tick made by the mentor appears on the mentee's screen.
    s.keys("sam", &["4"]);
    s.wait_for("sam", "10/80");
    s.keys("jo", &["4", "l", "G", "Space"]);
    s.wait_for("jo", "11/80");
    s.wait_for("sam", "11/80");

    // F follows the mentor's screen.
    s.keys("sam", &["F"]);
    s.wait_for("sam", "Following Jo Taylor");
    s.keys("jo", &["3"]);
    s.wait_for("sam", "Objective");

    // The mentee writes their own reflection.
    s.keys("sam", &["F", "5", "n", "Tab", "Tab", "Tab"]);
    s.text("sam", "Exit tickets with 9B worked");
    s.keys("sam", &["C-s"]);
    s.wait_for("sam", "saved");
    s.keys("jo", &["5"]);
    s.wait_for("jo", "Exit tickets with 9B worked");

    // What another process writes meanwhile (the CLI) shows on both screens.
    s.keys("sam", &["1"]);
    s.keys("jo", &["1"]);
    s.wait_for("sam", "11/80");
    pair.ml(&["tick", "--with", "Sam Lee", "curee/co-coaching-activity-7"]);
    s.wait_for("sam", "12/80");
    s.wait_for("jo", "12/80");

    // Each screen has its own size: the mentee's window grows, and only theirs redraws.
    s.resize("sam", 120, 30);
    s.wait_for("sam", "1 Dashboard   2 Meetings");
    let widest = s.screen("jo").lines().map(|l| l.chars().count()).max();
    assert_eq!(widest, Some(100), "the mentor's screen changed size");

    // The host key the client was shown is the one the server printed, and it is kept 0600.
    let known = Command::new("ssh-keygen")
        .arg("-lf")
        .arg(pair.dir.path().join("known_hosts"))
        .output()
        .unwrap();
    let known = String::from_utf8_lossy(&known.stdout);
    let fp = known.split_whitespace().nth(1).expect("a known host");
    assert!(server.said.contains(fp), "{known} vs {}", server.said);
    let host_key = pair.root.join(".mentorlog/serve/host_ed25519");
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(&host_key).unwrap().permissions().mode() & 0o777,
        0o600
    );

    // No password or keyboard-interactive sign-in is offered.
    let out = Command::new("ssh")
        .args(server.ssh(
            &pair,
            "sam",
            &[
                "-T",
                "-o",
                "PubkeyAuthentication=no",
                "-o",
                "PreferredAuthentications=password,keyboard-interactive",
            ],
        ))
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("Permission denied (publickey)"), "{err}");

    // A key nobody in the journal holds is refused.
    let out = Command::new("ssh")
        .args(server.ssh(&pair, "eve", &["-T"]))
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(!out.status.success(), "an unknown key got in");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("Permission denied"), "{err}");

    // A member's key gets the journal, never a command or a forwarding.
    let out = Command::new("ssh")
        .args(server.ssh(&pair, "sam", &["-T"]))
        .arg("cat /etc/passwd; id")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(!out.status.success(), "a command ran");
    assert!(!String::from_utf8_lossy(&out.stdout).contains("root:"));
    let out = Command::new("ssh")
        .args(server.ssh(&pair, "sam", &["-W", "127.0.0.1:22"]))
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(!out.status.success(), "a forwarding was opened");

    // A client that vanishes (killed, no goodbye) is gone from the other screen, which
    // goes on.
    let jo_key = pair.key("jo").display().to_string();
    let killed = Command::new("pkill")
        .args(["-KILL", "-f", &format!("^ssh .*{jo_key}")])
        .status()
        .unwrap();
    assert!(killed.success(), "no ssh client of Jo's to kill");
    s.wait_for("jo", "[ended]");
    let start = std::time::Instant::now();
    while s.screen("sam").contains("With you: Jo Taylor") {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the mentee's screen still shows the vanished mentor:\n{}",
            s.screen("sam")
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    s.keys("sam", &["3"]);
    s.wait_for("sam", "Objective");

    // The mentee leaves; the files hold what both did, with who did it.
    s.keys("sam", &["q"]);
    s.wait_for("sam", "[ended]");
    server.stop();
    let files = pair.files();
    let ticks = files
        .iter()
        .find(|(p, _)| p.ends_with("partnerships/sam-lee/ticks/curee.ron"))
        .expect("the tick sheet");
    assert!(
        ticks.1.contains("changed: Some(\"jo-taylor\")"),
        "{}",
        ticks.1
    );
    let refl = files
        .iter()
        .find(|(p, t)| {
            p.extension().is_some_and(|e| e == "ron") && t.contains("Exit tickets with 9B worked")
        })
        .expect("the mentee's reflection on disk");
    assert!(
        refl.1.contains("created: Some(\"sam-lee\")"),
        "the reflection does not say Sam wrote it: {}",
        refl.1
    );
    assert!(refl.1.contains("author: Mentee"), "{}", refl.1);
    let log = files
        .iter()
        .find(|(p, _)| p.ends_with(".mentorlog/serve/serve.log"))
        .expect("the server's log");
    assert!(log.1.contains("signed in: Sam Lee (mentee)"), "{}", log.1);
    assert!(log.1.contains("refused key"), "{}", log.1);
    assert!(log.1.contains("refused a command"), "{}", log.1);
    // The log holds no journal text.
    no_private(&log.1, "the server's log");
}

#[test]
fn serve_refuses_to_start_when_nobody_could_sign_in() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("j");
    let out = Command::new(BIN)
        .arg("--data-dir")
        .arg(&root)
        .env("MENTORLOG_TODAY", TODAY)
        .arg("demo")
        .output()
        .unwrap();
    assert!(out.status.success());
    let out = Command::new(BIN)
        .arg("--data-dir")
        .arg(&root)
        .args(["serve", "--listen", "127.0.0.1:0"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no one in the journal has an SSH key"),
        "{err}"
    );
    assert!(err.contains("member add"), "{err}");
}

#[test]
fn serve_limits_connections_and_closes_an_idle_session() {
    let Some(pair) = Pair::new() else { return };
    let server = Server::start(&pair, &["--max-connections", "1", "--idle-seconds", "3"]);
    let s = Screens::new();
    let line = server.ssh(&pair, "sam", &["-t"]).join(" ");
    s.open("sam", 80, 24, &format!("ssh {line}"));
    s.wait_for("sam", "Signed in as Sam Lee");
    // A second connection is over the limit.
    let out = Command::new("ssh")
        .args(server.ssh(&pair, "jo", &["-T"]))
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(!out.status.success(), "a connection over the limit got in");
    // Left alone, the session closes and says why.
    let sam = s.wait_for("sam", "[ended]");
    assert!(
        sam.contains("closed after 3 seconds without a key"),
        "{sam}"
    );
    let log = std::fs::read_to_string(pair.root.join(".mentorlog/serve/serve.log")).unwrap();
    assert!(log.contains("1 at once is the limit"), "{log}");
    // With the first gone, there is room again.
    let s2 = Screens::new();
    s2.open(
        "jo",
        80,
        24,
        &format!("ssh {}", server.ssh(&pair, "jo", &["-t"]).join(" ")),
    );
    s2.wait_for("jo", "Signed in as Jo Taylor");
}
