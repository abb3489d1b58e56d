//! Every write to the journal goes through one batch: under the journal's lock each file is
//! read as it is now, each change is merged with whatever happened since it was read, and
//! only when every file of the batch can be written is anything written. A batch of several
//! files first writes an intent (what every file will hold) to `.mentorlog/pending/`; a
//! process killed half-way leaves the intent behind, and the next writer, or the next open,
//! finishes it before doing anything else. So an operation that touches several files (a tick
//! and the meeting that evidences it, an import, the demo) is whole, or finished later.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::kind::{AnyRecord, Kind, each_record};
use super::lock::JournalLock;
use super::merge::merge3_with;
use super::record::{Record, parse_record, to_ron};
use super::{StoreError, atomic_write, ensure_dir, safety};
use crate::model::SCHEMA_VERSION;

/// Where unfinished batches wait to be finished.
pub const PENDING_DIR: &str = ".mentorlog/pending";

/// Present while a batch is being written: a process that finds it, holding the lock, knows
/// the last writer was stopped half-way and may have left temporary files.
const WRITING: &str = ".mentorlog/writing";

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

/// The file-level plan of a batch: what each file will hold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Intent {
    version: u32,
    /// Paths relative to the data directory, and their new text (`None`: remove the file).
    files: Vec<(String, Option<String>)>,
    /// Folders to remove once empty (an undone new partnership).
    #[serde(default)]
    prune: Vec<String>,
}

fn read_any(kind: Kind, path: &Path) -> Result<Option<AnyRecord>, StoreError> {
    match std::fs::symlink_metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        _ => {}
    }
    match AnyRecord::read(kind, path) {
        Ok(r) => Ok(Some(r)),
        Err(StoreError::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
            Ok(None)
        }
        Err(e) => Err(StoreError::WontOverwrite {
            reason: e.to_string(),
            path: path.to_path_buf(),
        }),
    }
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

fn merge_any(
    base: Option<&AnyRecord>,
    theirs: &AnyRecord,
    new: &AnyRecord,
) -> Result<(AnyRecord, Vec<String>), StoreError> {
    macro_rules! go {
        ($variant:ident, $t:ident, $n:ident) => {{
            let b = match base {
                Some(AnyRecord::$variant(b)) => Some(b),
                _ => None,
            };
            let (v, c) = merge_typed(b, $t, $n)?;
            Ok((AnyRecord::$variant(v), c))
        }};
    }
    match (theirs, new) {
        (AnyRecord::Journal(t), AnyRecord::Journal(n)) => go!(Journal, t, n),
        (AnyRecord::Partnership(t), AnyRecord::Partnership(n)) => go!(Partnership, t, n),
        (AnyRecord::Meeting(t), AnyRecord::Meeting(n)) => go!(Meeting, t, n),
        (AnyRecord::Goal(t), AnyRecord::Goal(n)) => go!(Goal, t, n),
        (AnyRecord::Reflection(t), AnyRecord::Reflection(n)) => go!(Reflection, t, n),
        (AnyRecord::Stage(t), AnyRecord::Stage(n)) => go!(Stage, t, n),
        (AnyRecord::Ticks(t), AnyRecord::Ticks(n)) => go!(Ticks, t, n),
        _ => Err(StoreError::Invalid(
            "a record cannot be saved over one of another kind".into(),
        )),
    }
}

/// The text a record is written as.
pub fn record_text(r: &AnyRecord) -> Result<String, StoreError> {
    each_record!(r, v => to_ron(v))
}

