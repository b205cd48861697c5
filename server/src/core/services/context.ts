import { keyOf, nodeAtOffset, parentOf, prop, type SourceNode } from '../text/sourceNode';

/** Where the cursor is, in ARM terms: the property whose value it is in, and the resource around it. */
export interface CursorContext {
  /** The innermost node at the offset. */
  readonly node: SourceNode | undefined;
  /** The scalar value node under the cursor (strings, numbers), if any. */
  readonly value: SourceNode | undefined;
  /** Name of the property whose value (or array item) holds the cursor. */
  readonly property: string | undefined;
  /** The parent property of that (e.g. `sku` for `sku.name`). */
  readonly parentProperty: string | undefined;
  /** The innermost object that has a string `type` (an ARM resource). */
  readonly resource: SourceNode | undefined;
  readonly resourceType: string | undefined;
}

export function cursorContext(root: SourceNode | undefined, offset: number): CursorContext {
  const node = root ? nodeAtOffset(root, offset) : undefined;
  let value: SourceNode | undefined;
  let property: string | undefined;
  let parentProperty: string | undefined;
  let resource: SourceNode | undefined;
  let cur = node;
  if (cur && cur.type !== 'object' && cur.type !== 'array' && cur.type !== 'property') value = cur;
  // A key node: the cursor is on a property name.
  const up = cur && parentOf(cur);
  if (up?.type === 'property' && up.children?.[0] === cur) {
    property = keyOf(up);
    value = undefined;
    // on from the object that holds the property (the property itself is named: it is not its own parent property)
    cur = parentOf(up);
  }
  while (cur) {
    if (cur.type === 'property') {
      const k = keyOf(cur);
      if (property === undefined) property = k;
      else if (parentProperty === undefined) parentProperty = k;
    }
    if (cur.type === 'object' && !resource && typeof prop(cur, 'type')?.value === 'string' && prop(cur, 'name') !== undefined) resource = cur;
    cur = parentOf(cur);
  }
  const t = prop(resource, 'type')?.value;
  return { node, value, property, parentProperty, resource, resourceType: typeof t === 'string' ? t : undefined };
}
