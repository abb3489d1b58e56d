//! The domain: serde types for every record a journal keeps, and the pure rules derived from
//! them (progress, meeting gaps, overdue work). No I/O and nothing of the terminal here.

pub mod clock;
mod dates;
mod matcher;
mod members;
mod readiness;
mod records;
mod rules;
pub mod signature;
pub mod text;

pub use dates::{DateError, parse_date};
pub use matcher::{MAX_HAYSTACK, MAX_NEEDLE, Matcher, SkimMatcher, rank};
pub use members::{By, Member, member_id, owner_id};
pub use readiness::*;
pub use records::*;
pub use rules::*;
pub use signature::{Signature, Signed};

/// Schema version written into every file this build writes.
pub const SCHEMA_VERSION: u32 = 1;

/// How mentorlog reads RON: `Some(..)` may be left out around optional values, which keeps
/// hand-written files (frameworks above all) short.
pub fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
}

/// Today's date by this machine's clock, in its time zone. Never panics, whatever the clock
/// says (chrono's `Local::now` does before 1970).
pub fn today() -> chrono::NaiveDate {
    use std::time::{SystemTime, UNIX_EPOCH};
    let secs = match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
        Err(e) => -i64::try_from(e.duration().as_secs()).unwrap_or(i64::MAX),
    };
    chrono::DateTime::from_timestamp(secs, 0)
        .map(|utc| utc.with_timezone(&chrono::Local).date_naive())
        .unwrap_or_default()
}

/// The first line of a text (an item's text may carry points under it), trimmed.
pub fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or("").trim()
}

/// Short, readable, collision-resistant record id (6 characters of [a-z0-9]).
pub fn new_id() -> String {
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyz23456789";
    (0..6)
        .map(|_| ALPHABET[fastrand::usize(..ALPHABET.len())] as char)
        .collect()
}

/// A lowercase ASCII slug for file and partnership ids ("Sam Lee" -> "sam-lee").
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out.truncate(40);
    while out.ends_with('-') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slug_is_readable_ascii() {
        assert_eq!(slug("Sam Lee"), "sam-lee");
        assert_eq!(slug("  Dr. Ana  María O'Neil "), "dr-ana-mar-a-o-neil");
        assert_eq!(slug("李雷"), "");
        assert_eq!(slug("a--b"), "a-b");
    }

    #[test]
    fn ids_are_short_and_distinct() {
        let a = new_id();
        let b = new_id();
        assert_eq!(a.len(), 6);
        assert_ne!(a, b);
    }
}
