/**
 * Coordinates for a topology graph, by dagre (a layered graph layout; compound graph: VNets contain
 * their subnets). Left to right: public IPs, instances, inbound service tags and NSGs, the subnets in
 * their VNets, outbound service tags. Shared by the webview and the CLI, so both draw the same picture.
 *
 * Flows between the same two nodes (AzureMonitor 443 and 1886, …) are laid out as one dagre edge with
 * one label and drawn as parallel strokes, one per flow, each in its verdict's colour.
 *
 * Connected parts are laid out one by one and packed in rows; identical parts (copy loops) share one
 * layout; beyond a size limit the rest is left out and counted (`omitted`), so that the time of a
 * layout is bounded whatever the input.
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
  /** Every node drawn, clusters (VNets, regional groups) included. */
  readonly nodes: Readonly<Record<string, Box>>;
  /** Polyline per edge drawn, from its source to its target. */
  readonly edges: Readonly<Record<string, readonly Point[]>>;
  readonly labels: readonly EdgeLabelBox[];
  /** Nodes of the graph left out of the picture (see `MAX_DRAWN_NODES`, `MAX_LAYOUT_WORK`); 0 when all are drawn. */
  readonly omitted: number;
}

export interface LayoutOptions {
  /** At most this many nodes are drawn (default `MAX_DRAWN_NODES`). */
  readonly maxNodes?: number;
  /** At most this much layout work (default `MAX_LAYOUT_WORK`, see `workOf`). */
  readonly maxWork?: number;
  /** The layout engine (default `dagre.layout`); tests pass one that fails. */
  readonly engine?: (g: Dagre.graphlib.Graph) => void;
}

/** Distance between parallel strokes of flows that share their two ends. */
const PARALLEL_GAP = 3.5;

/** The picture stops at this many nodes (the SVG stays a size a webview handles). */
export const MAX_DRAWN_NODES = 2000;

/**
 * The picture stops at this much layout work: dagre's time grows faster than linearly with a part's
 * nodes, edges and clusters (a part of 300 clustered nodes takes a second), and the webview lays out
 * again on every edit. Work = nodes + edges + 10 × clusters of each part laid out (a part identical
 * to one laid out before is free); one part is cut to `MAX_PART_WORK`.
 */
export const MAX_LAYOUT_WORK = 2000;
const MAX_PART_WORK = 800;
const CLUSTER_WORK = 10;

/** Width over height the packing of separate parts aims at. */
const PACK_ASPECT = 1.6;

interface PartLayout {
  width: number;
  height: number;
  nodes: Record<string, Box>;
  edges: Record<string, Point[]>;
  labels: EdgeLabelBox[];
}

/** What one part gives dagre: its nodes (graph order), their sizes and clusters, its edges grouped by ends. */
interface Part {
  readonly members: readonly TopologyNode[];
  readonly parents: ReadonlySet<string>;
  readonly sizes: ReadonlyMap<string, { width: number; height: number }>;
  readonly groups: readonly TopologyEdge[][];
  /** Equal for parts that lay out alike (copy-loop instances): their layouts are one, moved. */
  readonly signature: string;
}

/**
 * Lays out each connected part of the graph (nodes joined by an edge or by containment) on its own,
 * then packs the parts in rows, in the order of the graph. A graph of one part is laid out exactly as
 * one dagre graph; a template of a hundred independent instances costs a hundred small layouts (one,
 * when they are copies), not one large one. Beyond the limits (`MAX_DRAWN_NODES`, `MAX_LAYOUT_WORK`)
 * the remaining parts are left out and counted in `omitted`; no input makes the layout run long.
 */
