// Issue 5, E2E: memory profile of examples/mem_hot.py from the palette → a panel with the memory
// over time chart (peak in MiB) and the graph in bytes; the hot line's hint shows MiB.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Frame } from 'playwright-core';
import { screenshot } from './harness/artifacts';
import { drawnFrameNames, waitForFlameGraph } from './harness/flameGraph';
import { examplesDir, repoRoot } from './harness/paths';
import { useSession } from './harness/session';
import { openFile, readEditorLineText, runCommand } from './harness/workbench';
import { waitFor } from './harness/wait';

const FILE = 'mem_hot.py';
const HOT_LINE = 12; // blocks = [bytearray(1 << 20) for _ in range(mib)]  # HOT
const STEP_TIMEOUT = { timeout: 240_000 };
// memray is installed in the project's .venv (npm run setup), not in the system python3.
const VENV_PYTHON = join(repoRoot, '.venv', 'bin', 'python');

const current = useSession(
  { name: 'memory-profile', settings: { 'profileFirst.pythonPath': VENV_PYTHON } },
  { before: () => assert.ok(existsSync(VENV_PYTHON), `${VENV_PYTHON} is missing: run \`npm run setup\` (creates .venv with py-spy and memray)`) },
);
let panel: Frame | undefined;

test('Profile Memory of Python File shows the memory chart with its peak in MiB, and the frames', STEP_TIMEOUT, async () => {
  const { page } = current();
  await openFile(page, FILE);
  await runCommand(page, 'Profile First: Profile Memory of Python File');
  panel = await waitForFlameGraph(page, FILE);
  const peak = panel.locator('#pf-memory-chart svg.pf-memory-svg .pf-memory-peak-label');
  await peak.waitFor({ state: 'visible', timeout: 60_000 });
  const label = await peak.textContent();
  await screenshot(page, 'memory-profile-01-panel');
  assert.match(label ?? '', /MiB/, `the peak label is in MiB: "${label}"`);
  const frames = await drawnFrameNames(panel);
  assert.ok(frames.includes('hold_blocks'), `the graph draws hold_blocks; frames: ${JSON.stringify(frames)}`);
  const summary = await panel.locator('#pf-summary').innerText();
  assert.match(summary, /[KMG]iB|bytes/, `the panel speaks bytes in human units: "${summary}"`);
});

test('the hot line of mem_hot.py shows its memory at peak in MiB', STEP_TIMEOUT, async () => {
  const { page } = current();
  const source = readFileSync(join(examplesDir, FILE), 'utf8').split('\n')[HOT_LINE - 1] ?? '';
  const hint = await waitFor(`an inline hint on line ${HOT_LINE}`, async () => {
    const text = await readEditorLineText(page, HOT_LINE);
    return text !== undefined && text.length > source.length ? text.slice(source.length).trim() : undefined;
  });
  await screenshot(page, 'memory-profile-02-hint');
  assert.match(hint, /MiB/, `the hint on line ${HOT_LINE} shows MiB: "${hint}"`);
});
