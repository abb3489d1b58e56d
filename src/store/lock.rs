//! One lock file for the whole journal, held only for the few milliseconds of a save. It is a
//! separate file because an atomic rename would defeat a lock on the data file itself.

use std::fs::{File, OpenOptions};
use std::path::Path;

use super::StoreError;
use super::io::ensure_dir;

pub const LOCK_FILE: &str = ".mentorlog.lock";

#[derive(Debug)]
pub struct JournalLock {
    file: File,
}

impl JournalLock {
    /// Block until this process holds the journal's lock.
    pub fn acquire(root: &Path) -> Result<JournalLock, StoreError> {
        ensure_dir(root)?;
        let path = root.join(LOCK_FILE);
        let mut opts = OpenOptions::new();
        opts.create(true).truncate(false).write(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        let file = opts.open(&path).map_err(|e| StoreError::io(&path, e))?;
        file.lock().map_err(|e| StoreError::io(&path, e))?;
        Ok(JournalLock { file })
    }
}

impl Drop for JournalLock {
    fn drop(&mut self) {
        let _ = self.file.unlock();
    }
}
