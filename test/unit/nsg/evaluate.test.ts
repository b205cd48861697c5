import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  compileNsg, DEFAULT_RULES, describeFlow, evaluateFlow, explainVerdict, isAllowed, UNKNOWN,
  type Flow, type Maybe, type RuleView, type Verdict,
} from '../../../server/src/core/nsg/evaluate';

let nextKey = 1;
interface R {
  name?: string; priority: Maybe<number>; direction?: Maybe<string>; access?: Maybe<string>; protocol?: Maybe<string>;
  src?: Maybe<string>[] | Maybe<string>; dst?: Maybe<string>[] | Maybe<string>; srcPorts?: Maybe<string>[]; ports?: Maybe<string>[] | Maybe<string>;
}
const arr = <T>(v: T | T[] | undefined, d: T[]): T[] => (v === undefined ? d : Array.isArray(v) ? v : [v]);
function rule(r: R): RuleView {
  const key = nextKey++;
  return {
    key,
    name: r.name ?? `rule${key}`,
    priority: r.priority,
    direction: r.direction ?? 'Outbound',
    access: r.access ?? 'Allow',
    protocol: r.protocol ?? 'Tcp',
    sourcePrefixes: arr(r.src, ['VirtualNetwork']),
    destinationPrefixes: arr(r.dst, ['*']),
    sourcePorts: r.srcPorts ?? ['*'],
    destinationPorts: arr(r.ports, ['*']),
  };
}
const out = (tag: string, port: number, protocol: 'Tcp' | 'Udp' = 'Tcp', extra: Partial<Flow> = {}): Flow =>
  ({ direction: 'Outbound', protocol, port, remote: { kind: 'tag', tag }, subnetPrefix: '10.0.0.0/24', region: 'westeurope', ...extra });
const inb = (tag: string | undefined, port: number, protocol: 'Tcp' | 'Udp' = 'Tcp', extra: Partial<Flow> = {}): Flow =>
  ({ direction: 'Inbound', protocol, port, remote: tag === undefined ? { kind: 'any' } : { kind: 'tag', tag }, subnetPrefix: '10.0.0.0/24', region: 'westeurope', ...extra });

function verdict(rules: RuleView[], flow: Flow): Verdict {
  return evaluateFlow(compileNsg(rules), flow);
}
/** "allowed:name", "default-allowed:name", "blocked:name", "unknown:name?" */
function short(v: Verdict): string {
  return `${v.outcome}:${v.rule?.name ?? ''}${v.outcome === 'allowed' && v.partial ? '(partial)' : ''}`;
}

test('compiled rules: ascending priority, equal priorities in input order, on both sort paths (≤ 32 rules and more)', () => {
  for (const n of [1, 2, 7, 32, 33, 120]) {
    // priorities in a scrambled order with repeats (every third rule shares its priority with another)
    const rules = Array.from({ length: n }, (_, i) => rule({ name: `r${i}`, priority: 100 + ((i * 37) % Math.max(1, Math.ceil((2 * n) / 3))) }));
    const compiled = compileNsg(rules).outbound.filter((r) => !r.view.isDefault);
    const expected = rules.map((r, i) => ({ r, i })).sort((a, b) => (a.r.priority as number) - (b.r.priority as number) || a.i - b.i).map((x) => x.r.name);
    assert.deepEqual(compiled.map((r) => r.view.name), expected, `${n} rules`);
  }
});

test('default rules only', () => {
  const table: [Flow, string][] = [
    [inb('VirtualNetwork', 6381), 'default-allowed:AllowVnetInBound'],
    [inb('AzureLoadBalancer', 6390), 'default-allowed:AllowAzureLoadBalancerInBound'],
    [inb('ApiManagement', 3443), 'blocked:DenyAllInBound'],
    [inb('Internet', 443), 'blocked:DenyAllInBound'],
    [inb(undefined, 443), 'blocked:DenyAllInBound'],
    [out('VirtualNetwork', 4290, 'Udp'), 'default-allowed:AllowVnetOutBound'],
    [out('Storage', 443), 'default-allowed:AllowInternetOutBound'],
    [out('Internet', 80), 'default-allowed:AllowInternetOutBound'],
    [out('AzureLoadBalancer', 80), 'blocked:DenyAllOutBound'],
    [out('AzurePlatformDNS', 53, 'Udp'), 'blocked:DenyAllOutBound'],
  ];
  for (const [flow, expected] of table) assert.equal(short(verdict([], flow)), expected, describeFlow(flow));
  assert.equal(DEFAULT_RULES.length, 6);
  assert.ok(DEFAULT_RULES.every((r) => r.isDefault && r.key < 0));
});

