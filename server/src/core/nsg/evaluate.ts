/**
 * NSG evaluation as Azure does it (F-NSG-DEFAULTS): the rules of the flow's direction in ascending
 * priority, the first matching rule decides, the default rules come last.
 *
 * Tri-state: any field may be an unknown ARM expression (`UNKNOWN`). A rule that *may* match
 * (unknown match) before the deciding rule makes the verdict unknown, unless its access equals the
 * decision (then it could not change the outcome). Rules with an unknown priority may sit anywhere
 * in 100–4096 and are checked the same way against the decision.
 *
 * Cost: `compileNsg` parses and sorts once (O(r log r)); `evaluateFlow` is O(rules of the flow's
 * direction), each rule costing O(its prefixes + ports).
 */
import { parseTagText, type ServiceTagInfo } from '../azure/serviceTags';
import { normalizeLocation } from '../azure/regions';
import { tagRegionLocation } from '../azure/suggest';
import { cidrContains, cidrOverlaps, parseCidrLenient, type Cidr } from './cidr';
import { coversAllPorts, parsePortSpec, portInRanges, type PortRange } from './ports';
import { memoByString, memoLast } from './memo';
import { sameName } from '../text/sourceNode';
import { compilePrefix, type CompiledPrefix } from './prefix';

export const UNKNOWN: unique symbol = Symbol('unknown');
export type Maybe<T> = T | typeof UNKNOWN;

export interface RuleView {
  /** The caller's id for the rule (default rules use negative keys). */
  readonly key: number;
  readonly name: string;
  readonly priority: Maybe<number>;
  readonly direction: Maybe<string>;
  readonly access: Maybe<string>;
  readonly protocol: Maybe<string>;
  readonly sourcePrefixes: readonly Maybe<string>[];
  readonly destinationPrefixes: readonly Maybe<string>[];
  readonly sourcePorts: readonly Maybe<string>[];
  readonly destinationPorts: readonly Maybe<string>[];
  readonly isDefault?: boolean;
  /** The rule may not be deployed (its resource's `condition` is unknown): it matches at most "maybe". */
  readonly conditional?: boolean;
}

function def(key: number, name: string, priority: number, direction: string, access: string, src: string, dst: string): RuleView {
  return {
    key,
    name,
    priority,
    direction,
    access,
    protocol: '*',
    sourcePrefixes: [src],
    destinationPrefixes: [dst],
    sourcePorts: ['*'],
    destinationPorts: ['*'],
    isDefault: true,
  };
}

/** The implicit rules of every NSG (F-NSG-DEFAULTS). */
export const DEFAULT_RULES: readonly RuleView[] = [
  def(-1, 'AllowVnetInBound', 65000, 'Inbound', 'Allow', 'VirtualNetwork', 'VirtualNetwork'),
  def(-2, 'AllowAzureLoadBalancerInBound', 65001, 'Inbound', 'Allow', 'AzureLoadBalancer', '*'),
  def(-3, 'DenyAllInBound', 65500, 'Inbound', 'Deny', '*', '*'),
  def(-4, 'AllowVnetOutBound', 65000, 'Outbound', 'Allow', 'VirtualNetwork', 'VirtualNetwork'),
  def(-5, 'AllowInternetOutBound', 65001, 'Outbound', 'Allow', '*', 'Internet'),
  def(-6, 'DenyAllOutBound', 65500, 'Outbound', 'Deny', '*', '*'),
];

/** One traffic flow between the APIM subnet and a remote endpoint. */
export interface Flow {
  readonly direction: 'Inbound' | 'Outbound';
  readonly protocol: 'Tcp' | 'Udp';
  readonly port: number;
  /**
   * The remote end. `any` = arbitrary external clients (e.g. External-mode client traffic): a rule
   * covers it fully with `*`, `0.0.0.0/0` or `Internet`, and partly with any other public tag or a
   * literal address (an Allow of that kind gives `allowed` with `partial: true`; such a Deny is
   * passed over, since other clients remain). VirtualNetwork, AzureLoadBalancer and the platform
   * tags do not match `any`.
   */
  readonly remote: { readonly kind: 'tag'; readonly tag: string } | { readonly kind: 'any' };
  /** The APIM subnet (the local end). */
  readonly subnetPrefix: Maybe<string>;
  /** Normalised APIM region, for regional tags. */
  readonly region: Maybe<string>;
}

