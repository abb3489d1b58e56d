//! The recognition side of a partnership in the TUI: the mentoring agreement, the evaluation of
//! how it was kept, reflections (answering a prompt from the question banks, or free) and the
//! stage records (reflection, development targets, verification) of a staged framework.

use std::path::PathBuf;

use chrono::NaiveDate;

use super::form::{Aside, AsideKind, AsidePart, Field, Form, FormTarget, Invalid};
use super::{App, Overlay};
use crate::framework::prompts::bundled_prompts;
use crate::framework::{Framework, Section};
use crate::journal::report::is_staged;
use crate::journal::{Journal, Reader, Save};
use crate::model::{
    AGREEMENT_OUTCOMES, Agreement, Evaluation, LikertAnswer, Partnership, Pathway, Reflection,
    Role, SCHEMA_VERSION, StageRecord, Verification, evaluation_statements, new_id,
};
use crate::store::{AnyRecord, Loaded};

/// A row of the Reflections tab.
#[derive(Debug, Clone)]
pub enum ReflRow<'a> {
    Reflection(&'a Loaded<Reflection>),
    Stage {
        framework: &'a Framework,
        stage: &'a Section,
        record: Option<&'a Loaded<StageRecord>>,
    },
}

/// The Likert scale of the evaluation: 1 = not at all, 5 = fully.
pub const LIKERT: [&str; 6] = [
    "not answered",
    "1 not at all",
    "2 a little",
    "3 partly",
    "4 mostly",
    "5 fully",
];

fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| {
            let l = l.trim();
            l.strip_prefix('-').unwrap_or(l).trim().to_string()
        })
        .filter(|l| !l.is_empty())
        .collect()
}

/// The agreement form's aside: each part's guidance from the ScotELAs agreement (Appendix 3),
/// shown while a field of that part has the focus; on the other fields, the parts' requests.
fn agreement_aside() -> Option<Aside> {
    let banks = bundled_prompts();
    let parts: Vec<AsidePart> = [
        (
            &["Pathway", "Focus (expertise pathway)"][..],
            "agreement-focus",
        ),
        (&["Outcomes (one a line)"], "agreement-outcomes"),
        (&["Mentee's responsibilities"], "agreement-mentee"),
        (&["Mentor's responsibilities"], "agreement-mentor"),
        (&["Ground rules for tone"], "agreement-tone"),
        (&["Logistical ground rules"], "agreement-logistics"),
    ]
    .into_iter()
    .filter_map(|(fields, id)| {
        Some(AsidePart {
            fields: fields.iter().map(|f| f.to_string()).collect(),
            aside: Aside::from_bank(AsideKind::Guidance, banks.bank(id)?),
        })
    })
    .collect();
    if parts.is_empty() {
        return None;
    }
    let requests = parts.iter().map(|p| p.aside.title.clone()).collect();
    let mut aside = Aside::new(
        AsideKind::Guidance,
        "The ScotELAs mentoring agreement, part by part",
        requests,
    );
    aside.parts = parts;
    Some(aside)
}

