/**
 * The self-contained flame graph page in real headless Chromium: it draws, hostile frame names
 * stay text, search and zoom work, and "Go to source" shows the location as text outside VS
 * Code. Needs the built bundle (`npm run build`) and Debian's chromium.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { buildComparisonData } from '../../src/core/model/diff/comparisonData';
import type { FlameGraphData } from '../../src/core/model/flameTree';
import { ProfileBuilder } from '../../src/core/model/profileBuilder';
import { buildStandaloneHtml } from '../../src/core/view/standaloneHtml';
import { generatedData, HOSTILE_NAMES, hostileData } from '../unit/view/flameData';
import { builtAssets, chartWidth, drawnFrames, frameBox, inPage, launchChromium, waitForRender, waitForSettled, waitUntil, watchedPage, type PageProblems } from '../unit/view/pageHarness';

/** webview/frameColors.ts SEARCH_MATCH_FILL (the page's contract with this test). */
const SEARCH_MATCH_FILL = 'rgb(230, 92, 230)';

let browser: Browser;
let dir: string;
let assets: ReturnType<typeof builtAssets>;

function writePage(name: string, data: FlameGraphData): string {
  const file = path.join(dir, `${name}.html`);
  writeFileSync(file, buildStandaloneHtml({ title: data.title, data, script: assets.script, css: assets.css }));
  return `file://${file}`;
}

async function openPage(url: string, colorScheme: 'light' | 'dark' = 'light'): Promise<{ page: Page; problems: PageProblems }> {
  const opened = await watchedPage(browser, colorScheme);
  await opened.page.goto(url);
  await waitForRender(opened.page);
  return opened;
}

function assertClean(problems: PageProblems): void {
  assert.deepEqual(problems.dialogs, [], 'a dialog opened: script from the profile ran');
  assert.deepEqual(problems.errors, [], 'the page had errors');
  assert.deepEqual(problems.violations, [], 'the page broke its own CSP');
}

/** The label drawn on the widest frame named `name` ('' when none is drawn). */
async function labelOf(page: Page, name: string): Promise<string> {
  const frames = await drawnFrames(page, name);
  return frames.reduce((widest, f) => (f.width > widest.width ? f : widest), { width: -1, label: '' }).label;
}

/** The frame's drawn width (its widest frame), CSS px. */
async function widthOf(page: Page, name: string): Promise<number> {
  return Math.max(0, ...(await drawnFrames(page, name)).map((f) => f.width));
}

