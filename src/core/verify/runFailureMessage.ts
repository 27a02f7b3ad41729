/**
 * A failed run as one notification: the runner's message (which side, which run, the command)
 * and the end of the command's stderr. The end, not the start: a Python traceback starts with
 * "Traceback (most recent call last):" and names the exception on its last line, and the helper
 * keeps only the tail of stderr anyway (python/measure_run.py --stderr-tail).
 */
import type { RunFailedError } from '../errors';

/** How many non-blank stderr lines a notification shows; the log gets all of them. */
export const NOTIFICATION_STDERR_LINES = 3;

/** "The candidate command exited with status 1 on run 1: python3 x.py. Its stderr ends: … | ZeroDivisionError: division by zero" */
export function runFailureMessage(err: RunFailedError, maxLines = NOTIFICATION_STDERR_LINES): string {
  const lines = err.stderr.split(/\r?\n/).filter((l) => l.trim() !== '');
  const message = err.message.replace(/\.$/, '');
  if (lines.length === 0) return `${message}. It wrote nothing on stderr.`;
  const shown = lines.slice(-maxLines).map((l) => l.trim());
  const head = lines.length > maxLines ? 'Its stderr ends: … | ' : 'Its stderr: ';
  return `${message}. ${head}${shown.join(' | ')}`;
}
