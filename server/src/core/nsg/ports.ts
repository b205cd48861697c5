import { memoByString } from './memo';

/**
 * NSG port specifications: `*`, `N`, `N-M` (0 … 65535), and comma-separated lists of those.
 */

export interface PortRange {
  readonly from: number;
  readonly to: number;
}

export type PortParse =
  | { readonly ok: true; readonly ranges: readonly PortRange[] }
  | { readonly ok: false; readonly message: string };

export const ALL_PORTS: PortRange = { from: 0, to: 65535 };

function parsePort(t: string): number | undefined {
  if (!/^\d{1,5}$/.test(t)) return undefined;
  const n = Number(t);
  return n <= 65535 ? n : undefined;
}

/** Parses one spec; a list `80,443,1000-2000` is accepted too (whitespace around items ignored). Memoised: do not modify the result. */
export const parsePortSpec: (spec: string) => PortParse = memoByString(parsePortSpecOnce);

function parsePortSpecOnce(spec: string): PortParse {
  const items = spec.split(',').map((s) => s.trim());
  const ranges: PortRange[] = [];
  for (const item of items) {
    if (item === '') return { ok: false, message: `'${spec}' has an empty port item.` };
    if (item === '*') {
      ranges.push(ALL_PORTS);
      continue;
    }
    const m = /^(\d+)\s*-\s*(\d+)$/.exec(item);
    if (m) {
      const from = parsePort(m[1]!);
      const to = parsePort(m[2]!);
      if (from === undefined || to === undefined) return { ok: false, message: `'${item}' has a port outside 0-65535.` };
      if (from > to) return { ok: false, message: `'${item}' is a reversed range (${from} > ${to}).` };
      ranges.push({ from, to });
      continue;
    }
    const p = parsePort(item);
    if (p === undefined) {
      return { ok: false, message: /^\d+$/.test(item) ? `'${item}' is outside 0-65535.` : `'${item}' is not a port, a range or '*'.` };
    }
    ranges.push({ from: p, to: p });
  }
  return { ok: true, ranges };
}

/** Parses several specs (an ARM `…PortRanges` array); the first error wins. */
export function parsePortSpecs(specs: readonly string[]): PortParse {
  const ranges: PortRange[] = [];
  for (const s of specs) {
    const r = parsePortSpec(s);
    if (!r.ok) return r;
    ranges.push(...r.ranges);
  }
  return { ok: true, ranges };
}

export function rangeContains(r: PortRange, port: number): boolean {
  return port >= r.from && port <= r.to;
}

export function portInRanges(port: number, ranges: readonly PortRange[]): boolean {
  for (let i = 0; i < ranges.length; i++) if (rangeContains(ranges[i]!, port)) return true;
  return false;
}

/** The ranges cover every port 0-65535. */
export function coversAllPorts(ranges: readonly PortRange[]): boolean {
  const sorted = [...ranges].sort((a, b) => a.from - b.from);
  let next = 0;
  for (const r of sorted) {
    if (r.from > next) return false;
    next = Math.max(next, r.to + 1);
    if (next > 65535) return true;
  }
  return false;
}

export function formatPortRange(r: PortRange): string {
  if (r.from === 0 && r.to === 65535) return '*';
  return r.from === r.to ? String(r.from) : `${r.from}-${r.to}`;
}