export function layoutTopology(graph: TopologyGraph, options: LayoutOptions = {}): TopologyLayout {
  if (!graph.nodes.length) return { width: 320, height: 80, nodes: {}, edges: {}, labels: [], omitted: 0 };
  const maxNodes = Math.max(1, options.maxNodes ?? MAX_DRAWN_NODES);
  const maxWork = Math.max(1, options.maxWork ?? MAX_LAYOUT_WORK);
  const engine = options.engine ?? ((g: Dagre.graphlib.Graph) => void dagre.layout(g));
  const ctx = context(graph);
  const laid: PartLayout[] = [];
  const cache = new Map<string, { part: Part; layout: PartLayout }>();
  let drawn = 0;
  let work = 0;
  for (const ids of components(graph)) {
    let part = prepare(ctx, ids);
    let cached = cache.get(part.signature);
    let cost = cached ? 0 : workOf(part);
    const recut = (maxPartWork: number, maxPartNodes: number) => {
      part = prepare(ctx, cut(ctx, part.members.map((n) => n.id), maxPartWork, maxPartNodes));
      cached = cache.get(part.signature);
      cost = cached ? 0 : workOf(part);
    };
    // A part too large to lay out whole is cut; a part that does not fit in what is left ends the
    // picture (the first one is cut to fit instead, so that something is drawn).
    if (cost > MAX_PART_WORK) recut(MAX_PART_WORK, maxNodes);
    if (work + cost > maxWork || drawn + part.members.length > maxNodes) {
      if (laid.length) break;
      recut(maxWork, maxNodes);
    }
    const layout = cached ? moved(cached.part, cached.layout, part) : layoutPart(part, engine);
    if (!cached) cache.set(part.signature, { part, layout });
    laid.push(layout);
    drawn += part.members.length;
    work += cost;
    if (drawn >= maxNodes) break;
  }
  return { ...pack(laid), omitted: graph.nodes.length - drawn };
}

interface Context {
  readonly graph: TopologyGraph;
  readonly byId: ReadonlyMap<string, TopologyNode>;
  /** Ids that are some node's parent. */
  readonly clusters: ReadonlySet<string>;
  /** Edges by end (each edge under both ends). */
  readonly edgesOf: ReadonlyMap<string, readonly TopologyEdge[]>;
  readonly childrenOf: ReadonlyMap<string, readonly string[]>;
  /** Each edge's index in the graph (the order dagre sees edges in decides ties). */
  readonly edgeOrder: ReadonlyMap<TopologyEdge, number>;
}

function context(graph: TopologyGraph): Context {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const clusters = new Set(graph.nodes.map((n) => n.parent).filter((p): p is string => !!p && byId.has(p)));
  const edgesOf = new Map<string, TopologyEdge[]>();
  for (const e of graph.edges) {
    for (const end of e.from === e.to ? [e.from] : [e.from, e.to]) {
      const list = edgesOf.get(end);
      if (list) list.push(e);
      else edgesOf.set(end, [e]);
    }
  }
  const childrenOf = new Map<string, string[]>();
  for (const n of graph.nodes) {
    if (!n.parent || !byId.has(n.parent)) continue;
    const list = childrenOf.get(n.parent);
    if (list) list.push(n.id);
    else childrenOf.set(n.parent, [n.id]);
  }
  return { graph, byId, clusters, edgesOf, childrenOf, edgeOrder: new Map(graph.edges.map((e, i) => [e, i])) };
}

