import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TemplateScope, readParameterFile, DEFAULT_LIMITS } from '../../../server/src/core/arm/scope';
import { str, toJs, type EV } from '../../../server/src/core/arm/value';
import { at, parse, scopeOf, template, why, js } from './helpers';

test('literal nodes keep their node and literal flag; objects keep key nodes', () => {
  const root = parse('{"parameters":{},"resources":[{"name":"n","properties":{"a":1,"b":[true,null]}}]}');
  const scope = TemplateScope.forTemplate(root);
  const res = at(root, ['resources', 0]);
  const v = scope.evalNode(res);
  assert.equal(v.t, 'object');
  assert.equal(v.node, res);
  assert.equal(v.literal, true);
  if (v.t !== 'object') return;
  const name = v.props.get('name')!;
  assert.equal(name.keyNode, at(root, ['resources', 0]).children![0].children![0]);
  assert.equal(name.value.node, at(root, ['resources', 0, 'name']));
  assert.equal(name.value.literal, true);
  assert.deepEqual(toJs(v), { name: 'n', properties: { a: 1, b: [true, null] } });
  // the same literal subtree evaluates to the same value
  assert.equal(scope.withCopy(undefined, 3).evalNode(res), v);
});

test('provenance: values read through parameters/variables/property access keep the literal node', () => {
  const root = template({
    parameters: { p: { type: 'string', defaultValue: '10.0.0.0/16' } },
    variables: { v: { prefixes: ['10.1.0.0/24'] }, w: "[variables('v')]" },
    resources: [
      {
        name: "[parameters('p')]",
        a: "[variables('w').prefixes[0]]",
        b: "[if(true(), first(variables('v').prefixes), 'x')]",
        c: "[concat(parameters('p'), '')]",
        d: "[coalesce(null(), tryGet(variables('v'), 'prefixes'))]",
      },
    ],
  });
  const scope = TemplateScope.forTemplate(root);
  const v = scope.evalNode(at(root, ['resources', 0]));
  const get = (k: string): EV => (v.t === 'object' ? v.props.get(k)!.value : str(''));
  assert.equal(get('name').node, at(root, ['parameters', 'p', 'defaultValue']));
  assert.equal(get('name').literal, true);
  assert.equal(get('a').node, at(root, ['variables', 'v', 'prefixes', 0]));
  assert.equal(get('a').literal, true);
  assert.equal(get('b').node, at(root, ['variables', 'v', 'prefixes', 0]));
  assert.equal(get('c').node, at(root, ['resources', 0, 'c']));
  assert.equal(get('c').literal, false);
  assert.equal(get('d').node, at(root, ['variables', 'v', 'prefixes']));
  // the object itself is not a literal: it contains expressions
  assert.equal(v.literal, false);
});

test('parameters: given value > default (lazy, in scope) > nullable > unknown', () => {
  const parts = {
    parameters: {
      a: { type: 'string', defaultValue: 'def' },
      b: { type: 'string', defaultValue: "[concat(parameters('a'), '-b')]" },
      c: { type: 'string' },
      d: { type: 'string', nullable: true },
      self: { type: 'string', defaultValue: "[parameters('self')]" },
    },
  };
  const s = scopeOf(parts);
  assert.equal(toJs(s.parameter('A')), 'def');
  assert.equal(toJs(s.parameter('b')), 'def-b');
  assert.match(why(s.parameter('c')), /parameter 'c' has no value/);
  assert.equal(s.parameter('d').t, 'null');
  assert.match(why(s.parameter('nope')), /not defined/);
  assert.match(why(s.parameter('self')), /refers to itself/);
  const given = scopeOf(parts, { parameterValues: new Map([['a', str('given')], ['c', str('cc')]]) });
  assert.equal(toJs(given.parameter('b')), 'given-b');
  assert.equal(toJs(given.parameter('c')), 'cc');
});

