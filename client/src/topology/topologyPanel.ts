/**
 * The topology preview panel: a webview beside the editor that follows the active ARM document. The
 * panel relays: it asks the language server for the graph (`apimNetwork/topology`) and posts it to the
 * webview; clicks come back as node/edge ids and are revealed in the editor; exports are saved where
 * the user says. The webview keeps its viewport in its own state; a serializer restores the panel
 * after a window reload.
 */
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  topologyRequestMethod, type ExtensionToWebview, type TopologyGraph, type TopologyParams, type TopologyRange,
} from '../../../common/topology';
import { getTopologyHtml } from './topologyHtml';

export const SHOW_TOPOLOGY_COMMAND = 'apimNetwork.showTopology';
export const TOPOLOGY_VIEW_TYPE = 'apimNetwork.topology';
const ARM_LANGUAGES = new Set(['json', 'jsonc', 'yaml', 'arm-template']);
const REFRESH_DELAY_MS = 300;
/** Context key for the editor-title button: the active editor shows something that looks like an ARM template. */
const ARM_CONTEXT_KEY = 'apimNetwork.armTemplateActive';

/** A cheap look at the start of the text (the server decides for real; this only shows the button). */
export function looksLikeArmTemplate(text: string): boolean {
  const head = text.slice(0, 8192);
  return /deploymentTemplate\.json/i.test(head) || (/["']?\$schema["']?\s*:/.test(head) && /["']?resources["']?\s*:/.test(text.slice(0, 65536)));
}

/** What the e2e tests (through the extension API) can see and do. */
export interface TopologyPreviewApi {
  /** The document shown and its last graph (undefined when no panel is open). */
  current(): { readonly uri: string; readonly graph: TopologyGraph | null } | undefined;
  /** Resolves after the next graph was posted to the webview. */
  nextRender(): Promise<TopologyGraph | null>;
  /** What a click on a node or edge does. */
  reveal(target: { nodeId: string } | { edgeId: string }): Promise<void>;
}

function openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
}

function isArmCandidate(doc: vscode.TextDocument): boolean {
  return ARM_LANGUAGES.has(doc.languageId) && (doc.uri.scheme === 'file' || doc.uri.scheme === 'untitled');
}

class TopologyPreview implements TopologyPreviewApi {
  #panel: vscode.WebviewPanel | undefined;
  #uri: vscode.Uri | undefined;
  #graph: TopologyGraph | null = null;
  /** The document version when #graph was asked for (the server answers for that version or a newer one). */
  #graphVersion: number | undefined;
  #timer: NodeJS.Timeout | undefined;
  #generation = 0;
  #waiters: ((g: TopologyGraph | null) => void)[] = [];
  readonly #panelDisposables: vscode.Disposable[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly client: LanguageClient,
    private readonly ready: Promise<void>,
  ) {}

  current(): { uri: string; graph: TopologyGraph | null } | undefined {
    return this.#panel && this.#uri ? { uri: this.#uri.toString(), graph: this.#graph } : undefined;
  }

  nextRender(): Promise<TopologyGraph | null> {
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  /** The command: a preview of `uri` (the editor-title button passes it) or of the active editor. */
  async show(uri?: vscode.Uri): Promise<void> {
    const target = uri ?? vscode.window.activeTextEditor?.document.uri;
    if (!target) {
      void vscode.window.showInformationMessage('Open an ARM template to see its network topology.');
      return;
    }
    if (this.#panel) {
      this.#panel.reveal(undefined, true);
    } else {
      const panel = vscode.window.createWebviewPanel(TOPOLOGY_VIEW_TYPE, 'APIM Topology', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, this.#options());
      this.#attach(panel);
    }
    this.#uri = target;
    await this.refresh();
  }

  /** Serializer: a panel VS Code recreated after a reload. */
  async restore(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    panel.webview.options = this.#options();
    this.#attach(panel);
    const saved = typeof state === 'object' && state !== null ? (state as { uri?: unknown }).uri : undefined;
    if (typeof saved === 'string') {
      try {
        this.#uri = vscode.Uri.parse(saved, true);
      } catch {
        this.#uri = undefined;
      }
    }
    const active = vscode.window.activeTextEditor?.document;
    if (!this.#uri && active && isArmCandidate(active)) this.#uri = active.uri;
    await this.refresh();
  }

  #options(): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    return {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(this.context.extensionUri, 'dist'), vscode.Uri.joinPath(this.context.extensionUri, 'media')],
    };
  }

  #attach(panel: vscode.WebviewPanel): void {
    this.#panel = panel;
    const webview = panel.webview;
    webview.html = getTopologyHtml({
      cspSource: webview.cspSource,
      nonce: randomBytes(16).toString('hex'),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.context.extensionUri, 'dist', 'webview.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(this.context.extensionUri, 'media', 'topology.css')).toString(),
    });
    this.#panelDisposables.push(
      webview.onDidReceiveMessage((m: unknown) => void this.#onMessage(m)),
      panel.onDidChangeViewState((e) => {
        if (e.webviewPanel.visible) this.schedule(0);
      }),
      panel.onDidDispose(() => this.#detach()),
    );
  }

  #detach(): void {
    this.#panel = undefined;
    this.#uri = undefined;
    this.#graph = null;
    clearTimeout(this.#timer);
    this.#panelDisposables.splice(0).forEach((d) => d.dispose());
  }

  /** The active editor changed: follow it when it shows an ARM template. */
  onActiveEditor(editor: vscode.TextEditor | undefined): void {
    if (!this.#panel || !editor || !isArmCandidate(editor.document)) return;
    if (this.#uri?.toString() === editor.document.uri.toString()) return;
    void this.refresh(editor.document.uri);
  }

  onDocumentChanged(doc: vscode.TextDocument): void {
    if (this.#panel && this.#uri?.toString() === doc.uri.toString()) this.schedule(REFRESH_DELAY_MS);
  }

  schedule(delay: number): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.refresh(), delay);
  }

  /**
   * Asks the server for the graph of `candidate` (a document the user switched to: shown only if it is
   * a template) or of the current document, and posts it.
   */
  async refresh(candidate?: vscode.Uri): Promise<void> {
    const panel = this.#panel;
    const uri = candidate ?? this.#uri;
    if (!panel || !uri) return;
    const generation = ++this.#generation;
    const requestedVersion = openDocument(uri)?.version;
    let graph: TopologyGraph | null = null;
    try {
      await this.ready;
      const params: TopologyParams = { textDocument: { uri: uri.toString() } };
      graph = await this.client.sendRequest<TopologyGraph | null>(topologyRequestMethod, params);
    } catch (e) {
      if (generation !== this.#generation) return;
      this.#post({ type: 'empty', message: `The topology could not be computed: ${e instanceof Error ? e.message : String(e)}` });
      this.#resolve(null);
      return;
    }
    if (generation !== this.#generation || this.#panel !== panel) return;
    if (candidate && !graph) return; // not a template: keep showing the current one
    this.#uri = uri;
    this.#graph = graph;
    this.#graphVersion = requestedVersion;
    const title = path.posix.basename(uri.path);
    panel.title = `Topology: ${title}`;
    if (graph) this.#post({ type: 'graph', graph, title, uri: uri.toString() });
    else this.#post({ type: 'empty', message: `${title} is not an ARM template (or is not open).` });
    this.#resolve(graph);
  }

  #resolve(graph: TopologyGraph | null): void {
    this.#waiters.splice(0).forEach((w) => w(graph));
  }

  #post(m: ExtensionToWebview): void {
    void this.#panel?.webview.postMessage(m);
  }

  async #onMessage(m: unknown): Promise<void> {
    if (typeof m !== 'object' || m === null) return;
    const msg = m as Record<string, unknown>;
    if (msg['type'] === 'ready') await this.refresh();
    else if (msg['type'] === 'reveal') {
      if (typeof msg['nodeId'] === 'string') await this.reveal({ nodeId: msg['nodeId'] });
      else if (typeof msg['edgeId'] === 'string') await this.reveal({ edgeId: msg['edgeId'] });
    } else if (msg['type'] === 'export' && (msg['format'] === 'svg' || msg['format'] === 'png') && typeof msg['data'] === 'string') {
      await this.#save(msg['format'], msg['data']);
    }
  }

  async reveal(target: { nodeId: string } | { edgeId: string }): Promise<void> {
    const uri = this.#uri;
    if (!this.#graph || !uri) return;
    // A click within the refresh delay after an edit: the picture's ranges are for an older text. Fetch the
    // graph of the current text first (ids name resources, so they survive the edit) rather than select
    // the wrong characters.
    if (openDocument(uri)?.version !== this.#graphVersion) {
      clearTimeout(this.#timer);
      await this.refresh();
    }
    const graph = this.#graph;
    if (!graph) return;
    let range: TopologyRange | undefined;
    if ('nodeId' in target) range = graph.nodes.find((n) => n.id === target.nodeId)?.range;
    else range = graph.edges.find((e) => e.id === target.edgeId)?.range;
    if (!range) return;
    const doc = await vscode.workspace.openTextDocument(uri);
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One, preserveFocus: false });
    const sel = new vscode.Selection(doc.positionAt(range.offset), doc.positionAt(range.offset + range.length));
    editor.selection = sel;
    editor.revealRange(sel, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  async #save(format: 'svg' | 'png', data: string): Promise<void> {
    const base = this.#uri ? path.posix.basename(this.#uri.path).replace(/\.[^.]*$/, '') : 'topology';
    const dir = this.#uri?.scheme === 'file' ? vscode.Uri.joinPath(this.#uri, '..') : vscode.workspace.workspaceFolders?.[0]?.uri;
    const name = `${base}.topology.${format}`;
    const target = await vscode.window.showSaveDialog({
      ...(dir ? { defaultUri: vscode.Uri.joinPath(dir, name) } : {}),
      filters: format === 'svg' ? { 'SVG image': ['svg'] } : { 'PNG image': ['png'] },
      saveLabel: `Export ${format.toUpperCase()}`,
    });
    if (!target) return;
    const bytes = format === 'svg' ? Buffer.from(data, 'utf8') : Buffer.from(data, 'base64');
    await vscode.workspace.fs.writeFile(target, bytes);
    void vscode.window.showInformationMessage(`Topology saved to ${vscode.workspace.asRelativePath(target)}.`);
  }

  dispose(): void {
    this.#panel?.dispose();
    this.#detach();
  }
}

/**
 * Registers the command, the serializer and the editor listeners. `ready` resolves when the language
 * client runs (requests wait for it).
 */
export function registerTopologyPreview(context: vscode.ExtensionContext, client: LanguageClient, ready: Promise<void>): { disposable: vscode.Disposable; api: TopologyPreviewApi } {
  const preview = new TopologyPreview(context, client, ready.catch(() => undefined));
  let shown: boolean | undefined;
  const updateContext = (editor: vscode.TextEditor | undefined) => {
    const on = !!editor && isArmCandidate(editor.document) && looksLikeArmTemplate(editor.document.getText(new vscode.Range(0, 0, Math.min(editor.document.lineCount, 2000), 0)));
    if (on !== shown) void vscode.commands.executeCommand('setContext', ARM_CONTEXT_KEY, (shown = on));
  };
  updateContext(vscode.window.activeTextEditor);
  const disposable = vscode.Disposable.from(
    vscode.commands.registerCommand(SHOW_TOPOLOGY_COMMAND, (uri?: unknown) => preview.show(uri instanceof vscode.Uri ? uri : undefined)),
    vscode.window.registerWebviewPanelSerializer(TOPOLOGY_VIEW_TYPE, {
      deserializeWebviewPanel: (panel, state) => preview.restore(panel, state),
    }),
    vscode.window.onDidChangeActiveTextEditor((e) => {
      updateContext(e);
      preview.onActiveEditor(e);
    }),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document === vscode.window.activeTextEditor?.document) updateContext(vscode.window.activeTextEditor);
      preview.onDocumentChanged(e.document);
    }),
    vscode.languages.onDidChangeDiagnostics((e) => {
      const cur = preview.current();
      if (cur && e.uris.some((u) => u.toString() === cur.uri)) preview.schedule(REFRESH_DELAY_MS);
    }),
    preview,
  );
  return { disposable, api: preview };
}
