import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseResourceId, resourceKey } from '../../../server/src/core/arm/resourceId';
import { js, why, ev } from './helpers';

const SUB = '00000000-0000-0000-0000-000000000000';

test('resourceId forms', () => {
  assert.equal(js("resourceId('Microsoft.Network/virtualNetworks', 'vnet')"), `/subscriptions/${SUB}/resourceGroups/resourceGroup/providers/Microsoft.Network/virtualNetworks/vnet`);
  assert.equal(
    js("resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', 'sn')"),
    `/subscriptions/${SUB}/resourceGroups/resourceGroup/providers/Microsoft.Network/virtualNetworks/vnet/subnets/sn`,
  );
  assert.equal(js("resourceId('otherRg', 'Microsoft.Network/virtualNetworks', 'vnet')"), `/subscriptions/${SUB}/resourceGroups/otherRg/providers/Microsoft.Network/virtualNetworks/vnet`);
  assert.equal(js("resourceId('sub2', 'rg2', 'Microsoft.Network/virtualNetworks', 'vnet')"), '/subscriptions/sub2/resourceGroups/rg2/providers/Microsoft.Network/virtualNetworks/vnet');
  assert.equal(
    js("resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet/sn')"),
    `/subscriptions/${SUB}/resourceGroups/resourceGroup/providers/Microsoft.Network/virtualNetworks/vnet/subnets/sn`,
  );
  assert.equal(
    js("resourceId('Microsoft.Network/virtualNetworks', 'vnet')", {}, { deployment: { subscriptionId: 's', resourceGroupName: 'g' } }),
    '/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/virtualNetworks/vnet',
  );
  assert.match(why(ev("resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet')")), /needs 2 name/);
  assert.match(why(ev("resourceId(parameters('rg'), 'Microsoft.Network/virtualNetworks', 'v')", { parameters: { rg: { type: 'string' } } })), /has no value/);
});

test('resourceId in a subscription-level template and the other id functions', () => {
  const schema = 'https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#';
  assert.equal(js("resourceId('Microsoft.Resources/resourceGroups', 'rg')", { schema }), `/subscriptions/${SUB}/providers/Microsoft.Resources/resourceGroups/rg`);
  assert.equal(js("subscriptionResourceId('Microsoft.Resources/resourceGroups', 'rg')"), `/subscriptions/${SUB}/providers/Microsoft.Resources/resourceGroups/rg`);
  assert.equal(js("subscriptionResourceId('s2', 'Microsoft.Resources/resourceGroups', 'rg')"), '/subscriptions/s2/providers/Microsoft.Resources/resourceGroups/rg');
  assert.equal(js("tenantResourceId('Microsoft.Management/managementGroups', 'mg')"), '/providers/Microsoft.Management/managementGroups/mg');
  assert.equal(
    js("extensionResourceId(resourceId('Microsoft.Network/virtualNetworks', 'v'), 'Microsoft.Authorization/locks', 'l')"),
    `/subscriptions/${SUB}/resourceGroups/resourceGroup/providers/Microsoft.Network/virtualNetworks/v/providers/Microsoft.Authorization/locks/l`,
  );
  assert.equal(js("managementGroupResourceId('mg1', 'Microsoft.Authorization/policyDefinitions', 'p')"), '/providers/Microsoft.Management/managementGroups/mg1/providers/Microsoft.Authorization/policyDefinitions/p');
  assert.equal(ev("managementGroupResourceId('Microsoft.Authorization/policyDefinitions', 'p')").t, 'unknown');
});

test('parseResourceId reverses resourceId and reads hand-written ids', () => {
  for (const [type, names] of [
    ['Microsoft.Network/virtualNetworks', ['vnet']],
    ['Microsoft.Network/virtualNetworks/subnets', ['vnet', 'sn']],
    ['Microsoft.Network/networkSecurityGroups/securityRules', ['nsg', 'r1']],
  ] as const) {
    const args = [type, ...names].map((s) => `'${s}'`).join(', ');
    const id = js(`resourceId(${args})`) as string;
    assert.deepEqual(parseResourceId(id), { type, names: [...names] });
    const id2 = js(`resourceId('sub', 'rg', ${args})`) as string;
    assert.deepEqual(parseResourceId(id2), { type, names: [...names] });
  }
  assert.deepEqual(parseResourceId('/subscriptions/x/resourcegroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s/'), {
    type: 'Microsoft.Network/virtualNetworks/subnets',
    names: ['v', 's'],
  });
  // concat(variables('vnetId'), '/subnets/', 'x')
  const id = js("concat(variables('vnetId'), '/subnets/', 'x')", { variables: { vnetId: "[resourceId('Microsoft.Network/virtualNetworks', 'v')]" } }) as string;
  assert.deepEqual(parseResourceId(id), { type: 'Microsoft.Network/virtualNetworks/subnets', names: ['v', 'x'] });
  // extension resources give the last resource
  assert.deepEqual(parseResourceId('/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/virtualNetworks/v/providers/Microsoft.Authorization/locks/l'), {
    type: 'Microsoft.Authorization/locks',
    names: ['l'],
  });
  assert.deepEqual(parseResourceId('/subscriptions/s/resourceGroups/g'), { type: 'Microsoft.Resources/resourceGroups', names: ['g'] });
  assert.deepEqual(parseResourceId('/subscriptions/s'), { type: 'Microsoft.Resources/subscriptions', names: ['s'] });
  assert.deepEqual(parseResourceId('/providers/Microsoft.Management/managementGroups/mg'), { type: 'Microsoft.Management/managementGroups', names: ['mg'] });
  assert.deepEqual(parseResourceId('Microsoft.Network/virtualNetworks/v'), { type: 'Microsoft.Network/virtualNetworks', names: ['v'] });
  for (const bad of ['', '/', 'abc', '/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/virtualNetworks', '/subscriptions//resourceGroups/g', 'a/b', '/subscriptions/s/foo/bar']) {
    assert.equal(parseResourceId(bad), undefined, bad);
  }
});

test('resourceKey is case-insensitive', () => {
  assert.equal(resourceKey('Microsoft.Network/virtualNetworks/subnets', ['VNet', 'SN']), 'microsoft.network/virtualnetworks/subnets|vnet/sn');
  const p = parseResourceId('/subscriptions/s/resourceGroups/g/providers/microsoft.network/VIRTUALNETWORKS/VNet/Subnets/sn')!;
  assert.equal(resourceKey(p.type, p.names), resourceKey('Microsoft.Network/virtualNetworks/subnets', ['vnet', 'SN']));
});
