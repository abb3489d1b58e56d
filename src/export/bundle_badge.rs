//! A badge issued from a coordinator's bundle (`export bundle`), not from the journal: what a
//! coordinator, as issuer, gives everyone a cohort shows ready. The bundle holds no note text,
//! so neither does this badge: its evidence is what the bundle states, signed by the mentor
//! (meetings counted and dated, each tick with the date and hash of every piece of its
//! evidence, stage records with who verified them, signed sign-offs), and it names the bundle
//! and the key that signed it, so a panel can go back to the mentor's journal and check.
//! Its recognition, criteria and alignments are those of a badge issued from the journal.

use serde_json::Value;

use super::badge::{
    BadgeError, Claim, Issuance, alignment, credential, evidence_entry, short_text, sign_credential,
};
use crate::framework::FrameworkSet;
use crate::model::Readiness;

/// Where a bundle's partnership comes from: the bundle's mentor, when it was made and the
/// fingerprint of the key that signed it (the caller has checked that it holds).
pub struct Source<'a> {
    pub mentor: &'a str,
    pub institution: Option<&'a str>,
    pub made: &'a str,
    pub fingerprint: &'a str,
}

/// The readiness of `scheme` for partnership `p` of a bundle, when a badge can be issued for
/// it; why not, when not.
pub fn bundle_ready(set: &FrameworkSet, p: &Value, scheme: &str) -> Result<Readiness, BadgeError> {
    let all: Vec<Readiness> = serde_json::from_value(p["readiness"].clone()).map_err(|e| {
        BadgeError::Bundle(format!(
            "its readiness does not read ({e}): was it made by an older mentorlog? The mentor \
             makes a new one with `mentorlog export bundle`"
        ))
    })?;
    let scheme = scheme.trim();
    let Some(r) = all.iter().find(|r| r.scheme.eq_ignore_ascii_case(scheme)) else {
        return Err(BadgeError::UnknownScheme {
            scheme: scheme.to_string(),
            available: all.iter().map(|r| r.scheme.clone()).collect(),
        });
    };
    if !r.ready {
        return Err(BadgeError::NotReady {
            title: super::readiness_title(set, r),
            readiness: r.clone(),
        });
    }
    Ok(r.clone())
}

