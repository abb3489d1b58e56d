//! Hostile files, races and clocks: the store never reads, writes or deletes through a link
//! that leads out of the data directory (not even one swapped in mid-save), refuses FIFOs and
//! sockets instead of waiting on them, bounds and explains its wait for the lock, names
//! conflict copies that never collide, places bad UTF-8 and byte-order marks, survives a clock
//! before 1970 or in the far future, and refuses framework ids that make odd file names.

use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use mentorlog::framework::{FrameworkSet, parse_framework};
use mentorlog::model::*;
use mentorlog::store::{
    LOCK_FILE, Loaded, PartnershipData, Store, StoreError, ensure_dir_in, read_record,
};

const BIN: &str = env!("CARGO_BIN_EXE_mentorlog");

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn partnership(name: &str) -> Partnership {
    Partnership {
        signatures: Vec::new(),
        by: Default::default(),
        version: SCHEMA_VERSION,
        id: String::new(),
        name: name.into(),
        institution: None,
        kind: PartnershipKind::Induction,
        pathway: Pathway::RoleFocused,
        focus: None,
        start: d("2026-09-01"),
        end: None,
        cadence_days: 14,
        rhythm: Default::default(),
        frameworks: vec!["curee".into()],
        status: PartnershipStatus::Active,
        agreement: None,
        thoughts: Vec::new(),
        evaluation: None,
    }
}

fn meeting(id: &str) -> Meeting {
    let mut m = Meeting::new(id.into(), d("2026-11-20"));
    m.focus = format!("Meeting {id}");
    m
}

/// A temp folder holding a journal `j` with the partnership "Sam" (id `sam`), and a folder
/// `outside` beside it that must stay empty.
struct Journal {
    _t: tempfile::TempDir,
    root: PathBuf,
    outside: PathBuf,
    store: Store,
    sam: PartnershipData,
}

fn journal() -> Journal {
    let t = tempfile::tempdir().unwrap();
    let root = t.path().join("j");
    let outside = t.path().join("outside");
    std::fs::create_dir_all(&outside).unwrap();
    let store = Store::new(&root);
    store.create_partnership(partnership("Sam")).unwrap();
    let sam = store
        .load()
        .partnerships
        .into_iter()
        .find(|p| p.id() == "sam")
        .unwrap();
    Journal {
        _t: t,
        root,
        outside,
        store,
        sam,
    }
}

/// Every file under `dir`, for "nothing landed here" checks.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let t = e.file_type().unwrap();
            if t.is_dir() {
                stack.push(e.path());
            } else {
                out.push(e.path());
            }
        }
    }
    out.sort();
    out
}

/// Run `f` on a thread; fail the test if it has not answered within five seconds (the old
/// store waited forever on a FIFO).
fn within_5s<T: Send + 'static>(what: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(Duration::from_secs(5))
        .unwrap_or_else(|_| panic!("{what} still waiting after 5 s"))
}

fn mkfifo(path: &Path) {
    let st = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(st.success());
}

// ------------------------------------------------------------------ 1. links out, races

