import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileKind, NotRegularFileError, readRegularFileSync } from '../node/readFile';

export interface InputFile {
  /** The path as the user gave it (or joined below a folder they gave). */
  readonly path: string;
  /** Given explicitly (not found by a folder scan). */
  readonly explicit: boolean;
}

export interface FileProblem {
  readonly path: string;
  readonly message: string;
}

const EXTENSIONS = ['.json', '.jsonc', '.yaml', '.yml'];
const SKIP_DIRS = new Set(['node_modules', '.git', 'out', 'dist']);

/**
 * Expands the user's paths into files: files as given, folders searched recursively (symlinked
 * folders followed once: a loop is reported, not followed again).
 */
export function collectFiles(paths: readonly string[]): { files: InputFile[]; problems: FileProblem[] } {
  const files: InputFile[] = [];
  const problems: FileProblem[] = [];
  const seenDirs = new Set<string>();
  for (const p of paths) {
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch (e) {
      problems.push({ path: p, message: describe(e, 'cannot be read') });
      continue;
    }
    if (st.isDirectory()) walk(p, files, problems, seenDirs);
    else if (st.isFile()) files.push({ path: p, explicit: true });
    // A named pipe, device or socket: reading it could block forever (a FIFO without a writer). Folder
    // scans never list them; a named one is refused here, before it is opened.
    else problems.push({ path: p, message: describe(new NotRegularFileError(p, fileKind(st)), 'cannot be read') });
  }
  return { files, problems };
}

function walk(dir: string, files: InputFile[], problems: FileProblem[], seen: Set<string>): void {
  let real: string;
  try {
    real = fs.realpathSync(dir);
  } catch (e) {
    problems.push({ path: dir, message: describe(e, 'cannot be read') });
    return;
  }
  if (seen.has(real)) {
    problems.push({ path: dir, message: 'skipped: this folder was already searched (a symbolic link loop?)' });
    return;
  }
  seen.add(real);
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    problems.push({ path: dir, message: describe(e, 'cannot be listed') });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const full = path.join(dir, e.name);
    let isDir = e.isDirectory();
    let isFile = e.isFile();
    if (e.isSymbolicLink()) {
      try {
        const st = fs.statSync(full);
        isDir = st.isDirectory();
        isFile = st.isFile();
      } catch {
        problems.push({ path: full, message: 'broken symbolic link' });
        continue;
      }
    }
    if (isDir) {
      if (!SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) walk(full, files, problems, seen);
    } else if (isFile && EXTENSIONS.includes(path.extname(e.name).toLowerCase())) {
      files.push({ path: full, explicit: false });
    }
  }
}

/** How the CLI reads a file's bytes: a regular file only (tests inject failures through it). */
export type ReadBytes = (p: string) => Buffer;

/** Reads a text file: UTF-8 (a BOM is dropped), or UTF-16 with a BOM. Refuses what is not a regular file. */
export function readText(p: string, readBytes: ReadBytes = readRegularFileSync): string {
  return readTextWithEncoding(p, readBytes).text;
}

/** How a file was stored, so that `--fix` writes it back the same way. */
export type TextEncoding = 'utf8' | 'utf8bom' | 'utf16le' | 'utf16be';

export function readTextWithEncoding(p: string, readBytes: ReadBytes = readRegularFileSync): { text: string; encoding: TextEncoding } {
  const buf = readBytes(p);
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return { text: buf.subarray(2).toString('utf16le'), encoding: 'utf16le' };
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
    const swapped = Buffer.from(buf.subarray(2));
    swapped.swap16();
    return { text: swapped.toString('utf16le'), encoding: 'utf16be' };
  }
  const text = buf.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? { text: text.slice(1), encoding: 'utf8bom' } : { text, encoding: 'utf8' };
}

/** Writes `text` with the byte-order mark and encoding the file was read with. */
export function writeTextWithEncoding(p: string, text: string, encoding: TextEncoding): void {
  let buf: Buffer;
  if (encoding === 'utf16le' || encoding === 'utf16be') {
    buf = Buffer.from(`\ufeff${text}`, 'utf16le');
    if (encoding === 'utf16be') buf.swap16();
  } else buf = Buffer.from(encoding === 'utf8bom' ? `\ufeff${text}` : text, 'utf8');
  fs.writeFileSync(p, buf);
}

/** The default parameters file of a template: `<base>.parameters.json` next to `<base>.json`. */
export function defaultParametersFile(templatePath: string): string | undefined {
  const ext = path.extname(templatePath);
  if (!ext) return undefined;
  const base = templatePath.slice(0, -ext.length);
  if (base.endsWith('.parameters')) return undefined;
  for (const candidate of [`${base}.parameters${ext}`, `${base}.parameters.json`]) {
    try {
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not there
    }
  }
  return undefined;
}

export function describe(e: unknown, what: string): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EACCES' || code === 'EPERM') return `${what}: permission denied`;
  if (code === 'EISDIR') return 'is a folder';
  if (e instanceof NotRegularFileError) return `${e.kind}, not a regular file: not read`;
  return `${what}: ${e instanceof Error ? e.message : String(e)}`;
}
