import { asString } from '../../arm/value';
import { flowsFor, type FlowRequirement, type NetworkMode } from '../../azure/apimRequirements';
import { findRegion, regionTagSuffix } from '../../azure/regions';
import type { TierSupport } from '../../azure/tiers';
import type { ApimRegion } from '../../model/networkModel';
import { UNKNOWN, type Flow, type Maybe } from '../../nsg/evaluate';
import { lowerName, memoByObject, memoByString } from '../../nsg/memo';
import { locationOf, modeOf } from './apim';

/** One flow an APIM region needs, as the NSG engine evaluates it. */
export interface RegionFlow {
  readonly req: FlowRequirement;
  readonly flow: Flow;
}

/** The engine's flow for each of `reqs` of `region`, in order: its subnet prefix and normalised location (or unknown), read once. */
export function requirementFlows(reqs: readonly FlowRequirement[], region: ApimRegion): Flow[] {
  const subnetPrefix = subnetPrefixOf(region);
  const location = regionOf(region);
  const remotes = remotesOf(reqs);
  const out: Flow[] = new Array(reqs.length);
  for (let i = 0; i < reqs.length; i++) {
    const req = reqs[i]!;
    out[i] = { direction: req.direction, protocol: req.protocol, port: req.port, remote: remotes[i]!, subnetPrefix, region: location };
  }
  return out;
}

const subnetPrefixOf = (region: ApimRegion): Maybe<string> => asString(region.subnet?.addressPrefix.ev) ?? UNKNOWN;
const regionOf = (region: ApimRegion): Maybe<string> => locationOf(region.location) ?? UNKNOWN;

/** Remote ends are immutable and the table has a few dozen: one object per remote text, shared by every region. */
const ANY: Flow['remote'] = { kind: 'any' };
const tagRemote = memoByString((tag: string): Flow['remote'] => ({ kind: 'tag', tag }));
const remoteOf = (remote: string): Flow['remote'] => (remote === 'any' ? ANY : tagRemote(remote));

/**
 * The remote ends of a list of requirements. The lists are the requirement table's own, shared by every region
 * of a tier and mode (`flowsFor`): read once per list rather than by a lookup of the remote's text per flow.
 */
const remotesOf = memoByObject((reqs: readonly FlowRequirement[]): readonly Flow['remote'][] => reqs.map((r) => remoteOf(r.remote)));

/** Every flow (required and optional) `region` needs through its subnet's NSG; empty when its mode or tier is unknown or it is not in a VNet. */
export function regionFlows(region: ApimRegion): RegionFlow[] {
  const { mode, tier } = modeOf(region);
  if (!mode || mode === 'none' || !tier) return [];
  const reqs = regionRequirements(region, mode, tier);
  const flows = requirementFlows(reqs, region);
  return reqs.map((req, i) => ({ req, flow: flows[i]! }));
}

/**
 * The requirements of one region of an instance: the table's for its tier and mode (`flowsFor`), adjusted
 * for an instance with additional locations (known to have some):
 * - inbound 443 from AzureTrafficManager is required (F-PORT-TABLE P15: required for multi-region routing,
 *   External mode);
 * - an additional region also needs the primary region's regional tags for Storage, Sql and EventHub
 *   (F-TAGS-REGIONAL, classic injection), as flows to `Storage.<PrimaryRegion>` and so on: a rule for the
 *   plain tag covers them, one for the region's own regional tag does not.
 */
export function regionRequirements(region: ApimRegion, mode: NetworkMode, tier: TierSupport): readonly FlowRequirement[] {
  const base = flowsFor(mode, lowerName(tier.name));
  if (region.service.regions.length < 2) return base;
  const out = base.map((req) => (req.requiredMultiRegion ? requiredForMultiRegion(req, req.requiredMultiRegion.purpose) : req));
  if (region.primary || (mode !== 'classic-external' && mode !== 'classic-internal')) return out;
  const primary = region.service.regions.find((r) => r.primary);
  const primaryLocation = primary ? locationOf(primary.location) : undefined;
  const primaryRegion = primaryLocation === undefined ? undefined : findRegion(primaryLocation);
  if (!primaryRegion || locationOf(region.location) === primaryRegion.name) return out;
  for (const req of base) if (req.regional) out.push(inPrimaryRegion(req, primaryRegion.name, regionTagSuffix(primaryRegion), primaryRegion.display));
  return out;
}

// Derived requirements are made once, so that each is one object wherever it is used (maps, sets, tests).
const requiredCache = new Map<FlowRequirement, FlowRequirement>();
const primaryCache = new Map<string, FlowRequirement>();

function requiredForMultiRegion(req: FlowRequirement, purpose: string): FlowRequirement {
  let r = requiredCache.get(req);
  if (!r) requiredCache.set(req, (r = { ...req, required: true, purpose }));
  return r;
}

function inPrimaryRegion(req: FlowRequirement, location: string, suffix: string, display: string): FlowRequirement {
  const key = `${req.id}|${location}`;
  let r = primaryCache.get(key);
  if (!r) {
    r = {
      ...req,
      id: `${req.id}-primary`,
      remote: `${req.remote}.${suffix}`,
      purpose: `${req.purpose.replace(' (optional)', '')}, in the primary region ${display}${req.required ? '' : ' (optional)'}`,
      fact: `${req.fact}, F-TAGS-REGIONAL`,
      ruleName: req.ruleName.replace(/Outbound$/, 'PrimaryRegionOutbound'),
      primaryRegionOf: req,
    };
    primaryCache.set(key, r);
  }
  return r;
}
