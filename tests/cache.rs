//! The cache is only ever a cache: with it deleted, truncated, garbled, or stale after
//! another process or another machine changed the files, every command gives the answer a
//! journal read from its files gives.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use tempfile::TempDir;

#[path = "common/cli.rs"]
mod cli;
use cli::{age, ml};

const CACHE: &str = "private/.mentorlog/cache";

fn out(dir: &Path, args: &[&str]) -> String {
    let o = ml(dir).args(args).output().unwrap();
    assert!(
        o.status.success(),
        "mentorlog {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

fn demo() -> (TempDir, PathBuf) {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("journal");
    out(&dir, &["demo"]);
    age(&dir);
    (t, dir)
}

fn cache_file(dir: &Path) -> PathBuf {
    dir.join(CACHE).join("status.cache")
}

/// The status and its JSON, as read with no cache at all.
fn truth(dir: &Path) -> (String, String) {
    let _ = fs::remove_dir_all(dir.join(CACHE));
    let both = (out(dir, &["status"]), out(dir, &["status", "--json"]));
    let _ = fs::remove_dir_all(dir.join(CACHE));
    both
}

fn status(dir: &Path) -> (String, String) {
    (out(dir, &["status"]), out(dir, &["status", "--json"]))
}

#[test]
fn the_status_cache_is_kept_private_and_used_while_the_folders_are_unchanged() {
    let (_t, dir) = demo();
    let want = truth(&dir);
    assert_eq!(
        status(&dir),
        want,
        "the first status, which fills the cache"
    );
    let file = cache_file(&dir);
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&file), 0o600);
    assert_eq!(mode(file.parent().unwrap()), 0o700);
    assert_eq!(status(&dir), want, "from the cache");
    // The entries are what is shown: a name changed in the cache shows, which is how this
    // test knows the cache is read at all...
    let text = fs::read_to_string(&file).unwrap();
    assert!(text.contains("\"Sam Lee\""));
    // (A name of the same length: the cache checks each part's length.)
    fs::write(&file, text.replace("\"Sam Lee\"", "\"Zed Zoe\"")).unwrap();
    assert!(out(&dir, &["status"]).contains("Zed Zoe"));
    // ...and as soon as the partnership's folder changes, its files are read again.
    let sam = dir.join("partnerships/sam-lee");
    fs::File::open(&sam)
        .unwrap()
        .set_modified(SystemTime::now() - Duration::from_secs(60))
        .unwrap();
    assert_eq!(status(&dir), want);
}

#[test]
fn a_deleted_truncated_or_garbled_cache_gives_the_same_answers() {
    let (_t, dir) = demo();
    let want = truth(&dir);
    status(&dir);
    let file = cache_file(&dir);
    let whole = fs::read(&file).unwrap();
    assert!(whole.len() > 100);
    // A whole first line (whose stamps a command takes the folders' against while it
    // reads the rest) over what is not the entries it promises.
    let line = whole.iter().position(|b| *b == b'\n').unwrap() + 1;
    let behind_head = |fill: u8| {
        let mut bytes = whole.clone();
        bytes[line..].fill(fill);
        bytes
    };
    let cases: [(&str, Vec<u8>); 6] = [
        ("head whole, then not UTF-8", behind_head(0xff)),
        ("head whole, then not JSON", behind_head(b'#')),
        ("truncated", whole[..whole.len() / 2].to_vec()),
        ("empty", Vec::new()),
        ("garbage", b"\x00\xff not json {{{".to_vec()),
        (
            "another shape",
            br#"{"format":1,"context":"x","entries":{"sam-lee":7}}"#.to_vec(),
        ),
    ];
    for (what, bytes) in cases {
        fs::write(&file, &bytes).unwrap();
        assert_eq!(status(&dir), want, "with a {what} cache");
    }
    fs::remove_dir_all(dir.join(CACHE)).unwrap();
    assert_eq!(status(&dir), want, "with no cache");
}

