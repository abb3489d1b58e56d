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
        let snap = store.load_choosing(|folder, dir| {
            let stamp = stamper.stamp_since(dir, opening.stamp_of(folder));
            let cached = opening.holds(folder, &stamp);
            stamps.insert(folder.to_string(), stamp);
            !cached
        });
        let mut cache = opening.wait();
        let mut j = Journal::opened(store, snap, today, notices);
        // Each partnership's value, or None where the cache holds it: those are moved out
        // of the cache once it is saved, not copied.
        let mut out: Vec<Option<T>> = Vec::new();
        let ids: Vec<String> = j
            .reader(Audience::Owner)
            .partnerships()
            .iter()
            .map(|p| p.id().to_string())
            .collect();
        for id in &ids {
            let stamp = stamps.remove(id).unwrap_or_default();
            if cache.get(id, &stamp).is_some() && j.snap.partnership(id).is_some_and(|p| p.pending)
            {
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
