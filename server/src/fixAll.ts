import { applyEdits, type Finding, type Fix, type OffsetEdit } from './core/index';

/** The fix a "fix all" applies for a finding: its preferred one, else its first. */
export const preferredFix = (f: Finding): Fix | undefined => f.fixes?.find((x) => x.isPreferred) ?? f.fixes?.[0];

/**
 * One pass: one fix per finding, in document order, skipping any fix whose edits touch an edit already taken
 * (two inserts at the same point count as touching: their order and separators are not ours to guess).
 */
export function combineFixes(findings: readonly Finding[]): OffsetEdit[] {
  const taken: OffsetEdit[] = [];
  const sorted = [...findings].sort((a, b) => a.range.offset - b.range.offset);
  for (const f of sorted) {
    const fix = preferredFix(f);
    if (!fix || fix.edits.length === 0) continue;
    const clash = fix.edits.some((e) => taken.some((t) => e.offset <= t.offset + t.length && t.offset <= e.offset + e.length));
    if (!clash) taken.push(...fix.edits);
  }
  return taken.sort((a, b) => a.offset - b.offset);
}

/**
 * Fixes every finding that `wanted` selects, ESLint style: apply the non-clashing fixes, re-analyse the result,
 * repeat (at most `maxPasses`, and only while the number of fixable findings goes down, so a fix that does not
 * fix cannot loop). Returns one edit from the original text to the result, or undefined when nothing changed.
 */
export function fixAll(
  text: string,
  findings: readonly Finding[],
  reanalyze: (text: string) => readonly Finding[],
  wanted: (f: Finding) => boolean = () => true,
  maxPasses = 10,
): OffsetEdit | undefined {
  const fixable = (fs: readonly Finding[]) => fs.filter((f) => wanted(f) && preferredFix(f));
  let current = text;
  let pending = fixable(findings);
  for (let pass = 0; pass < maxPasses && pending.length > 0; pass++) {
    const edits = combineFixes(pending);
    if (edits.length === 0) break;
    current = applyEdits(current, edits);
    const next = fixable(reanalyze(current));
    if (next.length >= pending.length) break;
    pending = next;
  }
  return current === text ? undefined : minimalEdit(text, current);
}

/** The single replacement between the common prefix and the common suffix of two texts. */
export function minimalEdit(before: string, after: string): OffsetEdit {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (end < max - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  return { offset: start, length: before.length - start - end, newText: after.slice(start, after.length - end) };
}
