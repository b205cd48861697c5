/**
 * The engine fuzzer: seed documents, mutation operators and the invariants every analysis must keep.
 * Shared by the short seeded run in `npm test` (engine.fuzz.test.ts) and the long run of
 * `npm run fuzz -- --runs N [--seed S]` (scripts/fuzz.mjs).
 *
 * Invariants (checkInvariants): analyzeText never throws; it finishes within TIME_BOUND_MS; every
 * finding's range (and related range) lies inside [0, text.length]; every fix's edits lie inside the
 * text and do not overlap; applying a fix gives a document that parses with no syntax problem the
 * original did not have; the same input gives the same output.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { parse as parseJsonc } from 'jsonc-parser';
import { parse as parseYamlValue, stringify as toYaml } from 'yaml';
import { analyzeText, applyEdits, parseText, type AnalysisResult, type AnalyzeOptions, type ReusableTree } from '../../../server/src/core/index';
import { sameTree } from '../../helpers/trees';
import { parseYamlLibrary } from '../../../server/src/core/text/parseYaml';
import { parseYamlLean } from '../../../server/src/core/text/parseYamlLean';
import { apim, injected, nsg, requiredRules, rule, template, vnet, type Obj } from '../../helpers/templates';
import { multiRegionApim, nested, privateEndpoint, v2Nsg, fullNsg } from '../../helpers/templates-part1';
import { linkedDeployment, publicIp } from '../../helpers/templates-part2';

export type Format = 'json' | 'yaml';

/** A generous bound per analysis: the engine takes milliseconds; this only catches hangs and blow-ups. */
export const TIME_BOUND_MS = 10_000;

export interface Seed {
  readonly name: string;
  readonly format: Format;
  readonly text: string;
  /** The plain value, when the text is JSON or YAML without syntax errors (for tree mutations). */
  readonly value?: unknown;
}

const ROOT = path.resolve(__dirname, '../../../..');
const EXAMPLES = path.join(ROOT, 'examples');
/** The shared corpus, read-only, when present next to the project. */
export const CORPUS = path.resolve(ROOT, '../shared/corpus');

function seedsOf(name: string, value: unknown): Seed[] {
  return [
    { name: `${name}.json`, format: 'json', text: JSON.stringify(value, null, 2) + '\n', value },
    { name: `${name}.yaml`, format: 'yaml', text: toYaml(value, { lineWidth: 0 }), value },
  ];
}

