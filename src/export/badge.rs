//! An Open Badges 3.0 `OpenBadgeCredential` for a recognition the partnership is ready for:
//! ScotELAs mentoring recognition, or a completed stage of a staged framework
//! (`ljmu/developing`). Refused, with every rule still missing, when not ready.
//!
//! Shape (1EdTech Open Badges 3.0): the credential's `id` (a random `urn:uuid:`, new at each
//! issuance), `type`, `issuer` (a `Profile` whose id is the `did:key` of the issuer's Ed25519
//! key), `validFrom` (the issuance), `name` and `credentialSubject` (an `AchievementSubject`
//! identified by an IdentityObject: a salted SHA-256 of the recipient's email, with its
//! `achievement`: `id`, `type`, `name`, `description`, `criteria.narrative`, `alignment`),
//! `evidence` at the credential level, and an embedded Data Integrity proof
//! (`eddsa-rdfc-2022`, `super::proof`). The achievement's id is a `urn:uuid:` (version 8) made
//! from a hash of the recognition, the same in every badge for it.

use std::fmt;

use serde_json::{Map, Value, json};

use super::{Export, first_line};
use crate::framework::readiness::{MICRO_CREDENTIAL_FRAMEWORK, MICRO_CREDENTIAL_SOURCE};
use crate::framework::{Framework, FrameworkSet, Item};
use crate::model::{Readiness, Role};

pub const CONTEXT_VC: &str = "https://www.w3.org/ns/credentials/v2";
pub const CONTEXT_OB: &str = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";

/// Why no badge was made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BadgeError {
    /// The recognition's rules are not all met.
    NotReady {
        /// The recognition, in words.
        title: String,
        readiness: Readiness,
    },
    /// No recognition of that name applies to this partnership.
    UnknownScheme {
        scheme: String,
        available: Vec<String>,
    },
    /// The proof could not be made.
    Proof(String),
    /// A bundle does not say what a badge needs: why.
    Bundle(String),
}

impl fmt::Display for BadgeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BadgeError::NotReady {
                title,
                readiness: r,
            } => {
                let (met, all) = r.requirements_met();
                writeln!(
                    f,
                    "no badge: not yet ready for {title} ({met} of {all} requirements met). Still missing:",
                )?;
                for rule in r.rules.iter().filter(|x| !x.met && x.blocks()) {
                    writeln!(f, "  [ ] {}", rule.rule)?;
                    for m in &rule.missing {
                        writeln!(f, "        missing: {m}")?;
                    }
                }
                write!(
                    f,
                    "The badge can be exported once every requirement is met."
                )
            }
            BadgeError::UnknownScheme { scheme, available } => write!(
                f,
                "no recognition '{scheme}' for this partnership; choose one of: {}",
                available.join(", ")
            ),
            BadgeError::Proof(why) => write!(f, "no badge: could not sign it: {why}"),
            BadgeError::Bundle(why) => write!(f, "no badge from this bundle: {why}"),
        }
    }
}

impl std::error::Error for BadgeError {}

/// A 128-bit FNV-1a hash, for deterministic ids.
fn fnv128(s: &str) -> u128 {
    const OFFSET: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    const PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;
    s.bytes()
        .fold(OFFSET, |h, b| (h ^ u128::from(b)).wrapping_mul(PRIME))
}

/// `urn:uuid:` with a version 8 (custom) UUID made from a hash of `name`.
pub fn urn_uuid(name: &str) -> String {
    let mut b = fnv128(&format!("mentorlog:{name}")).to_be_bytes();
    b[6] = (b[6] & 0x0f) | 0x80; // version 8
    b[8] = (b[8] & 0x3f) | 0x80; // RFC 9562 variant
    uuid_text(&b)
}

/// An item's first line without the colon that introduces its points ("listen actively:").
pub(super) fn short_text(text: &str) -> &str {
    first_line(text).trim_end_matches(':').trim_end()
}

