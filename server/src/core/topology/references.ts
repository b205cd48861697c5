/**
 * Resources the network model does not carry but the picture shows: route tables (and which subnet
 * uses which), and the private DNS zones a private endpoint registers in (its `privateDnsZoneGroups`).
 * Read from the evaluated resources, ids resolved as the model resolves them (`keyOfId`).
 */
import { asArray, asString, getPath, type EV } from '../arm/value';
import { resourceKey } from '../arm/resourceId';
import { keyOfId } from '../model/extract';
import type { DnsZone, NetworkModel, PrivateEndpoint, Subnet } from '../model/networkModel';
import { within } from '../model/read';
import type { ResourceInstance } from '../template/resources';
import { prop, type SourceNode } from '../text/sourceNode';

export interface RawResource {
  readonly res: ResourceInstance;
  readonly name: string | undefined;
  readonly key: string | undefined;
  /** Routes, when listed inline. */
  readonly count: number | undefined;
  /** The graph node id, once the builder made one. */
  id?: string;
}

const ROUTE_TABLE = 'microsoft.network/routetables';
const ZONE_GROUP = 'microsoft.network/privateendpoints/privatednszonegroups';

function isInstance(x: unknown): x is ResourceInstance {
  return typeof x === 'object' && x !== null && 'typeKey' in x && 'scope' in x && 'node' in x;
}

/** The source node where `ev` is written, when it lies inside `outer`; else `outer`. */
function site(ev: EV | undefined, outer: SourceNode): SourceNode {
  return ev?.node && within(ev.node, outer) ? ev.node : outer;
}

export function referencedResources(model: NetworkModel) {
  const instances = [...model.byKey.values()].filter(isInstance);
  const routeTables: RawResource[] = instances
    .filter((r) => r.typeKey === ROUTE_TABLE)
    .map((res) => {
      const value = res.scope.evalNode(res.node);
      const name = asString(res.name);
      const routes = asArray(getPath(value, ['properties', 'routes']));
      return { res, name, key: name === undefined ? undefined : resourceKey(res.type, [name]), count: routes?.length };
    });
  const rtByKey = new Map(routeTables.filter((r) => r.key).map((r) => [r.key!, r]));
  const zoneByKey = new Map<string, DnsZone>();
  for (const z of model.dnsZones) {
    const n = asString(z.name.ev);
    if (n !== undefined) zoneByKey.set(resourceKey(z.res.type, [n]), z);
  }
  const zoneGroups = instances.filter((r) => r.typeKey === ZONE_GROUP);

  return {
    routeTables,
    /** The route table of this template a subnet uses, and where the subnet names it. */
    routeTableOf(subnet: Subnet): { id?: string; at: SourceNode } | undefined {
      const node = prop(subnet.propertiesNode, 'routeTable');
      const idNode = prop(node, 'id');
      if (!idNode) return undefined;
      const ev = subnet.res.scope.evalNode(idNode);
      const k = keyOfId(ev);
      const rt = k ? rtByKey.get(k) : undefined;
      return rt ? { id: rt.id, at: idNode } : undefined;
    },
    /** The DNS zones of this template a private endpoint registers in (zone groups, inline or as child resources). */
    zonesOf(pe: PrivateEndpoint): { zone: DnsZone; at: SourceNode }[] {
      const out: { zone: DnsZone; at: SourceNode }[] = [];
      const peName = asString(pe.name.ev);
      const groups: { value: EV | undefined; node: SourceNode }[] = [];
      for (const g of zoneGroups) {
        const full = asString(g.name);
        if (peName !== undefined && full?.split('/')[0]?.toLowerCase() === peName.toLowerCase()) groups.push({ value: g.scope.evalNode(g.node), node: g.node });
      }
      // Zone groups written as nested child resources of the endpoint are enumerated as instances too;
      // inline `properties.privateDnsZoneGroups` (older api-versions) are read here.
      const inline = asArray(getPath(pe.res.scope.evalNode(pe.res.node), ['properties', 'privateDnsZoneGroups']));
      for (const g of inline ?? []) groups.push({ value: g, node: site(g, pe.res.node) });
      for (const g of groups) {
        for (const cfg of asArray(getPath(g.value, ['properties', 'privateDnsZoneConfigs'])) ?? []) {
          const idEv = getPath(cfg, ['properties', 'privateDnsZoneId']);
          const k = keyOfId(idEv);
          const zone = k ? zoneByKey.get(k) : undefined;
          if (zone && !out.some((o) => o.zone === zone)) out.push({ zone, at: site(idEv, g.node) });
        }
      }
      return out;
    },
  };
}
