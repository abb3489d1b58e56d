//! The forms of the log and the action plan: a record becomes a form, a form becomes the
//! record to save, and the journal core saves it. A form that cannot be saved as it is stays
//! open with its errors (nothing typed is lost); one whose record was deleted elsewhere asks
//! whether to bring the record back with the edit or to let the edit go.

use std::path::PathBuf;

use chrono::NaiveTime;

use super::form::{Aside, AsideKind, Field, FieldKind, Form, FormTarget, Invalid};
use super::{App, Confirmed, Overlay, Pane, Tab};
use crate::journal::{Journal, OpError, Outcome, Save};
use crate::model::{
    ActionItem, Goal, GoalStatus, Meeting, MeetingMode, MeetingType, Owner, Partnership,
    PartnershipKind, PartnershipStatus, Pathway, Review, Rhythm, SCHEMA_VERSION, first_line,
    new_id,
};
use crate::store::AnyRecord;

pub(super) fn action_item_form(index: Option<usize>, item: Option<&ActionItem>) -> Form {
    Form::new(
        "Action item",
        FormTarget::ActionItem(index),
        vec![
            Field::line("Action", item.map_or("", |i| i.text.as_str())),
            Field::choice("Owner", Owner::ALL, item.map_or(Owner::Mentee, |i| i.owner)),
            Field::date("Due", item.and_then(|i| i.due), false),
            Field::choice(
                "Done",
                &["no", "yes"],
                if item.is_some_and(|i| i.done) {
                    "yes"
                } else {
                    "no"
                },
            ),
        ],
    )
}

