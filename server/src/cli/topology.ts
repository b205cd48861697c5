/**
 * `apim-network-lint topology [--parameters FILE] [--format svg|json] FILE`: the topology preview of
 * one template as a standalone SVG (light theme, embedded style, same layout as the editor's preview)
 * or the graph as JSON, on stdout. For pull requests, wikis and CI artifacts.
 */
import * as path from 'node:path';
import { analyzeText } from '../core/index';
import { buildTopology, layoutTopology, renderSvg } from '../core/topology/index';
import { defaultParametersFile, describe, readText } from './files';

export const TOPOLOGY_USAGE = `Usage: apim-network-lint topology [--parameters FILE] [--format svg|json] FILE

Writes the network topology of one ARM template to stdout: VNets, subnets (address budgets), NSGs,
API Management instances and every flow they need, coloured by the NSG's verdict.
  --format svg   a standalone SVG picture (default)
  --format json  the graph (nodes, edges, verdicts, findings)
Parameters come from --parameters FILE, else <name>.parameters.json next to <name>.json.
Exit status: 0 written, 2 bad usage or a file that cannot be read or is not a template.`;

interface TopologyArgs {
  readonly format: 'svg' | 'json';
  readonly parameters?: string;
  readonly file?: string;
  readonly help: boolean;
}

class UsageError extends Error {}

function parse(argv: readonly string[]): TopologyArgs | string {
  let format: 'svg' | 'json' = 'svg';
  let parameters: string | undefined;
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
      } else if (a === '--parameters' || a === '-p' || a.startsWith('--parameters=')) parameters = value('--parameters');
      else if (a.startsWith('-') && a !== '-') return `unknown option '${a}'`;
      else files.push(a);
    }
  } catch (e) {
    if (e instanceof UsageError) return e.message;
    throw e;
  }
  if (help) return { format, help, ...(parameters ? { parameters } : {}) };
  if (files.length !== 1) return files.length ? 'topology takes one FILE' : 'no FILE given';
  return { format, help, file: files[0]!, ...(parameters ? { parameters } : {}) };
}

export function runTopology(argv: readonly string[], out: (s: string) => void, err: (s: string) => void): number {
  const args = parse(argv);
  if (typeof args === 'string') {
    err(`apim-network-lint topology: ${args} (see topology --help)\n`);
    return 2;
  }
  if (args.help || !args.file) {
    out(TOPOLOGY_USAGE + '\n');
    return 0;
  }
  const file = args.file;
  let text: string;
  try {
    text = readText(file);
  } catch (e) {
    err(`apim-network-lint topology: ${file}: ${describe(e, 'cannot be read')}\n`);
    return 2;
  }
  let parameters: { text: string; uri: string } | undefined;
  const pf = args.parameters ?? defaultParametersFile(file);
  if (pf) {
    try {
      parameters = { text: readText(pf), uri: pf };
    } catch (e) {
      if (args.parameters) {
        err(`apim-network-lint topology: ${pf}: ${describe(e, 'cannot be read')}\n`);
        return 2;
      }
      err(`apim-network-lint topology: ${pf}: ${describe(e, 'cannot be read')} (using the template's default values)\n`);
    }
  }
  const result = analyzeText(text, { uri: file, ...(parameters ? { parameters } : {}) });
  if (!result.isTemplate || !result.model) {
    err(`apim-network-lint topology: ${file}: not an ARM deployment template\n`);
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
