import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { stringify as toYaml } from 'yaml';
import { analyzeText, ruleById } from '../../../server/src/core/index';
import { ruleTester } from '../../helpers/ruleTester';
import { apim, injected, template, type Obj } from '../../helpers/templates';
import { assertAt, findingsOf, linkedDeployment, nestedDeployment } from '../../helpers/templates-part2';

ruleTester('analysis-skipped', {
  valid: [
    { name: 'a plain template', template: injected() },
    { name: 'an inline nested deployment is followed (outer scope)', template: template([nestedDeployment('inner', [apim({ type: 'None' })])]) },
    { name: 'an inline nested deployment is followed (inner scope)', template: template([nestedDeployment('inner', [apim({ type: 'None' })], 'inner')]) },
    {
      name: 'a linked deployment that is not deployed (condition: false)',
      template: template([{ ...linkedDeployment(), condition: false }]),
    },
  ],
  invalid: [],
});

const LINKED_JSON = `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {
      "type": "Microsoft.Resources/deployments",
      "apiVersion": "2022-09-01",
      "name": "network",
      "properties": {
        "mode": "Incremental",
        "templateLink": { "uri": "https://example.invalid/network.json" }
      }
    },
    { "type": "Microsoft.ApiManagement/service", "apiVersion": "2023-05-01-preview", "name": "apim-contoso", "location": "westeurope", "sku": { "name": "Premium", "capacity": 1 }, "properties": { "publicNetworkAccess": "Disabled" } }
  ]
}
`;

describe('analysis-skipped (findings)', () => {
  it('JSON: a linked template (templateLink) is noted at templateLink; the rest is analysed', () => {
    const { result, mine } = findingsOf('analysis-skipped', LINKED_JSON, 'json');
    assert.equal(mine.length, 1);
    assert.equal(mine[0]!.messageId, 'notFollowed');
    assert.equal(mine[0]!.severity, 'information');
    assert.match(mine[0]!.message, /templateLink/);
    assertAt(result, mine[0]!, 11, 25);
    assert.deepEqual(result.findings.filter((f) => f.ruleId === 'public-network-access').map((f) => f.messageId), ['noEndpoint']);
  });

  it('YAML: a linked template, inside a JSONC-free YAML document with comments', () => {
    const text = `$schema: https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#
contentVersion: 1.0.0.0
resources:
  # the network comes from another file
  - type: Microsoft.Resources/deployments
    apiVersion: '2022-09-01'
    name: network
    properties:
      mode: Incremental
      templateLink:
        uri: https://example.invalid/network.json
`;
    const { result, mine } = findingsOf('analysis-skipped', text, 'yaml');
    assert.equal(mine.length, 1);
    assert.equal(mine[0]!.messageId, 'notFollowed');
    assertAt(result, mine[0]!, 11, 9);
  });

  it('object template in both formats: one note per linked deployment, none for inline ones', () => {
    const t = template([linkedDeployment('a'), nestedDeployment('inline', [apim({ type: 'None' })]), linkedDeployment('b', 'https://example.invalid/b.json')]);
    for (const [format, text] of [['json', JSON.stringify(t, null, 2)], ['yaml', toYaml(t)]] as const) {
      const { mine } = findingsOf('analysis-skipped', text, format);
      assert.deepEqual(mine.map((f) => f.messageId), ['notFollowed', 'notFollowed'], format);
    }
  });

  it('a linked template inside an inline nested deployment is noted too', () => {
    const t = template([nestedDeployment('outer', [linkedDeployment('deep')])]);
    const { mine } = findingsOf('analysis-skipped', JSON.stringify(t, null, 2), 'json');
    assert.deepEqual(mine.map((f) => f.messageId), ['notFollowed']);
  });

  it('nested deployments deeper than 10 levels are noted', () => {
    let resources: Obj[] = [apim({ type: 'None' })];
    for (let i = 12; i >= 1; i--) resources = [nestedDeployment(`level${i}`, resources)];
    const { mine } = findingsOf('analysis-skipped', JSON.stringify(template(resources), null, 2), 'json');
    assert.equal(mine.length, 1);
    assert.equal(mine[0]!.messageId, 'notFollowed');
    assert.match(mine[0]!.message, /deeper than 10 levels/);
  });

  it('a document above maxFileSize is not analysed: one finding at the start', () => {
    const { result, mine } = findingsOf('analysis-skipped', LINKED_JSON, 'json', 200);
    assert.equal(result.isTemplate, true);
    assert.equal(result.findings.length, 1, 'nothing else is reported');
    assert.equal(mine[0]!.messageId, 'tooLarge');
    assert.equal(mine[0]!.severity, 'information');
    assert.equal(mine[0]!.range.offset, 0);
    assert.ok(mine[0]!.message.includes(String(LINKED_JSON.length)) && mine[0]!.message.includes('200'), mine[0]!.message);
    assert.match(mine[0]!.message, /more than maxFileSize \(200\)$/);
    // The caller names where the limit came from (the editor setting, apim-network.json, the default).
    const named = analyzeText(LINKED_JSON, { format: 'json', maxFileSize: 200, maxFileSizeSource: 'apimNetwork.maxFileSize' });
    assert.match(named.findings[0]!.message, /more than apimNetwork\.maxFileSize \(200\)$/);
  });

  it('a YAML document above maxFileSize', () => {
    const text = toYaml(injected());
    const { result, mine } = findingsOf('analysis-skipped', text, 'yaml', 100);
    assert.equal(result.findings.length, 1);
    assert.equal(mine[0]!.messageId, 'tooLarge');
  });

  it('exactly maxFileSize characters is still analysed', () => {
    const { mine } = findingsOf('analysis-skipped', LINKED_JSON, 'json', LINKED_JSON.length);
    assert.deepEqual(mine.map((f) => f.messageId), ['notFollowed']);
  });

  it('a large document that does not look like a template gets nothing', () => {
    const { result } = findingsOf('analysis-skipped', `{ "name": "${'x'.repeat(300)}" }`, 'json', 100);
    assert.equal(result.isTemplate, false);
    assert.deepEqual(result.findings, []);
  });

  it('a rule that throws is reported as internal (a warning) and the other rules still run', () => {
    const rule = ruleById('legacy-platform')! as { check: (ctx: unknown) => void };
    const original = rule.check;
    rule.check = () => { throw new Error('boom'); };
    try {
      const r = analyzeText(LINKED_JSON, { format: 'json' });
      const internal = r.findings.filter((f) => f.ruleId === 'analysis-skipped' && f.messageId === 'internal');
      assert.equal(internal.length, 1);
      assert.equal(internal[0]!.severity, 'warning');
      assert.ok(internal[0]!.message.includes('legacy-platform') && internal[0]!.message.includes('boom'), internal[0]!.message);
      assert.equal(internal[0]!.range.offset, 0);
      assert.ok(r.findings.some((f) => f.ruleId === 'public-network-access'));
    } finally {
      rule.check = original;
    }
  });

  it('the note can be disabled inline (JSONC comment) or by setting', () => {
    const text = LINKED_JSON.replace('        "templateLink"', '        // apim-network-disable-next-line analysis-skipped\n        "templateLink"');
    assert.deepEqual(analyzeText(text, { format: 'json' }).findings.filter((f) => f.ruleId === 'analysis-skipped'), []);
    assert.deepEqual(analyzeText(LINKED_JSON, { format: 'json', levels: { 'analysis-skipped': 'off' } }).findings.filter((f) => f.ruleId === 'analysis-skipped'), []);
  });
});
