// Deterministic benchmark inputs (no network, nothing committed): ARM templates shaped like exported
// resource-group and landing-zone templates.
//   typicalTemplate()   ~50 KB: one APIM, a VNet with 3 subnets, 2 NSGs with 20 rules each, a few others
//   largeTemplate(1)    ~2 MB: 1,500 resources (300 NSGs × 10 rules, 300 VNets, 300 APIM, nested
//                       deployments, copy loops, public IPs, private endpoints, storage …)
//   largeTemplate(4)    ~8 MB: the same, four times over
import { stringify as yamlStringify } from 'yaml';

/** A small deterministic PRNG (mulberry32), so every run sees the same text. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const REGIONS = ['westeurope', 'northeurope', 'eastus2', 'westus3', 'uksouth', 'swedencentral'];
const TAGS = ['Internet', 'VirtualNetwork', 'AzureLoadBalancer', 'Storage', 'Sql', 'AzureKeyVault', 'AzureMonitor', 'AzureCloud', '*'];
const APIM_RULES = [
  ['AllowApimManagement', 'Inbound', 'Tcp', 'ApiManagement', 'VirtualNetwork', '3443'],
  ['AllowLoadBalancer', 'Inbound', 'Tcp', 'AzureLoadBalancer', 'VirtualNetwork', '6390'],
  ['AllowHttps', 'Inbound', 'Tcp', 'Internet', 'VirtualNetwork', '443'],
  ['AllowStorage', 'Outbound', 'Tcp', 'VirtualNetwork', 'Storage', '443'],
  ['AllowSql', 'Outbound', 'Tcp', 'VirtualNetwork', 'Sql', '1433'],
  ['AllowKeyVault', 'Outbound', 'Tcp', 'VirtualNetwork', 'AzureKeyVault', '443'],
  ['AllowMonitor', 'Outbound', 'Tcp', 'VirtualNetwork', 'AzureMonitor', '1886'],
];

function tags(r) {
  return { environment: r() < 0.5 ? 'prod' : 'test', costCenter: `cc-${Math.floor(r() * 9000 + 1000)}` };
}

function rule(r, i, name, direction, protocol, src, dst, port) {
  const useList = r() < 0.2;
  return {
    name,
    properties: {
      protocol,
      sourcePortRange: '*',
      ...(useList ? { destinationPortRanges: [port, String(8000 + i)] } : { destinationPortRange: port }),
      sourceAddressPrefix: src,
      destinationAddressPrefix: dst,
      access: r() < 0.85 ? 'Allow' : 'Deny',
      priority: 100 + i * 10,
      direction,
    },
  };
}

function rules(r, n, offset = 0) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const base = APIM_RULES[(i + offset) % APIM_RULES.length];
    if (i < APIM_RULES.length) out.push(rule(r, i, base[0], base[1], base[2], base[3], base[4], base[5]));
    else {
      const dir = r() < 0.5 ? 'Inbound' : 'Outbound';
      const src = r() < 0.5 ? TAGS[Math.floor(r() * TAGS.length)] : `10.${Math.floor(r() * 250)}.${Math.floor(r() * 250)}.0/24`;
      const dst = r() < 0.5 ? TAGS[Math.floor(r() * TAGS.length)] : `10.${Math.floor(r() * 250)}.0.0/16`;
      out.push(rule(r, i, `custom-${dir.toLowerCase()}-${i}`, dir, r() < 0.8 ? 'Tcp' : '*', src, dst, String(Math.floor(r() * 60000) + 1000)));
    }
  }
  return out;
}

function nsg(r, name, n, location = "[parameters('location')]") {
  return {
    type: 'Microsoft.Network/networkSecurityGroups',
    apiVersion: '2023-09-01',
    name,
    location,
    tags: tags(r),
    properties: { securityRules: rules(r, n) },
  };
}

function vnet(r, name, octet, nsgNames, location = "[parameters('location')]") {
  return {
    type: 'Microsoft.Network/virtualNetworks',
    apiVersion: '2023-09-01',
    name,
    location,
    tags: tags(r),
    dependsOn: nsgNames.map((n) => `[resourceId('Microsoft.Network/networkSecurityGroups', '${n}')]`),
    properties: {
      addressSpace: { addressPrefixes: [`10.${octet}.0.0/16`] },
      dhcpOptions: { dnsServers: [] },
      subnets: [
        {
          name: 'snet-apim',
          properties: {
            addressPrefix: `10.${octet}.1.0/24`,
            networkSecurityGroup: { id: `[resourceId('Microsoft.Network/networkSecurityGroups', '${nsgNames[0]}')]` },
            privateEndpointNetworkPolicies: 'Disabled',
            privateLinkServiceNetworkPolicies: 'Enabled',
          },
        },
        {
          name: 'snet-app',
          properties: {
            addressPrefix: `10.${octet}.2.0/24`,
            networkSecurityGroup: { id: `[resourceId('Microsoft.Network/networkSecurityGroups', '${nsgNames[nsgNames.length - 1]}')]` },
            delegations: [{ name: 'web', properties: { serviceName: 'Microsoft.Web/serverFarms' } }],
          },
        },
        { name: 'snet-pe', properties: { addressPrefix: `10.${octet}.3.0/26`, privateEndpointNetworkPolicies: 'Disabled' } },
      ],
    },
  };
}

function apim(r, name, vnetName, location = "[parameters('location')]", pipName) {
  return {
    type: 'Microsoft.ApiManagement/service',
    apiVersion: '2023-05-01-preview',
    name,
    location,
    tags: tags(r),
    sku: { name: r() < 0.7 ? 'Premium' : 'Developer', capacity: 1 },
    dependsOn: [`[resourceId('Microsoft.Network/virtualNetworks', '${vnetName}')]`],
    properties: {
      publisherEmail: 'api-team@example.com',
      publisherName: 'Contoso API team',
      virtualNetworkType: r() < 0.5 ? 'External' : 'Internal',
      virtualNetworkConfiguration: { subnetResourceId: `[resourceId('Microsoft.Network/virtualNetworks/subnets', '${vnetName}', 'snet-apim')]` },
      ...(pipName ? { publicIpAddressId: `[resourceId('Microsoft.Network/publicIPAddresses', '${pipName}')]` } : {}),
      customProperties: {
        'Microsoft.WindowsAzure.ApiManagement.Gateway.Security.Protocols.Tls10': 'False',
        'Microsoft.WindowsAzure.ApiManagement.Gateway.Security.Protocols.Tls11': 'False',
        'Microsoft.WindowsAzure.ApiManagement.Gateway.Security.Backend.Protocols.Ssl30': 'False',
      },
    },
  };
}

function publicIp(r, name, location = "[parameters('location')]") {
  return {
    type: 'Microsoft.Network/publicIPAddresses',
    apiVersion: '2023-09-01',
    name,
    location,
    tags: tags(r),
    sku: { name: 'Standard', tier: 'Regional' },
    properties: { publicIPAddressVersion: 'IPv4', publicIPAllocationMethod: 'Static', dnsSettings: { domainNameLabel: `[toLower('${name}')]` } },
  };
}

function storage(r, name) {
  return {
    type: 'Microsoft.Storage/storageAccounts',
    apiVersion: '2023-01-01',
    name: `[concat('${name}', uniqueString(resourceGroup().id))]`,
    location: "[parameters('location')]",
    tags: tags(r),
    sku: { name: 'Standard_LRS' },
    kind: 'StorageV2',
    properties: {
      minimumTlsVersion: 'TLS1_2',
      allowBlobPublicAccess: false,
      supportsHttpsTrafficOnly: true,
      networkAcls: { bypass: 'AzureServices', defaultAction: 'Deny', ipRules: [], virtualNetworkRules: [] },
      encryption: { keySource: 'Microsoft.Storage', services: { blob: { enabled: true }, file: { enabled: true } } },
    },
  };
}

function privateEndpoint(r, name, vnetName, apimName) {
  return {
    type: 'Microsoft.Network/privateEndpoints',
    apiVersion: '2023-09-01',
    name,
    location: "[parameters('location')]",
    tags: tags(r),
    properties: {
      subnet: { id: `[resourceId('Microsoft.Network/virtualNetworks/subnets', '${vnetName}', 'snet-pe')]` },
      privateLinkServiceConnections: [
        { name: `${name}-conn`, properties: { privateLinkServiceId: `[resourceId('Microsoft.ApiManagement/service', '${apimName}')]`, groupIds: ['Gateway'] } },
      ],
    },
  };
}

function workspace(r, name) {
  return {
    type: 'Microsoft.OperationalInsights/workspaces',
    apiVersion: '2022-10-01',
    name,
    location: "[parameters('location')]",
    tags: tags(r),
    properties: { sku: { name: 'PerGB2018' }, retentionInDays: 30, features: { enableLogAccessUsingOnlyResourcePermissions: true } },
  };
}

function header(extra = {}) {
  return {
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    metadata: { _generator: { name: 'apim-network-lint bench', version: '1.0.0' } },
    parameters: {
      location: { type: 'string', defaultValue: 'westeurope', metadata: { description: 'Region of every resource.' } },
      prefix: { type: 'string', defaultValue: 'contoso', metadata: { description: 'Name prefix.' } },
      ...extra,
    },
    variables: {
      apimSubnetName: 'snet-apim',
      storageSuffix: "[uniqueString(resourceGroup().id)]",
      nsgRuleCount: 10,
    },
  };
}

/** ~50 KB: what a single APIM landing template looks like. */
export function typicalTemplate() {
  const r = rng(42);
  const resources = [
    nsg(r, 'nsg-apim', 20),
    nsg(r, 'nsg-app', 20),
    vnet(r, 'vnet-apim', 10, ['nsg-apim', 'nsg-app']),
    publicIp(r, 'pip-apim'),
    apim(r, 'apim-contoso', 'vnet-apim', "[parameters('location')]", 'pip-apim'),
    workspace(r, 'log-apim'),
    storage(r, 'stapim'),
  ];
  const t = { ...header(), resources, outputs: { apimName: { type: 'string', value: 'apim-contoso' } } };
  // pad with realistic, non-network content (diagnostic settings, role assignments) up to ~50 KB
  for (let i = 0; pretty(t).length < 50_000; i++) {
    resources.push({
      type: 'Microsoft.Insights/diagnosticSettings',
      apiVersion: '2021-05-01-preview',
      scope: "[resourceId('Microsoft.ApiManagement/service', 'apim-contoso')]",
      name: `diag-${i}`,
      properties: {
        workspaceId: "[resourceId('Microsoft.OperationalInsights/workspaces', 'log-apim')]",
        logs: [{ category: 'GatewayLogs', enabled: true }, { category: 'WebSocketConnectionLogs', enabled: true }],
        metrics: [{ category: 'AllMetrics', enabled: true, retentionPolicy: { enabled: false, days: 0 } }],
      },
    });
  }
  return pretty(t);
}

