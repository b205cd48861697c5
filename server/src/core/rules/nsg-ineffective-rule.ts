import { asNumber, asString } from '../arm/value';
import { FLOW_REQUIREMENTS, isNearMissPort } from '../azure/apimRequirements';
import { parseTagText } from '../azure/serviceTags';
import { replaceInString, replaceScalar } from '../fixes/edits';
import type { NetworkSecurityGroup, SecurityRule, Val } from '../model/networkModel';
import { lowerName, memoByString, memoLast } from '../nsg/memo';
import { parsePortSpec } from '../nsg/ports';
import { isValidPriority, MAX_PRIORITY, MIN_PRIORITY } from '../nsg/priorities';
import { rangeOf, sameName } from '../text/sourceNode';
import { within } from '../model/read';
import type { Fix } from './finding';
import { defineRule, type RuleContext } from './rule';
import { independentlyConditional } from '../template/resources';

/** Ports that are real APIM or Azure ports in their own right, never a typo of a neighbour. */
const KNOWN_PORTS = new Set([22, 25, 53, 80, 123, 443, 445, 587, 1433, 1688, 1886, 3389, 3443, 4290, 5671, 5672, 6380, 6381, 6382, 6383, 6390, 6391, 12000, 25028]);

/**
 * Rules that look meant for an APIM flow but cannot match it (F-PORT-4290, F-TAGS direction,
 * corpus defects: 433 for 443, 1443 for 1433, AzureMonitor rule written Inbound), and rule sets
 * Azure rejects (two rules with one priority and direction, two rules with one name, a priority
 * outside 100–4096, F-ARM).
 */
export default defineRule({
  meta: {
    id: 'nsg-ineffective-rule',
    description: 'An NSG rule meant for an API Management flow cannot match it (direction, port, protocol), or Azure rejects the rule set',
    defaultSeverity: 'warning',
    facts: ['F-PORT-TABLE', 'F-PORT-4290', 'F-TAGS', 'F-NSG-DEFAULTS', 'F-ARM'],
    messages: {
      wrongDirection: { text: "Rule '{rule}' is {direction} but its {side} is the service tag {tag}, which is only ever the {expected}: the rule never matches. Did you mean {fixed}?" },
      nearMissPort: { text: "Rule '{rule}' opens port {written} to {tag}; API Management needs port {wanted} ({purpose}). Did you mean {wanted}?" },
      wrongProtocol: { text: "Rule '{rule}' allows port {port} over {protocol}; the rate-limit counter sync of API Management uses UDP" },
      udpForTcp: { text: "Rule '{rule}' allows port {port} {preposition} {tag} over UDP only; API Management uses TCP for it ({purpose}): the rule never matches that flow" },
      duplicatePriority: { text: "Rules '{rule}' and '{other}' both have priority {priority} for {direction} traffic: Azure rejects an NSG whose rules share a priority and direction" },
      duplicateName: { text: "Two rules are named '{rule}': Azure rejects an NSG with duplicate rule names" },
      priorityOutOfRange: { text: "Rule '{rule}' has priority {priority}: Azure accepts only whole numbers from 100 to 4096 and rejects the NSG", severity: 'error' },
    },
    fixable: true,
  },
  check(ctx) {
    const apimNsgs = new Set<NetworkSecurityGroup>();
    for (const s of ctx.model.apimServices) for (const r of s.regions) if (r.subnet?.nsg) apimNsgs.add(r.subnet.nsg);
    for (const nsg of ctx.model.networkSecurityGroups) {
      const apimLike = apimNsgs.has(nsg) || nsg.rules.some((r) => r.sourcePrefixes.some((p) => isWord(p, 'ApiManagement')));
      // each rule's direction once, for every check below
      const dirs = nsg.rules.map((r) => keyword(r.direction, 'inbound', 'outbound'));
      checkDuplicates(ctx, nsg, dirs);
      checkPriorityRange(ctx, nsg);
      for (let i = 0; i < nsg.rules.length; i++) {
        const rule = nsg.rules[i]!;
        const dir = dirs[i];
        checkDirection(ctx, rule, dir);
        if (apimLike) {
          if (!isWord(rule.access, 'Allow')) continue; // the three checks below look at Allow rules only
          const proto = keyword(rule.protocol, 'tcp', 'udp');
          checkPorts(ctx, rule, dir, proto);
          checkProtocol(ctx, rule, proto);
          checkUdpForTcp(ctx, rule, dir, proto);
        }
      }
    }
  },
});