/** Node ids per connected part, parts in the order of their first node, nodes in graph order. */
function components(graph: TopologyGraph): string[][] {
  const index = new Map(graph.nodes.map((n, i) => [n.id, i]));
  const up = graph.nodes.map((_, i) => i);
  const find = (i: number): number => {
    while (up[i] !== i) {
      up[i] = up[up[i]!]!;
      i = up[i]!;
    }
    return i;
  };
  const join = (a: number | undefined, b: number | undefined) => {
    if (a === undefined || b === undefined) return;
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) up[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  graph.nodes.forEach((n, i) => n.parent && join(i, index.get(n.parent)));
  for (const e of graph.edges) join(index.get(e.from), index.get(e.to));
  const parts = new Map<number, string[]>();
  graph.nodes.forEach((n, i) => {
    const r = find(i);
    const list = parts.get(r);
    if (list) list.push(n.id);
    else parts.set(r, [n.id]);
  });
  // A root is the smallest index of its part: the Map's order is the order of first nodes.
  return [...parts.values()];
}

/** The layout work of a part: nodes + edges + `CLUSTER_WORK` per cluster. */
function workOf(part: Part): number {
  return part.members.length + part.groups.reduce((a, g) => a + g.length, 0) + CLUSTER_WORK * part.parents.size;
}

/**
 * The nodes of a part nearest its first node (a walk through containment first, then edges, so that
 * what is drawn hangs together: a region with its instance, VNet and tags before the next region),
 * each with the clusters around it, within a work and a node budget; in graph order.
 */
function cut(ctx: Context, ids: readonly string[], maxWork: number, maxNodes: number): string[] {
  const inPart = new Set(ids);
  const order: string[] = [];
  const ordered = new Set<string>();
  // Containment first (a stack: a cluster is completed before the walk moves on), then edges (a
  // queue); a node waiting in the queue is taken at once when its cluster is reached.
  const inside: string[] = [];
  const stacked = new Set<string>();
  const across: string[] = [];
  const queued = new Set<string>();
  const push = (id: string) => {
    if (inPart.has(id) && !ordered.has(id) && !stacked.has(id)) {
      stacked.add(id);
      inside.push(id);
    }
  };
  const enqueue = (id: string) => {
    if (inPart.has(id) && !ordered.has(id) && !queued.has(id)) {
      queued.add(id);
      across.push(id);
    }
  };
  let head = 0;
  for (const start of ids) {
    push(start);
    while (inside.length || head < across.length) {
      const id = inside.length ? inside.pop()! : across[head++]!;
      if (ordered.has(id)) continue;
      ordered.add(id);
      order.push(id);
      const parent = ctx.byId.get(id)?.parent;
      if (parent) push(parent);
      const children = ctx.childrenOf.get(id) ?? [];
      for (let i = children.length - 1; i >= 0; i--) push(children[i]!);
      for (const e of ctx.edgesOf.get(id) ?? []) enqueue(e.from === id ? e.to : e.from);
    }
  }
  const taken = new Set<string>();
  let work = 0;
  for (const id of order) {
    if (taken.has(id)) continue;
    const adding: string[] = [];
    for (let n: string | undefined = id; n && !taken.has(n) && !adding.includes(n); n = ctx.byId.get(n)?.parent) adding.push(n);
    let delta = 0;
    for (const a of adding) {
      delta += 1 + (ctx.clusters.has(a) ? CLUSTER_WORK : 0);
      for (const e of ctx.edgesOf.get(a) ?? []) {
        const other = e.from === a ? e.to : e.from;
        if (taken.has(other) || (adding.includes(other) && other < a)) delta++;
      }
    }
    if (taken.size && (work + delta > maxWork || taken.size + adding.length > maxNodes)) break;
    for (const a of adding) taken.add(a);
    work += delta;
  }
  return ids.filter((id) => taken.has(id));
}

function prepare(ctx: Context, ids: readonly string[]): Part {
  const set = new Set(ids);
  const members = ids.map((id) => ctx.byId.get(id)!);
  const parents = new Set(members.map((n) => n.parent).filter((p): p is string => !!p && set.has(p)));
  // A cluster is at least as wide as its header: its children are widened to carry it (in a regional
  // group, only the instance: the group's other members are its tags and VNet, in other ranks).
  const minChildWidth = new Map<string, number>();
  for (const p of parents) minChildWidth.set(p, clusterMinWidth(ctx.byId.get(p)!) - 2 * M.pad);
  const carries = (n: TopologyNode) => ctx.byId.get(n.parent!)?.kind !== 'region' || n.kind === 'apim' || n.kind === 'apimRegion';
  const sizes = new Map<string, { width: number; height: number }>();
  for (const n of members) {
    if (parents.has(n.id)) continue;
    const size = nodeSize(n);
    const min = n.parent && set.has(n.parent) && carries(n) ? minChildWidth.get(n.parent) ?? 0 : 0;
    sizes.set(n.id, { width: Math.max(size.width, min), height: size.height });
  }
  const edges: TopologyEdge[] = [];
  const seen = new Set<TopologyEdge>();
  for (const id of ids) {
    for (const e of ctx.edgesOf.get(id) ?? []) {
      if (!seen.has(e) && set.has(e.from) && set.has(e.to)) {
        seen.add(e);
        edges.push(e);
      }
    }
  }
  // Graph order of edges (the order dagre sees them in decides ties).
  edges.sort((a, b) => ctx.edgeOrder.get(a)! - ctx.edgeOrder.get(b)!);
  const groups = [...groupEdges(edges).values()];
  const index = new Map(ids.map((id, i) => [id, i]));
  const sig: string[] = members.map((n) => {
    const s = sizes.get(n.id);
    return `${s ? `${s.width}x${s.height}` : 'c'}^${n.parent && set.has(n.parent) ? index.get(n.parent) : ''}`;
  });
  for (const g of groups) sig.push(`${index.get(g[0]!.from)}>${index.get(g[0]!.to)}:${g[0]!.kind === 'flow' ? 1 : 2}:${g.length}:${groupLabel(g)}`);
  return { members, parents, sizes, groups, signature: sig.join(';') };
}

function layoutPart(part: Part, engine: (g: Dagre.graphlib.Graph) => void): PartLayout {
  try {
    return dagreLayout(part, engine, true);
  } catch {
    // dagre can fail on some compound graphs ("Not possible to find intersection inside of the
    // rectangle"): without the clusters, then on a grid.
    try {
      return dagreLayout(part, engine, false);
    } catch {
      return gridLayout(part);
    }
  }
}

function dagreLayout(part: Part, engine: (g: Dagre.graphlib.Graph) => void, compound: boolean): PartLayout {
  const g = new dagre.graphlib.Graph({ compound, multigraph: false });
  g.setGraph({ rankdir: 'LR', nodesep: 16, ranksep: 56, edgesep: 8, marginx: 16, marginy: 16 });
  g.setDefaultEdgeLabel(() => ({}));
  const { members, parents } = part;
  for (const n of members) {
    const size = part.sizes.get(n.id);
    if (size) g.setNode(n.id, { ...size });
    else if (compound) g.setNode(n.id, {});
  }
  if (compound) for (const n of members) if (n.parent && parents.has(n.parent)) g.setParent(n.id, n.parent);
  const groups = compound ? part.groups : part.groups.filter((grp) => part.sizes.has(grp[0]!.from) && part.sizes.has(grp[0]!.to));
  for (const grp of groups) {
    const label = groupLabel(grp);
    const first = grp[0]!;
    // Structural edges are shorter and weigh more, so an NSG sits next to its subnets.
    const weight = first.kind === 'flow' ? 1 : 2;
    g.setEdge(first.from, first.to, label
      ? { width: Math.ceil(label.length * M.edgeLabelChar + 8), height: M.edgeLabelHeight, labelpos: 'c', weight, minlen: 1 }
      : { weight, minlen: 1 });
  }
  engine(g);

  const nodes: Record<string, Box> = {};
  for (const n of members) {
    const l = g.hasNode(n.id) ? (g.node(n.id) as { x?: number; y?: number; width?: number; height?: number } | undefined) : undefined;
    if (l?.x === undefined || l.y === undefined || l.width === undefined || l.height === undefined) continue;
    nodes[n.id] = { x: l.x - l.width / 2, y: l.y - l.height / 2, width: l.width, height: l.height };
  }
  const size = g.graph() as { width?: number; height?: number };
  let width = Math.ceil(size.width ?? 0);
  let height = Math.ceil(size.height ?? 0);
  if (!compound) ({ width, height } = boxClusters(part, nodes, width, height));
  const edges: Record<string, Point[]> = {};
  const labels: EdgeLabelBox[] = [];
  const ends = new Map<string, readonly [string, string]>();
  for (const grp of part.groups) {
    const first = grp[0]!;
    const l = g.hasEdge(first.from, first.to) ? (g.edge(first.from, first.to) as { points?: Point[]; x?: number; y?: number; width?: number; height?: number } | undefined) : undefined;
    const pts = l?.points?.length ? l.points : straight(nodes[first.from], nodes[first.to]);
    grp.forEach((e, i) => {
      edges[e.id] = offsetPolyline(pts, (i - (grp.length - 1) / 2) * PARALLEL_GAP);
      ends.set(e.id, [e.from, e.to]);
    });
    const text = groupLabel(grp);
    if (text && l?.x !== undefined && l.y !== undefined) {
      const w = l.width ?? text.length * M.edgeLabelChar + 8;
      const h = l.height ?? M.edgeLabelHeight;
      labels.push({ x: l.x - w / 2, y: l.y - h / 2, width: w, height: h, text, edges: grp.map((e) => e.id) });
    }
  }
  const out = { width, height, nodes, edges, labels };
  return compound ? makeRoomForHeaders(out, members.filter((n) => parents.has(n.id)), ends) : out;
}

/** Without dagre's clusters: each cluster's box around its descendants (innermost first), a header's height above. */
function boxClusters(part: Part, nodes: Record<string, Box>, width: number, height: number): { width: number; height: number } {
  const byId = new Map(part.members.map((m) => [m.id, m]));
  const depth = (n: TopologyNode) => {
    let d = 0;
    for (let p = n.parent; p && part.parents.has(p) && d < 16; p = byId.get(p)?.parent) d++;
    return d;
  };
  const clusters = part.members.filter((n) => part.parents.has(n.id)).sort((a, b) => depth(b) - depth(a));
  for (const c of clusters) {
    const inner = part.members.filter((n) => n.parent === c.id && nodes[n.id]).map((n) => nodes[n.id]!);
    if (!inner.length) continue;
    const x0 = Math.min(...inner.map((b) => b.x)) - M.pad;
    const y0 = Math.min(...inner.map((b) => b.y)) - M.clusterHeader;
    const x1 = Math.max(...inner.map((b) => b.x + b.width)) + M.pad;
    const y1 = Math.max(...inner.map((b) => b.y + b.height)) + M.pad;
    nodes[c.id] = { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
  }
  // Boxes that grew past the top or left edge: everything moves.
  const boxes = Object.values(nodes);
  const dx = Math.max(0, 16 - Math.min(...boxes.map((b) => b.x)));
  const dy = Math.max(0, 16 - Math.min(...boxes.map((b) => b.y)));
  if (dx || dy) for (const [id, b] of Object.entries(nodes)) nodes[id] = { ...b, x: b.x + dx, y: b.y + dy };
  return {
    width: Math.ceil(Math.max(width + dx, ...Object.values(nodes).map((b) => b.x + b.width + 16))),
    height: Math.ceil(Math.max(height + dy, ...Object.values(nodes).map((b) => b.y + b.height + 16))),
  };
}

/** The last resort: the leaves in rows, in graph order; edges straight. */
function gridLayout(part: Part): PartLayout {
  const nodes: Record<string, Box> = {};
  const leaves = part.members.filter((n) => part.sizes.has(n.id));
  const perRow = Math.max(1, Math.ceil(Math.sqrt(leaves.length)));
  let x = 16;
  let y = 16;
  let rowHeight = 0;
  let width = 0;
  leaves.forEach((n, i) => {
    if (i && i % perRow === 0) {
      x = 16;
      y += rowHeight + 24;
      rowHeight = 0;
    }
    const s = part.sizes.get(n.id)!;
    nodes[n.id] = { x, y, width: s.width, height: s.height };
    x += s.width + 24;
    width = Math.max(width, x);
    rowHeight = Math.max(rowHeight, s.height);
  });
  const edges: Record<string, Point[]> = {};
  for (const grp of part.groups) for (const e of grp) edges[e.id] = straight(nodes[e.from], nodes[e.to]);
  return { width: Math.ceil(width - 8), height: Math.ceil(y + rowHeight + 16), nodes, edges, labels: [] };
}

/** The layout of `from` for `to`, a part with the same signature: same boxes, routes and labels, new ids. */
function moved(from: Part, layout: PartLayout, to: Part): PartLayout {
  const nodes: Record<string, Box> = {};
  from.members.forEach((n, i) => {
    const b = layout.nodes[n.id];
    if (b) nodes[to.members[i]!.id] = b;
  });
  const edges: Record<string, Point[]> = {};
  const edgeIds = new Map<string, string>();
  from.groups.forEach((grp, i) => grp.forEach((e, k) => {
    const target = to.groups[i]![k]!;
    edgeIds.set(e.id, target.id);
    const pts = layout.edges[e.id];
    if (pts) edges[target.id] = pts;
  }));
  const labels = layout.labels.map((l) => ({ ...l, edges: l.edges.map((id) => edgeIds.get(id) ?? id) }));
  return { width: layout.width, height: layout.height, nodes, edges, labels };
}

/**
 * Parts side by side in rows (a shelf packing, in order): rows as wide as the widest part, or as the
 * side of a `PACK_ASPECT` rectangle of the parts' total area when that is wider. Each part keeps its
 * dagre margins, which make the gap between parts.
 */
function pack(parts: readonly PartLayout[]): Omit<TopologyLayout, 'omitted'> {
  if (parts.length === 1) return parts[0]!;
  const area = parts.reduce((a, p) => a + p.width * p.height, 0);
  const rowWidth = Math.max(...parts.map((p) => p.width), Math.sqrt(area * PACK_ASPECT));
  const nodes: Record<string, Box> = {};
  const edges: Record<string, Point[]> = {};
  const labels: EdgeLabelBox[] = [];
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  let width = 0;
  for (const p of parts) {
    if (x > 0 && x + p.width > rowWidth) {
      y += rowHeight;
      x = 0;
      rowHeight = 0;
    }
    for (const [id, b] of Object.entries(p.nodes)) nodes[id] = { x: b.x + x, y: b.y + y, width: b.width, height: b.height };
    for (const [id, pts] of Object.entries(p.edges)) edges[id] = pts.map((q) => ({ x: q.x + x, y: q.y + y }));
    for (const l of p.labels) labels.push({ ...l, x: l.x + x, y: l.y + y });
    x += p.width;
    width = Math.max(width, x);
    rowHeight = Math.max(rowHeight, p.height);
  }
  return { width: Math.ceil(width), height: Math.ceil(y + rowHeight), nodes, edges, labels };
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
function makeRoomForHeaders(l: PartLayout, clusters: readonly TopologyNode[], ends: ReadonlyMap<string, readonly [string, string]>): PartLayout {
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
