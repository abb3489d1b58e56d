//! Data Integrity proofs with the `eddsa-rdfc-2022` cryptosuite (W3C "Data Integrity EdDSA
//! Cryptosuites v1.0"), the one Open Badges 3.0 names, made and checked offline.
//!
//! The document (without its proof) and the proof's configuration (with the document's
//! `@context`) are each turned into RDF (JSON-LD expansion, with the contexts bundled in
//! `assets/jsonld/` and nothing ever fetched) and canonicalised with RDFC-1.0; the SHA-256 of
//! the configuration's canonical N-Quads, then of the document's, is what Ed25519 signs; the
//! signature is `proofValue`, base58btc multibase. The key is named by a `did:key`, so a
//! verifier needs no network either.

use std::collections::HashMap;
use std::fmt;

use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use json_ld::syntax::Parse as _;
use json_ld::{IriBuf, JsonLdProcessor as _, RemoteDocument};
use serde_json::{Map, Value};
use sha2::Digest as _;

/// The JSON-LD contexts a badge and its proof use, bundled so that nothing is fetched:
/// (URL, text). Where each came from: `assets/jsonld/README.md`.
pub const CONTEXTS: &[(&str, &str)] = &[
    (
        "https://www.w3.org/ns/credentials/v2",
        include_str!("../../assets/jsonld/credentials-v2.json"),
    ),
    (
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        include_str!("../../assets/jsonld/ob-context-3.0.3.json"),
    ),
    (
        "https://w3id.org/security/multikey/v1",
        include_str!("../../assets/jsonld/multikey-v1.json"),
    ),
    (
        "https://www.w3.org/ns/did/v1",
        include_str!("../../assets/jsonld/did-v1.json"),
    ),
];

pub const PROOF_TYPE: &str = "DataIntegrityProof";
pub const CRYPTOSUITE: &str = "eddsa-rdfc-2022";

/// Why a proof could not be made or does not hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProofError(pub String);

impl fmt::Display for ProofError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ProofError {}

fn err(s: impl Into<String>) -> ProofError {
    ProofError(s.into())
}

const ALPHABET: &[u8; 58] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

/// Base58 (Bitcoin alphabet).
pub fn base58_encode(bytes: &[u8]) -> String {
    let zeros = bytes.iter().take_while(|b| **b == 0).count();
    // Little-endian base-58 digits.
    let mut digits: Vec<u8> = Vec::new();
    for &b in &bytes[zeros..] {
        let mut carry = u32::from(b);
        for d in digits.iter_mut() {
            carry += u32::from(*d) << 8;
            *d = (carry % 58) as u8;
            carry /= 58;
        }
        while carry > 0 {
            digits.push((carry % 58) as u8);
            carry /= 58;
        }
    }
    let mut s = String::with_capacity(zeros + digits.len());
    s.extend(std::iter::repeat_n('1', zeros));
    s.extend(digits.iter().rev().map(|d| ALPHABET[*d as usize] as char));
    s
}

/// Base58 (Bitcoin alphabet) back to bytes; `None` for a character outside it.
pub fn base58_decode(s: &str) -> Option<Vec<u8>> {
    let zeros = s.bytes().take_while(|b| *b == b'1').count();
    let mut bytes: Vec<u8> = Vec::new(); // little-endian
    for c in s.bytes().skip(zeros) {
        let mut carry = ALPHABET.iter().position(|a| *a == c)? as u32;
        for b in bytes.iter_mut() {
            carry += u32::from(*b) * 58;
            *b = (carry & 0xff) as u8;
            carry >>= 8;
        }
        while carry > 0 {
            bytes.push((carry & 0xff) as u8);
            carry >>= 8;
        }
    }
    let mut out = vec![0u8; zeros];
    out.extend(bytes.iter().rev());
    Some(out)
}

/// The multicodec prefix of an Ed25519 public key (0xed, varint-encoded).
const ED25519_PUB: [u8; 2] = [0xed, 0x01];