/** The value in lower case (through the shared memo: `toLowerCase` of 'Allow' is a new string per rule). */
const lower = (v: Val) => {
  const s = asString(v.ev);
  return s === undefined ? undefined : lowerName(s);
};

/**
 * The value in lower case, as `lower`, for a field that is one of two words (written in any case): those are
 * told by comparing (`sameName`), without a memo lookup per rule and field; any other text is lower-cased.
 */
function keyword<A extends string, B extends string>(v: Val, a: A, b: B): A | B | string | undefined {
  const s = asString(v.ev);
  if (s === undefined) return undefined;
  return sameName(s, a) ? a : sameName(s, b) ? b : lowerName(s);
}

/** True when the value is the text `word`, in any case (as `lower(v) === word.toLowerCase()`). */
function isWord(v: Val, word: string): boolean {
  const s = asString(v.ev);
  return s !== undefined && sameName(s, word);
}
const ruleName = (r: SecurityRule) => asString(r.name.ev) ?? '(unnamed)';

function editable(v: Val): boolean {
  return !!v.ev?.node && v.ev.literal === true && (v.ev.node.type === 'string' || v.ev.node.type === 'number');
}

/** `parseTagText`, the last text kept in front of its table: the rules of an NSG mostly share their local-side prefix. */
const lastTagText = memoLast(parseTagText);

/** `dir`: the rule's direction in lower case. */
function checkDirection(ctx: RuleContext, rule: SecurityRule, dir: string | undefined): void {
  if (dir !== 'inbound' && dir !== 'outbound') return;
  // Inbound traffic ends in this subnet: a destination that is a public service is never reached.
  // Outbound traffic starts in this subnet: a source that is a public service never sends it.
  const side = dir === 'inbound' ? rule.destinationPrefixes : rule.sourcePrefixes;
  if (side.length === 0) return;
  // The direction the rule should have, which is also the one an offending tag is only ever used in.
  const fixed = dir === 'inbound' ? 'Outbound' : 'Inbound';
  // Every prefix must be a public service's tag, and one of them only ever the other end. A loop, not
  // map/some/find: this runs on every rule of every NSG.
  let offending: { readonly name: string } | undefined;
  for (const p of side) {
    const t = p.ev?.t === 'string' ? lastTagText(p.ev.v).tag : undefined;
    if (!t || !t.publicAzure) return;
    if (!offending && t.direction === fixed) offending = t;
  }
  if (!offending) return;
  const fixes: Fix[] = editable(rule.direction)
    ? [{ title: `Change the direction to ${fixed}`, edits: [replaceScalar(ctx.model, rule.direction.ev!.node!, fixed)], isPreferred: true }]
    : [];
  ctx.report({
    messageId: 'wrongDirection',
    data: {
      rule: ruleName(rule), direction: dir === 'inbound' ? 'Inbound' : 'Outbound', side: dir === 'inbound' ? 'destination' : 'source',
      tag: offending.name, expected: dir === 'inbound' ? 'destination of outbound traffic' : 'source of inbound traffic', fixed,
    },
    at: rule.direction.at,
    fixes,
  });
}

/** The port ranges a destination port value is written as; undefined when unknown or malformed. */
function rangesOf(v: Val): readonly { from: number; to: number }[] | undefined {
  const s = portText(v);
  return s === undefined ? undefined : rangesOfText(s);
}

