import { ENTRY, EntriesObjectNode, linkOf } from './treeBuilder';

/**
 * The one syntax tree every analysis step reads, for JSON and YAML alike.
 *
 * Its shape is jsonc-parser's `Node` on purpose: a JSON document's `parseTree` output (a text with syntax
 * errors) is used as is (no conversion pass), and our parsers build the same shape, read through `children`
 * and `parentOf` (the lean JSON parser's objects make their property nodes when first asked: treeBuilder.ts).
 * Offsets and lengths are in UTF-16 code units of the document text (what JavaScript strings and LSP
 * positions use).
 */
export type SourceNodeType = 'object' | 'array' | 'property' | 'string' | 'number' | 'boolean' | 'null';

export interface SourceNode {
  readonly type: SourceNodeType;
  /** Scalar value (for property nodes: undefined; the key is children[0]). */
  readonly value?: unknown;
  readonly offset: number;
  readonly length: number;
  readonly colonOffset?: number;
  /**
   * Property nodes: the key (`children[0].value`), set by our own parsers so that a property lookup
   * reads it from the property node itself instead of following two more pointers per property (on a
   * large tree those are cache misses). Trees from jsonc-parser's tolerant path do not have it.
   */
  readonly key?: string;
  /**
   * Property nodes of our own parsers (treeBuilder.ts): the value node (`children[1]`), held directly so
   * that reading a property's value does not make its key node and `children` array (built only when first
   * read).
   */
  readonly valueNode?: SourceNode;
  // No `parent` here: a value of the lean JSON parser's objects links to its object, not to a property node that may
  // not have been made; `parentOf` gives the parent, as jsonc-parser's trees have it.
  /** object: property nodes; property: [key, value]; array: items. */
  readonly children?: SourceNode[];
}

export interface SourceRange {
  readonly offset: number;
  readonly length: number;
}

export function rangeOf(node: SourceNode): SourceRange {
  return { offset: node.offset, length: node.length };
}

/**
 * The parent of `node`: for a property's value its property node, for an item its array, for a property its object
 * (jsonc-parser's shape). The lean JSON parser's object makes its property nodes here, when first asked.
 */
export function parentOf(node: SourceNode): SourceNode | undefined {
  const up = linkOf(node);
  return up instanceof EntriesObjectNode && node.type !== 'property' ? up.propertyOf(node) : up;
}

/**
 * The value nodes directly under `node`: an object's property values, an array's items, a property's value (for a
 * walk over values that needs no property node: the lean JSON parser's objects make none for it).
 */
export function childValues(node: SourceNode): readonly SourceNode[] {
  if (node instanceof EntriesObjectNode) return Array.from({ length: node.size }, (_, i) => node.valueAt(i));
  if (node.type === 'property') {
    const v = valueOfProperty(node);
    return v ? [v] : [];
  }
  if (node.type === 'object') return (node.children ?? []).flatMap((p) => childValues(p));
  return node.children ?? [];
}

/** The value node of property `key` (case-insensitive, as ARM reads property names). */
export function prop(node: SourceNode | undefined, key: string): SourceNode | undefined {
  if (node instanceof EntriesObjectNode) {
    // the last duplicate wins, as in propNode
    const e = node.entries;
    for (let i = e.length - ENTRY; i >= 0; i -= ENTRY) if (sameName(e[i] as string, key)) return e[i + 1] as SourceNode;
    return undefined;
  }
  const p = propNode(node, key);
  return p && valueOfProperty(p);
}

/** The value node of a property node (`children[1]`), without building the `children` of a lean parser's node. */
export function valueOfProperty(p: SourceNode): SourceNode | undefined {
  return p.valueNode ?? p.children?.[1];
}

/**
 * ARM's comparison of names (property names, parameter and variable names): case-insensitive, per
 * character. Compares ASCII letters without allocating (a lower-cased copy per key compared was a
 * measurable share of the allocations on large templates); other characters by their lower case.
 */
export function sameName(a: string, b: string): boolean {
  if (a === b) return true;
  const n = a.length;
  if (n !== b.length) return false;
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 128 || y >= 128) return a.toLowerCase() === b.toLowerCase();
    const lx = x | 32;
    if (lx !== (y | 32) || lx < 97 || lx > 122) return false;
  }
  return true;
}

/** The property node (key + value) of `key`, case-insensitive. The last duplicate wins, as in JSON.parse. */
export function propNode(node: SourceNode | undefined, key: string): SourceNode | undefined {
  if (!node || node.type !== 'object' || !node.children) return undefined;
  let found: SourceNode | undefined;
  const kids = node.children;
  for (let i = 0; i < kids.length; i++) {
    const p = kids[i]!;
    const k = keyOf(p);
    if (k !== undefined && sameName(k, key)) found = p;
  }
  return found;
}

/** Walks a path of property names (strings) and array indices (numbers). */
export function nodeAt(node: SourceNode | undefined, path: readonly (string | number)[]): SourceNode | undefined {
  let cur = node;
  for (const seg of path) {
    if (!cur) return undefined;
    cur = childAt(cur, seg);
  }
  return cur;
}

/** One step of `nodeAt`: the value of property `seg`, or item `seg` of an array. */
export function childAt(node: SourceNode, seg: string | number): SourceNode | undefined {
  if (typeof seg === 'number') return node.type === 'array' ? node.children?.[seg] : undefined;
  return prop(node, seg);
}

/** Property name of a property node: its own `key` where the parser set it, else its key node's value. */
export function keyOf(p: SourceNode): string | undefined {
  const k = p.key;
  if (k !== undefined) return k;
  const v = p.children?.[0]?.value;
  return typeof v === 'string' ? v : undefined;
}

/** The JSON path from the root to `node` (property names and array indices). */
export function pathOf(node: SourceNode): (string | number)[] {
  const path: (string | number)[] = [];
  let cur: SourceNode = node;
  for (let parent = parentOf(cur); parent; parent = parentOf(cur)) {
    if (parent.type === 'property') {
      const k = keyOf(parent);
      if (k !== undefined) path.unshift(k);
      const object = parentOf(parent);
      if (!object) break;
      cur = object;
      continue;
    }
    if (parent.type === 'array') path.unshift(parent.children!.indexOf(cur));
    cur = parent;
  }
  return path;
}

/** The innermost node whose range contains `offset` (end inclusive, as a cursor after a token). */
export function nodeAtOffset(root: SourceNode, offset: number): SourceNode | undefined {
  if (offset < root.offset || offset > root.offset + root.length) return undefined;
  for (const c of root.children ?? []) {
    if (offset >= c.offset && offset <= c.offset + c.length) return nodeAtOffset(c, offset) ?? c;
  }
  return root;
}

/** Plain JavaScript value of a node tree (no expression evaluation). */
export function plainValue(node: SourceNode | undefined): unknown {
  if (!node) return undefined;
  switch (node.type) {
    case 'object': {
      const o: Record<string, unknown> = {};
      for (const p of node.children ?? []) {
        const k = keyOf(p);
        if (k !== undefined) o[k] = plainValue(valueOfProperty(p));
      }
      return o;
    }
    case 'array':
      return (node.children ?? []).map(plainValue);
    case 'property':
      return plainValue(valueOfProperty(node));
    default:
      return node.value;
  }
}