/// An Alignment to one framework item (refs followed to the item they stand for).
pub(super) fn alignment(set: &FrameworkSet, fw: &Framework, item: &Item) -> Value {
    let (f, i) = if item.reference.is_some() {
        set.referenced(&fw.id, &item.id)
    } else {
        (fw.id.clone(), item.id.clone())
    };
    let target_fw = set.get(&f).unwrap_or(fw);
    let target = target_fw.item(&i).unwrap_or(item);
    let mut a = Map::new();
    a.insert("type".into(), json!(["Alignment"]));
    a.insert("targetName".into(), json!(short_text(&target.text)));
    let rest = target.text.trim();
    let description = if rest.lines().count() > 1 {
        Some(rest.to_string())
    } else {
        target.guidance.clone().filter(|g| !g.trim().is_empty())
    };
    if let Some(d) = description {
        a.insert("targetDescription".into(), json!(d));
    }
    a.insert("targetFramework".into(), json!(target_fw.title));
    a.insert("targetCode".into(), json!(format!("{f}/{i}")));
    a.insert("targetType".into(), json!("ceasn:Competency"));
    a.insert(
        "targetUrl".into(),
        json!(format!("urn:mentorlog:framework:{f}:item:{i}")),
    );
    Value::Object(a)
}

/// Evidence for one framework item ticked in this partnership, if it is.
fn item_evidence(x: &Export, fw: &Framework, item: &Item) -> Option<Value> {
    let (address, tick) = x.tick_of(fw, item)?;
    let text = x.item_text(fw, item);
    let mut narrative = format!("Achieved on {}", tick.date);
    if let Some(l) = &tick.level {
        narrative.push_str(&format!(" at level {l}"));
    }
    narrative.push('.');
    // A link to a meeting no longer in the log is not evidence a panel can check.
    let lines: Vec<_> = x
        .evidence(&tick.evidence)
        .into_iter()
        .filter(|l| l.counts())
        .collect();
    if !lines.is_empty() {
        narrative.push_str(" Evidence:");
        for l in &lines {
            narrative.push_str("\n- ");
            narrative.push_str(&l.plain());
            if l.is_after(tick.date) {
                narrative.push_str(" (dated after this tick: it cannot have evidenced it)");
            }
        }
    }
    if let Some(v) = &tick.verification {
        narrative.push_str(&format!(
            "\n\nVerified by {}{} on {}.",
            v.name,
            v.role
                .as_deref()
                .map(|r| format!(" ({r})"))
                .unwrap_or_default(),
            v.date
        ));
    }
    Some(json!({
        "type": ["Evidence"],
        "name": format!("{} ({address})", short_text(&text)),
        "narrative": narrative,
    }))
}

pub(super) fn evidence_entry(name: &str, narrative: String) -> Value {
    json!({"type": ["Evidence"], "name": name, "narrative": narrative})
}

/// The readiness of recognition `scheme` when a badge can be issued for it; why not, when not.
pub fn badge_ready<'a>(x: &'a Export, scheme: &str) -> Result<&'a Readiness, BadgeError> {
    let scheme = scheme.trim();
    let readiness = x
        .report
        .readiness
        .iter()
        .find(|r| r.scheme.eq_ignore_ascii_case(scheme))
        .ok_or_else(|| BadgeError::UnknownScheme {
            scheme: scheme.to_string(),
            available: x
                .report
                .readiness
                .iter()
                .map(|r| r.scheme.clone())
                .collect(),
        })?;
    if !readiness.ready {
        return Err(BadgeError::NotReady {
            title: x.readiness_title(readiness),
            readiness: readiness.clone(),
        });
    }
    Ok(readiness)
}