test('priority order and first match, Allow vs Deny', () => {
  const rules = [
    rule({ name: 'DenyStorage', priority: 200, access: 'Deny', dst: 'Storage', ports: '443' }),
    rule({ name: 'AllowStorage', priority: 100, dst: 'Storage', ports: '443' }),
    rule({ name: 'DenySql', priority: 100, access: 'Deny', dst: 'Sql', ports: '1433' }),
    rule({ name: 'AllowSql', priority: 300, dst: 'Sql', ports: '1433' }),
  ];
  assert.equal(short(verdict(rules, out('Storage', 443))), 'allowed:AllowStorage');
  assert.equal(short(verdict(rules, out('Sql', 1433))), 'blocked:DenySql');
  assert.equal(short(verdict(rules, out('Storage', 80))), 'default-allowed:AllowInternetOutBound');
  // input order does not matter
  assert.equal(short(verdict([...rules].reverse(), out('Storage', 443))), 'allowed:AllowStorage');
  // duplicate priorities keep input order
  const dup = [rule({ name: 'A', priority: 100, access: 'Deny', dst: 'Storage' }), rule({ name: 'B', priority: 100, dst: 'Storage' })];
  assert.equal(short(verdict(dup, out('Storage', 443))), 'blocked:A');
  // direction is respected (and case-insensitive)
  const inbOnly = [rule({ name: 'InDeny', priority: 100, direction: 'inbound', access: 'deny', src: '*', dst: '*' })];
  assert.equal(short(verdict(inbOnly, out('Storage', 443))), 'default-allowed:AllowInternetOutBound');
  assert.equal(short(verdict(inbOnly, inb('AzureLoadBalancer', 6390))), 'blocked:InDeny');
});

test('protocol, ports, lists', () => {
  const table: [Partial<R>, Flow, boolean][] = [
    [{ protocol: '*' }, out('Storage', 443), true],
    [{ protocol: 'Any' }, out('Storage', 443, 'Udp'), true],
    [{ protocol: 'tcp' }, out('Storage', 443), true],
    [{ protocol: 'Udp' }, out('Storage', 443), false],
    [{ protocol: 'Icmp' }, out('Storage', 443), false],
    [{ ports: '400-500' }, out('Storage', 443), true],
    [{ ports: '444-500' }, out('Storage', 443), false],
    [{ ports: ['80', '443'] }, out('Storage', 443), true],
    [{ ports: '80,443' }, out('Storage', 443), true],
    [{ ports: ['5671', '5672'] }, out('Storage', 443), false],
    [{ ports: 'bogus' }, out('Storage', 443), false],
    [{ srcPorts: ['1024-65535'] }, out('Storage', 443), false],
    [{ srcPorts: ['0-65535'] }, out('Storage', 443), true],
    [{ srcPorts: ['443'], ports: '443' }, out('Storage', 443), false],
    [{ dst: ['Sql', 'Storage'] }, out('Storage', 443), true],
    [{ dst: ['Sql', 'EventHub'] }, out('Storage', 443), false],
  ];
  for (const [r, flow, denied] of table) {
    const v = verdict([rule({ name: 'D', priority: 100, access: 'Deny', dst: 'Storage', ...r })], flow);
    assert.equal(v.outcome === 'blocked' && v.rule.name === 'D', denied, JSON.stringify(r));
  }
});

