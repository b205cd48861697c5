import { keyOf, prop, valueOfProperty, type SourceNode } from '../text/sourceNode';
import { asNumber, asString, type EV, unknown } from '../arm/value';
import { DEFAULT_LIMITS, TemplateScope } from '../arm/scope';

/** One resource of the deployment, after copy loops, conditions and nested deployments. */
export interface ResourceInstance {
  /** The resource object as written (for a copy loop: the same node for every instance). */
  readonly node: SourceNode;
  /** The scope its expressions evaluate in (template, nested deployment, copy index). */
  readonly scope: TemplateScope;
  /** Full resource type, e.g. `Microsoft.Network/virtualNetworks/subnets`. */
  readonly type: string;
  /** Lower-cased `type`, for comparisons. */
  readonly typeKey: string;
  /** Full name (`vnet/subnet` for a child resource). */
  readonly name: EV;
  readonly parent?: ResourceInstance;
  /** The copy index of a resource `copy` loop, when the resource is one. */
  readonly copyIndex?: number;
  /**
   * The `condition`s whose value is not known that decide whether this instance is deployed: its
   * own, then those of its parent resources and enclosing nested deployments. Absent when it is
   * deployed for sure (no condition, or every condition known true).
   */
  readonly conditions?: readonly ResourceCondition[];
}

/** An unknown `condition` of a resource, in the scope it is evaluated in (a copy instance has its own). */
export interface ResourceCondition {
  readonly node: SourceNode;
  readonly scope: TemplateScope;
}

/**
 * True when `a` is deployed whenever `b` is: every unknown condition `a` rests on is one `b` rests on
 * too (say, a child declared inside its conditional parent, or an unconditional resource).
 */
export function deployedWith(a: ResourceInstance, b: ResourceInstance): boolean {
  const y = b.conditions ?? [];
  return (a.conditions ?? []).every((c) => y.some((d) => d.node === c.node && d.scope === c.scope));
}

/** True when each of `a` and `b` may be deployed without the other: a finding about the pair rests on unknown conditions. */
export function independentlyConditional(a: ResourceInstance, b: ResourceInstance): boolean {
  return !deployedWith(a, b) && !deployedWith(b, a);
}

/** Something the enumeration could not follow, to report as "not analysed". */
export interface EnumerationNote {
  readonly node: SourceNode;
  readonly message: string;
}

export interface Enumeration {
  readonly resources: readonly ResourceInstance[];
  readonly notes: readonly EnumerationNote[];
}

const MAX_NESTED_DEPTH = 10;
const MAX_INSTANCES = 50_000;

/**
 * Lists the resources a template deploys: top-level and nested child resources, resource `copy`
 * loops (count capped), `condition: false` dropped (an unknown condition is kept in `conditions`), inline nested deployments followed with their
 * inner or outer expression scope, and Bicep's symbolic-name `resources` object. Existing resources
 * (`existing: true`) are not deployed and are skipped. Linked templates are noted, not fetched.
 */
export function enumerateResources(template: SourceNode, scope: TemplateScope): Enumeration {
  const out: ResourceInstance[] = [];
  const notes: EnumerationNote[] = [];
  walkTemplate(template, scope, 0, out, notes, undefined);
  return { resources: out, notes };
}

function resourceNodes(container: SourceNode | undefined): SourceNode[] {
  if (!container) return [];
  if (container.type === 'array') return (container.children ?? []).filter((n) => n.type === 'object');
  // languageVersion 2.0: `resources` is an object keyed by symbolic name.
  if (container.type === 'object') return (container.children ?? []).map((p) => valueOfProperty(p)).filter((n): n is SourceNode => n?.type === 'object');
  return [];
}

type Conditions = readonly ResourceCondition[] | undefined;

function walkTemplate(template: SourceNode, scope: TemplateScope, depth: number, out: ResourceInstance[], notes: EnumerationNote[], inherited: Conditions): void {
  for (const r of resourceNodes(prop(template, 'resources'))) walkResource(r, scope, undefined, depth, out, notes, inherited);
}

function walkResource(
  node: SourceNode,
  scope: TemplateScope,
  parent: ResourceInstance | undefined,
  depth: number,
  out: ResourceInstance[],
  notes: EnumerationNote[],
  inherited: Conditions,
): void {
  if (out.length >= MAX_INSTANCES) return;
  if (prop(node, 'existing')?.value === true) return;
  const copy = prop(node, 'copy');
  if (copy?.type === 'object') {
    const loopName = asString(scope.evalNode(prop(copy, 'name') ?? copy));
    const countNode = prop(copy, 'count');
    const count = countNode ? asNumber(scope.evalNode(countNode)) : undefined;
    if (count === undefined) {
      // Unknown count: one instance whose copyIndex() is unknown, so nothing built from it is guessed.
      instance(node, scope.withCopy(loopName, unknown('copy count is not known before deployment', countNode)), parent, depth, out, notes, inherited);
      return;
    }
    const capped = Math.max(0, Math.min(count, DEFAULT_LIMITS.maxCopyCount));
    for (let i = 0; i < capped && out.length < MAX_INSTANCES; i++) instance(node, scope.withCopy(loopName, i), parent, depth, out, notes, inherited, i);
    return;
  }
  instance(node, scope, parent, depth, out, notes, inherited);
}

