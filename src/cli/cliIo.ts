/** What a CLI command may touch: its output streams and working folder (tests pass their own). */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readonly cwd: string;
  /** Environment for child processes and tool look-up. */
  readonly env: NodeJS.ProcessEnv;
}

/** Bad command-line usage: printed with a pointer to `--help`, exit status 2. */
export class UsageError extends Error {}

/** Exit statuses of the CLI contract (shared/DESIGN.md). */
export const ExitCode = { ok: 0, failed: 1, usage: 2 } as const;

/** A CLI sub-command: parses its own arguments and returns the exit status. */
export type CliCommand = (args: readonly string[], io: CliIo) => Promise<number>;
