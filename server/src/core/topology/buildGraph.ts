/**
 * The topology graph of one analysed template: VNets with their subnets (address budgets), NSGs,
 * route tables, API Management instances and their regions, public IPs, private endpoints, DNS zones,
 * and every flow each APIM region needs as an edge between a service tag and its subnet, with the
 * verdict of the subnet's NSG. Pure: the model and findings in, a serialisable DTO out.
 *
 * Verdicts come from the same code the rules use (`regionFlows`, `verdictOf`), so the picture and the
 * findings cannot disagree.
 */
import type {
  FlowInfo, FlowVerdict, TopologyEdge, TopologyEdgeKind, TopologyFinding, TopologyGraph, TopologyNode, TopologyNodeKind, TopologyRange,
} from '../../../../common/topology';
import { TOPOLOGY_VERSION } from '../../../../common/topology';
import type { AnalysisResult } from '../analyze';
import { asString } from '../arm/value';
import type {
  ApimRegion, ApimService, DnsZone, NetworkModel, NetworkSecurityGroup, PrivateEndpoint, PublicIp, Subnet, VirtualNetwork,
} from '../model/networkModel';
import { describeFlow, explainVerdict, UNKNOWN } from '../nsg/evaluate';
import { modeOf, unitsOf } from '../rules/support/apim';
import { modelRule, verdictOf } from '../rules/support/nsgView';
import { regionFlows } from '../rules/support/regionFlows';
import type { SourceNode } from '../text/sourceNode';
import { subnetBudget } from './budget';
import { referencedResources, type RawResource } from './references';

const range = (n: SourceNode): TopologyRange => ({ offset: n.offset, length: n.length });

/** Builds the graph; a document that is not an analysed template gives an empty graph with its findings. */
export function buildTopology(result: AnalysisResult): TopologyGraph {
  const findings: TopologyFinding[] = result.findings.map((f) => ({ ruleId: f.ruleId, severity: f.severity, message: f.message, range: f.range }));
  if (!result.model) return { version: TOPOLOGY_VERSION, nodes: [], edges: [], findings };
  return new Builder(result.model).build(findings);
}

interface MutableNode {
  id: string;
  kind: TopologyNodeKind;
  label: string[];
  detail?: string[];
  range?: TopologyRange;
  parent?: string;
  budget?: TopologyNode['budget'];
  findings: TopologyFinding[];
  external?: boolean;
}

class Builder {
  readonly #nodes: MutableNode[] = [];
  readonly #edges: TopologyEdge[] = [];
  readonly #ids = new Set<string>();
  readonly #edgeIds = new Set<string>();
  /** Ranges of the source that belong to a node, for placing findings (rules of an NSG, …). */
  readonly #owners: { range: TopologyRange; node: string }[] = [];
  readonly #vnetIds = new Map<VirtualNetwork, string>();
  readonly #subnetIds = new Map<Subnet, string>();
  readonly #nsgIds = new Map<NetworkSecurityGroup, string>();
  readonly #apimIds = new Map<ApimService, string>();
  readonly #regionIds = new Map<ApimRegion, string>();
  readonly #pipIds = new Map<PublicIp, string>();
  readonly #zoneIds = new Map<DnsZone, string>();
  readonly #raw: ReturnType<typeof referencedResources>;
  readonly #byId = new Map<string, MutableNode>();
  /** The regional group of each APIM region (when the template has more than one region). */
  readonly #groupOf = new Map<ApimRegion, { id: string; name: string }>();
  /** The node made for a subnet an APIM region names but this template does not declare. */
  readonly #externalOf = new Map<ApimRegion, string>();
  /** The route table node of each subnet that has one in this template. */
  readonly #routeTableOf = new Map<Subnet, string>();
  /** Each region's flows, computed once (grouping and drawing both need them; each decides its verdicts against the NSG). */
  readonly #flowsOf = new Map<ApimRegion, ReturnType<typeof regionFlows>>();

  constructor(readonly model: NetworkModel) {
    this.#raw = referencedResources(model);
  }

