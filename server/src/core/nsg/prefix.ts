/**
 * Address prefixes of NSG rules, pre-parsed once per rule for the evaluator.
 */
import { tagRegionLocation } from '../azure/suggest';
import { parseTagText, type ServiceTagInfo } from '../azure/serviceTags';
import { looksLikeIpv6, parseCidrLenient, type Cidr } from './cidr';
import { memoByString } from './memo';

export type CompiledPrefix =
  /** `*`, `Any`, `0.0.0.0/0`. */
  | { readonly k: 'all' }
  /**
   * A service tag. `base` is the lower-cased tag part; `info` when it is a known tag.
   * `region`: absent for the plain tag; the normalised location of a regional form; `null` for a
   * regional suffix we do not recognise.
   */
  | { readonly k: 'tag'; readonly base: string; readonly info?: ServiceTagInfo; readonly region?: string | null }
  | { readonly k: 'cidr'; readonly cidr: Cidr }
  /** An ARM expression we could not evaluate. */
  | { readonly k: 'unknown' }
  /** IPv6 or malformed: never matches an IPv4 flow. */
  | { readonly k: 'none' };

/** Memoised: do not modify the result. */
export const compilePrefix: (text: string) => CompiledPrefix = memoByString(compilePrefixOnce);

function compilePrefixOnce(text: string): CompiledPrefix {
  const s = text.trim();
  if (s === '*' || /^any$/i.test(s)) return { k: 'all' };
  if (looksLikeIpv6(s)) return { k: 'none' };
  if (/^[\d./]+$/.test(s)) {
    const c = parseCidrLenient(s);
    if (!c) return { k: 'none' };
    return c.prefix === 0 ? { k: 'all' } : { k: 'cidr', cidr: c };
  }
  const ref = parseTagText(s);
  const base = (ref.tag?.name ?? ref.tagText).toLowerCase();
  if (ref.regionText === undefined) return ref.tag ? { k: 'tag', base, info: ref.tag } : { k: 'tag', base };
  if (!ref.tag) return { k: 'tag', base: s.toLowerCase() };
  const region = tagRegionLocation(ref.tag.name, ref.regionText) ?? null;
  return { k: 'tag', base, info: ref.tag, region };
}
