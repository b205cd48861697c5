// Regenerates media/topology.css from server/src/core/topology/theme.ts (compile first: npx tsc -p tsconfig.json).
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const { webviewCss } = require(path.join(root, 'out/server/src/core/topology/theme.js'));
writeFileSync(path.join(root, 'media/topology.css'), webviewCss());
console.log('wrote media/topology.css');
