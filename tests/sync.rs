//! Sync through real git on local repositories: two machines (two clones of the demo journal)
//! and a bare remote in a temporary folder. Every git run here and by mentorlog has HOME in
//! the test's folder and no system config, so the user's own git config changes nothing.

use std::path::{Path, PathBuf};
use std::process::Command;

use mentorlog::app::Overlay;
use mentorlog::journal::{Audience, Journal};
use mentorlog::model::{Goal, Meeting, TickSheet};
use mentorlog::store::{Store, read_record};
use mentorlog::tui::Tui;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[path = "common/screen.rs"]
mod screen;
use tempfile::TempDir;

#[path = "common/cli.rs"]
mod cli;
use cli::age;

const PRIVATE_TEXT: &str = "overwhelmed by marking";

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

/// The environment every git (and mentorlog) of a test runs in.
fn isolate(c: &mut Command, home: &Path) {
    c.env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env("MENTORLOG_TODAY", "2026-11-23")
        .env_remove("MENTORLOG_DIR");
}

fn git(home: &Path, args: &[&str]) -> String {
    let mut c = Command::new("git");
    isolate(&mut c, home);
    let out = c.args(args).output().unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

struct Run {
    ok: bool,
    stdout: String,
    stderr: String,
}

fn ml(home: &Path, dir: &Path, args: &[&str]) -> Run {
    let mut c = Command::new(env!("CARGO_BIN_EXE_mentorlog"));
    isolate(&mut c, home);
    c.arg("--data-dir").arg(dir).args(args);
    let out = c.output().unwrap();
    Run {
        ok: out.status.success(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn ok(home: &Path, dir: &Path, args: &[&str]) -> String {
    let r = ml(home, dir, args);
    assert!(
        r.ok,
        "mentorlog {args:?} failed:\n{}\n{}",
        r.stdout, r.stderr
    );
    r.stdout
}

/// Two machines: `a` with the demo journal, synced to a bare remote; `b` cloned from it.
struct Machines {
    t: TempDir,
    a: PathBuf,
    b: PathBuf,
    remote: PathBuf,
}

impl Machines {
    fn home(&self) -> &Path {
        self.t.path()
    }
}

fn machines() -> Machines {
    let t = tempfile::tempdir().unwrap();
    let home = t.path();
    let remote = home.join("remote.git");
    git(
        home,
        &["init", "--quiet", "--bare", remote.to_str().unwrap()],
    );
    let (a, b) = (home.join("laptop"), home.join("school"));
    ok(home, &a, &["demo"]);
    let said = ok(home, &a, &["sync", "init", remote.to_str().unwrap()]);
    assert!(said.contains("made"), "{said}");
    git(
        home,
        &[
            "-C",
            a.to_str().unwrap(),
            "config",
            "mentorlog.machine",
            "home-laptop",
        ],
    );
    let first = ok(home, &a, &["sync"]);
    assert!(
        first.contains("committed: Jo Taylor on home-laptop: "),
        "{first}"
    );
    assert!(first.contains("meetings"), "{first}");
    assert!(first.contains("sent 1 commit"), "{first}");
    let said = ok(home, &b, &["sync", "init", remote.to_str().unwrap()]);
    assert!(said.contains("cloned"), "{said}");
    git(
        home,
        &[
            "-C",
            b.to_str().unwrap(),
            "config",
            "mentorlog.machine",
            "school-laptop",
        ],
    );
    let m = Machines { t, a, b, remote };
    check_modes(&m.a);
    check_modes(&m.b);
    m
}

/// Every file 0600 and every folder 0700 (`.git` itself 0700; git's own files inside it
/// are git's).
fn check_modes(root: &Path) {
    use std::os::unix::fs::PermissionsExt;
    fn walk(dir: &Path, top: bool) {
        let mode = std::fs::metadata(dir).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o700, "{} is {mode:o}", dir.display());
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            let t = e.file_type().unwrap();
            if top && e.file_name() == ".git" {
                let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
                assert_eq!(mode, 0o700, ".git is {mode:o}");
            } else if t.is_dir() {
                walk(&p, false);
            } else if t.is_file() {
                let mode = e.metadata().unwrap().permissions().mode() & 0o777;
                assert_eq!(mode, 0o600, "{} is {mode:o}", p.display());
            }
        }
    }
    walk(root, true);
}

fn sam(root: &Path) -> PathBuf {
    root.join("partnerships/sam-lee")
}

/// Change a record in place through the store (as mentorlog itself saves).
fn edit<T: mentorlog::store::Record>(root: &Path, path: &Path, f: impl FnOnce(&mut T)) {
    let store = Store::new(root);
    let old: T = read_record(path).unwrap();
    let mut new = old.clone();
    f(&mut new);
    store.save_at(path, Some(&old), &new).unwrap();
}

fn conflict_copies(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| mentorlog::store::is_conflict_copy(p))
        .collect();
    v.sort();
    v
}

#[test]
fn two_machines_edit_the_same_records_and_nothing_is_lost() {
    let m = machines();
    let home = m.home();
    let meeting = sam(&m.a).join("meetings/2026-11-20-sam013.ron");
    let goal = sam(&m.a).join("goals/2026-11-03-samg03.ron");
    let gone = sam(&m.a).join("meetings/2026-10-21-sam011.ron");
    let ticks = sam(&m.a).join("ticks/curee.ron");
    let new_sheet = m.a.join("partnerships/alex-morgan/ticks/curee.ron");
    let on_b = |p: &Path| m.b.join(p.strip_prefix(&m.a).unwrap());
    let curee: TickSheet = read_record(&ticks).unwrap();
    let mut items = curee.ticks.iter();
    let (first, second) = (items.next().unwrap(), items.next().unwrap());
    let dropped: Vec<String> = curee.ticks.keys().take(1).cloned().collect();

    // The laptop: the meeting's focus, the goal's objective, one tick taken back, a meeting
    // deleted, and Alex's first ticks.
    edit::<Meeting>(&m.a, &meeting, |x| x.focus = "Laptop focus".into());
    edit::<Goal>(&m.a, &goal, |x| {
        x.objective = "Objective from the laptop".into()
    });
    edit::<TickSheet>(&m.a, &ticks, |x| {
        x.ticks.remove(&dropped[0]);
    });
    std::fs::remove_file(&gone).unwrap();
    let mut a_sheet = TickSheet::new("curee");
    a_sheet.ticks.insert(first.0.clone(), first.1.clone());
    Store::new(&m.a)
        .save_at(&new_sheet, None, &a_sheet)
        .unwrap();

    // The school machine: the same meeting's notes, the same goal's objective, a tick added,
    // the deleted meeting changed, and other first ticks for Alex.
    edit::<Meeting>(&m.b, &on_b(&meeting), |x| {
        x.notes = "Notes from school".into()
    });
    edit::<Goal>(&m.b, &on_b(&goal), |x| {
        x.objective = "Objective from school".into()
    });
    edit::<TickSheet>(&m.b, &on_b(&ticks), |x| {
        let mut t = second.1.clone();
        t.level = Some("from school".into());
        x.ticks.insert("school-added-item".into(), t);
    });
    edit::<Meeting>(&m.b, &on_b(&gone), |x| {
        x.outcomes = "Changed at school".into()
    });
    let mut b_sheet = TickSheet::new("curee");
    b_sheet.ticks.insert(second.0.clone(), second.1.clone());
    Store::new(&m.b)
        .save_at(&on_b(&new_sheet), None, &b_sheet)
        .unwrap();

    let said = ok(home, &m.a, &["sync"]);
    assert!(
        said.contains("committed: Jo Taylor on home-laptop: "),
        "{said}"
    );
    assert!(
        said.contains("1 tick") || said.contains("2 ticks"),
        "{said}"
    );
    assert!(said.contains("sent 1 commit"), "{said}");
    check_modes(&m.a);

    let said = ok(home, &m.b, &["sync"]);
    assert!(
        said.contains("committed: Jo Taylor on school-laptop: "),
        "{said}"
    );
    assert!(said.contains("received 1 change"), "{said}");
    // The same field on both: said, and kept in a conflict copy.
    assert!(said.contains("conflict: partnerships/sam-lee/goals/2026-11-03-samg03.ron: both machines changed objective"), "{said}");
    // Changed here, deleted there: kept.
    assert!(
        said.contains("kept: partnerships/sam-lee/meetings/2026-10-21-sam011.ron"),
        "{said}"
    );
    assert!(said.contains("sent"), "{said}");
    check_modes(&m.b);

    let said = ok(home, &m.a, &["sync"]);
    assert!(said.contains("received"), "{said}");
    check_modes(&m.a);
    // Both machines hold the same journal now.
    let head = |d: &Path| git(home, &["-C", d.to_str().unwrap(), "rev-parse", "HEAD"]);
    assert_eq!(head(&m.a), head(&m.b));
    let clean = git(
        home,
        &["-C", m.a.to_str().unwrap(), "status", "--porcelain"],
    );
    assert_eq!(clean, "", "nothing left uncommitted after a sync");

    for root in [&m.a, &m.b] {
        let at = |p: &Path| root.join(p.strip_prefix(&m.a).unwrap());
        // Different fields of one meeting: both kept, no conflict.
        let x: Meeting = read_record(&at(&meeting)).unwrap();
        assert_eq!(x.focus, "Laptop focus");
        assert_eq!(x.notes, "Notes from school");
        assert!(conflict_copies(&at(&meeting).with_file_name("")).is_empty());
        // One field on both: the record keeps one side, the copy beside it the other.
        let g: Goal = read_record(&at(&goal)).unwrap();
        let copies = conflict_copies(at(&goal).parent().unwrap());
        assert_eq!(copies.len(), 1, "{copies:?}");
        let other: Goal = read_record(&copies[0]).unwrap();
        let mut both = [g.objective.clone(), other.objective.clone()];
        both.sort();
        assert_eq!(both, ["Objective from school", "Objective from the laptop"]);
        // Ticks item by item: the one taken back is gone, the one added is there.
        let t: TickSheet = read_record(&at(&ticks)).unwrap();
        assert!(!t.ticks.contains_key(&dropped[0]));
        assert!(t.ticks.contains_key("school-added-item"));
        assert_eq!(t.ticks.len(), curee.ticks.len());
        // Changed on one machine, deleted on the other: kept, as changed.
        let kept: Meeting = read_record(&at(&gone)).unwrap();
        assert_eq!(kept.outcomes, "Changed at school");
        // Added on both: merged like two creates.
        let s: TickSheet = read_record(&at(&new_sheet)).unwrap();
        assert!(s.ticks.contains_key(first.0) && s.ticks.contains_key(second.0));
        assert!(conflict_copies(at(&new_sheet).parent().unwrap()).is_empty());
        // The conflict copy is offered in C.
        let j = Journal::open(Store::new(root), today());
        let conflicts = j.reader(Audience::Owner).conflicts();
        assert_eq!(conflicts.len(), 1);
        assert_eq!(conflicts[0].copy, copies[0]);
        assert!(conflicts[0].fields.iter().any(|f| f.0 == "objective"));
    }

    // The private meeting never reached the remote, nor did anything under private/ or
    // .mentorlog/.
    let private =
        m.a.join("private/jo-taylor/partnerships/sam-lee/meetings/2026-07-23-sam005.ron");
    assert!(
        std::fs::read_to_string(&private)
            .unwrap()
            .contains(PRIVATE_TEXT)
    );
    let history = git(
        home,
        &["-C", m.remote.to_str().unwrap(), "log", "-p", "--all"],
    );
    assert!(
        history.contains("Objective from school"),
        "the history is what was synced"
    );
    assert!(!history.contains(PRIVATE_TEXT));
    let names = git(
        home,
        &[
            "-C",
            m.remote.to_str().unwrap(),
            "log",
            "--all",
            "--name-only",
            "--format=",
        ],
    );
    assert!(
        !names
            .lines()
            .any(|l| l.starts_with("private/") || l.starts_with(".mentorlog")),
        "{names}"
    );
    assert!(
        !m.b.join("private").exists(),
        "nothing private came to the other machine"
    );
}

#[test]
fn the_merge_driver_merges_fields_and_keeps_both_sides_of_one() {
    let m = machines();
    let dir = sam(&m.b).join("meetings");
    let path = dir.join("2026-11-20-sam013.ron");
    let base = std::fs::read_to_string(&path).unwrap();
    let meeting: Meeting = read_record(&path).unwrap();
    let mut ours = meeting.clone();
    ours.focus = "ours".into();
    ours.notes = "our notes".into();
    let mut theirs = meeting.clone();
    theirs.focus = "theirs".into();
    theirs.outcomes = "their outcomes".into();
    let files = m.home().join("driver");
    std::fs::create_dir(&files).unwrap();
    let (o, a, b) = (files.join("o"), files.join("a"), files.join("b"));
    std::fs::write(&o, &base).unwrap();
    std::fs::write(&a, mentorlog::store::to_ron(&ours).unwrap()).unwrap();
    std::fs::write(&b, mentorlog::store::to_ron(&theirs).unwrap()).unwrap();
    let mut c = Command::new(env!("CARGO_BIN_EXE_mentorlog"));
    isolate(&mut c, m.home());
    let out = c
        .current_dir(&m.b)
        .args(["merge-driver"])
        .args([&o, &a, &b])
        .arg("partnerships/sam-lee/meetings/2026-11-20-sam013.ron")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("both sides changed focus"));
    let merged: Meeting = read_record(&a).unwrap();
    assert_eq!(merged.focus, "ours");
    assert_eq!(merged.notes, "our notes");
    assert_eq!(merged.outcomes, "their outcomes");
    let copies = conflict_copies(&dir);
    assert_eq!(copies.len(), 1);
    let copy: Meeting = read_record(&copies[0]).unwrap();
    assert_eq!(copy, theirs);
    // Written as mentorlog writes: the same record is the same bytes.
    assert_eq!(
        std::fs::read_to_string(&copies[0]).unwrap(),
        mentorlog::store::to_ron(&theirs).unwrap()
    );
}

