import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ev, js, why } from './helpers';

const P = {
  parameters: {
    known: { type: 'string', defaultValue: 'Hello' },
    missing: { type: 'string' },
    obj: { type: 'object', defaultValue: { a: 1, B: { c: 'x' }, arr: [1, 2, 3] } },
    list: { type: 'array', defaultValue: ['a', 'b', 'c'] },
    nums: { type: 'array', defaultValue: [3, 1, 2] },
  },
};
const unk = (expr: string, re?: RegExp): void => {
  const v = ev(expr, P);
  assert.equal(v.t, 'unknown', `${expr} should be unknown, got ${JSON.stringify(js(expr, P))}`);
  if (re) assert.match(why(v), re);
};
const eq = (expr: string, want: unknown): void => assert.deepEqual(js(expr, P), want, expr);

test('string functions', () => {
  eq("concat('a', 'b', 1, true)", 'ab1True');
  eq("format('{0}-{1}-{0}', 'x', 2)", 'x-2-x');
  eq("format('{{literal}} {0:D3} {1,4}|', 7, 'ab')", '{literal} 007   ab|');
  eq("format('{0}', 'x', parameters('missing'))", 'x');
  unk("format('{0}', parameters('missing'))", /parameter 'missing' has no value/);
  unk("format('{1}', 'a')", /argument 1/);
  eq("toLower('AbC')", 'abc');
  eq("toUpper('AbC')", 'ABC');
  eq("string(parameters('obj'))", '{"a":1,"B":{"c":"x"},"arr":[1,2,3]}');
  eq('string(true)', 'True');
  eq('string(12)', '12');
  eq("split('a,b;c', createArray(',', ';'))", ['a', 'b', 'c']);
  eq("split('a,,b', ',')", ['a', '', 'b']);
  eq("join(createArray('a', 'b'), '-')", 'a-b');
  eq("replace('a.b.c', '.', '-')", 'a-b-c');
  eq("substring('abcdef', 2, 3)", 'cde');
  eq("substring('abcdef', 2)", 'cdef');
  unk("substring('abc', 2, 5)", /within the string/);
  eq("indexOf('abcABC', 'C')", 2);
  eq("lastIndexOf('abcABC', 'c')", 5);
  eq("startsWith('Hello', 'he')", true);
  eq("endsWith('Hello', 'LO')", true);
  eq("trim('  x ')", 'x');
  eq("padLeft('7', 3, '0')", '007');
  eq('padLeft(42, 5)', '   42');
  eq("uri('https://a.b/c/d', 'e')", 'https://a.b/c/e');
  eq("uri('https://a.b/c/', 'e')", 'https://a.b/c/e');
  eq("uriComponent('a b/c!')", 'a%20b%2Fc%21');
  eq("uriComponentToString('a%20b')", 'a b');
  eq("base64('one, two')", 'b25lLCB0d28=');
  eq("base64ToString('b25lLCB0d28=')", 'one, two');
  eq("json('{\"a\":[1,null]}')", { a: [1, null] });
  unk("json('{')", /not valid JSON/);
  eq("length('abc')", 3);
  eq("first('abc')", 'a');
  eq("last('abc')", 'c');
  eq("take('abcdef', 2)", 'ab');
  eq("skip('abcdef', 4)", 'ef');
  eq("contains('OneTwo', 'Two')", true);
  eq("contains('OneTwo', 'two')", false);
  eq("empty('')", true);
  unk("toLower(parameters('missing'))", /has no value/);
  unk('utcNow()', /time of the deployment/);
  unk('newGuid()');
});

