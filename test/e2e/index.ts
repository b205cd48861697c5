/**
 * Mocha entry run INSIDE the VS Code extension host (extensionTestsPath). Host-agnostic: code-server's
 * smoke-test payload (scripts/e2e.mjs) and @vscode/test-electron (runElectron.ts) both call `run()`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, reporter: 'spec' });
  const dir = path.join(__dirname, 'suite');
  for (const file of fs.readdirSync(dir).sort()) {
    if (file.endsWith('.e2e.js')) mocha.addFile(path.join(dir, file));
  }
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const passes = runner.stats?.passes ?? 0;
      // Read by scripts/e2e.mjs (through the smoke-test driver's log) to add up the suites.
      console.log(`e2e-host-result: ${passes} passed, ${failures} failed`);
      if (failures > 0) reject(new Error(`${failures} e2e test(s) failed`));
      else resolve();
    });
  });
}
