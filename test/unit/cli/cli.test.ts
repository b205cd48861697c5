import { describe, it, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { run } from '../../../server/src/cli/main';

const EXAMPLES = path.resolve(__dirname, '../../../../examples');

function cli(...argv: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = run(argv, (s) => (out += s), (s) => (err += s));
  return { code, out, err };
}

describe('cli', () => {
  let tmp: string;
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'apim-lint-cli-'));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('lints the examples folder: text output, exit 1 on errors', () => {
    const r = cli(EXAMPLES);
    assert.equal(r.code, 1);
    assert.match(r.out, /apim-internal-no-nsg\.json:\d+:\d+: error nsg-missing: /);
    assert.match(r.out, /files? checked: \d+ errors?/);
    assert.doesNotMatch(r.out, /apim-external-premium\.json:\d+:\d+: error/);
  });

  it('json output is one document with the contract shape, zero-based positions', () => {
    const r = cli('--format', 'json', path.join(EXAMPLES, 'apim-internal-no-nsg.json'));
    const doc = JSON.parse(r.out) as { version: number; files: { path: string; findings: { rule: string; severity: string; range: { start: { line: number; character: number } }; fixes: { edits: unknown[] }[] }[] }[] };
    assert.equal(doc.version, 1);
    assert.equal(doc.files.length, 1);
    const missing = doc.files[0]!.findings.find((f) => f.rule === 'nsg-missing')!;
    assert.equal(missing.severity, 'error');
    assert.deepEqual(missing.range.start, { line: 17, character: 20 });
    assert.ok(missing.fixes.length >= 1 && missing.fixes[0]!.edits.length >= 1);
  });

  it('sarif output carries rules, help links and 1-based regions', () => {
    const r = cli('--format', 'sarif', path.join(EXAMPLES, 'apim-internal-no-nsg.json'));
    const sarif = JSON.parse(r.out) as { version: string; runs: { tool: { driver: { rules: { id: string; helpUri: string }[] } }; results: { ruleId: string; level: string; locations: { physicalLocation: { region: { startLine: number; startColumn: number } } }[] }[] }[] };
    assert.equal(sarif.version, '2.1.0');
    const rules = sarif.runs[0]!.tool.driver.rules;
    assert.ok(rules.some((x) => x.id === 'nsg-missing' && x.helpUri.endsWith('/docs/rules/nsg-missing.md')));
    const res = sarif.runs[0]!.results.find((x) => x.ruleId === 'nsg-missing')!;
    assert.equal(res.level, 'error');
    assert.deepEqual(res.locations[0]!.physicalLocation.region.startLine, 18);
    assert.deepEqual(res.locations[0]!.physicalLocation.region.startColumn, 21);
  });

  it('pairs <name>.parameters.json automatically, and --parameters overrides it', () => {
    const paired = cli('--format', 'json', path.join(EXAMPLES, 'apim-multiregion.json'));
    assert.match(paired.out, /10\.51\.1\.0\/29/);
    const params = path.join(tmp, 'p.json');
    fs.writeFileSync(params, JSON.stringify({ $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#', parameters: { secondaryPrefix: { value: '10.51.1.0/24' } } }));
    const overridden = cli('--format', 'json', '--parameters', params, path.join(EXAMPLES, 'apim-multiregion.json'));
    assert.doesNotMatch(overridden.out, /subnet-too-small/);
    assert.equal(overridden.code, 0);
  });

  it('a missing path: one-line message, exit 2, the other files still analysed', () => {
    const r = cli('--format', 'json', path.join(tmp, 'nope.json'), path.join(EXAMPLES, 'apim-internal-no-nsg.json'));
    assert.equal(r.code, 2);
    assert.match(r.err, /nope\.json: no such file or folder/);
    const doc = JSON.parse(r.out) as { files: { path: string; error?: string; findings: unknown[] }[] };
    assert.equal(doc.files.length, 2);
    assert.ok(doc.files.some((f) => f.error && f.findings.length === 0));
    assert.ok(doc.files.some((f) => f.findings.length > 0));
  });

  it('a file that does not parse: reported with its position, exit 2', () => {
    const bad = path.join(tmp, 'bad.json');
    fs.writeFileSync(bad, '{ "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "resources": [ { "type": "x", }\n');
    const r = cli('--format', 'json', bad);
    assert.equal(r.code, 2);
    const doc = JSON.parse(r.out) as { files: { findings: { rule: string }[] }[] };
    assert.ok(doc.files[0]!.findings.some((f) => f.rule === 'syntax-error'));
  });

  it('folder scans skip non-templates silently; an explicit non-template gets one line', () => {
    const dir = path.join(tmp, 'plain');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'package.json'), '{"name": "x"}');
    fs.writeFileSync(path.join(dir, 'notes.yaml'), 'a: 1\n');
    const scan = cli(dir);
    assert.equal(scan.err, '');
    assert.equal(scan.code, 0);
    const explicit = cli(path.join(dir, 'package.json'));
    assert.match(explicit.err, /not an ARM deployment template/);
    assert.equal(explicit.code, 0);
  });

  it('a symbolic link loop is reported once and does not hang', () => {
    const dir = path.join(tmp, 'loop');
    fs.mkdirSync(dir);
    fs.symlinkSync(dir, path.join(dir, 'self'));
    const r = cli(dir);
    assert.match(r.err, /already searched/);
    assert.equal(r.code, 0);
  });

  it('bad usage: exit 2 with the usage text', () => {
    const r = cli('--format', 'xml', EXAMPLES);
    assert.equal(r.code, 2);
    assert.match(r.err, /unknown format 'xml'/);
    assert.equal(cli().code, 2);
    assert.equal(cli('--help').code, 0);
  });

  it('reads UTF-16 and BOM-prefixed files', () => {
    const src = fs.readFileSync(path.join(EXAMPLES, 'apim-internal-no-nsg.json'), 'utf8');
    const f16 = path.join(tmp, 'utf16.json');
    fs.writeFileSync(f16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(src, 'utf16le')]));
    const bom = path.join(tmp, 'bom.json');
    fs.writeFileSync(bom, '\ufeff' + src);
    const a = JSON.parse(cli('--format', 'json', f16).out) as { files: { findings: { rule: string; range: unknown }[] }[] };
    const b = JSON.parse(cli('--format', 'json', bom).out) as typeof a;
    const c = JSON.parse(cli('--format', 'json', path.join(EXAMPLES, 'apim-internal-no-nsg.json')).out) as typeof a;
    assert.deepEqual(a.files[0]!.findings, c.files[0]!.findings);
    assert.deepEqual(b.files[0]!.findings, c.files[0]!.findings);
  });
});
