//! Who may issue a badge: a member of the journal who is a coordinator (the scheme's
//! coordinator, or the awarding body as a member), never the badge's recipient (the journal's
//! owner, whose mentoring it recognises), holding in the journal the Ed25519 key that signs it.
//! The key's `did:key` is the issuer's id, so a verifier needs nothing but the badge.

use russh::keys::PublicKey;

use super::{Journal, OpError};
use crate::model::Role;

/// A member who may issue a badge, and the Ed25519 key of theirs that signs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadgeIssuer {
    pub id: String,
    pub name: String,
    pub role: Role,
    /// The Ed25519 public key, as the journal holds it.
    pub key: [u8; 32],
}

/// The Ed25519 public key of an `authorized_keys` line, if it is one.
pub fn ed25519_of(line: &str) -> Option<[u8; 32]> {
    let k = PublicKey::from_openssh(line.trim()).ok()?;
    k.key_data().ed25519().map(|e| e.0)
}

impl Journal {
    /// Member `query` as the issuer of a badge signed by the Ed25519 key `public`: refused,
    /// saying why, for the recipient, a member who is not a coordinator, or a key the member
    /// does not hold in the journal (or no Ed25519 key at all).
    pub fn badge_issuer(&self, query: &str, public: &[u8; 32]) -> Result<BadgeIssuer, OpError> {
        let p = self.find_person(query)?;
        if p.owner {
            return Err(OpError::Refused(format!(
                "{} is the badge's recipient (it recognises the mentoring in their own journal): \
                 a badge is issued by a coordinator or the awarding body, never by its \
                 recipient. Add the issuer with `mentorlog member add NAME --role coordinator \
                 --key FILE.pub` and give --issuer NAME",
                p.name
            )));
        }
        if p.role != Role::Coordinator {
            return Err(OpError::Refused(format!(
                "{} is a {} in this journal: a badge is issued by a coordinator or the awarding \
                 body (a member with the role coordinator)",
                p.name,
                p.role.label()
            )));
        }
        let held: Vec<[u8; 32]> = p.keys.iter().filter_map(|k| ed25519_of(k)).collect();
        if held.is_empty() {
            return Err(OpError::Refused(format!(
                "{} holds no Ed25519 key in this journal (a badge is signed with one): \
                 `ssh-keygen -t ed25519`, then `mentorlog member key {} FILE.pub`",
                p.name, p.id
            )));
        }
        if !held.contains(public) {
            return Err(OpError::Refused(format!(
                "the issuer key given is not one {} holds in this journal: give the private \
                 half of their ssh-ed25519 key (`mentorlog member list` shows their keys)",
                p.name
            )));
        }
        Ok(BadgeIssuer {
            id: p.id,
            name: p.name,
            role: p.role,
            key: *public,
        })
    }
}
