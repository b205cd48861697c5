import { Buffer } from 'node:buffer';
import type { EV } from '../value';
import { stableGuid, stableUniqueString } from './hash';
import type { Cx, FnTable } from './types';
import { A, J, S, toText, typeName, U } from './util';

function needString(name: string, v: EV, cx: Cx, what = 'a string'): string | EV {
  if (v.t === 'string') return v.v;
  return U(cx, `${name}() needs ${what}, got ${typeName(v)}`);
}

function strFn(name: string, f: (s: string, cx: Cx) => EV) {
  return { min: 1, max: 1, fn: ([x]: readonly EV[], cx: Cx): EV => (x.t === 'string' ? f(x.v, cx) : U(cx, `${name}() needs a string, got ${typeName(x)}`)) };
}

function str2(name: string, f: (a: string, b: string, cx: Cx) => EV) {
  return {
    min: 2,
    max: 2,
    fn: ([x, y]: readonly EV[], cx: Cx): EV => {
      if (x.t !== 'string' || y.t !== 'string') return U(cx, `${name}() needs two strings`);
      return f(x.v, y.v, cx);
    },
  };
}

/** .NET composite formatting (`{0}`, `{0,5}`, `{0:D3}`, `{{`); other format specs are ignored. */
export function formatDotNet(fmt: string, args: readonly EV[], cx: Cx): EV {
  let out = '';
  let i = 0;
  const n = fmt.length;
  while (i < n) {
    const c = fmt.charCodeAt(i);
    if (c === 0x7b /* { */) {
      if (fmt.charCodeAt(i + 1) === 0x7b) {
        out += '{';
        i += 2;
        continue;
      }
      const close = fmt.indexOf('}', i);
      if (close < 0) return U(cx, 'format(): unbalanced "{" in the format string');
      const item = fmt.slice(i + 1, close);
      const m = /^\s*(\d+)\s*(?:,\s*(-?\d+)\s*)?(?::(.*))?$/.exec(item);
      if (!m) return U(cx, `format(): invalid format item "{${item}}"`);
      const idx = Number(m[1]);
      if (idx >= args.length) return U(cx, `format(): the format string refers to argument ${idx} but only ${args.length} were given`);
      const a = args[idx];
      if (a.t === 'unknown') return U(cx, a.why);
      let text = toText(a);
      if (text === undefined) return U(cx, 'format(): an argument is not known');
      const spec = m[3];
      if (spec && a.t === 'number' && /^[dD]\d+$/.test(spec)) {
        const w = Number(spec.slice(1));
        const neg = a.v < 0;
        text = (neg ? '-' : '') + String(Math.abs(Math.trunc(a.v))).padStart(w, '0');
      } else if (spec && a.t === 'number' && /^[xX]\d*$/.test(spec)) {
        let h = Math.trunc(a.v).toString(16);
        if (spec[0] === 'X') h = h.toUpperCase();
        text = h.padStart(Number(spec.slice(1) || 0), '0');
      }
      if (m[2]) {
        const w = Number(m[2]);
        text = w >= 0 ? text.padStart(w) : text.padEnd(-w);
      }
      out += text;
      i = close + 1;
      continue;
    }
    if (c === 0x7d /* } */) {
      if (fmt.charCodeAt(i + 1) === 0x7d) {
        out += '}';
        i += 2;
        continue;
      }
      return U(cx, 'format(): unbalanced "}" in the format string');
    }
    const next = nextBrace(fmt, i);
    out += fmt.slice(i, next);
    i = next;
  }
  return S(cx, out);
}

function nextBrace(s: string, from: number): number {
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x7b || c === 0x7d) return i;
  }
  return s.length;
}

/** RFC 3986 escaping as .NET's Uri.EscapeDataString (also escapes !'()*). */
function escapeDataString(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (ch) => '%' + ch.charCodeAt(0).toString(16).toUpperCase());
}

function combineUri(base: string, rel: string): string {
  if (base.endsWith('/')) return base + rel;
  const scheme = base.indexOf('://');
  const afterScheme = scheme >= 0 ? scheme + 3 : 0;
  const last = base.lastIndexOf('/');
  if (last < afterScheme) return base + '/' + rel;
  return base.slice(0, last + 1) + rel;
}

const DATA_URI_PREFIX = 'data:text/plain;charset=utf8;base64,';

