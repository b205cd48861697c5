import * as path from 'node:path';
import { folderOf } from '../parameterFiles';

/**
 * The text of files the analysis reads from disk (a template's parameter file), remembered until the client
 * says the file changed (workspace/didChangeWatchedFiles), so that an edit of the template does not wait for a
 * read of a file that did not change: every keystroke used to open (or fail to open) `<base>.parameters.json`
 * through the thread pool, about a millisecond of each 50 KB edit's latency.
 *
 * Only files whose changes the client reports are remembered (`watched`): the server's watchers cover
 * `WATCHED_EXTENSIONS` inside the workspace folders, and only once the client accepted them; any other file
 * is read every time, as before. "Absent" is remembered too (a created file is reported).
 */
export class DiskTexts {
  readonly #texts = new Map<string, Promise<string | undefined>>();
  readonly #read: (file: string) => Promise<string | undefined>;
  readonly #watched: (file: string) => boolean;
  /** Set once the client accepted the file watchers: changes before that may go unreported. */
  watching = false;

  constructor(read: (file: string) => Promise<string | undefined>, watched: (file: string) => boolean) {
    this.#read = read;
    this.#watched = watched;
  }

  /**
   * The file's text; undefined when it cannot be read. A remembered file answers from the map alone (every
   * keystroke asks): whether a file is watched is decided when it is first read, and `clear` runs when the
   * watched folders change.
   */
  get(file: string): Promise<string | undefined> {
    const key = path.normalize(file);
    let text = this.#texts.get(key);
    if (text) return text;
    text = this.#read(file);
    if (this.watching && this.#watched(file)) this.#texts.set(key, text);
    return text;
  }

  /**
   * The file changed, was created or deleted: read it again next time. Spellings that differ only in case are
   * forgotten too (a change reported as `C:\x` or `/Users/A/x` for what was read as `c:\x` or `/users/a/x` on
   * the case-insensitive file systems of Windows and macOS); elsewhere that costs at most a read too many.
   */
  forget(file: string): void {
    const lower = path.normalize(file).toLowerCase();
    for (const key of [...this.#texts.keys()]) if (key.toLowerCase() === lower) this.#texts.delete(key);
  }

  clear(): void {
    this.#texts.clear();
  }
}

/** Paths that clients' watchers leave out by default (VS Code's `files.watcherExclude`): never remembered. */
const UNWATCHED_SEGMENT = /[\\/](node_modules|\.git)[\\/]/;

/** The extensions of the files the server watches (`**\/*.json`, `**\/*.jsonc`): what it is told about. */
export const WATCHED_EXTENSIONS = ['json', 'jsonc'] as const;
const WATCHED_NAME = new RegExp(`\\.(${WATCHED_EXTENSIONS.join('|')})$`, 'i');

/** True when the server's watchers (`WATCHED_EXTENSIONS` in the workspace folders `folderUris`) report changes of `file`. */
export function watchedJsonFile(file: string, folderUris: readonly string[]): boolean {
  return WATCHED_NAME.test(file) && !UNWATCHED_SEGMENT.test(file) && folderOf(file, folderUris) !== undefined;
}
