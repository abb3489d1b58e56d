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
            // Evidence as this screen may see it (a private meeting is left out in review
            // mode); a meeting dated after the tick is flagged: it cannot have evidenced it.
            let evidence_words = |tk: &crate::model::Tick| -> (Vec<String>, usize) {
                let lines = p.evidence(&tk.evidence);
                let late = lines.iter().filter(|l| l.is_after(tk.date)).count();
                let words = lines
                    .into_iter()
                    .map(|line| {
                        let flag = if line.is_after(tk.date) {
                            " (! dated after the tick)"
                        } else {
                            ""
                        };
                        match line {
                            EvidenceLine::Meeting {
                                date: Some(d),
                                focus,
                                ..
                            } => format!("meeting {d} {focus}{flag}"),
                            EvidenceLine::Note(n) => format!("\"{n}\""),
                            other => other.plain(),
                        }
                    })
                    .collect();
                (words, late)
            };
            match tick {
                Some(tk) => {
                    let (ev, late) = evidence_words(tk);
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
                    if late > 0 {
                        info.push(Line::from(Span::styled(
                            format!(
                                "! {late} meeting(s) dated after the tick of {}: no badge is issued on them. \
                                 Link the meeting that showed it, or untick and tick again on the day it was achieved.",
                                tk.date
                            ),
                            t.warn(),
                        )));
                    }
                }
                None => match p.earlier_tick(&address.0, &address.1) {
                    Some((stage, from, et)) => {
                        let (ev, _) = evidence_words(et);
                        info.push(Line::from(vec![
                            Span::styled("Not yet achieved at this stage. ", t.dim()),
                            Span::raw(format!(
                                "Achieved at {stage} ({from}) on {}{}",
                                et.date,
                                if ev.is_empty() {
                                    " · no evidence".to_string()
                                } else {
                                    format!(" · {}", ev.join("; "))
                                }
                            )),
                        ]));
                        info.push(Line::from(Span::styled(
                            "o carries it over, with its evidence · Space ticks it afresh",
                            t.label(),
                        )));
                    }
                    None => info.push(Line::from(Span::styled(
                        "Not yet achieved: Space ticks, a attaches evidence",
                        t.dim(),
                    ))),
                },
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
