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
    // what it leaves to the library: block scalars and scalars over several lines (long descriptions), comment lines
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
      ['a: 1\n# a comment line after content\nb: 2\n', 'a comment line after the first content line'],
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
