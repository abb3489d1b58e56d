//! The cohort full screen: a table of mentors and partnerships against each scheme, sorted
//! (`s` cycles the column), filtered (`/` and type; `f` shows only what is not ready), with
//! what is missing for the row under the cursor below. Bundles come from other people's
//! machines: every text is cleaned of control characters before it is drawn.

use std::time::Duration;

use ratatui::Frame;
use ratatui::crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::layout::{Constraint, Layout};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row as TRow, Table, TableState, Wrap};

use super::Row;
use crate::model::text::clean;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    Mentor,
    Partnership,
    Scheme,
    Ready,
    Missing,
}

impl Sort {
    const ALL: [Sort; 5] = [
        Sort::Mentor,
        Sort::Partnership,
        Sort::Scheme,
        Sort::Ready,
        Sort::Missing,
    ];

    fn name(self) -> &'static str {
        match self {
            Sort::Mentor => "mentor",
            Sort::Partnership => "partnership",
            Sort::Scheme => "scheme",
            Sort::Ready => "ready first",
            Sort::Missing => "most missing",
        }
    }
}

/// The screen's state.
pub struct View {
    pub rows: Vec<Row>,
    pub sort: Sort,
    pub filter: String,
    pub typing: bool,
    pub not_ready_only: bool,
    pub cursor: usize,
    pub quit: bool,
}

impl View {
    pub fn new(rows: Vec<Row>) -> View {
        View {
            rows,
            sort: Sort::Mentor,
            filter: String::new(),
            typing: false,
            not_ready_only: false,
            cursor: 0,
            quit: false,
        }
    }

    /// The rows shown, in order.
    pub fn visible(&self) -> Vec<&Row> {
        let needle = self.filter.to_lowercase();
        let mut v: Vec<&Row> = self
            .rows
            .iter()
            .filter(|r| !self.not_ready_only || !r.ready)
            .filter(|r| needle.is_empty() || r.haystack().contains(&needle))
            .collect();
        let key = |r: &Row| (r.mentor.clone(), r.partnership.clone(), r.scheme.clone());
        match self.sort {
            Sort::Mentor => v.sort_by_key(|r| key(r)),
            Sort::Partnership => v.sort_by_key(|r| (r.partnership.clone(), r.scheme.clone())),
            Sort::Scheme => v.sort_by_key(|r| (r.scheme.clone(), key(r))),
            Sort::Ready => v.sort_by_key(|r| (!r.ready, key(r))),
            Sort::Missing => v.sort_by_key(|r| (std::cmp::Reverse(r.missing.len()), key(r))),
        }
        v
    }

    pub fn key(&mut self, k: KeyEvent) {
        if k.kind != KeyEventKind::Press {
            return;
        }
        if self.typing {
            match k.code {
                KeyCode::Enter | KeyCode::Esc => self.typing = false,
                KeyCode::Backspace => {
                    self.filter.pop();
                }
                KeyCode::Char(c) if !k.modifiers.contains(KeyModifiers::CONTROL) => {
                    self.filter.push(c)
                }
                _ => {}
            }
            self.cursor = 0;
            return;
        }
        let n = self.visible().len();
        match k.code {
            KeyCode::Char('q') | KeyCode::Esc => self.quit = true,
            KeyCode::Char('c') if k.modifiers.contains(KeyModifiers::CONTROL) => self.quit = true,
            KeyCode::Char('j') | KeyCode::Down => {
                self.cursor = (self.cursor + 1).min(n.saturating_sub(1))
            }
            KeyCode::Char('k') | KeyCode::Up => self.cursor = self.cursor.saturating_sub(1),
            KeyCode::Char('g') | KeyCode::Home => self.cursor = 0,
            KeyCode::Char('G') | KeyCode::End => self.cursor = n.saturating_sub(1),
            KeyCode::Char('s') => {
                let i = Sort::ALL.iter().position(|s| *s == self.sort).unwrap_or(0);
                self.sort = Sort::ALL[(i + 1) % Sort::ALL.len()];
            }
            KeyCode::Char('f') => {
                self.not_ready_only = !self.not_ready_only;
                self.cursor = 0;
            }
            KeyCode::Char('/') => self.typing = true,
            _ => {}
        }
    }

