import { ruleTester } from '../../helpers/ruleTester';
import { apim, template, vnet, type ApimSpec } from '../../helpers/templates';
import { bareVnet, childSubnet, fullNsg, multiRegionApim, nested, privateDnsZone, v2Nsg } from '../../helpers/templates-part1';

const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';

/** A classic instance in a subnet `prefix` of 10.0.0.0/16, with its NSG (so only the size is in question). */
function sized(prefix: string, spec: ApimSpec = {}, siblings: { name: string; prefix: string }[] = [], space = '10.0.0.0/16') {
  const mode = spec.type ?? 'External';
  const v2 = (spec.sku ?? '').endsWith('V2');
  return template([
    v2 ? v2Nsg('apim-nsg') : fullNsg('apim-nsg', mode === 'Internal' ? 'Internal' : 'External'),
    vnet('vnet', space, [
      { name: 'apim', prefix, nsg: 'apim-nsg', ...(v2 ? { delegation: mode === 'Internal' ? 'Microsoft.Web/hostingEnvironments' : 'Microsoft.Web/serverFarms' } : {}) },
      ...siblings,
    ]),
    apim(spec),
    ...(mode === 'Internal' ? [privateDnsZone] : []),
  ]);
}

ruleTester('subnet-too-small', {
  valid: [
    { name: 'Developer in a /29 (1 unit address)', template: sized('10.0.1.0/29', { sku: 'Developer' }) },
    { name: 'Premium × 1 Internal in a /29 (2 + 1 ILB = 3 usable)', template: sized('10.0.1.0/29', { type: 'Internal' }) },
    { name: 'Premium × 1 External in a /29', template: sized('10.0.1.0/29') },
    { name: 'Premium × 5 Internal in a /28 (11 = 11)', template: sized('10.0.1.0/28', { type: 'Internal', capacity: 5 }) },
    { name: 'Premium × 29 Internal in a /26 (59 = 59)', template: sized('10.0.1.0/26', { type: 'Internal', capacity: 29 }) },
    { name: 'StandardV2 integration in a /27', template: sized('10.0.1.0/27', { sku: 'StandardV2' }) },
    { name: 'PremiumV2 injection × 2 in a /24', template: sized('10.0.1.0/24', { sku: 'PremiumV2', type: 'Internal', capacity: 2 }) },
    {
      name: 'capacity from a parameter without default is unknown',
      template: template([fullNsg('apim-nsg'), vnet('vnet', '10.0.0.0/16', [{ name: 'apim', prefix: '10.0.1.0/29', nsg: 'apim-nsg' }]), { ...apim(), sku: { name: 'Premium', capacity: "[parameters('units')]" } }], {
        parameters: { units: { type: 'int' } },
      }),
    },
    {
      name: 'the prefix from a parameter without default is unknown',
      template: template([fullNsg('apim-nsg'), vnet('vnet', '10.0.0.0/16', [{ name: 'apim', prefix: "[parameters('prefix')]", nsg: 'apim-nsg' }]), apim({ capacity: 4 })], {
        parameters: { prefix: { type: 'string' } },
      }),
    },
    {
      name: 'the subnet id is a reference() output',
      template: template([vnet('vnet', '10.0.0.0/16', [{ name: 'apim', prefix: '10.0.1.0/29' }]), apim({ capacity: 4, properties: { virtualNetworkConfiguration: { subnetResourceId: "[reference('net').outputs.subnetId.value]" } } })]),
    },
    { name: 'the sku from a parameter without default is unknown', template: template([fullNsg('apim-nsg'), vnet('vnet', '10.0.0.0/16', [{ name: 'apim', prefix: '10.0.1.0/29', nsg: 'apim-nsg' }]), { ...apim(), sku: { name: "[parameters('sku')]", capacity: 3 } }], { parameters: { sku: { type: 'string' } } }) },
    { name: 'virtualNetworkType None', template: template([vnet('vnet', '10.0.0.0/16', [{ name: 'apim', prefix: '10.0.1.0/29' }]), apim({ type: 'None', capacity: 4 })]) },
    {
      name: 'a small delegated subnet APIM does not use, and tiny subnets in a file without APIM',
      template: template([vnet('vnet', '10.0.0.0/16', [{ name: 'apps', prefix: '10.0.2.0/29', delegation: 'Microsoft.Web/serverFarms' }, { name: 'tiny', prefix: '10.0.3.0/30' }])]),
    },
    {
      name: 'multi-region: each region fits its own subnet',
      template: template([
        fullNsg('apim-nsg'), fullNsg('apim-nsg-eus', 'External', 'eastus'),
        vnet('vnet', '10.0.0.0/16', [{ name: 'apim', prefix: '10.0.1.0/29', nsg: 'apim-nsg' }]),
        vnet('vnet-eus', '10.1.0.0/16', [{ name: 'apim-eus', prefix: '10.1.1.0/28', nsg: 'apim-nsg-eus' }], 'eastus'),
        multiRegionApim({ capacity: 1 }, [{ location: 'eastus', vnet: 'vnet-eus', subnet: 'apim-eus', capacity: 5 }]),
      ]),
    },
    {
      name: 'child-resource subnet large enough',
      template: template([fullNsg('apim-nsg'), bareVnet('vnet', '10.0.0.0/16'), childSubnet('vnet', { name: 'apim', prefix: '10.0.1.0/28', nsg: 'apim-nsg' }), apim({ capacity: 5 })]),
    },
    {
      name: 'copy loop of VNets: the APIM one is large enough',
      template: template([
        fullNsg('apim-nsg'),
        {
          type: 'Microsoft.Network/virtualNetworks', apiVersion: '2023-09-01', name: "[format('vnet-{0}', copyIndex())]", location: 'westeurope', copy: { name: 'vnets', count: 2 },
          properties: { addressSpace: { addressPrefixes: ["[format('10.{0}.0.0/16', copyIndex())]"] }, subnets: [{ name: 'apim', properties: { addressPrefix: "[format('10.{0}.1.0/28', copyIndex())]", networkSecurityGroup: { id: "[resourceId('Microsoft.Network/networkSecurityGroups', 'apim-nsg')]" } } }] },
        },
        apim({ vnet: 'vnet-1', capacity: 4 }),
      ]),
    },
  ],
  invalid: [
    {
      name: 'Premium × 2 in a /29: 3 usable, needs 4',
      template: sized('10.0.1.0/29', { capacity: 2 }),
      findings: [{ messageId: 'tooFewAddresses', at: '10.0.1.0/29', severity: 'error', mentions: ["'apim'", '10.0.1.0/29', '3 usable', '8 − 5 reserved', 'Premium × 2 needs 4', "'apim-contoso'"], fixes: 1 }],
      outputContains: ['10.0.1.0/28'],
    },
    {
      name: 'Premium × 1 Internal + another unit: × 2 Internal needs 5 (2 per unit + 1 ILB)',
      template: sized('10.0.1.0/29', { type: 'Internal', capacity: 2 }),
      findings: [{ messageId: 'tooFewAddresses', at: '10.0.1.0/29', mentions: ['3 usable', 'Premium × 2 in Internal mode needs 5', 'internal load balancer'] }],
      outputContains: ['10.0.1.0/28'],
    },
    {
      name: 'Premium × 31 Internal in a /26: 59 usable, needs 63',
      template: sized('10.0.1.0/26', { type: 'Internal', capacity: 31 }),
      findings: [{ messageId: 'tooFewAddresses', at: '10.0.1.0/26', mentions: ['59 usable', '64 − 5', 'needs 63'] }],
      outputContains: ['10.0.1.0/25'],
    },
    {
      name: 'Premium in a /32: one address',
      template: sized('10.0.1.0/32'),
      findings: [{ messageId: 'smallerThanReserved', at: '10.0.1.0/32', mentions: ['has only 1 address,', 'Premium × 1 needs 2'], fixes: 1 }],
    },
    {
      name: 'Developer in a /30 (below the /29 minimum)',
      template: sized('10.0.1.0/30', { sku: 'Developer' }),
      findings: [{ messageId: 'smallerThanReserved', at: '10.0.1.0/30', mentions: ['10.0.1.0/30', 'has only 4 addresses, fewer than the 5 Azure reserves', 'a /29 or larger', 'Developer × 1 needs 1'], fixes: 1 }],
      outputContains: ['10.0.1.0/29'],
    },
    {
      name: 'StandardV2 integration in a /28: below the /27 minimum',
      template: sized('10.0.1.0/28', { sku: 'StandardV2' }),
      findings: [{ messageId: 'belowMinimum', at: '10.0.1.0/28', mentions: ['10.0.1.0/28', '/27 minimum', 'StandardV2 outbound VNet integration'] }],
      outputContains: ['10.0.1.0/27'],
    },
    {
      name: 'PremiumV2 injection × 1 in a /28: the addresses fit but /27 is the minimum',
      template: sized('10.0.1.0/28', { sku: 'PremiumV2', type: 'Internal' }),
      findings: [{ messageId: 'belowMinimum', at: '10.0.1.0/28', mentions: ['/27 minimum', 'PremiumV2 × 1 in Internal mode needs 3'] }],
      outputContains: ['10.0.1.0/27'],
    },
    {
      name: 'the widened prefix would overlap a sibling: the first free block is proposed',
      template: sized('10.0.1.0/29', { capacity: 2 }, [{ name: 'other', prefix: '10.0.1.8/29' }]),
      findings: [{ messageId: 'tooFewAddresses', at: '10.0.1.0/29', fixes: 1 }],
      outputContains: ['10.0.0.0/28'],
    },
    {
      name: 'no room in the VNet: no fix',
      template: sized('10.0.1.0/29', { capacity: 2 }, [{ name: 'other', prefix: '10.0.1.8/29' }], '10.0.1.0/28'),
      findings: [{ messageId: 'tooFewAddresses', at: '10.0.1.0/29', fixes: 0 }],
    },
    {
      name: 'the prefix is a variable: the fix edits the variable',
      template: template([fullNsg('apim-nsg'), vnet('vnet', '10.0.0.0/16', [{ name: 'apim', prefix: "[variables('apimPrefix')]", nsg: 'apim-nsg' }]), apim({ capacity: 3 })], { variables: { apimPrefix: '10.0.1.0/29' } }),
      findings: [{ messageId: 'tooFewAddresses', at: "[variables('apimPrefix')]", mentions: ['10.0.1.0/29', 'Premium × 3 needs 6'], fixes: 1 }],
      outputContains: ['10.0.1.0/28'],
    },
    {
      name: 'capacity from a parameter default',
      template: template([fullNsg('apim-nsg'), vnet('vnet', '10.0.0.0/16', [{ name: 'apim', prefix: '10.0.1.0/28', nsg: 'apim-nsg' }]), { ...apim(), sku: { name: 'Premium', capacity: "[parameters('units')]" } }], {
        parameters: { units: { type: 'int', defaultValue: 6 } },
      }),
      findings: [{ messageId: 'tooFewAddresses', at: '10.0.1.0/28', mentions: ['11 usable', 'Premium × 6 needs 12'] }],
      outputContains: ['10.0.1.0/27'],
    },
    {
      name: 'capacity from the parameters file',
      template: template([fullNsg('apim-nsg'), vnet('vnet', '10.0.0.0/16', [{ name: 'apim', prefix: '10.0.1.0/29', nsg: 'apim-nsg' }]), { ...apim(), sku: { name: 'Premium', capacity: "[parameters('units')]" } }], {
        parameters: { units: { type: 'int' } },
      }),
      parameters: { units: { value: 2 } },
      findings: [{ messageId: 'tooFewAddresses', at: '10.0.1.0/29', mentions: ['Premium × 2 needs 4'] }],
    },
    {
      name: 'multi-region: the East US subnet is too small for its 3 units',
      template: template([
        fullNsg('apim-nsg'), fullNsg('apim-nsg-eus', 'External', 'eastus'),
        vnet('vnet', '10.0.0.0/16', [{ name: 'apim', prefix: '10.0.1.0/29', nsg: 'apim-nsg' }]),
        vnet('vnet-eus', '10.1.0.0/16', [{ name: 'apim-eus', prefix: '10.1.1.0/29', nsg: 'apim-nsg-eus' }], 'eastus'),
        multiRegionApim({ capacity: 1 }, [{ location: 'eastus', vnet: 'vnet-eus', subnet: 'apim-eus', capacity: 3 }]),
      ]),
      findings: [{ messageId: 'tooFewAddresses', at: '10.1.1.0/29', mentions: ["'apim-eus'", '/29', '3 usable', 'Premium × 3 needs 6', "'apim-contoso' in eastus"], fixes: 1 }],
      outputContains: ['10.1.1.0/28'],
    },
    {
      name: 'multi-region: both regions too small, one finding per region',
      template: template([
        fullNsg('apim-nsg'), fullNsg('apim-nsg-eus', 'External', 'eastus'),
        vnet('vnet', '10.0.0.0/16', [{ name: 'apim', prefix: '10.0.1.0/29', nsg: 'apim-nsg' }]),
        vnet('vnet-eus', '10.1.0.0/16', [{ name: 'apim-eus', prefix: '10.1.1.0/29', nsg: 'apim-nsg-eus' }], 'eastus'),
        multiRegionApim({ capacity: 2 }, [{ location: 'eastus', vnet: 'vnet-eus', subnet: 'apim-eus', capacity: 2 }]),
      ]),
      findings: [
        { messageId: 'tooFewAddresses', at: '10.0.1.0/29', mentions: ['10.0.1.0/29', 'Premium × 2 needs 4'] },
        { messageId: 'tooFewAddresses', at: '10.1.1.0/29', mentions: ["'apim-contoso' in eastus"] },
      ],
    },
    {
      name: 'child-resource subnet too small',
      template: template([fullNsg('apim-nsg'), bareVnet('vnet', '10.0.0.0/16'), childSubnet('vnet', { name: 'apim', prefix: '10.0.1.0/28', nsg: 'apim-nsg' }), apim({ capacity: 6 })]),
      findings: [{ messageId: 'tooFewAddresses', at: '10.0.1.0/28', mentions: ['Premium × 6 needs 12'] }],
      outputContains: ['10.0.1.0/27'],
    },
    {
      name: 'nested deployment (inner scope): prefix and capacity from inner parameters',
      template: template([
        nested(
          [
            fullNsg('apim-nsg'),
            { type: 'Microsoft.Network/virtualNetworks', apiVersion: '2023-09-01', name: 'vnet', location: 'westeurope',
              properties: { addressSpace: { addressPrefixes: ['10.0.0.0/16'] }, subnets: [{ name: 'apim', properties: { addressPrefix: "[parameters('prefix')]", networkSecurityGroup: { id: "[resourceId('Microsoft.Network/networkSecurityGroups', 'apim-nsg')]" } } }] } },
            { ...apim(), sku: { name: 'Premium', capacity: "[parameters('units')]" } },
          ],
          { parameters: { prefix: 'string', units: 'int' }, values: { prefix: '10.0.1.0/29', units: 2 } },
        ),
      ]),
      findings: [{ messageId: 'tooFewAddresses', at: "[parameters('prefix')]", mentions: ['10.0.1.0/29', 'Premium × 2 needs 4'] }],
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
          // two Premium units need 4 addresses
          { "name": "apim", "properties": { "addressPrefix": "10.0.1.0/29", "networkSecurityGroup": { "id": "[resourceId('Microsoft.Network/networkSecurityGroups', 'nsg')]" }, }, },
        ],
      },
    },
    {
      "type": "Microsoft.ApiManagement/service",
      "apiVersion": "2023-05-01-preview",
      "name": "apim-contoso",
      "location": "westeurope",
      "sku": { "name": "Premium", "capacity": 2, },
      "properties": {
        "publisherEmail": "a@b.c",
        "publisherName": "c",
        "virtualNetworkType": "External",
        "virtualNetworkConfiguration": { "subnetResourceId": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', 'apim')]" },
      },
    },
  ],
}
`,
      findings: [{ messageId: 'tooFewAddresses', line: 14, column: 62, mentions: ['/29', '3 usable', 'needs 4'] }],
      outputContains: ['"addressPrefix": "10.0.1.0/28"'],
    },
    {
      name: 'YAML text: an unquoted prefix',
      format: 'yaml',
      template: `$schema: ${SCHEMA}
contentVersion: 1.0.0.0
resources:
  - type: Microsoft.Network/virtualNetworks
    apiVersion: '2023-09-01'
    name: vnet
    location: westeurope
    properties:
      addressSpace:
        addressPrefixes: [10.0.0.0/16]
      subnets:
        - name: apim
          properties:
            addressPrefix: 10.0.1.0/29
            networkSecurityGroup: {id: "[resourceId('Microsoft.Network/networkSecurityGroups', 'nsg')]"}
  - type: Microsoft.ApiManagement/service
    apiVersion: '2023-05-01-preview'
    name: apim-contoso
    location: westeurope
    sku: {name: Premium, capacity: 2}
    properties:
      publisherEmail: a@b.c
      publisherName: c
      virtualNetworkType: External
      virtualNetworkConfiguration: {subnetResourceId: "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', 'apim')]"}
`,
      findings: [{ messageId: 'tooFewAddresses', line: 14, column: 28, mentions: ['3 usable', 'Premium × 2 needs 4'] }],
      outputContains: ['10.0.1.0/28'],
    },
  ],
});
