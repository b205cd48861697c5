import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { parse as parseYamlText } from 'yaml';
import { appendArrayItems, insertProperty } from '../../../server/src/core/fixes/edits';
import { applyEdits } from '../../../server/src/core/fixes/applyEdits';
import { parseText } from '../../../server/src/core/text/parse';
import { prop, type SourceNode } from '../../../server/src/core/text/sourceNode';
import type { Plain } from '../../../server/src/core/fixes/serialize';

/** The node at `path` (property names and item indexes) from the root of `text`. */
function nodeAt(text: string, format: 'json' | 'yaml', path: readonly (string | number)[]): SourceNode {
  let node = parseText(text, format).root;
  for (const step of path) node = typeof step === 'number' ? node?.children?.[step] : prop(node, step);
  assert.ok(node, `no node at ${path.join('.')}`);
  return node;
}

function append(text: string, format: 'json' | 'yaml', path: readonly (string | number)[], values: readonly Plain[]): string {
  const after = applyEdits(text, [appendArrayItems({ text, format }, nodeAt(text, format, path), values)]);
  assert.deepEqual(parseText(after, format).problems, [], `the edit breaks the document:\n${after}`);
  return after;
}

const rule = { name: 'AllowX', properties: { protocol: 'Tcp', destinationPortRanges: ['80', '443'], priority: 200, access: 'Allow' } };

