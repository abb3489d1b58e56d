//! Keys in popups: each popup takes its actions from the keymap (its own context), scrolls,
//! answers, chooses or saves, and says whether it used the action.

use super::form::{FieldKind, FormEvent};
use super::picker::{PickEvent, PickPurpose, Picker};
use super::{
    Action, Anchor, App, Confirmed, Effect, Field, Form, FormTarget, Handled, Overlay, Viewport,
    forms,
};
use crate::journal::Journal;

impl App {
    /// An action while a popup is open.
    pub(super) fn popup_action(
        &mut self,
        j: &mut Journal,
        action: Action,
        vp: Viewport,
    ) -> (Handled, Effect) {
        use Handled::{Consumed, NotConsumed};
        // Where each scroll key takes the text, as the ui measured it for this screen.
        let scroll = |s: &mut Anchor, action: Action| -> Handled {
            if !super::is_scroll(action) {
                return NotConsumed;
            }
            if let Some(to) = vp.scroll.and_then(|t| t.target(action)) {
                *s = to;
            }
            Consumed
        };
        let Some(top) = self.overlays.last_mut() else {
            return (NotConsumed, Effect::None);
        };
        let handled = match top {
            Overlay::Help { scroll: s }
            | Overlay::Agenda { scroll: s }
            | Overlay::Passages { scroll: s, .. } => match action {
                Action::Cancel | Action::Help => {
                    self.overlays.pop();
                    Consumed
                }
                a => scroll(s, a),
            },
            Overlay::Reflection { path, scroll: s } => match action {
                Action::Edit => {
                    // The form takes the view's place (a text too long for a form stays open
                    // to read).
                    let path = path.clone();
                    let n = self.overlays.len();
                    self.reflection_form(j, Some(path));
                    if self.overlays.len() > n {
                        self.overlays.remove(n - 1);
                    }
                    Consumed
                }
                Action::Cancel => {
                    self.overlays.pop();
                    Consumed
                }
                a => scroll(s, a),
            },
            Overlay::Meeting { path, scroll: s } => match action {
                Action::Edit => {
                    let path = path.clone();
                    let n = self.overlays.len();
                    self.meeting_form(j, Some(path));
                    if self.overlays.len() > n {
                        self.overlays.remove(n - 1);
                    }
                    Consumed
                }
                Action::Cancel => {
                    self.overlays.pop();
                    Consumed
                }
                a => scroll(s, a),
            },
            Overlay::Confirm { then, .. } => {
                let then = then.clone();
                match action {
                    Action::Yes => {
                        self.overlays.pop();
                        match then {
                            Confirmed::DiscardForm => {
                                self.overlays.pop();
                            }
                            Confirmed::RestoreForm => {
                                if let Some(Overlay::Form(f)) = self.overlays.last_mut() {
                                    f.restore = true;
                                }
                                self.submit_form(j);
                            }
                            Confirmed::RestoreDraft(path) => self.restore_draft(j, path, true),
                            Confirmed::Delete(path) => self.delete_now(j, &path),
                            Confirmed::RemovePartnership(pid) => {
                                let result = j.remove_partnership(&pid);
                                self.said(j, result);
                                self.after_load(j);
                            }
                            Confirmed::RemoveMember(id) => {
                                let result = j.remove_member(&id);
                                self.said(j, result);
                                self.clamp_members(j);
                            }
                        }
                        Consumed
                    }
                    Action::No | Action::Cancel => {
                        self.overlays.pop();
                        match then {
                            Confirmed::RestoreForm => {
                                self.overlays.pop();
                                self.info("The edit was discarded: the record stays deleted");
                            }
                            Confirmed::RestoreDraft(path) => self.restore_draft(j, path, false),
                            Confirmed::DiscardForm
                            | Confirmed::Delete(_)
                            | Confirmed::RemovePartnership(_)
                            | Confirmed::RemoveMember(_) => {}
                        }
                        Consumed
                    }
                    _ => NotConsumed,
                }
            }
            Overlay::Search(_) => self.search_action(j, action),
            Overlay::Conflicts { .. } => self.conflicts_action(j, action),
            Overlay::Members { .. } => self.members_action(j, action),
            Overlay::Welcome => match action {
                Action::NewPartnership | Action::Open => {
                    self.new_partnership_form(j);
                    Consumed
                }
                Action::OpenDemo => return (Consumed, Effect::OpenDemo),
                Action::Quit | Action::Cancel => {
                    self.quit = true;
                    Consumed
                }
                Action::Help => {
                    self.overlays.push(Overlay::Help {
                        scroll: Anchor::default(),
                    });
                    Consumed
                }
                _ => NotConsumed,
            },
            Overlay::Picker(p) => match p.act(action) {
                (h, PickEvent::None) => h,
                (_, PickEvent::Cancel) => {
                    self.overlays.pop();
                    Consumed
                }
                (_, PickEvent::Done(ids)) => {
                    let purpose = p.purpose.clone();
                    self.overlays.pop();
                    self.picked(j, purpose, ids);
                    Consumed
                }
            },
            Overlay::Form(form) => {
                let (h, event) = form.act(action);
                match event {
                    FormEvent::None => {}
                    FormEvent::Cancel => {
                        if form.dirty {
                            self.overlays.push(Overlay::Confirm {
                                message: "Discard the changes in this form? (y/n)".into(),
                                then: Confirmed::DiscardForm,
                            });
                        } else {
                            self.overlays.pop();
                        }
                    }
                    FormEvent::Save => self.submit_form(j),
                    FormEvent::Pick(i) => {
                        if let FieldKind::Picks { options, chosen } = &form.fields[i].kind {
                            let picker = Picker::new(
                                format!(
                                    "{} (type to filter, Space choose, Enter done)",
                                    form.fields[i].label
                                ),
                                PickPurpose::FormField(i),
                                options.clone(),
                                chosen.clone(),
                                true,
                            );
                            self.overlays.push(Overlay::Picker(picker));
                        }
                    }
                    FormEvent::EditAction(i) => {
                        let items = form.action_items("Action items");
                        let item = i.and_then(|i| items.get(i)).cloned();
                        self.overlays
                            .push(Overlay::Form(Box::new(forms::action_item_form(
                                i,
                                item.as_ref(),
                            ))));
                    }
                    FormEvent::Agenda => self.overlays.push(Overlay::Agenda {
                        scroll: Anchor::default(),
                    }),
                    FormEvent::ExternalEditor(i) => {
                        return (Consumed, Effect::EditText(form.fields[i].value()));
                    }
                }
                h
            }
        };
        // Help is at hand in every popup that does not take typing.
        let handled = if handled == NotConsumed && action == Action::Help {
            self.overlays.push(Overlay::Help {
                scroll: Anchor::default(),
            });
            Consumed
        } else {
            handled
        };
        self.refresh(j);
        (handled, Effect::None)
    }