export type Verdict =
  | { readonly outcome: 'allowed'; readonly rule: RuleView; readonly partial?: true }
  | { readonly outcome: 'default-allowed'; readonly rule: RuleView }
  | { readonly outcome: 'blocked'; readonly rule: RuleView }
  | { readonly outcome: 'unknown'; readonly rule?: RuleView; readonly why: string };

// ---------------------------------------------------------------------------------------------
// Compilation

type Dir = 'Inbound' | 'Outbound';
type Access = 'Allow' | 'Deny';
/** `all`: the ranges cover every port (computed once, for source ports). */
type CPorts = { readonly k: 'ranges'; readonly ranges: readonly PortRange[]; readonly all: boolean } | { readonly k: 'unknown' };

interface CRule {
  readonly view: RuleView;
  readonly prio: number | undefined;
  /** undefined = unknown (or invalid) direction: the rule is listed in both directions. */
  readonly dir: Dir | undefined;
  /** undefined = unknown (or invalid) access. */
  readonly access: Access | undefined;
  /** lower case, or UNKNOWN. */
  readonly proto: Maybe<string>;
  readonly src: readonly (CompiledPrefix)[];
  readonly dst: readonly (CompiledPrefix)[];
  readonly srcPorts: readonly CPorts[];
  readonly dstPorts: readonly CPorts[];
  readonly conditional: boolean;
}

export interface CompiledNsg {
  /** Known-priority rules in evaluation order, defaults last. */
  readonly inbound: readonly CRule[];
  readonly outbound: readonly CRule[];
  /** Rules whose priority is unknown. */
  readonly inboundFloating: readonly CRule[];
  readonly outboundFloating: readonly CRule[];
}

const UNKNOWN_PREFIX: CompiledPrefix = { k: 'unknown' };
const UNKNOWN_PORTS: CPorts = { k: 'unknown' };

/** Compiled port specs, per spec text (immutable; specs repeat across rules and NSGs). */
const compiledPort = memoByString((p: string): CPorts => {
  const r = parsePortSpec(p.trim());
  const ranges = r.ok ? r.ranges : [];
  return { k: 'ranges', ranges, all: coversAllPorts(ranges) };
});

const compilePrefixes = listCompiler(compilePrefix, UNKNOWN_PREFIX);
const compilePorts = listCompiler(compiledPort, UNKNOWN_PORTS);

/**
 * A compiler of rule field lists (`sourceAddressPrefixes`, `destinationPortRanges`...): each text through
 * `one`, an unknown item as `unknown`. Most lists have one item: its compiled list is shared per text
 * (immutable, like the items) instead of a new array per rule.
 */
function listCompiler<C>(one: (text: string) => C, unknown: C): (list: readonly Maybe<string>[]) => readonly C[] {
  const unknownList: readonly C[] = [unknown];
  const single = memoByString((text: string): readonly C[] => [one(text)]);
  return (list) => {
    if (list.length === 1) {
      const p = list[0]!;
      return p === UNKNOWN ? unknownList : single(p);
    }
    return list.map((p) => (p === UNKNOWN ? unknown : one(p)));
  };
}

/**
 * A rule's protocol, trimmed and lower-cased (a handful of spellings repeat on every rule). Consecutive rules
 * mostly share theirs (9 in 10 on the 2 MB benchmark template): the last one is kept in front of the table.
 */
const protocolOf = memoLast(memoByString((p: string) => p.trim().toLowerCase()));

