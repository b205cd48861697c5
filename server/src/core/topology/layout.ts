/**
 * Coordinates for a topology graph, by dagre (a layered graph layout; compound graph: VNets contain
 * their subnets). Left to right: public IPs, instances, inbound service tags and NSGs, the subnets in
 * their VNets, outbound service tags. Shared by the webview and the CLI, so both draw the same picture.
 *
 * Flows between the same two nodes (AzureMonitor 443 and 1886, …) are laid out as one dagre edge with
 * one label and drawn as parallel strokes, one per flow, each in its verdict's colour.
 */
import type * as Dagre from '@dagrejs/dagre' with { 'resolution-mode': 'import' };
import type { TopologyEdge, TopologyGraph, TopologyNode } from '../../../../common/topology';
import { clusterMinWidth, M, nodeSize } from './metrics';

// dagre is an ES module package with a CommonJS build: required (the CLI and tests are CommonJS; esbuild bundles it for the webview).
declare const require: (id: string) => unknown;
const dagre = require('@dagrejs/dagre') as typeof Dagre;

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** Top-left corner and size. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface EdgeLabelBox extends Box {
  readonly text: string;
  readonly edges: readonly string[];
}

export interface TopologyLayout {
  readonly width: number;
  readonly height: number;
  /** Every node, clusters (VNets) included. */
  readonly nodes: Readonly<Record<string, Box>>;
  /** Polyline per edge, from its source to its target. */
  readonly edges: Readonly<Record<string, readonly Point[]>>;
  readonly labels: readonly EdgeLabelBox[];
}

/** Distance between parallel strokes of flows that share their two ends. */
const PARALLEL_GAP = 3.5;

export function layoutTopology(graph: TopologyGraph): TopologyLayout {
  if (!graph.nodes.length) return { width: 320, height: 80, nodes: {}, edges: {}, labels: [] };
  const g = new dagre.graphlib.Graph({ compound: true, multigraph: false });
  g.setGraph({ rankdir: 'LR', nodesep: 16, ranksep: 56, edgesep: 8, marginx: 16, marginy: 16 });
  g.setDefaultEdgeLabel(() => ({}));

  const parents = new Set(graph.nodes.map((n) => n.parent).filter((p): p is string => !!p));
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  // A cluster is at least as wide as its header: its children are widened to carry it (in a regional
  // group, only the instance: the group's other members are its tags and VNet, in other ranks).
  const minChildWidth = new Map<string, number>();
  for (const p of parents) {
    const n = byId.get(p);
    if (n) minChildWidth.set(p, clusterMinWidth(n) - 2 * M.pad);
  }
  const carries = (n: TopologyNode) => byId.get(n.parent!)?.kind !== 'region' || n.kind === 'apim' || n.kind === 'apimRegion';
  for (const n of graph.nodes) {
    if (parents.has(n.id)) {
      g.setNode(n.id, {});
      continue;
    }
    const size = nodeSize(n);
    const min = n.parent && carries(n) ? minChildWidth.get(n.parent) ?? 0 : 0;
    g.setNode(n.id, { width: Math.max(size.width, min), height: size.height });
  }
  for (const n of graph.nodes) if (n.parent && g.hasNode(n.parent)) g.setParent(n.id, n.parent);

  const groups = groupEdges(graph.edges);
  for (const grp of groups.values()) {
    const label = groupLabel(grp);
    const first = grp[0]!;
    // Structural edges are shorter and weigh more, so an NSG sits next to its subnets.
    const weight = first.kind === 'flow' ? 1 : 2;
    g.setEdge(first.from, first.to, label
      ? { width: Math.ceil(label.length * M.edgeLabelChar + 8), height: M.edgeLabelHeight, labelpos: 'c', weight, minlen: 1 }
      : { weight, minlen: 1 });
  }
  dagre.layout(g);

  const nodes: Record<string, Box> = {};
  for (const id of g.nodes()) {
    const l = g.node(id) as { x: number; y: number; width: number; height: number } | undefined;
    if (!l || !byId.has(id)) continue;
    nodes[id] = { x: l.x - l.width / 2, y: l.y - l.height / 2, width: l.width, height: l.height };
  }
  const edges: Record<string, Point[]> = {};
  const labels: { x: number; y: number; width: number; height: number; text: string; edges: string[] }[] = [];
  for (const grp of groups.values()) {
    const first = grp[0]!;
    const l = g.edge(first.from, first.to) as { points?: Point[]; x?: number; y?: number; width?: number; height?: number } | undefined;
    const pts = l?.points?.length ? l.points : straight(nodes[first.from], nodes[first.to]);
    grp.forEach((e, i) => {
      edges[e.id] = offsetPolyline(pts, (i - (grp.length - 1) / 2) * PARALLEL_GAP);
    });
    const text = groupLabel(grp);
    if (text && l?.x !== undefined && l.y !== undefined) {
      const width = l.width ?? text.length * M.edgeLabelChar + 8;
      const height = l.height ?? M.edgeLabelHeight;
      labels.push({ x: l.x - width / 2, y: l.y - height / 2, width, height, text, edges: grp.map((e) => e.id) });
    }
  }
  const size = g.graph() as { width?: number; height?: number };
  const out = { width: Math.ceil(size.width ?? 0), height: Math.ceil(size.height ?? 0), nodes, edges, labels };
  const ends = new Map(graph.edges.map((e) => [e.id, [e.from, e.to] as const]));
  return makeRoomForHeaders(out, graph.nodes.filter((n) => parents.has(n.id)), ends);
}

