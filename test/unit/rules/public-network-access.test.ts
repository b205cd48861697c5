import { ruleTester } from '../../helpers/ruleTester';
import { apim, injected, template, type Obj } from '../../helpers/templates';
import { privateEndpoint } from '../../helpers/templates-part2';

const disabled = { publicNetworkAccess: 'Disabled' };
const standalone = (properties: Obj = disabled, sku = 'Premium') => apim({ type: 'None', sku, properties });

ruleTester('public-network-access', {
  valid: [
    { name: 'Enabled with injection', template: injected({ apim: { properties: { publicNetworkAccess: 'Enabled' } } }) },
    { name: 'absent', template: template([standalone({})]) },
    { name: 'Enabled without a private endpoint', template: template([standalone({ publicNetworkAccess: 'Enabled' })]) },
    {
      name: 'a parameter without default is unknown',
      template: template([standalone({ publicNetworkAccess: "[parameters('pna')]" })], { parameters: { pna: { type: 'string', allowedValues: ['Enabled', 'Disabled'] } } }),
    },
    { name: 'a value from reference() is unknown', template: template([standalone({ publicNetworkAccess: "[reference('settings').pna]" })]) },
    {
      name: 'an existing instance (existing: true) is not deployed here',
      template: template([{ type: 'Microsoft.ApiManagement/service', apiVersion: '2023-05-01-preview', name: 'apim-contoso', existing: true, properties: disabled }]),
    },
    {
      name: 'a self-hosted gateway (Microsoft.ApiManagement/gateways) is not an instance',
      template: template([{ type: 'Microsoft.ApiManagement/gateways', apiVersion: '2023-05-01-preview', name: 'gw', properties: { ...disabled, virtualNetworkType: 'External' } }]),
    },
    {
      name: 'a condition: false instance is not deployed',
      template: template([{ ...apim({ type: 'External', properties: disabled }), condition: false }]),
    },
  ],
  invalid: [
    {
      name: 'Disabled with External injection',
      template: injected({ apim: { properties: disabled } }),
      findings: [{ messageId: 'withInjection', at: 'Disabled', severity: 'error', mentions: ["'apim-contoso'", 'External'] }],
    },
    {
      name: 'Disabled with Internal injection (case-insensitive value)',
      template: injected({ mode: 'Internal', apim: { properties: { publicNetworkAccess: 'disabled' } } }),
      findings: [{ messageId: 'withInjection', at: 'disabled', mentions: ['Internal'] }],
    },
    {
      name: 'Disabled with injection even when a private endpoint exists',
      template: template([apim({ type: 'Internal', properties: disabled }), privateEndpoint()]),
      findings: [{ messageId: 'withInjection', at: 'Disabled' }],
    },
    {
      name: 'Disabled without any private endpoint',
      template: template([standalone()]),
      findings: [{ messageId: 'noEndpoint', at: 'Disabled', severity: 'warning', mentions: ["'apim-contoso'", 'private endpoint'] }],
    },
    {
      name: 'Disabled where the only private endpoint targets another instance',
      template: template([standalone(), apim({ name: 'apim-other', type: 'None' }), privateEndpoint({ target: "[resourceId('Microsoft.ApiManagement/service', 'apim-other')]" })]),
      findings: [{ messageId: 'noEndpoint', at: 'Disabled', severity: 'warning' }],
    },
    {
      name: 'Disabled where the private endpoint targets a web app',
      template: template([standalone(), privateEndpoint({ target: "[resourceId('Microsoft.Web/sites', 'app')]", groupIds: ['sites'] })]),
      findings: [{ messageId: 'noEndpoint', at: 'Disabled' }],
    },
    {
      name: 'Disabled with a private endpoint in the template: cannot be set at creation',
      template: template([standalone(), privateEndpoint()]),
      findings: [{ messageId: 'atCreation', at: 'Disabled', severity: 'information', mentions: ['Enabled first'] }],
    },
    {
      name: 'Disabled from a parameter default: reported where the resource uses it',
      template: template([standalone({ publicNetworkAccess: "[parameters('pna')]" })], { parameters: { pna: { type: 'string', defaultValue: 'Disabled' } } }),
      findings: [{ messageId: 'noEndpoint', at: "[parameters('pna')]" }],
    },
    {
      name: 'Disabled from the parameters file',
      template: template([standalone({ publicNetworkAccess: "[parameters('pna')]" })], { parameters: { pna: { type: 'string' } } }),
      parameters: { pna: { value: 'Disabled' } },
      findings: [{ messageId: 'noEndpoint', at: "[parameters('pna')]" }],
    },
    {
      name: 'Standard v2 with outbound VNet integration is not injection: only the private endpoint matters',
      template: template([apim({ sku: 'StandardV2', type: 'External', properties: disabled })]),
      findings: [{ messageId: 'noEndpoint', at: 'Disabled' }],
    },
    {
      name: 'Standard v2 with outbound integration and a private endpoint: only the creation caveat',
      template: template([apim({ sku: 'StandardV2', type: 'External', properties: disabled }), privateEndpoint()]),
      findings: [{ messageId: 'atCreation', at: 'Disabled', severity: 'information' }],
    },
    {
      name: 'JSONC text: Disabled with External injection',
      template: `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {
      "type": "Microsoft.ApiManagement/service",
      "apiVersion": "2023-05-01-preview",
      "name": "apim-contoso",
      "location": "westeurope",
      "sku": { "name": "Premium", "capacity": 1 },
      "properties": {
        "publisherEmail": "a@b.c", "publisherName": "c", // publisher
        "virtualNetworkType": "External",
        "publicNetworkAccess": "Disabled", /* not with injection */
      },
    },
  ],
}
`,
      findings: [{ messageId: 'withInjection', line: 14, column: 32 }],
    },
    {
      name: 'YAML text: Disabled with a private endpoint',
      format: 'yaml',
      template: `$schema: https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#
contentVersion: 1.0.0.0
resources:
  - type: Microsoft.ApiManagement/service
    apiVersion: '2023-05-01-preview'
    name: apim-contoso
    location: westeurope
    sku: {name: Premium, capacity: 1}
    properties:
      publisherEmail: a@b.c
      publisherName: c
      publicNetworkAccess: Disabled # after the endpoint exists
  - type: Microsoft.Network/privateEndpoints
    apiVersion: '2023-09-01'
    name: pe
    location: westeurope
    properties:
      privateLinkServiceConnections:
        - name: c
          properties:
            privateLinkServiceId: "[resourceId('Microsoft.ApiManagement/service', 'apim-contoso')]"
            groupIds: [Gateway]
`,
      findings: [{ messageId: 'atCreation', line: 12, column: 28 }],
    },
  ],
});
