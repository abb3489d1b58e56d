//! The data directory (DESIGN.md section 5): where it is, how it is laid out (the table of
//! record kinds in `kind`), reading it whole (a broken file is reported and skipped, never
//! overwritten), and writing it through one path: a batch (`batch`), all files or none,
//! confined to the data directory (`io`), under the journal's lock (`lock`). Nothing above the
//! store touches the files; the journal core (`crate::journal`) is the store's one writer.
//!
//! ```text
//! journal.ron                         the profile
//! frameworks/*.ron                    the user's own frameworks
//! partnerships/ID/partnership.ron     the partnership, its agreement and evaluation
//! partnerships/ID/meetings/DATE-ID.ron
//! partnerships/ID/goals/DATE-ID.ron
//! partnerships/ID/reflections/DATE-ID.ron
//! partnerships/ID/stages/FRAMEWORK-STAGE.ron
//! partnerships/ID/ticks/FRAMEWORK.ron
//! .mentorlog.lock                     the lock, naming the process that holds it
//! .mentorlog/pending/                 plans of batches not yet finished
//! .mentorlog/private-layout           says the private records were moved out of the shared folders
//! private/MEMBER/partnerships/ID/...  MEMBER's private meetings and reflections, same layout (0700)
//! private/.mentorlog/pending/         plans of unfinished batches that touch a private record
//! private/.mentorlog/trash/           deletes that took a private record
//! private/.mentorlog/edit/, drafts/   notes being written in $EDITOR, and forms' drafts kept
//! ```
//!
//! `private/` is never shared (see `private`): whoever reads the rest reads no private text.

pub mod batch;
pub mod cache;
mod io;
pub mod kind;
mod lock;
pub mod merge;
pub mod place;
pub mod private;
mod record;
pub mod safety;
pub mod scratch;
pub mod server;
pub mod trash;
pub mod watch;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

pub use batch::{BatchError, Mode, Write, Written};
pub use io::{DataDir, atomic_write, ensure_dir, ensure_dir_in, read_plain_file};
pub use kind::{AnyRecord, KINDS, Kind, KindInfo, MergeRule, PartnershipRecord};
pub use lock::{JournalLock, LOCK_FILE, LOCK_TIMEOUT, WaitNotice};
pub use record::{
    MIGRATIONS, Migration, Record, Saved, conflict_stem, is_conflict_copy, migrate, parse_record,
    read_record, read_record_in, record_text, to_ron,
};

pub use crate::model::ron_options;
use crate::model::{
    Goal, Journal, Meeting, Partnership, Reflection, SCHEMA_VERSION, StageRecord, TickSheet,
    new_id, slug,
};

/// The frameworks of a folder of framework files (the bundled ones beside them), read as plain
/// files. For a folder outside a journal; a journal's own are `Store::frameworks`.
pub fn frameworks_in(dir: &Path) -> crate::framework::FrameworkSet {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "ron"))
                .collect()
        })
        .unwrap_or_default();
    paths.sort();
    let files = paths
        .into_iter()
        .map(|p| {
            let bytes = read_plain_file(&p).map_err(|e| e.to_string());
            (p, bytes)
        })
        .collect();
    crate::framework::FrameworkSet::with_user_files(files)
}

/// Check one framework file (`mentorlog framework check`), read as a plain file.
pub fn check_framework_file(
    path: &Path,
) -> Result<crate::framework::Framework, crate::framework::FrameworkError> {
    let bytes = read_plain_file(path).map_err(|e| e.to_string());
    crate::framework::check_file(path, bytes)
}

/// Environment variable naming the data directory.
pub const DIR_ENV: &str = "MENTORLOG_DIR";

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A file operation that failed: the file it was about (for a save, the record saved, never
    /// a temporary file) and what failed. The message says the failure once: the I/O error is
    /// part of it, not a source an error chain would print again.
    #[error("{path}: {error}")]
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    #[error("{}:{line}:{col}: {message}", path.display())]
    Parse {
        path: PathBuf,
        line: usize,
        col: usize,
        message: String,
    },
    #[error(
        "{}: written by a newer mentorlog (schema version {found}; this one reads up to {supported}): \
         upgrade mentorlog to open it; the file is left untouched",
        path.display()
    )]
    NewerVersion {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    #[error(
        "will not overwrite {} because it does not parse ({reason}); fix or move that file, then try again",
        path.display()
    )]
    WontOverwrite { path: PathBuf, reason: String },
    #[error("{0}")]
    Invalid(String),
}

impl StoreError {
    pub fn io(path: &Path, error: std::io::Error) -> StoreError {
        StoreError::Io {
            path: path.to_path_buf(),
            error,
        }
    }
}

