import { ruleTester } from '../../helpers/ruleTester';
import { injected, requiredRules, rule, template, nsg, vnet, apim } from '../../helpers/templates';

const denyInternetOut = rule({ name: 'DenyInternetOutbound', priority: 999, direction: 'Outbound', access: 'Deny', destination: 'Internet' });
const withoutHttp = requiredRules('External').filter((r) => (r as { name: string }).name !== 'AllowInternetHttpOutbound');

ruleTester('nsg-required-port', {
  valid: [
    { name: 'every required rule, External', template: injected() },
    { name: 'every required rule, Internal', template: injected({ mode: 'Internal' }) },
    {
      name: 'client traffic from Front Door only (any source will do)',
      template: injected({ rules: [...requiredRules().slice(1), rule({ name: 'AllowFrontDoor', priority: 90, direction: 'Inbound', source: 'AzureFrontDoor.Backend', destination: 'VirtualNetwork', port: '443' })] }),
    },
    {
      name: 'regional Storage tag in the instance region',
      template: injected({ rules: requiredRules().map((r) => (JSON.stringify(r).includes('"Storage"') ? JSON.parse(JSON.stringify(r).replace('"Storage"', '"Storage.WestEurope"')) : r)) }),
    },
    {
      name: 'a Deny whose priority is a parameter is unknown: no finding',
      template: template(
        [nsg('apim-nsg', [...requiredRules().map((r) => ((r as { name: string }).name === 'AllowApiManagementInbound' ? rule({ name: 'AllowApiManagementInbound', priority: 300, direction: 'Inbound', source: 'ApiManagement', destination: 'VirtualNetwork', port: '3443' }) : r)), { name: 'MaybeDeny', properties: { protocol: '*', sourcePortRange: '*', destinationPortRange: '*', sourceAddressPrefix: '*', destinationAddressPrefix: '*', access: 'Deny', priority: "[parameters('p')]", direction: 'Inbound' } }]),
          vnet('vnet', '10.0.0.0/16', [{ name: 'apim', prefix: '10.0.1.0/27', nsg: 'apim-nsg' }]), apim()],
        { parameters: { p: { type: 'int' } } },
      ),
    },
    { name: 'Developer needs no explicit 6390', template: injected({ rules: requiredRules().filter((r) => (r as { name: string }).name !== 'AllowAzureLoadBalancerInbound'), apim: { sku: 'Developer' } }) },
    { name: 'no VNet: nothing to judge', template: template([apim({ type: 'None' })]) },
  ],
  invalid: [
    {
      name: 'a Deny * → Internet blocks outbound 80',
      template: injected({ rules: [...withoutHttp, denyInternetOut] }),
      findings: [
        { messageId: 'blocked', at: 'DenyInternetOutbound', severity: 'error', mentions: ['80', 'DenyInternetOutbound', '999'], fixes: 1 },
        { messageId: 'optionalBlocked', at: 'DenyInternetOutbound', severity: 'information', mentions: ['5672', 'EventHub', 'AzureActiveDirectory'] },
      ],
      outputContains: ['AllowInternetHttpOutbound', '990'],
    },
    {
      name: 'a Deny to Internet after explicit allows for every required flow still blocks optional ones',
      template: injected({ rules: [...requiredRules(), denyInternetOut] }),
      findings: [{ messageId: 'optionalBlocked', at: 'DenyInternetOutbound', mentions: ['DenyInternetOutbound (priority 999)', '5 optional'] }],
    },
    {
      name: 'no inbound 3443: blocked by DenyAllInBound',
      template: injected({ rules: requiredRules().filter((r) => (r as { name: string }).name !== 'AllowApiManagementInbound') }),
      findings: [{ messageId: 'blocked', at: 'apim-nsg', mentions: ['3443', 'ApiManagement', 'DenyAllInBound', '65500'], fixes: 1 }],
      outputContains: ['AllowApiManagementInbound', 'ApiManagement'],
    },
    {
      name: 'an explicit Deny of 3443 at 100 (the fix goes above it)',
      template: injected({
        rules: [rule({ name: 'DenyMgmt', priority: 200, direction: 'Inbound', access: 'Deny', port: '3443' }), ...requiredRules().filter((r) => (r as { name: string }).name !== 'AllowApiManagementInbound')],
      }),
      findings: [{ messageId: 'blocked', at: 'DenyMgmt', mentions: ['DenyMgmt', '200'] }],
    },
    {
      name: 'only default rules allow the outbound dependencies',
      template: injected({ rules: requiredRules().filter((r) => (r as { properties: { direction: string } }).properties.direction === 'Inbound') }),
      findings: [{ messageId: 'defaultOnly', at: 'apim-nsg', severity: 'information', mentions: ['Storage', 'Sql', 'AzureKeyVault', 'AzureMonitor', 'AllowInternetOutBound'] }],
      outputContains: ['AllowStorageOutbound', 'AllowSqlOutbound'],
    },
    {
      name: 'External mode without a client rule',
      template: injected({ rules: requiredRules('Internal') }),
      findings: [{ messageId: 'blocked', at: 'apim-nsg', mentions: ['443', 'any client'] }],
    },
    {
      name: 'YAML text: a Deny all inbound at 4096 blocks 6390 for Premium',
      format: 'yaml',
      template: `$schema: https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#
contentVersion: 1.0.0.0
resources:
  - type: Microsoft.Network/networkSecurityGroups
    apiVersion: '2023-09-01'
    name: apim-nsg
    location: westeurope
    properties:
      securityRules:
        - name: AllowMgmt
          properties: {protocol: Tcp, sourcePortRange: '*', destinationPortRange: '3443', sourceAddressPrefix: ApiManagement, destinationAddressPrefix: VirtualNetwork, access: Allow, priority: 100, direction: Inbound}
        - name: DenyAll
          properties: {protocol: '*', sourcePortRange: '*', destinationPortRange: '*', sourceAddressPrefix: '*', destinationAddressPrefix: '*', access: Deny, priority: 4096, direction: Inbound}
  - type: Microsoft.Network/virtualNetworks
    apiVersion: '2023-09-01'
    name: vnet
    location: westeurope
    properties:
      addressSpace: {addressPrefixes: [10.0.0.0/16]}
      subnets:
        - name: apim
          properties:
            addressPrefix: 10.0.1.0/27
            networkSecurityGroup: {id: "[resourceId('Microsoft.Network/networkSecurityGroups', 'apim-nsg')]"}
  - type: Microsoft.ApiManagement/service
    apiVersion: '2023-05-01-preview'
    name: apim-contoso
    location: westeurope
    sku: {name: Premium, capacity: 1}
    properties:
      publisherEmail: a@b.c
      publisherName: c
      virtualNetworkType: Internal
      virtualNetworkConfiguration: {subnetResourceId: "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', 'apim')]"}
  - {type: Microsoft.Network/privateDnsZones, apiVersion: '2020-06-01', name: azure-api.net, location: global}
`,
      findings: [
        { messageId: 'defaultOnly', line: 6 },
        { messageId: 'blocked', line: 12, column: 17, mentions: ['6390', 'DenyAll', '4096'] },
        { messageId: 'optionalBlocked', line: 12, mentions: ['6391', '4290'] },
      ],
      outputContains: ['- name: AllowStorageOutbound'],
    },
  ],
});
