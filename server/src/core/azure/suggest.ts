/**
 * Validation of one NSG address-prefix value (a service tag, `*`, or an address/CIDR) with
 * did-you-mean suggestions for misspelt tags (F-TAGS).
 */
import { looksLikeIpv6, parseCidr, type Cidr } from '../nsg/cidr';
import { memoByString } from '../nsg/memo';
import { findRegion, normalizeLocation, REGIONS, regionTagSuffix } from './regions';
import { AZURECLOUD_REGION_ALIASES, CLASSIC_TAGS, parseTagText, SERVICE_TAGS, type ServiceTagInfo } from './serviceTags';

export type TagCheck =
  /** Valid as written. `tag` is absent for `*`; `region` is the normalised location of a regional form. */
  | { readonly kind: 'ok'; readonly tag?: ServiceTagInfo; readonly region?: string }
  /** A known tag with the wrong casing of the tag part (the region part's casing is accepted). */
  | { readonly kind: 'casing'; readonly canonical: string }
  /**
   * Not a valid tag. `reason`: `tag` = no such tag; `region` = known tag, unknown region;
   * `not-regional` = the tag has no regional form; `wildcard` = `Any` (ARM wants `*`).
   */
  | { readonly kind: 'unknown'; readonly reason: 'tag' | 'region' | 'not-regional' | 'wildcard'; readonly suggestion?: string }
  /** A classic-deployment spelling (`INTERNET`), invalid in ARM. */
  | { readonly kind: 'classic'; readonly replacement: string }
  /**
   * A valid IPv4 address or CIDR (`cidr`), or an IPv6 prefix (`ipv6`, not analysed further).
   * `aligned` is set when host bits are set (`10.0.0.5/24` → `10.0.0.0/24`); `cidr` is then the aligned network.
   */
  | { readonly kind: 'address'; readonly cidr?: Cidr; readonly ipv6?: true; readonly aligned?: Cidr }
  /** Looks like an address but is malformed (`10.0.0.300/24`, `/33`). */
  | { readonly kind: 'bad-address'; readonly message: string };

/** Optimal-string-alignment Damerau-Levenshtein distance. */
export function damerauLevenshtein(a: string, b: string): number {
  const n = a.length;
  const m = b.length;
  if (n === 0) return m;
  if (m === 0) return n;
  let prev2 = new Array<number>(m + 1).fill(0);
  let prev = Array.from({ length: m + 1 }, (_, j) => j);
  let cur = new Array<number>(m + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
    }
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[m]!;
}

/** Lower case without spaces, `_`, `-` and `.`: the key for "same name, sloppy spelling". */
function squash(s: string): string {
  return s.toLowerCase().replace(/[\s_.-]+/g, '');
}

const SQUASHED: readonly { readonly key: string; readonly tag: ServiceTagInfo }[] = SERVICE_TAGS.map((tag) => ({ key: squash(tag.name), tag }));

/** Common informal names → tag (keys squashed). */
const ALIASES: ReadonlyMap<string, string> = new Map([
  ['keyvault', 'AzureKeyVault'],
  ['keyvaults', 'AzureKeyVault'],
  ['akv', 'AzureKeyVault'],
  ['azuresql', 'Sql'],
  ['sqldatabase', 'Sql'],
  ['azurestorage', 'Storage'],
  ['storageaccount', 'Storage'],
  ['azuread', 'AzureActiveDirectory'],
  ['aad', 'AzureActiveDirectory'],
  ['entraid', 'AzureActiveDirectory'],
  ['activedirectory', 'AzureActiveDirectory'],
  ['loadbalancer', 'AzureLoadBalancer'],
  ['trafficmanager', 'AzureTrafficManager'],
  ['eventhubs', 'EventHub'],
  ['azureeventhub', 'EventHub'],
  ['azureeventhubs', 'EventHub'],
  ['apim', 'ApiManagement'],
  ['azureapimanagement', 'ApiManagement'],
  ['vnet', 'VirtualNetwork'],
  ['loganalytics', 'AzureMonitor'],
  ['applicationinsights', 'AzureMonitor'],
  ['azurefrontdoor', 'AzureFrontDoor.Backend'],
  ['frontdoor', 'AzureFrontDoor.Backend'],
  ['servicebus', 'ServiceBus'],
  ['azureservicebus', 'ServiceBus'],
  ['cosmosdb', 'AzureCosmosDB'],
  ['azureconnector', 'AzureConnectors'],
  ['appgateway', 'GatewayManager'],
]);