/// Pick the data directory: `--data-dir`, then `$MENTORLOG_DIR`, then the platform's data dir.
pub fn resolve_data_dir(flag: Option<&Path>) -> Result<PathBuf, StoreError> {
    if let Some(p) = flag {
        return Ok(p.to_path_buf());
    }
    if let Some(p) = std::env::var_os(DIR_ENV).filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    directories::ProjectDirs::from("", "", "mentorlog")
        .map(|d| d.data_dir().to_path_buf())
        .ok_or_else(|| {
            StoreError::Invalid(format!(
                "cannot find a home directory for the journal: pass --data-dir DIR or set {DIR_ENV}"
            ))
        })
}

/// A record and the file it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded<T> {
    pub path: PathBuf,
    pub value: T,
}

/// Everything one partnership folder holds.
#[derive(Debug, Clone)]
pub struct PartnershipData {
    pub dir: PathBuf,
    pub partnership: Loaded<Partnership>,
    /// Newest first.
    pub meetings: Vec<Loaded<Meeting>>,
    pub goals: Vec<Loaded<Goal>>,
    pub reflections: Vec<Loaded<Reflection>>,
    pub stages: Vec<Loaded<StageRecord>>,
    pub ticks: Vec<Loaded<TickSheet>>,
    /// False while only `partnership.ron` has been read (for a fast first screen);
    /// `Store::complete` reads the rest.
    pub loaded: bool,
    /// Meeting dates from the file names, for a partnership not yet loaded.
    pub listed_dates: Vec<NaiveDate>,
    /// Only its folder is known so far (a first screen on a journal of many partnerships
    /// reads only the ones it shows): `partnership` is a stand-in named after the folder,
    /// never saved, until `Store::complete` reads `partnership.ron`.
    pub pending: bool,
}

impl PartnershipData {
    /// The dates of its meetings, whether loaded or only listed.
    pub fn meeting_dates(&self) -> Vec<NaiveDate> {
        if self.loaded {
            self.meetings.iter().map(|m| m.value.date).collect()
        } else {
            self.listed_dates.clone()
        }
    }

    pub fn id(&self) -> &str {
        &self.partnership.value.id
    }

    /// Let its records go, keeping what a summary read holds (`partnership.ron` and its
    /// meeting dates): `Store::complete` reads them again when they are wanted.
    pub fn unload(&mut self) {
        if !self.loaded {
            return;
        }
        self.listed_dates = self.meeting_dates();
        self.meetings = Vec::new();
        self.goals = Vec::new();
        self.reflections = Vec::new();
        self.stages = Vec::new();
        self.ticks = Vec::new();
        self.loaded = false;
    }

    pub fn tick_sheet(&self, framework: &str) -> Option<&Loaded<TickSheet>> {
        self.ticks.iter().find(|t| t.value.framework == framework)
    }

    pub fn is_ticked(&self, framework: &str, item: &str) -> bool {
        self.tick_sheet(framework)
            .is_some_and(|s| s.value.ticks.contains_key(item))
    }

    /// Whether the record file at `path` is one of this partnership's (in its folder, or in
    /// a member's private folder for it).
    pub fn holds(&self, root: &Path, path: &Path) -> bool {
        private::shared_path(root, path).starts_with(&self.dir)
    }

    pub fn meeting(&self, id: &str) -> Option<&Loaded<Meeting>> {
        self.meetings.iter().find(|m| m.value.id == id)
    }

    /// Where a new tick sheet for `framework` goes.
    pub fn tick_path(&self, framework: &str) -> PathBuf {
        self.dir.join("ticks").join(format!("{framework}.ron"))
    }
}

/// How much of a partnership a read takes in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Depth {
    /// Every record.
    Whole,
    /// `partnership.ron` and the dates of its meetings (from their file names).
    Summary,
    /// Only that its folder is there.
    Folder,
    /// Only its folder, and its name as a cache remembers it (for finding it by name).
    Named(String),
}

impl PartnershipData {
    /// A partnership whose `partnership.ron` is read, none of its records yet.
    pub fn new(dir: PathBuf, partnership: Loaded<Partnership>) -> PartnershipData {
        PartnershipData {
            dir,
            partnership,
            meetings: Vec::new(),
            goals: Vec::new(),
            reflections: Vec::new(),
            stages: Vec::new(),
            ticks: Vec::new(),
            loaded: false,
            listed_dates: Vec::new(),
            pending: false,
        }
    }

