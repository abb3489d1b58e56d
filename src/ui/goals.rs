//! The action plan: the seven columns of the ScotELAs form plus status. Narrow screens show
//! objective, status and target with the selected goal's details below; wide ones all columns,
//! wrapped. Overdue goals stand out (colour and a "!" marker).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, Wrap};

use super::text::wrap;
use super::{Screen, View};
use crate::app::{List, Pane, Spot};
use crate::model::{Goal, goal_is_overdue};

/// Below this width the table shows three columns and a detail panel.
pub const WIDE: u16 = 96;

const COLUMNS: [&str; 8] = [
    "Objective",
    "Mentee's actions",
    "Mentor's actions",
    "Support network's actions",
    "Potential barriers",
    "Success measures",
    "Target",
    "Status",
];

fn cells(g: &Goal) -> [String; 8] {
    [
        g.objective.clone(),
        g.mentee_actions.clone(),
        g.mentor_actions.clone(),
        g.support_actions.clone(),
        g.barriers.clone(),
        g.success_measures.clone(),
        g.target.map(|t| t.to_string()).unwrap_or_default(),
        g.status.label().to_string(),
    ]
}

/// The first row to draw so that `cursor` is visible, given each row's height.
fn first_visible(heights: &[u16], cursor: usize, room: u16) -> usize {
    if heights.is_empty() {
        return 0;
    }
    let mut used = 0u16;
    let mut start = cursor.min(heights.len().saturating_sub(1));
    let mut i = start as isize;
    while i >= 0 {
        let h = heights[i as usize];
        if used + h > room && (i as usize) < cursor {
            break;
        }
        used += h;
        start = i as usize;
        i -= 1;
    }
    start
}

pub fn draw(frame: &mut Frame, area: Rect, s: &Screen, view: &View) {
    let t = view.theme;
    let goals = s.goals();
    if goals.is_empty() {
        frame.render_widget(
            Paragraph::new(Span::styled(
                "No goals yet. Press n to add the first row of the action plan.",
                t.dim(),
            ))
            .wrap(Wrap { trim: true }),
            area,
        );
        return;
    }
    let focused = s.app.pane == Pane::Main;
    let wide = area.width >= WIDE;
    let selected = goals.get(s.app.goal_cursor).map(|g| &g.value);
    let (table_area, detail_area) = if wide {
        // The table has every column of the form; below it, what has no column: the
        // learning goal and the dated review notes of the selected goal.
        let lines = selected.map_or(0, |g| detail_lines(g, s, view, true).len()) as u16;
        if lines == 0 {
            (area, None)
        } else {
            let detail = (lines + 1).clamp(3, (area.height / 3).max(3));
            let [a, b] =
                Layout::vertical([Constraint::Fill(1), Constraint::Length(detail)]).areas(area);
            (a, Some(b))
        }
    } else {
        let detail = (area.height / 2).clamp(3, 10);
        let [a, b] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(detail)]).areas(area);
        (a, Some(b))
    };
    let widths: Vec<Constraint> = if wide {
        let rest = table_area.width.saturating_sub(10 + 11 + 7);
        let each = rest / 6;
        vec![
            Constraint::Length(each + rest % 6),
            Constraint::Length(each),
            Constraint::Length(each),
            Constraint::Length(each),
            Constraint::Length(each),
            Constraint::Length(each),
            Constraint::Length(10),
            Constraint::Length(11),
        ]
    } else {
        vec![
            Constraint::Fill(1),
            Constraint::Length(11),
            Constraint::Length(10),
        ]
    };
    let col_w: Vec<usize> = Layout::horizontal(widths.clone())
        .spacing(1)
        .split(table_area)
        .iter()
        .map(|r| r.width as usize)
        .collect();
    let built: Vec<(Vec<Vec<String>>, u16)> = goals
        .iter()
        .map(|g| {
            let c = cells(&g.value);
            let chosen: Vec<&String> = if wide {
                c.iter().collect()
            } else {
                vec![&c[0], &c[7], &c[6]]
            };
            let overdue = goal_is_overdue(&g.value, s.today());
            let wrapped: Vec<Vec<String>> = chosen
                .iter()
                .zip(&col_w)
                .enumerate()
                .map(|(n, (text, w))| {
                    let text = if n == 0 && overdue {
                        format!("! {text}")
                    } else {
                        (*text).clone()
                    };
                    if wide {
                        wrap(&text, *w)
                    } else {
                        vec![super::truncate(&text, *w)]
                    }
                })
                .collect();
            let h = wrapped.iter().map(Vec::len).max().unwrap_or(1).clamp(1, 6) as u16;
            (wrapped, h)
        })
        .collect();
    let heights: Vec<u16> = built.iter().map(|b| b.1).collect();
    let room = table_area.height.saturating_sub(if wide { 3 } else { 1 });
    let start = first_visible(&heights, s.app.goal_cursor, room);
    let mut used = 0;
    let mut rows = Vec::new();
    let header_rows = if wide { 3 } else { 1 };
    for (i, (wrapped, h)) in built.iter().enumerate().skip(start) {
        if used + h > room && i > s.app.goal_cursor {
            break;
        }
        // Where this goal's row is, for the mouse.
        let y = table_area.y + header_rows + used;
        let shown = (*h).min(table_area.bottom().saturating_sub(y));
        s.hit(
            Rect::new(table_area.x, y, table_area.width, shown),
            Spot::Row(List::Goals, i),
        );
        used += h;
        let overdue = goal_is_overdue(&goals[i].value, s.today());
        let row = Row::new(wrapped.iter().map(|lines| {
            Cell::from(Text::from(
                lines
                    .iter()
                    .take(*h as usize)
                    .map(|l| Line::raw(l.clone()))
                    .collect::<Vec<_>>(),
            ))
        }))
        .height(*h);
        let style = if i == s.app.goal_cursor {
            t.selected(focused)
        } else if overdue {
            t.error()
        } else {
            Style::default()
        };
        rows.push(row.style(style));
    }
    let header: Vec<&str> = if wide {
        COLUMNS.to_vec()
    } else {
        vec!["Objective", "Status", "Target"]
    };
    // Wide headers wrap onto three lines rather than lose their words.
    let header_h = if wide { 3 } else { 1 };
    let header = Row::new(header.iter().zip(&col_w).map(|(h, w)| {
        Cell::from(Text::from(
            wrap(h, *w)
                .into_iter()
                .take(header_h)
                .map(Line::raw)
                .collect::<Vec<_>>(),
        ))
    }))
    .height(header_h as u16)
    .style(t.label());
    let shown = rows.len();
    frame.render_widget(
        Table::new(rows, widths).header(header).column_spacing(1),
        table_area,
    );
    if shown < goals.len() {
        let body = Rect::new(
            table_area.x,
            table_area.y + header_rows,
            table_area.width,
            table_area.height.saturating_sub(header_rows),
        );
        super::scroll::bar(
            frame.buffer_mut(),
            super::scroll::around(body),
            (start, shown, goals.len()),
        );
    }
    if let (Some(area), Some(g)) = (detail_area, selected) {
        detail(frame, area, g, s, view, wide);
    }
}

