/**
 * The language server glue, spoken to over LSP in-process: pull diagnostics, versioned code actions, settings,
 * parameter files, silence on non-templates, the push fallback.
 */
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DidChangeWorkspaceFoldersNotification, DocumentDiagnosticRequest, type CodeAction, type Diagnostic, type TextDocumentEdit, type TextEdit } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { allRules, analyzeText, DOCS_BASE, docsUrl } from '../../server/src/core/index';
import { fullCapabilities, startTestServer, waitFor, type TestClient } from './lspClient';
import { brokenTemplate, notATemplate, parametersFile, yamlNoNsg } from './templates';

const uri = 'file:///virtual/apim.json';
const isAction = (a: unknown): a is CodeAction => typeof a === 'object' && a !== null && 'title' in a && !('command' in a && typeof (a as { command: unknown }).command === 'string');
const byRule = (diags: Diagnostic[], id: string) => diags.filter((d) => d.code === id);

/** Applies a code action's single versioned TextDocumentEdit to `text`, checking the version. */
function apply(text: string, action: CodeAction, version: number, languageId = 'json'): string {
  const changes = action.edit?.documentChanges as TextDocumentEdit[] | undefined;
  assert.ok(changes && changes.length === 1, 'one versioned document edit');
  assert.equal(changes[0]!.textDocument.version, version, 'the edit carries the analysed version');
  return TextDocument.applyEdits(TextDocument.create(uri, languageId, version, text), changes[0]!.edits as TextEdit[]);
}

