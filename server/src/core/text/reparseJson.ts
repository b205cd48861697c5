import { valueOfProperty, type SourceNode } from './sourceNode';
import { parseJsonFragment, parseJsonFragmentTolerant, type ParsedDocument, type ReusableTree, type SyntaxProblem } from './parseJson';
import { splice } from './narrowPart';
import { EntriesObjectNode, linkOf } from './treeBuilder';

/**
 * The parse of an edited JSON document from the tree of its previous version: the innermost object or array
 * whose brackets hold the whole edit (or the string value whose quotes hold it, when it is still one string) is
 * parsed again, put in place of the old one, and the nodes after it move by the edit's length. Undefined when
 * that is not possible (no reusable tree, an edit outside the root's brackets or directly inside them, the object
 * or array no longer one value that ends with its own closing bracket, a syntax problem of the previous version
 * across its brackets): the caller parses the whole text.
 *
 * Why: in the language server every keystroke is a new version. A 2 MB template's tree is 125 k objects
 * (11 MB); parsing it again allocated all of them for the young generation to copy and promote, and the old
 * tree became garbage for the next full collection, on every edit. Kept, the tree stays where it is.
 *
 * The result is the tree and the problems a full parse of the new text gives, node for node (same types,
 * offsets, lengths, values, keys, parents): the text before and after the re-parsed value is unchanged, a
 * parser reads no token after a value's closing bracket while parsing it, and the value ends where the old one
 * did, moved. An error-free value is parsed by the lean parser; one with syntax errors by jsonc-parser, as a
 * whole document with errors is (parseJson.ts), and the previous version's problems outside it are kept, moved.
 */
export function reparseJson(previous: ReusableTree, text: string): ParsedDocument | undefined {
  const root = previous.root;
  if (!root || previous.format === 'yaml') return undefined;
  const old = previous.text;
  const start = commonPrefix(old, text);
  if (start === old.length && start === text.length) return take(previous, text, root, previous.problems);
  const tail = commonSuffix(old, text, start);
  const oldEnd = old.length - tail;
  const delta = text.length - old.length;
  if (!holds(root, start, oldEnd)) return undefined;
  // the objects and arrays from the root down to the innermost one that holds the edit, and the value directly
  // inside that one where the edit starts
  const path: SourceNode[] = [root];
  let value: SourceNode | undefined;
  for (;;) {
    value = valueAt(path[path.length - 1]!, start);
    if (!value || !holds(value, start, oldEnd)) break;
    path.push(value);
  }
  // An edit inside a string value, between its quotes (most keystrokes: a name, an address, a port), parses that
  // string alone, when it is still one string there: the object around it is unchanged.
  const inString = value?.type === 'string' && path.length > 1 && !previous.problems.length && inside(value, start, oldEnd);
  const edited = inString ? value : undefined;
  if (edited) {
    const end = edited.offset + edited.length + delta;
    const fresh = parseJsonFragment(text, edited.offset, end, linkOf(edited)!, path.length);
    if (fresh) {
      splice(edited, fresh, delta);
      return take(previous, text, root, [], { replaced: fresh, discarded: edited });
    }
  }
  // the innermost one that no problem of the previous version crosses (a problem is inside or outside it)
  let depth = path.length;
  while (depth > 1 && previous.problems.some((p) => crosses(p, path[depth - 1]!))) depth--;
  // An edit directly inside the root's brackets (between resources, say) is a full parse anyway.
  if (depth === 1) return undefined;
  const node = path[depth - 1]!;
  const from = node.offset;
  const to = node.offset + node.length;
  const parent = linkOf(node)!;
  let fresh = parseJsonFragment(text, from, to + delta, parent, depth - 1);
  let added: readonly SyntaxProblem[] = [];
  if (!fresh) {
    // A part as large as half the text (the `resources` array) costs what the whole parse does, and when
    // jsonc-parser does not close it (a resource being typed between two others) the whole parse follows.
    if (2 * (to + delta - from) > text.length) return undefined;
    const tolerant = parseJsonFragmentTolerant(text, from, to + delta, parent);
    if (!tolerant) return undefined;
    fresh = tolerant.node;
    added = tolerant.problems;
  }
  // The value goes in whole, not narrowed to the part that differs as YAML's is (narrowPart.ts): jsonc-parser's
  // recovery of a syntax problem makes property nodes whose length is not their value's end.
  splice(node, fresh, delta);
  // The previous problems before the value stay, those inside it are replaced, those after it move.
  const problems: SyntaxProblem[] = [];
  for (const p of previous.problems) if (before(p, from)) problems.push(p);
  problems.push(...added);
  for (const p of previous.problems) if (p.offset >= to) problems.push({ message: p.message, offset: p.offset + delta, length: p.length });
  return take(previous, text, root, problems, { replaced: fresh, discarded: node });
}

