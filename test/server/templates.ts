/** Small templates for the protocol tests (our own, written for these tests). */

/**
 * Premium APIM, External, in subnet vnet/apim whose NSG denies inbound 3443 from ApiManagement unless the
 * parameter `managementAccess` (default Deny) says Allow → `nsg-required-port` error with an "insert an Allow
 * rule" fix. Everything else APIM needs is allowed.
 */
export function brokenTemplate(managementAccess = "[parameters('managementAccess')]"): string {
  return `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "managementAccess": { "type": "string", "defaultValue": "Deny" }
  },
  "resources": [
    {
      "type": "Microsoft.Network/networkSecurityGroups",
      "apiVersion": "2023-11-01",
      "name": "apim-nsg",
      "location": "westeurope",
      "properties": {
        "securityRules": [
          ${rule('ClientsToGateway', 'Inbound', 110, 'Internet', 'VirtualNetwork', '443')},
          ${rule('ClientsHttp', 'Inbound', 115, 'Internet', 'VirtualNetwork', '80')},
          ${rule('LoadBalancer', 'Inbound', 120, 'AzureLoadBalancer', 'VirtualNetwork', '6390')},
          ${rule('ManagementEndpoint', 'Inbound', 200, 'ApiManagement', 'VirtualNetwork', '3443', managementAccess)},
          ${rule('Storage', 'Outbound', 100, 'VirtualNetwork', 'Storage', '443')},
          ${rule('Sql', 'Outbound', 110, 'VirtualNetwork', 'Sql', '1433')},
          ${rule('KeyVault', 'Outbound', 120, 'VirtualNetwork', 'AzureKeyVault', '443')},
          ${rule('Monitor', 'Outbound', 130, 'VirtualNetwork', 'AzureMonitor', '1886')},
          ${rule('MonitorHttps', 'Outbound', 140, 'VirtualNetwork', 'AzureMonitor', '443')},
          ${rule('Http', 'Outbound', 150, 'VirtualNetwork', 'Internet', '80')}
        ]
      }
    },
    {
      "type": "Microsoft.Network/virtualNetworks",
      "apiVersion": "2023-11-01",
      "name": "vnet",
      "location": "westeurope",
      "properties": {
        "addressSpace": { "addressPrefixes": ["10.0.0.0/16"] },
        "subnets": [
          {
            "name": "apim",
            "properties": {
              "addressPrefix": "10.0.1.0/27",
              "networkSecurityGroup": { "id": "[resourceId('Microsoft.Network/networkSecurityGroups', 'apim-nsg')]" }
            }
          }
        ]
      }
    },
    {
      "type": "Microsoft.ApiManagement/service",
      "apiVersion": "2023-05-01-preview",
      "name": "apim",
      "location": "westeurope",
      "sku": { "name": "Premium", "capacity": 1 },
      "properties": {
        "publisherEmail": "admin@contoso.com",
        "publisherName": "Contoso",
        "virtualNetworkType": "External",
        "virtualNetworkConfiguration": {
          "subnetResourceId": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', 'apim')]"
        }
      }
    }
  ]
}
`;
}

function rule(name: string, direction: string, priority: number, source: string, dest: string, port: string, access = 'Allow'): string {
  return `{ "name": "${name}", "properties": { "protocol": "Tcp", "sourcePortRange": "*", "destinationPortRange": "${port}", "sourceAddressPrefix": "${source}", "destinationAddressPrefix": "${dest}", "access": "${access}", "priority": ${priority}, "direction": "${direction}" } }`;
}

/** The same defect in YAML (Bicep-free ARM-shaped YAML): no NSG on the APIM subnet → `nsg-missing`. */
export const yamlNoNsg = `$schema: https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#
contentVersion: 1.0.0.0
resources:
  - type: Microsoft.Network/virtualNetworks
    apiVersion: "2023-11-01"
    name: vnet
    location: westeurope
    properties:
      addressSpace:
        addressPrefixes:
          - 10.0.0.0/16
      subnets:
        - name: apim
          properties:
            addressPrefix: 10.0.1.0/27
  - type: Microsoft.ApiManagement/service
    apiVersion: "2023-05-01-preview"
    name: apim
    location: westeurope
    sku:
      name: Premium
      capacity: 1
    properties:
      publisherEmail: admin@contoso.com
      publisherName: Contoso
      virtualNetworkType: External
      virtualNetworkConfiguration:
        subnetResourceId: "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', 'apim')]"
`;

export const notATemplate = `{
  "name": "my-package",
  "version": "1.0.0",
  "resources": ["not", "arm"]
}
`;

export function parametersFile(managementAccess: string): string {
  return `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "managementAccess": { "value": "${managementAccess}" }
  }
}
`;
}