impl App {
    /// Save the top form through the journal core.
    pub(super) fn submit_form(&mut self, j: &mut Journal) {
        let Some(Overlay::Form(mut form)) = self.overlays.pop() else {
            return;
        };
        let today = j.today();
        let pid = self.pid(j);
        let result: Result<Option<Result<Outcome, OpError>>, Invalid> = match form.target.clone() {
            FormTarget::NewPartnership => {
                read_partnership(&mut form, today, None).map(|p| Some(j.add_partnership(p)))
            }
            FormTarget::EditPartnership(pid) => {
                let base = match &form.base {
                    Some(AnyRecord::Partnership(b)) => Some(b.clone()),
                    _ => None,
                };
                match base {
                    Some(base) => read_partnership(&mut form, today, Some(&base))
                        .map(|new| Some(j.edit_partnership(&pid, &base, new))),
                    None => Err(Invalid),
                }
            }
            FormTarget::NewMeeting | FormTarget::EditMeeting(_) => read_meeting(&mut form, today)
                .and_then(|s| {
                    let pid = pid.clone().ok_or(Invalid)?;
                    Ok(Some(j.save_meeting(&pid, s)))
                }),
            FormTarget::NewGoal | FormTarget::EditGoal(_) => {
                read_goal(&mut form, today).and_then(|s| {
                    let pid = pid.clone().ok_or(Invalid)?;
                    Ok(Some(j.save_goal(&pid, s)))
                })
            }
            FormTarget::ReviewNote(_) => read_review(&mut form, today).and_then(|s| {
                let pid = pid.clone().ok_or(Invalid)?;
                Ok(Some(j.save_goal(&pid, s)))
            }),
            FormTarget::EvidenceText { framework, item } => form
                .require("Evidence", "what shows the item achieved")
                .and_then(|text| {
                    let pid = pid.clone().ok_or(Invalid)?;
                    let req = crate::journal::TickRequest {
                        notes: vec![text],
                        ..Default::default()
                    };
                    Ok(Some(j.tick(&pid, &framework, &item, req)))
                }),
            FormTarget::ActionItem(i) => self.save_action_item(&mut form, i, today).map(|()| None),
            FormTarget::Agreement => self.read_agreement(j, &mut form).and_then(|(base, new)| {
                let pid = pid.clone().ok_or(Invalid)?;
                Ok(Some(j.update_partnership(
                    &pid,
                    &base,
                    new,
                    "Mentoring agreement",
                )))
            }),
            FormTarget::Evaluation => self.read_evaluation(j, &mut form).and_then(|(base, new)| {
                let pid = pid.clone().ok_or(Invalid)?;
                Ok(Some(j.update_partnership(&pid, &base, new, "Evaluation")))
            }),
            FormTarget::NewReflection | FormTarget::EditReflection(_) => {
                self.read_reflection(&mut form, today).and_then(|s| {
                    let pid = pid.clone().ok_or(Invalid)?;
                    Ok(Some(j.save_reflection(&pid, s)))
                })
            }
            FormTarget::Thoughts(id) => super::mentee::read_thoughts(&mut form, today, id)
                .and_then(|t| {
                    let pid = pid.clone().ok_or(Invalid)?;
                    Ok(Some(j.save_thoughts(&pid, t)))
                }),
            FormTarget::Comment(goal) => {
                form.require("Comment", "what you want to say")
                    .and_then(|text| {
                        let pid = pid.clone().ok_or(Invalid)?;
                        Ok(Some(j.comment_goal(&pid, &goal, &text)))
                    })
            }
            FormTarget::NewMember => self.read_member(j, &mut form).map(Some),
            FormTarget::StageRecord { .. } => {
                let restore = form.restore;
                self.read_stage(&mut form, today).and_then(|(b, n)| {
                    let pid = pid.clone().ok_or(Invalid)?;
                    // Brought back after a delete elsewhere: written as new, with the edit.
                    let b = if restore { None } else { b };
                    Ok(Some(j.save_stage(&pid, b, n)))
                })
            }
        };
        match result {
            // Keep the form open, with its errors shown, so nothing typed is lost.
            Err(Invalid) => self.overlays.push(Overlay::Form(form)),
            Ok(None) => {}
            Ok(Some(Err(OpError::Gone { noun, .. }))) => {
                self.overlays.push(Overlay::Form(form));
                self.overlays.push(Overlay::Confirm {
                    message: format!(
                        "This {noun} was deleted elsewhere since you opened it. Bring it back \
                         with your edit? (y: restore it, n: discard the edit)"
                    ),
                    then: Confirmed::RestoreForm,
                });
            }
            Ok(Some(Err(e))) => {
                self.error(super::capitalise(&e.to_string()));
                self.overlays.push(Overlay::Form(form));
            }
            Ok(Some(Ok(o))) => self.form_saved(j, &form.target, o),
        }
    }

    /// A form's record is saved: say so and put the cursor on it.
    fn form_saved(&mut self, j: &Journal, target: &FormTarget, o: Outcome) {
        let record = o.record.clone();
        if let FormTarget::NewPartnership = target {
            let r = self.reader(j);
            if let Some(i) = record.as_ref().and_then(|path| {
                r.partnerships().iter().position(|p| {
                    path.parent() == Some(&r.root().join("partnerships").join(p.id()))
                })
            }) {
                self.selected = i;
            }
            self.overlays.retain(|o| !matches!(o, Overlay::Welcome));
            self.tab = Tab::Dashboard;
            self.pane = Pane::Main;
        }
        let outcomes = match (
            &target,
            o.changes.iter().find_map(|c| match &c.after {
                Some(AnyRecord::Partnership(p)) => p.agreement.as_ref().map(|a| a.outcomes.len()),
                _ => None,
            }),
        ) {
            (FormTarget::Agreement, Some(n)) => Some(n),
            _ => None,
        };
        self.said(j, Ok(o));
        if let Some(n) = outcomes
            && n < crate::model::AGREEMENT_OUTCOMES
        {
            self.error(format!(
                "Agreement saved with {n} outcome(s): ScotELAs asks for at least {}",
                crate::model::AGREEMENT_OUTCOMES
            ));
        }
        let r = self.reader(j);
        if let Some(path) = record {
            match target {
                FormTarget::NewMeeting | FormTarget::EditMeeting(_) => {
                    if let Some(i) = self.meetings(&r).iter().position(|m| m.path == path) {
                        self.meeting_cursor = i;
                    }
                }
                FormTarget::NewGoal | FormTarget::EditGoal(_) => {
                    if let Some(i) = self.goals(&r).iter().position(|g| g.path == path) {
                        self.goal_cursor = i;
                    }
                }
                _ => {}
            }
        }
    }

