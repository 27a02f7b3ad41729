// Issue 7, run history: record examples/cpu_hot.py twice from the palette, find both recordings
// in the Profiles view, compare the newer with the older from its context menu, and see the
// differential flame graph with its table; a window reload keeps the history.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Frame } from 'playwright-core';
import { parseSidecar } from '../../src/core/formats/sidecar';
import { recordingTitle } from '../../src/core/history';
import { screenshot } from './harness/artifacts';
import { waitForFlameGraph } from './harness/flameGraph';
import { chooseInContextMenu, openProfilesView, recordingRow, waitForRecordings, type ProfilesRow } from './harness/profilesView';
import { useSession } from './harness/session';
import { findWebviewFrame } from './harness/webview';
import { notificationTexts, openFile, quickInputBox, runCommand, waitForNotification } from './harness/workbench';
import { waitFor } from './harness/wait';

const STEP_TIMEOUT = { timeout: 240_000 };
const SCRIPT = 'cpu_hot.py';
/** Where the recordings go: a fresh folder, so the history holds exactly this test's recordings. */
const outputDir = mkdtempSync(join(tmpdir(), 'pf-e2e-history-'));

const current = useSession({ name: 'profiles-view', settings: { 'profileFirst.outputDirectory': outputDir } }, { after: () => rmSync(outputDir, { recursive: true, force: true }) });
let rows: ProfilesRow[] = [];

/** The profiles (with sidecars) in the output folder. */
function recordedProfiles(): string[] {
  const names = readdirSync(outputDir);
  return names.filter((n) => names.includes(`${n}.pfmeta.json`)).sort();
}

/** The panel's title for a comparison of the older recording with the newer: each side named by script, start time and commit. */
function comparisonTitle(): string {
  const side = (file: string): string => recordingTitle(file, parseSidecar(readFileSync(join(outputDir, `${file}.pfmeta.json`), 'utf8')));
  const [olderFile, newerFile] = recordedProfiles();
  return `${side(olderFile)} → ${side(newerFile)}`;
}

test('recording cpu_hot.py twice leaves two profiles with sidecars in the output folder', STEP_TIMEOUT, async () => {
  const { page } = current();
  await openFile(page, SCRIPT);
  for (let i = 1; i <= 2; i++) {
    await runCommand(page, 'Profile First: Profile Python File');
    await waitForNotification(page, /Profile First: recording cpu_hot\.py/);
    await waitFor(`recording ${i} on disk`, async () => (recordedProfiles().length === i ? true : undefined), 120_000);
    await waitForFlameGraph(page, SCRIPT);
    await screenshot(page, `profiles-view-0${i}-recorded`);
  }
  assert.equal(recordedProfiles().length, 2);
});

test('the Profiles view lists both recordings under cpu_hot.py, newest first, with kind, duration, rate and commit', STEP_TIMEOUT, async () => {
  const { page } = current();
  await openProfilesView(page);
  rows = await waitForRecordings(page, SCRIPT, 2);
  await screenshot(page, 'profiles-view-03-two-recordings');
  const [group, newer, older] = rows;
  assert.deepEqual([group.level, group.label, group.description], [1, SCRIPT, '2 recordings']);
  for (const item of [newer, older]) {
    assert.equal(item.level, 2);
    assert.match(item.label, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    // examples/ lives in this repository's git checkout, so the commit is known.
    assert.match(item.description, /^cpu · \d+(\.\d+)? s · 100 Hz · [0-9a-f]{7}( dirty)?$/);
  }
  assert.ok(newer.label >= older.label, `newest first: ${newer.label} before ${older.label}`);
  const index = JSON.parse(readFileSync(join(outputDir, 'profile-first-history.json'), 'utf8')) as { version: number; entries: { id: string }[] };
  assert.equal(index.version, 1);
  assert.deepEqual(index.entries.map((e) => e.id).sort(), recordedProfiles());
});

test('Compare with… on the newer recording, picking the older, shows the differential graph and the table of changes', STEP_TIMEOUT, async () => {
  const { page } = current();
  const [, newer, older] = rows;
  // The view refreshes when the folder watcher reports the last recording's files (300 ms
  // debounce); a refresh that lands between the right-click and the menu click closes the menu
  // and the pick never opens. A person would right-click again; so does the test, at most 5 times
  // (on a loaded 2-core machine 3 were once not enough), pausing a moment after each miss.
  const input = quickInputBox(page);
  for (let attempt = 1; ; attempt++) {
    await chooseInContextMenu(page, recordingRow(page, newer.label), 'Compare with…');
    const opened = await input.waitFor({ state: 'visible', timeout: 10_000 }).then(
      () => true,
      () => false,
    );
    if (opened) break;
    if (attempt === 5) throw new Error(`Compare with… opened no pick in 5 tries; notifications: ${JSON.stringify(await notificationTexts(page))}`);
    await page.keyboard.press('Escape');
    await page.waitForTimeout(1_000);
  }
  await screenshot(page, 'profiles-view-04-compare-with');
  const olderRow = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: older.label }).first();
  await olderRow.waitFor({ state: 'visible', timeout: 30_000 });
  await olderRow.click();
  const panel: Frame = await findWebviewFrame(page, 'Flame Graph', 120_000);
  await waitFor('the comparison to be drawn', async () => ((await panel.locator('body[data-pf-rendered]').count()) > 0 && (await panel.locator('#pf-comparison').isVisible()) ? true : undefined), 120_000);
  const title = await panel.locator('#pf-title').innerText();
  const tableRows = await panel.locator('#pf-comparison-rows tr').count();
  const heading = await panel.locator('#pf-comparison-head').innerText();
  await screenshot(page, 'profiles-view-05-comparison');
  assert.equal(title, comparisonTitle(), 'the title names the baseline, then the candidate');
  assert.match(title, /^cpu_hot\.py \d{4}-\d\d-\d\d \d\d:\d\d:\d\d.* → cpu_hot\.py /, 'each side is named by its script and time');
  assert.ok(tableRows > 0, 'the table of changes has rows');
  assert.match(heading, /Before[\s\S]*After/, `the table shows the share before and after: "${heading}"`);
});

