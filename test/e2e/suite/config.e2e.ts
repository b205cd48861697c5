import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { activate, apimDiagnostics, open, waitFor, waitForDiagnostics, workspaceFile } from './helpers';

suite('apim-network.json', () => {
  suiteSetup(async () => {
    await activate();
  });

  test('writing apim-network.json changes the diagnostics of an open template, removing it restores them', async () => {
    const editor = await open('broken-nsg.json');
    const uri = editor.document.uri;
    const [before] = await waitForDiagnostics(uri, 'nsg-required-port', 1);
    assert.equal(before!.severity, vscode.DiagnosticSeverity.Error);
    const config = workspaceFile('apim-network.json');
    try {
      await vscode.workspace.fs.writeFile(config, Buffer.from('{ "rules": { "nsg-required-port": "warning" } }\n'));
      await waitFor(() => apimDiagnostics(uri, 'nsg-required-port')[0]?.severity === vscode.DiagnosticSeverity.Warning, 'the level from apim-network.json');
      await vscode.workspace.fs.writeFile(config, Buffer.from('{ "rules": { "nsg-required-port": "off" } }\n'));
      await waitFor(() => apimDiagnostics(uri, 'nsg-required-port').length === 0, 'the rule turned off by apim-network.json');
    } finally {
      await vscode.workspace.fs.delete(config);
    }
    await waitFor(() => apimDiagnostics(uri, 'nsg-required-port')[0]?.severity === vscode.DiagnosticSeverity.Error, 'the default level again');
  });
});
