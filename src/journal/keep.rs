//! The status and search caches kept from a journal read whole in memory: the full screen
//! reads everything in the background after its first frame, and then works out each
//! partnership's cache entries a few at a time while it is idle, so that a later `status` or
//! `search` reads no partnership at all, even after the cache was lost or broken.
//!
//! Each partnership's folders are stamped just before its files are read (as a command
//! does), so an entry is only ever kept under a stamp no later than the files it was worked
//! out from: a change since makes the stamp differ, and the entry is not used.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use chrono::NaiveDate;

use super::search::Part;
use super::summary::{Summary, not_kept, search_cache, status_cache};
use super::{Audience, Journal};
use crate::store::cache::{Cache, Stamp, Stamper};
use crate::store::{Snapshot, Store};

/// The caches being filled from memory, and what is left to do.
pub struct Keeping {
    status: Cache<Summary>,
    search: Cache<Part>,
    stamps: HashMap<String, Stamp>,
    /// The partnerships whose records in memory came from the read that was stamped.
    ids: Vec<String>,
    next: usize,
}

impl Keeping {
    /// Read the whole journal (as [`Store::load`] does), stamping each partnership's folders
    /// just before its files are read, and open the caches to keep what is worked out of
    /// it. No caches for a journal not laid out for them (see `Journal::open_cached`).
    pub fn load(store: &Store, today: NaiveDate) -> (Snapshot, Option<Keeping>) {
        if !Journal::private_layout_marked(store) {
            return (store.load(), None);
        }
        let stamper = Stamper::new(store);
        // Opened before the read, so that a folder changed during it counts as too recent.
        let status = status_cache(store, &stamper, today);
        let search = search_cache(store, &stamper);
        let mut stamps = HashMap::new();
        let snap = store.load_choosing(|folder, dir| {
            stamps.insert(folder.to_string(), stamper.stamp(dir));
            true
        });
        let keeping = Keeping {
            status,
            search,
            stamps,
            ids: Vec::new(),
            next: 0,
        };
        (snap, Some(keeping))
    }

    /// Keep entries only for these partnerships: those whose records in memory are the
    /// ones this read gave (see [`Journal::background_loaded`]).
    pub fn only(&mut self, ids: Vec<String>) {
        self.ids = ids;
    }

    /// Write both caches back (a thread's work: a journal of years has megabytes of text).
    /// A cache that cannot be written is only slower next time: what failed is returned,
    /// to be said, never an error.
    pub fn save(mut self, store: &Store) -> Option<String> {
        let ids: Vec<&str> = self.stamps.keys().map(String::as_str).collect();
        self.status.keep_only(&ids);
        self.search.keep_only(&ids);
        let status = self.status.save(store);
        let search = self.search.save(store);
        status
            .or(search)
            .map(|e| not_kept("search and status caches", "search or status", &e))
    }
}

impl Journal {
    /// Work out the next few partnerships' cache entries from memory, for about `budget`.
    /// True when every one is done (then [`Keeping::save`]).
    pub fn keep_some(&self, k: &mut Keeping, budget: Duration) -> bool {
        let started = Instant::now();
        let r = self.reader(Audience::Owner);
        while k.next < k.ids.len() {
            if started.elapsed() >= budget {
                return false;
            }
            let id = &k.ids[k.next];
            k.next += 1;
            let (Some(stamp), Some(p)) = (k.stamps.get(id), r.partner(id)) else {
                continue;
            };
            // A partnership with a file that could not be read is worked out again each time,
            // so that its warning is said each time.
            if !self.reads_cleanly(id) {
                continue;
            }
            if k.status.get(id, stamp).is_none() {
                k.status
                    .put(id, stamp.clone(), Summary::of(&p, self.today()));
            }
            if k.search.get(id, stamp).is_none() {
                k.search.put(id, stamp.clone(), Part::of(&p));
            }
        }
        true
    }
}

impl Journal {
    /// Every partnership's search text while the background read goes on, as the owner
    /// sees it: from memory for those read, from the search cache for the others where it
    /// holds them as their folders are now. `None` when one is in neither (it must be read).
    pub fn search_parts_now(&self) -> Option<Vec<Part>> {
        if !Journal::private_layout_marked(self.store()) {
            return None;
        }
        let stamper = Stamper::new(self.store());
        let mut cache = search_cache(self.store(), &stamper);
        let r = self.reader(Audience::Owner);
        r.partnerships()
            .iter()
            .map(|p| {
                if p.loaded() {
                    return Some(Part::of(p));
                }
                let dir = &self.snap.partnership(p.id())?.dir;
                cache.get(p.id(), &stamper.stamp_since(dir, cache.stamp_of(p.id())))?;
                cache.take(p.id())
            })
            .collect()
    }
}