describe('language server over LSP', () => {
  let client: TestClient;
  let analyses = 0;
  before(async () => {
    client = await startTestServer({
      settings: { '*': {} },
      server: { analyze: (text, options) => (analyses++, analyzeText(text, options)) },
    });
  });
  after(() => client.dispose());

  it('pulls diagnostics with code, docs link, source and related information', async () => {
    await client.open(uri, brokenTemplate());
    const diags = byRule(await client.diagnostics(uri), 'nsg-required-port');
    assert.equal(diags.length, 1, JSON.stringify(diags));
    const d = diags[0]!;
    assert.equal(d.severity, 1);
    assert.equal(d.source, 'apim-network');
    assert.equal(d.codeDescription?.href, docsUrl('nsg-required-port'));
    assert.equal(d.data, undefined, 'nothing version-bound: an unchanged report keeps them for the next version');
    assert.ok(d.relatedInformation && d.relatedInformation.length > 0, 'related information');
    assert.match(String(d.message), /3443/);
    const status = await waitFor(() => client.statuses.find((s) => s.uri === uri), 'status');
    assert.equal(status.isTemplate, true);
    assert.ok(status.errors >= 1);
  });

  it('analyses a version once, whatever feature asks', async () => {
    const count0 = analyses;
    const diags = await client.diagnostics(uri);
    await client.codeActions(uri, diags[0]!.range, diags);
    await client.diagnostics(uri);
    assert.equal(analyses, count0, 'no new analysis for the same version');
  });

  it('offers the finding fix as a versioned quick fix that removes the error', async () => {
    const text = brokenTemplate();
    const diags = byRule(await client.diagnostics(uri), 'nsg-required-port');
    const actions = (await client.codeActions(uri, diags[0]!.range, diags)).filter(isAction);
    const fix = actions.find((a) => a.kind === 'quickfix' && /Allow/i.test(a.title));
    assert.ok(fix, `a fix among ${actions.map((a) => a.title).join(' | ')}`);
    assert.deepEqual(fix.diagnostics?.map((x) => x.code), ['nsg-required-port']);
    const fixed = apply(text, fix, 1);
    await client.change(uri, 2, fixed);
    assert.deepEqual(byRule(await client.diagnostics(uri), 'nsg-required-port'), []);
    await client.change(uri, 3, text); // back to broken for the next tests
  });

  it('refuses diagnostics of an older version (no stale edits)', async () => {
    const v3 = await client.diagnostics(uri);
    await client.change(uri, 4, `${brokenTemplate()}\n`);
    assert.deepEqual(await client.codeActions(uri, v3[0]!.range, v3), [], 'diagnostics from version 3 get no action');
    const v4 = byRule(await client.diagnostics(uri), 'nsg-required-port');
    const actions = (await client.codeActions(uri, v4[0]!.range, v4)).filter(isAction);
    assert.ok(actions.length > 0);
    for (const a of actions) assert.equal((a.edit?.documentChanges?.[0] as TextDocumentEdit).textDocument.version, 4);
  });

  it('answers "unchanged" to a pull that names the last report when the diagnostics are the same, and acts on them', async () => {
    const u = 'file:///virtual/unchanged.json';
    const text = brokenTemplate();
    const pull = (previousResultId?: string) =>
      client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: u }, ...(previousResultId !== undefined ? { previousResultId } : {}) });
    await client.open(u, text);
    const first = await pull();
    assert.equal(first.kind, 'full');
    assert.ok(first.kind === 'full' && first.resultId, 'a full report names itself');
    const held = first.kind === 'full' ? first.items : [];
    // a character typed at the end of a line with no diagnostic: the same diagnostics
    const lines = text.split('\n');
    const quiet = lines.findIndex((l, i) => l.trim() === '"resources": [' && !held.some((d) => d.range.start.line === i));
    assert.ok(quiet > 0);
    const edited = lines.map((l, i) => (i === quiet ? `${l} ` : l)).join('\n');
    await client.change(u, 2, edited);
    const noId = await pull();
    assert.equal(noId.kind, 'full', 'a pull without previousResultId gets the full report');
    const idOfFull = noId.kind === 'full' ? noId.resultId! : '';
    await client.change(u, 3, edited + ' ');
    const second = await pull(idOfFull);
    assert.deepEqual(second, { kind: 'unchanged', resultId: idOfFull });
    // the client keeps its diagnostics for version 3: quick fixes are offered, with edits for version 3
    const diag = byRule(held, 'nsg-required-port')[0]!;
    const actions = (await client.codeActions(u, diag.range, [diag])).filter(isAction);
    const fix = actions.find((a) => /Allow/i.test(a.title));
    assert.ok(fix, actions.map((a) => a.title).join(' | '));
    assert.equal((fix.edit?.documentChanges?.[0] as TextDocumentEdit).textDocument.version, 3);
    // an older report's id, or different diagnostics, get a full report
    assert.equal((await pull('0')).kind, 'full');
    await client.change(u, 4, brokenTemplate('Deny'));
    const changed = await pull(idOfFull);
    assert.equal(changed.kind, 'full');
    assert.notEqual(changed.kind === 'full' ? changed.resultId : idOfFull, idOfFull);
    await client.close(u);
  });

  it('offers "Disable <rule> for this line" with a // comment at the same indentation (jsonc)', async () => {
    const jsoncUri = 'file:///virtual/apim.jsonc';
    const text = `${brokenTemplate()}\n`;
    await client.open(jsoncUri, text, 'jsonc');
    const diags = byRule(await client.diagnostics(jsoncUri), 'nsg-required-port');
    const actions = (await client.codeActions(jsoncUri, diags[0]!.range, diags)).filter(isAction);
    const disable = actions.find((a) => a.title === 'Disable nsg-required-port for this line');
    assert.ok(disable);
    const out = apply(text, disable, 1, 'jsonc');
    const line = diags[0]!.range.start.line;
    const lines = out.split('\n');
    const indent = /^\s*/.exec(text.split('\n')[line]!)![0];
    assert.equal(lines[line], `${indent}// apim-network-disable-next-line nsg-required-port`);
    await client.change(jsoncUri, 2, out);
    assert.deepEqual(byRule(await client.diagnostics(jsoncUri), 'nsg-required-port'), [], 'the engine honours the comment');
    await client.close(jsoncUri);
  });

  it('writes no comment into a json document that has none (VS Code flags comments in json); one that has comments gets it', async () => {
    const diags = byRule(await client.diagnostics(uri), 'nsg-required-port');
    const titles = (await client.codeActions(uri, diags[0]!.range, diags)).filter(isAction).map((a) => a.title);
    assert.ok(!titles.some((t) => /for this line/.test(t)), titles.join(' | '));
    assert.ok(titles.some((t) => /^Add an Allow rule/.test(t)), 'the real fix is still offered');
    // No apim-network.json above it, and this client cannot create files: nothing to write (see config.test.ts).
    assert.ok(!titles.some((t) => /in apim-network\.json/.test(t)));

    const commented = 'file:///virtual/commented.json';
    const text = brokenTemplate().replace('"contentVersion"', '// a comment the user already wrote\n  "contentVersion"');
    await client.open(commented, text, 'json');
    const d2 = byRule(await client.diagnostics(commented), 'nsg-required-port');
    const disable = (await client.codeActions(commented, d2[0]!.range, d2)).filter(isAction).find((a) => a.title === 'Disable nsg-required-port for this line');
    assert.ok(disable, 'the document already has comments: one more is no new problem');
    await client.close(commented);
  });

  it('applies apimNetwork.rules without a restart, and ignores wrong-typed settings with a warning', async () => {
    assert.equal(byRule(await client.diagnostics(uri), 'nsg-required-port').length, 1);
    client.settings['*'] = { rules: { 'nsg-required-port': 'off' } };
    let refreshed = client.nextRefresh();
    await client.configurationChanged();
    await refreshed;
    assert.deepEqual(byRule(await client.diagnostics(uri), 'nsg-required-port'), []);

    client.settings['*'] = { rules: { 'nsg-required-port': 'warning' } };
    refreshed = client.nextRefresh();
    await client.configurationChanged();
    await refreshed;
    assert.equal(byRule(await client.diagnostics(uri), 'nsg-required-port')[0]?.severity, 2);

    client.settings['*'] = { rules: 'off', enable: 'yes', maxFileSize: -1 };
    refreshed = client.nextRefresh();
    await client.configurationChanged();
    await refreshed;
    assert.equal(byRule(await client.diagnostics(uri), 'nsg-required-port')[0]?.severity, 1, 'defaults kept');
    assert.ok(client.logs.some((l) => l.includes('apimNetwork.rules')), client.logs.join('\n'));
    assert.ok(client.logs.some((l) => l.includes('apimNetwork.enable')));

    client.settings['*'] = { enable: false };
    refreshed = client.nextRefresh();
    await client.configurationChanged();
    await refreshed;
    assert.deepEqual(await client.diagnostics(uri), []);
    client.settings['*'] = {};
    refreshed = client.nextRefresh();
    await client.configurationChanged();
    await refreshed;
    assert.equal(byRule(await client.diagnostics(uri), 'nsg-required-port').length, 1);
  });

  it('stays silent on a JSON file that is not an ARM template', async () => {
    const other = 'file:///virtual/package.json';
    await client.open(other, notATemplate);
    assert.deepEqual(await client.diagnostics(other), []);
    assert.deepEqual(await client.codeActions(other, { start: { line: 0, character: 0 }, end: { line: 5, character: 0 } }, []), []);
    const status = await waitFor(() => client.statuses.find((s) => s.uri === other), 'status');
    assert.equal(status.isTemplate, false);
  });

  it('lints arm-template documents (the Azure Resource Manager Tools language id) as JSON, with quick fixes', async () => {
    const armUri = 'file:///virtual/arm-tools.json';
    await client.open(armUri, brokenTemplate(), 'arm-template');
    const diags = byRule(await client.diagnostics(armUri), 'nsg-required-port');
    assert.equal(diags.length, 1);
    const actions = (await client.codeActions(armUri, diags[0]!.range, diags)).filter(isAction);
    assert.ok(actions.some((a) => /^Add an Allow rule/.test(a.title)), actions.map((a) => a.title).join(' | '));
    // ARM Tools' language allows comments: the line comment is the way to disable there.
    assert.ok(actions.some((a) => a.title === 'Disable nsg-required-port for this line'));
    await client.close(armUri);
  });

  it('lints YAML templates and writes # disable comments there', async () => {
    const yamlUri = 'file:///virtual/apim.yaml';
    await client.open(yamlUri, yamlNoNsg, 'yaml');
    const diags = byRule(await client.diagnostics(yamlUri), 'nsg-missing');
    assert.equal(diags.length, 1, JSON.stringify(await client.diagnostics(yamlUri)));
    const actions = (await client.codeActions(yamlUri, diags[0]!.range, diags)).filter(isAction);
    const disable = actions.find((a) => a.title === 'Disable nsg-missing for this line');
    assert.ok(disable);
    const edit = (disable.edit!.documentChanges![0] as TextDocumentEdit).edits[0] as TextEdit;
    assert.match(edit.newText, /^\s*# apim-network-disable-next-line nsg-missing\n$/);
    const out = TextDocument.applyEdits(TextDocument.create(yamlUri, 'yaml', 1, yamlNoNsg), [edit]);
    await client.change(yamlUri, 2, out);
    assert.deepEqual(byRule(await client.diagnostics(yamlUri), 'nsg-missing'), []);
  });

  it('offers "Fix all <rule> problems in file", resolved on demand, re-analysing between fixes', async () => {
    // Two blocked flows whose fixes insert at the same place: one pass cannot take both.
    const twice = brokenTemplate('Deny').replace('"access": "Allow", "priority": 120', '"access": "Deny", "priority": 120');
    await client.change(uri, 100, twice);
    const diags = byRule(await client.diagnostics(uri), 'nsg-required-port');
    assert.equal(diags.length, 2);
    const actions = (await client.codeActions(uri, diags[0]!.range, [diags[0]!])).filter(isAction);
    const all = actions.find((a) => a.title === 'Fix all nsg-required-port problems in file');
    assert.ok(all, actions.map((a) => a.title).join(' | '));
    assert.equal(all.edit, undefined, 'computed on resolve');
    const resolved = await client.resolve(all);
    const fixed = apply(twice, resolved, 100);
    await client.change(uri, 101, fixed);
    assert.deepEqual(byRule(await client.diagnostics(uri), 'nsg-required-port'), []);
    assert.equal(fixed.match(/"Allow"/g)!.length, twice.match(/"Allow"/g)!.length + 2);
    // Resolving an action of an older version gives no edit.
    assert.equal((await client.resolve(all)).edit, undefined);
    await client.change(uri, 102, `${brokenTemplate()}\n`);
  });

  it('offers a source.fixAll action when asked for it', async () => {
    const diags = await client.diagnostics(uri);
    const all = (await client.codeActions(uri, diags[0]!.range, [], ['source.fixAll'])).filter(isAction);
    assert.equal(all.length, 1);
    assert.equal(all[0]!.kind, 'source.fixAll.apimNetwork');
    const fixed = apply(`${brokenTemplate()}\n`, await client.resolve(all[0]!), 102);
    await client.change(uri, 103, fixed);
    assert.deepEqual(byRule(await client.diagnostics(uri), 'nsg-required-port'), []);
  });
});

