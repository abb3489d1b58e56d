//! Reading a jrnl export (`jrnl --export json`): each entry becomes a meeting: its date and
//! time, its title as the focus, its body as the notes, its tags kept, a starred entry tagged
//! `starred`. jrnl records no mode or type, so neither is made up: both are `NotRecorded`.
//! The whole file is read and checked before anything is written;
//! `Journal::import_meetings` writes them, all or none.
//!
//! Every entry is imported, an exact duplicate too (jrnl keeps both). Entries jrnl wrote in
//! the same minute keep jrnl's order: the meetings of the log are ordered by date, time and
//! then id, so their ids are drawn at random and handed out in sorted order.
//!
//! The file's bytes may be UTF-8, with or without a byte-order mark, or UTF-16 (what
//! PowerShell's `>` writes), little or big endian, told by its byte-order mark (or, without
//! one, by the zero bytes around the opening `{`).

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveTime};
use serde::Deserialize;

use crate::model::{Meeting, MeetingMode, MeetingType, new_id};

#[derive(Debug, Deserialize)]
struct Export {
    entries: Vec<Entry>,
}

#[derive(Debug, Deserialize)]
struct Entry {
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
    date: String,
    #[serde(default)]
    time: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    starred: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error(
        "{file}:{line}:{col}: not a jrnl JSON export ({message}); make one with `jrnl --export json > FILE.json`"
    )]
    Format {
        file: String,
        line: usize,
        col: usize,
        message: String,
    },
    #[error("{file}: entry {entry} ({title:?}): {message}; nothing was imported")]
    Entry {
        file: String,
        entry: usize,
        title: String,
        message: String,
    },
    #[error(
        "{file}: {message}; save the export as UTF-8 (or UTF-16 with a byte-order mark) and try again"
    )]
    Encoding { file: String, message: String },
}

/// The text of a file's bytes: UTF-8 (a leading byte-order mark dropped) or UTF-16 LE or BE
/// (by its byte-order mark, or by the zero byte beside an ASCII first character).
pub fn decode_text(file: &str, bytes: &[u8]) -> Result<String, ImportError> {
    let bad = |message: String| ImportError::Encoding {
        file: file.to_string(),
        message,
    };
    let utf16 = |body: &[u8], little: bool, what: &str| {
        if !body.len().is_multiple_of(2) {
            return Err(bad(format!(
                "{what}, but it ends half-way through a character ({} bytes)",
                body.len()
            )));
        }
        let units = body.chunks_exact(2).map(|c| {
            if little {
                u16::from_le_bytes([c[0], c[1]])
            } else {
                u16::from_be_bytes([c[0], c[1]])
            }
        });
        char::decode_utf16(units)
            .enumerate()
            .map(|(i, c)| {
                c.map_err(|_| {
                    bad(format!(
                        "{what}, but byte {} is not part of a valid character",
                        i * 2
                    ))
                })
            })
            .collect::<Result<String, ImportError>>()
    };
    match bytes {
        [0xEF, 0xBB, 0xBF, rest @ ..] => utf8(file, rest),
        [0xFF, 0xFE, rest @ ..] => utf16(rest, true, "the file is UTF-16 (little endian)"),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, false, "the file is UTF-16 (big endian)"),
        [a, 0, ..] if *a != 0 && a.is_ascii() => {
            utf16(bytes, true, "the file looks like UTF-16 (little endian)")
        }
        [0, b, ..] if *b != 0 && b.is_ascii() => {
            utf16(bytes, false, "the file looks like UTF-16 (big endian)")
        }
        _ => utf8(file, bytes),
    }
}

fn utf8(file: &str, bytes: &[u8]) -> Result<String, ImportError> {
    String::from_utf8(bytes.to_vec()).map_err(|e| ImportError::Encoding {
        file: file.to_string(),
        message: format!("byte {} is not UTF-8", e.utf8_error().valid_up_to()),
    })
}

/// Read a jrnl export (its bytes, in any encoding [`decode_text`] reads) into meetings.
pub fn parse_jrnl_bytes(file: &str, bytes: &[u8]) -> Result<Vec<Meeting>, ImportError> {
    parse_jrnl(file, &decode_text(file, bytes)?)
}

