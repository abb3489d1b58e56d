//! Reading and saving one record file: schema versions, migrations, positioned parse errors,
//! and the changed-since-read check with a field-by-field merge.

use std::path::{Path, PathBuf};

use ron::ser::PrettyConfig;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::StoreError;
use super::io::atomic_write;
use super::kind::Kind;
use super::lock::JournalLock;
use super::merge::merge3_with;
use crate::model::{
    Goal, Journal, Meeting, Partnership, Reflection, SCHEMA_VERSION, StageRecord, TickSheet,
};

/// A record type stored one to a file.
pub trait Record: Serialize + DeserializeOwned + Clone + PartialEq {
    /// What the file holds: its row in the table of kinds.
    const KIND: Kind;
    fn version(&self) -> u32;
    fn set_version(&mut self, v: u32);
}

macro_rules! record {
    ($t:ty, $kind:expr) => {
        impl Record for $t {
            const KIND: Kind = $kind;
            fn version(&self) -> u32 {
                self.version
            }
            fn set_version(&mut self, v: u32) {
                self.version = v;
            }
        }
    };
}

record!(Journal, Kind::Journal);
record!(Partnership, Kind::Partnership);
record!(Meeting, Kind::Meeting);
record!(Goal, Kind::Goal);
record!(Reflection, Kind::Reflection);
record!(StageRecord, Kind::Stage);
record!(TickSheet, Kind::Ticks);

/// A change to the shape of one kind of record between two schema versions.
pub struct Migration {
    pub kind: Kind,
    pub from: u32,
    pub apply: fn(&mut ron::Value),
}

/// Every schema change so far. Version 1 is the first, so none yet; a change of shape adds
/// its step here and bumps `SCHEMA_VERSION`, so old files are upgraded on read, never dropped.
pub const MIGRATIONS: &[Migration] = &[];

/// Bring `value` (a file at version `from`) up to `SCHEMA_VERSION` with `table`.
pub fn migrate(
    kind: Kind,
    mut value: ron::Value,
    from: u32,
    table: &[Migration],
) -> Result<ron::Value, String> {
    let mut v = from;
    while v < SCHEMA_VERSION {
        let step = table
            .iter()
            .find(|m| m.kind == kind && m.from == v)
            .ok_or_else(|| format!("no migration for a {} from version {v}", kind.noun()))?;
        (step.apply)(&mut value);
        v += 1;
    }
    if let ron::Value::Map(map) = &mut value {
        map.insert(
            ron::Value::String("version".into()),
            ron::Value::Number(ron::Number::U32(SCHEMA_VERSION)),
        );
    }
    Ok(value)
}

fn version_of(value: &ron::Value) -> Option<u32> {
    let ron::Value::Map(map) = value else {
        return None;
    };
    match map.get(&ron::Value::String("version".into()))? {
        ron::Value::Number(n) => n
            .into_f64()
            .to_string()
            .parse::<f64>()
            .ok()
            .map(|f| f as u32),
        _ => None,
    }
}

/// Serialise a record as the readable RON mentorlog writes.
pub fn to_ron<T: Serialize>(value: &T) -> Result<String, StoreError> {
    let config = PrettyConfig::new()
        .struct_names(true)
        .indentor("    ".to_string())
        .separate_tuple_members(false)
        .enumerate_arrays(false);
    let mut text = ron::ser::to_string_pretty(value, config)
        .map_err(|e| StoreError::Invalid(format!("cannot write record: {e}")))?;
    text.push('\n');
    Ok(text)
}

/// Parse a record's text. Errors carry line and column.
pub fn parse_record<T: Record>(path: &Path, text: &str) -> Result<T, StoreError> {
    let parse_error = |e: ron::error::SpannedError| StoreError::Parse {
        path: path.to_path_buf(),
        line: e.span.start.line,
        col: e.span.start.col,
        message: e.code.to_string(),
    };
    match super::ron_options().from_str::<T>(text) {
        Ok(rec) if rec.version() == SCHEMA_VERSION => Ok(rec),
        Ok(rec) => version_mismatch(path, text, rec.version()),
        Err(e) => {
            // A file of another version may not fit today's shape: look at its version first.
            match super::ron_options()
                .from_str::<ron::Value>(text)
                .ok()
                .as_ref()
                .and_then(version_of)
            {
                Some(v) if v != SCHEMA_VERSION => version_mismatch(path, text, v),
                _ => Err(parse_error(e)),
            }
        }
    }
}

fn version_mismatch<T: Record>(path: &Path, text: &str, found: u32) -> Result<T, StoreError> {
    if found > SCHEMA_VERSION {
        return Err(StoreError::NewerVersion {
            path: path.to_path_buf(),
            found,
            supported: SCHEMA_VERSION,
        });
    }
    let value: ron::Value = super::ron_options()
        .from_str(text)
        .map_err(|e| StoreError::Parse {
            path: path.to_path_buf(),
            line: e.span.start.line,
            col: e.span.start.col,
            message: e.code.to_string(),
        })?;
    let migrated = migrate(T::KIND, value, found, MIGRATIONS).map_err(|m| StoreError::Parse {
        path: path.to_path_buf(),
        line: 1,
        col: 1,
        message: m,
    })?;
    migrated.into_rust::<T>().map_err(|e| StoreError::Parse {
        path: path.to_path_buf(),
        line: 1,
        col: 1,
        message: format!("after migrating from version {found}: {e}"),
    })
}

