import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { activate, apimDiagnostics, open, revert, waitFor, waitForAnalysis, waitForDiagnostics, workspaceFile } from './helpers';

async function quickFixes(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
    'vscode.executeCodeActionProvider',
    uri,
    range,
    vscode.CodeActionKind.QuickFix.value,
  );
  return actions.filter((a): a is vscode.CodeAction => 'edit' in a || 'kind' in a);
}

suite('quick fixes', () => {
  suiteSetup(async () => {
    await activate();
  });

  test('the finding fix is offered, applies, and the diagnostic goes away', async () => {
    const editor = await open('broken-nsg.json');
    const uri = editor.document.uri;
    const [d] = await waitForDiagnostics(uri, 'nsg-required-port', 1);
    const actions = await quickFixes(uri, d!.range);
    const fix = actions.find((a) => /^Add an Allow rule/.test(a.title));
    assert.ok(fix?.edit, `a fix among: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    await waitForDiagnostics(uri, 'nsg-required-port', 0);
    const text = editor.document.getText();
    assert.equal(text.match(/"3443"/g)?.length, 2, 'an Allow rule for 3443 was inserted beside the Deny one');
    await revert(editor);
    await waitForDiagnostics(uri, 'nsg-required-port', 1);
  });

  test('after a keystroke that leaves the diagnostics as they were (an "unchanged" report), the fix is still offered', async () => {
    const api = await activate();
    const editor = await open('broken-nsg.json');
    const uri = editor.document.uri;
    const [before] = await waitForDiagnostics(uri, 'nsg-required-port', 1);
    // a space at the end of the first line: no diagnostic moves, so the server answers the pull "unchanged"
    assert.ok(await editor.edit((e) => e.insert(editor.document.lineAt(0).range.end, ' ')));
    await waitForAnalysis(api, editor.document);
    const [held] = apimDiagnostics(uri, 'nsg-required-port');
    assert.ok(held && held.range.isEqual(before!.range), 'the diagnostic stays where it was');
    const fix = await waitFor(async () => (await quickFixes(uri, held.range)).find((a) => /^Add an Allow rule/.test(a.title)), 'the fix on the kept diagnostic');
    assert.ok(fix.edit);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    await waitForDiagnostics(uri, 'nsg-required-port', 0);
    await revert(editor);
    await waitForDiagnostics(uri, 'nsg-required-port', 1);
  });

  test('"Disable <rule> for this line" writes the comment and silences the finding (jsonc)', async () => {
    const opened = await open('broken-nsg.json');
    // As a jsonc document (comments allowed): the line comment is the way to disable.
    const doc = await vscode.languages.setTextDocumentLanguage(opened.document, 'jsonc');
    const editor = await vscode.window.showTextDocument(doc);
    const uri = doc.uri;
    try {
      const [d] = await waitForDiagnostics(uri, 'nsg-required-port', 1);
      const actions = await quickFixes(uri, d!.range);
      const disable = actions.find((a) => a.title === 'Disable nsg-required-port for this line');
      assert.ok(disable?.edit, actions.map((a) => a.title).join(' | '));
      assert.ok(await vscode.workspace.applyEdit(disable.edit));
      await waitForDiagnostics(uri, 'nsg-required-port', 0);
      const line = editor.document.lineAt(d!.range.start.line).text;
      assert.match(line, /^\s*\/\/ apim-network-disable-next-line nsg-required-port$/);
      await revert(editor);
    } finally {
      await vscode.languages.setTextDocumentLanguage(editor.document, 'json');
    }
    await waitForDiagnostics(uri, 'nsg-required-port', 1);
  });

  test('in a json document (comments flagged there) it is "Disable <rule> in apim-network.json" instead', async () => {
    const editor = await open('broken-nsg.json');
    assert.equal(editor.document.languageId, 'json');
    const uri = editor.document.uri;
    const [d] = await waitForDiagnostics(uri, 'nsg-required-port', 1);
    const actions = await quickFixes(uri, d!.range);
    assert.ok(!actions.some((a) => /for this line/.test(a.title)), actions.map((a) => a.title).join(' | '));
    const disable = actions.find((a) => a.title === 'Disable nsg-required-port in apim-network.json');
    assert.ok(disable?.edit, actions.map((a) => a.title).join(' | '));
    const config = workspaceFile('apim-network.json');
    try {
      assert.ok(await vscode.workspace.applyEdit(disable.edit));
      // Created from the starter with the rule off; it applies as soon as it is written, saved or not.
      await waitForDiagnostics(uri, 'nsg-required-port', 0);
      const written = vscode.workspace.textDocuments.find((t) => t.uri.toString() === config.toString());
      assert.ok(written, 'the configuration file is open');
      assert.match(written.getText(), /"nsg-required-port": "off"/);
      assert.ok(!/apim-network-disable/.test(editor.document.getText()), 'the template is untouched');
      await vscode.window.showTextDocument(written);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    } finally {
      await vscode.workspace.fs.delete(config).then(undefined, () => undefined);
    }
    await waitForDiagnostics(uri, 'nsg-required-port', 1);
  });
});
