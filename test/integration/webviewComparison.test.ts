/**
 * A comparison in the real webview bundle (buildPanelHtml, strict CSP) in headless Chromium:
 * the differential graph's colours, the table of changes, sorting, opening a row's source and
 * the "Verify with repeated runs" message. Needs `npm run build`.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { buildComparisonData } from '../../src/core/model/diff/comparisonData';
import type { FlameGraphData } from '../../src/core/model/flameTree';
import type { ProfileMeta } from '../../src/core/model/profile';
import { ProfileBuilder } from '../../src/core/model/profileBuilder';
import { drawnFrames, inPage, postedMessages, showInPanel, usePanelPages, type PanelPages } from '../unit/view/pageHarness';

const CPU: ProfileMeta = { tool: 'py-spy', kind: 'cpu', unit: 'samples', sampleRate: 100 };
const HOSTILE = '<img src=x onerror=alert(1)>';
/** Each function on its own line (the hostile one on 13). */
const LINES: Record<string, number> = { main: 1, slow: 5, fast: 9 };

function profileOf(stacks: Record<string, number>) {
  const b = new ProfileBuilder();
  for (const [path, weight] of Object.entries(stacks)) {
    const ids = path.split(';').map((name) => b.internFrame({ name, file: '/app/m.py', line: LINES[name] ?? 13, kind: 'python' }));
    b.addStack(ids, weight);
  }
  return b.build(CPU);
}

/** baseline {main;slow: 60, main;fast: 40} → candidate {main;slow: 20, main;fast: 80} (+ a hostile name that vanished). */
function comparison(): FlameGraphData {
  return buildComparisonData(profileOf({ 'main;slow': 600, 'main;fast': 390, [`main;${HOSTILE}`]: 10 }), profileOf({ 'main;slow': 200, 'main;fast': 800 }), {
    baselineTitle: 'before.txt',
    candidateTitle: 'after.txt',
    minFramePercent: 0.5,
  });
}

async function showComparison(panel: PanelPages): Promise<Page> {
  const { page, problems } = await panel.open();
  await showInPanel(page, comparison());
  page.on('close', () => assert.deepEqual(problems, { dialogs: [], errors: [], violations: [] }));
  return page;
}

function tableRows(page: Page): Promise<string[][]> {
  return inPage<string[][]>(page, `() => [...document.querySelectorAll('#pf-comparison-rows tr')].map((tr) => [...tr.cells].map((td) => td.textContent))`);
}

describe('comparison in the flame graph panel page', () => {
  const panel = usePanelPages();

  it('shows the table of changes, largest first, with the note and the legend', async () => {
    const page = await showComparison(panel);
    assert.equal(await inPage<boolean>(page, `() => document.querySelector('#pf-comparison').hidden`), false);
    assert.equal(await inPage<string>(page, `() => document.querySelector('#pf-title').textContent`), 'before.txt → after.txt');
    const rows = await tableRows(page);
    // slow: 60 % → 20 %, fast: 39 % → 80 %; p from 600/1000 vs 200/1000 is far below 0.001.
    assert.deepEqual(rows.slice(0, 4), [
      ['fastfunction', '39.0 %', '80.0 %', '+41.0 pts', '+4.10 s', '< 0.001 ✱'],
      ['/app/m.py:9line', '39.0 %', '80.0 %', '+41.0 pts', '+4.10 s', '< 0.001 ✱'],
      ['slowfunction', '60.0 %', '20.0 %', '−40.0 pts', '−4.00 s', '< 0.001 ✱'],
      ['/app/m.py:5line', '60.0 %', '20.0 %', '−40.0 pts', '−4.00 s', '< 0.001 ✱'],
    ]);
    assert.deepEqual(rows[4], [`${HOSTILE}function`, '1.0 %', 'gone', '−1.0 pts', '−100 ms', '0.002 ✱']);
    assert.equal(rows.length, 8);
    assert.match(await inPage<string>(page, `() => document.querySelector('#pf-comparison-note').textContent`), /^Samples within one run are correlated.*Verify Change/);
    assert.deepEqual(await inPage<string[]>(page, `() => [...document.querySelectorAll('#pf-comparison .pf-legend')].map((e) => e.textContent)`), ['grew', 'shrank']);
    assert.match(await inPage<string>(page, `() => document.querySelector('#pf-comparison-omitted').textContent`), /^1\.0 % of the baseline ran in code paths the candidate never reached/);
    assert.equal(await inPage<number>(page, `() => document.querySelectorAll('img').length`), 0);
    await page.close();
  });

  it('colours the frame that grew red and the one that shrank blue', async () => {
    const page = await showComparison(panel);
    const fill = async (name: string): Promise<number[]> => ((await drawnFrames(page, name))[0]?.fill.match(/\d+/g) ?? []).map(Number);
    const [fr, fg, fb] = await fill('fast');
    const [sr, sg, sb] = await fill('slow');
    assert.ok(fr > fb && fr > fg, `fast should be red, is rgb(${fr}, ${fg}, ${fb})`);
    assert.ok(sb > sr && sb > sg, `slow should be blue, is rgb(${sr}, ${sg}, ${sb})`);
    await page.close();
  });

  it('sorts by a column when its header is clicked, and reverses on a second click', async () => {
    const page = await showComparison(panel);
    await page.click('#pf-comparison-head button[data-column="after"]');
    assert.deepEqual((await tableRows(page)).map((r) => r[2]).slice(0, 3), ['100.0 %', '100.0 %', '80.0 %']);
    assert.equal(await inPage<string>(page, `() => document.querySelector('#pf-comparison-head button[data-column="after"]').parentElement.getAttribute('aria-sort')`), 'descending');
    await page.click('#pf-comparison-head button[data-column="after"]');
    assert.deepEqual((await tableRows(page)).map((r) => r[2]).slice(0, 2), ['gone', 'gone']);
    await page.close();
  });

  it('asks the host to verify with repeated runs, and to open a row’s source', async () => {
    const page = await showComparison(panel);
    await page.click('#pf-verify-comparison');
    await page.click('#pf-comparison-rows tr:nth-child(3)');
    assert.deepEqual(await postedMessages(page), [
      { type: 'ready' },
      { type: 'verifyComparison' },
      { type: 'openLocation', file: '/app/m.py', line: 5 },
    ]);
    await page.close();
  });

  it('hides the comparison again when a single profile is shown', async () => {
    const page = await showComparison(panel);
    const single = { ...comparison(), comparison: undefined, title: 'after.txt' };
    await showInPanel(page, single, 2);
    assert.equal(await inPage<boolean>(page, `() => document.querySelector('#pf-comparison').hidden`), true);
    await page.close();
  });
});
