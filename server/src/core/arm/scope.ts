import { keyOf, prop, sameName, valueOfProperty, type SourceNode } from '../text/sourceNode';
import { ENTRY, EntriesObjectNode } from '../text/treeBuilder';
import { BUDGET_EXHAUSTED, evalAst, Frame } from './evaluate';
import type { Parsed } from './expression/ast';
import { isExpression, parseString } from './expression/parser';
import { memoByString } from '../nsg/memo';
import type { DeploymentContext, EvalLimits, Host, SharedState, TargetScope } from './functions/types';
import { arr, bool, getPath, literalScalar, nul, num, obj, str, unknown, type EProp, type EV } from './value';

export type { DeploymentContext, EvalLimits, TargetScope } from './functions/types';
export { isExpression } from './expression/parser';

/**
 * Parsed expression strings, shared by every analysis with the default limits. A template repeats its
 * expressions (`[parameters('location')]`, `[resourceId(...)]` on every resource), and an edited document
 * keeps nearly all of them from one version to the next. The parse is a pure function of the text and the
 * AST is immutable (no source nodes, positions within the string only): nothing of an analysis is kept.
 * 16,384 strings: the 8 MB benchmark template has 7,243 distinct ones, and a table that starts over within
 * one analysis would parse its repeats again. Longer strings are parsed once per analysis (root.parseCache).
 */
const SHARED_PARSE_MAX_LENGTH = 1024;
const sharedParse = memoByString((text: string) => parseString(text, DEFAULT_LIMITS.maxDepth), 16_384, SHARED_PARSE_MAX_LENGTH);

export const DEFAULT_LIMITS: Readonly<EvalLimits> = Object.freeze({
  maxDepth: 64,
  maxSteps: 200_000,
  maxStringLength: 1 << 20,
  maxCopyCount: 800,
});

/** State shared by every scope of one TemplateScope tree. */
interface Root {
  readonly shared: SharedState;
  readonly parseCache: Map<string, Parsed>;
  /** Counts expressions and copy loops met; a subtree during which it did not move is a pure literal. */
  dynamic: number;
  /**
   * Pure literal subtrees (no expression, no copy loop) evaluate to the same EV in every scope. Per
   * analysis, not module-wide: V8's young-generation collections keep the values of a long-lived WeakMap
   * alive, and each EV reaches its whole parse tree (`node.parent`), so a module-level cache made every
   * collection during an analysis copy and promote that analysis's tree and model (measured: half of
   * what a 50 KB analysis allocates was promoted, 10–19 ms per collection; none once per analysis).
   */
  readonly literals: Map<SourceNode, EV>;
}

const IN_PROGRESS: EV = unknown('(in progress)');

/** Per template: definitions and memoised values. Copy scopes of the same template share it. */
class TemplateState {
  readonly paramDefs = new Map<string, SourceNode>();
  readonly varDefs = new Map<string, SourceNode>();
  /** Variable-level `copy` elements, by variable name. */
  readonly copyVars = new Map<string, SourceNode>();
  readonly userFns = new Map<string, SourceNode>();
  readonly paramValues = new Map<string, EV>();
  readonly paramMemo = new Map<string, EV>();
  readonly varMemo = new Map<string, EV>();
  readonly targetScope: TargetScope;
  base!: TemplateScope;

  constructor(
    readonly template: SourceNode,
    parameterValues: ReadonlyMap<string, EV> | undefined,
    readonly deployment: DeploymentContext,
  ) {
    for (const [k, v] of parameterValues ?? []) this.paramValues.set(k.toLowerCase(), v);
    const params = prop(template, 'parameters');
    if (params?.type === 'object') {
      for (const p of params.children ?? []) {
        const k = keyOf(p);
        const v = valueOfProperty(p);
        if (k !== undefined && v) this.paramDefs.set(k.toLowerCase(), v);
      }
    }
    const vars = prop(template, 'variables');
    if (vars?.type === 'object') {
      for (const p of vars.children ?? []) {
        const k = keyOf(p);
        const v = valueOfProperty(p);
        if (k === undefined || !v) continue;
        if (k.toLowerCase() === 'copy' && v.type === 'array') {
          for (const el of v.children ?? []) {
            const n = prop(el, 'name');
            if (n?.type === 'string' && typeof n.value === 'string') this.copyVars.set(n.value.toLowerCase(), el);
          }
        } else this.varDefs.set(k.toLowerCase(), v);
      }
    }
    const fns = prop(template, 'functions');
    if (fns?.type === 'array') {
      for (const ns of fns.children ?? []) {
        const nsName = prop(ns, 'namespace')?.value;
        const members = prop(ns, 'members');
        if (typeof nsName !== 'string' || members?.type !== 'object') continue;
        for (const m of members.children ?? []) {
          const k = keyOf(m);
          const v = valueOfProperty(m);
          if (k !== undefined && v) this.userFns.set(`${nsName}.${k}`.toLowerCase(), v);
        }
      }
    }
    this.targetScope = targetScopeOf(template);
  }
}

