// Issue 6, E2E: open the async example, see the PF101 diagnostic, apply the asyncio.gather quick
// fix from the light bulb (Ctrl+.), see the file change. Works on a copy of examples/ in a
// temporary folder: the test never modifies examples/.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { screenshot } from './harness/artifacts';
import { examplesDir } from './harness/paths';
import { useExamplesSession } from './harness/session';
import { openFile, problemsEntry, textEditor, waitForCursorLine } from './harness/workbench';
import { waitFor } from './harness/wait';

const FILE = 'fetch.py';
// `results.append(await client.get(path))` inside `for path in paths:` (fetch_all).
const FINDING_LINE = 79;
const STEP_TIMEOUT = { timeout: 180_000 };

const original = readFileSync(join(examplesDir, 'async_fetch', FILE), 'utf8');
const current = useExamplesSession('async-quick-fix', {}, {
  after: () => assert.equal(readFileSync(join(examplesDir, 'async_fetch', FILE), 'utf8'), original, 'examples/async_fetch/fetch.py is unchanged'),
});

/** The text of the fetch.py editor's rendered lines (the model is not reachable from the page). */
function editorText(page: Page): Promise<string> {
  return textEditor(page, FILE).locator('.view-lines').first().innerText({ timeout: 5_000 }).then((t) => t.replace(/\u00a0/g, ' '));
}

/** Moves the cursor to a line with Go to Line (Ctrl+G), as a person does. */
async function goToLine(page: Page, line: number, column = 1): Promise<void> {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`:${line}:${column}`);
  await input.press('Enter');
  await waitForCursorLine(page, line);
}

test('opening fetch.py shows a PF101 diagnostic in the Problems panel', STEP_TIMEOUT, async () => {
  const { page } = current();
  await openFile(page, FILE);
  const entry = await problemsEntry(page, 'PF101');
  const text = await entry.innerText();
  await screenshot(page, 'async-quick-fix-01-problems');
  assert.match(text, /await inside a for loop/, `the Problems entry explains the finding: ${text}`);
  assert.match(text, new RegExp(`\\[Ln ${FINDING_LINE}, Col \\d+\\]`), `the Problems entry is on line ${FINDING_LINE}: ${text}`);
});

test('Ctrl+. on the finding offers asyncio.gather; choosing it rewrites the loop', STEP_TIMEOUT, async () => {
  const { page } = current();
  // Back to the editor, cursor inside the squiggled `await client.get(path)`.
  await textEditor(page, FILE).locator('.view-lines').first().click();
  await goToLine(page, FINDING_LINE, 30);
  const gather = page.locator('.action-widget .monaco-list-row', { hasText: 'asyncio.gather' }).first();
  await waitFor('the quick fix menu to offer asyncio.gather', async () => {
    await page.keyboard.press('Control+.');
    if (await gather.waitFor({ state: 'visible', timeout: 5_000 }).then(() => true, () => false)) return true;
    await page.keyboard.press('Escape');
    return undefined;
  }, 60_000);
  const offered = await page.locator('.action-widget .monaco-list-row').allInnerTexts();
  await screenshot(page, 'async-quick-fix-02-light-bulb');
  assert.ok(!(await editorText(page)).includes('asyncio.gather'), 'before the fix the file has no asyncio.gather');
  await gather.click();
  const after = await waitFor('the editor to contain asyncio.gather', async () => {
    const t = await editorText(page);
    return t.includes('asyncio.gather') ? t : undefined;
  }, 15_000);
  await screenshot(page, 'async-quick-fix-03-fixed');
  assert.match(after, /asyncio\.gather\(/, `fix applied; actions offered were ${JSON.stringify(offered)}`);
  assert.ok(!/for path in paths:\s*\n\s*results\.append\(await/.test(after), `the sequential loop is gone:\n${after}`);
  // The fix never produces a generator expression with await (the PERF401 trap).
  assert.ok(!/extend\(await [^)]* for /.test(after), `no extend(await … for …):\n${after}`);
});
