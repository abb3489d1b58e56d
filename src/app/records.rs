//! Saving from the TUI: any record kind through one path, the journal in memory kept in step
//! with the disk without re-reading it, and every change remembered for undo.

use std::path::{Path, PathBuf};

use crate::model::{Goal, Meeting, Partnership, Reflection, StageRecord, TickSheet};
use crate::store::{Loaded, PartnershipData, Saved, Snapshot, Store, StoreError};

/// One record of any kind the TUI edits.
#[derive(Debug, Clone, PartialEq)]
pub enum AnyRecord {
    Partnership(Partnership),
    Meeting(Meeting),
    Goal(Goal),
    Ticks(TickSheet),
    Reflection(Reflection),
    Stage(StageRecord),
}

/// A file's content before and after one change (`None`: no file).
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub path: PathBuf,
    pub before: Option<AnyRecord>,
    pub after: Option<AnyRecord>,
}

/// What `u` undoes: one user action, which may have touched several files.
#[derive(Debug, Clone, PartialEq)]
pub struct UndoEntry {
    pub label: String,
    pub changes: Vec<Change>,
}

/// The outcome of a save, for the status bar.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SaveNote {
    pub merged: bool,
    pub conflict: Option<String>,
}

fn note<T>(s: &Saved<T>) -> SaveNote {
    SaveNote {
        merged: s.merged,
        conflict: s.conflict_copy.as_ref().map(|c| {
            format!(
                "{} was changed elsewhere too ({}); the other version is kept in {}",
                s.path
                    .file_name()
                    .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
                s.conflicts.join(", "),
                c.display()
            )
        }),
    }
}

/// Write `new` over `path` (whose content was `base`); returns what is now on disk.
pub fn write(
    store: &Store,
    path: &Path,
    base: Option<&AnyRecord>,
    new: &AnyRecord,
) -> Result<(AnyRecord, SaveNote), StoreError> {
    macro_rules! go {
        ($variant:ident, $v:expr) => {{
            let base = match base {
                Some(AnyRecord::$variant(b)) => Some(b),
                _ => None,
            };
            let s = store.save_at(path, base, $v)?;
            Ok((AnyRecord::$variant(s.value.clone()), note(&s)))
        }};
    }
    match new {
        AnyRecord::Partnership(v) => go!(Partnership, v),
        AnyRecord::Meeting(v) => go!(Meeting, v),
        AnyRecord::Goal(v) => go!(Goal, v),
        AnyRecord::Ticks(v) => go!(Ticks, v),
        AnyRecord::Reflection(v) => go!(Reflection, v),
        AnyRecord::Stage(v) => go!(Stage, v),
    }
}

/// Remove the file at `path`, if it still holds `current`.
pub fn remove(store: &Store, path: &Path, current: &AnyRecord) -> Result<(), StoreError> {
    let path = path.to_path_buf();
    match current.clone() {
        AnyRecord::Partnership(value) => store.delete(&Loaded { path, value }),
        AnyRecord::Meeting(value) => store.delete(&Loaded { path, value }),
        AnyRecord::Goal(value) => store.delete(&Loaded { path, value }),
        AnyRecord::Ticks(value) => store.delete(&Loaded { path, value }),
        AnyRecord::Reflection(value) => store.delete(&Loaded { path, value }),
        AnyRecord::Stage(value) => store.delete(&Loaded { path, value }),
    }
}

fn upsert<T>(list: &mut Vec<Loaded<T>>, path: &Path, value: Option<T>) {
    let at = list.iter().position(|l| l.path == path);
    match (at, value) {
        (Some(i), Some(v)) => list[i].value = v,
        (None, Some(v)) => list.push(Loaded {
            path: path.to_path_buf(),
            value: v,
        }),
        (Some(i), None) => {
            list.remove(i);
        }
        (None, None) => {}
    }
}

/// The partnership folder a record file belongs to.
fn owner<'a>(snap: &'a mut Snapshot, path: &Path) -> Option<&'a mut PartnershipData> {
    snap.partnerships
        .iter_mut()
        .find(|p| path.starts_with(&p.dir))
}

/// Bring the in-memory journal in line with a file now holding `value` (`None`: removed).
pub fn put(snap: &mut Snapshot, path: &Path, value: Option<AnyRecord>) {
    let Some(p) = owner(snap, path) else {
        return;
    };
    let folder = path
        .parent()
        .and_then(|d| d.file_name())
        .and_then(|n| n.to_str())
        .unwrap_or("");
    match (folder, value) {
        (_, Some(AnyRecord::Partnership(v))) => p.partnership.value = v,
        (_, Some(AnyRecord::Meeting(v))) => upsert(&mut p.meetings, path, Some(v)),
        (_, Some(AnyRecord::Goal(v))) => upsert(&mut p.goals, path, Some(v)),
        (_, Some(AnyRecord::Ticks(v))) => upsert(&mut p.ticks, path, Some(v)),
        (_, Some(AnyRecord::Reflection(v))) => upsert(&mut p.reflections, path, Some(v)),
        (_, Some(AnyRecord::Stage(v))) => upsert(&mut p.stages, path, Some(v)),
        ("reflections", None) => upsert::<Reflection>(&mut p.reflections, path, None),
        ("stages", None) => upsert::<StageRecord>(&mut p.stages, path, None),
        ("meetings", None) => upsert::<Meeting>(&mut p.meetings, path, None),
        ("goals", None) => upsert::<Goal>(&mut p.goals, path, None),
        ("ticks", None) => upsert::<TickSheet>(&mut p.ticks, path, None),
        _ => {}
    }
    p.meetings.sort_by(|a, b| {
        (b.value.date, b.value.time, &b.value.id).cmp(&(a.value.date, a.value.time, &a.value.id))
    });
    p.goals
        .sort_by(|a, b| (a.value.created, &a.value.id).cmp(&(b.value.created, &b.value.id)));
    p.reflections
        .sort_by_key(|r| std::cmp::Reverse(r.value.date));
}
