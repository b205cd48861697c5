import * as assert from 'node:assert';
import * as vscode from 'vscode';
import {
  activate,
  apimDiagnostics,
  codeOf,
  open,
  revert,
  waitFor,
  waitForDiagnostics,
  workspaceFile,
  type ApimNetworkApi,
} from './helpers';

suite('diagnostics', () => {
  let api: ApimNetworkApi;
  suiteSetup(async () => {
    api = await activate();
  });

  test('an ARM template gets diagnostics on open, with rule id, docs link and status bar', async () => {
    const editor = await open('broken-nsg.json');
    const [d] = await waitForDiagnostics(editor.document.uri, 'nsg-required-port', 1);
    assert.equal(d!.severity, vscode.DiagnosticSeverity.Error);
    assert.match(d!.message, /3443/);
    assert.equal(codeOf(d!), 'nsg-required-port');
    const target = typeof d!.code === 'object' ? d!.code.target.toString() : '';
    assert.match(target, /docs\/rules\/nsg-required-port\.md$/);
    // The page shipped in the .vsix (opens in the editor, offline), not the web.
    assert.equal(typeof d!.code === 'object' ? d!.code.target.scheme : '', 'file', target);
    assert.ok(d!.relatedInformation && d!.relatedInformation.length > 0, 'related information');
    await waitFor(() => /APIM: 1 error/.test(api.statusText()), `status bar "APIM: 1 error" (is "${api.statusText()}")`);
  });

  test('an edit updates the diagnostics', async () => {
    const editor = await open('broken-nsg.json');
    const uri = editor.document.uri;
    await waitForDiagnostics(uri, 'nsg-required-port', 1);
    const text = editor.document.getText();
    const at = text.indexOf('"access": "Deny"') + '"access": '.length;
    assert.ok(at > 20);
    const range = new vscode.Range(editor.document.positionAt(at), editor.document.positionAt(at + 6));
    assert.ok(await editor.edit((b) => b.replace(range, '"Allow"')));
    await waitForDiagnostics(uri, 'nsg-required-port', 0);
    await waitFor(() => /APIM: no problems|APIM: \d+ warning/.test(api.statusText()), 'status bar without errors');
    await revert(editor);
    await waitForDiagnostics(uri, 'nsg-required-port', 1);
  });

  test('a YAML template gets diagnostics too', async () => {
    const editor = await open('no-nsg.yaml');
    const [d] = await waitForDiagnostics(editor.document.uri, 'nsg-missing', 1);
    assert.equal(d!.severity, vscode.DiagnosticSeverity.Error);
  });

  test('a JSON file that is not an ARM template gets none', async () => {
    const editor = await open('not-arm.json');
    // The server answers requests in order: once it answered this one, it has seen the document.
    await vscode.commands.executeCommand('vscode.executeCodeActionProvider', editor.document.uri, new vscode.Range(0, 0, 1, 0));
    const end = Date.now() + 1500;
    while (Date.now() < end) {
      assert.deepEqual(apimDiagnostics(editor.document.uri), []);
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(api.statusText(), '', 'no status bar item for a non-ARM file');
  });

  test('apimNetwork.rules applies without a reload', async () => {
    const editor = await open('broken-nsg.json');
    const uri = editor.document.uri;
    await waitForDiagnostics(uri, 'nsg-required-port', 1);
    const config = vscode.workspace.getConfiguration('apimNetwork', uri);
    await config.update('rules', { 'nsg-required-port': 'off' }, vscode.ConfigurationTarget.Workspace);
    try {
      await waitForDiagnostics(uri, 'nsg-required-port', 0);
    } finally {
      await config.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitForDiagnostics(uri, 'nsg-required-port', 1);
  });

  test('a change of the parameter file on disk re-analyses the template', async () => {
    const editor = await open('params/apim.json');
    const uri = editor.document.uri;
    await waitForDiagnostics(uri, 'nsg-required-port', 1);
    const params = workspaceFile('params/apim.parameters.json');
    const original = await vscode.workspace.fs.readFile(params);
    const allow = Buffer.from(original).toString('utf8').replace('"Deny"', '"Allow"');
    await vscode.workspace.fs.writeFile(params, Buffer.from(allow, 'utf8'));
    try {
      await waitForDiagnostics(uri, 'nsg-required-port', 0);
    } finally {
      await vscode.workspace.fs.writeFile(params, original);
    }
    await waitForDiagnostics(uri, 'nsg-required-port', 1);
  });
});
