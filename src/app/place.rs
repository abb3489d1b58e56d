//! Reopen where the user left: the partnership, tab, pane and row on screen are kept when
//! mentorlog stops (the event loop asks for them while the user pauses) and put back on the
//! next start, so `n` makes what the user was making, not a new partnership.

use serde::{Deserialize, Serialize};

use super::{App, Pane, Tab};
use crate::journal::Journal;

/// Where the screen was. Meetings and goals are found again by their file name (a new
/// meeting elsewhere moves the row, not the place); other rows by position.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Place {
    partnership: String,
    tab: String,
    main_pane: bool,
    meeting: Option<String>,
    goal: Option<String>,
    checklist_framework: Option<String>,
    checklist_row: usize,
    reflection_row: usize,
}

fn file_name(p: &std::path::Path) -> Option<String> {
    p.file_name()?.to_str().map(String::from)
}

impl App {
    /// The partnership of the kept place, to read first when opening fast.
    pub fn kept_partnership(j: &Journal) -> Option<String> {
        App::kept_partnership_in(j.root())
    }

    /// The same, before the journal is opened (so the first read takes that partnership).
    pub fn kept_partnership_in(root: &std::path::Path) -> Option<String> {
        let text = crate::store::place::read(root)?;
        let place = crate::model::ron_options().from_str::<Place>(&text).ok()?;
        Some(place.partnership)
    }

    /// Where the screen is, as text to keep (none on an empty journal).
    pub fn place(&self, j: &Journal) -> Option<String> {
        let r = self.reader(j);
        let p = self.partner(&r)?;
        let place = Place {
            partnership: p.id().to_string(),
            tab: self.tab.title().to_string(),
            main_pane: self.pane == Pane::Main,
            meeting: self
                .meetings(&r)
                .get(self.meeting_cursor)
                .and_then(|m| file_name(&m.path)),
            goal: self
                .goals(&r)
                .get(self.goal_cursor)
                .and_then(|g| file_name(&g.path)),
            checklist_framework: self.checklist_framework(&r).map(|f| f.id.clone()),
            checklist_row: self.checklist.cursor,
            reflection_row: self.reflection_cursor,
        };
        crate::store::to_ron(&place).ok()
    }

    /// Go back to a kept place; what no longer exists is skipped.
    pub(super) fn restore_place(&mut self, j: &Journal) {
        if let Some(text) = j.place() {
            self.go_to_place(j, &text);
        }
    }

    /// Go to a place (as `place` gave it, here or on another screen) as far as this screen
    /// may see it: a partnership or record it may not see is skipped.
    pub fn go_to_place(&mut self, j: &Journal, text: &str) {
        let Ok(place) = crate::model::ron_options().from_str::<Place>(text) else {
            return;
        };
        let r = self.reader(j);
        let Some(i) = (0..r.len()).find(|&i| r.get(i).is_some_and(|p| p.id() == place.partnership))
        else {
            return;
        };
        self.selected = i;
        if let Some(tab) = Tab::ALL.into_iter().find(|t| t.title() == place.tab) {
            self.tab = tab;
        }
        self.pane = if place.main_pane {
            Pane::Main
        } else {
            Pane::Sidebar
        };
        let at = |paths: Vec<&std::path::Path>, name: &Option<String>| {
            name.as_ref()
                .and_then(|n| paths.iter().position(|p| file_name(p).as_ref() == Some(n)))
        };
        if let Some(m) = at(
            self.meetings(&r).iter().map(|m| m.path.as_path()).collect(),
            &place.meeting,
        ) {
            self.meeting_cursor = m;
        }
        if let Some(g) = at(
            self.goals(&r).iter().map(|g| g.path.as_path()).collect(),
            &place.goal,
        ) {
            self.goal_cursor = g;
        }
        if let Some(f) = self
            .partner_frameworks(&r)
            .iter()
            .position(|f| Some(&f.id) == place.checklist_framework.as_ref())
        {
            self.checklist.framework = f;
        }
        self.checklist.cursor = place.checklist_row;
        self.reflection_cursor = place.reflection_row;
        self.clamp(j);
        self.refresh(j);
    }
}

impl App {
    /// Where a place is, in this screen's words: "Goals · row 2" in the partnership on
    /// screen, "Alex Kim · Goals" in another one this screen may see, "elsewhere" in one it
    /// may not (nor a record it may not see: no row then).
    pub fn describe_place(&self, r: &crate::journal::Reader, text: &str) -> String {
        let Ok(place) = crate::model::ron_options().from_str::<Place>(text) else {
            return "elsewhere".into();
        };
        let Some(partner) = r
            .partnerships()
            .into_iter()
            .find(|p| p.id() == place.partnership)
        else {
            return "elsewhere".into();
        };
        let here = self.partner(r).is_some_and(|p| p.id() == partner.id());
        if !here {
            return format!("{} in {}", place.tab, partner.name());
        }
        let find = |paths: Vec<&std::path::Path>, name: &Option<String>| {
            name.as_ref().and_then(|n| {
                paths
                    .iter()
                    .position(|p| file_name(p).as_ref() == Some(n))
                    .map(|i| i + 1)
            })
        };
        let row = if !place.main_pane {
            None
        } else if place.tab == Tab::Meetings.title() {
            find(
                self.meetings(r).iter().map(|m| m.path.as_path()).collect(),
                &place.meeting,
            )
        } else if place.tab == Tab::Goals.title() {
            find(
                self.goals(r).iter().map(|g| g.path.as_path()).collect(),
                &place.goal,
            )
        } else if place.tab == Tab::Checklists.title() {
            Some(place.checklist_row + 1)
        } else {
            None
        };
        match row {
            Some(n) => format!("{} · row {n}", place.tab),
            None => place.tab,
        }
    }
}
