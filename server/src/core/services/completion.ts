import { asString } from '../arm/value';
import { SERVICE_TAGS } from '../azure/serviceTags';
import { findRegion, regionTagSuffix } from '../azure/regions';
import { TIERS } from '../azure/tiers';
import type { AnalysisResult } from '../analyze';
import { freePriority } from '../rules/support/insertNsgRule';
import { locationOf } from '../rules/support/apim';
import { prop, type SourceNode } from '../text/sourceNode';
import { cursorContext } from './context';

export interface CompletionEntry {
  readonly label: string;
  readonly kind: 'value' | 'enum' | 'number';
  readonly detail?: string;
  readonly documentation?: string;
  /** Sort key: lower first. */
  readonly sortText?: string;
}

export interface CompletionResult {
  readonly items: readonly CompletionEntry[];
  /** The text range the chosen label replaces (the typed prefix, without quotes). */
  readonly replace: { readonly offset: number; readonly length: number };
  /** True when the cursor is inside a JSON string: insert the label as is; else JSON needs quotes (strings). */
  readonly inString: boolean;
}

const VALUES: Readonly<Record<string, readonly string[]>> = {
  protocol: ['Tcp', 'Udp', 'Icmp', 'Esp', 'Ah', '*'],
  access: ['Allow', 'Deny'],
  direction: ['Inbound', 'Outbound'],
  virtualnetworktype: ['None', 'External', 'Internal'],
  publicnetworkaccess: ['Enabled', 'Disabled'],
};

const PREFIX_PROPS = new Set(['sourceaddressprefix', 'destinationaddressprefix', 'sourceaddressprefixes', 'destinationaddressprefixes']);

/**
 * Completion at `offset` of `text`: values of the property being typed. Works on half-typed
 * documents by reading the current line when the tree cannot tell.
 */
export function getCompletions(result: AnalysisResult, text: string, offset: number): CompletionResult | undefined {
  if (!result.isTemplate) return undefined;
  const line = lineContext(text, offset);
  if (!line) return undefined;
  const ctx = cursorContext(result.root, offset);
  const key = line.key.toLowerCase();
  const replace = { offset: offset - line.typed.length, length: line.typed.length };
  const make = (items: CompletionEntry[]): CompletionResult => ({ items, replace, inString: line.inString });
  if (VALUES[key]) return make(VALUES[key]!.map((label, i) => ({ label, kind: 'enum', sortText: String(i).padStart(2, '0') })));
  if (key === 'name' && (ctx.parentProperty?.toLowerCase() === 'sku' || line.parentKey === 'sku') && (ctx.resourceType ?? '').toLowerCase() === 'microsoft.apimanagement/service') {
    return make(Object.values(TIERS).map((t, i) => ({
      label: t.name,
      kind: 'enum',
      sortText: String(i).padStart(2, '0'),
      detail: [t.classicInjection && 'VNet injection', t.v2Injection && 'v2 injection', t.v2Integration && 'v2 integration', t.privateEndpoint && 'private endpoint'].filter(Boolean).join(', ') || 'no VNet features',
    })));
  }
  if (PREFIX_PROPS.has(key)) return make(tagItems(result));
  if (key === 'priority') {
    const p = priorityFor(result, ctx.resource, offset);
    return p === undefined ? undefined : make([{ label: String(p), kind: 'number', detail: 'first free priority in this NSG for this direction' }]);
  }
  return undefined;
}

function tagItems(result: AnalysisResult): CompletionEntry[] {
  const items: CompletionEntry[] = [
    { label: '*', kind: 'value', detail: 'any address', sortText: '0' },
  ];
  const regions = new Set<string>();
  for (const s of result.model?.apimServices ?? []) for (const r of s.regions) {
    const l = locationOf(r.location);
    if (l) regions.add(l);
  }
  for (const t of SERVICE_TAGS) {
    if (t.deprecated) continue;
    items.push({ label: t.name, kind: 'value', detail: t.direction === 'Both' ? 'inbound and outbound' : t.direction.toLowerCase(), documentation: t.description, sortText: `1${t.name}` });
    if (!t.regional) continue;
    for (const loc of regions) {
      const info = findRegion(loc);
      if (info) items.push({ label: `${t.name}.${regionTagSuffix(info)}`, kind: 'value', detail: `${t.name} in ${info.display}`, documentation: t.description, sortText: `2${t.name}` });
    }
  }
  return items;
}

function priorityFor(result: AnalysisResult, resource: SourceNode | undefined, offset: number): number | undefined {
  const model = result.model;
  if (!model) return undefined;
  const nsg = model.networkSecurityGroups.find((n) => n.res.node === resource || n.rules.some((r) => offset >= r.node.offset && offset <= r.node.offset + r.node.length));
  if (!nsg) return undefined;
  const rule = nsg.rules.find((r) => offset >= r.node.offset && offset <= r.node.offset + r.node.length);
  const direction = asString(rule?.direction.ev) ?? (typeof prop(prop(rule?.node, 'properties'), 'direction')?.value === 'string' ? String(prop(prop(rule?.node, 'properties'), 'direction')!.value) : 'Inbound');
  return freePriority(nsg, direction, 65500);
}

interface LineContext {
  readonly key: string;
  readonly parentKey?: string;
  readonly typed: string;
  readonly inString: boolean;
}

/** Reads `"key": "typed|` (JSON) or `key: typed|` (YAML) before the cursor on its line. */
export function lineContext(text: string, offset: number): LineContext | undefined {
  let start = offset;
  while (start > 0 && text[start - 1] !== '\n') start--;
  const before = text.slice(start, offset);
  const json = /"([A-Za-z$]+)"\s*:\s*(")?([^"]*)$/.exec(before);
  const yaml = /^\s*(?:-\s+)?([A-Za-z$]+)\s*:\s*(["'])?([^"']*)$/.exec(before);
  const inArray = /^\s*(?:-\s+|")?(["'])?([^"',\]]*)$/.exec(before);
  const m = json ?? yaml;
  if (m) return { key: m[1]!, typed: m[3]!.trimStart(), inString: m[2] !== undefined, parentKey: parentKey(text, start) };
  // An item of a plural array (`destinationAddressPrefixes: [` on an earlier line).
  if (inArray) {
    const owner = enclosingArrayKey(text, start);
    if (owner) return { key: owner, typed: inArray[2]!, inString: inArray[1] !== undefined };
  }
  return undefined;
}

function parentKey(text: string, lineStart: number): string | undefined {
  const before = text.slice(Math.max(0, lineStart - 400), lineStart);
  const m = /"?([A-Za-z$]+)"?\s*:\s*\{?\s*$/.exec(before.trimEnd());
  return m?.[1]?.toLowerCase();
}

function enclosingArrayKey(text: string, lineStart: number): string | undefined {
  const before = text.slice(Math.max(0, lineStart - 2000), lineStart);
  const m = /"?([A-Za-z$]+Prefixes)"?\s*:\s*\[?[^\]:]*$/.exec(before);
  return m?.[1];
}