    // ----- partnerships -----

    pub(super) fn new_partnership_form(&mut self, j: &Journal) {
        self.partnership_form(j, None);
    }

    /// The partnership under the cursor, to edit: details, dates, status and frameworks.
    pub(super) fn edit_partnership_form(&mut self, j: &Journal) {
        let r = self.reader(j);
        let Some(p) = self.partner(&r).map(|p| p.partnership().clone()) else {
            return self.info("No partnership to edit: n starts one");
        };
        self.partnership_form(j, Some(p));
    }

    fn partnership_form(&mut self, j: &Journal, existing: Option<Partnership>) {
        let p = existing.clone();
        let framework_options: Vec<(String, String)> = j
            .frameworks()
            .iter()
            .map(|f| (f.id.clone(), format!("{:<20} {}", f.id, f.title)))
            .collect();
        let chosen = p
            .as_ref()
            .map_or_else(|| vec!["curee".to_string()], |p| p.frameworks.clone());
        let lsis = format!("LSIS: {}", crate::model::LSIS_RHYTHM);
        let cadences = ["every N days (below)", lsis.as_str()];
        let mut fields = vec![
            Field::line("Name", p.as_ref().map_or("", |p| &p.name)),
            Field::choice(
                "Kind",
                PartnershipKind::ALL,
                p.as_ref().map_or(PartnershipKind::Induction, |p| p.kind),
            ),
            Field::choice(
                "Pathway",
                Pathway::ALL,
                p.as_ref().map_or(Pathway::RoleFocused, |p| p.pathway),
            ),
            Field::line(
                "Focus area",
                p.as_ref().and_then(|p| p.focus.as_deref()).unwrap_or(""),
            ),
            // The meeting target: every N days (the field below), or the LSIS rhythm.
            Field::choice(
                "Cadence",
                &cadences,
                cadences[usize::from(p.as_ref().is_some_and(|p| p.rhythm == Rhythm::Lsis))],
            ),
            Field::number(
                "Meet every (days)",
                Some(p.as_ref().map_or(14, |p| p.cadence_days)),
            ),
            Field::date(
                "Start date",
                Some(p.as_ref().map_or(j.today(), |p| p.start)),
                true,
            ),
            Field::picks("Frameworks", framework_options, chosen),
        ];
        let (target, title, hint) = match &p {
            Some(p) => {
                fields.push(Field::date("End date", p.end, false));
                fields.push(Field::choice("Status", PartnershipStatus::ALL, p.status));
                (
                    FormTarget::EditPartnership(p.id.clone()),
                    format!("Partnership with {}", p.name),
                    "Set an end date and status closed to end it; d in the list removes it.",
                )
            }
            None => (
                FormTarget::NewPartnership,
                "New partnership".to_string(),
                "The other person (or people) in the mentoring partnership. The LSIS criteria \
                 for being mentored are beside the form (Ctrl-g shows them on a narrow screen).",
            ),
        };
        let mut form = Form::new(title, target, fields);
        form.hint = Some(hint.into());
        // Starting a partnership: LSIS's criteria for who is to be mentored, beside the form.
        if existing.is_none() {
            form.aside = crate::framework::prompts::bundled_prompts()
                .bank("criteria-for-being-mentored")
                .map(|b| {
                    let mut a = Aside::from_bank(AsideKind::Criteria, b);
                    a.title = format!("LSIS: {}", b.title);
                    a
                });
        }
        form.base = existing.map(AnyRecord::Partnership);
        self.overlays.push(Overlay::Form(Box::new(form)));
    }