/// `z...`: an Ed25519 public key as a Multikey's `publicKeyMultibase`.
pub fn multikey(key: &[u8; 32]) -> String {
    let mut b = ED25519_PUB.to_vec();
    b.extend_from_slice(key);
    format!("z{}", base58_encode(&b))
}

/// The `did:key` of an Ed25519 public key.
pub fn did_key(key: &[u8; 32]) -> String {
    format!("did:key:{}", multikey(key))
}

/// The verification method of a `did:key`: `did:key:z...#z...`.
pub fn verification_method(key: &[u8; 32]) -> String {
    let m = multikey(key);
    format!("did:key:{m}#{m}")
}

/// The Ed25519 public key a `did:key` (or its verification method) names.
pub fn key_of_did(did: &str) -> Result<[u8; 32], ProofError> {
    let rest = did
        .strip_prefix("did:key:")
        .ok_or_else(|| err(format!("'{did}' is not a did:key")))?;
    let (id, fragment) = match rest.split_once('#') {
        Some((a, b)) => (a, Some(b)),
        None => (rest, None),
    };
    if fragment.is_some_and(|f| f != id) {
        return Err(err(format!(
            "'{did}' is not a did:key verification method (its fragment is not its key)"
        )));
    }
    let b58 = id
        .strip_prefix('z')
        .ok_or_else(|| err(format!("'{did}' is not base58btc multibase (z...)")))?;
    let bytes = base58_decode(b58).ok_or_else(|| err(format!("'{did}' is not base58")))?;
    match bytes.strip_prefix(&ED25519_PUB) {
        Some(k) if k.len() == 32 => {
            let mut key = [0u8; 32];
            key.copy_from_slice(k);
            Ok(key)
        }
        _ => Err(err(format!("'{did}' does not name an Ed25519 key"))),
    }
}

/// The document loader: the bundled contexts, and nothing else (never the network).
fn loader() -> HashMap<IriBuf, RemoteDocument> {
    let mut m = HashMap::new();
    for (url, text) in CONTEXTS {
        let (Ok(iri), Ok((value, _))) = (
            IriBuf::new(url.to_string()),
            json_ld::syntax::Value::parse_str(text),
        ) else {
            continue;
        };
        m.insert(
            iri.clone(),
            RemoteDocument::new(Some(iri), "application/ld+json".parse().ok(), value),
        );
    }
    m
}

/// The future's value: every future here is ready at once (the loader reads memory).
fn block_on<F: Future>(f: F) -> Result<F::Output, ProofError> {
    let mut f = std::pin::pin!(f);
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    // JSON-LD processing of a badge takes a handful of polls; a bound keeps a broken
    // future from spinning for ever.
    for _ in 0..1_000_000 {
        if let std::task::Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return Ok(v);
        }
    }
    Err(err("JSON-LD processing did not finish"))
}

/// The RDFC-1.0 canonical N-Quads of a JSON-LD document, its contexts from the bundle.
/// Safe mode: a term no context defines, or an invalid IRI, is an error, never dropped.
pub fn canonical_nquads(doc: &Value) -> Result<String, ProofError> {
    let text = serde_json::to_string(doc).map_err(|e| err(e.to_string()))?;
    let (value, _) =
        json_ld::syntax::Value::parse_str(&text).map_err(|e| err(format!("not JSON: {e}")))?;
    let input = RemoteDocument::new(None, "application/ld+json".parse().ok(), value);
    let loader = loader();
    let options = json_ld::Options {
        expansion_policy: json_ld::expansion::Policy {
            invalid: json_ld::expansion::Action::Reject,
            vocab: json_ld::expansion::Action::Keep,
            allow_undefined: false,
        },
        ..Default::default()
    };
    let mut generator = json_ld::rdf_types::generator::Blank::new();
    let mut rdf = block_on(input.to_rdf_using(&mut generator, &loader, options))?.map_err(|e| {
        err(format!(
            "not JSON-LD that expands with the bundled contexts: {e}"
        ))
    })?;
    let mut quads = Vec::new();
    for json_ld::rdf_types::Quad(s, p, o, g) in rdf.cloned_quads() {
        quads.push(oxrdf::Quad::new(
            subject(s),
            oxrdf::NamedNode::new_unchecked(p.as_str()),
            object(o)?,
            match g {
                None => oxrdf::GraphName::DefaultGraph,
                Some(json_ld::rdf_types::Id::Iri(i)) => {
                    oxrdf::NamedNode::new_unchecked(i.as_str()).into()
                }
                Some(json_ld::rdf_types::Id::Blank(b)) => blank(b.as_str()).into(),
            },
        ));
    }
    rdf_canon::canonicalize_quads(&quads).map_err(|e| err(format!("RDF canonicalization: {e}")))
}

