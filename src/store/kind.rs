//! The one table of record kinds: for each kind of record a journal keeps, the folder it lives
//! in, how its file is named, the order it is listed in, and the rule its edits merge by. The
//! store's loader, the journal core, live reload and conflict copies all read it, so a new
//! kind of record is one row here and one impl below.

use std::cmp::Ordering;
use std::path::{Path, PathBuf};

use super::record::{Record, read_record};
use super::{Loaded, PartnershipData, StoreError};
use crate::model::{Goal, Journal, Meeting, Partnership, Reflection, StageRecord, TickSheet};

/// Every kind of record.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Kind {
    Journal,
    Partnership,
    Meeting,
    Goal,
    Reflection,
    Stage,
    Ticks,
}

/// How the edits of one kind merge (see `merge::merge3`): lists of records named here merge
/// record by record on their key field, whatever their length; every other field merges as
/// a value (maps key by key, plain lists as sets).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MergeRule {
    /// `(field, key)`: the list at `field` (a dotted path) holds records told apart by `key`.
    pub keyed_lists: &'static [(&'static str, &'static str)],
    /// Lists of records without a key that merge as sets (each side's additions kept).
    pub set_lists: &'static [&'static str],
}

/// One row of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KindInfo {
    pub kind: Kind,
    /// What one record is called in messages: "meeting", "goal", ...
    pub noun: &'static str,
    /// The plural, for counts ("3 meetings").
    pub plural: &'static str,
    /// The folder inside a partnership's folder (`None`: a fixed file, see `file`).
    pub folder: Option<&'static str>,
    /// The fixed file name of a one-per-place record.
    pub file: Option<&'static str>,
    pub merge: MergeRule,
}

const PLAIN: MergeRule = MergeRule {
    keyed_lists: &[],
    set_lists: &[],
};

/// The table. Order is the order kinds are listed and reported in.
pub const KINDS: &[KindInfo] = &[
    KindInfo {
        kind: Kind::Journal,
        noun: "journal",
        plural: "journals",
        folder: None,
        file: Some("journal.ron"),
        merge: PLAIN,
    },
    KindInfo {
        kind: Kind::Partnership,
        noun: "partnership",
        plural: "partnerships",
        folder: None,
        file: Some("partnership.ron"),
        merge: MergeRule {
            keyed_lists: &[
                ("evaluation.answers", "statement"),
                ("agreement.agreed", "by"),
                ("thoughts", "id"),
                ("signatures", "id"),
            ],
            set_lists: &[],
        },
    },
    KindInfo {
        kind: Kind::Meeting,
        noun: "meeting",
        plural: "meetings",
        folder: Some("meetings"),
        file: None,
        merge: MergeRule {
            keyed_lists: &[("action_items", "id")],
            set_lists: &[],
        },
    },
    KindInfo {
        kind: Kind::Goal,
        noun: "goal",
        plural: "goals",
        folder: Some("goals"),
        file: None,
        merge: MergeRule {
            keyed_lists: &[("agreed", "by"), ("comments", "id")],
            set_lists: &["reviews"],
        },
    },
    KindInfo {
        kind: Kind::Reflection,
        noun: "reflection",
        plural: "reflections",
        folder: Some("reflections"),
        file: None,
        merge: PLAIN,
    },
    KindInfo {
        kind: Kind::Stage,
        noun: "stage record",
        plural: "stage records",
        folder: Some("stages"),
        file: None,
        merge: MergeRule {
            keyed_lists: &[("verifications", "name")],
            set_lists: &[],
        },
    },
    KindInfo {
        kind: Kind::Ticks,
        noun: "tick sheet",
        plural: "tick sheets",
        folder: Some("ticks"),
        file: None,
        merge: PLAIN,
    },
];

