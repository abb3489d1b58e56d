//! Every record a journal keeps (DESIGN.md section 3). Field order is the file order: stable and
//! readable. Every top-level record carries its schema `version`.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

use super::SCHEMA_VERSION;

fn current_version() -> u32 {
    SCHEMA_VERSION
}

/// A closed set of named choices, each with the words people type for it.
macro_rules! choices {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $label:literal $(| $alias:literal)*),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.label())
            }
        }

        impl FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, String> {
                let key = s.trim().to_ascii_lowercase().replace(['_', ' '], "-");
                $(
                    if key == $label.replace(' ', "-") $(|| key == $alias)* {
                        return Ok($name::$variant);
                    }
                )+
                Err(format!(
                    "'{}' is not one of: {}",
                    s,
                    [$($label),+].join(", ")
                ))
            }
        }
    };
}

choices!(
    /// The role of whoever keeps (or writes in) the journal.
    Role {
        Mentor => "mentor",
        Mentee => "mentee" | "learner",
        Coach => "coach",
        CoCoach => "co-coach" | "cocoach",
        Coordinator => "coordinator",
    }
);

choices!(
    /// The sources' kinds of mentoring and coaching (CUREE core concepts).
    PartnershipKind {
        Induction => "induction" | "mentoring-for-induction",
        Progression => "progression" | "mentoring-for-progression",
        Challenge => "challenge" | "mentoring-for-challenge",
        SpecialistCoaching => "specialist coaching" | "coaching",
        CoCoaching => "co-coaching" | "cocoaching",
    }
);

choices!(
    /// ScotELAs pathways.
    Pathway {
        RoleFocused => "role" | "role-focused",
        ExpertiseFocused => "expertise" | "expertise-focused",
    }
);

choices!(
    /// How a partnership's meeting target is counted: every `cadence_days` days, or the LSIS
    /// reporting rhythm (`Cadence::Lsis`).
    Rhythm {
        Days => "days" | "every-n-days",
        Lsis => "lsis",
    }
);

// By hand: `choices!` takes no attribute on a variant, so `#[default]` cannot be written.
#[allow(clippy::derivable_impls)]
impl Default for Rhythm {
    fn default() -> Rhythm {
        Rhythm::Days
    }
}

impl Rhythm {
    /// The default, every `cadence_days` days (not written into the file).
    pub fn is_days(&self) -> bool {
        *self == Rhythm::Days
    }
}

choices!(
    PartnershipStatus {
        Forming => "forming",
        Active => "active",
        Closing => "closing",
        Closed => "closed",
    }
);

choices!(
    /// How a meeting was held. `NotRecorded`: the source never said (an entry imported from
    /// jrnl, which records none); files written before it was added still read as they were.
    MeetingMode {
        InPerson => "in person" | "person" | "f2f",
        Video => "video",
        Phone => "phone",
        Email => "email",
        NotRecorded => "not recorded" | "unknown",
    }
);

choices!(
    /// What kind of meeting it was. `NotRecorded`: the source never said (an entry imported
    /// from jrnl).
    MeetingType {
        Meeting => "meeting",
        ObservationOfMentee => "observation of mentee" | "obs-mentee",
        ObservationOfMentor => "observation of mentor" | "obs-mentor",
        JointObservation => "joint observation" | "joint",
        LearningConversation => "learning conversation" | "conversation",
        NotRecorded => "not recorded" | "unknown",
    }
);

impl MeetingMode {
    /// Whether the mode is known (worth showing).
    pub fn recorded(self) -> bool {
        self != MeetingMode::NotRecorded
    }

    /// The modes a form offers for a meeting whose mode is `current`: every known one, and
    /// "not recorded" last for a meeting that has it (so an edit keeps it unless changed).
    pub fn choices_for(current: MeetingMode) -> Vec<MeetingMode> {
        let mut v: Vec<MeetingMode> = MeetingMode::ALL
            .iter()
            .copied()
            .filter(|m| m.recorded())
            .collect();
        if !current.recorded() {
            v.push(current);
        }
        v
    }
}

impl MeetingType {
    /// Whether the type is known (worth showing).
    pub fn recorded(self) -> bool {
        self != MeetingType::NotRecorded
    }