/** The most likely tag for a misspelling, or undefined. */
export function suggestTag(text: string): ServiceTagInfo | undefined {
  const key = squash(text);
  if (key === '') return undefined;
  const same = SQUASHED.find((e) => e.key === key);
  if (same) return same.tag;
  const alias = ALIASES.get(key);
  if (alias) return SERVICE_TAGS.find((t) => t.name === alias);
  const withAzure = SQUASHED.find((e) => e.key === 'azure' + key);
  if (withAzure) return withAzure.tag;
  let best: ServiceTagInfo | undefined;
  let bestScore = Infinity;
  const limit = Math.max(1, Math.floor(key.length / 4));
  for (const e of SQUASHED) {
    if (Math.abs(e.key.length - key.length) > limit + 3) continue;
    let d = damerauLevenshtein(key, e.key);
    // `AzureMonitoring` → `AzureMonitor`: a known tag plus a short tail.
    if (key.length >= 6 && e.key.length >= 6 && (key.startsWith(e.key) || e.key.startsWith(key))) d = Math.min(d, 1 + Math.abs(e.key.length - key.length) / 10);
    if (d <= limit && d < bestScore) {
      best = e.tag;
      bestScore = d;
    }
  }
  return best;
}

/** The closest known region to a (misspelt) regional suffix, or undefined. */
export function suggestRegion(text: string): string | undefined {
  const key = normalizeLocation(text);
  const limit = Math.max(1, Math.floor(key.length / 4));
  let best: string | undefined;
  let bestD = Infinity;
  for (const r of REGIONS) {
    const d = damerauLevenshtein(key, r.name);
    if (d <= limit && d < bestD) {
      best = r.name;
      bestD = d;
    }
  }
  return best;
}

/**
 * Normalised location for a regional suffix of `tag` (`WestEurope` → `westeurope`, AzureCloud's
 * irregular `centralfrance` → `francecentral`), or undefined when the region is not known.
 */
export function tagRegionLocation(tagName: string, regionText: string): string | undefined {
  if (/\s/.test(regionText)) return undefined;
  if (tagName.toLowerCase() === 'azurecloud') {
    const alias = AZURECLOUD_REGION_ALIASES.get(regionText.toLowerCase());
    if (alias) return alias;
  }
  return findRegion(regionText)?.name;
}

const ADDRESS_LIKE = /^[\d./\s]+$/;

/**
 * Checks one address-prefix value as written in an NSG rule. Memoised (its results are never changed): the prefixes of a template's
 * rules repeat ('VirtualNetwork', 'Storage', '*' on every NSG), and each check runs regular expressions.
 */
export const checkServiceTag: (text: string) => TagCheck = memoByString(checkServiceTagOnce);

function checkServiceTagOnce(text: string): TagCheck {
  const s = text;
  if (s === '*') return { kind: 'ok' };
  if (/^any$/i.test(s.trim())) return { kind: 'unknown', reason: 'wildcard', suggestion: '*' };
  if (looksLikeIpv6(s)) return { kind: 'address', ipv6: true };
  if (ADDRESS_LIKE.test(s) && /\d/.test(s)) {
    const r = parseCidr(s);
    if (r.ok) return { kind: 'address', cidr: r.cidr };
    if (r.error === 'host-bits' && r.aligned) return { kind: 'address', cidr: r.aligned, aligned: r.aligned };
    return { kind: 'bad-address', message: r.message };
  }

  const classic = CLASSIC_TAGS.find((c) => c.name === s);
  if (classic) return { kind: 'classic', replacement: classic.replacement };

  const ref = parseTagText(s);
  if (ref.tag) {
    const canonTag = ref.tag.name;
    const tagOk = ref.tagText === canonTag;
    if (ref.regionText === undefined) return tagOk ? { kind: 'ok', tag: ref.tag } : { kind: 'casing', canonical: canonTag };
    if (!ref.tag.regional) return { kind: 'unknown', reason: 'not-regional', suggestion: canonTag };
    const loc = tagRegionLocation(canonTag, ref.regionText);
    if (loc === undefined) {
      const near = suggestRegion(ref.regionText);
      const region = near ? REGIONS.find((r) => r.name === near) : undefined;
      return { kind: 'unknown', reason: 'region', suggestion: region ? `${canonTag}.${regionTagSuffix(region)}` : canonTag };
    }
    return tagOk ? { kind: 'ok', tag: ref.tag, region: loc } : { kind: 'casing', canonical: `${canonTag}.${ref.regionText}` };
  }

  // Unknown tag part. Regional form of a misspelt tag: suggest for the tag part, keep the region.
  if (ref.regionText !== undefined) {
    const whole = suggestTag(s);
    if (whole && squash(whole.name) === squash(s)) return { kind: 'unknown', reason: 'tag', suggestion: whole.name };
    const base = suggestTag(ref.tagText);
    if (base) {
      const loc = base.regional ? tagRegionLocation(base.name, ref.regionText) : undefined;
      return { kind: 'unknown', reason: 'tag', suggestion: loc ? `${base.name}.${ref.regionText}` : base.name };
    }
    return whole ? { kind: 'unknown', reason: 'tag', suggestion: whole.name } : { kind: 'unknown', reason: 'tag' };
  }
  const sug = suggestTag(s);
  const classicLoose = CLASSIC_TAGS.find((c) => c.name.toLowerCase() === s.toLowerCase());
  if (!sug && classicLoose) return { kind: 'unknown', reason: 'tag', suggestion: classicLoose.replacement };
  return sug ? { kind: 'unknown', reason: 'tag', suggestion: sug.name } : { kind: 'unknown', reason: 'tag' };
}
