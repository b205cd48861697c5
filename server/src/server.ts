import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisCache, type VersionedDocument } from './analysisCache';
import type { Analysis, ClientSupport, ServerContext } from './context';
import { analyzeText, docsUrl, isConfigFile, mergeLevels, type AnalysisResult, type AnalyzeOptions, type ReusableTree } from './core/index';
import { ConfigResolver, configParameterFile, isIgnored } from './node/configResolver';
import { isRegularFile, readRegularFile } from './node/readFile';
import { DiskTexts, watchedJsonFile } from './node/diskTexts';
import { fixAllKind, registerCodeActions } from './handlers/codeActions';
import { registerConfigDiagnostics } from './handlers/configDiagnostics';
import { registerConfiguration } from './handlers/configuration';
import { registerDiagnostics } from './handlers/diagnostics';
import { DiagnosticReports } from './handlers/diagnosticReports';
import { completionTriggers, registerCompletion } from './handlers/completion';
import { registerHover } from './handlers/hover';
import { registerParameterFiles } from './handlers/parameterFiles';
import { registerTopology } from './handlers/topology';
import { parameterFileFor, sameFile, toPath } from './parameterFiles';
import { toLevels } from './settings';
import { SettingsStore } from './settingsStore';

export interface ServerOptions {
  /** The engine (tests may wrap it to count calls). */
  readonly analyze?: (text: string, options: AnalyzeOptions) => AnalysisResult;
}

/**
 * Wires the APIM network linter to an LSP connection: documents, settings, the shared analysis cache and one
 * handler per feature. Transport-agnostic, so tests run it in-process over streams.
 */
