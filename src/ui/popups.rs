//! Popups drawn over the panes: help, a meeting, forms, pickers, confirmations, the welcome.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::keymap::Context;
use super::scroll::Doc;
use super::{Screen, View, centered, truncate};
use crate::app::form::{FieldKind, Form};
use crate::app::picker::Picker;
use crate::app::{Action, List, Overlay, Scroller, Spot};

pub fn draw(frame: &mut Frame, area: Rect, overlay: &Overlay, s: &Screen, view: &View) {
    match overlay {
        Overlay::Help { .. }
        | Overlay::Agenda { .. }
        | Overlay::Passages { .. }
        | Overlay::Meeting { .. }
        | Overlay::Reflection { .. } => {
            let Some((doc, r)) = doc(overlay, s, view, area) else {
                return;
            };
            let title = match overlay {
                Overlay::Help { .. } => " Help (Esc closes, j/k scroll) ".to_string(),
                Overlay::Meeting { .. } => " Meeting (e edit, Esc close) ".to_string(),
                Overlay::Agenda { .. } => format!(
                    " {} (Esc back to the form) ",
                    agenda_form(s)
                        .and_then(|f| f.aside.as_ref())
                        .map_or("Agenda", |a| a.kind.title())
                ),
                Overlay::Passages { framework, .. } => passages_title(s, framework),
                _ => " Reflection (e edit, Esc close) ".to_string(),
            };
            let anchor = match overlay {
                Overlay::Help { scroll }
                | Overlay::Agenda { scroll }
                | Overlay::Passages { scroll, .. }
                | Overlay::Meeting { scroll, .. }
                | Overlay::Reflection { scroll, .. } => *scroll,
                _ => Default::default(),
            };
            frame.render_widget(Clear, r);
            let block = popup_block(&title, view);
            let inner = block.inner(r);
            frame.render_widget(block, r);
            s.hit(r, Spot::Popup);
            s.hit(inner, Spot::Text(Scroller::Popup));
            super::scroll::draw(frame, inner, r, &doc, anchor);
        }
        Overlay::Form(form) => draw_form(frame, area, form, s, view),
        Overlay::Picker(p) => picker(frame, area, p, s, view),
        Overlay::Confirm { message, .. } => {
            // As wide as the message wants (within the screen), as tall as it wraps to.
            let w = (super::text::width(message) as u16 + 4)
                .max(30)
                .min(area.width.saturating_sub(4).max(30));
            let lines = super::text::wrap(message, w.saturating_sub(2) as usize).len() as u16;
            let r = centered(area, w, lines + 2);
            s.hit(r, Spot::Popup);
            frame.render_widget(Clear, r);
            frame.render_widget(
                Paragraph::new(message.as_str())
                    .wrap(Wrap { trim: true })
                    .block(popup_block(" Confirm ", view)),
                r,
            );
        }
        Overlay::Welcome => welcome(frame, area, s, view),
        Overlay::Search(st) => search(frame, area, st, s, view),
        Overlay::Conflicts { cursor } => conflicts(frame, area, *cursor, s, view),
        Overlay::Members { cursor } => members(frame, area, *cursor, s, view),
    }
}

/// The people of the journal: the owner first, each with role, partnerships and keys.
fn members(frame: &mut Frame, area: Rect, cursor: usize, s: &Screen, view: &View) {
    let t = view.theme;
    let people = s.r.people();
    let w = area.width.saturating_sub(4).min(90);
    let inner_w = w.saturating_sub(2) as usize;
    let mut lines: Vec<Line> = Vec::new();
    let mut rows: Vec<usize> = Vec::new();
    for (i, p) in people.iter().enumerate() {
        let keys = match p.keys.len() {
            0 => "no key yet".to_string(),
            1 => "1 key".to_string(),
            n => format!("{n} keys"),
        };
        let mut facts = vec![p.role.to_string()];
        if p.owner {
            facts.push("keeps this journal".into());
        } else if p.role == crate::model::Role::Coordinator {
            facts.push("sees every partnership".into());
        } else if p.partnerships.is_empty() {
            facts.push("in no partnership".into());
        } else {
            facts.push(format!("in {}", p.partnerships.join(", ")));
        }
        facts.push(keys);
        let text = truncate(
            &format!(
                "{} {:<20} {}",
                if i == cursor { "▸" } else { " " },
                truncate(&p.name, 20),
                facts.join(" · ")
            ),
            inner_w,
        );
        rows.push(lines.len());
        let style = if i == cursor {
            t.selected(true)
        } else {
            Style::default()
        };
        lines.push(Line::from(Span::styled(text, style)));
    }
    lines.push(Line::raw(""));
    let locked = s.app.locked.is_some();
    lines.push(Line::from(Span::styled(
        if locked {
            "Only the journal's owner adds or removes members."
        } else {
            "a add · d remove · Esc close · as `mentorlog member add/remove` do"
        },
        t.dim(),
    )));
    let h = (lines.len() as u16 + 2).min(area.height);
    let r = centered(area, w, h);
    frame.render_widget(Clear, r);
    s.hit(r, Spot::Popup);
    let block = popup_block(" People of the journal ", view);
    let inner = block.inner(r);
    frame.render_widget(block, r);
    // Keep the cursor's row on screen in a short terminal.
    let at = rows.get(cursor).copied().unwrap_or(0) as u16;
    let skip = (at + 1).saturating_sub(inner.height.saturating_sub(2));
    frame.render_widget(Paragraph::new(lines).scroll((skip, 0)), inner);
}

