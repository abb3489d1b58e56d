//! The Actions tab: every action item of the partnership's meetings in one list (who owns
//! it, when it is due, from which meeting), ticked off with Space without opening each
//! meeting's form. Open items come first; `f` shows the done ones too.

use super::{App, Overlay};
use crate::journal::{Journal, Reader};
use crate::model::{ActionItem, Meeting};
use crate::store::Loaded;

#[derive(Debug, Clone, Default)]
pub struct ActionsState {
    pub cursor: usize,
    /// Show the items done too (by default only the open ones).
    pub all: bool,
}

/// One row: an action item and the meeting it was agreed in.
pub type ActionRow<'j> = (&'j Loaded<Meeting>, &'j ActionItem);

impl App {
    /// The rows of the Actions tab.
    pub fn action_rows<'j>(&self, r: &Reader<'j>) -> Vec<ActionRow<'j>> {
        self.partner(r).map_or_else(Vec::new, |p| {
            p.action_items()
                .into_iter()
                .filter(|(_, a)| self.actions.all || !a.done)
                .collect()
        })
    }

    /// Space: the item under the cursor done, or open again.
    pub(super) fn toggle_action_done(&mut self, j: &mut Journal) {
        let r = self.reader(j);
        let Some((m, a)) = self.action_rows(&r).get(self.actions.cursor).copied() else {
            return self.info("No action items here: they are agreed in a meeting's form");
        };
        let (path, id, done) = (m.path.clone(), a.id.clone(), !a.done);
        let Some(pid) = self.pid(j) else { return };
        let result = j.set_action_done(&pid, &path, &id, done);
        self.said(j, result);
        // Showing every item, the cursor follows the item to its new place; showing the open
        // ones, a done item leaves the list and the cursor stays on the next.
        if self.actions.all {
            let r = self.reader(j);
            if let Some(i) = self
                .action_rows(&r)
                .iter()
                .position(|(m, a)| m.path == path && a.id == id)
            {
                self.actions.cursor = i;
            }
        }
        self.clamp(j);
    }

    /// `f`: show the items done too, or only the open ones.
    pub(super) fn toggle_actions_filter(&mut self) {
        self.actions.all = !self.actions.all;
        self.actions.cursor = 0;
        self.info(if self.actions.all {
            "Showing every action item, done ones too (f shows only the open ones)"
        } else {
            "Showing only open action items (f shows the done ones too)"
        });
    }

    /// Enter: the meeting the item was agreed in, to read.
    pub(super) fn open_action_meeting(&mut self, j: &Journal) {
        let r = self.reader(j);
        if let Some((m, _)) = self.action_rows(&r).get(self.actions.cursor) {
            let path = m.path.clone();
            self.overlays.push(Overlay::Meeting {
                path,
                scroll: super::Anchor::default(),
            });
        }
    }

    /// `e`: the meeting's form, to change the item (or add another).
    pub(super) fn edit_action_meeting(&mut self, j: &Journal) {
        let r = self.reader(j);
        if let Some((m, _)) = self.action_rows(&r).get(self.actions.cursor) {
            let path = m.path.clone();
            self.meeting_form(j, Some(path));
        }
    }
}
