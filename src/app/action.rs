//! Everything a user can ask for, and where. Keys become actions through the keymap (in
//! every pane and every popup alike, so every key is described in the help and can be
//! rebound); only `App` turns an action into a change of screen state.

use std::fmt;

/// Declares the actions with their keymap names and help descriptions, once.
macro_rules! actions {
    ($($variant:ident => $name:literal, $desc:literal;)+) => {
        /// A user intent, independent of the key that asked for it.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Action { $($variant),+ }

        impl Action {
            pub const ALL: &'static [Action] = &[$(Action::$variant),+];

            /// The name used in `keymap.ron` and shown in help.
            pub fn name(self) -> &'static str {
                match self { $(Action::$variant => $name),+ }
            }

            /// What it does, in the words of the help screen.
            pub fn description(self) -> &'static str {
                match self { $(Action::$variant => $desc),+ }
            }
        }
    };
}

actions! {
    Quit => "quit", "quit mentorlog";
    Help => "help", "show or hide this help";
    FocusNext => "focus_next", "move to the next pane";
    FocusPrev => "focus_prev", "move to the previous pane";
    FocusList => "focus_list", "move to the partnership list";
    FocusPane => "focus_pane", "move into the pane";
    NextTab => "next_tab", "next tab";
    PrevTab => "prev_tab", "previous tab";
    Dashboard => "dashboard", "Dashboard tab";
    Meetings => "meetings", "Meetings tab";
    Goals => "goals", "Goals tab";
    Checklists => "checklists", "Checklists tab";
    Reflections => "reflections", "Reflections tab";
    Agreement => "agreement", "Agreement tab";
    Actions => "actions", "Actions tab: every action item, across meetings";
    Up => "up", "move up";
    Down => "down", "move down";
    PageUp => "page_up", "page up";
    PageDown => "page_down", "page down";
    Top => "top", "go to the first row";
    Bottom => "bottom", "go to the last row";
    Open => "open", "open the selected record";
    New => "new", "new meeting / goal / reflection (in its tab)";
    NewPartnership => "new_partnership", "new partnership";
    Edit => "edit", "edit the selected record";
    Delete => "delete", "delete the selected record (u undoes)";
    Undo => "undo", "undo the last change";
    Redo => "redo", "make again what undo took back";
    Suspend => "suspend", "suspend mentorlog to the shell (fg brings it back)";
    Tick => "tick", "tick or untick the item (saved at once)";
    CycleStatus => "cycle_status", "move the goal's status on";
    ReviewNote => "review_note", "add a dated review note to the goal";
    Evaluate => "evaluate", "evaluate how the agreement was kept";
    Prepare => "prepare", "the mentee's pre-meeting thought document, for the next meeting";
    Agree => "agree", "agree to the agreement or the goal, in your name, dated today";
    Sign => "sign", "sign it with your SSH key (agreement, evaluation, stage record)";
    Comment => "comment", "comment on the goal, in your name";
    Members => "members", "the people of the journal: roles, partnerships, keys";
    AddMember => "add_member", "add a member to the journal";
    RemoveMember => "remove_member", "remove the member (what they wrote stays theirs)";
    AttachEvidence => "attach_evidence", "attach evidence: a meeting or text";
    CarryOver => "carry_over", "carry an earlier stage's tick over, with its evidence";
    ToggleFilter => "toggle_filter", "show only items not yet achieved";
    ChooseFramework => "choose_framework", "choose the framework";
    ReadPassages => "read_passages", "read the text beyond the items (CUREE's core concepts)";
    Collapse => "collapse", "collapse the section";
    Expand => "expand", "expand the section";
    ToggleReview => "toggle_review", "review mode: hide private notes";
    Follow => "follow", "follow the other person's screen (in a served session), or stop";
    Reload => "reload", "reload the journal from disk";
    Search => "search", "search everything: partners, meetings, goals, items";
    Palette => "palette", "command palette: every action by name";
    Conflicts => "conflicts", "compare and resolve conflict copies";
    Sync => "sync", "sync with your other machines (git): commit, bring in, send";
    Cancel => "cancel", "close the popup (a form with changes asks first)";
    Yes => "yes", "answer yes";
    No => "no", "answer no";
    OpenDemo => "open_demo", "open the demo journal";
    KeepMine => "keep_mine", "keep the record's version (saved last); the conflict copy goes";
    TakeTheirs => "take_theirs", "take the conflict copy's version into the record";
    Choose => "choose", "choose or unchoose the option (several may be chosen)";
    Done => "done", "done: use the chosen option(s)";
    Save => "save", "save the form";
    NextField => "next_field", "next field";
    PrevField => "prev_field", "previous field";
    ExternalEditor => "external_editor", "edit this text in $EDITOR";
    ShowAgenda => "show_agenda", "show what is beside the form: agenda, criteria, guidance";
    NextChoice => "next_choice", "next option";
    PrevChoice => "prev_choice", "previous option";
    AddItem => "add_item", "add an action item";
    OpenItem => "open_item", "edit the action item";
    ToggleDone => "toggle_done", "mark the action item done or not";
    CycleOwner => "cycle_owner", "change who owns the action item";
    RemoveItem => "remove_item", "remove the action item";
    Pick => "pick", "choose from the list";
}