test('variables: memoised, cycles terminate, copy variables', () => {
  const root = template({
    parameters: { n: { type: 'int', defaultValue: 3 } },
    variables: {
      a: "[variables('b')]",
      b: "[variables('a')]",
      selfy: "[concat('x', variables('selfy'))]",
      base: 'x',
      derived: "[concat(variables('base'), 'y')]",
      copy: [
        { name: 'subnets', count: "[parameters('n')]", input: { name: "[concat('sn', copyIndex('subnets'))]", prefix: "[cidrSubnet('10.0.0.0/16', 24, copyIndex('subnets'))]" } },
        { name: 'names', count: 2, input: "[format('n{0}', copyIndex('names', 1))]" },
      ],
    },
  });
  const s = TemplateScope.forTemplate(root);
  assert.match(why(s.variable('a')), /refers to itself/);
  assert.match(why(s.variable('selfy')), /refers to itself/);
  assert.equal(toJs(s.variable('derived')), 'xy');
  assert.equal(s.variable('derived'), s.variable('DERIVED'));
  assert.deepEqual(toJs(s.variable('subnets')), [
    { name: 'sn0', prefix: '10.0.0.0/24' },
    { name: 'sn1', prefix: '10.0.1.0/24' },
    { name: 'sn2', prefix: '10.0.2.0/24' },
  ]);
  assert.deepEqual(toJs(s.variable('names')), ['n1', 'n2']);
  assert.match(why(s.variable('nope')), /not defined/);
});

test('long variable chains stop at the depth limit instead of overflowing the stack', () => {
  const variables: Record<string, string> = { v0: 'end' };
  for (let i = 1; i <= 5000; i++) variables[`v${i}`] = `[variables('v${i - 1}')]`;
  const s = scopeOf({ variables });
  assert.match(why(s.variable('v5000')), /too deeply/);
  assert.equal(toJs(s.variable('v10')), 'end');
});

test('property copy loops', () => {
  const root = template({
    parameters: { rules: { type: 'array', defaultValue: [{ p: 100 }, { p: 200 }] }, unk: { type: 'int' } },
    resources: [
      {
        properties: {
          copy: [
            {
              name: 'securityRules',
              count: "[length(parameters('rules'))]",
              input: { name: "[format('r{0}', copyIndex('securityRules'))]", priority: "[parameters('rules')[copyIndex('securityRules')].p]" },
            },
          ],
          other: 1,
        },
      },
      { properties: { copy: [{ name: 'items', count: "[parameters('unk')]", input: 'x' }] } },
      { properties: { copy: [{ name: 'items', count: 100000, input: "[copyIndex('items')]" }] } },
    ],
  });
  const s = TemplateScope.forTemplate(root);
  const v0 = s.evalNode(at(root, ['resources', 0]));
  assert.deepEqual(toJs(v0), { properties: { securityRules: [{ name: 'r0', priority: 100 }, { name: 'r1', priority: 200 }], other: 1 } });
  // the priority keeps the node of the parameter default
  const rules = v0.t === 'object' ? (v0.props.get('properties')!.value as unknown as { props: Map<string, { value: EV }> }).props.get('securityrules')!.value : undefined;
  assert.equal(rules?.t === 'array' && rules.items[1].t === 'object' ? rules.items[1].props.get('priority')!.value.node : undefined, at(root, ['parameters', 'rules', 'defaultValue', 1, 'p']));
  const v1 = s.evalNode(at(root, ['resources', 1]));
  const items = v1.t === 'object' && v1.props.get('properties')!.value;
  assert.equal(items && items.t === 'object' && items.props.get('items')!.value.t, 'unknown');
  const v2 = s.evalNode(at(root, ['resources', 2]));
  const capped = v2.t === 'object' && v2.props.get('properties')!.value;
  const arr = capped && capped.t === 'object' ? capped.props.get('items')!.value : undefined;
  assert.equal(arr?.t === 'array' && arr.items.length, DEFAULT_LIMITS.maxCopyCount);
});

