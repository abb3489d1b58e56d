//! The full-screen event loop: owns the terminal, turns keys into actions through the keymap,
//! and hands the app what only a terminal owner can do (running $EDITOR). The terminal is
//! restored on quit, on error and on panic.

use std::io::stdout;
use std::path::PathBuf;

use anyhow::Context as _;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, EnableBracketedPaste, Event, KeyEvent, KeyEventKind,
};
use ratatui::crossterm::execute;

use std::time::Duration;

use crate::app::{App, Effect};
use crate::store::watch::Watcher;
use crate::ui::{self, Context, Keymap, Theme, View};

/// Route one key press: to the open popup if there is one, else through the keymap.
pub fn handle_key(app: &mut App, keymap: &Keymap, key: KeyEvent) -> Effect {
    if key.kind != KeyEventKind::Press {
        return Effect::None;
    }
    if app.key_hints.is_empty() {
        app.key_hints = keymap.hints();
    }
    if let Some(top) = app.overlays.last() {
        app.scroll_limit = ui::scroll_limit(top, app, keymap);
        return app.overlay_key(key);
    }
    match keymap.lookup(Context::of(app.pane, app.tab), &key) {
        Some(action) => app.update(action),
        None => Effect::None,
    }
}

fn config_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "mentorlog").map(|d| d.config_dir().to_path_buf())
}

/// The theme and keymap with the user's overrides; problems are returned to show, not fatal.
pub fn load_config() -> (Theme, Keymap, Vec<String>) {
    let mut problems = Vec::new();
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let mut theme = if no_color {
        Theme::no_color()
    } else {
        Theme::default()
    };
    let mut keymap = Keymap::default();
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
    }
    (theme, keymap, problems)
}

/// Puts the terminal back however the loop ends.
struct Restore;

impl Drop for Restore {
    fn drop(&mut self) {
        let _ = execute!(stdout(), DisableBracketedPaste);
        ratatui::restore();
    }
}

pub fn run(mut app: App) -> anyhow::Result<()> {
    let (theme, keymap, problems) = load_config();
    if let Some(p) = problems.first() {
        app.error(p.clone());
    }
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(stdout(), DisableBracketedPaste);
        ratatui::restore();
        hook(info);
    }));
    let mut terminal = ratatui::init();
    let _restore = Restore;
    execute!(stdout(), EnableBracketedPaste).context("enabling bracketed paste")?;
    let view = View {
        theme: &theme,
        keymap: &keymap,
    };
    // Another process on the same journal: its changes show here within a second.
    let watch = Watcher::start(app.store.root());
    let changes = match watch {
        Ok((ref w, rx)) => {
            if w.polling {
                app.info("Watching the journal by polling (file events are not available here)");
            }
            Some(rx)
        }
        Err(ref e) => {
            app.error(format!(
                "Changes made elsewhere will not show until Ctrl-r: {e}"
            ));
            None
        }
    };
    // The first screen comes from the first partnership alone; the rest is read meanwhile.
    let (full_tx, full_rx) = std::sync::mpsc::channel();
    if app.loading() {
        let store = app.store.clone();
        std::thread::spawn(move || {
            let _ = full_tx.send(store.load());
        });
    }
    let mut dirty = true;
    while !app.quit {
        if let Ok(full) = full_rx.try_recv() {
            app.background_loaded(full);
            dirty = true;
        }
        if let Some(rx) = &changes {
            let mut paths = Vec::new();
            while let Ok(batch) = rx.try_recv() {
                paths.extend(batch);
            }
            if !paths.is_empty() {
                app.external_change(&paths);
                dirty = true;
            }
        }
        if dirty {
            let size = terminal.size()?;
            app.viewport = (size.width, size.height);
            app.page = ui::page_rows(ratatui::layout::Rect::new(0, 0, size.width, size.height));
            terminal.draw(|f| ui::draw(f, &app, &view))?;
            dirty = false;
        }
        if !event::poll(Duration::from_millis(100))? {
            continue;
        }
        dirty = true;
        match event::read()? {
            Event::Key(key) => {
                if let Effect::EditText(text) = handle_key(&mut app, &keymap, key) {
                    let _ = execute!(stdout(), DisableBracketedPaste);
                    ratatui::restore();
                    let result = crate::editor::edit(&text);
                    terminal = ratatui::init();
                    execute!(stdout(), EnableBracketedPaste)?;
                    terminal.clear()?;
                    app.editor_done(result);
                }
            }
            Event::Paste(text) => app.paste(&text),
            _ => {}
        }
    }
    Ok(())
}
