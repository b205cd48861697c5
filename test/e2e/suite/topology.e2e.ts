import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { activate, open, revert, waitFor, waitForAnalysis, type ApimNetworkApi } from './helpers';

/** The topology part of the extension API (client/src/topology/topologyPanel.ts TopologyPreviewApi). */
interface TopologyGraphLike {
  readonly nodes: readonly { readonly id: string; readonly kind: string; readonly label: readonly string[] }[];
  readonly edges: readonly { readonly id: string; readonly kind: string; readonly flow?: { readonly verdict: string; readonly requirement: string } }[];
}
interface TopologyApi {
  current(): { readonly uri: string; readonly graph: TopologyGraphLike | null } | undefined;
  reveal(target: { nodeId: string } | { edgeId: string }): Promise<void>;
}

function topologyTab(): vscode.Tab | undefined {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && t.label.startsWith('Topology'));
}

suite('topology preview', () => {
  let api: ApimNetworkApi & { topology: TopologyApi };
  suiteSetup(async () => {
    api = (await activate()) as ApimNetworkApi & { topology: TopologyApi };
  });
  suiteTeardown(async () => {
    const tab = topologyTab();
    if (tab) await vscode.window.tabGroups.close(tab);
  });

  test('opens beside the template with its nodes; a click selects the source; an edit redraws', async () => {
    const editor = await open('broken-nsg.json');
    await waitForAnalysis(api, editor.document);
    await vscode.commands.executeCommand('apimNetwork.showTopology');
    const graph = await waitFor(() => {
      const c = api.topology.current();
      return c && c.uri === editor.document.uri.toString() && c.graph ? c.graph : undefined;
    }, 'the topology graph of broken-nsg.json');
    const ids = graph.nodes.map((n) => n.id);
    for (const id of ['vnet:vnet', 'subnet:vnet/apim', 'nsg:apim-nsg', 'apim:apim']) assert.ok(ids.includes(id), `${id} in ${ids.join(', ')}`);
    // The deny rule on 3443 shows as a blocked flow.
    assert.ok(graph.edges.some((e) => e.flow?.requirement === 'management-3443' && e.flow.verdict === 'blocked'));
    const tab = await waitFor(() => topologyTab(), 'the topology tab');
    assert.strictEqual(tab.label, 'Topology: broken-nsg.json');
    assert.notStrictEqual(tab.group.viewColumn, vscode.window.tabGroups.all.find((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === editor.document.uri.toString()))?.viewColumn, 'beside the editor');

    // A click on the subnet (what the webview posts) selects the subnet object in the editor.
    await api.topology.reveal({ nodeId: 'subnet:vnet/apim' });
    const active = await waitFor(() => (vscode.window.activeTextEditor?.document.uri.toString() === editor.document.uri.toString() ? vscode.window.activeTextEditor : undefined), 'the template editor');
    const selected = active.document.getText(active.selection);
    assert.match(selected, /^\{[\s\S]*"name": "apim"[\s\S]*"addressPrefix": "10\.0\.1\.0\/27"[\s\S]*\}$/);
    // A click on the blocked flow selects the deciding rule.
    const blocked = graph.edges.find((e) => e.flow?.requirement === 'management-3443')!;
    await api.topology.reveal({ edgeId: blocked.id });
    assert.match(active.document.getText(active.selection), /"name": "ManagementEndpoint"/);

    // An edit: the picture follows.
    const doc = active.document;
    const at = doc.getText().indexOf('"10.0.1.0/27"') + 1;
    await active.edit((b) => b.replace(new vscode.Range(doc.positionAt(at), doc.positionAt(at + '10.0.1.0/27'.length)), '10.0.1.0/26'));
    const updated = await waitFor(() => {
      const g = api.topology.current()?.graph;
      return g?.nodes.some((n) => n.id === 'subnet:vnet/apim' && n.label.includes('10.0.1.0/26')) ? g : undefined;
    }, 'the redrawn topology with 10.0.1.0/26');
    assert.ok(updated);
    await revert(active);
  });

  test('a click right after an edit selects the source in the edited text, not at the old offsets', async () => {
    const editor = await open('broken-nsg.json');
    await waitForAnalysis(api, editor.document);
    await vscode.commands.executeCommand('apimNetwork.showTopology');
    await waitFor(() => {
      const c = api.topology.current();
      return c && c.uri === editor.document.uri.toString() && c.graph ? c.graph : undefined;
    }, 'the topology graph of broken-nsg.json');
    // Insert text before everything (shifts every offset) and click at once, inside the refresh delay.
    const active = await vscode.window.showTextDocument(editor.document);
    await active.edit((b) => b.insert(new vscode.Position(0, 0), '// a comment that moves every offset\n'));
    await api.topology.reveal({ nodeId: 'subnet:vnet/apim' });
    const selected = active.document.getText(active.selection);
    assert.match(selected, /^\{[\s\S]*"name": "apim"[\s\S]*"addressPrefix": "10\.0\.1\.0\/27"[\s\S]*\}$/);
    await revert(active);
  });
});
