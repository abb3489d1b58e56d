//! The status of every partnership at a glance (`mentorlog status`), kept in the cache
//! (`store::cache`) so that a journal of years is summarised without reading it: a
//! partnership whose folders are as they were when its summary was made is not read at all.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::report::Report;
use super::{Audience, Journal, Partner};
use crate::model::Partnership;
use crate::store::Store;
use crate::store::cache::{Cache, Stamp, Stamper, context};

/// What `status` shows of one partnership, as its owner sees it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Summary {
    pub partnership: Partnership,
    pub ended: bool,
    /// Each sign-off as a line ("✓ agreement signed by Jo Taylor on 2026-12-02").
    pub signatures: Vec<String>,
    pub report: Report,
}

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

/// The cache file the summaries are kept in.
const CACHE: &str = "status";

impl Journal {
    /// Open for the status of every partnership: the summaries of partnerships unchanged
    /// since they were made come from the cache, and only the others are read (those are
    /// summarised and kept for next time).
    pub fn open_summaries(store: Store, today: NaiveDate) -> (Journal, Vec<Summary>) {
        if !Journal::private_layout_marked(&store) {
            let j = Journal::open(store, today);
            let all = j.summaries_read();
            return (j, all);
        }
        let notices = Journal::recover(&store);
        let stamper = Stamper::new(&store);
        let mut cache: Cache<Summary> = Cache::open(
            &store,
            CACHE,
            format!("{} today:{today}", context(&store, &stamper)),
        );
        let mut stamps: Vec<(String, Stamp)> = Vec::new();
        let snap = store.load_choosing(|folder, dir| {
            let stamp = stamper.stamp(dir);
            let cached = cache.get(folder, &stamp).is_some();
            stamps.push((folder.to_string(), stamp));
            !cached
        });
        let mut j = Journal::with_snapshot(store, snap, today);
        j.notices = notices;
        j.settle_private();
        j.sweep_trash();
        let mut out = Vec::new();
        let ids: Vec<String> = j
            .reader(Audience::Owner)
            .partnerships()
            .iter()
            .map(|p| p.id().to_string())
            .collect();
        for id in &ids {
            let stamp = stamps
                .iter()
                .find(|(f, _)| f == id)
                .map(|(_, s)| s.clone())
                .unwrap_or_default();
            if let Some(s) = cache.get(id, &stamp)
                && j.snap.partnership(id).is_some_and(|p| p.pending)
            {
                out.push(s.clone());
                continue;
            }
            // Not in the cache (or it changed while this ran): read it now.
            j.ensure_loaded(id);
            let r = j.reader(Audience::Owner);
            let Some(p) = r.partner(id) else { continue };
            let s = Summary::of(&p, today);
            if j.reads_cleanly(id) {
                cache.put(id, stamp, s.clone());
            }
            out.push(s);
        }
        let kept: Vec<&str> = ids.iter().map(String::as_str).collect();
        cache.keep_only(&kept);
        if let Some(e) = cache.save(j.store()) {
            j.notices.push(format!(
                "the status cache could not be kept ({e}); nothing is lost"
            ));
        }
        (j, out)
    }

    /// Every partnership's summary, worked out from what is read.
    pub fn summaries_read(&self) -> Vec<Summary> {
        let r = self.reader(Audience::Owner);
        r.partnerships()
            .iter()
            .map(|p| Summary::of(p, self.today))
            .collect()
    }

    /// Read whole, with no file that could not be read and no conflict copy: a summary of
    /// it may be kept (one with a problem is worked out again, so the warning is said again).
    fn reads_cleanly(&self, id: &str) -> bool {
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
