//! The state of one screen: which tab and pane, the cursors, the popups and forms, the status
//! line. Input arrives as an `Action` (from the keymap, in panes and popups alike) or, in a
//! popup that takes text, as a key no binding took. Every change to the journal is asked of
//! the journal core; nothing here touches a file, the environment or the terminal, and what
//! is shown is read through the core's `Reader`, which decides what this screen may see.

mod action;
pub mod actions;
pub mod checklist;
pub mod conflicts;
mod derived;
mod drafts;
mod find;
pub mod form;
mod forms;
mod live;
mod mentee;
mod mouse;
pub mod picker;
mod place;
mod popups;
pub mod presence;
mod recognition;
mod scroll;
pub mod searcher;

use std::path::PathBuf;

use ratatui::crossterm::event::KeyEvent;

pub use action::{Action, Handled, KeyContext};
use checklist::{ChecklistState, Row, rows};
pub use derived::Derived;
pub use find::SearchState;
use form::{Field, Form, FormTarget};
pub use mouse::{Hits, List, Spot};
use picker::Picker;
pub use recognition::{LIKERT, ReflRow};
pub use scroll::{Anchor, PaneScroll, ScrollTo, Scroller, is_scroll};

use crate::framework::Framework;
use crate::journal::{Audience, Journal, OpError, Outcome, Partner, Reader};
use crate::model::{Goal, Meeting};
use crate::store::Loaded;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Dashboard,
    Meetings,
    Goals,
    Checklists,
    Reflections,
    Agreement,
    Actions,
}

impl Tab {
    pub const ALL: [Tab; 7] = [
        Tab::Dashboard,
        Tab::Meetings,
        Tab::Goals,
        Tab::Checklists,
        Tab::Reflections,
        Tab::Agreement,
        Tab::Actions,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Tab::Dashboard => "Dashboard",
            Tab::Meetings => "Meetings",
            Tab::Goals => "Goals",
            Tab::Checklists => "Checklists",
            Tab::Reflections => "Reflections",
            Tab::Agreement => "Agreement",
            Tab::Actions => "Actions",
        }
    }

    /// The name in a narrow tab bar.
    pub fn short(self) -> &'static str {
        match self {
            Tab::Dashboard => "Dash",
            Tab::Meetings => "Meet",
            Tab::Goals => "Goals",
            Tab::Checklists => "Check",
            Tab::Reflections => "Refl",
            Tab::Agreement => "Agree",
            Tab::Actions => "Act",
        }
    }

    fn index(self) -> usize {
        Tab::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }

    /// The keys of this tab's pane.
    pub fn context(self) -> KeyContext {
        match self {
            Tab::Dashboard => KeyContext::Global,
            Tab::Meetings => KeyContext::Meetings,
            Tab::Goals => KeyContext::Goals,
            Tab::Checklists => KeyContext::Checklists,
            Tab::Reflections => KeyContext::Reflections,
            Tab::Agreement => KeyContext::Agreement,
            Tab::Actions => KeyContext::Actions,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Sidebar,
    Main,
}

/// What a yes in a confirmation does.
#[derive(Debug, Clone, PartialEq)]
pub enum Confirmed {
    /// Close the form below, dropping its changes.
    DiscardForm,
    /// Save the form below again, bringing back the record deleted elsewhere.
    RestoreForm,
    /// Bring back the draft of a form a stopped mentorlog kept (no: let it go).
    RestoreDraft(PathBuf),
    /// Delete this record (a meeting that evidences ticks asks first).
    Delete(PathBuf),
    /// Remove the partnership with this id, and all it holds (to the trash).
    RemovePartnership(String),
    /// Remove the member with this id from the journal.
    RemoveMember(String),
}

#[derive(Debug, Clone)]
pub enum Overlay {
    Help {
        scroll: Anchor,
    },
    /// The agenda of the form under it (its aside), to read while writing.
    Agenda {
        scroll: Anchor,
    },
    /// The passages to read beside a framework's checklist (CUREE's core concepts).
    Passages {
        framework: String,
        scroll: Anchor,
    },
    Meeting {
        path: PathBuf,
        scroll: Anchor,
    },
    /// A reflection, opened to read.
    Reflection {
        path: PathBuf,
        scroll: Anchor,
    },
    Form(Box<Form>),
    Picker(Picker),
    Confirm {
        message: String,
        then: Confirmed,
    },
    Welcome,
    Search(SearchState),
    Conflicts {
        cursor: usize,
    },
    /// The people of the journal: the owner and the members.
    Members {
        cursor: usize,
    },
}

impl Overlay {
    /// The keymap context of this popup.
    pub fn context(&self) -> KeyContext {
        match self {
            Overlay::Help { .. } | Overlay::Agenda { .. } | Overlay::Passages { .. } => {
                KeyContext::Help
            }
            Overlay::Meeting { .. } | Overlay::Reflection { .. } => KeyContext::MeetingView,
            Overlay::Form(f) => f.context(),
            Overlay::Picker(_) => KeyContext::Picker,
            Overlay::Confirm { .. } => KeyContext::Confirm,
            Overlay::Welcome => KeyContext::Welcome,
            Overlay::Search(_) => KeyContext::Search,
            Overlay::Conflicts { .. } => KeyContext::Conflicts,
            Overlay::Members { .. } => KeyContext::Members,
        }
    }

    /// Whether keys no binding takes are typed into it.
    pub fn takes_text(&self) -> bool {
        match self {
            Overlay::Form(f) => f.takes_text(),
            Overlay::Picker(_) | Overlay::Search(_) => true,
            _ => false,
        }
    }
}

/// Work the event loop must do outside `update` (it owns the terminal).
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    None,
    /// Suspend the screen and edit this text in $EDITOR, then call `editor_done`.
    EditText(String),
    /// Give the terminal back to the shell until the process is resumed.
    Suspend,
    /// Open a demo journal apart from the user's (the screen's owner swaps journals).
    OpenDemo,
    /// Leave the demo journal for the user's own.
    LeaveDemo,
    /// Sign this with the user's SSH key (`ssh-keygen` may ask for a passphrase at the
    /// terminal), then keep the signature (`Tui::sign`).
    Sign(crate::model::Signed),
    /// Sync the journal with the user's other machines (git, on a background thread).
    Sync,
}

