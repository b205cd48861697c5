import { analyzeText } from '../core/index';
import { parseArgs, USAGE } from './args';
import { collectFiles, defaultParametersFile, describe, readText } from './files';
import { formatJson } from './formatJson';
import { formatSarif } from './formatSarif';
import { formatText } from './formatText';
import { toReport, type FileReport } from './report';

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';

/** Runs the CLI; returns the exit code. Output goes through the given writers (testable). */
export function run(argv: readonly string[], out: (s: string) => void, err: (s: string) => void): number {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    err(`apim-network-lint: ${args}\n${USAGE}\n`);
    return 2;
  }
  if (args.help) { out(USAGE + '\n'); return 0; }
  if (args.version) { out(VERSION + '\n'); return 0; }

  let failed = false;
  let parameters: { text: string; uri: string } | undefined;
  if (args.parameters) {
    try {
      parameters = { text: readText(args.parameters), uri: args.parameters };
    } catch (e) {
      err(`apim-network-lint: ${args.parameters}: ${describe(e, 'cannot be read')}\n`);
      return 2;
    }
  }
  const { files, problems } = collectFiles(args.paths);
  const reports: FileReport[] = [];
  for (const p of problems) {
    err(`apim-network-lint: ${p.path}: ${p.message}\n`);
    if (!p.message.startsWith('skipped')) {
      failed = true;
      reports.push({ path: p.path, findings: [], error: p.message });
    }
  }
  for (const file of files) {
    let text: string;
    try {
      text = readText(file.path);
    } catch (e) {
      const message = describe(e, 'cannot be read');
      err(`apim-network-lint: ${file.path}: ${message}\n`);
      reports.push({ path: file.path, findings: [], error: message });
      failed = true;
      continue;
    }
    let params = parameters;
    if (!params) {
      const pf = defaultParametersFile(file.path);
      if (pf) {
        try {
          params = { text: readText(pf), uri: pf };
        } catch (e) {
          err(`apim-network-lint: ${pf}: ${describe(e, 'cannot be read')} (using the template's default values)\n`);
        }
      }
    }
    const result = analyzeText(text, { uri: file.path, parameters: params });
    if (!result.isTemplate) {
      if (file.explicit && result.kind !== 'parameters') err(`apim-network-lint: ${file.path}: not an ARM deployment template, skipped\n`);
      continue;
    }
    if (result.findings.some((f) => f.ruleId === 'syntax-error')) failed = true;
    reports.push(toReport(file.path, result.findings, result.lines));
  }
  switch (args.format) {
    case 'json': out(formatJson(reports)); break;
    case 'sarif': out(formatSarif(reports, VERSION)); break;
    default: out(formatText(reports));
  }
  if (failed) return 2;
  return reports.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}

if (require.main === module) {
  const code = run(process.argv.slice(2), (s) => process.stdout.write(s), (s) => process.stderr.write(s));
  process.exitCode = code;
}
