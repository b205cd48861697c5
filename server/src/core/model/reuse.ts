import { childValues, keyOf, parentOf, prop, sameName, valueOfProperty, type SourceNode } from '../text/sourceNode';
import { instanceAgain, type Enumeration, type ResourceInstance } from '../template/resources';
import type { ParsedDocument } from '../text/parseJson';
import { instanceKey, linkModel, nsgKeyOfChildRule, READ_AGAIN_TYPES, READ_TYPES, readResources, TYPE_KEYS, type ResourceRead } from './extract';
import type { NetworkModel } from './networkModel';

/**
 * The model of a document's previous version, for its next version's analysis (AnalyzeOptions.previous, through
 * the reusable tree). When the edit lies inside one resource, in a part the enumeration does not read (its
 * `properties`, `tags`, `sku`, `dependsOn`, ...: most keystrokes), the
 * enumeration of the resources is that of the previous version, and so is the model: as it was when the resource
 * is one the model does not read (an API's definition, a policy, a storage account's settings: most of a real
 * template's text), else with that resource read again and the links between resources made again. An edit inside
 * a resource's name or type (a resource being named or renamed) makes that resource's instances again in the
 * previous enumeration, and reads them again. The nodes are the previous tree's, which the parse updated in place
 * (moved, the edited part replaced); the rules run again.
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
  const reuse = reusableModel(previous, parsed, inputs);
  if (reuse === 'whole') return { ...previous!, inputs, model: { ...previous!.model, text } };
  const again = reuse && readAgain(format, text, root, parsed, inputs, previous!, reuse);
  if (again) return again;
  const enumeration = enumerate();
  const reads = readResources(enumeration);
  return { inputs, enumeration, reads, model: linkModel(format, text, root, enumeration, reads) };
}

/**
 * The previous version's model with the edited resource's instances read again (made again first when `naming`) and
 * the links made again; undefined where that cannot be (the model is then built).
 */
function readAgain(
  format: 'json' | 'yaml', text: string, root: SourceNode, parsed: ParsedDocument, inputs: ModelInputs,
  previous: ModelForReuse, reuse: ToReadAgain,
): ModelForReuse | undefined {
  const { resource, instances, naming } = reuse;
  // The evaluation's step budget is the template's, spent over the versions (the reads again, the child rules read
  // into their NSGs on every link): once spent, build afresh.
  const scope = instances[0]!.scope;
  if (scope.budget.exhausted) return undefined;
  // what the evaluation cached for the objects around the edited part, up to the resource, and for the old part
  const above = parentOf(resource);
  for (const res of instances) {
    for (let n = parentOf(parsed.replaced!); n && n !== above; n = parentOf(n)) res.scope.forget(n);
    if (parsed.discarded) forgetTree(res.scope, parsed.discarded);
  }
  // An edit in the resource's name or type, or the resource object parsed again: its instances made again (from
  // `resource`, the object now in the tree), in the enumeration's place of the old ones.
  const made: readonly (ResourceInstance | undefined)[] = naming ? instances.map((res) => instanceAgain(res, resource)) : instances;
  if (made.includes(undefined)) return undefined;
  const edited = made as readonly ResourceInstance[];
  const enumeration = naming ? withInstances(previous.enumeration, instances[0]!.node, edited) : previous.enumeration;
  // A child security rule is read into its NSG when the links are made: the NSG is read again with it, so that it is
  // a new object (the rules memoise an NSG's compiled rules by NSG object). A rule or NSG renamed may leave one NSG
  // and join another: each NSG under the old or the new key is read again.
  const nsgKeys = new Set<string | undefined>();
  for (const res of naming ? [...instances, ...edited] : instances) {
    if (res.typeKey === TYPE_KEYS.rule) nsgKeys.add(nsgKeyOfChildRule(res));
    else if (naming && res.typeKey === TYPE_KEYS.nsg) nsgKeys.add(instanceKey(res));
  }
  if (nsgKeys.has(undefined)) return undefined;
  const { reads } = previous;
  const again = new Set(edited);
  if (nsgKeys.size) reads.forEach((r, i) => { if (r.kind === 'nsg' && nsgKeys.has(r.nsg.key)) again.add(enumeration.resources[i]!); });
  const newReads = readResources(enumeration, { reads, again });
  const model = linkModel(format, text, root, enumeration, newReads);
  return scope.budget.exhausted ? undefined : { inputs, enumeration, reads: newReads, model };
}

