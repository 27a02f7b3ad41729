// Issue 4, E2E: after profiling examples/cpu_hot.py, the editor shows the cost where the code is:
// the hot line's hint agrees with `profile-first report --json`, its hover lists the callers, a
// CodeLens sits over the hot function, and zooming in the panel restricts the hints.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Frame, Page } from 'playwright-core';
import { screenshot } from './harness/artifacts';
import { clickFrame, ids, parsePercent, waitForFlameGraph, widestFrame } from './harness/flameGraph';
import { examplesDir, repoRoot } from './harness/paths';
import { profileFirstLog } from './harness/profileFirst';
import { useSession } from './harness/session';
import { openFile, readEditorLineText, runCommand, textEditor, waitForNotification } from './harness/workbench';
import { waitFor } from './harness/wait';

const FILE = 'cpu_hot.py';
const HOT_LINE = 13;
const DEF_LINE = 10; // def hot_loop(n):
const STEP_TIMEOUT = { timeout: 180_000 };
const SOURCE = readFileSync(join(examplesDir, FILE), 'utf8').split('\n');

const current = useSession({ name: 'hot-lines' });
let panel: Frame | undefined;

function flameGraph(): Frame {
  assert.ok(panel, 'the flame graph panel did not open in the first test');
  return panel;
}

/** The decoration text after the source on a line ('' when the line has no hint), undefined when not rendered. */
async function hintOn(page: Page, line: number): Promise<string | undefined> {
  const text = await readEditorLineText(page, line, FILE);
  if (text === undefined) return undefined;
  const source = SOURCE[line - 1] ?? '';
  return text.length > source.length ? text.slice(source.length).trim() : '';
}

/**
 * The recording this session made: the "Profile First" output channel logs
 * "Recorded cpu_hot.py for N s: PATH"; the last such line naming a file that exists.
 */
function recordedFile(): string | undefined {
  const matches = [...(profileFirstLog(current()) ?? '').matchAll(/Recorded cpu_hot\.py for [\d.]+ s: (\S+)/g)];
  const path = matches.at(-1)?.[1];
  return path !== undefined && existsSync(path) ? path : undefined;
}

/** The rendered element of a line's text (for the mouse). */
async function lineBox(page: Page, line: number): Promise<{ x: number; y: number; width: number; height: number }> {
  const box = await textEditor(page, FILE).evaluate((root, wanted) => {
    for (const number of root.querySelectorAll<HTMLElement>('.margin-view-overlays .line-numbers')) {
      if (number.textContent?.trim() !== String(wanted)) continue;
      const top = number.parentElement?.style.top;
      for (const text of root.querySelectorAll<HTMLElement>('.view-lines .view-line')) {
        if (text.style.top !== top) continue;
        // The first non-blank token, so the pointer rests on source text, not on the hint.
        const token = [...text.querySelectorAll<HTMLElement>('span span')].find((s) => (s.textContent ?? '').trim() !== '') ?? text;
        const r = token.getBoundingClientRect();
        return { x: r.x, y: r.y, width: r.width, height: r.height };
      }
    }
    return undefined;
  }, line);
  assert.ok(box, `line ${line} of ${FILE} is not rendered`);
  return box;
}

test('profiling cpu_hot.py puts a hint on line 13 whose share matches `report --json` within 0.1 points', STEP_TIMEOUT, async () => {
  const { page } = current();
  await openFile(page, FILE);
  await runCommand(page, 'Profile First: Profile Python File');
  await waitForNotification(page, /Profile First: recording cpu_hot\.py/);
  panel = await waitForFlameGraph(page, FILE);

  const hint = await waitFor(`an inline hint on line ${HOT_LINE}`, async () => {
    const h = await hintOn(page, HOT_LINE);
    return h !== undefined && h !== '' ? h : undefined;
  });
  await screenshot(page, 'hot-lines-01-hint');
  assert.match(hint, /^▇ \d+(\.\d+)? % · \d+(\.\d+)? s$/, `hint format "▇ 75.0 % · 1.23 s": "${hint}"`);
  const shown = parsePercent(hint);
  assert.ok(shown !== undefined, `the hint shows a percentage: "${hint}"`);

  const recording = await waitFor('the "Recorded cpu_hot.py … : PATH" line in the Profile First log', async () => recordedFile(), 30_000);
  const result = spawnSync(process.execPath, [join(repoRoot, 'dist', 'cli.js'), 'report', recording, '--json'], { encoding: 'utf8' });
  assert.equal(result.status, 0, `report --json failed: ${result.stderr}`);
  const report = JSON.parse(result.stdout) as { total: number; lines: { file: string; line: number; self: number }[] };
  const row = report.lines.find((l) => l.file.endsWith(`/${FILE}`) && l.line === HOT_LINE);
  assert.ok(row, `report --json of ${recording} has a row for ${FILE}:${HOT_LINE}`);
  const expected = (100 * row.self) / report.total;
  assert.ok(Math.abs(shown - expected) <= 0.1, `hint shows ${shown} %, report --json says ${expected.toFixed(3)} % (${row.self}/${report.total}) for ${recording}`);
});

