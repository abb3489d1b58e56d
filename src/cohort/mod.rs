//! A coordinator's view across journals: many mentors' bundles (`mentorlog export bundle`)
//! read side by side, each partnership against the rules of each scheme (ScotELAs, each LJMU
//! stage, TLA levels, MCF competencies), with what is missing for each. A bundle whose
//! signature fails, that is signed by a key the coordinator has not pinned, or that is older
//! than a set age is flagged. Shown full screen (`screen`) or written as text, CSV, JSON or
//! HTML for the panel.

pub mod issue;
pub mod screen;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::Value;

use crate::export::bundle::{self, BundleSignature};

/// One bundle as read.
#[derive(Debug, Clone)]
pub struct Bundle {
    pub path: PathBuf,
    pub mentor: String,
    pub made: Option<NaiveDate>,
    pub signature: BundleSignature,
    pub doc: Value,
}

/// What is wrong with a bundle, if anything.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Flags {
    /// The signature fails, or there is none: what it says.
    pub signature: Option<String>,
    /// Signed by a key not among the pinned ones (`--allowed`).
    pub unpinned: Option<String>,
    /// Made more than the set age ago.
    pub old: Option<i64>,
}

impl Flags {
    pub fn any(&self) -> bool {
        self.signature.is_some() || self.unpinned.is_some() || self.old.is_some()
    }

    pub fn text(&self) -> String {
        let mut out = Vec::new();
        if let Some(s) = &self.signature {
            out.push(format!("signature: {s}"));
        }
        if let Some(u) = &self.unpinned {
            out.push(format!("key not pinned: {u}"));
        }
        if let Some(d) = self.old {
            out.push(format!("{d} days old"));
        }
        out.join("; ")
    }
}

/// One partnership against one scheme.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub mentor: String,
    pub partnership: String,
    pub scheme: String,
    pub title: String,
    pub ready: bool,
    /// What is missing, rule by rule (requirements only block).
    pub missing: Vec<String>,
    pub meetings: u64,
    pub last_meeting: Option<String>,
    pub made: Option<NaiveDate>,
    pub flags: Flags,
}

impl Row {
    /// The words a filter looks in.
    pub fn haystack(&self) -> String {
        format!(
            "{} {} {} {} {} {}",
            self.mentor,
            self.partnership,
            self.scheme,
            self.title,
            if self.ready { "ready" } else { "not ready" },
            self.flags.text()
        )
        .to_lowercase()
    }
}

/// The bundle files under `paths` (a file, or every `*.json` of a folder).
pub fn files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut here: Vec<PathBuf> = std::fs::read_dir(p)
                .map_err(|e| format!("{}: {e}", p.display()))?
                .flatten()
                .map(|e| e.path())
                .filter(|x| x.extension().is_some_and(|e| e == "json"))
                .collect();
            here.sort();
            out.extend(here);
        } else if p.exists() {
            out.push(p.clone());
        } else {
            return Err(format!(
                "{} does not exist: give bundle files (`mentorlog export bundle -o FILE`) or folders of them",
                p.display()
            ));
        }
    }
    Ok(out)
}

/// Read one bundle; what is wrong with a file that is not one.
pub fn read(path: &Path) -> Result<Bundle, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let doc: Value =
        serde_json::from_str(&text).map_err(|e| format!("{} is not JSON: {e}", path.display()))?;
    if doc.get("kind").and_then(Value::as_str) != Some(bundle::KIND) {
        return Err(format!(
            "{} is not a mentorlog bundle (made by `mentorlog export bundle`)",
            path.display()
        ));
    }
    let mentor = doc
        .pointer("/mentor/name")
        .and_then(Value::as_str)
        .unwrap_or("?")
        .to_string();
    let made = doc
        .get("made")
        .and_then(Value::as_str)
        .and_then(|d| d.parse().ok());
    Ok(Bundle {
        path: path.to_path_buf(),
        mentor,
        made,
        signature: bundle::check(&doc),
        doc,
    })
}

/// The keys a coordinator trusts, from an `allowed_signers`-style file: `NAME KEYTYPE KEY`
/// per line (or an `authorized_keys` file: `KEYTYPE KEY [COMMENT]`).
pub fn pinned_keys(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .filter_map(|l| {
            let words: Vec<&str> = l.split_whitespace().collect();
            let at = words.iter().position(|w| {
                w.starts_with("ssh-") || w.starts_with("ecdsa-") || w.starts_with("sk-")
            })?;
            Some(format!("{} {}", words[at], words.get(at + 1)?))
        })
        .collect()
}

/// How the rows are read: the age beyond which a bundle is flagged, and the pinned keys
/// (none: every key is taken, and said to be unpinned only when some are given).
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub max_age_days: Option<i64>,
    pub pinned: Option<Vec<String>>,
    pub today: Option<NaiveDate>,
}

