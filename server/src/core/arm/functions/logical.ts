import { nul, type EV } from '../value';
import type { Ast } from '../expression/ast';
import type { Cx, FnDef, FnTable } from './types';
import { B, deepEquals, typeName, U } from './util';

function compare(name: string, test: (c: number) => boolean): FnDef {
  return {
    min: 2,
    max: 2,
    fn: (a: readonly EV[], cx: Cx): EV => {
      const [x, y] = a;
      if (x.t === 'number' && y.t === 'number') return B(cx, test(x.v - y.v));
      if (x.t === 'string' && y.t === 'string') return B(cx, test(x.v < y.v ? -1 : x.v > y.v ? 1 : 0));
      return U(cx, `${name}() cannot compare ${typeName(x)} and ${typeName(y)}`);
    },
  };
}

export const logicalFunctions: FnTable = {
  if: {
    min: 3,
    max: 3,
    lazy: (args, cx) => {
      const c = cx.eval(args[0]);
      if (c.t === 'unknown') return U(cx, c.why);
      if (c.t !== 'boolean') return U(cx, `if() condition is ${typeName(c)}, not bool`);
      return cx.eval(c.v ? args[1] : args[2]);
    },
  },
  and: {
    min: 1,
    max: Infinity,
    lazy: (args, cx) => logic(args, cx, false, 'and'),
  },
  or: {
    min: 1,
    max: Infinity,
    lazy: (args, cx) => logic(args, cx, true, 'or'),
  },
  not: {
    min: 1,
    max: 1,
    fn: ([x], cx) => (x.t === 'boolean' ? B(cx, !x.v) : U(cx, `not() needs a bool, got ${typeName(x)}`)),
  },
  equals: {
    min: 2,
    max: 2,
    unknownOk: true,
    fn: ([x, y], cx) => {
      const r = deepEquals(x, y);
      if (r !== undefined) return B(cx, r);
      const u = x.t === 'unknown' ? x : y.t === 'unknown' ? y : undefined;
      return U(cx, u?.t === 'unknown' ? u.why : 'equals() compares values that are not known');
    },
  },
  greater: compare('greater', (c) => c > 0),
  greaterorequals: compare('greaterOrEquals', (c) => c >= 0),
  less: compare('less', (c) => c < 0),
  lessorequals: compare('lessOrEquals', (c) => c <= 0),
  bool: {
    min: 1,
    max: 1,
    fn: ([x], cx) => {
      if (x.t === 'boolean') return B(cx, x.v);
      if (x.t === 'number') return B(cx, x.v !== 0);
      if (x.t === 'string') {
        const l = x.v.trim().toLowerCase();
        if (l === 'true' || l === '1') return B(cx, true);
        if (l === 'false' || l === '0') return B(cx, false);
      }
      return U(cx, `bool() cannot convert this ${typeName(x)}`);
    },
  },
  true: { min: 0, max: 0, fn: (_a, cx) => B(cx, true) },
  false: { min: 0, max: 0, fn: (_a, cx) => B(cx, false) },
  null: { min: 0, max: 0, fn: (_a, cx) => nul(cx.node) },
  coalesce: {
    min: 1,
    max: Infinity,
    lazy: (args, cx) => {
      for (const a of args) {
        const v = cx.eval(a);
        if (v.t === 'unknown') return U(cx, v.why);
        if (v.t !== 'null') return v;
      }
      return nul(cx.node);
    },
  },
};

function logic(args: readonly Ast[], cx: Cx, stopOn: boolean, name: string): EV {
  let unknownWhy: string | undefined;
  for (const a of args) {
    const v = cx.eval(a);
    if (v.t === 'unknown') {
      unknownWhy ??= v.why;
      continue;
    }
    if (v.t !== 'boolean') return U(cx, `${name}() needs bool arguments, got ${typeName(v)}`);
    if (v.v === stopOn) return B(cx, stopOn);
  }
  return unknownWhy !== undefined ? U(cx, unknownWhy) : B(cx, !stopOn);
}
