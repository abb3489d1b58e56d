//! iCalendar (RFC 5545): a VEVENT per meeting, an all-day VEVENT per goal target date and per
//! open action item with a due date. CRLF line endings, lines folded at 75 octets without
//! splitting a UTF-8 character, DTSTAMP at today 00:00:00Z so the output is deterministic.

use chrono::NaiveDate;

use super::{Export, capitalise};

const PRODID: &str = "-//mentorlog//mentorlog journal export//EN";

/// Escape a TEXT value: backslash, semicolon, comma, and line breaks as `\n`.
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            // Other control characters are not allowed in a TEXT value.
            c if c.is_control() && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// Fold one content line at 75 octets: continuation lines start with a space. Never splits a
/// UTF-8 character. Returns the folded line with CRLF after each part.
pub fn fold(line: &str) -> String {
    const LIMIT: usize = 75;
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3 + 2);
    let mut rest = line;
    let mut first = true;
    loop {
        // A continuation line's leading space counts toward its 75 octets.
        let room = if first { LIMIT } else { LIMIT - 1 };
        if !first {
            out.push(' ');
        }
        if rest.len() <= room {
            out.push_str(rest);
            out.push_str("\r\n");
            return out;
        }
        let mut cut = room;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n");
        rest = &rest[cut..];
        first = false;
    }
}

fn date(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

struct Cal {
    out: String,
    stamp: String,
}

impl Cal {
    fn line(&mut self, name: &str, value: &str) {
        self.out.push_str(&fold(&format!("{name}:{value}")));
    }

    fn text(&mut self, name: &str, value: &str) {
        self.line(name, &escape_text(value));
    }

    fn begin_event(&mut self, uid: &str) {
        self.line("BEGIN", "VEVENT");
        self.text("UID", uid);
        let stamp = self.stamp.clone();
        self.line("DTSTAMP", &stamp);
    }

    fn all_day(&mut self, d: NaiveDate) {
        self.line("DTSTART;VALUE=DATE", &date(d));
        // All day: the event ends (exclusive) the next day.
        if let Some(next) = d.succ_opt() {
            self.line("DTEND;VALUE=DATE", &date(next));
        }
        self.line("TRANSP", "TRANSPARENT");
    }
}

/// The calendar of one partnership.
pub fn ics(x: &Export) -> String {
    let p = x.partnership();
    let mut c = Cal {
        out: String::new(),
        stamp: format!("{}T000000Z", date(x.today)),
    };
    c.line("BEGIN", "VCALENDAR");
    c.line("VERSION", "2.0");
    c.line("PRODID", PRODID);
    c.line("CALSCALE", "GREGORIAN");
    c.line("METHOD", "PUBLISH");
    c.text("X-WR-CALNAME", &format!("Mentoring with {}", p.name));

    for m in x.meetings() {
        c.begin_event(&format!("{}@mentorlog", m.id));
        match m.time {
            Some(t) => c.line(
                "DTSTART",
                &format!("{}T{}", date(m.date), t.format("%H%M%S")),
            ),
            None => c.line("DTSTART;VALUE=DATE", &date(m.date)),
        }
        if let Some(min) = m.duration_minutes.filter(|&n| n > 0) {
            c.line("DURATION", &format!("PT{min}M"));
        }
        let focus = if m.focus.trim().is_empty() {
            capitalise(m.kind.label())
        } else {
            m.focus.trim().to_string()
        };
        c.text("SUMMARY", &format!("Mentoring: {focus}"));
        if !m.notes.is_empty() {
            c.text("DESCRIPTION", &m.notes);
        }
        c.text("CATEGORIES", "Mentoring");
        if m.private {
            c.line("CLASS", "PRIVATE");
        }
        c.line("END", "VEVENT");
    }

    for g in x.goals() {
        let Some(target) = g.target else { continue };
        c.begin_event(&format!("goal-{}@mentorlog", g.id));
        c.all_day(target);
        c.text("SUMMARY", &format!("Target: {}", g.objective.trim()));
        let mut desc = format!("Action plan goal with {} ({})", p.name, g.status);
        if !g.success_measures.is_empty() {
            desc.push_str(&format!("\nSuccess measures: {}", g.success_measures));
        }
        c.text("DESCRIPTION", &desc);
        c.text("CATEGORIES", "Mentoring");
        c.line("END", "VEVENT");
    }

    for m in x.meetings() {
        for a in m.action_items.iter().filter(|a| !a.done) {
            let Some(due) = a.due else { continue };
            c.begin_event(&format!("action-{}-{}@mentorlog", m.id, a.id));
            c.all_day(due);
            c.text("SUMMARY", &format!("Action: {}", a.text.trim()));
            c.text(
                "DESCRIPTION",
                &format!(
                    "Owner: {}. Agreed at the meeting of {} with {}.",
                    a.owner, m.date, p.name
                ),
            );
            c.text("CATEGORIES", "Mentoring");
            if m.private {
                c.line("CLASS", "PRIVATE");
            }
            c.line("END", "VEVENT");
        }
    }
    c.line("END", "VCALENDAR");
    c.out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_escapes_the_four_specials() {
        assert_eq!(escape_text("a\\b;c,d\ne"), "a\\\\b\\;c\\,d\\ne");
        assert_eq!(escape_text("x\r\ny"), "x\\ny");
        assert_eq!(escape_text("bell\u{7}"), "bell");
    }

    #[test]
    fn short_lines_are_not_folded() {
        assert_eq!(fold("SUMMARY:hi"), "SUMMARY:hi\r\n");
        let exact = "X".repeat(75);
        assert_eq!(fold(&exact), format!("{exact}\r\n"));
    }

    #[test]
    fn long_lines_fold_at_75_octets() {
        let line = "D".repeat(200);
        let folded = fold(&line);
        let parts: Vec<&str> = folded.split("\r\n").filter(|s| !s.is_empty()).collect();
        assert_eq!(parts[0].len(), 75);
        assert!(
            parts[1..]
                .iter()
                .all(|p| p.starts_with(' ') && p.len() <= 75)
        );
        let unfolded: String = folded.replace("\r\n ", "").replace("\r\n", "");
        assert_eq!(unfolded, line);
    }

    #[test]
    fn folding_never_splits_a_character() {
        // "é" is two octets and "😀" four: every cut must land between characters.
        for prefix in 0..5 {
            let line = format!("{}{}", "a".repeat(prefix), "é😀".repeat(40));
            let folded = fold(&line);
            for part in folded.split("\r\n") {
                assert!(part.len() <= 75, "{} octets", part.len());
            }
            // Splitting on the CRLF boundaries is on char boundaries, or this would not be a str.
            let unfolded = folded.replace("\r\n ", "").replace("\r\n", "");
            assert_eq!(unfolded, line);
        }
    }
}
