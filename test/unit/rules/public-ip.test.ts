import { ruleTester } from '../../helpers/ruleTester';
import { apim, injected, template, type Obj } from '../../helpers/templates';
import { PIP_ID, SUBNET_ID, publicIp } from '../../helpers/templates-part2';

/** An instance given the public IP `apim-pip` (the VNet is not this rule's business: see the injected case). */
const withPip = (pip: Obj, opts: { extra?: Obj } = {}): Obj =>
  template([apim({ type: 'None', properties: { publicIpAddressId: PIP_ID('apim-pip') } }), pip], opts.extra ?? {});

ruleTester('public-ip', {
  valid: [
    { name: 'Standard, IPv4, DNS label, same region', template: withPip(publicIp()) },
    {
      name: 'an injected instance with a correct public IP',
      template: (() => {
        const t = injected({ apim: { properties: { publicIpAddressId: PIP_ID('apim-pip') } } });
        return { ...t, resources: [...(t.resources as Obj[]), publicIp()] };
      })(),
    },
    { name: "sku and version casing; 'West Europe' is westeurope", template: withPip(publicIp({ sku: 'standard', version: 'ipv4', location: 'West Europe' })) },
    { name: 'a public IP no instance uses is not checked', template: template([apim({ type: 'None' }), publicIp({ name: 'vm-pip', sku: 'Basic', dnsLabel: null, location: 'eastus', version: 'IPv6' })]) },
    {
      name: 'values from parameters without defaults are unknown',
      template: withPip(publicIp({ sku: "[parameters('pipSku')]", version: "[parameters('pipVersion')]", dnsLabel: "[parameters('label')]", location: "[parameters('pipLocation')]" }), {
        extra: { parameters: { pipSku: { type: 'string' }, pipVersion: { type: 'string' }, label: { type: 'string' }, pipLocation: { type: 'string' } } },
      }),
    },
    { name: 'a DNS label from reference() is unknown', template: withPip(publicIp({ dnsLabel: "[reference('naming').label]" })) },
    {
      name: 'a public IP id from a parameter without default: the address is unknown',
      template: template([apim({ type: 'External', properties: { publicIpAddressId: "[parameters('pipId')]" } }), publicIp({ sku: 'Basic', dnsLabel: null })], { parameters: { pipId: { type: 'string' } } }),
    },
    {
      name: 'an existing instance (existing: true) is not checked',
      template: template([
        { type: 'Microsoft.ApiManagement/service', apiVersion: '2023-05-01-preview', name: 'apim-contoso', existing: true, properties: { publicIpAddressId: PIP_ID('apim-pip') } },
        publicIp({ sku: 'Basic', dnsLabel: null }),
      ]),
    },
    {
      name: 'a self-hosted gateway resource (Microsoft.ApiManagement/gateways) is not an instance',
      template: template([
        { type: 'Microsoft.ApiManagement/gateways', apiVersion: '2023-05-01-preview', name: 'gw', location: 'westeurope', properties: { publicIpAddressId: PIP_ID('apim-pip') } },
        publicIp({ sku: 'Basic', dnsLabel: null }),
      ]),
    },
  ],
  invalid: [
    {
      name: 'Basic SKU',
      template: withPip(publicIp({ sku: 'Basic' })),
      findings: [{ messageId: 'sku', at: 'Basic', severity: 'error', mentions: ["'apim-pip'", "'apim-contoso'", 'Basic', 'Standard'] }],
    },
    {
      name: 'no sku: Basic is the default',
      template: template([apim({ type: 'External', properties: { publicIpAddressId: PIP_ID('apim-pip') } }), publicIp({ sku: null })]),
      only: 'json',
      findings: [{ messageId: 'sku', line: 24, column: 5, mentions: ['Basic (the default)'] }],
    },
    {
      name: 'IPv6',
      template: withPip(publicIp({ version: 'IPv6' })),
      findings: [{ messageId: 'version', at: 'IPv6', mentions: ['IPv6', 'IPv4'] }],
    },
    {
      name: 'no DNS label',
      template: withPip(publicIp({ dnsLabel: null })),
      findings: [{ messageId: 'dnsLabel', at: 'apim-pip', occurrence: 2, severity: 'warning', mentions: ['domainNameLabel'] }],
    },
    {
      name: 'an empty DNS label',
      template: withPip(publicIp({ dnsLabel: '' })),
      findings: [{ messageId: 'dnsLabel', at: 'apim-pip', occurrence: 2, severity: 'warning' }],
    },
    {
      name: 'another region',
      template: withPip(publicIp({ location: 'northeurope' })),
      findings: [{ messageId: 'region', at: 'northeurope', mentions: ['northeurope', 'westeurope'] }],
    },
    {
      name: 'every problem at once, in order of position',
      template: withPip(publicIp({ sku: 'Basic', version: 'IPv6', dnsLabel: null, location: 'eastus' })),
      findings: [
        { messageId: 'dnsLabel', at: 'apim-pip', occurrence: 2 },
        { messageId: 'region', at: 'eastus' },
        { messageId: 'sku', at: 'Basic' },
        { messageId: 'version', at: 'IPv6' },
      ],
    },
    {
      name: 'the public IP of an additional location is checked against that location',
      template: template([
        apim({
          type: 'None',
          properties: {
            additionalLocations: [{ location: 'northeurope', sku: { name: 'Premium', capacity: 1 }, virtualNetworkConfiguration: { subnetResourceId: SUBNET_ID('vnet-ne', 'apim') }, publicIpAddressId: PIP_ID('pip-ne') }],
          },
        }),
        publicIp({ name: 'pip-ne', location: 'westeurope' }),
      ]),
      findings: [{ messageId: 'region', at: 'westeurope', occurrence: 2, mentions: ["'apim-contoso' in northeurope", 'westeurope'] }],
    },
    {
      name: 'a parameter default gives the SKU',
      template: withPip(publicIp({ sku: "[parameters('pipSku')]" }), { extra: { parameters: { pipSku: { type: 'string', defaultValue: 'Basic' } } } }),
      findings: [{ messageId: 'sku', at: "[parameters('pipSku')]", mentions: ['Basic'] }],
    },
    {
      name: 'JSONC text: Basic SKU, no label',
      template: `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    // the instance's address
    {
      "type": "Microsoft.Network/publicIPAddresses",
      "apiVersion": "2023-09-01",
      "name": "apim-pip",
      "location": "westeurope",
      "sku": { "name": "Basic", },
      "properties": { "publicIPAllocationMethod": "Static", },
    },
    {
      "type": "Microsoft.ApiManagement/service",
      "apiVersion": "2023-05-01-preview",
      "name": "apim-contoso",
      "location": "westeurope",
      "sku": { "name": "Developer", "capacity": 1 },
      "properties": { "publicIpAddressId": "[resourceId('Microsoft.Network/publicIPAddresses', 'apim-pip')]", },
    },
  ],
}
`,
      findings: [
        { messageId: 'dnsLabel', line: 9, column: 15 },
        { messageId: 'sku', line: 11, column: 24 },
      ],
    },
    {
      name: 'YAML text: IPv6 in another region',
      format: 'yaml',
      template: `$schema: https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#
contentVersion: 1.0.0.0
resources:
  - type: Microsoft.Network/publicIPAddresses
    apiVersion: '2023-09-01'
    name: apim-pip
    location: eastus # wrong region
    sku:
      name: Standard
    properties:
      publicIPAddressVersion: IPv6
      dnsSettings: {domainNameLabel: contoso-apim}
  - type: Microsoft.ApiManagement/service
    apiVersion: '2023-05-01-preview'
    name: apim-contoso
    location: westeurope
    sku: {name: Developer, capacity: 1}
    properties:
      publicIpAddressId: "[resourceId('Microsoft.Network/publicIPAddresses', 'apim-pip')]"
`,
      findings: [
        { messageId: 'region', line: 7, column: 15, mentions: ['eastus'] },
        { messageId: 'version', line: 11, column: 31 },
      ],
    },
  ],
});
