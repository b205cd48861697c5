/**
 * A fake LSP client for protocol tests: starts the server in-process over two PassThrough streams
 * (vscode-languageserver-node's connection tests do the same) and answers the server's requests
 * (workspace/configuration from `settings`, registrations, diagnostic refreshes).
 */
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import {
  CodeActionRequest,
  CodeActionResolveRequest,
  ConfigurationRequest,
  createConnection,
  createProtocolConnection,
  DiagnosticRefreshRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  FileChangeType,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  ProposedFeatures,
  RegistrationRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type CodeAction,
  type Command,
  type Diagnostic,
  type FileEvent,
  type ProtocolConnection,
  type Range,
} from 'vscode-languageserver/node';
import { documentStatusMethod, type DocumentStatus } from '../../common/protocol';
import { startServer, type ServerOptions } from '../../server/src/server';

export const fullCapabilities: ClientCapabilities = {
  textDocument: {
    synchronization: { dynamicRegistration: false },
    diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
    publishDiagnostics: { relatedInformation: true },
    codeAction: {
      codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } },
      resolveSupport: { properties: ['edit'] },
      dataSupport: true,
    },
  },
  workspace: {
    configuration: true,
    workspaceFolders: true,
    workspaceEdit: { documentChanges: true },
    diagnostics: { refreshSupport: true },
    didChangeWatchedFiles: { dynamicRegistration: true },
    didChangeConfiguration: { dynamicRegistration: true },
  },
};

export interface TestClient {
  readonly connection: ProtocolConnection;
  /** `apimNetwork` section per scope URI (or for all when the map has '*'). */
  settings: Record<string, unknown>;
  readonly refreshes: number;
  /** The methods the server registered dynamically (client/registerCapability). */
  readonly registrations: string[];
  readonly logs: string[];
  readonly statuses: DocumentStatus[];
  readonly pushed: Map<string, Diagnostic[]>;
  /** Resolves on the next workspace/diagnostic/refresh from the server. */
  nextRefresh(): Promise<void>;
  open(uri: string, text: string, languageId?: string, version?: number): Promise<void>;
  change(uri: string, version: number, text: string): Promise<void>;
  close(uri: string): Promise<void>;
  diagnostics(uri: string): Promise<Diagnostic[]>;
  codeActions(uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<(Command | CodeAction)[]>;
  resolve(action: CodeAction): Promise<CodeAction>;
  configurationChanged(): Promise<void>;
  filesChanged(...uris: string[]): Promise<void>;
  dispose(): void;
}

export async function startTestServer(
  opts: { folder?: string; capabilities?: ClientCapabilities; settings?: Record<string, unknown>; server?: ServerOptions; initializationOptions?: unknown } = {},
): Promise<TestClient> {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const serverConnection = createConnection(
    ProposedFeatures.all,
    new StreamMessageReader(toServer),
    new StreamMessageWriter(toClient),
  );
  startServer(serverConnection, opts.server);
  serverConnection.listen();

  const connection = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  let refreshes = 0;
  let waiters: (() => void)[] = [];
  const logs: string[] = [];
  const registrations: string[] = [];
  const statuses: DocumentStatus[] = [];
  const pushed = new Map<string, Diagnostic[]>();
  const client: TestClient = {
    connection,
    settings: opts.settings ?? {},
    get refreshes() {
      return refreshes;
    },
    registrations,
    logs,
    statuses,
    pushed,
    nextRefresh: () => new Promise((resolve) => waiters.push(resolve)),
    open: async (uri, text, languageId = 'json', version = 1) =>
      connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } }),
    change: async (uri, version, text) =>
      connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version },
        contentChanges: [{ text }],
      }),
    close: async (uri) => connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } }),
    diagnostics: async (uri) => {
      const report = await connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
      if (report.kind !== 'full') throw new Error(`expected a full report, got ${report.kind}`);
      return report.items;
    },
    codeActions: async (uri, range, diagnostics, only) =>
      (await connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri },
        range,
        context: { diagnostics, ...(only ? { only } : {}) },
      })) ?? [],
    resolve: (action) => connection.sendRequest(CodeActionResolveRequest.type, action),
    configurationChanged: async () =>
      connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { apimNetwork: client.settings['*'] } }),
    filesChanged: async (...uris) =>
      connection.sendNotification(DidChangeWatchedFilesNotification.type, {
        changes: uris.map((uri): FileEvent => ({ uri, type: FileChangeType.Changed })),
      }),
    dispose: () => {
      connection.dispose();
      serverConnection.dispose();
      toServer.end();
      toClient.end();
    },
  };
  connection.onRequest(ConfigurationRequest.type, (params) =>
    params.items.map((item) => (item.scopeUri && item.scopeUri in client.settings ? client.settings[item.scopeUri] : client.settings['*']) ?? null),
  );
  connection.onRequest(RegistrationRequest.type, (params) => {
    registrations.push(...params.registrations.map((r) => r.method));
  });
  connection.onRequest(DiagnosticRefreshRequest.type, () => {
    refreshes++;
    const w = waiters;
    waiters = [];
    w.forEach((resolve) => resolve());
  });
  connection.onNotification(LogMessageNotification.type, (p) => {
    logs.push(p.message);
  });
  connection.onNotification(documentStatusMethod, (s: DocumentStatus) => {
    statuses.push(s);
  });
  connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: Diagnostic[] }) => {
    pushed.set(p.uri, p.diagnostics);
  });
  connection.listen();

  const folder = opts.folder ? pathToFileURL(opts.folder).toString() : null;
  await connection.sendRequest(InitializeRequest.type, {
    processId: null,
    rootUri: folder,
    workspaceFolders: folder ? [{ uri: folder, name: 'ws' }] : null,
    capabilities: opts.capabilities ?? fullCapabilities,
    ...(opts.initializationOptions !== undefined ? { initializationOptions: opts.initializationOptions } : {}),
  });
  await connection.sendNotification(InitializedNotification.type, {});
  return client;
}

/** Polls until `check` returns a value (not undefined) or the time is up. */
export async function waitFor<T>(check: () => T | undefined | Promise<T | undefined>, what: string, ms = 3000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