    /// The types a form offers for a meeting whose type is `current` (see
    /// [`MeetingMode::choices_for`]).
    pub fn choices_for(current: MeetingType) -> Vec<MeetingType> {
        let mut v: Vec<MeetingType> = MeetingType::ALL
            .iter()
            .copied()
            .filter(|m| m.recorded())
            .collect();
        if !current.recorded() {
            v.push(current);
        }
        v
    }
}

choices!(
    Owner {
        Mentee => "mentee",
        Mentor => "mentor",
        SupportNetwork => "support network" | "support",
    }
);

choices!(
    GoalStatus {
        NotStarted => "not started" | "new",
        InProgress => "in progress" | "started",
        Achieved => "achieved" | "done",
        Dropped => "dropped",
    }
);

impl GoalStatus {
    /// The next status in the usual order of a goal's life.
    pub fn next(self) -> GoalStatus {
        match self {
            GoalStatus::NotStarted => GoalStatus::InProgress,
            GoalStatus::InProgress => GoalStatus::Achieved,
            GoalStatus::Achieved => GoalStatus::Dropped,
            GoalStatus::Dropped => GoalStatus::NotStarted,
        }
    }

    pub fn is_open(self) -> bool {
        matches!(self, GoalStatus::NotStarted | GoalStatus::InProgress)
    }
}

/// `journal.ron`: who keeps this journal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Journal {
    #[serde(default = "current_version")]
    pub version: u32,
    pub profile: Profile,
    /// Everyone else the journal knows (the owner is the profile).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<super::Member>,
    /// Written only when changed from the defaults, so files stay as they were.
    #[serde(default, skip_serializing_if = "Settings::is_default")]
    pub settings: Settings,
}

/// How the journal keeps what it keeps.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// Days a deleted record stays in the trash, restorable, before it is gone.
    #[serde(default = "default_trash_days")]
    pub trash_days: u32,
}

fn default_trash_days() -> u32 {
    30
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            trash_days: default_trash_days(),
        }
    }
}

impl Settings {
    pub fn is_default(&self) -> bool {
        *self == Settings::default()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    pub name: String,
    pub role: Role,
    /// The owner's member id (made from the name when first needed, then kept).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The owner's SSH public keys.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keys: Vec<String>,
    #[serde(default)]
    pub institution: Option<String>,
    /// Current mentor stage, e.g. "ljmu/developing".
    #[serde(default)]
    pub stage: Option<String>,
}

impl Default for Profile {
    fn default() -> Self {
        Profile {
            id: None,
            keys: Vec::new(),
            name: String::new(),
            role: Role::Mentor,
            institution: None,
            stage: None,
        }
    }
}

/// `partnership.ron`: a mentoring partnership, its agreement and its evaluation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Partnership {
    /// Who created the record and who last changed it.
    #[serde(default, skip_serializing_if = "super::By::is_empty")]
    pub by: super::By,
    #[serde(default = "current_version")]
    pub version: u32,
    /// Stable id, also the folder name.
    pub id: String,
    /// The other person or people.
    pub name: String,
    #[serde(default)]
    pub institution: Option<String>,
    pub kind: PartnershipKind,
    pub pathway: Pathway,
    /// The focus area of an expertise-focused pathway.
    #[serde(default)]
    pub focus: Option<String>,
    pub start: NaiveDate,
    #[serde(default)]
    pub end: Option<NaiveDate>,
    /// Target number of days between meetings.
    pub cadence_days: u32,
    /// How the target is counted: every `cadence_days` days (the default, left out of the
    /// file), or the LSIS rhythm, `cadence_days` then kept for a return to it.
    #[serde(default, skip_serializing_if = "Rhythm::is_days")]
    pub rhythm: Rhythm,
    /// Framework ids in use.
    #[serde(default)]
    pub frameworks: Vec<String>,
    pub status: PartnershipStatus,
    #[serde(default)]
    pub agreement: Option<Agreement>,
    #[serde(default)]
    pub evaluation: Option<Evaluation>,
    /// The mentee's pre-meeting thought documents (ScotELAs), each for the next meeting.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub thoughts: Vec<Thoughts>,
    /// Sign-offs of the agreement, the evaluation and stage records, each signed with the
    /// signer's SSH key (see [`super::Signature`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub signatures: Vec<super::Signature>,
}

impl Partnership {
    /// The meeting target: every `cadence_days` days, or the LSIS rhythm.
    pub fn cadence(&self) -> super::Cadence {
        match self.rhythm {
            Rhythm::Days => super::Cadence::Days(self.cadence_days),
            Rhythm::Lsis => super::Cadence::Lsis,
        }
    }
}