#[test]
fn saves_never_land_outside_while_a_folder_is_swapped_for_a_link() {
    const SAVES: usize = 2000;
    let j = journal();
    let meetings = j.sam.dir.join("meetings");
    let parked = j.sam.dir.join("parked-meetings");
    std::fs::create_dir_all(&meetings).unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let swapper = {
        let (stop, meetings, parked, outside) = (
            stop.clone(),
            meetings.clone(),
            parked.clone(),
            j.outside.clone(),
        );
        std::thread::spawn(move || {
            let mut swaps = 0u32;
            while !stop.load(Ordering::Relaxed) {
                // The real folder steps aside and a link to the outside takes its name...
                if std::fs::rename(&meetings, &parked).is_ok() {
                    let _ = symlink(&outside, &meetings);
                    std::thread::yield_now();
                    // ...then the real folder comes back.
                    let _ = std::fs::remove_file(&meetings);
                    let _ = std::fs::rename(&parked, &meetings);
                    swaps += 1;
                }
                std::thread::yield_now();
            }
            swaps
        })
    };
    let fixed = meetings.join("2026-11-20-fixed0.ron");
    let (mut saved, mut refused) = (0, 0);
    for i in 0..SAVES {
        let m = meeting(&format!("m{i:05}"));
        let r = if i % 2 == 0 {
            j.store.create_meeting(&j.sam, &m).map(|_| ())
        } else {
            j.store.save_at(&fixed, None, &m).map(|_| ())
        };
        match r {
            Ok(()) => saved += 1,
            Err(_) => refused += 1,
        }
    }
    stop.store(true, Ordering::Relaxed);
    let swaps = swapper.join().unwrap();
    if !meetings.exists() {
        let _ = std::fs::remove_file(&meetings);
        std::fs::rename(&parked, &meetings).unwrap();
    }
    let landed = files_under(&j.outside);
    assert!(
        landed.is_empty(),
        "{} of {SAVES} saves landed outside the data directory ({saved} saved, {refused} refused, \
         {swaps} swaps): {landed:?}",
        landed.len()
    );
    assert!(saved > 0 && swaps > 0, "{saved} saved, {swaps} swaps");
}

#[test]
fn a_partnership_folder_linked_out_is_refused_for_write_delete_and_read() {
    let j = journal();
    let m = meeting("abc123");
    let saved = j.store.create_meeting(&j.sam, &m).unwrap();
    // Someone moves Sam's folder out of the journal and leaves a link in its place.
    let moved = j.outside.join("sam");
    std::fs::rename(&j.sam.dir, &moved).unwrap();
    symlink(&moved, &j.sam.dir).unwrap();
    let before = files_under(&j.outside);
    let link = j.sam.dir.display().to_string();

    let says_what = |e: &StoreError| {
        let e = e.to_string();
        assert!(e.contains(&link), "names the link: {e}");
        assert!(e.contains("leads out of the data directory"), "{e}");
        assert!(e.contains("replace the link"), "says what to do: {e}");
    };
    let e = j
        .store
        .create_meeting(&j.sam, &meeting("new001"))
        .unwrap_err();
    says_what(&e);
    let e = j
        .store
        .delete(&Loaded {
            path: saved.path.clone(),
            value: m.clone(),
        })
        .unwrap_err();
    says_what(&e);
    let e = j.store.read::<Meeting>(&saved.path).unwrap_err();
    says_what(&e);
    let e = j
        .store
        .save_at(&j.sam.partnership.path, None, &j.sam.partnership.value)
        .unwrap_err();
    says_what(&e);
    let e = ensure_dir_in(&j.root, &j.sam.dir.join("goals")).unwrap_err();
    says_what(&e);
    // Loading reports the partnership and reads nothing through the link.
    let snap = j.store.load();
    assert!(snap.partnership("sam").is_none());
    assert!(
        snap.problems
            .iter()
            .any(|p| p.contains(&link) && p.contains("leads out")),
        "{:?}",
        snap.problems
    );
    assert_eq!(files_under(&j.outside), before, "nothing changed outside");
}

#[test]
fn a_record_file_linked_out_is_refused_for_write_delete_and_read() {
    let j = journal();
    let m = meeting("abc123");
    let saved = j.store.create_meeting(&j.sam, &m).unwrap();
    let target = j.outside.join("meeting.ron");
    std::fs::rename(&saved.path, &target).unwrap();
    symlink(&target, &saved.path).unwrap();
    let content = std::fs::read(&target).unwrap();
    let shown = saved.path.display().to_string();
    let loaded = Loaded {
        path: saved.path.clone(),
        value: m.clone(),
    };
    let mut changed = m.clone();
    changed.notes = "changed".into();

    let e = j.store.save(&loaded, &changed).unwrap_err().to_string();
    assert!(e.contains(&shown) && e.contains("symbolic link"), "{e}");
    let e = j.store.delete(&loaded).unwrap_err().to_string();
    assert!(e.contains(&shown) && e.contains("leads out"), "{e}");
    let e = j
        .store
        .read::<Meeting>(&saved.path)
        .unwrap_err()
        .to_string();
    assert!(e.contains(&shown) && e.contains("leads out"), "{e}");
    assert!(e.contains("replace the link"), "{e}");
    let snap = j.store.load();
    assert!(
        snap.problems.iter().any(|p| p.contains(&shown)),
        "{:?}",
        snap.problems
    );
    assert!(snap.partnership("sam").unwrap().meetings.is_empty());

    assert!(
        saved
            .path
            .symlink_metadata()
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        std::fs::read(&target).unwrap(),
        content,
        "the outside file is untouched"
    );
    assert_eq!(files_under(&j.outside), vec![target]);
}

