import type { ResourceInstance } from '../../template/resources';
import { parentOf, prop } from '../../text/sourceNode';

/**
 * The ARM expression text (without brackets) that names `res`, usable in an expression written
 * next to it: `'literal'` for a literal name, the inner expression for `[expr]`. Undefined for
 * names that are not a plain string node.
 */
export function nameExpression(res: ResourceInstance): string | undefined {
  const n = prop(res.node, 'name');
  if (typeof n?.value !== 'string') return undefined;
  const s = n.value;
  if (s.startsWith('[') && !s.startsWith('[[') && s.endsWith(']')) return s.slice(1, -1).trim();
  return `'${s.replace(/'/g, "''")}'`;
}

/** `[resourceId('<type>', <name>)]` for a resource declared next to the referring one. */
export function resourceIdExpression(type: string, res: ResourceInstance): string | undefined {
  const name = nameExpression(res);
  return name === undefined ? undefined : `[resourceId('${type}', ${name})]`;
}

/** True when two resources are written in the same `resources` collection (same expression scope). */
export function declaredTogether(a: ResourceInstance, b: ResourceInstance): boolean {
  const up = parentOf(a.node);
  return !!up && up === parentOf(b.node) && !a.parent && !b.parent;
}
