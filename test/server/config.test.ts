/** apim-network.json in the language server: discovery, precedence under the editor settings, changes, its own diagnostics. */
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { parse as parseJsonc } from 'jsonc-parser';
import type { CodeAction, Command, CreateFile, Diagnostic, TextDocumentEdit, TextEdit } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { allRules, parseConfig } from '../../server/src/core/index';
import { fullCapabilities, startTestServer, waitFor, type TestClient } from './lspClient';
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

describe('a closed apim-network.json with problems', () => {
  let dir: string;
  let client: TestClient;
  const file = (rel: string) => path.join(dir, rel);
  const fileUri = (rel: string) => pathToFileURL(file(rel)).toString();
  const configUri = () => fileUri('apim-network.json');
  /** What the server last pushed for the config file (undefined: nothing yet). */
  const pushedFor = (uri: string) => client.pushed.get(uri);
  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'apim-config-closed-'));
    writeFileSync(file('apim-network.json'), '{\n  "rules": {\n    "nsg-requred-port": "off"\n  }\n}\n');
    writeFileSync(file('main.json'), brokenTemplate());
    client = await startTestServer({ folder: dir, settings: { '*': {} } });
  });
  after(() => {
    client.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('are pushed for the config URI (a document that is not open) when a template uses it, and logged', async () => {
    await client.open(fileUri('main.json'), brokenTemplate());
    assert.equal(byRule(await client.diagnostics(fileUri('main.json')), 'nsg-required-port').length, 1, 'the misspelt entry does not apply');
    const pushed = await waitFor(() => (pushedFor(configUri())?.length ? pushedFor(configUri()) : undefined), 'config diagnostics pushed');
    assert.deepEqual(pushed.map((d) => d.code), ['config-invalid']);
    assert.deepEqual(pushed[0]!.range.start, { line: 2, character: 4 });
    assert.match(String(pushed[0]!.message), /Unknown rule id 'nsg-requred-port'; did you mean 'nsg-required-port'/);
    assert.equal(pushed[0]!.severity, 1);
    assert.equal(pushed[0]!.source, 'apim-network');
    assert.equal(pushed[0]!.data, undefined, 'no document version: they belong to no open document');
    await waitFor(() => client.logs.find((l) => l.includes('apim-network.json: 1 problem(s)') && l.includes("did you mean 'nsg-required-port'")), 'the output channel line');
  });

  it('are cleared when the file is fixed on disk, and the fix applies', async () => {
    writeFileSync(file('apim-network.json'), '{\n  "rules": {\n    "nsg-required-port": "off"\n  }\n}\n');
    const refreshed = client.nextRefresh();
    await client.filesChanged(configUri());
    await refreshed;
    await waitFor(() => (pushedFor(configUri())?.length === 0 ? true : undefined), 'config diagnostics cleared');
    assert.deepEqual(byRule(await client.diagnostics(fileUri('main.json')), 'nsg-required-port'), []);
    await waitFor(() => client.logs.find((l) => l.includes('no more problems in this configuration')), 'the output channel line');
  });

  it('come back when it breaks again; "config-invalid": "off" in the file silences them, open or closed', async () => {
    writeFileSync(file('apim-network.json'), '{ "rules": { "nsg-requred-port": "off" }, "colour": 1 }');
    let refreshed = client.nextRefresh();
    await client.filesChanged(configUri());
    await refreshed;
    await waitFor(() => (pushedFor(configUri())?.length === 2 ? true : undefined), 'two problems pushed');
    const quiet = '{ "rules": { "nsg-requred-port": "off", "config-invalid": "off" }, "colour": 1 }';
    writeFileSync(file('apim-network.json'), quiet);
    refreshed = client.nextRefresh();
    await client.filesChanged(configUri());
    await refreshed;
    await waitFor(() => (pushedFor(configUri())?.length === 0 ? true : undefined), 'silenced by the file');
    await client.open(configUri(), quiet, 'jsonc');
    assert.deepEqual(await client.diagnostics(configUri()), [], 'the open file honours its own config-invalid level');
    await client.change(configUri(), 2, '{ "rules": { "nsg-requred-port": "off", "config-invalid": "warning" }, "colour": 1 }');
    assert.deepEqual((await client.diagnostics(configUri())).map((d) => d.severity), [2, 2], 'its current text, not the disk');
    await client.close(configUri());
  });

  it('while the file is open its own (pulled) diagnostics replace the pushed ones; on close they are pushed again', async () => {
    const broken = '{\n  "rules": { "nsg-requred-port": "off" }\n}\n';
    writeFileSync(file('apim-network.json'), broken);
    const refreshed = client.nextRefresh();
    await client.filesChanged(configUri());
    await refreshed;
    await waitFor(() => (pushedFor(configUri())?.length === 1 ? true : undefined), 'pushed');
    await client.open(configUri(), broken, 'jsonc');
    await waitFor(() => (pushedFor(configUri())?.length === 0 ? true : undefined), 'cleared on open (no duplicates)');
    assert.equal((await client.diagnostics(configUri())).length, 1, 'pulled for the open document');
    await client.close(configUri());
    await waitFor(() => (pushedFor(configUri())?.length === 1 ? true : undefined), 'pushed again on close');
  });

  it('are cleared when the file is deleted', async () => {
    rmSync(file('apim-network.json'));
    await client.filesChanged(configUri());
    await waitFor(() => (pushedFor(configUri())?.length === 0 ? true : undefined), 'cleared');
  });

  it('a new apim-network.json with problems is reported as soon as it appears', async () => {
    mkdirSync(file('sub'), { recursive: true });
    writeFileSync(file('sub/apim-network.json'), '{ "maxFileSize": "big" }');
    await client.filesChanged(fileUri('sub/apim-network.json'));
    const pushed = await waitFor(() => (pushedFor(fileUri('sub/apim-network.json'))?.length ? pushedFor(fileUri('sub/apim-network.json')) : undefined), 'pushed');
    assert.match(String(pushed[0]!.message), /"maxFileSize" must be a positive number/);
  });

  it('the size-limit finding names the source of the limit: the setting, or the file', async () => {
    writeFileSync(file('apim-network.json'), '{ "maxFileSize": 100 }');
    let refreshed = client.nextRefresh();
    await client.filesChanged(configUri());
    await refreshed;
    const skipped = async () => byRule(await client.diagnostics(fileUri('main.json')), 'analysis-skipped')[0]?.message;
    assert.match(String(await skipped()), new RegExp(`more than maxFileSize in .*apim-network\\.json \\(100\\)$`));
    client.settings['*'] = { maxFileSize: 200 };
    refreshed = client.nextRefresh();
    await client.configurationChanged();
    await refreshed;
    assert.match(String(await skipped()), /more than apimNetwork\.maxFileSize \(200\)$/);
    client.settings['*'] = {};
  });
});