    pub fn draw(&self, f: &mut Frame) {
        let area = f.area();
        let rows = self.visible();
        let [top, table_area, detail, bottom] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(3),
            Constraint::Length(7.min(area.height / 3)),
            Constraint::Length(1),
        ])
        .areas(area);
        let ready = rows.iter().filter(|r| r.ready).count();
        f.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled(
                    " mentorlog cohort ",
                    Style::default().add_modifier(Modifier::BOLD),
                ),
                Span::raw(format!(
                    " {} rows, {ready} ready · sorted by {}{}{}",
                    rows.len(),
                    self.sort.name(),
                    if self.not_ready_only {
                        " · not ready only"
                    } else {
                        ""
                    },
                    if self.filter.is_empty() {
                        String::new()
                    } else {
                        format!(" · filter '{}'", clean(&self.filter))
                    }
                )),
            ])),
            top,
        );
        let header = TRow::new([
            "Mentor",
            "Partnership",
            "Scheme",
            "Ready",
            "Missing",
            "Flags",
        ])
        .style(Style::default().add_modifier(Modifier::BOLD));
        let body: Vec<TRow> = rows
            .iter()
            .map(|r| {
                let flag = if r.flags.any() { "!" } else { "" };
                TRow::new(vec![
                    Cell::from(clean(&r.mentor)),
                    Cell::from(clean(&r.partnership)),
                    Cell::from(clean(&r.title)),
                    Cell::from(if r.ready { "✓" } else { "·" }),
                    Cell::from(r.missing.len().to_string()),
                    Cell::from(Span::styled(flag, Style::default().fg(Color::Red))),
                ])
            })
            .collect();
        let table = Table::new(
            body,
            [
                Constraint::Percentage(20),
                Constraint::Percentage(22),
                Constraint::Percentage(38),
                Constraint::Length(5),
                Constraint::Length(7),
                Constraint::Length(5),
            ],
        )
        .header(header)
        .block(Block::default().borders(Borders::ALL))
        .row_highlight_style(Style::default().add_modifier(Modifier::REVERSED));
        let mut state = TableState::default().with_selected(Some(self.cursor));
        f.render_stateful_widget(table, table_area, &mut state);
        let mut lines: Vec<Line> = Vec::new();
        if let Some(r) = rows.get(self.cursor) {
            if r.flags.any() {
                lines.push(Line::from(Span::styled(
                    format!("! {}", clean(&r.flags.text())),
                    Style::default().fg(Color::Red),
                )));
            }
            if r.missing.is_empty() {
                lines.push(Line::raw(format!("{}: nothing missing", clean(&r.title))));
            }
            if r.ready && !r.flags.any() {
                lines.push(Line::raw(
                    "Ready: `mentorlog cohort BUNDLES --issue DIR --issuer-key KEY --issuer-name \
                     NAME --recipients FILE` issues the badge of everyone ready",
                ));
            }
            for m in &r.missing {
                lines.push(Line::raw(format!("· {}", clean(m))));
            }
        } else {
            lines.push(Line::raw(
                "No row matches: / changes the filter, f shows every row",
            ));
        }
        f.render_widget(
            Paragraph::new(lines)
                .wrap(Wrap { trim: true })
                .block(Block::default().borders(Borders::TOP).title(" Missing ")),
            detail,
        );
        let keys = if self.typing {
            " type to filter  Enter done  Esc done".to_string()
        } else {
            " j/k move  s sort  f not ready only  / filter  q quit".to_string()
        };
        f.render_widget(Paragraph::new(keys), bottom);
    }
}

/// Show the cohort full screen until q.
pub fn run(rows: Vec<Row>) -> anyhow::Result<()> {
    let mut view = View::new(rows);
    let mut terminal = ratatui::init();
    let result = (|| -> anyhow::Result<()> {
        let mut dirty = true;
        while !view.quit {
            if dirty {
                terminal.draw(|f| view.draw(f))?;
            }
            dirty = event::poll(Duration::from_millis(200))?;
            if dirty && let Event::Key(k) = event::read()? {
                view.key(k);
            }
        }
        Ok(())
    })();
    ratatui::restore();
    result
}
