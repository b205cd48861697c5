import { MarkupKind, type Hover } from 'vscode-languageserver/node';
import type { ServerContext } from '../context';
import { getHover } from '../core/index';
import { runSafe } from '../runSafe';

/** Hovers from the core (service tags, ports, tiers, modes, subnet budgets, NSG rules), on the cached analysis. */
export function registerHover(ctx: ServerContext): void {
  const { connection, documents } = ctx;
  connection.onHover((params, token) =>
    runSafe((m) => connection.console.error(m), 'textDocument/hover', token, null as Hover | null, async () => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return null;
      const analysis = await ctx.cache.get(doc);
      if (analysis.version !== doc.version || !analysis.result) return null;
      const info = getHover(analysis.result, doc.offsetAt(params.position));
      if (!info) return null;
      return {
        contents: { kind: MarkupKind.Markdown, value: info.markdown },
        range: { start: doc.positionAt(info.range.offset), end: doc.positionAt(info.range.offset + info.range.length) },
      };
    }),
  );
}
