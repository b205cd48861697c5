import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { applyEdits } from '../../../server/src/core/index';
import { analyze, render, ruleTester } from '../../helpers/ruleTester';
import { apim, nsg, requiredRules, template, vnet } from '../../helpers/templates';
import { bareVnet, childSubnet, fullNsg, multiRegionApim, nested, privateDnsZone, subnetId, v2Nsg } from '../../helpers/templates-part1';

const noNsg = (opts: { mode?: 'External' | 'Internal'; sku?: string; extra?: object[] } = {}) =>
  template([
    ...(opts.extra ?? []) as Record<string, unknown>[],
    vnet('vnet', '10.0.0.0/16', [{ name: 'apim', prefix: '10.0.1.0/27' }]),
    apim({ type: opts.mode ?? 'External', sku: opts.sku ?? 'Premium' }),
    ...(opts.mode === 'Internal' ? [privateDnsZone] : []),
  ]);

const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';

ruleTester('nsg-missing', {
  valid: [
    { name: 'the APIM subnet has its NSG', template: template([fullNsg('apim-nsg'), vnet('vnet', '10.0.0.0/16', [{ name: 'apim', prefix: '10.0.1.0/27', nsg: 'apim-nsg' }]), apim()]) },
    {
      name: 'NSG id from a parameter without default (unknown, may be set): no finding',
      template: template(
        [vnet('vnet', '10.0.0.0/16', [{ name: 'apim', prefix: '10.0.1.0/27', extra: { networkSecurityGroup: { id: "[parameters('nsgId')]" } } }]), apim()],
        { parameters: { nsgId: { type: 'string' } } },
      ),
    },
    {
      name: 'NSG deployed elsewhere (an id in another resource group)',
      template: template([
        vnet('vnet', '10.0.0.0/16', [{ name: 'apim', prefix: '10.0.1.0/27', extra: { networkSecurityGroup: { id: "[resourceId('shared-rg', 'Microsoft.Network/networkSecurityGroups', 'shared-nsg')]" } } }]),
        apim(),
      ]),
    },
    {
      name: 'subnet id from a reference() output: the subnet is not known',
      template: template([
        vnet('vnet', '10.0.0.0/16', [{ name: 'apim', prefix: '10.0.1.0/27' }]),
        apim({ properties: { virtualNetworkConfiguration: { subnetResourceId: "[reference('network').outputs.subnetId.value]" } } }),
      ]),
    },
    {
      name: 'virtualNetworkType from a parameter without default',
      template: template([vnet('vnet', '10.0.0.0/16', [{ name: 'apim', prefix: '10.0.1.0/27' }]), apim({ properties: { virtualNetworkType: "[parameters('vnetType')]" } })], {
        parameters: { vnetType: { type: 'string' } },
      }),
    },
    { name: 'virtualNetworkType None: no subnet used', template: template([vnet('vnet', '10.0.0.0/16', [{ name: 'apim', prefix: '10.0.1.0/27' }]), apim({ type: 'None' })]) },
    {
      name: 'a delegated subnet without NSG that APIM does not use',
      template: template([
        fullNsg('apim-nsg'),
        vnet('vnet', '10.0.0.0/16', [
          { name: 'apim', prefix: '10.0.1.0/27', nsg: 'apim-nsg' },
          { name: 'apps', prefix: '10.0.2.0/24', delegation: 'Microsoft.Web/serverFarms' },
        ]),
        apim(),
      ]),
    },
    { name: 'subnets without NSG in a file without APIM', template: template([vnet('vnet', '10.0.0.0/16', [{ name: 'a', prefix: '10.0.1.0/24' }, { name: 'b', prefix: '10.0.2.0/24' }])]) },
    {
      name: 'a child subnet resource written before its VNet associates the NSG: it is deployed after the VNet, whose inline declaration has none',
      template: template([fullNsg('apim-nsg'), childSubnet('vnet', { name: 'apim', prefix: '10.0.1.0/27', nsg: 'apim-nsg' }), vnet('vnet', '10.0.0.0/16', [{ name: 'apim', prefix: '10.0.1.0/27' }]), apim()]),
    },
    {
      name: 'the same with an unknown condition on the child subnet: the association may be made, no finding rests on it',
      template: template(
        [fullNsg('apim-nsg'), { ...childSubnet('vnet', { name: 'apim', prefix: '10.0.1.0/27', nsg: 'apim-nsg' }), condition: "[parameters('associate')]" }, vnet('vnet', '10.0.0.0/16', [{ name: 'apim', prefix: '10.0.1.0/27' }]), apim()],
        { parameters: { associate: { type: 'bool' } } },
      ),
    },
    {
      name: 'child-resource subnet with its NSG',
      template: template([fullNsg('apim-nsg'), bareVnet('vnet', '10.0.0.0/16'), childSubnet('vnet', { name: 'apim', prefix: '10.0.1.0/27', nsg: 'apim-nsg' }), apim()]),
    },
    {
      name: 'nested deployment (inner scope) with the NSG associated through inner parameters',
      template: template([
        nested(
          [
            fullNsg('apim-nsg'),
            {
              type: 'Microsoft.Network/virtualNetworks', apiVersion: '2023-09-01', name: "[parameters('vnetName')]", location: 'westeurope',
              properties: { addressSpace: { addressPrefixes: ['10.0.0.0/16'] }, subnets: [{ name: 'apim', properties: { addressPrefix: '10.0.1.0/27', networkSecurityGroup: { id: "[resourceId('Microsoft.Network/networkSecurityGroups', 'apim-nsg')]" } } }] },
            },
            apim({ properties: { virtualNetworkConfiguration: { subnetResourceId: "[resourceId('Microsoft.Network/virtualNetworks/subnets', parameters('vnetName'), 'apim')]" } } }),
          ],
          { parameters: { vnetName: 'string' }, values: { vnetName: 'vnet-inner' } },
        ),
      ]),
    },
    {
      name: 'copy loop of VNets, each APIM subnet with an NSG',
      template: template([
        fullNsg('apim-nsg'),
        {
          type: 'Microsoft.Network/virtualNetworks', apiVersion: '2023-09-01', name: "[format('vnet-{0}', copyIndex())]", location: 'westeurope',
          copy: { name: 'vnets', count: 2 },
          properties: { addressSpace: { addressPrefixes: ['10.0.0.0/16'] }, subnets: [{ name: 'apim', properties: { addressPrefix: '10.0.1.0/27', networkSecurityGroup: { id: "[resourceId('Microsoft.Network/networkSecurityGroups', 'apim-nsg')]" } } }] },
        },
        apim({ vnet: 'vnet-1' }),
      ]),
    },
    {
      name: 'multi-region: every region has its own subnet and NSG',
      template: template([
        fullNsg('apim-nsg'),
        fullNsg('apim-nsg-eus', 'External', 'eastus'),
        vnet('vnet', '10.0.0.0/16', [{ name: 'apim', prefix: '10.0.1.0/27', nsg: 'apim-nsg' }]),
        vnet('vnet-eus', '10.1.0.0/16', [{ name: 'apim-eus', prefix: '10.1.1.0/27', nsg: 'apim-nsg-eus' }], 'eastus'),
        multiRegionApim({}, [{ location: 'eastus', vnet: 'vnet-eus', subnet: 'apim-eus' }]),
      ]),
    },
    {
      name: 'multi-region: the additional region subnet is deployed elsewhere',
      template: template([
        fullNsg('apim-nsg'),
        vnet('vnet', '10.0.0.0/16', [{ name: 'apim', prefix: '10.0.1.0/27', nsg: 'apim-nsg' }]),
        multiRegionApim({}, [{ location: 'eastus', vnet: 'vnet-eus', subnet: 'apim-eus' }]),
      ]),
    },
    {
      name: 'StandardV2 integration with an NSG',
      template: template([
        v2Nsg('int-nsg'),
        vnet('vnet', '10.0.0.0/16', [{ name: 'apim', prefix: '10.0.1.0/27', nsg: 'int-nsg', delegation: 'Microsoft.Web/serverFarms' }]),
        apim({ sku: 'StandardV2' }),
      ]),
    },
  ],
  invalid: [
    {
      name: 'Premium External, no NSG: create one with the required rules',
      template: noNsg(),
      findings: [{ messageId: 'missing', at: 'apim', severity: 'error', mentions: ["'apim'", "'apim-contoso'", 'Premium, External mode', 'load balancer'], fixes: 1 }],
      outputContains: ['apim-nsg', 'AllowApiManagementInbound', 'AllowClientHttpsInbound', 'AllowAzureLoadBalancerInbound', 'AllowStorageOutbound'],
    },
    {
      name: 'an instance whose condition is unknown is still judged: if it is deployed, its subnet needs an NSG',
      template: template([vnet('vnet', '10.0.0.0/16', [{ name: 'apim', prefix: '10.0.1.0/27' }]), { ...apim(), condition: "[parameters('withApim')]" }], { parameters: { withApim: { type: 'bool' } } }),
      findings: [{ messageId: 'missing', at: 'apim', fixes: 1 }],
    },
    {
      name: 'Developer Internal, no NSG: no 6390 rule in the created NSG',
      template: noNsg({ mode: 'Internal', sku: 'Developer' }),
      findings: [{ messageId: 'missing', at: 'apim', mentions: ['Developer, Internal mode'], fixes: 1 }],
      outputContains: ['AllowApiManagementInbound', 'AllowSqlOutbound'],
    },
    {
      name: 'an unattached NSG with the required rules is offered first, then a new one',
      template: noNsg({ extra: [fullNsg('shared-nsg')] }),
      findings: [{ messageId: 'missing', at: 'apim', fixes: 2 }],
      outputContains: ["[resourceId('Microsoft.Network/networkSecurityGroups', 'shared-nsg')]"],
    },
    {
      name: 'networkSecurityGroup written as null: the fix replaces it (no duplicate key)',
      template: template([vnet('vnet', '10.0.0.0/16', [{ name: 'apim', prefix: '10.0.1.0/27', extra: { networkSecurityGroup: null } }]), apim()]),
      findings: [{ messageId: 'missing', at: 'apim', fixes: 1 }],
      outputContains: ["'apim-nsg')]"],
    },
    {
      name: 'networkSecurityGroup written as {}: the fix fills in the id',
      template: template([vnet('vnet', '10.0.0.0/16', [{ name: 'apim', prefix: '10.0.1.0/27', extra: { networkSecurityGroup: {} } }]), apim()]),
      findings: [{ messageId: 'missing', at: 'apim', fixes: 1 }],
      outputContains: ["'apim-nsg')]"],
    },
    {
      name: 'networkSecurityGroup.id written as null',
      template: template([vnet('vnet', '10.0.0.0/16', [{ name: 'apim', prefix: '10.0.1.0/27', extra: { networkSecurityGroup: { id: null } } }]), apim()]),
      findings: [{ messageId: 'missing', at: 'apim', fixes: 1 }],
      outputContains: ["'apim-nsg')]"],
    },
    // Where an association cannot be written safely there is no fix (an unattached NSG exists each
    // time, so the association would otherwise be offered).
    {
      name: 'subnet properties from a variable: no fix (a second properties key would drop the prefix)',
      template: template(
        [fullNsg('shared-nsg'), { ...vnet('vnet', '10.0.0.0/16', []), properties: { addressSpace: { addressPrefixes: ['10.0.0.0/16'] }, subnets: [{ name: 'apim', properties: "[variables('apimSubnet')]" }] } }, apim()],
        { variables: { apimSubnet: { addressPrefix: '10.0.1.0/27' } } },
      ),
      findings: [{ messageId: 'missing', at: 'apim', fixes: 0 }],
    },
    {
      name: 'subnets generated by a property copy loop: no fix (the input stands for every subnet)',
      template: template(
        [
          fullNsg('shared-nsg'),
          {
            ...vnet('vnet', '10.0.0.0/16', []),
            properties: {
              addressSpace: { addressPrefixes: ['10.0.0.0/16'] },
              copy: [{ name: 'subnets', count: "[length(parameters('subnets'))]", input: { name: "[parameters('subnets')[copyIndex('subnets')].name]", properties: { addressPrefix: "[parameters('subnets')[copyIndex('subnets')].prefix]" } } }],
            },
          },
          apim(),
        ],
        { parameters: { subnets: { type: 'array', defaultValue: [{ name: 'apim', prefix: '10.0.1.0/27' }, { name: 'apps', prefix: '10.0.2.0/24' }] } } },
      ),
      findings: [{ messageId: 'missing', at: "[parameters('subnets')[copyIndex('subnets')].name]", fixes: 0 }],
    },
    {
      name: 'a child subnet of a resource copy loop: no fix',
      template: template(
        [fullNsg('shared-nsg'), bareVnet('vnet', '10.0.0.0/16'), { ...childSubnet('vnet', { name: 'x', prefix: '10.0.1.0/27' }), name: "[format('vnet/{0}', parameters('names')[copyIndex()])]", copy: { name: 'subnets', count: 1 } }, apim()],
        { parameters: { names: { type: 'array', defaultValue: ['apim'] } } },
      ),
      findings: [{ messageId: 'missing', at: "[format('vnet/{0}', parameters('names')[copyIndex()])]", fixes: 0 }],
    },
    {
      name: 'networkSecurityGroup from an expression that gives null: no fix (the condition is the user\'s)',
      template: template(
        [fullNsg('shared-nsg'), vnet('vnet', '10.0.0.0/16', [{ name: 'apim', prefix: '10.0.1.0/27', extra: { networkSecurityGroup: "[if(parameters('withNsg'), createObject('id', resourceId('Microsoft.Network/networkSecurityGroups', 'shared-nsg')), null())]" } }]), apim()],
        { parameters: { withNsg: { type: 'bool', defaultValue: false } } },
      ),
      findings: [{ messageId: 'missing', at: 'apim', fixes: 0 }],
    },
    {
      name: 'networkSecurityGroup.id from an expression that gives null: no fix',
      template: template(
        [fullNsg('shared-nsg'), vnet('vnet', '10.0.0.0/16', [{ name: 'apim', prefix: '10.0.1.0/27', extra: { networkSecurityGroup: { id: "[if(parameters('withNsg'), resourceId('Microsoft.Network/networkSecurityGroups', 'shared-nsg'), null())]" } } }]), apim()],
        { parameters: { withNsg: { type: 'bool', defaultValue: false } } },
      ),
      findings: [{ messageId: 'missing', at: 'apim', fixes: 0 }],
    },
    {
      name: 'StandardV2 outbound integration without NSG',
      template: template([vnet('vnet', '10.0.0.0/16', [{ name: 'apim', prefix: '10.0.1.0/27', delegation: 'Microsoft.Web/serverFarms' }]), apim({ sku: 'StandardV2' })]),
      findings: [{ messageId: 'missing', at: 'apim', mentions: ['StandardV2, outbound VNet integration', 'outbound VNet integration requires an NSG'] }],
      outputContains: ['apim-nsg', 'networkSecurityGroup'],
    },
    {
      name: 'the tier is a parameter without a value: the reason names no model',
      template: template([vnet('vnet', '10.0.0.0/16', [{ name: 'apim', prefix: '10.0.1.0/27' }]), apim({ sku: "[parameters('sku')]" })], { parameters: { sku: { type: 'string' } } }),
      findings: [{ messageId: 'missing', at: 'apim', mentions: ['requires an NSG on the subnet it uses, in every networking model'], fixes: 0 }],
    },
    {
      name: 'PremiumV2 injection (Internal) without NSG: the created NSG allows Storage 443',
      template: template([vnet('vnet', '10.0.0.0/16', [{ name: 'apim', prefix: '10.0.1.0/24', delegation: 'Microsoft.Web/hostingEnvironments' }]), apim({ sku: 'PremiumV2', type: 'Internal' }), privateDnsZone]),
      findings: [{ messageId: 'missing', at: 'apim', mentions: ['PremiumV2, VNet injection', 'Premium v2 VNet injection requires an NSG on the subnet, with outbound Storage 443 allowed'] }],
      outputContains: ['AllowStorageOutbound'],
    },
    {
      name: 'child-resource subnet without NSG',
      template: template([bareVnet('vnet', '10.0.0.0/16'), childSubnet('vnet', { name: 'apim', prefix: '10.0.1.0/27' }), apim()]),
      findings: [{ messageId: 'missing', at: 'vnet/apim', mentions: ["'apim'"], fixes: 1 }],
      // A child subnet has no location: the new NSG takes the VNet's.
      outputContains: ['"networkSecurityGroup"', '"name": "apim-nsg",\n      "location": "westeurope"'],
      only: 'json',
    },
    {
      name: 'child-resource subnet without NSG (YAML)',
      template: template([bareVnet('vnet', '10.0.0.0/16'), childSubnet('vnet', { name: 'apim', prefix: '10.0.1.0/27' }), apim()]),
      findings: [{ messageId: 'missing', at: 'vnet/apim', fixes: 1 }],
      outputContains: ['networkSecurityGroup:', 'apim-nsg'],
      only: 'yaml',
    },
    {
      name: 'nested deployment (inner scope): the subnet named by an inner parameter has no NSG',
      template: template([
        nested(
          [
            {
              type: 'Microsoft.Network/virtualNetworks', apiVersion: '2023-09-01', name: "[parameters('vnetName')]", location: 'westeurope',
              properties: { addressSpace: { addressPrefixes: ['10.0.0.0/16'] }, subnets: [{ name: "[parameters('subnetName')]", properties: { addressPrefix: '10.0.1.0/27' } }] },
            },
            apim({ properties: { virtualNetworkConfiguration: { subnetResourceId: "[resourceId('Microsoft.Network/virtualNetworks/subnets', parameters('vnetName'), parameters('subnetName'))]" } } }),
          ],
          { parameters: { vnetName: 'string', subnetName: 'string' }, values: { vnetName: 'vnet-inner', subnetName: 'gw' } },
        ),
      ]),
      findings: [{ messageId: 'missing', at: "[parameters('subnetName')]", mentions: ["'gw'"], fixes: 1 }],
      outputContains: ['gw-nsg'],
    },
    {
      name: 'multi-region: the additional region subnet has no NSG',
      template: template([
        fullNsg('apim-nsg'),
        vnet('vnet', '10.0.0.0/16', [{ name: 'apim', prefix: '10.0.1.0/27', nsg: 'apim-nsg' }]),
        vnet('vnet-eus', '10.1.0.0/16', [{ name: 'apim-eus', prefix: '10.1.1.0/27' }], 'eastus'),
        multiRegionApim({}, [{ location: 'eastus', vnet: 'vnet-eus', subnet: 'apim-eus' }]),
      ]),
      findings: [{ messageId: 'missing', at: 'apim-eus', mentions: ["'apim-eus'", "'apim-contoso' in eastus"], fixes: 1 }],
      outputContains: ['apim-eus-nsg', 'eastus'],
    },
    {
      name: 'multi-region: the subnet of East US has no NSG, the only NSG is in West Europe and has the name the new one would: the new one is named for its region',
      template: template([
        fullNsg('apim-nsg'),
        vnet('vnet', '10.0.0.0/16', [{ name: 'apim', prefix: '10.0.1.0/27', nsg: 'apim-nsg' }]),
        vnet('vnet-eus', '10.1.0.0/16', [{ name: 'apim', prefix: '10.1.1.0/27' }], 'eastus'),
        multiRegionApim({}, [{ location: 'eastus', vnet: 'vnet-eus', subnet: 'apim' }]),
      ]),
      findings: [{ messageId: 'missing', at: 'apim', occurrence: 2, mentions: ["'apim-contoso' in eastus"], fixes: 1 }],
      outputContains: ['apim-nsg-eastus', "'apim-nsg-eastus')]"],
    },
    {
      name: 'multi-region (JSON): the created NSG is in East US, with the Traffic Manager rule multi-region External needs',
      only: 'json',
      template: template([
        fullNsg('apim-nsg'),
        vnet('vnet', '10.0.0.0/16', [{ name: 'apim', prefix: '10.0.1.0/27', nsg: 'apim-nsg' }]),
        vnet('vnet-eus', '10.1.0.0/16', [{ name: 'apim', prefix: '10.1.1.0/27' }], 'eastus'),
        multiRegionApim({}, [{ location: 'eastus', vnet: 'vnet-eus', subnet: 'apim' }]),
      ]),
      findings: [{ messageId: 'missing', at: 'apim', occurrence: 2, fixes: 1 }],
      outputContains: ['"name": "apim-nsg-eastus",\n      "location": "eastus",', 'AllowTrafficManagerInbound'],
    },
    {
      name: 'multi-region: the NSG of the primary region (West Europe) is not offered for the East US subnet',
      template: template([
        fullNsg('apim-nsg'),
        fullNsg('spare-nsg'),
        fullNsg('spare-nsg-eus', 'External', 'eastus'),
        vnet('vnet', '10.0.0.0/16', [{ name: 'apim', prefix: '10.0.1.0/27', nsg: 'apim-nsg' }]),
        vnet('vnet-eus', '10.1.0.0/16', [{ name: 'apim-eus', prefix: '10.1.1.0/27' }], 'eastus'),
        multiRegionApim({}, [{ location: 'eastus', vnet: 'vnet-eus', subnet: 'apim-eus' }]),
      ]),
      findings: [{ messageId: 'missing', at: 'apim-eus', fixes: 2 }],
      outputContains: ["'spare-nsg-eus')]"],
    },
    {
      name: 'multi-region: both regions lack an NSG, one finding each',
      template: template([
        vnet('vnet', '10.0.0.0/16', [{ name: 'apim', prefix: '10.0.1.0/27' }]),
        vnet('vnet-eus', '10.1.0.0/16', [{ name: 'apim-eus', prefix: '10.1.1.0/27' }], 'eastus'),
        multiRegionApim({}, [{ location: 'eastus', vnet: 'vnet-eus', subnet: 'apim-eus' }]),
      ]),
      findings: [
        { messageId: 'missing', at: 'apim', mentions: ["'apim-contoso' (Premium"] },
        { messageId: 'missing', at: 'apim-eus', mentions: ["'apim-contoso' in eastus"] },
      ],
    },
    {
      name: 'JSONC text with comments and a trailing comma',
      format: 'json',
      template: `{
  // APIM in a VNet, but the subnet has no NSG
  "$schema": "${SCHEMA}",
  "contentVersion": "1.0.0.0",
  "resources": [
    {
      "type": "Microsoft.Network/virtualNetworks",
      "apiVersion": "2023-09-01",
      "name": "vnet",
      "location": "westeurope",
      "properties": {
        "addressSpace": { "addressPrefixes": ["10.0.0.0/16"] },
        "subnets": [
          { "name": "gateway", "properties": { "addressPrefix": "10.0.1.0/27", }, }, // no NSG here
        ],
      },
    },
    {
      "type": "Microsoft.ApiManagement/service",
      "apiVersion": "2023-05-01-preview",
      "name": "apim-contoso",
      "location": "westeurope",
      "sku": { "name": "Developer", "capacity": 1 },
      "properties": {
        "publisherEmail": "a@b.c",
        "publisherName": "c",
        "virtualNetworkType": "External",
        "virtualNetworkConfiguration": { "subnetResourceId": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', 'gateway')]" },
      },
    },
  ],
}
`,
      findings: [{ messageId: 'missing', line: 14, column: 21, mentions: ["'gateway'", 'Developer, External mode'] }],
      outputContains: ['gateway-nsg'],
    },
    {
      name: 'YAML text: child subnet without NSG',
      format: 'yaml',
      template: `$schema: ${SCHEMA}
contentVersion: 1.0.0.0
resources:
  - type: Microsoft.Network/virtualNetworks
    apiVersion: '2023-09-01'
    name: vnet
    location: westeurope
    properties:
      addressSpace: {addressPrefixes: [10.0.0.0/16]}
  - type: Microsoft.Network/virtualNetworks/subnets
    apiVersion: '2023-09-01'
    name: vnet/apim
    dependsOn: ["[resourceId('Microsoft.Network/virtualNetworks', 'vnet')]"]
    properties:
      addressPrefix: 10.0.1.0/27
  - type: Microsoft.ApiManagement/service
    apiVersion: '2023-05-01-preview'
    name: apim-contoso
    location: westeurope
    sku: {name: Premium, capacity: 1}
    properties:
      publisherEmail: a@b.c
      publisherName: c
      virtualNetworkType: External
      virtualNetworkConfiguration:
        subnetResourceId: "${subnetId('vnet', 'apim')}"
`,
      findings: [{ messageId: 'missing', line: 12, column: 11, mentions: ["'apim'"], fixes: 1 }],
      outputContains: ['name: apim-nsg'],
    },
  ],
});

void nsg;
void requiredRules;

describe('nsg-missing fix on an existing networkSecurityGroup property', () => {
  for (const nsgValue of [null, {}, { id: null }]) {
    for (const format of ['json', 'yaml'] as const) {
      it(`writes one networkSecurityGroup key (${JSON.stringify(nsgValue)}, ${format})`, () => {
        const text = render(template([vnet('vnet', '10.0.0.0/16', [{ name: 'apim', prefix: '10.0.1.0/27', extra: { networkSecurityGroup: nsgValue } }]), apim()]), format);
        const f = analyze(text, format).findings.find((x) => x.ruleId === 'nsg-missing');
        assert.ok(f?.fixes?.[0]);
        const after = applyEdits(text, f.fixes[0].edits);
        assert.equal(after.match(/networkSecurityGroup"?:/g)?.length, 1, after);
        assert.equal(after.match(/"?id"?: "\[resourceId\('Microsoft.Network\/networkSecurityGroups', 'apim-nsg'\)\]"/g)?.length, 1, after);
      });
    }
  }
});