#[test]
fn a_lock_file_linked_out_is_refused() {
    let j = journal();
    let lock = j.root.join(LOCK_FILE);
    std::fs::remove_file(&lock).unwrap();
    symlink(j.outside.join("lock"), &lock).unwrap();
    let e = within_5s("lock", {
        let store = j.store.clone();
        move || store.lock().map(|_| ()).unwrap_err().to_string()
    });
    assert!(
        e.contains(&lock.display().to_string()) && e.contains("symbolic link"),
        "{e}"
    );
    let e = j
        .store
        .create_meeting(&j.sam, &meeting("abc123"))
        .unwrap_err();
    assert!(e.to_string().contains("symbolic link"), "{e}");
    assert!(files_under(&j.outside).is_empty());
}

#[test]
fn a_link_that_stays_inside_keeps_working() {
    let j = journal();
    let archive = j.root.join("archive").join("sam-meetings");
    std::fs::create_dir_all(&archive).unwrap();
    symlink("../../archive/sam-meetings", j.sam.dir.join("meetings")).unwrap();
    let saved = j.store.create_meeting(&j.sam, &meeting("abc123")).unwrap();
    assert!(archive.join(saved.path.file_name().unwrap()).is_file());
    let snap = j.store.load();
    assert!(snap.problems.is_empty(), "{:?}", snap.problems);
    assert_eq!(snap.partnership("sam").unwrap().meetings.len(), 1);
}

// ------------------------------------------------------------------ 2. FIFOs and sockets

#[test]
fn a_fifo_where_a_record_is_expected_is_refused_not_waited_on() {
    let j = journal();
    let dir = j.sam.dir.join("meetings");
    std::fs::create_dir_all(&dir).unwrap();
    let fifo = dir.join("2026-11-20-fifo00.ron");
    mkfifo(&fifo);
    let shown = fifo.display().to_string();
    let expected =
        "is not a regular file (a FIFO); mentorlog reads and writes only plain files: remove it";

    let e = within_5s("read_record on a FIFO", {
        let fifo = fifo.clone();
        move || read_record::<Meeting>(&fifo).unwrap_err().to_string()
    });
    assert!(e.contains(&shown) && e.contains(expected), "{e}");
    let e = within_5s("Store::read on a FIFO", {
        let (store, fifo) = (j.store.clone(), fifo.clone());
        move || store.read::<Meeting>(&fifo).unwrap_err().to_string()
    });
    assert!(e.contains(expected), "{e}");
    let problems = within_5s("loading a journal with a FIFO", {
        let store = j.store.clone();
        move || store.load().problems
    });
    assert!(
        problems.iter().any(|p| p.contains(expected)),
        "{problems:?}"
    );
    let e = within_5s("saving over a FIFO", {
        let (store, fifo) = (j.store.clone(), fifo.clone());
        move || {
            store
                .save_at(&fifo, None, &meeting("fifo00"))
                .unwrap_err()
                .to_string()
        }
    });
    assert!(e.contains(expected), "{e}");
    {
        use std::os::unix::fs::FileTypeExt;
        assert!(
            fifo.symlink_metadata().unwrap().file_type().is_fifo(),
            "left in place"
        );
    }

    let sock = dir.join("2026-11-21-sock00.ron");
    let _listener = std::os::unix::net::UnixListener::bind(&sock).unwrap();
    let e = within_5s("reading a socket", {
        let (store, sock) = (j.store.clone(), sock.clone());
        move || store.read::<Meeting>(&sock).unwrap_err().to_string()
    });
    assert!(e.contains("is not a regular file (a socket)"), "{e}");
}