test('withCopy: copyIndex(), named loops, unknown index', () => {
  const root = template({ resources: [{ name: "[format('vm{0}', copyIndex(1))]", n: "[copyIndex('loop')]" }] });
  const s = TemplateScope.forTemplate(root);
  const res = at(root, ['resources', 0]);
  assert.deepEqual(toJs(s.withCopy('loop', 2).evalNode(res)), { name: 'vm3', n: 2 });
  const u = s.withCopy('loop', { t: 'unknown', why: 'count unknown' }).evalNode(res);
  assert.equal(u.t === 'object' && u.props.get('name')!.value.t, 'unknown');
  assert.match(why(s.evalString('[copyIndex()]')), /outside of a copy loop/);
  assert.match(why(s.withCopy('a', 1).evalString("[copyIndex('b')]")), /outside of the loop 'b'/);
});

test('nested templates: inner and outer scope', () => {
  const outer = template({
    parameters: { p: { type: 'string', defaultValue: 'outerP' } },
    variables: { v: 'outerV' },
    resources: [
      {
        type: 'Microsoft.Resources/deployments',
        properties: {
          expressionEvaluationOptions: { scope: 'inner' },
          parameters: { p: { value: "[concat(parameters('p'), '!')]" } },
          template: {
            parameters: { p: { type: 'string' }, q: { type: 'string', defaultValue: 'innerQ' } },
            variables: { v: 'innerV' },
            resources: [{ name: "[concat(parameters('p'), parameters('q'), variables('v'))]" }],
          },
        },
      },
    ],
  });
  const s = TemplateScope.forTemplate(outer);
  const dep = at(outer, ['resources', 0, 'properties']);
  const tpl = at(dep, ['template']);
  const value = s.evalNode(at(dep, ['parameters', 'p', 'value']));
  const inner = s.nested(tpl, 'inner', new Map([['p', value]]));
  assert.equal(toJs(inner.evalNode(at(tpl, ['resources', 0, 'name']))), 'outerP!innerQinnerV');
  const outerMode = s.nested(tpl, 'outer', new Map());
  assert.equal(toJs(outerMode.evalNode(at(tpl, ['resources', 0, 'name']))), undefined); // q is not an outer parameter
  assert.equal(toJs(outerMode.evalString("[concat(parameters('p'), variables('v'))]")), 'outerPouterV');
  // evaluating the whole deployment resource in the outer scope leaves the inner template alone
  const whole = s.evalNode(at(outer, ['resources', 0]));
  const props = whole.t === 'object' ? whole.props.get('properties')!.value : undefined;
  assert.equal(props?.t === 'object' && props.props.get('template')!.value.t, 'unknown');
  // the budget is shared
  assert.equal(inner.budget.steps, s.budget.steps);
});

test('user-defined functions', () => {
  const s = scopeOf({
    functions: [
      {
        namespace: 'ns',
        members: {
          subnetName: { parameters: [{ name: 'base', type: 'string' }, { name: 'i', type: 'int' }], output: { type: 'string', value: "[format('{0}-sn{1}', parameters('base'), parameters('i'))]" } },
          loop: { parameters: [], output: { type: 'string', value: '[ns.loop()]' } },
        },
      },
    ],
  });
  assert.equal(toJs(s.evalString("[ns.subnetName('vnet', 2)]")), 'vnet-sn2');
  assert.equal(toJs(s.evalString("[NS.SUBNETNAME('a', 1)]")), 'a-sn1');
  assert.match(why(s.evalString('[ns.loop()]')), /too deeply/);
  assert.match(why(s.evalString("[other.fn('a')]")), /not evaluated/);
});

test('budget: steps are counted per scope tree, and exhaustion gives unknown', () => {
  const s = scopeOf({ parameters: { big: { type: 'array', defaultValue: [] } } }, { limits: { maxSteps: 50 } });
  assert.equal(toJs(s.evalString("[concat('a', 'b')]")), 'ab');
  const r = s.evalString("[map(range(0, 40), lambda('x', mul(lambdaVariables('x'), 2)))]");
  assert.match(why(r), /budget exhausted/);
  assert.match(why(s.evalString("[concat('a', 'b')]")), /budget exhausted/);
  assert.equal(s.budget.exhausted, true);
});

