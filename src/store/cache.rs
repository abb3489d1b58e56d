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
//! A cache file is one line of JSON (each entry's stamp and what it holds that is small)
//! followed by raw text and bytes (what is large: a search's text, kept as it is so that
//! reading it back is neither a parse nor a copy; a status summary, as JSON of its own).
//! A command reads the first line alone to stamp the folders against while the rest is
//! read beside it.
//!
//! The cache holds private text (a search index has the notes), so it lives with the other
//! private working files, in `private/.mentorlog/cache/` (0700, files 0600). A missing,
//! truncated or garbled cache file, or one written by another build of mentorlog, reads as
//! empty. Several processes may write it at once: each replaces the whole file atomically,
//! and every entry is checked on use, so the worst is that one process's additions are lost.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::io::DataDir;
use super::kind::Kind;
use super::{Store, private};

/// Where the cache files are.
pub const CACHE_DIR: &str = "private/.mentorlog/cache";

/// Raised when what a cache file holds changes shape or meaning.
const FORMAT: u32 = 6;

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
    /// The partnerships folder and each home's, held open: a partnership's times are looked
    /// up from them, by a path of one or two names, not by every name from `/` (at 10 times
    /// the demo journal, walking those names was a third of the `lstat`s' time).
    held: Option<Held>,
}

struct Held {
    /// The partnerships folder's path.
    dir: PathBuf,
    own: std::fs::File,
    /// Each home's partnerships folder, in the order of `homes` (`None` where it is not
    /// there: nothing of any partnership is in it).
    homes: Vec<Option<std::fs::File>>,
}

impl Held {
    fn open(store: &Store, homes: &[PathBuf]) -> Option<Held> {
        let dir = store.partnerships_dir();
        let open = |d: &Path| {
            // A link is not followed, as `lstat` would not follow it.
            let m = std::fs::symlink_metadata(d).ok()?;
            m.is_dir().then(|| std::fs::File::open(d).ok()).flatten()
        };
        let own = open(&dir)?;
        let homes = homes
            .iter()
            .map(|h| open(&super::in_home(store.root(), h, &dir)))
            .collect();
        Some(Held { dir, own, homes })
    }
}

/// The modification time of `name` in the folder `at` holds open (a link's own time), 0
/// when there is none.
fn time_in(at: &std::fs::File, name: &Path) -> u128 {
    use rustix::fs::{AtFlags, statat};
    match statat(at, name, AtFlags::SYMLINK_NOFOLLOW) {
        Ok(st) => {
            // The fields' types differ between targets: the same on this one.
            #[allow(clippy::useless_conversion)]
            let (secs, nanos) = (i64::from(st.st_mtime), u64::from(st.st_mtime_nsec));
            u128::try_from(secs).map_or(0, |s| s * 1_000_000_000 + u128::from(nanos))
        }
        Err(_) => 0,
    }
}

impl Stamper {
    pub fn new(store: &Store) -> Stamper {
        let files = DataDir::open(store.root()).ok();
        let homes = files
            .as_ref()
            .map(|f| private::homes(f, &mut Vec::new()))
            .unwrap_or_default();
        let held = files.as_ref().and_then(|_| Held::open(store, &homes));
        Stamper {
            files,
            root: store.root().to_path_buf(),
            homes,
            held,
        }
    }

    /// A folder's modification time, from one `lstat` (a link's own time, never what it
    /// points at). Unlike reading, this needs no confined open: a time decides only whether
    /// the files are read again, and they are read confined. Opening each folder confined
    /// to take its time was most of a cached command's system time.
    fn time(&self, dir: &Path) -> u128 {
        if self.files.is_none() || !dir.starts_with(&self.root) {
            return 0;
        }
        std::fs::symlink_metadata(dir)
            .and_then(|m| m.modified())
            .map_or(0, nanos)
    }

    /// The stamps of the partnership in folder `dir` (taken before its files are read, so
    /// that a change while they are read shows as a difference next time).
    pub fn stamp(&self, dir: &Path) -> Stamp {
        self.stamp_since(dir, None)
    }

