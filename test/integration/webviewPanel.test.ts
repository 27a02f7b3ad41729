/**
 * The panel page as VS Code serves it (buildPanelHtml: strict CSP, assets as files from the
 * webview's origin) in real headless Chromium, with `acquireVsCodeApi` stood in for by a
 * recorder: the message flow between webview and host, both ways. Needs `npm run build`.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { HOSTILE_NAMES, hostileData } from '../unit/view/flameData';
import { chartWidth, drawnFrames, frameBox, inPage, postedMessages, sendToPage, showInPanel, usePanelPages, waitForSettled, waitUntil } from '../unit/view/pageHarness';

function showHostileProfile(page: Page): Promise<void> {
  return showInPanel(page, hostileData());
}

describe('flame graph panel page (VS Code webview)', () => {
  const panel = usePanelPages();

  it('says ready once when it loads, and draws the profile the host then sends', async () => {
    const { page, problems } = await panel.open();
    await showHostileProfile(page);
    assert.deepEqual(await postedMessages(page), [{ type: 'ready' }]);
    assert.equal((await drawnFrames(page)).length, 12);
    assert.equal(await inPage<string>(page, `() => document.querySelector('#pf-title').textContent`), hostileData().title);
    assert.deepEqual(problems, { dialogs: [], errors: [], violations: [] });
    await page.close();
  });

  it('loads its stylesheets as files under the CSP (the canvas takes its label font from them)', async () => {
    const { page, problems } = await panel.open();
    await showHostileProfile(page);
    const font = await inPage<{ size: string; color: string }>(page, `() => { const s = getComputedStyle(document.querySelector('#pf-chart canvas')); return { size: s.fontSize, color: s.color }; }`);
    assert.deepEqual(font, { size: '11.5px', color: 'rgb(27, 27, 27)' });
    assert.deepEqual(problems.violations, []);
    await page.close();
  });

  it('reports a zoom with the frame’s node id, and a reset as null', async () => {
    const { page } = await panel.open();
    await showHostileProfile(page);
    const data = hostileData();
    const compute = data.root.children[0].children[0].children[0].children.find((n) => n.name === 'compute');
    const box = await frameBox(page, 'compute');
    await page.mouse.click(box.x + 5, box.y + 5);
    await waitForSettled(page);
    await page.click('#pf-reset');
    assert.deepEqual(await postedMessages(page), [{ type: 'ready' }, { type: 'zoomed', nodeId: compute?.id }, { type: 'zoomed', nodeId: null }]);
    await page.close();
  });

  it('asks the host to open the source on Ctrl+click, without zooming', async () => {
    const { page } = await panel.open();
    await showHostileProfile(page);
    const box = await frameBox(page, HOSTILE_NAMES.img);
    await page.keyboard.down('Control');
    await page.mouse.click(box.x + 5, box.y + 5);
    await page.keyboard.up('Control');
    assert.deepEqual(await postedMessages(page), [{ type: 'ready' }, { type: 'openLocation', file: '/app/<img src=x onerror=alert(2)>.py', line: 3 }]);
    await page.close();
  });

  it('asks the host to open the selected frame’s source from the Go to source button', async () => {
    const { page } = await panel.open();
    await showHostileProfile(page);
    const box = await frameBox(page, 'compute');
    await page.mouse.click(box.x + 5, box.y + 5);
    await page.click('#pf-goto');
    const messages = await postedMessages(page);
    assert.deepEqual(messages[messages.length - 1], { type: 'openLocation', file: '/app/work.py', line: 20 });
    await page.close();
  });

  it('zooms to the widest frame at a location the host focuses, and reports that zoom', async () => {
    const { page } = await panel.open();
    await showHostileProfile(page);
    await sendToPage(page, { type: 'focusLocation', file: '/app/work.py', line: 20 });
    await waitForSettled(page);
    const width = await chartWidth(page);
    assert.ok(Math.abs((await frameBox(page, 'compute')).width - width) < 1);
    const messages = await postedMessages(page);
    assert.equal(messages[messages.length - 1].type, 'zoomed');
    await sendToPage(page, { type: 'focusLocation', file: '/not/in/profile.py', line: 1 });
    await waitUntil(page, `!document.querySelector('#pf-message').hidden`);
    assert.equal(await inPage<string>(page, `() => document.querySelector('#pf-message-text').textContent`), 'No frame at /not/in/profile.py:1 in this profile.');
    await page.close();
  });

  it('shows the host’s messages as text', async () => {
    const { page, problems } = await panel.open();
    await showHostileProfile(page);
    await sendToPage(page, { type: 'showMessage', level: 'error', text: '<img src=x onerror=alert(1)> is not on this machine' });
    await waitUntil(page, `!document.querySelector('#pf-message').hidden`);
    const shown = await inPage<{ text: string; error: boolean; img: number }>(
      page,
      `() => ({ text: document.querySelector('#pf-message-text').textContent, error: document.querySelector('#pf-message').classList.contains('pf-message-error'), img: document.querySelectorAll('img').length })`,
    );
    assert.deepEqual(shown, { text: '<img src=x onerror=alert(1)> is not on this machine', error: true, img: 0 });
    assert.deepEqual(problems.dialogs, []);
    await page.close();
  });

  it('keeps orientation and search in the webview state, and restores them when reloaded', async () => {
    const { page } = await panel.open();
    await showHostileProfile(page);
    await page.click('#pf-orientation');
    await page.fill('#pf-search', 'compute');
    await page.press('#pf-search', 'Enter');
    assert.deepEqual(await inPage(page, `() => window.__state`), { inverted: false, search: 'compute' });
    // A panel hidden and shown again starts a fresh document with the saved state.
    await page.addInitScript(`window.__savedState = ${JSON.stringify({ inverted: false, search: 'compute' })};`);
    await page.addInitScript(`window.acquireVsCodeApi = ((make) => () => { const api = make(); window.__state = window.__savedState; return api; })(window.acquireVsCodeApi);`);
    await page.reload();
    await showHostileProfile(page);
    assert.equal(await page.inputValue('#pf-search'), 'compute');
    assert.equal(await page.getAttribute('#pf-orientation', 'aria-pressed'), 'true');
    assert.match(await inPage<string>(page, `() => document.querySelector('#pf-search-result').textContent`), /^10\.0 % of samples match/);
    await page.close();
  });
});