    /// Remove the partnership under the cursor, after a yes.
    pub(super) fn remove_partnership_confirm(&mut self, j: &Journal) {
        let r = self.reader(j);
        let Some(p) = self.partner(&r) else {
            return;
        };
        let n = |k: usize, what: &str| format!("{k} {what}{}", if k == 1 { "" } else { "s" });
        let message = format!(
            "Remove the partnership with {} and all it holds ({}, {}, {})? It goes to the \
             trash: u brings it back. (y/n)",
            p.name(),
            n(p.meetings().len(), "meeting"),
            n(p.goals().len(), "goal"),
            n(p.reflections().len(), "reflection"),
        );
        let pid = p.id().to_string();
        self.overlays.push(Overlay::Confirm {
            message,
            then: Confirmed::RemovePartnership(pid),
        });
    }

    // ----- meetings -----

    pub(super) fn meeting_form(&mut self, j: &Journal, path: Option<PathBuf>) {
        let r = self.reader(j);
        let Some(p) = self.partner(&r) else {
            return;
        };
        let existing = path.as_ref().and_then(|path| p.meeting_at(path));
        if let Some(l) = existing {
            let m = &l.value;
            let long = super::form::too_long("The notes", &m.notes)
                .or_else(|| super::form::too_long("The focus", &m.focus))
                .or_else(|| super::form::too_long("The outcomes", &m.outcomes));
            if let Some(why) = long {
                return self.too_long_to_edit(j, &why, &l.path);
            }
        }
        let existing_value = existing.map(|l| l.value.clone());
        let mut m = existing.map_or_else(|| Meeting::new(new_id(), j.today()), |l| l.value.clone());
        // A partnership's first meeting is offered the first-conversation questions as its
        // agenda: shown beside the notes, not written into them.
        let banks = crate::framework::prompts::bundled_prompts();
        let agenda = (existing.is_none() && p.meetings().is_empty())
            .then(|| banks.bank("first-conversation"))
            .flatten()
            .map(|b| {
                Aside::new(
                    AsideKind::Agenda,
                    format!("Agenda: {}", b.title),
                    b.prompts.clone(),
                )
            });
        if agenda.is_some() {
            m.focus = "First conversation".into();
        }
        // The mentee's pre-meeting thought document, written for this meeting, beside it.
        let thoughts = super::mentee::thoughts_aside(&p, existing.map(|l| l.value.date));
        let goal_options = p
            .goals()
            .iter()
            .map(|g| (g.value.id.clone(), g.value.objective.clone()))
            .collect();
        let set = r.frameworks();
        let mut item_options: Vec<(String, String)> = Vec::new();
        for fw in p.frameworks() {
            for (_, item) in fw.items() {
                let (f, i) = set.tick_address(&fw.id, &item.id);
                let (rf, ri) = set.referenced(&fw.id, &item.id);
                let text = set
                    .get(&rf)
                    .and_then(|tf| tf.item(&ri))
                    .map_or("", |t| t.text.as_str());
                let address = format!("{f}/{i}");
                if !item_options.iter().any(|(a, _)| *a == address) {
                    item_options
                        .push((address.clone(), format!("{address}  {}", first_line(text))));
                }
            }
        }
        let fields = vec![
            Field::date("Date", Some(m.date), true),
            Field::line(
                "Time (HH:MM)",
                &m.time
                    .map(|t| t.format("%H:%M").to_string())
                    .unwrap_or_default(),
            ),
            Field::number("Duration (min)", m.duration_minutes),
            Field::choice("Mode", &MeetingMode::choices_for(m.mode), m.mode),
            Field::choice("Type", &MeetingType::choices_for(m.kind), m.kind),
            Field::line("Focus", &m.focus),
            Field::text("Notes", &m.notes, 6),
            Field::actions("Action items", m.action_items.clone()),
            Field::picks("Goals discussed", goal_options, m.goals.clone()),
            Field::picks("Evidences", item_options, m.evidences.clone()),
            Field::choice(
                "Private",
                &["no", "yes"],
                if m.private { "yes" } else { "no" },
            ),
        ];
        let name = p.name().to_string();
        let (target, title) = match path {
            Some(path) => (
                FormTarget::EditMeeting(path),
                format!("Meeting with {name}"),
            ),
            None => (FormTarget::NewMeeting, format!("New meeting with {name}")),
        };
        let mut form = Form::new(title, target, fields);
        // A new meeting keeps the id it was given when the form opened.
        form.base = existing_value.map(AnyRecord::Meeting);
        form.new_id = Some(m.id.clone());
        let thoughts_hint = if thoughts.is_some() {
            "The mentee's pre-meeting thoughts are beside the form (Ctrl-g shows them when \
             the screen is narrow). "
        } else {
            ""
        };
        form.hint = Some(
            thoughts_hint.to_string()
                + &if agenda.is_some() {
                    "The first meeting: its agenda, the first-conversation questions, is beside the \
             form (Ctrl-g shows it when the screen is narrow). Tab next field · Ctrl-s save · \
             Ctrl-e $EDITOR · Esc cancel"
                .into()
                } else {
                    "Tab next field · Ctrl-s save · Ctrl-e $EDITOR · Esc cancel".to_string()
                },
        );
        form.aside = super::mentee::chain(agenda, thoughts);
        self.overlays.push(Overlay::Form(Box::new(form)));
    }

