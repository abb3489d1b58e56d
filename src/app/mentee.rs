//! The screen's side of what a mentee writes of their own (the pre-meeting thought document,
//! agreeing to the agreement or a goal, comments on a goal) and of the people of the journal
//! (the members popup). Every change is the journal core's; who may make it is decided there.

use chrono::NaiveDate;

use super::form::{Aside, AsideKind, Field, Form, FormTarget, Invalid};
use super::{Action, App, Confirmed, Handled, Overlay, Pane, Tab};
use crate::journal::{Agreeable, Journal, OpError, Outcome, Partner};
use crate::model::{Answer, Role, Thoughts};

/// The questions of the ScotELAs pre-meeting thought document, verbatim, and the bank's title
/// and column heading.
pub(crate) fn thought_questions() -> Option<(String, Option<String>, Vec<String>)> {
    let banks = crate::framework::prompts::bundled_prompts();
    let b = banks.bank("pre-meeting")?;
    Some((b.title.clone(), b.description.clone(), b.prompts.clone()))
}

const MEETING_FIELD: &str = "For the meeting on (if planned)";

/// The thought documents a meeting form shows beside it (those of the meeting on `date`, or,
/// for a new meeting, those waiting for it), as an aside after `then`.
pub(crate) fn thoughts_aside(p: &Partner, date: Option<NaiveDate>) -> Option<Aside> {
    let mut out: Option<Aside> = None;
    for t in p.thoughts(date).into_iter().rev() {
        let (lines, answers): (Vec<String>, Vec<String>) = t
            .answers
            .iter()
            .filter(|a| !a.answer.trim().is_empty())
            .map(|a| (a.question.clone(), a.answer.clone()))
            .unzip();
        let mut a = Aside::new(
            AsideKind::Thoughts,
            format!(
                "{}'s pre-meeting thoughts (written {}{})",
                p.person_name(&t.by),
                t.written,
                t.meeting
                    .map(|d| format!(", for the meeting of {d}"))
                    .unwrap_or_default()
            ),
            lines,
        );
        a.answers = answers;
        a.then = out.map(Box::new);
        out = Some(a);
    }
    out
}

/// Put `more` after the last aside of `first`'s chain.
pub(crate) fn chain(first: Option<Aside>, more: Option<Aside>) -> Option<Aside> {
    match (first, more) {
        (Some(mut a), Some(m)) => {
            let mut at = &mut a;
            while at.then.is_some() {
                at = at
                    .then
                    .as_mut()
                    .map(|b| b.as_mut())
                    .unwrap_or_else(|| unreachable!());
            }
            at.then = Some(Box::new(m));
            Some(a)
        }
        (a, m) => a.or(m),
    }
}

/// The thought document a form describes.
pub(super) fn read_thoughts(
    form: &mut Form,
    today: NaiveDate,
    id: Option<String>,
) -> Result<Thoughts, Invalid> {
    let meeting = form.date(MEETING_FIELD, today);
    let Ok(meeting) = meeting else {
        form.focus_first_error();
        return Err(Invalid);
    };
    let answers: Vec<Answer> = form
        .fields
        .iter()
        .filter(|f| f.label != MEETING_FIELD)
        .map(|f| Answer {
            question: f.label.clone(),
            answer: f.value(),
        })
        .collect();
    if answers.iter().all(|a| a.answer.trim().is_empty()) {
        if let Some(f) = form.fields.first_mut() {
            f.error = Some("answer at least one question".into());
        }
        form.focus_first_error();
        return Err(Invalid);
    }
    Ok(Thoughts {
        id: id.unwrap_or_default(),
        by: String::new(),
        written: today,
        meeting,
        answers,
    })
}

impl App {
    /// The pre-meeting thought document of whoever this screen writes for: the one they are
    /// writing for the next meeting, or a new one.
    pub(super) fn thoughts_form(&mut self, j: &Journal) {
        let Some(pid) = self.pid(j) else {
            return self.info("No partnership yet: N starts one");
        };
        let Some((title, heading, questions)) = thought_questions() else {
            return self.error("The pre-meeting questions are missing from this build");
        };
        let pending = j.pending_thoughts(&pid);
        let answer = |q: &str| {
            pending
                .as_ref()
                .and_then(|t| t.answers.iter().find(|a| a.question == q))
                .map_or("", |a| a.answer.as_str())
                .to_string()
        };
        let mut fields: Vec<Field> = questions
            .iter()
            .map(|q| Field::text(q.clone(), &answer(q), 4))
            .collect();
        fields.push(Field::date(
            MEETING_FIELD,
            pending.as_ref().and_then(|t| t.meeting),
            false,
        ));
        let mut form = Form::new(
            title,
            FormTarget::Thoughts(pending.as_ref().map(|t| t.id.clone())),
            fields,
        );
        form.hint = Some(format!(
            "{}: your answers, for your mentor to see in the next meeting. Tab next question · \
             Ctrl-s save · Esc cancel",
            heading.unwrap_or_else(|| "Questions to consider".into())
        ));
        self.overlays.push(Overlay::Form(Box::new(form)));
    }

