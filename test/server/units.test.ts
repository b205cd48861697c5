/** Pure pieces of the glue: settings validation, parameter-file pairing, cancellation, the analysis cache. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { CancellationTokenSource, LSPErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { AnalysisCache } from '../../server/src/analysisCache';
import { DiskTexts, watchedJsonFile } from '../../server/src/node/diskTexts';
import { combineFixes, fixAll, minimalEdit } from '../../server/src/fixAll';
import { parameterFileFor } from '../../server/src/parameterFiles';
import { globToRegExp } from '../../server/src/core/index';
import { runSafe } from '../../server/src/runSafe';
import { parseSettings, toLevels } from '../../server/src/settings';
import type { Finding } from '../../server/src/core/rules/finding';
import { fixesPending, withLazyFixes } from '../../server/src/core/fixes/lazyFixes';
import { toDiagnostic } from '../../server/src/handlers/diagnostics';
import { TextDocument } from 'vscode-languageserver-textdocument';

describe('settings', () => {
  it('keeps valid values and ignores wrong-typed ones with a warning each', () => {
    const warnings: string[] = [];
    const s = parseSettings(
      { enable: 'no', rules: { a: 'off', b: 'loud', c: 'info' }, parameterFiles: { 'x/*.json': 'p.json', y: 3 }, maxFileSize: '1' },
      (w) => warnings.push(w),
    );
    assert.deepEqual(s, { enable: true, rules: { a: 'off', c: 'info' }, parameterFiles: { 'x/*.json': 'p.json' } });
    assert.equal(warnings.length, 4, warnings.join('\n'));
    assert.deepEqual(toLevels(s.rules), { a: 'off', c: 'information' });
  });
  it('apimNetwork.resourceGroupLocation: a location name, kept as written; anything else is ignored with a warning', () => {
    assert.deepEqual(parseSettings({ resourceGroupLocation: 'West Europe' }, () => assert.fail()).resourceGroupLocation, 'West Europe');
    for (const unset of [null, '']) assert.equal(parseSettings({ resourceGroupLocation: unset }, () => assert.fail()).resourceGroupLocation, undefined);
    for (const bad of [42, ['westeurope'], '  ']) {
      const warnings: string[] = [];
      assert.equal(parseSettings({ resourceGroupLocation: bad }, (w) => warnings.push(w)).resourceGroupLocation, undefined);
      assert.equal(warnings.length, 1);
      assert.match(warnings[0]!, /^apimNetwork\.resourceGroupLocation: expected a location name/);
    }
  });
  it('treats a missing section as defaults', () => {
    assert.deepEqual(parseSettings(undefined, () => assert.fail()), { enable: true, rules: {}, parameterFiles: {} });
  });
});

describe('parameter file pairing', () => {
  const folders = ['file:///ws'];
  it('defaults to <base>.parameters.json beside the template', () => {
    assert.equal(parameterFileFor('file:///ws/infra/apim.json', {}, folders), 'file:///ws/infra/apim.parameters.json');
    assert.equal(parameterFileFor('file:///ws/apim.yaml', {}, folders), 'file:///ws/apim.parameters.json');
  });
  it('uses the first matching apimNetwork.parameterFiles entry, relative to the folder', () => {
    assert.equal(
      parameterFileFor('file:///ws/infra/apim.json', { './infra/apim.json': 'env/dev.parameters.json' }, folders),
      'file:///ws/env/dev.parameters.json',
    );
    assert.equal(parameterFileFor('file:///ws/a/b/c.json', { '**/c.json': 'p.json' }, folders), 'file:///ws/p.json');
  });
  it('pairs nothing with parameter files or untitled documents', () => {
    assert.equal(parameterFileFor('file:///ws/apim.parameters.json', {}, folders), undefined);
    assert.equal(parameterFileFor('untitled:Untitled-1', {}, folders), undefined);
  });
  it('globs', () => {
    assert.ok(globToRegExp('**/*.json').test('a/b/c.json'));
    assert.ok(globToRegExp('**/*.json').test('c.json'));
    assert.ok(!globToRegExp('*.json').test('a/c.json'));
    assert.ok(globToRegExp('infra/{a,b}.json').test('infra/b.json'));
  });
});

