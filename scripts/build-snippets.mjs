// Generates snippets/arm-json.json and snippets/arm-yaml.json from one definition, so the JSON and YAML
// snippets cannot drift apart. Run: node scripts/build-snippets.mjs   (test/unit/snippets.test.ts lints the output)
//
// Placeholders: write `${1:default}` / `${2|a,b|}` inside strings; use raw('${3:1}') for an unquoted number.
// Port and service-tag facts: shared/apim-network-facts.md F-PORT-TABLE (classic injection, VNR 06/2025).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const RAW = Symbol('raw');
const raw = (text) => ({ [RAW]: text });
const loc = '[resourceGroup().location]';
const net = '2023-11-01';
const id = (type, ...names) => `[resourceId('${type}', ${names.map((n) => `'${n}'`).join(', ')})]`;

function rule(name, direction, priority, source, dest, ports, description) {
  const p = {
    description,
    protocol: 'Tcp',
    sourcePortRange: '*',
    ...(ports.length === 1 ? { destinationPortRange: ports[0] } : { destinationPortRanges: ports }),
    sourceAddressPrefix: source,
    destinationAddressPrefix: dest,
    access: 'Allow',
    priority: raw(String(priority)),
    direction,
  };
  return { name, properties: p };
}

function nsg(mode) {
  const inbound = [
    ...(mode === 'External' ? [rule('AllowClientsToGateway', 'Inbound', 100, 'Internet', 'VirtualNetwork', ['443'], 'Client traffic to the gateway (External mode only)')] : []),
    rule('AllowApimManagement', 'Inbound', 110, 'ApiManagement', 'VirtualNetwork', ['3443'], 'Management endpoint for the Azure portal and PowerShell'),
    rule('AllowAzureLoadBalancer', 'Inbound', 120, 'AzureLoadBalancer', 'VirtualNetwork', ['6390'], 'Azure infrastructure load balancer health probe'),
  ];
  const outbound = [
    rule('AllowStorageOutbound', 'Outbound', 100, 'VirtualNetwork', 'Storage', ['443'], 'Dependency on Azure Storage'),
    rule('AllowSqlOutbound', 'Outbound', 110, 'VirtualNetwork', 'Sql', ['1433'], 'Access to Azure SQL endpoints'),
    rule('AllowKeyVaultOutbound', 'Outbound', 120, 'VirtualNetwork', 'AzureKeyVault', ['443'], 'Access to Azure Key Vault'),
    rule('AllowAzureMonitorOutbound', 'Outbound', 130, 'VirtualNetwork', 'AzureMonitor', ['1886', '443'], 'Diagnostics logs, metrics, Resource Health and Application Insights'),
    rule('AllowInternetHttpOutbound', 'Outbound', 140, 'VirtualNetwork', 'Internet', ['80'], 'Certificate validation and management'),
  ];
  return [
    {
      type: 'Microsoft.Network/networkSecurityGroups',
      apiVersion: net,
      name: '${1:apim-nsg}',
      location: loc,
      properties: { securityRules: [...inbound, ...outbound] },
    },
  ];
}

function apim(mode) {
  const pip = '${1:apim-name}-pip';
  return [
    {
      type: 'Microsoft.Network/publicIPAddresses',
      apiVersion: net,
      name: pip,
      location: loc,
      sku: { name: 'Standard', tier: 'Regional' },
      properties: {
        publicIPAllocationMethod: 'Static',
        publicIPAddressVersion: 'IPv4',
        dnsSettings: { domainNameLabel: "[toLower(concat('${1:apim-name}', '-', uniqueString(resourceGroup().id)))]" },
      },
    },
    {
      type: 'Microsoft.ApiManagement/service',
      apiVersion: '2023-05-01-preview',
      name: '${1:apim-name}',
      location: loc,
      sku: { name: '${2|Premium,Developer|}', capacity: raw('${3:1}') },
      properties: {
        publisherEmail: '${4:admin@contoso.com}',
        publisherName: '${5:Contoso}',
        virtualNetworkType: mode,
        virtualNetworkConfiguration: {
          subnetResourceId: id('Microsoft.Network/virtualNetworks/subnets', '${6:apim-vnet}', '${7:apim-subnet}'),
        },
        publicIpAddressId: id('Microsoft.Network/publicIPAddresses', pip),
      },
      dependsOn: [id('Microsoft.Network/publicIPAddresses', pip)],
    },
  ];
}

