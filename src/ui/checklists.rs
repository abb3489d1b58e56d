//! A framework as a collapsible tree: sections with their progress, items with their tick and
//! evidence. The item under the cursor is shown whole below the tree.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, LineGauge, Paragraph, Wrap};

use super::{Screen, View};
use crate::app::checklist::Row;
use crate::app::{List, Pane, Spot};
use crate::framework::framework_progress;
use crate::journal::EvidenceLine;

fn bar(achieved: usize, total: usize, width: usize) -> String {
    if total == 0 || width == 0 {
        return String::new();
    }
    let filled = achieved * width / total;
    format!("{}{}", "█".repeat(filled), "░".repeat(width - filled))
}

pub fn draw(frame: &mut Frame, area: Rect, s: &Screen, view: &View) {
    let t = view.theme;
    let (Some(fw), Some(p)) = (s.checklist_framework(), s.partner()) else {
        frame.render_widget(
            Paragraph::new(Span::styled(
                "This partnership uses no framework yet.",
                t.dim(),
            )),
            area,
        );
        return;
    };
    let detail_h = (area.height / 3).clamp(3, 8);
    let [head, tree, detail] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(detail_h),
    ])
    .areas(area);
    let (total, _) = framework_progress(s.frameworks(), fw, &|f, i| p.is_ticked(f, i));
    let tail = format!(
        " {}/{}{}",
        total.achieved,
        total.total,
        if s.app.checklist.only_open {
            " (not yet achieved)"
        } else {
            ""
        }
    );
    // The title gives way to the counts, and a few columns of gauge stay visible.
    let room = (head.width as usize).saturating_sub(super::text::width(&tail) + 8);
    let label = format!("{}{tail}", super::truncate(&fw.title, room));
    let ratio = if total.total == 0 {
        0.0
    } else {
        total.achieved as f64 / total.total as f64
    };
    frame.render_widget(
        LineGauge::default()
            .ratio(ratio.clamp(0.0, 1.0))
            .label(label)
            .filled_symbol("█")
            .unfilled_symbol("░")
            .filled_style(t.ok())
            .unfilled_style(t.dim()),
        head,
    );

    let rows = s.checklist_rows();
    let height = tree.height as usize;
    let offset = s
        .app
        .checklist
        .cursor
        .saturating_sub(height.saturating_sub(1));
    let width = tree.width as usize;
    let focused = s.app.pane == Pane::Main;
    for (n, i) in (offset..rows.len()).take(height).enumerate() {
        let r = Rect::new(tree.x, tree.y + n as u16, tree.width, 1);
        s.hit(r, Spot::Row(List::Checklist, i));
    }
    let lines: Vec<Line> = rows
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, row)| {
            let indent = "  ".repeat(row.depth());
            let line = match row {
                Row::Section {
                    section,
                    progress,
                    collapsed,
                    ..
                } => {
                    let arrow = if *collapsed { "▸" } else { "▾" };
                    let counts = format!(
                        " {}/{} {}",
                        progress.achieved,
                        progress.total,
                        bar(progress.achieved, progress.total, 8)
                    );
                    let room = width.saturating_sub(
                        super::text::width(&indent) + 2 + super::text::width(&counts),
                    );
                    let title = super::truncate(section.title.trim_end_matches(':'), room);
                    let pad = room.saturating_sub(super::text::width(&title));
                    Line::from(vec![
                        Span::styled(
                            format!("{indent}{arrow} {title}{}", " ".repeat(pad)),
                            t.label(),
                        ),
                        Span::styled(counts, if progress.complete() { t.ok() } else { t.dim() }),
                    ])
                }
                Row::Item { tick, text, .. } => {
                    let mark = match tick {
                        Some(tk) => match &tk.level {
                            Some(l) => format!("[{}]", super::truncate(l, 3)),
                            None => "[x]".into(),
                        },
                        None => "[ ]".into(),
                    };
                    let ev = tick.map_or(0, |tk| {
                        tk.evidence.meetings.len()
                            + tk.evidence.notes.len()
                            + tk.evidence.files.len()
                    });
                    let suffix = if ev > 0 {
                        format!(" ·{ev}")
                    } else {
                        String::new()
                    };
                    let room = width.saturating_sub(
                        super::text::width(&indent) + 4 + super::text::width(&suffix),
                    );
                    let text = super::truncate(crate::model::first_line(text), room);
                    let style = if tick.is_some() {
                        t.ok()
                    } else {
                        ratatui::style::Style::default()
                    };
                    Line::from(vec![
                        Span::raw(indent.clone()),
                        Span::styled(format!("{mark} "), style),
                        Span::raw(text),
                        Span::styled(suffix, t.dim()),
                    ])
                }
            };
            if i == s.app.checklist.cursor {
                line.style(t.selected(focused))
            } else {
                line
            }
        })
        .collect();
    if lines.is_empty() && s.app.checklist.only_open {
        frame.render_widget(
            Paragraph::new(Span::styled(
                "Every item is achieved. f shows them all.",
                t.ok(),
            )),
            tree,
        );
    } else {
        frame.render_widget(Paragraph::new(lines), tree);
        super::scroll::list_bar(frame.buffer_mut(), tree, offset, rows.len());
    }

    let mut info = Vec::new();
    match rows.get(s.app.checklist.cursor) {
        Some(Row::Item {
            item,
            tick,
            text,
            address,
            ..
        }) => {
            info.push(Line::from(vec![
                Span::styled(format!("{}/{}  ", address.0, address.1), t.dim()),
                Span::raw(text.replace('\n', " ")),
            ]));
            if let Some(g) = &item.guidance {
                info.push(Line::from(vec![
                    Span::styled("Evidenced by: ", t.label()),
                    Span::raw(g.clone()),
                ]));
            }
            match tick {
                Some(tk) => {
                    // As this screen may see it: a private meeting is left out in review mode.
                    let ev: Vec<String> = p
                        .evidence(&tk.evidence)
                        .into_iter()
                        .map(|line| match line {
                            EvidenceLine::Meeting {
                                date: Some(d),
                                focus,
                                ..
                            } => format!("meeting {d} {focus}"),
                            EvidenceLine::Note(n) => format!("\"{n}\""),
                            other => other.plain(),
                        })
                        .collect();
                    info.push(Line::from(vec![
                        Span::styled(format!("Ticked {}", tk.date), t.ok()),
                        Span::raw(
                            tk.level
                                .as_ref()
                                .map(|l| format!(" at {l}"))
                                .unwrap_or_default(),
                        ),
                        Span::raw(if ev.is_empty() {
                            " · no evidence yet (a attaches)".to_string()
                        } else {
                            format!(" · {}", ev.join("; "))
                        }),
                    ]));
                }
                None => info.push(Line::from(Span::styled(
                    "Not yet achieved: Space ticks, a attaches evidence",
                    t.dim(),
                ))),
            }
        }
        Some(Row::Section { section, .. }) => {
            info.push(Line::from(Span::styled(section.title.clone(), t.label())));
            if let Some(d) = &section.description {
                info.push(Line::raw(d.replace('\n', " ")));
            }
        }
        None => {}
    }
    frame.render_widget(
        Paragraph::new(info).wrap(Wrap { trim: true }).block(
            Block::default()
                .borders(Borders::TOP)
                .border_style(t.border(false)),
        ),
        detail,
    );
}
