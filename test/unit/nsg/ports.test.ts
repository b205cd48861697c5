import { test } from 'node:test';
import assert from 'node:assert/strict';
import { coversAllPorts, formatPortRange, parsePortSpec, parsePortSpecs, portInRanges } from '../../../server/src/core/nsg/ports';

test('parsePortSpec: valid', () => {
  const table: [string, string[]][] = [
    ['*', ['*']],
    ['443', ['443']],
    ['0', ['0']],
    ['65535', ['65535']],
    ['6381-6383', ['6381-6383']],
    ['0-65535', ['*']],
    ['80,443', ['80', '443']],
    ['25, 587 ,25028', ['25', '587', '25028']],
    ['100-100', ['100']],
  ];
  for (const [spec, expected] of table) {
    const r = parsePortSpec(spec);
    assert.ok(r.ok, spec);
    if (r.ok) assert.deepEqual(r.ranges.map(formatPortRange), expected, spec);
  }
});

test('parsePortSpec: invalid', () => {
  for (const spec of ['65536', '-1', '10-5', 'http', '', '80,', '1-2-3', '70000-70001', '1.5', '*-80']) {
    const r = parsePortSpec(spec);
    assert.equal(r.ok, false, spec);
  }
});

test('containment', () => {
  const r = parsePortSpecs(['5671-5672', '443']);
  assert.ok(r.ok);
  if (!r.ok) return;
  const table: [number, boolean][] = [[5671, true], [5672, true], [5673, false], [443, true], [80, false]];
  for (const [p, inside] of table) assert.equal(portInRanges(p, r.ranges), inside, String(p));
  assert.equal(parsePortSpecs(['1', 'x']).ok, false);
});

test('coversAllPorts', () => {
  const f = (specs: string[]): boolean => {
    const r = parsePortSpecs(specs);
    assert.ok(r.ok);
    return r.ok && coversAllPorts(r.ranges);
  };
  assert.ok(f(['*']));
  assert.ok(f(['0-65535']));
  assert.ok(f(['0-1000', '1001-65535']));
  assert.ok(f(['500-65535', '0-600']));
  assert.ok(!f(['1-65535']));
  assert.ok(!f(['0-1000', '1002-65535']));
  assert.ok(!f(['443']));
});
