import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { activate, open, revert, waitFor, waitForAnalysis, type ApimNetworkApi } from './helpers';

const hoverText = (hovers: vscode.Hover[]): string =>
  hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');

suite('hover and completion', () => {
  let api: ApimNetworkApi;
  suiteSetup(async () => {
    api = await activate();
  });

  test('hover on a service tag explains it and names the APIM flows that need it', async () => {
    const editor = await open('broken-nsg.json');
    await waitForAnalysis(api, editor.document);
    const at = editor.document.positionAt(editor.document.getText().indexOf('"destinationAddressPrefix": "Storage"') + '"destinationAddressPrefix": "'.length + 2);
    const text = await waitFor(async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, at);
      const t = hoverText(hovers ?? []);
      return /Service tag `Storage`/.test(t) ? t : undefined;
    }, 'a hover on Storage');
    assert.match(text, /outbound TCP 443 to Storage/);
  });

  test('hover on a subnet prefix shows its address budget', async () => {
    const editor = await open('broken-nsg.json');
    await waitForAnalysis(api, editor.document);
    const at = editor.document.positionAt(editor.document.getText().indexOf('"10.0.1.0/27"') + 3);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, at);
    assert.match(hoverText(hovers ?? []), /\/27: 32 addresses, 5 reserved, \d+ used by Premium × \d+, \d+ free/);
  });

  test('completion offers service tags in an NSG rule and inserts the chosen one', async () => {
    const editor = await open('broken-nsg.json');
    const doc = editor.document;
    const start = doc.getText().indexOf('"destinationAddressPrefix": "Storage"') + '"destinationAddressPrefix": "'.length;
    const range = new vscode.Range(doc.positionAt(start), doc.positionAt(start + 'Storage'.length));
    await editor.edit((b) => b.replace(range, 'Sto'));
    await waitForAnalysis(api, doc);
    const position = doc.positionAt(start + 3);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, position);
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.includes('Storage'), `Storage among ${labels.slice(0, 10).join(', ')}`);
    assert.ok(labels.includes('ApiManagement'));
    await revert(editor);
  });
});
