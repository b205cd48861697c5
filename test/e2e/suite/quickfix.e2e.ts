import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { activate, open, revert, waitForDiagnostics } from './helpers';

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

  test('"Disable <rule> for this line" writes the comment and silences the finding', async () => {
    const editor = await open('broken-nsg.json');
    const uri = editor.document.uri;
    const [d] = await waitForDiagnostics(uri, 'nsg-required-port', 1);
    const actions = await quickFixes(uri, d!.range);
    const disable = actions.find((a) => a.title === 'Disable nsg-required-port for this line');
    assert.ok(disable?.edit);
    assert.ok(await vscode.workspace.applyEdit(disable.edit));
    await waitForDiagnostics(uri, 'nsg-required-port', 0);
    const line = editor.document.lineAt(d!.range.start.line).text;
    assert.match(line, /^\s*\/\/ apim-network-disable-next-line nsg-required-port$/);
    await revert(editor);
    await waitForDiagnostics(uri, 'nsg-required-port', 1);
  });
});