/** A port value's text: a string as written, a number in decimal; undefined when unknown. */
function portText(v: Val): string | undefined {
  return v.ev?.t === 'string' ? v.ev.v : v.ev?.t === 'number' ? String(v.ev.v) : undefined;
}

function rangesOfText(s: string): readonly { from: number; to: number }[] | undefined {
  const parsed = parsePortSpec(s.trim());
  return parsed.ok ? parsed.ranges : undefined;
}

/** The rule's known destination port ranges, each with the value it is written in. */
function portRanges(rule: SecurityRule): { from: number; to: number; val: Val }[] {
  const out: { from: number; to: number; val: Val }[] = [];
  for (const v of rule.destinationPorts) for (const r of rangesOf(v) ?? []) out.push({ from: r.from, to: r.to, val: v });
  return out;
}

/**
 * True when `port` is one of the rule's destination ports written alone (not inside a range); allocates nothing.
 * A value whose text lacks the port's digits is not parsed: a port is written in decimal digits, leading zeros at
 * most (nsg/ports.ts), and most rules are looked at for ports they do not have.
 */
function hasSinglePort(rule: SecurityRule, port: number): boolean {
  const digits = String(port);
  for (const v of rule.destinationPorts) {
    const s = portText(v);
    const ranges = s !== undefined && s.includes(digits) ? rangesOfText(s) : undefined;
    if (ranges) for (const r of ranges) if (r.from === port && r.to === port) return true;
  }
  return false;
}

/**
 * The first of the rule's destination ports written alone (not inside a range) that looks like a typo of
 * `wanted`: near it, and neither a port of its own (KNOWN_PORTS) nor another port APIM needs with the same tag.
 * With the value it is written in. No callback: a closure over checkPorts' loop variable made the loop allocate
 * a context per requirement and rule (2.6 MB per 2 MB template).
 */
function nearMissPort(rule: SecurityRule, wanted: number, tagPorts: ReadonlySet<number>): { port: number; val: Val } | undefined {
  for (const v of rule.destinationPorts) {
    const ranges = rangesOf(v);
    if (!ranges) continue;
    for (const r of ranges) {
      const port = r.from;
      if (port === r.to && !KNOWN_PORTS.has(port) && !tagPorts.has(port) && isNearMissPort(port, wanted)) return { port, val: v };
    }
  }
  return undefined;
}

/** The lower-cased name of the service tag a prefix text is, else undefined (one lookup per prefix text). */
const tagNameOf = memoByString((text: string): string | undefined => {
  const name = parseTagText(text).tag?.name;
  return name === undefined ? undefined : lowerName(name);
});

/**
 * Lower-cased names of the known service tags among `prefixes`: undefined when there is none, the name itself
 * when there is one (a rule's usual single prefix: no collection made per rule), else a list.
 */
function tagNames(prefixes: readonly Val[]): string | string[] | undefined {
  let one: string | undefined;
  let many: string[] | undefined;
  for (const p of prefixes) {
    const name = p.ev?.t === 'string' ? tagNameOf(p.ev.v) : undefined;
    if (name === undefined) continue;
    if (one === undefined) one = name;
    else (many ??= [one]).push(name);
  }
  return many ?? one;
}

function hasTag(tags: string | readonly string[], name: string): boolean {
  return typeof tags === 'string' ? tags === name : tags.includes(name);
}

/** The ports APIM needs with a remote tag, per tag (computed once). */
const tagPortsCache = new Map<string, ReadonlySet<number>>();
function portsOfRemote(remote: string): ReadonlySet<number> {
  let s = tagPortsCache.get(remote);
  if (!s) tagPortsCache.set(remote, (s = new Set(FLOW_REQUIREMENTS.filter((f) => f.remote === remote).map((f) => f.port))));
  return s;
}

