//! Watching the data directory so that a change made by another process (a second terminal on
//! the same journal) shows within a second. Native file events where the system has them, a
//! polling watcher where it does not (some network or container file systems). Only changes
//! count: reading a file (as a reload does) must not look like one, or every reload would
//! cause the next.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::Duration;

use notify::{Event, EventKind, PollWatcher, RecommendedWatcher, RecursiveMode, Watcher as _};

use super::is_conflict_copy;

/// How long changes settle before they are reported: an atomic save is several events, and
/// a batch of saves follows within milliseconds, so this is short enough that a change
/// reaches another screen well within 150 ms.
const SETTLE: Duration = Duration::from_millis(20);
const POLL: Duration = Duration::from_millis(500);

/// Held only to keep the watch alive.
enum Inner {
    Native { _guard: RecommendedWatcher },
    Polling { _guard: PollWatcher },
}

/// Keeps the watch alive; dropping it stops watching.
pub struct Watcher {
    _inner: Inner,
    /// True when native events were not available and the directory is polled instead.
    pub polling: bool,
}

/// Whether a changed path is one a reload cares about: records and their folders, not temp
/// or lock files, nor anything in a hidden folder of the journal (`.mentorlog/`, where
/// unfinished batches and notes being edited wait).
pub fn is_record_path(root: &Path, p: &Path) -> bool {
    let rel = p.strip_prefix(root).unwrap_or(p);
    let hidden = rel
        .components()
        .any(|c| c.as_os_str().to_str().is_some_and(|n| n.starts_with('.')));
    if hidden {
        return false;
    }
    let Some(name) = p.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    name.ends_with(".ron") || p.is_dir() || is_conflict_copy(p)
}

/// Whether an event changes something (opening or reading a file does not).
fn is_change(kind: &EventKind) -> bool {
    !matches!(
        kind,
        EventKind::Access(_) | EventKind::Modify(notify::event::ModifyKind::Metadata(_))
    )
}

/// Collect changed record paths and pass them on in batches, once they have settled.
fn debounce(root: PathBuf, raw: Receiver<notify::Result<Event>>, out: Sender<Vec<PathBuf>>) {
    std::thread::spawn(move || {
        let mut batch: Vec<PathBuf> = Vec::new();
        loop {
            let next = if batch.is_empty() {
                raw.recv().map_err(|_| RecvTimeoutError::Disconnected)
            } else {
                raw.recv_timeout(SETTLE)
            };
            match next {
                Ok(Ok(event)) if is_change(&event.kind) => {
                    batch.extend(event.paths.into_iter().filter(|p| is_record_path(&root, p)));
                }
                Ok(_) => {}
                Err(RecvTimeoutError::Timeout) => {
                    if out.send(std::mem::take(&mut batch)).is_err() {
                        return;
                    }
                }
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
    });
}

impl Watcher {
    /// Watch `root`; batches of changed record paths arrive on the receiver.
    pub fn start(root: &Path) -> Result<(Watcher, Receiver<Vec<PathBuf>>), String> {
        let (out, rx) = channel();
        let (tx, raw) = channel();
        let native = RecommendedWatcher::new(tx, notify::Config::default())
            .and_then(|mut w| w.watch(root, RecursiveMode::Recursive).map(|()| w));
        let watcher = match native {
            Ok(w) => Watcher {
                _inner: Inner::Native { _guard: w },
                polling: false,
            },
            Err(_) => {
                let (tx, raw_poll) = channel();
                let mut w =
                    PollWatcher::new(tx, notify::Config::default().with_poll_interval(POLL))
                        .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
                w.watch(root, RecursiveMode::Recursive)
                    .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
                debounce(root.to_path_buf(), raw_poll, out);
                return Ok((
                    Watcher {
                        _inner: Inner::Polling { _guard: w },
                        polling: true,
                    },
                    rx,
                ));
            }
        };
        debounce(root.to_path_buf(), raw, out);
        Ok((watcher, rx))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_write_in_the_directory_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let (_w, rx) = Watcher::start(dir.path()).unwrap();
        std::thread::sleep(Duration::from_millis(100));
        std::fs::write(dir.path().join("journal.ron"), "x").unwrap();
        let got = rx.recv_timeout(Duration::from_secs(5)).unwrap();
        assert!(got.iter().any(|p| p.ends_with("journal.ron")), "{got:?}");
    }

    #[test]
    fn a_private_record_in_a_folder_made_after_the_watch_began_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let (_w, rx) = Watcher::start(dir.path()).unwrap();
        std::thread::sleep(Duration::from_millis(100));
        let folder = dir.path().join("private/jo/partnerships/sam/meetings");
        std::fs::create_dir_all(&folder).unwrap();
        // Let the watch of the new folders be set up (a real save comes well after).
        std::thread::sleep(Duration::from_millis(300));
        std::fs::write(folder.join("2026-11-20-abc.ron"), "x").unwrap();
        let deadline = std::time::Instant::now() + Duration::from_secs(5);
        let mut seen = Vec::new();
        while std::time::Instant::now() < deadline {
            if let Ok(got) = rx.recv_timeout(Duration::from_millis(500)) {
                seen.extend(got);
                if seen.iter().any(|p| p.ends_with("2026-11-20-abc.ron")) {
                    return;
                }
            }
        }
        panic!("not reported: {seen:?}");
    }

    #[test]
    fn reading_files_is_not_a_change() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("journal.ron"), "x").unwrap();
        let (_w, rx) = Watcher::start(dir.path()).unwrap();
        std::thread::sleep(Duration::from_millis(100));
        for _ in 0..20 {
            let _ = std::fs::read_to_string(dir.path().join("journal.ron")).unwrap();
        }
        assert!(
            rx.recv_timeout(Duration::from_millis(800)).is_err(),
            "a read was taken for a change"
        );
    }

    #[test]
    fn temp_and_lock_files_are_not_records() {
        let root = Path::new("/home/jo/.local/share/mentorlog");
        let at = |p: &str| root.join(p);
        assert!(!is_record_path(root, &at("p/sam/meetings/.tmp-abc.ron")));
        assert!(!is_record_path(root, &at(".mentorlog.lock")));
        assert!(!is_record_path(root, &at(".mentorlog/pending/1-2-3.ron")));
        assert!(!is_record_path(root, &at(".mentorlog/edit/edit-abc.md")));
        assert!(!is_record_path(
            root,
            &at("private/.mentorlog/pending/1-2-3.ron")
        ));
        assert!(is_record_path(
            root,
            &at("private/jo/partnerships/sam/meetings/2026-11-20-abc.ron")
        ));
        // A hidden folder above the journal (the default data directory has one) is no bar.
        assert!(is_record_path(
            root,
            &at("p/sam/meetings/2026-11-20-abc.ron")
        ));
        assert!(is_record_path(
            root,
            &at("p/sam/goals/2026-11-20-abc.conflict-1-2-3.ron")
        ));
    }
}