test('string length limit', () => {
  const s = scopeOf({}, { limits: { maxStringLength: 100 } });
  assert.match(why(s.evalString("[padLeft('x', 1000)]")), /too long/);
  assert.match(why(s.evalString("[replace(padLeft('x', 90), ' ', 'yy')]")), /too long/);
  assert.equal(toJs(s.evalString("[padLeft('x', 100)]"))?.toString().length, 100);
});

test('exponential blow-up through variables is stopped', () => {
  const variables: Record<string, string> = { v0: 'ab' };
  for (let i = 1; i <= 40; i++) variables[`v${i}`] = `[concat(variables('v${i - 1}'), variables('v${i - 1}'))]`;
  const s = scopeOf({ variables });
  const t0 = Date.now();
  assert.match(why(s.variable('v40')), /too long/);
  assert.ok(Date.now() - t0 < 1000);
});

test('evalNode and evalString never throw', () => {
  const s = scopeOf({ variables: { o: { a: 1 } } });
  const inputs = [
    '[', '[]', '[[', "['unterminated]", '[concat(]', '[variables()]', "[variables('o')[5]]", "[variables('o').a.b]", "[variables('o')['a']]",
    "[createArray(1)[-1]]", "[json('[1,2')]", '[add(1)]', "[split(1, 2)]", "[base64ToString('%%%')]", "[range(0, -1)]", "[cidrSubnet('::/0', 128, 99999999999999999999)]",
    "[substring('abc', -1, 1)]", "[string(createObject('a', lambda('x', 1)))]", "[skip(createArray(1), 'x')]", "[first(1)]", "[" + 'concat('.repeat(70) + ')'.repeat(70) + "]",
  ];
  for (const i of inputs) {
    const v = s.evalString(i);
    assert.ok(v && typeof v.t === 'string', i);
  }
  assert.equal(toJs(s.evalString("[variables('o')['a']]")), 1);
  assert.equal(s.evalString('[[escaped]').t, 'string');
  assert.equal(toJs(s.evalString('[[escaped]')), '[escaped]');
  assert.equal(s.evalString('[[escaped]').literal, false);
  assert.equal(s.evalString('plain').literal, true);
});

test('readParameterFile', () => {
  const root = parse(`{
    "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
    "contentVersion": "1.0.0.0",
    "parameters": {
      "VnetName": { "value": "vnet1" },
      "prefixes": { "value": ["10.0.0.0/16"] },
      "secret": { "reference": { "keyVault": { "id": "/subscriptions/s/resourceGroups/g/providers/Microsoft.KeyVault/vaults/kv" }, "secretName": "x" } }
    }
  }`);
  const m = readParameterFile(root)!;
  assert.ok(m);
  assert.equal(toJs(m.get('vnetname')!), 'vnet1');
  assert.equal(m.get('vnetname')!.node, at(root, ['parameters', 'VnetName', 'value']));
  assert.equal(m.get('vnetname')!.literal, true);
  assert.deepEqual(toJs(m.get('prefixes')!), ['10.0.0.0/16']);
  assert.match(why(m.get('secret')!), /Key Vault/);
  // without $schema, still recognised by shape
  assert.ok(readParameterFile(parse('{"parameters": {"a": {"value": 1}}}')));
  // templates and other documents are not parameter files
  assert.equal(readParameterFile(template({ parameters: { a: { type: 'string' } } })), undefined);
  assert.equal(readParameterFile(parse('{"parameters": {"a": {"type": "string"}}}')), undefined);
  assert.equal(readParameterFile(parse('[1]')), undefined);
  // values flow into the template scope
  const s = scopeOf({ parameters: { vnetName: { type: 'string', defaultValue: 'd' } } }, { parameterValues: m });
  assert.equal(js("parameters('vnetName')", { parameters: { vnetName: { type: 'string' } } }, { parameterValues: m }), 'vnet1');
  assert.equal(s.parameter('vnetName').node, at(root, ['parameters', 'VnetName', 'value']));
});