/// A conflict copy's name beside `path` that no file has yet.
fn conflict_copy_path(path: &Path, taken: &[PathBuf]) -> PathBuf {
    let stem = path
        .file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
    let stamp = stamp();
    let pid = std::process::id();
    let mut n = 1u32;
    loop {
        let p = path.with_file_name(format!("{stem}.conflict-{stamp}-{pid}-{n}.ron"));
        if !taken.contains(&p) && std::fs::symlink_metadata(&p).is_err() {
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

/// One planned file.
struct Planned {
    written: Written,
    /// The text to write (`None`: remove the file; nothing to do when `skip`).
    text: Option<String>,
    skip: bool,
}

fn plan(root: &Path, w: &Write, taken: &mut Vec<PathBuf>) -> Result<Vec<Planned>, BatchError> {
    safety::check_inside(root, &w.path)?;
    if let Mode::CreateFile(text) = &w.mode {
        if std::fs::symlink_metadata(&w.path).is_ok() {
            return Err(BatchError::Exists {
                path: w.path.clone(),
            });
        }
        return Ok(vec![Planned {
            written: Written {
                path: w.path.clone(),
                before: None,
                after: None,
                merged: false,
                conflicts: Vec::new(),
                conflict_copy: None,
            },
            text: Some(text.clone()),
            skip: false,
        }]);
    }
    let kind = match (&w.new, &w.base) {
        (Some(n), _) => n.kind(),
        (None, Some(b)) => b.kind(),
        (None, None) => return Ok(Vec::new()),
    };
    let on_disk = read_any(kind, &w.path)?;
    let mut written = Written {
        path: w.path.clone(),
        before: on_disk.clone(),
        after: None,
        merged: false,
        conflicts: Vec::new(),
        conflict_copy: None,
    };
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
                text: Some(record_text(&new)?),
                written,
                skip: false,
            });
        }
        Mode::Save => {
            let new = w.new.clone().ok_or_else(|| {
                StoreError::Invalid("a saved record needs its content".to_string())
            })?;
            let value = match (&on_disk, &w.base) {
                (None, Some(_)) => {
                    return Err(BatchError::Gone {
                        path: w.path.clone(),
                        kind,
                    });
                }
                (None, None) => new,
                (Some(theirs), base) if Some(theirs) == base.as_ref() || theirs == &new => new,
                (Some(theirs), base) => {
                    let (value, conflicts) = merge_any(base.as_ref(), theirs, &new)?;
                    written.merged = true;
                    if !conflicts.is_empty() {
                        let copy = conflict_copy_path(&w.path, taken);
                        taken.push(copy.clone());
                        out.push(Planned {
                            written: Written {
                                path: copy.clone(),
                                before: None,
                                after: Some(theirs.clone()),
                                merged: false,
                                conflicts: Vec::new(),
                                conflict_copy: None,
                            },
                            text: Some(record_text(theirs)?),
                            skip: false,
                        });
                        written.conflict_copy = Some(copy);
                    }
                    written.conflicts = conflicts;
                    value
                }
            };
            let same = on_disk.as_ref() == Some(&value);
            written.after = Some(value.clone());
            out.insert(
                0,
                Planned {
                    text: Some(record_text(&value)?),
                    written,
                    skip: same,
                },
            );
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

fn apply_file(root: &Path, path: &Path, text: Option<&str>) -> Result<(), StoreError> {
    #[cfg(test)]
    fault::check()?;
    safety::check_inside(root, path)?;
    match text {
        Some(t) => {
            if let Some(dir) = path.parent() {
                ensure_dir(dir)?;
            }
            atomic_write(path, t.as_bytes())
        }
        None => match std::fs::remove_file(path) {
            Ok(()) => path.parent().map_or(Ok(()), super::io::sync_dir),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(StoreError::io(path, e)),
        },
    }
}

/// Remove `dir` and the empty folders in it, if it holds no file.
fn prune(dir: &Path) {
    fn empty_tree(dir: &Path) -> bool {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return false;
        };
        let mut empty = true;
        for e in entries.filter_map(Result::ok) {
            let p = e.path();
            let is_dir = p.symlink_metadata().is_ok_and(|m| m.is_dir());
            if !(is_dir && empty_tree(&p)) {
                empty = false;
            }
        }
        empty && std::fs::remove_dir(dir).is_ok()
    }
    empty_tree(dir);
}

fn run_intent(root: &Path, intent: &Intent) -> Result<(), StoreError> {
    for (rel, text) in &intent.files {
        apply_file(root, &inside(root, rel)?, text.as_deref())?;
    }
    for rel in &intent.prune {
        prune(&inside(root, rel)?);
    }
    Ok(())
}

/// Put right what a stopped writer left: finish its unfinished batches, and remove the
/// temporary files of its saves. The caller holds the lock, so no save is in progress and
/// every temporary file is a leftover. Returns (batches finished, files removed).
pub(super) fn recover_locked(root: &Path) -> Result<(usize, usize), StoreError> {
    let finished = finish_pending(root)?;
    let marker = root.join(WRITING);
    let mut removed = 0;
    if std::fs::symlink_metadata(&marker).is_ok() {
        removed = sweep_temporary_files(root);
        let _ = std::fs::remove_file(&marker);
    }
    Ok((finished, removed))
}

/// Remove `.tmp-*` files (a save's work in progress) from every folder of the journal.
fn sweep_temporary_files(root: &Path) -> usize {
    let mut dirs = vec![
        root.to_path_buf(),
        root.join("frameworks"),
        root.join(PENDING_DIR),
    ];
    if let Ok(entries) = std::fs::read_dir(root.join("partnerships")) {
        for e in entries.filter_map(Result::ok) {
            let p = e.path();
            if p.symlink_metadata().is_ok_and(|m| m.is_dir()) {
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
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.filter_map(Result::ok) {
            let is_temp = e
                .file_name()
                .to_str()
                .is_some_and(|n| n.starts_with(".tmp-"));
            if is_temp
                && e.file_type().is_ok_and(|t| t.is_file())
                && std::fs::remove_file(e.path()).is_ok()
            {
                removed += 1;
            }
        }
    }
    removed
}

/// Finish every batch a killed process left unfinished. The caller holds the lock.
fn finish_pending(root: &Path) -> Result<usize, StoreError> {
    let dir = root.join(PENDING_DIR);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Ok(0);
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .filter(|p| {
            !p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('.'))
        })
        .collect();
    files.sort();
    let mut done = 0;
    for f in files {
        let text = std::fs::read_to_string(&f).map_err(|e| StoreError::io(&f, e))?;
        let intent: Intent =
            crate::model::ron_options()
                .from_str(&text)
                .map_err(|e| StoreError::Parse {
                    path: f.clone(),
                    line: e.span.start.line,
                    col: e.span.start.col,
                    message: format!(
                        "{} (an unfinished write that cannot be read: move it away to go on)",
                        e.code
                    ),
                })?;
        if let Err(e) = run_intent(root, &intent) {
            // Kept for the person to look at, and out of the way of every later save.
            let aside = f.with_extension("failed");
            let _ = std::fs::rename(&f, &aside);
            return Err(StoreError::Invalid(format!(
                "an unfinished change could not be finished ({e}); it is kept in {}",
                aside.display()
            )));
        }
        std::fs::remove_file(&f).map_err(|e| StoreError::io(&f, e))?;
        super::io::sync_dir(&dir)?;
        done += 1;
    }
    Ok(done)
}

/// Apply a batch: all of it or, when any file cannot be written as asked, none of it.
/// `prune` names folders to remove once the batch leaves them empty.
pub fn apply(
    root: &Path,
    writes: &[Write],
    prune_dirs: &[PathBuf],
) -> Result<Vec<Written>, BatchError> {
    let _lock = JournalLock::acquire(root)?;
    recover_locked(root)?;
    let mut taken = Vec::new();
    let mut planned = Vec::new();
    for w in writes {
        planned.extend(plan(root, w, &mut taken)?);
    }
    let todo: Vec<&Planned> = planned.iter().filter(|p| !p.skip).collect();
    if todo.is_empty() && prune_dirs.is_empty() {
        return Ok(planned.into_iter().map(|p| p.written).collect());
    }
    ensure_dir(&root.join(".mentorlog"))?;
    let marker = root.join(WRITING);
    std::fs::File::create(&marker).map_err(|e| StoreError::io(&marker, e))?;
    let new_dirs = missing_dirs(root, &todo);
    match write_planned(root, &todo, prune_dirs) {
        Ok(()) => {
            let _ = std::fs::remove_file(&marker);
            Ok(planned.into_iter().map(|p| p.written).collect())
        }
        Err((e, intent)) => {
            #[cfg(test)]
            if fault::dying() {
                fault::clear();
                return Err(e.into());
            }
            // Take back what was written, so a failed operation leaves the journal as it was.
            match roll_back(root, &todo, &new_dirs) {
                Ok(()) => {
                    if let Some(i) = intent {
                        let _ = std::fs::remove_file(i);
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
fn missing_dirs(root: &Path, todo: &[&Planned]) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = Vec::new();
    for p in todo {
        let mut dir = p.written.path.parent();
        while let Some(d) = dir {
            if !d.starts_with(root) || d == root || d.exists() {
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

/// Write what was planned: one file directly, several through an intent. On failure, the
/// error and the intent's path (if one was written).
fn write_planned(
    root: &Path,
    todo: &[&Planned],
    prune_dirs: &[PathBuf],
) -> Result<(), (StoreError, Option<PathBuf>)> {
    if todo.len() + prune_dirs.len() <= 1 {
        for p in todo {
            apply_file(root, &p.written.path, p.text.as_deref()).map_err(|e| (e, None))?;
        }
        for d in prune_dirs {
            prune(d);
        }
        return Ok(());
    }
    let intent = Intent {
        version: SCHEMA_VERSION,
        files: todo
            .iter()
            .map(|p| Ok((relative(root, &p.written.path)?, p.text.clone())))
            .collect::<Result<_, StoreError>>()
            .map_err(|e| (e, None))?,
        prune: prune_dirs
            .iter()
            .map(|d| relative(root, d))
            .collect::<Result<_, StoreError>>()
            .map_err(|e| (e, None))?,
    };
    let dir = root.join(PENDING_DIR);
    ensure_dir(&dir).map_err(|e| (e, None))?;
    let name = format!(
        "{}-{}-{}.ron",
        stamp(),
        std::process::id(),
        fastrand::u32(..)
    );
    let path = dir.join(name);
    let text = to_ron(&intent).map_err(|e| (e, None))?;
    atomic_write(&path, text.as_bytes()).map_err(|e| (e, None))?;
    run_intent(root, &intent).map_err(|e| (e, Some(path.clone())))?;
    std::fs::remove_file(&path).map_err(|e| (StoreError::io(&path, e), None))?;
    super::io::sync_dir(&dir).map_err(|e| (e, None))?;
    Ok(())
}

/// Put every file of a failed batch back as it was, and remove the folders it created.
fn roll_back(root: &Path, todo: &[&Planned], new_dirs: &[PathBuf]) -> Result<(), StoreError> {
    for p in todo {
        let before = p.written.before.as_ref().map(record_text).transpose()?;
        let exists = std::fs::symlink_metadata(&p.written.path).is_ok();
        match before {
            Some(text) => apply_file(root, &p.written.path, Some(&text))?,
            None if exists => apply_file(root, &p.written.path, None)?,
            None => {}
        }
    }
    for d in new_dirs {
        let _ = std::fs::remove_dir(d);
    }
    Ok(())
}

/// Parse a record's text, for reading back an intent or a conflict copy.
pub fn parse_any(kind: Kind, path: &Path, text: &str) -> Result<AnyRecord, StoreError> {
    Ok(match kind {
        Kind::Journal => AnyRecord::Journal(parse_record(path, text)?),
        Kind::Partnership => AnyRecord::Partnership(parse_record(path, text)?),
        Kind::Meeting => AnyRecord::Meeting(parse_record(path, text)?),
        Kind::Goal => AnyRecord::Goal(parse_record(path, text)?),
        Kind::Reflection => AnyRecord::Reflection(parse_record(path, text)?),
        Kind::Stage => AnyRecord::Stage(parse_record(path, text)?),
        Kind::Ticks => AnyRecord::Ticks(parse_record(path, text)?),
    })
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
