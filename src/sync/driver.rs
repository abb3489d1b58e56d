//! `mentorlog merge-driver %O %A %B %P`: git's three-way merge of one record file, done by the
//! store's own per-field merge (`store::merge`), so two machines that changed different
//! fields of one record merge cleanly, ticks and action items item by item. Where both changed
//! one field, the record keeps this machine's value and the other machine's whole version is
//! kept beside it as a conflict copy (as two processes on one machine do), which `C` offers;
//! the merge still completes (exit 0) and `mentorlog sync` says so.
//!
//! git runs the driver at the top of the working tree (the data directory); `%O` is empty
//! when both sides added the file (merged like two creates).

use std::io::Write as _;
use std::path::{Path, PathBuf};

use super::{NOTES_FILE, SyncError};
use crate::store::batch::{any_text, conflict_copy_path, merge_any};
use crate::store::{AnyRecord, DataDir, Kind, parse_record, record_text};

/// What the driver did with one file.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    /// Fields both sides changed (empty: a clean merge).
    pub conflicts: Vec<String>,
    /// The other side's version, kept beside the record.
    pub copy: Option<PathBuf>,
}

/// Merge `theirs` into `ours` (the file git reads the result from), with `base` their common
/// ancestor, for the record at `name` (relative to the data directory, the current folder).
pub fn merge_driver(
    base: &Path,
    ours: &Path,
    theirs: &Path,
    name: &str,
) -> Result<Merged, SyncError> {
    let root = std::env::current_dir()
        .map_err(|e| SyncError::Message(format!("cannot tell the current folder: {e}")))?;
    merge_in(&root, base, ours, theirs, name)
}

fn read(path: &Path) -> Result<Vec<u8>, SyncError> {
    std::fs::read(path).map_err(|e| SyncError::Message(format!("{}: {e}", path.display())))
}

fn parse(kind: Kind, path: &Path, bytes: &[u8]) -> Option<AnyRecord> {
    let text = record_text(path, bytes).ok()?;
    crate::store::kind::with_record_type!(kind, T => parse_record::<T>(path, text).ok().map(crate::store::Record::into_any))
}

/// The merge, with the data directory given (for tests and the driver alike).
pub fn merge_in(
    root: &Path,
    base: &Path,
    ours: &Path,
    theirs: &Path,
    name: &str,
) -> Result<Merged, SyncError> {
    let record = root.join(name);
    let (b, o, t) = (read(base)?, read(ours)?, read(theirs)?);
    let clean = Merged {
        conflicts: Vec::new(),
        copy: None,
    };
    // The simple cases need no reading at all.
    if o == t || (!b.is_empty() && b == t) {
        return Ok(clean);
    }
    if !b.is_empty() && b == o {
        write(ours, &t)?;
        return Ok(clean);
    }
    let kind = Kind::of_path(root, &record);
    let parsed = kind.and_then(|k| {
        let o = parse(k, &record, &o)?;
        let t = parse(k, &record, &t)?;
        let b = if b.is_empty() {
            None
        } else {
            Some(parse(k, &record, &b)?)
        };
        Some((b, o, t))
    });
    let Some((b, o_rec, t_rec)) = parsed else {
        // Not a record mentorlog reads (or one that does not parse on some side): this
        // machine's file stays, the other's is kept beside it; nothing is lost.
        let copy = keep_copy(root, &record, &t)?;
        let why = "the file could not be merged field by field (it is not a record, or one \
                   side does not parse)";
        note(root, name, why, &copy)?;
        return Ok(Merged {
            conflicts: vec!["(whole file)".into()],
            copy: Some(copy),
        });
    };
    let (merged, conflicts) = merge_any(b.as_ref(), &t_rec, &o_rec)
        .map_err(|e| SyncError::Message(format!("{name}: {e}")))?;
    let text = any_text(&merged).map_err(|e| SyncError::Message(format!("{name}: {e}")))?;
    write(ours, text.as_bytes())?;
    if conflicts.is_empty() {
        return Ok(clean);
    }
    let copy = keep_copy(root, &record, &t)?;
    let why = format!("both machines changed {}", conflicts.join(", "));
    note(root, name, &why, &copy)?;
    Ok(Merged {
        conflicts,
        copy: Some(copy),
    })
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), SyncError> {
    std::fs::write(path, bytes).map_err(|e| SyncError::Message(format!("{}: {e}", path.display())))
}

/// Keep `bytes` (the other machine's version) as a conflict copy beside `record`.
pub(crate) fn keep_copy(root: &Path, record: &Path, bytes: &[u8]) -> Result<PathBuf, SyncError> {
    let data = DataDir::create(root).map_err(|e| SyncError::Message(e.to_string()))?;
    if let Some(dir) = record.parent() {
        data.ensure_dir(dir)
            .map_err(|e| SyncError::Message(e.to_string()))?;
    }
    let copy = conflict_copy_path(&data, record, &[]);
    data.create_new(&copy, bytes)
        .map_err(|e| SyncError::Message(e.to_string()))?;
    Ok(copy)
}

/// Tell the sync that runs this merge what was kept aside (a line in `.mentorlog/`).
pub(crate) fn note(root: &Path, name: &str, why: &str, copy: &Path) -> Result<(), SyncError> {
    let data = DataDir::create(root).map_err(|e| SyncError::Message(e.to_string()))?;
    let notes = root.join(NOTES_FILE);
    if let Some(dir) = notes.parent() {
        data.ensure_dir(dir)
            .map_err(|e| SyncError::Message(e.to_string()))?;
    }
    let mut f = data
        .open_append(&notes)
        .map_err(|e| SyncError::Message(e.to_string()))?;
    let copy = copy.strip_prefix(root).unwrap_or(copy);
    writeln!(
        f,
        "{name}: {why}; this machine's version is kept and the other's is in {} (C compares and resolves)",
        copy.display()
    )
    .map_err(|e| SyncError::Message(format!("{}: {e}", notes.display())))
}