    pub(super) fn picked(&mut self, j: &mut Journal, purpose: PickPurpose, ids: Vec<String>) {
        let pid = self.pid(j);
        match purpose {
            PickPurpose::FormField(i) => {
                if let Some(Overlay::Form(form)) = self.overlays.last_mut()
                    && let Some(FieldKind::Picks { chosen, .. }) =
                        form.fields.get_mut(i).map(|f| &mut f.kind)
                {
                    *chosen = ids;
                    form.dirty = true;
                }
            }
            PickPurpose::Palette => {
                if let Some(a) = ids.first().and_then(|n| Action::from_name(n)) {
                    self.update(j, a, Viewport::default());
                }
            }
            PickPurpose::Framework => {
                if let Some(n) = ids.first().and_then(|s| s.parse().ok()) {
                    self.checklist.framework = n;
                    self.checklist.cursor = 0;
                    self.checklist.collapsed.clear();
                }
            }
            PickPurpose::Level { framework, item } => {
                let (Some(level), Some(pid)) = (ids.into_iter().next(), pid) else {
                    return;
                };
                let req = crate::journal::TickRequest {
                    level: Some(level),
                    ..Default::default()
                };
                let result = j.tick(&pid, &framework, &item, req);
                self.said(j, result);
            }
            PickPurpose::EvidenceKind { framework, item } => {
                match ids.first().map(String::as_str) {
                    Some("meeting") => {
                        let options: Vec<(String, String)> = self
                            .meetings(&self.reader(j))
                            .iter()
                            .map(|m| {
                                (
                                    m.value.id.clone(),
                                    format!("{}  {}", m.value.date, m.value.focus),
                                )
                            })
                            .collect();
                        if options.is_empty() {
                            return self.info("No meetings yet: log one first (Meetings tab, n)");
                        }
                        self.overlays.push(Overlay::Picker(Picker::new(
                            format!("Meeting that evidences {framework}/{item}"),
                            PickPurpose::EvidenceMeeting { framework, item },
                            options,
                            [],
                            false,
                        )));
                    }
                    Some("text") => {
                        let form = Form::new(
                            format!("Evidence for {framework}/{item}"),
                            FormTarget::EvidenceText { framework, item },
                            vec![Field::text("Evidence", "", 4)],
                        );
                        self.overlays.push(Overlay::Form(Box::new(form)));
                    }
                    _ => {}
                }
            }
            PickPurpose::EvidenceMeeting { framework, item } => {
                let (Some(mid), Some(pid)) = (ids.into_iter().next(), pid) else {
                    return;
                };
                let req = crate::journal::TickRequest {
                    meetings: vec![mid],
                    ..Default::default()
                };
                let result = j.tick(&pid, &framework, &item, req);
                self.said(j, result);
            }
        }
    }
}
