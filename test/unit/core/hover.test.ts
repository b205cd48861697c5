import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyzeText, getHover } from '../../../server/src/core/index';
import { injected, requiredRules, rule } from '../../helpers/templates';
import { locate, render } from '../../helpers/ruleTester';

function hoverAt(template: object, format: 'json' | 'yaml', value: string | number, occurrence = 1) {
  const text = render(template, format);
  const r = analyzeText(text, { format });
  const offset = locate(text, value, occurrence) + 1;
  return { h: getHover(r, offset), text, offset };
}

for (const format of ['json', 'yaml'] as const) {
  describe(`hover (${format})`, () => {
    it('on a service tag: what it covers and which APIM flows need it', () => {
      const { h } = hoverAt(injected(), format, 'ApiManagement');
      assert.ok(h);
      assert.match(h.markdown, /Service tag `ApiManagement`/);
      assert.match(h.markdown, /inbound TCP 3443 from ApiManagement/);
      assert.match(h.markdown, /\*\*required\*\*/);
    });

    it('on a port: which flow it serves, required or optional, in which mode', () => {
      const { h } = hoverAt(injected(), format, '6390');
      assert.ok(h);
      assert.match(h.markdown, /6390 from AzureLoadBalancer/);
      assert.match(h.markdown, /required/);
    });

    it('on the cache sync range 6381-6383: one line per direction, optional (F-PORT-TABLE P12)', () => {
      const t = injected({ rules: [...requiredRules(), rule({ name: 'AllowCacheSync', priority: 300, direction: 'Inbound', source: 'VirtualNetwork', destination: 'VirtualNetwork', port: '6381-6383' })] });
      const { h } = hoverAt(t, format, '6381-6383');
      assert.ok(h);
      assert.match(h.markdown, /- inbound TCP 6381-6383 from VirtualNetwork: internal cache sync between units \(optional\) — \*\*optional\*\*.*F-PORT-TABLE P12/);
      assert.match(h.markdown, /- outbound TCP 6381-6383 to VirtualNetwork/);
      assert.equal(h.markdown.split('\n').filter((l) => l.startsWith('- ')).length, 2);
    });

    it('on sku.name: the networking models of the tier', () => {
      const { h } = hoverAt(injected(), format, 'Premium');
      assert.ok(h);
      assert.match(h.markdown, /API Management tier Premium/);
      assert.match(h.markdown, /VNet injection, External\/Internal \(classic\) \| ✔/);
      assert.match(h.markdown, /Inbound private endpoint \| ✔/);
    });

    it('on virtualNetworkType', () => {
      const { h } = hoverAt(injected({ mode: 'Internal' }), format, 'Internal');
      assert.ok(h);
      assert.match(h.markdown, /internal load balancer/);
    });

    it('on a subnet prefix: the address budget', () => {
      const { h } = hoverAt(injected({ mode: 'Internal', apim: { capacity: 2 } }), format, '10.0.1.0/27');
      assert.ok(h);
      assert.match(h.markdown, /\/27: 32 addresses, 5 reserved, 5 used by Premium × 2 Internal, 22 free/);
    });

    it('on an NSG rule name: the required flows it decides', () => {
      const { h } = hoverAt(injected({ rules: [...requiredRules(), rule({ name: 'DenyAllOut', priority: 4000, direction: 'Outbound', access: 'Deny' })] }), format, 'DenyAllOut');
      assert.ok(h);
      assert.match(h.markdown, /NSG rule `DenyAllOut`\*\* \(priority 4000\)/);
      assert.match(h.markdown, /outbound TCP 5671 to EventHub/);
    });

    it('nothing on unrelated nodes', () => {
      const { h } = hoverAt(injected(), format, 'Contoso');
      assert.equal(h, undefined);
    });
  });
}
