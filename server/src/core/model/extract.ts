import { prop, type SourceNode } from '../text/sourceNode';
import { asString, type EV } from '../arm/value';
import { parseResourceId, resourceKey } from '../arm/resourceId';
import { PLACEHOLDER_RESOURCE_GROUP } from '../arm/functions/index';
import { DEPLOYMENTS, type ResourceInstance, type Enumeration } from '../template/resources';
import { ObjectReader, readResource } from './read';
import { memoByString } from '../nsg/memo';
import type {
  ApimRegion, ApimService, DnsZone, NetworkModel, NetworkSecurityGroup, PrivateEndpoint, PrivateEndpointConnection, PublicIp,
  SecurityRule, Subnet, Val, VirtualNetwork,
} from './networkModel';

const T = {
  apim: 'microsoft.apimanagement/service',
  vnet: 'microsoft.network/virtualnetworks',
  subnet: 'microsoft.network/virtualnetworks/subnets',
  nsg: 'microsoft.network/networksecuritygroups',
  rule: 'microsoft.network/networksecuritygroups/securityrules',
  pe: 'microsoft.network/privateendpoints',
  pip: 'microsoft.network/publicipaddresses',
  privateDns: 'microsoft.network/privatednszones',
  dns: 'microsoft.network/dnszones',
} as const;

/**
 * The resource types whose content the model reads (lower-cased), and nested deployments, whose templates the
 * enumeration follows: an edit inside any other resource, where the enumeration reads nothing, leaves the model as it was
 * (model/reuse.ts).
 */
export const READ_TYPES: ReadonlySet<string> = new Set<string>([...Object.values(T), DEPLOYMENTS]);

/**
 * The read types whose instances can be read again after an edit inside them where the enumeration reads nothing
 * (model/reuse.ts): each is read from its own object (a child subnet joins its VNet while the links are made; a
 * child security rule is read into its NSG then, and its NSG is read again with it, a new object for the rules'
 * memos of an NSG's compiled rules). Not deployments, whose templates make the enumeration.
 */
export const READ_AGAIN_TYPES: ReadonlySet<string> = new Set<string>([T.apim, T.vnet, T.subnet, T.nsg, T.rule, T.pe, T.pip, T.privateDns, T.dns]);

/** The resource types the model reads, lower-cased (as `ResourceInstance.typeKey`). */
export const TYPE_KEYS = T;

/**
 * The paths the readers below follow, built once: an array literal in a reader call is a new array per
 * resource and path (3,600 rules × 13 paths on the 2 MB benchmark template; 7 % of an analysis's instructions).
 */
