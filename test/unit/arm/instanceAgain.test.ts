import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseJson } from '../../../server/src/core/text/parseJson';
import { prop, type SourceNode } from '../../../server/src/core/text/sourceNode';
import { TemplateScope } from '../../../server/src/core/arm/scope';
import { enumerateResources, instanceAgain } from '../../../server/src/core/template/resources';

// A resource inside a conditional parent (its own condition unknown), and an object to make its instance from again.
const template = `{
  "parameters": { "on": { "type": "bool" } },
  "resources": [
    { "type": "Microsoft.Network/virtualNetworks", "name": "vnet", "condition": "[parameters('on')]", "properties": {},
      "resources": [ { "type": "subnets", "name": "a", "condition": "[parameters('on')]", "properties": {} } ] }
  ]
}`;

function subnetInstance() {
  const root = parseJson(template).root!;
  const { resources } = enumerateResources(root, TemplateScope.forTemplate(root, {}));
  const subnet = resources.find((r) => r.typeKey === 'microsoft.network/virtualnetworks/subnets')!;
  assert.equal(subnet.conditions?.length, 2, 'its own condition, then its parent\'s');
  return { subnet, vnetCondition: subnet.conditions![1]! };
}

/** A resource object written as `text`, in a `resources` list of its own (instanceAgain reads only the object). */
function object(text: string): SourceNode {
  return prop(parseJson(`{"resources": [${text}]}`).root!, 'resources')!.children![0]!;
}

test('instanceAgain makes an instance from the object as now written: its name joined to its parent\'s, its own condition evaluated again', () => {
  const { subnet, vnetCondition } = subnetInstance();
  const node = object('{ "type": "subnets", "name": "b", "condition": "[parameters(\'on\')]" }');
  const again = instanceAgain(subnet, node)!;
  assert.equal(again.node, node);
  assert.equal(again.type, 'Microsoft.Network/virtualNetworks/subnets');
  assert.equal(again.name.t === 'string' && again.name.v, 'vnet/b');
  assert.equal(again.parent, subnet.parent);
  assert.deepEqual(again.conditions, [{ node: prop(node, 'condition'), scope: subnet.scope }, vnetCondition], 'the new condition node, then the parent\'s');
  const unconditional = instanceAgain(subnet, object('{ "type": "subnets", "name": "b" }'))!;
  assert.deepEqual(unconditional.conditions, [vnetCondition], 'the parent\'s alone');
});

test('instanceAgain makes none where the enumeration would make more or less than one instance of that object', () => {
  const { subnet } = subnetInstance();
  for (const [label, text] of [
    ['a false condition', '{ "type": "subnets", "name": "b", "condition": false }'],
    ['a type that is not a string', '{ "type": 1, "name": "b" }'],
    ['no type', '{ "name": "b" }'],
    ['a nested deployment', '{ "type": "Microsoft.Resources/deployments", "name": "b" }'],
    ['child resources', '{ "type": "subnets", "name": "b", "resources": [ { "type": "x", "name": "c" } ] }'],
  ] as const) assert.equal(instanceAgain(subnet, object(text)), undefined, label);
  assert.ok(instanceAgain(subnet, object('{ "type": "subnets", "name": "b", "resources": [] }')), 'an empty list of child resources');
});
