import { analyzeText, applyEdits, isConfigFile, LineIndex } from '../core/index';
import { configFileFindings, isIgnored, loadConfig, type ResolvedConfig } from '../node/configResolver';
import type { CliArgs } from './args';
import { fixAll } from '../fixAll';
import { collectFiles, describe, readTextWithEncoding, writeTextWithEncoding, type ReadBytes, type TextEncoding } from './files';
import { loadInputs, shown } from './inputs';
import { toReport, type FileReport } from './report';

export interface LintRun {
  readonly reports: FileReport[];
  /** Something could not be read or parsed. */
  readonly failed: boolean;
}

/**
 * Lints the files of `args.paths` with their configuration: `--config FILE`, else the nearest
 * apim-network.json above each file. Parameters: `--parameters` > the configuration's parameterFiles >
 * `<name>.parameters.json`. Problems of a configuration file are reported as findings of that file.
 */
export function lint(args: CliArgs, err: (s: string) => void, readBytes?: ReadBytes): LintRun | number {
  let failed = false;
  const inputs = loadInputs(args, readBytes);
  if ('error' in inputs) {
    err(`apim-network-lint: ${inputs.error}\n`);
    return 2;
  }
  const { explicitConfig } = inputs;
  const reported = new Set<string>();
  const reports: FileReport[] = [];
  const reportConfig = (cfg: ResolvedConfig | undefined, shownAs?: string) => {
    if (!cfg || reported.has(cfg.file)) return;
    reported.add(cfg.file);
    const findings = configFileFindings(cfg);
    if (findings.length || shownAs) reports.push(toReport(shownAs ?? shown(cfg.file), findings, new LineIndex(cfg.text)));
  };
  reportConfig(explicitConfig);

  const { files, problems } = collectFiles(args.paths);
  for (const p of problems) {
    err(`apim-network-lint: ${p.path}: ${p.message}\n`);
    if (!p.message.startsWith('skipped')) {
      failed = true;
      reports.push({ path: p.path, findings: [], error: p.message });
    }
  }
  for (const file of files) {
    if (isConfigFile(file.path)) {
      const cfg = loadConfig(file.path);
      if (cfg) reportConfig(cfg, file.path);
      continue;
    }
    const cfg = inputs.configFor(file.path);
    reportConfig(cfg);
    if (isIgnored(cfg, file.path)) {
      if (file.explicit) err(`apim-network-lint: ${file.path}: ignored by ${cfg!.file}\n`);
      continue;
    }
    let text: string;
    let encoding: TextEncoding;
    try {
      ({ text, encoding } = readTextWithEncoding(file.path, readBytes));
    } catch (e) {
      const message = describe(e, 'cannot be read');
      err(`apim-network-lint: ${file.path}: ${message}\n`);
      reports.push({ path: file.path, findings: [], error: message });
      failed = true;
      continue;
    }
    const options = inputs.optionsFor(file.path, cfg, (line) => err(`apim-network-lint: ${line}\n`));
    let result: ReturnType<typeof analyzeText>;
    try {
      result = analyzeText(text, options);
      if (args.fix && result.isTemplate) {
        // The editor's "fix all": preferred fixes, re-analysed until nothing more is fixable. No fix is offered
        // on a document with syntax errors, so such a file is never written. Only errors and warnings: an
        // information finding is advice (e.g. optional flows, needed only for features in use), and writing
        // its fix unasked would open flows nobody needs.
        const edit = fixAll(text, result.findings, (t) => analyzeText(t, options).findings, (f) => f.severity === 'error' || f.severity === 'warning');
        if (edit) {
          const fixed = applyEdits(text, [edit]);
          const after = analyzeText(fixed, options);
          try {
            writeTextWithEncoding(file.path, fixed, encoding);
            err(`apim-network-lint: ${file.path}: fixed ${Math.max(0, result.findings.length - after.findings.length)} finding(s)\n`);
            result = after;
          } catch (e) {
            const message = describe(e, 'cannot be written');
            err(`apim-network-lint: ${file.path}: ${message}\n`);
            failed = true;
          }
        }
      }
    } catch (e) {
      // The engine is fuzzed not to throw; if it ever does, one file fails and the others still run.
      const message = `internal error while analysing: ${e instanceof Error ? e.message : String(e)}`;
      err(`apim-network-lint: ${file.path}: ${message}\n`);
      reports.push({ path: file.path, findings: [], error: message });
      failed = true;
      continue;
    }
    if (!result.isTemplate) {
      if (file.explicit && result.kind !== 'parameters') err(`apim-network-lint: ${file.path}: not an ARM deployment template, skipped\n`);
      continue;
    }
    if (result.findings.some((f) => f.ruleId === 'syntax-error')) failed = true;
    reports.push(toReport(file.path, result.findings, result.lines));
  }
  return { reports, failed };
}
