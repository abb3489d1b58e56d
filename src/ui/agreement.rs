//! The mentoring agreement (ScotELAs) and the evaluation of how it was kept. It scrolls (j/k)
//! when the pane is too short for it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::scroll::Doc;
use super::{Screen, View};
use crate::app::LIKERT;
use crate::model::AGREEMENT_OUTCOMES;

pub fn draw(frame: &mut Frame, area: Rect, s: &Screen, view: &View) {
    let d = doc(s, view);
    super::scroll::draw(
        frame,
        area,
        super::scroll::around(area),
        &d,
        s.app.scroll.agreement,
    );
}

/// The agreement and its evaluation, as a document to scroll.
pub fn doc(s: &Screen, view: &View) -> Doc<'static> {
    let t = view.theme;
    let mut d = Doc::new();
    let Some(p) = s.partner() else {
        return d;
    };
    let v = p.partnership();
    let mut lines = vec![Line::from(vec![
        Span::styled("Pathway: ", t.label()),
        Span::raw(match &v.focus {
            Some(f) => format!("{} (focus: {f})", v.pathway),
            None => v.pathway.to_string(),
        }),
    ])];
    match &v.agreement {
        None => {
            lines.push(Line::raw(""));
            lines.push(Line::from(Span::styled(
                "No mentoring agreement yet. Press e to write it together: at least three outcomes, \
                 both sides' responsibilities, ground rules for tone and logistics.",
                t.dim(),
            )));
        }
        Some(a) => {
            let section = |title: &str, items: &[String], lines: &mut Vec<Line>| {
                lines.push(Line::raw(""));
                lines.push(Line::from(Span::styled(title.to_string(), t.label())));
                if items.is_empty() {
                    lines.push(Line::from(Span::styled("  (none yet)", t.dim())));
                }
                for (n, i) in items.iter().enumerate() {
                    lines.push(Line::raw(format!("  {}. {i}", n + 1)));
                }
            };
            section("Outcomes for the mentee", &a.outcomes, &mut lines);
            if a.outcomes.len() < AGREEMENT_OUTCOMES {
                lines.push(Line::from(Span::styled(
                    format!(
                        "  ! {} outcome(s): at least {AGREEMENT_OUTCOMES} are needed",
                        a.outcomes.len()
                    ),
                    t.warn(),
                )));
            }
            section(
                "Mentee's responsibilities",
                &a.mentee_responsibilities,
                &mut lines,
            );
            section(
                "Mentor's responsibilities",
                &a.mentor_responsibilities,
                &mut lines,
            );
            section("Ground rules for tone", &a.tone_ground_rules, &mut lines);
            section(
                "Logistical ground rules",
                &a.logistics_ground_rules,
                &mut lines,
            );
            lines.push(Line::raw(""));
            let agreed = |who: &str, d: Option<chrono::NaiveDate>| match d {
                Some(d) => Line::from(vec![
                    Span::styled(format!("Agreed by the {who}: "), t.label()),
                    Span::styled(d.to_string(), t.ok()),
                ]),
                None => Line::from(vec![
                    Span::styled(format!("Agreed by the {who}: "), t.label()),
                    Span::styled("not yet", t.warn()),
                ]),
            };
            lines.push(agreed("mentee", a.agreed_by_mentee));
            lines.push(agreed("mentor", a.agreed_by_mentor));
            // Who agreed, in their own name, and whether the text changed since.
            for (said, changed) in p.agreed_lines(&a.agreed, &a.fingerprint()) {
                let mut spans = vec![Span::styled(said, t.ok())];
                if changed {
                    spans = vec![
                        Span::raw(spans.remove(0).content.into_owned()),
                        Span::styled(" (changed since agreed: a agrees again)", t.warn()),
                    ];
                }
                lines.push(Line::from(spans));
            }
            if !a.agreed.iter().any(|c| c.by == s.r.actor()) {
                lines.push(Line::from(Span::styled(
                    "a agrees to it, in your name, dated today",
                    t.dim(),
                )));
            }
        }
    }
    lines.push(Line::raw(""));
    match &v.evaluation {
        None => lines.push(Line::from(Span::styled(
            "Evaluation: not yet (v evaluates how the agreement was kept)",
            t.dim(),
        ))),
        Some(e) => {
            lines.push(Line::from(Span::styled(
                format!("Evaluation of {}", e.date),
                t.label(),
            )));
            for a in &e.answers {
                lines.push(Line::raw(format!(
                    "  {}: {}",
                    a.statement,
                    LIKERT.get(usize::from(a.score)).copied().unwrap_or("?")
                )));
            }
            if !e.comments.is_empty() {
                lines.push(Line::raw(format!("  Comments: {}", e.comments)));
            }
        }
    }
    // The sign-offs signed with a key, and whether each still holds.
    let sigs = p.signatures();
    if !sigs.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::from(Span::styled("Signed", t.label())));
        for c in &sigs {
            let style = match c.state {
                crate::journal::sign::SigState::Valid => t.ok(),
                _ => t.warn(),
            };
            lines.push(Line::from(Span::styled(format!("  {}", c.line()), style)));
        }
    }
    if v.agreement.is_some() && !sigs.iter().any(|c| c.signature.by == s.r.actor()) {
        lines.push(Line::from(Span::styled(
            "K signs the agreement with your SSH key (as `mentorlog sign` does)",
            t.dim(),
        )));
    }
    for l in lines {
        // An item's later rows start under its text ("  1. ", "  ").
        let text: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
        let indent = match text.strip_prefix("  ") {
            Some(rest) => {
                let digits = rest.chars().take_while(char::is_ascii_digit).count();
                if digits > 0 && rest[digits..].starts_with(". ") {
                    4 + digits
                } else {
                    4
                }
            }
            None => 0,
        };
        d.hanging(l, indent as u16);
    }
    d
}