#[test]
fn the_cache_is_stale_after_another_process_writes_and_nothing_stale_is_shown() {
    let (_t, dir) = demo();
    status(&dir);
    status(&dir);
    let before = out(&dir, &["status", "--json"]);
    // Another mentorlog logs a meeting and ticks an item.
    out(
        &dir,
        &[
            "log",
            "--with",
            "sam",
            "--focus",
            "Cache check",
            "A meeting after the cache",
        ],
    );
    out(
        &dir,
        &[
            "tick",
            "--with",
            "sam",
            "curee/mentor-listen-actively",
            "--evidence",
            "seen",
        ],
    );
    let after = status(&dir);
    assert_ne!(after.1, before, "the new meeting and tick show");
    assert_eq!(after, truth(&dir));
    // The same once those folders are old enough for their entries to be kept.
    age(&dir);
    status(&dir);
    assert_eq!(status(&dir), truth(&dir));
}

#[test]
fn the_cache_is_stale_after_files_come_from_another_machine() {
    let (_t, dir) = demo();
    status(&dir);
    let want_before = status(&dir);
    // As a sync does: files written by another program, a meeting added by copying one
    // and the partnership's record replaced with a new name.
    let meetings = dir.join("partnerships/sam-lee/meetings");
    let first = fs::read_dir(&meetings)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "ron"))
        .unwrap();
    let text = fs::read_to_string(&first).unwrap();
    let id_line = text
        .lines()
        .find(|l| l.trim_start().starts_with("id:"))
        .unwrap();
    let copy = text.replace(id_line, "    id: \"from-elsewhere\",");
    fs::write(meetings.join("2026-11-20-from-elsewhere.ron"), copy).unwrap();
    let p = dir.join("partnerships/sam-lee/partnership.ron");
    let renamed = fs::read_to_string(&p)
        .unwrap()
        .replace("\"Sam Lee\"", "\"Sam Lee-Jones\"");
    let tmp = dir.join("partnerships/sam-lee/.incoming");
    fs::write(&tmp, renamed).unwrap();
    fs::rename(&tmp, &p).unwrap();
    let now = status(&dir);
    assert_ne!(now, want_before);
    assert!(now.0.contains("Sam Lee-Jones"));
    assert_eq!(now, truth(&dir));
}

#[test]
fn a_broken_file_is_warned_about_every_time_not_hidden_by_the_cache() {
    let (_t, dir) = demo();
    let goals = dir.join("partnerships/sam-lee/goals");
    fs::write(goals.join("2026-01-01-broken.ron"), "(not a goal").unwrap();
    age(&dir);
    for _ in 0..3 {
        let o = ml(&dir).arg("status").output().unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains("2026-01-01-broken.ron"), "{err}");
    }
}

/// What `search` finds, text and JSON, as read with no cache at all.
fn search_truth(dir: &Path, q: &str) -> (String, String) {
    let _ = fs::remove_dir_all(dir.join(CACHE));
    let both = search(dir, q);
    let _ = fs::remove_dir_all(dir.join(CACHE));
    both
}

fn search(dir: &Path, q: &str) -> (String, String) {
    (out(dir, &["search", q]), out(dir, &["search", "--json", q]))
}

