//! Keys to actions, in every pane and every popup. Every binding has a description (from its
//! action), and the help screen is generated from this table. `keymap.ron` in the config
//! directory rebinds actions everywhere (`{"quit": ["q", "ctrl-c"], "tick": ["space", "x"]}`)
//! or in one place only (`{"form.save": ["ctrl-w"]}`, with the context's name before the dot).

use std::collections::BTreeMap;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::app::{Action, KeyContext};

/// Where a binding applies (the app's key contexts).
pub type Context = KeyContext;

/// The contexts a key is looked up in, in order: a popup's own (a form's field kind, then the
/// form), a pane's then the global one.
pub fn chain(ctx: KeyContext) -> &'static [KeyContext] {
    use KeyContext as K;
    match ctx {
        K::FormLine => &[K::FormLine, K::Form],
        K::FormChoice => &[K::FormChoice, K::Form],
        K::FormActions => &[K::FormActions, K::Form],
        K::FormPicks => &[K::FormPicks, K::Form],
        K::Form => &[K::Form],
        K::Help => &[K::Help],
        K::MeetingView => &[K::MeetingView],
        K::Confirm => &[K::Confirm],
        K::Welcome => &[K::Welcome],
        K::Conflicts => &[K::Conflicts],
        K::Search => &[K::Search],
        K::Picker => &[K::Picker],
        K::Members => &[K::Members],
        K::Sidebar => &[K::Sidebar, K::Global],
        K::Meetings => &[K::Meetings, K::Global],
        K::Goals => &[K::Goals, K::Global],
        K::Checklists => &[K::Checklists, K::Global],
        K::Reflections => &[K::Reflections, K::Global],
        K::Agreement => &[K::Agreement, K::Global],
        K::Actions => &[K::Actions, K::Global],
        K::Global => &[K::Global],
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
    (Context::Help, Action::Down, &["j", "down"]),
    (Context::Help, Action::Up, &["k", "up"]),
    (
        Context::Help,
        Action::PageDown,
        &["pagedown", "space", "ctrl-d"],
    ),
    (Context::Help, Action::PageUp, &["pageup", "ctrl-u"]),
    (Context::Help, Action::Top, &["g", "home"]),
    (Context::Help, Action::Bottom, &["G", "end"]),
    (
        Context::Help,
        Action::Cancel,
        &["esc", "q", "?", "enter", "ctrl-g"],
    ),
    (Context::MeetingView, Action::Edit, &["e"]),
    (Context::MeetingView, Action::Down, &["j", "down"]),
    (Context::MeetingView, Action::Up, &["k", "up"]),
    (
        Context::MeetingView,
        Action::PageDown,
        &["pagedown", "space", "ctrl-d"],
    ),
    (Context::MeetingView, Action::PageUp, &["pageup", "ctrl-u"]),
    (Context::MeetingView, Action::Top, &["g", "home"]),
    (Context::MeetingView, Action::Bottom, &["G", "end"]),
    (Context::MeetingView, Action::Cancel, &["esc", "q", "enter"]),
    (Context::Confirm, Action::Yes, &["y", "Y"]),
    (Context::Confirm, Action::No, &["n", "N", "esc"]),
    (Context::Welcome, Action::NewPartnership, &["n", "enter"]),
    (Context::Welcome, Action::OpenDemo, &["d"]),
    (Context::Welcome, Action::Quit, &["q", "esc", "ctrl-c"]),
    (Context::Welcome, Action::Help, &["?", "f1"]),
    (Context::Conflicts, Action::KeepMine, &["m"]),
    (Context::Conflicts, Action::TakeTheirs, &["t"]),
    (Context::Conflicts, Action::Down, &["j", "down"]),
    (Context::Conflicts, Action::Up, &["k", "up"]),
    (Context::Conflicts, Action::Cancel, &["esc", "q"]),
    (Context::Search, Action::Down, &["down", "ctrl-n"]),
    (Context::Search, Action::Up, &["up", "ctrl-p"]),
    (Context::Search, Action::Open, &["enter"]),
    (Context::Search, Action::Cancel, &["esc"]),
    (Context::Members, Action::AddMember, &["a", "n"]),
    (Context::Members, Action::RemoveMember, &["d", "x"]),
    (Context::Members, Action::Down, &["j", "down"]),
    (Context::Members, Action::Up, &["k", "up"]),
    (Context::Members, Action::Top, &["g", "home"]),
    (Context::Members, Action::Bottom, &["G", "end"]),
    (Context::Members, Action::Cancel, &["esc", "q", "M"]),
    (Context::Picker, Action::Down, &["down", "ctrl-n"]),
    (Context::Picker, Action::Up, &["up", "ctrl-p"]),
    (Context::Picker, Action::Choose, &["space"]),
    (Context::Picker, Action::Done, &["enter"]),
    (Context::Picker, Action::Cancel, &["esc"]),
    (Context::Form, Action::Save, &["ctrl-s"]),
    (Context::Form, Action::Cancel, &["esc"]),
    (Context::Form, Action::NextField, &["tab"]),
    (Context::Form, Action::PrevField, &["shift-tab"]),
    (Context::Form, Action::ExternalEditor, &["ctrl-e"]),
    (Context::Form, Action::ShowAgenda, &["ctrl-g"]),
    (Context::FormLine, Action::Done, &["enter"]),
    (Context::FormLine, Action::Down, &["down"]),
    (Context::FormLine, Action::Up, &["up"]),
    (Context::FormChoice, Action::PrevChoice, &["left", "h"]),
    (
        Context::FormChoice,
        Action::NextChoice,
        &["right", "l", "space"],
    ),
    (Context::FormChoice, Action::Done, &["enter"]),
    (Context::FormChoice, Action::Down, &["down", "j"]),
    (Context::FormChoice, Action::Up, &["up", "k"]),
    (Context::FormActions, Action::AddItem, &["a", "n", "insert"]),
    (Context::FormActions, Action::OpenItem, &["enter"]),
    (Context::FormActions, Action::ToggleDone, &["space"]),
    (Context::FormActions, Action::CycleOwner, &["o"]),
    (Context::FormActions, Action::RemoveItem, &["x", "delete"]),
    (Context::FormActions, Action::Down, &["down", "j"]),
    (Context::FormActions, Action::Up, &["up", "k"]),
    (Context::FormPicks, Action::Pick, &["enter", "space"]),
    (Context::FormPicks, Action::Down, &["down", "j"]),
    (Context::FormPicks, Action::Up, &["up", "k"]),
    (Context::Global, Action::Help, &["?", "f1"]),
    (Context::Global, Action::Quit, &["q", "ctrl-c"]),
    (Context::Global, Action::FocusNext, &["tab"]),
    (Context::Global, Action::FocusPrev, &["shift-tab"]),
    (Context::Sidebar, Action::FocusPane, &["l", "right"]),
    (Context::Sidebar, Action::Edit, &["e"]),
    (Context::Sidebar, Action::Delete, &["d"]),
    (Context::Global, Action::FocusList, &["h", "left"]),
    (Context::Global, Action::Dashboard, &["1"]),
    (Context::Global, Action::Meetings, &["2"]),
    (Context::Global, Action::Goals, &["3"]),
    (Context::Global, Action::Checklists, &["4"]),
    (Context::Global, Action::Reflections, &["5"]),
    (Context::Global, Action::Agreement, &["6"]),
    (Context::Global, Action::Actions, &["7"]),
    (Context::Actions, Action::ToggleDone, &["space", "x"]),
    (Context::Actions, Action::ToggleFilter, &["f"]),
    (Context::Actions, Action::Edit, &["e"]),
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
    (Context::Global, Action::Redo, &["U"]),
    (Context::Global, Action::Suspend, &["ctrl-z"]),
    (Context::Global, Action::ToggleReview, &["R"]),
    (Context::Global, Action::Follow, &["F"]),
    (Context::Global, Action::Reload, &["ctrl-r"]),
    (Context::Global, Action::Search, &["/"]),
    (Context::Global, Action::Palette, &["ctrl-p", ":"]),
    (Context::Global, Action::Conflicts, &["C"]),
    (Context::Global, Action::Sync, &["S"]),
    (Context::Global, Action::Members, &["M"]),
    (Context::Meetings, Action::Prepare, &["p"]),
    (Context::Goals, Action::Agree, &["a"]),
    (Context::Goals, Action::Comment, &["c"]),
    (Context::Agreement, Action::Agree, &["a"]),
    (Context::Agreement, Action::Sign, &["K"]),
    (Context::Reflections, Action::Sign, &["K"]),
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
    (Context::Checklists, Action::CarryOver, &["o"]),
    (Context::Checklists, Action::ToggleFilter, &["f"]),
    (Context::Checklists, Action::ChooseFramework, &["c"]),
    (Context::Checklists, Action::ReadPassages, &["r"]),
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
    /// Apply a `keymap.ron` text: each named action gets exactly the keys listed, everywhere
    /// it is bound (or, named `CONTEXT.ACTION`, in that context only).
    pub fn overlay(mut self, text: &str) -> Result<Keymap, String> {
        let map: BTreeMap<String, Vec<String>> =
            crate::model::ron_options().from_str(text).map_err(|e| {
                format!(
                    "keymap.ron:{}:{}: {}",
                    e.span.start.line, e.span.start.col, e.code
                )
            })?;
        for (name, keys) in map {
            let (only, name) = match name.split_once('.') {
                Some((c, a)) => {
                    let ctx = KeyContext::ALL
                        .iter()
                        .copied()
                        .find(|k| k.name() == c)
                        .ok_or_else(|| {
                            format!(
                                "keymap.ron: no context '{c}'; contexts are: {}",
                                KeyContext::ALL
                                    .iter()
                                    .map(|k| k.name())
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            )
                        })?;
                    (Some(ctx), a.to_string())
                }
                None => (None, name),
            };
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
            for b in self
                .bindings
                .iter_mut()
                .filter(|b| b.action == action && only.is_none_or(|c| c == b.context))
            {
                b.keys = keys.clone();
                found = true;
            }
            if !found {
                self.bindings.push(Binding {
                    context: only.unwrap_or(Context::Global),
                    action,
                    keys,
                });
            }
        }
        Ok(self)
    }

    /// The action for a key press in `context`: looked up along the context's chain (a
    /// pane's own bindings, then the global ones; a form field's, then the form's).
    pub fn lookup(&self, context: Context, ev: &KeyEvent) -> Option<Action> {
        if ev.kind != KeyEventKind::Press {
            return None;
        }
        let key = Key::from_event(ev);
        chain(context).iter().find_map(|ctx| {
            self.bindings
                .iter()
                .find(|b| b.context == *ctx && b.keys.contains(&key))
                .map(|b| b.action)
        })
    }

    /// The action a key has in the global context alone.
    pub fn global(&self, ev: &KeyEvent) -> Option<Action> {
        self.lookup(Context::Global, ev)
    }

    /// The first key bound to `action` along the chain of `context`, for hints.
    pub fn key_in(&self, context: Context, action: Action) -> Option<String> {
        chain(context).iter().find_map(|ctx| {
            self.bindings
                .iter()
                .find(|b| b.context == *ctx && b.action == action)
                .and_then(|b| b.keys.first())
                .map(Key::label)
        })
    }

    /// Every action's first key, for the command palette.
    pub fn hints(&self) -> std::collections::BTreeMap<Action, String> {
        Action::ALL
            .iter()
            .filter_map(|a| self.key_for(*a).map(|k| (*a, k)))
            .collect()
    }

    /// The first key bound to `action` in the panes, for hints ("n new").
    pub fn key_for(&self, action: Action) -> Option<String> {
        self.bindings
            .iter()
            .filter(|b| !b.context.is_popup())
            .chain(self.bindings.iter())
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
    fn every_action_has_a_default_key() {
        let k = Keymap::default();
        for a in Action::ALL {
            assert!(k.key_for(*a).is_some(), "{a} has no key");
        }
    }

    #[test]
    fn popups_take_their_keys_through_the_keymap() {
        let k = Keymap::default();
        let none = KeyModifiers::NONE;
        assert_eq!(
            k.lookup(Context::Confirm, &ev(KeyCode::Char('y'), none)),
            Some(Action::Yes)
        );
        // A popup's keys do not fall through to the panes' ones.
        assert_eq!(
            k.lookup(Context::Confirm, &ev(KeyCode::Char('j'), none)),
            None
        );
        // A form's field looks in its own context, then the form's.
        assert_eq!(
            k.lookup(Context::FormChoice, &ev(KeyCode::Char('l'), none)),
            Some(Action::NextChoice)
        );
        assert_eq!(
            k.lookup(
                Context::FormChoice,
                &ev(KeyCode::Char('s'), KeyModifiers::CONTROL)
            ),
            Some(Action::Save)
        );
        // In a text field, letters are not bound: they are typed.
        assert_eq!(k.lookup(Context::Form, &ev(KeyCode::Char('j'), none)), None);
        // One context can be rebound alone.
        let k = Keymap::default()
            .overlay(r#"{"form.save": ["ctrl-w"]}"#)
            .unwrap();
        assert_eq!(
            k.lookup(
                Context::FormLine,
                &ev(KeyCode::Char('w'), KeyModifiers::CONTROL)
            ),
            Some(Action::Save)
        );
        assert_eq!(
            k.key_in(Context::FormLine, Action::Save).as_deref(),
            Some("C-w")
        );
        let e = Keymap::default()
            .overlay(r#"{"frm.save": ["ctrl-w"]}"#)
            .unwrap_err();
        assert!(e.contains("no context 'frm'"), "{e}");
    }
}