fn popup_block<'a>(title: &'a str, view: &View) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(view.theme.border(true))
        .title(Span::styled(title, view.theme.title()))
}

/// The help screen, generated from the keymap: every binding with its description.
/// The help's text, its opening paragraphs wrapped to `width` columns.
pub fn help_lines(view: &View, width: usize) -> Vec<Line<'static>> {
    let t = view.theme;
    let mut lines = vec![
        Line::from(Span::styled(
            "mentorlog: a journal for mentoring and coaching",
            t.title(),
        )),
        Line::raw(""),
    ];
    for paragraph in [
        "Pick a partnership on the left, then a tab: the Dashboard shows how it is going, \
         Meetings is the mentoring log, Goals the action plan, Checklists the frameworks, \
         Reflections the reflections and stage records, Agreement the mentoring agreement, \
         Actions every action item.",
        "Every change is saved at once; u undoes the last one, U redoes it. Deletes go to the \
         trash for 30 days: after a restart, u brings the last back.",
        "Tab moves between the list and the pane.",
    ] {
        lines.extend(
            super::text::wrap(paragraph, width.max(20))
                .into_iter()
                .map(Line::raw),
        );
    }
    lines.push(Line::raw(""));
    for &ctx in Context::ALL {
        let bindings: Vec<_> = view
            .keymap
            .bindings
            .iter()
            .filter(|b| b.context == ctx && !b.keys.is_empty())
            .collect();
        if bindings.is_empty() {
            continue;
        }
        lines.push(Line::from(Span::styled(ctx.title(), t.label())));
        for b in bindings {
            let keys = b
                .keys
                .iter()
                .map(|k| k.label())
                .collect::<Vec<_>>()
                .join(", ");
            lines.push(Line::from(vec![
                Span::styled(format!("  {keys:<16}"), t.accent()),
                Span::raw(b.action.description()),
            ]));
        }
        lines.push(Line::raw(""));
    }
    lines.push(Line::from(Span::styled("Dates", t.label())));
    lines.push(Line::raw(
        "  2026-11-20, today, yesterday, tomorrow, or offsets: +2w, -3d, +1m",
    ));
    lines.push(Line::raw(""));
    lines.push(Line::from(Span::styled("Mouse", t.label())));
    lines.push(Line::raw(
        "  Click a tab, a row or a form's field; the wheel scrolls what is under the pointer. \
         To select text, hold Shift while dragging (Option in iTerm2; in macOS Terminal, \
         Cmd-R switches mouse reporting off and on). --no-mouse, or (mouse: false) in \
         config.ron, turns the mouse off.",
    ));
    lines.push(Line::raw(""));
    lines.push(Line::from(Span::styled("Your data", t.label())));
    lines.push(Line::raw(
        "  Plain RON files, readable by you only. Keys and colours can be changed in",
    ));
    lines.push(Line::raw(
        "  keymap.ron and theme.ron in the config directory (see README.md).",
    ));
    lines
}

/// The help as a document: a key's description wraps under itself.
fn help_doc(view: &View) -> Doc<'static> {
    let mut d = Doc::new();
    for l in help_lines(view, usize::MAX) {
        let indent = if l.spans.len() == 2 {
            18
        } else if l.spans.first().is_some_and(|s| s.content.starts_with("  ")) {
            2
        } else {
            0
        };
        d.hanging(l, indent);
    }
    d
}

/// The document a popup to read shows, and where it sits in the body area (its border
/// included); none for a popup of another kind, or a record that is gone.
pub fn doc<'a>(
    overlay: &Overlay,
    s: &Screen<'a>,
    view: &View,
    body: Rect,
) -> Option<(Doc<'a>, Rect)> {
    match overlay {
        Overlay::Help { .. } => Some((help_doc(view), help_rect(body))),
        Overlay::Meeting { path, .. } => Some((meeting_doc(s, path, view)?, meeting_rect(body))),
        Overlay::Reflection { path, .. } => {
            Some((reflection_doc(s, path, view)?, meeting_rect(body)))
        }
        Overlay::Agenda { .. } => Some((lines_doc(agenda_lines(s, view)), meeting_rect(body))),
        Overlay::Passages { framework, .. } => Some((
            lines_doc(passage_lines(s, framework, view)),
            meeting_rect(body),
        )),
        _ => None,
    }
}

