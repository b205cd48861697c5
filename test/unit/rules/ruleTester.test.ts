import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyze, checkFix, render } from '../../helpers/ruleTester';
import { injected, requiredRules } from '../../helpers/templates';

/** The rule tester's own check of fixes: any new finding, of any severity, fails a fix. */
describe('rule tester: checkFix', () => {
  const name = (r: object) => (r as { name: string }).name;
  const c = { name: 'no 3443', template: injected({ rules: requiredRules().filter((r) => name(r) !== 'AllowApiManagementInbound') }) };
  const text = render(c.template, 'json');
  const before = analyze(text, 'json');
  const finding = before.findings.find((f) => f.ruleId === 'nsg-required-port' && f.messageId === 'blocked')!;
  const allow3443 = '{ "name": "AllowMgmt", "properties": { "protocol": "Tcp", "sourcePortRange": "*", "destinationPortRange": "3443", "sourceAddressPrefix": "ApiManagement", "destinationAddressPrefix": "VirtualNetwork", "access": "Allow", "priority": 300, "direction": "Inbound" } }';
  const denyVnet = '{ "name": "DenyVnetIn", "properties": { "protocol": "*", "sourcePortRange": "*", "destinationPortRange": "*", "sourceAddressPrefix": "VirtualNetwork", "destinationAddressPrefix": "*", "access": "Deny", "priority": 4000, "direction": "Inbound" } }';
  const at = text.indexOf('"securityRules": [') + '"securityRules": ['.length;

  it('accepts a fix that removes the finding and brings nothing', () => {
    checkFix(text, 'json', c, before, finding, { title: 'Add the rule', edits: [{ offset: at, length: 0, newText: `${allow3443},` }] });
  });

  it('rejects a fix that brings an information finding (optional flows blocked)', () => {
    assert.throws(
      () => checkFix(text, 'json', c, before, finding, { title: 'Add the rule and a Deny', edits: [{ offset: at, length: 0, newText: `${allow3443}, ${denyVnet},` }] }),
      /introduced new findings[^]*information nsg-required-port\/optionalBlocked/,
    );
  });
});
