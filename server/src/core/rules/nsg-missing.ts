import { asString } from '../arm/value';
import { appendArrayItem, insertProperty, replaceScalar, type EditTarget } from '../fixes/edits';
import type { Plain } from '../fixes/serialize';
import type { ApimRegion, NetworkModel, NetworkSecurityGroup, Subnet } from '../model/networkModel';
import { parentOf, prop, rangeOf, plainValue } from '../text/sourceNode';
import type { Fix, OffsetEdit } from './finding';
import { defineRule } from './rule';
import { locationOf, modeOf, regionLabel } from './support/apim';
import { ruleProperties } from './support/insertNsgRule';
import { regionRequirements } from './support/regionFlows';
import { declaredTogether, resourceIdExpression } from './support/resourceRef';
import { copyMayGenerate, inCopyInput, propertySlot } from './support/writable';

const NSG_TYPE = 'Microsoft.Network/networkSecurityGroups';

/** An injected or integrated APIM subnet needs an NSG (F-NSG-REQUIRED-1..4, F-V2-INTEG). */
export default defineRule({
  meta: {
    id: 'nsg-missing',
    description: 'An API Management subnet (VNet injection or v2 integration) has no network security group',
    defaultSeverity: 'error',
    facts: ['F-NSG-REQUIRED-1', 'F-NSG-REQUIRED-2', 'F-NSG-REQUIRED-3', 'F-NSG-REQUIRED-4', 'F-V2-INTEG', 'F-V2-INJECT'],
    messages: {
      missing: { text: "Subnet '{subnet}' hosts {instance} ({mode}) but has no network security group: {why}" },
    },
    fixable: true,
  },
  check(ctx) {
    const seen = new Set<Subnet>();
    for (const service of ctx.model.apimServices) {
      for (const region of service.regions) {
        const subnet = region.subnet;
        if (!subnet || seen.has(subnet) || !modeOf(region).injected) continue;
        if (subnet.nsgId.ev !== undefined && subnet.nsgId.ev.t !== 'null') continue; // associated (maybe elsewhere)
        seen.add(subnet);
        const { mode } = modeOf(region);
        const why = REASONS[mode ?? 'unknown'] ?? REASONS['unknown']!;
        ctx.report({
          messageId: 'missing',
          data: { subnet: asString(subnet.name.ev) ?? '(unnamed)', instance: regionLabel(region), mode: describeMode(region), why },
          at: subnet.name.at,
          related: [{ range: rangeOf(service.name.at), message: `API Management instance ${regionLabel(region)}` }],
          fixes: fixesFor(ctx.model, subnet, region),
        });
      }
    }
  },
});

/** Why the subnet needs an NSG, per networking model (facts in `meta.facts`). */
// F-NSG-REQUIRED-1, F-NSG-REQUIRED-2
const CLASSIC_REASON = 'VNet injection requires an NSG, because the load balancer in front of API Management rejects inbound traffic unless the NSG allows it';
const REASONS: Readonly<Record<string, string>> = {
  'classic-external': CLASSIC_REASON,
  'classic-internal': CLASSIC_REASON,
  // F-NSG-REQUIRED-3, F-V2-INTEG
  'v2-integration': 'outbound VNet integration requires an NSG on the subnet (no specific rules)',
  // F-NSG-REQUIRED-4, F-V2-INJECT
  'v2-injection': 'Premium v2 VNet injection requires an NSG on the subnet, with outbound Storage 443 allowed',
  // the tier is not known: every model that uses a subnet needs an NSG there
  unknown: 'API Management requires an NSG on the subnet it uses, in every networking model',
};

function describeMode(region: ApimRegion): string {
  const { mode, tier } = modeOf(region);
  const t = tier?.name ?? asString(region.skuName.ev) ?? 'unknown tier';
  switch (mode) {
    case 'classic-external': return `${t}, External mode`;
    case 'classic-internal': return `${t}, Internal mode`;
    case 'v2-integration': return `${t}, outbound VNet integration`;
    case 'v2-injection': return `${t}, VNet injection`;
    default: return t;
  }
}

function fixesFor(model: NetworkModel, subnet: Subnet, region: ApimRegion): Fix[] {
  const fixes: Fix[] = [];
  // An NSG can only be associated with a subnet of its own region (each region needs its own, VNIR).
  const subnetLocation = subnet.vnet ? locationOf(subnet.vnet.location) : undefined;
  const sameRegion = (n: NetworkSecurityGroup) => {
    const l = locationOf(n.location);
    return subnetLocation === undefined || l === undefined || l === subnetLocation;
  };
  const candidates = model.networkSecurityGroups
    .filter((n) => declaredTogether(n.res, subnet.res) && asString(n.name.ev) !== undefined && sameRegion(n))
    .sort((a, b) => Number(isAttached(model, a)) - Number(isAttached(model, b)))
    .slice(0, 2);
  for (const nsg of candidates) {
    const id = resourceIdExpression(NSG_TYPE, nsg.res);
    if (!id) continue;
    const edits = associate(model, subnet, id);
    if (edits) fixes.push({ title: `Associate the NSG '${asString(nsg.name.ev)}' with this subnet`, edits, isPreferred: fixes.length === 0 && !isAttached(model, nsg) });
  }
  const created = createNsg(model, subnet, region);
  if (created) fixes.push(created);
  return fixes;
}

function isAttached(model: NetworkModel, nsg: NetworkSecurityGroup): boolean {
  return model.subnets.some((s) => s.nsg === nsg);
}

