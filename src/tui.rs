//! The full-screen journal: one screen (`App`) over one journal core, and the event loop that
//! owns the terminal. Keys become actions through the keymap, for the panes and the popups
//! alike; a key no binding takes is typed into a popup that takes text. The mouse (on unless
//! `--no-mouse` or `config.ron` turns it off) clicks and scrolls what the last frame drew. The
//! loop does what only a terminal owner can do (running $EDITOR) and restores the terminal on
//! quit, on error, on suspend and on panic, mouse capture and bracketed paste included.

use std::io::{Write as _, stdout};
use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context as _;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::crossterm::{cursor, execute, terminal};

use crate::app::checklist::Row;
use crate::app::{Action, App, Effect, Handled, ReflRow, Viewport};
use crate::framework::Framework;
use crate::journal::{Journal, Partner, Reader};
use crate::model::{Goal, Meeting};
use crate::store::watch::Watcher;
use crate::store::{Loaded, Store};
use crate::ui::{self, Keymap, Theme, View};

/// Route one key press: through the keymap to the top popup or the pane, else typed into a
/// popup that takes text.
pub fn handle_key(
    app: &mut App,
    j: &mut Journal,
    keymap: &Keymap,
    vp: Viewport,
    key: KeyEvent,
) -> Effect {
    if key.kind != KeyEventKind::Press {
        return Effect::None;
    }
    if app.key_hints.is_empty() {
        app.key_hints = keymap.hints();
    }
    let ctx = app.key_context();
    if let Some(action) = keymap.lookup(ctx, &key) {
        let (handled, effect) = app.update(j, action, vp);
        if handled == Handled::Consumed {
            return effect;
        }
    }
    if app.takes_text() {
        app.text_key(j, key);
        app.refresh(j);
    } else if ctx.is_popup() && keymap.global(&key) == Some(Action::Help) {
        app.update(j, Action::Help, vp);
    }
    Effect::None
}

/// Route one mouse event: a left click to what the last frame drew there, the wheel to the
/// text or list under the pointer (a text measured for the terminal's `size`, as keys are).
pub fn handle_mouse(
    app: &mut App,
    j: &mut Journal,
    keymap: &Keymap,
    size: (u16, u16),
    ev: MouseEvent,
) {
    let (x, y) = (ev.column, ev.row);
    match ev.kind {
        MouseEventKind::Down(MouseButton::Left) => app.click(j, x, y),
        MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
            let to = app
                .scroller_at(x, y)
                .and_then(|sc| ui::scroll_targets(app, j, keymap, size, sc));
            app.wheel(j, x, y, ev.kind == MouseEventKind::ScrollDown, to);
        }
        _ => {}
    }
}

/// One screen and its journal, as the event loop (and the tests) drive them.
pub struct Tui {
    pub app: App,
    pub journal: Journal,
    pub keymap: Keymap,
    /// The terminal's size, for what a key needs of it.
    pub size: (u16, u16),
    /// The user's own journal, set aside while a demo is on screen.
    own: Option<Journal>,
    /// Sync's thread (git never runs on the screen's thread).
    sync: crate::sync::background::Background,
    /// What the last sync said, and when: the reload its changed files bring a moment later
    /// must not hide it.
    sync_said: Option<(crate::app::Status, std::time::Instant)>,
}

impl Tui {
    pub fn new(mut journal: Journal, review: bool) -> Tui {
        // Reopen where the user left: that partnership is read first.
        if let Some(pid) = App::kept_partnership(&journal) {
            journal.ensure_loaded(&pid);
        }
        let app = App::new(&journal, review);
        Tui {
            app,
            journal,
            keymap: Keymap::default(),
            size: (80, 24),
            own: None,
            sync: Default::default(),
            sync_said: None,
        }
    }

    /// A screen on the journal in `store`, read whole.
    pub fn open(store: Store, today: chrono::NaiveDate, review: bool) -> Tui {
        Tui::new(Journal::open(store, today), review)
    }

    /// A screen on the journal in `store`, opened fast: one partnership read, the others
    /// listed (`journal.background_loaded` or choosing one reads the rest).
    pub fn open_fast(store: Store, today: chrono::NaiveDate, review: bool) -> Tui {
        Tui::new(Journal::open_fast(store, today), review)
    }