impl Action {
    pub fn from_name(name: &str) -> Option<Action> {
        Action::ALL.iter().copied().find(|a| a.name() == name)
    }

    /// Actions that only make sense inside a popup (left out of the command palette).
    pub fn in_popup_only(self) -> bool {
        matches!(
            self,
            Action::Cancel
                | Action::Yes
                | Action::No
                | Action::OpenDemo
                | Action::KeepMine
                | Action::TakeTheirs
                | Action::Choose
                | Action::Done
                | Action::Save
                | Action::NextField
                | Action::PrevField
                | Action::ExternalEditor
                | Action::ShowAgenda
                | Action::NextChoice
                | Action::PrevChoice
                | Action::AddItem
                | Action::OpenItem
                | Action::CycleOwner
                | Action::RemoveItem
                | Action::Pick
                | Action::AddMember
                | Action::RemoveMember
        )
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Where a key binding applies: a pane, or a popup (and, in a form, the kind of field
/// focused). A popup's keys are looked up in its own context first, then in `Form` for a
/// form's field, and in `Global` for the panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyContext {
    Global,
    Sidebar,
    Meetings,
    Goals,
    Checklists,
    Reflections,
    Agreement,
    Actions,
    Help,
    MeetingView,
    Confirm,
    Welcome,
    Conflicts,
    Search,
    Picker,
    /// The people of the journal.
    Members,
    Form,
    /// A one-line text, date or number field of a form.
    FormLine,
    /// A choice field of a form.
    FormChoice,
    /// The action items of a meeting form.
    FormActions,
    /// A field whose value is chosen from a list.
    FormPicks,
}

impl KeyContext {
    pub const ALL: &'static [KeyContext] = &[
        KeyContext::Global,
        KeyContext::Sidebar,
        KeyContext::Meetings,
        KeyContext::Goals,
        KeyContext::Checklists,
        KeyContext::Reflections,
        KeyContext::Agreement,
        KeyContext::Actions,
        KeyContext::Help,
        KeyContext::MeetingView,
        KeyContext::Confirm,
        KeyContext::Welcome,
        KeyContext::Conflicts,
        KeyContext::Search,
        KeyContext::Picker,
        KeyContext::Members,
        KeyContext::Form,
        KeyContext::FormLine,
        KeyContext::FormChoice,
        KeyContext::FormActions,
        KeyContext::FormPicks,
    ];

    pub fn title(self) -> &'static str {
        match self {
            KeyContext::Global => "Everywhere",
            KeyContext::Sidebar => "Partnership list",
            KeyContext::Meetings => "Meetings",
            KeyContext::Goals => "Goals",
            KeyContext::Checklists => "Checklists",
            KeyContext::Reflections => "Reflections",
            KeyContext::Agreement => "Agreement",
            KeyContext::Actions => "Actions",
            KeyContext::Help => "This help",
            KeyContext::MeetingView => "A meeting or reflection, opened",
            KeyContext::Confirm => "A question",
            KeyContext::Welcome => "The welcome screen",
            KeyContext::Conflicts => "Conflict copies",
            KeyContext::Search => "Search (type to search)",
            KeyContext::Picker => "A list to choose from (type to filter)",
            KeyContext::Members => "The people of the journal",
            KeyContext::Form => "Forms",
            KeyContext::FormLine => "Forms: a one-line field",
            KeyContext::FormChoice => "Forms: a choice",
            KeyContext::FormActions => "Forms: action items",
            KeyContext::FormPicks => "Forms: a field chosen from a list",
        }
    }

    /// The name used in `keymap.ron` for a binding of this context only.
    pub fn name(self) -> &'static str {
        match self {
            KeyContext::Global => "global",
            KeyContext::Sidebar => "sidebar",
            KeyContext::Meetings => "meetings",
            KeyContext::Goals => "goals",
            KeyContext::Checklists => "checklists",
            KeyContext::Reflections => "reflections",
            KeyContext::Agreement => "agreement",
            KeyContext::Actions => "actions",
            KeyContext::Help => "help",
            KeyContext::MeetingView => "meeting_view",
            KeyContext::Confirm => "confirm",
            KeyContext::Welcome => "welcome",
            KeyContext::Conflicts => "conflicts",
            KeyContext::Search => "search",
            KeyContext::Picker => "picker",
            KeyContext::Members => "members",
            KeyContext::Form => "form",
            KeyContext::FormLine => "form_line",
            KeyContext::FormChoice => "form_choice",
            KeyContext::FormActions => "form_actions",
            KeyContext::FormPicks => "form_picks",
        }
    }

    /// Whether this is a popup's context (its keys do not reach the panes).
    pub fn is_popup(self) -> bool {
        !matches!(
            self,
            KeyContext::Global
                | KeyContext::Sidebar
                | KeyContext::Meetings
                | KeyContext::Goals
                | KeyContext::Checklists
                | KeyContext::Reflections
                | KeyContext::Agreement
                | KeyContext::Actions
        )
    }
}

/// Whether a key handler used the key; one that did not lets the next handler try it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Handled {
    Consumed,
    NotConsumed,
}