/** Edits that set `networkSecurityGroup.id` on the subnet and make its resource depend on the NSG. */
function associate(doc: EditTarget, subnet: Subnet, idExpr: string): OffsetEdit[] | undefined {
  const edits: OffsetEdit[] = [];
  // A subnet written in a copy loop's `input`, or declared by a resource copy loop, stands for every
  // subnet the loop generates; `properties` or `networkSecurityGroup` built by an expression cannot
  // take a literal beside it (a second key would replace the user's value). No fix there.
  if (subnet.node.type !== 'object' || inCopyInput(subnet.node) || subnet.res.copyIndex !== undefined) return undefined;
  const propsSlot = propertySlot(subnet.node, 'properties', 'object');
  if (propsSlot === undefined) return undefined;
  // `networkSecurityGroup` may already be written (null, {}, { id: null }): edit it, never add a second key.
  const props = subnet.propertiesNode;
  const existing = props ? prop(props, 'networkSecurityGroup') : undefined;
  if (props && copyMayGenerate(props, 'networkSecurityGroup')) return undefined;
  const existingId = prop(existing, 'id');
  if (existing?.type === 'object' && existingId) {
    if (existingId.type !== 'null' || copyMayGenerate(existing, 'id')) return undefined; // an expression that gives null: the user's condition
    edits.push(replaceScalar(doc, existingId, idExpr));
  } else if (existing?.type === 'object') edits.push(insertProperty(doc, existing, 'id', idExpr));
  else if (existing?.type === 'null') edits.push({ offset: existing.offset, length: existing.length, newText: `{${JSON.stringify('id')}: ${JSON.stringify(idExpr)}}` });
  else if (existing) return undefined;
  else if (props) edits.push(insertProperty(doc, props, 'networkSecurityGroup', { id: idExpr }));
  else edits.push(insertProperty(doc, subnet.node, 'properties', { networkSecurityGroup: { id: idExpr } }));
  const res = subnet.res.node;
  const dependsOn = prop(res, 'dependsOn');
  if (dependsOn?.type === 'array') {
    const already = (plainValue(dependsOn) as unknown[]).some((d) => d === idExpr);
    if (!already) edits.push(appendArrayItem(doc, dependsOn, idExpr));
  } else if (!dependsOn && res.type === 'object' && res !== subnet.node) {
    edits.push(insertProperty(doc, res, 'dependsOn', [idExpr]));
  } else if (!dependsOn && res === subnet.node) {
    edits.push(insertProperty(doc, res, 'dependsOn', [idExpr]));
  }
  // Two insertions into the same object at the same offset would be ambiguous: keep them ordered.
  return edits.sort((a, b) => b.offset - a.offset);
}

/**
 * A name for the new NSG that no NSG of the template has: `<subnet>-nsg`, else (the same subnet name in
 * another region, say) `<subnet>-nsg-<region>`, `<vnet>-<subnet>-nsg`, then numbered.
 */
function newNsgName(model: NetworkModel, subnet: Subnet): string | undefined {
  const clean = (s: string) => s.replace(/[^A-Za-z0-9_.-]/g, '-');
  const taken = new Set<string>();
  for (const n of model.networkSecurityGroups) {
    const v = asString(n.name.ev);
    if (v === undefined) return undefined; // an NSG whose name is not known could be any of them
    taken.add(v.toLowerCase());
  }
  const base = `${clean(asString(subnet.name.ev) ?? 'apim')}-nsg`;
  const location = subnet.vnet ? locationOf(subnet.vnet.location) : undefined;
  const vnetName = subnet.vnet ? asString(subnet.vnet.name.ev) : undefined;
  const candidates = [base, ...(location ? [`${base}-${clean(location)}`] : []), ...(vnetName ? [`${clean(vnetName)}-${base}`] : [])];
  for (let i = 2; i <= 9; i++) candidates.push(`${base}-${i}`);
  return candidates.find((c) => c.length <= 80 && !taken.has(c.toLowerCase()));
}

/** A new NSG with every required rule of the mode, declared next to the VNet, in its region, and associated. */
function createNsg(model: NetworkModel, subnet: Subnet, region: ApimRegion): Fix | undefined {
  const { mode, tier } = modeOf(region);
  const container = parentOf(subnet.res.node);
  if (!container || container.type !== 'array' || subnet.res.parent || !mode || mode === 'none') return undefined;
  const name = newNsgName(model, subnet);
  if (!name) return undefined;
  // the region's required flows; the plain-tag rules cover the primary region's regional tags (F-TAGS-REGIONAL)
  const reqs = tier ? regionRequirements(region, mode, tier).filter((f) => f.required && !f.primaryRegionOf) : [];
  const prio = { Inbound: 100, Outbound: 100 };
  const rules = reqs.map((r) => {
    const p = prio[r.direction];
    prio[r.direction] += 10;
    return { name: r.ruleName, properties: ruleProperties(r, p) };
  });
  // A child subnet has no location of its own: the NSG goes in the region of the VNet.
  const vnetNode = subnet.vnet && declaredTogether(subnet.vnet.res, subnet.res) ? subnet.vnet.res.node : undefined;
  const location = plainValue(prop(subnet.res.node, 'location') ?? prop(vnetNode, 'location')) ?? asString(subnet.vnet?.location.ev) ?? '[resourceGroup().location]';
  const apiVersion = plainValue(prop(subnet.res.node, 'apiVersion'));
  const resource: { [k: string]: Plain } = {
    type: NSG_TYPE,
    apiVersion: typeof apiVersion === 'string' ? apiVersion : '2023-09-01',
    name,
    ...(typeof location === 'string' ? { location } : {}),
    properties: { securityRules: rules },
  };
  const id = `[resourceId('${NSG_TYPE}', '${name}')]`;
  const assoc = associate(model, subnet, id);
  if (!assoc) return undefined;
  return {
    title: `Create the NSG '${name}' with the rules API Management requires and associate it`,
    edits: [appendArrayItem(model, container, resource), ...assoc].sort((a, b) => b.offset - a.offset),
  };
}