/**
 * ~2 MB × scale: 1,500 × scale resources. Per unit of 5: an NSG (10 rules), a VNet (3 subnets), an
 * APIM, a public IP and one of {private endpoint, storage, workspace}; every tenth unit sits in a
 * nested deployment (half inner-, half outer-scoped); copy loops deploy storage and NSGs.
 */
export function largeTemplate(scale = 1) {
  const r = rng(7 + scale);
  const units = 300 * scale;
  const resources = [];
  const nestedInner = [];
  const nestedOuter = [];
  for (let u = 0; u < units; u++) {
    const loc = REGIONS[u % REGIONS.length];
    const octet = u % 250;
    const nsgName = `nsg-${u}`;
    const vnetName = `vnet-${u}`;
    const apimName = `apim-${u}`;
    const pipName = `pip-${u}`;
    const group = [
      nsg(r, nsgName, 10, loc),
      vnet(r, vnetName, octet, [nsgName], loc),
      publicIp(r, pipName, loc),
      apim(r, apimName, vnetName, loc, pipName),
      u % 3 === 0 ? privateEndpoint(r, `pe-${u}`, vnetName, apimName) : u % 3 === 1 ? storage(r, `st${u}`) : workspace(r, `log-${u}`),
    ];
    if (u % 10 === 5) (u % 20 === 5 ? nestedInner : nestedOuter).push(...group);
    else resources.push(...group);
  }
  // copy loops: storage accounts and NSGs deployed `count` times (each instance is a resource)
  const loops = 5 * scale;
  for (let i = 0; i < loops; i++) {
    resources.push({
      ...storage(r, `stcopy${i}`),
      name: `[concat('stcopy${i}', copyIndex())]`,
      copy: { name: `storageLoop${i}`, count: 4 },
    });
    resources.push({
      ...nsg(r, `nsg-copy-${i}`, 4),
      name: `[format('nsg-copy-${i}-{0}', copyIndex())]`,
      copy: { name: `nsgLoop${i}`, count: "[variables('nsgRuleCount')]" },
    });
  }
  const chunk = 15;
  for (let i = 0; i < nestedInner.length; i += chunk) {
    resources.push({
      type: 'Microsoft.Resources/deployments',
      apiVersion: '2022-09-01',
      name: `nested-inner-${i}`,
      properties: {
        mode: 'Incremental',
        expressionEvaluationOptions: { scope: 'inner' },
        parameters: { location: { value: "[parameters('location')]" } },
        template: { ...header(), resources: nestedInner.slice(i, i + chunk) },
      },
    });
  }
  for (let i = 0; i < nestedOuter.length; i += chunk) {
    resources.push({
      type: 'Microsoft.Resources/deployments',
      apiVersion: '2022-09-01',
      name: `nested-outer-${i}`,
      properties: {
        mode: 'Incremental',
        template: { $schema: header().$schema, contentVersion: '1.0.0.0', resources: nestedOuter.slice(i, i + chunk) },
      },
    });
  }
  return pretty({ ...header(), resources });
}

