/**
 * A string equal to `s` that shares no memory with a text it was cut from. V8 makes a slice of 13 characters or
 * more a view into its parent: a string the parser cut from a document (an expression, an id) holds that whole
 * version of the document, and so would a module-level table that kept it, or kept anything sliced from it.
 *
 * The copy is flat (its characters in one piece, as `join` writes them): the parser's table of repeated strings
 * (parseJson.ts) and the memo tables below keep these, and a table's lookup compares the string it is given with the
 * one it keeps. Two flat strings V8 compares in place; a slice of a private copy (what this function made until round
 * 23: `(s + ' ').slice(...)`) it compared through its runtime, and the memo tables' lookups took twice as long.
 */
export function ownString(s: string): string {
  return s.length < 13 ? s : [s.slice(0, 1), s.slice(1)].join('');
}

/**
 * Memoises a pure function of a short string whose results are immutable (port specs, prefixes and
 * addresses repeat across the rules of a template, and across analyses); an undefined result is kept too.
 * Strings longer than `maxLength` are not kept; at `max` entries the cache starts over, so it stays small
 * in a long-running server. A kept string is an own copy (`ownString`), and the result is computed from that
 * copy, so that neither pins the document the string came from.
 */
export function memoByString<T>(f: (s: string) => T, max = 4096, maxLength = 256): (s: string) => T {
  const cache = new Map<string, T>();
  return (s: string): T => {
    let v = cache.get(s);
    if (v !== undefined || cache.has(s)) return v as T;
    if (s.length > maxLength) return f(s);
    const own = ownString(s);
    v = f(own);
    if (cache.size >= max) cache.clear();
    cache.set(own, v);
    return v;
  };
}

/**
 * Memoises a pure function for its last argument only: for values that arrive in runs (the 27 flows of one APIM
 * region share its subnet prefix and location), one comparison instead of a hash lookup per call. A string is
 * compared by value and kept as an own copy (`ownString`), like `memoByString`'s keys; an object (a shared flow
 * requirement's remote end) by identity.
 */
export function memoLast<K extends string | object, T>(f: (k: K) => T): (k: K) => T {
  let lastKey: K | undefined;
  let last: T;
  return (k: K): T => {
    if (k !== lastKey) {
      lastKey = (typeof k === 'string' ? ownString(k) : k) as K;
      last = f(lastKey);
    }
    return last;
  };
}

/**
 * Memoises a pure function of an object that does not change while it is alive (an NSG of one analysis's
 * model, a shared flow requirement): computed on first use, dropped with the object.
 */
export function memoByObject<K extends object, T>(f: (k: K) => T): (k: K) => T {
  const cache = new WeakMap<K, T>();
  return (k: K): T => {
    if (cache.has(k)) return cache.get(k) as T;
    const v = f(k);
    cache.set(k, v);
    return v;
  };
}

/**
 * `s.toLowerCase()` for names and keys (property names, enum values): a small vocabulary that repeats
 * on every resource and analysis; the parser hands out one string per distinct key, whose hash V8
 * keeps, so a lookup here is cheaper than the new string each `toLowerCase` of a capitalised name is.
 */
export const lowerName: (s: string) => string = memoByString((s) => s.toLowerCase(), 8192);
