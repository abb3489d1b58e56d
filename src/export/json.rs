//! Everything about one partnership as pretty JSON, for scripts and archives. The shape is
//! stable: `{"format","version","exported","review","journal","partnership","meetings","goals",
//! "reflections","stages","ticks","report"}`; records keep the field names of their RON files.
//! `review` is true when private meetings and reflections were left out (the default).

use serde_json::json;

use super::Export;

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
