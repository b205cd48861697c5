import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isExpression, parseString } from '../../../server/src/core/arm/expression/parser';
import type { Ast } from '../../../server/src/core/arm/expression/ast';

function ast(text: string): Ast {
  const p = parseString(text);
  assert.equal(p.kind, 'expr', p.kind === 'error' ? p.message : 'literal');
  return (p as { ast: Ast }).ast;
}

test('isExpression: brackets, escapes, short strings', () => {
  assert.equal(isExpression("[parameters('a')]"), true);
  assert.equal(isExpression('[[not]'), false);
  assert.equal(isExpression('plain'), false);
  assert.equal(isExpression('[x'), false);
  assert.equal(isExpression('['), false);
  assert.equal(isExpression(''), false);
  assert.equal(isExpression('[]'), true);
});

test('literals and the [[ escape', () => {
  assert.deepEqual(parseString('hello'), { kind: 'literal', value: 'hello' });
  assert.deepEqual(parseString('[[variables(\'x\')]'), { kind: 'literal', value: "[variables('x')]" });
  assert.deepEqual(parseString('[[x'), { kind: 'literal', value: '[[x' });
  assert.deepEqual(parseString('a[b]'), { kind: 'literal', value: 'a[b]' });
});

test('string literals with doubled quotes, integers, booleans', () => {
  assert.deepEqual(ast("[concat('it''s', '')]"), {
    k: 'call',
    name: 'concat',
    display: 'concat',
    args: [
      { k: 'str', v: "it's" },
      { k: 'str', v: '' },
    ],
  });
  assert.deepEqual(ast('[add(-3, 42)]'), { k: 'call', name: 'add', display: 'add', args: [{ k: 'num', v: -3 }, { k: 'num', v: 42 }] });
  assert.deepEqual(ast('[if(true, false, True)]'), {
    k: 'call',
    name: 'if',
    display: 'if',
    args: [{ k: 'bool', v: true }, { k: 'bool', v: false }, { k: 'bool', v: true }],
  });
});

test('nesting, whitespace and case of names', () => {
  const a = ast("[ ToLower( concat( 'A' , parameters( 'b' ) ) ) ]");
  assert.equal(a.k, 'call');
  assert.equal((a as { name: string }).name, 'tolower');
  assert.equal((a as { display: string }).display, 'ToLower');
});

test('member and index chains', () => {
  assert.deepEqual(ast("[parameters('o').a[0]['b'].c]"), {
    k: 'prop',
    name: 'c',
    target: {
      k: 'index',
      index: { k: 'str', v: 'b' },
      target: {
        k: 'index',
        index: { k: 'num', v: 0 },
        target: { k: 'prop', name: 'a', target: { k: 'call', name: 'parameters', display: 'parameters', args: [{ k: 'str', v: 'o' }] } },
      },
    },
  });
  assert.deepEqual(ast('[environment().suffixes.storage]'), {
    k: 'prop',
    name: 'storage',
    target: { k: 'prop', name: 'suffixes', target: { k: 'call', name: 'environment', display: 'environment', args: [] } },
  });
});

test('namespaced calls: sys. prefix and user functions', () => {
  const a = ast("[sys.concat('a')]");
  assert.equal((a as { name: string }).name, 'concat');
  const b = ast("[myNs.Fn(1)]");
  assert.equal((b as { name: string }).name, 'myns.fn');
});

test('syntax errors come back as errors, never throw', () => {
  for (const bad of ["[concat('a']", "[concat('a)]", '[]', '[ ]', "[concat('a'))]", '[foo]', '[1.]', "[a(,)]", "[parameters('x').]", "[x[1]", '[@]', "[concat('a' 'b')]"]) {
    const p = parseString(bad);
    assert.equal(p.kind, 'error', bad);
    assert.match((p as { message: string }).message, /^cannot parse expression: /, bad);
  }
});

test('nesting deeper than the limit is an error', () => {
  const deep = '[' + 'not('.repeat(100) + 'true' + ')'.repeat(100) + ']';
  assert.equal(parseString(deep, 64).kind, 'error');
  assert.equal(parseString(deep, 200).kind, 'expr');
  const veryDeep = '[' + 'not('.repeat(100000) + 'true' + ')'.repeat(100000) + ']';
  assert.equal(parseString(veryDeep).kind, 'error');
});
