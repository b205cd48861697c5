import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allRules, ruleById } from '../../../server/src/core/index';

/** The repository root: the nearest ancestor of this file with a package.json (works from out/ too). */
function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json')) || !fs.existsSync(path.join(dir, 'server'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('repository root not found');
    dir = up;
  }
  return dir;
}

const ROOT = repoRoot();
const RULES_DIR = path.join(ROOT, 'server', 'src', 'core', 'rules');
const NOT_RULES = new Set(['rule.ts', 'registry.ts', 'finding.ts']);
const ruleFiles = fs.readdirSync(RULES_DIR).filter((f) => f.endsWith('.ts') && !NOT_RULES.has(f)).sort();
const ids = allRules.map((r) => r.meta.id);

describe('rule registry', () => {
  it('ids are unique and kebab-case', () => {
    assert.equal(new Set(ids).size, ids.length, `duplicate ids: ${ids.filter((id, i) => ids.indexOf(id) !== i).join(', ')}`);
    for (const id of ids) assert.match(id, /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, id);
  });

  it('every rule file is registered, and each id equals its file name', () => {
    assert.deepEqual([...ids].sort(), ruleFiles.map((f) => f.slice(0, -3)));
    for (const id of ids) {
      const src = fs.readFileSync(path.join(RULES_DIR, `${id}.ts`), 'utf8');
      assert.ok(src.includes(`id: '${id}'`), `${id}.ts declares id '${id}'`);
      assert.equal(ruleById(id)?.meta.id, id);
    }
  });

  it('descriptions are non-empty, one line and unique', () => {
    const seen = new Map<string, string>();
    for (const r of allRules) {
      const d = r.meta.description.trim();
      assert.ok(d.length > 10, `${r.meta.id}: description`);
      assert.ok(!d.includes('\n'), `${r.meta.id}: description is one line`);
      assert.ok(!seen.has(d.toLowerCase()), `${r.meta.id} and ${seen.get(d.toLowerCase())} share a description`);
      seen.set(d.toLowerCase(), r.meta.id);
    }
  });

  it('each rule has docs/rules/<id>.md that names it, and docs/rules/README.md lists it', () => {
    const readme = fs.existsSync(path.join(ROOT, 'docs', 'rules', 'README.md')) ? fs.readFileSync(path.join(ROOT, 'docs', 'rules', 'README.md'), 'utf8') : '';
    for (const id of ids) {
      const doc = path.join(ROOT, 'docs', 'rules', `${id}.md`);
      assert.ok(fs.existsSync(doc), `missing docs/rules/${id}.md`);
      const text = fs.readFileSync(doc, 'utf8');
      assert.ok(text.startsWith(`# ${id}`), `docs/rules/${id}.md starts with '# ${id}'`);
      assert.ok(readme.includes(`[${id}](${id}.md)`), `docs/rules/README.md links ${id}`);
    }
  });

  it('each rule has test/unit/rules/<id>.test.ts', () => {
    const missing = ids.filter((id) => !fs.existsSync(path.join(ROOT, 'test', 'unit', 'rules', `${id}.test.ts`)));
    assert.deepEqual(missing, []);
  });

  it('messages are non-empty, with valid severities; placeholders are words', () => {
    const severities = new Set(['error', 'warning', 'information', 'hint']);
    for (const r of allRules) {
      assert.ok(severities.has(r.meta.defaultSeverity), `${r.meta.id}: default severity`);
      const entries = Object.entries(r.meta.messages);
      assert.ok(entries.length > 0, `${r.meta.id}: no messages`);
      for (const [mid, m] of entries) {
        assert.ok(m.text.trim().length > 0, `${r.meta.id}/${mid}: empty message`);
        if (m.severity) assert.ok(severities.has(m.severity), `${r.meta.id}/${mid}: severity ${m.severity}`);
        assert.doesNotMatch(m.text, /\{[^}\w]*\}/, `${r.meta.id}/${mid}: empty placeholder`);
      }
    }
  });

  it('every messageId reported in a rule source is declared in its meta.messages', () => {
    for (const r of allRules) {
      const src = fs.readFileSync(path.join(RULES_DIR, `${r.meta.id}.ts`), 'utf8');
      for (const m of src.matchAll(/messageId:\s*'([^']+)'/g)) {
        assert.ok(m[1]! in r.meta.messages, `${r.meta.id} reports '${m[1]}', which meta.messages does not declare`);
      }
    }
  });

  const factsPath = path.join(ROOT, '..', 'shared', 'apim-network-facts.md');
  it('fact ids cited by each rule exist in apim-network-facts.md', { skip: !fs.existsSync(factsPath) && 'apim-network-facts.md is not available' }, () => {
    const facts = fs.readFileSync(factsPath, 'utf8');
    // Fact ids (F-…) wherever they are defined, plus the source keys of the table (| KEY | …).
    const known = new Set<string>([...facts.matchAll(/\bF-[A-Z0-9]+(?:-[A-Z0-9]+)*\b/g)].map((m) => m[0]));
    for (const m of facts.matchAll(/^\| ([A-Z0-9]+) \|/gm)) known.add(m[1]!);
    for (const r of allRules) {
      for (const f of r.meta.facts) assert.ok(known.has(f), `${r.meta.id} cites ${f}, which apim-network-facts.md does not define`);
    }
  });
});
