import type { EV } from '../value';
import type { FnTable } from './types';
import { J, S, typeName, U } from './util';

export interface Cidr {
  readonly v6: boolean;
  /** Network address (host bits cleared). */
  readonly network: bigint;
  readonly prefix: number;
}

export function parseIPv4(s: string): bigint | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  let out = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    out = (out << 8n) | BigInt(n);
  }
  return out;
}

export function parseIPv6(s: string): bigint | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(s)) return undefined;
  const dbl = s.indexOf('::');
  if (dbl !== s.lastIndexOf('::')) return undefined;
  const groups = (t: string): number[] | undefined => {
    if (t === '') return [];
    const out: number[] = [];
    const ps = t.split(':');
    for (let i = 0; i < ps.length; i++) {
      const p = ps[i];
      if (i === ps.length - 1 && p.includes('.')) {
        const v4 = parseIPv4(p);
        if (v4 === undefined) return undefined;
        out.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
        continue;
      }
      if (!/^[0-9a-fA-F]{1,4}$/.test(p)) return undefined;
      out.push(parseInt(p, 16));
    }
    return out;
  };
  let all: number[];
  if (dbl >= 0) {
    const head = groups(s.slice(0, dbl));
    const tail = groups(s.slice(dbl + 2));
    if (!head || !tail || head.length + tail.length > 7) return undefined;
    all = [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
  } else {
    const g = groups(s);
    if (!g || g.length !== 8) return undefined;
    all = g;
  }
  let out = 0n;
  for (const g of all) out = (out << 16n) | BigInt(g);
  return out;
}

export function formatIPv4(v: bigint): string {
  return [24n, 16n, 8n, 0n].map((sh) => String(Number((v >> sh) & 0xffn))).join('.');
}

export function formatIPv6(v: bigint): string {
  const g: number[] = [];
  for (let i = 7; i >= 0; i--) g.push(Number((v >> BigInt(i * 16)) & 0xffffn));
  // longest run of zeros (length >= 2) becomes "::"
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = g.map((x) => x.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

export function parseCidrText(s: string): Cidr | undefined {
  const slash = s.indexOf('/');
  if (slash < 0) return undefined;
  const addr = s.slice(0, slash).trim();
  const pre = s.slice(slash + 1).trim();
  if (!/^\d{1,3}$/.test(pre)) return undefined;
  const prefix = Number(pre);
  const v6 = addr.includes(':');
  const ip = v6 ? parseIPv6(addr) : parseIPv4(addr);
  const bits = v6 ? 128 : 32;
  if (ip === undefined || prefix > bits) return undefined;
  const hostBits = BigInt(bits - prefix);
  const network = (ip >> hostBits) << hostBits;
  return { v6, network, prefix };
}

const fmt = (c: Cidr, v: bigint): string => (c.v6 ? formatIPv6(v) : formatIPv4(v));

function ranges(c: Cidr): { last: bigint; first: bigint; lastUsable: bigint } {
  const bits = c.v6 ? 128 : 32;
  const size = 1n << BigInt(bits - c.prefix);
  const last = c.network + size - 1n;
  if (c.v6 || c.prefix >= 31) return { last, first: c.network, lastUsable: last };
  return { last, first: c.network + 1n, lastUsable: last - 1n };
}

function needCidr(name: string, x: EV): Cidr | string {
  if (x.t !== 'string') return `${name}() needs a CIDR string, got ${typeName(x)}`;
  return parseCidrText(x.v) ?? `${name}(): '${x.v}' is not a valid CIDR range`;
}

export const cidrFunctions: FnTable = {
  parsecidr: {
    min: 1,
    max: 1,
    fn: ([x], cx) => {
      const c = needCidr('parseCidr', x);
      if (typeof c === 'string') return U(cx, c);
      const bits = c.v6 ? 128 : 32;
      const mask = ((1n << BigInt(bits)) - 1n) ^ ((1n << BigInt(bits - c.prefix)) - 1n);
      const r = ranges(c);
      const o: Record<string, unknown> = { network: fmt(c, c.network), netmask: fmt(c, mask) };
      if (!c.v6) o.broadcast = fmt(c, r.last);
      o.firstUsable = fmt(c, r.first);
      o.lastUsable = fmt(c, r.lastUsable);
      o.cidr = c.prefix;
      return J(cx, o);
    },
  },
  cidrsubnet: {
    min: 3,
    max: 3,
    fn: ([x, n, i], cx) => {
      const c = needCidr('cidrSubnet', x);
      if (typeof c === 'string') return U(cx, c);
      if (n.t !== 'number' || i.t !== 'number') return U(cx, 'cidrSubnet() needs integer newCIDR and subnetIndex');
      const bits = c.v6 ? 128 : 32;
      if (!Number.isInteger(n.v) || n.v < c.prefix || n.v > bits) return U(cx, `cidrSubnet(): newCIDR ${n.v} must be between ${c.prefix} and ${bits}`);
      const count = 1n << BigInt(n.v - c.prefix);
      if (!Number.isInteger(i.v) || i.v < 0 || BigInt(i.v) >= count) return U(cx, `cidrSubnet(): subnetIndex ${i.v} is out of range`);
      const addr = c.network + (BigInt(i.v) << BigInt(bits - n.v));
      return S(cx, `${fmt(c, addr)}/${n.v}`);
    },
  },
  cidrhost: {
    min: 2,
    max: 2,
    fn: ([x, i], cx) => {
      const c = needCidr('cidrHost', x);
      if (typeof c === 'string') return U(cx, c);
      if (i.t !== 'number' || !Number.isInteger(i.v) || i.v < 0) return U(cx, 'cidrHost() needs a non-negative integer hostIndex');
      const r = ranges(c);
      const addr = r.first + BigInt(i.v);
      if (addr > r.lastUsable) return U(cx, `cidrHost(): hostIndex ${i.v} is out of range`);
      return S(cx, fmt(c, addr));
    },
  },
};
