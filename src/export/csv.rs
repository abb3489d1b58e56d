//! CSV tables (RFC 4180): the action plan, the meeting log, or the ticks, one table a file.
//! Fields are quoted when they hold a comma, a quote, a line break or leading/trailing space;
//! records end with CRLF. Lists inside a cell (action items, review notes) are one a line.
//!
//! Safe to open in a spreadsheet: a cell that begins with a character a spreadsheet reads as
//! the start of a formula (`=`, `+`, `-`, `@`, tab, carriage return; and NUL, which OWASP's
//! ASVS adds) is neutralised as OWASP's "CSV Injection" page recommends: prefixed with a
//! single quote, which Excel and LibreOffice take as "this is text", and quoted. The file
//! starts with a UTF-8 byte-order mark unless asked not to, so that Excel and LibreOffice read
//! it as UTF-8 (accents and emoji) rather than in the system's legacy code page.

use super::{Export, item_one_line};

/// The UTF-8 byte-order mark that starts a CSV file by default.
pub const BOM: &str = "\u{feff}";

/// How to write a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CsvOptions {
    /// Start with a UTF-8 byte-order mark (the default).
    pub bom: bool,
}

impl Default for CsvOptions {
    fn default() -> CsvOptions {
        CsvOptions { bom: true }
    }
}

/// Whether a spreadsheet would read a cell starting with `s` as a formula (or, for tab and
/// carriage return, skip them and read what follows as one).
fn formula_like(s: &str) -> bool {
    s.starts_with(['=', '+', '-', '@', '\t', '\r', '\0'])
}

/// Which table to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    Goals,
    Meetings,
    Ticks,
}

/// One field, quoted as RFC 4180 asks when it must be, and neutralised when a spreadsheet
/// would read it as a formula (`=HYPERLINK(...)` becomes `"'=HYPERLINK(...)"`).
pub fn csv_field(s: &str) -> String {
    if formula_like(s) {
        return format!("\"'{}\"", s.replace('"', "\"\""));
    }
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

/// The table, header first, with a byte-order mark.
pub fn csv(x: &Export, table: Table) -> String {
    csv_with(x, table, CsvOptions::default())
}

/// The table, header first, written as `o` asks.
pub fn csv_with(x: &Export, table: Table, o: CsvOptions) -> String {
    let mut out = String::new();
    if o.bom {
        out.push_str(BOM);
    }
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
    fn cells_a_spreadsheet_would_run_are_neutralised() {
        assert_eq!(
            csv_field("=HYPERLINK(\"http://x\",\"y\")"),
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""
        );
        for s in ["+1", "-1+2", "@SUM(A1)", "\tx", "\r=1", "\0=1", "=1"] {
            let f = csv_field(s);
            assert!(f.starts_with("\"'"), "{s:?} -> {f:?}");
        }
        // Only the first character matters; text that merely holds one is left alone.
        assert_eq!(csv_field("a=b"), "a=b");
        assert_eq!(csv_field("e-mail"), "e-mail");
        assert_eq!(csv_field("'quoted"), "'quoted");
    }

    #[test]
    fn rows_end_with_crlf() {
        let mut s = String::new();
        row(&mut s, &["a", "b,c"]);
        assert_eq!(s, "a,\"b,c\"\r\n");
    }
}
