//! Sign-offs that can be checked: the agreement (by each side), the evaluation and a stage
//! record, signed by the person who gives them with their SSH key, in the format
//! `ssh-keygen -Y sign` makes. The core makes the bytes to sign (the same on every
//! machine), takes a signature only when it verifies with a key the signer holds in the
//! journal, and says of every signature whether it still holds: valid, "changed since
//! signed", or not a signature of that person. Signing itself (the key, the agent, a
//! passphrase) is the front end's, with `ssh-keygen`.

use chrono::NaiveDate;
use russh::keys::PublicKey;
use russh::keys::ssh_key::SshSig;

use super::{Journal, OpError, OpResult};
use crate::model::signature::{NAMESPACE, digest, signed_bytes};
use crate::model::{Partnership, Signature, Signed, StageRecord};

/// Whether a signature still holds for the record as it is now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SigState {
    /// It verifies, with a key its signer holds.
    Valid,
    /// The record changed since it was signed.
    Changed,
    /// It does not verify, or its key is not the signer's: say why.
    Invalid(String),
}

/// A signature, who made it, and whether it holds.
#[derive(Debug, Clone, PartialEq)]
pub struct SigCheck {
    pub signature: Signature,
    pub name: String,
    pub state: SigState,
}

impl SigCheck {
    /// The signing key's fingerprint as `ssh` shows it (`SHA256:...`), or "" when it does
    /// not read.
    pub fn fingerprint(&self) -> String {
        parse_key(&self.signature.key)
            .map(|k| {
                k.fingerprint(russh::keys::ssh_key::HashAlg::Sha256)
                    .to_string()
            })
            .unwrap_or_default()
    }

    /// One line for a screen or a report: "✓ agreement signed by Jo Taylor on 2026-12-02".
    pub fn line(&self) -> String {
        let s = &self.signature;
        let what = s.what.label();
        match &self.state {
            SigState::Valid => format!("✓ {what} signed by {} on {}", self.name, s.date),
            SigState::Changed => format!(
                "! {what} changed since signed by {} on {}",
                self.name, s.date
            ),
            SigState::Invalid(why) => format!(
                "✗ {what}: the signature of {} on {} does not hold ({why})",
                self.name, s.date
            ),
        }
    }
}

/// The public key of an `authorized_keys` line.
fn parse_key(line: &str) -> Option<PublicKey> {
    PublicKey::from_openssh(line.trim()).ok()
}

/// The signed content of `what` in partnership `p` with stage records `stages` (RON): what
/// a signature covers, without the signatures and consent lines about it. The journal and a
/// check of an exported partnership both make it here, so they agree byte for byte.
pub fn signed_content<'a>(
    p: &Partnership,
    mut stages: impl Iterator<Item = &'a StageRecord>,
    what: &Signed,
) -> Result<String, OpError> {
    let ron = match what {
        Signed::Agreement => {
            let Some(a) = &p.agreement else {
                return Err(OpError::Refused(
                    "there is no mentoring agreement yet to sign: write it first (Agreement tab, e)"
                        .into(),
                ));
            };
            let mut a = a.clone();
            a.agreed.clear();
            a.agreed_by_mentee = None;
            a.agreed_by_mentor = None;
            crate::store::to_ron(&a)?
        }
        Signed::Evaluation => {
            let Some(e) = &p.evaluation else {
                return Err(OpError::Refused(
                    "there is no evaluation yet to sign: evaluate the agreement first (Agreement tab, v)"
                        .into(),
                ));
            };
            crate::store::to_ron(e)?
        }
        Signed::Stage { framework, stage } => {
            let Some(s) = stages.find(|s| s.framework == *framework && s.stage == *stage) else {
                return Err(OpError::Refused(format!(
                    "there is no record of stage {framework}/{stage} yet to sign: write it first (Dashboard, the stage's record)"
                )));
            };
            let mut s = s.clone();
            s.by = Default::default();
            crate::store::to_ron(&s)?
        }
    };
    Ok(ron)
}

/// Whether signature `s` holds over `bytes` (the record as it is now) with the key it names:
/// everything but whether its signer holds that key, which only a journal knows.
pub fn check_over(s: &Signature, bytes: &[u8]) -> SigState {
    if digest(bytes) != s.digest {
        return SigState::Changed;
    }
    let Some(key) = parse_key(&s.key) else {
        return SigState::Invalid("its key does not read".into());
    };
    match SshSig::from_pem(&s.sig) {
        Ok(sig) if sig.public_key() == key.key_data() => match key.verify(NAMESPACE, bytes, &sig) {
            Ok(()) => SigState::Valid,
            Err(_) => SigState::Invalid("it does not verify".into()),
        },
        Ok(_) => SigState::Invalid("it was made with another key".into()),
        Err(_) => SigState::Invalid("it is not an SSH signature".into()),
    }
}