/// The credential for `scheme` ("scotelas" or "FRAMEWORK/STAGE") as `issuance` issues it,
/// without its proof (`issue_badge` signs it), or why there is none.
pub fn badge(x: &Export, scheme: &str, issuance: &Issuance) -> Result<Value, BadgeError> {
    let readiness = badge_ready(x, scheme)?;
    let p = x.partnership();
    let title = x.readiness_title(readiness);
    let meetings = x.meetings();

    let mut alignments = Vec::new();
    let mut evidence = Vec::new();
    let description;
    if readiness.scheme == "scotelas" {
        let required = readiness.requirements_lowercase();
        description = format!(
            "Recognition under the ScotELAs Mentoring Scheme, {} pathway: {}.",
            super::pathway_phrase(p.pathway).to_lowercase(),
            required.join("; ")
        );
        if let Some(fw) = x.set.get("scotelas") {
            for (_, item) in fw.items() {
                alignments.push(alignment(x.set, fw, item));
            }
        }
        if let Some(a) = &p.agreement {
            let mut n = String::from("Outcomes agreed for the mentee:");
            for o in &a.outcomes {
                n.push_str("\n- ");
                n.push_str(o);
            }
            n.push_str(&format!(
                "\n\nAgreed by the mentee on {} and by the mentor on {}.",
                a.agreed_by_mentee.map_or("-".into(), |d| d.to_string()),
                a.agreed_by_mentor.map_or("-".into(), |d| d.to_string())
            ));
            evidence.push(evidence_entry("Mentoring agreement", n));
        }
        let g = &x.report.gaps;
        if let (Some(first), Some(last)) = (meetings.first(), meetings.last()) {
            let mut n = format!(
                "{} meetings logged from {} to {}",
                meetings.len(),
                first.date,
                last.date
            );
            if let Some(d) = g.longest_gap_days {
                n.push_str(&format!("; the longest gap between meetings was {d} days"));
            }
            n.push('.');
            evidence.push(evidence_entry("Mentoring log", n));
        }
        let reflections = x.reflections();
        if !reflections.is_empty() {
            let mentee = reflections
                .iter()
                .filter(|r| r.author == Role::Mentee)
                .count();
            let dates: Vec<String> = reflections.iter().map(|r| r.date.to_string()).collect();
            evidence.push(evidence_entry(
                "Reflections",
                format!(
                    "{} reflections from the mentee and {} from the mentor, written on {}.",
                    mentee,
                    reflections.len() - mentee,
                    dates.join(", ")
                ),
            ));
        }
        if let Some(e) = &p.evaluation {
            let n = e.answers.len().max(1) as f64;
            let mean = e.answers.iter().map(|a| f64::from(a.score)).sum::<f64>() / n;
            evidence.push(evidence_entry(
                "Evaluation of the mentoring agreement",
                format!(
                    "Evaluated on {}: {} statements, mean score {mean:.1} of 5.",
                    e.date,
                    e.answers.len()
                ),
            ));
        }
        if let Some(fw) = x.set.get("scotelas") {
            for (_, item) in fw.items() {
                evidence.extend(item_evidence(x, fw, item));
            }
        }
    } else {
        let (fid, sid) = readiness
            .scheme
            .split_once('/')
            .unwrap_or((readiness.scheme.as_str(), ""));
        let fw = x.set.get(fid);
        let stage = fw.and_then(|f| f.section(sid));
        description = match (fw, stage) {
            (Some(fw), Some(s)) if fw.id == MICRO_CREDENTIAL_FRAMEWORK => format!(
                "A micro-credential for the competency \u{201c}{}\u{201d} of the {}: every \
                 indicator achieved with evidence. \u{201c}{MICRO_CREDENTIAL_SOURCE}\u{201d} (Bholoa et al., \
                 Micro-credentialing mentoring, Mauritius Institute of Education)",
                s.title, fw.title
            ),
            (Some(fw), Some(s)) => {
                match s.description.as_deref().filter(|d| !d.trim().is_empty()) {
                    Some(d) => format!("{}: {}. {}", fw.title, s.title, d.trim()),
                    None => format!(
                        "{}: {}, every criterion achieved with evidence, the stage's skills \
                     checklist, a reflection and its verification.",
                        fw.title, s.title
                    ),
                }
            }
            _ => title.clone(),
        };
        if let (Some(fw), Some(s)) = (fw, stage) {
            for item in s.all_items() {
                alignments.push(alignment(x.set, fw, item));
                evidence.extend(item_evidence(x, fw, item));
            }
            let record = x
                .stages()
                .into_iter()
                .find(|r| r.framework == fw.id && r.stage == s.id);
            if let Some(r) = record {
                let mut n = String::new();
                if !r.reflection.trim().is_empty() {
                    n.push_str(r.reflection.trim());
                }
                for v in &r.verifications {
                    n.push_str(&format!(
                        "\n\nVerified by {}{} on {}{}",
                        v.name,
                        v.role
                            .as_deref()
                            .map(|r| format!(" ({r})"))
                            .unwrap_or_default(),
                        v.date,
                        if v.comment.trim().is_empty() {
                            ".".to_string()
                        } else {
                            format!(": {}", v.comment.trim())
                        }
                    ));
                }
                evidence.push(evidence_entry(
                    "Stage reflection and verification",
                    n.trim().to_string(),
                ));
            }
        }
    }

    let period = match (meetings.first(), meetings.last()) {
        (Some(a), Some(b)) => format!(", {} to {}", a.date, b.date),
        _ => String::new(),
    };
    let institution = x
        .profile
        .and_then(|p| p.institution.as_deref())
        .map(str::trim)
        .filter(|i| !i.is_empty())
        .map(|i| format!(" at {i}"))
        .unwrap_or_default();
    let subject = format!(
        "A mentoring partnership{institution} with {} ({}, {} pathway{period}).",
        p.name,
        super::kind_phrase(p.kind),
        super::pathway_phrase(p.pathway).to_lowercase()
    );
    Ok(credential(
        readiness,
        Claim {
            title,
            description,
            subject,
            alignments,
            evidence,
        },
        issuance,
    ))
}

