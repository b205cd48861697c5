import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseJson, type ParsedDocument, type ReusableTree } from '../../../server/src/core/text/parseJson';
import { parseText } from '../../../server/src/core/text/parse';
import { commonPrefix, commonSuffix, reparseJson } from '../../../server/src/core/text/reparseJson';
import { keyOf, parentOf, prop, valueOfProperty } from '../../../server/src/core/text/sourceNode';
import { rng } from '../../helpers/random';
import { EntriesObjectNode, linkOf } from '../../../server/src/core/text/treeBuilder';
import { sameTree } from '../../helpers/trees';

function reusable(text: string): ReusableTree {
  const parsed = parseJson(text);
  assert.ok(parsed.reusable, 'an error-free text gives a reusable tree');
  return parsed.reusable;
}

const template = `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "resources": [
    {
      "type": "Microsoft.Network/networkSecurityGroups",
      "name": "nsg-apim",
      "properties": {
        "securityRules": [
          { "name": "mgmt", "properties": { "priority": 100, "access": "Allow", "sourceAddressPrefix": "ApiManagement", "destinationPortRange": "3443" } },
          { "name": "lb", "properties": { "priority": 110, "access": "Allow", "sourceAddressPrefix": "AzureLoadBalancer", "destinationPortRange": "6390" } }
        ]
      },
      "tags": { "costCenter": "cc-1234", "note": "a description longer than the table of repeated strings keeps" }
    },
    { "type": "Microsoft.Network/virtualNetworks", "name": "vnet", "properties": { "addressSpace": { "addressPrefixes": ["10.0.0.0/16"] } } }
  ]
}`;

