import { keyOf, prop, sameName, type SourceNode } from '../text/sourceNode';
import type { Enumeration } from '../template/resources';
import { READ_TYPES } from './extract';
import type { NetworkModel } from './networkModel';

/**
 * The model of a document's previous version, for its next version's analysis (AnalyzeOptions.previous, through
 * the reusable tree): when the edit lies inside a resource that the model does not read, in its `properties` or
 * `tags` (an API's definition, a policy, a storage account's settings: most of a real template's text), the
 * enumeration and the model are those of the previous version. Their nodes are the previous tree's, which the
 * parse updated in place (moved, the edited part replaced); the rules run again on them.
 */
export interface ModelForReuse {
  /** What else the model rests on: the parameter file (its name picks the format its text is read in) and the resource group's location. */
  readonly inputs: ModelInputs;
  readonly model: NetworkModel;
  readonly enumeration: Enumeration;
}

export interface ModelInputs {
  readonly parameters?: { readonly text: string; readonly uri?: string };
  readonly resourceGroupLocation?: string;
}

/**
 * The previous version's model and enumeration when this version may take them (see ModelForReuse), else undefined:
 * the parse updated the previous tree (`replaced` is the part it read again) without a syntax problem, the inputs
 * are the same, and the edit lies where the model reads nothing.
 */
export function reusableModel(
  previous: ModelForReuse | undefined, replaced: SourceNode | undefined, problems: number, inputs: ModelInputs,
): ModelForReuse | undefined {
  if (!previous || !replaced || problems) return undefined;
  const a = previous.inputs;
  if (a.parameters?.text !== inputs.parameters?.text || a.parameters?.uri !== inputs.parameters?.uri) return undefined;
  if (a.resourceGroupLocation !== inputs.resourceGroupLocation) return undefined;
  return editOutsideModel(replaced) ? previous : undefined;
}

/** Properties of a resource that the model never reads when it does not read the resource's type. */
const UNREAD = ['properties', 'tags'];

/**
 * True when `replaced` (the part the parse read again) lies inside the `properties` or `tags` of a resource whose
 * type, written as a full literal type, is none the model reads: nothing the model holds was read from there.
 * A short child type (`"type": "subnets"` inside a VNet), a type written as an expression, an edit in a resource's
 * name, type, copy loop, condition or child `resources`, or one outside every resource: false.
 */
export function editOutsideModel(replaced: SourceNode): boolean {
  // the chain from the edited part up to the innermost resource: ... → property P → resource object R → array → `resources`
  let below: SourceNode | undefined;
  for (let cur: SourceNode | undefined = replaced; cur; below = cur, cur = cur.parent) {
    if (!isResourceObject(cur)) continue;
    // `below` is R's property that holds the edit
    const key = below?.type === 'property' ? keyOf(below) : undefined;
    if (key === undefined || !UNREAD.some((k) => sameName(k, key))) return false;
    const type = prop(cur, 'type');
    const text = type?.type === 'string' && typeof type.value === 'string' ? type.value : undefined;
    if (!text || text.startsWith('[') || !/^[^/]+\.[^/]+\/./.test(text)) return false;
    return !READ_TYPES.has(text.toLowerCase());
  }
  return false;
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