/** Templates built with the test helpers (every rule has something to say about some of them), plus examples/. */
export function fixtureSeeds(): Seed[] {
  const missing = requiredRules().filter((r) => (r as { name: string }).name !== 'AllowApiManagementInbound');
  const blocking = [rule({ name: 'DenyAll', priority: 100, direction: 'Inbound', access: 'Deny', port: '*' }), ...requiredRules().map((r) => ({ ...r, properties: { ...(r as { properties: Obj }).properties, priority: ((r as { properties: { priority: number } }).properties.priority) + 1000 } }))];
  const objects: [string, unknown][] = [
    ['external', injected()],
    ['internal', injected({ mode: 'Internal' })],
    ['missing-rule', injected({ rules: missing })],
    ['blocked', injected({ rules: blocking })],
    ['small-subnet', injected({ prefix: '10.0.1.0/29', apim: { capacity: 3 } })],
    ['wrong-tags', injected({ rules: [rule({ name: 'a', priority: 100, direction: 'Inbound', source: 'APIManagement', port: '433' }), rule({ name: 'b', priority: 100, direction: 'Outbound', destination: 'Storages', port: '443' })] })],
    ['developer-none', template([apim({ sku: 'Developer', type: 'None' })])],
    ['no-nsg', template([vnet('vnet', '10.0.0.0/16', [{ name: 'apim', prefix: '10.0.1.0/27' }]), apim({ type: 'Internal' })])],
    ['multi-region', template([fullNsg('nsg-we'), fullNsg('nsg-ne', 'External', 'northeurope'), vnet('vnet', '10.0.0.0/16', [{ name: 'apim', prefix: '10.0.1.0/27', nsg: 'nsg-we' }]), vnet('vnet-ne', '10.1.0.0/16', [{ name: 'apim', prefix: '10.1.1.0/28', nsg: 'nsg-ne' }], 'westeurope'), multiRegionApim({}, [{ location: 'northeurope', vnet: 'vnet-ne' }])])],
    ['v2', template([v2Nsg('nsg'), vnet('vnet', '10.0.0.0/16', [{ name: 'apim', prefix: '10.0.1.0/24', nsg: 'nsg', delegation: 'Microsoft.Web/serverFarms' }]), apim({ sku: 'StandardV2', type: 'External' })])],
    ['private-endpoint', template([vnet('vnet', '10.0.0.0/16', [{ name: 'endpoints', prefix: '10.0.2.0/24', delegation: 'Microsoft.Web/serverFarms' }]), apim({ sku: 'Consumption', type: 'None', properties: { publicNetworkAccess: 'Disabled' } }), privateEndpoint('pe', 'vnet', 'endpoints')])],
    ['public-ip', template([publicIp({ sku: 'Basic', dnsLabel: null, location: 'northeurope' }), nsg('apim-nsg', requiredRules()), vnet('vnet', '10.0.0.0/16', [{ name: 'apim', prefix: '10.0.1.0/27', nsg: 'apim-nsg' }]), apim({ properties: { publicIpAddressId: "[resourceId('Microsoft.Network/publicIPAddresses', 'apim-pip')]" } })])],
    ['nested', template([nested([nsg('apim-nsg', missing), vnet('vnet', '10.0.0.0/16', [{ name: 'apim', prefix: '10.0.1.0/27', nsg: 'apim-nsg' }]), apim()], { scope: 'outer' }), linkedDeployment()])],
    ['expressions', template([
      { ...nsg("[parameters('nsgName')]", [{ name: "[concat('rule', string(copyIndex('r')))]", properties: {} }]), properties: { copy: [{ name: 'securityRules', count: "[length(variables('ports'))]", input: { name: "[concat('r', variables('ports')[copyIndex('securityRules')])]", properties: { protocol: 'Tcp', sourcePortRange: '*', destinationPortRange: "[variables('ports')[copyIndex('securityRules')]]", sourceAddressPrefix: 'ApiManagement', destinationAddressPrefix: 'VirtualNetwork', access: 'Allow', priority: "[add(100, copyIndex('securityRules'))]", direction: 'Inbound' } } }] } },
      vnet('vnet', "[parameters('space')]", [{ name: 'apim', prefix: "[cidrSubnet(parameters('space'), 27, 1)]", nsg: 'apim-nsg' }]),
      { ...apim({ sku: "[parameters('sku')]" }), copy: { name: 'inst', count: 2 } },
    ], { parameters: { nsgName: { type: 'string', defaultValue: 'apim-nsg' }, space: { type: 'string', defaultValue: '10.0.0.0/16' }, sku: { type: 'string', defaultValue: 'Premium', allowedValues: ['Developer', 'Premium'] } }, variables: { ports: ['3443', '6390', '443'], self: "[variables('self')]" } })],
  ];
  const seeds = objects.flatMap(([n, v]) => seedsOf(n, v));
  if (fs.existsSync(EXAMPLES)) {
    for (const f of fs.readdirSync(EXAMPLES).sort()) {
      if (!/\.(json|jsonc|ya?ml)$/.test(f)) continue;
      const text = fs.readFileSync(path.join(EXAMPLES, f), 'utf8');
      seeds.push(...textSeeds(`examples/${f}`, text));
    }
  }
  return seeds;
}

function textSeeds(name: string, text: string): Seed[] {
  const format: Format = /\.ya?ml$/.test(name) ? 'yaml' : 'json';
  const parsed = parseText(text, format);
  let value: unknown;
  if (parsed.problems.length === 0) {
    value = format === 'json' ? parseJsonc(text) : undefined;
    if (format === 'yaml') {
      try { value = parseYamlValue(text); } catch { value = undefined; }
    }
  }
  const seeds: Seed[] = [{ name, format, text, value }];
  // Each JSON seed is also fuzzed as YAML (and the other way round), from the same value.
  if (value !== undefined) seeds.push(...seedsOf(`${name}~`, value).filter((s) => s.format !== format));
  return seeds;
}

/** The corpus templates (read in place, never copied), up to `maxChars` each; empty when absent. */
export function corpusSeeds(maxChars = Infinity): Seed[] {
  if (!fs.existsSync(CORPUS)) return [];
  const files: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(json|jsonc|ya?ml)$/.test(e.name)) files.push(p);
    }
  };
  walk(CORPUS);
  const seeds: Seed[] = [];
  for (const f of files) {
    const text = fs.readFileSync(f, 'utf8');
    if (text.length > maxChars) continue;
    seeds.push(...textSeeds(path.relative(CORPUS, f), text));
  }
  return seeds;
}

// ---------------------------------------------------------------------------------------------
// Values the mutators write: what templates get wrong (and the wrong types everywhere).

