/**
 * The traffic flows an API Management instance needs through the NSG of its subnet, per networking
 * model. One table, reviewed against ../shared/apim-network-facts.md (fact ids in `fact`).
 * Source: Microsoft Learn "Virtual network configuration reference: API Management" (VNR, 06/2025),
 * "Inject an Azure API Management instance in a private virtual network - Premium v2" (IV2, V2NSG).
 */

/** How the instance uses its subnet. */
export type NetworkMode =
  | 'classic-external' // Developer/Premium, virtualNetworkType External (F-TIERS-1)
  | 'classic-internal' // Developer/Premium, virtualNetworkType Internal
  | 'v2-integration' // StandardV2/PremiumV2 outbound integration (F-V2-INTEG)
  | 'v2-injection'; // PremiumV2 injection (F-V2-INJECT)

export interface FlowRequirement {
  /** Stable id, used in messages and fix rule names. */
  readonly id: string;
  readonly direction: 'Inbound' | 'Outbound';
  readonly protocol: 'Tcp' | 'Udp';
  readonly port: number;
  /** The remote service tag; 'any' means any source will do (client traffic, e.g. through Front Door). */
  readonly remote: string | 'any';
  /** What the flow is for, in the user's terms. */
  readonly purpose: string;
  /** Required for deployment/operation, or only for the named feature. */
  readonly required: boolean;
  readonly modes: readonly NetworkMode[];
  /** Tiers for which the flow is not needed although the mode applies (F-PORT-6390). */
  readonly notForTiers?: readonly string[];
  /** Fact id in apim-network-facts.md. */
  readonly fact: string;
  /** Tags that may stand in a regional form for this flow (F-TAGS-REGIONAL). */
  readonly regional?: boolean;
  /** Name of the rule our fixes write. Flows that share it and differ only in consecutive ports are written as one range rule. */
  readonly ruleName: string;
  /**
   * Not looked for as the intended target of a near-miss port: flows with VirtualNetwork at both ends
   * share that tag with all the VNet's own traffic, so a port next to theirs is as likely another service.
   */
  readonly noNearMiss?: boolean;
  /** Required (with this purpose) when the instance has additional locations (F-PORT-TABLE P15: multi-region routing). */
  readonly requiredMultiRegion?: { readonly purpose: string };
  /** For a flow an additional region needs to the primary region's regional tag: the table's flow it derives from (F-TAGS-REGIONAL). */
  readonly primaryRegionOf?: FlowRequirement;
}

const CLASSIC: readonly NetworkMode[] = ['classic-external', 'classic-internal'];

