/**
 * Bounded work: nesting, YAML alias bombs and huge anchors, expression depth / steps / string size,
 * range(), self-referencing variables, copy counts, maxFileSize. Each with the engine's default limits,
 * through analyzeText (and the evaluator where the value itself is the point), each under a time bound.
 */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyzeText, DEFAULT_MAX_FILE_SIZE, type AnalysisResult } from '../../../server/src/core/index';
import { parseText } from '../../../server/src/core/text/parse';
import { TemplateScope, DEFAULT_LIMITS } from '../../../server/src/core/arm/scope';
import { render } from '../../helpers/ruleTester';
import { apim, injected, nsg, requiredRules, SCHEMA, template, vnet, type Obj } from '../../helpers/templates';
import { checkInvariants } from '../fuzz/properties';

const BOUND_MS = 5000;

function timed<T>(f: () => T, bound = BOUND_MS): T {
  const t0 = performance.now();
  const r = f();
  const dt = performance.now() - t0;
  assert.ok(dt < bound, `took ${Math.round(dt)} ms (bound ${bound} ms)`);
  return r;
}

/** The evaluator with the engine's default limits, over a template with these variables. */
function evaluate(expr: string, variables: Obj = {}): ReturnType<TemplateScope['evalString']> {
  const root = parseText(JSON.stringify(template([], { variables })), 'json').root!;
  return timed(() => TemplateScope.forTemplate(root).evalString(expr));
}

const why = (v: { t: string; why?: string }): string => (v.t === 'unknown' ? v.why! : `(known ${v.t})`);

/** A template whose APIM subnet prefix is `prefix`: a known malformed value is reported, an unknown one is not. */
function withPrefix(prefix: string, variables: Obj = {}): string {
  return render(template([nsg('apim-nsg', requiredRules()), vnet('vnet', '10.0.0.0/16', [{ name: 'apim', prefix, nsg: 'apim-nsg' }]), apim()], { variables }), 'json');
}

const ids = (r: AnalysisResult): string[] => r.findings.map((f) => f.ruleId);

describe('robustness: nesting', () => {
  it('10,000 levels of JSON, JSONC and YAML nesting: one finding, no stack overflow', () => {
    const n = 10_000;
    const cases: [string, 'json' | 'yaml'][] = [
      [`{"$schema": "${SCHEMA}", "resources": [${'{"a": '.repeat(n)}1${'}'.repeat(n)}]}`, 'json'],
      [`// comment\n{"$schema": "${SCHEMA}", "resources": [${'['.repeat(n)}${']'.repeat(n)}]}`, 'json'],
      [`resources:\n  - properties: ${'{a: '.repeat(n)}1${'}'.repeat(n)}\n`, 'yaml'],
      // Block (indentation) nesting, which no bracket counter sees.
    ];
    for (const [text, format] of cases) {
      const r = timed(() => checkInvariants(text, format));
      assert.ok(r.findings.length >= 1, format);
      assert.ok(r.findings.every((f) => f.ruleId === 'syntax-error'), `${format}: ${r.findings.map((f) => f.message).join('; ')}`);
    }
  });

  // Was a bug, now fixed (server/src/core/text/parseYaml.ts, owned by the text rewrite): block (indentation) nesting is
  // not counted before parsing (tooDeepAt sees only flow brackets); at a few thousand levels the yaml
  // library overflows the stack inside its composer, catches it and reports "Maximum call stack size
  // exceeded" at an offset that depends on the stack depth of the caller: the findings are not
  // deterministic, and the partial tree is analysed. Nothing throws. Fixed: refused before parsing.
  it('thousands of levels of YAML block nesting: one deterministic "nested deeper than" finding', () => {
    const cases = [
      `$schema: "${SCHEMA}"\nresources:\n  - type: x\n    properties:\n${Array.from({ length: 2000 }, (_, i) => `${' '.repeat(i + 6)}k${i}:`).join('\n')} x\n`,
      `$schema: "${SCHEMA}"\nresources:\n${Array.from({ length: 2000 }, (_, i) => `${' '.repeat(2 * i + 2)}-`).join('\n')} x\n`,
      `$schema: "${SCHEMA}"\nresources:\n  - ${'- '.repeat(10_000)}x\n`,
    ];
    for (const text of cases) {
      const r = timed(() => checkInvariants(text, 'yaml'));
      assert.deepEqual(ids(r), ['syntax-error']);
      assert.match(r.findings[0]!.message, /nested deeper than/);
    }
  });

  it('YAML block nesting does not throw, whatever the depth (no stack overflow escapes)', () => {
    for (const n of [500, 2000]) {
      const text = `$schema: "${SCHEMA}"\nresources:\n  - type: x\n    properties:\n${Array.from({ length: n }, (_, i) => `${' '.repeat(i + 6)}k${i}:`).join('\n')} x\n`;
      const r = timed(() => analyzeText(text, { format: 'yaml' }));
      for (const f of r.findings) assert.ok(f.range.offset + f.range.length <= text.length);
    }
  });

  it('nesting inside an expression string: depth-limited, not a stack overflow', () => {
    const deep = `[${'concat('.repeat(10_000)}'a'${')'.repeat(10_000)}]`;
    assert.match(why(evaluate(deep)), /nested too deeply|too deep/);
    const arrays = `[${'createArray('.repeat(5000)}1${')'.repeat(5000)}]`;
    assert.equal(evaluate(arrays).t, 'unknown');
    const idx = `[variables('v')${"['a']".repeat(20_000)}]`;
    assert.equal(evaluate(idx, { v: { a: 1 } }).t, 'unknown');
    const r = timed(() => checkInvariants(withPrefix(deep), 'json'));
    assert.ok(!ids(r).includes('subnet-invalid'), 'an unknown prefix is not reported');
  });
});

