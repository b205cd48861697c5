/**
 * The colours and styles of the topology picture, in one place. Each colour is a token with the VS Code
 * theme variable it follows in the webview and a light value for the standalone SVG (CLI) and as the
 * variable's fallback. `media/topology.css` is generated from this module (`pageCss() + svgCss(vscodeColors)`;
 * a unit test keeps them equal: regenerate with `node test/topology/write-css.mjs`).
 */

export interface ColorToken {
  readonly name: string;
  /** The VS Code theme variable (`--vscode-…`). */
  readonly vscode: string;
  /** The light-theme value. */
  readonly light: string;
}

export const COLOR_TOKENS = {
  background: { name: 'background', vscode: '--vscode-editor-background', light: '#ffffff' },
  foreground: { name: 'foreground', vscode: '--vscode-editor-foreground', light: '#1f1f1f' },
  muted: { name: 'muted', vscode: '--vscode-descriptionForeground', light: '#5f5f5f' },
  nodeFill: { name: 'nodeFill', vscode: '--vscode-editorWidget-background', light: '#f8f8f8' },
  nodeBorder: { name: 'nodeBorder', vscode: '--vscode-editorWidget-border', light: '#b8b8b8' },
  clusterFill: { name: 'clusterFill', vscode: '--vscode-sideBar-background', light: '#eef3f8' },
  clusterBorder: { name: 'clusterBorder', vscode: '--vscode-panel-border', light: '#9fb3c8' },
  focus: { name: 'focus', vscode: '--vscode-focusBorder', light: '#0078d4' },
  contrastBorder: { name: 'contrastBorder', vscode: '--vscode-contrastBorder', light: 'transparent' },
  allowed: { name: 'allowed', vscode: '--vscode-charts-green', light: '#2e7d32' },
  defaultAllowed: { name: 'defaultAllowed', vscode: '--vscode-charts-orange', light: '#c26a00' },
  blocked: { name: 'blocked', vscode: '--vscode-charts-red', light: '#d32f2f' },
  unknown: { name: 'unknown', vscode: '--vscode-disabledForeground', light: '#8a8a8a' },
  structural: { name: 'structural', vscode: '--vscode-editorLineNumber-foreground', light: '#7a7a7a' },
  apim: { name: 'apim', vscode: '--vscode-charts-blue', light: '#1565c0' },
  nsg: { name: 'nsg', vscode: '--vscode-charts-purple', light: '#6a1b9a' },
  tag: { name: 'tag', vscode: '--vscode-charts-yellow', light: '#9e7700' },
  error: { name: 'error', vscode: '--vscode-editorError-foreground', light: '#d32f2f' },
  warning: { name: 'warning', vscode: '--vscode-editorWarning-foreground', light: '#b26a00' },
  info: { name: 'info', vscode: '--vscode-editorInfo-foreground', light: '#1565c0' },
  budgetReserved: { name: 'budgetReserved', vscode: '--vscode-disabledForeground', light: '#9e9e9e' },
  budgetApim: { name: 'budgetApim', vscode: '--vscode-charts-blue', light: '#1565c0' },
  budgetFree: { name: 'budgetFree', vscode: '--vscode-charts-green', light: '#66bb6a' },
  labelFill: { name: 'labelFill', vscode: '--vscode-editor-background', light: '#ffffff' },
} as const satisfies Record<string, ColorToken>;

export type ColorName = keyof typeof COLOR_TOKENS;
export type Colors = (t: ColorToken) => string;

/** Light colours: the standalone SVG. */
export const lightColors: Colors = (t) => t.light;
/** VS Code theme variables with the light values as fallbacks: the webview. */
export const vscodeColors: Colors = (t) => `var(${t.vscode}, ${t.light})`;

export const FONT_LIGHT = '"Segoe UI", system-ui, -apple-system, "Helvetica Neue", Arial, sans-serif';
const FONT_VSCODE = `var(--vscode-font-family, ${FONT_LIGHT})`;

