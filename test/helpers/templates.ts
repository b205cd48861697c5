/**
 * Builders for small ARM templates used by the rule tests, so each case states only what it is
 * about. Everything returns plain objects (rendered as JSON and YAML by the rule tester).
 */
export const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';

export type Obj = Record<string, unknown>;

export function template(resources: Obj[], extra: Obj = {}): Obj {
  return { $schema: SCHEMA, contentVersion: '1.0.0.0', ...extra, resources };
}

export interface Rule {
  name: string;
  priority: number;
  direction: 'Inbound' | 'Outbound';
  access?: 'Allow' | 'Deny';
  protocol?: string;
  source?: string;
  destination?: string;
  port?: string;
}

export function rule(r: Rule): Obj {
  return {
    name: r.name,
    properties: {
      protocol: r.protocol ?? 'Tcp',
      sourcePortRange: '*',
      destinationPortRange: r.port ?? '*',
      sourceAddressPrefix: r.source ?? '*',
      destinationAddressPrefix: r.destination ?? '*',
      access: r.access ?? 'Allow',
      priority: r.priority,
      direction: r.direction,
    },
  };
}

/** Every rule classic injection requires (F-PORT-TABLE), External mode adds client 443. */
export function requiredRules(mode: 'External' | 'Internal' = 'External'): Obj[] {
  const rules: Obj[] = [
    rule({ name: 'AllowApiManagementInbound', priority: 100, direction: 'Inbound', source: 'ApiManagement', destination: 'VirtualNetwork', port: '3443' }),
    rule({ name: 'AllowAzureLoadBalancerInbound', priority: 110, direction: 'Inbound', source: 'AzureLoadBalancer', destination: 'VirtualNetwork', port: '6390' }),
    rule({ name: 'AllowStorageOutbound', priority: 100, direction: 'Outbound', source: 'VirtualNetwork', destination: 'Storage', port: '443' }),
    rule({ name: 'AllowSqlOutbound', priority: 110, direction: 'Outbound', source: 'VirtualNetwork', destination: 'Sql', port: '1433' }),
    rule({ name: 'AllowKeyVaultOutbound', priority: 120, direction: 'Outbound', source: 'VirtualNetwork', destination: 'AzureKeyVault', port: '443' }),
    rule({ name: 'AllowMonitorOutbound', priority: 130, direction: 'Outbound', source: 'VirtualNetwork', destination: 'AzureMonitor', port: '1886' }),
    rule({ name: 'AllowMonitorHttpsOutbound', priority: 140, direction: 'Outbound', source: 'VirtualNetwork', destination: 'AzureMonitor', port: '443' }),
    rule({ name: 'AllowInternetHttpOutbound', priority: 150, direction: 'Outbound', source: 'VirtualNetwork', destination: 'Internet', port: '80' }),
  ];
  if (mode === 'External') rules.unshift(rule({ name: 'AllowClientHttpsInbound', priority: 120, direction: 'Inbound', source: 'Internet', destination: 'VirtualNetwork', port: '443' }));
  return rules;
}

export function nsg(name: string, rules: Obj[], location = 'westeurope'): Obj {
  return { type: 'Microsoft.Network/networkSecurityGroups', apiVersion: '2023-09-01', name, location, properties: { securityRules: rules } };
}

export interface SubnetSpec {
  name: string;
  prefix: string;
  nsg?: string;
  delegation?: string;
  extra?: Obj;
}

export function vnet(name: string, space: string, subnets: SubnetSpec[], location = 'westeurope'): Obj {
  return {
    type: 'Microsoft.Network/virtualNetworks',
    apiVersion: '2023-09-01',
    name,
    location,
    properties: {
      addressSpace: { addressPrefixes: [space] },
      subnets: subnets.map((s) => ({
        name: s.name,
        properties: {
          addressPrefix: s.prefix,
          ...(s.nsg ? { networkSecurityGroup: { id: `[resourceId('Microsoft.Network/networkSecurityGroups', '${s.nsg}')]` } } : {}),
          ...(s.delegation ? { delegations: [{ name: 'delegation', properties: { serviceName: s.delegation } }] } : {}),
          ...(s.extra ?? {}),
        },
      })),
    },
  };
}

export interface ApimSpec {
  name?: string;
  sku?: string;
  capacity?: number;
  type?: 'None' | 'External' | 'Internal';
  vnet?: string;
  subnet?: string;
  location?: string;
  apiVersion?: string;
  properties?: Obj;
  extra?: Obj;
}

export function apim(s: ApimSpec = {}): Obj {
  const type = s.type ?? 'External';
  return {
    type: 'Microsoft.ApiManagement/service',
    apiVersion: s.apiVersion ?? '2023-05-01-preview',
    name: s.name ?? 'apim-contoso',
    location: s.location ?? 'westeurope',
    sku: { name: s.sku ?? 'Premium', capacity: s.capacity ?? 1 },
    properties: {
      publisherEmail: 'api@contoso.com',
      publisherName: 'Contoso',
      virtualNetworkType: type,
      ...(type !== 'None'
        ? { virtualNetworkConfiguration: { subnetResourceId: `[resourceId('Microsoft.Network/virtualNetworks/subnets', '${s.vnet ?? 'vnet'}', '${s.subnet ?? 'apim'}')]` } }
        : {}),
      ...(s.properties ?? {}),
    },
    ...(s.extra ?? {}),
  };
}

/** A complete, correct classic injection network: VNet, APIM subnet /27 with its NSG, the instance. */
export function injected(opts: { mode?: 'External' | 'Internal'; rules?: Obj[]; apim?: ApimSpec; prefix?: string } = {}): Obj {
  const mode = opts.mode ?? 'External';
  return template([
    nsg('apim-nsg', opts.rules ?? requiredRules(mode)),
    vnet('vnet', '10.0.0.0/16', [{ name: 'apim', prefix: opts.prefix ?? '10.0.1.0/27', nsg: 'apim-nsg' }]),
    apim({ type: mode, ...(opts.apim ?? {}) }),
    ...(mode === 'Internal' ? [{ type: 'Microsoft.Network/privateDnsZones', apiVersion: '2020-06-01', name: 'azure-api.net', location: 'global' }] : []),
  ]);
}