test('remote side: tags, Internet ⊇ public tags, AzureCloud, literals, regional forms', () => {
  const table: [Maybe<string>, Flow, string][] = [
    ['Storage', out('Storage', 443), 'yes'],
    ['storage', out('Storage', 443), 'yes'],
    ['Internet', out('Storage', 443), 'yes'],
    ['Internet', out('AzureActiveDirectory', 443), 'yes'],
    ['Internet', out('AzureMonitor', 443), 'yes'],
    ['Internet', out('VirtualNetwork', 443), 'no'],
    ['Internet', out('AzureLoadBalancer', 443), 'no'],
    ['AzureCloud', out('Storage', 443), 'yes'],
    ['AzureCloud', out('AzureKeyVault', 443), 'yes'],
    ['AzureCloud', out('Internet', 80), 'no'],
    ['AzureCloud', out('VirtualNetwork', 80), 'no'],
    ['AzureCloud', out('AzureActiveDirectory', 443), 'unknown'],
    ['AzureCloud.WestEurope', out('Storage', 443), 'yes'],
    ['AzureCloud.NorthEurope', out('Storage', 443), 'no'],
    ['Storage', out('Internet', 443), 'no'],
    ['Sql', out('Storage', 443), 'no'],
    ['*', out('VirtualNetwork', 443), 'yes'],
    ['0.0.0.0/0', out('Storage', 443), 'yes'],
    ['20.0.0.0/8', out('Storage', 443), 'no'],
    ['10.0.0.0/16', out('VirtualNetwork', 443), 'no'],
    ['VirtualNetwork', out('VirtualNetwork', 443), 'yes'],
    ['Storage.WestEurope', out('Storage', 443), 'yes'],
    ['Storage.westeurope', out('Storage', 443), 'yes'],
    ['Storage.NorthEurope', out('Storage', 443), 'no'],
    ['Storage.WestEurope', out('Storage', 443, 'Tcp', { region: 'West Europe' }), 'yes'],
    ['Storage.WestEurope', out('Storage', 443, 'Tcp', { region: UNKNOWN }), 'unknown'],
    ['Storage.Narnia', out('Storage', 443), 'no'],
    ['Storage', out('Storage.NorthEurope', 443), 'yes'],
    ['Storage.WestEurope', out('Storage.NorthEurope', 443), 'no'],
    ['Storage', out('Storage', 443, 'Tcp', { region: UNKNOWN }), 'yes'],
    ['Azure Monitor', out('AzureMonitor', 443), 'no'],
    ['2001:db8::/32', out('Storage', 443), 'no'],
    [UNKNOWN, out('Storage', 443), 'unknown'],
  ];
  for (const [prefix, flow, expected] of table) {
    const v = verdict([rule({ name: 'D', priority: 100, access: 'Deny', dst: prefix })], flow);
    const got = v.outcome === 'blocked' && v.rule.name === 'D' ? 'yes' : v.outcome === 'unknown' ? 'unknown' : 'no';
    assert.equal(got, expected, `${String(prefix)} vs ${describeFlow(flow)}`);
  }
});

test('local side: *, VirtualNetwork, literal CIDR containing/overlapping the subnet, other tags', () => {
  const table: [Maybe<string>, Maybe<string>, string][] = [
    ['*', '10.0.0.0/24', 'yes'],
    ['VirtualNetwork', '10.0.0.0/24', 'yes'],
    ['VirtualNetwork', UNKNOWN, 'yes'],
    ['10.0.0.0/16', '10.0.0.0/24', 'yes'],
    ['10.0.0.0/24', '10.0.0.0/24', 'yes'],
    ['10.0.0.0/25', '10.0.0.0/24', 'unknown'],
    ['10.1.0.0/16', '10.0.0.0/24', 'no'],
    ['10.0.0.0/16', UNKNOWN, 'unknown'],
    ['Internet', '10.0.0.0/24', 'no'],
    ['Storage', '10.0.0.0/24', 'no'],
    [UNKNOWN, '10.0.0.0/24', 'unknown'],
  ];
  for (const [prefix, subnet, expected] of table) {
    const v = verdict([rule({ name: 'D', priority: 100, access: 'Deny', src: prefix, dst: 'Storage' })], out('Storage', 443, 'Tcp', { subnetPrefix: subnet }));
    const got = v.outcome === 'blocked' && v.rule.name === 'D' ? 'yes' : v.outcome === 'unknown' ? 'unknown' : 'no';
    assert.equal(got, expected, `${String(prefix)} local ${String(subnet)}`);
    // inbound: the local side is the destination
    // (an Allow rule, since an unmatched inbound flow falls to DenyAllInBound, and an unknown Deny could not change that)
    const vi = verdict([rule({ name: 'A', priority: 100, direction: 'Inbound', src: 'ApiManagement', dst: prefix })], inb('ApiManagement', 3443, 'Tcp', { subnetPrefix: subnet }));
    const goti = vi.outcome === 'allowed' && vi.rule.name === 'A' ? 'yes' : vi.outcome === 'unknown' ? 'unknown' : 'no';
    assert.equal(goti, expected, `inbound ${String(prefix)} local ${String(subnet)}`);
  }
});