describe('"Disable <rule> in apim-network.json" (json documents, where a comment would be flagged)', () => {
  let dir: string;
  let client: TestClient;
  const file = (rel: string) => path.join(dir, rel);
  const fileUri = (rel: string) => pathToFileURL(file(rel)).toString();
  const capabilities = { ...fullCapabilities, workspace: { ...fullCapabilities.workspace, workspaceEdit: { documentChanges: true, resourceOperations: ['create' as const] } } };
  const isAction = (a: Command | CodeAction): a is CodeAction => !('command' in a && typeof a.command === 'string');
  const actionsFor = async (uri: string, rule = 'nsg-required-port') => {
    const diags = byRule(await client.diagnostics(uri), rule);
    assert.equal(diags.length, 1);
    return (await client.codeActions(uri, diags[0]!.range, diags)).filter(isAction);
  };
  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'apim-disable-config-'));
    mkdirSync(file('infra'), { recursive: true });
    writeFileSync(file('infra/main.json'), brokenTemplate());
    client = await startTestServer({ folder: dir, settings: { '*': {} }, capabilities });
  });
  after(() => {
    client.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('no configuration yet: creates apim-network.json at the workspace folder from the starter, with the rule off', async () => {
    const t = fileUri('infra/main.json');
    await client.open(t, brokenTemplate(), 'json');
    const actions = await actionsFor(t);
    assert.ok(!actions.some((a) => /for this line/.test(a.title)), 'no comment in a json document without comments');
    const disable = actions.find((a) => a.title === 'Disable nsg-required-port in apim-network.json');
    assert.ok(disable?.edit?.documentChanges, actions.map((a) => a.title).join(' | '));
    const [create, edit] = disable.edit.documentChanges as [CreateFile, TextDocumentEdit];
    assert.equal(create.kind, 'create');
    assert.equal(create.uri, fileUri('apim-network.json'), 'where the search for it stops: the workspace folder');
    assert.deepEqual(create.options, { ignoreIfExists: true });
    assert.equal(edit.textDocument.uri, create.uri);
    assert.equal(edit.textDocument.version, null);
    const text = (edit.edits[0] as TextEdit).newText;
    const { config, problems } = parseConfig(text, allRules.map((r) => r.meta.id));
    assert.deepEqual(problems, [], 'the written file is valid');
    assert.deepEqual(config.rules, { 'nsg-required-port': 'off' });
    assert.match(text, /^\/\/ APIM Network Lint configuration/, 'the starter comments are kept');
    assert.equal((parseJsonc(text) as Record<string, unknown>)['$schema'], undefined);

    // As VS Code applies it: the file is created and opened (unsaved); the open text applies at once.
    writeFileSync(file('apim-network.json'), '');
    await client.open(create.uri, text, 'jsonc');
    await waitFor(async () => (byRule(await client.diagnostics(t), 'nsg-required-port').length === 0 ? true : undefined), 'the rule is off');
    writeFileSync(file('apim-network.json'), text); // saved
    await client.close(create.uri);
  });

  it('an existing configuration: the entry is merged into its "rules", keeping comments and other entries', async () => {
    const t = fileUri('infra/main.json');
    const existing = '{\n    // ours\n    "rules": {\n        "legacy-platform": "warning"\n    },\n    "ignore": ["legacy/**"]\n}\n';
    writeFileSync(file('apim-network.json'), existing);
    const refreshed = client.nextRefresh();
    await client.filesChanged(fileUri('apim-network.json'));
    await refreshed;
    const disable = (await actionsFor(t)).find((a) => a.title === 'Disable nsg-required-port in apim-network.json');
    assert.ok(disable?.edit?.documentChanges);
    assert.equal(disable.edit.documentChanges.length, 1, 'no file to create');
    const edit = disable.edit.documentChanges[0] as TextDocumentEdit;
    assert.equal(edit.textDocument.uri, fileUri('apim-network.json'));
    assert.equal(edit.textDocument.version, null, 'closed: the file as it is on disk');
    const out = TextDocument.applyEdits(TextDocument.create(edit.textDocument.uri, 'jsonc', 0, existing), edit.edits as TextEdit[]);
    const { config, problems } = parseConfig(out, allRules.map((r) => r.meta.id));
    assert.deepEqual(problems, []);
    assert.deepEqual(config.rules, { 'legacy-platform': 'warning', 'nsg-required-port': 'off' });
    assert.deepEqual(config.ignore, ['legacy/**']);
    assert.match(out, /\/\/ ours/);
    assert.match(out, /\n {8}"nsg-required-port": "off"/, 'in the file\'s own indentation');

    // Open (and edited) in the editor: the edit is versioned against that text.
    await client.open(fileUri('apim-network.json'), existing, 'jsonc', 7);
    const again = (await actionsFor(t)).find((a) => a.title === 'Disable nsg-required-port in apim-network.json')!;
    assert.equal((again.edit!.documentChanges![0] as TextDocumentEdit).textDocument.version, 7);
    await client.close(fileUri('apim-network.json'));
  });

  it('not offered where it would change nothing or could break something; jsonc and commented json get the line comment', async () => {
    const t = fileUri('infra/main.json');
    // apimNetwork.rules sets the rule: the setting wins over the file.
    client.settings['*'] = { rules: { 'nsg-required-port': 'error' } };
    let refreshed = client.nextRefresh();
    await client.configurationChanged();
    await refreshed;
    assert.ok(!(await actionsFor(t)).some((a) => /in apim-network\.json/.test(a.title)));
    client.settings['*'] = {};
    refreshed = client.nextRefresh();
    await client.configurationChanged();
    await refreshed;
    // A configuration with a syntax error is not edited.
    writeFileSync(file('apim-network.json'), '{ "rules": { ');
    refreshed = client.nextRefresh();
    await client.filesChanged(fileUri('apim-network.json'));
    await refreshed;
    assert.ok(!(await actionsFor(t)).some((a) => /in apim-network\.json/.test(a.title)));
    writeFileSync(file('apim-network.json'), '{}');
    refreshed = client.nextRefresh();
    await client.filesChanged(fileUri('apim-network.json'));
    await refreshed;
    // jsonc: comments are fine there.
    const jsonc = fileUri('infra/other.jsonc');
    writeFileSync(file('infra/other.jsonc'), brokenTemplate());
    await client.open(jsonc, brokenTemplate(), 'jsonc');
    const titles = (await actionsFor(jsonc)).map((a) => a.title);
    assert.ok(titles.includes('Disable nsg-required-port for this line'));
    assert.ok(!titles.some((x) => /in apim-network\.json/.test(x)));
  });

  it('"Disable config-invalid for this line" in apim-network.json itself is honoured', async () => {
    const u = fileUri('apim-network.json');
    const text = '{\n  "rules": {\n    "nsg-requred-port": "off"\n  }\n}\n';
    await client.open(u, text, 'jsonc');
    const [d] = await client.diagnostics(u);
    const disable = (await client.codeActions(u, d!.range, [d!])).filter(isAction).find((a) => a.title === 'Disable config-invalid for this line');
    assert.ok(disable);
    const out = TextDocument.applyEdits(TextDocument.create(u, 'jsonc', 1, text), (disable.edit!.documentChanges![0] as TextDocumentEdit).edits as TextEdit[]);
    await client.change(u, 2, out);
    assert.deepEqual(await client.diagnostics(u), []);
    await client.close(u);
  });
});