describe('parameter files', () => {
  let dir: string;
  let client: TestClient;
  const file = (rel: string) => path.join(dir, rel);
  const fileUri = (rel: string) => pathToFileURL(file(rel)).toString();
  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'apim-params-'));
    mkdirSync(file('infra'));
    mkdirSync(file('env'));
    client = await startTestServer({ folder: dir, settings: { '*': {} } });
  });
  after(() => {
    client.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('re-analyses the template when <base>.parameters.json changes on disk or in the editor', async () => {
    const template = fileUri('main.json');
    writeFileSync(file('main.json'), brokenTemplate());
    await client.open(template, brokenTemplate());
    assert.equal(byRule(await client.diagnostics(template), 'nsg-required-port').length, 1, 'default value Deny');

    writeFileSync(file('main.parameters.json'), parametersFile('Allow'));
    let refreshed = client.nextRefresh();
    await client.filesChanged(fileUri('main.parameters.json'));
    await refreshed;
    assert.deepEqual(byRule(await client.diagnostics(template), 'nsg-required-port'), [], 'Allow from the parameter file');

    refreshed = client.nextRefresh();
    await client.open(fileUri('main.parameters.json'), parametersFile('Deny'));
    await refreshed;
    assert.equal(byRule(await client.diagnostics(template), 'nsg-required-port').length, 1, 'the open, unsaved parameter file wins');

    refreshed = client.nextRefresh();
    await client.close(fileUri('main.parameters.json'));
    await refreshed;
    assert.deepEqual(byRule(await client.diagnostics(template), 'nsg-required-port'), [], 'back to the file on disk');
  });

  it('remembers a watched parameter file between edits of the template, until the client reports a change', async () => {
    await waitFor(() => (client.registrations.includes('workspace/didChangeWatchedFiles') ? true : undefined), 'file watchers');
    await client.diagnostics('file:///virtual/not-open.json'); // a round trip: the server has the registration's answer
    const template = fileUri('kept.json');
    writeFileSync(file('kept.json'), brokenTemplate());
    writeFileSync(file('kept.parameters.json'), parametersFile('Allow'));
    await client.open(template, brokenTemplate());
    assert.deepEqual(byRule(await client.diagnostics(template), 'nsg-required-port'), [], 'Allow from the parameter file');
    // changed on disk, not reported yet: an edit of the template does not read the file again
    writeFileSync(file('kept.parameters.json'), parametersFile('Deny'));
    await client.change(template, 2, `${brokenTemplate()}\n`);
    assert.deepEqual(byRule(await client.diagnostics(template), 'nsg-required-port'), [], 'the remembered text');
    const refreshed = client.nextRefresh();
    await client.filesChanged(fileUri('kept.parameters.json'));
    await refreshed;
    assert.equal(byRule(await client.diagnostics(template), 'nsg-required-port').length, 1, 'read again once reported');
    await client.close(template);
  });

  it('pairs through apimNetwork.parameterFiles (glob → path, relative to the workspace folder)', async () => {
    const template = fileUri('infra/apim.json');
    writeFileSync(file('infra/apim.json'), brokenTemplate());
    writeFileSync(file('env/prod.parameters.json'), parametersFile('Allow'));
    await client.open(template, brokenTemplate());
    assert.equal(byRule(await client.diagnostics(template), 'nsg-required-port').length, 1, 'no pairing yet');
    client.settings['*'] = { parameterFiles: { 'infra/*.json': 'env/prod.parameters.json' } };
    const refreshed = client.nextRefresh();
    await client.configurationChanged();
    await refreshed;
    assert.deepEqual(byRule(await client.diagnostics(template), 'nsg-required-port'), []);
  });
});

