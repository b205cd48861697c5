#!/usr/bin/env node
// Wall time of one full analysis of the 2 MB benchmark template, the working tree against a git ref:
//
//   node scripts/bench/ab.mjs --base GIT-REF [--procs N] [--reps N]
//
// Each tree's bundle runs in processes of its own, started alternately (base, work, work, base, ...):
// N processes per tree, each warming up and then timing --reps analyses; the figure per tree is the
// median of its processes' medians. Two bundles in one process (this script's first form) share one
// heap and one JIT: each paid for the other's garbage and their inlining differed, so an A/A run read
// 1.13. Across processes the same tree reads within a few per cent (checked A/A: docs/performance.md).
//
// For changes that remove allocations, instruction counts (instructions.mjs) mislead: the lean parser's
// lazy key nodes counted +15 % instructions and ran 8-14 % faster (docs/performance.md, round 5).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { fullAnalysis, ROOT } from './bundle.mjs';
import { largeTemplate } from './generate.mjs';

const argv = process.argv.slice(2);
const opt = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

// A child: `ab.mjs --child BUNDLE TEXTFILE REPS` prints the median and the minimum of REPS analyses.
if (argv[0] === '--child') {
  const { createRequire } = await import('node:module');
  const { readFileSync } = await import('node:fs');
  const core = createRequire(import.meta.url)(argv[1]);
  const text = readFileSync(argv[2], 'utf8');
  const reps = Number(argv[3]);
  for (let i = 0; i < 5; i++) fullAnalysis(core, text, { format: 'json' });
  const ms = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    fullAnalysis(core, text, { format: 'json' });
    ms.push(performance.now() - t0);
  }
  console.log(JSON.stringify({ median: median(ms), min: Math.min(...ms) }));
  process.exit(0);
}

const base = opt('--base');
const procs = Number(opt('--procs') ?? 6);
const reps = Number(opt('--reps') ?? 15);
if (!base) {
  console.error('usage: node scripts/bench/ab.mjs --base GIT-REF [--procs N] [--reps N]');
  process.exit(2);
}
const work = mkdtempSync(join(tmpdir(), 'apim-ab-'));
const baseDir = join(work, 'base');
execFileSync('git', ['worktree', 'add', '--detach', baseDir, base], { cwd: ROOT, stdio: 'ignore' });
symlinkSync(join(ROOT, 'node_modules'), join(baseDir, 'node_modules'));

async function bundle(root, name) {
  const outfile = join(work, `${name}.cjs`);
  await esbuild.build({
    entryPoints: [join(root, 'server/src/core/index.ts')], absWorkingDir: root, outfile, bundle: true,
    platform: 'node', format: 'cjs', target: 'node20', mainFields: ['module', 'main'], logLevel: 'warning',
  });
  return outfile;
}

try {
  const textFile = join(work, 'large.json');
  writeFileSync(textFile, largeTemplate(1));
  const trees = [
    { name: base, file: await bundle(baseDir, 'base'), runs: [] },
    { name: 'working tree', file: await bundle(ROOT, 'work'), runs: [] },
  ];
  const self = new URL(import.meta.url).pathname;
  for (let i = 0; i < procs; i++) {
    // ABBA order: a drift in the machine's load hits both trees alike
    for (const t of i % 2 ? [...trees].reverse() : trees) {
      const out = execFileSync(process.execPath, [self, '--child', t.file, textFile, String(reps)], { encoding: 'utf8' });
      t.runs.push(JSON.parse(out));
    }
  }
  for (const t of trees) {
    const meds = t.runs.map((r) => r.median);
    console.log(
      `${t.name}: ${median(meds).toFixed(1)} ms per analysis (2 MB; median of ${procs} processes × ${reps}; ` +
        `process medians ${meds.map((m) => m.toFixed(0)).join(' ')}; best ${Math.min(...t.runs.map((r) => r.min)).toFixed(1)})`,
    );
  }
  const [b, w] = trees.map((t) => median(t.runs.map((r) => r.median)));
  const [bm, wm] = trees.map((t) => median(t.runs.map((r) => r.min)));
  console.log(`ratio working tree / ${base}: ${(w / b).toFixed(3)} (medians), ${(wm / bm).toFixed(3)} (minima)`);
} finally {
  execFileSync('git', ['worktree', 'remove', '--force', baseDir], { cwd: ROOT, stdio: 'ignore' });
  rmSync(work, { recursive: true, force: true });
}
