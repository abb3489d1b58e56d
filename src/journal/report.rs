//! Everything derived about one partnership, computed once for the status command, the
//! dashboard and the exports: meeting gaps, workload, framework progress, recognition readiness
//! and rubric levels, as one reader may see them.

use chrono::NaiveDate;
use serde::Serialize;

use super::reader::Partner;
use crate::framework::readiness::{
    LevelReached, MICRO_CREDENTIAL_FRAMEWORK, competencies, competency_readiness, levels_reached,
    stage_readiness,
};
use crate::framework::{Framework, FrameworkSet, SectionProgress, framework_progress};
use crate::model::{
    Evidence, MeetingGaps, Progress, Readiness, Reflection, Rule, RuleKind, Tick, Workload,
    meeting_gaps, scotelas, workload,
};
use crate::store::PartnershipData;

#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub struct FrameworkProgress {
    pub framework: String,
    pub title: String,
    pub progress: Progress,
    pub sections: Vec<SectionProgress>,
}

#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub struct Levels {
    pub framework: String,
    pub title: String,
    pub levels: Vec<LevelReached>,
}

#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub struct Report {
    pub gaps: MeetingGaps,
    pub work: Workload,
    pub progress: Vec<FrameworkProgress>,
    pub readiness: Vec<Readiness>,
    pub levels: Vec<Levels>,
}

/// The frameworks a partnership uses: those it names, then any it has ticks in.
pub fn frameworks_of<'a>(set: &'a FrameworkSet, p: &PartnershipData) -> Vec<&'a Framework> {
    let mut ids: Vec<&str> = p
        .partnership
        .value
        .frameworks
        .iter()
        .map(String::as_str)
        .collect();
    for t in &p.ticks {
        if !ids.contains(&t.value.framework.as_str()) {
            ids.push(&t.value.framework);
        }
    }
    ids.into_iter().filter_map(|id| set.get(id)).collect()
}

/// A staged framework (LJMU): its top-level sections are stages that reuse another framework's
/// items as their checklist.
pub fn is_staged(fw: &Framework) -> bool {
    fw.is_staged()
}

/// The LJMU source's words on the order of its stages: a progressive model, which assumes
/// earlier learning but does not make an earlier stage a condition of a later one.
pub const STAGE_ORDER_SOURCE: &str = "A progressive development model - the assumption being that previous learning is subsumed into the current stage of development.";

/// A note (never blocking) saying which earlier stages are achieved.
fn earlier_stages_note(fw: &Framework, earlier: &[(String, bool)]) -> Rule {
    let lines: Vec<String> = earlier
        .iter()
        .map(|(title, ready)| {
            format!(
                "{title}: {}",
                if *ready {
                    "achieved"
                } else {
                    "not yet achieved"
                }
            )
        })
        .collect();
    let mut r = Rule::new("Earlier stages", lines).kind(RuleKind::Note);
    // The words are LJMU's; another staged framework's source may say otherwise.
    if fw.id == "ljmu" {
        r = r.source(STAGE_ORDER_SOURCE);
    }
    r.met = earlier.iter().all(|(_, ready)| *ready);
    r
}

pub(super) fn report(p: &Partner, today: NaiveDate) -> Report {
    let set = p.frameworks_set();
    let v = p.partnership();
    let meetings = p.meetings();
    let dates: Vec<NaiveDate> = meetings.iter().map(|m| m.value.date).collect();
    let mut gaps = meeting_gaps(dates.iter().copied(), v.start, v.cadence(), today);
    // An ended partnership has no meeting due.
    gaps.overdue &= !p.ended();
    let work = workload(
        p.goals().into_iter().map(|g| &g.value),
        meetings.iter().map(|m| &m.value),
        today,
    );
    let is_ticked = |f: &str, i: &str| p.is_ticked(f, i);
    // Readiness counts only evidence that still stands: a link to a deleted meeting does not.
    let counted: std::collections::BTreeMap<(String, String), Tick> = p
        .tick_sheets()
        .iter()
        .flat_map(|s| {
            s.value.ticks.iter().map(|(i, t)| {
                let mut t = t.clone();
                if !p.has_evidence(&t) {
                    t.evidence = Evidence::default();
                }
                ((s.value.framework.clone(), i.clone()), t)
            })
        })
        .collect();
    let tick = |f: &str, i: &str| counted.get(&(f.to_string(), i.to_string()));
    // Evidence dated after the tick it evidences (a meeting held later cannot have shown it).
    let late_map: std::collections::BTreeMap<(String, String), Vec<NaiveDate>> = p
        .tick_sheets()
        .iter()
        .flat_map(|s| {
            s.value.ticks.iter().filter_map(|(i, t)| {
                let late: Vec<NaiveDate> = p.late_evidence(t).into_iter().map(|(_, d)| d).collect();
                (!late.is_empty()).then(|| ((s.value.framework.clone(), i.clone()), late))
            })
        })
        .collect();
    let late = |f: &str, i: &str| {
        late_map
            .get(&(f.to_string(), i.to_string()))
            .cloned()
            .unwrap_or_default()
    };
    let fws = p.frameworks();
    let progress = fws
        .iter()
        .map(|fw| {
            let (progress, sections) = framework_progress(set, fw, &is_ticked);
            FrameworkProgress {
                framework: fw.id.clone(),
                title: fw.title.clone(),
                progress,
                sections,
            }
        })
        .collect();
    // Readiness counts every reflection and meeting, private ones too: privacy hides text,
    // not credit.
    let reflections: Vec<&Reflection> = p.credit_reflections();
    let all_dates: Vec<NaiveDate> = p.credit_meeting_dates();
    let scotelas_rules = set
        .get("scotelas")
        .map_or(&[][..], |f| f.recognition.as_slice());
    let mut readiness = vec![scotelas(v, &all_dates, &reflections, scotelas_rules)];
    let mut levels = Vec::new();
    for fw in &fws {
        if is_staged(fw) {
            // The source leaves open whether earlier stages come first: a stage is not refused
            // for them, but says which are achieved.
            let mut earlier: Vec<(String, bool)> = Vec::new();
            for stage in &fw.sections {
                let record = p.stage(&fw.id, &stage.id).map(|s| &s.value);
                let mut r = stage_readiness(set, fw, stage, &tick, &late, record);
                if !earlier.is_empty() {
                    r.rules.push(earlier_stages_note(fw, &earlier));
                }
                earlier.push((stage.title.clone(), r.ready));
                readiness.push(r);
            }
        }
        if fw.id == MICRO_CREDENTIAL_FRAMEWORK {
            for c in competencies(fw) {
                readiness.push(competency_readiness(fw, c, &tick, &late));
            }
        }
        if !fw.levels.is_empty() {
            levels.push(Levels {
                framework: fw.id.clone(),
                title: fw.title.clone(),
                levels: levels_reached(fw, &tick),
            });
        }
    }
    Report {
        gaps,
        work,
        progress,
        readiness,
        levels,
    }
}
