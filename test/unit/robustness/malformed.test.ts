/**
 * Malformed input: wrong types everywhere, duplicate keys, truncated and garbled documents, empty
 * files, a lone BOM, binary content. Nothing throws; parse errors are findings at the right place;
 * whatever parsed is still analysed.
 */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyzeText, type AnalysisResult } from '../../../server/src/core/index';
import { render } from '../../helpers/ruleTester';
import { injected, requiredRules, SCHEMA, template, type Obj } from '../../helpers/templates';
import { checkInvariants } from '../fuzz/properties';

type Format = 'json' | 'yaml';
const FORMATS: Format[] = ['json', 'yaml'];

const missingApimRule = (): Obj[] => requiredRules().filter((r) => (r as { name: string }).name !== 'AllowApiManagementInbound');
const ids = (r: AnalysisResult): string[] => r.findings.map((f) => f.ruleId);

/** Sets `value` at a path of the plain template (a deep copy). */
function setAt(t: Obj, path: (string | number)[], value: unknown): Obj {
  const copy = JSON.parse(JSON.stringify(t)) as Obj;
  let cur: Record<string | number, unknown> = copy;
  for (const seg of path.slice(0, -1)) cur = cur[seg] as Record<string | number, unknown>;
  cur[path[path.length - 1]!] = value;
  return copy;
}

/** Every path (object keys and array indices) of a plain value. */
function paths(v: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(v)) return v.flatMap((c, i) => [[...prefix, i], ...paths(c, [...prefix, i])]);
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, c]) => [[...prefix, k], ...paths(c, [...prefix, k])]);
  return [];
}

describe('robustness: wrong types everywhere', () => {
  it('securityRules: "x", rules that are numbers, null, strings, arrays, objects with wrong-typed fields', () => {
    const shapes: unknown[] = [
      'x', 42, null, true, {}, [1, null, 'x', [], {}],
      [{ properties: 5 }, { name: 7, properties: { priority: 'a', destinationPortRange: {}, sourceAddressPrefix: 7, direction: [], access: null, protocol: 1 } }],
      [{ properties: { priority: 1e308, destinationPortRanges: 'x', sourceAddressPrefixes: 5, destinationPortRange: '0-65535', direction: 'Inbound', access: 'Deny', protocol: '*' } }],
    ];
    for (const rules of shapes) {
      const t = setAt(injected(), ['resources', 0, 'properties', 'securityRules'], rules);
      for (const format of FORMATS) {
        const r = checkInvariants(render(t, format), format);
        assert.ok(r.isTemplate);
        assert.ok(!ids(r).includes('syntax-error'), `${format} ${JSON.stringify(rules)}`);
        // The rest of the template is still analysed: the APIM instance and its subnet are in the model.
        assert.ok(r.model, 'a model is built');
      }
    }
  });

  it('a number, a string, null, an array and an empty object in place of every node of a template', () => {
    const base = injected({ rules: missingApimRule() });
    const all = paths(base);
    assert.ok(all.length > 100);
    const values = [7, 'x', null, [], {}];
    all.forEach((p, i) => {
      for (const value of [values[i % values.length]]) {
        const t = setAt(base, p, value);
        // JSON only here (the YAML side is the same tree; the fuzzer renders both formats).
        const r = checkInvariants(render(t, 'json'), 'json', { maxFixes: 3 });
        assert.ok(!ids(r).includes('syntax-error'), p.join('.'));
      }
    });
  });

  it('null, numbers, strings and arrays as resources; resources, parameters and variables of the wrong type', () => {
    const docs: unknown[] = [
      template([null, 1, 'x', [], {}, { type: 5 }, { type: null, name: {} }, { type: 'Microsoft.Network/networkSecurityGroups' }] as unknown as Obj[]),
      { $schema: SCHEMA, resources: 'x' },
      { $schema: SCHEMA, resources: null, parameters: 5, variables: 'x', functions: 3, outputs: [] },
      { $schema: SCHEMA, resources: { a: { type: 'Microsoft.Network/virtualNetworks', name: 'v' } } },
      { $schema: SCHEMA, parameters: { p: null, q: 'x', r: { type: 5, defaultValue: {} } }, variables: { copy: 'x', v: null }, resources: [] },
      { $schema: SCHEMA, variables: { copy: [null, 1, { name: 5 }, { name: 'a', count: 'x', input: 1 }, { name: 'b', count: -1, input: 1 }] }, resources: [] },
    ];
    for (const d of docs) {
      for (const format of FORMATS) {
        const r = checkInvariants(render(d as Obj, format), format);
        assert.ok(r.isTemplate, JSON.stringify(d));
      }
    }
    // A null among real resources does not hide the others' findings.
    const t = injected({ rules: missingApimRule() }) as { resources: unknown[] };
    t.resources.unshift(null, 5, 'x');
    for (const format of FORMATS) {
      const r = analyzeText(render(t as Obj, format), { format });
      assert.ok(ids(r).includes('nsg-required-port'), format);
    }
  });
});

