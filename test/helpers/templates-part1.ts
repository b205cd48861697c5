/**
 * Extra template builders for the rule tests of nsg-missing, nsg-ineffective-rule,
 * service-tag-unknown, subnet-too-small, subnet-invalid, subnet-delegation and tier-network-mode:
 * child resources, nested deployments, multi-region instances, private endpoints.
 */
import { apim, nsg, requiredRules, type ApimSpec, type Obj, type SubnetSpec } from './templates';

export const NSG_TYPE = 'Microsoft.Network/networkSecurityGroups';
export const SUBNET_TYPE = 'Microsoft.Network/virtualNetworks/subnets';

export const nsgId = (name: string): string => `[resourceId('${NSG_TYPE}', '${name}')]`;
export const subnetId = (vnet: string, subnet: string): string => `[resourceId('${SUBNET_TYPE}', '${vnet}', '${subnet}')]`;

/** The `properties` of a subnet, as `vnet()` writes them. */
export function subnetProperties(s: SubnetSpec): Obj {
  return {
    addressPrefix: s.prefix,
    ...(s.nsg ? { networkSecurityGroup: { id: nsgId(s.nsg) } } : {}),
    ...(s.delegation ? { delegations: [{ name: 'delegation', properties: { serviceName: s.delegation } }] } : {}),
    ...(s.extra ?? {}),
  };
}

/** A VNet with no inline subnets (they are declared as child resources). */
export function bareVnet(name: string, space: string, location = 'westeurope'): Obj {
  return { type: 'Microsoft.Network/virtualNetworks', apiVersion: '2023-09-01', name, location, properties: { addressSpace: { addressPrefixes: [space] } } };
}

/** A `Microsoft.Network/virtualNetworks/subnets` child resource named `vnet/subnet`. */
export function childSubnet(vnetName: string, s: SubnetSpec): Obj {
  return {
    type: SUBNET_TYPE,
    apiVersion: '2023-09-01',
    name: `${vnetName}/${s.name}`,
    dependsOn: [`[resourceId('Microsoft.Network/virtualNetworks', '${vnetName}')]`, ...(s.nsg ? [nsgId(s.nsg)] : [])],
    properties: subnetProperties(s),
  };
}

/** A `Microsoft.Network/networkSecurityGroups/securityRules` child resource from a `rule()` object. */
export function childRule(nsgName: string, r: Obj): Obj {
  return {
    type: `${NSG_TYPE}/securityRules`,
    apiVersion: '2023-09-01',
    name: `${nsgName}/${String(r['name'])}`,
    dependsOn: [nsgId(nsgName)],
    properties: r['properties'],
  };
}

/** An NSG whose rules are all child resources. */
export function nsgWithChildRules(name: string, rules: Obj[], location = 'westeurope'): Obj[] {
  return [{ type: NSG_TYPE, apiVersion: '2023-09-01', name, location, properties: {} }, ...rules.map((r) => childRule(name, r))];
}

/**
 * A nested `Microsoft.Resources/deployments` with an inline template. With `scope: 'inner'` the
 * inner template declares `parameters` (name → type) and receives `values` (name → value).
 */
export function nested(resources: Obj[], opts: { scope?: 'inner' | 'outer'; parameters?: Record<string, string>; values?: Obj; name?: string } = {}): Obj {
  const scope = opts.scope ?? 'inner';
  const inner: Obj = {
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    ...(opts.parameters ? { parameters: Object.fromEntries(Object.entries(opts.parameters).map(([k, t]) => [k, { type: t }])) } : {}),
    resources,
  };
  return {
    type: 'Microsoft.Resources/deployments',
    apiVersion: '2022-09-01',
    name: opts.name ?? 'network',
    properties: {
      mode: 'Incremental',
      expressionEvaluationOptions: { scope },
      ...(opts.values ? { parameters: Object.fromEntries(Object.entries(opts.values).map(([k, v]) => [k, { value: v }])) } : {}),
      template: inner,
    },
  };
}

export interface RegionSpec {
  location: string;
  vnet: string;
  subnet?: string;
  sku?: string;
  capacity?: number;
}

/** An `additionalLocations[]` entry with its own subnet. */
export function region(r: RegionSpec): Obj {
  return {
    location: r.location,
    sku: { name: r.sku ?? 'Premium', capacity: r.capacity ?? 1 },
    virtualNetworkConfiguration: { subnetResourceId: subnetId(r.vnet, r.subnet ?? 'apim') },
  };
}

/** An APIM instance with additional regions. */
export function multiRegionApim(spec: ApimSpec, regions: RegionSpec[]): Obj {
  return apim({ ...spec, properties: { ...(spec.properties ?? {}), additionalLocations: regions.map(region) } });
}

/** The NSG every classic region needs (all required rules), named `name`. */
export function fullNsg(name: string, mode: 'External' | 'Internal' = 'External', location = 'westeurope'): Obj {
  return nsg(name, requiredRules(mode), location);
}

/** An NSG for v2 integration/injection: outbound Storage 443 (F-NSG-REQUIRED-4). */
export function v2Nsg(name: string, location = 'westeurope'): Obj {
  return nsg(name, [{ name: 'AllowStorageOutbound', properties: { protocol: 'Tcp', sourcePortRange: '*', destinationPortRange: '443', sourceAddressPrefix: 'VirtualNetwork', destinationAddressPrefix: 'Storage', access: 'Allow', priority: 100, direction: 'Outbound' } }], location);
}

/** A private endpoint in `vnet/subnet` to the APIM instance `apimName` (group Gateway). */
export function privateEndpoint(name: string, vnetName: string, subnetName: string, apimName = 'apim-contoso', location = 'westeurope'): Obj {
  return {
    type: 'Microsoft.Network/privateEndpoints',
    apiVersion: '2023-09-01',
    name,
    location,
    properties: {
      subnet: { id: subnetId(vnetName, subnetName) },
      privateLinkServiceConnections: [
        { name, properties: { privateLinkServiceId: `[resourceId('Microsoft.ApiManagement/service', '${apimName}')]`, groupIds: ['Gateway'] } },
      ],
    },
  };
}

/** An unattached NSG with no rules (for files without APIM). */
export function emptyNsg(name: string, location = 'westeurope'): Obj {
  return nsg(name, [], location);
}

export const privateDnsZone: Obj = { type: 'Microsoft.Network/privateDnsZones', apiVersion: '2020-06-01', name: 'azure-api.net', location: 'global' };
