/**
 * A short, seeded run of the engine fuzzer (properties.ts) in `npm test`; `npm run fuzz -- --runs N`
 * runs the same properties for longer. A failure prints fast-check's seed and counterexample path:
 * `npm run fuzz -- --seed S --path P --only NAME` replays it.
 */
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { corpusSeeds, editSequenceProperty, fixtureSeeds, leanYamlProperty, randomDocumentProperty, randomTemplateProperty, textMutationProperty, treeMutationProperty, type Seed } from './properties';

const SEED = 20240611;
const fixtures = fixtureSeeds();
// Small corpus files only here (the long run takes them all): each analysis stays in milliseconds.
const corpus = corpusSeeds(60_000);
const all: Seed[] = [...fixtures, ...corpus];

const run = <T extends unknown[]>(p: fc.IPropertyWithHooks<T>, numRuns: number): void => {
  fc.assert(p, { seed: SEED, numRuns, verbose: 0 });
};

describe('engine fuzz (seeded)', () => {
  it('tree mutations of fixture, example and corpus templates (JSON and YAML)', () => run(treeMutationProperty(all), 100));
  it('text mutations: truncated, garbled, duplicate keys, CRLF, BOM, tabs, astral characters', () => run(textMutationProperty(all), 100));
  it('random template-shaped documents (rules, prefixes, ports, tags, priorities, tiers)', () => run(randomTemplateProperty(), 80));
  it('random documents and random maxFileSize', () => run(randomDocumentProperty(), 200));
  it('successive edits analysed from the previous tree report what a fresh analysis reports', () => run(editSequenceProperty(all), 60));
  it('the lean YAML parser builds the yaml library\'s tree wherever it takes a text', () => run(leanYamlProperty(all), 300));
});
