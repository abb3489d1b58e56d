//! Signing with the person's own SSH key, by `ssh-keygen -Y sign` (the agent, a key file,
//! a passphrase asked at the terminal: all as OpenSSH does them). The bytes come from the
//! journal core (`Journal::bytes_to_sign`); the signature goes back to it to be checked and
//! kept (`Journal::add_signature`).

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::journal::key_words;
use crate::model::signature::NAMESPACE;

/// The key file to sign with: `key` when given, else the private key in `~/.ssh` beside a
/// `.pub` that is one of `held` (the signer's keys in the journal).
pub fn find_key(key: Option<&Path>, held: &[String]) -> Result<PathBuf, String> {
    if let Some(k) = key {
        return Ok(k.to_path_buf());
    }
    let held: Vec<_> = held.iter().filter_map(|k| key_words(k)).collect();
    if held.is_empty() {
        return Err(
            "you hold no SSH key in this journal: `mentorlog member key NAME FILE.pub` \
             adds yours"
                .into(),
        );
    }
    let home = std::env::var_os("HOME").map(PathBuf::from);
    let ssh = home.map(|h| h.join(".ssh"));
    let mut found = Vec::new();
    if let Some(dir) = ssh.as_ref().and_then(|d| std::fs::read_dir(d).ok()) {
        for e in dir.flatten() {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "pub")
                && let Ok(text) = std::fs::read_to_string(&p)
                && key_words(&text).is_some_and(|w| held.contains(&w))
            {
                found.push(p);
            }
        }
    }
    found.sort();
    match found.into_iter().next() {
        // The private half beside it, or (with only the .pub) the agent's.
        Some(pubfile) => {
            let private = pubfile.with_extension("");
            Ok(if private.exists() { private } else { pubfile })
        }
        None => Err(
            "none of your keys in this journal is in ~/.ssh: give the key file with --key".into(),
        ),
    }
}

/// Sign `bytes` with key file `key` (a private key, or a `.pub` whose private half the
/// agent holds); the armored signature.
pub fn ssh_sign(bytes: &[u8], key: &Path) -> Result<String, String> {
    let mut child = Command::new("ssh-keygen")
        .args(["-q", "-Y", "sign", "-n", NAMESPACE, "-f"])
        .arg(key)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            format!("could not run ssh-keygen ({e}): signing needs OpenSSH's ssh-keygen")
        })?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin
            .write_all(bytes)
            .map_err(|e| format!("ssh-keygen: {e}"))?;
    }
    let out = child
        .wait_with_output()
        .map_err(|e| format!("ssh-keygen: {e}"))?;
    let sig = String::from_utf8_lossy(&out.stdout).into_owned();
    if !out.status.success() || !sig.contains("BEGIN SSH SIGNATURE") {
        let err = crate::model::text::clean(&String::from_utf8_lossy(&out.stderr));
        return Err(format!(
            "ssh-keygen could not sign with {}: {}",
            key.display(),
            err.trim()
        ));
    }
    Ok(sig)
}
