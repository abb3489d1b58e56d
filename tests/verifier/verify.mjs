// An independent check of a badge's proof: Digital Bazaar's implementations of Data
// Integrity and of the eddsa-rdfc-2022 cryptosuite (with jsonld.js and rdf-canonize), none of
// mentorlog's code. Offline: the contexts are read from mentorlog's assets/jsonld/, and a
// did:key is resolved from the key it names. Exit 0 when the proof holds, 1 when not.
//
//   node verify.mjs BADGE.json CONTEXTS_DIR
import fs from 'node:fs';
import path from 'node:path';
import jsigs from 'jsonld-signatures';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';

const [file, dir] = process.argv.slice(2);
const contexts = {
  'https://www.w3.org/ns/credentials/v2': 'credentials-v2.json',
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json': 'ob-context-3.0.3.json',
  'https://w3id.org/security/multikey/v1': 'multikey-v1.json',
  'https://www.w3.org/ns/did/v1': 'did-v1.json',
};

async function documentLoader(url) {
  if (contexts[url]) {
    const document = JSON.parse(fs.readFileSync(path.join(dir, contexts[url]), 'utf8'));
    return {contextUrl: null, documentUrl: url, document};
  }
  if (url.startsWith('did:key:z')) {
    const [did] = url.split('#');
    const key = did.slice('did:key:'.length);
    const vm = {
      '@context': 'https://w3id.org/security/multikey/v1',
      id: `${did}#${key}`,
      type: 'Multikey',
      controller: did,
      publicKeyMultibase: key,
    };
    const document = url.includes('#') ? vm : {
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
      id: did,
      verificationMethod: [vm],
      assertionMethod: [vm.id],
      authentication: [vm.id],
    };
    return {contextUrl: null, documentUrl: url, document};
  }
  throw new Error(`not loaded (offline): ${url}`);
}

const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
const result = await jsigs.verify(doc, {
  suite: new DataIntegrityProof({cryptosuite}),
  purpose: new jsigs.purposes.AssertionProofPurpose(),
  documentLoader,
});
if (result.verified) {
  console.log('verified');
} else {
  const errors = (result.error && (result.error.errors || [result.error])) || [];
  console.log('not verified: ' + errors.map(e => e.message).join('; '));
  process.exit(1);
}
