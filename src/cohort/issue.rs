//! Issuing from the cohort: the coordinator, as issuer, gives a badge to every mentor a cohort
//! shows ready, from their bundles. Only from a bundle that can be trusted (its signature
//! holds, its key is pinned when keys are pinned, it is not older than the set age), never to
//! a mentor who would be their own issuer (the issuer's key is not the bundle's), and only to
//! a mentor whose email the coordinator gives (the badge names them by its salted hash). Each
//! badge is a new file; one already there is left as it is.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::{Bundle, Options, flags};
use crate::export::BadgeError;
use crate::export::bundle::BundleSignature;
use crate::export::bundle_badge::{Source, bundle_ready, issue_from_bundle};
use crate::framework::FrameworkSet;

/// Who issues, and with which key.
pub struct Issuer<'a> {
    pub name: &'a str,
    pub key: &'a ed25519_dalek::SigningKey,
}

/// What happened for one partnership and scheme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// A badge was written to this file.
    Issued(PathBuf),
    /// None was: why, in words the coordinator can act on.
    Skipped(String),
}

/// One partnership's result for one scheme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attempt {
    pub mentor: String,
    pub partnership: String,
    pub scheme: String,
    pub outcome: Outcome,
}

impl Attempt {
    pub fn line(&self) -> String {
        let who = format!("{} / {} / {}", self.mentor, self.partnership, self.scheme);
        match &self.outcome {
            Outcome::Issued(f) => format!("✓ {who}: issued, {}", f.display()),
            Outcome::Skipped(why) => format!("- {who}: not issued: {why}"),
        }
    }
}

/// Mentors' emails from a coordinator's list: one per line, `NAME,EMAIL` (a spreadsheet's
/// CSV) or `NAME <EMAIL>`; `#` starts a comment. Names are matched without regard to case.
pub fn recipients(text: &str) -> Result<BTreeMap<String, String>, String> {
    let mut out = BTreeMap::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim().trim_start_matches('\u{feff}');
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (name, email) = if let Some((name, rest)) = line.split_once('<') {
            (name, rest.trim_end_matches('>'))
        } else if let Some((name, email)) = line.rsplit_once(',') {
            (name, email)
        } else {
            return Err(format!(
                "line {}: '{line}' is not NAME,EMAIL or NAME <EMAIL>",
                n + 1
            ));
        };
        let (name, email) = (
            name.trim().trim_matches('"'),
            email.trim().trim_matches('"'),
        );
        if !crate::export::is_email(email) {
            // A spreadsheet's heading row ("name,email") is not a mentor.
            if n == 0 && email.eq_ignore_ascii_case("email") {
                continue;
            }
            return Err(format!("line {}: '{email}' is not an email address", n + 1));
        }
        out.insert(name.to_lowercase(), email.to_string());
    }
    Ok(out)
}

/// A file name for a badge: the mentor, the partnership and the scheme, in plain letters.
fn file_name(mentor: &str, partnership: &str, scheme: &str) -> String {
    // A name in letters a slug drops (not ASCII) still gives a word, not an empty part.
    let part = |s: &str, or: &str| {
        let s = crate::model::slug(s);
        if s.is_empty() { or.to_string() } else { s }
    };
    format!(
        "{}-{}-{}.json",
        part(mentor, "mentor"),
        part(partnership, "partnership"),
        part(&scheme.replace('/', "-"), "badge")
    )
}