describe('robustness: duplicate keys', () => {
  const head = `"$schema": "${SCHEMA}", "contentVersion": "1.0.0.0"`;
  const rules = (list: Obj[]) => JSON.stringify(list);
  const nsgWith = (props: string) => `{"type": "Microsoft.Network/networkSecurityGroups", "apiVersion": "2023-09-01", "name": "apim-nsg", "location": "westeurope", "properties": {${props}}}`;
  const rest = (injected().resources as Obj[]).slice(1).map((r) => JSON.stringify(r)).join(', ');

  it('JSON: the last duplicate wins, as in JSON.parse', () => {
    // The first securityRules is complete, the second lacks the management rule: the second counts.
    const lastBroken = `{${head}, "resources": [${nsgWith(`"securityRules": ${rules(requiredRules())}, "securityRules": ${rules(missingApimRule())}`)}, ${rest}]}`;
    const lastGood = `{${head}, "resources": [${nsgWith(`"securityRules": ${rules(missingApimRule())}, "securityRules": ${rules(requiredRules())}`)}, ${rest}]}`;
    assert.equal(JSON.parse(lastBroken).resources[0].properties.securityRules.length, missingApimRule().length);
    const a = checkInvariants(lastBroken, 'json');
    const b = checkInvariants(lastGood, 'json');
    assert.ok(ids(a).includes('nsg-required-port'), 'the last (broken) rule list is the one analysed');
    assert.ok(!ids(b).includes('nsg-required-port'), 'the last (complete) rule list is the one analysed');
    assert.ok(!ids(a).includes('syntax-error') && !ids(b).includes('syntax-error'), 'duplicate keys are not a JSON syntax error');
  });

  it('JSON: keys that differ only in case are one ARM property; the last wins', () => {
    const t = `{${head}, "resources": [${nsgWith(`"securityRules": ${rules(requiredRules())}, "SecurityRules": ${rules(missingApimRule())}`)}, ${rest}]}`;
    assert.ok(ids(checkInvariants(t, 'json')).includes('nsg-required-port'));
  });

  it('YAML: duplicate keys are accepted (no error, as ARM has no YAML of its own) and the last one wins, as in JSON', () => {
    const y = render(injected(), 'yaml').replace(/( +)securityRules:\n/, (m, indent: string) => `${indent}securityRules: []\n${m}`);
    const broken = render(injected({ rules: missingApimRule() }), 'yaml').replace(/( +)securityRules:\n/, (m, indent: string) => `${indent}securityRules: ${rules(requiredRules())}\n${m}`);
    const a = checkInvariants(y, 'yaml');
    const b = checkInvariants(broken, 'yaml');
    assert.ok(!ids(a).includes('syntax-error') && !ids(b).includes('syntax-error'));
    assert.ok(!ids(a).includes('nsg-required-port'), 'the last (complete) list counts');
    assert.ok(ids(b).includes('nsg-required-port'), 'the last (broken) list counts');
  });
});