function targetScopeOf(template: SourceNode): TargetScope {
  const schema = prop(template, '$schema')?.value;
  if (typeof schema !== 'string') return 'resourceGroup';
  const s = schema.toLowerCase();
  if (s.includes('subscriptiondeploymenttemplate')) return 'subscription';
  if (s.includes('managementgroupdeploymenttemplate')) return 'managementGroup';
  if (s.includes('tenantdeploymenttemplate')) return 'tenant';
  return 'resourceGroup';
}

/** One loop around the values being evaluated. */
interface CopyEnv {
  /** Lower-cased loop name (undefined for an unnamed resource loop). */
  readonly name: string | undefined;
  readonly index: EV;
  /** true for loops entered through withCopy (resource / deployment loops), false for property and variable loops. */
  readonly outer: boolean;
  readonly parent: CopyEnv | undefined;
}

/**
 * `TemplateScope.keyIndex`: property name (as written) and value node, alternately; for the lean JSON parser's object
 * its own entries (`EntriesObjectNode.entries`, ENTRY slots a property), read in place.
 */
export type KeyIndex = readonly unknown[];

/**
 * The evaluation scope of one ARM template: its parameters, variables, user functions, the copy
 * loops around the value being evaluated, and a step budget shared with every scope derived from it.
 */
export class TemplateScope implements Host {
  private constructor(
    private readonly root: Root,
    private readonly state: TemplateState,
    private readonly copy: CopyEnv | undefined,
    /** Inside a user-defined function: its parameters (and no variables). */
    private readonly fnParams?: ReadonlyMap<string, EV>,
  ) {}

  /** evalNode results of this scope (evaluation is pure, and callers ask for the same resource many times). */
  private readonly nodeCache = new Map<SourceNode, EV>();

  static forTemplate(
    template: SourceNode,
    opts?: { parameterValues?: ReadonlyMap<string, EV>; deployment?: DeploymentContext; limits?: Partial<EvalLimits> },
  ): TemplateScope {
    const limits: EvalLimits = { ...DEFAULT_LIMITS, ...(opts?.limits ?? {}) };
    const root: Root = { shared: { limits, steps: 0, exhausted: false, depth: 0 }, parseCache: new Map(), dynamic: 0, literals: new Map() };
    return TemplateScope.create(root, template, opts?.parameterValues, opts?.deployment ?? {});
  }

  private static create(root: Root, template: SourceNode, values: ReadonlyMap<string, EV> | undefined, deployment: DeploymentContext): TemplateScope {
    const state = new TemplateState(template, values, deployment);
    const scope = new TemplateScope(root, state, undefined);
    state.base = scope;
    return scope;
  }

  /** The template object this scope reads. */
  get template(): SourceNode {
    return this.state.template;
  }

  get deployment(): DeploymentContext {
    return this.state.deployment;
  }

  get targetScope(): TargetScope {
    return this.state.targetScope;
  }

  /** The limits of this scope tree (defaults merged with forTemplate's `limits`). */
  get limits(): Readonly<EvalLimits> {
    return this.root.shared.limits;
  }

  /** Steps used so far by this scope tree, and whether the budget ran out. */
  get budget(): { steps: number; exhausted: boolean } {
    return { steps: this.root.shared.steps, exhausted: this.root.shared.exhausted };
  }