/** One of two names, compared as ARM compares them (`sameName`: no lower-cased copy or memo lookup per rule). */
function oneOf<A extends string, B extends string>(v: Maybe<string>, a: A, b: B): A | B | undefined {
  if (v === UNKNOWN) return undefined;
  return sameName(v, a) ? a : sameName(v, b) ? b : undefined;
}

function compileRule(view: RuleView): CRule {
  const prio = view.priority !== UNKNOWN && Number.isFinite(view.priority) ? view.priority : undefined;
  return {
    view,
    prio,
    dir: oneOf(view.direction, 'Inbound', 'Outbound'),
    access: oneOf(view.access, 'Allow', 'Deny'),
    proto: view.protocol === UNKNOWN ? UNKNOWN : protocolOf(view.protocol),
    src: compilePrefixes(view.sourcePrefixes),
    dst: compilePrefixes(view.destinationPrefixes),
    srcPorts: compilePorts(view.sourcePorts),
    dstPorts: compilePorts(view.destinationPorts),
    conditional: view.conditional === true,
  };
}

/**
 * Sorts rules by priority, stable. An NSG has a dozen rules per direction: an insertion sort, which allocates
 * nothing (`Array.prototype.sort` copies the array into a work area: 0.5 MB per 2 MB template); the built-in
 * sort (stable too) beyond 32.
 */
function sortByPriority(rules: CRule[]): void {
  if (rules.length > 32) {
    rules.sort((x, y) => x.prio! - y.prio!);
    return;
  }
  for (let i = 1; i < rules.length; i++) {
    const r = rules[i]!;
    let j = i - 1;
    while (j >= 0 && rules[j]!.prio! > r.prio!) {
      rules[j + 1] = rules[j]!;
      j--;
    }
    rules[j + 1] = r;
  }
}

let compiledDefaults: readonly CRule[] | undefined;
function defaults(): readonly CRule[] {
  return (compiledDefaults ??= DEFAULT_RULES.map(compileRule));
}

/**
 * Compiles the user rules of one NSG: per direction, known priorities in ascending order (stable, so
 * duplicate priorities keep their input order), then the default rules. Rules with an unknown
 * priority are kept aside; rules with an unknown direction are listed in both directions.
 */
export function compileNsg(rules: readonly RuleView[]): CompiledNsg {
  const inbound: CRule[] = [];
  const outbound: CRule[] = [];
  const inboundFloating: CRule[] = [];
  const outboundFloating: CRule[] = [];
  for (const view of rules) {
    const c = compileRule(view);
    const toIn = c.dir !== 'Outbound';
    const toOut = c.dir !== 'Inbound';
    if (c.prio === undefined) {
      if (toIn) inboundFloating.push(c);
      if (toOut) outboundFloating.push(c);
    } else {
      if (toIn) inbound.push(c);
      if (toOut) outbound.push(c);
    }
  }
  sortByPriority(inbound);
  sortByPriority(outbound);
  for (const d of defaults()) (d.dir === 'Inbound' ? inbound : outbound).push(d);
  return { inbound, outbound, inboundFloating, outboundFloating };
}

// ---------------------------------------------------------------------------------------------
// Matching. Match levels are ordered so that OR = max and AND = min.

const NO = 0;
const MAYBE = 1; // unknown
const SOME = 2; // partial cover of an `any` remote
const YES = 3;
type M = 0 | 1 | 2 | 3;

interface FlowCtx {
  readonly flow: Flow;
  /** Remote tag info (undefined for `any` or an unknown tag). */
  readonly remoteBase?: string;
  readonly remoteInfo?: ServiceTagInfo;
  /** Region of the remote tag: its own suffix, else the flow region; UNKNOWN when unknown. */
  readonly remoteRegion: Maybe<string | null>;
  readonly subnet: Maybe<Cidr | null>;
  readonly proto: string;
}

/** The remote end's tag, resolved once per tag text: `region` undefined = the flow's own region. */
interface RemoteTag {
  readonly base: string;
  readonly info?: ServiceTagInfo;
  readonly region?: string | null;
}

