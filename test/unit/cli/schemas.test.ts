import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { run } from '../../../server/src/cli/main';
import { allRules, parseConfig, STARTER_CONFIG } from '../../../server/src/core/index';

const ROOT = path.resolve(__dirname, '../../../..');
const readJson = (rel: string) => JSON.parse(fs.readFileSync(path.join(ROOT, rel), 'utf8')) as Record<string, unknown>;
const stripComments = (t: string) => t.replace(/^\s*\/\/.*$/gm, '').replace(/,(\s*[}\]])/g, '$1');

describe('schemas', () => {
  it('apim-network.schema.json lists exactly the registry rule ids, and the setting does too', () => {
    const schema = readJson('schemas/apim-network.schema.json') as { properties: { rules: { properties: Record<string, unknown> } } };
    const ids = allRules.map((r) => r.meta.id).sort();
    assert.deepEqual(Object.keys(schema.properties.rules.properties).sort(), ids, 'run node scripts/build-schemas.mjs');
    const pkg = readJson('package.json') as { contributes: { configuration: { properties: Record<string, { properties?: Record<string, unknown> }> }; jsonValidation: { fileMatch: string; url: string }[] } };
    assert.deepEqual(Object.keys(pkg.contributes.configuration.properties['apimNetwork.rules']!.properties ?? {}).sort(), ids);
    assert.ok(pkg.contributes.jsonValidation.some((j) => j.fileMatch === 'apim-network.json' && j.url === './schemas/apim-network.schema.json'));
  });

  it('apim-network.schema.json (draft-07) accepts the starter file and rejects what parseConfig rejects', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(readJson('schemas/apim-network.schema.json'));
    assert.ok(validate(JSON.parse(stripComments(STARTER_CONFIG))), JSON.stringify(validate.errors));
    const bad = { rules: { 'nsg-requred-port': 'off', 'nsg-missing': 'loud' }, ignore: 'x', maxFileSize: -1 };
    assert.equal(validate(bad), false);
    assert.equal(parseConfig(JSON.stringify(bad), allRules.map((r) => r.meta.id)).problems.length, 4);
  });

  it('the CLI --format json output validates against cli-output.schema.json', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(readJson('schemas/cli-output.schema.json'));
    let out = '';
    run(['--format', 'json', path.join(ROOT, 'examples'), path.join(ROOT, 'no-such-file.json')], (s) => (out += s), () => {});
    const doc = JSON.parse(out) as { files: { findings: { fixes: unknown[] }[] }[] };
    assert.ok(doc.files.length >= 5 && doc.files.some((f) => f.findings.some((x) => x.fixes.length > 0)), 'real findings with fixes');
    assert.ok(validate(doc), JSON.stringify(validate.errors?.slice(0, 3)));
  });
});