/** FLOW_REQUIREMENTS with their direction and remote in lower case (computed once). */
let requirementsLc: readonly { readonly req: (typeof FLOW_REQUIREMENTS)[number]; readonly dir: string; readonly remote: string }[] | undefined;
const requirementsLower = () =>
  (requirementsLc ??= FLOW_REQUIREMENTS.map((req) => ({ req, dir: req.direction.toLowerCase(), remote: req.remote.toLowerCase() })));

/** A requirement whose port a near miss is looked for: one with a remote tag, and not one of the VNet's own flows. */
const nearMissable = (r: ReturnType<typeof requirementsLower>[number]): boolean => r.req.remote !== 'any' && !r.req.noNearMiss;

/**
 * The requirements a near-miss port is looked for in a rule of direction `dir` with remote tags `tags` (both in lower
 * case), in FLOW_REQUIREMENTS order. Listed once per direction and tag: a rule with one remote tag (most) looks at
 * these alone instead of going through every requirement.
 */
let nearMissByDirAndTag: ReadonlyMap<string, ReturnType<typeof requirementsLower>> | undefined;
function nearMissCandidates(dir: string, tags: string | readonly string[]): ReturnType<typeof requirementsLower> {
  if (typeof tags !== 'string') return requirementsLower().filter((r) => nearMissable(r) && r.dir === dir && tags.includes(r.remote));
  if (!nearMissByDirAndTag) {
    const byKey = new Map<string, ReturnType<typeof requirementsLower>[number][]>();
    for (const r of requirementsLower()) {
      if (!nearMissable(r)) continue;
      const key = `${r.dir} ${r.remote}`;
      const list = byKey.get(key);
      if (list) list.push(r);
      else byKey.set(key, [r]);
    }
    nearMissByDirAndTag = byKey;
  }
  return nearMissByDirAndTag.get(`${dir} ${tags}`) ?? [];
}

/**
 * True when a rule of protocol `proto` (lower case; undefined when unknown) can carry a flow of `protocol`: a rule
 * for another protocol is not one meant for that flow with a mistyped port (its fix would still not match it).
 */
function carries(proto: string | undefined, protocol: 'Tcp' | 'Udp'): boolean {
  return proto === undefined || proto === '*' || proto === 'any' || sameName(proto, protocol);
}

/** For an Allow rule; `dir` and `proto`: its direction and protocol in lower case. */
function checkPorts(ctx: RuleContext, rule: SecurityRule, dir: string | undefined, proto: string | undefined): void {
  const remoteTags = tagNames(dir === 'inbound' ? rule.sourcePrefixes : rule.destinationPrefixes);
  if (remoteTags === undefined || dir === undefined) return; // no requirement can match
  for (const { req } of nearMissCandidates(dir, remoteTags)) {
    if (!carries(proto, req.protocol)) continue;
    if (hasSinglePort(rule, req.port)) continue;
    const miss = nearMissPort(rule, req.port, portsOfRemote(req.remote));
    if (!miss) continue;
    const node = miss.val.ev?.node;
    const edit = node && miss.val.ev?.literal ? replaceInString(ctx.model, node, String(miss.port), String(req.port)) : undefined;
    ctx.report({
      messageId: 'nearMissPort',
      data: { rule: ruleName(rule), written: miss.port, tag: req.remote, wanted: req.port, purpose: req.purpose },
      at: miss.val.at,
      fixes: edit ? [{ title: `Change port ${miss.port} to ${req.port}`, edits: [edit], isPreferred: true }] : [],
    });
  }
}

/** For an Allow rule; `proto`: its protocol in lower case. */
function checkProtocol(ctx: RuleContext, rule: SecurityRule, proto: string | undefined): void {
  if (proto !== 'tcp') return;
  if (!hasSinglePort(rule, 4290)) return;
  const fixes: Fix[] = editable(rule.protocol)
    ? [{ title: 'Change the protocol to Udp', edits: [replaceScalar(ctx.model, rule.protocol.ev!.node!, 'Udp')], isPreferred: true }]
    : [];
  ctx.report({ messageId: 'wrongProtocol', data: { rule: ruleName(rule), port: 4290, protocol: asString(rule.protocol.ev)! }, at: rule.protocol.at, fixes });
}

