/**
 * The topology preview's page script (runs in the webview; bundled by esbuild as an IIFE into
 * dist/webview.js). It never parses templates: it receives a `TopologyGraph` from the extension,
 * lays it out and draws it with the same code as the CLI, and reports clicks and exports back.
 *
 * No inline styles (the CSP forbids them): pan and zoom move the SVG's viewBox; state is shown by classes.
 */
import { distinctFindings, isTopologyGraph, type ExtensionToWebview, type TopologyGraph, type WebviewToExtension } from '../../common/topology';
import { layoutTopology, type TopologyLayout } from '../../server/src/core/topology/layout';
import { renderSvg } from '../../server/src/core/topology/render';
import { FONT_LIGHT, type ColorToken } from '../../server/src/core/topology/theme';

interface VsCodeApi {
  postMessage(message: WebviewToExtension): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

interface Viewport {
  x: number;
  y: number;
  scale: number;
}

interface State {
  viewport?: Viewport;
  hideOptional?: boolean;
  /** The last graph, so a restored panel draws at once (the extension sends a fresh one after `ready`). */
  graph?: TopologyGraph;
  title?: string;
  /** The document the graph is of (the extension's serializer reads it back after a reload). */
  uri?: string;
}

const vscode = acquireVsCodeApi();
const canvas = document.getElementById('canvas') as HTMLElement;
const status = document.getElementById('status') as HTMLElement | null;
const SVG_NS = 'http://www.w3.org/2000/svg';
const MIN_SCALE = 0.1;
const MAX_SCALE = 4;

let state: State = readState(vscode.getState());
let current: { graph: TopologyGraph; layout: TopologyLayout; svg: SVGSVGElement; width: number; height: number; title?: string } | undefined;

function readState(s: unknown): State {
  if (typeof s !== 'object' || s === null) return {};
  const o = s as Record<string, unknown>;
  const out: State = {};
  const v = o['viewport'] as Record<string, unknown> | undefined;
  if (v && [v['x'], v['y'], v['scale']].every((n) => typeof n === 'number' && Number.isFinite(n)) && (v['scale'] as number) > 0) {
    out.viewport = { x: v['x'] as number, y: v['y'] as number, scale: v['scale'] as number };
  }
  if (typeof o['hideOptional'] === 'boolean') out.hideOptional = o['hideOptional'];
  if (isTopologyGraph(o['graph'])) out.graph = o['graph'];
  if (typeof o['title'] === 'string') out.title = o['title'];
  if (typeof o['uri'] === 'string') out.uri = o['uri'];
  return out;
}

function saveState(): void {
  vscode.setState(state);
}

function post(m: WebviewToExtension): void {
  vscode.postMessage(m);
}

// ---------------------------------------------------------------------------------------------
// Drawing

function showMessage(text: string): void {
  current = undefined;
  const p = document.createElement('p');
  p.className = 'message';
  p.textContent = text;
  canvas.replaceChildren(p);
  if (status) status.textContent = '';
}

function draw(graph: TopologyGraph, title?: string): void {
  const layout = layoutTopology(graph);
  const markup = renderSvg(graph, layout, { theme: 'vscode', ...(title ? { title } : {}) });
  // Parsed as XML into SVG elements: names from the template are text nodes, never markup.
  const doc = new DOMParser().parseFromString(markup, 'image/svg+xml');
  const root = doc.documentElement;
  if (root.namespaceURI !== SVG_NS || doc.getElementsByTagName('parsererror').length) {
    showMessage('The topology could not be drawn.');
    return;
  }
  const svg = document.importNode(root, true) as unknown as SVGSVGElement;
  const width = Number(svg.getAttribute('width')) || 1;
  const height = Number(svg.getAttribute('height')) || 1;
  svg.removeAttribute('width');
  svg.removeAttribute('height');
  svg.setAttribute('preserveAspectRatio', 'xMinYMin meet');
  svg.classList.toggle('hide-optional', !!state.hideOptional);
  canvas.replaceChildren(svg);
  const first = !current && !state.viewport;
  current = { graph, layout, svg, width, height, ...(title ? { title } : {}) };
  if (first) fit();
  else applyViewport();
  state.graph = graph;
  if (title) state.title = title;
  else delete state.title;
  saveState();
  updateStatus();
  updateOptionalButton();
}

function updateStatus(): void {
  if (!status || !current) return;
  const flows = current.graph.edges.filter((e) => e.flow);
  const blocked = flows.filter((e) => e.flow!.verdict === 'blocked' && e.flow!.required).length;
  const findings = distinctFindings([...current.graph.nodes.flatMap((x) => x.findings), ...current.graph.findings]).length;
  const omitted = current.layout.omitted;
  status.textContent = `${current.title ? `${current.title} · ` : ''}${flows.length} flows, ${blocked} required blocked · ${findings} finding${findings === 1 ? '' : 's'}${omitted ? ` · ${omitted} node${omitted === 1 ? '' : 's'} not drawn` : ''}`;
}

// ---------------------------------------------------------------------------------------------
// Viewport (pan and zoom through the viewBox)

function viewSize(): { w: number; h: number } {
  return { w: Math.max(1, canvas.clientWidth), h: Math.max(1, canvas.clientHeight) };
}

function applyViewport(): void {
  if (!current) return;
  const v = state.viewport ?? { x: 0, y: 0, scale: 1 };
  const { w, h } = viewSize();
  current.svg.setAttribute('viewBox', `${v.x} ${v.y} ${w / v.scale} ${h / v.scale}`);
}

function setViewport(v: Viewport): void {
  state.viewport = { x: round(v.x), y: round(v.y), scale: Math.min(MAX_SCALE, Math.max(MIN_SCALE, v.scale)) };
  applyViewport();
  saveState();
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/** The whole picture in view, never enlarged beyond 100%. */
function fit(): void {
  if (!current) return;
  const { w, h } = viewSize();
  const scale = Math.min(1, w / current.width, h / current.height);
  setViewport({ x: 0, y: 0, scale: Math.max(MIN_SCALE, scale) });
}

function zoomAt(factor: number, px: number, py: number): void {
  const v = state.viewport ?? { x: 0, y: 0, scale: 1 };
  const scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, v.scale * factor));
  const gx = v.x + px / v.scale;
  const gy = v.y + py / v.scale;
  setViewport({ x: gx - px / scale, y: gy - py / scale, scale });
}

