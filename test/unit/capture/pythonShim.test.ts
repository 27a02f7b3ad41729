import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { resolvePython } from '../../../src/core/capture/toolDiscovery';

const dir = mkdtempSync(join(tmpdir(), 'pf-shim-'));
after(() => rmSync(dir, { recursive: true, force: true }));

// The real interpreter running this machine's python3 (pyenv's shim is itself a bash script).
const real = process.env.PROFILE_FIRST_TEST_PYTHON ?? '/usr/bin/env';

test('a version-manager shim (a script in a shims folder) resolves to the interpreter it runs', async () => {
  const shims = join(dir, 'shims');
  mkdirSync(shims);
  const shim = join(shims, 'python3');
  // Stands in for pyenv's shim: a #! script that answers sys.executable with the real interpreter.
  writeFileSync(shim, `#!/bin/sh\necho "${realpathSync(real)}"\n`);
  chmodSync(shim, 0o755);
  assert.equal(await resolvePython(shim, { env: process.env, cwd: dir }), realpathSync(real));
});

test('a wrapper script outside a shims folder is run as it is (it may add flags on purpose)', async () => {
  const wrapper = join(dir, 'python-wrapper');
  writeFileSync(wrapper, `#!/bin/sh\necho "${realpathSync(real)}"\n`);
  chmodSync(wrapper, 0o755);
  assert.equal(await resolvePython(wrapper, { env: process.env, cwd: dir }), wrapper);
});
