//! The status of every partnership at a glance (`mentorlog status`), kept in the cache
//! (`store::cache`) so that a journal of years is summarised without reading it: a
//! partnership whose folders are as they were when its summary was made is not read at all.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::report::Report;
use super::search::Part;
use super::{Audience, Journal, Partner};
use crate::model::Partnership;
use crate::store::Store;
use crate::store::cache::{Cache, Keep, Opening, Stamp, Stamper, context, keep_as_json};

/// What `status` shows of one partnership, as its owner sees it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Summary {
    pub partnership: Partnership,
    pub ended: bool,
    /// Each sign-off as a line ("✓ agreement signed by Jo Taylor on 2026-12-02").
    pub signatures: Vec<String>,
    pub report: Report,
}

keep_as_json!(Summary);

impl Summary {
    pub fn of(p: &Partner, today: NaiveDate) -> Summary {
        Summary {
            partnership: p.partnership().clone(),
            ended: p.ended(),
            signatures: p.signatures().iter().map(|c| c.line()).collect(),
            report: p.report(today),
        }
    }
}

/// The status cache, whose entries depend on the day too.
pub(super) fn status_cache(store: &Store, stamper: &Stamper, today: NaiveDate) -> Cache<Summary> {
    Cache::open(store, "status", status_context(store, stamper, today))
}

/// What the status cache's entries depend on besides their folders.
pub(super) fn status_context(store: &Store, stamper: &Stamper, today: NaiveDate) -> String {
    format!("{} today:{today}", context(store, stamper))
}

/// The search cache.
/// What to say when `caches` could not be written: that nothing is lost, and what the
/// next `commands` will do instead.
pub(super) fn not_kept(caches: &str, commands: &str, e: &str) -> String {
    format!(
        "the {caches} could not be kept ({e}); nothing is lost, the next {commands} reads the files again"
    )
}

pub(super) fn search_cache(store: &Store, stamper: &Stamper) -> Cache<Part> {
    Cache::open(store, "search", context(store, stamper))
}

/// How many partnerships make a second thread worth starting to stamp them (one start is
/// about what 50 stamps take).
const STAMPS_PER_THREAD: usize = 100;

/// The stamps of the partnerships in folders `dirs`, with each folder's name, in order;
/// each taken knowing the stamp `before` gives for it (see [`Stamper::stamp_since`]). A
/// large journal's are taken on several threads: at 10 times the demo journal they are
/// 3,000 `lstat`s, most of a cached command's time.
fn stamp_all<'a>(
    stamper: &Stamper,
    dirs: &[std::path::PathBuf],
    before: impl Fn(&str) -> Option<&'a Stamp> + Sync,
) -> Vec<(String, Stamp)> {
    let stamp = |dir: &std::path::PathBuf| {
        let folder = dir.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        (folder.to_string(), stamper.stamp_since(dir, before(folder)))
    };
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(dirs.len() / STAMPS_PER_THREAD)
        .clamp(1, 4);
    if threads == 1 {
        return dirs.iter().map(stamp).collect();
    }
    let size = dirs.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let mut chunks = dirs.chunks(size);
        let first = chunks.next().unwrap_or_default();
        let others: Vec<_> = chunks
            .map(|chunk| scope.spawn(|| chunk.iter().map(stamp).collect::<Vec<_>>()))
            .collect();
        let mut out: Vec<(String, Stamp)> = first.iter().map(stamp).collect();
        for (thread, chunk) in others.into_iter().zip(dirs.chunks(size).skip(1)) {
            // A thread that failed leaves its stamps to be taken here.
            out.extend(
                thread
                    .join()
                    .unwrap_or_else(|_| chunk.iter().map(stamp).collect()),
            );
        }
        out
    })
}

impl Journal {
    /// Open for the status of every partnership: the summaries of partnerships unchanged
    /// since they were made come from the cache, and only the others are read.
    pub fn open_summaries(store: Store, today: NaiveDate) -> (Journal, Vec<Summary>) {
        let open = |store: &Store, stamper: &Stamper| {
            Cache::open_beside(store, "status", status_context(store, stamper, today))
        };
        Journal::open_cached(store, today, "status", open, |p| Summary::of(p, today))
    }

    /// Open for a search of every partnership: the search text of partnerships unchanged
    /// since it was kept comes from the cache, and only the others are read.
    pub fn open_search(store: Store, today: NaiveDate) -> (Journal, Vec<Part>) {
        let open = |store: &Store, stamper: &Stamper| {
            Cache::open_beside(store, "search", context(store, stamper))
        };
        Journal::open_cached(store, today, "search", open, Part::of)
    }

