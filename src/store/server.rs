//! The files of `mentorlog serve`, in the journal's own folder (never synced, never
//! exported): the server's host key, made once and kept 0600, and its log.

use std::path::{Path, PathBuf};

use super::StoreError;
use super::io::DataDir;

/// The server's host key (an OpenSSH private key).
pub const HOST_KEY_FILE: &str = ".mentorlog/serve/host_ed25519";
/// What the server did: connections, sign-ins, refusals (never journal text).
pub const LOG_FILE: &str = ".mentorlog/serve/serve.log";

pub fn log_path(root: &Path) -> PathBuf {
    root.join(LOG_FILE)
}

/// The host key kept, if one was made.
pub fn read_host_key(root: &Path) -> Result<Option<String>, StoreError> {
    let data = DataDir::create(root)?;
    let path = root.join(HOST_KEY_FILE);
    if !data.exists(&path) {
        return Ok(None);
    }
    let bytes = data.read(&path)?;
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|_| StoreError::Invalid(format!("{} is not a key file", path.display())))
}

/// Keep a new host key; never over one already there (two servers starting at once keep
/// the first).
pub fn create_host_key(root: &Path, text: &str) -> Result<(), StoreError> {
    let data = DataDir::create(root)?;
    let path = root.join(HOST_KEY_FILE);
    data.create_new(&path, text.as_bytes()).map(|_| ())
}

/// The log, opened to append.
pub fn open_log(root: &Path) -> Result<std::fs::File, StoreError> {
    DataDir::create(root)?.open_append(&log_path(root))
}