const remoteTag = memoByString((tag: string): RemoteTag => {
  const ref = parseTagText(tag);
  const info = ref.tag;
  if (!info) return { base: tag.toLowerCase() };
  const base = info.name.toLowerCase();
  return ref.regionText !== undefined ? { base, info, region: tagRegionLocation(info.name, ref.regionText) ?? null } : { base, info };
});

/**
 * `remoteTag` of a flow's remote end. Flows share their remote objects per tag (support/regionFlows.ts), and
 * consecutive flows often have the same one (half of them on the 2 MB benchmark template): the last one is kept.
 */
const remoteTagOf = memoLast((remote: { readonly kind: 'tag'; readonly tag: string }): RemoteTag => remoteTag(remote.tag));

/**
 * A flow's location normalised and its subnet prefix parsed. The flows of one region arrive together and share
 * both (27 per region): the last one is kept, in front of the memo tables (locations and prefixes repeat across
 * regions too).
 */
const flowRegionOf = memoLast(memoByString(normalizeLocation));
const subnetOf = memoLast((text: string): Cidr | null => parseCidrLenient(text) ?? null);

/** A flow's protocol as the compiled rules hold theirs (lower case). */
const LOWER_PROTOCOL: Readonly<Record<Flow['protocol'], string>> = { Tcp: 'tcp', Udp: 'udp' };

function flowCtx(flow: Flow): FlowCtx {
  const subnet = flow.subnetPrefix === UNKNOWN ? UNKNOWN : subnetOf(flow.subnetPrefix);
  const flowRegion = flow.region === UNKNOWN ? UNKNOWN : flowRegionOf(flow.region);
  const proto = LOWER_PROTOCOL[flow.protocol];
  if (flow.remote.kind === 'any') return { flow, remoteRegion: flowRegion, subnet, proto };
  const r = remoteTagOf(flow.remote);
  const remoteRegion = r.region === undefined ? flowRegion : r.region;
  return { flow, remoteBase: r.base, remoteInfo: r.info, remoteRegion, subnet, proto };
}

function regionMatch(ruleRegion: string | null | undefined, ctx: FlowCtx): M {
  if (ruleRegion === undefined) return YES;
  if (ruleRegion === null) return NO;
  if (ctx.remoteRegion === UNKNOWN) return MAYBE;
  return ctx.remoteRegion === ruleRegion ? YES : NO;
}

function remoteOne(p: CompiledPrefix, ctx: FlowCtx): M {
  switch (p.k) {
    case 'all':
      return YES;
    case 'unknown':
      return MAYBE;
    case 'none':
      return NO;
    case 'cidr':
      return ctx.flow.remote.kind === 'any' ? SOME : NO;
    case 'tag': {
      if (ctx.flow.remote.kind === 'any') {
        if (p.base === 'internet' && p.region === undefined) return YES;
        return p.info?.publicAzure ? SOME : NO;
      }
      const info = ctx.remoteInfo;
      if (p.base === ctx.remoteBase) return regionMatch(p.region, ctx);
      if (p.base === 'internet') return p.region === undefined && info?.publicAzure ? YES : NO;
      if (p.base === 'azurecloud') {
        const inCloud = info?.inAzureCloud ?? 'no';
        if (inCloud === 'no') return NO;
        const r = regionMatch(p.region, ctx);
        return inCloud === 'yes' ? r : (Math.min(r, MAYBE) as M);
      }
      return NO;
    }
  }
}

function localOne(p: CompiledPrefix, ctx: FlowCtx): M {
  switch (p.k) {
    case 'all':
      return YES;
    case 'unknown':
      return MAYBE;
    case 'none':
      return NO;
    case 'tag':
      return p.base === 'virtualnetwork' && p.region === undefined ? YES : NO;
    case 'cidr': {
      if (ctx.subnet === UNKNOWN || ctx.subnet === null) return MAYBE;
      if (cidrContains(p.cidr, ctx.subnet)) return YES;
      return cidrOverlaps(p.cidr, ctx.subnet) ? MAYBE : NO;
    }
  }
}