    /// A screen as `run` opens it: partnership `first` read, the `rows` around it and at the
    /// top summarised, the rest known by folder until `journal.background_loaded`.
    pub fn open_shown(
        store: Store,
        today: chrono::NaiveDate,
        first: Option<&str>,
        rows: usize,
    ) -> Tui {
        Tui::new(Journal::open_shown(store, today, first, rows), false)
    }

    /// A fresh screen state over the journal shown now, keeping the search thread (and
    /// whether the search cache was brought up to date).
    fn renew_app(&mut self, review: bool) {
        let searcher = self.app.searcher.take();
        let ready = self.app.search_cache_ready;
        self.app = App::new(&self.journal, review);
        self.app.searcher = searcher;
        self.app.search_cache_ready = ready;
    }

    /// Lock this screen to member `query`: it shows only what they may see, writes as them,
    /// and nothing inside (review mode, $EDITOR, the shell) can change that.
    pub fn lock_to_member(&mut self, query: &str) -> Result<(), crate::journal::OpError> {
        let (audience, person) = self.journal.audience_of(query)?;
        self.journal.act_as(&person.id)?;
        let review = self.app.review;
        let fixed = self.app.review_fixed;
        self.renew_app(review);
        self.app.review_fixed = fixed;
        self.app.locked = Some(crate::app::Locked {
            audience,
            name: person.name.clone(),
            role: person.role,
        });
        self.app.selected = 0;
        self.app.tab = crate::app::Tab::Dashboard;
        self.app.refresh(&self.journal);
        self.app.info(format!(
            "Signed in as {} ({}): this screen shows what {} may see",
            person.name, person.role, person.name
        ));
        Ok(())
    }

    /// Keep where the screen is for the next start, if it moved since `last` was kept.
    pub fn keep_place(&self, last: &mut Option<String>) {
        // A member's session is not where the owner left off.
        if self.app.locked.is_some() {
            return;
        }
        let Some(now) = self.app.place(&self.journal) else {
            return;
        };
        if last.as_ref() != Some(&now) && self.journal.keep_place(&now).is_ok() {
            *last = Some(now);
        }
    }

    /// A key, as the terminal reports it.
    pub fn key(&mut self, key: KeyEvent) -> Effect {
        let vp = ui::viewport(&self.app, &self.journal, &self.keymap, self.size);
        let effect = handle_key(&mut self.app, &mut self.journal, &self.keymap, vp, key);
        self.journals(effect)
    }

    /// An action, as a key bound to it would ask.
    pub fn act(&mut self, action: Action) -> Effect {
        let vp = ui::viewport(&self.app, &self.journal, &self.keymap, self.size);
        let effect = self.app.update(&mut self.journal, action, vp).1;
        self.journals(effect)
    }

    /// Do what swaps the journal on screen (the demo); other effects are the loop's. A
    /// member's session never reaches $EDITOR, the shell or another journal.
    fn journals(&mut self, effect: Effect) -> Effect {
        if self.app.locked.is_some() {
            match effect {
                Effect::EditText(_) => {
                    self.app
                        .info("$EDITOR is not available in a member's session: type in the form");
                    return Effect::None;
                }
                Effect::Suspend | Effect::OpenDemo | Effect::LeaveDemo | Effect::Sign(_) => {
                    self.app.info("Not available in a member's session");
                    return Effect::None;
                }
                Effect::Sync => {
                    self.app.info(
                        "Sync runs in the journal owner's own mentorlog, not in a member's session",
                    );
                    return Effect::None;
                }
                Effect::None => {}
            }
        }
        match effect {
            Effect::OpenDemo => self.open_demo(),
            Effect::LeaveDemo => self.leave_demo(),
            Effect::Sync => self.start_sync(),
            e => return e,
        }
        Effect::None
    }

    /// Start a sync on its thread (`S`); its steps and its end come through `poll_sync`.
    pub fn start_sync(&mut self) {
        if self.own.is_some() {
            return self
                .app
                .info("The demo journal is not synced: q leaves it, then S syncs yours");
        }
        if self.sync.running() {
            return self.app.info("A sync is running already");
        }
        self.sync.sync(self.journal.store());
        self.app.sync.running = Some("starting");
        self.app
            .info("Syncing: committing, bringing in, sending (go on working)");
    }