describe('runSafe', () => {
  it('refuses a cancelled request with RequestCancelled', async () => {
    const source = new CancellationTokenSource();
    source.cancel();
    await assert.rejects(
      runSafe(() => {}, 'x', source.token, 0, async () => 1),
      (e: unknown) => e instanceof ResponseError && e.code === LSPErrorCodes.RequestCancelled,
    );
  });
  it('turns an exception into the fallback and one log line', async () => {
    const logs: string[] = [];
    const v = await runSafe((m) => logs.push(m), 'x', new CancellationTokenSource().token, 'fallback', async () => {
      throw new Error('boom');
    });
    assert.equal(v, 'fallback');
    assert.equal(logs.length, 1);
  });
});

describe('AnalysisCache', () => {
  it('computes once per version; a new version supersedes; invalidate forces a recompute', async () => {
    let n = 0;
    const cache = new AnalysisCache(async (d) => `${d.uri}@${d.version}#${++n}`);
    assert.equal(await cache.get({ uri: 'a', version: 1 }), 'a@1#1');
    assert.equal(await cache.get({ uri: 'a', version: 1 }), 'a@1#1');
    assert.equal(await cache.get({ uri: 'a', version: 2 }), 'a@2#2');
    cache.invalidate('a');
    assert.equal(await cache.get({ uri: 'a', version: 2 }), 'a@2#3');
  });
});

describe('DiskTexts', () => {
  const reader = () => {
    const reads: string[] = [];
    const disk = new Map<string, string>([['/ws/main.parameters.json', 'v1']]);
    const read = async (f: string) => {
      reads.push(f);
      return disk.get(f);
    };
    return { reads, disk, read };
  };

  it('reads a watched file once until it is reported changed (absence included)', async () => {
    const { reads, disk, read } = reader();
    const texts = new DiskTexts(read, (f) => f.startsWith('/ws/'));
    texts.watching = true;
    assert.equal(await texts.get('/ws/main.parameters.json'), 'v1');
    disk.set('/ws/main.parameters.json', 'v2');
    assert.equal(await texts.get('/ws/./main.parameters.json'), 'v1', 'the same file, spelt another way');
    assert.equal(await texts.get('/ws/other.parameters.json'), undefined);
    assert.equal(await texts.get('/ws/other.parameters.json'), undefined);
    assert.deepEqual(reads, ['/ws/main.parameters.json', '/ws/other.parameters.json']);
    texts.forget('/ws/main.parameters.json');
    disk.set('/ws/other.parameters.json', 'created');
    texts.forget('/ws/other.parameters.json');
    assert.equal(await texts.get('/ws/main.parameters.json'), 'v2');
    assert.equal(await texts.get('/ws/other.parameters.json'), 'created');
    disk.set('/ws/main.parameters.json', 'v3');
    texts.clear();
    assert.equal(await texts.get('/ws/main.parameters.json'), 'v3');
  });

  it('forgets a file reported with other letter case (case-insensitive file systems)', async () => {
    const { reads, disk, read } = reader();
    const texts = new DiskTexts(read, () => true);
    texts.watching = true;
    assert.equal(await texts.get('/ws/main.parameters.json'), 'v1');
    disk.set('/ws/main.parameters.json', 'v2');
    texts.forget('/WS/Main.Parameters.json');
    assert.equal(await texts.get('/ws/main.parameters.json'), 'v2');
    assert.equal(reads.length, 2);
  });

  it('reads every time before the watchers are accepted, and for files no watcher covers', async () => {
    const { reads, read } = reader();
    const texts = new DiskTexts(read, (f) => f.startsWith('/ws/'));
    await texts.get('/ws/main.parameters.json');
    await texts.get('/ws/main.parameters.json');
    texts.watching = true;
    await texts.get('/elsewhere/p.json');
    await texts.get('/elsewhere/p.json');
    assert.equal(reads.length, 4);
  });

  it('watchedJsonFile: .json/.jsonc inside a workspace folder, not under node_modules or .git', () => {
    const folders = ['file:///ws', 'file:///other'];
    assert.equal(watchedJsonFile('/ws/main.parameters.json', folders), true);
    assert.equal(watchedJsonFile('/other/env/prod.PARAMETERS.JSONC', folders), true);
    assert.equal(watchedJsonFile('/ws/params.yaml', folders), false, 'no watcher for YAML');
    assert.equal(watchedJsonFile('/wsx/main.parameters.json', folders), false, 'a sibling folder with the same prefix');
    assert.equal(watchedJsonFile('/tmp/main.parameters.json', folders), false);
    assert.equal(watchedJsonFile('/ws/node_modules/pkg/main.parameters.json', folders), false);
    assert.equal(watchedJsonFile('/ws/.git/main.parameters.json', folders), false);
    assert.equal(watchedJsonFile('/ws/main.parameters.json', []), false);
  });
});

