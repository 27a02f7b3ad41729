/**
 * Permissions are explained before they bite (issue 9, point 6), for real: a target runs as a
 * throw-away user, and an unprivileged user (nobody, via setpriv) first asks diagnoseAttach, then
 * attaches with the real py-spy. Needs root (to create the user and switch) and setpriv.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { diagnoseAttach } from '../../../src/core/capture/attachDiagnosis';
import { formatCommandLine } from '../../../src/core/capture/pyspyArgs';
import type { AttachDiagnosis } from '../../../src/core/capture/attachDiagnosis';
import { isAlive, processesWithMarker, requirePySpy, requirePython, uniqueMarker, waitFor } from '../helpers/pyspyTestEnv';
import { asUser, ensureTargetUser, nodeFor, NOBODY, prepareSharedFolder, pythonFor, requireUserSwitching } from './asOtherUser';
import { reliabilityPrograms } from './reliabilityEnv';

interface AttachReport {
  readonly uid: number;
  readonly command: string[];
  readonly diagnosis: AttachDiagnosis;
  readonly result?: string;
  readonly error?: { name: string; message: string; suggestedCommand?: string };
}

let shared: { dir: string; script: string; pyspy: string };
let node: string;
let target: ChildProcess;
let targetUser: { uid: number; gid: number };
const marker = uniqueMarker('ptrace-target');

before(async () => {
  requireUserSwitching();
  targetUser = ensureTargetUser();
  shared = prepareSharedFolder(join(reliabilityPrograms, 'attachAsUser.ts'), await requirePySpy());
  node = nodeFor(NOBODY);
  const python = pythonFor(targetUser, [await requirePython(), '/usr/bin/python3', '/usr/local/bin/python3']);
  target = spawn('setpriv', asUser(targetUser, [python, '-c', 'import time\nwhile True: sum(range(10000))', marker]), { stdio: 'ignore' });
  assert.ok(await waitFor(() => processesWithMarker(marker).length === 1, 5000), 'the target started');
});

after(() => {
  target?.kill('SIGKILL');
  if (shared) rmSync(shared.dir, { recursive: true, force: true });
});

/** Runs the bundled script as nobody and parses its JSON. */
function runAsNobody(args: readonly string[]): AttachReport {
  const r = spawnSync('setpriv', asUser(NOBODY, [node, shared.script, ...args]), { encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, `the script run as nobody failed (${r.status ?? r.signal}): ${r.stderr}`);
  return JSON.parse(r.stdout) as AttachReport;
}

function nobodyFolder(name: string): string {
  const dir = join(shared.dir, name);
  mkdirSync(dir);
  chownSync(dir, NOBODY.uid, NOBODY.gid);
  return dir;
}

test('as another user, diagnoseAttach says attaching is not allowed and gives the exact sudo command; the real py-spy attach is a PermissionDeniedError with the same command', async () => {
  const pid = processesWithMarker(marker)[0];
  const out = nobodyFolder('attach');
  const r = runAsNobody(['attach', shared.pyspy, String(pid), out]);
  assert.equal(r.uid, NOBODY.uid, 'the script ran as nobody');
  const sudo = `sudo env "PATH=$PATH" ${formatCommandLine(r.command)}`;

  assert.equal(r.diagnosis.allowed, false, r.diagnosis.reason);
  assert.equal(r.diagnosis.reason, `Cannot attach to process ${pid}: process ${pid} belongs to another user (uid ${targetUser.uid}/${targetUser.uid}/${targetUser.uid}/${targetUser.uid}, you are ${NOBODY.uid}).`);
  assert.equal(r.diagnosis.suggestedCommand, sudo);
  assert.ok(r.diagnosis.alternatives.some((a) => a === `sudo setcap cap_sys_ptrace+ep ${shared.pyspy}`), r.diagnosis.alternatives.join(' | '));

  assert.equal(r.result, undefined, 'py-spy attached although the kernel should refuse');
  assert.equal(r.error?.name, 'PermissionDeniedError', JSON.stringify(r.error));
  assert.equal(r.error?.suggestedCommand, sudo);
  assert.ok(r.error?.message.startsWith(`The OS did not let py-spy read process ${pid} (ptrace permission). Run: ${sudo}`), r.error?.message);
  assert.ok(isAlive(pid), 'the failed attach harmed the target');
  assert.deepEqual(readdirSync(out), [], 'the failed attach left files');
  assert.deepEqual(processesWithMarker(shared.dir), [], 'py-spy still running');
});

test('as root (CAP_SYS_PTRACE) the same target is diagnosed as attachable', async () => {
  const d = await diagnoseAttach(processesWithMarker(marker)[0]);
  assert.equal(d.allowed, true, d.reason);
  assert.equal(d.reason, 'This process has CAP_SYS_PTRACE.');
});

test('as another user, recording into a folder that user cannot write fails at once with a RunFailedError naming the folder', () => {
  const rootOnly = join(shared.dir, 'root-only');
  mkdirSync(rootOnly, { mode: 0o755 });
  const r = runAsNobody(['launch', shared.pyspy, '/usr/bin/python3', rootOnly]);
  assert.equal(r.uid, NOBODY.uid);
  assert.equal(r.error?.name, 'RunFailedError', JSON.stringify(r));
  assert.match(r.error?.message ?? '', new RegExp(`^Cannot write the profile in ${rootOnly}: EACCES: permission denied, .*\\. Choose another output folder\\.$`));
  assert.deepEqual(readdirSync(rootOnly), []);
});
