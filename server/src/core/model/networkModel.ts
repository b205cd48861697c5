import type { EV } from '../arm/value';
import type { SourceNode } from '../text/sourceNode';
import type { ResourceInstance } from '../template/resources';

/**
 * The network a template describes, with every value's provenance. Rules read only this.
 *
 * A `Val` pairs an evaluated value with `at`: the node inside the resource where the value is
 * written (what a finding points at). `ev.node` may lie elsewhere (a variable, a parameter default):
 * that is where a fix edits, when `ev.literal` says the text there is the value itself.
 * A property that is absent has `ev` undefined and `at` = the object that would hold it.
 */
export interface Val {
  readonly ev: EV | undefined;
  readonly at: SourceNode;
}

export interface ApimService {
  readonly res: ResourceInstance;
  readonly name: Val;
  readonly skuName: Val;
  readonly capacity: Val;
  readonly location: Val;
  readonly virtualNetworkType: Val;
  readonly publicNetworkAccess: Val;
  readonly apiVersion: Val;
  readonly zones: Val;
  /** `properties` object node, where absent properties would be inserted. */
  readonly propertiesNode?: SourceNode;
  /** The primary region first, then each `additionalLocations[]` entry. */
  regions: ApimRegion[];
  readonly privateEndpoints: PrivateEndpointConnection[];
}

export interface ApimRegion {
  readonly service: ApimService;
  readonly primary: boolean;
  /** The resource node (primary) or the `additionalLocations[]` entry. */
  readonly node: SourceNode;
  readonly location: Val;
  readonly skuName: Val;
  readonly capacity: Val;
  /** `virtualNetworkConfiguration.subnetResourceId` (`ev` undefined when not configured). */
  readonly subnetId: Val;
  readonly publicIpId: Val;
  /** The subnet in this template the id resolves to; undefined when unknown or deployed elsewhere. */
  subnet?: Subnet;
  publicIp?: PublicIp;
}

export interface VirtualNetwork {
  readonly res: ResourceInstance;
  readonly key?: string;
  readonly name: Val;
  readonly location: Val;
  readonly addressPrefixes: readonly Val[];
  readonly dnsServers: Val;
  readonly subnets: Subnet[];
}

export interface Subnet {
  readonly key?: string;
  /** The subnet's own object node (inline item or child resource). */
  readonly node: SourceNode;
  readonly name: Val;
  /** `addressPrefix`, or the first of `addressPrefixes`. */
  readonly addressPrefix: Val;
  /** `networkSecurityGroup.id` (`ev` undefined when absent). */
  readonly nsgId: Val;
  readonly delegations: readonly Val[];
  /** `properties` object node, where an NSG association or delegation would be inserted. */
  readonly propertiesNode?: SourceNode;
  readonly vnet?: VirtualNetwork;
  /** The resource that declares this subnet (the VNet, or the subnet child resource). */
  readonly res: ResourceInstance;
  nsg?: NetworkSecurityGroup;
}

export interface NetworkSecurityGroup {
  readonly res: ResourceInstance;
  readonly key?: string;
  readonly name: Val;
  readonly location: Val;
  readonly rules: SecurityRule[];
  /** The inline `securityRules` array node, when rules are written inline. */
  readonly rulesArrayNode?: SourceNode;
  /** True when some rules could not be listed (an expression builds them): the NSG is not judged. */
  rulesUnknown: boolean;
}

export interface SecurityRule {
  readonly nsg: NetworkSecurityGroup;
  /** The rule object (inline item, or the child resource). */
  readonly node: SourceNode;
  readonly style: 'inline' | 'child';
  readonly res: ResourceInstance;
  readonly name: Val;
  readonly priority: Val;
  readonly direction: Val;
  readonly access: Val;
  readonly protocol: Val;
  /** Singular and plural properties merged, in order. */
  readonly sourcePrefixes: readonly Val[];
  readonly destinationPrefixes: readonly Val[];
  readonly sourcePorts: readonly Val[];
  readonly destinationPorts: readonly Val[];
  readonly propertiesNode?: SourceNode;
}

export interface PrivateEndpoint {
  readonly res: ResourceInstance;
  readonly name: Val;
  readonly location: Val;
  readonly subnetId: Val;
  connections: PrivateEndpointConnection[];
  subnet?: Subnet;
}

export interface PrivateEndpointConnection {
  readonly endpoint: PrivateEndpoint;
  readonly node: SourceNode;
  readonly targetId: Val;
  readonly groupIds: readonly Val[];
  readonly groupIdsVal: Val;
  /** The APIM service in this template it targets, if any. */
  target?: ApimService;
  /** True when the target id is known to be an API Management service (here or elsewhere). */
  targetsApim: boolean;
}

export interface PublicIp {
  readonly res: ResourceInstance;
  readonly key?: string;
  readonly name: Val;
  readonly location: Val;
  readonly skuName: Val;
  readonly version: Val;
  readonly dnsLabel: Val;
  readonly propertiesNode?: SourceNode;
}

export interface DnsZone {
  readonly res: ResourceInstance;
  readonly name: Val;
  readonly private: boolean;
}

export interface NetworkModel {
  readonly format: 'json' | 'yaml';
  readonly text: string;
  readonly root: SourceNode;
  readonly apimServices: readonly ApimService[];
  readonly virtualNetworks: readonly VirtualNetwork[];
  readonly subnets: readonly Subnet[];
  readonly networkSecurityGroups: readonly NetworkSecurityGroup[];
  readonly privateEndpoints: readonly PrivateEndpoint[];
  readonly publicIps: readonly PublicIp[];
  readonly dnsZones: readonly DnsZone[];
  /** Resources of any type, keyed by `resourceKey(type, names)`, for id resolution. */
  readonly byKey: ReadonlyMap<string, unknown>;
  /** The `resources` array/object of the top-level template, where new resources are inserted. */
  readonly resourcesNode?: SourceNode;
  readonly notes: readonly { node: SourceNode; message: string }[];
}
