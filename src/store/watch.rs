//! Watching the data directory so that a change made by another process (a second terminal on
//! the same journal) shows within a second. Native file events, debounced; where those cannot
//! be had (some network or container file systems) a polling watcher takes over.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::Duration;

use notify_debouncer_mini::notify::{self, PollWatcher, RecommendedWatcher, RecursiveMode};
use notify_debouncer_mini::{Config, DebounceEventResult, Debouncer, new_debouncer_opt};

use super::is_conflict_copy;

/// How long changes settle before they are reported (an atomic save is several events).
const DEBOUNCE: Duration = Duration::from_millis(200);
const POLL: Duration = Duration::from_millis(500);

/// Held only to keep the watch alive.
enum Inner {
    Native {
        _guard: Debouncer<RecommendedWatcher>,
    },
    Polling {
        _guard: Debouncer<PollWatcher>,
    },
}

/// Keeps the watch alive; dropping it stops watching.
pub struct Watcher {
    _inner: Inner,
    /// True when native events were not available and the directory is polled instead.
    pub polling: bool,
}

/// Whether a changed path is one a reload cares about (records, not temp or lock files).
pub fn is_record_path(p: &Path) -> bool {
    let Some(name) = p.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    !name.starts_with('.') && (name.ends_with(".ron") || p.is_dir()) || is_conflict_copy(p)
}

fn forward(tx: Sender<Vec<PathBuf>>) -> impl FnMut(DebounceEventResult) + Send + 'static {
    move |res: DebounceEventResult| {
        if let Ok(events) = res {
            let paths: Vec<PathBuf> = events
                .into_iter()
                .map(|e| e.path)
                .filter(|p| is_record_path(p))
                .collect();
            if !paths.is_empty() {
                let _ = tx.send(paths);
            }
        }
    }
}

impl Watcher {
    /// Watch `root`; batches of changed record paths arrive on the receiver.
    pub fn start(root: &Path) -> Result<(Watcher, Receiver<Vec<PathBuf>>), String> {
        let (tx, rx) = channel();
        let native = new_debouncer_opt::<_, RecommendedWatcher>(
            Config::default().with_timeout(DEBOUNCE),
            forward(tx.clone()),
        )
        .and_then(|mut d| {
            d.watcher()
                .watch(root, RecursiveMode::Recursive)
                .map(|()| d)
        });
        match native {
            Ok(d) => Ok((
                Watcher {
                    _inner: Inner::Native { _guard: d },
                    polling: false,
                },
                rx,
            )),
            Err(_) => {
                let config = Config::default()
                    .with_timeout(DEBOUNCE)
                    .with_notify_config(notify::Config::default().with_poll_interval(POLL));
                let mut d = new_debouncer_opt::<_, PollWatcher>(config, forward(tx))
                    .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
                d.watcher()
                    .watch(root, RecursiveMode::Recursive)
                    .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
                Ok((
                    Watcher {
                        _inner: Inner::Polling { _guard: d },
                        polling: true,
                    },
                    rx,
                ))
            }
        }
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
    fn temp_and_lock_files_are_not_records() {
        assert!(!is_record_path(Path::new("/j/meetings/.tmp-abc.ron")));
        assert!(!is_record_path(Path::new("/j/.mentorlog.lock")));
        assert!(is_record_path(Path::new("/j/meetings/2026-11-20-abc.ron")));
    }
}
