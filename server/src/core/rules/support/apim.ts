import { asNumber, asString } from '../../arm/value';
import type { NetworkMode } from '../../azure/apimRequirements';
import { tierOf, type TierSupport } from '../../azure/tiers';
import { normalizeLocation } from '../../azure/regions';
import type { ApimRegion, ApimService, Val } from '../../model/networkModel';

/** `virtualNetworkType` as written: 'none' when absent, undefined when unknown. */
export function vnetTypeOf(service: ApimService): 'none' | 'external' | 'internal' | 'other' | undefined {
  const ev = service.virtualNetworkType.ev;
  if (ev === undefined || ev.t === 'null') return 'none';
  const s = asString(ev);
  if (s === undefined) return undefined;
  const l = s.toLowerCase();
  return l === 'none' ? 'none' : l === 'external' ? 'external' : l === 'internal' ? 'internal' : 'other';
}

export interface RegionMode {
  readonly tier: TierSupport | undefined;
  /** The networking model; undefined when the tier or type is unknown; 'none' when not in a VNet. */
  readonly mode: NetworkMode | 'none' | undefined;
  /** External or Internal (known), whatever the tier. */
  readonly injected: boolean;
  readonly internal: boolean;
}

/** How a region of the instance uses its VNet, from tier × virtualNetworkType (F-TIERS, F-V2-*). */
export function modeOf(region: ApimRegion): RegionMode {
  const t = vnetTypeOf(region.service);
  const tier = tierOf(asString(region.skuName.ev));
  const injected = t === 'external' || t === 'internal';
  const internal = t === 'internal';
  if (t === 'none') return { tier, mode: 'none', injected, internal };
  if (!injected || !tier) return { tier, mode: undefined, injected, internal };
  if (tier.v2) return { tier, mode: internal ? 'v2-injection' : 'v2-integration', injected, internal };
  return { tier, mode: internal ? 'classic-internal' : 'classic-external', injected, internal };
}

/** Units of a region: sku.capacity, 1 when absent. */
export function unitsOf(region: ApimRegion): number | undefined {
  if (region.capacity.ev === undefined) return 1;
  return asNumber(region.capacity.ev);
}

export function locationOf(v: Val): string | undefined {
  const s = asString(v.ev);
  return s === undefined ? undefined : normalizeLocation(s);
}

/** "apim-contoso (West Europe)" style label for messages. */
export function regionLabel(region: ApimRegion): string {
  const name = asString(region.service.name.ev) ?? 'the API Management instance';
  const loc = asString(region.location.ev);
  return region.primary || !loc ? `'${name}'` : `'${name}' in ${loc}`;
}
