//! Keys to actions. Every binding has a description (from its action), and the help screen
//! is generated from this table. `keymap.ron` in the config directory rebinds actions:
//! `{"quit": ["q", "ctrl-c"], "tick": ["space", "x"]}`.

use std::collections::BTreeMap;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::app::{Action, Pane, Tab};

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Context {
    Global,
    Sidebar,
    Meetings,
    Goals,
    Checklists,
    Reflections,
    Agreement,
}

impl Context {
    pub fn title(self) -> &'static str {
        match self {
            Context::Global => "Everywhere",
            Context::Sidebar => "Partnership list",
            Context::Meetings => "Meetings",
            Context::Goals => "Goals",
            Context::Checklists => "Checklists",
            Context::Reflections => "Reflections",
            Context::Agreement => "Agreement",
        }
    }

    pub fn of(pane: Pane, tab: Tab) -> Context {
        match (pane, tab) {
            (Pane::Sidebar, _) => Context::Sidebar,
            (_, Tab::Meetings) => Context::Meetings,
            (_, Tab::Goals) => Context::Goals,
            (_, Tab::Checklists) => Context::Checklists,
            (_, Tab::Reflections) => Context::Reflections,
            (_, Tab::Agreement) => Context::Agreement,
            (_, Tab::Dashboard) => Context::Global,
        }
    }
}

/// A key and its modifiers (Shift is folded into the character for letters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

impl Key {
    pub fn from_event(ev: &KeyEvent) -> Key {
        Key {
            code: match ev.code {
                // Terminals report Shift-Tab as BackTab, sometimes with SHIFT too.
                KeyCode::BackTab => KeyCode::BackTab,
                c => c,
            },
            ctrl: ev.modifiers.contains(KeyModifiers::CONTROL),
            alt: ev.modifiers.contains(KeyModifiers::ALT),
        }
    }

