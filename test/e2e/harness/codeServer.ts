/**
 * Starts code-server (VS Code as a server, run with its own Node 24) and Debian's Chromium through
 * playwright-core, as shared/e2e-notes.md describes. Each start gets a fresh user-data-dir and a fresh copy of
 * the workspace, so no state (hot exit, settings) leaks between runs.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export interface Tools {
  /** The Node ≥ 22.15 binary that runs code-server. */
  readonly node: string;
  /** code-server's out/node/entry.js */
  readonly entry: string;
  readonly chromium: string;
}

export interface CodeServer {
  readonly url: string;
  /** host:port, for vscode-remote:// URIs. */
  readonly authority: string;
  /** Absolute path of this run's workspace copy. */
  readonly workspace: string;
  readonly logFile: string;
  stop(): Promise<void>;
}

const userSettings = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'files.hotExit': 'off',
  'window.restoreWindows': 'none',
  'git.enabled': false,
  'json.schemaDownload.enable': false,
  'editor.hover.delay': 200,
  'chat.disableAIFeatures': true,
  'workbench.editor.enablePreview': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitHealthy(url: string, child: ChildProcess, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`code-server did not answer ${url}/healthz within ${ms} ms`);
}

export async function startCodeServer(opts: {
  tools: Tools;
  runDir: string;
  workspaceSource: string;
  vsix?: string;
  smokeTestDriver?: boolean;
}): Promise<CodeServer> {
  const { tools, runDir } = opts;
  fs.rmSync(runDir, { recursive: true, force: true });
  const data = path.join(runDir, 'data');
  const exts = path.join(runDir, 'extensions');
  const config = path.join(runDir, 'config.yaml');
  const workspace = path.join(runDir, 'workspace');
  fs.mkdirSync(path.join(data, 'User'), { recursive: true });
  fs.mkdirSync(exts, { recursive: true });
  fs.writeFileSync(config, 'auth: none\ncert: false\n');
  fs.writeFileSync(path.join(data, 'User', 'settings.json'), JSON.stringify(userSettings, null, 2));
  fs.cpSync(opts.workspaceSource, workspace, { recursive: true });
  const common = ['--extensions-dir', exts, '--user-data-dir', data, '--config', config];
  if (opts.vsix) {
    execFileSync(tools.node, [tools.entry, '--install-extension', opts.vsix, ...common], { stdio: 'pipe' });
  }
  const port = await freePort();
  const logFile = path.join(runDir, 'code-server.log');
  const log = fs.openSync(logFile, 'w');
  const child = spawn(
    tools.node,
    [
      tools.entry,
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--auth',
      'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      ...common,
      ...(opts.smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
      workspace,
    ],
    { detached: true, stdio: ['ignore', log, log], env: { ...process.env, HOME: runDir } },
  );
  fs.closeSync(log);
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.pid === undefined) return;
    const exited = new Promise((r) => child.once('exit', r));
    try {
      process.kill(-child.pid, 'SIGTERM'); // its own process group: code-server, extension host, our server
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // gone
      }
    }, 5000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await waitHealthy(url, child, 90_000);
  } catch (e) {
    await stop();
    throw new Error(`${e instanceof Error ? e.message : String(e)}; log: ${fs.readFileSync(logFile, 'utf8').slice(-2000)}`);
  }
  return { url, authority: `127.0.0.1:${port}`, workspace, logFile, stop };
}

export function launchBrowser(tools: Tools): Promise<Browser> {
  return chromium.launch({
    executablePath: tools.chromium,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
