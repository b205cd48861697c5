import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyzeText } from '../../../server/src/core/index';
import { apim, nsg, requiredRules, template, vnet, type Obj } from '../../helpers/templates';

/** An instance in `[resourceGroup().location]` injected into a VNet in `vnetLocation`. */
const rgTemplate = (vnetLocation: string, rules: Obj[] = requiredRules()): string =>
  JSON.stringify(
    template([
      nsg('apim-nsg', rules, vnetLocation),
      vnet('vnet', '10.0.0.0/16', [{ name: 'apim', prefix: '10.0.1.0/27', nsg: 'apim-nsg' }], vnetLocation),
      apim({ location: '[resourceGroup().location]' }),
    ]),
    null,
    2,
  );

const ids = (text: string, resourceGroupLocation?: string, rule?: string): string[] =>
  analyzeText(text, { uri: 'main.json', ...(resourceGroupLocation !== undefined ? { resourceGroupLocation } : {}) })
    .findings.filter((f) => rule === undefined || f.ruleId === rule)
    .map((f) => f.ruleId);

describe('AnalyzeOptions.resourceGroupLocation', () => {
  it('without it, resourceGroup().location is unknown: no location-mismatch', () => {
    assert.deepEqual(ids(rgTemplate('eastus'), undefined, 'location-mismatch'), []);
  });

  it('given, resourceGroup().location is that location: a VNet in another region is reported', () => {
    assert.deepEqual(ids(rgTemplate('eastus'), 'westeurope', 'location-mismatch'), ['location-mismatch']);
    assert.deepEqual(ids(rgTemplate('eastus'), 'West Europe', 'location-mismatch'), ['location-mismatch']);
  });

  it('given and equal to the VNet region (in either spelling): no finding', () => {
    assert.deepEqual(ids(rgTemplate('westeurope'), 'West Europe', 'location-mismatch'), []);
    assert.deepEqual(ids(rgTemplate('West Europe'), 'westeurope', 'location-mismatch'), []);
  });

  it('an empty location is not a location', () => {
    assert.deepEqual(ids(rgTemplate('eastus'), '', 'location-mismatch'), []);
    assert.deepEqual(ids(rgTemplate('eastus'), '  ', 'location-mismatch'), []);
  });

  it('regional service tags are judged against the given location', () => {
    const rules = requiredRules().map((r) => {
      const o = r as { name: string; properties: Record<string, unknown> };
      return o.name === 'AllowStorageOutbound' ? { ...o, properties: { ...o.properties, destinationAddressPrefix: 'Storage.WestEurope' } } : o;
    });
    const text = rgTemplate('westeurope', rules);
    const storage = (loc?: string) =>
      analyzeText(text, { uri: 'main.json', ...(loc ? { resourceGroupLocation: loc } : {}) }).findings.filter(
        (f) => f.ruleId === 'nsg-required-port' && /to Storage\b/.test(f.message),
      ).length;
    assert.equal(storage(), 1, 'unknown region: Storage.WestEurope is not known to serve the instance');
    assert.equal(storage('westeurope'), 0, 'Storage.WestEurope serves an instance in West Europe');
    assert.equal(storage('northeurope'), 1, 'Storage.WestEurope does not serve an instance in North Europe');
  });

  it('does not apply inside an inner-scope deployment to another resource group', () => {
    const inner = (extra: Obj): string =>
      JSON.stringify(
        template([
          {
            type: 'Microsoft.Resources/deployments',
            apiVersion: '2022-09-01',
            name: 'net',
            ...extra,
            properties: {
              mode: 'Incremental',
              expressionEvaluationOptions: { scope: 'inner' },
              template: template([
                nsg('apim-nsg', requiredRules(), 'eastus'),
                vnet('vnet', '10.0.0.0/16', [{ name: 'apim', prefix: '10.0.1.0/27', nsg: 'apim-nsg' }], 'eastus'),
                apim({ location: '[resourceGroup().location]' }),
              ]),
            },
          },
        ]),
      );
    assert.deepEqual(ids(inner({}), 'westeurope', 'location-mismatch'), ['location-mismatch'], 'same resource group: the location applies');
    assert.deepEqual(ids(inner({ resourceGroup: 'other-rg' }), 'westeurope', 'location-mismatch'), [], 'another resource group: unknown');
    assert.deepEqual(ids(inner({ subscriptionId: '00000000-0000-0000-0000-000000000001' }), 'westeurope', 'location-mismatch'), []);
  });
});
