import { arr, bool, fromJs, num, obj, str, toJs, unknown, type EProp, type EV } from '../value';
import type { Cx } from './types';

export const U = (cx: Cx, why: string): EV => unknown(why, cx.node);
export const S = (cx: Cx, v: string): EV => str(v, cx.node);
export const N = (cx: Cx, v: number): EV => num(v, cx.node);
export const B = (cx: Cx, v: boolean): EV => bool(v, cx.node);
export const A = (cx: Cx, items: readonly EV[]): EV => arr(items, cx.node);
export const O = (cx: Cx, props: Iterable<EProp>): EV => obj(props, cx.node);
export const J = (cx: Cx, js: unknown): EV => fromJs(js, cx.node);

export function firstUnknown(values: readonly EV[]): EV | undefined {
  for (const v of values) if (v.t === 'unknown') return v;
  return undefined;
}

/** Deep unknown check (arrays and objects included). */
export function deepUnknown(v: EV): EV | undefined {
  switch (v.t) {
    case 'unknown':
      return v;
    case 'array':
      for (const i of v.items) {
        const u = deepUnknown(i);
        if (u) return u;
      }
      return undefined;
    case 'object':
      for (const p of v.props.values()) {
        const u = deepUnknown(p.value);
        if (u) return u;
      }
      return undefined;
    default:
      return undefined;
  }
}

/** The text ARM gives a value in `string()`, `format()` and string `concat()`; undefined if unknown inside. */
export function toText(v: EV): string | undefined {
  switch (v.t) {
    case 'string':
      return v.v;
    case 'number':
      return String(v.v);
    case 'boolean':
      return v.v ? 'True' : 'False';
    case 'null':
      return '';
    case 'unknown':
      return undefined;
    default: {
      const js = toJs(v);
      return js === undefined ? undefined : JSON.stringify(js);
    }
  }
}

/**
 * Deep equality as ARM's `equals`: strings case-sensitive, property names case-insensitive.
 * true/false when decided, undefined when an unknown part could change the answer.
 */
export function deepEquals(a: EV, b: EV): boolean | undefined {
  if (a.t === 'unknown' || b.t === 'unknown') return undefined;
  if (a.t !== b.t) return false;
  switch (a.t) {
    case 'string':
    case 'number':
    case 'boolean':
      return a.v === (b as typeof a).v;
    case 'null':
      return true;
    case 'array': {
      const bi = (b as typeof a).items;
      if (a.items.length !== bi.length) return false;
      let undecided = false;
      for (let i = 0; i < bi.length; i++) {
        const r = deepEquals(a.items[i], bi[i]);
        if (r === false) return false;
        if (r === undefined) undecided = true;
      }
      return undecided ? undefined : true;
    }
    case 'object': {
      const bp = (b as typeof a).props;
      if (a.props.size !== bp.size) return false;
      let undecided = false;
      for (const [k, p] of a.props) {
        const q = bp.get(k);
        if (!q) return false;
        const r = deepEquals(p.value, q.value);
        if (r === false) return false;
        if (r === undefined) undecided = true;
      }
      return undecided ? undefined : true;
    }
  }
  return undefined;
}

export function typeName(v: EV): string {
  return v.t === 'number' ? 'int' : v.t === 'boolean' ? 'bool' : v.t;
}

export function isInt(v: EV): v is EV & { t: 'number'; v: number } {
  return v.t === 'number' && Number.isInteger(v.v);
}
