/**
 * Runs the mocha suite (out/test/e2e/index.js) INSIDE code-server's extension host: the smoke-test driver
 * payload gives VS Code the extensionDevelopmentPath and extensionTestsPath; the exit code comes back through
 * window.codeAutomationExit and the output through window.codeAutomationLog (both exposed before navigating).
 */
import type { Browser } from 'playwright-core';
import type { CodeServer } from './codeServer';

export interface SuiteResult {
  passed: number;
  failed: number;
  exitCode: number | undefined;
}

export async function runHostSuite(opts: {
  server: CodeServer;
  browser: Browser;
  extensionPath: string;
  testsPath: string;
  log: (line: string) => void;
  timeoutMs: number;
}): Promise<SuiteResult> {
  const { server, browser, log } = opts;
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  let counts: { passed: number; failed: number } | undefined;
  let exit: (code: number) => void = () => {};
  const exited = new Promise<number>((resolve) => (exit = resolve));
  await page.exposeFunction('codeAutomationLog', (...args: unknown[]) => {
    const text = args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
    for (const line of text.split('\n')) {
      log(`  | ${line}`);
      const m = /e2e-host-result: (\d+) passed, (\d+) failed/.exec(line);
      if (m) counts = { passed: Number(m[1]), failed: Number(m[2]) };
    }
  });
  await page.exposeFunction('codeAutomationExit', (code: number) => exit(code));
  const remote = (p: string) => `vscode-remote://${server.authority}${p}`;
  const payload = JSON.stringify([
    ['extensionDevelopmentPath', remote(opts.extensionPath)],
    ['extensionTestsPath', remote(opts.testsPath)],
  ]);
  await page.goto(`${server.url}/?folder=${encodeURIComponent(server.workspace)}&payload=${encodeURIComponent(payload)}`);
  let timer: NodeJS.Timeout | undefined;
  const exitCode = await Promise.race([
    exited,
    new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), opts.timeoutMs))),
  ]);
  clearTimeout(timer);
  await page.close().catch(() => {});
  if (exitCode === undefined) log(`extension host tests did not finish within ${opts.timeoutMs} ms`);
  if (!counts) return { passed: 0, failed: 1, exitCode };
  // A non-zero exit without failures counted (a crash after the run) is still a failure.
  if (exitCode !== 0 && counts.failed === 0) return { ...counts, failed: 1, exitCode };
  return { ...counts, exitCode };
}
