import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core';
import type { FlameGraphData } from '../../src/core/model/flameTree';
import { buildPanelHtml, createNonce } from '../../src/core/view/panelHtml';
import type { Bundles } from './bundles';

/**
 * The flame graph panel page as VS Code serves it (buildPanelHtml: strict CSP, script and styles
 * as files from the webview origin) in headless Chromium, with `acquireVsCodeApi` stood in for
 * as in test/integration/webviewPanel.test.ts: the real bundle, driven through the real message
 * path (`ready` from the page, then a `showProfile` message event). Code that runs in the page is
 * written as strings: the root tsconfig has no DOM types.
 */

const CHROMIUM = process.env.PROFILE_FIRST_CHROMIUM ?? '/usr/bin/chromium';
/** shared/DESIGN.md's launch flags. */
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
/** The reference measurements' viewport (shared/reference/flamegraph-and-security.md §1.2). */
const VIEWPORT = { width: 1280, height: 900 };

/** Records posted messages, and when each message event reaches the page (before the app's own listener runs). */
const INIT_SCRIPT = `
  window.__posted = [];
  window.__messageAt = [];
  window.addEventListener('message', () => window.__messageAt.push(performance.now()), true);
  window.acquireVsCodeApi = () => ({
    postMessage: (m) => window.__posted.push(JSON.parse(JSON.stringify(m))),
    getState: () => undefined,
    setState: () => undefined,
  });`;

/** What one draw of a profile measured. */
export interface PageMeasurement {
  /** Data message event → first paint (two animation frames after the render), ms. */
  readonly firstPaintMs: number;
  /** Of which the synchronous render call (layout and the canvas draw), ms. */
  readonly renderSyncMs: number;
  /** Click on a frame at depth 3–6 holding ≤ 40 % → next paint, ms (NaN if no such frame is drawn). */
  readonly zoomMs: number;
  readonly zoomedShare: number;
  readonly domElements: number;
  /** Frames drawn (webview/flameQuery.ts: window.profileFirstFlameGraph.frameRects()). */
  readonly framesDrawn: number;
  /** Used JS heap after the paint and a full GC, bytes; and before the message. */
  readonly heapBytes: number;
  readonly heapBeforeBytes: number;
}

/** Same-run baselines: the same number of frames drawn and moved by plain DOM calls in a blank page. */
export interface PageBaseline {
  readonly drawMs: number;
  readonly moveMs: number;
}

/** One browser and one local server for a series of measurements. */
export class FlamePageRig {
  private constructor(
    private readonly browser: Browser,
    private readonly server: Server,
    private readonly origin: string,
  ) {}

