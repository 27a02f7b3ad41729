// Issue 3, test 3: Open Profile… on a committed py-spy recording draws the graph without running anything.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { screenshot } from './harness/artifacts';
import { frameShare, waitForFlameGraph } from './harness/flameGraph';
import { fixturesDir } from './harness/paths';
import { openProfile } from './harness/profileFirst';
import { useSession } from './harness/session';
import { notificationTexts } from './harness/workbench';

const FIXTURE = 'cpu_hot.speedscope.json';

const current = useSession({ name: 'open-profile' });

test('Open Profile… on a recorded speedscope file shows hot_loop with more than half of the samples', { timeout: 180_000 }, async () => {
  const { page } = current();
  await openProfile(page, join(fixturesDir, FIXTURE));
  const panel = await waitForFlameGraph(page, FIXTURE);
  const { percent, tooltip } = await frameShare(panel, 'hot_loop');
  await screenshot(page, 'open-profile-01-flame-graph');
  assert.ok(percent > 50, `hot_loop should take more than 50 % of the samples; its tooltip says: ${tooltip}`);
  assert.deepEqual(
    (await notificationTexts(page)).filter((text) => /recording/i.test(text)),
    [],
    'opening a profile records nothing',
  );
});
