//! Badges a verifier accepts (issue 12 item 6): `export badge` issued by a coordinator with
//! an Ed25519 key, its id the key's `did:key`, with an embedded `eddsa-rdfc-2022` proof;
//! `verify badge.json` checks it offline, and so does an independent implementation of the
//! cryptosuite (Digital Bazaar's, in Node: `tests/verifier/`, installed by `.ci/run`).

#[path = "common/issuer.rs"]
mod issuer;

use std::path::{Path, PathBuf};
use std::process::Command;

use mentorlog::export::{self, proof};
use serde_json::Value;
use tempfile::TempDir;

const BIN: &str = env!("CARGO_BIN_EXE_mentorlog");
const TODAY: &str = "2026-11-23";

/// The demo journal (Jo Taylor's) with Dana Whyte, a coordinator, in it.
struct Demo {
    tmp: TempDir,
    root: PathBuf,
    issue: Vec<String>,
}

impl Demo {
    fn new() -> Demo {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("j");
        let d = Demo {
            issue: Vec::new(),
            root,
            tmp,
        };
        assert!(d.ml(&["demo"]).0);
        let issue = issuer::add_issuer(BIN, &d.root, d.tmp.path());
        Demo { issue, ..d }
    }

    fn ml(&self, args: &[&str]) -> (bool, String, String) {
        let o = Command::new(BIN)
            .arg("--data-dir")
            .arg(&self.root)
            .args(args)
            .env("MENTORLOG_TODAY", TODAY)
            .env_remove("MENTORLOG_DIR")
            .output()
            .unwrap();
        (
            o.status.success(),
            String::from_utf8_lossy(&o.stdout).into_owned(),
            String::from_utf8_lossy(&o.stderr).into_owned(),
        )
    }

    /// `export badge` for Sam's ScotELAs recognition with `extra` options; what it printed.
    fn badge(&self, extra: &[&str]) -> (bool, String, String) {
        self.badge_for("scotelas", extra)
    }

    /// `export badge` of Sam's partnership for recognition `stage`.
    fn badge_for(&self, stage: &str, extra: &[&str]) -> (bool, String, String) {
        let mut args = vec!["export", "badge", "--with", "sam", "--stage", stage];
        args.extend_from_slice(extra);
        self.ml(&args)
    }

    /// A badge issued as Dana Whyte, written to `name`; its path.
    fn issued(&self, name: &str) -> PathBuf {
        let file = self.tmp.path().join(name);
        let mut extra: Vec<&str> = self.issue.iter().map(String::as_str).collect();
        let f = file.to_str().unwrap().to_string();
        extra.extend(["-o", &f]);
        let (ok, _, err) = self.badge(&extra);
        assert!(ok, "{err}");
        file
    }
}

