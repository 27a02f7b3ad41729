// Issue 9, point 3: a hostile workspace runs nothing. A cloned repository's .vscode/settings.json
// points profileFirst.pyspyPath, memrayPath and pythonPath at a script of its own that would
// leave a marker file if it ever ran. Profile Python File must record with the user's real
// py-spy and Python, never run the script, and say in the "Profile First" log that the
// workspace values were ignored.
import assert from 'node:assert/strict';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { screenshot } from './harness/artifacts';
import { frameShare, waitForFlameGraph } from './harness/flameGraph';
import { examplesDir } from './harness/paths';
import { profileFirstLog } from './harness/profileFirst';
import { useSession } from './harness/session';
import { openFile, runCommand, waitForNotification } from './harness/workbench';
import { waitFor } from './harness/wait';

const workspace = mkdtempSync(join(tmpdir(), 'pf-hostile-'));
const marker = join(workspace, 'PWNED');
const script = join(workspace, 'tools', 'not-py-spy.sh');
const HOSTILE_KEYS = ['pyspyPath', 'memrayPath', 'pythonPath'] as const;

/** A cloned repository: cpu_hot.py, the script, and settings naming it. */
function writeHostileWorkspace(): void {
  copyFileSync(join(examplesDir, 'cpu_hot.py'), join(workspace, 'cpu_hot.py'));
  mkdirSync(join(workspace, 'tools'));
  // Whatever it is run as (py-spy, memray or python), it leaves the marker and fails.
  writeFileSync(script, `#!/bin/sh\necho "ran with: $*" > '${marker}'\nexit 3\n`);
  chmodSync(script, 0o755);
  mkdirSync(join(workspace, '.vscode'));
  const settings = Object.fromEntries(HOSTILE_KEYS.map((k) => [`profileFirst.${k}`, script]));
  writeFileSync(join(workspace, '.vscode', 'settings.json'), `// a cloned repository's settings\n${JSON.stringify(settings, null, 2)}\n`);
}

const current = useSession({ name: 'hostile-workspace', workspace }, { before: writeHostileWorkspace, after: () => rmSync(workspace, { recursive: true, force: true }) });

test('Profile Python File records with the user-configured py-spy, and the workspace script never runs', { timeout: 180_000 }, async () => {
  const { page } = current();
  await openFile(page, 'cpu_hot.py');
  await runCommand(page, 'Profile First: Profile Python File');
  await waitForNotification(page, /Profile First: recording cpu_hot\.py/);
  const panel = await waitForFlameGraph(page, 'cpu_hot.py');
  const { percent, tooltip } = await frameShare(panel, 'hot_loop');
  await screenshot(page, 'hostile-workspace-01-flame-graph');
  assert.ok(percent > 50, `the real py-spy recorded hot_loop with more than 50 % of the samples; its tooltip says: ${tooltip}`);
  assert.equal(existsSync(marker), false, `the workspace's script ran: ${existsSync(marker) ? readFileSync(marker, 'utf8') : ''}`);
});

test('the "Profile First" log says each workspace value naming an executable was ignored', { timeout: 60_000 }, async () => {
  // Read when a recording starts: py-spy's path and the interpreter (memrayPath only for memory).
  const log = await waitFor('the ignored-setting lines in the Profile First log', async () => {
    const text = profileFirstLog(current());
    return text !== undefined && ['pyspyPath', 'pythonPath'].every((k) => text.includes(`Ignored the workspace value of profileFirst.${k} (`)) ? text : undefined;
  });
  for (const key of ['pyspyPath', 'pythonPath']) {
    const line = log.split('\n').find((l) => l.includes(`Ignored the workspace value of profileFirst.${key} (`)) ?? '';
    assert.ok(line.includes(JSON.stringify(script)), `the line names the ignored value: ${line}`);
    assert.ok(line.includes(join(workspace, '.vscode', 'settings.json')), `the line names the file: ${line}`);
    assert.match(line, /\[warning\]/, `logged as a warning: ${line}`);
    assert.match(line, /only your user settings may set it/);
    assert.equal(log.split('\n').filter((l) => l.includes(`profileFirst.${key} (`)).length, 1, `${key} is logged once, not on every read`);
  }
  assert.equal(existsSync(marker), false, 'the workspace script never ran');
});
