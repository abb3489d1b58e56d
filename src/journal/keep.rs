//! Keeping the status and search caches up to date for the full screen, which holds only the
//! partnerships it shows: in the background after its first frame, every partnership whose
//! cache entries are missing or stale is read whole, one at a time, its entries worked out,
//! and its records let go again. A later `status` or `search` then reads no partnership at
//! all, and the screen's own search index comes from the cache.
//!
//! Each partnership's folders are stamped just before its files are read (as a command
//! does), so an entry is only ever kept under a stamp no later than the files it was worked
//! out from: a change since makes the stamp differ, and the entry is not used.

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::NaiveDate;

use super::search::Part;
use super::summary::{Summary, not_kept, search_cache, status_cache, status_context};
use super::{Audience, Journal, Reader};
use crate::store::cache::{Cache, Stamp, Stamper, context, stamps_in};
use crate::store::{Depth, Snapshot, Store};

/// The search cache as [`Journal::refresh_caches`] left it: handed to the screen for its
/// index, so that the cache file is not read twice over nor held twice.
pub struct KeptSearch(Cache<Part>);

/// What bringing the caches up to date found that a screen should know of.
#[derive(Default)]
pub struct Refreshed {
    /// Files that could not be read, in the partnerships read.
    pub problems: Vec<String>,
    /// Conflict copies found in them.
    pub conflicts: Vec<PathBuf>,
    /// Why the caches could not be written, in words (only slower next time, nothing lost).
    pub not_kept: Option<String>,
    /// Partnerships read whole because their entries were missing or stale.
    pub read: usize,
    /// The search cache, up to date as of the refresh (`None` when it was up to date
    /// already and was not read: the screen reads it for its index).
    pub search: Option<KeptSearch>,
}

impl Journal {
    /// Every partnership's summary (its `partnership.ron` and meeting dates), none of its
    /// records: what the full screen's list needs of those it has not read (for
    /// [`Journal::background_loaded`]).
    pub fn read_summaries(store: &Store) -> Snapshot {
        store.load_depths(|_| Depth::Summary)
    }

    /// Bring the status and search caches up to date with the files: each partnership whose
    /// entries are missing or stale is read whole, worked out and let go before the next one
    /// is read, so the memory it takes is that of one partnership, not of the journal. No
    /// caches for a journal not laid out for them (see `Journal::open_cached`).
    pub fn refresh_caches(store: &Store, today: NaiveDate) -> Refreshed {
        let mut out = Refreshed::default();
        if !Journal::private_layout_marked(store) {
            return out;
        }
        let stamper = Stamper::new(store);
        let snap = store.load_depths(|_| Depth::Folder);
        // Most often nothing changed since: the caches' stamps alone say so, and neither
        // cache is held.
        let (status_known, search_known) = (
            stamps_in(store, "status", &status_context(store, &stamper, today)),
            stamps_in(store, "search", &context(store, &stamper)),
        );
        if let (Some(a), Some(b)) = (&status_known, &search_known) {
            let now: BTreeMap<String, Stamp> = snap
                .partnerships
                .iter()
                .map(|p| (p.id().to_string(), stamper.stamp(&p.dir)))
                .collect();
            if &now == a && &now == b {
                return out;
            }
        }
        // Opened before the reads, so that a folder changed during one counts as too recent.
        let mut status = status_cache(store, &stamper, today);
        let mut search = search_cache(store, &stamper);
        let mut j = Journal::with_snapshot(store.clone(), snap, today);
        let ids: Vec<String> = j
            .snap
            .partnerships
            .iter()
            .map(|p| p.id().to_string())
            .collect();
        for (i, id) in ids.iter().enumerate() {
            let stamp = stamper.stamp(&j.snap.partnerships[i].dir);
            if status.get(id, &stamp).is_some() && search.get(id, &stamp).is_some() {
                continue;
            }
            let (mut problems, mut conflicts) = (Vec::new(), Vec::new());
            store.complete(&mut j.snap.partnerships[i], &mut problems, &mut conflicts);
            out.read += 1;
            out.problems.extend(problems.iter().cloned());
            out.conflicts.extend(conflicts.iter().cloned());
            j.snap.problems.extend(problems);
            j.add_conflict_paths(conflicts);
            // A partnership with a file that could not be read is worked out again each
            // time, so that its warning is said each time.
            if j.reads_cleanly(id) {
                let r = j.reader(Audience::Owner);
                if let Some(p) = r.partner(id) {
                    status.put(id, stamp.clone(), Summary::of(&p, today));
                    search.put(id, stamp, Part::of(&p));
                }
            }
            j.snap.partnerships[i].unload();
        }
        let kept: Vec<&str> = ids.iter().map(String::as_str).collect();
        status.keep_only(&kept);
        search.keep_only(&kept);
        let (a, b) = (status.save(store), search.save(store));
        out.not_kept = a
            .or(b)
            .map(|e| not_kept("search and status caches", "search or status", &e));
        drop(status);
        out.search = Some(KeptSearch(search));
        out
    }

    /// What [`Journal::refresh_caches`] found, told to this journal: its problems and
    /// conflict copies join those already known.
    pub fn caches_refreshed(&mut self, found: &Refreshed) {
        for problem in &found.problems {
            if !self.snap.problems.contains(problem) {
                self.snap.problems.push(problem.clone());
            }
        }
        self.add_conflict_paths(found.conflicts.clone());
    }

    /// Every partnership's search text as the owner sees it, while only some are read:
    /// from memory for those read, from the search cache for the others where it holds them
    /// as their folders are now (the cache a refresh handed over, `kept`, else its file),
    /// and the few changed since read from their files for this alone (not kept). `None` for
    /// a journal not laid out for caches (it is read whole).
    pub fn search_parts(&self, kept: Option<KeptSearch>) -> Option<Vec<Part>> {
        if !Journal::private_layout_marked(self.store()) {
            return None;
        }
        let stamper = Stamper::new(self.store());
        let mut cache = match kept {
            Some(KeptSearch(cache)) => cache,
            None => search_cache(self.store(), &stamper),
        };
        let r = self.reader(Audience::Owner);
        let parts = r
            .partnerships()
            .iter()
            .map(|p| {
                if p.loaded() {
                    return Part::of(p);
                }
                if let Some(data) = self.snap.partnership(p.id()) {
                    let stamp = stamper.stamp_since(&data.dir, cache.stamp_of(p.id()));
                    if cache.get(p.id(), &stamp).is_some()
                        && let Some(part) = cache.take(p.id())
                    {
                        return part;
                    }
                }
                // Changed since the cache was kept.
                self.search_part(p.id(), Audience::Owner)
                    .unwrap_or_else(|| Part::of(p))
            })
            .collect();
        Some(parts)
    }

    /// Partnership `id`'s search text as `audience` sees it: from memory when its records
    /// are read, else from its files, read for this alone and let go after (a screen that
    /// holds a few partnerships searches them all without holding them all).
    pub fn search_part(&self, id: &str, audience: Audience) -> Option<Part> {
        let r = Reader::new(self, audience);
        let p = r.partner(id)?;
        if p.loaded() {
            return Some(Part::of(&p));
        }
        let mut data = self.snap.partnership(id)?.clone();
        let (mut problems, mut conflicts) = (Vec::new(), Vec::new());
        self.store
            .complete(&mut data, &mut problems, &mut conflicts);
        Some(Part::of(&r.partner_of(&data)))
    }
}