    /// A partnership known only by its folder (see [`PartnershipData::pending`]).
    fn pending(dir: PathBuf, path: PathBuf, folder: String) -> PartnershipData {
        let stand_in = Partnership {
            by: Default::default(),
            version: crate::model::SCHEMA_VERSION,
            name: folder.clone(),
            id: folder,
            institution: None,
            kind: crate::model::PartnershipKind::ALL[0],
            pathway: crate::model::Pathway::RoleFocused,
            focus: None,
            start: NaiveDate::default(),
            end: None,
            cadence_days: 0,
            rhythm: Default::default(),
            frameworks: Vec::new(),
            status: crate::model::PartnershipStatus::Active,
            agreement: None,
            evaluation: None,
            thoughts: Vec::new(),
            signatures: Vec::new(),
        };
        let mut p = PartnershipData::new(
            dir,
            Loaded {
                path,
                value: stand_in,
            },
        );
        p.pending = true;
        p
    }
}

/// The whole journal as read from disk, with whatever could not be read.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    pub journal: Option<Loaded<Journal>>,
    pub partnerships: Vec<PartnershipData>,
    /// Files that could not be read; everything else loaded.
    pub problems: Vec<String>,
    /// Conflict copies waiting for the user to resolve.
    pub conflicts: Vec<PathBuf>,
}

impl Snapshot {
    pub fn partnership(&self, id: &str) -> Option<&PartnershipData> {
        self.partnerships.iter().find(|p| p.id() == id)
    }
}

/// A journal's data directory. (Debug, the lock and its builders are in `lock.rs`.)
#[derive(Clone)]
pub struct Store {
    root: PathBuf,
    /// Told when a save waits for another process's lock (`with_wait_notice`).
    wait_notice: Option<WaitNotice>,
    /// How long a save waits for that lock before giving up (`with_lock_timeout`).
    lock_timeout: std::time::Duration,
}

