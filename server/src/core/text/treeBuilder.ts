import type { SourceNode } from './sourceNode';

/**
 * What our JSON and YAML parsers build their trees with: the JSON parser's objects that make their property nodes
 * when first asked (`EntriesObjectNode`), the YAML parsers' property nodes (`PropertyNode`), both making their key node
 * on first read, and `children` arrays of exactly their length. The parsers are synchronous, so the stack is shared.
 */

/** A node under construction, with its link up (`parentOf` reads it: sourceNode.ts). */
export type MutableNode = { -readonly [K in keyof SourceNode]: SourceNode[K] } & { parent?: SourceNode };

/**
 * The link up that a node holds: its property node, array or object (a value of an `EntriesObjectNode` links to the
 * object; `parentOf` finds its property). Undefined on the root.
 */
export function linkOf(node: SourceNode): SourceNode | undefined {
  return (node as MutableNode).parent;
}

/**
 * A property node. It holds its key and value node; its key node and `children` array (`[key, value]`,
 * the shape every tree has; `[key]` when the value converted to nothing) are made the first time
 * something reads `children`. Most property nodes are only ever read through `key` and `valueNode` (a
 * lookup by name), and one key node plus one two-item array per property were 120 k of the 270 k objects
 * a 2 MB template's tree allocated: fewer objects to allocate and for the young-generation collections
 * to copy while parsing.
 *
 * Property nodes are half of a tree's nodes, so each field costs: `type` is the prototype's, `length` is
 * computed from the value node (which an edit's re-parse updates in place: reparseJson.ts), and the
 * `children` made on first read are kept aside (no analysis reads them; hovers and completions do) with a
 * key node that reads its offset from the property (an edit's re-parse moves the property alone). Six
 * fields: 72 bytes a node instead of 96 (docs/performance.md, round 15).
 */
export class PropertyNode implements SourceNode {
  // Fields are assigned in the constructor, in one order (no class-field definitions, which V8 runs as
  // separate define steps per field and per object).
  declare readonly type: 'property';
  declare offset: number;
  declare readonly parent: SourceNode;
  declare colonOffset: number;
  declare readonly key: string;
  declare private readonly keyLength: number;
  declare valueNode: SourceNode | undefined;

  constructor(offset: number, parent: SourceNode, colonOffset: number, key: string, keyLength: number) {
    this.offset = offset;
    this.parent = parent;
    this.colonOffset = colonOffset;
    this.key = key;
    this.keyLength = keyLength;
    this.valueNode = undefined;
  }

  get length(): number {
    return propertyLength(this.offset, this.keyLength, this.valueNode);
  }

  /** Moves the node (and so its key node, if made) `delta` characters (reparseJson.ts: an edit before it). */
  moveBy(delta: number): void {
    this.offset += delta;
    this.colonOffset += delta;
  }

  /** Puts `value` in place of the value node (reparseJson.ts: an edit inside it was parsed again). */
  replaceValue(value: SourceNode): void {
    this.valueNode = value;
    const kids = madeChildren.get(this);
    if (kids && kids.length > 1) kids[1] = value;
  }

  get children(): SourceNode[] {
    let kids = madeChildren.get(this);
    if (!kids) {
      const key = new KeyNode(this, this.keyLength);
      kids = this.valueNode ? [key, this.valueNode] : [key];
      madeChildren.set(this, kids);
    }
    return kids;
  }
}
Object.defineProperty(PropertyNode.prototype, 'type', { value: 'property', enumerable: true });

/** The `children` of the property nodes that were asked for them. */
const madeChildren = new WeakMap<PropertyNode, SourceNode[]>();

/**
 * A property node's length: from the key's start to the value's end (to the key's end when the value converted to
 * nothing, or a recovery left it before the key's end).
 */
function propertyLength(offset: number, keyLength: number, value: SourceNode | undefined): number {
  if (!value) return keyLength;
  const end = value.offset + value.length - offset;
  return end > keyLength ? end : keyLength;
}

/**
 * Slots per property in `EntriesObjectNode.entries`: key, value node (the first two, as in a `TemplateScope.keyIndex`,
 * which readers scan with this stride), then its position (read through the node's methods): the key's offset, where
 * the key is written as usual (`"key":`, no escape in the key, its colon right after it: the key's length is its
 * value's plus the quotes, the colon's offset the key's end), else `-1 - i`, `i` the index of the key offset, colon
 * offset and key length in the object's `irregular` list. Five slots a property (key offset, colon offset and key length
 * each) were 2.4 MB of the 2 MB benchmark template's 7.8 MB tree, which every scavenge during an analysis copies.
 */
export const ENTRY = 3;
const VALUE = 1;
const POSITION = 2;