impl Kind {
    pub fn info(self) -> &'static KindInfo {
        KINDS.iter().find(|k| k.kind == self).unwrap_or(&KINDS[0])
    }

    pub fn noun(self) -> &'static str {
        self.info().noun
    }

    /// The kinds kept one to a file in a partnership's sub-folders.
    pub fn in_folders() -> impl Iterator<Item = &'static KindInfo> {
        KINDS.iter().filter(|k| k.folder.is_some())
    }

    /// Which kind of record a file under the data directory holds, from where it is.
    /// Conflict copies (`NAME.conflict-….ron`) are of their record's kind.
    pub fn of_path(root: &Path, path: &Path) -> Option<Kind> {
        // A private record is of the kind it would be in the shared folders.
        let shared = super::private::shared_path(root, path);
        let rel = shared.strip_prefix(root).ok()?;
        let parts: Vec<&str> = rel.iter().filter_map(|c| c.to_str()).collect();
        let name = *parts.last()?;
        let stem = super::record::conflict_stem(name).unwrap_or(name);
        if super::private::private_owner(root, path).is_some() {
            // Only records of a partnership's folders are kept privately.
            return match parts.as_slice() {
                ["partnerships", _, folder, _] => in_folder(folder),
                _ => None,
            };
        }
        match parts.as_slice() {
            [_] if stem == "journal" || stem == "journal.ron" => Some(Kind::Journal),
            ["partnerships", _, _] if stem.starts_with("partnership") => Some(Kind::Partnership),
            ["partnerships", _, folder, _] => in_folder(folder),
            _ => None,
        }
    }
}

fn in_folder(folder: &str) -> Option<Kind> {
    KINDS
        .iter()
        .find(|k| k.folder == Some(folder))
        .map(|k| k.kind)
}

/// A record kept one to a file in a partnership's folder: where its file goes, which list of
/// the loaded partnership holds it, and the order of that list.
pub trait PartnershipRecord: Record {
    /// The file name of this record in its kind's folder (or the fixed name).
    fn file_name(&self) -> String;
    fn list(p: &PartnershipData) -> &Vec<Loaded<Self>>;
    fn list_mut(p: &mut PartnershipData) -> &mut Vec<Loaded<Self>>;
    /// The order records are listed in.
    fn order(a: &Self, b: &Self) -> Ordering;
    fn wrap(self) -> AnyRecord;
    fn unwrap(r: &AnyRecord) -> Option<&Self>;
    /// Who created the record and who last changed it.
    fn by(&self) -> &crate::model::By;
}

fn dated(date: chrono::NaiveDate, id: &str) -> String {
    format!("{}-{id}.ron", date.format("%Y-%m-%d"))
}

/// A `PartnershipRecord` impl: the kind's type, its `AnyRecord` variant, the list of the
/// loaded partnership that holds it, its file name and its order.
macro_rules! partnership_record {
    ($t:ty, $variant:ident, $list:ident, |$r:ident| $file:expr, |$a:ident, $b:ident| $order:expr) => {
        impl PartnershipRecord for $t {
            fn file_name(&self) -> String {
                let $r = self;
                $file
            }
            fn list(p: &PartnershipData) -> &Vec<Loaded<Self>> {
                &p.$list
            }
            fn list_mut(p: &mut PartnershipData) -> &mut Vec<Loaded<Self>> {
                &mut p.$list
            }
            fn order($a: &Self, $b: &Self) -> Ordering {
                $order
            }
            fn wrap(self) -> AnyRecord {
                AnyRecord::$variant(self)
            }
            fn unwrap(r: &AnyRecord) -> Option<&Self> {
                match r {
                    AnyRecord::$variant(v) => Some(v),
                    _ => None,
                }
            }
            fn by(&self) -> &crate::model::By {
                &self.by
            }
        }
    };
}

// Meetings and reflections newest first; goals in the order they were set.
partnership_record!(
    Meeting,
    Meeting,
    meetings,
    |m| dated(m.date, &m.id),
    |a, b| (b.date, b.time, &b.id).cmp(&(a.date, a.time, &a.id))
);
partnership_record!(Goal, Goal, goals, |g| dated(g.created, &g.id), |a, b| (
    a.created, &a.id
)
    .cmp(&(b.created, &b.id)));