describe('the resource group location: apimNetwork.resourceGroupLocation over apim-network.json', () => {
  let dir: string;
  let client: TestClient;
  const file = (rel: string) => path.join(dir, rel);
  const fileUri = (rel: string) => pathToFileURL(file(rel)).toString();
  /** An instance in [resourceGroup().location] injected into a VNet in eastus. */
  const rgTemplate = () => {
    const t = JSON.parse(brokenTemplate()) as { resources: { type: string; location?: string }[] };
    for (const r of t.resources) r.location = r.type === 'Microsoft.ApiManagement/service' ? '[resourceGroup().location]' : 'eastus';
    return JSON.stringify(t, null, 2);
  };
  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'apim-location-'));
    client = await startTestServer({ folder: dir, settings: { '*': {} } });
  });
  after(() => {
    client.dispose();
    rmSync(dir, { recursive: true, force: true });
  });
  const settle = async (change: () => Promise<void>) => {
    const refreshed = client.nextRefresh();
    await change();
    await refreshed;
  };

  it('unknown by default; the file gives it; the setting wins; a wrong-typed setting is ignored', async () => {
    const t = fileUri('main.json');
    writeFileSync(file('main.json'), rgTemplate());
    await client.open(t, rgTemplate());
    const mismatch = async () => byRule(await client.diagnostics(t), 'location-mismatch').map((d) => String(d.message));
    assert.deepEqual(await mismatch(), [], 'resourceGroup().location is unknown');

    writeFileSync(file('apim-network.json'), '{ "resourceGroupLocation": "westeurope" }');
    await settle(() => client.filesChanged(fileUri('apim-network.json')));
    assert.equal((await mismatch()).length, 1, 'from apim-network.json');
    assert.match((await mismatch())[0]!, /runs in westeurope/);

    client.settings['*'] = { resourceGroupLocation: 'East US' };
    await settle(() => client.configurationChanged());
    assert.deepEqual(await mismatch(), [], 'the setting wins over the file');

    client.settings['*'] = { resourceGroupLocation: 'North Europe' };
    await settle(() => client.configurationChanged());
    assert.match((await mismatch())[0] ?? '', /runs in North Europe/);

    client.settings['*'] = { resourceGroupLocation: 42 };
    await settle(() => client.configurationChanged());
    assert.match((await mismatch())[0] ?? '', /runs in westeurope/, 'a wrong-typed setting is ignored: the file applies');

    client.settings['*'] = {};
    await settle(() => client.configurationChanged());
    assert.match((await mismatch())[0] ?? '', /runs in westeurope/);
  });
});
