import { asNumber, asString } from '../../arm/value';
import { portRunsOf, type FlowRequirement } from '../../azure/apimRequirements';
import { appendArrayItems, insertProperty, type EditTarget } from '../../fixes/edits';
import type { Plain } from '../../fixes/serialize';
import type { NetworkModel, NetworkSecurityGroup, SecurityRule } from '../../model/networkModel';
import { parentOf, plainValue, prop, sameName, type SourceNode } from '../../text/sourceNode';
import { lowerName, memoByObject } from '../../nsg/memo';
import { propertySlot } from './writable';
import { MAX_PRIORITY, MIN_PRIORITY } from '../../nsg/priorities';
import type { Fix, OffsetEdit } from '../finding';


/** The priority `rule` takes in `direction`: its own, when it is of that direction or of an unknown one. */
function priorityIn(rule: SecurityRule, direction: string): number | undefined {
  const p = asNumber(rule.priority.ev);
  if (p === undefined) return undefined;
  const d = asString(rule.direction.ev);
  return d === undefined || sameName(d, direction) ? p : undefined;
}

/** The priorities taken in `direction`; for any other text than Inbound or Outbound (one being typed), computed. */
function usedPriorities(nsg: NetworkSecurityGroup, direction: string): ReadonlySet<number> {
  if (sameName(direction, 'Inbound')) return prioritiesAndNames(nsg).used.Inbound;
  if (sameName(direction, 'Outbound')) return prioritiesAndNames(nsg).used.Outbound;
  return prioritiesIn(nsg, direction);
}

function prioritiesIn(nsg: NetworkSecurityGroup, direction: string): Set<number> {
  const used = new Set<number>();
  for (const r of nsg.rules) {
    const p = priorityIn(r, direction);
    if (p !== undefined) used.add(p);
  }
  return used;
}

/**
 * A free priority for a new rule in `direction` that is evaluated before `before` (the blocking
 * rule's priority; a default rule's 65xxx means "anywhere"). Prefers multiples of 10, right above
 * the blocking rule or after the existing rules; undefined when no number is free.
 */
export function freePriority(
  nsg: NetworkSecurityGroup,
  direction: string,
  before: number,
  taken: ReadonlySet<number> = new Set(),
  used: ReadonlySet<number> = usedPriorities(nsg, direction),
): number | undefined {
  const free = (p: number) => p >= MIN_PRIORITY && p <= MAX_PRIORITY && !used.has(p) && !taken.has(p);
  if (before > MAX_PRIORITY) {
    const max = Math.max(MIN_PRIORITY - 10, ...[...used].filter((p) => p <= MAX_PRIORITY));
    for (let p = Math.ceil((max + 1) / 10) * 10; p <= MAX_PRIORITY; p += 10) if (free(p)) return p;
    for (let p = MIN_PRIORITY; p <= MAX_PRIORITY; p++) if (free(p)) return p;
    return undefined;
  }
  for (let p = Math.floor((before - 1) / 10) * 10; p >= MIN_PRIORITY; p -= 10) if (free(p)) return p;
  for (let p = before - 1; p >= MIN_PRIORITY; p--) if (free(p)) return p;
  return undefined;
}

/**
 * What every fix for one NSG reads of it: its priorities per direction (a rule of unknown direction takes its
 * priority in both) and its rule names in lower case. An NSG of a model does not change, and a template's NSG
 * gets a fix per blocked flow: read once per NSG.
 */
const prioritiesAndNames = memoByObject((nsg: NetworkSecurityGroup) => {
  const names = new Set<string | undefined>();
  for (const r of nsg.rules) {
    const name = asString(r.name.ev);
    if (name) names.add(lowerName(name));
  }
  return { used: { Inbound: prioritiesIn(nsg, 'Inbound'), Outbound: prioritiesIn(nsg, 'Outbound') }, names };
});

