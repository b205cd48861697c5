import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { stringify as toYaml } from 'yaml';
import { analyzeText, applyEdits, type AnalysisResult, type Finding } from '../../server/src/core/index';

/**
 * A table-driven rule tester in the style of ESLint's RuleTester, over JSON and YAML at once.
 *
 * A case is a template given as a plain object (written out as JSON and as YAML, so each case is
 * checked in both formats) or as literal text in one format. Expected findings name their
 * messageId and where they start: `at` is a scalar value whose n-th occurrence in the document is
 * the finding's node, or `line`/`column` (1-based) for literal text. `output` checks the text after
 * the finding's first fix; every fix is also applied and re-analysed: that finding must be gone,
 * and no new finding (of any severity) may appear.
 */
export interface ExpectedFinding {
  readonly messageId: string;
  /** A scalar (string or number) whose `occurrence`-th appearance as a value is where the finding starts. */
  readonly at?: string | number;
  readonly occurrence?: number;
  readonly line?: number;
  readonly column?: number;
  readonly severity?: Finding['severity'];
  /** Words the message must contain. */
  readonly mentions?: readonly string[];
  /** The number of fixes offered (default: not checked). */
  readonly fixes?: number;
}

export interface Case {
  readonly name: string;
  /** A template object (checked as JSON and YAML) or document text. */
  readonly template: object | string;
  /** Only with text templates. */
  readonly format?: 'json' | 'yaml';
  /** A parameters file object. */
  readonly parameters?: object;
  /** Only JSON, or only YAML, for object templates. */
  readonly only?: 'json' | 'yaml';
}

export interface InvalidCase extends Case {
  readonly findings: readonly ExpectedFinding[];
  /** For JSON text/objects: the expected text after applying the first fix of the first finding. */
  readonly output?: string;
  /** Substrings the text must contain after the first fix of the first finding (both formats). */
  readonly outputContains?: readonly string[];
}

export function render(template: object | string, format: 'json' | 'yaml'): string {
  if (typeof template === 'string') return template;
  return format === 'json' ? JSON.stringify(template, null, 2) + '\n' : toYaml(template, { lineWidth: 0 });
}

function formats(c: Case): ('json' | 'yaml')[] {
  if (typeof c.template === 'string') return [c.format ?? 'json'];
  return c.only ? [c.only] : ['json', 'yaml'];
}

