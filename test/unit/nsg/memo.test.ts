import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { memoByObject, memoByString } from '../../../server/src/core/nsg/memo';

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
});