/**
 * A UDP-only Allow for a TCP flow of the table (F-PORT-TABLE: every flow but the rate-limit sync is TCP):
 * the right tag and port, the wrong protocol. Client traffic is left alone (UDP 443 is HTTP/3).
 */
function checkUdpForTcp(ctx: RuleContext, rule: SecurityRule, dir: string | undefined, proto: string | undefined): void {
  if (proto !== 'udp') return;
  if (dir !== 'inbound' && dir !== 'outbound') return;
  const tags = tagNames(dir === 'inbound' ? rule.sourcePrefixes : rule.destinationPrefixes);
  if (tags === undefined) return;
  const reqs = requirementsLower().filter((r) => r.req.remote !== 'any' && r.dir === dir && hasTag(tags, r.remote));
  const tcp = reqs.filter((r) => r.req.protocol === 'Tcp');
  if (tcp.length === 0) return;
  const ranges = portRanges(rule);
  // a single port, or a short range made only of the table's TCP ports (not `*` or a wide range)
  const hit = tcp.find((r) => ranges.some((x) => x.from <= r.req.port && r.req.port <= x.to && (x.from === x.to || rangeOfTcpFlows(x, tcp))));
  if (!hit) return;
  // The rule may be right for a UDP flow of the same tag (4290): then Tcp is no fix.
  const servesUdp = reqs.some((r) => r.req.protocol === 'Udp' && ranges.some((x) => x.from <= r.req.port && r.req.port <= x.to));
  const fixes: Fix[] = editable(rule.protocol) && !servesUdp
    ? [{ title: 'Change the protocol to Tcp', edits: [replaceScalar(ctx.model, rule.protocol.ev!.node!, 'Tcp')], isPreferred: true }]
    : [];
  ctx.report({
    messageId: 'udpForTcp',
    data: { rule: ruleName(rule), port: hit.req.port, preposition: dir === 'inbound' ? 'from' : 'to', tag: hit.req.remote, purpose: hit.req.purpose.replace(' (optional)', '') },
    at: rule.protocol.at,
    fixes,
  });
}

/** True when every port of the range is a TCP flow's port (6381-6383): a range written for those flows, not a wide one. */
function rangeOfTcpFlows(x: { from: number; to: number }, tcp: readonly { req: (typeof FLOW_REQUIREMENTS)[number] }[]): boolean {
  if (x.to - x.from > 16) return false;
  for (let p = x.from; p <= x.to; p++) if (!tcp.some((r) => r.req.port === p)) return false;
  return true;
}

/** `dirs`: each rule's direction in lower case. */
function checkDuplicates(ctx: RuleContext, nsg: NetworkSecurityGroup, dirs: readonly (string | undefined)[]): void {
  // by priority, one map per direction: no key string built per rule
  const inbound = new Map<number, SecurityRule>();
  const outbound = new Map<number, SecurityRule>();
  const byName = new Map<string, SecurityRule>();
  for (let i = 0; i < nsg.rules.length; i++) {
    const rule = nsg.rules[i]!;
    const p = asNumber(rule.priority.ev);
    const d = dirs[i];
    if (p !== undefined && (d === 'inbound' || d === 'outbound')) {
      const byPrio = d === 'inbound' ? inbound : outbound;
      const other = byPrio.get(p);
      // Two rule resources that may each be deployed without the other (unknown conditions) may never meet.
      if (other && other.node !== rule.node && !independentlyConditional(rule.res, other.res)) {
        ctx.report({
          messageId: 'duplicatePriority',
          data: { rule: ruleName(rule), other: ruleName(other), priority: p, direction: d },
          at: rule.priority.at,
          related: [{ range: rangeOf(other.priority.at), message: `'${ruleName(other)}' has the same priority` }],
        });
      } else byPrio.set(p, rule);
    }
    const n = lower(rule.name);
    if (n !== undefined) {
      const other = byName.get(n);
      if (other && other.node !== rule.node && !independentlyConditional(rule.res, other.res)) {
        ctx.report({ messageId: 'duplicateName', data: { rule: ruleName(rule) }, at: rule.name.at, related: [{ range: rangeOf(other.name.at), message: 'first rule with this name' }] });
      } else byName.set(n, rule);
    }
  }
}


