import { keyOf, valueOfProperty, type SourceNode } from './sourceNode';
import { EntriesObjectNode, linkOf, moveTree, PropertyNode, type MutableNode } from './treeBuilder';

/**
 * What goes into the previous tree when a part of it (`old`) was parsed again (`fresh`): `splice` puts a value in
 * place of the old one (JSON, reparseJson.ts), `putPart` only the smallest part that differs (YAML, reparseYaml.ts), so
 * that the nodes the model holds stay where they can (a key typed into a resource reads that resource again instead of
 * building the model). `start` and `oldEnd` bound the edit in the previous text, `delta` is its length.
 */

/** An offset of the previous text in the new one (NaN inside the edit). */
export type OffsetMap = (offset: number) => number;

/**
 * Puts the part of `fresh` that differs from `old` in the tree, in place of its counterpart (`discarded`) or, a
 * property added, into the old object: the nodes after it move by `delta`, the collections around grow by it, and
 * those on the way from `old` to the part end where their fresh counterparts do. Returns the part.
 */
export function putPart(
  old: SourceNode, fresh: SourceNode, start: number, oldEnd: number, delta: number,
): { readonly replaced: SourceNode; readonly discarded?: SourceNode } {
  const { pairs, inserted } = narrow(old, fresh, start, oldEnd, (offset) => (offset <= start ? offset : offset >= oldEnd ? offset + delta : NaN));
  const [was, now] = pairs[pairs.length - 1]!;
  let part: { readonly replaced: SourceNode; readonly discarded?: SourceNode };
  if (inserted === undefined) {
    (now as MutableNode).parent = linkOf(was);
    splice(was, now, delta);
    part = { replaced: now, discarded: was };
  } else {
    // a property added (a key typed on a new line): it goes into the old object, which stays
    const added = now.children![inserted]! as MutableNode;
    added.parent = was;
    const kids = was.children!.slice();
    kids.splice(inserted, 0, added);
    const m = was as MutableNode;
    m.children = kids;
    for (let k = inserted + 1; k < kids.length; k++) moveTree(kids[k]!, delta);
    shiftAfter(was, delta);
    part = { replaced: added };
  }
  // the collections on the way (and the one a property went into) end as parsed: a YAML collection where its content
  // does (a comment or spaces after a value do not move its end)
  for (let j = pairs.length - (inserted === undefined ? 2 : 1); j >= 0; j--) (pairs[j]![0] as MutableNode).length = pairs[j]![1].length;
  return part;
}

/**
 * The smallest part of `old` (the previous tree's) that differs from `fresh` (its parse in the new text), with the
 * objects and arrays on the way: pairs of a node of `old` and its counterpart in `fresh`, from `[old, fresh]` down
 * to the part. It goes down while the two are objects or arrays at the same place whose children are all the same
 * but one, to that child's value, or to that child itself when it is a property whose key differs or whose value
 * does not start where the old one did (the part is then the property: a key being typed). `at` maps an offset of the
 * previous text to the new one (NaN inside the edit). The rest of `old`, moved, is then node for node the rest of
 * `fresh`, but for the lengths of the objects and arrays on the way. It goes down only to nodes that hold the edit
 * (`holds`): those on the way stay, and keep their offsets (a syntax problem's recovery, or an edit in the indentation
 * before a nested collection, may leave one child differing below a node the edit moved, or before the edit).
 */
function narrow(
  old: SourceNode, fresh: SourceNode, start: number, oldEnd: number, at: OffsetMap,
): { pairs: [SourceNode, SourceNode][]; inserted?: number } {
  const pairs: [SourceNode, SourceNode][] = [[old, fresh]];
  for (;;) {
    const [a, b] = pairs[pairs.length - 1]!;
    if (a.type !== b.type || (a.type !== 'object' && a.type !== 'array')) return { pairs };
    const as = a.children!;
    const bs = b.children!;
    if (as.length !== bs.length) return { pairs, inserted: a.type === 'object' ? insertedAt(as, bs, at) : undefined };
    let differing = -1;
    for (let i = 0; i < as.length; i++) {
      if (same(as[i]!, bs[i]!, at)) continue;
      if (differing >= 0) return { pairs };
      differing = i;
    }
    if (differing < 0) return { pairs };
    let x: SourceNode | undefined = as[differing]!;
    let y: SourceNode | undefined = bs[differing]!;
    if (x.type === 'property') {
      if (y.type !== 'property' || !holds(x, start, oldEnd)) return { pairs };
      const xv = valueOfProperty(x);
      const yv = valueOfProperty(y);
      // A key being typed, or a value that is not where the old one was (a colon typed after a key, which moves its
      // missing value) or does not hold the edit: the property goes in whole, the mapping around stays. One not at its
      // place is no part of it.
      if (!sameKey(x, y, at) || !xv || !yv || yv.offset !== at(xv.offset) || !holds(xv, start, oldEnd)) {
        if (y.offset === at(x.offset)) pairs.push([x, y]);
        return { pairs };
      }
      x = xv;
      y = yv;
    }
    // a part that starts elsewhere now is no part of the old one
    if (y.offset !== at(x.offset) || !holds(x, start, oldEnd)) return { pairs };
    pairs.push([x, y]);
  }
}

