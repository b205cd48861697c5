import * as assert from 'node:assert';
import * as vscode from 'vscode';

export const extensionId = 'apim-network-lint.apim-network-lint';

/** What the extension's activate() returns (client/src/extension.ts ApimNetworkApi). */
export interface ApimNetworkApi {
  readonly ready: Promise<void>;
  statusText(): string;
  status(uri: string): { version: number; isTemplate: boolean; errors: number; warnings: number } | undefined;
  serverPid(): number | undefined;
}

/** Waits until the server has analysed the document's current version; returns its status. */
export function waitForAnalysis(api: ApimNetworkApi, doc: vscode.TextDocument) {
  return waitFor(() => {
    const s = api.status(doc.uri.toString());
    return s && s.version === doc.version ? s : undefined;
  }, `analysis of ${doc.uri.path} version ${doc.version}`);
}

export async function activate(): Promise<ApimNetworkApi> {
  const ext = vscode.extensions.getExtension<ApimNetworkApi>(extensionId);
  assert.ok(ext, `extension ${extensionId} is installed`);
  const api = await ext.activate();
  await api.ready;
  return api;
}

/** Polls (never sleeps a fixed time): resolves with the first non-undefined value of `check`. */
export async function waitFor<T>(check: () => T | undefined | Promise<T | undefined>, what: string, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function workspaceFile(rel: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, rel);
}

export const codeOf = (d: vscode.Diagnostic): string | undefined =>
  typeof d.code === 'object' ? String(d.code.value) : d.code === undefined ? undefined : String(d.code);

/** Our diagnostics for `uri`, optionally of one rule. */
export function apimDiagnostics(uri: vscode.Uri, ruleId?: string): vscode.Diagnostic[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === 'apim-network' && (ruleId === undefined || codeOf(d) === ruleId));
}

/** Waits until `uri` has exactly `count` diagnostics of `ruleId`, returns them. */
export function waitForDiagnostics(uri: vscode.Uri, ruleId: string, count: number, ms?: number): Promise<vscode.Diagnostic[]> {
  return waitFor(
    () => {
      const d = apimDiagnostics(uri, ruleId);
      return d.length === count ? d : undefined;
    },
    `${count} ${ruleId} diagnostic(s) on ${uri.path}`,
    ms,
  );
}

export async function open(rel: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(workspaceFile(rel));
  return vscode.window.showTextDocument(doc);
}

/** Puts the document back as it is on disk (tests share the workspace). */
export async function revert(editor: vscode.TextEditor): Promise<void> {
  await vscode.window.showTextDocument(editor.document);
  await vscode.commands.executeCommand('workbench.action.files.revert');
}