impl Journal {
    fn signed_content(&self, pid: &str, what: &Signed) -> Result<String, OpError> {
        let data = self.data(pid)?;
        signed_content(
            &data.partnership.value,
            data.stages.iter().map(|s| &s.value),
            what,
        )
    }

    /// The bytes `by` signs for `what` on `date` (what `ssh-keygen -Y sign -n mentorlog`
    /// is given).
    pub fn bytes_to_sign(
        &self,
        pid: &str,
        what: &Signed,
        by: &str,
        date: NaiveDate,
    ) -> Result<Vec<u8>, OpError> {
        let content = self.signed_content(pid, what)?;
        Ok(signed_bytes(what, pid, by, date, &content))
    }

    /// Keep signature `armored` of `what` by person `by` (made on `date`): only when it
    /// verifies, over the bytes of the record as it is now, with a key `by` holds in the
    /// journal. The owner may keep a member's signature made elsewhere (the signature
    /// itself shows whose it is); a member keeps only their own.
    pub fn add_signature(
        &mut self,
        pid: &str,
        what: &Signed,
        by: &str,
        date: NaiveDate,
        armored: &str,
    ) -> OpResult {
        let person = self.find_person(by)?;
        let actor = self.actor();
        if actor != self.owner_id() && actor != person.id {
            return Err(OpError::Refused(format!(
                "in this session only {}'s own signature can be kept",
                self.person_name(Some(&actor))
            )));
        }
        let bytes = self.bytes_to_sign(pid, what, &person.id, date)?;
        let sig = SshSig::from_pem(armored.trim()).map_err(|e| {
            OpError::Refused(format!(
                "that is not an SSH signature (the output of `ssh-keygen -Y sign`): {e}"
            ))
        })?;
        if sig.namespace() != NAMESPACE {
            return Err(OpError::Refused(format!(
                "the signature was made for '{}', not for mentorlog: sign with `-n {NAMESPACE}`",
                sig.namespace()
            )));
        }
        let key = person
            .keys
            .iter()
            .filter_map(|k| parse_key(k))
            .find(|k| k.key_data() == sig.public_key())
            .ok_or_else(|| {
                OpError::Refused(format!(
                    "the signature was made with a key {} does not hold in this journal: \
                     `mentorlog member key {} FILE.pub` adds theirs",
                    person.name, person.id
                ))
            })?;
        key.verify(NAMESPACE, &bytes, &sig).map_err(|_| {
            OpError::Refused(format!(
                "the signature does not verify over the {} as it is now (was it signed for \
                 another date, or changed since?)",
                what.label()
            ))
        })?;
        let signature = Signature {
            id: format!("{}:{}", what.label(), person.id),
            what: what.clone(),
            by: person.id.clone(),
            date,
            key: key.to_openssh().unwrap_or_default(),
            digest: digest(&bytes),
            sig: armored.trim().to_string(),
        };
        let base = self.data(pid)?.partnership.value.clone();
        let mut new = base.clone();
        new.signatures.retain(|s| s.id != signature.id);
        new.signatures.push(signature);
        let label = format!("{} signed the {} on {date}", person.name, what.label());
        self.own_part(|j| j.update_partnership(pid, &base, new, label))
    }

    /// Every signature kept in partnership `pid`, and whether each holds now.
    pub fn check_signatures(&self, pid: &str) -> Vec<SigCheck> {
        let Ok(data) = self.data(pid) else {
            return Vec::new();
        };
        data.partnership
            .value
            .signatures
            .iter()
            .map(|s| SigCheck {
                signature: s.clone(),
                name: self.person_name(Some(&s.by)),
                state: self.state_of(pid, s),
            })
            .collect()
    }

    fn state_of(&self, pid: &str, s: &Signature) -> SigState {
        let Ok(bytes) = self.bytes_to_sign(pid, &s.what, &s.by, s.date) else {
            return SigState::Changed;
        };
        match check_over(s, &bytes) {
            SigState::Valid => {}
            other => return other,
        }
        let key = parse_key(&s.key).map(|k| k.key_data().clone());
        let held = self
            .people()
            .into_iter()
            .find(|p| p.id == s.by)
            .is_some_and(|p| {
                p.keys
                    .iter()
                    .filter_map(|k| parse_key(k))
                    .any(|k| Some(k.key_data()) == key.as_ref())
            });
        if held {
            SigState::Valid
        } else {
            SigState::Invalid(format!("{} does not hold its key", s.by))
        }
    }
}
