//! A sign-off signed by a person with their SSH key: the agreement (by each side), the
//! evaluation, a stage record's verification. The signature is in the format
//! `ssh-keygen -Y sign` makes (an armored SSHSIG, namespace `mentorlog`), over bytes anyone
//! can make again from the record (`signed_bytes`), so `ssh-keygen -Y verify` checks it
//! without mentorlog.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The namespace of every mentorlog signature (`ssh-keygen -Y sign -n mentorlog`).
pub const NAMESPACE: &str = "mentorlog";

/// What a signature signs off, in a partnership.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Signed {
    Agreement,
    Evaluation,
    /// A stage record: its framework and stage.
    Stage {
        framework: String,
        stage: String,
    },
}

impl Signed {
    /// How it is named on the command line and in messages: `agreement`, `evaluation`,
    /// `stage ljmu/developing`.
    pub fn label(&self) -> String {
        match self {
            Signed::Agreement => "agreement".into(),
            Signed::Evaluation => "evaluation".into(),
            Signed::Stage { framework, stage } => format!("stage {framework}/{stage}"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signature {
    /// `WHAT:SIGNER`: one signature per person per thing (a new one replaces it).
    pub id: String,
    pub what: Signed,
    /// The signer's member id.
    pub by: String,
    pub date: NaiveDate,
    /// The public key that signed, as `authorized_keys` holds it.
    pub key: String,
    /// SHA-256 (hex) of the bytes signed: says whether the record changed since.
    pub digest: String,
    /// The armored signature (`-----BEGIN SSH SIGNATURE-----`).
    pub sig: String,
}

/// The bytes a signature signs: a short header naming what, where, who and when, then the
/// record's signed content as RON. The same record gives the same bytes on every machine.
pub fn signed_bytes(
    what: &Signed,
    partnership: &str,
    by: &str,
    date: NaiveDate,
    content: &str,
) -> Vec<u8> {
    format!(
        "mentorlog sign-off 1\nwhat: {}\npartnership: {partnership}\nsigner: {by}\ndate: {date}\n\n{content}",
        what.label()
    )
    .into_bytes()
}

/// SHA-256 of `bytes`, in hex.
pub fn digest(bytes: &[u8]) -> String {
    use sha2::Digest as _;
    let d = sha2::Sha256::digest(bytes);
    d.iter().map(|b| format!("{b:02x}")).collect()
}
