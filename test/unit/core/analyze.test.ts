import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyzeText, applyEdits } from '../../../server/src/core/index';
import { injected, requiredRules } from '../../helpers/templates';
import { render } from '../../helpers/ruleTester';
import { severityAtLevel, type Severity } from '../../../server/src/core/rules/finding';

const broken = () => injected({ rules: requiredRules().filter((r) => (r as { name: string }).name !== 'AllowApiManagementInbound') });

describe('analyzeText', () => {
  it('is silent on documents that are not ARM templates', () => {
    for (const text of ['{"name": "pkg", "version": "1.0.0"}', 'a: 1\nb: [1, 2]\n', '', '\ufeff', 'not json at all {', '[1,2,3]']) {
      const r = analyzeText(text, { uri: 'x.json' });
      assert.equal(r.isTemplate, false, text);
      assert.deepEqual(r.findings, []);
    }
  });

  it('recognises a template by content ($schema, or typed resources)', () => {
    assert.equal(analyzeText('{"resources": [{"type": "Microsoft.Network/virtualNetworks", "name": "v"}]}').isTemplate, true);
    assert.equal(analyzeText('{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"}').isTemplate, true);
    assert.equal(analyzeText('{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", "parameters": {}}').kind, 'parameters');
  });

  it('reports a finding once when the parser gives it twice, and keeps different findings at one offset', () => {
    // The text ends inside an object inside an array: the parser's recovery reports "close brace
    // expected" more than once at the end of the text; "close bracket expected" is another finding there.
    const r = analyzeText('{"resources": [ {"type": "a"', { format: 'json' });
    assert.deepEqual(
      r.findings.map((f) => [f.ruleId, f.message, f.range.offset, f.range.length]),
      [
        ['syntax-error', 'JSON syntax error: close brace expected', 28, 0],
        ['syntax-error', 'JSON syntax error: close bracket expected', 28, 0],
      ],
    );
  });

  it('gives the same findings and positions with CRLF line endings and a BOM', () => {
    const lf = render(broken(), 'json');
    const crlf = lf.replace(/\n/g, '\r\n');
    const a = analyzeText(lf, { format: 'json' });
    const b = analyzeText('\ufeff' + crlf, { format: 'json' });
    const pos = (r: typeof a) => r.findings.map((f) => ({ rule: f.ruleId, ...r.lines.positionAt(f.range.offset) }));
    assert.deepEqual(pos(b).map((p) => ({ ...p, character: p.line === 0 ? p.character - 1 : p.character })), pos(a));
    // Fixes written into a CRLF document use CRLF.
    const fix = b.findings.find((f) => f.ruleId === 'nsg-required-port')!.fixes![0]!;
    const fixed = applyEdits('\ufeff' + crlf, fix.edits);
    assert.ok(!/[^\r]\n/.test(fixed), 'no bare LF after the fix');
  });

  it('counts positions in UTF-16 code units (emoji and CJK before the finding)', () => {
    const t = broken() as { resources: { name: string; properties: { securityRules?: { name: string }[] } }[]; metadata?: unknown };
    (t as Record<string, unknown>)['metadata'] = { description: '😀 网络 — ünïcode' };
    const text = JSON.stringify(t, null, 2);
    const r = analyzeText(text, { format: 'json' });
    const f = r.findings.find((x) => x.ruleId === 'nsg-required-port')!;
    assert.equal(text.slice(f.range.offset, f.range.offset + f.range.length), '"apim-nsg"');
  });

  it('honours disable-next-line comments (JSONC and YAML), for one rule or all', () => {
    const json = render(broken(), 'json');
    const withComment = json.replace(/\n(\s*)"name": "apim-nsg"/, '\n$1// apim-network-disable-next-line nsg-required-port\n$1"name": "apim-nsg"');
    assert.ok(analyzeText(json, { format: 'json' }).findings.some((f) => f.ruleId === 'nsg-required-port'));
    assert.ok(!analyzeText(withComment, { format: 'json' }).findings.some((f) => f.ruleId === 'nsg-required-port'));
    const other = json.replace(/\n(\s*)"name": "apim-nsg"/, '\n$1// apim-network-disable-next-line subnet-too-small\n$1"name": "apim-nsg"');
    assert.ok(analyzeText(other, { format: 'json' }).findings.some((f) => f.ruleId === 'nsg-required-port'));
    const yaml = render(broken(), 'yaml').replace(/\n(\s*)name: apim-nsg/, '\n$1# apim-network-disable-next-line\n$1name: apim-nsg');
    assert.ok(!analyzeText(yaml, { format: 'yaml' }).findings.some((f) => f.ruleId === 'nsg-required-port'));
  });

  it('applies configured levels: off, a new severity, info as a synonym', () => {
    const text = render(broken(), 'json');
    assert.ok(!analyzeText(text, { levels: { 'nsg-required-port': 'off' } }).findings.some((f) => f.ruleId === 'nsg-required-port'));
    const warn = analyzeText(text, { levels: { 'nsg-required-port': 'warning' } }).findings.filter((f) => f.ruleId === 'nsg-required-port');
    assert.ok(warn.length > 0 && warn.every((f) => f.severity === 'warning'));
    const info = analyzeText(text, { levels: { 'nsg-required-port': 'info' } }).findings.filter((f) => f.ruleId === 'nsg-required-port');
    assert.ok(info.every((f) => f.severity === 'information'));
  });

  it('refuses documents above maxFileSize with one information finding', () => {
    const text = render(broken(), 'json');
    const r = analyzeText(text, { maxFileSize: 100 });
    assert.deepEqual(r.findings.map((f) => [f.ruleId, f.severity]), [['analysis-skipped', 'information']]);
  });

  it('reports syntax errors and still analyses what parsed', () => {
    const text = render(broken(), 'json').replace('"publisherName": "Contoso"', '"publisherName": "Contoso",,');
    const r = analyzeText(text, { format: 'json' });
    assert.ok(r.findings.some((f) => f.ruleId === 'syntax-error' && f.severity === 'error'));
    assert.ok(r.findings.some((f) => f.ruleId === 'nsg-required-port'));
  });

  it('is deterministic', () => {
    const text = render(broken(), 'yaml');
    assert.deepEqual(analyzeText(text, { format: 'yaml' }).findings, analyzeText(text, { format: 'yaml' }).findings);
  });

  it('refuses a YAML alias bomb with a finding instead of expanding it', () => {
    let y = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i < 12; i++) y += `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
    y += 'resources:\n  - type: Microsoft.Network/virtualNetworks\n    name: v\n';
    const started = Date.now();
    const r = analyzeText(y, { format: 'yaml' });
    assert.ok(Date.now() - started < 5000);
    assert.deepEqual(r.findings.map((f) => f.ruleId), ['syntax-error']);
    assert.match(r.findings[0]!.message, /alias/);
  });

  it('refuses 10,000 levels of nesting with a finding, without a stack overflow', () => {
    const n = 10_000;
    const json = '{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "resources": [{"type": "Microsoft.Network/virtualNetworks", "name": "v", "properties": ' + '['.repeat(n) + ']'.repeat(n) + '}]}';
    const yaml = 'resources:\n  - type: Microsoft.Network/virtualNetworks\n    name: v\n    properties: ' + '['.repeat(n) + ']'.repeat(n) + '\n';
    for (const [text, format] of [[json, 'json'], [yaml, 'yaml']] as const) {
      const r = analyzeText(text, { format });
      assert.deepEqual(r.findings.map((f) => f.ruleId), ['syntax-error'], format);
      assert.match(r.findings[0]!.message, /nested deeper than/);
    }
  });
});

describe('severityAtLevel: the level, a milder-than-default finding capped at it', () => {
  const cases: [Severity, Severity, Severity, Severity][] = [
    // severity, rule default, level → result
    ['error', 'error', 'warning', 'warning'],
    ['error', 'error', 'hint', 'hint'],
    ['warning', 'warning', 'error', 'error'],
    ['information', 'error', 'warning', 'information'], // an optional flow stays information under warning
    ['information', 'error', 'hint', 'hint'], // … and is capped at a milder level
    ['warning', 'error', 'error', 'warning'], // config-invalid's unknown key stays a warning
    ['warning', 'error', 'information', 'information'],
  ];
  for (const [severity, def, level, want] of cases) {
    it(`${severity} (default ${def}) at ${level} → ${want}`, () => assert.equal(severityAtLevel(severity, def, level), want));
  }
});
