//! Every write to the journal goes through one batch: under the journal's lock each file is
//! read as it is now, each change is merged with whatever happened since it was read, and
//! only when every file of the batch can be written is anything written. A batch of several
//! files first writes an intent (what every file will hold) to `.mentorlog/pending/`; a
//! process killed half-way leaves the intent behind, and the next writer, or the next open,
//! finishes it before doing anything else. So an operation that touches several files (a tick
//! and the meeting that evidences it, an import, the demo) is whole, or finished later.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::io::DataDir;
use super::kind::{AnyRecord, Kind, each_record, with_record_type};
use super::merge::merge3_with;
use super::record::{Record, parse_record, record_text, to_ron};
use super::{Store, StoreError};
use crate::model::SCHEMA_VERSION;

/// Where unfinished batches wait to be finished.
pub const PENDING_DIR: &str = ".mentorlog/pending";
/// Where those that touch a private record wait (their plan holds its text).
pub const PRIVATE_PENDING_DIR: &str = "private/.mentorlog/pending";

/// What a write does to one file.
#[derive(Debug, Clone, PartialEq)]
pub enum Mode {
    /// Replace the record, merging with any change made since `base` was read
    /// (`base: None`: a record that may or may not exist yet, such as a tick sheet).
    Save,
    /// A new record: never over an existing file.
    Create,
    /// Remove the file, unless it changed since `base` was read.
    Delete,
    /// A new file that is not a record (a framework the demo brings), never over another.
    CreateFile(String),
    /// Save the record (merging as `Save` does) at this other path, never over a file there,
    /// and remove it from `path`: a record marked private going into its author's private
    /// folder, or back.
    Move(PathBuf),
}

/// One file's change in a batch.
#[derive(Debug, Clone, PartialEq)]
pub struct Write {
    pub path: PathBuf,
    pub mode: Mode,
    /// The record as the writer read it (`None`: it had none).
    pub base: Option<AnyRecord>,
    /// What it should hold (ignored for `Delete`).
    pub new: Option<AnyRecord>,
}

impl Write {
    pub fn save(path: PathBuf, base: Option<AnyRecord>, new: AnyRecord) -> Write {
        Write {
            path,
            mode: Mode::Save,
            base,
            new: Some(new),
        }
    }

    pub fn create(path: PathBuf, new: AnyRecord) -> Write {
        Write {
            path,
            mode: Mode::Create,
            base: None,
            new: Some(new),
        }
    }

    pub fn file(path: PathBuf, text: String) -> Write {
        Write {
            path,
            mode: Mode::CreateFile(text),
            base: None,
            new: None,
        }
    }

    /// Move the record read as `base` from `path` to `to`, holding `new` there.
    pub fn moved(path: PathBuf, to: PathBuf, base: AnyRecord, new: AnyRecord) -> Write {
        Write {
            path,
            mode: Mode::Move(to),
            base: Some(base),
            new: Some(new),
        }
    }

    pub fn delete(path: PathBuf, base: AnyRecord) -> Write {
        Write {
            path,
            mode: Mode::Delete,
            base: Some(base),
            new: None,
        }
    }
}

/// What one write did.
#[derive(Debug, Clone, PartialEq)]
pub struct Written {
    pub path: PathBuf,
    /// The file's record just before this batch (`None`: no file).
    pub before: Option<AnyRecord>,
    /// The file's record now (`None`: removed).
    pub after: Option<AnyRecord>,
    /// Another writer had changed the file since it was read; both edits were merged.
    pub merged: bool,
    /// Fields both sides changed: this write won them, and the other version of the whole
    /// record is kept in `conflict_copy`.
    pub conflicts: Vec<String>,
    pub conflict_copy: Option<PathBuf>,
    /// Written, but worth knowing (its folder could not be flushed to disk).
    pub warnings: Vec<String>,
}

impl Written {
    fn at(path: &Path) -> Written {
        Written {
            path: path.to_path_buf(),
            before: None,
            after: None,
            merged: false,
            conflicts: Vec::new(),
            conflict_copy: None,
            warnings: Vec::new(),
        }
    }
}

