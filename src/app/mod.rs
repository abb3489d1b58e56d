//! Application state and `update`: the only place state changes. Input arrives as an
//! `Action` (from the keymap) or, while a popup is open, as a raw key for that popup. Saves go
//! through the store at once; every change is remembered for undo. No terminal calls here.

mod action;
pub mod checklist;
pub mod conflicts;
mod find;
pub mod form;
mod live;
pub mod picker;
mod recognition;
pub mod records;

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveTime};
use ratatui::crossterm::event::{KeyCode, KeyEvent};

pub use action::Action;
use checklist::{ChecklistState, Row, rows};
pub use find::SearchState;
use form::{Field, FieldKind, Form, FormEvent, FormTarget, Invalid};
pub use live::describe_changes;
use picker::{PickEvent, PickPurpose, Picker};
pub use recognition::{LIKERT, ReflRow};
use records::{AnyRecord, Change, SaveNote, UndoEntry};

use crate::framework::{Framework, FrameworkSet};
pub use crate::model::first_line;
use crate::model::{
    ActionItem, Evidence, Goal, GoalStatus, Meeting, MeetingMode, MeetingType, Owner, Partnership,
    PartnershipKind, PartnershipStatus, Pathway, Review, SCHEMA_VERSION, Tick, TickSheet, new_id,
};
use crate::store::{Loaded, PartnershipData, Snapshot, Store};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Dashboard,
    Meetings,
    Goals,
    Checklists,
    Reflections,
    Agreement,
}

impl Tab {
    pub const ALL: [Tab; 6] = [
        Tab::Dashboard,
        Tab::Meetings,
        Tab::Goals,
        Tab::Checklists,
        Tab::Reflections,
        Tab::Agreement,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Tab::Dashboard => "Dashboard",
            Tab::Meetings => "Meetings",
            Tab::Goals => "Goals",
            Tab::Checklists => "Checklists",
            Tab::Reflections => "Reflections",
            Tab::Agreement => "Agreement",
        }
    }

    fn index(self) -> usize {
        Tab::ALL.iter().position(|t| *t == self).unwrap_or(0)
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
    DiscardForm,
}

#[derive(Debug, Clone)]
pub enum Overlay {
    Help { scroll: u16 },
    Meeting { path: PathBuf, scroll: u16 },
    Form(Box<Form>),
    Picker(Picker),
    Confirm { message: String, then: Confirmed },
    Welcome,
    Search(SearchState),
    Conflicts { cursor: usize },
}

