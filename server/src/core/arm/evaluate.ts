import type { SourceNode } from '../text/sourceNode';
import type { ACall, Ast } from './expression/ast';
import { FUNCTIONS, unevaluatedReason } from './functions/index';
import type { Cx, Host, SharedState } from './functions/types';
import { bool, num, str, unknown, type EV } from './value';

/** One evaluation environment: the expression node, the template it reads, the lambda variables in reach. */
export class Frame implements Cx {
  constructor(
    readonly node: SourceNode | undefined,
    readonly host: Host,
    readonly shared: SharedState,
    private readonly vars?: ReadonlyMap<string, EV>,
  ) {}

  eval(ast: Ast): EV {
    return evalAst(ast, this);
  }

  lambdaVariable(name: string): EV | undefined {
    return this.vars?.get(name.toLowerCase());
  }

  lambdaArity(lambda: Ast): number | undefined {
    if (lambda.k !== 'call' || lambda.name !== 'lambda' || lambda.args.length < 1) return undefined;
    for (let i = 0; i < lambda.args.length - 1; i++) if (lambda.args[i].k !== 'str') return undefined;
    return lambda.args.length - 1;
  }

  apply(lambda: Ast, values: readonly EV[]): EV {
    const n = this.lambdaArity(lambda);
    if (n === undefined) return unknown('expected a lambda', this.node);
    const l = lambda as ACall;
    const vars = new Map(this.vars ?? []);
    for (let i = 0; i < n; i++) {
      const name = (l.args[i] as { v: string }).v.toLowerCase();
      vars.set(name, values[i] ?? unknown(`lambda variable '${name}' has no value`, this.node));
    }
    const sh = this.shared;
    if (sh.depth >= sh.limits.maxDepth) return unknown('evaluation is nested too deeply', this.node);
    sh.depth++;
    try {
      return evalAst(l.args[n], new Frame(this.node, this.host, sh, vars));
    } finally {
      sh.depth--;
    }
  }

  charge(n: number): boolean {
    const sh = this.shared;
    sh.steps += n;
    if (sh.steps > sh.limits.maxSteps) sh.exhausted = true;
    return !sh.exhausted;
  }
}

export const BUDGET_EXHAUSTED = 'evaluation budget exhausted';

/** Evaluates one expression tree. Never throws for well-formed input (errors become unknown). */
export function evalAst(ast: Ast, f: Frame): EV {
  const sh = f.shared;
  if (sh.exhausted || ++sh.steps > sh.limits.maxSteps) {
    sh.exhausted = true;
    return unknown(BUDGET_EXHAUSTED, f.node);
  }
  switch (ast.k) {
    case 'str':
      return str(ast.v, f.node);
    case 'num':
      return num(ast.v, f.node);
    case 'bool':
      return bool(ast.v, f.node);
    case 'prop':
      return member(evalAst(ast.target, f), ast.name, f);
    case 'index': {
      const t = evalAst(ast.target, f);
      if (t.t === 'unknown') return unknown(t.why, f.node);
      const i = evalAst(ast.index, f);
      if (i.t === 'unknown') return unknown(i.why, f.node);
      if (t.t === 'array') {
        if (i.t !== 'number' || !Number.isInteger(i.v)) return unknown('an array index must be an integer', f.node);
        if (i.v < 0 || i.v >= t.items.length) return unknown(`index ${i.v} is out of range (the array has ${t.items.length} items)`, f.node);
        return t.items[i.v];
      }
      if (t.t === 'object') {
        if (i.t !== 'string') return unknown('an object index must be a string', f.node);
        return member(t, i.v, f);
      }
      return unknown(`cannot index a ${t.t}`, f.node);
    }
    case 'call':
      return call(ast, f);
  }
}

function member(t: EV, name: string, f: Frame): EV {
  if (t.t === 'object') {
    const p = t.props.get(name.toLowerCase());
    return p ? p.value : unknown(`property '${name}' does not exist`, f.node);
  }
  if (t.t === 'unknown') return unknown(t.why, f.node);
  return unknown(`cannot read property '${name}' of a ${t.t}`, f.node);
}

function call(ast: ACall, f: Frame): EV {
  const def = FUNCTIONS.get(ast.name);
  if (!def) {
    if (ast.name.includes('.')) {
      const args = ast.args.map((a) => evalAst(a, f));
      const r = f.host.callUserFunction(ast.name, args, f.node);
      if (r) return r;
    }
    return unknown(unevaluatedReason(ast.name, ast.display), f.node);
  }
  const n = ast.args.length;
  if (n < def.min || n > def.max) {
    const want = def.min === def.max ? `${def.min}` : def.max === Infinity ? `at least ${def.min}` : `${def.min} to ${def.max}`;
    return unknown(`function '${ast.display}' takes ${want} argument(s), got ${n}`, f.node);
  }
  let r: EV;
  if (def.lazy) r = def.lazy(ast.args, f);
  else {
    const args: EV[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const v = evalAst(ast.args[i], f);
      if (v.t === 'unknown' && !def.unknownOk) return unknown(v.why, f.node);
      args[i] = v;
    }
    r = def.fn!(args, f);
  }
  if (r.t === 'string' && r.v.length > f.shared.limits.maxStringLength) return unknown('string result is too long', f.node);
  return r;
}
