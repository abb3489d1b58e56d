//! One lock file for the whole journal, held only for the few milliseconds of a save. It is a
//! separate file because an atomic rename would defeat a lock on the data file itself.
//!
//! The holder writes its pid into the file, so a process that has to wait can say whom for; it
//! polls, tells the user (through the store's wait notice) within a second, and gives up after
//! a bound with an error that names the holder, so no save ever hangs.

use std::fs::File;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::io::DataDir;
use super::{Store, StoreError};

pub const LOCK_FILE: &str = ".mentorlog.lock";

/// How long a save waits for another process's lock before giving up.
pub const LOCK_TIMEOUT: Duration = Duration::from_secs(20);

/// How long a save waits before telling the user it is waiting.
const NOTICE_AFTER: Duration = Duration::from_millis(400);

/// How often a waiting save tries the lock again.
const POLL: Duration = Duration::from_millis(20);

/// Told once when a save has to wait for another process: the CLI prints it to stderr, the TUI
/// shows it in its status line.
pub type WaitNotice = Arc<dyn Fn(&str) + Send + Sync>;

#[derive(Debug)]
pub struct JournalLock {
    file: File,
    /// The lock file still named a holder when this one took it: that mentorlog was stopped
    /// while it held the lock (a holder that lets go empties the file), maybe half-way
    /// through a save.
    stale: bool,
}

impl JournalLock {
    /// Take the journal's lock in `root`, waiting at most [`LOCK_TIMEOUT`], telling nobody.
    /// The store's own saves go through [`Store::lock`], which tells its wait notice.
    pub fn acquire(root: &Path) -> Result<JournalLock, StoreError> {
        JournalLock::acquire_with(root, LOCK_TIMEOUT, None)
    }

    /// Take the journal's lock, waiting at most `timeout`; `notice` hears once, within a
    /// second, that (and for whom) the save is waiting.
    pub fn acquire_with(
        root: &Path,
        timeout: Duration,
        notice: Option<&WaitNotice>,
    ) -> Result<JournalLock, StoreError> {
        let data = DataDir::create(root)?;
        let file = data.open_top_file(LOCK_FILE)?;
        let path = root.join(LOCK_FILE);
        let start = Instant::now();
        let mut told = false;
        loop {
            match file.try_lock() {
                Ok(()) => break,
                Err(std::fs::TryLockError::WouldBlock) => {}
                Err(std::fs::TryLockError::Error(e)) => return Err(StoreError::io(&path, e)),
            }
            let waited = start.elapsed();
            if !told && waited >= NOTICE_AFTER {
                // The holder writes its pid just after taking the lock: give it a moment.
                let pid = holder(&file);
                if pid.is_some() || waited >= NOTICE_AFTER * 2 {
                    told = true;
                    if let Some(n) = notice {
                        n(&format!(
                            "waiting for another mentorlog, {}, to finish saving",
                            pid_text(pid)
                        ));
                    }
                }
            }
            if waited >= timeout {
                return Err(StoreError::Invalid(format!(
                    "another mentorlog ({}) has held the journal's lock for {}; nothing was \
                     saved; try again, or stop that process",
                    pid_text(holder(&file)),
                    seconds(timeout)
                )));
            }
            std::thread::sleep(POLL.min(timeout - waited));
        }
        let stale = holder(&file).is_some();
        // Say who holds it. The lock is what counts: failing to write the pid is no failure.
        let _ = file
            .set_len(0)
            .and_then(|()| write_pid(&file, std::process::id()));
        Ok(JournalLock { file, stale })
    }

    /// Whether the last holder was stopped while it held the lock (and may have left a save
    /// half-done: temporary files, an unfinished batch).
    pub fn previous_holder_stopped(&self) -> bool {
        self.stale
    }

    /// Test builds only: let go as a killed process would, leaving the pid in the file.
    #[cfg(test)]
    pub(crate) fn abandon(self) {
        if let Ok(f) = self.file.try_clone() {
            let _ = f.unlock();
        }
        std::mem::forget(self);
    }
}

#[cfg(unix)]
fn write_pid(file: &File, pid: u32) -> std::io::Result<()> {
    use std::os::unix::fs::FileExt;
    file.write_all_at(pid.to_string().as_bytes(), 0)
}

#[cfg(not(unix))]
fn write_pid(_: &File, _: u32) -> std::io::Result<()> {
    Ok(())
}

/// The pid the lock's holder wrote, if it did.
#[cfg(unix)]
fn holder(file: &File) -> Option<u32> {
    use std::os::unix::fs::FileExt;
    let mut buf = [0u8; 24];
    let n = file.read_at(&mut buf, 0).ok()?;
    std::str::from_utf8(&buf[..n]).ok()?.trim().parse().ok()
}

#[cfg(not(unix))]
fn holder(_: &File) -> Option<u32> {
    None
}

fn pid_text(pid: Option<u32>) -> String {
    pid.map_or_else(|| "pid unknown".into(), |p| format!("pid {p}"))
}

fn seconds(d: Duration) -> String {
    if d.subsec_millis() == 0 {
        format!("{} s", d.as_secs())
    } else {
        format!("{:.1} s", d.as_secs_f64())
    }
}

impl Drop for JournalLock {
    fn drop(&mut self) {
        // An empty lock file names nobody: no stale pid is left for the next waiter to blame.
        let _ = self.file.set_len(0);
        let _ = self.file.unlock();
    }
}

impl Store {
    /// Take the journal's lock for a save, telling the wait notice if it has to wait and
    /// giving up after the store's lock timeout.
    pub fn lock(&self) -> Result<JournalLock, StoreError> {
        JournalLock::acquire_with(&self.root, self.lock_timeout, self.wait_notice.as_ref())
    }

    /// Tell `notice` when a save has to wait for another mentorlog (once per save).
    pub fn with_wait_notice(mut self, notice: impl Fn(&str) + Send + Sync + 'static) -> Store {
        self.wait_notice = Some(Arc::new(notice));
        self
    }

    /// Give up a save after waiting `timeout` for another process's lock (default 20 s).
    pub fn with_lock_timeout(mut self, timeout: Duration) -> Store {
        self.lock_timeout = timeout;
        self
    }
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("root", &self.root)
            .field("wait_notice", &self.wait_notice.is_some())
            .field("lock_timeout", &self.lock_timeout)
            .finish()
    }
}