/**
 * JSON.stringify(v, null, 2), except that the items of `securityRules` and `subnets`' small objects are
 * written one per line, as hand-written templates often do.
 */
export function pretty(v, ind = '', compact = false) {
  if (compact || v === null || typeof v !== 'object') return compact ? oneLine(v) : JSON.stringify(v);
  const inner = ind + '  ';
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return `[\n${v.map((x) => inner + pretty(x, inner)).join(',\n')}\n${ind}]`;
  }
  const keys = Object.keys(v);
  if (keys.length === 0) return '{}';
  return `{\n${keys.map((k) => {
    const x = v[k];
    const body = k === 'securityRules' && Array.isArray(x) && x.length
      ? `[\n${x.map((y) => inner + '  ' + oneLine(y)).join(',\n')}\n${inner}]`
      : pretty(x, inner, k === 'tags' || k === 'sku');
    return `${inner}${JSON.stringify(k)}: ${body}`;
  }).join(',\n')}\n${ind}}`;
}

function oneLine(v) {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(oneLine).join(', ')}]`;
  return `{ ${Object.keys(v).map((k) => `${JSON.stringify(k)}: ${oneLine(v[k])}`).join(', ')} }`;
}

/** The same template as YAML (ARM-in-YAML, as some pipelines keep them). */
export function toYaml(json) {
  return yamlStringify(JSON.parse(json), { lineWidth: 0 });
}

/**
 * A one-character edit right after the first `marker` from the middle of the text on (else the first at all): the
 * `n`th letter of the alphabet, inside a string value, so that the document stays valid.
 */
function editAfter(text, n, marker) {
  let i = text.indexOf(marker, Math.floor(text.length / 2));
  if (i < 0) i = text.indexOf(marker);
  if (i < 0) throw new Error(`no place to edit: ${marker}`);
  const at = i + marker.length;
  const ch = String.fromCharCode(97 + (n % 26));
  return { offset: at, text: ch, result: text.slice(0, at) + ch + text.slice(at) };
}

/**
 * An edit inside a tag value near the middle of the text: "costCenter": "cc-1234" (JSON) / costCenter: cc-1234 (YAML),
 * of a Log Analytics workspace, a resource the network model does not read (round 14).
 */
export const editAt = (text, n) => editAfter(text, n, 'cc-');

/**
 * An edit inside the name of an NSG's security rule near the middle of the text: a part the network model reads.
 * "name": "custom-outbound-7" (JSON) / name: custom-outbound-7 (YAML).
 */
export const editInNsgAt = (text, n) => editInNameAt(text, n, 'custom-');

/**
 * An edit inside the name of an NSG near the middle of the text, "name": "nsg-12" (JSON) / name: nsg-12 (YAML): the
 * enumeration reads it, and the NSG is another resource after it (its instance made again: round 21).
 */
export const editResourceNameAt = (text, n) => editInNameAt(text, n, 'nsg-');

/**
 * An edit inside the first `name` from the middle on whose value starts with `prefix`, right after it. The format is
 * told by the first character (JSON starts with `{`), not by searching the text: the benchmark times this call with
 * the analysis.
 */
function editInNameAt(text, n, prefix) {
  return editAfter(text, n, text.charCodeAt(0) === 123 ? `"name": "${prefix}` : `name: ${prefix}`);
}