/// Lines to read as a document (each wraps under itself).
fn lines_doc(lines: Vec<Line<'static>>) -> Doc<'static> {
    let mut d = Doc::new();
    for l in lines {
        d.hanging(l, 0);
    }
    d
}

/// Where the meeting view sits in the body area.
fn meeting_rect(area: Rect) -> Rect {
    centered(area, area.width.saturating_sub(4).min(100), area.height)
}

/// The help popup's place in the body area.
fn help_rect(area: Rect) -> Rect {
    centered(area, 84, area.height)
}

/// The meeting view's text: its notes are borrowed, never copied, and wrapped only where
/// they are on screen.
fn meeting_doc<'a>(s: &Screen<'a>, path: &std::path::Path, view: &View) -> Option<Doc<'a>> {
    let t = view.theme;
    let m = s.meetings().into_iter().find(|m| m.path == path)?;
    let m = &m.value;
    let mut d = Doc::new();
    let lines = vec![Line::from(vec![
        Span::styled(format!("{}", m.date), t.title()),
        Span::raw(
            m.time
                .map(|x| format!(" {}", x.format("%H:%M")))
                .unwrap_or_default(),
        ),
        Span::raw(
            m.duration_minutes
                .map(|d| format!(" · {d} min"))
                .unwrap_or_default(),
        ),
        Span::raw(format!(" · {} · {}", m.mode, m.kind)),
        Span::styled(if m.private { " · private" } else { "" }, t.warn()),
    ])];
    for l in lines {
        d.line(l);
    }
    labelled(&mut d, "Focus: ", &m.focus, view);
    d.blank();
    d.text(&m.notes);
    let mut lines = Vec::new();
    if !m.outcomes.is_empty() {
        d.blank();
        labelled(&mut d, "Outcomes: ", &m.outcomes, view);
    }
    if !m.action_items.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::from(Span::styled("Action items", t.label())));
        for a in &m.action_items {
            let overdue = crate::model::action_is_overdue(a, s.today());
            lines.push(Line::from(vec![
                Span::raw(format!("  [{}] ", if a.done { "x" } else { " " })),
                Span::raw(a.text.clone()),
                Span::styled(format!(" ({}", a.owner), t.dim()),
                Span::styled(
                    a.due.map(|d| format!(", due {d}")).unwrap_or_default(),
                    if overdue { t.warn() } else { t.dim() },
                ),
                Span::styled(")", t.dim()),
            ]));
        }
    }
    for l in lines.drain(..) {
        d.hanging(l, 6);
    }
    if let Some(p) = s.partner() {
        let goals: Vec<String> = m
            .goals
            .iter()
            .filter_map(|g| p.goals().into_iter().find(|x| &x.value.id == g))
            .map(|g| g.value.objective.clone())
            .collect();
        if !goals.is_empty() {
            lines.push(Line::raw(""));
            lines.push(Line::from(vec![
                Span::styled("Goals discussed: ", t.label()),
                Span::raw(goals.join("; ")),
            ]));
        }
    }
    if !m.evidences.is_empty() {
        // Each item in its own words, not as an address.
        lines.push(Line::raw(""));
        lines.push(Line::from(Span::styled("Evidences", t.label())));
        let set = s.frameworks();
        for address in &m.evidences {
            let text = address
                .split_once('/')
                .and_then(|(f, i)| set.get(f).and_then(|fw| fw.item(i)))
                .map(|it| crate::model::first_line(&it.text).to_string());
            lines.push(Line::from(vec![
                Span::raw("  · "),
                Span::raw(text.unwrap_or_else(|| address.clone())),
                Span::styled(format!("  ({address})"), t.dim()),
            ]));
        }
    }
    for l in lines {
        d.hanging(l, 4);
    }
    if let Some(p) = s.partner() {
        for th in p.thoughts(Some(m.date)) {
            d.blank();
            d.hanging(
                Line::from(vec![
                    Span::styled("Pre-meeting thoughts", t.label()),
                    Span::styled(
                        format!(
                            " of {}, written {}{}",
                            p.person_name(&th.by),
                            th.written,
                            th.meeting
                                .map(|d| format!(" for the meeting of {d}"))
                                .unwrap_or_default()
                        ),
                        t.dim(),
                    ),
                ]),
                2,
            );
            for a in th.answers.iter().filter(|a| !a.answer.trim().is_empty()) {
                d.hanging(
                    Line::from(Span::styled(format!("  {}", a.question), t.label())),
                    2,
                );
                for l in a.answer.lines() {
                    d.hanging(Line::raw(format!("    {l}")), 4);
                }
            }
        }
    }
    Some(d)
}

/// A label and a text the person wrote: on one line when short, else the label and the
/// text below it (wrapped where it is on screen, however long).
fn labelled<'a>(d: &mut Doc<'a>, label: &'static str, text: &'a str, view: &View) {
    if text.len() <= 4096 && !text.contains('\n') {
        d.hanging(
            Line::from(vec![
                Span::styled(label, view.theme.label()),
                Span::raw(text),
            ]),
            label.len() as u16,
        );
    } else {
        d.line(Span::styled(label.trim_end(), view.theme.label()));
        d.text(text);
    }
}

/// The reflection view's text, borrowed as the meeting view's notes are.
fn reflection_doc<'a>(s: &Screen<'a>, path: &std::path::Path, view: &View) -> Option<Doc<'a>> {
    let t = view.theme;
    let r = s.partner().and_then(|p| p.reflection_at(path))?;
    let r = &r.value;
    let mut d = Doc::new();
    d.line(Line::from(vec![
        Span::styled(r.date.to_string(), t.title()),
        Span::raw(format!(" · by the {}", r.author)),
        Span::styled(if r.private { " · private" } else { "" }, t.warn()),
    ]));
    d.blank();
    if let Some(q) = &r.prompt {
        d.line(Span::styled(q.as_str(), t.label()));
        d.blank();
    }
    d.text(&r.text);
    if let Some(a) = &r.attachment {
        d.blank();
        labelled(&mut d, "Attached: ", a, view);
    }
    Some(d)
}

const LABEL_W: u16 = 30;

/// Columns a form and its aside need side by side; narrower, Ctrl-g shows the aside instead.
const WITH_ASIDE_W: u16 = 108;