const PATH = {
  // every resource
  name: ['name'],
  location: ['location'],
  apiVersion: ['apiVersion'],
  zones: ['zones'],
  skuName: ['sku', 'name'],
  skuCapacity: ['sku', 'capacity'],
  // API Management (and its additionalLocations items)
  virtualNetworkType: ['properties', 'virtualNetworkType'],
  publicNetworkAccess: ['properties', 'publicNetworkAccess'],
  subnetResourceId: ['properties', 'virtualNetworkConfiguration', 'subnetResourceId'],
  publicIpAddressId: ['properties', 'publicIpAddressId'],
  additionalLocations: ['properties', 'additionalLocations'],
  locationSubnetResourceId: ['virtualNetworkConfiguration', 'subnetResourceId'],
  locationPublicIpAddressId: ['publicIpAddressId'],
  // virtual networks and subnets
  addressSpacePrefix: ['properties', 'addressSpace', 'addressPrefix'],
  addressSpacePrefixes: ['properties', 'addressSpace', 'addressPrefixes'],
  dnsServers: ['properties', 'dhcpOptions', 'dnsServers'],
  subnets: ['properties', 'subnets'],
  addressPrefix: ['properties', 'addressPrefix'],
  addressPrefixes: ['properties', 'addressPrefixes'],
  networkSecurityGroupId: ['properties', 'networkSecurityGroup', 'id'],
  delegations: ['properties', 'delegations'],
  delegationServiceName: ['properties', 'serviceName'],
  serviceName: ['serviceName'],
  // NSGs and their rules
  securityRules: ['properties', 'securityRules'],
  priority: ['properties', 'priority'],
  direction: ['properties', 'direction'],
  access: ['properties', 'access'],
  protocol: ['properties', 'protocol'],
  sourcePrefix: ['properties', 'sourceAddressPrefix'],
  sourcePrefixes: ['properties', 'sourceAddressPrefixes'],
  destinationPrefix: ['properties', 'destinationAddressPrefix'],
  destinationPrefixes: ['properties', 'destinationAddressPrefixes'],
  sourcePort: ['properties', 'sourcePortRange'],
  sourcePorts: ['properties', 'sourcePortRanges'],
  destinationPort: ['properties', 'destinationPortRange'],
  destinationPorts: ['properties', 'destinationPortRanges'],
  // private endpoints
  peSubnetId: ['properties', 'subnet', 'id'],
  privateLinkServiceConnections: ['properties', 'privateLinkServiceConnections'],
  manualPrivateLinkServiceConnections: ['properties', 'manualPrivateLinkServiceConnections'],
  groupIds: ['properties', 'groupIds'],
  privateLinkServiceId: ['properties', 'privateLinkServiceId'],
  // public IP addresses
  publicIPAddressVersion: ['properties', 'publicIPAddressVersion'],
  domainNameLabel: ['properties', 'dnsSettings', 'domainNameLabel'],
} as const;

/** The key of an ARM id value (`resourceKey` of its type and names), when the id is known. */
export function keyOfId(v: Val | EV | undefined): string | undefined {
  const ev = v && 'at' in v ? v.ev : (v as EV | undefined);
  const s = asString(ev);
  return s ? keyOfIdText(s) : undefined;
}

/**
 * `keyOfId` of an id's text. Memoised: the same ids are linked on every analysis (a subnet's NSG
 * id, an APIM region's subnet id), and a regular expression, a split and a parse per id were 4 % of the model's build.
 * 16,384 ids: the 8 MB benchmark template links 4,400 distinct ones, and a table that starts over within one
 * analysis computes them all again on every analysis.
 */
const keyOfIdText = memoByString((s: string): string | undefined => {
  // An id in a named resource group other than this deployment's is a resource deployed elsewhere,
  // even when a resource of the same name is declared here: do not link it.
  const rg = /\/resourceGroups\/([^/]+)\//i.exec(s)?.[1];
  if (rg !== undefined && rg.toLowerCase() !== PLACEHOLDER_RESOURCE_GROUP.toLowerCase()) return undefined;
  const parsed = parseResourceId(s);
  return parsed ? resourceKey(parsed.type, parsed.names) : undefined;
}, 16_384);

/** The type (lower case) an id value names, when known. */
export function typeOfId(v: Val): string | undefined {
  const s = asString(v.ev);
  return s ? parseResourceId(s)?.type.toLowerCase() : undefined;
}

/** The key a resource instance is found by (its type and name segments), when its name is known. */
export function instanceKey(res: ResourceInstance): string | undefined {
  const n = asString(res.name);
  return n === undefined ? undefined : resourceKey(res.type, n.split('/'));
}

/** The key of the NSG a child security rule instance joins (its name's first segment), when its name is known. */
export function nsgKeyOfChildRule(res: ResourceInstance): string | undefined {
  const nsgName = asString(res.name)?.split('/')[0];
  return nsgName === undefined ? undefined : resourceKey('Microsoft.Network/networkSecurityGroups', [nsgName]);
}

/**
 * What reading one resource instance gave, before the links between resources (child subnets and rules joining
 * their parents, ids resolved to resources). Kept with the model (model/reuse.ts) so that the next version's
 * analysis reads again only the resource an edit lies in; the links are made again on every build, so
 * `linkModel` first undoes the previous build's: a VNet's `subnets` are set back to those read (`subnets`), an
 * NSG's `rules` to the first `ruleCount` (child rules are appended), and every resolved link is cleared.
 */
