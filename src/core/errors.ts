/**
 * Typed errors for failures a person can hit. Each carries a message written for people:
 * what happened, which file or program, and what to do. The CLI prints `message` as is
 * (exit status 2 for bad input, 1 for a failed run); the host shows it as a notification.
 */

/** Base class: `message` is already fit to show to a user. */
export class ProfileFirstError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** A profile file that cannot be read or parsed. */
export class ProfileParseError extends ProfileFirstError {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`);
  }
}

/** A required external tool (py-spy, memray, Python) was not found. */
export class ToolMissingError extends ProfileFirstError {
  constructor(
    readonly tool: string,
    message: string,
    /** The command that installs it, when known (e.g. `/usr/bin/python3 -m pip install py-spy`). */
    readonly installCommand?: readonly string[],
  ) {
    super(message);
  }
}

/** The OS refused to let the profiler read another process (ptrace rights). */
export class PermissionDeniedError extends ProfileFirstError {
  constructor(
    message: string,
    /** A command that works, for the message's button or to copy. */
    readonly suggestedCommand?: string,
  ) {
    super(message);
  }
}

/** A recording or a profiled program that failed. */
export class RunFailedError extends ProfileFirstError {
  constructor(
    message: string,
    readonly stderr = '',
    /** Path of a partial profile the profiler still wrote, if any. */
    readonly partialProfile?: string,
  ) {
    super(message);
  }
}
