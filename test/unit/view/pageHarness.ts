/**
 * Shared set-up for the webview tests in real headless Chromium (test/integration/webview*):
 * the built page assets, the browser, and a page that fails loudly on dialogs, script errors
 * and CSP violations. Not a test file itself.
 *
 * Code that runs in the page is written as strings: the root tsconfig has no DOM types (on
 * purpose, so src/core cannot use them), and a string states plainly where the code runs.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { after, before } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { FlameGraphData } from '../../../src/core/model/flameTree';
import type { FromWebview, ToWebview } from '../../../src/core/protocol';
import { buildPanelHtml, createNonce } from '../../../src/core/view/panelHtml';
import type { DrawnFrame } from '../../../webview/drawnFrame';

/** The repository root (three levels above this file). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

const CHROMIUM = process.env.PROFILE_FIRST_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else if (entry.name.endsWith('.ts') || entry.name.endsWith('.css')) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

/** The built webview bundle and CSS; fails with what to run when they are missing or older than their sources. */
export function builtAssets(): { script: string; css: string; panelCss: string } {
  const bundle = path.join(REPO_ROOT, 'dist', 'webview.js');
  if (!existsSync(bundle)) {
    throw new Error(`${bundle} is missing: run \`npm run build\` first (the webview tests load the built bundle).`);
  }
  const sources = Math.max(newestMtime(path.join(REPO_ROOT, 'webview')), newestMtime(path.join(REPO_ROOT, 'src', 'core', 'view')));
  if (statSync(bundle).mtimeMs < sources) {
    throw new Error(`${bundle} is older than webview/ or src/core/view/: run \`npm run build\` again before the webview tests.`);
  }
  const panelCss = readFileSync(path.join(REPO_ROOT, 'media', 'flamegraph-panel.css'), 'utf8');
  return { script: readFileSync(bundle, 'utf8'), css: panelCss, panelCss };
}

/** Starts Debian's Chromium headless; fails with how to get it when it is not installed. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install it with \`sudo apt-get install chromium\` (or set PROFILE_FIRST_CHROMIUM).`);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
}

/** Problems a page must never have: a dialog (script ran), an uncaught error, a CSP violation. */
export interface PageProblems {
  readonly dialogs: string[];
  readonly errors: string[];
  readonly violations: string[];
}

/** A fresh page that records dialogs, errors and CSP violations (read them with `problems`). */
export async function watchedPage(browser: Browser, colorScheme: 'light' | 'dark' = 'light'): Promise<{ page: Page; problems: PageProblems }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, colorScheme });
  const problems: PageProblems = { dialogs: [], errors: [], violations: [] };
  page.on('dialog', (dialog) => {
    problems.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => problems.errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.errors.push(message.text());
  });
  await page.exposeFunction('__pfViolation', (text: string) => problems.violations.push(text));
  await page.addInitScript(`document.addEventListener('securitypolicyviolation', (e) =>
    window.__pfViolation(e.violatedDirective + ': ' + e.blockedURI + ' ' + e.sample));`);
  return { page, problems };
}

/** Waits until the page has drawn `count` profiles (the webview marks each first paint on <body>). */
export async function waitForRender(page: Page, count = 1): Promise<void> {
  await waitUntil(page, `Number(document.body.dataset.pfRendered ?? '0') >= ${count}`);
  await waitForSettled(page);
}

/**
 * Polls an expression in the page until it is truthy. Playwright's waitForFunction evaluates
 * its predicate with eval inside the page, which the page's CSP rightly blocks.
 */
export async function waitUntil(page: Page, expression: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await page.evaluate(expression)) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for: ${expression}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Waits until the chart has drawn what it was last asked to (it redraws at most once per animation frame, without transitions). */
export async function waitForSettled(page: Page): Promise<void> {
  await page.evaluate(`new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))`);
}

/** One drawn frame as the page's query reports it, canvas CSS pixels. */
export type DrawnFrameInfo = DrawnFrame;

/** The drawn frames (all, or those named `name`), from the page's read-only query `window.profileFirstFlameGraph`. */
export function drawnFrames(page: Page, name?: string): Promise<DrawnFrameInfo[]> {
  return inPage<DrawnFrameInfo[]>(page, `(n) => window.profileFirstFlameGraph.frameRects(n ?? undefined)`, name ?? null);
}

/** The chart canvas's width in CSS pixels. */
export function chartWidth(page: Page): Promise<number> {
  return inPage<number>(page, `() => document.querySelector('#pf-chart canvas').getBoundingClientRect().width`);
}

/** Evaluates a function (given as source) in the page with one JSON argument. */
export function inPage<T>(page: Page, fn: string, arg?: unknown): Promise<T> {
  return page.evaluate(`(${fn})(${JSON.stringify(arg ?? null)})`) as Promise<T>;
}