pub fn draw_form(frame: &mut Frame, area: Rect, form: &Form, s: &Screen, view: &View) {
    match form.aside_now() {
        Some(aside) if area.width >= WITH_ASIDE_W => {
            // The form and the aside side by side, together in the middle.
            let aside_w = (area.width - 74).clamp(36, 56);
            let form_w = (area.width - aside_w - 3).min(100);
            let x0 = area.x + (area.width - (form_w + 3 + aside_w)) / 2;
            let form_area = Rect::new(x0, area.y, form_w + 2, area.height);
            let aside_area = Rect::new(x0 + form_w + 2, area.y, aside_w, area.height);
            draw_form_alone(frame, form_area, form, s, view);
            let lines = aside_lines(aside, view);
            let inner_w = aside_w.saturating_sub(2) as usize;
            let rows: usize = lines
                .iter()
                .map(|l| {
                    let text: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
                    super::text::wrap(&text, inner_w).len().max(1)
                })
                .sum();
            let h = (rows as u16 + 2).min(aside_area.height);
            let r = Rect::new(
                aside_area.x,
                aside_area.y + (aside_area.height - h) / 2,
                aside_w,
                h,
            );
            frame.render_widget(Clear, r);
            frame.render_widget(
                Paragraph::new(lines)
                    .wrap(Wrap { trim: false })
                    .block(popup_block(&format!(" {} ", aside.kind.title()), view)),
                r,
            );
        }
        _ => draw_form_alone(frame, area, form, s, view),
    }
}

