import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { applyEdits } from '../../../server/src/core/index';
import { analyze, render, ruleTester } from '../../helpers/ruleTester';
import { apim, injected, template, vnet, type ApimSpec, type SubnetSpec } from '../../helpers/templates';
import { bareVnet, childSubnet, fullNsg, multiRegionApim, nested, privateDnsZone, privateEndpoint, v2Nsg } from '../../helpers/templates-part1';

const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
const SERVER_FARMS = 'Microsoft.Web/serverFarms';
const HOSTING = 'Microsoft.Web/hostingEnvironments';

/** An instance in subnet `apim` (NSG attached), with an optional delegation. */
function net(spec: ApimSpec, delegation?: string, more: SubnetSpec[] = []) {
  const v2 = (spec.sku ?? 'Premium').endsWith('V2');
  return template([
    v2 ? v2Nsg('apim-nsg') : fullNsg('apim-nsg', spec.type === 'Internal' ? 'Internal' : 'External'),
    vnet('vnet', '10.0.0.0/16', [{ name: 'apim', prefix: '10.0.1.0/24', nsg: 'apim-nsg', ...(delegation ? { delegation } : {}) }, ...more]),
    apim(spec),
    ...(spec.type === 'Internal' ? [privateDnsZone] : []),
  ]);
}
/** A Standard instance (no VNet) with a private endpoint in `pe` subnet. */
function withPe(delegation?: string, target = 'apim-contoso') {
  return template([
    vnet('vnet', '10.0.0.0/16', [{ name: 'pe', prefix: '10.0.2.0/24', ...(delegation ? { delegation } : {}) }]),
    apim({ sku: 'Standard', type: 'None' }),
    privateEndpoint('apim-pe', 'vnet', 'pe', target),
  ]);
}