/**
 * A key being typed into an NSG rule near the middle of a YAML text, on a new line after the rule's `access:`, `n % 30`
 * letters long: successive `n` type it letter by letter from the line still empty (`n` 0, the benchmark's warm-up
 * call, whose tree the next call starts from), and every version after it is a syntax error until the colon that
 * never comes (round 19).
 */
export function typeKeyInNsgAt(text, n) {
  const i = text.indexOf('access: ', Math.floor(text.length / 2));
  if (i < 0) throw new Error('no place to type a key');
  return typeKeyAfter(text, text.indexOf('\n', i), i - text.lastIndexOf('\n', i) - 1, 'description', n);
}

/**
 * The same at the end of a resource near the middle of a YAML text: on a new line after its last line (before the
 * next resource's `  - `), at its keys' column. The resource's mapping then ends with the key being typed (round 20;
 * before, such a version was parsed whole).
 */
export function typeKeyAtResourceEnd(text, n) {
  const lineEnd = text.indexOf('\n  - ', Math.floor(text.length / 2));
  if (lineEnd < 0) throw new Error('no place to type a key');
  return typeKeyAfter(text, lineEnd, 4, 'dependsOn', n);
}

/** `n % 30` letters of `word` repeated, on a new line after the line that ends at `lineEnd`, indented `indent`. */
function typeKeyAfter(text, lineEnd, indent, word, n) {
  const inserted = `\n${' '.repeat(indent)}${word.repeat(30).slice(0, n % 30)}`;
  return { offset: lineEnd, text: inserted, result: text.slice(0, lineEnd) + inserted + text.slice(lineEnd) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const t = typicalTemplate();
  const l = largeTemplate(1);
  const h = largeTemplate(4);
  const y = toYaml(l);
  const count = (s) => (s.match(/"type": "Microsoft\./g) ?? []).length;
  console.log(`typical ${t.length} chars, ${count(t)} resources`);
  console.log(`large   ${l.length} chars, ${count(l)} resources`);
  console.log(`huge    ${h.length} chars, ${count(h)} resources`);
  console.log(`yaml    ${y.length} chars`);
}
