import type { Ast } from '../expression/ast';
import type { EProp, EV } from '../value';
import type { Cx, FnTable } from './types';
import { A, N, O, typeName, U } from './util';

/** Applies `lambda` to an item (and its index when the lambda takes two parameters). */
function applyItem(cx: Cx, lambda: Ast, item: EV, index: number, arity: number): EV {
  return arity >= 2 ? cx.apply(lambda, [item, N(cx, index)]) : cx.apply(lambda, [item]);
}

function arrayArg(cx: Cx, ast: Ast, name: string): EV {
  const v = cx.eval(ast);
  if (v.t === 'unknown') return U(cx, v.why);
  if (v.t !== 'array') return U(cx, `${name}() needs an array, got ${typeName(v)}`);
  return v;
}

function arityOf(cx: Cx, ast: Ast, name: string, min: number): number | EV {
  const n = cx.lambdaArity(ast);
  if (n === undefined || n < min) return U(cx, `${name}() needs a lambda with ${min} parameter(s)`);
  return n;
}

class Stop {
  constructor(readonly v: EV) {}
}

export const lambdaFunctions: FnTable = {
  lambda: { min: 1, max: Infinity, lazy: (_a, cx) => U(cx, 'a lambda can only be used as an argument of map, filter, reduce, sort or toObject') },
  lambdavariables: {
    min: 1,
    max: 1,
    fn: ([x], cx) => {
      if (x.t !== 'string') return U(cx, 'lambdaVariables() needs a name');
      return cx.lambdaVariable(x.v) ?? U(cx, `lambda variable '${x.v}' is not defined here`);
    },
  },
  map: {
    min: 2,
    max: 2,
    lazy: (args, cx) => {
      const a = arrayArg(cx, args[0], 'map');
      if (a.t !== 'array') return a;
      const n = arityOf(cx, args[1], 'map', 1);
      if (typeof n !== 'number') return n;
      return A(cx, a.items.map((item, i) => applyItem(cx, args[1], item, i, n)));
    },
  },
  filter: {
    min: 2,
    max: 2,
    lazy: (args, cx) => {
      const a = arrayArg(cx, args[0], 'filter');
      if (a.t !== 'array') return a;
      const n = arityOf(cx, args[1], 'filter', 1);
      if (typeof n !== 'number') return n;
      const out: EV[] = [];
      for (let i = 0; i < a.items.length; i++) {
        const r = applyItem(cx, args[1], a.items[i], i, n);
        if (r.t === 'unknown') return U(cx, r.why);
        if (r.t !== 'boolean') return U(cx, `filter() lambda must return a bool, got ${typeName(r)}`);
        if (r.v) out.push(a.items[i]);
      }
      return A(cx, out);
    },
  },
  reduce: {
    min: 3,
    max: 3,
    lazy: (args, cx) => {
      const a = arrayArg(cx, args[0], 'reduce');
      if (a.t !== 'array') return a;
      const n = arityOf(cx, args[2], 'reduce', 2);
      if (typeof n !== 'number') return n;
      let acc = cx.eval(args[1]);
      for (let i = 0; i < a.items.length; i++) {
        acc = n >= 3 ? cx.apply(args[2], [acc, a.items[i], N(cx, i)]) : cx.apply(args[2], [acc, a.items[i]]);
        if (acc.t === 'unknown') return U(cx, acc.why);
      }
      return acc;
    },
  },
  sort: {
    min: 2,
    max: 2,
    lazy: (args, cx) => {
      const a = arrayArg(cx, args[0], 'sort');
      if (a.t !== 'array') return a;
      const n = arityOf(cx, args[1], 'sort', 2);
      if (typeof n !== 'number') return n;
      const before = (x: EV, y: EV): boolean => {
        const r = cx.apply(args[1], [x, y]);
        if (r.t === 'unknown') throw new Stop(U(cx, r.why));
        if (r.t !== 'boolean') throw new Stop(U(cx, 'sort() lambda must return a bool'));
        return r.v;
      };
      try {
        const sorted = a.items.slice().sort((x, y) => (before(x, y) ? -1 : before(y, x) ? 1 : 0));
        return A(cx, sorted);
      } catch (e) {
        if (e instanceof Stop) return e.v;
        throw e;
      }
    },
  },
  toobject: {
    min: 2,
    max: 3,
    lazy: (args, cx) => {
      const a = arrayArg(cx, args[0], 'toObject');
      if (a.t !== 'array') return a;
      const props: EProp[] = [];
      for (const item of a.items) {
        const k = cx.apply(args[1], [item]);
        if (k.t === 'unknown') return U(cx, k.why);
        if (k.t !== 'string') return U(cx, `toObject() keys must be strings, got ${typeName(k)}`);
        props.push({ key: k.v, value: args[2] ? cx.apply(args[2], [item]) : item });
      }
      return O(cx, props);
    },
  },
  mapvalues: {
    min: 2,
    max: 2,
    lazy: (args, cx) => {
      const o = cx.eval(args[0]);
      if (o.t === 'unknown') return U(cx, o.why);
      if (o.t !== 'object') return U(cx, `mapValues() needs an object, got ${typeName(o)}`);
      const props: EProp[] = [];
      for (const p of o.props.values()) props.push({ key: p.key, keyNode: p.keyNode, value: cx.apply(args[1], [p.value]) });
      return O(cx, props);
    },
  },
  groupby: {
    min: 2,
    max: 2,
    lazy: (args, cx) => {
      const a = arrayArg(cx, args[0], 'groupBy');
      if (a.t !== 'array') return a;
      const groups = new Map<string, { key: string; items: EV[] }>();
      for (const item of a.items) {
        const k = cx.apply(args[1], [item]);
        if (k.t === 'unknown') return U(cx, k.why);
        if (k.t !== 'string') return U(cx, 'groupBy() keys must be strings');
        const g = groups.get(k.v.toLowerCase()) ?? { key: k.v, items: [] };
        g.items.push(item);
        groups.set(k.v.toLowerCase(), g);
      }
      return O(cx, [...groups.values()].map((g) => ({ key: g.key, value: A(cx, g.items) })));
    },
  },
};