describe('appendArrayItems: items like the last one', () => {
  it('JSON, spaced one-line neighbours: a spaced one-line item on its own line', () => {
    const text = `{
  "rules": [
    { "name": "A", "properties": { "priority": 100, "ports": ["1", "2"] } },
    { "name": "B", "properties": { "priority": 110 } }
  ]
}
`;
    assert.equal(
      append(text, 'json', ['rules'], [rule, { name: 'Y' }]),
      `{
  "rules": [
    { "name": "A", "properties": { "priority": 100, "ports": ["1", "2"] } },
    { "name": "B", "properties": { "priority": 110 } },
    { "name": "AllowX", "properties": { "protocol": "Tcp", "destinationPortRanges": ["80", "443"], "priority": 200, "access": "Allow" } },
    { "name": "Y" }
  ]
}
`,
    );
  });

  it('JSON, compact one-line neighbours (and a trailing comma kept after the new item)', () => {
    const text = `{
\t"rules": [
\t\t{"name":"A","properties":{"priority":100}},
\t\t{"name":"B","properties":{"priority":110,"ports":[ "1","2" ]}},
\t]
}`;
    assert.equal(
      append(text, 'json', ['rules'], [rule]),
      `{
\t"rules": [
\t\t{"name":"A","properties":{"priority":100}},
\t\t{"name":"B","properties":{"priority":110,"ports":[ "1","2" ]}},
\t\t{"name":"AllowX","properties":{"protocol":"Tcp","destinationPortRanges":[ "80","443" ],"priority":200,"access":"Allow"}},
\t]
}`,
    );
  });

  it('JSON, one-line items all on one line: the new item goes on that line', () => {
    const text = '{ "rules": [{ "name": "A" }, { "name": "B" }] }';
    assert.equal(append(text, 'json', ['rules'], [{ name: 'C', p: { q: 1 } }]), '{ "rules": [{ "name": "A" }, { "name": "B" }, { "name": "C", "p": { "q": 1 } }] }');
  });

  it('JSON, mixed: a multi-line last item gives the block output of today', () => {
    const text = `{
  "rules": [
    { "name": "A" },
    {
      "name": "B"
    }
  ]
}`;
    assert.equal(
      append(text, 'json', ['rules'], [{ name: 'C', p: { q: 1 } }]),
      `{
  "rules": [
    { "name": "A" },
    {
      "name": "B"
    },
    {
      "name": "C",
      "p": {
        "q": 1
      }
    }
  ]
}`,
    );
  });

  it('JSON, mixed: a one-line last item after multi-line ones decides', () => {
    const text = `{
  "rules": [
    {
      "name": "A"
    },
    {"name": "B"}
  ]
}`;
    assert.equal(
      append(text, 'json', ['rules'], [{ name: 'C', p: { q: 1 } }]),
      `{
  "rules": [
    {
      "name": "A"
    },
    {"name": "B"},
    {"name": "C", "p": {"q": 1}}
  ]
}`,
    );
  });

  it('JSON, a comment after the last item does not change the spacing detected', () => {
    const text = `[
  { "a": 1 } // one
]`;
    assert.equal(append(text, 'json', [], [{ b: 2 }]), `[
  { "a": 1 },
  { "b": 2 } // one
]`);
  });

  it('YAML, flow-map neighbours: a flow-map item, scalars quoted where a flow map needs it', () => {
    const text = `rules:
  - { name: A, properties: { priority: 100, ports: [1, 2] } }
  - { name: B, properties: { priority: 110 } }
other: 1
`;
    const value = { name: 'AllowX', properties: { description: 'a, b: {c} [d] #e', prefix: 'Azure Monitor', port: '443', on: 'yes', expr: "[resourceId('x')]", empty: {}, list: [] } };
    const after = append(text, 'yaml', ['rules'], [value, { name: 'Y' }]);
    assert.equal(
      after,
      `rules:
  - { name: A, properties: { priority: 100, ports: [1, 2] } }
  - { name: B, properties: { priority: 110 } }
  - { name: AllowX, properties: { description: "a, b: {c} [d] #e", prefix: "Azure Monitor", port: "443", "on": "yes", expr: "[resourceId('x')]", empty: {}, list: [] } }
  - { name: "Y" }
other: 1
`,
    );
    assert.deepEqual(parseYamlText(after).rules[2], value);
  });

  it('YAML, compact flow maps and a block mapping before them', () => {
    const text = `rules:
  - name: A
    properties:
      priority: 100
  - {name: B,properties: {priority: 110}}
`;
    const after = append(text, 'yaml', ['rules'], [rule]);
    assert.equal(after, `${text}  - {name: AllowX,properties: {protocol: Tcp,destinationPortRanges: ["80","443"],priority: 200,access: Allow}}\n`);
    assert.deepEqual(parseYamlText(after).rules[2], rule);
  });

  it('YAML, a block-mapping last item (its values flow maps) keeps the block output', () => {
    const text = `rules:
  - {name: A}
  - name: B
    properties: {priority: 110}
`;
    assert.equal(append(text, 'yaml', ['rules'], [{ name: 'C', p: { q: 1 } }]), `${text}  - name: C\n    p:\n      q: 1\n`);
  });

  it('YAML flow sequence of flow maps', () => {
    const text = 'rules: [{name: A}, {name: B}]\n';
    const after = append(text, 'yaml', ['rules'], [{ name: 'C d', p: { q: 1 } }]);
    assert.equal(after, 'rules: [{name: A}, {name: B}, {name: "C d", p: {q: 1}}]\n');
  });
});

