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

  describe('--fix', () => {
    const findingsOf = (file: string) =>
      (JSON.parse(cli('--format', 'json', file).out) as { files: { findings: { rule: string; severity: string; fixes?: unknown[] }[] }[] }).files[0]!.findings;

    it('writes the preferred fixes into the file, reports what is left, and a second run changes nothing', () => {
      const file = path.join(tmp, 'deny-internet.jsonc');
      fs.copyFileSync(path.join(EXAMPLES, 'apim-deny-internet.jsonc'), file);
      const before = findingsOf(file);
      assert.ok(before.some((f) => f.rule === 'nsg-required-port' && f.severity === 'error'));
      const r = cli('--fix', file);
      assert.equal(r.code, 0, r.out + r.err);
      assert.match(r.err, /deny-internet\.jsonc: fixed \d+ finding\(s\)/);
      const after = fs.readFileSync(file, 'utf8');
      assert.notEqual(after, fs.readFileSync(path.join(EXAMPLES, 'apim-deny-internet.jsonc'), 'utf8'));
      assert.ok(after.startsWith('// Broken: a "lock-down" NSG'), 'comments are kept');
      assert.match(after, /"AzureMonitor"/);
      assert.doesNotMatch(after, /"Azure Monitor"/);
      // What is left: no error or warning; the optional flows (information) are left to the user, unfixed.
      const left = findingsOf(file);
      assert.ok(left.every((f) => f.severity !== 'error' && f.severity !== 'warning'), JSON.stringify(left));
      assert.ok(left.some((f) => f.rule === 'nsg-required-port' && f.severity === 'information' && f.fixes?.length));
      assert.doesNotMatch(after, /EventHub/);
      assert.match(r.out, /files? checked: 0 errors, 0 warnings/);
      const again = cli('--fix', file);
      assert.doesNotMatch(again.err, /fixed/);
      assert.equal(fs.readFileSync(file, 'utf8'), after);
    });

    it('keeps a BOM, CRLF line endings and UTF-16; fixes YAML', () => {
      const template = (tag: string, eol: string) =>
        [
          '{',
          '  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",',
          '  "resources": [',
          '    { "type": "Microsoft.Network/networkSecurityGroups", "apiVersion": "2023-09-01", "name": "nsg", "location": "westeurope",',
          `      "properties": { "securityRules": [ { "name": "Sql", "properties": { "protocol": "Tcp", "sourcePortRange": "*", "destinationPortRange": "1433", "sourceAddressPrefix": "VirtualNetwork", "destinationAddressPrefix": "${tag}", "access": "Allow", "priority": 100, "direction": "Outbound" } } ] } }`,
          '  ]',
          '}',
          '',
        ].join(eol);
      const bom = path.join(tmp, 'bom-crlf.json');
      fs.writeFileSync(bom, `\ufeff${template('SQL', '\r\n')}`, 'utf8');
      const utf16 = path.join(tmp, 'utf16.json');
      fs.writeFileSync(utf16, Buffer.from(`\ufeff${template('Sqll', '\n')}`, 'utf16le'));
      const yaml = path.join(tmp, 'tags.yaml');
      fs.writeFileSync(
        yaml,
        [
          '$schema: https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
          'resources:',
          '  - type: Microsoft.Network/networkSecurityGroups',
          '    apiVersion: "2023-09-01"',
          '    name: nsg',
          '    properties:',
          '      securityRules:',
          '        - name: Kv',
          '          properties: { protocol: Tcp, sourcePortRange: "*", destinationPortRange: "443", sourceAddressPrefix: VirtualNetwork, destinationAddressPrefix: AzureKeyvault, access: Allow, priority: 100, direction: Outbound }',
          '',
        ].join('\n'),
      );
      const r = cli('--fix', bom, utf16, yaml);
      assert.equal(r.code, 0, r.out + r.err);
      assert.equal(fs.readFileSync(bom, 'utf8'), `\ufeff${template('Sql', '\r\n')}`);
      assert.equal(fs.readFileSync(utf16).toString('utf16le'), `\ufeff${template('Sql', '\n')}`);
      assert.match(fs.readFileSync(yaml, 'utf8'), /destinationAddressPrefix: AzureKeyVault, access/);
    });

    it('never writes a file with syntax errors, and leaves files without fixes untouched', () => {
      const broken = path.join(tmp, 'broken.json');
      const text = '{ "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "resources": [ { "type": "Microsoft.Network/networkSecurityGroups", "name": "n", "properties": { "securityRules": [ { "name": "x", "properties": { "destinationAddressPrefix": "SQL" } } ] } } ';
      fs.writeFileSync(broken, text);
      const clean = path.join(tmp, 'clean.json');
      fs.copyFileSync(path.join(EXAMPLES, 'apim-external-premium.json'), clean);
      const stat = fs.statSync(clean).mtimeMs;
      const r = cli('--fix', broken, clean);
      assert.equal(r.code, 2);
      assert.equal(fs.readFileSync(broken, 'utf8'), text);
      assert.equal(fs.statSync(clean).mtimeMs, stat);
      assert.doesNotMatch(r.err, /fixed/);
    });
  });
});
