import { asString } from '../../arm/value';
import { SUBNET } from '../../azure/tiers';
import type { ApimRegion } from '../../model/networkModel';
import { azureUsable, parseCidr, type Cidr } from '../../nsg/cidr';
import { modeOf, unitsOf } from './apim';

/** What one APIM region needs from its subnet (F-SUBNET-CLASSIC, F-V2-INTEG, F-V2-INJECT). */
export interface SubnetNeed {
  /** IP addresses the instance takes. */
  readonly addresses: number;
  /** Largest prefix length allowed (smallest subnet). */
  readonly maxPrefix: number;
  /** "Premium × 2, Internal: 2 per unit + 1 for the internal load balancer". */
  readonly explain: string;
}

export function subnetNeed(region: ApimRegion): SubnetNeed | undefined {
  const { mode, tier } = modeOf(region);
  if (!tier || !mode || mode === 'none') return undefined;
  const units = unitsOf(region);
  if (units === undefined) return undefined;
  if (mode === 'v2-integration') return { addresses: 0, maxPrefix: SUBNET.v2MinPrefix, explain: `${tier.name} outbound VNet integration needs a /${SUBNET.v2MinPrefix} or larger subnet` };
  const perUnit = tier.ipsPerUnit;
  const ilb = mode === 'classic-internal' || mode === 'v2-injection' ? SUBNET.internalLoadBalancer : 0;
  const n = tier.name === 'Developer' ? 1 : Math.max(units, 1);
  const addresses = (tier.name === 'Developer' ? 1 : perUnit * n) + ilb;
  const what = tier.name === 'Developer' ? '1 for the Developer unit' : `${perUnit} per unit`;
  const explain = `${tier.name} × ${n}${ilb ? ' in Internal mode' : ''} needs ${addresses} (${what}${ilb ? ' + 1 for the internal load balancer' : ''})`;
  return { addresses, maxPrefix: tier.v2 ? SUBNET.v2MinPrefix : SUBNET.classicMinPrefix, explain };
}

export function cidrOf(text: string | undefined): Cidr | undefined {
  if (text === undefined) return undefined;
  const p = parseCidr(text.trim());
  return p.ok ? p.cidr : p.error === 'host-bits' ? p.aligned : undefined;
}

/** The largest prefix length (smallest subnet) that holds `need`. */
export function smallestFitting(need: SubnetNeed): number {
  for (let len = need.maxPrefix; len >= 8; len--) if (2 ** (32 - len) - SUBNET.reserved >= need.addresses) return len;
  return 8;
}

export function usable(c: Cidr): number {
  return azureUsable(c);
}

export function prefixText(region: ApimRegion): string | undefined {
  return asString(region.subnet?.addressPrefix.ev);
}