    // ----- goals -----

    pub(super) fn goal_form(&mut self, j: &Journal, path: Option<PathBuf>) {
        let r = self.reader(j);
        let Some(p) = self.partner(&r) else {
            return;
        };
        let g = path
            .as_ref()
            .and_then(|path| p.goal_at(path))
            .map(|l| l.value.clone());
        let s = |f: fn(&Goal) -> &String| g.as_ref().map_or(String::new(), |g| f(g).clone());
        let fields = vec![
            Field::line("Objective", &s(|g| &g.objective)),
            Field::line("Learning goal", &s(|g| &g.learning_goal)),
            Field::text("Mentee's actions", &s(|g| &g.mentee_actions), 2),
            Field::text("Mentor's actions", &s(|g| &g.mentor_actions), 2),
            Field::text("Support network's actions", &s(|g| &g.support_actions), 2),
            Field::text("Potential barriers", &s(|g| &g.barriers), 2),
            Field::text("Success measures", &s(|g| &g.success_measures), 2),
            Field::date("Target date", g.as_ref().and_then(|g| g.target), false),
            Field::choice(
                "Status",
                GoalStatus::ALL,
                g.as_ref().map_or(GoalStatus::NotStarted, |g| g.status),
            ),
        ];
        let target = match path {
            Some(path) => FormTarget::EditGoal(path),
            None => FormTarget::NewGoal,
        };
        let mut form = Form::new("Action plan: goal", target, fields);
        form.base = g.map(AnyRecord::Goal);
        form.new_id = Some(new_id());
        form.hint = Some("Tab next field · Ctrl-s save · Esc cancel".into());
        self.overlays.push(Overlay::Form(Box::new(form)));
    }

    fn selected_goal(&self, j: &Journal) -> Option<crate::store::Loaded<Goal>> {
        (self.tab == Tab::Goals && self.pane == Pane::Main)
            .then(|| {
                self.goals(&self.reader(j))
                    .get(self.goal_cursor)
                    .map(|g| (*g).clone())
            })
            .flatten()
    }

    pub(super) fn cycle_status(&mut self, j: &mut Journal) {
        let (Some(g), Some(pid)) = (self.selected_goal(j), self.pid(j)) else {
            return;
        };
        let mut new = g.value.clone();
        new.status = new.status.next();
        let label = format!("Goal now {}: {}", new.status, new.objective);
        let result = j.save_goal(&pid, Save::edit(g.path, g.value, new).labelled(label));
        self.said(j, result);
    }