/// A batch that could not be written. Nothing of it was written.
#[derive(Debug, thiserror::Error)]
pub enum BatchError {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The record was removed (by another person or process) since it was read.
    #[error("{} was deleted elsewhere since it was read", path.display())]
    Gone { path: PathBuf, kind: Kind },
    /// A record to delete changed since it was read.
    #[error("{} changed since it was read; not deleted (look at it again, then delete)", path.display())]
    Changed { path: PathBuf },
    #[error("{} already exists: record ids must be unique", path.display())]
    Exists { path: PathBuf },
}

impl BatchError {
    /// As a store error, for callers that save one record and want no more detail.
    pub fn into_store(self) -> StoreError {
        match self {
            BatchError::Store(e) => e,
            other => StoreError::Invalid(other.to_string()),
        }
    }
}

/// The file-level plan of a batch: what each file will hold. Written with the texts
/// borrowed from the batch (`S = &str`: a batch of 70,000 files is not held twice), read back
/// owning them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Intent<S = String> {
    version: u32,
    /// Paths relative to the data directory, and their new text (`None`: remove the file).
    files: Vec<(String, Option<S>)>,
    /// Folders to remove once empty (an undone new partnership).
    #[serde(default)]
    prune: Vec<String>,
}

fn not_found(e: &StoreError) -> bool {
    matches!(e, StoreError::Io { error, .. } if error.kind() == std::io::ErrorKind::NotFound)
}

/// The record of kind `kind` at `path` now (`None`: no file). A file that does not read is
/// never written over.
fn read_any(data: &DataDir, kind: Kind, path: &Path) -> Result<Option<AnyRecord>, StoreError> {
    let bytes = match data.read(path) {
        Ok(b) => b,
        Err(e) if not_found(&e) => return Ok(None),
        Err(e) => return Err(e),
    };
    record_text(path, &bytes)
        .and_then(|text| parse_any(kind, path, text))
        .map(Some)
        .map_err(|e| StoreError::WontOverwrite {
            reason: e.to_string(),
            path: path.to_path_buf(),
        })
}

/// Merge `new` (an edit of `base`) with `theirs` (the file now) the way `T`'s kind merges.
fn merge_typed<T: Record>(
    base: Option<&T>,
    theirs: &T,
    new: &T,
) -> Result<(T, Vec<String>), StoreError> {
    let json = |v: &T| serde_json::to_value(v).map_err(|e| StoreError::Invalid(e.to_string()));
    let base_json = base.map(json).transpose()?;
    let rule = &T::KIND.info().merge;
    let (merged, conflicts) = merge3_with(rule, base_json.as_ref(), &json(theirs)?, &json(new)?);
    let mut value: T = serde_json::from_value(merged)
        .map_err(|e| StoreError::Invalid(format!("merge produced an invalid record: {e}")))?;
    value.set_version(SCHEMA_VERSION);
    Ok((value, conflicts))
}

pub(crate) fn merge_any(
    base: Option<&AnyRecord>,
    theirs: &AnyRecord,
    new: &AnyRecord,
) -> Result<(AnyRecord, Vec<String>), StoreError> {
    with_record_type!(theirs.kind(), T => {
        let b = base.cloned().and_then(T::from_any);
        match (T::from_any(theirs.clone()), T::from_any(new.clone())) {
            (Some(t), Some(n)) => {
                merge_typed(b.as_ref(), &t, &n).map(|(v, c)| (v.into_any(), c))
            }
            _ => Err(StoreError::Invalid(
                "a record cannot be saved over one of another kind".into(),
            )),
        }
    })
}

/// The text a record is written as.
pub fn any_text(r: &AnyRecord) -> Result<String, StoreError> {
    each_record!(r, v => to_ron(v))
}

/// A conflict copy's name beside `path` that no file has yet: the time says when, the
/// number makes it unique (whatever the clock says).
pub(crate) fn conflict_copy_path(data: &DataDir, path: &Path, taken: &[PathBuf]) -> PathBuf {
    conflict_copy_path_at(data, path, taken, &stamp())
}

fn conflict_copy_path_at(data: &DataDir, path: &Path, taken: &[PathBuf], stamp: &str) -> PathBuf {
    let stem = path
        .file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
    let pid = std::process::id();
    let mut n = 1u32;
    loop {
        let p = path.with_file_name(format!("{stem}.conflict-{stamp}-{pid}-{n}.ron"));
        if !taken.contains(&p) && !data.exists(&p) {
            return p;
        }
        n += 1;
    }
}