/// Where sync stands, as the screen shows it (the event loop fills it in from the sync
/// thread; drawing reads it and nothing else).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SyncView {
    /// The journal is a synced one (`mentorlog sync init` made it a git repository).
    pub repository: bool,
    /// It has a remote to sync with.
    pub remote: bool,
    /// A sync is running: the step it is at.
    pub running: Option<&'static str>,
    /// Commits to send, and to receive (as of the last fetch).
    pub ahead: usize,
    pub behind: usize,
    /// When this machine last synced, as shown ("10:42", or "21 Nov").
    pub last: Option<String>,
}

/// The member a session is locked to.
#[derive(Debug, Clone, PartialEq)]
pub struct Locked {
    pub audience: Audience,
    pub name: String,
    pub role: crate::model::Role,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

/// Facts of the terminal a key may need, measured by the event loop before each key: how
/// many rows a page holds, and where each scroll key would take the text the keys scroll now
/// (the open popup's, or the focused pane's), if there is one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Viewport {
    pub page: usize,
    pub scroll: Option<ScrollTo>,
}

impl Default for Viewport {
    fn default() -> Viewport {
        Viewport {
            page: 18,
            scroll: None,
        }
    }
}

pub struct App {
    pub selected: usize,
    pub tab: Tab,
    pub pane: Pane,
    pub meeting_cursor: usize,
    pub goal_cursor: usize,
    pub checklist: ChecklistState,
    pub reflection_cursor: usize,
    pub actions: actions::ActionsState,
    /// How far the panes that show a text (the Dashboard, the Agreement) are scrolled.
    pub scroll: PaneScroll,
    pub overlays: Vec<Overlay>,
    pub status: Option<Status>,
    /// Review mode: this screen is shown to someone, so private records are not read.
    pub review: bool,
    /// Review mode was asked for at start (`--review`): it stays on, so the person at the
    /// keyboard cannot turn it off with a key.
    pub review_fixed: bool,
    /// A session acting as a member: what it may see is fixed, whatever keys it gets.
    pub locked: Option<Locked>,
    pub quit: bool,
    /// The journal on screen is a demo, apart from the user's (see `Journal::open_demo`).
    pub demo: bool,
    /// What the screen shows that takes work to compute, recomputed when the journal changes.
    pub derived: Derived,
    /// The last search index built, and the journal generation and audience it was built
    /// for: `/` opened on an unchanged journal starts at once.
    pub search_index: Option<(
        u64,
        crate::journal::Audience,
        std::sync::Arc<crate::journal::search::Index>,
    )>,
    /// The parts of the next search index, made a few at a time while the screen is idle
    /// (`prepare_search`), for that generation and audience.
    pub search_parts: Option<(
        u64,
        crate::journal::Audience,
        Vec<crate::journal::search::Part>,
    )>,
    /// The search cache is up to date with the files (the full screen brought it up to
    /// date in the background): while only some partnerships are read, the index is made
    /// from it when the screen is idle.
    pub search_cache_ready: bool,
    /// The search cache that refresh left, for the first index made from it.
    pub kept_search: Option<crate::journal::keep::KeptSearch>,
    /// The thread search queries run on (the full screen starts it); without one, each
    /// keystroke's query runs at once.
    pub searcher: Option<searcher::Searcher>,
    /// Each action's key, as the keymap binds it (for the command palette).
    pub key_hints: std::collections::BTreeMap<Action, String>,
    /// Where the last frame drew what the mouse can point at.
    pub hits: Hits,
    /// The other people on this journal now (a served session), and where they are.
    pub presence: Vec<presence::Presence>,
    /// The session this screen follows (`F`), if any.
    pub following: Option<u64>,
    /// Where sync stands.
    pub sync: SyncView,
}

