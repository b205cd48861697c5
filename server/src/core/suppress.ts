import { LineIndex } from './text/lineIndex';

export const DISABLE_NEXT_LINE = 'apim-network-disable-next-line';

/**
 * Lines on which findings are disabled by a comment on the line before:
 * `// apim-network-disable-next-line <id>[, <id>…]` (JSONC) or `# apim-network-disable-next-line …`
 * (YAML); without ids, every rule is disabled for that line. Returns line → ids ('*' for all).
 */
export function suppressedLines(text: string, lines: LineIndex): Map<number, Set<string>> {
  const out = new Map<number, Set<string>>();
  let at = text.indexOf(DISABLE_NEXT_LINE);
  while (at >= 0) {
    const { line } = lines.positionAt(at);
    const start = lines.lineStart(line);
    const before = text.slice(start, at).trim();
    if (before === '//' || before === '#' || before === '/*') {
      const end = lines.lineStart(line + 1) > start ? lines.lineStart(line + 1) : text.length;
      const rest = text.slice(at + DISABLE_NEXT_LINE.length, line + 1 < lines.lineCount ? end : text.length).replace(/\*\/.*$/s, '');
      const ids = rest.split(/[\s,]+/).filter((s) => /^[a-z][a-z0-9-]*$/.test(s));
      const set = out.get(line + 1) ?? new Set<string>();
      if (ids.length === 0) set.add('*');
      ids.forEach((i) => set.add(i));
      out.set(line + 1, set);
    }
    at = text.indexOf(DISABLE_NEXT_LINE, at + DISABLE_NEXT_LINE.length);
  }
  return out;
}
