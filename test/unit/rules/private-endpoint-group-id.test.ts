import { ruleTester } from '../../helpers/ruleTester';
import { apim, template, type Obj } from '../../helpers/templates';
import { privateEndpoint } from '../../helpers/templates-part2';

const service = apim({ type: 'None', sku: 'Standard' });
const withPe = (pe: Obj, extra: Obj = {}) => template([service, pe], extra);

ruleTester('private-endpoint-group-id', {
  valid: [
    { name: "groupIds ['Gateway']", template: withPe(privateEndpoint()) },
    { name: 'group id casing does not matter', template: withPe(privateEndpoint({ groupIds: ['gateway'] })) },
    { name: 'manual connection with Gateway', template: withPe(privateEndpoint({ manual: true })) },
    { name: "a private endpoint to a web app ('sites') is not checked", template: withPe(privateEndpoint({ target: "[resourceId('Microsoft.Web/sites', 'app')]", groupIds: ['sites'] })) },
    { name: "a private endpoint to a key vault ('vault') is not checked", template: withPe(privateEndpoint({ target: "[resourceId('Microsoft.KeyVault/vaults', 'kv')]", groupIds: ['vault'] })) },
    {
      name: 'a target from a parameter without default is unknown',
      template: withPe(privateEndpoint({ target: "[parameters('targetId')]", groupIds: ['blob'] }), { parameters: { targetId: { type: 'string' } } }),
    },
    {
      name: 'a group id from a parameter without default is unknown',
      template: withPe(privateEndpoint({ groupIds: ["[parameters('group')]"] }), { parameters: { group: { type: 'string' } } }),
    },
    {
      name: 'groupIds from a parameter without default is unknown',
      template: withPe(privateEndpoint({ groupIds: "[parameters('groups')]" }), { parameters: { groups: { type: 'array' } } }),
    },
    {
      name: 'a group id from reference() is unknown',
      template: withPe(privateEndpoint({ groupIds: ["[reference('x').groupId]"] })),
    },
    {
      name: 'a self-hosted gateway resource (Microsoft.ApiManagement/gateways) is not an API Management service',
      template: withPe(privateEndpoint({ target: "[resourceId('Microsoft.ApiManagement/gateways', 'gw')]", groupIds: ['gateways'] })),
    },
    { name: 'no private endpoint at all', template: template([service]) },
  ],
  invalid: [
    {
      name: "a 'management' group id",
      template: withPe(privateEndpoint({ groupIds: ['management'] })),
      findings: [{ messageId: 'wrongGroup', at: 'management', severity: 'error', mentions: ["'pe-apim'", "'management'", "'Gateway'"], fixes: 1 }],
      outputContains: ['Gateway'],
    },
    {
      name: 'a wrong group next to the right one: only the wrong one',
      template: withPe(privateEndpoint({ groupIds: ['Gateway', 'portal'] })),
      findings: [{ messageId: 'wrongGroup', at: 'portal', mentions: ['portal'], fixes: 1 }],
    },
    {
      name: 'manual connection with a wrong group',
      template: withPe(privateEndpoint({ manual: true, groupIds: ['developer'] })),
      findings: [{ messageId: 'wrongGroup', at: 'developer', fixes: 1 }],
      outputContains: ['Gateway'],
    },
    {
      name: 'an API Management instance deployed elsewhere (literal id) is still API Management',
      template: template([privateEndpoint({ target: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ApiManagement/service/other', groupIds: ['Management'] })]),
      findings: [{ messageId: 'wrongGroup', at: 'Management', fixes: 1 }],
    },
    {
      name: 'an existing API Management instance (existing: true) targeted by resourceId',
      template: template([
        { type: 'Microsoft.ApiManagement/service', apiVersion: '2023-05-01-preview', name: 'apim-contoso', existing: true },
        privateEndpoint({ groupIds: ['scm'] }),
      ]),
      findings: [{ messageId: 'wrongGroup', at: 'scm', fixes: 1 }],
    },
    {
      name: 'the group id comes from a parameter default: the fix edits the default',
      template: withPe(privateEndpoint({ groupIds: ["[parameters('group')]"] }), { parameters: { group: { type: 'string', defaultValue: 'management' } } }),
      findings: [{ messageId: 'wrongGroup', at: "[parameters('group')]", mentions: ["'management'"], fixes: 1 }],
      outputContains: ['Gateway'],
    },
    {
      name: 'JSON text: no groupIds',
      template: `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {
      "type": "Microsoft.Network/privateEndpoints",
      "apiVersion": "2023-09-01",
      "name": "pe-apim",
      "location": "westeurope",
      "properties": {
        "subnet": { "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', 'endpoints')]" },
        "privateLinkServiceConnections": [
          { "name": "c", "properties": { "privateLinkServiceId": "[resourceId('Microsoft.ApiManagement/service', 'apim-contoso')]" } }
        ]
      }
    }
  ]
}
`,
      findings: [{ messageId: 'noGroup', line: 13, column: 11, mentions: ["'pe-apim'", 'Gateway'] }],
    },
    {
      name: 'JSONC text (comments, trailing commas): an empty groupIds array',
      template: `{
  // a private endpoint to the gateway
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {
      "type": "Microsoft.Network/privateEndpoints",
      "apiVersion": "2023-09-01",
      "name": "pe-apim",
      "location": "westeurope",
      "properties": {
        /* the connection */
        "privateLinkServiceConnections": [
          { "name": "c", "properties": { "privateLinkServiceId": "[resourceId('Microsoft.ApiManagement/service', 'apim-contoso')]", "groupIds": [], }, },
        ],
      },
    },
  ],
}
`,
      findings: [{ messageId: 'noGroup', line: 14, column: 11 }],
    },
    {
      name: 'JSONC text: a wrong group is fixed in place, comments kept',
      template: `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {
      "type": "Microsoft.Network/privateEndpoints",
      "apiVersion": "2023-09-01",
      "name": "pe-apim",
      "location": "westeurope",
      "properties": {
        "privateLinkServiceConnections": [
          {
            "name": "c",
            "properties": {
              "privateLinkServiceId": "[resourceId('Microsoft.ApiManagement/service', 'apim-contoso')]",
              "groupIds": ["portal"], // wrong
            },
          },
        ],
      },
    },
  ],
}
`,
      findings: [{ messageId: 'wrongGroup', line: 16, column: 28, fixes: 1 }],
      outputContains: ['"groupIds": ["Gateway"], // wrong'],
    },
    {
      name: 'YAML text: a wrong group and a missing one',
      format: 'yaml',
      template: `$schema: https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#
contentVersion: 1.0.0.0
resources:
  # two connections
  - type: Microsoft.Network/privateEndpoints
    apiVersion: '2023-09-01'
    name: pe-apim
    location: westeurope
    properties:
      privateLinkServiceConnections:
        - name: first
          properties:
            privateLinkServiceId: "[resourceId('Microsoft.ApiManagement/service', 'apim-contoso')]"
            groupIds:
              - management # wrong
        - name: second
          properties:
            privateLinkServiceId: "[resourceId('Microsoft.ApiManagement/service', 'apim-contoso')]"
`,
      findings: [
        { messageId: 'wrongGroup', line: 15, column: 17, fixes: 1 },
        { messageId: 'noGroup', line: 16, column: 11 },
      ],
      outputContains: ['- Gateway # wrong'],
    },
  ],
});