describe('standalone flame graph page', () => {
  let hostileUrl: string;

  before(async () => {
    assets = builtAssets();
    dir = mkdtempSync(path.join(tmpdir(), 'pf-webview-'));
    browser = await launchChromium();
    hostileUrl = writePage('hostile', hostileData());
  });

  after(async () => {
    await browser?.close();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it('draws every frame of a small profile on one canvas', async () => {
    const { page, problems } = await openPage(hostileUrl);
    assert.equal((await drawnFrames(page)).length, 12);
    assert.equal(await inPage<number>(page, `() => document.querySelectorAll('#pf-chart canvas').length`), 1);
    assert.equal(await inPage<number>(page, `() => document.querySelectorAll('#pf-chart svg').length`), 0);
    assertClean(problems);
    await page.close();
  });

  it('shows hostile names as text and runs none of them', async () => {
    const { page, problems } = await openPage(hostileUrl);
    // Labels are painted with fillText: whole, or shortened with '…' when the frame is narrow.
    for (const name of [HOSTILE_NAMES.img, HOSTILE_NAMES.script, HOSTILE_NAMES.js, HOSTILE_NAMES.comment]) {
      const label = await labelOf(page, name);
      assert.ok(label === name || (label.length > 1 && label.endsWith('…') && name.startsWith(label.slice(0, -1))), `label of ${name}: ${JSON.stringify(label)}`);
    }
    assert.equal(await labelOf(page, HOSTILE_NAMES.img), HOSTILE_NAMES.img);
    const counts = await inPage<{ img: number; scripts: number; title: string }>(
      page,
      `() => ({ img: document.querySelectorAll('img').length, scripts: document.querySelectorAll('script').length, title: document.querySelector('#pf-title').textContent })`,
    );
    assert.deepEqual(counts, { img: 0, scripts: 2, title: '<b>evil</b> & "title" </title><script>alert(1)</script>' });
    // Hovering runs the tooltip path that executed such names in d3-flame-graph's .html() tooltip.
    for (const name of [HOSTILE_NAMES.img, HOSTILE_NAMES.script]) {
      const box = await frameBox(page, name);
      await page.mouse.move(box.x + 5, box.y + 5);
      const tip = await inPage<{ name: string; location: string; elements: number }>(
        page,
        `() => ({ name: document.querySelector('#pf-tip-name').textContent, location: document.querySelector('#pf-tip-location').textContent, elements: document.querySelectorAll('#pf-tooltip *').length })`,
      );
      assert.equal(tip.name, name);
      assert.equal(tip.elements, 9, 'the tooltip gained elements from a name');
    }
    assertClean(problems);
    await page.close();
  });

  it('shows a right-to-left override as a visible marker instead of reversing the name', async () => {
    const { page } = await openPage(hostileUrl);
    assert.equal(await labelOf(page, HOSTILE_NAMES.rtl), 'safe⟨U+202E⟩exe.txt');
    assert.ok((await drawnFrames(page)).every((f) => !f.label.includes('\u202E')));
    const box = await frameBox(page, HOSTILE_NAMES.rtl);
    await page.mouse.move(box.x + 5, box.y + 5);
    assert.equal(await inPage<string>(page, `() => document.querySelector('#pf-tip-name').textContent`), 'safe⟨U+202E⟩exe.txt');
    await page.close();
  });

  it('shows self and total in the tooltip as samples, share and seconds (the rate is known)', async () => {
    const { page } = await openPage(hostileUrl);
    const box = await frameBox(page, 'compute');
    await page.mouse.move(box.x + 5, box.y + 5);
    const tip = await inPage<string[]>(page, `() => ['#pf-tip-location', '#pf-tip-self', '#pf-tip-total'].map((s) => document.querySelector(s).textContent)`);
    assert.deepEqual(tip, ['/app/work.py:20', '40 samples · 4.0 % · 400 ms', '100 samples · 10.0 % · 1.00 s']);
    await page.close();
  });

  it('highlights search matches and shows their share of the samples, nested matches counted once', async () => {
    const { page, problems } = await openPage(hostileUrl);
    await page.fill('#pf-search', 'onerror');
    await waitUntil(page, `document.querySelector('#pf-search-result').textContent !== ''`);
    assert.equal(await inPage<string>(page, `() => document.querySelector('#pf-search-result').textContent`), '30.0 % of samples match (1 frame)');
    const [img] = await drawnFrames(page, HOSTILE_NAMES.img);
    const [compute] = await drawnFrames(page, 'compute');
    assert.deepEqual([img.fill, img.highlighted], [SEARCH_MATCH_FILL, true]);
    assert.deepEqual([compute.fill === SEARCH_MATCH_FILL, compute.highlighted], [false, false]);
    // <module> holds every frame below it, so matching it and them gives 100 %, not more.
    await page.fill('#pf-search', 'module|alert|compute');
    await waitUntil(page, `document.querySelector('#pf-search-result').textContent.startsWith('100.0 %')`);
    await page.fill('#pf-search', '(');
    await waitUntil(page, `document.querySelector('#pf-search-result').textContent === 'Not a valid regular expression'`);
    assertClean(problems);
    await page.close();
  });

  it('zooms a clicked frame to the full chart width, and Reset zoom shows the whole profile again', async () => {
    const { page, problems } = await openPage(hostileUrl);
    const width = await chartWidth(page);
    const before = await frameBox(page, 'compute');
    assert.ok(before.width < width / 5);
    await page.mouse.click(before.x + 5, before.y + 5);
    await waitForSettled(page);
    assert.ok(Math.abs((await widthOf(page, 'compute')) - width) < 0.5, 'compute fills the chart');
    assert.equal((await drawnFrames(page, HOSTILE_NAMES.img)).length, 0, 'its siblings are hidden');
    assert.deepEqual((await drawnFrames(page, 'all')).map((f) => [f.width, f.faded]), [[width, true]], 'its ancestors are full width and faded');
    assert.match(await inPage<string>(page, `() => document.querySelector('#pf-selection').textContent`), /^compute — \/app\/work\.py:20 — total 100 samples/);
    await page.click('#pf-reset');
    await waitForSettled(page);
    assert.ok(Math.abs((await widthOf(page, 'compute')) - before.width) < 0.5, 'compute is back to its share');
    assertClean(problems);
    await page.close();
  });

  it('shows the source location as text for Go to source and Ctrl+click, as there is no editor to open', async () => {
    const { page } = await openPage(hostileUrl);
    assert.equal(await page.isDisabled('#pf-goto'), true);
    const box = await frameBox(page, HOSTILE_NAMES.js);
    await page.mouse.click(box.x + 5, box.y + 5);
    await page.click('#pf-goto');
    assert.equal(await inPage<string>(page, `() => document.querySelector('#pf-message-text').textContent`), 'Source: javascript:alert(1):7');
    assert.equal(await inPage<number>(page, `() => document.querySelectorAll('a').length`), 0, 'a location became a link');
    await page.click('#pf-reset');
    await waitForSettled(page);
    const compute = await frameBox(page, 'compute');
    await page.keyboard.down('Control');
    await page.mouse.click(compute.x + 5, compute.y + 5);
    await page.keyboard.up('Control');
    assert.equal(await inPage<string>(page, `() => document.querySelector('#pf-message-text').textContent`), 'Source: /app/work.py:20');
    await page.close();
  });

  it('puts the root at the top by default (icicle) and at the bottom as a flame graph', async () => {
    const { page } = await openPage(hostileUrl);
    const rootY = async () => (await frameBox(page, 'all')).y;
    const moduleY = async () => (await frameBox(page, '<module>')).y;
    assert.ok((await rootY()) < (await moduleY()));
    await page.click('#pf-orientation');
    assert.equal(await page.getAttribute('#pf-orientation', 'aria-pressed'), 'true');
    await waitForSettled(page);
    assert.ok((await rootY()) > (await moduleY()));
    await page.close();
  });

  it('moves a keyboard focus with the arrow keys, says each frame in a live region, zooms on Enter and resets on Escape', async () => {
    const { page, problems } = await openPage(hostileUrl);
    const canvas = '#pf-chart canvas';
    assert.deepEqual(
      await inPage(page, `() => { const c = document.querySelector('#pf-chart canvas'); return [c.tabIndex, c.getAttribute('role'), c.getAttribute('aria-label')]; }`),
      [0, 'application', 'Flame graph: 12 frames, 1,000 samples · 100.0 % · 10.00 s. Arrow keys move between frames, Enter zooms, Escape shows the whole profile.'],
    );
    const spoken = () => inPage<string>(page, `() => document.querySelector('#pf-chart [aria-live]').textContent`);
    const focused = () => inPage<boolean>(page, `() => document.activeElement === document.querySelector('#pf-chart canvas')`);
    await page.click('#pf-search');
    for (let i = 0; i < 6 && !(await focused()); i++) await page.keyboard.press('Tab');
    assert.equal(await focused(), true, 'Tab reaches the chart');
    assert.equal(await spoken(), 'all: 1,000 samples · 100.0 % · 10.00 s');
    for (let i = 0; i < 4; i++) await page.press(canvas, 'ArrowDown');
    assert.equal(await spoken(), `${HOSTILE_NAMES.img}: 300 samples · 30.0 % · 3.00 s`);
    await page.press(canvas, 'ArrowRight');
    assert.equal(await spoken(), `${HOSTILE_NAMES.script}: 200 samples · 20.0 % · 2.00 s`);
    assert.equal(await inPage<number>(page, `() => document.querySelectorAll('#pf-chart [aria-live] *').length`), 0, 'the name stayed text');
    await page.press(canvas, 'Enter');
    await waitForSettled(page);
    assert.ok(Math.abs((await widthOf(page, HOSTILE_NAMES.script)) - (await chartWidth(page))) < 0.5, 'Enter zoomed to the focused frame');
    assert.match(await inPage<string>(page, `() => document.querySelector('#pf-selection').textContent`), /^<\/script><script>alert\(1\)<\/script> — \/app\/x\.py:5/);
    await page.press(canvas, 'Escape');
    await waitForSettled(page);
    assert.equal((await drawnFrames(page)).length, 12, 'Escape shows the whole profile');
    assert.match(await inPage<string>(page, `() => document.querySelector('#pf-selection').textContent`), /^Click a frame to zoom in/);
    assertClean(problems);
    await page.close();
  });

  it('hides the tooltip when the pointer leaves the chart', async () => {
    const { page } = await openPage(hostileUrl);
    const box = await frameBox(page, 'compute');
    await page.mouse.move(box.x + 5, box.y + 5);
    assert.equal(await page.isVisible('#pf-tooltip'), true);
    await page.mouse.move(box.x + 5, 2);
    assert.equal(await page.isVisible('#pf-tooltip'), false);
    await page.close();
  });

  it('draws at the device pixel ratio, and follows the panel width', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 2 });
    await page.goto(hostileUrl);
    await waitForRender(page);
    const size = () => inPage<{ css: number; device: number; cssHeight: number; deviceHeight: number }>(
      page,
      `() => { const c = document.querySelector('#pf-chart canvas'); const r = c.getBoundingClientRect(); return { css: r.width, device: c.width, cssHeight: r.height, deviceHeight: c.height }; }`,
    );
    const wide = await size();
    assert.deepEqual([wide.device, wide.deviceHeight], [wide.css * 2, wide.cssHeight * 2]);
    await page.setViewportSize({ width: 700, height: 800 });
    await waitUntil(page, `document.querySelector('#pf-chart canvas').getBoundingClientRect().width < ${wide.css - 400}`);
    await waitForSettled(page);
    const narrow = await size();
    assert.equal(narrow.device, narrow.css * 2);
    assert.deepEqual((await drawnFrames(page, 'all')).map((f) => f.width), [narrow.css], 'the root spans the new width');
    await page.close();
  });

  it('colours a comparison by delta: red for growth, blue for a decrease, scaled by the largest change', async () => {
    const withDelta = (n: FlameGraphData['root']): FlameGraphData['root'] => ({
      ...n,
      ...(n.name === 'compute' ? { delta: 2 } : n.name === HOSTILE_NAMES.img ? { delta: -1 } : n.name === HOSTILE_NAMES.js ? { delta: 0 } : {}),
      children: n.children.map(withDelta),
    });
    const base = hostileData();
    const { page, problems } = await openPage(writePage('diff', { ...base, root: withDelta(base.root) }));
    const fill = async (name: string) => (await drawnFrames(page, name))[0].fill;
    assert.equal(await fill('compute'), 'rgb(235, 47, 47)');
    assert.equal(await fill(HOSTILE_NAMES.img), 'rgb(141, 141, 235)');
    assert.equal(await fill(HOSTILE_NAMES.js), 'rgb(235, 235, 235)');
    assertClean(problems);
    await page.close();
  });

  it('shows a comparison page (html --baseline): the table of changes, no Verify button outside VS Code', async () => {
    const profileOf = (stacks: Record<string, number>) => {
      const b = new ProfileBuilder();
      for (const [stack, weight] of Object.entries(stacks)) b.addStack(stack.split(';').map((name) => b.internFrame({ name, file: '/app/m.py', line: name.length, kind: 'python' })), weight);
      return b.build({ tool: 'py-spy', kind: 'cpu', unit: 'samples', sampleRate: 100 });
    };
    const data = buildComparisonData(profileOf({ 'main;slow': 600, 'main;fast': 400 }), profileOf({ 'main;slow': 200, 'main;fast': 800 }), {
      baselineTitle: 'before.txt',
      candidateTitle: 'after.txt',
      minFramePercent: 0.5,
    });
    const { page, problems } = await openPage(writePage('comparison', data));
    assert.equal(await inPage<boolean>(page, `() => document.querySelector('#pf-comparison').hidden`), false);
    assert.equal(await inPage<boolean>(page, `() => document.querySelector('#pf-verify-comparison').hidden`), true);
    const firstRow = await inPage<string[]>(page, `() => [...document.querySelector('#pf-comparison-rows tr').cells].map((td) => td.textContent)`);
    assert.deepEqual(firstRow, ['fastfunction', '40.0 %', '80.0 %', '+40.0 pts', '+4.00 s', '< 0.001 ✱']);
    const [r, g, b] = ((await drawnFrames(page, 'slow'))[0]?.fill.match(/\d+/g) ?? []).map(Number);
    assert.ok(b > r && b > g, `slow should be blue, is rgb(${r}, ${g}, ${b})`);
    assertClean(problems);
    await page.close();
  });

  it('draws a 16k-node profile (first paint measured, not asserted)', async () => {
    const data = generatedData(16_000);
    const { page, problems } = await openPage(writePage('large', data));
    const timing = await inPage<{ sync: number; paint: number; sinceStart: number; groups: number }>(
      page,
      `() => ({
        sync: performance.getEntriesByName('pf-render-sync', 'measure')[0].duration,
        paint: performance.getEntriesByName('pf-first-paint', 'measure')[0].duration,
        sinceStart: performance.getEntriesByName('pf-first-paint', 'mark')[0].startTime,
        groups: window.profileFirstFlameGraph.frameRects().length,
      })`,
    );
    console.log(
      `webview first paint, ${data.shownNodeCount} nodes (${timing.groups} drawn): ` +
        `render ${timing.sync.toFixed(0)} ms sync, first paint ${timing.paint.toFixed(0)} ms after render start, ` +
        `${timing.sinceStart.toFixed(0)} ms after navigation`,
    );
    assert.ok(timing.groups > 0);
    assertClean(problems);
    await page.close();
  });
});
