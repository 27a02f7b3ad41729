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
import type { FlameGraphData } from '../../src/core/model/flameTree';
import { buildStandaloneHtml } from '../../src/core/view/standaloneHtml';
import { generatedData, HOSTILE_NAMES, hostileData } from '../unit/view/flameData';
import { builtAssets, frameBox, inPage, launchChromium, waitForRender, waitForSettled, waitUntil, watchedPage, type PageProblems } from '../unit/view/pageHarness';

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

/** The chart's width in px (the svg's width attribute, which d3-flame-graph sets). */
function chartWidth(page: Page): Promise<number> {
  return inPage<number>(page, `() => Number(document.querySelector('#pf-chart svg').getAttribute('width'))`);
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

  it('draws every frame of a small profile as an SVG group', async () => {
    const { page, problems } = await openPage(hostileUrl);
    const frames = await inPage<number>(page, `() => document.querySelectorAll('#pf-chart svg g.frame').length`);
    assert.equal(frames, 12);
    assertClean(problems);
    await page.close();
  });

  it('shows hostile names as text and runs none of them', async () => {
    const { page, problems } = await openPage(hostileUrl);
    await waitUntil(page, `document.querySelector('#pf-chart').textContent.includes('compute')`);
    const chartText = await inPage<string>(page, `() => document.querySelector('#pf-chart').textContent`);
    for (const name of [HOSTILE_NAMES.img, HOSTILE_NAMES.script, HOSTILE_NAMES.js, HOSTILE_NAMES.comment]) {
      assert.ok(chartText.includes(name), `label missing: ${name}`);
    }
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
    await waitUntil(page, `document.querySelector('#pf-chart').textContent.includes('compute')`);
    const chartText = await inPage<string>(page, `() => document.querySelector('#pf-chart').textContent`);
    assert.ok(chartText.includes('safe⟨U+202E⟩exe.txt'));
    assert.ok(!chartText.includes('\u202E'));
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
    const fills = await inPage<Record<string, string>>(
      page,
      `(names) => Object.fromEntries(names.map((n) => [n, [...document.querySelectorAll('svg g.frame')].find((g) => g.getAttribute('name') === n).querySelector('rect').getAttribute('fill')]))`,
      [HOSTILE_NAMES.img, 'compute'],
    );
    assert.equal(fills[HOSTILE_NAMES.img], SEARCH_MATCH_FILL);
    assert.notEqual(fills.compute, SEARCH_MATCH_FILL);
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
    await waitUntil(page, 
      `(() => { const g = [...document.querySelectorAll('svg g.frame')].find((e) => e.getAttribute('name') === 'compute');
        return Math.abs(Number(g.querySelector('rect').getAttribute('width')) - ${width}) < 0.5; })()`,
    );
    assert.match(await inPage<string>(page, `() => document.querySelector('#pf-selection').textContent`), /^compute — \/app\/work\.py:20 — total 100 samples/);
    await page.click('#pf-reset');
    await waitUntil(page, 
      `(() => { const g = [...document.querySelectorAll('svg g.frame')].find((e) => e.getAttribute('name') === 'compute');
        return Math.abs(Number(g.querySelector('rect').getAttribute('width')) - ${before.width}) < 0.5; })()`,
    );
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
    await waitUntil(page, `(() => { const r = [...document.querySelectorAll('svg g.frame')]; const y = (n) => r.find((g) => g.getAttribute('name') === n).querySelector('rect').getBoundingClientRect().y; return y('all') > y('<module>'); })()`);
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
        groups: document.querySelectorAll('svg g.frame').length,
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