/// A readable UTC time stamp for file names (`20261123T101500`). Never panics, whatever the
/// clock says: names stay unique through a sequence number, not through the time.
fn stamp() -> String {
    let secs = match std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
        Ok(d) => d.as_secs() as i64,
        Err(e) => -(e.duration().as_secs() as i64),
    };
    chrono::DateTime::from_timestamp(secs, 0).map_or_else(
        || "0".to_string(),
        |t| t.format("%Y%m%dT%H%M%S").to_string(),
    )
}

/// The record `w` saves, merged with `on_disk` (the file now) when that changed since
/// `w.base` was read; fields both changed keep this save's value and the other version goes
/// to a conflict copy beside `beside` (planned, returned).
fn merged(
    data: &DataDir,
    w: &Write,
    on_disk: &Option<AnyRecord>,
    new: AnyRecord,
    written: &mut Written,
    taken: &mut Vec<PathBuf>,
    beside: &Path,
) -> Result<(AnyRecord, Option<Planned>), BatchError> {
    let kind = new.kind();
    Ok(match (on_disk, &w.base) {
        (None, Some(_)) => {
            return Err(BatchError::Gone {
                path: w.path.clone(),
                kind,
            });
        }
        (None, None) => (new, None),
        (Some(theirs), base) if Some(theirs) == base.as_ref() || theirs == &new => (new, None),
        (Some(theirs), base) => {
            let (value, conflicts) = merge_any(base.as_ref(), theirs, &new)?;
            written.merged = true;
            let mut planned = None;
            if !conflicts.is_empty() {
                let copy = conflict_copy_path(data, beside, taken);
                taken.push(copy.clone());
                let mut c = Written::at(&copy);
                c.after = Some(theirs.clone());
                planned = Some(Planned {
                    written: c,
                    text: Some(any_text(theirs)?),
                    skip: false,
                    new: true,
                });
                written.conflict_copy = Some(copy);
            }
            written.conflicts = conflicts;
            (value, planned)
        }
    })
}

/// One planned file.
struct Planned {
    written: Written,
    /// The text to write (`None`: remove the file; nothing to do when `skip`).
    text: Option<String>,
    skip: bool,
    /// A new file: written only where no file is.
    new: bool,
}

fn plan(data: &DataDir, w: &Write, taken: &mut Vec<PathBuf>) -> Result<Vec<Planned>, BatchError> {
    if let Mode::CreateFile(text) = &w.mode {
        if data.exists(&w.path) {
            return Err(BatchError::Exists {
                path: w.path.clone(),
            });
        }
        return Ok(vec![Planned {
            written: Written::at(&w.path),
            text: Some(text.clone()),
            skip: false,
            new: true,
        }]);
    }
    let kind = match (&w.new, &w.base) {
        (Some(n), _) => n.kind(),
        (None, Some(b)) => b.kind(),
        (None, None) => return Ok(Vec::new()),
    };
    let on_disk = read_any(data, kind, &w.path)?;
    let mut written = Written::at(&w.path);
    written.before = on_disk.clone();
    let mut out = Vec::new();
    match w.mode {
        Mode::Delete => {
            let Some(now) = on_disk else {
                return Err(BatchError::Gone {
                    path: w.path.clone(),
                    kind,
                });
            };
            if Some(&now) != w.base.as_ref() {
                return Err(BatchError::Changed {
                    path: w.path.clone(),
                });
            }
            out.push(Planned {
                written,
                text: None,
                skip: false,
                new: false,
            });
        }
        Mode::CreateFile(_) => {}
        Mode::Create => {
            let new = w
                .new
                .clone()
                .ok_or_else(|| StoreError::Invalid("a new record needs its content".to_string()))?;
            if on_disk.is_some() {
                return Err(BatchError::Exists {
                    path: w.path.clone(),
                });
            }
            written.after = Some(new.clone());
            out.push(Planned {
                text: Some(any_text(&new)?),
                written,
                skip: false,
                new: true,
            });
        }
        Mode::Save => {
            let new = w.new.clone().ok_or_else(|| {
                StoreError::Invalid("a saved record needs its content".to_string())
            })?;
            let (value, copy) = merged(data, w, &on_disk, new, &mut written, taken, &w.path)?;
            let same = on_disk.as_ref() == Some(&value);
            written.after = Some(value.clone());
            out.push(Planned {
                text: Some(any_text(&value)?),
                written,
                skip: same,
                new: false,
            });
            out.extend(copy);
        }
        Mode::Move(ref to) => {
            let new = w.new.clone().ok_or_else(|| {
                StoreError::Invalid("a moved record needs its content".to_string())
            })?;
            if on_disk.is_none() {
                return Err(BatchError::Gone {
                    path: w.path.clone(),
                    kind,
                });
            }
            if data.exists(to) {
                return Err(BatchError::Exists { path: to.clone() });
            }
            let mut there = Written::at(to);
            let (value, copy) = merged(data, w, &on_disk, new, &mut there, taken, to)?;
            // The other version kept beside its record must be as private as where it goes.
            if let Some(c) = &copy
                && c.written.after.as_ref().is_some_and(AnyRecord::is_private)
                    != super::private::is_private_path(data.root(), to)
            {
                return Err(BatchError::Changed {
                    path: w.path.clone(),
                });
            }
            there.after = Some(value.clone());
            out.push(Planned {
                written,
                text: None,
                skip: false,
                new: false,
            });
            out.push(Planned {
                text: Some(any_text(&value)?),
                written: there,
                skip: false,
                new: true,
            });
            out.extend(copy);
        }
    }
    // Private text is never written into a shared folder, whoever asks.
    for p in &out {
        if p.written.after.as_ref().is_some_and(AnyRecord::is_private)
            && !super::private::is_private_path(data.root(), &p.written.path)
        {
            return Err(StoreError::Invalid(format!(
                "{}: not written: a record marked private is kept only in its author's private \
                 folder (private/ in the data directory)",
                p.written.path.display()
            ))
            .into());
        }
    }
    Ok(out)
}