export const FLOW_REQUIREMENTS: readonly FlowRequirement[] = [
  { id: 'client-443', direction: 'Inbound', protocol: 'Tcp', port: 443, remote: 'any', purpose: 'client traffic to the gateway and the developer portal', required: true, modes: ['classic-external'], fact: 'F-PORT-TABLE P1', ruleName: 'AllowClientHttpsInbound' },
  { id: 'client-80', direction: 'Inbound', protocol: 'Tcp', port: 80, remote: 'any', purpose: 'client HTTP traffic (optional)', required: false, modes: ['classic-external'], fact: 'F-PORT-TABLE P1', ruleName: 'AllowClientHttpInbound' },
  { id: 'management-3443', direction: 'Inbound', protocol: 'Tcp', port: 3443, remote: 'ApiManagement', purpose: 'management endpoint for the Azure portal and PowerShell (control plane)', required: true, modes: CLASSIC, fact: 'F-PORT-TABLE P2', ruleName: 'AllowApiManagementInbound' },
  { id: 'lb-6390', direction: 'Inbound', protocol: 'Tcp', port: 6390, remote: 'AzureLoadBalancer', purpose: 'Azure infrastructure load balancer health probe', required: true, modes: CLASSIC, notForTiers: ['developer'], fact: 'F-PORT-TABLE P14, F-PORT-6390', ruleName: 'AllowAzureLoadBalancerInbound' },
  { id: 'lb-6391', direction: 'Inbound', protocol: 'Tcp', port: 6391, remote: 'AzureLoadBalancer', purpose: 'per-machine health monitoring (optional)', required: false, modes: CLASSIC, fact: 'F-PORT-TABLE P16', ruleName: 'AllowAzureLoadBalancerMonitoringInbound' },
  { id: 'trafficmanager-443', direction: 'Inbound', protocol: 'Tcp', port: 443, remote: 'AzureTrafficManager', purpose: 'Azure Traffic Manager routing for multi-region deployments', required: false, modes: ['classic-external'], fact: 'F-PORT-TABLE P15', ruleName: 'AllowTrafficManagerInbound', requiredMultiRegion: { purpose: 'Azure Traffic Manager routing between the regions of a multi-region instance' } },
  { id: 'internet-80', direction: 'Outbound', protocol: 'Tcp', port: 80, remote: 'Internet', purpose: 'certificate validation and management (CRL and OCSP downloads)', required: true, modes: CLASSIC, fact: 'F-PORT-TABLE P3, F-PORT-OUT-80', ruleName: 'AllowInternetHttpOutbound' },
  { id: 'storage-443', direction: 'Outbound', protocol: 'Tcp', port: 443, remote: 'Storage', purpose: 'dependency on Azure Storage (service files, logs, developer portal)', required: true, modes: [...CLASSIC, 'v2-injection'], fact: 'F-PORT-TABLE P4, F-NSG-REQUIRED-4', regional: true, ruleName: 'AllowStorageOutbound' },
  { id: 'sql-1433', direction: 'Outbound', protocol: 'Tcp', port: 1433, remote: 'Sql', purpose: 'access to Azure SQL endpoints (core service configuration)', required: true, modes: CLASSIC, fact: 'F-PORT-TABLE P7', regional: true, ruleName: 'AllowSqlOutbound' },
  { id: 'keyvault-443', direction: 'Outbound', protocol: 'Tcp', port: 443, remote: 'AzureKeyVault', purpose: 'access to Azure Key Vault (certificates and named values)', required: true, modes: CLASSIC, fact: 'F-PORT-TABLE P8', ruleName: 'AllowKeyVaultOutbound' },
  { id: 'monitor-1886', direction: 'Outbound', protocol: 'Tcp', port: 1886, remote: 'AzureMonitor', purpose: 'diagnostic logs, metrics and Resource Health to Azure Monitor', required: true, modes: CLASSIC, fact: 'F-PORT-TABLE P10', ruleName: 'AllowAzureMonitorOutbound' },
  { id: 'monitor-443', direction: 'Outbound', protocol: 'Tcp', port: 443, remote: 'AzureMonitor', purpose: 'metrics and Application Insights to Azure Monitor', required: true, modes: CLASSIC, fact: 'F-PORT-TABLE P10', ruleName: 'AllowAzureMonitorHttpsOutbound' },
  { id: 'aad-443', direction: 'Outbound', protocol: 'Tcp', port: 443, remote: 'AzureActiveDirectory', purpose: 'Microsoft Entra ID and Microsoft Graph (optional)', required: false, modes: CLASSIC, fact: 'F-PORT-TABLE P5', ruleName: 'AllowEntraIdOutbound' },
  { id: 'connectors-443', direction: 'Outbound', protocol: 'Tcp', port: 443, remote: 'AzureConnectors', purpose: 'managed connections (optional)', required: false, modes: CLASSIC, fact: 'F-PORT-TABLE P6', ruleName: 'AllowConnectorsOutbound' },
  { id: 'eventhub-5671', direction: 'Outbound', protocol: 'Tcp', port: 5671, remote: 'EventHub', purpose: 'log-to-eventhub policy (optional)', required: false, modes: CLASSIC, fact: 'F-PORT-TABLE P9', regional: true, ruleName: 'AllowEventHubOutbound' },
  { id: 'eventhub-5672', direction: 'Outbound', protocol: 'Tcp', port: 5672, remote: 'EventHub', purpose: 'log-to-eventhub policy (optional)', required: false, modes: CLASSIC, fact: 'F-PORT-TABLE P9', regional: true, ruleName: 'AllowEventHubAmqpOutbound' },
  { id: 'eventhub-443', direction: 'Outbound', protocol: 'Tcp', port: 443, remote: 'EventHub', purpose: 'log-to-eventhub policy (optional)', required: false, modes: CLASSIC, fact: 'F-PORT-TABLE P9', regional: true, ruleName: 'AllowEventHubHttpsOutbound' },
  { id: 'ratelimit-4290-in', direction: 'Inbound', protocol: 'Udp', port: 4290, remote: 'VirtualNetwork', purpose: 'rate-limit counter sync between units (optional)', required: false, modes: CLASSIC, fact: 'F-PORT-TABLE P13, F-PORT-4290', ruleName: 'AllowRateLimitSyncInbound' },
  { id: 'ratelimit-4290-out', direction: 'Outbound', protocol: 'Udp', port: 4290, remote: 'VirtualNetwork', purpose: 'rate-limit counter sync between units (optional)', required: false, modes: CLASSIC, fact: 'F-PORT-TABLE P13, F-PORT-4290', ruleName: 'AllowRateLimitSyncOutbound' },
  { id: 'redis-6380-in', direction: 'Inbound', protocol: 'Tcp', port: 6380, remote: 'VirtualNetwork', purpose: 'external Azure Cache for Redis (optional)', required: false, modes: CLASSIC, fact: 'F-PORT-TABLE P11', ruleName: 'AllowRedisCacheInbound', noNearMiss: true },
  { id: 'redis-6380-out', direction: 'Outbound', protocol: 'Tcp', port: 6380, remote: 'VirtualNetwork', purpose: 'external Azure Cache for Redis (optional)', required: false, modes: CLASSIC, fact: 'F-PORT-TABLE P11', ruleName: 'AllowRedisCacheOutbound', noNearMiss: true },
  // P12 is one range, 6381-6383: one flow per port, so that every port is judged; fixes write them as one rule.
  ...[6381, 6382, 6383].flatMap((port): FlowRequirement[] => [
    { id: `cachesync-${port}-in`, direction: 'Inbound', protocol: 'Tcp', port, remote: 'VirtualNetwork', purpose: 'internal cache sync between units (optional)', required: false, modes: CLASSIC, fact: 'F-PORT-TABLE P12', ruleName: 'AllowCacheSyncInbound', noNearMiss: true },
    { id: `cachesync-${port}-out`, direction: 'Outbound', protocol: 'Tcp', port, remote: 'VirtualNetwork', purpose: 'internal cache sync between units (optional)', required: false, modes: CLASSIC, fact: 'F-PORT-TABLE P12', ruleName: 'AllowCacheSyncOutbound', noNearMiss: true },
  ]),
];

