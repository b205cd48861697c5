// Bundles the analysis core (as the server and CLI bundles do) into a temporary file for the benchmark.
import * as esbuild from 'esbuild';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
import { createRequire } from 'node:module';

export async function loadCore() {
  const dir = mkdtempSync(join(tmpdir(), 'apim-bench-'));
  const outfile = join(dir, 'core.cjs');
  await esbuild.build({
    entryPoints: [join(ROOT, 'server/src/core/index.ts')],
    absWorkingDir: ROOT,
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    mainFields: ['module', 'main'],
    logLevel: 'warning',
    sourcemap: 'inline',
  });
  return { core: createRequire(import.meta.url)(outfile), dir };
}

export { fullAnalysis } from './fullAnalysis.cjs';
