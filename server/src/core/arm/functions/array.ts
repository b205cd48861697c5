import { nul, type EProp, type EV } from '../value';
import type { Cx, FnTable } from './types';
import { A, B, deepEquals, N, O, S, toText, typeName, U } from './util';

function budget(cx: Cx, n: number): EV | undefined {
  return cx.charge(n) ? undefined : U(cx, 'evaluation budget exhausted');
}

/** Index of `item` in `items` by deep equality; -2 when an unknown part leaves it undecided. */
function findIndex(items: readonly EV[], item: EV, fromEnd: boolean): number {
  let undecided = false;
  const n = items.length;
  for (let k = 0; k < n; k++) {
    const i = fromEnd ? n - 1 - k : k;
    const r = deepEquals(items[i], item);
    if (r === true) return undecided ? -2 : i;
    if (r === undefined) undecided = true;
  }
  return undecided ? -2 : -1;
}

function unionObjects(objs: readonly EV[], cx: Cx, deep: boolean): EV {
  const props = new Map<string, EProp>();
  for (const o of objs) {
    if (o.t === 'null') continue;
    if (o.t !== 'object') return U(cx, `cannot merge an object with ${typeName(o)}`);
    for (const [k, p] of o.props) {
      const prev = props.get(k);
      if (deep && prev && prev.value.t === 'object' && p.value.t === 'object') {
        props.set(k, { key: p.key, keyNode: p.keyNode, value: unionObjects([prev.value, p.value], cx, true) });
      } else props.set(k, p);
    }
  }
  return O(cx, props.values());
}

function pick(name: string, fromEnd: boolean) {
  return {
    min: 1,
    max: 1,
    fn: ([x]: readonly EV[], cx: Cx): EV => {
      if (x.t === 'array') return x.items.length ? x.items[fromEnd ? x.items.length - 1 : 0] : nul(cx.node);
      if (x.t === 'string') return S(cx, x.v.length ? (fromEnd ? x.v[x.v.length - 1] : x.v[0]) : '');
      return U(cx, `${name}() needs an array or string, got ${typeName(x)}`);
    },
  };
}

function slice(name: string, take: boolean) {
  return {
    min: 2,
    max: 2,
    fn: ([x, n]: readonly EV[], cx: Cx): EV => {
      if (n.t !== 'number') return U(cx, `${name}() needs an integer count`);
      if (x.t === 'array') {
        const k = Math.max(0, Math.min(x.items.length, n.v));
        return A(cx, take ? x.items.slice(0, k) : x.items.slice(k));
      }
      if (x.t === 'string') {
        const k = Math.max(0, Math.min(x.v.length, n.v));
        return S(cx, take ? x.v.slice(0, k) : x.v.slice(k));
      }
      if (x.t === 'null') return nul(cx.node);
      return U(cx, `${name}() needs an array or string, got ${typeName(x)}`);
    },
  };
}

function indexOfFn(name: string, fromEnd: boolean) {
  return {
    min: 2,
    max: 2,
    fn: ([x, y]: readonly EV[], cx: Cx): EV => {
      if (x.t === 'string') {
        const t = y.t === 'string' ? y.v : y.t === 'number' ? String(y.v) : undefined;
        if (t === undefined) return U(cx, `${name}() needs a string to find`);
        const a = x.v.toLowerCase();
        const b = t.toLowerCase();
        return N(cx, fromEnd ? a.lastIndexOf(b) : a.indexOf(b));
      }
      if (x.t === 'array') {
        const i = findIndex(x.items, y, fromEnd);
        return i === -2 ? U(cx, `${name}(): array items are not known`) : N(cx, i);
      }
      return U(cx, `${name}() needs a string or array, got ${typeName(x)}`);
    },
  };
}

function minMax(name: string, isMax: boolean) {
  return {
    min: 1,
    max: Infinity,
    fn: (args: readonly EV[], cx: Cx): EV => {
      const vals = args.length === 1 && args[0].t === 'array' ? args[0].items : args;
      if (vals.length === 0) return U(cx, `${name}() of an empty array`);
      let best: number | undefined;
      for (const v of vals) {
        if (v.t === 'unknown') return U(cx, v.why);
        if (v.t !== 'number') return U(cx, `${name}() needs integers, got ${typeName(v)}`);
        if (best === undefined || (isMax ? v.v > best : v.v < best)) best = v.v;
      }
      return N(cx, best!);
    },
  };
}

