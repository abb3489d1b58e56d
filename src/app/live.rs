//! Live reload: another process changed the journal. Re-read it, keep the cursor on the same
//! record, say what changed, and warn an open form whose record changed underneath it.

use std::collections::BTreeSet;
use std::path::PathBuf;

use super::records::AnyRecord;
use super::{App, Overlay};
use crate::store::{PartnershipData, Snapshot};

/// What changed between two readings of the journal, in words for the status bar.
pub fn describe_changes(old: &Snapshot, new: &Snapshot) -> Vec<String> {
    let mut out = Vec::new();
    for p in &new.partnerships {
        let name = &p.partnership.value.name;
        let Some(o) = old.partnership(p.id()) else {
            out.push(format!("new partnership with {name}"));
            continue;
        };
        if !o.loaded {
            continue; // its records had not been read: nothing to compare with
        }
        for sheet in &p.ticks {
            let before: BTreeSet<&String> = o
                .tick_sheet(&sheet.value.framework)
                .map(|s| s.value.ticks.keys().collect())
                .unwrap_or_default();
            let after: BTreeSet<&String> = sheet.value.ticks.keys().collect();
            for added in after.difference(&before) {
                out.push(format!("{name}: ticked {}/{added}", sheet.value.framework));
            }
            for removed in before.difference(&after) {
                out.push(format!(
                    "{name}: unticked {}/{removed}",
                    sheet.value.framework
                ));
            }
            if before == after
                && o.tick_sheet(&sheet.value.framework).map(|s| &s.value) != Some(&sheet.value)
            {
                out.push(format!(
                    "{name}: evidence changed in {}",
                    sheet.value.framework
                ));
            }
        }
        count(&mut out, name, "meeting", &o.meetings, &p.meetings);
        count(&mut out, name, "goal", &o.goals, &p.goals);
        count(&mut out, name, "reflection", &o.reflections, &p.reflections);
        if o.partnership.value != p.partnership.value {
            out.push(format!("{name}: partnership or agreement changed"));
        }
    }
    for o in &old.partnerships {
        if new.partnership(o.id()).is_none() {
            out.push(format!(
                "partnership with {} removed",
                o.partnership.value.name
            ));
        }
    }
    out
}

fn count<T: PartialEq>(
    out: &mut Vec<String>,
    name: &str,
    what: &str,
    old: &[crate::store::Loaded<T>],
    new: &[crate::store::Loaded<T>],
) {
    let added = new
        .iter()
        .filter(|n| !old.iter().any(|o| o.path == n.path))
        .count();
    let removed = old
        .iter()
        .filter(|o| !new.iter().any(|n| n.path == o.path))
        .count();
    let changed = new
        .iter()
        .filter(|n| old.iter().any(|o| o.path == n.path && o.value != n.value))
        .count();
    for (n, verb) in [(added, "added"), (removed, "deleted"), (changed, "edited")] {
        if n > 0 {
            out.push(format!(
                "{name}: {n} {what}{} {verb}",
                if n == 1 { "" } else { "s" }
            ));
        }
    }
}

fn current_of(
    p: Option<&PartnershipData>,
    record: &Option<AnyRecord>,
    path: &std::path::Path,
) -> Option<AnyRecord> {
    let p = p?;
    match record {
        Some(AnyRecord::Meeting(_)) => p
            .meetings
            .iter()
            .find(|m| m.path == path)
            .map(|m| AnyRecord::Meeting(m.value.clone())),
        Some(AnyRecord::Goal(_)) => p
            .goals
            .iter()
            .find(|m| m.path == path)
            .map(|m| AnyRecord::Goal(m.value.clone())),
        Some(AnyRecord::Reflection(_)) => p
            .reflections
            .iter()
            .find(|m| m.path == path)
            .map(|m| AnyRecord::Reflection(m.value.clone())),
        Some(AnyRecord::Stage(_)) => p
            .stages
            .iter()
            .find(|m| m.path == path)
            .map(|m| AnyRecord::Stage(m.value.clone())),
        Some(AnyRecord::Partnership(_)) => {
            Some(AnyRecord::Partnership(p.partnership.value.clone()))
        }
        _ => None,
    }
}

impl App {
    /// Files changed on disk (by another process, or by this one). Reload and report.
    pub fn external_change(&mut self, _paths: &[PathBuf]) {
        let keep_meeting = self
            .meetings()
            .get(self.meeting_cursor)
            .map(|m| m.path.clone());
        let keep_goal = self.goals().get(self.goal_cursor).map(|g| g.path.clone());
        let old = self.snap.clone();
        self.reload();
        let changes = describe_changes(&old, &self.snap);
        if let Some(path) = keep_meeting
            && let Some(i) = self.meetings().iter().position(|m| m.path == path)
        {
            self.meeting_cursor = i;
        }
        if let Some(path) = keep_goal
            && let Some(i) = self.goals().iter().position(|g| g.path == path)
        {
            self.goal_cursor = i;
        }
        // An open form whose record changed: say so before it saves (the save merges).
        let partner = self.snap.partnerships.get(self.selected).cloned();
        for overlay in &mut self.overlays {
            if let Overlay::Form(form) = overlay
                && form.base.is_some()
            {
                let path = match &form.target {
                    super::form::FormTarget::EditMeeting(p)
                    | super::form::FormTarget::EditGoal(p)
                    | super::form::FormTarget::EditReflection(p) => Some(p.clone()),
                    super::form::FormTarget::Agreement | super::form::FormTarget::Evaluation => {
                        partner.as_ref().map(|p| p.partnership.path.clone())
                    }
                    super::form::FormTarget::StageRecord { framework, stage } => {
                        partner.as_ref().map(|p| {
                            p.dir
                                .join("stages")
                                .join(format!("{framework}-{stage}.ron"))
                        })
                    }
                    _ => None,
                };
                if let Some(path) = path {
                    let now = current_of(partner.as_ref(), &form.base, &path);
                    if now.is_some() && now != form.base {
                        form.changed_elsewhere = true;
                    }
                }
            }
        }
        if !changes.is_empty() {
            let more = if changes.len() > 1 {
                format!(" (+{} more)", changes.len() - 1)
            } else {
                String::new()
            };
            self.info(format!("Changed elsewhere: {}{more}", changes[0]));
        }
    }
}