impl App {
    /// The reflections this screen may see, then the stages of staged frameworks.
    pub fn reflection_rows<'j>(&self, r: &Reader<'j>) -> Vec<ReflRow<'j>> {
        let Some(p) = self.partner(r) else {
            return Vec::new();
        };
        let mut rows: Vec<ReflRow> = p
            .reflections()
            .into_iter()
            .map(ReflRow::Reflection)
            .collect();
        for fw in p.frameworks() {
            if is_staged(fw) {
                for stage in &fw.sections {
                    let record = p.stage(&fw.id, &stage.id);
                    rows.push(ReflRow::Stage {
                        framework: fw,
                        stage,
                        record,
                    });
                }
            }
        }
        rows
    }

    /// The prompts a reflection may answer, from the question banks.
    pub fn reflection_prompts(&self) -> Vec<String> {
        let banks = bundled_prompts();
        let mut out = vec!["(free reflection)".to_string()];
        for id in ["reflection-mentee", "reflection-mentor", "starter"] {
            if let Some(b) = banks.bank(id) {
                out.extend(b.prompts.iter().cloned());
            }
        }
        out
    }

    pub(super) fn reflection_form(&mut self, j: &Journal, path: Option<PathBuf>) {
        let r = self.reader(j);
        let Some(p) = self.partner(&r) else {
            return;
        };
        if let Some(l) = path.as_ref().and_then(|x| p.reflection_at(x))
            && let Some(why) = super::form::too_long("The reflection", &l.value.text)
        {
            return self.too_long_to_edit(j, &why, &l.path);
        }
        let existing = path
            .as_ref()
            .and_then(|x| p.reflection_at(x))
            .map(|r| r.value.clone());
        let prompts = self.reflection_prompts();
        let prompt_index = existing
            .as_ref()
            .and_then(|r| r.prompt.as_ref())
            .and_then(|q| prompts.iter().position(|x| x == q))
            .unwrap_or(0);
        // A new reflection is by whoever writes it: the member of a locked session, else
        // the journal's owner.
        let author = existing.as_ref().map_or_else(
            || match &self.locked {
                Some(l) => l.role,
                None => r.profile().map_or(Role::Mentor, |p| p.role),
            },
            |r| r.author,
        );
        let mut prompt = Field::choice(
            "Prompt",
            &prompts.iter().map(String::as_str).collect::<Vec<_>>(),
            "",
        );
        if let super::form::FieldKind::Choice { index, .. } = &mut prompt.kind {
            *index = prompt_index;
        }
        let r = existing.as_ref();
        let fields = vec![
            Field::date("Date", Some(r.map_or(j.today(), |r| r.date)), true),
            Field::choice("Author", Role::ALL, author),
            prompt,
            Field::text("Reflection", r.map_or("", |r| r.text.as_str()), 8),
            Field::line(
                "Attached file",
                r.and_then(|r| r.attachment.as_deref()).unwrap_or(""),
            ),
            Field::choice(
                "Private",
                &["no", "yes"],
                if r.is_some_and(|r| r.private) {
                    "yes"
                } else {
                    "no"
                },
            ),
        ];
        let target = match path {
            Some(p) => FormTarget::EditReflection(p),
            None => FormTarget::NewReflection,
        };
        let mut form = Form::new("Reflection", target, fields);
        form.base = existing.map(AnyRecord::Reflection);
        form.new_id = Some(new_id());
        form.hint = Some(
            "Choose a prompt with ←/→ (or reflect freely) · Ctrl-e $EDITOR · Ctrl-s save".into(),
        );
        self.overlays.push(Overlay::Form(Box::new(form)));
    }

    pub(super) fn read_reflection(
        &self,
        form: &mut Form,
        today: NaiveDate,
    ) -> Result<Save<Reflection>, Invalid> {
        let date = form.date("Date", today);
        let text = form.require("Reflection", "the reflection itself");
        let (Ok(date), Ok(text)) = (date, text) else {
            form.focus_first_error();
            return Err(Invalid);
        };
        let prompts = self.reflection_prompts();
        let prompt = match form.choice("Prompt") {
            0 => None,
            i => prompts.get(i).cloned(),
        };
        let attachment = form.text("Attached file");
        let base = match &form.base {
            Some(AnyRecord::Reflection(b)) => Some(b.clone()),
            _ => None,
        };
        let r = Reflection {
            by: Default::default(),
            version: SCHEMA_VERSION,
            id: base
                .as_ref()
                .map(|b| b.id.clone())
                .or_else(|| form.new_id.clone())
                .unwrap_or_else(new_id),
            date: date.unwrap_or(today),
            author: Role::ALL[form.choice("Author")],
            prompt,
            text,
            attachment: (!attachment.is_empty()).then_some(attachment),
            private: form.choice("Private") == 1,
        };
        Ok(super::forms::save_of(form, base, r))
    }

    pub(super) fn stage_form(&mut self, j: &Journal, framework: &str, stage: &str) {
        let r = self.reader(j);
        let Some(p) = self.partner(&r) else {
            return;
        };
        let record = p.stage(framework, stage).map(|s| s.value.clone());
        let title = r
            .frameworks()
            .get(framework)
            .and_then(|f| f.sections.iter().find(|s| s.id == stage))
            .map_or_else(|| stage.to_string(), |s| s.title.clone());
        let v = record.as_ref().and_then(|r| r.verifications.first());
        let fields = vec![
            Field::text(
                "Reflection",
                record.as_ref().map_or("", |r| r.reflection.as_str()),
                6,
            ),
            Field::text(
                "Targets for further development",
                record.as_ref().map_or("", |r| r.targets.as_str()),
                3,
            ),
            Field::line("Verified by (name)", v.map_or("", |v| v.name.as_str())),
            Field::line(
                "Verifier's role",
                v.and_then(|v| v.role.as_deref()).unwrap_or(""),
            ),
            Field::date("Verification date", v.map(|v| v.date), false),
            Field::text(
                "Verifier's comment",
                v.map_or("", |v| v.comment.as_str()),
                2,
            ),
        ];
        let mut form = Form::new(
            format!("{title}: reflection and verification"),
            FormTarget::StageRecord {
                framework: framework.to_string(),
                stage: stage.to_string(),
            },
            fields,
        );
        form.base = record.map(AnyRecord::Stage);
        self.overlays.push(Overlay::Form(Box::new(form)));
    }

    pub(super) fn read_stage(
        &self,
        form: &mut Form,
        today: NaiveDate,
    ) -> Result<(Option<StageRecord>, StageRecord), Invalid> {
        let FormTarget::StageRecord { framework, stage } = form.target.clone() else {
            return Err(Invalid);
        };
        let Ok(date) = form.date("Verification date", today) else {
            form.focus_first_error();
            return Err(Invalid);
        };
        let name = form.text("Verified by (name)");
        if !name.is_empty()
            && date.is_none()
            && let Some(f) = form.field_mut("Verification date")
        {
            f.error = Some("the date of the verification is needed with a name".into());
            form.focus_first_error();
            return Err(Invalid);
        }
        let base = match &form.base {
            Some(AnyRecord::Stage(b)) => Some(b.clone()),
            _ => None,
        };
        let mut record = base.clone().unwrap_or_else(|| StageRecord {
            by: Default::default(),
            version: SCHEMA_VERSION,
            framework: framework.clone(),
            stage: stage.clone(),
            reflection: String::new(),
            targets: String::new(),
            verifications: Vec::new(),
        });
        record.reflection = form.text("Reflection");
        record.targets = form.text("Targets for further development");
        let role = form.text("Verifier's role");
        let verification = date.filter(|_| !name.is_empty()).map(|date| Verification {
            name,
            role: (!role.is_empty()).then_some(role),
            date,
            comment: form.text("Verifier's comment"),
        });
        // The form edits the first verification; any others in the file are kept.
        match (verification, record.verifications.is_empty()) {
            (Some(v), true) => record.verifications.push(v),
            (Some(v), false) => record.verifications[0] = v,
            (None, false) => {
                record.verifications.remove(0);
            }
            (None, true) => {}
        }
        Ok((base, record))
    }

    pub(super) fn agreement_form(&mut self, j: &Journal) {
        let r = self.reader(j);
        let Some(p) = self.partner(&r) else {
            return;
        };
        let v = p.partnership();
        let a = v.agreement.clone().unwrap_or_default();
        let join = |xs: &[String]| xs.join("\n");
        let fields = vec![
            Field::choice("Pathway", Pathway::ALL, v.pathway),
            Field::line(
                "Focus (expertise pathway)",
                v.focus.as_deref().unwrap_or(""),
            ),
            Field::text("Outcomes (one a line)", &join(&a.outcomes), 4),
            Field::text(
                "Mentee's responsibilities",
                &join(&a.mentee_responsibilities),
                3,
            ),
            Field::text(
                "Mentor's responsibilities",
                &join(&a.mentor_responsibilities),
                3,
            ),
            Field::text("Ground rules for tone", &join(&a.tone_ground_rules), 3),
            Field::text(
                "Logistical ground rules",
                &join(&a.logistics_ground_rules),
                3,
            ),
            Field::date("Agreed by the mentee", a.agreed_by_mentee, false),
            Field::date("Agreed by the mentor", a.agreed_by_mentor, false),
        ];
        let mut form = Form::new("The mentoring agreement", FormTarget::Agreement, fields);
        form.base = Some(AnyRecord::Partnership(v.clone()));
        form.hint = Some(format!(
            "At least {AGREEMENT_OUTCOMES} outcomes for the mentee, one a line. Dates: today, \
             2026-11-20 ... Beside each part, what ScotELAs asks of it (Ctrl-g when narrow)."
        ));
        form.aside = agreement_aside();
        self.overlays.push(Overlay::Form(Box::new(form)));
    }

    /// The partnership as the agreement form opened on it, and with the form's agreement.
    pub(super) fn read_agreement(
        &self,
        j: &Journal,
        form: &mut Form,
    ) -> Result<(Partnership, Partnership), Invalid> {
        let mentee = form.date("Agreed by the mentee", j.today());
        let mentor = form.date("Agreed by the mentor", j.today());
        let (Ok(mentee), Ok(mentor)) = (mentee, mentor) else {
            form.focus_first_error();
            return Err(Invalid);
        };
        let base = self.form_partnership(j, form)?;
        let mut v = base.clone();
        v.pathway = Pathway::ALL[form.choice("Pathway")];
        let focus = form.text("Focus (expertise pathway)");
        v.focus = (!focus.is_empty()).then_some(focus);
        // Who agreed stays with the agreement (the Agreement pane says when it changed since).
        let agreed = base
            .agreement
            .as_ref()
            .map(|a| a.agreed.clone())
            .unwrap_or_default();
        v.agreement = Some(Agreement {
            outcomes: lines(&form.text("Outcomes (one a line)")),
            mentee_responsibilities: lines(&form.text("Mentee's responsibilities")),
            mentor_responsibilities: lines(&form.text("Mentor's responsibilities")),
            tone_ground_rules: lines(&form.text("Ground rules for tone")),
            logistics_ground_rules: lines(&form.text("Logistical ground rules")),
            agreed_by_mentee: mentee,
            agreed_by_mentor: mentor,
            agreed,
        });
        Ok((base, v))
    }

    /// The partnership a form opened on (its base), or as it is now.
    fn form_partnership(&self, j: &Journal, form: &Form) -> Result<Partnership, Invalid> {
        match &form.base {
            Some(AnyRecord::Partnership(b)) => Ok(b.clone()),
            _ => self
                .partner(&self.reader(j))
                .map(|p| p.partnership().clone())
                .ok_or(Invalid),
        }
    }

    /// The evaluation's fields: a short label for the form, and the statement it scores.
    fn evaluation_fields(a: Option<&Agreement>) -> Vec<(String, String)> {
        let outcomes = a.map_or(0, |a| a.outcomes.len());
        let fixed = [
            "Mentee's responsibilities",
            "Mentor's responsibilities",
            "Ground rules: tone",
            "Ground rules: logistics",
        ];
        evaluation_statements(a)
            .into_iter()
            .enumerate()
            .map(|(n, s)| {
                let label = if n < outcomes {
                    format!("Outcome {}", n + 1)
                } else {
                    fixed
                        .get(n - outcomes)
                        .map_or_else(|| s.clone(), |f| f.to_string())
                };
                (label, s)
            })
            .collect()
    }

    pub(super) fn evaluation_form(&mut self, j: &Journal) {
        if self.tab != super::Tab::Agreement {
            return;
        }
        let r = self.reader(j);
        let Some(p) = self.partner(&r) else {
            return;
        };
        let v = p.partnership();
        if v.agreement.is_none() {
            return self.info(
                "There is no agreement to evaluate yet: e writes the mentoring agreement first",
            );
        }
        let statements = App::evaluation_fields(v.agreement.as_ref());
        let mut fields = vec![Field::date(
            "Date",
            Some(v.evaluation.as_ref().map_or(j.today(), |e| e.date)),
            true,
        )];
        for (label, s) in &statements {
            let score = v
                .evaluation
                .as_ref()
                .and_then(|e| e.answers.iter().find(|a| &a.statement == s))
                .map_or(0, |a| usize::from(a.score));
            let mut f = Field::choice(label.clone(), &LIKERT, LIKERT[0]);
            if let super::form::FieldKind::Choice { index, .. } = &mut f.kind {
                *index = score.min(5);
            }
            fields.push(f);
        }
        fields.push(Field::text(
            "Comments",
            v.evaluation.as_ref().map_or("", |e| e.comments.as_str()),
            4,
        ));
        let mut form = Form::new(
            "Evaluation: how well was the agreement kept?",
            FormTarget::Evaluation,
            fields,
        );
        form.base = Some(AnyRecord::Partnership(v.clone()));
        let outcomes: Vec<String> = v
            .agreement
            .iter()
            .flat_map(|a| {
                a.outcomes
                    .iter()
                    .enumerate()
                    .map(|(n, o)| format!("Outcome {}: {o}", n + 1))
            })
            .collect();
        form.hint = Some(format!(
            "How well was each part of the agreement kept? ←/→ scores it from 1 (not at all) to 5 (fully).{}",
            if outcomes.is_empty() {
                String::new()
            } else {
                format!("\n{}", outcomes.join("\n"))
            }
        ));
        self.overlays.push(Overlay::Form(Box::new(form)));
    }

    pub(super) fn read_evaluation(
        &self,
        j: &Journal,
        form: &mut Form,
    ) -> Result<(Partnership, Partnership), Invalid> {
        let Ok(date) = form.date("Date", j.today()) else {
            form.focus_first_error();
            return Err(Invalid);
        };
        let base = self.form_partnership(j, form)?;
        let mut v = base.clone();
        let answers = App::evaluation_fields(v.agreement.as_ref())
            .into_iter()
            .filter_map(|(label, s)| {
                let score = form.choice(&label);
                (score > 0).then_some(LikertAnswer {
                    statement: s,
                    score: score as u8,
                })
            })
            .collect();
        v.evaluation = Some(Evaluation {
            date: date.unwrap_or(j.today()),
            answers,
            comments: form.text("Comments"),
        });
        Ok((base, v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statements_follow_the_agreement() {
        let a = Agreement {
            outcomes: vec!["Plan with data".into()],
            ..Agreement::default()
        };
        let s = evaluation_statements(Some(&a));
        assert_eq!(s[0], "We worked towards the outcome: Plan with data");
        assert_eq!(s.len(), 5);
        assert_eq!(evaluation_statements(None).len(), 4);
    }

    #[test]
    fn outcome_lines_drop_bullets_and_blanks() {
        assert_eq!(lines("- one\n\n  two  \n- "), vec!["one", "two"]);
    }
}