fn relative(root: &Path, path: &Path) -> Result<String, StoreError> {
    path.strip_prefix(root)
        .ok()
        .and_then(|p| p.to_str())
        .map(str::to_string)
        .ok_or_else(|| {
            StoreError::Invalid(format!(
                "{} is not inside the data directory {}",
                path.display(),
                root.display()
            ))
        })
}

/// A relative path from an intent, refused if it could lead anywhere but inside `root`.
fn inside(root: &Path, rel: &str) -> Result<PathBuf, StoreError> {
    let p = Path::new(rel);
    let plain = p
        .components()
        .all(|c| matches!(c, std::path::Component::Normal(_)));
    if !plain || rel.is_empty() {
        return Err(StoreError::Invalid(format!(
            "an unfinished write names the path '{rel}', which is not inside the data directory; \
             it is left as it is"
        )));
    }
    Ok(root.join(p))
}

/// Write (or, with `None`, remove) one file; a new one only where none is. Returns a warning
/// when the file was written but its folder could not be flushed.
fn apply_file(
    data: &DataDir,
    path: &Path,
    text: Option<&str>,
    new: bool,
) -> Result<Option<String>, StoreError> {
    #[cfg(test)]
    fault::check()?;
    match text {
        Some(t) if new => data.create_new(path, t.as_bytes()),
        Some(t) => data.write(path, t.as_bytes()),
        None => match data.remove(path) {
            Err(e) if not_found(&e) => Ok(None),
            other => other,
        },
    }
}

/// Remove `dir` and the empty folders in it, if it holds no file.
fn prune(data: &DataDir, dir: &Path) -> bool {
    let Ok(entries) = data.entries(dir) else {
        return false;
    };
    let mut empty = true;
    for (name, folderish) in entries {
        if !(folderish && prune(data, &dir.join(name))) {
            empty = false;
        }
    }
    empty && data.remove_empty_dir(dir)
}

/// Apply every file of an intent (again: each write replaces the whole file, so finishing
/// one twice does no harm).
fn run_intent<S: AsRef<str>>(
    data: &DataDir,
    intent: &Intent<S>,
) -> Result<Vec<String>, StoreError> {
    let mut warnings = Vec::new();
    for (rel, text) in &intent.files {
        let path = inside(data.root(), rel)?;
        warnings.extend(apply_file(
            data,
            &path,
            text.as_ref().map(AsRef::as_ref),
            false,
        )?);
    }
    for rel in &intent.prune {
        prune(data, &inside(data.root(), rel)?);
    }
    Ok(warnings)
}

