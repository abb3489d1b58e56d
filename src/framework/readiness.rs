//! Readiness that needs a framework's structure: a stage of a staged framework (LJMU: every
//! criterion achieved with evidence, the stage's CUREE checklist, reflection, verification) and
//! the rubric level reached per item (TLA).

use chrono::NaiveDate;
use serde::Serialize;

use super::load::FrameworkSet;
use super::schema::{Framework, Section};
use crate::model::first_line;
use crate::model::{Readiness, Rule, StageRecord, Tick};

/// Look up the tick stored for `framework/item` (refs already followed).
pub type TickLookup<'a> = &'a dyn Fn(&str, &str) -> Option<&'a Tick>;

/// The dates of the meetings given as evidence for the tick stored at `framework/item` that
/// are later than the tick (evidence dated after what it evidences).
pub type LateLookup<'a> = &'a dyn Fn(&str, &str) -> Vec<NaiveDate>;

/// The name of mentorlog's own check that evidence predates the achievement.
pub const EVIDENCE_DATES_RULE: &str = "Evidence dated no later than what it evidences";

/// The rule that no evidence is dated after the tick it evidences: `items` are (tick address,
/// words for the item).
pub fn evidence_dates_rule(
    items: &[(String, String, String)],
    tick: TickLookup<'_>,
    late: LateLookup<'_>,
) -> Rule {
    let mut missing = Vec::new();
    for (f, i, text) in items {
        let Some(t) = tick(f, i) else { continue };
        let dates = late(f, i);
        if dates.is_empty() {
            continue;
        }
        let dates: Vec<String> = dates.iter().map(|d| d.to_string()).collect();
        missing.push(format!(
            "{f}/{i} ({text}) is ticked on {} but evidenced by the meeting(s) of {}, held later: \
             link the meeting that showed it, or tick it again on the day it was achieved",
            t.date,
            dates.join(", ")
        ));
    }
    Rule::new(EVIDENCE_DATES_RULE, missing)
}

/// Readiness for one stage: a top-level section of `fw` whose own items are criteria and whose
/// `ref` items form the checklist it reuses.
pub fn stage_readiness(
    set: &FrameworkSet,
    fw: &Framework,
    stage: &Section,
    tick: TickLookup<'_>,
    late: LateLookup<'_>,
    record: Option<&StageRecord>,
) -> Readiness {
    let items = stage.all_items();
    let (checklist, criteria): (Vec<_>, Vec<_>) =
        items.into_iter().partition(|i| i.reference.is_some());
    let mut rules = Vec::new();

    let mut dated: Vec<(String, String, String)> = Vec::new();
    let mut missing = Vec::new();
    for item in &criteria {
        dated.push((
            fw.id.clone(),
            item.id.clone(),
            first_line(&item.text).to_string(),
        ));
        match tick(&fw.id, &item.id) {
            None => missing.push(format!("not yet achieved: {}", first_line(&item.text))),
            Some(t) if t.evidence.is_empty() => missing.push(format!(
                "ticked without evidence: {}",
                first_line(&item.text)
            )),
            Some(_) => {}
        }
    }
    if !criteria.is_empty() {
        rules.push(Rule::new("Every criterion achieved with evidence", missing));
    }

    if !checklist.is_empty() {
        let mut missing = Vec::new();
        for item in &checklist {
            let (f, i) = set.tick_address(&fw.id, &item.id);
            let (rf, ri) = set.referenced(&fw.id, &item.id);
            let text = set
                .get(&rf)
                .and_then(|x| x.item(&ri))
                .map_or(ri.as_str(), |x| first_line(&x.text))
                .to_string();
            if tick(&f, &i).is_none() {
                // Achieved at an earlier stage: it counts here once carried over.
                let earlier = set
                    .earlier_stages(&fw.id, &item.id)
                    .into_iter()
                    .rev()
                    .find(|(_, _, (ef, ei))| tick(ef, ei).is_some());
                missing.push(match earlier {
                    Some((s, _, _)) => format!(
                        "{f}/{i}: {text} (achieved at {}: carry it over to this stage)",
                        s.title
                    ),
                    None => format!("{f}/{i}: {text}"),
                });
            }
            dated.push((f, i, text));
        }
        rules.push(Rule::new("The stage's skills checklist", missing));
    }
    rules.push(evidence_dates_rule(&dated, tick, late));

    let reflection = record.is_some_and(|r| !r.reflection.trim().is_empty());
    rules.push(Rule::new(
        "Reflection",
        if reflection {
            vec![]
        } else {
            vec!["no reflection written for this stage".into()]
        },
    ));
    let verified =
        record.is_some_and(|r| r.verifications.iter().any(|v| !v.name.trim().is_empty()));
    rules.push(Rule::new(
        "Verification",
        if verified {
            vec![]
        } else {
            vec!["not yet verified (name, role, date)".into()]
        },
    ));
    Readiness::new(
        format!("{}/{}", fw.id, stage.id),
        stage.title.clone(),
        rules,
    )
}

/// The framework whose competencies are offered as micro-credentials, one badge each.
pub const MICRO_CREDENTIAL_FRAMEWORK: &str = "mcf";

/// The MIE paper's words for what a micro-credential is (shared/seeds/000_...).
pub const MICRO_CREDENTIAL_SOURCE: &str = "Micro-credentials are digital certifications which assess a participant’s proficiency in competencies rather than learning in a specific skill or a set of skills and which can be earned through micro learning programmes.";

