import { asString } from '../../arm/value';
import { flowsFor, type FlowRequirement } from '../../azure/apimRequirements';
import type { ApimRegion } from '../../model/networkModel';
import { UNKNOWN, type Flow } from '../../nsg/evaluate';
import { locationOf, modeOf } from './apim';

/** One flow an APIM region needs, as the NSG engine evaluates it. */
export interface RegionFlow {
  readonly req: FlowRequirement;
  readonly flow: Flow;
}

/** The engine's flow for requirement `req` of `region`: its subnet prefix and normalised location (or unknown). */
export function requirementFlow(req: FlowRequirement, region: ApimRegion): Flow {
  return {
    direction: req.direction,
    protocol: req.protocol,
    port: req.port,
    remote: req.remote === 'any' ? { kind: 'any' } : { kind: 'tag', tag: req.remote },
    subnetPrefix: asString(region.subnet?.addressPrefix.ev) ?? UNKNOWN,
    region: locationOf(region.location) ?? UNKNOWN,
  };
}

/** Every flow (required and optional) `region` needs through its subnet's NSG; empty when its mode or tier is unknown or it is not in a VNet. */
export function regionFlows(region: ApimRegion): RegionFlow[] {
  const { mode, tier } = modeOf(region);
  if (!mode || mode === 'none' || !tier) return [];
  return flowsFor(mode, tier.name.toLowerCase()).map((req) => ({ req, flow: requirementFlow(req, region) }));
}