/// The mentoring agreement (ScotELAs).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Agreement {
    /// At least three outcomes for the mentee.
    #[serde(default)]
    pub outcomes: Vec<String>,
    #[serde(default)]
    pub mentee_responsibilities: Vec<String>,
    #[serde(default)]
    pub mentor_responsibilities: Vec<String>,
    /// Ground rules for the tone of the partnership.
    #[serde(default)]
    pub tone_ground_rules: Vec<String>,
    /// Logistical ground rules: when, where, how often, how to contact.
    #[serde(default)]
    pub logistics_ground_rules: Vec<String>,
    #[serde(default)]
    pub agreed_by_mentee: Option<NaiveDate>,
    #[serde(default)]
    pub agreed_by_mentor: Option<NaiveDate>,
    /// Who agreed to it, when, and to which text (see [`Consent`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub agreed: Vec<Consent>,
}

impl Agreement {
    /// The fingerprint of what is agreed to: the outcomes, both sides' responsibilities and
    /// the ground rules (not the dates or who agreed).
    pub fn fingerprint(&self) -> String {
        let mut f = Fingerprint::default();
        for list in [
            &self.outcomes,
            &self.mentee_responsibilities,
            &self.mentor_responsibilities,
            &self.tone_ground_rules,
            &self.logistics_ground_rules,
        ] {
            f.list(list);
        }
        f.hex()
    }
}

/// A person's agreement to a text (the mentoring agreement, a goal): who (a member id), on
/// which day, and the fingerprint of the text as it was then, so a text changed since says
/// so. Like a signature line, not a cryptographic signature.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Consent {
    pub by: String,
    pub date: NaiveDate,
    /// The text's fingerprint when agreed (`Agreement::fingerprint`, `Goal::fingerprint`).
    pub of: String,
}

impl Consent {
    /// Whether the text changed since this agreement (its fingerprint is not `now`).
    pub fn changed_since(&self, now: &str) -> bool {
        self.of != now
    }
}

/// Put `consent` in `list` in place of any earlier one by the same person.
pub fn record_consent(list: &mut Vec<Consent>, consent: Consent) {
    list.retain(|c| c.by != consent.by);
    list.push(consent);
}

/// FNV-1a (64 bits) over the fields of a text, each ended by a separator: stable across
/// builds and platforms, unlike `std`'s hasher.
#[derive(Debug, Clone, Copy)]
struct Fingerprint(u64);

impl Default for Fingerprint {
    fn default() -> Fingerprint {
        Fingerprint(0xcbf2_9ce4_8422_2325)
    }
}

impl Fingerprint {
    fn bytes(&mut self, b: &[u8]) {
        for x in b {
            self.0 ^= u64::from(*x);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn field(&mut self, s: &str) {
        self.bytes(s.as_bytes());
        self.bytes(&[0x1f]);
    }

    fn list(&mut self, items: &[String]) {
        for i in items {
            self.field(i);
        }
        self.bytes(&[0x1e]);
    }

    fn hex(self) -> String {
        format!("{:016x}", self.0)
    }
}

/// A mentee's pre-meeting thought document (ScotELAs, Appendix 2): their answers to the
/// `pre-meeting` bank's questions, written before a meeting and shown in it. It is for the
/// first meeting dated on or after the day it was written (`meeting` is the day planned,
/// when known).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Thoughts {
    pub id: String,
    /// Who wrote it (a member id).
    pub by: String,
    /// The day it was written (last changed).
    pub written: NaiveDate,
    /// The day of the meeting it is for, when planned.
    #[serde(default)]
    pub meeting: Option<NaiveDate>,
    /// Each question, verbatim from the bank, and the answer to it.
    #[serde(default)]
    pub answers: Vec<Answer>,
}

impl Thoughts {
    /// Whether any question has an answer.
    pub fn is_blank(&self) -> bool {
        self.answers.iter().all(|a| a.answer.trim().is_empty())
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    pub question: String,
    #[serde(default)]
    pub answer: String,
}

/// The thought documents of meeting `date` among a log of `meetings` dates: those written
/// after the meeting before it (on a later day) and no later than its day. With `None`, those
/// waiting for the next meeting: written after the latest meeting's day (or on it, when no
/// meeting is later). Newest first.
pub fn thoughts_for<'t>(
    thoughts: &'t [Thoughts],
    meetings: &[NaiveDate],
    date: Option<NaiveDate>,
) -> Vec<&'t Thoughts> {
    let mut out: Vec<&Thoughts> = match date {
        Some(d) => {
            let before = meetings.iter().copied().filter(|m| *m < d).max();
            thoughts
                .iter()
                .filter(|t| t.written <= d && before.is_none_or(|b| t.written > b))
                .collect()
        }
        None => {
            let last = meetings.iter().copied().max();
            thoughts
                .iter()
                .filter(|t| last.is_none_or(|l| t.written > l))
                .collect()
        }
    };
    out.sort_by(|a, b| b.written.cmp(&a.written).then(b.id.cmp(&a.id)));
    out
}

