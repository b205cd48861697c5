import { parseJson, type ParsedDocument, type ReusableTree } from './parseJson';
import { reparseJson } from './reparseJson';
import { parseYaml } from './parseYaml';
import { reparseYaml } from './reparseYaml';

export type { ParsedDocument, ReusableTree, SyntaxProblem } from './parseJson';

/** The format a document is in: from its name when it has a known extension, else by content. */
export function detectFormat(text: string, uri?: string): 'json' | 'yaml' {
  if (uri) {
    const lower = uri.toLowerCase();
    if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'yaml';
    if (lower.endsWith('.json') || lower.endsWith('.jsonc')) return 'json';
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfeff || c === 32 || c === 9 || c === 10 || c === 13) continue;
    if (c === 47 /* / comment */ || c === 123 /* { */ || c === 91 /* [ */) return 'json';
    return 'yaml';
  }
  return 'json';
}

/**
 * Parses a document. Offsets stay those of the text the caller holds: for JSON a leading byte-order
 * mark is blanked (not removed); the YAML parser accepts a BOM itself (blanking it would indent the
 * first line). `previous`, the `reusable` tree of the document's previous version, is updated to this text
 * where the edit allows (reparseJson.ts, reparseYaml.ts).
 */
export function parseText(text: string, format: 'json' | 'yaml', previous?: ReusableTree): ParsedDocument {
  if (format === 'yaml') return (previous && reparseYaml(previous, text)) || parseYaml(text);
  const json = text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
  return (previous && reparseJson(previous, json)) || parseJson(json);
}