// The four "any of the rule's items matches" levels below: an empty list (a missing field) cannot tell.

function dstPortLevel(list: readonly CPorts[], port: number): M {
  if (list.length === 0) return MAYBE;
  let best: M = NO;
  for (let i = 0; i < list.length; i++) {
    const p = list[i]!;
    const m = p.k === 'unknown' ? MAYBE : portInRanges(port, p.ranges) ? YES : NO;
    if (m > best) best = m;
    if (best === YES) break;
  }
  return best;
}

function srcPortLevel(list: readonly CPorts[]): M {
  if (list.length === 0) return MAYBE;
  let best: M = NO;
  for (let i = 0; i < list.length; i++) {
    const p = list[i]!;
    const m = p.k === 'unknown' ? MAYBE : p.all ? YES : NO;
    if (m > best) best = m;
    if (best === YES) break;
  }
  return best;
}

function prefixLevel(list: readonly CompiledPrefix[], ctx: FlowCtx, remote: boolean): M {
  if (list.length === 0) return MAYBE;
  let best: M = NO;
  for (let i = 0; i < list.length; i++) {
    const m = remote ? remoteOne(list[i]!, ctx) : localOne(list[i]!, ctx);
    if (m > best) best = m;
    if (best === YES) break;
  }
  return best;
}

type Field = 'direction' | 'protocol' | 'source address' | 'destination address' | 'source port' | 'destination port' | 'condition';

interface Match {
  readonly m: M;
  /** The field that made the match unknown. */
  readonly field?: Field;
}

/** The results without a field, shared (matching runs once per rule and flow). */
const MATCHES: readonly Match[] = [{ m: NO }, { m: MAYBE }, { m: SOME }, { m: YES }];

function matchRule(r: CRule, ctx: FlowCtx): Match {
  const inbound = ctx.flow.direction === 'Inbound';
  // AND of the fields' levels (min); `field` is the first field that made the match unknown.
  // Cheapest and most selective first.
  let m: M = r.proto === UNKNOWN ? MAYBE : r.proto === '*' || r.proto === 'any' || r.proto === ctx.proto ? YES : NO;
  if (m === NO) return MATCHES[NO]!;
  let field: Field | undefined = m === MAYBE ? 'protocol' : undefined;
  let x = dstPortLevel(r.dstPorts, ctx.flow.port);
  if (x === MAYBE && m > MAYBE) field = 'destination port';
  if (x < m) m = x;
  if (m === NO) return MATCHES[NO]!;
  x = srcPortLevel(r.srcPorts);
  if (x === MAYBE && m > MAYBE) field = 'source port';
  if (x < m) m = x;
  if (m === NO) return MATCHES[NO]!;
  x = prefixLevel(inbound ? r.src : r.dst, ctx, true);
  if (x === MAYBE && m > MAYBE) field = inbound ? 'source address' : 'destination address';
  if (x < m) m = x;
  if (m === NO) return MATCHES[NO]!;
  x = prefixLevel(inbound ? r.dst : r.src, ctx, false);
  if (x === MAYBE && m > MAYBE) field = inbound ? 'destination address' : 'source address';
  if (x < m) m = x;
  if (m === NO) return MATCHES[NO]!;
  if (r.dir === undefined) {
    if (m > MAYBE) field = 'direction';
    if (MAYBE < m) m = MAYBE;
  }
  // A rule that may not be deployed matches at most "maybe" (a partial Deny is passed over either way).
  if (r.conditional && m > MAYBE && !(m === SOME && r.access === 'Deny')) {
    field = 'condition';
    m = MAYBE;
  }
  return field !== undefined && m === MAYBE ? { m, field } : MATCHES[m]!;
}

// ---------------------------------------------------------------------------------------------
// Evaluation

function prioText(v: RuleView): string {
  return v.priority === UNKNOWN ? 'unknown priority' : `priority ${v.priority}`;
}

