//! The status bar: the keys that matter now, and what mentorlog has to say. A message too long
//! to share the line gets lines of its own above the keys, wrapped, never cut; when the keys
//! and the saved/unsaved indicator do not fit, the keys that matter least go first, and the
//! keys that leave a popup or the program (save, cancel, close, yes, no, help, quit) stay.

use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use super::text::{self, truncate};
use super::{Screen, View};
use crate::app::{Action, Overlay, Pane, Tab};

/// Messages longer than this many lines are cut (the status bar must leave room for work).
const MAX_MESSAGE_LINES: usize = 3;

/// Hints whose words are these are never dropped for room.
fn essential(what: &str) -> bool {
    matches!(
        what,
        "save" | "cancel" | "close" | "yes" | "no" | "done" | "help" | "quit" | "leave demo"
    )
}

fn spans_of(hints: &[(String, &'static str)], view: &View) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    for (key, what) in hints {
        spans.push(Span::styled(
            format!(" {key}"),
            view.theme.accent().add_modifier(Modifier::BOLD),
        ));
        spans.push(Span::raw(format!(" {what} ")));
    }
    spans
}

fn hints_width(hints: &[(String, &'static str)]) -> usize {
    hints
        .iter()
        .map(|(k, w)| text::width(k) + text::width(w) + 3)
        .sum()
}

/// Drop the least important hints (the last that are not essential) until they fit `room`.
fn fit(hints: &mut Vec<(String, &'static str)>, room: usize) {
    while hints_width(hints) > room {
        match hints.iter().rposition(|(_, w)| !essential(w)) {
            Some(i) => {
                hints.remove(i);
            }
            None => break,
        }
    }
}

/// The status bar's lines for a terminal `width` wide (one, or more for a long message).
pub(super) fn lines(s: &Screen, view: &View, width: u16) -> Vec<Line<'static>> {
    let mut out = presence(s, view, width);
    out.extend(keys_and_message(s, view, width));
    out
}

/// In a served session, a line of who else is here and where, above the keys.
fn presence(s: &Screen, view: &View, width: u16) -> Vec<Line<'static>> {
    let others = s.app.presence_lines(&s.r);
    if others.is_empty() {
        return Vec::new();
    }
    let key = s
        .app
        .key_hints
        .get(&Action::Follow)
        .cloned()
        .unwrap_or_else(|| "F".into());
    let what = if s.app.following.is_some() {
        "stops following"
    } else {
        "follows"
    };
    let text = format!(" With you: {} ", others.join(", "));
    let tail = format!(" {key} {what} ");
    let room = (width as usize).saturating_sub(text::width(&tail));
    vec![Line::from(vec![
        Span::styled(truncate(&text, room), view.theme.accent()),
        Span::styled(tail, view.theme.dim()),
    ])]
}

fn keys_and_message(s: &Screen, view: &View, width: u16) -> Vec<Line<'static>> {
    let total = width as usize;
    let mut hints = hints(s, view);
    let (msg, style, transient) = message(s, view);
    let one_line = |hints: &[(String, &'static str)], msg: &str, style: Style| {
        let mut spans = spans_of(hints, view);
        let room = total.saturating_sub(hints_width(hints) + 1);
        let msg = truncate(msg, room);
        let pad = room.saturating_sub(text::width(&msg));
        spans.push(Span::raw(" ".repeat(pad)));
        spans.push(Span::styled(msg, style));
        Line::from(spans)
    };
    if hints_width(&hints) + text::width(&msg) + 2 <= total {
        return vec![one_line(&hints, &msg, style)];
    }
    if !transient {
        // The indicator (saved, unsaved, conflicts) stays beside the keys: fewer keys.
        fit(&mut hints, total.saturating_sub(text::width(&msg) + 2));
        return vec![one_line(&hints, &msg, style)];
    }
    // A message of its own, wrapped, above the keys.
    let mut out: Vec<Line<'static>> = text::wrap(&msg, total.saturating_sub(1).max(1))
        .into_iter()
        .take(MAX_MESSAGE_LINES)
        .map(|l| Line::from(Span::styled(format!(" {l}"), style)))
        .collect();
    fit(&mut hints, total);
    let mut spans = spans_of(&hints, view);
    if hints_width(&hints) > total {
        let joined: String = spans.iter().map(|s| s.content.as_ref()).collect();
        spans = vec![Span::raw(truncate(&joined, total))];
    }
    out.push(Line::from(spans));
    out
}

/// What the right of the bar says, its style, and whether it is a passing message (as
/// opposed to the standing saved/unsaved/conflicts indicator).
fn message(s: &Screen, view: &View) -> (String, Style, bool) {
    // A conflict waiting to be resolved stays in view until it is.
    let conflicts = s.r.conflicts().len();
    match &s.app.status {
        Some(st) if st.error => (st.text.clone(), view.theme.error(), true),
        Some(st) => (st.text.clone(), view.theme.ok(), true),
        None if s.app.sync.running.is_some() => (
            format!("syncing: {}…", s.app.sync.running.unwrap_or_default()),
            view.theme.warn(),
            false,
        ),
        None if conflicts > 0 => (
            format!(
                "{conflicts} conflict{}: {} resolves",
                if conflicts == 1 { "" } else { "s" },
                view.keymap.key_for(Action::Conflicts).unwrap_or_default()
            ),
            view.theme.warn(),
            false,
        ),
        // A form with edits not yet saved says so (and how to save), not "all saved".
        None if s
            .app
            .overlays
            .iter()
            .any(|o| matches!(o, Overlay::Form(f) if f.dirty)) =>
        {
            (
                format!(
                    "unsaved: {} saves",
                    view.keymap
                        .key_in(crate::app::KeyContext::Form, Action::Save)
                        .unwrap_or_default()
                ),
                view.theme.warn(),
                false,
            )
        }
        None => (
            format!("all changes saved{}", sync_state(&s.app.sync)),
            view.theme.dim(),
            false,
        ),
    }
}

/// Where sync stands, after the saved indicator: " · synced 10:42 ↑1 ↓2".
fn sync_state(s: &crate::app::SyncView) -> String {
    if !s.repository {
        return String::new();
    }
    if !s.remote {
        return " · sync: no remote".to_string();
    }
    let mut out = match &s.last {
        Some(t) => format!(" · synced {t}"),
        None => " · not synced yet".to_string(),
    };
    if s.ahead > 0 {
        out.push_str(&format!(" ↑{}", s.ahead));
    }
    if s.behind > 0 {
        out.push_str(&format!(" ↓{}", s.behind));
    }
    out
}

/// The keys that matter now, for the status bar.
pub(super) fn hints(s: &Screen, view: &View) -> Vec<(String, &'static str)> {
    let k = |a: Action| view.keymap.key_for(a).unwrap_or_default();
    let ctx = s.app.key_context();
    let kin = |a: Action| view.keymap.key_in(ctx, a).unwrap_or_default();
    let mut h: Vec<(String, &'static str)> = Vec::new();
    let scroll = || {
        let (down, up) = (kin(Action::Down), kin(Action::Up));
        if down == "↓" && up == "↑" {
            "↑↓".to_string()
        } else {
            format!("{down}/{up}")
        }
    };
    match s.app.overlays.last() {
        Some(Overlay::Form(f)) => {
            let mut v = vec![
                (kin(Action::NextField), "next field"),
                (kin(Action::Save), "save"),
            ];
            // A member's session has no $EDITOR.
            if s.app.locked.is_none() {
                v.push((kin(Action::ExternalEditor), "editor"));
            }
            if let Some(a) = &f.aside {
                v.push((kin(Action::ShowAgenda), a.kind.hint()));
            }
            v.push((kin(Action::Cancel), "cancel"));
            return v;
        }
        Some(Overlay::Picker(p)) => {
            let mut v = vec![("type".into(), "filter"), (scroll(), "move")];
            if p.multi {
                v.push((kin(Action::Choose), "choose"));
            }
            v.extend([(kin(Action::Done), "done"), (kin(Action::Cancel), "cancel")]);
            return v;
        }
        Some(Overlay::Meeting { .. } | Overlay::Reflection { .. }) => {
            return vec![
                (kin(Action::Edit), "edit"),
                (scroll(), "scroll"),
                (kin(Action::Cancel), "close"),
            ];
        }
        Some(Overlay::Help { .. } | Overlay::Agenda { .. } | Overlay::Passages { .. }) => {
            return vec![(scroll(), "scroll"), (kin(Action::Cancel), "close")];
        }
        Some(Overlay::Confirm { .. }) => {
            return vec![(kin(Action::Yes), "yes"), (kin(Action::No), "no")];
        }
        Some(Overlay::Conflicts { cursor }) => {
            use crate::journal::Side;
            let (keep, take) = match s.r.conflicts().get(*cursor).and_then(|c| c.yours) {
                Some(Side::Record) => ("keep yours", "take theirs"),
                Some(Side::Copy) => ("keep theirs", "take yours"),
                None => ("keep the record's", "take the copy's"),
            };
            return vec![
                (kin(Action::KeepMine), keep),
                (kin(Action::TakeTheirs), take),
                (scroll(), "move"),
                (kin(Action::Cancel), "close"),
            ];
        }
        Some(Overlay::Search(_)) => {
            return vec![
                ("type".into(), "search"),
                (scroll(), "move"),
                (kin(Action::Open), "jump"),
                (kin(Action::Cancel), "close"),
            ];
        }
        Some(Overlay::Members { .. }) => {
            return vec![
                (scroll(), "move"),
                (kin(Action::AddMember), "add"),
                (kin(Action::RemoveMember), "remove"),
                (kin(Action::Cancel), "close"),
            ];
        }
        Some(Overlay::Welcome) => {
            return vec![
                (kin(Action::NewPartnership), "new partnership"),
                (kin(Action::OpenDemo), "demo journal"),
                (kin(Action::Quit), "quit"),
            ];
        }
        None => {}
    }
    match (s.app.pane, s.app.tab) {
        (Pane::Sidebar, _) => {
            h.push((format!("{}/{}", k(Action::Down), k(Action::Up)), "choose"));
            h.push((kin(Action::New), "new partnership"));
            h.push((kin(Action::Edit), "edit"));
            h.push((kin(Action::Delete), "remove"));
        }
        (_, Tab::Meetings) => {
            h.push((k(Action::New), "new"));
            h.push((k(Action::Open), "open"));
            h.push((k(Action::Edit), "edit"));
            // A mentee's session writes thoughts; the mentor's deletes meetings.
            if s.app.locked.is_some() {
                h.push((k(Action::Prepare), "thoughts"));
                h.push((k(Action::Delete), "delete"));
            } else {
                h.push((k(Action::Delete), "delete"));
                h.push((k(Action::Prepare), "thoughts"));
            }
        }
        (_, Tab::Goals) => {
            h.push((k(Action::New), "new"));
            h.push((k(Action::Edit), "edit"));
            h.push((k(Action::Agree), "agree"));
            h.push((k(Action::Comment), "comment"));
            h.push((k(Action::CycleStatus), "status"));
            h.push((k(Action::ReviewNote), "review"));
        }
        (_, Tab::Checklists) => {
            h.push((k(Action::Tick), "tick"));
            h.push((k(Action::AttachEvidence), "evidence"));
            h.push((k(Action::ToggleFilter), "filter"));
            h.push((k(Action::ChooseFramework), "framework"));
            if s.checklist_framework()
                .is_some_and(|fw| !s.frameworks().passages_for(fw).is_empty())
            {
                h.push((k(Action::ReadPassages), "read"));
            }
        }
        (_, Tab::Dashboard) => {
            h.push((k(Action::New), "log meeting"));
            h.push(("1-7".into(), "tabs"));
            h.push((k(Action::Members), "people"));
        }
        (_, Tab::Reflections) => {
            h.push((k(Action::New), "new"));
            h.push((k(Action::Open), "open"));
            h.push((k(Action::Delete), "delete"));
        }
        (_, Tab::Actions) => {
            h.push((k(Action::ToggleDone), "done"));
            h.push((k(Action::Open), "meeting"));
            h.push((k(Action::ToggleFilter), "filter"));
        }
        (_, Tab::Agreement) => {
            h.push((k(Action::Edit), "edit agreement"));
            h.push((k(Action::Agree), "agree"));
            h.push((k(Action::Evaluate), "evaluate"));
        }
    }
    // A synced journal: the key beside the state the bar shows.
    if s.app.sync.repository && s.app.locked.is_none() {
        h.push((k(Action::Sync), "sync"));
    }
    h.push((k(Action::Undo), "undo"));
    h.push((k(Action::Help), "help"));
    h.push((
        k(Action::Quit),
        if s.app.demo { "leave demo" } else { "quit" },
    ));
    h
}