    /// The same, knowing the stamp `before` the cache holds for it: where a folder's time is
    /// as it was then, the record folders it did not have are still not there (making or
    /// removing one changes the folder's time), so they need no `lstat`. At 10 times the
    /// demo journal, that is half the `lstat`s of a cached `search`.
    pub fn stamp_since(&self, dir: &Path, before: Option<&Stamp>) -> Stamp {
        let folders: Vec<&str> = Kind::in_folders().filter_map(|k| k.folder).collect();
        let group = folders.len() + 1;
        let before = before.filter(|b| b.0.len() == group * (self.homes.len() + 1));
        let mut out = Vec::with_capacity(group * (self.homes.len() + 1));
        // A partnership's folder is looked up from the folders held open (the same times,
        // found with shorter paths); any other folder by its whole path.
        let held = self
            .held
            .as_ref()
            .filter(|h| dir.parent() == Some(h.dir.as_path()))
            .zip(dir.file_name().map(Path::new));
        let mut add = |place: Option<(Option<&std::fs::File>, &Path)>, d: &Path| {
            let time_of = |sub: Option<&str>| match place {
                Some((Some(at), name)) => time_in(at, &sub.map_or(name.into(), |s| name.join(s))),
                Some((None, _)) => 0,
                None => self.time(&sub.map_or(d.into(), |s| d.join(s))),
            };
            let at = out.len();
            let time = time_of(None);
            out.push(time);
            let was = before.map(|b| &b.0[at..at + group]);
            let same = time != 0 && was.is_some_and(|w| w[0] == time);
            for (i, folder) in folders.iter().enumerate() {
                let absent = time == 0 || (same && was.is_some_and(|w| w[i + 1] == 0));
                out.push(if absent { 0 } else { time_of(Some(folder)) });
            }
        };
        add(held.map(|(h, name)| (Some(&h.own), name)), dir);
        for (i, home) in self.homes.iter().enumerate() {
            match held {
                Some((h, name)) => add(Some((h.homes.get(i).and_then(Option::as_ref), name)), dir),
                None => add(None, &super::in_home(&self.root, home, dir)),
            }
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

/// How a value is kept in a cache file: a JSON head, then text and bytes written raw after
/// the JSON (what JSON would escape and a reader need not parse: a search's text).
pub trait Keep: Sized {
    type Head<'a>: Serialize
    where
        Self: 'a;
    type ReadHead: DeserializeOwned;
    fn head(&self) -> Self::Head<'_>;
    /// The raw text, added to `out`.
    fn text(&self, _out: &mut String) {}
    /// The raw bytes, added to `out`.
    fn table(&self, _out: &mut Vec<u8>) {}
    /// The value from its head, raw text and bytes, or `None` when they do not make one.
    fn join(head: Self::ReadHead, text: Shared, table: SharedBytes) -> Option<Self>;
    /// Whether it may be kept at all.
    fn keepable(&self) -> bool {
        true
    }
}

/// What a cache file's values are read out of: the file mapped into memory (no copy of it
/// is made), or bytes made in this process.
enum Backing {
    Made(Vec<u8>),
    Mapped(memmap2::Mmap),
}

impl Backing {
    fn bytes(&self) -> &[u8] {
        match self {
            Backing::Made(b) => b,
            Backing::Mapped(m) => m,
        }
    }
}

impl Default for Backing {
    fn default() -> Backing {
        Backing::Made(Vec::new())
    }
}

/// A piece of text shared with the other values read from the same cache file: the file's
/// text is read once and not copied for each.
#[derive(Clone, Default)]
pub struct Shared {
    /// `start..end` of these bytes is UTF-8: it is made only from a `String`, or from a
    /// slice of text checked to be UTF-8, cut on its character boundaries.
    all: Arc<Backing>,
    start: usize,
    end: usize,
}

impl Shared {
    /// The whole of `text`.
    pub fn new(text: String) -> Shared {
        let end = text.len();
        Shared {
            all: Arc::new(Backing::Made(text.into_bytes())),
            start: 0,
            end,
        }
    }

    /// `start..end` of `text`, which is the text at `at` in `all`, when that lies on its
    /// character boundaries.
    fn within(
        all: &Arc<Backing>,
        at: usize,
        text: &str,
        start: usize,
        end: usize,
    ) -> Option<Shared> {
        text.get(start..end).map(|_| Shared {
            all: all.clone(),
            start: at + start,
            end: at + end,
        })
    }

    pub fn as_str(&self) -> &str {
        let bytes = self
            .all
            .bytes()
            .get(self.start..self.end)
            .unwrap_or_default();
        // SAFETY: UTF-8, as the field's note says; a map's bytes never change (see
        // `DataDir::map`).
        unsafe { std::str::from_utf8_unchecked(bytes) }
    }
}

/// Bytes shared with the other values read from the same cache file, as [`Shared`] is
/// text.
#[derive(Clone, Default)]
pub struct SharedBytes {
    all: Arc<Backing>,
    start: usize,
    end: usize,
}

impl SharedBytes {
    pub fn new(bytes: Vec<u8>) -> SharedBytes {
        let end = bytes.len();
        SharedBytes {
            all: Arc::new(Backing::Made(bytes)),
            start: 0,
            end,
        }
    }

    pub fn as_slice(&self) -> &[u8] {
        self.all
            .bytes()
            .get(self.start..self.end)
            .unwrap_or_default()
    }

    /// `start..end` of these bytes (empty where that is not within them).
    pub fn slice(&self, start: usize, end: usize) -> SharedBytes {
        let (start, end) = match (self.start.checked_add(start), self.start.checked_add(end)) {
            (Some(a), Some(b)) if a <= b && b <= self.end => (a, b),
            _ => (self.start, self.start),
        };
        SharedBytes {
            all: self.all.clone(),
            start,
            end,
        }
    }
}

/// Keep values of these types as JSON, in the raw text after the head (so that the head,
/// which [`Cache::open_beside`] reads first for its stamps, stays small).
macro_rules! keep_as_json {
    ($($t:ty),*) => {$(
        impl $crate::store::cache::Keep for $t {
            type Head<'a> = ();
            type ReadHead = ();
            fn head(&self) {}
            fn text(&self, out: &mut String) {
                if let Ok(json) = serde_json::to_string(self) {
                    out.push_str(&json);
                }
            }
            fn join(
                _: (),
                text: $crate::store::cache::Shared,
                _: $crate::store::cache::SharedBytes,
            ) -> Option<$t> {
                serde_json::from_str(text.as_str()).ok()
            }
        }
    )*};
}
pub(crate) use keep_as_json;

keep_as_json!(String);

struct Entry<T> {
    stamp: Stamp,
    value: T,
}

/// A cache file's first line: which format, made in what context, and each entry's stamp,
/// head and how much of the raw text and bytes after the line are its own. The text of
/// every entry comes first, in order, then the bytes of every entry.
#[derive(Deserialize)]
struct Head<H> {
    format: u32,
    context: String,
    entries: Vec<(String, HeadEntry<H>)>,
}

#[derive(Serialize, Deserialize)]
struct HeadEntry<H> {
    stamp: Stamp,
    value: H,
    text: usize,
    table: usize,
}

/// The same, borrowed for writing.
#[derive(Serialize)]
struct HeadRef<'a, H> {
    format: u32,
    context: &'a str,
    entries: Vec<(&'a str, HeadEntry<H>)>,
}

/// The entries of a cache file made in `context`, or `None` when it is not whole.
fn read_file<T: Keep>(file: Backing, context: &str) -> Option<BTreeMap<String, Entry<T>>> {
    let all = Arc::new(file);
    let bytes = all.bytes();
    // Compact JSON has no newline of its own: the first one ends the head.
    let line = memchr::memchr(b'\n', bytes)?;
    let head: Head<T::ReadHead> = serde_json::from_slice(&bytes[..line]).ok()?;
    if head.format != FORMAT || head.context != context {
        return None;
    }
    let sum = |f: fn(&HeadEntry<T::ReadHead>) -> usize| {
        head.entries
            .iter()
            .try_fold(0usize, |n, (_, e)| n.checked_add(f(e)))
    };
    let text_end = (line + 1).checked_add(sum(|e| e.text)?)?;
    if text_end.checked_add(sum(|e| e.table)?)? != bytes.len() {
        return None;
    }
    let text = std::str::from_utf8(&bytes[line + 1..text_end]).ok()?;
    let tables = SharedBytes {
        all: all.clone(),
        start: text_end,
        end: bytes.len(),
    };
    let (mut text_at, mut table_at) = (0usize, 0usize);
    let mut entries = BTreeMap::new();
    for (id, e) in head.entries {
        let piece = Shared::within(&all, line + 1, text, text_at, text_at + e.text)?;
        let table_end = table_at.checked_add(e.table)?;
        if table_end > tables.as_slice().len() {
            return None;
        }
        let table = tables.slice(table_at, table_end);
        (text_at, table_at) = (text_at + e.text, table_at + e.table);
        let value = T::join(e.value, piece, table)?;
        entries.insert(
            id,
            Entry {
                stamp: e.stamp,
                value,
            },
        );
    }
    Some(entries)
}

/// The stamp of each entry in cache `name`, read from its head alone (the first line: the
/// values after it are neither read nor built): enough to tell whether any partnership's
/// entry is missing or stale without holding the cache. `None` when the file is missing,
/// of another context, or damaged (its length is not what its head says).
pub fn stamps_in(store: &Store, name: &str, context: &str) -> Option<BTreeMap<String, Stamp>> {
    let path = store.root().join(CACHE_DIR).join(format!("{name}.cache"));
    let (line, len) = DataDir::open(store.root())
        .and_then(|f| f.read_first_line(&path))
        .ok()?;
    let line = line?;
    let head: Head<serde::de::IgnoredAny> = serde_json::from_slice(&line).ok()?;
    if head.format != FORMAT || head.context != context {
        return None;
    }
    // The same check of the parts' lengths as a whole read makes.
    let total = head.entries.iter().try_fold(0usize, |n, (_, e)| {
        n.checked_add(e.text)?.checked_add(e.table)
    })?;
    if u64::try_from((line.len() + 1).checked_add(total)?).ok()? != len {
        return None;
    }
    Some(
        head.entries
            .into_iter()
            .map(|(id, e)| (id, e.stamp))
            .collect(),
    )
}

/// A cache file being read on a thread of its own, its stamps read first (see
/// [`Cache::open_beside`]).
pub struct Opening<T> {
    stamps: BTreeMap<String, Stamp>,
    whole: Whole<T>,
}

enum Whole<T> {
    /// Being read, into the cache at this path of this context.
    Reading(std::thread::JoinHandle<Cache<T>>, PathBuf, String),
    Read(Cache<T>),
}

impl<T> Opening<T> {
    /// The stamp partnership `id`'s entry was kept under, from the file's head.
    pub fn stamp_of(&self, id: &str) -> Option<&Stamp> {
        self.stamps.get(id)
    }

    /// Every entry's stamp, from the file's head (shareable between threads, as the cache
    /// being read may not be).
    pub fn stamps(&self) -> &BTreeMap<String, Stamp> {
        &self.stamps
    }

    /// Whether the file's head has an entry for `id` kept under `stamp` (which
    /// [`Cache::get`] will give, unless the file turns out damaged or is replaced).
    pub fn holds(&self, id: &str, stamp: &Stamp) -> bool {
        self.stamps.get(id) == Some(stamp)
    }
}

impl<T: Keep> Opening<T> {
    /// The whole cache, once read.
    pub fn wait(self) -> Cache<T> {
        match self.whole {
            Whole::Read(cache) => cache,
            // A read that failed on its thread is an empty cache: every entry is worked out
            // again.
            Whole::Reading(thread, path, context) => thread
                .join()
                .unwrap_or_else(|_| Cache::empty(path, context)),
        }
    }
}

/// One cache file: an entry per partnership id/// One cache file: an entry per partnership id, valid while its stamp holds and while the
/// context (what else the entries depend on: the day, the frameworks, this build) is the same.
pub struct Cache<T> {
    path: PathBuf,
    context: String,
    entries: BTreeMap<String, Entry<T>>,
    changed: bool,
    now: SystemTime,
}

impl<T: Keep> Cache<T> {
    /// The cache `name` of the journal in `store`, for entries made in `context`.
    pub fn open(store: &Store, name: &str, context: String) -> Cache<T> {
        let path = store.root().join(CACHE_DIR).join(format!("{name}.cache"));
        // Mapped, not read: a large cache is then neither copied nor held twice. Where it
        // cannot be mapped, it is read.
        let entries = DataDir::open(store.root())
            .and_then(|f| match f.map(&path) {
                Ok(map) => Ok(map.map_or_else(Backing::default, Backing::Mapped)),
                Err(_) => f.read(&path).map(Backing::Made),
            })
            .ok()
            .and_then(|file| read_file(file, &context))
            .unwrap_or_default();
        Cache {
            path,
            context,
            entries,
            changed: false,
            now: SystemTime::now(),
        }
    }

    /// A cache at `path` with no entries.
    fn empty(path: PathBuf, context: String) -> Cache<T> {
        Cache {
            path,
            context,
            entries: BTreeMap::new(),
            changed: false,
            now: SystemTime::now(),
        }
    }

    /// The same, read on a thread of its own while the caller stamps the partnerships'
    /// folders against the stamps in the file's head, which is read first. At 10 times the
    /// demo journal the stamps are 3,000 `lstat`s and the file 15 MB, and each takes about
    /// as long as the other.
    pub fn open_beside(store: &Store, name: &str, context: String) -> Opening<T>
    where
        T: Send + 'static,
    {
        let Some(stamps) = stamps_in(store, name, &context) else {
            // Missing, of another build or day, or damaged: nothing in it is used.
            let path = store.root().join(CACHE_DIR).join(format!("{name}.cache"));
            return Opening {
                stamps: BTreeMap::new(),
                whole: Whole::Read(Cache::empty(path, context)),
            };
        };
        let (thread_store, thread_name, thread_context) =
            (store.clone(), name.to_string(), context.clone());
        let path = store.root().join(CACHE_DIR).join(format!("{name}.cache"));
        let whole = match std::thread::Builder::new()
            .name(format!("{name} cache"))
            .spawn(move || Cache::open(&thread_store, &thread_name, thread_context))
        {
            Ok(thread) => Whole::Reading(thread, path, context),
            // No thread to be had: read it here.
            Err(_) => Whole::Read(Cache::open(store, name, context)),
        };
        Opening { stamps, whole }
    }

    /// The entry for partnership `id`, if its folders are as they were when it was made.
    pub fn get(&self, id: &str, stamp: &Stamp) -> Option<&T> {
        self.entries
            .get(id)
            .filter(|e| &e.stamp == stamp)
            .map(|e| &e.value)
    }

    /// The stamp partnership `id`'s entry was kept under (for [`Stamper::stamp_since`]).
    pub fn stamp_of(&self, id: &str) -> Option<&Stamp> {
        self.entries.get(id).map(|e| &e.stamp)
    }

    /// Keep `value` for partnership `id`, worked out from its files as they were at `stamp`
    /// (not kept when a folder changed too recently to be sure of).
    pub fn put(&mut self, id: &str, stamp: Stamp, value: T) {
        if self.entries.get(id).is_some_and(|e| e.stamp == stamp) {
            return; // made from the same files: the same
        }
        if stamp.racy(self.now) || !value.keepable() {
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

    /// Take the value kept for `id` out of the cache (after [`Cache::save`]: what is taken is
    /// no longer written).
    pub fn take(&mut self, id: &str) -> Option<T> {
        self.entries.remove(id).map(|e| e.value)
    }

    /// Write the cache back if anything changed. A cache that cannot be written is only
    /// slower next time: the failure is returned for a note, never an error.
    pub fn save(&mut self, store: &Store) -> Option<String> {
        if !std::mem::take(&mut self.changed) {
            return None;
        }
        let (mut text, mut table) = (String::new(), Vec::new());
        let mut entries = Vec::with_capacity(self.entries.len());
        for (id, e) in &self.entries {
            let (text_at, table_at) = (text.len(), table.len());
            e.value.text(&mut text);
            e.value.table(&mut table);
            let head = HeadEntry {
                stamp: e.stamp.clone(),
                value: e.value.head(),
                text: text.len() - text_at,
                table: table.len() - table_at,
            };
            entries.push((id.as_str(), head));
        }
        let head = HeadRef {
            format: FORMAT,
            context: &self.context,
            entries,
        };
        let mut bytes = serde_json::to_vec(&head).ok()?;
        bytes.push(b'\n');
        bytes.extend_from_slice(text.as_bytes());
        bytes.extend_from_slice(&table);
        let files = DataDir::create(store.root()).ok()?;
        let failed = files.write(&self.path, &bytes).err().map(|e| e.to_string());
        // The JSON file an earlier build kept the same cache in is only taking room.
        let _ = files.remove(&self.path.with_extension("json"));
        if let Some(dir) = self.path.parent() {
            sweep_stale_temps(&files, dir, self.now);
        }
        failed
    }
}

/// How old a cache folder's temporary file must be to be nobody's: a save writes and
/// renames its own in well under a second, even at ten times the demo journal.
const STALE_TEMP: Duration = Duration::from_secs(60);

/// Remove the temporary files a writer killed mid-save left in the cache folder `dir`: they
/// hold notes' text and only take room. One younger than [`STALE_TEMP`] may be another
/// process's save in progress, and is left.
fn sweep_stale_temps(files: &DataDir, dir: &Path, now: SystemTime) {
    for (name, folderish) in files.entries(dir).unwrap_or_default() {
        if folderish || !name.starts_with(".tmp-") {
            continue;
        }
        let path = dir.join(&name);
        let stale = files
            .modified(&path)
            .and_then(|t| now.duration_since(t).ok())
            .is_some_and(|age| age > STALE_TEMP);
        if stale {
            let _ = files.remove(&path);
        }
    }
}

/// This build of mentorlog, for entries that depend on nothing else: its version and a
/// fingerprint of the sources it was built from (see `build.rs`).
pub fn build() -> String {
    format!("{} {}", env!("CARGO_PKG_VERSION"), env!("MENTORLOG_BUILD"))
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

    keep_as_json!(u32);

    /// A stamp taken knowing the last one skips the record folders that were not there,
    /// and still changes when one is made.
    #[test]
    fn a_stamp_taken_since_the_last_sees_a_folder_made_since() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        let p = dir.path().join("partnerships/p");
        std::fs::create_dir_all(p.join("meetings")).unwrap();
        let stamper = Stamper::new(&store);
        let before = stamper.stamp(&p);
        assert!(before.0.contains(&0), "a record folder not there");
        assert_eq!(stamper.stamp_since(&p, Some(&before)), before);
        std::thread::sleep(Duration::from_millis(20));
        std::fs::create_dir(p.join("reflections")).unwrap();
        let now = stamper.stamp_since(&p, Some(&before));
        assert_ne!(now, before);
        assert_eq!(
            now,
            stamper.stamp(&p),
            "the same as a stamp of every folder"
        );
        let odd = Stamp(vec![1, 0]);
        assert_eq!(
            stamper.stamp_since(&p, Some(&odd)),
            now,
            "a hint of another shape"
        );
    }

    /// The times looked up from the folders held open are the times a look at each whole
    /// path gives, in each home, and 0 in a home with no partnerships folder.
    #[test]
    fn a_stamp_from_the_folders_held_open_is_the_stamp_of_each_whole_path() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        let p = dir.path().join("partnerships/p");
        std::fs::create_dir_all(p.join("meetings")).unwrap();
        std::thread::sleep(Duration::from_millis(20));
        std::fs::create_dir_all(p.join("goals")).unwrap();
        let private = dir.path().join("private");
        std::fs::create_dir_all(private.join("jo/partnerships/p/meetings")).unwrap();
        std::fs::create_dir_all(private.join("ann")).unwrap();
        for d in [&private, &private.join("jo"), &private.join("ann")] {
            std::fs::set_permissions(d, std::fs::Permissions::from_mode(0o700)).unwrap();
        }
        let held = Stamper::new(&store);
        assert_eq!(held.homes.len(), 2, "both homes found");
        assert!(held.held.is_some(), "the partnerships folder held open");
        let whole = Stamper {
            held: None,
            ..Stamper::new(&store)
        };
        let stamp = held.stamp(&p);
        assert_eq!(stamp, whole.stamp(&p));
        let time = |d: &Path| nanos(std::fs::symlink_metadata(d).unwrap().modified().unwrap());
        let group = Kind::in_folders().filter(|k| k.folder.is_some()).count() + 1;
        assert_eq!(stamp.0.len(), group * 3);
        assert_eq!(stamp.0[0], time(&p));
        assert!(stamp.0[1..group].contains(&time(&p.join("goals"))));
        assert_eq!(
            stamp.0[group..2 * group],
            vec![0; group],
            "ann (first of the homes) has no partnerships folder"
        );
        assert_eq!(stamp.0[2 * group], time(&private.join("jo/partnerships/p")));
    }

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

    /// A save removes what a writer killed mid-save left, and not another's save in progress.
    #[test]
    fn a_save_sweeps_a_killed_writers_temporary_file_only() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        let mut c: Cache<u32> = Cache::open(&store, "t", "ctx".into());
        c.put("p", Stamp(vec![1_000_000_000]), 1);
        assert!(c.save(&store).is_none());
        let folder = dir.path().join(CACHE_DIR);
        let (stale, fresh) = (folder.join(".tmp-stale.ron"), folder.join(".tmp-fresh.ron"));
        std::fs::write(&stale, "private notes").unwrap();
        std::fs::write(&fresh, "private notes").unwrap();
        let long_ago = SystemTime::now() - Duration::from_secs(3600);
        std::fs::File::options()
            .write(true)
            .open(&stale)
            .unwrap()
            .set_modified(long_ago)
            .unwrap();
        let mut c: Cache<u32> = Cache::open(&store, "t", "ctx".into());
        c.put("q", Stamp(vec![1_000_000_000]), 2);
        assert!(c.save(&store).is_none());
        assert!(!stale.exists(), "a killed writer's file is removed");
        assert!(
            fresh.exists(),
            "a file as young as a save in progress is left"
        );
        let again: Cache<u32> = Cache::open(&store, "t", "ctx".into());
        assert_eq!(again.get("q", &Stamp(vec![1_000_000_000])), Some(&2));
    }
}
