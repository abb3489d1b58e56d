//! Rendering only: one module per pane or popup. Reads the app state, draws it, never does I/O.

pub mod actions;
pub mod agreement;
pub mod checklists;
pub mod dashboard;
pub mod goals;
pub mod keymap;
pub mod meetings;
pub mod popups;
pub mod reflections;
pub mod scroll;
mod status;
mod text;
pub mod theme;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph, Wrap};

use crate::app::checklist::Row;
use crate::app::{App, Hits, List, Pane, ReflRow, ScrollTo, Scroller, Spot, Tab};
use crate::framework::{Framework, FrameworkSet};
use crate::journal::{Journal, Partner, Reader};
use crate::model::{Goal, Meeting};
use crate::store::Loaded;

pub use keymap::{Context, Keymap};
pub use text::truncate;
pub use theme::Theme;

/// Below this the layout cannot show a useful screen: a message says so instead.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

/// Everything drawing needs besides the app state.
pub struct View<'a> {
    pub theme: &'a Theme,
    pub keymap: &'a Keymap,
}

/// What a frame draws: the screen's state, and the journal as this screen may see it; and,
/// as it draws, where it put what the mouse can point at.
pub struct Screen<'a> {
    pub app: &'a App,
    pub r: Reader<'a>,
    hits: std::cell::RefCell<Hits>,
}

impl<'a> Screen<'a> {
    pub fn new(app: &'a App, j: &'a Journal) -> Screen<'a> {
        Screen {
            app,
            r: app.reader(j),
            hits: Default::default(),
        }
    }

    /// Note that `r` on screen shows `spot`, for the mouse.
    pub fn hit(&self, r: Rect, spot: Spot) {
        self.hits.borrow_mut().push(r, spot);
    }

    pub fn today(&self) -> chrono::NaiveDate {
        self.r.today()
    }

    pub fn frameworks(&self) -> &'a FrameworkSet {
        self.r.frameworks()
    }

    pub fn partner(&self) -> Option<Partner<'a>> {
        self.app.partner(&self.r)
    }

    pub fn meetings(&self) -> Vec<&'a Loaded<Meeting>> {
        self.app.meetings(&self.r)
    }

    pub fn goals(&self) -> Vec<&'a Loaded<Goal>> {
        self.app.goals(&self.r)
    }

    pub fn reflection_rows(&self) -> Vec<ReflRow<'a>> {
        self.app.reflection_rows(&self.r)
    }

    pub fn checklist_rows(&self) -> Vec<Row<'a>> {
        self.app.checklist_rows(&self.r)
    }

    pub fn checklist_framework(&self) -> Option<&'a Framework> {
        self.app.checklist_framework(&self.r)
    }

    pub fn partner_frameworks(&self) -> Vec<&'a Framework> {
        self.app.partner_frameworks(&self.r)
    }
}

/// Rows of the main pane's list area, for PageUp/PageDown.
pub fn page_rows(area: Rect) -> usize {
    area.height.saturating_sub(6).max(1) as usize
}

/// Where the parts of the screen go, on a terminal of `area` with a status bar of `status_h`
/// rows (the main pane's inside is `main` less its border).
struct Areas {
    top: Rect,
    body: Rect,
    bottom: Rect,
    sidebar: Rect,
    main: Rect,
}

fn areas(area: Rect, status_h: u16) -> Areas {
    let [top, body, bottom] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(status_h),
    ])
    .areas(area);
    let side = (area.width / 4).clamp(18, 30);
    let [sidebar, main] =
        Layout::horizontal([Constraint::Length(side), Constraint::Fill(1)]).areas(body);
    Areas {
        top,
        body,
        bottom,
        sidebar,
        main,
    }
}

/// Draw the screen; returns where it put what the mouse can point at.
pub fn draw(frame: &mut Frame, app: &App, j: &Journal, view: &View) -> Hits {
    let s = &Screen::new(app, j);
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, area, view);
        return Hits::default();
    }
    let status = status::lines(s, view, area.width);
    let Areas {
        top,
        body,
        bottom,
        sidebar,
        main,
    } = areas(area, status.len() as u16);

    tabs(frame, top, s, view);
    partnerships(frame, sidebar, s, view);
    let focused = s.app.pane == Pane::Main;
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Plain
        })
        .border_style(view.theme.border(focused))
        .title(Span::styled(
            format!(" {} ", s.partner().map_or("", |p| p.name())),
            view.theme.title(),
        ));
    let inner = block.inner(main);
    frame.render_widget(block, main);
    s.hit(main, Spot::Pane(Pane::Main));
    if matches!(s.app.tab, Tab::Dashboard | Tab::Agreement) {
        s.hit(inner, Spot::Text(Scroller::Pane(s.app.tab)));
    }
    if s.partner().is_some() {
        match s.app.tab {
            Tab::Dashboard => dashboard::draw(frame, inner, s, view),
            Tab::Meetings => meetings::draw(frame, inner, s, view),
            Tab::Goals => goals::draw(frame, inner, s, view),
            Tab::Checklists => checklists::draw(frame, inner, s, view),
            Tab::Reflections => reflections::draw(frame, inner, s, view),
            Tab::Agreement => agreement::draw(frame, inner, s, view),
            Tab::Actions => actions::draw(frame, inner, s, view),
        }
    }
    frame.render_widget(Paragraph::new(status), bottom);

    for overlay in &s.app.overlays {
        popups::draw(frame, body, overlay, s, view);
    }
    s.hits.take()
}

