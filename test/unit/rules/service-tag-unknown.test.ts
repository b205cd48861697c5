import { ruleTester } from '../../helpers/ruleTester';
import { apim, injected, nsg, requiredRules, rule, template, vnet, type Obj } from '../../helpers/templates';
import { childRule, nested, nsgWithChildRules } from '../../helpers/templates-part1';

const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
/** An NSG in a file without API Management, with one inbound rule from `source`. */
const from = (source: string, extra: Obj = {}) => template([nsg('app-nsg', [rule({ name: 'R1', priority: 100, direction: 'Inbound', source, destination: 'VirtualNetwork', port: '443' })])], extra);
/** An NSG with one outbound rule to `destination`. */
const to = (destination: string) => template([nsg('app-nsg', [rule({ name: 'R1', priority: 100, direction: 'Outbound', source: 'VirtualNetwork', destination, port: '443' })])]);

ruleTester('service-tag-unknown', {
  valid: [
    { name: 'the required APIM rules (every tag spelt right)', template: injected() },
    {
      name: 'regional tags, Front Door, GatewayManager, AzureCloud, addresses, IPv6 and *',
      template: template([
        nsg('app-nsg', [
          rule({ name: 'A', priority: 100, direction: 'Outbound', source: 'VirtualNetwork', destination: 'Storage.WestEurope', port: '443' }),
          rule({ name: 'B', priority: 110, direction: 'Outbound', source: 'VirtualNetwork', destination: 'Sql.EastUS2', port: '1433' }),
          rule({ name: 'C', priority: 120, direction: 'Inbound', source: 'AzureFrontDoor.Backend', destination: 'VirtualNetwork', port: '443' }),
          rule({ name: 'D', priority: 130, direction: 'Inbound', source: 'GatewayManager', destination: '*', port: '65200-65535' }),
          rule({ name: 'E', priority: 140, direction: 'Outbound', source: '10.0.1.0/24', destination: 'AzureCloud', port: '12000' }),
          rule({ name: 'F', priority: 150, direction: 'Inbound', source: '2001:db8::/32', destination: '10.0.1.4', port: '22' }),
          { name: 'G', properties: { protocol: '*', sourcePortRange: '*', destinationPortRange: '*', sourceAddressPrefixes: ['10.1.0.0/16', '192.168.0.0/24'], destinationAddressPrefixes: ['EventHub', 'AzureMonitor'], access: 'Allow', priority: 160, direction: 'Outbound' } },
        ]),
      ]),
    },
    { name: 'a region suffix in lower case is accepted (Storage.westus)', template: to('Storage.westus') },
    { name: 'a prefix from a parameter without default is unknown', template: from("[parameters('source')]", { parameters: { source: { type: 'string' } } }) },
    { name: 'a prefix from a reference() output is unknown', template: from("[reference('frontDoor').outputs.range.value]") },
    {
      name: 'a prefix from a parameter with a valid default',
      template: from("[parameters('source')]", { parameters: { source: { type: 'string', defaultValue: 'AzureTrafficManager' } } }),
    },
    { name: 'child-resource rules with valid tags', template: template([...nsgWithChildRules('apim-nsg', requiredRules()), vnet('vnet', '10.0.0.0/16', [{ name: 'apim', prefix: '10.0.1.0/27', nsg: 'apim-nsg' }]), apim()]) },
    {
      name: 'nested deployment (inner scope): the tag comes from an inner parameter',
      template: template([nested([nsg('app-nsg', [rule({ name: 'R1', priority: 100, direction: 'Inbound', source: "[parameters('tag')]", port: '3443' })])], { parameters: { tag: 'string' }, values: { tag: 'ApiManagement' } })]),
    },
    {
      name: 'copy loop of child rules whose source is picked from an array by copyIndex()',
      template: template(
        [
          nsg('app-nsg', []),
          { ...childRule('app-nsg', rule({ name: 'x', priority: 0, direction: 'Inbound', port: '443' })), name: "[format('app-nsg/Allow{0}', copyIndex())]", copy: { name: 'rules', count: 2 },
            properties: { ...(rule({ name: 'x', priority: 0, direction: 'Inbound', port: '443' })['properties'] as Obj), priority: '[add(100, copyIndex())]', sourceAddressPrefix: "[variables('sources')[copyIndex()]]" } },
        ],
        { variables: { sources: ['AzureFrontDoor.Backend', 'AzureTrafficManager'] } },
      ),
    },
  ],
  invalid: [
    {
      name: 'ApiManagment (typo): did you mean ApiManagement',
      template: from('ApiManagment'),
      findings: [{ messageId: 'unknown', at: 'ApiManagment', severity: 'error', mentions: ["'ApiManagment'", "did you mean 'ApiManagement'"], fixes: 1 }],
      outputContains: ['ApiManagement'],
    },
    {
      name: 'Azure Monitor with a space',
      template: to('Azure Monitor'),
      findings: [{ messageId: 'unknown', at: 'Azure Monitor', mentions: ["'AzureMonitor'"], fixes: 1 }],
      outputContains: ['AzureMonitor'],
    },
    {
      name: 'KeyVault (informal name) and AzureMonitoring (extra tail)',
      template: template([nsg('app-nsg', [
        rule({ name: 'Kv', priority: 100, direction: 'Outbound', source: 'VirtualNetwork', destination: 'KeyVault', port: '443' }),
        rule({ name: 'Mon', priority: 110, direction: 'Outbound', source: 'VirtualNetwork', destination: 'AzureMonitoring', port: '1886' }),
      ])]),
      findings: [
        { messageId: 'unknown', at: 'KeyVault', mentions: ["'AzureKeyVault'"] },
        { messageId: 'unknown', at: 'AzureMonitoring', mentions: ["'AzureMonitor'"] },
      ],
      outputContains: ['AzureKeyVault'],
    },
    {
      name: 'a tag nobody could guess: no fix',
      template: to('Contoso'),
      findings: [{ messageId: 'unknown', at: 'Contoso', fixes: 0 }],
    },
    {
      name: 'Any is not the ARM wildcard',
      template: from('Any'),
      findings: [{ messageId: 'unknown', at: 'Any', mentions: ["'*'"], fixes: 1 }],
      outputContains: ['"*"'],
      only: 'json',
    },
    {
      name: 'SQL and APIManagement: casing only, a warning',
      template: template([nsg('app-nsg', [
        rule({ name: 'Mgmt', priority: 100, direction: 'Inbound', source: 'APIManagement', destination: 'VirtualNetwork', port: '3443' }),
        rule({ name: 'Sql', priority: 110, direction: 'Outbound', source: 'VirtualNetwork', destination: 'SQL', port: '1433' }),
      ])]),
      findings: [
        { messageId: 'casing', at: 'APIManagement', severity: 'warning', mentions: ["'APIManagement'", "'ApiManagement'"], fixes: 1 },
        { messageId: 'casing', at: 'SQL', severity: 'warning', mentions: ["'Sql'"], fixes: 1 },
      ],
      outputContains: ['"ApiManagement"'],
      only: 'json',
    },
    {
      name: 'classic spellings INTERNET and VIRTUAL_NETWORK',
      template: template([nsg('app-nsg', [rule({ name: 'R1', priority: 100, direction: 'Inbound', source: 'INTERNET', destination: 'VIRTUAL_NETWORK', port: '443' })])]),
      findings: [
        { messageId: 'classic', at: 'INTERNET', mentions: ["'INTERNET'", "'Internet'"], fixes: 1 },
        { messageId: 'classic', at: 'VIRTUAL_NETWORK', mentions: ["'VirtualNetwork'"], fixes: 1 },
      ],
      outputContains: ['Internet'],
    },
    {
      name: 'a misspelt region: Storage.WestEurop',
      template: to('Storage.WestEurop'),
      findings: [{ messageId: 'region', at: 'Storage.WestEurop', mentions: ["'Storage.WestEurop'", "'Storage.WestEurope'"], fixes: 1 }],
      outputContains: ['Storage.WestEurope'],
    },
    {
      name: 'AzureLoadBalancer has no regional form',
      template: from('AzureLoadBalancer.WestEurope'),
      findings: [{ messageId: 'notRegional', at: 'AzureLoadBalancer.WestEurope', mentions: ['AzureLoadBalancer', "'AzureLoadBalancer'"], fixes: 1 }],
      outputContains: ['AzureLoadBalancer'],
    },
    {
      name: 'a malformed address, in a prefix list',
      template: template([nsg('app-nsg', [{ name: 'R1', properties: { protocol: 'Tcp', sourcePortRange: '*', destinationPortRange: '443', sourceAddressPrefixes: ['10.0.0.0/24', '10.0.0.300/24'], destinationAddressPrefix: '*', access: 'Allow', priority: 100, direction: 'Inbound' } }])]),
      findings: [{ messageId: 'badAddress', at: '10.0.0.300/24', mentions: ["'10.0.0.300/24'"], fixes: 0 }],
    },
    {
      name: 'the misspelt tag is in a variable: the finding is on the rule, the fix edits the variable',
      template: template([nsg('app-nsg', [rule({ name: 'R1', priority: 100, direction: 'Outbound', source: 'VirtualNetwork', destination: "[variables('kv')]", port: '443' })])], { variables: { kv: 'AzureKeyvault' } }),
      findings: [{ messageId: 'casing', at: "[variables('kv')]", mentions: ["'AzureKeyVault'"], fixes: 1 }],
      outputContains: ['AzureKeyVault'],
    },
    {
      name: 'child-resource rule with a misspelt tag',
      template: template([...nsgWithChildRules('app-nsg', [rule({ name: 'R1', priority: 100, direction: 'Inbound', source: 'AzureTrafficManger', port: '443' })])]),
      findings: [{ messageId: 'unknown', at: 'AzureTrafficManger', mentions: ["'AzureTrafficManager'"] }],
      outputContains: ['AzureTrafficManager'],
    },
    {
      name: 'nested deployment (inner scope): VirtualNetworks from an inner parameter value',
      template: template([nested([nsg('app-nsg', [rule({ name: 'R1', priority: 100, direction: 'Inbound', destination: "[parameters('dest')]", port: '443' })])], { parameters: { dest: 'string' }, values: { dest: 'VirtualNetworks' } })]),
      findings: [{ messageId: 'unknown', at: "[parameters('dest')]", mentions: ["'VirtualNetworks'", "'VirtualNetwork'"] }],
    },
    {
      name: 'JSONC text: comments and trailing commas',
      format: 'json',
      template: `{
  "$schema": "${SCHEMA}", // ARM
  "contentVersion": "1.0.0.0",
  "resources": [
    {
      "type": "Microsoft.Network/networkSecurityGroups",
      "apiVersion": "2023-09-01",
      "name": "app-nsg",
      "location": "westeurope",
      "properties": {
        "securityRules": [
          /* management endpoint */
          {
            "name": "AllowMgmt",
            "properties": {
              "protocol": "Tcp",
              "sourcePortRange": "*",
              "destinationPortRange": "3443",
              "sourceAddressPrefix": "ApiManagment",
              "destinationAddressPrefix": "VirtualNetwork",
              "access": "Allow",
              "priority": 100,
              "direction": "Inbound", // trailing comma next
            },
          },
        ],
      },
    },
  ],
}
`,
      findings: [{ messageId: 'unknown', line: 19, column: 38, mentions: ["'ApiManagement'"] }],
      outputContains: ['"sourceAddressPrefix": "ApiManagement",'],
    },
    {
      name: 'YAML text: plain and quoted scalars',
      format: 'yaml',
      template: `$schema: ${SCHEMA}
contentVersion: 1.0.0.0
resources:
  - type: Microsoft.Network/networkSecurityGroups
    apiVersion: '2023-09-01'
    name: app-nsg
    location: westeurope
    properties:
      securityRules:
        - name: AllowStorage
          properties:
            protocol: Tcp
            sourcePortRange: '*'
            destinationPortRange: '443'
            sourceAddressPrefix: VirtualNetwork
            destinationAddressPrefix: 'Storage.WestEurop'
            access: Allow
            priority: 100
            direction: Outbound
        - name: AllowLb
          properties: {protocol: Tcp, sourcePortRange: '*', destinationPortRange: '6390', sourceAddressPrefix: AzureLoadbalancer, destinationAddressPrefix: VirtualNetwork, access: Allow, priority: 110, direction: Inbound}
`,
      findings: [
        { messageId: 'region', line: 16, column: 39, mentions: ["'Storage.WestEurope'"] },
        { messageId: 'casing', line: 21, column: 112, severity: 'warning', mentions: ["'AzureLoadBalancer'"] },
      ],
      outputContains: ["destinationAddressPrefix: 'Storage.WestEurope'"],
    },
  ],
});
