//! The `/` search popup and the command palette: find a record anywhere and jump to it, or run
//! any action by name.

use std::sync::Arc;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::checklist::Row;
use super::picker::{PickPurpose, Picker};
use super::searcher::Searcher;
use super::{Action, App, Handled, Overlay, Pane, Tab};
use crate::journal::search::{Hit, Index, Part, Results, Target};
use crate::journal::{Audience, Journal, Partner};

/// Partnership `p`'s search text as `audience` sees it (read for this alone if it is not).
fn part_for(j: &Journal, p: &Partner, audience: Audience) -> Part {
    j.search_part(p.id(), audience)
        .unwrap_or_else(|| Part::of(p))
}

/// Results shown for a query.
const LIMIT: usize = 50;

#[derive(Clone)]
pub struct SearchState {
    pub query: String,
    pub cursor: usize,
    pub hits: Vec<Hit>,
    /// How many the query found in all (more than `hits` when they were cut to the limit).
    pub total: usize,
    pub index: Arc<Index>,
    /// The queries typed so far with the documents each matched at all: the next keystroke
    /// looks only among those of the longest query it extends (see `Index::narrows`).
    trail: Vec<(String, Arc<Vec<usize>>)>,
    /// The number of the query asked of the search thread whose hits are awaited; the hits
    /// shown meanwhile are the last query's.
    pub pending: Option<u64>,
}

impl SearchState {
    /// Run the query as it is now, among the fewest documents that can match it: on the
    /// search thread when there is one (its hits arrive through [`App::poll_search`]), else
    /// at once.
    fn run(&mut self, searcher: Option<&Searcher>) {
        self.trail.retain(|(q, _)| Index::narrows(q, &self.query));
        let within = self.trail.last().map(|(_, c)| c.clone());
        match searcher {
            Some(searcher) if !self.query.trim().is_empty() => {
                let seq = searcher.ask(self.index.clone(), self.query.clone(), LIMIT, within);
                self.pending = Some(seq);
            }
            _ => {
                let results = self.index.query_within(
                    &self.query,
                    LIMIT,
                    within.as_deref().map(Vec::as_slice),
                );
                let query = self.query.clone();
                self.show(query, results);
            }
        }
    }

    /// Show what `query` found, if it is still the query typed.
    fn show(&mut self, query: String, results: Results) {
        if query != self.query {
            return;
        }
        self.pending = None;
        self.hits = results.hits;
        self.total = results.total;
        if Index::narrows(&query, &query) {
            self.trail.push((query, Arc::new(results.candidates)));
        }
        self.cursor = 0;
    }
}

impl std::fmt::Debug for SearchState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchState")
            .field("query", &self.query)
            .field("cursor", &self.cursor)
            .field("hits", &self.hits.len())
            .finish()
    }
}

impl App {
    pub(super) fn open_search(&mut self, j: &mut Journal) {
        if !self.index_is_current(j) {
            // While only some partnerships are read, the rest are searched from the cache
            // (the owner) or read one at a time for the index alone (another audience),
            // never all held at once.
            let parts = match self.audience() {
                _ if !j.loading() => None,
                Audience::Owner => j.search_parts(self.kept_search.take()),
                _ => Some(self.parts_read_now(j)),
            };
            let parts = parts.unwrap_or_else(|| {
                j.ensure_all_loaded();
                self.parts_read_now(j)
            });
            self.keep_index(j, parts);
        }
        let current = self.partner(&self.reader(j)).map(|p| p.id().to_string());
        let Some((_, _, index)) = &mut self.search_index else {
            return;
        };
        Arc::make_mut(index).attribute(current.as_deref());
        let index = index.clone();
        self.overlays.push(Overlay::Search(SearchState {
            query: String::new(),
            cursor: 0,
            hits: Vec::new(),
            total: 0,
            index,
            trail: Vec::new(),
            pending: None,
        }));
    }

