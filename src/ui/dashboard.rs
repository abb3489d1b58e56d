//! The dashboard: how the selected partnership is going, at a glance.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{LineGauge, Paragraph, Sparkline};

use super::{Screen, View};
use crate::model::Cadence;

pub fn draw(frame: &mut Frame, area: Rect, s: &Screen, view: &View) {
    // Everything here was computed when the journal or the selection changed, not per frame.
    let (Some(p), Some(report)) = (s.partner(), s.app.derived.report.as_ref()) else {
        return;
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
    let mut recog = vec![Line::from(Span::styled("Recognition", t.label()))];
    for r in &report.readiness {
        let met = r.rules.iter().filter(|x| x.met).count();
        let first_missing = r.missing().into_iter().next();
        recog.push(Line::from(vec![
            Span::styled(
                format!(
                    "{} {} ",
                    if r.ready { "✓" } else { "·" },
                    r.title.trim_end_matches(':')
                ),
                if r.ready {
                    t.ok()
                } else {
                    ratatui::style::Style::default()
                },
            ),
            Span::styled(
                if r.ready {
                    "ready".to_string()
                } else {
                    format!(
                        "{met}/{} rules{}",
                        r.rules.len(),
                        first_missing.map(|m| format!(": {m}")).unwrap_or_default()
                    )
                },
                t.dim(),
            ),
        ]));
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
        recog.push(Line::from(Span::styled(
            format!("{}: {}", l.title, reached.join(" · ")),
            t.dim(),
        )));
    }
    let text_h = lines.len() as u16;
    let gauges_h = report.progress.len() as u16;
    let recog_h = recog.len() as u16;
    let [
        text_area,
        gauge_area,
        _,
        recog_area,
        _,
        spark_title,
        spark_area,
    ] = Layout::vertical([
        Constraint::Length(text_h),
        Constraint::Length(gauges_h),
        Constraint::Length(1),
        Constraint::Length(recog_h),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(area);
    let width = recog_area.width as usize;
    let recog: Vec<Line> = recog
        .into_iter()
        .map(|l| {
            let text: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
            if super::text::width(&text) > width {
                // Keep the line to one row: cut the last span.
                let mut spans = l.spans;
                let head: usize = spans
                    .iter()
                    .take(spans.len().saturating_sub(1))
                    .map(|s| super::text::width(&s.content))
                    .sum();
                if let Some(last) = spans.last_mut() {
                    let cut = super::truncate(&last.content, width.saturating_sub(head));
                    *last = Span::styled(cut, last.style);
                }
                Line::from(spans)
            } else {
                l
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(recog), recog_area);
    frame.render_widget(Paragraph::new(lines), text_area);
    for (n, fp) in report.progress.iter().enumerate() {
        let total = fp.progress;
        let ratio = if total.total == 0 {
            0.0
        } else {
            total.achieved as f64 / total.total as f64
        };
        let r = Rect::new(gauge_area.x, gauge_area.y + n as u16, gauge_area.width, 1);
        if r.y >= gauge_area.bottom() {
            break;
        }
        let label = super::truncate(&fp.title, (area.width as usize / 2).max(10));
        frame.render_widget(
            LineGauge::default()
                .ratio(ratio.clamp(0.0, 1.0))
                .label(format!("{label} {}/{}", total.achieved, total.total))
                // Filled and empty differ in shape too, so the bar reads without colour.
                .filled_symbol("█")
                .unfilled_symbol("░")
                .filled_style(t.ok())
                .unfilled_style(t.dim()),
            r,
        );
    }
    if spark_area.height >= 2 {
        let counts = &s.app.derived.per_month;
        frame.render_widget(
            Paragraph::new(Span::styled(
                format!(
                    "Meetings per month, last 12 months ({} in all)",
                    counts.iter().sum::<u64>()
                ),
                t.label(),
            )),
            spark_title,
        );
        let w = (counts.len() as u16 * 3).min(spark_area.width);
        let spread: Vec<u64> = counts.iter().flat_map(|c| [*c, *c, 0]).collect();
        let bars = spark_area.height.saturating_sub(1).clamp(1, 4);
        frame.render_widget(
            Sparkline::default().data(&spread).style(t.accent()),
            Rect::new(spark_area.x, spark_area.y, w, bars),
        );
        // The months under their bars: the initial of each, oldest first.
        if spark_area.height > bars {
            use chrono::Datelike;
            let today = s.today();
            let first = today.year() * 12 + today.month0() as i32 - 11;
            let initials: String = (0..12)
                .map(|i| {
                    let m = (first + i).rem_euclid(12) as usize;
                    format!("{:<3}", &"JFMAMJJASOND"[m..=m])
                })
                .collect();
            frame.render_widget(
                Paragraph::new(Span::styled(initials, t.dim())),
                Rect::new(spark_area.x, spark_area.y + bars, w, 1),
            );
        }
    }
}
