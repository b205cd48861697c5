import type { FileReport } from './report';

/** The `--format json` contract: exactly one document, `version: 1`. */
export function formatJson(reports: readonly FileReport[]): string {
  return JSON.stringify({ version: 1, files: reports.map((r) => ({ path: r.path, ...(r.error ? { error: r.error } : {}), findings: r.findings })) }, null, 2) + '\n';
}
