import { nodeAt, type SourceNode } from '../text/sourceNode';
import { asArray, getPath, type EV } from '../arm/value';
import type { Val } from './networkModel';

/** True when `inner` lies within `outer` in the document. */
export function within(inner: SourceNode | undefined, outer: SourceNode): boolean {
  return !!inner && inner.offset >= outer.offset && inner.offset + inner.length <= outer.offset + outer.length;
}

/**
 * Reads values of one evaluated object (a resource, a subnet item, a rule item) together with the
 * raw node it was written as, so each value also gets its `at` node inside that object.
 */
export class ObjectReader {
  constructor(
    readonly value: EV | undefined,
    /** The raw node of the object (the resource node, an inline array item, a copy `input`). */
    readonly raw: SourceNode,
  ) {}

  val(path: readonly (string | number)[]): Val {
    const ev = getPath(this.value, path);
    return { ev, at: this.site(ev, path) };
  }

  /** Values of a property that may be written singular (`x`) or plural (`xs`); both are merged. */
  many(singular: readonly (string | number)[], plural: readonly (string | number)[]): Val[] {
    const out: Val[] = [];
    const one = getPath(this.value, singular);
    if (one !== undefined && one.t !== 'null') out.push({ ev: one, at: this.site(one, singular) });
    const list = getPath(this.value, plural);
    if (list?.t === 'unknown') out.push({ ev: list, at: this.site(list, plural) });
    const items = asArray(list);
    if (items) {
      items.forEach((ev, i) => out.push({ ev, at: this.site(ev, [...plural, i]) }));
    }
    return out;
  }

  /** A child reader for an array item or nested object. */
  child(path: readonly (string | number)[]): ObjectReader {
    const ev = getPath(this.value, path);
    return new ObjectReader(ev, this.site(ev, path));
  }

  items(path: readonly (string | number)[]): ObjectReader[] {
    const list = getPath(this.value, path);
    const items = asArray(list);
    if (!items) return [];
    return items.map((ev, i) => new ObjectReader(ev, this.site(ev, [...path, i])));
  }

  /** The raw node of `path`: the value's own node when it lies in this object, else the deepest written ancestor. */
  site(ev: EV | undefined, path: readonly (string | number)[]): SourceNode {
    if (ev?.node && within(ev.node, this.raw)) return ev.node;
    let cur: SourceNode = this.raw;
    for (let i = 0; i < path.length; i++) {
      const next = nodeAt(cur, [path[i]!]);
      if (!next) break;
      cur = next;
    }
    return cur;
  }
}