const PORTS = ['443', '3443', '6390', '1433', '1886', '80', '433', '1443', '*', '0-65535', '65535-0', '70000', '-1', '443-', 'a-b', '443,80', '', ' 443 '];
const PREFIXES = ['10.0.0.0/24', '10.0.1.0/27', '10.0.1.0/29', '10.0.1.5/27', '10.0.0.0/33', '10.0.0.0/-1', '300.1.1.1/8', '0.0.0.0/0', '::/0', 'fe80::/64', '10.0.0.0', '10.0.0.0/08', '1.2.3.4/32'];
const TAGS = ['ApiManagement', 'ApiManagement.WestEurope', 'APIMANAGEMENT', 'VirtualNetwork', 'AzureLoadBalancer', 'Internet', 'Storage', 'Storage.WestEurope', 'storage', 'Sql', 'SQL', 'AzureKeyVault', 'AzureMonitor', 'AzureCloud', 'Storages', '*', 'Any', 'GatewayManager'];
const WORDS = ['Premium', 'Developer', 'Basic', 'Standard', 'Consumption', 'StandardV2', 'BasicV2', 'PremiumV2', 'External', 'Internal', 'None', 'Inbound', 'Outbound', 'Allow', 'Deny', 'Tcp', 'Udp', '*', 'Disabled', 'Enabled', 'Gateway', 'westeurope', 'northeurope', 'Microsoft.Web/serverFarms', 'Microsoft.Web/hostingEnvironments', 'Microsoft.Network/networkSecurityGroups', 'Microsoft.Network/virtualNetworks', 'Microsoft.Network/virtualNetworks/subnets', 'Microsoft.ApiManagement/service', 'Microsoft.Resources/deployments', 'Microsoft.Network/privateEndpoints', 'Microsoft.Network/publicIPAddresses'];
const EXPRESSIONS = ["[concat('a', 'b')]", "[parameters('missing')]", "[variables('self')]", "[variables('nope')]", '[concat(', "[reference('x').id]", "[resourceGroup().location]", '[[escaped]', "[range(0, 1000000000)]", "[string(range(0, 100000))]", "[copyIndex()]", "[json('{\"a\": [1, 2]}')]", "[if(true(), '10.0.0.0/24', 1)]", "[padLeft('a', 100000000, 'x')]", "[add(1, 'x')]", "[createArray(1)[5]]", "[utcNow()]", "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', 'apim')]", '[]', '[ ]'];
const ASTRAL = ['😀', '网络', '𝔘𝔫𝔦', 'ü', '\u200b', '\ufeff', '\t', '\r\n', '\\', '"', "'", '\u0000', '\ud800', '\udfff'];

/** A replacement value: scalars of every type, the domain's near misses, empty and odd containers. */
export const valueArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(null, 0, -1, 1, 65536, 1e9, 1e308, -0, 0.5, true, false, '', 'x', [], {}, [null], { properties: null }, { properties: 'x' }, [1, 'a', null, [], {}]),
  fc.integer({ min: -10, max: 5000 }),
  fc.constantFrom(...PORTS, ...PREFIXES, ...TAGS, ...WORDS, ...EXPRESSIONS, ...ASTRAL),
  fc.constantFrom(PORTS, PREFIXES.slice(0, 3), TAGS.slice(0, 3)),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 6 }),
  fc.jsonValue({ maxDepth: 3 }),
);

// ---------------------------------------------------------------------------------------------
// Tree mutations (on the plain value of a seed; rendered in the seed's format, or the other one).

export interface TreeMutation {
  readonly op: 'delete' | 'duplicate' | 'retype' | 'move' | 'wrap';
  readonly at: number;
  readonly other: number;
  readonly value: unknown;
}

export const treeMutationArb: fc.Arbitrary<TreeMutation> = fc.record({
  op: fc.constantFrom('delete', 'duplicate', 'retype', 'retype', 'retype', 'move', 'wrap'),
  at: fc.nat(),
  other: fc.nat(),
  value: valueArb,
});

type Slot = { parent: Record<string, unknown> | unknown[]; key: string | number };

function slots(v: unknown): Slot[] {
  const out: Slot[] = [];
  const stack: unknown[] = [v];
  while (stack.length) {
    const cur = stack.pop();
    if (Array.isArray(cur)) cur.forEach((c, i) => { out.push({ parent: cur, key: i }); stack.push(c); });
    else if (cur && typeof cur === 'object') for (const [k, c] of Object.entries(cur)) { out.push({ parent: cur as Record<string, unknown>, key: k }); stack.push(c); }
  }
  return out;
}

const clone = (v: unknown): unknown => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)) as unknown);

