/**
 * What every CLI command that analyses a template (`lint`, `topology`) derives from the command line and
 * from `apim-network.json`, in one place so that they cannot disagree: the configuration of a file
 * (`--config FILE`, else the nearest apim-network.json above it), its parameters (`--parameters` > the
 * configuration's parameterFiles > `<name>.parameters.json`), its rule levels, its size limit and its resource
 * group location (`--location` > the configuration's resourceGroupLocation).
 */
import * as path from 'node:path';
import type { AnalyzeOptions } from '../core/index';
import { mergeLevels } from '../core/index';
import { ConfigResolver, configParameterFile, readConfig, type ResolvedConfig } from '../node/configResolver';
import { defaultParametersFile, describe, readText, type ReadBytes } from './files';

export interface Parameters {
  readonly text: string;
  readonly uri: string;
}

export interface CliInputs {
  /** `--parameters FILE`, read: it applies to every template. */
  readonly parameters?: Parameters;
  /** `--config FILE`, read: it applies to every file instead of discovery. */
  readonly explicitConfig?: ResolvedConfig;
  /** `--location LOCATION`: it applies to every template, over the configuration's resourceGroupLocation. */
  readonly location?: string;
  /** The configuration of `file`: `--config`, else the nearest apim-network.json above it. */
  configFor(file: string): ResolvedConfig | undefined;
  /**
   * The engine options for one template: the configuration's levels and maxFileSize, the resource group
   * location (`--location`, else the configuration's), the parameters (a
   * parameter file that cannot be read is reported through `warn` and the template's defaults are used).
   */
  optionsFor(file: string, cfg: ResolvedConfig | undefined, warn: (line: string) => void): AnalyzeOptions;
}

/**
 * Reads `--parameters` and `--config`. Returns a one-line message (without prefix) when one of them cannot
 * be read: that is bad usage, exit 2.
 */
export function loadInputs(args: { readonly parameters?: string; readonly config?: string; readonly location?: string }, readBytes?: ReadBytes): CliInputs | { readonly error: string } {
  let parameters: Parameters | undefined;
  if (args.parameters) {
    try {
      parameters = { text: readText(args.parameters, readBytes), uri: args.parameters };
    } catch (e) {
      return { error: `${args.parameters}: ${describe(e, 'cannot be read')}` };
    }
  }
  let explicitConfig: ResolvedConfig | undefined;
  if (args.config) {
    try {
      explicitConfig = readConfig(args.config);
    } catch (e) {
      return { error: `${args.config}: ${describe(e, 'cannot be read')}` };
    }
  }
  const resolver = new ConfigResolver();
  return {
    ...(parameters ? { parameters } : {}),
    ...(explicitConfig ? { explicitConfig } : {}),
    ...(args.location !== undefined ? { location: args.location } : {}),
    configFor: (file) => explicitConfig ?? resolver.forFile(file),
    optionsFor: (file, cfg, warn) => {
      const params = parameters ?? readParameters(configParameterFile(cfg, file) ?? defaultParametersFile(file), warn, readBytes);
      const max = cfg?.config.maxFileSize;
      const location = args.location ?? cfg?.config.resourceGroupLocation;
      return {
        uri: file,
        levels: mergeLevels(cfg?.config),
        ...(params ? { parameters: params } : {}),
        ...(max !== undefined && cfg ? { maxFileSize: max, maxFileSizeSource: `maxFileSize in ${shown(cfg.file)}` } : {}),
        ...(location !== undefined ? { resourceGroupLocation: location } : {}),
      };
    },
  };
}

/** A path as the CLI shows it: relative to the current folder when below it. */
export function shown(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

function readParameters(file: string | undefined, warn: (line: string) => void, readBytes?: ReadBytes): Parameters | undefined {
  if (!file) return undefined;
  try {
    return { text: readText(file, readBytes), uri: file };
  } catch (e) {
    warn(`${file}: ${describe(e, 'cannot be read')} (using the template's default values)`);
    return undefined;
  }
}
