import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { diagnoseAttach } from '../../src/core/capture/attachDiagnosis';
import { listPythonProcesses } from '../../src/core/capture/processList';
import { cpuHot, requirePython, sleep, uniqueMarker } from './helpers/pyspyTestEnv';

test('Python programs are listed with command line, CPU % and age, busy before idle; this process is not', async (t) => {
  const python = await requirePython();
  const marker = uniqueMarker('list');
  const busy = spawn(python, [cpuHot, '10', marker], { stdio: 'ignore' });
  const idle = spawn(python, ['-c', 'import time; time.sleep(10)', marker], { stdio: 'ignore' });
  t.after(() => {
    busy.kill('SIGKILL');
    idle.kill('SIGKILL');
  });
  await sleep(800);
  // A 1 s window: with 100 ticks/s a loaded CI machine still gives the busy program many ticks.
  const list = await listPythonProcesses({ sampleMs: 1000 });
  const mine = list.find((p) => p.pid === busy.pid);
  const sleeper = list.find((p) => p.pid === idle.pid);
  assert.ok(mine && sleeper, 'both listed');
  assert.equal(mine.commandLine, `${python} ${cpuHot} 10 ${marker}`);
  assert.equal(sleeper.cpuPercent, 0);
  assert.ok(mine.cpuPercent > 0, `busy cpu ${mine.cpuPercent} %`);
  assert.ok(list.indexOf(mine) < list.indexOf(sleeper), 'busiest first');
  assert.ok(mine.ageSec >= 0 && mine.ageSec < 30, `age ${mine.ageSec}`);
  assert.ok(mine.user !== undefined && mine.user !== '');
  assert.ok(!list.some((p) => p.pid === process.pid));
  for (let i = 1; i < list.length; i++) assert.ok(list[i - 1].cpuPercent >= list[i].cpuPercent, 'sorted by CPU');
});

test('diagnoseAttach on this machine: a live process of ours is allowed, a dead PID is reported missing', async (t) => {
  const python = await requirePython();
  const target = spawn(python, ['-c', 'import time; time.sleep(10)'], { stdio: 'ignore' });
  t.after(() => target.kill('SIGKILL'));
  await sleep(200);
  const live = await diagnoseAttach(target.pid as number);
  // Root with CAP_SYS_PTRACE (this CI), or a user with ptrace_scope 0: allowed. Anything else must explain itself.
  if (!live.allowed) assert.match(live.suggestedCommand ?? '', /sudo/);
  else assert.ok(live.reason.length > 0);
  const dead = await diagnoseAttach(2 ** 22 + 12345);
  assert.deepEqual([dead.allowed, dead.processMissing], [false, true]);
});