/**
 * An object node of the lean JSON parser, which makes no property nodes: per property, its key, value node and
 * position lie in one exact-length array (`entries`, ENTRY slots each), and the property nodes (`EntryProperty`, which
 * read their fields from there) are made the first time `children` is read. The readers of the analysis look keys up
 * in `entries` (`prop`, `TemplateScope.lookup` and `keyIndex`): on the 2 MB benchmark template about 1,200 of its
 * 16,904 objects are ever asked for their property nodes. A property node was 72 bytes and a slot of `children`,
 * 60,037 of them; the tree keeps 6.9 MB instead of 10.4 (docs/performance.md, rounds 22 and 23).
 *
 * A value of the object links to the object (`linkOf`), not to a property node that may not exist: `parentOf` finds its
 * property. Re-parses (reparseJson.ts, narrowPart.ts) replace and move entries in place; a property node reads them,
 * so that it stays right, and stays the same object, for as long as the object is in the tree.
 */
export class EntriesObjectNode implements SourceNode {
  declare readonly type: 'object';
  declare offset: number;
  declare length: number;
  declare parent: SourceNode | undefined;
  /** Key, value node, position (see ENTRY), per property in text order. */
  declare entries: unknown[];
  /** Key offset, colon offset and key length of the keys not written as usual (see ENTRY). */
  declare irregular: number[];
  /**
   * True when a key is `copy` (in any case): only then may the object hold a property copy loop, which its readers
   * must evaluate (`TemplateScope.lookup`, `keyIndex`); every other object's keys are looked up as written.
   */
  declare copyKey: boolean;
  declare private made: EntryProperty[] | undefined;

  constructor(offset: number, parent: SourceNode | undefined) {
    this.offset = offset;
    this.length = -1;
    this.parent = parent;
    this.entries = NO_ENTRIES;
    this.irregular = NO_IRREGULAR;
    this.copyKey = false;
    this.made = undefined;
  }

  /** The property nodes, made at the first read. */
  get children(): SourceNode[] {
    let made = this.made;
    if (!made) {
      const n = this.entries.length / ENTRY;
      made = new Array<EntryProperty>(n);
      for (let j = 0; j < n; j++) made[j] = new EntryProperty(this, j * ENTRY);
      this.made = made;
    }
    return made;
  }

  /** The number of properties. */
  get size(): number {
    return this.entries.length / ENTRY;
  }

  /**
   * The position slot (see ENTRY) of a key of this object at `keyOffset`, `keyLength` characters as written (`key`
   * unescaped), its colon at `colonOffset`: the lean parser's, per property.
   */
  positionOf(key: string, keyOffset: number, colonOffset: number, keyLength: number): number {
    if (keyLength === key.length + 2 && colonOffset === keyOffset + keyLength) return keyOffset;
    if (this.irregular === NO_IRREGULAR) this.irregular = [];
    this.irregular.push(keyOffset, colonOffset, keyLength);
    return -1 - (this.irregular.length - 3);
  }

  /** The key offset of property `i` (in text order). */
  keyOffsetAt(i: number): number {
    return this.positionAt(i * ENTRY, 0);
  }

  /**
   * Of the property whose entry starts at slot `at`: its key offset (`field` 0), colon offset (1) or key length (2).
   */
  positionAt(at: number, field: 0 | 1 | 2): number {
    const e = this.entries;
    const pos = e[at + POSITION] as number;
    if (pos < 0) return this.irregular[-1 - pos + field]!;
    return field === 0 ? pos : field === 1 ? pos + (e[at] as string).length + 2 : (e[at] as string).length + 2;
  }

  /** The value node of property `i`. */
  valueAt(i: number): SourceNode {
    return this.entries[i * ENTRY + VALUE] as SourceNode;
  }

  /** The index of the property whose value is `value`, else -1. */
  indexOf(value: SourceNode): number {
    const e = this.entries;
    for (let i = VALUE; i < e.length; i += ENTRY) if (e[i] === value) return (i - VALUE) / ENTRY;
    return -1;
  }

  /** The property node of `value`, one of this object's values; undefined for a node that is not (any more). */
  propertyOf(value: SourceNode): SourceNode | undefined {
    const i = this.indexOf(value);
    return i < 0 ? undefined : this.children[i];
  }

  /** Puts `fresh` in place of the value `old` (a re-parse of it: narrowPart.ts). */
  replaceValue(old: SourceNode, fresh: SourceNode): void {
    this.entries[this.indexOf(old) * ENTRY + VALUE] = fresh;
  }

  /** Moves the properties after the one whose value is `value` (all of them for undefined) `delta` characters. */
  moveAfter(value: SourceNode | undefined, delta: number): void {
    const e = this.entries;
    const irregular = this.irregular;
    for (let i = value ? (this.indexOf(value) + 1) * ENTRY : 0; i < e.length; i += ENTRY) {
      const pos = e[i + POSITION] as number;
      if (pos >= 0) e[i + POSITION] = pos + delta;
      else {
        irregular[-1 - pos] += delta;
        irregular[-1 - pos + 1] += delta;
      }
      moveTree(e[i + VALUE] as SourceNode, delta);
    }
  }
}
Object.defineProperty(EntriesObjectNode.prototype, 'type', { value: 'object', enumerable: true });
const NO_ENTRIES: unknown[] = [];
const NO_IRREGULAR: number[] = [];

/**
 * A property node of an `EntriesObjectNode`: its fields are read from the object's entries (so that a re-parse, which
 * moves and replaces entries, keeps it right). Its `children` are `[key, value]`, the key node made once.
 */