/// One entry of the mentoring log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    /// Who created the record and who last changed it.
    #[serde(default, skip_serializing_if = "super::By::is_empty")]
    pub by: super::By,
    #[serde(default = "current_version")]
    pub version: u32,
    pub id: String,
    pub date: NaiveDate,
    #[serde(default)]
    pub time: Option<NaiveTime>,
    #[serde(default)]
    pub duration_minutes: Option<u32>,
    pub mode: MeetingMode,
    #[serde(rename = "type")]
    pub kind: MeetingType,
    #[serde(default)]
    pub focus: String,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub outcomes: String,
    #[serde(default)]
    pub action_items: Vec<ActionItem>,
    /// Ids of the goals discussed.
    #[serde(default)]
    pub goals: Vec<String>,
    /// `FRAMEWORK/ITEM` addresses this meeting evidences.
    #[serde(default)]
    pub evidences: Vec<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub private: bool,
}

impl Meeting {
    pub fn new(id: String, date: NaiveDate) -> Meeting {
        Meeting {
            by: Default::default(),
            version: SCHEMA_VERSION,
            id,
            date,
            time: None,
            duration_minutes: None,
            mode: MeetingMode::InPerson,
            kind: MeetingType::Meeting,
            focus: String::new(),
            notes: String::new(),
            outcomes: String::new(),
            action_items: Vec::new(),
            goals: Vec::new(),
            evidences: Vec::new(),
            tags: Vec::new(),
            private: false,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActionItem {
    pub id: String,
    pub text: String,
    pub owner: Owner,
    #[serde(default)]
    pub due: Option<NaiveDate>,
    #[serde(default)]
    pub done: bool,
}

/// One row of the action plan (the ScotELAs action-plan table).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Goal {
    /// Who created the record and who last changed it.
    #[serde(default, skip_serializing_if = "super::By::is_empty")]
    pub by: super::By,
    #[serde(default = "current_version")]
    pub version: u32,
    pub id: String,
    pub created: NaiveDate,
    #[serde(default)]
    pub learning_goal: String,
    pub objective: String,
    #[serde(default)]
    pub mentee_actions: String,
    #[serde(default)]
    pub mentor_actions: String,
    #[serde(default)]
    pub support_actions: String,
    #[serde(default)]
    pub barriers: String,
    #[serde(default)]
    pub success_measures: String,
    #[serde(default)]
    pub target: Option<NaiveDate>,
    pub status: GoalStatus,
    #[serde(default)]
    pub reviews: Vec<Review>,
    /// Who agreed to the goal, when, and to which text (see [`Consent`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub agreed: Vec<Consent>,
    /// Comments on the goal by the people of the partnership, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub comments: Vec<Comment>,
}

impl Goal {
    /// The fingerprint of what is agreed to in a goal: its learning goal, objective, each
    /// side's actions, barriers, success measures and target (not its status, reviews or
    /// comments, which follow it through its life).
    pub fn fingerprint(&self) -> String {
        let mut f = Fingerprint::default();
        for s in [
            &self.learning_goal,
            &self.objective,
            &self.mentee_actions,
            &self.mentor_actions,
            &self.support_actions,
            &self.barriers,
            &self.success_measures,
        ] {
            f.field(s);
        }
        f.field(&self.target.map(|t| t.to_string()).unwrap_or_default());
        f.hex()
    }
}

/// A comment on a goal: who wrote it (a member id), when, and what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Comment {
    pub id: String,
    pub by: String,
    pub date: NaiveDate,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Review {
    pub date: NaiveDate,
    pub note: String,
}

/// The ticks of one framework for one partnership (`ticks/FRAMEWORK.ron`), keyed by item id.
/// Kept in one file so a checklist loads at once; saves merge item by item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TickSheet {
    /// Who created the record and who last changed it.
    #[serde(default, skip_serializing_if = "super::By::is_empty")]
    pub by: super::By,
    #[serde(default = "current_version")]
    pub version: u32,
    pub framework: String,
    #[serde(default)]
    pub ticks: BTreeMap<String, Tick>,
}

impl TickSheet {
    pub fn new(framework: &str) -> TickSheet {
        TickSheet {
            by: Default::default(),
            version: SCHEMA_VERSION,
            framework: framework.to_string(),
            ticks: BTreeMap::new(),
        }
    }
}

/// An assessment of one framework item: achieved, or a rubric level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tick {
    pub date: NaiveDate,
    /// Rubric level name, for frameworks with levels.
    #[serde(default)]
    pub level: Option<String>,
    #[serde(default)]
    pub evidence: Evidence,
    /// Boxed: few ticks are verified, and a journal holds tens of thousands of ticks.
    #[serde(default)]
    pub verification: Option<Box<Verification>>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    /// Ids of meetings that evidence the item.
    #[serde(default)]
    pub meetings: Vec<String>,
    #[serde(default)]
    pub notes: Vec<String>,
    #[serde(default)]
    pub files: Vec<String>,
}

