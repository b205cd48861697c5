import { childAt, type SourceNode } from '../text/sourceNode';
import { asArray, getPath, LiteralScalar, type EV } from '../arm/value';
import type { KeyIndex, TemplateScope } from '../arm/scope';
import type { Val } from './networkModel';

/** True when `inner` lies within `outer` in the document. */
export function within(inner: SourceNode | undefined, outer: SourceNode): boolean {
  return !!inner && inner.offset >= outer.offset && inner.offset + inner.length <= outer.offset + outer.length;
}

type Path = readonly (string | number)[];

/** Shared by the lazy readers of one resource: set when an evaluation threw (the caller then reads it again, eagerly). */
interface LazyState {
  readonly scope: TemplateScope;
  failed: boolean;
}

const isNode = (x: EV | SourceNode): x is SourceNode => 'type' in x;

/**
 * Reads values of one evaluated object (a resource, a subnet item, a rule item) together with the
 * raw node it was written as, so each value also gets its `at` node inside that object.
 *
 * A reader made with `ObjectReader.lazy` reads the same values without evaluating the object whole: it
 * follows the written nodes along each path and evaluates only what the path reaches
 * (`TemplateScope.lookup`). Should an evaluation throw (where `evalNode` would have made the whole object
 * unknown), `failed` turns true and the caller reads the object again with an eager reader.
 */
export class ObjectReader {
  #value: EV | undefined;
  /** Lazy: the written object or array this reader reads, not evaluated yet (its value is `evalPart(#node)`). */
  #node: SourceNode | undefined;
  readonly #lazy: LazyState | undefined;
  /** Lazy: the last first path segment looked up, and what it found. */
  #firstKey: string | undefined;
  #first: EV | SourceNode | undefined;
  /** Lazy: `TemplateScope.keyIndex` of `#first` once a second path reads inside it (null: not indexable). */
  #firstIndex: KeyIndex | null | undefined;
  #firstReads = 0;

  constructor(
    value: EV | undefined,
    /** The raw node of the object (the resource node, an inline array item, a copy `input`). */
    readonly raw: SourceNode,
    lazy?: { node: SourceNode; state: LazyState },
  ) {
    this.#value = value;
    this.#node = lazy?.node;
    this.#lazy = lazy?.state;
  }

  /** A lazy reader of the resource (or other written object) `node`, in `scope`. */
  static lazy(scope: TemplateScope, node: SourceNode): ObjectReader {
    return new ObjectReader(undefined, node, { node, state: { scope, failed: false } });
  }

  /** True when an evaluation of a lazy reader threw: its answers are not to be used. */
  get failed(): boolean {
    return this.#lazy?.failed ?? false;
  }

  /** The evaluated object (a lazy reader evaluates it now, once). */
  get value(): EV | undefined {
    if (this.#node) {
      this.#value = this.#guard(this.#node, (s, n) => s.evalPart(n));
      this.#node = undefined;
    }
    return this.#value;
  }

  /** The value's type, without evaluating a written object or array. */
  get kind(): EV['t'] | undefined {
    const n = this.#node;
    if (n && (n.type === 'object' || n.type === 'array')) return n.type;
    return this.value?.t;
  }

  /** The type of the value at `path` (`getPath(value, path)?.t`), without evaluating a written object or array. */
  kindAt(path: Path): EV['t'] | undefined {
    const found = this.#find(path);
    if (found === undefined) return undefined;
    return isNode(found) ? (found.type as 'object' | 'array') : found.t;
  }

  val(path: Path): Val {
    return this.#val(this.#get(path), path);
  }

