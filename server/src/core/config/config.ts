import { damerauLevenshtein } from '../azure/suggest';
import { severityAtLevel, type Finding, type Level, type OffsetEdit, type Severity } from '../rules/finding';
import { parseJson } from '../text/parseJson';
import { keyOf, valueOfProperty, type SourceNode } from '../text/sourceNode';

/** The repository configuration file, found by walking up from each template (nearest wins). */
export const CONFIG_FILE_NAME = 'apim-network.json';

/** A level as written in apim-network.json (and in `apimNetwork.rules`): `info`, not the engine's `information`. */
export type ConfigLevel = 'off' | 'hint' | 'info' | 'warning' | 'error';

/** What `apim-network.json` says. Globs and paths are relative to the folder of the file. */
export interface LintConfig {
  readonly rules?: Readonly<Record<string, ConfigLevel>>;
  /** Template glob → parameter file. */
  readonly parameterFiles?: Readonly<Record<string, string>>;
  /** Globs of files not to lint. */
  readonly ignore?: readonly string[];
  readonly maxFileSize?: number;
  /** The location of the resource group templates are deployed to: `resourceGroup().location`. */
  readonly resourceGroupLocation?: string;
}

export interface ConfigProblem {
  readonly messageId: 'syntax' | 'unknownRule' | 'badLevel' | 'badType' | 'unknownKey';
  readonly message: string;
  readonly offset: number;
  readonly length: number;
  readonly severity: 'error' | 'warning';
  /** A replacement for the offending text (e.g. the rule id it probably means). */
  readonly replacement?: { readonly title: string; readonly edit: OffsetEdit };
}

/** The levels the file accepts: the same five as the schema, the `apimNetwork.rules` setting and the README. */
export const CONFIG_LEVELS: readonly ConfigLevel[] = ['off', 'hint', 'info', 'warning', 'error'];
const KEYS = ['$schema', 'rules', 'parameterFiles', 'ignore', 'maxFileSize', 'resourceGroupLocation'];

/**
 * Reads `apim-network.json` (JSONC). Every problem is reported at the offending key or value; what is
 * valid still applies (an unknown rule id is skipped, the other rules keep their levels).
 */
export function parseConfig(text: string, ruleIds: readonly string[]): { config: LintConfig; problems: ConfigProblem[] } {
  const parsed = parseJson(text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text);
  const problems: ConfigProblem[] = parsed.problems.map((p) => ({ messageId: 'syntax', message: p.message, offset: p.offset, length: p.length, severity: 'error' }));
  const root = parsed.root;
  if (!root) return { config: {}, problems };
  const problem = (messageId: ConfigProblem['messageId'], message: string, node: SourceNode, extra: Partial<ConfigProblem> = {}) =>
    problems.push({ messageId, message, offset: node.offset, length: node.length, severity: 'error', ...extra });
  if (root.type !== 'object') {
    problem('badType', `${CONFIG_FILE_NAME} must hold an object`, root);
    return { config: {}, problems };
  }
  const config: { -readonly [K in keyof LintConfig]: LintConfig[K] } = {};
  for (const p of root.children ?? []) {
    const key = keyOf(p);
    const keyNode = p.children?.[0];
    const value = valueOfProperty(p);
    if (key === undefined || !keyNode || !value) continue;
    switch (key) {
      case '$schema':
        break;
      case 'rules': {
        if (value.type !== 'object') { problem('badType', '"rules" must be an object: { "<rule-id>": "off|hint|info|warning|error" }', value); break; }
        const rules: Record<string, ConfigLevel> = {};
        for (const r of value.children ?? []) {
          const id = keyOf(r);
          const idNode = r.children?.[0];
          const level = valueOfProperty(r);
          if (id === undefined || !idNode || !level) continue;
          if (!ruleIds.includes(id)) {
            const near = closest(id, ruleIds);
            problem('unknownRule', `Unknown rule id '${id}'${near ? `; did you mean '${near}'?` : ''} (this entry is ignored)`, idNode, near
              ? { replacement: { title: `Change to '${near}'`, edit: { offset: idNode.offset, length: idNode.length, newText: JSON.stringify(near) } } }
              : {});
            continue;
          }
          if (typeof level.value !== 'string' || !CONFIG_LEVELS.includes(level.value as ConfigLevel)) {
            // "information" (the engine's and SARIF's word) is the likely slip: offer "info".
            const near = typeof level.value === 'string' ? (/^inf/i.test(level.value) ? 'info' : closest(level.value, CONFIG_LEVELS)) : undefined;
            problem('badLevel', `The level of '${id}' must be one of ${CONFIG_LEVELS.join(', ')}${near ? `; did you mean '${near}'?` : ''} (this entry is ignored)`, level, near
              ? { replacement: { title: `Change to '${near}'`, edit: { offset: level.offset, length: level.length, newText: JSON.stringify(near) } } }
              : {});
            continue;
          }
          rules[id] = level.value as ConfigLevel;
        }
        config.rules = rules;
        break;
      }
      case 'parameterFiles': {
        if (value.type !== 'object') { problem('badType', '"parameterFiles" must be an object: { "<template glob>": "<parameter file>" }', value); break; }
        const map: Record<string, string> = {};
        for (const r of value.children ?? []) {
          const glob = keyOf(r);
          const file = valueOfProperty(r);
          if (glob === undefined || !file) continue;
          if (typeof file.value !== 'string' || file.value === '') { problem('badType', `The parameter file for '${glob}' must be a path`, file); continue; }
          map[glob] = file.value;
        }
        config.parameterFiles = map;
        break;
      }
      case 'ignore': {
        if (value.type !== 'array') { problem('badType', '"ignore" must be an array of globs', value); break; }
        const globs: string[] = [];
        for (const g of value.children ?? []) {
          if (typeof g.value === 'string' && g.value !== '') globs.push(g.value);
          else problem('badType', 'Each "ignore" entry must be a glob string', g);
        }
        config.ignore = globs;
        break;
      }
      case 'maxFileSize':
        if (typeof value.value === 'number' && Number.isFinite(value.value) && value.value > 0) config.maxFileSize = value.value;
        else problem('badType', '"maxFileSize" must be a positive number of characters', value);
        break;
      case 'resourceGroupLocation':
        if (typeof value.value === 'string' && value.value.trim() !== '') config.resourceGroupLocation = value.value;
        else problem('badType', '"resourceGroupLocation" must be a location name, e.g. "westeurope"', value);
        break;
      default: {
        const near = closest(key, KEYS);
        problem('unknownKey', `Unknown setting '${key}'${near ? `; did you mean '${near}'?` : ''} (ignored)`, keyNode, { severity: 'warning' });
      }
    }
  }
  return { config, problems };
}