fn blank(id: &str) -> oxrdf::BlankNode {
    oxrdf::BlankNode::new_unchecked(id.strip_prefix("_:").unwrap_or(id))
}

fn subject(s: json_ld::rdf_types::Id) -> oxrdf::Subject {
    match s {
        json_ld::rdf_types::Id::Iri(i) => oxrdf::NamedNode::new_unchecked(i.as_str()).into(),
        json_ld::rdf_types::Id::Blank(b) => blank(b.as_str()).into(),
    }
}

fn object(o: json_ld::rdf_types::Term) -> Result<oxrdf::Term, ProofError> {
    use json_ld::rdf_types::{LiteralType, Term};
    Ok(match o {
        Term::Id(id) => match subject(id) {
            oxrdf::Subject::NamedNode(n) => n.into(),
            oxrdf::Subject::BlankNode(b) => b.into(),
            #[allow(unreachable_patterns)]
            _ => return Err(err("an RDF-star term in a badge")),
        },
        Term::Literal(l) => match l.type_ {
            LiteralType::Any(t) => oxrdf::Literal::new_typed_literal(
                l.value,
                oxrdf::NamedNode::new_unchecked(t.as_str()),
            )
            .into(),
            LiteralType::LangString(lang) => {
                oxrdf::Literal::new_language_tagged_literal(l.value, lang.as_str().to_lowercase())
                    .map_err(|e| err(format!("a language tag: {e}")))?
                    .into()
            }
        },
    })
}

fn sha256(s: &str) -> [u8; 32] {
    sha2::Sha256::digest(s.as_bytes()).into()
}

/// What Ed25519 signs: SHA-256 of the proof configuration's canonical form, then of the
/// document's.
fn hash_data(doc: &Map<String, Value>, config: &Map<String, Value>) -> Result<Vec<u8>, ProofError> {
    let doc_c = canonical_nquads(&Value::Object(doc.clone()))?;
    let conf_c = canonical_nquads(&Value::Object(config.clone()))?;
    let mut h = sha256(&conf_c).to_vec();
    h.extend_from_slice(&sha256(&doc_c));
    Ok(h)
}

/// `doc` with an `eddsa-rdfc-2022` proof by `key`, made at `created` (XML Schema dateTime,
/// e.g. `2026-11-23T10:00:00Z`), for `assertionMethod`.
pub fn sign(doc: &Value, key: &SigningKey, created: &str) -> Result<Value, ProofError> {
    let Value::Object(doc) = doc else {
        return Err(err("a credential is a JSON object"));
    };
    let mut doc = doc.clone();
    doc.remove("proof");
    let public = key.verifying_key().to_bytes();
    let mut config = Map::new();
    config.insert("type".into(), PROOF_TYPE.into());
    config.insert("cryptosuite".into(), CRYPTOSUITE.into());
    config.insert("created".into(), created.into());
    config.insert(
        "verificationMethod".into(),
        verification_method(&public).into(),
    );
    config.insert("proofPurpose".into(), "assertionMethod".into());
    let mut with_context = config.clone();
    if let Some(c) = doc.get("@context") {
        with_context.insert("@context".into(), c.clone());
    }
    let data = hash_data(&doc, &with_context)?;
    let sig: Signature = key.sign(&data);
    config.insert(
        "proofValue".into(),
        format!("z{}", base58_encode(&sig.to_bytes())).into(),
    );
    doc.insert("proof".into(), Value::Object(config));
    Ok(Value::Object(doc))
}

