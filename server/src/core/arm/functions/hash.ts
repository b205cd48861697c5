/**
 * Deterministic stand-ins for `uniqueString()` and `guid()`.
 *
 * Azure computes these with a hash of its own (not published); we cannot reproduce the exact values.
 * What matters for linting is that the same inputs give the same output (so names built from them
 * still link) and different inputs give different outputs. The format matches Azure's: 13 lower-case
 * base32 characters for uniqueString, a lower-case 8-4-4-4-12 GUID for guid.
 */
function mix32(s: string, seed: number): number {
  // 32-bit FNV-1a over UTF-16 code units, then a murmur3 finaliser.
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

function words(parts: readonly string[], n: number): number[] {
  const joined = parts.join('\u0000');
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(mix32(joined, Math.imul(i + 1, 0x9e3779b9)));
  return out;
}

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

export function stableUniqueString(parts: readonly string[]): string {
  const [a, b, c] = words(parts, 3);
  let bits = (BigInt(a) << 64n) | (BigInt(b) << 32n) | BigInt(c);
  let out = '';
  for (let i = 0; i < 13; i++) {
    out += BASE32[Number(bits & 31n)];
    bits >>= 5n;
  }
  return out;
}

export function stableGuid(parts: readonly string[]): string {
  const hex = words(parts, 4)
    .map((w) => w.toString(16).padStart(8, '0'))
    .join('');
  const h = hex.slice(0, 12) + '5' + hex.slice(13, 16) + ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16) + hex.slice(17);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