  /**
   * Scope of a nested Microsoft.Resources/deployments inline template. 'inner': a new template scope
   * whose parameters are `parameterValues` (evaluated by the caller in this scope); 'outer': the
   * nested template's expressions see this scope's parameters and variables. `deployment` overrides
   * the deployment context (e.g. a nested deployment into another resource group). The budget is shared.
   */
  nested(template: SourceNode, mode: 'inner' | 'outer', parameterValues: ReadonlyMap<string, EV>, deployment?: DeploymentContext): TemplateScope {
    if (mode === 'outer') return this;
    return TemplateScope.create(this.root, template, parameterValues, deployment ?? this.state.deployment);
  }

  /** Child scope inside a resource (or deployment) copy loop: copyIndex() and copyIndex('loopName'). */
  withCopy(loopName: string | undefined, index: number | EV): TemplateScope {
    return this.enterLoop(loopName, index, true);
  }

  private enterLoop(loopName: string | undefined, index: number | EV, outer: boolean): TemplateScope {
    const ev = typeof index === 'number' ? num(index) : index;
    return new TemplateScope(this.root, this.state, { name: loopName?.toLowerCase(), index: ev, outer, parent: this.copy }, this.fnParams);
  }

  copyIndex(name: string | undefined): EV {
    if (name === undefined) {
      let any: CopyEnv | undefined;
      for (let c = this.copy; c; c = c.parent) {
        if (c.outer) return c.index;
        any ??= c;
      }
      return any ? any.index : unknown('copyIndex() is used outside of a copy loop');
    }
    const lc = name.toLowerCase();
    for (let c = this.copy; c; c = c.parent) if (c.name === lc) return c.index;
    return unknown(`copyIndex('${name}') is used outside of the loop '${name}'`);
  }

  parameter(name: string): EV {
    const lc = name.toLowerCase();
    if (this.fnParams) return this.fnParams.get(lc) ?? unknown(`function parameter '${name}' is not defined`);
    const st = this.state;
    const given = st.paramValues.get(lc);
    if (given) return given;
    const memo = st.paramMemo.get(lc);
    if (memo === IN_PROGRESS) return unknown(`the default value of parameter '${name}' refers to itself`);
    if (memo) return memo;
    const def = st.paramDefs.get(lc);
    if (!def) return unknown(`parameter '${name}' is not defined`);
    const dv = prop(def, 'defaultValue');
    if (!dv) {
      const nullable = prop(def, 'nullable');
      return nullable?.value === true ? nul() : unknown(`parameter '${name}' has no value`);
    }
    return this.resolve(st.paramMemo, lc, () => st.base.walk(dv), `parameter '${name}'`);
  }

  variable(name: string): EV {
    const lc = name.toLowerCase();
    if (this.fnParams) return unknown('user-defined functions cannot use variables');
    const st = this.state;
    const memo = st.varMemo.get(lc);
    if (memo === IN_PROGRESS) return unknown(`variable '${name}' refers to itself`);
    if (memo) return memo;
    const def = st.varDefs.get(lc);
    if (def) return this.resolve(st.varMemo, lc, () => st.base.walk(def), `variable '${name}'`);
    const copyDef = st.copyVars.get(lc);
    if (copyDef) return this.resolve(st.varMemo, lc, () => st.base.variableCopy(copyDef), `variable '${name}'`);
    return unknown(`variable '${name}' is not defined`);
  }

  /** Memoised, cycle-safe and depth-limited evaluation of a parameter default or variable. */
  private resolve(memo: Map<string, EV>, key: string, compute: () => EV, what: string): EV {
    const sh = this.root.shared;
    if (sh.exhausted) return unknown(BUDGET_EXHAUSTED);
    if (sh.depth >= sh.limits.maxDepth) return unknown(`${what}: variables and parameters refer to each other too deeply`);
    memo.set(key, IN_PROGRESS);
    sh.depth++;
    let v: EV | undefined;
    try {
      v = compute();
    } finally {
      sh.depth--;
      if (v) memo.set(key, v);
      else memo.delete(key);
    }
    return v;
  }

