// A check of a badge's shape against Open Badges 3.0's data model
// (ob_v3p0_achievementcredential.schema.json, beside this file), with ajv, none of mentorlog's
// code. Exit 0 when the badge conforms; 1, with ajv's errors, when not.
//
//   node schema.mjs BADGE.json
import fs from 'node:fs';
import {Ajv2019} from 'ajv/dist/2019.js';
import addFormats from 'ajv-formats';

const schema = JSON.parse(
  fs.readFileSync(new URL('./ob_v3p0_achievementcredential.schema.json', import.meta.url), 'utf8'));
// An open tuple: the two contexts OB 3.0 requires first, then any others.
const ajv = new Ajv2019({allErrors: true, strict: true, strictTuples: false, strictRequired: false, allowUnionTypes: true});
addFormats.default(ajv);
const validate = ajv.compile(schema);
const doc = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
if (validate(doc)) {
  console.log('conforms');
} else {
  console.log('does not conform: ' +
    validate.errors.map(e => `${e.instancePath || '/'} ${e.message}`).join('; '));
  process.exit(1);
}
