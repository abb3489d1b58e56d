//! Everything a user can ask for. Keys become actions (through the keymap); only
//! `App::update` turns an action into a change of state.

use std::fmt;

/// A user intent, independent of the key that asked for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Action {
    Quit,
    Help,
    FocusNext,
    FocusPrev,
    NextTab,
    PrevTab,
    Dashboard,
    Meetings,
    Goals,
    Checklists,
    Reflections,
    Agreement,
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Open,
    New,
    NewPartnership,
    Edit,
    Delete,
    Undo,
    Tick,
    CycleStatus,
    ReviewNote,
    Evaluate,
    AttachEvidence,
    ToggleFilter,
    ChooseFramework,
    Collapse,
    Expand,
    ToggleReview,
    Reload,
    Cancel,
}

impl Action {
    pub const ALL: &'static [Action] = &[
        Action::Quit,
        Action::Help,
        Action::FocusNext,
        Action::FocusPrev,
        Action::NextTab,
        Action::PrevTab,
        Action::Dashboard,
        Action::Meetings,
        Action::Goals,
        Action::Checklists,
        Action::Reflections,
        Action::Agreement,
        Action::Up,
        Action::Down,
        Action::PageUp,
        Action::PageDown,
        Action::Top,
        Action::Bottom,
        Action::Open,
        Action::New,
        Action::NewPartnership,
        Action::Edit,
        Action::Delete,
        Action::Undo,
        Action::Tick,
        Action::CycleStatus,
        Action::ReviewNote,
        Action::Evaluate,
        Action::AttachEvidence,
        Action::ToggleFilter,
        Action::ChooseFramework,
        Action::Collapse,
        Action::Expand,
        Action::ToggleReview,
        Action::Reload,
        Action::Cancel,
    ];

    /// The name used in `keymap.ron` and shown in help.
    pub fn name(self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::Help => "help",
            Action::FocusNext => "focus_next",
            Action::FocusPrev => "focus_prev",
            Action::NextTab => "next_tab",
            Action::PrevTab => "prev_tab",
            Action::Dashboard => "dashboard",
            Action::Meetings => "meetings",
            Action::Goals => "goals",
            Action::Checklists => "checklists",
            Action::Reflections => "reflections",
            Action::Agreement => "agreement",
            Action::Up => "up",
            Action::Down => "down",
            Action::PageUp => "page_up",
            Action::PageDown => "page_down",
            Action::Top => "top",
            Action::Bottom => "bottom",
            Action::Open => "open",
            Action::New => "new",
            Action::NewPartnership => "new_partnership",
            Action::Edit => "edit",
            Action::Delete => "delete",
            Action::Undo => "undo",
            Action::Tick => "tick",
            Action::CycleStatus => "cycle_status",
            Action::ReviewNote => "review_note",
            Action::Evaluate => "evaluate",
            Action::AttachEvidence => "attach_evidence",
            Action::ToggleFilter => "toggle_filter",
            Action::ChooseFramework => "choose_framework",
            Action::Collapse => "collapse",
            Action::Expand => "expand",
            Action::ToggleReview => "toggle_review",
            Action::Reload => "reload",
            Action::Cancel => "cancel",
        }
    }

    /// What it does, in the words of the help screen.
    pub fn description(self) -> &'static str {
        match self {
            Action::Quit => "quit mentorlog",
            Action::Help => "show or hide this help",
            Action::FocusNext => "move to the next pane",
            Action::FocusPrev => "move to the previous pane",
            Action::NextTab => "next tab",
            Action::PrevTab => "previous tab",
            Action::Dashboard => "Dashboard tab",
            Action::Meetings => "Meetings tab",
            Action::Goals => "Goals tab",
            Action::Checklists => "Checklists tab",
            Action::Reflections => "Reflections tab",
            Action::Agreement => "Agreement tab",
            Action::Up => "move up",
            Action::Down => "move down",
            Action::PageUp => "page up",
            Action::PageDown => "page down",
            Action::Top => "go to the first row",
            Action::Bottom => "go to the last row",
            Action::Open => "open the selected record",
            Action::New => "new meeting / goal / reflection (in its tab)",
            Action::NewPartnership => "new partnership",
            Action::Edit => "edit the selected record",
            Action::Delete => "delete the selected record (u undoes)",
            Action::Undo => "undo the last change",
            Action::Tick => "tick or untick the item (saved at once)",
            Action::CycleStatus => "move the goal's status on",
            Action::ReviewNote => "add a dated review note to the goal",
            Action::Evaluate => "evaluate how the agreement was kept",
            Action::AttachEvidence => "attach evidence: a meeting or text",
            Action::ToggleFilter => "show only items not yet achieved",
            Action::ChooseFramework => "choose the framework",
            Action::Collapse => "collapse the section",
            Action::Expand => "expand the section",
            Action::ToggleReview => "review mode: hide private notes",
            Action::Reload => "reload the journal from disk",
            Action::Cancel => "close the popup",
        }
    }

    pub fn from_name(name: &str) -> Option<Action> {
        Action::ALL.iter().copied().find(|a| a.name() == name)
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
