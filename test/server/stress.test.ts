/**
 * The language server under stress (issue 6): many documents at once, bursts of edits, versions out of
 * order, cancellation in the middle of an analysis, stale quick fixes, and memory over 10,000 edit cycles.
 */
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { CancellationTokenSource, DocumentDiagnosticRequest, type Diagnostic } from 'vscode-languageserver/node';
import { startTestServer, type TestClient } from './lspClient';
import { brokenTemplate } from './templates';

const byRule = (diags: Diagnostic[], id: string) => diags.filter((d) => d.code === id);
const allowAll = brokenTemplate('Allow');

describe('language server under stress', () => {
  let client: TestClient;
  before(async () => {
    client = await startTestServer({ settings: { '*': {} } });
  });
  after(() => client.dispose());

  it('50 documents opened at once each get their own diagnostics', async () => {
    const uris = Array.from({ length: 50 }, (_, i) => `file:///stress/t${i}.json`);
    await Promise.all(uris.map((u, i) => client.open(u, i % 2 ? brokenTemplate('Deny') : allowAll)));
    const results = await Promise.all(uris.map((u) => client.diagnostics(u)));
    results.forEach((d, i) => assert.equal(byRule(d, 'nsg-required-port').length, i % 2 ? 1 : 0, uris[i]));
    await Promise.all(uris.map((u) => client.close(u)));
  });

  it('a burst of edits: diagnostics describe the last text', async () => {
    const u = 'file:///stress/burst.json';
    await client.open(u, allowAll);
    for (let v = 2; v <= 40; v++) await client.change(u, v, v % 2 ? allowAll : brokenTemplate('Deny'));
    await client.change(u, 41, brokenTemplate('Deny'));
    assert.equal(byRule(await client.diagnostics(u), 'nsg-required-port').length, 1);
    await client.close(u);
  });

  it('versions out of order: no crash, and the answer matches the text the server holds', async () => {
    const u = 'file:///stress/order.json';
    await client.open(u, allowAll, 'json', 10);
    await client.change(u, 12, brokenTemplate('Deny'));
    await client.change(u, 11, allowAll);
    const d = await client.diagnostics(u);
    assert.equal(byRule(d, 'nsg-required-port').length, 0, 'the text of the last notification');
    await client.close(u);
  });

  it('a request cancelled mid-analysis is answered (cancelled or complete) and the server keeps working', async () => {
    const u = 'file:///stress/cancel.json';
    await client.open(u, brokenTemplate('Deny'));
    const source = new CancellationTokenSource();
    const pending = client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: u } }, source.token);
    source.cancel();
    await pending.then(
      () => undefined,
      (e: { code?: number }) => assert.ok(e.code === -32800 || e.code === -32802, `cancelled, got ${JSON.stringify(e)}`),
    );
    assert.equal(byRule(await client.diagnostics(u), 'nsg-required-port').length, 1);
    await client.close(u);
  });

  it('a quick fix for an outdated version is refused, not misapplied', async () => {
    const u = 'file:///stress/stale.json';
    await client.open(u, brokenTemplate('Deny'));
    const diags = byRule(await client.diagnostics(u), 'nsg-required-port');
    await client.change(u, 2, brokenTemplate('Deny') + '\n');
    const actions = await client.codeActions(u, diags[0]!.range, diags);
    assert.deepEqual(actions, [], 'no edits computed for another version');
    await client.close(u);
  });

  it('memory stays flat over 10,000 edit cycles', async () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const u = 'file:///stress/memory.json';
    const small = (n: number) => `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "resources": [{"type": "Microsoft.Network/virtualNetworks", "name": "v${n % 7}", "location": "westeurope", "properties": {"addressSpace": {"addressPrefixes": ["10.0.0.0/16"]}, "subnets": [{"name": "s", "properties": {"addressPrefix": "10.0.${n % 250}.0/24"}}]}}]}`;
    await client.open(u, small(0));
    const cycle = async (from: number, to: number) => {
      for (let v = from; v < to; v++) {
        await client.change(u, v + 1, small(v));
        if (v % 10 === 0) await client.diagnostics(u);
      }
      (client.statuses as unknown[]).length = 0; // the fake client's own log
    };
    await cycle(0, 1000);
    gc();
    const base = process.memoryUsage().heapUsed;
    await cycle(1000, 10_000);
    await client.diagnostics(u);
    gc();
    const grown = (process.memoryUsage().heapUsed - base) / 1024 / 1024;
    assert.ok(grown < 16, `heap grew by ${grown.toFixed(1)} MB over 9,000 edit cycles`);
    await client.close(u);
  });
});
