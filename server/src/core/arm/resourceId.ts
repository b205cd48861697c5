/**
 * ARM resource ids: building them as resourceId() does, and reading any id string back into
 * (type, names) so that references link to the resources they name.
 */

/** `{prefix}/providers/{namespace}/{type1}/{name1}/{type2}/{name2}…`; undefined when type and names do not match. */
export function buildResourceId(prefix: string, type: string, names: readonly string[]): string | undefined {
  const segs = type.split('/');
  if (segs.length < 2 || segs.some((s) => s.length === 0)) return undefined;
  const flat: string[] = [];
  for (const n of names) for (const p of n.split('/')) flat.push(p);
  if (flat.length !== segs.length - 1) return undefined;
  let out = `${prefix}/providers/${segs[0]}`;
  for (let i = 1; i < segs.length; i++) out += `/${segs[i]}/${flat[i - 1]}`;
  return out;
}

export interface ParsedResourceId {
  /** Full type, e.g. `Microsoft.Network/virtualNetworks/subnets`. */
  type: string;
  /** One name per type segment after the namespace, e.g. `['vnet', 'sn']`. */
  names: string[];
}

const eq = (a: string, b: string): boolean => a.length === b.length && a.toLowerCase() === b.toLowerCase();

/**
 * Reads the (type, names) of an ARM resource id, written by resourceId() or by hand:
 * `/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/sn`
 * → `{ type: 'Microsoft.Network/virtualNetworks/subnets', names: ['vnet', 'sn'] }`.
 * Extension resources (`…/providers/A.B/x/y/providers/C.D/t/n`) give the last resource.
 * Also accepts `/subscriptions/s`, `/subscriptions/s/resourceGroups/rg`, tenant-level
 * `/providers/…` ids, and the short `Microsoft.Network/virtualNetworks/vnet` form dependsOn allows.
 */
export function parseResourceId(id: string): ParsedResourceId | undefined {
  let s = id.trim();
  if (s.length === 0) return undefined;
  let start = 0;
  let end = s.length;
  while (start < end && s.charCodeAt(start) === 0x2f) start++;
  while (end > start && s.charCodeAt(end - 1) === 0x2f) end--;
  s = s.slice(start, end);
  if (!s) return undefined;
  const segs = s.split('/');
  for (const x of segs) if (x.length === 0 || x.trim() !== x) return undefined;

  for (let i = segs.length - 2; i >= 0; i--) {
    if (!eq(segs[i], 'providers')) continue;
    const rest = segs.length - (i + 2);
    if (rest < 2 || rest % 2 !== 0) continue;
    if (!prefixOk(segs, i)) continue;
    const typeSegs = [segs[i + 1]];
    const names: string[] = [];
    for (let k = i + 2; k < segs.length; k += 2) {
      typeSegs.push(segs[k]);
      names.push(segs[k + 1]);
    }
    return { type: typeSegs.join('/'), names };
  }
  if (eq(segs[0], 'subscriptions')) {
    if (segs.length === 2) return { type: 'Microsoft.Resources/subscriptions', names: [segs[1]] };
    if (segs.length === 4 && eq(segs[2], 'resourceGroups')) return { type: 'Microsoft.Resources/resourceGroups', names: [segs[3]] };
    return undefined;
  }
  // short form: Namespace.Provider/type/name[/type/name…]
  if (segs[0].includes('.') && segs.length >= 3 && segs.length % 2 === 1 && !eq(segs[0], 'providers')) {
    const typeSegs = [segs[0]];
    const names: string[] = [];
    for (let k = 1; k < segs.length; k += 2) {
      typeSegs.push(segs[k]);
      names.push(segs[k + 1]);
    }
    return { type: typeSegs.join('/'), names };
  }
  return undefined;
}

/** What comes before `providers` at index i must itself be a scope: nothing, a subscription, a group, or a resource. */
function prefixOk(segs: readonly string[], i: number): boolean {
  if (i === 0) return true;
  if (eq(segs[0], 'subscriptions')) {
    if (i === 2) return true;
    if (i === 4 && eq(segs[2], 'resourceGroups')) return true;
  }
  // an extension resource: the prefix is a resource id of its own
  return parseResourceId(segs.slice(0, i).join('/')) !== undefined;
}

/** The key that links a reference to a resource: lower-cased `type|name1/name2`. */
export function resourceKey(type: string, names: readonly string[]): string {
  return `${type}|${names.join('/')}`.toLowerCase();
}