export class EntryProperty implements SourceNode {
  declare readonly type: 'property';
  /** `[key, value]`, made at the first read of `children` (made on demand itself, this node keeps them). */
  private kids: SourceNode[] | undefined = undefined;

  constructor(
    readonly parent: EntriesObjectNode,
    private readonly at: number,
  ) {}

  get offset(): number {
    return this.parent.positionAt(this.at, 0);
  }

  get colonOffset(): number {
    return this.parent.positionAt(this.at, 1);
  }

  get key(): string {
    return this.parent.entries[this.at] as string;
  }

  get valueNode(): SourceNode {
    return this.parent.entries[this.at + VALUE] as SourceNode;
  }

  private get keyLength(): number {
    return this.parent.positionAt(this.at, 2);
  }

  get length(): number {
    return propertyLength(this.offset, this.keyLength, this.valueNode);
  }

  get children(): SourceNode[] {
    const kids = this.kids;
    if (!kids) return (this.kids = [new KeyNode(this, this.keyLength), this.valueNode]);
    kids[1] = this.valueNode; // a re-parse may have put another value in
    return kids;
  }
}
Object.defineProperty(EntryProperty.prototype, 'type', { value: 'property', enumerable: true });

/**
 * The key node of a property node (its `children[0]`): a string node at the property's offset, which it
 * reads from the property, so that moving a property moves its key without finding it first.
 */
class KeyNode implements SourceNode {
  declare readonly type: 'string';
  constructor(
    readonly parent: PropertyNode | EntryProperty,
    readonly length: number,
  ) {}

  get offset(): number {
    return this.parent.offset;
  }

  get value(): string {
    return this.parent.key;
  }
}
Object.defineProperty(KeyNode.prototype, 'type', { value: 'string', enumerable: true });

/**
 * The node of a YAML scalar, from the value the yaml library reads it as (parseYaml.ts's conversion and the lean
 * parser alike, so that the two cannot differ): null, a number, a boolean, else its text.
 */
export function scalarNode(v: unknown, offset: number, length: number, parent: SourceNode | undefined): MutableNode {
  const type = v === null || v === undefined ? 'null' : typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'boolean' : 'string';
  return { type, value: type === 'string' ? String(v) : v ?? null, offset, length, parent };
}

/**
 * Children (and the JSON parser's object entries) are collected on one shared stack and copied out when their
 * collection ends, so that every `children` array has exactly its length (an array grown by `push` reserves 17
 * slots or more, and the tree is most of what a large document allocates).
 */
export const childStack: MutableNode[] = [];

/**
 * The children collected on the stack since `base`, as an exact-length array; the stack is reset to
 * `base`. Short lists are written as array literals (allocation sites of their own, which V8 may
 * pretenure: whether it does is decided once per process, docs/performance.md round 10), longer ones
 * sliced.
 */
export function childrenOf(base: number): MutableNode[] {
  const out = itemsOf(childStack, base, childStack.length);
  childStack.length = base;
  return out;
}

/** Items `base`..`end` of `s` as an exact-length array (see childrenOf). */
export function itemsOf<T>(s: readonly T[], base: number, end: number): T[] {
  switch (end - base) {
    case 0: return [];
    case 1: return [s[base]!];
    case 2: return [s[base]!, s[base + 1]!];
    case 3: return [s[base]!, s[base + 1]!, s[base + 2]!];
    case 4: return [s[base]!, s[base + 1]!, s[base + 2]!, s[base + 3]!];
    case 5: return [s[base]!, s[base + 1]!, s[base + 2]!, s[base + 3]!, s[base + 4]!];
    case 6: return [s[base]!, s[base + 1]!, s[base + 2]!, s[base + 3]!, s[base + 4]!, s[base + 5]!];
    case 7: return [s[base]!, s[base + 1]!, s[base + 2]!, s[base + 3]!, s[base + 4]!, s[base + 5]!, s[base + 6]!];
    case 8: return [s[base]!, s[base + 1]!, s[base + 2]!, s[base + 3]!, s[base + 4]!, s[base + 5]!, s[base + 6]!, s[base + 7]!];
    default: return s.slice(base, end);
  }
}

/**
 * Moves a subtree `delta` characters: the nodes after an edit (reparseJson.ts), and a part parsed alone by
 * jsonc-parser to its place in the text. jsonc-parser's property nodes hold their colon's offset themselves.
 */
export function moveTree(node: SourceNode, delta: number): void {
  if (node instanceof EntriesObjectNode) {
    node.offset += delta;
    node.moveAfter(undefined, delta);
    return;
  }
  if (node instanceof PropertyNode) {
    node.moveBy(delta);
    if (node.valueNode) moveTree(node.valueNode, delta);
    return;
  }
  const m = node as MutableNode;
  m.offset += delta;
  if (m.colonOffset !== undefined) m.colonOffset += delta;
  const kids = node.children;
  if (kids) for (let i = 0; i < kids.length; i++) moveTree(kids[i]!, delta);
}