#[test]
fn a_fifo_as_the_lock_file_is_refused_not_waited_on() {
    let j = journal();
    let lock = j.root.join(LOCK_FILE);
    std::fs::remove_file(&lock).unwrap();
    mkfifo(&lock);
    let e = within_5s("saving with a FIFO as the lock file", {
        let (store, sam) = (j.store.clone(), j.sam.clone());
        move || {
            store
                .create_meeting(&sam, &meeting("abc123"))
                .unwrap_err()
                .to_string()
        }
    });
    assert!(
        e.contains(&lock.display().to_string())
            && e.contains("is not a regular file (a FIFO)")
            && e.contains("remove it"),
        "{e}"
    );
}

// ------------------------------------------------------------------ 3. the lock's holder

/// Hold the journal's lock the way another mentorlog would: its own open file, its pid inside.
fn hold_lock(root: &Path, pid: u32) -> std::fs::File {
    let f = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .read(true)
        .write(true)
        .open(root.join(LOCK_FILE))
        .unwrap();
    f.lock().unwrap();
    f.set_len(0).unwrap();
    use std::io::Write;
    (&f).write_all(pid.to_string().as_bytes()).unwrap();
    f
}

#[test]
fn a_held_lock_names_its_holder_and_the_wait_is_bounded() {
    let j = journal();
    let held = hold_lock(&j.root, 4242);
    let notices: Arc<Mutex<Vec<(Duration, String)>>> = Arc::default();
    let start = Instant::now();
    let store = j
        .store
        .clone()
        .with_lock_timeout(Duration::from_millis(1500))
        .with_wait_notice({
            let notices = notices.clone();
            move |m| {
                notices
                    .lock()
                    .unwrap()
                    .push((start.elapsed(), m.to_string()))
            }
        });
    let e = store
        .create_meeting(&j.sam, &meeting("abc123"))
        .unwrap_err();
    let took = start.elapsed();
    assert_eq!(
        e.to_string(),
        "another mentorlog (pid 4242) has held the journal's lock for 1.5 s; nothing was saved; \
         try again, or stop that process"
    );
    assert!(
        took >= Duration::from_millis(1500) && took < Duration::from_secs(4),
        "{took:?}"
    );
    let notices = notices.lock().unwrap().clone();
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert_eq!(
        notices[0].1,
        "waiting for another mentorlog, pid 4242, to finish saving"
    );
    assert!(
        notices[0].0 < Duration::from_secs(1),
        "told within a second: {notices:?}"
    );
    assert!(
        j.store
            .load()
            .partnership("sam")
            .unwrap()
            .meetings
            .is_empty()
    );
    drop(held);
    // Once it is free, the save goes through and its pid is in the lock while it holds it.
    let lock = store.lock().unwrap();
    assert_eq!(
        std::fs::read_to_string(j.root.join(LOCK_FILE)).unwrap(),
        std::process::id().to_string()
    );
    drop(lock);
    store.create_meeting(&j.sam, &meeting("abc123")).unwrap();
}

#[test]
fn the_command_line_says_whom_it_waits_for_and_then_saves() {
    let j = journal();
    let held = hold_lock(&j.root, std::process::id());
    let child = std::process::Command::new(BIN)
        .arg("--data-dir")
        .arg(&j.root)
        .args(["partner", "add", "Alex Morgan"])
        .env_remove("MENTORLOG_DIR")
        .env("MENTORLOG_TODAY", "2026-11-23")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    drop(held);
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains(&format!(
            "waiting for another mentorlog, pid {}, to finish saving",
            std::process::id()
        )),
        "{err}"
    );
    assert!(
        j.root
            .join("partnerships/alex-morgan/partnership.ron")
            .is_file()
    );
}

