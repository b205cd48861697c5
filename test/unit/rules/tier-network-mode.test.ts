import { ruleTester } from '../../helpers/ruleTester';
import { apim, injected, template, vnet, type ApimSpec } from '../../helpers/templates';
import { fullNsg, nested, privateDnsZone, privateEndpoint, v2Nsg } from '../../helpers/templates-part1';

const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
const PE_TARGET = "[resourceId('Microsoft.ApiManagement/service', 'apim-contoso')]";

/** An instance of `spec` with its subnet and NSG (and delegation for v2), optionally with a private endpoint. */
function inst(spec: ApimSpec, opts: { pe?: boolean } = {}) {
  const type = spec.type ?? 'External';
  const v2 = (spec.sku ?? '').endsWith('V2');
  return template([
    v2 ? v2Nsg('apim-nsg') : fullNsg('apim-nsg', type === 'Internal' ? 'Internal' : 'External'),
    vnet('vnet', '10.0.0.0/16', [
      { name: 'apim', prefix: '10.0.1.0/24', nsg: 'apim-nsg', ...(v2 ? { delegation: type === 'Internal' ? 'Microsoft.Web/hostingEnvironments' : 'Microsoft.Web/serverFarms' } : {}) },
      { name: 'pe', prefix: '10.0.2.0/24' },
    ]),
    apim(spec),
    ...(type === 'Internal' ? [privateDnsZone] : []),
    ...(opts.pe ? [privateEndpoint('apim-pe', 'vnet', 'pe')] : []),
  ]);
}