/** The rules that style the SVG (every element of the picture is styled by class, never inline). */
export function svgCss(colors: Colors, font = colors === lightColors ? FONT_LIGHT : FONT_VSCODE): string {
  const c = (n: ColorName) => colors(COLOR_TOKENS[n]);
  return `
svg.topology { font-family: ${font}; background: ${c('background')}; }
svg.topology text { fill: ${c('foreground')}; }
svg.topology .bg { fill: ${c('background')}; }
.topology .node-box { fill: ${c('nodeFill')}; stroke: ${c('nodeBorder')}; stroke-width: 1; }
.topology .node.kind-apim .node-box, .topology .node.kind-apimRegion .node-box { stroke: ${c('apim')}; stroke-width: 2; }
.topology .node.kind-nsg .node-box { stroke: ${c('nsg')}; }
.topology .node.kind-serviceTag .node-box { stroke: ${c('tag')}; stroke-dasharray: 4 2; }
.topology .node.external .node-box { stroke-dasharray: 3 3; }
.topology .node.sev-error .node-box { stroke: ${c('error')}; stroke-width: 2; }
.topology .node-caption { font-size: 10px; letter-spacing: 0.04em; fill: ${c('muted')}; }
.topology .node-title { font-size: 13px; font-weight: 600; }
.topology .node-text { font-size: 12px; fill: ${c('foreground')}; }
.topology .cluster-box { fill: ${c('clusterFill')}; stroke: ${c('clusterBorder')}; stroke-width: 1.5; }
.topology .cluster.sev-error .cluster-box { stroke: ${c('error')}; }
.topology .cluster.kind-region .cluster-box { fill: ${c('background')}; stroke: ${c('apim')}; stroke-width: 1.25; stroke-dasharray: 6 3; }
.topology .budget-reserved { fill: ${c('budgetReserved')}; }
.topology .budget-apim { fill: ${c('budgetApim')}; }
.topology .budget-free { fill: ${c('budgetFree')}; }
.topology .budget.overcommitted .budget-apim { fill: ${c('blocked')}; }
.topology .budget-frame { fill: none; stroke: ${c('nodeBorder')}; }
.topology .budget-text { font-size: 10.5px; fill: ${c('muted')}; }
.topology .edge-line { fill: none; stroke-width: 2; }
.topology .edge.optional .edge-line { stroke-width: 1.25; stroke-dasharray: 5 3; }
.topology .edge-hit { fill: none; stroke: transparent; stroke-width: 10; pointer-events: stroke; }
.topology .verdict-allowed .edge-line { stroke: ${c('allowed')}; }
.topology .verdict-default .edge-line { stroke: ${c('defaultAllowed')}; }
.topology .verdict-blocked .edge-line { stroke: ${c('blocked')}; stroke-width: 2.5; }
.topology .verdict-unknown .edge-line { stroke: ${c('unknown')}; stroke-dasharray: 2 3; }
.topology .marker.verdict-allowed { fill: ${c('allowed')}; }
.topology .marker.verdict-default { fill: ${c('defaultAllowed')}; }
.topology .marker.verdict-blocked { fill: none; stroke: ${c('blocked')}; stroke-width: 2; }
.topology .marker.verdict-unknown { fill: ${c('unknown')}; }
.topology .marker.structural { fill: ${c('structural')}; }
.topology .edge.structural .edge-line { stroke: ${c('structural')}; stroke-width: 1.25; }
.topology .edge.kind-nsgAssociation .edge-line { stroke: ${c('nsg')}; stroke-dasharray: 1 3; stroke-linecap: round; stroke-width: 1.5; }
.topology .edge.kind-injection .edge-line { stroke: ${c('apim')}; stroke-width: 2; }
.topology .edge-label-bg { fill: ${c('labelFill')}; opacity: 0.85; }
.topology .edge-label { font-size: 10.5px; fill: ${c('muted')}; }
.topology .badge circle { stroke: ${c('background')}; stroke-width: 1.5; }
.topology .badge.sev-error circle { fill: ${c('error')}; }
.topology .badge.sev-warning circle { fill: ${c('warning')}; }
.topology .badge.sev-information circle, .topology .badge.sev-hint circle { fill: ${c('info')}; }
.topology .badge text { font-size: 10px; font-weight: 700; fill: #ffffff; }
.topology .legend-text { font-size: 11px; fill: ${c('muted')}; }
.topology .stray-title { font-weight: 600; }
.topology .stray-finding text { fill: ${c('foreground')}; }
.topology .stray-dot { stroke: none; }
.topology .stray-finding.sev-error .stray-dot { fill: ${c('error')}; }
.topology .stray-finding.sev-warning .stray-dot { fill: ${c('warning')}; }
.topology .stray-finding.sev-information .stray-dot, .topology .stray-finding.sev-hint .stray-dot { fill: ${c('info')}; }
.topology .legend .edge-line { stroke-width: 2.5; }
.topology .legend .legend-optional { stroke: ${c('muted')}; stroke-width: 1.25; }
.topology.hide-optional .edge.optional { display: none; }
.topology .selected .node-box, .topology .selected .cluster-box { stroke: ${c('focus')}; stroke-width: 3; }
.topology .edge.selected .edge-line { stroke-width: 4; }
.topology .dimmed { opacity: 0.25; }
`.trimStart();
}