    pub(super) fn review_note_form(&mut self, j: &Journal) {
        let Some(g) = self.selected_goal(j) else {
            return;
        };
        let mut form = Form::new(
            format!("Review note: {}", g.value.objective),
            FormTarget::ReviewNote(g.path),
            vec![
                Field::date("Date", Some(j.today()), true),
                Field::text("Note", "", 4),
            ],
        );
        form.base = Some(AnyRecord::Goal(g.value));
        self.overlays.push(Overlay::Form(Box::new(form)));
    }

    fn save_action_item(
        &mut self,
        form: &mut Form,
        index: Option<usize>,
        today: chrono::NaiveDate,
    ) -> Result<(), Invalid> {
        let text = form.require("Action", "what is to be done");
        let due = form.date("Due", today);
        let (Ok(text), Ok(due)) = (text, due) else {
            form.focus_first_error();
            return Err(Invalid);
        };
        let Some(Overlay::Form(meeting)) = self.overlays.last_mut() else {
            return Err(Invalid);
        };
        let Some(FieldKind::Actions { items, cursor }) =
            meeting.field_mut("Action items").map(|f| &mut f.kind)
        else {
            return Err(Invalid);
        };
        let owner = Owner::ALL[form.choice("Owner")];
        let done = form.choice("Done") == 1;
        match index.and_then(|i| items.get_mut(i)) {
            Some(item) => {
                item.text = text;
                item.owner = owner;
                item.due = due;
                item.done = done;
            }
            None => {
                items.push(ActionItem {
                    id: new_id(),
                    text,
                    owner,
                    due,
                    done,
                });
                *cursor = items.len() - 1;
            }
        }
        meeting.dirty = true;
        Ok(())
    }
}

/// The save a form asks for: an edit of its base, a new record, or a restore.
pub(super) fn save_of<T: Clone>(form: &Form, base: Option<T>, new: T) -> Save<T> {
    let path = match &form.target {
        FormTarget::EditMeeting(p)
        | FormTarget::EditGoal(p)
        | FormTarget::EditReflection(p)
        | FormTarget::ReviewNote(p) => Some(p.clone()),
        _ => None,
    };
    match (path, base) {
        (Some(at), Some(base)) => {
            let s = Save::edit(at, base, new);
            if form.restore { s.restoring() } else { s }
        }
        _ => Save::new(new),
    }
}

/// The partnership a form describes: a new one, or `base` with the form's changes.
fn read_partnership(
    form: &mut Form,
    today: chrono::NaiveDate,
    base: Option<&Partnership>,
) -> Result<Partnership, Invalid> {
    let name = form.require("Name", "the partner's name");
    let cadence = form.number("Meet every (days)");
    let start = form.date("Start date", today);
    let end = if base.is_some() {
        form.date("End date", today)
    } else {
        Ok(None)
    };
    let (Ok(name), Ok(cadence), Ok(start), Ok(end)) = (name, cadence, start, end) else {
        form.focus_first_error();
        return Err(Invalid);
    };
    let focus = form.text("Focus area");
    let mut p = base.cloned().unwrap_or(Partnership {
        signatures: Vec::new(),
        by: Default::default(),
        version: SCHEMA_VERSION,
        id: String::new(),
        name: String::new(),
        institution: None,
        kind: PartnershipKind::Induction,
        pathway: Pathway::RoleFocused,
        focus: None,
        start: today,
        end: None,
        cadence_days: 14,
        rhythm: Default::default(),
        frameworks: Vec::new(),
        status: PartnershipStatus::Active,
        agreement: None,
        thoughts: Vec::new(),
        evaluation: None,
    });
    p.name = name.trim().to_string();
    p.kind = PartnershipKind::ALL[form.choice("Kind")];
    p.pathway = Pathway::ALL[form.choice("Pathway")];
    p.focus = (!focus.is_empty()).then_some(focus);
    p.start = start.unwrap_or(today);
    p.cadence_days = cadence.unwrap_or(14);
    p.rhythm = if form.choice("Cadence") == 1 {
        Rhythm::Lsis
    } else {
        Rhythm::Days
    };
    p.frameworks = form.picks("Frameworks");
    if base.is_some() {
        p.end = end;
        p.status = PartnershipStatus::ALL[form.choice("Status")];
    }
    Ok(p)
}