/// Read a jrnl export into meetings, in the file's order, or say exactly what is wrong with it.
pub fn parse_jrnl(file: &str, text: &str) -> Result<Vec<Meeting>, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let export: Export = serde_json::from_str(text).map_err(|e| ImportError::Format {
        file: file.to_string(),
        line: e.line(),
        col: e.column(),
        message: e.to_string(),
    })?;
    let mut meetings = export
        .entries
        .into_iter()
        .enumerate()
        .map(|(n, e)| {
            let bad = |message: String| ImportError::Entry {
                file: file.to_string(),
                entry: n + 1,
                title: e.title.clone(),
                message,
            };
            let date = NaiveDate::parse_from_str(&e.date, "%Y-%m-%d")
                .map_err(|_| bad(format!("the date '{}' is not YYYY-MM-DD", e.date)))?;
            let time = match e.time.as_deref().filter(|t| !t.is_empty()) {
                None => None,
                Some(t) => Some(
                    NaiveTime::parse_from_str(t, "%H:%M")
                        .or_else(|_| NaiveTime::parse_from_str(t, "%H:%M:%S"))
                        .map_err(|_| bad(format!("the time '{t}' is not HH:MM")))?,
                ),
            };
            let mut m = Meeting::new(String::new(), date);
            m.time = time;
            // jrnl records neither how a meeting was held nor what kind it was.
            m.mode = MeetingMode::NotRecorded;
            m.kind = MeetingType::NotRecorded;
            m.focus = e.title.trim().to_string();
            m.notes = e.body.trim_end().to_string();
            m.tags = e.tags.clone();
            if e.starred {
                m.tags.push("starred".into());
            }
            Ok(m)
        })
        .collect::<Result<Vec<Meeting>, ImportError>>()?;
    assign_ids_in_order(&mut meetings);
    Ok(meetings)
}

/// Give each meeting a new id such that meetings of the same date and time sort (by id) in
/// the order they come.
fn assign_ids_in_order(meetings: &mut [Meeting]) {
    let mut groups: HashMap<(NaiveDate, Option<NaiveTime>), Vec<usize>> = HashMap::new();
    for (i, m) in meetings.iter().enumerate() {
        groups.entry((m.date, m.time)).or_default().push(i);
    }
    let mut used = std::collections::HashSet::new();
    for members in groups.values() {
        let mut ids: Vec<String> = Vec::with_capacity(members.len());
        while ids.len() < members.len() {
            let id = new_id();
            if used.insert(id.clone()) {
                ids.push(id);
            }
        }
        ids.sort();
        for (&i, id) in members.iter().zip(ids) {
            meetings[i].id = id;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_broken_file_says_where() {
        let e = parse_jrnl("x.json", "{\"entries\": [ {\"title\": 3} ]}").unwrap_err();
        assert!(e.to_string().starts_with("x.json:1:"), "{e}");
        let e = parse_jrnl(
            "x.json",
            r#"{"entries": [{"title": "T", "body": "", "date": "14/09/2026"}]}"#,
        )
        .unwrap_err();
        assert!(e.to_string().contains("entry 1 (\"T\")"), "{e}");
        assert!(e.to_string().contains("nothing was imported"), "{e}");
    }

    #[test]
    fn every_encoding_jrnl_output_may_be_saved_in_is_read() {
        let text = "{\"entries\": []} café";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let with = |bom: &[u8], body: &[u8]| [bom, body].concat();
        for bytes in [
            text.as_bytes().to_vec(),
            with(&[0xEF, 0xBB, 0xBF], text.as_bytes()),
            with(&[0xFF, 0xFE], &le),
            with(&[0xFE, 0xFF], &be),
            le.clone(),
            be.clone(),
        ] {
            assert_eq!(decode_text("x", &bytes).unwrap(), text, "{bytes:?}");
        }
        // Broken bytes say what is wrong, and where.
        let e = decode_text("x.json", &with(&[0xFF, 0xFE], &le[..le.len() - 1])).unwrap_err();
        assert!(e.to_string().contains("half-way"), "{e}");
        let e = decode_text("x.json", &[0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00]).unwrap_err();
        assert!(e.to_string().contains("byte 0"), "{e}");
        let e = decode_text("x.json", b"{\"a\": \xff}").unwrap_err();
        assert!(
            e.to_string().starts_with("x.json: byte 6 is not UTF-8"),
            "{e}"
        );
        // A byte-order mark in the text itself is dropped too.
        assert!(
            parse_jrnl("x", "\u{feff}{\"entries\": []}")
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn entries_of_one_minute_get_ids_in_their_order() {
        let entry = |t: &str| {
            format!(r#"{{"title": "{t}", "body": "", "date": "2026-10-05", "time": "10:00"}}"#)
        };
        let titles: Vec<String> = (0..40).map(|i| format!("t{i}")).collect();
        let text = format!(
            "{{\"entries\": [{}]}}",
            titles
                .iter()
                .map(|t| entry(t))
                .collect::<Vec<_>>()
                .join(",")
        );
        let ms = parse_jrnl("x", &text).unwrap();
        let mut by_id = ms.clone();
        by_id.sort_by(|a, b| a.id.cmp(&b.id));
        let order: Vec<&str> = by_id.iter().map(|m| m.focus.as_str()).collect();
        assert_eq!(order, titles.iter().map(String::as_str).collect::<Vec<_>>());
        assert!(ms.iter().all(|m| m.mode == MeetingMode::NotRecorded));
    }
}
