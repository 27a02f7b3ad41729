/** Finding memray for an interpreter, and the interpreter of a running process (from a fake /proc). */
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ToolMissingError } from '../../../src/core/errors';
import { assertMemraySupported, findMemray, interpreterOfProcess, MemrayUnsupportedPlatformError } from '../../../src/core/capture/memrayDiscovery';

const dir = mkdtempSync(join(tmpdir(), 'pf-memray-find-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A stand-in interpreter: a shell script that prints or fails like `python -c "import memray…"`. */
function fakePython(name: string, body: string): string {
  const file = join(dir, name);
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

test('an interpreter that imports memray answers with its version', async () => {
  assert.deepEqual(await findMemray(fakePython('good-python', 'echo 1.20.0'), process.env), { python: join(dir, 'good-python'), version: '1.20.0' });
});

test('an interpreter without memray is a ToolMissingError with the pip command for that interpreter', async () => {
  const python = fakePython('bare-python', `echo "Traceback (most recent call last):" >&2; echo "ModuleNotFoundError: No module named 'memray'" >&2; exit 1`);
  const err = await findMemray(python, process.env).then(() => undefined, (e: unknown) => e);
  assert.ok(err instanceof ToolMissingError);
  assert.equal(err.tool, 'memray');
  assert.deepEqual(err.installCommand, [python, '-m', 'pip', 'install', 'memray']);
  assert.match(err.message, /No module named 'memray'/);
});

test('a hung interpreter is stopped by the timeout and said so', async () => {
  const err = await findMemray(fakePython('slow-python', 'sleep 5'), process.env, 200).then(() => undefined, (e: unknown) => e);
  assert.ok(err instanceof ToolMissingError);
  assert.match(err.message, /did not finish in time/);
});

test('memray does not run on Windows', () => {
  assert.throws(() => assertMemraySupported('win32'), MemrayUnsupportedPlatformError);
  assert.doesNotThrow(() => assertMemraySupported('linux'));
});

test('a process interpreter: the started path first (keeps a venv), then $VIRTUAL_ENV, then /proc/PID/exe', async () => {
  const proc = join(dir, 'proc');
  const venvPython = fakePython('venv-python3', 'exit 0');
  const mk = (pid: number, cmdline: string[], environ: string[], exe: string): void => {
    mkdirSync(join(proc, String(pid)), { recursive: true });
    writeFileSync(join(proc, String(pid), 'cmdline'), `${cmdline.join('\0')}\0`);
    writeFileSync(join(proc, String(pid), 'environ'), `${environ.join('\0')}\0`);
    symlinkSync(exe, join(proc, String(pid), 'exe'));
  };
  mk(1, [venvPython, 'app.py'], [], '/usr/bin/python3.11');
  mk(2, ['python3', 'app.py'], [`VIRTUAL_ENV=${dir}/venv`], '/usr/bin/python3.11');
  mkdirSync(join(dir, 'venv', 'bin'), { recursive: true });
  writeFileSync(join(dir, 'venv', 'bin', 'python'), '');
  chmodSync(join(dir, 'venv', 'bin', 'python'), 0o755);
  mk(3, ['python3', 'app.py'], ['HOME=/root'], '/usr/bin/python3.11');
  assert.deepEqual(await interpreterOfProcess(1, proc), { python: venvPython, source: 'argv0' });
  assert.deepEqual(await interpreterOfProcess(2, proc), { python: join(dir, 'venv', 'bin', 'python'), source: 'virtualEnv' });
  assert.deepEqual(await interpreterOfProcess(3, proc), { python: '/usr/bin/python3.11', source: 'exe' });
  assert.equal(await interpreterOfProcess(4, proc), undefined);
});
