// The CLI command's argument handling; nothing here starts a process (every case fails before).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UsageError, type CliIo } from '../../../src/cli/cliIo';
import { verify } from '../../../src/cli/commands/verify';

function io(): CliIo & { out: string[] } {
  const out: string[] = [];
  return { out, stdout: (t) => out.push(t), stderr: (t) => out.push(t), cwd: '/', env: { PATH: '/nonexistent' } };
}

test('--help prints the usage with the defaults and exits 0', async () => {
  const sink = io();
  assert.equal(await verify(['--help'], sink), 0);
  assert.match(sink.out.join(''), /^Usage: profile-first verify \[--runs N\] \[--warmup K\] --baseline "CMD" --candidate "CMD" \[--json\]/);
  assert.match(sink.out.join(''), /default 10/);
});

test('a missing --candidate is a usage error', async () => {
  await assert.rejects(verify(['--baseline', 'python3 a.py'], io()), (err: unknown) => err instanceof UsageError && /--candidate/.test(err.message));
});

test('fewer than 2 runs or a negative warm-up is a usage error', async () => {
  await assert.rejects(verify(['--runs', '1', '--baseline', 'a', '--candidate', 'b'], io()), /--runs must be a whole number of at least 2/);
  await assert.rejects(verify(['--warmup', '-1', '--baseline', 'a', '--candidate', 'b'], io()), UsageError);
});

test('a shell pipe in a command is a usage error that explains no shell runs it', async () => {
  await assert.rejects(
    verify(['--baseline', 'python3 a.py | tee log', '--candidate', 'python3 b.py'], io()),
    (err: unknown) => err instanceof UsageError && /without a shell/.test(err.message),
  );
});

test('a program that is not on PATH is a usage error naming it', async () => {
  await assert.rejects(
    verify(['--baseline', 'pythn3 a.py', '--candidate', 'python3 b.py'], io()),
    (err: unknown) => err instanceof UsageError && /'pythn3' was not found on PATH/.test(err.message),
  );
});

test('a command given after -- instead of with --baseline is a usage error', async () => {
  await assert.rejects(verify(['--baseline', 'a', '--candidate', 'b', '--', 'python3'], io()), /takes no positional arguments/);
});
