//! Scrolling a text that overflows its pane or popup (the dashboard, the agreement, help, a
//! meeting or reflection opened to read). The screen keeps where each one's top row starts, an
//! `Anchor`; the ui measures, for the terminal's size, where each scroll key would take it
//! (`ScrollTo`, in the `Viewport` the event loop passes with a key), so a key never needs the
//! text laid out here, and a text of any length scrolls without being wrapped whole.

use super::{Action, App, Pane, Tab};

/// Where a scrolled text's top row starts: a block of the document the ui builds, and the byte
/// in that block's text where the row starts. The top of a document is the default.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Anchor {
    pub block: usize,
    pub at: usize,
}

/// Where each scroll key would take the text the keys scroll now, as the ui measured it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScrollTo {
    pub up: Anchor,
    pub down: Anchor,
    pub page_up: Anchor,
    pub page_down: Anchor,
    pub top: Anchor,
    pub bottom: Anchor,
    /// A turn of the mouse wheel (a few rows).
    pub wheel_up: Anchor,
    pub wheel_down: Anchor,
}

impl ScrollTo {
    /// Where `action` takes the text, if it is a scroll key.
    pub fn target(&self, action: Action) -> Option<Anchor> {
        Some(match action {
            Action::Up => self.up,
            Action::Down => self.down,
            Action::PageUp => self.page_up,
            Action::PageDown => self.page_down,
            Action::Top => self.top,
            Action::Bottom => self.bottom,
            _ => return None,
        })
    }
}

/// Whether `action` is one of the keys that scroll.
pub fn is_scroll(action: Action) -> bool {
    matches!(
        action,
        Action::Up
            | Action::Down
            | Action::PageUp
            | Action::PageDown
            | Action::Top
            | Action::Bottom
    )
}

/// What scrolls: a pane that shows a text rather than a list, or the popup on top.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scroller {
    /// The main pane of this tab (the Dashboard, the Agreement).
    Pane(Tab),
    /// The popup on top (help, a meeting or reflection opened to read).
    Popup,
}

/// How far the panes that show a text are scrolled.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PaneScroll {
    pub dashboard: Anchor,
    pub agreement: Anchor,
}

impl PaneScroll {
    /// The anchor of this tab's pane, if it is one that scrolls as a text.
    pub fn get(&self, tab: Tab) -> Option<Anchor> {
        match tab {
            Tab::Dashboard => Some(self.dashboard),
            Tab::Agreement => Some(self.agreement),
            _ => None,
        }
    }

    /// Scroll this tab's pane to `to` (nothing for a tab that does not scroll as a text).
    pub fn scroll_pane(&mut self, tab: Tab, to: Anchor) {
        if let Some(a) = self.get_mut(tab) {
            *a = to;
        }
    }

    fn get_mut(&mut self, tab: Tab) -> Option<&mut Anchor> {
        match tab {
            Tab::Dashboard => Some(&mut self.dashboard),
            Tab::Agreement => Some(&mut self.agreement),
            _ => None,
        }
    }
}

impl App {
    /// What the scroll keys scroll now: the popup on top if it is one to read, else the
    /// focused pane if it shows a text.
    pub fn scroller(&self) -> Option<Scroller> {
        use super::Overlay;
        match self.overlays.last() {
            Some(
                Overlay::Help { .. }
                | Overlay::Agenda { .. }
                | Overlay::Passages { .. }
                | Overlay::Meeting { .. }
                | Overlay::Reflection { .. },
            ) => Some(Scroller::Popup),
            Some(_) => None,
            None if self.pane == Pane::Main && self.scroll.get(self.tab).is_some() => {
                Some(Scroller::Pane(self.tab))
            }
            None => None,
        }
    }

    /// Where `scroller` is scrolled to.
    pub fn anchor(&self, scroller: Scroller) -> Option<Anchor> {
        use super::Overlay;
        match scroller {
            Scroller::Pane(tab) => self.scroll.get(tab),
            Scroller::Popup => match self.overlays.last() {
                Some(
                    Overlay::Help { scroll }
                    | Overlay::Agenda { scroll }
                    | Overlay::Passages { scroll, .. }
                    | Overlay::Meeting { scroll, .. }
                    | Overlay::Reflection { scroll, .. },
                ) => Some(*scroll),
                _ => None,
            },
        }
    }

    /// Scroll `scroller` to `to`.
    pub fn scroll_to(&mut self, scroller: Scroller, to: Anchor) {
        use super::Overlay;
        let slot = match scroller {
            Scroller::Pane(tab) => self.scroll.get_mut(tab),
            Scroller::Popup => match self.overlays.last_mut() {
                Some(
                    Overlay::Help { scroll }
                    | Overlay::Agenda { scroll }
                    | Overlay::Passages { scroll, .. }
                    | Overlay::Meeting { scroll, .. }
                    | Overlay::Reflection { scroll, .. },
                ) => Some(scroll),
                _ => None,
            },
        };
        if let Some(s) = slot {
            *s = to;
        }
    }
}