export function startServer(connection: Connection, options: ServerOptions = {}): ServerContext {
  const analyze = options.analyze ?? analyzeText;
  const documents = new TextDocuments(TextDocument);
  const settings = new SettingsStore(connection);
  const support: ClientSupport = {
    pullDiagnostics: false,
    diagnosticRefresh: false,
    relatedInformation: false,
    configuration: false,
    watchedFilesRegistration: false,
    configurationRegistration: false,
    versionedDocumentChanges: false,
    codeActionResolve: false,
    createFiles: false,
  };
  const workspaceFolders: string[] = [];
  let workspaceFoldersSupported = false;
  /** template URI → the parameter file its last analysis paired with it. */
  const parameterFileOf = new Map<string, string>();

  const diskTexts = new DiskTexts(
    // Regular files only: a parameter file that is a FIFO would otherwise hold a thread of the pool forever.
    (file) => readRegularFile(file).then((b) => b.toString('utf8'), () => undefined),
    (file) => watchedJsonFile(file, workspaceFolders),
  );
  const readText = async (uri: string): Promise<string | undefined> => {
    const open = documents.all().find((d) => sameFile(d.uri, uri));
    if (open) return open.getText();
    const file = toPath(uri);
    return file ? diskTexts.get(file) : undefined;
  };

  const compute = async (d: VersionedDocument): Promise<Analysis> => {
    const doc = d as TextDocument;
    // TextDocuments updates documents in place: take the text and version before the first await.
    const { uri, version, languageId } = doc;
    const text = doc.getText();
    const s = await settings.get(uri);
    if (!s.enable) return { uri, version, settings: s, result: undefined };
    // apim-network.json (nearest above the file) first; the editor settings apply on top of it.
    const filePath = toPath(uri);
    const config = filePath ? configs.forFile(filePath) : undefined;
    // Its problems reach the Problems panel even while it is closed (a misspelt rule id silently does not apply).
    if (config) configDiagnostics.seen(config);
    if (filePath && isIgnored(config, filePath)) return { uri, version, settings: s, result: undefined };
    const parameterFile = parameterFileFor(uri, s.parameterFiles, workspaceFolders, filePath ? configParameterFile(config, filePath) : undefined);
    if (parameterFile) parameterFileOf.set(uri, parameterFile);
    else parameterFileOf.delete(uri);
    const parametersText = parameterFile ? await readText(parameterFile) : undefined;
    const format = languageId === 'yaml' || /\.ya?ml$/i.test(uri) ? 'yaml' : 'json';
    // An apim-network.json being edited sets its own config-invalid level (from its current text, not
    // from disk); only the settings apply on top of it.
    const isConfig = isConfigFile(uri);
    const maxFileSize = s.maxFileSize ?? config?.config.maxFileSize;
    const resourceGroupLocation = s.resourceGroupLocation ?? config?.config.resourceGroupLocation;
    const options: AnalyzeOptions = {
      uri,
      format,
      levels: isConfig ? toLevels(s.rules) : { ...mergeLevels(config?.config), ...toLevels(s.rules) },
      ...(maxFileSize !== undefined
        ? { maxFileSize, maxFileSizeSource: s.maxFileSize !== undefined ? 'apimNetwork.maxFileSize' : `maxFileSize in ${config!.file}` }
        : {}),
      ...(parametersText !== undefined && parameterFile ? { parameters: { text: parametersText, uri: parameterFile } } : {}),
      ...(resourceGroupLocation !== undefined ? { resourceGroupLocation } : {}),
    };
    const reanalyze = (t: string) => analyze(t, options).findings;
    let result: AnalysisResult | undefined;
    // The tree of the last analysis of this document, updated to this text where the edit allows (a keystroke
    // then parses one object again, not the document). Taken here, after the last await, and only by the same or
    // a later version: an older version analysed late (its parameter file read after a newer one's) parses
    // afresh rather than move the newer version's tree back to its own text.
    const kept = previousTrees.get(uri);
    const previous = kept && kept.version <= version ? kept.tree : undefined;
    if (previous) previousTrees.delete(uri);
    try {
      result = analyze(text, previous ? { ...options, previous } : options);
      // what is still kept is a later version's
      if (result.reusable && !previousTrees.has(uri)) previousTrees.set(uri, { version, tree: result.reusable });
    } catch (e) {
      connection.console.error(`analysis of ${uri} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      result = undefined; // silent, as for a document that is not a template
    }
    return { uri, version, settings: s, result, reanalyze, ...(parameterFile ? { parameterFile } : {}) };
  };
  /** uri → the tree its newest analysis parsed and that version, for the next version's parse (AnalyzeOptions.previous). */
  const previousTrees = new Map<string, { readonly version: number; readonly tree: ReusableTree }>();
  const cache = new AnalysisCache<Analysis>(compute);
  let docsLink: (ruleId: string) => string = docsUrl;
  // An open apim-network.json applies as the user sees it (unsaved edits included, e.g. a quick fix's).
  const configs = new ConfigResolver([], (file) => {
    const open = documents.all().find((d) => isConfigFile(d.uri) && sameFile(d.uri, pathToFileURL(file).toString()));
    return open?.getText();
  });

  let publish: (uri: string) => void = () => {};
  const rereport = (uris: readonly string[]) => {
    if (support.pullDiagnostics) {
      if (support.diagnosticRefresh) void connection.languages.diagnostics.refresh();
    } else uris.forEach((u) => publish(u));
  };
  // The connection keeps one handler per notification (a second onInitialized replaces the first): the
  // handlers register theirs here and one connection handler runs them all.
  const initialized: (() => void)[] = [];
  connection.onInitialized(() => initialized.forEach((run) => run()));
  const ctx: ServerContext = {
    connection,
    onInitialized: (run) => initialized.push(run),
    documents,
    cache,
    reports: new DiagnosticReports(),
    diskTexts,
    support,
    workspaceFolders,
    settingsFor: (uri) => settings.get(uri),
    clearSettings: (pushed) => settings.reset(pushed),
    refreshAll: () => {
      cache.clear();
      rereport(documents.all().map((d) => d.uri));
    },
    refresh: (uris) => {
      uris.forEach((u) => cache.invalidate(u));
      rereport(uris);
    },
    configChanged: (uris) => {
      configs.invalidate();
      ctx.refreshAll();
      configDiagnostics.changed(uris);
    },
    docsLink: (ruleId) => docsLink(ruleId),
    configFor: (file) => configs.forFile(file),
    configRootFor: (file) => configs.rootFor(file),
    templatesUsing: (parameterFile) =>
      [...parameterFileOf].filter(([t, p]) => sameFile(p, parameterFile) && documents.get(t)).map(([t]) => t),
  };

  connection.onInitialize((params): InitializeResult => {
    const caps = params.capabilities;
    support.pullDiagnostics = !!caps.textDocument?.diagnostic;
    support.diagnosticRefresh = !!caps.workspace?.diagnostics?.refreshSupport;
    support.relatedInformation =
      !!caps.textDocument?.publishDiagnostics?.relatedInformation || !!caps.textDocument?.diagnostic?.relatedInformation;
    support.configuration = settings.canAsk = !!caps.workspace?.configuration;
    support.watchedFilesRegistration = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    support.configurationRegistration = !!caps.workspace?.didChangeConfiguration?.dynamicRegistration;
    support.versionedDocumentChanges = !!caps.workspace?.workspaceEdit?.documentChanges;
    workspaceFoldersSupported = !!caps.workspace?.workspaceFolders;
    support.codeActionResolve = !!caps.textDocument?.codeAction?.resolveSupport?.properties.includes('edit');
    support.createFiles = !!caps.workspace?.workspaceEdit?.resourceOperations?.includes('create');
    docsLink = bundledDocs(params.initializationOptions);
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    workspaceFolders.splice(0, workspaceFolders.length, ...folders);
    configs.setBoundaries(folders.map(toPath).filter((p): p is string => !!p));
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        ...(support.pullDiagnostics
          ? { diagnosticProvider: { identifier: 'apim-network', interFileDependencies: true, workspaceDiagnostics: false } }
          : {}),
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, fixAllKind], resolveProvider: true },
        hoverProvider: true,
        completionProvider: { triggerCharacters: completionTriggers },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'apim-network-lint' },
    };
  });
  ctx.onInitialized(() => {
    if (!workspaceFoldersSupported) return;
    connection.workspace.onDidChangeWorkspaceFolders((e) => {
      const removed = new Set(e.removed.map((f) => f.uri));
      const kept = workspaceFolders.filter((f) => !removed.has(f));
      workspaceFolders.splice(0, workspaceFolders.length, ...kept, ...e.added.map((f) => f.uri));
      configs.setBoundaries(workspaceFolders.map(toPath).filter((p): p is string => !!p));
      diskTexts.clear(); // which files the watchers cover changed
      ctx.refreshAll();
    });
  });
  documents.onDidClose((e) => {
    cache.invalidate(e.document.uri);
    previousTrees.delete(e.document.uri);
    settings.forget(e.document.uri);
    parameterFileOf.delete(e.document.uri);
  });

  publish = registerDiagnostics(ctx).publish;
  const configDiagnostics = registerConfigDiagnostics(ctx);
  registerCodeActions(ctx);
  registerHover(ctx);
  registerCompletion(ctx);
  registerConfiguration(ctx);
  registerParameterFiles(ctx);
  registerTopology(ctx);
  documents.listen(connection);
  return ctx;
}

/**
 * `initializationOptions.docsFolder`: the folder of the rule pages shipped with the extension (docs/rules in the
 * .vsix). When it holds the pages, diagnostics link to them as file: URIs: they open in the editor, offline.
 * Otherwise (another client, a folder that is not there) the web pages.
 */
export function bundledDocs(initializationOptions: unknown): (ruleId: string) => string {
  const folder = (initializationOptions as { docsFolder?: unknown } | null | undefined)?.docsFolder;
  if (typeof folder !== 'string' || !path.isAbsolute(folder)) return docsUrl;
  const links = new Map<string, string>();
  return (ruleId) => {
    let link = links.get(ruleId);
    if (link === undefined) {
      const file = path.join(folder, `${ruleId}.md`);
      link = /^[a-z0-9-]+$/.test(ruleId) && isRegularFile(file) ? pathToFileURL(file).toString() : docsUrl(ruleId);
      links.set(ruleId, link);
    }
    return link;
  };
}
