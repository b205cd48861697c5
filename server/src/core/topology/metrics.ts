/**
 * Sizes shared by the layout (which reserves the space) and the renderer (which draws into it).
 * Text widths are estimated from character counts with generous per-character widths, so the same
 * layout serves the webview (VS Code's UI font) and the standalone SVG (a system sans-serif) alike.
 */
import type { TopologyNode } from '../../../../common/topology';

export const M = {
  pad: 8,
  captionSize: 10,
  captionLine: 13,
  titleSize: 13,
  titleLine: 17,
  textSize: 12,
  textLine: 15,
  /** Average advance per character (px), per font. */
  captionChar: 7.0,
  titleChar: 7.9,
  textChar: 6.9,
  budgetBar: 8,
  budgetGap: 4,
  budgetTextSize: 10.5,
  budgetLine: 14,
  budgetChar: 6.2,
  minWidth: 132,
  maxChars: 44,
  badge: 9,
  clusterHeader: 52,
  legendHeight: 34,
  /** Lines of the findings listed under the legend (font size 11). */
  strayLine: 15,
  strayChar: 6.1,
  edgeLabelSize: 10.5,
  edgeLabelChar: 6.4,
  edgeLabelHeight: 14,
} as const;

export const KIND_CAPTION: Readonly<Record<TopologyNode['kind'], string>> = {
  vnet: 'VIRTUAL NETWORK',
  subnet: 'SUBNET',
  nsg: 'NETWORK SECURITY GROUP',
  apim: 'API MANAGEMENT',
  apimRegion: 'APIM ADDITIONAL LOCATION',
  publicIp: 'PUBLIC IP',
  privateEndpoint: 'PRIVATE ENDPOINT',
  dnsZone: 'DNS ZONE',
  serviceTag: 'SERVICE TAG',
  routeTable: 'ROUTE TABLE',
  region: 'API MANAGEMENT REGION',
};

/** A label line cut to the width the layout allows (the full text stays in the node's title). */
export function fit(line: string): string {
  const chars = [...line];
  return chars.length <= M.maxChars ? line : chars.slice(0, M.maxChars - 1).join('') + '…';
}

/** The budget line under a subnet's bar: "32: 5 reserved · 6 APIM · 21 free". */
export function budgetText(b: NonNullable<TopologyNode['budget']>): string {
  return `${b.size}: ${b.reserved} reserved · ${b.usedByApim} APIM · ${b.overcommitted ? 'too small' : `${b.free} free`}`;
}

/**
 * Service tags are drawn without their caption (the dashed amber box says what they are; the hover
 * text names the kind): one line each, so a region's column of endpoints stays short.
 */
export function hasCaption(n: TopologyNode): boolean {
  return n.kind !== 'serviceTag';
}

/** Width and height of a (non-cluster) node box. */
export function nodeSize(n: TopologyNode): { width: number; height: number } {
  const [title = '', ...rest] = n.label.map(fit);
  const caption = hasCaption(n);
  let w = Math.max(
    caption ? [...KIND_CAPTION[n.kind]].length * M.captionChar : 0,
    [...title].length * M.titleChar + (n.findings.length ? 2 * M.badge + 4 : 0),
    ...rest.map((l) => [...l].length * M.textChar),
    n.budget ? [...budgetText(n.budget)].length * M.budgetChar : 0,
  );
  w = Math.max(M.minWidth, Math.ceil(w + 2 * M.pad));
  let h = M.pad + (caption ? M.captionLine : 0) + M.titleLine + rest.length * M.textLine;
  if (n.budget) h += M.budgetGap + M.budgetBar + M.budgetLine;
  h += M.pad - 2;
  return { width: w, height: Math.ceil(h) };
}

/** The header of a cluster (VNet, regional group): caption, name, the other label lines on one line. */
export function clusterLines(n: TopologyNode): { title: string; text: string } {
  const [title = '', ...rest] = n.label;
  return { title: fit(title), text: fit(rest.join(' · ')) };
}

export function clusterMinWidth(n: TopologyNode): number {
  const { title, text } = clusterLines(n);
  return Math.ceil(Math.max([...title].length * M.titleChar, [...text].length * M.textChar, [...KIND_CAPTION[n.kind]].length * M.captionChar) + 2 * M.pad);
}
