// Issue 3, tests 1 and 2: profile examples/cpu_hot.py from the palette, then use the panel.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Frame } from 'playwright-core';
import { screenshot } from './harness/artifacts';
import { clickFrame, frameShare, ids, isHighlighted, parsePercent, search, waitForFlameGraph, widestFrame, widthShare } from './harness/flameGraph';
import { examplesDir } from './harness/paths';
import { useSession } from './harness/session';
import { tabTitles } from './harness/webview';
import { openFile, readEditorLineText, runCommand, waitForActiveEditor, waitForCursorLine, waitForNotification } from './harness/workbench';
import { waitFor } from './harness/wait';

const HOT_FUNCTION = 'hot_loop';
const HOT_LINE = 13;
const STEP_TIMEOUT = { timeout: 180_000 };

const current = useSession({ name: 'profile-file' });
let panel: Frame | undefined;

function flameGraph(): Frame {
  assert.ok(panel, 'the flame graph panel did not open in the first test');
  return panel;
}

test('Profile Python File shows progress, then a flame graph where hot_loop has more than half of the samples', STEP_TIMEOUT, async () => {
  const { page } = current();
  await openFile(page, 'cpu_hot.py');
  await screenshot(page, 'profile-file-01-editor');
  await runCommand(page, 'Profile First: Profile Python File');
  await waitForNotification(page, /Profile First: recording cpu_hot\.py/);
  await screenshot(page, 'profile-file-02-recording');

  panel = await waitForFlameGraph(page, 'cpu_hot.py');
  assert.ok((await tabTitles(page, 'Flame Graph')).length > 0, 'a "Flame Graph" tab is open');
  const { percent, tooltip } = await frameShare(panel, HOT_FUNCTION);
  await screenshot(page, 'profile-file-03-flame-graph');
  assert.ok(percent > 50, `${HOT_FUNCTION} should take more than 50 % of the samples; its tooltip says: ${tooltip}`);
});

test('the hot line shows its share of the samples inline in the editor', STEP_TIMEOUT, async () => {
  const { page } = current();
  const source = readFileSync(join(examplesDir, 'cpu_hot.py'), 'utf8').split('\n')[HOT_LINE - 1] ?? '';
  // Inline hints are `after` decorations: text after the source on the rendered line.
  const hint = await waitFor(`an inline hint on line ${HOT_LINE}`, async () => {
    const text = await readEditorLineText(page, HOT_LINE);
    return text !== undefined && text.length > source.length ? text.slice(source.length) : undefined;
  });
  assert.ok((parsePercent(hint) ?? 0) > 50, `the hint on line ${HOT_LINE} should show more than 50 %: "${hint}"`);
});

test('searching for hot_loop highlights its frames and reports their share', STEP_TIMEOUT, async () => {
  const { page } = current();
  const frame = flameGraph();
  const result = await search(frame, HOT_FUNCTION);
  await waitFor(`${HOT_FUNCTION} highlighted`, async () => ((await isHighlighted(frame, HOT_FUNCTION)) ? true : undefined), 10_000);
  assert.equal(await isHighlighted(frame, 'main'), false, 'main does not match the search and stays unhighlighted');
  await screenshot(page, 'profile-file-04-search');
  assert.ok((parsePercent(result) ?? 0) > 50, `search result should report more than 50 %: "${result}"`);
});

test('clicking hot_loop zooms the graph to it', STEP_TIMEOUT, async () => {
  const { page } = current();
  const frame = flameGraph();
  const before = await widthShare(frame, HOT_FUNCTION);
  await clickFrame(frame, await widestFrame(frame, HOT_FUNCTION));
  await waitFor(`${HOT_FUNCTION} to fill the chart`, async () => ((await widthShare(frame, HOT_FUNCTION)) > 0.98 ? true : undefined), 10_000);
  const selection = await frame.locator(ids.selection).innerText();
  await screenshot(page, 'profile-file-05-zoomed');
  assert.ok(before < 0.98, `before the click ${HOT_FUNCTION} was narrower than the chart (${before})`);
  assert.match(selection, /^hot_loop\b/, 'the selection line names the zoomed frame');
});

test('Go to source opens cpu_hot.py with the cursor on the hot line', STEP_TIMEOUT, async () => {
  const { page } = current();
  const frame = flameGraph();
  await frame.locator(ids.goto).click();
  await waitForActiveEditor(page, 'cpu_hot.py');
  await waitForCursorLine(page, HOT_LINE);
  await screenshot(page, 'profile-file-06-go-to-source');
});
