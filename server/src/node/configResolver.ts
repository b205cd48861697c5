import * as fs from 'node:fs';
import * as path from 'node:path';
import { allRules, CONFIG_FILE_NAME, configFindings, globMatches, mergeLevels, parseConfig, type ConfigProblem, type Finding, type Level, type LintConfig } from '../core/index';
import { readRegularFileSync } from './readFile';

/** A configuration file found for a template, read and checked. */
export interface ResolvedConfig {
  /** Absolute path of the apim-network.json. */
  readonly file: string;
  /** Its folder: globs and paths in it are relative to this. */
  readonly dir: string;
  readonly config: LintConfig;
  readonly problems: readonly ConfigProblem[];
  /** The text it was read from (for positions of its problems). */
  readonly text: string;
}

const RULE_IDS = () => allRules.map((r) => r.meta.id);

/**
 * Reads and checks one configuration file; throws when it cannot be read (missing, permissions, a folder, a
 * FIFO or device: see readRegularFileSync). A UTF-8 BOM is dropped, so positions match the editor's.
 */
export function readConfig(file: string): ResolvedConfig {
  return configFromText(file, readRegularFileSync(file).toString('utf8'));
}

/** A configuration file from its text (an open, perhaps unsaved, editor document; or what was read from disk). */
export function configFromText(file: string, raw: string): ResolvedConfig {
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  const { config, problems } = parseConfig(text, RULE_IDS());
  return { file: path.resolve(file), dir: path.dirname(path.resolve(file)), config, problems, text };
}

/** Reads and checks one configuration file; undefined when it cannot be read. */
export function loadConfig(file: string): ResolvedConfig | undefined {
  try {
    return readConfig(file);
  } catch {
    return undefined;
  }
}

/**
 * The problems of a configuration file as `config-invalid` findings, at the level the file itself sets for
 * `config-invalid` (`"config-invalid": "off"` silences them), with `over` (the editor settings) on top.
 * The CLI and the language server both report a configuration file through this.
 */
export function configFileFindings(resolved: ResolvedConfig, over: Readonly<Record<string, Level>> = {}): Finding[] {
  return configFindings(resolved.problems, { ...mergeLevels(resolved.config), ...over });
}

/**
 * Finds the nearest apim-network.json for files, walking up from each file's folder until a boundary
 * (a workspace folder, a folder holding `.git`, or the file system root). Lookups are cached per folder;
 * `invalidate()` drops the cache (a configuration file changed).
 */
export class ConfigResolver {
  readonly #byDir = new Map<string, ResolvedConfig | null>();
  #boundaries: readonly string[];

  readonly #overlay: ((file: string) => string | undefined) | undefined;

  /**
   * `overlay`: the text of a configuration file open in the editor (undefined: not open), which wins over the
   * file on disk, as an open parameter file does: what the user sees is what applies.
   */
  constructor(boundaries: readonly string[] = [], overlay?: (file: string) => string | undefined) {
    this.#boundaries = boundaries.map((b) => path.resolve(b));
    this.#overlay = overlay;
  }

  /** Workspace folders: the walk up stops there. */
  setBoundaries(boundaries: readonly string[]): void {
    this.#boundaries = boundaries.map((b) => path.resolve(b));
    this.#byDir.clear();
  }

  forFile(file: string): ResolvedConfig | undefined {
    return this.forDir(path.dirname(path.resolve(file)));
  }

  forDir(dir: string): ResolvedConfig | undefined {
    const cached = this.#byDir.get(dir);
    if (cached !== undefined) return cached ?? undefined;
    const candidate = path.join(dir, CONFIG_FILE_NAME);
    let found: ResolvedConfig | undefined;
    const open = this.#overlay?.(candidate);
    if (open !== undefined) found = configFromText(candidate, open);
    else if (isFile(candidate)) found = loadConfig(candidate);
    else if (!this.#isBoundary(dir)) {
      const parent = path.dirname(dir);
      if (parent !== dir) found = this.forDir(parent);
    }
    this.#byDir.set(dir, found ?? null);
    return found;
  }

  invalidate(): void {
    this.#byDir.clear();
  }

  /**
   * Where the walk up from `file` stops: the nearest workspace folder or folder holding `.git` above it;
   * undefined when there is none (the walk would reach the file system root). A configuration file created
   * there applies to `file`, unless a nearer one exists.
   */
  rootFor(file: string): string | undefined {
    let dir = path.dirname(path.resolve(file));
    for (;;) {
      if (this.#isBoundary(dir)) return dir;
      const parent = path.dirname(dir);
      if (parent === dir) return undefined;
      dir = parent;
    }
  }

  #isBoundary(dir: string): boolean {
    return this.#boundaries.includes(dir) || isDirOrFile(path.join(dir, '.git'));
  }
}

/** Is `file` ignored by the configuration's `ignore` globs (relative to the config's folder)? */
export function isIgnored(resolved: ResolvedConfig | undefined, file: string): boolean {
  if (!resolved?.config.ignore?.length) return false;
  const rel = path.relative(resolved.dir, path.resolve(file)).split(path.sep).join('/');
  if (rel.startsWith('..')) return false;
  return resolved.config.ignore.some((g) => globMatches(g, rel));
}

/** The parameter file the configuration maps `file` to (absolute path), if any. */
export function configParameterFile(resolved: ResolvedConfig | undefined, file: string): string | undefined {
  const map = resolved?.config.parameterFiles;
  if (!map) return undefined;
  const rel = path.relative(resolved.dir, path.resolve(file)).split(path.sep).join('/');
  for (const [glob, target] of Object.entries(map)) if (globMatches(glob, rel)) return path.resolve(resolved.dir, target);
  return undefined;
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

function isDirOrFile(p: string): boolean {
  try {
    fs.statSync(p);
    return true;
  } catch {
    return false;
  }
}
