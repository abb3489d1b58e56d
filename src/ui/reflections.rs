//! Reflections (newest first) and, for a staged framework such as LJMU, each stage's record:
//! reflection, targets for further development and verification.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::scroll::Doc;
use super::{Screen, View};
use crate::app::{List, Pane, ReflRow, Spot};

pub fn draw(frame: &mut Frame, area: Rect, s: &Screen, view: &View) {
    let t = view.theme;
    let rows = s.reflection_rows();
    if rows.is_empty() {
        frame.render_widget(
            Paragraph::new(Span::styled(
                "No reflections yet. Press n to write one, answering a prompt or freely.",
                t.dim(),
            ))
            .wrap(Wrap { trim: true }),
            area,
        );
        return;
    }
    let detail_h = (area.height / 3).clamp(3, 9);
    let [list, detail] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(detail_h)]).areas(area);
    let height = list.height as usize;
    let offset = s
        .app
        .reflection_cursor
        .saturating_sub(height.saturating_sub(1));
    let width = list.width as usize;
    let focused = s.app.pane == Pane::Main;
    for (n, i) in (offset..rows.len()).take(height).enumerate() {
        let r = Rect::new(list.x, list.y + n as u16, list.width, 1);
        s.hit(r, Spot::Row(List::Reflections, i));
    }
    let lines: Vec<Line> = rows
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, row)| {
            let text = match row {
                ReflRow::Reflection(r) => {
                    let r = &r.value;
                    let about = r
                        .prompt
                        .as_deref()
                        .unwrap_or(crate::model::first_line(super::text::head(&r.text, 1024)));
                    format!(
                        "{} {:<8} {}{}",
                        r.date,
                        r.author.label(),
                        if r.private { "🔒 " } else { "" },
                        about
                    )
                }
                ReflRow::Stage {
                    framework,
                    stage,
                    record,
                } => {
                    let state = match record {
                        Some(r) if !r.value.verifications.is_empty() => "verified",
                        Some(r) if !r.value.reflection.is_empty() => "reflection written",
                        _ => "to do",
                    };
                    format!("Stage  {} · {}: {state}", framework.id, stage.title)
                }
            };
            let line = Line::raw(super::truncate(&text, width));
            if i == s.app.reflection_cursor {
                line.style(t.selected(focused))
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), list);
    super::scroll::list_bar(frame.buffer_mut(), list, offset, rows.len());

    // The selected row's details: its text is borrowed and only the rows that show are
    // wrapped (a reflection may be megabytes long); Enter opens it whole, to scroll.
    let mut info = Doc::new();
    match rows.get(s.app.reflection_cursor) {
        Some(ReflRow::Reflection(r)) => {
            let r = &r.value;
            if let Some(q) = &r.prompt {
                info.line(Span::styled(q.as_str(), t.label()));
            }
            info.text(&r.text);
            if let Some(a) = &r.attachment {
                info.line(Line::from(vec![
                    Span::styled("Attached: ", t.dim()),
                    Span::raw(a.as_str()),
                ]));
            }
        }
        Some(ReflRow::Stage { record, .. }) => match record {
            Some(rec) => {
                let rec = &rec.value;
                info.line(Line::from(vec![
                    Span::styled("Reflection: ", t.label()),
                    Span::raw(super::text::head(&rec.reflection, 64 * 1024)),
                ]));
                info.line(Line::from(vec![
                    Span::styled("Targets: ", t.label()),
                    Span::raw(super::text::head(&rec.targets, 64 * 1024)),
                ]));
                for v in &rec.verifications {
                    info.line(Line::from(vec![
                        Span::styled("Verified: ", t.ok()),
                        Span::raw(format!(
                            "{}{} on {}{}",
                            v.name,
                            v.role
                                .as_ref()
                                .map(|r| format!(" ({r})"))
                                .unwrap_or_default(),
                            v.date,
                            if v.comment.is_empty() {
                                String::new()
                            } else {
                                format!(": {}", v.comment)
                            }
                        )),
                    ]));
                }
                // Signed with a key, and whether it still holds.
                let what = crate::model::Signed::Stage {
                    framework: rec.framework.clone(),
                    stage: rec.stage.clone(),
                };
                let sigs: Vec<_> = s
                    .partner()
                    .map(|p| p.signatures())
                    .unwrap_or_default()
                    .into_iter()
                    .filter(|c| c.signature.what == what)
                    .collect();
                for c in &sigs {
                    let style = match c.state {
                        crate::journal::sign::SigState::Valid => t.ok(),
                        _ => t.warn(),
                    };
                    info.line(Span::styled(c.line(), style));
                }
                if sigs.is_empty() {
                    info.line(Span::styled(
                        "K signs this record with your SSH key",
                        t.dim(),
                    ));
                }
            }
            None => info.line(Span::styled(
                "Enter writes this stage's reflection, targets and verification",
                t.dim(),
            )),
        },
        None => {}
    }
    let mut block = Block::default()
        .borders(Borders::TOP)
        .border_style(t.border(false));
    let inner = block.inner(detail);
    let (w, h) = (inner.width as usize, inner.height as usize);
    if info.overflows(h, w) {
        block =
            block.title(Line::from(Span::styled(" more: Enter opens ", t.dim())).right_aligned());
    }
    frame.render_widget(block, detail);
    frame.render_widget(Paragraph::new(info.rows(info.top(), h, w)), inner);
}
