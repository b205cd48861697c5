import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { nodeAt, prop, propNode, sameName } from '../../../server/src/core/text/sourceNode';
import { parseJson } from '../../../server/src/core/text/parseJson';

describe('sameName (ARM name comparison)', () => {
  it('ignores the case of ASCII letters only', () => {
    assert.equal(sameName('sourceAddressPrefix', 'SOURCEADDRESSPREFIX'), true);
    assert.equal(sameName('Priority', 'priority'), true);
    assert.equal(sameName('priority', 'protocol'), false);
    assert.equal(sameName('copy', 'cop'), false);
    assert.equal(sameName('', ''), true);
    // characters 32 apart that are not letters must not compare equal ('@' and '`', '[' and '{')
    assert.equal(sameName('a@b', 'a`b'), false);
    assert.equal(sameName('[x', '{x'), false);
    assert.equal(sameName('1', '\x11'), false);
  });

  it('compares other characters by their lower case', () => {
    assert.equal(sameName('Ölpreis', 'ölpreis'), true);
    assert.equal(sameName('Ölpreis', 'olpreis'), false);
  });

  it('agrees with toLowerCase on every pair of ASCII characters', () => {
    for (let x = 0; x < 128; x++) {
      for (let y = 0; y < 128; y++) {
        const a = `k${String.fromCharCode(x)}`;
        const b = `k${String.fromCharCode(y)}`;
        assert.equal(sameName(a, b), a.toLowerCase() === b.toLowerCase(), `${x} ${y}`);
      }
    }
  });
});

describe('prop / propNode / nodeAt', () => {
  const root = parseJson('{"Properties": {"securityRules": [1], "SECURITYRULES": [2, 3]}, "name": "n"}').root!;

  it('find properties whatever their case, the last duplicate winning', () => {
    const props = prop(root, 'properties');
    assert.equal(props?.type, 'object');
    assert.equal(prop(props, 'securityRules')?.children?.length, 2);
    assert.equal(propNode(root, 'NAME')?.children?.[1]?.value, 'n');
    assert.equal(prop(root, 'nam'), undefined);
    assert.equal(prop(undefined, 'x'), undefined);
  });

  it('walk paths of names and indices', () => {
    assert.equal(nodeAt(root, ['properties', 'securityRules', 1])?.value, 3);
    assert.equal(nodeAt(root, ['properties', 'securityRules', 5]), undefined);
    assert.equal(nodeAt(root, ['name', 'x']), undefined);
  });
});