/** Applies mutations to a deep copy of `value`. */
export function mutateTree(value: unknown, mutations: readonly TreeMutation[]): unknown {
  const root = { v: clone(value) };
  for (const m of mutations) {
    const all = slots(root);
    if (!all.length) break;
    const s = all[m.at % all.length]!;
    const get = (x: Slot): unknown => (x.parent as Record<string | number, unknown>)[x.key];
    const set = (x: Slot, v: unknown): void => { (x.parent as Record<string | number, unknown>)[x.key] = v; };
    switch (m.op) {
      case 'delete':
        if (Array.isArray(s.parent)) s.parent.splice(s.key as number, 1);
        else if (s.parent !== (root as unknown)) delete s.parent[s.key as string];
        else set(s, m.value);
        break;
      case 'duplicate':
        if (Array.isArray(s.parent)) s.parent.splice(s.key as number, 0, clone(get(s)));
        else s.parent[`${String(s.key)}${m.other % 2 ? '' : 'Copy'}`.replace(/^(.)/, (c) => (m.other % 3 ? c : c.toUpperCase()))] = clone(get(s));
        break;
      case 'retype':
        set(s, clone(m.value));
        break;
      case 'move': {
        const o = all[m.other % all.length]!;
        set(s, clone(get(o)));
        break;
      }
      case 'wrap':
        set(s, m.other % 2 ? [get(s)] : { value: get(s) });
        break;
    }
  }
  return root.v;
}

export function render(value: unknown, format: Format): string {
  if (format === 'json') return (JSON.stringify(value, null, 2) ?? 'null') + '\n';
  return toYaml(value, { lineWidth: 0, aliasDuplicateObjects: false });
}

// ---------------------------------------------------------------------------------------------
// Text mutations (truncated, garbled, duplicated keys, CRLF, BOM, tabs, astral characters).

export interface TextMutation {
  readonly op: 'truncate' | 'insert' | 'delete' | 'duplicate' | 'crlf' | 'bom' | 'tabs' | 'astral';
  readonly at: number;
  readonly len: number;
  readonly s: string;
}

const FRAGMENTS = ['{', '}', '[', ']', '"', ',', ':', ': ', '\n', '\r', '\r\n', '\0', '\ufeff', '//', '/*', '#', '- ', '  ', '\t', '&a ', '*a', '!!binary ', '? ', '|', '>', '---\n', '...\n', '"resources": ', 'resources:\n', '"priority": 100', 'null', '1e999', '-', "'", '\\u00', '\ud83d', '😀'];

export const textMutationArb: fc.Arbitrary<TextMutation> = fc.record({
  op: fc.constantFrom('truncate', 'insert', 'insert', 'delete', 'duplicate', 'crlf', 'bom', 'tabs', 'astral'),
  at: fc.nat(),
  len: fc.nat({ max: 400 }),
  s: fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ unit: 'binary', maxLength: 8 }), fc.string({ maxLength: 8 })),
});

export function mutateText(text: string, mutations: readonly TextMutation[]): string {
  let t = text;
  for (const m of mutations) {
    const at = t.length ? m.at % (t.length + 1) : 0;
    switch (m.op) {
      case 'truncate': t = t.slice(0, at); break;
      case 'insert': t = t.slice(0, at) + m.s + t.slice(at); break;
      case 'delete': t = t.slice(0, at) + t.slice(at + 1 + (m.len % 40)); break;
      case 'duplicate': {
        // A whole line range duplicated: in objects that is a duplicate key.
        const start = t.lastIndexOf('\n', at - 1) + 1;
        let end = t.indexOf('\n', at + (m.len % 200));
        if (end < 0) end = t.length;
        t = t.slice(0, end) + '\n' + t.slice(start, end) + t.slice(end);
        break;
      }
      case 'crlf': t = t.replace(/\r?\n/g, '\r\n'); break;
      case 'bom': t = '\ufeff' + t; break;
      case 'tabs': t = t.replace(/^( {2})+/gm, (s) => (m.len % 2 ? '\t'.repeat(s.length / 2) : s.replace('  ', '\t'))); break;
      case 'astral': {
        // Into the string that starts after the next quote (names, descriptions).
        const q = t.indexOf('"', at);
        const i = q < 0 ? at : q + 1;
        t = t.slice(0, i) + ASTRAL[m.len % ASTRAL.length]! + '😀' + t.slice(i);
        break;
      }
    }
  }
  return t;
}

// ---------------------------------------------------------------------------------------------
// Random template-shaped documents: an APIM network with random rules, prefixes, ports, tags, priorities.

