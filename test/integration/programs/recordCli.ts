/**
 * Runs `profile-first record` in a process of its own with the real stdout/stderr, so a test can
 * send it SIGINT like a terminal's Ctrl-C (src/cli/main.ts also loads commands still being built).
 */
import { ExitCode, UsageError } from '../../../src/cli/cliIo';
import { record } from '../../../src/cli/commands/record';

record(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  cwd: process.cwd(),
  env: process.env,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    // As src/cli/main.ts does: the message only, 2 for usage errors, 1 for failed runs.
    process.stderr.write(`profile-first record: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = err instanceof UsageError ? ExitCode.usage : ExitCode.failed;
  },
);