/** The parse result for `text` from `root`, now its tree; the previous hand-off is spent. */
function take(
  previous: ReusableTree, text: string, root: SourceNode, problems: readonly SyntaxProblem[],
  part?: { replaced: SourceNode; discarded: SourceNode },
): ParsedDocument {
  previous.root = undefined;
  return { format: 'json', root, problems, reusable: { text, root, problems }, ...part };
}

/**
 * True for a problem the parse reported before it parsed the value at `from`: one that ends before it, or one
 * at its opening bracket, which is the enclosing object's or array's ("comma expected" before an item, say): the
 * value's own parse meets no problem at its first token.
 */
function before(p: SyntaxProblem, from: number): boolean {
  return p.offset + p.length <= from || p.offset === from;
}

/**
 * True when a problem is neither before `node` (see `before`), nor inside it after its first token, nor after it. A
 * problem right at its end counts as its own: a value left unclosed at the text's end ends there, and so do the
 * "close brace expected" of it and of every collection around it, which its own parse would report once more.
 */
function crosses(p: SyntaxProblem, node: SourceNode): boolean {
  const from = node.offset;
  const to = node.offset + node.length;
  return !before(p, from) && !(p.offset > from && p.offset + p.length <= to) && p.offset <= to;
}

/** True when the edit `start`..`end` (old text) lies inside `node`, its first and last characters outside it. */
function inside(node: SourceNode, start: number, end: number): boolean {
  return start > node.offset && end < node.offset + node.length;
}

/** True when `node` is an object or array whose brackets are outside the edit `start`..`end` (old text). */
function holds(node: SourceNode, start: number, end: number): boolean {
  return (node.type === 'object' || node.type === 'array') && inside(node, start, end);
}

/** The value directly inside `node` (a property's value or an item) that starts last at or before `offset`. */
export function valueAt(node: SourceNode, offset: number): SourceNode | undefined {
  // the lean parser's object by its entries' key offsets (no property nodes made), others by their children
  if (node instanceof EntriesObjectNode) {
    const i = lastStartingBy(node.size, (j) => node.keyOffsetAt(j), offset);
    return i < 0 ? undefined : node.valueAt(i);
  }
  const kids = node.children;
  if (!kids) return undefined;
  const i = lastStartingBy(kids.length, (j) => kids[j]!.offset, offset);
  if (i < 0) return undefined;
  const kid = kids[i]!;
  return kid.type === 'property' ? valueOfProperty(kid) : kid;
}

/** Of `n` children in text order (child i starts at `startOf(i)`), the last starting at or before `offset`; else -1. */
function lastStartingBy(n: number, startOf: (i: number) => number, offset: number): number {
  if (n === 0 || startOf(0) > offset) return -1;
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (startOf(mid) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Compared in chunks (a comparison of two slices is native) before characters. */
const CHUNK = 512;

/** The length of the longest common prefix of `a` and `b`. */
export function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i + CHUNK <= n && a.slice(i, i + CHUNK) === b.slice(i, i + CHUNK)) i += CHUNK;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** The length of the longest common suffix of `a` and `b` that does not reach into their first `prefix` characters. */
export function commonSuffix(a: string, b: string, prefix: number): number {
  const n = Math.min(a.length, b.length) - prefix;
  const la = a.length;
  const lb = b.length;
  let i = 0;
  while (i + CHUNK <= n && a.slice(la - i - CHUNK, la - i) === b.slice(lb - i - CHUNK, lb - i)) i += CHUNK;
  while (i < n && a.charCodeAt(la - i - 1) === b.charCodeAt(lb - i - 1)) i++;
  return i;
}