fn draw_form_alone(frame: &mut Frame, area: Rect, form: &Form, s: &Screen, view: &View) {
    let t = view.theme;
    // The hint takes the rows its wrapped text needs (at most six), and none without one.
    let hint_w = area.width.saturating_sub(4).min(98) as usize;
    // A member's session has no $EDITOR: its forms do not offer one.
    let hint = form.hint.as_ref().map(|h| {
        if s.app.locked.is_some() {
            h.replace(" · Ctrl-e $EDITOR", "")
        } else {
            h.clone()
        }
    });
    let hint_h: u16 = match (&hint, form.changed_elsewhere) {
        (_, true) => 2,
        (Some(h), _) => super::text::wrap(h, hint_w).len().min(6) as u16 + 1,
        (None, _) => 0,
    };
    // As wide as the longest label needs (plus the focus marker and a gap), within limits.
    let inner_w = area.width.saturating_sub(2).min(100).saturating_sub(2);
    let longest = form
        .fields
        .iter()
        .map(|f| super::text::width(&f.label))
        .max()
        .unwrap_or(0) as u16;
    let label_w = (longest + 3).min(LABEL_W).min(inner_w * 2 / 5);
    let value_w = inner_w.saturating_sub(label_w) as usize;
    // A choice as long as a reflection prompt wraps (up to four rows) rather than being cut.
    let height = |f: &crate::app::form::Field| match &f.kind {
        FieldKind::Choice { options, index } => {
            let text = format!("◂ {} ▸", options.get(*index).map_or("", String::as_str));
            super::text::wrap(&text, value_w.max(8)).len().clamp(1, 4) as u16
        }
        _ => f.height(),
    };
    let content_h: u16 = form.fields.iter().map(height).sum::<u16>() + hint_h;
    let errors: Vec<String> = form
        .fields
        .iter()
        .filter_map(|f| f.error.as_ref().map(|e| format!("{}: {e}", f.label)))
        .collect();
    let want_h = content_h + 2 + errors.len() as u16;
    let r = centered(
        area,
        area.width.saturating_sub(2).min(100),
        want_h.min(area.height),
    );
    frame.render_widget(Clear, r);
    s.hit(r, Spot::Popup);
    let title = format!(" {} ", form.title);
    let block = popup_block(&title, view);
    let inner = block.inner(r);
    frame.render_widget(block, r);
    let [hint_area, fields_area, err_area] = Layout::vertical([
        Constraint::Length(hint_h),
        Constraint::Fill(1),
        Constraint::Length(errors.len() as u16),
    ])
    .areas(inner);
    if form.changed_elsewhere {
        let said = if form.deleted_elsewhere {
            "Deleted elsewhere since you opened it: saving asks whether to bring it back \
             with your edits."
        } else {
            "Changed elsewhere since you opened it: saving merges your edits with those \
             changes, field by field."
        };
        frame.render_widget(
            Paragraph::new(Span::styled(said, t.warn())).wrap(Wrap { trim: true }),
            hint_area,
        );
    } else if let Some(h) = &hint {
        let lines: Vec<Line> = h
            .lines()
            .map(|l| Line::from(Span::styled(l.to_string(), t.dim())))
            .collect();
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), hint_area);
    }
    // Scroll so the focused field is on screen.
    let tops: Vec<u16> = form
        .fields
        .iter()
        .scan(0u16, |y, f| {
            let top = *y;
            *y += height(f);
            Some(top)
        })
        .collect();
    let focus_bottom = tops[form.focus] + height(&form.fields[form.focus]);
    let scroll = focus_bottom.saturating_sub(fields_area.height);
    for (i, f) in form.fields.iter().enumerate() {
        let Some(y) = tops[i].checked_sub(scroll) else {
            continue;
        };
        if y >= fields_area.height {
            break;
        }
        let h = height(f).min(fields_area.height - y);
        let row = Rect::new(fields_area.x, fields_area.y + y, fields_area.width, h);
        s.hit(row, Spot::Field(i));
        let [label_r, value_r] =
            Layout::horizontal([Constraint::Length(label_w), Constraint::Fill(1)]).areas(row);
        let focused = i == form.focus;
        let label_style = if f.error.is_some() {
            t.error()
        } else if focused {
            t.title()
        } else {
            t.label()
        };
        let marker = if focused { "▸ " } else { "  " };
        let label = format!("{marker}{}", f.label);
        if h > 1 && super::text::width(&label) > label_w as usize {
            // A long label (a question) wraps over its field's rows, under its words.
            let width = (label_w as usize).saturating_sub(3).max(4);
            let mut rows = super::text::wrap(&f.label, width);
            if rows.len() > h as usize {
                rows.truncate(h as usize);
                if let Some(last) = rows.last_mut() {
                    *last = truncate(&format!("{last}  "), width);
                }
            }
            let rows: Vec<Line> = rows
                .into_iter()
                .enumerate()
                .map(|(n, l)| {
                    let lead = if n == 0 { marker } else { "  " };
                    Line::from(Span::styled(format!("{lead}{l}"), label_style))
                })
                .collect();
            frame.render_widget(Paragraph::new(rows), label_r);
        } else {
            frame.render_widget(
                Paragraph::new(Span::styled(
                    truncate(&label, label_w as usize),
                    label_style,
                )),
                label_r,
            );
        }
        match &f.kind {
            FieldKind::Line
            | FieldKind::Text { .. }
            | FieldKind::Date { .. }
            | FieldKind::Number => {
                if focused {
                    frame.render_widget(&f.input, value_r);
                } else {
                    // Unfocused, a field shows its text from the top, wrapped: only the lines
                    // that can show are taken.
                    let lines = f.input.lines();
                    let shown = &lines[..lines.len().min(value_r.height as usize)];
                    frame.render_widget(
                        Paragraph::new(shown.join("\n")).wrap(Wrap { trim: false }),
                        value_r,
                    );
                }
            }
            FieldKind::Choice { options, index } => {
                let text = format!("◂ {} ▸", options.get(*index).map_or("", String::as_str));
                let style = if focused {
                    Style::default().add_modifier(Modifier::REVERSED)
                } else {
                    Style::default()
                };
                frame.render_widget(
                    Paragraph::new(Span::styled(text, style)).wrap(Wrap { trim: true }),
                    value_r,
                );
            }
            FieldKind::Actions { items, cursor } => {
                let mut lines: Vec<Line> = items
                    .iter()
                    .enumerate()
                    .map(|(n, a)| {
                        let text = format!(
                            "[{}] {} · {}{}",
                            if a.done { "x" } else { " " },
                            a.text,
                            a.owner,
                            a.due.map(|d| format!(" · due {d}")).unwrap_or_default()
                        );
                        let line = Line::raw(truncate(&text, value_r.width as usize));
                        if focused && n == *cursor {
                            line.style(Style::default().add_modifier(Modifier::REVERSED))
                        } else {
                            line
                        }
                    })
                    .collect();
                let help = if focused {
                    "a add · Enter edit · Space done · o owner · x remove"
                } else {
                    ""
                };
                if items.is_empty() {
                    lines.push(Line::from(Span::styled(
                        if focused {
                            "none yet: a adds one"
                        } else {
                            "none"
                        },
                        t.dim(),
                    )));
                } else if focused {
                    lines.push(Line::from(Span::styled(help, t.dim())));
                }
                frame.render_widget(Paragraph::new(lines), value_r);
            }
            FieldKind::Picks { options, chosen } => {
                let names: Vec<&str> = chosen
                    .iter()
                    .map(|c| {
                        options
                            .iter()
                            .find(|(id, _)| id == c)
                            .map_or(c.as_str(), |(_, l)| l.as_str())
                    })
                    .collect();
                let text = if names.is_empty() {
                    if focused {
                        "none: Enter to choose".to_string()
                    } else {
                        "none".to_string()
                    }
                } else {
                    format!("{}: {}", names.len(), names.join("; "))
                };
                let style = if focused {
                    Style::default().add_modifier(Modifier::REVERSED)
                } else {
                    Style::default()
                };
                frame.render_widget(
                    Paragraph::new(Span::styled(truncate(&text, value_r.width as usize), style)),
                    value_r,
                );
            }
        }
    }
    let err_lines: Vec<Line> = errors
        .into_iter()
        .map(|e| Line::from(Span::styled(e, t.error())))
        .collect();
    frame.render_widget(Paragraph::new(err_lines), err_area);
}