impl App {
    /// A screen on journal `j`.
    pub fn new(j: &Journal, review: bool) -> App {
        let mut app = App {
            selected: 0,
            tab: Tab::Dashboard,
            pane: Pane::Sidebar,
            meeting_cursor: 0,
            goal_cursor: 0,
            checklist: ChecklistState::default(),
            reflection_cursor: 0,
            actions: Default::default(),
            scroll: PaneScroll::default(),
            overlays: Vec::new(),
            status: None,
            review,
            review_fixed: false,
            locked: None,
            quit: false,
            demo: false,
            derived: Derived::default(),
            search_index: None,
            search_parts: None,
            search_cache_ready: false,
            kept_search: None,
            searcher: None,
            key_hints: Default::default(),
            hits: Hits::default(),
            presence: Vec::new(),
            following: None,
            sync: SyncView::default(),
        };
        app.after_load(j);
        app.restore_place(j);
        if let Some(n) = j.notices().first() {
            app.info(capitalise(n));
        }
        app.offer_draft(j);
        app
    }

    pub fn audience(&self) -> Audience {
        if let Some(l) = &self.locked {
            return l.audience;
        }
        if self.review {
            Audience::Review
        } else {
            Audience::Owner
        }
    }

    /// The journal as this screen may see it.
    pub fn reader<'j>(&self, j: &'j Journal) -> Reader<'j> {
        j.reader(self.audience())
    }

    /// After the journal was read or re-read: the welcome on an empty journal, what could
    /// not be read, conflicts waiting.
    fn after_load(&mut self, j: &Journal) {
        let r = self.reader(j);
        if r.is_empty() {
            if !matches!(self.overlays.last(), Some(Overlay::Welcome)) {
                self.overlays.push(Overlay::Welcome);
            }
        } else {
            self.overlays.retain(|o| !matches!(o, Overlay::Welcome));
        }
        let problems = r.problems();
        let conflicts = r.conflicts().len();
        if let Some(first) = problems.first() {
            self.error(format!(
                "{} file(s) could not be read and are left untouched: {first}",
                problems.len()
            ));
        } else if conflicts > 0 {
            self.error(format!(
                "{conflicts} conflict cop{} from simultaneous edits: press C to compare and resolve",
                if conflicts == 1 { "y" } else { "ies" }
            ));
        }
        self.clamp(j);
        self.refresh(j);
    }

    /// Recompute what the screen derives from the journal, if the journal changed.
    pub fn refresh(&mut self, j: &Journal) {
        let r = self.reader(j);
        let p = self.partner(&r);
        self.derived.refresh(&r, p.as_ref());
    }

    // ----- reading -----

    pub fn partner<'j>(&self, r: &Reader<'j>) -> Option<Partner<'j>> {
        r.get(self.selected)
    }

    /// The meetings on screen, newest first.
    pub fn meetings<'j>(&self, r: &Reader<'j>) -> Vec<&'j Loaded<Meeting>> {
        self.partner(r).map_or_else(Vec::new, |p| p.meetings())
    }

    pub fn goals<'j>(&self, r: &Reader<'j>) -> Vec<&'j Loaded<Goal>> {
        self.partner(r).map_or_else(Vec::new, |p| p.goals())
    }

    /// The frameworks the selected partnership uses (and any it has ticks in).
    pub fn partner_frameworks<'j>(&self, r: &Reader<'j>) -> Vec<&'j Framework> {
        self.partner(r).map_or_else(Vec::new, |p| p.frameworks())
    }

    pub fn checklist_framework<'j>(&self, r: &Reader<'j>) -> Option<&'j Framework> {
        let fws = self.partner_frameworks(r);
        fws.get(self.checklist.framework.min(fws.len().saturating_sub(1)))
            .copied()
    }

    pub fn checklist_rows<'j>(&self, r: &Reader<'j>) -> Vec<Row<'j>> {
        match (self.checklist_framework(r), self.partner(r)) {
            (Some(fw), Some(p)) => rows(r.frameworks(), fw, &p, &self.checklist),
            _ => Vec::new(),
        }
    }

    fn row_count(&self, r: &Reader) -> usize {
        match (self.pane, self.tab) {
            (Pane::Sidebar, _) => r.len(),
            (_, Tab::Meetings) => self.meetings(r).len(),
            (_, Tab::Goals) => self.goals(r).len(),
            (_, Tab::Checklists) => self.checklist_rows(r).len(),
            (_, Tab::Reflections) => self.reflection_rows(r).len(),
            (_, Tab::Actions) => self.action_rows(r).len(),
            (_, Tab::Dashboard | Tab::Agreement) => 0,
        }
    }

    fn cursor_mut(&mut self) -> Option<&mut usize> {
        match (self.pane, self.tab) {
            (Pane::Sidebar, _) => Some(&mut self.selected),
            (_, Tab::Meetings) => Some(&mut self.meeting_cursor),
            (_, Tab::Goals) => Some(&mut self.goal_cursor),
            (_, Tab::Checklists) => Some(&mut self.checklist.cursor),
            (_, Tab::Reflections) => Some(&mut self.reflection_cursor),
            (_, Tab::Actions) => Some(&mut self.actions.cursor),
            (_, Tab::Dashboard | Tab::Agreement) => None,
        }
    }

    fn clamp(&mut self, j: &Journal) {
        let r = self.reader(j);
        let last = |n: usize| n.saturating_sub(1);
        self.selected = self.selected.min(last(r.len()));
        self.meeting_cursor = self.meeting_cursor.min(last(self.meetings(&r).len()));
        self.goal_cursor = self.goal_cursor.min(last(self.goals(&r).len()));
        let fws = self.partner_frameworks(&r).len();
        self.checklist.framework = self.checklist.framework.min(last(fws));
        self.checklist.cursor = self
            .checklist
            .cursor
            .min(last(self.checklist_rows(&r).len()));
        self.reflection_cursor = self
            .reflection_cursor
            .min(last(self.reflection_rows(&r).len()));
        self.actions.cursor = self.actions.cursor.min(last(self.action_rows(&r).len()));
    }

    /// The id of the selected partnership.
    fn pid(&self, j: &Journal) -> Option<String> {
        self.partner(&self.reader(j)).map(|p| p.id().to_string())
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            error: false,
        });
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            error: true,
        });
    }

    /// Say what an operation did, or why it did nothing. Returns the outcome when it worked.
    fn said(&mut self, j: &Journal, result: Result<Outcome, OpError>) -> Option<Outcome> {
        let o = match result {
            Ok(o) => o,
            Err(e) => {
                self.error(capitalise(&e.to_string()));
                return None;
            }
        };
        match (o.conflict_notes().first(), o.warnings.first()) {
            (Some(c), _) => self.error(format!("Conflict: {c}")),
            (None, Some(w)) => self.info(format!("{} (saved; u undoes): {w}", o.label)),
            (None, None) => self.info(format!("{} (saved; u undoes)", o.label)),
        }
        self.clamp(j);
        Some(o)
    }

    // ----- input -----

    /// The keymap context keys are looked up in now: the top popup's, or the pane's.
    pub fn key_context(&self) -> KeyContext {
        match self.overlays.last() {
            Some(o) => o.context(),
            None => match self.pane {
                Pane::Sidebar => KeyContext::Sidebar,
                Pane::Main => self.tab.context(),
            },
        }
    }

    /// Whether the top popup takes keys no binding took as typed text.
    pub fn takes_text(&self) -> bool {
        self.overlays.last().is_some_and(Overlay::takes_text)
    }

    /// A key no binding took, typed into the top popup.
    pub fn text_key(&mut self, j: &mut Journal, key: KeyEvent) -> Handled {
        match self.overlays.last_mut() {
            Some(Overlay::Form(form)) => form.text_key(key),
            Some(Overlay::Picker(p)) => p.text_key(key),
            Some(Overlay::Search(_)) => self.search_text(j, key),
            _ => Handled::NotConsumed,
        }
    }

    /// A record with a text too long for a form: say so, and where to edit it instead.
    pub(crate) fn too_long_to_edit(&mut self, j: &Journal, why: &str, path: &std::path::Path) {
        let file = path.strip_prefix(j.root()).unwrap_or(path);
        self.error(format!(
            "{why}. Enter opens it to read; to edit it, open its file in an editor: {}",
            file.display()
        ));
    }

    /// Text back from $EDITOR for the focused field of the top form.
    pub fn editor_done(&mut self, text: Result<String, String>) {
        match text {
            Ok(text) if text.len() > form::TEXT_LIMIT => {
                if let Some(why) = form::too_long("The text from the editor", &text) {
                    self.error(format!("{why}: the field keeps what it had"));
                }
            }
            Ok(text) => {
                if let Some(Overlay::Form(form)) = self.overlays.last_mut() {
                    let i = form.focus;
                    form.fields[i].set_value(text.trim_end());
                    form.dirty = true;
                }
            }
            Err(e) => self.error(e),
        }
    }

    pub fn paste(&mut self, text: &str) {
        if let (Some(why), true) = (form::too_long("The pasted text", text), self.takes_text()) {
            return self.error(format!("{why}: nothing was pasted"));
        }
        match self.overlays.last_mut() {
            Some(Overlay::Form(form)) => form.paste(text),
            Some(Overlay::Picker(p)) => {
                p.filter.push_str(text.lines().next().unwrap_or(""));
                p.cursor = 0;
            }
            Some(Overlay::Search(_)) => self.search_paste(text),
            _ => {}
        }
    }

    /// The one place an action changes state: the top popup's, or the pane's.
    pub fn update(&mut self, j: &mut Journal, action: Action, vp: Viewport) -> (Handled, Effect) {
        if !self.overlays.is_empty() {
            return self.popup_action(j, action, vp);
        }
        self.status = self
            .status
            .take()
            .filter(|s| s.error && action == Action::Help);
        let effect = self.pane_action(j, action, vp);
        self.refresh(j);
        (Handled::Consumed, effect)
    }

    fn pane_action(&mut self, j: &mut Journal, action: Action, vp: Viewport) -> Effect {
        match action {
            // In the demo, q goes back to the user's own journal.
            Action::Quit if self.demo => return Effect::LeaveDemo,
            Action::Quit => self.quit = true,
            Action::Help => self.overlays.push(Overlay::Help {
                scroll: Anchor::default(),
            }),
            Action::Cancel => {}
            Action::FocusList => self.pane = Pane::Sidebar,
            Action::FocusPane => self.pane = Pane::Main,
            Action::FocusNext | Action::FocusPrev => {
                self.pane = match self.pane {
                    Pane::Sidebar => Pane::Main,
                    Pane::Main => Pane::Sidebar,
                }
            }
            Action::NextTab => self.set_tab(Tab::ALL[(self.tab.index() + 1) % Tab::ALL.len()]),
            Action::PrevTab => {
                self.set_tab(Tab::ALL[(self.tab.index() + Tab::ALL.len() - 1) % Tab::ALL.len()])
            }
            Action::Dashboard => self.set_tab(Tab::Dashboard),
            Action::Meetings => self.set_tab(Tab::Meetings),
            Action::Goals => self.set_tab(Tab::Goals),
            Action::Checklists => self.set_tab(Tab::Checklists),
            Action::Reflections => self.set_tab(Tab::Reflections),
            Action::Agreement => self.set_tab(Tab::Agreement),
            Action::Actions => self.set_tab(Tab::Actions),
            Action::ToggleDone if self.tab == Tab::Actions => self.toggle_action_done(j),
            Action::ToggleFilter if self.tab == Tab::Actions => self.toggle_actions_filter(),
            Action::Evaluate => self.evaluation_form(j),
            Action::Prepare => self.thoughts_form(j),
            Action::Agree => self.agree_here(j),
            Action::Sign => return self.sign_here(j),
            Action::Comment => self.comment_form(j),
            Action::Members => self.open_members(),
            // A pane that shows a text scrolls it.
            a if is_scroll(a) && self.scroller().is_some() => {
                if let Some(to) = vp.scroll.and_then(|t| t.target(a)) {
                    self.scroll.scroll_pane(self.tab, to);
                }
            }
            Action::Up => self.move_cursor(j, -1),
            Action::Down => self.move_cursor(j, 1),
            Action::PageUp => self.move_cursor(j, -(vp.page.max(1) as isize)),
            Action::PageDown => self.move_cursor(j, vp.page.max(1) as isize),
            Action::Top => self.move_cursor(j, isize::MIN / 2),
            Action::Bottom => self.move_cursor(j, isize::MAX / 2),
            Action::Open => self.open(j),
            Action::New => self.new_record(j),
            Action::NewPartnership => self.new_partnership_form(j),
            Action::Edit => self.edit(j),
            Action::Delete => self.delete(j),
            Action::Undo | Action::Redo => {
                let result = if action == Action::Undo {
                    if j.undo_label().is_none() && !j.trash().0.is_empty() {
                        // Undo lasts one run; after a restart, u brings back the last delete.
                        j.restore_trash(None)
                    } else {
                        j.undo()
                    }
                } else {
                    j.redo()
                };
                if let Ok(o) = &result {
                    self.info(o.label.clone());
                    self.after_load(j);
                } else {
                    self.said(j, result);
                }
            }
            Action::Suspend => return Effect::Suspend,
            Action::Sync => return Effect::Sync,
            Action::Tick => self.tick(j),
            Action::CycleStatus => self.cycle_status(j),
            Action::ReviewNote => self.review_note_form(j),
            Action::AttachEvidence => self.attach_evidence(j),
            Action::CarryOver => self.carry_over(j),
            Action::ToggleFilter if self.tab == Tab::Checklists => {
                self.checklist.only_open = !self.checklist.only_open;
                self.checklist.cursor = 0;
                self.info(if self.checklist.only_open {
                    "Showing only items not yet achieved (f shows all)"
                } else {
                    "Showing every item"
                });
            }
            Action::ChooseFramework => self.choose_framework(j),
            Action::ReadPassages => self.open_passages(j),
            Action::Collapse => self.set_collapsed(j, true),
            Action::Expand => self.set_collapsed(j, false),
            Action::ToggleReview => self.toggle_review(j),
            Action::Follow => self.toggle_follow(j),
            Action::Search => self.open_search(j),
            Action::Conflicts => self.open_conflicts(j),
            Action::Palette => self.open_palette(),
            Action::Reload => {
                j.reload();
                self.after_load(j);
                self.info("Reloaded the journal from disk");
            }
            _ => {}
        }
        Effect::None
    }

    /// `S` on the Agreement tab: sign the agreement (or, once evaluated, the evaluation
    /// too, with a second `S`) with the user's own key.
    fn sign_here(&mut self, j: &Journal) -> Effect {
        if self.locked.is_some() {
            self.info(
                "Signing needs your own SSH key, which this server does not hold: on your \
                 machine, sign what `mentorlog sign ... --bytes` prints, and the mentor keeps it",
            );
            return Effect::None;
        }
        let r = self.reader(j);
        let Some(p) = self.partner(&r) else {
            return Effect::None;
        };
        let me = j.actor();
        let signed = |what: &crate::model::Signed| {
            p.signatures().iter().any(|c| {
                c.signature.by == me
                    && c.signature.what == *what
                    && c.state == crate::journal::sign::SigState::Valid
            })
        };
        use crate::model::Signed;
        // On the Reflections tab, the stage record under the cursor.
        if self.tab == Tab::Reflections {
            if let Some(ReflRow::Stage {
                framework, stage, ..
            }) = self.reflection_rows(&r).get(self.reflection_cursor)
            {
                if p.stage(&framework.id, &stage.id).is_none() {
                    self.info("Write the stage's record first (Enter), then K signs it");
                    return Effect::None;
                }
                return Effect::Sign(Signed::Stage {
                    framework: framework.id.clone(),
                    stage: stage.id.clone(),
                });
            }
            self.info("K signs a stage's record: choose the stage's row");
            return Effect::None;
        }
        if p.partnership().agreement.is_none() {
            self.info("There is no agreement to sign yet: e writes it");
            return Effect::None;
        }
        if !signed(&Signed::Agreement) {
            return Effect::Sign(Signed::Agreement);
        }
        if p.partnership().evaluation.is_some() && !signed(&Signed::Evaluation) {
            return Effect::Sign(Signed::Evaluation);
        }
        self.info("You have signed the agreement (and the evaluation, once made); it holds");
        Effect::None
    }

    fn toggle_review(&mut self, j: &mut Journal) {
        if let Some(l) = &self.locked {
            let said = format!(
                "This is {}'s session: it shows what {} may see, and that cannot change here",
                l.name, l.name
            );
            return self.info(said);
        }
        if self.review_fixed {
            return self.info(
                "This screen was started with --review: private notes stay hidden until \
                 mentorlog is started again without it",
            );
        }
        // Keep the cursor on the same meeting as private ones appear or go.
        let keep = self
            .meetings(&self.reader(j))
            .get(self.meeting_cursor)
            .map(|m| m.path.clone());
        self.review = !self.review;
        if let Some(path) = keep {
            self.meeting_cursor = self
                .meetings(&self.reader(j))
                .iter()
                .position(|m| m.path == path)
                .unwrap_or(self.meeting_cursor);
        }
        self.clamp(j);
        self.info(if self.review {
            "Review mode: private notes are hidden"
        } else {
            "Review mode off: private notes are shown"
        });
    }

    fn set_tab(&mut self, tab: Tab) {
        self.tab = tab;
        self.pane = Pane::Main;
    }

    fn move_cursor(&mut self, j: &mut Journal, by: isize) {
        let n = self.row_count(&self.reader(j));
        let sidebar = self.pane == Pane::Sidebar;
        if let Some(c) = self.cursor_mut() {
            let max = n.saturating_sub(1) as isize;
            *c = (*c as isize).saturating_add(by).clamp(0, max) as usize;
        }
        if sidebar {
            self.partnership_chosen(j);
        }
    }

    /// Another partnership was chosen: read it if it is not yet, and start its panes at the top.
    fn partnership_chosen(&mut self, j: &mut Journal) {
        if let Some(id) = self.pid(j) {
            j.ensure_loaded(&id);
        }
        self.meeting_cursor = 0;
        self.goal_cursor = 0;
        self.checklist.cursor = 0;
        self.reflection_cursor = 0;
        self.actions.cursor = 0;
        self.scroll = PaneScroll::default();
        self.clamp(j);
    }

    fn open(&mut self, j: &mut Journal) {
        match (self.pane, self.tab) {
            (Pane::Sidebar, _) => self.pane = Pane::Main,
            (_, Tab::Meetings) => {
                if let Some(m) = self.meetings(&self.reader(j)).get(self.meeting_cursor) {
                    let path = m.path.clone();
                    self.overlays.push(Overlay::Meeting {
                        path,
                        scroll: Anchor::default(),
                    });
                }
            }
            (_, Tab::Goals) => self.edit(j),
            (_, Tab::Checklists) => {
                let r = self.reader(j);
                let row = self
                    .checklist_rows(&r)
                    .get(self.checklist.cursor)
                    .map(|row| match row {
                        Row::Section {
                            section, collapsed, ..
                        } => Some((section.id.clone(), *collapsed)),
                        Row::Item { .. } => None,
                    });
                match row {
                    Some(Some((id, c))) => self.toggle_section(j, &id, !c),
                    Some(None) => self.attach_evidence(j),
                    None => {}
                }
            }
            (_, Tab::Dashboard) => self.set_tab(Tab::Meetings),
            // A reflection opens to be read, as a meeting does; a stage record opens its form.
            (_, Tab::Reflections) => {
                let r = self.reader(j);
                match self.reflection_rows(&r).get(self.reflection_cursor) {
                    Some(ReflRow::Reflection(x)) => {
                        let path = x.path.clone();
                        self.overlays.push(Overlay::Reflection {
                            path,
                            scroll: Anchor::default(),
                        });
                    }
                    _ => self.edit(j),
                }
            }
            (_, Tab::Agreement) => self.agreement_form(j),
            (_, Tab::Actions) => self.open_action_meeting(j),
        }
    }

    fn new_record(&mut self, j: &mut Journal) {
        if self.pane == Pane::Sidebar || self.partner(&self.reader(j)).is_none() {
            return self.new_partnership_form(j);
        }
        match self.tab {
            Tab::Goals => self.goal_form(j, None),
            Tab::Reflections => self.reflection_form(j, None),
            Tab::Agreement => self.agreement_form(j),
            Tab::Checklists => {
                self.info("Space ticks the item under the cursor; a attaches evidence")
            }
            _ => self.meeting_form(j, None),
        }
    }

    fn edit(&mut self, j: &mut Journal) {
        if self.pane == Pane::Sidebar {
            return self.edit_partnership_form(j);
        }
        let r = self.reader(j);
        match self.tab {
            Tab::Meetings => {
                if let Some(m) = self.meetings(&r).get(self.meeting_cursor) {
                    let path = m.path.clone();
                    self.meeting_form(j, Some(path));
                }
            }
            Tab::Goals => {
                if let Some(g) = self.goals(&r).get(self.goal_cursor) {
                    let path = g.path.clone();
                    self.goal_form(j, Some(path));
                }
            }
            Tab::Checklists => self.attach_evidence(j),
            Tab::Reflections => match self.reflection_rows(&r).get(self.reflection_cursor) {
                Some(ReflRow::Reflection(x)) => {
                    let path = x.path.clone();
                    self.reflection_form(j, Some(path));
                }
                Some(ReflRow::Stage {
                    framework, stage, ..
                }) => {
                    let (f, s) = (framework.id.clone(), stage.id.clone());
                    self.stage_form(j, &f, &s);
                }
                None => {}
            },
            Tab::Agreement => self.agreement_form(j),
            Tab::Actions => self.edit_action_meeting(j),
            Tab::Dashboard => {}
        }
    }

    fn delete(&mut self, j: &mut Journal) {
        if self.pane == Pane::Sidebar {
            return self.remove_partnership_confirm(j);
        }
        let r = self.reader(j);
        let path = match self.tab {
            Tab::Meetings => self
                .meetings(&r)
                .get(self.meeting_cursor)
                .map(|m| m.path.clone()),
            Tab::Goals => self.goals(&r).get(self.goal_cursor).map(|g| g.path.clone()),
            Tab::Reflections => match self.reflection_rows(&r).get(self.reflection_cursor) {
                Some(ReflRow::Reflection(x)) => Some(x.path.clone()),
                _ => None,
            },
            _ => None,
        };
        let Some(path) = path else {
            return;
        };
        let ticks = match (self.tab, self.partner(&r)) {
            (Tab::Meetings, Some(p)) => self
                .meetings(&r)
                .get(self.meeting_cursor)
                .map_or(0, |m| p.ticks_evidenced_by(&m.value.id).len()),
            _ => 0,
        };
        if ticks > 0 {
            self.overlays.push(Overlay::Confirm {
                message: format!(
                    "This meeting is the evidence of {ticks} tick{}. Delete it and take it out \
                     of {}? (y/n)",
                    if ticks == 1 { "" } else { "s" },
                    if ticks == 1 { "it" } else { "them" }
                ),
                then: Confirmed::Delete(path),
            });
            return;
        }
        self.delete_now(j, &path);
    }

    pub(crate) fn delete_now(&mut self, j: &mut Journal, path: &std::path::Path) {
        let Some(pid) = self.pid(j) else {
            return;
        };
        let result = j.delete(&pid, path);
        self.said(j, result);
    }
}

/// "could not …" -> "Could not …".
pub(crate) fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}
