/**
 * Which API Management tier supports which networking model (F-TIERS, from "Feature-based comparison
 * of the Azure API Management tiers", FEAT 11/2025, and VNC 10/2024). Keys are lower-case `sku.name`.
 */
export interface TierSupport {
  readonly name: string;
  readonly classicInjection: boolean;
  readonly v2Injection: boolean;
  readonly v2Integration: boolean;
  readonly privateEndpoint: boolean;
  /** IPs each unit takes in an injected subnet (F-SUBNET-CLASSIC, F-V2-INJECT). */
  readonly ipsPerUnit: number;
  /** A v2 tier: its VNet features use /27-or-larger delegated subnets. */
  readonly v2: boolean;
  readonly maxUnits?: number;
}

export const TIERS: Readonly<Record<string, TierSupport>> = {
  consumption: { name: 'Consumption', classicInjection: false, v2Injection: false, v2Integration: false, privateEndpoint: false, ipsPerUnit: 0, v2: false },
  developer: { name: 'Developer', classicInjection: true, v2Injection: false, v2Integration: false, privateEndpoint: true, ipsPerUnit: 1, v2: false, maxUnits: 1 },
  basic: { name: 'Basic', classicInjection: false, v2Injection: false, v2Integration: false, privateEndpoint: true, ipsPerUnit: 2, v2: false },
  standard: { name: 'Standard', classicInjection: false, v2Injection: false, v2Integration: false, privateEndpoint: true, ipsPerUnit: 2, v2: false },
  premium: { name: 'Premium', classicInjection: true, v2Injection: false, v2Integration: false, privateEndpoint: true, ipsPerUnit: 2, v2: false, maxUnits: 31 },
  basicv2: { name: 'BasicV2', classicInjection: false, v2Injection: false, v2Integration: false, privateEndpoint: false, ipsPerUnit: 0, v2: true },
  standardv2: { name: 'StandardV2', classicInjection: false, v2Injection: false, v2Integration: true, privateEndpoint: true, ipsPerUnit: 0, v2: true },
  premiumv2: { name: 'PremiumV2', classicInjection: false, v2Injection: true, v2Integration: true, privateEndpoint: true, ipsPerUnit: 2, v2: true, maxUnits: 30 },
};

/** Subnet sizing constants (F-SUBNET-CLASSIC, F-V2-INTEG, F-V2-INJECT). */
export const SUBNET = {
  /** Addresses Azure reserves in every subnet. */
  reserved: 5,
  /** Smallest classic injection subnet. */
  classicMinPrefix: 29,
  /** Smallest v2 integration/injection subnet. */
  v2MinPrefix: 27,
  /** Extra address for the internal load balancer in Internal mode. */
  internalLoadBalancer: 1,
} as const;

/** Delegations (F-V2-INTEG, F-V2-INJECT, V2DEL). */
export const DELEGATION = {
  v2Integration: 'Microsoft.Web/serverFarms',
  v2Injection: 'Microsoft.Web/hostingEnvironments',
} as const;

/** The api-version from which `publicIpAddressId` exists (F-ARM, F-STV1). */
export const FIRST_API_VERSION_WITH_PUBLIC_IP = '2021-01-01-preview';

/** Private endpoint facts (F-PE). */
export const PRIVATE_ENDPOINT = { groupId: 'Gateway', dnsZone: 'privatelink.azure-api.net' } as const;

export function tierOf(skuName: string | undefined): TierSupport | undefined {
  return skuName === undefined ? undefined : TIERS[skuName.toLowerCase()];
}
