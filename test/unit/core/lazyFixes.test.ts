import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { analyzeText, applyEdits } from '../../../server/src/core/index';
import { copyFinding, fixesPending, withLazyFixes } from '../../../server/src/core/fixes/lazyFixes';
import type { Finding, Fix } from '../../../server/src/core/rules/finding';
import { injected, requiredRules } from '../../helpers/templates';
import { render } from '../../helpers/ruleTester';

const base = (): Finding => ({ ruleId: 'r', messageId: 'm', severity: 'error', message: 'x', range: { offset: 0, length: 1 } });
const fix: Fix = { title: 'Fix it', edits: [{ offset: 0, length: 1, newText: 'y' }], isPreferred: true };

describe('lazy fixes', () => {
  it('are computed at the first read only, once, and then read like a plain property', () => {
    let calls = 0;
    const f = withLazyFixes(base(), () => (calls++, [fix]));
    assert.equal(calls, 0);
    assert.ok(fixesPending(f));
    assert.deepEqual(f.fixes, [fix]);
    assert.deepEqual(f.fixes, [fix]);
    assert.equal(calls, 1);
    assert.ok(!fixesPending(f));
    assert.deepEqual(Object.keys(f), ['ruleId', 'messageId', 'severity', 'message', 'range', 'fixes']);
    assert.equal(JSON.stringify(f), JSON.stringify({ ...base(), fixes: [fix] }));
  });

  it('leave no property when there is no fix, as an eager finding without fixes', () => {
    const none = withLazyFixes(base(), () => []);
    assert.equal(none.fixes, undefined);
    assert.deepEqual(none, base());
    const failing = withLazyFixes(base(), () => {
      throw new Error('cannot write it');
    });
    assert.equal(failing.fixes, undefined, 'a fix that throws is no fix; the finding stands');
    assert.deepEqual(failing, base());
  });

  it('stay pending in a copy, and a copy shares the one computation', () => {
    let calls = 0;
    const f = withLazyFixes(base(), () => (calls++, [fix]));
    const warned = copyFinding(f, { severity: 'warning' });
    const dropped = copyFinding(f, { fixes: undefined });
    assert.equal(dropped.fixes, undefined);
    assert.equal(calls, 0, 'dropping the fixes does not compute them');
    assert.equal(warned.severity, 'warning');
    assert.equal(f.severity, 'error');
    assert.deepEqual(warned.fixes, [fix]);
    assert.deepEqual(f.fixes, [fix]);
    assert.equal(calls, 1);
  });

  it('give every lazy finding of one shape the same hidden class, so no hidden class keeps an analysis alive', () => {
    // A getter made per finding gave each finding a hidden class of its own. V8 keeps hidden classes in the
    // old generation, so each held its getter, the thunk and the whole analysis through young collections
    // (3 MB survived each on the 50 KB template, instead of 0.6 MB). Asked of V8 in a process of its own.
    const lazy = path.resolve(__dirname, '../../../server/src/core/fixes/lazyFixes.js');
    const script = `
      const { withLazyFixes, copyFinding } = require(${JSON.stringify(lazy)});
      const make = () => ({ ruleId: 'r', messageId: 'm', severity: 'error', message: 'x', range: { offset: 0, length: 1 } });
      const a = withLazyFixes(make(), () => []);
      const b = withLazyFixes(make(), () => [{ title: 't', edits: [] }]);
      const c = copyFinding(a, { severity: 'warning' }), d = copyFinding(b, { severity: 'warning' });
      process.stdout.write(JSON.stringify([%HaveSameMap(a, b), %HaveSameMap(c, d)]));
    `;
    const same = execFileSync(process.execPath, ['--allow-natives-syntax', '-e', script], { encoding: 'utf8' });
    assert.equal(same, '[true,true]');
  });
});

describe('analyzeText with lazy fixes (nsg-required-port)', () => {
  const text = render(injected({ rules: requiredRules().filter((r) => (r as { name: string }).name !== 'AllowApiManagementInbound') }), 'json');

  it('hands out findings whose fixes are computed when read, and apply as before', () => {
    const r = analyzeText(text, { format: 'json' });
    const f = r.findings.find((x) => x.ruleId === 'nsg-required-port' && x.messageId === 'blocked');
    assert.ok(f, 'the blocked 3443 flow is reported');
    assert.ok(fixesPending(f), 'nothing computed the fix during the analysis');
    const fixed = applyEdits(text, f.fixes![0]!.edits);
    assert.ok(!analyzeText(fixed, { format: 'json' }).findings.some((x) => x.ruleId === 'nsg-required-port' && x.messageId === 'blocked'));
  });

  it('keeps them pending through a configured level, and drops them when the text has syntax errors', () => {
    const leveled = analyzeText(text, { format: 'json', levels: { 'nsg-required-port': 'warning' } });
    const f = leveled.findings.find((x) => x.ruleId === 'nsg-required-port' && x.messageId === 'blocked')!;
    assert.equal(f.severity, 'warning');
    assert.ok(fixesPending(f));
    assert.equal(f.fixes?.length, 1);

    const broken = analyzeText(text.replace(/\}\s*$/, '} ,,'), { format: 'json' });
    const g = broken.findings.find((x) => x.ruleId === 'nsg-required-port' && x.messageId === 'blocked');
    assert.ok(g, 'still reported on a document with a syntax error');
    assert.ok(!fixesPending(g));
    assert.equal(g.fixes, undefined);
  });
});