  /** `{ ev, at: site(ev, path) }`; a literal scalar written inside this object is that `Val` itself. */
  #val(ev: EV | undefined, path: Path): Val {
    if (ev instanceof LiteralScalar && within(ev.node, this.raw)) return ev;
    return { ev, at: this.site(ev, path) };
  }

  /** The `Val` of item `i` of the written array at `plural`, evaluated to `ev`: at its own node when that is inside. */
  #itemVal(ev: EV | undefined, plural: Path, i: number): Val {
    if (ev?.node && within(ev.node, this.raw)) return ev instanceof LiteralScalar ? ev : { ev, at: ev.node };
    return { ev, at: this.site(ev, [...plural, i]) };
  }

  /** Values of a property that may be written singular (`x`) or plural (`xs`); both are merged. */
  many(singular: Path, plural: Path): Val[] {
    const one = this.#get(singular);
    const first: Val | undefined = one !== undefined && one.t !== 'null' ? this.#val(one, singular) : undefined;
    const list = this.#find(plural);
    // Most properties are written one way only: a list of exactly what there is (an array grown by push
    // reserves 16 slots, and a 2 MB template reads four of these per NSG rule).
    const out: Val[] = first ? [first] : [];
    if (list === undefined) return out;
    if (isNode(list)) {
      // a written array: its items one by one
      if (list.type === 'array') {
        const kids = list.children ?? [];
        for (let i = 0; i < kids.length; i++) out.push(this.#itemVal(this.#evaluate(kids[i]!), plural, i));
      }
      return out;
    }
    if (list?.t === 'unknown') out.push({ ev: list, at: this.site(list, plural) });
    const items = asArray(list);
    if (items) {
      items.forEach((ev, i) => out.push({ ev, at: this.site(ev, [...plural, i]) }));
    }
    return out;
  }

  /** A child reader for an array item or nested object. */
  child(path: Path): ObjectReader {
    const found = this.#find(path);
    if (found !== undefined && isNode(found)) return new ObjectReader(undefined, found, { node: found, state: this.#lazy! });
    return new ObjectReader(found, this.site(found, path));
  }

  items(path: Path): ObjectReader[] {
    const list = this.#find(path);
    if (list !== undefined && isNode(list)) {
      if (list.type !== 'array') return [];
      const kids = list.children ?? [];
      const out: ObjectReader[] = new Array(kids.length);
      for (let i = 0; i < kids.length; i++) {
        const k = kids[i]!;
        if (k.type === 'object' || k.type === 'array') out[i] = new ObjectReader(undefined, k, { node: k, state: this.#lazy! });
        else {
          const ev = this.#evaluate(k);
          out[i] = new ObjectReader(ev, ev?.node && within(ev.node, this.raw) ? ev.node : this.site(ev, [...path, i]));
        }
      }
      return out;
    }
    const items = asArray(list);
    if (!items) return [];
    return items.map((ev, i) => new ObjectReader(ev, this.site(ev, [...path, i])));
  }

  /** The raw node of `path`: the value's own node when it lies in this object, else the deepest written ancestor. */
  site(ev: EV | undefined, path: Path): SourceNode {
    if (ev?.node && within(ev.node, this.raw)) return ev.node;
    let cur: SourceNode = this.raw;
    for (let i = 0; i < path.length; i++) {
      const next = childAt(cur, path[i]!);
      if (!next) break;
      cur = next;
    }
    return cur;
  }

  /** `getPath(value, path)`. */
  #get(path: Path): EV | undefined {
    const found = this.#find(path);
    return found !== undefined && isNode(found) ? this.#evaluate(found) : found;
  }

  /** `getPath(value, path)`, or (lazy) the written object or array it names, not evaluated. */
  #find(path: Path): EV | SourceNode | undefined {
    const node = this.#node;
    if (!node) return getPath(this.#value, path);
    const st = this.#lazy!;
    if (st.failed) return undefined;
    try {
      if (path.length < 2 || typeof path[0] !== 'string') return st.scope.lookup(node, path);
      // Most paths of one reader start with the same property (`properties`): look it up once.
      let first: EV | SourceNode | undefined;
      if (this.#firstKey === path[0]) first = this.#first;
      else {
        first = st.scope.lookup(node, path, 0, 1);
        this.#firstKey = path[0];
        this.#first = first;
        this.#firstIndex = undefined;
        this.#firstReads = 0;
      }
      if (first === undefined) return undefined;
      if (!isNode(first)) return getPath(first, path.slice(1));
      // Two-segment paths into one written object (`properties.priority`, `properties.direction`, ...):
      // from the second one on, through an index of its properties instead of a scan per path.
      const key = path[1];
      if (path.length === 2 && typeof key === 'string' && first.type === 'object' && ++this.#firstReads > 1) {
        if (this.#firstIndex === undefined) this.#firstIndex = st.scope.keyIndex(first) ?? null;
        if (this.#firstIndex) return st.scope.lookupIndexed(first, this.#firstIndex, key);
      }
      return st.scope.lookup(first, path, 1);
    } catch {
      st.failed = true;
      return undefined;
    }
  }

  #evaluate(node: SourceNode): EV | undefined {
    return this.#guard(node, (s, n) => s.evalPart(n));
  }

  #guard<T>(node: SourceNode, f: (scope: TemplateScope, node: SourceNode) => T): T | undefined {
    const st = this.#lazy!;
    if (st.failed) return undefined;
    try {
      return f(st.scope, node);
    } catch {
      st.failed = true;
      return undefined;
    }
  }
}

/**
 * Reads a resource with `read`, lazily; should an evaluation throw, reads it again from the whole
 * evaluated resource (`evalNode`, which turns the failure into an unknown resource), as before.
 */
export function readResource<T>(scope: TemplateScope, node: SourceNode, read: (r: ObjectReader) => T): T {
  const lazy = ObjectReader.lazy(scope, node);
  const out = read(lazy);
  return lazy.failed ? read(new ObjectReader(scope.evalNode(node), node)) : out;
}
