import { LineIndex, type Finding, type Position } from '../core/index';

/** One analysed file, positions resolved (zero-based lines, UTF-16 characters, as LSP). */
export interface FileReport {
  readonly path: string;
  readonly findings: readonly ReportedFinding[];
  /** Set when the file could not be read or parsed. */
  readonly error?: string;
}

export interface LspRange { readonly start: Position; readonly end: Position }

export interface ReportedFinding {
  readonly rule: string;
  readonly severity: Finding['severity'];
  readonly message: string;
  readonly range: LspRange;
  readonly fixes: readonly { readonly title: string; readonly edits: readonly { readonly range: LspRange; readonly newText: string }[] }[];
}

export function toReport(path: string, findings: readonly Finding[], lines: LineIndex): FileReport {
  const range = (offset: number, length: number): LspRange => ({ start: lines.positionAt(offset), end: lines.positionAt(offset + length) });
  return {
    path,
    findings: findings.map((f) => ({
      rule: f.ruleId,
      severity: f.severity,
      message: f.message,
      range: range(f.range.offset, f.range.length),
      fixes: (f.fixes ?? []).map((x) => ({ title: x.title, edits: x.edits.map((e) => ({ range: range(e.offset, e.length), newText: e.newText })) })),
    })),
  };
}
