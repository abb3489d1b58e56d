//! Recognition readiness, rule by rule, with what is still missing. Derived, never stored.
//! This module holds the ScotELAs scheme's rules, which need only the journal's records;
//! rules that need a framework's structure (LJMU stages, TLA levels) are in `framework`.

use chrono::{Months, NaiveDate};
use serde::Serialize;

use super::{Agreement, Partnership, Reflection, Role};

/// One rule of a recognition scheme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rule {
    pub rule: String,
    pub met: bool,
    /// What is missing, in words a mentor can act on (empty when met).
    pub missing: Vec<String>,
}

impl Rule {
    pub fn new(rule: &str, missing: Vec<String>) -> Rule {
        Rule {
            rule: rule.to_string(),
            met: missing.is_empty(),
            missing,
        }
    }
}

/// A scheme's verdict: ready when every rule is met.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Readiness {
    /// "scotelas", "ljmu/developing", ...
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
            ready: rules.iter().all(|r| r.met),
            rules,
        }
    }

    pub fn missing(&self) -> Vec<String> {
        self.rules
            .iter()
            .flat_map(|r| r.missing.iter().cloned())
            .collect()
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

/// The ScotELAs recognition rules (handbook, "Recognition"): agreement done; at least six
/// months engaged (first to last meeting); no more than two months between meetings; two
/// reflections from each side; the evaluation done.
pub fn scotelas(
    p: &Partnership,
    meeting_dates: &[NaiveDate],
    reflections: &[&Reflection],
) -> Readiness {
    let mut rules = Vec::new();

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
    rules.push(Rule::new("Mentoring agreement done", missing));

    let mut dates: Vec<NaiveDate> = meeting_dates.to_vec();
    dates.sort_unstable();
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
    rules.push(Rule::new("At least 6 months engaged", missing));

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
    rules.push(Rule::new("No more than 2 months between meetings", missing));

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
    rules.push(Rule::new("Two reflections from each side", missing));

    let missing = match &p.evaluation {
        Some(e) if !e.answers.is_empty() => vec![],
        _ => vec!["the evaluation of how the agreement was kept is not done".into()],
    };
    rules.push(Rule::new("Evaluation done", missing));

    Readiness::new("scotelas", "ScotELAs mentoring recognition", rules)
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
        let r = scotelas(&partnership(Some(agreement(3)), true), &dates, &refs);
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
        );
        assert!(rule(&enough, "At least 6 months").met);
    }

    #[test]
    fn a_gap_of_exactly_two_months_is_allowed_a_day_more_is_not() {
        let p = partnership(Some(agreement(3)), true);
        let exact = scotelas(&p, &[d("2026-01-31"), d("2026-03-31")], &[]);
        assert!(rule(&exact, "No more than 2 months").met);
        let over = scotelas(&p, &[d("2026-01-31"), d("2026-04-01")], &[]);
        let gap = rule(&over, "No more than 2 months");
        assert!(!gap.met);
        assert!(gap.missing[0].contains("2026-01-31"), "{:?}", gap.missing);
        // End of month: two months after 31 December is 28 February.
        let feb = scotelas(&p, &[d("2025-12-31"), d("2026-02-28")], &[]);
        assert!(rule(&feb, "No more than 2 months").met);
    }

    #[test]
    fn the_agreement_needs_three_outcomes_and_both_dates() {
        let mut a = agreement(2);
        a.agreed_by_mentor = None;
        let r = scotelas(&partnership(Some(a), false), &[], &[]);
        let ag = rule(&r, "Mentoring agreement");
        assert_eq!(ag.missing.len(), 2);
        assert!(ag.missing[0].contains("at least 3"));
        assert!(!rule(&r, "Evaluation").met);
        assert!(
            !rule(
                &scotelas(&partnership(None, true), &[], &[]),
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
        let r = scotelas(&partnership(None, false), &[], &refs);
        let rr = rule(&r, "Two reflections");
        assert_eq!(
            rr.missing,
            vec!["1 more reflection(s) from the mentee".to_string()]
        );
    }
}