export type ResourceRead =
  | { readonly kind: 'apim'; readonly apim: ApimService }
  | { readonly kind: 'vnet'; readonly vnet: VirtualNetwork; readonly subnets: readonly Subnet[] }
  | { readonly kind: 'subnet'; readonly subnet: Subnet }
  | { readonly kind: 'nsg'; readonly nsg: NetworkSecurityGroup; readonly ruleCount: number; readonly rulesUnknown: boolean }
  | { readonly kind: 'rule' }
  | { readonly kind: 'pe'; readonly pe: PrivateEndpoint }
  | { readonly kind: 'pip'; readonly pip: PublicIp }
  | { readonly kind: 'dns'; readonly zone: DnsZone }
  | { readonly kind: 'other'; readonly key: string | undefined };

/** A child security rule is read when it joins its NSG (readRule needs the NSG). */
const CHILD_RULE: ResourceRead = { kind: 'rule' };

function readInstance(res: ResourceInstance): ResourceRead {
  switch (res.typeKey) {
    case T.apim: return { kind: 'apim', apim: readApim(res) };
    case T.vnet: {
      const vnet = readVnet(res);
      return { kind: 'vnet', vnet, subnets: vnet.subnets.slice() };
    }
    case T.subnet: return { kind: 'subnet', subnet: readChildSubnet(res) };
    case T.nsg: {
      const nsg = readNsg(res);
      return { kind: 'nsg', nsg, ruleCount: nsg.rules.length, rulesUnknown: nsg.rulesUnknown };
    }
    case T.rule: return CHILD_RULE;
    case T.pe: return { kind: 'pe', pe: readPrivateEndpoint(res) };
    case T.pip: return { kind: 'pip', pip: readPublicIp(res) };
    case T.privateDns: case T.dns:
      return { kind: 'dns', zone: { res, name: readResource(res.scope, res.node, (r) => r.val(PATH.name)), private: res.typeKey === T.privateDns } };
    default: return { kind: 'other', key: instanceKey(res) };
  }
}

/**
 * Reads every resource instance of the enumeration; with `previous` (the reads of the previous version, whose
 * enumeration this is), only the instances `again` names, the others keeping their previous reads.
 */
export function readResources(
  en: Enumeration,
  previous?: { readonly reads: readonly ResourceRead[]; readonly again: ReadonlySet<ResourceInstance> },
): ResourceRead[] {
  const reads = new Array<ResourceRead>(en.resources.length);
  for (let i = 0; i < en.resources.length; i++) {
    const res = en.resources[i]!;
    reads[i] = previous && !previous.again.has(res) ? previous.reads[i]! : readInstance(res);
  }
  return reads;
}