const ruleArb: fc.Arbitrary<Obj> = fc.record({
  name: fc.oneof(fc.constantFrom('AllowApim', 'DenyAll', 'r1', 'r1', '网络-😀'), fc.string({ maxLength: 6 })),
  priority: fc.oneof(fc.integer({ min: 90, max: 4100 }), fc.constantFrom(100, 100, 65000, 4097, 0, -1), fc.constantFrom<unknown>('100', null, 'x')),
  direction: fc.constantFrom('Inbound', 'Outbound', 'inbound', 'Both'),
  access: fc.constantFrom('Allow', 'Deny', 'allow'),
  protocol: fc.constantFrom('Tcp', 'Udp', '*', 'Icmp', 'TCP', 'Ah'),
  source: fc.oneof(fc.constantFrom(...TAGS, ...PREFIXES)),
  destination: fc.oneof(fc.constantFrom(...TAGS, ...PREFIXES)),
  port: fc.oneof(fc.constantFrom(...PORTS), fc.array(fc.constantFrom(...PORTS), { maxLength: 3 })),
}).map((r) => {
  const plural = Array.isArray(r.port);
  return {
    name: r.name,
    properties: {
      protocol: r.protocol,
      sourcePortRange: '*',
      ...(plural ? { destinationPortRanges: r.port } : { destinationPortRange: r.port }),
      sourceAddressPrefix: r.source,
      destinationAddressPrefix: r.destination,
      access: r.access,
      priority: r.priority,
      direction: r.direction,
    },
  };
});

export const randomTemplateArb: fc.Arbitrary<unknown> = fc.record({
  mode: fc.constantFrom<'External' | 'Internal'>('External', 'Internal'),
  keep: fc.boolean(),
  rules: fc.array(ruleArb, { maxLength: 8 }),
  prefix: fc.constantFrom(...PREFIXES),
  space: fc.constantFrom('10.0.0.0/16', '10.0.0.0/8', '10.1.0.0/16', '::/0'),
  sku: fc.constantFrom('Premium', 'Developer', 'Basic', 'StandardV2', 'Consumption', 'PremiumV2'),
  capacity: fc.oneof(fc.integer({ min: 0, max: 12 }), fc.constantFrom<unknown>('2', null, 1e9)),
  delegation: fc.option(fc.constantFrom('Microsoft.Web/serverFarms', 'Microsoft.Web/hostingEnvironments'), { nil: undefined }),
  location: fc.constantFrom('westeurope', 'northeurope', 'WestEurope', 'mars'),
}).map((r) => {
  const rules = r.keep ? [...requiredRules(r.mode), ...r.rules] : r.rules;
  return template([
    nsg('apim-nsg', rules, r.location),
    vnet('vnet', r.space, [{ name: 'apim', prefix: r.prefix, nsg: 'apim-nsg', delegation: r.delegation }]),
    apim({ type: r.mode, sku: r.sku, capacity: r.capacity as number, location: r.location }),
  ]);
});

// ---------------------------------------------------------------------------------------------
// The invariants.

export class InvariantError extends Error {}

function fail(msg: string): never {
  throw new InvariantError(msg);
}

function checkRange(what: string, r: { offset: number; length: number }, n: number): void {
  if (!Number.isInteger(r.offset) || !Number.isInteger(r.length) || r.offset < 0 || r.length < 0 || r.offset + r.length > n) {
    fail(`${what}: range ${JSON.stringify(r)} is not inside [0, ${n}]`);
  }
}

function analyzeTimed(text: string, options: AnalyzeOptions): AnalysisResult {
  const t0 = performance.now();
  let r: AnalysisResult;
  try {
    r = analyzeText(text, options);
  } catch (e) {
    fail(`analyzeText threw: ${e instanceof Error ? e.stack : String(e)}`);
  }
  const dt = performance.now() - t0;
  if (dt > TIME_BOUND_MS) fail(`analysis took ${Math.round(dt)} ms (bound ${TIME_BOUND_MS} ms)`);
  return r;
}

/** Problems of a parse as messages (positions move when a fix is applied). */
function problemMessages(text: string, format: Format): Set<string> {
  return new Set(parseText(text, format).problems.map((p) => p.message));
}