    /// Ask the sync thread where the journal stands (shown once it answers).
    pub fn refresh_sync_state(&mut self) {
        if self.own.is_none() && self.app.locked.is_none() {
            self.sync.state(self.journal.store());
        }
    }

    /// Take what the sync thread said since the last call: a step, the state, or the end
    /// of a sync (then the journal is read again). True when the screen should be drawn.
    pub fn poll_sync(&mut self) -> bool {
        use crate::sync::background::Event;
        let events = self.sync.events();
        let any = !events.is_empty();
        for e in events {
            match e {
                Event::Step(s) => self.app.sync.running = Some(s.words()),
                Event::State(Ok(s)) => self.app.sync = sync_view(&s, self.app.sync.running),
                // No git, or no repository: nothing to show.
                Event::State(Err(_)) => {}
                Event::Done(result) => {
                    self.app.sync.running = None;
                    match result {
                        Ok(report) => {
                            self.app.sync = sync_view(&report.state, None);
                            self.external_change(&[]);
                            let summary = report.summary();
                            let first = report.conflicts.first().or(report.kept.first());
                            match first {
                                Some(c) => self.app.error(format!("{summary}. {c}")),
                                None if report.refused.is_some() || report.offline.is_some() => {
                                    self.app.error(summary)
                                }
                                None => self.app.info(summary),
                            }
                            self.sync_said = self
                                .app
                                .status
                                .clone()
                                .map(|s| (s, std::time::Instant::now()));
                        }
                        Err(e) => {
                            self.app
                                .error(format!("Sync: {}", crate::app::capitalise(&e)));
                            self.refresh_sync_state();
                        }
                    }
                }
            }
        }
        any
    }

    /// Wait (at most `timeout`) for a running sync and any state asked for: for tests and
    /// scripts that drive the screen.
    pub fn wait_sync(&mut self, timeout: Duration) {
        let end = std::time::Instant::now() + timeout;
        loop {
            self.poll_sync();
            if !self.sync.busy() || std::time::Instant::now() > end {
                break;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Show a demo journal, apart from the user's own, which is set aside untouched.
    fn open_demo(&mut self) {
        match self.journal.open_demo() {
            Ok(demo) => {
                let review = self.app.review;
                self.own = Some(std::mem::replace(&mut self.journal, demo));
                let fixed = self.app.review_fixed;
                self.renew_app(review);
                self.app.review_fixed = fixed;
                self.app.demo = true;
                self.app.info(
                    "This is a demo journal, kept apart from yours: look around, change \
                     anything. q leaves it (and removes it); ? explains the keys.",
                );
            }
            Err(e) => self.app.error(format!("Could not open the demo: {e}")),
        }
    }

    /// Back to the user's own journal; the demo is removed.
    pub fn leave_demo(&mut self) {
        let Some(own) = self.own.take() else { return };
        let review = self.app.review;
        drop(std::mem::replace(&mut self.journal, own));
        self.journal.reload();
        let fixed = self.app.review_fixed;
        self.renew_app(review);
        self.app.review_fixed = fixed;
        match self.journal.discard_demo() {
            Ok(()) => self
                .app
                .info("Left the demo; it is removed. Your journal is as it was."),
            Err(e) => self
                .app
                .error(format!("Left the demo, but could not remove it: {e}")),
        }
    }

    /// Sign `what` in the partnership on screen with the key `key` (default: the user's key
    /// in ~/.ssh that the journal knows), and keep the signature; said on the status line.
    pub fn sign(&mut self, what: &crate::model::Signed, key: Option<&std::path::Path>) {
        let result = (|| -> Result<String, String> {
            let pid = self
                .partner()
                .map(|p| p.id().to_string())
                .ok_or("no partnership on screen")?;
            let me = self.journal.actor();
            let person = self.journal.find_person(&me).map_err(|e| e.to_string())?;
            let today = self.journal.today();
            let bytes = self
                .journal
                .bytes_to_sign(&pid, what, &person.id, today)
                .map_err(|e| e.to_string())?;
            let key = crate::signing::find_key(key, &person.keys)?;
            let sig = crate::signing::ssh_sign(&bytes, &key)?;
            let o = self
                .journal
                .add_signature(&pid, what, &person.id, today, &sig)
                .map_err(|e| e.to_string())?;
            Ok(o.label)
        })();
        match result {
            Ok(label) => self
                .app
                .info(format!("{label} (saved; mentorlog verify checks it)")),
            Err(e) => self.app.error(format!("Not signed: {e}")),
        }
        self.app.refresh(&self.journal);
    }

    pub fn paste(&mut self, text: &str) {
        self.app.paste(text);
    }

    /// A mouse event, as the terminal reports it (against what the last `frame` drew).
    pub fn mouse(&mut self, ev: MouseEvent) {
        handle_mouse(
            &mut self.app,
            &mut self.journal,
            &self.keymap,
            self.size,
            ev,
        );
    }

    pub fn reader(&self) -> Reader<'_> {
        self.app.reader(&self.journal)
    }

    /// The partnership on screen.
    pub fn partner(&self) -> Option<Partner<'_>> {
        self.app.partner(&self.reader())
    }

    /// The meetings on screen, newest first.
    pub fn meetings(&self) -> Vec<&Loaded<Meeting>> {
        self.app.meetings(&self.reader())
    }

    pub fn goals(&self) -> Vec<&Loaded<Goal>> {
        self.app.goals(&self.reader())
    }

    pub fn checklist_rows(&self) -> Vec<Row<'_>> {
        self.app.checklist_rows(&self.reader())
    }

