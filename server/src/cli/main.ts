import { parseArgs, USAGE } from './args';
import type { ReadBytes } from './files';
import { formatJson } from './formatJson';
import { formatSarif } from './formatSarif';
import { formatText } from './formatText';
import { init } from './init';
import { lint } from './lint';
import { runTopology } from './topology';

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';

export interface RunOptions {
  /** How templates and parameter files are read (tests inject failures that permissions cannot cause as root). */
  readonly readBytes?: ReadBytes;
}

/** Runs the CLI; returns the exit code. Output goes through the given writers (testable). */
export function run(argv: readonly string[], out: (s: string) => void, err: (s: string) => void, options: RunOptions = {}): number {
  if (argv[0] === 'topology') return runTopology(argv.slice(1), out, err, options.readBytes);
  // `npm start -- --init` runs in the package folder: INIT_CWD is where the user typed it.
  const here = process.env['INIT_CWD'] ?? '.';
  if (argv[0] === 'init') return init(argv[1] ?? here, out, err);
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    err(`apim-network-lint: ${args}\n${USAGE}\n`);
    return 2;
  }
  if (args.help) { out(USAGE + '\n'); return 0; }
  if (args.version) { out(VERSION + '\n'); return 0; }
  if (args.init) return init(args.paths[0] ?? here, out, err);

  const run = lint(args, err, options.readBytes);
  if (typeof run === 'number') return run;
  const { reports, failed } = run;
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