/** The network model of the reads of the enumerated resources (readResources), their ids linked to resources. */
export function linkModel(format: 'json' | 'yaml', text: string, root: SourceNode, en: Enumeration, reads: readonly ResourceRead[]): NetworkModel {
  const apimServices: ApimService[] = [];
  const virtualNetworks: VirtualNetwork[] = [];
  const subnetsByKey = new Map<string, Subnet>();
  const subnets: Subnet[] = [];
  const nsgs: NetworkSecurityGroup[] = [];
  const nsgByKey = new Map<string, NetworkSecurityGroup>();
  const childRules: ResourceInstance[] = [];
  const privateEndpoints: PrivateEndpoint[] = [];
  const publicIps: PublicIp[] = [];
  const dnsZones: DnsZone[] = [];
  const byKey = new Map<string, unknown>();

  const addSubnet = (s: Subnet) => {
    s.nsg = undefined;
    subnets.push(s);
    if (!s.key) return;
    // A child subnet resource depends on its VNet and is deployed after it, wherever it is written: the
    // VNet's inline declaration of the same subnet does not replace it (child ones have no `vnet` yet).
    const prev = subnetsByKey.get(s.key);
    if (prev && !prev.vnet && s.vnet) return;
    subnetsByKey.set(s.key, s);
  };

  for (let i = 0; i < reads.length; i++) {
    const read = reads[i]!;
    switch (read.kind) {
      case 'apim': {
        const a = read.apim;
        a.privateEndpoints.length = 0;
        for (const r of a.regions) r.subnet = r.publicIp = undefined;
        apimServices.push(a);
        break;
      }
      case 'vnet': {
        const vnet = read.vnet;
        vnet.subnets.length = 0;
        vnet.subnets.push(...read.subnets);
        virtualNetworks.push(vnet);
        vnet.subnets.forEach(addSubnet);
        break;
      }
      case 'subnet':
        (read.subnet as { vnet?: VirtualNetwork }).vnet = undefined;
        addSubnet(read.subnet);
        break;
      case 'nsg': {
        const nsg = read.nsg;
        nsg.rules.length = read.ruleCount;
        nsg.rulesUnknown = read.rulesUnknown;
        nsgs.push(nsg);
        if (nsg.key) nsgByKey.set(nsg.key, nsg);
        break;
      }
      case 'rule': childRules.push(en.resources[i]!); break;
      case 'pe': {
        const pe = read.pe;
        pe.subnet = undefined;
        privateEndpoints.push(pe);
        break;
      }
      case 'pip': publicIps.push(read.pip); break;
      case 'dns': dnsZones.push(read.zone); break;
      case 'other':
        if (read.key) byKey.set(read.key, en.resources[i]!);
    }
  }

  // Child subnets join their VNet; child rules join their NSG.
  const vnetByKey = new Map(virtualNetworks.filter((v) => v.key).map((v) => [v.key!, v]));
  for (const s of subnets) {
    if (s.vnet || !s.key) continue;
    const vnetName = s.key.split('|')[1]?.split('/')[0];
    const vnet = vnetName === undefined ? undefined : vnetByKey.get(resourceKey('Microsoft.Network/virtualNetworks', [vnetName]));
    if (vnet) {
      (s as { vnet?: VirtualNetwork }).vnet = vnet;
      const i = vnet.subnets.findIndex((x) => x.key === s.key);
      if (i >= 0) vnet.subnets[i] = s;
      else vnet.subnets.push(s);
    }
  }
  for (const res of childRules) {
    const key = nsgKeyOfChildRule(res);
    const nsg = key === undefined ? undefined : nsgByKey.get(key);
    if (nsg) nsg.rules.push(readResource(res.scope, res.node, (r) => readRule(nsg, res, r, 'child')));
    else if (key === undefined) for (const n of nsgs) if (n.res.scope === res.scope) n.rulesUnknown = true;
  }
  const finalSubnets = [...new Set(subnetsByKey.values()), ...subnets.filter((s) => !s.key)];

  for (const v of virtualNetworks) if (v.key) byKey.set(v.key, v);
  for (const s of finalSubnets) {
    if (s.key) byKey.set(s.key, s);
    const k = keyOfId(s.nsgId);
    if (k) s.nsg = nsgByKey.get(k);
  }
  for (const n of nsgs) if (n.key) byKey.set(n.key, n);
  const pipByKey = new Map<string, PublicIp>();
  for (const p of publicIps) if (p.key) { pipByKey.set(p.key, p); byKey.set(p.key, p); }
  const apimByKey = new Map<string, ApimService>();
  for (const a of apimServices) {
    const k = instanceKey(a.res);
    if (k) { apimByKey.set(k, a); byKey.set(k, a); }
    for (const r of a.regions) {
      const sk = keyOfId(r.subnetId);
      if (sk) r.subnet = subnetsByKey.get(sk);
      const pk = keyOfId(r.publicIpId);
      if (pk) r.publicIp = pipByKey.get(pk);
    }
  }
  for (const pe of privateEndpoints) {
    const sk = keyOfId(pe.subnetId);
    if (sk) pe.subnet = subnetsByKey.get(sk);
    for (const c of pe.connections) {
      const t = typeOfId(c.targetId);
      c.targetsApim = t === T.apim;
      const k = keyOfId(c.targetId);
      c.target = k ? apimByKey.get(k) : undefined;
      if (c.target) {
        c.targetsApim = true;
        c.target.privateEndpoints.push(c);
      }
    }
  }

  return {
    format, text, root,
    apimServices, virtualNetworks, subnets: finalSubnets, networkSecurityGroups: nsgs, privateEndpoints, publicIps, dnsZones, byKey,
    resourcesNode: prop(root, 'resources'),
    notes: en.notes,
  };
}

