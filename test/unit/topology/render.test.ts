import { describe, it, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { TopologyEdge, TopologyFinding, TopologyGraph, TopologyNode } from '../../../common/topology';
import { getTopologyHtml, topologyCsp } from '../../../client/src/topology/topologyHtml';
import { run } from '../../../server/src/cli/main';
import { analyzeText } from '../../../server/src/core/index';
import { buildTopology, escapeXml, layoutTopology, renderSvg, webviewCss } from '../../../server/src/core/topology/index';
import { offsetPolyline } from '../../../server/src/core/topology/layout';
import { apim, injected, nsg, requiredRules, template } from '../../helpers/templates';

// The layout engine itself, for a test engine that fails only on compound graphs.
const realDagre = () => require('@dagrejs/dagre') as { layout(g: never): void };

const ROOT = path.resolve(__dirname, '../../../..');
const EXAMPLE = path.join(ROOT, 'examples/topology-hub-spoke.json');

function exampleGraph(): TopologyGraph {
  return buildTopology(analyzeText(fs.readFileSync(EXAMPLE, 'utf8'), { uri: EXAMPLE }));
}

function cli(...argv: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = run(argv, (s) => (out += s), (s) => (err += s));
  return { code, out, err };
}

/** A tiny check of well-formed markup: every tag closes in order, no raw `<` or `&` in text or attributes. */
function assertWellFormed(svg: string): void {
  const stack: string[] = [];
  const re = /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|<!--[\s\S]*?-->/g;
  let last = 0;
  for (let m = re.exec(svg); m; m = re.exec(svg)) {
    const between = svg.slice(last, m.index);
    assert.doesNotMatch(between, /[<>]|&(?!(amp|lt|gt|quot|#39);)/, `stray markup before ${m[0].slice(0, 40)}: ${between.slice(0, 80)}`);
    last = m.index + m[0].length;
    if (m[0].startsWith('<!--')) continue;
    if (m[1]) assert.equal(stack.pop(), m[2], `closing ${m[2]}`);
    else if (!m[4]) stack.push(m[2]!);
  }
  assert.equal(svg.slice(last).trim(), '');
  assert.deepEqual(stack, []);
}

describe('escapeXml', () => {
  it('escapes markup characters and replaces what XML cannot carry', () => {
    assert.equal(escapeXml(`<img src=x onerror="alert('1')">&`), '&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;');
    assert.equal(escapeXml('a\u0000b\u0007c\td\ne\r'), 'a\uFFFDb\uFFFDc\td\ne\r');
    assert.equal(escapeXml('x\uD800y\uDC00z'), 'x\uFFFDy\uFFFDz', 'lone surrogates');
    assert.equal(escapeXml('😀 ok'), '😀 ok', 'pairs stay');
    assert.equal(escapeXml('\uFFFE\uFFFF'), '\uFFFD\uFFFD');
    assert.equal(escapeXml('plain-name_1.2/3'), 'plain-name_1.2/3');
  });
});

describe('topology layout', () => {
  it('places every node; no two boxes overlap; subnets lie inside their VNet; edges have routes', () => {
    const graph = exampleGraph();
    const layout = layoutTopology(graph);
    const parents = new Set(graph.nodes.map((n) => n.parent).filter(Boolean));
    for (const n of graph.nodes) assert.ok(layout.nodes[n.id], n.id);
    const leaves = graph.nodes.filter((n) => !parents.has(n.id)).map((n) => ({ id: n.id, ...layout.nodes[n.id]! }));
    for (let i = 0; i < leaves.length; i++) {
      for (let j = i + 1; j < leaves.length; j++) {
        const a = leaves[i]!;
        const b = leaves[j]!;
        const overlap = a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
        assert.ok(!overlap, `${a.id} overlaps ${b.id}`);
      }
    }
    for (const n of graph.nodes.filter((x) => x.parent)) {
      const c = layout.nodes[n.id]!;
      const p = layout.nodes[n.parent!]!;
      assert.ok(c.x >= p.x && c.y >= p.y + 40 && c.x + c.width <= p.x + p.width && c.y + c.height <= p.y + p.height, `${n.id} inside ${n.parent} below its header`);
    }
    for (const e of graph.edges) {
      const pts = layout.edges[e.id]!;
      assert.ok(pts.length >= 2, e.id);
      // Routes start and end on their nodes (within the spread of parallel strokes).
      const near = (p: { x: number; y: number }, b: { x: number; y: number; width: number; height: number }) =>
        p.x >= b.x - 8 && p.x <= b.x + b.width + 8 && p.y >= b.y - 8 && p.y <= b.y + b.height + 8;
      assert.ok(near(pts[0]!, layout.nodes[e.from]!), `${e.id} starts on ${e.from}`);
      assert.ok(near(pts[pts.length - 1]!, layout.nodes[e.to]!), `${e.id} ends on ${e.to}`);
    }
    assert.ok(layout.width > 0 && layout.height > 0);
    // Parallel flows between the same two nodes share one label.
    const monitor = layout.labels.find((l) => l.edges.some((id) => id.includes('monitor-1886')));
    assert.ok(monitor && monitor.text.includes('1886') && monitor.text.includes('443'));
  });

  it('is deterministic', () => {
    const g = exampleGraph();
    assert.deepEqual(layoutTopology(g), layoutTopology(g));
  });

  it('offsets a polyline sideways', () => {
    assert.deepEqual(offsetPolyline([{ x: 0, y: 0 }, { x: 10, y: 0 }], 2), [{ x: 0, y: 2 }, { x: 10, y: 2 }]);
    assert.deepEqual(offsetPolyline([{ x: 0, y: 0 }, { x: 0, y: 10 }], 0), [{ x: 0, y: 0 }, { x: 0, y: 10 }]);
  });

  it('an empty graph has a small empty layout', () => {
    const l = layoutTopology({ version: 1, nodes: [], edges: [], findings: [] });
    assert.deepEqual(l.nodes, {});
    assert.equal(l.omitted, 0);
  });
});

/** A template of `n` copied sets (NSG, VNet with one subnet, Premium instance injected there); each NSG lacks the client rule (a finding per set). */
function copiedSets(n: number): string {
  const copy = (name: string) => ({ name, count: n });
  const t = template([
    { ...nsg("[concat('nsg-', copyIndex())]", requiredRules().slice(1)), copy: copy('nsgs') },
    {
      type: 'Microsoft.Network/virtualNetworks', apiVersion: '2023-09-01', name: "[concat('vnet-', copyIndex())]", location: 'westeurope', copy: copy('vnets'),
      properties: {
        addressSpace: { addressPrefixes: ["[concat('10.', copyIndex(), '.0.0/16')]"] },
        subnets: [{ name: 'apim', properties: { addressPrefix: "[concat('10.', copyIndex(), '.1.0/27')]", networkSecurityGroup: { id: "[resourceId('Microsoft.Network/networkSecurityGroups', concat('nsg-', copyIndex()))]" } } }],
      },
    },
    {
      ...apim({ name: "[concat('apim-', copyIndex())]", properties: { virtualNetworkConfiguration: { subnetResourceId: "[resourceId('Microsoft.Network/virtualNetworks/subnets', concat('vnet-', copyIndex()), 'apim')]" } } }),
      copy: copy('apims'),
    },
  ]);
  return JSON.stringify(t, null, 2);
}

const overlapping = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('topology layout of large graphs', () => {
  it('lays out separate parts on their own and packs them in rows, without overlaps; copies share one layout', () => {
    const graph = buildTopology(analyzeText(copiedSets(24), { format: 'json' }));
    assert.equal(graph.nodes.filter((n) => n.kind === 'apim').length, 24);
    const regions = graph.nodes.filter((n) => n.kind === 'region');
    assert.equal(regions.length, 24, 'one group per instance');
    const layout = layoutTopology(graph);
    assert.equal(layout.omitted, 0);
    for (const n of graph.nodes) assert.ok(layout.nodes[n.id], n.id);
    for (const e of graph.edges) assert.ok((layout.edges[e.id]?.length ?? 0) >= 2, e.id);
    // Parts are the groups: no two overlap, and each member lies inside its group.
    const boxes = regions.map((r) => layout.nodes[r.id]!);
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) assert.ok(!overlapping(boxes[i]!, boxes[j]!), `${regions[i]!.id} / ${regions[j]!.id}`);
    for (const n of graph.nodes.filter((x) => x.parent)) {
      const c = layout.nodes[n.id]!;
      const p = layout.nodes[n.parent!]!;
      assert.ok(c.x >= p.x && c.y >= p.y && c.x + c.width <= p.x + p.width && c.y + c.height <= p.y + p.height, `${n.id} inside ${n.parent}`);
    }
    // In rows: wider than one part, far less tall than 24 parts stacked.
    assert.ok(layout.width > 2 * boxes[0]!.width && layout.height < 8 * boxes[0]!.height, `${layout.width} × ${layout.height}`);
    for (const b of boxes) assert.ok(b.x + b.width <= layout.width && b.y + b.height <= layout.height);
    // Copies: the same picture, moved.
    const rel = (i: number) => {
      const g = boxes[i]!;
      const s = layout.nodes[`subnet:vnet-${i}/apim`]!;
      return [s.x - g.x, s.y - g.y, g.width, g.height];
    };
    assert.deepEqual(rel(7), rel(0));
    assert.deepEqual(layoutTopology(graph), layout, 'deterministic');
  });

  it('stops at its size limit: whole parts drawn, the rest counted and said, their findings listed', () => {
    const graph = buildTopology(analyzeText(copiedSets(30), { format: 'json' }));
    const perSet = graph.nodes.length / 30;
    const layout = layoutTopology(graph, { maxNodes: 10 * perSet });
    assert.equal(layout.omitted, 20 * perSet);
    const drawn = graph.nodes.filter((n) => layout.nodes[n.id]);
    assert.equal(drawn.length, 10 * perSet);
    assert.deepEqual(drawn.filter((n) => n.kind === 'apim').map((n) => n.id), Array.from({ length: 10 }, (_, i) => `apim:apim-${i}`), 'the first parts, whole');
    for (const e of graph.edges) assert.equal(!!layout.edges[e.id], !!(layout.nodes[e.from] && layout.nodes[e.to]), e.id);
    // Every set has a finding (its NSG blocks client traffic): those of the sets not drawn are listed.
    const hidden = graph.nodes.filter((n) => !layout.nodes[n.id]).flatMap((n) => n.findings);
    assert.ok(hidden.length > 0);
    const svg = renderSvg(graph, layout, { theme: 'light' });
    assertWellFormed(svg);
    assert.match(svg, new RegExp(`${20 * perSet} more nodes not drawn: the picture stops at its size limit`));
    assert.match(svg, /findings? outside the picture \(on nodes not drawn\)/);
    assert.ok(svg.includes(escapeXml(hidden[0]!.message)), 'a finding of a node not drawn, listed');
    // Copies cost one layout: within a small work budget, all are drawn.
    assert.equal(layoutTopology(graph, { maxWork: 100 }).omitted, 0);
    // A budget smaller than one part: that part is cut, the clusters of what is drawn kept.
    const big = layoutTopology(graph, { maxWork: 30 });
    assert.ok(big.omitted > graph.nodes.length - perSet, String(big.omitted));
    for (const n of graph.nodes) if (big.nodes[n.id] && n.parent) assert.ok(big.nodes[n.parent], `${n.id}: its cluster is drawn`);
  });

  it('one part larger than the limit is cut near its first node, clusters whole', () => {
    // One NSG on the subnets of 150 VNets: a single part of 451 nodes.
    const nodes: TopologyNode[] = [{ id: 'nsg:shared', kind: 'nsg', label: ['shared', '1 rule'], findings: [] }];
    const edges: TopologyEdge[] = [];
    for (let i = 0; i < 150; i++) {
      nodes.push({ id: `vnet:v${i}`, kind: 'vnet', label: [`v${i}`, '10.0.0.0/16'], findings: [] });
      nodes.push({ id: `subnet:v${i}/a`, kind: 'subnet', label: ['a', '10.0.1.0/24'], parent: `vnet:v${i}`, findings: [] });
      nodes.push({ id: `subnet:v${i}/b`, kind: 'subnet', label: ['b', '10.0.2.0/24'], parent: `vnet:v${i}`, findings: [] });
      edges.push({ id: `nsgAssociation:${i}a`, kind: 'nsgAssociation', from: 'nsg:shared', to: `subnet:v${i}/a` });
      edges.push({ id: `nsgAssociation:${i}b`, kind: 'nsgAssociation', from: 'nsg:shared', to: `subnet:v${i}/b` });
    }
    const graph: TopologyGraph = { version: 1, nodes, edges, findings: [] };
    const layout = layoutTopology(graph);
    assert.ok(layout.omitted > 0 && layout.omitted < nodes.length, String(layout.omitted));
    assert.ok(layout.nodes['nsg:shared'] && layout.nodes['vnet:v0'] && layout.nodes['subnet:v0/a']);
    for (let i = 0; i < 150; i++) {
      const v = !!layout.nodes[`vnet:v${i}`];
      assert.equal(!!layout.nodes[`subnet:v${i}/a`], v, `v${i}: a VNet is drawn with its subnets`);
      assert.equal(!!layout.nodes[`subnet:v${i}/b`], v);
    }
  });

  it('survives a layout engine that fails: without clusters, then on a grid', () => {
    const graph = exampleGraph();
    const failOnClusters = (g: { isCompound(): boolean }) => {
      if (g.isCompound()) throw new Error('Not possible to find intersection inside of the rectangle');
      return realDagre().layout(g as never);
    };
    const flat = layoutTopology(graph, { engine: failOnClusters as never });
    assert.equal(flat.omitted, 0);
    for (const n of graph.nodes) assert.ok(flat.nodes[n.id], n.id);
    for (const n of graph.nodes.filter((x) => x.parent)) {
      const c = flat.nodes[n.id]!;
      const p = flat.nodes[n.parent!]!;
      assert.ok(c.x >= p.x && c.y >= p.y && c.x + c.width <= p.x + p.width && c.y + c.height <= p.y + p.height, `${n.id} inside ${n.parent}`);
    }
    const grid = layoutTopology(graph, { engine: () => { throw new Error('no'); } });
    const leaves = graph.nodes.filter((n) => !graph.nodes.some((m) => m.parent === n.id));
    for (const n of leaves) assert.ok(grid.nodes[n.id], n.id);
    for (let i = 0; i < leaves.length; i++) for (let j = i + 1; j < leaves.length; j++) assert.ok(!overlapping(grid.nodes[leaves[i]!.id]!, grid.nodes[leaves[j]!.id]!));
    assertWellFormed(renderSvg(graph, grid, { theme: 'light' }));
  });
});

describe('renderSvg', () => {
  it('draws nodes and edges with click ids, verdict classes and hover titles; no inline style', () => {
    const graph = exampleGraph();
    const svg = renderSvg(graph, layoutTopology(graph), { theme: 'vscode' });
    assertWellFormed(svg);
    assert.doesNotMatch(svg, /<style|style=/, 'the webview styles by classes only');
    for (const n of graph.nodes) assert.ok(svg.includes(`data-node-id="${escapeXml(n.id)}"`), n.id);
    for (const e of graph.edges) assert.ok(svg.includes(`data-edge-id="${escapeXml(e.id)}"`), e.id);
    assert.match(svg, /class="edge flow verdict-blocked required outbound"/);
    assert.match(svg, /class="edge flow verdict-allowed required/);
    assert.match(svg, /class="edge flow verdict-default /);
    assert.match(svg, /<title>outbound TCP 80 to Internet: blocked\nrequired: [^\n]*\nblocked by DenyInternetOutbound \(priority 200\)\ndeciding rule: DenyInternetOutbound \(priority 200\) in nsg-apim-neu/);
    assert.match(svg, /class="budget"/);
    assert.match(svg, /class="badge sev-error"/);
  });

  it('the light theme embeds its colours; the picture is the same', () => {
    const graph = exampleGraph();
    const layout = layoutTopology(graph);
    const light = renderSvg(graph, layout, { theme: 'light', title: 'a<b>.json' });
    assertWellFormed(light);
    assert.match(light, /<style>svg\.topology \{ font-family: "Segoe UI"/);
    assert.match(light, /\.verdict-blocked \.edge-line \{ stroke: #d32f2f;/);
    assert.doesNotMatch(light, /var\(--vscode/);
    assert.match(light, /aria-label="Network topology of a&lt;b&gt;\.json"/);
    const strip = (s: string) => s.replace(/<style>[\s\S]*?<\/style>\n?/, '').replace(/<title>APIM network topology[^<]*<\/title>|aria-label="[^"]*"/g, '');
    assert.equal(strip(light), strip(renderSvg(graph, layout, { theme: 'vscode' })));
  });

  it('names from the template are text, never markup', () => {
    const t = injected({ apim: { name: '<script>alert(1)</script>' } });
    const text = JSON.stringify(t).replace('"apim-nsg"', '"<img src=x onerror=alert(1)>&amp;"').replace("'apim-nsg'", "'<img src=x onerror=alert(1)>&amp;'");
    const graph = buildTopology(analyzeText(text, { format: 'json' }));
    const svg = renderSvg(graph, layoutTopology(graph), { theme: 'light' });
    assertWellFormed(svg);
    assert.ok(!svg.includes('<script') && !svg.includes('<img'));
    assert.ok(svg.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.ok(svg.includes('&lt;img src=x onerror=alert(1)&gt;&amp;amp;'));
  });
});

describe('findings outside the picture', () => {
  const stray = (i: number, message: string, severity: TopologyFinding['severity'] = 'error'): TopologyFinding =>
    ({ ruleId: 'syntax-error', severity, message, range: { offset: i, length: 1 } });

  it('are listed under the legend with their messages, escaped, each with its full text as hover title', () => {
    const base = exampleGraph();
    const long = `Unexpected token <img src=x onerror=alert(1)> & more: ${'x'.repeat(400)}`;
    const graph: TopologyGraph = { ...base, findings: [stray(0, long), stray(5, 'Parameter "p" is never used', 'warning')] };
    const layout = layoutTopology(graph);
    const svg = renderSvg(graph, layout, { theme: 'light' });
    assertWellFormed(svg);
    assert.ok(!svg.includes('<img'));
    assert.match(svg, /2 findings outside the picture/);
    const items = [...svg.matchAll(/<g class="stray-finding sev-(\w+)"><title>([^<]*)<\/title>[\s\S]*?<text[^>]*>([^<]*)<\/text><\/g>/g)];
    assert.deepEqual(items.map((m) => m[1]), ['error', 'warning']);
    assert.equal(items[0]![2], escapeXml(`error syntax-error: ${long}`), 'the whole message as hover text');
    assert.ok(items[0]![3]!.endsWith('…') && items[0]![3]!.length < items[0]![2]!.length, 'the drawn line is cut to the width');
    assert.equal(items[1]![3], escapeXml('warning syntax-error: Parameter "p" is never used'));
    // The graph moves down below the list: the picture grows by the list's height.
    const without = renderSvg(base, layout, { theme: 'light' });
    const h = (svgText: string) => Number(/height="([\d.]+)"/.exec(svgText)![1]);
    assert.ok(h(svg) >= h(without) + 2 * 15, `${h(svg)} vs ${h(without)}`);
  });

  it('many: the first ones listed, the rest in one line whose hover text lists them', () => {
    const base = exampleGraph();
    const findings = Array.from({ length: 20 }, (_, i) => stray(i, `problem number ${i}`, i === 19 ? 'error' : 'hint'));
    const svg = renderSvg({ ...base, findings }, layoutTopology(base), { theme: 'vscode' });
    assertWellFormed(svg);
    assert.match(svg, /20 findings outside the picture/);
    assert.equal([...svg.matchAll(/class="stray-finding sev-hint"/g)].length, 8);
    const more = /<g class="stray-finding stray-more sev-(\w+)"><title>([^<]*)<\/title>[\s\S]*?<text[^>]*>([^<]*)<\/text>/.exec(svg)!;
    assert.equal(more[1], 'error', 'the worst severity of the rest');
    assert.equal(more[2]!.split('\n').length, 12);
    assert.match(more[2]!, /problem number 8\n[\s\S]*problem number 19$/);
    assert.equal(more[3], '… and 12 more (hover to list them)');
  });

  it('no line when every finding is on a node', () => {
    const svg = renderSvg(exampleGraph(), layoutTopology(exampleGraph()), { theme: 'vscode' });
    assert.doesNotMatch(svg, /outside the picture|stray-finding/);
  });
});

describe('webview page', () => {
  it('has a strict CSP, the nonce on its one script, no inline style', () => {
    const html = getTopologyHtml({ cspSource: 'https://x.vscode-cdn.net', nonce: 'abc123', scriptUri: 'https://x.vscode-cdn.net/dist/webview.js', styleUri: 'https://x.vscode-cdn.net/media/topology.css' });
    assert.equal(topologyCsp('S', 'N'), "default-src 'none'; style-src S; img-src S data:; script-src 'nonce-N';");
    assert.ok(html.includes(`content="default-src 'none'; style-src https://x.vscode-cdn.net; img-src https://x.vscode-cdn.net data:; script-src 'nonce-abc123';"`));
    assert.match(html, /<script nonce="abc123" src="https:\/\/x\.vscode-cdn\.net\/dist\/webview\.js"><\/script>/);
    assert.equal(html.match(/<script/g)?.length, 1);
    assert.doesNotMatch(html, /unsafe-inline|unsafe-eval|style=|<style/);
    assert.throws(() => getTopologyHtml({ cspSource: 'x', nonce: "'; script-src *", scriptUri: 'x', styleUri: 'x' }));
  });

  it('media/topology.css is generated from theme.ts (node test/topology/write-css.mjs)', () => {
    assert.equal(fs.readFileSync(path.join(ROOT, 'media/topology.css'), 'utf8'), webviewCss());
  });
});

describe('cli topology', () => {
  let tmp: string;
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'apim-topology-'));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('writes a standalone SVG by default', () => {
    const r = cli('topology', EXAMPLE);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.err, '');
    assert.match(r.out, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" class="topology"/);
    assert.match(r.out, /<style>/);
    assertWellFormed(r.out.trim());
    assert.ok(r.out.includes('data-node-id="apimRegion:apim-contoso/northeurope"'));
  });

  it('--format json writes the graph', () => {
    const r = cli('topology', '--format', 'json', EXAMPLE);
    assert.equal(r.code, 0, r.err);
    const g = JSON.parse(r.out) as TopologyGraph;
    assert.deepEqual(g, exampleGraph());
    assert.equal(g.edges.filter((e) => e.flow?.verdict === 'blocked' && e.flow.required).length, 1);
    assert.equal(g.nodes.filter((n) => n.kind === 'vnet').length, 3);
    assert.equal(g.nodes.filter((n) => n.kind === 'subnet').length, 10);
    assert.equal(g.nodes.filter((n) => n.kind === 'nsg').length, 4);
    assert.equal(g.nodes.filter((n) => n.kind === 'apim').length, 2);
  });

  it('--parameters and the paired parameter file feed the values', () => {
    const file = path.join(ROOT, 'examples/apim-multiregion.json');
    const paired = JSON.parse(cli('topology', '--format=json', file).out) as TopologyGraph;
    assert.ok(paired.nodes.some((n) => n.label.includes('10.51.1.0/29')), 'the paired parameters file');
    const params = path.join(tmp, 'p.json');
    fs.writeFileSync(params, JSON.stringify({ $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#', parameters: { secondaryPrefix: { value: '10.51.1.0/24' } } }));
    const over = JSON.parse(cli('topology', '--format', 'json', '--parameters', params, file).out) as TopologyGraph;
    assert.ok(over.nodes.some((n) => n.label.includes('10.51.1.0/24')));
  });

  it('exit 2 with one line for a missing file, a file that is not a template, or bad usage', () => {
    const missing = cli('topology', path.join(tmp, 'nope.json'));
    assert.equal(missing.code, 2);
    assert.equal(missing.out, '');
    assert.match(missing.err, /^apim-network-lint topology: .*nope\.json: no such file or folder\n$/);
    const other = path.join(tmp, 'other.json');
    fs.writeFileSync(other, '{"name": "x"}');
    const notTemplate = cli('topology', other);
    assert.equal(notTemplate.code, 2);
    assert.match(notTemplate.err, /^apim-network-lint topology: .*other\.json: not an ARM deployment template\n$/);
    for (const argv of [['topology'], ['topology', '--format', 'png', EXAMPLE], ['topology', EXAMPLE, EXAMPLE], ['topology', '--bogus', EXAMPLE]]) {
      const r = cli(...argv);
      assert.equal(r.code, 2, argv.join(' '));
      assert.equal(r.err.split('\n').length, 2, r.err);
    }
    assert.equal(cli('topology', '--help').code, 0);
  });
});