describe('reparseJson (the parse of an edited version from the previous tree)', () => {
  it('parses only the innermost object around the edit, keeps every other node, and moves the nodes after it', () => {
    const previous = reusable(template);
    const root = previous.root!;
    const before = prop(root, 'resources')!.children!;
    const nsg = before[0]!;
    const tags = prop(nsg, 'tags')!;
    const vnet = before[1]!;
    const vnetOffset = vnet.offset;
    // a property added after `costCenter`'s value: across values of `tags`
    const at = template.indexOf('"cc-1234"') + '"cc-1234"'.length;
    const text = template.slice(0, at) + ', "x": 1' + template.slice(at);

    const parsed = reparseJson(previous, text);
    assert.ok(parsed, 'an edit inside `tags` is re-parsed in place');
    assert.equal(parsed.root, root, 'the same root');
    assert.equal(previous.root, undefined, 'the hand-off is spent');
    assert.deepEqual(parsed.reusable, { text, root, problems: [] });
    const after = prop(root, 'resources')!.children!;
    assert.equal(after[0], nsg, 'the resource holding the edit is the same node');
    assert.notEqual(prop(nsg, 'tags'), tags, '`tags` is new');
    assert.equal(parsed.replaced, prop(nsg, 'tags'));
    assert.equal(parsed.discarded, tags);
    assert.equal(prop(prop(nsg, 'tags'), 'x')!.value, 1);
    assert.equal(after[1], vnet, 'the next resource is the same node');
    assert.equal(vnet.offset, vnetOffset + 8, 'moved by the edit');
    sameTree(parsed.root, parseJson(text).root, 'after the edit', { ours: true });
  });

  it('parses only the string whose quotes hold the edit, when it is still one string there', () => {
    const previous = reusable(template);
    const root = previous.root!;
    const nsg = prop(root, 'resources')!.children![0]!;
    const tags = prop(nsg, 'tags')!;
    const old = prop(tags, 'costCenter')!;
    const note = prop(tags, 'note')!;
    const noteOffset = note.offset;
    const at = template.indexOf('cc-1234') + 3;
    const text = template.slice(0, at) + 'x' + template.slice(at);
    const parsed = reparseJson(previous, text);
    assert.ok(parsed);
    assert.equal(prop(nsg, 'tags'), tags, '`tags` is the same node');
    assert.equal(parsed.replaced, prop(tags, 'costCenter'), 'the string is new');
    assert.equal(parsed.discarded, old);
    assert.equal(prop(tags, 'costCenter')!.value, 'cc-x1234');
    assert.equal(prop(tags, 'note'), note, 'the next value is the same node');
    assert.equal(note.offset, noteOffset + 1, 'moved by the edit');
    sameTree(parsed.root, parseJson(text).root, 'after the edit', { ours: true });
    // Escapes typed inside leave it one string, parsed alone; a quote that makes two strings of it parses `tags` again.
    for (const [typed, part] of [['\\n', 'string'], ['\\u00e9', 'string'], ['\\"', 'string'], ['", "k": "', 'object']] as const) {
      const t2 = template.slice(0, at) + typed + template.slice(at);
      const r2 = reparseJson(reusable(template), t2);
      assert.ok(r2, typed);
      assert.equal(r2.replaced?.type, part, typed);
      sameTree(r2.root, parseJson(t2).root, `after ${typed}`, { ours: true });
      assert.equal(prop(prop(prop(r2.root, 'resources')!.children![0], 'tags'), 'costCenter')!.value, JSON.parse(`{"v": "cc-${typed}1234"}`).v, typed);
    }
    // A lone quote: `tags` no longer parses as one value ending at its own bracket, and the whole text is parsed.
    const quoted = template.slice(0, at) + '"' + template.slice(at);
    assert.equal(reparseJson(reusable(template), quoted), undefined);
    // A backslash before the closing quote is an invalid escape: `tags` is parsed again, with the whole parse's problem.
    const escaped = template.slice(0, at) + '\\' + template.slice(at);
    const r3 = reparseJson(reusable(template), escaped);
    assert.ok(r3);
    assert.equal(r3.replaced?.type, 'object');
    assert.deepEqual(r3.problems, parseJson(escaped).problems);
    assert.equal(r3.problems.length, 1);
    sameTree(r3.root, parseJson(escaped).root, 'an escape of the closing quote');
  });

  it('parses a fragment right after a longer document (one buffer of code units serves both): nothing of that document is read', () => {
    // A longer document parsed in between leaves its code units in the shared buffer, past the fragment's end and
    // past the text's end: a scan that read one unit too many would read `9` or `,` there instead of the end.
    const longer = `[${'9,'.repeat(template.length)}9]`;
    let tree = reusable(template);
    let text = template;
    for (const ch of ['9', 'x', 'y']) {
      // inside a string (the string is parsed again), then across `tags`' values (`tags` is)
      for (const [edit, replaced] of [[(t: string) => t.indexOf('cc-') + 3, 'string'], [(t: string) => t.indexOf('"note"') - 1, 'object']] as const) {
        assert.ok(parseJson(longer).root);
        const at = edit(text);
        text = text.slice(0, at) + (replaced === 'string' ? ch : ` "k${ch}": "${ch}",`) + text.slice(at);
        const parsed = reparseJson(tree, text);
        const whole = parseJson(text);
        assert.ok(parsed, `the edit ${ch} inside \`tags\` is re-parsed in place`);
        assert.equal(parsed.replaced?.type, replaced, `the edit ${ch}`);
        // by the lean parser, which reads the buffer (jsonc-parser, its fallback, makes plain objects)
        if (replaced === 'object') assert.ok(parsed.replaced instanceof EntriesObjectNode, `the edit ${ch}: \`tags\` parsed by the lean parser`);
        assert.deepEqual(parsed.problems, whole.problems);
        sameTree(parsed.root, whole.root, `after ${ch}`);
        tree = parsed.reusable!;
      }
    }
  });

  it('leaves the whole text to the parser when the edit is not inside an inner object or array', () => {
    const cases: [string, string][] = [
      ['a property of the root', template.replace('"$schema"', '"$schemas"')],
      ['before the root', ' ' + template],
      ['after the root', template + '\n'],
      ['brackets that no longer match', template.replace('"note": "a', '"note": "a"}, "x": {"y": "a')],
      ['an object left open', template.replace('"costCenter": "cc-1234"', '"costCenter": {"cc-1234"')],
      // the innermost array holding the edit is `resources`, most of the text: a whole parse costs the same
      ['a comment opened in one resource and closed in the next', template.replace('"priority": 100,', '/* "priority": 100,').replace('"type": "Microsoft.Network/virtualNetworks"', '*/ "type": "Microsoft.Network/virtualNetworks"')],
    ];
    for (const [label, text] of cases) {
      assert.notEqual(text, template, label);
      const previous = reusable(template);
      const root = previous.root!;
      assert.equal(reparseJson(previous, text), undefined, label);
      assert.equal(previous.root, root, `${label}: the hand-off is not spent`);
      sameTree(root, parseJson(template).root, `${label}: the previous tree is untouched`, { ours: true });
    }
  });

  it('parses an object with syntax errors with the tolerant parser: the problems and tree of a whole parse', () => {
    const cases: [string, string][] = [
      ['a doubled comma', template.replace('"priority": 110', '"priority": 110,,')],
      ['a property without value', template.replace('"access": "Allow", "sourceAddressPrefix": "AzureLoadBalancer"', '"access": , "sourceAddressPrefix": "AzureLoadBalancer"')],
      ['a key being typed', template.replace('"costCenter": "cc-1234"', '"costCenter": "cc-1234", "own"')],
    ];
    for (const [label, text] of cases) {
      const full = parseJson(text);
      assert.ok(full.problems.length > 0, `${label}: a text with errors`);
      const previous = reusable(template);
      const root = previous.root!;
      const parsed = reparseJson(previous, text);
      assert.ok(parsed, `${label}: parsed in place`);
      assert.equal(parsed.root, root, `${label}: the same root`);
      sameTree(parsed.root, full.root, label);
      assert.deepEqual(parsed.problems, full.problems, `${label}: problems`);
      // and back: the next version, without the error, from this tree
      const mended = reparseJson(parsed.reusable!, template);
      assert.ok(mended, `${label}: mended in place`);
      assert.deepEqual(mended.problems, []);
      sameTree(mended.root, parseJson(template).root, `${label}: mended`);
    }
  });

  it('keeps a problem at the opening bracket of the re-parsed object: the enclosing array reported it', () => {
    // no comma between the two resources: "comma expected" at the second one's `{`, found by the array's parse
    const broken = template.replace('},\n    { "type": "Microsoft.Network/virtualNetworks"', '}\n    { "type": "Microsoft.Network/virtualNetworks"');
    const first = parseJson(broken);
    const at = broken.indexOf('{ "type": "Microsoft.Network/virtualNetworks"');
    assert.deepEqual(first.problems.map((p) => p.offset), [at]);
    const edited = broken.replace('"name": "vnet"', '"name": "vnet2"');
    const parsed = reparseJson(first.reusable!, edited);
    assert.ok(parsed, 'the edit inside the second resource is re-parsed in place');
    assert.deepEqual(parsed.problems, parseJson(edited).problems);
    sameTree(parsed.root, parseJson(edited).root, 'after the edit');
  });

  it('parses the whole text for an edit in a value left unclosed at the text\'s end (its problem is at its end)', () => {
    // a template cut after a resource's `tags` (a version being typed): the resource, the list and the root are unclosed,
    // each "expected" at the text's end; an edit in the resource, whose own parse would report its brace again
    const cut = '{\n\t"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",\n' +
      '\t"parameters": {\n\t\t"vnet": { "type": "object" }\n\t},\n\t"resources": [\n\t\t{\n' +
      '\t\t\t"name": "[parameters(\'vnet\').nsg]",\n\t\t\t"location": "[resourceGroup().location]",\n\t\t\t"tags": {\n\t\t\t\t"owner": "net"\n\t\t\t}';
    const first = parseJson(cut);
    assert.deepEqual(first.problems.map((p) => p.offset), [cut.length, cut.length, cut.length]);
    const edited = cut.replace('nsg]",\n\t\t\t"location"', '');
    const parsed = reparseJson(first.reusable!, edited);
    assert.equal(parsed, undefined, 'parsed whole');
    assert.deepEqual(parseJson(edited).problems.filter((p) => p.message.endsWith('close brace expected')).length, 1, 'the resource\'s brace is not among them');
  });

  it('hands back the same tree for the same text', () => {
    const previous = reusable(template);
    const root = previous.root;
    const parsed = reparseJson(previous, template.slice(0, 10) + template.slice(10));
    assert.equal(parsed?.root, root);
    assert.equal(previous.root, undefined);
  });

  it('builds the tree and problems a full parse builds, over chains of random edits (with and without key nodes made)', () => {
    const bases = ['apim-deny-internet.jsonc', 'apim-multiregion.json', 'topology-hub-spoke.json'].map((f) => readFileSync(`examples/${f}`, 'utf8'));
    const alphabet = '{}[]",:/*\\ \n\r\t0123456789-+.eEtrufalsnx\u00e9\u{1F600}';
    for (const seed of [1, 2, 3, 24]) {
      const r = rng(seed);
      const base = bases[seed % bases.length]!;
      let text = base;
      let previous: ReusableTree | undefined = reusable(text);
      let reused = 0;
      let withProblems = 0;
      for (let i = 0; i < 200; i++) {
        const at = Math.floor(r() * text.length);
        const kind = r();
        const word = kind < 0.2 ? `"${'long value '.repeat(1 + Math.floor(r() * 5))}"` : alphabet[Math.floor(r() * alphabet.length)]!;
        const next = kind < 0.5 ? text.slice(0, at) + word + text.slice(at) : kind < 0.75 ? text.slice(0, at) + text.slice(at + 1 + Math.floor(r() * 3)) : text.slice(0, at) + word + text.slice(at + 1);
        // half the time the key nodes of the previous tree were made (the tree was read through `children`)
        if (r() < 0.5 && previous?.root) sameTree(previous.root, parseJson(text).root, `seed ${seed} edit ${i}: previous`);
        const full = parseJson(next);
        const parsed: ParsedDocument | undefined = previous ? reparseJson(previous, next) : undefined;
        if (parsed) {
          reused++;
          if (parsed.problems.length) withProblems++;
          sameTree(parsed.root, full.root, `seed ${seed} edit ${i}`);
          assert.deepEqual(parsed.problems, full.problems, `seed ${seed} edit ${i}: problems`);
          previous = parsed.reusable;
        } else {
          previous = full.reusable;
        }
        // many edits break the text for good: start again from the template now and then
        text = full.problems.length > 12 ? base : next;
        if (text === base) previous = reusable(base);
      }
      assert.ok(reused > 40, `seed ${seed}: ${reused} edits re-parsed in place`);
      assert.ok(withProblems > 20, `seed ${seed}: ${withProblems} of them with syntax problems`);
    }
  });

  it('goes through parseText: a document with a byte-order mark; a YAML tree is not taken for JSON', () => {
    const bom = '\ufeff' + template;
    const first = parseText(bom, 'json');
    assert.ok(first.reusable);
    const at = bom.indexOf('cc-1234');
    const next = bom.slice(0, at) + 'y' + bom.slice(at);
    const root = first.root;
    const second = parseText(next, 'json', first.reusable);
    assert.equal(second.root, root, 'updated in place');
    sameTree(second.root, parseText(next, 'json').root, 'with a byte-order mark', { ours: true });
    // a document whose language changed: the YAML version's tree is not updated as JSON
    const yaml = parseText('a: 1\n', 'yaml').reusable;
    assert.equal(yaml?.format, 'yaml');
    assert.equal(reparseJson(yaml!, '{"a": 2}'), undefined);
    const json = parseText('{"a": 2}', 'json', yaml);
    assert.notEqual(json.root, yaml!.root);
    sameTree(json.root, parseJson('{"a": 2}').root, 'a JSON version after a YAML one', { ours: true });
  });

  it('finds the common prefix and suffix of two texts, across its chunks', () => {
    const a = 'x'.repeat(1500) + 'abc' + 'y'.repeat(1300);
    const b = 'x'.repeat(1500) + 'aXbc' + 'y'.repeat(1300);
    assert.equal(commonPrefix(a, b), 1501);
    assert.equal(commonSuffix(a, b, 1501), 1302);
    assert.equal(commonPrefix(a, a), a.length);
    // the suffix never reaches into the prefix: "aa" → "aaa" is one character inserted
    assert.equal(commonPrefix('aa', 'aaa'), 2);
    assert.equal(commonSuffix('aa', 'aaa', 2), 0);
  });
});