/// What the selected goal's detail panel says: everything the table leaves out (in the
/// wide table, only the learning goal and the review notes are left out).
fn detail_lines(g: &Goal, s: &Screen, view: &View, wide: bool) -> Vec<Line<'static>> {
    let t = view.theme;
    let c = cells(g);
    let mut lines = Vec::new();
    if !g.learning_goal.is_empty() {
        lines.push(Line::from(vec![
            Span::styled("Learning goal: ", t.label()),
            Span::raw(g.learning_goal.clone()),
        ]));
    }
    // Who agreed and what was said first: what the other person wrote since.
    if let Some(p) = s.partner() {
        for (said, changed) in p.agreed_lines(&g.agreed, &g.fingerprint()) {
            let mut spans = vec![Span::styled(said, t.ok())];
            if changed {
                spans.push(Span::styled(" (changed since agreed)", t.warn()));
            }
            lines.push(Line::from(spans));
        }
        for c in &g.comments {
            lines.push(Line::from(vec![
                Span::styled(
                    format!("Comment by {}, {}: ", p.person_name(&c.by), c.date),
                    t.dim(),
                ),
                Span::raw(c.text.clone()),
            ]));
        }
    }
    for (label, text) in COLUMNS.iter().zip(c.iter()).skip(1).take(5) {
        if !text.is_empty() && !wide {
            lines.push(Line::from(vec![
                Span::styled(format!("{label}: "), t.label()),
                Span::raw(text.clone()),
            ]));
        }
    }
    if goal_is_overdue(g, s.today()) && !wide {
        lines.push(Line::from(Span::styled(
            "Overdue: the target date has passed",
            t.warn(),
        )));
    }
    for r in &g.reviews {
        lines.push(Line::from(vec![
            Span::styled(format!("Review {}: ", r.date), t.dim()),
            Span::raw(r.note.clone()),
        ]));
    }
    lines
}

fn detail(frame: &mut Frame, area: Rect, g: &Goal, s: &Screen, view: &View, wide: bool) {
    let t = view.theme;
    let lines = detail_lines(g, s, view, wide);
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(
            Block::default()
                .borders(Borders::TOP)
                .border_style(t.border(false)),
        ),
        area,
    );
}

#[cfg(test)]
mod tests {
    use super::first_visible;

    #[test]
    fn the_cursor_row_is_always_in_view() {
        let h = [2, 2, 2, 2, 2];
        assert_eq!(first_visible(&h, 0, 5), 0);
        assert_eq!(first_visible(&h, 4, 5), 3);
        assert_eq!(first_visible(&h, 4, 1), 4);
        assert_eq!(first_visible(&[], 0, 5), 0);
    }
}
