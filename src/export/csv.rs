//! CSV tables (RFC 4180): the action plan, the meeting log, or the ticks, one table a file.
//! Fields are quoted when they hold a comma, a quote, a line break or leading/trailing space;
//! records end with CRLF. Lists inside a cell (action items, review notes) are one a line.

use super::{Export, item_one_line};

/// Which table to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    Goals,
    Meetings,
    Ticks,
}

/// One field, quoted as RFC 4180 asks when it must be.
pub fn csv_field(s: &str) -> String {
    let needs = s.contains([',', '"', '\n', '\r'])
        || s.starts_with(char::is_whitespace)
        || s.ends_with(char::is_whitespace);
    if needs {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn row<S: AsRef<str>>(out: &mut String, fields: &[S]) {
    let line: Vec<String> = fields.iter().map(|f| csv_field(f.as_ref())).collect();
    out.push_str(&line.join(","));
    out.push_str("\r\n");
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

fn yes(b: bool) -> String {
    if b { "yes" } else { "no" }.to_string()
}

/// The table, header first.
pub fn csv(x: &Export, table: Table) -> String {
    let mut out = String::new();
    match table {
        Table::Goals => {
            row(
                &mut out,
                &[
                    "ID",
                    "Created",
                    "Learning goal",
                    "Objective",
                    "Mentee's actions",
                    "Mentor's actions",
                    "Support network's actions",
                    "Potential barriers",
                    "Success measures",
                    "Target completion date",
                    "Status",
                    "Review notes",
                ],
            );
            for g in x.goals() {
                let reviews: Vec<String> = g
                    .reviews
                    .iter()
                    .map(|r| format!("{}: {}", r.date, r.note))
                    .collect();
                row(
                    &mut out,
                    &[
                        g.id.clone(),
                        g.created.to_string(),
                        g.learning_goal.clone(),
                        g.objective.clone(),
                        g.mentee_actions.clone(),
                        g.mentor_actions.clone(),
                        g.support_actions.clone(),
                        g.barriers.clone(),
                        g.success_measures.clone(),
                        opt(g.target),
                        g.status.to_string(),
                        reviews.join("\n"),
                    ],
                );
            }
        }
        Table::Meetings => {
            row(
                &mut out,
                &[
                    "ID",
                    "Date",
                    "Time",
                    "Duration (minutes)",
                    "Mode",
                    "Type",
                    "Focus",
                    "Notes",
                    "Outcomes",
                    "Action items",
                    "Goals discussed",
                    "Evidences",
                    "Tags",
                    "Private",
                ],
            );
            for m in x.meetings() {
                let actions: Vec<String> = m
                    .action_items
                    .iter()
                    .map(|a| {
                        format!(
                            "[{}] {} ({}{})",
                            if a.done { "x" } else { " " },
                            a.text,
                            a.owner,
                            a.due.map(|d| format!(", due {d}")).unwrap_or_default()
                        )
                    })
                    .collect();
                row(
                    &mut out,
                    &[
                        m.id.clone(),
                        m.date.to_string(),
                        opt(m.time.map(|t| t.format("%H:%M"))),
                        opt(m.duration_minutes),
                        m.mode.to_string(),
                        m.kind.to_string(),
                        m.focus.clone(),
                        m.notes.clone(),
                        m.outcomes.clone(),
                        actions.join("\n"),
                        m.goals.join(" "),
                        m.evidences.join(" "),
                        m.tags.join(" "),
                        yes(m.private),
                    ],
                );
            }
        }
        Table::Ticks => {
            row(
                &mut out,
                &[
                    "Framework",
                    "Item",
                    "Item text",
                    "Date",
                    "Level",
                    "Evidence meetings",
                    "Evidence notes",
                    "Evidence files",
                    "Verified by",
                    "Verifier's role",
                    "Verified on",
                    "Verification comment",
                ],
            );
            for sheet in x.tick_sheets() {
                let fw = x.set.get(&sheet.framework);
                for (item, t) in &sheet.ticks {
                    let text = fw
                        .and_then(|f| f.item(item))
                        .map(|i| item_one_line(&i.text))
                        .unwrap_or_default();
                    let meetings: Vec<String> = t
                        .evidence
                        .meetings
                        .iter()
                        .filter(|id| x.p.may_see_link(id))
                        .map(|id| match x.visible_meeting(id) {
                            Some(m) if m.focus.is_empty() => format!("{} ({})", id, m.date),
                            Some(m) => format!("{} ({}: {})", id, m.date, m.focus),
                            None => id.clone(),
                        })
                        .collect();
                    let v = t.verification.as_ref();
                    row(
                        &mut out,
                        &[
                            sheet.framework.clone(),
                            item.clone(),
                            text,
                            t.date.to_string(),
                            opt(t.level.as_ref()),
                            meetings.join("\n"),
                            t.evidence.notes.join("\n"),
                            t.evidence.files.join("\n"),
                            opt(v.map(|v| &v.name)),
                            opt(v.and_then(|v| v.role.as_ref())),
                            opt(v.map(|v| v.date)),
                            opt(v.map(|v| &v.comment)),
                        ],
                    );
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_only_when_they_must_be() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field(""), "");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
        assert_eq!(csv_field("cr\r"), "\"cr\r\"");
        assert_eq!(csv_field(" padded"), "\" padded\"");
    }

    #[test]
    fn rows_end_with_crlf() {
        let mut s = String::new();
        row(&mut s, &["a", "b,c"]);
        assert_eq!(s, "a,\"b,c\"\r\n");
    }
}
