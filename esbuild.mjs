// Bundles the extension: client (VS Code extension host), server (language server) and cli.
//   node esbuild.mjs                 development build (source maps)
//   node esbuild.mjs --production    minified, no source maps (what `npm run package` ships)
//   node esbuild.mjs --watch         rebuild on change
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Prints errors in the `file:line:col: error: text` shape a problem matcher reads. */
const problemMatcherPlugin = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => {
      if (watch) console.log('[watch] build started');
    });
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      if (watch) console.log('[watch] build finished');
    });
  },
};

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  plugins: [problemMatcherPlugin],
};

const targets = [
  {
    ...common,
    entryPoints: ['client/src/extension.ts'],
    outfile: 'dist/client.js',
    external: ['vscode'],
  },
  {
    ...common,
    entryPoints: ['server/src/main.ts'],
    outfile: 'dist/server.js',
    // jsonc-parser's `main` is a UMD build whose dynamic requires break inside a bundle
    // ("Cannot find module './impl/format'"): take its ES module build instead.
    mainFields: ['module', 'main'],
  },
  {
    ...common,
    entryPoints: ['server/src/cli/main.ts'],
    outfile: 'dist/cli.js',
    mainFields: ['module', 'main'],
    banner: { js: '#!/usr/bin/env node' },
  },
  {
    // The topology preview's page script (runs in the webview: a browser, no Node, no vscode).
    ...common,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    entryPoints: ['client/webview/main.ts'],
    outfile: 'dist/webview.js',
  },
];

const present = targets.filter((t) => {
  const ok = t.entryPoints.every((e) => existsSync(e));
  if (!ok) console.warn(`esbuild: skipping ${t.outfile} (missing ${t.entryPoints.join(', ')})`);
  return ok;
});

const contexts = await Promise.all(present.map((t) => esbuild.context(t)));
try {
  if (watch) {
    await Promise.all(contexts.map((c) => c.watch()));
  } else {
    await Promise.all(contexts.map((c) => c.rebuild()));
    await Promise.all(contexts.map((c) => c.dispose()));
  }
} catch (e) {
  await Promise.all(contexts.map((c) => c.dispose()));
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
}
