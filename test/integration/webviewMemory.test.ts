/**
 * Memory profiles on the flame graph page in real headless Chromium: the memory-over-time chart
 * (one SVG path per series, the peak marked and labelled), the Peak | Leaks switch and the
 * PYTHONMALLOC=malloc note, in the panel page (messages to the host) and in the standalone page
 * (no host: the switch is disabled, the re-run hidden). Hostile strings stay text. Needs
 * `npm run build` and Debian's chromium. Writes /tmp/memory-panel.png for a reviewer to look at.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { FlameGraphData } from '../../src/core/model/flameTree';
import { LEAKS_INEXACT_NOTE, NO_SNAPSHOTS_TEXT } from '../../src/core/view/memoryText';
import { buildStandaloneHtml } from '../../src/core/view/standaloneHtml';
import { HOSTILE_NAMES, MEMORY_PEAK, memoryData } from '../unit/view/flameData';
import { builtAssets, frameBox, inPage, postedMessages, sendToPage, showInPanel, usePanelPages, waitForRender, waitUntil, watchedPage, type PageProblems, type PanelPages } from '../unit/view/pageHarness';

const SCREENSHOT = process.env.PROFILE_FIRST_MEMORY_SCREENSHOT ?? '/tmp/memory-panel.png';

let dir: string;

function assertClean(problems: PageProblems): void {
  assert.deepEqual(problems.dialogs, [], 'a dialog opened: script from the profile ran');
  assert.deepEqual(problems.errors, [], 'the page had errors');
  assert.deepEqual(problems.violations, [], 'the page broke its own CSP');
}

/** What the memory section shows, read from the page. */
interface MemoryState {
  sectionHidden: boolean;
  paths: { series: string | null; d: string; stroke: string; fill: string }[];
  peakLabel: string | null;
  peakDots: number;
  emptyHidden: boolean;
  modesHidden: boolean;
  pressed: Record<string, string | null>;
  disabled: Record<string, boolean>;
  noteHidden: boolean;
  noteText: string | null;
  rerunHidden: boolean;
  summary: string | null;
  svgHeight: number;
}

function memoryState(page: Page): Promise<MemoryState> {
  return inPage<MemoryState>(
    page,
    `() => {
      const q = (s) => document.querySelector(s);
      const paths = [...document.querySelectorAll('#pf-memory-chart svg path')].map((p) => {
        const style = getComputedStyle(p);
        return { series: p.getAttribute('data-series'), d: p.getAttribute('d'), stroke: style.stroke, fill: style.fill };
      });
      return {
        sectionHidden: q('#pf-memory').hidden,
        paths,
        peakLabel: q('#pf-memory-chart .pf-memory-peak-label')?.textContent ?? null,
        peakDots: document.querySelectorAll('#pf-memory-chart circle.pf-memory-peak-dot').length,
        emptyHidden: q('#pf-memory-empty').hidden,
        modesHidden: q('#pf-memory-modes').hidden,
        pressed: { peak: q('#pf-mode-peak').getAttribute('aria-pressed'), leaks: q('#pf-mode-leaks').getAttribute('aria-pressed') },
        disabled: { peak: q('#pf-mode-peak').disabled, leaks: q('#pf-mode-leaks').disabled, rerun: q('#pf-rerun-malloc').disabled },
        noteHidden: q('#pf-leaks-note').hidden,
        noteText: q('#pf-leaks-note .pf-note-text').textContent,
        rerunHidden: q('#pf-rerun-malloc').hidden,
        summary: q('#pf-summary').textContent,
        svgHeight: q('#pf-memory-chart svg')?.getBoundingClientRect().height ?? 0,
      };
    }`,
  );
}

async function openStandalone(panel: PanelPages, name: string, data: FlameGraphData): Promise<{ page: Page; problems: PageProblems }> {
  const assets = builtAssets();
  const file = path.join(dir, `${name}.html`);
  writeFileSync(file, buildStandaloneHtml({ title: data.title, data, script: assets.script, css: assets.css }));
  const opened = await watchedPage(panel.browser());
  await opened.page.goto(`file://${file}`);
  await waitForRender(opened.page);
  return opened;
}

