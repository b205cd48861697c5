import { ruleTester } from '../../helpers/ruleTester';
import { apim, injected, template, vnet } from '../../helpers/templates';
import { bareVnet, childSubnet, fullNsg, nested } from '../../helpers/templates-part1';

const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
const subnets = (...list: [string, string][]) => template([vnet('vnet', '10.0.0.0/16', list.map(([name, prefix]) => ({ name, prefix })))]);

ruleTester('subnet-invalid', {
  valid: [
    { name: 'a complete injected network', template: injected() },
    {
      name: 'two child subnets with the same prefix, each with its own unknown condition (either/or): no overlap',
      template: template(
        [bareVnet('vnet', '10.0.0.0/16'), { ...childSubnet('vnet', { name: 'small', prefix: '10.0.1.0/24' }), condition: "[parameters('small')]" }, { ...childSubnet('vnet', { name: 'large', prefix: '10.0.0.0/23' }), condition: "[not(parameters('small'))]" }],
        { parameters: { small: { type: 'bool' } } },
      ),
    },
    { name: 'adjacent subnets inside the space', template: subnets(['a', '10.0.0.0/24'], ['b', '10.0.1.0/24'], ['c', '10.0.2.0/27'], ['d', '10.0.2.32/27']) },
    { name: 'the same prefixes in two different VNets', template: template([vnet('v1', '10.0.0.0/16', [{ name: 'a', prefix: '10.0.1.0/24' }]), vnet('v2', '10.0.0.0/16', [{ name: 'a', prefix: '10.0.1.0/24' }])]) },
    { name: 'an IPv6 prefix is not judged', template: subnets(['a', '10.0.1.0/24'], ['v6', 'fd00:db8::/64']) },
    {
      name: 'a VNet with two address spaces',
      template: template([{ ...vnet('vnet', '10.0.0.0/16', [{ name: 'a', prefix: '10.0.1.0/24' }, { name: 'b', prefix: '192.168.1.0/24' }]), properties: { addressSpace: { addressPrefixes: ['10.0.0.0/16', '192.168.0.0/16'] }, subnets: [{ name: 'a', properties: { addressPrefix: '10.0.1.0/24' } }, { name: 'b', properties: { addressPrefixes: ['192.168.1.0/24'] } }] } }]),
    },
    { name: 'a prefix from a parameter without default is unknown', template: template([vnet('vnet', '10.0.0.0/16', [{ name: 'a', prefix: "[parameters('p')]" }, { name: 'b', prefix: '10.0.1.0/24' }])], { parameters: { p: { type: 'string' } } }) },
    { name: 'an address space from a parameter without default: outside is not judged', template: template([vnet('vnet', "[parameters('space')]", [{ name: 'a', prefix: '172.16.1.0/24' }])], { parameters: { space: { type: 'string' } } }) },
    { name: 'a prefix computed with cidrSubnet()', template: template([vnet('vnet', '10.0.0.0/16', [{ name: 'a', prefix: "[cidrSubnet('10.0.0.0/16', 24, 1)]" }, { name: 'b', prefix: "[cidrSubnet('10.0.0.0/16', 24, 2)]" }])]) },
    { name: 'virtualNetworkType None needs no subnet', template: template([apim({ type: 'None' })]) },
    { name: 'the subnet id is a parameter without default', template: template([apim({ properties: { virtualNetworkConfiguration: { subnetResourceId: "[parameters('subnetId')]" } } })], { parameters: { subnetId: { type: 'string' } } }) },
    { name: 'the subnet id is a reference() output', template: template([apim({ properties: { virtualNetworkConfiguration: { subnetResourceId: "[reference('net').outputs.subnetId.value]" } } })]) },
    { name: 'child-resource subnets that do not overlap', template: template([bareVnet('vnet', '10.0.0.0/16'), childSubnet('vnet', { name: 'a', prefix: '10.0.1.0/24' }), childSubnet('vnet', { name: 'b', prefix: '10.0.2.0/24' })]) },
    {
      name: 'copy loop of child subnets: one prefix per copyIndex()',
      template: template([bareVnet('vnet', '10.0.0.0/16'), { ...childSubnet('vnet', { name: 'x', prefix: '' }), name: "[format('vnet/s{0}', copyIndex())]", copy: { name: 'subnets', count: 3 }, properties: { addressPrefix: "[format('10.0.{0}.0/24', copyIndex())]" } }]),
    },
    {
      name: 'nested deployment (inner scope) with its own VNet of the same name as the outer one',
      template: template([vnet('vnet', '10.0.0.0/16', [{ name: 'a', prefix: '10.0.1.0/24' }]), nested([vnet("[parameters('name')]", '10.1.0.0/16', [{ name: 'a', prefix: '10.1.1.0/24' }])], { parameters: { name: 'string' }, values: { name: 'vnet2' } })]),
    },
  ],
  invalid: [
    {
      name: 'a child subnet with an unknown condition overlaps an inline subnet: if it is deployed, it overlaps',
      template: template(
        [vnet('vnet', '10.0.0.0/16', [{ name: 'a', prefix: '10.0.1.0/24' }]), { ...childSubnet('vnet', { name: 'b', prefix: '10.0.1.128/25' }), condition: "[parameters('withB')]" }],
        { parameters: { withB: { type: 'bool' } } },
      ),
      findings: [{ messageId: 'overlap', at: '10.0.1.128/25', mentions: ["'b'", "'a'"] }],
    },
    {
      name: 'a prefix length above 32',
      template: subnets(['a', '10.0.1.0/33']),
      findings: [{ messageId: 'malformed', at: '10.0.1.0/33', severity: 'error', mentions: ["'a'", "'10.0.1.0/33'"], fixes: 0 }],
    },
    {
      name: 'an octet above 255',
      template: subnets(['a', '10.0.300.0/24'], ['b', '10.0.2.0/24']),
      findings: [{ messageId: 'malformed', at: '10.0.300.0/24', mentions: ['300'] }],
    },
    {
      name: 'host bits set: change to the network address',
      template: subnets(['apim', '10.0.1.5/24']),
      findings: [{ messageId: 'hostBits', at: '10.0.1.5/24', mentions: ["'apim'", '10.0.1.5/24', '10.0.1.0/24'], fixes: 1 }],
      outputContains: ['10.0.1.0/24'],
    },
    {
      name: 'a subnet outside the VNet space',
      template: subnets(['a', '10.0.1.0/24'], ['b', '10.1.0.0/24']),
      findings: [{ messageId: 'outsideVnet', at: '10.1.0.0/24', mentions: ["'b'", '10.1.0.0/24', "'vnet'", '10.0.0.0/16'] }],
    },
    {
      name: 'overlapping subnets (the second is reported)',
      template: subnets(['a', '10.0.1.0/24'], ['b', '10.0.1.128/25']),
      findings: [{ messageId: 'overlap', at: '10.0.1.128/25', mentions: ["'b'", "'a'", '10.0.1.0/24', '10.0.1.128/25'] }],
    },
    {
      name: 'an injected instance with no subnet',
      template: template([apim({ properties: { virtualNetworkConfiguration: null } })]),
      only: 'json',
      findings: [{ messageId: 'noSubnet', at: 'External', mentions: ["'apim-contoso'", 'External', 'subnetResourceId'] }],
    },
    {
      name: 'Internal without virtualNetworkConfiguration',
      template: template([{ ...apim({ type: 'None' }), properties: { publisherEmail: 'a@b.c', publisherName: 'c', virtualNetworkType: 'Internal' } }]),
      findings: [{ messageId: 'noSubnet', at: 'Internal', mentions: ['Internal'] }],
    },
    {
      name: 'child-resource subnets: host bits, and an overlap',
      template: template([bareVnet('vnet', '10.0.0.0/16'), childSubnet('vnet', { name: 'a', prefix: '10.0.1.0/24' }), childSubnet('vnet', { name: 'b', prefix: '10.0.1.64/26' }), childSubnet('vnet', { name: 'c', prefix: '10.0.2.1/24' })]),
      findings: [
        { messageId: 'overlap', at: '10.0.1.64/26', mentions: ["'b'", "'a'"] },
        { messageId: 'hostBits', at: '10.0.2.1/24', mentions: ['10.0.2.0/24'] },
      ],
    },
    {
      name: 'nested deployment (inner scope): prefixes from inner parameters overlap',
      template: template([nested([vnet('vnet', '10.0.0.0/16', [{ name: 'a', prefix: "[parameters('p1')]" }, { name: 'b', prefix: "[parameters('p2')]" }])], { parameters: { p1: 'string', p2: 'string' }, values: { p1: '10.0.0.0/23', p2: '10.0.1.0/24' } })]),
      findings: [{ messageId: 'overlap', at: "[parameters('p2')]", mentions: ['10.0.0.0/23', '10.0.1.0/24'] }],
    },
    {
      name: 'copy loop of child subnets with one fixed prefix: every copy overlaps the first',
      template: template([bareVnet('vnet', '10.0.0.0/16'), { ...childSubnet('vnet', { name: 'x', prefix: '10.0.1.0/24' }), name: "[format('vnet/s{0}', copyIndex())]", copy: { name: 'subnets', count: 2 } }]),
      findings: [{ messageId: 'overlap', at: '10.0.1.0/24', mentions: ["'s1'", "'s0'"] }],
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
        "addressSpace": { "addressPrefixes": ["10.0.0.0/16",], },
        "subnets": [
          { "name": "apim", "properties": { "addressPrefix": "10.0.1.16/27" } }, // host bits
          { "name": "other", "properties": { "addressPrefix": "10.2.0.0/24", }, },
        ],
      },
    },
  ],
}
`,
      findings: [
        { messageId: 'hostBits', line: 13, column: 62, mentions: ['10.0.1.0/27'] },
        { messageId: 'outsideVnet', line: 14, column: 63, mentions: ["'other'"] },
      ],
      outputContains: ['"addressPrefix": "10.0.1.0/27" } }, // host bits'],
    },
    {
      name: 'YAML text: an additional region with no subnet',
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
        - name: apim
          properties: {addressPrefix: 10.0.1.0/27}
  - type: Microsoft.ApiManagement/service
    apiVersion: '2023-05-01-preview'
    name: apim-contoso
    location: westeurope
    sku: {name: Premium, capacity: 1}
    properties:
      publisherEmail: a@b.c
      publisherName: c
      virtualNetworkType: External
      virtualNetworkConfiguration: {subnetResourceId: "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', 'apim')]"}
      additionalLocations:
        - location: eastus
          sku: {name: Premium, capacity: 1}
`,
      findings: [{ messageId: 'noSubnet', line: 24, column: 11, mentions: ["'apim-contoso' in eastus"] }],
    },
  ],
});

void fullNsg;
