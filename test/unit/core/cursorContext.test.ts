import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { cursorContext } from '../../../server/src/core/services/context';
import { parseText } from '../../../server/src/core/text/parse';

const json = '{"resources":[{"type":"Microsoft.Network/networkSecurityGroups","name":"n","properties":{"securityRules":[{"name":"r","properties":{"sourceAddressPrefix":"Storage"}}]}}]}';
const yaml = 'resources:\n  - type: Microsoft.Network/networkSecurityGroups\n    name: n\n    properties:\n      securityRules:\n        - name: r\n          properties:\n            sourceAddressPrefix: Storage\n';

describe('cursorContext: the property and the resource around the cursor', () => {
  for (const [format, text] of [['json', json], ['yaml', yaml]] as const) {
    const root = parseText(text, format).root;
    const at = (needle: string) => cursorContext(root, text.indexOf(needle) + 2);
    it(`${format}: on a value, its property and the property around that`, () => {
      const c = at('Storage');
      assert.deepEqual([c.property, c.parentProperty, c.value?.value, c.resourceType], ['sourceAddressPrefix', 'properties', 'Storage', 'Microsoft.Network/networkSecurityGroups']);
    });
    it(`${format}: on a key, that property and the one around it (not the key's own property twice)`, () => {
      const c = at('sourceAddressPrefix');
      assert.deepEqual([c.property, c.parentProperty, c.value, c.resourceType], ['sourceAddressPrefix', 'properties', undefined, 'Microsoft.Network/networkSecurityGroups']);
      const rules = at('securityRules');
      assert.deepEqual([rules.property, rules.parentProperty], ['securityRules', 'properties']);
    });
  }
});