describe('robustness: truncated and garbled documents', () => {
  it('every prefix of a template (JSON and YAML) analyses without throwing, with syntax errors inside the text', () => {
    for (const format of FORMATS) {
      const text = render(injected({ rules: missingApimRule() }), format);
      for (let n = 0; n <= text.length; n += n < 200 ? 3 : 31) {
        const r = checkInvariants(text.slice(0, n), format, { maxFixes: 2 });
        for (const f of r.findings) assert.ok(f.range.offset + f.range.length <= n);
      }
    }
  });

  it('a parse error is reported where it is, and the rest of the document is still analysed', () => {
    const text = render(injected({ rules: missingApimRule() }), 'json');
    const at = text.indexOf('"apiVersion"');
    const garbled = text.slice(0, at) + '@@ ' + text.slice(at);
    const r = checkInvariants(garbled, 'json');
    const syntax = r.findings.filter((f) => f.ruleId === 'syntax-error');
    assert.ok(syntax.length >= 1);
    assert.equal(syntax[0]!.range.offset, at, 'at the garbage');
    assert.ok(ids(r).includes('nsg-required-port'), 'the NSG is still judged');

    const yaml = render(injected({ rules: missingApimRule() }), 'yaml');
    const y = yaml.replace('apiVersion: 2023-05-01-preview', 'apiVersion: [2023-05-01-preview');
    const ry = checkInvariants(y, 'yaml');
    assert.ok(ry.findings.some((f) => f.ruleId === 'syntax-error' && f.severity === 'error'));
  });

  it('a syntax error at the very end of the text stays inside the text', () => {
    for (const [text, format] of [[`{"$schema": "${SCHEMA}", "resources": `, 'json'], [`{\n  "$schema": "${SCHEMA}`, 'json'], [`resources:\n  - type: "Microsoft.Network/virtualNetworks`, 'yaml']] as const) {
      const r = checkInvariants(text, format);
      assert.ok(r.findings.some((f) => f.ruleId === 'syntax-error'), text);
      for (const f of r.findings) assert.ok(f.range.offset + f.range.length <= text.length, `${f.message} ${JSON.stringify(f.range)} in ${text.length}`);
    }
  });
});

describe('robustness: empty, BOM-only and binary documents', () => {
  it('empty, whitespace-only and lone-BOM documents are not templates and get no finding', () => {
    for (const text of ['', ' ', '\n', '\r\n', '\ufeff', '\ufeff\n', '\t']) {
      for (const format of FORMATS) {
        for (const uri of [undefined, `a.${format}`]) {
          const r = analyzeText(text, { format, uri });
          assert.equal(r.isTemplate, false);
          assert.deepEqual(r.findings, []);
        }
        const r = analyzeText(text, {});
        assert.deepEqual(r.findings, []);
      }
    }
  });

  it('binary content: NUL bytes, control characters, lone surrogates, U+FFFD from invalid UTF-8', () => {
    let x = 12345;
    const rnd = (): number => (x = (x * 1103515245 + 12345) & 0x7fffffff) % 256;
    const bytes = Buffer.from(Array.from({ length: 4096 }, rnd));
    const texts = [
      '\0'.repeat(100),
      bytes.toString('latin1'),
      bytes.toString('utf8'),
      bytes.toString('utf16le'),
      '\ud800\udc00\ud800 \udfff',
      `\0{"$schema": "${SCHEMA}", "resources": []}\0`,
      `{"$schema": "${SCHEMA}", "resources": [\0\u0001\u0002]}`,
      `resources:\n  - type: \0\n    name: \ufffd\ufffd\n`,
    ];
    for (const t of texts) for (const format of FORMATS) checkInvariants(t, format);
    // A template with NUL bytes in it is still recognised and its syntax errors are findings.
    const r = analyzeText(`{"$schema": "${SCHEMA}", "resources": [\0]}`, { format: 'json' });
    assert.ok(r.isTemplate);
    assert.ok(ids(r).includes('syntax-error'));
  });
});