function groupEdges(edges: readonly TopologyEdge[]): Map<string, TopologyEdge[]> {
  const groups = new Map<string, TopologyEdge[]>();
  for (const e of edges) {
    if (e.from === e.to) continue;
    // dagre keeps one edge per ordered pair: all edges between two nodes share it.
    const key = `${e.from}\u0000${e.to}`;
    const list = groups.get(key);
    if (list) list.push(e);
    else groups.set(key, [e]);
  }
  // Opposite directions between the same two nodes would be one dagre edge each: fine.
  return groups;
}

function groupLabel(grp: readonly TopologyEdge[]): string {
  const labels = [...new Set(grp.map((e) => e.label).filter((l): l is string => !!l))];
  return labels.join(', ');
}

function straight(a: Box | undefined, b: Box | undefined): Point[] {
  if (!a || !b) return [];
  return [{ x: a.x + a.width, y: a.y + a.height / 2 }, { x: b.x, y: b.y + b.height / 2 }];
}

/** The polyline moved sideways by `d` (perpendicular to each segment, averaged at the joints). */
export function offsetPolyline(pts: readonly Point[], d: number): Point[] {
  if (!d || pts.length < 2) return pts.map((p) => ({ x: p.x, y: p.y }));
  const normals = pts.slice(1).map((p, i) => {
    const q = pts[i]!;
    const dx = p.x - q.x;
    const dy = p.y - q.y;
    const len = Math.hypot(dx, dy) || 1;
    return { x: -dy / len, y: dx / len };
  });
  return pts.map((p, i) => {
    const a = normals[Math.max(0, i - 1)]!;
    const b = normals[Math.min(normals.length - 1, i)]!;
    let nx = (a.x + b.x) / 2;
    let ny = (a.y + b.y) / 2;
    const len = Math.hypot(nx, ny) || 1;
    nx /= len;
    ny /= len;
    return { x: round(p.x + nx * d), y: round(p.y + ny * d) };
  });
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

/**
 * dagre leaves no room above a cluster's children for its header (caption, name, address space):
 * for each cluster, top to bottom, a horizontal band is inserted at its top edge, pushing down every
 * node, edge point and label below that line. Inserting a band never creates an overlap.
 */
function makeRoomForHeaders(
  l: { width: number; height: number; nodes: Record<string, Box>; edges: Record<string, Point[]>; labels: EdgeLabelBox[] },
  clusters: readonly TopologyNode[],
  ends: ReadonlyMap<string, readonly [string, string]>,
): TopologyLayout {
  const order = clusters.filter((c) => l.nodes[c.id]).sort((a, b) => l.nodes[a.id]!.y - l.nodes[b.id]!.y);
  const band = M.clusterHeader - 8;
  const isCluster = new Set(clusters.map((c) => c.id));
  let height = l.height;
  for (const c of order) {
    const top = l.nodes[c.id]!.y;
    const line = top + 0.5;
    const moved = new Set<string>();
    for (const [id, b] of Object.entries(l.nodes)) {
      if (id === c.id) continue;
      if (b.y >= line) {
        l.nodes[id] = { ...b, y: b.y + band };
        moved.add(id);
      } else if (b.y + b.height >= line && isCluster.has(id)) l.nodes[id] = { ...b, height: b.height + band };
    }
    l.nodes[c.id] = { ...l.nodes[c.id]!, height: l.nodes[c.id]!.height + band };
    for (const [id, pts] of Object.entries(l.edges)) {
      const [from, to] = ends.get(id) ?? ['', ''];
      // An end point stays on its node: it moves exactly when the node moved (a node beside the
      // cluster that straddles the line stays, and so do the ends of its edges).
      l.edges[id] = pts.map((p, i) => {
        const end = i === 0 ? from : i === pts.length - 1 ? to : undefined;
        const shift = end !== undefined && l.nodes[end] ? moved.has(end) : p.y >= line;
        return shift ? { x: p.x, y: p.y + band } : p;
      });
    }
    l.labels = l.labels.map((x) => (x.y >= line ? { ...x, y: x.y + band } : x));
    height += band;
  }
  return { width: l.width, height: Math.ceil(height), nodes: l.nodes, edges: l.edges, labels: l.labels };
}
