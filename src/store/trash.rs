//! The trash: what a delete takes away is kept, as it was, in `.mentorlog/trash/` of the data
//! directory (`private/.mentorlog/trash/` when it took a private record), so it can be brought back after mentorlog has quit (undo lasts one run). An
//! entry is written in the same batch as the delete, so a record is never gone without its
//! copy. An entry whose records are all back in the journal (undone, restored) has nothing
//! left to restore and is cleared at the next open, as are entries older than the days the
//! journal keeps them.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::StoreError;
use super::batch::{Write, any_text, parse_any};
use super::io::DataDir;
use super::kind::{AnyRecord, Kind};
use super::record::to_ron;
use crate::model::SCHEMA_VERSION;

/// Where deleted records wait.
pub const TRASH_DIR: &str = ".mentorlog/trash";
/// Where deletes that took a private record wait (see `private`): their text stays private.
pub const PRIVATE_TRASH_DIR: &str = "private/.mentorlog/trash";

/// One delete, as kept in the trash.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Entry {
    version: u32,
    deleted: DateTime<Utc>,
    /// What the delete was, in words ("Deleted meeting 2026-11-30 Behaviour").
    label: String,
    /// The partnership it was deleted from.
    partnership: String,
    /// Paths relative to the data directory, and each record's text as it was.
    records: Vec<(String, String)>,
}

/// A trash entry, read back.
#[derive(Debug, Clone, PartialEq)]
pub struct Trashed {
    /// The entry's name: what `mentorlog trash restore` takes.
    pub id: String,
    pub path: PathBuf,
    pub deleted: DateTime<Utc>,
    pub label: String,
    pub partnership: String,
    /// Each record with its path (absolute), as it was when deleted.
    pub records: Vec<(PathBuf, AnyRecord)>,
}

impl Trashed {
    /// The records not in the journal now: what restoring would bring back.
    pub fn missing(&self, data: &DataDir) -> Vec<&(PathBuf, AnyRecord)> {
        self.records
            .iter()
            .filter(|(p, _)| !data.exists(p))
            .collect()
    }
}

/// The write that keeps `records` (about to be deleted from `partnership`) in the trash.
pub fn keep(
    root: &Path,
    now: DateTime<Utc>,
    label: &str,
    partnership: &str,
    records: &[(PathBuf, AnyRecord)],
) -> Result<Write, StoreError> {
    let mut kept = Vec::new();
    for (path, r) in records {
        let rel = path
            .strip_prefix(root)
            .ok()
            .and_then(Path::to_str)
            .ok_or_else(|| {
                StoreError::Invalid(format!("{} is not in the data directory", path.display()))
            })?;
        kept.push((rel.to_string(), any_text(r)?));
    }
    let entry = Entry {
        version: SCHEMA_VERSION,
        deleted: now,
        label: label.to_string(),
        partnership: partnership.to_string(),
        records: kept,
    };
    // Sortable by time; the random part keeps two deletes in one second apart.
    let name = format!(
        "{}-{:08x}.ron",
        now.format("%Y%m%dT%H%M%S"),
        fastrand::u32(..)
    );
    let dir = if records.iter().any(|(_, r)| r.is_private()) {
        PRIVATE_TRASH_DIR
    } else {
        TRASH_DIR
    };
    Ok(Write::file(root.join(dir).join(name), to_ron(&entry)?))
}

/// Every entry in the trash, newest first. An entry that cannot be read is named in the
/// second list (with why), never removed.
pub fn list(root: &Path) -> (Vec<Trashed>, Vec<String>) {
    let mut out = Vec::new();
    let mut bad = Vec::new();
    let Ok(data) = DataDir::open(root) else {
        return (out, bad);
    };
    for dir in [TRASH_DIR, PRIVATE_TRASH_DIR] {
        let dir = root.join(dir);
        let Ok(names) = data.entries(&dir) else {
            continue;
        };
        for (name, _) in names {
            let Some(id) = name.strip_suffix(".ron") else {
                continue;
            };
            let path = dir.join(&name);
            match read(&data, root, &path, id) {
                Ok(t) => out.push(t),
                Err(e) => bad.push(format!("{}: {e}", path.display())),
            }
        }
    }
    out.sort_by(|a, b| (b.deleted, &b.id).cmp(&(a.deleted, &a.id)));
    (out, bad)
}

fn read(data: &DataDir, root: &Path, path: &Path, id: &str) -> Result<Trashed, StoreError> {
    let bytes = data.read(path)?;
    let text = String::from_utf8(bytes)
        .map_err(|_| StoreError::Invalid(format!("{} is not UTF-8", path.display())))?;
    let entry: Entry = crate::model::ron_options()
        .from_str(&text)
        .map_err(|e| StoreError::Invalid(format!("{}: {e}", path.display())))?;
    let mut records = Vec::new();
    for (rel, text) in entry.records {
        let p = root.join(&rel);
        // Only records of a partnership: an entry edited to name any other file is refused.
        let kind = Kind::of_path(root, &p)
            .filter(|k| *k != Kind::Journal && !rel.split('/').any(|c| c == ".." || c.is_empty()))
            .ok_or_else(|| {
                StoreError::Invalid(format!("{rel} is not a record of a partnership"))
            })?;
        records.push((p.clone(), parse_any(kind, &p, &text)?));
    }
    Ok(Trashed {
        id: id.to_string(),
        path: path.to_path_buf(),
        deleted: entry.deleted,
        label: entry.label,
        partnership: entry.partnership,
        records,
    })
}

/// Move the entries of the shared trash that hold a private record (kept there by an earlier
/// version) into the private trash: the copy is made first, then the shared one removed, so a
/// stop between the two leaves the copy, and the next call removes the shared one. Returns
/// how many were moved.
pub fn move_private(root: &Path) -> Result<usize, StoreError> {
    let Ok(data) = DataDir::open(root) else {
        return Ok(0);
    };
    let (entries, _) = list(root);
    let shared = root.join(TRASH_DIR);
    let mut moved = 0;
    for e in entries {
        if !e.path.starts_with(&shared) || !e.records.iter().any(|(_, r)| r.is_private()) {
            continue;
        }
        let Some(name) = e.path.file_name() else {
            continue;
        };
        let to = root.join(PRIVATE_TRASH_DIR).join(name);
        if !data.exists(&to) {
            let bytes = data.read(&e.path)?;
            data.create_new(&to, &bytes)?;
        }
        data.remove(&e.path)?;
        moved += 1;
    }
    Ok(moved)
}

/// Remove one entry.
pub fn remove(root: &Path, entry: &Trashed) -> Result<(), StoreError> {
    DataDir::open(root)?.remove(&entry.path).map(|_| ())
}

/// Clear what the trash no longer needs: entries with nothing left to restore, and entries
/// older than `days`. Returns how many deletes were emptied for age.
pub fn sweep(root: &Path, now: DateTime<Utc>, days: u32) -> usize {
    let Ok(data) = DataDir::open(root) else {
        return 0;
    };
    let (entries, _) = list(root);
    let mut expired = 0;
    for e in entries {
        let old = now.signed_duration_since(e.deleted) > chrono::Duration::days(days.into());
        if (old || e.missing(&data).is_empty()) && data.remove(&e.path).is_ok() {
            expired += usize::from(old);
        }
    }
    expired
}
