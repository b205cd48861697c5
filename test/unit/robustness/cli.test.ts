/**
 * The CLI on input it cannot (fully) use: a missing path, an unreadable file, a named pipe or device, a
 * symbolic link loop, a file that is not a template, binary content and invalid UTF-8. One clear line each on stderr; exit
 * code 2 only when something could not be read (or parsed); the other files still analysed; stdout
 * one valid JSON / SARIF document.
 */
import { describe, it, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import type { ReadBytes } from '../../../server/src/cli/files';
import { run, type RunOptions } from '../../../server/src/cli/main';
import { NotRegularFileError, readRegularFile, readRegularFileSync } from '../../../server/src/node/readFile';

const EXAMPLES = path.resolve(__dirname, '../../../../examples');
const GOOD = path.join(EXAMPLES, 'apim-internal-no-nsg.json');
/** The compiled CLI entry point (out/server/src/cli/main.js), for runs in a child process. */
const CLI_MAIN = path.resolve(__dirname, '../../../server/src/cli/main.js');

function cli(...argv: string[]): { code: number; out: string; err: string } {
  return cliWith({}, ...argv);
}
function cliWith(options: RunOptions, ...argv: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = run(argv, (s) => (out += s), (s) => (err += s), options);
  return { code, out, err };
}

interface JsonDoc { version: number; files: { path: string; error?: string; findings: { rule: string }[] }[] }

/** Both machine formats parse as exactly one document; returns the JSON one. */
function machine(...args: [RunOptions, ...string[]] | string[]): { code: number; doc: JsonDoc; err: string } {
  const [options, argv] = typeof args[0] === 'object' ? [args[0], args.slice(1) as string[]] : [{}, args as string[]];
  const j = cliWith(options, '--format', 'json', ...argv);
  const s = cliWith(options, '--format', 'sarif', ...argv);
  assert.equal(s.code, j.code);
  const sarif = JSON.parse(s.out) as { version: string; runs: unknown[] };
  assert.equal(sarif.version, '2.1.0');
  assert.equal(sarif.runs.length, 1);
  return { code: j.code, doc: JSON.parse(j.out) as JsonDoc, err: j.err };
}

const oneLinePerProblem = (err: string): string[] => err.split('\n').filter(Boolean);

describe('robustness: CLI', () => {
  let tmp: string;
  before(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'apim-lint-robust-')); });
  after(() => {
    for (const f of fs.readdirSync(tmp)) try { fs.chmodSync(path.join(tmp, f), 0o755); } catch { /* gone */ }
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('a missing path: one line, exit 2, the other file analysed, one JSON / SARIF document', () => {
    const r = machine(path.join(tmp, 'missing.json'), GOOD);
    assert.equal(r.code, 2);
    assert.deepEqual(oneLinePerProblem(r.err).length, 1);
    assert.match(r.err, /missing\.json: no such file or folder/);
    assert.ok(r.doc.files.some((f) => f.path === GOOD && f.findings.some((x) => x.rule === 'nsg-missing')));
  });

  it('an unreadable file: one line, exit 2, the other file analysed (as root too: the read is injected)', () => {
    // CI runs as root, where chmod 000 does not stop reading: the failing read is injected, so the path
    // "could not be read -> exit 2, others analysed" runs everywhere, with the error a non-root user gets.
    const locked = path.join(tmp, 'locked.json');
    fs.copyFileSync(GOOD, locked);
    const denied: ReadBytes = (p) => {
      if (path.resolve(p) === path.resolve(locked)) throw Object.assign(new Error(`EACCES: permission denied, open '${p}'`), { code: 'EACCES' });
      return readRegularFileSync(p);
    };
    const check = (r: { code: number; doc: JsonDoc; err: string }) => {
      assert.equal(r.code, 2);
      assert.equal(oneLinePerProblem(r.err).length, 1, r.err);
      assert.match(r.err, /locked\.json: cannot be read: permission denied\n$/);
      assert.ok(r.doc.files.some((f) => f.path === locked && f.error === 'cannot be read: permission denied'));
      assert.ok(r.doc.files.some((f) => f.path === GOOD && f.findings.some((x) => x.rule === 'nsg-missing')), 'the other file analysed');
    };
    check(machine({ readBytes: denied }, locked, GOOD));
    // The same through the file system where permissions apply (not as root).
    fs.chmodSync(locked, 0o000);
    let readable = true;
    try { fs.readFileSync(locked); } catch { readable = false; }
    if (!readable) check(machine({}, locked, GOOD));
    fs.chmodSync(locked, 0o644);
  });

  it('a named pipe (FIFO) or a device given as a file: one line, exit 2, no hang, the others analysed', { skip: process.platform === 'win32' }, () => {
    const fifo = path.join(tmp, 'pipe.json');
    execFileSync('mkfifo', [fifo]);
    // In a child process with a timeout: if the check ever regresses, the open blocks (no writer) and the
    // child is killed instead of this test runner hanging.
    const r = spawnSync(process.execPath, [CLI_MAIN, '--format', 'json', fifo, '/dev/null', GOOD], { encoding: 'utf8', timeout: 20_000 });
    assert.equal(r.signal, null, 'the CLI did not hang on the FIFO');
    assert.equal(r.status, 2);
    const lines = oneLinePerProblem(r.stderr);
    assert.equal(lines.length, 2, r.stderr);
    assert.match(lines[0]!, /pipe\.json: a named pipe \(FIFO\), not a regular file: not read$/);
    assert.match(lines[1]!, /\/dev\/null: a device, not a regular file: not read$/);
    const doc = JSON.parse(r.stdout) as JsonDoc;
    assert.ok(doc.files.some((f) => f.path === fifo && f.error));
    assert.ok(doc.files.some((f) => f.path === GOOD && f.findings.some((x) => x.rule === 'nsg-missing')), 'the other file analysed');
    // A folder scan lists only regular files: the FIFO beside a template is not opened.
    const scan = spawnSync(process.execPath, [CLI_MAIN, '--format', 'json', tmp], { encoding: 'utf8', timeout: 20_000 });
    assert.equal(scan.signal, null);
    assert.doesNotMatch(scan.stderr, /pipe\.json/);
    // --parameters, --config and topology read through the same check.
    for (const argv of [['--parameters', fifo, GOOD], ['--config', fifo, GOOD], ['topology', fifo], ['topology', '--parameters', fifo, GOOD], ['topology', '--config', fifo, GOOD]]) {
      const x = spawnSync(process.execPath, [CLI_MAIN, ...argv], { encoding: 'utf8', timeout: 20_000 });
      assert.equal(x.signal, null, `${argv.join(' ')}: no hang`);
      assert.equal(x.status, 2, argv.join(' '));
      assert.equal(oneLinePerProblem(x.stderr).length, 1, x.stderr);
      assert.match(x.stderr, /pipe\.json: a named pipe \(FIFO\), not a regular file: not read\n$/);
    }
    fs.rmSync(fifo);
  });

  it('the server-side and CLI reader refuses a FIFO on its open descriptor (no stat/open race)', { skip: process.platform === 'win32' }, async () => {
    const fifo = path.join(tmp, 'pipe2.json');
    execFileSync('mkfifo', [fifo]);
    assert.throws(() => readRegularFileSync(fifo), (e: unknown) => e instanceof NotRegularFileError && e.code === 'ENOTREG' && e.kind === 'a named pipe (FIFO)');
    await assert.rejects(readRegularFile(fifo), (e: unknown) => e instanceof NotRegularFileError);
    assert.throws(() => readRegularFileSync(tmp), (e: unknown) => e instanceof NotRegularFileError && e.code === 'EISDIR');
    fs.rmSync(fifo);
  });

  it('an unlistable folder (chmod 000) is reported, the rest still analysed', () => {
    const dir = path.join(tmp, 'closed');
    fs.mkdirSync(dir);
    fs.copyFileSync(GOOD, path.join(dir, 'a.json'));
    fs.chmodSync(dir, 0o000);
    let listable = true;
    try { fs.readdirSync(dir); } catch { listable = false; }
    const r = machine(dir, GOOD);
    fs.chmodSync(dir, 0o755);
    if (listable) {
      assert.equal(r.code, 1, 'as root the folder is listed and analysed');
      return;
    }
    assert.equal(r.code, 2);
    assert.match(r.err, /closed: cannot be listed: permission denied/);
    assert.ok(r.doc.files.some((f) => f.path === GOOD));
  });

  it('a symbolic link loop (two folders pointing at each other) terminates, reported once per link', () => {
    const a = path.join(tmp, 'loopA');
    const b = path.join(tmp, 'loopB');
    fs.mkdirSync(a);
    fs.mkdirSync(b);
    fs.symlinkSync(b, path.join(a, 'toB'));
    fs.symlinkSync(a, path.join(b, 'toA'));
    fs.copyFileSync(GOOD, path.join(a, 't.json'));
    fs.symlinkSync(path.join(tmp, 'nowhere'), path.join(a, 'broken.json'));
    const r = machine(a);
    assert.match(r.err, /already searched/);
    assert.match(r.err, /broken\.json: broken symbolic link/);
    assert.equal(r.doc.files.filter((f) => f.findings.length > 0).length, 1, 'the template is analysed once');
  });

  it('a file that is not a template: one line when named, silence in a folder scan, exit 0', () => {
    const dir = path.join(tmp, 'plain');
    fs.mkdirSync(dir);
    const f = path.join(dir, 'settings.json');
    fs.writeFileSync(f, '{"editor.tabSize": 2}');
    const named = machine(f);
    assert.equal(named.code, 0);
    assert.equal(oneLinePerProblem(named.err).length, 1);
    assert.match(named.err, /not an ARM deployment template/);
    assert.deepEqual(named.doc.files, []);
    const scanned = machine(dir);
    assert.equal(scanned.err, '');
    assert.equal(scanned.code, 0);
  });

  it('binary content and invalid UTF-8: no crash; not-a-template files skipped, a template still analysed', () => {
    const bin = path.join(tmp, 'binary.json');
    fs.writeFileSync(bin, Buffer.from([0, 1, 2, 0xff, 0xfe, 0xfd, 0x80, 0xc3, 0x28, 0, 0x7b, 0x22]));
    const yml = path.join(tmp, 'binary.yaml');
    fs.writeFileSync(yml, Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7919 + 13) % 256)));
    const r = machine(bin, yml, GOOD);
    assert.equal(r.code, 1, 'no read failure; the good file has an error finding');
    assert.ok(r.doc.files.some((f) => f.path === GOOD));
    // A template with invalid UTF-8 inside a string: decoded with U+FFFD, still analysed, positions intact.
    const src = fs.readFileSync(GOOD);
    const i = src.indexOf('"apim-');
    const bad = path.join(tmp, 'invalid-utf8.json');
    fs.writeFileSync(bad, Buffer.concat([src.subarray(0, i + 1), Buffer.from([0xc3, 0x28, 0xff]), src.subarray(i + 1)]));
    const b = machine(bad);
    assert.ok(b.code === 1 || b.code === 2);
    assert.ok(b.doc.files[0]!.findings.length > 0);
    // A NUL-laden template: a syntax error, reported (exit 2, as a document that does not parse).
    const nul = path.join(tmp, 'nul.json');
    fs.writeFileSync(nul, Buffer.concat([Buffer.from('{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "resources": [\0\0]}')]));
    const n = machine(nul);
    assert.equal(n.code, 2);
    assert.ok(n.doc.files[0]!.findings.some((f) => f.rule === 'syntax-error'));
  });

  it('an empty file and a lone BOM: not templates, exit 0', () => {
    const empty = path.join(tmp, 'empty.json');
    fs.writeFileSync(empty, '');
    const bom = path.join(tmp, 'bom.yaml');
    fs.writeFileSync(bom, '\ufeff');
    const r = machine(empty, bom);
    assert.equal(r.code, 0);
    assert.deepEqual(r.doc.files, []);
  });

  it('an unreadable --parameters file is bad usage: one line, exit 2', () => {
    const r = cli('--format', 'json', '--parameters', path.join(tmp, 'nope.parameters.json'), GOOD);
    assert.equal(r.code, 2);
    assert.equal(oneLinePerProblem(r.err).length, 1);
  });
});