test('uniqueString and guid are deterministic stand-ins', () => {
  const a = js("uniqueString('a', 'b')") as string;
  assert.match(a, /^[a-z2-7]{13}$/);
  assert.equal(js("uniqueString('a', 'b')"), a);
  assert.notEqual(js("uniqueString('a', 'c')"), a);
  assert.notEqual(js("uniqueString('ab')"), js("uniqueString('a', 'b')"));
  const g = js("guid('x')") as string;
  assert.match(g, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  assert.equal(js("guid('x')"), g);
  assert.equal(typeof js('uniqueString(resourceGroup().id)'), 'string');
  unk("uniqueString(parameters('missing'))");
});

test('array and object functions', () => {
  eq("concat(createArray(1, 2), createArray(3), parameters('list'))", [1, 2, 3, 'a', 'b', 'c']);
  unk("concat(createArray(1), 'x')", /cannot join/);
  eq("array('x')", ['x']);
  eq("createObject('a', 1, 'b', createArray())", { a: 1, b: [] });
  eq("union(createObject('a', 1, 'n', createObject('x', 1)), createObject('b', 2, 'n', createObject('y', 2)))", { a: 1, n: { x: 1, y: 2 }, b: 2 });
  eq("union(createArray(1, 2), createArray(2, 3))", [1, 2, 3]);
  eq("intersection(createArray(1, 2, 3), createArray(3, 2))", [2, 3]);
  eq("intersection(createObject('a', 1, 'b', 2), createObject('a', 1, 'b', 3))", { a: 1 });
  eq("take(parameters('list'), 2)", ['a', 'b']);
  eq("skip(parameters('list'), 5)", []);
  eq("first(parameters('list'))", 'a');
  eq("last(parameters('list'))", 'c');
  eq('first(createArray())', null);
  eq("contains(parameters('list'), 'b')", true);
  eq("contains(parameters('list'), 'B')", false);
  eq("contains(parameters('obj'), 'b')", true);
  eq("empty(createArray())", true);
  eq("empty(createObject())", true);
  eq('empty(null())', true);
  eq("length(parameters('obj'))", 3);
  eq('range(5, 3)', [5, 6, 7]);
  unk('range(0, 20000)', /between 0 and 10000/);
  eq('flatten(createArray(createArray(1), createArray(2, 3)))', [1, 2, 3]);
  eq("items(createObject('b', 2, 'a', 1))", [
    { key: 'a', value: 1 },
    { key: 'b', value: 2 },
  ]);
  eq("objectKeys(createObject('b', 2, 'a', 1))", ['b', 'a']);
  eq("shallowMerge(createArray(createObject('a', 1, 'n', createObject('x', 1)), createObject('n', createObject('y', 2))))", { a: 1, n: { y: 2 } });
  eq("tryGet(parameters('obj'), 'b', 'c')", 'x');
  eq("tryGet(parameters('obj'), 'nope')", null);
  eq("tryGet(parameters('list'), 7)", null);
  eq("indexOf(parameters('list'), 'c')", 2);
  eq('min(3, 1, 2)', 1);
  eq("max(parameters('nums'))", 3);
  // an unknown item does not hide the known ones
  const v = ev("createArray(1, parameters('missing'))", P);
  assert.equal(v.t, 'array');
  assert.equal(v.t === 'array' && v.items[1].t, 'unknown');
  eq("length(createArray(1, parameters('missing')))", 2);
  unk("contains(createArray(parameters('missing')), 'x')");
  eq("contains(createArray('x', parameters('missing')), 'x')", true);
  unk("union(parameters('missing'), createArray())");
});

test('logical and comparison functions', () => {
  eq("if(equals(parameters('known'), 'Hello'), 'yes', parameters('missing'))", 'yes');
  eq("if(false, parameters('missing'), 'no')", 'no');
  unk("if(equals(parameters('missing'), 'x'), 'a', 'b')", /has no value/);
  eq("equals(parameters('obj'), json('{\"A\":1,\"b\":{\"c\":\"x\"},\"arr\":[1,2,3]}'))", true);
  eq("equals('a', 'A')", false);
  eq("equals(createArray(1, parameters('missing')), createArray(2, 3))", false);
  unk("equals(createArray(1, parameters('missing')), createArray(1, 3))");
  eq('not(true)', false);
  eq("and(true, equals(1, 1))", true);
  eq("and(parameters('missing'), false)", false);
  unk("and(parameters('missing'), true)");
  eq("or(parameters('missing'), true)", true);
  eq('or(false, false)', false);
  eq('greater(2, 1)', true);
  eq("greater('b', 'a')", true);
  eq('greaterOrEquals(1, 1)', true);
  eq('less(1, 2)', true);
  eq('lessOrEquals(3, 2)', false);
  unk("less(1, 'a')", /cannot compare/);
  eq("bool('TRUE')", true);
  eq('bool(0)', false);
  eq('true()', true);
  eq('null()', null);
  eq("coalesce(null(), tryGet(parameters('obj'), 'zz'), 'first', parameters('missing'))", 'first');
  unk("coalesce(null(), parameters('missing'), 'x')");
  eq('coalesce(null(), null())', null);
});

test('numeric functions', () => {
  eq("int('42')", 42);
  eq('int(3)', 3);
  eq("float('1.5')", 1.5);
  eq('add(1, 2)', 3);
  eq('sub(1, 2)', -1);
  eq('mul(4, 2)', 8);
  eq('div(7, 2)', 3);
  eq('div(-7, 2)', -3);
  eq('mod(7, 3)', 1);
  unk('div(1, 0)', /division by zero/);
  unk("add(1, 'x')");
});

test('cidr functions', () => {
  eq("parseCidr('10.144.0.0/20')", {
    network: '10.144.0.0',
    netmask: '255.255.240.0',
    broadcast: '10.144.15.255',
    firstUsable: '10.144.0.1',
    lastUsable: '10.144.15.254',
    cidr: 20,
  });
  eq("parseCidr('fdad:3236:5555::/48')", {
    network: 'fdad:3236:5555::',
    netmask: 'ffff:ffff:ffff::',
    firstUsable: 'fdad:3236:5555::',
    lastUsable: 'fdad:3236:5555:ffff:ffff:ffff:ffff:ffff',
    cidr: 48,
  });
  eq("cidrSubnet('10.144.0.0/20', 24, 3)", '10.144.3.0/24');
  eq("cidrSubnet('fdad:3236:5555::/48', 52, 1)", 'fdad:3236:5555:1000::/52');
  unk("cidrSubnet('10.144.0.0/20', 24, 16)", /out of range/);
  unk("cidrSubnet('10.144.0.0/20', 16, 0)", /newCIDR/);
  eq("cidrHost('10.144.3.0/24', 0)", '10.144.3.1');
  eq("cidrHost('10.144.3.0/24', 253)", '10.144.3.254');
  unk("cidrHost('10.144.3.0/24', 254)", /out of range/);
  eq("cidrHost('fdad:3236:5555:3000::/52', 1)", 'fdad:3236:5555:3000::1');
  unk("parseCidr('10.0.0.0')", /not a valid CIDR/);
  unk("parseCidr('300.0.0.0/8')");
});

test('lambda functions', () => {
  eq("map(createArray(1, 2), lambda('x', mul(lambdaVariables('x'), 10)))", [10, 20]);
  eq("map(createArray('a', 'b'), lambda('x', 'i', concat(lambdaVariables('x'), string(lambdaVariables('i')))))", ['a0', 'b1']);
  eq("filter(parameters('nums'), lambda('n', greater(lambdaVariables('n'), 1)))", [3, 2]);
  eq("reduce(parameters('nums'), 0, lambda('cur', 'next', add(lambdaVariables('cur'), lambdaVariables('next'))))", 6);
  eq("sort(parameters('nums'), lambda('a', 'b', less(lambdaVariables('a'), lambdaVariables('b'))))", [1, 2, 3]);
  eq("toObject(parameters('list'), lambda('e', lambdaVariables('e')), lambda('e', toUpper(lambdaVariables('e'))))", { a: 'A', b: 'B', c: 'C' });
  eq("mapValues(createObject('a', 1), lambda('v', add(lambdaVariables('v'), 1)))", { a: 2 });
  // AVM style: reduce(map(...), createObject(), lambda(union))
  eq(
    "reduce(map(createArray('id1', 'id2'), lambda('id', createObject(format('{0}', lambdaVariables('id')), createObject()))), createObject(), lambda('cur', 'next', union(lambdaVariables('cur'), lambdaVariables('next'))))",
    { id1: {}, id2: {} },
  );
  eq("map(createArray(createObject('h', 'x')), lambda('o', lambdaVariables('o').h))", ['x']);
  unk("map(parameters('missing'), lambda('x', lambdaVariables('x')))");
  unk("filter(createArray(1, parameters('missing')), lambda('x', equals(lambdaVariables('x'), 1)))");
  unk("lambdaVariables('nope')", /not defined/);
  unk("lambda('x', 1)", /only be used/);
  unk("map(createArray(1), 'notalambda')", /needs a lambda/);
});

test('deployment functions', () => {
  assert.deepEqual(js('resourceGroup().id'), '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/resourceGroup');
  unk('resourceGroup().location', /location is not known/);
  assert.equal(js('resourceGroup().location', {}, { deployment: { resourceGroupLocation: 'westeurope' } }), 'westeurope');
  assert.equal(js('resourceGroup().name', {}, { deployment: { resourceGroupName: 'rg1' } }), 'rg1');
  assert.equal(js('subscription().subscriptionId'), '00000000-0000-0000-0000-000000000000');
  assert.equal(js('subscription().subscriptionId', {}, { deployment: { subscriptionId: 'abc' } }), 'abc');
  assert.equal(typeof js('subscription().tenantId'), 'string');
  assert.equal(js('deployment().name', {}, { deployment: { deploymentName: 'd1' } }), 'd1');
  unk('deployment().properties.templateLink.uri', /templateLink/);
  eq('environment().suffixes.storage', 'core.windows.net');
  eq('environment().name', 'AzureCloud');
  unk("reference('x').properties", /deployed resource/);
  unk("listKeys('x', '2020-01-01').keys[0].value", /deployed resource/);
  unk("pickZones('Microsoft.Compute', 'virtualMachines', 'westus2')");
  unk('managementGroup().id');
  unk("frobnicate('x')", /function 'frobnicate' is not evaluated/);
  unk('concat()'.replace('concat()', "not(1, 2)"), /takes 1 argument/);
});