// ------------------------------------------------------------------ 5. conflict copies

#[test]
fn two_conflicts_on_one_record_in_quick_succession_keep_both_versions() {
    let j = journal();
    let m = meeting("abc123");
    let saved = j.store.create_meeting(&j.sam, &m).unwrap();
    let base = Loaded {
        path: saved.path.clone(),
        value: m.clone(),
    };
    let version = |focus: &str| {
        let mut v = m.clone();
        v.focus = focus.into();
        v
    };
    // Another process saves A; this one, from the old base, saves B: A is kept as a copy.
    j.store.save(&base, &version("A")).unwrap();
    let first = j.store.save(&base, &version("B")).unwrap();
    // And again at once: B is on disk, C is saved from the old base: B is kept as a copy.
    let second = j.store.save(&base, &version("C")).unwrap();
    let (c1, c2) = (first.conflict_copy.unwrap(), second.conflict_copy.unwrap());
    assert_ne!(c1, c2);
    assert_eq!(read_record::<Meeting>(&c1).unwrap().focus, "A");
    assert_eq!(read_record::<Meeting>(&c2).unwrap().focus, "B");
    assert_eq!(read_record::<Meeting>(&saved.path).unwrap().focus, "C");
    for c in [&c1, &c2] {
        assert_eq!(
            mentorlog::journal::original_of(c).unwrap(),
            saved.path,
            "{}",
            c.display()
        );
        let name = c.file_name().unwrap().to_str().unwrap();
        assert!(
            name.contains(".conflict-") && name.ends_with(".ron"),
            "{name}"
        );
    }
    assert_eq!(j.store.load().conflicts.len(), 2);
}

/// Is `faketime` (libfaketime) on PATH? CI installs it; elsewhere the tests that need it say
/// they are skipped.
fn have_faketime() -> bool {
    let have = std::process::Command::new("faketime")
        .args(["2000-01-01", "true"])
        .status()
        .is_ok_and(|s| s.success());
    if !have {
        eprintln!("note: faketime is not installed; this test is skipped (CI installs it)");
    }
    have
}

#[test]
fn two_conflicts_under_a_frozen_clock_keep_both_versions() {
    if std::env::var_os("MENTORLOG_FROZEN_CLOCK_CHILD").is_some() {
        // Here the clock stands still: both copies get the same time stamp and pid.
        return two_conflicts_on_one_record_in_quick_succession_keep_both_versions();
    }
    if !have_faketime() {
        return;
    }
    let out = std::process::Command::new("faketime")
        .args(["-f", "2026-11-23 10:15:00"])
        .arg(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "two_conflicts_under_a_frozen_clock_keep_both_versions",
            "--test-threads",
            "1",
        ])
        .env("MENTORLOG_FROZEN_CLOCK_CHILD", "1")
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && text.contains("1 passed"),
        "under a frozen clock:\n{text}"
    );
}

// ------------------------------------------------------------------ 6. UTF-8 and BOMs

#[test]
fn invalid_utf8_in_a_record_is_reported_with_its_position_and_left_alone() {
    let j = journal();
    let saved = j.store.create_meeting(&j.sam, &meeting("abc123")).unwrap();
    let text = std::fs::read_to_string(&saved.path).unwrap();
    // Latin-1 "café" in the focus line: the é is the single byte 0xE9.
    let line_no = text.lines().position(|l| l.contains("focus:")).unwrap() + 1;
    let bad = text.replace("focus: \"Meeting abc123\"", "focus: \"caf\u{0}\"");
    let mut bytes = bad.into_bytes();
    let at = bytes.iter().position(|b| *b == 0).unwrap();
    bytes[at] = 0xE9;
    std::fs::write(&saved.path, &bytes).unwrap();
    let col = "    focus: \"caf".chars().count() + 1;
    let expected = format!(
        "{}:{line_no}:{col}: not valid UTF-8 (byte 0xE9); save the file as UTF-8",
        saved.path.display()
    );
    let e = read_record::<Meeting>(&saved.path).unwrap_err();
    assert!(matches!(e, StoreError::Parse { .. }), "{e:?}");
    assert_eq!(e.to_string(), expected);
    assert_eq!(
        j.store
            .read::<Meeting>(&saved.path)
            .unwrap_err()
            .to_string(),
        expected
    );
    let snap = j.store.load();
    assert!(snap.problems.contains(&expected), "{:?}", snap.problems);
    let e = j
        .store
        .save_at(&saved.path, None, &meeting("abc123"))
        .unwrap_err();
    assert!(matches!(e, StoreError::WontOverwrite { .. }), "{e}");
    assert_eq!(std::fs::read(&saved.path).unwrap(), bytes, "left untouched");
}

