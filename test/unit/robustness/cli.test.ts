/**
 * The CLI on input it cannot (fully) use: a missing path, an unreadable file, a symbolic link loop, a
 * file that is not a template, binary content and invalid UTF-8. One clear line each on stderr; exit
 * code 2 only when something could not be read (or parsed); the other files still analysed; stdout
 * one valid JSON / SARIF document.
 */
import { describe, it, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { run } from '../../../server/src/cli/main';

const EXAMPLES = path.resolve(__dirname, '../../../../examples');
const GOOD = path.join(EXAMPLES, 'apim-internal-no-nsg.json');

function cli(...argv: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = run(argv, (s) => (out += s), (s) => (err += s));
  return { code, out, err };
}

interface JsonDoc { version: number; files: { path: string; error?: string; findings: { rule: string }[] }[] }

/** Both machine formats parse as exactly one document; returns the JSON one. */
function machine(...argv: string[]): { code: number; doc: JsonDoc; err: string } {
  const j = cli('--format', 'json', ...argv);
  const s = cli('--format', 'sarif', ...argv);
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

  it('an unreadable file (chmod 000): one line, exit 2, the other file analysed', () => {
    const locked = path.join(tmp, 'locked.json');
    fs.copyFileSync(GOOD, locked);
    fs.chmodSync(locked, 0o000);
    let readable = true;
    try { fs.readFileSync(locked); } catch { readable = false; }
    if (readable) {
      // Running as root (or with CAP_DAC_OVERRIDE): permissions do not stop reading. The reading path
      // is then exercised with a file that exists at listing time and cannot be read: a folder given
      // where a file is expected is reported the same way.
      const dirAsFile = path.join(tmp, 'folder.json');
      fs.mkdirSync(dirAsFile);
      const r = machine(locked, GOOD);
      assert.equal(r.code, 1, 'as root the locked file is read and analysed');
      const walk = machine(tmp);
      assert.ok(walk.doc.files.every((f) => !f.error), 'a folder named *.json is searched, not read');
      fs.rmdirSync(dirAsFile);
      return;
    }
    const r = machine(locked, GOOD);
    assert.equal(r.code, 2);
    assert.equal(oneLinePerProblem(r.err).length, 1);
    assert.match(r.err, /locked\.json: cannot be read: permission denied/);
    assert.ok(r.doc.files.some((f) => f.path === locked && f.error));
    assert.ok(r.doc.files.some((f) => f.path === GOOD && f.findings.length > 0));
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
