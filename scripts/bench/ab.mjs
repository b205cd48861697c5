#!/usr/bin/env node
// Wall time of one full analysis of the 2 MB benchmark template, the working tree against a git ref, both
// bundles in one process, alternated (which runs first swaps each repetition), medians:
//
//   node scripts/bench/ab.mjs --base GIT-REF [--reps N]
//
// For changes that remove allocations, instruction counts (instructions.mjs) mislead: the lean parser's
// lazy key nodes counted +15 % instructions and ran 8-14 % faster (docs/performance.md, round 5).
// Interleaving is what makes the figure usable on shared vCPUs: both trees see the same noise.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { ROOT } from './bundle.mjs';
import { largeTemplate } from './generate.mjs';

const argv = process.argv.slice(2);
const opt = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const base = opt('--base');
const reps = Number(opt('--reps') ?? 21);
if (!base) {
  console.error('usage: node scripts/bench/ab.mjs --base GIT-REF [--reps N]');
  process.exit(2);
}
const work = mkdtempSync(join(tmpdir(), 'apim-ab-'));
const baseDir = join(work, 'base');
execFileSync('git', ['worktree', 'add', '--detach', baseDir, base], { cwd: ROOT, stdio: 'ignore' });
symlinkSync(join(ROOT, 'node_modules'), join(baseDir, 'node_modules'));

async function load(root, name) {
  const outfile = join(work, `${name}.cjs`);
  await esbuild.build({
    entryPoints: [join(root, 'server/src/core/index.ts')], absWorkingDir: root, outfile, bundle: true,
    platform: 'node', format: 'cjs', target: 'node20', mainFields: ['module', 'main'], logLevel: 'warning',
  });
  return createRequire(import.meta.url)(outfile);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
try {
  const text = largeTemplate(1);
  const trees = [{ name: base, core: await load(baseDir, 'base'), ms: [] }, { name: 'working tree', core: await load(ROOT, 'work'), ms: [] }];
  for (let i = 0; i < 4; i++) for (const t of trees) t.core.analyzeText(text, { format: 'json' });
  for (let i = 0; i < reps; i++) {
    for (const t of i % 2 ? trees : [...trees].reverse()) {
      const t0 = performance.now();
      t.core.analyzeText(text, { format: 'json' });
      t.ms.push(performance.now() - t0);
    }
  }
  for (const t of trees) console.log(`${t.name}: ${median(t.ms).toFixed(1)} ms per analysis (2 MB, median of ${reps})`);
  console.log(`ratio working tree / ${base}: ${(median(trees[1].ms) / median(trees[0].ms)).toFixed(3)}`);
} finally {
  execFileSync('git', ['worktree', 'remove', '--force', baseDir], { cwd: ROOT, stdio: 'ignore' });
  rmSync(work, { recursive: true, force: true });
}