impl Store {
    pub fn new(root: impl Into<PathBuf>) -> Store {
        Store {
            root: root.into(),
            wait_notice: None,
            lock_timeout: LOCK_TIMEOUT,
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn journal_path(&self) -> PathBuf {
        self.root.join("journal.ron")
    }

    /// When the file at `path` in this journal was last modified (never through a link that
    /// leads out of it). Every save writes a record's file anew, so this rises with each.
    pub fn modified(&self, path: &Path) -> Option<std::time::SystemTime> {
        DataDir::open(&self.root).ok()?.modified(path)
    }

    pub fn frameworks_dir(&self) -> PathBuf {
        self.root.join("frameworks")
    }

    pub fn partnerships_dir(&self) -> PathBuf {
        self.root.join("partnerships")
    }

    /// Read the whole journal. Never fails on a bad file: it is listed in `problems`.
    pub fn load(&self) -> Snapshot {
        self.load_with(|_, _| Depth::Whole)
    }

    /// A fast first read: every partnership's `partnership.ron` and meeting dates, but the
    /// records of only the first partnership. `complete` reads the rest.
    pub fn load_first(&self) -> Snapshot {
        self.load_with(|i, _| if i == 0 { Depth::Whole } else { Depth::Summary })
    }

    /// The first screen's read: the records of `first` (or of the first partnership), the
    /// summaries of the `rows` partnerships the list shows with it (the top ones, or the
    /// `rows` up to `first`),
    /// and for every other only its folder's name ([`PartnershipData::pending`]). What it
    /// costs does not grow with the number of partnerships beyond one folder listing.
    pub fn load_shown(&self, first: Option<&str>, rows: usize) -> Snapshot {
        // Where `first` is among the folders, found in the read's own listing (a second
        // listing of 500 folders took about 0.4 ms).
        self.load_listed(|dirs| {
            let a = first
                .and_then(|f| {
                    dirs.iter()
                        .position(|d| d.file_name() == Some(std::ffi::OsStr::new(f)))
                })
                .unwrap_or(0);
            move |i, _| {
                // The list's rows on screen: the top ones, or those ending at `first` when
                // it is further down (the list scrolls to keep the chosen one in view, at
                // the bottom).
                let near = if a < rows {
                    i < rows
                } else {
                    i + rows > a && i <= a
                };
                if a == i {
                    Depth::Whole
                } else if near {
                    Depth::Summary
                } else {
                    Depth::Folder
                }
            }
        })
    }

    /// Read every partnership whose folder `whole` chooses whole, and only the folders of
    /// the others ([`PartnershipData::pending`]). `whole` is given every partnership folder,
    /// sorted, and says of each in turn (so that it may look at them all at once, on
    /// several threads); one it says nothing of is read whole.
    pub fn load_choosing(&self, whole: impl FnOnce(&[PathBuf]) -> Vec<bool>) -> Snapshot {
        self.load_listed(|dirs| {
            let whole = whole(dirs);
            move |i: usize, _: &str| {
                if whole.get(i).copied().unwrap_or(true) {
                    Depth::Whole
                } else {
                    Depth::Folder
                }
            }
        })
    }

    /// Read the partnership in folder `only` whole and, of every other, only its folder and
    /// the name `name(folder name, folder)` remembers for it, or else its summary.
    pub fn load_for(
        &self,
        only: Option<&str>,
        mut name: impl FnMut(&str, &Path) -> Option<String>,
    ) -> Snapshot {
        let dir = self.partnerships_dir();
        self.load_with(|_, folder| {
            if only == Some(folder) {
                return Depth::Whole;
            }
            match name(folder, &dir.join(folder)) {
                Some(n) => Depth::Named(n),
                None => Depth::Summary,
            }
        })
    }

    /// Whether `name` is among [`Store::partnership_folders`], told by one look at the folder
    /// rather than a listing of them all (at 10 times the demo journal a listing of 500
    /// folders takes about 0.4 ms, and a command on one partnership lists them once more).
    pub fn has_partnership_folder(&self, name: &str) -> bool {
        // A listing holds no hidden name, and no name that leads out of the folder.
        if name.is_empty() || name.starts_with('.') || name.contains(['/', '\0']) {
            return false;
        }
        DataDir::open(&self.root).is_ok_and(|f| f.folderish(&self.partnerships_dir().join(name)))
    }

    /// The names of the partnership folders, sorted as a read takes them.
    pub fn partnership_folders(&self) -> Vec<String> {
        let Ok(files) = DataDir::open(&self.root) else {
            return Vec::new();
        };
        let mut out: Vec<String> = list(&files, &self.partnerships_dir(), &mut Vec::new(), true)
            .iter()
            .filter_map(|d| Some(d.file_name()?.to_string_lossy().into_owned()))
            .collect();
        out.sort();
        out
    }

    /// The journal file alone (profile, members, settings) as it is on disk now; `None` when
    /// there is none yet.
    pub fn read_journal(&self) -> Result<Option<Journal>, StoreError> {
        let files = match DataDir::open(&self.root) {
            Ok(d) => d,
            Err(e) if not_found(&e) => return Ok(None),
            Err(e) => return Err(e),
        };
        match record::read_from::<Journal>(&files, &self.journal_path()) {
            Ok(j) => Ok(Some(j)),
            Err(e) if not_found(&e) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Reads the journal, each partnership (by its place among the sorted folders and its
    /// folder's name) as deep as `depth` says.
    fn load_with(&self, depth: impl FnMut(usize, &str) -> Depth) -> Snapshot {
        self.load_listed(|_| depth)
    }

    /// The same, with `depth` made from the sorted partnership folders.
    fn load_listed<D: FnMut(usize, &str) -> Depth>(
        &self,
        depth_of: impl FnOnce(&[PathBuf]) -> D,
    ) -> Snapshot {
        let mut snap = Snapshot::default();
        let files = match DataDir::open(&self.root) {
            Ok(d) => d,
            Err(StoreError::Io { error, .. }) if error.kind() == std::io::ErrorKind::NotFound => {
                return snap;
            }
            Err(e) => {
                snap.problems.push(e.to_string());
                return snap;
            }
        };
        let jp = self.journal_path();
        match record::read_from::<Journal>(&files, &jp) {
            Ok(j) => snap.journal = Some(Loaded { path: jp, value: j }),
            Err(e) if not_found(&e) => {}
            Err(e) => snap.problems.push(e.to_string()),
        }
        snap.conflicts
            .extend(conflict_copies(&files, &self.root, "journal"));
        let homes = private::homes(&files, &mut snap.problems);
        let mut dirs = list(&files, &self.partnerships_dir(), &mut snap.problems, true);
        dirs.sort();
        // The partnerships to read beyond their `partnership.ron` (see `read_deep`).
        let mut deep = Vec::new();
        let mut depth = depth_of(&dirs);
        for (i, dir) in dirs.into_iter().enumerate() {
            let pp = dir.join("partnership.ron");
            let folder = dir
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default()
                .to_string();
            let depth = depth(i, &folder);
            if let Depth::Folder | Depth::Named(_) = depth {
                let mut p = PartnershipData::pending(dir, pp, folder);
                if let Depth::Named(name) = depth {
                    p.partnership.value.name = name;
                }
                snap.partnerships.push(p);
                continue;
            }
            let partnership = match record::read_from::<Partnership>(&files, &pp) {
                Ok(p) => Loaded { path: pp, value: p },
                Err(e) if not_found(&e) => continue,
                Err(e) => {
                    snap.problems.push(format!(
                        "{e} (the partnership in {} is skipped until this is fixed)",
                        dir.display()
                    ));
                    continue;
                }
            };
            if let Some(first) = snap
                .partnerships
                .iter()
                .find(|p| p.id() == partnership.value.id)
            {
                snap.problems.push(format!(
                    "{} and {} both hold the partnership id '{}': the second is not shown until \
                     one of them is given another id (a partnership's id is its folder's name)",
                    first.partnership.path.display(),
                    partnership.path.display(),
                    partnership.value.id
                ));
                continue;
            }
            deep.push((snap.partnerships.len(), depth == Depth::Whole));
            snap.partnerships
                .push(PartnershipData::new(dir, partnership));
        }
        self.read_deep(&files, &homes, &mut snap, &deep);
        snap
    }

    /// The reads beyond `partnership.ron` of the partnerships at `deep` (their place in
    /// `snap`, and whether each is read whole or only its meeting dates listed). The first
    /// screen reads one partnership whole and lists the meetings of the rest it shows, each
    /// about as long as the other: on two threads, when there is enough for two. What they
    /// find wrong is told in the partnerships' order, whichever thread read them.
    fn read_deep(
        &self,
        files: &DataDir,
        homes: &[PathBuf],
        snap: &mut Snapshot,
        deep: &[(usize, bool)],
    ) {
        type Found = (usize, Vec<String>, Vec<PathBuf>);
        let read = |items: Vec<(usize, bool, &mut PartnershipData)>| -> Vec<Found> {
            items
                .into_iter()
                .map(|(at, whole, data)| {
                    let (mut problems, mut conflicts) = (Vec::new(), Vec::new());
                    if whole {
                        self.complete(data, &mut problems, &mut conflicts);
                    } else {
                        data.listed_dates =
                            self.meeting_dates(files, homes, &data.dir, &mut problems);
                    }
                    (at, problems, conflicts)
                })
                .collect()
        };
        let mut wanted = deep.iter().copied().peekable();
        let mut items = Vec::new();
        for (at, data) in snap.partnerships.iter_mut().enumerate() {
            if let Some((_, whole)) = wanted.next_if(|(i, _)| *i == at) {
                items.push((at, whole, data));
            }
        }
        // The whole reads on one side and the listings on the other; else half each.
        let (mut one, mut other): (Vec<_>, Vec<_>) = items.into_iter().partition(|i| i.1);
        if one.is_empty() || other.is_empty() {
            let all = if one.is_empty() { &mut other } else { &mut one };
            let rest = all.split_off(all.len() / 2);
            (one, other) = (std::mem::take(all), rest);
        }
        let mut found: Vec<Found> = if one.is_empty() || other.is_empty() {
            read(one.into_iter().chain(other).collect())
        } else {
            let one = std::sync::Mutex::new(one);
            let take = || std::mem::take(&mut *one.lock().unwrap_or_else(|e| e.into_inner()));
            std::thread::scope(|scope| {
                let beside = std::thread::Builder::new().spawn_scoped(scope, || read(take()));
                let mut found = read(other);
                match beside {
                    Ok(thread) => found.extend(
                        thread
                            .join()
                            .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                    ),
                    // No thread to be had: what it was to read is read here.
                    Err(_) => found.extend(read(take())),
                }
                found
            })
        };
        found.sort_by_key(|f| f.0);
        for (_, problems, conflicts) in found {
            snap.problems.extend(problems);
            snap.conflicts.extend(conflicts);
        }
    }

    /// The dates of partnership `dir`'s meetings, from their files' names (in its own
    /// folder, then in each private folder of `homes`), conflict copies aside.
    fn meeting_dates(
        &self,
        files: &DataDir,
        homes: &[PathBuf],
        dir: &Path,
        problems: &mut Vec<String>,
    ) -> Vec<NaiveDate> {
        let mut places = vec![dir.join("meetings")];
        places.extend(
            homes
                .iter()
                .map(|h| in_home(&self.root, h, dir).join("meetings")),
        );
        let mut dates = Vec::new();
        for place in &places {
            let entries = match files.entries(place) {
                Ok(e) => e,
                Err(e) => {
                    problems.push(e.to_string());
                    continue;
                }
            };
            dates.extend(
                entries
                    .iter()
                    .filter(|(name, folderish)| {
                        !folderish
                            && !name.starts_with('.')
                            && name.ends_with(".ron")
                            && conflict_stem(name).is_none()
                    })
                    .filter_map(|(name, _)| name_date(name)),
            );
        }
        dates
    }

    /// Read each partnership as deep as `depth(folder name)` says.
    pub fn load_depths(&self, mut depth: impl FnMut(&str) -> Depth) -> Snapshot {
        self.load_with(|_, folder| depth(folder))
    }

    /// Read every record of a partnership read by `load_first`.
    pub fn complete(
        &self,
        data: &mut PartnershipData,
        problems: &mut Vec<String>,
        conflicts: &mut Vec<PathBuf>,
    ) {
        let mut snap = Snapshot::default();
        match DataDir::open(&self.root) {
            Ok(files) if data.pending => {
                match record::read_from::<Partnership>(&files, &data.partnership.path) {
                    Ok(p) => {
                        data.partnership.value = p;
                        data.pending = false;
                    }
                    // No partnership there after all (an empty folder: a whole read skips
                    // it too), or a broken one: said, and it stays a stand-in.
                    Err(e) => {
                        if !not_found(&e) {
                            problems.push(format!(
                                "{e} (the partnership in {} is skipped until this is fixed)",
                                data.dir.display()
                            ));
                        }
                        return;
                    }
                }
                self.complete(data, problems, conflicts);
                return;
            }
            Ok(files) => {
                // Copies of partnership.ron are found with its records (a fast open lists
                // only what the first screen needs).
                snap.conflicts
                    .extend(conflict_copies(&files, &data.dir, "partnership"));
                // The same folders in every member's private folder (problems with those
                // folders themselves are said once, by the whole read).
                let homes: Vec<PathBuf> = private::homes(&files, &mut Vec::new())
                    .iter()
                    .map(|h| in_home(&self.root, h, &data.dir))
                    .collect();
                for info in Kind::in_folders() {
                    kind::with_folder_type!(
                        info.kind,
                        T => load_kind::<T>(&files, data, &homes, &mut snap),
                        _ => {}
                    );
                }
            }
            Err(e) => snap.problems.push(e.to_string()),
        }
        data.loaded = true;
        data.listed_dates.clear();
        problems.extend(snap.problems);
        conflicts.extend(snap.conflicts);
    }

    /// The user's own framework files (`frameworks/*.ron`), read safely, for the framework
    /// layer to parse.
    pub fn user_framework_files(&self) -> Vec<(PathBuf, crate::framework::FileBytes)> {
        let dir = self.frameworks_dir();
        let Ok(data) = DataDir::open(&self.root) else {
            return Vec::new();
        };
        let mut names: Vec<String> = data
            .entries(&dir)
            .unwrap_or_default()
            .into_iter()
            // A conflict copy of a framework (from a sync) is not a second framework.
            .filter(|(n, folder)| {
                !folder && n.ends_with(".ron") && !n.starts_with('.') && conflict_stem(n).is_none()
            })
            .map(|(n, _)| n)
            .collect();
        names.sort();
        names
            .into_iter()
            .map(|n| {
                let path = dir.join(n);
                let bytes = data.read(&path).map_err(|e| e.to_string());
                (path, bytes)
            })
            .collect()
    }

    /// The bundled frameworks and the user's own.
    pub fn frameworks(&self) -> crate::framework::FrameworkSet {
        crate::framework::FrameworkSet::with_user_files(self.user_framework_files())
    }

    /// Apply a batch of writes: all of them, or (when any cannot be written as asked) none.
    pub fn apply(&self, writes: &[Write], prune: &[PathBuf]) -> Result<Vec<Written>, BatchError> {
        batch::apply(self, writes, prune)
    }

    /// Put right what a killed process left: finish its unfinished batches and remove its
    /// temporary files. Returns what was done, in words.
    pub fn recover(&self) -> Result<Vec<String>, StoreError> {
        if !self.root.is_dir() {
            return Ok(Vec::new());
        }
        let lock = self.lock()?;
        let stopped = lock.previous_holder_stopped();
        let (finished, removed) = batch::recover_locked(&DataDir::open(&self.root)?, stopped)?;
        let mut said = scratch::recover(&self.root);
        if finished > 0 {
            said.push(format!(
                "finished {finished} change{} that a mentorlog stopped in the middle of saving",
                if finished == 1 { "" } else { "s" }
            ));
        }
        if removed > 0 {
            said.push(format!(
                "removed {removed} temporary file{} left by a mentorlog that was stopped while saving",
                if removed == 1 { "" } else { "s" }
            ));
        }
        Ok(said)
    }

    /// One record through the one write path (a batch of one), as a `Saved`.
    fn save_one<T: Record>(&self, w: Write) -> Result<Saved<T>, StoreError> {
        let path = w.path.clone();
        let written = self.apply(&[w], &[]).map_err(BatchError::into_store)?;
        let main = written
            .iter()
            .find(|x| x.path == path)
            .ok_or_else(|| StoreError::Invalid(format!("{} was not written", path.display())))?;
        let value =
            main.after.clone().and_then(T::from_any).ok_or_else(|| {
                StoreError::Invalid(format!("{} holds another kind", path.display()))
            })?;
        Ok(Saved {
            path,
            value,
            merged: main.merged,
            conflicts: main.conflicts.clone(),
            conflict_copy: main.conflict_copy.clone(),
            warnings: written.iter().flat_map(|x| x.warnings.clone()).collect(),
        })
    }

    /// Create or update `journal.ron`.
    pub fn save_journal(
        &self,
        base: Option<&Journal>,
        new: &Journal,
    ) -> Result<Saved<Journal>, StoreError> {
        self.save_at(&self.journal_path(), base, new)
    }

    /// Save a changed record over its file, merging with any change made since it was read.
    pub fn save<T: Record>(&self, loaded: &Loaded<T>, new: &T) -> Result<Saved<T>, StoreError> {
        self.save_at(&loaded.path, Some(&loaded.value), new)
    }

    /// Save a record to a path that may not exist yet (tick sheets, stage records).
    pub fn save_at<T: Record>(
        &self,
        path: &Path,
        base: Option<&T>,
        new: &T,
    ) -> Result<Saved<T>, StoreError> {
        let w = Write::save(
            path.to_path_buf(),
            base.cloned().map(Record::into_any),
            new.clone().into_any(),
        );
        self.save_one(w)
    }

    /// Create a new partnership folder; the id is the name's slug, made unique.
    pub fn create_partnership(&self, mut p: Partnership) -> Result<Saved<Partnership>, StoreError> {
        let data = DataDir::create(&self.root)?;
        let base = match slug(&p.name) {
            s if s.is_empty() => format!("p-{}", new_id()),
            s => s,
        };
        let mut id = base.clone();
        let mut n = 2;
        while data.exists(&self.partnerships_dir().join(&id)) {
            id = format!("{base}-{n}");
            n += 1;
        }
        p.id = id.clone();
        p.version = SCHEMA_VERSION;
        let path = self.partnerships_dir().join(&id).join("partnership.ron");
        self.save_one(Write::create(path, AnyRecord::Partnership(p)))
    }

    /// Write a new record into `dir` as `PREFIX-ID.ron`, never over an existing file; a
    /// private one into the same folder of its author's private folder (the maker it names,
    /// else the journal's owner).
    pub fn create_in<T: Record>(
        &self,
        dir: &Path,
        prefix: &str,
        id: &str,
        value: &T,
    ) -> Result<Saved<T>, StoreError> {
        let r = value.clone().into_any();
        let author = r
            .is_private()
            .then(|| r.by().and_then(|b| b.created.clone()))
            .map(|maker| maker.unwrap_or_else(|| self.owner_id()));
        let path = private::place(
            &self.root,
            &dir.join(format!("{prefix}-{id}.ron")),
            author.as_deref(),
        )?;
        self.save_one(Write::create(path, r))
    }

    /// The owner's member id, as `journal.ron` says.
    pub fn owner_id(&self) -> String {
        let journal = self.read::<Journal>(&self.journal_path()).ok();
        crate::model::owner_id(journal.as_ref().map(|j| &j.profile), "")
    }

    pub fn create_meeting(
        &self,
        p: &PartnershipData,
        m: &Meeting,
    ) -> Result<Saved<Meeting>, StoreError> {
        self.create_in(&p.dir.join("meetings"), &date_stem(m.date), &m.id, m)
    }

    pub fn create_goal(&self, p: &PartnershipData, g: &Goal) -> Result<Saved<Goal>, StoreError> {
        self.create_in(&p.dir.join("goals"), &date_stem(g.created), &g.id, g)
    }

    pub fn create_reflection(
        &self,
        p: &PartnershipData,
        r: &Reflection,
    ) -> Result<Saved<Reflection>, StoreError> {
        self.create_in(&p.dir.join("reflections"), &date_stem(r.date), &r.id, r)
    }

    /// Remove a record's file, unless it changed since it was read (then nothing is removed).
    pub fn delete<T: Record>(&self, loaded: &Loaded<T>) -> Result<(), StoreError> {
        let w = Write::delete(loaded.path.clone(), loaded.value.clone().into_any());
        match self.apply(&[w], &[]) {
            Ok(_) | Err(BatchError::Gone { .. }) => Ok(()),
            Err(e) => Err(e.into_store()),
        }
    }
}

fn date_stem(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn not_found(e: &StoreError) -> bool {
    matches!(e, StoreError::Io { error, .. } if error.kind() == std::io::ErrorKind::NotFound)
}

/// Entries of `dir` (sub-directories, or links that may lead to one, or `.ron` files),
/// skipping hidden and temporary files. Read inside the data directory only.
fn list(data: &DataDir, dir: &Path, problems: &mut Vec<String>, dirs: bool) -> Vec<PathBuf> {
    let entries = match data.entries(dir) {
        Ok(e) => e,
        Err(e) => {
            problems.push(e.to_string());
            return Vec::new();
        }
    };
    entries
        .into_iter()
        .filter(|(name, folderish)| {
            !name.starts_with('.')
                && if dirs {
                    *folderish
                } else {
                    name.ends_with(".ron")
                }
        })
        .map(|(name, _)| dir.join(name))
        .collect()
}

/// The date a meeting's file name begins with (`2026-11-20-….ron`), read without a parser
/// where it is written as mentorlog writes it, else as chrono reads the first ten
/// characters.
fn name_date(name: &str) -> Option<NaiveDate> {
    let b = name.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        b.get(r)?.iter().try_fold(0u32, |n, &d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    if b.get(4) == Some(&b'-')
        && b.get(7) == Some(&b'-')
        && let (Some(y), Some(m), Some(d)) = (digits(0..4), digits(5..7), digits(8..10))
    {
        return NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d);
    }
    name.get(..10)?.parse::<NaiveDate>().ok()
}

/// The folder of the partnership at `dir` in the private folder `home`.
pub(super) fn in_home(root: &Path, home: &Path, dir: &Path) -> PathBuf {
    home.join(dir.strip_prefix(root).unwrap_or(dir))
}

/// Read every record of kind `T` of a partnership (its own folder, then the same folder in
/// each private folder of `homes`), in the kind's order.
fn load_kind<T: PartnershipRecord>(
    files: &DataDir,
    data: &mut PartnershipData,
    homes: &[PathBuf],
    snap: &mut Snapshot,
) {
    let folder = T::KIND.info().folder.unwrap_or_default();
    let mut list = load_all::<T>(files, &data.dir.join(folder), snap);
    for home in homes {
        list.extend(load_all::<T>(files, &home.join(folder), snap));
    }
    list.sort_by(|a, b| T::order(&a.value, &b.value));
    // Held for as long as the journal is open: no room kept for records not there.
    list.shrink_to_fit();
    *T::list_mut(data) = list;
}

/// The conflict copies of the fixed file `stem.ron` in `dir` (`partnership`, `journal`), by
/// mentorlog or by another sync tool (see `conflict_stem`).
fn conflict_copies(files: &DataDir, dir: &Path, stem: &str) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = files
        .entries(dir)
        .unwrap_or_default()
        .into_iter()
        .filter(|(n, folder)| !folder && n.ends_with(".ron") && conflict_stem(n) == Some(stem))
        .map(|(n, _)| dir.join(n))
        .collect();
    found.sort();
    found
}

fn load_all<T: Record>(data: &DataDir, dir: &Path, snap: &mut Snapshot) -> Vec<Loaded<T>> {
    let mut out = Vec::new();
    for path in list(data, dir, &mut snap.problems, false) {
        if is_conflict_copy(&path) {
            snap.conflicts.push(path);
            continue;
        }
        match record::read_from::<T>(data, &path) {
            Ok(value) => out.push(Loaded { path, value }),
            Err(e) => snap.problems.push(e.to_string()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A meeting's date from its file name is what chrono reads of the name's first ten
    /// characters, whatever the name.
    #[test]
    fn a_meetings_date_from_its_name_is_chronos() {
        let names = [
            "2026-11-20-ab12cd.ron",
            "2026-02-30-x.ron",
            "2026-13-01.ron",
            "0000-01-01.ron",
            "2026-1-01-x.ron",
            "+2026-01-0.ron",
            "2026-01-01",
            "2026-01-0",
            "é026-01-01.ron",
            "2026-01-é1.ron",
            "",
            "notes.ron",
            "2026/01/01.ron",
        ];
        for name in names {
            let chrono = name.get(..10).and_then(|d| d.parse::<NaiveDate>().ok());
            assert_eq!(name_date(name), chrono, "{name:?}");
        }
    }

    /// One look at a folder says what a listing of the partnership folders says of a name.
    #[test]
    fn a_partnership_folder_is_told_as_the_listing_tells_it() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        let ps = dir.path().join("partnerships");
        for d in ["sam-lee", ".hidden", "back\\slash"] {
            std::fs::create_dir_all(ps.join(d)).unwrap();
        }
        std::fs::write(ps.join("a-file"), "").unwrap();
        std::fs::create_dir_all(dir.path().join("outside")).unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(dir.path().join("outside"), ps.join("a-link")).unwrap();
        let listed = store.partnership_folders();
        for name in [
            "sam-lee",
            ".hidden",
            "back\\slash",
            "a-file",
            "a-link",
            "missing",
            "",
            ".",
            "..",
            "../outside",
            "sam-lee/",
            "sam-lee/meetings",
            "outside",
        ] {
            assert_eq!(
                store.has_partnership_folder(name),
                listed.iter().any(|l| l == name),
                "{name:?} (listed: {listed:?})"
            );
        }
        assert!(store.has_partnership_folder("sam-lee"));
    }
}