    pub fn checklist_framework(&self) -> Option<&Framework> {
        self.app.checklist_framework(&self.reader())
    }

    pub fn reflection_rows(&self) -> Vec<ReflRow<'_>> {
        self.app.reflection_rows(&self.reader())
    }

    /// An action, as a key bound to it would ask (the name the app's tests know it by).
    pub fn update(&mut self, action: Action) -> Effect {
        self.act(action)
    }

    /// Files changed on disk: reload, keep the cursors, say what changed.
    pub fn external_change(&mut self, paths: &[PathBuf]) {
        self.app.external_change(&mut self.journal, paths);
        // The files a sync just changed say nothing the sync did not say.
        match self.sync_said.take() {
            Some((said, at)) if at.elapsed() < Duration::from_secs(3) => {
                self.app.status = Some(said.clone());
                self.sync_said = Some((said, at));
            }
            _ => {}
        }
    }

    pub fn draw(&self, frame: &mut ratatui::Frame, view: &View) {
        ui::draw(frame, &self.app, &self.journal, view);
    }

    /// Draw, and keep where things went for the mouse, as the event loop does.
    pub fn frame(&mut self, frame: &mut ratatui::Frame, view: &View) {
        self.size = (frame.area().width, frame.area().height);
        self.app.hits = ui::draw(frame, &self.app, &self.journal, view);
    }
}

/// What the screen shows of a sync state.
fn sync_view(s: &crate::sync::State, running: Option<&'static str>) -> crate::app::SyncView {
    let last = s.last.as_deref().and_then(|t| {
        let at = chrono::DateTime::parse_from_rfc3339(t).ok()?;
        let local = at.with_timezone(&chrono::Local);
        Some(if local.date_naive() == chrono::Local::now().date_naive() {
            local.format("%H:%M").to_string()
        } else {
            local.format("%-d %b").to_string()
        })
    });
    crate::app::SyncView {
        repository: s.repository,
        remote: s.remote.is_some(),
        running,
        ahead: s.ahead,
        behind: s.behind,
        last,
    }
}

/// The screen's state is the `App`'s.
impl std::ops::Deref for Tui {
    type Target = App;
    fn deref(&self) -> &App {
        &self.app
    }
}

impl std::ops::DerefMut for Tui {
    fn deref_mut(&mut self) -> &mut App {
        &mut self.app
    }
}

fn config_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "mentorlog").map(|d| d.config_dir().to_path_buf())
}

