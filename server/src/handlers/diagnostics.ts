import {
  DiagnosticSeverity,
  DocumentDiagnosticReportKind,
  type Diagnostic,
  type DocumentDiagnosticReport,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { documentStatusMethod, type DocumentStatus } from '../../../common/protocol';
import type { Analysis, ServerContext } from '../context';
import { docsUrl } from '../core/index';
import type { Finding, Severity } from '../core/rules/finding';
import { runSafe, superseded } from '../runSafe';

export const diagnosticSource = 'apim-network';

const severities: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(
  f: Finding,
  doc: TextDocument,
  relatedInformation: boolean,
  /** The rule's documentation: the bundled markdown when the client told us where it is (ServerContext.docsLink). */
  docsLink: (ruleId: string) => string = docsUrl,
): Diagnostic {
  const range = { start: doc.positionAt(f.range.offset), end: doc.positionAt(f.range.offset + f.range.length) };
  const d: Diagnostic = {
    range,
    severity: severities[f.severity] ?? DiagnosticSeverity.Warning,
    code: f.ruleId,
    codeDescription: { href: docsLink(f.ruleId) },
    source: diagnosticSource,
    message: f.message,
  };
  if (relatedInformation && f.related?.length) {
    d.relatedInformation = f.related.map((r) => ({
      location: {
        uri: doc.uri,
        range: { start: doc.positionAt(r.range.offset), end: doc.positionAt(r.range.offset + r.range.length) },
      },
      message: r.message,
    }));
  }
  return d;
}

export function diagnosticsOf(analysis: Analysis, doc: TextDocument, ctx: ServerContext): Diagnostic[] {
  const result = analysis.result;
  if (!result || !result.isTemplate) return [];
  return result.findings.map((f) => toDiagnostic(f, doc, ctx.support.relatedInformation, ctx.docsLink));
}

function sendStatus(ctx: ServerContext, analysis: Analysis): void {
  const findings = analysis.result?.isTemplate ? analysis.result.findings : [];
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  const status: DocumentStatus = {
    uri: analysis.uri,
    version: analysis.version,
    isTemplate: analysis.result?.isTemplate ?? false,
    errors: count('error'),
    warnings: count('warning'),
    infos: count('information'),
    hints: count('hint'),
    ...(analysis.settings.enable ? {} : { disabled: true }),
  };
  void ctx.connection.sendNotification(documentStatusMethod, status);
}

/** Pull diagnostics (textDocument/diagnostic), or pushed ones when the client cannot pull. */
export function registerDiagnostics(ctx: ServerContext): { publish(uri: string): void } {
  const { connection, documents } = ctx;
  const log = (m: string) => connection.console.error(m);

  connection.languages.diagnostics.on(async (params, token): Promise<DocumentDiagnosticReport> => {
    const empty: DocumentDiagnosticReport = { kind: DocumentDiagnosticReportKind.Full, items: [] };
    return runSafe(log, 'textDocument/diagnostic', token, empty, async () => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return empty;
      const analysis = await ctx.cache.get(doc);
      if (documents.get(doc.uri)?.version !== doc.version) throw superseded();
      sendStatus(ctx, analysis);
      return ctx.reports.answer(doc.uri, doc.version, diagnosticsOf(analysis, doc, ctx), params.previousResultId);
    });
  });

  // Push fallback: debounce per document so a burst of edits is analysed once, on its last version.
  const timers = new Map<string, NodeJS.Timeout>();
  const publish = (uri: string) => {
    if (ctx.support.pullDiagnostics) return;
    clearTimeout(timers.get(uri));
    timers.set(
      uri,
      setTimeout(async () => {
        timers.delete(uri);
        const doc = documents.get(uri);
        if (!doc) return;
        try {
          const analysis = await ctx.cache.get(doc);
          if (documents.get(uri)?.version !== doc.version) return; // a newer version is queued
          sendStatus(ctx, analysis);
          await connection.sendDiagnostics({ uri, version: doc.version, diagnostics: diagnosticsOf(analysis, doc, ctx) });
          ctx.reports.pushed(uri, doc.version);
        } catch (e) {
          log(`publishing diagnostics failed: ${e instanceof Error ? e.message : String(e)}`);
        }
      }, 150),
    );
  };
  documents.onDidChangeContent((e) => publish(e.document.uri));
  documents.onDidClose((e) => {
    ctx.reports.forget(e.document.uri);
    clearTimeout(timers.get(e.document.uri));
    timers.delete(e.document.uri);
    if (!ctx.support.pullDiagnostics) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });
  return { publish };
}