fn picker(frame: &mut Frame, area: Rect, p: &Picker, s: &Screen, view: &View) {
    let t = view.theme;
    let visible = p.visible();
    let h = (visible.len() as u16 + 4).clamp(6, area.height);
    let r = centered(area, area.width.saturating_sub(4).min(96), h);
    frame.render_widget(Clear, r);
    s.hit(r, Spot::Popup);
    let title = format!(" {} ", p.title);
    let block = popup_block(&title, view);
    let inner = block.inner(r);
    frame.render_widget(block, r);
    let [filter, list] =
        Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(inner);
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled("> ", t.accent()),
            Span::raw(p.filter.clone()),
            Span::styled("▏", t.accent()),
            Span::styled(
                if p.filter.is_empty() {
                    " type to filter"
                } else {
                    ""
                },
                t.dim(),
            ),
        ])),
        filter,
    );
    let rows = list.height as usize;
    let offset = p.cursor.saturating_sub(rows.saturating_sub(1));
    let w = list.width as usize;
    for (n, i) in (offset..visible.len()).take(rows).enumerate() {
        let r = Rect::new(list.x, list.y + n as u16, list.width, 1);
        s.hit(r, Spot::Row(List::Picker, i));
    }
    let lines: Vec<Line> = visible
        .iter()
        .enumerate()
        .skip(offset)
        .take(rows)
        .map(|(n, &i)| {
            let (id, label) = &p.options[i];
            let mark = if p.multi {
                if p.chosen.contains(id) {
                    "[x] "
                } else {
                    "[ ] "
                }
            } else {
                ""
            };
            let line = Line::raw(truncate(&format!("{mark}{label}"), w));
            if n == p.cursor {
                line.style(Style::default().add_modifier(Modifier::REVERSED))
            } else {
                line
            }
        })
        .collect();
    if lines.is_empty() {
        frame.render_widget(
            Paragraph::new(Span::styled("nothing matches", t.dim())),
            list,
        );
    } else {
        frame.render_widget(Paragraph::new(lines), list);
        super::scroll::list_bar(frame.buffer_mut(), list, offset, visible.len());
    }
}

fn welcome(frame: &mut Frame, area: Rect, s: &Screen, view: &View) {
    let t = view.theme;
    let r = centered(area, 76, 18);
    frame.render_widget(Clear, r);
    s.hit(r, Spot::Popup);
    let key = |a: Action| view.keymap.key_for(a).unwrap_or_default();
    let lines = vec![
        Line::from(Span::styled("Welcome to mentorlog", t.title())),
        Line::raw(""),
        Line::raw(
            "A quick journal for mentoring and coaching: meetings, the action plan agreed with \
             each mentee, and your growth against frameworks such as the CUREE skills checklist, \
             each tick linked to its evidence.",
        ),
        Line::raw(""),
        Line::from(vec![
            Span::styled("  n  ", t.accent()),
            Span::raw("start your first partnership"),
        ]),
        Line::from(vec![
            Span::styled("  d  ", t.accent()),
            Span::raw("try a demo journal, kept apart from yours (q leaves it)"),
        ]),
        Line::from(vec![
            Span::styled(format!("  {}  ", key(Action::Help)), t.accent()),
            Span::raw("help"),
        ]),
        Line::from(vec![
            Span::styled(format!("  {}  ", key(Action::Quit)), t.accent()),
            Span::raw("quit"),
        ]),
        Line::raw(""),
        Line::from(Span::styled(
            "Your journal lives in (readable by you only):",
            t.dim(),
        )),
        Line::raw(format!("  {}", s.r.root().display())),
    ];
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(popup_block(" mentorlog ", view)),
        r,
    );
}

/// `/`: results as you type, each with its context and the matched characters marked.
fn search(frame: &mut Frame, area: Rect, s: &crate::app::SearchState, scr: &Screen, view: &View) {
    let t = view.theme;
    let r = centered(area, area.width.saturating_sub(2).min(110), area.height);
    frame.render_widget(Clear, r);
    scr.hit(r, Spot::Popup);
    let block = popup_block(" Search (Enter jumps, Esc closes) ", view);
    let inner = block.inner(r);
    frame.render_widget(block, r);
    let [input, list] = Layout::vertical([Constraint::Length(2), Constraint::Fill(1)]).areas(inner);
    let count = if s.query.trim().is_empty() {
        format!("type to search {} records", s.index.len())
    } else if s.pending.is_some() {
        "searching…".to_string()
    } else if s.total > s.hits.len() {
        format!("{} found, the best {} shown", s.total, s.hits.len())
    } else {
        format!("{} found", s.hits.len())
    };
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled("/ ", t.accent()),
            Span::raw(s.query.clone()),
            Span::styled("▏", t.accent()),
            Span::styled(format!("  {count}"), t.dim()),
        ])),
        input,
    );
    let w = list.width as usize;
    let per = 2usize;
    let fit = (list.height as usize / per).max(1);
    let offset = s.cursor.saturating_sub(fit.saturating_sub(1));
    let mut lines: Vec<Line> = Vec::new();
    let mark = t
        .accent()
        .add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
    for (n, i) in (offset..s.hits.len()).take(fit).enumerate() {
        let rows = Rect::new(list.x, list.y + (n * per) as u16, list.width, per as u16);
        scr.hit(rows.intersection(list), Spot::Row(List::Search, i));
    }
    for (i, hit) in s.hits.iter().enumerate().skip(offset).take(fit) {
        let head = truncate(
            &format!("{:<14} {} · {}", hit.label, hit.partnership_name, hit.title),
            w,
        );
        let mut snippet: Vec<Span> = vec![Span::raw("    ")];
        let mut used = 4;
        for (n, c) in hit.snippet.chars().enumerate() {
            let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if used + cw > w {
                break;
            }
            used += cw;
            let style = if hit.matched.contains(&n) {
                mark
            } else {
                t.dim()
            };
            snippet.push(Span::styled(c.to_string(), style));
        }
        let selected = i == s.cursor;
        let head = Line::raw(format!("{head:<w$}"));
        lines.push(if selected {
            head.style(Style::default().add_modifier(Modifier::REVERSED))
        } else {
            head
        });
        lines.push(Line::from(snippet));
    }
    if lines.is_empty() && !s.query.trim().is_empty() {
        lines.push(Line::from(Span::styled("nothing matches", t.dim())));
    }
    frame.render_widget(Paragraph::new(lines), list);
}

