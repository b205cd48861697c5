/**
 * Draws a laid-out topology graph as one SVG string: the webview shows it (parsed as XML, not as
 * HTML) and the CLI writes it. Every text from the template is escaped; every colour comes from a CSS
 * class (no inline styles): in the webview the classes follow VS Code's theme (media/topology.css), in
 * a standalone file an embedded `<style>` gives them light colours.
 *
 * Hooks for the webview: `data-node-id` / `data-edge-id` on what can be clicked, `<title>` children
 * for hover text, `verdict-allowed|verdict-default|verdict-blocked|verdict-unknown` on flow edges.
 */
import { distinctFindings, type FlowVerdict, type TopologyEdge, type TopologyFinding, type TopologyGraph, type TopologyNode } from '../../../../common/topology';
import { escapeXml } from './escape';
import type { Box, Point, TopologyLayout } from './layout';
import { budgetText, clusterLines, fit, hasCaption, KIND_CAPTION, M } from './metrics';
import { lightColors, svgCss, type Colors } from './theme';

export interface RenderOptions {
  /** `vscode`: classes only (the page's stylesheet colours them). `light`: an embedded `<style>` with light colours. */
  readonly theme: 'light' | 'vscode';
  /** Colours for the embedded style (export from the webview: the current theme's resolved colours). Implies an embedded style. */
  readonly colors?: Colors;
  /** Font family for the embedded style. */
  readonly font?: string;
  /** Document title (the template's file name). */
  readonly title?: string;
}

export const VERDICT_CLASS: Readonly<Record<FlowVerdict, string>> = {
  allowed: 'verdict-allowed',
  'default-allowed': 'verdict-default',
  blocked: 'verdict-blocked',
  unknown: 'verdict-unknown',
};

const VERDICT_TEXT: Readonly<Record<FlowVerdict, string>> = {
  allowed: 'allowed by a rule',
  'default-allowed': 'allowed by a default rule only',
  blocked: 'blocked',
  unknown: 'cannot be decided',
};

const SEVERITY_ORDER = ['hint', 'information', 'warning', 'error'] as const;

const x = escapeXml;
const n = (v: number) => String(Math.round(v * 10) / 10);