ruleTester('tier-network-mode', {
  valid: [
    { name: 'Premium External', template: injected() },
    { name: 'Developer Internal', template: injected({ mode: 'Internal', apim: { sku: 'Developer' } }) },
    { name: 'StandardV2 outbound integration (External)', template: inst({ sku: 'StandardV2' }) },
    { name: 'PremiumV2 injection (Internal)', template: inst({ sku: 'PremiumV2', type: 'Internal' }) },
    { name: 'Basic and Consumption without a VNet', template: template([apim({ sku: 'Basic', type: 'None' }), apim({ name: 'apim-2', sku: 'Consumption', capacity: 0, type: 'None' })]) },
    { name: 'Standard (no VNet) with a private endpoint', template: inst({ sku: 'Standard', type: 'None' }, { pe: true }) },
    { name: 'StandardV2 integration and a private endpoint (v2 tiers may combine them)', template: inst({ sku: 'StandardV2' }, { pe: true }) },
    { name: 'the sku is a parameter without default', template: template([{ ...apim(), sku: { name: "[parameters('sku')]", capacity: 1 } }], { parameters: { sku: { type: 'string' } } }) },
    { name: 'virtualNetworkType is a parameter without default', template: template([apim({ sku: 'Standard', properties: { virtualNetworkType: "[parameters('t')]" } })], { parameters: { t: { type: 'string' } } }) },
    {
      name: 'the sku comes from a reference() output',
      template: template([{ ...apim({ type: 'Internal' }), sku: { name: "[reference('cfg').outputs.sku.value]", capacity: 1 } }]),
    },
    {
      name: 'a private endpoint to an APIM instance deployed elsewhere',
      template: template([vnet('vnet', '10.0.0.0/16', [{ name: 'pe', prefix: '10.0.2.0/24' }]), privateEndpoint('apim-pe', 'vnet', 'pe', 'apim-elsewhere')]),
    },
    {
      name: 'nested deployment (inner scope): Premium from an inner parameter',
      template: template([nested([{ ...apim({ type: 'Internal' }), sku: { name: "[parameters('sku')]", capacity: 1 } }], { parameters: { sku: 'string' }, values: { sku: 'Premium' } })]),
    },
    {
      name: 'copy loop of Premium instances in External mode',
      template: template([{ ...apim({ properties: { virtualNetworkConfiguration: { subnetResourceId: "[parameters('subnetId')]" } } }), name: "[format('apim-{0}', copyIndex())]", copy: { name: 'apims', count: 2 } }], { parameters: { subnetId: { type: 'string' } } }),
    },
  ],
  invalid: [
    {
      name: 'Standard in External mode',
      template: inst({ sku: 'Standard' }),
      findings: [{ messageId: 'classicInjection', at: 'Standard', severity: 'error', mentions: ["'apim-contoso'", 'Standard', 'External', 'Developer and Premium'], fixes: 0 }],
    },
    {
      name: 'Basic in Internal mode',
      template: inst({ sku: 'Basic', type: 'Internal' }),
      findings: [{ messageId: 'classicInjection', at: 'Basic', mentions: ['Basic', 'Internal'] }],
    },
    {
      name: 'Consumption in External mode',
      template: inst({ sku: 'Consumption', capacity: 0 }),
      findings: [{ messageId: 'classicInjection', at: 'Consumption', mentions: ['Consumption'] }],
    },
    {
      name: 'BasicV2 in a VNet',
      template: inst({ sku: 'BasicV2' }),
      findings: [{ messageId: 'v2NoVnet', at: 'BasicV2', mentions: ['BasicV2', 'neither VNet integration nor injection'] }],
    },
    {
      name: 'StandardV2 in Internal mode (v2 injection is Premium v2 only)',
      template: inst({ sku: 'StandardV2', type: 'Internal' }),
      findings: [{ messageId: 'v2InjectionTier', at: 'StandardV2', mentions: ['StandardV2', 'only Premium v2'] }],
    },
    {
      name: 'a private endpoint to a Consumption instance',
      template: inst({ sku: 'Consumption', capacity: 0, type: 'None' }, { pe: true }),
      findings: [{ messageId: 'peTier', at: PE_TARGET, mentions: ["'apim-pe'", "'apim-contoso'", 'Consumption'] }],
    },
    {
      name: 'a private endpoint to a BasicV2 instance',
      template: inst({ sku: 'BasicV2', type: 'None' }, { pe: true }),
      findings: [{ messageId: 'peTier', at: PE_TARGET, mentions: ['BasicV2'] }],
    },
    {
      name: 'a private endpoint to an injected Premium instance',
      template: inst({}, { pe: true }),
      findings: [{ messageId: 'peInjected', at: PE_TARGET, mentions: ["'apim-pe'", "'apim-contoso'", 'External'] }],
    },
    {
      name: 'Standard in External mode with a private endpoint: two findings',
      template: inst({ sku: 'Standard' }, { pe: true }),
      findings: [{ messageId: 'classicInjection', at: 'Standard' }, { messageId: 'peInjected', at: PE_TARGET, mentions: ['External'] }],
    },
    {
      name: 'nested deployment (inner scope): Basic from an inner parameter',
      template: template([nested([{ ...apim({ type: 'Internal' }), sku: { name: "[parameters('sku')]", capacity: 1 } }], { parameters: { sku: 'string' }, values: { sku: 'Basic' } })]),
      findings: [{ messageId: 'classicInjection', at: "[parameters('sku')]", mentions: ['Basic'] }],
    },
    {
      name: 'the sku from the parameters file',
      template: template([{ ...apim(), sku: { name: "[parameters('sku')]", capacity: 1 } }], { parameters: { sku: { type: 'string', defaultValue: 'Premium' } } }),
      parameters: { sku: { value: 'Standard' } },
      findings: [{ messageId: 'classicInjection', at: "[parameters('sku')]", mentions: ['Standard'] }],
    },
    {
      name: 'JSONC text: comments and trailing commas',
      format: 'json',
      template: `{
  "$schema": "${SCHEMA}",
  "contentVersion": "1.0.0.0",
  "resources": [
    {
      "type": "Microsoft.ApiManagement/service",
      "apiVersion": "2023-05-01-preview",
      "name": "apim-basic",
      "location": "westeurope",
      "sku": { "name": "Basic", "capacity": 1, }, // Basic cannot be injected
      "properties": {
        "publisherEmail": "a@b.c",
        "publisherName": "c",
        "virtualNetworkType": "External",
        "virtualNetworkConfiguration": { "subnetResourceId": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', 'apim')]", },
      },
    },
  ],
}
`,
      findings: [{ messageId: 'classicInjection', line: 10, column: 24, mentions: ["'apim-basic'", 'Basic'] }],
    },
    {
      name: 'YAML text: StandardV2 Internal',
      format: 'yaml',
      template: `$schema: ${SCHEMA}
contentVersion: 1.0.0.0
resources:
  - type: Microsoft.ApiManagement/service
    apiVersion: '2024-05-01'
    name: apim-v2
    location: westeurope
    sku:
      name: StandardV2
      capacity: 1
    properties:
      publisherEmail: a@b.c
      publisherName: c
      virtualNetworkType: Internal
      virtualNetworkConfiguration:
        subnetResourceId: "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', 'apim')]"
`,
      findings: [{ messageId: 'v2InjectionTier', line: 9, column: 13, mentions: ["'apim-v2'", 'StandardV2'] }],
    },
  ],
});