  callUserFunction(name: string, args: readonly EV[], node: SourceNode | undefined): EV | undefined {
    const def = this.state.userFns.get(name);
    if (!def) return undefined;
    const sh = this.root.shared;
    if (sh.depth >= sh.limits.maxDepth) return unknown('user-defined functions call each other too deeply', node);
    const params = new Map<string, EV>();
    const declared = prop(def, 'parameters');
    const list = declared?.type === 'array' ? declared.children ?? [] : [];
    list.forEach((p, i) => {
      const n = prop(p, 'name')?.value;
      if (typeof n === 'string') params.set(n.toLowerCase(), args[i] ?? unknown(`function argument '${n}' is missing`, node));
    });
    const body = prop(prop(def, 'output'), 'value');
    if (!body) return unknown(`user-defined function '${name}' has no output value`, node);
    const fnScope = new TemplateScope(this.root, this.state, undefined, params);
    sh.depth++;
    try {
      const v = fnScope.walk(body);
      // a result computed from the call site's arguments is written at the call site
      return v.node === body ? { ...v, node, literal: false } : v;
    } finally {
      sh.depth--;
    }
  }

  /**
   * Drops what this scope and its template's evaluation cached for `node` (evalNode's and the literal objects' and
   * arrays' values): an edit changed the part of the tree under it (model/reuse.ts), or took it out of the tree.
   */
  forget(node: SourceNode): void {
    this.nodeCache.delete(node);
    this.root.literals.delete(node);
  }

  /** Evaluates a JSON node of the template: expressions, nested objects and arrays, property copy loops. Never throws. */
  evalNode(node: SourceNode): EV {
    // A literal scalar (a resource's type, most names) is its value as written: cached, it cost a Map entry
    // per resource instance, which enumerating the resources mostly wrote and hardly read.
    if (isLiteralScalar(node)) return this.walk(node);
    const cached = this.nodeCache.get(node);
    if (cached) return cached;
    let v: EV;
    try {
      v = this.walk(node);
    } catch (e) {
      v = failure(e, node);
    }
    this.nodeCache.set(node, v);
    return v;
  }

  /**
   * `getPath(walk(node), path)` without evaluating what the path does not reach: follows the written
   * objects and arrays and evaluates only the value where the path leaves them (an expression string, a
   * scalar), or, when an object on the way has a property `copy` loop, that whole object. A path that ends
   * at a written object or array without crossing an expression returns that node unevaluated (its value
   * is `evalPart(node)`). Same values, provenance and unknowns as evaluating `node` whole. May throw where
   * `evalNode` would have caught (callers then fall back to `evalNode`).
   */
  lookup(node: SourceNode, path: readonly (string | number)[], from = 0, to = path.length): EV | SourceNode | undefined {
    let cur = node;
    for (let i = from; i < to; i++) {
      const seg = path[i]!;
      if (cur.type === 'object') {
        if (typeof seg === 'number') return undefined;
        let found: SourceNode | undefined;
        if (cur instanceof EntriesObjectNode && !cur.copyKey) {
          // the lean JSON parser's object without a `copy` key: the last match (the last duplicate wins)
          const e = cur.entries;
          for (let j = e.length - ENTRY; j >= 0; j -= ENTRY) {
            if (sameName(e[j] as string, seg)) {
              found = e[j + 1] as SourceNode;
              break;
            }
          }
        } else if (cur instanceof EntriesObjectNode) {
          // the lean JSON parser's object: the same scan over its entries, without making property nodes
          const e = cur.entries;
          for (let j = 0; j < e.length; j += ENTRY) {
            const key = e[j] as string;
            const match = sameName(key, seg);
            if (!match && key.length !== 4) continue;
            const valueNode = e[j + 1] as SourceNode;
            if (generatesProperties(key, valueNode)) return rest(this.walk(cur), path, i, to);
            if (match) found = valueNode;
          }
        } else {
          const props = cur.children ?? [];
          for (let j = 0; j < props.length; j++) {
            const p = props[j]!;
            // the key from the property node itself (see SourceNode.key): no visit of its key node
            const key = keyOf(p);
            if (typeof key !== 'string') continue;
            const match = sameName(key, seg);
            // a property copy generates properties: only the whole object says which
            if (!match && key.length !== 4) continue;
            const valueNode = valueOfProperty(p);
            if (!valueNode) continue;
            if (generatesProperties(key, valueNode)) return rest(this.walk(cur), path, i, to);
            if (match) found = valueNode;
          }
        }
        if (!found) return undefined;
        if (seg.length === 8 && found.type === 'object' && sameName(seg, 'template') && isInnerScoped(cur)) {
          return rest(unknown('a nested template with inner scope is evaluated in its own scope', found), path, i + 1, to);
        }
        cur = found;
      } else if (cur.type === 'array') {
        if (typeof seg !== 'number') return undefined;
        const item = cur.children?.[seg];
        if (!item) return undefined;
        cur = item;
      } else {
        return rest(this.walk(cur), path, i, to);
      }
    }
    return cur.type === 'object' || cur.type === 'array' ? cur : this.walk(cur);
  }

