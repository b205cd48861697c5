import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ExtensionSettings } from '../../common/settings';
import type { AnalysisCache } from './analysisCache';
import type { DiagnosticReports } from './handlers/diagnosticReports';
import type { AnalysisResult, Finding } from './core/index';
import type { ResolvedConfig } from './node/configResolver';
import type { DiskTexts } from './node/diskTexts';

/** One analysed document version, as every feature sees it. */
export interface Analysis {
  readonly uri: string;
  readonly version: number;
  readonly settings: ExtensionSettings;
  /** undefined when linting is disabled for this resource, or the engine failed on it (logged). */
  readonly result: AnalysisResult | undefined;
  /** The parameter file that was paired with the template (read or not). */
  readonly parameterFile?: string;
  /** Analyses another text with the same inputs (settings, parameters): what "fix all" iterates with. */
  readonly reanalyze?: (text: string) => readonly Finding[];
}

/** What the client told us it supports (LSP capabilities the glue adapts to). */
export interface ClientSupport {
  pullDiagnostics: boolean;
  diagnosticRefresh: boolean;
  relatedInformation: boolean;
  configuration: boolean;
  watchedFilesRegistration: boolean;
  configurationRegistration: boolean;
  versionedDocumentChanges: boolean;
  /** codeAction/resolve may fill in `edit` (fix-all edits are computed only when chosen). */
  codeActionResolve: boolean;
  /** Workspace edits may create files (resourceOperations: create). */
  createFiles: boolean;
}

/** Shared by the handlers; created once per `startServer`. */
export interface ServerContext {
  readonly connection: Connection;
  /**
   * Runs `run` on the client's `initialized` notification. Use this, not `connection.onInitialized`: the
   * connection keeps one handler per notification, so a second registration there silently replaces the first.
   */
  onInitialized(run: () => void): void;
  readonly documents: TextDocuments<TextDocument>;
  readonly cache: AnalysisCache<Analysis>;
  /** What the client holds of each document's diagnostics, and for which version (handlers/diagnosticReports.ts). */
  readonly reports: DiagnosticReports;
  /** Files the analysis reads from disk (parameter files), remembered while the client watches them. */
  readonly diskTexts: DiskTexts;
  readonly support: ClientSupport;
  readonly workspaceFolders: string[];
  /** Re-analyse and re-report everything (settings changed). */
  refreshAll(): void;
  /** Re-analyse and re-report these documents (their parameter file changed). */
  refresh(uris: readonly string[]): void;
  /** apim-network.json files changed (their URIs): forget what was read, re-analyse everything, re-report them. */
  configChanged(uris: readonly string[]): void;
  /**
   * The documentation link of a rule for `codeDescription.href`: a file: URI of the markdown shipped with the
   * extension when the client passed `initializationOptions.docsFolder` (works offline, opens in the editor),
   * else the web page (docsUrl), as the CLI and SARIF use.
   */
  docsLink(ruleId: string): string;
  /** The apim-network.json that applies to a file path (nearest above it; an open one as it reads in the editor). */
  configFor(file: string): ResolvedConfig | undefined;
  /** Where the search for apim-network.json stops above a file (workspace folder, folder with .git), if anywhere. */
  configRootFor(file: string): string | undefined;
  /** Template URIs whose last analysis read this parameter file. */
  templatesUsing(parameterFileUri: string): string[];
  settingsFor(uri: string): Promise<ExtensionSettings>;
  /** Forget cached settings (a configuration change; `pushed` = the notification's settings payload). */
  clearSettings(pushed?: unknown): void;
}
