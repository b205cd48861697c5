import { keyOf, prop, sameName, valueOfProperty, type SourceNode } from '../text/sourceNode';
import type { Enumeration, ResourceInstance } from '../template/resources';
import type { ParsedDocument } from '../text/parseJson';
import { instanceKey, linkModel, nsgKeyOfChildRule, READ_AGAIN_TYPES, READ_TYPES, readResources, TYPE_KEYS, type ResourceRead } from './extract';
import type { NetworkModel } from './networkModel';

/**
 * The model of a document's previous version, for its next version's analysis (AnalyzeOptions.previous, through
 * the reusable tree). When the edit lies inside the `properties` or `tags` of one resource (most keystrokes), the
 * enumeration of the resources is that of the previous version, and so is the model: as it was when the resource
 * is one the model does not read (an API's definition, a policy, a storage account's settings: most of a real
 * template's text), else with that resource read again and the links between resources made again. The nodes are
 * the previous tree's, which the parse updated in place (moved, the edited part replaced); the rules run again.
 */
export interface ModelForReuse {
  /** What else the model rests on: the parameter file (its name picks the format its text is read in) and the resource group's location. */
  readonly inputs: ModelInputs;
  readonly model: NetworkModel;
  readonly enumeration: Enumeration;
  /** What reading each of the enumeration's instances gave (extract.ts), in its order. */
  readonly reads: readonly ResourceRead[];
}

export interface ModelInputs {
  readonly parameters?: { readonly text: string; readonly uri?: string };
  readonly resourceGroupLocation?: string;
}

/**
 * The model of this version, and what the next version may take of it: from the previous version's where the edit
 * allows (see ModelForReuse), else built (`enumerate` gives the resources).
 */
export function modelFor(
  format: 'json' | 'yaml', text: string, root: SourceNode, parsed: ParsedDocument, inputs: ModelInputs,
  previous: ModelForReuse | undefined, enumerate: () => Enumeration,
): ModelForReuse {
  const reuse = reusableModel(previous, parsed.replaced, parsed.problems.length, inputs);
  if (reuse === 'whole') return { ...previous!, inputs, model: { ...previous!.model, text } };
  if (reuse) {
    const { enumeration, reads } = previous!;
    const instances = enumeration.resources.filter((res) => res.node === reuse);
    const scope = instances[0]?.scope;
    // A child security rule is read into its NSG when the links are made: the NSG is read again with it, so that
    // it is a new object (the rules memoise an NSG's compiled rules by NSG object).
    const nsgKeys = new Set<string | undefined>();
    for (const res of instances) if (res.typeKey === TYPE_KEYS.rule) nsgKeys.add(nsgKeyOfChildRule(res));
    const again = (res: ResourceInstance) => res.node === reuse || (res.typeKey === TYPE_KEYS.nsg && nsgKeys.has(instanceKey(res)));
    if (scope && !scope.budget.exhausted && !nsgKeys.has(undefined)) {
      // what the evaluation cached for the edited part and the objects around it up to the resource
      for (const res of instances) {
        for (let n: SourceNode | undefined = parsed.replaced; n && n !== reuse.parent; n = n.parent) res.scope.forget(n);
        if (parsed.discarded) forgetTree(res.scope, parsed.discarded);
      }
      const newReads = readResources(enumeration, { reads, again });
      const model = linkModel(format, text, root, enumeration, newReads);
      // The evaluation's step budget is the template's, spent over the versions (the reads again, the child rules
      // read into their NSGs on every link): once spent, build afresh.
      if (!scope.budget.exhausted) return { inputs, enumeration, reads: newReads, model };
    }
  }
  const enumeration = enumerate();
  const reads = readResources(enumeration);
  return { inputs, enumeration, reads, model: linkModel(format, text, root, enumeration, reads) };
}

function forgetTree(scope: ResourceInstance['scope'], node: SourceNode): void {
  scope.forget(node);
  if (node.type === 'property') {
    const v = valueOfProperty(node);
    if (v) forgetTree(scope, v);
    return;
  }
  for (const c of node.children ?? []) forgetTree(scope, c);
}

/**
 * What this version may take of the previous version's model: 'whole' (the edit lies where the model reads
 * nothing), the resource object whose instances are to be read again, or undefined (build it). Only when the
 * parse updated the previous tree (`replaced` is the part it read again) without a syntax problem, with the same
 * inputs.
 */
export function reusableModel(
  previous: ModelForReuse | undefined, replaced: SourceNode | undefined, problems: number, inputs: ModelInputs,
): 'whole' | SourceNode | undefined {
  if (!previous || !replaced || problems) return undefined;
  const a = previous.inputs;
  if (a.parameters?.text !== inputs.parameters?.text || a.parameters?.uri !== inputs.parameters?.uri) return undefined;
  if (a.resourceGroupLocation !== inputs.resourceGroupLocation) return undefined;
  const place = editPlace(replaced);
  if (place === 'unread') return 'whole';
  return place;
}

/** Properties of a resource that the model never reads when it does not read the resource's type. */
const UNREAD = ['properties', 'tags'];

/**
 * Where `replaced` (the part the parse read again) lies for the model: inside the `properties` or `tags` of a
 * resource whose type, written as a full literal type, is none the model reads ('unread': nothing the model holds
 * was read from there), or one of READ_AGAIN_TYPES (that resource object). A short child type (`"type": "subnets"`
 * inside a VNet), a type written as an expression, an edit in a resource's name, type, copy loop, condition or
 * child `resources`, or one outside every resource: undefined.
 */
export function editPlace(replaced: SourceNode): 'unread' | SourceNode | undefined {
  // the chain from the edited part up to the innermost resource: ... → property P → resource object R → array → `resources`
  let below: SourceNode | undefined;
  for (let cur: SourceNode | undefined = replaced; cur; below = cur, cur = cur.parent) {
    if (!isResourceObject(cur)) continue;
    // `below` is R's property that holds the edit
    const key = below?.type === 'property' ? keyOf(below) : undefined;
    if (key === undefined || !UNREAD.some((k) => sameName(k, key))) return undefined;
    const type = prop(cur, 'type');
    const text = type?.type === 'string' && typeof type.value === 'string' ? type.value : undefined;
    if (!text || text.startsWith('[') || !/^[^/]+\.[^/]+\/./.test(text)) return undefined;
    const lower = text.toLowerCase();
    if (!READ_TYPES.has(lower)) return 'unread';
    return READ_AGAIN_TYPES.has(lower) ? cur : undefined;
  }
  return undefined;
}

/** True when the edit lies where the model reads nothing (see editPlace). */
export function editOutsideModel(replaced: SourceNode): boolean {
  return editPlace(replaced) === 'unread';
}

/** An object item of an array that is the value of a `resources` property. */
function isResourceObject(node: SourceNode): boolean {
  if (node.type !== 'object') return false;
  const array = node.parent;
  if (array?.type !== 'array') return false;
  const property = array.parent;
  if (property?.type !== 'property') return false;
  const key = keyOf(property);
  return key !== undefined && sameName(key, 'resources');
}