/**
 * Priorities Azure rejects (F-ARM: 100–4096). The fix moves each such rule to a free priority that keeps
 * its place in the evaluation order of its direction (below 100: just before the first valid rule;
 * above 4096: just after the last), when the value is a literal and enough numbers are free there.
 */
function checkPriorityRange(ctx: RuleContext, nsg: NetworkSecurityGroup): void {
  const bad = nsg.rules.filter((r) => {
    const p = asNumber(r.priority.ev);
    return p !== undefined && !isValidPriority(p);
  });
  if (bad.length === 0) return;
  const fixes = priorityFixes(nsg, bad);
  for (const rule of bad) {
    const p = asNumber(rule.priority.ev)!;
    const to = fixes.get(rule);
    ctx.report({
      messageId: 'priorityOutOfRange',
      data: { rule: ruleName(rule), priority: p },
      at: rule.priority.at,
      fixes: to === undefined ? [] : [{ title: `Change the priority to ${to}`, edits: [replaceScalar(ctx.model, rule.priority.ev!.node!, to)], isPreferred: true }],
    });
  }
}

/** New priorities for the rejected ones, per direction, in their order; none for a direction that cannot take them all. */
function priorityFixes(nsg: NetworkSecurityGroup, bad: readonly SecurityRule[]): Map<SecurityRule, number> {
  const out = new Map<SecurityRule, number>();
  const prio = (r: SecurityRule) => asNumber(r.priority.ev);
  for (const dir of ['inbound', 'outbound']) {
    const mine = bad.filter((r) => keyword(r.direction, 'inbound', 'outbound') === dir);
    if (mine.length === 0) continue;
    // Rules of this direction, or of an unknown one (they may be in it): their priorities are taken.
    const used = new Set<number>();
    let unknownPriority = false;
    for (const r of nsg.rules) {
      const d = keyword(r.direction, 'inbound', 'outbound');
      if (d !== undefined && d !== dir) continue;
      const p = prio(r);
      if (p === undefined) unknownPriority = true;
      else if (isValidPriority(p)) used.add(p);
    }
    if (unknownPriority || nsg.rulesUnknown) continue; // a rule anywhere in 100–4096 could be displaced
    const first = Math.min(MAX_PRIORITY + 1, ...used);
    const last = Math.max(MIN_PRIORITY - 1, ...used);
    const low = mine.filter((r) => prio(r)! < MIN_PRIORITY).sort((a, b) => prio(a)! - prio(b)!);
    const high = mine.filter((r) => prio(r)! > MAX_PRIORITY).sort((a, b) => prio(a)! - prio(b)!);
    const lowFree: number[] = [];
    for (let p = MIN_PRIORITY; p < first && lowFree.length < low.length; p++) lowFree.push(p);
    const highFree: number[] = [];
    for (let p = MAX_PRIORITY; p > last && highFree.length < high.length; p--) highFree.unshift(p);
    const assign = (rules: SecurityRule[], free: number[]) => {
      if (free.length < rules.length) return;
      rules.forEach((r, i) => {
        // only a literal written in the rule itself (a parameter default or a variable may serve other rules)
        if (editable(r.priority) && r.priority.ev?.t === 'number' && within(r.priority.ev.node, r.node)) out.set(r, free[i]!);
      });
    };
    assign(low, lowFree);
    assign(high, highFree);
  }
  return out;
}