function readApim(res: ResourceInstance): ApimService {
  return readResource(res.scope, res.node, (r) => readApimWith(res, r));
}

function readApimWith(res: ResourceInstance, r: ObjectReader): ApimService {
  const service: ApimService = {
    res,
    name: r.val(PATH.name),
    skuName: r.val(PATH.skuName),
    capacity: r.val(PATH.skuCapacity),
    location: r.val(PATH.location),
    virtualNetworkType: r.val(PATH.virtualNetworkType),
    publicNetworkAccess: r.val(PATH.publicNetworkAccess),
    apiVersion: r.val(PATH.apiVersion),
    zones: r.val(PATH.zones),
    propertiesNode: prop(res.node, 'properties'),
    regions: [],
    privateEndpoints: [],
  };
  const regions: ApimRegion[] = [
    {
      service, primary: true, node: res.node,
      location: service.location, skuName: service.skuName, capacity: service.capacity,
      subnetId: r.val(PATH.subnetResourceId),
      publicIpId: r.val(PATH.publicIpAddressId),
    },
  ];
  for (const loc of r.items(PATH.additionalLocations)) {
    const sku = loc.val(PATH.skuName);
    regions.push({
      service, primary: false, node: loc.raw,
      location: loc.val(PATH.location),
      skuName: sku.ev === undefined ? service.skuName : sku,
      capacity: loc.val(PATH.skuCapacity),
      subnetId: loc.val(PATH.locationSubnetResourceId),
      publicIpId: loc.val(PATH.locationPublicIpAddressId),
    });
  }
  service.regions = regions;
  return service;
}

function readVnet(res: ResourceInstance): VirtualNetwork {
  return readResource(res.scope, res.node, (r) => readVnetWith(res, r));
}

function readVnetWith(res: ResourceInstance, r: ObjectReader): VirtualNetwork {
  const vnet: VirtualNetwork = {
    res, key: instanceKey(res),
    name: r.val(PATH.name),
    location: r.val(PATH.location),
    addressPrefixes: r.many(PATH.addressSpacePrefix, PATH.addressSpacePrefixes),
    dnsServers: r.val(PATH.dnsServers),
    subnets: [],
  };
  const vnetName = asString(res.name);
  for (const item of r.items(PATH.subnets)) {
    const name = item.val(PATH.name);
    const sn = asString(name.ev);
    vnet.subnets.push(readSubnet(res, item, name, vnetName !== undefined && sn !== undefined ? resourceKey(T.subnet, [vnetName, sn]) : undefined, vnet));
  }
  return vnet;
}

function readChildSubnet(res: ResourceInstance): Subnet {
  return readResource(res.scope, res.node, (r) => readChildSubnetWith(res, r));
}

function readChildSubnetWith(res: ResourceInstance, r: ObjectReader): Subnet {
  return readSubnet(res, r, lastSegment(r.val(PATH.name)), instanceKey(res), undefined);
}

/** Child resources are named `parent/child`: messages use the child's own name. */
function lastSegment(name: Val): Val {
  if (name.ev?.t !== 'string') return name;
  const v = name.ev.v;
  return { ev: { ...name.ev, v: v.slice(v.lastIndexOf('/') + 1), literal: false }, at: name.at };
}

