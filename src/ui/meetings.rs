//! The mentoring log, newest first. Only the visible rows are built.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Cell, Paragraph, Row, Table};

use super::{Screen, View};
use crate::app::{List, Pane, Spot};

pub fn draw(frame: &mut Frame, area: Rect, s: &Screen, view: &View) {
    let t = view.theme;
    let meetings = s.meetings();
    if meetings.is_empty() {
        frame.render_widget(
            Paragraph::new(Span::styled(
                "No meetings yet. Press n to log one.",
                t.dim(),
            )),
            area,
        );
        return;
    }
    let rows_fit = area.height.saturating_sub(1) as usize;
    let offset = s
        .app
        .meeting_cursor
        .saturating_sub(rows_fit.saturating_sub(1));
    let wide = area.width >= 70;
    // Under the header, a row a meeting (for the mouse).
    for (n, i) in (offset..meetings.len()).take(rows_fit).enumerate() {
        let r = Rect::new(area.x, area.y + 1 + n as u16, area.width, 1);
        s.hit(r, Spot::Row(List::Meetings, i));
    }
    let rows: Vec<Row> = meetings
        .iter()
        .enumerate()
        .skip(offset)
        .take(rows_fit)
        .map(|(i, m)| {
            let m = &m.value;
            let open = m.action_items.iter().filter(|a| !a.done).count();
            let overdue = m
                .action_items
                .iter()
                .any(|a| crate::model::action_is_overdue(a, s.today()));
            // A row shows a few hundred columns at most: no more is copied of a long text.
            let mut focus = if m.focus.is_empty() {
                crate::model::first_line(super::text::head(&m.notes, 1024)).to_string()
            } else {
                super::text::head(&m.focus, 1024).to_string()
            };
            if m.private {
                focus = format!("🔒 {focus}");
            }
            let mut cells = vec![Cell::from(m.date.to_string()), Cell::from(m.mode.label())];
            if wide {
                cells.push(Cell::from(m.kind.label()));
            }
            cells.push(Cell::from(focus));
            cells.push(Cell::from(Span::styled(
                if open > 0 {
                    format!("{open}{}", if overdue { "!" } else { "" })
                } else {
                    String::new()
                },
                if overdue { t.warn() } else { t.accent() },
            )));
            let row = Row::new(cells);
            if i == s.app.meeting_cursor {
                row.style(t.selected(s.app.pane == Pane::Main))
            } else {
                row
            }
        })
        .collect();
    let mut widths = vec![Constraint::Length(10), Constraint::Length(9)];
    let mut header = vec!["Date", "Mode"];
    if wide {
        widths.push(Constraint::Length(21));
        header.push("Type");
    }
    widths.extend([Constraint::Fill(1), Constraint::Length(4)]);
    header.extend(["Focus", "Todo"]);
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(t.label()))
        .column_spacing(1);
    frame.render_widget(table, area);
    let rows = Rect::new(area.x, area.y + 1, area.width, rows_fit as u16);
    super::scroll::list_bar(frame.buffer_mut(), rows, offset, meetings.len());
}