  build(findings: readonly TopologyFinding[]): TopologyGraph {
    const m = this.model;
    m.virtualNetworks.forEach((v, i) => this.vnet(v, i));
    m.subnets.forEach((s, i) => {
      if (!this.#subnetIds.has(s)) this.subnet(s, undefined, i);
    });
    m.networkSecurityGroups.forEach((n, i) => this.nsg(n, i));
    this.#raw.routeTables.forEach((r, i) => this.routeTable(r, i));
    m.publicIps.forEach((p, i) => this.publicIp(p, i));
    m.dnsZones.forEach((z, i) => this.dnsZone(z, i));
    m.apimServices.forEach((s, i) => this.apim(s, i));
    m.privateEndpoints.forEach((p, i) => this.privateEndpoint(p, i));
    this.structural();
    this.groups();
    for (const s of m.apimServices) for (const r of s.regions) this.flows(r);
    const unplaced = this.place(findings);
    const nodes: TopologyNode[] = this.#nodes.map((n) => ({ ...n }));
    return { version: TOPOLOGY_VERSION, nodes, edges: this.#edges, findings: unplaced };
  }

  // -------------------------------------------------------------------------------------------
  // Nodes

  #node(kind: TopologyNodeKind, name: string, n: Omit<MutableNode, 'id' | 'kind' | 'findings'>): string {
    let id = `${kind}:${name}`;
    for (let i = 2; this.#ids.has(id); i++) id = `${kind}:${name}#${i}`;
    this.#ids.add(id);
    const node: MutableNode = { id, kind, findings: [], ...clean(n) };
    this.#nodes.push(node);
    this.#byId.set(id, node);
    if (n.range) this.#owners.push({ range: n.range, node: id });
    return id;
  }

  #edge(kind: TopologyEdgeKind, from: string, to: string, extra: Omit<TopologyEdge, 'id' | 'kind' | 'from' | 'to'> = {}, key = ''): void {
    let id = `${kind}:${from}->${to}${key ? `:${key}` : ''}`;
    for (let i = 2; this.#edgeIds.has(id); i++) id = `${kind}:${from}->${to}${key ? `:${key}` : ''}#${i}`;
    this.#edgeIds.add(id);
    this.#edges.push({ id, kind, from, to, ...clean(extra) });
  }

  vnet(v: VirtualNetwork, i: number): void {
    const name = asString(v.name.ev) ?? `vnet ${i + 1}`;
    const space = v.addressPrefixes.map((p) => asString(p.ev) ?? '?').join(', ');
    const loc = asString(v.location.ev);
    const id = this.#node('vnet', name, { label: [name, ...(space ? [space] : []), ...(loc ? [loc] : [])], range: range(v.res.node) });
    this.#vnetIds.set(v, id);
    v.subnets.forEach((s, j) => this.subnet(s, id, j));
  }

  subnet(s: Subnet, parent: string | undefined, i: number): void {
    if (this.#subnetIds.has(s)) return;
    const vnetName = s.vnet ? asString(s.vnet.name.ev) : undefined;
    const name = asString(s.name.ev) ?? `subnet ${i + 1}`;
    const prefix = asString(s.addressPrefix.ev);
    const label = [name, prefix ?? '(prefix not known)'];
    const delegations = s.delegations.map((d) => asString(d.ev)).filter((d): d is string => !!d);
    if (delegations.length) label.push(`delegated: ${delegations.join(', ')}`);
    const budget = subnetBudget(this.model, s);
    const detail = budget
      ? [`${budget.size} addresses: ${budget.reserved} reserved by Azure, ${budget.usedByApim} used by API Management, ${budget.free} free${budget.overcommitted ? ' (too small)' : ''}`]
      : undefined;
    const id = this.#node('subnet', vnetName ? `${vnetName}/${name}` : name, {
      label, range: range(s.node), ...(parent ? { parent } : {}), ...(budget ? { budget } : {}), ...(detail ? { detail } : {}),
    });
    this.#subnetIds.set(s, id);
  }

  nsg(n: NetworkSecurityGroup, i: number): void {
    const name = asString(n.name.ev) ?? `nsg ${i + 1}`;
    const count = n.rulesUnknown ? 'rules built by an expression' : `${n.rules.length} rule${n.rules.length === 1 ? '' : 's'}`;
    const id = this.#node('nsg', name, { label: [name, count], range: range(n.res.node) });
    this.#nsgIds.set(n, id);
    // Findings on child rule resources belong to the NSG.
    for (const r of n.rules) if (r.style === 'child') this.#owners.push({ range: range(r.node), node: id });
  }

  routeTable(r: RawResource, i: number): void {
    const name = r.name ?? `route table ${i + 1}`;
    const routes = r.count === undefined ? [] : [`${r.count} route${r.count === 1 ? '' : 's'}`];
    r.id = this.#node('routeTable', name, { label: [name, ...routes], range: range(r.res.node) });
  }

  publicIp(p: PublicIp, i: number): void {
    const name = asString(p.name.ev) ?? `public IP ${i + 1}`;
    const sku = asString(p.skuName.ev);
    const dns = asString(p.dnsLabel.ev);
    const id = this.#node('publicIp', name, { label: [name, ...(sku ? [`${sku} SKU`] : []), ...(dns ? [`DNS label: ${dns}`] : [])], range: range(p.res.node) });
    this.#pipIds.set(p, id);
  }

  dnsZone(z: DnsZone, i: number): void {
    const name = asString(z.name.ev) ?? `DNS zone ${i + 1}`;
    const id = this.#node('dnsZone', name, { label: [name, z.private ? 'private DNS zone' : 'public DNS zone'], range: range(z.res.node) });
    this.#zoneIds.set(z, id);
  }

  apim(s: ApimService, i: number): void {
    const name = asString(s.name.ev) ?? `API Management ${i + 1}`;
    const primary = s.regions[0];
    const lines = [name];
    if (primary) lines.push(...regionFacts(primary));
    const id = this.#node('apim', name, { label: lines, range: range(s.res.node) });
    this.#apimIds.set(s, id);
    s.regions.forEach((r, j) => {
      if (r.primary) {
        this.#regionIds.set(r, id);
        return;
      }
      const loc = asString(r.location.ev) ?? `location ${j + 1}`;
      const rid = this.#node('apimRegion', `${name}/${loc}`, { label: [`${name} · ${loc}`, ...regionFacts(r).slice(0, 2)], range: range(r.node) });
      this.#regionIds.set(r, rid);
      this.#edge('additionalLocation', id, rid);
    });
  }

  privateEndpoint(p: PrivateEndpoint, i: number): void {
    const name = asString(p.name.ev) ?? `private endpoint ${i + 1}`;
    const groups = [...new Set(p.connections.flatMap((c) => c.groupIds.map((g) => asString(g.ev) ?? '?')))];
    const id = this.#node('privateEndpoint', name, { label: [name, ...(groups.length ? [`group: ${groups.join(', ')}`] : [])], range: range(p.res.node) });
    for (const c of p.connections) {
      const target = c.target ? this.#apimIds.get(c.target) : undefined;
      if (target) this.#edge('privateEndpoint', id, target, { range: range(c.node) });
    }
    const subnet = p.subnet ? this.#subnetIds.get(p.subnet) : undefined;
    if (subnet) this.#edge('privateEndpointSubnet', subnet, id, { range: range(p.subnetId.at) });
    for (const zone of this.#raw.zonesOf(p)) {
      const z = this.#zoneIds.get(zone.zone);
      if (z) this.#edge('dnsZone', id, z, { range: range(zone.at) });
    }
  }

  /** NSG and route table associations, injections, public IPs. */
  structural(): void {
    for (const s of this.model.subnets) {
      const sid = this.#subnetIds.get(s);
      if (!sid) continue;
      const nsg = s.nsg ? this.#nsgIds.get(s.nsg) : undefined;
      if (nsg) this.#edge('nsgAssociation', nsg, sid, { range: range(s.nsgId.at) });
      const rt = this.#raw.routeTableOf(s);
      if (rt?.id) {
        this.#routeTableOf.set(s, rt.id);
        this.#edge('routeTable', rt.id, sid, { range: range(rt.at) });
      }
    }
    for (const service of this.model.apimServices) {
      for (const r of service.regions) {
        const rid = this.#regionIds.get(r)!;
        if (r.subnetId.ev !== undefined) {
          let sid = r.subnet ? this.#subnetIds.get(r.subnet) : undefined;
          if (!sid) this.#externalOf.set(r, (sid = this.#externalSubnet(r)));
          this.#edge('injection', rid, sid, { range: range(r.subnetId.at) });
        }
        const pip = r.publicIp ? this.#pipIds.get(r.publicIp) : undefined;
        if (pip) this.#edge('publicIp', pip, rid, { range: range(r.publicIpId.at) });
      }
    }
  }

  /** A subnet an APIM region names that this template does not declare (or whose id is not known). */
  #externalSubnet(r: ApimRegion): string {
    const id = asString(r.subnetId.ev);
    const parts = id?.split('/') ?? [];
    const name = id ? `${parts[parts.length - 3] ?? '?'}/${parts[parts.length - 1] ?? '?'}` : 'subnet not known';
    return this.#node('subnet', `external:${name}`, {
      label: [name, id ? 'not declared in this template' : 'its id is not known before deployment'],
      range: range(r.subnetId.at),
      external: true,
    });
  }

  // -------------------------------------------------------------------------------------------
  // Regional groups

  /**
   * With more than one APIM region (several instances, or additional locations), each region is a
   * group of its own: its region node, its service-tag endpoints (made in `flows`), and what serves
   * that region alone: its public IP, the VNet it is injected in (with the NSGs and route tables of
   * that VNet's subnets, when they guard no subnet elsewhere). A VNet several regions use goes to the
   * first of them that has flows; the others reach into it.
   */
  groups(): void {
    const regions = this.model.apimServices.flatMap((s) => s.regions);
    if (regions.length < 2) return;
    const parentOf = (id: string | undefined, parent: string) => {
      const n = id ? this.#byId.get(id) : undefined;
      if (n && !n.parent) n.parent = parent;
    };
    regions.forEach((r, i) => {
      const service = asString(r.service.name.ev) ?? `API Management ${i + 1}`;
      const loc = asString(r.location.ev) ?? 'location not known';
      const name = `${service}/${loc}`;
      const id = this.#node('region', name, { label: [loc, `${service} · ${r.primary ? 'primary location' : 'additional location'}`] });
      // Clicking the group reveals the region; findings stay on the region node (not an owner).
      this.#byId.get(id)!.range = range(r.node);
      // The id's name (numbered when a service lists a location twice) names the group's tags.
      this.#groupOf.set(r, { id, name: id.slice('region:'.length) });
      parentOf(this.#regionIds.get(r), id);
      parentOf(this.#externalOf.get(r), id);
    });
    const single = <T>(items: readonly T[]): T | undefined => (items.length && items.every((x) => x === items[0]) ? items[0] : undefined);
    // Public IPs of one group.
    for (const pip of this.model.publicIps) {
      const g = single(regions.filter((r) => r.publicIp === pip).map((r) => this.#groupOf.get(r)!.id));
      if (g) parentOf(this.#pipIds.get(pip), g);
    }
    // VNets (and subnets declared on their own) where a region is injected.
    const holder = new Map<Subnet, string>();
    const pick = (users: readonly ApimRegion[]) => {
      const r = users.find((u) => this.#regionFlows(u).length > 0) ?? users[0];
      return r ? this.#groupOf.get(r)!.id : undefined;
    };
    for (const v of this.model.virtualNetworks) {
      const users = regions.filter((r) => r.subnet && v.subnets.includes(r.subnet));
      const g = pick(users);
      if (!g) continue;
      parentOf(this.#vnetIds.get(v), g);
      for (const sn of v.subnets) holder.set(sn, g);
    }
    for (const sn of this.model.subnets) {
      if (holder.has(sn) || sn.vnet) continue;
      const g = pick(regions.filter((r) => r.subnet === sn));
      if (!g) continue;
      parentOf(this.#subnetIds.get(sn), g);
      holder.set(sn, g);
    }
    // NSGs and route tables whose subnets all lie in one group.
    for (const n of this.model.networkSecurityGroups) {
      const g = single(this.model.subnets.filter((sn) => sn.nsg === n).map((sn) => holder.get(sn)));
      if (g) parentOf(this.#nsgIds.get(n), g);
    }
    for (const rt of this.#raw.routeTables) {
      if (!rt.id) continue;
      const g = single(this.model.subnets.filter((sn) => this.#routeTableOf.get(sn) === rt.id).map((sn) => holder.get(sn)));
      if (g) parentOf(rt.id, g);
    }
  }

  // -------------------------------------------------------------------------------------------
  // Flows

  flows(region: ApimRegion): void {
    const subnet = region.subnet;
    const sid = subnet ? this.#subnetIds.get(subnet) : undefined;
    if (!subnet || !sid) return;
    const nsg = subnet.nsg;
    const nsgName = nsg ? asString(nsg.name.ev) ?? '(unnamed)' : undefined;
    for (const { req, flow } of this.#regionFlows(region)) {
      const inbound = req.direction === 'Inbound';
      const tag = this.#tag(req.remote, inbound, this.#groupOf.get(region));
      let verdict: FlowVerdict;
      let explanation: string;
      let rule: FlowInfo['rule'];
      let partial = false;
      let edgeRange: TopologyRange | undefined;
      if (!nsg) {
        verdict = 'default-allowed';
        explanation = subnet.nsgId.ev === undefined ? 'not filtered: the subnet has no NSG' : 'not filtered here: the NSG is not declared in this template';
        if (subnet.nsgId.ev !== undefined) verdict = 'unknown';
      } else if (nsg.rulesUnknown) {
        verdict = 'unknown';
        explanation = `cannot be decided: the rules of ${nsgName} are built by an expression`;
        edgeRange = range(nsg.res.node);
      } else {
        const v = verdictOf(nsg, flow);
        verdict = v.outcome;
        explanation = explainVerdict(v);
        if (v.rule) {
          rule = { name: v.rule.name, ...(v.rule.priority !== UNKNOWN ? { priority: v.rule.priority } : {}), isDefault: !!v.rule.isDefault };
          const mr = modelRule(nsg, v.rule);
          edgeRange = mr ? range(mr.node) : range(nsg.rulesArrayNode ?? nsg.res.node);
        } else edgeRange = range(nsg.res.node);
        partial = v.outcome === 'allowed' && !!v.partial;
      }
      const info: FlowInfo = {
        requirement: req.id,
        direction: req.direction,
        protocol: req.protocol,
        port: req.port,
        remote: req.remote,
        required: req.required,
        purpose: req.purpose,
        verdict,
        ...(rule ? { rule } : {}),
        explanation,
        ...(partial ? { partial: true } : {}),
        ...(flow.region !== UNKNOWN ? { region: flow.region } : {}),
        ...(nsgName ? { nsg: nsgName } : {}),
        description: describeFlow(flow),
      };
      const label = `${req.protocol === 'Udp' ? 'UDP ' : ''}${req.port}`;
      if (inbound) this.#edge('flow', tag, sid, { label, flow: info, ...(edgeRange ? { range: edgeRange } : {}) }, req.id);
      else this.#edge('flow', sid, tag, { label, flow: info, ...(edgeRange ? { range: edgeRange } : {}) }, req.id);
    }
  }

  #regionFlows(region: ApimRegion): ReturnType<typeof regionFlows> {
    let f = this.#flowsOf.get(region);
    if (!f) this.#flowsOf.set(region, (f = regionFlows(region)));
    return f;
  }

  /**
   * One service-tag node per tag and direction (inbound sources left of the subnets, outbound
   * destinations right), and per regional group when there are groups: each region's own endpoints.
   */
  #tag(remote: string, inbound: boolean, group?: { id: string; name: string }): string {
    const id = `serviceTag:${group ? `${group.name}:` : ''}${inbound ? 'in' : 'out'}:${remote}`;
    if (!this.#ids.has(id)) {
      this.#ids.add(id);
      const name = remote === 'any' ? 'Internet (any client)' : remote;
      const where = group ? ` (${group.name.replace(/\/(?=[^/]*$)/, ' in ')})` : '';
      const node: MutableNode = {
        id, kind: 'serviceTag', label: [name],
        detail: [inbound ? `inbound: the source of flows to API Management${where}` : `outbound: the destination of flows from API Management${where}`],
        findings: [],
        ...(group ? { parent: group.id } : {}),
      };
      this.#nodes.push(node);
      this.#byId.set(id, node);
    }
    return id;
  }

  // -------------------------------------------------------------------------------------------
  // Findings

  /**
   * Puts each finding on the smallest node whose source contains it; returns the others.
   *
   * Instances of a copy loop share their source: several nodes then own the same smallest range, and
   * the range alone cannot tell which instance a finding concerns. The message can: rules name the
   * subnet, its prefix, the NSG, the region (`'snet-apim' (10.51.1.0/29) … in northeurope`). Among
   * the tied nodes, the finding goes to those whose distinguishing facts (label lines, the name parts
   * of the id, the parent VNet's label) the message names most; when the message names none of them
   * (a finding every instance shares, merged into one by the engine), it goes to each of them.
   */
  place(findings: readonly TopologyFinding[]): TopologyFinding[] {
    const byId = this.#byId;
    const unplaced: TopologyFinding[] = [];
    const facts = new Map<string, ReadonlySet<string>>();
    // Structural neighbours name a node too: "Subnet 'apim' hosts 'apim-b'" concerns the subnet apim-b is injected in.
    const neighbours = new Map<string, string[]>();
    for (const e of this.#edges) {
      if (e.kind === 'flow') continue;
      for (const [a, b] of [[e.from, e.to], [e.to, e.from]] as const) {
        const list = neighbours.get(a);
        if (list) list.push(b);
        else neighbours.set(a, [b]);
      }
    }
    const factsOf = (id: string): ReadonlySet<string> => {
      let f = facts.get(id);
      if (!f) facts.set(id, (f = nodeFacts(byId.get(id)!, byId, neighbours.get(id) ?? [])));
      return f;
    };
    // Tied nodes share one range: what tells them apart is computed once per range.
    const ties = new Map<string, Tie>();
    for (const f of findings) {
      let smallest = Infinity;
      let tied = new Set<string>();
      let at: TopologyRange | undefined;
      for (const o of this.#owners) {
        if (f.range.offset >= o.range.offset && f.range.offset + f.range.length <= o.range.offset + o.range.length) {
          if (o.range.length < smallest) {
            smallest = o.range.length;
            tied = new Set([o.node]);
            at = o.range;
          } else if (o.range.length === smallest && o.range.offset === at!.offset) tied.add(o.node);
        }
      }
      let targets = [...tied];
      if (tied.size > 1) {
        const key = `${at!.offset}:${at!.length}`;
        let tie = ties.get(key);
        if (!tie) ties.set(key, (tie = tieOf(targets, factsOf)));
        targets = concerned(f.message, tie);
      }
      for (const id of targets) byId.get(id)?.findings.push(f);
      if (!targets.length) unplaced.push(f);
    }
    return unplaced;
  }
}

/**
 * What can name a node in a message: its label lines (and the parts of a "name · location" title),
 * the parts of its id's name, its parent's label, the names of its structural neighbours.
 */
function nodeFacts(n: MutableNode, byId: ReadonlyMap<string, MutableNode>, neighbours: readonly string[]): Set<string> {
  const out = new Set<string>();
  const add = (s: string | undefined) => {
    const t = s?.trim();
    if (t && t.length >= 2) out.add(t);
  };
  for (const line of n.label) {
    add(line);
    for (const part of line.split(' · ')) add(part);
  }
  const name = n.id.slice(n.id.indexOf(':') + 1).replace(/#\d+$/, '');
  add(name);
  for (const part of name.split('/')) add(part);
  const parent = n.parent ? byId.get(n.parent) : undefined;
  if (parent) for (const line of parent.label) add(line);
  for (const id of neighbours) {
    const title = byId.get(id)?.label[0];
    add(title);
    for (const part of title?.split(' · ') ?? []) add(part);
  }
  return out;
}

/** Nodes sharing one range, and the facts that tell them apart: each fact (lower case) with the nodes that have it. */
interface Tie {
  readonly nodes: readonly string[];
  readonly facts: ReadonlyMap<string, readonly string[]>;
}

function tieOf(nodes: readonly string[], factsOf: (id: string) => ReadonlySet<string>): Tie {
  const facts = new Map<string, string[]>();
  for (const id of nodes) {
    for (const fact of factsOf(id)) {
      const k = fact.toLowerCase();
      const list = facts.get(k);
      if (!list) facts.set(k, [id]);
      else if (list[list.length - 1] !== id) list.push(id);
    }
  }
  // A fact every tied node has tells them apart no better than the range did.
  for (const [k, list] of facts) if (list.length === nodes.length) facts.delete(k);
  return { nodes, facts };
}

/** The nodes of a tie that `message` names by what distinguishes them (see `place`). */
function concerned(message: string, tie: Tie): string[] {
  const lower = message.toLowerCase();
  const score = new Map<string, number>();
  for (const [fact, ids] of tie.facts) {
    if (!names(lower, fact)) continue;
    for (const id of ids) score.set(id, (score.get(id) ?? 0) + 1);
  }
  const best = Math.max(0, ...score.values());
  return best > 0 ? tie.nodes.filter((id) => score.get(id) === best) : [...tie.nodes];
}

/** `fact` occurs in `text` as a whole token: `vnet-1` does not name `vnet-10`, `10.0.1.0/2` does not name `10.0.1.0/24`. */
function names(text: string, fact: string): boolean {
  const word = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}_-]/u.test(c);
  const joins = (c: string | undefined, next: string | undefined) => word(c) || ((c === '.' || c === '/' || c === ':') && word(next));
  for (let i = text.indexOf(fact); i >= 0; i = text.indexOf(fact, i + 1)) {
    const before = text[i - 1];
    const after = text[i + fact.length];
    if (word(before) || ((before === '.' || before === '/' || before === ':') && word(text[i - 2]))) continue;
    if (joins(after, text[i + fact.length + 1])) continue;
    return true;
  }
  return false;
}

/** "Premium × 2", "External (VNet injection)", "westeurope". */
function regionFacts(r: ApimRegion): string[] {
  const { mode, tier } = modeOf(r);
  const sku = tier?.name ?? asString(r.skuName.ev) ?? 'tier not known';
  const units = unitsOf(r);
  const lines = [`${sku} × ${units ?? '?'}`, modeText(mode, r.service)];
  const loc = asString(r.location.ev);
  if (loc) lines.push(loc);
  return lines;
}

export function modeText(mode: ReturnType<typeof modeOf>['mode'], service: ApimService): string {
  switch (mode) {
    case 'classic-external': return 'External (VNet injection)';
    case 'classic-internal': return 'Internal (VNet injection)';
    case 'v2-integration': return 'v2 VNet integration';
    case 'v2-injection': return 'v2 VNet injection';
    case 'none': return service.privateEndpoints.length ? 'private endpoint only' : 'not in a VNet';
    default: return 'networking mode not known';
  }
}

/** Drops undefined properties, so the DTO has no `undefined` values (JSON round trips exactly). */
function clean<T extends object>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out as T;
}
