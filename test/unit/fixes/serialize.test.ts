import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { toInlineText } from '../../../server/src/core/fixes/serialize';
import { inlineSpacing } from '../../../server/src/core/fixes/textStyle';
import { parseText } from '../../../server/src/core/text/parse';

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

describe('inlineSpacing: remembered per node and edit target', () => {
  it('the same node answers the same for one target; another target (another text) is measured again', () => {
    const text = '{"rules": [{"a": 1, "b": [1, 2]}]}';
    const node = parseText(text, 'json').root!.children![0]!.valueNode!.children![0]!;
    const doc = { text, format: 'json' as const };
    const first = inlineSpacing(doc, node);
    assert.deepEqual(first, { pad: '', colon: ' ', comma: ' ', bracketPad: '' });
    assert.equal(inlineSpacing(doc, node), first);
    // the same offsets in a text where the item spans two lines: not one-line any more
    const other = { text: '{"rules": [{"a": 1,\n"b": [1, 2]}]}', format: 'json' as const };
    assert.equal(inlineSpacing(other, node), undefined);
    assert.equal(inlineSpacing(doc, node), first);
  });
});
