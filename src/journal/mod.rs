//! The journal core: the loaded journal and every operation on it, written once for every
//! front end (the command line, the full-screen journal, and later the SSH server).
//!
//! It owns the store handle, the journal as read (opened fast or whole, reloaded when the
//! files change), the frameworks and the undo history. Every write goes through
//! [`Journal::apply`]: one batch under the journal's lock, all files or none, the journal in
//! memory kept in step, the change remembered for undo. Operations return what happened
//! ([`Outcome`]: records changed, merges, warnings); they never move a cursor or set a
//! status line. What a reader may see is decided by [`Reader`] alone.
//!
//! Nothing here knows of the terminal, and nothing here reads the environment: the front end
//! passes today's date and the name a new journal is kept under.

mod conflicts;
pub mod demo;
pub mod import;
pub mod issuer;
pub mod keep;
mod live;
pub(crate) mod members;
mod mentee;
mod ops;
mod private;
mod reader;
pub mod report;
pub mod search;
pub mod sign;
pub mod summary;
mod ticks;
mod trash;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

pub use conflicts::{Conflict, Resolution, Side, original_of};
pub use live::describe_changes;
pub use members::{Person, check_key, key_holder, key_words};
pub use mentee::Agreeable;
pub use ops::Save;
pub use reader::{Audience, EvidenceLine, Partner, Reader};
pub use ticks::TickRequest;

use crate::framework::FrameworkSet;
use crate::store::kind::with_folder_type;
use crate::store::{
    AnyRecord, BatchError, Depth, Kind, Loaded, PartnershipData, PartnershipRecord, Record,
    Snapshot, Store, StoreError, Write,
};

/// A file's content before and after one change (`None`: no file).
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub path: PathBuf,
    pub before: Option<AnyRecord>,
    pub after: Option<AnyRecord>,
}

impl Change {
    pub fn kind(&self) -> Option<Kind> {
        self.after
            .as_ref()
            .or(self.before.as_ref())
            .map(AnyRecord::kind)
    }
}

/// A save that met another writer's edit of the same record.
#[derive(Debug, Clone, PartialEq)]
pub struct Merge {
    pub path: PathBuf,
    /// Fields both changed: this save's values were kept; the other version is in `copy`.
    pub conflicts: Vec<String>,
    pub copy: Option<PathBuf>,
}

/// What an operation did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Outcome {
    /// The operation in words, for the status line and undo ("Ticked curee/…").
    pub label: String,
    /// Every file written, with its record before and after.
    pub changes: Vec<Change>,
    /// Things the person should know (links removed, a save merged).
    pub warnings: Vec<String>,
    pub merges: Vec<Merge>,
    /// The record the operation was about (the new meeting, the edited goal).
    pub record: Option<PathBuf>,
}

impl Outcome {
    /// Collisions with another person's edit, in words.
    pub fn conflict_notes(&self) -> Vec<String> {
        self.merges
            .iter()
            .filter_map(|m| {
                let copy = m.copy.as_ref()?;
                Some(format!(
                    "{} was also changed elsewhere ({}); this edit was kept and the other is in {}",
                    file_name(&m.path),
                    m.conflicts.join(", "),
                    file_name(copy)
                ))
            })
            .collect()
    }
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
}

