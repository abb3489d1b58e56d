//! Deleted records, kept to be brought back: the trash is written by `delete` and
//! `remove_partnership` in the same batch as the delete (see `store::trash`), listed, restored
//! and emptied here, for every front end.

use std::collections::BTreeSet;
use std::path::PathBuf;

use super::{Journal, OpError, OpResult};
use crate::model::Settings;
use crate::store::trash::{self, Trashed};
use crate::store::{AnyRecord, DataDir, Kind, Write};

impl Journal {
    /// The write that keeps `records` of partnership `pid` in the trash, for a delete called
    /// `label`.
    pub(super) fn trash_write(
        &self,
        pid: &str,
        label: &str,
        records: &[(PathBuf, AnyRecord)],
    ) -> Result<Write, OpError> {
        Ok(trash::keep(
            self.store.root(),
            crate::model::clock::now_utc(),
            label,
            pid,
            records,
        )?)
    }

    /// Days a deleted record is kept in the trash.
    pub fn trash_days(&self) -> u32 {
        self.snap.journal.as_ref().map_or_else(
            || Settings::default().trash_days,
            |j| j.value.settings.trash_days,
        )
    }

    /// Clear the trash of what it no longer needs (called on open); a notice when deletes
    /// were emptied for age.
    pub(super) fn sweep_trash(&mut self) {
        let days = self.trash_days();
        let n = trash::sweep(self.store.root(), crate::model::clock::now_utc(), days);
        if n > 0 {
            self.notices.push(format!(
                "emptied {n} delete{} older than {days} day{} from the trash",
                if n == 1 { "" } else { "s" },
                if days == 1 { "" } else { "s" },
            ));
        }
    }

    /// What the trash holds that can be restored, newest first, and entries it cannot read.
    pub fn trash(&self) -> (Vec<Trashed>, Vec<String>) {
        let (entries, bad) = trash::list(self.store.root());
        let Ok(data) = DataDir::open(self.store.root()) else {
            return (Vec::new(), bad);
        };
        let entries = entries
            .into_iter()
            .filter(|e| !e.missing(&data).is_empty())
            .collect();
        (entries, bad)
    }

    /// Bring back a delete from the trash: the one named `id` (or the start of its name), or
    /// the latest when `None`. A meeting comes back with its evidence linked again; undo
    /// deletes it again (and the trash keeps it).
    pub fn restore_trash(&mut self, id: Option<&str>) -> OpResult {
        // The trash holds everyone's deletes: only the journal's owner brings them back.
        if self.actor() != self.owner_id() {
            return Err(OpError::Refused(
                "the trash is the journal owner's to restore from".into(),
            ));
        }
        let (entries, _) = self.trash();
        let entry = match id {
            None => entries
                .into_iter()
                .next()
                .ok_or_else(|| OpError::Refused("The trash is empty: nothing to restore".into()))?,
            Some(id) => {
                let mut found: Vec<Trashed> = entries
                    .into_iter()
                    .filter(|e| e.id.starts_with(id))
                    .collect();
                match found.len() {
                    1 => found.remove(0),
                    0 => {
                        return Err(OpError::Refused(format!(
                            "nothing in the trash is called {id}: `mentorlog trash` lists what is there"
                        )));
                    }
                    n => {
                        return Err(OpError::Refused(format!(
                            "{n} deletes in the trash start with {id}: give more of the name"
                        )));
                    }
                }
            }
        };
        let data = DataDir::open(self.store.root())?;
        let missing: Vec<(PathBuf, AnyRecord)> =
            entry.missing(&data).into_iter().cloned().collect();
        let pid = entry.partnership.clone();
        let whole = missing.iter().any(|(_, r)| r.kind() == Kind::Partnership);
        if !whole && self.snap.partnership(&pid).is_none() {
            return Err(OpError::Refused(format!(
                "the partnership {pid} is not in the journal any more: restore it first \
                 (`mentorlog trash` lists it)"
            )));
        }
        if !whole {
            self.ensure_loaded(&pid);
        }
        // A private record goes back into its author's private folder (one deleted by an
        // earlier version was in a shared folder then).
        let mut missing = missing;
        for (path, r) in &mut missing {
            *path = self.home_of(path, r, false)?;
        }
        let mut writes = Vec::new();
        for (path, r) in &missing {
            writes.push(Write::create(path.clone(), r.clone()));
            // The ticks it evidenced lost their link when it was deleted: link them again.
            if !whole && let AnyRecord::Meeting(m) = r {
                let evidences: BTreeSet<String> = m.evidences.iter().cloned().collect();
                writes.extend(self.evidence_link_writes(
                    &pid,
                    &m.id,
                    &BTreeSet::new(),
                    &evidences,
                )?);
            }
        }
        let what = ["Deleted ", "Removed "]
            .iter()
            .find_map(|p| entry.label.strip_prefix(p))
            .unwrap_or(&entry.label);
        let label = format!("Restored {what} from the trash");
        let as_was: Vec<PathBuf> = missing.iter().map(|(p, _)| p.clone()).collect();
        let mut o = self.apply_keeping(label, writes, Vec::new(), &as_was)?;
        let kept = entry.records.len() - missing.len();
        if kept > 0 {
            o.warnings.push(format!(
                "{kept} of its records were in the journal already and were left as they are"
            ));
        }
        o.record = missing.first().map(|(p, _)| p.clone());
        Ok(o)
    }

    /// Empty the trash now. Returns how many deletes it held.
    pub fn empty_trash(&mut self) -> Result<usize, OpError> {
        let restorable = self.trash().0.len();
        let (entries, _) = trash::list(self.store.root());
        let _lock = self.store.lock()?;
        for e in &entries {
            trash::remove(self.store.root(), e)?;
        }
        Ok(restorable)
    }

    /// Keep deleted records `days` days before the trash lets them go.
    pub fn set_trash_days(&mut self, days: u32) -> OpResult {
        let Some(base) = self.snap.journal.as_ref().map(|j| j.value.clone()) else {
            self.init(None, None, None)?;
            return self.set_trash_days(days);
        };
        let mut new = base.clone();
        new.settings.trash_days = days;
        let path = self.store.journal_path();
        let w = Write::save(
            path.clone(),
            Some(AnyRecord::Journal(base)),
            AnyRecord::Journal(new),
        );
        let label = format!(
            "Deleted records stay in the trash {days} day{}",
            if days == 1 { "" } else { "s" }
        );
        let mut o = self.apply(label, vec![w], Vec::new())?;
        o.record = Some(path);
        Ok(o)
    }
}
