/**
 * UI smoke test through the real workbench (code-server + Chromium), with the packaged .vsix installed:
 * open a broken template, see the squiggle and the Problems entry, hover it, apply the quick fix from the
 * light bulb (Ctrl+.), check the text, open the topology preview from the command palette and click a node
 * inside the webview (the editor selects its source). Each step counts as one test; after a failure the rest are counted as
 * failed too (they depend on it). Screenshots: on failure into `failuresDir`; three for the README into
 * `imagesDir` (diagnostic.png, hover.png, quickfix.png).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Frame, Locator, Page } from 'playwright-core';
import type { CodeServer } from './codeServer';
import type { SuiteResult } from './hostSuite';

const FILE = 'broken-nsg.json';

export async function runUiSmoke(opts: {
  server: CodeServer;
  browser: Browser;
  imagesDir: string;
  failuresDir: string;
  log: (line: string) => void;
}): Promise<SuiteResult> {
  const { server, browser, log } = opts;
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.setDefaultTimeout(30_000);
  const editor = page.locator('.editor-instance .monaco-editor').first();
  const squiggle = editor.locator('.squiggly-error').first();
  let squiggleBox: { x: number; y: number } | undefined;

  const steps: [string, () => Promise<void>][] = [
    [
      'the workbench loads the workspace',
      async () => {
        await page.goto(`${server.url}/?folder=${encodeURIComponent(server.workspace)}`);
        await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
        await page.locator('.explorer-folders-view, .explorer-viewlet').first().waitFor({ timeout: 60_000 });
      },
    ],
    [
      'quick open shows the broken template with an error squiggle',
      async () => {
        await page.keyboard.press('Control+P');
        const input = page.locator('.quick-input-widget input').first();
        await input.waitFor();
        await input.fill(FILE);
        await page.locator('.quick-input-list .monaco-list-row', { hasText: FILE }).first().waitFor();
        await page.keyboard.press('Enter');
        await page.locator('.tab.active', { hasText: FILE }).waitFor();
        // Activation + server start + first pull: allow a minute on a loaded machine.
        await squiggle.waitFor({ timeout: 60_000 });
        await page.locator('.statusbar-item', { hasText: 'APIM: 1 error' }).first().waitFor();
      },
    ],
    [
      'the Problems panel lists the finding with its rule id',
      async () => {
        await page.keyboard.press('Control+Shift+M');
        const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'nsg-required-port' }).first();
        await row.waitFor();
        const text = await row.innerText();
        if (!/3443/.test(text)) throw new Error(`unexpected Problems entry: ${text}`);
        await page.screenshot({ path: path.join(opts.imagesDir, 'diagnostic.png') });
      },
    ],
    [
      'hovering the squiggle shows the message',
      async () => {
        await squiggle.scrollIntoViewIfNeeded();
        const box = await squiggle.boundingBox();
        if (!box) throw new Error('no squiggle on screen');
        squiggleBox = { x: box.x + Math.min(box.width / 2, 40), y: box.y + box.height / 2 };
        await page.mouse.move(squiggleBox.x, squiggleBox.y - 30);
        await page.mouse.move(squiggleBox.x, squiggleBox.y, { steps: 5 });
        const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: '3443' }).first();
        await hover.waitFor();
        const text = await hover.innerText();
        if (!/nsg-required-port/.test(text)) throw new Error(`hover without the rule id: ${text}`);
        await page.screenshot({ path: path.join(opts.imagesDir, 'hover.png') });
      },
    ],
    [
      'Ctrl+. on the squiggle offers the quick fix and applying it removes the error',
      async () => {
        if (!squiggleBox) throw new Error('no squiggle position');
        await page.mouse.click(squiggleBox.x, squiggleBox.y);
        // The mouse leaves the squiggle, or its hover opens again over the editor while Ctrl+. is pressed (a CI
        // run timed out with the hover shown and no quick-fix menu).
        await page.mouse.move(150, 320); // the explorer's empty space, below the workspace's files
        await page.keyboard.press('Escape');
        const item = page.locator('.action-widget .monaco-list-row', { hasText: 'Add an Allow rule' }).first();
        await page.keyboard.press('Control+.');
        // One more Ctrl+. if the menu does not come: the first may arrive before the editor has the code action
        // provider's answer for the cursor. The fix must still be offered.
        await item.waitFor({ timeout: 10_000 }).catch(async () => {
          await page.keyboard.press('Escape');
          await page.keyboard.press('Control+.');
          await item.waitFor();
        });
        await page.screenshot({ path: path.join(opts.imagesDir, 'quickfix.png') });
        await item.click();
        await editor.locator('.squiggly-error').first().waitFor({ state: 'detached' });
        await page.locator('.statusbar-item', { hasText: /APIM: (no problems|\d+ warning)/ }).first().waitFor();
      },
    ],
    [
      'the editor text has the inserted Allow rule',
      async () => {
        // Read the text through the editor itself: its find widget counts the matches in the whole model.
        await page.keyboard.press('Control+F');
        await page.locator('.find-widget.visible').waitFor();
        await page.keyboard.type('"3443"');
        const count = page.locator('.find-widget .matchesCount');
        await count.filter({ hasText: /of 2$/ }).waitFor();
        await page.keyboard.press('Escape');
        await page.keyboard.press('Control+S');
        const file = path.join(server.workspace, FILE);
        await waitUntil(() => (fs.readFileSync(file, 'utf8').match(/"3443"/g) ?? []).length === 2, 'the saved file');
        const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as { resources: { properties?: { securityRules?: unknown[] } }[] };
        const rules = (saved.resources[0]?.properties?.securityRules ?? []) as { properties: { access: string; destinationPortRange?: string } }[];
        const allow3443 = rules.filter((r) => r.properties.destinationPortRange === '3443' && r.properties.access === 'Allow');
        if (allow3443.length !== 1) throw new Error(`expected one Allow rule for 3443, got ${allow3443.length}`);
      },
    ],
    [
      'the topology preview opens from the command palette; clicking its NSG node selects the NSG in the editor',
      async () => {
        await page.keyboard.press('F1');
        const input = page.locator('.quick-input-widget input').first();
        await input.waitFor();
        await input.fill('>APIM Network: Show Topology Preview');
        await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Show Topology Preview' }).first().waitFor();
        await page.keyboard.press('Enter');
        await page.locator('.tab', { hasText: `Topology: ${FILE}` }).first().waitFor();
        // The webview lives in nested iframes; find the frame that drew the graph.
        const nsgNode = await waitForFrameLocator(page, '[data-node-id="nsg:apim-nsg"] .node-box');
        // After the quick fix every required flow is allowed: no edge is drawn as blocked.
        const blocked = await nsgNode.frame.locator('[data-edge-id].verdict-blocked').count();
        if (blocked) throw new Error(`${blocked} blocked flow(s) drawn after the fix`);
        await nsgNode.locator.click();
        // The editor selects the NSG resource object: the status bar counts its characters.
        const saved = fs.readFileSync(path.join(server.workspace, FILE), 'utf8');
        const start = saved.indexOf('{', saved.indexOf('"resources"'));
        const length = objectLength(saved, start);
        const selected = page.locator('.statusbar-item', { hasText: `(${length} selected)` }).first();
        // The status bar counts the selection only while the text editor is the active one; on a loaded machine
        // the click's focus can stay in the webview (the selection is made all the same). Then activate the
        // editor's tab, which does not change its selection, and read the count.
        if (!(await selected.waitFor({ timeout: 10_000 }).then(() => true, () => false))) {
          await page.locator('.tab', { hasText: FILE, hasNotText: 'Topology:' }).first().click();
          await selected.waitFor();
        }
      },
    ],
  ];

  let passed = 0;
  let failed = 0;
  let broken = false;
  for (const [name, step] of steps) {
    if (broken) {
      log(`  - ${name} (not run: an earlier step failed)`);
      failed++;
      continue;
    }
    const started = Date.now();
    try {
      await step();
      passed++;
      log(`  ✔ ${name} (${Date.now() - started} ms)`);
    } catch (e) {
      failed++;
      broken = true;
      log(`  ✖ ${name}: ${e instanceof Error ? e.message : String(e)}`);
      await screenshot(page, path.join(opts.failuresDir, `ui-failure-${passed + failed}.png`), log);
    }
  }
  await page.close().catch(() => {});
  return { passed, failed, exitCode: failed ? 1 : 0 };
}

async function screenshot(page: Page, file: string, log: (line: string) => void): Promise<void> {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    await page.screenshot({ path: file });
    log(`    screenshot: ${file}`);
  } catch (e) {
    log(`    (no screenshot: ${e instanceof Error ? e.message : String(e)})`);
  }
}

/** The first frame (webviews nest two iframes deep) where `selector` is visible. */
async function waitForFrameLocator(page: Page, selector: string, ms = 30_000): Promise<{ frame: Frame; locator: Locator }> {
  const end = Date.now() + ms;
  for (;;) {
    for (const frame of page.frames()) {
      const locator = frame.locator(selector).first();
      if (await locator.isVisible().catch(() => false)) return { frame, locator };
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${selector} in a webview`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Length of the JSON object that starts at `start` (brackets counted outside strings). */
function objectLength(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if ((c === '}' || c === ']') && --depth === 0) return i - start + 1;
  }
  throw new Error('unterminated object');
}

async function waitUntil(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