  /**
   * The properties of a written object, for a reader that looks up many names in one object (a rule's
   * `properties`: 12 paths); undefined when a property copy loop may generate properties there (then only
   * `lookup`, which evaluates the object, can tell). A flat list (key as written, value node, alternately)
   * rather than a Map of lower-cased names: objects have a dozen properties, and a scan with `sameName`
   * rejects most keys on their length, without a lower-casing lookup per key and name. The lean JSON parser's
   * objects hold such a list themselves (`entries`, with the keys' positions between): it is read in place.
   */
  keyIndex(object: SourceNode): KeyIndex | undefined {
    if (object instanceof EntriesObjectNode) {
      // the lean JSON parser's object: its entries are such an index already
      const e = object.entries;
      if (!object.copyKey) return e;
      for (let j = 0; j < e.length; j += ENTRY) {
        const key = e[j] as string;
        const valueNode = e[j + 1] as SourceNode;
        if (generatesProperties(key, valueNode)) return undefined;
      }
      return e;
    }
    const props = object.children ?? [];
    // sized once (an array grown by push reserves 16 slots and more: one of these per resource's `properties`)
    const index: (string | SourceNode)[] = new Array(2 * props.length);
    let n = 0;
    for (let j = 0; j < props.length; j++) {
      const p = props[j]!;
      const key = keyOf(p);
      const valueNode = valueOfProperty(p);
      if (typeof key !== 'string' || !valueNode) continue;
      if (generatesProperties(key, valueNode)) return undefined;
      index[n++] = key;
      index[n++] = valueNode;
    }
    if (n < index.length) index.length = n;
    return index;
  }

  /**
   * `lookup(object, [key])` through `keyIndex(object)`: the written object or array at the key, else its
   * value. `template` keys go through `lookup` (an inner-scoped nested template is not evaluated here).
   */
  lookupIndexed(object: SourceNode, index: KeyIndex, key: string): EV | SourceNode | undefined {
    if (key.length === 8 && sameName(key, 'template')) return this.lookup(object, [key]);
    let found: SourceNode | undefined;
    const stride = object instanceof EntriesObjectNode ? ENTRY : 2;
    // from the end: the last duplicate wins, as in `lookup`
    for (let j = index.length - stride; j >= 0; j -= stride) {
      if (sameName(index[j] as string, key)) {
        found = index[j + 1] as SourceNode;
        break;
      }
    }
    if (found === undefined) return undefined;
    return found.type === 'object' || found.type === 'array' ? found : this.walk(found);
  }

  /** The value of a node of this scope's template, like `evalNode` but neither cached nor guarded: may throw. */
  evalPart(node: SourceNode): EV {
    return this.walk(node);
  }

  /** Evaluates one string value (an expression or a literal). Never throws. */
  evalString(text: string, node?: SourceNode): EV {
    try {
      return this.stringValue(text, node);
    } catch (e) {
      return failure(e, node);
    }
  }

  private stringValue(text: string, node: SourceNode | undefined): EV {
    const root = this.root;
    const maxDepth = root.shared.limits.maxDepth;
    const shared = maxDepth === DEFAULT_LIMITS.maxDepth && text.length <= SHARED_PARSE_MAX_LENGTH;
    let p = shared ? sharedParse(text) : root.parseCache.get(text);
    if (!p) {
      p = parseString(text, maxDepth);
      root.parseCache.set(text, p);
    }
    // an escaped `[[…]` string is a literal, but its text is not its value
    if (p.kind === 'literal') return str(p.value, node, p.value.length === text.length);
    root.dynamic++;
    if (p.kind === 'error') return unknown(p.message, node);
    const v = evalAst(p.ast, new Frame(node, this, root.shared));
    // a value computed while the budget ran out may be partial: the whole expression is unknown
    return root.shared.exhausted && v.t !== 'unknown' ? unknown(BUDGET_EXHAUSTED, node) : v;
  }

