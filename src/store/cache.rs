//! A cache beside the journal, derived from it and never its source of truth: what a
//! command worked out about each partnership (its status summary, its search text), kept so
//! that the next command need not read and parse the partnership's files again.
//!
//! Each entry is checked against the disk by its partnership's folder stamps: the
//! modification times of its folder, of each record kind's folder, and of the same folders
//! in each member's private folder. Every save renames a file into its folder, so any
//! change to a partnership's files changes one of those times; checking them costs a dozen
//! `stat`s, not a read of the files. An entry whose stamps differ is not used, and the files
//! are read instead.
//!
//! A folder changed within the last two seconds is not trusted: a file system's clock ticks
//! coarsely, so a second change in the same tick would leave the time as it was. Such an
//! entry is not kept, and the next command works it out again.
//!
//! The cache holds private text (a search index has the notes), so it lives with the other
//! private working files, in `private/.mentorlog/cache/` (0700, files 0600). A missing,
//! truncated or garbled cache file, or one written by another build of mentorlog, reads as
//! empty. Several processes may write it at once: each replaces the whole file atomically,
//! and every entry is checked on use, so the worst is that one process's additions are lost.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::io::DataDir;
use super::kind::Kind;
use super::{Store, private};

/// Where the cache files are.
pub const CACHE_DIR: &str = "private/.mentorlog/cache";

/// Raised when what a cache file holds changes shape or meaning.
const FORMAT: u32 = 1;

/// How recent a folder's change may be and still be trusted (see the module's note).
const RACY: Duration = Duration::from_secs(2);

/// A partnership's folder stamps: each folder's modification time in nanoseconds since
/// 1970, 0 for a folder that is not there.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp(Vec<u128>);

impl Stamp {
    /// Changed so recently that the time may not show a second change yet.
    fn racy(&self, now: SystemTime) -> bool {
        let now = nanos(now);
        self.0.iter().any(|&t| t != 0 && t + RACY.as_nanos() > now)
    }
}

fn nanos(t: SystemTime) -> u128 {
    t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos())
}

/// Takes folder stamps in one data directory.
pub struct Stamper {
    files: Option<DataDir>,
    root: PathBuf,
    homes: Vec<PathBuf>,
}

impl Stamper {
    pub fn new(store: &Store) -> Stamper {
        let files = DataDir::open(store.root()).ok();
        let homes = files
            .as_ref()
            .map(|f| private::homes(f, &mut Vec::new()))
            .unwrap_or_default();
        Stamper {
            files,
            root: store.root().to_path_buf(),
            homes,
        }
    }

    fn time(&self, dir: &Path) -> u128 {
        self.files
            .as_ref()
            .and_then(|f| f.modified(dir))
            .map_or(0, nanos)
    }

    /// The stamps of the partnership in folder `dir` (taken before its files are read, so
    /// that a change while they are read shows as a difference next time).
    pub fn stamp(&self, dir: &Path) -> Stamp {
        let mut out = Vec::new();
        let mut add = |d: &Path| {
            out.push(self.time(d));
            for folder in Kind::in_folders().filter_map(|k| k.folder) {
                out.push(self.time(&d.join(folder)));
            }
        };
        add(dir);
        for home in &self.homes {
            add(&super::in_home(&self.root, home, dir));
        }
        Stamp(out)
    }

    /// The stamp of folder `dir` alone (a partnership's own record is renamed into it).
    pub fn stamp_folder(&self, dir: &Path) -> Stamp {
        Stamp(vec![self.time(dir)])
    }

    /// The modification time of one file or folder, as text for a cache's context.
    pub fn file(&self, path: &Path) -> String {
        self.time(path).to_string()
    }
}

#[derive(Serialize, Deserialize)]
struct Entry<T> {
    stamp: Stamp,
    value: T,
}

#[derive(Serialize, Deserialize)]
struct CacheFile<T> {
    format: u32,
    context: String,
    entries: BTreeMap<String, Entry<T>>,
}

/// One cache file: an entry per partnership id, valid while its stamp holds and while the
/// context (what else the entries depend on: the day, the frameworks, this build) is the same.
pub struct Cache<T> {
    path: PathBuf,
    context: String,
    entries: BTreeMap<String, Entry<T>>,
    changed: bool,
    now: SystemTime,
}

