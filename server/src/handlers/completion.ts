import { CompletionItemKind, InsertTextFormat, type CompletionItem, type CompletionList } from 'vscode-languageserver/node';
import type { ServerContext } from '../context';
import { getCompletions, type CompletionEntry } from '../core/index';
import { runSafe } from '../runSafe';

export const completionTriggers = ['"', ':', ' '];

const KIND: Record<CompletionEntry['kind'], CompletionItemKind> = {
  value: CompletionItemKind.Value,
  enum: CompletionItemKind.EnumMember,
  number: CompletionItemKind.Value,
};

/**
 * Values of the property being typed (service tags, tiers, protocol/access/direction, a free priority).
 * Completion runs on the text the client holds now: it reuses the cached analysis when it is for this
 * version (half-typed documents fall back to reading the current line).
 */
export function registerCompletion(ctx: ServerContext): void {
  const { connection, documents } = ctx;
  connection.onCompletion((params, token) =>
    runSafe((m) => connection.console.error(m), 'textDocument/completion', token, null as CompletionList | null, async () => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return null;
      const analysis = await ctx.cache.get(doc);
      if (!analysis.result) return null;
      const text = doc.getText();
      const offset = doc.offsetAt(params.position);
      const c = getCompletions(analysis.result, text, offset);
      if (!c) return null;
      const range = { start: doc.positionAt(c.replace.offset), end: doc.positionAt(c.replace.offset + c.replace.length) };
      const json = analysis.result.format === 'json';
      const items: CompletionItem[] = c.items.map((e) => {
        const quote = json && !c.inString && e.kind !== 'number';
        const newText = quote ? JSON.stringify(e.label) : e.label;
        return {
          label: e.label,
          kind: KIND[e.kind],
          ...(e.detail ? { detail: e.detail } : {}),
          ...(e.documentation ? { documentation: e.documentation } : {}),
          ...(e.sortText ? { sortText: e.sortText } : {}),
          filterText: newText,
          insertTextFormat: InsertTextFormat.PlainText,
          textEdit: { range, newText },
        };
      });
      return { isIncomplete: false, items };
    }),
  );
}
