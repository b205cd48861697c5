import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ServerContext } from '../context';
import { isConfigFile } from '../core/index';
import { configFileFindings, loadConfig, type ResolvedConfig } from '../node/configResolver';
import { sameFile, toPath } from '../parameterFiles';
import { toLevels } from '../settings';
import { toDiagnostic } from './diagnostics';

export interface ConfigDiagnostics {
  /** A template's analysis used this configuration file (read from disk). */
  seen(resolved: ResolvedConfig): void;
  /** These configuration files changed on disk (created, changed, deleted) or were saved. */
  changed(uris: readonly string[]): void;
}

/**
 * Problems of an `apim-network.json` that is not open in the editor: a misspelt rule id there silently does not
 * apply, so they are pushed (textDocument/publishDiagnostics, which LSP allows for a document that is not open:
 * it shows in the Problems panel) and logged to the output channel. Pushed for every configuration file a
 * template's analysis used, and for every configuration file that changes on disk; cleared when fixed or
 * deleted. While the file is open its own analysis reports them (pulled, or pushed by diagnostics.ts), so the
 * pushed ones are cleared on open and pushed again, from disk, on close.
 */
export function registerConfigDiagnostics(ctx: ServerContext): ConfigDiagnostics {
  const { connection, documents } = ctx;
  /** Config file URI → signature of what we last pushed ('' = nothing). */
  const pushed = new Map<string, string>();
  /** Config file URI → the latest report started: an older one still waiting for settings is dropped. */
  const latest = new Map<string, number>();
  let reports = 0;
  const isOpen = (uri: string) => documents.all().some((d) => sameFile(d.uri, uri));

  const send = (uri: string, diagnostics: Diagnostic[], signature: string) => {
    pushed.set(uri, signature);
    connection.sendDiagnostics({ uri, diagnostics }).catch(() => {
      // The connection is gone (shutting down): nothing to report to.
    });
  };

  const report = async (uri: string, resolved: ResolvedConfig | undefined) => {
    if (isOpen(uri)) return;
    const id = ++reports;
    latest.set(uri, id);
    let diagnostics: Diagnostic[] = [];
    if (resolved) {
      // The file's own level for config-invalid, with the editor setting on top (as for the open file).
      const settings = await ctx.settingsFor(uri);
      const findings = configFileFindings(resolved, toLevels(settings.rules));
      const doc = TextDocument.create(uri, 'jsonc', 0, resolved.text);
      diagnostics = findings.map((f) => toDiagnostic(f, doc, ctx.support.relatedInformation, ctx.docsLink));
    }
    if (latest.get(uri) !== id || isOpen(uri)) return; // superseded, or opened while the settings were asked for
    const signature = diagnostics.length ? JSON.stringify(diagnostics) : '';
    const before = pushed.get(uri) ?? '';
    if (signature === before) return;
    send(uri, diagnostics, signature);
    const file = toPath(uri) ?? uri;
    if (diagnostics.length) {
      const lines = diagnostics.map((d) => `  ${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`);
      connection.console.warn(`${file}: ${diagnostics.length} problem(s) in this configuration (what they concern does not apply):\n${lines.join('\n')}`);
    } else if (before) connection.console.info(`${file}: no more problems in this configuration`);
  };

  const run = (uri: string, resolved: ResolvedConfig | undefined) =>
    report(uri, resolved).catch((e: unknown) => {
      try {
        connection.console.error(`reporting ${uri} failed: ${e instanceof Error ? e.message : String(e)}`);
      } catch {
        // the connection is gone
      }
    });
  const fromDisk = (uri: string) => {
    const file = toPath(uri);
    void run(uri, file ? loadConfig(file) : undefined);
  };

  documents.onDidOpen((e) => {
    const uri = e.document.uri;
    if (!isConfigFile(uri)) return;
    for (const [u, signature] of pushed) if (signature && sameFile(u, uri)) send(u, [], '');
  });
  documents.onDidClose((e) => {
    // Registered after diagnostics.ts, whose push fallback clears the closed document first.
    if (isConfigFile(e.document.uri) && toPath(e.document.uri)) fromDisk(pathToFileURL(toPath(e.document.uri)!).toString());
  });

  return {
    seen: (resolved) => void run(pathToFileURL(resolved.file).toString(), resolved),
    changed: (uris) => {
      for (const uri of uris) {
        const file = toPath(uri);
        if (file && isConfigFile(uri)) fromDisk(pathToFileURL(file).toString());
      }
    },
  };
}
