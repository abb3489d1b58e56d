//! The Actions tab: every action item agreed in the partnership's meetings, open ones first,
//! with who owns it, when it is due (an overdue one marked "!") and the meeting it is from.
//! Only the visible rows are built.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table};

use super::{Screen, View, truncate};
use crate::app::Pane;
use crate::model::action_is_overdue;

pub fn draw(frame: &mut Frame, area: Rect, s: &Screen, view: &View) {
    let t = view.theme;
    let rows = s.app.action_rows(&s.r);
    let [head, body] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
    let n = rows.len();
    let plural = if n == 1 { "" } else { "s" };
    let shown = if s.app.actions.all {
        format!("{n} action item{plural}, done ones too")
    } else {
        format!("{n} open action item{plural}")
    };
    let hint = if s.app.actions.all {
        "  (f: only the open ones)"
    } else {
        "  (f: the done ones too)"
    };
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(shown, t.label()),
            Span::styled(hint, t.dim()),
        ])),
        head,
    );
    if rows.is_empty() {
        let text = if s.app.actions.all {
            "No action items yet: they are agreed in a meeting (its form's Action items)."
        } else {
            "Nothing open. f shows the action items already done."
        };
        frame.render_widget(
            Paragraph::new(Span::styled(text, t.dim())).wrap(ratatui::widgets::Wrap { trim: true }),
            body,
        );
        return;
    }
    let fit = body.height.saturating_sub(1) as usize;
    let offset = s.app.actions.cursor.saturating_sub(fit.saturating_sub(1));
    // Under the header, a row an action item (for the mouse).
    for (n, i) in (offset..rows.len()).take(fit).enumerate() {
        let r = Rect::new(body.x, body.y + 1 + n as u16, body.width, 1);
        s.hit(r, crate::app::Spot::Row(crate::app::List::Actions, i));
    }
    let wide = body.width >= 90;
    let from_w = if wide { 30 } else { 10 };
    let owner_w = 14;
    let fixed = 3 + 1 + owner_w + 1 + 11 + 1 + from_w + 1;
    let text_w = (body.width as usize).saturating_sub(fixed).max(8);
    let table_rows: Vec<Row> = rows
        .iter()
        .enumerate()
        .skip(offset)
        .take(fit)
        .map(|(i, (m, a))| {
            let overdue = action_is_overdue(a, s.today());
            let from = if wide && !m.value.focus.is_empty() {
                truncate(&format!("{} {}", m.value.date, m.value.focus), from_w)
            } else {
                m.value.date.to_string()
            };
            let due = a.due.map_or_else(String::new, |d| {
                format!("{}{d}", if overdue { "!" } else { "" })
            });
            let style = if i == s.app.actions.cursor {
                t.selected(s.app.pane == Pane::Main)
            } else if a.done {
                t.dim()
            } else {
                Style::default()
            };
            Row::new(vec![
                Cell::from(if a.done { "[x]" } else { "[ ]" }),
                Cell::from(truncate(&a.text, text_w)),
                Cell::from(a.owner.label()),
                Cell::from(Span::styled(
                    due,
                    if overdue { t.warn() } else { Style::default() },
                )),
                Cell::from(from),
            ])
            .style(style)
        })
        .collect();
    let widths = [
        Constraint::Length(3),
        Constraint::Fill(1),
        Constraint::Length(owner_w as u16),
        Constraint::Length(11),
        Constraint::Length(from_w as u16),
    ];
    let from = if wide { "From meeting" } else { "Meeting" };
    let header = Row::new(["", "Action", "Owner", "Due", from]).style(t.label());
    frame.render_widget(
        Table::new(table_rows, widths)
            .header(header)
            .column_spacing(1),
        body,
    );
}
