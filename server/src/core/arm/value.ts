import type { SourceNode } from '../text/sourceNode';

/**
 * An evaluated ARM value that remembers where it was written.
 *
 * `node` is the document node that holds this value's text: the literal itself, or (for a value that
 * an expression computed) the expression string. `literal` is true when the node's text *is* this
 * value (so a fix may replace the node's text): a plain JSON literal, or a literal reached through
 * `parameters()`, `variables()`, property access, `if()` and the like. Values that cannot be known
 * before deployment (`reference()`, `utcNow()`, a parameter without value) are `unknown`; every
 * function that receives an unknown input returns unknown, and no rule reports a defect from it.
 */
export type EV = EStr | ENum | EBool | ENull | EArr | EObj | EUnknown;

interface Base {
  readonly node?: SourceNode;
  readonly literal?: boolean;
}
export interface EStr extends Base { readonly t: 'string'; readonly v: string }
export interface ENum extends Base { readonly t: 'number'; readonly v: number }
export interface EBool extends Base { readonly t: 'boolean'; readonly v: boolean }
export interface ENull extends Base { readonly t: 'null' }
export interface EArr extends Base { readonly t: 'array'; readonly items: readonly EV[] }
export interface EObj extends Base {
  readonly t: 'object';
  /** Keyed by the lower-cased property name (ARM property names are case-insensitive). */
  readonly props: ReadonlyMap<string, EProp>;
}
export interface EProp { readonly key: string; readonly keyNode?: SourceNode; readonly value: EV }
export interface EUnknown extends Base { readonly t: 'unknown'; readonly why: string }

export const str = (v: string, node?: SourceNode, literal = false): EStr => ({ t: 'string', v, node, literal });
export const num = (v: number, node?: SourceNode, literal = false): ENum => ({ t: 'number', v, node, literal });
export const bool = (v: boolean, node?: SourceNode, literal = false): EBool => ({ t: 'boolean', v, node, literal });
export const nul = (node?: SourceNode, literal = false): ENull => ({ t: 'null', node, literal });
export const arr = (items: readonly EV[], node?: SourceNode, literal = false): EArr => ({ t: 'array', items, node, literal });
export const unknown = (why: string, node?: SourceNode): EUnknown => ({ t: 'unknown', why, node });

/**
 * A string, number or boolean written as a literal (`TemplateScope` makes one per scalar node it reads), which is
 * also its own `Val` (model/networkModel.ts): `ev` is itself, `at` its node. The model reads such a value at its own
 * node almost always (ObjectReader.val): every field of every NSG rule, 29,000 on the 2 MB benchmark template, was a
 * value and a `{ ev, at }` around it. The fields `t`, `v`, `node` and `literal` are those of `str`'s, `num`'s and
 * `bool`'s objects; `ev` and `at` are getters, not own properties, so a copy (`{ ...v }`) is a plain value.
 */
export class LiteralScalar {
  // declared and assigned in the constructor, in this order: class fields would each be defined first, then written
  declare readonly t: 'string' | 'number' | 'boolean';
  declare readonly v: string | number | boolean;
  declare readonly node: SourceNode;
  declare readonly literal: true;

  constructor(t: 'string' | 'number' | 'boolean', v: string | number | boolean, node: SourceNode) {
    this.t = t;
    this.v = v;
    this.node = node;
    this.literal = true;
  }

  get ev(): EV {
    return this as unknown as EV;
  }

  get at(): SourceNode {
    return this.node;
  }
}

/** The value of a string, number or boolean node as written: a `LiteralScalar`. */
export const literalScalar = (node: SourceNode & { type: 'string' | 'number' | 'boolean' }): EStr | ENum | EBool =>
  new LiteralScalar(node.type, node.value as string | number | boolean, node) as unknown as EStr | ENum | EBool;

export function obj(entries: Iterable<EProp>, node?: SourceNode, literal = false): EObj {
  const props = new Map<string, EProp>();
  for (const e of entries) props.set(e.key.toLowerCase(), e);
  return { t: 'object', props, node, literal };
}

export function isUnknown(v: EV | undefined): v is EUnknown {
  return v !== undefined && v.t === 'unknown';
}

/** Property `key` of an object value (case-insensitive); undefined when absent or not an object. */
export function get(v: EV | undefined, key: string): EV | undefined {
  if (!v) return undefined;
  if (v.t === 'unknown') return unknown(v.why, v.node);
  if (v.t !== 'object') return undefined;
  return v.props.get(key.toLowerCase())?.value;
}

/** Follows a path of property names and indices; unknown as soon as an unknown value is crossed. */
export function getPath(v: EV | undefined, path: readonly (string | number)[]): EV | undefined {
  let cur = v;
  for (const seg of path) {
    if (!cur) return undefined;
    if (cur.t === 'unknown') return cur;
    if (typeof seg === 'number') cur = cur.t === 'array' ? cur.items[seg] : undefined;
    else cur = get(cur, seg);
  }
  return cur;
}

/** The string of a known string value; undefined otherwise. */
export function asString(v: EV | undefined): string | undefined {
  return v?.t === 'string' ? v.v : undefined;
}

/** The number of a known number (or numeric string, as ARM coerces `capacity: "2"`). */
export function asNumber(v: EV | undefined): number | undefined {
  if (v?.t === 'number') return v.v;
  if (v?.t === 'string' && /^\s*-?\d+\s*$/.test(v.v)) return Number(v.v);
  return undefined;
}

export function asArray(v: EV | undefined): readonly EV[] | undefined {
  return v?.t === 'array' ? v.items : undefined;
}

/** Plain JavaScript value; `undefined` if any part is unknown. */
export function toJs(v: EV): unknown {
  switch (v.t) {
    case 'string': case 'number': case 'boolean': return v.v;
    case 'null': return null;
    case 'unknown': return undefined;
    case 'array': {
      const out: unknown[] = [];
      for (const i of v.items) {
        const j = toJs(i);
        if (j === undefined) return undefined;
        out.push(j);
      }
      return out;
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const p of v.props.values()) {
        const j = toJs(p.value);
        if (j === undefined) return undefined;
        out[p.key] = j;
      }
      return out;
    }
  }
}

/** Wraps a plain JavaScript value (a computed result); `node` is where the computation is written. */
export function fromJs(js: unknown, node?: SourceNode): EV {
  if (js === null) return nul(node);
  if (typeof js === 'string') return str(js, node);
  if (typeof js === 'number') return num(js, node);
  if (typeof js === 'boolean') return bool(js, node);
  if (Array.isArray(js)) return arr(js.map((x) => fromJs(x, node)), node);
  if (typeof js === 'object') {
    return obj(Object.entries(js as Record<string, unknown>).map(([key, value]) => ({ key, value: fromJs(value, node) })), node);
  }
  return unknown('unsupported value', node);
}

/** Same value, now attributed to another node (used when a computed value is used at a new site). */
export function withNode<T extends EV>(v: T, node: SourceNode | undefined, literal = false): T {
  return { ...v, node, literal };
}
