import { allRules, docsUrl, type Severity } from '../core/index';
import type { FileReport, LspRange } from './report';

const LEVEL: Readonly<Record<Severity, string>> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/** SARIF 2.1.0 with rule metadata and help links; columns are 1-based UTF-16 code units. */
export function formatSarif(reports: readonly FileReport[], version: string): string {
  const ruleIndex = new Map(allRules.map((r, i) => [r.meta.id, i]));
  const region = (r: LspRange) => ({ startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 });
  const uri = (p: string) => p.replace(/\\/g, '/');
  const results = reports.flatMap((r) =>
    r.findings.map((f) => ({
      ruleId: f.rule,
      ruleIndex: ruleIndex.get(f.rule) ?? -1,
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [{ physicalLocation: { artifactLocation: { uri: uri(r.path) }, region: region(f.range) } }],
      ...(f.fixes.length
        ? {
            fixes: f.fixes.map((x) => ({
              description: { text: x.title },
              artifactChanges: [{ artifactLocation: { uri: uri(r.path) }, replacements: x.edits.map((e) => ({ deletedRegion: region(e.range), insertedContent: { text: e.newText } })) }],
            })),
          }
        : {}),
    })),
  );
  const invocationProblems = reports.filter((r) => r.error).map((r) => ({ level: 'error', message: { text: `${r.path}: ${r.error}` } }));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'apim-network-lint',
            version,
            informationUri: docsUrl('').replace(/\/docs\/rules\/\.md$/, ''),
            rules: allRules.map((r) => ({
              id: r.meta.id,
              shortDescription: { text: r.meta.description },
              helpUri: docsUrl(r.meta.id),
              defaultConfiguration: { level: LEVEL[r.meta.defaultSeverity] },
              properties: { facts: r.meta.facts },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        invocations: [{ executionSuccessful: invocationProblems.length === 0, toolExecutionNotifications: invocationProblems }],
        results,
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
