import * as assert from 'node:assert/strict';
import { parentOf, type SourceNode } from '../../server/src/core/text/sourceNode';

const FIELDS = ['type', 'value', 'offset', 'length', 'colonOffset', 'children'] as const;

/**
 * `a` is node for node the tree `b`: the same fields defined, types, offsets, lengths, colon offsets, values,
 * keys, parents (`parentOf`) and children. Our parsers' property nodes also carry their key and value node
 * (SourceNode.key and .valueNode) and make their children on first read: those must agree with the children.
 * `ours`: `a` comes from one of our parsers, so every property node must carry its key and value node.
 */
export function sameTree(a: SourceNode | undefined, b: SourceNode | undefined, label = '$', opts: { ours?: boolean } = {}): void {
  compare(a, b, undefined, undefined, label, opts.ours === true);
}

function compare(a: SourceNode | undefined, b: SourceNode | undefined, aParent: SourceNode | undefined, bParent: SourceNode | undefined, path: string, ours: boolean): void {
  if (!a || !b) return assert.equal(a, b, path);
  const defined = (n: SourceNode) => FIELDS.filter((k) => n[k] !== undefined);
  assert.deepEqual(defined(a), defined(b), `${path}: fields`);
  if (a.valueNode !== undefined) assert.equal(a.valueNode, a.children?.[1], `${path}: valueNode`);
  else if (ours) assert.notEqual(a.type, 'property', `${path}: a property without valueNode`);
  if (a.type === 'property') {
    if (a.key !== undefined || ours) assert.equal(a.key, a.children?.[0]?.value, `${path}: key`);
  } else assert.equal(a.key, undefined, `${path}: key on a ${a.type} node`);
  assert.equal(a.type, b.type, `${path}: type`);
  assert.equal(a.offset, b.offset, `${path}: offset`);
  assert.equal(a.length, b.length, `${path}: length`);
  assert.equal(a.colonOffset, b.colonOffset, `${path}: colonOffset`);
  assert.ok(Object.is(a.value, b.value) || (Number.isNaN(a.value) && Number.isNaN(b.value)), `${path}: value ${String(a.value)} vs ${String(b.value)}`);
  assert.equal(parentOf(a), aParent, `${path}: parent`);
  assert.equal(parentOf(b), bParent, `${path}: reference parent`);
  assert.equal(a.children?.length, b.children?.length, `${path}: children`);
  a.children?.forEach((c, i) => compare(c, b.children![i], a, b, `${path}/${i}`, ours));
}
