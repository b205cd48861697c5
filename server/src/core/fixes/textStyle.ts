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