function uniqueName(names: ReadonlySet<string | undefined>, base: string, taken: Set<string>): string {
  let name = base;
  for (let i = 2; names.has(name.toLowerCase()) || taken.has(name.toLowerCase()); i++) name = `${base}${i}`;
  taken.add(name.toLowerCase());
  return name;
}

/**
 * Requirements that one rule serves: the same rule name, direction, protocol and remote, and consecutive
 * ports (F-PORT-TABLE P12, 6381-6383, is one flow per port), merged into one with `to` the last port.
 */
function mergeRanges(reqs: readonly { req: FlowRequirement; before: number }[]): { req: FlowRequirement; before: number; to: number }[] {
  return portRunsOf(reqs, (r) => r.req).map(({ req, to, items }) => ({ req, to, before: Math.min(...items.map((i) => i.before)) }));
}

/** The description our rules carry: one string per requirement (requirements are shared objects). */
const descriptionOf = memoByObject((req: FlowRequirement) => `${req.purpose} (APIM ${req.required ? 'required' : 'optional'}; ${req.fact})`);

/** The properties of the Allow rule a flow needs (F-PORT-TABLE: VirtualNetwork on the APIM side), up to port `to` for a range. */
export function ruleProperties(req: FlowRequirement, priority: number, to = req.port): { [k: string]: Plain } {
  const remote = req.remote === 'any' ? 'Internet' : req.remote;
  const inbound = req.direction === 'Inbound';
  return {
    description: descriptionOf(req),
    protocol: req.protocol,
    sourcePortRange: '*',
    destinationPortRange: to > req.port ? `${req.port}-${to}` : String(req.port),
    sourceAddressPrefix: inbound ? remote : 'VirtualNetwork',
    destinationAddressPrefix: inbound ? 'VirtualNetwork' : remote,
    access: 'Allow',
    priority,
    direction: req.direction,
  };
}

/**
 * The new rule `name` for `req` at priority `p` (up to port `to`): one object per analysis (its model) for the same
 * arguments, so that its text is written once for every NSG that gets it (fixes/serialize.ts, `inlineTextKept`).
 */
function ruleItem(model: NetworkModel, name: string, req: FlowRequirement, p: number, to: number): NewRule {
  const byReq = ruleItems(model);
  let byKey = byReq.get(req);
  if (!byKey) byReq.set(req, (byKey = new Map()));
  const key = `${p}|${to}|${name}`;
  let rule = byKey.get(key);
  if (!rule) byKey.set(key, (rule = { name, properties: ruleProperties(req, p, to) }));
  return rule;
}

type NewRule = { readonly name: string; readonly properties: { readonly [k: string]: Plain } };

const ruleItems = memoByObject((_model: NetworkModel) => new Map<FlowRequirement, Map<string, NewRule>>());

/**
 * Edits that add Allow rules for `reqs` to `nsg`, written like the NSG's existing rules: inline
 * items of `securityRules`, or child `securityRules` resources next to the existing ones.
 * `before` gives, per requirement, the priority the new rule must precede.
 */
export function insertRulesFix(
  model: NetworkModel,
  nsg: NetworkSecurityGroup,
  reqs: readonly { req: FlowRequirement; before: number }[],
  title: string,
): Fix | undefined {
  const takenPrio = { Inbound: new Set<number>(), Outbound: new Set<number>() };
  const takenNames = new Set<string>();
  const rules: NewRule[] = [];
  // the NSG's own priorities and names, read once per NSG rather than once per fix or added rule
  const { used, names } = prioritiesAndNames(nsg);
  // A flow to the primary region's regional tag is covered by the rule for the plain tag, when that is added too.
  const plain = new Set(reqs.map((r) => r.req));
  const needed = reqs.filter((r) => !r.req.primaryRegionOf || !plain.has(r.req.primaryRegionOf));
  for (const { req, before, to } of mergeRanges(needed)) {
    const p = freePriority(nsg, req.direction, before, takenPrio[req.direction], used[req.direction]);
    if (p === undefined) return undefined;
    takenPrio[req.direction].add(p);
    rules.push(ruleItem(model, uniqueName(names, req.ruleName, takenNames), req, p, to));
  }
  const edit = rulesEdit(model, nsg, rules);
  return edit ? { title, edits: [edit], isPreferred: true } : undefined;
}