/** The enumeration with `instances` (in their order) in place of the previous ones of the resource object `was`. */
function withInstances(enumeration: Enumeration, was: SourceNode, instances: readonly ResourceInstance[]): Enumeration {
  let i = 0;
  const resources = enumeration.resources.map((res) => (res.node === was ? instances[i++]! : res));
  return { resources, notes: enumeration.notes };
}

/** Forgets what `scope` cached for `node` and every value under it (the evaluation caches values, not properties). */
function forgetTree(scope: ResourceInstance['scope'], node: SourceNode): void {
  scope.forget(node);
  for (const v of childValues(node)) forgetTree(scope, v);
}

/**
 * What this version may take of the previous version's model: 'whole' (the edit lies where the model reads
 * nothing), the resource object whose instances are to be read again, with them, or undefined (build it). Only when
 * the parse updated the previous tree (`replaced` is the part it read again, in place of `discarded`; problems or
 * none, wholeRecovery), with the same inputs, and the edit lies inside one resource where the enumeration reads
 * nothing, or inside its name or type (editedResource: `naming`, its instances are made again). The resource's
 * instances tell its type as the enumeration gave it (a child's short type joined to its parent's, a type written
 * as an expression evaluated): none the model reads, 'whole'; all of READ_AGAIN_TYPES, the resource. A resource
 * without instances (a false condition, a count of 0, `existing`) was read by neither the enumeration nor the
 * model: 'whole', unless the edit is in its name or type (build: a type may become one).
 */
export function reusableModel(
  previous: ModelForReuse | undefined, parsed: ParsedDocument, inputs: ModelInputs,
): 'whole' | ToReadAgain | undefined {
  const replaced = parsed.replaced;
  if (!previous || !replaced || wholeRecovery(parsed)) return undefined;
  const a = previous.inputs;
  if (a.parameters?.text !== inputs.parameters?.text || a.parameters?.uri !== inputs.parameters?.uri) return undefined;
  if (a.resourceGroupLocation !== inputs.resourceGroupLocation) return undefined;
  const edited = editedResource(replaced, parsed.discarded);
  if (!edited) return undefined;
  const { resource, naming } = edited;
  const was = edited.was ?? resource;
  const instances = previous.enumeration.resources.filter((res) => res.node === was);
  if (naming) return instances.length ? { resource, instances, naming } : undefined;
  if (instances.every((res) => !READ_TYPES.has(res.typeKey))) return 'whole';
  return instances.every((res) => READ_AGAIN_TYPES.has(res.typeKey)) ? { resource, instances, naming } : undefined;
}

/**
 * The resource object (now in the tree) inside which an edit lies; `naming` when its instances are to be made again
 * (instanceAgain), from `resource` in place of the previous object `was` (the resource object parsed again; else the
 * same object).
 */
export interface EditedResource {
  readonly resource: SourceNode;
  readonly naming: boolean;
  readonly was?: SourceNode;
}

/** An edited resource with its instances in the previous enumeration, to be read again (modelFor). */
type ToReadAgain = EditedResource & { readonly instances: readonly ResourceInstance[] };

/**
 * True when `parsed`'s tree is a parser's recovery of a broken text as a whole, which may have cut short what the
 * mended text declares: no model is taken from one or handed on from it. A version parsed from the previous tree
 * (`replaced`: the part parsed again, with its problems, reparseJson.ts and reparseYaml.ts) is that tree but for
 * the part, which the model reads again like any edited part, problems or not.
 */
export function wholeRecovery(parsed: ParsedDocument): boolean {
  return parsed.problems.length > 0 && !parsed.replaced;
}

/**
 * The properties of a resource that the enumeration reads (template/resources.ts): an edit inside them may change
 * the instances. Everything else of a resource is read only by the model's read of it, when the model reads its
 * type.
 */
const ENUMERATED = ['name', 'type', 'copy', 'condition', 'existing', 'resources'];
/** Of ENUMERATED, what is read for a resource's instances alone: an edit there makes them again (instanceAgain). */
const MADE_AGAIN = ['name', 'type'];
/** The rest of ENUMERATED: a resource object parsed again with these written as before makes the same instances. */
const AS_BEFORE = ENUMERATED.filter((k) => !MADE_AGAIN.includes(k));