/// What a badge claims, before it is issued: the recognition's title and description, the
/// partnership it recognises (the credential's description), the framework items it aligns
/// to and the evidence narratives.
pub(super) struct Claim {
    pub title: String,
    pub description: String,
    pub subject: String,
    pub alignments: Vec<Value>,
    pub evidence: Vec<Value>,
}

/// The credential of `claim` for `readiness`, as `issuance` issues it (no proof yet). The
/// criteria narrative is every rule as the source words it.
pub(super) fn credential(readiness: &Readiness, claim: Claim, issuance: &Issuance) -> Value {
    let Claim {
        title,
        description,
        subject,
        alignments,
        evidence,
    } = claim;
    let mut criteria = format!("Every requirement of {title} is met:");
    for r in readiness.rules.iter().filter(|r| r.blocks()) {
        criteria.push_str("\n- ");
        criteria.push_str(&r.rule);
        if let Some(src) = &r.source {
            criteria.push_str(&format!(" (\u{201c}{src}\u{201d})"));
        }
    }
    for r in readiness.rules.iter().filter(|r| !r.blocks()) {
        criteria.push_str(&format!(
            "\n{} {}: {}",
            if r.kind == crate::model::RuleKind::Note {
                "Note,"
            } else {
                "Recommended, not required:"
            },
            r.rule,
            if r.met && r.kind != crate::model::RuleKind::Note {
                "followed".to_string()
            } else if r.missing.is_empty() {
                "none".to_string()
            } else {
                r.missing.join("; ")
            }
        ));
        if let Some(src) = &r.source {
            criteria.push_str(&format!(" (\u{201c}{src}\u{201d})"));
        }
    }

    let mut issuer = Map::new();
    issuer.insert("id".into(), json!(issuance.issuer_id()));
    issuer.insert("type".into(), json!(["Profile"]));
    issuer.insert("name".into(), json!(issuance.issuer_name));

    let mut achievement = Map::new();
    achievement.insert(
        "id".into(),
        json!(urn_uuid(&format!("achievement:{}", readiness.scheme))),
    );
    achievement.insert("type".into(), json!(["Achievement"]));
    achievement.insert("name".into(), json!(title));
    achievement.insert("description".into(), json!(description));
    achievement.insert("criteria".into(), json!({ "narrative": criteria }));
    if !alignments.is_empty() {
        achievement.insert("alignment".into(), Value::Array(alignments));
    }

    let mut cred = Map::new();
    cred.insert("@context".into(), json!([CONTEXT_VC, CONTEXT_OB]));
    cred.insert("id".into(), json!(issuance.id));
    cred.insert(
        "type".into(),
        json!(["VerifiableCredential", "OpenBadgeCredential"]),
    );
    cred.insert("name".into(), json!(title));
    cred.insert("description".into(), json!(subject));
    cred.insert("issuer".into(), Value::Object(issuer));
    cred.insert(
        "validFrom".into(),
        json!(issuance.valid_from.format("%Y-%m-%dT%H:%M:%SZ").to_string()),
    );
    cred.insert(
        "credentialSubject".into(),
        json!({
            "type": ["AchievementSubject"],
            "identifier": [issuance.recipient.identity_object()],
            "achievement": Value::Object(achievement),
        }),
    );
    if !evidence.is_empty() {
        cred.insert("evidence".into(), Value::Array(evidence));
    }
    Value::Object(cred)
}

