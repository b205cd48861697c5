// Render test of the topology preview in headless Chromium (Debian's `chromium` + playwright-core):
// the real webview page (CSP meta tag, dist/webview.js, media/topology.css) served from a fake
// origin, fed a graph through postMessage as VS Code would; and the CLI's standalone SVG.
// Saves docs/images/topology.png (README) and screenshots in test-results/.
//
//   npm run test:topology      (compiles, bundles, runs this file)
import { describe, it, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const core = require(path.join(root, 'out/server/src/core/index.js'));
const topology = require(path.join(root, 'out/server/src/core/topology/index.js'));
const { getTopologyHtml } = require(path.join(root, 'out/client/src/topology/topologyHtml.js'));

const ORIGIN = 'https://webview.test';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const RESULTS = path.join(root, 'test-results');
const EXAMPLE = path.join(root, 'examples/topology-hub-spoke.json');

const XSS_IMG = '<img src=x onerror="window.__pwned=1">';
const XSS_SCRIPT = '</text><script>window.__pwned=2</script>';

function graphOf(file) {
  const text = readFileSync(file, 'utf8');
  return topology.buildTopology(core.analyzeText(text, { uri: file }));
}

/** A small template whose resource names are markup payloads. */
function payloadGraph() {
  const id = (t, ...n) => `[resourceId('${t}', ${n.map((x) => `'${x.replace(/'/g, "''")}'`).join(', ')})]`;
  const template = {
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    resources: [
      {
        type: 'Microsoft.Network/networkSecurityGroups', apiVersion: '2023-09-01', name: XSS_SCRIPT, location: 'westeurope',
        properties: { securityRules: [{ name: 'DenyStorage<b>', properties: { protocol: '*', sourcePortRange: '*', destinationPortRange: '*', sourceAddressPrefix: '*', destinationAddressPrefix: 'Storage', access: 'Deny', priority: 100, direction: 'Outbound' } }] },
      },
      {
        type: 'Microsoft.Network/virtualNetworks', apiVersion: '2023-09-01', name: 'vnet', location: 'westeurope',
        properties: { addressSpace: { addressPrefixes: ['10.0.0.0/16'] }, subnets: [{ name: XSS_IMG, properties: { addressPrefix: '10.0.1.0/27', networkSecurityGroup: { id: id('Microsoft.Network/networkSecurityGroups', XSS_SCRIPT) } } }] },
      },
      {
        type: 'Microsoft.ApiManagement/service', apiVersion: '2023-05-01-preview', name: 'apim-"quoted"&co', location: 'westeurope',
        sku: { name: 'Developer', capacity: 1 },
        properties: { publisherEmail: 'a@b.c', publisherName: 'x', virtualNetworkType: 'Internal', virtualNetworkConfiguration: { subnetResourceId: id('Microsoft.Network/virtualNetworks/subnets', 'vnet', XSS_IMG) } },
      },
    ],
  };
  const text = JSON.stringify(template, null, 2);
  return topology.buildTopology(core.analyzeText(text, { uri: 'payload.json' }));
}

