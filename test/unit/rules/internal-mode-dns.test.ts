import { ruleTester } from '../../helpers/ruleTester';
import { apim, injected, nsg, requiredRules, template, vnet, type Obj } from '../../helpers/templates';
import { privateDnsZone } from '../../helpers/templates-part2';

/** Internal injection with NSG and VNet, but no DNS zone; `vnetExtra` goes into the VNet's properties. */
const internal = (opts: { vnetExtra?: Obj; more?: Obj[]; apim?: Parameters<typeof apim>[0]; extra?: Obj } = {}): Obj => {
  const v = vnet('vnet', '10.0.0.0/16', [{ name: 'apim', prefix: '10.0.1.0/27', nsg: 'apim-nsg' }]);
  (v.properties as Obj) = { ...(v.properties as Obj), ...(opts.vnetExtra ?? {}) };
  return template([nsg('apim-nsg', requiredRules('Internal')), v, apim({ type: 'Internal', ...(opts.apim ?? {}) }), ...(opts.more ?? [])], opts.extra ?? {});
};

ruleTester('internal-mode-dns', {
  valid: [
    { name: 'a private DNS zone azure-api.net', template: injected({ mode: 'Internal' }) },
    { name: 'a private zone below azure-api.net', template: internal({ more: [privateDnsZone('apim-contoso.azure-api.net')] }) },
    { name: 'a zone for a custom domain plus azure-api.net', template: internal({ more: [privateDnsZone('contoso.internal'), privateDnsZone('Azure-Api.NET')] }) },
    { name: 'custom DNS servers on the VNet', template: internal({ vnetExtra: { dhcpOptions: { dnsServers: ['10.0.0.4'] } } }) },
    {
      name: 'DNS servers from a parameter without default are unknown',
      template: internal({ vnetExtra: { dhcpOptions: { dnsServers: "[parameters('dns')]" } }, extra: { parameters: { dns: { type: 'array' } } } }),
    },
    {
      name: 'a zone whose name is a parameter without default may be the right one',
      template: internal({ more: [privateDnsZone("[parameters('zone')]")], extra: { parameters: { zone: { type: 'string' } } } }),
    },
    { name: 'External mode uses Azure DNS', template: injected() },
    { name: 'not in a VNet', template: template([apim({ type: 'None' })]) },
    {
      name: 'virtualNetworkType from a parameter without default is unknown',
      template: template([apim({ type: 'None', properties: { virtualNetworkType: "[parameters('mode')]" } })], { parameters: { mode: { type: 'string' } } }),
    },
    {
      name: 'the subnet id is a parameter without default: the VNet and its DNS servers are unknown',
      template: template([apim({ type: 'Internal', properties: { virtualNetworkConfiguration: { subnetResourceId: "[parameters('subnetId')]" } } })], { parameters: { subnetId: { type: 'string' } } }),
    },
    {
      name: 'the VNet is deployed elsewhere (other resource group): its DNS servers are unknown',
      template: template([apim({ type: 'Internal', properties: { virtualNetworkConfiguration: { subnetResourceId: "[resourceId('network-rg', 'Microsoft.Network/virtualNetworks/subnets', 'hub', 'apim')]" } } })]),
    },
    {
      name: 'an existing instance (existing: true) is not deployed here',
      template: template([{ type: 'Microsoft.ApiManagement/service', apiVersion: '2023-05-01-preview', name: 'apim-contoso', existing: true, properties: { virtualNetworkType: 'Internal' } }]),
    },
    {
      name: 'a self-hosted gateway (Microsoft.ApiManagement/gateways) is not an instance',
      template: template([{ type: 'Microsoft.ApiManagement/gateways', apiVersion: '2023-05-01-preview', name: 'gw', properties: { virtualNetworkType: 'Internal' } }]),
    },
  ],
  invalid: [
    {
      name: 'Internal without zone or DNS servers',
      template: internal(),
      findings: [{ messageId: 'noDns', at: 'Internal', severity: 'information', mentions: ["'apim-contoso'", 'apim-contoso.azure-api.net'] }],
    },
    {
      name: 'an empty dnsServers list is Azure DNS',
      template: internal({ vnetExtra: { dhcpOptions: { dnsServers: [] } } }),
      findings: [{ messageId: 'noDns', at: 'Internal' }],
    },
    {
      name: 'a private DNS zone for another domain does not count',
      template: internal({ more: [privateDnsZone('privatelink.blob.core.windows.net')] }),
      findings: [{ messageId: 'noDns', at: 'Internal' }],
    },
    {
      name: 'Premium v2 injection (Internal) also needs DNS',
      template: internal({ apim: { sku: 'PremiumV2' } }),
      findings: [{ messageId: 'noDns', at: 'Internal' }],
    },
    {
      name: 'Internal from a parameter default, reported where it is used',
      template: internal({ apim: { properties: { virtualNetworkType: "[parameters('mode')]" } }, extra: { parameters: { mode: { type: 'string', defaultValue: 'Internal' } } } }),
      findings: [{ messageId: 'noDns', at: "[parameters('mode')]" }],
    },
    {
      name: 'JSONC text: Internal, VNet without DNS servers',
      template: `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {
      "type": "Microsoft.Network/virtualNetworks",
      "apiVersion": "2023-09-01",
      "name": "vnet",
      "location": "westeurope",
      "properties": {
        "addressSpace": { "addressPrefixes": ["10.0.0.0/16"] },
        "subnets": [{ "name": "apim", "properties": { "addressPrefix": "10.0.1.0/27" } },], // no NSG here: not this rule's business
      },
    },
    {
      "type": "Microsoft.ApiManagement/service",
      "apiVersion": "2023-05-01-preview",
      "name": "apim-contoso",
      "location": "westeurope",
      "sku": { "name": "Developer", "capacity": 1 },
      "properties": {
        /* private only */
        "virtualNetworkType": "Internal",
        "virtualNetworkConfiguration": { "subnetResourceId": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', 'apim')]" },
      },
    },
  ],
}
`,
      findings: [{ messageId: 'noDns', line: 23, column: 31 }],
    },
    {
      name: 'YAML text: Internal',
      format: 'yaml',
      template: `$schema: https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#
contentVersion: 1.0.0.0
resources:
  - type: Microsoft.Network/virtualNetworks
    apiVersion: '2023-09-01'
    name: vnet
    location: westeurope
    properties:
      addressSpace: {addressPrefixes: [10.0.0.0/16]}
      subnets:
        - {name: apim, properties: {addressPrefix: 10.0.1.0/27}}
  - type: Microsoft.ApiManagement/service
    apiVersion: '2023-05-01-preview'
    name: apim-contoso
    location: westeurope
    sku: {name: Developer, capacity: 1}
    properties:
      virtualNetworkType: Internal # needs DNS
      virtualNetworkConfiguration:
        subnetResourceId: "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', 'apim')]"
`,
      findings: [{ messageId: 'noDns', line: 18, column: 27 }],
    },
  ],
});
