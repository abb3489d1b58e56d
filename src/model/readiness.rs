//! Recognition readiness, rule by rule, with what is still missing. Derived, never stored.
//! This module holds the ScotELAs scheme's rules, which need only the journal's records;
//! rules that need a framework's structure (LJMU stages, TLA levels) are in `framework`.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{Agreement, Partnership, Pathway, Reflection, Role};

/// What a rule is, as its source words it: a requirement blocks recognition until met; a
/// recommendation not followed is shown as such but never blocks; a note says what the source
/// leaves open (e.g. which earlier stages are achieved) and never blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all(serialize = "lowercase"))]
pub enum RuleKind {
    // Framework files say `Requirement`; JSON (a bundle) says what serializing wrote.
    #[serde(alias = "requirement")]
    Requirement,
    #[serde(alias = "recommendation")]
    Recommendation,
    #[serde(alias = "note")]
    Note,
}

impl RuleKind {
    pub fn label(self) -> &'static str {
        match self {
            RuleKind::Requirement => "requirement",
            RuleKind::Recommendation => "recommendation",
            RuleKind::Note => "note",
        }
    }
}

/// A recognition rule as a framework file states it (`recognition: [...]`): which check it is
/// (`id`), its name, whether the source requires or recommends it, for which pathways, and the
/// source's sentence it comes from, quoted word for word.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecognitionRule {
    pub id: String,
    pub rule: String,
    pub kind: RuleKind,
    /// The pathways it applies to (empty: every pathway).
    #[serde(default)]
    pub pathways: Vec<Pathway>,
    /// The source's words, quoted exactly.
    pub source: String,
}

/// The ScotELAs rule ids mentorlog knows how to check.
pub const SCOTELAS_RULE_IDS: &[&str] = &[
    "agreement",
    "six-months",
    "meeting-gaps",
    "reflections",
    "evaluation",
];

/// A pathway in the handbook's words.
pub fn pathway_words(p: Pathway) -> &'static str {
    match p {
        Pathway::RoleFocused => "role-focused",
        Pathway::ExpertiseFocused => "expertise-focused",
    }
}

/// "role-focused pathway", "both pathways".
pub fn pathways_phrase(ps: &[Pathway]) -> String {
    if ps.is_empty() || Pathway::ALL.iter().all(|p| ps.contains(p)) {
        "both pathways".into()
    } else {
        let names: Vec<&str> = ps.iter().map(|p| pathway_words(*p)).collect();
        format!("{} pathway", names.join(" and "))
    }
}

/// One rule of a recognition scheme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rule {
    pub rule: String,
    pub met: bool,
    /// What is missing, in words a mentor can act on (empty when met).
    pub missing: Vec<String>,
    /// Requirement (blocks until met), recommendation or note (never block).
    pub kind: RuleKind,
    /// Whom it applies to, in words ("role-focused pathway", "both pathways"), when the
    /// source says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applies: Option<String>,
    /// The source's sentence the rule comes from, quoted exactly (none for mentorlog's own
    /// checks, such as evidence dates).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

impl Rule {
    /// A requirement.
    pub fn new(rule: &str, missing: Vec<String>) -> Rule {
        Rule {
            rule: rule.to_string(),
            met: missing.is_empty(),
            missing,
            kind: RuleKind::Requirement,
            applies: None,
            source: None,
        }
    }

    pub fn kind(mut self, kind: RuleKind) -> Rule {
        self.kind = kind;
        self
    }

    pub fn source(mut self, source: &str) -> Rule {
        self.source = Some(source.to_string());
        self
    }

    pub fn applies(mut self, applies: impl Into<String>) -> Rule {
        self.applies = Some(applies.into());
        self
    }

    /// Whether it must be met for recognition.
    pub fn blocks(&self) -> bool {
        self.kind == RuleKind::Requirement
    }

    /// "requirement, role-focused pathway".
    pub fn label(&self) -> String {
        match &self.applies {
            Some(a) => format!("{}, {a}", self.kind.label()),
            None => self.kind.label().to_string(),
        }
    }

