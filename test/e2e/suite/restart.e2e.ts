import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { activate, open, revert, waitFor, waitForAnalysis, type ApimNetworkApi } from './helpers';

// The language server lives as long as the editor: when it dies (a crash, an OOM kill), the client
// starts a new one and the open documents are analysed again, with no reload of the window.
suite('server restart', () => {
  let api: ApimNetworkApi;
  suiteSetup(async () => {
    api = await activate();
  });

  test('a killed language server is restarted and analyses the open document again', async () => {
    const editor = await open('broken-nsg.json');
    const doc = editor.document;
    await waitForAnalysis(api, doc);
    const pid = await waitFor(() => api.serverPid(), 'the server process id');
    process.kill(pid, 'SIGKILL');
    const next = await waitFor(() => {
      const p = api.serverPid();
      return p !== undefined && p !== pid ? p : undefined;
    }, 'a new server process', 30_000);
    assert.notEqual(next, pid);
    // an edit after the restart is analysed by the new server (its status names the new version)
    await editor.edit((e) => e.insert(new vscode.Position(0, 1), ' '));
    const status = await waitForAnalysis(api, doc);
    assert.equal(status.version, doc.version);
    assert.equal(status.isTemplate, true);
    assert.ok(status.errors >= 1, `errors after the restart: ${JSON.stringify(status)}`);
    await revert(editor);
  });
});
