//! Private at rest (see `store::private`): where a record belongs given who wrote it and
//! whether it is marked private, and moving the private records a journal of an earlier
//! version kept in its shared folders into their authors' private folders, once, when it is
//! opened.

use std::path::{Path, PathBuf};

use super::{Journal, OpError};
use crate::store::private::{MOVED_MARK, is_private_path, place};
use crate::store::{AnyRecord, PartnershipRecord, Write};

impl Journal {
    /// Whose private folder `r` belongs in (`None`: not private, it is shared): its maker's,
    /// a record naming none the owner's, a new one (not stamped yet) the writer's.
    pub(super) fn private_to(&self, r: &AnyRecord, new: bool) -> Option<String> {
        if !r.is_private() {
            return None;
        }
        Some(
            r.by()
                .and_then(|b| b.created.clone())
                .unwrap_or_else(|| if new { self.actor() } else { self.owner_id() }),
        )
    }

    /// Where a record at (or meant for) `path` holding `r` is kept.
    pub(super) fn home_of(
        &self,
        path: &Path,
        r: &AnyRecord,
        new: bool,
    ) -> Result<PathBuf, OpError> {
        Ok(place(
            self.store.root(),
            path,
            self.private_to(r, new).as_deref(),
        )?)
    }

    /// The write that saves `new` (an edit of `base`, read at `at`): in place, or moved to
    /// where it now belongs when it was marked private or no longer is.
    pub(super) fn edit_write(
        &self,
        at: &Path,
        base: Option<AnyRecord>,
        new: AnyRecord,
    ) -> Result<Write, OpError> {
        let to = self.home_of(at, &new, false)?;
        Ok(match base {
            Some(b) if to != at => Write::moved(at.to_path_buf(), to, b, new),
            base => Write::save(to, base, new),
        })
    }

    /// The moves of every private record loaded that is still in a shared folder.
    fn misplaced(&self) -> Result<Vec<Write>, OpError> {
        let root = self.store.root();
        let mut writes = Vec::new();
        // Only a private record is cloned: this runs over every record loaded, at each open
        // and each change from elsewhere.
        fn each<T: PartnershipRecord>(
            j: &Journal,
            list: &[crate::store::Loaded<T>],
            private: impl Fn(&T) -> bool,
            root: &Path,
            writes: &mut Vec<Write>,
        ) -> Result<(), OpError> {
            for l in list {
                if private(&l.value) && !is_private_path(root, &l.path) {
                    let r = l.value.clone().wrap();
                    writes.push(j.edit_write(&l.path, Some(r.clone()), r)?);
                }
            }
            Ok(())
        }
        for p in self.snap.partnerships.iter().filter(|p| p.loaded) {
            each(self, &p.meetings, |m| m.private, root, &mut writes)?;
            each(self, &p.reflections, |r| r.private, root, &mut writes)?;
        }
        Ok(writes)
    }

    /// Move the private records loaded that are still in the shared folders (a journal of an
    /// earlier version, or files synced from one) into their authors' private folders, as
    /// one batch (whole, or finished at the next open). Returns what was done, in words.
    pub(super) fn move_private_records(&mut self) -> Option<String> {
        let writes = match self.misplaced() {
            Ok(w) if w.is_empty() => return None,
            Ok(w) => w,
            Err(e) => return Some(format!("private records could not be moved: {e}")),
        };
        let n = writes.len();
        let label = "Moved private records into the private folder".to_string();
        Some(match self.apply_quietly(label, writes, Vec::new()) {
            Ok(_) => format!(
                "moved {n} private record{} out of the shared folders into {} (readable by \
                 you only, and never shared)",
                if n == 1 { "" } else { "s" },
                self.store
                    .root()
                    .join(crate::store::private::PRIVATE_DIR)
                    .display()
            ),
            Err(e) => format!(
                "{n} private record{} could not be moved into the private folder ({e}); they \
                 stay where they are and are tried again at the next open",
                if n == 1 { "" } else { "s" }
            ),
        })
    }

    /// The write of the mark that this journal keeps its private records apart, when it has
    /// none yet (written with the journal file of a new journal).
    pub(super) fn layout_mark_write(&self) -> Option<Write> {
        let path = self.store.root().join(MOVED_MARK);
        (!path.exists()).then(|| Write::file(path, "1\n".into()))
    }

    /// Whether this journal's private records were moved already (else the next open reads
    /// it whole, to find them).
    pub(super) fn private_layout_marked(store: &crate::store::Store) -> bool {
        store.root().join(MOVED_MARK).exists() || !store.root().exists()
    }

    /// At open: move what is misplaced, say so, and remember it is done.
    pub(super) fn settle_private(&mut self) {
        let said = self.move_private_records();
        let mut failed = said.as_ref().is_some_and(|s| s.contains("could not"));
        self.notices.extend(said);
        if !Journal::private_layout_marked(&self.store) {
            // The trash of an earlier version may hold deleted private records too.
            let moved = match self.store.lock() {
                Ok(_lock) => crate::store::trash::move_private(self.store.root()),
                Err(e) => Err(e),
            };
            match moved {
                Ok(0) => {}
                Ok(n) => self.notices.push(format!(
                    "moved {n} delete{} that took a private record from the trash into {}",
                    if n == 1 { "" } else { "s" },
                    self.store
                        .root()
                        .join(crate::store::trash::PRIVATE_TRASH_DIR)
                        .display()
                )),
                Err(e) => {
                    failed = true;
                    self.notices.push(format!(
                        "the trash's private records could not be moved ({e}); tried again at \
                         the next open"
                    ));
                }
            }
        }
        if !failed && self.snap.journal.is_some() && !Journal::private_layout_marked(&self.store) {
            // Without the mark, the next open reads the whole journal again: no harm.
            let _ = crate::store::private::mark_moved(self.store.root());
        }
    }
}