impl Evidence {
    pub fn is_empty(&self) -> bool {
        self.meetings.is_empty() && self.notes.is_empty() && self.files.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Verification {
    pub name: String,
    #[serde(default)]
    pub role: Option<String>,
    pub date: NaiveDate,
    #[serde(default)]
    pub comment: String,
}

/// A reflection, answering a prompt from the question banks or free.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reflection {
    /// Who created the record and who last changed it.
    #[serde(default, skip_serializing_if = "super::By::is_empty")]
    pub by: super::By,
    #[serde(default = "current_version")]
    pub version: u32,
    pub id: String,
    pub date: NaiveDate,
    pub author: Role,
    #[serde(default)]
    pub prompt: Option<String>,
    pub text: String,
    /// Path of an attached audio or video file.
    #[serde(default)]
    pub attachment: Option<String>,
    #[serde(default)]
    pub private: bool,
}

/// Reflection, development targets and verification for one stage of a framework
/// (e.g. the LJMU "Developing Mentor" stage), in `stages/FRAMEWORK-STAGE.ron`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StageRecord {
    /// Who created the record and who last changed it.
    #[serde(default, skip_serializing_if = "super::By::is_empty")]
    pub by: super::By,
    #[serde(default = "current_version")]
    pub version: u32,
    pub framework: String,
    /// Section id of the stage within the framework.
    pub stage: String,
    #[serde(default)]
    pub reflection: String,
    #[serde(default)]
    pub targets: String,
    #[serde(default)]
    pub verifications: Vec<Verification>,
}

/// How the agreement was kept: Likert answers (1 not at all .. 5 fully kept).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Evaluation {
    pub date: NaiveDate,
    #[serde(default)]
    pub answers: Vec<LikertAnswer>,
    #[serde(default)]
    pub comments: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LikertAnswer {
    pub statement: String,
    pub score: u8,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choices_read_the_words_people_type() {
        assert_eq!("co-coach".parse::<Role>(), Ok(Role::CoCoach));
        assert_eq!("Co Coach".parse::<Role>(), Ok(Role::CoCoach));
        assert_eq!(
            "in person".parse::<MeetingMode>(),
            Ok(MeetingMode::InPerson)
        );
        assert_eq!(
            "in-person".parse::<MeetingMode>(),
            Ok(MeetingMode::InPerson)
        );
        assert_eq!(
            "expertise".parse::<Pathway>(),
            Ok(Pathway::ExpertiseFocused)
        );
        assert_eq!("support".parse::<Owner>(), Ok(Owner::SupportNetwork));
        let err = "skype".parse::<MeetingMode>().unwrap_err();
        assert!(err.contains("in person, video, phone, email"), "{err}");
    }

    #[test]
    fn goal_status_cycles_through_its_life() {
        let mut s = GoalStatus::NotStarted;
        let mut seen = vec![s];
        for _ in 0..3 {
            s = s.next();
            seen.push(s);
        }
        assert_eq!(seen, GoalStatus::ALL);
        assert_eq!(s.next(), GoalStatus::NotStarted);
        assert!(GoalStatus::InProgress.is_open());
        assert!(!GoalStatus::Dropped.is_open());
    }
}
