import { parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { SourceNode } from './sourceNode';

export interface SyntaxProblem {
  readonly message: string;
  readonly offset: number;
  readonly length: number;
}

export interface ParsedDocument {
  readonly format: 'json' | 'yaml';
  readonly root: SourceNode | undefined;
  readonly problems: readonly SyntaxProblem[];
}

/**
 * Parses JSON as ARM reads it: comments (`//`, `/* *\/`) and trailing commas are accepted.
 * The result is jsonc-parser's tree, used as is (see sourceNode.ts).
 */
export function parseJson(text: string): ParsedDocument {
  const deep = tooDeepAt(text);
  if (deep !== undefined) {
    return { format: 'json', root: undefined, problems: [{ message: `Document refused: nested deeper than ${MAX_NESTING} levels`, offset: deep, length: 1 }] };
  }
  const errors: ParseError[] = [];
  let root: SourceNode | undefined;
  try {
    root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true }) as SourceNode | undefined;
  } catch (e) {
    return { format: 'json', root: undefined, problems: [{ message: `Document refused: ${e instanceof Error ? e.message : String(e)}`, offset: 0, length: 1 }] };
  }
  return {
    format: 'json',
    root,
    problems: errors.map((e) => ({ message: describe(e), offset: e.offset, length: Math.max(e.length, 1) })),
  };
}

/** Deeper nesting than any template has; the parser (and every tree walk) is recursive. */
export const MAX_NESTING = 1000;

/**
 * The offset where bracket nesting first exceeds MAX_NESTING (strings and comments skipped), else
 * undefined. YAML flow collections use the same brackets; `#` starts a YAML comment.
 */
export function tooDeepAt(text: string, yaml = false, max = MAX_NESTING): number | undefined {
  let depth = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 123 || c === 91) {
      if (++depth > max) return i;
    } else if (c === 125 || c === 93) depth--;
    else if (c === 34) {
      for (i++; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === 92) i++;
        else if (d === 34 || d === 10) break;
      }
    } else if (yaml && c === 39) {
      const end = text.indexOf("'", i + 1);
      i = end < 0 ? n : end;
    } else if (yaml && c === 35) {
      while (i < n && text.charCodeAt(i) !== 10) i++;
    } else if (!yaml && c === 47 && text.charCodeAt(i + 1) === 47) {
      while (i < n && text.charCodeAt(i) !== 10) i++;
    } else if (!yaml && c === 47 && text.charCodeAt(i + 1) === 42) {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 1;
    }
  }
  return undefined;
}

function describe(e: ParseError): string {
  const code = printParseErrorCode(e.error);
  const words = code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return `JSON syntax error: ${words}`;
}
