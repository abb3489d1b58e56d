//! The server's host key: an Ed25519 key made once, from the system's random source, and
//! kept 0600 in the data directory, so a mentee's `ssh` knows it is the same server next
//! time; its fingerprint is what the mentee checks on first connecting.

use std::path::Path;

use anyhow::Context as _;
use russh::keys::ssh_key::private::Ed25519Keypair;
use russh::keys::ssh_key::{HashAlg, LineEnding};
use russh::keys::{PrivateKey, PublicKey};

/// The host key kept in the data directory at `root`, made now if there is none.
pub fn host_key(root: &Path) -> anyhow::Result<PrivateKey> {
    if let Some(text) = crate::store::server::read_host_key(root)? {
        return PrivateKey::from_openssh(text.as_bytes()).with_context(|| {
            format!(
                "{} is not an OpenSSH private key: remove it and mentorlog makes a new one \
                 (clients will then warn that the host key changed)",
                root.join(crate::store::server::HOST_KEY_FILE).display()
            )
        });
    }
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed).map_err(|e| anyhow::anyhow!("no random source: {e}"))?;
    let key = PrivateKey::from(Ed25519Keypair::from_seed(&seed));
    let text = key
        .to_openssh(LineEnding::LF)
        .context("writing the host key")?;
    match crate::store::server::create_host_key(root, &text) {
        Ok(()) => Ok(key),
        // Another server made one meanwhile: use that.
        Err(_) => match crate::store::server::read_host_key(root)? {
            Some(text) => Ok(PrivateKey::from_openssh(text.as_bytes())?),
            None => anyhow::bail!("could not keep the host key in {}", root.display()),
        },
    }
}

/// A key's fingerprint as `ssh` shows it: `SHA256:...`.
pub fn fingerprint(key: &PublicKey) -> String {
    key.fingerprint(HashAlg::Sha256).to_string()
}

/// A public key as an `authorized_keys` line holds it (`TYPE BASE64`).
pub fn openssh_line(key: &PublicKey) -> String {
    key.to_openssh().unwrap_or_default()
}