fn flags(b: &Bundle, o: &Options) -> Flags {
    let signature = match &b.signature {
        BundleSignature::Holds { .. } => None,
        BundleSignature::Missing => Some("not signed".into()),
        BundleSignature::Fails(why) => Some(why.clone()),
    };
    let unpinned = match (&o.pinned, &b.signature) {
        (Some(pinned), BundleSignature::Holds { fingerprint, .. }) => {
            let key = b
                .doc
                .pointer("/signature/key")
                .and_then(Value::as_str)
                .and_then(crate::journal::key_words)
                .map(|(kind, key)| format!("{kind} {key}"))
                .unwrap_or_default();
            (!pinned.contains(&key)).then(|| fingerprint.clone())
        }
        _ => None,
    };
    let old = match (o.max_age_days, o.today, b.made) {
        (Some(max), Some(today), Some(made)) => {
            let age = (today - made).num_days();
            (age > max).then_some(age)
        }
        _ => None,
    };
    Flags {
        signature,
        unpinned,
        old,
    }
}

/// Every partnership of every bundle against every scheme it has.
pub fn rows(bundles: &[Bundle], o: &Options) -> Vec<Row> {
    let mut out = Vec::new();
    for b in bundles {
        let f = flags(b, o);
        let Some(ps) = b.doc.get("partnerships").and_then(Value::as_array) else {
            continue;
        };
        for p in ps {
            let name = p.get("name").and_then(Value::as_str).unwrap_or("?");
            let meetings = p
                .pointer("/meetings/count")
                .and_then(Value::as_u64)
                .unwrap_or(0);
            let last = p
                .pointer("/meetings/last")
                .and_then(Value::as_str)
                .map(String::from);
            for r in p
                .get("readiness")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let missing = r
                    .get("rules")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter(|x| x.get("met").and_then(Value::as_bool) == Some(false))
                    .filter(|x| x.get("kind").and_then(Value::as_str) == Some("requirement"))
                    .flat_map(|x| {
                        let rule = x.get("rule").and_then(Value::as_str).unwrap_or("");
                        let list: Vec<String> = x
                            .get("missing")
                            .and_then(Value::as_array)
                            .into_iter()
                            .flatten()
                            .filter_map(Value::as_str)
                            .map(|m| format!("{rule}: {m}"))
                            .collect();
                        if list.is_empty() {
                            vec![rule.to_string()]
                        } else {
                            list
                        }
                    })
                    .collect();
                out.push(Row {
                    mentor: b.mentor.clone(),
                    partnership: name.to_string(),
                    scheme: r.get("scheme").and_then(Value::as_str).unwrap_or("").into(),
                    title: r.get("title").and_then(Value::as_str).unwrap_or("").into(),
                    ready: r.get("ready").and_then(Value::as_bool).unwrap_or(false),
                    missing,
                    meetings,
                    last_meeting: last.clone(),
                    made: b.made,
                    flags: f.clone(),
                });
            }
        }
    }
    out
}

/// The rows as CSV (one per partnership and scheme).
pub fn csv(rows: &[Row]) -> String {
    let q = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    let mut out = String::from(
        "mentor,partnership,scheme,title,ready,missing,meetings,last_meeting,bundle_made,flags\n",
    );
    for r in rows {
        out.push_str(&format!(
            "{},{},{},{},{},{},{},{},{},{}\n",
            q(&r.mentor),
            q(&r.partnership),
            q(&r.scheme),
            q(&r.title),
            r.ready,
            q(&r.missing.join("; ")),
            r.meetings,
            r.last_meeting.clone().unwrap_or_default(),
            r.made.map(|d| d.to_string()).unwrap_or_default(),
            q(&r.flags.text())
        ));
    }
    out
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The rows as a page for the panel.
pub fn html(rows: &[Row]) -> String {
    let mut out = String::from(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Cohort</title>\
         <style>body{font-family:sans-serif}table{border-collapse:collapse}td,th{border:1px solid #999;\
         padding:4px;vertical-align:top}.flag{color:#a00}</style></head><body>\n<h1>Cohort</h1>\n\
         <table>\n<tr><th>Mentor</th><th>Partnership</th><th>Scheme</th><th>Ready</th>\
         <th>Missing</th><th>Meetings</th><th>Bundle</th></tr>\n",
    );
    for r in rows {
        out.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{} (last {})</td><td>{}{}</td></tr>\n",
            esc(&r.mentor),
            esc(&r.partnership),
            esc(&r.title),
            if r.ready { "ready" } else { "not yet" },
            r.missing.iter().map(|m| esc(m)).collect::<Vec<_>>().join("<br>"),
            r.meetings,
            esc(r.last_meeting.as_deref().unwrap_or("none")),
            r.made.map(|d| d.to_string()).unwrap_or_default(),
            if r.flags.any() {
                format!(" <span class=\"flag\">{}</span>", esc(&r.flags.text()))
            } else {
                String::new()
            }
        ));
    }
    out.push_str("</table>\n</body></html>\n");
    out
}

/// The rows as plain text: one line each, flags and the first missing thing.
pub fn text(rows: &[Row]) -> String {
    let mut out = String::new();
    for r in rows {
        let state = if r.ready { "ready" } else { "not yet" };
        out.push_str(&format!(
            "{} · {} · {}: {state}",
            r.mentor, r.partnership, r.title
        ));
        if let Some(m) = r.missing.first() {
            out.push_str(&format!(" ({} missing: {m})", r.missing.len()));
        }
        if r.flags.any() {
            out.push_str(&format!(" [! {}]", r.flags.text()));
        }
        out.push('\n');
    }
    out
}
