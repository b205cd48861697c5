import type { FileReport } from './report';

/** Human output: `path:line:col: severity rule: message`, then a summary line. */
export function formatText(reports: readonly FileReport[]): string {
  const lines: string[] = [];
  const count = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const r of reports) {
    for (const f of r.findings) {
      count[f.severity]++;
      const fix = f.fixes.length ? ' [fix available]' : '';
      lines.push(`${r.path}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.severity} ${f.rule}: ${f.message}${fix}`);
    }
  }
  const files = reports.length;
  lines.push(
    `${files} file${files === 1 ? '' : 's'} checked: ${count.error} error${count.error === 1 ? '' : 's'}, ${count.warning} warning${count.warning === 1 ? '' : 's'}, ${count.information} information, ${count.hint} hint${count.hint === 1 ? '' : 's'}`,
  );
  return lines.join('\n') + '\n';
}
