//! The conflicts popup: conflict copies (kept when two people changed the same field of one
//! record at once) with the fields that differ; keep this version or take the other. The
//! comparison is the journal core's, made when the journal was read; resolving is the core's.

use super::{Action, App, Handled, Overlay};
use crate::journal::{Journal, Resolution};

impl App {
    pub(super) fn open_conflicts(&mut self, j: &Journal) {
        if self.reader(j).conflicts().is_empty() {
            return self.info("No conflict copies: nothing to resolve");
        }
        self.overlays.push(Overlay::Conflicts { cursor: 0 });
    }

    pub(super) fn conflicts_action(&mut self, j: &mut Journal, action: Action) -> Handled {
        let n = self.reader(j).conflicts().len();
        let Some(Overlay::Conflicts { cursor }) = self.overlays.last_mut() else {
            return Handled::NotConsumed;
        };
        match action {
            Action::Cancel => {
                self.overlays.pop();
            }
            Action::Down => *cursor = (*cursor + 1).min(n.saturating_sub(1)),
            Action::Up => *cursor = cursor.saturating_sub(1),
            Action::KeepMine | Action::TakeTheirs => {
                let how = if action == Action::TakeTheirs {
                    Resolution::TakeTheirs
                } else {
                    Resolution::KeepMine
                };
                let at = *cursor;
                let Some(copy) = self.reader(j).conflicts().get(at).map(|c| c.copy.clone()) else {
                    return Handled::Consumed;
                };
                let result = j.resolve(&copy, how);
                match result {
                    Ok(o) => self.info(o.label),
                    Err(e) => self.error(super::capitalise(&e.to_string())),
                }
                let left = self.reader(j).conflicts().len();
                if left == 0 {
                    self.overlays
                        .retain(|o| !matches!(o, Overlay::Conflicts { .. }));
                } else if let Some(Overlay::Conflicts { cursor }) = self.overlays.last_mut() {
                    *cursor = (*cursor).min(left - 1);
                }
                self.clamp(j);
            }
            _ => return Handled::NotConsumed,
        }
        Handled::Consumed
    }
}
