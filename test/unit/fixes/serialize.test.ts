import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { jsonLength, toInlineText, type Plain } from '../../../server/src/core/fixes/serialize';
import { inlineSpacing } from '../../../server/src/core/fixes/textStyle';
import { parseText } from '../../../server/src/core/text/parse';

describe('jsonLength: the length of JSON.stringify without writing it', () => {
  const values: unknown[] = [
    null, true, false, 0, -1, 1.5, 1e21, 12345678901234567890, Number.NaN, Infinity, -0,
    '', 'a', 'Allow', 'quote " inside', 'back\\slash', 'tab\there', 'new\nline', '\u0001', 'é ü ß', '日本', '😀',
    '\ud800 lone high', 'lone low \udc00', '\u2028 line separator',
    [], [1], [1, 'two', null, [3, [4]]], [undefined, 1],
    {}, { a: 1 }, { 'key "q"': 'v', b: [true, { c: null }] }, { skipped: undefined, kept: 1 }, { only: undefined },
    { name: 'AllowStorageOutbound', properties: { protocol: 'Tcp', sourcePortRange: '*', destinationPortRange: '6381-6383', priority: 4000 } },
  ];
  for (const v of values) {
    it(JSON.stringify(v) ?? String(v), () => assert.equal(jsonLength(v as Plain), JSON.stringify(v).length));
  }
});

describe('toInlineText', () => {
  const spaced = { pad: ' ', colon: ' ', comma: ' ', bracketPad: '' };
  const compact = { pad: '', colon: '', comma: '', bracketPad: '' };
  it('JSON, spaced and compact, nested objects and arrays, empty ones', () => {
    const v = { a: 1, b: ['x', 'y'], c: {}, d: [], e: { f: null, g: true } };
    assert.equal(toInlineText(v, spaced, 'json'), '{ "a": 1, "b": ["x", "y"], "c": {}, "d": [], "e": { "f": null, "g": true } }');
    assert.equal(toInlineText(v, compact, 'json'), JSON.stringify(v));
  });
  it('YAML flow map: plain where safe, quoted where a flow context or YAML 1.1 would misread (a key "on" too)', () => {
    assert.equal(toInlineText({ name: 'a,b', port: '443', on: 'yes', list: ['*', 'VirtualNetwork'] }, spaced, 'yaml'), '{ name: "a,b", port: "443", "on": "yes", list: ["*", VirtualNetwork] }');
  });
});

describe('inlineSpacing: remembered per node and text', () => {
  it('the same node answers the same; another text for the node is measured again', () => {
    const text = '{"rules": [{"a": 1, "b": [1, 2]}]}';
    const node = parseText(text, 'json').root!.children![0]!.valueNode!.children![0]!;
    const first = inlineSpacing(text, node, 'json');
    assert.deepEqual(first, { pad: '', colon: ' ', comma: ' ', bracketPad: '' });
    assert.equal(inlineSpacing(text, node, 'json'), first);
    // the same offsets in a text where the item spans two lines: not one-line any more
    const other = '{"rules": [{"a": 1,\n"b": [1, 2]}]}';
    assert.equal(inlineSpacing(other, node, 'json'), undefined);
  });
});