/// Put right what a stopped writer left: finish its unfinished batches, and, when the last
/// holder of the lock was stopped holding it (`stopped`), remove the temporary files of its
/// saves. The caller holds the lock, so no save is in progress and every temporary file is a
/// leftover. Returns (batches finished, files removed).
pub(super) fn recover_locked(data: &DataDir, stopped: bool) -> Result<(usize, usize), StoreError> {
    let finished = finish_pending(data)?;
    let removed = if stopped {
        sweep_temporary_files(data)
    } else {
        0
    };
    Ok((finished, removed))
}

/// Remove `.tmp-*` files (a save's work in progress) from every folder of the journal.
fn sweep_temporary_files(data: &DataDir) -> usize {
    let root = data.root();
    let mut dirs = vec![
        root.to_path_buf(),
        root.join("frameworks"),
        root.join(PENDING_DIR),
        root.join(PRIVATE_PENDING_DIR),
        root.join(super::trash::PRIVATE_TRASH_DIR),
    ];
    let mut tops = vec![root.to_path_buf()];
    tops.extend(super::private::homes(data, &mut Vec::new()));
    for top in tops {
        let partnerships = top.join("partnerships");
        for (name, folderish) in data.entries(&partnerships).unwrap_or_default() {
            if folderish {
                let p = partnerships.join(name);
                dirs.extend(
                    Kind::in_folders()
                        .filter_map(|k| k.folder)
                        .map(|f| p.join(f)),
                );
                dirs.push(p);
            }
        }
    }
    let mut removed = 0;
    for d in dirs {
        for (name, folderish) in data.entries(&d).unwrap_or_default() {
            if !folderish && name.starts_with(".tmp-") && data.remove(&d.join(&name)).is_ok() {
                removed += 1;
            }
        }
    }
    removed
}

/// Finish every batch a killed process left unfinished. The caller holds the lock.
fn finish_pending(data: &DataDir) -> Result<usize, StoreError> {
    let mut files: Vec<(String, PathBuf)> = Vec::new();
    for dir in [PENDING_DIR, PRIVATE_PENDING_DIR] {
        let dir = data.root().join(dir);
        files.extend(
            data.entries(&dir)?
                .into_iter()
                .filter(|(n, folderish)| !folderish && !n.starts_with('.') && n.ends_with(".ron"))
                .map(|(n, _)| (n.clone(), dir.join(n))),
        );
    }
    // In the order they were made (their names start with the time), wherever they wait.
    files.sort();
    let files = files.into_iter().map(|(_, p)| p);
    let mut done = 0;
    for f in files {
        let bytes = data.read(&f)?;
        let text = record_text(&f, &bytes)?;
        let intent: Intent =
            crate::model::ron_options()
                .from_str(text)
                .map_err(|e| StoreError::Parse {
                    path: f.clone(),
                    line: e.span.start.line,
                    col: e.span.start.col,
                    message: format!(
                        "{} (an unfinished write that cannot be read: move it away to go on)",
                        e.code
                    ),
                })?;
        if let Err(e) = run_intent(data, &intent) {
            // Kept for the person to look at, and out of the way of every later save.
            let aside = f.with_extension("failed");
            let _ = data.write(&aside, &bytes);
            let _ = data.remove(&f);
            return Err(StoreError::Invalid(format!(
                "an unfinished change could not be finished ({e}); it is kept in {}",
                aside.display()
            )));
        }
        data.remove(&f)?;
        done += 1;
    }
    Ok(done)
}