test('reloading the window keeps both recordings in the Profiles view', STEP_TIMEOUT, async () => {
  const { page } = current();
  await page.reload();
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
  await openProfilesView(page);
  const after = await waitForRecordings(page, SCRIPT, 2);
  await screenshot(page, 'profiles-view-06-after-reload');
  assert.deepEqual(after.map((r) => r.label), rows.map((r) => r.label));
});

test('Compare Profiles… from the palette proposes the newest recording against the previous one, and Enter compares them', STEP_TIMEOUT, async () => {
  const { page } = current();
  const [, , older] = rows;
  await runCommand(page, 'Profile First: Compare Profiles…');
  // The palette's own row lingers for a moment after the command runs: wait for our quick pick's title.
  await page.locator('.quick-input-widget .quick-input-title', { hasText: 'compare the newest recording' }).waitFor({ state: 'visible', timeout: 30_000 });
  const proposal = await page.locator('.quick-input-widget .quick-input-list .monaco-list-row').first().innerText();
  await screenshot(page, 'profiles-view-07-compare-profiles');
  assert.match(proposal, new RegExp(`^${older.label}\\s*previous recording \\(default\\) · cpu_hot\\.py · cpu · `), `the default baseline is the older recording: "${proposal}"`);
  await quickInputBox(page).press('Enter');
  await waitForFlameGraph(page, comparisonTitle());
  await screenshot(page, 'profiles-view-08-compared-from-palette');
});

test('Delete Recording… asks first, then deletes the older recording\'s files and its row', STEP_TIMEOUT, async () => {
  const { page } = current();
  const [, newer, older] = rows;
  const before = recordedProfiles();
  await chooseInContextMenu(page, recordingRow(page, older.label), 'Delete Recording…');
  const dialog = page.locator('.monaco-dialog-box').first();
  await dialog.waitFor({ state: 'visible', timeout: 30_000 });
  const question = await dialog.locator('.dialog-message-text').innerText();
  await screenshot(page, 'profiles-view-09-delete-confirmation');
  assert.match(question, /^Delete the recording of cpu_hot\.py from \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\?$/);
  assert.deepEqual(recordedProfiles(), before, 'nothing is deleted before the answer');
  await dialog.locator('.dialog-buttons a.monaco-button', { hasText: /^Delete$/ }).click();
  const left = await waitForRecordings(page, SCRIPT, 1);
  await screenshot(page, 'profiles-view-10-deleted');
  assert.deepEqual(left.filter((r) => r.level === 2).map((r) => r.label), [newer.label]);
  const remaining = recordedProfiles();
  assert.equal(remaining.length, 1);
  assert.deepEqual(readdirSync(outputDir).filter((n) => !n.startsWith(remaining[0]) && n !== 'profile-first-history.json'), [], 'the older profile and its sidecar are gone');
});

test('with one recording left, Compare Profiles… says to record twice first', STEP_TIMEOUT, async () => {
  const { page } = current();
  await runCommand(page, 'Profile First: Compare Profiles…');
  const toast = await waitForNotification(page, /Compare Profiles needs two recordings/);
  await screenshot(page, 'profiles-view-11-record-twice');
  assert.match(await toast.innerText(), /Record the script twice first/);
});