partnership_record!(
    Reflection,
    Reflection,
    reflections,
    |r| dated(r.date, &r.id),
    |a, b| (b.date, &b.id).cmp(&(a.date, &a.id))
);
partnership_record!(
    StageRecord,
    Stage,
    stages,
    |s| format!("{}-{}.ron", s.framework, s.stage),
    |a, b| (&a.framework, &a.stage).cmp(&(&b.framework, &b.stage))
);
partnership_record!(
    TickSheet,
    Ticks,
    ticks,
    |t| format!("{}.ron", t.framework),
    |a, b| a.framework.cmp(&b.framework)
);

/// One record of any kind.
#[derive(Debug, Clone, PartialEq)]
pub enum AnyRecord {
    Journal(Journal),
    Partnership(Partnership),
    Meeting(Meeting),
    Goal(Goal),
    Reflection(Reflection),
    Stage(StageRecord),
    Ticks(TickSheet),
}

/// Run `$body` with `$T` the record type of kind `$kind`: code written once for every kind.
macro_rules! with_record_type {
    ($kind:expr, $T:ident => $body:expr) => {
        match $kind {
            $crate::store::Kind::Journal => {
                type $T = $crate::model::Journal;
                $body
            }
            $crate::store::Kind::Partnership => {
                type $T = $crate::model::Partnership;
                $body
            }
            $crate::store::Kind::Meeting => {
                type $T = $crate::model::Meeting;
                $body
            }
            $crate::store::Kind::Goal => {
                type $T = $crate::model::Goal;
                $body
            }
            $crate::store::Kind::Reflection => {
                type $T = $crate::model::Reflection;
                $body
            }
            $crate::store::Kind::Stage => {
                type $T = $crate::model::StageRecord;
                $body
            }
            $crate::store::Kind::Ticks => {
                type $T = $crate::model::TickSheet;
                $body
            }
        }
    };
}
pub(crate) use with_record_type;

/// `with_record_type!` for the kinds kept one to a file in a partnership's folders (those
/// that are [`PartnershipRecord`]s); `$other` for the rest.
macro_rules! with_folder_type {
    ($kind:expr, $T:ident => $body:expr, _ => $other:expr) => {
        match $kind {
            $crate::store::Kind::Meeting => {
                type $T = $crate::model::Meeting;
                $body
            }
            $crate::store::Kind::Goal => {
                type $T = $crate::model::Goal;
                $body
            }
            $crate::store::Kind::Reflection => {
                type $T = $crate::model::Reflection;
                $body
            }
            $crate::store::Kind::Stage => {
                type $T = $crate::model::StageRecord;
                $body
            }
            $crate::store::Kind::Ticks => {
                type $T = $crate::model::TickSheet;
                $body
            }
            $crate::store::Kind::Journal | $crate::store::Kind::Partnership => $other,
        }
    };
}
pub(crate) use with_folder_type;

/// Run `$body` with `$v` bound to the record inside `$r`, whatever its kind.
macro_rules! each_record {
    ($r:expr, $v:ident => $body:expr) => {
        match $r {
            AnyRecord::Journal($v) => $body,
            AnyRecord::Partnership($v) => $body,
            AnyRecord::Meeting($v) => $body,
            AnyRecord::Goal($v) => $body,
            AnyRecord::Reflection($v) => $body,
            AnyRecord::Stage($v) => $body,
            AnyRecord::Ticks($v) => $body,
        }
    };
}
pub(crate) use each_record;

impl AnyRecord {
    pub fn kind(&self) -> Kind {
        match self {
            AnyRecord::Journal(_) => Kind::Journal,
            AnyRecord::Partnership(_) => Kind::Partnership,
            AnyRecord::Meeting(_) => Kind::Meeting,
            AnyRecord::Goal(_) => Kind::Goal,
            AnyRecord::Reflection(_) => Kind::Reflection,
            AnyRecord::Stage(_) => Kind::Stage,
            AnyRecord::Ticks(_) => Kind::Ticks,
        }
    }

    /// The record as JSON (the shape merges and comparisons work on).
    pub fn to_json(&self) -> serde_json::Value {
        each_record!(self, v => serde_json::to_value(v).unwrap_or_default())
    }