/// Apply a batch: all of it or, when any file cannot be written as asked, none of it.
/// `prune` names folders to remove once the batch leaves them empty.
pub fn apply(
    store: &Store,
    writes: &[Write],
    prune_dirs: &[PathBuf],
) -> Result<Vec<Written>, BatchError> {
    let lock = store.lock()?;
    let data = DataDir::create(store.root())?;
    recover_locked(&data, lock.previous_holder_stopped())?;
    let mut taken = Vec::new();
    let mut planned = Vec::new();
    for w in writes {
        planned.extend(plan(&data, w, &mut taken)?);
    }
    let todo: Vec<&Planned> = planned.iter().filter(|p| !p.skip).collect();
    if todo.is_empty() && prune_dirs.is_empty() {
        return Ok(planned.into_iter().map(|p| p.written).collect());
    }
    // The private folders written to are real folders, and private (put right if not).
    let mut checked = Vec::new();
    for p in &todo {
        if super::private::is_private_path(data.root(), &p.written.path) {
            checked.extend(super::private::check_folders(&data, &p.written.path)?);
        }
    }
    checked.dedup();
    let new_dirs = missing_dirs(&data, &todo);
    match write_planned(&data, &todo, prune_dirs) {
        Ok(mut warnings) => {
            warnings.splice(0..0, checked);
            let mut written: Vec<Written> = planned.into_iter().map(|p| p.written).collect();
            if let Some(first) = written.first_mut() {
                first.warnings = warnings;
            }
            Ok(written)
        }
        Err((e, intent)) => {
            #[cfg(test)]
            if fault::dying() {
                fault::clear();
                lock.abandon();
                return Err(e.into());
            }
            // Take back what was written, so a failed operation leaves the journal as it was.
            // Without an intent nothing was: the one file's atomic write failed (the old file
            // stands), or the plan of several could not be written (none was touched). Then
            // only the folders made for it go, and the error is the one thing to say.
            let taken_back = match &intent {
                None => {
                    for d in &new_dirs {
                        data.remove_empty_dir(d);
                    }
                    Ok(())
                }
                Some(_) => roll_back(&data, &todo, &new_dirs),
            };
            match taken_back {
                Ok(()) => {
                    if let Some(i) = intent {
                        let _ = data.remove(&i);
                    }
                    Err(e.into())
                }
                Err(again) => Err(StoreError::Invalid(format!(
                    "{e}; it could not be taken back either ({again}): it will be finished the \
                     next time the journal is opened"
                ))
                .into()),
            }
        }
    }
}

/// The folders a batch will create (deepest first), to remove again if it fails.
fn missing_dirs(data: &DataDir, todo: &[&Planned]) -> Vec<PathBuf> {
    let root = data.root();
    let mut out: Vec<PathBuf> = Vec::new();
    for p in todo {
        let mut dir = p.written.path.parent();
        while let Some(d) = dir {
            if !d.starts_with(root) || d == root || data.exists(d) {
                break;
            }
            if !out.iter().any(|x| x == d) {
                out.push(d.to_path_buf());
            }
            dir = d.parent();
        }
    }
    out.sort_by_key(|d| std::cmp::Reverse(d.components().count()));
    out
}

type Failed = (StoreError, Option<PathBuf>);

/// Write what was planned: one file directly, several through an intent. On failure, the
/// error and the intent's path (if one was written).
fn write_planned(
    data: &DataDir,
    todo: &[&Planned],
    prune_dirs: &[PathBuf],
) -> Result<Vec<String>, Failed> {
    let root = data.root();
    let mut warnings = Vec::new();
    if todo.len() + prune_dirs.len() <= 1 {
        for p in todo {
            warnings.extend(
                apply_file(data, &p.written.path, p.text.as_deref(), p.new)
                    .map_err(|e| (e, None))?,
            );
        }
        for d in prune_dirs {
            prune(data, d);
        }
        return Ok(warnings);
    }
    let none = |e: StoreError| (e, None);
    let intent: Intent<&str> = Intent {
        version: SCHEMA_VERSION,
        files: todo
            .iter()
            .map(|p| Ok((relative(root, &p.written.path)?, p.text.as_deref())))
            .collect::<Result<_, StoreError>>()
            .map_err(none)?,
        prune: prune_dirs
            .iter()
            .map(|d| relative(root, d))
            .collect::<Result<_, StoreError>>()
            .map_err(none)?,
    };
    let name = format!(
        "{}-{}-{}.ron",
        stamp(),
        std::process::id(),
        fastrand::u32(..)
    );
    // A plan holds the text of every file it writes: one that writes a private file is kept
    // where private text is.
    let private = todo
        .iter()
        .any(|p| super::private::is_private_path(root, &p.written.path));
    let path = root
        .join(if private {
            PRIVATE_PENDING_DIR
        } else {
            PENDING_DIR
        })
        .join(name);
    let text = to_ron(&intent).map_err(none)?;
    // The plan is mentorlog's own file: when it cannot be written, say which records were
    // not saved (none was touched yet).
    let plan_failed = |e: StoreError| match (e, todo.first()) {
        (StoreError::Io { error, .. }, Some(first)) => {
            let first = first.written.path.display();
            let others = match todo.len() - 1 {
                0 => String::new(),
                1 => " and 1 other file".to_string(),
                n => format!(" and {n} other files"),
            };
            (
                StoreError::Invalid(format!("{first}{others}: not saved: {error}")),
                None,
            )
        }
        (e, _) => (e, None),
    };
    warnings.extend(data.write(&path, text.as_bytes()).map_err(plan_failed)?);
    warnings.extend(run_intent(data, &intent).map_err(|e| (e, Some(path.clone())))?);
    // Every file is written: if the plan cannot be removed, it is there to finish (or take
    // back) the change.
    warnings.extend(data.remove(&path).map_err(|e| (e, Some(path.clone())))?);
    warnings.dedup();
    Ok(warnings)
}