function instance(
  node: SourceNode,
  scope: TemplateScope,
  parent: ResourceInstance | undefined,
  depth: number,
  out: ResourceInstance[],
  notes: EnumerationNote[],
  inherited: Conditions,
  copyIndex?: number,
): void {
  const inst = makeInstance(node, scope, parent, copyIndex, inherited);
  if (!inst) return;
  out.push(inst);
  if (inst.typeKey === DEPLOYMENTS) nested(inst, depth, out, notes);
  for (const child of resourceNodes(prop(node, 'resources'))) walkResource(child, scope, inst, depth, out, notes, inst.conditions);
}

/** A nested deployment's type key (`ResourceInstance.typeKey`): the enumeration follows its template. */
export const DEPLOYMENTS = 'microsoft.resources/deployments';

/**
 * The instance of a resource object in `scope`: its condition evaluated (after the `inherited` ones: its parents',
 * its nested deployments'), its type and name; undefined when its condition is false or its type not a string.
 */
function makeInstance(node: SourceNode, scope: TemplateScope, parent: ResourceInstance | undefined, copyIndex: number | undefined, inherited: Conditions): ResourceInstance | undefined {
  const condition = prop(node, 'condition');
  let conditions = inherited;
  if (condition) {
    const c = scope.evalNode(condition);
    if (c.t === 'boolean' && !c.v) return undefined;
    // Anything but a known true (unknown, or not a boolean) leaves the deployment open.
    if (c.t !== 'boolean') conditions = [{ node: condition, scope }, ...(inherited ?? [])];
  }
  const typeText = asString(scope.evalNode(prop(node, 'type') ?? node));
  if (!typeText) return undefined;
  const nameNode = prop(node, 'name');
  let name: EV = nameNode ? scope.evalNode(nameNode) : unknown('resource has no name', node);
  let type = typeText;
  if (parent && !typeText.includes('/')) {
    // A child declared inside its parent: short type and short name.
    type = `${parent.type}/${typeText}`;
    const pn = asString(parent.name);
    const cn = asString(name);
    name = pn !== undefined && cn !== undefined ? { t: 'string', v: `${pn}/${cn}`, node: name.node, literal: false } : unknown('parent or child name is not known', nameNode);
  }
  return { node, scope, type, typeKey: type.toLowerCase(), name, parent, copyIndex, conditions };
}

/**
 * `instance` made again after an edit inside its resource's `name` or `type`, or of its resource object parsed
 * again as `node` (model/reuse.ts), in its own scope, copy index and parent: the instance the enumeration would make
 * now, its own `condition` evaluated again. Undefined where the edit may change more than the instance: the type is
 * no longer a string or the condition is false (the enumeration would drop it), the resource is or becomes a nested
 * deployment (whose template the enumeration walks), or it declares child resources (whose types and names join its
 * own, and whose parent it is).
 */
export function instanceAgain(instance: ResourceInstance, node: SourceNode): ResourceInstance | undefined {
  if (instance.typeKey === DEPLOYMENTS || resourceNodes(prop(node, 'resources')).length) return undefined;
  // the conditions around it (its parents', its nested deployments'): its own, first when unknown, is evaluated again
  const own = prop(instance.node, 'condition');
  const around = own && instance.conditions?.[0]?.node === own ? instance.conditions.slice(1) : instance.conditions;
  const again = makeInstance(node, instance.scope, instance.parent, instance.copyIndex, around?.length ? around : undefined);
  return again && again.typeKey !== DEPLOYMENTS ? again : undefined;
}

function nested(dep: ResourceInstance, depth: number, out: ResourceInstance[], notes: EnumerationNote[]): void {
  const props = prop(dep.node, 'properties');
  const template = prop(props, 'template');
  if (!template || template.type !== 'object') {
    const link = prop(props, 'templateLink');
    if (link) notes.push({ node: link, message: 'Linked template (templateLink) is not analysed: only inline nested templates are followed' });
    return;
  }
  if (depth + 1 > MAX_NESTED_DEPTH) {
    notes.push({ node: template, message: `Nested deployments deeper than ${MAX_NESTED_DEPTH} levels are not analysed` });
    return;
  }
  const scopeNode = prop(prop(props, 'expressionEvaluationOptions'), 'scope');
  const mode = typeof scopeNode?.value === 'string' && scopeNode.value.toLowerCase() === 'inner' ? 'inner' : 'outer';
  const values = new Map<string, EV>();
  if (mode === 'inner') {
    for (const p of prop(props, 'parameters')?.children ?? []) {
      const key = keyOf(p);
      const v = valueOfProperty(p);
      if (typeof key !== 'string' || !v) continue;
      const valueNode = prop(v, 'value');
      values.set(key.toLowerCase(), valueNode ? dep.scope.evalNode(valueNode) : unknown(`parameter '${key}' is passed by reference`, v));
    }
  }
  // An inner-scope template deployed to another resource group (or subscription) sees that group in
  // resourceGroup(): the location given for the top-level group does not apply to it.
  const elsewhere = mode === 'inner' && (prop(dep.node, 'resourceGroup') !== undefined || prop(dep.node, 'subscriptionId') !== undefined);
  const { resourceGroupLocation, ...rest } = dep.scope.deployment;
  const inner = dep.scope.nested(template, mode, values, elsewhere && resourceGroupLocation !== undefined ? rest : undefined);
  walkTemplate(template, inner, depth + 1, out, notes, dep.conditions);
}
