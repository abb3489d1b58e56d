//! Live reload: another process changed the journal. The core re-reads it and says what
//! changed; the screen keeps its cursor on the same record and warns an open form whose record
//! changed underneath it.

use std::path::PathBuf;

use super::form::FormTarget;
use super::{App, Overlay};
use crate::journal::Journal;
use crate::store::AnyRecord;

impl App {
    /// Files changed on disk (by another process, or by this one). Reload and report.
    pub fn external_change(&mut self, j: &mut Journal, paths: &[PathBuf]) {
        let r = self.reader(j);
        let keep_partner = self.partner(&r).map(|p| p.id().to_string());
        let keep_meeting = self
            .meetings(&r)
            .get(self.meeting_cursor)
            .map(|m| m.path.clone());
        let keep_goal = self.goals(&r).get(self.goal_cursor).map(|g| g.path.clone());
        let changes = j.reload_changed(paths);
        let r = self.reader(j);
        if let Some(i) = keep_partner.and_then(|id| r.position(&id)) {
            self.selected = i;
        }
        if let Some(path) = keep_meeting
            && let Some(i) = self.meetings(&r).iter().position(|m| m.path == path)
        {
            self.meeting_cursor = i;
        }
        if let Some(path) = keep_goal
            && let Some(i) = self.goals(&r).iter().position(|g| g.path == path)
        {
            self.goal_cursor = i;
        }
        // An open form whose record changed: say so before it saves (the save merges).
        let partner = self.partner(&r);
        for overlay in &mut self.overlays {
            let Overlay::Form(form) = overlay else {
                continue;
            };
            let Some(base) = &form.base else {
                continue;
            };
            let now: Option<AnyRecord> = partner.as_ref().and_then(|p| match &form.target {
                FormTarget::EditMeeting(path) => p
                    .meeting_at(path)
                    .map(|m| AnyRecord::Meeting(m.value.clone())),
                FormTarget::EditGoal(path) | FormTarget::ReviewNote(path) => {
                    p.goal_at(path).map(|g| AnyRecord::Goal(g.value.clone()))
                }
                FormTarget::EditReflection(path) => p
                    .reflection_at(path)
                    .map(|x| AnyRecord::Reflection(x.value.clone())),
                FormTarget::Agreement | FormTarget::Evaluation => {
                    Some(AnyRecord::Partnership(p.partnership().clone()))
                }
                FormTarget::StageRecord { framework, stage } => p
                    .stage(framework, stage)
                    .map(|s| AnyRecord::Stage(s.value.clone())),
                _ => None,
            });
            if now.as_ref() != Some(base) {
                form.changed_elsewhere = true;
                form.deleted_elsewhere = now.is_none();
            }
        }
        self.after_load(j);
        // A conflict of this screen's own making is the most important thing to say.
        if let Some(mine) = changes.iter().find(|c| c.starts_with("your edit")) {
            self.error(super::capitalise(mine));
        } else if !changes.is_empty() && self.status.as_ref().is_none_or(|s| !s.error) {
            let more = if changes.len() > 1 {
                format!(" (+{} more)", changes.len() - 1)
            } else {
                String::new()
            };
            self.info(format!("Changed elsewhere: {}{more}", changes[0]));
        }
    }
}
