//! What a mentee writes of their own in records the mentor keeps: their agreement to the
//! mentoring agreement and to a goal (who and when, like a signature line), comments on a
//! goal, and the pre-meeting thought document. Each is the writer's own part of a record
//! another person made, so these operations alone (with marking one's action item done) may
//! change another member's record: each changes exactly its part, built here from the record
//! as read, and stamps it with who writes now, whatever the front end asked.

use std::path::PathBuf;

use super::{Journal, OpError, OpResult, Save};
use crate::model::{Comment, Consent, Goal, Role, Thoughts, new_id, record_consent, text::clean};

/// What a person agrees to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Agreeable {
    /// The partnership's mentoring agreement.
    Agreement,
    /// A goal of the action plan, by its id (or the start of it).
    Goal(String),
}

/// The longest comment or answer kept (as a form edits).
const LIMIT: usize = 128 * 1024;

impl Journal {
    /// Run `op` as an operation on the actor's own part of another person's record.
    pub(super) fn own_part(&mut self, op: impl FnOnce(&mut Journal) -> OpResult) -> OpResult {
        self.others_records_allowed = true;
        let result = op(self);
        self.others_records_allowed = false;
        result
    }

    /// The role the journal acts in now (the owner's, or the member's).
    pub fn actor_role(&self) -> Role {
        let actor = self.actor();
        let j = self.journal_value();
        if actor == self.owner_id() {
            return j.profile.role;
        }
        j.members
            .iter()
            .find(|m| m.id == actor)
            .map_or(Role::Mentee, |m| m.role)
    }

    /// A member writes only in a partnership of theirs (a coordinator's are all of them).
    fn actor_in(&self, pid: &str) -> Result<(), OpError> {
        let actor = self.actor();
        if actor == self.owner_id() {
            return Ok(());
        }
        let j = self.journal_value();
        match j.members.iter().find(|m| m.id == actor) {
            Some(m) if m.role == Role::Coordinator || m.partnerships.iter().any(|p| p == pid) => {
                Ok(())
            }
            _ => Err(OpError::Refused(format!(
                "{} is not in this partnership",
                self.person_name(Some(&actor))
            ))),
        }
    }

    /// The goal `query` names in partnership `pid` (its id, or the start of one).
    pub fn find_goal(&self, pid: &str, query: &str) -> Result<(PathBuf, Goal), OpError> {
        let p = self.data(pid)?;
        let q = query.trim();
        if let Some(g) = p.goals.iter().find(|g| g.value.id == q) {
            return Ok((g.path.clone(), g.value.clone()));
        }
        let found: Vec<_> = p
            .goals
            .iter()
            .filter(|g| !q.is_empty() && g.value.id.starts_with(q))
            .collect();
        match found.as_slice() {
            [g] => Ok((g.path.clone(), g.value.clone())),
            [] => Err(OpError::Refused(format!(
                "no goal '{query}' in this partnership: `mentorlog goal list --with {pid}` shows their ids"
            ))),
            _ => Err(OpError::Refused(format!(
                "'{query}' is the start of several goals' ids: give more of it"
            ))),
        }
    }

    /// Agree, as whoever the journal acts for, to the mentoring agreement or a goal, today:
    /// their name and the date are kept with the fingerprint of the text agreed to (an earlier
    /// agreement of theirs is replaced). Agreeing to the mentoring agreement also dates the
    /// mentee's or the mentor's signature line, by the role of who agrees.
    pub fn agree(&mut self, pid: &str, what: &Agreeable) -> OpResult {
        self.actor_in(pid)?;
        let who = self.actor();
        let name = self.person_name(Some(&who));
        let role = self.actor_role();
        let today = self.today;
        match what {
            Agreeable::Agreement => {
                let mentee_side = match role {
                    Role::Mentee | Role::CoCoach => true,
                    Role::Mentor | Role::Coach => false,
                    Role::Coordinator => {
                        return Err(OpError::Refused(
                            "a coordinator is not a party to the mentoring agreement: the mentee and the mentor agree to it".into(),
                        ));
                    }
                };
                let base = self.data(pid)?.partnership.value.clone();
                let mut new = base.clone();
                let Some(a) = new.agreement.as_mut() else {
                    return Err(OpError::Refused(
                        "there is no mentoring agreement yet to agree to: write it first (Agreement tab, e)".into(),
                    ));
                };
                let consent = Consent {
                    by: who,
                    date: today,
                    of: a.fingerprint(),
                };
                record_consent(&mut a.agreed, consent);
                if mentee_side {
                    a.agreed_by_mentee = Some(today);
                } else {
                    a.agreed_by_mentor = Some(today);
                }
                let label = format!("{name} agreed to the mentoring agreement on {today}");
                self.own_part(|j| j.update_partnership(pid, &base, new, label))
            }
            Agreeable::Goal(q) => {
                let (path, base) = self.find_goal(pid, q)?;
                let mut new = base.clone();
                let consent = Consent {
                    by: who,
                    date: today,
                    of: base.fingerprint(),
                };
                record_consent(&mut new.agreed, consent);
                let label = format!("{name} agreed to the goal on {today}: {}", base.objective);
                self.own_part(|j| j.save_goal(pid, Save::edit(path, base, new).labelled(label)))
            }
        }
    }