export const stringFunctions: FnTable = {
  format: {
    min: 1,
    max: Infinity,
    unknownOk: true,
    fn: (args, cx) => {
      const f = args[0];
      if (f.t === 'unknown') return U(cx, f.why);
      if (f.t !== 'string') return U(cx, `format() needs a format string, got ${typeName(f)}`);
      return formatDotNet(f.v, args.slice(1), cx);
    },
  },
  tolower: strFn('toLower', (s, cx) => S(cx, s.toLowerCase())),
  toupper: strFn('toUpper', (s, cx) => S(cx, s.toUpperCase())),
  trim: strFn('trim', (s, cx) => S(cx, s.trim())),
  string: {
    min: 1,
    max: 1,
    fn: ([x], cx) => {
      const t = toText(x);
      return t === undefined ? U(cx, 'string(): a part of the value is not known') : S(cx, t);
    },
  },
  split: {
    min: 2,
    max: 2,
    fn: ([x, d], cx) => {
      if (x.t !== 'string') return U(cx, `split() needs a string, got ${typeName(x)}`);
      let delims: string[];
      if (d.t === 'string') delims = [d.v];
      else if (d.t === 'array' && d.items.every((i) => i.t === 'string')) delims = d.items.map((i) => (i as { v: string }).v);
      else return U(cx, 'split() needs a string or an array of strings as delimiter');
      delims = delims.filter((s) => s.length > 0);
      const parts: string[] = [];
      const s = x.v;
      let start = 0;
      let i = 0;
      outer: while (i < s.length) {
        for (const dl of delims) {
          if (s.startsWith(dl, i)) {
            parts.push(s.slice(start, i));
            i += dl.length;
            start = i;
            continue outer;
          }
        }
        i++;
      }
      parts.push(s.slice(start));
      if (!cx.charge(parts.length)) return U(cx, 'evaluation budget exhausted');
      return A(cx, parts.map((p) => S(cx, p)));
    },
  },
  replace: {
    min: 3,
    max: 3,
    fn: ([x, o, n], cx) => {
      if (x.t !== 'string' || o.t !== 'string' || n.t !== 'string') return U(cx, 'replace() needs three strings');
      if (o.v === '') return U(cx, 'replace(): the value to replace is empty');
      const count = x.v.split(o.v).length - 1;
      if (x.v.length + count * (n.v.length - o.v.length) > cx.shared.limits.maxStringLength) return U(cx, 'string result is too long');
      return S(cx, x.v.split(o.v).join(n.v));
    },
  },
  substring: {
    min: 2,
    max: 3,
    fn: ([x, st, len], cx) => {
      if (x.t !== 'string') return U(cx, `substring() needs a string, got ${typeName(x)}`);
      if (st.t !== 'number') return U(cx, 'substring() needs an integer start index');
      const start = st.v;
      const l = len === undefined ? x.v.length - start : len.t === 'number' ? len.v : NaN;
      if (Number.isNaN(l)) return U(cx, 'substring() needs an integer length');
      if (start < 0 || l < 0 || start > x.v.length || start + l > x.v.length) return U(cx, 'substring(): index and length must refer to a location within the string');
      return S(cx, x.v.substr(start, l));
    },
  },
  startswith: str2('startsWith', (a, b, cx) => J(cx, a.toLowerCase().startsWith(b.toLowerCase()))),
  endswith: str2('endsWith', (a, b, cx) => J(cx, a.toLowerCase().endsWith(b.toLowerCase()))),
  padleft: {
    min: 2,
    max: 3,
    fn: ([x, w, ch], cx) => {
      const text = x.t === 'string' ? x.v : x.t === 'number' ? String(x.v) : undefined;
      if (text === undefined) return U(cx, `padLeft() needs a string or int, got ${typeName(x)}`);
      if (w.t !== 'number') return U(cx, 'padLeft() needs an integer total length');
      if (w.v > cx.shared.limits.maxStringLength) return U(cx, 'string result is too long');
      let pad = ' ';
      if (ch !== undefined) {
        if (ch.t !== 'string' || ch.v.length !== 1) return U(cx, 'padLeft() needs a single padding character');
        pad = ch.v;
      }
      return S(cx, text.padStart(w.v, pad));
    },
  },
  uri: str2('uri', (a, b, cx) => S(cx, combineUri(a, b))),
  uricomponent: strFn('uriComponent', (s, cx) => S(cx, escapeDataString(s))),
  uricomponenttostring: strFn('uriComponentToString', (s, cx) => {
    try {
      return S(cx, decodeURIComponent(s));
    } catch {
      return U(cx, 'uriComponentToString(): invalid escape sequence');
    }
  }),
  base64: strFn('base64', (s, cx) => S(cx, Buffer.from(s, 'utf8').toString('base64'))),
  base64tostring: strFn('base64ToString', (s, cx) => S(cx, Buffer.from(s, 'base64').toString('utf8'))),
  base64tojson: strFn('base64ToJson', (s, cx) => parseJsonText(Buffer.from(s, 'base64').toString('utf8'), cx)),
  datauri: {
    min: 1,
    max: 1,
    fn: ([x], cx) => {
      const t = toText(x);
      return t === undefined ? U(cx, 'dataUri(): value not known') : S(cx, DATA_URI_PREFIX + Buffer.from(t, 'utf8').toString('base64'));
    },
  },
  datauritostring: strFn('dataUriToString', (s, cx) => {
    const comma = s.indexOf(',');
    if (!s.startsWith('data:') || comma < 0) return U(cx, 'dataUriToString(): not a data URI');
    const meta = s.slice(5, comma);
    const data = s.slice(comma + 1);
    return S(cx, meta.endsWith(';base64') ? Buffer.from(data, 'base64').toString('utf8') : decodeURIComponent(data));
  }),
  json: strFn('json', (s, cx) => parseJsonText(s, cx)),
  uniquestring: {
    min: 1,
    max: Infinity,
    fn: (args, cx) => {
      const parts: string[] = [];
      for (const a of args) {
        const s = needString('uniqueString', a, cx);
        if (typeof s !== 'string') return s;
        parts.push(s);
      }
      return S(cx, stableUniqueString(parts));
    },
  },
  guid: {
    min: 1,
    max: Infinity,
    fn: (args, cx) => {
      const parts: string[] = [];
      for (const a of args) {
        const s = needString('guid', a, cx);
        if (typeof s !== 'string') return s;
        parts.push(s);
      }
      return S(cx, stableGuid(parts));
    },
  },
  newguid: { min: 0, max: 0, fn: (_a, cx) => U(cx, 'newGuid() is different on every deployment') },
  utcnow: { min: 0, max: 1, unknownOk: true, fn: (_a, cx) => U(cx, 'utcNow() is the time of the deployment') },
  datetimeadd: { min: 2, max: 3, unknownOk: true, fn: (_a, cx) => U(cx, "function 'dateTimeAdd' is not evaluated") },
};

function parseJsonText(s: string, cx: Cx): EV {
  try {
    return J(cx, JSON.parse(s));
  } catch {
    return U(cx, 'json(): the text is not valid JSON');
  }
}
