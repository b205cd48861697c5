import type { OffsetEdit } from '../rules/finding';

/**
 * Applies non-overlapping edits to `text` (in any order given). Edits at the same offset keep
 * their given order. Throws on overlapping edits: a fix that overlaps itself is a bug.
 */
export function applyEdits(text: string, edits: readonly OffsetEdit[]): string {
  const sorted = edits.map((e, i) => ({ e, i })).sort((a, b) => a.e.offset - b.e.offset || a.i - b.i);
  let out = '';
  let pos = 0;
  for (const { e } of sorted) {
    if (e.offset < pos) throw new Error(`overlapping edits at offset ${e.offset}`);
    out += text.slice(pos, e.offset) + e.newText;
    pos = e.offset + e.length;
  }
  return out + text.slice(pos);
}
