//! A badge's issuer for the tests: a coordinator member with an Ed25519 key made here (no
//! ssh-keygen needed), and the `export badge` options that issue as them.

// Each test file uses part of these.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

use russh::keys::PrivateKey;
use russh::keys::ssh_key::LineEnding;
use russh::keys::ssh_key::private::Ed25519Keypair;

pub const EMAIL: &str = "jo.taylor@example.org";

/// An OpenSSH Ed25519 key pair from `seed`, written to `dir/NAME` and `dir/NAME.pub`; the
/// private key's path and the public key's 32 bytes.
pub fn write_key(dir: &Path, name: &str, seed: u8) -> (PathBuf, [u8; 32]) {
    let pair = Ed25519Keypair::from_seed(&[seed; 32]);
    let public = pair.public.0;
    let key = PrivateKey::from(pair);
    let path = dir.join(name);
    let text = key.to_openssh(LineEnding::LF).unwrap();
    std::fs::write(&path, text.as_bytes()).unwrap();
    let line = key.public_key().to_openssh().unwrap();
    std::fs::write(path.with_extension("pub"), format!("{line} {name}\n")).unwrap();
    (path, public)
}

/// Add Dana Whyte, a coordinator holding a key made in `keys`, to the journal at `root`;
/// the options that issue a badge as them to Jo Taylor's email.
pub fn add_issuer(bin: &str, root: &Path, keys: &Path) -> Vec<String> {
    let (key, _) = write_key(keys, "dana_key", 7);
    let out = Command::new(bin)
        .arg("--data-dir")
        .arg(root)
        .args([
            "member",
            "add",
            "Dana Whyte",
            "--role",
            "coordinator",
            "--key",
        ])
        .arg(key.with_extension("pub"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    issue_args(&key)
}

/// The options that issue a badge as Dana Whyte with `key`, to Jo Taylor's email.
pub fn issue_args(key: &Path) -> Vec<String> {
    vec![
        "--issuer".into(),
        "dana-whyte".into(),
        "--issuer-key".into(),
        key.display().to_string(),
        "--recipient-email".into(),
        EMAIL.into(),
    ]
}

/// A fixed issuance, for credentials compared with golden files (unsigned).
pub fn issuance() -> mentorlog::export::Issuance {
    mentorlog::export::Issuance {
        issuer_name: "Dana Whyte".into(),
        issuer_key: Ed25519Keypair::from_seed(&[7; 32]).public.0,
        recipient: mentorlog::export::Recipient::email(EMAIL, "0123456789abcdef"),
        id: "urn:uuid:00000000-0000-4000-8000-000000000000".into(),
        valid_from: chrono::DateTime::parse_from_rfc3339("2026-11-23T00:00:00Z")
            .unwrap()
            .to_utc(),
    }
}

/// Run `tests/verifier/SCRIPT` with node on `args`: its verdict and what it said, or `None`
/// (said) when node or the verifier's packages are not installed (`.ci/run` installs them).
fn node(script: &str, args: &[&Path]) -> Option<(bool, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/verifier");
    let have_node = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !have_node
        || !dir
            .join("node_modules/@digitalbazaar/data-integrity")
            .exists()
        || !dir.join("node_modules/ajv").exists()
    {
        eprintln!(
            "note: node or the verifier's packages are not installed (`npm ci --prefix \
             tests/verifier`; .ci/run does): the independent check is skipped"
        );
        return None;
    }
    let o = Command::new("node")
        .arg(dir.join(script))
        .args(args)
        .output()
        .unwrap();
    Some((
        o.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        ),
    ))
}

/// The independent verifier's verdict on a badge's proof (Digital Bazaar's eddsa-rdfc-2022).
pub fn node_verify(file: &Path) -> Option<(bool, String)> {
    let contexts = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/jsonld");
    node("verify.mjs", &[file, &contexts])
}

/// Whether a badge conforms to Open Badges 3.0's data model (ajv, on the schema in
/// tests/verifier).
pub fn schema_check(file: &Path) -> Option<(bool, String)> {
    node("schema.mjs", &[file])
}