describe('memory profiles on the flame graph page', () => {
  const panel = usePanelPages();

  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'pf-webview-memory-'));
  });

  after(() => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  describe('panel page (VS Code webview)', () => {
    it('draws RSS and heap as one themed SVG path each, marks the peak and labels it', async () => {
      const { page, problems } = await panel.open();
      await showInPanel(page, memoryData('peak'), 1);
      const state = await memoryState(page);
      assert.equal(state.sectionHidden, false);
      assert.deepEqual(state.paths.map((p) => p.series), ['rss', 'heap']);
      for (const p of state.paths) {
        assert.match(p.d, /^M[\d.]+,[\d.]+(L[\d.]+,[\d.]+){20}$/, `${p.series} path`);
        assert.equal(p.fill, 'none');
      }
      assert.notEqual(state.paths[0].stroke, state.paths[1].stroke, 'RSS and heap have the same colour');
      assert.equal(state.peakLabel, MEMORY_PEAK.label);
      assert.equal(state.peakDots, 1);
      assert.ok(state.svgHeight >= 100 && state.svgHeight <= 140, `chart is ${state.svgHeight} px high`);
      assert.equal(state.summary, 'memray · memory · 64.2 MiB held at the peak · 1,300 allocations');
      // Both modes available: the switch is shown with Peak pressed; no leaks note in peak mode.
      assert.equal(state.modesHidden, false);
      assert.deepEqual(state.pressed, { peak: 'true', leaks: 'false' });
      assert.equal(state.noteHidden, true);
      assertClean(problems);
      await page.close();
    });

    it('asks the host for leaks when Leaks is clicked, and nothing for the mode already shown', async () => {
      const { page, problems } = await panel.open();
      await showInPanel(page, memoryData('peak'), 1);
      await page.click('#pf-mode-peak');
      await page.click('#pf-mode-leaks');
      assert.deepEqual(await postedMessages(page), [{ type: 'ready' }, { type: 'switchMemoryMode', mode: 'leaks' }]);
      // The host answers with the leaks profile: pressed state, note and re-run button follow it.
      await showInPanel(page, memoryData('leaks'), 2);
      const state = await memoryState(page);
      assert.deepEqual(state.pressed, { peak: 'false', leaks: 'true' });
      assert.equal(state.noteHidden, false);
      assert.equal(state.noteText, LEAKS_INEXACT_NOTE);
      assert.equal(state.rerunHidden, false);
      assert.match(state.summary ?? '', /leaked \(not freed when tracking ended\)/);
      await page.screenshot({ path: SCREENSHOT, fullPage: false });
      await page.click('#pf-rerun-malloc');
      await page.click('#pf-rerun-malloc', { force: true });
      await page.click('#pf-mode-peak');
      const messages = await postedMessages(page);
      assert.deepEqual(messages.slice(2), [{ type: 'rerunWithMalloc' }, { type: 'switchMemoryMode', mode: 'peak' }], 'one re-run per click of an enabled button');
      assert.equal((await memoryState(page)).disabled.rerun, true);
      // An error from the host (the re-run could not start) makes the button usable again.
      await sendToPage(page, { type: 'showMessage', level: 'error', text: 'memray is not installed' });
      await waitUntil(page, `!document.querySelector('#pf-rerun-malloc').disabled`);
      assertClean(problems);
      await page.close();
    });

    it('shows no note for exact leaks and no switch with one mode', async () => {
      const { page } = await panel.open();
      await showInPanel(page, memoryData('leaks', { leaksExact: true, availableModes: ['leaks'] }), 1);
      const state = await memoryState(page);
      assert.equal(state.noteHidden, true);
      assert.equal(state.modesHidden, true);
      await page.close();
    });

    it('says there are no snapshots instead of drawing an empty chart, and hides the section for CPU profiles', async () => {
      const { page, problems } = await panel.open();
      await showInPanel(page, memoryData('peak', { snapshots: [{ timeMs: 0, rss: 1024, heap: 512 }], peakIndex: 0 }), 1);
      let state = await memoryState(page);
      assert.equal(state.sectionHidden, false);
      assert.equal(state.paths.length, 0);
      assert.equal(state.emptyHidden, false);
      assert.equal(await inPage<boolean>(page, `() => document.querySelector('#pf-memory-chart').hidden`), true, 'an empty chart area is left');
      assert.equal(await inPage<string>(page, `() => document.querySelector('#pf-memory-empty').textContent`), NO_SNAPSHOTS_TEXT);
      const { memory: _memory, ...withoutMemory } = memoryData('peak');
      await showInPanel(page, withoutMemory, 2);
      state = await memoryState(page);
      assert.equal(state.sectionHidden, true);
      assert.equal(state.paths.length, 0);
      // And a memory profile after that draws again.
      await showInPanel(page, memoryData('peak'), 3);
      assert.equal((await memoryState(page)).peakLabel, MEMORY_PEAK.label);
      assertClean(problems);
      await page.close();
    });

    it('redraws the chart at the new width when the panel is resized', async () => {
      const { page } = await panel.open();
      await showInPanel(page, memoryData('peak'), 1);
      const width = () => inPage<number>(page, `() => Number(document.querySelector('#pf-memory-chart svg').getAttribute('width'))`);
      const before = await width();
      await page.setViewportSize({ width: 700, height: 800 });
      await waitUntil(page, `Number(document.querySelector('#pf-memory-chart svg').getAttribute('width')) < ${before - 400}`);
      assert.equal((await memoryState(page)).peakLabel, MEMORY_PEAK.label);
      await page.close();
    });

    it('shows byte totals and allocation counts in the tooltip, and hostile names as text', async () => {
      const { page, problems } = await panel.open();
      await showInPanel(page, memoryData('peak'), 1);
      const box = await frameBox(page, 'make_buffers');
      await page.mouse.move(box.x + 5, box.y + 5);
      const total = await inPage<string>(page, `() => document.querySelector('#pf-tip-total').textContent`);
      assert.equal(total, '48.0 MiB · 74.8 % · 1,204 allocations');
      const evil = await frameBox(page, HOSTILE_NAMES.img);
      await page.mouse.move(evil.x + 5, evil.y + 5);
      const tip = await inPage<{ name: string; elements: number; images: number; title: string }>(
        page,
        `() => ({ name: document.querySelector('#pf-tip-name').textContent, elements: document.querySelectorAll('#pf-tooltip *').length, images: document.querySelectorAll('img').length, title: document.querySelector('#pf-title').textContent })`,
      );
      assert.deepEqual(tip, { name: HOSTILE_NAMES.img, elements: 9, images: 0, title: 'mem_hot.py peak <script>alert(1)</script>' });
      assertClean(problems);
      await page.close();
    });
  });

  describe('standalone page', () => {
    it('draws the chart and peak label, shows the mode with the switch disabled and no re-run button', async () => {
      const { page, problems } = await openStandalone(panel, 'leaks', memoryData('leaks'));
      const state = await memoryState(page);
      assert.deepEqual(state.paths.map((p) => p.series), ['rss', 'heap']);
      assert.equal(state.peakLabel, MEMORY_PEAK.label);
      assert.equal(state.modesHidden, false);
      assert.deepEqual(state.pressed, { peak: 'false', leaks: 'true' });
      assert.deepEqual(state.disabled, { peak: true, leaks: true, rerun: false });
      assert.equal(state.noteHidden, false);
      assert.equal(state.rerunHidden, true);
      await page.click('#pf-mode-peak', { force: true });
      assert.deepEqual(state.pressed, (await memoryState(page)).pressed, 'a disabled switch changed the mode');
      assert.equal(await inPage<number>(page, `() => document.querySelectorAll('script').length`), 2);
      assert.equal(await inPage<string>(page, `() => document.querySelector('#pf-title').textContent`), 'mem_hot.py leaks <script>alert(1)</script>');
      assertClean(problems);
      await page.close();
    });

    it('refuses a malformed memory view with a message instead of a half-drawn page', async () => {
      const data = memoryData('peak');
      const bad = { ...data, memory: { ...data.memory, snapshots: [{ timeMs: 0, rss: '<img src=x onerror=alert(1)>', heap: 0 }] } } as unknown as FlameGraphData;
      const assets = builtAssets();
      const file = path.join(dir, 'bad.html');
      writeFileSync(file, buildStandaloneHtml({ title: 'bad', data: bad, script: assets.script, css: assets.css }));
      const { page, problems } = await watchedPage(panel.browser());
      await page.goto(`file://${file}`);
      await waitUntil(page, `!document.querySelector('#pf-message').hidden`);
      assert.equal(await inPage<string>(page, `() => document.querySelector('#pf-message-text').textContent`), 'The embedded profile is malformed: a memory snapshot is malformed.');
      assert.equal(await inPage<boolean>(page, `() => document.querySelector('#pf-memory').hidden`), true);
      assert.deepEqual(problems.dialogs, []);
      await page.close();
    });
  });
});