    /// A checkbox mark: x met; blank: a requirement not met; ~ a recommendation not followed;
    /// i a note.
    pub fn mark(&self) -> &'static str {
        match (self.met, self.kind) {
            (_, RuleKind::Note) => "i",
            (true, _) => "x",
            (false, RuleKind::Requirement) => " ",
            (false, RuleKind::Recommendation) => "~",
        }
    }

    /// What an unmet rule's lines are called: "missing" for a requirement, "not followed"
    /// for a recommendation.
    pub fn missing_word(&self) -> &'static str {
        match self.kind {
            RuleKind::Requirement => "missing",
            RuleKind::Recommendation => "not followed (does not block)",
            RuleKind::Note => "note",
        }
    }
}

/// A scheme's verdict: ready when every requirement is met (recommendations and notes never
/// block).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Readiness {
    /// "scotelas", "ljmu/developing", "mcf/communication", ...
    pub scheme: String,
    pub title: String,
    pub ready: bool,
    pub rules: Vec<Rule>,
}

impl Readiness {
    pub fn new(scheme: impl Into<String>, title: impl Into<String>, rules: Vec<Rule>) -> Readiness {
        Readiness {
            scheme: scheme.into(),
            title: title.into(),
            ready: rules.iter().filter(|r| r.blocks()).all(|r| r.met),
            rules,
        }
    }

    /// The requirements' names, in lower case, as a sentence lists them.
    pub fn requirements_lowercase(&self) -> Vec<String> {
        self.rules
            .iter()
            .filter(|r| r.blocks())
            .map(|r| r.rule.to_lowercase())
            .collect()
    }

    /// What blocks recognition: the missing lines of unmet requirements.
    pub fn missing(&self) -> Vec<String> {
        self.rules
            .iter()
            .filter(|r| r.blocks())
            .flat_map(|r| r.missing.iter().cloned())
            .collect()
    }

    /// Requirements met, out of all requirements.
    pub fn requirements_met(&self) -> (usize, usize) {
        let req: Vec<&Rule> = self.rules.iter().filter(|r| r.blocks()).collect();
        (req.iter().filter(|r| r.met).count(), req.len())
    }

    /// "3/5 requirements met".
    pub fn count_phrase(&self) -> String {
        let (met, all) = self.requirements_met();
        format!("{met}/{all} requirements met")
    }
}

/// The statements of the evaluation, one per part of the agreement: how well it was kept.
pub fn evaluation_statements(a: Option<&Agreement>) -> Vec<String> {
    let mut out: Vec<String> = a
        .map(|a| {
            a.outcomes
                .iter()
                .map(|o| format!("We worked towards the outcome: {o}"))
                .collect()
        })
        .unwrap_or_default();
    out.extend(
        [
            "The mentee kept their responsibilities",
            "The mentor kept their responsibilities",
            "We kept our ground rules for the tone of our conversations",
            "We kept our logistical ground rules",
        ]
        .map(String::from),
    );
    out
}

/// ScotELAs: at least 6 months of engagement.
pub const SCOTELAS_MONTHS: u32 = 6;
/// ScotELAs: no more than 2 months between meetings.
pub const SCOTELAS_MAX_GAP_MONTHS: u32 = 2;
/// ScotELAs: reflections needed from each side.
pub const SCOTELAS_REFLECTIONS: usize = 2;
/// The mentoring agreement names at least this many outcomes for the mentee.
pub const AGREEMENT_OUTCOMES: usize = 3;

fn is_mentor_side(r: Role) -> bool {
    matches!(r, Role::Mentor | Role::Coach)
}

/// The ScotELAs recognition rules, as the framework file states them (`rules`, from the
/// handbook, each with its kind, pathways and source sentence): those that apply to the
/// partnership's pathway, each checked. The checks: `agreement` (at least three outcomes,
/// agreed by each side), `six-months` (first to last meeting), `meeting-gaps` (no more than
/// two months between meetings), `reflections` (two from each side), `evaluation` (done).
/// A rule id mentorlog cannot check is reported as an unmet requirement, never skipped.
pub fn scotelas(
    p: &Partnership,
    meeting_dates: &[NaiveDate],
    reflections: &[&Reflection],
    rules: &[RecognitionRule],
) -> Readiness {
    let mut dates: Vec<NaiveDate> = meeting_dates.to_vec();
    dates.sort_unstable();
    let mut out = Vec::new();
    if rules.is_empty() {
        out.push(Rule::new(
            "The ScotELAs recognition rules",
            vec!["the scotelas framework file states no recognition rules".into()],
        ));
    }
    for r in rules {
        if !r.pathways.is_empty() && !r.pathways.contains(&p.pathway) {
            continue;
        }
        let missing = match r.id.as_str() {
            "agreement" => agreement_missing(p),
            "six-months" => six_months_missing(&dates),
            "meeting-gaps" => gaps_missing(&dates),
            "reflections" => reflections_missing(reflections),
            "evaluation" => match &p.evaluation {
                Some(e) if !e.answers.is_empty() => vec![],
                _ => vec!["the evaluation of how the agreement was kept is not done".into()],
            },
            other => vec![format!("mentorlog cannot check the rule '{other}'")],
        };
        out.push(
            Rule::new(&r.rule, missing)
                .kind(r.kind)
                .applies(pathways_phrase(&r.pathways))
                .source(&r.source),
        );
    }
    Readiness::new("scotelas", "ScotELAs mentoring recognition", out)
}

