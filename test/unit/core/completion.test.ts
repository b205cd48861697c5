import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyzeText, getCompletions } from '../../../server/src/core/index';
import { injected } from '../../helpers/templates';
import { render } from '../../helpers/ruleTester';

/** Completion with the cursor at `|` (removed from the text). */
function complete(textWithCursor: string, format: 'json' | 'yaml') {
  const offset = textWithCursor.indexOf('|');
  const text = textWithCursor.slice(0, offset) + textWithCursor.slice(offset + 1);
  return getCompletions(analyzeText(text, { format }), text, offset);
}

const json = render(injected(), 'json');
const yaml = render(injected(), 'yaml');

describe('completion', () => {
  it('service tags (with regional forms for the instance region) in an address prefix', () => {
    const c = complete(json.replace('"destinationAddressPrefix": "Storage"', '"destinationAddressPrefix": "Sto|"'), 'json');
    assert.ok(c);
    const labels = c.items.map((i) => i.label);
    assert.ok(labels.includes('Storage') && labels.includes('Storage.WestEurope') && labels.includes('ApiManagement'));
    assert.equal(c.inString, true);
    assert.equal(c.replace.length, 3);
  });

  it('protocol, access, direction values', () => {
    assert.deepEqual(complete(json.replace('"protocol": "Tcp"', '"protocol": "|"'), 'json')?.items.map((i) => i.label), ['Tcp', 'Udp', 'Icmp', 'Esp', 'Ah', '*']);
    assert.deepEqual(complete(json.replace('"access": "Allow"', '"access": |'), 'json')?.items.map((i) => i.label), ['Allow', 'Deny']);
    assert.equal(complete(json.replace('"access": "Allow"', '"access": |'), 'json')?.inString, false);
    assert.deepEqual(complete(yaml.replace('direction: Inbound', 'direction: |'), 'yaml')?.items.map((i) => i.label), ['Inbound', 'Outbound']);
  });

  it('sku.name tiers of API Management and virtualNetworkType values', () => {
    const c = complete(json.replace('"name": "Premium"', '"name": "P|"'), 'json');
    assert.ok(c?.items.some((i) => i.label === 'PremiumV2'));
    assert.deepEqual(complete(yaml.replace('virtualNetworkType: External', 'virtualNetworkType: |'), 'yaml')?.items.map((i) => i.label), ['None', 'External', 'Internal']);
  });

  it('a free priority for a rule', () => {
    const c = complete(json.replace('"priority": 150', '"priority": |'), 'json');
    assert.ok(c);
    const p = Number(c.items[0]!.label);
    assert.ok(p >= 100 && p <= 4096 && p !== 100 && p !== 110 && p !== 120 && p !== 130 && p !== 140);
  });

  it('nothing elsewhere', () => {
    assert.equal(complete(json.replace('"publisherName": "Contoso"', '"publisherName": "Con|"'), 'json'), undefined);
  });
});
