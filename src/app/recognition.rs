//! The recognition side of a partnership in the TUI: the mentoring agreement, the evaluation of
//! how it was kept, reflections (answering a prompt from the question banks, or free) and the
//! stage records (reflection, development targets, verification) of a staged framework.

use std::path::PathBuf;

use super::form::{Field, Form, FormTarget, Invalid};
use super::records::{AnyRecord, Change};
use super::{App, Overlay};
use crate::framework::prompts::bundled_prompts;
use crate::framework::{Framework, Section};
use crate::model::{
    AGREEMENT_OUTCOMES, Agreement, Evaluation, LikertAnswer, Pathway, Reflection, Role,
    SCHEMA_VERSION, StageRecord, Verification, evaluation_statements, new_id,
};
use crate::report::is_staged;
use crate::store::Loaded;

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

impl App {
    /// Reflections (private ones hidden in review mode), then the stages of staged frameworks.
    pub fn reflection_rows(&self) -> Vec<ReflRow<'_>> {
        let Some(p) = self.partner() else {
            return Vec::new();
        };
        let mut rows: Vec<ReflRow> = p
            .reflections
            .iter()
            .filter(|r| !(self.review && r.value.private))
            .map(ReflRow::Reflection)
            .collect();
        for fw in self.partner_frameworks() {
            if is_staged(fw) {
                for stage in &fw.sections {
                    let record = p
                        .stages
                        .iter()
                        .find(|s| s.value.framework == fw.id && s.value.stage == stage.id);
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

    pub(super) fn reflection_form(&mut self, path: Option<PathBuf>) {
        let Some(p) = self.partner() else {
            return;
        };
        let existing = path
            .as_ref()
            .and_then(|x| p.reflections.iter().find(|r| &r.path == x))
            .map(|r| r.value.clone());
        let prompts = self.reflection_prompts();
        let prompt_index = existing
            .as_ref()
            .and_then(|r| r.prompt.as_ref())
            .and_then(|q| prompts.iter().position(|x| x == q))
            .unwrap_or(0);
        let author = existing.as_ref().map_or_else(
            || {
                self.snap
                    .journal
                    .as_ref()
                    .map_or(Role::Mentor, |j| j.value.profile.role)
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
            Field::date("Date", Some(r.map_or(self.today, |r| r.date)), true),
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
        form.hint = Some(
            "Choose a prompt with ←/→ (or reflect freely) · Ctrl-e $EDITOR · Ctrl-s save".into(),
        );
        self.overlays.push(Overlay::Form(Box::new(form)));
    }

    pub(super) fn save_reflection(&mut self, form: &mut Form) -> Result<(), Invalid> {
        let date = form.date("Date", self.today);
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
        let Some(p) = self.partner() else {
            return Err(Invalid);
        };
        let existing = match &form.target {
            FormTarget::EditReflection(path) => {
                p.reflections.iter().find(|r| &r.path == path).cloned()
            }
            _ => None,
        }
        .map(|mut l| {
            if let Some(AnyRecord::Reflection(b)) = &form.base {
                l.value = b.clone();
            }
            l
        });
        let r = Reflection {
            version: SCHEMA_VERSION,
            id: existing
                .as_ref()
                .map_or_else(new_id, |l| l.value.id.clone()),
            date: date.unwrap_or(self.today),
            author: Role::ALL[form.choice("Author")],
            prompt,
            text,
            attachment: (!attachment.is_empty()).then_some(attachment),
            private: form.choice("Private") == 1,
        };
        let result = match existing {
            Some(l) => self.write(
                &l.path,
                Some(AnyRecord::Reflection(l.value)),
                AnyRecord::Reflection(r.clone()),
            ),
            None => {
                let saved = self
                    .store
                    .create_reflection(&self.snap.partnerships[self.selected], &r);
                self.created(saved, AnyRecord::Reflection)
            }
        };
        self.finish(format!("Reflection of {}", r.date), result)
    }

    pub(super) fn stage_form(&mut self, framework: &str, stage: &str) {
        let Some(p) = self.partner() else {
            return;
        };
        let record = p
            .stages
            .iter()
            .find(|s| s.value.framework == framework && s.value.stage == stage)
            .map(|s| s.value.clone());
        let title = self
            .frameworks
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

    pub(super) fn save_stage(&mut self, form: &mut Form) -> Result<(), Invalid> {
        let FormTarget::StageRecord { framework, stage } = form.target.clone() else {
            return Err(Invalid);
        };
        let Ok(date) = form.date("Verification date", self.today) else {
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
        let Some(p) = self.partner() else {
            return Err(Invalid);
        };
        let loaded = p
            .stages
            .iter()
            .find(|s| s.value.framework == framework && s.value.stage == stage)
            .cloned();
        let path = loaded.as_ref().map_or_else(
            || {
                p.dir
                    .join("stages")
                    .join(format!("{framework}-{stage}.ron"))
            },
            |l| l.path.clone(),
        );
        let loaded = loaded.map(|mut l| {
            if let Some(AnyRecord::Stage(b)) = &form.base {
                l.value = b.clone();
            }
            l
        });
        let mut record = loaded.as_ref().map_or_else(
            || StageRecord {
                version: SCHEMA_VERSION,
                framework: framework.clone(),
                stage: stage.clone(),
                reflection: String::new(),
                targets: String::new(),
                verifications: Vec::new(),
            },
            |l| l.value.clone(),
        );
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
        let result = self.write(
            &path,
            loaded.map(|l| AnyRecord::Stage(l.value)),
            AnyRecord::Stage(record),
        );
        self.finish(format!("Stage record {framework}/{stage}"), result)
    }

    pub(super) fn agreement_form(&mut self) {
        let Some(p) = self.partner() else {
            return;
        };
        let v = &p.partnership.value;
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
            "At least {AGREEMENT_OUTCOMES} outcomes for the mentee, one a line. Dates: today, 2026-11-20 ..."
        ));
        self.overlays.push(Overlay::Form(Box::new(form)));
    }

    pub(super) fn save_agreement(&mut self, form: &mut Form) -> Result<(), Invalid> {
        let mentee = form.date("Agreed by the mentee", self.today);
        let mentor = form.date("Agreed by the mentor", self.today);
        let (Ok(mentee), Ok(mentor)) = (mentee, mentor) else {
            form.focus_first_error();
            return Err(Invalid);
        };
        let Some(p) = self.partner() else {
            return Err(Invalid);
        };
        let loaded = p.partnership.clone();
        let base = match &form.base {
            Some(AnyRecord::Partnership(b)) => b.clone(),
            _ => loaded.value.clone(),
        };
        let mut v = base.clone();
        v.pathway = Pathway::ALL[form.choice("Pathway")];
        let focus = form.text("Focus (expertise pathway)");
        v.focus = (!focus.is_empty()).then_some(focus);
        let agreement = Agreement {
            outcomes: lines(&form.text("Outcomes (one a line)")),
            mentee_responsibilities: lines(&form.text("Mentee's responsibilities")),
            mentor_responsibilities: lines(&form.text("Mentor's responsibilities")),
            tone_ground_rules: lines(&form.text("Ground rules for tone")),
            logistics_ground_rules: lines(&form.text("Logistical ground rules")),
            agreed_by_mentee: mentee,
            agreed_by_mentor: mentor,
        };
        let outcomes = agreement.outcomes.len();
        v.agreement = Some(agreement);
        let result = self.write(
            &loaded.path,
            Some(AnyRecord::Partnership(base)),
            AnyRecord::Partnership(v),
        );
        let saved = self.finish("Mentoring agreement".to_string(), result);
        if saved.is_ok() && outcomes < AGREEMENT_OUTCOMES {
            self.error(format!(
                "Agreement saved with {outcomes} outcome(s): ScotELAs asks for at least {AGREEMENT_OUTCOMES}"
            ));
        }
        saved
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

    pub(super) fn evaluation_form(&mut self) {
        if self.tab != super::Tab::Agreement {
            return;
        }
        let Some(p) = self.partner() else {
            return;
        };
        let v = &p.partnership.value;
        let statements = App::evaluation_fields(v.agreement.as_ref());
        let mut fields = vec![Field::date(
            "Date",
            Some(v.evaluation.as_ref().map_or(self.today, |e| e.date)),
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

    pub(super) fn save_evaluation(&mut self, form: &mut Form) -> Result<(), Invalid> {
        let Ok(date) = form.date("Date", self.today) else {
            form.focus_first_error();
            return Err(Invalid);
        };
        let Some(p) = self.partner() else {
            return Err(Invalid);
        };
        let loaded = p.partnership.clone();
        let base = match &form.base {
            Some(AnyRecord::Partnership(b)) => b.clone(),
            _ => loaded.value.clone(),
        };
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
            date: date.unwrap_or(self.today),
            answers,
            comments: form.text("Comments"),
        });
        let result = self.write(
            &loaded.path,
            Some(AnyRecord::Partnership(base)),
            AnyRecord::Partnership(v),
        );
        self.finish("Evaluation".to_string(), result)
    }

    /// Commit a single-record save, or show why it failed.
    pub(super) fn finish(
        &mut self,
        label: String,
        result: Result<Change, String>,
    ) -> Result<(), Invalid> {
        match result {
            Ok(change) => {
                self.commit(label, vec![change]);
                Ok(())
            }
            Err(e) => {
                self.error(e);
                Err(Invalid)
            }
        }
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