/// Work the event loop must do outside `update` (it owns the terminal).
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    None,
    /// Suspend the screen and edit this text in $EDITOR, then call `editor_done`.
    EditText(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

pub struct App {
    pub store: Store,
    pub snap: Snapshot,
    pub frameworks: FrameworkSet,
    pub today: NaiveDate,
    pub selected: usize,
    pub tab: Tab,
    pub pane: Pane,
    pub meeting_cursor: usize,
    pub goal_cursor: usize,
    pub checklist: ChecklistState,
    pub reflection_cursor: usize,
    pub overlays: Vec<Overlay>,
    pub status: Option<Status>,
    pub undo: Vec<UndoEntry>,
    pub review: bool,
    pub quit: bool,
    /// Rows a page holds, as last drawn (for PageUp/PageDown).
    pub page: usize,
    /// The terminal's size, as last drawn.
    pub viewport: (u16, u16),
    /// How far the open scrolling popup can scroll (set from the drawn text before each key).
    pub scroll_limit: u16,
    /// Each action's key, as the keymap binds it (for the command palette).
    pub key_hints: std::collections::BTreeMap<Action, String>,
}

impl App {
    pub fn new(store: Store, today: NaiveDate, review: bool) -> App {
        let snap = store.load();
        App::with_snapshot(store, snap, today, review)
    }

    /// Open fast: only the first partnership's records are read; `background_loaded` (or
    /// selecting a partnership) brings in the rest.
    pub fn open_fast(store: Store, today: NaiveDate, review: bool) -> App {
        let snap = store.load_first(None);
        App::with_snapshot(store, snap, today, review)
    }

    fn with_snapshot(store: Store, snap: Snapshot, today: NaiveDate, review: bool) -> App {
        let frameworks = FrameworkSet::with_user_dir(&store.frameworks_dir());
        let mut app = App {
            store,
            snap,
            frameworks,
            today,
            selected: 0,
            tab: Tab::Dashboard,
            pane: Pane::Sidebar,
            meeting_cursor: 0,
            goal_cursor: 0,
            checklist: ChecklistState::default(),
            reflection_cursor: 0,
            overlays: Vec::new(),
            status: None,
            undo: Vec::new(),
            review,
            quit: false,
            page: 18,
            viewport: (80, 24),
            scroll_limit: u16::MAX,
            key_hints: Default::default(),
        };
        app.after_load();
        let (exposed, total) = crate::store::safety::exposed(app.store.root(), 1);
        if let Some(first) = exposed.first() {
            app.error(format!("Private notes at risk: {first} ({total} in all)"));
        }
        app
    }

    fn after_load(&mut self) {
        if self.snap.partnerships.is_empty() {
            if !matches!(self.overlays.last(), Some(Overlay::Welcome)) {
                self.overlays.push(Overlay::Welcome);
            }
        } else {
            self.overlays.retain(|o| !matches!(o, Overlay::Welcome));
        }
        let problems = self.snap.problems.len() + self.frameworks.problems.len();
        if problems > 0 {
            let first = self
                .snap
                .problems
                .first()
                .cloned()
                .or_else(|| self.frameworks.problems.first().map(|p| p.to_string()))
                .unwrap_or_default();
            self.error(format!(
                "{problems} file(s) could not be read and are left untouched: {first}"
            ));
        } else if !self.snap.conflicts.is_empty() {
            self.error(format!(
                "{} conflict cop{} from simultaneous edits: press C to compare and resolve",
                self.snap.conflicts.len(),
                if self.snap.conflicts.len() == 1 {
                    "y"
                } else {
                    "ies"
                }
            ));
        }
        self.clamp();
    }

    // ----- reading -----

    pub fn partner(&self) -> Option<&PartnershipData> {
        self.snap.partnerships.get(self.selected)
    }

    /// Meetings on screen, newest first; private ones are hidden in review mode.
    pub fn meetings(&self) -> Vec<&Loaded<Meeting>> {
        self.partner().map_or_else(Vec::new, |p| {
            p.meetings
                .iter()
                .filter(|m| !(self.review && m.value.private))
                .collect()
        })
    }

    pub fn goals(&self) -> Vec<&Loaded<Goal>> {
        self.partner()
            .map_or_else(Vec::new, |p| p.goals.iter().collect())
    }

    /// The frameworks the selected partnership uses (and any it has ticks in).
    pub fn partner_frameworks(&self) -> Vec<&Framework> {
        self.partner().map_or_else(Vec::new, |p| {
            crate::report::frameworks_of(&self.frameworks, p)
        })
    }

    pub fn checklist_framework(&self) -> Option<&Framework> {
        let fws = self.partner_frameworks();
        fws.get(self.checklist.framework.min(fws.len().saturating_sub(1)))
            .copied()
    }

    pub fn checklist_rows(&self) -> Vec<Row<'_>> {
        match (self.checklist_framework(), self.partner()) {
            (Some(fw), Some(p)) => rows(&self.frameworks, fw, p, &self.checklist),
            _ => Vec::new(),
        }
    }

    fn row_count(&self) -> usize {
        match (self.pane, self.tab) {
            (Pane::Sidebar, _) => self.snap.partnerships.len(),
            (_, Tab::Meetings) => self.meetings().len(),
            (_, Tab::Goals) => self.goals().len(),
            (_, Tab::Checklists) => self.checklist_rows().len(),
            (_, Tab::Reflections) => self.reflection_rows().len(),
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
            (_, Tab::Dashboard | Tab::Agreement) => None,
        }
    }

    fn clamp(&mut self) {
        let last = |n: usize| n.saturating_sub(1);
        self.selected = self.selected.min(last(self.snap.partnerships.len()));
        self.meeting_cursor = self.meeting_cursor.min(last(self.meetings().len()));
        self.goal_cursor = self.goal_cursor.min(last(self.goals().len()));
        let fws = self.partner_frameworks().len();
        self.checklist.framework = self.checklist.framework.min(last(fws));
        self.checklist.cursor = self.checklist.cursor.min(last(self.checklist_rows().len()));
        self.reflection_cursor = self
            .reflection_cursor
            .min(last(self.reflection_rows().len()));
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

    // ----- input -----

    /// A key while a popup is open. Returns what the event loop must do.
    pub fn overlay_key(&mut self, key: KeyEvent) -> Effect {
        let limit = self.scroll_limit;
        let Some(top) = self.overlays.last_mut() else {
            return Effect::None;
        };
        match top {
            Overlay::Help { scroll } => match key.code {
                KeyCode::Char('j') | KeyCode::Down => *scroll = scroll.saturating_add(1).min(limit),
                KeyCode::Char('k') | KeyCode::Up => {
                    *scroll = (*scroll).min(limit).saturating_sub(1)
                }
                KeyCode::PageDown | KeyCode::Char(' ') => {
                    *scroll = scroll.saturating_add(10).min(limit)
                }
                KeyCode::PageUp => *scroll = (*scroll).min(limit).saturating_sub(10),
                KeyCode::Char('q') | KeyCode::Char('?') | KeyCode::Esc | KeyCode::Enter => {
                    self.overlays.pop();
                }
                _ => {}
            },
            Overlay::Meeting { path, scroll } => match key.code {
                KeyCode::Char('j') | KeyCode::Down => *scroll = scroll.saturating_add(1).min(limit),
                KeyCode::Char('k') | KeyCode::Up => {
                    *scroll = (*scroll).min(limit).saturating_sub(1)
                }
                KeyCode::PageDown | KeyCode::Char(' ') => {
                    *scroll = scroll.saturating_add(10).min(limit)
                }
                KeyCode::PageUp => *scroll = (*scroll).min(limit).saturating_sub(10),
                KeyCode::Char('e') => {
                    let path = path.clone();
                    self.overlays.pop();
                    self.edit_meeting(&path);
                }
                KeyCode::Char('q') | KeyCode::Esc | KeyCode::Enter => {
                    self.overlays.pop();
                }
                _ => {}
            },
            Overlay::Confirm { then, .. } => {
                let then = then.clone();
                match key.code {
                    KeyCode::Char('y') | KeyCode::Char('Y') => {
                        self.overlays.pop();
                        match then {
                            Confirmed::DiscardForm => {
                                self.overlays.pop();
                            }
                        }
                    }
                    KeyCode::Char('n') | KeyCode::Esc | KeyCode::Char('N') => {
                        self.overlays.pop();
                    }
                    _ => {}
                }
            }
            Overlay::Search(_) => self.search_key(key),
            Overlay::Conflicts { .. } => self.conflicts_key(key),
            Overlay::Welcome => match key.code {
                KeyCode::Char('n') | KeyCode::Enter => self.new_partnership_form(),
                KeyCode::Char('d') => self.open_demo(),
                KeyCode::Char('q') | KeyCode::Esc => self.quit = true,
                KeyCode::Char('?') => self.overlays.push(Overlay::Help { scroll: 0 }),
                _ => {}
            },
            Overlay::Picker(p) => match p.key(key) {
                PickEvent::None => {}
                PickEvent::Cancel => {
                    self.overlays.pop();
                }
                PickEvent::Done(ids) => {
                    let purpose = p.purpose.clone();
                    self.overlays.pop();
                    self.picked(purpose, ids);
                }
            },
            Overlay::Form(form) => match form.key(key) {
                FormEvent::None => {}
                FormEvent::Cancel => {
                    if form.dirty {
                        self.overlays.push(Overlay::Confirm {
                            message: "Discard the changes in this form? (y/n)".into(),
                            then: Confirmed::DiscardForm,
                        });
                    } else {
                        self.overlays.pop();
                    }
                }
                FormEvent::Save => self.submit_form(),
                FormEvent::Pick(i) => {
                    if let FieldKind::Picks { options, chosen } = &form.fields[i].kind {
                        let picker = Picker::new(
                            format!(
                                "{} (type to filter, Space choose, Enter done)",
                                form.fields[i].label
                            ),
                            PickPurpose::FormField(i),
                            options.clone(),
                            chosen.clone(),
                            true,
                        );
                        self.overlays.push(Overlay::Picker(picker));
                    }
                }
                FormEvent::EditAction(i) => {
                    let items = form.action_items("Action items");
                    let item = i.and_then(|i| items.get(i)).cloned();
                    self.overlays
                        .push(Overlay::Form(Box::new(action_item_form(i, item.as_ref()))));
                }
                FormEvent::ExternalEditor(i) => {
                    return Effect::EditText(form.fields[i].value());
                }
            },
        }
        Effect::None
    }

    /// Text back from $EDITOR for the focused field of the top form.
    pub fn editor_done(&mut self, text: Result<String, String>) {
        match text {
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

    /// The one place an action changes state.
    pub fn update(&mut self, action: Action) -> Effect {
        self.status = self
            .status
            .take()
            .filter(|s| s.error && action == Action::Help);
        match action {
            Action::Quit => self.quit = true,
            Action::Help => self.overlays.push(Overlay::Help { scroll: 0 }),
            Action::Cancel => {
                self.overlays.pop();
            }
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
            Action::Evaluate => self.evaluation_form(),
            Action::Up => self.move_cursor(-1),
            Action::Down => self.move_cursor(1),
            Action::PageUp => self.move_cursor(-(self.page.max(1) as isize)),
            Action::PageDown => self.move_cursor(self.page.max(1) as isize),
            Action::Top => self.move_cursor(isize::MIN / 2),
            Action::Bottom => self.move_cursor(isize::MAX / 2),
            Action::Open => self.open(),
            Action::New => self.new_record(),
            Action::NewPartnership => self.new_partnership_form(),
            Action::Edit => self.edit(),
            Action::Delete => self.delete(),
            Action::Undo => self.undo_last(),
            Action::Tick => self.tick(),
            Action::CycleStatus => self.cycle_status(),
            Action::ReviewNote => self.review_note_form(),
            Action::AttachEvidence => self.attach_evidence(),
            Action::ToggleFilter => {
                if self.tab == Tab::Checklists {
                    self.checklist.only_open = !self.checklist.only_open;
                    self.checklist.cursor = 0;
                    self.info(if self.checklist.only_open {
                        "Showing only items not yet achieved (f shows all)"
                    } else {
                        "Showing every item"
                    });
                }
            }
            Action::ChooseFramework => self.choose_framework(),
            Action::Collapse => self.set_collapsed(true),
            Action::Expand => self.set_collapsed(false),
            Action::ToggleReview => {
                // Keep the cursor on the same meeting as private ones appear or go.
                let keep = self
                    .meetings()
                    .get(self.meeting_cursor)
                    .map(|m| m.path.clone());
                self.review = !self.review;
                if let Some(path) = keep {
                    self.meeting_cursor = self
                        .meetings()
                        .iter()
                        .position(|m| m.path == path)
                        .unwrap_or(self.meeting_cursor);
                }
                self.clamp();
                self.info(if self.review {
                    "Review mode: private notes are hidden"
                } else {
                    "Review mode off: private notes are shown"
                });
            }
            Action::Search => self.open_search(),
            Action::Conflicts => self.open_conflicts(),
            Action::Palette => self.open_palette(),
            Action::Reload => {
                self.reload();
                self.info("Reloaded the journal from disk");
            }
        }
        Effect::None
    }

    fn set_tab(&mut self, tab: Tab) {
        self.tab = tab;
        self.pane = Pane::Main;
    }

    fn move_cursor(&mut self, by: isize) {
        let n = self.row_count();
        let sidebar = self.pane == Pane::Sidebar;
        if let Some(c) = self.cursor_mut() {
            let max = n.saturating_sub(1) as isize;
            *c = (*c as isize).saturating_add(by).clamp(0, max) as usize;
        }
        if sidebar {
            self.ensure_loaded(self.selected);
            self.meeting_cursor = 0;
            self.goal_cursor = 0;
            self.checklist.cursor = 0;
            self.reflection_cursor = 0;
            self.clamp();
        }
    }

    /// Read the records of partnership `i` if only its summary has been read so far.
    pub fn ensure_loaded(&mut self, i: usize) {
        if let Some(p) = self.snap.partnerships.get_mut(i)
            && !p.loaded
        {
            let (mut problems, mut conflicts) = (Vec::new(), Vec::new());
            self.store.complete(p, &mut problems, &mut conflicts);
            self.snap.problems.extend(problems);
            self.snap.conflicts.extend(conflicts);
        }
    }

    /// Read every partnership's records (search needs them all).
    pub fn ensure_all_loaded(&mut self) {
        for i in 0..self.snap.partnerships.len() {
            self.ensure_loaded(i);
        }
    }

    /// Whether some partnership's records are still to be read.
    pub fn loading(&self) -> bool {
        self.snap.partnerships.iter().any(|p| !p.loaded)
    }

    /// The whole journal, read in the background after the first screen: take the
    /// partnerships still unread from it (those read since are newer here).
    pub fn background_loaded(&mut self, full: Snapshot) {
        for p in full.partnerships {
            if let Some(mine) = self.snap.partnerships.iter_mut().find(|m| m.id() == p.id())
                && !mine.loaded
            {
                *mine = p;
            }
        }
        for problem in full.problems {
            if !self.snap.problems.contains(&problem) {
                self.snap.problems.push(problem);
            }
        }
        for c in full.conflicts {
            if !self.snap.conflicts.contains(&c) {
                self.snap.conflicts.push(c);
            }
        }
        self.clamp();
    }

    pub fn reload(&mut self) {
        let keep = self.partner().map(|p| p.id().to_string());
        self.snap = self.store.load();
        self.frameworks = FrameworkSet::with_user_dir(&self.store.frameworks_dir());
        if let Some(id) = keep
            && let Some(i) = self.snap.partnerships.iter().position(|p| p.id() == id)
        {
            self.selected = i;
        }
        self.after_load();
    }

    fn open_demo(&mut self) {
        match crate::demo::write_demo(&self.store, crate::demo::Size::Small, self.today) {
            Ok(w) => {
                self.reload();
                self.info(format!(
                    "Opened the demo journal: {} partnerships, {} meetings. Press ? for help.",
                    w.partnerships, w.meetings
                ));
            }
            Err(e) => self.error(e.to_string()),
        }
    }

    fn open(&mut self) {
        match (self.pane, self.tab) {
            (Pane::Sidebar, _) => self.pane = Pane::Main,
            (_, Tab::Meetings) => {
                if let Some(m) = self.meetings().get(self.meeting_cursor) {
                    let path = m.path.clone();
                    self.overlays.push(Overlay::Meeting { path, scroll: 0 });
                }
            }
            (_, Tab::Goals) => self.edit(),
            (_, Tab::Checklists) => match self.checklist_rows().get(self.checklist.cursor) {
                Some(Row::Section {
                    section, collapsed, ..
                }) => {
                    let (id, c) = (section.id.clone(), *collapsed);
                    self.toggle_section(&id, !c);
                }
                Some(Row::Item { .. }) => self.attach_evidence(),
                None => {}
            },
            (_, Tab::Dashboard) => self.set_tab(Tab::Meetings),
            (_, Tab::Reflections) => self.edit(),
            (_, Tab::Agreement) => self.agreement_form(),
        }
    }

    fn toggle_section(&mut self, id: &str, collapse: bool) {
        if collapse {
            self.checklist.collapsed.insert(id.to_string());
        } else {
            self.checklist.collapsed.remove(id);
        }
        self.clamp();
    }

    fn set_collapsed(&mut self, collapse: bool) {
        if self.tab != Tab::Checklists || self.pane != Pane::Main {
            return;
        }
        let rows = self.checklist_rows();
        let cursor = self.checklist.cursor;
        let Some(row) = rows.get(cursor) else {
            return;
        };
        // On an item, Left goes to (and folds) its section.
        let (id, at) = match row {
            Row::Section { section, .. } => (section.id.clone(), cursor),
            Row::Item { depth, .. } => {
                let d = *depth;
                let found = rows[..cursor]
                    .iter()
                    .enumerate()
                    .rev()
                    .find_map(|(i, r)| match r {
                        Row::Section { section, depth, .. } if *depth < d => {
                            Some((section.id.clone(), i))
                        }
                        _ => None,
                    });
                match found {
                    Some(f) if collapse => f,
                    _ => return,
                }
            }
        };
        self.checklist.cursor = at;
        self.toggle_section(&id, collapse);
    }

    // ----- saving -----

    /// Write one record and keep the journal in memory in step.
    fn write(
        &mut self,
        path: &Path,
        base: Option<AnyRecord>,
        new: AnyRecord,
    ) -> Result<Change, String> {
        let (now, note) =
            records::write(&self.store, path, base.as_ref(), &new).map_err(|e| e.to_string())?;
        records::put(&mut self.snap, path, Some(now.clone()));
        self.note_save(&note);
        Ok(Change {
            path: path.to_path_buf(),
            before: base,
            after: Some(now),
        })
    }

    fn note_save(&mut self, note: &SaveNote) {
        if let Some(c) = &note.conflict {
            self.error(format!("Conflict: {c}"));
        }
    }

    /// A new record the store has written: keep the journal in memory in step.
    fn created<T>(
        &mut self,
        saved: Result<crate::store::Saved<T>, crate::store::StoreError>,
        wrap: fn(T) -> AnyRecord,
    ) -> Result<Change, String> {
        let saved = saved.map_err(|e| e.to_string())?;
        let record = wrap(saved.value);
        records::put(&mut self.snap, &saved.path, Some(record.clone()));
        Ok(Change {
            path: saved.path,
            before: None,
            after: Some(record),
        })
    }

    /// Remember a finished user action for undo and say it was saved.
    fn commit(&mut self, label: impl Into<String>, changes: Vec<Change>) {
        let label = label.into();
        let conflict = self.status.as_ref().is_some_and(|s| s.error);
        if !conflict {
            self.info(format!("{label} (saved; u undoes)"));
        }
        self.undo.push(UndoEntry { label, changes });
        self.clamp();
    }

    fn undo_last(&mut self) {
        let Some(entry) = self.undo.pop() else {
            self.info("Nothing to undo");
            return;
        };
        for c in entry.changes.iter().rev() {
            let result = match (&c.before, &c.after) {
                (Some(before), after) => {
                    records::write(&self.store, &c.path, after.as_ref(), before)
                        .map(|(now, _)| records::put(&mut self.snap, &c.path, Some(now)))
                }
                (None, Some(after)) => records::remove(&self.store, &c.path, after)
                    .map(|()| records::put(&mut self.snap, &c.path, None)),
                (None, None) => Ok(()),
            };
            if let Err(e) = result {
                self.error(format!("Could not undo {}: {e}", entry.label));
                return;
            }
        }
        // Undoing a new partnership removes its folder too (only while it is empty).
        for c in &entry.changes {
            if c.before.is_none()
                && matches!(c.after, Some(AnyRecord::Partnership(_)))
                && let Some(dir) = c.path.parent()
            {
                remove_empty_tree(dir);
            }
        }
        if entry
            .changes
            .iter()
            .any(|c| matches!(c.after, Some(AnyRecord::Partnership(_))))
        {
            self.reload();
        }
        self.clamp();
        self.info(format!("Undone: {}", entry.label));
    }

    // ----- partnerships -----

    fn new_partnership_form(&mut self) {
        let mut form = Form::new(
            "New partnership",
            FormTarget::NewPartnership,
            vec![
                Field::line("Name", ""),
                Field::choice("Kind", PartnershipKind::ALL, PartnershipKind::Induction),
                Field::choice("Pathway", Pathway::ALL, Pathway::RoleFocused),
                Field::line("Focus area", ""),
                Field::number("Meet every (days)", Some(14)),
                Field::date("Start date", Some(self.today), true),
            ],
        );
        form.hint = Some("The other person (or people) in the mentoring partnership.".into());
        self.overlays.push(Overlay::Form(Box::new(form)));
    }

    fn save_partnership(&mut self, form: &mut Form) -> Result<(), Invalid> {
        let name = form.require("Name", "the partner's name")?;
        let cadence = form.number("Meet every (days)")?;
        let start = form.date("Start date", self.today)?.unwrap_or(self.today);
        let focus = form.text("Focus area");
        let p = Partnership {
            version: SCHEMA_VERSION,
            id: String::new(),
            name: name.trim().to_string(),
            institution: None,
            kind: PartnershipKind::ALL[form.choice("Kind")],
            pathway: Pathway::ALL[form.choice("Pathway")],
            focus: (!focus.is_empty()).then_some(focus),
            start,
            end: None,
            cadence_days: cadence.unwrap_or(14),
            frameworks: vec!["curee".into()],
            status: PartnershipStatus::Active,
            agreement: None,
            evaluation: None,
        };
        if self.snap.journal.is_none() && !self.store.journal_path().exists() {
            let journal = crate::model::Journal {
                version: SCHEMA_VERSION,
                profile: crate::model::Profile {
                    name: std::env::var("USER").unwrap_or_default(),
                    ..Default::default()
                },
            };
            if let Err(e) = self.store.save_journal(None, &journal) {
                self.error(e.to_string());
                return Err(Invalid);
            }
        }
        match self.store.create_partnership(p) {
            Ok(saved) => {
                self.reload();
                if let Some(i) = self
                    .snap
                    .partnerships
                    .iter()
                    .position(|p| p.id() == saved.value.id)
                {
                    self.selected = i;
                }
                let change = Change {
                    path: saved.path.clone(),
                    before: None,
                    after: Some(AnyRecord::Partnership(saved.value.clone())),
                };
                self.commit(
                    format!("Added partnership with {}", saved.value.name),
                    vec![change],
                );
                self.tab = Tab::Dashboard;
                self.pane = Pane::Main;
                Ok(())
            }
            Err(e) => {
                self.error(e.to_string());
                Err(Invalid)
            }
        }
    }

    // ----- meetings -----

    fn new_record(&mut self) {
        if self.pane == Pane::Sidebar {
            return self.new_partnership_form();
        }
        if self.partner().is_none() {
            return self.new_partnership_form();
        }
        match self.tab {
            Tab::Goals => self.goal_form(None),
            Tab::Reflections => self.reflection_form(None),
            Tab::Agreement => self.agreement_form(),
            Tab::Checklists => {
                self.info("Space ticks the item under the cursor; a attaches evidence")
            }
            _ => self.meeting_form(None),
        }
    }

    fn edit(&mut self) {
        if self.pane == Pane::Sidebar {
            return;
        }
        match self.tab {
            Tab::Meetings => {
                if let Some(m) = self.meetings().get(self.meeting_cursor) {
                    let path = m.path.clone();
                    self.edit_meeting(&path);
                }
            }
            Tab::Goals => {
                if let Some(g) = self.goals().get(self.goal_cursor) {
                    let path = g.path.clone();
                    self.goal_form(Some(path));
                }
            }
            Tab::Checklists => self.attach_evidence(),
            Tab::Reflections => match self.reflection_rows().get(self.reflection_cursor) {
                Some(ReflRow::Reflection(r)) => {
                    let path = r.path.clone();
                    self.reflection_form(Some(path));
                }
                Some(ReflRow::Stage {
                    framework, stage, ..
                }) => {
                    let (f, s) = (framework.id.clone(), stage.id.clone());
                    self.stage_form(&f, &s);
                }
                None => {}
            },
            Tab::Agreement => self.agreement_form(),
            Tab::Dashboard => {}
        }
    }

    fn edit_meeting(&mut self, path: &Path) {
        self.meeting_form(Some(path.to_path_buf()));
    }

    fn meeting_form(&mut self, path: Option<PathBuf>) {
        let Some(p) = self.partner() else {
            return;
        };
        let existing = path
            .as_ref()
            .and_then(|path| p.meetings.iter().find(|m| &m.path == path));
        let existing_value = existing.map(|l| l.value.clone());
        let mut m =
            existing.map_or_else(|| Meeting::new(new_id(), self.today), |l| l.value.clone());
        // A partnership's first meeting is offered the first-conversation questions as its agenda.
        if existing.is_none()
            && p.meetings.is_empty()
            && let Some(agenda) =
                crate::framework::prompts::bundled_prompts().agenda("first-conversation")
        {
            m.focus = "First conversation".into();
            m.notes = agenda;
        }
        let goal_options = p
            .goals
            .iter()
            .map(|g| (g.value.id.clone(), g.value.objective.clone()))
            .collect();
        let mut item_options = Vec::new();
        for fw in self.partner_frameworks() {
            for (_, item) in fw.items() {
                let (f, i) = self.frameworks.tick_address(&fw.id, &item.id);
                let text = self
                    .frameworks
                    .get(&f)
                    .and_then(|tf| tf.item(&i))
                    .map_or("", |t| t.text.as_str());
                let address = format!("{f}/{i}");
                if !item_options
                    .iter()
                    .any(|(a, _): &(String, String)| *a == address)
                {
                    item_options
                        .push((address.clone(), format!("{address}  {}", first_line(text))));
                }
            }
        }
        let fields = vec![
            Field::date("Date", Some(m.date), true),
            Field::line(
                "Time (HH:MM)",
                &m.time
                    .map(|t| t.format("%H:%M").to_string())
                    .unwrap_or_default(),
            ),
            Field::number("Duration (min)", m.duration_minutes),
            Field::choice("Mode", MeetingMode::ALL, m.mode),
            Field::choice("Type", MeetingType::ALL, m.kind),
            Field::line("Focus", &m.focus),
            Field::text("Notes", &m.notes, 6),
            Field::actions("Action items", m.action_items.clone()),
            Field::picks("Goals discussed", goal_options, m.goals.clone()),
            Field::picks("Evidences", item_options, m.evidences.clone()),
            Field::choice(
                "Private",
                &["no", "yes"],
                if m.private { "yes" } else { "no" },
            ),
        ];
        let target = match path {
            Some(path) => FormTarget::EditMeeting(path),
            None => FormTarget::NewMeeting,
        };
        let title = match target {
            FormTarget::NewMeeting => format!("New meeting with {}", p.partnership.value.name),
            _ => format!("Meeting with {}", p.partnership.value.name),
        };
        let mut form = Form::new(title, target, fields);
        form.base = existing_value.map(AnyRecord::Meeting);
        form.hint = Some("Tab next field · Ctrl-s save · Ctrl-e $EDITOR · Esc cancel".into());
        self.overlays.push(Overlay::Form(Box::new(form)));
    }

    fn save_meeting(&mut self, form: &mut Form) -> Result<(), Invalid> {
        let Some(pidx) = (!self.snap.partnerships.is_empty()).then_some(self.selected) else {
            return Err(Invalid);
        };
        let date = form.date("Date", self.today);
        let duration = form.number("Duration (min)");
        let time_text = form.text("Time (HH:MM)");
        let time = if time_text.trim().is_empty() {
            Ok(None)
        } else {
            NaiveTime::parse_from_str(time_text.trim(), "%H:%M")
                .map(Some)
                .map_err(|_| {
                    if let Some(f) = form.field_mut("Time (HH:MM)") {
                        f.error = Some("a time like 15:30".into());
                    }
                    Invalid
                })
        };
        let (Ok(date), Ok(duration), Ok(time)) = (date, duration, time) else {
            form.focus_first_error();
            return Err(Invalid);
        };
        let p = &self.snap.partnerships[pidx];
        let existing = match &form.target {
            FormTarget::EditMeeting(path) => p.meetings.iter().find(|m| &m.path == path).cloned(),
            _ => None,
        }
        .map(|mut l| {
            if let Some(AnyRecord::Meeting(b)) = &form.base {
                l.value = b.clone();
            }
            l
        });
        let mut m = existing
            .as_ref()
            .map_or_else(|| Meeting::new(new_id(), self.today), |l| l.value.clone());
        m.date = date.unwrap_or(self.today);
        m.time = time;
        m.duration_minutes = duration;
        m.mode = MeetingMode::ALL[form.choice("Mode")];
        m.kind = MeetingType::ALL[form.choice("Type")];
        m.focus = form.text("Focus");
        m.notes = form.text("Notes");
        m.action_items = form.action_items("Action items");
        m.goals = form.picks("Goals discussed");
        m.evidences = form.picks("Evidences");
        m.private = form.choice("Private") == 1;
        let label = format!("Meeting {} {}", m.date, m.focus);
        let result = match existing {
            Some(l) => self.write(
                &l.path,
                Some(AnyRecord::Meeting(l.value)),
                AnyRecord::Meeting(m.clone()),
            ),
            None => {
                let saved = self.store.create_meeting(&self.snap.partnerships[pidx], &m);
                self.created(saved, AnyRecord::Meeting)
            }
        };
        if let Ok(change) = &result
            && let Some(i) = self.meetings().iter().position(|l| l.path == change.path)
        {
            self.meeting_cursor = i;
        }
        self.finish(label, result)
    }

    fn delete(&mut self) {
        if self.pane != Pane::Main {
            return;
        }
        let target = match self.tab {
            Tab::Meetings => self.meetings().get(self.meeting_cursor).map(|m| {
                (
                    m.path.clone(),
                    AnyRecord::Meeting(m.value.clone()),
                    format!("meeting {} {}", m.value.date, m.value.focus),
                )
            }),
            Tab::Goals => self.goals().get(self.goal_cursor).map(|g| {
                (
                    g.path.clone(),
                    AnyRecord::Goal(g.value.clone()),
                    format!("goal {}", g.value.objective),
                )
            }),
            Tab::Reflections => match self.reflection_rows().get(self.reflection_cursor) {
                Some(ReflRow::Reflection(r)) => Some((
                    r.path.clone(),
                    AnyRecord::Reflection(r.value.clone()),
                    format!("reflection of {}", r.value.date),
                )),
                _ => None,
            },
            _ => None,
        };
        let Some((path, record, label)) = target else {
            return;
        };
        match records::remove(&self.store, &path, &record) {
            Ok(()) => {
                records::put(&mut self.snap, &path, None);
                self.commit(
                    format!("Deleted {label}"),
                    vec![Change {
                        path,
                        before: Some(record),
                        after: None,
                    }],
                );
            }
            Err(e) => self.error(e.to_string()),
        }
    }

    // ----- goals -----

    fn goal_form(&mut self, path: Option<PathBuf>) {
        let Some(p) = self.partner() else {
            return;
        };
        let existing = path
            .as_ref()
            .and_then(|path| p.goals.iter().find(|g| &g.path == path));
        let g = existing.map(|l| l.value.clone());
        let s = |f: fn(&Goal) -> &String| g.as_ref().map_or(String::new(), |g| f(g).clone());
        let fields = vec![
            Field::line("Objective", &s(|g| &g.objective)),
            Field::line("Learning goal", &s(|g| &g.learning_goal)),
            Field::text("Mentee's actions", &s(|g| &g.mentee_actions), 2),
            Field::text("Mentor's actions", &s(|g| &g.mentor_actions), 2),
            Field::text("Support network's actions", &s(|g| &g.support_actions), 2),
            Field::text("Potential barriers", &s(|g| &g.barriers), 2),
            Field::text("Success measures", &s(|g| &g.success_measures), 2),
            Field::date("Target date", g.as_ref().and_then(|g| g.target), false),
            Field::choice(
                "Status",
                GoalStatus::ALL,
                g.as_ref().map_or(GoalStatus::NotStarted, |g| g.status),
            ),
        ];
        let target = match path {
            Some(path) => FormTarget::EditGoal(path),
            None => FormTarget::NewGoal,
        };
        let mut form = Form::new("Action plan: goal", target, fields);
        form.base = g.clone().map(AnyRecord::Goal);
        form.hint = Some("Tab next field · Ctrl-s save · Esc cancel".into());
        self.overlays.push(Overlay::Form(Box::new(form)));
    }

    fn save_goal(&mut self, form: &mut Form) -> Result<(), Invalid> {
        let objective = form.require("Objective", "what will be achieved");
        let target = form.date("Target date", self.today);
        let (Ok(objective), Ok(target)) = (objective, target) else {
            form.focus_first_error();
            return Err(Invalid);
        };
        let Some(p) = self.partner() else {
            return Err(Invalid);
        };
        let existing = match &form.target {
            FormTarget::EditGoal(path) => p.goals.iter().find(|g| &g.path == path).cloned(),
            _ => None,
        }
        .map(|mut l| {
            if let Some(AnyRecord::Goal(b)) = &form.base {
                l.value = b.clone();
            }
            l
        });
        let mut g = existing.as_ref().map_or_else(
            || Goal {
                version: SCHEMA_VERSION,
                id: new_id(),
                created: self.today,
                learning_goal: String::new(),
                objective: String::new(),
                mentee_actions: String::new(),
                mentor_actions: String::new(),
                support_actions: String::new(),
                barriers: String::new(),
                success_measures: String::new(),
                target: None,
                status: GoalStatus::NotStarted,
                reviews: Vec::new(),
            },
            |l| l.value.clone(),
        );
        g.objective = objective;
        g.learning_goal = form.text("Learning goal");
        g.mentee_actions = form.text("Mentee's actions");
        g.mentor_actions = form.text("Mentor's actions");
        g.support_actions = form.text("Support network's actions");
        g.barriers = form.text("Potential barriers");
        g.success_measures = form.text("Success measures");
        g.target = target;
        g.status = GoalStatus::ALL[form.choice("Status")];
        let label = format!("Goal: {}", g.objective);
        let result = match existing {
            Some(l) => self.write(
                &l.path,
                Some(AnyRecord::Goal(l.value)),
                AnyRecord::Goal(g.clone()),
            ),
            None => {
                let saved = self
                    .store
                    .create_goal(&self.snap.partnerships[self.selected], &g);
                self.created(saved, AnyRecord::Goal)
            }
        };
        if let Ok(change) = &result
            && let Some(i) = self.goals().iter().position(|l| l.path == change.path)
        {
            self.goal_cursor = i;
        }
        self.finish(label, result)
    }

    fn selected_goal(&self) -> Option<Loaded<Goal>> {
        (self.tab == Tab::Goals && self.pane == Pane::Main)
            .then(|| self.goals().get(self.goal_cursor).map(|g| (*g).clone()))
            .flatten()
    }

    fn cycle_status(&mut self) {
        let Some(g) = self.selected_goal() else {
            return;
        };
        let mut new = g.value.clone();
        new.status = new.status.next();
        let label = format!("Goal now {}: {}", new.status, new.objective);
        match self.write(
            &g.path,
            Some(AnyRecord::Goal(g.value)),
            AnyRecord::Goal(new),
        ) {
            Ok(change) => self.commit(label, vec![change]),
            Err(e) => self.error(e),
        }
    }

    fn review_note_form(&mut self) {
        let Some(g) = self.selected_goal() else {
            return;
        };
        let form = Form::new(
            format!("Review note: {}", g.value.objective),
            FormTarget::ReviewNote(g.path),
            vec![
                Field::date("Date", Some(self.today), true),
                Field::text("Note", "", 4),
            ],
        );
        self.overlays.push(Overlay::Form(Box::new(form)));
    }

    fn save_review(&mut self, form: &mut Form) -> Result<(), Invalid> {
        let FormTarget::ReviewNote(path) = form.target.clone() else {
            return Err(Invalid);
        };
        let date = form.date("Date", self.today);
        let note = form.require("Note", "what was reviewed");
        let (Ok(date), Ok(note)) = (date, note) else {
            form.focus_first_error();
            return Err(Invalid);
        };
        let Some(g) = self.goals().into_iter().find(|g| g.path == path).cloned() else {
            return Err(Invalid);
        };
        let mut new = g.value.clone();
        new.reviews.push(Review {
            date: date.unwrap_or(self.today),
            note,
        });
        match self.write(&path, Some(AnyRecord::Goal(g.value)), AnyRecord::Goal(new)) {
            Ok(change) => {
                self.commit("Review note added", vec![change]);
                Ok(())
            }
            Err(e) => {
                self.error(e);
                Err(Invalid)
            }
        }
    }

    // ----- checklists -----

    /// The item under the checklist cursor: (framework, item) where its tick is stored.
    fn checklist_item(&self) -> Option<(String, String, bool)> {
        if self.tab != Tab::Checklists || self.pane != Pane::Main {
            return None;
        }
        match self.checklist_rows().get(self.checklist.cursor)? {
            Row::Item { address, tick, .. } => {
                Some((address.0.clone(), address.1.clone(), tick.is_some()))
            }
            Row::Section { .. } => None,
        }
    }

    fn tick(&mut self) {
        if self.tab == Tab::Checklists
            && self.pane == Pane::Main
            && let Some(Row::Section {
                section, collapsed, ..
            }) = self.checklist_rows().get(self.checklist.cursor)
        {
            let (id, c) = (section.id.clone(), *collapsed);
            return self.toggle_section(&id, !c);
        }
        let Some((f, i, ticked)) = self.checklist_item() else {
            return;
        };
        let levels = self
            .frameworks
            .get(&f)
            .map(|fw| fw.levels.clone())
            .unwrap_or_default();
        if !ticked && !levels.is_empty() {
            let options = levels.iter().map(|l| (l.clone(), l.clone())).collect();
            self.overlays.push(Overlay::Picker(Picker::new(
                "Level reached",
                PickPurpose::Level {
                    framework: f,
                    item: i,
                },
                options,
                [],
                false,
            )));
            return;
        }
        self.update_tick(
            &f,
            &i,
            |sheet, today| {
                if sheet.ticks.remove(&i).is_none() {
                    sheet.ticks.insert(
                        i.clone(),
                        Tick {
                            date: today,
                            level: None,
                            evidence: Evidence::default(),
                            verification: None,
                        },
                    );
                }
            },
            None,
        );
    }

    /// Change one framework's tick sheet (and link a meeting) as one undoable step.
    fn update_tick(
        &mut self,
        framework: &str,
        item: &str,
        change: impl FnOnce(&mut TickSheet, NaiveDate),
        link_meeting: Option<String>,
    ) {
        let Some(p) = self.partner() else {
            return;
        };
        let loaded = p.tick_sheet(framework).cloned();
        let path = loaded
            .as_ref()
            .map_or_else(|| p.tick_path(framework), |l| l.path.clone());
        let base = loaded.map(|l| l.value);
        let mut sheet = base.clone().unwrap_or_else(|| TickSheet::new(framework));
        change(&mut sheet, self.today);
        let now_ticked = sheet.ticks.contains_key(item);
        let mut changes = Vec::new();
        match self.write(&path, base.map(AnyRecord::Ticks), AnyRecord::Ticks(sheet)) {
            Ok(c) => changes.push(c),
            Err(e) => return self.error(e),
        }
        let address = format!("{framework}/{item}");
        if let Some(mid) = link_meeting
            && let Some(m) = self.partner().and_then(|p| p.meeting(&mid)).cloned()
            && !m.value.evidences.contains(&address)
        {
            let mut new = m.value.clone();
            new.evidences.push(address.clone());
            match self.write(
                &m.path,
                Some(AnyRecord::Meeting(m.value)),
                AnyRecord::Meeting(new),
            ) {
                Ok(c) => changes.push(c),
                Err(e) => self.error(e),
            }
        }
        let label = if now_ticked {
            format!("Ticked {address}")
        } else {
            format!("Unticked {address}")
        };
        self.commit(label, changes);
    }

    fn attach_evidence(&mut self) {
        let Some((f, i, _)) = self.checklist_item() else {
            return;
        };
        self.overlays.push(Overlay::Picker(Picker::new(
            format!("Evidence for {f}/{i}"),
            PickPurpose::EvidenceKind {
                framework: f,
                item: i,
            },
            vec![
                ("meeting".into(), "A meeting from the log".into()),
                ("text".into(), "Typed text (what shows it)".into()),
            ],
            [],
            false,
        )));
    }

    fn choose_framework(&mut self) {
        if self.tab != Tab::Checklists {
            return;
        }
        let options: Vec<(String, String)> = self
            .partner_frameworks()
            .iter()
            .enumerate()
            .map(|(n, f)| {
                (
                    n.to_string(),
                    format!("{} ({} items)", f.title, f.item_count()),
                )
            })
            .collect();
        if options.is_empty() {
            return self.info("This partnership uses no framework yet");
        }
        self.overlays.push(Overlay::Picker(Picker::new(
            "Framework",
            PickPurpose::Framework,
            options,
            [],
            false,
        )));
    }

    fn picked(&mut self, purpose: PickPurpose, ids: Vec<String>) {
        match purpose {
            PickPurpose::FormField(i) => {
                if let Some(Overlay::Form(form)) = self.overlays.last_mut()
                    && let Some(FieldKind::Picks { chosen, .. }) =
                        form.fields.get_mut(i).map(|f| &mut f.kind)
                {
                    *chosen = ids;
                    form.dirty = true;
                }
            }
            PickPurpose::Palette => {
                if let Some(a) = ids.first().and_then(|n| Action::from_name(n)) {
                    self.update(a);
                }
            }
            PickPurpose::Framework => {
                if let Some(n) = ids.first().and_then(|s| s.parse().ok()) {
                    self.checklist.framework = n;
                    self.checklist.cursor = 0;
                    self.checklist.collapsed.clear();
                }
            }
            PickPurpose::Level { framework, item } => {
                let Some(level) = ids.into_iter().next() else {
                    return;
                };
                let it = item.clone();
                self.update_tick(
                    &framework,
                    &item,
                    move |sheet, today| {
                        let t = sheet.ticks.entry(it).or_insert(Tick {
                            date: today,
                            level: None,
                            evidence: Evidence::default(),
                            verification: None,
                        });
                        t.level = Some(level);
                    },
                    None,
                );
            }
            PickPurpose::EvidenceKind { framework, item } => {
                match ids.first().map(String::as_str) {
                    Some("meeting") => {
                        let options: Vec<(String, String)> = self
                            .meetings()
                            .iter()
                            .map(|m| {
                                (
                                    m.value.id.clone(),
                                    format!("{}  {}", m.value.date, m.value.focus),
                                )
                            })
                            .collect();
                        if options.is_empty() {
                            return self.info("No meetings yet: log one first (Meetings tab, n)");
                        }
                        self.overlays.push(Overlay::Picker(Picker::new(
                            format!("Meeting that evidences {framework}/{item}"),
                            PickPurpose::EvidenceMeeting { framework, item },
                            options,
                            [],
                            false,
                        )));
                    }
                    Some("text") => {
                        let form = Form::new(
                            format!("Evidence for {framework}/{item}"),
                            FormTarget::EvidenceText { framework, item },
                            vec![Field::text("Evidence", "", 4)],
                        );
                        self.overlays.push(Overlay::Form(Box::new(form)));
                    }
                    _ => {}
                }
            }
            PickPurpose::EvidenceMeeting { framework, item } => {
                let Some(mid) = ids.into_iter().next() else {
                    return;
                };
                let (it, m2) = (item.clone(), mid.clone());
                self.update_tick(
                    &framework,
                    &item,
                    move |sheet, today| {
                        let t = sheet.ticks.entry(it).or_insert(Tick {
                            date: today,
                            level: None,
                            evidence: Evidence::default(),
                            verification: None,
                        });
                        if !t.evidence.meetings.contains(&m2) {
                            t.evidence.meetings.push(m2);
                        }
                    },
                    Some(mid),
                );
            }
        }
    }

    fn save_evidence_text(&mut self, form: &mut Form) -> Result<(), Invalid> {
        let FormTarget::EvidenceText { framework, item } = form.target.clone() else {
            return Err(Invalid);
        };
        let text = form.require("Evidence", "what shows the item achieved")?;
        let it = item.clone();
        self.update_tick(
            &framework,
            &item,
            move |sheet, today| {
                let t = sheet.ticks.entry(it).or_insert(Tick {
                    date: today,
                    level: None,
                    evidence: Evidence::default(),
                    verification: None,
                });
                t.evidence.notes.push(text);
            },
            None,
        );
        Ok(())
    }

    // ----- forms -----

    fn submit_form(&mut self) {
        let Some(Overlay::Form(mut form)) = self.overlays.pop() else {
            return;
        };
        let result = match form.target.clone() {
            FormTarget::NewPartnership => self.save_partnership(&mut form),
            FormTarget::NewMeeting | FormTarget::EditMeeting(_) => self.save_meeting(&mut form),
            FormTarget::NewGoal | FormTarget::EditGoal(_) => self.save_goal(&mut form),
            FormTarget::ReviewNote(_) => self.save_review(&mut form),
            FormTarget::EvidenceText { .. } => self.save_evidence_text(&mut form),
            FormTarget::ActionItem(i) => self.save_action_item(&mut form, i),
            FormTarget::Agreement => self.save_agreement(&mut form),
            FormTarget::Evaluation => self.save_evaluation(&mut form),
            FormTarget::NewReflection | FormTarget::EditReflection(_) => {
                self.save_reflection(&mut form)
            }
            FormTarget::StageRecord { .. } => self.save_stage(&mut form),
        };
        if result.is_err() {
            // Keep the form open, with its errors shown, so nothing typed is lost.
            self.overlays.push(Overlay::Form(form));
        }
    }

    fn save_action_item(&mut self, form: &mut Form, index: Option<usize>) -> Result<(), Invalid> {
        let text = form.require("Action", "what is to be done");
        let due = form.date("Due", self.today);
        let (Ok(text), Ok(due)) = (text, due) else {
            form.focus_first_error();
            return Err(Invalid);
        };
        let Some(Overlay::Form(meeting)) = self.overlays.last_mut() else {
            return Err(Invalid);
        };
        let Some(FieldKind::Actions { items, cursor }) =
            meeting.field_mut("Action items").map(|f| &mut f.kind)
        else {
            return Err(Invalid);
        };
        let owner = Owner::ALL[form.choice("Owner")];
        let done = form.choice("Done") == 1;
        match index.and_then(|i| items.get_mut(i)) {
            Some(item) => {
                item.text = text;
                item.owner = owner;
                item.due = due;
                item.done = done;
            }
            None => {
                items.push(ActionItem {
                    id: new_id(),
                    text,
                    owner,
                    due,
                    done,
                });
                *cursor = items.len() - 1;
            }
        }
        meeting.dirty = true;
        Ok(())
    }
}

/// Remove `dir` if it holds nothing but empty folders; anything else stays.
fn remove_empty_tree(dir: &Path) {
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.filter_map(Result::ok) {
            if e.path().is_dir() {
                remove_empty_tree(&e.path());
            }
        }
    }
    let _ = std::fs::remove_dir(dir);
}

fn action_item_form(index: Option<usize>, item: Option<&ActionItem>) -> Form {
    Form::new(
        "Action item",
        FormTarget::ActionItem(index),
        vec![
            Field::line("Action", item.map_or("", |i| i.text.as_str())),
            Field::choice("Owner", Owner::ALL, item.map_or(Owner::Mentee, |i| i.owner)),
            Field::date("Due", item.and_then(|i| i.due), false),
            Field::choice(
                "Done",
                &["no", "yes"],
                if item.is_some_and(|i| i.done) {
                    "yes"
                } else {
                    "no"
                },
            ),
        ],
    )
}
