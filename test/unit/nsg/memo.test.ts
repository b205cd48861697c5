import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { memoByObject, memoByString, memoLast, ownString } from '../../../server/src/core/nsg/memo';

describe('memo helpers', () => {
  it('memoByObject computes once per object (an undefined result too), separately per object', () => {
    const calls: object[] = [];
    const f = memoByObject((o: { n?: number }) => (calls.push(o), o.n));
    const a = { n: 1 };
    const b = {};
    assert.equal(f(a), 1);
    assert.equal(f(a), 1);
    assert.equal(f(b), undefined);
    assert.equal(f(b), undefined);
    assert.deepEqual(calls, [a, b]);
  });

  it('memoLast computes again only when the argument differs from the last one (a string by value, an object by identity)', () => {
    const calls: string[] = [];
    const f = memoLast((s: string) => (calls.push(s), s.length));
    const long = 'VirtualNetwork.WestEurope';
    assert.equal(f(long), 25);
    assert.equal(f(long.slice(0, 14) + long.slice(14)), 25); // an equal text in another string object
    assert.equal(f('Tcp'), 3);
    assert.equal(f(long), 25);
    assert.deepEqual(calls, [long, 'Tcp', long]);
    // an object argument: by identity
    const seen: object[] = [];
    const g = memoLast((o: { n: number }) => (seen.push(o), o.n));
    const a = { n: 1 };
    assert.equal(g(a), 1);
    assert.equal(g(a), 1);
    assert.equal(g({ n: 1 }), 1);
    assert.equal(seen.length, 2, 'an equal object is another argument');
  });

  it('memoByString computes once per short string, always for long ones, and starts over at max entries', () => {
    let calls = 0;
    const f = memoByString((s: string) => (calls++, s.length), 2);
    f('a'); f('a');
    assert.equal(calls, 1);
    const long = 'x'.repeat(300);
    f(long); f(long);
    assert.equal(calls, 3, 'strings over 256 characters are not kept');
    f('b'); f('c'); // the third entry clears the cache
    f('a');
    assert.equal(calls, 6);
  });

  it('memoByString keeps an undefined result, and strings up to maxLength', () => {
    const calls: string[] = [];
    const f = memoByString((s: string) => (calls.push(s), s === 'none' ? undefined : s.length), 10, Infinity);
    assert.equal(f('none'), undefined);
    assert.equal(f('none'), undefined);
    const long = 'x'.repeat(300);
    assert.equal(f(long), 300);
    assert.equal(f(long), 300);
    assert.deepEqual(calls, ['none', long]);
  });

  it('ownString gives an equal string', () => {
    for (const s of ['', 'short', 'x'.repeat(13), '😀网络'.repeat(5), "[resourceId('Microsoft.Network/virtualNetworks', parameters('vnet'))]"]) assert.equal(ownString(s), s);
  });

  it('memoByString does not keep the documents its strings were cut from alive (V8 slices are views)', () => {
    // In a process of its own with --expose-gc: 40 strings cut from 2 MB texts, each kept by a memo together
    // with a result sliced from it; with the slices kept as they came, the heap holds the 40 texts (≈ 80 MB).
    const memo = path.resolve(__dirname, '../../../server/src/core/nsg/memo.js');
    const script = `
      const { memoByString } = require(${JSON.stringify(memo)});
      const f = memoByString((s) => ({ inner: s.slice(2, -2) }), 4096, 256);
      const keep = [];
      for (let i = 0; i < 40; i++) {
        const doc = 'x'.repeat(2e6) + "[resourceId('Microsoft.Network/virtualNetworks', parameters('vnet" + i + "'))]";
        keep.push(f(doc.slice(2e6)));
      }
      global.gc(); global.gc();
      process.stdout.write(String(process.memoryUsage().heapUsed));
    `;
    const heap = Number(execFileSync(process.execPath, ['--expose-gc', '-e', script], { encoding: 'utf8' }));
    assert.ok(heap < 30e6, `heap after the memo kept 40 strings cut from 2 MB texts: ${(heap / 1e6).toFixed(0)} MB`);
  });
});
