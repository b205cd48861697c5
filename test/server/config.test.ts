/** apim-network.json in the language server: discovery, precedence under the editor settings, changes, its own diagnostics. */
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver/node';
import { startTestServer, type TestClient } from './lspClient';
import { brokenTemplate } from './templates';

const byRule = (diags: Diagnostic[], id: string) => diags.filter((d) => d.code === id);

describe('apim-network.json in the language server', () => {
  let dir: string;
  let client: TestClient;
  const file = (rel: string) => path.join(dir, rel);
  const fileUri = (rel: string) => pathToFileURL(file(rel)).toString();
  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'apim-config-'));
    mkdirSync(file('infra/nested'), { recursive: true });
    mkdirSync(file('legacy'));
    writeFileSync(file('apim-network.json'), '{ "rules": { "nsg-required-port": "warning" }, "ignore": ["legacy/**"] }');
    client = await startTestServer({ folder: dir, settings: { '*': {} } });
  });
  after(() => {
    client.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('applies the nearest file; editor settings win over it', async () => {
    const t = fileUri('infra/nested/main.json');
    writeFileSync(file('infra/nested/main.json'), brokenTemplate());
    await client.open(t, brokenTemplate());
    assert.deepEqual(byRule(await client.diagnostics(t), 'nsg-required-port').map((d) => d.severity), [2], 'warning from the root file');

    writeFileSync(file('infra/apim-network.json'), '{ "rules": { "nsg-required-port": "info" } }');
    let refreshed = client.nextRefresh();
    await client.filesChanged(fileUri('infra/apim-network.json'));
    await refreshed;
    assert.deepEqual(byRule(await client.diagnostics(t), 'nsg-required-port').map((d) => d.severity), [3], 'information from the nearer file');

    client.settings['*'] = { rules: { 'nsg-required-port': 'error' } };
    refreshed = client.nextRefresh();
    await client.configurationChanged();
    await refreshed;
    assert.deepEqual(byRule(await client.diagnostics(t), 'nsg-required-port').map((d) => d.severity), [1], 'the setting wins');
    client.settings['*'] = {};
    refreshed = client.nextRefresh();
    await client.configurationChanged();
    await refreshed;
  });

  it('ignored files get no diagnostics', async () => {
    const t = fileUri('legacy/old.json');
    writeFileSync(file('legacy/old.json'), brokenTemplate());
    await client.open(t, brokenTemplate());
    assert.deepEqual(await client.diagnostics(t), []);
  });

  it('the configuration file itself gets diagnostics at the offending key', async () => {
    const text = '{\n  "rules": { "nsg-requred-port": "off" }\n}\n';
    const u = fileUri('infra/apim-network.json');
    await client.open(u, text);
    const diags = await client.diagnostics(u);
    assert.deepEqual(diags.map((d) => d.code), ['config-invalid']);
    assert.deepEqual(diags[0]!.range.start, { line: 1, character: 13 });
    assert.match(String(diags[0]!.message), /did you mean 'nsg-required-port'/);
  });
});
