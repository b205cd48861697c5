import type { CodeAction, Diagnostic } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis, ServerContext } from '../context';
import type { Finding } from '../core/index';
import { fixAll, preferredFix } from '../fixAll';
import { runSafe } from '../runSafe';
import { toTextEdits, workspaceEdit } from './edits';

/** `CodeAction.data` of a fix-all action whose edit is computed on codeAction/resolve. */
interface FixAllData {
  readonly fixAll: true;
  readonly uri: string;
  readonly version: number;
  /** Only this rule's findings; all rules when absent. */
  readonly ruleId?: string;
}

const selects = (ruleId: string | undefined) => (f: Finding) => ruleId === undefined || f.ruleId === ruleId;

function computeEdit(ctx: ServerContext, doc: TextDocument, analysis: Analysis, ruleId: string | undefined) {
  const findings = analysis.result?.findings ?? [];
  const edit = fixAll(doc.getText(), findings, analysis.reanalyze ?? (() => []), selects(ruleId));
  return edit ? workspaceEdit(ctx, doc, toTextEdits(doc, [edit])) : undefined;
}

/**
 * A "fix all" action (per rule, or for the whole file), or undefined when nothing is fixable. Its edit is
 * computed when chosen (codeAction/resolve) where the client supports that, since it re-analyses the text.
 */
export function fixAllAction(
  ctx: ServerContext,
  doc: TextDocument,
  analysis: Analysis,
  title: string,
  kind: string,
  ruleId: string | undefined,
  diagnostics?: Diagnostic[],
): CodeAction | undefined {
  if (!(analysis.result?.findings ?? []).some((f) => selects(ruleId)(f) && preferredFix(f))) return undefined;
  const action: CodeAction = { title, kind, ...(diagnostics ? { diagnostics } : {}) };
  if (ctx.support.codeActionResolve) {
    const data: FixAllData = { fixAll: true, uri: doc.uri, version: doc.version, ...(ruleId ? { ruleId } : {}) };
    return { ...action, data };
  }
  const edit = computeEdit(ctx, doc, analysis, ruleId);
  return edit ? { ...action, edit } : undefined;
}

export function registerFixAllResolve(ctx: ServerContext): void {
  const { connection, documents } = ctx;
  connection.onCodeActionResolve(async (action, token) =>
    runSafe((m) => connection.console.error(m), 'codeAction/resolve', token, action, async () => {
      const data = action.data as Partial<FixAllData> | undefined;
      if (!data?.fixAll || typeof data.uri !== 'string') return action;
      const doc = documents.get(data.uri);
      if (!doc || doc.version !== data.version) return action; // stale: no edit
      const analysis = await ctx.cache.get(doc);
      if (analysis.version !== data.version || doc.version !== data.version) return action;
      const edit = computeEdit(ctx, doc, analysis, data.ruleId);
      return edit ? { ...action, edit } : action;
    }),
  );
}
