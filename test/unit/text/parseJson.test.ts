import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseTree, type ParseError } from 'jsonc-parser';
import { parseJson, parseJsonFast, MAX_NESTING } from '../../../server/src/core/text/parseJson';
import type { SourceNode } from '../../../server/src/core/text/sourceNode';
import { rng } from '../../helpers/random';
import { sameTree } from '../../helpers/trees';

/** parseTree as parseJson used it before the lean parser (the reference). */
function reference(text: string): { root: SourceNode | undefined; errors: ParseError[] } {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true }) as SourceNode | undefined;
  return { root, errors };
}

function plain(n: SourceNode | undefined): unknown {
  if (!n) return undefined;
  if (n.type === 'object') return Object.fromEntries(n.children!.map((p) => [p.children![0]!.value as string, plain(p.children![1])]));
  if (n.type === 'array') return n.children!.map(plain);
  return n.value;
}

function files(dir: string, out: string[] = []): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const n of names) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) files(p, out);
    else if (/\.jsonc?$/.test(n)) out.push(p);
  }
  return out;
}

describe('parseJson (lean parser)', () => {
  const samples = [
    '{}', '[]', '{"a":1}', ' { "a" : [ 1 , 2 , ] , } ', '[1,]', '{"a":{},}', '"s"', '0', '-0', '-12.5e-3', '1E+2', '123456789012345678901',
    'true', 'false', 'null', '[true,false,null]', '{"a":"\\u00e9\\n\\t\\"\\\\\\/\\b\\f\\r"}', '// c\n{"a": 1} // tail', '/* a */ [ /* b */ 1 /* c */ ]',
    '{"a":1,"a":2}', '{"a\\"b":1, "c" :2,"d":3,"e\\u0041" : {"f"\n: 1, "g":[]} , "h":4}', '{"\\u0068" :"x"}', '{"😀":"网络"}', '{"é":"ü","ǅ":[1,2]}', '["网络",12]', '["\u{1F600}x"]', '[1 , 2]\r\n', '{"a":true}//x', '[0.5, 10, 1e400, 9007199254740993]',
    // errors: the tolerant path decides
    '', '   ', '// only a comment', '{', '[1 2]', '{"a" 1}', '{a:1}', '[01]', '[1.]', '[-]', '[truex]', '[tru]', '{"a":1}{}', '"\n"', '"a\u0001"', '"a\u0000b"', '["a",\u0000]', '[1\u0000]', '"\\x"', '"\\u12"',
    '/* open', '{"a":1,,}', '[,]', '[1,,2]', '{,}', '\u00a0{}', '{}\u000b', '[nul]', '[1x]', '[0x10]', '[-a]', '[.5]', '[1e]', '[1e+]', '{"a":}',
  ];

  it('builds exactly the tree parseTree builds, or leaves the text to it', () => {
    for (const text of samples) {
      const ref = reference(text);
      const fast = parseJsonFast(text);
      if (fast) {
        assert.equal(ref.errors.length, 0, `accepted a text with errors: ${JSON.stringify(text)}`);
        sameTree(fast, ref.root, JSON.stringify(text), { ours: true });
      } else if (text.trim() && !text.startsWith('//') && ref.errors.length === 0) {
        assert.fail(`gave up on an error-free text: ${JSON.stringify(text)}`);
      }
      const parsed = parseJson(text);
      sameTree(parsed.root, ref.root, JSON.stringify(text));
      assert.equal(parsed.problems.length, ref.errors.length, JSON.stringify(text));
    }
  });

  it('matches parseTree on every JSON fixture, example and corpus case', () => {
    // ../shared/corpus is there in CI and on developer machines, not in a bare clone: examples and the
    // e2e workspace always are.
    const all = [...files('test/fixtures'), ...files('examples'), ...files('test/e2e/workspace'), ...files('../shared/corpus')];
    assert.ok(all.length >= 5);
    for (const f of all) {
      const text = readFileSync(f, 'utf8').replace(/^\ufeff/, ' ');
      const ref = reference(text);
      const parsed = parseJson(text);
      sameTree(parsed.root, ref.root, f);
      assert.deepEqual(parsed.problems.map((p) => p.offset), ref.errors.map((e) => e.offset), f);
      if (ref.errors.length === 0 && ref.root) assert.ok(parseJsonFast(text), `lean parser gave up on ${f}`);
    }
  });

  it('matches parseTree on random single-character edits of a template', () => {
    const base = readFileSync('examples/apim-deny-internet.jsonc', 'utf8');
    const alphabet = '{}[]",:/*\\ \n\r\t0123456789-+.eEtrufalsn\u0001x';
    const r = rng(5);
    for (let i = 0; i < 800; i++) {
      const at = Math.floor(r() * base.length);
      const kind = r();
      const ch = alphabet[Math.floor(r() * alphabet.length)]!;
      const text = kind < 0.4 ? base.slice(0, at) + ch + base.slice(at) : kind < 0.7 ? base.slice(0, at) + base.slice(at + 1) : base.slice(0, at) + ch + base.slice(at + 1);
      const ref = reference(text);
      const fast = parseJsonFast(text);
      if (fast) {
        assert.equal(ref.errors.length, 0, `accepted a text with errors (edit ${i})`);
        sameTree(fast, ref.root, `edit ${i}`, { ours: true });
      }
      const parsed = parseJson(text);
      sameTree(parsed.root, ref.root, `edit ${i}`);
      assert.deepEqual(parsed.problems.map((p) => [p.offset, p.length]), ref.errors.map((e) => [e.offset, Math.max(e.length, 1)]), `edit ${i}`);
    }
  });

  it('refuses nesting deeper than MAX_NESTING with the pre-check offset, without a stack overflow', () => {
    const deep = '['.repeat(MAX_NESTING + 5) + ']'.repeat(MAX_NESTING + 5);
    const p = parseJson(deep);
    assert.equal(p.root, undefined);
    assert.equal(p.problems[0]!.offset, MAX_NESTING);
    const ok = '['.repeat(MAX_NESTING) + ']'.repeat(MAX_NESTING);
    assert.ok(parseJson(ok).root);
    const objects = '{"a":'.repeat(MAX_NESTING + 1) + '1' + '}'.repeat(MAX_NESTING + 1);
    assert.equal(parseJson(objects).root, undefined);
  });

  it('matches parseTree for objects and arrays of every small size (children written as literals) and beyond', () => {
    for (let n = 0; n <= 12; n++) {
      const items = Array.from({ length: n }, (_, i) => i);
      const text = `{"a":[${items.join(',')}],"o":{${items.map((i) => `"k${i}":${i}`).join(',')}}}`;
      const fast = parseJsonFast(text);
      assert.ok(fast, text);
      sameTree(fast, reference(text).root, text, { ours: true });
      const a = fast.children![0]!.children![1]!;
      assert.equal(a.children!.length, n);
      assert.notEqual(a.children, fast.children![1]!.children![1]!.children, 'no shared children arrays');
    }
  });

  it('hands out the right string for every key and value while the table of repeated strings fills and evicts', () => {
    // more distinct short strings than the table has slots, of every length around the slice threshold,
    // parsed twice (the second time mostly from the table), interleaved with texts that collide
    const words: string[] = [];
    for (let i = 0; i < 40_000; i++) words.push(`w${i.toString(36)}`.padEnd(1 + (i % 45), String.fromCharCode(97 + (i % 26))));
    const text = `{${words.map((w, i) => `"${w}":"${words[(i * 7919) % words.length]}"`).join(',')},"esc\\u0041":"\\u0042\\n","":""}`;
    for (let round = 0; round < 2; round++) {
      const fast = parseJsonFast(text);
      assert.ok(fast);
      sameTree(fast, reference(text).root, `round ${round}`, { ours: true });
      assert.deepEqual(JSON.parse(text), plain(fast));
      const other = `[${words.slice(0, 5000).map((w) => `"${w.toUpperCase()}"`).join(',')}]`;
      assert.deepEqual(plain(parseJsonFast(other)), JSON.parse(other));
      // the same words ending in a character beyond Latin-1: a two-byte text, read from its UTF-16 code units
      const wide = `[${words.slice(0, 5000).map((w) => `"${w.slice(0, -1)}\u0101"`).join(',')}]`;
      assert.deepEqual(plain(parseJsonFast(wide)), JSON.parse(wide));
    }
  });
});
