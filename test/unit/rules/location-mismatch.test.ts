import { ruleTester } from '../../helpers/ruleTester';
import { apim, injected, nsg, requiredRules, template, vnet, type Obj } from '../../helpers/templates';
import { SUBNET_ID } from '../../helpers/templates-part2';

/** The injected network with the VNet in `vnetLocation`; `extra` for template-level additions. */
const net = (vnetLocation: string, opts: { apim?: Parameters<typeof apim>[0]; extra?: Obj; more?: Obj[] } = {}): Obj =>
  template([
    nsg('apim-nsg', requiredRules(), vnetLocation),
    vnet('vnet', '10.0.0.0/16', [{ name: 'apim', prefix: '10.0.1.0/27', nsg: 'apim-nsg' }], vnetLocation),
    apim(opts.apim ?? {}),
    ...(opts.more ?? []),
  ], opts.extra ?? {});

const region = (location: string, vnetName: string): Obj => ({
  location, sku: { name: 'Premium', capacity: 1 }, virtualNetworkConfiguration: { subnetResourceId: SUBNET_ID(vnetName, 'apim') },
});

ruleTester('location-mismatch', {
  valid: [
    { name: 'same region', template: injected() },
    { name: "display name 'West Europe' equals westeurope", template: net('West Europe') },
    {
      name: 'both from resourceGroup().location',
      template: net('[resourceGroup().location]', { apim: { location: '[resourceGroup().location]' } }),
    },
    {
      name: 'a VNet location from a parameter without default is unknown',
      template: net("[parameters('vnetLocation')]", { extra: { parameters: { vnetLocation: { type: 'string' } } } }),
    },
    {
      name: 'an instance location from reference() is unknown',
      template: net('northeurope', { apim: { location: "[reference('settings').location]" } }),
    },
    {
      name: 'a subnet of a VNet that is not in this template',
      template: template([apim({ properties: { virtualNetworkConfiguration: { subnetResourceId: "[resourceId('hub-rg', 'Microsoft.Network/virtualNetworks/subnets', 'hub-vnet', 'apim')]" } } }), vnet('vnet', '10.0.0.0/16', [{ name: 'apim', prefix: '10.0.1.0/27' }], 'eastus')]),
    },
    {
      name: 'an additional location with its own VNet in its region',
      template: net('westeurope', {
        apim: { properties: { additionalLocations: [region('northeurope', 'vnet-ne')] } },
        more: [vnet('vnet-ne', '10.1.0.0/16', [{ name: 'apim', prefix: '10.1.1.0/27' }], 'northeurope')],
      }),
    },
    {
      name: 'an existing instance (existing: true) is not deployed here',
      template: template([
        vnet('vnet', '10.0.0.0/16', [{ name: 'apim', prefix: '10.0.1.0/27' }], 'eastus'),
        { ...apim(), existing: true },
      ]),
    },
    {
      name: 'a self-hosted gateway (Microsoft.ApiManagement/gateways) is not an instance',
      template: template([
        vnet('vnet', '10.0.0.0/16', [{ name: 'apim', prefix: '10.0.1.0/27' }], 'eastus'),
        { ...apim(), type: 'Microsoft.ApiManagement/gateways' },
      ]),
    },
  ],
  invalid: [
    {
      name: 'the VNet is in another region',
      template: net('northeurope'),
      findings: [{ messageId: 'vnet', at: SUBNET_ID('vnet', 'apim'), severity: 'error', mentions: ["'apim'", "'vnet'", 'northeurope', "'apim-contoso'", 'westeurope'] }],
    },
    {
      name: 'a subnet declared as a child resource of a VNet in another region',
      template: template([
        vnet('vnet', '10.0.0.0/16', [], 'eastus'),
        { type: 'Microsoft.Network/virtualNetworks/subnets', apiVersion: '2023-09-01', name: 'vnet/apim', properties: { addressPrefix: '10.0.1.0/27' } },
        apim(),
      ]),
      findings: [{ messageId: 'vnet', at: SUBNET_ID('vnet', 'apim'), mentions: ['eastus'] }],
    },
    {
      name: 'an additional location whose VNet is in the primary region',
      template: net('westeurope', {
        apim: { properties: { additionalLocations: [region('northeurope', 'vnet-ne')] } },
        more: [vnet('vnet-ne', '10.1.0.0/16', [{ name: 'apim', prefix: '10.1.1.0/27' }], 'westeurope')],
      }),
      findings: [{ messageId: 'vnet', at: SUBNET_ID('vnet-ne', 'apim'), mentions: ["'vnet-ne'", "'apim-contoso' in northeurope"] }],
    },
    {
      name: 'a VNet location from a parameter default',
      template: net("[parameters('vnetLocation')]", { extra: { parameters: { vnetLocation: { type: 'string', defaultValue: 'eastus2' } } } }),
      findings: [{ messageId: 'vnet', at: SUBNET_ID('vnet', 'apim'), mentions: ['eastus2'] }],
    },
    {
      name: 'JSONC text',
      template: `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {
      "type": "Microsoft.Network/virtualNetworks",
      "apiVersion": "2023-09-01",
      "name": "vnet",
      "location": "eastus", // not the instance's region
      "properties": {
        "addressSpace": { "addressPrefixes": ["10.0.0.0/16"] },
        "subnets": [{ "name": "apim", "properties": { "addressPrefix": "10.0.1.0/27" } },],
      },
    },
    {
      "type": "Microsoft.ApiManagement/service",
      "apiVersion": "2023-05-01-preview",
      "name": "apim-contoso",
      "location": "westeurope",
      "sku": { "name": "Developer", "capacity": 1 },
      "properties": {
        "virtualNetworkType": "External",
        "virtualNetworkConfiguration": { "subnetResourceId": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', 'apim')]" },
      },
    },
  ],
}
`,
      findings: [{ messageId: 'vnet', line: 23, column: 62 }],
    },
    {
      name: 'YAML text',
      format: 'yaml',
      template: `$schema: https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#
contentVersion: 1.0.0.0
resources:
  - type: Microsoft.Network/virtualNetworks
    apiVersion: '2023-09-01'
    name: vnet
    location: eastus # not the instance's region
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
      virtualNetworkType: External
      virtualNetworkConfiguration:
        subnetResourceId: "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', 'apim')]"
`,
      findings: [{ messageId: 'vnet', line: 20, column: 27 }],
    },
  ],
});
