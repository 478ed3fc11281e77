// Validates one JSON document against one JSON Schema with ajv, as the OSCAL export tests and CI
// do: node validate.mjs SCHEMA.json DOC.json
// Exit codes: 0 valid; 1 invalid (every error is printed); 2 usage, unreadable input, or a schema
// that does not compile.
//
// OSCAL's patterns use Unicode property escapes (\p{L}, \p{N}). They mean that only in Unicode
// regular expressions: without the u flag \p{L} silently matches the letters "p{L}", and even
// NIST's own example documents fail. So unicodeRegExp stays on (ajv 8's default, set here so
// that nobody turns it off by accident). strict is off because these are third-party schemas we
// may not edit, and a keyword strict mode dislikes must not stop validation (the v1.1.2 and
// v1.2.1 schemas happen to compile under strict mode today). allErrors reports every problem,
// not just the first.
import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import Ajv2019 from 'ajv/dist/2019.js';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

function readJson(path, what) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    console.error(`${path}: cannot read the ${what}: ${e.message}`);
    process.exit(2);
  }
}

// The validator class for the draft the schema declares; draft-07 (OSCAL 1.x) when it says none.
function validatorFor(schema) {
  const draft = String(schema.$schema ?? 'http://json-schema.org/draft-07/schema#');
  if (draft.includes('2020-12')) return Ajv2020;
  if (draft.includes('2019-09')) return Ajv2019;
  if (draft.includes('draft-07') || draft.includes('draft-06')) return Ajv;
  console.error(`unsupported $schema: ${draft}`);
  process.exit(2);
}

if (process.argv.length !== 4) {
  console.error('usage: node validate.mjs SCHEMA.json DOC.json');
  process.exit(2);
}
const [schemaPath, docPath] = process.argv.slice(2);
const schema = readJson(schemaPath, 'schema');
const doc = readJson(docPath, 'document');

const Validator = validatorFor(schema);
const ajv = new Validator({ strict: false, allErrors: true, unicodeRegExp: true });
addFormats(ajv);

let validate;
try {
  validate = ajv.compile(schema);
} catch (e) {
  console.error(`${schemaPath}: the schema does not compile: ${e.message}`);
  process.exit(2);
}

if (validate(doc)) {
  console.log(`${docPath}: valid against ${schemaPath}`);
  process.exit(0);
}
console.error(`${docPath}: ${validate.errors.length} error(s) against ${schemaPath}`);
for (const error of validate.errors) {
  const params = JSON.stringify(error.params);
  console.error(`  ${error.instancePath || '/'}: ${error.message} ${params} (schema ${error.schemaPath})`);
}
process.exit(1);
