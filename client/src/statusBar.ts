import * as vscode from 'vscode';
import type { DocumentStatus } from '../../common/protocol';

/** "APIM: 2 errors" for the active ARM template; hidden for every other editor. */
export class StatusBar implements vscode.Disposable {
  readonly #item = vscode.window.createStatusBarItem('apimNetwork.status', vscode.StatusBarAlignment.Right, 100);
  readonly #status = new Map<string, DocumentStatus>();
  readonly #subscriptions: vscode.Disposable[] = [];
  #serverState: 'starting' | 'running' | 'stopped' = 'starting';

  constructor() {
    this.#item.name = 'APIM Network Lint';
    this.#item.command = 'workbench.actions.view.problems';
    this.#subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.workspace.onDidCloseTextDocument((d) => this.#status.delete(d.uri.toString())),
    );
  }

  setServerState(state: 'starting' | 'running' | 'stopped'): void {
    this.#serverState = state;
    this.update();
  }

  report(status: DocumentStatus): void {
    this.#status.set(status.uri, status);
    this.update();
  }

  /** The last status the server sent for `uri`. */
  statusOf(uri: string): DocumentStatus | undefined {
    return this.#status.get(uri);
  }

  /** The text shown, '' when hidden. */
  get text(): string | undefined {
    return this.#item.text || undefined;
  }

  update(): void {
    const editor = vscode.window.activeTextEditor;
    const status = editor ? this.#status.get(editor.document.uri.toString()) : undefined;
    if (!status || !status.isTemplate) {
      this.#item.hide();
      this.#item.text = '';
      return;
    }
    if (this.#serverState === 'stopped') {
      this.#item.text = '$(error) APIM: server stopped';
    } else if (status.disabled) {
      this.#item.text = '$(circle-slash) APIM: off';
    } else {
      const parts = [plural(status.errors, 'error'), plural(status.warnings, 'warning')].filter(Boolean);
      const icon = status.errors > 0 ? '$(error)' : status.warnings > 0 ? '$(warning)' : '$(check)';
      this.#item.text = `${icon} APIM: ${parts.length ? parts.join(', ') : 'no problems'}`;
    }
    this.#item.tooltip = `APIM Network Lint: ${status.errors} errors, ${status.warnings} warnings, ${status.infos} infos, ${status.hints} hints`;
    this.#item.show();
  }

  dispose(): void {
    this.#subscriptions.forEach((s) => s.dispose());
    this.#item.dispose();
  }
}

function plural(n: number, word: string): string {
  return n === 0 ? '' : `${n} ${word}${n === 1 ? '' : 's'}`;
}