/**
 * True when node `x` of the previous tree holds the edit (from `start` to `oldEnd`), ends included: only such a node
 * can be the part, as everything after it then moves by the edit's length. A syntax problem's recovery may differ in
 * a node before the edit (JSON: a value whose end the recovery puts at a token after it).
 */
function holds(x: SourceNode, start: number, oldEnd: number): boolean {
  return x.offset <= start && x.offset + x.length >= oldEnd;
}

/** Where `bs` has one child more than `as`, every other the same (moved by `at`): its index, else undefined. */
function insertedAt(as: readonly SourceNode[], bs: readonly SourceNode[], at: OffsetMap): number | undefined {
  if (bs.length !== as.length + 1) return undefined;
  let i = 0;
  while (i < as.length && same(as[i]!, bs[i]!, at)) i++;
  for (let k = i; k < as.length; k++) if (!same(as[k]!, bs[k + 1]!, at)) return undefined;
  return i;
}

/** `b` (of the new text) is `a` (of the previous one) moved by `at`: type, place, length, key, value, children. */
function same(a: SourceNode, b: SourceNode, at: OffsetMap): boolean {
  if (a.type !== b.type || b.offset !== at(a.offset) || b.offset + b.length !== at(a.offset + a.length)) return false;
  if (a.type === 'property') {
    if (!sameKey(a, b, at)) return false;
    const x = valueOfProperty(a);
    const y = valueOfProperty(b);
    return x && y ? same(x, y, at) : x === y;
  }
  if (a.type === 'object' || a.type === 'array') {
    const as = a.children!;
    const bs = b.children!;
    if (as.length !== bs.length) return false;
    for (let i = 0; i < as.length; i++) if (!same(as[i]!, bs[i]!, at)) return false;
    return true;
  }
  return Object.is(a.value, b.value);
}

/** Property nodes `a` and `b` have the same key, written at the same place (moved by `at`), colon included. */
function sameKey(a: SourceNode, b: SourceNode, at: OffsetMap): boolean {
  return keyOf(a) === keyOf(b) && b.offset === at(a.offset) && b.colonOffset === at(a.colonOffset!);
}

/** Puts `fresh` in place of `old`: its ancestors grow by `delta`, and every node after it moves by `delta`. */
export function splice(old: SourceNode, fresh: SourceNode, delta: number): void {
  const parent = linkOf(old) as MutableNode | undefined;
  if (parent instanceof EntriesObjectNode) parent.replaceValue(old, fresh);
  else if (parent instanceof PropertyNode) parent.replaceValue(fresh);
  else parent!.children![parent!.children!.indexOf(old as MutableNode)] = fresh;
  shiftAfter(fresh, delta);
}

/**
 * Moves what follows `node` in the tree by `delta` characters (its later siblings and theirs, up to the root), and
 * makes the collections around it that much longer: `node` is an edited part, `delta` the edit's length.
 */
export function shiftAfter(node: SourceNode, delta: number): void {
  let child: SourceNode = node;
  let cur = linkOf(node) as MutableNode | undefined;
  while (cur) {
    if (cur instanceof EntriesObjectNode) {
      // the entries after the one whose value holds the edit
      cur.length += delta;
      cur.moveAfter(child, delta);
    } else if (!(cur instanceof PropertyNode)) {
      // (a property node's length is its value's end)
      cur.length += delta;
      const kids = cur.children!;
      for (let i = kids.indexOf(child as MutableNode) + 1; i < kids.length; i++) moveTree(kids[i]!, delta);
    }
    child = cur;
    cur = linkOf(cur) as MutableNode | undefined;
  }
}