pub fn read_record<T: Record>(path: &Path) -> Result<T, StoreError> {
    let text = std::fs::read_to_string(path).map_err(|e| StoreError::io(path, e))?;
    parse_record(path, &text)
}

/// What a save did.
#[derive(Debug, Clone)]
pub struct Saved<T> {
    pub path: PathBuf,
    /// The record as it now stands on disk.
    pub value: T,
    /// Another process had changed the file since it was read; the edits were merged.
    pub merged: bool,
    /// Fields both sides changed: this save won them, and the other side's version of the
    /// whole record was kept in `conflict_copy`.
    pub conflicts: Vec<String>,
    pub conflict_copy: Option<PathBuf>,
}

/// Save `new` over `path`. `base` is the record as it was read (`None`: a new record). If the
/// file changed since, the two edits are merged field by field; nothing is silently dropped.
/// A file that does not parse is never overwritten.
pub fn save_record<T: Record>(
    root: &Path,
    path: &Path,
    base: Option<&T>,
    new: &T,
) -> Result<Saved<T>, StoreError> {
    let _lock = JournalLock::acquire(root)?;
    super::safety::check_inside(root, path)?;
    save_locked(path, base, new)
}

pub(crate) fn save_locked<T: Record>(
    path: &Path,
    base: Option<&T>,
    new: &T,
) -> Result<Saved<T>, StoreError> {
    let on_disk: Option<T> = match std::fs::read_to_string(path) {
        Ok(text) => Some(
            parse_record(path, &text).map_err(|e| StoreError::WontOverwrite {
                reason: e.to_string(),
                path: path.to_path_buf(),
            })?,
        ),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(StoreError::io(path, e)),
    };
    let mut saved = Saved {
        path: path.to_path_buf(),
        value: new.clone(),
        merged: false,
        conflicts: Vec::new(),
        conflict_copy: None,
    };
    match &on_disk {
        Some(theirs) if Some(theirs) != base && theirs != new => {
            let json =
                |v: &T| serde_json::to_value(v).map_err(|e| StoreError::Invalid(e.to_string()));
            let base_json = base.map(json).transpose()?;
            let theirs_json = json(theirs)?;
            let rule = &T::KIND.info().merge;
            let (merged, conflicts) =
                merge3_with(rule, base_json.as_ref(), &theirs_json, &json(new)?);
            let mut value: T = serde_json::from_value(merged).map_err(|e| {
                StoreError::Invalid(format!("merge produced an invalid record: {e}"))
            })?;
            value.set_version(SCHEMA_VERSION);
            if !conflicts.is_empty() {
                let copy = conflict_path(path);
                atomic_write(&copy, to_ron(theirs)?.as_bytes())?;
                saved.conflict_copy = Some(copy);
            }
            saved.merged = true;
            saved.conflicts = conflicts;
            if &value == theirs {
                saved.value = value;
                return Ok(saved);
            }
            saved.value = value;
        }
        Some(theirs) if theirs == new => return Ok(saved),
        _ => {}
    }
    atomic_write(path, to_ron(&saved.value)?.as_bytes())?;
    Ok(saved)
}

/// `meetings/2026-11-20-ab12cd.ron` -> `meetings/2026-11-20-ab12cd.conflict-20261123T101500-4242.ron`
fn conflict_path(path: &Path) -> PathBuf {
    let stem = path
        .file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
    let stamp = chrono::Local::now().format("%Y%m%dT%H%M%S%3f");
    path.with_file_name(format!(
        "{stem}.conflict-{stamp}-{}.ron",
        std::process::id()
    ))
}

/// Is this file a conflict copy kept beside its record?
pub fn is_conflict_copy(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.contains(".conflict-"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrate_walks_the_table_and_stamps_the_version() {
        fn rename_focus(v: &mut ron::Value) {
            if let ron::Value::Map(m) = v
                && let Some(x) = m.remove(&ron::Value::String("topic".into()))
            {
                m.insert(ron::Value::String("focus".into()), x);
            }
        }
        let table = [Migration {
            kind: Kind::Meeting,
            from: 0,
            apply: rename_focus,
        }];
        let old: ron::Value = ron::from_str("(version: 0, topic: \"Questioning\")").unwrap();
        let new = migrate(Kind::Meeting, old, 0, &table).unwrap();
        assert_eq!(version_of(&new), Some(SCHEMA_VERSION));
        let ron::Value::Map(m) = &new else { panic!() };
        assert!(m.get(&ron::Value::String("focus".into())).is_some());
        assert!(m.get(&ron::Value::String("topic".into())).is_none());
        let e = migrate(
            Kind::Goal,
            ron::from_str("(version: 0)").unwrap(),
            0,
            &table,
        )
        .unwrap_err();
        assert!(e.contains("no migration for a goal from version 0"), "{e}");
    }
}
