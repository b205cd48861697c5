import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { parseYaml, parseYamlLibrary } from '../../../server/src/core/text/parseYaml';
import { parseYamlLean } from '../../../server/src/core/text/parseYamlLean';
import { prop } from '../../../server/src/core/text/sourceNode';
import { corpusSeeds, fixtureSeeds } from '../fuzz/properties';
import { rng } from '../../helpers/random';
import { sameTree } from '../../helpers/trees';

/** The lean parser's tree of `text` is node for node the one made from the yaml library's parse. */
function matches(text: string, label: string): boolean {
  const lean = parseYamlLean(text);
  if (!lean) return false;
  const library = parseYamlLibrary(text);
  assert.deepEqual(library.problems, [], `${label}: the lean parser took a text with a syntax problem`);
  sameTree(lean, library.root, label, { ours: true });
  return true;
}

/** The YAML texts of the fixtures, the examples and the corpus: as written, and the JSON ones written as YAML. */
function yamlTexts(): [string, string][] {
  const seeds = [...fixtureSeeds(), ...corpusSeeds()];
  const out: [string, string][] = seeds.filter((s) => s.format === 'yaml').map((s) => [s.name, s.text]);
  for (const s of seeds) if (s.format === 'json' && s.value !== undefined) out.push([`${s.name} as YAML`, stringify(s.value, { lineWidth: 0 })]);
  for (const f of readdirSync('examples')) if (/\.ya?ml$/.test(f)) out.push([f, readFileSync(`examples/${f}`, 'utf8')]);
  return out;
}

