//! Everything about one partnership as pretty JSON, for scripts and archives. The shape is
//! stable: `{"format","version","exported","review","journal","partnership","meetings","goals",
//! "reflections","stages","ticks","report"}`; records keep the field names of their RON files.
//! `review` is true when private meetings and reflections were left out (the default).

use serde_json::json;

use super::Export;
use crate::journal::sign::{SigCheck, SigState, check_over, signed_content};
use crate::model::signature::signed_bytes;
use crate::model::{Partnership, Profile, StageRecord};

/// Bumped only when a field is removed or changes meaning; new fields may appear.
pub const JSON_VERSION: u32 = 1;

pub fn json(x: &Export) -> String {
    // Where private records are hidden a tick keeps its place but loses its links to private
    // meetings.
    let ticks: Vec<_> = x
        .tick_sheets()
        .into_iter()
        .map(|sheet| {
            let mut sheet = sheet.clone();
            for t in sheet.ticks.values_mut() {
                t.evidence.meetings.retain(|id| x.p.may_see_link(id));
            }
            sheet
        })
        .collect();
    let doc = json!({
        "format": "mentorlog-partnership",
        "version": JSON_VERSION,
        "exported": x.today,
        "review": x.review,
        "journal": x.profile,
        "partnership": x.partnership(),
        "meetings": x.meetings(),
        "goals": x.goals(),
        "reflections": x.reflections(),
        "stages": x.stages(),
        "ticks": ticks,
        "report": x.report,
    });
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_else(|_| "{}".into());
    s.push('\n');
    s
}

/// The sign-offs inside an exported partnership (`export json`), each checked over the
/// exported record it signs, with the key it names: whether the record is still as it was
/// signed. Who holds that key the reader checks against the fingerprint (`verify` prints it),
/// since an export carries no member list. Err says why the text is not such an export.
pub fn check_signatures(text: &str) -> Result<(String, Vec<SigCheck>), String> {
    let v: serde_json::Value =
        serde_json::from_str(text).map_err(|e| format!("it is not JSON ({e})"))?;
    if v["format"] != "mentorlog-partnership" {
        return Err("it is not a partnership exported by `mentorlog export json`".into());
    }
    let p: Partnership = serde_json::from_value(v["partnership"].clone())
        .map_err(|e| format!("its partnership does not read ({e})"))?;
    let stages: Vec<StageRecord> = serde_json::from_value(v["stages"].clone())
        .map_err(|e| format!("its stage records do not read ({e})"))?;
    // The journal's owner is named in the export; other signers by their member id.
    let owner: Option<Profile> = serde_json::from_value(v["journal"].clone()).ok();
    let name_of = |by: &str| match &owner {
        Some(o) if crate::model::owner_id(Some(o), &o.name) == by => o.name.clone(),
        _ => by.to_string(),
    };
    let checks = p
        .signatures
        .iter()
        .map(|s| {
            let state = match signed_content(&p, stages.iter(), &s.what) {
                Ok(content) => {
                    check_over(s, &signed_bytes(&s.what, &p.id, &s.by, s.date, &content))
                }
                Err(_) => SigState::Changed,
            };
            SigCheck {
                signature: s.clone(),
                name: name_of(&s.by),
                state,
            }
        })
        .collect();
    Ok((p.id.clone(), checks))
}
