/**
 * `apim-network-lint topology [--parameters FILE] [--config FILE] [--location LOCATION] [--format svg|json] FILE`: the topology
 * preview of one template as a standalone SVG (light theme, embedded style, same layout as the editor's
 * preview) or the graph as JSON, on stdout. For pull requests, wikis and CI artifacts. The template is
 * analysed with exactly the inputs `lint` would give it (cli/inputs.ts): its apim-network.json (rule
 * levels, parameterFiles, ignore, maxFileSize, resourceGroupLocation) or `--config FILE`, and the same
 * parameters and `--location`.
 */
import * as path from 'node:path';
import { analyzeText, LineIndex } from '../core/index';
import { buildTopology, layoutTopology, renderSvg } from '../core/topology/index';
import { configFileFindings, isIgnored } from '../node/configResolver';
import { readInputOption, UsageError, type InputOptions } from './args';
import { describe, readText, type ReadBytes } from './files';
import { loadInputs, shown } from './inputs';

export const TOPOLOGY_USAGE = `Usage: apim-network-lint topology [--parameters FILE] [--config FILE] [--location LOCATION] [--format svg|json] FILE

Writes the network topology of one ARM template to stdout: VNets, subnets (address budgets), NSGs,
API Management instances and every flow they need, coloured by the NSG's verdict.
  --format svg   a standalone SVG picture (default)
  --format json  the graph (nodes, edges, verdicts, findings)
The template gets the same configuration as with lint: the nearest apim-network.json above it (rule
levels, parameterFiles, ignore, maxFileSize, resourceGroupLocation), or --config FILE. Parameters come
from --parameters FILE, else the configuration's parameterFiles, else <name>.parameters.json next to
<name>.json. --location LOCATION: the resource group's location ([resourceGroup().location]), over the
configuration's resourceGroupLocation.
Problems of the configuration file are written to stderr, one line each.
Exit status: 0 written, 2 bad usage, a file that cannot be read, is not a template or is ignored.`;

interface TopologyArgs {
  readonly format: 'svg' | 'json';
  readonly parameters?: string;
  readonly config?: string;
  readonly location?: string;
  readonly file?: string;
  readonly help: boolean;
}

function parse(argv: readonly string[]): TopologyArgs | string {
  let format: 'svg' | 'json' = 'svg';
  const inputs: InputOptions = {};
  const files: string[] = [];
  let help = false;
  try {
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i]!;
      const value = (name: string): string => {
        if (a.includes('=')) return a.slice(a.indexOf('=') + 1);
        const v = argv[++i];
        if (v === undefined) throw new UsageError(`${name} needs a value`);
        return v;
      };
      if (a === '--') { files.push(...argv.slice(i + 1)); break; }
      if (a === '-h' || a === '--help') help = true;
      else if (a === '--format' || a === '-f' || a.startsWith('--format=')) {
        const f = value('--format');
        if (f !== 'svg' && f !== 'json') return `unknown topology format '${f}' (use svg or json)`;
        format = f;
      } else if (readInputOption(a, value, inputs)) continue;
      else if (a.startsWith('-') && a !== '-') return `unknown option '${a}'`;
      else files.push(a);
    }
  } catch (e) {
    if (e instanceof UsageError) return e.message;
    throw e;
  }
  const { parameters, config, location } = inputs;
  const given = { ...(parameters ? { parameters } : {}), ...(config ? { config } : {}), ...(location !== undefined ? { location } : {}) };
  if (help) return { format, help, ...given };
  if (files.length !== 1) return files.length ? 'topology takes one FILE' : 'no FILE given';
  return { format, help, file: files[0]!, ...given };
}

export function runTopology(argv: readonly string[], out: (s: string) => void, err: (s: string) => void, readBytes?: ReadBytes): number {
  const args = parse(argv);
  const fail = (line: string) => err(`apim-network-lint topology: ${line}\n`);
  if (typeof args === 'string') {
    fail(`${args} (see topology --help)`);
    return 2;
  }
  if (args.help || !args.file) {
    out(TOPOLOGY_USAGE + '\n');
    return 0;
  }
  const file = args.file;
  const inputs = loadInputs(args, readBytes);
  if ('error' in inputs) {
    fail(inputs.error);
    return 2;
  }
  const cfg = inputs.configFor(file);
  if (cfg) {
    // The picture has no room for them, and they change it (a misspelt rule id does not apply): one line each.
    const lines = new LineIndex(cfg.text);
    for (const f of configFileFindings(cfg)) {
      const at = lines.positionAt(f.range.offset);
      fail(`${shown(cfg.file)}:${at.line + 1}:${at.character + 1}: ${f.severity} ${f.ruleId}: ${f.message}`);
    }
  }
  if (isIgnored(cfg, file)) {
    fail(`${file}: ignored by ${cfg!.file} (not drawn)`);
    return 2;
  }
  let text: string;
  try {
    text = readText(file, readBytes);
  } catch (e) {
    fail(`${file}: ${describe(e, 'cannot be read')}`);
    return 2;
  }
  const result = analyzeText(text, inputs.optionsFor(file, cfg, fail));
  if (!result.isTemplate) {
    fail(`${file}: not an ARM deployment template`);
    return 2;
  }
  if (!result.model) {
    // Refused before any model was built (the size limit, a YAML alias bomb): say why.
    fail(`${file}: ${result.findings[0]?.message ?? 'not analysed'}`);
    return 2;
  }
  const graph = buildTopology(result);
  if (args.format === 'json') {
    out(JSON.stringify(graph, null, 2) + '\n');
    return 0;
  }
  out(renderSvg(graph, layoutTopology(graph), { theme: 'light', title: path.basename(file) }) + '\n');
  return 0;
}