test('hovering line 13 shows a hover with Callers: main (line 26) calls hot_loop', STEP_TIMEOUT, async () => {
  const { page } = current();
  const hover = page.locator('.monaco-hover:not(.hidden)').filter({ hasText: 'Callers' }).first();
  await waitFor('the hover of line 13 with "Callers"', async () => {
    const box = await lineBox(page, HOT_LINE);
    await page.mouse.move(box.x + Math.min(20, box.width / 2), box.y + box.height / 2);
    return (await hover.isVisible()) ? true : undefined;
  }, 30_000);
  const text = await hover.innerText();
  await screenshot(page, 'hot-lines-02-hover');
  assert.match(text, /Callers/);
  // Line 13 is inside hot_loop; its caller is main (line 26, `hot_loop(100_000)`).
  const callers = text.slice(text.indexOf('Callers'));
  assert.match(callers, /\bmain — cpu_hot\.py:26\b/, `main calls hot_loop on line 26: ${text}`);
  assert.match(text, /Focus in flame graph/, `the hover offers the focus link: ${text}`);
  await page.mouse.move(5, 5);
  await page.keyboard.press('Escape');
});

test('a CodeLens "Profile First: …" sits above def hot_loop', STEP_TIMEOUT, async () => {
  const { page } = current();
  const lens = await waitFor('a Profile First CodeLens just above def hot_loop', async () => {
    const def = await lineBox(page, DEF_LINE);
    const previous = await lineBox(page, DEF_LINE - 1);
    const lenses = textEditor(page, FILE).locator('.codelens-decoration');
    for (let i = 0; i < (await lenses.count()); i++) {
      const box = await lenses.nth(i).boundingBox();
      const text = (await lenses.nth(i).innerText()).trim();
      if (box !== null && box.y >= previous.y + previous.height - 1 && box.y + box.height <= def.y + 1) return text;
    }
    return undefined;
  }, 30_000);
  await screenshot(page, 'hot-lines-03-codelens');
  assert.match(lens, /^Profile First: \d+(\.\d+)? % total/, `the lens text: "${lens}"`);
});

test('zooming on light_work removes the hint of line 13; Reset brings it back', STEP_TIMEOUT, async () => {
  const { page } = current();
  const frame = flameGraph();
  await clickFrame(frame, await widestFrame(frame, 'light_work'));
  await waitFor('the selection to name light_work', async () => (/^light_work\b/.test(await frame.locator(ids.selection).innerText()) ? true : undefined), 10_000);
  await waitFor(`the hint on line ${HOT_LINE} to disappear`, async () => ((await hintOn(page, HOT_LINE)) === '' ? true : undefined), 15_000);
  // Line 18 (inside light_work) keeps a hint, now a share of the zoomed total.
  const light = await hintOn(page, 18);
  await screenshot(page, 'hot-lines-04-zoomed-light-work');
  assert.ok(light !== undefined && light !== '', `line 18 (inside light_work) keeps a hint while zoomed: "${light}"`);

  await frame.locator(ids.reset).click();
  const back = await waitFor(`the hint on line ${HOT_LINE} to come back`, async () => {
    const h = await hintOn(page, HOT_LINE);
    return h !== undefined && h !== '' ? h : undefined;
  }, 15_000);
  await screenshot(page, 'hot-lines-05-reset');
  assert.ok((parsePercent(back) ?? 0) > 50, `after Reset the hint shows the whole profile's share again: "${back}"`);
});
