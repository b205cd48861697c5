import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { activate, apimDiagnostics, open, revert, waitFor, waitForAnalysis, type ApimNetworkApi } from './helpers';

/** Inserts a contributed snippet by name at the cursor, and leaves snippet mode. */
async function insertSnippet(editor: vscode.TextEditor, position: vscode.Position, langId: string, name: string) {
  editor.selection = new vscode.Selection(position, position);
  await vscode.commands.executeCommand('editor.action.insertSnippet', { langId, name });
  await waitFor(() => editor.document.isDirty, `snippet ${name} inserted`);
  await vscode.commands.executeCommand('leaveSnippet');
}

suite('snippets', () => {
  let api: ApimNetworkApi;
  suiteSetup(async () => {
    api = await activate();
  });

  test('apim-nsg-external (JSON) inserts an NSG that passes the linter', async () => {
    const editor = await open('snippet-target.json');
    await waitForAnalysis(api, editor.document);
    await insertSnippet(editor, new vscode.Position(4, 4), 'json', 'apim-nsg-external');
    const text = editor.document.getText();
    assert.match(text, /"AllowApimManagement"/);
    assert.match(text, /"destinationPortRange": "3443"/);
    const parsed = JSON.parse(text) as { resources: { type: string }[] };
    assert.equal(parsed.resources[0]?.type, 'Microsoft.Network/networkSecurityGroups');
    const status = await waitForAnalysis(api, editor.document);
    assert.equal(status.isTemplate, true);
    assert.equal(status.errors, 0, `no error; status bar: ${api.statusText()}`);
    assert.deepEqual(apimDiagnostics(editor.document.uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error), []);
    await revert(editor);
  });

  test('apim-vnet (YAML) inserts a VNet with an APIM subnet', async () => {
    const editor = await open('snippet-target.yaml');
    await insertSnippet(editor, new vscode.Position(3, 2), 'yaml', 'apim-vnet');
    const text = editor.document.getText();
    assert.match(text, /\n {2}- type: "Microsoft.Network\/virtualNetworks"\n {4}apiVersion:/);
    assert.match(text, /addressPrefix: "10\.0\.1\.0\/27"/);
    const status = await waitForAnalysis(api, editor.document);
    assert.equal(status.isTemplate, true);
    assert.equal(status.errors, 0, `no error; status bar: ${api.statusText()}`);
    await revert(editor);
  });
});