    /// Open, with what `make` works out of each partnership as its owner sees it: from the
    /// cache file `name` for a partnership whose folders are as they were when its entry was
    /// made (it is not read at all), else from its records (and kept for next time).
    fn open_cached<T: Keep + Clone + Send + 'static>(
        store: Store,
        today: NaiveDate,
        name: &str,
        open_cache: impl FnOnce(&Store, &Stamper) -> Opening<T>,
        make: impl Fn(&Partner) -> T,
    ) -> (Journal, Vec<T>) {
        if !Journal::private_layout_marked(&store) {
            let j = Journal::open(store, today);
            let r = j.reader(Audience::Owner);
            let all = r.partnerships().iter().map(&make).collect();
            return (j, all);
        }
        let notices = Journal::recover(&store);
        let stamper = Stamper::new(&store);
        // The cache file is read beside the stamps taken against its head.
        let opening = open_cache(&store, &stamper);
        let mut stamps: std::collections::HashMap<String, Stamp> = Default::default();
        let (snap, frameworks) = Journal::read_beside(&store, |store| {
            store.load_choosing(|dirs| {
                let kept = opening.stamps();
                let made = stamp_all(&stamper, dirs, |folder| kept.get(folder));
                let whole = made.iter().map(|(f, s)| !opening.holds(f, s)).collect();
                stamps.extend(made);
                whole
            })
        });
        let mut cache = opening.wait();
        let mut j = Journal::opened_with(store, snap, frameworks, today, notices);
        // Each partnership's value, or None where the cache holds it: those are moved out
        // of the cache once it is saved, not copied.
        let mut out: Vec<Option<T>> = Vec::new();
        let ids: Vec<String> = j
            .reader(Audience::Owner)
            .partnerships()
            .iter()
            .map(|p| p.id().to_string())
            .collect();
        // Those not read (looked up once: a search of the list for each was a millisecond at
        // 10 times the demo journal).
        let unread: std::collections::HashSet<String> = j
            .snap
            .partnerships
            .iter()
            .filter(|p| p.pending)
            .map(|p| p.id().to_string())
            .collect();
        for id in &ids {
            let stamp = stamps.remove(id).unwrap_or_default();
            if cache.get(id, &stamp).is_some() && unread.contains(id) {
                out.push(None);
                continue;
            }
            // Not in the cache (or it changed while this ran): read it now.
            j.ensure_loaded(id);
            let r = j.reader(Audience::Owner);
            let Some(p) = r.partner(id) else { continue };
            let s = make(&p);
            if j.reads_cleanly(id) {
                cache.put(id, stamp, s.clone());
            }
            out.push(Some(s));
        }
        let kept: Vec<&str> = ids.iter().map(String::as_str).collect();
        cache.keep_only(&kept);
        if let Some(e) = cache.save(j.store()) {
            j.notices.push(not_kept(&format!("{name} cache"), name, &e));
        }
        let out = ids
            .iter()
            .zip(out)
            .filter_map(|(id, s)| s.or_else(|| cache.take(id)))
            .collect();
        (j, out)
    }

    /// Read whole, with no file that could not be read and no conflict copy: a summary of
    /// it may be kept (one with a problem is worked out again, so the warning is said again).
    pub(super) fn reads_cleanly(&self, id: &str) -> bool {
        let Some(p) = self.snap.partnership(id) else {
            return false;
        };
        let dir = p.dir.display().to_string();
        let private_dir = format!("/partnerships/{id}");
        p.loaded
            && !p.pending
            && !self
                .snap
                .problems
                .iter()
                .any(|e| e.contains(&dir) || e.contains(&private_dir))
            && !self.conflicts.iter().any(|c| p.holds(self.root(), &c.copy))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Stamps taken on several threads are the stamps one thread takes, each with its
    /// folder's name, in the folders' order.
    #[test]
    fn stamps_taken_on_several_threads_are_one_threads() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        let dirs: Vec<std::path::PathBuf> = (0..3 * STAMPS_PER_THREAD)
            .map(|i| store.partnerships_dir().join(format!("p{i:04}")))
            .collect();
        for (i, d) in dirs.iter().enumerate() {
            let kind = ["meetings", "goals", "ticks"][i % 3];
            std::fs::create_dir_all(d.join(kind)).unwrap();
        }
        let stamper = Stamper::new(&store);
        let made = stamp_all(&stamper, &dirs, |_| None);
        let one: Vec<(String, Stamp)> = dirs
            .iter()
            .map(|d| {
                let name = d.file_name().unwrap().to_str().unwrap().to_string();
                (name, stamper.stamp(d))
            })
            .collect();
        assert_eq!(made, one);
        assert_ne!(made[0].1, made[1].1, "folders of other kinds stamp apart");
    }
}