describe('the lean JSON parser\'s objects: property nodes made when asked, right across edits', () => {
  it('makes no property node while parsing; a value\'s parent is its property, made once', () => {
    const root = parseJson(template).root!;
    const nsg = prop(root, 'resources')!.children![0]!;
    assert.ok(nsg instanceof EntriesObjectNode);
    const name = prop(nsg, 'name')!;
    assert.equal(name.value, 'nsg-apim');
    // a lookup reads the entries; the value links to its object until something asks for its parent
    assert.equal(linkOf(name), nsg);
    const property = parentOf(name)!;
    assert.equal(property.type, 'property');
    assert.equal(property, nsg.children![1], 'the object\'s own property node');
    assert.equal(parentOf(name), property, 'the same node at every read');
    assert.equal(parentOf(property), nsg);
    assert.deepEqual([property.offset, property.colonOffset, keyOf(property), valueOfProperty(property)], [template.indexOf('"name": "nsg-apim"'), template.indexOf(': "nsg-apim"'), 'name', name]);
    assert.equal(property.length, '"name": "nsg-apim"'.length);
    assert.equal(parentOf(property.children![0]!), property, 'the key node\'s parent');
    assert.equal(property.children![0]!.offset, property.offset);
  });

  it('moves keys written with an escape or a space before the colon like the others', () => {
    // irregular keys keep their key offset, colon offset and key length beside the entries (treeBuilder.ts, ENTRY)
    const text = '{"resources": [{"name": "a"}, {"na\\u006de" : "b", "type"\t:"t", "x": {"k\\"" : 1}}]}';
    const previous = reusable(text);
    const second = prop(previous.root!, 'resources')!.children![1]!;
    const made = second.children!.map((p) => [p.offset, p.colonOffset, p.length]);
    const at = text.indexOf('"a"') + 2;
    const next = text.slice(0, at) + 'bc' + text.slice(at);
    const parsed = reparseJson(previous, next)!;
    assert.ok(parsed);
    sameTree(parsed.root, parseJson(next).root, 'after the edit');
    assert.deepEqual(second.children!.map((p) => [p.offset, p.colonOffset, p.length]), made.map(([o, c, l]) => [o! + 2, c! + 2, l]));
    assert.equal(keyOf(second.children![0]!), 'name');
    assert.equal(second.children![0]!.children![0]!.length, '"na\\u006de"'.length);
    assert.equal(next.slice(second.children![1]!.colonOffset!, second.children![1]!.colonOffset! + 2), ':"');
  });

  it('a property node made before an edit reads the moved entries and the value parsed again', () => {
    const previous = reusable(template);
    const nsg = prop(previous.root!, 'resources')!.children![0]!;
    const vnet = prop(previous.root!, 'resources')!.children![1]!;
    // made before the edit: the NSG's `tags` and the VNet's `name`, both after the edit
    const tags = parentOf(prop(nsg, 'tags')!)!;
    const vnetName = parentOf(prop(vnet, 'name')!)!;
    const [tagsAt, colonAt, vnetNameAt] = [tags.offset, tags.colonOffset!, vnetName.offset];
    const oldRules = prop(prop(nsg, 'properties'), 'securityRules')!;
    const rulesProperty = parentOf(oldRules)!;
    // three characters typed into the first rule's name (that string is parsed again): what follows moves
    const at = template.indexOf('"mgmt"') + 3;
    const next = template.slice(0, at) + 'abc' + template.slice(at);
    const parsed = reparseJson(previous, next)!;
    assert.ok(parsed);
    sameTree(parsed.root, parseJson(next).root, 'after the edit');
    assert.equal(parentOf(prop(nsg, 'tags')!), tags, 'the same property node');
    assert.deepEqual([tags.offset, tags.colonOffset, vnetName.offset], [tagsAt + 3, colonAt + 3, vnetNameAt + 3]);
    assert.equal(parentOf(prop(prop(nsg, 'properties'), 'securityRules')!), rulesProperty);
    // grown by the edit inside it: as long as in a whole parse of the new text
    const whole = parentOf(prop(prop(prop(parseJson(next).root, 'resources')!.children![0], 'properties'), 'securityRules')!)!;
    assert.deepEqual([rulesProperty.offset, rulesProperty.length], [whole.offset, whole.length]);
    assert.equal(rulesProperty.length, next.indexOf(']', next.indexOf('"lb"')) + 1 - next.indexOf('"securityRules"'));
    // a string value parsed again goes into its object's entries, under the property node made before
    const name = prop(vnet, 'name')!;
    const at2 = next.indexOf('"vnet"') + 2;
    const renamed = reparseJson(parsed.reusable!, next.slice(0, at2) + 'x' + next.slice(at2))!;
    assert.equal(renamed.discarded, name);
    assert.equal(renamed.replaced!.value, 'vxnet');
    assert.equal(prop(vnet, 'name'), renamed.replaced);
    assert.equal(parentOf(renamed.replaced!), vnetName);
    assert.equal(valueOfProperty(vnetName), renamed.replaced);
    assert.equal(vnetName.children![1], renamed.replaced, 'its [key, value] children too');
  });
});