  private walk(node: SourceNode): EV {
    switch (node.type) {
      case 'string': {
        const s = node.value as string;
        if (isWrittenValue(s)) return literalScalar(node as SourceNode & { type: 'string' });
        return this.stringValue(s, node);
      }
      case 'number':
      case 'boolean':
        return literalScalar(node as SourceNode & { type: 'number' | 'boolean' });
      case 'null':
        return nul(node, true);
      case 'property': {
        const v = valueOfProperty(node);
        return v ? this.walk(v) : nul(node);
      }
      case 'array': {
        const root = this.root;
        const cached = root.literals.get(node);
        if (cached) return cached;
        const before = root.dynamic;
        const kids = node.children ?? [];
        const items: EV[] = new Array(kids.length);
        for (let i = 0; i < kids.length; i++) items[i] = this.walk(kids[i]);
        const literal = root.dynamic === before;
        const v = arr(items, node, literal);
        if (literal) root.literals.set(node, v);
        return v;
      }
      case 'object': {
        const root = this.root;
        const cached = root.literals.get(node);
        if (cached) return cached;
        const before = root.dynamic;
        const props: EProp[] = [];
        for (const p of node.children ?? []) {
          const keyNode = p.children?.[0];
          const valueNode = valueOfProperty(p);
          const key = keyNode?.value;
          if (typeof key !== 'string' || !valueNode) continue;
          if (generatesProperties(key, valueNode)) {
            root.dynamic++;
            for (const el of valueNode.children!) {
              const generated = this.propertyCopy(el);
              if (generated) props.push(generated);
            }
            continue;
          }
          if (key.length === 8 && valueNode.type === 'object' && sameName(key, 'template') && isInnerScoped(node)) {
            // a nested deployment's inner-scoped template: its expressions belong to its own scope
            root.dynamic++;
            props.push({ key, keyNode, value: unknown('a nested template with inner scope is evaluated in its own scope', valueNode) });
            continue;
          }
          props.push({ key, keyNode, value: this.walk(valueNode) });
        }
        const literal = root.dynamic === before;
        const v = obj(props, node, literal);
        if (literal) root.literals.set(node, v);
        return v;
      }
    }
    return unknown('unsupported node', node);
  }

  /** One element of a property-level `copy` array → the generated array property. */
  private propertyCopy(el: SourceNode): EProp | undefined {
    const nameNode = prop(el, 'name');
    const name = nameNode ? this.walk(nameNode) : undefined;
    if (name?.t !== 'string') return undefined;
    return { key: name.v, keyNode: nameNode, value: this.loop(el, name.v) };
  }

  /** A variable-level `copy` element → the array variable. */
  private variableCopy(el: SourceNode): EV {
    const nameNode = prop(el, 'name');
    const name = typeof nameNode?.value === 'string' ? nameNode.value : '';
    return this.loop(el, name);
  }

  private loop(el: SourceNode, name: string): EV {
    const countNode = prop(el, 'count');
    const input = prop(el, 'input');
    if (!countNode) return unknown(`copy '${name}' has no count`, el);
    if (!input) return unknown(`copy '${name}' has no input`, el);
    const c = this.walk(countNode);
    if (c.t === 'unknown') return unknown(c.why, countNode);
    const count = c.t === 'number' ? c.v : c.t === 'string' && /^\s*\d+\s*$/.test(c.v) ? Number(c.v) : NaN;
    if (!Number.isInteger(count) || count < 0) return unknown(`copy '${name}': the count is not a non-negative integer`, countNode);
    const n = Math.min(count, this.root.shared.limits.maxCopyCount);
    const sh = this.root.shared;
    const items: EV[] = [];
    for (let i = 0; i < n; i++) {
      sh.steps++;
      if (sh.exhausted || sh.steps > sh.limits.maxSteps) {
        sh.exhausted = true;
        return unknown(BUDGET_EXHAUSTED, el);
      }
      items.push(this.enterLoop(name, i, false).walk(input));
    }
    return arr(items, el);
  }
}