/// Why an operation did nothing.
#[derive(Debug, thiserror::Error)]
pub enum OpError {
    /// What was asked cannot be done as asked; the message says what to do instead.
    #[error("{0}")]
    Refused(String),
    /// The record was deleted elsewhere since it was read: the front end asks whether to
    /// restore it (`Save::restoring`) or to let the edit go.
    #[error(
        "this {noun} was deleted elsewhere since it was opened: restore it with this edit, or discard the edit"
    )]
    Gone { path: PathBuf, noun: &'static str },
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<BatchError> for OpError {
    fn from(e: BatchError) -> OpError {
        match e {
            BatchError::Store(s) => OpError::Store(s),
            BatchError::Gone { path, kind } => OpError::Gone {
                path,
                noun: kind.noun(),
            },
            other => OpError::Refused(other.to_string()),
        }
    }
}

pub type OpResult = Result<Outcome, OpError>;

/// What `undo` takes back: one operation, which may have touched several files.
#[derive(Debug, Clone, PartialEq)]
pub struct UndoEntry {
    pub label: String,
    pub changes: Vec<Change>,
}

/// The loaded journal.
pub struct Journal {
    store: Store,
    snap: Snapshot,
    frameworks: FrameworkSet,
    today: NaiveDate,
    owner_name: String,
    undo: Vec<UndoEntry>,
    redo: Vec<UndoEntry>,
    /// Counts every change to what is loaded, so front ends recompute what they derive.
    generation: u64,
    conflicts: Vec<Conflict>,
    /// What this journal last wrote to each record, to tell its user when that edit is the
    /// one kept aside in a conflict copy by another writer.
    mine: Vec<(PathBuf, AnyRecord)>,
    /// Said once when the journal opened (unfinished writes finished, leftovers removed).
    notices: Vec<String>,
    /// The member this journal writes for (`None`: its owner).
    actor: Option<String>,
    /// Members sessions act as, indexed by `MemberRef` (only grows).
    viewers: Vec<String>,
    /// Set while an operation that may change another member's record runs.
    others_records_allowed: bool,
}

impl Journal {
    fn with_snapshot(store: Store, snap: Snapshot, today: NaiveDate) -> Journal {
        let frameworks = store.frameworks();
        Journal::with_frameworks(store, snap, frameworks, today)
    }

    fn with_frameworks(
        store: Store,
        snap: Snapshot,
        frameworks: FrameworkSet,
        today: NaiveDate,
    ) -> Journal {
        let mut j = Journal {
            store,
            snap,
            frameworks,
            today,
            owner_name: String::new(),
            undo: Vec::new(),
            redo: Vec::new(),
            generation: 0,
            conflicts: Vec::new(),
            mine: Vec::new(),
            notices: Vec::new(),
            actor: None,
            viewers: Vec::new(),
            others_records_allowed: false,
        };
        j.compare_conflicts();
        j
    }

    /// Finish what a killed process left half-done before reading anything.
    fn recover(store: &Store) -> Vec<String> {
        match store.recover() {
            Ok(notes) => notes,
            Err(e) => vec![format!("could not finish an earlier unfinished write: {e}")],
        }
    }

    /// The journal made of what was read, with what the open said (`notices`): private
    /// records left in shared folders moved, the trash swept.
    fn opened(
        store: Store,
        today: NaiveDate,
        notices: Vec<String>,
        load: impl FnOnce(&Store) -> Snapshot,
    ) -> Journal {
        let (snap, frameworks) = Journal::read_beside(&store, load);
        Journal::opened_with(store, snap, frameworks, today, notices)
    }

    /// What `load` reads, with the frameworks, parsed on a thread of their own meanwhile:
    /// the user's own take a millisecond or so, which the first frame would otherwise wait
    /// for.
    pub(super) fn read_beside<T>(
        store: &Store,
        load: impl FnOnce(&Store) -> T,
    ) -> (T, FrameworkSet) {
        std::thread::scope(|scope| {
            let frameworks = std::thread::Builder::new()
                .name("frameworks".into())
                .spawn_scoped(scope, || store.frameworks());
            let read = load(store);
            let frameworks = frameworks
                .ok()
                .and_then(|t| t.join().ok())
                .unwrap_or_else(|| store.frameworks());
            (read, frameworks)
        })
    }

    /// The same, with the frameworks already read.
    fn opened_with(
        store: Store,
        snap: Snapshot,
        frameworks: FrameworkSet,
        today: NaiveDate,
        notices: Vec<String>,
    ) -> Journal {
        let mut j = Journal::with_frameworks(store, snap, frameworks, today);
        j.notices = notices;
        j.settle_private();
        j.sweep_trash();
        j
    }

    /// Open the journal, reading every record.
    pub fn open(store: Store, today: NaiveDate) -> Journal {
        let notices = Journal::recover(&store);
        Journal::opened(store, today, notices, Store::load)
    }

    /// Open fast: every partnership's summary, and the records of the first one only;
    /// `background_loaded` or `ensure_loaded` bring in the rest. (A journal whose private
    /// records may still be in its shared folders, one of an earlier version, is read whole
    /// once, to move them.)
    pub fn open_fast(store: Store, today: NaiveDate) -> Journal {
        let notices = Journal::recover(&store);
        let layout = Journal::private_layout_marked(&store);
        Journal::opened(store, today, notices, |store| {
            if layout {
                store.load_first()
            } else {
                store.load()
            }
        })
    }

    /// Open for the first screen: the records of partnership `first` (else the first one),
    /// the summaries of those within `rows` of the top or of `first`, and only the folder
    /// names of the rest (stand-ins, see [`PartnershipData::pending`]), so it costs the same
    /// on a journal of five hundred partnerships as on one of fifty. `background_loaded` or
    /// `ensure_loaded` bring in the rest.
    pub fn open_shown(store: Store, today: NaiveDate, first: Option<&str>, rows: usize) -> Journal {
        if !Journal::private_layout_marked(&store) {
            return Journal::open_fast(store, today);
        }
        let notices = Journal::recover(&store);
        Journal::opened(store, today, notices, |store| store.load_shown(first, rows))
    }

    /// Open for a command about one partnership: only the one `query` matches is read whole,
    /// so a one-line `log` on a journal of years is as quick as on a new one. A query that is
    /// a partnership's id reads nothing else; one that is a name finds it among the names
    /// kept in the cache (checked by each partnership's folder time), reading the
    /// `partnership.ron` only of those changed since.
    pub fn open_for(store: Store, today: NaiveDate, query: &str) -> Journal {
        let notices = Journal::recover(&store);
        let layout = Journal::private_layout_marked(&store);
        let mut j = Journal::opened(store, today, notices, |store| {
            if !layout {
                return store.load();
            }
            let q = query.trim().to_lowercase();
            if store.has_partnership_folder(&q) {
                store.load_for(Some(&q), |f, _| Some(f.to_string()))
            } else {
                Journal::load_by_name(store)
            }
        });
        if let Ok(id) = j
            .reader(Audience::Owner)
            .find_partner(query)
            .map(|p| p.id().to_string())
        {
            j.ensure_loaded(&id);
        }
        j
    }

    /// Every partnership by its name, from the names cache where its folder is unchanged,
    /// else from its `partnership.ron` (and the cache brought up to date).
    fn load_by_name(store: &Store) -> Snapshot {
        use crate::store::cache::{Cache, Stamper, build};
        let stamper = Stamper::new(store);
        let mut cache: Cache<String> = Cache::open(store, "names", build());
        let mut stamps = Vec::new();
        let snap = store.load_for(None, |folder, dir| {
            let stamp = stamper.stamp_folder(dir);
            let name = cache.get(folder, &stamp).cloned();
            stamps.push((folder.to_string(), stamp));
            name
        });
        for (folder, stamp) in stamps {
            if let Some(p) = snap.partnership(&folder).filter(|p| !p.pending) {
                cache.put(&folder, stamp, p.partnership.value.name.clone());
            }
        }
        let ids: Vec<&str> = snap.partnerships.iter().map(|p| p.id()).collect();
        cache.keep_only(&ids);
        let _ = cache.save(store);
        snap
    }

    /// The name a journal created by the first write is kept under.
    pub fn set_owner_name(&mut self, name: impl Into<String>) {
        self.owner_name = name.into();
    }

    pub fn set_today(&mut self, today: NaiveDate) {
        self.today = today;
    }

    pub fn today(&self) -> NaiveDate {
        self.today
    }

    pub fn root(&self) -> &Path {
        self.store.root()
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn frameworks(&self) -> &FrameworkSet {
        &self.frameworks
    }

    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// What the journal said when it opened (finished writes, removed leftovers).
    pub fn notices(&self) -> &[String] {
        &self.notices
    }

    /// The journal as `audience` may see it.
    pub fn reader(&self, audience: Audience) -> Reader<'_> {
        Reader::new(self, audience)
    }

    /// Files that could not be read (left untouched), and framework files that could not be
    /// used.
    pub fn problems(&self) -> Vec<String> {
        let mut out = self.snap.problems.clone();
        out.extend(self.framework_problems());
        out
    }

    /// Record files that could not be read (left untouched).
    pub fn file_problems(&self) -> &[String] {
        &self.snap.problems
    }

    /// User framework files that could not be used.
    pub fn framework_problems(&self) -> Vec<String> {
        self.frameworks
            .problems
            .iter()
            .map(|p| p.to_string())
            .collect()
    }

    /// Drafts of forms a stopped mentorlog was filling in (path and text), oldest first.
    pub fn form_drafts(&self) -> Vec<(PathBuf, String)> {
        crate::store::scratch::form_drafts(self.store.root())
    }

    /// Where the screen was when mentorlog last stopped (see `store::place`).
    pub fn place(&self) -> Option<String> {
        crate::store::place::read(self.store.root())
    }

    /// Keep where the screen is, for the next start.
    pub fn keep_place(&self, text: &str) -> Result<(), OpError> {
        Ok(crate::store::place::write(self.store.root(), text)?)
    }

    /// Remove a kept draft, once restored or let go.
    pub fn discard_draft(&self, path: &Path) -> Result<(), OpError> {
        Ok(crate::store::scratch::discard(self.store.root(), path)?)
    }

    /// The label of what `undo` would take back.
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|u| u.label.as_str())
    }

    // ----- loading -----

    fn changed(&mut self) {
        self.generation += 1;
    }

    /// Read the records of partnership `id` if only its summary has been read so far.
    pub fn ensure_loaded(&mut self, id: &str) {
        let Some(p) = self
            .snap
            .partnerships
            .iter_mut()
            .find(|p| p.id() == id && !p.loaded)
        else {
            return;
        };
        let (mut problems, mut conflicts) = (Vec::new(), Vec::new());
        self.store.complete(p, &mut problems, &mut conflicts);
        // A folder that turned out to hold no readable partnership is no partnership (a
        // whole read skips it too; what was wrong with its file is among the problems).
        if p.pending {
            self.snap.partnerships.retain(|p| p.id() != id);
        }
        for problem in problems {
            if !self.snap.problems.contains(&problem) {
                self.snap.problems.push(problem);
            }
        }
        self.add_conflict_paths(conflicts);
        let moved = self.move_private_records();
        self.notices.extend(moved);
        self.changed();
    }

    /// Read every partnership's records (search and whole-journal reports need them).
    pub fn ensure_all_loaded(&mut self) {
        let ids: Vec<String> = self
            .snap
            .partnerships
            .iter()
            .filter(|p| !p.loaded)
            .map(|p| p.id().to_string())
            .collect();
        for id in ids {
            self.ensure_loaded(&id);
        }
    }

    /// Whether some partnership's records are still to be read.
    pub fn loading(&self) -> bool {
        self.snap.partnerships.iter().any(|p| !p.loaded)
    }

    /// The whole journal, read in the background after the first screen: take the
    /// partnerships still unread from it (those read since are newer here).
    /// Returns the partnerships it took.
    pub fn background_loaded(&mut self, full: Snapshot) -> Vec<String> {
        let mut took = Vec::new();
        // Stand-ins for folders the whole read found no readable partnership in go.
        self.snap
            .partnerships
            .retain(|m| !m.pending || full.partnership(m.id()).is_some());
        for p in full.partnerships {
            // A summary replaces only a stand-in: one read since is newer.
            if let Some(mine) = self.snap.partnerships.iter_mut().find(|m| m.id() == p.id())
                && !mine.loaded
                && (p.loaded || mine.pending)
            {
                took.push(p.id().to_string());
                *mine = p;
            }
        }
        for problem in full.problems {
            if !self.snap.problems.contains(&problem) {
                self.snap.problems.push(problem);
            }
        }
        self.add_conflict_paths(full.conflicts);
        let moved = self.move_private_records();
        self.notices.extend(moved);
        self.changed();
        took
    }

    /// The partnerships whose records are read, while only some are (`None`: all are, and
    /// a partnership new on disk is read whole too).
    fn read_whole(&self) -> Option<std::collections::HashSet<String>> {
        self.loading().then(|| {
            self.snap
                .partnerships
                .iter()
                .filter(|p| p.loaded)
                .map(|p| p.id().to_string())
                .collect()
        })
    }

    /// Re-read from disk as much as was read: everything, or, while only some partnerships'
    /// records are read (the full screen reads those it shows), those whole and the others'
    /// summaries. Returns what changed, in words.
    pub fn reload(&mut self) -> Vec<String> {
        let whole = self.read_whole();
        let old = std::mem::take(&mut self.snap);
        self.snap = match whole {
            None => self.store.load(),
            Some(whole) => self.store.load_depths(|f| {
                if whole.contains(f) {
                    Depth::Whole
                } else {
                    Depth::Summary
                }
            }),
        };
        self.frameworks = self.store.frameworks();
        let said = describe_changes(&old, &self.snap);
        self.reread(said)
    }

    /// Re-read what the files at `paths` changed (reported by a watcher): only the
    /// partnerships they are in, so a change from another process costs the same on a
    /// journal of years as on a new one. A change elsewhere (the journal file, a framework)
    /// reads everything again. Returns what changed, in words.
    pub fn reload_changed(&mut self, paths: &[PathBuf]) -> Vec<String> {
        let root = self.store.root().to_path_buf();
        let pdir = self.store.partnerships_dir();
        let mut folders = std::collections::BTreeSet::new();
        for p in paths {
            let shared = crate::store::private::shared_path(&root, p);
            match shared
                .strip_prefix(&pdir)
                .ok()
                .and_then(|r| r.components().next())
            {
                Some(c) => folders.insert(c.as_os_str().to_string_lossy().to_string()),
                None => return self.reload(),
            };
        }
        if folders.is_empty() {
            return self.reload();
        }
        // Each changed partnership read as deep as it was: one whose records were not read
        // (nor wanted yet) has only its summary read again.
        let whole = self.read_whole();
        let fresh = self.store.load_depths(|f| match folders.contains(f) {
            false => Depth::Folder,
            true if whole.as_ref().is_none_or(|w| w.contains(f)) => Depth::Whole,
            true => Depth::Summary,
        });
        let mut old = std::mem::take(&mut self.snap);
        let touched = |text: &str| {
            folders
                .iter()
                .any(|f| text.contains(&format!("partnerships/{f}")))
        };
        // What changed is told from the partnerships touched alone, before and after.
        let mut before = Snapshot {
            journal: old.journal.clone(),
            ..Snapshot::default()
        };
        let mut after = Snapshot {
            journal: fresh.journal.clone(),
            ..Snapshot::default()
        };
        let mut snap = Snapshot {
            journal: fresh.journal,
            partnerships: Vec::new(),
            problems: old
                .problems
                .drain(..)
                .filter(|p| !touched(p))
                .chain(fresh.problems)
                .collect(),
            conflicts: old
                .conflicts
                .drain(..)
                .filter(|c| !touched(&c.display().to_string()))
                .chain(fresh.conflicts)
                .collect(),
        };
        snap.problems.dedup();
        snap.conflicts.sort();
        snap.conflicts.dedup();
        let mut rest: std::collections::HashMap<String, PartnershipData> = old
            .partnerships
            .drain(..)
            .map(|p| (p.id().to_string(), p))
            .collect();
        for p in fresh.partnerships {
            if folders.contains(p.id()) {
                if let Some(o) = rest.remove(p.id()) {
                    before.partnerships.push(o);
                }
                after.partnerships.push(p.clone());
                snap.partnerships.push(p);
            } else if let Some(o) = rest.remove(p.id()) {
                snap.partnerships.push(o);
            } else {
                snap.partnerships.push(p);
            }
        }
        // Those gone (a partnership removed elsewhere) are told too.
        before
            .partnerships
            .extend(rest.into_values().filter(|o| folders.contains(o.id())));
        self.snap = snap;
        let said = describe_changes(&before, &after);
        self.reread(said)
    }

    /// After the files were read again (`said`: what changed, in words): what else that
    /// brings. A private record written into a shared folder (by an earlier mentorlog, or a
    /// sync from one) goes to its private folder at once, and conflicts are compared again.
    fn reread(&mut self, mut said: Vec<String>) -> Vec<String> {
        said.extend(self.move_private_records());
        let before: Vec<PathBuf> = self.conflicts.iter().map(|c| c.copy.clone()).collect();
        self.compare_conflicts();
        said.extend(self.own_edits_set_aside(&before));
        self.changed();
        said
    }

    fn add_conflict_paths(&mut self, paths: Vec<PathBuf>) {
        let mut added = false;
        for c in paths {
            if !self.snap.conflicts.contains(&c) {
                self.snap.conflicts.push(c);
                added = true;
            }
        }
        if added {
            self.compare_conflicts();
        }
    }

    // ----- writing -----

    /// The one path every write takes: apply `writes` as one batch, keep the journal in
    /// memory in step, remember the change for undo.
    fn apply(&mut self, label: String, writes: Vec<Write>, prune: Vec<PathBuf>) -> OpResult {
        self.apply_keeping(label, writes, prune, &[])
    }

    /// A member (not the owner) writes only inside the partnerships they belong to (a
    /// coordinator: any partnership), never the journal file or a new partnership.
    fn member_writes_within(&self, actor: &str, writes: &[Write]) -> Result<(), OpError> {
        let journal = self.journal_value();
        let Some(m) = journal.members.iter().find(|m| m.id == actor) else {
            return Err(OpError::Refused(
                "this session's member is no longer in the journal".into(),
            ));
        };
        let root = self.store.root();
        let dir = self.store.partnerships_dir();
        // mentorlog's own folders (the trash of what they delete, pending saves) are not the
        // journal's text.
        let own = [
            root.join(".mentorlog"),
            root.join(crate::store::private::PRIVATE_DIR)
                .join(".mentorlog"),
        ];
        for w in writes
            .iter()
            .filter(|w| !own.iter().any(|o| w.path.starts_with(o)))
        {
            // Into a private folder, only their own.
            if crate::store::private::private_owner(root, &w.path).is_some_and(|m| m != actor) {
                return Err(OpError::Refused(format!(
                    "{} writes only their own private notes",
                    m.name
                )));
            }
            let shared = crate::store::private::shared_path(root, &w.path);
            let pid = shared
                .strip_prefix(&dir)
                .ok()
                .and_then(|rel| rel.components().next())
                .and_then(|c| c.as_os_str().to_str());
            let theirs = pid.is_some_and(|id| {
                m.role == crate::model::Role::Coordinator || m.partnerships.iter().any(|p| p == id)
            });
            let new_partnership = w.base.is_none() && w.path.ends_with("partnership.ron");
            if !theirs || new_partnership {
                return Err(OpError::Refused(format!(
                    "{} writes only in their own partnership in this session",
                    m.name
                )));
            }
        }
        Ok(())
    }

    /// `apply`, but the records written to `as_was` are put back exactly as they were (a
    /// restore from the trash), not stamped with who writes now.
    fn apply_keeping(
        &mut self,
        label: String,
        writes: Vec<Write>,
        prune: Vec<PathBuf>,
        as_was: &[PathBuf],
    ) -> OpResult {
        // Every record written says who wrote it (and who made it, if it is new).
        let actor = self.actor();
        let owner = self.owner_id();
        // A member other than the owner changes only what they made (the operations that
        // let a member mark another's record, such as an action item done, say so).
        if actor != owner {
            self.member_writes_within(&actor, &writes)?;
        }
        if actor != owner && !self.others_records_allowed {
            for w in &writes {
                let Some(base) = &w.base else { continue };
                let maker = base
                    .by()
                    .and_then(|b| b.created.clone())
                    .unwrap_or_else(|| owner.clone());
                if maker != actor {
                    return Err(OpError::Refused(format!(
                        "this {} is {}'s: in this session you change only what you wrote",
                        base.kind().noun(),
                        self.person_name(Some(&maker))
                    )));
                }
            }
        }
        let mut writes = writes;
        for w in &mut writes {
            let created = w.base.is_none();
            if matches!(
                w.mode,
                crate::store::batch::Mode::Save
                    | crate::store::batch::Mode::Create
                    | crate::store::batch::Mode::Move(_)
            ) && !as_was.contains(&w.path)
                && let Some(by) = w.new.as_mut().and_then(AnyRecord::by_mut)
            {
                by.stamp(&actor, created, &owner);
            }
        }
        let outcome = self.apply_quietly(label, writes, prune)?;
        if !outcome.changes.is_empty() {
            // A new change starts a new line of history: what was undone cannot be redone.
            self.redo.clear();
            self.undo.push(UndoEntry {
                label: outcome.label.clone(),
                changes: outcome.changes.clone(),
            });
        }
        Ok(outcome)
    }

    /// `apply` without an undo entry (undo itself).
    fn apply_quietly(
        &mut self,
        label: String,
        writes: Vec<Write>,
        prune: Vec<PathBuf>,
    ) -> OpResult {
        let written = self.store.apply(&writes, &prune)?;
        let mut outcome = Outcome {
            label,
            ..Outcome::default()
        };
        for w in written {
            outcome.warnings.extend(w.warnings.iter().cloned());
            if crate::store::is_conflict_copy(&w.path) {
                match w.after {
                    Some(_) => self.add_conflict_paths(vec![w.path.clone()]),
                    None => self.drop_conflict(&w.path),
                }
                continue;
            }
            if w.merged {
                outcome.merges.push(Merge {
                    path: w.path.clone(),
                    conflicts: w.conflicts.clone(),
                    copy: w.conflict_copy.clone(),
                });
            }
            self.put(&w.path, w.after.clone());
            if let Some(after) = &w.after {
                self.remember_mine(&w.path, after.clone());
            }
            if w.before != w.after {
                outcome.changes.push(Change {
                    path: w.path,
                    before: w.before,
                    after: w.after,
                });
            }
        }
        outcome.warnings.extend(outcome.conflict_notes());
        self.changed();
        Ok(outcome)
    }

    fn remember_mine(&mut self, path: &Path, value: AnyRecord) {
        self.mine.retain(|(p, _)| p != path);
        self.mine.push((path.to_path_buf(), value));
        if self.mine.len() > 256 {
            self.mine.remove(0);
        }
    }

    /// The writes that put every file of `entry` back as it was before it.
    fn reversal(entry: &UndoEntry) -> (Vec<Write>, Vec<PathBuf>) {
        let mut writes = Vec::new();
        let mut prune = Vec::new();
        for c in entry.changes.iter().rev() {
            match (&c.before, &c.after) {
                (Some(before), after) => {
                    writes.push(Write::save(c.path.clone(), after.clone(), before.clone()))
                }
                (None, Some(after)) => {
                    writes.push(Write::delete(c.path.clone(), after.clone()));
                    // Taking back a new partnership removes its folder too (only while empty).
                    if after.kind() == Kind::Partnership
                        && let Some(dir) = c.path.parent()
                    {
                        prune.push(dir.to_path_buf());
                    }
                }
                (None, None) => {}
            }
        }
        (writes, prune)
    }

    /// Take back the last operation (every file it touched, as one batch); `redo` puts it
    /// back.
    pub fn undo(&mut self) -> OpResult {
        let Some(entry) = self.undo.pop() else {
            return Err(OpError::Refused("Nothing to undo".into()));
        };
        let (writes, prune) = Journal::reversal(&entry);
        match self.apply_quietly(format!("Undone: {}", entry.label), writes, prune) {
            Ok(o) => {
                self.redo.push(UndoEntry {
                    label: entry.label,
                    changes: o.changes.clone(),
                });
                Ok(o)
            }
            Err(e) => {
                let msg = format!("Could not undo {}: {e}", entry.label);
                self.undo.push(entry);
                Err(OpError::Refused(msg))
            }
        }
    }

    /// Make again what the last undo took back.
    pub fn redo(&mut self) -> OpResult {
        let Some(entry) = self.redo.pop() else {
            return Err(OpError::Refused("Nothing to redo".into()));
        };
        let (writes, prune) = Journal::reversal(&entry);
        match self.apply_quietly(format!("Redone: {}", entry.label), writes, prune) {
            Ok(o) => {
                self.undo.push(UndoEntry {
                    label: entry.label,
                    changes: o.changes.clone(),
                });
                Ok(o)
            }
            Err(e) => {
                let msg = format!("Could not redo {}: {e}", entry.label);
                self.redo.push(entry);
                Err(OpError::Refused(msg))
            }
        }
    }

    /// Bring the journal in memory in line with a file that now holds `value` (`None`:
    /// removed).
    fn put(&mut self, path: &Path, value: Option<AnyRecord>) {
        let kind = value
            .as_ref()
            .map(AnyRecord::kind)
            .or_else(|| Kind::of_path(self.store.root(), path));
        match (kind, value) {
            (Some(Kind::Journal), Some(AnyRecord::Journal(j))) => {
                self.snap.journal = Some(Loaded {
                    path: path.to_path_buf(),
                    value: j,
                });
            }
            (Some(Kind::Journal), None) => self.snap.journal = None,
            (Some(Kind::Partnership), Some(AnyRecord::Partnership(v))) => {
                match self.owner_mut(path) {
                    Some(p) => {
                        p.partnership.value = v;
                        p.pending = false;
                    }
                    None => {
                        let dir = path.parent().unwrap_or(path).to_path_buf();
                        let mut p = PartnershipData::new(
                            dir,
                            Loaded {
                                path: path.to_path_buf(),
                                value: v,
                            },
                        );
                        // New here: nothing else of it to read.
                        p.loaded = true;
                        self.snap.partnerships.push(p);
                        self.snap.partnerships.sort_by(|a, b| a.dir.cmp(&b.dir));
                    }
                }
            }
            (Some(Kind::Partnership), None) => {
                self.snap
                    .partnerships
                    .retain(|p| p.partnership.path != path);
            }
            (Some(kind), v) => {
                with_folder_type!(kind, T => self.upsert(path, v.and_then(T::from_any)), _ => {})
            }
            _ => {}
        }
    }

    fn owner_mut(&mut self, path: &Path) -> Option<&mut PartnershipData> {
        self.snap
            .partnerships
            .iter_mut()
            .find(|p| p.holds(self.store.root(), path))
    }

    fn upsert<T: PartnershipRecord>(&mut self, path: &Path, value: Option<T>) {
        let Some(p) = self.owner_mut(path) else {
            return;
        };
        let list = T::list_mut(p);
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
        list.sort_by(|a, b| T::order(&a.value, &b.value));
    }

    // ----- looking things up for operations (whole journal: operations see everything) -----

    fn data(&self, pid: &str) -> Result<&PartnershipData, OpError> {
        match self.snap.partnership(pid) {
            None => Err(OpError::Refused(format!("there is no partnership '{pid}'"))),
            // A stand-in is never written from: its record is not read yet.
            Some(p) if p.pending => Err(OpError::Refused(format!(
                "the partnership '{pid}' is still being read: try again in a moment"
            ))),
            Some(p) => Ok(p),
        }
    }
}

#[cfg(test)]
mod tests;