#[test]
fn search_gives_the_same_hits_from_the_cache_and_after_changes_broken_caches_included() {
    let (_t, dir) = demo();
    let q = "closed question";
    let want = search_truth(&dir, q);
    assert!(want.0.contains("meeting"), "{}", want.0);
    assert_eq!(search(&dir, q), want, "filling the cache");
    let file = dir.join(CACHE).join("search.cache");
    assert!(file.exists());
    assert_eq!(search(&dir, q), want, "from the cache");
    // It is the cache that answers while the folders are unchanged...
    // (Its text is kept raw after a JSON line: an edit of the same length keeps it whole,
    // and one with the same letters keeps each document's set of its letters true.)
    let text = fs::read(&file).unwrap();
    let (from, to) = (b"closed question", b"closed questoin");
    let mut edited = text.clone();
    let mut at = 0;
    while let Some(i) = edited[at..].windows(from.len()).position(|w| w == from) {
        edited[at + i..at + i + to.len()].copy_from_slice(to);
        at += i + to.len();
    }
    assert_ne!(edited, text);
    fs::write(&file, edited).unwrap();
    assert!(!search(&dir, "closed questoin").0.starts_with("Nothing"));
    // ...and garbled, truncated, cut in its raw text or deleted, the files are read again.
    let cut_raw = {
        let line = text.iter().position(|b| *b == b'\n').unwrap();
        text[..line + 1 + (text.len() - line) / 2].to_vec()
    };
    let line = text.iter().position(|b| *b == b'\n').unwrap() + 1;
    let mut behind_head = text.clone();
    behind_head[line..].fill(0xff);
    // The documents' tables (the raw bytes at the end, after every entry's text) with a
    // span garbled where a count and a kind would be read as they were.
    let head: serde_json::Value = serde_json::from_slice(&text[..line - 1]).unwrap();
    let tables: u64 = head["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e[1]["table"].as_u64().unwrap())
        .sum();
    let mut tables_garbled = text.clone();
    let mut at = text.len() - tables as usize;
    for e in head["entries"].as_array().unwrap() {
        let end = at + e[1]["table"].as_u64().unwrap() as usize;
        // Each row: its kind, then its spans (see `search::part`).
        for row in tables_garbled[at + 4..end].chunks_exact_mut(45) {
            row[1..].fill(0x7f);
        }
        at = end;
    }
    for bytes in [
        b"[1,2".to_vec(),
        text[..text.len() / 3].to_vec(),
        cut_raw,
        behind_head,
        tables_garbled,
    ] {
        fs::write(&file, bytes).unwrap();
        assert_eq!(search(&dir, q), want);
    }
    fs::remove_file(&file).unwrap();
    assert_eq!(search(&dir, q), want);
    // A meeting logged by another process is found at once.
    age(&dir);
    search(&dir, q);
    out(
        &dir,
        &[
            "log",
            "--with",
            "priya",
            "--focus",
            "Zebra crossings",
            "Walked the zebra route",
        ],
    );
    let now = search(&dir, "zebra route");
    assert!(now.0.contains("Zebra crossings"), "{}", now.0);
    assert_eq!(now, search_truth(&dir, "zebra route"));
}

/// A cached command skips the record folders a partnership did not have when its entry was
/// kept: the first record of a kind, which makes its folder, must still show, and so must
/// the next one, which changes only that folder's time.
#[test]
fn a_record_folder_made_since_the_cache_was_filled_is_seen() {
    let (_t, dir) = demo();
    let goals = dir.join("partnerships/alex-morgan/goals");
    assert!(!goals.exists(), "the demo's Alex Morgan has no goals yet");
    let q = "quadratic sequences";
    status(&dir);
    assert!(search(&dir, q).0.starts_with("Nothing"), "the cache filled");
    let goal = |objective: &str| out(&dir, &["goal", "add", "--with", "alex-morgan", objective]);
    goal("Teach quadratic sequences with worked examples");
    // Old enough for the cache to keep what the next commands work out.
    age(&dir);
    assert!(goals.exists());
    let found = search(&dir, q);
    assert!(found.0.contains("Teach quadratic sequences"), "{}", found.0);
    let now = status(&dir);
    // Only the goals folder's time changes now.
    goal("Plan quadratic sequences homework");
    let again = search(&dir, q);
    assert!(again.0.contains("Plan quadratic sequences"), "{}", again.0);
    assert_ne!(status(&dir), now, "a second goal in the status");
    assert_eq!(status(&dir), truth(&dir));
    assert_eq!(again, search_truth(&dir, q));
}

/// Caches the full screen cannot write are said, once, and nothing else is touched.
#[test]
fn the_full_screen_says_when_its_caches_cannot_be_kept() {
    use mentorlog::journal::Journal;
    let (_t, dir) = demo();
    let _ = fs::remove_dir_all(dir.join(CACHE));
    fs::write(dir.join(CACHE), "not a folder").unwrap();
    let store = mentorlog::store::Store::new(&dir);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let found = Journal::refresh_caches(&store, today);
    let said = found.not_kept.expect("a failure to say");
    assert!(said.contains("could not be kept"), "{said}");
    assert!(said.contains("nothing is lost"), "{said}");
    assert_eq!(fs::read(dir.join(CACHE)).unwrap(), b"not a folder");
    // A command still answers, from the files.
    assert!(status(&dir).0.contains("Priya Shah"));
}

#[test]
fn review_mode_never_takes_private_text_from_the_cache() {
    let (_t, dir) = demo();
    let q = "overwhelmed by marking";
    // The owner's search fills the cache, private meeting included.
    assert!(!search(&dir, q).0.starts_with("Nothing"));
    assert!(!search(&dir, q).0.starts_with("Nothing"));
    let o = ml(&dir).args(["--review", "search", q]).output().unwrap();
    assert!(o.status.success());
    assert!(
        String::from_utf8_lossy(&o.stdout).starts_with("Nothing"),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
}

#[test]
fn a_partnership_is_found_by_its_name_as_it_is_now_not_as_the_cache_had_it() {
    let (_t, dir) = demo();
    // Fills the names cache (the folders are an hour old, so its entries are kept).
    out(&dir, &["status", "--with", "priya"]);
    assert!(dir.join(CACHE).join("names.cache").exists());
    assert!(out(&dir, &["status", "--with", "priya"]).contains("Priya Shah"));
    // Another machine renames the partnership (its record replaced by a rename, as a sync
    // does): the new name finds it at once, the old one no longer does.
    let folder = fs::read_dir(dir.join("partnerships"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| {
            fs::read_to_string(p.join("partnership.ron")).is_ok_and(|t| t.contains("Priya Shah"))
        })
        .unwrap();
    let p = folder.join("partnership.ron");
    let text = fs::read_to_string(&p)
        .unwrap()
        .replace("Priya Shah", "Priya Khan");
    fs::write(folder.join(".incoming"), text).unwrap();
    fs::rename(folder.join(".incoming"), &p).unwrap();
    assert!(out(&dir, &["status", "--with", "priya khan"]).contains("Priya Khan"));
    let o = ml(&dir)
        .args(["status", "--with", "priya shah"])
        .output()
        .unwrap();
    assert!(!o.status.success(), "the old name is gone");
    // A garbled names cache is only slower.
    fs::write(dir.join(CACHE).join("names.cache"), "{{{{").unwrap();
    assert!(out(&dir, &["status", "--with", "priya khan"]).contains("Priya Khan"));
}

#[test]
fn a_folder_with_no_partnership_in_it_is_no_partnership_to_a_command() {
    let (_t, dir) = demo();
    fs::create_dir_all(dir.join("partnerships/zz-empty")).unwrap();
    let o = ml(&dir)
        .args(["log", "--with", "zz-empty", "--focus", "x", "y"])
        .output()
        .unwrap();
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("no partnership"), "{err}");
    assert!(!out(&dir, &["status"]).contains("zz-empty"));
}

#[test]
fn a_cache_folder_that_links_out_of_the_data_directory_is_neither_read_nor_written() {
    let (t, dir) = demo();
    let want = truth(&dir);
    let outside = t.path().join("outside");
    fs::create_dir_all(&outside).unwrap();
    // A cache planted outside, naming Sam otherwise: never to be shown.
    let planted = r#"{"format":1,"context":"x","entries":{}}"#;
    fs::write(outside.join("status.cache"), planted).unwrap();
    fs::create_dir_all(dir.join("private/.mentorlog")).unwrap();
    std::os::unix::fs::symlink(&outside, dir.join(CACHE)).unwrap();
    age(&dir);
    let o = ml(&dir).arg("status").output().unwrap();
    assert!(o.status.success());
    assert_eq!(String::from_utf8_lossy(&o.stdout), want.0);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("could not be kept") && err.contains("symbolic link"),
        "{err}"
    );
    assert_eq!(
        fs::read_to_string(outside.join("status.cache")).unwrap(),
        planted
    );
    assert_eq!(
        fs::read_dir(&outside).unwrap().count(),
        1,
        "nothing written outside"
    );
}

/// The full screen brings the caches up to date in the background, reading only the
/// partnerships they do not hold as they are now: a later `status` and `search` then read no
/// partnership (shown by a meeting spoilt in place, which a read would warn about) and answer
/// as the files do. Run again with nothing changed, it reads nothing.
#[test]
fn the_full_screen_brings_the_caches_up_to_date_reading_only_what_changed() {
    use mentorlog::journal::Journal;
    let (_t, dir) = demo();
    let q = "closed question";
    let (want, want_search) = (truth(&dir), search_truth(&dir, q));
    let store = mentorlog::store::Store::new(&dir);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let partnerships = store.partnership_folders();
    let found = Journal::refresh_caches(&store, today);
    assert_eq!(found.not_kept, None, "kept");
    assert_eq!(found.read, partnerships.len(), "no cache: every one read");
    assert!(cache_file(&dir).exists());
    assert!(dir.join(CACHE).join("search.cache").exists());
    let again = Journal::refresh_caches(&store, today);
    assert_eq!(again.read, 0, "nothing changed");
    assert!(
        again.search.is_none(),
        "told by the stamps alone: no cache held"
    );
    // A meeting spoilt in place: its folder's time is as it was, so only a read of the files
    // would notice.
    let last = partnerships.last().unwrap();
    let meetings = dir.join("partnerships").join(last).join("meetings");
    let meeting = fs::read_dir(&meetings)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let name = meeting.file_name().unwrap().to_string_lossy().into_owned();
    let times = fs::metadata(&meetings).unwrap().modified().unwrap();
    fs::OpenOptions::new()
        .write(true)
        .open(&meeting)
        .and_then(|mut f| std::io::Write::write_all(&mut f, b"(spoilt"))
        .unwrap();
    assert_eq!(fs::metadata(&meetings).unwrap().modified().unwrap(), times);
    for args in [&["status"][..], &["search", q]] {
        let o = ml(&dir).args(args).output().unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(!err.contains(&name), "{args:?} read the files: {err}");
    }
    assert_eq!(status(&dir), want);
    assert_eq!(search(&dir, q), want_search);
    // A change the stamps see (a meeting logged by another process): that one is read, and
    // its problem (the spoilt meeting, now read) is told.
    out(
        &dir,
        &[
            "log",
            "--with",
            last,
            "--focus",
            "Planning",
            "Planned the next lesson",
        ],
    );
    let found = Journal::refresh_caches(&store, today);
    assert_eq!(found.read, 1, "only the partnership that changed");
    assert!(
        found.problems.iter().any(|p| p.contains(&name)),
        "{:?}",
        found.problems
    );
}

/// The full screen holds the records of what it shows, not the whole journal: its search
/// index comes from the cache and finds what a search of the files finds, a record of a
/// partnership it never read included, and one changed since the cache was kept.
#[test]
fn the_full_screen_searches_from_the_cache_without_reading_the_journal() {
    use mentorlog::journal::search::Index;
    use mentorlog::journal::{Audience, Journal};
    let (_t, dir) = demo();
    let store = mentorlog::store::Store::new(&dir);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let folders = store.partnership_folders();
    let last = folders.last().unwrap().clone();
    // What a refresh hands the screen, kept from before the change below.
    let kept = Journal::refresh_caches(&store, today).search;
    assert!(kept.is_some());
    // Another process logs a meeting in the last partnership: the cache no longer holds it.
    out(
        &dir,
        &[
            "log",
            "--with",
            &last,
            "--focus",
            "Quadrilateral plenaries",
            "Planned",
        ],
    );
    let j = Journal::open_shown(store.clone(), today, None, 1);
    assert!(j.loading(), "the first partnership only");
    let parts = j.search_parts(None).expect("a journal laid out for caches");
    let r = j.reader(Audience::Owner);
    assert!(
        r.partnerships().iter().filter(|p| p.loaded()).count() == 1,
        "searching read no partnership into the journal"
    );
    let index = Index::from_parts(r.frameworks(), parts, None);
    let handed = Index::from_parts(r.frameworks(), j.search_parts(kept).unwrap(), None);
    let whole = Journal::open(store, today);
    let truth = Index::build(&whole.reader(Audience::Owner), None);
    for q in ["quadrilateral", "closed question", "behaviour", "Priya"] {
        let key = |h: &mentorlog::journal::search::Hit| {
            (h.partnership.clone(), h.title.clone(), h.snippet.clone())
        };
        let want: Vec<_> = truth.query(q, 50).iter().map(key).collect();
        assert!(!want.is_empty(), "{q}");
        for (how, index) in [("from the file", &index), ("handed over", &handed)] {
            let got: Vec<_> = index.query(q, 50).iter().map(key).collect();
            assert_eq!(got, want, "{q}, {how}");
        }
    }
    assert!(
        index
            .query("quadrilateral", 5)
            .iter()
            .any(|h| h.partnership == last)
    );
}