test('provenance through createArray, createObject, union and lambdas', () => {
  const root = template({
    variables: { a: '10.0.0.0/24', o: { x: 'lit' } },
    resources: [
      {
        arr: "[createArray(variables('a'))]",
        obj: "[createObject('k', variables('a'))]",
        uni: "[union(variables('o'), createObject('y', 1))]",
        mapped: "[map(createArray(variables('o')), lambda('e', lambdaVariables('e').x))]",
      },
    ],
  });
  const s = TemplateScope.forTemplate(root);
  const v = s.evalNode(at(root, ['resources', 0]));
  assert.equal(v.t, 'object');
  if (v.t !== 'object') return;
  const aNode = at(root, ['variables', 'a']);
  const arrV = v.props.get('arr')!.value;
  assert.equal(arrV.node, at(root, ['resources', 0, 'arr']));
  assert.equal(arrV.t === 'array' && arrV.items[0].node, aNode);
  const objV = v.props.get('obj')!.value;
  assert.equal(objV.t === 'object' && objV.props.get('k')!.value.node, aNode);
  const uni = v.props.get('uni')!.value;
  assert.equal(uni.t === 'object' && uni.props.get('x')!.value.node, at(root, ['variables', 'o', 'x']));
  assert.equal(uni.t === 'object' && uni.props.get('x')!.keyNode, at(root, ['variables', 'o']).children![0].children![0]);
  const mapped = v.props.get('mapped')!.value;
  assert.equal(mapped.t === 'array' && mapped.items[0].node, at(root, ['variables', 'o', 'x']));
});

test('keyIndex and lookupIndexed: case-insensitive, the last duplicate wins, as lookup', () => {
  const root = parse('{"resources":[{"properties":{"Priority":100,"access":"Deny","priority":200,"ACCESS":"Allow","list":[1]}}]}');
  const scope = TemplateScope.forTemplate(root);
  const props = at(root, ['resources', 0, 'properties']);
  const index = scope.keyIndex(props)!;
  for (const key of ['priority', 'PRIORITY', 'access', 'list', 'missing']) {
    assert.deepEqual(scope.lookupIndexed(props, index, key), scope.lookup(props, [key]), key);
  }
  const priority = scope.lookupIndexed(props, index, 'PRIORITY') as EV;
  assert.equal(priority.t === 'number' ? priority.v : undefined, 200);
  // a property copy loop may generate properties: no index
  const looped = parse('{"resources":[{"properties":{"copy":[{"name":"x","count":1,"input":1}]}}]}');
  assert.equal(TemplateScope.forTemplate(looped).keyIndex(at(looped, ['resources', 0, 'properties'])), undefined);
});

test('lookup: a property copy loop under a key `copy` in any case generates its property; a `copy` that is no loop is a property', () => {
  const root = parse('{"resources":[{"properties":{"a":1,"COPY":[{"name":"rules","count":2,"input":"[copyIndex(\'rules\')]"}],"b":2},'
    + '"other":{"copy":"text","b":3,"b ":4}}]}');
  const scope = TemplateScope.forTemplate(root);
  const looped = at(root, ['resources', 0, 'properties']);
  assert.deepEqual(toJs(scope.lookup(looped, ['rules']) as EV), [0, 1]);
  assert.deepEqual(toJs(scope.lookup(looped, ['b']) as EV), 2);
  assert.equal(scope.keyIndex(looped), undefined);
  const other = at(root, ['resources', 0, 'other']);
  assert.deepEqual(toJs(scope.lookup(other, ['copy']) as EV), 'text');
  assert.deepEqual(toJs(scope.lookup(other, ['B']) as EV), 3);
  assert.ok(scope.keyIndex(other));
});