fn too_small(frame: &mut Frame, area: Rect, view: &View) {
    let text = format!(
        "mentorlog needs a terminal of at least {MIN_WIDTH}x{MIN_HEIGHT}; this one is {}x{}. \
         Make the window larger, or press q to quit.",
        area.width, area.height
    );
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(text)
            .style(view.theme.warn())
            .wrap(Wrap { trim: true }),
        area,
    );
}

fn tabs(frame: &mut Frame, area: Rect, s: &Screen, view: &View) {
    // The fullest tab line that fits: with the name and tab numbers, then without each, then
    // the short names: every tab is always there, and the current one marked.
    let build = |title: bool, numbers: bool, short: bool, gap: bool| {
        let mut spans = Vec::new();
        if title {
            spans.push(Span::styled(" mentorlog ", view.theme.title()));
        }
        for (n, tab) in Tab::ALL.iter().enumerate() {
            let style = if *tab == s.app.tab {
                Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD)
            } else {
                view.theme.dim()
            };
            if gap {
                spans.push(Span::raw(" "));
            }
            let name = if short { tab.short() } else { tab.title() };
            let label = if numbers {
                format!(" {} {name} ", n + 1)
            } else {
                format!(" {name} ")
            };
            spans.push(Span::styled(label, style));
        }
        spans
    };
    let width = |spans: &[Span]| spans.iter().map(|s| text::width(&s.content)).sum::<usize>();
    // In review mode (or in the demo) the banner must always show: it takes its room before
    // the tabs do.
    // A member's session names the member.
    let banners: [String; 3] = if let Some(l) = &s.app.locked {
        let first = l.name.split_whitespace().next().unwrap_or("").to_string();
        [
            format!(" {} · {} ", l.name, l.role),
            format!(" {} ", l.name),
            format!(" {first} "),
        ]
    } else if s.app.demo {
        [
            " DEMO: not your journal, q leaves ",
            " DEMO: q leaves ",
            " DEMO ",
        ]
        .map(String::from)
    } else {
        [
            " REVIEW MODE: private notes hidden ",
            " REVIEW MODE ",
            " REVIEW ",
        ]
        .map(String::from)
    };
    let banner_on = s.app.review || s.app.demo || s.app.locked.is_some();
    let reserve = if banner_on {
        text::width(&banners[2]) + 1
    } else {
        0
    };
    let avail = (area.width as usize).saturating_sub(reserve);
    let spans = [
        (true, true, false, true),
        (false, true, false, true),
        (false, false, false, true),
        (false, true, true, true),
        (false, true, true, false),
        (false, false, true, true),
        (false, false, true, false),
    ]
    .into_iter()
    .map(|(t, n, short, gap)| build(t, n, short, gap))
    .find(|s| width(s) <= avail)
    .unwrap_or_else(|| build(false, false, true, false));
    let used = width(&spans);
    // Each tab's label, for a click: the spans after the name are a gap and a label a tab.
    let mut x = area.x as usize;
    let mut labels = Vec::new();
    for sp in &spans {
        let w = text::width(&sp.content);
        if sp.content.trim().is_empty() || sp.content == " mentorlog " {
            x += w;
            continue;
        }
        labels.push((x, w));
        x += w;
    }
    for ((x, w), tab) in labels.into_iter().zip(Tab::ALL) {
        let w = w.min((area.right() as usize).saturating_sub(x)) as u16;
        s.hit(Rect::new(x as u16, area.y, w, 1), Spot::Tab(tab));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
    if banner_on {
        let room = (area.width as usize).saturating_sub(used + 1);
        let banner = banners
            .iter()
            .find(|b| text::width(b) <= room)
            .unwrap_or(&banners[2])
            .clone();
        let w = (text::width(&banner) as u16).min(area.width);
        let r = Rect::new(area.right() - w, area.y, w, 1);
        frame.render_widget(
            Paragraph::new(Span::styled(
                banner,
                view.theme.warn().add_modifier(Modifier::REVERSED),
            )),
            r,
        );
    }
}