function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = damerauLevenshtein(word.toLowerCase(), c.toLowerCase());
    if (d < bestD) { bestD = d; best = c; }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

/**
 * Config problems as findings of the pseudo-rule `config-invalid`, for the editor and the CLI. `levels` (the
 * file's own `rules`, with the editor settings on top in the editor: see `configLevels`) may set
 * `config-invalid`: `off` drops them all; another level replaces the error severity, and a milder problem (an
 * unknown key, a warning) stays milder, capped at that level, as for every rule.
 */
export function configFindings(problems: readonly ConfigProblem[], levels: Readonly<Record<string, Level | 'info'>> = {}): Finding[] {
  const raw = levels['config-invalid'];
  const level: Level | undefined = raw === 'info' ? 'information' : raw;
  if (level === 'off') return [];
  // config-invalid's default is error: a warning (an unknown key) stays a warning under a stricter level
  const severityOf = (s: Severity): Severity => (level === undefined ? s : severityAtLevel(s, 'error', level));
  return problems.map((p) => ({
    ruleId: 'config-invalid',
    messageId: p.messageId,
    severity: severityOf(p.severity),
    message: p.message,
    range: { offset: p.offset, length: p.length },
    ...(p.replacement ? { fixes: [{ title: p.replacement.title, edits: [p.replacement.edit], isPreferred: true }] } : {}),
  }));
}

/** Levels for the engine: the config's, then `over`'s on top (editor settings win over the file). */
export function mergeLevels(config: LintConfig | undefined, over: Readonly<Record<string, ConfigLevel | Level>> = {}): Record<string, Level> {
  const out: Record<string, Level> = {};
  for (const [id, l] of Object.entries({ ...(config?.rules ?? {}), ...over })) out[id] = l === 'info' ? 'information' : l;
  return out;
}

/** The commented starter file `init` writes. */
export const STARTER_CONFIG = `// APIM Network Lint configuration: read by the CLI and by the VS Code extension.
// The nearest apim-network.json above a template applies to it. Globs and paths are relative to this folder.
// VS Code settings (apimNetwork.*) apply on top of this file in the editor only.
//
// Validation and completion: in VS Code the APIM Network Lint extension associates its schema with every
// apim-network.json (no "$schema" needed here; a "$schema" in this file would replace that association).
// Other editors: map apim-network.json to schemas/apim-network.schema.json of the apim-network-lint package.
{
  // Rule id → level: "off", "hint", "info", "warning" or "error".
  "rules": {
    // "internal-mode-dns": "off",
    // "legacy-platform": "warning"
  },

  // Template glob → the parameter file to read with it (default: <name>.parameters.json beside <name>.json).
  "parameterFiles": {
    // "infra/**/*.json": "infra/prod.parameters.json"
  },

  // Files and folders not to lint.
  "ignore": [
    "node_modules",
    "**/bin/**"
  ],

  // Larger documents (in characters) are not analysed.
  "maxFileSize": 10485760

  // The location of the resource group the templates are deployed to: what "[resourceGroup().location]"
  // means (otherwise unknown, and the checks that depend on it are silent).
  // "resourceGroupLocation": "westeurope"
}
`;