export function renderSvg(graph: TopologyGraph, layout: TopologyLayout, options: RenderOptions): string {
  const legendWidth = 760;
  const width = Math.max(layout.width, legendWidth);
  // Nodes the layout left out (a very large graph): counted, and their findings listed with the others.
  const hidden = graph.nodes.filter((nd) => !layout.nodes[nd.id]);
  const hiddenFindings = distinctFindings(hidden.flatMap((nd) => nd.findings));
  const stray = strayPanel(graph.findings, hiddenFindings, layout.omitted, width);
  const top = M.legendHeight + stray.height;
  const height = layout.height + top;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="topology" width="${n(width)}" height="${n(height)}" viewBox="0 0 ${n(width)} ${n(height)}" role="img" aria-label="${x(options.title ? `Network topology of ${options.title}` : 'Network topology')}">`,
  );
  out.push(`<title>${x(options.title ? `APIM network topology: ${options.title}` : 'APIM network topology')}</title>`);
  const colors = options.colors ?? (options.theme === 'light' ? lightColors : undefined);
  if (colors) out.push(`<style>${x(svgCss(colors, options.font)).replace(/&quot;/g, '"').replace(/&#39;/g, "'")}</style>`);
  out.push(defs());
  out.push(`<rect class="bg" x="0" y="0" width="${n(width)}" height="${n(height)}"/>`);
  out.push(legend());
  out.push(stray.markup);
  out.push(`<g class="graph" transform="translate(0 ${n(top)})">`);

  const byId = new Map(graph.nodes.map((nd) => [nd.id, nd]));
  const parents = new Set(graph.nodes.map((nd) => nd.parent).filter((p): p is string => !!p));
  out.push('<g class="clusters">');
  // Outer clusters first: a VNet's box lies over its regional group's.
  const depth = (nd: TopologyNode): number => {
    let d = 0;
    for (let p = nd.parent; p && d < 8; p = byId.get(p)?.parent) d++;
    return d;
  };
  const clusters = graph.nodes.filter((nd) => layout.nodes[nd.id] && isCluster(nd, parents));
  for (const nd of clusters.map((c, i) => ({ c, i, d: depth(c) })).sort((a, b) => a.d - b.d || a.i - b.i).map((e) => e.c)) {
    out.push(cluster(nd, layout.nodes[nd.id]!));
  }
  out.push('</g>');

  out.push('<g class="edges">');
  // Structural edges under the flows; flows in verdict order so blocked ones end on top.
  const rank = (e: TopologyEdge) => (e.kind !== 'flow' ? 0 : e.flow?.verdict === 'blocked' ? 3 : e.flow?.required ? 2 : 1);
  for (const e of [...graph.edges].sort((a, b) => rank(a) - rank(b))) {
    const pts = layout.edges[e.id];
    if (pts && pts.length >= 2) out.push(edge(e, pts, byId));
  }
  out.push('</g>');

  out.push('<g class="edge-labels">');
  for (const l of layout.labels) {
    out.push(
      `<g class="edge-label-group"><rect class="edge-label-bg" x="${n(l.x)}" y="${n(l.y)}" width="${n(l.width)}" height="${n(l.height)}" rx="3"/>` +
        `<text class="edge-label" x="${n(l.x + l.width / 2)}" y="${n(l.y + l.height - 3.5)}" text-anchor="middle">${x(l.text)}</text></g>`,
    );
  }
  out.push('</g>');

  out.push('<g class="nodes">');
  for (const nd of graph.nodes) {
    const box = layout.nodes[nd.id];
    if (box && !isCluster(nd, parents)) out.push(node(nd, box));
  }
  out.push('</g>');
  out.push('</g>');
  out.push('</svg>');
  return out.join('\n');
}

function isCluster(nd: TopologyNode, parents: ReadonlySet<string>): boolean {
  return parents.has(nd.id) || nd.kind === 'vnet' || nd.kind === 'region';
}

function defs(): string {
  const arrow = (id: string, cls: string) =>
    `<marker id="${id}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path class="marker ${cls}" d="M0,0 L10,5 L0,10 z"/></marker>`;
  return [
    '<defs>',
    arrow('arrow-allowed', 'verdict-allowed'),
    arrow('arrow-default', 'verdict-default'),
    arrow('arrow-unknown', 'verdict-unknown'),
    arrow('arrow-structural', 'structural'),
    // Blocked flows end in a bar: the verdict is not told by colour alone.
    '<marker id="arrow-blocked" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="9" markerHeight="9" orient="auto"><path class="marker verdict-blocked" d="M8,0 L8,10 M1,1 L7,9 M7,1 L1,9"/></marker>',
    '</defs>',
  ].join('');
}

function legend(): string {
  const items: [string, string][] = [
    ['verdict-allowed', 'allowed by an NSG rule'],
    ['verdict-default', 'allowed by a default rule only'],
    ['verdict-blocked', 'blocked'],
    ['verdict-unknown', 'cannot be decided'],
  ];
  const parts = ['<g class="legend" transform="translate(16 12)">'];
  let cx = 0;
  for (const [cls, text] of items) {
    const marker = cls === 'verdict-blocked' ? 'arrow-blocked' : cls === 'verdict-allowed' ? 'arrow-allowed' : cls === 'verdict-default' ? 'arrow-default' : 'arrow-unknown';
    parts.push(`<g class="edge ${cls}"><path class="edge-line" d="M${cx},6 L${cx + 26},6" marker-end="url(#${marker})"/></g>`);
    parts.push(`<text class="legend-text" x="${cx + 34}" y="10">${x(text)}</text>`);
    cx += 34 + text.length * 6.1 + 18;
  }
  parts.push(`<g class="edge optional"><path class="edge-line legend-optional" d="M${n(cx)},6 L${n(cx + 26)},6"/></g>`);
  parts.push(`<text class="legend-text" x="${n(cx + 34)}" y="10">optional flow</text>`);
  parts.push('</g>');
  return parts.join('');
}

/** Findings listed one per line under the legend; the rest summed up in one line (its hover text lists them). */
const STRAY_LISTED = 8;

/**
 * Findings that belong to no node (a syntax error, a resource the picture does not draw): listed under
 * the legend with their severity, rule and message, each line cut to the picture's width with the
 * whole text as its hover title.
 */
function strayPanel(onNone: readonly TopologyFinding[], onHidden: readonly TopologyFinding[], omitted: number, width: number): { markup: string; height: number } {
  const findings = [...onNone, ...onHidden];
  if (!findings.length && !omitted) return { markup: '', height: 0 };
  const text = (f: TopologyFinding) => `${f.severity} ${f.ruleId}: ${f.message}`;
  const chars = Math.max(40, Math.floor((width - 2 * 16 - 14) / M.strayChar));
  const cut = (s: string) => {
    const cs = [...s];
    return cs.length <= chars ? s : cs.slice(0, chars - 1).join('') + '…';
  };
  const count = findings.length;
  const parts = [`<g class="stray-findings" transform="translate(16 ${M.legendHeight - 4})">`];
  let y = 10;
  if (omitted) {
    parts.push(`<text class="legend-text stray-title omitted-note" x="0" y="${n(y)}">${x(`${omitted} more node${omitted === 1 ? '' : 's'} not drawn: the picture stops at its size limit`)}</text>`);
    if (count) y += M.strayLine;
  }
  if (count) {
    const where = onHidden.length ? (onNone.length ? 'on no node, or on a node not drawn' : 'on nodes not drawn') : 'on no node';
    parts.push(`<text class="legend-text stray-title" x="0" y="${n(y)}">${x(`${count} finding${count === 1 ? '' : 's'} outside the picture (${where}):`)}</text>`);
  }
  const listed = count > STRAY_LISTED + 1 ? findings.slice(0, STRAY_LISTED) : findings;
  for (const f of listed) {
    y += M.strayLine;
    parts.push(
      `<g class="stray-finding sev-${f.severity}"><title>${x(text(f))}</title>` +
        `<circle class="stray-dot" cx="5" cy="${n(y - 4)}" r="4"/><text class="legend-text" x="14" y="${n(y)}">${x(cut(text(f)))}</text></g>`,
    );
  }
  const rest = findings.slice(listed.length);
  if (rest.length) {
    y += M.strayLine;
    const sev = worst(rest) ?? 'information';
    parts.push(
      `<g class="stray-finding stray-more sev-${sev}"><title>${x(hoverList(rest.map(text)))}</title>` +
        `<circle class="stray-dot" cx="5" cy="${n(y - 4)}" r="4"/><text class="legend-text" x="14" y="${n(y)}">${x(`… and ${rest.length} more (hover to list them)`)}</text></g>`,
    );
  }
  parts.push('</g>');
  return { markup: parts.join(''), height: y + 12 };
}

/** At most `STRAY_HOVER` lines of hover text. */
const STRAY_HOVER = 200;
function hoverList(lines: readonly string[]): string {
  return lines.length <= STRAY_HOVER ? lines.join('\n') : [...lines.slice(0, STRAY_HOVER), `… and ${lines.length - STRAY_HOVER} more`].join('\n');
}

function worst(findings: readonly TopologyFinding[]): TopologyFinding['severity'] | undefined {
  let best = -1;
  for (const f of findings) best = Math.max(best, SEVERITY_ORDER.indexOf(f.severity));
  return best < 0 ? undefined : SEVERITY_ORDER[best];
}

function findingLines(findings: readonly TopologyFinding[]): string[] {
  return findings.length ? ['', ...findings.map((f) => `${f.severity} ${f.ruleId}: ${f.message}`)] : [];
}

function nodeTitle(nd: TopologyNode): string {
  const lines = [`${KIND_CAPTION[nd.kind].toLowerCase()}: ${nd.label[0] ?? ''}`, ...nd.label.slice(1), ...(nd.detail ?? []), ...findingLines(nd.findings)];
  return lines.join('\n');
}

function badge(findings: readonly TopologyFinding[], cx: number, cy: number): string {
  const sev = worst(findings);
  if (!sev) return '';
  const count = findings.length > 99 ? '99+' : String(findings.length);
  return `<g class="badge sev-${sev}" transform="translate(${n(cx)} ${n(cy)})"><circle r="${M.badge}"/><text x="0" y="3.5" text-anchor="middle">${x(count)}</text></g>`;
}

function cluster(nd: TopologyNode, b: Box): string {
  const sev = worst(nd.findings);
  const { title, text } = clusterLines(nd);
  return [
    `<g class="cluster node kind-${nd.kind}${sev ? ` sev-${sev}` : ''}" data-node-id="${x(nd.id)}">`,
    `<title>${x(nodeTitle(nd))}</title>`,
    `<rect class="cluster-box" x="${n(b.x)}" y="${n(b.y)}" width="${n(b.width)}" height="${n(b.height)}" rx="6"/>`,
    `<text class="node-caption" x="${n(b.x + M.pad)}" y="${n(b.y + M.pad + 9)}">${x(KIND_CAPTION[nd.kind])}</text>`,
    `<text class="node-title" x="${n(b.x + M.pad)}" y="${n(b.y + M.pad + 9 + M.titleLine)}">${x(title)}</text>`,
    text ? `<text class="node-text" x="${n(b.x + M.pad)}" y="${n(b.y + M.pad + 9 + M.titleLine + M.textLine)}">${x(text)}</text>` : '',
    badge(nd.findings, b.x + b.width - 4, b.y + 4),
    '</g>',
  ].join('');
}

function node(nd: TopologyNode, b: Box): string {
  const sev = worst(nd.findings);
  const cls = ['node', `kind-${nd.kind}`, ...(sev ? [`sev-${sev}`] : []), ...(nd.external ? ['external'] : [])].join(' ');
  const parts = [
    `<g class="${cls}" data-node-id="${x(nd.id)}" transform="translate(${n(b.x)} ${n(b.y)})">`,
    `<title>${x(nodeTitle(nd))}</title>`,
    `<rect class="node-box" x="0" y="0" width="${n(b.width)}" height="${n(b.height)}" rx="4"/>`,
  ];
  let y = M.pad + 9;
  if (hasCaption(nd)) {
    parts.push(`<text class="node-caption" x="${M.pad}" y="${n(y)}">${x(KIND_CAPTION[nd.kind])}</text>`);
    y += M.titleLine;
  } else y += M.titleLine - M.captionLine + 1;
  const [title = '', ...rest] = nd.label;
  parts.push(`<text class="node-title" x="${M.pad}" y="${n(y)}">${x(fit(title))}</text>`);
  for (const line of rest) {
    y += M.textLine;
    parts.push(`<text class="node-text" x="${M.pad}" y="${n(y)}">${x(fit(line))}</text>`);
  }
  if (nd.budget) {
    const bw = b.width - 2 * M.pad;
    const top = y + M.budgetGap + 2;
    const bud = nd.budget;
    const total = Math.max(bud.size, bud.reserved + bud.usedByApim, 1);
    const w1 = (bud.reserved / total) * bw;
    const w2 = (bud.usedByApim / total) * bw;
    const w3 = Math.max(0, bw - w1 - w2);
    parts.push(
      `<g class="budget${bud.overcommitted ? ' overcommitted' : ''}">` +
        `<rect class="budget-reserved" x="${M.pad}" y="${n(top)}" width="${n(w1)}" height="${M.budgetBar}"/>` +
        `<rect class="budget-apim" x="${n(M.pad + w1)}" y="${n(top)}" width="${n(w2)}" height="${M.budgetBar}"/>` +
        `<rect class="budget-free" x="${n(M.pad + w1 + w2)}" y="${n(top)}" width="${n(w3)}" height="${M.budgetBar}"/>` +
        `<rect class="budget-frame" x="${M.pad}" y="${n(top)}" width="${n(bw)}" height="${M.budgetBar}"/>` +
        `<text class="budget-text" x="${M.pad}" y="${n(top + M.budgetBar + 11)}">${x(budgetText(bud))}</text></g>`,
    );
  }
  parts.push(badge(nd.findings, b.width - 4, 4));
  parts.push('</g>');
  return parts.join('');
}

function pathOf(pts: readonly Point[]): string {
  if (pts.length < 3) return `M${n(pts[0]!.x)},${n(pts[0]!.y)} ` + pts.slice(1).map((p) => `L${n(p.x)},${n(p.y)}`).join(' ');
  // Smooth through dagre's bend points: quadratic curves between segment midpoints.
  let d = `M${n(pts[0]!.x)},${n(pts[0]!.y)}`;
  for (let i = 1; i < pts.length - 1; i++) {
    const p = pts[i]!;
    const q = pts[i + 1]!;
    const mid = i === pts.length - 2 ? q : { x: (p.x + q.x) / 2, y: (p.y + q.y) / 2 };
    d += ` Q${n(p.x)},${n(p.y)} ${n(mid.x)},${n(mid.y)}`;
  }
  return d;
}

function edgeTitle(e: TopologyEdge, byId: ReadonlyMap<string, TopologyNode>): string {
  const name = (id: string) => byId.get(id)?.label[0] ?? id;
  if (e.flow) {
    const f = e.flow;
    const lines = [
      `${f.description}: ${VERDICT_TEXT[f.verdict]}`,
      `${f.required ? 'required' : 'optional'}: ${f.purpose}`,
      f.explanation,
    ];
    if (f.rule) lines.push(`deciding rule: ${f.rule.name}${f.rule.priority !== undefined ? ` (priority ${f.rule.priority})` : ''}${f.rule.isDefault ? ', a default rule' : ''}${f.nsg ? ` in ${f.nsg}` : ''}`);
    if (f.region) lines.push(`region: ${f.region}`);
    return lines.join('\n');
  }
  const what: Record<string, string> = {
    nsgAssociation: 'NSG associated with subnet',
    injection: 'API Management injected in / integrated with subnet',
    privateEndpoint: 'private endpoint to API Management',
    privateEndpointSubnet: 'private endpoint in subnet',
    publicIp: 'public IP of API Management',
    dnsZone: 'private endpoint registered in DNS zone',
    routeTable: 'route table of subnet',
    additionalLocation: 'additional location',
  };
  return `${what[e.kind] ?? e.kind}: ${name(e.from)} → ${name(e.to)}`;
}

function edge(e: TopologyEdge, pts: readonly Point[], byId: ReadonlyMap<string, TopologyNode>): string {
  const d = pathOf(pts);
  if (e.flow) {
    const v = VERDICT_CLASS[e.flow.verdict];
    const marker = e.flow.verdict === 'blocked' ? 'arrow-blocked' : e.flow.verdict === 'allowed' ? 'arrow-allowed' : e.flow.verdict === 'default-allowed' ? 'arrow-default' : 'arrow-unknown';
    return (
      `<g class="edge flow ${v} ${e.flow.required ? 'required' : 'optional'} ${e.flow.direction === 'Inbound' ? 'inbound' : 'outbound'}" data-edge-id="${x(e.id)}">` +
      `<title>${x(edgeTitle(e, byId))}</title><path class="edge-hit" d="${d}"/><path class="edge-line" d="${d}" marker-end="url(#${marker})"/></g>`
    );
  }
  return (
    `<g class="edge structural kind-${e.kind}" data-edge-id="${x(e.id)}">` +
    `<title>${x(edgeTitle(e, byId))}</title><path class="edge-hit" d="${d}"/><path class="edge-line" d="${d}" marker-end="url(#arrow-structural)"/></g>`
  );
}