fn agreement_missing(p: &Partnership) -> Vec<String> {
    let mut missing = Vec::new();
    match &p.agreement {
        None => missing.push("no mentoring agreement yet".to_string()),
        Some(a) => {
            if a.outcomes.len() < AGREEMENT_OUTCOMES {
                missing.push(format!(
                    "the agreement names {} outcome(s); at least {AGREEMENT_OUTCOMES} are needed",
                    a.outcomes.len()
                ));
            }
            if a.agreed_by_mentee.is_none() {
                missing.push("the mentee has not agreed it (date)".into());
            }
            if a.agreed_by_mentor.is_none() {
                missing.push("the mentor has not agreed it (date)".into());
            }
        }
    }
    missing
}

fn six_months_missing(dates: &[NaiveDate]) -> Vec<String> {
    let mut missing = Vec::new();
    match (dates.first(), dates.last()) {
        (Some(first), Some(last)) => {
            let due = first.checked_add_months(Months::new(SCOTELAS_MONTHS));
            if due.is_none_or(|d| *last < d) {
                missing.push(format!(
                    "engaged from {first} to {last}; six months are reached on {}",
                    due.map_or_else(|| "(out of range)".into(), |d| d.to_string())
                ));
            }
        }
        _ => missing.push("no meetings logged yet".into()),
    }
    missing
}

fn gaps_missing(dates: &[NaiveDate]) -> Vec<String> {
    let mut missing = Vec::new();
    for pair in dates.windows(2) {
        let limit = pair[0].checked_add_months(Months::new(SCOTELAS_MAX_GAP_MONTHS));
        if limit.is_none_or(|l| pair[1] > l) {
            missing.push(format!(
                "{} days between the meetings of {} and {}",
                (pair[1] - pair[0]).num_days(),
                pair[0],
                pair[1]
            ));
        }
    }
    missing
}

