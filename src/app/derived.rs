//! What the screen shows that takes work to compute (the selected partnership's report:
//! readiness rule by rule, progress, workload), computed when the journal or the selection
//! changes, never while drawing.

use crate::journal::report::Report;
use crate::journal::{Audience, Partner, Reader};

#[derive(Debug, Default)]
pub struct Derived {
    /// What the report was computed for: the journal's generation, the partnership, who reads.
    key: Option<(u64, String, Audience)>,
    pub report: Option<Report>,
    /// Meetings per month over the last twelve months, oldest first.
    pub per_month: Vec<u64>,
}

impl Derived {
    /// Recompute, if the journal, the selection or the reader changed since the last time.
    pub fn refresh(&mut self, r: &Reader, p: Option<&Partner>) {
        let key = p.map(|p| (r.generation(), p.id().to_string(), r.audience()));
        if key == self.key {
            return;
        }
        self.report = p.map(|p| p.report(r.today()));
        self.per_month = crate::model::meetings_per_month(
            p.into_iter()
                .flat_map(|p| p.meetings().into_iter().map(|m| m.value.date)),
            r.today(),
        );
        self.key = key;
    }
}
