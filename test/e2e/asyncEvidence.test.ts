// Issue 6, profile evidence, E2E: Profile Python File on the async example; the await timer
// loaded into the program measures the loop, and the PF101 diagnostic on line 79 becomes a
// Warning that says how long the loop waited. Works on a copy of examples/ in a temporary folder.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { screenshot } from './harness/artifacts';
import { waitForFlameGraph } from './harness/flameGraph';
import { useExamplesSession } from './harness/session';
import { openFile, problemsEntry, runCommand, waitForNotification } from './harness/workbench';
import { waitFor } from './harness/wait';

const FILE = 'fetch.py';
// `results.append(await client.get(path))` inside `for path in paths:` (fetch_all).
const FINDING_LINE = 79;
const STEP_TIMEOUT = { timeout: 240_000 };

const current = useExamplesSession('async-evidence');

test('before profiling, the PF101 diagnostic on line 79 is Information without a time', STEP_TIMEOUT, async () => {
  const { page } = current();
  await openFile(page, FILE);
  const entry = await problemsEntry(page, 'PF101');
  const text = await entry.innerText();
  assert.doesNotMatch(text, /waited/, `no evidence yet: ${text}`);
  assert.ok((await entry.locator('.codicon-info, .codicon-info-filled').count()) > 0, `an Information entry: ${await entry.innerHTML()}`);
});

test('Profile Python File times the awaits; PF101 on line 79 becomes a Warning saying how long the loop waited', STEP_TIMEOUT, async () => {
  const { page } = current();
  await openFile(page, FILE);
  await runCommand(page, 'Profile First: Profile Python File');
  await waitForNotification(page, /Profile First: recording fetch\.py/);
  await waitForFlameGraph(page, FILE);
  const row = await problemsEntry(page, 'PF101');
  const text = await waitFor('the PF101 entry to carry the waiting time', async () => {
    const t = await row.innerText({ timeout: 2_000 }).catch(() => '');
    return /waited/.test(t) ? t : undefined;
  }, 60_000);
  await screenshot(page, 'async-evidence-01-problems');
  assert.match(text, /this loop waited \d+(\.\d)? s, \d+ % of the run, 20 calls one at a time/, text);
  assert.match(text, new RegExp(`\\[Ln ${FINDING_LINE}, Col \\d+\\]`), `on line ${FINDING_LINE}: ${text}`);
  assert.ok((await row.locator('.codicon-warning').count()) > 0, `a Warning entry: ${await row.innerHTML()}`);
});