/// The credential for `scheme`, issued: with an `eddsa-rdfc-2022` proof by `key` (whose
/// public half is the issuer's, `issuance.issuer_key`), as pretty JSON.
pub fn issue_badge(
    x: &Export,
    scheme: &str,
    issuance: &Issuance,
    key: &ed25519_dalek::SigningKey,
) -> Result<String, BadgeError> {
    sign_credential(badge(x, scheme, issuance)?, issuance, key)
}

/// `cred` with an `eddsa-rdfc-2022` proof by `key`, the issuer's, as pretty JSON.
pub(super) fn sign_credential(
    cred: Value,
    issuance: &Issuance,
    key: &ed25519_dalek::SigningKey,
) -> Result<String, BadgeError> {
    if key.verifying_key().to_bytes() != issuance.issuer_key {
        return Err(BadgeError::Proof(
            "the signing key is not the issuer's".into(),
        ));
    }
    let created = issuance.valid_from.format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let signed =
        super::proof::sign(&cred, key, &created).map_err(|e| BadgeError::Proof(e.to_string()))?;
    let mut s = serde_json::to_string_pretty(&signed).unwrap_or_default();
    s.push('\n');
    Ok(s)
}

/// The recipient as OB 3.0's IdentityObject holds them: a salted SHA-256 of their email,
/// never the address itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    /// `sha256$` and the hex SHA-256 of the email (trimmed, lower case) followed by the salt.
    pub identity_hash: String,
    pub salt: String,
}

impl Recipient {
    /// The recipient whose email is `email`, hashed with `salt`.
    pub fn email(email: &str, salt: &str) -> Recipient {
        Recipient {
            identity_hash: identity_hash(email, salt),
            salt: salt.to_string(),
        }
    }

    fn identity_object(&self) -> Value {
        json!({
            "type": "IdentityObject",
            "identityHash": self.identity_hash,
            "identityType": "emailAddress",
            "hashed": true,
            "salt": self.salt,
        })
    }
}

/// Enough of an email address to name a recipient by: a name, `@`, a domain, no spaces.
pub fn is_email(s: &str) -> bool {
    let s = s.trim();
    !s.is_empty()
        && !s.chars().any(char::is_whitespace)
        && s.split_once('@')
            .is_some_and(|(a, d)| !a.is_empty() && !d.is_empty() && !d.contains('@'))
}

/// `sha256$HEX`: the IdentityHash of `email` with `salt` (OB 3.0: the identifier, then the
/// salt, UTF-8, hashed; the email trimmed and in lower case, as a holder presents it).
pub fn identity_hash(email: &str, salt: &str) -> String {
    use sha2::Digest as _;
    let d = sha2::Sha256::digest(format!("{}{salt}", email.trim().to_lowercase()).as_bytes());
    let hex: String = d.iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256${hex}")
}

/// One issuance of a badge: by whom, to whom, its unique id and when it is valid from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issuance {
    pub issuer_name: String,
    /// The issuer's Ed25519 public key: their id is its `did:key`.
    pub issuer_key: [u8; 32],
    pub recipient: Recipient,
    /// `urn:uuid:` and a random (version 4) UUID: a new one each time.
    pub id: String,
    pub valid_from: chrono::DateTime<chrono::Utc>,
}

impl Issuance {
    /// A new issuance now: a fresh credential id and a fresh salt from the system's random
    /// source.
    pub fn new(
        issuer_name: &str,
        issuer_key: [u8; 32],
        recipient_email: &str,
        valid_from: chrono::DateTime<chrono::Utc>,
    ) -> Result<Issuance, BadgeError> {
        let mut r = [0u8; 32];
        getrandom::fill(&mut r).map_err(|e| BadgeError::Proof(format!("no random source: {e}")))?;
        let mut id = [0u8; 16];
        id.copy_from_slice(&r[..16]);
        let salt: String = r[16..].iter().map(|b| format!("{b:02x}")).collect();
        Ok(Issuance {
            issuer_name: issuer_name.to_string(),
            issuer_key,
            recipient: Recipient::email(recipient_email, &salt),
            id: urn_uuid_v4(id),
            valid_from,
        })
    }