describe('parseYamlLean (plain block YAML, node for node the yaml library\'s tree)', () => {
  it('builds the library\'s tree for every fixture, example and corpus document it takes, and takes most', () => {
    const texts = yamlTexts();
    let taken = 0;
    for (const [name, text] of texts) if (matches(text, name)) taken++;
    // what it leaves to the library: block scalars and scalars over several lines (long descriptions)
    assert.ok(taken >= 0.8 * texts.length, `${taken} of ${texts.length} taken`);
  });

  it('reads each scalar as the library does in its place: the schema, quotes, keys', () => {
    const text = [
      'a: ...', 'b: ---', 'c: 0x1F', 'd: .inf', 'e: 2023-09-01', 'f: ~', 'g:', 'h: "tab\\tand \\u00e9"', "i: 'it''s'",
      'j: True', 'k: No', 'l: 1_000', 'm: -1', 'n: a:b', 'o: x # a comment', 'p: []', 'q: {}', '1: one', 'true: yes', 'null: nothing',
      '"quoted key": 1', 'list:', '- a', '-', '- k: v', '  w: 2', 'tail: end',
    ].join('\n');
    assert.ok(matches(text, 'scalars'), 'taken');
    const root = parseYamlLean(text)!;
    const v = (k: string) => prop(root, k)?.value;
    assert.equal(v('a'), '...');
    assert.equal(v('c'), 31);
    assert.equal(v('d'), Infinity);
    assert.equal(v('e'), '2023-09-01');
    assert.equal(v('f'), null);
    assert.equal(v('h'), 'tab\tand é');
    assert.equal(v('i'), "it's");
    assert.equal(v('j'), true);
    assert.equal(v('k'), 'No');
    assert.equal(v('1'), 'one');
    assert.equal(v('null'), 'nothing');
    assert.equal(v('o'), 'x');
    assert.equal(prop(root, 'list')?.children?.length, 3);
  });

  it('gives up where the library decides, which then parses the text as before', () => {
    for (const [text, why] of [
      ['a: &x 1\nb: *x\n', 'an anchor and an alias'],
      ['a: !!str 1\n', 'a tag'],
      ['a: |\n  text\n', 'a block scalar'],
      ['a: one\n  two\n', 'a plain scalar over two lines'],
      ['a: [1, 2]\n', 'a flow sequence with items'],
      ['a: {b: 1}\n', 'a flow mapping with items'],
      ['%YAML 1.1\n---\na: yes\n', 'a directive'],
      ['--- a: 1\n', 'a document marker with content'],
      ['a: 1\n...\n', 'a document end'],
      ['? a\n: 1\n', 'a complex key'],
      ['- - a\n', 'a sequence in a sequence on one line'],
      ['a:\n\tb: 1\n', 'a tab'],
      ['\ufeffa: 1\n', 'a byte-order mark'],
      ['a: 1\r', 'a CR that ends the text'],
      ['a: "open\n', 'an unclosed quote'],
      ['a: 1\n b: 2\n', 'a key indented under a scalar'],
      ['a: b: c\n', 'a mapping on one line'],
      ['', 'no content'],
      ['---#c\na: 1\n', 'a scalar that starts like a document marker'],
    ] as const) {
      assert.equal(parseYamlLean(text), undefined, why);
      sameTree(parseYaml(text).root, parseYamlLibrary(text).root, why, { ours: true });
    }
    // a text of mostly new tokens (each a question to the library): the library's own parse costs less
    const distinct = Array.from({ length: 3000 }, (_, i) => `lean-budget-key-${i}: lean-budget-value-${i}`).join('\n');
    assert.equal(parseYamlLean(distinct), undefined, 'mostly new tokens');
    assert.equal(parseYaml(distinct).root?.children?.length, 3000);
    // comment lines before the content, a document start marker, CRLF, comments at the ends of lines: taken
    assert.ok(matches('# header\n---\na: 1 # one\r\nb:\r\n  - x\r\n', 'header, marker, CRLF'));
  });

  it('ends each collection where the library does, with the comment lines after it that the library gives it', () => {
    // Each: the text, then where the collection that the comment lines follow ends (the line of its last character).
    const cases: [string, string, number][] = [
      // after a scalar: the comment lines indented more than the collection's keys, one after the other
      ['r:\n  a: 1\n    # c4\n  # c2\n # c1\nb: 2\n', 'r', 2],
      ['r:\n  a: 1\n # c1\n    # c4\nb: 2\n', 'r', 1],
      ['r:\n  a: 1\n\n     # c5\n\nb: 2\n', 'r', 3],
      ['r:\n  - x\n   # c3\n  # c2\nb: 2\n', 'r', 2],
      // after a missing value: every comment line up to the next content, however indented
      ['r:\n  a:\n # c1\n    # c4\nb: 2\n', 'r', 3],
      ['r:\n  - x\n  - # c\n # c1\nb: 2\n', 'r', 3],
      // after a collection: where that one's comment lines end, with those it left over when one is indented as far as
      // this one's keys or further (however indented the others are)
      ['r:\n  a:\n    k: v\n      # c6\n     # c5\n    # c4\n   # c3\nb: 2\n', 'r', 6],
      ['r:\n  a:\n    k: v\n # c1\n      # c6\nb: 2\n', 'r', 4],
      ['r:\n  - a: 1\n    # c4\n   # c3\n  # c2\nb: 2\n', 'r', 4],
      ['r:\n  a:\n  - k\n  # c2\n   # c3\n # c1\nb: 2\n', 'r', 5],
      // the root: left-over comment lines go on to the document when its keys are at column 0
      ['a: 1\n  # c2\n# c0\n', '', 1],
      ['a:\n  b: 1\n# c0\n    # c4\n', '', 3],
      // and so do those of any collection whose column is 0 (a sequence written at its key's column)
      ['a:\n- k\n# c0\n', '', 1],
      ['a:\n- k\n  # c2\n# c0\n', '', 2],
      // between entries and before a value: no collection ends there
      ['r:\n  # c2\n  a: 1\n# c0\n  b: 2\n    # c4\nc: 3\n', 'r', 5],
    ];
    for (const [text, key, line] of cases) {
      assert.ok(matches(text, text), `taken: ${JSON.stringify(text)}`);
      const root = parseYamlLean(text)!;
      const node = key ? prop(root, key)! : root;
      const end = node.offset + node.length;
      assert.equal(text.slice(0, end).split('\n').length - 1, line, `ends on line ${line}: ${JSON.stringify(text)}`);
      assert.notEqual(text.charCodeAt(end - 1), 32);
    }
  });

  it('agrees with the library over comment lines put anywhere, at any indentation', () => {
    const texts = yamlTexts().map(([, t]) => t).filter((t) => t.length < 20_000);
    let taken = 0;
    const r = rng(7);
    for (const base of texts) {
      for (let i = 0; i < 2; i++) {
        const lines = base.split('\n');
        for (let k = 0, n = 1 + Math.floor(r() * 6); k < n; k++) lines.splice(Math.floor(r() * (lines.length + 1)), 0, `${' '.repeat(Math.floor(r() * 12))}# c${k}`);
        if (matches(lines.join('\n'), `comments ${i}`)) taken++;
      }
    }
    assert.ok(taken >= 0.8 * 2 * texts.length, `${taken} of ${2 * texts.length} taken`);
  });

  it('agrees with the library over random edits of the YAML documents it takes', () => {
    const texts = yamlTexts().map(([, t]) => t).filter((t) => t.length < 20_000);
    const words = [':', ': ', '- ', '#', ' # c', '"', "'", '[]', '{}', '[', '|', '&a ', '*a', '!x ', '---', '...', '\n  k: v', '\n  k:', '\n  -', '0x1F', '~', 'null', 'a:b', '-x', ' :', '\r\n', 'x'];
    let taken = 0;
    for (const seed of [1, 2, 3]) {
      const r = rng(seed);
      for (const base of texts) {
        for (let i = 0; i < 8; i++) {
          let t = base;
          for (let m = 0, n = 1 + Math.floor(r() * 2); m < n; m++) {
            const at = Math.floor(r() * (t.length + 1));
            t = t.slice(0, at) + words[Math.floor(r() * words.length)]! + t.slice(at + (r() < 0.3 ? 1 : 0));
          }
          if (matches(t, `seed ${seed}`)) taken++;
        }
      }
    }
    assert.ok(taken > 300, `${taken} edited documents taken`);
  });
});
