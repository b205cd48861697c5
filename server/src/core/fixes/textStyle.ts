import { valueOfProperty, type SourceNode } from '../text/sourceNode';
import type { InlineSpacing } from './serialize';
import type { EditTarget } from './edits';

/** How a document is laid out, so that inserted text looks like its neighbours. */
export interface TextStyle {
  readonly eol: string;
  /** One level of indentation ('\t', or N spaces). */
  readonly indent: string;
}

const styleCache = new WeakMap<object, TextStyle>();
/** The last text seen: every fix of one analysis asks about the same (possibly megabytes long) text. */
let lastText: string | undefined;
let lastStyle: TextStyle | undefined;

export function detectStyle(text: string, cacheKey?: object): TextStyle {
  const cached = cacheKey && styleCache.get(cacheKey);
  if (cached) return cached;
  if (text === lastText && lastStyle) {
    if (cacheKey) styleCache.set(cacheKey, lastStyle);
    return lastStyle;
  }
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  let indent = '  ';
  let min = Infinity;
  let lines = 0;
  for (let i = 0; i < text.length && lines < 400; ) {
    const nl = text.indexOf('\n', i);
    const end = nl < 0 ? text.length : nl;
    lines++;
    const c = text.charCodeAt(i);
    if (c === 9) {
      indent = '\t';
      min = 0;
      break;
    }
    if (c === 32) {
      let n = 0;
      while (text.charCodeAt(i + n) === 32) n++;
      if (n < end - i && n < min) min = n;
    }
    i = end + 1;
  }
  if (min !== 0 && min !== Infinity) indent = ' '.repeat(Math.min(min, 8));
  const style = { eol, indent };
  if (cacheKey) styleCache.set(cacheKey, style);
  lastText = text;
  lastStyle = style;
  return style;
}

/** The whitespace that starts the line holding `offset`. */
export function lineIndentAt(text: string, offset: number): string {
  let start = offset;
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  let end = start;
  while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
  return text.slice(start, end);
}

/** The column of `offset` as a run of spaces (tabs kept), for aligning YAML. */
export function columnPadding(text: string, offset: number): string {
  let start = offset;
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  return text.slice(start, offset).replace(/[^\t]/g, ' ');
}

/** True when only whitespace precedes `offset` on its line. */
export function startsLine(text: string, offset: number): boolean {
  for (let i = offset - 1; i >= 0; i--) {
    const c = text[i];
    if (c === '\n' || c === '\r') return true;
    if (c !== ' ' && c !== '\t') return false;
  }
  return true;
}

/**
 * How an object written on one line is spaced (`{ "a": 1, "b": [2, 3] }` or `{"a":1,"b":[2,3]}`), so
 * that an item or property added next to it is written the same way; undefined when `node` is not a
 * non-empty object on one line. YAML always gets `: ` (a flow map's plain key needs the space).
 */
export function inlineSpacing(doc: EditTarget, node: SourceNode): InlineSpacing | undefined {
  // Every fix that adds to one NSG asks about the same last rule: remembered per node, per edit target (one per
  // analysis: the model). Not per node alone: the language server keeps a document's tree across its versions
  // (text/reparseJson.ts), and an entry keyed by the node would keep each older text alive and be compared with it.
  let known = spacingCache.get(doc);
  if (!known) spacingCache.set(doc, (known = new Map()));
  if (known.has(node)) return known.get(node);
  const spacing = measureInlineSpacing(doc.text, node, doc.format);
  known.set(node, spacing);
  return spacing;
}

const spacingCache = new WeakMap<EditTarget, Map<SourceNode, InlineSpacing | undefined>>();

function measureInlineSpacing(text: string, node: SourceNode, format: 'json' | 'yaml'): InlineSpacing | undefined {
  const props = node.children;
  if (node.type !== 'object' || !props || props.length === 0) return undefined;
  if (text[node.offset] !== '{' || /[\r\n]/.test(text.slice(node.offset, node.offset + node.length))) return undefined;
  const pad = gap(text, node.offset + 1, props[0]!.offset, ' ');
  const colonAt = props[0]!.colonOffset;
  const colon = format === 'yaml' ? ' ' : colonAt === undefined ? ' ' : text[colonAt + 1] === ' ' || text[colonAt + 1] === '\t' ? ' ' : '';
  const list = findNode(node, (n) => (n.type === 'object' || n.type === 'array') && (n.children?.length ?? 0) >= 2);
  // without two entries to look between, JSON is as compact after `,` as after `:`
  const unlisted = format === 'yaml' ? ' ' : colon;
  const comma = list ? gap(text, list.children![0]!.offset + list.children![0]!.length + 1, list.children![1]!.offset, unlisted) : unlisted;
  const array = findNode(node, (n) => n.type === 'array' && (n.children?.length ?? 0) >= 1);
  const bracketPad = array ? gap(text, array.offset + 1, array.children![0]!.offset, '') : '';
  return spacingOf(pad, colon, comma, bracketPad);
}

/**
 * One object per spacing (each of its four parts is ' ' or ''): the texts of the items a fix writes are kept per
 * spacing (serialize.ts, `inlineTextKept`), and the rules of many NSGs are spaced alike.
 */
function spacingOf(pad: string, colon: string, comma: string, bracketPad: string): InlineSpacing {
  const key = `${pad}|${colon}|${comma}|${bracketPad}`;
  let s = spacings.get(key);
  if (!s) spacings.set(key, (s = Object.freeze({ pad, colon, comma, bracketPad })));
  return s;
}

const spacings = new Map<string, InlineSpacing>();

/** ' ' or '' for the text between `from` and `to`; `fallback` when it holds more than blanks (a comment, a comma). */
function gap(text: string, from: number, to: number, fallback: string): string {
  const s = text.slice(from, to);
  if (!/^[ \t]*$/.test(s)) return fallback;
  return s.length > 0 ? ' ' : '';
}

/**
 * The first object or array under `node` (itself included, depth first) that `test` accepts. A property is
 * searched through its value: its key is a string, and asking a property of our parsers for its children
 * builds the key's node.
 */
function findNode(node: SourceNode, test: (n: SourceNode) => boolean): SourceNode | undefined {
  if (node.type === 'property') {
    const value = valueOfProperty(node);
    return value ? findNode(value, test) : undefined;
  }
  if (node.type !== 'object' && node.type !== 'array') return undefined;
  if (test(node)) return node;
  const kids = node.children ?? [];
  for (let i = 0; i < kids.length; i++) {
    const found = findNode(kids[i]!, test);
    if (found) return found;
  }
  return undefined;
}
