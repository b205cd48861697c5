/** Microsoft Learn articles the hovers link to (the sources of apim-network-facts.md). */
export const LEARN = {
  vnetReference: 'https://learn.microsoft.com/azure/api-management/virtual-network-reference',
  injectionResources: 'https://learn.microsoft.com/azure/api-management/virtual-network-injection-resources',
  concepts: 'https://learn.microsoft.com/azure/api-management/virtual-network-concepts',
  injectV2: 'https://learn.microsoft.com/azure/api-management/inject-vnet-v2',
  integrateV2: 'https://learn.microsoft.com/azure/api-management/integrate-vnet-outbound',
  privateEndpoint: 'https://learn.microsoft.com/azure/api-management/private-endpoint',
  features: 'https://learn.microsoft.com/azure/api-management/api-management-features',
  serviceTags: 'https://learn.microsoft.com/azure/virtual-network/service-tags-overview',
  nsgDefaults: 'https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview#default-security-rules',
} as const;