impl<T: Serialize + DeserializeOwned> Cache<T> {
    /// The cache `name` of the journal in `store`, for entries made in `context`.
    pub fn open(store: &Store, name: &str, context: String) -> Cache<T> {
        let path = store.root().join(CACHE_DIR).join(format!("{name}.json"));
        let entries = DataDir::open(store.root())
            .and_then(|f| f.read(&path))
            .ok()
            .and_then(|bytes| serde_json::from_slice::<CacheFile<T>>(&bytes).ok())
            .filter(|c| c.format == FORMAT && c.context == context)
            .map(|c| c.entries)
            .unwrap_or_default();
        Cache {
            path,
            context,
            entries,
            changed: false,
            now: SystemTime::now(),
        }
    }

    /// The entry for partnership `id`, if its folders are as they were when it was made.
    pub fn get(&self, id: &str, stamp: &Stamp) -> Option<&T> {
        self.entries
            .get(id)
            .filter(|e| &e.stamp == stamp)
            .map(|e| &e.value)
    }

    /// Keep `value` for partnership `id`, worked out from its files as they were at `stamp`
    /// (not kept when a folder changed too recently to be sure of).
    pub fn put(&mut self, id: &str, stamp: Stamp, value: T) {
        if self.entries.get(id).is_some_and(|e| e.stamp == stamp) {
            return; // made from the same files: the same
        }
        if stamp.racy(self.now) {
            if self.entries.remove(id).is_some() {
                self.changed = true;
            }
            return;
        }
        self.entries.insert(id.to_string(), Entry { stamp, value });
        self.changed = true;
    }

    /// Forget the partnerships not in `ids` (removed since).
    pub fn keep_only(&mut self, ids: &[&str]) {
        let before = self.entries.len();
        self.entries.retain(|id, _| ids.contains(&id.as_str()));
        self.changed |= self.entries.len() != before;
    }

    /// Write the cache back if anything changed. A cache that cannot be written is only
    /// slower next time: the failure is returned for a note, never an error.
    pub fn save(self, store: &Store) -> Option<String> {
        if !self.changed {
            return None;
        }
        let file = CacheFile {
            format: FORMAT,
            context: self.context,
            entries: self.entries,
        };
        let bytes = serde_json::to_vec(&file).ok()?;
        let files = DataDir::create(store.root()).ok()?;
        files.write(&self.path, &bytes).err().map(|e| e.to_string())
    }
}

/// This build of mentorlog, for entries that depend on nothing else.
pub fn build() -> String {
    let exe = std::env::current_exe()
        .ok()
        .and_then(|p| std::fs::metadata(p).ok())
        .map(|m| format!("{}:{}", m.len(), m.modified().map_or(0, nanos)))
        .unwrap_or_default();
    format!("{} {exe}", env!("CARGO_PKG_VERSION"))
}

/// What every cache entry depends on besides its partnership's folders: this build of
/// mentorlog (a new one may work things out differently), the journal file (members, keys)
/// and the user's frameworks.
pub fn context(store: &Store, stamper: &Stamper) -> String {
    // Each framework file by its time too: an edit in place does not change the folder's.
    let dir = store.frameworks_dir();
    let mut frameworks = stamper.file(&dir);
    if let Some(files) = &stamper.files
        && let Ok(mut names) = files.entries(&dir)
    {
        names.sort();
        for (name, _) in names {
            frameworks.push_str(&format!(" {name}:{}", stamper.file(&dir.join(&name))));
        }
    }
    format!(
        "{} journal:{} frameworks:{frameworks}",
        build(),
        stamper.file(&store.journal_path()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_for_a_folder_changed_just_now_is_not_kept() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        std::fs::create_dir_all(dir.path().join("partnerships/p/meetings")).unwrap();
        let stamper = Stamper::new(&store);
        let fresh = stamper.stamp(&dir.path().join("partnerships/p"));
        let mut c: Cache<u32> = Cache::open(&store, "t", "ctx".into());
        c.put("p", fresh.clone(), 1);
        assert_eq!(c.get("p", &fresh), None, "too recent to be sure of");
        let old = Stamp(vec![1_000_000_000, 0, 2_000_000_000]);
        c.put("p", old.clone(), 2);
        assert_eq!(c.get("p", &old), Some(&2));
        assert_eq!(c.get("p", &fresh), None, "another stamp: not this entry");
        assert!(c.save(&store).is_none());
        let again: Cache<u32> = Cache::open(&store, "t", "ctx".into());
        assert_eq!(again.get("p", &old), Some(&2));
        let other: Cache<u32> = Cache::open(&store, "t", "another build".into());
        assert_eq!(other.get("p", &old), None, "made in another context");
    }
}