describe('insertProperty: a one-line object stays on one line', () => {
  it('JSON, spaced and compact', () => {
    const spaced = '{ "p": { "addressPrefix": "10.0.1.0/27", "x": [ 1 ] } }';
    const node = nodeAt(spaced, 'json', ['p']);
    assert.equal(
      applyEdits(spaced, [insertProperty({ text: spaced, format: 'json' }, node, 'nsg', { id: 'a', l: [2, 3] })]),
      '{ "p": { "addressPrefix": "10.0.1.0/27", "x": [ 1 ], "nsg": { "id": "a", "l": [ 2, 3 ] } } }',
    );
    const compact = '{"p":{"addressPrefix":"10.0.1.0/27"}}';
    assert.equal(applyEdits(compact, [insertProperty({ text: compact, format: 'json' }, nodeAt(compact, 'json', ['p']), 'nsg', { id: 'a' })]), '{"p":{"addressPrefix":"10.0.1.0/27","nsg":{"id":"a"}}}');
  });

  it('YAML flow map', () => {
    const text = 'p: {addressPrefix: 10.0.1.0/27}\n';
    const after = applyEdits(text, [insertProperty({ text, format: 'yaml' }, nodeAt(text, 'yaml', ['p']), 'nsg', { id: "[resourceId('n')]" })]);
    assert.equal(after, 'p: {addressPrefix: 10.0.1.0/27, nsg: {id: "[resourceId(\'n\')]"}}\n');
    assert.deepEqual(parseYamlText(after), { p: { addressPrefix: '10.0.1.0/27', nsg: { id: "[resourceId('n')]" } } });
  });

  it('a multi-line object keeps the block output', () => {
    const text = '{\n  "p": {\n    "a": 1\n  }\n}';
    assert.equal(applyEdits(text, [insertProperty({ text, format: 'json' }, nodeAt(text, 'json', ['p']), 'b', { c: 2 })]), '{\n  "p": {\n    "a": 1,\n    "b": {\n      "c": 2\n    }\n  }\n}');
  });
});

describe('appendArrayItems: a value written in several places', () => {
  // A fix's new rule is one object for every NSG that gets it, and its text is kept per spacing and format
  // (serialize.ts, inlineTextKept): each place must still get its own neighbours' spacing.
  it('the same object next to spaced and compact neighbours of one document, then in YAML', () => {
    const text = `{
  "spaced": [
    { "name": "A", "ports": ["1"] }
  ],
  "compact": [
    {"name":"B","ports":["2"]}
  ]
}`;
    const doc = { text, format: 'json' as const };
    const value = { name: 'C', ports: ['3', '4'] };
    const spaced = appendArrayItems(doc, nodeAt(text, 'json', ['spaced']), [value]);
    const compact = appendArrayItems(doc, nodeAt(text, 'json', ['compact']), [value]);
    const again = appendArrayItems(doc, nodeAt(text, 'json', ['spaced']), [value]);
    assert.equal(spaced.newText, ',\n    { "name": "C", "ports": ["3", "4"] }');
    assert.equal(compact.newText, ',\n    {"name":"C","ports":["3","4"]}');
    assert.equal(again.newText, spaced.newText);
    const yaml = 'spaced:\n  - { name: A, ports: [ "1" ] }\n';
    assert.equal(appendArrayItems({ text: yaml, format: 'yaml' }, nodeAt(yaml, 'yaml', ['spaced']), [value]).newText, '\n  - { name: C, ports: [ "3", "4" ] }');
  });
});

describe('appendArrayItems: one-line style only for items of the neighbour size', () => {
  it('a value much larger than a one-line last item is written as a block', () => {
    const text = `{
  "resources": [
    { "type": "Microsoft.Network/privateDnsZones", "name": "z" }
  ]
}
`;
    const nsg = { type: 'Microsoft.Network/networkSecurityGroups', name: 'nsg', properties: { securityRules: Array.from({ length: 6 }, (_, i) => ({ ...rule, name: `R${i}` })) } };
    const after = append(text, 'json', ['resources'], [nsg]);
    const added = after.split('\n').slice(3);
    assert.ok(added.length > 10, `written as a block:\n${after}`);
    assert.equal(added[0], '    {', after);
  });

  it('up to twice the last item and 80 characters, counted as the item would be written on its line', () => {
    // the last item is 15 characters long: one-line items may be 110, spaces included (`{ "name": "` + k + `" }`)
    const text = '{\n  "rules": [\n    { "name": "x" }\n  ]\n}\n';
    const fits = append(text, 'json', ['rules'], [{ name: 'y'.repeat(96) }]);
    assert.equal(fits.split('\n')[2], `    { "name": "x" },`, fits);
    assert.equal(fits.split('\n')[3], `    { "name": "${'y'.repeat(96)}" }`, fits);
    const block = append(text, 'json', ['rules'], [{ name: 'y'.repeat(97) }]);
    assert.equal(block.split('\n')[3], '    {', block);
  });
});
