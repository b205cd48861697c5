#!/usr/bin/env node
// Instructions per full analysis of the 2 MB benchmark template, counted by valgrind (callgrind), for
// A/B comparisons that the machine's noise cannot blur: on shared vCPUs the same tree's wall time moves
// by 10-25 % between runs. One commit's count moved by 15 % between two invocations an hour apart
// (docs/performance.md, round 11): compare the two trees of one run, and run it more than once. Fewer
// instructions are not always less time either (round 11 again).
//
//   node scripts/bench/instructions.mjs [--base GIT-REF] [--scale N]
//
// Needs `valgrind` (Debian package). V8 runs single-threaded and predictable (GC and compilation on the
// main thread, so they are counted too); the figure is (I(3 analyses) - I(1 analysis)) / 2, which
// leaves out start-up and the first, cold analysis. Takes a few minutes per tree (two trees in parallel).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
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
if (spawnSync('valgrind', ['--version']).status !== 0) {
  console.error('valgrind is not installed (apt-get install valgrind)');
  process.exit(2);
}
const work = mkdtempSync(join(tmpdir(), 'apim-instr-'));
const input = join(work, 'large.json');
writeFileSync(input, largeTemplate(Number(opt('--scale') ?? 1)));
const runner = join(work, 'run.cjs');
writeFileSync(runner, `const text = require('fs').readFileSync(${JSON.stringify(input)}, 'utf8');
const { fullAnalysis } = require(${JSON.stringify(join(ROOT, 'scripts/bench/fullAnalysis.cjs'))});
const core = require(process.argv[2]);
for (let i = 0; i < Number(process.argv[3]); i++) fullAnalysis(core, text, { format: 'json' });\n`);

async function bundle(root, name) {
  const outfile = join(work, `${name}.cjs`);
  await esbuild.build({
    entryPoints: [join(root, 'server/src/core/index.ts')], absWorkingDir: root, outfile, bundle: true,
    platform: 'node', format: 'cjs', target: 'node20', mainFields: ['module', 'main'], logLevel: 'warning',
  });
  return outfile;
}

function instructions(bundleFile, analyses) {
  return new Promise((resolve, reject) => {
    const p = spawn('valgrind', ['--tool=callgrind', '--smc-check=all-non-file', '--callgrind-out-file=/dev/null',
      process.execPath, '--single-threaded', '--predictable', runner, bundleFile, String(analyses)], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    p.stderr.on('data', (d) => (err += d));
    p.on('close', () => {
      const m = /Collected : (\d+)/.exec(err);
      m ? resolve(Number(m[1])) : reject(new Error(err.slice(-500)));
    });
  });
}

async function perAnalysis(bundleFile) {
  const [one, three] = await Promise.all([instructions(bundleFile, 1), instructions(bundleFile, 3)]);
  return (three - one) / 2;
}

const trees = [{ name: 'working tree', root: ROOT }];
const base = opt('--base');
let baseDir;
if (base) {
  baseDir = join(work, 'base');
  execFileSync('git', ['worktree', 'add', '--detach', baseDir, base], { cwd: ROOT, stdio: 'ignore' });
  symlinkSync(join(ROOT, 'node_modules'), join(baseDir, 'node_modules'));
  trees.unshift({ name: base, root: baseDir });
}
try {
  const bundles = await Promise.all(trees.map((t, i) => bundle(t.root, `tree${i}`)));
  const counts = [];
  for (const b of bundles) counts.push(await perAnalysis(b));
  trees.forEach((t, i) => console.log(`${t.name}: ${(counts[i] / 1e6).toFixed(0)} M instructions per analysis (${2 * Number(opt('--scale') ?? 1)} MB)`));
  if (counts.length === 2) console.log(`ratio working tree / ${base}: ${(counts[1] / counts[0]).toFixed(3)}`);
} finally {
  if (baseDir) execFileSync('git', ['worktree', 'remove', '--force', baseDir], { cwd: ROOT, stdio: 'ignore' });
  rmSync(work, { recursive: true, force: true });
}
