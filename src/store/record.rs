//! Reading and saving one record file: schema versions, migrations, positioned parse errors,
//! and the changed-since-read check with a field-by-field merge.

use std::path::{Path, PathBuf};

use ron::ser::PrettyConfig;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::io::DataDir;
use super::kind::{AnyRecord, Kind};
use super::{Store, StoreError};
use crate::model::{
    Goal, Journal, Meeting, Partnership, Reflection, SCHEMA_VERSION, StageRecord, TickSheet,
};

/// A record type stored one to a file.
pub trait Record: Serialize + DeserializeOwned + Clone + PartialEq {
    /// What the file holds: its row in the table of kinds.
    const KIND: Kind;
    fn version(&self) -> u32;
    fn set_version(&mut self, v: u32);
    fn into_any(self) -> AnyRecord;
    fn from_any(r: AnyRecord) -> Option<Self>;
}

macro_rules! record {
    ($t:ty, $kind:expr, $variant:ident) => {
        impl Record for $t {
            const KIND: Kind = $kind;
            fn into_any(self) -> AnyRecord {
                AnyRecord::$variant(self)
            }
            fn from_any(r: AnyRecord) -> Option<Self> {
                match r {
                    AnyRecord::$variant(v) => Some(v),
                    _ => None,
                }
            }
            fn version(&self) -> u32 {
                self.version
            }
            fn set_version(&mut self, v: u32) {
                self.version = v;
            }
        }
    };
}

record!(Journal, Kind::Journal, Journal);
record!(Partnership, Kind::Partnership, Partnership);
record!(Meeting, Kind::Meeting, Meeting);
record!(Goal, Kind::Goal, Goal);
record!(Reflection, Kind::Reflection, Reflection);
record!(StageRecord, Kind::Stage, Stage);
record!(TickSheet, Kind::Ticks, Ticks);

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
    crate::model::text::check_no_bom(text).map_err(|e| text_error(path, e))?;
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

fn text_error(path: &Path, e: crate::model::text::TextError) -> StoreError {
    StoreError::Parse {
        path: path.to_path_buf(),
        line: e.line,
        col: e.col,
        message: e.message,
    }
}

/// A record file's bytes as text: UTF-8 without a byte-order mark, else a positioned error.
pub fn record_text<'b>(path: &Path, bytes: &'b [u8]) -> Result<&'b str, StoreError> {
    crate::model::text::decode_utf8(bytes).map_err(|e| text_error(path, e))
}

/// Read the record file at `path` as given (a file the user named). It must be a plain file:
/// a FIFO, socket or device is refused at once. Records inside the data directory are read
/// with [`read_record_in`] or [`Store::read`], which never follow a link out of it.
pub fn read_record<T: Record>(path: &Path) -> Result<T, StoreError> {
    let bytes = super::io::read_plain_file(path)?;
    parse_record(path, record_text(path, &bytes)?)
}

/// Read the record at `path` inside the data directory `root`, never through a link that
/// leads out of it, and only if it is a plain file.
pub fn read_record_in<T: Record>(root: &Path, path: &Path) -> Result<T, StoreError> {
    read_from(&DataDir::open(root)?, path)
}

pub(crate) fn read_from<T: Record>(data: &DataDir, path: &Path) -> Result<T, StoreError> {
    let bytes = data.read(path)?;
    parse_record(path, record_text(path, &bytes)?)
}

impl Store {
    /// Read one record of this journal (see [`read_record_in`]).
    pub fn read<T: Record>(&self, path: &Path) -> Result<T, StoreError> {
        read_record_in(self.root(), path)
    }

    /// Remove a file of this journal (a conflict copy once resolved), under the lock, never
    /// through a link. `Ok(Some(warning))`: removed, but the folder could not be flushed.
    pub fn remove_file(&self, path: &Path) -> Result<Option<String>, StoreError> {
        let _lock = self.lock()?;
        DataDir::open(self.root())?.remove(path)
    }
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
    /// The save is made, but something short of an error happened (its folder could not be
    /// flushed to disk): tell the user, and do not save again.
    pub warnings: Vec<String>,
}

/// Is this file a conflict copy kept beside its record (mentorlog's own, or one another sync
/// tool made: see [`conflict_stem`])?
pub fn is_conflict_copy(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| conflict_stem(n).is_some())
}