    /// While the screen is idle: make the next few parts of the search index (for about
    /// `budget`), so that `/` on a journal of years opens at once. While only some
    /// partnerships are read, the owner's index is made at once from the search cache, once
    /// that is up to date (`search_cache_ready`); another audience's is made a partnership
    /// at a time, each read from its files for this alone. Nothing is made when the index is
    /// up to date. True when there is more to make.
    pub fn prepare_search(&mut self, j: &Journal, budget: std::time::Duration) -> bool {
        let started = std::time::Instant::now();
        let (generation, audience) = (j.generation(), self.audience());
        if self.index_is_current(j) {
            return false;
        }
        if j.loading() && audience == Audience::Owner {
            if !self.search_cache_ready {
                return false;
            }
            match j.search_parts(self.kept_search.take()) {
                Some(parts) => self.keep_index(j, parts),
                None => self.search_cache_ready = false,
            }
            return false;
        }
        let mut parts = match self.search_parts.take() {
            Some((g, a, parts)) if g == generation && a == audience => parts,
            _ => Vec::new(),
        };
        let r = self.reader(j);
        let partners = r.partnerships();
        while parts.len() < partners.len() && started.elapsed() < budget {
            parts.push(part_for(j, &partners[parts.len()], audience));
        }
        if parts.len() < partners.len() {
            self.search_parts = Some((generation, audience, parts));
            return true;
        }
        self.keep_index(j, parts);
        false
    }

    /// Whether the search index kept is of the journal as it is now, for this audience.
    fn index_is_current(&self, j: &Journal) -> bool {
        let audience = self.audience();
        self.search_index
            .as_ref()
            .is_some_and(|(g, a, _)| *g == j.generation() && *a == audience)
    }

    /// Keep the index of these parts as the current one, its framework items under the
    /// partnership on screen.
    fn keep_index(&mut self, j: &Journal, parts: Vec<Part>) {
        let r = self.reader(j);
        let current = self.partner(&r).map(|p| p.id().to_string());
        let index = Index::from_parts(r.frameworks(), parts, current.as_deref());
        self.search_index = Some((j.generation(), self.audience(), Arc::new(index)));
    }

    pub(super) fn search_action(&mut self, j: &mut Journal, action: Action) -> Handled {
        let Some(Overlay::Search(s)) = self.overlays.last_mut() else {
            return Handled::NotConsumed;
        };
        match action {
            Action::Cancel => {
                self.overlays.pop();
            }
            Action::Down => s.cursor = (s.cursor + 1).min(s.hits.len().saturating_sub(1)),
            Action::Up => s.cursor = s.cursor.saturating_sub(1),
            Action::Open => {
                // The hits of what is typed, not of the query before it.
                if s.pending.is_some() {
                    for _ in 0..50 {
                        if !self.search_pending() {
                            break;
                        }
                        self.poll_search(std::time::Duration::from_millis(100));
                    }
                }
                let Some(Overlay::Search(s)) = self.overlays.last_mut() else {
                    return Handled::Consumed;
                };
                if let Some(hit) = s.hits.get(s.cursor).cloned() {
                    self.overlays.pop();
                    // A hit found in the cache, before its partnership was read.
                    j.ensure_loaded(&hit.partnership);
                    self.jump(j, &hit);
                }
            }
            _ => return Handled::NotConsumed,
        }
        Handled::Consumed
    }

    /// Typing refines the search.
    pub(super) fn search_text(&mut self, _j: &Journal, key: KeyEvent) -> Handled {
        let Some(Overlay::Search(s)) = self.overlays.last_mut() else {
            return Handled::NotConsumed;
        };
        match key.code {
            KeyCode::Backspace => {
                s.query.pop();
            }
            KeyCode::Char(c)
                if !key
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
            {
                s.query.push(c);
            }
            _ => return Handled::NotConsumed,
        }
        s.run(self.searcher.as_ref());
        Handled::Consumed
    }

    pub(super) fn search_paste(&mut self, text: &str) {
        if let Some(Overlay::Search(s)) = self.overlays.last_mut() {
            s.query.push_str(text.lines().next().unwrap_or(""));
            s.run(self.searcher.as_ref());
        }
    }

    /// Every partnership's search text as this screen's audience sees it, each read from
    /// its files for this alone where it is not read.
    fn parts_read_now(&self, j: &Journal) -> Vec<Part> {
        let r = self.reader(j);
        r.partnerships()
            .iter()
            .map(|p| part_for(j, p, self.audience()))
            .collect()
    }

