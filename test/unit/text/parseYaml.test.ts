import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { stringify as toYaml } from 'yaml';
import { parseJson } from '../../../server/src/core/text/parseJson';
import { parseYaml } from '../../../server/src/core/text/parseYaml';
import { keyOf, parentOf, valueOfProperty, type SourceNode } from '../../../server/src/core/text/sourceNode';
import { injected } from '../../helpers/templates';
import { sameTree } from '../../helpers/trees';

/** Every property node reads the same through `key`/`valueNode` as through `children`, every time. */
function consistentProperties(n: SourceNode | undefined, path = '$'): number {
  if (!n) return 0;
  let count = 0;
  if (n.type === 'property') {
    count++;
    const kids = n.children!;
    // the same array and key node on every read: hover and completion find a key by node identity
    assert.equal(n.children, kids, `${path}: children made once`);
    assert.equal(kids[0]!.type, 'string', `${path}: key node`);
    assert.equal(kids[0]!.value, keyOf(n), `${path}: key`);
    assert.equal(parentOf(kids[0]!), n, `${path}: key node's parent`);
    assert.equal(kids[1], valueOfProperty(n), `${path}: value node`);
  }
  n.children?.forEach((c, i) => (count += consistentProperties(c, `${path}/${i}`)));
  return count;
}

describe('parseYaml', () => {
  it('reads a JSON text (which is YAML too) into the JSON parser\'s tree, node for node', () => {
    const text = JSON.stringify(injected());
    const yaml = parseYaml(text);
    assert.deepEqual(yaml.problems, []);
    sameTree(yaml.root, parseJson(text).root, '$', { ours: true });
  });

  it('gives every property node of a block YAML template its key, its value and [key, value] children', () => {
    const text = toYaml(injected(), { lineWidth: 0 });
    const { root, problems } = parseYaml(text);
    assert.deepEqual(problems, []);
    assert.ok(consistentProperties(root) > 50);
    const resources = valueOfProperty(root!.children!.find((p) => keyOf(p) === 'resources')!)!;
    assert.equal(resources.type, 'array');
    assert.ok(resources.children!.every((r) => r.type === 'object' && parentOf(r) === resources));
  });

  it('keeps a key whose value is missing (null) or converts to nothing (an alias without its anchor)', () => {
    const { root } = parseYaml('a: *nope\nb: 1\nc:\n');
    const [a, b, c] = root!.children!;
    assert.deepEqual(a!.children!.map((k) => [k.type, k.value]), [['string', 'a']]);
    assert.equal(valueOfProperty(a!), undefined);
    assert.deepEqual(b!.children!.map((k) => [k.type, k.value]), [['string', 'b'], ['number', 1]]);
    assert.deepEqual(c!.children!.map((k) => [k.type, k.value, k.offset, k.length]), [['string', 'c', 14, 1], ['null', null, 16, 0]]);
    assert.equal(c!.length, 2);
    consistentProperties(b);
    consistentProperties(c);
  });
});
