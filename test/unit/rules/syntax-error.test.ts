import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyzeText } from '../../../server/src/core/index';
import { ruleTester } from '../../helpers/ruleTester';
import { apim, injected, template } from '../../helpers/templates';
import { assertAt, findingsOf } from '../../helpers/templates-part2';

const SCHEMA_LINE = '"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"';
const APIM_START = '{ "type": "Microsoft.ApiManagement/service", "apiVersion": "2023-05-01-preview", "name": "apim-contoso", "location": "westeurope", "sku": { "name": "Premium", "capacity": 1 }, ';

// Well-formed documents: no syntax-error (the rule tester also checks every other rule's cases for this).
ruleTester('syntax-error', {
  valid: [
    { name: 'a plain template', template: injected() },
    { name: 'no networking at all', template: template([apim({ type: 'None' })]) },
    {
      name: 'JSONC: comments and trailing commas are accepted, as ARM accepts them',
      template: `{
  // line comment
  ${SCHEMA_LINE},
  "contentVersion": "1.0.0.0", /* block comment */
  "resources": [
    ${APIM_START}"properties": { "publisherEmail": "a@b.c", "publisherName": "c", }, },
  ],
}
`,
    },
    {
      name: 'JSON with a byte-order mark',
      template: `\uFEFF{ ${SCHEMA_LINE}, "contentVersion": "1.0.0.0", "resources": [ ${APIM_START}"properties": {} } ] }\n`,
    },
    {
      name: 'YAML: comments, flow collections, block scalars, anchors',
      format: 'yaml',
      template: `# an ARM template in YAML
$schema: https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#
contentVersion: 1.0.0.0
resources:
  - type: Microsoft.ApiManagement/service
    apiVersion: '2023-05-01-preview'
    name: apim-contoso
    location: &loc westeurope
    sku: {name: Premium, capacity: 1}
    tags: {region: *loc}
    properties:
      publisherEmail: a@b.c
      publisherName: >-
        Contoso
        Ltd
`,
    },
  ],
  invalid: [],
});

describe('syntax-error (malformed documents)', () => {
  it('JSON: a missing comma is reported where the next property starts, and the rest is still analysed', () => {
    const text = `{
  ${SCHEMA_LINE},
  "contentVersion": "1.0.0.0",
  "resources": [
    ${APIM_START}"properties": { "virtualNetworkType": "None" "publicNetworkAccess": "Disabled" } }
  ]
}
`;
    const { result, mine } = findingsOf('syntax-error', text, 'json');
    assert.ok(result.isTemplate);
    assert.equal(mine.length, 1);
    assert.equal(mine[0]!.messageId, 'syntax');
    assert.equal(mine[0]!.severity, 'error');
    assert.match(mine[0]!.message, /comma expected/);
    assertAt(result, mine[0]!, 5, text.split('\n')[4]!.indexOf('"publicNetworkAccess"') + 1);
    // The property after the error still parsed: public-network-access sees Disabled.
    assert.deepEqual(result.findings.filter((f) => f.ruleId === 'public-network-access').map((f) => f.messageId), ['noEndpoint']);
  });

  it('JSON: an unclosed document is reported at its end, and what parsed is analysed', () => {
    const text = `{
  ${SCHEMA_LINE},
  "contentVersion": "1.0.0.0",
  "resources": [
    ${APIM_START}"properties": { "virtualNetworkType": "External", "publicNetworkAccess": "Disabled" } }
  ]
`;
    const { result, mine } = findingsOf('syntax-error', text, 'json');
    assert.equal(mine.length, 1);
    assert.match(mine[0]!.message, /close brace expected/);
    assertAt(result, mine[0]!, 7, 1);
    assert.deepEqual(result.findings.filter((f) => f.ruleId === 'public-network-access').map((f) => f.messageId), ['withInjection']);
  });

  it('JSON: a stray token after a value', () => {
    const text = `{
  ${SCHEMA_LINE},
  "contentVersion": "1.0.0.0",
  "resources": [ ${APIM_START}"properties": {} } ],
  "outputs": {} }
}
`;
    const { result, mine } = findingsOf('syntax-error', text, 'json');
    assert.ok(mine.length >= 1, 'at least one syntax error');
    assertAt(result, mine[0]!, 6, 1);
  });

  it('YAML: an unclosed flow sequence; the mapping before it is analysed', () => {
    const text = `$schema: https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#
contentVersion: 1.0.0.0
resources:
  - type: Microsoft.ApiManagement/service
    apiVersion: '2023-05-01-preview'
    name: apim-contoso
    location: westeurope
    sku: {name: Premium, capacity: 1}
    properties:
      virtualNetworkType: External
      publicNetworkAccess: Disabled
      zones: [1, 2
`;
    const { result, mine } = findingsOf('syntax-error', text, 'yaml');
    assert.ok(result.isTemplate);
    assert.equal(mine.length, 1);
    assert.match(mine[0]!.message, /^YAML syntax error: /);
    assert.equal(mine[0]!.severity, 'error');
    assertAt(result, mine[0]!, 13, 1);
    assert.deepEqual(result.findings.filter((f) => f.ruleId === 'public-network-access').map((f) => f.messageId), ['withInjection']);
  });

  it('YAML: a badly indented key is reported on its line', () => {
    const text = `$schema: https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#
contentVersion: 1.0.0.0
resources:
  - type: Microsoft.ApiManagement/service
    name: apim-contoso
   properties: {}
`;
    const { result, mine } = findingsOf('syntax-error', text, 'yaml');
    assert.equal(mine.length, 1);
    assertAt(result, mine[0]!, 6);
  });

  it("a syntax error can be turned off with { 'syntax-error': 'off' }", () => {
    const text = `{ ${SCHEMA_LINE}, "contentVersion": "1.0.0.0", "resources": [ ${APIM_START}"properties": {} } ]\n`;
    assert.equal(analyzeText(text, { format: 'json' }).findings.filter((f) => f.ruleId === 'syntax-error').length, 1);
    assert.equal(analyzeText(text, { format: 'json', levels: { 'syntax-error': 'off' } }).findings.filter((f) => f.ruleId === 'syntax-error').length, 0);
  });

  it('a document that is not an ARM template gets no syntax error', () => {
    const r = analyzeText('{ "name": "package", "version": 1, ', { format: 'json' });
    assert.equal(r.isTemplate, false);
    assert.deepEqual(r.findings, []);
  });
});
