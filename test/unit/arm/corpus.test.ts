import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseJson } from '../../../server/src/core/text/parseJson';
import { prop, type SourceNode } from '../../../server/src/core/text/sourceNode';
import { readParameterFile, TemplateScope } from '../../../server/src/core/arm/scope';
import type { EV } from '../../../server/src/core/arm/value';

const CORPUS = '/work/shared/corpus';

function jsonFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? jsonFiles(join(dir, e.name)) : e.name.endsWith('.json') ? [join(dir, e.name)] : [],
  );
}

function resourceNodes(n: SourceNode | undefined): SourceNode[] {
  if (n?.type === 'array') return n.children ?? [];
  if (n?.type === 'object') return (n.children ?? []).map((p) => p.children![1]).filter(Boolean);
  return [];
}

function walk(tpl: SourceNode, scope: TemplateScope, depth: number): void {
  for (const r of resourceNodes(prop(tpl, 'resources'))) {
    let s = scope;
    const copy = prop(r, 'copy');
    if (copy?.type === 'object') {
      const n = prop(copy, 'name');
      const name = n ? scope.evalNode(n) : undefined;
      s = scope.withCopy(name?.t === 'string' ? name.v : undefined, 0);
    }
    assert.ok(s.evalNode(r));
    const props = prop(r, 'properties');
    const inner = prop(props, 'template');
    if (inner?.type === 'object' && depth < 5) {
      const mode = prop(prop(props, 'expressionEvaluationOptions'), 'scope')?.value === 'inner' ? 'inner' : 'outer';
      const values = new Map<string, EV>();
      for (const p of prop(props, 'parameters')?.children ?? []) {
        const v = prop(p.children?.[1], 'value');
        if (v && typeof p.children?.[0]?.value === 'string') values.set((p.children[0].value as string).toLowerCase(), s.evalNode(v));
      }
      walk(inner, s.nested(inner, mode, values), depth + 1);
    }
  }
  const outputs = prop(tpl, 'outputs');
  if (outputs) assert.ok(scope.evalNode(outputs));
}

test('every resource of every corpus template evaluates without exception and quickly', { skip: !existsSync(CORPUS) && 'corpus not present' }, () => {
  let templates = 0;
  for (const f of jsonFiles(CORPUS)) {
    const doc = parseJson(readFileSync(f, 'utf8'));
    if (!doc.root) continue;
    if (readParameterFile(doc.root)) continue;
    if (!prop(doc.root, 'resources')) continue;
    templates++;
    const t0 = performance.now();
    const scope = TemplateScope.forTemplate(doc.root);
    walk(doc.root, scope, 0);
    const ms = performance.now() - t0;
    assert.ok(ms < 1500, `${f} took ${ms.toFixed(0)} ms`);
    assert.equal(scope.budget.exhausted, false, f);
  }
  assert.ok(templates > 10);
});