/// A proof that holds: who made it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    /// The `did:key` of the key that signed (the verification method's controller).
    pub controller: String,
    pub verification_method: String,
    pub created: Option<String>,
}

/// Check the `eddsa-rdfc-2022` proof of `doc`, offline: the signature over the document as
/// it is now, by the key its verification method (a `did:key`) names.
pub fn verify(doc: &Value) -> Result<Verified, ProofError> {
    let Value::Object(doc) = doc else {
        return Err(err("not a JSON object"));
    };
    let mut doc = doc.clone();
    let proof = match doc.remove("proof") {
        Some(Value::Object(p)) => p,
        Some(Value::Array(_)) => {
            return Err(err(
                "it has several proofs: mentorlog checks a credential with one",
            ));
        }
        Some(_) => return Err(err("its proof is not a JSON object")),
        None => return Err(err("it has no proof: nothing says who issued it")),
    };
    let field = |k: &str| proof.get(k).and_then(Value::as_str);
    if field("type") != Some(PROOF_TYPE) || field("cryptosuite") != Some(CRYPTOSUITE) {
        return Err(err(format!(
            "its proof is not a {PROOF_TYPE} with the {CRYPTOSUITE} cryptosuite"
        )));
    }
    if field("proofPurpose") != Some("assertionMethod") {
        return Err(err("its proof is not for assertionMethod"));
    }
    let vm = field("verificationMethod")
        .ok_or_else(|| err("its proof names no verification method"))?
        .to_string();
    let public = key_of_did(&vm)?;
    let value = field("proofValue").ok_or_else(|| err("its proof has no proofValue"))?;
    let sig_bytes = value
        .strip_prefix('z')
        .and_then(base58_decode)
        .ok_or_else(|| err("its proofValue is not base58btc multibase (z...)"))?;
    let sig = Signature::from_slice(&sig_bytes)
        .map_err(|_| err("its proofValue is not an Ed25519 signature"))?;
    let key = VerifyingKey::from_bytes(&public)
        .map_err(|_| err("its verification method is not an Ed25519 public key"))?;
    let mut config = proof.clone();
    config.remove("proofValue");
    if let Some(c) = doc.get("@context") {
        config.insert("@context".into(), c.clone());
    }
    let data = hash_data(&doc, &config)?;
    key.verify(&data, &sig).map_err(|_| {
        err("the proof does not verify: the credential was changed after it was signed, or signed by another key")
    })?;
    Ok(Verified {
        controller: did_key(&public),
        verification_method: vm,
        created: field("created").map(str::to_string),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base58_round_trips_and_keeps_leading_zeros() {
        for b in [
            &[][..],
            &[0],
            &[0, 0, 1],
            &[255, 254, 0, 7],
            &[0xed, 0x01, 9, 9],
        ] {
            assert_eq!(base58_decode(&base58_encode(b)).unwrap(), b);
        }
        assert_eq!(base58_encode(b"hello world"), "StV1DL6CwTryKyV");
        assert!(base58_decode("0OIl").is_none());
    }

    #[test]
    fn did_key_matches_the_spec_example() {
        // Data Integrity EdDSA Cryptosuites v1.0, the example key pair's public key.
        let did = "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2";
        let key = key_of_did(did).unwrap();
        assert_eq!(did_key(&key), did);
        assert_eq!(
            verification_method(&key),
            format!("{did}#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2")
        );
        assert!(key_of_did("did:key:z6LSbysY2xFMRpGMhb7tFTLMpeuPRaqaWM1yECx2AtzE3KCc").is_err());
        assert!(key_of_did("did:web:example.com").is_err());
    }
}