function unknownWhy(r: CRule, match: Match, floating: boolean): string {
  const name = `${r.view.name} (${prioText(r.view)})`;
  if (floating) return `${name} may come first and ${r.access === undefined ? 'its access is unknown' : `would ${r.access === 'Allow' ? 'allow' : 'deny'} this traffic`}`;
  if (match.m === MAYBE && match.field === 'condition') return `${name} may not be deployed (its condition is not known) and would ${r.access === 'Allow' ? 'allow' : 'deny'} this traffic`;
  if (match.m === MAYBE && match.field) return `${name} may match: its ${match.field} is not known`;
  return `${name} matches but its access is not known`;
}

export function evaluateFlow(nsg: CompiledNsg, flow: Flow): Verdict {
  const ctx = flowCtx(flow);
  const inbound = flow.direction === 'Inbound';
  const list = inbound ? nsg.inbound : nsg.outbound;
  const floating = inbound ? nsg.inboundFloating : nsg.outboundFloating;
  let pending: { r: CRule; match: Match }[] | undefined;

  for (const r of list) {
    const match = matchRule(r, ctx);
    if (match.m === NO) continue;
    if (r.access === undefined && match.m === YES) return { outcome: 'unknown', rule: r.view, why: unknownWhy(r, match, false) };
    if (r.access === undefined || match.m === MAYBE) {
      (pending ??= []).push({ r, match });
      continue;
    }
    if (match.m === SOME && r.access === 'Deny') continue; // other clients remain
    const decision = r.access;
    for (const p of pending ?? []) {
      if (p.r.access !== decision) return { outcome: 'unknown', rule: p.r.view, why: unknownWhy(p.r, p.match, false) };
    }
    if (r.prio === undefined || r.prio > 100 || r.view.isDefault) {
      for (const f of floating) {
        const fm = matchRule(f, ctx);
        if (fm.m === NO) continue;
        if (f.access === decision) continue;
        if (fm.m === SOME && f.access === 'Deny') continue;
        return { outcome: 'unknown', rule: f.view, why: unknownWhy(f, fm, true) };
      }
    }
    if (decision === 'Deny') return { outcome: 'blocked', rule: r.view };
    if (r.view.isDefault) return { outcome: 'default-allowed', rule: r.view };
    return match.m === SOME ? { outcome: 'allowed', rule: r.view, partial: true } : { outcome: 'allowed', rule: r.view };
  }
  // Unreachable: DenyAll* always matches. Kept for type safety.
  return { outcome: 'unknown', why: 'no rule matched' };
}

/** One phrase for messages: "blocked by Deny_All_Internet_Outbound (priority 999)". */
export function explainVerdict(v: Verdict): string {
  switch (v.outcome) {
    case 'allowed':
      return `allowed by ${v.rule.name} (${prioText(v.rule)})${v.partial ? ' for some sources only' : ''}`;
    case 'default-allowed':
      return `allowed only by the default rule ${v.rule.name} (${String(v.rule.priority)})`;
    case 'blocked':
      return v.rule.isDefault
        ? `blocked by the default rule ${v.rule.name} (${String(v.rule.priority)})`
        : `blocked by ${v.rule.name} (${prioText(v.rule)})`;
    case 'unknown':
      return `cannot be decided: ${v.why}`;
  }
}

/** "outbound TCP 443 to Storage", "inbound TCP 3443 from ApiManagement", "inbound TCP 443 from any client". */
export function describeFlow(flow: Flow): string {
  const remote = flow.remote.kind === 'any' ? 'any client' : flow.remote.tag;
  const dir = flow.direction === 'Inbound' ? 'inbound' : 'outbound';
  return `${dir} ${flow.protocol.toUpperCase()} ${flow.port} ${flow.direction === 'Inbound' ? 'from' : 'to'} ${remote}`;
}

/** True for a verdict under which the traffic flows (allowed, partly allowed, or allowed by a default rule). */
export function isAllowed(v: Verdict): boolean {
  return v.outcome === 'allowed' || v.outcome === 'default-allowed';
}
