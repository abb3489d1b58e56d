//! Drafts of forms: a form with unsaved edits is kept as a draft while it is open (the event
//! loop writes it into the journal's private folder), so a lost terminal or SSH connection
//! does not lose it; the next start offers to bring it back, as it was, to be saved or let go.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::form::{Field, FieldKind, Form, FormTarget};
use super::{App, Confirmed, Overlay, Pane, Tab};
use crate::journal::Journal;
use crate::store::batch::{any_text, parse_any};
use crate::store::{AnyRecord, Kind};

/// A form as it stood, enough to rebuild it.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct FormDraft {
    /// The partnership the form belongs to.
    partnership: Option<String>,
    title: String,
    target: FormTarget,
    hint: Option<String>,
    #[serde(default)]
    aside: Option<super::form::Aside>,
    fields: Vec<DraftField>,
    /// The record as the form opened on it (its kind and text), the base its save merges
    /// against.
    base: Option<(Kind, String)>,
    new_id: Option<String>,
    /// The member whose session was filling it in (`None`: the owner's; a draft of an
    /// earlier version): only their session is offered it back, for it may hold their
    /// private text.
    #[serde(default)]
    member: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct DraftField {
    label: String,
    kind: FieldKind,
    text: String,
}

impl App {
    /// The draft of the form being filled in, if it has unsaved edits (the record's own form,
    /// the lowest open one: an action item's form is part of its meeting's).
    pub fn form_draft(&self, j: &Journal) -> Option<String> {
        let form = self.overlays.iter().find_map(|o| match o {
            Overlay::Form(f) if !matches!(f.target, FormTarget::ActionItem(_)) => Some(f),
            _ => None,
        })?;
        if !form.dirty {
            return None;
        }
        let draft = FormDraft {
            partnership: self.pid(j),
            title: form.title.clone(),
            target: form.target.clone(),
            hint: form.hint.clone(),
            aside: form.aside.clone(),
            fields: form
                .fields
                .iter()
                .map(|f| DraftField {
                    label: f.label.clone(),
                    kind: f.kind.clone(),
                    text: f.value(),
                })
                .collect(),
            base: form
                .base
                .as_ref()
                .and_then(|b| Some((b.kind(), any_text(b).ok()?))),
            new_id: form.new_id.clone(),
            member: Some(j.actor()),
        };
        crate::store::to_ron(&draft).ok()
    }

    /// Offer to restore the first draft a stopped mentorlog kept.
    pub(super) fn offer_draft(&mut self, j: &Journal) {
        let actor = j.actor();
        let owner = j.owner_id();
        let mine = |d: &Result<FormDraft, _>| match d {
            Ok(d) => d.member.as_deref().unwrap_or(&owner) == actor,
            // One that cannot be read is the owner's to see and let go.
            Err(_) => actor == owner,
        };
        let Some((path, draft)) = j.form_drafts().into_iter().find_map(|(path, text)| {
            let d = crate::model::ron_options().from_str::<FormDraft>(&text);
            mine(&d).then_some((path, d))
        }) else {
            return;
        };
        let what = draft.map(|d| d.title).unwrap_or_else(|_| "a form".into());
        self.overlays.push(Overlay::Confirm {
            message: format!(
                "\"{what}\" was being filled in when mentorlog stopped, and was not saved. \
                 Bring it back to finish it? (y: restore it, n: let it go)"
            ),
            then: Confirmed::RestoreDraft(path),
        });
    }

    /// Bring a kept draft back as the form it was (or say why not), and remove it.
    pub(super) fn restore_draft(&mut self, j: &mut Journal, path: PathBuf, restore: bool) {
        let text = j
            .form_drafts()
            .into_iter()
            .find(|(p, _)| *p == path)
            .map(|(_, t)| t);
        let _ = j.discard_draft(&path);
        if !restore {
            return self.info("The draft was let go");
        }
        let Some(draft) =
            text.and_then(|t| crate::model::ron_options().from_str::<FormDraft>(&t).ok())
        else {
            return self.error("The draft could not be read; it was let go");
        };
        if let Some(i) = draft
            .partnership
            .as_deref()
            .and_then(|id| self.reader(j).position(id))
        {
            self.selected = i;
            if let Some(id) = draft.partnership.as_deref() {
                j.ensure_loaded(id);
            }
        }
        self.tab = match draft.target {
            FormTarget::NewMeeting | FormTarget::EditMeeting(_) | FormTarget::Thoughts(_) => {
                Tab::Meetings
            }
            FormTarget::NewGoal
            | FormTarget::EditGoal(_)
            | FormTarget::ReviewNote(_)
            | FormTarget::Comment(_) => Tab::Goals,
            FormTarget::NewReflection
            | FormTarget::EditReflection(_)
            | FormTarget::StageRecord { .. } => Tab::Reflections,
            FormTarget::Agreement | FormTarget::Evaluation => Tab::Agreement,
            FormTarget::EvidenceText { .. } => Tab::Checklists,
            FormTarget::NewPartnership
            | FormTarget::EditPartnership(_)
            | FormTarget::ActionItem(_)
            | FormTarget::NewMember => Tab::Dashboard,
        };
        self.pane = Pane::Main;
        let fields = draft
            .fields
            .into_iter()
            .map(|f| {
                let mut field = Field::line(f.label, "");
                field.kind = f.kind;
                field.set_value(&f.text);
                field
            })
            .collect();
        let mut form = Form::new(draft.title, draft.target, fields);
        form.hint = draft.hint;
        form.aside = draft.aside;
        form.new_id = draft.new_id;
        form.base = draft
            .base
            .and_then(|(kind, text)| parse_any(kind, std::path::Path::new("draft"), &text).ok());
        form.dirty = true;
        // The record may have changed since: the save merges with that, field by field.
        form.changed_elsewhere = form.base.as_ref().is_some_and(|b| {
            let now: Option<AnyRecord> = self.partner(&self.reader(j)).and_then(|p| {
                let path = match &form.target {
                    FormTarget::EditMeeting(x)
                    | FormTarget::EditGoal(x)
                    | FormTarget::ReviewNote(x)
                    | FormTarget::EditReflection(x) => x.clone(),
                    _ => return None,
                };
                p.meeting_at(&path)
                    .map(|m| AnyRecord::Meeting(m.value.clone()))
                    .or_else(|| p.goal_at(&path).map(|g| AnyRecord::Goal(g.value.clone())))
                    .or_else(|| {
                        p.reflection_at(&path)
                            .map(|r| AnyRecord::Reflection(r.value.clone()))
                    })
            });
            now.is_some_and(|n| &n != b)
        });
        self.overlays.retain(|o| !matches!(o, Overlay::Welcome));
        self.overlays.push(Overlay::Form(Box::new(form)));
        self.info("The draft is back: finish it and save, or Esc to let it go");
    }
}