/** Checks every invariant on one document; throws InvariantError (with the reason) on the first violation. */
export function checkInvariants(text: string, format: Format, options: { maxFileSize?: number; maxFixes?: number } = {}): AnalysisResult {
  const opts: AnalyzeOptions = { format, ...(options.maxFileSize ? { maxFileSize: options.maxFileSize } : {}) };
  const a = analyzeTimed(text, opts);
  const n = text.length;
  for (const f of a.findings) {
    checkRange(`finding ${f.ruleId}`, f.range, n);
    for (const rel of f.related ?? []) checkRange(`related location of ${f.ruleId}`, rel.range, n);
    const p = a.lines.positionAt(f.range.offset);
    if (a.lines.offsetAt(p) !== f.range.offset) fail(`finding ${f.ruleId}: position ${JSON.stringify(p)} does not map back to offset ${f.range.offset}`);
  }
  if (options.maxFileSize && n > options.maxFileSize && a.findings.length > 1) fail('a document above maxFileSize got more than one finding');

  // Same input, same output.
  const b = analyzeTimed(text, opts);
  try {
    assertSame(a, b);
  } catch (e) {
    fail(`analysis is not deterministic: ${e instanceof Error ? e.message : String(e)}`);
  }

  // Fixes apply cleanly.
  let budget = options.maxFixes ?? 12;
  let before: Set<string> | undefined;
  for (const f of a.findings) {
    for (const fix of f.fixes ?? []) {
      if (budget-- <= 0) return a;
      const sorted = [...fix.edits].sort((x, y) => x.offset - y.offset);
      let end = 0;
      for (const e of sorted) {
        checkRange(`edit of fix '${fix.title}'`, e, n);
        if (e.offset < end) fail(`fix '${fix.title}' has overlapping edits at ${e.offset}`);
        end = e.offset + e.length;
        if (typeof e.newText !== 'string') fail(`fix '${fix.title}': newText is not a string`);
      }
      let after: string;
      try {
        after = applyEdits(text, fix.edits);
      } catch (e) {
        fail(`fix '${fix.title}' does not apply: ${String(e)}`);
      }
      before ??= problemMessages(text, format);
      const added = [...problemMessages(after, format)].filter((m) => !before!.has(m));
      if (added.length) fail(`fix '${fix.title}' (${f.ruleId}) breaks the document: ${added.join('; ')}\n--- after ---\n${after}`);
    }
  }
  return a;
}

function assertSame(a: AnalysisResult, b: AnalysisResult): void {
  const strip = (r: AnalysisResult): unknown => ({ format: r.format, kind: r.kind, isTemplate: r.isTemplate, findings: r.findings });
  const x = JSON.stringify(strip(a));
  const y = JSON.stringify(strip(b));
  if (x !== y) throw new Error(`first difference near: ${x.slice(firstDiff(x, y) - 80, firstDiff(x, y) + 80)}`);
}

function firstDiff(x: string, y: string): number {
  let i = 0;
  while (i < x.length && x[i] === y[i]) i++;
  return i;
}

// ---------------------------------------------------------------------------------------------
// The properties.

export interface FuzzCase { readonly seed: string; readonly format: Format; readonly text: string; readonly maxFileSize?: number }

function caseOf(seed: Seed, format: Format, text: string): FuzzCase {
  return { seed: seed.name, format, text };
}

/** Tree mutations of the seeds (rendered in their own format or in the other one). */
export function treeMutationProperty(seeds: readonly Seed[]): fc.IPropertyWithHooks<[FuzzCase]> {
  const withValue = seeds.filter((s) => s.value !== undefined);
  const arb = fc
    .tuple(fc.nat({ max: withValue.length - 1 }), fc.array(treeMutationArb, { minLength: 1, maxLength: 5 }), fc.boolean())
    .map(([i, ms, swap]) => {
      const s = withValue[i]!;
      const format: Format = swap ? (s.format === 'json' ? 'yaml' : 'json') : s.format;
      return caseOf(s, format, render(mutateTree(s.value, ms), format));
    });
  return fc.property(arb, (c) => { checkInvariants(c.text, c.format); });
}

/** Text mutations of the seeds: truncated, garbled, duplicated lines, CRLF, BOM, tabs, astral characters. */
export function textMutationProperty(seeds: readonly Seed[]): fc.IPropertyWithHooks<[FuzzCase]> {
  const arb = fc
    .tuple(fc.nat({ max: seeds.length - 1 }), fc.array(textMutationArb, { minLength: 1, maxLength: 4 }))
    .map(([i, ms]) => caseOf(seeds[i]!, seeds[i]!.format, mutateText(seeds[i]!.text, ms)));
  return fc.property(arb, (c) => { checkInvariants(c.text, c.format); });
}

/** Template-shaped random documents: random rules, prefixes, ports, tags, priorities, tiers. */
export function randomTemplateProperty(): fc.IPropertyWithHooks<[FuzzCase]> {
  const arb = fc.tuple(randomTemplateArb, fc.constantFrom<Format>('json', 'yaml'), fc.array(textMutationArb, { maxLength: 1 }))
    .map(([v, format, ms]) => ({ seed: 'random-template', format, text: mutateText(render(v, format), ms) }));
  return fc.property(arb, (c) => { checkInvariants(c.text, c.format, { maxFixes: 30 }); });
}

