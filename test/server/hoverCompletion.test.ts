/** Hovers and completion over LSP, on the cached analysis of the document version the client holds. */
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { CompletionRequest, HoverRequest, type CompletionList, type Hover, type MarkupContent } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { startTestServer, type TestClient } from './lspClient';
import { brokenTemplate, yamlNoNsg } from './templates';

const uri = 'file:///virtual/hover.json';

describe('hover and completion over LSP', () => {
  let client: TestClient;
  before(async () => {
    client = await startTestServer({ settings: { '*': {} } });
  });
  after(() => client.dispose());

  const hover = async (u: string, text: string, needle: string, lang = 'json') => {
    const doc = TextDocument.create(u, lang, 1, text);
    const at = doc.positionAt(text.indexOf(needle) + 2);
    return (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: u }, position: at })) as Hover | null;
  };

  it('explains a service tag, with the APIM flows that need it', async () => {
    const text = brokenTemplate();
    await client.open(uri, text);
    const h = await hover(uri, text, '"ApiManagement"');
    assert.ok(h);
    const md = (h.contents as MarkupContent).value;
    assert.equal((h.contents as MarkupContent).kind, 'markdown');
    assert.match(md, /Service tag `ApiManagement`/);
    assert.match(md, /3443/);
    assert.ok(h.range, 'range of the tag');
  });

  it('shows a subnet budget on its prefix', async () => {
    const text = brokenTemplate();
    const prefix = /"addressPrefix": "([^"]+)"/.exec(text)![1]!;
    const h = await hover(uri, text, `"${prefix}"`);
    assert.ok(h);
    assert.match((h.contents as MarkupContent).value, /addresses, 5 reserved, \d+ used by Premium × \d+, \d+ free/);
  });

  it('returns nothing off the known nodes', async () => {
    const text = brokenTemplate();
    assert.equal(await hover(uri, text, '"contentVersion"'), null);
  });

  it('completes service tags in an address prefix, as a JSON string edit', async () => {
    const text = brokenTemplate().replace('"destinationAddressPrefix": "Storage"', '"destinationAddressPrefix": "Sto"');
    await client.change(uri, 2, text);
    const doc = TextDocument.create(uri, 'json', 2, text);
    const position = doc.positionAt(text.indexOf('"Sto"') + 4);
    const list = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position })) as CompletionList;
    const storage = list.items.find((i) => i.label === 'Storage');
    assert.ok(storage, 'Storage offered');
    assert.ok(list.items.some((i) => i.label === 'Storage.WestEurope'), 'regional form for the instance region');
    const edit = storage.textEdit as { range: { start: { character: number }; end: { character: number } }; newText: string };
    assert.equal(edit.newText, 'Storage');
    assert.equal(edit.range.end.character - edit.range.start.character, 3);
  });

  it('completes YAML enum values without quotes', async () => {
    const u = 'file:///virtual/c.yaml';
    const text = yamlNoNsg.replace(/virtualNetworkType: \w+/, 'virtualNetworkType: ');
    await client.open(u, text, 'yaml');
    const doc = TextDocument.create(u, 'yaml', 1, text);
    const position = doc.positionAt(text.indexOf('virtualNetworkType: ') + 'virtualNetworkType: '.length);
    const list = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: u }, position })) as CompletionList;
    assert.deepEqual(list.items.map((i) => i.label), ['None', 'External', 'Internal']);
    assert.equal((list.items[1]!.textEdit as { newText: string }).newText, 'External');
  });
});
