import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyzeText, applyEdits } from '../../../server/src/core/index';

/** config-invalid is reported on apim-network.json itself (see test/unit/cli/config.test.ts for discovery). */
describe('config-invalid', () => {
  const analyze = (text: string) => analyzeText(text, { uri: 'file:///repo/apim-network.json' });

  it('valid: a correct file has no finding', () => {
    const r = analyze('{ "rules": { "nsg-required-port": "warning" }, "ignore": ["out/**"], "maxFileSize": 100000 }');
    assert.equal(r.kind, 'config');
    assert.deepEqual(r.findings, []);
  });

  it('invalid: an unknown rule id at its key, with a fix to the closest id that removes the finding', () => {
    const text = '{\n  "rules": { "nsg-requred-port": "off" }\n}\n';
    const r = analyze(text);
    assert.deepEqual(r.findings.map((f) => [f.ruleId, f.messageId, f.severity]), [['config-invalid', 'unknownRule', 'error']]);
    const f = r.findings[0]!;
    assert.deepEqual(r.lines.positionAt(f.range.offset), { line: 1, character: 13 });
    const fixed = applyEdits(text, f.fixes![0]!.edits);
    assert.deepEqual(analyze(fixed).findings, []);
  });

  it('invalid: syntax, bad level, bad type, unknown key (warning)', () => {
    const r = analyze('{ "rules": { "nsg-missing": "loud" }, "ignore": "x", "colour": 1, }');
    assert.deepEqual(r.findings.map((f) => f.messageId).sort(), ['badLevel', 'badType', 'unknownKey']);
    assert.equal(r.findings.find((f) => f.messageId === 'unknownKey')!.severity, 'warning');
    assert.ok(analyze('{ "rules": ').findings.some((f) => f.messageId === 'syntax'));
  });
});