/// The name (without `.ron`) of the record the conflict copy named `name` belongs to, or
/// `None` when `name` is no conflict copy. Three families are known:
/// - mentorlog's own: `2026-11-20-ab12cd.conflict-20261123T101500-4242-1.ron`;
/// - Syncthing's: `2026-11-20-ab12cd.sync-conflict-20261123-101500-ABCDEFG.ron`;
/// - Dropbox's (and Nextcloud's, worded the same):
///   `2026-11-20-ab12cd (Jo Taylor's conflicted copy 2026-11-23).ron`.
pub fn conflict_stem(name: &str) -> Option<&str> {
    let base = name.strip_suffix(".ron").unwrap_or(name);
    if let Some(i) = base.find(".sync-conflict-") {
        return Some(&base[..i]);
    }
    if let Some(i) = base.find(".conflict-") {
        return Some(&base[..i]);
    }
    let i = base.find(" (")?;
    let tail = &base[i..];
    (tail.ends_with(')') && tail.to_ascii_lowercase().contains("conflicted copy"))
        .then(|| &base[..i])
        .filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Meeting;

    fn store() -> (tempfile::TempDir, Store, crate::store::PartnershipData) {
        let t = tempfile::tempdir().unwrap();
        let store = Store::new(t.path().join("j"));
        let p = Partnership {
            signatures: Vec::new(),
            by: Default::default(),
            version: SCHEMA_VERSION,
            id: String::new(),
            name: "Sam".into(),
            institution: None,
            kind: crate::model::PartnershipKind::Induction,
            pathway: crate::model::Pathway::RoleFocused,
            focus: None,
            start: chrono::NaiveDate::from_ymd_opt(2026, 9, 1).unwrap(),
            end: None,
            cadence_days: 14,
            rhythm: Default::default(),
            frameworks: vec![],
            status: crate::model::PartnershipStatus::Active,
            agreement: None,
            thoughts: Vec::new(),
            evaluation: None,
        };
        store.create_partnership(p).unwrap();
        let sam = store.load().partnerships.remove(0);
        (t, store, sam)
    }

    #[test]
    fn a_rename_that_succeeded_is_a_save_even_if_the_folder_fsync_fails() {
        let (_t, store, sam) = store();
        let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        let m = Meeting::new("abc123".into(), day);
        super::super::io::fail_dir_sync(true);
        let created = store.create_meeting(&sam, &m);
        let mut changed = m.clone();
        changed.focus = "Questioning".into();
        let saved = created
            .as_ref()
            .ok()
            .map(|c| store.save_at(&c.path, Some(&m), &changed));
        let second = store.create_meeting(&sam, &Meeting::new("def456".into(), day));
        super::super::io::fail_dir_sync(false);

        let created = created.expect("create_in is a save");
        assert_eq!(created.warnings.len(), 1, "{:?}", created.warnings);
        assert!(created.warnings[0].contains("could not be flushed"));
        assert!(created.warnings[0].contains("injected fsync failure"));
        let saved = saved.unwrap().expect("save_at is a save");
        assert_eq!(saved.warnings.len(), 1, "{:?}", saved.warnings);
        assert_eq!(read_record::<Meeting>(&created.path).unwrap(), changed);
        assert_eq!(second.expect("a second one too").warnings.len(), 1);
        // Without the fault, no warning.
        let again = store.save_at(&created.path, Some(&changed), &m).unwrap();
        assert!(again.warnings.is_empty(), "{:?}", again.warnings);
    }

    #[test]
    fn conflict_copies_of_every_sync_tool_name_their_record() {
        for (name, stem) in [
            (
                "2026-11-20-ab.conflict-20261123T101500-42-1.ron",
                "2026-11-20-ab",
            ),
            (
                "2026-11-20-ab.sync-conflict-20261123-101500-ABCDEFG.ron",
                "2026-11-20-ab",
            ),
            (
                "2026-11-20-ab (Jo Taylor's conflicted copy 2026-11-23).ron",
                "2026-11-20-ab",
            ),
            ("journal (conflicted copy 2026-11-23 101500).ron", "journal"),
        ] {
            assert_eq!(conflict_stem(name), Some(stem), "{name}");
        }
        for name in [
            "2026-11-20-ab.ron",
            "journal.ron",
            "2026-11-20-ab (notes).ron",
            " (conflicted copy).ron",
        ] {
            assert_eq!(conflict_stem(name), None, "{name}");
        }
    }

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
