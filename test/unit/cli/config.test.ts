import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cli as runCli, tempWorkspace, write } from '../../helpers/cli';
import { parseConfig, allRules, STARTER_CONFIG } from '../../../server/src/core/index';
import { injected, requiredRules } from '../../helpers/templates';

function cli(...argv: string[]) {
  const r = runCli(...argv);
  return { ...r, json: () => JSON.parse(r.out) as { files: { path: string; findings: { rule: string; severity: string; message: string; range: { start: { line: number; character: number } } }[] }[] } };
}

/** A template whose only error is nsg-required-port (3443 not allowed). */
const broken = () => JSON.stringify(injected({ rules: requiredRules().filter((r) => (r as { name: string }).name !== 'AllowApiManagementInbound') }), null, 2);
const ids = allRules.map((r) => r.meta.id);

describe('apim-network.json', () => {
  const root = tempWorkspace('apim-lint-config-');

  it('parses rules, parameterFiles, ignore and maxFileSize; reports each problem at its key, keeps the rest', () => {
    const text = `{
  // comments are fine
  "rules": { "nsg-required-port": "warning", "nsg-requird-port": "off", "subnet-too-small": "loud" },
  "parameterFiles": { "infra/*.json": "infra/prod.parameters.json" },
  "ignore": ["legacy/**", 42],
  "maxFileSize": 1000,
  "colour": "blue",
}`;
    const { config, problems } = parseConfig(text, ids);
    assert.deepEqual(config.rules, { 'nsg-required-port': 'warning' });
    assert.deepEqual(config.parameterFiles, { 'infra/*.json': 'infra/prod.parameters.json' });
    assert.deepEqual(config.ignore, ['legacy/**']);
    assert.equal(config.maxFileSize, 1000);
    const at = (id: string) => problems.find((p) => p.messageId === id)!;
    assert.equal(text.slice(at('unknownRule').offset, at('unknownRule').offset + at('unknownRule').length), '"nsg-requird-port"');
    assert.match(at('unknownRule').message, /did you mean 'nsg-required-port'/);
    assert.equal(at('unknownRule').replacement?.edit.newText, '"nsg-required-port"');
    assert.equal(text.slice(at('badLevel').offset, at('badLevel').offset + at('badLevel').length), '"loud"');
    assert.equal(text.slice(at('badType').offset, at('badType').offset + 2), '42');
    assert.equal(at('unknownKey').severity, 'warning');
  });

  it('a malformed file: a syntax problem, and what parsed still applies', () => {
    const { config, problems } = parseConfig('{ "rules": { "nsg-required-port": "off" }, "ignore": [ }', ids);
    assert.ok(problems.some((p) => p.messageId === 'syntax'));
    assert.deepEqual(config.rules, { 'nsg-required-port': 'off' });
  });

  it('the starter file is valid', () => {
    assert.deepEqual(parseConfig(STARTER_CONFIG, ids).problems, []);
  });

  it('is found by walking up; the nearest wins', () => {
    write(path.join(root(), 'apim-network.json'), '{ "rules": { "nsg-required-port": "warning" } }');
    write(path.join(root(), 'a', 't.json'), broken());
    write(path.join(root(), 'b', 'apim-network.json'), '{ "rules": { "nsg-required-port": "off" } }');
    write(path.join(root(), 'b', 'deep', 't.json'), broken());
    const r = cli('--format', 'json', path.join(root(), 'a'), path.join(root(), 'b'));
    const files = r.json().files;
    const a = files.find((f) => f.path.endsWith(path.join('a', 't.json')))!;
    const b = files.find((f) => f.path.endsWith(path.join('deep', 't.json')))!;
    assert.deepEqual(a.findings.filter((f) => f.rule === 'nsg-required-port').map((f) => f.severity), ['warning']);
    assert.deepEqual(b.findings.filter((f) => f.rule === 'nsg-required-port'), []);
    assert.equal(r.code, 0);
  });

  it('--config overrides discovery', () => {
    const cfg = path.join(root(), 'ci.json');
    write(cfg, '{ "rules": { "nsg-required-port": "info" } }');
    const r = cli('--format', 'json', '--config', cfg, path.join(root(), 'b'));
    const b = r.json().files.find((f) => f.path.endsWith('t.json'))!;
    assert.deepEqual(b.findings.filter((f) => f.rule === 'nsg-required-port').map((f) => f.severity), ['information']);
  });

  it('ignore globs skip files; parameterFiles pairs templates', () => {
    const dir = path.join(root(), 'c');
    write(path.join(dir, 'apim-network.json'), '{ "ignore": ["legacy/**"], "parameterFiles": { "infra/*.json": "params/prod.json" } }');
    write(path.join(dir, 'legacy', 'old.json'), broken());
    const t = JSON.parse(broken()) as { parameters?: unknown; resources: { type: string; properties?: { securityRules?: unknown[] } }[] };
    t.parameters = { mgmt: { type: 'string', defaultValue: 'Deny' } };
    const nsg = t.resources.find((x) => x.type === 'Microsoft.Network/networkSecurityGroups')!;
    nsg.properties!.securityRules!.push({ name: 'Mgmt', properties: { protocol: 'Tcp', sourcePortRange: '*', destinationPortRange: '3443', sourceAddressPrefix: 'ApiManagement', destinationAddressPrefix: 'VirtualNetwork', access: "[parameters('mgmt')]", priority: 300, direction: 'Inbound' } });
    write(path.join(dir, 'infra', 'main.json'), JSON.stringify(t, null, 2));
    write(path.join(dir, 'params', 'prod.json'), JSON.stringify({ $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#', parameters: { mgmt: { value: 'Allow' } } }));
    const r = cli('--format', 'json', dir);
    const files = r.json().files;
    assert.ok(!files.some((f) => f.path.includes('legacy')), 'ignored');
    const main = files.find((f) => f.path.endsWith('main.json'))!;
    assert.deepEqual(main.findings.filter((f) => f.rule === 'nsg-required-port'), [], 'the mapped parameter file allows 3443');
    const explicit = cli(path.join(dir, 'legacy', 'old.json'));
    assert.match(explicit.err, /ignored by .*apim-network\.json/);
  });

  it('a config problem is reported in the config file, at the key; nothing silently falls back', () => {
    const dir = path.join(root(), 'd');
    write(path.join(dir, 'apim-network.json'), '{\n  "rules": {\n    "nsg-requred-port": "off"\n  }\n}\n');
    write(path.join(dir, 't.json'), broken());
    const r = cli('--format', 'json', path.join(dir, 't.json'));
    const cfg = r.json().files.find((f) => f.path.endsWith('apim-network.json'))!;
    assert.equal(cfg.findings[0]!.rule, 'config-invalid');
    assert.deepEqual(cfg.findings[0]!.range.start, { line: 2, character: 4 });
    const t = r.json().files.find((f) => f.path.endsWith('t.json'))!;
    assert.ok(t.findings.some((f) => f.rule === 'nsg-required-port' && f.severity === 'error'), 'the misspelt entry does not apply');
    assert.equal(r.code, 1);
  });

  it('"config-invalid": "off" in the file silences its own problems; another level replaces their severity', () => {
    const dir = path.join(root(), 'quiet');
    write(path.join(dir, 'apim-network.json'), '{ "rules": { "nsg-requred-port": "off", "config-invalid": "off" }, "colour": 1 }');
    write(path.join(dir, 't.json'), broken());
    const r = cli('--format', 'json', path.join(dir, 't.json'));
    assert.ok(!r.json().files.some((f) => f.path.endsWith('apim-network.json')), 'no report for the config file');
    assert.equal(r.code, 1, 'the template still has its error');
    const named = cli('--format', 'json', path.join(dir, 'apim-network.json'));
    assert.deepEqual(named.json().files.find((f) => f.path.endsWith('apim-network.json'))!.findings, [], 'named explicitly too');
    assert.equal(named.code, 0);
    write(path.join(dir, 'apim-network.json'), '{ "rules": { "nsg-requred-port": "off", "config-invalid": "warning" }, "colour": 1 }');
    const warned = cli('--format', 'json', path.join(dir, 't.json'));
    const cfg = warned.json().files.find((f) => f.path.endsWith('apim-network.json'))!;
    assert.deepEqual(cfg.findings.map((f) => f.severity), ['warning', 'warning']);
    const hinted = cli('--format', 'json', '--config', path.join(dir, 'apim-network.json'), path.join(dir, 't.json'));
    assert.equal(hinted.json().files.find((f) => f.path.endsWith('apim-network.json'))!.findings.length, 2, '--config: reported by the same code');
    write(path.join(dir, 'apim-network.json'), '{ "rules": { "config-invalid": "hint" }, "colour": 1 }');
    assert.deepEqual(cli('--format', 'json', path.join(dir, 'apim-network.json')).json().files[0]!.findings.map((f) => f.severity), ['hint'], 'a milder problem is capped at the level');
  });

  it('the size-limit message names where the limit came from', () => {
    const dir = path.join(root(), 'size');
    write(path.join(dir, 'apim-network.json'), '{ "maxFileSize": 100 }');
    write(path.join(dir, 't.json'), broken());
    const r = cli('--format', 'json', path.join(dir, 't.json'));
    const [f] = r.json().files.find((x) => x.path.endsWith('t.json'))!.findings;
    assert.equal(f!.rule, 'analysis-skipped');
    assert.match(f!.message, /more than maxFileSize in .*size[\\/]apim-network\.json \(100\)$/);
    assert.doesNotMatch(f!.message, /apimNetwork\./, 'the CLI never reads editor settings');
  });

  it('init writes a commented starter file once', () => {
    const dir = path.join(root(), 'e');
    fs.mkdirSync(dir);
    assert.equal(cli('init', dir).code, 0);
    assert.match(fs.readFileSync(path.join(dir, 'apim-network.json'), 'utf8'), /\/\/ Rule id → level/);
    const again = cli('--init', dir);
    assert.equal(again.code, 2);
    assert.match(again.err, /already exists/);
  });
});