test('classic corpus case (A1): Deny * -> Internet at 999 with explicit allows above', () => {
  const rules = [
    rule({ name: 'Allow_Storage_Outbound', priority: 100, dst: 'Storage', ports: '443' }),
    rule({ name: 'Allow_Sql_Outbound', priority: 140, dst: 'Sql', ports: '1433' }),
    rule({ name: 'Allow_EventHub_Outbound', priority: 150, dst: 'EventHub', ports: '5671' }),
    rule({ name: 'Allow_AzureMonitor_Outbound', priority: 185, dst: 'AzureMonitor', ports: ['443', '12000', '1886'] }),
    rule({ name: 'Allow_KeyVault_Outbound', priority: 200, dst: 'AzureKeyVault', ports: '443' }),
    rule({ name: 'Deny_All_Internet_Outbound', priority: 999, access: 'Deny', protocol: '*', src: '*', dst: 'Internet', ports: '*' }),
  ];
  const nsg = compileNsg(rules);
  const table: [Flow, string][] = [
    [out('Storage', 443), 'allowed:Allow_Storage_Outbound'],
    [out('Sql', 1433), 'allowed:Allow_Sql_Outbound'],
    [out('AzureKeyVault', 443), 'allowed:Allow_KeyVault_Outbound'],
    [out('AzureMonitor', 1886), 'allowed:Allow_AzureMonitor_Outbound'],
    [out('Internet', 80), 'blocked:Deny_All_Internet_Outbound'],
    [out('EventHub', 5672), 'blocked:Deny_All_Internet_Outbound'],
    [out('AzureActiveDirectory', 443), 'blocked:Deny_All_Internet_Outbound'],
    [out('Internet', 123, 'Udp'), 'blocked:Deny_All_Internet_Outbound'],
    [out('VirtualNetwork', 6381), 'default-allowed:AllowVnetOutBound'],
  ];
  for (const [flow, expected] of table) assert.equal(short(evaluateFlow(nsg, flow)), expected, describeFlow(flow));
  assert.equal(explainVerdict(evaluateFlow(nsg, out('Internet', 80))), 'blocked by Deny_All_Internet_Outbound (priority 999)');
});

test('A20-style inbound: client traffic from Front Door, wrong-direction AzureMonitor rule', () => {
  const rules = [
    rule({ name: 'Client_Fd', priority: 100, direction: 'Inbound', src: 'AzureFrontDoor.Backend', dst: 'VirtualNetwork', ports: ['80', '443'] }),
    rule({ name: 'Mgmt', priority: 110, direction: 'Inbound', src: 'ApiManagement', dst: 'VirtualNetwork', ports: '3443' }),
    rule({ name: 'Lb', priority: 120, direction: 'Inbound', src: 'AzureLoadBalancer', dst: 'VirtualNetwork', ports: '*' }),
    rule({ name: 'Publish_Diagnostic_Logs', priority: 130, direction: 'Inbound', src: 'VirtualNetwork', dst: 'AzureMonitor', ports: ['1886', '443'] }),
  ];
  const nsg = compileNsg(rules);
  const table: [Flow, string][] = [
    [inb(undefined, 443), 'allowed:Client_Fd(partial)'],
    [inb('AzureFrontDoor.Backend', 443), 'allowed:Client_Fd'],
    [inb('Internet', 443), 'blocked:DenyAllInBound'],
    [inb('ApiManagement', 3443), 'allowed:Mgmt'],
    [inb('AzureLoadBalancer', 6390), 'allowed:Lb'],
    [out('AzureMonitor', 1886), 'default-allowed:AllowInternetOutBound'],
  ];
  for (const [flow, expected] of table) assert.equal(short(evaluateFlow(nsg, flow)), expected, describeFlow(flow));
  assert.equal(explainVerdict(evaluateFlow(nsg, inb(undefined, 443))), 'allowed by Client_Fd (priority 100) for some sources only');
  assert.equal(explainVerdict(evaluateFlow(nsg, out('AzureMonitor', 1886))), 'allowed only by the default rule AllowInternetOutBound (65001)');
  assert.equal(explainVerdict(evaluateFlow(nsg, inb('Internet', 443))), 'blocked by the default rule DenyAllInBound (65500)');
});

