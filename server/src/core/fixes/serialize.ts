import { memoByString } from '../nsg/memo';

/** Plain data that fixes insert: objects, arrays, strings, numbers, booleans. */
export type Plain = string | number | boolean | null | readonly Plain[] | { readonly [k: string]: Plain };

/** JSON text of `value`, indented by `unit`, each new line starting with `base`. */
export function toJsonText(value: Plain, unit: string, base: string, eol: string): string {
  return JSON.stringify(value, null, unit).replace(/\n/g, eol + base);
}

const YAML_RESERVED = /^(true|false|null|yes|no|on|off|y|n|~)$/i;
/** Plain scalars YAML would read as numbers (decimal, float, hex, octal, sexagesimal-looking). */
const YAML_NUMBER = /^([-+]?(\d[\d_]*)?\.?\d*([eE][-+]?\d+)?|0x[0-9a-fA-F_]+|0o[0-7_]+|[-+]?\.(inf|nan)|\d+(:\d+)+)$/i;

/** A YAML scalar: plain when safe, double-quoted otherwise (ARM expressions always quoted). */
export function yamlScalar(v: string | number | boolean | null): string {
  if (v === null) return 'null';
  if (typeof v !== 'string') return String(v);
  if (/^[A-Za-z0-9_][A-Za-z0-9_.\/-]*$/.test(v) && !YAML_RESERVED.test(v) && !YAML_NUMBER.test(v)) return v;
  return JSON.stringify(v);
}

/**
 * YAML block text of a mapping's entries (`key: value` lines), the first line unindented and the
 * following ones starting with `base`; nested levels add `unit`.
 */
export function toYamlMapping(value: { readonly [k: string]: Plain }, unit: string, base: string, eol: string): string {
  const lines: string[] = [];
  emitMap(value, '', unit, lines);
  return lines.map((l, i) => (i === 0 ? l : base + l)).join(eol);
}

/** YAML text of `value` as a sequence item body (without the leading `- `). */
export function toYamlItem(value: Plain, unit: string, base: string, eol: string): string {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) return toYamlMapping(value as { readonly [k: string]: Plain }, unit, base, eol);
  return yamlScalar(value as string);
}

function emitMap(value: { readonly [k: string]: Plain }, indent: string, unit: string, lines: string[]): void {
  for (const [k, v] of Object.entries(value)) {
    if (v !== null && typeof v === 'object') {
      if (Array.isArray(v)) {
        if (v.length === 0) { lines.push(`${indent}${k}: []`); continue; }
        lines.push(`${indent}${k}:`);
        for (const item of v as readonly Plain[]) {
          if (item !== null && typeof item === 'object' && !Array.isArray(item)) {
            const sub: string[] = [];
            emitMap(item as { readonly [k: string]: Plain }, '', unit, sub);
            sub.forEach((l, i) => lines.push(`${indent}${unit}${i === 0 ? '- ' : '  '}${l}`));
          } else lines.push(`${indent}${unit}- ${yamlScalar(item as string)}`);
        }
      } else if (Object.keys(v).length === 0) {
        lines.push(`${indent}${k}: {}`);
      } else {
        lines.push(`${indent}${k}:`);
        emitMap(v as { readonly [k: string]: Plain }, indent + unit, unit, lines);
      }
    } else lines.push(`${indent}${k}: ${yamlScalar(v)}`);
  }
}

/** The spacing of a one-line object: `pad` inside braces, after `:` and `,`, and inside brackets. */
export interface InlineSpacing {
  readonly pad: string;
  readonly colon: string;
  readonly comma: string;
  readonly bracketPad: string;
}

/**
 * `value` on one line, spaced as `s` says: JSON text, or a YAML flow collection (keys and scalars
 * through yamlScalar, which quotes anything a flow context would misread: `,`, `[`, `{`, `:`, `#`).
 * Written by appending to one string (no array per level): a fix writes hundreds of these per analysis.
 */
export function toInlineText(value: Plain, s: InlineSpacing, format: 'json' | 'yaml'): string {
  if (typeof value === 'string') return format === 'json' ? jsonString(value) : yamlScalarOf(value);
  if (value === null || typeof value !== 'object') return format === 'json' ? JSON.stringify(value) : yamlScalar(value);
  const sep = `,${s.comma}`;
  let out: string;
  if (Array.isArray(value)) {
    const items = value as readonly Plain[];
    if (items.length === 0) return '[]';
    out = `[${s.bracketPad}`;
    for (let i = 0; i < items.length; i++) out += (i ? sep : '') + toInlineText(items[i]!, s, format);
    return out + `${s.bracketPad}]`;
  }
  out = '';
  const obj = value as { readonly [k: string]: Plain };
  for (const k in obj) {
    if (!Object.prototype.hasOwnProperty.call(obj, k)) continue;
    out += `${out ? sep : ''}${format === 'json' ? jsonString(k) : yamlScalarOf(k)}:${s.colon}${toInlineText(obj[k]!, s, format)}`;
  }
  return out === '' ? '{}' : `{${s.pad}${out}${s.pad}}`;
}

/**
 * `toInlineText` of an object or array value, kept per value object, spacing object and format: a value that a
 * rule hands to several fixes (the same new security rule for many NSGs alike) is written once.
 */
export function inlineTextKept(value: Plain, s: InlineSpacing, format: 'json' | 'yaml'): string {
  if (value === null || typeof value !== 'object') return toInlineText(value, s, format);
  const kept = format === 'json' ? keptJson : keptYaml;
  let bySpacing = kept.get(value);
  if (!bySpacing) kept.set(value, (bySpacing = new Map()));
  let text = bySpacing.get(s);
  if (text === undefined) bySpacing.set(s, (text = toInlineText(value, s, format)));
  return text;
}

const keptJson = new WeakMap<object, Map<InlineSpacing, string>>();
const keptYaml = new WeakMap<object, Map<InlineSpacing, string>>();

/**
 * Keys and values repeat in every rule a fix writes ('protocol', 'Tcp', 'VirtualNetwork', a flow's description):
 * their JSON and YAML texts are kept per string.
 */
const jsonString = memoByString((s: string) => JSON.stringify(s));
const yamlScalarOf = memoByString((s: string) => yamlScalar(s));