fn read_meeting(form: &mut Form, today: chrono::NaiveDate) -> Result<Save<Meeting>, Invalid> {
    let date = form.date("Date", today);
    let duration = form.number("Duration (min)");
    let time_text = form.text("Time (HH:MM)");
    let time = if time_text.trim().is_empty() {
        Ok(None)
    } else {
        NaiveTime::parse_from_str(time_text.trim(), "%H:%M")
            .map(Some)
            .map_err(|_| {
                if let Some(f) = form.field_mut("Time (HH:MM)") {
                    f.error = Some("a time like 15:30".into());
                }
                Invalid
            })
    };
    let (Ok(date), Ok(duration), Ok(time)) = (date, duration, time) else {
        form.focus_first_error();
        return Err(Invalid);
    };
    let base = match &form.base {
        Some(AnyRecord::Meeting(b)) => Some(b.clone()),
        _ => None,
    };
    let mut m = base
        .clone()
        .unwrap_or_else(|| Meeting::new(form.new_id.clone().unwrap_or_else(new_id), today));
    m.date = date.unwrap_or(today);
    m.time = time;
    m.duration_minutes = duration;
    m.mode = MeetingMode::choices_for(m.mode)[form.choice("Mode")];
    m.kind = MeetingType::choices_for(m.kind)[form.choice("Type")];
    m.focus = form.text("Focus");
    m.notes = form.text("Notes");
    m.action_items = form.action_items("Action items");
    m.goals = form.picks("Goals discussed");
    m.evidences = form.picks("Evidences");
    m.private = form.choice("Private") == 1;
    Ok(save_of(form, base, m))
}

fn read_goal(form: &mut Form, today: chrono::NaiveDate) -> Result<Save<Goal>, Invalid> {
    let objective = form.require("Objective", "what will be achieved");
    let target = form.date("Target date", today);
    let (Ok(objective), Ok(target)) = (objective, target) else {
        form.focus_first_error();
        return Err(Invalid);
    };
    let base = match &form.base {
        Some(AnyRecord::Goal(b)) => Some(b.clone()),
        _ => None,
    };
    let mut g = base.clone().unwrap_or_else(|| Goal {
        by: Default::default(),
        version: SCHEMA_VERSION,
        id: form.new_id.clone().unwrap_or_else(new_id),
        created: today,
        learning_goal: String::new(),
        objective: String::new(),
        mentee_actions: String::new(),
        mentor_actions: String::new(),
        support_actions: String::new(),
        barriers: String::new(),
        success_measures: String::new(),
        target: None,
        status: GoalStatus::NotStarted,
        agreed: Vec::new(),
        comments: Vec::new(),
        reviews: Vec::new(),
    });
    g.objective = objective;
    g.learning_goal = form.text("Learning goal");
    g.mentee_actions = form.text("Mentee's actions");
    g.mentor_actions = form.text("Mentor's actions");
    g.support_actions = form.text("Support network's actions");
    g.barriers = form.text("Potential barriers");
    g.success_measures = form.text("Success measures");
    g.target = target;
    g.status = GoalStatus::ALL[form.choice("Status")];
    Ok(save_of(form, base, g))
}

fn read_review(form: &mut Form, today: chrono::NaiveDate) -> Result<Save<Goal>, Invalid> {
    let date = form.date("Date", today);
    let note = form.require("Note", "what was reviewed");
    let (Ok(date), Ok(note)) = (date, note) else {
        form.focus_first_error();
        return Err(Invalid);
    };
    let Some(AnyRecord::Goal(base)) = form.base.clone() else {
        return Err(Invalid);
    };
    let mut new = base.clone();
    new.reviews.push(Review {
        date: date.unwrap_or(today),
        note,
    });
    Ok(save_of(form, Some(base), new).labelled("Review note added"))
}
