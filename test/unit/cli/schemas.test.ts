import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Ajv from 'ajv';
import { parse as parseJsonc } from 'jsonc-parser';
import { getLanguageService, TextDocument, type Diagnostic } from 'vscode-json-languageservice';
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

  it('the starter file has no $schema: VS Code validates it through the contributed association', async () => {
    assert.equal((parseJsonc(STARTER_CONFIG) as Record<string, unknown>)['$schema'], undefined, 'a $schema in the file would replace the association');
    assert.match(STARTER_CONFIG, /^\/\/ .*associates its schema with every$/m, 'a comment says how validation works');
    // VS Code's JSON language service, configured as VS Code does it from our package.json: the jsonValidation
    // association (url relative to the extension folder), and apim-network.json opened as jsonc.
    const pkg = readJson('package.json') as { contributes: { jsonValidation: { fileMatch: string; url: string }[]; languages: { id: string; filenames?: string[] }[] } };
    assert.ok(pkg.contributes.languages.some((l) => l.id === 'jsonc' && l.filenames?.includes('apim-network.json')));
    const requested: string[] = [];
    const ls = getLanguageService({
      schemaRequestService: async (uri) => {
        requested.push(uri);
        return fs.readFileSync(fileURLToPath(uri), 'utf8');
      },
      workspaceContext: { resolveRelativePath: (rel, resource) => new URL(rel, resource).toString() },
    });
    ls.configure({
      validate: true,
      allowComments: true,
      schemas: pkg.contributes.jsonValidation.map((j) => ({ uri: pathToFileURL(path.join(ROOT, j.url)).toString(), fileMatch: [j.fileMatch] })),
    });
    const validate = async (text: string): Promise<Diagnostic[]> => {
      const doc = TextDocument.create(pathToFileURL(path.join(ROOT, 'some-repo', 'apim-network.json')).toString(), 'jsonc', 1, text);
      return ls.doValidation(doc, ls.parseJSONDocument(doc), { comments: 'ignore', trailingCommas: 'error' });
    };
    assert.deepEqual(await validate(STARTER_CONFIG), []);
    assert.ok(requested.some((u) => u.endsWith('/schemas/apim-network.schema.json')), 'the contributed schema was used');
    const wrongLevel = STARTER_CONFIG.replace('"rules": {', '"rules": {\n    "nsg-missing": "loud"');
    const flagged = await validate(wrongLevel);
    assert.equal(flagged.length, 1, JSON.stringify(flagged));
    assert.equal(flagged[0]!.range.start.line, wrongLevel.split('\n').findIndex((l) => l.includes('"loud"')));
    // What the starter used to write: a relative $schema into node_modules, missing for extension users. It
    // wins over the association, so the same mistake goes unflagged (only "unable to load" remains).
    const withSchema = wrongLevel.replace('{\n', '{\n  "$schema": "./node_modules/apim-network-lint/schemas/apim-network.schema.json",\n');
    const lost = await validate(withSchema);
    assert.ok(lost.some((d) => /Unable to load schema/i.test(String(d.message))), JSON.stringify(lost));
    assert.ok(!lost.some((d) => /loud|not accepted|Value is not/i.test(String(d.message))), JSON.stringify(lost));
  });

  it('levels: parseConfig accepts exactly the schema\'s (and the setting\'s) five; "information" gets a fix to "info"', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(readJson('schemas/apim-network.schema.json'));
    const ids = allRules.map((r) => r.meta.id);
    for (const level of ['off', 'hint', 'info', 'warning', 'error', 'information', 'Error', 'none']) {
      const config = { rules: { 'nsg-missing': level } };
      const schemaOk = validate(config);
      const parsed = parseConfig(JSON.stringify(config), ids);
      assert.equal(parsed.problems.length === 0, schemaOk, `${level}: parseConfig and the schema agree`);
    }
    const text = '{ "rules": { "nsg-missing": "information" } }';
    const [p] = parseConfig(text, ids).problems;
    assert.equal(p!.messageId, 'badLevel');
    assert.match(p!.message, /did you mean 'info'/);
    assert.equal(p!.replacement?.edit.newText, '"info"');
    assert.equal(text.slice(p!.offset, p!.offset + p!.length), '"information"');
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
