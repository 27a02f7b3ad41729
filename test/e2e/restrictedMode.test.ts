// Issue 3, test 4: in an untrusted workspace (Restricted Mode) profiling is refused with a
// message, and opening a saved profile still works.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { screenshot } from './harness/artifacts';
import { frameShare, waitForFlameGraph } from './harness/flameGraph';
import { fixturesDir } from './harness/paths';
import { commands, openProfile } from './harness/profileFirst';
import { useSession } from './harness/session';
import { openFile, runCommand, waitForNotification } from './harness/workbench';

const current = useSession({ name: 'restricted-mode', trusted: false });

test('Profile Python File in Restricted Mode is refused with a message saying why', { timeout: 180_000 }, async () => {
  const { page } = current();
  await page.locator('.monaco-workbench .statusbar-item', { hasText: 'Restricted Mode' }).waitFor({ state: 'visible', timeout: 30_000 });
  await openFile(page, 'cpu_hot.py');
  await runCommand(page, commands.profileFile);
  await waitForNotification(page, /Restricted Mode/);
  await screenshot(page, 'restricted-mode-01-refused');
  const recording = page.locator('.notifications-toasts .notification-toast', { hasText: /recording/ });
  assert.equal(await recording.count(), 0, 'no recording started');
});

test('Open Profile… still shows a saved profile in Restricted Mode', { timeout: 180_000 }, async () => {
  const { page } = current();
  await openProfile(page, join(fixturesDir, 'cpu_hot.speedscope.json'));
  const panel = await waitForFlameGraph(page, 'cpu_hot.speedscope.json');
  const { percent } = await frameShare(panel, 'hot_loop');
  await screenshot(page, 'restricted-mode-02-open-profile');
  assert.ok(percent > 50, `hot_loop share ${percent} %`);
});

test('Verify Change… in Restricted Mode is refused with a message and asks for no command', { timeout: 180_000 }, async () => {
  const { page } = current();
  await runCommand(page, 'Profile First: Verify Change…');
  await waitForNotification(page, /does not run commands in Restricted Mode, so it cannot verify a change/);
  await screenshot(page, 'restricted-mode-03-verify-refused');
  assert.equal(await page.locator('.quick-input-widget .quick-input-title', { hasText: /Verify Change/ }).count(), 0, 'no command line input box opened');
});
