/**
 * The argument of the `profileFirst.verifyChange` command. Other parts of the extension (the
 * comparison panel's "Verify with repeated runs") and other extensions can execute the command
 * with two command lines, so the value is untrusted input: checked here before anything runs.
 */
import { ProfileFirstError } from '../errors';
import type { VerifyCommands } from './textReport';

/** Longest command line accepted, in UTF-8 bytes: far above any real one, far below abuse. */
export const MAX_COMMAND_LINE_BYTES = 8 * 1024;

/** An argument of Verify Change that is not `{ baseline: string; candidate: string }` with usable strings. */
export class VerifyRequestError extends ProfileFirstError {}

/**
 * The two command lines of a Verify Change argument, or undefined when there is none (run from
 * the palette: ask the user). Throws VerifyRequestError when the argument is malformed: a
 * non-object, a missing or non-string side, an empty (blank) line or one over 8 KB.
 */
export function parseVerifyRequest(value: unknown): VerifyCommands | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new VerifyRequestError(`Verify Change expects { baseline, candidate } command lines, not ${describe(value)}. Run it from the command palette to type them.`);
  }
  const v = value as Record<string, unknown>;
  return { baseline: commandLine(v.baseline, 'baseline'), candidate: commandLine(v.candidate, 'candidate') };
}

/** Why a typed command line cannot be used, or undefined when it can (input box validation). */
export function commandLineProblem(line: string): string | undefined {
  if (line.trim() === '') return 'Type a command, e.g. python3 bench.py';
  const bytes = Buffer.byteLength(line, 'utf8');
  if (bytes > MAX_COMMAND_LINE_BYTES) return `The command is ${bytes} bytes long; at most ${MAX_COMMAND_LINE_BYTES} are accepted.`;
  return undefined;
}

function commandLine(value: unknown, side: 'baseline' | 'candidate'): string {
  if (typeof value !== 'string') {
    throw new VerifyRequestError(`Verify Change was given no ${side} command line (${describe(value)}). Run it from the command palette to type it.`);
  }
  const problem = commandLineProblem(value);
  if (problem !== undefined) throw new VerifyRequestError(`Verify Change cannot use the ${side} command line: ${problem}`);
  return value;
}

/** The kind of a value, never its content (which may be huge or hostile). */
function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
