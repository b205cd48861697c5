/**
 * The language server hands each document's tree to the analysis of its next version (AnalyzeOptions.previous):
 * what it reports after every keystroke must be what a fresh analysis of the same text reports.
 */
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { stringify } from 'yaml';
import type { Diagnostic } from 'vscode-languageserver/node';
import { analyzeText, type AnalysisResult, type AnalyzeOptions } from '../../server/src/core/index';
import { startTestServer, type TestClient } from './lspClient';
import { brokenTemplate } from './templates';

const uri = 'file:///virtual/reparse.json';

/** The diagnostics' essentials: rule, message, range. */
function essentials(diags: readonly Diagnostic[]): string[] {
  return diags.map((d) => `${String(d.code)} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.message}`);
}

/** What a fresh analysis of `text` reports, in the same form. */
function fresh(text: string, at = uri): string[] {
  const doc = TextDocument.create(at, 'json', 0, text);
  return analyzeText(text, { uri: at }).findings.map((f) => {
    const s = doc.positionAt(f.range.offset);
    const e = doc.positionAt(f.range.offset + f.range.length);
    return `${f.ruleId} ${s.line}:${s.character}-${e.line}:${e.character} ${f.message}`;
  });
}

describe('language server: the next version is parsed from the previous tree', () => {
  let client: TestClient;
  const calls: { options: AnalyzeOptions; result: AnalysisResult }[] = [];
  before(async () => {
    client = await startTestServer({
      settings: { '*': {} },
      server: {
        analyze: (text, options) => {
          const result = analyzeText(text, options);
          calls.push({ options, result });
          return result;
        },
      },
    });
  });
  after(() => client.dispose());

  it('reports after each edit what a fresh analysis of the text reports', async () => {
    let text = brokenTemplate();
    let version = 1;
    await client.open(uri, text);
    assert.deepEqual(essentials(await client.diagnostics(uri)), fresh(text));
    const edits: [string, (t: string) => string][] = [
      ['type in a name', (t) => t.replace('"name": "apim-nsg"', '"name": "apim-nsgx"')],
      ['change a port the rules need', (t) => t.replace("'VirtualNetwork', '6390'", "'VirtualNetwork', '6391'").replace('"6390"', '"6391"')],
      ['lengthen a prefix before the subnets', (t) => t.replace('"10.0.0.0/16"', '"10.0.0.0/8"')],
      ['break the syntax', (t) => t.replace('"addressPrefix": "10.0.1.0/27",', '"addressPrefix": "10.0.1.0/27",,')],
      ['mend it', (t) => t.replace('"addressPrefix": "10.0.1.0/27",,', '"addressPrefix": "10.0.1.0/27",')],
      ['shrink the subnet', (t) => t.replace('"10.0.1.0/27"', '"10.0.1.0/29"')],
      ['undo', () => brokenTemplate()],
    ];
    let reused = 0;
    for (const [label, edit] of edits) {
      const next = edit(text);
      assert.notEqual(next, text, label);
      const before = calls.length;
      const root = calls[calls.length - 1]!.result.root;
      text = next;
      await client.change(uri, ++version, text);
      assert.deepEqual(essentials(await client.diagnostics(uri)), fresh(text), label);
      const call = calls[before]!;
      assert.ok(call, `${label}: analysed`);
      if (call.result.root === root && root) reused++;
      if (label === 'type in a name') {
        assert.ok(call.options.previous, `${label}: the previous tree was handed on`);
        assert.equal(call.result.root, root, `${label}: the same tree, updated`);
      }
      if (label === 'break the syntax' || label === 'mend it') {
        assert.ok(call.options.previous, `${label}: the previous tree was handed on`);
        assert.equal(call.result.root, root, `${label}: the same tree, updated (its problems too)`);
      }
    }
    assert.ok(reused >= 6, `${reused} of ${edits.length} edits updated the tree in place`);
  });

  it('does the same for a YAML document: a mapping parsed again, the rest of the tree kept', async () => {
    const yamlUri = 'file:///virtual/reparse.yaml';
    const base = stringify(JSON.parse(brokenTemplate()), { lineWidth: 0 });
    let text = base;
    let version = 1;
    await client.open(yamlUri, text, 'yaml');
    assert.deepEqual(essentials(await client.diagnostics(yamlUri)), fresh(text, yamlUri));
    const edits: [string, (t: string) => string][] = [
      ['type in a rule\'s name', (t) => t.replace('name: LoadBalancer', 'name: LoadBalancerx')],
      ['change a port the rules need', (t) => t.replace('destinationPortRange: "6390"', 'destinationPortRange: "6391"')],
      ['break the syntax', (t) => t.replace('addressPrefix: 10.0.1.0/27', 'addressPrefix: "10.0.1.0/27')],
      ['mend it', (t) => t.replace('addressPrefix: "10.0.1.0/27', 'addressPrefix: 10.0.1.0/27')],
      ['shrink the subnet', (t) => t.replace('addressPrefix: 10.0.1.0/27', 'addressPrefix: 10.0.1.0/29')],
      // a new key typed into a rule, letter by letter: a syntax error until its colon, found in the rule's lines
      ['type a key: d', (t) => t.replace('access: Allow\n', 'access: Allow\n            d\n')],
      ['type a key: de', (t) => t.replace('            d\n', '            de\n')],
      ['type a key: de:', (t) => t.replace('            de\n', '            de: x\n')],
      ['undo', () => base],
    ];
    const opened = calls[calls.length - 1]!.result.root;
    const updated: string[] = [];
    for (const [label, edit] of edits) {
      const next = edit(text);
      assert.notEqual(next, text, label);
      const before = calls.length;
      text = next;
      await client.change(yamlUri, ++version, text);
      assert.deepEqual(essentials(await client.diagnostics(yamlUri)), fresh(text, yamlUri), label);
      if (opened && calls[before]!.result.root === opened) updated.push(label);
    }
    // the version with an unclosed quote is parsed whole (the yaml library reads on past the mapping's lines); it hands
    // on the tree before it, from which the version that mends it is parsed; a key being typed is parsed in its
    // mapping's lines, errors and all (the tree opened, updated in place all along); the undo changes places at once
    assert.deepEqual(updated, ['type in a rule\'s name', 'change a port the rules need', 'mend it', 'shrink the subnet', 'type a key: d', 'type a key: de', 'type a key: de:']);
    await client.close(yamlUri);
  });

  it('starts afresh after the document is closed and opened again', async () => {
    await client.close(uri);
    const count = calls.length;
    await client.open(uri, brokenTemplate(), 'json', 1);
    assert.deepEqual(essentials(await client.diagnostics(uri)), fresh(brokenTemplate()));
    assert.equal(calls[count]!.options.previous, undefined);
  });
});
