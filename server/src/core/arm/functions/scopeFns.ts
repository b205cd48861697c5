import type { EV } from '../value';
import type { FnTable } from './types';
import { N, typeName, U } from './util';

/** Functions that read the template scope: parameters, variables, copyIndex. */
export const scopeFunctions: FnTable = {
  parameters: {
    min: 1,
    max: 1,
    fn: ([x], cx) => (x.t === 'string' ? cx.host.parameter(x.v) : U(cx, `parameters() needs a name, got ${typeName(x)}`)),
  },
  variables: {
    min: 1,
    max: 1,
    fn: ([x], cx) => (x.t === 'string' ? cx.host.variable(x.v) : U(cx, `variables() needs a name, got ${typeName(x)}`)),
  },
  copyindex: {
    min: 0,
    max: 2,
    fn: (args, cx) => {
      let name: string | undefined;
      let offset = 0;
      for (const a of args) {
        if (a.t === 'string' && name === undefined) name = a.v;
        else if (a.t === 'number') offset = a.v;
        else return U(cx, 'copyIndex() takes an optional loop name and an optional integer offset');
      }
      const i: EV = cx.host.copyIndex(name);
      if (i.t === 'unknown') return U(cx, i.why);
      if (i.t !== 'number') return U(cx, 'copyIndex() is not an integer');
      return N(cx, i.v + offset);
    },
  },
};