/// Conflict copies, each with the fields that differ from the record beside it.
fn conflicts(frame: &mut Frame, area: Rect, cursor: usize, s: &Screen, view: &View) {
    let r = centered(area, area.width.saturating_sub(2).min(140), area.height);
    frame.render_widget(Clear, r);
    s.hit(r, Spot::Popup);
    let block = popup_block(
        " Conflicts: m keeps the record's version, t takes the copy's ",
        view,
    );
    let inner = block.inner(r);
    frame.render_widget(block, r);
    let lines = conflict_lines(s, cursor, inner.width as usize, view);
    // The selected conflict's head stays in view; its values scroll with it below.
    let head = lines
        .iter()
        .position(|(i, _)| *i == Some(cursor))
        .unwrap_or(0);
    let room = inner.height as usize;
    let offset = head.saturating_sub(room.saturating_sub(room.min(4)));
    let lines: Vec<Line> = lines.into_iter().skip(offset).map(|(_, l)| l).collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The conflicts popup as lines (each conflict's head tagged with its index): the selected
/// one's differing fields show both values whole, labelled yours and theirs when the journal
/// knows which is which, side by side when there is room, the part that differs marked.
fn conflict_lines(
    s: &Screen,
    cursor: usize,
    w: usize,
    view: &View,
) -> Vec<(Option<usize>, Line<'static>)> {
    use crate::journal::Side;
    let t = view.theme;
    let mut lines = Vec::new();
    for (i, c) in s.r.conflicts().iter().enumerate() {
        let name = c
            .original
            .strip_prefix(s.r.root())
            .unwrap_or(&c.original)
            .display()
            .to_string();
        let head = Line::raw(truncate(
            &format!("{name}  ({} field(s) differ)", c.fields.len()),
            w,
        ));
        lines.push((
            Some(i),
            if i == cursor {
                head.style(Style::default().add_modifier(Modifier::REVERSED))
            } else {
                head
            },
        ));
        if i != cursor {
            continue;
        }
        if c.mine.is_none() {
            lines.push((
                None,
                Line::from(Span::styled(
                    "  the record itself is gone: t restores the copy's version",
                    t.warn(),
                )),
            ));
        }
        let (record, copy) = match c.yours {
            Some(Side::Record) => (
                "yours: in the record (m keeps it)",
                "theirs: the conflict copy (t takes it)",
            ),
            Some(Side::Copy) => (
                "theirs: in the record (m keeps it)",
                "yours: the conflict copy (t takes it)",
            ),
            None => (
                "in the record, saved last (m keeps it)",
                "the conflict copy, set aside (t takes it)",
            ),
        };
        let side_by_side = w >= 90;
        for (field, mine, theirs) in &c.fields {
            lines.push((
                None,
                Line::from(Span::styled(format!("  {field}"), t.label())),
            ));
            let (a, b) = differing(mine, theirs);
            if side_by_side {
                let col = (w - 7) / 2;
                let left = marked(mine, a, col, view);
                let right = marked(theirs, b, col, view);
                lines.push((
                    None,
                    Line::from(vec![
                        Span::raw("    "),
                        Span::styled(format!("{:<col$}", truncate(record, col)), t.ok()),
                        Span::raw("  "),
                        Span::styled(truncate(copy, col), t.warn()),
                    ]),
                ));
                for n in 0..left.len().max(right.len()) {
                    let mut spans = vec![Span::raw("    ")];
                    let l = left.get(n).cloned().unwrap_or_default();
                    let lw: usize = l.iter().map(|s| super::text::width(&s.content)).sum();
                    spans.extend(l);
                    spans.push(Span::raw(" ".repeat(col.saturating_sub(lw) + 2)));
                    spans.extend(right.get(n).cloned().unwrap_or_default());
                    lines.push((None, Line::from(spans)));
                }
            } else {
                for (label, text, range, style) in
                    [(record, mine, a, t.ok()), (copy, theirs, b, t.warn())]
                {
                    lines.push((
                        None,
                        Line::from(Span::styled(format!("    {label}"), style)),
                    ));
                    for l in marked(text, range, w.saturating_sub(6), view) {
                        let mut spans = vec![Span::raw("      ")];
                        spans.extend(l);
                        lines.push((None, Line::from(spans)));
                    }
                }
            }
        }
    }
    lines
}

/// Where two values differ: the char range of each between their common start and end.
fn differing(a: &str, b: &str) -> ((usize, usize), (usize, usize)) {
    let (ac, bc): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let pre = ac.iter().zip(&bc).take_while(|(x, y)| x == y).count();
    let max_suf = ac.len().min(bc.len()) - pre;
    let suf = ac
        .iter()
        .rev()
        .zip(bc.iter().rev())
        .take(max_suf)
        .take_while(|(x, y)| x == y)
        .count();
    ((pre, ac.len() - suf), (pre, bc.len() - suf))
}

/// A value wrapped to `w` columns, the chars of `range` marked (reversed): each line a run
/// of spans.
fn marked(text: &str, range: (usize, usize), w: usize, view: &View) -> Vec<Vec<Span<'static>>> {
    let mark = view.theme.warn().add_modifier(Modifier::REVERSED);
    let mut out = Vec::new();
    let mut at = 0usize;
    for source_line in text.split('\n') {
        let line_start = at;
        for line in super::text::wrap(source_line, w.max(8)) {
            let mut spans: Vec<Span<'static>> = Vec::new();
            let mut run = String::new();
            let mut run_marked = false;
            // Wrapping drops the spaces it breaks at; find each char of the line in the text.
            let rest: Vec<char> = text.chars().skip(at).take(w.max(8) * 2 + 8).collect();
            let mut k = 0;
            for ch in line.chars() {
                while k < rest.len() && rest[k] != ch {
                    k += 1;
                }
                let pos = at + k;
                let m = pos >= range.0 && pos < range.1;
                if m != run_marked && !run.is_empty() {
                    spans.push(if run_marked {
                        Span::styled(std::mem::take(&mut run), mark)
                    } else {
                        Span::raw(std::mem::take(&mut run))
                    });
                }
                run_marked = m;
                run.push(ch);
                k += 1;
            }
            if !run.is_empty() {
                spans.push(if run_marked {
                    Span::styled(run, mark)
                } else {
                    Span::raw(run)
                });
            }
            at += k;
            out.push(spans);
        }
        at = line_start + source_line.chars().count() + 1;
    }
    // A value that is only removed text still shows where: an empty marked cell.
    if out.is_empty() {
        out.push(Vec::new());
    }
    out
}

/// The form being filled in whose aside the popup shows (the top one with an aside).
fn agenda_form<'a>(s: &Screen<'a>) -> Option<&'a Form> {
    s.app.overlays.iter().rev().find_map(|o| match o {
        Overlay::Form(f) if f.aside.is_some() => Some(f.as_ref()),
        _ => None,
    })
}