describe('fixAll', () => {
  it('minimalEdit replaces only what differs', () => {
    assert.deepEqual(minimalEdit('abcXYZdef', 'abc12def'), { offset: 3, length: 3, newText: '12' });
    assert.deepEqual(minimalEdit('aaa', 'aaaa'), { offset: 3, length: 0, newText: 'a' });
  });
  // A toy "engine": every 'x' is a finding whose fix appends '!' at the end of the text (the same insertion
  // point for all of them, so one pass can take only one).
  const findings = (text: string): Finding[] =>
    [...text.matchAll(/x(?!\?)/g)].map((m) => ({
      ruleId: 'r',
      messageId: 'm',
      severity: 'error' as const,
      message: 'm',
      range: { offset: m.index!, length: 1 },
      fixes: [{ title: 'Mark it', edits: [{ offset: m.index! + 1, length: 0, newText: '?' }] }],
    }));
  it('re-analyses between passes until nothing fixable is left', () => {
    const edit = fixAll('x x x', findings('x x x'), findings);
    assert.ok(edit);
    assert.equal(`x x x`.slice(0, edit.offset) + edit.newText + 'x x x'.slice(edit.offset + edit.length), 'x? x? x?');
  });
  it('stops when a pass does not reduce the findings (a fix that does not fix)', () => {
    let calls = 0;
    const stubborn = (text: string) => {
      calls++;
      return findings(text.replace(/\?/g, ''));
    };
    fixAll('x', findings('x'), stubborn);
    assert.equal(calls, 1);
  });
});

describe('combineFixes', () => {
  const f = (offset: number, edits: [number, number, string][]): Finding => ({
    ruleId: 'r',
    messageId: 'm',
    severity: 'error',
    message: 'm',
    range: { offset, length: 1 },
    fixes: [{ title: 'Fix it', edits: edits.map(([o, l, t]) => ({ offset: o, length: l, newText: t })) }],
  });
  it('keeps non-overlapping fixes and drops those touching an edit already taken', () => {
    const edits = combineFixes([f(30, [[30, 2, 'b']]), f(0, [[0, 5, 'a']]), f(3, [[4, 2, 'c']])]);
    assert.deepEqual(edits.map((e) => e.newText), ['a', 'b']);
  });
});

describe('diagnostics and lazy fixes', () => {
  it('turning findings into diagnostics leaves their fixes uncomputed (the editor asks for them per cursor)', () => {
    let calls = 0;
    const f = withLazyFixes<Finding>(
      { ruleId: 'nsg-required-port', messageId: 'blocked', severity: 'error', message: 'm', range: { offset: 0, length: 1 }, related: [{ range: { offset: 0, length: 1 }, message: 'r' }] },
      () => (calls++, []),
    );
    const d = toDiagnostic(f, TextDocument.create('file:///t.json', 'json', 1, '{}'), true);
    JSON.stringify(d);
    assert.equal(d.code, 'nsg-required-port');
    assert.ok(fixesPending(f));
    assert.equal(calls, 0);
  });
});