/**
 * The edit that adds `rules` to the NSG, or undefined where the text cannot take them safely:
 * `securityRules` (or `properties`) written as an expression or other non-literal, or generated by a
 * property `copy` loop. Writing a literal there would add a second key or an array beside the loop
 * and drop the user's rules; mixing in child `securityRules` resources instead would have the next
 * deployment of the inline list delete them. The finding then stays, without a fix.
 */
function rulesEdit(doc: EditTarget, nsg: NetworkSecurityGroup, rules: readonly NewRule[]): OffsetEdit | undefined {
  const t = rulesTarget(nsg);
  switch (t?.kind) {
    case 'append': return appendArrayItems(doc, t.array, rules);
    case 'child': return childRulesEdit(doc, t.sibling, rules);
    case 'rules': return insertProperty(doc, t.properties, 'securityRules', rules);
    case 'properties': return insertProperty(doc, t.resource, 'properties', { securityRules: rules });
    default: return undefined;
  }
}

/**
 * Where new rules of `nsg` go (see rulesEdit); undefined where the text cannot take them. The same for every fix
 * of one NSG: found once per NSG. An NSG of a model is read again, a new object, whenever an edit changes its
 * resource (model/reuse.ts), so the nodes found here are the tree's.
 */
const rulesTarget = memoByObject((nsg: NetworkSecurityGroup):
  | { readonly kind: 'append'; readonly array: SourceNode }
  | { readonly kind: 'child'; readonly sibling: SecurityRule }
  | { readonly kind: 'rules'; readonly properties: SourceNode }
  | { readonly kind: 'properties'; readonly resource: SourceNode }
  | undefined => {
  const res = nsg.res.node;
  if (res.type !== 'object') return undefined;
  const propsSlot = propertySlot(res, 'properties', 'object');
  if (propsSlot === undefined) return undefined;
  const props = prop(res, 'properties');
  const rulesSlot = props ? propertySlot(props, 'securityRules', 'array') : 'absent';
  if (rulesSlot === undefined) return undefined;
  if (rulesSlot === 'literal') return nsg.rulesArrayNode ? { kind: 'append', array: nsg.rulesArrayNode } : undefined;
  const child = nsg.rules.find((r) => r.style === 'child');
  if (child) return { kind: 'child', sibling: child };
  if (props) return { kind: 'rules', properties: props };
  return { kind: 'properties', resource: res };
});

/** Child-resource style: a sibling `securityRules` resource is the model for name, apiVersion and dependsOn. */
function childRulesEdit(doc: EditTarget, child: SecurityRule, rules: readonly NewRule[]): OffsetEdit | undefined {
  const sibling = child.res.node;
  const container = parentOf(sibling);
  const siblingName = asString(child.name.ev);
  const nameNode = prop(sibling, 'name');
  const nameText = typeof nameNode?.value === 'string' ? nameNode.value : undefined;
  if (!container || container.type !== 'array' || !siblingName || !nameText || !nameText.includes(siblingName)) return undefined;
  const typeNode = prop(sibling, 'type');
  const dependsOn = plainValue(prop(sibling, 'dependsOn'));
  const resources = rules.map((r) => {
    const resource: { [k: string]: Plain } = {
      type: typeof typeNode?.value === 'string' ? typeNode.value : 'Microsoft.Network/networkSecurityGroups/securityRules',
      apiVersion: (plainValue(prop(sibling, 'apiVersion')) as string | undefined) ?? '2023-09-01',
      name: nameText.split(siblingName).join(r.name),
    };
    if (Array.isArray(dependsOn)) resource['dependsOn'] = dependsOn as Plain[];
    resource['properties'] = r.properties;
    return resource;
  });
  return appendArrayItems(doc, container, resources);
}
