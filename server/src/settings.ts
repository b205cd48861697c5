import { defaultSettings, type ExtensionSettings, type RuleLevelSetting } from '../../common/settings';
import type { Level } from './core/rules/finding';

const levelNames: readonly RuleLevelSetting[] = ['off', 'hint', 'info', 'warning', 'error'];

/**
 * Validates the raw `apimNetwork` section. Wrong-typed values are ignored (the default is kept) and reported
 * through `warn`, once per call; the caller logs them.
 */
export function parseSettings(raw: unknown, warn: (message: string) => void): ExtensionSettings {
  if (raw === undefined || raw === null) return defaultSettings;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    warn(`apimNetwork: expected an object of settings, got ${describe(raw)}; using defaults`);
    return defaultSettings;
  }
  const r = raw as Record<string, unknown>;
  let enable = defaultSettings.enable;
  if (r.enable !== undefined && r.enable !== null) {
    if (typeof r.enable === 'boolean') enable = r.enable;
    else warn(`apimNetwork.enable: expected a boolean, got ${describe(r.enable)}; ignored`);
  }
  const rules: Record<string, RuleLevelSetting> = {};
  for (const [id, level] of entries(r.rules, 'apimNetwork.rules', warn)) {
    if (typeof level === 'string' && (levelNames as readonly string[]).includes(level)) rules[id] = level as RuleLevelSetting;
    else warn(`apimNetwork.rules.${id}: expected one of ${levelNames.join('|')}, got ${describe(level)}; ignored`);
  }
  const parameterFiles: Record<string, string> = {};
  for (const [pattern, file] of entries(r.parameterFiles, 'apimNetwork.parameterFiles', warn)) {
    if (typeof file === 'string' && file.length > 0) parameterFiles[pattern] = file;
    else warn(`apimNetwork.parameterFiles.${pattern}: expected a file path, got ${describe(file)}; ignored`);
  }
  let maxFileSize: number | undefined;
  if (r.maxFileSize !== undefined && r.maxFileSize !== null) {
    if (typeof r.maxFileSize === 'number' && Number.isFinite(r.maxFileSize) && r.maxFileSize > 0) maxFileSize = r.maxFileSize;
    else warn(`apimNetwork.maxFileSize: expected a positive number, got ${describe(r.maxFileSize)}; ignored`);
  }
  let resourceGroupLocation: string | undefined;
  if (r.resourceGroupLocation !== undefined && r.resourceGroupLocation !== null && r.resourceGroupLocation !== '') {
    if (typeof r.resourceGroupLocation === 'string' && r.resourceGroupLocation.trim() !== '') resourceGroupLocation = r.resourceGroupLocation;
    else warn(`apimNetwork.resourceGroupLocation: expected a location name such as "westeurope", got ${describe(r.resourceGroupLocation)}; ignored`);
  }
  return {
    enable,
    rules,
    parameterFiles,
    ...(maxFileSize !== undefined ? { maxFileSize } : {}),
    ...(resourceGroupLocation !== undefined ? { resourceGroupLocation } : {}),
  };
}

/** `apimNetwork.rules` → AnalyzeOptions.levels (`info` is the engine's `information`). */
export function toLevels(rules: Readonly<Record<string, RuleLevelSetting>>): Record<string, Level> {
  const levels: Record<string, Level> = {};
  for (const [id, level] of Object.entries(rules)) levels[id] = level === 'info' ? 'information' : level;
  return levels;
}

function entries(value: unknown, name: string, warn: (message: string) => void): [string, unknown][] {
  if (value === undefined || value === null) return [];
  if (typeof value !== 'object' || Array.isArray(value)) {
    warn(`${name}: expected an object, got ${describe(value)}; ignored`);
    return [];
  }
  return Object.entries(value as Record<string, unknown>);
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  return `${typeof value} ${JSON.stringify(value)}`.slice(0, 80);
}