    /// Agree, in this screen's name, to the agreement (Agreement tab) or the goal under the
    /// cursor (Goals tab).
    pub(super) fn agree_here(&mut self, j: &mut Journal) {
        let Some(pid) = self.pid(j) else {
            return;
        };
        let what = match (self.tab, self.pane) {
            (Tab::Agreement, _) => Agreeable::Agreement,
            (Tab::Goals, Pane::Main) => match self.goals(&self.reader(j)).get(self.goal_cursor) {
                Some(g) => Agreeable::Goal(g.value.id.clone()),
                None => return self.info("No goal to agree to yet"),
            },
            _ => {
                return self.info("a agrees in the Agreement tab, or to the goal in the Goals tab");
            }
        };
        let result = j.agree(&pid, &what);
        self.said(j, result);
    }

    /// A comment on the goal under the cursor.
    pub(super) fn comment_form(&mut self, j: &Journal) {
        if self.tab != Tab::Goals || self.pane != Pane::Main {
            return self.info("c comments on the goal under the cursor, in the Goals tab");
        }
        let Some(g) = self
            .goals(&self.reader(j))
            .get(self.goal_cursor)
            .map(|g| g.value.clone())
        else {
            return self.info("No goal to comment on yet");
        };
        let mut form = Form::new(
            format!("Comment on: {}", g.objective),
            FormTarget::Comment(g.id),
            vec![Field::text("Comment", "", 5)],
        );
        form.hint = Some("In your name, dated today. Ctrl-s save · Esc cancel".into());
        self.overlays.push(Overlay::Form(Box::new(form)));
    }

    // ----- the people of the journal -----

    pub(super) fn open_members(&mut self) {
        self.overlays.push(Overlay::Members { cursor: 0 });
    }

    /// Keep the members popup's cursor on a person.
    pub(super) fn clamp_members(&mut self, j: &Journal) {
        let n = j.people().len();
        for o in &mut self.overlays {
            if let Overlay::Members { cursor } = o {
                *cursor = (*cursor).min(n.saturating_sub(1));
            }
        }
    }

    /// Why this screen may not add or remove members, if it may not.
    fn members_refused(&self) -> Option<String> {
        self.locked.as_ref().map(|l| {
            format!(
                "This is {}'s session: only the journal's owner adds or removes members",
                l.name
            )
        })
    }

    pub(super) fn members_action(&mut self, j: &mut Journal, action: Action) -> Handled {
        let people = self.reader(j).people();
        let Some(Overlay::Members { cursor }) = self.overlays.last_mut() else {
            return Handled::NotConsumed;
        };
        match action {
            Action::Cancel | Action::Members => {
                self.overlays.pop();
            }
            Action::Down => *cursor = (*cursor + 1).min(people.len().saturating_sub(1)),
            Action::Up => *cursor = cursor.saturating_sub(1),
            Action::Top => *cursor = 0,
            Action::Bottom => *cursor = people.len().saturating_sub(1),
            Action::AddMember => {
                if let Some(why) = self.members_refused() {
                    self.error(why);
                } else {
                    self.member_form(j);
                }
            }
            Action::RemoveMember => {
                let at = *cursor;
                if let Some(why) = self.members_refused() {
                    self.error(why);
                } else if let Some(p) = people.get(at) {
                    if p.owner {
                        self.error(format!(
                            "{} keeps this journal and cannot be removed",
                            p.name
                        ));
                    } else {
                        self.overlays.push(Overlay::Confirm {
                            message: format!(
                                "Remove {} ({}) from the journal? What they wrote stays, still \
                                 theirs. (y/n)",
                                p.name, p.role
                            ),
                            then: Confirmed::RemoveMember(p.id.clone()),
                        });
                    }
                }
            }
            _ => return Handled::NotConsumed,
        }
        Handled::Consumed
    }

    fn member_form(&mut self, j: &Journal) {
        let r = self.reader(j);
        let options: Vec<(String, String)> = r
            .partnerships()
            .iter()
            .map(|p| (p.id().to_string(), p.name().to_string()))
            .collect();
        let chosen: Vec<String> = self
            .partner(&r)
            .map(|p| p.id().to_string())
            .into_iter()
            .collect();
        let mut form = Form::new(
            "New member",
            FormTarget::NewMember,
            vec![
                Field::line("Name", ""),
                Field::choice("Role", Role::ALL, Role::Mentee),
                Field::picks("Partnerships", options, chosen),
                Field::line("SSH public key", ""),
            ],
        );
        form.hint = Some(
            "A person of the journal. Their SSH public key (the line of their .pub file, \
             pasted) lets them connect later; it can wait. Ctrl-s save · Esc cancel"
                .into(),
        );
        self.overlays.push(Overlay::Form(Box::new(form)));
    }

    /// Add the member a form describes, through the core.
    pub(super) fn read_member(
        &mut self,
        j: &mut Journal,
        form: &mut Form,
    ) -> Result<Result<Outcome, OpError>, Invalid> {
        let name = form.require("Name", "their name, e.g. Sam Lee");
        let Ok(name) = name else {
            form.focus_first_error();
            return Err(Invalid);
        };
        let role = Role::ALL[form.choice("Role")];
        let partnerships = form.picks("Partnerships");
        let key = form.text("SSH public key");
        let keys: Vec<String> = if key.trim().is_empty() {
            Vec::new()
        } else {
            vec![key]
        };
        if let Some(why) = self.members_refused() {
            return Ok(Err(OpError::Refused(why)));
        }
        let result = j.add_member(&name, role, &partnerships, &keys);
        if result.is_ok() {
            // Back in the list, on the one added.
            let n = j.people().len();
            for o in &mut self.overlays {
                if let Overlay::Members { cursor } = o {
                    *cursor = n.saturating_sub(1);
                }
            }
        }
        Ok(result)
    }
}
