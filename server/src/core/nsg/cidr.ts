/**
 * IPv4 address and CIDR arithmetic. Addresses are unsigned 32-bit integers held in plain numbers
 * (no bitwise operators, so there are no sign problems). IPv6 text is recognised and reported as
 * "not IPv4"; nothing here throws on any input.
 */

import { memoByString } from './memo';

export interface Cidr {
  /** Network address (host bits cleared), 0 … 2^32-1. */
  readonly addr: number;
  /** Prefix length, 0 … 32. */
  readonly prefix: number;
}

export type CidrError = 'empty' | 'syntax' | 'bad-octet' | 'bad-prefix' | 'host-bits' | 'ipv6';

export type CidrParse =
  | { readonly ok: true; readonly cidr: Cidr }
  | {
      readonly ok: false;
      readonly error: CidrError;
      /** A sentence for messages. */
      readonly message: string;
      /** For `host-bits`: the aligned network that contains the written address. */
      readonly aligned?: Cidr;
    };

const TWO32 = 4294967296;

/** Number of addresses in a block of this prefix length. */
export function blockSize(prefix: number): number {
  return 2 ** (32 - prefix);
}

/** Loose IPv6 recognition: contains a colon and only hex digits, colons, dots, `/`, `%`. */
export function looksLikeIpv6(s: string): boolean {
  const t = s.trim();
  return t.includes(':') && /^[0-9a-fA-F:.]+(%[0-9A-Za-z]+)?(\/\d{1,3})?$/.test(t);
}

/** Parses a dotted-quad IPv4 address; undefined when it is not one. */
export function parseIpv4(s: string): number | undefined {
  const r = parseAddress(s);
  return typeof r === 'number' ? r : undefined;
}

function parseAddress(s: string): number | { error: CidrError; message: string } {
  if (looksLikeIpv6(s)) return { error: 'ipv6', message: `'${s}' is an IPv6 address, not IPv4.` };
  const parts = s.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p))) {
    if (parts.length === 4 && parts.every((p) => /^\d+$/.test(p))) {
      return { error: 'bad-octet', message: `'${s}' has an octet greater than 255.` };
    }
    return { error: 'syntax', message: `'${s}' is not an IPv4 address.` };
  }
  let v = 0;
  for (const p of parts) {
    const n = Number(p);
    if (n > 255) return { error: 'bad-octet', message: `'${s}' has an octet greater than 255 (${p}).` };
    v = v * 256 + n;
  }
  return v;
}

/**
 * Parses `a.b.c.d/len` or a bare address (= /32). Host bits set (`10.0.0.5/24`) is an error of kind
 * `host-bits` that carries the aligned network (`10.0.0.0/24`). Memoised: do not modify the result.
 */
export const parseCidr: (text: string) => CidrParse = memoByString(parseCidrOnce);

function parseCidrOnce(text: string): CidrParse {
  const s = text.trim();
  if (s === '') return { ok: false, error: 'empty', message: 'The address prefix is empty.' };
  if (looksLikeIpv6(s)) return { ok: false, error: 'ipv6', message: `'${s}' is an IPv6 prefix, not IPv4.` };
  const slash = s.indexOf('/');
  const addrText = slash < 0 ? s : s.slice(0, slash);
  let prefix = 32;
  if (slash >= 0) {
    const pt = s.slice(slash + 1);
    if (!/^\d{1,3}$/.test(pt)) return { ok: false, error: 'syntax', message: `'${s}' has an invalid prefix length '${pt}'.` };
    prefix = Number(pt);
    if (prefix > 32) return { ok: false, error: 'bad-prefix', message: `'${s}' has a prefix length greater than 32.` };
  }
  const a = parseAddress(addrText);
  if (typeof a !== 'number') return { ok: false, error: a.error, message: a.message };
  const size = blockSize(prefix);
  const net = Math.floor(a / size) * size;
  if (net !== a) {
    const aligned = { addr: net, prefix };
    return {
      ok: false,
      error: 'host-bits',
      message: `'${s}' has host bits set; the network is ${formatCidr(aligned)}.`,
      aligned,
    };
  }
  return { ok: true, cidr: { addr: net, prefix } };
}

/** The network, or for `host-bits` the aligned network; undefined for anything else. */
export function parseCidrLenient(text: string): Cidr | undefined {
  const r = parseCidr(text);
  return r.ok ? r.cidr : r.aligned;
}

export function formatIpv4(addr: number): string {
  const a = ((addr % TWO32) + TWO32) % TWO32;
  return [Math.floor(a / 16777216), Math.floor(a / 65536) % 256, Math.floor(a / 256) % 256, a % 256].join('.');
}

export function formatCidr(c: Cidr): string {
  return `${formatIpv4(c.addr)}/${c.prefix}`;
}

export function cidrSize(c: Cidr): number {
  return blockSize(c.prefix);
}

/** Addresses Azure leaves for resources in a subnet: size − 5 (first, last, three reserved), ≥ 0. */
export function azureUsable(c: Cidr): number {
  return Math.max(0, cidrSize(c) - 5);
}

/** Last address of the block. */
export function cidrLast(c: Cidr): number {
  return c.addr + cidrSize(c) - 1;
}

/** `outer` contains every address of `inner`. */
export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  return outer.prefix <= inner.prefix && inner.addr >= outer.addr && cidrLast(inner) <= cidrLast(outer);
}

export function cidrContainsAddress(c: Cidr, addr: number): boolean {
  return addr >= c.addr && addr <= cidrLast(c);
}

export function cidrOverlaps(a: Cidr, b: Cidr): boolean {
  return a.addr <= cidrLast(b) && b.addr <= cidrLast(a);
}

export function cidrEquals(a: Cidr, b: Cidr): boolean {
  return a.addr === b.addr && a.prefix === b.prefix;
}

/**
 * The lowest aligned block of `length` inside `parent` that overlaps none of `taken`; undefined when
 * there is none (or `length` is shorter than the parent's prefix). O(t log t) for t taken blocks.
 */
export function findFreePrefix(parent: Cidr, length: number, taken: readonly Cidr[]): Cidr | undefined {
  if (!Number.isInteger(length) || length < parent.prefix || length > 32) return undefined;
  const size = blockSize(length);
  const end = cidrLast(parent);
  const blocks = taken
    .filter((t) => cidrOverlaps(t, parent))
    .map((t) => ({ start: t.addr, last: cidrLast(t) }))
    .sort((x, y) => x.start - y.start);
  let cand = parent.addr;
  let i = 0;
  let reach = -1; // highest `last` among taken blocks starting at or before the candidate's end
  while (cand + size - 1 <= end) {
    const candLast = cand + size - 1;
    while (i < blocks.length && blocks[i]!.start <= candLast) {
      reach = Math.max(reach, blocks[i]!.last);
      i++;
    }
    if (reach < cand) return { addr: cand, prefix: length };
    cand = Math.ceil((reach + 1) / size) * size;
  }
  return undefined;
}

/** RFC 1918 private ranges (10/8, 172.16/12, 192.168/16). */
export function isPrivateRange(c: Cidr): boolean {
  return PRIVATE.some((p) => cidrContains(p, c));
}

const PRIVATE: readonly Cidr[] = [
  { addr: 10 * 16777216, prefix: 8 },
  { addr: 172 * 16777216 + 16 * 65536, prefix: 12 },
  { addr: 192 * 16777216 + 168 * 65536, prefix: 16 },
];
