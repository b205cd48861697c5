import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE_NAME, STARTER_CONFIG } from '../core/index';

/** Writes a commented starter apim-network.json into `dir` (never over an existing one). */
export function init(dir: string, out: (s: string) => void, err: (s: string) => void): number {
  const file = path.join(dir, CONFIG_FILE_NAME);
  if (fs.existsSync(file)) {
    err(`apim-network-lint: ${file} already exists; not overwritten\n`);
    return 2;
  }
  try {
    fs.writeFileSync(file, STARTER_CONFIG);
  } catch (e) {
    err(`apim-network-lint: ${file}: cannot be written: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  out(`Wrote ${file}\n`);
  return 0;
}