/// `config.ron` in the config directory: the settings of this terminal that are not colours or
/// keys, e.g. `(mouse: false)`. They belong to the person at the terminal, not to the journal
/// (which syncs to other machines and may be shown to others), so they are kept beside
/// `theme.ron` and `keymap.ron`, not in `journal.ron`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Clicks and the wheel (on by default). Off, the terminal's own text selection works
    /// without a modifier key.
    #[serde(default = "on")]
    pub mouse: bool,
}

fn on() -> bool {
    true
}

impl Default for Config {
    fn default() -> Config {
        Config { mouse: true }
    }
}

impl Config {
    /// A `config.ron` text, or what is wrong with it and where.
    pub fn parse(text: &str) -> Result<Config, String> {
        crate::model::ron_options().from_str(text).map_err(|e| {
            format!(
                "config.ron:{}:{}: {}",
                e.span.start.line, e.span.start.col, e.code
            )
        })
    }
}

/// The theme, keymap and settings with the user's overrides; problems are returned to show,
/// not fatal (a `config.ron` that does not parse leaves the defaults).
pub fn load_config() -> (Theme, Keymap, Config, Vec<String>) {
    let mut problems = Vec::new();
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let mut theme = if no_color {
        Theme::no_color()
    } else {
        Theme::default()
    };
    let mut keymap = Keymap::default();
    let mut config = Config::default();
    if let Some(dir) = config_dir() {
        if let Ok(text) = std::fs::read_to_string(dir.join("theme.ron")) {
            match theme.clone().overlay(&text) {
                Ok(t) => {
                    theme = Theme {
                        color: theme.color,
                        ..t
                    }
                }
                Err(e) => problems.push(format!("{e} (in {})", dir.display())),
            }
        }
        if let Ok(text) = std::fs::read_to_string(dir.join("keymap.ron")) {
            match keymap.clone().overlay(&text) {
                Ok(k) => keymap = k,
                Err(e) => problems.push(format!("{e} (in {})", dir.display())),
            }
        }
        if let Ok(text) = std::fs::read_to_string(dir.join("config.ron")) {
            match Config::parse(&text) {
                Ok(c) => config = c,
                Err(e) => problems.push(format!("{e} (in {})", dir.display())),
            }
        }
    }
    (theme, keymap, config, problems)
}

/// Give the terminal back as it was: what mentorlog turned on (mouse capture, bracketed
/// paste) off, the screen and the cursor restored. Safe to do twice, or with the mouse off.
fn give_back() {
    let _ = execute!(stdout(), DisableMouseCapture, DisableBracketedPaste);
    ratatui::restore();
}

/// Take the terminal for the full screen, with bracketed paste and (if on) the mouse. The
/// screen is cleared without asking the terminal where its cursor is (as `Terminal::clear`
/// does): a terminal that does not answer in time would end the program.
fn take(mouse: bool) -> anyhow::Result<ratatui::DefaultTerminal> {
    let terminal = ratatui::init();
    execute!(stdout(), terminal::Clear(terminal::ClearType::All)).context("clearing the screen")?;
    execute!(stdout(), EnableBracketedPaste).context("enabling bracketed paste")?;
    if mouse {
        execute!(stdout(), EnableMouseCapture).context("enabling the mouse")?;
    }
    Ok(terminal)
}

/// Puts the terminal back however the loop ends.
struct Restore;

impl Drop for Restore {
    fn drop(&mut self) {
        give_back();
    }
}

