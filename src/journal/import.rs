//! Reading a jrnl export (`jrnl --export json`): each entry becomes a meeting: its date and
//! time, its title as the focus, its body as the notes, its tags kept. The whole file is read
//! and checked before anything is written; `Journal::import_meetings` writes them, all or none.

use chrono::{NaiveDate, NaiveTime};
use serde::Deserialize;

use crate::model::{Meeting, new_id};

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