/// The badge for `scheme` of bundle partnership `p`, issued by `issuance` with `key`.
pub fn issue_from_bundle(
    set: &FrameworkSet,
    from: &Source,
    p: &Value,
    scheme: &str,
    issuance: &Issuance,
    key: &ed25519_dalek::SigningKey,
) -> Result<String, BadgeError> {
    let readiness = bundle_ready(set, p, scheme)?;
    let title = super::readiness_title(set, &readiness);
    let text = |v: &Value| v.as_str().unwrap_or("").to_string();
    let name = text(&p["name"]);
    let dates: Vec<String> = p["meetings"]["dates"]
        .as_array()
        .into_iter()
        .flatten()
        .map(text)
        .collect();

    let mut alignments = Vec::new();
    let mut evidence = Vec::new();
    let (fid, sid) = readiness
        .scheme
        .split_once('/')
        .unwrap_or((readiness.scheme.as_str(), ""));
    let fw = set.get(fid);
    let items: Vec<_> = match (fw, sid) {
        (Some(fw), "") => fw.items().into_iter().map(|(_, i)| i).collect(),
        (Some(fw), sid) => fw.section(sid).map(|s| s.all_items()).unwrap_or_default(),
        (None, _) => Vec::new(),
    };
    let description = match (fw, fw.and_then(|f| f.section(sid))) {
        (Some(fw), Some(s)) => match s.description.as_deref().filter(|d| !d.trim().is_empty()) {
            Some(d) => format!("{}: {}. {}", fw.title, s.title, d.trim()),
            None => format!("{}: {}, every requirement met.", fw.title, s.title),
        },
        _ => {
            let required = readiness.requirements_lowercase();
            format!("{title}: {}.", required.join("; "))
        }
    };

    if let (Some(first), Some(last)) = (dates.first(), dates.last()) {
        evidence.push(evidence_entry(
            "Mentoring log",
            format!(
                "{} meetings logged from {first} to {last}, on {}.",
                dates.len(),
                dates.join(", ")
            ),
        ));
    }
    let signed: Vec<String> = p["signatures"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|s| s["holds"].as_bool() == Some(true))
        // A stage's own sign-off for a stage's badge; the agreement's and evaluation's
        // for the others.
        .filter(|s| {
            let what = s["what"].as_str().unwrap_or("");
            match what.strip_prefix("stage ") {
                Some(stage) => stage == readiness.scheme,
                None => !readiness.scheme.contains('/'),
            }
        })
        .map(|s| {
            format!(
                "{} signed by {} on {}",
                text(&s["what"]),
                text(&s["by"]),
                text(&s["date"])
            )
        })
        .collect();
    if !signed.is_empty() {
        evidence.push(evidence_entry(
            "Signed sign-offs",
            format!("Signed with SSH keys: {}.", signed.join("; ")),
        ));
    }
    let ticks: Vec<&Value> = p["ticks"].as_array().into_iter().flatten().collect();
    if let Some(fw) = fw {
        for item in &items {
            alignments.push(alignment(set, fw, item));
            let (tf, ti) = if item.reference.is_some() {
                set.referenced(&fw.id, &item.id)
            } else {
                (fw.id.clone(), item.id.clone())
            };
            let Some(t) = ticks.iter().find(|t| {
                (t["framework"] == fw.id.as_str() && t["item"] == item.id.as_str())
                    || (t["framework"] == tf.as_str() && t["item"] == ti.as_str())
            }) else {
                continue;
            };
            let target = set.get(&tf).and_then(|f| f.item(&ti)).unwrap_or(item);
            let mut n = format!("Achieved on {}", text(&t["date"]));
            if let Some(l) = t["level"].as_str() {
                n.push_str(&format!(" at level {l}"));
            }
            n.push('.');
            let pieces: Vec<String> = t["evidence"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|e| {
                    let hash = e["hash"].as_str()?;
                    Some(match e["date"].as_str() {
                        Some(d) => format!("{} of {d} ({hash})", text(&e["kind"])),
                        None => format!("{} ({hash})", text(&e["kind"])),
                    })
                })
                .collect();
            if !pieces.is_empty() {
                n.push_str(" Evidence, as the mentor's journal holds it:");
                for piece in pieces {
                    n.push_str("\n- ");
                    n.push_str(&piece);
                }
            }
            evidence.push(evidence_entry(
                &format!("{} ({}/{})", short_text(&target.text), fw.id, item.id),
                n,
            ));
        }
    }
    for s in p["stages"].as_array().into_iter().flatten() {
        if format!("{}/{}", text(&s["framework"]), text(&s["stage"])) != readiness.scheme {
            continue;
        }
        let mut n = format!("The stage record ({}).", text(&s["hash"]));
        for v in s["verified_by"].as_array().into_iter().flatten() {
            n.push_str(&format!(
                "\nVerified by {}{} on {}.",
                text(&v["name"]),
                v["role"]
                    .as_str()
                    .map(|r| format!(" ({r})"))
                    .unwrap_or_default(),
                text(&v["date"])
            ));
        }
        evidence.push(evidence_entry("Stage reflection and verification", n));
    }
    evidence.push(evidence_entry(
        "The coordinator's bundle",
        format!(
            "Issued from {}'s bundle made on {}, signed with the key {}. Each hash above is \
             the SHA-256 of a record in the mentor's journal, which the mentor can show.",
            from.mentor, from.made, from.fingerprint
        ),
    ));

    let institution = from
        .institution
        .map(str::trim)
        .filter(|i| !i.is_empty())
        .map(|i| format!(" at {i}"))
        .unwrap_or_default();
    let period = match (dates.first(), dates.last()) {
        (Some(a), Some(b)) => format!(", {a} to {b}"),
        _ => String::new(),
    };
    let subject = format!(
        "A mentoring partnership{institution} of {} with {name} ({}, {}{period}).",
        from.mentor,
        text(&p["kind"]),
        text(&p["pathway"])
    );
    let cred = credential(
        &readiness,
        Claim {
            title,
            description,
            subject,
            alignments,
            evidence,
        },
        issuance,
    );
    sign_credential(cred, issuance, key)
}
