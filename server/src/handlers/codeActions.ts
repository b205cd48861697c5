import { CodeActionKind, type CodeAction, type TextEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ServerContext } from '../context';
import type { Finding } from '../core/index';
import { preferredFix } from '../fixAll';
import { runSafe } from '../runSafe';
import { diagnosticSource } from './diagnostics';
import { commentsUnwelcome, disableInConfigAction } from './disableInConfig';
import { toTextEdits, workspaceEdit } from './edits';
import { fixAllAction, registerFixAllResolve } from './fixAll';

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
const kindWanted = (only: string[] | undefined, kind: string) => !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));

/** `// apim-network-disable-next-line <id>` (`#` in YAML) above the finding's line, with its indentation. */
function disableEdit(doc: TextDocument, format: 'json' | 'yaml', f: Finding): TextEdit {
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

/**
 * Quick fixes for our diagnostics in the request: each finding's fixes, "Fix all <rule> problems in file" when
 * the rule has more than one fixable finding, "Disable <rule> for this line" (in a `json` document without
 * comments, where the editor would flag a comment: "Disable <rule> in apim-network.json"); and the file-wide
 * source.fixAll.apimNetwork when asked for. Findings are matched on rule id (`code`) and range overlap only.
 */
export function registerCodeActions(ctx: ServerContext): void {
  const { connection, documents } = ctx;
  registerFixAllResolve(ctx);
  connection.onCodeAction(async (params, token) =>
    runSafe((m) => connection.console.error(m), 'textDocument/codeAction', token, [] as CodeAction[], async () => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return [];
      const analysis = await ctx.cache.get(doc);
      // Never offer edits computed for another version than the one the client holds.
      if (analysis.version !== doc.version) return [];
      const result = analysis.result;
      if (!result?.isTemplate) return [];
      const only = params.context.only;
      const actions: CodeAction[] = [];

      // The diagnostics the client sends were reported for an older version until it pulls this one's: their ranges
      // may not fit this text, so no action is computed for them (diagnosticReports.ts).
      if (kindWanted(only, CodeActionKind.QuickFix) && ctx.reports.current(doc.uri, doc.version)) {
        const seen = new Set<string>();
        for (const diag of params.context.diagnostics) {
          if (typeof diag.code !== 'string' || (diag.source !== undefined && diag.source !== diagnosticSource)) continue;
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
            if (!seen.has(`all:${f.ruleId}`) && moreThanOne(result.findings, (x) => x.ruleId === f.ruleId && preferredFix(x) !== undefined)) {
              seen.add(`all:${f.ruleId}`);
              const title = `Fix all ${f.ruleId} problems in file`;
              const all = fixAllAction(ctx, doc, analysis, title, CodeActionKind.QuickFix, f.ruleId, [diag]);
              if (all) actions.push(all);
            }
            if (commentsUnwelcome(doc, analysis)) {
              // A `json` document with no comment: VS Code would flag the comment, so disable in apim-network.json.
              if (!seen.has(`config:${f.ruleId}`)) {
                seen.add(`config:${f.ruleId}`);
                const action = disableInConfigAction(ctx, doc, analysis, f.ruleId, diag);
                if (action) actions.push(action);
              }
              continue;
            }
            const line = `${f.ruleId}:${doc.positionAt(f.range.offset).line}`;
            if (!seen.has(line)) {
              seen.add(line);
              actions.push({
                title: `Disable ${f.ruleId} for this line`,
                kind: CodeActionKind.QuickFix,
                diagnostics: [diag],
                edit: workspaceEdit(ctx, doc, [disableEdit(doc, result.format, f)]),
              });
            }
          }
        }
      }

      if (only && kindWanted(only, fixAllKind)) {
        const all = fixAllAction(ctx, doc, analysis, 'Fix all auto-fixable APIM network problems', fixAllKind, undefined);
        if (all) actions.push(all);
      }
      return actions;
    }),
  );
}

/**
 * True when at least two of `items` pass `test`. Stops at the second: reading a finding's fixes may compute
 * them (core/fixes/lazyFixes.ts), and a large template has hundreds of fixable findings per rule.
 */
function moreThanOne<T>(items: readonly T[], test: (item: T) => boolean): boolean {
  let n = 0;
  for (const item of items) if (test(item) && ++n > 1) return true;
  return false;
}