fn partnerships(frame: &mut Frame, area: Rect, s: &Screen, view: &View) {
    let focused = s.app.pane == Pane::Sidebar;
    let ended = |p: &Partner| p.ended();
    let overdue = |p: &Partner| p.meeting_overdue(s.today());
    let partners = s.r.partnerships();
    let mut block = Block::default()
        .borders(Borders::ALL)
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Plain
        })
        .border_style(view.theme.border(focused))
        .title(Span::styled(" Partnerships ", view.theme.title()));
    // What the marks mean, where there is one to explain.
    if partners.iter().any(overdue) {
        // The legend in full where it fits, else shorter (never cut).
        let legend = if area.width >= 20 {
            " ! meeting overdue "
        } else {
            " ! overdue "
        };
        block = block.title_bottom(Span::styled(legend, view.theme.warn()));
    }
    if partners.iter().any(ended) {
        block = block.title_bottom(Span::styled(" - ended ", view.theme.dim()));
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    s.hit(area, Spot::Pane(Pane::Sidebar));
    let rows = inner.height as usize;
    let offset = s.app.selected.saturating_sub(rows.saturating_sub(1));
    for (n, i) in (offset..partners.len()).take(rows).enumerate() {
        let r = Rect::new(inner.x, inner.y + n as u16, inner.width, 1);
        s.hit(r, Spot::Row(List::Sidebar, i));
    }
    let width = inner.width as usize;
    let lines: Vec<Line> = partners
        .iter()
        .enumerate()
        .skip(offset)
        .take(rows)
        .map(|(i, p)| {
            let v = p.partnership();
            let late = overdue(p);
            let mark = match (late, ended(p)) {
                (true, _) => "!",
                (_, true) => "-",
                _ => " ",
            };
            // A stand-in, named after its folder, while its record is read.
            let ellipsis = if p.pending() { "…" } else { "" };
            let text = truncate(&format!("{mark}{}{ellipsis}", v.name), width);
            let text = format!(
                "{text}{}",
                " ".repeat(width.saturating_sub(text::width(&text)))
            );
            let style = if i == s.app.selected {
                view.theme.selected(focused)
            } else if late {
                view.theme.warn()
            } else if ended(p) || p.pending() {
                view.theme.dim()
            } else {
                Style::default()
            };
            Line::from(Span::styled(text, style))
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
    scroll::list_bar(frame.buffer_mut(), inner, offset, partners.len());
}

/// What a key needs to know of a terminal of `size`: the rows a page holds, and where each
/// scroll key would take the text the keys scroll now.
pub fn viewport(app: &App, j: &Journal, keymap: &Keymap, size: (u16, u16)) -> crate::app::Viewport {
    let (w, h) = size;
    let page = page_rows(Rect::new(0, 0, w, h));
    let scroll = app
        .scroller()
        .and_then(|sc| scroll_targets(app, j, keymap, size, sc));
    crate::app::Viewport { page, scroll }
}

/// Where each scroll key (and the mouse wheel) would take `scroller` on a terminal of `size`,
/// laid out as the next frame will draw it; only the rows around the window are wrapped.
pub fn scroll_targets(
    app: &App,
    j: &Journal,
    keymap: &Keymap,
    size: (u16, u16),
    scroller: Scroller,
) -> Option<ScrollTo> {
    let (w, h) = size;
    if w < MIN_WIDTH || h < MIN_HEIGHT {
        return None;
    }
    let theme = Theme::default();
    let view = View {
        theme: &theme,
        keymap,
    };
    let s = Screen::new(app, j);
    let area = Rect::new(0, 0, w, h);
    let a = areas(area, status::lines(&s, &view, w).len() as u16);
    let anchor = app.anchor(scroller)?;
    let inner = Block::default().borders(Borders::ALL).inner(a.main);
    let (doc, inner) = match scroller {
        Scroller::Pane(Tab::Dashboard) => (dashboard::doc(&s, &view, inner.width), inner),
        Scroller::Pane(Tab::Agreement) => (agreement::doc(&s, &view), inner),
        Scroller::Pane(_) => return None,
        Scroller::Popup => {
            let (doc, r) = popups::doc(app.overlays.last()?, &s, &view, a.body)?;
            (doc, Block::default().borders(Borders::ALL).inner(r))
        }
    };
    Some(doc.targets(anchor, inner.width as usize, inner.height as usize))
}

/// A centred rectangle, `w` x `h` at most, inside `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}
