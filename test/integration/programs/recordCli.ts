/**
 * Runs `profile-first record` in a process of its own with the real stdout/stderr, so a test can
 * send it SIGINT like a terminal's Ctrl-C (src/cli/main.ts also loads commands still being built).
 */
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
    process.stderr.write(`${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}\n`);
    process.exitCode = err instanceof Error && err.name === 'UsageError' ? 2 : 1;
  },
);
