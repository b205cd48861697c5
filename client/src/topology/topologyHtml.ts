/**
 * The topology preview's HTML (pure: no vscode import, so tests load it as is). Strict CSP: nothing
 * but the extension's own stylesheet and the nonce'd script; no inline styles, no remote resources.
 */
export interface TopologyHtmlOptions {
  /** `webview.cspSource`. */
  readonly cspSource: string;
  /** A fresh random nonce per page (base64 or hex). */
  readonly nonce: string;
  /** `webview.asWebviewUri(dist/webview.js)`. */
  readonly scriptUri: string;
  /** `webview.asWebviewUri(media/topology.css)`. */
  readonly styleUri: string;
}

function attr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The Content-Security-Policy of the page. */
export function topologyCsp(cspSource: string, nonce: string): string {
  return `default-src 'none'; style-src ${cspSource}; img-src ${cspSource} data:; script-src 'nonce-${nonce}';`;
}

export function getTopologyHtml(o: TopologyHtmlOptions): string {
  if (!/^[A-Za-z0-9+/=_-]+$/.test(o.nonce)) throw new Error('the nonce must be base64 or hex');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(topologyCsp(o.cspSource, o.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attr(o.styleUri)}">
<title>APIM Network Topology</title>
</head>
<body>
<div class="toolbar" role="toolbar" aria-label="Topology">
<button type="button" id="fit" title="Fit the picture (0)">Fit</button>
<button type="button" id="zoom-out" title="Zoom out (-)" aria-label="Zoom out">−</button>
<button type="button" id="actual-size" title="100% (1)">100%</button>
<button type="button" id="zoom-in" title="Zoom in (+)" aria-label="Zoom in">+</button>
<button type="button" id="toggle-optional" aria-pressed="false">Hide optional flows</button>
<button type="button" id="export-svg" title="Save the picture as SVG">Export SVG</button>
<button type="button" id="export-png" title="Save the picture as PNG">Export PNG</button>
<span id="status" class="status" role="status"></span>
</div>
<div id="canvas" class="canvas" tabindex="0" aria-label="Network topology (drag to pan, wheel to zoom)"></div>
<script nonce="${attr(o.nonce)}" src="${attr(o.scriptUri)}"></script>
</body>
</html>
`;
}
