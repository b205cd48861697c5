import type { EV } from '../value';
import type { Cx, FnDef, FnTable } from './types';
import { N, typeName, U } from './util';

function arith(name: string, f: (a: number, b: number) => number | undefined): FnDef {
  return {
    min: 2,
    max: 2,
    fn: ([x, y]: readonly EV[], cx: Cx): EV => {
      if (x.t !== 'number' || y.t !== 'number') return U(cx, `${name}() needs integers, got ${typeName(x)} and ${typeName(y)}`);
      const r = f(x.v, y.v);
      return r === undefined || !Number.isFinite(r) ? U(cx, `${name}(): division by zero`) : N(cx, r);
    },
  };
}

export const numericFunctions: FnTable = {
  int: {
    min: 1,
    max: 1,
    fn: ([x], cx) => {
      if (x.t === 'number') return N(cx, Math.trunc(x.v));
      if (x.t === 'string' && /^\s*[-+]?\d+\s*$/.test(x.v)) return N(cx, Number(x.v));
      return U(cx, `int() cannot convert this ${typeName(x)}`);
    },
  },
  float: {
    min: 1,
    max: 1,
    fn: ([x], cx) => {
      if (x.t === 'number') return N(cx, x.v);
      if (x.t === 'string' && x.v.trim() !== '' && Number.isFinite(Number(x.v))) return N(cx, Number(x.v));
      return U(cx, `float() cannot convert this ${typeName(x)}`);
    },
  },
  add: arith('add', (a, b) => a + b),
  sub: arith('sub', (a, b) => a - b),
  mul: arith('mul', (a, b) => a * b),
  div: arith('div', (a, b) => (b === 0 ? undefined : Math.trunc(a / b))),
  mod: arith('mod', (a, b) => (b === 0 ? undefined : a % b)),
};