/** Random documents: any JSON value, any string, with or without a template's head; random maxFileSize. */
export function randomDocumentProperty(): fc.IPropertyWithHooks<[FuzzCase]> {
  const head = fc.constantFrom('', '{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "resources": ', 'resources:\n  - ', '{"resources": [', '\ufeff');
  const body = fc.oneof(
    fc.jsonValue({ maxDepth: 6 }).map((v) => JSON.stringify(v)),
    fc.jsonValue({ maxDepth: 6 }).map((v) => render(v, 'yaml')),
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.string({ maxLength: 200 }),
    fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b).toString('utf8')),
    fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 60 }).map((a) => a.join('')),
  );
  const arb = fc.tuple(head, body, fc.constantFrom<Format>('json', 'yaml'), fc.option(fc.integer({ min: 1, max: 300 }), { nil: undefined }))
    .map(([h, b, format, max]) => ({ seed: 'random', format, text: h + b, maxFileSize: max }));
  return fc.property(arb, (c) => { checkInvariants(c.text, c.format, { maxFileSize: c.maxFileSize }); });
}

/**
 * Successive edits of a seed, JSON or YAML, each version analysed twice: from the previous version's tree (as the
 * language server does, AnalyzeOptions.previous) and afresh. Same findings and fixes, node for node the same tree.
 */
export function editSequenceProperty(seeds: readonly Seed[]): fc.IPropertyWithHooks<[FuzzCase & { readonly versions: readonly string[] }]> {
  const arb = fc
    .tuple(fc.nat({ max: seeds.length - 1 }), fc.array(fc.oneof(textMutationArb, yamlMutationArb, keyTypingArb, namingArb), { minLength: 1, maxLength: 6 }))
    .map(([i, ms]) => {
      const versions = [seeds[i]!.text];
      for (const m of ms) {
        const last = versions[versions.length - 1]!;
        // YAML's near misses (comment lines at any indentation among them) and keys typed on a new line, for YAML
        // seeds; JSON seeds skip them
        if ('word' in m) { if (seeds[i]!.format === 'yaml') versions.push(insertWord(last, m)); }
        else if ('typed' in m) { if (seeds[i]!.format === 'yaml') versions.push(...keyTyped(last, m)); }
        else if ('naming' in m) versions.push(editNaming(last, m));
        else versions.push(mutateText(last, [m]));
      }
      return { ...caseOf(seeds[i]!, seeds[i]!.format, versions[versions.length - 1]!), versions };
    });
  return fc.property(arb, (c) => {
    const options: AnalyzeOptions = { format: c.format, uri: `file:///fuzz/template.${c.format}` };
    let previous: ReusableTree | undefined = analyzeText(c.versions[0]!, options).reusable;
    for (let v = 1; v < c.versions.length; v++) {
      const text = c.versions[v]!;
      const fresh = analyzeText(text, options);
      const reused = analyzeText(text, previous ? { ...options, previous } : options);
      assertSame(reused, fresh);
      sameTree(reused.root, fresh.root, `version ${v}`);
      previous = reused.reusable;
    }
  });
}

/**
 * Text mutations of the YAML seeds (and of the JSON seeds written as YAML): wherever the lean YAML parser takes the
 * text, its tree is node for node the one made from the yaml library's parse, which reports no problem there.
 */
export function leanYamlProperty(seeds: readonly Seed[]): fc.IPropertyWithHooks<[FuzzCase]> {
  const yaml = seeds.flatMap((s) => (s.format === 'yaml' ? [s] : s.value !== undefined ? [{ ...s, format: 'yaml' as const, text: toYaml(s.value, { lineWidth: 0 }) }] : []));
  const arb = fc
    .tuple(fc.nat({ max: yaml.length - 1 }), fc.array(fc.oneof(textMutationArb, yamlMutationArb), { minLength: 1, maxLength: 3 }))
    .map(([i, ms]) => caseOf(yaml[i]!, 'yaml', ms.reduce((t, m) => ('word' in m ? insertWord(t, m) : mutateText(t, [m])), yaml[i]!.text)));
  return fc.property(arb, (c) => {
    const lean = parseYamlLean(c.text);
    if (!lean) return;
    const library = parseYamlLibrary(c.text);
    if (library.problems.length) throw new Error(`the lean parser took a text with a syntax problem: ${library.problems[0]!.message}`);
    sameTree(lean, library.root, 'lean', { ours: true });
  });
}

