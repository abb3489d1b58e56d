//! Importing from jrnl (`jrnl --export json`): each entry becomes a meeting: its date and
//! time, its title as the focus, its body as the notes, its tags kept. The whole file is read
//! and checked before anything is written, and a failed write takes back what it had written.

use chrono::{NaiveDate, NaiveTime};
use serde::Deserialize;

use crate::model::{Meeting, new_id};
use crate::store::{Loaded, PartnershipData, Store, StoreError};

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
    #[error("writing the imported meetings failed ({0}); the meetings written were removed again")]
    Write(StoreError),
}

/// Read a jrnl export into meetings, or say exactly what is wrong with it.
pub fn parse_jrnl(file: &str, text: &str) -> Result<Vec<Meeting>, ImportError> {
    let export: Export = serde_json::from_str(text).map_err(|e| ImportError::Format {
        file: file.to_string(),
        line: e.line(),
        col: e.column(),
        message: e.to_string(),
    })?;
    export
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
            let mut m = Meeting::new(new_id(), date);
            m.time = time;
            m.focus = e.title.trim().to_string();
            m.notes = e.body.trim_end().to_string();
            m.tags = e.tags.clone();
            if e.starred {
                m.tags.push("starred".into());
            }
            Ok(m)
        })
        .collect()
}

/// What an import did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Imported {
    pub added: usize,
    /// Entries already in the journal (same date, time, focus and notes): not added twice.
    pub skipped: usize,
}

fn same(a: &Meeting, b: &Meeting) -> bool {
    a.date == b.date && a.time == b.time && a.focus == b.focus && a.notes == b.notes
}

/// Write `meetings` into the partnership, all or none.
pub fn import(
    store: &Store,
    p: &PartnershipData,
    meetings: &[Meeting],
) -> Result<Imported, ImportError> {
    let mut done: Vec<Loaded<Meeting>> = Vec::new();
    let mut result = Imported::default();
    for m in meetings {
        if p.meetings.iter().any(|x| same(&x.value, m)) || done.iter().any(|x| same(&x.value, m)) {
            result.skipped += 1;
            continue;
        }
        match store.create_meeting(p, m) {
            Ok(saved) => done.push(Loaded {
                path: saved.path,
                value: saved.value,
            }),
            Err(e) => {
                for d in &done {
                    let _ = store.delete(d);
                }
                return Err(ImportError::Write(e));
            }
        }
    }
    result.added = done.len();
    Ok(result)
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
}
