export type OutputFormat = 'text' | 'json' | 'sarif';

export interface CliArgs {
  readonly format: OutputFormat;
  readonly parameters?: string;
  readonly paths: readonly string[];
  readonly help: boolean;
  readonly version: boolean;
  /** `--config FILE`: use this apim-network.json instead of discovering one per file. */
  readonly config?: string;
  /** `--init` (or the `init` command): write a starter apim-network.json. */
  readonly init: boolean;
  /** `--fix`: apply every finding's preferred fix to the file (ESLint style), then report what is left. */
  readonly fix: boolean;
  /** `--location LOCATION`: the resource group's location (`resourceGroup().location`); wins over apim-network.json. */
  readonly location?: string;
}

export const USAGE = `Usage: apim-network-lint [--format text|json|sarif] [--parameters FILE] [--config FILE] [--location LOCATION] [--fix] PATH...
       apim-network-lint init [DIR]     (or --init): write a commented starter apim-network.json

Lints Azure API Management network definitions in ARM templates (JSON, JSONC, YAML).
Folders are searched recursively for *.json, *.jsonc, *.yaml and *.yml; files that are not
ARM deployment templates are skipped. A template's parameters come from --parameters FILE,
else from <name>.parameters.json next to <name>.json, else from the defaultValues.

Exit status: 0 no error finding, 1 at least one error finding, 2 bad usage or a file that
could not be read or parsed.

Configuration: the nearest apim-network.json above each template (up to the folder holding .git)
sets rule levels, parameter files, ignored files, maxFileSize and resourceGroupLocation; --config FILE
uses one file for all.

--location LOCATION is the location of the resource group the templates are deployed to (westeurope,
"West Europe"): the value of [resourceGroup().location], otherwise unknown, which silences the checks
that depend on the region. It wins over resourceGroupLocation in apim-network.json.

--fix writes the preferred fix of every error and warning into the file (missing NSG rules,
corrected tags, wider prefixes...), repeating while it helps, then reports what is left. Files with
syntax errors are not changed; information findings (e.g. optional flows) are left to you.`;

/** Parses the command line; returns a message string on bad usage. */
export function parseArgs(argv: readonly string[]): CliArgs | string {
  let format: OutputFormat = 'text';
  const inputs: InputOptions = {};
  let defaultPath: string | undefined;
  let init = false;
  let fix = false;
  const paths: string[] = [];
  let help = false;
  let version = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (name: string): string => {
      if (a.includes('=')) return a.slice(a.indexOf('=') + 1);
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${name} needs a value`);
      return v;
    };
    try {
      if (a === '--') { paths.push(...argv.slice(i + 1)); break; }
      if (a === '-h' || a === '--help') help = true;
      else if (a === '-v' || a === '--version') version = true;
      else if (a === '--format' || a.startsWith('--format=') || a === '-f') {
        const f = value('--format');
        if (f !== 'text' && f !== 'json' && f !== 'sarif') return `unknown format '${f}' (use text, json or sarif)`;
        format = f;
      } else if (a === '--default-path' || a.startsWith('--default-path=')) defaultPath = value('--default-path');
      else if (readInputOption(a, value, inputs)) continue;
      else if (a === '--init') init = true;
      else if (a === '--fix') fix = true;
      else if (a.startsWith('-') && a !== '-') return `unknown option '${a}'`;
      else paths.push(a);
    } catch (e) {
      if (e instanceof UsageError) return e.message;
      throw e;
    }
  }
  const { parameters, config, location } = inputs;
  const given = { ...(config ? { config } : {}), ...(location !== undefined ? { location } : {}) };
  if (init) return { format, parameters, paths, help, version, init, fix, ...given };
  if (paths.length === 0 && defaultPath) paths.push(defaultPath);
  if (paths.length === 0 && !help && !version) return 'no PATH given';
  return { format, parameters, paths, help, version, init, fix, ...given };
}

/** Bad usage found while reading an option (a missing or empty value): its message. */
export class UsageError extends Error {}

/** The options `lint` and `topology` both take for their inputs, as given. */
export interface InputOptions {
  parameters?: string;
  config?: string;
  location?: string;
}

/**
 * Reads argument `a` into `into` when it is one of the input options (`--parameters`/`-p`, `--config`/`-c`,
 * `--location`): true when it was, false when it is another argument; a UsageError on bad usage. `value(name)`
 * takes the option's value (`--x=v`, else the next argument; it throws a UsageError when there is none).
 */
export function readInputOption(a: string, value: (name: string) => string, into: InputOptions): boolean {
  if (a === '--parameters' || a === '-p' || a.startsWith('--parameters=')) into.parameters = value('--parameters');
  else if (a === '--config' || a === '-c' || a.startsWith('--config=')) into.config = value('--config');
  else if (a === '--location' || a.startsWith('--location=')) {
    const location = value('--location');
    if (location.trim() === '') throw new UsageError('--location needs a location name (e.g. westeurope)');
    into.location = location;
  } else return false;
  return true;
}