/** The webview page around the picture (toolbar, canvas, high contrast). */
export function pageCss(): string {
  const c = (n: ColorName) => vscodeColors(COLOR_TOKENS[n]);
  return `
html, body { height: 100%; margin: 0; padding: 0; overflow: hidden; }
body { display: flex; flex-direction: column; background: ${c('background')}; color: ${c('foreground')}; font-family: var(--vscode-font-family, ${FONT_LIGHT}); font-size: var(--vscode-font-size, 13px); }
.toolbar { display: flex; gap: 6px; align-items: center; padding: 4px 8px; border-bottom: 1px solid ${c('nodeBorder')}; flex: none; }
.toolbar button { background: var(--vscode-button-secondaryBackground, #e5e5e5); color: var(--vscode-button-secondaryForeground, #1f1f1f); border: 1px solid var(--vscode-button-border, transparent); border-radius: 2px; padding: 2px 8px; font: inherit; cursor: pointer; }
.toolbar button:hover { background: var(--vscode-button-secondaryHoverBackground, #d5d5d5); }
.toolbar button:focus-visible { outline: 1px solid ${c('focus')}; outline-offset: 1px; }
.toolbar .status { margin-left: auto; color: ${c('muted')}; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.canvas { flex: 1; position: relative; overflow: hidden; cursor: grab; outline: none; }
.canvas.dragging { cursor: grabbing; }
.canvas > svg.topology { position: absolute; inset: 0; width: 100%; height: 100%; display: block; -webkit-user-select: none; user-select: none; }
.canvas .message { padding: 16px; color: ${c('muted')}; }
.topology .node, .topology .cluster, .topology .edge { cursor: pointer; }
.vscode-high-contrast .topology .node-box, .vscode-high-contrast .topology .cluster-box { stroke: var(--vscode-contrastBorder, #6fc3df); stroke-width: 1.5; }
.vscode-high-contrast .topology .edge-line { stroke-width: 3; }
.vscode-high-contrast-light .topology .node-box, .vscode-high-contrast-light .topology .cluster-box { stroke: var(--vscode-contrastBorder, #0f4a85); }
`.trimStart();
}

/** What `media/topology.css` holds. */
export function webviewCss(): string {
  return `/* Generated from server/src/core/topology/theme.ts by test/topology/write-css.mjs: do not edit. */\n${pageCss()}\n${svgCss(vscodeColors)}`;
}
