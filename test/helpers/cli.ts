/**
 * Running the CLI in-process over files in a throwaway workspace, for the CLI tests.
 */
import { before, after } from 'node:test';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { run } from '../../server/src/cli/main';

/** Runs the CLI with `argv`; what it wrote to stdout and stderr, and its exit status. */
export function cli(...argv: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = run(argv, (s) => (out += s), (s) => (err += s));
  return { code, out, err };
}

/** Writes `text` to `file`, creating its folders. */
export function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

/**
 * A temporary folder holding `.git` (so the configuration walk stops there), created before the suite's
 * tests and removed after them. Call inside `describe`; the returned function gives its path.
 */
export function tempWorkspace(prefix: string): () => string {
  let root = '';
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    fs.mkdirSync(path.join(root, '.git'));
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));
  return () => root;
}