export const arrayFunctions: FnTable = {
  concat: {
    min: 0,
    max: Infinity,
    fn: (args, cx) => {
      if (args.length === 0) return S(cx, '');
      if (args[0].t === 'array' || (args[0].t === 'null' && args.some((a) => a.t === 'array'))) {
        const items: EV[] = [];
        for (const a of args) {
          if (a.t === 'null') continue;
          if (a.t !== 'array') return U(cx, `concat() cannot join an array and ${typeName(a)}`);
          items.push(...a.items);
        }
        return budget(cx, items.length) ?? A(cx, items);
      }
      let out = '';
      for (const a of args) {
        if (a.t === 'array' || a.t === 'object') return U(cx, `concat() cannot join a string and ${typeName(a)}`);
        out += toText(a);
        if (out.length > cx.shared.limits.maxStringLength) return U(cx, 'string result is too long');
      }
      return S(cx, out);
    },
  },
  createarray: { min: 0, max: Infinity, unknownOk: true, fn: (args, cx) => A(cx, args.slice()) },
  array: {
    min: 1,
    max: 1,
    fn: ([x], cx) => (x.t === 'array' ? x : A(cx, [x])),
  },
  createobject: {
    min: 0,
    max: Infinity,
    unknownOk: true,
    fn: (args, cx) => {
      if (args.length % 2 !== 0) return U(cx, 'createObject() needs key/value pairs');
      const props: EProp[] = [];
      for (let i = 0; i < args.length; i += 2) {
        const k = args[i];
        if (k.t === 'unknown') return U(cx, k.why);
        if (k.t !== 'string') return U(cx, `createObject() keys must be strings, got ${typeName(k)}`);
        props.push({ key: k.v, value: args[i + 1] });
      }
      return O(cx, props);
    },
  },
  union: {
    min: 1,
    max: Infinity,
    fn: (args, cx) => {
      if (args.some((a) => a.t === 'object')) return unionObjects(args, cx, true);
      const out: EV[] = [];
      for (const a of args) {
        if (a.t === 'null') continue;
        if (a.t !== 'array') return U(cx, `union() cannot combine ${typeName(a)}`);
        for (const item of a.items) {
          if (findIndex(out, item, false) === -1) out.push(item);
        }
        const b = budget(cx, a.items.length);
        if (b) return b;
      }
      return A(cx, out);
    },
  },
  intersection: {
    min: 2,
    max: Infinity,
    fn: (args, cx) => {
      const [first, ...rest] = args;
      if (first.t === 'object') {
        const props: EProp[] = [];
        for (const [k, p] of first.props) {
          let all = true;
          for (const r of rest) {
            if (r.t !== 'object') return U(cx, 'intersection() needs all objects or all arrays');
            const q = r.props.get(k);
            const eq = q ? deepEquals(p.value, q.value) : false;
            if (eq === undefined) return U(cx, 'intersection(): values are not known');
            if (!eq) all = false;
          }
          if (all) props.push(p);
        }
        return O(cx, props);
      }
      if (first.t !== 'array') return U(cx, 'intersection() needs arrays or objects');
      const out: EV[] = [];
      for (const item of first.items) {
        let all = true;
        for (const r of rest) {
          if (r.t !== 'array') return U(cx, 'intersection() needs all objects or all arrays');
          const i = findIndex(r.items, item, false);
          if (i === -2) return U(cx, 'intersection(): array items are not known');
          if (i < 0) all = false;
        }
        if (all && findIndex(out, item, false) === -1) out.push(item);
      }
      return A(cx, out);
    },
  },
  take: slice('take', true),
  skip: slice('skip', false),
  first: pick('first', false),
  last: pick('last', true),
  indexof: indexOfFn('indexOf', false),
  lastindexof: indexOfFn('lastIndexOf', true),
  contains: {
    min: 2,
    max: 2,
    fn: ([c, item], cx) => {
      if (c.t === 'string') {
        const t = item.t === 'string' ? item.v : item.t === 'number' ? String(item.v) : undefined;
        if (t === undefined) return U(cx, 'contains() on a string needs a string to find');
        return B(cx, c.v.includes(t));
      }
      if (c.t === 'object') {
        const t = item.t === 'string' ? item.v : item.t === 'number' ? String(item.v) : undefined;
        if (t === undefined) return U(cx, 'contains() on an object needs a key');
        return B(cx, c.props.has(t.toLowerCase()));
      }
      if (c.t === 'array') {
        const i = findIndex(c.items, item, false);
        return i === -2 ? U(cx, 'contains(): array items are not known') : B(cx, i >= 0);
      }
      if (c.t === 'null') return B(cx, false);
      return U(cx, `contains() needs a string, array or object, got ${typeName(c)}`);
    },
  },
  empty: {
    min: 1,
    max: 1,
    fn: ([x], cx) => {
      if (x.t === 'null') return B(cx, true);
      if (x.t === 'string') return B(cx, x.v.length === 0);
      if (x.t === 'array') return B(cx, x.items.length === 0);
      if (x.t === 'object') return B(cx, x.props.size === 0);
      return U(cx, `empty() needs a string, array or object, got ${typeName(x)}`);
    },
  },
  length: {
    min: 1,
    max: 1,
    fn: ([x], cx) => {
      if (x.t === 'string') return N(cx, x.v.length);
      if (x.t === 'array') return N(cx, x.items.length);
      if (x.t === 'object') return N(cx, x.props.size);
      return U(cx, `length() needs a string, array or object, got ${typeName(x)}`);
    },
  },
  range: {
    min: 2,
    max: 2,
    fn: ([s, c], cx) => {
      if (s.t !== 'number' || c.t !== 'number') return U(cx, 'range() needs integers');
      if (c.v < 0 || c.v > 10000) return U(cx, 'range(): count must be between 0 and 10000');
      const b = budget(cx, c.v);
      if (b) return b;
      const items: EV[] = [];
      for (let i = 0; i < c.v; i++) items.push(N(cx, s.v + i));
      return A(cx, items);
    },
  },
  join: {
    min: 2,
    max: 2,
    fn: ([x, d], cx) => {
      if (x.t !== 'array') return U(cx, `join() needs an array, got ${typeName(x)}`);
      if (d.t !== 'string') return U(cx, 'join() needs a string delimiter');
      const parts: string[] = [];
      for (const i of x.items) {
        if (i.t === 'unknown') return U(cx, i.why);
        const t = toText(i);
        if (t === undefined) return U(cx, 'join(): an item is not known');
        parts.push(t);
      }
      return S(cx, parts.join(d.v));
    },
  },
  flatten: {
    min: 1,
    max: 1,
    fn: ([x], cx) => {
      if (x.t !== 'array') return U(cx, `flatten() needs an array, got ${typeName(x)}`);
      const out: EV[] = [];
      for (const i of x.items) {
        if (i.t === 'unknown') return U(cx, i.why);
        if (i.t !== 'array') return U(cx, 'flatten() needs an array of arrays');
        out.push(...i.items);
      }
      return budget(cx, out.length) ?? A(cx, out);
    },
  },
  items: {
    min: 1,
    max: 1,
    fn: ([x], cx) => {
      if (x.t !== 'object') return U(cx, `items() needs an object, got ${typeName(x)}`);
      const ps = [...x.props.values()].sort((a, b) => {
        const p = a.key.toLowerCase();
        const q = b.key.toLowerCase();
        return p < q ? -1 : p > q ? 1 : 0;
      });
      return budget(cx, ps.length) ?? A(cx, ps.map((p) => O(cx, [{ key: 'key', value: S(cx, p.key) }, { key: 'value', value: p.value }])));
    },
  },
  objectkeys: {
    min: 1,
    max: 1,
    fn: ([x], cx) => (x.t === 'object' ? A(cx, [...x.props.values()].map((p) => S(cx, p.key))) : U(cx, `objectKeys() needs an object, got ${typeName(x)}`)),
  },
  shallowmerge: {
    min: 1,
    max: 1,
    fn: ([x], cx) => {
      if (x.t !== 'array') return U(cx, `shallowMerge() needs an array of objects, got ${typeName(x)}`);
      const u = x.items.find((i) => i.t === 'unknown');
      if (u?.t === 'unknown') return U(cx, u.why);
      return unionObjects(x.items, cx, false);
    },
  },
  tryget: {
    min: 2,
    max: Infinity,
    fn: (args, cx) => {
      let cur = args[0];
      for (let i = 1; i < args.length; i++) {
        const k = args[i];
        if (cur.t === 'unknown') return U(cx, cur.why);
        if (cur.t === 'null') return nul(cx.node);
        if (cur.t === 'object') {
          if (k.t !== 'string') return U(cx, 'tryGet() on an object needs a string key');
          const p = cur.props.get(k.v.toLowerCase());
          if (!p) return nul(cx.node);
          cur = p.value;
        } else if (cur.t === 'array') {
          if (k.t !== 'number') return U(cx, 'tryGet() on an array needs an integer index');
          if (k.v < 0 || k.v >= cur.items.length) return nul(cx.node);
          cur = cur.items[k.v];
        } else return U(cx, `tryGet() needs an object or array, got ${typeName(cur)}`);
      }
      return cur;
    },
  },
  min: minMax('min', false),
  max: minMax('max', true),
};