/// Open the journal in `store` fast and run the full-screen journal on this terminal, with the
/// mouse unless `mouse` is false (`--no-mouse`) or `config.ron` turns it off.
pub fn run(
    store: Store,
    today: chrono::NaiveDate,
    review: bool,
    mouse: bool,
    owner: String,
    member: Option<String>,
) -> anyhow::Result<()> {
    // The first frame reads what it shows: the partnership last on screen and the rows of the
    // list around it; the rest follows in the background.
    let rows = terminal::size().map_or(60, |(_, h)| h as usize);
    let kept = App::kept_partnership_in(store.root());
    let mut journal = Journal::open_shown(store, today, kept.as_deref(), rows);
    journal.set_owner_name(owner);
    if let Some(m) = &member {
        // Everything is read first: the member's partnerships may not be the first one.
        journal.ensure_all_loaded();
        journal.find_person(m).map_err(|e| anyhow::anyhow!("{e}"))?;
    }
    // A demo left by a mentorlog that was stopped while showing it.
    let _ = journal.discard_demo();
    let (theme, keymap, config, problems) = load_config();
    let mouse = mouse && config.mouse;
    let mut t = Tui::new(journal, review);
    t.app.review_fixed = review;
    t.app.searcher = Some(crate::app::searcher::Searcher::start());
    if let Some(m) = &member {
        t.lock_to_member(m).map_err(|e| anyhow::anyhow!("{e}"))?;
    }
    t.keymap = keymap;
    if let Some(p) = problems.first() {
        t.app.error(p.clone());
    }
    let (exposed, total) = crate::store::safety::exposed(t.journal.root(), 1);
    if let Some(first) = exposed.first() {
        t.app
            .error(format!("Private notes at risk: {first} ({total} in all)"));
    }
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        give_back();
        hook(info);
    }));
    let _restore = Restore;
    let mut terminal = take(mouse)?;
    let view = View {
        theme: &theme,
        keymap: &t.keymap.clone(),
    };
    // Another process on the same journal: its changes show here within a second. The
    // watcher is set up beside the first frame, not before it (it takes longer to start
    // than the frame takes to draw).
    let (watch_tx, watch_rx) = std::sync::mpsc::channel();
    {
        let root = t.journal.root().to_path_buf();
        std::thread::spawn(move || {
            let _ = watch_tx.send(Watcher::start(&root));
        });
    }
    let mut _watcher: Option<Watcher> = None;
    let mut changes = None;
    // The first screen comes from the partnership shown alone. Once it is drawn (started
    // before, the thread took the CPU the frame was being drawn on), a thread reads every
    // partnership's summary (for the list), then brings the status and search caches up to
    // date, reading whole only the partnerships they do not hold as they are now, one at a
    // time. The screen holds the records of the partnerships it shows, never the whole
    // journal; its search index comes from the cache.
    let (summaries_tx, summaries_rx) = std::sync::mpsc::channel();
    let (refreshed_tx, refreshed_rx) = std::sync::mpsc::channel();
    let mut background = t.journal.loading().then(|| {
        let store = t.journal.store().clone();
        let today = t.journal.today();
        move || {
            std::thread::spawn(move || {
                let _ = summaries_tx.send(Journal::read_summaries(&store));
                let _ = refreshed_tx.send(Journal::refresh_caches(&store, today));
            })
        }
    });
    let mut idle_work = false;
    // The draft of a form being filled in, kept while it has unsaved edits.
    let mut draft: Option<(crate::store::scratch::Scratch, String)> = None;
    let mut place = t.journal.place();
    let mut dirty = true;
    t.refresh_sync_state();
    while !t.app.quit {
        if t.poll_sync() {
            dirty = true;
        }
        if let Ok(started) = watch_rx.try_recv() {
            match started {
                Ok((w, rx)) => {
                    if w.polling {
                        t.app.info(
                            "Watching the journal by polling (file events are not available here)",
                        );
                        dirty = true;
                    }
                    _watcher = Some(w);
                    changes = Some(rx);
                }
                Err(e) => {
                    t.app.error(format!(
                        "Changes made elsewhere will not show until Ctrl-r: {e}"
                    ));
                    dirty = true;
                }
            }
        }
        if let Ok(summaries) = summaries_rx.try_recv() {
            t.journal.background_loaded(summaries);
            t.app.refresh(&t.journal);
            dirty = true;
        }
        if let Ok(mut found) = refreshed_rx.try_recv() {
            t.journal.caches_refreshed(&found);
            if let Some(e) = &found.not_kept {
                t.app.info(crate::app::capitalise(e));
            }
            // Up to date, on disk or (when it could not be written) in what was handed over.
            t.app.search_cache_ready = true;
            t.app.kept_search = found.search.take();
            idle_work = true;
            t.app.refresh(&t.journal);
            dirty = true;
        }
        if let Some(rx) = &changes {
            let mut paths = Vec::new();
            while let Ok(batch) = rx.try_recv() {
                paths.extend(batch);
            }
            // The demo is not watched; the user's journal is read again on leaving it.
            if !paths.is_empty() && t.own.is_none() {
                t.external_change(&paths);
                dirty = true;
            }
        }
        // A search's hits, from its thread: a query that takes a moment is drawn with the
        // letter typed first, and its hits as they come.
        if t.app.poll_search(Duration::ZERO) {
            dirty = true;
        }
        if dirty {
            // Drawn, and where things went kept for the mouse.
            terminal.draw(|f| t.frame(f, &view))?;
            dirty = false;
            if let Some(start) = background.take() {
                start();
            }
        }
        // Short enough that a change seen by the watcher is drawn within 150 ms of its save
        // (the watcher settles for 20 ms); each wake-up with nothing to do costs microseconds.
        // While there is idle work, it goes on as soon as no key is waiting.
        let pause = if idle_work || t.app.search_pending() {
            1
        } else {
            25
        };
        if !event::poll(Duration::from_millis(pause))? {
            // A pause: keep where the screen is, so even a lost terminal reopens there, and
            // make a little more of the search index and of the caches.
            t.keep_place(&mut place);
            idle_work = t.app.prepare_search(&t.journal, Duration::from_millis(3));
            continue;
        }
        match event::read()? {
            Event::Key(key) => match t.key(key) {
                Effect::EditText(text) => {
                    give_back();
                    let result = crate::editor::edit(&text, t.journal.root());
                    terminal = take(mouse)?;
                    t.app.editor_done(result);
                }
                Effect::Suspend => {
                    // The shell's job control: give the terminal back, stop, and take it again
                    // when `fg` resumes the process.
                    give_back();
                    let _ = rustix::process::kill_process(
                        rustix::process::getpid(),
                        rustix::process::Signal::TSTP,
                    );
                    terminal = take(mouse)?;
                }
                Effect::Sign(what) => {
                    // ssh-keygen may ask for the key's passphrase at the terminal.
                    give_back();
                    t.sign(&what, None);
                    terminal = take(mouse)?;
                }
                Effect::None | Effect::OpenDemo | Effect::LeaveDemo | Effect::Sync => {}
            },
            Event::Paste(text) => t.paste(&text),
            // A pointer moved or a button let go changes nothing: no frame for it.
            Event::Mouse(m)
                if !matches!(
                    m.kind,
                    MouseEventKind::Down(_) | MouseEventKind::ScrollDown | MouseEventKind::ScrollUp
                ) =>
            {
                continue;
            }
            Event::Mouse(m) => t.mouse(m),
            _ => {}
        }
        dirty = true;
        // Most queries take a few milliseconds: drawn once, with their hits, rather than
        // twice.
        t.app.poll_search(Duration::from_millis(4));
        keep_draft(&t, &mut draft);
    }
    t.keep_place(&mut place);
    if t.sync.running() {
        // A git stopped half-way would leave a merge for the next sync to refuse.
        notice_on_last_line("Waiting for the sync to finish...");
        t.wait_sync(Duration::from_secs(300));
    }
    t.leave_demo();
    Ok(())
}

/// Keep the draft of the form being filled in up to date (and remove it once the form is
/// saved or closed), so a lost terminal loses nothing typed.
fn keep_draft(t: &Tui, draft: &mut Option<(crate::store::scratch::Scratch, String)>) {
    match t.app.form_draft(&t.journal) {
        None => *draft = None,
        Some(text) => match draft {
            Some((_, last)) if *last == text => {}
            Some((scratch, last)) => {
                if scratch.write(&text).is_ok() {
                    *last = text;
                }
            }
            None => {
                let suffix = crate::store::scratch::FORM_SUFFIX;
                if let Ok(s) = crate::store::scratch::Scratch::new(t.journal.root(), &text, suffix)
                {
                    *draft = Some((s, text));
                }
            }
        },
    }
}

/// Say on the terminal's last line that a save is waiting (the loop is blocked meanwhile).
pub fn notice_on_last_line(text: &str) {
    let mut out = stdout();
    if let Ok((_, h)) = terminal::size() {
        let _ = execute!(
            out,
            cursor::MoveTo(0, h.saturating_sub(1)),
            terminal::Clear(terminal::ClearType::CurrentLine)
        );
        let _ = write!(out, " {}", crate::ui::truncate(text, 200));
        let _ = out.flush();
    }
}