  static async start(bundles: Bundles): Promise<FlamePageRig> {
    const files: Record<string, { type: string; body: string }> = {
      '/dist/webview.js': { type: 'text/javascript', body: readFileSync(bundles.webview, 'utf8') },
      '/media/flamegraph-panel.css': { type: 'text/css', body: readFileSync(bundles.panelCss, 'utf8') },
    };
    let origin = '';
    const server = createServer((req, res) => {
      const file = files[req.url ?? ''];
      if (req.url === '/') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        const html = buildPanelHtml({
          cspSource: origin,
          nonce: createNonce(),
          scriptUri: `${origin}/dist/webview.js`,
          styleUris: [`${origin}/media/flamegraph-panel.css`],
          title: 'Profile First: flame graph',
        });
        res.end(html);
      } else if (file !== undefined) {
        res.writeHead(200, { 'content-type': file.type });
        res.end(file.body);
      } else {
        res.writeHead(req.url === '/favicon.ico' ? 204 : 404);
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
    return new FlamePageRig(browser, server, origin);
  }

  /** Draws `data` in a fresh panel page and measures paint, zoom, DOM size and heap. */
  async measure(data: FlameGraphData): Promise<PageMeasurement> {
    const page = await this.browser.newPage({ viewport: VIEWPORT });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      const cdp = await page.context().newCDPSession(page);
      await page.addInitScript(INIT_SCRIPT);
      await page.goto(`${this.origin}/`);
      await waitUntil(page, `window.__posted.some((m) => m.type === 'ready')`);
      const heapBeforeBytes = await usedHeap(cdp);
      await page.evaluate(`window.postMessage(${JSON.stringify({ type: 'showProfile', data })}, '*')`);
      await waitUntil(page, `document.body.dataset.pfRendered === '1'`, 120_000);
      const paint = (await page.evaluate(`({
        arrived: window.__messageAt[0],
        painted: performance.getEntriesByName('pf-first-paint', 'mark')[0].startTime,
        sync: performance.getEntriesByName('pf-render-sync', 'measure')[0].duration,
        dom: document.getElementsByTagName('*').length,
        frames: window.profileFirstFlameGraph.frameRects().length,
      })`)) as { arrived: number; painted: number; sync: number; dom: number; frames: number };
      const heapBytes = await usedHeap(cdp);
      const zoom = (await page.evaluate(ZOOM_SCRIPT)) as { ms: number; share: number };
      if (errors.length > 0) throw new Error(`the flame graph page had errors: ${errors.join('; ')}`);
      return {
        firstPaintMs: paint.painted - paint.arrived,
        renderSyncMs: paint.sync,
        zoomMs: zoom.ms,
        zoomedShare: zoom.share,
        domElements: paint.dom,
        framesDrawn: paint.frames,
        heapBytes,
        heapBeforeBytes,
      };
    } finally {
      await page.close();
    }
  }

  /** Draws and then moves `frames` rect+text groups with plain DOM calls in a blank page (no d3, no CSP). */
  async baseline(frames: number): Promise<PageBaseline> {
    const page = await this.browser.newPage({ viewport: VIEWPORT });
    try {
      return (await page.evaluate(`(${BASELINE_SCRIPT})(${frames})`)) as PageBaseline;
    } finally {
      await page.close();
    }
  }

  async close(): Promise<void> {
    await this.browser.close();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

/** Full GC, then the used JS heap (CDP: precise, unlike the quantised performance.memory). */
async function usedHeap(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  const usage = await cdp.send('Runtime.getHeapUsage');
  return usage.usedSize;
}

/**
 * The reference's zoom: click the widest drawn frame at depth 3–6 that holds at most 40 % of the
 * samples, then wait for the next paint. The frame is found with the page's read-only query and
 * clicked where it is drawn on the canvas (a click event at those client coordinates, so the
 * chart's own hit test, zoom and redraw are all measured).
 */
const ZOOM_SCRIPT = `new Promise((resolve) => {
  const canvas = document.querySelector('#pf-chart canvas');
  let target;
  for (const f of window.profileFirstFlameGraph.frameRects()) {
    if (f.depth < 3 || f.depth > 6 || f.share > 0.4) continue;
    if (target === undefined || f.share > target.share) target = f;
  }
  if (target === undefined) return resolve({ ms: NaN, share: 0 });
  const box = canvas.getBoundingClientRect();
  const at = { clientX: box.left + target.x + target.width / 2, clientY: box.top + target.y + target.height / 2 };
  const started = performance.now();
  canvas.dispatchEvent(new MouseEvent('click', { bubbles: true, ...at }));
  requestAnimationFrame(() => requestAnimationFrame(() => resolve({ ms: performance.now() - started, share: target.share })));
})`;

/** The least any SVG flame graph must do for the same frames: create them, paint; move them all, paint. */
const BASELINE_SCRIPT = `(n) => new Promise((resolve) => {
  const ns = 'http://www.w3.org/2000/svg';
  const paint = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  const started = performance.now();
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('width', '1200');
  svg.setAttribute('height', '900');
  const rects = [];
  for (let i = 0; i < n; i++) {
    const g = document.createElementNS(ns, 'g');
    const rect = document.createElementNS(ns, 'rect');
    const text = document.createElementNS(ns, 'text');
    rect.setAttribute('x', String((i * 7) % 1200));
    rect.setAttribute('y', String((i % 50) * 18));
    rect.setAttribute('width', '5');
    rect.setAttribute('height', '17');
    rect.setAttribute('fill', 'rgb(230,120,40)');
    text.textContent = 'fn_' + i;
    g.append(rect, text);
    svg.append(g);
    rects.push(rect);
  }
  document.body.append(svg);
  paint().then(() => {
    const drawMs = performance.now() - started;
    const moved = performance.now();
    for (let i = 0; i < rects.length; i++) {
      rects[i].setAttribute('x', String((i * 13) % 1200));
      rects[i].setAttribute('width', '9');
    }
    paint().then(() => resolve({ drawMs, moveMs: performance.now() - moved }));
  });
})`;

async function waitUntil(page: Page, expression: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await page.evaluate(expression)) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for: ${expression}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
