import { ruleTester } from '../../helpers/ruleTester';
import { apim, injected, template } from '../../helpers/templates';
import { PIP_ID, publicIp } from '../../helpers/templates-part2';

ruleTester('legacy-platform', {
  valid: [
    { name: 'a current api-version', template: injected() },
    { name: 'exactly 2021-01-01-preview', template: injected({ apim: { apiVersion: '2021-01-01-preview' } }) },
    { name: 'an old api-version without a VNet', template: template([apim({ type: 'None', apiVersion: '2019-12-01' })]) },
    {
      name: 'an old api-version with publicIpAddressId (not the stv1 pattern)',
      template: template([apim({ type: 'External', apiVersion: '2020-12-01', properties: { publicIpAddressId: PIP_ID('apim-pip') } }), publicIp()]),
    },
    {
      name: 'virtualNetworkType from a parameter without default is unknown',
      template: template([apim({ type: 'None', apiVersion: '2019-12-01', properties: { virtualNetworkType: "[parameters('mode')]" } })], { parameters: { mode: { type: 'string' } } }),
    },
    {
      name: 'a v2 tier is never stv1',
      template: template([apim({ type: 'External', sku: 'StandardV2', apiVersion: '2020-12-01' })]),
    },
    {
      name: 'an existing instance (existing: true) is not deployed here',
      template: template([{ type: 'Microsoft.ApiManagement/service', apiVersion: '2019-12-01', name: 'apim-contoso', existing: true, properties: { virtualNetworkType: 'External' } }]),
    },
    {
      name: 'a self-hosted gateway (Microsoft.ApiManagement/gateways) is not an instance',
      template: template([{ type: 'Microsoft.ApiManagement/gateways', apiVersion: '2019-12-01', name: 'gw', properties: { virtualNetworkType: 'External' } }]),
    },
  ],
  invalid: [
    {
      name: 'External injection on 2020-12-01 without a public IP',
      template: injected({ apim: { apiVersion: '2020-12-01' } }),
      findings: [{ messageId: 'oldApi', at: '2020-12-01', severity: 'information', mentions: ["'apim-contoso'", '2020-12-01', '2021-01-01-preview', 'stv1'] }],
    },
    {
      name: 'Internal injection on 2019-12-01, Developer',
      template: injected({ mode: 'Internal', apim: { apiVersion: '2019-12-01', sku: 'Developer' } }),
      findings: [{ messageId: 'oldApi', at: '2019-12-01' }],
    },
    {
      name: 'a preview older than 2021-01-01-preview',
      template: injected({ apim: { apiVersion: '2020-06-01-preview' } }),
      findings: [{ messageId: 'oldApi', at: '2020-06-01-preview' }],
    },
    {
      name: 'an unknown tier with injection still uses the old api-version',
      template: template([apim({ type: 'External', sku: "[parameters('sku')]", apiVersion: '2019-01-01' })], { parameters: { sku: { type: 'string' } } }),
      findings: [{ messageId: 'oldApi', at: '2019-01-01' }],
    },
    {
      name: 'JSONC text',
      template: `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {
      "type": "Microsoft.ApiManagement/service",
      "apiVersion": "2019-12-01", // stv1 era
      "name": "apim-contoso",
      "location": "westeurope",
      "sku": { "name": "Premium", "capacity": 1, },
      "properties": {
        "virtualNetworkType": "External",
        "virtualNetworkConfiguration": { "subnetResourceId": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', 'apim')]" },
      },
    },
  ],
}
`,
      findings: [{ messageId: 'oldApi', line: 7, column: 21 }],
    },
    {
      name: 'YAML text',
      format: 'yaml',
      template: `$schema: https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#
contentVersion: 1.0.0.0
resources:
  - type: Microsoft.ApiManagement/service
    apiVersion: 2020-12-01 # unquoted: still a string in YAML 1.2
    name: apim-contoso
    location: westeurope
    sku: {name: Premium, capacity: 1}
    properties:
      virtualNetworkType: Internal
      virtualNetworkConfiguration: {subnetResourceId: "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', 'apim')]"}
`,
      findings: [{ messageId: 'oldApi', line: 5, column: 17 }],
    },
  ],
});