describe('a client that does not watch files', () => {
  it('reads the parameter file on every analysis', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'apim-nowatch-'));
    const { didChangeWatchedFiles: _watch, ...workspace } = fullCapabilities.workspace!;
    const client = await startTestServer({ folder: dir, capabilities: { ...fullCapabilities, workspace }, settings: { '*': {} } });
    try {
      const template = pathToFileURL(path.join(dir, 'main.json')).toString();
      writeFileSync(path.join(dir, 'main.parameters.json'), parametersFile('Allow'));
      await client.open(template, brokenTemplate());
      assert.deepEqual(byRule(await client.diagnostics(template), 'nsg-required-port'), []);
      writeFileSync(path.join(dir, 'main.parameters.json'), parametersFile('Deny'));
      await client.change(template, 2, `${brokenTemplate()}\n`);
      assert.equal(byRule(await client.diagnostics(template), 'nsg-required-port').length, 1, 'no change events: read again');
      assert.ok(!client.registrations.includes('workspace/didChangeWatchedFiles'));
    } finally {
      client.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('initialized: every handler that waits for it runs', () => {
  it('registers the settings and file watchers and follows workspace folder changes (one connection handler runs them all)', async () => {
    const client = await startTestServer({ settings: { '*': {} } });
    try {
      await waitFor(() => (client.registrations.length >= 2 ? true : undefined), 'dynamic registrations');
      assert.deepEqual([...client.registrations].sort(), ['workspace/didChangeConfiguration', 'workspace/didChangeWatchedFiles']);
      // a workspace folder change re-checks everything: the client is asked to pull again
      const refreshed = client.nextRefresh();
      await client.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, {
        event: { added: [{ uri: pathToFileURL(tmpdir()).toString(), name: 'tmp' }], removed: [] },
      });
      await refreshed;
      // a round trip after it: the server has the refresh's answer before the connection closes
      assert.deepEqual(await client.diagnostics('file:///virtual/not-open.json'), []);
    } finally {
      client.dispose();
    }
  });
});

describe('push fallback', () => {
  it('publishes diagnostics when the client cannot pull', async () => {
    const { diagnostic: _pull, ...textDocument } = fullCapabilities.textDocument!;
    const client = await startTestServer({ capabilities: { ...fullCapabilities, textDocument }, settings: { '*': {} } });
    try {
      await client.open(uri, brokenTemplate());
      const diags = await waitFor(() => client.pushed.get(uri), 'publishDiagnostics');
      assert.equal(byRule(diags, 'nsg-required-port').length, 1);
    } finally {
      client.dispose();
    }
  });
});

describe('documentation links', () => {
  const repoRoot = path.resolve(__dirname, '../../..');
  const docsFolder = path.join(repoRoot, 'docs', 'rules');

  it('link to the rule page shipped with the extension (file: URI, opens offline) when the client says where it is', async () => {
    const client = await startTestServer({ settings: { '*': {} }, initializationOptions: { docsFolder } });
    try {
      await client.open(uri, brokenTemplate());
      const [d] = byRule(await client.diagnostics(uri), 'nsg-required-port');
      const href = d!.codeDescription!.href;
      assert.equal(href, pathToFileURL(path.join(docsFolder, 'nsg-required-port.md')).toString());
      assert.ok(existsSync(fileURLToPath(href)), 'the linked page exists');
    } finally {
      client.dispose();
    }
  });

  it('fall back to the web page without the option, or when the folder does not hold the pages', async () => {
    for (const initializationOptions of [undefined, { docsFolder: path.join(tmpdir(), 'no-such-docs-folder') }, { docsFolder: 'docs/rules' }, { docsFolder: 42 }]) {
      const client = await startTestServer({ settings: { '*': {} }, initializationOptions });
      try {
        await client.open(uri, brokenTemplate());
        const [d] = byRule(await client.diagnostics(uri), 'nsg-required-port');
        assert.equal(d!.codeDescription!.href, docsUrl('nsg-required-port'), JSON.stringify(initializationOptions));
      } finally {
        client.dispose();
      }
    }
  });

  it('the web links (CLI, SARIF, fallback) point at the repository package.json names, and every rule has its page', () => {
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { repository: { url: string }; scripts: Record<string, string> };
    const repo = pkg.repository.url.replace(/\.git$/, '');
    assert.match(repo, /^https:\/\/github\.com\//);
    assert.ok(DOCS_BASE.startsWith(`${repo}/blob/main/`), `${DOCS_BASE} is in ${repo}`);
    assert.ok(pkg.scripts['package']!.includes(`--baseContentUrl ${repo}/blob/main`), 'the .vsix README links too');
    for (const r of allRules) assert.ok(existsSync(path.join(docsFolder, `${r.meta.id}.md`)), `docs/rules/${r.meta.id}.md`);
  });
});
