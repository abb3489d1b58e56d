//! Progress against a framework: achieved items per section, following refs so one tick counts
//! in every framework that reuses the item.

use serde::Serialize;

use super::load::FrameworkSet;
use super::schema::{Framework, Section};
use crate::model::Progress;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct SectionProgress {
    pub id: String,
    pub title: String,
    pub progress: Progress,
    pub sections: Vec<SectionProgress>,
}

/// Progress for the whole framework and for each section. `is_ticked(framework, item)` answers
/// for the address a tick is stored under (refs already followed).
pub fn framework_progress(
    set: &FrameworkSet,
    fw: &Framework,
    is_ticked: &dyn Fn(&str, &str) -> bool,
) -> (Progress, Vec<SectionProgress>) {
    fn walk(
        set: &FrameworkSet,
        fw: &Framework,
        s: &Section,
        is_ticked: &dyn Fn(&str, &str) -> bool,
    ) -> SectionProgress {
        let mut progress = Progress::default();
        for item in &s.items {
            let ticked = match &item.reference {
                None => is_ticked(&fw.id, &item.id),
                Some(_) => {
                    let (f, i) = set.tick_address(&fw.id, &item.id);
                    is_ticked(&f, &i)
                }
            };
            progress.add(Progress {
                achieved: usize::from(ticked),
                total: 1,
            });
        }
        let sections: Vec<SectionProgress> = s
            .sections
            .iter()
            .map(|c| walk(set, fw, c, is_ticked))
            .collect();
        for c in &sections {
            progress.add(c.progress);
        }
        SectionProgress {
            id: s.id.clone(),
            title: s.title.clone(),
            progress,
            sections,
        }
    }
    let sections: Vec<SectionProgress> = fw
        .sections
        .iter()
        .map(|s| walk(set, fw, s, is_ticked))
        .collect();
    let mut total = Progress::default();
    for s in &sections {
        total.add(s.progress);
    }
    (total, sections)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::parse_framework;

    #[test]
    fn refs_count_the_referenced_tick() {
        let text = r#"Framework(id: "stage", title: "Stage", source: "test", sections: [
            Section(id: "s1", title: "S1", items: [
                Item(id: "own", text: "Own criterion"),
                Item(id: "reuse", ref: "curee/mentor-open-questions"),
            ], sections: [
                Section(id: "s1a", title: "Sub", items: [Item(id: "deep", text: "Deep")]),
            ]),
        ])"#;
        let mut set = FrameworkSet::bundled();
        let fw = parse_framework("stage.ron", text).unwrap();
        set.frameworks
            .push(crate::framework::load::LoadedFramework {
                framework: fw.clone(),
                origin: crate::framework::Origin::Bundled,
            });
        let ticked = |f: &str, i: &str| {
            (f == "curee" && i == "mentor-open-questions") || (f == "stage" && i == "deep")
        };
        let (total, sections) = framework_progress(&set, &fw, &ticked);
        assert_eq!(
            total,
            Progress {
                achieved: 2,
                total: 3
            }
        );
        assert_eq!(
            sections[0].sections[0].progress,
            Progress {
                achieved: 1,
                total: 1
            }
        );
        let (curee_total, _) = framework_progress(&set, set.get("curee").unwrap(), &ticked);
        assert_eq!(curee_total.achieved, 1);
    }
}
