/**
 * `apimNetwork/topology` over LSP: the graph of an open template from the cached analysis (the analysis its
 * diagnostics come from), the newest version after an edit, null for other documents.
 */
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { isTopologyGraph, topologyRequestMethod, type TopologyGraph } from '../../common/topology';
import { analyzeText } from '../../server/src/core/index';
import { injected } from '../helpers/templates';
import { fullCapabilities, startTestServer, type TestClient } from './lspClient';

const uri = 'file:///virtual/topology.json';

describe('apimNetwork/topology', () => {
  let client: TestClient;
  let analyses = 0;
  before(async () => {
    client = await startTestServer({ capabilities: fullCapabilities, settings: { '*': {} }, server: { analyze: (t, o) => (analyses++, analyzeText(t, o)) } });
  });
  after(() => client.dispose());

  const request = (u: string) => client.connection.sendRequest(topologyRequestMethod, { textDocument: { uri: u } }) as Promise<TopologyGraph | null>;

  it('returns the graph of an open template, analysed once with its diagnostics', async () => {
    const text = JSON.stringify(injected(), null, 2);
    await client.open(uri, text);
    await client.diagnostics(uri);
    const before = analyses;
    const graph = await request(uri);
    assert.ok(isTopologyGraph(graph));
    assert.ok(graph.nodes.some((n) => n.id === 'subnet:vnet/apim'));
    assert.ok(graph.edges.some((e) => e.flow?.verdict === 'allowed'));
    assert.equal(analyses, before, 'served from the cache');
  });

  it('follows edits', async () => {
    const text = JSON.stringify(injected({ prefix: '10.0.1.0/26' }), null, 2);
    await client.change(uri, 2, text);
    const graph = await request(uri);
    assert.ok(graph?.nodes.some((n) => n.label.includes('10.0.1.0/26')));
  });

  it('null for documents that are not templates or not open', async () => {
    await client.open('file:///virtual/other.json', '{"name": "x"}');
    assert.equal(await request('file:///virtual/other.json'), null);
    assert.equal(await request('file:///virtual/closed.json'), null);
  });
});
