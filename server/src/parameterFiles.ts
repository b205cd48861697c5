import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { globToRegExp } from './core/index';

/**
 * Which parameter file goes with a template: the `apimNetwork.parameterFiles` setting first (template glob or
 * path → parameter file, both relative to the workspace folder), then apim-network.json's `parameterFiles`,
 * else `<base>.parameters.json` beside it.
 * Returns a file URI, or undefined when the template is not a file (untitled) or is itself a parameter file.
 */
export function parameterFileFor(
  templateUri: string,
  mapping: Readonly<Record<string, string>>,
  workspaceFolders: readonly string[],
  /** The parameter file apim-network.json maps the template to (a path): used when no setting matches. */
  configured?: string,
): string | undefined {
  const templatePath = toPath(templateUri);
  if (!templatePath || isParameterFileName(templatePath)) return undefined;
  const folder = folderOf(templatePath, workspaceFolders);
  if (folder) {
    const relative = path.relative(folder, templatePath).split(path.sep).join('/');
    for (const [pattern, file] of Object.entries(mapping)) {
      if (globToRegExp(pattern).test(relative)) return pathToFileURL(path.resolve(folder, file)).toString();
    }
  }
  if (configured) return pathToFileURL(configured).toString();
  const base = templatePath.replace(/\.(jsonc?|ya?ml)$/i, '');
  return pathToFileURL(`${base}.parameters.json`).toString();
}

/** `*.parameters.json` (and `.parameters.jsonc`): parameter files are never paired with another one. */
export function isParameterFileName(fileOrUri: string): boolean {
  return /\.parameters\.jsonc?$/i.test(fileOrUri);
}

/** A file URI → its path; other schemes → undefined. */
export function toPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** Same file? Compares normalised paths, so `file:///a/b` spelt two ways still matches. */
export function sameFile(a: string, b: string): boolean {
  const pa = toPath(a);
  const pb = toPath(b);
  return pa !== undefined && pb !== undefined ? path.normalize(pa) === path.normalize(pb) : a === b;
}

/** The deepest of the workspace folders (URIs) that holds `file` (a path), as a path. */
export function folderOf(file: string, folders: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const uri of folders) {
    const folder = toPath(uri);
    if (!folder) continue;
    const rel = path.relative(folder, file);
    if (!rel.startsWith('..') && !path.isAbsolute(rel) && (!best || folder.length > best.length)) best = folder;
  }
  return best;
}