    /// The issuer's id: the `did:key` of their key.
    pub fn issuer_id(&self) -> String {
        super::proof::did_key(&self.issuer_key)
    }
}

/// `urn:uuid:` with a version 4 (random) UUID made of `b`.
pub fn urn_uuid_v4(mut b: [u8; 16]) -> String {
    b[6] = (b[6] & 0x0f) | 0x40; // version 4
    b[8] = (b[8] & 0x3f) | 0x80; // RFC 9562 variant
    uuid_text(&b)
}

fn uuid_text(b: &[u8; 16]) -> String {
    let h: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "urn:uuid:{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

/// A badge whose proof holds: who issued it, to whom, for what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadgeCheck {
    pub issuer_name: String,
    /// The issuer's `did:key`, the key that signed.
    pub issuer_id: String,
    /// The recipient's IdentityHash and its type (`emailAddress`) and salt.
    pub recipient: String,
    pub achievement: String,
    pub valid_from: String,
    pub evidence: usize,
}

/// Check the badge `text` (an Open Badges 3.0 credential as `export badge` writes it),
/// offline: its proof over the credential as it is now, by the key of its issuer's
/// `did:key`. Why not, in words, when it does not hold.
pub fn verify_badge(text: &str) -> Result<BadgeCheck, String> {
    let v: Value = serde_json::from_str(text).map_err(|e| format!("it is not JSON ({e})"))?;
    let types = v["type"].as_array().cloned().unwrap_or_default();
    if !types.iter().any(|t| {
        t.as_str()
            .is_some_and(|t| t == "OpenBadgeCredential" || t == "AchievementCredential")
    }) {
        return Err("it is not an Open Badges 3.0 credential (no OpenBadgeCredential type)".into());
    }
    let proved = super::proof::verify(&v).map_err(|e| e.to_string())?;
    let issuer_id = match &v["issuer"] {
        Value::String(s) => s.clone(),
        i => i["id"].as_str().unwrap_or_default().to_string(),
    };
    if issuer_id != proved.controller {
        return Err(format!(
            "the proof was made by {}, not by the issuer the badge names ({})",
            proved.controller,
            if issuer_id.is_empty() {
                "none"
            } else {
                &issuer_id
            }
        ));
    }
    let subject = &v["credentialSubject"];
    let id = &subject["identifier"][0];
    let recipient = match (id["identityHash"].as_str(), id["hashed"].as_bool()) {
        (Some(h), Some(true)) => format!(
            "{} {h} (salt {})",
            id["identityType"].as_str().unwrap_or("identity"),
            id["salt"].as_str().unwrap_or("none")
        ),
        (Some(h), _) => format!("{} {h}", id["identityType"].as_str().unwrap_or("identity")),
        _ => "no one named".into(),
    };
    Ok(BadgeCheck {
        issuer_name: v["issuer"]["name"]
            .as_str()
            .unwrap_or("unnamed")
            .to_string(),
        issuer_id,
        recipient,
        achievement: subject["achievement"]["name"]
            .as_str()
            .unwrap_or("unnamed")
            .to_string(),
        valid_from: v["validFrom"].as_str().unwrap_or("-").to_string(),
        evidence: v["evidence"].as_array().map_or(0, Vec::len),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuids_are_deterministic_version_8() {
        let a = urn_uuid("credential:sam-lee:scotelas");
        assert_eq!(a, urn_uuid("credential:sam-lee:scotelas"));
        assert_ne!(a, urn_uuid("credential:sam-lee:ljmu/developing"));
        let u = a.strip_prefix("urn:uuid:").unwrap();
        let parts: Vec<&str> = u.split('-').collect();
        assert_eq!(
            parts.iter().map(|p| p.len()).collect::<Vec<_>>(),
            [8, 4, 4, 4, 12]
        );
        assert!(parts[2].starts_with('8'), "{u}");
        assert!(
            matches!(parts[3].as_bytes()[0], b'8' | b'9' | b'a' | b'b'),
            "{u}"
        );
    }
}
