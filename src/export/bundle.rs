//! A coordinator's bundle: for each partnership, readiness rule by rule, the counts and dates
//! of meetings, goals and ticks, the stage records and who verified them, and a hash of each
//! piece of evidence, with no note text at all; signed by the mentor's SSH key (the bytes
//! signed are the bundle's JSON, compact, without its `signature`), so a coordinator can
//! check that it is the mentor's and unchanged. Private records are left out, as from every
//! export.

use chrono::NaiveDate;
use serde_json::{Value, json};

use crate::journal::{Partner, Reader};
use crate::model::signature::digest;

/// The kind a bundle says it is.
pub const KIND: &str = "mentorlog-bundle";

/// The bundle of `partners` (as `r` may see them), unsigned.
pub fn bundle(r: &Reader, partners: &[Partner], made: NaiveDate) -> Value {
    let profile = r.profile();
    json!({
        "kind": KIND,
        "version": 1,
        "made": made,
        "mentor": {
            "name": profile.map(|p| p.name.clone()).unwrap_or_default(),
            "role": profile.map(|p| p.role.to_string()),
            "institution": profile.and_then(|p| p.institution.clone()),
        },
        "partnerships": partners.iter().map(|p| partnership(p, made)).collect::<Vec<_>>(),
    })
}

fn hash_of<T: serde::Serialize>(value: &T) -> String {
    let ron = crate::store::to_ron(value).unwrap_or_default();
    format!("sha256:{}", digest(ron.as_bytes()))
}

fn partnership(p: &Partner, today: NaiveDate) -> Value {
    let v = p.partnership();
    let meetings = p.meetings();
    let dates: Vec<NaiveDate> = {
        let mut d: Vec<NaiveDate> = meetings.iter().map(|m| m.value.date).collect();
        d.sort();
        d
    };
    let goals = p.goals();
    let report = p.report(today);
    let meetings = &meetings;
    let ticks: Vec<Value> = p
        .tick_sheets()
        .iter()
        .flat_map(|sheet| {
            sheet.value.ticks.iter().map(move |(item, t)| {
                let mut evidence: Vec<Value> = Vec::new();
                for id in &t.evidence.meetings {
                    match meetings.iter().find(|m| m.value.id == *id) {
                        Some(m) => evidence.push(json!({
                            "kind": "meeting",
                            "date": m.value.date,
                            "hash": hash_of(&m.value),
                        })),
                        // Private, or no longer in the log: it does not count, and says so.
                        None => evidence.push(json!({"kind": "meeting", "hash": null})),
                    }
                }
                for n in &t.evidence.notes {
                    evidence.push(
                        json!({"kind": "note", "hash": format!("sha256:{}", digest(n.as_bytes()))}),
                    );
                }
                for f in &t.evidence.files {
                    evidence.push(
                        json!({"kind": "file", "hash": format!("sha256:{}", digest(f.as_bytes()))}),
                    );
                }
                json!({
                    "framework": sheet.value.framework,
                    "item": item,
                    "date": t.date,
                    "level": t.level,
                    "evidence": evidence,
                })
            })
        })
        .collect();
    let stages: Vec<Value> = p
        .stages()
        .iter()
        .map(|s| {
            json!({
                "framework": s.value.framework,
                "stage": s.value.stage,
                "hash": hash_of(&s.value),
                "verified_by": s.value.verifications.iter().map(|x| json!({
                    "name": x.name, "role": x.role, "date": x.date,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let signatures: Vec<Value> = p
        .signatures()
        .iter()
        .map(|c| {
            json!({
                "what": c.signature.what.label(),
                "by": c.name,
                "date": c.signature.date,
                "holds": c.state == crate::journal::sign::SigState::Valid,
            })
        })
        .collect();
    json!({
        "id": v.id,
        "name": v.name,
        "kind": v.kind.to_string(),
        "pathway": v.pathway.to_string(),
        "status": v.status.to_string(),
        "start": v.start,
        "end": v.end,
        "meetings": {
            "count": dates.len(),
            "first": dates.first(),
            "last": dates.last(),
            "dates": dates,
        },
        "goals": {
            "count": goals.len(),
            "open": report.work.open_goals,
            "overdue": report.work.overdue_goals,
            "achieved": goals.iter().filter(|g| g.value.status == crate::model::GoalStatus::Achieved).count(),
            // Each goal's dates and state, and a hash of it: never its words.
            "list": goals.iter().map(|g| json!({
                "created": g.value.created,
                "target": g.value.target,
                "status": g.value.status,
                "reviews": g.value.reviews.iter().map(|r| r.date).collect::<Vec<_>>(),
                "hash": hash_of(&g.value),
            })).collect::<Vec<_>>(),
        },
        "ticks": ticks,
        "stages": stages,
        "signatures": signatures,
        // Rule by rule, each with the source's words it comes from: what a coordinator's
        // badge quotes as its criteria.
        "readiness": report.readiness,
    })
}

/// The bytes a bundle's signature signs: its JSON, compact, without `signature`.
pub fn signed_bytes(doc: &Value) -> Vec<u8> {
    let mut d = doc.clone();
    if let Some(o) = d.as_object_mut() {
        o.remove("signature");
    }
    serde_json::to_vec(&d).unwrap_or_default()
}

/// Put the signature (by `name`, with public key `key`) in the bundle.
pub fn attach_signature(doc: &mut Value, name: &str, key: &str, armored: &str) {
    if let Some(o) = doc.as_object_mut() {
        o.insert(
            "signature".into(),
            json!({"by": name, "key": key, "namespace": crate::model::signature::NAMESPACE, "sig": armored.trim()}),
        );
    }
}

/// What a bundle's signature says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BundleSignature {
    /// It verifies with the key it names (its fingerprint given).
    Holds {
        by: String,
        fingerprint: String,
    },
    Missing,
    Fails(String),
}

/// Check the bundle's signature against the key it carries.
pub fn check(doc: &Value) -> BundleSignature {
    use russh::keys::PublicKey;
    use russh::keys::ssh_key::{HashAlg, SshSig};
    let Some(s) = doc.get("signature") else {
        return BundleSignature::Missing;
    };
    let (Some(by), Some(key), Some(sig)) = (
        s.get("by").and_then(Value::as_str),
        s.get("key").and_then(Value::as_str),
        s.get("sig").and_then(Value::as_str),
    ) else {
        return BundleSignature::Fails("its signature is incomplete".into());
    };
    let Ok(key) = PublicKey::from_openssh(key) else {
        return BundleSignature::Fails("its key does not read".into());
    };
    let Ok(sig) = SshSig::from_pem(sig) else {
        return BundleSignature::Fails("its signature does not read".into());
    };
    if sig.public_key() != key.key_data() {
        return BundleSignature::Fails("it was signed with another key than it names".into());
    }
    match key.verify(crate::model::signature::NAMESPACE, &signed_bytes(doc), &sig) {
        Ok(()) => BundleSignature::Holds {
            by: by.to_string(),
            fingerprint: key.fingerprint(HashAlg::Sha256).to_string(),
        },
        Err(_) => BundleSignature::Fails("it was changed after it was signed".into()),
    }
}
