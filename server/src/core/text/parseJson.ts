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
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true }) as
    | SourceNode
    | undefined;
  return {
    format: 'json',
    root,
    problems: errors.map((e) => ({ message: describe(e), offset: e.offset, length: Math.max(e.length, 1) })),
  };
}

function describe(e: ParseError): string {
  const code = printParseErrorCode(e.error);
  const words = code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return `JSON syntax error: ${words}`;
}