function readSubnet(res: ResourceInstance, r: ObjectReader, name: Val, key: string | undefined, vnet: VirtualNetwork | undefined): Subnet {
  const prefixes = r.many(PATH.addressPrefix, PATH.addressPrefixes);
  return {
    key, node: r.raw, name, res, vnet,
    addressPrefix: prefixes[0] ?? { ev: undefined, at: r.raw },
    nsgId: r.val(PATH.networkSecurityGroupId),
    delegations: r.items(PATH.delegations).map((d) => {
      const v = d.val(PATH.delegationServiceName);
      return v.ev === undefined ? d.val(PATH.serviceName) : v;
    }),
    propertiesNode: prop(r.raw, 'properties'),
  };
}

function readNsg(res: ResourceInstance): NetworkSecurityGroup {
  return readResource(res.scope, res.node, (r) => readNsgWith(res, r));
}

function readNsgWith(res: ResourceInstance, r: ObjectReader): NetworkSecurityGroup {
  const rulesNode = prop(prop(res.node, 'properties'), 'securityRules');
  const nsg: NetworkSecurityGroup = {
    res, key: instanceKey(res), name: r.val(PATH.name), location: r.val(PATH.location), rules: [],
    rulesArrayNode: rulesNode?.type === 'array' ? rulesNode : undefined,
    rulesUnknown: false,
  };
  if (r.kindAt(PATH.securityRules) === 'unknown') nsg.rulesUnknown = true;
  for (const item of r.items(PATH.securityRules)) {
    if (item.kind !== 'object') { nsg.rulesUnknown = true; continue; }
    nsg.rules.push(readRule(nsg, res, item, 'inline'));
  }
  return nsg;
}

function readRule(nsg: NetworkSecurityGroup, res: ResourceInstance, r: ObjectReader, style: 'inline' | 'child'): SecurityRule {
  const name = style === 'child' ? lastSegment(r.val(PATH.name)) : r.val(PATH.name);
  return {
    nsg, node: r.raw, style, res, name,
    priority: r.val(PATH.priority),
    direction: r.val(PATH.direction),
    access: r.val(PATH.access),
    protocol: r.val(PATH.protocol),
    sourcePrefixes: r.many(PATH.sourcePrefix, PATH.sourcePrefixes),
    destinationPrefixes: r.many(PATH.destinationPrefix, PATH.destinationPrefixes),
    sourcePorts: r.many(PATH.sourcePort, PATH.sourcePorts),
    destinationPorts: r.many(PATH.destinationPort, PATH.destinationPorts),
    propertiesNode: prop(r.raw, 'properties'),
  };
}

function readPrivateEndpoint(res: ResourceInstance): PrivateEndpoint {
  return readResource(res.scope, res.node, (r) => readPrivateEndpointWith(res, r));
}

function readPrivateEndpointWith(res: ResourceInstance, r: ObjectReader): PrivateEndpoint {
  const pe: PrivateEndpoint = {
    res, name: r.val(PATH.name), location: r.val(PATH.location), subnetId: r.val(PATH.peSubnetId), connections: [],
  };
  const conns: PrivateEndpointConnection[] = [];
  for (const list of [PATH.privateLinkServiceConnections, PATH.manualPrivateLinkServiceConnections]) {
    for (const c of r.items(list)) {
      const groupIdsVal = c.val(PATH.groupIds);
      conns.push({
        endpoint: pe, node: c.raw,
        targetId: c.val(PATH.privateLinkServiceId),
        groupIds: c.items(PATH.groupIds).map((g) => ({ ev: g.value, at: g.raw })),
        groupIdsVal,
        targetsApim: false,
      });
    }
  }
  pe.connections = conns;
  return pe;
}

function readPublicIp(res: ResourceInstance): PublicIp {
  return readResource(res.scope, res.node, (r) => readPublicIpWith(res, r));
}

function readPublicIpWith(res: ResourceInstance, r: ObjectReader): PublicIp {
  return {
    res, key: instanceKey(res), name: r.val(PATH.name), location: r.val(PATH.location), skuName: r.val(PATH.skuName),
    version: r.val(PATH.publicIPAddressVersion),
    dnsLabel: r.val(PATH.domainNameLabel),
    propertiesNode: prop(res.node, 'properties'),
  };
}
