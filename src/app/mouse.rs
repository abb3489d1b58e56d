//! The mouse: a click on a tab selects it, on a row selects it (and focuses its pane), on a
//! form's field focuses it; the wheel scrolls what is under the pointer. Where things are is
//! what the last frame drew (`Hits`, kept here as screen state; the ui records it while it
//! draws), so a click is never measured against anything but the screen the person saw.

use ratatui::layout::{Position, Rect};

use super::{Action, Anchor, App, Overlay, Pane, ScrollTo, Scroller, Tab, Viewport};
use crate::journal::Journal;

/// What is at a place on the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spot {
    Tab(Tab),
    /// A pane's frame (a click there focuses it).
    Pane(Pane),
    /// A row of a list: which list, and the row's index in it.
    Row(List, usize),
    /// A text the wheel scrolls.
    Text(Scroller),
    /// A popup: what is below it does not take the mouse.
    Popup,
    /// A field of the form on top.
    Field(usize),
}

/// The lists a click can choose a row of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    Sidebar,
    Meetings,
    Goals,
    Checklist,
    Reflections,
    /// The Actions tab's action items.
    Actions,
    /// The picker on top (the index counts its visible rows).
    Picker,
    /// The search results.
    Search,
}

/// The places the last frame drew, in drawing order (a popup's after what it covers).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hits {
    pub spots: Vec<(Rect, Spot)>,
}

impl Hits {
    pub fn push(&mut self, r: Rect, spot: Spot) {
        if r.width > 0 && r.height > 0 {
            self.spots.push((r, spot));
        }
    }

    /// What is at column `x`, row `y`: the last drawn that holds it. Only the top popup takes
    /// the mouse while one is open.
    pub fn at(&self, x: u16, y: u16) -> Option<Spot> {
        let p = Position::new(x, y);
        let top = self
            .spots
            .iter()
            .rposition(|(_, s)| *s == Spot::Popup)
            .unwrap_or(0);
        self.spots[top..]
            .iter()
            .rev()
            .find(|(r, _)| r.contains(p))
            .map(|(_, s)| *s)
    }

    /// The innermost spot at `x`, `y` of a kind `f` picks.
    fn find<T>(&self, x: u16, y: u16, f: impl Fn(Spot) -> Option<T>) -> Option<T> {
        let p = Position::new(x, y);
        let top = self
            .spots
            .iter()
            .rposition(|(_, s)| *s == Spot::Popup)
            .unwrap_or(0);
        self.spots[top..]
            .iter()
            .rev()
            .filter(|(r, _)| r.contains(p))
            .find_map(|(_, s)| f(*s))
    }
}

impl App {
    /// A left click at column `x`, row `y`.
    pub fn click(&mut self, j: &mut Journal, x: u16, y: u16) {
        let Some(spot) = self.hits.at(x, y) else {
            return;
        };
        if !self.overlays.is_empty() {
            return self.click_popup(spot);
        }
        match spot {
            Spot::Tab(tab) => {
                self.tab = tab;
                self.pane = Pane::Main;
            }
            Spot::Pane(pane) => self.pane = pane,
            Spot::Row(list, i) => {
                self.pane = if list == List::Sidebar {
                    Pane::Sidebar
                } else {
                    Pane::Main
                };
                self.select(j, list, i);
            }
            Spot::Text(_) => self.pane = Pane::Main,
            Spot::Popup | Spot::Field(_) => {}
        }
        self.refresh(j);
    }

    fn click_popup(&mut self, spot: Spot) {
        match (self.overlays.last_mut(), spot) {
            (Some(Overlay::Form(form)), Spot::Field(i)) if i < form.fields.len() => {
                form.focus = i;
            }
            (Some(Overlay::Picker(p)), Spot::Row(List::Picker, i)) => {
                p.cursor = i.min(p.visible().len().saturating_sub(1));
            }
            (Some(Overlay::Search(s)), Spot::Row(List::Search, i)) => {
                s.cursor = i.min(s.hits.len().saturating_sub(1));
            }
            _ => {}
        }
    }

    /// What the wheel at `x`, `y` would scroll as a text, for the ui to measure.
    pub fn scroller_at(&self, x: u16, y: u16) -> Option<Scroller> {
        self.hits.find(x, y, |s| match s {
            Spot::Text(sc) => Some(sc),
            _ => None,
        })
    }

    /// A turn of the wheel (down or up) at `x`, `y`: the text there scrolls to where `to`
    /// says (as the ui measured it), a list there moves its cursor a row.
    pub fn wheel(&mut self, j: &mut Journal, x: u16, y: u16, down: bool, to: Option<ScrollTo>) {
        if let Some(sc) = self.scroller_at(x, y) {
            if let Some(t) = to {
                let a: Anchor = if down { t.wheel_down } else { t.wheel_up };
                self.scroll_to(sc, a);
            }
            return;
        }
        // A list's row, or anywhere in its pane.
        let list = self.hits.find(x, y, |s| match s {
            Spot::Row(list, _) => Some(list),
            Spot::Pane(Pane::Sidebar) => Some(List::Sidebar),
            Spot::Pane(Pane::Main) => match self.tab {
                Tab::Meetings => Some(List::Meetings),
                Tab::Goals => Some(List::Goals),
                Tab::Checklists => Some(List::Checklist),
                Tab::Reflections => Some(List::Reflections),
                Tab::Actions => Some(List::Actions),
                Tab::Dashboard | Tab::Agreement => None,
            },
            _ => None,
        });
        let by: isize = if down { 1 } else { -1 };
        match list {
            Some(List::Picker | List::Search) => {
                let action = if down { Action::Down } else { Action::Up };
                self.update(j, action, Viewport::default());
            }
            Some(list) if self.overlays.is_empty() => {
                let n = self.list_len(j, list);
                let at = self.list_cursor(list).saturating_add_signed(by);
                self.select(j, list, at.min(n.saturating_sub(1)));
                self.refresh(j);
            }
            _ => {}
        }
    }

    /// Rows in `list`.
    fn list_len(&self, j: &Journal, list: List) -> usize {
        let r = self.reader(j);
        match list {
            List::Sidebar => r.len(),
            List::Meetings => self.meetings(&r).len(),
            List::Goals => self.goals(&r).len(),
            List::Checklist => self.checklist_rows(&r).len(),
            List::Reflections => self.reflection_rows(&r).len(),
            List::Actions => self.action_rows(&r).len(),
            List::Picker | List::Search => 0,
        }
    }

    fn list_cursor(&self, list: List) -> usize {
        match list {
            List::Sidebar => self.selected,
            List::Meetings => self.meeting_cursor,
            List::Goals => self.goal_cursor,
            List::Checklist => self.checklist.cursor,
            List::Reflections => self.reflection_cursor,
            List::Actions => self.actions.cursor,
            List::Picker | List::Search => 0,
        }
    }

    /// Put `list`'s cursor on row `i` (a partnership chosen is read, as a key choosing it).
    fn select(&mut self, j: &mut Journal, list: List, i: usize) {
        let i = i.min(self.list_len(j, list).saturating_sub(1));
        match list {
            List::Sidebar => {
                if i != self.selected {
                    self.selected = i;
                    self.partnership_chosen(j);
                }
            }
            List::Meetings => self.meeting_cursor = i,
            List::Goals => self.goal_cursor = i,
            List::Checklist => self.checklist.cursor = i,
            List::Reflections => self.reflection_cursor = i,
            List::Actions => self.actions.cursor = i,
            List::Picker | List::Search => {}
        }
    }
}
