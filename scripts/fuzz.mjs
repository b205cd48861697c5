#!/usr/bin/env node
/**
 * Long fuzz runs of the analysis engine: the properties of test/unit/fuzz/properties.ts (compiled to
 * out/ by `npm run compile`, which `npm run fuzz` runs first).
 *
 *   npm run fuzz -- [--runs N] [--seed S] [--only NAME] [--path P] [--max-size CHARS]
 *
 * --runs N      runs per property (default 1000)
 * --seed S      fast-check seed (default: random, printed)
 * --only NAME   one property: tree, text, template, random, edits, lean
 * --path P      replay a counterexample path printed by an earlier failure (with its --seed and --only)
 * --max-size C  skip corpus files longer than C characters (default: all)
 *
 * Prints a summary per property; on failure the seed, the path and the counterexample, and exits 1.
 */
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const compiled = path.join(root, 'out/test/unit/fuzz/properties.js');
if (!existsSync(compiled)) {
  console.error('fuzz: out/test/unit/fuzz/properties.js is missing; run `npm run compile` first');
  process.exit(2);
}
const fc = require('fast-check');
const P = require(compiled);

function parse(argv) {
  const o = { runs: 1000, seed: undefined, only: undefined, path: undefined, maxSize: Infinity };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = () => {
      const x = argv[++i];
      if (x === undefined) usage(`${a} needs a value`);
      return x;
    };
    if (a === '--runs') o.runs = int(v(), a);
    else if (a === '--seed') o.seed = int(v(), a);
    else if (a === '--only') o.only = v();
    else if (a === '--path') o.path = v();
    else if (a === '--max-size') o.maxSize = int(v(), a);
    else if (a === '--help' || a === '-h') usage();
    else usage(`unknown argument '${a}'`);
  }
  return o;
}

function int(s, name) {
  const n = Number(s);
  if (!Number.isInteger(n)) usage(`${name} expects an integer, got '${s}'`);
  return n;
}

function usage(msg) {
  if (msg) console.error(`fuzz: ${msg}`);
  console.error('usage: npm run fuzz -- [--runs N] [--seed S] [--only tree|text|template|random|edits|lean] [--path P] [--max-size CHARS]');
  process.exit(msg ? 2 : 0);
}

const opts = parse(process.argv.slice(2));
const seed = opts.seed ?? (Date.now() ^ (Math.random() * 0x7fffffff)) | 0;
const seeds = [...P.fixtureSeeds(), ...P.corpusSeeds(opts.maxSize)];
const properties = {
  tree: () => P.treeMutationProperty(seeds),
  text: () => P.textMutationProperty(seeds),
  template: () => P.randomTemplateProperty(),
  random: () => P.randomDocumentProperty(),
  edits: () => P.editSequenceProperty(seeds),
  lean: () => P.leanYamlProperty(seeds),
};
if (opts.only && !properties[opts.only]) usage(`unknown property '${opts.only}'`);

console.log(`fuzz: seed ${seed}, ${opts.runs} runs per property, ${seeds.length} seed documents (corpus ${existsSync(P.CORPUS) ? 'included' : 'not present'}), time bound ${P.TIME_BOUND_MS} ms per analysis`);
let failed = false;
for (const [name, make] of Object.entries(properties)) {
  if (opts.only && opts.only !== name) continue;
  const t0 = performance.now();
  const details = fc.check(make(), { seed, numRuns: opts.runs, ...(opts.path ? { path: opts.path } : {}) });
  const secs = ((performance.now() - t0) / 1000).toFixed(1);
  if (!details.failed) {
    console.log(`  ${name.padEnd(8)} ok      ${details.numRuns} runs, ${details.numSkips} skipped, ${secs} s`);
    continue;
  }
  failed = true;
  const [c] = details.counterexample ?? [];
  const err = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance ?? details.error);
  console.log(`  ${name.padEnd(8)} FAILED  after ${details.numRuns} runs (shrunk ${details.numShrinks} times), ${secs} s`);
  console.log(`    replay: npm run fuzz -- --seed ${details.seed} --only ${name} --path ${details.counterexamplePath}`);
  console.log(`    error: ${err.split('\n').slice(0, 12).join('\n    ')}`);
  if (c) {
    console.log(`    counterexample: seed document ${c.seed}, format ${c.format}${c.maxFileSize ? `, maxFileSize ${c.maxFileSize}` : ''}, ${c.text.length} characters:`);
    console.log(`    ${JSON.stringify(c.text.length > 4000 ? c.text.slice(0, 4000) + '…' : c.text)}`);
  }
}
console.log(failed ? 'fuzz: FAILED' : 'fuzz: all properties hold');
process.exitCode = failed ? 1 : 0;