#[test]
fn a_byte_order_mark_is_reported_as_such() {
    let j = journal();
    let saved = j.store.create_meeting(&j.sam, &meeting("abc123")).unwrap();
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(std::fs::read(&saved.path).unwrap());
    std::fs::write(&saved.path, &bytes).unwrap();
    let expected = format!(
        "{}:1:1: starts with a byte-order mark (U+FEFF); save the file as UTF-8 without a BOM",
        saved.path.display()
    );
    let e = read_record::<Meeting>(&saved.path).unwrap_err();
    assert!(
        matches!(
            e,
            StoreError::Parse {
                line: 1,
                col: 1,
                ..
            }
        ),
        "{e:?}"
    );
    assert_eq!(e.to_string(), expected);
    assert!(j.store.load().problems.contains(&expected));
    // parse_record, given the text with its BOM, says the same.
    let text = String::from_utf8(bytes.clone()).unwrap();
    let e = mentorlog::store::parse_record::<Meeting>(&saved.path, &text).unwrap_err();
    assert_eq!(e.to_string(), expected);
    assert!(
        j.store
            .save_at(&saved.path, None, &meeting("abc123"))
            .is_err()
    );
    assert_eq!(std::fs::read(&saved.path).unwrap(), bytes, "left untouched");
}

const FRAMEWORK: &str = r#"Framework(
    id: "demo",
    title: "Demo",
    source: "Made for tests",
    sections: [
        Section(id: "a", title: "A", items: [
            Item(id: "x", text: "Do x"),
        ]),
    ],
)
"#;

#[test]
fn bad_utf8_and_byte_order_marks_in_framework_files_are_placed() {
    let t = tempfile::tempdir().unwrap();
    let bom = t.path().join("bom.ron");
    let mut b = b"\xEF\xBB\xBF".to_vec();
    b.extend(FRAMEWORK.replace("demo", "bom").as_bytes());
    std::fs::write(&bom, &b).unwrap();
    let latin1 = t.path().join("latin1.ron");
    let mut b = FRAMEWORK
        .replace("demo", "latin")
        .replace("Do x", "Do caf@")
        .into_bytes();
    let at = b.iter().position(|c| *c == b'@').unwrap();
    b[at] = 0xE9;
    std::fs::write(&latin1, &b).unwrap();

    let e = mentorlog::store::check_framework_file(&bom)
        .unwrap_err()
        .to_string();
    assert_eq!(
        e,
        format!(
            "{}:1:1: starts with a byte-order mark (U+FEFF); save the file as UTF-8 without a BOM",
            bom.display()
        )
    );
    let col = "            Item(id: \"x\", text: \"Do caf".len() + 1;
    let e = mentorlog::store::check_framework_file(&latin1)
        .unwrap_err()
        .to_string();
    assert_eq!(
        e,
        format!(
            "{}:7:{col}: not valid UTF-8 (byte 0xE9); save the file as UTF-8",
            latin1.display()
        )
    );
    let set = mentorlog::store::frameworks_in(t.path());
    let problems: Vec<String> = set.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(
        problems
            .iter()
            .any(|p| p.contains("bom.ron:1:1: starts with a byte-order mark"))
    );
    assert!(
        problems
            .iter()
            .any(|p| p.contains(&format!("latin1.ron:7:{col}: not valid UTF-8"))),
        "{problems:?}"
    );
    let e = parse_framework("x.ron", &format!("\u{feff}{FRAMEWORK}")).unwrap_err();
    assert_eq!((e.line, e.col), (1, 1));
}