fn read(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// `mentorlog verify FILE` (no journal needed).
fn verify(file: &Path) -> (bool, String, String) {
    let o = Command::new(BIN).arg("verify").arg(file).output().unwrap();
    (
        o.status.success(),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// `badge` with one word of an evidence narrative changed.
fn tamper(badge: &Path, to: &Path) {
    let mut v = read(badge);
    let e = v["evidence"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|e| e["narrative"].as_str().unwrap().contains("meetings"))
        .unwrap();
    let n = e["narrative"]
        .as_str()
        .unwrap()
        .replacen("meetings", "visits", 1);
    e["narrative"] = n.into();
    std::fs::write(to, serde_json::to_string_pretty(&v).unwrap()).unwrap();
}

#[test]
fn an_issued_badge_verifies_with_mentorlog_and_with_an_independent_implementation() {
    let d = Demo::new();
    let file = d.issued("badge.json");
    let (ok, out, err) = verify(&file);
    assert!(ok, "{err}");
    assert!(
        out.contains("the badge's proof holds (eddsa-rdfc-2022)"),
        "{out}"
    );
    assert!(out.contains("ScotELAs mentoring recognition"), "{out}");
    assert!(out.contains("Dana Whyte (did:key:z6Mk"), "{out}");
    assert!(out.contains("emailAddress sha256$"), "{out}");
    let v = read(&file);
    assert_eq!(v["proof"]["type"], "DataIntegrityProof");
    assert_eq!(v["proof"]["cryptosuite"], "eddsa-rdfc-2022");
    assert_eq!(v["proof"]["proofPurpose"], "assertionMethod");
    assert_eq!(v["validFrom"], "2026-11-23T00:00:00Z");
    assert_eq!(v["proof"]["created"], v["validFrom"]);
    if let Some((ok, said)) = issuer::node_verify(&file) {
        assert!(ok, "the independent verifier refused it: {said}");
        assert!(said.contains("verified"), "{said}");
    }
}

#[test]
fn issued_badges_conform_to_the_open_badges_3_data_model_and_broken_ones_do_not() {
    let d = Demo::new();
    let file = d.issued("badge.json");
    let Some((ok, said)) = issuer::schema_check(&file) else {
        return;
    };
    assert!(ok, "the ScotELAs badge does not conform: {said}");
    // A stage badge too (LJMU Developing in the demo is ready).
    let stage = d.tmp.path().join("stage.json");
    let mut extra: Vec<&str> = d.issue.iter().map(String::as_str).collect();
    extra.extend(["-o", stage.to_str().unwrap()]);
    let (issued, _, err) = d.badge_for("ljmu/developing", &extra);
    assert!(issued, "{err}");
    let (ok, said) = issuer::schema_check(&stage).unwrap();
    assert!(ok, "the LJMU stage badge does not conform: {said}");
    // What the data model requires, taken away one at a time, fails: the check can fail.
    let bad = d.tmp.path().join("bad.json");
    for (what, change) in [
        ("validFrom", "/validFrom"),
        (
            "the achievement's criteria",
            "/credentialSubject/achievement/criteria",
        ),
        ("the issuer's id", "/issuer/id"),
    ] {
        let mut v = read(&file);
        let (parent, key) = change.rsplit_once('/').unwrap();
        let target = if parent.is_empty() {
            &mut v
        } else {
            v.pointer_mut(parent).unwrap()
        };
        target.as_object_mut().unwrap().remove(key);
        std::fs::write(&bad, v.to_string()).unwrap();
        let (ok, said) = issuer::schema_check(&bad).unwrap();
        assert!(!ok, "a badge without {what} conformed");
        assert!(said.contains(key), "{said}");
    }
    // A recipient named in the clear, not by an IdentityObject's hash.
    let mut v = read(&file);
    v["credentialSubject"]["identifier"][0]["identityHash"] = "Jo Taylor".into();
    std::fs::write(&bad, v.to_string()).unwrap();
    assert!(!issuer::schema_check(&bad).unwrap().0);
}

#[test]
fn a_badge_with_one_narrative_word_changed_fails_both_verifiers() {
    let d = Demo::new();
    let file = d.issued("badge.json");
    let bad = d.tmp.path().join("tampered.json");
    tamper(&file, &bad);
    let (ok, out, err) = verify(&bad);
    assert!(!ok, "a tampered badge verified: {out}");
    assert!(
        err.contains("the proof does not verify: the credential was changed after it was signed"),
        "{err}"
    );
    if let Some((ok, said)) = issuer::node_verify(&bad) {
        assert!(
            !ok,
            "the independent verifier accepted a tampered badge: {said}"
        );
    }
    // The proof itself changed: a signature byte.
    let mut v = read(&file);
    let pv = v["proof"]["proofValue"].as_str().unwrap().to_string();
    let last = if pv.ends_with('2') { '3' } else { '2' };
    v["proof"]["proofValue"] = format!("{}{last}", &pv[..pv.len() - 1]).into();
    std::fs::write(&bad, v.to_string()).unwrap();
    assert!(!verify(&bad).0);
    // The issuer swapped for another did:key: the proof is not theirs.
    let mut v = read(&file);
    v["issuer"]["id"] = proof::did_key(&[9; 32]).into();
    std::fs::write(&bad, v.to_string()).unwrap();
    let (ok, _, err) = verify(&bad);
    assert!(!ok && err.contains("does not verify"), "{err}");
}

#[test]
fn the_issuer_is_the_did_key_of_the_coordinators_key_in_the_journal() {
    let d = Demo::new();
    let v = read(&d.issued("badge.json"));
    // The key add_issuer made (seed 7) and put in the journal as Dana Whyte's .pub.
    let public = issuer::issuance().issuer_key;
    let did = proof::did_key(&public);
    assert_eq!(v["issuer"]["id"], did);
    assert_eq!(v["issuer"]["name"], "Dana Whyte");
    assert_eq!(
        v["proof"]["verificationMethod"],
        format!("{did}#{}", did.strip_prefix("did:key:").unwrap())
    );
    // The member list shows the key the did:key is made of.
    let (_, members, _) = d.ml(&["member", "list"]);
    assert!(members.contains("Dana Whyte"), "{members}");
}

#[test]
fn two_issuances_have_different_ids_and_salts() {
    let d = Demo::new();
    let a = read(&d.issued("a.json"));
    let b = read(&d.issued("b.json"));
    for v in [&a, &b] {
        let id = v["id"].as_str().unwrap();
        let u = id.strip_prefix("urn:uuid:").unwrap();
        assert_eq!(u.len(), 36, "{u}");
        assert_eq!(&u[14..15], "4", "a version 4 UUID: {u}");
    }
    assert_ne!(a["id"], b["id"]);
    let salt = |v: &Value| v["credentialSubject"]["identifier"][0]["salt"].clone();
    assert_ne!(salt(&a), salt(&b));
    assert_ne!(a["proof"]["proofValue"], b["proof"]["proofValue"]);
    // The achievement is the same one.
    assert_eq!(
        a["credentialSubject"]["achievement"]["id"],
        b["credentialSubject"]["achievement"]["id"]
    );
}

#[test]
fn the_recipient_is_a_salted_hash_of_their_email_not_their_name() {
    let d = Demo::new();
    let file = d.issued("badge.json");
    let text = std::fs::read_to_string(&file).unwrap();
    let v = read(&file);
    let id = &v["credentialSubject"]["identifier"][0];
    assert_eq!(id["type"], "IdentityObject");
    assert_eq!(id["identityType"], "emailAddress");
    assert_eq!(id["hashed"], true);
    let salt = id["salt"].as_str().unwrap();
    assert!(salt.len() >= 16, "{salt}");
    assert_eq!(
        id["identityHash"],
        export::identity_hash(issuer::EMAIL, salt)
    );
    assert!(!text.contains(issuer::EMAIL), "the email in the clear");
    assert!(!id.to_string().contains("Jo Taylor"), "{id}");
    // Anyone holding the email checks it against the hash.
    use sha2::Digest as _;
    let hex: String = sha2::Sha256::digest(format!("{}{salt}", issuer::EMAIL).as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(id["identityHash"], format!("sha256${hex}"));
}

#[test]
fn issuing_as_the_recipient_or_another_non_coordinator_is_refused() {
    let d = Demo::new();
    let keys = d.tmp.path();
    // Jo Taylor, the owner and so the recipient, with an Ed25519 key of her own.
    let (jo, _) = issuer::write_key(keys, "jo_key", 3);
    let jo_pub = jo.with_extension("pub");
    assert!(
        d.ml(&["member", "key", "jo-taylor", jo_pub.to_str().unwrap()])
            .0
    );
    let jo_key = jo.to_str().unwrap();
    let email = ["--recipient-email", issuer::EMAIL];
    let (ok, out, err) = d.badge(
        &[
            &["--issuer", "jo-taylor", "--issuer-key", jo_key][..],
            &email,
        ]
        .concat(),
    );
    assert!(!ok && out.is_empty());
    assert!(err.contains("is the badge's recipient"), "{err}");
    // Sam Lee, the mentee, is no coordinator.
    let (sam, _) = issuer::write_key(keys, "sam_key", 4);
    let sam_pub = sam.with_extension("pub");
    assert!(
        d.ml(&["member", "key", "sam-lee", sam_pub.to_str().unwrap()])
            .0
    );
    let (ok, _, err) = d.badge(
        &[
            &["--issuer", "sam", "--issuer-key", sam.to_str().unwrap()][..],
            &email,
        ]
        .concat(),
    );
    assert!(!ok);
    assert!(
        err.contains("a badge is issued by a coordinator or the awarding body"),
        "{err}"
    );
    // The coordinator, with a key that is not theirs.
    let (ok, _, err) =
        d.badge(&[&["--issuer", "dana", "--issuer-key", jo_key][..], &email].concat());
    assert!(!ok);
    assert!(err.contains("is not one Dana Whyte holds"), "{err}");
    // A coordinator without an Ed25519 key.
    assert!(
        d.ml(&["member", "add", "Pat Kerr", "--role", "coordinator"])
            .0
    );
    let (ok, _, err) =
        d.badge(&[&["--issuer", "pat", "--issuer-key", jo_key][..], &email].concat());
    assert!(!ok);
    assert!(err.contains("holds no Ed25519 key"), "{err}");
}

#[test]
fn a_badge_without_what_it_needs_is_refused_saying_what_to_pass() {
    let d = Demo::new();
    let (ok, out, err) = d.badge(&[]);
    assert!(!ok && out.is_empty());
    for flag in [
        "--issuer MEMBER",
        "--issuer-key FILE",
        "--recipient-email EMAIL",
    ] {
        assert!(err.contains(flag), "{flag}: {err}");
    }
    let key = d.issue[3].clone();
    let (ok, _, err) = d.badge(&[
        "--issuer",
        "dana",
        "--issuer-key",
        &key,
        "--recipient-email",
        "jo",
    ]);
    assert!(!ok && err.contains("is not an email address"), "{err}");
    // Not a key, a public key, an encrypted or non-Ed25519 key: refused, no panic.
    let junk = d.tmp.path().join("junk");
    std::fs::write(&junk, "not a key\n").unwrap();
    let pubfile = format!("{key}.pub");
    for bad in [junk.to_str().unwrap(), &pubfile, "/nonexistent/key"] {
        let (ok, _, err) = d.badge(&[
            "--issuer",
            "dana",
            "--issuer-key",
            bad,
            "--recipient-email",
            issuer::EMAIL,
        ]);
        assert!(!ok, "{bad}");
        assert!(err.contains("error:") && !err.contains("panicked"), "{err}");
    }
    // With ssh-keygen at hand: an ECDSA key, and an Ed25519 key with a passphrase.
    let keygen = |name: &str, kind: &str, pass: &str| {
        let path = d.tmp.path().join(name);
        let made = Command::new("ssh-keygen")
            .args(["-q", "-t", kind, "-N", pass, "-C", name, "-f"])
            .arg(&path)
            .status()
            .is_ok_and(|s| s.success());
        made.then_some(path)
    };
    match (
        keygen("ecdsa_key", "ecdsa", ""),
        keygen("locked_key", "ed25519", "secret"),
    ) {
        (Some(ecdsa), Some(locked)) => {
            for (file, says) in [
                (
                    ecdsa,
                    "a badge's proof (eddsa-rdfc-2022) is made with an Ed25519 key",
                ),
                (locked, "is protected by a passphrase"),
            ] {
                let (ok, _, err) = d.badge(&[
                    "--issuer",
                    "dana",
                    "--issuer-key",
                    file.to_str().unwrap(),
                    "--recipient-email",
                    issuer::EMAIL,
                ]);
                assert!(!ok && err.contains(says), "{err}");
            }
        }
        _ => eprintln!(
            "note: ssh-keygen is not installed: the ECDSA and passphrase cases are skipped"
        ),
    }
}

#[test]
fn verify_refuses_what_is_not_a_badge_that_holds_without_panicking() {
    let tmp = tempfile::tempdir().unwrap();
    let cases = [
        ("broken.json", "{\"@context\": ["),
        ("array.json", "[1, 2]"),
        (
            "plain.json",
            "{\"type\": [\"VerifiableCredential\", \"OpenBadgeCredential\"]}",
        ),
        (
            "noproof.json",
            "{\"@context\": [\"https://www.w3.org/ns/credentials/v2\"], \"type\": [\"VerifiableCredential\", \"OpenBadgeCredential\"], \"proof\": 3}",
        ),
        (
            "badproof.json",
            "{\"@context\": [\"https://www.w3.org/ns/credentials/v2\"], \"type\": [\"OpenBadgeCredential\"], \"proof\": {\"type\": \"DataIntegrityProof\", \"cryptosuite\": \"eddsa-rdfc-2022\", \"proofPurpose\": \"assertionMethod\", \"verificationMethod\": \"did:key:zzzz#zzzz\", \"proofValue\": \"z1\"}}",
        ),
        (
            "unknown-context.json",
            "{\"@context\": [\"https://example.org/ctx\"], \"type\": [\"OpenBadgeCredential\"], \"proof\": {\"type\": \"DataIntegrityProof\", \"cryptosuite\": \"eddsa-rdfc-2022\", \"proofPurpose\": \"assertionMethod\", \"verificationMethod\": \"did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2\", \"proofValue\": \"z5vgFc6ffGVbhxHHb8KRwMrdY2JpMq6DPmdYJcCPJAbGVWB5bU3oATDuLC9Bb3bHzAB4eyoWWUcdxpM7ob2i3Gwb\"}}",
        ),
    ];
    for (name, text) in cases {
        let f = tmp.path().join(name);
        std::fs::write(&f, text).unwrap();
        let (ok, _, err) = verify(&f);
        assert!(!ok, "{name}");
        assert!(err.contains("not a badge that holds"), "{name}: {err}");
        assert!(!err.contains("panicked"), "{name}: {err}");
    }
}