fn reflections_missing(reflections: &[&Reflection]) -> Vec<String> {
    let mentee = reflections
        .iter()
        .filter(|r| r.author == Role::Mentee)
        .count();
    let mentor = reflections
        .iter()
        .filter(|r| is_mentor_side(r.author))
        .count();
    let mut missing = Vec::new();
    if mentee < SCOTELAS_REFLECTIONS {
        missing.push(format!(
            "{} more reflection(s) from the mentee",
            SCOTELAS_REFLECTIONS - mentee
        ));
    }
    if mentor < SCOTELAS_REFLECTIONS {
        missing.push(format!(
            "{} more reflection(s) from the mentor",
            SCOTELAS_REFLECTIONS - mentor
        ));
    }
    missing
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        Agreement, Evaluation, LikertAnswer, PartnershipKind, PartnershipStatus, Pathway,
        SCHEMA_VERSION,
    };

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn partnership(agreement: Option<Agreement>, evaluated: bool) -> Partnership {
        Partnership {
            signatures: Vec::new(),
            by: Default::default(),
            version: SCHEMA_VERSION,
            id: "p".into(),
            name: "P".into(),
            institution: None,
            kind: PartnershipKind::Induction,
            pathway: Pathway::RoleFocused,
            focus: None,
            start: d("2026-01-15"),
            end: None,
            cadence_days: 14,
            rhythm: Default::default(),
            frameworks: vec![],
            status: PartnershipStatus::Active,
            agreement,
            thoughts: Vec::new(),
            evaluation: evaluated.then(|| Evaluation {
                date: d("2026-08-01"),
                answers: vec![LikertAnswer {
                    statement: "We met as agreed".into(),
                    score: 4,
                }],
                comments: String::new(),
            }),
        }
    }

    fn agreement(outcomes: usize) -> Agreement {
        Agreement {
            outcomes: (0..outcomes).map(|i| format!("Outcome {i}")).collect(),
            agreed_by_mentee: Some(d("2026-01-15")),
            agreed: Vec::new(),
            agreed_by_mentor: Some(d("2026-01-15")),
            ..Agreement::default()
        }
    }

    fn reflection(author: Role) -> Reflection {
        Reflection {
            by: Default::default(),
            version: SCHEMA_VERSION,
            id: "r".into(),
            date: d("2026-05-01"),
            author,
            prompt: None,
            text: "t".into(),
            attachment: None,
            private: false,
        }
    }

    fn rules() -> Vec<RecognitionRule> {
        crate::framework::FrameworkSet::bundled()
            .get("scotelas")
            .unwrap()
            .recognition
            .clone()
    }

    fn rule<'a>(r: &'a Readiness, name: &str) -> &'a Rule {
        r.rules.iter().find(|x| x.rule.starts_with(name)).unwrap()
    }

    #[test]
    fn ready_when_every_rule_is_met() {
        let rs = [
            reflection(Role::Mentee),
            reflection(Role::Mentee),
            reflection(Role::Mentor),
            reflection(Role::Coach),
        ];
        let refs: Vec<&Reflection> = rs.iter().collect();
        let dates = [
            d("2026-01-15"),
            d("2026-03-15"),
            d("2026-05-15"),
            d("2026-07-15"),
        ];
        let r = scotelas(
            &partnership(Some(agreement(3)), true),
            &dates,
            &refs,
            &rules(),
        );
        assert!(r.ready, "{:?}", r.missing());
    }

    #[test]
    fn six_months_less_a_day_is_not_enough() {
        let p = partnership(Some(agreement(3)), true);
        let short = scotelas(
            &p,
            &[
                d("2026-01-15"),
                d("2026-03-01"),
                d("2026-05-01"),
                d("2026-07-14"),
            ],
            &[],
            &rules(),
        );
        let rule6 = rule(&short, "At least 6 months");
        assert!(!rule6.met);
        assert!(
            rule6.missing[0].contains("2026-07-15"),
            "{:?}",
            rule6.missing
        );
        let enough = scotelas(
            &p,
            &[
                d("2026-01-15"),
                d("2026-03-01"),
                d("2026-05-01"),
                d("2026-07-15"),
            ],
            &[],
            &rules(),
        );
        assert!(rule(&enough, "At least 6 months").met);
    }

    #[test]
    fn a_gap_of_exactly_two_months_is_allowed_a_day_more_is_not() {
        let p = partnership(Some(agreement(3)), true);
        let exact = scotelas(&p, &[d("2026-01-31"), d("2026-03-31")], &[], &rules());
        assert!(rule(&exact, "No more than 2 months").met);
        let over = scotelas(&p, &[d("2026-01-31"), d("2026-04-01")], &[], &rules());
        let gap = rule(&over, "No more than 2 months");
        assert!(!gap.met);
        assert!(gap.missing[0].contains("2026-01-31"), "{:?}", gap.missing);
        // End of month: two months after 31 December is 28 February.
        let feb = scotelas(&p, &[d("2025-12-31"), d("2026-02-28")], &[], &rules());
        assert!(rule(&feb, "No more than 2 months").met);
    }

    #[test]
    fn the_agreement_needs_three_outcomes_and_both_dates() {
        let mut a = agreement(2);
        a.agreed_by_mentor = None;
        let r = scotelas(&partnership(Some(a), false), &[], &[], &rules());
        let ag = rule(&r, "Mentoring agreement");
        assert_eq!(ag.missing.len(), 2);
        assert!(ag.missing[0].contains("at least 3"));
        assert!(!rule(&r, "Evaluation").met);
        assert!(
            !rule(
                &scotelas(&partnership(None, true), &[], &[], &rules()),
                "Mentoring agreement"
            )
            .met
        );
        assert!(!r.ready);
    }

    #[test]
    fn reflections_count_per_side() {
        let rs = [
            reflection(Role::Mentee),
            reflection(Role::Mentor),
            reflection(Role::Mentor),
        ];
        let refs: Vec<&Reflection> = rs.iter().collect();
        let r = scotelas(&partnership(None, false), &[], &refs, &rules());
        let rr = rule(&r, "Two reflections");
        assert_eq!(
            rr.missing,
            vec!["1 more reflection(s) from the mentee".to_string()]
        );
    }
}