// ------------------------------------------------------------------ 7. the clock

#[test]
fn a_clock_before_1970_or_in_the_far_future_never_panics() {
    if !have_faketime() {
        return;
    }
    for when in ["1969-06-01 12:00:00", "2999-01-01"] {
        let t = tempfile::tempdir().unwrap();
        let dir = t.path().join("j");
        for args in [
            &["status"][..],
            &["partner", "add", "Sam Lee"],
            &["log", "--with", "sam", "Talked about questioning"],
            &["status"],
        ] {
            let out = assert_cmd::Command::new("faketime")
                .arg(when)
                .arg(BIN)
                .arg("--data-dir")
                .arg(&dir)
                .args(args)
                .env_remove("MENTORLOG_DIR")
                .env_remove("MENTORLOG_TODAY")
                .env("EDITOR", "false")
                .output()
                .unwrap();
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(
                out.status.success() && !err.contains("panicked"),
                "faketime '{when}' mentorlog {args:?}: {:?}\n{err}",
                out.status
            );
        }
        let meetings = files_under(&dir.join("partnerships/sam-lee/meetings"));
        assert_eq!(meetings.len(), 1, "{when}: {meetings:?}");
    }
}

// ------------------------------------------------------------------ 8. ids that name files

#[test]
fn framework_ids_that_make_odd_file_names_are_refused() {
    for id in [
        ".hidden",
        "..",
        ".",
        "a/b",
        "a\\\\b",
        "a b",
        "",
        "-x",
        "tab\\t",
        "nul\\u{0}",
        "a.b",
        "ünï",
    ] {
        let text = FRAMEWORK.replace("id: \"demo\"", &format!("id: \"{id}\""));
        let e = parse_framework("fw.ron", &text)
            .err()
            .unwrap_or_else(|| panic!("framework id {id:?} was accepted"));
        assert_eq!((e.line, e.col), (2, 9), "{id:?}: {e}");
        assert!(
            e.message
                .contains("letters, digits, '-' and '_' only, not starting with '-'"),
            "{id:?}: {e}"
        );
    }
    // A staged framework's top-level sections name its stage records.
    let staged = r#"Framework(
    id: "stagey",
    title: "Staged",
    source: "Made for tests",
    sections: [
        Section(id: "one", title: "One", items: [Item(id: "x", text: "Do x")]),
        Section(id: "..", title: "Two", items: [Item(id: "y", text: "", ref: "stagey/x")]),
    ],
)
"#;
    let e = parse_framework("staged.ron", staged).unwrap_err();
    assert_eq!((e.line, e.col), (7, 21), "{e}");
    assert!(e.message.contains("stage id \"..\""), "{e}");
    // Not staged (no refs): its sections name no files, so dots stay allowed in them.
    let plain = FRAMEWORK.replace("Section(id: \"a\"", "Section(id: \"a.1\"");
    parse_framework("plain.ron", &plain).unwrap();
    // Every bundled framework passes, and `framework check` refuses a bad file with a place.
    assert!(FrameworkSet::bundled().problems.is_empty());
    let t = tempfile::tempdir().unwrap();
    let bad = t.path().join("hidden.ron");
    std::fs::write(&bad, FRAMEWORK.replace("id: \"demo\"", "id: \".hidden\"")).unwrap();
    let out = std::process::Command::new(BIN)
        .args(["framework", "check"])
        .arg(&bad)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        err.contains(&format!("{}:2:9: framework id \".hidden\"", bad.display())),
        "{err}"
    );
    // And a user framework with such an id is not loaded.
    std::fs::write(t.path().join("ok.ron"), FRAMEWORK).unwrap();
    let set = mentorlog::store::frameworks_in(t.path());
    assert!(set.get(".hidden").is_none() && set.get("demo").is_some());
    assert_eq!(set.problems.len(), 1, "{:?}", set.problems);
}