/**
 * The resource object inside which `replaced` (the part the parse read again) lies, the innermost one around it,
 * when that is inside one of its properties the enumeration does not read (ENUMERATED), or inside the value of its
 * `name` or `type` (`naming`: the enumeration would make its instances again, and only those: instanceAgain). The
 * part read again may be a string value of the resource object itself (an edit inside the quotes of its `location`,
 * `apiVersion`, `kind`, `name`), or one of its properties, in place of `discarded` (a key being typed, YAML): then
 * neither may be one the enumeration reads, or both are its `name` or both its `type` (the value edited). The part
 * may also be the resource object itself, in place of `discarded` (a syntax problem inside it, JSON; a property taken
 * out of it, YAML): its instances are made again from it when its copy loop, condition, `existing` and child
 * `resources` are written as before (`was` is the old object). An edit in a resource's copy loop, condition or child
 * `resources`, one that adds or takes away a key the enumeration reads, or one outside every resource: undefined.
 */
export function editedResource(replaced: SourceNode, discarded?: SourceNode): EditedResource | undefined {
  // the chain from the edited part up to the innermost resource: ... → property P → resource object R → array → `resources`
  let below: SourceNode | undefined;
  for (let cur: SourceNode | undefined = replaced; cur; below = cur, cur = parentOf(cur)) {
    if (!isResourceObject(cur)) continue;
    // the part is R itself, parsed again
    if (below === undefined) return discarded && parsedAgain(cur, discarded) ? { resource: cur, naming: true, was: discarded } : undefined;
    // `below` is R's property that holds the edit
    if (below === replaced && discarded) {
      // the part is that property (a key typed: reparseYaml.ts), in place of one of R's
      if (unread(below) && unread(discarded)) return { resource: cur, naming: false };
      return madeAgain(below) && sameName(keyOf(below)!, keyOf(discarded) ?? '') ? { resource: cur, naming: true } : undefined;
    }
    if (unread(below)) return { resource: cur, naming: false };
    return below !== replaced && madeAgain(below) ? { resource: cur, naming: true } : undefined;
  }
  return undefined;
}

/**
 * True when `was`, the previous object of resource `now` (parsed again), has the copy loop, condition, `existing` and
 * child `resources` written as `now` has them: the enumeration would make the same instances from it, their names
 * and types as they now read.
 */
function parsedAgain(now: SourceNode, was: SourceNode): boolean {
  return was.type === 'object' && AS_BEFORE.every((key) => sameWritten(prop(now, key), prop(was, key)));
}

/** The same value written in both (keys, scalars, order; not places), or both absent. */
function sameWritten(a: SourceNode | undefined, b: SourceNode | undefined): boolean {
  if (!a || !b) return a === b;
  if (a.type !== b.type) return false;
  if (a.type === 'object' || a.type === 'array') {
    const as = a.children ?? [];
    const bs = b.children ?? [];
    if (as.length !== bs.length) return false;
    for (let i = 0; i < as.length; i++) if (!sameWritten(as[i], bs[i])) return false;
    return true;
  }
  if (a.type === 'property') return keyOf(a) === keyOf(b) && sameWritten(valueOfProperty(a), valueOfProperty(b));
  return Object.is(a.value, b.value);
}

/** A resource's `name` or `type` property. */
function madeAgain(p: SourceNode): boolean {
  const key = p.type === 'property' ? keyOf(p) : undefined;
  return key !== undefined && MADE_AGAIN.some((k) => sameName(k, key));
}

/** A resource's property (node) that the enumeration does not read. */
function unread(p: SourceNode): boolean {
  const key = p.type === 'property' ? keyOf(p) : undefined;
  return key !== undefined && !ENUMERATED.some((k) => sameName(k, key));
}

/**
 * A resource where the enumeration finds one (template/resources.ts `resourceNodes`): an object in the `resources`
 * of a template (the document's root, or a nested deployment's `template`) or of a resource, an array or an object
 * of symbolic names. An object in some other `resources` (inside a resource's `properties`) is part of that resource.
 */
function isResourceObject(node: SourceNode): boolean {
  if (node.type !== 'object') return false;
  const up = parentOf(node);
  const above = up?.type === 'property' ? parentOf(up) : undefined;
  const container = up?.type === 'array' ? up : above?.type === 'object' ? above : undefined;
  const property = container && parentOf(container);
  if (property?.type !== 'property' || !sameName(keyOf(property) ?? '', 'resources')) return false;
  const owner = parentOf(property);
  if (!owner) return false;
  const holder = parentOf(owner);
  if (!holder) return true; // the document's root
  if (holder.type === 'property' && sameName(keyOf(holder) ?? '', 'template')) return true;
  return isResourceObject(owner);
}
