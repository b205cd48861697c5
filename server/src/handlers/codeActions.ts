import {
  CodeActionKind,
  TextDocumentEdit,
  type CodeAction,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ServerContext } from '../context';
import type { Finding, Fix, OffsetEdit } from '../core/rules/finding';
import { runSafe } from '../runSafe';
import { diagnosticSource, type DiagnosticData } from './diagnostics';

/** Our whole-file fix-all kind (editor.codeActionsOnSave: { "source.fixAll.apimNetwork": "explicit" }). */
export const fixAllKind = `${CodeActionKind.SourceFixAll}.apimNetwork`;
export const disableCommentDirective = 'apim-network-disable-next-line';

interface Span {
  readonly start: number;
  readonly end: number;
}
/** Half-open overlap; an empty span overlaps a span that touches it (a cursor at a diagnostic's edge). */
function overlaps(a: Span, b: Span): boolean {
  if (a.start === a.end || b.start === b.end) return a.start <= b.end && b.start <= a.end;
  return a.start < b.end && b.start < a.end;
}
const spanOf = (f: Finding): Span => ({ start: f.range.offset, end: f.range.offset + f.range.length });
const kindWanted = (only: string[] | undefined, kind: string) =>
  !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));

function toTextEdits(doc: TextDocument, edits: readonly OffsetEdit[]): TextEdit[] {
  return edits.map((e) => ({
    range: { start: doc.positionAt(e.offset), end: doc.positionAt(e.offset + e.length) },
    newText: e.newText,
  }));
}

function workspaceEdit(ctx: ServerContext, doc: TextDocument, edits: TextEdit[]): WorkspaceEdit {
  // Versioned: the client refuses to apply it to any other version of the document.
  if (ctx.support.versionedDocumentChanges) {
    return { documentChanges: [TextDocumentEdit.create({ uri: doc.uri, version: doc.version }, edits)] };
  }
  return { changes: { [doc.uri]: edits } };
}

const preferredFix = (f: Finding): Fix | undefined => f.fixes?.find((x) => x.isPreferred) ?? f.fixes?.[0];

/** One fix per finding, in document order, skipping any fix that touches an edit already taken. */
export function combineFixes(findings: readonly Finding[]): OffsetEdit[] {
  const taken: OffsetEdit[] = [];
  const sorted = [...findings].sort((a, b) => a.range.offset - b.range.offset);
  for (const f of sorted) {
    const fix = preferredFix(f);
    if (!fix || fix.edits.length === 0) continue;
    const clash = fix.edits.some((e) =>
      taken.some((t) => e.offset <= t.offset + t.length && t.offset <= e.offset + e.length),
    );
    if (!clash) taken.push(...fix.edits);
  }
  return taken.sort((a, b) => a.offset - b.offset);
}

function disableAction(doc: TextDocument, format: 'json' | 'yaml', f: Finding): TextEdit {
  const line = doc.positionAt(f.range.offset).line;
  const text = doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
  const indent = /^[ \t]*/.exec(text)?.[0] ?? '';
  const eol = doc.getText().includes('\r\n') ? '\r\n' : '\n';
  const marker = format === 'yaml' ? '#' : '//';
  return {
    range: { start: { line, character: 0 }, end: { line, character: 0 } },
    newText: `${indent}${marker} ${disableCommentDirective} ${f.ruleId}${eol}`,
  };
}

export function registerCodeActions(ctx: ServerContext): void {
  const { connection, documents } = ctx;
  connection.onCodeAction(async (params, token) =>
    runSafe((m) => connection.console.error(m), 'textDocument/codeAction', token, [] as CodeAction[], async () => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return [];
      const analysis = await ctx.cache.get(doc);
      // Never offer edits computed for another version than the one the client holds.
      if (analysis.version !== doc.version || documents.get(doc.uri)?.version !== doc.version) return [];
      const result = analysis.result;
      if (!result?.isTemplate) return [];
      const only = params.context.only;
      const actions: CodeAction[] = [];

      if (kindWanted(only, CodeActionKind.QuickFix)) {
        const disabled = new Set<string>();
        const fixAllOffered = new Set<string>();
        for (const diag of params.context.diagnostics) {
          if (typeof diag.code !== 'string' || (diag.source !== undefined && diag.source !== diagnosticSource)) continue;
          const data = diag.data as Partial<DiagnosticData> | undefined;
          if (data && typeof data.version === 'number' && data.version !== doc.version) continue; // stale diagnostic
          const span = { start: doc.offsetAt(diag.range.start), end: doc.offsetAt(diag.range.end) };
          for (const f of result.findings) {
            if (f.ruleId !== diag.code || !overlaps(spanOf(f), span)) continue;
            for (const fix of f.fixes ?? []) {
              actions.push({
                title: fix.title,
                kind: CodeActionKind.QuickFix,
                diagnostics: [diag],
                ...(fix.isPreferred ? { isPreferred: true } : {}),
                edit: workspaceEdit(ctx, doc, toTextEdits(doc, fix.edits)),
              });
            }
            const sameRule = result.findings.filter((x) => x.ruleId === f.ruleId && preferredFix(x));
            if (sameRule.length > 1 && !fixAllOffered.has(f.ruleId)) {
              fixAllOffered.add(f.ruleId);
              actions.push({
                title: `Fix all ${f.ruleId} problems in file`,
                kind: CodeActionKind.QuickFix,
                diagnostics: [diag],
                edit: workspaceEdit(ctx, doc, toTextEdits(doc, combineFixes(sameRule))),
              });
            }
            const key = `${f.ruleId}:${doc.positionAt(f.range.offset).line}`;
            if (!disabled.has(key)) {
              disabled.add(key);
              actions.push({
                title: `Disable ${f.ruleId} for this line`,
                kind: CodeActionKind.QuickFix,
                diagnostics: [diag],
                edit: workspaceEdit(ctx, doc, [disableAction(doc, result.format, f)]),
              });
            }
          }
        }
      }

      if (only && kindWanted(only, fixAllKind)) {
        const edits = combineFixes(result.findings);
        if (edits.length > 0) {
          actions.push({
            title: 'Fix all auto-fixable APIM network problems',
            kind: fixAllKind,
            edit: workspaceEdit(ctx, doc, toTextEdits(doc, edits)),
          });
        }
      }
      return actions;
    }),
  );
}
