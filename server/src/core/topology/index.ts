/**
 * The topology preview's core: graph (from the engine's model and findings), layout (dagre) and SVG.
 * Pure; used by the language server (graph), the webview (layout + SVG) and the CLI (all three).
 */
export { buildTopology, modeText } from './buildGraph';
export { layoutTopology, type TopologyLayout, type Box, type Point, type EdgeLabelBox } from './layout';
export { renderSvg, VERDICT_CLASS, type RenderOptions } from './render';
export { escapeXml } from './escape';
export { svgCss, pageCss, webviewCss, lightColors, vscodeColors, COLOR_TOKENS, type ColorToken, type Colors } from './theme';
