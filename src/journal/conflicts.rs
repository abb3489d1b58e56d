//! Conflict copies: when two people changed the same field of one record at once, the later
//! save won and the other version was kept beside the record. Each copy is compared with its
//! record when the journal is read (never while drawing), and resolved under the journal's
//! lock against what is on disk, so two people resolving one conflict at once lose nothing.

use std::path::{Path, PathBuf};

use super::{Journal, OpError, OpResult};
use crate::store::{AnyRecord, Kind, Write};

/// One conflict copy, read and compared with the record it belongs to.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    pub copy: PathBuf,
    pub original: PathBuf,
    pub kind: Option<Kind>,
    /// The copy's content, and the record's as it is now (`None`: cannot be read, or gone).
    pub theirs: Option<AnyRecord>,
    pub mine: Option<AnyRecord>,
    /// Fields that differ: (field, the record's value, the copy's value), whole.
    pub fields: Vec<(String, String, String)>,
    /// Which of the two is this journal's user's own edit, when the journal knows (it wrote
    /// one of them in this run); `None`: it cannot tell.
    pub yours: Option<Side>,
}

/// One of the two versions of a conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The version in the record's file (saved last).
    Record,
    /// The version set aside in the conflict copy.
    Copy,
}

impl Conflict {
    /// Whether either version is a record marked private.
    pub fn is_private(&self) -> bool {
        self.theirs.as_ref().is_some_and(AnyRecord::is_private)
            || self.mine.as_ref().is_some_and(AnyRecord::is_private)
    }

    /// The copy's path inside the data directory, for showing.
    pub fn shown(&self, root: &Path) -> String {
        self.copy
            .strip_prefix(root)
            .unwrap_or(&self.copy)
            .display()
            .to_string()
    }
}

/// How a conflict ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolution {
    /// Keep the record as it is; the copy goes.
    KeepMine,
    /// Put the copy's version in the record's place; the copy goes.
    TakeTheirs,
}

/// `meetings/2026-11-20-ab12cd.conflict-20261123T101500-4242-1.ron` -> `meetings/2026-11-20-ab12cd.ron`
/// (and the same for Syncthing's and Dropbox's names, see `store::conflict_stem`)
pub fn original_of(copy: &Path) -> Option<PathBuf> {
    let name = copy.file_name()?.to_str()?;
    let stem = crate::store::conflict_stem(name)?;
    Some(copy.with_file_name(format!("{stem}.ron")))
}

/// A field's value as text, whole (a front end wraps it).
fn whole(v: Option<&serde_json::Value>) -> String {
    match v {
        None => "(none)".to_string(),
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

/// Read a conflict copy and its record, and list the fields that differ.
pub fn compare(root: &Path, copy: &Path) -> Conflict {
    let original = original_of(copy).unwrap_or_else(|| copy.to_path_buf());
    let kind = Kind::of_path(root, copy);
    let read = |p: &Path| kind.and_then(|k| AnyRecord::read(k, p).ok());
    let theirs = read(copy);
    let mine = read(&original);
    let mut fields = Vec::new();
    if let (Some(t), Some(m)) = (&theirs, &mine)
        && let (serde_json::Value::Object(t), serde_json::Value::Object(m)) =
            (t.to_json(), m.to_json())
    {
        for (k, mv) in &m {
            if t.get(k) != Some(mv) {
                fields.push((k.clone(), whole(Some(mv)), whole(t.get(k))));
            }
        }
    }
    Conflict {
        copy: copy.to_path_buf(),
        original,
        kind,
        theirs,
        mine,
        fields,
        yours: None,
    }
}

impl Journal {
    /// Compare every conflict copy with its record (when the journal is read or changes).
    pub(super) fn compare_conflicts(&mut self) {
        let root = self.store.root().to_path_buf();
        self.snap.conflicts.sort();
        self.snap.conflicts.dedup();
        self.conflicts = self
            .snap
            .conflicts
            .iter()
            .map(|c| compare(&root, c))
            .collect();
        // What this journal wrote in this run tells which version is its user's.
        let actor = self.actor();
        for c in &mut self.conflicts {
            let written = self
                .mine
                .iter()
                .find(|(p, _)| *p == c.original)
                .map(|(_, v)| v);
            // Else who last changed each version says (records written since members exist).
            let by = |r: &Option<AnyRecord>| {
                r.as_ref()
                    .and_then(|r| r.by())
                    .and_then(|b| b.changed.clone())
            };
            let (record_by, copy_by) = (by(&c.mine), by(&c.theirs));
            c.yours = match written {
                Some(v) if Some(v) == c.theirs.as_ref() => Some(Side::Copy),
                Some(v) if Some(v) == c.mine.as_ref() => Some(Side::Record),
                _ if record_by != copy_by && record_by.as_ref() == Some(&actor) => {
                    Some(Side::Record)
                }
                _ if record_by != copy_by && copy_by.as_ref() == Some(&actor) => Some(Side::Copy),
                _ => None,
            };
        }
    }

    pub(super) fn drop_conflict(&mut self, copy: &Path) {
        self.snap.conflicts.retain(|c| c != copy);
        self.conflicts.retain(|c| c.copy != copy);
    }

    /// New conflict copies that hold what this journal last wrote: its user's edit is the one
    /// set aside, and they should know.
    pub(super) fn own_edits_set_aside(&self, before: &[PathBuf]) -> Vec<String> {
        self.conflicts
            .iter()
            .filter(|c| !before.contains(&c.copy))
            .filter(|c| {
                self.mine
                    .iter()
                    .any(|(p, v)| *p == c.original && Some(v) == c.theirs.as_ref())
            })
            .map(|c| {
                format!(
                    "your edit of {} met another edit of the same fields ({}); yours is kept \
                     in a conflict copy: press C to compare and choose",
                    c.kind.map_or("a record", Kind::noun),
                    c.fields
                        .iter()
                        .map(|f| f.0.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            })
            .collect()
    }

    /// End a conflict: keep the record as it is, or put the copy's version in its place.
    /// Done under the lock against what is on disk: if someone else resolved it meanwhile,
    /// nothing is changed and the error says so.
    pub fn resolve(&mut self, copy: &Path, how: Resolution) -> OpResult {
        let c = compare(self.store.root(), copy);
        let gone = || {
            OpError::Refused(
                "this conflict was resolved elsewhere meanwhile; nothing was changed".into(),
            )
        };
        let Some(theirs) = c.theirs.clone() else {
            self.drop_conflict(copy);
            return Err(if copy.exists() {
                OpError::Refused(format!(
                    "{} cannot be read: compare it by hand, then delete it",
                    copy.display()
                ))
            } else {
                gone()
            });
        };
        let mut writes = vec![Write::delete(copy.to_path_buf(), theirs.clone())];
        if how == Resolution::TakeTheirs {
            writes.insert(0, Write::save(c.original.clone(), c.mine.clone(), theirs));
        }
        let label = match how {
            Resolution::KeepMine => "Kept the record's version; the conflict copy is removed",
            Resolution::TakeTheirs => {
                "Took the conflict copy's version into the record; the copy is removed"
            }
        };
        match self.apply(label.to_string(), writes, Vec::new()) {
            Err(OpError::Gone { path, .. }) if path == copy => {
                self.drop_conflict(copy);
                Err(gone())
            }
            other => other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_original_is_named_by_the_copy() {
        let copy =
            Path::new("/j/p/meetings/2026-11-20-ab12cd.conflict-20261123T101500123-4242-1.ron");
        assert_eq!(
            original_of(copy).unwrap(),
            Path::new("/j/p/meetings/2026-11-20-ab12cd.ron")
        );
    }
}