    /// Who created and last changed the record (the journal file has none).
    pub fn by(&self) -> Option<&crate::model::By> {
        match self {
            AnyRecord::Journal(_) => None,
            AnyRecord::Partnership(r) => Some(&r.by),
            AnyRecord::Meeting(r) => Some(&r.by),
            AnyRecord::Goal(r) => Some(&r.by),
            AnyRecord::Reflection(r) => Some(&r.by),
            AnyRecord::Stage(r) => Some(&r.by),
            AnyRecord::Ticks(r) => Some(&r.by),
        }
    }

    pub fn by_mut(&mut self) -> Option<&mut crate::model::By> {
        match self {
            AnyRecord::Journal(_) => None,
            AnyRecord::Partnership(r) => Some(&mut r.by),
            AnyRecord::Meeting(r) => Some(&mut r.by),
            AnyRecord::Goal(r) => Some(&mut r.by),
            AnyRecord::Reflection(r) => Some(&mut r.by),
            AnyRecord::Stage(r) => Some(&mut r.by),
            AnyRecord::Ticks(r) => Some(&mut r.by),
        }
    }

    /// Whether the record is marked private to its author.
    pub fn is_private(&self) -> bool {
        match self {
            AnyRecord::Meeting(m) => m.private,
            AnyRecord::Reflection(r) => r.private,
            _ => false,
        }
    }

    /// Read the record of kind `kind` at `path`.
    pub fn read(kind: Kind, path: &Path) -> Result<AnyRecord, StoreError> {
        with_record_type!(kind, T => Ok(read_record::<T>(path)?.into_any()))
    }
}

/// Where a record of a partnership's folder `dir` is stored.
pub fn path_in(dir: &Path, kind: Kind, file_name: &str) -> PathBuf {
    match kind.info().folder {
        Some(folder) => dir.join(folder).join(file_name),
        None => dir.join(file_name),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_one_row_and_a_place() {
        for k in [
            Kind::Journal,
            Kind::Partnership,
            Kind::Meeting,
            Kind::Goal,
            Kind::Reflection,
            Kind::Stage,
            Kind::Ticks,
        ] {
            assert_eq!(KINDS.iter().filter(|i| i.kind == k).count(), 1, "{k:?}");
            let i = k.info();
            assert!(i.folder.is_some() != i.file.is_some(), "{k:?}");
        }
    }

    #[test]
    fn a_path_tells_its_kind_conflict_copies_included() {
        let root = Path::new("/j");
        let of = |p: &str| Kind::of_path(root, &root.join(p));
        assert_eq!(of("journal.ron"), Some(Kind::Journal));
        assert_eq!(
            of("journal.conflict-20261123T101500123-42-1.ron"),
            Some(Kind::Journal)
        );
        assert_eq!(
            of("partnerships/sam/partnership.ron"),
            Some(Kind::Partnership)
        );
        assert_eq!(
            of("partnerships/sam/partnership.conflict-1-2-3.ron"),
            Some(Kind::Partnership)
        );
        assert_eq!(
            of("partnerships/sam/meetings/2026-11-20-ab12cd.ron"),
            Some(Kind::Meeting)
        );
        assert_eq!(of("partnerships/sam/ticks/curee.ron"), Some(Kind::Ticks));
        assert_eq!(
            of("partnerships/sam/stages/ljmu-developing.ron"),
            Some(Kind::Stage)
        );
        assert_eq!(of("partnerships/sam/notes/x.ron"), None);
        assert_eq!(
            of("private/jo/partnerships/sam/meetings/2026-11-20-ab12cd.ron"),
            Some(Kind::Meeting)
        );
        assert_eq!(
            of("private/jo/partnerships/sam/reflections/2026-11-20-ab12cd.conflict-1-2-3.ron"),
            Some(Kind::Reflection)
        );
        assert_eq!(of("private/jo/journal.ron"), None);
        assert_eq!(of("private/.mentorlog/trash/x.ron"), None);
        assert_eq!(of("frameworks/mine.ron"), None);
    }
}