/// Issue a badge for every scheme (whose id starts with `scheme`, when given) that every
/// partnership of every bundle is ready for, into folder `out`.
#[allow(clippy::too_many_arguments)]
pub fn issue_ready(
    bundles: &[Bundle],
    o: &Options,
    set: &FrameworkSet,
    scheme: Option<&str>,
    emails: &BTreeMap<String, String>,
    issuer: &Issuer,
    now: chrono::DateTime<chrono::Utc>,
    out: &Path,
) -> Vec<Attempt> {
    let public = issuer.key.verifying_key().to_bytes();
    let mut done = Vec::new();
    for b in bundles {
        let f = flags(b, o);
        let key = b
            .doc
            .pointer("/signature/key")
            .and_then(|k| k.as_str())
            .and_then(crate::journal::issuer::ed25519_of);
        let fingerprint = match &b.signature {
            BundleSignature::Holds { fingerprint, .. } => fingerprint.clone(),
            _ => String::new(),
        };
        let institution = b
            .doc
            .pointer("/mentor/institution")
            .and_then(|v| v.as_str());
        let made = b.made.map(|d| d.to_string()).unwrap_or_default();
        let from = Source {
            mentor: &b.mentor,
            institution,
            made: &made,
            fingerprint: &fingerprint,
        };
        let partnerships = b.doc["partnerships"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        for p in &partnerships {
            let pname = p["name"].as_str().unwrap_or("?").to_string();
            let schemes: Vec<String> = p["readiness"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|r| r["scheme"].as_str().map(String::from))
                .filter(|s| scheme.is_none_or(|want| s.starts_with(want)))
                .collect();
            for s in schemes {
                let mut said = |outcome| {
                    done.push(Attempt {
                        mentor: b.mentor.clone(),
                        partnership: pname.clone(),
                        scheme: s.clone(),
                        outcome,
                    })
                };
                // Not ready: nothing to issue, and the cohort table already says what is
                // missing; left out of the list.
                match bundle_ready(set, p, &s) {
                    Ok(_) => {}
                    Err(BadgeError::NotReady { .. }) => continue,
                    Err(e) => {
                        said(Outcome::Skipped(e.to_string()));
                        continue;
                    }
                }
                if f.any() {
                    said(Outcome::Skipped(format!(
                        "the bundle cannot be trusted ({}): ask {} for a new one",
                        f.text(),
                        b.mentor
                    )));
                    continue;
                }
                if key == Some(public) {
                    said(Outcome::Skipped(format!(
                        "the issuer's key signed this bundle: {} would be their own issuer",
                        b.mentor
                    )));
                    continue;
                }
                let Some(email) = emails.get(&b.mentor.to_lowercase()) else {
                    said(Outcome::Skipped(format!(
                        "no email for {} in the recipients list (add a line `{},EMAIL`)",
                        b.mentor, b.mentor
                    )));
                    continue;
                };
                let file = out.join(file_name(&b.mentor, &pname, &s));
                if file.exists() {
                    said(Outcome::Skipped(format!(
                        "{} is already there (remove it to issue again)",
                        file.display()
                    )));
                    continue;
                }
                let result = crate::export::Issuance::new(issuer.name, public, email, now)
                    .and_then(|i| issue_from_bundle(set, &from, p, &s, &i, issuer.key));
                let outcome = match result {
                    Ok(text) => match crate::store::atomic_write(&file, text.as_bytes()) {
                        Ok(_) => Outcome::Issued(file),
                        Err(e) => Outcome::Skipped(format!("could not write it: {e}")),
                    },
                    Err(e) => Outcome::Skipped(e.to_string()),
                };
                said(outcome);
            }
        }
    }
    done
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recipients_read_csv_and_angle_forms_and_refuse_what_is_not_an_address() {
        let r = recipients("name,email\nJo Taylor,jo@school.example\n# a comment\n\"Kim Lee\" <kim@school.example>\n").unwrap();
        assert_eq!(
            r.get("jo taylor").map(String::as_str),
            Some("jo@school.example")
        );
        assert_eq!(
            r.get("kim lee").map(String::as_str),
            Some("kim@school.example")
        );
        assert_eq!(r.len(), 2);
        let e = recipients("Jo Taylor,not an address\n").unwrap_err();
        assert!(e.contains("line 1") && e.contains("not an email"), "{e}");
        assert!(
            recipients("just a name\n")
                .unwrap_err()
                .contains("NAME,EMAIL")
        );
    }

    #[test]
    fn file_names_are_plain() {
        assert_eq!(
            file_name("Jo Taylor", "Sam Lee", "ljmu/developing"),
            "jo-taylor-sam-lee-ljmu-developing.json"
        );
    }
}