ruleTester('subnet-delegation', {
  valid: [
    { name: 'classic injection in an undelegated subnet', template: injected() },
    { name: 'StandardV2 integration delegated to Microsoft.Web/serverFarms', template: net({ sku: 'StandardV2' }, SERVER_FARMS) },
    { name: 'PremiumV2 integration (External) delegated to serverFarms', template: net({ sku: 'PremiumV2' }, SERVER_FARMS) },
    { name: 'PremiumV2 injection (Internal) delegated to Microsoft.Web/hostingEnvironments', template: net({ sku: 'PremiumV2', type: 'Internal' }, HOSTING) },
    { name: 'delegation names compare case-insensitively', template: net({ sku: 'StandardV2' }, 'microsoft.web/serverfarms') },
    { name: 'a delegated subnet that APIM does not use, next to a classic APIM subnet', template: net({}, undefined, [{ name: 'apps', prefix: '10.0.2.0/24', delegation: SERVER_FARMS }]) },
    {
      name: 'a delegation from a parameter without default is unknown',
      template: template([fullNsg('apim-nsg'), vnet('vnet', '10.0.0.0/16', [{ name: 'apim', prefix: '10.0.1.0/24', nsg: 'apim-nsg', delegation: "[parameters('delegation')]" }]), apim()], { parameters: { delegation: { type: 'string' } } }),
    },
    {
      name: 'the subnet id is a reference() output',
      template: template([vnet('vnet', '10.0.0.0/16', [{ name: 'apim', prefix: '10.0.1.0/24', delegation: SERVER_FARMS }]), apim({ properties: { virtualNetworkConfiguration: { subnetResourceId: "[reference('net').outputs.subnetId.value]" } } })]),
    },
    { name: 'the sku from a parameter without default', template: template([vnet('vnet', '10.0.0.0/16', [{ name: 'apim', prefix: '10.0.1.0/24' }]), { ...apim(), sku: { name: "[parameters('sku')]", capacity: 1 } }], { parameters: { sku: { type: 'string' } } }) },
    { name: 'a private endpoint to APIM in an undelegated subnet', template: withPe() },
    {
      name: 'a private endpoint to something else in a delegated subnet is not judged',
      template: template([
        vnet('vnet', '10.0.0.0/16', [{ name: 'pe', prefix: '10.0.2.0/24', delegation: SERVER_FARMS }]),
        { ...privateEndpoint('st-pe', 'vnet', 'pe'), properties: { subnet: { id: "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', 'pe')]" }, privateLinkServiceConnections: [{ name: 'st', properties: { privateLinkServiceId: "[resourceId('Microsoft.Storage/storageAccounts', 'st')]", groupIds: ['blob'] } }] } },
      ]),
    },
    { name: 'delegated subnets in a file without APIM', template: template([vnet('vnet', '10.0.0.0/16', [{ name: 'a', prefix: '10.0.1.0/24', delegation: HOSTING }])]) },
    { name: 'child-resource subnet with the right delegation', template: template([v2Nsg('apim-nsg'), bareVnet('vnet', '10.0.0.0/16'), childSubnet('vnet', { name: 'apim', prefix: '10.0.1.0/27', nsg: 'apim-nsg', delegation: SERVER_FARMS }), apim({ sku: 'StandardV2' })]) },
    {
      name: 'nested deployment (inner scope): the delegation comes from an inner parameter',
      template: template([nested([v2Nsg('apim-nsg'), vnet('vnet', '10.0.0.0/16', [{ name: 'apim', prefix: '10.0.1.0/24', nsg: 'apim-nsg', delegation: "[parameters('svc')]" }]), apim({ sku: 'StandardV2' })], { parameters: { svc: 'string' }, values: { svc: SERVER_FARMS } })]),
    },
    {
      name: 'copy loop of delegated subnets, APIM uses an undelegated one',
      template: template([
        fullNsg('apim-nsg'),
        vnet('vnet', '10.0.0.0/16', [{ name: 'apim', prefix: '10.0.1.0/24', nsg: 'apim-nsg' }]),
        { ...childSubnet('vnet', { name: 'x', prefix: '', delegation: SERVER_FARMS }), name: "[format('vnet/apps{0}', copyIndex())]", copy: { name: 'apps', count: 2 }, properties: { addressPrefix: "[format('10.0.{0}.0/24', add(10, copyIndex()))]", delegations: [{ name: 'd', properties: { serviceName: SERVER_FARMS } }] } },
        apim(),
      ]),
    },
  ],
  invalid: [
    {
      name: 'classic Premium in a subnet delegated to serverFarms',
      template: net({}, SERVER_FARMS),
      findings: [{ messageId: 'classicDelegated', at: SERVER_FARMS, severity: 'error', mentions: ["'apim'", SERVER_FARMS, "'apim-contoso'", 'without delegation'], fixes: 0 }],
    },
    {
      name: 'StandardV2 integration without delegation: add Microsoft.Web/serverFarms',
      template: net({ sku: 'StandardV2' }),
      findings: [{ messageId: 'missing', at: 'apim', mentions: ["'apim'", SERVER_FARMS, "'apim-contoso'", 'StandardV2 outbound VNet integration'], fixes: 1 }],
      outputContains: ['delegations', SERVER_FARMS],
    },
    {
      name: 'PremiumV2 injection without delegation: add Microsoft.Web/hostingEnvironments',
      template: net({ sku: 'PremiumV2', type: 'Internal' }),
      findings: [{ messageId: 'missing', at: 'apim', mentions: [HOSTING, 'PremiumV2 VNet injection'], fixes: 1 }],
      outputContains: [HOSTING],
    },
    {
      name: 'StandardV2 with an empty delegations array: the fix fills the array (no duplicate key)',
      template: template([v2Nsg('apim-nsg'), vnet('vnet', '10.0.0.0/16', [{ name: 'apim', prefix: '10.0.1.0/24', nsg: 'apim-nsg', extra: { delegations: [] } }]), apim({ sku: 'StandardV2' })]),
      findings: [{ messageId: 'missing', at: 'apim', fixes: 1 }],
      outputContains: [SERVER_FARMS],
    },
    {
      name: 'PremiumV2 injection delegated to serverFarms (the integration delegation)',
      template: net({ sku: 'PremiumV2', type: 'Internal' }, SERVER_FARMS),
      findings: [{ messageId: 'wrong', at: SERVER_FARMS, mentions: [SERVER_FARMS, HOSTING, 'PremiumV2 VNet injection'] }],
    },
    {
      name: 'StandardV2 integration delegated to hostingEnvironments',
      template: net({ sku: 'StandardV2' }, HOSTING),
      findings: [{ messageId: 'wrong', at: HOSTING, mentions: [HOSTING, SERVER_FARMS] }],
    },
    {
      name: 'a private endpoint to APIM in a delegated subnet',
      template: withPe(SERVER_FARMS),
      findings: [{ messageId: 'peDelegated', at: SERVER_FARMS, mentions: ["'pe'", "'apim-pe'", SERVER_FARMS, 'must not be delegated'] }],
    },
    {
      name: 'child-resource subnet: StandardV2 without delegation',
      template: template([v2Nsg('apim-nsg'), bareVnet('vnet', '10.0.0.0/16'), childSubnet('vnet', { name: 'apim', prefix: '10.0.1.0/27', nsg: 'apim-nsg' }), apim({ sku: 'StandardV2' })]),
      findings: [{ messageId: 'missing', at: 'vnet/apim', fixes: 1 }],
      outputContains: [SERVER_FARMS],
    },
    {
      name: 'nested deployment (inner scope): classic instance, subnet delegated through an inner parameter',
      template: template([nested([fullNsg('apim-nsg'), vnet('vnet', '10.0.0.0/16', [{ name: 'apim', prefix: '10.0.1.0/24', nsg: 'apim-nsg', delegation: "[parameters('svc')]" }]), apim()], { parameters: { svc: 'string' }, values: { svc: HOSTING } })]),
      findings: [{ messageId: 'classicDelegated', at: "[parameters('svc')]", mentions: [HOSTING] }],
    },
    {
      name: 'multi-region: the additional region subnet is delegated',
      template: template([
        fullNsg('apim-nsg'), fullNsg('apim-nsg-eus', 'External', 'eastus'),
        vnet('vnet', '10.0.0.0/16', [{ name: 'apim', prefix: '10.0.1.0/27', nsg: 'apim-nsg' }]),
        vnet('vnet-eus', '10.1.0.0/16', [{ name: 'apim-eus', prefix: '10.1.1.0/27', nsg: 'apim-nsg-eus', delegation: SERVER_FARMS }], 'eastus'),
        multiRegionApim({}, [{ location: 'eastus', vnet: 'vnet-eus', subnet: 'apim-eus' }]),
      ]),
      findings: [{ messageId: 'classicDelegated', at: SERVER_FARMS, mentions: ["'apim-eus'", "'apim-contoso' in eastus"] }],
    },
    {
      name: 'JSONC text: comments and trailing commas',
      format: 'json',
      template: `{
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
          {
            "name": "integration", // outbound integration subnet
            "properties": {
              "addressPrefix": "10.0.1.0/27",
              "networkSecurityGroup": { "id": "[resourceId('Microsoft.Network/networkSecurityGroups', 'nsg')]", },
            },
          },
        ],
      },
    },
    {
      "type": "Microsoft.ApiManagement/service",
      "apiVersion": "2024-05-01",
      "name": "apim-v2",
      "location": "westeurope",
      "sku": { "name": "StandardV2", "capacity": 1 },
      "properties": {
        "publisherEmail": "a@b.c",
        "publisherName": "c",
        "virtualNetworkType": "External",
        "virtualNetworkConfiguration": { "subnetResourceId": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', 'integration')]" },
      },
    },
  ],
}
`,
      findings: [{ messageId: 'missing', line: 14, column: 21, mentions: ["'integration'", SERVER_FARMS, "'apim-v2'"] }],
      outputContains: ['"serviceName": "Microsoft.Web/serverFarms"'],
    },
    {
      name: 'YAML text: a private endpoint subnet delegated',
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
      subnets:
        - name: pe
          properties:
            addressPrefix: 10.0.2.0/24
            delegations:
              - name: d
                properties: {serviceName: Microsoft.Web/serverFarms}
  - type: Microsoft.ApiManagement/service
    apiVersion: '2023-05-01-preview'
    name: apim-contoso
    location: westeurope
    sku: {name: Premium, capacity: 1}
    properties: {publisherEmail: a@b.c, publisherName: c}
  - type: Microsoft.Network/privateEndpoints
    apiVersion: '2023-09-01'
    name: apim-pe
    location: westeurope
    properties:
      subnet: {id: "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', 'pe')]"}
      privateLinkServiceConnections:
        - name: apim
          properties:
            privateLinkServiceId: "[resourceId('Microsoft.ApiManagement/service', 'apim-contoso')]"
            groupIds: [Gateway]
`,
      findings: [{ messageId: 'peDelegated', line: 16, column: 43, mentions: ["'apim-pe'"] }],
    },
  ],
});

describe('subnet-delegation fix on an existing empty delegations array', () => {
  for (const format of ['json', 'yaml'] as const) {
    it(`appends to the array, no second key (${format})`, () => {
      const text = render(template([v2Nsg('apim-nsg'), vnet('vnet', '10.0.0.0/16', [{ name: 'apim', prefix: '10.0.1.0/24', nsg: 'apim-nsg', extra: { delegations: [] } }]), apim({ sku: 'StandardV2' })]), format);
      const f = analyze(text, format).findings.find((x) => x.ruleId === 'subnet-delegation');
      assert.ok(f?.fixes?.[0]);
      const after = applyEdits(text, f.fixes[0].edits);
      assert.equal(after.match(/delegations/g)?.length, 1, after);
    });
  }
});