const vnet = [
  {
    type: 'Microsoft.Network/virtualNetworks',
    apiVersion: net,
    name: '${1:apim-vnet}',
    location: loc,
    properties: {
      addressSpace: { addressPrefixes: ['${2:10.0.0.0/16}'] },
      subnets: [
        {
          name: '${3:apim-subnet}',
          properties: {
            addressPrefix: '${4:10.0.1.0}/${5|27,28,29,26,25|}',
            networkSecurityGroup: { id: id('Microsoft.Network/networkSecurityGroups', '${6:apim-nsg}') },
          },
        },
      ],
    },
    dependsOn: [id('Microsoft.Network/networkSecurityGroups', '${6:apim-nsg}')],
  },
];

const zone = 'privatelink.azure-api.net';
const privateEndpoint = [
  { type: 'Microsoft.Network/privateDnsZones', apiVersion: '2020-06-01', name: zone, location: 'global' },
  {
    type: 'Microsoft.Network/privateDnsZones/virtualNetworkLinks',
    apiVersion: '2020-06-01',
    name: `${zone}/\${2:apim-vnet}-link`,
    location: 'global',
    properties: {
      registrationEnabled: raw('false'),
      virtualNetwork: { id: id('Microsoft.Network/virtualNetworks', '${2:apim-vnet}') },
    },
    dependsOn: [id('Microsoft.Network/privateDnsZones', zone)],
  },
  {
    type: 'Microsoft.Network/privateEndpoints',
    apiVersion: net,
    name: '${1:apim-name}-pe',
    location: loc,
    properties: {
      subnet: { id: id('Microsoft.Network/virtualNetworks/subnets', '${2:apim-vnet}', '${3:pe-subnet}') },
      privateLinkServiceConnections: [
        {
          name: '${1:apim-name}-gateway',
          properties: {
            privateLinkServiceId: id('Microsoft.ApiManagement/service', '${1:apim-name}'),
            groupIds: ['Gateway'],
          },
        },
      ],
    },
  },
  {
    type: 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups',
    apiVersion: net,
    name: '${1:apim-name}-pe/default',
    properties: {
      privateDnsZoneConfigs: [
        { name: 'privatelink-azure-api-net', properties: { privateDnsZoneId: id('Microsoft.Network/privateDnsZones', zone) } },
      ],
    },
    dependsOn: [
      id('Microsoft.Network/privateEndpoints', '${1:apim-name}-pe'),
      id('Microsoft.Network/privateDnsZones', zone),
    ],
  },
];

const v2Subnet = [
  {
    type: 'Microsoft.Network/networkSecurityGroups',
    apiVersion: net,
    name: '${1:apim-integration-nsg}',
    location: loc,
    properties: { securityRules: [] },
  },
  {
    type: 'Microsoft.Network/virtualNetworks/subnets',
    apiVersion: net,
    name: '${2:apim-vnet}/${3:apim-integration}',
    properties: {
      addressPrefix: '${4:10.0.2.0/27}',
      networkSecurityGroup: { id: id('Microsoft.Network/networkSecurityGroups', '${1:apim-integration-nsg}') },
      delegations: [{ name: 'Microsoft.Web.serverFarms', properties: { serviceName: 'Microsoft.Web/serverFarms' } }],
    },
    dependsOn: [id('Microsoft.Network/networkSecurityGroups', '${1:apim-integration-nsg}')],
  },
];

