/**
 * Closing VS Code mid-recording (issue 9, point 4): the extension host ends while py-spy or
 * memray is recording, with or without deactivation first. Nothing may outlive it: no py-spy,
 * no memray, no program. The host is stood in for by programs/hostExits.ts, a Node process
 * that runs the real capture code and exits.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { processesWithMarker, repoRoot, requirePySpy, requirePython, uniqueMarker, waitFor } from '../helpers/pyspyTestEnv';
import { requireMemrayPython } from '../../unit/memray/memrayFixtures';
import { reliabilityPrograms } from './reliabilityEnv';

let pyspy: string;
let python: string;
const out = mkdtempSync(join(tmpdir(), 'pf-host-exit-'));
before(async () => {
  pyspy = await requirePySpy();
  python = await requirePython();
});
after(() => rmSync(out, { recursive: true, force: true }));

for (const tool of ['pyspy', 'memray'] as const) {
  for (const how of ['dispose', 'exit'] as const) {
    test(`the host ${how === 'dispose' ? 'deactivating and exiting' : 'exiting without deactivation'} mid-recording leaves no ${tool === 'pyspy' ? 'py-spy' : 'memray'} and no program behind`, async (t) => {
      const marker = uniqueMarker(`host-${how}-${tool}`);
      const dir = mkdtempSync(join(out, `${tool}-${how}-`));
      t.after(() => {
        for (const pid of [...processesWithMarker(marker), ...processesWithMarker(dir)]) process.kill(pid, 'SIGKILL');
      });
      const interpreter = tool === 'pyspy' ? python : requireMemrayPython();
      const host = spawnSync(process.execPath, ['--import', 'tsx', join(reliabilityPrograms, 'hostExits.ts'), tool, how, pyspy, interpreter, dir, marker], {
        cwd: repoRoot,
        encoding: 'utf8',
        timeout: 60_000,
      });
      assert.equal(host.status, 0, `the stand-in host failed: ${host.stderr}`);
      assert.match(host.stdout, /recording/, 'the stand-in host never reached the recording');
      // The clean-up is synchronous on exit; allow the kernel a moment to reap.
      const gone = await waitFor(() => processesWithMarker(marker).length === 0 && processesWithMarker(dir).length === 0, 5_000);
      assert.ok(gone, `left behind: program ${JSON.stringify(processesWithMarker(marker))}, recorder ${JSON.stringify(processesWithMarker(dir))}`);
    });
  }
}
