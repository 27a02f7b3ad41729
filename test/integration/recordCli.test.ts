import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { PermissionDeniedError } from '../../src/core/errors';
import { PySpyRecording } from '../../src/core/capture/pyspyRecording';
import { CPU_HOT_LINE, cpuHot, lineShare, processesWithMarker, programsDir, repoRoot, requirePySpy, requirePython, sleep, uniqueMarker, waitFor } from './helpers/pyspyTestEnv';

let pyspy: string;
let python: string;
const work = mkdtempSync(join(tmpdir(), 'pf-cli-'));
chmodSync(work, 0o755);

before(async () => {
  pyspy = await requirePySpy();
  python = await requirePython();
});
after(() => rmSync(work, { recursive: true, force: true }));

/** Starts the CLI's record command in its own process (cwd = the work folder). */
function startCli(args: string[]) {
  // tsx is resolved here, not from the work folder the CLI runs in.
  const child = spawn(process.execPath, ['--import', pathToFileURL(require.resolve('tsx')).href, join(programsDir, 'recordCli.ts'), ...args], {
    cwd: work,
    env: { ...process.env, PROFILE_FIRST_PYSPY: pyspy },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  return { child, done, stderr: () => stderr };
}

test('CLI record prints only the profile path on stdout; the default name is profile-<script>-<timestamp>', async () => {
  const { done } = startCli(['--duration', '1', '--', python, cpuHot, '3']);
  const { code, stdout, stderr } = await done;
  assert.equal(code, 0, stderr);
  const path = stdout.trim();
  assert.match(path, new RegExp(`^${work}/profile-cpu_hot-\\d{8}-\\d{6}\\.speedscope\\.json$`));
  assert.equal(stdout.split('\n').length, 2, 'one line');
  assert.ok(lineShare(path, 'cpu_hot.py', CPU_HOT_LINE).share > 0.5);
  assert.match(stderr, /py-spy> Sampling process 100 times a second/);
});

test('Ctrl-C (SIGINT to the CLI) stops gracefully and still writes the profile', async () => {
  const marker = uniqueMarker('cli-sigint');
  const output = join(work, 'sigint.speedscope.json');
  const cli = startCli(['-o', output, '--', python, cpuHot, '30', marker]);
  assert.ok(await waitFor(() => /Sampling process/.test(cli.stderr()), 10_000), 'recording started');
  await sleep(1000);
  cli.child.kill('SIGINT');
  const { code, stdout, stderr } = await cli.done;
  assert.equal(code, 0, stderr);
  assert.equal(stdout.trim(), output);
  assert.ok(lineShare(output, 'cpu_hot.py', CPU_HOT_LINE).samples > 30);
  assert.deepEqual(processesWithMarker(marker), []);
  assert.deepEqual(readdirSync(work).filter((n) => n.includes('.tmp-')), []);
});

test('CLI usage errors exit 2: a missing script, and no program at all', async () => {
  const missing = await startCli(['--', python, 'does_not_exist.py']).done;
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /does_not_exist\.py: no such file/);
  assert.equal((await startCli([]).done).code, 2);
});

test('a program outliving itself through a child in its own session does not outlive the recording', async () => {
  const marker = uniqueMarker('orphan');
  const rec = PySpyRecording.launch({ pyspy, outputFile: join(work, 'orphan.speedscope.json'), options: { rate: 100 }, target: { python, script: join(programsDir, 'leaves_child_behind.py'), args: [marker, '1.5'] } });
  const result = await rec.result;
  assert.equal(result.outcome, 'completed');
  assert.ok(await waitFor(() => processesWithMarker(marker).length === 0, 2000), `left behind: ${processesWithMarker(marker).join(', ')}`);
});

test('attach refused by the OS (py-spy run as another user) is a PermissionDeniedError with the command that works', async (t) => {
  const isRoot = process.geteuid?.() === 0;
  const setpriv = spawnSync('sh', ['-c', 'command -v setpriv'], { encoding: 'utf8' }).stdout.trim();
  if (isRoot && setpriv === '') throw new Error('This test drops to uid 65534 with setpriv (util-linux): install util-linux.');
  // As root: a copy of py-spy anyone can run, started through setpriv as nobody. Otherwise we
  // are already unprivileged and attach to a process that is not ours (PID 1).
  let tool = pyspy;
  let target = spawn(python, [cpuHot, '20'], { stdio: 'ignore' });
  t.after(() => target.kill('SIGKILL'));
  if (isRoot) {
    const copy = join(work, 'py-spy');
    copyFileSync(pyspy, copy);
    chmodSync(copy, 0o755);
    tool = join(work, 'py-spy-as-nobody');
    writeFileSync(tool, `#!/bin/sh\nexec ${setpriv} --reuid=65534 --regid=65534 --clear-groups ${copy} "$@"\n`);
    chmodSync(tool, 0o755);
  } else {
    target.kill('SIGKILL');
    target = spawn('true');
  }
  await sleep(300);
  const pid = isRoot ? (target.pid as number) : 1;
  const outputFile = join(work, 'denied.speedscope.json');
  await assert.rejects(PySpyRecording.attach({ pyspy: tool, outputFile, options: { rate: 100, durationSec: 1 }, pid }).result, (err: unknown) => {
    assert.ok(err instanceof PermissionDeniedError, String(err));
    assert.match(err.message, new RegExp(`did not let py-spy read process ${pid}`));
    assert.equal(err.suggestedCommand, `sudo env "PATH=$PATH" ${tool} record --format speedscope --full-filenames --rate 100 --duration 1 -o ${outputFile} --pid ${pid}`);
    return true;
  });
  assert.equal(existsSync(outputFile), false);
});

test('the repository root is where the examples are', () => {
  assert.ok(existsSync(join(repoRoot, 'examples', 'cpu_hot.py')));
});