canvas.addEventListener(
  'wheel',
  (e) => {
    if (!current) return;
    e.preventDefault();
    const r = canvas.getBoundingClientRect();
    if (e.ctrlKey || e.metaKey || !e.shiftKey) zoomAt(Math.exp(-e.deltaY * 0.0015), e.clientX - r.left, e.clientY - r.top);
    else {
      const v = state.viewport ?? { x: 0, y: 0, scale: 1 };
      setViewport({ ...v, x: v.x + e.deltaY / v.scale });
    }
  },
  { passive: false },
);

let drag: { x: number; y: number; start: Viewport; moved: boolean; id: number } | undefined;
canvas.addEventListener('pointerdown', (e) => {
  if (!current || e.button !== 0) return;
  drag = { x: e.clientX, y: e.clientY, start: state.viewport ?? { x: 0, y: 0, scale: 1 }, moved: false, id: e.pointerId };
});
canvas.addEventListener('pointermove', (e) => {
  if (!drag || e.pointerId !== drag.id) return;
  const dx = e.clientX - drag.x;
  const dy = e.clientY - drag.y;
  if (!drag.moved && Math.hypot(dx, dy) < 4) return;
  if (!drag.moved) {
    drag.moved = true;
    canvas.setPointerCapture(e.pointerId);
    canvas.classList.add('dragging');
  }
  setViewport({ ...drag.start, x: drag.start.x - dx / drag.start.scale, y: drag.start.y - dy / drag.start.scale });
});
const endDrag = (e: PointerEvent) => {
  if (!drag || e.pointerId !== drag.id) return;
  const wasClick = !drag.moved;
  drag = undefined;
  canvas.classList.remove('dragging');
  if (canvas.hasPointerCapture(e.pointerId)) canvas.releasePointerCapture(e.pointerId);
  if (wasClick && e.type === 'pointerup') select(e.target);
};
canvas.addEventListener('pointerup', endDrag);
canvas.addEventListener('pointercancel', endDrag);
window.addEventListener('resize', () => applyViewport());

// ---------------------------------------------------------------------------------------------
// Selection → reveal in the editor

function select(target: EventTarget | null): void {
  if (!current || !(target instanceof Element)) return;
  const edgeEl = target.closest('[data-edge-id]');
  const nodeEl = edgeEl ? null : target.closest('[data-node-id]');
  current.svg.querySelectorAll('.selected').forEach((el) => el.classList.remove('selected'));
  if (edgeEl) {
    edgeEl.classList.add('selected');
    post({ type: 'reveal', edgeId: edgeEl.getAttribute('data-edge-id')! });
  } else if (nodeEl) {
    nodeEl.classList.add('selected');
    post({ type: 'reveal', nodeId: nodeEl.getAttribute('data-node-id')! });
  }
}