/// The competencies of a micro-credential framework: the sections holding its indicators
/// (the MCF: the competencies of each professional domain).
pub fn competencies(fw: &Framework) -> Vec<&Section> {
    fw.all_sections()
        .into_iter()
        .filter(|s| !s.items.is_empty())
        .collect()
}

/// Readiness for one competency as a micro-credential: every indicator achieved with
/// evidence, none of it dated after its tick.
pub fn competency_readiness(
    fw: &Framework,
    competency: &Section,
    tick: TickLookup<'_>,
    late: LateLookup<'_>,
) -> Readiness {
    let mut missing = Vec::new();
    let mut dated = Vec::new();
    for item in competency.all_items() {
        let text = first_line(&item.text).to_string();
        match tick(&fw.id, &item.id) {
            None => missing.push(format!("not yet achieved: {text}")),
            Some(t) if t.evidence.is_empty() => {
                missing.push(format!("ticked without evidence: {text}"))
            }
            Some(_) => {}
        }
        dated.push((fw.id.clone(), item.id.clone(), text));
    }
    let rules = vec![
        Rule::new("Every indicator achieved with evidence", missing),
        evidence_dates_rule(&dated, tick, late),
    ];
    Readiness::new(
        format!("{}/{}", fw.id, competency.id),
        format!("{}: {}", fw.title, competency.title),
        rules,
    )
}

/// The level reached on one rubric item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct LevelReached {
    pub item: String,
    pub text: String,
    pub level: Option<String>,
}

/// The rubric level reached per item of a framework with levels (TLA: per dimension).
pub fn levels_reached(fw: &Framework, tick: TickLookup<'_>) -> Vec<LevelReached> {
    fw.items()
        .into_iter()
        .map(|(_, i)| LevelReached {
            item: i.id.clone(),
            text: i.text.clone(),
            level: tick(&fw.id, &i.id).and_then(|t| t.level.clone()),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::{LoadedFramework, Origin, parse_framework};
    use crate::model::{Evidence, SCHEMA_VERSION, Verification};
    use std::collections::HashMap;

    const STAGED: &str = r#"Framework(id: "staged", title: "Staged", source: "test", sections: [
        Section(id: "one", title: "Stage one", sections: [
            Section(id: "one-criteria", title: "Criteria", items: [
                Item(id: "c1", text: "Criterion one"),
                Item(id: "c2", text: "Criterion two"),
            ]),
            Section(id: "one-checklist", title: "Checklist", items: [
                Item(id: "q", ref: "curee/mentor-open-questions"),
            ]),
        ]),
    ])"#;

    fn tick(evidence: bool) -> Tick {
        Tick {
            date: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            level: None,
            evidence: if evidence {
                Evidence {
                    notes: vec!["seen".into()],
                    ..Evidence::default()
                }
            } else {
                Evidence::default()
            },
            verification: None,
        }
    }

    #[test]
    fn a_stage_is_ready_only_with_everything_in_place() {
        let fw = parse_framework("staged.ron", STAGED).unwrap();
        let mut set = FrameworkSet::bundled();
        set.frameworks.push(LoadedFramework {
            framework: fw.clone(),
            origin: Origin::Bundled,
        });
        let mut ticks: HashMap<(String, String), Tick> = HashMap::new();
        ticks.insert(("staged".into(), "c1".into()), tick(true));
        ticks.insert(("staged".into(), "c2".into()), tick(false));
        let lookup = |f: &str, i: &str| ticks.get(&(f.to_string(), i.to_string()));
        let r = stage_readiness(&set, &fw, &fw.sections[0], &lookup, &|_, _| vec![], None);
        assert!(!r.ready);
        assert_eq!(r.scheme, "staged/one");
        let missing = r.missing();
        assert!(
            missing.contains(&"ticked without evidence: Criterion two".to_string()),
            "{missing:?}"
        );
        assert!(
            missing
                .iter()
                .any(|m| m.starts_with("curee/mentor-open-questions")),
            "{missing:?}"
        );
        assert!(missing.iter().any(|m| m.contains("no reflection")));

        ticks.insert(("staged".into(), "c2".into()), tick(true));
        ticks.insert(
            ("curee".into(), "mentor-open-questions".into()),
            tick(false),
        );
        let record = StageRecord {
            by: Default::default(),
            version: SCHEMA_VERSION,
            framework: "staged".into(),
            stage: "one".into(),
            reflection: "I grew".into(),
            targets: String::new(),
            verifications: vec![Verification {
                name: "Ana Ruiz".into(),
                role: Some("Link tutor".into()),
                date: NaiveDate::from_ymd_opt(2026, 2, 1).unwrap(),
                comment: String::new(),
            }],
        };
        let lookup = |f: &str, i: &str| ticks.get(&(f.to_string(), i.to_string()));
        let r = stage_readiness(
            &set,
            &fw,
            &fw.sections[0],
            &lookup,
            &|_, _| vec![],
            Some(&record),
        );
        assert!(r.ready, "{:?}", r.missing());
    }

    #[test]
    fn levels_reached_per_item() {
        let fw = parse_framework(
            "r.ron",
            r#"Framework(id: "r", title: "R", source: "t", levels: ["1", "2"], sections: [
                Section(id: "s", title: "S", items: [Item(id: "a", text: "A"), Item(id: "b", text: "B")])])"#,
        )
        .unwrap();
        let mut t = tick(false);
        t.level = Some("2".into());
        let lookup = |f: &str, i: &str| (f == "r" && i == "a").then_some(&t);
        let levels = levels_reached(&fw, &lookup);
        assert_eq!(levels[0].level.as_deref(), Some("2"));
        assert_eq!(levels[1].level, None);
    }
}