/** The box, in page (viewport) coordinates, of the first drawn frame named `name`: where to point the mouse. */
export async function frameBox(page: Page, name: string): Promise<{ x: number; y: number; width: number; height: number }> {
  const box = await inPage<{ x: number; y: number; width: number; height: number } | null>(
    page,
    `(n) => {
      const f = window.profileFirstFlameGraph.frameRects(n)[0];
      const c = document.querySelector('#pf-chart canvas').getBoundingClientRect();
      return f === undefined ? null : { x: c.x + f.x, y: c.y + f.y, width: f.width, height: f.height };
    }`,
    name,
  );
  if (box === null) throw new Error(`no frame named ${JSON.stringify(name)} is drawn`);
  return box;
}

/** What VS Code's webview API would carry: posted messages (in `window.__posted`) and the saved state. */
export const FAKE_VSCODE_API = `
  window.__posted = [];
  window.__state = undefined;
  window.acquireVsCodeApi = () => ({
    postMessage: (m) => window.__posted.push(JSON.parse(JSON.stringify(m))),
    getState: () => window.__state,
    setState: (s) => { window.__state = s; },
  });`;

/** A local server for the panel page as VS Code serves it: `/` is buildPanelHtml, assets as files from the same origin. */
export interface PanelServer {
  readonly origin: string;
  close(): Promise<void>;
}

/** Starts the panel page server on 127.0.0.1 (a free port). */
export function startPanelServer(): Promise<PanelServer> {
  const assets = builtAssets();
  const files: Record<string, { type: string; body: string }> = {
    '/dist/webview.js': { type: 'text/javascript', body: assets.script },
    '/media/flamegraph-panel.css': { type: 'text/css', body: assets.panelCss },
  };
  let origin = '';
  const server = createServer((req, res) => {
    const file = files[req.url ?? ''];
    if (req.url === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        buildPanelHtml({
          cspSource: origin,
          nonce: createNonce(),
          scriptUri: `${origin}/dist/webview.js`,
          styleUris: [`${origin}/media/flamegraph-panel.css`],
          title: 'Profile First: flame graph',
        }),
      );
    } else if (req.url === '/favicon.ico') {
      // Chromium asks any http origin for one; a VS Code webview never does.
      res.writeHead(204);
      res.end();
    } else if (file !== undefined) {
      res.writeHead(200, { 'content-type': file.type });
      res.end(file.body);
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      resolve({ origin, close: () => new Promise((done) => server.close(() => done())) });
    }),
  );
}

/** Opens the panel page with the fake VS Code API; the page says `ready` and waits for the host. */
export async function openPanelPage(browser: Browser, origin: string): Promise<{ page: Page; problems: PageProblems }> {
  const opened = await watchedPage(browser);
  await opened.page.addInitScript(FAKE_VSCODE_API);
  await opened.page.goto(`${origin}/`);
  return opened;
}

/** The messages the panel page has posted to its host so far. */
export function postedMessages(page: Page): Promise<FromWebview[]> {
  return inPage<FromWebview[]>(page, `() => window.__posted`);
}

/** Sends a message to the panel page as the host would. */
export async function sendToPage(page: Page, message: ToWebview): Promise<void> {
  await inPage(page, `(m) => window.postMessage(m, '*')`, message);
}

/** Sends a profile as the host does once the page has said `ready`, and waits until the page has drawn `renders` profiles in all. */
export async function showInPanel(page: Page, data: FlameGraphData, renders = 1): Promise<void> {
  await waitUntil(page, `window.__posted.length > 0`);
  await sendToPage(page, { type: 'showProfile', data });
  await waitForRender(page, renders);
}

/** Chromium and the panel page server of one `describe` (see usePanelPages). */
export interface PanelPages {
  /** The browser, for pages other than the panel (the standalone page). */
  browser(): Browser;
  /** A fresh panel page with the fake VS Code API (openPanelPage). */
  open(): Promise<{ page: Page; problems: PageProblems }>;
}

/**
 * Starts the panel page server and Chromium in a `before` hook of the calling `describe` and
 * closes both in its `after` hook: call it inside `describe`.
 */
export function usePanelPages(): PanelPages {
  let browser: Browser | undefined;
  let server: PanelServer | undefined;
  before(async () => {
    server = await startPanelServer();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
  const started = (): { browser: Browser; server: PanelServer } => {
    if (browser === undefined || server === undefined) throw new Error('the panel server or Chromium did not start (see the before hook error)');
    return { browser, server };
  };
  return {
    browser: () => started().browser,
    open: () => {
      const { browser: b, server: s } = started();
      return openPanelPage(b, s.origin);
    },
  };
}