// ---------------------------------------------------------------------------------------------
// Export: a standalone SVG in the current theme's colours, or a PNG drawn from it.

function resolvedColor(t: ColorToken): string {
  const v = getComputedStyle(document.body).getPropertyValue(t.vscode).trim();
  return v || t.light;
}

function standaloneSvg(): string | undefined {
  if (!current) return undefined;
  const font = getComputedStyle(document.body).getPropertyValue('--vscode-font-family').trim() || FONT_LIGHT;
  return renderSvg(current.graph, current.layout, { theme: 'light', colors: resolvedColor, font, ...(current.title ? { title: current.title } : {}) });
}

async function exportAs(format: 'svg' | 'png'): Promise<void> {
  const svg = standaloneSvg();
  if (!svg || !current) return;
  if (format === 'svg') {
    post({ type: 'export', format, data: svg });
    return;
  }
  const img = new Image();
  const loaded = new Promise<void>((resolve, reject) => {
    img.onload = () => resolve();
    img.onerror = () => reject(new Error('the picture could not be rasterised'));
  });
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await loaded;
  const ratio = 2;
  const c = document.createElement('canvas');
  c.width = Math.ceil(current.width * ratio);
  c.height = Math.ceil(current.height * ratio);
  const ctx = c.getContext('2d');
  if (!ctx) return;
  ctx.scale(ratio, ratio);
  ctx.drawImage(img, 0, 0, current.width, current.height);
  const url = c.toDataURL('image/png');
  post({ type: 'export', format, data: url.slice(url.indexOf(',') + 1) });
}

// ---------------------------------------------------------------------------------------------
// Toolbar and keys

function updateOptionalButton(): void {
  const b = document.getElementById('toggle-optional');
  if (!b) return;
  b.textContent = state.hideOptional ? 'Show optional flows' : 'Hide optional flows';
  b.setAttribute('aria-pressed', String(!!state.hideOptional));
}

function toggleOptional(): void {
  state.hideOptional = !state.hideOptional;
  current?.svg.classList.toggle('hide-optional', state.hideOptional);
  saveState();
  updateOptionalButton();
}

function centerZoom(factor: number): void {
  const { w, h } = viewSize();
  zoomAt(factor, w / 2, h / 2);
}

const actions: Record<string, () => void> = {
  fit,
  'zoom-in': () => centerZoom(1.25),
  'zoom-out': () => centerZoom(0.8),
  'actual-size': () => {
    const v = state.viewport ?? { x: 0, y: 0, scale: 1 };
    setViewport({ ...v, scale: 1 });
  },
  'toggle-optional': toggleOptional,
  'export-svg': () => void exportAs('svg'),
  'export-png': () => void exportAs('png'),
};
for (const [id, run] of Object.entries(actions)) document.getElementById(id)?.addEventListener('click', run);

canvas.addEventListener('keydown', (e) => {
  if (e.key === '+' || e.key === '=') centerZoom(1.25);
  else if (e.key === '-') centerZoom(0.8);
  else if (e.key === '0') fit();
  else if (e.key === '1') actions['actual-size']!();
  else return;
  e.preventDefault();
});

// ---------------------------------------------------------------------------------------------
// Messages from the extension

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const m = event.data as Partial<ExtensionToWebview> | null;
  if (typeof m !== 'object' || m === null) return;
  if (m.type === 'graph') {
    const graph = (m as { graph?: unknown }).graph;
    if (!isTopologyGraph(graph)) return;
    const title = typeof (m as { title?: unknown }).title === 'string' ? (m as { title: string }).title : undefined;
    const uri = (m as { uri?: unknown }).uri;
    if (typeof uri === 'string') state.uri = uri;
    draw(graph, title);
  } else if (m.type === 'empty') {
    const text = (m as { message?: unknown }).message;
    if (typeof text === 'string') {
      showMessage(text);
      delete state.graph;
      saveState();
    }
  } else if (m.type === 'export') {
    const f = (m as { format?: unknown }).format;
    if (f === 'svg' || f === 'png') void exportAs(f);
  }
});

if (state.graph) draw(state.graph, state.title);
else showMessage('Waiting for an ARM template…');
post({ type: 'ready' });
