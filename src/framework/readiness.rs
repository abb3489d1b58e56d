//! Readiness that needs a framework's structure: a stage of a staged framework (LJMU: every
//! criterion achieved with evidence, the stage's CUREE checklist, reflection, verification) and
//! the rubric level reached per item (TLA).

use serde::Serialize;

use super::load::FrameworkSet;
use super::schema::{Framework, Section};
use crate::model::first_line;
use crate::model::{Readiness, Rule, StageRecord, Tick};

/// Look up the tick stored for `framework/item` (refs already followed).
pub type TickLookup<'a> = &'a dyn Fn(&str, &str) -> Option<&'a Tick>;

/// Readiness for one stage: a top-level section of `fw` whose own items are criteria and whose
/// `ref` items form the checklist it reuses.
pub fn stage_readiness(
    set: &FrameworkSet,
    fw: &Framework,
    stage: &Section,
    tick: TickLookup<'_>,
    record: Option<&StageRecord>,
) -> Readiness {
    let items = stage.all_items();
    let (checklist, criteria): (Vec<_>, Vec<_>) =
        items.into_iter().partition(|i| i.reference.is_some());
    let mut rules = Vec::new();

    let mut missing = Vec::new();
    for item in &criteria {
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
            if tick(&f, &i).is_none() {
                let text = set
                    .get(&f)
                    .and_then(|x| x.item(&i))
                    .map_or(i.as_str(), |x| x.text.as_str());
                missing.push(format!("{f}/{i}: {}", first_line(text)));
            }
        }
        rules.push(Rule::new("The stage's skills checklist", missing));
    }

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

/// The level reached on one rubric item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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
    use chrono::NaiveDate;
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
        let r = stage_readiness(&set, &fw, &fw.sections[0], &lookup, None);
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
        let r = stage_readiness(&set, &fw, &fw.sections[0], &lookup, Some(&record));
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