export function analyze(text: string, format: 'json' | 'yaml', parameters?: object): AnalysisResult {
  return analyzeText(text, { format, parameters: parameters ? { text: JSON.stringify({ $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#', contentVersion: '1.0.0.0', parameters }), uri: 'p.parameters.json' } : undefined });
}

/** Offset where the `occurrence`-th (1-based) scalar `value` starts (its opening quote included). */
export function locate(text: string, value: string | number, occurrence = 1): number {
  const s = String(value);
  let from = 0;
  let n = 0;
  for (;;) {
    const i = text.indexOf(s, from);
    if (i < 0) throw new Error(`'${s}' occurs fewer than ${occurrence} times in the document`);
    from = i + 1;
    const before = text[i - 1];
    const after = text[i + s.length];
    const quoted = (before === '"' && after === '"') || (before === "'" && after === "'");
    const plain = (before === ' ' || before === '\n') && (after === '\n' || after === ',' || after === undefined || after === '\r' || after === ' ');
    if (!quoted && !plain) continue;
    if (++n === occurrence) return quoted ? i - 1 : i;
  }
}

/**
 * Where `offset` of the original text is after `edits` (sorted or not); undefined when an edit replaced
 * the text there (the finding's own node was rewritten: it cannot be the same finding).
 */
function mapOffset(offset: number, edits: readonly { offset: number; length: number; newText: string }[]): number | undefined {
  let shift = 0;
  for (const e of edits) {
    if (e.offset + e.length <= offset && !(e.length > 0 && e.offset === offset)) shift += e.newText.length - e.length;
    else if (e.offset <= offset && offset < e.offset + e.length) return undefined;
  }
  return offset + shift;
}

function warningsAndErrors(r: AnalysisResult): string[] {
  return r.findings.filter((f) => f.severity === 'error' || f.severity === 'warning').map((f) => `${f.ruleId}: ${f.message}`);
}

/** A finding's identity across a fix: rule, message id and where it starts (its message may change: "blocks 6 flows" → "5"). */
const identity = (ruleId: string, messageId: string, offset: number | undefined) => `${ruleId}/${messageId}@${offset ?? '?'}`;

export function ruleTester(ruleId: string, cases: { valid: readonly Case[]; invalid: readonly InvalidCase[] }): void {
  describe(ruleId, () => {
    for (const c of cases.valid) {
      for (const format of formats(c)) {
        it(`valid (${format}): ${c.name}`, () => {
          const text = render(c.template, format);
          const r = analyze(text, format, c.parameters);
          assert.ok(r.isTemplate, 'the case is not recognised as an ARM template');
          const mine = r.findings.filter((f) => f.ruleId === ruleId);
          assert.deepEqual(mine.map((f) => f.message), [], `expected no ${ruleId} finding`);
          assert.deepEqual(r.findings.filter((f) => f.ruleId === 'syntax-error' || f.ruleId === 'analysis-skipped').map((f) => f.message), []);
        });
      }
    }
    for (const c of cases.invalid) {
      for (const format of formats(c)) {
        it(`invalid (${format}): ${c.name}`, () => {
          const text = render(c.template, format);
          const r = analyze(text, format, c.parameters);
          assert.ok(r.isTemplate, 'the case is not recognised as an ARM template');
          assert.deepEqual(r.findings.filter((f) => f.ruleId === 'syntax-error' || f.ruleId === 'analysis-skipped').map((f) => f.message), []);
          const mine = r.findings.filter((f) => f.ruleId === ruleId);
          assert.equal(mine.length, c.findings.length, `findings: ${JSON.stringify(mine.map((f) => `${f.messageId}: ${f.message}`), null, 1)}`);
          c.findings.forEach((e, i) => {
            const f = mine[i]!;
            assert.equal(f.messageId, e.messageId, f.message);
            if (e.severity) assert.equal(f.severity, e.severity);
            for (const w of e.mentions ?? []) assert.ok(f.message.includes(String(w)), `message should mention '${w}': ${f.message}`);
            if (e.at !== undefined) assert.equal(f.range.offset, locate(text, e.at, e.occurrence), `position of ${e.messageId} (at ${String(e.at)})`);
            if (e.line !== undefined) {
              const pos = r.lines.positionAt(f.range.offset);
              assert.equal(pos.line + 1, e.line, 'line');
              if (e.column !== undefined) assert.equal(pos.character + 1, e.column, 'column');
            }
            if (e.fixes !== undefined) assert.equal(f.fixes?.length ?? 0, e.fixes, 'number of fixes');
            for (const fix of f.fixes ?? []) checkFix(text, format, c, r, f, fix);
          });
          const first = mine[0]?.fixes?.[0];
          if (c.output !== undefined && format === 'json') {
            assert.ok(first, 'expected a fix');
            assert.equal(applyEdits(text, first.edits), c.output);
          }
          for (const s of c.outputContains ?? []) {
            assert.ok(first, 'expected a fix');
            const after = applyEdits(text, first.edits);
            assert.ok(after.includes(s), `fixed text should contain ${JSON.stringify(s)}:\n${after}`);
          }
        });
      }
    }
  });
}

/** Applies one fix and re-analyses: the finding is gone, and no new finding appears (of any severity). */
export function checkFix(text: string, format: 'json' | 'yaml', c: Case, before: AnalysisResult, f: Finding, fix: NonNullable<Finding['fixes']>[number]): void {
  assert.match(fix.title, /^[A-Z][^]*[^.]$/, `fix title style: ${fix.title}`);
  const after = applyEdits(text, fix.edits);
  const r = analyze(after, format, c.parameters);
  assert.deepEqual(r.findings.filter((x) => x.ruleId === 'syntax-error').map((x) => x.message), [], `the fix '${fix.title}' breaks the document:\n${after}`);
  const same = r.findings.filter((x) => x.ruleId === f.ruleId && x.message === f.message);
  const sameBefore = before.findings.filter((x) => x.ruleId === f.ruleId && x.message === f.message);
  assert.ok(same.length < sameBefore.length, `the fix '${fix.title}' did not remove: ${f.message}\n${after}`);
  // Any finding the fix brings, of any severity: one that no finding of the same rule and message id had
  // at the same place before (counted: a second one there is new too).
  const left = new Map<string, number>();
  for (const x of before.findings) {
    const k = identity(x.ruleId, x.messageId, mapOffset(x.range.offset, fix.edits));
    left.set(k, (left.get(k) ?? 0) + 1);
  }
  const added = r.findings
    .filter((x) => {
      const k = identity(x.ruleId, x.messageId, x.range.offset);
      const n = left.get(k) ?? 0;
      if (n > 0) left.set(k, n - 1);
      return n === 0;
    })
    .map((x) => `${x.severity} ${x.ruleId}/${x.messageId}: ${x.message}`);
  // ... and no warning or error with a message not seen before, wherever it is.
  const old = new Set(warningsAndErrors(before));
  added.push(...warningsAndErrors(r).filter((m) => !old.has(m)));
  assert.deepEqual(added, [], `the fix '${fix.title}' introduced new findings:\n${after}`);
}
