//! The dashboard: how the selected partnership is going, at a glance. It scrolls (j/k) when
//! the pane is too short for it; recognition reasons wrap rather than being cut.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{LineGauge, Sparkline, Widget};

use super::scroll::{Block, Doc};
use super::{Screen, View};
use crate::framework::readiness::MICRO_CREDENTIAL_FRAMEWORK;
use crate::model::{Cadence, RuleKind};

pub fn draw(frame: &mut Frame, area: Rect, s: &Screen, view: &View) {
    let d = doc(s, view, area.width);
    super::scroll::draw(
        frame,
        area,
        super::scroll::around(area),
        &d,
        s.app.scroll.dashboard,
    );
}

/// The dashboard as a document `width` wide: it scrolls when it is taller than its pane.
pub fn doc(s: &Screen, view: &View, width: u16) -> Doc<'static> {
    let mut d = Doc::new();
    // Everything here was computed when the journal or the selection changed, not per frame.
    let (Some(p), Some(report)) = (s.partner(), s.app.derived.report.as_ref()) else {
        return d;
    };
    let t = view.theme;
    let v = p.partnership();
    let gaps = &report.gaps;
    let work = &report.work;
    let mut lines = vec![Line::from(vec![
        Span::styled(format!("{} · {} · ", v.kind, v.pathway), t.dim()),
        Span::styled(
            v.focus
                .clone()
                .map(|f| format!("focus: {f} · "))
                .unwrap_or_default(),
            t.dim(),
        ),
        Span::styled(
            match v.end {
                Some(end) => format!("{} {} to {end}", v.status, v.start),
                None => format!("{} since {}", v.status, v.start),
            },
            t.dim(),
        ),
    ])];
    lines.push(Line::default());
    let last = match gaps.last {
        Some(d) => format!(
            "last {d} ({})",
            crate::model::days_ago(gaps.days_since_last)
        ),
        None => "none yet".into(),
    };
    lines.push(Line::from(vec![
        Span::styled("Meetings   ", t.label()),
        Span::raw(format!("{} held, {last}", gaps.meetings)),
    ]));
    if p.ended() {
        lines.push(Line::from(Span::styled(
            match v.end {
                Some(end) => format!("           ended {end}: no meetings due"),
                None => "           ended: no meetings due".to_string(),
            },
            t.dim(),
        )));
    } else if let Cadence::Lsis = v.cadence() {
        // The LSIS rhythm's target moves (a fortnight, then a month): say when it falls.
        let due = v
            .cadence()
            .due_after(gaps.last.unwrap_or(v.start), v.start)
            .map_or_else(|| "-".to_string(), |d| d.to_string());
        lines.push(if gaps.overdue {
            Line::from(Span::styled(
                format!(
                    "           ! {} days; LSIS rhythm: due {due}",
                    gaps.days_since_last
                ),
                t.warn(),
            ))
        } else {
            Line::from(Span::styled(
                format!("           on track: LSIS rhythm, next by {due}"),
                t.ok(),
            ))
        });
    } else if gaps.overdue {
        lines.push(Line::from(Span::styled(
            format!(
                "           ! {} days since the last; target every {}",
                gaps.days_since_last, v.cadence_days
            ),
            t.warn(),
        )));
    } else if v.cadence_days > 0 {
        lines.push(Line::from(Span::styled(
            format!("           on track: target every {} days", v.cadence_days),
            t.ok(),
        )));
    }
    let overdue = |n: usize| {
        if n > 0 {
            Span::styled(format!(", {n} overdue"), t.warn())
        } else {
            Span::raw("")
        }
    };
    lines.push(Line::from(vec![
        Span::styled("Goals      ", t.label()),
        Span::raw(format!("{} open", work.open_goals)),
        overdue(work.overdue_goals),
    ]));
    lines.push(Line::from(vec![
        Span::styled("Actions    ", t.label()),
        Span::raw(format!("{} open", work.open_actions)),
        overdue(work.overdue_actions),
    ]));
    lines.push(Line::default());
    lines.push(Line::from(Span::styled("Progress", t.label())));
    let mut recog: Vec<(Line<'static>, u16)> =
        vec![(Line::from(Span::styled("Recognition", t.label())), 2)];
    let mut mcf_heading = false;
    for r in &report.readiness {
        let first_missing = r.missing().into_iter().next();
        // Rules quoted from their source (ScotELAs) are shown one by one, each as the source
        // gives it; the others (stages, competencies) in one line.
        let quoted = r
            .rules
            .iter()
            .any(|x| x.source.is_some() && x.kind != RuleKind::Note);
        // The MCF's competencies, each a micro-credential, under one heading.
        let title = match r.scheme.split_once('/') {
            Some((MICRO_CREDENTIAL_FRAMEWORK, _)) => {
                if !mcf_heading {
                    mcf_heading = true;
                    recog.push((
                        Line::from(Span::styled(
                            "MCF competencies, a micro-credential each:",
                            t.dim(),
                        )),
                        2,
                    ));
                }
                let name = r
                    .title
                    .split_once(": ")
                    .map_or(r.title.as_str(), |(_, c)| c);
                let left = r.missing().len();
                recog.push((
                    Line::from(vec![
                        Span::styled(
                            format!("  {} {name} ", if r.ready { "✓" } else { "·" }),
                            if r.ready {
                                t.ok()
                            } else {
                                ratatui::style::Style::default()
                            },
                        ),
                        Span::styled(
                            if r.ready {
                                format!("ready (badge {})", r.scheme)
                            } else {
                                format!("{left} to go")
                            },
                            t.dim(),
                        ),
                    ]),
                    4,
                ));
                continue;
            }
            _ => r.title.trim_end_matches(':').to_string(),
        };
        recog.push((
            Line::from(vec![
                Span::styled(
                    format!("{} {title} ", if r.ready { "✓" } else { "·" }),
                    if r.ready {
                        t.ok()
                    } else {
                        ratatui::style::Style::default()
                    },
                ),
                Span::styled(
                    if r.ready {
                        "ready".to_string()
                    } else if quoted {
                        r.count_phrase()
                    } else {
                        format!(
                            "{}{}",
                            r.count_phrase(),
                            first_missing.map(|m| format!(": {m}")).unwrap_or_default()
                        )
                    },
                    t.dim(),
                ),
            ]),
            2,
        ));
        for rule in r.rules.iter().filter(|x| quoted || !x.blocks()) {
            if rule.kind == RuleKind::Note {
                recog.push((
                    Line::from(Span::styled(
                        format!("  [i] {}: {}", rule.rule, rule.missing.join("; ")),
                        t.dim(),
                    )),
                    6,
                ));
                continue;
            }
            let style = match (rule.met, rule.blocks()) {
                (true, _) => t.ok(),
                (false, true) => ratatui::style::Style::default(),
                (false, false) => t.warn(),
            };
            recog.push((
                Line::from(vec![
                    Span::styled(format!("  [{}] {} ", rule.mark(), rule.rule), style),
                    Span::styled(format!("({})", rule.label()), t.dim()),
                ]),
                6,
            ));
            if let Some(src) = &rule.source {
                recog.push((
                    Line::from(Span::styled(
                        format!("      \u{201c}{src}\u{201d}"),
                        t.dim(),
                    )),
                    7,
                ));
            }
            if let Some(m) = rule.missing.first() {
                let more = rule.missing.len() - 1;
                recog.push((
                    Line::from(Span::styled(
                        format!(
                            "      {}: {m}{}",
                            rule.missing_word(),
                            if more > 0 {
                                format!(" (and {more} more)")
                            } else {
                                String::new()
                            }
                        ),
                        style,
                    )),
                    6,
                ));
            }
        }
    }
    for l in &report.levels {
        let reached: Vec<String> = l
            .levels
            .iter()
            .map(|x| {
                format!(
                    "{} {}",
                    crate::model::first_line(&x.text),
                    x.level.as_deref().unwrap_or("–")
                )
            })
            .collect();
        recog.push((
            Line::from(Span::styled(
                format!("{}: {}", l.title, reached.join(" · ")),
                t.dim(),
            )),
            2,
        ));
    }
    let mut lines = lines.into_iter();
    if let Some(head) = lines.next() {
        d.line(head);
    }
    for l in lines {
        d.hanging(l, 11);
    }
    // Each gauge drawn into a row of its own.
    for fp in &report.progress {
        let total = fp.progress;
        let ratio = if total.total == 0 {
            0.0
        } else {
            total.achieved as f64 / total.total as f64
        };
        let label = super::truncate(&fp.title, (width as usize / 2).max(10));
        let gauge = LineGauge::default()
            .ratio(ratio.clamp(0.0, 1.0))
            .label(format!("{label} {}/{}", total.achieved, total.total))
            // Filled and empty differ in shape too, so the bar reads without colour.
            .filled_symbol("█")
            .unfilled_symbol("░")
            .filled_style(t.ok())
            .unfilled_style(t.dim());
        for row in drawn(gauge, width, 1) {
            d.push(Block::Row(row));
        }
    }
    d.blank();
    // Recognition reasons wrap, under their rule's mark.
    for (l, indent) in recog {
        d.hanging(l, indent);
    }
    d.blank();
    let counts = &s.app.derived.per_month;
    d.line(Span::styled(
        format!(
            "Meetings per month, last 12 months ({} in all)",
            counts.iter().sum::<u64>()
        ),
        t.label(),
    ));
    let w = (counts.len() as u16 * 3).min(width);
    let spread: Vec<u64> = counts.iter().flat_map(|c| [*c, *c, 0]).collect();
    for row in drawn(Sparkline::default().data(&spread).style(t.accent()), w, 4) {
        d.push(Block::Row(row));
    }
    // The months under their bars: the initial of each, oldest first.
    use chrono::Datelike;
    let today = s.today();
    let first = today.year() * 12 + today.month0() as i32 - 11;
    let initials: String = (0..12)
        .map(|i| {
            let m = (first + i).rem_euclid(12) as usize;
            format!("{:<3}", &"JFMAMJJASOND"[m..=m])
        })
        .collect();
    d.push(Block::Row(Line::from(Span::styled(initials, t.dim()))));
    d
}

/// A widget drawn into `w` x `h` cells, as rows for a document.
fn drawn(widget: impl Widget, w: u16, h: u16) -> Vec<Line<'static>> {
    let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
    widget.render(buf.area, &mut buf);
    super::scroll::buffer_lines(&buf)
}