    /// Parse "q", "G", "ctrl-c", "shift-tab", "enter", "space", "pagedown", "f1", "?".
    pub fn parse(s: &str) -> Result<Key, String> {
        let mut ctrl = false;
        let mut alt = false;
        let mut rest = s;
        loop {
            let lower = rest.to_ascii_lowercase();
            if lower.starts_with("ctrl-") || lower.starts_with("ctrl+") {
                ctrl = true;
                rest = &rest[5..];
            } else if lower.starts_with("alt-") || lower.starts_with("alt+") {
                alt = true;
                rest = &rest[4..];
            } else {
                break;
            }
        }
        let code = match rest.to_ascii_lowercase().as_str() {
            "enter" | "return" => KeyCode::Enter,
            "esc" | "escape" => KeyCode::Esc,
            "tab" => KeyCode::Tab,
            "shift-tab" | "backtab" | "shift+tab" => KeyCode::BackTab,
            "space" => KeyCode::Char(' '),
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "pageup" => KeyCode::PageUp,
            "pagedown" => KeyCode::PageDown,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "backspace" => KeyCode::Backspace,
            "delete" | "del" => KeyCode::Delete,
            "insert" => KeyCode::Insert,
            f if f.len() >= 2 && f.starts_with('f') && f[1..].parse::<u8>().is_ok() => {
                KeyCode::F(f[1..].parse().unwrap_or(1))
            }
            _ => {
                let mut chars = rest.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => KeyCode::Char(if ctrl { c.to_ascii_lowercase() } else { c }),
                    _ => {
                        return Err(format!(
                            "'{s}' is not a key (try q, ctrl-c, enter, space, f1)"
                        ));
                    }
                }
            }
        };
        Ok(Key { code, ctrl, alt })
    }

    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Enter => "Enter".to_string(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "S-Tab".into(),
            KeyCode::Char(' ') => "Space".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::F(n) => format!("F{n}"),
            KeyCode::Char(c) => c.to_string(),
            other => format!("{other:?}"),
        };
        match (self.ctrl, self.alt) {
            (true, _) => format!("C-{base}"),
            (_, true) => format!("M-{base}"),
            _ => base,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Binding {
    pub context: Context,
    pub action: Action,
    pub keys: Vec<Key>,
}

#[derive(Debug, Clone)]
pub struct Keymap {
    pub bindings: Vec<Binding>,
}

const DEFAULTS: &[(Context, Action, &[&str])] = &[
    (Context::Global, Action::Help, &["?", "f1"]),
    (Context::Global, Action::Quit, &["q", "ctrl-c"]),
    (Context::Global, Action::FocusNext, &["tab"]),
    (Context::Global, Action::FocusPrev, &["shift-tab"]),
    (Context::Global, Action::Dashboard, &["1"]),
    (Context::Global, Action::Meetings, &["2"]),
    (Context::Global, Action::Goals, &["3"]),
    (Context::Global, Action::Checklists, &["4"]),
    (Context::Global, Action::Reflections, &["5"]),
    (Context::Global, Action::Agreement, &["6"]),
    (Context::Global, Action::NextTab, &["]"]),
    (Context::Global, Action::PrevTab, &["["]),
    (Context::Global, Action::Down, &["j", "down"]),
    (Context::Global, Action::Up, &["k", "up"]),
    (Context::Global, Action::PageDown, &["pagedown", "ctrl-d"]),
    (Context::Global, Action::PageUp, &["pageup", "ctrl-u"]),
    (Context::Global, Action::Top, &["g", "home"]),
    (Context::Global, Action::Bottom, &["G", "end"]),
    (Context::Global, Action::Open, &["enter"]),
    (Context::Global, Action::New, &["n"]),
    (Context::Global, Action::NewPartnership, &["N"]),
    (Context::Global, Action::Undo, &["u"]),
    (Context::Global, Action::ToggleReview, &["R"]),
    (Context::Global, Action::Reload, &["ctrl-r"]),
    (Context::Global, Action::Search, &["/"]),
    (Context::Global, Action::Palette, &["ctrl-p", ":"]),
    (Context::Global, Action::Conflicts, &["C"]),
    (Context::Meetings, Action::Edit, &["e"]),
    (Context::Meetings, Action::Delete, &["d"]),
    (Context::Goals, Action::Edit, &["e"]),
    (Context::Goals, Action::Delete, &["d"]),
    (Context::Goals, Action::CycleStatus, &["s"]),
    (Context::Goals, Action::ReviewNote, &["r"]),
    (Context::Reflections, Action::Edit, &["e"]),
    (Context::Reflections, Action::Delete, &["d"]),
    (Context::Agreement, Action::Edit, &["e"]),
    (Context::Agreement, Action::Evaluate, &["v"]),
    (Context::Checklists, Action::Tick, &["space", "x"]),
    (Context::Checklists, Action::AttachEvidence, &["a", "e"]),
    (Context::Checklists, Action::ToggleFilter, &["f"]),
    (Context::Checklists, Action::ChooseFramework, &["c"]),
    (Context::Checklists, Action::Collapse, &["h", "left"]),
    (Context::Checklists, Action::Expand, &["l", "right"]),
];

impl Default for Keymap {
    fn default() -> Keymap {
        Keymap {
            bindings: DEFAULTS
                .iter()
                .map(|(context, action, keys)| Binding {
                    context: *context,
                    action: *action,
                    keys: keys.iter().filter_map(|k| Key::parse(k).ok()).collect(),
                })
                .collect(),
        }
    }
}

impl Keymap {
    /// Apply a `keymap.ron` text: each named action gets exactly the keys listed.
    pub fn overlay(mut self, text: &str) -> Result<Keymap, String> {
        let map: BTreeMap<String, Vec<String>> =
            crate::model::ron_options().from_str(text).map_err(|e| {
                format!(
                    "keymap.ron:{}:{}: {}",
                    e.span.start.line, e.span.start.col, e.code
                )
            })?;
        for (name, keys) in map {
            let action = Action::from_name(&name).ok_or_else(|| {
                format!(
                    "keymap.ron: no action '{name}'; actions are: {}",
                    Action::ALL
                        .iter()
                        .map(|a| a.name())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            })?;
            let keys = keys
                .iter()
                .map(|k| Key::parse(k))
                .collect::<Result<Vec<_>, _>>()?;
            let mut found = false;
            for b in self.bindings.iter_mut().filter(|b| b.action == action) {
                b.keys = keys.clone();
                found = true;
            }
            if !found {
                self.bindings.push(Binding {
                    context: Context::Global,
                    action,
                    keys,
                });
            }
        }
        Ok(self)
    }

    /// The action for a key press in `context` (its own bindings first, then global ones).
    pub fn lookup(&self, context: Context, ev: &KeyEvent) -> Option<Action> {
        if ev.kind != KeyEventKind::Press {
            return None;
        }
        let key = Key::from_event(ev);
        let hit = |ctx: Context| {
            self.bindings
                .iter()
                .find(|b| b.context == ctx && b.keys.contains(&key))
                .map(|b| b.action)
        };
        hit(context).or_else(|| hit(Context::Global))
    }

    /// Every action's first key, for the command palette.
    pub fn hints(&self) -> std::collections::BTreeMap<Action, String> {
        Action::ALL
            .iter()
            .filter_map(|a| self.key_for(*a).map(|k| (*a, k)))
            .collect()
    }

    /// The first key bound to `action`, for hints ("n new").
    pub fn key_for(&self, action: Action) -> Option<String> {
        self.bindings
            .iter()
            .find(|b| b.action == action)
            .and_then(|b| b.keys.first())
            .map(Key::label)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(code: KeyCode, m: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, m)
    }

    #[test]
    fn vim_keys_and_arrows_both_move() {
        let k = Keymap::default();
        let none = KeyModifiers::NONE;
        assert_eq!(
            k.lookup(Context::Meetings, &ev(KeyCode::Char('j'), none)),
            Some(Action::Down)
        );
        assert_eq!(
            k.lookup(Context::Meetings, &ev(KeyCode::Down, none)),
            Some(Action::Down)
        );
        assert_eq!(
            k.lookup(Context::Checklists, &ev(KeyCode::Char(' '), none)),
            Some(Action::Tick)
        );
        assert_eq!(
            k.lookup(Context::Meetings, &ev(KeyCode::Char(' '), none)),
            None
        );
        assert_eq!(
            k.lookup(
                Context::Global,
                &ev(KeyCode::Char('c'), KeyModifiers::CONTROL)
            ),
            Some(Action::Quit)
        );
        assert_eq!(
            k.lookup(
                Context::Global,
                &ev(KeyCode::Char('G'), KeyModifiers::SHIFT)
            ),
            Some(Action::Bottom)
        );
    }

    #[test]
    fn releases_are_ignored() {
        let k = Keymap::default();
        let mut e = ev(KeyCode::Char('q'), KeyModifiers::NONE);
        e.kind = KeyEventKind::Release;
        assert_eq!(k.lookup(Context::Global, &e), None);
    }

    #[test]
    fn keymap_ron_rebinds_and_reports_mistakes() {
        let k = Keymap::default()
            .overlay(r#"{"quit": ["ctrl-q"], "tick": ["t"]}"#)
            .unwrap();
        let none = KeyModifiers::NONE;
        assert_eq!(
            k.lookup(Context::Global, &ev(KeyCode::Char('q'), none)),
            None
        );
        assert_eq!(
            k.lookup(
                Context::Global,
                &ev(KeyCode::Char('q'), KeyModifiers::CONTROL)
            ),
            Some(Action::Quit)
        );
        assert_eq!(
            k.lookup(Context::Checklists, &ev(KeyCode::Char('t'), none)),
            Some(Action::Tick)
        );
        let e = Keymap::default().overlay(r#"{"qiut": ["q"]}"#).unwrap_err();
        assert!(e.contains("no action 'qiut'"), "{e}");
        let e = Keymap::default()
            .overlay(r#"{"quit": ["hyper-q"]}"#)
            .unwrap_err();
        assert!(e.contains("hyper-q"), "{e}");
    }

    #[test]
    fn every_action_but_cancel_has_a_default_key() {
        let k = Keymap::default();
        for a in Action::ALL {
            if *a != Action::Cancel {
                assert!(k.key_for(*a).is_some(), "{a} has no key");
            }
        }
    }
}