/** prefix → [description, resources] */
const snippets = {
  'apim-nsg-external': ['NSG with every rule API Management needs in External VNet mode (classic injection)', nsg('External')],
  'apim-nsg-internal': ['NSG with every rule API Management needs in Internal VNet mode (classic injection)', nsg('Internal')],
  'apim-external': ['Premium/Developer API Management injected in a VNet, External mode, with its Standard public IP', apim('External')],
  'apim-internal': ['Premium/Developer API Management injected in a VNet, Internal mode, with its Standard public IP', apim('Internal')],
  'apim-vnet': [
    'VNet with an API Management subnet: /29 fits 1 Premium unit, /28 5, /27 13, /26 29 (2 IPs per unit, +1 in Internal mode, 5 reserved)',
    vnet,
  ],
  'apim-private-endpoint': ['Private endpoint to the API Management gateway with its privatelink.azure-api.net DNS zone', privateEndpoint],
  'apim-v2-integration-subnet': [
    'Standard v2 / Premium v2 outbound VNet integration subnet (/27 or larger, NSG, delegated to Microsoft.Web/serverFarms)',
    v2Subnet,
  ],
};

// ---- emitters --------------------------------------------------------------------------------------------

const isRaw = (v) => v !== null && typeof v === 'object' && RAW in v;

function json(v, indent) {
  const pad = '\t'.repeat(indent);
  if (isRaw(v)) return v[RAW];
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    if (v.every((x) => typeof x === 'string')) return `[${v.map((x) => JSON.stringify(x)).join(', ')}]`;
    return `[\n${v.map((x) => `${pad}\t${json(x, indent + 1)}`).join(',\n')}\n${pad}]`;
  }
  const entries = Object.entries(v);
  return `{\n${entries.map(([k, x]) => `${pad}\t${JSON.stringify(k)}: ${json(x, indent + 1)}`).join(',\n')}\n${pad}}`;
}

function yamlScalar(v) {
  return isRaw(v) ? v[RAW] : JSON.stringify(v);
}

/** Block YAML with 2-space indentation; strings double-quoted (ARM expressions start with '['). */
function yaml(v, indent) {
  const pad = '  '.repeat(indent);
  const lines = [];
  for (const [k, x] of Object.entries(v)) {
    if (Array.isArray(x)) {
      if (x.length === 0) lines.push(`${pad}${k}: []`);
      else if (x.every((i) => typeof i !== 'object' || isRaw(i))) lines.push(`${pad}${k}:`, ...x.map((i) => `${pad}  - ${yamlScalar(i)}`));
      else {
        lines.push(`${pad}${k}:`);
        for (const item of x) lines.push(...listItem(item, indent + 1));
      }
    } else if (x !== null && typeof x === 'object' && !isRaw(x)) {
      lines.push(`${pad}${k}:`, ...yaml(x, indent + 1));
    } else lines.push(`${pad}${k}: ${yamlScalar(x)}`);
  }
  return lines;
}

function listItem(item, indent) {
  const pad = '  '.repeat(indent);
  const body = yaml(item, indent + 1);
  return body.map((line, i) => (i === 0 ? `${pad}- ${line.trimStart()}` : line));
}

const jsonSnippets = {};
const yamlSnippets = {};
for (const [prefix, [description, resources]] of Object.entries(snippets)) {
  const jsonBody = resources.map((r) => json(r, 0)).join(',\n').split('\n');
  jsonBody[jsonBody.length - 1] += '$0';
  jsonSnippets[prefix] = { prefix, description, body: jsonBody };
  const yamlBody = resources.flatMap((r) => listItem(r, 0));
  yamlBody.push('$0');
  yamlSnippets[prefix] = { prefix, description, body: yamlBody };
}

const root = fileURLToPath(new URL('..', import.meta.url));
writeFileSync(`${root}snippets/arm-json.json`, `${JSON.stringify(jsonSnippets, null, 2)}\n`);
writeFileSync(`${root}snippets/arm-yaml.json`, `${JSON.stringify(yamlSnippets, null, 2)}\n`);
console.log(`snippets: ${Object.keys(snippets).length} JSON and ${Object.keys(snippets).length} YAML written`);