    /// Whether the search popup awaits hits from the search thread.
    pub fn search_pending(&self) -> bool {
        matches!(self.overlays.last(), Some(Overlay::Search(s)) if s.pending.is_some())
    }

    /// Show the hits the search thread found, waiting at most `wait` for them. True when
    /// the popup changed.
    pub fn poll_search(&mut self, wait: std::time::Duration) -> bool {
        let Some(searcher) = &self.searcher else {
            return false;
        };
        if !self.search_pending() {
            return false;
        }
        let found = searcher.found(wait);
        let Some(Overlay::Search(s)) = self.overlays.last_mut() else {
            return false;
        };
        let mut shown = false;
        for f in found {
            if s.pending == Some(f.seq) {
                s.show(f.query, f.results);
                shown = true;
            }
        }
        shown
    }

    /// Show the record a search hit points at, in its pane.
    pub fn jump(&mut self, j: &Journal, hit: &Hit) {
        let r = self.reader(j);
        let Some(i) = r.position(&hit.partnership) else {
            return;
        };
        self.selected = i;
        self.pane = Pane::Main;
        self.meeting_cursor = 0;
        self.goal_cursor = 0;
        self.reflection_cursor = 0;
        self.checklist = Default::default();
        match &hit.target {
            Target::Partnership => self.tab = Tab::Dashboard,
            Target::Meeting { path } => {
                self.tab = Tab::Meetings;
                self.meeting_cursor = self
                    .meetings(&r)
                    .iter()
                    .position(|m| &m.path == path)
                    .unwrap_or(0);
            }
            Target::Goal { path } => {
                self.tab = Tab::Goals;
                self.goal_cursor = self
                    .goals(&r)
                    .iter()
                    .position(|g| &g.path == path)
                    .unwrap_or(0);
            }
            Target::Reflection { path } => {
                self.tab = Tab::Reflections;
                self.reflection_cursor = self
                    .reflection_rows(&r)
                    .iter()
                    .position(|r| matches!(r, super::ReflRow::Reflection(l) if &l.path == path))
                    .unwrap_or(0);
            }
            Target::Item { framework, item } => {
                self.tab = Tab::Checklists;
                self.checklist.framework = self
                    .partner_frameworks(&r)
                    .iter()
                    .position(|f| &f.id == framework)
                    .unwrap_or(0);
                self.checklist.cursor = self
                    .checklist_rows(&r)
                    .iter()
                    .position(|r| matches!(r, Row::Item { item: it, .. } if &it.id == item))
                    .unwrap_or(0);
            }
        }
        self.info(format!("{}: {}", hit.label, hit.title));
    }

    pub(super) fn open_palette(&mut self) {
        // What one does, first; moving the cursor is left to the keys.
        let movement = [
            Action::Up,
            Action::Down,
            Action::PageUp,
            Action::PageDown,
            Action::Top,
            Action::Bottom,
            Action::FocusNext,
            Action::FocusPrev,
            Action::FocusList,
            Action::FocusPane,
            Action::NextTab,
            Action::PrevTab,
            Action::Palette,
        ];
        let first = [
            Action::New,
            Action::Edit,
            Action::Open,
            Action::Delete,
            Action::Undo,
            Action::Redo,
            Action::Search,
            Action::NewPartnership,
            Action::Tick,
            Action::AttachEvidence,
        ];
        let rest = Action::ALL
            .iter()
            .filter(|a| !a.in_popup_only() && !movement.contains(a) && !first.contains(a));
        let options = first
            .iter()
            .chain(rest)
            .map(|a| {
                let key = self
                    .key_hints
                    .get(a)
                    .map(|k| format!("  [{k}]"))
                    .unwrap_or_default();
                (
                    a.name().to_string(),
                    format!("{}: {}{key}", a.name().replace('_', " "), a.description()),
                )
            })
            .collect();
        self.overlays.push(Overlay::Picker(Picker::new(
            "Command palette (type to filter, Enter runs)",
            PickPurpose::Palette,
            options,
            [],
            false,
        )));
    }
}