#[test]
fn offline_work_is_committed_and_sent_at_the_next_sync() {
    let m = machines();
    let home = m.home();
    let away = home.join("remote-away.git");
    std::fs::rename(&m.remote, &away).unwrap();
    edit::<Meeting>(
        &m.a,
        &sam(&m.a).join("meetings/2026-11-20-sam013.ron"),
        |x| x.focus = "Written offline".into(),
    );
    let said = ok(home, &m.a, &["sync"]);
    assert!(said.contains("committed: "), "{said}");
    assert!(said.contains("could not reach the remote"), "{said}");
    assert!(said.contains("the next sync sends them"), "{said}");
    let log = git(
        home,
        &["-C", m.a.to_str().unwrap(), "log", "--format=%s", "-1"],
    );
    assert!(
        log.starts_with("Jo Taylor on home-laptop: 1 meeting"),
        "{log}"
    );
    std::fs::rename(&away, &m.remote).unwrap();
    let said = ok(home, &m.a, &["sync"]);
    assert!(said.contains("nothing new to commit"), "{said}");
    assert!(said.contains("sent 1 commit"), "{said}");
    let said = ok(home, &m.b, &["sync"]);
    assert!(said.contains("received 1 change"), "{said}");
    let x: Meeting = read_record(&sam(&m.b).join("meetings/2026-11-20-sam013.ron")).unwrap();
    assert_eq!(x.focus, "Written offline");
}