describe('topology preview in Chromium', { timeout: 180_000 }, () => {
  let browser;
  const requests = [];

  before(async () => {
    assert.ok(existsSync(CHROMIUM), `Chromium not found at ${CHROMIUM} (apt-get install -y chromium)`);
    assert.ok(existsSync(path.join(root, 'dist/webview.js')), 'dist/webview.js is missing: run node esbuild.mjs');
    mkdirSync(RESULTS, { recursive: true });
    mkdirSync(path.join(root, 'docs/images'), { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  after(async () => {
    await browser?.close();
  });

  /** A page that serves the webview from ORIGIN (nothing else is reachable) with a fake acquireVsCodeApi. */
  async function openWebview({ width = 1400, height = 900, dark = false, state } = {}) {
    const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    const nonce = 'r4nd0mN0nce' + Math.random().toString(36).slice(2);
    const html = getTopologyHtml({ cspSource: ORIGIN, nonce, scriptUri: `${ORIGIN}/dist/webview.js`, styleUri: `${ORIGIN}/media/topology.css` });
    const themed = dark
      ? html.replace('<body>', '<body class="vscode-dark">')
      : html;
    await page.route('**/*', async (route) => {
      const url = new URL(route.request().url());
      requests.push(url.href);
      if (url.origin !== ORIGIN) return route.abort();
      if (url.pathname === '/index.html') return route.fulfill({ contentType: 'text/html', body: themed });
      if (url.pathname === '/dist/webview.js') return route.fulfill({ contentType: 'text/javascript', body: readFileSync(path.join(root, 'dist/webview.js')) });
      if (url.pathname === '/media/topology.css') return route.fulfill({ contentType: 'text/css', body: readFileSync(path.join(root, 'media/topology.css')) });
      return route.fulfill({ status: 404, body: '' });
    });
    // Stands in for VS Code's webview host (init scripts run outside the page's CSP).
    await page.addInitScript(({ initial, dark: isDark }) => {
      window.__posted = [];
      window.__state = initial;
      window.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__violations.push({ directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample }));
      window.acquireVsCodeApi = () => ({
        postMessage: (m) => window.__posted.push(m),
        getState: () => window.__state,
        setState: (s) => { window.__state = JSON.parse(JSON.stringify(s)); },
      });
      if (isDark) {
        // The variables VS Code's Dark Modern theme injects (a subset).
        const vars = {
          '--vscode-editor-background': '#1f1f1f', '--vscode-editor-foreground': '#cccccc', '--vscode-descriptionForeground': '#9d9d9d',
          '--vscode-editorWidget-background': '#202020', '--vscode-editorWidget-border': '#454545', '--vscode-sideBar-background': '#181818',
          '--vscode-panel-border': '#2b2b2b', '--vscode-focusBorder': '#0078d4', '--vscode-charts-green': '#89d185', '--vscode-charts-orange': '#d18616',
          '--vscode-charts-red': '#f14c4c', '--vscode-charts-blue': '#3794ff', '--vscode-charts-purple': '#b180d7', '--vscode-charts-yellow': '#cca700',
          '--vscode-disabledForeground': '#8c8c8c', '--vscode-editorLineNumber-foreground': '#6e7681', '--vscode-editorError-foreground': '#f14c4c',
          '--vscode-editorWarning-foreground': '#cca700', '--vscode-editorInfo-foreground': '#3794ff', '--vscode-font-family': 'system-ui, sans-serif',
          '--vscode-button-secondaryBackground': '#313131', '--vscode-button-secondaryForeground': '#cccccc',
        };
        document.addEventListener('DOMContentLoaded', () => {
          for (const [k, v] of Object.entries(vars)) document.documentElement.style.setProperty(k, v);
        });
      }
    }, { initial: state, dark });
    await page.goto(`${ORIGIN}/index.html`);
    await page.waitForFunction(() => window.__posted.some((m) => m.type === 'ready'));
    return { page, context };
  }

  async function postGraph(page, graph, title) {
    await page.evaluate(([g, t]) => window.postMessage({ type: 'graph', graph: g, title: t }, '*'), [graph, title]);
    await page.waitForSelector('#canvas svg.topology');
  }

  it('draws the example: node labels, verdict classes, budgets, badges; screenshot for the README', async () => {
    const graph = graphOf(EXAMPLE);
    const { page, context } = await openWebview({ width: 1600, height: 1100 });
    await postGraph(page, graph, 'topology-hub-spoke.json');
    const texts = await page.$$eval('#canvas svg text', (els) => els.map((e) => e.textContent));
    for (const name of ['vnet-hub', 'vnet-apim-weu', 'vnet-apim-neu', 'snet-apim', 'nsg-apim-neu', 'apim-contoso', 'apim-contoso · northeurope', 'apim-partners', 'pe-apim-partners', 'privatelink.azure-api.net', 'Storage', 'ApiManagement']) {
      assert.ok(texts.includes(name), `label ${name} drawn`);
    }
    const count = (sel) => page.$$eval(sel, (els) => els.length);
    assert.equal(await count('.edge.flow'), graph.edges.filter((e) => e.kind === 'flow').length);
    assert.ok((await count('.edge.flow.verdict-allowed')) > 0);
    assert.ok((await count('.edge.flow.verdict-default')) > 0);
    assert.equal(await count('.edge.flow.verdict-blocked.required'), 1, 'the one blocked required flow');
    const blocked = await page.$eval('.edge.flow.verdict-blocked.required title', (t) => t.textContent);
    assert.match(blocked, /DenyInternetOutbound \(priority 200\)/);
    assert.equal(await count('.budget'), 10, 'the 10 subnets have budget bars');
    assert.ok((await count('.node.kind-nsg .badge.sev-error')) === 1, 'the NSG with the finding has an error badge');
    // Colours come from the theme stylesheet, not from inline styles.
    assert.equal(await count('#canvas [style]'), 0);
    const stroke = await page.$eval('.edge.flow.verdict-blocked .edge-line', (p) => getComputedStyle(p).stroke);
    assert.equal(stroke, 'rgb(211, 47, 47)');
    await page.click('#fit');
    await page.screenshot({ path: path.join(root, 'docs/images/topology.png') });
    await page.screenshot({ path: path.join(RESULTS, 'topology-webview-light.png') });
    // At 100%, the APIM subnets and their flows.
    // Regional groups: each region holds its instance, its VNet and its own service tags.
    assert.equal(await count('.cluster.kind-region'), 3, 'apim-contoso in two regions, apim-partners');
    assert.ok(texts.includes('apim-contoso · additional location'));
    const neuRemotes = new Set(graph.edges.filter((e) => e.flow?.direction === 'Outbound' && e.from === 'subnet:vnet-apim-neu/snet-apim').map((e) => e.flow.remote));
    assert.ok(neuRemotes.size >= 9);
    assert.equal(await count('[data-node-id^="serviceTag:apim-contoso/northeurope:out:"]'), neuRemotes.size, "northeurope's own outbound endpoints");
    // At 100%, the North Europe APIM subnet and its flows: drag (in steps that start on the canvas) until it is at (800, 450).
    await page.click('#actual-size');
    for (let i = 0; i < 6; i++) {
      const box = await page.$eval('[data-node-id="subnet:vnet-apim-neu/snet-apim"]', (g) => g.getBoundingClientRect().toJSON());
      const dx = Math.max(-600, Math.min(600, 800 - (box.x + box.width / 2)));
      const dy = Math.max(-400, Math.min(400, 450 - (box.y + box.height / 2)));
      if (Math.abs(dx) < 2 && Math.abs(dy) < 2) break;
      await page.mouse.move(800, 550);
      await page.mouse.down();
      await page.mouse.move(800 + dx, 550 + dy, { steps: 4 });
      await page.mouse.up();
    }
    await page.screenshot({ path: path.join(RESULTS, 'topology-webview-100.png') });
    await context.close();
  });

  it('follows a dark theme through the VS Code variables', async () => {
    const { page, context } = await openWebview({ width: 1600, height: 1000, dark: true });
    await postGraph(page, graphOf(EXAMPLE), 'topology-hub-spoke.json');
    const bg = await page.$eval('#canvas svg .bg', (r) => getComputedStyle(r).fill);
    assert.equal(bg, 'rgb(31, 31, 31)');
    const allowed = await page.$eval('.edge.flow.verdict-allowed .edge-line', (p) => getComputedStyle(p).stroke);
    assert.equal(allowed, 'rgb(137, 209, 133)');
    await page.screenshot({ path: path.join(RESULTS, 'topology-webview-dark.png') });
    await context.close();
  });

  it('shows names from the template as text, and the CSP blocks injected scripts and styles', async () => {
    // A finding on no node, whose message carries markup: listed under the legend as text.
    const graph = { ...payloadGraph(), findings: [{ ruleId: 'syntax-error', severity: 'error', message: `Unexpected ${XSS_IMG}`, range: { offset: 0, length: 1 } }] };
    assert.ok(graph.nodes.some((n) => n.label[0] === XSS_IMG));
    const { page, context } = await openWebview({ width: 1000, height: 700 });
    await postGraph(page, graph, '<b>payload</b>.json');
    const texts = await page.$$eval('#canvas svg text', (els) => els.map((e) => e.textContent));
    assert.ok(texts.includes(XSS_IMG), 'the subnet name is shown literally');
    assert.ok(texts.includes('1 finding outside the picture (on no node):'));
    assert.equal(await page.$eval('#canvas .stray-finding title', (t) => t.textContent), `error syntax-error: Unexpected ${XSS_IMG}`);
    assert.ok(texts.includes(`error syntax-error: Unexpected ${XSS_IMG}`), 'the message is shown literally');
    assert.ok(texts.some((t) => t.startsWith('</text><script>')), 'the NSG name is shown literally');
    assert.ok(texts.includes('apim-"quoted"&co'));
    assert.equal(await page.$$eval('#canvas img, #canvas script, #canvas foreignObject, #canvas b', (els) => els.length), 0, 'no element from a name');
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.ok(await page.$('[data-node-id="subnet:vnet/<img src=x onerror=\\"window.__pwned=1\\">"]'), 'ids keep the name, as attribute text');
    assert.equal(await page.$eval('#status', (s) => s.textContent.includes('<b>payload</b>.json')), true, 'the title is text');

    // An inline script injected into the page (as an XSS would) is refused by the CSP.
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__pwned = 3';
      document.body.appendChild(s);
      const d = document.createElement('div');
      d.setAttribute('onclick', 'window.__pwned = 4');
      document.body.appendChild(d);
      d.click();
      const st = document.createElement('style');
      st.textContent = 'body { display: none }';
      document.head.appendChild(st);
    });
    await page.waitForFunction(() => window.__violations.length >= 3);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    const violations = await page.evaluate(() => window.__violations);
    assert.ok(violations.some((v) => v.directive === 'script-src-elem' || v.directive === 'script-src'), JSON.stringify(violations));
    assert.ok(violations.some((v) => v.directive === 'script-src-attr' || v.directive === 'script-src'), JSON.stringify(violations));
    assert.ok(violations.some((v) => v.directive.startsWith('style-src')), JSON.stringify(violations));
    assert.notEqual(await page.$eval('body', (b) => getComputedStyle(b).display), 'none');
    // A script from elsewhere is refused too (no nonce).
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.src = 'https://evil.invalid/x.js';
      document.body.appendChild(s);
    });
    await page.waitForFunction(() => window.__violations.some((v) => String(v.blocked).includes('evil.invalid')));
    await page.screenshot({ path: path.join(RESULTS, 'topology-webview-payload.png') });
    await context.close();
  });

  it('ignores messages that are not a valid graph', async () => {
    const { page, context } = await openWebview();
    await page.evaluate(() => {
      window.postMessage({ type: 'graph', graph: { version: 1, nodes: [{ id: 'a', kind: 'script', label: ['x'], findings: [] }], edges: [], findings: [] } }, '*');
      window.postMessage({ type: 'graph', graph: '<svg onload="window.__pwned=5"/>' }, '*');
      window.postMessage('<img src=x onerror="window.__pwned=6">', '*');
      window.postMessage({ type: 'eval', code: 'window.__pwned=7' }, '*');
    });
    await page.waitForTimeout(200);
    assert.equal(await page.$('#canvas svg'), null);
    assert.match(await page.$eval('#canvas', (c) => c.textContent), /Waiting/);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    await context.close();
  });

  it('reveals a clicked node or edge, pans and zooms into the saved state, restores from it, exports SVG and PNG', async () => {
    const graph = graphOf(EXAMPLE);
    const { page, context } = await openWebview({ width: 1200, height: 800 });
    await postGraph(page, graph, 'topology-hub-spoke.json');
    const subnet = 'subnet:vnet-apim-neu/snet-apim';
    await page.locator(`[data-node-id="${subnet}"] .node-box`).click();
    let posted = await page.evaluate(() => window.__posted);
    assert.deepEqual(posted.at(-1), { type: 'reveal', nodeId: subnet });
    assert.ok(await page.$(`[data-node-id="${subnet}"].selected`));

    // An edge: click a point on its stroke.
    const edgeId = graph.edges.find((e) => e.flow?.verdict === 'blocked' && e.flow.required).id;
    const pt = await page.evaluate((id) => {
      const g = [...document.querySelectorAll('[data-edge-id]')].find((e) => e.getAttribute('data-edge-id') === id);
      const p = g.querySelector('.edge-line');
      const at = p.getPointAtLength(p.getTotalLength() * 0.4);
      const m = p.getScreenCTM();
      return { x: at.x * m.a + at.y * m.c + m.e, y: at.x * m.b + at.y * m.d + m.f };
    }, edgeId);
    await page.mouse.click(pt.x, pt.y);
    posted = await page.evaluate(() => window.__posted);
    assert.deepEqual(posted.at(-1), { type: 'reveal', edgeId });

    // Zoom with the wheel and pan by dragging: the viewport lands in the webview state.
    const before = await page.evaluate(() => window.__state.viewport);
    await page.mouse.move(600, 400);
    await page.mouse.wheel(0, -300);
    await page.waitForFunction((s) => window.__state.viewport.scale > s, before.scale);
    const zoomed = await page.evaluate(() => window.__state.viewport);
    await page.mouse.move(300, 500);
    await page.mouse.down();
    await page.mouse.move(400, 550, { steps: 5 });
    await page.mouse.up();
    const panned = await page.evaluate(() => window.__state.viewport);
    assert.ok(Math.abs(panned.x - (zoomed.x - 100 / zoomed.scale)) < 1 && Math.abs(panned.y - (zoomed.y - 50 / zoomed.scale)) < 1, JSON.stringify({ zoomed, panned }));
    assert.equal((await page.evaluate(() => window.__posted)).at(-1).edgeId, edgeId, 'a drag is not a click');
    const viewBox = await page.$eval('#canvas svg', (s) => s.getAttribute('viewBox'));

    // A reload (panel restored by the serializer): the saved graph and viewport come back before any message.
    const saved = await page.evaluate(() => window.__state);
    assert.ok(saved.graph && saved.viewport);
    const restored = await openWebview({ width: 1200, height: 800, state: saved });
    await restored.page.waitForSelector('#canvas svg.topology');
    assert.equal(await restored.page.$eval('#canvas svg', (s) => s.getAttribute('viewBox')), viewBox);
    await restored.context.close();

    // The viewport survives a new graph (a live update).
    await postGraph(page, graph, 'topology-hub-spoke.json');
    assert.equal(await page.$eval('#canvas svg', (s) => s.getAttribute('viewBox')), viewBox);

    // Export: a standalone SVG (embedded style) and a PNG.
    await page.click('#export-svg');
    await page.waitForFunction(() => window.__posted.some((m) => m.type === 'export' && m.format === 'svg'));
    await page.click('#export-png');
    await page.waitForFunction(() => window.__posted.some((m) => m.type === 'export' && m.format === 'png'), null, { timeout: 20_000 });
    posted = await page.evaluate(() => window.__posted);
    const svg = posted.find((m) => m.type === 'export' && m.format === 'svg').data;
    assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.match(svg, /<style>/);
    writeFileSync(path.join(RESULTS, 'topology-export.svg'), svg);
    const png = Buffer.from(posted.find((m) => m.type === 'export' && m.format === 'png').data, 'base64');
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    writeFileSync(path.join(RESULTS, 'topology-export.png'), png);
    await context.close();
  });

  it('the CLI SVG stands alone: same labels and colours, names as text', async () => {
    const cli = spawnSync(process.execPath, [path.join(root, 'dist/cli.js'), 'topology', EXAMPLE], { encoding: 'utf8' });
    assert.equal(cli.status, 0, cli.stderr);
    writeFileSync(path.join(RESULTS, 'topology-cli.svg'), cli.stdout);
    const [, w, h] = /width="([\d.]+)" height="([\d.]+)"/.exec(cli.stdout).map(Number);
    const context = await browser.newContext({ viewport: { width: Math.ceil(w), height: Math.ceil(h) } });
    const page = await context.newPage();
    let svgBody = cli.stdout;
    await page.route('**/*', (route) => {
      const url = new URL(route.request().url());
      requests.push(url.href);
      return url.origin === ORIGIN ? route.fulfill({ contentType: 'image/svg+xml', body: svgBody }) : route.abort();
    });
    await page.goto(`${ORIGIN}/cli.svg`);
    const texts = await page.$$eval('text', (els) => els.map((e) => e.textContent));
    for (const name of ['vnet-hub', 'snet-apim', 'apim-contoso', 'Storage']) assert.ok(texts.includes(name), name);
    assert.equal(await page.$$eval('.edge.flow.verdict-blocked.required', (els) => els.length), 1);
    const stroke = await page.$eval('.edge.flow.verdict-blocked .edge-line', (p) => getComputedStyle(p).stroke);
    assert.equal(stroke, 'rgb(211, 47, 47)');
    await page.screenshot({ path: path.join(RESULTS, 'topology-cli.png') });

    // Payload names through the CLI path too.
    const graph = payloadGraph();
    const layout = topology.layoutTopology(graph);
    svgBody = topology.renderSvg(graph, layout, { theme: 'light', title: '<script>payload</script>.json' });
    await page.evaluate(() => { window.__pwned = undefined; });
    await page.goto(`${ORIGIN}/payload.svg`);
    const t2 = await page.$$eval('text', (els) => els.map((e) => e.textContent));
    assert.ok(t2.includes(XSS_IMG));
    assert.equal(await page.$$eval('img, script, foreignObject', (els) => els.length), 0);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    await context.close();
  });

  it('asked for nothing outside the page', () => {
    const outside = requests.filter((u) => !u.startsWith(ORIGIN) && !u.includes('evil.invalid'));
    assert.deepEqual(outside, []);
  });
});
