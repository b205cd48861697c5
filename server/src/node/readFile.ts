import * as fs from 'node:fs';

/**
 * Reading files that a user named (or that a template names) without hanging: a named pipe (FIFO), a device
 * or a socket is refused before any byte is read. The file is opened non-blocking (opening a FIFO for
 * reading would otherwise wait for a writer) and checked with fstat on that very descriptor, so there is
 * no window between the check and the read.
 */

/** Thrown for a path that exists but is not a regular file; `code` is `EISDIR` for a folder, else `ENOTREG`. */
export class NotRegularFileError extends Error {
  readonly code: 'EISDIR' | 'ENOTREG';
  constructor(
    readonly path: string,
    /** What it is instead: "a folder", "a named pipe (FIFO)", "a device", "a socket". */
    readonly kind: string,
  ) {
    super(`${path} is ${kind}, not a regular file`);
    this.code = kind === 'a folder' ? 'EISDIR' : 'ENOTREG';
  }
}

const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);

/** What a path that is not a regular file is, in words. */
export function fileKind(st: fs.Stats): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** The bytes of a regular file; throws the usual errno errors, or NotRegularFileError. */
export function readRegularFileSync(p: string): Buffer {
  const fd = fs.openSync(p, OPEN_FLAGS);
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) throw new NotRegularFileError(p, fileKind(st));
    return fs.readFileSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** The same, asynchronous (the language server: a FIFO must not hold a thread of the pool forever). */
export async function readRegularFile(p: string): Promise<Buffer> {
  const handle = await fs.promises.open(p, OPEN_FLAGS);
  try {
    const st = await handle.stat();
    if (!st.isFile()) throw new NotRegularFileError(p, fileKind(st));
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

/** Is `p` a regular file (following links)? False for anything else, or when it cannot be stat'ed. */
export function isRegularFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}
