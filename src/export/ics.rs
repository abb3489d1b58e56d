//! iCalendar (RFC 5545): a VEVENT per meeting, an all-day VEVENT per goal target date and per
//! open action item with a due date. CRLF line endings, lines folded at 75 octets without
//! splitting a UTF-8 character.
//!
//! So that a calendar that imports the file again updates the events it has (RFC 5545
//! 3.8.7.4; RFC 5546 2.1.5: a higher SEQUENCE, or the same with a later DTSTAMP, is the newer
//! version), every event carries:
//! - DTSTAMP: when the export was made, in UTC ([`Export::stamp`]);
//! - SEQUENCE: the revision of the record the event comes from, as the whole seconds from
//!   2020-01-01T00:00:00Z to the time its file was last modified (the meeting's file for a
//!   meeting and its action items, the goal's for a target; asked of the file system through
//!   the core's `Partner::modified`, not kept in memory). Every save writes the file anew,
//!   so an edited meeting gets a higher SEQUENCE; an unchanged one keeps the same number from
//!   export to export (a hash of the content would be as steady but could go down after an
//!   edit, and a calendar ignores an update with a lower SEQUENCE; the export's own time would
//!   rise but would call every event changed on every export). Two saves within one second
//!   share a number, and then the later DTSTAMP still tells the newer. It fits the 32-bit
//!   INTEGER until 2088; a file older than 2020 gives 0.
//! - LAST-MODIFIED: the same time, in UTC.
//!
//! A meeting with a time starts at that (floating) local time and lasts its DURATION in
//! minutes; a meeting with a date only is a DATE event, and since a DATE's duration may only
//! be days or weeks (3.8.2.5), its length in minutes is left out.

use std::collections::HashMap;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use chrono::{DateTime, NaiveDate, Utc};

use super::{Export, capitalise};

/// 2020-01-01T00:00:00Z, the origin of SEQUENCE numbers.
const SEQUENCE_EPOCH: Duration = Duration::from_secs(1_577_836_800);

/// The SEQUENCE of an event from a record last modified at `t` (0 when unknown).
pub fn sequence(t: Option<SystemTime>) -> i32 {
    let Some(since) = t.and_then(|t| t.duration_since(UNIX_EPOCH + SEQUENCE_EPOCH).ok()) else {
        return 0;
    };
    i32::try_from(since.as_secs()).unwrap_or(i32::MAX)
}

fn utc_stamp(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

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

    fn begin_event(&mut self, uid: &str, modified: Option<SystemTime>) {
        self.line("BEGIN", "VEVENT");
        self.text("UID", uid);
        let stamp = self.stamp.clone();
        self.line("DTSTAMP", &stamp);
        self.line("SEQUENCE", &sequence(modified).to_string());
        if let Some(t) = modified {
            self.line("LAST-MODIFIED", &utc_stamp(crate::model::clock::utc_at(t)));
        }
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
        stamp: utc_stamp(x.stamp),
    };
    // When each meeting's and each goal's file was last modified, by id.
    let meetings_modified: HashMap<&str, SystemTime> =
        x.p.meetings()
            .into_iter()
            .filter_map(|m| Some((m.value.id.as_str(), x.p.modified(m)?)))
            .collect();
    let goals_modified: HashMap<&str, SystemTime> =
        x.p.goals()
            .into_iter()
            .filter_map(|g| Some((g.value.id.as_str(), x.p.modified(g)?)))
            .collect();
    let meeting_modified = |id: &str| meetings_modified.get(id).copied();
    c.line("BEGIN", "VCALENDAR");
    c.line("VERSION", "2.0");
    c.line("PRODID", PRODID);
    c.line("CALSCALE", "GREGORIAN");
    c.line("METHOD", "PUBLISH");
    c.text("X-WR-CALNAME", &format!("Mentoring with {}", p.name));

    for m in x.meetings() {
        c.begin_event(&format!("{}@mentorlog", m.id), meeting_modified(&m.id));
        match m.time {
            Some(t) => {
                c.line(
                    "DTSTART",
                    &format!("{}T{}", date(m.date), t.format("%H%M%S")),
                );
                if let Some(min) = m.duration_minutes.filter(|&n| n > 0) {
                    c.line("DURATION", &format!("PT{min}M"));
                }
            }
            // A DATE event lasts whole days: minutes are not a duration it may have.
            None => c.line("DTSTART;VALUE=DATE", &date(m.date)),
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
        c.begin_event(
            &format!("goal-{}@mentorlog", g.id),
            goals_modified.get(g.id.as_str()).copied(),
        );
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
            c.begin_event(
                &format!("action-{}-{}@mentorlog", m.id, a.id),
                meeting_modified(&m.id),
            );
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
    fn sequence_counts_seconds_from_2020_and_fits_an_integer() {
        assert_eq!(sequence(None), 0);
        assert_eq!(sequence(Some(UNIX_EPOCH)), 0);
        let t = UNIX_EPOCH + SEQUENCE_EPOCH + Duration::from_secs(90);
        assert_eq!(sequence(Some(t)), 90);
        assert!(sequence(Some(t + Duration::from_secs(1))) > sequence(Some(t)));
        let far = UNIX_EPOCH + Duration::from_secs(u64::from(u32::MAX) * 4);
        assert_eq!(sequence(Some(far)), i32::MAX);
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