/// The aside of the form being filled in, as lines to read: the focused field's part, or,
/// on a field no part guides, every part in full.
fn agenda_lines(s: &Screen, view: &View) -> Vec<Line<'static>> {
    let Some((whole, now)) = agenda_form(s).and_then(|f| Some((f.aside.as_ref()?, f.aside_now()?)))
    else {
        return Vec::new();
    };
    if !std::ptr::eq(whole, now) || whole.parts.is_empty() {
        return aside_lines(now, view);
    }
    let mut lines = vec![
        Line::from(Span::styled(whole.title.clone(), view.theme.title())),
        Line::raw(""),
    ];
    for p in &whole.parts {
        lines.extend(aside_lines(&p.aside, view));
        lines.push(Line::raw(""));
    }
    lines
}

/// The passages to read beside framework `fid`'s checklist: for each, the framework it is
/// from, its title, then its paragraphs (and lists, one entry a line).
fn passage_lines(s: &Screen, fid: &str, view: &View) -> Vec<Line<'static>> {
    let t = view.theme;
    let set = s.frameworks();
    let Some(fw) = set.get(fid) else {
        return Vec::new();
    };
    let mut lines = Vec::new();
    for (n, (from, p)) in set.passages_for(fw).into_iter().enumerate() {
        if n > 0 {
            lines.push(Line::raw(""));
        }
        lines.push(Line::from(Span::styled(from.title.clone(), t.dim())));
        lines.push(Line::from(Span::styled(p.title.clone(), t.label())));
        lines.push(Line::raw(""));
        lines.extend(p.text.lines().map(|l| Line::raw(l.to_string())));
    }
    lines
}

/// The border title of the passages popup: the passage's title when there is one.
fn passages_title(s: &Screen, fid: &str) -> String {
    let set = s.frameworks();
    match set.get(fid).map(|fw| set.passages_for(fw)).as_deref() {
        Some([(_, p)]) => format!(" {} (Esc close) ", p.title),
        _ => " To read (Esc close) ".to_string(),
    }
}

/// An aside as lines: its title, its introduction, then each question as a bullet.
fn aside_lines(aside: &crate::app::form::Aside, view: &View) -> Vec<Line<'static>> {
    let mut lines = vec![
        Line::from(Span::styled(aside.title.clone(), view.theme.label())),
        Line::raw(""),
    ];
    if let Some(intro) = &aside.intro {
        lines.extend(intro.lines().map(|l| Line::raw(l.to_string())));
        if !aside.lines.is_empty() {
            lines.push(Line::raw(""));
        }
    }
    if aside.answers.is_empty() {
        lines.extend(aside.lines.iter().map(|q| Line::raw(format!("· {q}"))));
    } else {
        // A thought document: each question, and the answer under it.
        for (q, a) in aside.lines.iter().zip(&aside.answers) {
            lines.push(Line::from(Span::styled(
                format!("· {q}"),
                view.theme.label(),
            )));
            lines.extend(a.lines().map(|l| Line::raw(format!("  {l}"))));
        }
    }
    if let Some(next) = &aside.then {
        lines.push(Line::raw(""));
        lines.extend(aside_lines(next, view));
    }
    lines
}

#[cfg(test)]
mod conflict_tests {
    use super::differing;

    #[test]
    fn the_part_that_differs_is_found_between_the_common_start_and_end() {
        assert_eq!(differing("abcXYdef", "abcZdef"), ((3, 5), (3, 4)));
        assert_eq!(differing("same", "same"), ((4, 4), (4, 4)));
        assert_eq!(differing("ab", "abc"), ((2, 2), (2, 3)));
        assert_eq!(differing("", "new"), ((0, 0), (0, 3)));
        // A repeated letter is not counted twice.
        assert_eq!(differing("aa", "a"), ((1, 2), (1, 1)));
    }
}
