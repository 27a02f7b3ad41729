/** Errors of a verification that a person can hit, with messages fit to show as they are. */
import { ProfileFirstError } from '../errors';

/** A command line that cannot be split, with the column (1-based) of the problem. */
export class CommandLineError extends ProfileFirstError {
  constructor(
    readonly commandLine: string,
    readonly column: number,
    problem: string,
  ) {
    super(`${problem} (column ${column} of \`${commandLine}\`)`);
  }
}

/** The verification was cancelled (status bar button, Ctrl-C); its runs were stopped. */
export class VerifyCancelledError extends ProfileFirstError {
  constructor() {
    super('Verification cancelled; its running command was stopped.');
  }
}