describe('robustness: YAML alias bombs and huge anchors', () => {
  it('a billion-laughs document is refused with a finding, quickly', () => {
    let y = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i < 20; i++) y += `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
    y += 'resources:\n  - type: Microsoft.Network/virtualNetworks\n    name: v\n';
    const r = timed(() => checkInvariants(y, 'yaml'));
    assert.deepEqual(ids(r), ['syntax-error']);
    assert.match(r.findings[0]!.message, /alias/);
  });

  it('a huge anchor used many times (block style) is refused; a large anchor used once is fine', () => {
    const big = Array.from({ length: 5000 }, (_, i) => `    - item${i}`).join('\n');
    const bomb = `base: &big\n${big}\nresources:\n${Array.from({ length: 100 }, () => '  - *big').join('\n')}\n`;
    const r = timed(() => checkInvariants(bomb, 'yaml'));
    assert.deepEqual(ids(r), ['syntax-error']);
    assert.match(r.findings[0]!.message, /alias/);
    const once = `base: &big\n${big}\nother: *big\nresources: []\n$schema: "${SCHEMA}"\n`;
    const ok = timed(() => checkInvariants(once, 'yaml'));
    assert.ok(!ids(ok).includes('syntax-error'));
  });

  it('an alias to an undefined anchor and a self-referencing anchor terminate', () => {
    for (const y of ['resources: *nope\n', 'a: &a [*a, *a]\nresources: *a\n', 'a: &a {b: *a}\nresources: [*a]\n']) timed(() => checkInvariants(y, 'yaml'));
  });
});

describe('robustness: expression limits (default limits)', () => {
  it('a 10 MB (and larger) string result is refused as unknown, without building it', () => {
    const variables: Obj = { v0: `[padLeft('x', 1000, 'x')]` };
    for (let i = 1; i <= 24; i++) variables[`v${i}`] = `[concat(variables('v${i - 1}'), variables('v${i - 1}'))]`;
    assert.match(why(evaluate("[variables('v14')]", variables)), /too long/); // 16 M characters
    assert.match(why(evaluate("[variables('v24')]", variables)), /too long|too deeply|budget/);
    assert.match(why(evaluate("[padLeft('x', 10485760, 'y')]")), /too long/);
    assert.match(why(evaluate("[replace(replace(replace(replace(padLeft('a', 1000, 'a'), 'a', padLeft('a', 1000, 'a')), 'a', 'aaaaaaaaaa'), 'a', 'aa'), 'a', 'aa')]")), /too long/);
    assert.equal(DEFAULT_LIMITS.maxStringLength, 1 << 20);
    // Through the whole engine: unknown, so not reported as a malformed prefix.
    const r = timed(() => checkInvariants(withPrefix("[variables('v24')]", variables), 'json'));
    assert.ok(!ids(r).includes('subnet-invalid'));
  });

  it('range(0, 1e9) and other huge arrays are refused', () => {
    assert.match(why(evaluate('[range(0, 1000000000)]')), /range/);
    assert.equal(evaluate('[length(range(0, 1000000000))]').t, 'unknown');
    assert.equal(evaluate("[string(range(0, 10000))]").t, 'string');
    assert.equal(evaluate('[map(range(0, 10000), lambda(\'x\', map(range(0, 10000), lambda(\'y\', 1))))]').t, 'unknown');
    timed(() => checkInvariants(withPrefix('[string(range(0, 1000000000))]'), 'json'));
  });

  it('self-referencing and mutually recursive variables terminate as unknown', () => {
    const vars = { a: "[variables('a')]", b: "[concat(variables('c'), 'x')]", c: "[concat(variables('b'), 'y')]", d: "[variables('e')[0]]", e: "[createArray(variables('d'))]" };
    for (const v of ['a', 'b', 'c', 'd']) assert.equal(evaluate(`[variables('${v}')]`, vars).t, 'unknown', v);
    const e = evaluate("[variables('e')]", vars);
    assert.ok(e.t === 'unknown' || (e.t === 'array' && e.items[0]!.t === 'unknown'), 'an array holding the unknown cycle');
    const chain: Obj = { v0: '10.0.1.0/27' };
    for (let i = 1; i <= 3000; i++) chain[`v${i}`] = `[variables('v${i - 1}')]`;
    assert.match(why(evaluate("[variables('v3000')]", chain)), /too deeply/);
    for (const v of ['a', 'b', 'd']) {
      const r = timed(() => checkInvariants(withPrefix(`[variables('${v}')]`, vars), 'json'));
      assert.ok(!ids(r).includes('subnet-invalid'));
    }
    // Recursive user-defined functions are depth-limited too.
    const fnTemplate = { $schema: SCHEMA, functions: [{ namespace: 'ns', members: { f: { parameters: [{ name: 'x', type: 'string' }], output: { type: 'string', value: "[ns.f(parameters('x'))]" } } } }], resources: [] };
    const root = parseText(JSON.stringify(fnTemplate), 'json').root!;
    assert.equal(timed(() => TemplateScope.forTemplate(root).evalString("[ns.f('a')]")).t, 'unknown');
  });

  it('copy counts of 1e9 (resource, property and variable copy) are capped at ARM\'s 800', () => {
    assert.equal(DEFAULT_LIMITS.maxCopyCount, 800);
    const ruleCopy = {
      copy: [{ name: 'securityRules', count: 1e9, input: { name: "[concat('r', copyIndex('securityRules'))]", properties: { protocol: '*', sourcePortRange: '*', destinationPortRange: '*', sourceAddressPrefix: '*', destinationAddressPrefix: '*', access: 'Deny', priority: "[add(100, copyIndex('securityRules'))]", direction: 'Inbound' } } }],
    };
    const rules = injected() as { resources: Obj[] };
    rules.resources[0] = { ...rules.resources[0], properties: ruleCopy };
    const r = timed(() => checkInvariants(render(rules as Obj, 'json'), 'json', { maxFixes: 3 }));
    assert.ok(r.model);
    const instances = injected() as { resources: Obj[] };
    instances.resources[2] = { ...instances.resources[2], name: "[concat('apim', copyIndex())]", copy: { name: 'many', count: 1e9 } };
    const i = timed(() => analyzeText(render(instances as Obj, 'json'), { format: 'json' }));
    assert.ok(i.findings.length < 1000, `${i.findings.length} findings`);
    const v = evaluate("[length(variables('big'))]", { copy: [{ name: 'big', count: 1e9, input: "[copyIndex('big')]" }] });
    assert.ok(v.t === 'unknown' || (v.t === 'number' && v.v <= 800), why(v));
  });

  it('the step budget stops exponential work', () => {
    const v = evaluate("[map(range(0, 10000), lambda('x', map(range(0, 10000), lambda('y', concat(string(lambdaVariables('x')), string(lambdaVariables('y')))))))]");
    assert.match(why(v), /budget|too/);
  });
});

describe('robustness: maxFileSize', () => {
  it('a document above maxFileSize gets one information finding and no analysis', () => {
    const text = render(injected({ rules: [] }), 'json');
    const r = timed(() => analyzeText(text, { maxFileSize: 1000 }));
    assert.deepEqual(r.findings.map((f) => [f.ruleId, f.severity]), [['analysis-skipped', 'information']]);
    assert.equal(r.model, undefined);
    assert.equal(r.findings[0]!.range.offset, 0);
    // Not a template (by its first characters): nothing at all.
    assert.deepEqual(analyzeText('x'.repeat(2000), { maxFileSize: 1000 }).findings, []);
    // At the limit exactly: analysed.
    assert.ok(analyzeText(text, { maxFileSize: text.length }).findings.some((f) => f.ruleId === 'nsg-required-port'));
  });

  it('a document just above the default limit (10 MiB) is refused in well under the time bound', () => {
    const head = `{"$schema": "${SCHEMA}", "resources": [`;
    const text = head + '"' + 'x'.repeat(DEFAULT_MAX_FILE_SIZE) + '"]}';
    const r = timed(() => analyzeText(text, { format: 'json' }), 2000);
    assert.deepEqual(r.findings.map((f) => f.ruleId), ['analysis-skipped']);
    assert.match(r.findings[0]!.message, /maxFileSize/);
  });

  it('a large but allowed document (many resources) finishes within the time bound', () => {
    const resources: Obj[] = [];
    for (let i = 0; i < 300; i++) resources.push(nsg(`nsg${i}`, requiredRules()), vnet(`vnet${i}`, '10.0.0.0/16', [{ name: 'apim', prefix: '10.0.1.0/27', nsg: `nsg${i}` }]));
    resources.push(apim({ vnet: 'vnet7' }));
    const text = render(template(resources), 'json');
    timed(() => analyzeText(text, { format: 'json' }));
  });
});