/** getPath of the remaining segments `path[from..to)`. */
function rest(v: EV, path: readonly (string | number)[], from: number, to: number): EV | undefined {
  if (from >= to) return v;
  return from === 0 && to === path.length ? getPath(v, path) : getPath(v, path.slice(from, to));
}

/** `properties` of a Microsoft.Resources/deployments whose expressionEvaluationOptions.scope is 'inner'. */
function isInnerScoped(properties: SourceNode): boolean {
  const scope = prop(prop(properties, 'expressionEvaluationOptions'), 'scope')?.value;
  return typeof scope === 'string' && scope.toLowerCase() === 'inner';
}

/** True for property `key` of an object whose value `value` is a property copy loop (it generates properties). */
function generatesProperties(key: string, value: SourceNode): boolean {
  return value.type === 'array' && key.length === 4 && sameName(key, 'copy') && isPropertyCopy(value);
}

/** A `copy` array of a property copy loop: every element an object with `name` and `input`. */
export function isPropertyCopy(v: SourceNode): boolean {
  const kids = v.children;
  if (!kids || kids.length === 0) return false;
  for (const el of kids) {
    if (el.type !== 'object' || !prop(el, 'name') || !prop(el, 'input')) return false;
  }
  return true;
}

function failure(e: unknown, node: SourceNode | undefined): EV {
  if (e instanceof RangeError) return unknown('evaluation is nested too deeply', node);
  return unknown(`evaluation failed: ${e instanceof Error ? e.message : String(e)}`, node);
}

/** The EV of a JSON node taken literally (no expression evaluation): parameter files. */
export function literalValue(node: SourceNode): EV {
  switch (node.type) {
    case 'string':
      return str(node.value as string, node, true);
    case 'number':
      return num(node.value as number, node, true);
    case 'boolean':
      return bool(node.value as boolean, node, true);
    case 'null':
      return nul(node, true);
    case 'property': {
      const v = valueOfProperty(node);
      return v ? literalValue(v) : nul(node);
    }
    case 'array':
      return arr((node.children ?? []).map(literalValue), node, true);
    case 'object': {
      const props: EProp[] = [];
      for (const p of node.children ?? []) {
        const keyNode = p.children?.[0];
        const v = valueOfProperty(p);
        if (typeof keyNode?.value === 'string' && v) props.push({ key: keyNode.value, keyNode, value: literalValue(v) });
      }
      return obj(props, node, true);
    }
  }
  return unknown('unsupported node', node);
}

/**
 * Values of an ARM parameters file (`{ "parameters": { "name": { "value": … } } }`), keyed by
 * lower-cased name. A Key Vault `reference` gives unknown. undefined when `root` is not a parameters file.
 */
export function readParameterFile(root: SourceNode): Map<string, EV> | undefined {
  if (root.type !== 'object') return undefined;
  const params = prop(root, 'parameters');
  if (params?.type !== 'object') return undefined;
  if (prop(root, 'resources') || prop(root, 'variables')) return undefined;
  const schema = prop(root, '$schema')?.value;
  const looksLikeParams = typeof schema === 'string' && schema.toLowerCase().includes('deploymentparameters');
  const out = new Map<string, EV>();
  for (const p of params.children ?? []) {
    const k = keyOf(p);
    const def = valueOfProperty(p);
    if (k === undefined || !def) continue;
    if (def.type !== 'object') {
      if (!looksLikeParams) return undefined;
      continue;
    }
    const value = prop(def, 'value');
    if (value) out.set(k.toLowerCase(), literalValue(value));
    else if (prop(def, 'reference')) out.set(k.toLowerCase(), unknown(`parameter '${k}' is read from Key Vault at deployment`, def));
    else if (!looksLikeParams) return undefined;
  }
  return out;
}

export { isExpression as isArmExpression };
export { parseString as parseArmString } from './expression/parser';

/** A string the evaluator takes as written, without parsing it (`walk`): one that does not start with `[`. */
function isWrittenValue(s: string): boolean {
  return s.length < 2 || s.charCodeAt(0) !== 0x5b;
}

/** A number, boolean, null or string taken as written (isWrittenValue): no scope changes its value. */
function isLiteralScalar(node: SourceNode): boolean {
  switch (node.type) {
    case 'number':
    case 'boolean':
    case 'null':
      return true;
    case 'string':
      return isWrittenValue(node.value as string);
    default:
      return false;
  }
}