/** Two requirements one rule serves when their ports are consecutive (same rule name, direction, protocol and remote). */
export function sameRule(a: FlowRequirement, b: FlowRequirement): boolean {
  return a.ruleName === b.ruleName && a.direction === b.direction && a.protocol === b.protocol && a.remote === b.remote;
}

/** Requirements in order, consecutive ports of one rule merged (`to` = the last port): P12 is 6381-6383, one line. */
export function portRuns(reqs: readonly FlowRequirement[]): { req: FlowRequirement; to: number }[] {
  return portRunsOf(reqs, (r) => r);
}

/** `portRuns` of items that each carry a requirement; each run lists its items (the first one's `req` names it). */
export function portRunsOf<T>(items: readonly T[], reqOf: (item: T) => FlowRequirement): { req: FlowRequirement; to: number; items: T[] }[] {
  const out: { req: FlowRequirement; to: number; items: T[] }[] = [];
  for (const item of items) {
    const req = reqOf(item);
    const run = out.find((o) => sameRule(o.req, req) && o.to + 1 === req.port);
    if (run) {
      run.to = req.port;
      run.items.push(item);
    } else out.push({ req, to: req.port, items: [item] });
  }
  return out;
}

/** The flows that apply to an instance of `tier` (lower-case sku name) in `mode`. Shared per mode and tier: do not modify the result. */
export function flowsFor(mode: NetworkMode, tier: string): readonly FlowRequirement[] {
  let byTier = flowsCache.get(mode);
  if (!byTier) flowsCache.set(mode, (byTier = new Map()));
  let flows = byTier.get(tier);
  if (!flows) {
    flows = FLOW_REQUIREMENTS.filter((f) => f.modes.includes(mode) && !(f.notForTiers ?? []).includes(tier));
    // tiers are the few sku names of tierOf; anything else is not kept (the map stays small)
    if (byTier.size < 64) byTier.set(tier, flows);
  }
  return flows;
}

/** flowsFor per mode and tier: asked once per APIM region (300 in the benchmark), always the same few answers. */
const flowsCache = new Map<NetworkMode, Map<string, readonly FlowRequirement[]>>();

/**
 * Ports that are easy to mistype for a required one; a rule that opens one of these to the right
 * tag but not the right port is reported as a near miss (real templates had 433 and 1443).
 */
export function isNearMissPort(written: number, wanted: number): boolean {
  if (written === wanted) return false;
  if (!Number.isInteger(written) || !Number.isInteger(wanted) || written < 0 || wanted < 0 || written > 65535 || wanted > 65535) return nearMiss(written, wanted);
  const key = written * 65536 + wanted;
  let v = nearMissCache.get(key);
  if (v === undefined) {
    if (nearMissCache.size >= 4096) nearMissCache.clear();
    nearMissCache.set(key, (v = nearMiss(written, wanted)));
  }
  return v;
}

/** isNearMissPort per (written, wanted) port pair: the same ports are asked about for every rule. */
const nearMissCache = new Map<number, boolean>();

function nearMiss(written: number, wanted: number): boolean {
  const a = String(written);
  const b = String(wanted);
  return editDistance(a, b) === 1 || (a.length === b.length && isTransposition(a, b));
}

function isTransposition(a: string, b: string): boolean {
  const diff: number[] = [];
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) diff.push(i);
  return diff.length === 2 && diff[1] === diff[0]! + 1 && a[diff[0]!] === b[diff[1]!] && a[diff[1]!] === b[diff[0]!];
}

function editDistance(a: string, b: string): number {
  const dp = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) dp[0]![j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      dp[i]![j] = Math.min(dp[i - 1]![j]! + 1, dp[i]![j - 1]! + 1, dp[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
  return dp[a.length]![b.length]!;
}