    /// Add a comment to goal `goal` (an id), as whoever the journal acts for, dated today.
    pub fn comment_goal(&mut self, pid: &str, goal: &str, text: &str) -> OpResult {
        self.actor_in(pid)?;
        let text = clean(text).trim().to_string();
        if text.is_empty() {
            return Err(OpError::Refused("a comment needs some text".into()));
        }
        if text.len() > LIMIT {
            return Err(OpError::Refused(format!(
                "a comment of {} KB is more than one is kept ({} KB): write a reflection instead",
                text.len() / 1024,
                LIMIT / 1024
            )));
        }
        let (path, base) = self.find_goal(pid, goal)?;
        let mut new = base.clone();
        new.comments.push(Comment {
            id: new_id(),
            by: self.actor(),
            date: self.today,
            text,
        });
        let label = format!(
            "{} commented on the goal: {}",
            self.person_name(Some(&self.actor())),
            base.objective
        );
        self.own_part(|j| j.save_goal(pid, Save::edit(path, base, new).labelled(label)))
    }

    /// The thought document the journal's actor is writing for the next meeting of `pid`,
    /// if they have one (the latest not yet met).
    pub fn pending_thoughts(&self, pid: &str) -> Option<Thoughts> {
        let p = self.snap.partnership(pid)?;
        let dates: Vec<_> = p.meetings.iter().map(|m| m.value.date).collect();
        let actor = self.actor();
        crate::model::thoughts_for(&p.partnership.value.thoughts, &dates, None)
            .into_iter()
            .find(|t| t.by == actor)
            .cloned()
    }

    /// Save a pre-meeting thought document (a new one, or the writer's own again): written
    /// by whoever the journal acts for, today. Answers keep no control characters.
    pub fn save_thoughts(&mut self, pid: &str, mut t: Thoughts) -> OpResult {
        self.actor_in(pid)?;
        let who = self.actor();
        let base = self.data(pid)?.partnership.value.clone();
        if let Some(old) = base.thoughts.iter().find(|x| x.id == t.id)
            && old.by != who
        {
            return Err(OpError::Refused(format!(
                "this thought document is {}'s: in this session you change only what you wrote",
                self.person_name(Some(&old.by))
            )));
        }
        for a in &mut t.answers {
            a.answer = clean(&a.answer).trim_end().to_string();
            if a.answer.len() > LIMIT {
                return Err(OpError::Refused(format!(
                    "an answer is longer than one is kept ({} KB)",
                    LIMIT / 1024
                )));
            }
        }
        if t.is_blank() {
            return Err(OpError::Refused(
                "answer at least one question of the thought document".into(),
            ));
        }
        if t.id.trim().is_empty() {
            t.id = new_id();
        }
        t.by = who.clone();
        t.written = self.today;
        let mut new = base.clone();
        match new.thoughts.iter_mut().find(|x| x.id == t.id) {
            Some(old) => *old = t,
            None => new.thoughts.push(t),
        }
        let label = format!(
            "{}'s pre-meeting thought document",
            self.person_name(Some(&who))
        );
        self.own_part(|j| j.update_partnership(pid, &base, new, label))
    }
}