test('any-client flows: Internet and * cover fully, a partial Deny is passed over, VNet tags do not count', () => {
  const table: [R[], string][] = [
    [[{ name: 'I', priority: 100, direction: 'Inbound', src: 'Internet', dst: 'VirtualNetwork', ports: '443' }], 'allowed:I'],
    [[{ name: 'S', priority: 100, direction: 'Inbound', src: '*', dst: '*', ports: '443' }], 'allowed:S'],
    [[{ name: 'C', priority: 100, direction: 'Inbound', src: '203.0.113.0/24', dst: '*', ports: '443' }], 'allowed:C(partial)'],
    [[{ name: 'V', priority: 100, direction: 'Inbound', src: 'VirtualNetwork', dst: '*', ports: '443' }], 'blocked:DenyAllInBound'],
    [[{ name: 'DC', priority: 100, direction: 'Inbound', access: 'Deny', src: '203.0.113.0/24', ports: '443' }, { name: 'I', priority: 200, direction: 'Inbound', src: 'Internet', ports: '443' }], 'allowed:I'],
    [[{ name: 'DI', priority: 100, direction: 'Inbound', access: 'Deny', src: 'Internet', ports: '443' }, { name: 'I', priority: 200, direction: 'Inbound', src: '*', ports: '443' }], 'blocked:DI'],
  ];
  for (const [rs, expected] of table) assert.equal(short(verdict(rs.map(rule), inb(undefined, 443))), expected, expected);
});

test('unknown values give unknown only when they matter', () => {
  const allowStorage = (p: Maybe<number>): RuleView => rule({ name: 'AllowStorage', priority: p, dst: 'Storage', ports: '443' });
  const denyInternet = (p: Maybe<number>): RuleView => rule({ name: 'DenyInternet', priority: p, access: 'Deny', protocol: '*', src: '*', dst: 'Internet' });
  const table: [RuleView[], Flow, string][] = [
    // unknown priority of a Deny that would match → unknown
    [[allowStorage(200), denyInternet(UNKNOWN)], out('Storage', 443), 'unknown:DenyInternet'],
    // ... but only if it matches this flow
    [[allowStorage(200), denyInternet(UNKNOWN)], out('VirtualNetwork', 443), 'default-allowed:AllowVnetOutBound'],
    // an unknown-priority Allow when the decision is Allow: cannot change the outcome
    [[allowStorage(UNKNOWN)], out('Storage', 443), 'default-allowed:AllowInternetOutBound'],
    // unknown-priority Allow while the decision is Deny → unknown
    [[allowStorage(UNKNOWN), denyInternet(999)], out('Storage', 443), 'unknown:AllowStorage'],
    // decision at priority 100 cannot be preceded by a floating rule
    [[allowStorage(100), denyInternet(UNKNOWN)], out('Storage', 443), 'allowed:AllowStorage'],
    // unknown prefix in a Deny before an Allow decision → unknown
    [[rule({ name: 'DenyX', priority: 90, access: 'Deny', dst: UNKNOWN }), allowStorage(100)], out('Storage', 443), 'unknown:DenyX'],
    // unknown prefix in a Deny when the decision is Deny anyway → blocked
    [[rule({ name: 'DenyX', priority: 90, access: 'Deny', dst: UNKNOWN }), denyInternet(999)], out('Storage', 443), 'blocked:DenyInternet'],
    // unknown prefix in an Allow when the decision is Allow → allowed
    [[rule({ name: 'AllowX', priority: 90, dst: UNKNOWN }), allowStorage(100)], out('Storage', 443), 'allowed:AllowStorage'],
    // unknown prefix in a rule that cannot match for another reason (port) → irrelevant
    [[rule({ name: 'DenyX', priority: 90, access: 'Deny', dst: UNKNOWN, ports: '22' }), allowStorage(100)], out('Storage', 443), 'allowed:AllowStorage'],
    // unknown port
    [[rule({ name: 'DenyP', priority: 90, access: 'Deny', dst: 'Storage', ports: UNKNOWN }), allowStorage(100)], out('Storage', 443), 'unknown:DenyP'],
    // unknown protocol
    [[rule({ name: 'DenyQ', priority: 90, access: 'Deny', dst: 'Storage', protocol: UNKNOWN })], out('Storage', 443), 'unknown:DenyQ'],
    // unknown access of a definitely matching rule
    [[rule({ name: 'Acc', priority: 90, access: UNKNOWN, dst: 'Storage' })], out('Storage', 443), 'unknown:Acc'],
    // unknown access of a rule that does not match
    [[rule({ name: 'Acc', priority: 90, access: UNKNOWN, dst: 'Sql' })], out('Storage', 443), 'default-allowed:AllowInternetOutBound'],
    // unknown direction of a Deny that would match
    [[rule({ name: 'Dir', priority: 90, access: 'Deny', direction: UNKNOWN, dst: 'Storage' })], out('Storage', 443), 'unknown:Dir'],
    // a literal prefix that is unknown but other prefixes in the list definitely match
    [[rule({ name: 'Or', priority: 90, access: 'Deny', dst: [UNKNOWN, 'Storage'] })], out('Storage', 443), 'blocked:Or'],
    // unknown subnet prefix with a literal local side in a Deny
    [[rule({ name: 'Loc', priority: 90, access: 'Deny', src: '10.0.0.0/16', dst: 'Storage' })], out('Storage', 443, 'Tcp', { subnetPrefix: UNKNOWN }), 'unknown:Loc'],
  ];
  for (const [rules, flow, expected] of table) assert.equal(short(verdict(rules, flow)), expected, expected);
  const v = verdict([rule({ name: 'DenyP', priority: 90, access: 'Deny', dst: 'Storage', ports: UNKNOWN }), allowStorage(100)], out('Storage', 443));
  assert.match(explainVerdict(v), /^cannot be decided: DenyP \(priority 90\) may match: its destination port is not known$/);
  const f = verdict([allowStorage(UNKNOWN), denyInternet(999)], out('Storage', 443));
  assert.match(explainVerdict(f), /AllowStorage \(unknown priority\) may come first/);
});