#[test]
fn a_remote_that_refuses_the_push_leaves_the_journal_as_it_was() {
    let m = machines();
    let home = m.home();
    let hook = m.remote.join("hooks/pre-receive");
    std::fs::write(
        &hook,
        "#!/bin/sh\necho 'journal is read-only today' >&2\nexit 1\n",
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = sam(&m.a).join("meetings/2026-11-20-sam013.ron");
    edit::<Meeting>(&m.a, &path, |x| x.focus = "Kept here".into());
    let before = std::fs::read(&path).unwrap();
    let r = ml(home, &m.a, &["sync"]);
    assert!(!r.ok);
    assert!(
        r.stdout.contains("the remote refused the push"),
        "{}",
        r.stdout
    );
    assert!(
        r.stderr.contains("journal is read-only today"),
        "{}",
        r.stderr
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
    let status = git(
        home,
        &["-C", m.a.to_str().unwrap(), "status", "--porcelain"],
    );
    assert_eq!(status, "", "the change is committed here, waiting");
    std::fs::remove_file(&hook).unwrap();
    let said = ok(home, &m.a, &["sync"]);
    assert!(said.contains("sent 1 commit"), "{said}");
}

#[test]
fn a_private_file_staged_by_hand_is_never_committed() {
    let m = machines();
    let home = m.home();
    let a = m.a.to_str().unwrap();
    git(home, &["-C", a, "add", "--force", "private"]);
    let r = ml(home, &m.a, &["sync"]);
    assert!(!r.ok);
    assert!(r.stderr.contains("would send private text"), "{}", r.stderr);
    assert!(r.stderr.contains("private/jo-taylor/"), "{}", r.stderr);
    let staged = git(home, &["-C", a, "diff", "--cached", "--name-only"]);
    assert_eq!(staged, "");
    let history = git(
        home,
        &["-C", m.remote.to_str().unwrap(), "log", "-p", "--all"],
    );
    assert!(!history.contains(PRIVATE_TEXT));
    let mine = git(home, &["-C", a, "log", "-p", "--all"]);
    assert!(!mine.contains(PRIVATE_TEXT));
}

#[test]
fn bad_input_gets_a_clear_message() {
    let t = tempfile::tempdir().unwrap();
    let home = t.path();
    let dir = home.join("j");
    ok(home, &dir, &["demo"]);
    // Not a synced journal.
    let r = ml(home, &dir, &["sync"]);
    assert!(!r.ok);
    assert!(r.stderr.contains("not a synced journal"), "{}", r.stderr);
    assert!(r.stderr.contains("mentorlog sync init"), "{}", r.stderr);
    // No git at all.
    let empty = home.join("no-programs");
    std::fs::create_dir(&empty).unwrap();
    let mut c = Command::new(env!("CARGO_BIN_EXE_mentorlog"));
    isolate(&mut c, home);
    let out = c
        .env("PATH", &empty)
        .arg("--data-dir")
        .arg(&dir)
        .args(["sync", "init"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("needs the git program"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(!dir.join(".git").exists());
    // A remote that is not there.
    let r = ml(
        home,
        &home.join("new"),
        &["sync", "init", "/nowhere/at/all.git"],
    );
    assert!(!r.ok);
    assert!(
        r.stderr.contains("could not clone /nowhere/at/all.git"),
        "{}",
        r.stderr
    );
    // Offline sync init, then sync: committed here, said so.
    ok(home, &dir, &["sync", "init"]);
    let said = ok(home, &dir, &["sync"]);
    assert!(said.contains("no remote yet"), "{said}");
    let said = ok(home, &dir, &["sync"]);
    assert!(
        said.contains("nothing new to commit"),
        "the same records never differ from themselves: {said}"
    );
    // init again adopts the repository.
    let said = ok(home, &dir, &["sync", "init"]);
    assert!(said.contains("is a git repository already"), "{said}");
    let ignore = std::fs::read_to_string(dir.join(".gitignore")).unwrap();
    assert_eq!(ignore.matches("/private/").count(), 1, "{ignore}");
    let attributes = std::fs::read_to_string(dir.join(".gitattributes")).unwrap();
    assert!(attributes.contains("*.ron merge=mentorlog"));
    let driver = git(
        home,
        &[
            "-C",
            dir.to_str().unwrap(),
            "config",
            "merge.mentorlog.driver",
        ],
    );
    assert!(driver.contains(env!("CARGO_BIN_EXE_mentorlog")), "{driver}");
    assert!(driver.contains("merge-driver %O %A %B %P"), "{driver}");
}

// ----- other sync tools' conflict copies -----

#[test]
fn syncthing_and_dropbox_conflict_files_are_offered_as_conflict_copies() {
    let t = tempfile::tempdir().unwrap();
    let root = t.path().join("j");
    let store = Store::new(&root);
    mentorlog::journal::demo::write_demo(&store, mentorlog::journal::demo::Size::Small, today())
        .unwrap();
    let meetings = sam(&root).join("meetings");
    let path = meetings.join("2026-11-20-sam013.ron");
    let meeting: Meeting = read_record(&path).unwrap();
    let count = Journal::open(Store::new(&root), today())
        .reader(Audience::Owner)
        .find_partner("sam-lee")
        .unwrap()
        .meetings()
        .len();
    let mut theirs = meeting.clone();
    theirs.focus = "From the phone (Syncthing)".into();
    let syncthing = meetings.join("2026-11-20-sam013.sync-conflict-20261123-101500-ABCDEFG.ron");
    std::fs::write(&syncthing, mentorlog::store::to_ron(&theirs).unwrap()).unwrap();
    let mut other = meeting.clone();
    other.focus = "From the office (Dropbox)".into();
    let dropbox = meetings.join("2026-11-20-sam013 (Jo Taylor's conflicted copy 2026-11-23).ron");
    std::fs::write(&dropbox, mentorlog::store::to_ron(&other).unwrap()).unwrap();
    let journal_copy = root.join("journal (conflicted copy 2026-11-23).ron");
    std::fs::copy(root.join("journal.ron"), &journal_copy).unwrap();

    let j = Journal::open(Store::new(&root), today());
    let r = j.reader(Audience::Owner);
    assert_eq!(
        r.find_partner("sam-lee").unwrap().meetings().len(),
        count,
        "not loaded as extra meetings"
    );
    let conflicts = r.conflicts();
    let copies: Vec<&Path> = conflicts.iter().map(|c| c.copy.as_path()).collect();
    assert!(copies.contains(&syncthing.as_path()), "{copies:?}");
    assert!(copies.contains(&dropbox.as_path()), "{copies:?}");
    assert!(copies.contains(&journal_copy.as_path()), "{copies:?}");
    for c in conflicts.iter().filter(|c| c.copy != journal_copy) {
        assert_eq!(c.original, path);
        assert!(c.fields.iter().any(|f| f.0 == "focus"), "{:?}", c.fields);
    }
    assert!(j.problems().is_empty(), "{:?}", j.problems());

    // C offers them; t takes the Syncthing one's version into the record.
    let mut tui = Tui::new(j, false);
    tui.key(KeyEvent::new(KeyCode::Char('C'), KeyModifiers::SHIFT));
    assert!(matches!(
        tui.app.overlays.last(),
        Some(Overlay::Conflicts { .. })
    ));
    let at = tui
        .reader()
        .conflicts()
        .iter()
        .position(|c| c.copy == syncthing)
        .unwrap();
    for _ in 0..at {
        tui.key(KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE));
    }
    tui.key(KeyEvent::new(KeyCode::Char('t'), KeyModifiers::NONE));
    assert!(!syncthing.exists());
    let now: Meeting = read_record(&path).unwrap();
    assert_eq!(now.focus, "From the phone (Syncthing)");
    assert_eq!(tui.reader().conflicts().len(), 2);
}

// ----- the full-screen journal -----

/// The process's own git runs (the screen's sync thread) see a home of the tests' own, not
/// the user's.
fn isolate_process() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let home = std::env::temp_dir().join(format!("mentorlog-sync-test-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&home);
        // SAFETY: set once, before any of this process's threads run git; std's own
        // environment access is serialised.
        unsafe {
            std::env::set_var("HOME", &home);
            std::env::set_var("XDG_CONFIG_HOME", home.join(".config"));
            std::env::set_var("GIT_CONFIG_NOSYSTEM", "1");
        }
    });
}

#[test]
fn s_in_the_full_screen_journal_shows_the_state_and_syncs() {
    let m = machines();
    isolate_process();
    // The laptop logs a meeting; the school machine's screen brings it in with S.
    ok(
        m.home(),
        &m.a,
        &[
            "log",
            "--with",
            "sam-lee",
            "--focus",
            "Sent from the laptop",
            "Notes.",
        ],
    );
    ok(m.home(), &m.a, &["sync"]);
    edit::<Goal>(&m.b, &sam(&m.b).join("goals/2026-11-03-samg03.ron"), |g| {
        g.objective = "Edited at school".into()
    });

    let mut tui = Tui::open(Store::new(&m.b), today(), false);
    tui.refresh_sync_state();
    tui.wait_sync(std::time::Duration::from_secs(20));
    assert!(
        tui.app.sync.repository && tui.app.sync.remote,
        "{:?}",
        tui.app.sync
    );
    assert_eq!(tui.app.sync.last, None);
    tui.app.status = None;
    let screen = screen::text(&mut tui, 80, 24);
    assert!(screen.contains("not synced yet"), "{screen}");
    let wide = screen::text(&mut tui, 140, 40);
    assert!(wide.contains("S sync"), "the key is in the hints:\n{wide}");

    tui.key(KeyEvent::new(KeyCode::Char('S'), KeyModifiers::SHIFT));
    assert!(
        tui.app.sync.running.is_some(),
        "the key starts a sync at once, off the screen's thread"
    );
    tui.app.status = None;
    let screen = screen::text(&mut tui, 80, 24);
    assert!(screen.contains("syncing: "), "{screen}");
    tui.wait_sync(std::time::Duration::from_secs(60));
    assert_eq!(tui.app.sync.running, None);
    let said = tui
        .app
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    assert!(
        said.starts_with("Synced: committed 1 goal, received 1, sent"),
        "{said}"
    );
    // The meeting from the laptop is on screen's journal now.
    let focus: Vec<String> = tui
        .reader()
        .find_partner("sam-lee")
        .unwrap()
        .meetings()
        .iter()
        .map(|x| x.value.focus.clone())
        .collect();
    assert!(
        focus.iter().any(|f| f == "Sent from the laptop"),
        "{focus:?}"
    );
    assert!(tui.app.sync.last.is_some());
    assert_eq!((tui.app.sync.ahead, tui.app.sync.behind), (0, 0));
    tui.app.status = None;
    let screen = screen::text(&mut tui, 80, 24);
    assert!(screen.contains("synced "), "{screen}");
    let wide = screen::text(&mut tui, 160, 50);
    assert!(wide.contains("all changes saved · synced "), "{wide}");
    check_modes(&m.b);
    // The laptop gets the goal.
    ok(m.home(), &m.a, &["sync"]);
    let g: Goal = read_record(&sam(&m.a).join("goals/2026-11-03-samg03.ron")).unwrap();
    assert_eq!(g.objective, "Edited at school");

    // The help lists the key.
    tui.key(KeyEvent::new(KeyCode::Char('?'), KeyModifiers::NONE));
    let help = screen::text(&mut tui, 120, 200);
    assert!(help.contains("sync with your other machines"), "{help}");
}

#[test]
fn s_on_a_journal_not_synced_says_what_to_do() {
    let t = tempfile::tempdir().unwrap();
    isolate_process();
    let store = Store::new(t.path().join("j"));
    mentorlog::journal::demo::write_demo(&store, mentorlog::journal::demo::Size::Small, today())
        .unwrap();
    let mut tui = Tui::open(store, today(), false);
    tui.refresh_sync_state();
    tui.wait_sync(std::time::Duration::from_secs(10));
    assert!(!tui.app.sync.repository);
    tui.key(KeyEvent::new(KeyCode::Char('S'), KeyModifiers::SHIFT));
    tui.wait_sync(std::time::Duration::from_secs(10));
    let said = tui.app.status.clone().unwrap();
    assert!(said.error);
    assert!(said.text.contains("mentorlog sync init"), "{}", said.text);
    assert!(!t.path().join("j/.git").exists());
}

#[test]
fn a_sync_from_the_other_machine_shows_in_status_and_search_whatever_the_cache_held() {
    let m = machines();
    let home = m.home();
    // The school laptop's status and search fill its cache.
    age(&m.b);
    let status_before = ok(home, &m.b, &["status", "--json"]);
    assert_eq!(ok(home, &m.b, &["status", "--json"]), status_before);
    let q = "zanzibar";
    assert!(ok(home, &m.b, &["search", q]).starts_with("Nothing"));
    assert!(m.b.join("private/.mentorlog/cache/status.cache").exists());
    // The home laptop logs a meeting with Sam and syncs; the school laptop syncs.
    ok(
        home,
        &m.a,
        &[
            "log",
            "--with",
            "sam",
            "--focus",
            "Visit",
            "Met at the Zanzibar school",
        ],
    );
    ok(home, &m.a, &["sync"]);
    let said = ok(home, &m.b, &["sync"]);
    assert!(said.contains("received"), "{said}");
    let status_after = ok(home, &m.b, &["status", "--json"]);
    assert_ne!(status_after, status_before, "the meeting counts at once");
    let found = ok(home, &m.b, &["search", q]);
    assert!(found.contains("Visit"), "{found}");
    // What a journal read with no cache at all says.
    std::fs::remove_dir_all(m.b.join("private/.mentorlog/cache")).unwrap();
    assert_eq!(ok(home, &m.b, &["status", "--json"]), status_after);
    assert_eq!(ok(home, &m.b, &["search", q]), found);
}
