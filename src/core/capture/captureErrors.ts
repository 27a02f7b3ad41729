/**
 * Capture-specific refinements of the core error classes, so the host can pick a button
 * (e.g. "Upgrade py-spy") without matching message text. Each is still a core error class.
 */
import { RunFailedError } from '../errors';

/** The PID given for attach does not exist (any more). */
export class ProcessNotFoundError extends RunFailedError {
  constructor(
    readonly pid: number,
    stderr = '',
  ) {
    super(`Process ${pid} is not running. Pick a running Python process and try again.`, stderr);
  }
}

/** The target is not a Python py-spy can read: not Python at all, or a version it does not know. */
export class UnsupportedPythonError extends RunFailedError {
  constructor(
    message: string,
    /** The version py-spy reported (e.g. `3.15.0a1`), when it said. */
    readonly pythonVersion: string | undefined,
    stderr = '',
  ) {
    super(message, stderr);
  }
}
