import type { ServerContext } from '../context';
import { buildTopology } from '../core/topology/buildGraph';
import { runSafe } from '../runSafe';
import { topologyRequestMethod, type TopologyGraph, type TopologyParams } from '../../../common/topology';

/**
 * `apimNetwork/topology`: the topology graph of an open document, from its cached analysis (the same
 * analysis its diagnostics come from). null for a document that is not open or not an ARM template.
 */
export function registerTopology(ctx: ServerContext): void {
  const { connection, documents } = ctx;
  connection.onRequest(topologyRequestMethod, (params: TopologyParams, token) =>
    runSafe((m) => connection.console.error(m), topologyRequestMethod, token, null as TopologyGraph | null, async () => {
      const uri = params?.textDocument?.uri;
      if (typeof uri !== 'string') return null;
      for (let attempt = 0; attempt < 3; attempt++) {
        const doc = documents.get(uri);
        if (!doc) return null;
        const analysis = await ctx.cache.get(doc);
        // A newer version arrived while we waited: take that one.
        if (analysis.version !== documents.get(uri)?.version) continue;
        const result = analysis.result;
        if (!result?.isTemplate || !result.model) return null;
        return buildTopology(result);
      }
      return null;
    }),
  );
}
