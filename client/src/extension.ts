import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { documentStatusMethod, type DocumentStatus } from '../../common/protocol';
import { createLanguageClient } from './languageClient';
import { StatusBar } from './statusBar';
import { registerTopologyPreview, type TopologyPreviewApi } from './topology/topologyPanel';

let client: LanguageClient | undefined;

/** What `activate` returns: used by the e2e tests (and by nothing else). */
export interface ApimNetworkApi {
  /** Resolves once the language server is running. */
  readonly ready: Promise<void>;
  /** The status bar text for the active editor ('' when hidden). */
  statusText(): string;
  /** The last analysis status the server sent for a document URI. */
  status(uri: string): DocumentStatus | undefined;
  /** The topology preview panel. */
  readonly topology: TopologyPreviewApi;
  /** The process id of the running language server (the e2e test kills it to see it restarted). */
  serverPid(): number | undefined;
}

export function activate(context: vscode.ExtensionContext): ApimNetworkApi {
  const output = vscode.window.createOutputChannel('APIM Network Lint', { log: true });
  const statusBar = new StatusBar();
  context.subscriptions.push(output, statusBar);

  client = createLanguageClient(context, output);
  context.subscriptions.push(
    client.onDidChangeState((e) => {
      statusBar.setServerState(e.newState === State.Running ? 'running' : e.newState === State.Starting ? 'starting' : 'stopped');
    }),
    client.onNotification(documentStatusMethod, (status: DocumentStatus) => statusBar.report(status)),
    vscode.commands.registerCommand('apimNetwork.restartServer', async () => {
      await client?.restart();
    }),
    vscode.commands.registerCommand('apimNetwork.showOutput', () => output.show(true)),
  );
  const ready = client.start().catch((e: unknown) => {
    output.error(`APIM Network Lint: the language server did not start: ${String(e)}`);
    throw e;
  });
  const topology = registerTopologyPreview(context, client, ready);
  context.subscriptions.push(topology.disposable);
  return {
    ready,
    statusText: () => statusBar.text ?? '',
    status: (uri) => statusBar.statusOf(uri),
    topology: topology.api,
    serverPid: () => client?.serverProcess?.pid,
  };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