/// Put every file of a failed batch back as it was, and remove the folders it created.
fn roll_back(data: &DataDir, todo: &[&Planned], new_dirs: &[PathBuf]) -> Result<(), StoreError> {
    for p in todo {
        let before = p.written.before.as_ref().map(any_text).transpose()?;
        match before {
            Some(text) => {
                apply_file(data, &p.written.path, Some(&text), false)?;
            }
            None if data.exists(&p.written.path) => {
                apply_file(data, &p.written.path, None, false)?;
            }
            None => {}
        }
    }
    for d in new_dirs {
        data.remove_empty_dir(d);
    }
    Ok(())
}

/// Parse a record's text, for reading back an intent or a conflict copy.
pub fn parse_any(kind: Kind, path: &Path, text: &str) -> Result<AnyRecord, StoreError> {
    with_record_type!(kind, T => Ok(parse_record::<T>(path, text)?.into_any()))
}

/// Test builds only: make the Nth file write of this thread fail, as a full disk would, or
/// stop the batch dead there, as a killed process would (nothing taken back).
#[cfg(test)]
pub(crate) mod fault {
    use std::cell::Cell;

    thread_local! {
        pub static FAIL_AT: Cell<Option<usize>> = const { Cell::new(None) };
        pub static DIE: Cell<bool> = const { Cell::new(false) };
        pub static WRITES: Cell<usize> = const { Cell::new(0) };
    }

    /// Fail the `n`th write from now (1 = the next); `die`: as a kill would.
    pub fn fail_at(n: usize, die: bool) {
        WRITES.with(|w| w.set(0));
        FAIL_AT.with(|f| f.set(Some(n)));
        DIE.with(|d| d.set(die));
    }

    pub fn clear() {
        FAIL_AT.with(|f| f.set(None));
        DIE.with(|d| d.set(false));
    }

    pub(super) fn check() -> Result<(), super::StoreError> {
        let n = WRITES.with(|w| {
            w.set(w.get() + 1);
            w.get()
        });
        if FAIL_AT.with(|f| f.get()) == Some(n) {
            FAIL_AT.with(|f| f.set(None));
            return Err(super::StoreError::Invalid("injected write failure".into()));
        }
        Ok(())
    }

    pub(super) fn dying() -> bool {
        DIE.with(|d| d.get())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conflict_copies_made_in_one_instant_never_replace_each_other() {
        let t = tempfile::tempdir().unwrap();
        let data = DataDir::create(t.path()).unwrap();
        let path = t.path().join("meetings/2026-11-20-abc123.ron");
        let frozen = "20261120T101500";
        let mut names = Vec::new();
        for focus in ["one", "two", "three"] {
            // The same instant each time: only the number tells the copies apart.
            let copy = conflict_copy_path_at(&data, &path, &[], frozen);
            data.create_new(&copy, focus.as_bytes()).unwrap();
            names.push(copy.file_name().unwrap().to_string_lossy().into_owned());
        }
        let pid = std::process::id();
        assert_eq!(
            names,
            (1..=3)
                .map(|n| format!("2026-11-20-abc123.conflict-{frozen}-{pid}-{n}.ron"))
                .collect::<Vec<_>>()
        );
        // And within one batch, a name planned already is not planned twice.
        let first = conflict_copy_path_at(&data, &path, &[], frozen);
        let second = conflict_copy_path_at(&data, &path, std::slice::from_ref(&first), frozen);
        assert_ne!(first, second);
    }
}