test('verdict helpers', () => {
  assert.equal(describeFlow(out('Storage', 443)), 'outbound TCP 443 to Storage');
  assert.equal(describeFlow(inb(undefined, 443)), 'inbound TCP 443 from any client');
  assert.ok(isAllowed(verdict([], out('Storage', 443))));
  assert.ok(!isAllowed(verdict([], inb('ApiManagement', 3443))));
});

test('linear: 4000 rules × 200 flows stays fast', () => {
  const rules: RuleView[] = [];
  for (let i = 0; i < 4000; i++) rules.push(rule({ priority: 100 + (i % 3996), dst: i % 2 ? 'Sql' : `10.${i % 250}.0.0/16`, ports: String(1000 + i) }));
  const t0 = Date.now();
  const nsg = compileNsg(rules);
  for (let i = 0; i < 200; i++) evaluateFlow(nsg, out('Storage', 443 + i));
  assert.ok(Date.now() - t0 < 1500, `took ${Date.now() - t0} ms`);
});

test('a rule that may not be deployed (unknown condition) decides nothing on its own', () => {
  const cond = (r: R): RuleView => ({ ...rule(r), conditional: true });
  const mgmt = inb('ApiManagement', 3443);
  // a Deny that may be missing, before an Allow: either outcome
  const v = verdict([cond({ name: 'MaybeDeny', priority: 100, direction: 'Inbound', access: 'Deny', src: '*' }), rule({ name: 'AllowMgmt', priority: 200, direction: 'Inbound', src: 'ApiManagement', ports: '3443' })], mgmt);
  assert.equal(short(v), 'unknown:MaybeDeny');
  assert.match(explainVerdict(v), /MaybeDeny \(priority 100\) may not be deployed \(its condition is not known\) and would deny this traffic/);
  // ... before the default Deny: blocked either way
  assert.equal(short(verdict([cond({ name: 'MaybeDeny', priority: 100, direction: 'Inbound', access: 'Deny', src: '*' })], mgmt)), 'blocked:DenyAllInBound');
  // a conditional Allow before an Allow: allowed either way; before the default Deny: unknown
  assert.equal(short(verdict([cond({ name: 'MaybeAllow', priority: 100, direction: 'Inbound', src: 'ApiManagement', ports: '3443' }), rule({ name: 'AllowMgmt', priority: 200, direction: 'Inbound', src: 'ApiManagement', ports: '3443' })], mgmt)), 'allowed:AllowMgmt');
  assert.equal(short(verdict([cond({ name: 'MaybeAllow', priority: 100, direction: 'Inbound', src: 'ApiManagement', ports: '3443' })], mgmt)), 'unknown:MaybeAllow');
  // a conditional rule that does not match is no matter
  assert.equal(short(verdict([cond({ name: 'MaybeDenyOther', priority: 100, direction: 'Inbound', access: 'Deny', src: '*', ports: '22' }), rule({ name: 'AllowMgmt', priority: 200, direction: 'Inbound', src: 'ApiManagement', ports: '3443' })], mgmt)), 'allowed:AllowMgmt');
  // a partial Deny of client traffic is passed over whether or not it is deployed
  assert.equal(short(verdict([cond({ name: 'MaybeDenyFd', priority: 100, direction: 'Inbound', access: 'Deny', src: 'AzureFrontDoor.Backend', ports: '443' }), rule({ name: 'AllowClients', priority: 200, direction: 'Inbound', src: 'Internet', ports: '443' })], inb(undefined, 443))), 'allowed:AllowClients');
});
