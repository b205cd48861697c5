/**
 * No network and no code execution: a static scan of the core's sources, and a run of the engine with
 * every way out replaced by a tripwire ($schema and templateLink must not be fetched; templateLink is
 * reported as not analysed).
 */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeText } from '../../../server/src/core/index';
import { render } from '../../helpers/ruleTester';
import { injected } from '../../helpers/templates';
import { linkedDeployment } from '../../helpers/templates-part2';

const CORE = path.resolve(__dirname, '../../../../server/src/core');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

/** Comments removed (a doc comment may say "never eval"); strings kept (an import path is a string). */
function code(text: string): string {
  return text.replace(/\/\*[^]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

const FORBIDDEN: [string, RegExp][] = [
  // A call of the global eval (a method named eval, declared `eval(ast: Ast): EV`, is not one).
  ['eval(', /(^|[^\w.$])eval\s*\((?![^)]*\)\s*:)/],
  ['new Function', /new\s+Function\b|(^|[^\w.$])Function\s*\(/],
  ['child_process', /child_process/],
  ['http / https / net / tls / dgram / vm / worker modules', /(from|require\s*\()\s*['"](node:)?(https?|net|tls|dgram|http2|worker_threads|vm)['"]/],
  ['fetch(', /(^|[^\w.$])fetch\s*\(/],
  ['XMLHttpRequest / WebSocket', /XMLHttpRequest|WebSocket/],
  ['process spawning / exit', /process\.(binding|dlopen|exit|kill)\b|(^|[^\w.$])(spawn|exec|execFile)(Sync)?\s*\(/],
  // A static import or require of a named module is a dependency; a computed one could load anything.
  ['dynamic import / require', /(^|[^\w.$])import\s*\(|(^|[^\w.$])require\s*\(\s*[^'"\s]/],
  ['file system', /(from|require\s*\()\s*['"](node:)?fs(\/promises)?['"]/],
];

describe('robustness: no network, no code execution', () => {
  it('no source file under server/src/core uses eval, Function, child_process, http(s), net, fetch, fs or dynamic imports', () => {
    const files = sources(CORE);
    assert.ok(files.length > 30, `found ${files.length} core sources`);
    const hits: string[] = [];
    for (const f of files) {
      const lines = code(fs.readFileSync(f, 'utf8')).split('\n');
      lines.forEach((line, i) => {
        for (const [what, re] of FORBIDDEN) if (re.test(line)) hits.push(`${path.relative(CORE, f)}:${i + 1}: ${what}: ${line.trim()}`);
      });
    }
    assert.deepEqual(hits, []);
  });

  it('the scan does catch what it looks for', () => {
    const samples = ['eval("1")', 'x = eval(code)', 'require(name)', 'exec("ls")', 'const f = new Function("return 1")', "import { spawn } from 'node:child_process';", "import * as https from 'https';", "const n = require('net')", 'await fetch(url)', "import('x')", "import * as fs from 'node:fs';"];
    for (const s of samples) assert.ok(FORBIDDEN.some(([, re]) => re.test(code(s))), s);
    for (const s of ['// never eval( here', 'x.evaluate(y)', 'prefetch(x)', '  eval(ast: Ast): EV {', 're.exec(raw)', "require('@dagrejs/dagre')", "import { a } from './http-like';"]) assert.ok(!FORBIDDEN.some(([, re]) => re.test(code(s))), s);
  });

  it('analysis touches no network or process API ($schema and templateLink are not fetched)', () => {
    const g = globalThis as Record<string, unknown>;
    const calls: string[] = [];
    const saved = { fetch: g['fetch'], eval: g['eval'], Function: g['Function'] };
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const modules = ['http', 'https', 'net', 'child_process', 'fs'].map((m) => [m, require(m) as Record<string, unknown>] as const);
    const patched: [Record<string, unknown>, string, unknown][] = [];
    const trip = (name: string) => (..._args: unknown[]) => { calls.push(name); throw new Error(`${name} called`); };
    try {
      g['fetch'] = trip('fetch');
      for (const [m, mod] of modules) {
        for (const fn of ['request', 'get', 'connect', 'createConnection', 'spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'fork', 'readFileSync', 'readFile', 'openSync', 'statSync', 'existsSync']) {
          if (typeof mod[fn] === 'function') {
            patched.push([mod, fn, mod[fn]]);
            try { mod[fn] = trip(`${m}.${fn}`); } catch { /* read-only export */ }
          }
        }
      }
      const t = injected() as { resources: unknown[] };
      t.resources.push(linkedDeployment('linked', 'https://example.invalid/apim.json'));
      for (const format of ['json', 'yaml'] as const) {
        const r = analyzeText(render(t as Record<string, unknown>, format), { format });
        const note = r.findings.find((f) => f.ruleId === 'analysis-skipped');
        assert.ok(note, `${format}: templateLink is reported`);
        assert.match(note.message, /templateLink|[Ll]inked template/);
        assert.equal(note.severity, 'information');
      }
    } finally {
      g['fetch'] = saved.fetch;
      for (const [mod, fn, orig] of patched) try { mod[fn] = orig; } catch { /* read-only */ }
    }
    assert.deepEqual(calls, []);
  });
});