/** YAML's own near misses, typed at a random place: indicators, scalars the schema reads, keys, comments, lines. */
const YAML_WORDS = [':', ': ', '- ', '#', ' # c', '\n# c\n', '\n # c', '\n  # c', '\n   # c', '\n    # c', '\n      # c', '\n        # c', '"', "'", '[]', '{}', '[', '{', '|', '>', '&a ', '*a', '!x ', '? ', '%', '---', '...',
  '\n  k: v', '\n  k:', '\n  -', '\n- ', '0x1F', '.inf', '~', 'null', 'True', 'No', '1_000', '2023-01-01', '"a\\"b"', "'it''s'", ' :', 'a:b', '-x', ':x', '\t', '\r\n'];
/**
 * A line typed as in an editor: a new line after a random line (with an indentation), then the text letter by letter
 * on it, each a version (keyTyped). Keys added at the end of a mapping are the common case; the other texts are the
 * ones a part parsed alone could read otherwise there (a collection, a tag, a bracket).
 */
type KeyTyping = { readonly line: number; readonly indent: number; readonly typed: string };
const keyTypingArb: fc.Arbitrary<KeyTyping> = fc.record({
  line: fc.nat(),
  indent: fc.nat({ max: 7 }).map((n) => n * 2),
  // a line break in `typed` goes on at the key's indentation and two more: a key's value typed below it (round 21)
  typed: fc.constantFrom('dependsOn', 'de: x', 'k: v', '- x', '!t', 'd: [', 'd #c', 'a.b-c/d', 'de:\nvalue: 1'),
});
function keyTyped(text: string, m: KeyTyping): string[] {
  const ends: number[] = [];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) ends.push(i);
  if (!ends.length) return [];
  const at = ends[m.line % ends.length]!;
  const typed = m.typed.replace(/\n/g, `\n${' '.repeat(m.indent + 2)}`);
  const versions: string[] = [];
  for (let n = 0; n <= typed.length; n++) versions.push(`${text.slice(0, at)}\n${' '.repeat(m.indent)}${typed.slice(0, n)}${text.slice(at)}`);
  return versions;
}
/**
 * An edit inside a `name` or `type` value (of a resource, a rule, a subnet: whichever the pattern finds): a letter
 * typed or taken away, or the value of another `name` or `type` put in its place (a resource renamed to a name
 * another has: model/reuse.ts makes the instances again and reads again the NSGs a rule may leave or join).
 */
type Naming = { readonly naming: number; readonly at: number; readonly op: 'type' | 'delete' | 'copy'; readonly s: string; readonly from: number };
const namingArb: fc.Arbitrary<Naming> = fc.record({
  naming: fc.nat(),
  at: fc.nat(),
  op: fc.constantFrom<Naming['op']>('type', 'type', 'delete', 'copy'),
  s: fc.constantFrom('x', '-', '/', '1', '[', ']', "'", 'Microsoft.Network/networkSecurityGroups'),
  from: fc.nat(),
});
const NAMING = /"(?:name|type)"[ \t]*:[ \t]*"([^"\\\r\n]*)"|^[ \t-]*(?:name|type):[ \t]*([^\s#]*)/gim;
function editNaming(text: string, m: Naming): string {
  const values: { start: number; end: number }[] = [];
  for (const x of text.matchAll(NAMING)) {
    const v = x[1] ?? x[2] ?? '';
    const end = x.index! + x[0].length - (x[1] !== undefined ? 1 : 0);
    values.push({ start: end - v.length, end });
  }
  if (!values.length) return text;
  const { start, end } = values[m.naming % values.length]!;
  const at = start + (m.at % (end - start + 1));
  switch (m.op) {
    case 'type': return text.slice(0, at) + m.s + text.slice(at);
    case 'delete': return at < end ? text.slice(0, at) + text.slice(at + 1) : text;
    case 'copy': {
      const other = values[m.from % values.length]!;
      return text.slice(0, start) + text.slice(other.start, other.end) + text.slice(end);
    }
  }
}
type YamlMutation = { readonly word: number; readonly at: number; readonly replace: boolean };
const yamlMutationArb: fc.Arbitrary<YamlMutation> = fc.record({ word: fc.nat({ max: YAML_WORDS.length - 1 }), at: fc.nat(), replace: fc.boolean() });
function insertWord(text: string, m: YamlMutation): string {
  const at = text.length ? m.at % (text.length + 1) : 0;
  return text.slice(0, at) + YAML_WORDS[m.word]! + text.slice(at + (m.replace ? 1 : 0));
}
